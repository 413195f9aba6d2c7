/* chrono-time-scale.h: which days are visible, and where they are drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Maps fractional day numbers (days since 0001-01-01; day d covers
 * [d, d + 1), 0.5 is midday) to pixels and back.  A plain value type: copy
 * it with '='.  [from, to) is drawn on [x, x + width). */
typedef struct
{
  double from;       /* first visible day */
  double to;         /* end of the visible range (exclusive) */
  double x;          /* pixel where @from is drawn */
  double width;      /* pixels between @from and @to */
  double min_day;    /* panning and zooming stay inside [min_day, max_day]; */
  double max_day;    /* no limit when min_day >= max_day */
  double min_span;   /* shortest visible range, in days (an hour by default) */
} ChronoTimeScale;

typedef enum
{
  CHRONO_TICK_HOUR,
  CHRONO_TICK_DAY,
  CHRONO_TICK_WEEK,      /* weeks commence on Monday */
  CHRONO_TICK_MONTH,
  CHRONO_TICK_QUARTER,
  CHRONO_TICK_YEAR,
  CHRONO_TICK_DECADE,
  CHRONO_TICK_CENTURY,
  CHRONO_TICK_NONE,
} ChronoTickUnit;

typedef struct
{
  double  day;       /* where the period starts */
  double  x;         /* and its pixel */
  double  end_x;     /* pixel where the period ends (the next tick) */
  char   *label;     /* "2011", "Oct", "Q3", "w/c 3 Oct", "14:00" */
} ChronoTick;

/* Two rows of ticks: the lower row in the finest unit whose labels fit
 * (hours … decades) and an upper row that gives it context (the year above
 * months, the month above days). */
typedef struct
{
  ChronoTickUnit unit;
  guint          step;          /* units per tick (3 hours, 5 years …) */
  ChronoTickUnit context_unit;  /* CHRONO_TICK_NONE when there is no upper row */
  guint          context_step;
  GArray        *ticks;         /* ChronoTick, lower row, in order */
  GArray        *context;       /* ChronoTick, upper row, in order */
} ChronoTicks;

void chrono_time_scale_init (ChronoTimeScale *self,
                             double           from,
                             double           to,
                             double           x,
                             double           width);
/* Keeps the view inside [@min_day, @max_day] from now on. */
void chrono_time_scale_set_limits (ChronoTimeScale *self,
                                   double           min_day,
                                   double           max_day);
/* Shows [@from, @to), clamped to the limits. */
void chrono_time_scale_set_range (ChronoTimeScale *self,
                                  double           from,
                                  double           to);
/* A new drawing area (a resize): the range stays. */
void chrono_time_scale_set_area (ChronoTimeScale *self,
                                 double           x,
                                 double           width);
/* @factor > 1 zooms in, < 1 out; the day under @anchor_x stays under it. */
void chrono_time_scale_zoom (ChronoTimeScale *self,
                             double           factor,
                             double           anchor_x);
/* Moves the view by @dx pixels (positive: later days come into view). */
void chrono_time_scale_pan (ChronoTimeScale *self,
                            double           dx);
/* Applies the limits and the shortest span. */
void chrono_time_scale_clamp (ChronoTimeScale *self);

static inline double
chrono_time_scale_px_per_day (const ChronoTimeScale *self)
{
  return self->to > self->from ? self->width / (self->to - self->from) : 0.0;
}

static inline double
chrono_time_scale_to_x (const ChronoTimeScale *self,
                        double                 day)
{
  return self->x + (day - self->from) * chrono_time_scale_px_per_day (self);
}

static inline double
chrono_time_scale_to_day (const ChronoTimeScale *self,
                          double                 x)
{
  double ppd = chrono_time_scale_px_per_day (self);

  return ppd > 0 ? self->from + (x - self->x) / ppd : self->from;
}

/* Ticks for the current range.  @char_width is the width of an average
 * character of the axis font in pixels; labels never come closer than a few
 * characters. */
ChronoTicks *chrono_time_scale_compute_ticks (const ChronoTimeScale *self,
                                              double                 char_width);
void         chrono_ticks_free               (ChronoTicks           *ticks);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoTicks, chrono_ticks_free)

G_END_DECLS
