/* chrono-timeline-painter-lanes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-painter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "chrono-timeline-painter-private.h"

/* Where the review period is, clamped to the data area; FALSE when out of view. */
gboolean
_chrono_painter_scope_span (ChronoTimelinePainter   *self,
                            const ChronoDisplayList *dl,
                            double                  *x0,
                            double                  *x1)
{
  if (!self->has_scope)
    return FALSE;
  *x0 = MAX (chrono_time_scale_to_x (&dl->scale, self->scope_first), dl->data_x0);
  *x1 = MIN (chrono_time_scale_to_x (&dl->scale, self->scope_last + 1.0), dl->data_x1);
  return *x1 > *x0;
}

static void
paint_grid (ChronoTimelinePainter   *self,
            cairo_t                 *cr,
            const ChronoDisplayList *dl,
            const ChronoTicks       *ticks,
            double                   bottom)
{
  double top = dl->data_y0;

  cairo_new_path (cr);
  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);

      if (t->x > dl->data_x0 && t->x < dl->data_x1)
        _chrono_painter_vline_path (self, cr, t->x, top, bottom, 1);
    }
  _chrono_set_rgba (cr, &self->style->grid);
  cairo_fill (cr);

  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);

      if (t->x > dl->data_x0 && t->x < dl->data_x1)
        _chrono_painter_vline_path (self, cr, t->x, top, bottom, 1);
    }
  _chrono_set_rgba (cr, &self->style->grid_major);
  cairo_fill (cr);
}

