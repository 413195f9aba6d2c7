/* test-date.c: tests for ChronoDate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "chrono-date.h"

#define NO_TIME (-1)

/* A date spelled out for tables: hour NO_TIME means no time. */
typedef struct
{
  int      year, month, day;
  gboolean approx;
  int      hour, minute;
} Want;

static ChronoDate
date_from_want (const Want *w)
{
  ChronoDate d = CHRONO_DATE_INIT;

  d.year = w->year;
  d.month = w->month;
  d.day = w->day;
  d.approx = w->approx;
  if (w->hour != NO_TIME)
    {
      d.has_time = TRUE;
      d.hour = w->hour;
      d.minute = w->minute;
    }
  return d;
}

static ChronoDate
ymd (int year,
     int month,
     int day)
{
  ChronoDate d = CHRONO_DATE_INIT;

  d.year = year;
  d.month = month;
  d.day = day;
  return d;
}

static ChronoDate
ymd_time (int year,
          int month,
          int day,
          int hour,
          int minute)
{
  ChronoDate d = ymd (year, month, day);

  d.has_time = TRUE;
  d.hour = hour;
  d.minute = minute;
  return d;
}

static ChronoDate
approx (ChronoDate d)
{
  d.approx = TRUE;
  return d;
}

/* A ChronoDate that no parser would produce, to check that failures leave
 * the output alone. */
static const ChronoDate sentinel = { 1234, 5, 6, 1, 1, 7, 8 };

static gboolean
same_bytes (const ChronoDate *a,
            const ChronoDate *b)
{
  return a->year == b->year && a->month == b->month && a->day == b->day &&
         a->approx == b->approx && a->has_time == b->has_time &&
         a->hour == b->hour && a->minute == b->minute;
}

static char *
describe (const ChronoDate *d)
{
  return g_strdup_printf ("{%d-%d-%d approx=%d time=%d %02d:%02d}", d->year, d->month,
                          d->day, d->approx, d->has_time, d->hour, d->minute);
}

/* Checks the parsed value field by field (approx and has_time exactly 0 or
 * 1, hour and minute 0 without a time) and reports instead of aborting, so
 * that a table run lists every failing row. */
static void
check_date (const char       *what,
            const ChronoDate *got,
            const ChronoDate *want)
{
  if (!same_bytes (got, want))
    {
      g_autofree char *g = describe (got);
      g_autofree char *w = describe (want);

      g_test_fail_printf ("%s: got %s, want %s", what, g, w);
    }
}

/* An error of the date domain whose message quotes the text it is about. */
static void
check_error (const char *what,
             GError     *error,
             int         code)
{
  if (error == NULL)
    {
      g_test_fail_printf ("%s: no error, want code %d", what, code);
      return;
    }
  if (error->domain != CHRONO_DATE_ERROR || error->code != code)
    g_test_fail_printf ("%s: error %s/%d (%s), want code %d", what,
                        g_quark_to_string (error->domain), error->code, error->message, code);
  if (!g_utf8_validate (error->message, -1, NULL))
    g_test_fail_printf ("%s: message is not UTF-8", what);
  if (strlen (error->message) > 400)
    g_test_fail_printf ("%s: message is %zu bytes long", what, strlen (error->message));
}

/* ------------------------------------------------------------------ */
/* Day numbers                                                         */

static void
test_day_numbers (void)
{
  static const struct { int y, m, d; gint32 n; } anchors[] = {
    { 1, 1, 1, 0 },
    { 1, 1, 2, 1 },
    { 1, 12, 31, 364 },
    { 2, 1, 1, 365 },
    { 4, 12, 31, 365 * 4 },       /* year 4 is leap */
    { 100, 3, 1, 36218 },         /* 100 is not */
    { 1899, 12, 30, 693593 },
    { 1900, 2, 28, 693653 },
    { 1900, 3, 1, 693654 },       /* 1900 is not leap: 28 Feb then 1 Mar */
    { 1970, 1, 1, 719162 },
    { 2000, 2, 28, 730177 },
    { 2000, 2, 29, 730178 },      /* 2000 is */
    { 2000, 3, 1, 730179 },
    { 2008, 8, 15, 733268 },
    { 2011, 10, 19, 734428 },
    { 9999, 12, 31, 3652058 },
  };
  static const struct { int y, m, d; } invalid[] = {
    { 0, 1, 1 }, { -1, 1, 1 }, { 10000, 1, 1 }, { 2008, 0, 1 }, { 2008, 13, 1 },
    { 2008, 1, 0 }, { 2008, 1, 32 }, { 1900, 2, 29 }, { 2011, 2, 29 }, { 2100, 2, 29 },
    { 2008, 4, 31 }, { G_MININT, G_MININT, G_MININT }, { G_MAXINT, G_MAXINT, G_MAXINT },
  };
  static const gint32 outside[] = { -1, 3652059, G_MININT32, G_MAXINT32 };

  for (guint i = 0; i < G_N_ELEMENTS (anchors); i++)
    {
      int y, m, d;

      g_assert_cmpint (chrono_day_from_ymd (anchors[i].y, anchors[i].m, anchors[i].d), ==, anchors[i].n);
      chrono_day_to_ymd (anchors[i].n, &y, &m, &d);
      g_assert_cmpint (y, ==, anchors[i].y);
      g_assert_cmpint (m, ==, anchors[i].m);
      g_assert_cmpint (d, ==, anchors[i].d);
    }
  g_assert_cmpint (chrono_day_from_ymd (1900, 3, 1) - chrono_day_from_ymd (1900, 2, 28), ==, 1);
  g_assert_cmpint (chrono_day_from_ymd (2000, 3, 1) - chrono_day_from_ymd (2000, 2, 28), ==, 2);
  g_assert_cmpint (chrono_day_from_ymd (2009, 1, 1) - chrono_day_from_ymd (2008, 1, 1), ==, 366);
  g_assert_cmpint (chrono_day_from_ymd (1901, 1, 1) - chrono_day_from_ymd (1900, 1, 1), ==, 365);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_cmpint (chrono_day_from_ymd (invalid[i].y, invalid[i].m, invalid[i].d), ==, -1);

  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      int y = 1, m = 1, d = 1;

      chrono_day_to_ymd (outside[i], &y, &m, &d);
      g_assert_cmpint (y, ==, 0);
      g_assert_cmpint (m, ==, 0);
      g_assert_cmpint (d, ==, 0);
    }
  chrono_day_to_ymd (733268, NULL, NULL, NULL);  /* NULL out arguments are fine */
}

/* Every day from 0001-01-01 to 9999-12-31: round trip, consecutive, and the
 * same as GDate's independent Julian day count (GDate day 1 = 0001-01-01). */
static void
test_day_numbers_exhaustive (void)
{
  int py = 0, pm = 0, pd = 0;
  GDate gdate;

  g_date_clear (&gdate, 1);
  for (gint32 n = 0; n <= 3652058; n++)
    {
      int y, m, d;

      chrono_day_to_ymd (n, &y, &m, &d);
      if (chrono_day_from_ymd (y, m, d) != n)
        g_error ("day %d -> %d-%d-%d -> %d", n, y, m, d, chrono_day_from_ymd (y, m, d));
      if (n > 0)
        {
          gboolean next = (y == py && m == pm && d == pd + 1) ||
                          (y == py && m == pm + 1 && d == 1 && pd == chrono_days_in_month (py, pm)) ||
                          (y == py + 1 && m == 1 && d == 1 && pm == 12 && pd == 31);
          if (!next)
            g_error ("day %d is %d-%d-%d after %d-%d-%d", n, y, m, d, py, pm, pd);
        }
      g_date_set_julian (&gdate, n + 1);
      if (g_date_get_year (&gdate) != y || (int) g_date_get_month (&gdate) != m ||
          g_date_get_day (&gdate) != d)
        g_error ("day %d: GDate disagrees", n);
      py = y;
      pm = m;
      pd = d;
    }
  g_assert_cmpint (py, ==, 9999);
  g_assert_cmpint (pm, ==, 12);
  g_assert_cmpint (pd, ==, 31);
}

