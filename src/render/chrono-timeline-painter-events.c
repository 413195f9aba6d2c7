/* chrono-timeline-painter-events.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-painter"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "chrono-timeline-painter-private.h"

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
paint_bars (ChronoTimelinePainter   *self,
            cairo_t                 *cr,
            const ChronoRgba        *colours,
            const ChronoDisplayList *dl)
{
  static const double dash[] = { 3, 2 };

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < dl->bars->len; i++)
    {
      const ChronoDlBar *bar = &g_array_index (dl->bars, ChronoDlBar, i);
      const ChronoRgba *c = &colours[bar->colour];
      ChronoRgba dark = _chrono_painter_line_of (self, c);
      double x0 = _chrono_snap (self, bar->x0), x1 = _chrono_snap (self, bar->x1);
      double y0 = _chrono_snap (self, bar->y), y1 = _chrono_snap (self, bar->y + bar->h);
      gboolean approx = (bar->flags & CHRONO_MARK_APPROX) != 0;

      if (x1 - x0 < 1)
        x1 = x0 + 1;

      if (bar->bar_flags & CHRONO_BAR_OVERFLOW)
        {
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          _chrono_set_rgba_alpha (cr, &dark, 0.55);
          cairo_fill (cr);
          continue;
        }

      /* Everything the dates allow, soft. */
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      _chrono_set_rgba_alpha (cr, c, (bar->bar_flags & CHRONO_BAR_SPAN) ? 0.35 : 0.28);
      cairo_fill (cr);

      if (bar->bar_flags & CHRONO_BAR_SPAN)
        {
          double cx0 = _chrono_snap (self, bar->core_x0), cx1 = _chrono_snap (self, bar->core_x1);

          /* What they are sure of, solid. */
          if (cx1 > cx0)
            {
              cairo_rectangle (cr, cx0, y0, cx1 - cx0, y1 - y0);
              _chrono_set_rgba_alpha (cr, c, 0.9);
              cairo_fill (cr);
            }
          cairo_rectangle (cr, x0 + 0.5, y0 + 0.5, x1 - x0 - 1, y1 - y0 - 1);
          if (approx)
            cairo_set_dash (cr, dash, 2, 0);
          _chrono_set_rgba (cr, &dark);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else
        {
          /* Whiskers at both ends: the date covers this much and no more. */
          double wy0 = y0 - 3, wy1 = y1 + 3;
          double mid = _chrono_snap (self, (y0 + y1) / 2) + 0.5;

          if (approx)
            cairo_set_dash (cr, dash, 2, 0);
          cairo_move_to (cr, x0 + 0.5, wy0);
          cairo_line_to (cr, x0 + 0.5, wy1);
          cairo_move_to (cr, x1 - 0.5, wy0);
          cairo_line_to (cr, x1 - 0.5, wy1);
          cairo_move_to (cr, x0 + 0.5, mid);
          cairo_line_to (cr, x1 - 0.5, mid);
          _chrono_set_rgba_alpha (cr, &dark, 0.9);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }
}

/* A cluster's fill: the more events, the stronger the lane's colour. */
static double
cluster_tint (guint density)
{
  /* Logarithmic: one event is pale, hundreds strong. */
  return 0.8 - 0.1 * (CLAMP (density, 1, 6) - 1);
}

/* The end of the run of clusters that starts at @i. */
static guint
cluster_run_end (const ChronoDisplayList *dl,
                 guint                    i,
                 guint32                 *total)
{
  guint j = i;

  *total = 0;
  do
    *total += g_array_index (dl->clusters, ChronoDlCluster, j++).count;
  while (j < dl->clusters->len && g_array_index (dl->clusters, ChronoDlCluster, j).joins);
  return j;
}

