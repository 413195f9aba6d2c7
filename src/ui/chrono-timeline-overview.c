/* chrono-timeline-overview.c: the whole chronology in a strip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-overview"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "chrono-timeline-overview.h"

/* A histogram of every visible event over the days the timeline can reach,
 * drawn once per size and data into a cached node; the years under it; and
 * the timeline's window on top, which follows the timeline on every frame
 * and moves it when dragged. */

#define HEIGHT 52
#define BIN    3     /* pixels a bar of the histogram */
#define LABELS 16    /* the years, below it */

struct _ChronoTimelineOverview
{
  GtkWidget           parent_instance;

  ChronoTimelineView *view;
  ChronoMarks        *marks;      /* what the histogram was drawn for (a ref) */
  GskRenderNode      *histogram;
  int                 node_width;
  int                 node_height;
  double              node_lo, node_hi;
  gboolean            node_dark;
  double              grab;       /* pointer offset from the window's centre */
};

G_DEFINE_FINAL_TYPE (ChronoTimelineOverview, chrono_timeline_overview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
limits (ChronoTimelineOverview *self,
        double                 *lo,
        double                 *hi)
{
  *lo = 0;
  *hi = 1;
  if (self->view != NULL)
    chrono_timeline_view_get_limits (self->view, lo, hi);
  if (*hi <= *lo)
    *hi = *lo + 1;
}

static GdkRGBA
named_colour (GtkWidget  *widget,
              const char *name,
              const char *fallback)
{
  GdkRGBA colour;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &colour))
    gdk_rgba_parse (&colour, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return colour;
}

static GskRenderNode *
draw_histogram (ChronoTimelineOverview *self,
                ChronoMarks            *marks,
                int                     width,
                int                     height,
                double                  lo,
                double                  hi)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  guint n_bins = (guint) MAX (width / BIN + 1, 1);
  g_autofree guint *counts = g_new0 (guint, n_bins);
  g_autoptr(ChronoTicks) ticks = NULL;
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  ChronoTimeScale scale;
  GdkRGBA fg, bar, line;
  guint max = 1;
  double bottom = height - LABELS, top = 4;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  bar = fg;
  bar.alpha = 0.5f;
  line = fg;
  line.alpha = 0.12f;

  for (guint i = 0; marks != NULL && i < marks->n_events; i++)
    {
      double x = (marks->pos[i] - lo) / (hi - lo) * width;

      if (x >= 0 && x < width)
        max = MAX (max, ++counts[(guint) x / BIN]);
    }

  chrono_time_scale_init (&scale, lo, hi, 0, width);
  ticks = chrono_time_scale_compute_ticks (&scale, 7);
  {
    PangoAttrList *attrs = pango_attr_list_new ();
    GArray *row = ticks->ticks->len <= 40 ? ticks->ticks : ticks->context;

    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
    for (guint i = 0; i < row->len; i++)
      {
        const ChronoTick *t = &g_array_index (row, ChronoTick, i);
        int w, h;

        gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (round (t->x), 0, 1, height));
        pango_layout_set_text (layout, t->label, -1);
        pango_layout_get_pixel_size (layout, &w, &h);
        if (t->end_x - t->x < w + 6 || t->x < 0)
          continue;
        gtk_snapshot_save (snapshot);
        gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (t->x) + 3, bottom + (LABELS - h) / 2));
        gtk_snapshot_append_layout (snapshot, layout, &fg);
        gtk_snapshot_restore (snapshot);
      }
  }

  /* Logarithmic: a quiet year still shows next to a busy one. */
  for (guint b = 0; b < n_bins; b++)
    {
      double h;

      if (counts[b] == 0)
        continue;
      h = MAX (log1p (counts[b]) / log1p (max) * (bottom - top), 2);
      gtk_snapshot_append_color (snapshot, &bar, &GRAPHENE_RECT_INIT (b * BIN, bottom - h, BIN - 1, h));
    }
  g_object_unref (layout);
  return gtk_snapshot_free_to_node (snapshot);
}