static void
paint_key_dates (ChronoTimelinePainter   *self,
                 cairo_t                 *cr,
                 const ChronoDisplayList *dl,
                 double                   top,
                 double                   bottom)
{
  for (guint i = 0; i < self->key_dates->len; i++)
    {
      const ChronoKeyDate *k = &g_array_index (self->key_dates, ChronoKeyDate, i);
      double x0 = chrono_time_scale_to_x (&dl->scale, k->first_day);
      double x1 = chrono_time_scale_to_x (&dl->scale, k->last_day + 1.0);

      if (x1 < dl->data_x0 || x0 > dl->data_x1)
        continue;
      if (k->first_day == k->last_day || x1 - x0 < 3)
        {
          /* A day: a line at its middle. */
          _chrono_painter_vline_path (self, cr, (x0 + x1) / 2, top, bottom, 2);
          _chrono_set_rgba (cr, &self->style->key_date);
          cairo_fill (cr);
        }
      else
        {
          /* A month or a year: only that much is known. */
          static const double dash[] = { 4, 3 };

          _chrono_painter_rect_path (self, cr, MAX (x0, dl->data_x0), top, MIN (x1, dl->data_x1),
                                     bottom);
          _chrono_set_rgba_alpha (cr, &self->style->key_date, 0.10);
          cairo_fill (cr);
          cairo_set_line_width (cr, 1);
          cairo_set_dash (cr, dash, 2, 0);
          _chrono_set_rgba (cr, &self->style->key_date);
          cairo_move_to (cr, _chrono_snap (self, x0) + 0.5, top);
          cairo_line_to (cr, _chrono_snap (self, x0) + 0.5, bottom);
          cairo_move_to (cr, _chrono_snap (self, x1) - 0.5, top);
          cairo_line_to (cr, _chrono_snap (self, x1) - 0.5, bottom);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }
}

static void
paint_background_vector (ChronoTimelinePainter   *self,
                         cairo_t                 *cr,
                         const ChronoDisplayList *dl,
                         const ChronoTicks       *ticks)
{
  const ChronoTimelineStyle *st = self->style;
  double sx0 = 0, sx1 = 0, bottom = dl->data_y0;
  gboolean scope = _chrono_painter_scope_span (self, dl, &sx0, &sx1);

  _chrono_set_rgba (cr, &st->background);
  cairo_rectangle (cr, 0, 0, dl->width, dl->height);
  cairo_fill (cr);

  cairo_save (cr);
  cairo_rectangle (cr, 0, dl->data_y0, dl->width, dl->data_y1 - dl->data_y0);
  cairo_clip (cr);

  /* Opaque lane backgrounds: alternate lanes, warmer inside the review
   * period.  Two colours, two fills each. */
  for (guint parity = 0; parity < 2; parity++)
    {
      cairo_new_path (cr);
      for (guint i = parity; i < dl->lanes->len; i += 2)
        {
          const ChronoDlLane *lane = &g_array_index (dl->lanes, ChronoDlLane, i);

          if (lane->y + lane->h < dl->data_y0 || lane->y > dl->data_y1)
            continue;
          _chrono_painter_rect_path (self, cr, dl->data_x0, lane->y, dl->width, lane->y + lane->h);
        }
      _chrono_set_rgba (cr, &st->lane_background[parity]);
      cairo_fill (cr);

      if (scope)
        {
          for (guint i = parity; i < dl->lanes->len; i += 2)
            {
              const ChronoDlLane *lane = &g_array_index (dl->lanes, ChronoDlLane, i);

              if (lane->y + lane->h < dl->data_y0 || lane->y > dl->data_y1)
                continue;
              _chrono_painter_rect_path (self, cr, sx0, lane->y, sx1, lane->y + lane->h);
            }
          _chrono_set_rgba (cr, &st->scope_background[parity]);
          cairo_fill (cr);
        }
    }

  if (dl->lanes->len > 0)
    {
      const ChronoDlLane *last = &g_array_index (dl->lanes, ChronoDlLane, dl->lanes->len - 1);

      bottom = MIN (last->y + last->h, dl->data_y1);
    }
  paint_grid (self, cr, dl, ticks, bottom);

  /* Separators: lanes full width, unit rows fainter. */
  cairo_new_path (cr);
  for (guint i = 0; i < dl->rows->len; i++)
    {
      const ChronoDlRow *row = &g_array_index (dl->rows, ChronoDlRow, i);

      if ((row->flags & CHRONO_ROW_UNIT) && row->y > dl->data_y0 && row->y < dl->data_y1)
        _chrono_painter_hline_path (self, cr, dl->data_x0, dl->width, row->y, 1);
    }
  _chrono_set_rgba (cr, &st->grid);
  cairo_fill (cr);
  for (guint i = 0; i < dl->lanes->len; i++)
    {
      const ChronoDlLane *lane = &g_array_index (dl->lanes, ChronoDlLane, i);
      double y = lane->y + lane->h;

      if (y > dl->data_y0 && y < dl->data_y1 + 1)
        _chrono_painter_hline_path (self, cr, dl->data_x0, dl->width, y, 1);
    }
  _chrono_set_rgba (cr, &st->separator);
  cairo_fill (cr);

  if (scope)
    {
      static const double dash[] = { 3, 3 };

      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, dash, 2, 0);
      _chrono_set_rgba (cr, &st->scope_marker);
      if (sx0 > dl->data_x0)
        {
          cairo_move_to (cr, _chrono_snap (self, sx0) + 0.5, dl->data_y0);
          cairo_line_to (cr, _chrono_snap (self, sx0) + 0.5, bottom);
        }
      if (sx1 < dl->data_x1)
        {
          cairo_move_to (cr, _chrono_snap (self, sx1) - 0.5, dl->data_y0);
          cairo_line_to (cr, _chrono_snap (self, sx1) - 0.5, bottom);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  cairo_save (cr);
  cairo_rectangle (cr, dl->data_x0, dl->data_y0, dl->data_x1 - dl->data_x0, bottom - dl->data_y0);
  cairo_clip (cr);
  paint_key_dates (self, cr, dl, dl->data_y0, bottom);
  cairo_restore (cr);

  cairo_restore (cr);
}

static double
lanes_bottom (const ChronoDisplayList *dl)
{
  const ChronoDlLane *last;

  if (dl->lanes->len == 0)
    return dl->data_y0;
  last = &g_array_index (dl->lanes, ChronoDlLane, dl->lanes->len - 1);
  return MIN (last->y + last->h, dl->data_y1);
}

/* The review period on screen, if it is. */
typedef struct
{
  gboolean shown;
  double   x0, x1;
} Span;

#define CLUSTER(i) (&g_array_index (dl->clusters, ChronoDlCluster, (i)))

/* A band of a lane's background from @x0 to @x1, warmer within the
 * review period. */
static void
fill_band (ChronoRaster *raster,
           double        x0,
           double        x1,
           double        y0,
           double        y1,
           const Span   *scope,
           guint32       lane_px,
           guint32       scope_px)
{
  double a, b;

  if (x1 <= x0 || y1 <= y0)
    return;
  if (!scope->shown)
    {
      chrono_raster_fill (raster, x0, y0, x1, y1, lane_px);
      return;
    }
  a = CLAMP (scope->x0, x0, x1);
  b = CLAMP (scope->x1, x0, x1);
  chrono_raster_fill (raster, x0, y0, a, y1, lane_px);
  chrono_raster_fill (raster, a, y0, b, y1, scope_px);
  chrono_raster_fill (raster, b, y0, x1, y1, lane_px);
}

/* The same as paint_background_vector(), straight into the pixels: every
 * pixel written once or twice, no path filling. */
static void
paint_background_raster (ChronoTimelinePainter   *self,
                         ChronoRaster            *raster,
                         const ChronoDisplayList *dl,
                         const ChronoTicks       *ticks)
{
  const ChronoTimelineStyle *st = self->style;
  double sx0 = 0, sx1 = 0, bottom = lanes_bottom (dl);
  gboolean scope = _chrono_painter_scope_span (self, dl, &sx0, &sx1);
  int line = MAX ((int) round (raster->scale), 1);

  /* Below the last lane, and everything else the other parts do not cover. */
  chrono_raster_fill (raster, 0, bottom, dl->width, dl->height,
                      _chrono_pixel_of (&st->background, 1));
  chrono_raster_fill (raster, dl->data_x0, dl->data_y0, dl->width, bottom,
                      _chrono_pixel_of (&st->background, 1));

  chrono_raster_clip (raster, 0, dl->data_y0, dl->width, dl->data_y1);
  {
    guint c = 0, n_clusters = dl->clusters->len;
    Span ground = { scope, sx0, sx1 };

    /* Row by row, leaving out what cluster runs will cover anyway: a busy
     * screen costs no more to fill than an empty one. */
    for (guint i = 0; i < dl->lanes->len; i++)
      {
        const ChronoDlLane *lane = &g_array_index (dl->lanes, ChronoDlLane, i);
        guint32 lane_px = _chrono_pixel_of (&st->lane_background[i % 2], 1);
        guint32 scope_px = _chrono_pixel_of (&st->scope_background[i % 2], 1);

        for (guint r = lane->first_row; r < lane->first_row + lane->n_rows; r++)
          {
            const ChronoDlRow *row = &g_array_index (dl->rows, ChronoDlRow, r);
            double y0 = row->y, y1 = row->y + row->h, x = dl->data_x0;
            double cy0 = y0, cy1 = y0;

            while (c < n_clusters && CLUSTER (c)->row < r)
              c++;
            if (y1 < dl->data_y0 || y0 > dl->data_y1)
              continue;
            if (c < n_clusters && CLUSTER (c)->row == r)
              {
                const ChronoDlCluster *first = CLUSTER (c);

                cy0 = first->y;
                cy1 = first->y + first->h;
                fill_band (raster, dl->data_x0, dl->width, y0, cy0, &ground, lane_px, scope_px);
                fill_band (raster, dl->data_x0, dl->width, cy1, y1, &ground, lane_px, scope_px);
                for (; c < n_clusters && CLUSTER (c)->row == r; c++)
                  {
                    const ChronoDlCluster *k = CLUSTER (c);

                    if (k->x > x)
                      fill_band (raster, x, k->x, cy0, cy1, &ground, lane_px, scope_px);
                    /* Runs leave a pixel between them. */
                    x = MAX (x, k->x + k->w - 1.5 / raster->scale);
                  }
                fill_band (raster, x, dl->width, cy0, cy1, &ground, lane_px, scope_px);
              }
            else
              fill_band (raster, dl->data_x0, dl->width, y0, y1, &ground, lane_px, scope_px);
          }
      }
  }

  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);

      if (t->x > dl->data_x0 && t->x < dl->data_x1)
        chrono_raster_vline (raster, t->x, dl->data_y0, bottom, line, 0,
                             _chrono_pixel_of (&st->grid, 1));
    }
  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);

      if (t->x > dl->data_x0 && t->x < dl->data_x1)
        chrono_raster_vline (raster, t->x, dl->data_y0, bottom, line, 0,
                             _chrono_pixel_of (&st->grid_major, 1));
    }

  for (guint i = 0; i < dl->rows->len; i++)
    {
      const ChronoDlRow *row = &g_array_index (dl->rows, ChronoDlRow, i);

      if (row->flags & CHRONO_ROW_UNIT)
        chrono_raster_hline (raster, dl->data_x0, dl->width, row->y, line, 0,
                             _chrono_pixel_of (&st->grid, 1));
    }
  for (guint i = 0; i < dl->lanes->len; i++)
    {
      const ChronoDlLane *lane = &g_array_index (dl->lanes, ChronoDlLane, i);

      chrono_raster_hline (raster, dl->data_x0, dl->width, lane->y + lane->h, line, 0,
                           _chrono_pixel_of (&st->separator, 1));
    }

  chrono_raster_clip (raster, dl->data_x0, dl->data_y0, dl->data_x1, bottom);
  if (scope)
    {
      int dash = (int) round (3 * raster->scale);

      if (sx0 > dl->data_x0)
        chrono_raster_vline (raster, sx0 + 0.5 / raster->scale, dl->data_y0, bottom, line, dash,
                             _chrono_pixel_of (&st->scope_marker, 1));
      if (sx1 < dl->data_x1)
        chrono_raster_vline (raster, sx1 - 0.5 / raster->scale, dl->data_y0, bottom, line, dash,
                             _chrono_pixel_of (&st->scope_marker, 1));
    }
  for (guint i = 0; i < self->key_dates->len; i++)
    {
      const ChronoKeyDate *k = &g_array_index (self->key_dates, ChronoKeyDate, i);
      double x0 = chrono_time_scale_to_x (&dl->scale, k->first_day);
      double x1 = chrono_time_scale_to_x (&dl->scale, k->last_day + 1.0);

      if (x1 < dl->data_x0 || x0 > dl->data_x1)
        continue;
      if (k->first_day == k->last_day || x1 - x0 < 3)
        chrono_raster_vline (raster, (x0 + x1) / 2, dl->data_y0, bottom, 2 * line, 0,
                             _chrono_pixel_of (&st->key_date, 1));
      else
        {
          int dash = (int) round (4 * raster->scale);

          chrono_raster_fill (raster, x0, dl->data_y0, x1, bottom,
                              _chrono_pixel_of (&st->key_date, 0.10));
          chrono_raster_vline (raster, x0 + 0.5 / raster->scale, dl->data_y0, bottom, line, dash,
                               _chrono_pixel_of (&st->key_date, 1));
          chrono_raster_vline (raster, x1 - 0.5 / raster->scale, dl->data_y0, bottom, line, dash,
                               _chrono_pixel_of (&st->key_date, 1));
        }
    }
  chrono_raster_clip (raster, -1e6, -1e6, 1e6, 1e6);
}