static void
paint_clusters (ChronoTimelinePainter   *self,
                cairo_t                 *cr,
                const ChronoRgba        *colours,
                const ChronoDisplayList *dl)
{
  for (guint i = 0; i < dl->clusters->len;)
    {
      const ChronoDlCluster *first = &g_array_index (dl->clusters, ChronoDlCluster, i);
      const ChronoRgba *colour = &colours[first->colour];
      ChronoRgba dark = _chrono_painter_line_of (self, colour);
      guint32 total;
      guint j = cluster_run_end (dl, i, &total);
      const ChronoDlCluster *last = &g_array_index (dl->clusters, ChronoDlCluster, j - 1);
      double x0 = _chrono_snap (self, first->x), x1 = _chrono_snap (self, last->x + last->w) - 1;
      double y0 = _chrono_snap (self, first->y), y1 = _chrono_snap (self, first->y + first->h);
      char text[16];
      double tw;

      for (guint k = i; k < j; k++)
        {
          const ChronoDlCluster *c = &g_array_index (dl->clusters, ChronoDlCluster, k);
          ChronoRgba fill = _chrono_mix (colour, &self->style->background,
                                         cluster_tint (c->density));

          double cx0 = _chrono_snap (self, c->x), cx1 = MIN (_chrono_snap (self, c->x + c->w), x1);

          cairo_rectangle (cr, cx0, y0, cx1 - cx0, y1 - y0);
          _chrono_set_rgba (cr, &fill);
          cairo_fill (cr);
        }
      cairo_rectangle (cr, x0 + 0.5, y0 + 0.5, x1 - x0 - 1, y1 - y0 - 1);
      cairo_set_line_width (cr, 1);
      _chrono_set_rgba (cr, &dark);
      cairo_stroke (cr);

      count_text (total, text, sizeof text);
      tw = _chrono_painter_text_width (self, FONT_COUNT, text);
      if (tw + 6 <= x1 - x0)
        {
          double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, th = round (self->font_size * 0.95);

          if (j - i > 1 || cluster_tint (first->density) < 0.6)
            {
              _chrono_painter_rect_path (self, cr, cx - tw / 2 - 2, cy - th / 2, cx + tw / 2 + 2,
                                         cy + th / 2);
              _chrono_set_rgba (cr, &self->style->background);
              cairo_fill (cr);
            }
          _chrono_painter_draw_text (self, cr, FONT_COUNT, text, cx, cy, -1, &self->style->text,
                                     ALIGN_CENTRE);
        }
      i = j;
    }
}

void
_chrono_painter_tilde_path (cairo_t *cr,
                            double   x,
                            double   y,
                            double   w)
{
  double h = w * 0.3;

  cairo_move_to (cr, x - w / 2, y + h / 2);
  cairo_curve_to (cr, x - w / 4, y - h, x, y - h / 2, x, y);
  cairo_curve_to (cr, x, y + h / 2, x + w / 4, y + h, x + w / 2, y - h / 2);
}

/* What a bar stands on: its lane's background, warmer in the review period. */
typedef struct
{
  guint8 *parity;     /* by row */
  double  sx0, sx1;   /* the review period, or empty */
} Ground;

static void
ground_init (ChronoTimelinePainter   *self,
             const ChronoDisplayList *dl,
             Ground                  *ground)
{
  ground->parity = g_new0 (guint8, MAX (dl->rows->len, 1));
  for (guint i = 0; i < dl->lanes->len; i++)
    {
      const ChronoDlLane *lane = &g_array_index (dl->lanes, ChronoDlLane, i);

      for (guint r = lane->first_row; r < lane->first_row + lane->n_rows; r++)
        ground->parity[r] = i % 2;
    }
  if (!_chrono_painter_scope_span (self, dl, &ground->sx0, &ground->sx1))
    ground->sx0 = ground->sx1 = 0;
}

/* Fills with @c at @alpha as if blended over the lane's background, but
 * opaque: a plain memory fill, whatever the width. */
