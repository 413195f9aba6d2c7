/* chrono-timeline-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-layout"

#include "config.h"

#include <string.h>

#include "chrono-timeline-layout-private.h"

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChronoTimelineLayout, chrono_timeline_layout, G_TYPE_OBJECT)

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
  return _chrono_layout_fit_rows (self, available, &sz, lanes, rows);
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
      _chrono_layout_build_row (self, dl, scale, sz, (guint16) i);
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

  content = _chrono_layout_fit_rows (self, data_h, &sz, dl->lanes, dl->rows);
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
          content = _chrono_layout_plan_rows (self, &sz, dl->lanes, dl->rows);
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