void
_chrono_painter_paint_background (ChronoTimelinePainter   *self,
                                  cairo_t                 *cr,
                                  const ChronoDisplayList *dl,
                                  const ChronoTicks       *ticks)
{
  ChronoRaster raster;

  if (self->record == NULL && chrono_raster_begin (&raster, cr))
    {
      paint_background_raster (self, &raster, dl, ticks);
      chrono_raster_end (&raster);
    }
  else
    paint_background_vector (self, cr, dl, ticks);
}

void
chrono_timeline_painter_paint_background (ChronoTimelinePainter   *self,
                                          cairo_t                 *cr,
                                          const ChronoDisplayList *list)
{
  g_autoptr(ChronoTicks) ticks = NULL;

  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (cr != NULL && list != NULL);

  ticks = chrono_time_scale_compute_ticks (&list->scale,
                                           _chrono_painter_text_width (self, FONT_AXIS, "0"));
  _chrono_painter_paint_background (self, cr, list, ticks);
}

static void
disclosure_path (cairo_t  *cr,
                 double    x,
                 double    y,
                 double    size,
                 gboolean  collapsed)
{
  double r = size / 2;

  if (collapsed)
    {
      cairo_move_to (cr, x - r * 0.5, y - r);
      cairo_line_to (cr, x + r * 0.7, y);
      cairo_line_to (cr, x - r * 0.5, y + r);
    }
  else
    {
      cairo_move_to (cr, x - r, y - r * 0.5);
      cairo_line_to (cr, x + r, y - r * 0.5);
      cairo_line_to (cr, x, y + r * 0.7);
    }
  cairo_close_path (cr);
}

