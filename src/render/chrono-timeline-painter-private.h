/* chrono-timeline-painter-private.h: what the painter's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <pango/pangocairo.h>

#include "chrono-raster.h"
#include "chrono-timeline-painter.h"
#include "chrono-timeline-style.h"

G_BEGIN_DECLS

typedef enum
{
  FONT_LANE,       /* lane names, bold */
  FONT_UNIT,       /* unit names */
  FONT_CONTEXT,    /* upper axis row, bold */
  FONT_AXIS,       /* lower axis row */
  FONT_SMALL,      /* labels, legend, annotations */
  FONT_KEY,        /* key date labels, bold */
  FONT_COUNT,      /* cluster counts */
  N_FONTS
} ChronoPainterFont;

typedef struct
{
  double  x, y;     /* left, baseline */
  double  width;
  double  size;
  gboolean bold;
  char   *text;
} ChronoTextRun;

typedef enum
{
  ALIGN_LEFT,
  ALIGN_CENTRE,
  ALIGN_RIGHT,
} ChronoPainterAlign;

#define N_DIGIT_GLYPHS 13   /* "0123456789k+." */

struct _ChronoTimelinePainter
{
  GObject                    parent_instance;

  ChronoTimelineTheme        theme;
  const ChronoTimelineStyle *style;
  double                     font_size;
  gboolean                   show_legend;
  gboolean                   has_scope;
  gint32                     scope_first;
  gint32                     scope_last;
  GArray                    *key_dates;   /* ChronoKeyDate */

  PangoContext              *context;
  PangoFontDescription      *fonts[N_FONTS];
  GHashTable                *layouts;     /* "font\x1ftext" → PangoLayout */
  GString                   *scratch;

  ChronoMarks               *colour_marks; /* not a reference: compared only */
  ChronoRgba                *lane_colours;
  guint                      n_lane_colours;

  GArray                    *record;      /* ChronoTextRun, while exporting SVG */
  double                     device_scale;

  /* Drawing into image surfaces: pre-drawn marks and digits, and the lane
   * headers, which change only with the lanes. */
  GHashTable                *sprites;     /* gint64 key → ChronoSprite */
  ChronoSprite              *digit_sprites[N_DIGIT_GLYPHS];
  guint64                    digit_sprites_key;
  cairo_surface_t           *header_cache;
  guint64                    header_key;
};

static inline ChronoRgba
_chrono_mix (const ChronoRgba *a,
             const ChronoRgba *b,
             double            t)
{
  ChronoRgba c;

  c.red = a->red + (b->red - a->red) * t;
  c.green = a->green + (b->green - a->green) * t;
  c.blue = a->blue + (b->blue - a->blue) * t;
  c.alpha = a->alpha + (b->alpha - a->alpha) * t;
  return c;
}

static inline void
_chrono_set_rgba (cairo_t          *cr,
                  const ChronoRgba *c)
{
  if (c->alpha >= 1.0)
    cairo_set_source_rgb (cr, c->red, c->green, c->blue);
  else
    cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static inline void
_chrono_set_rgba_alpha (cairo_t          *cr,
                        const ChronoRgba *c,
                        double            alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, alpha);
}

static inline guint32
_chrono_pixel_of (const ChronoRgba *c,
                  double            alpha)
{
  return chrono_raster_pixel (c->red, c->green, c->blue, c->alpha * alpha);
}

/* Pixel snapping for crisp lines at any scale factor. */
static inline double
_chrono_snap (ChronoTimelinePainter *self,
              double                 v)
{
  return round (v * self->device_scale) / self->device_scale;
}

/* chrono-timeline-painter.c: colours, paths and text */
ChronoRgba         _chrono_painter_outline_of   (ChronoTimelinePainter *self,
                                                 const ChronoRgba      *fill);
ChronoRgba         _chrono_painter_line_of      (ChronoTimelinePainter *self,
                                                 const ChronoRgba      *fill);
const ChronoRgba  *_chrono_painter_lane_colours (ChronoTimelinePainter *self,
                                                 ChronoMarks           *marks);
void _chrono_painter_rect_path  (ChronoTimelinePainter *self,
                                 cairo_t               *cr,
                                 double                 x0,
                                 double                 y0,
                                 double                 x1,
                                 double                 y1);
void _chrono_painter_vline_path (ChronoTimelinePainter *self,
                                 cairo_t               *cr,
                                 double                 x,
                                 double                 y0,
                                 double                 y1,
                                 double                 width);
void _chrono_painter_hline_path (ChronoTimelinePainter *self,
                                 cairo_t               *cr,
                                 double                 x0,
                                 double                 x1,
                                 double                 y,
                                 double                 width);
PangoLayout *_chrono_painter_get_layout (ChronoTimelinePainter *self,
                                         ChronoPainterFont      font,
                                         const char            *text,
                                         double                 max_width);
double       _chrono_painter_text_width (ChronoTimelinePainter *self,
                                         ChronoPainterFont      font,
                                         const char            *text);
double       _chrono_painter_draw_text  (ChronoTimelinePainter *self,
                                         cairo_t               *cr,
                                         ChronoPainterFont      font,
                                         const char            *text,
                                         double                 x,
                                         double                 y,
                                         double                 max_width,
                                         const ChronoRgba      *colour,
                                         ChronoPainterAlign     align);
void _chrono_painter_update_device_scale (ChronoTimelinePainter *self,
                                          cairo_t               *cr);

/* chrono-timeline-painter-lanes.c: lane backgrounds and headers */
gboolean _chrono_painter_scope_span       (ChronoTimelinePainter   *self,
                                           const ChronoDisplayList *dl,
                                           double                  *x0,
                                           double                  *x1);
void     _chrono_painter_paint_background (ChronoTimelinePainter   *self,
                                           cairo_t                 *cr,
                                           const ChronoDisplayList *dl,
                                           const ChronoTicks       *ticks);

/* chrono-timeline-painter-events.c: marks, bars, clusters and labels */
void _chrono_painter_tilde_path (cairo_t *cr,
                                 double   x,
                                 double   y,
                                 double   w);

/* chrono-timeline-painter-axis.c: the time axis */
double _chrono_painter_context_row_height    (ChronoTimelinePainter   *self);
double _chrono_painter_tick_row_height       (ChronoTimelinePainter   *self);
double _chrono_painter_annotation_row_height (ChronoTimelinePainter   *self);
void   _chrono_painter_paint_axis            (ChronoTimelinePainter   *self,
                                              cairo_t                 *cr,
                                              const ChronoDisplayList *dl,
                                              const ChronoTicks       *ticks);

/* chrono-timeline-painter-legend.c: the key */
double _chrono_painter_legend_flow (ChronoTimelinePainter *self,
                                    double                 width,
                                    GArray                *items);

G_END_DECLS
