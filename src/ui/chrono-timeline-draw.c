/* chrono-timeline-draw.c: the timeline's display list as render nodes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "chrono-timeline-shapes.h"

/* Three cached nodes and what changes every frame:
 *
 * - the lanes (backgrounds, grid, review period, key dates, bars, clusters,
 *   marks, labels) and the axis, built for one scale, size and data;
 * - the lane headers, which only change with the lanes and the vertical
 *   scroll, so they survive panning and zooming;
 * - on top, drawn fresh each frame: search hits, the selection, the
 *   keyboard focus, the pointer's event and the lane being moved.
 *
 * Everything is colour, border and text nodes; Cairo only for the marks
 * whose shape is a path, each kind drawn once and shared. */

static const ChronoRgba accent_light = { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1 };
static const ChronoRgba accent_dark = { 0x78 / 255.0, 0xae / 255.0, 0xed / 255.0, 1 };
static const ChronoRgba hit_light = { 0xe5 / 255.0, 0xa5 / 255.0, 0x0a / 255.0, 1 };
static const ChronoRgba hit_dark = { 0xf8 / 255.0, 0xe4 / 255.0, 0x5c / 255.0, 1 };

static double
context_row_height (ChronoTimelineView *self)
{
  return round (self->font_size * 1.75);
}

static double
tick_row_height (ChronoTimelineView *self)
{
  return round (self->font_size * 1.6);
}

static gboolean
has_annotations (ChronoTimelineView *self)
{
  return self->options != NULL && (self->options->has_scope || self->options->key_dates->len > 0);
}

static double
lanes_bottom (const ChronoDisplayList *list)
{
  const ChronoDlLane *last;

  if (list->lanes->len == 0)
    return list->data_y0;
  last = &g_array_index (list->lanes, ChronoDlLane, list->lanes->len - 1);
  return MIN (last->y + last->h, list->data_y1);
}

static gboolean
scope_span (ChronoDraw *d,
            double     *x0,
            double     *x1)
{
  const ChronoTimelineOptions *options = d->self->options;

  if (options == NULL || !options->has_scope)
    return FALSE;
  *x0 = MAX (chrono_time_scale_to_x (&d->list->scale, options->scope_first), d->list->data_x0);
  *x1 = MIN (chrono_time_scale_to_x (&d->list->scale, options->scope_last + 1.0), d->list->data_x1);
  return *x1 > *x0;
}

static const ChronoRgba *
accent (ChronoDraw *d)
{
  return d->self->theme == CHRONO_TIMELINE_THEME_DARK ? &accent_dark : &accent_light;
}

static void
count_text (guint  count,
            char  *buffer,
            gsize  size)
{
  if (count < 1000)
    g_snprintf (buffer, size, "%u", count);
  else if (count < 10000)
    g_snprintf (buffer, size, "%u.%uk", count / 1000, count % 1000 / 100);
  else if (count < 1000000)
    g_snprintf (buffer, size, "%uk", count / 1000);
  else
    g_snprintf (buffer, size, "%u.%uM", count / 1000000, count % 1000000 / 100000);
}

