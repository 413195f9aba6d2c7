/* chrono-timeline-layout-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "chrono-timeline-layout-private.h"

/* Building a row costs O(cells × log n + visible ranges), not O(events):
 *
 * A row is cut into cells cluster_width pixels wide, anchored to day 0 so
 * they stay put while panning.  The points of a cell are found with a
 * galloping search on the row's points sorted by position, so their count
 * comes free.  A cell with more points than the row has stacking levels is a
 * cluster with a count; otherwise its points are placed greedily on the
 * lowest level that is free at their left edge, and if one does not fit the
 * whole cell becomes a cluster after all.  Ranges (spans and year-precision
 * events) are merged in by their left edge and placed the same way; those
 * that find no free level merge into an overflow strip. */

typedef struct
{
  double x, y;
  guint  event;
  gboolean active;
} PendingLabel;

/* State while one row is built. */
typedef struct
{
  ChronoTimelineLayout   *self;
  ChronoMarks            *m;
  ChronoDisplayList      *dl;
  const ChronoTimeScale  *scale;
  const ChronoMarksTrack *track;
  double                  ppd;
  double                  from;      /* scale->from, and where it is drawn */
  double                  origin;
  guint16                 row_index;
  guint16                 colour;
  double                  size, half, level_h, top;
  guint                   levels;
  double                  view_x0, view_x1;
  double                  right[MAX_LEVELS];
  PendingLabel            pending[MAX_LEVELS];
  /* overflow strip being merged */
  gboolean                overflow_open;
  double                  ox0, ox1;
  guint                   ocount;
  guint32                 oevent;
  float                   oy;
} RowBuild;

/* chrono_time_scale_to_x() without its division, for the hot loops. */
static inline double
map_x (const RowBuild *rb,
       double          day)
{
  return rb->origin + (day - rb->from) * rb->ppd;
}

static const ChronoMarksTrack *
row_track (ChronoMarks       *m,
           const ChronoDlRow *row)
{
  const ChronoMarksLane *lane = &m->lanes[row->lane];

  if (row->unit >= 0)
    return &lane->tracks[row->unit + 1];
  if ((row->flags & CHRONO_ROW_COLLAPSED) || lane->n_units == 0)
    return &lane->all;
  return &lane->tracks[0];
}

static inline float
clip_x (const RowBuild *rb,
        double          x)
{
  return (float) CLAMP (x, rb->view_x0 - 64, rb->view_x1 + 64);
}

static void
finish_label (RowBuild *rb,
              guint     level,
              double    next_left)
{
  PendingLabel *p = &rb->pending[level];
  double width;
  const char *text;

  if (!p->active)
    return;
  p->active = FALSE;

  width = MIN (next_left, rb->dl->data_x1) - p->x - 4;
  if (width < rb->self->metrics.min_label_width || p->x >= rb->dl->data_x1)
    return;
  text = rb->self->label_func (rb->m->id[p->event], rb->self->label_data);
  if (text == NULL || *text == '\0')
    return;

  {
    ChronoDlLabel label = {
      (float) p->x, (float) p->y, (float) width, p->event, rb->row_index, text
    };
    g_array_append_val (rb->dl->labels, label);
  }
}

static void
flush_overflow (RowBuild *rb)
{
  ChronoDlBar bar = { 0 };

  if (!rb->overflow_open)
    return;
  rb->overflow_open = FALSE;

  bar.x0 = bar.core_x0 = clip_x (rb, rb->ox0);
  bar.x1 = bar.core_x1 = clip_x (rb, rb->ox1);
  bar.y = rb->oy;
  bar.h = 3;
  bar.bar_flags = CHRONO_BAR_OVERFLOW;
  bar.colour = rb->colour;
  bar.event = rb->oevent;
  bar.count = rb->ocount;
  bar.row = rb->row_index;
  g_array_append_val (rb->dl->bars, bar);
}

/* The lowest level free at @left, or -1. */
static int
free_level (RowBuild *rb,
            double    left)
{
  for (guint l = 0; l < rb->levels; l++)
    {
      if (rb->right[l] + GAP <= left)
        return (int) l;
    }
  return -1;
}

static double
level_centre (const RowBuild *rb,
              guint           level)
{
  return rb->top + (level + 0.5) * rb->level_h;
}

static void
emit_mark (RowBuild *rb,
           guint     i,
           double    x,
           double    y)
{
  ChronoDlMark mark;

  /* The glyph of a period that began out of view stays out of the list. */
  if (x < rb->view_x0 || x > rb->view_x1)
    return;
  mark.x = (float) x;
  mark.y = (float) y;
  mark.size = (float) rb->size;
  mark.shape = rb->m->kind[i];
  mark.flags = rb->m->flags[i];
  mark.colour = rb->colour;
  mark.event = i;
  mark.row = rb->row_index;
  g_array_append_val (rb->dl->marks, mark);
}

