/* test-render.c: geometry of the swim-lane timeline, and its export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-render"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "chrono-exchange.h"
#include "chrono-marks.h"
#include "chrono-store.h"
#include "chrono-time-scale.h"
#include "chrono-timeline-layout.h"
#include "chrono-timeline-options.h"
#include "chrono-timeline-painter.h"

#define HAND_AGENCY "Hand-made Agency"
/* Where @day is drawn by the test's time scale. */
#define X(day) chrono_time_scale_to_x (&scale, (day))
#define HAND_UNIT "Team X"

/* One case for every test: the Stacey chronology plus a few events made by
 * hand whose geometry is easy to predict. */
static char *case_dir;
static char *case_path;
static gint64 id_day;      /* 15 Mar 2011, no time */
static gint64 id_timed;    /* 15 Mar 2011 14:30 */
static gint64 id_month;    /* May 2011 (month precision) */
static gint64 id_span;     /* 10 Jun 2011 to 20 Jul 2011 */
static gint64 id_unit;     /* 1 Apr 2011, in unit Team X */
static gint64 id_approx;   /* c. Aug 2011 */

static ChronoDate
iso (const char *text,
     const char *precision,
     const char *time)
{
  g_autoptr(GError) error = NULL;
  ChronoDate date = CHRONO_DATE_INIT;

  g_assert_true (chrono_date_parse_iso (text, precision, time, &date, &error));
  g_assert_no_error (error);
  return date;
}

static gint32
day (const char *text)
{
  ChronoDate date = iso (text, NULL, NULL);
  gint32 first;

  chrono_date_get_interval (&date, &first, NULL);
  return first;
}

static gint64
add_event (ChronoStore *store,
           const char  *date,
           const char  *precision,
           const char  *time,
           const char  *end,
           const char  *unit,
           ChronoKind   kind)
{
  g_autoptr(ChronoEvent) event = chrono_event_new ();
  g_autoptr(GError) error = NULL;
  ChronoDate d = iso (date, precision, time);

  chrono_event_set_date (event, &d);
  if (end != NULL)
    {
      ChronoDate e = iso (end, NULL, NULL);
      chrono_event_set_end_date (event, &e);
    }
  chrono_event_set_agency (event, HAND_AGENCY);
  if (unit != NULL)
    chrono_event_set_unit (event, unit);
  chrono_event_set_kind (event, kind);
  chrono_event_set_summary (event, "A hand-made event for the render tests");
  g_assert_true (chrono_store_insert_event (store, event, 0, &error));
  g_assert_no_error (error);
  return chrono_event_get_id (event);
}

static void
make_case (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(ChronoImportReport) report = chrono_import_report_new ("chronology.csv");
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "stacey",
                                                "chronology.csv", NULL);

  case_dir = g_dir_make_tmp ("chrono-test-render-XXXXXX", &error);
  g_assert_no_error (error);
  case_path = g_build_filename (case_dir, "case.chronoscope", NULL);

  store = chrono_store_open (case_path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE,
                             &error);
  g_assert_no_error (error);
  g_assert_true (chrono_exchange_import (store, csv, NULL, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 215);

  g_assert_true (chrono_store_begin (store, &error));
  id_day = add_event (store, "2011-03-15", NULL, NULL, NULL, NULL, CHRONO_KIND_CONTACT);
  id_timed = add_event (store, "2011-03-15", NULL, "14:30", NULL, NULL, CHRONO_KIND_INCIDENT);
  id_month = add_event (store, "2011-05", NULL, NULL, NULL, NULL, CHRONO_KIND_MEETING);
  id_span = add_event (store, "2011-06-10", NULL, NULL, "2011-07-20", NULL, CHRONO_KIND_CUSTODY);
  id_unit = add_event (store, "2011-04-01", NULL, NULL, NULL, HAND_UNIT, CHRONO_KIND_CONTACT);
  id_approx = add_event (store, "2011-08", "approx", NULL, NULL, NULL, CHRONO_KIND_REFERRAL);
  g_assert_true (chrono_store_set_meta (store, CHRONO_META_SCOPE_FROM, "2008-08-01", &error));
  g_assert_true (chrono_store_set_meta (store, CHRONO_META_SCOPE_TO, "2011-10", &error));
  g_assert_true (chrono_store_set_meta (store, CHRONO_META_KEY_DATES,
                                        "2011-10\tDate of death\n"
                                        "not a date\tignored\n"
                                        "2011-04-11\tMARAC referral\n", &error));
  g_assert_true (chrono_store_commit (store, &error));
  g_assert_no_error (error);
  chrono_store_close (store);
}