static void
draw_lanes (ChronoDraw        *d,
            const ChronoTicks *ticks)
{
  const ChronoDisplayList *list = d->list;
  const ChronoTimelineStyle *st = d->st;
  double sx0 = 0, sx1 = 0, bottom = lanes_bottom (list);
  gboolean scope = scope_span (d, &sx0, &sx1);
  GdkRGBA grid = chrono_draw_rgba (&st->grid, 1);
  GdkRGBA major = chrono_draw_rgba (&st->grid_major, 1);
  GdkRGBA separator = chrono_draw_rgba (&st->separator, 1);
  GdkRGBA background = chrono_draw_rgba (&st->background, 1);

  gtk_snapshot_push_clip (d->snapshot, &GRAPHENE_RECT_INIT (list->data_x0, list->data_y0,
                                                            list->width - list->data_x0,
                                                            list->data_y1 - list->data_y0));
  chrono_draw_fill (d, list->data_x0, bottom, list->width, list->data_y1, &background);
  for (guint i = 0; i < list->lanes->len; i++)
    {
      const ChronoDlLane *lane = &g_array_index (list->lanes, ChronoDlLane, i);
      GdkRGBA lane_bg = chrono_draw_rgba (&st->lane_background[i % 2], 1);
      GdkRGBA scope_bg = chrono_draw_rgba (&st->scope_background[i % 2], 1);

      if (lane->y + lane->h < list->data_y0 || lane->y > list->data_y1)
        continue;
      chrono_draw_fill (d, list->data_x0, lane->y, list->width, lane->y + lane->h, &lane_bg);
      if (scope)
        chrono_draw_fill (d, sx0, lane->y, sx1, lane->y + lane->h, &scope_bg);
    }

  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);

      if (t->x > list->data_x0 && t->x < list->data_x1)
        chrono_draw_vline (d, t->x, list->data_y0, bottom, 1, &grid);
    }
  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);

      if (t->x > list->data_x0 && t->x < list->data_x1)
        chrono_draw_vline (d, t->x, list->data_y0, bottom, 1, &major);
    }

  for (guint i = 0; i < list->rows->len; i++)
    {
      const ChronoDlRow *row = &g_array_index (list->rows, ChronoDlRow, i);

      if ((row->flags & CHRONO_ROW_UNIT) && row->y > list->data_y0 && row->y < list->data_y1)
        chrono_draw_hline (d, list->data_x0, list->width, row->y, 1, &grid);
    }
  for (guint i = 0; i < list->lanes->len; i++)
    {
      const ChronoDlLane *lane = &g_array_index (list->lanes, ChronoDlLane, i);

      chrono_draw_hline (d, list->data_x0, list->width, lane->y + lane->h, 1, &separator);
    }

  if (scope)
    {
      GdkRGBA marker = chrono_draw_rgba (&st->scope_marker, 1);

      if (sx0 > list->data_x0)
        chrono_draw_dashed_vline (d, sx0 + d->px / 2, list->data_y0, bottom, 3, 3, &marker);
      if (sx1 < list->data_x1)
        chrono_draw_dashed_vline (d, sx1 - d->px / 2, list->data_y0, bottom, 3, 3, &marker);
    }
  for (guint i = 0; d->self->options != NULL && i < d->self->options->key_dates->len; i++)
    {
      const ChronoKeyDate *k = &g_array_index (d->self->options->key_dates, ChronoKeyDate, i);
      double x0 = chrono_time_scale_to_x (&list->scale, k->first_day);
      double x1 = chrono_time_scale_to_x (&list->scale, k->last_day + 1.0);
      GdkRGBA line = chrono_draw_rgba (&st->key_date, 1);
      GdkRGBA band = chrono_draw_rgba (&st->key_date, 0.10);

      if (x1 < list->data_x0 || x0 > list->data_x1)
        continue;
      if (k->first_day == k->last_day || x1 - x0 < 3)
        chrono_draw_vline (d, (x0 + x1) / 2, list->data_y0, bottom, 2, &line);
      else
        {
          chrono_draw_fill (d, MAX (x0, list->data_x0), list->data_y0, MIN (x1, list->data_x1), bottom, &band);
          chrono_draw_dashed_vline (d, x0 + d->px / 2, list->data_y0, bottom, 4, 3, &line);
          chrono_draw_dashed_vline (d, x1 - d->px / 2, list->data_y0, bottom, 4, 3, &line);
        }
    }
  gtk_snapshot_pop (d->snapshot);
}

