/* chrono-raster.h: straight-to-pixels drawing for image surfaces (internal
 * to the render library)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Thousands of marks a frame are too many for Cairo's path filling
 * (tens of microseconds each).  When a cairo_t draws straight into an image
 * surface (no rotation, a rectangular clip), the painter instead copies
 * pre-drawn sprites and fills pixel-aligned rectangles itself.  Anything
 * else (SVG, PDF, odd transforms) takes the Cairo path. */
typedef struct
{
  guint32 *data;        /* premultiplied 0xAARRGGBB */
  int      stride;      /* in pixels */
  int      width;
  int      height;
  double   scale;       /* device pixels per user unit */
  double   tx, ty;      /* device position of user (0, 0) */
  int      base_x0, base_y0, base_x1, base_y1;   /* the cairo_t's clip */
  int      clip_x0, clip_y0, clip_x1, clip_y1;   /* current clip, device */
  cairo_surface_t *surface;
} ChronoRaster;

/* A small premultiplied ARGB image drawn once and copied many times; its
 * anchor (the mark's centre) sits at (anchor_x, anchor_y) device pixels. */
typedef struct
{
  int      width;
  int      height;
  int      anchor_x;
  int      anchor_y;
  int      advance;     /* for glyphs: device pixels to the next one */
  guint32 *data;
} ChronoSprite;

/* FALSE when @cr does not draw straight into an image surface. */
gboolean chrono_raster_begin (ChronoRaster *raster,
                              cairo_t      *cr);
/* Hands the pixels back to Cairo. */
void chrono_raster_end (ChronoRaster *raster);
/* Clips to the rectangle (user units) within the cairo_t's own clip. */
void chrono_raster_clip (ChronoRaster *raster,
                         double        x0,
                         double        y0,
                         double        x1,
                         double        y1);

guint32 chrono_raster_pixel (double red,
                             double green,
                             double blue,
                             double alpha);
/* Fills a rectangle, edges rounded to device pixels (user units). */
void chrono_raster_fill (ChronoRaster *raster,
                         double        x0,
                         double        y0,
                         double        x1,
                         double        y1,
                         guint32       pixel);
/* Lines @width device pixels wide centred on @x (or @y), user units;
 * @dash > 0 draws @dash device pixels on, @dash off. */
void chrono_raster_vline (ChronoRaster *raster,
                          double        x,
                          double        y0,
                          double        y1,
                          int           width,
                          int           dash,
                          guint32       pixel);
void chrono_raster_hline (ChronoRaster *raster,
                          double        x0,
                          double        x1,
                          double        y,
                          int           width,
                          int           dash,
                          guint32       pixel);
/* The outline of a rectangle, one device line wide, inside its edges. */
void chrono_raster_frame (ChronoRaster *raster,
                          double        x0,
                          double        y0,
                          double        x1,
                          double        y1,
                          int           dash,
                          guint32       pixel);
/* A box with a @border wide frame (device pixels) in @frame and @fill
 * inside, in one pass; both opaque. */
void chrono_raster_box (ChronoRaster *raster,
                        double        x0,
                        double        y0,
                        double        x1,
                        double        y1,
                        int           border,
                        guint32       frame,
                        guint32       fill);
/* Copies the image @surface (ARGB32 painted opaque, at this raster's
 * scale) with its top left corner on (@x, @y), user units. */
void chrono_raster_copy (ChronoRaster    *raster,
                         cairo_surface_t *surface,
                         double           x,
                         double           y);
/* Copies @sprite with its anchor on (@x, @y), user units. */
void chrono_raster_blit (ChronoRaster       *raster,
                         const ChronoSprite *sprite,
                         double              x,
                         double              y);
/* The same at device pixel (@dx, @dy). */
void chrono_raster_blit_device (ChronoRaster       *raster,
                                const ChronoSprite *sprite,
                                int                 dx,
                                int                 dy);
int  chrono_raster_device_x    (const ChronoRaster *raster,
                                double              x);
int  chrono_raster_device_y    (const ChronoRaster *raster,
                                double              y);

/* Takes the pixels of an ARGB32 @surface (which it does not keep). */
ChronoSprite *chrono_sprite_new  (cairo_surface_t *surface,
                                  int              anchor_x,
                                  int              anchor_y);
void          chrono_sprite_free (ChronoSprite    *sprite);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoSprite, chrono_sprite_free)

G_END_DECLS
