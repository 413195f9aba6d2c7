/* chrono-timeline-style.h: colours of the timeline's themes, and the shape
 * of each kind of event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "chrono-kinds.h"
#include "chrono-timeline-options.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} ChronoRgba;

/* Colours of one theme.  Lane colours come from a colour-blind-safe palette
 * (Paul Tol's "muted" and "light" schemes, Okabe–Ito for high contrast) and
 * never carry meaning alone: every lane is named and every kind has its own
 * shape. */
typedef struct
{
  ChronoRgba        background;
  ChronoRgba        lane_background[2];    /* alternate lanes */
  ChronoRgba        scope_background[2];   /* the same inside the review period */
  ChronoRgba        header_background[2];
  ChronoRgba        axis_background;
  ChronoRgba        text;
  ChronoRgba        text_secondary;
  ChronoRgba        grid;
  ChronoRgba        grid_major;
  ChronoRgba        separator;
  ChronoRgba        scope_marker;
  ChronoRgba        key_date;
  ChronoRgba        risk;
  double            outline_darken;        /* outline = fill mixed with black */
  double            outline_width;
  const ChronoRgba *palette;
  guint             n_palette;
} ChronoTimelineStyle;

const ChronoTimelineStyle *chrono_timeline_style_get (ChronoTimelineTheme theme);

/* Adds the outline of the shape of @kind, centred on (@x, @y) in a @size box,
 * to the current path (clockwise, so many shapes fill as one path). */
void chrono_timeline_shape_path (cairo_t    *cr,
                                 ChronoKind  kind,
                                 double      x,
                                 double      y,
                                 double      size);

G_END_DECLS
