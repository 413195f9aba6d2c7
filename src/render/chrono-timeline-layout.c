/* chrono-timeline-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "chrono-timeline-layout.h"

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

#define MAX_LEVELS 8
#define MAX_GROWN_LEVELS MAX_LEVELS
#define GAP 2.0

struct _ChronoTimelineLayout
{
  GObject                parent_instance;

  ChronoMarks           *marks;
  ChronoTimelineMetrics  metrics;
  gboolean              *collapsed;
  gboolean              *hidden;
  guint                 *order;

  ChronoLabelFunc        label_func;
  gpointer               label_data;
  GDestroyNotify         label_destroy;

  double                 scroll_y;
  ChronoDisplayList      list;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChronoTimelineLayout, chrono_timeline_layout, G_TYPE_OBJECT)

/* Row sizes after fitting the height. */
typedef struct
{
  double mark_size;
  double level_height;
  double row_padding;
  guint  levels;
  guint  collapsed_levels;
  const guint8 *extra;   /* more levels for some rows (by row index), or NULL */
} Sizes;

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

static void
emit_changed (ChronoTimelineLayout *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
free_lane_state (ChronoTimelineLayout *self)
{
  g_clear_pointer (&self->collapsed, g_free);
  g_clear_pointer (&self->hidden, g_free);
  g_clear_pointer (&self->order, g_free);
}

static void
init_lane_state (ChronoTimelineLayout *self)
{
  guint n = self->marks->n_lanes;

  self->collapsed = g_new0 (gboolean, MAX (n, 1));
  self->hidden = g_new0 (gboolean, MAX (n, 1));
  self->order = g_new (guint, MAX (n, 1));

  for (guint l = 0; l < n; l++)
    {
      self->hidden[l] = self->marks->lanes[l].hidden;
      self->order[l] = l;
    }
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

/* Plans the lanes and rows top down from y = 0; returns the total height. */
static double
plan_rows (ChronoTimelineLayout *self,
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
static double
fit_rows (ChronoTimelineLayout *self,
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

  natural = plan_rows (self, sz, lanes, rows);
  if (!mt->fit_height || natural <= available || available <= 0)
    return natural;

  /* First stack less, then shrink. */
  sz->levels = 1;
  sz->collapsed_levels = 1;
  sz->row_padding = mt->row_padding / 2;
  natural = plan_rows (self, sz, lanes, rows);
  if (natural <= available)
    return natural;

  k = available / natural;
  sz->level_height = MAX (floor (mt->level_height * k), 8.0);
  sz->row_padding = MAX (floor (sz->row_padding * k), 1.0);
  sz->mark_size = MIN (mt->mark_size, MAX (sz->level_height - 3, 5.0));
  return plan_rows (self, sz, lanes, rows);
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

static void
build_row (ChronoTimelineLayout  *self,
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

static void
chrono_timeline_layout_finalize (GObject *object)
{
  ChronoTimelineLayout *self = CHRONO_TIMELINE_LAYOUT (object);

  if (self->label_destroy != NULL)
    self->label_destroy (self->label_data);
  g_clear_pointer (&self->marks, chrono_marks_unref);
  free_lane_state (self);
  g_clear_pointer (&self->list.lanes, g_array_unref);
  g_clear_pointer (&self->list.rows, g_array_unref);
  g_clear_pointer (&self->list.bars, g_array_unref);
  g_clear_pointer (&self->list.marks, g_array_unref);
  g_clear_pointer (&self->list.clusters, g_array_unref);
  g_clear_pointer (&self->list.labels, g_array_unref);

  G_OBJECT_CLASS (chrono_timeline_layout_parent_class)->finalize (object);
}

static void
chrono_timeline_layout_class_init (ChronoTimelineLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chrono_timeline_layout_finalize;

  /**
   * ChronoTimelineLayout::changed:
   *
   * Lane state or sizes changed: build and draw again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
chrono_timeline_layout_init (ChronoTimelineLayout *self)
{
  chrono_timeline_metrics_init_default (&self->metrics);
  self->list.lanes = g_array_new (FALSE, FALSE, sizeof (ChronoDlLane));
  self->list.rows = g_array_new (FALSE, FALSE, sizeof (ChronoDlRow));
  self->list.bars = g_array_sized_new (FALSE, FALSE, sizeof (ChronoDlBar), 1024);
  self->list.marks = g_array_sized_new (FALSE, FALSE, sizeof (ChronoDlMark), 4096);
  self->list.clusters = g_array_sized_new (FALSE, FALSE, sizeof (ChronoDlCluster), 1024);
  self->list.labels = g_array_sized_new (FALSE, FALSE, sizeof (ChronoDlLabel), 256);
}

void
chrono_timeline_metrics_init_default (ChronoTimelineMetrics *metrics)
{
  g_return_if_fail (metrics != NULL);

  metrics->header_width = 200;
  metrics->axis_height = 46;
  metrics->footer_height = 0;
  metrics->right_margin = 16;
  metrics->mark_size = 11;
  metrics->level_height = 15;
  metrics->levels = 2;
  metrics->collapsed_levels = 3;
  metrics->row_padding = 4;
  metrics->cluster_width = 26;
  metrics->min_label_width = 48;
  metrics->show_labels = FALSE;
  metrics->fit_height = FALSE;
  metrics->grow_levels = FALSE;
}

ChronoTimelineLayout *
chrono_timeline_layout_new (ChronoMarks *marks)
{
  ChronoTimelineLayout *self;

  g_return_val_if_fail (marks != NULL, NULL);

  self = g_object_new (CHRONO_TYPE_TIMELINE_LAYOUT, NULL);
  self->marks = chrono_marks_ref (marks);
  init_lane_state (self);
  return self;
}

ChronoMarks *
chrono_timeline_layout_get_marks (ChronoTimelineLayout *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self), NULL);
  return self->marks;
}

void
chrono_timeline_layout_set_marks (ChronoTimelineLayout *self,
                                  ChronoMarks          *marks)
{
  ChronoMarks *old;
  gboolean *old_collapsed, *old_hidden;
  guint *old_order;
  guint n_old;

  g_return_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self));
  g_return_if_fail (marks != NULL);

  old = self->marks;
  old_collapsed = g_steal_pointer (&self->collapsed);
  old_hidden = g_steal_pointer (&self->hidden);
  old_order = g_steal_pointer (&self->order);
  n_old = old->n_lanes;

  self->marks = chrono_marks_ref (marks);
  init_lane_state (self);

  /* Lanes keep their state by name; lanes the user moved keep their
   * relative order, new lanes follow in position order. */
  {
    g_autofree gboolean *placed = g_new0 (gboolean, MAX (marks->n_lanes, 1));
    guint k = 0;

    for (guint o = 0; o < n_old; o++)
      {
        gint l = chrono_marks_find_lane (marks, old->lanes[old_order[o]].name);

        if (l < 0 || placed[l])
          continue;
        placed[l] = TRUE;
        self->order[k++] = (guint) l;
        self->collapsed[l] = old_collapsed[old_order[o]];
        self->hidden[l] = old_hidden[old_order[o]];
      }
    for (guint l = 0; l < marks->n_lanes; l++)
      {
        if (!placed[l])
          self->order[k++] = l;
      }
  }

  g_free (old_collapsed);
  g_free (old_hidden);
  g_free (old_order);
  chrono_marks_unref (old);
  emit_changed (self);
}

void
chrono_timeline_layout_get_metrics (ChronoTimelineLayout  *self,
                                    ChronoTimelineMetrics *metrics)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self));
  g_return_if_fail (metrics != NULL);

  *metrics = self->metrics;
}

void
chrono_timeline_layout_set_metrics (ChronoTimelineLayout        *self,
                                    const ChronoTimelineMetrics *metrics)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self));
  g_return_if_fail (metrics != NULL);
  g_return_if_fail (metrics->mark_size > 0 && metrics->level_height > 0);

  self->metrics = *metrics;
  emit_changed (self);
}

