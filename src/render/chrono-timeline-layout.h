/* chrono-timeline-layout.h: swim-lane geometry and the display list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chrono-marks.h"
#include "chrono-time-scale.h"

G_BEGIN_DECLS

/* Sizes in logical pixels; the painter scales them for HiDPI. */
typedef struct
{
  double   header_width;      /* lane header column on the left */
  double   axis_height;       /* time axis above the lanes */
  double   footer_height;     /* room kept below the lanes (a legend) */
  double   right_margin;
  double   mark_size;         /* a mark's box */
  double   level_height;      /* one stacking level of a row */
  guint    levels;            /* stacking levels of a row */
  guint    collapsed_levels;  /* of a collapsed lane's single row */
  double   row_padding;       /* above and below a row's levels */
  double   cluster_width;     /* clusters gather the marks of cells this wide */
  double   min_label_width;   /* labels narrower than this are left out */
  gboolean show_labels;       /* label marks (with the label function) */
  gboolean fit_height;        /* shrink rows until every lane fits */
  gboolean grow_levels;       /* with room to spare, stack busy rows deeper
                               * (a page; costs a second build) */
} ChronoTimelineMetrics;

/* Display list: what to draw, in logical pixels of the whole drawing area.
 * A Cairo painter and a GtkSnapshot painter both walk it. */
typedef enum
{
  CHRONO_ROW_LANE_TITLE = 1 << 0,  /* the lane's first row: its name goes here */
  CHRONO_ROW_COLLAPSED  = 1 << 1,  /* a collapsed lane: its units rolled up */
  CHRONO_ROW_UNIT       = 1 << 2,  /* a unit's sub-lane */
  CHRONO_ROW_LAST       = 1 << 3,  /* the lane's last row */
} ChronoRowFlags;

typedef struct
{
  float        y, h;
  guint16      lane;
  gint16       unit;          /* units[unit], or -1 (the whole lane or its
                               * events without a unit) */
  guint8       levels;
  guint8       flags;         /* ChronoRowFlags */
  const char  *name;          /* lane name (title row) or unit name */
} ChronoDlRow;

typedef struct
{
  float        y, h;
  guint16      lane;
  guint16      first_row;     /* index into rows */
  guint16      n_rows;
  gboolean     collapsed;
  guint        n_units;       /* collapsible when > 0 */
  const char  *name;
} ChronoDlLane;

typedef enum
{
  CHRONO_BAR_SPAN     = 1 << 0,  /* an event with an end date */
  CHRONO_BAR_BAND     = 1 << 1,  /* the interval of an imprecise date (soft) */
  CHRONO_BAR_OVERFLOW = 1 << 2,  /* periods that did not fit, merged */
} ChronoBarFlags;

typedef struct
{
  float    x, y;       /* centre */
  float    size;
  guint8   shape;      /* ChronoKind: one shape per kind */
  guint8   flags;      /* ChronoMarkFlags of the event */
  guint16  colour;     /* lane index */
  guint32  event;      /* index into ChronoMarks */
  guint16  row;
} ChronoDlMark;

typedef struct
{
  float    x0, x1;     /* every day the dates allow */
  float    core_x0;    /* the part they are sure of (spans); empty when */
  float    core_x1;    /* core_x1 <= core_x0 */
  float    y, h;       /* top and height */
  guint8   bar_flags;  /* ChronoBarFlags */
  guint8   flags;      /* ChronoMarkFlags of the event */
  guint16  colour;
  guint32  event;      /* index into ChronoMarks (first one for overflow) */
  guint32  count;      /* events merged (overflow), else 1 */
  guint16  row;
} ChronoDlBar;

/* The events of one cell, or of a few cells run together.  Consecutive
 * dense cells form a run: each later part has @joins set and starts where
 * the one before ends (cells of the same density share one part); a
 * painter draws a run as one box, its parts shaded by density, with one
 * total. */
typedef struct
{
  float    x, y, w, h;
  guint32  count;
  guint16  colour;
  guint16  row;
  gboolean joins;      /* continues the cluster before it */
  guint8   density;    /* how busy its busiest cell is, 1 (one event) to 6
                        * (512 and more), a step for every fourfold: its shade */
  double   day0, day1; /* positions of its first and last event */
} ChronoDlCluster;

typedef struct
{
  float        x, y;       /* left edge, vertical centre */
  float        max_width;
  guint32      event;
  guint16      row;
  const char  *text;       /* from the label function, never NULL */
} ChronoDlLabel;

typedef struct
{
  ChronoTimeScale scale;          /* the scale it was built for */
  double          width, height;
  double          data_x0, data_x1;  /* where events are drawn (clip) */
  double          data_y0, data_y1;
  double          mark_size;         /* after fitting */
  GArray         *lanes;          /* ChronoDlLane, visible lanes top down */
  GArray         *rows;           /* ChronoDlRow, top down */
  GArray         *bars;           /* ChronoDlBar: draw first */
  GArray         *marks;          /* ChronoDlMark */
  GArray         *clusters;       /* ChronoDlCluster */
  GArray         *labels;         /* ChronoDlLabel */
  guint           n_visited;      /* events looked at while building */
} ChronoDisplayList;