static void
draw_bars (ChronoDraw *d)
{
  const ChronoDisplayList *list = d->list;

  for (guint i = 0; i < list->bars->len; i++)
    {
      const ChronoDlBar *bar = &g_array_index (list->bars, ChronoDlBar, i);
      const ChronoRgba *c = &d->colours[bar->colour];
      ChronoRgba dark = chrono_draw_line_colour (d, c);
      double x1 = MAX (bar->x1, bar->x0 + d->px), y1 = bar->y + bar->h;
      gboolean approx = (bar->flags & CHRONO_MARK_APPROX) != 0;
      GdkRGBA soft, line;

      if (bar->bar_flags & CHRONO_BAR_OVERFLOW)
        {
          GdkRGBA strip = chrono_draw_rgba (&dark, 0.55);

          chrono_draw_fill (d, bar->x0, bar->y, x1, y1, &strip);
          continue;
        }
      soft = chrono_draw_rgba (c, (bar->bar_flags & CHRONO_BAR_SPAN) ? 0.35
                                  : d->self->marks->precision[bar->event] == CHRONO_PRECISION_DAY ? 0.14
                                  : 0.28);
      chrono_draw_fill (d, bar->x0, bar->y, x1, y1, &soft);
      if (bar->bar_flags & CHRONO_BAR_SPAN)
        {
          /* Everything the dates allow soft, what they are sure of solid. */
          GdkRGBA core = chrono_draw_rgba (c, 0.9);

          line = chrono_draw_rgba (&dark, 1);
          if (bar->core_x1 > bar->core_x0)
            chrono_draw_fill (d, bar->core_x0, bar->y, bar->core_x1, y1, &core);
          if (!approx)
            chrono_draw_frame (d, bar->x0, bar->y, x1, y1, 1, &line);
          else
            {
              chrono_draw_dashed_hline (d, bar->x0, x1, bar->y + d->px / 2, list->data_x0, list->data_x1, &line);
              chrono_draw_dashed_hline (d, bar->x0, x1, y1 - d->px / 2, list->data_x0, list->data_x1, &line);
              chrono_draw_dashed_vline (d, bar->x0 + d->px / 2, bar->y, y1, 3, 2, &line);
              chrono_draw_dashed_vline (d, x1 - d->px / 2, bar->y, y1, 3, 2, &line);
            }
        }
      else if (d->self->marks->precision[bar->event] == CHRONO_PRECISION_DAY)
        {
          /* A day without a time, zoomed in to hours: any time that day. */
          GdkRGBA faint = chrono_draw_rgba (&dark, 0.35);

          chrono_draw_vline (d, bar->x0 + d->px / 2, bar->y, y1, 1, &faint);
          chrono_draw_vline (d, x1 - d->px / 2, bar->y, y1, 1, &faint);
        }
      else
        {
          /* Whiskers: the date covers this much and no more. */
          line = chrono_draw_rgba (&dark, 0.9);
          if (!approx)
            {
              chrono_draw_vline (d, bar->x0 + d->px / 2, bar->y - 3, y1 + 3, 1, &line);
              chrono_draw_vline (d, x1 - d->px / 2, bar->y - 3, y1 + 3, 1, &line);
              chrono_draw_hline (d, bar->x0, x1, bar->y + bar->h / 2, 1, &line);
            }
          else
            {
              chrono_draw_dashed_vline (d, bar->x0 + d->px / 2, bar->y - 3, y1 + 3, 3, 2, &line);
              chrono_draw_dashed_vline (d, x1 - d->px / 2, bar->y - 3, y1 + 3, 3, 2, &line);
              chrono_draw_dashed_hline (d, bar->x0, x1, bar->y + bar->h / 2, list->data_x0, list->data_x1, &line);
            }
        }
    }
}

static double
cluster_tint (guint density)
{
  return 0.8 - 0.1 * (CLAMP (density, 1, 6) - 1);
}

/* The end of the run of clusters that starts at @i. */
static guint
cluster_run_end (const ChronoDisplayList *list,
                 guint                    i,
                 guint32                 *total)
{
  guint j = i;

  *total = 0;
  do
    *total += g_array_index (list->clusters, ChronoDlCluster, j++).count;
  while (j < list->clusters->len && g_array_index (list->clusters, ChronoDlCluster, j).joins);
  return j;
}

