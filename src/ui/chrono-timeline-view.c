/* chrono-timeline-view.c: the swim-lane timeline on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "chrono-timeline-shapes.h"
#include "chrono-timeline-view-private.h"

/* The widget keeps the visible days in a ChronoTimeScale and asks the
 * render library's layout for a display list whenever the scale, the size
 * or the data change; chrono-timeline-draw.c turns that list into render
 * nodes, chrono-timeline-input.c handles the pointer,
 * chrono-timeline-actions.c the keys and chrono-timeline-navigate.c the
 * moves (animated or not). */

#define FONT_SIZE        14.0
#define MIN_LEVELS       2
#define MAX_LEVELS       6

G_DEFINE_FINAL_TYPE (ChronoTimelineView, chrono_timeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CASE_VIEW,
  PROP_FOCUS_ID,
  N_PROPS
};

enum {
  RANGE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_chrono_timeline_view_invalidate (ChronoTimelineView *self)
{
  self->serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Shows @scale's range now. */
void
_chrono_timeline_view_set_scale (ChronoTimelineView    *self,
                                 const ChronoTimeScale *scale)
{
  if (self->scale.from == scale->from && self->scale.to == scale->to)
    return;
  self->scale.from = scale->from;
  self->scale.to = scale->to;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[RANGE_CHANGED], 0);
}

static void
update_limits (ChronoTimelineView *self)
{
  ChronoMarks *all = self->case_view != NULL ? chrono_case_view_get_marks (self->case_view) : NULL;
  double first, last, pad, span;

  if (all != NULL && all->n_events > 0)
    {
      first = all->min_day;
      last = all->max_day + 1.0;
    }
  else
    {
      first = chrono_day_from_ymd (2000, 1, 1);
      last = first + 366;
    }
  pad = MAX ((last - first) * 0.015, 1.0);
  self->fit_from = first - pad;
  self->fit_to = last + pad;
  span = self->fit_to - self->fit_from;
  chrono_time_scale_set_limits (&self->scale, self->fit_from - span * 0.1, self->fit_to + span * 0.1);
}

static void
sync_adjustment (ChronoTimelineView *self)
{
  double x, y, w, h, content;
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->layout == NULL || height <= 0)
    {
      gtk_widget_set_child_visible (self->scrollbar, FALSE);
      return;
    }
  chrono_timeline_layout_get_data_area (self->layout, 1, height, &x, &y, &w, &h);
  content = chrono_timeline_layout_get_content_height (self->layout, height);
  gtk_adjustment_configure (self->vadjustment,
                            CLAMP (chrono_timeline_layout_get_scroll_y (self->layout), 0,
                                   MAX (content - h, 0)),
                            0, MAX (content, h), 40, h * 0.9, h);
  /* Child-visible, not visible: this runs while allocating. */
  gtk_widget_set_child_visible (self->scrollbar, content > h + 0.5);
}