static void
test_days_in_month (void)
{
  static const struct { int y, m, want; } cases[] = {
    { 2008, 1, 31 }, { 2008, 2, 29 }, { 2011, 2, 28 }, { 1900, 2, 28 }, { 2000, 2, 29 },
    { 2100, 2, 28 }, { 2400, 2, 29 }, { 2008, 4, 30 }, { 2008, 6, 30 }, { 2008, 9, 30 },
    { 2008, 11, 30 }, { 2008, 12, 31 }, { 2008, 7, 31 }, { 2008, 8, 31 },
    { 2008, 0, 0 }, { 2008, 13, 0 }, { 2008, -1, 0 }, { 2008, G_MAXINT, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (chrono_days_in_month (cases[i].y, cases[i].m), ==, cases[i].want);
}

/* ------------------------------------------------------------------ */
/* The value type                                                      */

static void
test_validity (void)
{
  static const struct { Want w; gboolean valid; gboolean set; } cases[] = {
    { { 2008, 8, 15, FALSE, NO_TIME, 0 }, TRUE, TRUE },
    { { 2008, 8, 0, FALSE, NO_TIME, 0 }, TRUE, TRUE },
    { { 2008, 0, 0, FALSE, NO_TIME, 0 }, TRUE, TRUE },
    { { 2008, 0, 0, TRUE, NO_TIME, 0 }, TRUE, TRUE },
    { { 2008, 2, 29, FALSE, 23, 59 }, TRUE, TRUE },
    { { 1, 1, 1, FALSE, 0, 0 }, TRUE, TRUE },
    { { 9999, 12, 31, FALSE, NO_TIME, 0 }, TRUE, TRUE },
    { { 0, 0, 0, FALSE, NO_TIME, 0 }, FALSE, FALSE },
    { { 0, 8, 15, FALSE, NO_TIME, 0 }, FALSE, FALSE },
    { { -5, 1, 1, FALSE, NO_TIME, 0 }, FALSE, TRUE },
    { { 10000, 1, 1, FALSE, NO_TIME, 0 }, FALSE, TRUE },
    { { 2008, 0, 15, FALSE, NO_TIME, 0 }, FALSE, TRUE },
    { { 2008, 13, 0, FALSE, NO_TIME, 0 }, FALSE, TRUE },
    { { 2011, 2, 29, FALSE, NO_TIME, 0 }, FALSE, TRUE },
    { { 2008, 4, 31, FALSE, NO_TIME, 0 }, FALSE, TRUE },
    { { 2008, 8, 0, FALSE, 14, 30 }, FALSE, TRUE },   /* a time needs a day */
    { { 2008, 8, 15, FALSE, 24, 0 }, FALSE, TRUE },
    { { 2008, 8, 15, FALSE, 12, 60 }, FALSE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ChronoDate d = date_from_want (&cases[i].w);

      g_assert_cmpint (chrono_date_is_valid (&d), ==, cases[i].valid);
      g_assert_cmpint (chrono_date_is_set (&d), ==, cases[i].set);
    }
  g_assert_false (chrono_date_is_valid (NULL));
  g_assert_false (chrono_date_is_set (NULL));
}

static void
test_precision (void)
{
  static const struct { Want w; ChronoPrecision p; } cases[] = {
    { { 2008, 8, 15, FALSE, NO_TIME, 0 }, CHRONO_PRECISION_DAY },
    { { 2008, 8, 15, FALSE, 14, 30 }, CHRONO_PRECISION_DAY },
    { { 2008, 8, 0, FALSE, NO_TIME, 0 }, CHRONO_PRECISION_MONTH },
    { { 2008, 0, 0, FALSE, NO_TIME, 0 }, CHRONO_PRECISION_YEAR },
    { { 2008, 8, 15, TRUE, NO_TIME, 0 }, CHRONO_PRECISION_APPROX },
    { { 2008, 8, 0, TRUE, NO_TIME, 0 }, CHRONO_PRECISION_APPROX },
    { { 2008, 0, 0, TRUE, NO_TIME, 0 }, CHRONO_PRECISION_APPROX },
  };
  static const struct { const char *text; gboolean ok; ChronoPrecision p; } names[] = {
    { "day", TRUE, CHRONO_PRECISION_DAY },
    { "month", TRUE, CHRONO_PRECISION_MONTH },
    { "year", TRUE, CHRONO_PRECISION_YEAR },
    { "approx", TRUE, CHRONO_PRECISION_APPROX },
    { "DAY", TRUE, CHRONO_PRECISION_DAY },
    { "Approx", TRUE, CHRONO_PRECISION_APPROX },
    { "", FALSE, 0 }, { "days", FALSE, 0 }, { " day", FALSE, 0 }, { "approximate", FALSE, 0 },
    { "d", FALSE, 0 }, { "\xff", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ChronoDate d = date_from_want (&cases[i].w);

      g_assert_cmpint (chrono_date_get_precision (&d), ==, cases[i].p);
    }

  g_assert_cmpstr (chrono_precision_to_string (CHRONO_PRECISION_DAY), ==, "day");
  g_assert_cmpstr (chrono_precision_to_string (CHRONO_PRECISION_MONTH), ==, "month");
  g_assert_cmpstr (chrono_precision_to_string (CHRONO_PRECISION_YEAR), ==, "year");
  g_assert_cmpstr (chrono_precision_to_string (CHRONO_PRECISION_APPROX), ==, "approx");
  g_assert_null (chrono_precision_to_string ((ChronoPrecision) 4));
  g_assert_null (chrono_precision_to_string ((ChronoPrecision) -1));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      ChronoPrecision p = (ChronoPrecision) 99;

      g_assert_cmpint (chrono_precision_from_string (names[i].text, &p), ==, names[i].ok);
      if (names[i].ok)
        g_assert_cmpint (p, ==, names[i].p);
      else
        g_assert_cmpint (p, ==, 99);
    }
  g_assert_false (chrono_precision_from_string (NULL, NULL));
  g_assert_true (chrono_precision_from_string ("year", NULL));
}

/* ------------------------------------------------------------------ */
/* Intervals, sort keys, comparison                                    */

static void
test_interval (void)
{
  static const struct { Want w; int fy, fm, fd, ly, lm, ld; } cases[] = {
    { { 2008, 8, 15, FALSE, NO_TIME, 0 }, 2008, 8, 15, 2008, 8, 15 },
    { { 2008, 8, 15, FALSE, 14, 30 }, 2008, 8, 15, 2008, 8, 15 },
    { { 2008, 8, 15, TRUE, NO_TIME, 0 }, 2008, 8, 15, 2008, 8, 15 },
    { { 2008, 2, 0, FALSE, NO_TIME, 0 }, 2008, 2, 1, 2008, 2, 29 },
    { { 2009, 2, 0, TRUE, NO_TIME, 0 }, 2009, 2, 1, 2009, 2, 28 },
    { { 1900, 2, 0, FALSE, NO_TIME, 0 }, 1900, 2, 1, 1900, 2, 28 },
    { { 2000, 2, 0, FALSE, NO_TIME, 0 }, 2000, 2, 1, 2000, 2, 29 },
    { { 2011, 12, 0, FALSE, NO_TIME, 0 }, 2011, 12, 1, 2011, 12, 31 },
    { { 2008, 0, 0, FALSE, NO_TIME, 0 }, 2008, 1, 1, 2008, 12, 31 },
    { { 2008, 0, 0, TRUE, NO_TIME, 0 }, 2008, 1, 1, 2008, 12, 31 },
    { { 1, 1, 1, FALSE, NO_TIME, 0 }, 1, 1, 1, 1, 1, 1 },
    { { 9999, 0, 0, FALSE, NO_TIME, 0 }, 9999, 1, 1, 9999, 12, 31 },
    /* hand-built invalid dates are clamped */
    { { 2011, 2, 31, FALSE, NO_TIME, 0 }, 2011, 2, 28, 2011, 2, 28 },
    { { 2011, 14, 0, FALSE, NO_TIME, 0 }, 2011, 12, 1, 2011, 12, 31 },
  };
  ChronoDate unset = CHRONO_DATE_INIT;
  gint32 first = 0, last = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ChronoDate d = date_from_want (&cases[i].w);

      chrono_date_get_interval (&d, &first, &last);
      g_assert_cmpint (first, ==, chrono_day_from_ymd (cases[i].fy, cases[i].fm, cases[i].fd));
      g_assert_cmpint (last, ==, chrono_day_from_ymd (cases[i].ly, cases[i].lm, cases[i].ld));
    }

  chrono_date_get_interval (&unset, &first, &last);
  g_assert_cmpint (first, ==, -1);
  g_assert_cmpint (last, ==, -1);
  chrono_date_get_interval (NULL, &first, &last);
  g_assert_cmpint (first, ==, -1);
  g_assert_cmpint (last, ==, -1);
  chrono_date_get_interval (&unset, NULL, NULL);
}

static void
test_sort_key (void)
{
  ChronoDate d = ymd (2008, 8, 15);
  ChronoDate t = ymd_time (2008, 8, 15, 14, 30);
  ChronoDate m = ymd (2008, 8, 0);
  ChronoDate y = ymd (2008, 0, 0);
  ChronoDate unset = CHRONO_DATE_INIT;
  gint64 day = chrono_day_from_ymd (2008, 8, 15);

  g_assert_cmpint (chrono_date_sort_key (&d), ==, day * 1440);
  g_assert_cmpint (chrono_date_sort_key (&t), ==, day * 1440 + 14 * 60 + 30);
  g_assert_cmpint (chrono_date_sort_key (&m), ==, (gint64) chrono_day_from_ymd (2008, 8, 1) * 1440);
  g_assert_cmpint (chrono_date_sort_key (&y), ==, (gint64) chrono_day_from_ymd (2008, 1, 1) * 1440);
  g_assert_cmpint (chrono_date_sort_key (&unset), ==, G_MAXINT64);
  g_assert_cmpint (chrono_date_sort_key (NULL), ==, G_MAXINT64);

  /* hour and minute do not count without has_time */
  d.hour = 9;
  d.minute = 9;
  g_assert_cmpint (chrono_date_sort_key (&d), ==, day * 1440);
}

static void
test_compare (void)
{
  /* In strictly increasing order. */
  const ChronoDate ordered[] = {
    ymd (1985, 0, 0),
    ymd (2008, 1, 1),
    ymd (2008, 1, 0),                    /* same start, longer interval */
    ymd (2008, 0, 0),                    /* longer still */
    approx (ymd (2008, 0, 0)),           /* exact before approximate */
    ymd (2008, 8, 0),
    ymd (2008, 8, 14),
    ymd (2008, 8, 15),
    approx (ymd (2008, 8, 15)),
    ymd_time (2008, 8, 15, 0, 0),        /* untimed before timed */
    ymd_time (2008, 8, 15, 9, 0),
    ymd_time (2008, 8, 15, 14, 30),
    ymd_time (2008, 8, 15, 23, 59),
    ymd (2008, 8, 16),
    ymd (2008, 8, 31),
    ymd (2008, 9, 0),
    ymd (2009, 2, 28),
    approx (ymd (2009, 3, 0)),
    ymd (9999, 12, 31),
    { 0, 0, 0, 0, 0, 0, 0 },             /* undated last */
  };
  guint n = G_N_ELEMENTS (ordered);
  ChronoDate a, b;

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        int c = chrono_date_compare (&ordered[i], &ordered[j]);
        int want = i < j ? -1 : i > j ? 1 : 0;

        if ((c > 0) - (c < 0) != want)
          g_error ("compare(%u, %u) = %d, want %d", i, j, c, want);
        g_assert_cmpint (chrono_date_equal (&ordered[i], &ordered[j]), ==, i == j);
      }

  /* Equal values compare 0 even when the ignored fields differ. */
  a = ymd (2008, 8, 15);
  b = ymd (2008, 8, 15);
  b.hour = 13;
  b.minute = 7;
  g_assert_true (chrono_date_equal (&a, &b));
  g_assert_cmpint (chrono_date_compare (&a, &b), ==, 0);
  a.approx = 1;
  b.approx = 2;
  g_assert_true (chrono_date_equal (&a, &b));
  g_assert_cmpint (chrono_date_compare (&a, &b), ==, 0);

  a = ymd (2010, 0, 0);
  b = ymd (2010, 1, 1);
  g_assert_cmpint (chrono_date_compare (&a, &b), >, 0);  /* same start: the day first */
  a = ymd (2008, 9, 0);
  b = ymd (2008, 8, 31);
  g_assert_cmpint (chrono_date_compare (&a, &b), >, 0);

  g_assert_true (chrono_date_equal (NULL, NULL));
  g_assert_false (chrono_date_equal (NULL, &a));
  g_assert_cmpint (chrono_date_compare (NULL, NULL), ==, 0);
}

/* ------------------------------------------------------------------ */
/* Exchange format                                                     */

typedef struct
{
  const char *date, *precision, *time;
  Want        want;
} IsoCase;

static const IsoCase iso_ok[] = {
  { "2008-08-15", "day", NULL, { 2008, 8, 15, FALSE, NO_TIME, 0 } },
  { "2008-08-15", NULL, NULL, { 2008, 8, 15, FALSE, NO_TIME, 0 } },
  { "2008-08-15", "", "", { 2008, 8, 15, FALSE, NO_TIME, 0 } },
  { "2008-08-15", "DAY", NULL, { 2008, 8, 15, FALSE, NO_TIME, 0 } },
  { "2008-08", "month", NULL, { 2008, 8, 0, FALSE, NO_TIME, 0 } },
  { "2008-08", NULL, NULL, { 2008, 8, 0, FALSE, NO_TIME, 0 } },
  { "2008", "year", NULL, { 2008, 0, 0, FALSE, NO_TIME, 0 } },
  { "2008", "", NULL, { 2008, 0, 0, FALSE, NO_TIME, 0 } },
  { "2009-02", "approx", NULL, { 2009, 2, 0, TRUE, NO_TIME, 0 } },
  { "2008", "approx", NULL, { 2008, 0, 0, TRUE, NO_TIME, 0 } },
  { "2009-02-15", "approx", NULL, { 2009, 2, 15, TRUE, NO_TIME, 0 } },
  { "2009-02-15", "approx", "10:00", { 2009, 2, 15, TRUE, 10, 0 } },
  { "2008-08-23", "day", "02:00", { 2008, 8, 23, FALSE, 2, 0 } },
  { "2009-12-30", "day", "00:00", { 2009, 12, 30, FALSE, 0, 0 } },
  { "2009-02-14", NULL, "23:20", { 2009, 2, 14, FALSE, 23, 20 } },
  { "2000-02-29", "day", NULL, { 2000, 2, 29, FALSE, NO_TIME, 0 } },
  { "2008-02-29", "day", NULL, { 2008, 2, 29, FALSE, NO_TIME, 0 } },
  { "1900-02-28", "day", NULL, { 1900, 2, 28, FALSE, NO_TIME, 0 } },
  { "0001-01-01", "day", "00:00", { 1, 1, 1, FALSE, 0, 0 } },
  { "9999-12-31", "day", "23:59", { 9999, 12, 31, FALSE, 23, 59 } },
  { "0042", NULL, NULL, { 42, 0, 0, FALSE, NO_TIME, 0 } },
};

typedef struct
{
  const char *date, *precision, *time;
  int         code;
} IsoErrorCase;

static const IsoErrorCase iso_errors[] = {
  /* contradictions */
  { "2008-05", "day", NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008", "day", NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008", "month", NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008-05-03", "month", NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008-05", "year", NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008-05-03", "year", NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008-05", "month", "14:30", CHRONO_DATE_ERROR_INVALID },
  { "2008", "approx", "14:30", CHRONO_DATE_ERROR_INVALID },
  /* not the exchange format */
  { NULL, NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "", "day", NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008-5", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008-05-3", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "08-05-2008", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "15/08/2008", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { " 2008-05-03", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008-05-03 ", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008/05/03", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "20080503", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "208", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "20080", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "+2008", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008-05-03T14:30", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "２００８", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008-\xff\xfe", NULL, NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008-05-03", "weekly", NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008-05-03", " day", NULL, CHRONO_DATE_ERROR_INVALID },
  { "2008-05-03", "day", "2:00", CHRONO_DATE_ERROR_INVALID },
  { "2008-05-03", "day", "14:30:00", CHRONO_DATE_ERROR_INVALID },
  { "2008-05-03", "day", "14.30", CHRONO_DATE_ERROR_INVALID },
  { "2008-05-03", "day", "1430", CHRONO_DATE_ERROR_INVALID },
  { "2008-05-03", "day", " 14:30", CHRONO_DATE_ERROR_INVALID },
  /* dates and times that do not exist */
  { "2011-02-29", NULL, NULL, CHRONO_DATE_ERROR_RANGE },
  { "1900-02-29", "day", NULL, CHRONO_DATE_ERROR_RANGE },
  { "2100-02-29", "day", NULL, CHRONO_DATE_ERROR_RANGE },
  { "2008-04-31", "day", NULL, CHRONO_DATE_ERROR_RANGE },
  { "2008-05-32", "day", NULL, CHRONO_DATE_ERROR_RANGE },
  { "2008-01-00", "day", NULL, CHRONO_DATE_ERROR_RANGE },
  { "2008-13", "month", NULL, CHRONO_DATE_ERROR_RANGE },
  { "2008-00", NULL, NULL, CHRONO_DATE_ERROR_RANGE },
  { "2008-00-10", NULL, NULL, CHRONO_DATE_ERROR_RANGE },
  { "0000", "year", NULL, CHRONO_DATE_ERROR_RANGE },
  { "0000-01-01", NULL, NULL, CHRONO_DATE_ERROR_RANGE },
  { "2008-05-03", "day", "24:00", CHRONO_DATE_ERROR_RANGE },
  { "2008-05-03", "day", "12:60", CHRONO_DATE_ERROR_RANGE },
  { "2008-05-03", "day", "99:99", CHRONO_DATE_ERROR_RANGE },
};

static void
test_iso_ok (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (iso_ok); i++)
    {
      const IsoCase *c = &iso_ok[i];
      g_autoptr(GError) error = NULL;
      ChronoDate got = sentinel;
      ChronoDate want = date_from_want (&c->want);
      g_autofree char *what = g_strdup_printf ("parse_iso(%s, %s, %s)", c->date, c->precision, c->time);

      if (!chrono_date_parse_iso (c->date, c->precision, c->time, &got, &error))
        {
          g_test_fail_printf ("%s: %s", what, error->message);
          continue;
        }
      check_date (what, &got, &want);
    }
}

static void
test_iso_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (iso_errors); i++)
    {
      const IsoErrorCase *c = &iso_errors[i];
      g_autoptr(GError) error = NULL;
      ChronoDate got = sentinel;
      g_autofree char *what = g_strdup_printf ("parse_iso(%s, %s, %s)", c->date, c->precision, c->time);

      g_assert_false (chrono_date_parse_iso (c->date, c->precision, c->time, &got, &error));
      check_error (what, error, c->code);
      check_date (what, &got, &sentinel);
      /* a NULL GError is fine too */
      g_assert_false (chrono_date_parse_iso (c->date, c->precision, c->time, &got, NULL));
    }
}

