/* chrono-timeline-shapes.h: render nodes for the timeline's pieces (internal
 * to the timeline widget)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chrono-timeline-view-private.h"

G_BEGIN_DECLS

/* Everything a drawing function needs for one frame. */
typedef struct
{
  ChronoTimelineView        *self;
  GtkSnapshot               *snapshot;
  const ChronoTimelineStyle *st;
  const ChronoDisplayList   *list;
  const ChronoRgba          *colours;   /* by lane */
  double                     scale;     /* device pixels per pixel */
  double                     px;        /* one device pixel, in pixels */
} ChronoDraw;

typedef enum
{
  CHRONO_ALIGN_LEFT,
  CHRONO_ALIGN_CENTRE,
  CHRONO_ALIGN_RIGHT,
} ChronoAlign;

GdkRGBA    chrono_draw_rgba        (const ChronoRgba *colour,
                                    double            alpha);
ChronoRgba chrono_draw_mix         (const ChronoRgba *a,
                                    const ChronoRgba *b,
                                    double            t);
/* Outlines: the fill darkened; lines on a dark background: the fill. */
ChronoRgba chrono_draw_outline     (const ChronoDraw *d,
                                    const ChronoRgba *fill);
ChronoRgba chrono_draw_line_colour (const ChronoDraw *d,
                                    const ChronoRgba *fill);

double     chrono_draw_snap        (const ChronoDraw *d,
                                    double            v);
/* A rectangle, its edges on device pixels. */
void       chrono_draw_fill        (ChronoDraw       *d,
                                    double            x0,
                                    double            y0,
                                    double            x1,
                                    double            y1,
                                    const GdkRGBA    *colour);
/* Lines @width pixels wide (at least one device pixel), centred on x or y. */
void       chrono_draw_vline       (ChronoDraw       *d,
                                    double            x,
                                    double            y0,
                                    double            y1,
                                    double            width,
                                    const GdkRGBA    *colour);
void       chrono_draw_hline       (ChronoDraw       *d,
                                    double            x0,
                                    double            x1,
                                    double            y,
                                    double            width,
                                    const GdkRGBA    *colour);
/* The same, @dash pixels on and @gap off, only within [@lo, @hi]. */
void       chrono_draw_dashed_vline (ChronoDraw      *d,
                                     double           x,
                                     double           y0,
                                     double           y1,
                                     double           dash,
                                     double           gap,
                                     const GdkRGBA   *colour);
void       chrono_draw_dashed_hline (ChronoDraw      *d,
                                     double           x0,
                                     double           x1,
                                     double           y,
                                     double           lo,
                                     double           hi,
                                     const GdkRGBA   *colour);
/* The outline of a rectangle, @width pixels wide, inside its edges. */
void       chrono_draw_frame       (ChronoDraw       *d,
                                    double            x0,
                                    double            y0,
                                    double            x1,
                                    double            y1,
                                    double            width,
                                    const GdkRGBA    *colour);
/* A ring of radius @radius (its outer edge) and @width. */
void       chrono_draw_ring        (ChronoDraw       *d,
                                    double            x,
                                    double            y,
                                    double            radius,
                                    double            width,
                                    const GdkRGBA    *colour);

/* Text vertically centred on @y, ellipsized to @max_width (<= 0: whole);
 * returns its width. */
double     chrono_draw_text        (ChronoDraw       *d,
                                    ChronoFont        font,
                                    const char       *text,
                                    double            x,
                                    double            y,
                                    double            max_width,
                                    const ChronoRgba *colour,
                                    ChronoAlign       align);
/* A label next to a mark, on @backdrop so that it reads over bars too. */
void       chrono_draw_label       (ChronoDraw       *d,
                                    const char       *text,
                                    double            x,
                                    double            y,
                                    double            max_width,
                                    const GdkRGBA    *backdrop);
double     chrono_draw_text_width  (ChronoTimelineView *self,
                                    ChronoFont          font,
                                    const char         *text);

/* The view's cache of shaped text. */
GHashTable *chrono_draw_text_cache_new (void);

/* One event's mark as the painter draws it: colour nodes for circles,
 * squares, diamonds (rotated squares) and crosses, a cached Cairo node for
 * the shapes that need paths. */
void       chrono_draw_mark        (ChronoDraw       *d,
                                    guint             kind,
                                    guint             flags,
                                    double            x,
                                    double            y,
                                    double            size,
                                    const ChronoRgba *fill);
/* The lane header's disclosure triangle. */
void       chrono_draw_disclosure  (ChronoDraw       *d,
                                    double            x,
                                    double            y,
                                    double            size,
                                    gboolean          collapsed);

G_END_DECLS