/* Sizes from the painter, and as many stacking levels as fill the height. */
static void
update_metrics (ChronoTimelineView *self)
{
  ChronoTimelineMetrics metrics;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint levels = MIN_LEVELS;
  double x, y, w, h;

  if (self->layout == NULL || width <= 0 || height <= 0)
    return;

  g_signal_handlers_block_matched (self->layout, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  chrono_timeline_layout_get_metrics (self->layout, &metrics);
  chrono_timeline_painter_fit_metrics (self->painter, self->marks, width, &metrics);
  metrics.footer_height = 0;
  metrics.right_margin = 14;
  metrics.show_labels = TRUE;
  metrics.fit_height = FALSE;
  metrics.grow_levels = FALSE;
  chrono_timeline_layout_get_data_area (self->layout, width, height, &x, &y, &w, &h);
  for (guint l = MIN_LEVELS; l <= MAX_LEVELS; l++)
    {
      metrics.levels = l;
      metrics.collapsed_levels = l + 1;
      chrono_timeline_layout_set_metrics (self->layout, &metrics);
      if (chrono_timeline_layout_get_content_height (self->layout, height) > h)
        break;
      levels = l;
    }
  metrics.levels = levels;
  metrics.collapsed_levels = levels + 1;
  chrono_timeline_layout_set_metrics (self->layout, &metrics);
  g_signal_handlers_unblock_matched (self->layout, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  chrono_timeline_layout_get_data_area (self->layout, width, height, &x, NULL, &w, NULL);
  chrono_time_scale_set_area (&self->scale, x, w);
  sync_adjustment (self);
  _chrono_timeline_view_invalidate (self);
}

static const char *
label_cb (gint64   event_id,
          gpointer user_data)
{
  ChronoTimelineView *self = user_data;

  return self->labels != NULL ? chrono_marks_labels_get (self->labels, event_id) : NULL;
}

static void
layout_changed_cb (ChronoTimelineLayout *layout,
                   ChronoTimelineView   *self)
{
  _chrono_timeline_view_clear_order (self);
  update_metrics (self);
}

static void
marks_changed_cb (ChronoCaseView     *case_view,
                  GParamSpec         *pspec,
                  ChronoTimelineView *self)
{
  ChronoMarks *marks = chrono_case_view_get_visible_marks (case_view);

  g_clear_pointer (&self->marks, chrono_marks_unref);
  _chrono_timeline_view_clear_order (self);
  if (marks == NULL)
    {
      if (self->layout != NULL)
        g_signal_handlers_disconnect_by_data (self->layout, self);
      g_clear_object (&self->layout);
      self->has_range = FALSE;
      sync_adjustment (self);
      _chrono_timeline_view_invalidate (self);
      return;
    }

  self->marks = chrono_marks_ref (marks);
  if (self->layout == NULL)
    {
      self->layout = chrono_timeline_layout_new (marks);
      chrono_timeline_layout_set_label_func (self->layout, label_cb, self, NULL);
      g_signal_connect (self->layout, "changed", G_CALLBACK (layout_changed_cb), self);
    }
  else
    {
      g_signal_handlers_block_matched (self->layout, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      chrono_timeline_layout_set_marks (self->layout, marks);
      g_signal_handlers_unblock_matched (self->layout, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
    }
  update_limits (self);
  if (!self->has_range)
    {
      chrono_time_scale_set_range (&self->scale, self->fit_from, self->fit_to);
      self->has_range = TRUE;
      g_signal_emit (self, signals[RANGE_CHANGED], 0);
    }
  update_metrics (self);
}

static void
store_changed_cb (ChronoCaseView     *case_view,
                  GParamSpec         *pspec,
                  ChronoTimelineView *self)
{
  ChronoStore *store = chrono_case_view_get_store (case_view);
  g_autoptr(GError) error = NULL;

  /* Another case: new lanes, its own period. */
  g_clear_pointer (&self->labels, chrono_marks_labels_free);
  g_clear_pointer (&self->options, chrono_timeline_options_free);
  self->options = chrono_timeline_options_new ();
  self->has_range = FALSE;
  self->focus_id = 0;
  if (self->layout != NULL)
    g_signal_handlers_disconnect_by_data (self->layout, self);
  g_clear_object (&self->layout);
  if (store != NULL)
    {
      self->labels = chrono_marks_labels_new (store);
      if (!chrono_timeline_options_load_case (self->options, store, &error))
        g_warning ("Review period and key dates left out: %s", error->message);
    }
  self->options->theme = self->theme;
  chrono_timeline_painter_set_options (self->painter, self->options);
  _chrono_timeline_view_clear_caches (self);
  marks_changed_cb (case_view, NULL, self);
}

static void
selection_changed_cb (ChronoCaseView     *case_view,
                      GParamSpec         *pspec,
                      ChronoTimelineView *self)
{
  gint64 id = chrono_case_view_get_selected_id (case_view);

  if (id != 0)
    {
      chrono_timeline_view_set_focus_id (self, id);
      chrono_timeline_view_reveal_event (self, id);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
hits_changed_cb (ChronoCaseView     *case_view,
                 ChronoTimelineView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_theme (ChronoTimelineView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  ChronoTimelineTheme theme;

  if (adw_style_manager_get_dark (manager))
    theme = CHRONO_TIMELINE_THEME_DARK;
  else if (adw_style_manager_get_high_contrast (manager))
    theme = CHRONO_TIMELINE_THEME_HIGH_CONTRAST;
  else
    theme = CHRONO_TIMELINE_THEME_LIGHT;

  self->theme = theme;
  chrono_timeline_painter_set_theme (self->painter, theme);
  _chrono_timeline_view_clear_caches (self);
  _chrono_timeline_view_invalidate (self);
}

static void
vadjustment_changed_cb (GtkAdjustment      *adjustment,
                        ChronoTimelineView *self)
{
  _chrono_timeline_view_set_scroll_y (self, gtk_adjustment_get_value (adjustment));
}

/* Private API */

const ChronoDisplayList *
_chrono_timeline_view_ensure_list (ChronoTimelineView *self)
{
  ChronoDrawKey key = { 0 };

  if (self->layout == NULL)
    return NULL;

  key.from = self->scale.from;
  key.to = self->scale.to;
  key.width = gtk_widget_get_width (GTK_WIDGET (self));
  key.height = gtk_widget_get_height (GTK_WIDGET (self));
  key.scroll_y = chrono_timeline_layout_get_scroll_y (self->layout);
  key.serial = self->serial;
  if (!self->list_valid || memcmp (&key, &self->list_key, sizeof key) != 0)
    {
      chrono_timeline_layout_build (self->layout, &self->scale, key.width, key.height);
      /* The layout keeps the scroll within the lanes. */
      key.scroll_y = chrono_timeline_layout_get_scroll_y (self->layout);
      self->list_key = key;
      self->list_valid = TRUE;
    }
  return chrono_timeline_layout_get_display_list (self->layout);
}

double
_chrono_timeline_view_get_scroll_y (ChronoTimelineView *self)
{
  return self->layout != NULL ? chrono_timeline_layout_get_scroll_y (self->layout) : 0;
}

void
_chrono_timeline_view_set_scroll_y (ChronoTimelineView *self,
                                    double              scroll_y)
{
  double lower = gtk_adjustment_get_lower (self->vadjustment);
  double upper = gtk_adjustment_get_upper (self->vadjustment) -
                 gtk_adjustment_get_page_size (self->vadjustment);

  if (self->layout == NULL)
    return;
  scroll_y = CLAMP (scroll_y, lower, MAX (upper, lower));
  if (scroll_y == chrono_timeline_layout_get_scroll_y (self->layout))
    return;
  g_signal_handlers_block_matched (self->layout, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  chrono_timeline_layout_set_scroll_y (self->layout, scroll_y);
  g_signal_handlers_unblock_matched (self->layout, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  g_signal_handlers_block_by_func (self->vadjustment, vadjustment_changed_cb, self);
  gtk_adjustment_set_value (self->vadjustment, scroll_y);
  g_signal_handlers_unblock_by_func (self->vadjustment, vadjustment_changed_cb, self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_chrono_timeline_view_select (ChronoTimelineView *self,
                              gint64              id)
{
  if (self->case_view != NULL)
    chrono_case_view_set_selected_id (self->case_view, id);
  if (id != 0)
    chrono_timeline_view_set_focus_id (self, id);
}

void
_chrono_timeline_view_set_lane_order (ChronoTimelineView *self,
                                      const guint        *order,
                                      guint               n_lanes)
{
  ChronoStore *store = self->case_view != NULL ? chrono_case_view_get_store (self->case_view) : NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->layout == NULL || !chrono_timeline_layout_set_lane_order (self->layout, order, n_lanes))
    return;
  if (store == NULL || chrono_store_is_read_only (store))
    return;

  /* One transaction: the case keeps the new order whole or not at all. */
  ok = chrono_store_begin (store, &error);
  for (guint o = 0; ok && o < n_lanes; o++)
    ok = chrono_store_set_agency_position (store, self->marks->lanes[order[o]].agency_id, (int) o,
                                           &error);
  if (ok)
    ok = chrono_store_commit (store, &error);
  else
    chrono_store_rollback (store);
  if (!ok)
    g_warning ("The lane order was not saved: %s", error->message);
}

void
_chrono_timeline_view_set_lane_hidden (ChronoTimelineView *self,
                                       guint               lane,
                                       gboolean            hidden)
{
  ChronoStore *store = self->case_view != NULL ? chrono_case_view_get_store (self->case_view) : NULL;
  g_autoptr(GError) error = NULL;

  if (self->layout == NULL || lane >= self->marks->n_lanes)
    return;
  chrono_timeline_layout_set_lane_hidden (self->layout, lane, hidden);
  if (store != NULL && !chrono_store_is_read_only (store) &&
      !chrono_store_set_agency_hidden (store, self->marks->lanes[lane].agency_id, hidden, &error))
    g_warning ("The hidden lane was not saved: %s", error->message);
}

int
_chrono_timeline_view_row_of_event (ChronoTimelineView      *self,
                                    const ChronoDisplayList *list,
                                    guint                    event)
{
  guint lane = self->marks->lane[event];
  gint unit = self->marks->unit[event];

  for (guint i = 0; i < list->rows->len; i++)
    {
      const ChronoDlRow *row = &g_array_index (list->rows, ChronoDlRow, i);

      if (row->lane == lane && (row->unit == unit || (row->flags & CHRONO_ROW_COLLAPSED)))
        return (int) i;
    }
  return -1;
}

/* Vfuncs */

static void
chrono_timeline_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 900 : 520;
}

static void
chrono_timeline_view_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  double axis = 0;
  int sb_width = 0;

  update_metrics (self);
  if (self->layout != NULL)
    chrono_timeline_layout_get_data_area (self->layout, width, height, NULL, &axis, NULL, NULL);
  gtk_widget_measure (self->scrollbar, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &sb_width, NULL, NULL);
  gtk_widget_size_allocate (self->scrollbar,
                            &(GtkAllocation) { width - sb_width, (int) axis, sb_width,
                                               MAX (height - (int) axis, 0) },
                            -1);
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
chrono_timeline_view_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  _chrono_timeline_view_draw (self, snapshot);
  gtk_widget_snapshot_child (widget, self->scrollbar, snapshot);
}

static void
chrono_timeline_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (chrono_timeline_view_parent_class)->map (widget);
  update_metrics (CHRONO_TIMELINE_VIEW (widget));
}

static void
chrono_timeline_view_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (chrono_timeline_view_parent_class)->css_changed (widget, change);
  _chrono_timeline_view_setup_fonts (CHRONO_TIMELINE_VIEW (widget));
}

static void
chrono_timeline_view_dispose (GObject *object)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (object);

  _chrono_timeline_view_stop_animation (self);
  chrono_timeline_view_set_case_view (self, NULL);
  g_clear_pointer (&self->scrollbar, gtk_widget_unparent);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  if (self->layout != NULL)
    g_signal_handlers_disconnect_by_data (self->layout, self);
  g_clear_object (&self->layout);
  g_clear_object (&self->painter);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->marks, chrono_marks_unref);
  g_clear_pointer (&self->labels, chrono_marks_labels_free);
  g_clear_pointer (&self->options, chrono_timeline_options_free);
  _chrono_timeline_view_clear_caches (self);
  _chrono_timeline_view_clear_order (self);
  g_clear_object (&self->text);
  for (guint f = 0; f < CHRONO_N_FONTS; f++)
    g_clear_pointer (&self->fonts[f], pango_font_description_free);
  g_clear_pointer (&self->text_nodes, g_hash_table_unref);
  g_clear_pointer (&self->sprites, g_hash_table_unref);
  g_clear_pointer (&self->lane_colours, g_array_unref);

  G_OBJECT_CLASS (chrono_timeline_view_parent_class)->dispose (object);
}

static void
chrono_timeline_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CASE_VIEW:
      g_value_set_object (value, self->case_view);
      break;

    case PROP_FOCUS_ID:
      g_value_set_int64 (value, self->focus_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_timeline_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CASE_VIEW:
      chrono_timeline_view_set_case_view (self, g_value_get_object (value));
      break;

    case PROP_FOCUS_ID:
      chrono_timeline_view_set_focus_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_timeline_view_class_init (ChronoTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_timeline_view_dispose;
  object_class->get_property = chrono_timeline_view_get_property;
  object_class->set_property = chrono_timeline_view_set_property;

  widget_class->measure = chrono_timeline_view_measure;
  widget_class->size_allocate = chrono_timeline_view_size_allocate;
  widget_class->snapshot = chrono_timeline_view_snapshot;
  widget_class->map = chrono_timeline_view_map;
  widget_class->css_changed = chrono_timeline_view_css_changed;

  properties[PROP_CASE_VIEW] =
    g_param_spec_object ("case-view", NULL, NULL, CHRONO_TYPE_CASE_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_ID] =
    g_param_spec_int64 ("focus-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronoTimelineView::range-changed:
   *
   * Other days are shown (on every frame of an animation).
   */
  signals[RANGE_CHANGED] = g_signal_new ("range-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "chrono-timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  _chrono_timeline_view_install_actions (widget_class);
}

static void
chrono_timeline_view_init (ChronoTimelineView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  self->painter = chrono_timeline_painter_new ();
  self->font_size = FONT_SIZE;
  chrono_timeline_painter_set_font_size (self->painter, self->font_size);
  self->options = chrono_timeline_options_new ();
  chrono_time_scale_init (&self->scale, 0, 1, 0, 1);
  self->text_nodes = chrono_draw_text_cache_new ();
  self->lane_colours = g_array_new (FALSE, FALSE, sizeof (ChronoRgba));
  self->sprites = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) gsk_render_node_unref);

  self->vadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 1, 40, 100, 1));
  g_signal_connect (self->vadjustment, "value-changed", G_CALLBACK (vadjustment_changed_cb), self);
  self->scrollbar = gtk_scrollbar_new (GTK_ORIENTATION_VERTICAL, self->vadjustment);
  gtk_widget_set_child_visible (self->scrollbar, FALSE);
  gtk_widget_set_parent (self->scrollbar, GTK_WIDGET (self));

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (update_theme), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (update_theme), self,
                           G_CONNECT_SWAPPED);
  update_theme (self);
  _chrono_timeline_view_setup_input (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("One lane per agency; Alt+Left and Alt+Right move from event to event"),
                                  -1);
}

/* Public API */

GtkWidget *
chrono_timeline_view_new (void)
{
  return g_object_new (CHRONO_TYPE_TIMELINE_VIEW, NULL);
}

ChronoCaseView *
chrono_timeline_view_get_case_view (ChronoTimelineView *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), NULL);
  return self->case_view;
}