static void
test_iso_messages (void)
{
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  ChronoDate d;

  g_assert_false (chrono_date_parse_iso ("2011-02-29", NULL, NULL, &d, &e1));
  g_assert_cmpstr (e1->message, ==, "“2011-02-29” is not a real date: February 2011 has 28 days");
  g_assert_false (chrono_date_parse_iso ("2008-05", "day", NULL, &d, &e2));
  g_assert_cmpstr (e2->message, ==, "“2008-05” is not a day-precision date: it gives a month but no day");
  g_assert_false (chrono_date_parse_iso ("2008-05-03", "weekly", NULL, &d, &e3));
  g_assert_cmpstr (e3->message, ==, "“weekly” is not a date precision (day, month, year or approx)");
}

/* to_iso gives back exactly the text of every valid exchange date. */
static void
test_iso_round_trip (void)
{
  static const struct { Want w; const char *iso, *time, *people; } cases[] = {
    { { 2008, 8, 15, FALSE, NO_TIME, 0 }, "2008-08-15", NULL, "15 Aug 2008" },
    { { 2008, 8, 0, FALSE, NO_TIME, 0 }, "2008-08", NULL, "Aug 2008" },
    { { 2008, 0, 0, FALSE, NO_TIME, 0 }, "2008", NULL, "2008" },
    { { 2009, 2, 0, TRUE, NO_TIME, 0 }, "2009-02", NULL, "c. Feb 2009" },
    { { 2008, 0, 0, TRUE, NO_TIME, 0 }, "2008", NULL, "c. 2008" },
    { { 2011, 3, 15, TRUE, NO_TIME, 0 }, "2011-03-15", NULL, "c. 15 Mar 2011" },
    { { 2008, 8, 15, FALSE, 14, 30 }, "2008-08-15", "14:30", "15 Aug 2008 14:30" },
    { { 2010, 1, 1, FALSE, 9, 5 }, "2010-01-01", "09:05", "1 Jan 2010 09:05" },
    { { 2009, 12, 30, FALSE, 0, 0 }, "2009-12-30", "00:00", "30 Dec 2009 00:00" },
    { { 2011, 9, 1, TRUE, 23, 59 }, "2011-09-01", "23:59", "c. 1 Sep 2011 23:59" },
    { { 1, 1, 1, FALSE, NO_TIME, 0 }, "0001-01-01", NULL, "1 Jan 1" },
    { { 42, 0, 0, FALSE, NO_TIME, 0 }, "0042", NULL, "42" },
  };
  ChronoDate unset = CHRONO_DATE_INIT;
  ChronoDate invalid = ymd (2011, 2, 29);
  ChronoDate no_time = ymd (2008, 8, 15);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ChronoDate d = date_from_want (&cases[i].w);
      g_autofree char *iso = chrono_date_to_iso (&d);
      g_autofree char *time = chrono_date_time_to_string (&d);
      g_autofree char *people = chrono_date_format (&d);

      g_assert_cmpstr (iso, ==, cases[i].iso);
      g_assert_cmpstr (time, ==, cases[i].time);
      g_assert_cmpstr (people, ==, cases[i].people);
    }

  g_assert_null (chrono_date_to_iso (&unset));
  g_assert_null (chrono_date_to_iso (&invalid));
  g_assert_null (chrono_date_to_iso (NULL));
  g_assert_null (chrono_date_format (&unset));
  g_assert_null (chrono_date_format (&invalid));
  g_assert_null (chrono_date_format (NULL));
  g_assert_null (chrono_date_time_to_string (&no_time));
  g_assert_null (chrono_date_time_to_string (NULL));

  /* Every day, month and year of 1899-2101 in every precision. */
  for (int y = 1899; y <= 2101; y++)
    for (int m = 0; m <= 12; m++)
      for (int d = 0; d <= (m ? chrono_days_in_month (y, m) : 0); d++)
        {
          const char *precisions[] = { NULL, "approx" };
          char text[16];

          if (m == 0)
            g_snprintf (text, sizeof text, "%04d", y);
          else if (d == 0)
            g_snprintf (text, sizeof text, "%04d-%02d", y, m);
          else
            g_snprintf (text, sizeof text, "%04d-%02d-%02d", y, m, d);

          for (guint p = 0; p < G_N_ELEMENTS (precisions); p++)
            {
              g_autoptr(GError) error = NULL;
              g_autofree char *back = NULL;
              ChronoDate date;

              if (!chrono_date_parse_iso (text, precisions[p], NULL, &date, &error))
                g_error ("%s: %s", text, error->message);
              back = chrono_date_to_iso (&date);
              g_assert_cmpstr (back, ==, text);
              g_assert_cmpint (date.year, ==, y);
              g_assert_cmpint (date.month, ==, m);
              g_assert_cmpint (date.day, ==, d);
              g_assert_cmpint (date.approx, ==, p == 1);
            }
        }
}

/* ------------------------------------------------------------------ */
/* Free-form text                                                      */

typedef struct
{
  const char      *text;
  ChronoDateOrder  order;
  Want             want;
  gboolean         ambiguous;
} TextCase;

#define DMY CHRONO_DATE_ORDER_DMY
#define MDY CHRONO_DATE_ORDER_MDY
#define DAY(y, m, d)        { y, m, d, FALSE, NO_TIME, 0 }
#define MONTH(y, m)         { y, m, 0, FALSE, NO_TIME, 0 }
#define YEAR(y)             { y, 0, 0, FALSE, NO_TIME, 0 }
#define ADAY(y, m, d)       { y, m, d, TRUE, NO_TIME, 0 }
#define AMONTH(y, m)        { y, m, 0, TRUE, NO_TIME, 0 }
#define AYEAR(y)            { y, 0, 0, TRUE, NO_TIME, 0 }
#define TIME(y, m, d, h, n) { y, m, d, FALSE, h, n }

