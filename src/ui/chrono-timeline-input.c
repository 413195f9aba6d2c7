/* chrono-timeline-input.c: the timeline under the pointer and the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "chrono-timeline-view-private.h"

/* Pointer: a click selects an event or zooms into a cluster, a drag pans
 * (or moves a lane when it starts on the lane's header), Ctrl+scroll and a
 * pinch zoom around the pointer, scrolling pans (or scrolls the lanes when
 * they do not fit), the secondary button opens a lane's menu.  Keyboard:
 * the bindings in chrono-timeline-view.c; moving from event to event uses
 * the visible events in time order, across lanes. */

#define DRAG_THRESHOLD 6
#define EXPANDER_WIDTH 30
#define WHEEL_ZOOM     1.25

static gboolean
hit_test (ChronoTimelineView *self,
          double              x,
          double              y,
          ChronoTimelineHit  *hit)
{
  if (_chrono_timeline_view_ensure_list (self) == NULL)
    return FALSE;
  return chrono_timeline_layout_hit_test (self->layout, x, y, hit) && hit->kind != CHRONO_HIT_NONE;
}

static void
zoom_into (ChronoTimelineView *self,
           double              day0,
           double              day1)
{
  double span = MAX ((day1 - day0) * 1.3, 1.0);

  chrono_timeline_view_set_visible_range (self, (day0 + day1 - span) / 2, (day0 + day1 + span) / 2, TRUE);
}

static void
show_popover (ChronoTimelineView *self,
              GtkWidget          *popover,
              double              x,
              double              y)
{
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  self->popover = popover;
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
event_row_activated_cb (GtkListBox         *list,
                        GtkListBoxRow      *row,
                        ChronoTimelineView *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "event-id");

  _chrono_timeline_view_select (self, *id);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

/* Events at the same moment never come apart by zooming: a list of them. */
static void
show_cluster_events (ChronoTimelineView *self,
                     const ChronoTimelineHit *hit,
                     double              x,
                     double              y)
{
  const ChronoMarksLane *lane = &self->marks->lanes[hit->lane];
  const ChronoMarksTrack *track;
  GtkWidget *popover, *scrolled, *list;
  guint begin, end;

  if (hit->unit >= 0)
    track = &lane->tracks[hit->unit + 1];
  else if (lane->n_units == 0 || chrono_timeline_layout_get_lane_collapsed (self->layout, hit->lane))
    track = &lane->all;
  else
    track = &lane->tracks[0];
  chrono_marks_track_points (self->marks, track, hit->day0, hit->day1 + 1e-6, &begin, &end);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  for (guint k = begin; k < end && k < begin + 100; k++)
    {
      gint64 *id = g_new (gint64, 1);
      g_autofree char *text = NULL;
      GtkWidget *row = gtk_list_box_row_new (), *label;

      *id = self->marks->id[track->points[k]];
      text = chrono_timeline_view_describe_event (self, *id);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "event-id", id, g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  g_signal_connect (list, "row-activated", G_CALLBACK (event_row_activated_cb), self);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 400);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  show_popover (self, popover, x, y);
}

static void
click_pressed_cb (GtkGestureClick    *gesture,
                  int                 n_press,
                  double              x,
                  double              y,
                  ChronoTimelineView *self)
{
  ChronoTimelineHit hit;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) != GDK_BUTTON_SECONDARY)
    return;
  if (hit_test (self, x, y, &hit))
    {
      _chrono_timeline_view_show_lane_menu (self, hit.lane, x, y);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
}