static void
fill_on_ground (ChronoTimelinePainter *self,
                ChronoRaster          *raster,
                const Ground          *ground,
                guint16                row,
                double                 x0,
                double                 y0,
                double                 x1,
                double                 y1,
                const ChronoRgba      *c,
                double                 alpha)
{
  const ChronoTimelineStyle *st = self->style;
  const ChronoRgba *lane_bg = &st->lane_background[ground->parity[row]];
  const ChronoRgba *scope_bg = &st->scope_background[ground->parity[row]];
  ChronoRgba out = _chrono_mix (lane_bg, c, alpha), in = _chrono_mix (scope_bg, c, alpha);
  double a = CLAMP (ground->sx0, x0, x1), b = CLAMP (ground->sx1, x0, x1);

  if (a > x0)
    chrono_raster_fill (raster, x0, y0, a, y1, _chrono_pixel_of (&out, 1));
  if (b > a)
    chrono_raster_fill (raster, a, y0, b, y1, _chrono_pixel_of (&in, 1));
  if (x1 > b)
    chrono_raster_fill (raster, b, y0, x1, y1, _chrono_pixel_of (&out, 1));
}

static void
paint_bars_raster (ChronoTimelinePainter   *self,
                   ChronoRaster            *raster,
                   const ChronoRgba        *colours,
                   const ChronoDisplayList *dl)
{
  int line = MAX ((int) round (raster->scale), 1);
  int dash = (int) round (3 * raster->scale);
  Ground ground;

  if (dl->bars->len == 0)
    return;
  ground_init (self, dl, &ground);
  for (guint i = 0; i < dl->bars->len; i++)
    {
      const ChronoDlBar *bar = &g_array_index (dl->bars, ChronoDlBar, i);
      const ChronoRgba *c = &colours[bar->colour];
      ChronoRgba dark = _chrono_painter_line_of (self, c);
      double x1 = MAX (bar->x1, bar->x0 + 1 / raster->scale);
      int d = (bar->flags & CHRONO_MARK_APPROX) ? dash : 0;

      if (bar->bar_flags & CHRONO_BAR_OVERFLOW)
        {
          fill_on_ground (self, raster, &ground, bar->row, bar->x0, bar->y, x1, bar->y + bar->h,
                          &dark, 0.55);
          continue;
        }
      fill_on_ground (self, raster, &ground, bar->row, bar->x0, bar->y, x1, bar->y + bar->h, c,
                      (bar->bar_flags & CHRONO_BAR_SPAN) ? 0.35 : 0.28);
      if (bar->bar_flags & CHRONO_BAR_SPAN)
        {
          if (bar->core_x1 > bar->core_x0)
            fill_on_ground (self, raster, &ground, bar->row, bar->core_x0, bar->y, bar->core_x1,
                            bar->y + bar->h, c, 0.9);
          chrono_raster_frame (raster, bar->x0, bar->y, x1, bar->y + bar->h, d,
                               _chrono_pixel_of (&dark, 1));
        }
      else
        {
          guint32 px = _chrono_pixel_of (&dark, 0.9);

          double half = 0.5 / raster->scale;

          double top = bar->y - 3, bottom = bar->y + bar->h + 3;

          chrono_raster_vline (raster, bar->x0 + half, top, bottom, line, d, px);
          chrono_raster_vline (raster, x1 - half, top, bottom, line, d, px);
          chrono_raster_hline (raster, bar->x0, x1, bar->y + bar->h / 2, line, d, px);
        }
    }
  g_free (ground.parity);
}

