/* chrono-raster.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-raster"

#include "config.h"

#include <math.h>
#include <string.h>

#include "chrono-raster.h"

/* dst OVER src, both premultiplied. */
static inline guint32
over (guint32 src,
      guint32 dst)
{
  guint32 ia = 255 - (src >> 24);
  guint32 rb = (dst & 0x00ff00ff) * ia;
  guint32 ag = ((dst >> 8) & 0x00ff00ff) * ia;

  rb = ((rb + 0x00800080 + ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  ag = (ag + 0x00800080 + ((ag >> 8) & 0x00ff00ff)) & 0xff00ff00;
  return src + rb + ag;
}

gboolean
chrono_raster_begin (ChronoRaster *raster,
                     cairo_t      *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_rectangle_list_t *clips;
  cairo_format_t format;
  double sx = 1, sy = 0, ux = 0, uy = 1, x0 = 0, y0 = 0;
  double cx0, cy0, cx1, cy1;

  memset (raster, 0, sizeof *raster);
  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return FALSE;

  /* Only scale and translation: x stays x, y stays y. */
  cairo_user_to_device_distance (cr, &sx, &sy);
  cairo_user_to_device_distance (cr, &ux, &uy);
  if (fabs (sy) > 1e-9 || fabs (ux) > 1e-9 || sx <= 0 || fabs (sx - uy) > 1e-9)
    return FALSE;
  cairo_user_to_device (cr, &x0, &y0);

  clips = cairo_copy_clip_rectangle_list (cr);
  if (clips->status != CAIRO_STATUS_SUCCESS || clips->num_rectangles > 1)
    {
      cairo_rectangle_list_destroy (clips);
      return FALSE;
    }
  if (clips->num_rectangles == 1)
    {
      cairo_rectangle_t *r = &clips->rectangles[0];

      cx0 = r->x * sx + x0;
      cy0 = r->y * sx + y0;
      cx1 = (r->x + r->width) * sx + x0;
      cy1 = (r->y + r->height) * sx + y0;
    }
  else
    cx0 = cy0 = cx1 = cy1 = 0;
  cairo_rectangle_list_destroy (clips);

  cairo_surface_flush (target);
  raster->surface = target;
  raster->data = (guint32 *) cairo_image_surface_get_data (target);
  raster->stride = cairo_image_surface_get_stride (target) / 4;
  raster->width = cairo_image_surface_get_width (target);
  raster->height = cairo_image_surface_get_height (target);
  raster->scale = sx;
  raster->tx = x0;
  raster->ty = y0;
  raster->base_x0 = CLAMP ((int) round (cx0), 0, raster->width);
  raster->base_y0 = CLAMP ((int) round (cy0), 0, raster->height);
  raster->base_x1 = CLAMP ((int) round (cx1), raster->base_x0, raster->width);
  raster->base_y1 = CLAMP ((int) round (cy1), raster->base_y0, raster->height);
  raster->clip_x0 = raster->base_x0;
  raster->clip_y0 = raster->base_y0;
  raster->clip_x1 = raster->base_x1;
  raster->clip_y1 = raster->base_y1;
  return raster->data != NULL;
}

void
chrono_raster_end (ChronoRaster *raster)
{
  if (raster->surface != NULL)
    cairo_surface_mark_dirty (raster->surface);
  raster->surface = NULL;
  raster->data = NULL;
}

/* Nearest integer, without a call into libm (baseline x86-64 has no
 * rounding instruction); halves round up. */
static inline int
nearest (double v)
{
  v = CLAMP (v, -1e6, 1e6) + 0.5;
  return (int) v - (v < (int) v);
}

int
chrono_raster_device_x (const ChronoRaster *raster,
                        double              x)
{
  return nearest (x * raster->scale + raster->tx);
}

int
chrono_raster_device_y (const ChronoRaster *raster,
                        double              y)
{
  return nearest (y * raster->scale + raster->ty);
}

void
chrono_raster_clip (ChronoRaster *raster,
                    double        x0,
                    double        y0,
                    double        x1,
                    double        y1)
{
  raster->clip_x0 = CLAMP (chrono_raster_device_x (raster, x0), raster->base_x0, raster->base_x1);
  raster->clip_y0 = CLAMP (chrono_raster_device_y (raster, y0), raster->base_y0, raster->base_y1);
  raster->clip_x1 = CLAMP (chrono_raster_device_x (raster, x1), raster->clip_x0, raster->base_x1);
  raster->clip_y1 = CLAMP (chrono_raster_device_y (raster, y1), raster->clip_y0, raster->base_y1);
}

guint32
chrono_raster_pixel (double red,
                     double green,
                     double blue,
                     double alpha)
{
  guint32 a = (guint32) round (CLAMP (alpha, 0, 1) * 255);
  guint32 r = (guint32) round (CLAMP (red, 0, 1) * a);
  guint32 g = (guint32) round (CLAMP (green, 0, 1) * a);
  guint32 b = (guint32) round (CLAMP (blue, 0, 1) * a);

  return a << 24 | r << 16 | g << 8 | b;
}

static void
fill_device (ChronoRaster *raster,
             int           x0,
             int           y0,
             int           x1,
             int           y1,
             guint32       pixel)
{
  x0 = MAX (x0, raster->clip_x0);
  y0 = MAX (y0, raster->clip_y0);
  x1 = MIN (x1, raster->clip_x1);
  y1 = MIN (y1, raster->clip_y1);
  if (x1 <= x0 || y1 <= y0 || (pixel >> 24) == 0)
    return;

  if ((pixel >> 24) == 255 && x1 - x0 <= 48)
    {
      /* Narrow: plain stores beat a call per row. */
      for (int y = y0; y < y1; y++)
        {
          guint32 *row = raster->data + (gsize) y * raster->stride;

          for (int x = x0; x < x1; x++)
            row[x] = pixel;
        }
      return;
    }
  if ((pixel >> 24) == 255)
    {
      guint32 *first = raster->data + (gsize) y0 * raster->stride + x0;
      gsize n = (gsize) (x1 - x0), done = MIN (n, 8);

      /* One row by doubling copies, then whole rows: memcpy speed. */
      for (gsize i = 0; i < done; i++)
        first[i] = pixel;
      while (done < n)
        {
          gsize chunk = MIN (done, n - done);

          memcpy (first + done, first, chunk * sizeof (guint32));
          done += chunk;
        }
      for (int y = y0 + 1; y < y1; y++)
        memcpy (raster->data + (gsize) y * raster->stride + x0, first, n * sizeof (guint32));
      return;
    }

  for (int y = y0; y < y1; y++)
    {
      guint32 *row = raster->data + (gsize) y * raster->stride;

      for (int x = x0; x < x1; x++)
        row[x] = over (pixel, row[x]);
    }
}

void
chrono_raster_fill (ChronoRaster *raster,
                    double        x0,
                    double        y0,
                    double        x1,
                    double        y1,
                    guint32       pixel)
{
  int dx0 = chrono_raster_device_x (raster, x0), dx1 = chrono_raster_device_x (raster, x1);
  int dy0 = chrono_raster_device_y (raster, y0), dy1 = chrono_raster_device_y (raster, y1);

  /* Never thinner than a device pixel. */
  if (dx1 <= dx0 && x1 > x0)
    dx1 = dx0 + 1;
  if (dy1 <= dy0 && y1 > y0)
    dy1 = dy0 + 1;
  fill_device (raster, dx0, dy0, dx1, dy1, pixel);
}

void
chrono_raster_vline (ChronoRaster *raster,
                     double        x,
                     double        y0,
                     double        y1,
                     int           width,
                     int           dash,
                     guint32       pixel)
{
  int dx = nearest (x * raster->scale + raster->tx - width / 2.0);
  int dy0 = chrono_raster_device_y (raster, y0), dy1 = chrono_raster_device_y (raster, y1);

  if (dash <= 0)
    {
      fill_device (raster, dx, dy0, dx + width, dy1, pixel);
      return;
    }
  for (int y = dy0; y < dy1; y += 2 * dash)
    fill_device (raster, dx, y, dx + width, MIN (y + dash, dy1), pixel);
}

void
chrono_raster_hline (ChronoRaster *raster,
                     double        x0,
                     double        x1,
                     double        y,
                     int           width,
                     int           dash,
                     guint32       pixel)
{
  int dy = nearest (y * raster->scale + raster->ty - width / 2.0);
  int dx0 = chrono_raster_device_x (raster, x0), dx1 = chrono_raster_device_x (raster, x1);

  if (dash <= 0)
    {
      fill_device (raster, dx0, dy, dx1, dy + width, pixel);
      return;
    }
  for (int x = dx0; x < dx1; x += 2 * dash)
    fill_device (raster, x, dy, MIN (x + dash, dx1), dy + width, pixel);
}

void
chrono_raster_frame (ChronoRaster *raster,
                     double        x0,
                     double        y0,
                     double        x1,
                     double        y1,
                     int           dash,
                     guint32       pixel)
{
  int dx0 = chrono_raster_device_x (raster, x0), dx1 = chrono_raster_device_x (raster, x1);
  int dy0 = chrono_raster_device_y (raster, y0), dy1 = chrono_raster_device_y (raster, y1);
  int w = MAX ((int) round (raster->scale), 1);

  if (dx1 - dx0 < 2 || dy1 - dy0 < 2)
    {
      fill_device (raster, dx0, dy0, MAX (dx1, dx0 + 1), MAX (dy1, dy0 + 1), pixel);
      return;
    }
  if (dash <= 0)
    {
      fill_device (raster, dx0, dy0, dx1, dy0 + w, pixel);
      fill_device (raster, dx0, dy1 - w, dx1, dy1, pixel);
      fill_device (raster, dx0, dy0 + w, dx0 + w, dy1 - w, pixel);
      fill_device (raster, dx1 - w, dy0 + w, dx1, dy1 - w, pixel);
      return;
    }
  for (int x = dx0; x < dx1; x += 2 * dash)
    {
      fill_device (raster, x, dy0, MIN (x + dash, dx1), dy0 + w, pixel);
      fill_device (raster, x, dy1 - w, MIN (x + dash, dx1), dy1, pixel);
    }
  fill_device (raster, dx0, dy0 + w, dx0 + w, dy1 - w, pixel);
  fill_device (raster, dx1 - w, dy0 + w, dx1, dy1 - w, pixel);
}

void
chrono_raster_box (ChronoRaster *raster,
                   double        x0,
                   double        y0,
                   double        x1,
                   double        y1,
                   int           border,
                   guint32       frame,
                   guint32       fill)
{
  int dx0 = chrono_raster_device_x (raster, x0), dx1 = chrono_raster_device_x (raster, x1);
  int dy0 = chrono_raster_device_y (raster, y0), dy1 = chrono_raster_device_y (raster, y1);
  int cx0 = MAX (dx0, raster->clip_x0), cx1 = MIN (dx1, raster->clip_x1);
  int cy0 = MAX (dy0, raster->clip_y0), cy1 = MIN (dy1, raster->clip_y1);

  for (int y = cy0; y < cy1; y++)
    {
      guint32 *row = raster->data + (gsize) y * raster->stride;
      gboolean edge = y < dy0 + border || y >= dy1 - border;
      int in0 = MAX (dx0 + border, cx0), in1 = MIN (dx1 - border, cx1);
      int x = cx0;

      if (edge)
        {
          for (; x < cx1; x++)
            row[x] = frame;
          continue;
        }
      for (; x < in0; x++)
        row[x] = frame;
      for (; x < in1; x++)
        row[x] = fill;
      for (x = MAX (x, in1); x < cx1; x++)
        row[x] = frame;
    }
}

void
chrono_raster_copy (ChronoRaster    *raster,
                    cairo_surface_t *surface,
                    double           x,
                    double           y)
{
  const guchar *data;
  int stride, width, height, dx, dy, x0, y0, x1, y1;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  dx = chrono_raster_device_x (raster, x);
  dy = chrono_raster_device_y (raster, y);
  x0 = MAX (dx, raster->clip_x0);
  y0 = MAX (dy, raster->clip_y0);
  x1 = MIN (dx + width, raster->clip_x1);
  y1 = MIN (dy + height, raster->clip_y1);

  for (int row = y0; row < y1 && x1 > x0; row++)
    memcpy (raster->data + (gsize) row * raster->stride + x0,
            (const guint32 *) (data + (gsize) (row - dy) * stride) + (x0 - dx),
            sizeof (guint32) * (gsize) (x1 - x0));
}

void
chrono_raster_blit_device (ChronoRaster       *raster,
                           const ChronoSprite *sprite,
                           int                 dx,
                           int                 dy)
{
  int x0 = dx - sprite->anchor_x, y0 = dy - sprite->anchor_y;
  int sx0 = MAX (raster->clip_x0 - x0, 0), sy0 = MAX (raster->clip_y0 - y0, 0);
  int sx1 = MIN (raster->clip_x1 - x0, sprite->width);
  int sy1 = MIN (raster->clip_y1 - y0, sprite->height);

  for (int sy = sy0; sy < sy1; sy++)
    {
      const guint32 *src = sprite->data + (gsize) sy * sprite->width;
      guint32 *dst = raster->data + (gsize) (y0 + sy) * raster->stride + x0;

      for (int sx = sx0; sx < sx1; sx++)
        {
          guint32 s = src[sx];

          if (s >= 0xff000000)
            dst[sx] = s;
          else if (s != 0)
            dst[sx] = over (s, dst[sx]);
        }
    }
}

void
chrono_raster_blit (ChronoRaster       *raster,
                    const ChronoSprite *sprite,
                    double              x,
                    double              y)
{
  chrono_raster_blit_device (raster, sprite, nearest (x * raster->scale + raster->tx),
                             nearest (y * raster->scale + raster->ty));
}

ChronoSprite *
chrono_sprite_new (cairo_surface_t *surface,
                   int              anchor_x,
                   int              anchor_y)
{
  ChronoSprite *sprite;
  const guchar *data;
  int stride, width, height;
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = 0, y1 = 0;

  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32, NULL);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);

  /* Keep only the drawn pixels: copying nothing costs nothing. */
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          if (row[x] != 0)
            {
              x0 = MIN (x0, x);
              y0 = MIN (y0, y);
              x1 = MAX (x1, x + 1);
              y1 = MAX (y1, y + 1);
            }
        }
    }
  if (x1 <= x0)
    x0 = y0 = x1 = y1 = 0;

  sprite = g_new0 (ChronoSprite, 1);
  sprite->width = x1 - x0;
  sprite->height = y1 - y0;
  sprite->anchor_x = anchor_x - x0;
  sprite->anchor_y = anchor_y - y0;
  sprite->data = g_new (guint32, MAX (sprite->width * sprite->height, 1));
  for (int y = 0; y < sprite->height; y++)
    memcpy (sprite->data + (gsize) y * sprite->width,
            data + (gsize) (y + y0) * stride + (gsize) x0 * 4, sizeof (guint32) * sprite->width);
  return sprite;
}

void
chrono_sprite_free (ChronoSprite *sprite)
{
  if (sprite == NULL)
    return;
  g_free (sprite->data);
  g_free (sprite);
}