static void
emit_band (RowBuild *rb,
           guint     i,
           double    x0,
           double    x1,
           double    y,
           double    h)
{
  ChronoDlBar bar = { 0 };

  bar.x0 = clip_x (rb, x0);
  bar.x1 = clip_x (rb, x1);
  bar.core_x0 = bar.core_x1 = bar.x0;
  bar.y = (float) y;
  bar.h = (float) h;
  bar.bar_flags = CHRONO_BAR_BAND;
  bar.flags = rb->m->flags[i];
  bar.colour = rb->colour;
  bar.event = i;
  bar.count = 1;
  bar.row = rb->row_index;
  g_array_append_val (rb->dl->bars, bar);
}

static void
start_label (RowBuild *rb,
             guint     level,
             guint     i,
             double    x)
{
  /* No label for a mark out of view on the left: it would start nowhere. */
  if (!rb->self->metrics.show_labels || rb->self->label_func == NULL ||
      x < rb->dl->data_x0 + rb->half)
    return;
  rb->pending[level].active = TRUE;
  rb->pending[level].x = x;
  rb->pending[level].y = level_centre (rb, level);
  rb->pending[level].event = i;
}

/* Places point @i; FALSE when no level is free. */
static gboolean
place_point (RowBuild *rb,
             guint     i)
{
  ChronoMarks *m = rb->m;
  double x = map_x (rb, m->pos[i]);
  double left = x - rb->half, right = x + rb->half;
  double bx0 = 0, bx1 = 0;
  gboolean band = FALSE, soft_day = FALSE;
  int level;

  if (m->precision[i] != CHRONO_PRECISION_DAY)
    {
      bx0 = map_x (rb, m->first_day[i]);
      bx1 = map_x (rb, m->start_last[i] + 1.0);
      band = bx1 - bx0 > rb->size;
      if (band)
        {
          left = MIN (left, bx0);
          right = MAX (right, bx1);
        }
    }
  else if (!(m->flags[i] & CHRONO_MARK_HAS_TIME) && rb->ppd >= 3 * rb->size)
    {
      /* Zoomed in far enough to see hours: an untimed event may have been
       * at any time that day.  The band does not take up its level. */
      bx0 = map_x (rb, m->first_day[i]);
      bx1 = bx0 + rb->ppd;
      soft_day = TRUE;
    }

  level = free_level (rb, left);
  if (level < 0)
    return FALSE;

  finish_label (rb, level, left);
  rb->right[level] = right;
  if (band || soft_day)
    {
      double h = soft_day ? rb->level_h - 2 : MAX (rb->size * 0.5, 3.0);

      emit_band (rb, i, bx0, bx1, level_centre (rb, level) - h / 2, h);
    }
  emit_mark (rb, i, x, level_centre (rb, level));
  /* After the band: a label must not hide how far the date reaches. */
  start_label (rb, level, i, (band ? MAX (x + rb->half, bx1) : x + rb->half) + 3);
  return TRUE;
}

/* Periods that find no room merge into a strip under the row: @count
 * ranges from @i on (starting at @x0), the last of them ending on
 * @last_day. */
static void
overflow (RowBuild *rb,
          double    x0,
          guint     i,
          guint     count,
          gint32    last_day)
{
  double x1 = map_x (rb, last_day + 1.0);

  if (rb->overflow_open && x0 <= rb->ox1 + 1)
    {
      rb->ox1 = MAX (rb->ox1, x1);
      rb->ocount += count;
      return;
    }
  flush_overflow (rb);
  rb->overflow_open = TRUE;
  rb->ox0 = x0;
  rb->ox1 = x1;
  rb->ocount = count;
  rb->oevent = i;
}

/* The first k in [lo, hi) whose range starts on or after @limit (a day). */
static guint
gallop_ranges (const ChronoMarksTrack *t,
               guint                   lo,
               guint                   hi,
               double                  limit)
{
  guint step = 1, a = lo, b;

  while (a + step < hi && t->range_first[a + step] < limit)
    {
      a += step;
      step *= 2;
    }
  b = MIN (a + step, hi);
  lo = a + 1;
  while (lo < b)
    {
      guint mid = lo + (b - lo) / 2;

      if (t->range_first[mid] < limit)
        lo = mid + 1;
      else
        b = mid;
    }
  return lo;
}