/* Digits for cluster counts, drawn once per font, scale and theme. */
static gboolean
ensure_digit_sprites (ChronoTimelinePainter *self,
                      double                 scale)
{
  static const char digits[] = "0123456789k+.";
  guint64 key = ((guint64) (scale * 64) << 32) | ((guint64) (self->font_size * 16) << 8) |
                self->theme;

  if (self->digit_sprites_key == key && self->digit_sprites[0] != NULL)
    return TRUE;

  for (guint i = 0; i < N_DIGIT_GLYPHS; i++)
    {
      char text[2] = { digits[i], '\0' };
      PangoLayout *layout = _chrono_painter_get_layout (self, FONT_COUNT, text, -1);
      PangoRectangle ink, logical;
      cairo_surface_t *surface;
      cairo_t *cr;
      int w, h;

      pango_layout_get_pixel_extents (layout, &ink, &logical);
      w = (int) ceil (logical.width * scale) + 2;
      h = (int) ceil (logical.height * scale) + 2;
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
      pango_cairo_update_context (cr, self->context);
      _chrono_set_rgba (cr, &self->style->text);
      cairo_move_to (cr, 0, 0);
      pango_cairo_show_layout (cr, layout);
      cairo_destroy (cr);

      g_clear_pointer (&self->digit_sprites[i], chrono_sprite_free);
      /* Anchor: left edge, middle of the line. */
      self->digit_sprites[i] = chrono_sprite_new (surface, 0,
                                                  (int) round (logical.height * scale / 2));
      self->digit_sprites[i]->advance = (int) round (logical.width * scale);
      cairo_surface_destroy (surface);
    }
  self->digit_sprites_key = key;
  return TRUE;
}

static int
digit_index (char c)
{
  return c >= '0' && c <= '9' ? c - '0' : c == 'k' ? 10 : c == '+' ? 11 : 12;
}

static void
paint_clusters_raster (ChronoTimelinePainter   *self,
                       ChronoRaster            *raster,
                       const ChronoRgba        *colours,
                       const ChronoDisplayList *dl)
{
  int border = MAX ((int) round (raster->scale), 1);
  double px = 1 / raster->scale;

  if (dl->clusters->len == 0)
    return;
  ensure_digit_sprites (self, raster->scale);

  for (guint i = 0; i < dl->clusters->len;)
    {
      const ChronoDlCluster *first = &g_array_index (dl->clusters, ChronoDlCluster, i);
      const ChronoRgba *colour = &colours[first->colour];
      ChronoRgba dark = _chrono_painter_line_of (self, colour);
      guint32 total;
      guint j = cluster_run_end (dl, i, &total);
      const ChronoDlCluster *last = &g_array_index (dl->clusters, ChronoDlCluster, j - 1);
      double x0 = first->x, x1 = last->x + last->w - border * px;
      double y0 = first->y, y1 = first->y + first->h;
      ChronoRgba fill = _chrono_mix (colour, &self->style->background,
                                     cluster_tint (first->density));
      char text[16];
      int width = 0, dx, dy;

      /* One frame for the run, each cell shaded by its count. */
      if (j - i == 1)
        chrono_raster_box (raster, x0, y0, x1, y1, border, _chrono_pixel_of (&dark, 1),
                           _chrono_pixel_of (&fill, 1));
      else
        {
          chrono_raster_frame (raster, x0, y0, x1, y1, 0, _chrono_pixel_of (&dark, 1));
          for (guint k = i; k < j; k++)
            {
              const ChronoDlCluster *c = &g_array_index (dl->clusters, ChronoDlCluster, k);
              ChronoRgba shade = _chrono_mix (colour, &self->style->background,
                                              cluster_tint (c->density));

              chrono_raster_fill (raster, MAX (c->x, x0 + border * px), y0 + border * px,
                                  MIN (c->x + c->w, x1 - border * px), y1 - border * px,
                                  _chrono_pixel_of (&shade, 1));
            }
        }

      count_text (total, text, sizeof text);
      for (const char *p = text; *p; p++)
        width += self->digit_sprites[digit_index (*p)]->advance;
      if (width + 6 * raster->scale <= (x1 - x0) * raster->scale)
        {
          dx = chrono_raster_device_x (raster, (x0 + x1) / 2) - width / 2;
          dy = chrono_raster_device_y (raster, (y0 + y1) / 2);
          if (j - i > 1 || cluster_tint (first->density) < 0.6)
            {
              double half_h = round (self->font_size * 0.95) / 2;
              double cy = (y0 + y1) / 2;

              double left = (dx - 2 * raster->scale - raster->tx) / raster->scale;
              double right = (dx + width + 2 * raster->scale - raster->tx) / raster->scale;

              chrono_raster_fill (raster, left, cy - half_h, right, cy + half_h,
                                  _chrono_pixel_of (&self->style->background, 1));
            }
          for (const char *p = text; *p; p++)
            {
              const ChronoSprite *digit = self->digit_sprites[digit_index (*p)];

              chrono_raster_blit_device (raster, digit, dx, dy);
              dx += digit->advance;
            }
        }
      i = j;
    }
}