static void
draw_clusters (ChronoDraw *d)
{
  const ChronoDisplayList *list = d->list;
  GdkRGBA background = chrono_draw_rgba (&d->st->background, 1);

  for (guint i = 0; i < list->clusters->len;)
    {
      const ChronoDlCluster *first = &g_array_index (list->clusters, ChronoDlCluster, i);
      const ChronoRgba *colour = &d->colours[first->colour];
      ChronoRgba dark = chrono_draw_line_colour (d, colour);
      GdkRGBA frame = chrono_draw_rgba (&dark, 1);
      guint32 total;
      guint j = cluster_run_end (list, i, &total);
      const ChronoDlCluster *last = &g_array_index (list->clusters, ChronoDlCluster, j - 1);
      double x0 = first->x, x1 = last->x + last->w - d->px;
      double y0 = first->y, y1 = first->y + first->h;
      char text[16];
      double tw;

      /* One frame for the run, each part shaded by how busy it is. */
      for (guint k = i; k < j; k++)
        {
          const ChronoDlCluster *c = &g_array_index (list->clusters, ChronoDlCluster, k);
          ChronoRgba shade = chrono_draw_mix (colour, &d->st->background, cluster_tint (c->density));
          GdkRGBA fill = chrono_draw_rgba (&shade, 1);

          chrono_draw_fill (d, MAX (c->x, x0), y0, MIN (c->x + c->w, x1), y1, &fill);
        }
      chrono_draw_frame (d, x0, y0, x1, y1, 1, &frame);

      count_text (total, text, sizeof text);
      tw = chrono_draw_text_width (d->self, CHRONO_FONT_COUNT, text);
      if (tw + 6 <= x1 - x0)
        {
          double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, th = round (d->self->font_size * 0.95);

          if (j - i > 1 || cluster_tint (first->density) < 0.6)
            chrono_draw_fill (d, cx - tw / 2 - 2, cy - th / 2, cx + tw / 2 + 2, cy + th / 2, &background);
          chrono_draw_text (d, CHRONO_FONT_COUNT, text, cx, cy, -1, &d->st->text, CHRONO_ALIGN_CENTRE);
        }
      i = j;
    }
}

static void
draw_events (ChronoDraw *d)
{
  const ChronoDisplayList *list = d->list;

  gtk_snapshot_push_clip (d->snapshot, &GRAPHENE_RECT_INIT (list->data_x0, list->data_y0,
                                                            list->width - list->data_x0,
                                                            list->data_y1 - list->data_y0));
  draw_bars (d);
  draw_clusters (d);
  for (guint i = 0; i < list->marks->len; i++)
    {
      const ChronoDlMark *m = &g_array_index (list->marks, ChronoDlMark, i);

      chrono_draw_mark (d, m->shape, m->flags, m->x, m->y, m->size, &d->colours[m->colour]);
    }
  /* Labels sit on their lane's own background, so that they read over
   * bars and bands without looking highlighted. */
  {
    g_autofree guint8 *parity = g_new0 (guint8, MAX (list->rows->len, 1));
    GdkRGBA backdrops[2];

    for (guint i = 0; i < list->lanes->len; i++)
      {
        const ChronoDlLane *lane = &g_array_index (list->lanes, ChronoDlLane, i);

        memset (parity + lane->first_row, i % 2, lane->n_rows);
      }
    for (guint p = 0; p < 2; p++)
      backdrops[p] = chrono_draw_rgba (&d->st->lane_background[p], 0.85);
    for (guint i = 0; i < list->labels->len; i++)
      {
        const ChronoDlLabel *label = &g_array_index (list->labels, ChronoDlLabel, i);

        chrono_draw_label (d, label->text, label->x, label->y, label->max_width,
                           &backdrops[parity[label->row]]);
      }
  }
  gtk_snapshot_pop (d->snapshot);
}

static void
draw_annotations (ChronoDraw *d,
                  double      top,
                  double      height)
{
  const ChronoDisplayList *list = d->list;
  const ChronoTimelineStyle *st = d->st;
  double sx0 = 0, sx1 = 0, mid = top + height / 2, taken = -G_MAXDOUBLE;

  if (scope_span (d, &sx0, &sx1))
    {
      GdkRGBA bg = chrono_draw_rgba (&st->scope_background[1], 1);
      GdkRGBA marker = chrono_draw_rgba (&st->scope_marker, 1);
      const char *text = _("Review period");

      chrono_draw_fill (d, sx0, top + 3, sx1, top + height - 3, &bg);
      chrono_draw_hline (d, sx0, sx1, top + height - 3, 2, &marker);
      if (chrono_draw_text_width (d->self, CHRONO_FONT_SMALL, text) + 10 <= sx1 - sx0)
        chrono_draw_text (d, CHRONO_FONT_SMALL, text, sx0 + 6, mid, -1, &st->text_secondary,
                          CHRONO_ALIGN_LEFT);
    }

  for (guint i = 0; i < d->self->options->key_dates->len; i++)
    {
      const ChronoKeyDate *k = &g_array_index (d->self->options->key_dates, ChronoKeyDate, i);
      double kx0 = chrono_time_scale_to_x (&list->scale, k->first_day);
      double kx1 = chrono_time_scale_to_x (&list->scale, k->last_day + 1.0);
      gboolean band = k->first_day != k->last_day && kx1 - kx0 >= 3;
      double x = band ? kx0 : (kx0 + kx1) / 2, w;
      GdkRGBA line = chrono_draw_rgba (&st->key_date, 1);
      GdkRGBA fill = chrono_draw_rgba (&st->key_date, 0.18);
      GdkRGBA axis_bg = chrono_draw_rgba (&st->axis_background, 1);

      if (kx1 < list->data_x0 || kx0 > list->data_x1)
        continue;
      if (band)
        chrono_draw_fill (d, kx0, top, kx1, top + height, &fill);
      chrono_draw_vline (d, x, top, top + height, 2, &line);
      if (k->label == NULL || *k->label == '\0')
        continue;

      /* Right of the line, unless the label before is there. */
      w = MIN (chrono_draw_text_width (d->self, CHRONO_FONT_KEY, k->label), list->data_x1 - x - 8);
      if (w >= 24 && x + 3 > taken)
        {
          chrono_draw_fill (d, x + 3, top + 2, x + 7 + w, top + height - 2, &axis_bg);
          chrono_draw_text (d, CHRONO_FONT_KEY, k->label, x + 5, mid, w + 1, &st->key_date,
                            CHRONO_ALIGN_LEFT);
          taken = x + 7 + w;
        }
    }
}