/* Places range @i on a free level; FALSE when none is free. */
static gboolean
place_range (RowBuild *rb,
             guint     i)
{
  ChronoMarks *m = rb->m;
  double x0 = map_x (rb, m->first_day[i]);
  double x1 = map_x (rb, m->last_day[i] + 1.0);
  double gx = map_x (rb, m->pos[i]);
  double left = MIN (x0, gx - rb->half);
  double right = MAX (x1, gx + rb->half);
  gboolean span = (m->flags[i] & CHRONO_MARK_SPAN) != 0;
  int level = free_level (rb, left);
  ChronoDlBar bar = { 0 };
  double h;

  if (level < 0)
    return FALSE;

  finish_label (rb, level, left);
  rb->right[level] = right;
  h = span ? MAX (floor (rb->level_h * 0.5), 4.0) : MAX (rb->size * 0.5, 3.0);

  bar.x0 = clip_x (rb, x0);
  bar.x1 = clip_x (rb, x1);
  if (span)
    {
      bar.core_x0 = clip_x (rb, map_x (rb, m->start_last[i] + 1.0));
      bar.core_x1 = clip_x (rb, map_x (rb, m->end_first[i]));
      /* Day-precise ends are sure: the core reaches them. */
      if (m->end_first[i] == m->last_day[i])
        bar.core_x1 = bar.x1;
      if (m->precision[i] == CHRONO_PRECISION_DAY && !(m->flags[i] & CHRONO_MARK_APPROX))
        bar.core_x0 = bar.x0;
    }
  else
    bar.core_x0 = bar.core_x1 = bar.x0;
  bar.y = (float) (level_centre (rb, level) - h / 2);
  bar.h = (float) h;
  bar.bar_flags = span ? CHRONO_BAR_SPAN : CHRONO_BAR_BAND;
  bar.flags = m->flags[i];
  bar.colour = rb->colour;
  bar.event = i;
  bar.count = 1;
  bar.row = rb->row_index;
  g_array_append_val (rb->dl->bars, bar);

  emit_mark (rb, i, gx, level_centre (rb, level));
  start_label (rb, level, i, MAX (gx + rb->half, span ? gx + rb->half : x1) + 3);
  return TRUE;
}

/* The band of a month-precision point whose middle is out of view. */
static void
place_band_only (RowBuild *rb,
                 guint     i)
{
  ChronoMarks *m = rb->m;
  double bx0, bx1, h;
  int level;

  if (m->precision[i] == CHRONO_PRECISION_DAY)
    return;
  bx0 = map_x (rb, m->first_day[i]);
  bx1 = map_x (rb, m->start_last[i] + 1.0);
  if (bx1 < rb->view_x0 || bx0 > rb->view_x1)
    return;
  level = free_level (rb, bx0);
  if (level < 0)
    return;
  finish_label (rb, level, bx0);
  rb->right[level] = bx1;
  h = MAX (rb->size * 0.5, 3.0);
  emit_band (rb, i, bx0, bx1, level_centre (rb, level) - h / 2, h);
}

/* 1 for one event, 2 for 2-7, 3 for 8-31 … 6 for 512 and more. */
static guint8
density_of (guint count)
{
  return (guint8) MIN ((g_bit_storage (MAX (count, 1)) + 1) / 2, 6);
}

/* A few marks that found no room right after a cluster join it rather than
 * make a cluster of their own. */
static gboolean
join_last_cluster (RowBuild *rb,
                   double    cell_x0,
                   double    cell_x1,
                   guint     first,
                   guint     count)
{
  GArray *clusters = rb->dl->clusters;
  ChronoDlCluster *last;
  double last_x1, x0 = cell_x0, x1;
  double min_w = MAX (rb->size * 1.6, 14.0);

  if (clusters->len == 0)
    return FALSE;
  last = &g_array_index (clusters, ChronoDlCluster, clusters->len - 1);
  last_x1 = last->x + last->w;
  if (last->row != rb->row_index || last_x1 + GAP < cell_x0)
    return FALSE;
  for (guint l = 0; l < rb->levels; l++)
    x0 = MAX (x0, rb->right[l] + GAP);
  if (x0 > last_x1 + GAP)
    return FALSE;

  x1 = MAX (last_x1, MIN (cell_x1, x0 + min_w / 2));
  for (guint l = 0; l < rb->levels; l++)
    {
      finish_label (rb, l, last->x);
      rb->right[l] = MAX (rb->right[l], x1);
    }
  last->w = (float) (x1 - last->x);
  last->count += count;
  last->density = MAX (last->density, density_of (count));
  last->day1 = rb->track->point_pos[first + count - 1];
  return TRUE;
}

