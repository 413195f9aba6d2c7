/* chrono-marks.h: every event of a case as compact arrays, for drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chrono-date.h"
#include "chrono-kinds.h"
#include "chrono-store.h"

G_BEGIN_DECLS

/* What a mark must show besides its kind and dates. */
typedef enum
{
  CHRONO_MARK_APPROX     = 1 << 0,   /* the source hedged the (start) date */
  CHRONO_MARK_SPAN       = 1 << 1,   /* has an end date: drawn as a bar */
  CHRONO_MARK_SHARED     = 1 << 2,   /* shared_with names an agency */
  CHRONO_MARK_NOT_SHARED = 1 << 3,   /* not_shared_with names an agency */
  CHRONO_MARK_RISK_HIGH  = 1 << 4,   /* risk "high" */
  CHRONO_MARK_HAS_TIME   = 1 << 5,   /* minute[] is meaningful */
} ChronoMarkFlags;

/* The events of one row of the timeline (a unit's sub-lane, or a whole lane
 * when it is collapsed), as indices into the ChronoMarks arrays.
 *
 * points: events without an end date whose date is a day or a month, sorted
 *   by pos[] (where their mark is centred).  A binary search on pos[] finds
 *   the marks of a visible window; the mark of a month-precision event sits
 *   at the middle of its month.
 * ranges: spans (an end date) and year-precision events, sorted by
 *   first_day[]; reach[i] is the largest last_day[] of ranges[0..i], so a
 *   binary search on reach[] skips every range that ends before a window. */
typedef struct
{
  guint32 *points;
  double  *point_pos;   /* pos[points[k]], contiguous for fast searching */
  /* Buckets of days: bucket_start[b] is the first k with point_pos[k] >=
   * bucket_base + b * bucket_days, for b in 0 .. n_buckets (the last entry
   * is n_points), so a search by position starts in the right bucket. */
  guint32 *bucket_start;
  guint    n_buckets;
  guint    bucket_days;
  double   bucket_base;
  /* The points whose date is a month, as indices into ChronoMarks, by
   * pos: those whose month reaches into a window from outside it. */
  guint32 *month_points;
  double  *month_pos;
  guint    n_month_points;
  guint    n_points;
  guint32 *ranges;
  gint32  *range_first; /* first_day[ranges[k]], contiguous */
  gint32  *range_last;  /* last_day[ranges[k]], contiguous */
  gint32  *reach;
  gint32  *block_max;   /* the largest last_day of ranges[32 k .. 32 k + 31] */
  guint    n_ranges;
  /* Largest half-width, in days, of a point's date interval (15.5 for a
   * month): a window must be widened by this much to catch every point whose
   * interval overlaps it. */
  double   max_half_width;
} ChronoMarksTrack;

/* One agency: one swim lane. */
typedef struct
{
  gint64            agency_id;
  char             *name;
  char             *colour;     /* "#rrggbb", or "" when the palette chooses */
  gboolean          hidden;     /* hidden in the case file */
  guint             begin;      /* the lane's events are [begin, end) */
  guint             end;
  guint             n_units;
  char            **units;      /* NULL-terminated, in order */
  ChronoMarksTrack  all;        /* every event of the lane (collapsed lane) */
  ChronoMarksTrack *tracks;     /* n_units + 1 entries: [0] events without a
                                 * unit, [u + 1] the events of units[u] */
} ChronoMarksLane;

/* A read-only snapshot of every event for drawing, struct-of-arrays.
 * Fields are public for the drawing hot path; never write them.
 *
 * Events are sorted by lane (agency position), then by start: first_day,
 * then time of day (an event without a time counts as midday, where its mark
 * is drawn), then id.  Day numbers count days from 0001-01-01 (day 0); a day
 * d covers the fractional days [d, d + 1). */
typedef struct _ChronoMarks ChronoMarks;

struct _ChronoMarks
{
  guint            n_events;
  guint            n_lanes;
  ChronoMarksLane *lanes;
  gint32           min_day;     /* first day any event covers (0 when empty) */
  gint32           max_day;     /* last day any event covers */

  gint64          *id;          /* event id in the case */
  double          *pos;         /* mark position, fractional days: the day plus
                                 * the time (or + 0.5 without a time); the
                                 * middle of the interval for a month or year */
  gint32          *first_day;   /* first day the (start) date may mean */
  gint32          *start_last;  /* last day the start date may mean */
  gint32          *end_first;   /* spans: first day the end date may mean;
                                 * otherwise equal to start_last */
  gint32          *last_day;    /* last day covered (the end date's for spans) */
  gint16          *minute;      /* minute of the day, -1 without a time */
  guint16         *lane;        /* index into lanes */
  gint16          *unit;        /* index into the lane's units, -1 for none */
  guint8          *kind;        /* ChronoKind */
  guint8          *precision;   /* ChronoPrecision of the start date without
                                 * the hedge: DAY, MONTH or YEAR (see flags) */
  guint8          *flags;       /* ChronoMarkFlags */