static const TextCase text_ok[] = {
  /* numeric, day first */
  { "15/08/2008", DMY, DAY (2008, 8, 15), FALSE },
  { "15/8/08", DMY, DAY (2008, 8, 15), FALSE },
  { "15/08/08", DMY, DAY (2008, 8, 15), FALSE },
  { "5/8/08", DMY, DAY (2008, 8, 5), TRUE },
  { "05/08/2008", DMY, DAY (2008, 8, 5), TRUE },
  { "05/05/2008", DMY, DAY (2008, 5, 5), FALSE },
  { "12/12/2012", DMY, DAY (2012, 12, 12), FALSE },
  { "13/12/2012", DMY, DAY (2012, 12, 13), FALSE },
  { "15.08.2008", DMY, DAY (2008, 8, 15), FALSE },
  { "15-08-2008", DMY, DAY (2008, 8, 15), FALSE },
  { "15.8.08", DMY, DAY (2008, 8, 15), FALSE },
  { "15 / 08 / 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "15–08–2008", DMY, DAY (2008, 8, 15), FALSE },  /* en dashes */
  { "07/06/2008", DMY, DAY (2008, 6, 7), TRUE },
  /* numeric, month first */
  { "05/08/2008", MDY, DAY (2008, 5, 8), TRUE },
  { "08/15/2008", MDY, DAY (2008, 8, 15), FALSE },
  { "8/15/08", MDY, DAY (2008, 8, 15), FALSE },
  { "2008-08-05", MDY, DAY (2008, 8, 5), FALSE },
  { "08/2008", MDY, MONTH (2008, 8), FALSE },
  { "15 Aug 2008", MDY, DAY (2008, 8, 15), FALSE },
  /* two-digit years */
  { "1/1/00", DMY, DAY (2000, 1, 1), FALSE },
  { "31/12/49", DMY, DAY (2049, 12, 31), FALSE },
  { "01/01/50", DMY, DAY (1950, 1, 1), FALSE },
  { "31/12/99", DMY, DAY (1999, 12, 31), FALSE },
  { "15-Aug-08", DMY, DAY (2008, 8, 15), FALSE },
  { "Dec-99", DMY, MONTH (1999, 12), FALSE },
  { "Jan-00", DMY, MONTH (2000, 1), FALSE },
  /* leap days */
  { "29/02/2008", DMY, DAY (2008, 2, 29), FALSE },
  { "29/02/2000", DMY, DAY (2000, 2, 29), FALSE },
  { "28/02/1900", DMY, DAY (1900, 2, 28), FALSE },
  { "29 Feb 2012", DMY, DAY (2012, 2, 29), FALSE },
  { "29/2/12", DMY, DAY (2012, 2, 29), FALSE },
  /* ISO 8601 and year first */
  { "2008-08-15", DMY, DAY (2008, 8, 15), FALSE },
  { "2008/08/15", DMY, DAY (2008, 8, 15), FALSE },
  { "2008-8-5", DMY, DAY (2008, 8, 5), FALSE },
  { "2008-08", DMY, MONTH (2008, 8), FALSE },
  { "2008/08", DMY, MONTH (2008, 8), FALSE },
  /* month and year */
  { "08/2008", DMY, MONTH (2008, 8), FALSE },
  { "8/2008", DMY, MONTH (2008, 8), FALSE },
  { "09/1994", DMY, MONTH (1994, 9), FALSE },
  { "12.2010", DMY, MONTH (2010, 12), FALSE },
  { "Aug-08", DMY, MONTH (2008, 8), FALSE },
  { "Mar-11", DMY, MONTH (2011, 3), FALSE },
  { "Aug 08", DMY, MONTH (2008, 8), FALSE },
  { "Aug '08", DMY, MONTH (2008, 8), FALSE },
  { "Aug ’08", DMY, MONTH (2008, 8), FALSE },
  { "Aug 15", DMY, MONTH (2015, 8), FALSE },   /* mmm-yy, as Excel shows it */
  { "August 2008", DMY, MONTH (2008, 8), FALSE },
  { "AUGUST 2008", DMY, MONTH (2008, 8), FALSE },
  { "august 2008", DMY, MONTH (2008, 8), FALSE },
  { "Aug 2008", DMY, MONTH (2008, 8), FALSE },
  { "Aug. 2008", DMY, MONTH (2008, 8), FALSE },
  { "Aug-2008", DMY, MONTH (2008, 8), FALSE },
  { "Sept 2009", DMY, MONTH (2009, 9), FALSE },
  { "Sept. 2009", DMY, MONTH (2009, 9), FALSE },
  { "Sep-09", DMY, MONTH (2009, 9), FALSE },
  { "Jun-2011", DMY, MONTH (2011, 6), FALSE },
  { "July 2011", DMY, MONTH (2011, 7), FALSE },
  { "May 2011", DMY, MONTH (2011, 5), FALSE },
  /* year */
  { "2008", DMY, YEAR (2008), FALSE },
  { "1985", DMY, YEAR (1985), FALSE },
  { "0001", DMY, YEAR (1), FALSE },
  { "9999", DMY, YEAR (9999), FALSE },
  /* month names */
  { "15-Aug-2008", DMY, DAY (2008, 8, 15), FALSE },
  { "15 August 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "5 September 2008", DMY, DAY (2008, 9, 5), FALSE },
  { "15 Aug 08", DMY, DAY (2008, 8, 15), FALSE },
  { "15 AUGUST 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "15 aUgUsT 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "15 Aug. 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "15 Sept 2008", DMY, DAY (2008, 9, 15), FALSE },
  { "15 Sep 2008", DMY, DAY (2008, 9, 15), FALSE },
  { "15 September, 2008", DMY, DAY (2008, 9, 15), FALSE },
  { "15/Aug/2008", DMY, DAY (2008, 8, 15), FALSE },
  { "15.Aug.2008", DMY, DAY (2008, 8, 15), FALSE },
  { "15Aug2008", DMY, DAY (2008, 8, 15), FALSE },
  { "1 Jan 2010", DMY, DAY (2010, 1, 1), FALSE },
  { "31 December 2010", DMY, DAY (2010, 12, 31), FALSE },
  { "1 Feb 2010", DMY, DAY (2010, 2, 1), FALSE },
  { "1 Mar 2010", DMY, DAY (2010, 3, 1), FALSE },
  { "1 Apr 2010", DMY, DAY (2010, 4, 1), FALSE },
  { "1 May 2010", DMY, DAY (2010, 5, 1), FALSE },
  { "1 Jun 2010", DMY, DAY (2010, 6, 1), FALSE },
  { "1 Jul 2010", DMY, DAY (2010, 7, 1), FALSE },
  { "1 Oct 2010", DMY, DAY (2010, 10, 1), FALSE },
  { "1 Nov 2010", DMY, DAY (2010, 11, 1), FALSE },
  { "1 Dec 2010", DMY, DAY (2010, 12, 1), FALSE },
  /* ordinals */
  { "15th Aug 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "1st January 2010", DMY, DAY (2010, 1, 1), FALSE },
  { "2nd Feb 2010", DMY, DAY (2010, 2, 2), FALSE },
  { "3rd March 2010", DMY, DAY (2010, 3, 3), FALSE },
  { "22nd June 2010", DMY, DAY (2010, 6, 22), FALSE },
  { "15TH AUG 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "15th of August 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "15th, August 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "15th-Aug-2008", DMY, DAY (2008, 8, 15), FALSE },
  /* month first with a name: never ambiguous, whatever the order */
  { "August 15, 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "August 15 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "Aug 15th 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "August 15th, 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "August 5, 2008", MDY, DAY (2008, 8, 5), FALSE },
  /* weekdays are skipped (15 Aug 2008 was a Friday; they are not checked) */
  { "Mon 15 Aug 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "Monday, 15 August 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "Fri 15 Aug 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "Fri. 15/08/2008", DMY, DAY (2008, 8, 15), FALSE },
  { "friday 15th August 2008", DMY, DAY (2008, 8, 15), FALSE },
  { "Tues 12 Aug 2008", DMY, DAY (2008, 8, 12), FALSE },
  { "Thurs, 14 Aug 2008", DMY, DAY (2008, 8, 14), FALSE },
  { "Weds 13 Aug 2008", DMY, DAY (2008, 8, 13), FALSE },
  { "Sat 16 Aug 2008", DMY, DAY (2008, 8, 16), FALSE },
  { "Sunday 17 August 2008", DMY, DAY (2008, 8, 17), FALSE },
  /* hedged: early/mid/late keep the precision given (a year stays a year) */
  { "mid-2008", DMY, AYEAR (2008), FALSE },
  { "mid 2008", DMY, AYEAR (2008), FALSE },
  { "Mid-2008", DMY, AYEAR (2008), FALSE },
  { "early 2008", DMY, AYEAR (2008), FALSE },
  { "Early 2008", DMY, AYEAR (2008), FALSE },
  { "late 2008", DMY, AYEAR (2008), FALSE },
  { "late-2008", DMY, AYEAR (2008), FALSE },
  { "end of 2008", DMY, AYEAR (2008), FALSE },
  { "start of 2009", DMY, AYEAR (2009), FALSE },
  { "beginning of 2009", DMY, AYEAR (2009), FALSE },
  { "middle of 2009", DMY, AYEAR (2009), FALSE },
  { "mid-June 2009", DMY, AMONTH (2009, 6), FALSE },
  { "Mid June 2009", DMY, AMONTH (2009, 6), FALSE },
  { "early March 2011", DMY, AMONTH (2011, 3), FALSE },
  { "late Aug-08", DMY, AMONTH (2008, 8), FALSE },
  { "end of July 2011", DMY, AMONTH (2011, 7), FALSE },
  { "mid 06/2009", DMY, AMONTH (2009, 6), FALSE },
  /* hedged: words and marks */
  { "c. 2008", DMY, AYEAR (2008), FALSE },
  { "c.2008", DMY, AYEAR (2008), FALSE },
  { "c2008", DMY, AYEAR (2008), FALSE },
  { "C. 2008", DMY, AYEAR (2008), FALSE },
  { "ca. 2008", DMY, AYEAR (2008), FALSE },
  { "ca 2008", DMY, AYEAR (2008), FALSE },
  { "circa 2008", DMY, AYEAR (2008), FALSE },
  { "Circa 2008", DMY, AYEAR (2008), FALSE },
  { "approx. 2008", DMY, AYEAR (2008), FALSE },
  { "approx 2008", DMY, AYEAR (2008), FALSE },
  { "Approximately 2008", DMY, AYEAR (2008), FALSE },
  { "about 2008", DMY, AYEAR (2008), FALSE },
  { "roughly 2008", DMY, AYEAR (2008), FALSE },
  { "est. 2008", DMY, AYEAR (2008), FALSE },
  { "~2008", DMY, AYEAR (2008), FALSE },
  { "2008?", DMY, AYEAR (2008), FALSE },
  { "2008 (approx)", DMY, AYEAR (2008), FALSE },
  { "2008 (approx.)", DMY, AYEAR (2008), FALSE },
  { "2008 approx.", DMY, AYEAR (2008), FALSE },
  { "2008 approx", DMY, AYEAR (2008), FALSE },
  { "2008 (est)", DMY, AYEAR (2008), FALSE },
  { "c. Aug 2008", DMY, AMONTH (2008, 8), FALSE },
  { "around March 2011", DMY, AMONTH (2011, 3), FALSE },
  { "around February 2009", DMY, AMONTH (2009, 2), FALSE },
  { "Around Feb-09", DMY, AMONTH (2009, 2), FALSE },
  { "approx. 08/2008", DMY, AMONTH (2008, 8), FALSE },
  { "around 18 December 2010", DMY, ADAY (2010, 12, 18), FALSE },
  { "around 20 April 2011", DMY, ADAY (2011, 4, 20), FALSE },
  { "?15/03/2011", DMY, ADAY (2011, 3, 15), FALSE },
  { "? 15/03/2011", DMY, ADAY (2011, 3, 15), FALSE },
  { "15/03/2011?", DMY, ADAY (2011, 3, 15), FALSE },
  { "15/03/2011 ?", DMY, ADAY (2011, 3, 15), FALSE },
  { "15/03/2011 (?)", DMY, ADAY (2011, 3, 15), FALSE },
  { "?05/03/2011", DMY, ADAY (2011, 3, 5), TRUE },
  { "c. 15/03/2011 14:30", DMY, { 2011, 3, 15, TRUE, 14, 30 }, FALSE },
  { "15/03/2011 14:30?", DMY, { 2011, 3, 15, TRUE, 14, 30 }, FALSE },
  { "c. mid-2008?", DMY, AYEAR (2008), FALSE },
  /* date and time in one cell */
  { "15/08/2008 14:30", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "15/08/2008 14:30:00", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "15/08/2008 14:30:59", DMY, TIME (2008, 8, 15, 14, 30), FALSE },  /* seconds dropped */
  { "2008-08-15T14:30", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "2008-08-15t14:30", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "2008-08-15T14:30:00", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "2008-08-15 14:30", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "2008-08-15 00:00:00", DMY, TIME (2008, 8, 15, 0, 0), FALSE },
  { "15/08/2008 2:30pm", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "15/08/2008 2:30 PM", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "15/08/2008 2.30 p.m.", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "15/08/2008 9am", DMY, TIME (2008, 8, 15, 9, 0), FALSE },
  { "15/08/2008 12am", DMY, TIME (2008, 8, 15, 0, 0), FALSE },
  { "15/08/2008 12pm", DMY, TIME (2008, 8, 15, 12, 0), FALSE },
  { "15/08/2008, 14:30", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "15 Aug 2008 at 14:30", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "15 Aug 2008 14.30", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "15/08/2008 1430", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "15/08/2008 1430hrs", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "15/08/2008 1430 hrs", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "15/08/2008 00:00", DMY, TIME (2008, 8, 15, 0, 0), FALSE },
  { "15/08/2008 23:59", DMY, TIME (2008, 8, 15, 23, 59), FALSE },
  { "15/08/2008 noon", DMY, TIME (2008, 8, 15, 12, 0), FALSE },
  { "15/08/2008 midnight", DMY, TIME (2008, 8, 15, 0, 0), FALSE },
  { "Mon 15 Aug 2008 14:30", DMY, TIME (2008, 8, 15, 14, 30), FALSE },
  { "05/08/2008 14:30", DMY, TIME (2008, 8, 5, 14, 30), TRUE },
  /* white space */
  { "  15/08/2008  ", DMY, DAY (2008, 8, 15), FALSE },
  { "\t15/08/2008\r\n", DMY, DAY (2008, 8, 15), FALSE },
  { "15  Aug   2008", DMY, DAY (2008, 8, 15), FALSE },
  { "\xc2\xa0" "15\xc2\xa0" "Aug 2008\xc2\xa0", DMY, DAY (2008, 8, 15), FALSE },
  { "\xef\xbb\xbf" "15/08/2008", DMY, DAY (2008, 8, 15), FALSE },
  { "\xe2\x80\xaf" "2008 \xe2\x80\x89", DMY, YEAR (2008), FALSE },
  { "\n\n2008\n", DMY, YEAR (2008), FALSE },
};

typedef struct
{
  const char      *text;
  ChronoDateOrder  order;
  int              code;
} TextErrorCase;

#define INVALID CHRONO_DATE_ERROR_INVALID
#define RANGE   CHRONO_DATE_ERROR_RANGE

static const TextErrorCase text_errors[] = {
  /* unreadable */
  { "", DMY, INVALID },
  { "   ", DMY, INVALID },
  { "\t\r\n", DMY, INVALID },
  { "hello", DMY, INVALID },
  { "unknown", DMY, INVALID },
  { "n/a", DMY, INVALID },
  { "?", DMY, INVALID },
  { "c.", DMY, INVALID },
  { "mid-", DMY, INVALID },
  { "Mon", DMY, INVALID },
  { "Monday", DMY, INVALID },
  { "Aug", DMY, INVALID },
  { "15/08", DMY, INVALID },
  { "08/08", DMY, INVALID },
  { "15 Aug", DMY, INVALID },
  { "15th August", DMY, INVALID },
  { "Aug 15th", DMY, INVALID },
  { "15", DMY, INVALID },
  { "208", DMY, INVALID },
  { "39675", DMY, INVALID },       /* spreadsheet serials are not dates here */
  { "39675.5", DMY, INVALID },
  { "15/08/208", DMY, INVALID },
  { "15/08/8", DMY, INVALID },
  { "15 Aug 208", DMY, INVALID },
  { "15/08-2008", DMY, INVALID },  /* mixed separators */
  { "15 08 2008", DMY, INVALID },
  { "2008 14:30", DMY, INVALID },  /* a time needs a day */
  { "08/2008 14:30", DMY, INVALID },
  { "Aug 2008 14:30", DMY, INVALID },
  { "c. 2008 14:30", DMY, INVALID },
  { "15/08/2008 14:30 extra", DMY, INVALID },
  { "15/08/2008 xyz", DMY, INVALID },
  { "15/08/2008garbage", DMY, INVALID },
  { "15/08/200814:30", DMY, RANGE },  /* one number: a year beyond 9999 */
  { "15/08/2008 14", DMY, INVALID },
  { "15/08/2008 14:3", DMY, INVALID },
  { "2008-08-15T", DMY, INVALID },
  { "2008-08-15Z", DMY, INVALID },
  { "2008-08-15T14:30Z", DMY, INVALID },
  { "2008-08-15-01", DMY, INVALID },
  { "early 15 March 2011", DMY, INVALID },
  { "mid-15/03/2011", DMY, INVALID },
  { "15 Aug 2008 Mon", DMY, INVALID },
  { "Mon Tue 15 Aug 2008", DMY, INVALID },
  { "Foo 2008", DMY, INVALID },
  { "Augustus 2008", DMY, INVALID },
  { "2008 Aug", DMY, INVALID },
  { "2008 Aug 15", DMY, INVALID },
  { "Aug 15 08", DMY, INVALID },
  { "1e5", DMY, INVALID },
  { "-2008", DMY, INVALID },
  { "+2008", DMY, INVALID },
  { "@15/08/2008", DMY, INVALID },
  { "15/08/2008;", DMY, INVALID },
  { "\"15/08/2008\"", DMY, INVALID },
  { "15/08/2008\xff", DMY, INVALID },
  { "\xc3\x28", DMY, INVALID },
  { "\xed\xa0\x80 2008", DMY, INVALID },
  { "\xe2\x80", DMY, INVALID },    /* truncated UTF-8 */
  { "2008\xc2", DMY, INVALID },
  { "１５/08/2008", DMY, INVALID }, /* full-width digits */
  { "15\x01/08/2008", DMY, INVALID },
  { "99999999999999999999", DMY, INVALID },
  { "Aug-", DMY, INVALID },
  { "(approx)", DMY, INVALID },
  { "2008 (", DMY, INVALID },
  /* impossible */
  { "31/02/2011", DMY, RANGE },
  { "29/02/2011", DMY, RANGE },
  { "29/02/1900", DMY, RANGE },
  { "29/02/2100", DMY, RANGE },
  { "30 Feb 2008", DMY, RANGE },
  { "31 Apr 2011", DMY, RANGE },
  { "31/06/2011", DMY, RANGE },
  { "00/01/2010", DMY, RANGE },
  { "32/01/2010", DMY, RANGE },
  { "15/13/2010", DMY, RANGE },
  { "15/00/2010", DMY, RANGE },
  { "13/05/2008", MDY, RANGE },
  { "05/32/2008", MDY, RANGE },
  { "13/2008", DMY, RANGE },
  { "00/2008", DMY, RANGE },
  { "2008-13", DMY, RANGE },
  { "2008-00", DMY, RANGE },
  { "2008-02-30", DMY, RANGE },
  { "2008-13-01", DMY, RANGE },
  { "0000", DMY, RANGE },
  { "15/08/0000", DMY, RANGE },
  { "15/08/99999", DMY, RANGE },
  { "15 Aug 20088", DMY, RANGE },
  { "Aug 20088", DMY, RANGE },
  { "08/20088", DMY, RANGE },
  { "0th Aug 2008", DMY, RANGE },
  { "32nd Aug 2008", DMY, RANGE },
  { "99999999999999999999/01/2010", DMY, RANGE },
  { "01/99999999999999999999/2010", DMY, RANGE },
  { "01/01/99999999999999999999", DMY, RANGE },
  { "2147483648/2147483648/2147483648", DMY, RANGE },
  { "4294967296-01-01", DMY, RANGE },
  { "mid-0000", DMY, RANGE },
  { "15/08/2008 25:00", DMY, RANGE },
  { "15/08/2008 24:00", DMY, RANGE },
  { "15/08/2008 14:60", DMY, RANGE },
  { "15/08/2008 13pm", DMY, RANGE },
  { "15/08/2008 0am", DMY, RANGE },
  { "15/08/2008 14:30:60", DMY, RANGE },
};

static void
test_text_ok (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_ok); i++)
    {
      const TextCase *c = &text_ok[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *what = g_strdup_printf ("parse_text(“%s”, %s)", c->text,
                                               c->order == DMY ? "DMY" : "MDY");
      ChronoDate got = sentinel;
      ChronoDate want = date_from_want (&c->want);
      gboolean ambiguous = !c->ambiguous;

      if (!chrono_date_parse_text (c->text, c->order, &got, &ambiguous, &error))
        {
          g_test_fail_printf ("%s: %s", what, error->message);
          continue;
        }
      check_date (what, &got, &want);
      if (ambiguous != c->ambiguous)
        g_test_fail_printf ("%s: ambiguous %d", what, ambiguous);
      if (!chrono_date_is_valid (&got))
        g_test_fail_printf ("%s: result not valid", what);

      /* NULL @ambiguous and NULL @error are fine */
      got = sentinel;
      g_assert_true (chrono_date_parse_text (c->text, c->order, &got, NULL, NULL));
      check_date (what, &got, &want);
    }
}

static void
test_text_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_errors); i++)
    {
      const TextErrorCase *c = &text_errors[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *what = g_strdup_printf ("parse_text(“%s”)", c->text);
      ChronoDate got = sentinel;
      gboolean ambiguous = TRUE;

      if (chrono_date_parse_text (c->text, c->order, &got, &ambiguous, &error))
        {
          g_autofree char *g = describe (&got);

          g_test_fail_printf ("%s: parsed as %s", what, g);
          continue;
        }
      check_error (what, error, c->code);
      check_date (what, &got, &sentinel);
      g_assert_false (ambiguous);
      g_assert_false (chrono_date_parse_text (c->text, c->order, &got, NULL, NULL));
    }
}

/* Messages quote the offending text and say what is wrong. */
static void
test_text_messages (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "31/02/2011", "“31/02/2011” is not a real date: February 2011 has 28 days" },
    { " 29/02/2011 ", "“29/02/2011” is not a real date: February 2011 has 28 days" },
    { "00/01/2010", "“00/01/2010” is not a real date: there is no day 0" },
    { "15/13/2010", "“15/13/2010” is not a real date: there is no month 13" },
    { "31 Apr 2011", "“31 Apr 2011” is not a real date: April 2011 has 30 days" },
    { "0000", "“0000” is not a real date: years run from 1 to 9999" },
    { "15 Aug", "“15 Aug” has no year (write it as e.g. 15/08/2008 or Aug 2008)" },
    { "39675", "“39675” looks like a spreadsheet serial number, not a date" },
    { "08/2008 14:30", "“08/2008 14:30” has a time of day but no day" },
    { "15/08/2008 25:00", "“15/08/2008 25:00” is not a real time: hours run from 0 to 23" },
    { "hello", "“hello” is not a date that can be read (e.g. 15/08/2008, 15 Aug 2008, Aug 2008, 2008)" },
    { "", "No date given (the text is empty)" },
    { "01/99999999999999999999/2010", "“01/99999999999999999999/2010” is not a real date: the month number is far too large" },
    { "a\nb", "“a b” is not a date that can be read (e.g. 15/08/2008, 15 Aug 2008, Aug 2008, 2008)" },
    { "\xff" "2008", "“\xef\xbf\xbd" "2008” is not a date that can be read (e.g. 15/08/2008, 15 Aug 2008, Aug 2008, 2008)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      ChronoDate d;

      g_assert_false (chrono_date_parse_text (cases[i].text, DMY, &d, NULL, &error));
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* NULL, huge and hostile input: no crash, bounded messages, no success. */
static void
test_text_robust (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *big = NULL;
  g_autofree char *padded = NULL;
  g_autofree char *at_limit = NULL;
  g_autofree char *over_limit = NULL;
  g_autofree char *ff = NULL;
  ChronoDate d = sentinel;
  gsize n = 100 * 1024;

  g_assert_false (chrono_date_parse_text (NULL, DMY, &d, NULL, &error));
  check_error ("NULL", error, INVALID);
  check_date ("NULL", &d, &sentinel);
  g_clear_error (&error);

  /* 100 KB of digits, of letters, of 0xff bytes */
  big = g_malloc (n + 1);
  memset (big, '1', n);
  big[n] = '\0';
  g_assert_false (chrono_date_parse_text (big, DMY, &d, NULL, &error));
  check_error ("100 KB of digits", error, INVALID);
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_clear_error (&error);
  memset (big, 'a', n);
  g_assert_false (chrono_date_parse_text (big, DMY, &d, NULL, &error));
  check_error ("100 KB of letters", error, INVALID);
  g_clear_error (&error);
  g_assert_false (chrono_date_parse_time (big, &d, &error));
  check_error ("100 KB of letters as a time", error, INVALID);
  g_clear_error (&error);
  ff = g_malloc (n + 1);
  memset (ff, 0xff, n);
  ff[n] = '\0';
  g_assert_false (chrono_date_parse_text (ff, DMY, &d, NULL, &error));
  check_error ("100 KB of 0xff", error, INVALID);
  g_clear_error (&error);
  check_date ("hostile", &d, &sentinel);

  /* 100 KB of white space around a date is still the date */
  padded = g_strdup_printf ("%*s15/08/2008%*s", 50 * 1024, "", 50 * 1024, "");
  g_assert_true (chrono_date_parse_text (padded, DMY, &d, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d.year, ==, 2008);
  g_assert_cmpint (d.day, ==, 15);

  /* 100 KB of white space alone is empty */
  memset (big, ' ', n);
  g_assert_false (chrono_date_parse_text (big, DMY, &d, NULL, &error));
  check_error ("100 KB of spaces", error, INVALID);
  g_clear_error (&error);

  /* the limit is on the trimmed text */
  at_limit = g_strdup_printf ("%s%*s", "15/08/2008", CHRONO_DATE_MAX_TEXT - 10, "?");
  g_assert_cmpuint (strlen (at_limit), ==, CHRONO_DATE_MAX_TEXT);
  g_assert_true (chrono_date_parse_text (at_limit, DMY, &d, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (d.approx);
  over_limit = g_strdup_printf ("%s%*s", "15/08/2008", CHRONO_DATE_MAX_TEXT - 9, "?");
  g_assert_false (chrono_date_parse_text (over_limit, DMY, &d, NULL, &error));
  check_error ("over the limit", error, INVALID);
  g_clear_error (&error);

  /* more tokens than the lexer holds */
  {
    g_autoptr(GString) many = g_string_new ("15/08/2008");
    for (int i = 0; i < 70; i++)
      g_string_append (many, "?");
    g_assert_false (chrono_date_parse_text (many->str, DMY, &d, NULL, &error));
    check_error ("70 question marks", error, INVALID);
    g_clear_error (&error);
  }
}

/* Deterministic fuzzing from pieces that make up dates.  On success the
 * result is valid, formats, and reads back; on failure the output is left
 * alone and the error is one of ours. */
static void
test_text_fuzz (void)
{
  static const char * const pieces[] = {
    "0", "1", "2", "9", "12", "15", "29", "31", "08", "2008", "1900", "99999", "/", "-", ".",
    ",", ":", "?", "~", "'", "(", ")", " ", "  ", "\t", "Aug", "September", "Sept", "th",
    "st", "of", "mid", "early", "c.", "circa", "around", "approx", "Mon", "Friday", "T",
    "at", "pm", "a.m.", "hrs", "noon", "\xc2\xa0", "\xe2\x80\x93", "\xff", "\xc3", "\xef\xbb\xbf",
    "x", "Z", "e", "+",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20110101);
  guint parsed = 0;

  for (int iter = 0; iter < 50000; iter++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      int count = g_rand_int_range (rand, 1, 12);
      ChronoDateOrder order = g_rand_boolean (rand) ? DMY : MDY;
      ChronoDate d = sentinel;

      for (int k = 0; k < count; k++)
        g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

      if (chrono_date_parse_text (s->str, order, &d, NULL, &error))
        {
          g_autofree char *iso = chrono_date_to_iso (&d);
          g_autofree char *people = chrono_date_format (&d);
          ChronoDate again;

          g_assert_no_error (error);
          if (!chrono_date_is_valid (&d) || iso == NULL || people == NULL)
            g_error ("“%s” parsed to an invalid date", s->str);
          /* years below 1000 lack four digits in people's text */
          if (d.year >= 1000 &&
              (!chrono_date_parse_text (people, DMY, &again, NULL, NULL) ||
               !chrono_date_equal (&again, &d)))
            g_error ("“%s” -> “%s” does not read back", s->str, people);
          parsed++;
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == CHRONO_DATE_ERROR);
          g_assert_true (error->code == INVALID || error->code == RANGE);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          g_assert_true (same_bytes (&d, &sentinel));
        }

      /* the same text as a time */
      g_clear_error (&error);
      d = ymd (2008, 8, 15);
      if (chrono_date_parse_time (s->str, &d, &error))
        g_assert_true (chrono_date_is_valid (&d));
      else
        g_assert_true (error->domain == CHRONO_DATE_ERROR);
    }

  /* random bytes */
  for (int iter = 0; iter < 20000; iter++)
    {
      char buf[48];
      int len = g_rand_int_range (rand, 0, sizeof buf);
      ChronoDate d = sentinel;

      for (int k = 0; k < len; k++)
        buf[k] = (char) g_rand_int_range (rand, 1, 256);
      buf[len] = '\0';
      if (chrono_date_parse_text (buf, DMY, &d, NULL, NULL))
        g_assert_true (chrono_date_is_valid (&d));
      else
        g_assert_true (same_bytes (&d, &sentinel));
    }

  g_test_message ("fuzz: %u of 50000 generated texts parsed as dates", parsed);
  g_assert_cmpuint (parsed, >, 100);
}

/* What chrono_date_format() writes, chrono_date_parse_text() reads back,
 * and the exchange text too (less the hedge and time, which live in other
 * columns). */
static void
test_text_reads_own_output (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (int iter = 0; iter < 20000; iter++)
    {
      ChronoDate d = CHRONO_DATE_INIT, back, plain;
      g_autofree char *people = NULL;
      g_autofree char *iso = NULL;
      g_autoptr(GError) error = NULL;
      int kind = g_rand_int_range (rand, 0, 3);

      d.year = g_rand_int_range (rand, 1, 10000);
      if (kind >= 1)
        d.month = g_rand_int_range (rand, 1, 13);
      if (kind == 2)
        d.day = g_rand_int_range (rand, 1, chrono_days_in_month (d.year, d.month) + 1);
      d.approx = g_rand_boolean (rand);
      if (kind == 2 && g_rand_boolean (rand))
        {
          d.has_time = TRUE;
          d.hour = g_rand_int_range (rand, 0, 24);
          d.minute = g_rand_int_range (rand, 0, 60);
        }

      people = chrono_date_format (&d);
      /* years below 1000 do not have four digits in people's text */
      if (d.year >= 1000)
        {
          if (!chrono_date_parse_text (people, DMY, &back, NULL, &error))
            g_error ("“%s”: %s", people, error->message);
          g_assert_true (chrono_date_equal (&back, &d));
        }

      iso = chrono_date_to_iso (&d);
      if (!chrono_date_parse_text (iso, DMY, &back, NULL, &error))
        g_error ("“%s”: %s", iso, error->message);
      plain = d;
      plain.approx = FALSE;
      plain.has_time = FALSE;
      g_assert_true (chrono_date_equal (&back, &plain));
    }
}

/* ------------------------------------------------------------------ */
/* Times                                                               */

static void
test_time (void)
{
  static const struct { const char *text; int hour, minute; } ok[] = {
    { "14:30", 14, 30 }, { "14.30", 14, 30 }, { "1430", 14, 30 }, { "2:30pm", 14, 30 },
    { "2:30 PM", 14, 30 }, { "2.30p.m.", 14, 30 }, { "2.30 p.m.", 14, 30 }, { "2pm", 14, 0 },
    { "2 pm", 14, 0 }, { "12am", 0, 0 }, { "12pm", 12, 0 }, { "12:15am", 0, 15 },
    { "12:15 a.m.", 0, 15 }, { "11:59pm", 23, 59 }, { "1am", 1, 0 }, { "230pm", 14, 30 },
    { "14:30:00", 14, 30 }, { "14:30:59", 14, 30 }, { "14.30.00", 14, 30 }, { "09:05", 9, 5 },
    { "9:05", 9, 5 }, { "0930", 9, 30 }, { "930", 9, 30 }, { "0000", 0, 0 }, { "2359", 23, 59 },
    { "1430hrs", 14, 30 }, { "1430 hrs", 14, 30 }, { "1430HRS", 14, 30 }, { "14:30h", 14, 30 },
    { "1430 hours", 14, 30 }, { "noon", 12, 0 }, { "Noon", 12, 0 }, { "midday", 12, 0 },
    { "midnight", 0, 0 }, { "  14:30  ", 14, 30 }, { "\t14:30\r\n", 14, 30 }, { "23:59", 23, 59 },
    { "00:00", 0, 0 }, { "0:00", 0, 0 }, { "02:00", 2, 0 },
  };
  static const struct { const char *text; int code; } bad[] = {
    { "", INVALID }, { "   ", INVALID }, { "14", INVALID }, { "2", INVALID }, { "14:3", INVALID },
    { "14:300", INVALID }, { "abc", INVALID }, { "12345", INVALID }, { "14:30 foo", INVALID },
    { "14:30:0", INVALID }, { "14:30.00", INVALID }, { "14-30", INVALID }, { ":30", INVALID },
    { "14:", INVALID }, { "14:30pmx", INVALID }, { "p.m.", INVALID }, { "14:30\xff", INVALID },
    { "\xff", INVALID }, { "noon2", INVALID }, { "99999999999999999999", INVALID },
    { "24:00", RANGE }, { "25:00", RANGE }, { "14:60", RANGE }, { "2400", RANGE },
    { "1260", RANGE }, { "13pm", RANGE }, { "0am", RANGE }, { "0:30am", RANGE },
    { "14:30pm", RANGE }, { "14:30:60", RANGE }, { "99:99", RANGE },
  };
  g_autoptr(GError) error = NULL;
  ChronoDate d;

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autofree char *what = g_strdup_printf ("parse_time(“%s”)", ok[i].text);
      ChronoDate want = ymd_time (2008, 8, 15, ok[i].hour, ok[i].minute);

      d = ymd (2008, 8, 15);
      if (!chrono_date_parse_time (ok[i].text, &d, &error))
        {
          g_test_fail_printf ("%s: %s", what, error->message);
          g_clear_error (&error);
          continue;
        }
      check_date (what, &d, &want);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *what = g_strdup_printf ("parse_time(“%s”)", bad[i].text);
      ChronoDate want = ymd (2008, 8, 15);

      d = want;
      if (chrono_date_parse_time (bad[i].text, &d, &error))
        {
          g_test_fail_printf ("%s: accepted", what);
          continue;
        }
      check_error (what, error, bad[i].code);
      check_date (what, &d, &want);
      g_clear_error (&error);
    }

  g_assert_false (chrono_date_parse_time (NULL, &d, &error));
  check_error ("NULL", error, INVALID);
  g_clear_error (&error);

  /* a time needs a day; an unset date may get its time first */
  d = ymd (2008, 8, 0);
  g_assert_false (chrono_date_parse_time ("14:30", &d, &error));
  check_error ("time on a month", error, INVALID);
  g_assert_false (d.has_time);
  g_clear_error (&error);
  d = (ChronoDate) CHRONO_DATE_INIT;
  g_assert_true (chrono_date_parse_time ("14:30", &d, NULL));
  g_assert_true (d.has_time);
  g_assert_cmpint (d.hour, ==, 14);

  /* the message quotes the time */
  d = ymd (2008, 8, 15);
  g_assert_false (chrono_date_parse_time ("25:00", &d, &error));
  g_assert_cmpstr (error->message, ==, "“25:00” is not a real time: hours run from 0 to 23");
}

/* ------------------------------------------------------------------ */
/* Spreadsheet serials                                                 */

static void
test_serial (void)
{
  static const struct { double serial; gboolean d1904; gboolean ok; Want want; } cases[] = {
    /* 1900 system, including Excel's 29 February 1900 */
    { 1, FALSE, TRUE, DAY (1900, 1, 1) },
    { 2, FALSE, TRUE, DAY (1900, 1, 2) },
    { 31, FALSE, TRUE, DAY (1900, 1, 31) },
    { 32, FALSE, TRUE, DAY (1900, 2, 1) },
    { 59, FALSE, TRUE, DAY (1900, 2, 28) },
    { 60, FALSE, FALSE, DAY (0, 0, 0) },      /* 1900-02-29 never existed */
    { 60.5, FALSE, FALSE, DAY (0, 0, 0) },
    { 61, FALSE, TRUE, DAY (1900, 3, 1) },
    { 62, FALSE, TRUE, DAY (1900, 3, 2) },
    { 367, FALSE, TRUE, DAY (1901, 1, 1) },
    { 25569, FALSE, TRUE, DAY (1970, 1, 1) },
    { 36584, FALSE, TRUE, DAY (2000, 2, 28) },
    { 36585, FALSE, TRUE, DAY (2000, 2, 29) },
    { 36586, FALSE, TRUE, DAY (2000, 3, 1) },
    { 39675, FALSE, TRUE, DAY (2008, 8, 15) },
    { 40757, FALSE, TRUE, DAY (2011, 8, 2) },
    { 2958465, FALSE, TRUE, DAY (9999, 12, 31) },
    { 2958466, FALSE, FALSE, DAY (0, 0, 0) },
    { 0, FALSE, FALSE, DAY (0, 0, 0) },        /* "1900-01-00" */
    { 0.5, FALSE, FALSE, DAY (0, 0, 0) },      /* a time alone */
    { -1, FALSE, FALSE, DAY (0, 0, 0) },
    { -0.5, FALSE, FALSE, DAY (0, 0, 0) },
    { 1e300, FALSE, FALSE, DAY (0, 0, 0) },
    { -1e300, FALSE, FALSE, DAY (0, 0, 0) },
    /* fractions: the time, rounded to the minute */
    { 39675.5, FALSE, TRUE, TIME (2008, 8, 15, 12, 0) },
    { 39675.25, FALSE, TRUE, TIME (2008, 8, 15, 6, 0) },
    { 39675 + (14 * 60 + 30) / 1440.0, FALSE, TRUE, TIME (2008, 8, 15, 14, 30) },
    { 39675 + 30.4 / 1440.0, FALSE, TRUE, TIME (2008, 8, 15, 0, 30) },
    { 39675 + 30.6 / 1440.0, FALSE, TRUE, TIME (2008, 8, 15, 0, 31) },
    { 39675 + 0.2 / 1440.0, FALSE, TRUE, TIME (2008, 8, 15, 0, 0) },  /* non-zero fraction */
    { 39675 + 1439.4 / 1440.0, FALSE, TRUE, TIME (2008, 8, 15, 23, 59) },
    { 39675 + 1439.6 / 1440.0, FALSE, TRUE, TIME (2008, 8, 16, 0, 0) },
    { 39691 + 1439.6 / 1440.0, FALSE, TRUE, TIME (2008, 9, 1, 0, 0) },  /* over a month end */
    { 59.25, FALSE, TRUE, TIME (1900, 2, 28, 6, 0) },
    { 2958465.5, FALSE, TRUE, TIME (9999, 12, 31, 12, 0) },
    { 2958465 + 1439.9 / 1440.0, FALSE, FALSE, DAY (0, 0, 0) },  /* rounds past 9999 */
    /* 1904 system */
    { 0, TRUE, TRUE, DAY (1904, 1, 1) },
    { 1, TRUE, TRUE, DAY (1904, 1, 2) },
    { 59, TRUE, TRUE, DAY (1904, 2, 29) },
    { 60, TRUE, TRUE, DAY (1904, 3, 1) },
    { 0.5, TRUE, TRUE, TIME (1904, 1, 1, 12, 0) },
    { 39675 - 1462, TRUE, TRUE, DAY (2008, 8, 15) },
    { 38213.75, TRUE, TRUE, TIME (2008, 8, 15, 18, 0) },
    { 2957003, TRUE, TRUE, DAY (9999, 12, 31) },
    { 2957004, TRUE, FALSE, DAY (0, 0, 0) },
    { -1, TRUE, FALSE, DAY (0, 0, 0) },
  };
  const double specials[] = { NAN, -NAN, INFINITY, -INFINITY };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *what = g_strdup_printf ("from_serial(%.10g, %s)", cases[i].serial,
                                               cases[i].d1904 ? "1904" : "1900");
      ChronoDate got = sentinel;
      ChronoDate want = date_from_want (&cases[i].want);
      gboolean ok = chrono_date_from_serial (cases[i].serial, cases[i].d1904, &got);

      if (ok != cases[i].ok)
        g_test_fail_printf ("%s returned %d", what, ok);
      else if (ok)
        check_date (what, &got, &want);
      else
        check_date (what, &got, &sentinel);
    }

  for (guint i = 0; i < G_N_ELEMENTS (specials); i++)
    for (int d1904 = 0; d1904 <= 1; d1904++)
      {
        ChronoDate got = sentinel;

        g_assert_false (chrono_date_from_serial (specials[i], d1904, &got));
        check_date ("special", &got, &sentinel);
      }

  /* Every serial from 61 on is one day after the one before. */
  for (int s = 61; s <= 2958465; s += 7)
    {
      ChronoDate got;
      gint32 day;

      g_assert_true (chrono_date_from_serial (s, FALSE, &got));
      day = chrono_day_from_ymd (got.year, got.month, got.day);
      g_assert_cmpint (day, ==, chrono_day_from_ymd (1899, 12, 30) + s);
      g_assert_false (got.has_time);
    }
}

/* ------------------------------------------------------------------ */
/* The Stacey case files                                               */

/* A tiny RFC 4180 splitter for the test data: quoted fields may hold the
 * delimiter, doubled quotes and line breaks; records end at LF or CRLF;
 * blank lines are skipped. */
static GPtrArray *
split_records (const char *text,
               char        delimiter)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *fields = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text;; p++)
    {
      if (quoted && *p != '\0')
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == delimiter)
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
        }
      else if (*p == '\r' && p[1] == '\n')
        continue;
      else if (*p == '\n' || *p == '\0')
        {
          if (fields->len > 0 || field->len > 0)
            {
              g_ptr_array_add (fields, g_string_free (field, FALSE));
              field = g_string_new (NULL);
              g_ptr_array_add (fields, NULL);
              g_ptr_array_add (records, g_ptr_array_free (fields, FALSE));
              fields = g_ptr_array_new ();
            }
          if (*p == '\0')
            break;
        }
      else
        g_string_append_c (field, *p);
    }

  g_string_free (field, TRUE);
  g_ptr_array_free (fields, TRUE);
  return records;
}