static void
draw_axis (ChronoDraw        *d,
           const ChronoTicks *ticks)
{
  ChronoTimelineView *self = d->self;
  const ChronoDisplayList *list = d->list;
  const ChronoTimelineStyle *st = d->st;
  double ctx_h = context_row_height (self), tick_h = tick_row_height (self);
  double axis_h = list->data_y0, x0 = list->data_x0, x1 = list->data_x1;
  GdkRGBA bg = chrono_draw_rgba (&st->axis_background, 1);
  GdkRGBA major = chrono_draw_rgba (&st->grid_major, 1);
  GdkRGBA separator = chrono_draw_rgba (&st->separator, 1);

  chrono_draw_fill (d, 0, 0, list->width, axis_h, &bg);

  /* The period shown, in words, above the lane names. */
  {
    ChronoDate a = CHRONO_DATE_INIT, b = CHRONO_DATE_INIT;
    g_autofree char *from = NULL, *to = NULL, *range = NULL;
    int y, m, dd;

    chrono_day_to_ymd ((gint32) MAX (floor (list->scale.from), 0), &y, &m, &dd);
    a.year = y, a.month = m, a.day = dd;
    chrono_day_to_ymd ((gint32) MAX (ceil (list->scale.to) - 1, 0), &y, &m, &dd);
    b.year = y, b.month = m, b.day = dd;
    from = chrono_date_format (&a);
    to = chrono_date_format (&b);
    /* Translators: the period the timeline shows, "1 Jan 2011 – 31 Dec 2011" */
    range = g_strdup_printf (_("%s – %s"), from, to);
    chrono_draw_text (d, CHRONO_FONT_AXIS, range, 12, ctx_h + tick_h / 2, x0 - 20, &st->text_secondary,
                      CHRONO_ALIGN_LEFT);
  }

  gtk_snapshot_push_clip (d->snapshot, &GRAPHENE_RECT_INIT (x0, 0, list->width - x0, axis_h));
  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);
      double left = MAX (t->x, x0) + 6, right = MIN (t->end_x, x1) - 4;

      if (t->x >= x0 && t->x <= x1)
        chrono_draw_vline (d, t->x, 0, ctx_h + tick_h, 1, &major);
      /* Sticky: the year stays in view while any of it is. */
      if (right - left >= chrono_draw_text_width (self, CHRONO_FONT_CONTEXT, t->label))
        chrono_draw_text (d, CHRONO_FONT_CONTEXT, t->label, left, ctx_h / 2 + 1, -1, &st->text,
                          CHRONO_ALIGN_LEFT);
    }
  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);
      double w = chrono_draw_text_width (self, CHRONO_FONT_AXIS, t->label);

      if (t->x >= x0 && t->x <= x1)
        chrono_draw_vline (d, t->x, ctx_h, ctx_h + tick_h, 1, &major);
      if (t->end_x - t->x >= w + 8 && t->x >= x0 && t->x < x1)
        chrono_draw_text (d, CHRONO_FONT_AXIS, t->label, t->x + 4, ctx_h + tick_h / 2, -1,
                          &st->text_secondary, CHRONO_ALIGN_LEFT);
    }
  if (has_annotations (self))
    draw_annotations (d, ctx_h + tick_h, axis_h - ctx_h - tick_h);
  gtk_snapshot_pop (d->snapshot);

  chrono_draw_hline (d, 0, list->width, axis_h - 0.5, 1, &separator);
  chrono_draw_vline (d, x0 - 0.5, 0, axis_h, 1, &separator);
}