static void
paint_headers_direct (ChronoTimelinePainter   *self,
                      cairo_t                 *cr,
                      ChronoMarks             *marks,
                      const ChronoDisplayList *list)
{
  const ChronoTimelineStyle *st;
  const ChronoRgba *colours;
  double width;
  double stripe = 5;

  st = self->style;
  colours = _chrono_painter_lane_colours (self, marks);
  width = list->data_x0;

  cairo_save (cr);
  cairo_rectangle (cr, 0, list->data_y0, width, list->data_y1 - list->data_y0);
  cairo_clip (cr);
  _chrono_set_rgba (cr, &st->background);
  cairo_paint (cr);

  for (guint i = 0; i < list->lanes->len; i++)
    {
      const ChronoDlLane *lane = &g_array_index (list->lanes, ChronoDlLane, i);

      if (lane->y + lane->h < list->data_y0 || lane->y > list->data_y1)
        continue;
      cairo_new_path (cr);
      _chrono_painter_rect_path (self, cr, 0, lane->y, width, lane->y + lane->h);
      _chrono_set_rgba (cr, &st->header_background[i % 2]);
      cairo_fill (cr);
      _chrono_painter_rect_path (self, cr, 0, lane->y, stripe, lane->y + lane->h);
      _chrono_set_rgba (cr, &colours[lane->lane]);
      cairo_fill (cr);
      _chrono_painter_hline_path (self, cr, 0, width, lane->y + lane->h, 1);
      _chrono_set_rgba (cr, &st->separator);
      cairo_fill (cr);
    }

  for (guint i = 0; i < list->rows->len; i++)
    {
      const ChronoDlRow *row = &g_array_index (list->rows, ChronoDlRow, i);
      double y = row->y + MIN (row->h / 2, self->font_size * 1.1 + 2);

      if (row->y + row->h < list->data_y0 || row->y > list->data_y1)
        continue;

      if (row->flags & CHRONO_ROW_LANE_TITLE)
        {
          const ChronoMarksLane *ml = &marks->lanes[row->lane];
          gboolean collapsed = (row->flags & CHRONO_ROW_COLLAPSED) != 0;

          if (ml->n_units > 0)
            {
              disclosure_path (cr, stripe + 9, y, self->font_size * 0.6, collapsed);
              _chrono_set_rgba (cr, &st->text_secondary);
              cairo_fill (cr);
            }
          _chrono_painter_draw_text (self, cr, FONT_LANE, row->name, stripe + 17, y,
                                     width - stripe - 24, &st->text, ALIGN_LEFT);
          if (collapsed && row->h >= self->font_size * 2.8)
            {
              g_autofree char *hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit",
                                                                    "%u units", ml->n_units),
                                                       ml->n_units);

              _chrono_painter_draw_text (self, cr, FONT_UNIT, hint, stripe + 17,
                                         y + self->font_size * 1.3, width - stripe - 24,
                                         &st->text_secondary, ALIGN_LEFT);
            }
        }
      else
        {
          _chrono_painter_hline_path (self, cr, stripe + 24, width, row->y, 1);
          _chrono_set_rgba (cr, &st->grid);
          cairo_fill (cr);
          _chrono_painter_draw_text (self, cr, FONT_UNIT, row->name, stripe + 29,
                                     row->y + row->h / 2, width - stripe - 36, &st->text_secondary,
                                     ALIGN_LEFT);
        }
    }

  /* The column's edge. */
  _chrono_painter_vline_path (self, cr, width - 0.5, list->data_y0, list->data_y1, 1);
  _chrono_set_rgba (cr, &st->separator);
  cairo_fill (cr);
  cairo_restore (cr);
}