/* One mark, as every backend draws it. */
static void
draw_mark (ChronoTimelinePainter *self,
           cairo_t               *cr,
           guint                  kind,
           guint                  flags,
           double                 x,
           double                 y,
           double                 size,
           const ChronoRgba      *fill)
{
  const ChronoTimelineStyle *st = self->style;
  ChronoRgba dark = _chrono_painter_outline_of (self, fill);
  ChronoRgba line = _chrono_painter_line_of (self, fill);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (flags & CHRONO_MARK_APPROX)
    {
      /* Approximate: hollow, with a tilde. */
      chrono_timeline_shape_path (cr, kind, x, y, size * 0.9);
      _chrono_set_rgba (cr, &st->background);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, MAX (st->outline_width, 1.6));
      _chrono_set_rgba (cr, &line);
      cairo_stroke (cr);
      _chrono_painter_tilde_path (cr, x + size * 0.62, y - size * 0.55, size * 0.5);
      cairo_set_line_width (cr, 1.3);
      _chrono_set_rgba (cr, &st->text);
      cairo_stroke (cr);
    }
  else
    {
      chrono_timeline_shape_path (cr, kind, x, y, size);
      _chrono_set_rgba (cr, fill);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, st->outline_width);
      _chrono_set_rgba (cr, &dark);
      cairo_stroke (cr);
    }

  if (flags & CHRONO_MARK_RISK_HIGH)
    {
      /* High risk: a ring. */
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, size * 0.5 + 2.2, 0, 2 * G_PI);
      cairo_set_line_width (cr, 1.6);
      _chrono_set_rgba (cr, &st->risk);
      cairo_stroke (cr);
    }
  if (flags & CHRONO_MARK_NOT_SHARED)
    {
      /* Not shared: a small cross below right. */
      double cx = x + size * 0.55, cy = y + size * 0.55, a = 2.2;

      cairo_move_to (cr, cx - a, cy - a);
      cairo_line_to (cr, cx + a, cy + a);
      cairo_move_to (cr, cx + a, cy - a);
      cairo_line_to (cr, cx - a, cy + a);
      cairo_set_line_width (cr, 1.5);
      _chrono_set_rgba (cr, &st->text);
      cairo_stroke (cr);
    }
}

static void
paint_marks (ChronoTimelinePainter   *self,
             cairo_t                 *cr,
             const ChronoRgba        *colours,
             const ChronoDisplayList *dl)
{
  for (guint i = 0; i < dl->marks->len; i++)
    {
      const ChronoDlMark *m = &g_array_index (dl->marks, ChronoDlMark, i);

      draw_mark (self, cr, m->shape, m->flags, m->x, m->y, m->size, &colours[m->colour]);
    }
}

#define SPRITE_FLAGS (CHRONO_MARK_APPROX | CHRONO_MARK_RISK_HIGH | CHRONO_MARK_NOT_SHARED)