static void
emit_cluster (RowBuild *rb,
              double    cell_x0,
              double    cell_x1,
              guint     first,
              guint     count)
{
  const ChronoMarksTrack *t = rb->track;
  GArray *clusters = rb->dl->clusters;
  ChronoDlCluster cluster;
  double x0 = cell_x0, x1 = cell_x1, busy = -G_MAXDOUBLE;
  double min_w = MAX (rb->size * 1.6, 14.0);
  gboolean joins = FALSE;

  for (guint l = 0; l < rb->levels; l++)
    busy = MAX (busy, rb->right[l]);
  if (clusters->len > 0)
    {
      const ChronoDlCluster *last = &g_array_index (clusters, ChronoDlCluster, clusters->len - 1);
      double last_x1 = last->x + last->w;

      /* Right after another cluster with nothing between: one run. */
      joins = last->row == rb->row_index && busy <= last_x1 + 0.05 &&
              last_x1 + GAP + 0.5 >= cell_x0;
      if (joins)
        x0 = last_x1;
      /* As dense as the part before: the same part, longer. */
      if (joins && last->density == density_of (count) && x1 > last_x1)
        {
          ChronoDlCluster *grow = &g_array_index (clusters, ChronoDlCluster, clusters->len - 1);

          grow->w = (float) (x1 - grow->x);
          grow->count += count;
          grow->day1 = t->point_pos[first + count - 1];
          for (guint l = 0; l < rb->levels; l++)
            rb->right[l] = x1;
          return;
        }
    }
  if (!joins)
    x0 = MAX (x0, busy + GAP);
  if (x1 - x0 < min_w)
    x1 = x0 + min_w;

  for (guint l = 0; l < rb->levels; l++)
    {
      finish_label (rb, l, x0);
      rb->right[l] = x1;
    }

  cluster.x = (float) x0;
  cluster.w = (float) (x1 - x0);
  cluster.joins = joins;
  cluster.density = density_of (count);
  cluster.y = (float) (rb->top + 1);
  cluster.h = (float) (rb->levels * rb->level_h - 2);
  cluster.count = count;
  cluster.colour = rb->colour;
  cluster.row = rb->row_index;
  cluster.day0 = t->point_pos[first];
  cluster.day1 = t->point_pos[first + count - 1];
  g_array_append_val (rb->dl->clusters, cluster);
}

typedef struct
{
  double       right[MAX_LEVELS];
  PendingLabel pending[MAX_LEVELS];
  guint        n_marks, n_bars, n_labels;
} Snapshot;

/* The last cell whose points were all placed. */
typedef struct
{
  gboolean placed;
  Snapshot before;
  guint    first;
  double   x0, x1;
} PreviousCell;

static void
snapshot_save (const RowBuild *rb,
               Snapshot       *snapshot)
{
  memcpy (snapshot->right, rb->right, sizeof snapshot->right);
  memcpy (snapshot->pending, rb->pending, sizeof snapshot->pending);
  snapshot->n_marks = rb->dl->marks->len;
  snapshot->n_bars = rb->dl->bars->len;
  snapshot->n_labels = rb->dl->labels->len;
}

static void
snapshot_restore (RowBuild       *rb,
                  const Snapshot *snapshot)
{
  memcpy (rb->right, snapshot->right, sizeof snapshot->right);
  memcpy (rb->pending, snapshot->pending, sizeof snapshot->pending);
  g_array_set_size (rb->dl->marks, snapshot->n_marks);
  g_array_set_size (rb->dl->bars, snapshot->n_bars);
  g_array_set_size (rb->dl->labels, snapshot->n_labels);
}