/* The file as UTF-8 text without a BOM. */
static char *
load_text (const char *folder,
           const char *name,
           const char *encoding)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "stacey", folder, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  char *utf8;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s: %s", path, error->message);
  if (encoding != NULL)
    {
      utf8 = g_convert (contents, len, "UTF-8", encoding, NULL, NULL, &error);
      if (utf8 == NULL)
        g_error ("%s: %s", path, error->message);
    }
  else
    utf8 = g_steal_pointer (&contents);

  g_assert_true (g_utf8_validate (utf8, -1, NULL));
  if (g_str_has_prefix (utf8, "\xef\xbb\xbf"))
    memmove (utf8, utf8 + 3, strlen (utf8 + 3) + 1);
  return utf8;
}

static int
column (char       **header,
        const char  *name)
{
  for (int i = 0; header[i] != NULL; i++)
    if (strcmp (header[i], name) == 0)
      return i;
  g_error ("no column “%s”", name);
  return -1;
}

typedef struct
{
  ChronoDate date;
  ChronoDate end;          /* unset when there is no end date */
  guint      seen;         /* how many submissions carry the id */
} ChronologyRow;

/* id -> ChronologyRow, from chronology.csv through chrono_date_parse_iso(),
 * checking on the way that the exchange format round-trips byte for byte. */