static void
draw_headers (ChronoDraw *d)
{
  ChronoTimelineView *self = d->self;
  const ChronoDisplayList *list = d->list;
  const ChronoTimelineStyle *st = d->st;
  double width = list->data_x0, stripe = 5, f = self->font_size;
  GdkRGBA bg = chrono_draw_rgba (&st->background, 1);
  GdkRGBA separator = chrono_draw_rgba (&st->separator, 1);
  GdkRGBA grid = chrono_draw_rgba (&st->grid, 1);

  gtk_snapshot_push_clip (d->snapshot, &GRAPHENE_RECT_INIT (0, list->data_y0, width,
                                                            list->data_y1 - list->data_y0));
  chrono_draw_fill (d, 0, list->data_y0, width, list->data_y1, &bg);
  for (guint i = 0; i < list->lanes->len; i++)
    {
      const ChronoDlLane *lane = &g_array_index (list->lanes, ChronoDlLane, i);
      GdkRGBA header = chrono_draw_rgba (&st->header_background[i % 2], 1);
      GdkRGBA colour = chrono_draw_rgba (&d->colours[lane->lane], 1);

      if (lane->y + lane->h < list->data_y0 || lane->y > list->data_y1)
        continue;
      chrono_draw_fill (d, 0, lane->y, width, lane->y + lane->h, &header);
      chrono_draw_fill (d, 0, lane->y, stripe, lane->y + lane->h, &colour);
      chrono_draw_hline (d, 0, width, lane->y + lane->h, 1, &separator);
    }

  for (guint i = 0; i < list->rows->len; i++)
    {
      const ChronoDlRow *row = &g_array_index (list->rows, ChronoDlRow, i);
      double y = row->y + MIN (row->h / 2, f * 1.1 + 2);

      if (row->y + row->h < list->data_y0 || row->y > list->data_y1)
        continue;
      if (row->flags & CHRONO_ROW_LANE_TITLE)
        {
          guint n_units = self->marks->lanes[row->lane].n_units;
          gboolean collapsed = (row->flags & CHRONO_ROW_COLLAPSED) != 0;

          if (n_units > 0)
            chrono_draw_disclosure (d, stripe + 9, y, f * 0.7, collapsed);
          chrono_draw_text (d, CHRONO_FONT_LANE, row->name, stripe + 17, y, width - stripe - 24, &st->text,
                            CHRONO_ALIGN_LEFT);
          if (collapsed && row->h >= f * 2.8)
            {
              g_autofree char *hint = g_strdup_printf (ngettext ("%u unit", "%u units", n_units), n_units);

              chrono_draw_text (d, CHRONO_FONT_UNIT, hint, stripe + 17, y + f * 1.3, width - stripe - 24,
                                &st->text_secondary, CHRONO_ALIGN_LEFT);
            }
        }
      else
        {
          chrono_draw_hline (d, stripe + 24, width, row->y, 1, &grid);
          chrono_draw_text (d, CHRONO_FONT_UNIT, row->name, stripe + 29, row->y + row->h / 2,
                            width - stripe - 36, &st->text_secondary, CHRONO_ALIGN_LEFT);
        }
    }
  chrono_draw_vline (d, width - 0.5, list->data_y0, list->data_y1, 1, &separator);
  gtk_snapshot_pop (d->snapshot);
}

/* The cluster of @row that holds @x, or -1. */
static int
cluster_at (const ChronoDisplayList *list,
            int                      row,
            double                   x)
{
  for (guint i = 0; i < list->clusters->len; i++)
    {
      const ChronoDlCluster *c = &g_array_index (list->clusters, ChronoDlCluster, i);

      if (c->row == row && x >= c->x - 1 && x <= c->x + c->w + 1)
        return (int) i;
    }
  return -1;
}