/* The mark and bar drawn for event @event (index into ChronoMarks), if any;
 * for tests and for highlighting a selection. */
gboolean chrono_display_list_find_event (const ChronoDisplayList  *list,
                                         guint                     event,
                                         const ChronoDlMark      **mark,
                                         const ChronoDlBar       **bar);

/* A label's text.  It must stay valid until the layout is built again or
 * the function's data is destroyed; NULL for none. */
typedef const char *(*ChronoLabelFunc) (gint64   event_id,
                                        gpointer user_data);

typedef enum
{
  CHRONO_HIT_NONE,
  CHRONO_HIT_EVENT,     /* a mark or a bar */
  CHRONO_HIT_CLUSTER,   /* a cluster: zoom into [day0, day1] to see it */
  CHRONO_HIT_HEADER,    /* a lane's header */
  CHRONO_HIT_ROW,       /* empty space in a row */
} ChronoHitKind;

typedef struct
{
  ChronoHitKind kind;
  guint         lane;
  gint          unit;
  gint64        event_id;     /* CHRONO_HIT_EVENT */
  guint         event;        /* index into ChronoMarks */
  guint         count;        /* CHRONO_HIT_CLUSTER */
  double        day0, day1;
  double        day;          /* the day under the point */
} ChronoTimelineHit;

#define CHRONO_TYPE_TIMELINE_LAYOUT (chrono_timeline_layout_get_type ())
G_DECLARE_FINAL_TYPE (ChronoTimelineLayout, chrono_timeline_layout, CHRONO, TIMELINE_LAYOUT,
                      GObject)

ChronoTimelineLayout *chrono_timeline_layout_new       (ChronoMarks          *marks);
ChronoMarks          *chrono_timeline_layout_get_marks (ChronoTimelineLayout *self);
/* New data (after an import): lane state is kept for lanes of the same name. */
void chrono_timeline_layout_set_marks (ChronoTimelineLayout *self,
                                       ChronoMarks          *marks);

void chrono_timeline_layout_get_metrics   (ChronoTimelineLayout        *self,
                                           ChronoTimelineMetrics       *metrics);
void chrono_timeline_layout_set_metrics   (ChronoTimelineLayout        *self,
                                           const ChronoTimelineMetrics *metrics);
void chrono_timeline_metrics_init_default (ChronoTimelineMetrics       *metrics);

gboolean chrono_timeline_layout_get_lane_collapsed (ChronoTimelineLayout *self,
                                                    guint                 lane);
void     chrono_timeline_layout_set_lane_collapsed (ChronoTimelineLayout *self,
                                                    guint                 lane,
                                                    gboolean              collapsed);
void     chrono_timeline_layout_set_all_collapsed  (ChronoTimelineLayout *self,
                                                    gboolean              collapsed);
gboolean chrono_timeline_layout_get_lane_hidden    (ChronoTimelineLayout *self,
                                                    guint                 lane);
void     chrono_timeline_layout_set_lane_hidden    (ChronoTimelineLayout *self,
                                                    guint                 lane,
                                                    gboolean              hidden);
/* Lanes top down, as indices into ChronoMarks lanes (default: position). */
const guint *chrono_timeline_layout_get_lane_order (ChronoTimelineLayout *self,
                                                    guint                *n_lanes);
gboolean     chrono_timeline_layout_set_lane_order (ChronoTimelineLayout *self,
                                                    const guint          *order,
                                                    guint                 n_lanes);

void chrono_timeline_layout_set_label_func (ChronoTimelineLayout *self,
                                            ChronoLabelFunc       func,
                                            gpointer              user_data,
                                            GDestroyNotify        destroy);
/* Vertical scrolling of the lanes under the fixed axis. */
void   chrono_timeline_layout_set_scroll_y (ChronoTimelineLayout *self,
                                            double                scroll_y);
double chrono_timeline_layout_get_scroll_y (ChronoTimelineLayout *self);
/* Height of every visible lane for a drawing area @height tall. */
double chrono_timeline_layout_get_content_height (ChronoTimelineLayout *self,
                                                  double                height);

/* Lays out the lanes and the marks visible through @scale in a @width ×
 * @height area.  The scale's area should be the data area:
 * chrono_timeline_layout_get_data_area() gives it.  The list belongs to the
 * layout and lives until the next build. */
const ChronoDisplayList *chrono_timeline_layout_build (ChronoTimelineLayout  *self,
                                                       const ChronoTimeScale *scale,
                                                       double                 width,
                                                       double                 height);
const ChronoDisplayList *chrono_timeline_layout_get_display_list (ChronoTimelineLayout *self);
void chrono_timeline_layout_get_data_area (ChronoTimelineLayout *self,
                                           double                width,
                                           double                height,
                                           double               *x,
                                           double               *y,
                                           double               *data_width,
                                           double               *data_height);
/* What is at (@x, @y) in the last display list. */
gboolean chrono_timeline_layout_hit_test (ChronoTimelineLayout *self,
                                          double                x,
                                          double                y,
                                          ChronoTimelineHit    *hit);

G_END_DECLS