gboolean
chrono_timeline_layout_get_lane_collapsed (ChronoTimelineLayout *self,
                                           guint                 lane)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self), FALSE);
  g_return_val_if_fail (lane < self->marks->n_lanes, FALSE);

  return self->collapsed[lane];
}

void
chrono_timeline_layout_set_lane_collapsed (ChronoTimelineLayout *self,
                                           guint                 lane,
                                           gboolean              collapsed)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self));
  g_return_if_fail (lane < self->marks->n_lanes);

  collapsed = !!collapsed;
  if (self->collapsed[lane] == collapsed)
    return;
  self->collapsed[lane] = collapsed;
  emit_changed (self);
}

void
chrono_timeline_layout_set_all_collapsed (ChronoTimelineLayout *self,
                                          gboolean              collapsed)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self));

  for (guint l = 0; l < self->marks->n_lanes; l++)
    self->collapsed[l] = !!collapsed;
  emit_changed (self);
}

gboolean
chrono_timeline_layout_get_lane_hidden (ChronoTimelineLayout *self,
                                        guint                 lane)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self), FALSE);
  g_return_val_if_fail (lane < self->marks->n_lanes, FALSE);

  return self->hidden[lane];
}

void
chrono_timeline_layout_set_lane_hidden (ChronoTimelineLayout *self,
                                        guint                 lane,
                                        gboolean              hidden)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self));
  g_return_if_fail (lane < self->marks->n_lanes);

  hidden = !!hidden;
  if (self->hidden[lane] == hidden)
    return;
  self->hidden[lane] = hidden;
  emit_changed (self);
}