static guint64
hash_mix (guint64 h,
          guint64 v)
{
  return (h ^ v) * 0x100000001b3ull;
}

static guint64
header_key (ChronoTimelinePainter   *self,
            ChronoMarks             *marks,
            const ChronoDisplayList *list,
            double                   scale)
{
  guint64 h = 0xcbf29ce484222325ull;

  h = hash_mix (h, GPOINTER_TO_SIZE (marks));
  h = hash_mix (h, self->theme);
  h = hash_mix (h, (guint64) (self->font_size * 64));
  h = hash_mix (h, (guint64) (scale * 64));
  h = hash_mix (h, (guint64) (list->data_x0 * 64));
  h = hash_mix (h, (guint64) (list->data_y0 * 64));
  h = hash_mix (h, (guint64) (list->data_y1 * 64));
  for (guint i = 0; i < list->rows->len; i++)
    {
      const ChronoDlRow *row = &g_array_index (list->rows, ChronoDlRow, i);

      h = hash_mix (h, (guint64) (gint64) (row->y * 64));
      h = hash_mix (h, (guint64) (row->h * 64));
      h = hash_mix (h, (guint64) row->lane << 32 | (guint16) row->unit << 8 | row->flags);
    }
  return h;
}

/* Lane headers change only with the lanes: on an image surface they are
 * drawn once into a cache and copied. */