  /*< private >*/
  gint             ref_count;
  guint32         *by_id;       /* indices in id order */
  guint32         *list_storage;
  double          *pos_storage;
  guint32         *bucket_storage;
  guint32         *month_storage;
  double          *month_pos_storage;
  gint32          *reach_storage;   /* reach, range_first, range_last */
  gint32          *block_storage;
};

#define CHRONO_TYPE_MARKS (chrono_marks_get_type ())

GType chrono_marks_get_type (void) G_GNUC_CONST;

/* Reads every event of @store with one query (no ChronoEvent objects). */
ChronoMarks *chrono_marks_load (ChronoStore  *store,
                                GError      **error);
/* A reproducible made-up case for benchmarks and tests: @n_events spread over
 * 1995-2014 in @n_lanes lanes (some with units), in bursts, with the mix of
 * kinds, precisions and spans a real chronology has. */
ChronoMarks *chrono_marks_new_synthetic (guint   n_events,
                                         guint   n_lanes,
                                         guint32 seed);

ChronoMarks *chrono_marks_ref   (ChronoMarks *self);
void         chrono_marks_unref (ChronoMarks *self);

/* The index of the event with @id, or -1. */
gint chrono_marks_lookup (ChronoMarks *self,
                          gint64       id);
/* Sets [*begin, *end) to the events of @lane whose first day lies in
 * [@from_day, @to_day] (a binary search on the lane's sorted events). */
void chrono_marks_lane_range (ChronoMarks *self,
                              guint        lane,
                              gint32       from_day,
                              gint32       to_day,
                              guint       *begin,
                              guint       *end);
/* Sets [*begin, *end) to the points of @track whose pos lies in
 * [@from, @to) (fractional days). */
void chrono_marks_track_points (ChronoMarks            *self,
                                const ChronoMarksTrack *track,
                                double                  from,
                                double                  to,
                                guint                  *begin,
                                guint                  *end);
/* Sets [*begin, *end) to the month-precision points of @track whose pos
 * lies in [@from, @to) (indices into month_points). */
void chrono_marks_track_months (const ChronoMarksTrack *track,
                                double                  from,
                                double                  to,
                                guint                  *begin,
                                guint                  *end);
/* The first k in [@begin, @end) with point_pos[k] >= @limit, given that
 * point_pos[@begin] < @limit: cheap for runs of any length (the bucket of
 * days first, then a search within it). */
guint chrono_marks_track_skip (const ChronoMarksTrack *track,
                               guint                   begin,
                               guint                   end,
                               double                  limit);
/* Sets [*begin, *end) to the ranges of @track that may overlap
 * [@from_day, @to_day]: every range that does is inside, and those inside
 * that end before @from_day still need skipping (last_day < from_day). */
void chrono_marks_track_ranges (ChronoMarks            *self,
                                const ChronoMarksTrack *track,
                                gint32                  from_day,
                                gint32                  to_day,
                                guint                  *begin,
                                guint                  *end);
/* The largest last_day of the ranges [@begin, @end) of @track, in
 * O(32 + (end - begin) / 32); G_MININT32 when empty. */
gint32 chrono_marks_track_max_last (ChronoMarks            *self,
                                    const ChronoMarksTrack *track,
                                    guint                   begin,
                                    guint                   end);
/* The lane named @name, or -1. */
gint chrono_marks_find_lane (ChronoMarks *self,
                             const char  *name);

/* Event summaries for labels, read from the case one by one as they are
 * needed and kept until freed (a view labels only what it shows).  It keeps
 * a statement open on the case: free it before closing the store. */
typedef struct _ChronoMarksLabels ChronoMarksLabels;

ChronoMarksLabels *chrono_marks_labels_new (ChronoStore *store);
/* The summary of event @id ("" when there is none); valid until @labels
 * is freed. */
const char *chrono_marks_labels_get  (ChronoMarksLabels *labels,
                                      gint64             id);
void        chrono_marks_labels_free (ChronoMarksLabels *labels);

/* A copy of @self holding only the events whose @keep[i] is non-zero
 * (indices into @self), with the same lanes: a filtered chronology. */
ChronoMarks *chrono_marks_new_subset (ChronoMarks  *self,
                                      const guint8 *keep);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoMarks, chrono_marks_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoMarksLabels, chrono_marks_labels_free)

G_END_DECLS