const guint *
chrono_timeline_layout_get_lane_order (ChronoTimelineLayout *self,
                                       guint                *n_lanes)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self), NULL);

  if (n_lanes != NULL)
    *n_lanes = self->marks->n_lanes;
  return self->order;
}

/**
 * chrono_timeline_layout_set_lane_order:
 *
 * Returns: FALSE (and changes nothing) unless @order is a permutation of
 * every lane.
 */
gboolean
chrono_timeline_layout_set_lane_order (ChronoTimelineLayout *self,
                                       const guint          *order,
                                       guint                 n_lanes)
{
  g_autofree gboolean *seen = NULL;

  g_return_val_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self), FALSE);
  g_return_val_if_fail (order != NULL || n_lanes == 0, FALSE);

  if (n_lanes != self->marks->n_lanes)
    return FALSE;
  seen = g_new0 (gboolean, MAX (n_lanes, 1));
  for (guint i = 0; i < n_lanes; i++)
    {
      if (order[i] >= n_lanes || seen[order[i]])
        return FALSE;
      seen[order[i]] = TRUE;
    }
  memcpy (self->order, order, sizeof (guint) * n_lanes);
  emit_changed (self);
  return TRUE;
}

void
chrono_timeline_layout_set_label_func (ChronoTimelineLayout *self,
                                       ChronoLabelFunc       func,
                                       gpointer              user_data,
                                       GDestroyNotify        destroy)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self));

  if (self->label_destroy != NULL)
    self->label_destroy (self->label_data);
  self->label_func = func;
  self->label_data = user_data;
  self->label_destroy = destroy;
  emit_changed (self);
}

void
chrono_timeline_layout_set_scroll_y (ChronoTimelineLayout *self,
                                     double                scroll_y)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self));

  self->scroll_y = MAX (scroll_y, 0);
  emit_changed (self);
}

double
chrono_timeline_layout_get_scroll_y (ChronoTimelineLayout *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self), 0);
  return self->scroll_y;
}

void
chrono_timeline_layout_get_data_area (ChronoTimelineLayout *self,
                                      double                width,
                                      double                height,
                                      double               *x,
                                      double               *y,
                                      double               *data_width,
                                      double               *data_height)
{
  const ChronoTimelineMetrics *mt;

  g_return_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self));

  mt = &self->metrics;
  if (x != NULL)
    *x = mt->header_width;
  if (y != NULL)
    *y = mt->axis_height;
  if (data_width != NULL)
    *data_width = MAX (width - mt->header_width - mt->right_margin, 1);
  if (data_height != NULL)
    *data_height = MAX (height - mt->axis_height - mt->footer_height, 1);
}

double
chrono_timeline_layout_get_content_height (ChronoTimelineLayout *self,
                                           double                height)
{
  g_autoptr(GArray) lanes = g_array_new (FALSE, FALSE, sizeof (ChronoDlLane));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (ChronoDlRow));
  double available = 0;
  Sizes sz;

  g_return_val_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self), 0);

  chrono_timeline_layout_get_data_area (self, 1, height, NULL, NULL, NULL, &available);
  return fit_rows (self, available, &sz, lanes, rows);
}