static GHashTable *
load_chronology (void)
{
  g_autofree char *text = load_text (".", "chronology.csv", NULL);
  g_autoptr(GPtrArray) records = split_records (text, ',');
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  char **header = records->pdata[0];
  int c_id = column (header, "id"), c_date = column (header, "date");
  int c_precision = column (header, "date_precision"), c_time = column (header, "time");
  int c_end = column (header, "end_date");
  ChronoDate previous = CHRONO_DATE_INIT;
  gint32 latest_start = -1;

  g_assert_cmpuint (records->len, ==, 216);
  for (guint r = 1; r < records->len; r++)
    {
      char **f = records->pdata[r];
      ChronologyRow *row = g_new0 (ChronologyRow, 1);
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;
      g_autofree char *time = NULL;
      gint32 first, last;

      if (!chrono_date_parse_iso (f[c_date], f[c_precision], f[c_time], &row->date, &error))
        g_error ("%s: %s", f[c_id], error->message);
      if (f[c_end][0] != '\0' && !chrono_date_parse_iso (f[c_end], NULL, NULL, &row->end, &error))
        g_error ("%s end: %s", f[c_id], error->message);

      /* byte-identical round trip of all three columns */
      iso = chrono_date_to_iso (&row->date);
      time = chrono_date_time_to_string (&row->date);
      g_assert_cmpstr (iso, ==, f[c_date]);
      g_assert_cmpstr (chrono_precision_to_string (chrono_date_get_precision (&row->date)), ==,
                       f[c_precision]);
      g_assert_cmpstr (time ? time : "", ==, f[c_time]);

      /* The ids are in date order, and that order never contradicts the
       * intervals: no later row ends before an earlier row starts. */
      chrono_date_get_interval (&row->date, &first, &last);
      g_assert_cmpint (last, >=, latest_start);
      latest_start = MAX (latest_start, first);
      if (previous.day != 0 && row->date.day != 0 && previous.has_time && row->date.has_time &&
          chrono_date_get_precision (&previous) == CHRONO_PRECISION_DAY &&
          chrono_date_get_precision (&row->date) == CHRONO_PRECISION_DAY)
        g_assert_cmpint (chrono_date_compare (&previous, &row->date), <=, 0);
      previous = row->date;

      g_hash_table_insert (rows, g_strdup (f[c_id]), row);
    }
  g_assert_cmpuint (g_hash_table_size (rows), ==, 215);
  return rows;
}

