/* chrono-timeline-actions.c: the timeline's actions and keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-view"

#include "config.h"

#include "chrono-timeline-view-private.h"

/* Actions */

static double
centre_x (ChronoTimelineView *self)
{
  return self->scale.x + self->scale.width / 2;
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  chrono_timeline_view_zoom (self, CHRONO_TIMELINE_ZOOM_STEP, centre_x (self), TRUE);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  chrono_timeline_view_zoom (self, 1 / CHRONO_TIMELINE_ZOOM_STEP, centre_x (self), TRUE);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  chrono_timeline_view_zoom_to_fit (CHRONO_TIMELINE_VIEW (widget), TRUE);
}

static void
zoom_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  chrono_timeline_view_zoom_to_selection (CHRONO_TIMELINE_VIEW (widget), TRUE);
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  chrono_timeline_view_pan (self, g_variant_get_int32 (parameter) * CHRONO_TIMELINE_PAN_STEP *
                                  self->scale.width, TRUE);
}

static void
scroll_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  _chrono_timeline_view_set_scroll_y (self, _chrono_timeline_view_get_scroll_y (self) +
                                            g_variant_get_int32 (parameter) * 48);
}

static void
step_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _chrono_timeline_view_step_event (CHRONO_TIMELINE_VIEW (widget), g_variant_get_int32 (parameter) > 0);
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  if (self->focus_id == 0)
    _chrono_timeline_view_step_event (self, TRUE);
  if (self->focus_id != 0)
    _chrono_timeline_view_select (self, self->focus_id);
}

static void
unselect_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _chrono_timeline_view_select (CHRONO_TIMELINE_VIEW (widget), 0);
}

static void
lane_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  const ChronoDisplayList *list = _chrono_timeline_view_ensure_list (self);
  gint focus = self->focus_id != 0 ? chrono_marks_lookup (self->marks, self->focus_id) : -1;
  const ChronoDlLane *lane = NULL;

  if (list == NULL || list->lanes->len == 0)
    return;
  for (guint i = 0; i < list->lanes->len; i++)
    {
      lane = &g_array_index (list->lanes, ChronoDlLane, i);
      if (focus < 0 || lane->lane == self->marks->lane[focus])
        break;
    }
  _chrono_timeline_view_show_lane_menu (self, lane->lane, list->data_x0 / 2,
                                        MAX (lane->y, list->data_y0) + 12);
}

static void
hide_lane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _chrono_timeline_view_set_lane_hidden (CHRONO_TIMELINE_VIEW (widget), g_variant_get_uint32 (parameter),
                                         TRUE);
}

static void
show_all_lanes_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  for (guint l = 0; self->layout != NULL && l < self->marks->n_lanes; l++)
    {
      if (chrono_timeline_layout_get_lane_hidden (self->layout, l))
        _chrono_timeline_view_set_lane_hidden (self, l, FALSE);
    }
}

static void
toggle_lane_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  guint lane = g_variant_get_uint32 (parameter);

  if (self->layout != NULL && lane < self->marks->n_lanes)
    chrono_timeline_layout_set_lane_collapsed (self->layout, lane,
                                               !chrono_timeline_layout_get_lane_collapsed (self->layout, lane));
}

static void
move_lane (ChronoTimelineView *self,
           guint               lane,
           int                 delta)
{
  guint n;
  const guint *order;
  g_autofree guint *copy = NULL;
  int at = -1, to;

  if (self->layout == NULL)
    return;
  order = chrono_timeline_layout_get_lane_order (self->layout, &n);
  copy = g_memdup2 (order, sizeof (guint) * MAX (n, 1));
  for (guint o = 0; o < n; o++)
    if (copy[o] == lane)
      at = (int) o;
  /* Past the hidden lanes next to it. */
  to = at;
  do
    to += delta;
  while (to >= 0 && to < (int) n && chrono_timeline_layout_get_lane_hidden (self->layout, copy[to]));
  if (at < 0 || to < 0 || to >= (int) n)
    return;
  copy[at] = copy[to];
  copy[to] = lane;
  _chrono_timeline_view_set_lane_order (self, copy, n);
}

static void
lane_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_lane (CHRONO_TIMELINE_VIEW (widget), g_variant_get_uint32 (parameter), -1);
}

static void
lane_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_lane (CHRONO_TIMELINE_VIEW (widget), g_variant_get_uint32 (parameter), 1);
}

void
_chrono_timeline_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-selection", NULL, zoom_selection_action);
  gtk_widget_class_install_action (widget_class, "timeline.pan", "i", pan_action);
  gtk_widget_class_install_action (widget_class, "timeline.scroll", "i", scroll_action);
  gtk_widget_class_install_action (widget_class, "timeline.step-event", "i", step_event_action);
  gtk_widget_class_install_action (widget_class, "timeline.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "timeline.unselect", NULL, unselect_action);
  gtk_widget_class_install_action (widget_class, "timeline.lane-menu", NULL, lane_menu_action);
  gtk_widget_class_install_action (widget_class, "timeline.hide-lane", "u", hide_lane_action);
  gtk_widget_class_install_action (widget_class, "timeline.show-all-lanes", NULL, show_all_lanes_action);
  gtk_widget_class_install_action (widget_class, "timeline.toggle-lane", "u", toggle_lane_action);
  gtk_widget_class_install_action (widget_class, "timeline.lane-up", "u", lane_up_action);
  gtk_widget_class_install_action (widget_class, "timeline.lane-down", "u", lane_down_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, 0, "timeline.zoom-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.pan", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.pan", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "timeline.scroll", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "timeline.scroll", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "timeline.step-event", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "timeline.step-event", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "timeline.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "timeline.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "timeline.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "timeline.unselect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "timeline.lane-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "timeline.lane-menu", NULL);
}
