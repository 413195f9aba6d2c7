/* chrono-timeline-navigate.c: where the timeline looks, and how it gets there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "chrono-timeline-view-private.h"

/* Animated moves interpolate the range over ANIMATION_USEC, easing out, on
 * the frame clock; from and to move together, so the day under a zoom's
 * anchor stays under it all the way. */

#define ANIMATION_USEC (200 * G_TIME_SPAN_MILLISECOND)

static gboolean
animations_enabled (ChronoTimelineView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self));
}

void
_chrono_timeline_view_stop_animation (ChronoTimelineView *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
apply_range (ChronoTimelineView *self,
             double              from,
             double              to)
{
  ChronoTimeScale scale = self->scale;

  chrono_time_scale_set_range (&scale, from, to);
  _chrono_timeline_view_set_scale (self, &scale);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double t, e;

  if (self->anim_start == 0)
    self->anim_start = now;
  t = CLAMP ((double) (now - self->anim_start) / ANIMATION_USEC, 0, 1);
  e = 1 - pow (1 - t, 3);
  apply_range (self,
               self->anim_from0 + (self->anim_from1 - self->anim_from0) * e,
               self->anim_to0 + (self->anim_to1 - self->anim_to0) * e);
  if (t < 1)
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Where the view is going: the end of the animation, or where it is. */
static ChronoTimeScale
target_scale (ChronoTimelineView *self)
{
  ChronoTimeScale scale = self->scale;

  if (self->tick_id != 0)
    {
      scale.from = self->anim_from1;
      scale.to = self->anim_to1;
    }
  return scale;
}

/* Public API */

void
chrono_timeline_view_get_visible_range (ChronoTimelineView *self,
                                        double             *from,
                                        double             *to)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  if (from != NULL)
    *from = self->scale.from;
  if (to != NULL)
    *to = self->scale.to;
}

void
chrono_timeline_view_set_visible_range (ChronoTimelineView *self,
                                        double              from,
                                        double              to,
                                        gboolean            animate)
{
  ChronoTimeScale target;

  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  target = self->scale;
  chrono_time_scale_set_range (&target, from, to);
  self->has_range = TRUE;
  if (!animate || !animations_enabled (self))
    {
      _chrono_timeline_view_stop_animation (self);
      _chrono_timeline_view_set_scale (self, &target);
      return;
    }
  self->anim_from0 = self->scale.from;
  self->anim_to0 = self->scale.to;
  self->anim_from1 = target.from;
  self->anim_to1 = target.to;
  self->anim_start = 0;
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

void
chrono_timeline_view_get_limits (ChronoTimelineView *self,
                                 double             *from,
                                 double             *to)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  if (from != NULL)
    *from = self->scale.min_day;
  if (to != NULL)
    *to = self->scale.max_day;
}

void
chrono_timeline_view_zoom (ChronoTimelineView *self,
                           double              factor,
                           double              anchor_x,
                           gboolean            animate)
{
  ChronoTimeScale scale;

  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));
  g_return_if_fail (factor > 0);

  scale = target_scale (self);
  chrono_time_scale_zoom (&scale, factor, anchor_x);
  chrono_timeline_view_set_visible_range (self, scale.from, scale.to, animate);
}

void
chrono_timeline_view_pan (ChronoTimelineView *self,
                          double              dx,
                          gboolean            animate)
{
  ChronoTimeScale scale;

  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  scale = target_scale (self);
  chrono_time_scale_pan (&scale, dx);
  chrono_timeline_view_set_visible_range (self, scale.from, scale.to, animate);
}

void
chrono_timeline_view_zoom_to_fit (ChronoTimelineView *self,
                                  gboolean            animate)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  chrono_timeline_view_set_visible_range (self, self->fit_from, self->fit_to, animate);
}

gboolean
chrono_timeline_view_zoom_to_selection (ChronoTimelineView *self,
                                        gboolean            animate)
{
  ChronoMarks *all;
  gint64 id;
  gint i;
  double first, last, span;

  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), FALSE);

  id = self->case_view != NULL ? chrono_case_view_get_selected_id (self->case_view) : 0;
  all = self->case_view != NULL ? chrono_case_view_get_marks (self->case_view) : NULL;
  i = id != 0 && all != NULL ? chrono_marks_lookup (all, id) : -1;
  if (i < 0)
    return FALSE;

  /* The days the event may cover, with as much again around them. */
  first = all->first_day[i];
  last = all->last_day[i] + 1.0;
  span = MAX ((last - first) * 2, 14.0);
  chrono_timeline_view_set_visible_range (self, (first + last - span) / 2, (first + last + span) / 2,
                                          animate);
  return TRUE;
}

