/* chrono-timeline-layout-geometry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-layout"

#include "config.h"

#include <math.h>

#include "chrono-timeline-layout-private.h"

/* Plans the lanes and rows top down from y = 0; returns the total height. */
double
_chrono_layout_plan_rows (ChronoTimelineLayout *self,
                          const Sizes          *sz,
                          GArray               *lanes,
                          GArray               *rows)
{
  ChronoMarks *m = self->marks;
  double y = 0;

  g_array_set_size (lanes, 0);
  g_array_set_size (rows, 0);

  for (guint o = 0; o < m->n_lanes; o++)
    {
      guint l = self->order[o];
      const ChronoMarksLane *lane = &m->lanes[l];
      ChronoDlLane dl_lane = { 0 };

      if (self->hidden[l])
        continue;

      dl_lane.y = y;
      dl_lane.lane = l;
      dl_lane.first_row = rows->len;
      dl_lane.n_units = lane->n_units;
      dl_lane.collapsed = self->collapsed[l] && lane->n_units > 0;
      dl_lane.name = lane->name;

      if (lane->n_units == 0 || dl_lane.collapsed)
        {
          ChronoDlRow row = { 0 };

          row.y = y;
          row.lane = l;
          row.unit = -1;
          row.levels = dl_lane.collapsed ? sz->collapsed_levels : sz->levels;
          row.levels += sz->extra != NULL ? sz->extra[rows->len] : 0;
          row.h = 2 * sz->row_padding + row.levels * sz->level_height;
          row.flags = CHRONO_ROW_LANE_TITLE | CHRONO_ROW_LAST |
                      (dl_lane.collapsed ? CHRONO_ROW_COLLAPSED : 0);
          row.name = lane->name;
          g_array_append_val (rows, row);
          y += row.h;
        }
      else
        {
          const ChronoMarksTrack *general = &lane->tracks[0];
          ChronoDlRow row = { 0 };

          /* The lane's own row carries its name; it stays one level high
           * when every event belongs to a unit. */
          row.y = y;
          row.lane = l;
          row.unit = -1;
          row.levels = general->n_points + general->n_ranges > 0 ? sz->levels : 1;
          row.levels += sz->extra != NULL ? sz->extra[rows->len] : 0;
          row.h = 2 * sz->row_padding + row.levels * sz->level_height;
          row.flags = CHRONO_ROW_LANE_TITLE;
          row.name = lane->name;
          g_array_append_val (rows, row);
          y += row.h;

          for (guint u = 0; u < lane->n_units; u++)
            {
              ChronoDlRow unit_row = { 0 };

              unit_row.y = y;
              unit_row.lane = l;
              unit_row.unit = (gint16) u;
              unit_row.levels = sz->levels + (sz->extra != NULL ? sz->extra[rows->len] : 0);
              unit_row.h = 2 * sz->row_padding + unit_row.levels * sz->level_height;
              unit_row.flags = CHRONO_ROW_UNIT | (u + 1 == lane->n_units ? CHRONO_ROW_LAST : 0);
              unit_row.name = lane->units[u];
              g_array_append_val (rows, unit_row);
              y += unit_row.h;
            }
        }
      dl_lane.n_rows = rows->len - dl_lane.first_row;
      dl_lane.h = y - dl_lane.y;
      g_array_append_val (lanes, dl_lane);
    }
  return y;
}

/* Picks row sizes so that the lanes fit @available pixels when asked to. */
double
_chrono_layout_fit_rows (ChronoTimelineLayout *self,
                         double                available,
                         Sizes                *sz,
                         GArray               *lanes,
                         GArray               *rows)
{
  const ChronoTimelineMetrics *mt = &self->metrics;
  double natural, k;

  sz->mark_size = mt->mark_size;
  sz->level_height = mt->level_height;
  sz->row_padding = mt->row_padding;
  sz->levels = CLAMP (mt->levels, 1, MAX_LEVELS);
  sz->collapsed_levels = CLAMP (mt->collapsed_levels, 1, MAX_LEVELS);
  sz->extra = NULL;

  natural = _chrono_layout_plan_rows (self, sz, lanes, rows);
  if (!mt->fit_height || natural <= available || available <= 0)
    return natural;

  /* First stack less, then shrink. */
  sz->levels = 1;
  sz->collapsed_levels = 1;
  sz->row_padding = mt->row_padding / 2;
  natural = _chrono_layout_plan_rows (self, sz, lanes, rows);
  if (natural <= available)
    return natural;

  k = available / natural;
  sz->level_height = MAX (floor (mt->level_height * k), 8.0);
  sz->row_padding = MAX (floor (sz->row_padding * k), 1.0);
  sz->mark_size = MIN (mt->mark_size, MAX (sz->level_height - 3, 5.0));
  return _chrono_layout_plan_rows (self, sz, lanes, rows);
}