/* Rings @event where it is drawn: its mark, its bar or its cluster. */
static gboolean
outline_event (ChronoDraw    *d,
               guint          event,
               double         gap,
               double         width,
               const GdkRGBA *colour,
               double        *mark_x)
{
  const ChronoDisplayList *list = d->list;
  const ChronoDlMark *mark = NULL;
  const ChronoDlBar *bar = NULL;
  int row, c;

  if (chrono_display_list_find_event (list, event, &mark, &bar))
    {
      if (mark != NULL)
        {
          chrono_draw_ring (d, mark->x, mark->y, mark->size / 2 + gap + width, width, colour);
          *mark_x = mark->x;
        }
      else
        {
          chrono_draw_frame (d, bar->x0 - gap - width, bar->y - gap - width, bar->x1 + gap + width,
                             bar->y + bar->h + gap + width, width, colour);
          *mark_x = MAX (bar->x0, list->data_x0);
        }
      return TRUE;
    }

  row = _chrono_timeline_view_row_of_event (d->self, list, event);
  *mark_x = chrono_time_scale_to_x (&list->scale, d->self->marks->pos[event]);
  if (row < 0 || (c = cluster_at (list, row, *mark_x)) < 0)
    return FALSE;
  {
    const ChronoDlCluster *k = &g_array_index (list->clusters, ChronoDlCluster, c);

    chrono_draw_frame (d, k->x - width, k->y - width, k->x + k->w + width, k->y + k->h + width, width,
                       colour);
  }
  return TRUE;
}

static void
draw_overlays (ChronoDraw *d)
{
  ChronoTimelineView *self = d->self;
  const ChronoDisplayList *list = d->list;
  ChronoCaseView *cv = self->case_view;
  const guint8 *hits = chrono_case_view_get_hit_mask (cv);
  gint64 selected = chrono_case_view_get_selected_id (cv);
  GdkRGBA hit = chrono_draw_rgba (self->theme == CHRONO_TIMELINE_THEME_DARK ? &hit_dark : &hit_light, 1);
  GdkRGBA strong = chrono_draw_rgba (accent (d), 1);
  GdkRGBA faint = chrono_draw_rgba (accent (d), 0.35);
  GdkRGBA hover = chrono_draw_rgba (&d->st->text_secondary, 0.6);
  double x;
  gint i;

  gtk_snapshot_push_clip (d->snapshot, &GRAPHENE_RECT_INIT (list->data_x0, list->data_y0,
                                                            list->width - list->data_x0,
                                                            list->data_y1 - list->data_y0));
  if (hits != NULL)
    {
      guint n_hits = chrono_case_view_get_n_hits (cv);

      for (guint k = 0; k < n_hits; k++)
        {
          i = chrono_marks_lookup (self->marks, chrono_case_view_get_hit (cv, k));
          if (i >= 0 && self->marks->pos[i] >= list->scale.from - 1 && self->marks->pos[i] <= list->scale.to + 1)
            outline_event (d, (guint) i, 1.5, 2, &hit, &x);
        }
    }

  if (self->hover_id != 0 && self->hover_id != selected &&
      (i = chrono_marks_lookup (self->marks, self->hover_id)) >= 0)
    outline_event (d, (guint) i, 1, 1.5, &hover, &x);

  if (self->focus_id != 0 && self->focus_id != selected && gtk_widget_has_focus (GTK_WIDGET (self)) &&
      (i = chrono_marks_lookup (self->marks, self->focus_id)) >= 0)
    outline_event (d, (guint) i, 2, 1.5, &strong, &x);

  if (selected != 0 && (i = chrono_marks_lookup (self->marks, selected)) >= 0)
    {
      /* A line through the lanes: what the others did that day. */
      x = chrono_time_scale_to_x (&list->scale, self->marks->pos[i]);
      chrono_draw_vline (d, x, list->data_y0, lanes_bottom (list), 2, &faint);
      outline_event (d, (guint) i, 2, 2.5, &strong, &x);
    }
  gtk_snapshot_pop (d->snapshot);
}