typedef enum
{
  MATCH,          /* the same ChronoDate */
  HEDGE_LOST,     /* the chronology hedges (approx) a date the agency gave plainly */
  MISMATCH,
} Outcome;

static Outcome
compare_with_chronology (const ChronoDate *got,
                         const ChronoDate *want)
{
  ChronoDate unhedged = *want;

  if (chrono_date_equal (got, want))
    return MATCH;
  unhedged.approx = FALSE;
  if (want->approx && !got->approx && chrono_date_equal (got, &unhedged))
    return HEDGE_LOST;
  return MISMATCH;
}

typedef struct
{
  const char *file;
  const char *encoding;       /* NULL for UTF-8 */
  char        delimiter;
  const char *date_column, *time_column, *end_column, *id_column;
  guint       rows, match, hedge_lost;
} Submission;

/* Every row of the text submissions pairs with a chronology row through its
 * id.  HEDGE_LOST rows are the genuine information difference: the agency's
 * own cell gives the date plainly ("08/2008", "2009-03", "28/03/2009") while
 * the review, which merged the submissions, judged the date approximate
 * from the narrative (e.g. C054 "In mid-June ..." is 2009-06 in Housing's
 * file but approx in the chronology; C047 the remand date; the police rows
 * the report only dates roughly).  No parser could recover that hedge from
 * the date cell, so those rows are counted and asserted exactly.  Nothing
 * else may differ. */