/* Moves the planned rows under the axis and builds those in view. */
static void
build_visible_rows (ChronoTimelineLayout  *self,
                    ChronoDisplayList     *dl,
                    const ChronoTimeScale *scale,
                    const Sizes           *sz,
                    double                 content)
{
  double offset;

  self->scroll_y = CLAMP (self->scroll_y, 0, MAX (content - (dl->data_y1 - dl->data_y0), 0));
  offset = dl->data_y0 - self->scroll_y;

  for (guint i = 0; i < dl->lanes->len; i++)
    g_array_index (dl->lanes, ChronoDlLane, i).y += offset;
  for (guint i = 0; i < dl->rows->len; i++)
    g_array_index (dl->rows, ChronoDlRow, i).y += offset;

  for (guint i = 0; i < dl->rows->len && i <= G_MAXUINT16; i++)
    {
      const ChronoDlRow *row = &g_array_index (dl->rows, ChronoDlRow, i);

      if (row->y + row->h <= dl->data_y0 || row->y >= dl->data_y1)
        continue;
      build_row (self, dl, scale, sz, (guint16) i);
    }
}

const ChronoDisplayList *
chrono_timeline_layout_build (ChronoTimelineLayout  *self,
                              const ChronoTimeScale *scale,
                              double                 width,
                              double                 height)
{
  ChronoDisplayList *dl;
  double x0 = 0, y0 = 0, data_w = 1, data_h = 1, content;
  Sizes sz;

  g_return_val_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self), NULL);
  g_return_val_if_fail (scale != NULL, NULL);

  dl = &self->list;
  g_array_set_size (dl->bars, 0);
  g_array_set_size (dl->marks, 0);
  g_array_set_size (dl->clusters, 0);
  g_array_set_size (dl->labels, 0);
  dl->n_visited = 0;
  dl->scale = *scale;
  dl->width = width;
  dl->height = height;

  chrono_timeline_layout_get_data_area (self, width, height, &x0, &y0, &data_w, &data_h);
  dl->data_x0 = x0;
  dl->data_x1 = x0 + data_w;
  dl->data_y0 = y0;
  dl->data_y1 = y0 + data_h;

  content = fit_rows (self, data_h, &sz, dl->lanes, dl->rows);
  dl->mark_size = sz.mark_size;
  build_visible_rows (self, dl, scale, &sz, content);

  /* Fitting a page with room to spare: rows that had to gather marks into
   * clusters stack deeper, the busiest first. */
  if (self->metrics.grow_levels && content + sz.level_height <= data_h && dl->rows->len > 0)
    {
      g_autofree double *demand = g_new0 (double, dl->rows->len);
      g_autofree guint8 *extra = g_new0 (guint8, dl->rows->len);
      double spare = data_h - content;
      gboolean grown = FALSE;

      for (guint i = 0; i < dl->clusters->len; i++)
        {
          const ChronoDlCluster *c = &g_array_index (dl->clusters, ChronoDlCluster, i);
          demand[c->row] += c->count;
        }
      for (guint i = 0; i < dl->bars->len; i++)
        {
          const ChronoDlBar *b = &g_array_index (dl->bars, ChronoDlBar, i);

          if (b->bar_flags & CHRONO_BAR_OVERFLOW)
            demand[b->row] += b->count;
        }
      while (spare >= sz.level_height)
        {
          double best = 0;
          guint best_row = 0;

          for (guint i = 0; i < dl->rows->len; i++)
            {
              guint levels = g_array_index (dl->rows, ChronoDlRow, i).levels + extra[i];
              double want = demand[i] / levels;

              if (levels < MAX_GROWN_LEVELS && want > best)
                {
                  best = want;
                  best_row = i;
                }
            }
          if (best <= 0)
            break;
          extra[best_row]++;
          spare -= sz.level_height;
          grown = TRUE;
        }
      if (grown)
        {
          sz.extra = extra;
          content = plan_rows (self, &sz, dl->lanes, dl->rows);
          g_array_set_size (dl->bars, 0);
          g_array_set_size (dl->marks, 0);
          g_array_set_size (dl->clusters, 0);
          g_array_set_size (dl->labels, 0);
          dl->n_visited = 0;
          build_visible_rows (self, dl, scale, &sz, content);
          sz.extra = NULL;
        }
    }
  return dl;
}

const ChronoDisplayList *
chrono_timeline_layout_get_display_list (ChronoTimelineLayout *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_LAYOUT (self), NULL);
  return &self->list;
}

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
