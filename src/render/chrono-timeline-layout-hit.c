/* chrono-timeline-layout-hit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "chrono-timeline-layout-private.h"

static const ChronoDlRow *
row_at (const ChronoDisplayList *dl,
        double                   y,
        guint                   *index)
{
  guint lo = 0, hi = dl->rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const ChronoDlRow *row = &g_array_index (dl->rows, ChronoDlRow, mid);

      if (y < row->y)
        hi = mid;
      else if (y >= row->y + row->h)
        lo = mid + 1;
      else
        {
          *index = mid;
          return row;
        }
    }
  return NULL;
}

gboolean
chrono_timeline_layout_hit_test (ChronoTimelineLayout *self,
                                 double                x,
                                 double                y,
                                 ChronoTimelineHit    *hit)
{
  const ChronoDisplayList *dl;
  const ChronoDlRow *row;
  guint row_index = 0;
  double best = G_MAXDOUBLE;

  g_return_val_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  memset (hit, 0, sizeof *hit);
  dl = &self->list;
  hit->day = chrono_time_scale_to_day (&dl->scale, x);
  if (y < dl->data_y0 || y >= dl->data_y1 || (row = row_at (dl, y, &row_index)) == NULL)
    return FALSE;

  hit->lane = row->lane;
  hit->unit = row->unit;
  if (x < dl->data_x0)
    {
      hit->kind = CHRONO_HIT_HEADER;
      return TRUE;
    }
  hit->kind = CHRONO_HIT_ROW;

  /* Marks first (drawn on top), nearest centre wins. */
  for (guint i = 0; i < dl->marks->len; i++)
    {
      const ChronoDlMark *mark = &g_array_index (dl->marks, ChronoDlMark, i);
      double dx = fabs (x - mark->x), dy = fabs (y - mark->y);
      double reach = mark->size / 2 + 2;

      if (mark->row != row_index || dx > reach || dy > reach)
        continue;
      if (dx + dy < best)
        {
          best = dx + dy;
          hit->kind = CHRONO_HIT_EVENT;
          hit->event = mark->event;
        }
    }
  if (hit->kind == CHRONO_HIT_EVENT)
    {
      hit->event_id = self->marks->id[hit->event];
      return TRUE;
    }

  for (guint i = 0; i < dl->clusters->len; i++)
    {
      const ChronoDlCluster *c = &g_array_index (dl->clusters, ChronoDlCluster, i);

      if (c->row == row_index && x >= c->x && x < c->x + c->w && y >= c->y && y < c->y + c->h)
        {
          hit->kind = CHRONO_HIT_CLUSTER;
          hit->count = c->count;
          hit->day0 = c->day0;
          hit->day1 = c->day1;
          return TRUE;
        }
    }

  for (guint i = dl->bars->len; i-- > 0;)
    {
      const ChronoDlBar *bar = &g_array_index (dl->bars, ChronoDlBar, i);

      if (bar->row != row_index || x < bar->x0 || x >= bar->x1 ||
          y < bar->y - 2 || y >= bar->y + bar->h + 2)
        continue;
      if (bar->bar_flags & CHRONO_BAR_OVERFLOW)
        {
          hit->kind = CHRONO_HIT_CLUSTER;
          hit->count = bar->count;
          hit->day0 = chrono_time_scale_to_day (&dl->scale, bar->x0);
          hit->day1 = chrono_time_scale_to_day (&dl->scale, bar->x1);
          return TRUE;
        }
      hit->kind = CHRONO_HIT_EVENT;
      hit->event = bar->event;
      hit->event_id = self->marks->id[bar->event];
      return TRUE;
    }
  return TRUE;
}

gboolean
chrono_display_list_find_event (const ChronoDisplayList  *list,
                                guint                     event,
                                const ChronoDlMark      **mark,
                                const ChronoDlBar       **bar)
{
  gboolean found = FALSE;

  g_return_val_if_fail (list != NULL, FALSE);

  if (mark != NULL)
    *mark = NULL;
  if (bar != NULL)
    *bar = NULL;
  for (guint i = 0; i < list->marks->len; i++)
    {
      const ChronoDlMark *m = &g_array_index (list->marks, ChronoDlMark, i);

      if (m->event == event)
        {
          if (mark != NULL)
            *mark = m;
          found = TRUE;
          break;
        }
    }
  for (guint i = 0; i < list->bars->len; i++)
    {
      const ChronoDlBar *b = &g_array_index (list->bars, ChronoDlBar, i);

      if (b->event == event && !(b->bar_flags & CHRONO_BAR_OVERFLOW))
        {
          if (bar != NULL)
            *bar = b;
          found = TRUE;
          break;
        }
    }
  return found;
}