static void
click_released_cb (GtkGestureClick    *gesture,
                   int                 n_press,
                   double              x,
                   double              y,
                   ChronoTimelineView *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  ChronoTimelineHit hit;

  /* (No button at all: a click made by the tests.) */
  /* (A lane that was moved, not clicked.) */
  if ((button != GDK_BUTTON_PRIMARY && button != 0) ||
      (self->drag_mode == CHRONO_DRAG_REORDER && self->drop_index >= 0))
    return;
  if (!hit_test (self, x, y, &hit))
    return;

  switch (hit.kind)
    {
    case CHRONO_HIT_EVENT:
      _chrono_timeline_view_select (self, hit.event_id);
      break;

    case CHRONO_HIT_CLUSTER:
      if (hit.day1 - hit.day0 < 1.0 / 24)
        show_cluster_events (self, &hit, x, y);
      else
        zoom_into (self, hit.day0, hit.day1);
      break;

    case CHRONO_HIT_HEADER:
      if (hit.unit < 0 && self->marks->lanes[hit.lane].n_units > 0 && (x < EXPANDER_WIDTH || n_press == 2))
        chrono_timeline_layout_set_lane_collapsed (self->layout, hit.lane,
                                                   !chrono_timeline_layout_get_lane_collapsed (self->layout,
                                                                                               hit.lane));
      break;

    case CHRONO_HIT_ROW:
      _chrono_timeline_view_select (self, 0);
      break;

    case CHRONO_HIT_NONE:
    default:
      break;
    }
}

static void
drag_begin_cb (GtkGestureDrag     *gesture,
               double              x,
               double              y,
               ChronoTimelineView *self)
{
  const ChronoDisplayList *list = _chrono_timeline_view_ensure_list (self);
  ChronoTimelineHit hit;

  self->drag_mode = CHRONO_DRAG_NONE;
  if (list == NULL)
    return;
  if (x < list->data_x0 && y >= list->data_y0 && x >= EXPANDER_WIDTH && hit_test (self, x, y, &hit) &&
      hit.kind == CHRONO_HIT_HEADER)
    {
      self->drag_lane = hit.lane;
      self->drop_index = -1;
      self->drag_mode = CHRONO_DRAG_REORDER;
      return;
    }
  self->drag_mode = CHRONO_DRAG_PAN;
  self->drag_scale = self->scale;
  self->drag_scroll_y = _chrono_timeline_view_get_scroll_y (self);
}