void
chrono_timeline_view_set_case_view (ChronoTimelineView *self,
                                    ChronoCaseView     *case_view)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));
  g_return_if_fail (case_view == NULL || CHRONO_IS_CASE_VIEW (case_view));

  if (self->case_view == case_view)
    return;
  if (self->case_view != NULL)
    g_signal_handlers_disconnect_by_data (self->case_view, self);
  g_set_object (&self->case_view, case_view);
  if (case_view != NULL)
    {
      g_signal_connect (case_view, "notify::store", G_CALLBACK (store_changed_cb), self);
      g_signal_connect (case_view, "notify::visible-marks", G_CALLBACK (marks_changed_cb), self);
      g_signal_connect (case_view, "notify::selected-id", G_CALLBACK (selection_changed_cb), self);
      g_signal_connect (case_view, "hits-changed", G_CALLBACK (hits_changed_cb), self);
      store_changed_cb (case_view, NULL, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_VIEW]);
}

ChronoTimelineLayout *
chrono_timeline_view_get_layout (ChronoTimelineView *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), NULL);
  return self->layout;
}

gint64
chrono_timeline_view_get_focus_id (ChronoTimelineView *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), 0);
  return self->focus_id;
}

void
chrono_timeline_view_set_focus_id (ChronoTimelineView *self,
                                   gint64              id)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  if (self->focus_id == id)
    return;
  self->focus_id = id;
  text = id != 0 ? chrono_timeline_view_describe_event (self, id) : NULL;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text != NULL ? text : _("Timeline"),
                                  -1);
  if (id != 0)
    chrono_timeline_view_reveal_event (self, id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_ID]);
}