void
chrono_timeline_painter_paint_headers (ChronoTimelinePainter   *self,
                                       cairo_t                 *cr,
                                       ChronoMarks             *marks,
                                       const ChronoDisplayList *list)
{
  ChronoRaster raster;
  double scale, height;
  guint64 key;

  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (cr != NULL && marks != NULL && list != NULL);

  if (self->record != NULL || !chrono_raster_begin (&raster, cr))
    {
      paint_headers_direct (self, cr, marks, list);
      return;
    }
  scale = raster.scale;

  height = list->data_y1 - list->data_y0;
  if (list->data_x0 < 1 || height < 1)
    {
      chrono_raster_end (&raster);
      return;
    }
  key = header_key (self, marks, list, scale);
  if (self->header_cache == NULL || self->header_key != key)
    {
      cairo_t *cache_cr;

      g_clear_pointer (&self->header_cache, cairo_surface_destroy);
      self->header_cache = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                       (int) ceil (list->data_x0 * scale),
                                                       (int) ceil (height * scale));
      cairo_surface_set_device_scale (self->header_cache, scale, scale);
      cache_cr = cairo_create (self->header_cache);
      cairo_translate (cache_cr, 0, -list->data_y0);
      pango_cairo_update_context (cache_cr, self->context);
      paint_headers_direct (self, cache_cr, marks, list);
      cairo_destroy (cache_cr);
      self->header_key = key;
    }

  chrono_raster_clip (&raster, 0, list->data_y0, list->data_x0, list->data_y1);
  chrono_raster_copy (&raster, self->header_cache, 0, list->data_y0);
  chrono_raster_end (&raster);
}