static void
drag_update_cb (GtkGestureDrag     *gesture,
                double              dx,
                double              dy,
                ChronoTimelineView *self)
{
  const ChronoDisplayList *list = _chrono_timeline_view_ensure_list (self);
  double x, y;

  if (list == NULL)
    return;
  if (self->drag_mode == CHRONO_DRAG_PAN)
    {
      ChronoTimeScale scale = self->drag_scale;

      if (fabs (dx) < DRAG_THRESHOLD && fabs (dy) < DRAG_THRESHOLD)
        return;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      chrono_time_scale_pan (&scale, -dx);
      chrono_timeline_view_set_visible_range (self, scale.from, scale.to, FALSE);
      _chrono_timeline_view_set_scroll_y (self, self->drag_scroll_y - dy);
      return;
    }
  if (self->drag_mode != CHRONO_DRAG_REORDER || fabs (dy) < DRAG_THRESHOLD)
    return;

  /* Between the lanes whose middle is above the pointer and the others. */
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  y += dy;
  self->drop_index = 0;
  for (guint i = 0; i < list->lanes->len; i++)
    {
      const ChronoDlLane *lane = &g_array_index (list->lanes, ChronoDlLane, i);

      if (lane->y + lane->h / 2 < y)
        self->drop_index = (int) i + 1;
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag     *gesture,
             double              dx,
             double              dy,
             ChronoTimelineView *self)
{
  const ChronoDisplayList *list = _chrono_timeline_view_ensure_list (self);

  if (self->drag_mode == CHRONO_DRAG_REORDER && self->drop_index >= 0 && list != NULL)
    {
      guint n, k = 0;
      const guint *order = chrono_timeline_layout_get_lane_order (self->layout, &n);
      g_autofree guint *moved = g_new (guint, MAX (n, 1));
      gint before = (guint) self->drop_index < list->lanes->len
                      ? (gint) g_array_index (list->lanes, ChronoDlLane, self->drop_index).lane : -1;

      /* The lane goes before the one it was dropped above, or last. */
      for (guint o = 0; o < n; o++)
        {
          if (order[o] == self->drag_lane)
            continue;
          if ((gint) order[o] == before)
            moved[k++] = self->drag_lane;
          moved[k++] = order[o];
        }
      if (k < n)
        moved[k++] = self->drag_lane;
      _chrono_timeline_view_set_lane_order (self, moved, n);
    }
  self->drag_mode = CHRONO_DRAG_NONE;
  self->drop_index = -1;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           ChronoTimelineView       *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  double step = wheel ? self->scale.width * 0.1 : 1;

  if (state & GDK_CONTROL_MASK)
    {
      double anchor = self->pointer_inside ? self->pointer_x : self->scale.x + self->scale.width / 2;

      chrono_timeline_view_zoom (self, pow (wheel ? WHEEL_ZOOM : 1.01, -dy), anchor, FALSE);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK)
    {
      dx += dy;
      dy = 0;
    }
  if (dx != 0)
    chrono_timeline_view_pan (self, dx * step, FALSE);
  if (dy != 0)
    {
      /* Up and down through the lanes when they do not fit, else in time. */
      if (gtk_widget_get_child_visible (self->scrollbar))
        _chrono_timeline_view_set_scroll_y (self, _chrono_timeline_view_get_scroll_y (self) +
                                                  dy * (wheel ? 48 : 1));
      else
        chrono_timeline_view_pan (self, dy * step, FALSE);
    }
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture         *gesture,
               GdkEventSequence   *sequence,
               ChronoTimelineView *self)
{
  double x, y;

  self->gesture_scale = self->scale;
  self->gesture_anchor = gtk_gesture_get_bounding_box_center (gesture, &x, &y)
                           ? x : self->scale.x + self->scale.width / 2;
}

static void
zoom_changed_cb (GtkGestureZoom     *gesture,
                 double              scale,
                 ChronoTimelineView *self)
{
  ChronoTimeScale s = self->gesture_scale;

  if (scale <= 0)
    return;
  chrono_time_scale_zoom (&s, scale, self->gesture_anchor);
  chrono_timeline_view_set_visible_range (self, s.from, s.to, FALSE);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           ChronoTimelineView       *self)
{
  ChronoTimelineHit hit;
  gint64 hover = 0;
  const char *cursor = NULL;

  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  if (self->drag_mode != CHRONO_DRAG_NONE)
    return;
  if (hit_test (self, x, y, &hit))
    {
      if (hit.kind == CHRONO_HIT_EVENT)
        hover = hit.event_id;
      if (hit.kind == CHRONO_HIT_EVENT || hit.kind == CHRONO_HIT_CLUSTER)
        cursor = "pointer";
      else if (hit.kind == CHRONO_HIT_HEADER)
        cursor = x < EXPANDER_WIDTH ? "pointer" : "grab";
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
  if (hover != self->hover_id)
    {
      self->hover_id = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          ChronoTimelineView       *self)
{
  self->pointer_inside = FALSE;
  if (self->hover_id != 0)
    {
      self->hover_id = 0;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
focus_changed_cb (ChronoTimelineView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
query_tooltip_cb (GtkWidget          *widget,
                  int                 x,
                  int                 y,
                  gboolean            keyboard,
                  GtkTooltip         *tooltip,
                  ChronoTimelineView *self)
{
  g_autofree char *text = NULL;
  ChronoTimelineHit hit;

  if (keyboard)
    text = self->focus_id != 0 ? chrono_timeline_view_describe_event (self, self->focus_id) : NULL;
  else if (hit_test (self, x, y, &hit))
    {
      if (hit.kind == CHRONO_HIT_EVENT)
        text = chrono_timeline_view_describe_event (self, hit.event_id);
      else if (hit.kind == CHRONO_HIT_CLUSTER)
        text = g_strdup_printf (ngettext ("%u event: click to zoom in", "%u events: click to zoom in",
                                          hit.count), hit.count);
      else if (hit.kind == CHRONO_HIT_HEADER)
        text = g_strdup_printf (_("%s: drag to move the lane, right-click for more"),
                                self->marks->lanes[hit.lane].name);
    }
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
_chrono_timeline_view_setup_input (ChronoTimelineView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
}

void
_chrono_timeline_view_show_lane_menu (ChronoTimelineView *self,
                                      guint               lane,
                                      double              x,
                                      double              y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) lane_section = g_menu_new ();
  g_autoptr(GMenu) all_section = g_menu_new ();

  if (self->layout == NULL || lane >= self->marks->n_lanes)
    return;

  if (self->marks->lanes[lane].n_units > 0)
    {
      gboolean collapsed = chrono_timeline_layout_get_lane_collapsed (self->layout, lane);
      g_autoptr(GMenuItem) item = g_menu_item_new (collapsed ? _("_Show Units") : _("_Roll Up Units"), NULL);

      g_menu_item_set_action_and_target_value (item, "timeline.toggle-lane", g_variant_new_uint32 (lane));
      g_menu_append_item (lane_section, item);
    }
  {
    static const struct { const char *label; const char *action; } items[] = {
      { N_("Move _Up"), "timeline.lane-up" },
      { N_("Move _Down"), "timeline.lane-down" },
      { N_("_Hide Lane"), "timeline.hide-lane" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (items); i++)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

        g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_uint32 (lane));
        g_menu_append_item (lane_section, item);
      }
  }
  g_menu_append (all_section, _("Show _All Lanes"), "timeline.show-all-lanes");
  g_menu_append_section (menu, self->marks->lanes[lane].name, G_MENU_MODEL (lane_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (all_section));

  self->menu_lane = lane;
  show_popover (self, gtk_popover_menu_new_from_model (G_MENU_MODEL (menu)), x, y);
}

typedef struct
{
  double pos;
  guint  lane_rank;
  guint  event;
} OrderKey;

static int
compare_order (gconstpointer a,
               gconstpointer b)
{
  const OrderKey *ka = a, *kb = b;

  if (ka->pos != kb->pos)
    return ka->pos < kb->pos ? -1 : 1;
  if (ka->lane_rank != kb->lane_rank)
    return ka->lane_rank < kb->lane_rank ? -1 : 1;
  return (ka->event > kb->event) - (ka->event < kb->event);
}

static void
ensure_order (ChronoTimelineView *self)
{
  g_autofree guint *rank = NULL;
  g_autofree OrderKey *keys = NULL;
  const guint *order;
  guint n_lanes, n = 0;

  if (self->time_order != NULL || self->layout == NULL)
    return;

  /* By day, then top to bottom, as people read the lanes. */
  order = chrono_timeline_layout_get_lane_order (self->layout, &n_lanes);
  rank = g_new0 (guint, MAX (n_lanes, 1));
  for (guint o = 0; o < n_lanes; o++)
    rank[order[o]] = o;
  keys = g_new (OrderKey, MAX (self->marks->n_events, 1));
  for (guint i = 0; i < self->marks->n_events; i++)
    {
      if (chrono_timeline_layout_get_lane_hidden (self->layout, self->marks->lane[i]))
        continue;
      keys[n].pos = self->marks->pos[i];
      keys[n].lane_rank = rank[self->marks->lane[i]];
      keys[n].event = i;
      n++;
    }
  qsort (keys, n, sizeof (OrderKey), compare_order);
  self->time_order = g_new (guint32, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    self->time_order[k] = keys[k].event;
  self->n_time_order = n;
}

void
_chrono_timeline_view_clear_order (ChronoTimelineView *self)
{
  g_clear_pointer (&self->time_order, g_free);
  self->n_time_order = 0;
}

void
_chrono_timeline_view_step_event (ChronoTimelineView *self,
                                  gboolean            forward)
{
  gint current = self->focus_id != 0 && self->marks != NULL ? chrono_marks_lookup (self->marks, self->focus_id) : -1;
  gint next = -1;

  ensure_order (self);
  if (self->n_time_order == 0)
    return;

  for (guint k = 0; current >= 0 && k < self->n_time_order; k++)
    {
      if (self->time_order[k] == (guint32) current)
        {
          next = forward ? (gint) MIN (k + 1, self->n_time_order - 1) : (gint) (k > 0 ? k - 1 : 0);
          break;
        }
    }
  if (next < 0)
    {
      /* From the edge of the view. */
      next = forward ? (gint) self->n_time_order - 1 : 0;
      for (guint k = 0; k < self->n_time_order; k++)
        {
          guint kk = forward ? k : self->n_time_order - 1 - k;
          double pos = self->marks->pos[self->time_order[kk]];

          if (forward ? pos >= self->scale.from : pos < self->scale.to)
            {
              next = (gint) kk;
              break;
            }
        }
    }
  chrono_timeline_view_set_focus_id (self, self->marks->id[self->time_order[next]]);
}
