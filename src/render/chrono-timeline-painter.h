/* chrono-timeline-painter.h: draws a timeline display list with Cairo, and
 * exports timelines as PNG, SVG and PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "chrono-marks.h"
#include "chrono-timeline-layout.h"
#include "chrono-timeline-options.h"
#include "chrono-timeline-style.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_TIMELINE_PAINTER (chrono_timeline_painter_get_type ())
G_DECLARE_FINAL_TYPE (ChronoTimelinePainter, chrono_timeline_painter, CHRONO, TIMELINE_PAINTER,
                      GObject)

ChronoTimelinePainter *chrono_timeline_painter_new (void);
/* Theme, font size, legend, review period and key dates from @options. */
void chrono_timeline_painter_set_options (ChronoTimelinePainter       *self,
                                          const ChronoTimelineOptions *options);
void chrono_timeline_painter_set_theme (ChronoTimelinePainter *self,
                                        ChronoTimelineTheme    theme);
const ChronoTimelineStyle *chrono_timeline_painter_get_style (ChronoTimelinePainter *self);
/* Base font size in pixels (12 by default). */
void chrono_timeline_painter_set_font_size   (ChronoTimelinePainter *self,
                                              double                 size);
void chrono_timeline_painter_get_lane_colour (ChronoTimelinePainter *self,
                                              ChronoMarks           *marks,
                                              guint                  lane,
                                              ChronoRgba            *colour);

/* Sets the header width (lane names fit, within a third of @width), the axis
 * height and the footer height (the legend when shown) of @metrics. */
void chrono_timeline_painter_fit_metrics (ChronoTimelinePainter *self,
                                          ChronoMarks           *marks,
                                          double                 width,
                                          ChronoTimelineMetrics *metrics);

/* Paints everything: lanes, scope shading, grid, key dates, the display
 * list, lane headers, the axis and the legend. */
void chrono_timeline_painter_paint (ChronoTimelinePainter   *self,
                                    cairo_t                 *cr,
                                    ChronoTimelineLayout    *layout,
                                    const ChronoDisplayList *list);
/* The pieces, for a widget that caches some of them. */
void chrono_timeline_painter_paint_background (ChronoTimelinePainter   *self,
                                               cairo_t                 *cr,
                                               const ChronoDisplayList *list);
void chrono_timeline_painter_paint_events     (ChronoTimelinePainter   *self,
                                               cairo_t                 *cr,
                                               ChronoMarks             *marks,
                                               const ChronoDisplayList *list);
void chrono_timeline_painter_paint_headers    (ChronoTimelinePainter   *self,
                                               cairo_t                 *cr,
                                               ChronoMarks             *marks,
                                               const ChronoDisplayList *list);
void chrono_timeline_painter_paint_axis       (ChronoTimelinePainter   *self,
                                               cairo_t                 *cr,
                                               const ChronoDisplayList *list);
void chrono_timeline_painter_paint_legend     (ChronoTimelinePainter   *self,
                                               cairo_t                 *cr,
                                               const ChronoDisplayList *list);

/* Draws the days [@from, @to) of @marks (the whole chronology when @to <=
 * @from) into @path, a .png, .svg or .pdf file, @width × @height pixels
 * (points for PDF).  SVG files also carry every drawn text (lane names,
 * dates, labels when on) as real, searchable text. */
gboolean chrono_timeline_export (ChronoMarks                  *marks,
                                 const ChronoTimelineOptions  *options,
                                 const char                   *path,
                                 int                           width,
                                 int                           height,
                                 double                        from,
                                 double                        to,
                                 GError                      **error);

G_END_DECLS