/* Where a lane being moved would go. */
static void
draw_drop (ChronoDraw *d)
{
  ChronoTimelineView *self = d->self;
  const ChronoDisplayList *list = d->list;
  GdkRGBA strong = chrono_draw_rgba (accent (d), 1);
  GdkRGBA faint = chrono_draw_rgba (accent (d), 0.2);

  if (self->drag_mode == CHRONO_DRAG_REORDER && self->drop_index >= 0 && list->lanes->len > 0)
    {
      guint at = MIN ((guint) self->drop_index, list->lanes->len);
      const ChronoDlLane *lane = &g_array_index (list->lanes, ChronoDlLane, MIN (at, list->lanes->len - 1));
      double y = at < list->lanes->len ? lane->y : lane->y + lane->h;

      for (guint k = 0; k < list->lanes->len; k++)
        {
          const ChronoDlLane *moving = &g_array_index (list->lanes, ChronoDlLane, k);

          if (moving->lane == self->drag_lane)
            chrono_draw_fill (d, 0, moving->y, list->width, moving->y + moving->h, &faint);
        }
      chrono_draw_hline (d, 0, list->width, y, 3, &strong);
    }
}

static gboolean
same_key (const ChronoDrawKey *a,
          const ChronoDrawKey *b)
{
  return memcmp (a, b, sizeof *a) == 0;
}

void
_chrono_timeline_view_draw (ChronoTimelineView *self,
                            GtkSnapshot        *snapshot)
{
  const ChronoDisplayList *list;
  ChronoDraw d = { 0 };
  ChronoDrawKey key;
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (self->fonts[0] == NULL)
    _chrono_timeline_view_setup_fonts (self);

  d.self = self;
  d.st = chrono_timeline_painter_get_style (self->painter);
  d.scale = scale_factor;
  d.px = 1.0 / scale_factor;

  list = _chrono_timeline_view_ensure_list (self);
  if (list == NULL)
    {
      GdkRGBA bg = chrono_draw_rgba (&d.st->background, 1);

      gtk_snapshot_append_color (snapshot, &bg,
                                 &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                                                      gtk_widget_get_height (GTK_WIDGET (self))));
      return;
    }
  d.list = list;
  /* The painter picks the lane colours (the case's, or its palette). */
  g_array_set_size (self->lane_colours, MAX (self->marks->n_lanes, 1));
  for (guint l = 0; l < self->marks->n_lanes; l++)
    chrono_timeline_painter_get_lane_colour (self->painter, self->marks, l,
                                             &g_array_index (self->lane_colours, ChronoRgba, l));
  d.colours = (const ChronoRgba *) self->lane_colours->data;

  key = self->list_key;
  key.scale_factor = scale_factor;
  if (self->lanes_node == NULL || self->axis_node == NULL || !same_key (&key, &self->base_key))
    {
      g_autoptr(ChronoTicks) ticks = NULL;

      g_clear_pointer (&self->lanes_node, gsk_render_node_unref);
      g_clear_pointer (&self->axis_node, gsk_render_node_unref);
      ticks = chrono_time_scale_compute_ticks (&list->scale,
                                               chrono_draw_text_width (self, CHRONO_FONT_AXIS, "0"));
      d.snapshot = gtk_snapshot_new ();
      draw_lanes (&d, ticks);
      draw_events (&d);
      self->lanes_node = gtk_snapshot_free_to_node (d.snapshot);
      d.snapshot = gtk_snapshot_new ();
      draw_axis (&d, ticks);
      self->axis_node = gtk_snapshot_free_to_node (d.snapshot);
      self->base_key = key;
    }

  /* The headers do not move with the days. */
  key.from = key.to = 0;
  key.width = (int) list->data_x0;
  if (self->headers_node == NULL || !same_key (&key, &self->headers_key))
    {
      g_clear_pointer (&self->headers_node, gsk_render_node_unref);
      d.snapshot = gtk_snapshot_new ();
      draw_headers (&d);
      self->headers_node = gtk_snapshot_free_to_node (d.snapshot);
      self->headers_key = key;
    }

  d.snapshot = snapshot;
  if (self->lanes_node != NULL)
    gtk_snapshot_append_node (snapshot, self->lanes_node);
  draw_overlays (&d);
  if (self->headers_node != NULL)
    gtk_snapshot_append_node (snapshot, self->headers_node);
  draw_drop (&d);
  if (self->axis_node != NULL)
    gtk_snapshot_append_node (snapshot, self->axis_node);
}