void
_chrono_layout_build_row (ChronoTimelineLayout  *self,
                          ChronoDisplayList     *dl,
                          const ChronoTimeScale *scale,
                          const Sizes           *sz,
                          guint16                row_index)
{
  const ChronoDlRow *row = &g_array_index (dl->rows, ChronoDlRow, row_index);
  ChronoMarks *m = self->marks;
  const ChronoMarksTrack *t = row_track (m, row);
  RowBuild rb = { 0 };
  PreviousCell prev = { 0 };
  double d0, d1, pad, cw_days, rx0;
  guint p, pend, r, rend;

  rb.self = self;
  rb.m = m;
  rb.dl = dl;
  rb.scale = scale;
  rb.track = t;
  rb.ppd = chrono_time_scale_px_per_day (scale);
  rb.from = scale->from;
  rb.origin = scale->x;
  rb.row_index = row_index;
  rb.colour = row->lane;
  rb.size = sz->mark_size;
  rb.half = sz->mark_size / 2;
  rb.level_h = sz->level_height;
  rb.top = row->y + sz->row_padding;
  rb.levels = MIN (row->levels, MAX_LEVELS);
  rb.view_x0 = dl->data_x0 - rb.size;
  rb.view_x1 = dl->data_x1 + rb.size;
  rb.oy = (float) (row->y + row->h - 3.5);
  for (guint l = 0; l < MAX_LEVELS; l++)
    rb.right[l] = -G_MAXDOUBLE;

  if (rb.ppd <= 0)
    return;

  d0 = chrono_time_scale_to_day (scale, rb.view_x0);
  d1 = chrono_time_scale_to_day (scale, rb.view_x1);
  chrono_marks_track_points (m, t, d0, d1, &p, &pend);
  chrono_marks_track_ranges (m, t, (gint32) floor (d0), (gint32) ceil (d1), &r, &rend);
  cw_days = MAX (self->metrics.cluster_width, rb.size + GAP) / rb.ppd;

  /* Months whose middle is out of view may still reach into it: their
   * bands, without marks, when months are wide enough to show. */
  pad = rb.ppd * 2 * t->max_half_width > rb.size ? t->max_half_width : 0;
  if (pad > 0)
    {
      guint a, b;

      chrono_marks_track_months (t, d0 - pad, d0, &a, &b);
      for (guint j = a; j < b; j++)
        place_band_only (&rb, t->month_points[j]);
    }

  while (p < pend || r < rend)
    {
      double point_left = G_MAXDOUBLE;

      if (p < pend)
        point_left = map_x (&rb, t->point_pos[p]) - rb.half;

      if (r < rend)
        {
          guint i = t->ranges[r];

          if (t->range_last[r] + 1 < d0)
            {
              r++;
              dl->n_visited++;
              continue;
            }
          rx0 = map_x (&rb, t->range_first[r]);
          if (rx0 <= point_left)
            {
              prev.placed = FALSE;
              dl->n_visited++;
              /* Only ranges that may find a level touch the event arrays. */
              if (free_level (&rb, rx0) >= 0)
                {
                  if (!place_range (&rb, i))
                    overflow (&rb, rx0, i, 1, t->range_last[r]);
                  r++;
                  continue;
                }
              /* No level is free before the first one frees up (or the
               * next point): every range starting before then overflows.
               * Skip them in one step. */
              {
                double limit = point_left;
                guint q;

                for (guint l = 0; l < rb.levels; l++)
                  limit = MIN (limit, rb.right[l] + GAP);
                q = gallop_ranges (t, r, rend, chrono_time_scale_to_day (scale, limit));
                overflow (&rb, rx0, i, q - r, chrono_marks_track_max_last (m, t, r, q));
                r = q;
              }
              continue;
            }
        }

      {
        double cell = floor (t->point_pos[p] / cw_days);
        double cell_end = (cell + 1) * cw_days;
        guint q = chrono_marks_track_skip (t, p, pend, cell_end);
        guint n = q - p;
        double cell_x0 = map_x (&rb, cell * cw_days);
        double cell_x1 = map_x (&rb, cell_end);
        gboolean placed = n <= rb.levels;
        Snapshot before;

        dl->n_visited += MIN (n, rb.levels + 1);
        snapshot_save (&rb, &before);
        for (guint j = p; j < q && placed; j++)
          placed = place_point (&rb, t->points[j]);

        if (placed)
          {
            prev.placed = TRUE;
            prev.before = before;
            prev.first = p;
            prev.x0 = cell_x0;
            prev.x1 = cell_x1;
          }
        else
          {
            snapshot_restore (&rb, &before);
            if (n > rb.levels)
              emit_cluster (&rb, cell_x0, cell_x1, p, n);
            else if (join_last_cluster (&rb, cell_x0, cell_x1, p, n))
              ;
            else if (prev.placed && prev.x1 + 0.5 >= cell_x0)
              {
                /* Rather than a cluster of one next to the marks that
                 * crowded it out, gather those marks too. */
                snapshot_restore (&rb, &prev.before);
                emit_cluster (&rb, prev.x0, cell_x1, prev.first, q - prev.first);
              }
            else
              emit_cluster (&rb, cell_x0, cell_x1, p, n);
            prev.placed = FALSE;
          }
        p = q;
      }
    }

  if (pad > 0)
    {
      guint a, b;

      chrono_marks_track_months (t, d1, d1 + pad, &a, &b);
      for (guint j = a; j < b; j++)
        place_band_only (&rb, t->month_points[j]);
    }

  for (guint l = 0; l < rb.levels; l++)
    finish_label (&rb, l, dl->data_x1);
  flush_overflow (&rb);
}