static const ChronoSprite *
mark_sprite (ChronoTimelinePainter *self,
             guint                  kind,
             guint                  flags,
             double                 size,
             const ChronoRgba      *fill,
             double                 scale)
{
  guint64 rgb = _chrono_pixel_of (fill, 1) & 0xffffff;
  gint64 key = (gint64) (rgb | (guint64) kind << 24 | (guint64) (flags & SPRITE_FLAGS) << 28 |
                         (guint64) self->theme << 36 | (guint64) MIN (size * 8, 4095) << 40 |
                         (guint64) MIN (scale * 8, 255) << 52);
  ChronoSprite *sprite = g_hash_table_lookup (self->sprites, &key);

  if (sprite == NULL)
    {
      int half = (int) ceil ((size * 0.95 + 4) * scale);
      cairo_surface_t *surface =
        cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * half, 2 * half);
      cairo_t *cr;
      gint64 *stored = g_new (gint64, 1);

      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
      draw_mark (self, cr, kind, flags, half / scale, half / scale, size, fill);
      cairo_destroy (cr);
      sprite = chrono_sprite_new (surface, half, half);
      cairo_surface_destroy (surface);

      if (g_hash_table_size (self->sprites) > 8192)
        g_hash_table_remove_all (self->sprites);
      *stored = key;
      g_hash_table_insert (self->sprites, stored, sprite);
    }
  return sprite;
}

static void
paint_marks_raster (ChronoTimelinePainter   *self,
                    ChronoRaster            *raster,
                    const ChronoRgba        *colours,
                    const ChronoDisplayList *dl)
{
  const ChronoSprite *sprite = NULL;
  guint last_kind = G_MAXUINT, last_flags = 0, last_colour = G_MAXUINT;
  float last_size = 0;

  for (guint i = 0; i < dl->marks->len; i++)
    {
      const ChronoDlMark *m = &g_array_index (dl->marks, ChronoDlMark, i);
      guint flags = m->flags & SPRITE_FLAGS;

      if (m->shape != last_kind || flags != last_flags || m->colour != last_colour ||
          m->size != last_size)
        {
          sprite = mark_sprite (self, m->shape, flags, m->size, &colours[m->colour], raster->scale);
          last_kind = m->shape;
          last_flags = flags;
          last_colour = m->colour;
          last_size = m->size;
        }
      chrono_raster_blit (raster, sprite, m->x, m->y);
    }
}

static void
paint_labels (ChronoTimelinePainter   *self,
              cairo_t                 *cr,
              const ChronoDisplayList *dl)
{
  for (guint i = 0; i < dl->labels->len; i++)
    {
      const ChronoDlLabel *label = &g_array_index (dl->labels, ChronoDlLabel, i);

      _chrono_painter_draw_text (self, cr, FONT_SMALL, label->text, label->x, label->y,
                                 label->max_width, &self->style->text, ALIGN_LEFT);
    }
}

void
chrono_timeline_painter_paint_events (ChronoTimelinePainter   *self,
                                      cairo_t                 *cr,
                                      ChronoMarks             *marks,
                                      const ChronoDisplayList *list)
{
  const ChronoRgba *colours;

  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (cr != NULL && marks != NULL && list != NULL);

  colours = _chrono_painter_lane_colours (self, marks);
  _chrono_painter_update_device_scale (self, cr);
  cairo_save (cr);
  cairo_new_path (cr);
  _chrono_painter_rect_path (self, cr, list->data_x0, list->data_y0, list->width, list->data_y1);
  cairo_clip (cr);
  {
    ChronoRaster raster;

    if (chrono_raster_begin (&raster, cr))
      {
        paint_bars_raster (self, &raster, colours, list);
        paint_clusters_raster (self, &raster, colours, list);
        paint_marks_raster (self, &raster, colours, list);
        chrono_raster_end (&raster);
      }
    else
      {
        paint_bars (self, cr, colours, list);
        paint_clusters (self, cr, colours, list);
        paint_marks (self, cr, colours, list);
      }
  }
  paint_labels (self, cr, list);
  cairo_restore (cr);
}