static void
remove_case (void)
{
  g_autoptr(GDir) dir = g_dir_open (case_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (case_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (case_dir);
  g_clear_pointer (&case_dir, g_free);
  g_clear_pointer (&case_path, g_free);
}

static ChronoStore *
open_case (void)
{
  g_autoptr(GError) error = NULL;
  ChronoStore *store = chrono_store_open (case_path, CHRONO_STORE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return store;
}

static ChronoMarks *
load_marks (void)
{
  g_autoptr(ChronoStore) store = open_case ();
  g_autoptr(GError) error = NULL;
  ChronoMarks *marks = chrono_marks_load (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (marks);
  return marks;
}

static char *
temp_path (const char *name)
{
  return g_build_filename (case_dir, name, NULL);
}

/* --- the time scale --- */

static void
test_scale_mapping (void)
{
  ChronoTimeScale scale;
  double from = day ("2011-01-01"), to = day ("2012-01-01");
  double anchor_day;

  chrono_time_scale_init (&scale, from, to, 200, 1460);
  g_assert_cmpfloat_with_epsilon (chrono_time_scale_px_per_day (&scale), 4.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (X (from), 200, 0.5);
  g_assert_cmpfloat_with_epsilon (X (to), 1660, 0.5);
  /* 1 Jul 2011 is day 181 of the year. */
  g_assert_cmpfloat_with_epsilon (X (day ("2011-07-01")),
                                  200 + 181 * 4, 0.5);
  g_assert_cmpfloat_with_epsilon (chrono_time_scale_to_day (&scale, 200 + 181 * 4),
                                  day ("2011-07-01"), 1e-6);

  /* Zooming keeps the day under the pointer where it is. */
  anchor_day = chrono_time_scale_to_day (&scale, 700);
  chrono_time_scale_zoom (&scale, 4, 700);
  g_assert_cmpfloat_with_epsilon (chrono_time_scale_to_day (&scale, 700), anchor_day, 1e-6);
  g_assert_cmpfloat_with_epsilon (scale.to - scale.from, 365 / 4.0, 1e-6);
  chrono_time_scale_zoom (&scale, 0.25, 700);
  g_assert_cmpfloat_with_epsilon (scale.to - scale.from, 365, 1e-6);

  /* Panning by pixels. */
  chrono_time_scale_pan (&scale, 40);
  g_assert_cmpfloat_with_epsilon (scale.from, from + 10, 1e-6);

  /* Never closer than an hour, never outside the limits. */
  chrono_time_scale_zoom (&scale, 1e9, 700);
  g_assert_cmpfloat_with_epsilon (scale.to - scale.from, 1.0 / 24, 1e-9);
  chrono_time_scale_set_limits (&scale, from, to);
  chrono_time_scale_set_range (&scale, from - 100, from + 10);
  g_assert_cmpfloat_with_epsilon (scale.from, from, 1e-9);
  chrono_time_scale_set_range (&scale, from - 1000, to + 1000);
  g_assert_cmpfloat_with_epsilon (scale.from, from, 1e-9);
  g_assert_cmpfloat_with_epsilon (scale.to, to, 1e-9);
  chrono_time_scale_pan (&scale, 1000);
  g_assert_cmpfloat_with_epsilon (scale.to, to, 1e-9);
}

static gboolean
has_label (GArray     *row,
           const char *label)
{
  for (guint i = 0; i < row->len; i++)
    {
      if (g_strcmp0 (g_array_index (row, ChronoTick, i).label, label) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
check_ticks_ordered (const ChronoTimeScale *scale,
                     GArray                *row)
{
  for (guint i = 0; i < row->len; i++)
    {
      const ChronoTick *t = &g_array_index (row, ChronoTick, i);

      g_assert_cmpfloat_with_epsilon (t->x, chrono_time_scale_to_x (scale, t->day), 1e-6);
      g_assert_cmpfloat (t->end_x, >, t->x);
      if (i > 0)
        g_assert_cmpfloat (t->x, ==, g_array_index (row, ChronoTick, i - 1).end_x);
    }
}

static void
test_scale_ticks (void)
{
  struct {
    const char    *from, *to;
    ChronoTickUnit unit, context;
    const char    *label, *context_label;
  } cases[] = {
    { "1985-01-01", "2015-01-01", CHRONO_TICK_YEAR, CHRONO_TICK_DECADE, "2011", "1990s" },
    { "2011-01-01", "2012-01-01", CHRONO_TICK_MONTH, CHRONO_TICK_YEAR, NULL, "2011" },
    { "2005-01-01", "2015-01-01", CHRONO_TICK_QUARTER, CHRONO_TICK_YEAR, "Q3", "2011" },
    { "2011-09-01", "2011-12-01", CHRONO_TICK_WEEK, CHRONO_TICK_MONTH, "w/c 3 Oct", NULL },
    { "2011-10-01", "2011-11-01", CHRONO_TICK_DAY, CHRONO_TICK_MONTH, NULL, NULL },
    { "2011-10-05", "2011-10-06", CHRONO_TICK_HOUR, CHRONO_TICK_DAY, "14:00", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ChronoTicks) ticks = NULL;
      ChronoTimeScale scale;
      double width = 1700;

      chrono_time_scale_init (&scale, day (cases[i].from), day (cases[i].to), 200, width);
      ticks = chrono_time_scale_compute_ticks (&scale, 7);
      g_test_message ("%s..%s: unit %d step %u, context %d", cases[i].from, cases[i].to,
                      ticks->unit, ticks->step, ticks->context_unit);
      g_assert_cmpint (ticks->unit, ==, cases[i].unit);
      g_assert_cmpint (ticks->context_unit, ==, cases[i].context);
      g_assert_cmpuint (ticks->ticks->len, >, 1);
      check_ticks_ordered (&scale, ticks->ticks);
      check_ticks_ordered (&scale, ticks->context);
      if (cases[i].label != NULL)
        g_assert_true (has_label (ticks->ticks, cases[i].label));
      if (cases[i].context_label != NULL)
        g_assert_true (has_label (ticks->context, cases[i].context_label));
      /* Labels never crowd: a tick every seven characters at least. */
      for (guint k = 0; k + 1 < ticks->ticks->len; k++)
        {
          const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, k);
          if (k > 0)
            g_assert_cmpfloat (t->end_x - t->x, >=, 7 * 3);
        }
    }

  /* A month with room spells its name; the context row has the year. */
  {
    g_autoptr(ChronoTicks) ticks = NULL;
    ChronoTimeScale scale;

    chrono_time_scale_init (&scale, day ("2011-01-01"), day ("2012-01-01"), 0, 1700);
    ticks = chrono_time_scale_compute_ticks (&scale, 7);
    g_assert_true (has_label (ticks->ticks, "October"));
    chrono_time_scale_init (&scale, day ("2011-01-01"), day ("2012-01-01"), 0, 700);
    g_clear_pointer (&ticks, chrono_ticks_free);
    ticks = chrono_time_scale_compute_ticks (&scale, 7);
    g_assert_true (has_label (ticks->ticks, "Oct"));
  }
}

/* --- marks --- */

static void
check_track (ChronoMarks            *marks,
             const ChronoMarksTrack *t)
{
  for (guint k = 0; k < t->n_points; k++)
    {
      guint i = t->points[k];

      g_assert_false (marks->flags[i] & CHRONO_MARK_SPAN);
      g_assert_cmpint (marks->precision[i], !=, CHRONO_PRECISION_YEAR);
      g_assert_cmpfloat (t->point_pos[k], ==, marks->pos[i]);
      if (k > 0)
        g_assert_cmpfloat (marks->pos[t->points[k - 1]], <=, marks->pos[i]);
    }
  for (guint k = 0; k < t->n_month_points; k++)
    {
      guint i = t->month_points[k];

      g_assert_cmpint (marks->precision[i], ==, CHRONO_PRECISION_MONTH);
      g_assert_cmpfloat (t->month_pos[k], ==, marks->pos[i]);
      if (k > 0)
        g_assert_cmpfloat (t->month_pos[k - 1], <=, t->month_pos[k]);
    }
  /* Skipping a run of points lands where a linear search does. */
  for (guint k = 0; k + 1 < t->n_points; k += 1 + k / 3)
    for (double ahead = 0.01; ahead < 3000; ahead *= 3.7)
      {
        double limit = t->point_pos[k] + ahead;
        guint expected = k + 1;

        while (expected < t->n_points && t->point_pos[expected] < limit)
          expected++;
        g_assert_cmpuint (chrono_marks_track_skip (t, k, t->n_points, limit), ==, expected);
      }
  for (guint k = 0; k < t->n_ranges; k++)
    {
      guint i = t->ranges[k];

      g_assert_true ((marks->flags[i] & CHRONO_MARK_SPAN) ||
                     marks->precision[i] == CHRONO_PRECISION_YEAR);
      if (k > 0)
        {
          g_assert_cmpint (marks->first_day[t->ranges[k - 1]], <=, marks->first_day[i]);
          g_assert_cmpint (t->reach[k - 1], <=, t->reach[k]);
        }
      g_assert_cmpint (t->reach[k], >=, marks->last_day[i]);
    }
}

static void
check_marks_invariants (ChronoMarks *marks)
{
  guint total = 0;

  for (guint l = 0; l < marks->n_lanes; l++)
    {
      const ChronoMarksLane *lane = &marks->lanes[l];
      guint in_tracks = 0;

      total += lane->end - lane->begin;
      g_assert_cmpuint (lane->all.n_points + lane->all.n_ranges, ==, lane->end - lane->begin);
      for (guint i = lane->begin; i < lane->end; i++)
        {
          g_assert_cmpuint (marks->lane[i], ==, l);
          g_assert_cmpint (marks->first_day[i], <=, marks->start_last[i]);
          g_assert_cmpint (marks->start_last[i], <=, marks->last_day[i]);
          g_assert_cmpint (marks->end_first[i], <=, marks->last_day[i]);
          g_assert_cmpint (marks->unit[i], <, (gint) lane->n_units);
          /* Sorted by start within the lane. */
          if (i > lane->begin)
            g_assert_cmpint (marks->first_day[i - 1], <=, marks->first_day[i]);
          g_assert_cmpint (chrono_marks_lookup (marks, marks->id[i]), ==, (gint) i);
        }
      check_track (marks, &lane->all);
      for (guint t = 0; t <= lane->n_units; t++)
        {
          check_track (marks, &lane->tracks[t]);
          in_tracks += lane->tracks[t].n_points + lane->tracks[t].n_ranges;
        }
      g_assert_cmpuint (in_tracks, ==, lane->end - lane->begin);
    }
  g_assert_cmpuint (total, ==, marks->n_events);
  g_assert_cmpint (chrono_marks_lookup (marks, -5), ==, -1);
}

static gint
lookup (ChronoMarks *marks,
        gint64       id)
{
  gint i = chrono_marks_lookup (marks, id);

  g_assert_cmpint (i, >=, 0);
  return i;
}

static gint64
id_of_ref (ChronoStore *store,
           const char  *ref)
{
  g_autoptr(GPtrArray) events = chrono_store_load_events (store, NULL);

  for (guint i = 0; i < events->len; i++)
    {
      if (g_strcmp0 (chrono_event_get_ref (g_ptr_array_index (events, i)), ref) == 0)
        return chrono_event_get_id (g_ptr_array_index (events, i));
    }
  g_assert_not_reached ();
  return 0;
}

static void
test_marks_load (void)
{
  g_autoptr(ChronoStore) store = open_case ();
  g_autoptr(ChronoMarks) marks = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GError) error = NULL;
  guint begin, end;
  gint i;

  marks = chrono_marks_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (marks->n_events, ==, 221);
  g_assert_cmpuint (marks->n_lanes, ==, 13);
  check_marks_invariants (marks);

  /* Lanes in agency position order, with their units. */
  agencies = chrono_store_list_agencies (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agencies->len, ==, marks->n_lanes);
  for (guint l = 0; l < agencies->len; l++)
    {
      ChronoAgency *agency = g_ptr_array_index (agencies, l);

      g_assert_cmpstr (marks->lanes[l].name, ==, chrono_agency_get_name (agency));
      g_assert_cmpuint (marks->lanes[l].end - marks->lanes[l].begin, ==,
                        chrono_agency_get_n_events (agency));
      g_assert_cmpuint (marks->lanes[l].n_units, ==,
                        g_strv_length ((char **) chrono_agency_get_units (agency)));
    }
  g_assert_cmpint (chrono_marks_find_lane (marks, "Nottinghamshire Police"), >=, 0);
  g_assert_cmpuint (marks->lanes[chrono_marks_find_lane (marks, "Nottinghamshire Police")].n_units,
                    ==, 4);

  /* A month-precision row covers its month. */
  i = lookup (marks, id_of_ref (store, "C004"));
  g_assert_cmpint (marks->precision[i], ==, CHRONO_PRECISION_MONTH);
  g_assert_cmpint (marks->first_day[i], ==, day ("1994-09-01"));
  g_assert_cmpint (marks->last_day[i], ==, day ("1994-09-30"));
  g_assert_cmpfloat (marks->pos[i], ==, day ("1994-09-01") + 15);
  g_assert_cmpint (marks->unit[i], >=, 0);

  /* A custody span from 1999 to 2004, both years only. */
  i = lookup (marks, id_of_ref (store, "C006"));
  g_assert_true (marks->flags[i] & CHRONO_MARK_SPAN);
  g_assert_cmpint (marks->kind[i], ==, CHRONO_KIND_CUSTODY);
  g_assert_cmpint (marks->first_day[i], ==, day ("1999-01-01"));
  g_assert_cmpint (marks->start_last[i], ==, day ("1999-12-31"));
  g_assert_cmpint (marks->end_first[i], ==, day ("2004-01-01"));
  g_assert_cmpint (marks->last_day[i], ==, day ("2004-12-31"));

  /* Times, hedges and flags. */
  i = lookup (marks, id_of_ref (store, "C015"));
  g_assert_cmpint (marks->minute[i], ==, 120);
  g_assert_true (marks->flags[i] & CHRONO_MARK_HAS_TIME);
  g_assert_cmpfloat_with_epsilon (marks->pos[i], day ("2008-08-23") + 120 / 1440.0, 1e-9);
  i = lookup (marks, id_of_ref (store, "C014"));
  g_assert_true (marks->flags[i] & CHRONO_MARK_APPROX);
  g_assert_true (marks->flags[i] & CHRONO_MARK_SHARED);
  g_assert_cmpint (marks->precision[i], ==, CHRONO_PRECISION_MONTH);
  i = lookup (marks, id_of_ref (store, "C029"));
  g_assert_true (marks->flags[i] & CHRONO_MARK_NOT_SHARED);
  i = lookup (marks, id_of_ref (store, "C010"));
  g_assert_true (marks->flags[i] & CHRONO_MARK_RISK_HIGH);
  i = lookup (marks, id_day);
  g_assert_cmpint (marks->minute[i], ==, -1);
  g_assert_cmpfloat (marks->pos[i], ==, day ("2011-03-15") + 0.5);

  /* Binary search of a lane by day. */
  chrono_marks_lane_range (marks, chrono_marks_find_lane (marks, HAND_AGENCY),
                           day ("2011-03-15"), day ("2011-05-31"), &begin, &end);
  g_assert_cmpuint (end - begin, ==, 4);   /* day, timed, unit, month */
}

static void
test_marks_synthetic (void)
{
  g_autoptr(ChronoMarks) marks = chrono_marks_new_synthetic (20000, 50, 7);
  g_autoptr(ChronoMarks) again = chrono_marks_new_synthetic (20000, 50, 7);
  guint n_spans = 0, n_month = 0;

  g_assert_cmpuint (marks->n_events, ==, 20000);
  g_assert_cmpuint (marks->n_lanes, ==, 50);
  check_marks_invariants (marks);
  for (guint i = 0; i < marks->n_events; i++)
    {
      n_spans += (marks->flags[i] & CHRONO_MARK_SPAN) != 0;
      n_month += marks->precision[i] == CHRONO_PRECISION_MONTH;
      g_assert_cmpint (marks->id[i], ==, again->id[i]);
    }
  g_assert_cmpuint (n_spans, >, 200);
  g_assert_cmpuint (n_month, >, 1000);
}

/* --- layout --- */

static ChronoTimelineLayout *
make_layout (ChronoMarks     *marks,
             ChronoTimeScale *scale,
             const char      *from,
             const char      *to,
             double           width,
             double           height)
{
  ChronoTimelineLayout *layout = chrono_timeline_layout_new (marks);
  double x = 0, y = 0, w = 1, h = 1;

  chrono_timeline_layout_get_data_area (layout, width, height, &x, &y, &w, &h);
  chrono_time_scale_init (scale, day (from), day (to), x, w);
  return layout;
}

static const ChronoDlRow *
row_of (const ChronoDisplayList *dl,
        guint16                  row)
{
  g_assert_cmpuint (row, <, dl->rows->len);
  return &g_array_index (dl->rows, ChronoDlRow, row);
}

static void
test_layout_geometry (void)
{
  g_autoptr(ChronoMarks) marks = load_marks ();
  g_autoptr(ChronoTimelineLayout) layout = NULL;
  const ChronoDisplayList *dl;
  const ChronoDlMark *mark;
  const ChronoDlBar *bar;
  ChronoTimeScale scale;
  ChronoTimelineHit hit;

  layout = make_layout (marks, &scale, "2011-01-01", "2012-01-01", 1676, 3000);
  dl = chrono_timeline_layout_build (layout, &scale, 1676, 3000);
  g_assert_cmpfloat (dl->data_x0, ==, 200);
  g_assert_cmpfloat (chrono_time_scale_px_per_day (&scale), ==, 4.0);

  /* A day without a time: the middle of its day. */
  g_assert_true (chrono_display_list_find_event (dl, lookup (marks, id_day), &mark, &bar));
  g_assert_nonnull (mark);
  g_assert_cmpfloat_with_epsilon (mark->x, X (day ("2011-03-15") + 0.5), 0.5);
  g_assert_cmpfloat_with_epsilon (mark->x, 200 + (31 + 28 + 14 + 0.5) * 4, 0.5);
  g_assert_cmpint (mark->shape, ==, CHRONO_KIND_CONTACT);
  g_assert_null (bar);

  /* With a time: where the time falls. */
  g_assert_true (chrono_display_list_find_event (dl, lookup (marks, id_timed), &mark, NULL));
  g_assert_cmpfloat_with_epsilon (mark->x, X (day ("2011-03-15") + 14.5 / 24), 0.5);
  g_assert_cmpint (mark->shape, ==, CHRONO_KIND_INCIDENT);

  /* Month precision: a band over exactly its month, the mark in its middle. */
  g_assert_true (chrono_display_list_find_event (dl, lookup (marks, id_month), &mark, &bar));
  g_assert_nonnull (bar);
  g_assert_true (bar->bar_flags & CHRONO_BAR_BAND);
  g_assert_cmpfloat_with_epsilon (bar->x0, X (day ("2011-05-01")), 0.5);
  g_assert_cmpfloat_with_epsilon (bar->x1, X (day ("2011-06-01")), 0.5);
  g_assert_cmpfloat_with_epsilon (bar->x1 - bar->x0, 31 * 4, 0.5);
  g_assert_cmpfloat_with_epsilon (mark->x, X (day ("2011-05-01") + 15.5), 0.5);

  /* A span: a bar from its first day to the end of its end date. */
  g_assert_true (chrono_display_list_find_event (dl, lookup (marks, id_span), &mark, &bar));
  g_assert_nonnull (bar);
  g_assert_true (bar->bar_flags & CHRONO_BAR_SPAN);
  g_assert_cmpfloat_with_epsilon (bar->x0, X (day ("2011-06-10")), 0.5);
  g_assert_cmpfloat_with_epsilon (bar->x1, X (day ("2011-07-21")), 0.5);
  g_assert_cmpfloat_with_epsilon (bar->core_x0, bar->x0, 0.5);
  g_assert_cmpfloat_with_epsilon (bar->core_x1, bar->x1, 0.5);
  g_assert_cmpint (mark->shape, ==, CHRONO_KIND_CUSTODY);

  /* Approximate: flagged, and covering its month. */
  g_assert_true (chrono_display_list_find_event (dl, lookup (marks, id_approx), &mark, &bar));
  g_assert_true (mark->flags & CHRONO_MARK_APPROX);
  g_assert_cmpfloat_with_epsilon (bar->x1 - bar->x0, 31 * 4, 0.5);

  /* Every mark sits inside its row, in the data area. */
  for (guint i = 0; i < dl->marks->len; i++)
    {
      const ChronoDlMark *m = &g_array_index (dl->marks, ChronoDlMark, i);
      const ChronoDlRow *row = row_of (dl, m->row);

      g_assert_cmpfloat (m->y - m->size / 2, >=, row->y);
      g_assert_cmpfloat (m->y + m->size / 2, <=, row->y + row->h);
      g_assert_cmpuint (m->colour, ==, row->lane);
      g_assert_cmpuint (marks->lane[m->event], ==, row->lane);
      g_assert_cmpfloat (m->x, >=, dl->data_x0 - m->size);
    }

  /* Hit testing finds the mark under the pointer. */
  g_assert_true (chrono_display_list_find_event (dl, lookup (marks, id_timed), &mark, NULL));
  g_assert_true (chrono_timeline_layout_hit_test (layout, mark->x + 1, mark->y - 1, &hit));
  g_assert_cmpint (hit.kind, ==, CHRONO_HIT_EVENT);
  g_assert_cmpint (hit.event_id, ==, id_timed);
  g_assert_true (chrono_timeline_layout_hit_test (layout, 50, mark->y, &hit));
  g_assert_cmpint (hit.kind, ==, CHRONO_HIT_HEADER);
  g_assert_cmpuint (hit.lane, ==, (guint) chrono_marks_find_lane (marks, HAND_AGENCY));
}

static void
test_layout_lanes (void)
{
  g_autoptr(ChronoMarks) marks = load_marks ();
  g_autoptr(ChronoTimelineLayout) layout = NULL;
  const ChronoDisplayList *dl;
  const ChronoDlMark *mark;
  ChronoTimeScale scale, year;
  guint police = (guint) chrono_marks_find_lane (marks, "Nottinghamshire Police");
  guint hand = (guint) chrono_marks_find_lane (marks, HAND_AGENCY);
  guint order[64];
  double prev_bottom;

  layout = make_layout (marks, &scale, "1984-01-01", "2016-01-01", 1920, 4000);
  chrono_time_scale_init (&year, day ("2011-01-01"), day ("2012-01-01"), scale.x, scale.width);
  dl = chrono_timeline_layout_build (layout, &scale, 1920, 4000);

  /* Lanes top down in position order, rows of a lane together, no gaps. */
  g_assert_cmpuint (dl->lanes->len, ==, marks->n_lanes);
  prev_bottom = dl->data_y0;
  for (guint i = 0; i < dl->lanes->len; i++)
    {
      const ChronoDlLane *lane = &g_array_index (dl->lanes, ChronoDlLane, i);

      g_assert_cmpuint (lane->lane, ==, i);
      g_assert_cmpstr (lane->name, ==, marks->lanes[i].name);
      g_assert_cmpfloat_with_epsilon (lane->y, prev_bottom, 1e-3);
      guint n_units = marks->lanes[i].n_units;

      g_assert_cmpuint (lane->n_rows, ==, n_units > 0 ? n_units + 1 : 1);
      for (guint r = lane->first_row; r < lane->first_row + lane->n_rows; r++)
        g_assert_cmpuint (row_of (dl, r)->lane, ==, i);
      g_assert_true (row_of (dl, lane->first_row)->flags & CHRONO_ROW_LANE_TITLE);
      prev_bottom = lane->y + lane->h;
    }

  /* The unit's event is in the unit's row. */
  dl = chrono_timeline_layout_build (layout, &year, 1920, 4000);
  g_assert_true (chrono_display_list_find_event (dl, lookup (marks, id_unit), &mark, NULL));
  g_assert_cmpint (row_of (dl, mark->row)->unit, ==, 0);
  g_assert_cmpstr (row_of (dl, mark->row)->name, ==, HAND_UNIT);

  /* Collapsed: one row, the units' events rolled up into it. */
  chrono_timeline_layout_set_lane_collapsed (layout, police, TRUE);
  chrono_timeline_layout_set_lane_collapsed (layout, hand, TRUE);
  dl = chrono_timeline_layout_build (layout, &scale, 1920, 4000);
  for (guint i = 0; i < dl->lanes->len; i++)
    {
      const ChronoDlLane *lane = &g_array_index (dl->lanes, ChronoDlLane, i);

      if (lane->lane == police || lane->lane == hand)
        {
          g_assert_true (lane->collapsed);
          g_assert_cmpuint (lane->n_rows, ==, 1);
          g_assert_true (row_of (dl, lane->first_row)->flags & CHRONO_ROW_COLLAPSED);
        }
    }
  dl = chrono_timeline_layout_build (layout, &year, 1920, 4000);
  g_assert_true (chrono_display_list_find_event (dl, lookup (marks, id_unit), &mark, NULL));
  g_assert_cmpint (row_of (dl, mark->row)->unit, ==, -1);
  g_assert_cmpuint (row_of (dl, mark->row)->lane, ==, hand);
  {
    const ChronoDlMark *day_mark;

    g_assert_true (chrono_display_list_find_event (dl, lookup (marks, id_day), &day_mark, NULL));
    g_assert_cmpuint (day_mark->row, ==, mark->row);
  }
  /* Every police event is in its one row: as a mark, a bar or a cluster. */
  dl = chrono_timeline_layout_build (layout, &scale, 1920, 4000);
  {
    guint counted = 0;

    for (guint i = 0; i < dl->marks->len; i++)
      {
        const ChronoDlMark *m = &g_array_index (dl->marks, ChronoDlMark, i);
        counted += m->colour == police;
      }
    for (guint i = 0; i < dl->clusters->len; i++)
      {
        const ChronoDlCluster *c = &g_array_index (dl->clusters, ChronoDlCluster, i);
        if (c->colour == police)
          counted += c->count;
      }
    for (guint i = 0; i < dl->bars->len; i++)
      {
        const ChronoDlBar *b = &g_array_index (dl->bars, ChronoDlBar, i);
        if (b->colour == police && (b->bar_flags & CHRONO_BAR_OVERFLOW))
          counted += b->count;
      }
    g_assert_cmpuint (counted, ==, 87);
  }

  /* Hidden: gone.  Reordered: in the new order. */
  chrono_timeline_layout_set_lane_hidden (layout, police, TRUE);
  dl = chrono_timeline_layout_build (layout, &scale, 1920, 4000);
  g_assert_cmpuint (dl->lanes->len, ==, marks->n_lanes - 1);
  for (guint i = 0; i < dl->lanes->len; i++)
    g_assert_cmpuint (g_array_index (dl->lanes, ChronoDlLane, i).lane, !=, police);
  chrono_timeline_layout_set_lane_hidden (layout, police, FALSE);

  for (guint i = 0; i < marks->n_lanes; i++)
    order[i] = marks->n_lanes - 1 - i;
  g_assert_true (chrono_timeline_layout_set_lane_order (layout, order, marks->n_lanes));
  order[0] = order[1];
  g_assert_false (chrono_timeline_layout_set_lane_order (layout, order, marks->n_lanes));
  dl = chrono_timeline_layout_build (layout, &scale, 1920, 4000);
  g_assert_cmpuint (g_array_index (dl->lanes, ChronoDlLane, 0).lane, ==, marks->n_lanes - 1);
}

/* Every event of a dense chronology is drawn or counted, once. */
static void
test_layout_clusters (void)
{
  g_autoptr(ChronoMarks) marks = chrono_marks_new_synthetic (100000, 50, 3);
  g_autoptr(ChronoTimelineLayout) layout = chrono_timeline_layout_new (marks);
  const ChronoDisplayList *dl;
  ChronoTimeScale scale;
  guint64 shown = 0;
  double x = 0, y = 0, w = 1, h = 1;

  chrono_timeline_layout_set_all_collapsed (layout, TRUE);
  chrono_timeline_layout_get_data_area (layout, 1920, 6000, &x, &y, &w, &h);
  chrono_time_scale_init (&scale, marks->min_day - 400, marks->max_day + 400, x, w);
  dl = chrono_timeline_layout_build (layout, &scale, 1920, 6000);

  g_assert_cmpuint (dl->clusters->len, >, 0);
  for (guint i = 0; i < dl->marks->len; i++)
    {
      const ChronoDlMark *m = &g_array_index (dl->marks, ChronoDlMark, i);
      shown++;
      g_assert_cmpfloat (fabs (m->x - X (marks->pos[m->event])), <, 0.5);
    }
  for (guint i = 0; i < dl->clusters->len; i++)
    {
      const ChronoDlCluster *c = &g_array_index (dl->clusters, ChronoDlCluster, i);

      shown += c->count;
      g_assert_cmpfloat (c->w, >, 0);
      g_assert_cmpfloat (c->day0, <=, c->day1);
    }
  for (guint i = 0; i < dl->bars->len; i++)
    {
      const ChronoDlBar *b = &g_array_index (dl->bars, ChronoDlBar, i);
      if (b->bar_flags & CHRONO_BAR_OVERFLOW)
        shown += b->count;
    }
  g_assert_cmpuint (shown, ==, marks->n_events);
  /* Far fewer looked at than there are events: binning skips them. */
  g_test_message ("visited %u of %u events", dl->n_visited, marks->n_events);
  g_assert_cmpuint (dl->n_visited, <, marks->n_events / 2);

  /* No two marks of a row overlap. */
  for (guint i = 1; i < dl->marks->len; i++)
    {
      const ChronoDlMark *a = &g_array_index (dl->marks, ChronoDlMark, i - 1);

      for (guint j = i; j < MIN (i + 8, dl->marks->len); j++)
        {
          const ChronoDlMark *b = &g_array_index (dl->marks, ChronoDlMark, j);

          if (a->row == b->row && fabs (a->y - b->y) < 1)
            g_assert_cmpfloat (fabs (a->x - b->x), >=, a->size);
        }
    }
}

/* --- options and export --- */

static void
test_options_case (void)
{
  g_autoptr(ChronoStore) store = open_case ();
  g_autoptr(ChronoTimelineOptions) options = chrono_timeline_options_new ();
  g_autoptr(GError) error = NULL;
  const ChronoKeyDate *k;

  g_assert_true (chrono_timeline_options_load_case (options, store, &error));
  g_assert_no_error (error);
  g_assert_true (options->has_scope);
  g_assert_cmpint (options->scope_first, ==, day ("2008-08-01"));
  g_assert_cmpint (options->scope_last, ==, day ("2011-10-31"));
  g_assert_cmpuint (options->key_dates->len, ==, 2);
  k = &g_array_index (options->key_dates, ChronoKeyDate, 0);
  g_assert_cmpstr (k->label, ==, "MARAC referral");
  g_assert_cmpint (k->first_day, ==, day ("2011-04-11"));
  g_assert_cmpint (k->last_day, ==, k->first_day);
  k = &g_array_index (options->key_dates, ChronoKeyDate, 1);
  g_assert_cmpstr (k->label, ==, "Date of death");
  g_assert_cmpint (k->first_day, ==, day ("2011-10-01"));
  g_assert_cmpint (k->last_day, ==, day ("2011-10-31"));
  g_assert_cmpstr (options->label_func (id_day, options->label_data), ==,
                   "A hand-made event for the render tests");
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
test_export_svg (void)
{
  g_autoptr(ChronoStore) store = open_case ();
  g_autoptr(ChronoMarks) marks = load_marks ();
  g_autoptr(ChronoTimelineOptions) options = chrono_timeline_options_new ();
  g_autoptr(GPtrArray) events = chrono_store_load_events (store, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("timeline.svg");
  g_autofree char *svg = NULL;
  guint labelled = 0;

  g_assert_true (chrono_timeline_options_load_case (options, store, &error));
  g_assert_true (chrono_timeline_export (marks, options, path, 1920, 1080, 0, 0, &error));
  g_assert_no_error (error);
  svg = read_file (path);
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "</svg>"));
  for (guint l = 0; l < marks->n_lanes; l++)
    {
      g_autofree char *name = g_markup_escape_text (marks->lanes[l].name, -1);
      g_assert_nonnull (strstr (svg, name));
    }
  g_assert_nonnull (strstr (svg, "Date of death"));
  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *summary = g_markup_escape_text (
        chrono_event_get_summary (g_ptr_array_index (events, i)), -1);
      g_assert_null (strstr (svg, summary));
    }

  /* With labels, summaries appear where there is room. */
  g_clear_pointer (&svg, g_free);
  options->show_labels = TRUE;
  g_assert_true (chrono_timeline_export (marks, options, path, 1920, 1080,
                                         day ("2011-01-01"), day ("2012-01-01"), &error));
  g_assert_no_error (error);
  svg = read_file (path);
  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *summary = g_markup_escape_text (
        chrono_event_get_summary (g_ptr_array_index (events, i)), -1);
      labelled += strstr (svg, summary) != NULL;
    }
  g_test_message ("%u summaries labelled", labelled);
  g_assert_cmpuint (labelled, >, 20);
}

static void
test_export_png_pdf (void)
{
  g_autoptr(ChronoMarks) marks = load_marks ();
  g_autoptr(ChronoTimelineOptions) options = chrono_timeline_options_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *png = temp_path ("timeline.png");
  g_autofree char *pdf = temp_path ("timeline.PDF");
  g_autofree char *bad = temp_path ("timeline.bmp");
  g_autofree char *contents = NULL;
  gsize length;

  /* HiDPI: twice the pixels. */
  options->scale_factor = 2;
  options->theme = CHRONO_TIMELINE_THEME_DARK;
  g_assert_true (chrono_timeline_export (marks, options, png, 800, 600, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (contents + 1, 3, "PNG", 3);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (contents + 16)), ==, 1600);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (contents + 20)), ==, 1200);
  g_clear_pointer (&contents, g_free);

  options->theme = CHRONO_TIMELINE_THEME_HIGH_CONTRAST;
  g_assert_true (chrono_timeline_export (marks, options, pdf, 842, 595, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  g_assert_false (chrono_timeline_export (marks, options, bad, 800, 600, 0, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (chrono_timeline_export (marks, options, png, 10, 10, 0, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static gboolean
run_cli (const char * const *args,
         char              **err)
{
  const char *cli = g_getenv ("CHRONOSCOPE_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_cli_render (void)
{
  g_autofree char *out = temp_path ("cli.png");
  g_autofree char *svg = temp_path ("cli.svg");
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;

  if (g_getenv ("CHRONOSCOPE_CLI") == NULL)
    {
      g_test_skip ("CHRONOSCOPE_CLI is not set");
      return;
    }

  {
    const char *args[] = { "render", case_path, "-o", out, "--from", "01/01/2011",
                           "--to", "2011-12-31", "--width", "1280", "--height", "720", NULL };
    g_assert_true (run_cli (args, &err));
    g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "render", case_path, "-o", svg, "--from", "2011", NULL };
    g_assert_true (run_cli (args, &err));
    contents = read_file (svg);
    g_assert_nonnull (strstr (contents, "Probation"));
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "render", case_path, "-o", out, "--from", "31/02/2011", NULL };
    g_assert_false (run_cli (args, &err));
    g_assert_nonnull (strstr (err, "--from"));
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "render", case_path, "-o", out, "--from", "2012", "--to", "2011", NULL };
    g_assert_false (run_cli (args, &err));
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "render", case_path, NULL };
    g_assert_false (run_cli (args, &err));
    g_assert_nonnull (strstr (err, "usage"));
  }
}

int
main (int    argc,
      char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  make_case ();

  g_test_add_func ("/render/scale/mapping", test_scale_mapping);
  g_test_add_func ("/render/scale/ticks", test_scale_ticks);
  g_test_add_func ("/render/marks/load", test_marks_load);
  g_test_add_func ("/render/marks/synthetic", test_marks_synthetic);
  g_test_add_func ("/render/layout/geometry", test_layout_geometry);
  g_test_add_func ("/render/layout/lanes", test_layout_lanes);
  g_test_add_func ("/render/layout/clusters", test_layout_clusters);
  g_test_add_func ("/render/options/case", test_options_case);
  g_test_add_func ("/render/export/svg", test_export_svg);
  g_test_add_func ("/render/export/png-pdf", test_export_png_pdf);
  g_test_add_func ("/render/cli", test_cli_render);

  result = g_test_run ();
  remove_case ();
  return result;
}
