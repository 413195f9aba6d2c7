/* chrono-date.h: calendar dates that keep the precision their source gave
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CHRONO_DATE_ERROR (chrono_date_error_quark ())

typedef enum
{
  CHRONO_DATE_ERROR_INVALID,   /* not a date we can read */
  CHRONO_DATE_ERROR_RANGE,     /* looks like a date but does not exist (31/02/2011) */
} ChronoDateError;

typedef enum
{
  CHRONO_PRECISION_DAY,
  CHRONO_PRECISION_MONTH,
  CHRONO_PRECISION_YEAR,
  CHRONO_PRECISION_APPROX,
} ChronoPrecision;

typedef enum
{
  CHRONO_DATE_ORDER_DMY,       /* UK: 05/08/2008 is 5 August */
  CHRONO_DATE_ORDER_MDY,       /* US: 05/08/2008 is 8 May */
} ChronoDateOrder;

/* A date as precise as the source: a day, a month or a year, possibly hedged
 * ("approx": "mid-2008", "c. 2008", "?15/03/2011", "around March 2011"),
 * with an optional time of day.  Plain value type, copy it with '='. */
typedef struct
{
  gint16 year;      /* 1..9999; 0 means "no date" */
  guint8 month;     /* 1..12, 0 when only the year is known */
  guint8 day;       /* 1..31, 0 when only the month (or year) is known */
  guint8 approx;    /* TRUE when the source hedged */
  guint8 has_time;  /* TRUE when hour/minute are meaningful */
  guint8 hour;      /* 0..23 */
  guint8 minute;    /* 0..59 */
} ChronoDate;

#define CHRONO_DATE_INIT { 0, 0, 0, 0, 0, 0, 0 }

GQuark          chrono_date_error_quark      (void);

gboolean        chrono_date_is_set           (const ChronoDate *date);
gboolean        chrono_date_is_valid         (const ChronoDate *date);
ChronoPrecision chrono_date_get_precision    (const ChronoDate *date);
const char     *chrono_precision_to_string   (ChronoPrecision   precision);
gboolean        chrono_precision_from_string (const char       *text,
                                              ChronoPrecision  *precision);

/* Day numbers count days from 0001-01-01 (day 0), proleptic Gregorian. */
gint32          chrono_day_from_ymd          (int               year,
                                              int               month,
                                              int               day);
void            chrono_day_to_ymd            (gint32            day_number,
                                              int              *year,
                                              int              *month,
                                              int              *day);
int             chrono_days_in_month         (int               year,
                                              int               month);

/* The whole days the date may fall on: a month-precision date covers its
 * month, a year-precision date its year.  Approximate dates cover the period
 * their stated parts give (an approximate month covers that month). */
void            chrono_date_get_interval     (const ChronoDate *date,
                                              gint32           *first_day,
                                              gint32           *last_day);
/* Minutes since 0001-01-01 00:00 of the first instant the date may mean.
 * Orders dates by where their interval starts, then by time. */
gint64          chrono_date_sort_key         (const ChronoDate *date);
int             chrono_date_compare          (const ChronoDate *a,
                                              const ChronoDate *b);
gboolean        chrono_date_equal            (const ChronoDate *a,
                                              const ChronoDate *b);

/* Exchange format (SCHEMA.md): date "YYYY[-MM[-DD]]", precision
 * "day|month|year|approx" (NULL or "" derives it from the date), time "HH:MM"
 * (NULL or "" for none).  A precision that contradicts the date (e.g. "day"
 * with "2008-05") is an error. */
gboolean        chrono_date_parse_iso        (const char       *date,
                                              const char       *precision,
                                              const char       *time,
                                              ChronoDate       *out,
                                              GError          **error);
char           *chrono_date_to_iso           (const ChronoDate *date);
/* "HH:MM" or NULL when the date has no time. */
char           *chrono_date_time_to_string   (const ChronoDate *date);

/* For people: "15 Aug 2008", "Aug 2008", "2008", "c. Aug 2008", "15 Aug 2008 14:30". */
char           *chrono_date_format           (const ChronoDate *date);

/* chrono_date_parse_text() and chrono_date_parse_time() refuse (with
 * CHRONO_DATE_ERROR_INVALID) text longer than this many bytes once leading
 * and trailing white space is trimmed: no date cell is that long. */
#define CHRONO_DATE_MAX_TEXT 256

/* Dates as agencies type them (UK day-first unless order says otherwise):
 * 15/08/2008, 15/8/08, 15.08.2008, 15-Aug-2008, 15 August 2008,
 * 15th Aug 2008, Aug-08, Mar-11, August 2008, 08/2008, 2008, mid-2008,
 * early/late 2008, c. 2008, around March 2011, ?15/03/2011,
 * "15/08/2008 14:30", ISO 8601 ("2008-08-15", "2008-08-15T14:30"),
 * Excel serial numbers as text are NOT accepted here (see from_serial).
 * Leading/trailing white space is ignored.  @ambiguous (may be NULL) is set
 * TRUE when day and month could be swapped (both <= 12 and different). */
gboolean        chrono_date_parse_text       (const char       *text,
                                              ChronoDateOrder   order,
                                              ChronoDate       *out,
                                              gboolean         *ambiguous,
                                              GError          **error);
/* A time of day as typed: "14:30", "14.30", "1430", "2:30pm", "14:30:00". */
gboolean        chrono_date_parse_time       (const char       *text,
                                              ChronoDate       *date,
                                              GError          **error);

/* Spreadsheet serial numbers (days since 1899-12-30 in the 1900 system,
 * 1904-01-01 in the 1904 system; the fraction is the time of day). */
gboolean        chrono_date_from_serial      (double            serial,
                                              gboolean          date1904,
                                              ChronoDate       *out);

G_END_DECLS