void
chrono_timeline_view_reveal_event (ChronoTimelineView *self,
                                   gint64              id)
{
  const ChronoDisplayList *list;
  ChronoTimeScale scale;
  double pos, margin;
  gint i;
  int row;

  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  i = self->marks != NULL ? chrono_marks_lookup (self->marks, id) : -1;
  if (i < 0 || self->layout == NULL)
    return;

  scale = target_scale (self);
  pos = self->marks->pos[i];
  margin = (scale.to - scale.from) * 0.05;
  if (pos < scale.from + margin || pos > scale.to - margin)
    chrono_timeline_view_set_visible_range (self, pos - (scale.to - scale.from) / 2,
                                            pos + (scale.to - scale.from) / 2, TRUE);

  /* And its lane into the height. */
  list = _chrono_timeline_view_ensure_list (self);
  row = _chrono_timeline_view_row_of_event (self, list, (guint) i);
  if (row >= 0)
    {
      const ChronoDlRow *r = &g_array_index (list->rows, ChronoDlRow, row);
      double scroll_y = _chrono_timeline_view_get_scroll_y (self);

      if (r->y < list->data_y0)
        _chrono_timeline_view_set_scroll_y (self, scroll_y - (list->data_y0 - r->y));
      else if (r->y + r->h > list->data_y1)
        _chrono_timeline_view_set_scroll_y (self, scroll_y + (r->y + r->h - list->data_y1));
    }
}

gboolean
chrono_timeline_view_get_animating (ChronoTimelineView *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), FALSE);
  return self->tick_id != 0;
}

double
chrono_timeline_view_day_to_x (ChronoTimelineView *self,
                               double              day)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), 0);
  return chrono_time_scale_to_x (&self->scale, day);
}

double
chrono_timeline_view_x_to_day (ChronoTimelineView *self,
                               double              x)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), 0);
  return chrono_time_scale_to_day (&self->scale, x);
}

gboolean
chrono_timeline_view_get_event_position (ChronoTimelineView *self,
                                         gint64              id,
                                         double             *x,
                                         double             *y)
{
  const ChronoDisplayList *list;
  const ChronoDlMark *mark = NULL;
  const ChronoDlBar *bar = NULL;
  gint i;

  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), FALSE);

  i = self->marks != NULL ? chrono_marks_lookup (self->marks, id) : -1;
  list = _chrono_timeline_view_ensure_list (self);
  if (i < 0 || list == NULL || !chrono_display_list_find_event (list, (guint) i, &mark, &bar))
    return FALSE;
  if (mark != NULL)
    {
      *x = mark->x;
      *y = mark->y;
    }
  else
    {
      *x = (MAX (bar->x0, list->data_x0) + MIN (bar->x1, list->data_x1)) / 2;
      *y = bar->y + bar->h / 2;
    }
  return *y >= list->data_y0 && *y < list->data_y1;
}

char *
chrono_timeline_view_describe_event (ChronoTimelineView *self,
                                     gint64              id)
{
  ChronoMarks *all;
  ChronoDate date = CHRONO_DATE_INIT;
  g_autofree char *when = NULL;
  const char *summary = NULL;
  const ChronoMarksLane *lane;
  gint i;
  int y, m, d;

  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), NULL);

  all = self->case_view != NULL ? chrono_case_view_get_marks (self->case_view) : NULL;
  i = all != NULL ? chrono_marks_lookup (all, id) : -1;
  if (i < 0)
    return NULL;

  chrono_day_to_ymd (all->first_day[i], &y, &m, &d);
  date.year = y;
  date.month = all->precision[i] == CHRONO_PRECISION_YEAR ? 0 : m;
  date.day = all->precision[i] == CHRONO_PRECISION_DAY ? d : 0;
  date.approx = (all->flags[i] & CHRONO_MARK_APPROX) != 0;
  if (all->minute[i] >= 0 && (all->flags[i] & CHRONO_MARK_HAS_TIME))
    {
      date.has_time = TRUE;
      date.hour = all->minute[i] / 60;
      date.minute = all->minute[i] % 60;
    }
  when = chrono_date_format (&date);
  lane = &all->lanes[all->lane[i]];
  if (self->labels != NULL)
    summary = chrono_marks_labels_get (self->labels, id);

  if (all->unit[i] >= 0)
    /* Translators: how an event is read out: "15 Aug 2008, Police, Response, Contact: summary" */
    return g_strdup_printf (_("%s, %s, %s, %s: %s"), when, lane->name, lane->units[all->unit[i]],
                            chrono_kind_to_label (all->kind[i]), summary != NULL ? summary : "");
  /* Translators: how an event is read out: "15 Aug 2008, Health, Contact: summary" */
  return g_strdup_printf (_("%s, %s, %s: %s"), when, lane->name, chrono_kind_to_label (all->kind[i]),
                          summary != NULL ? summary : "");
}