static void
range_changed_cb (ChronoTimelineOverview *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
window_x (ChronoTimelineOverview *self,
          double                 *x0,
          double                 *x1)
{
  double from = 0, to = 0;

  chrono_timeline_view_get_visible_range (self->view, &from, &to);
  *x0 = chrono_timeline_overview_day_to_x (self, from);
  *x1 = chrono_timeline_overview_day_to_x (self, to);
}

static void
move_window (ChronoTimelineOverview *self,
             double                  centre_x,
             gboolean                animate)
{
  double from, to, lo, hi, day;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (self->view == NULL || width <= 0)
    return;
  limits (self, &lo, &hi);
  chrono_timeline_view_get_visible_range (self->view, &from, &to);
  day = lo + centre_x / width * (hi - lo);
  chrono_timeline_view_set_visible_range (self->view, day - (to - from) / 2, day + (to - from) / 2, animate);
}

static void
drag_begin_cb (GtkGestureDrag         *gesture,
               double                  x,
               double                  y,
               ChronoTimelineOverview *self)
{
  double x0, x1;

  if (self->view == NULL)
    return;
  window_x (self, &x0, &x1);
  /* Inside the window: it moves with the pointer; elsewhere it jumps there. */
  self->grab = x >= x0 && x <= x1 ? x - (x0 + x1) / 2 : 0;
  if (self->grab == 0)
    move_window (self, x, TRUE);
}

static void
drag_update_cb (GtkGestureDrag         *gesture,
                double                  dx,
                double                  dy,
                ChronoTimelineOverview *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (fabs (dx) >= 1)
    move_window (self, x + dx - self->grab, FALSE);
}

static void
chrono_timeline_overview_measure (GtkWidget      *widget,
                                  GtkOrientation  orientation,
                                  int             for_size,
                                  int            *minimum,
                                  int            *natural,
                                  int            *minimum_baseline,
                                  int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_VERTICAL ? HEIGHT : 100;
}

static void
chrono_timeline_overview_snapshot (GtkWidget   *widget,
                                   GtkSnapshot *snapshot)
{
  ChronoTimelineOverview *self = CHRONO_TIMELINE_OVERVIEW (widget);
  ChronoCaseView *case_view = self->view != NULL ? chrono_timeline_view_get_case_view (self->view) : NULL;
  ChronoMarks *marks = case_view != NULL ? chrono_case_view_get_visible_marks (case_view) : NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA accent = named_colour (widget, "accent_bg_color", "#3584e4");
  GdkRGBA shade = { 0, 0, 0, dark ? 0.35f : 0.07f };
  GskRoundedRect frame;
  double lo, hi, x0, x1;

  if (self->view == NULL || marks == NULL || width <= 0)
    return;
  limits (self, &lo, &hi);
  if (self->histogram == NULL || self->marks != marks || self->node_width != width ||
      self->node_height != height || self->node_lo != lo || self->node_hi != hi || self->node_dark != dark)
    {
      g_clear_pointer (&self->histogram, gsk_render_node_unref);
      self->histogram = draw_histogram (self, marks, width, height, lo, hi);
      g_clear_pointer (&self->marks, chrono_marks_unref);
      self->marks = chrono_marks_ref (marks);
      self->node_width = width;
      self->node_height = height;
      self->node_lo = lo;
      self->node_hi = hi;
      self->node_dark = dark;
    }
  if (self->histogram != NULL)
    gtk_snapshot_append_node (snapshot, self->histogram);

  window_x (self, &x0, &x1);
  x0 = CLAMP (round (x0), 0, width);
  x1 = CLAMP (round (x1), x0 + 3, width);
  gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (0, 0, x0, height));
  gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (x1, 0, width - x1, height));
  accent.alpha = 0.18f;
  gtk_snapshot_append_color (snapshot, &accent, &GRAPHENE_RECT_INIT (x0, 0, x1 - x0, height));
  accent.alpha = 1;
  gsk_rounded_rect_init_from_rect (&frame, &GRAPHENE_RECT_INIT (x0, 1, x1 - x0, height - 2), 3);
  gtk_snapshot_append_border (snapshot, &frame, (float[4]) { 2, 2, 2, 2 },
                              (GdkRGBA[4]) { accent, accent, accent, accent });
}

static void
chrono_timeline_overview_dispose (GObject *object)
{
  ChronoTimelineOverview *self = CHRONO_TIMELINE_OVERVIEW (object);

  chrono_timeline_overview_set_view (self, NULL);
  g_clear_pointer (&self->histogram, gsk_render_node_unref);
  g_clear_pointer (&self->marks, chrono_marks_unref);

  G_OBJECT_CLASS (chrono_timeline_overview_parent_class)->dispose (object);
}

static void
chrono_timeline_overview_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ChronoTimelineOverview *self = CHRONO_TIMELINE_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_timeline_overview_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  ChronoTimelineOverview *self = CHRONO_TIMELINE_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      chrono_timeline_overview_set_view (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_timeline_overview_class_init (ChronoTimelineOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_timeline_overview_dispose;
  object_class->get_property = chrono_timeline_overview_get_property;
  object_class->set_property = chrono_timeline_overview_set_property;
  widget_class->measure = chrono_timeline_overview_measure;
  widget_class->snapshot = chrono_timeline_overview_snapshot;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, CHRONO_TYPE_TIMELINE_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chrono-overview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
chrono_timeline_overview_init (ChronoTimelineOverview *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("The whole chronology: drag the highlighted part to move the timeline"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Overview of the whole chronology"), -1);
}

GtkWidget *
chrono_timeline_overview_new (void)
{
  return g_object_new (CHRONO_TYPE_TIMELINE_OVERVIEW, NULL);
}

ChronoTimelineView *
chrono_timeline_overview_get_view (ChronoTimelineOverview *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_OVERVIEW (self), NULL);
  return self->view;
}

void
chrono_timeline_overview_set_view (ChronoTimelineOverview *self,
                                   ChronoTimelineView     *view)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_OVERVIEW (self));
  g_return_if_fail (view == NULL || CHRONO_IS_TIMELINE_VIEW (view));

  if (self->view == view)
    return;
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_set_object (&self->view, view);
  if (view != NULL)
    g_signal_connect_swapped (view, "range-changed", G_CALLBACK (range_changed_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

double
chrono_timeline_overview_day_to_x (ChronoTimelineOverview *self,
                                   double                  day)
{
  double lo, hi;

  g_return_val_if_fail (CHRONO_IS_TIMELINE_OVERVIEW (self), 0);

  limits (self, &lo, &hi);
  return (day - lo) / (hi - lo) * gtk_widget_get_width (GTK_WIDGET (self));
}