static const Submission submissions[] = {
  { "children-s-social-care.csv", NULL, ';', "Date of contact", NULL, NULL, "Ref", 54, 54, 0 },
  { "courts.csv", NULL, ',', "event_date", "event_time", "end_date", "id", 11, 11, 0 },
  { "crown-prosecution-service.csv", NULL, ',', "event_date", "event_time", "end_date", "id", 8, 5, 3 },
  { "education.csv", NULL, ',', "event_date", "event_time", "end_date", "id", 1, 0, 1 },
  { "health.tsv", NULL, '\t', "DATE", "TIME", NULL, "REF", 9, 9, 0 },
  { "housing.csv", NULL, ',', "event_date", "event_time", "end_date", "id", 2, 0, 2 },
  { "marac.csv", NULL, ',', "event_date", "event_time", "end_date", "id", 3, 3, 0 },
  { "nottinghamshire-police.csv", "WINDOWS-1252", ',', "Date", "Time", NULL, "Ref", 87, 65, 22 },
  { "prisons.csv", NULL, ',', "event_date", "event_time", "end_date", "id", 4, 3, 1 },
  { "victim-support.txt", "UTF-16LE", '\t', "Date", "Time", NULL, "Reference", 4, 4, 0 },
};

/* Cells of the two binary submissions, copied out of them:
 * `unzip -p women-s-aid.docx word/document.xml` (the Date column of the
 * Chronolator table; the id is in the Source column) and
 * `unzip -p probation.xlsx xl/worksheets/sheet1.xml` (column A: inline
 * strings, or numbers with the DD/MM/YYYY format, 1900 date system). */
static const struct { const char *id, *text; } women_s_aid_cells[] = {
  { "C036", "around February 2009" }, { "C037", "around February 2009" },
  { "C070", "around January 2010" }, { "C074", "around March 2010" },
  { "C090", "around November 2010" }, { "C095", "11 December 2010" },
  { "C127", "15 April 2011" }, { "C134", "24 April 2011" }, { "C142", "24 May 2011" },
  { "C149", "13 June 2011" }, { "C151", "14 June 2011" },
};

static const struct { const char *id, *text; double serial; const char *end; } probation_cells[] = {
  { "C007", "2004", 0, NULL }, { "C008", "2004", 0, "2008" },
  { "C172", NULL, 40757, NULL }, { "C175", NULL, 40763, NULL },
  { "C178", "around August 2011", 0, NULL }, { "C181", NULL, 40770, NULL },
  { "C182", "around August 2011", 0, NULL }, { "C185", NULL, 40774, NULL },
  { "C187", NULL, 40781, NULL }, { "C189", NULL, 40787, NULL },
  { "C191", NULL, 40795, NULL }, { "C194", NULL, 40801, NULL },
  { "C197", NULL, 40807, NULL }, { "C198", NULL, 40809, NULL },
  { "C199", NULL, 40814, NULL }, { "C201", NULL, 40815, NULL },
  { "C202", NULL, 40820, NULL }, { "C205", NULL, 40828, NULL },
  { "C206", NULL, 40828, NULL }, { "C211", NULL, 40835, NULL },
  { "C212", "2012", 0, NULL },
};

static ChronologyRow *
lookup (GHashTable *chronology,
        const char *id)
{
  ChronologyRow *row = g_hash_table_lookup (chronology, id);

  if (row == NULL)
    g_error ("submission id %s is not in the chronology", id);
  row->seen++;
  return row;
}

static void
check_end (const char    *where,
           const char    *text,
           ChronologyRow *row)
{
  g_autoptr(GError) error = NULL;
  ChronoDate end;

  if (text == NULL || *text == '\0')
    {
      g_assert_false (chrono_date_is_set (&row->end));
      return;
    }
  if (!chrono_date_parse_text (text, DMY, &end, NULL, &error))
    g_error ("%s end: %s", where, error->message);
  if (!chrono_date_equal (&end, &row->end))
    g_test_fail_printf ("%s: end “%s” differs from the chronology", where, text);
}

static void
test_submissions (void)
{
  g_autoptr(GHashTable) chronology = load_chronology ();
  guint total_rows = 0, total_match = 0, total_lost = 0, ambiguous_cells = 0;
  GHashTableIter iter;
  gpointer value;

  for (guint s = 0; s < G_N_ELEMENTS (submissions); s++)
    {
      const Submission *sub = &submissions[s];
      g_autofree char *text = load_text ("submissions", sub->file, sub->encoding);
      g_autoptr(GPtrArray) records = split_records (text, sub->delimiter);
      char **header = records->pdata[0];
      int c_date = column (header, sub->date_column), c_id = column (header, sub->id_column);
      int c_time = sub->time_column ? column (header, sub->time_column) : -1;
      int c_end = sub->end_column ? column (header, sub->end_column) : -1;
      guint match = 0, lost = 0;

      g_assert_cmpuint (records->len - 1, ==, sub->rows);
      for (guint r = 1; r < records->len; r++)
        {
          char **f = records->pdata[r];
          g_autoptr(GError) error = NULL;
          g_autofree char *where = g_strdup_printf ("%s %s “%s”", sub->file, f[c_id], f[c_date]);
          ChronologyRow *row = lookup (chronology, f[c_id]);
          ChronoDate got;
          gboolean ambiguous;

          if (!chrono_date_parse_text (f[c_date], DMY, &got, &ambiguous, &error))
            {
              g_test_fail_printf ("%s: %s", where, error->message);
              continue;
            }
          ambiguous_cells += ambiguous;
          if (c_time >= 0 && f[c_time][0] != '\0' &&
              !chrono_date_parse_time (f[c_time], &got, &error))
            {
              g_test_fail_printf ("%s: %s", where, error->message);
              continue;
            }
          if (c_end >= 0)
            check_end (where, f[c_end], row);

          switch (compare_with_chronology (&got, &row->date))
            {
            case MATCH:
              match++;
              break;
            case HEDGE_LOST:
              lost++;
              break;
            case MISMATCH:
            default:
              {
                g_autofree char *g = describe (&got);
                g_autofree char *w = describe (&row->date);
                g_test_fail_printf ("%s: got %s, chronology %s", where, g, w);
              }
            }
        }

      g_test_message ("%s: %u rows, %u match, %u approximate only in the chronology",
                      sub->file, records->len - 1, match, lost);
      g_assert_cmpuint (match, ==, sub->match);
      g_assert_cmpuint (lost, ==, sub->hedge_lost);
      total_rows += records->len - 1;
      total_match += match;
      total_lost += lost;
    }

  for (guint i = 0; i < G_N_ELEMENTS (women_s_aid_cells); i++)
    {
      ChronologyRow *row = lookup (chronology, women_s_aid_cells[i].id);
      ChronoDate got;

      g_assert_true (chrono_date_parse_text (women_s_aid_cells[i].text, DMY, &got, NULL, NULL));
      g_assert_cmpint (compare_with_chronology (&got, &row->date), ==, MATCH);
      total_rows++;
      total_match++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (probation_cells); i++)
    {
      ChronologyRow *row = lookup (chronology, probation_cells[i].id);
      ChronoDate got;

      if (probation_cells[i].text != NULL)
        g_assert_true (chrono_date_parse_text (probation_cells[i].text, DMY, &got, NULL, NULL));
      else
        g_assert_true (chrono_date_from_serial (probation_cells[i].serial, FALSE, &got));
      g_assert_cmpint (compare_with_chronology (&got, &row->date), ==, MATCH);
      check_end (probation_cells[i].id, probation_cells[i].end, row);
      total_rows++;
      total_match++;
    }

  /* Every chronology row comes from exactly one submission. */
  g_hash_table_iter_init (&iter, chronology);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_assert_cmpuint (((ChronologyRow *) value)->seen, ==, 1);

  g_test_message ("submissions: %u date cells, %u match the chronology, %u differ only by "
                  "the chronology's hedge; %u day/month-ambiguous cells (read day first)",
                  total_rows, total_match, total_lost, ambiguous_cells);
  g_assert_cmpuint (total_rows, ==, 215);
  g_assert_cmpuint (total_match, ==, 186);
  g_assert_cmpuint (total_lost, ==, 29);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/day-numbers", test_day_numbers);
  g_test_add_func ("/date/day-numbers/exhaustive", test_day_numbers_exhaustive);
  g_test_add_func ("/date/days-in-month", test_days_in_month);
  g_test_add_func ("/date/validity", test_validity);
  g_test_add_func ("/date/precision", test_precision);
  g_test_add_func ("/date/interval", test_interval);
  g_test_add_func ("/date/sort-key", test_sort_key);
  g_test_add_func ("/date/compare", test_compare);
  g_test_add_func ("/date/iso/ok", test_iso_ok);
  g_test_add_func ("/date/iso/errors", test_iso_errors);
  g_test_add_func ("/date/iso/messages", test_iso_messages);
  g_test_add_func ("/date/iso/round-trip", test_iso_round_trip);
  g_test_add_func ("/date/text/ok", test_text_ok);
  g_test_add_func ("/date/text/errors", test_text_errors);
  g_test_add_func ("/date/text/messages", test_text_messages);
  g_test_add_func ("/date/text/robust", test_text_robust);
  g_test_add_func ("/date/text/fuzz", test_text_fuzz);
  g_test_add_func ("/date/text/reads-own-output", test_text_reads_own_output);
  g_test_add_func ("/date/time", test_time);
  g_test_add_func ("/date/serial", test_serial);
  g_test_add_func ("/date/submissions", test_submissions);

  return g_test_run ();
}
