/* chrono-date.c: calendar dates that keep the precision their source gave
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-date"

#include "chrono-date.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

/* Parsing never depends on the locale: month and weekday names are English,
 * case is folded by hand (ASCII only) and numbers are read digit by digit.
 * chrono_date_parse_text() is written to be fuzzed: it refuses text longer
 * than CHRONO_DATE_MAX_TEXT before doing anything else, tokenises into a
 * fixed-size array on the stack, never recurses and allocates only for the
 * error message (whose quote of the input is bounded as well). */

#define MAX_TOKENS     64
#define MAX_WORD       15
#define QUOTE_MAX      64           /* bytes of the input quoted in messages */
#define NUM_SATURATED  1000000000   /* numbers at least this big are "huge" */
#define LAST_DAY       3652058      /* 9999-12-31 */

G_DEFINE_QUARK (chrono-date-error-quark, chrono_date_error)

static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};

/* ------------------------------------------------------------------ */
/* Calendar arithmetic                                                 */

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/**
 * chrono_days_in_month:
 * @year: any year (proleptic Gregorian)
 * @month: 1..12
 *
 * Returns: 28..31, or 0 when @month is out of range.
 */
int
chrono_days_in_month (int year,
                      int month)
{
  static const guint8 days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month < 1 || month > 12)
    return 0;
  if (month == 2 && is_leap_year (year))
    return 29;
  return days[month - 1];
}

/**
 * chrono_day_from_ymd:
 *
 * Returns: the day number (0001-01-01 is 0), or -1 when the arguments are
 * not a real day between 0001-01-01 and 9999-12-31.
 */
gint32
chrono_day_from_ymd (int year,
                     int month,
                     int day)
{
  int y, era, yoe, doy, doe;

  if (year < 1 || year > 9999 || day < 1 || day > chrono_days_in_month (year, month))
    return -1;

  /* Count from 0000-03-01 so that the leap day ends the year
   * (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"). */
  y = year - (month <= 2);
  era = y / 400;
  yoe = y - era * 400;
  doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 306;
}

/**
 * chrono_day_to_ymd:
 *
 * The inverse of chrono_day_from_ymd().  A day number outside
 * 0..chrono_day_from_ymd (9999, 12, 31) gives 0 for all three.  Any of the
 * out arguments may be %NULL.
 */
void
chrono_day_to_ymd (gint32  day_number,
                   int    *year,
                   int    *month,
                   int    *day)
{
  int z, era, doe, yoe, doy, mp, y = 0, m = 0, d = 0;

  if (day_number >= 0 && day_number <= LAST_DAY)
    {
      z = day_number + 306;
      era = z / 146097;
      doe = z - era * 146097;
      yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
      doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      mp = (5 * doy + 2) / 153;
      d = doy - (153 * mp + 2) / 5 + 1;
      m = mp < 10 ? mp + 3 : mp - 9;
      y = yoe + era * 400 + (m <= 2);
    }

  if (year != NULL)
    *year = y;
  if (month != NULL)
    *month = m;
  if (day != NULL)
    *day = d;
}

/* ------------------------------------------------------------------ */
/* The value type                                                      */

gboolean
chrono_date_is_set (const ChronoDate *date)
{
  return date != NULL && date->year != 0;
}

/**
 * chrono_date_is_valid:
 *
 * A valid date is set (year 1..9999), has a month 0..12, a day that exists
 * in that month (0 only), no day without a month, and a time only on a full
 * day (hour 0..23, minute 0..59).
 */
gboolean
chrono_date_is_valid (const ChronoDate *date)
{
  if (date == NULL || date->year < 1 || date->year > 9999 || date->month > 12)
    return FALSE;
  if (date->day != 0 &&
      (date->month == 0 || date->day > chrono_days_in_month (date->year, date->month)))
    return FALSE;
  if (date->has_time && (date->day == 0 || date->hour > 23 || date->minute > 59))
    return FALSE;
  return TRUE;
}

/**
 * chrono_date_get_precision:
 *
 * Returns: %CHRONO_PRECISION_APPROX for a hedged date, otherwise the
 * smallest unit the date gives.  An unset date counts as
 * %CHRONO_PRECISION_YEAR.
 */
ChronoPrecision
chrono_date_get_precision (const ChronoDate *date)
{
  g_return_val_if_fail (date != NULL, CHRONO_PRECISION_YEAR);

  if (date->approx)
    return CHRONO_PRECISION_APPROX;
  if (date->day != 0)
    return CHRONO_PRECISION_DAY;
  if (date->month != 0)
    return CHRONO_PRECISION_MONTH;
  return CHRONO_PRECISION_YEAR;
}

static const char * const precision_names[] = { "day", "month", "year", "approx" };

/**
 * chrono_precision_to_string:
 *
 * Returns: "day", "month", "year" or "approx" (the exchange-format words),
 * or %NULL for a value that is not a #ChronoPrecision.
 */
const char *
chrono_precision_to_string (ChronoPrecision precision)
{
  if ((guint) precision >= G_N_ELEMENTS (precision_names))
    return NULL;
  return precision_names[precision];
}

/**
 * chrono_precision_from_string:
 * @precision: (out) (optional):
 *
 * Accepts the four exchange-format words, ignoring ASCII case.
 */
gboolean
chrono_precision_from_string (const char      *text,
                              ChronoPrecision *precision)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (precision_names); i++)
    {
      if (g_ascii_strcasecmp (text, precision_names[i]) == 0)
        {
          if (precision != NULL)
            *precision = (ChronoPrecision) i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * chrono_date_get_interval:
 * @first_day: (out) (optional):
 * @last_day: (out) (optional):
 *
 * An unset date gives -1 for both.  Out-of-range fields of a hand-built
 * invalid date are clamped so that the result is always an ordered pair.
 */
void
chrono_date_get_interval (const ChronoDate *date,
                          gint32           *first_day,
                          gint32           *last_day)
{
  gint32 first = -1, last = -1;

  if (chrono_date_is_set (date))
    {
      int year = CLAMP (date->year, 1, 9999);
      int month = MIN (date->month, 12);
      int dim;

      if (month == 0)
        {
          first = chrono_day_from_ymd (year, 1, 1);
          last = chrono_day_from_ymd (year, 12, 31);
        }
      else
        {
          dim = chrono_days_in_month (year, month);
          if (date->day == 0)
            {
              first = chrono_day_from_ymd (year, month, 1);
              last = chrono_day_from_ymd (year, month, dim);
            }
          else
            first = last = chrono_day_from_ymd (year, month, MIN (date->day, dim));
        }
    }

  if (first_day != NULL)
    *first_day = first;
  if (last_day != NULL)
    *last_day = last;
}

/**
 * chrono_date_sort_key:
 *
 * Returns: minutes since 0001-01-01 00:00 of the start of the date's
 * interval plus its time of day; %G_MAXINT64 for an unset date, so that
 * undated rows sort last.
 */
gint64
chrono_date_sort_key (const ChronoDate *date)
{
  gint32 first;

  if (!chrono_date_is_set (date))
    return G_MAXINT64;

  chrono_date_get_interval (date, &first, NULL);
  return (gint64) first * 1440 +
         (date->has_time ? MIN (date->hour, 23) * 60 + MIN (date->minute, 59) : 0);
}

/**
 * chrono_date_compare:
 *
 * Orders by chrono_date_sort_key(), so by where the interval starts and then
 * by time.  Dates with the same key are then put in a fixed order so that
 * sorting is deterministic: the shorter interval first (2008-08-01 before
 * 2008-08 before 2008), untimed before timed (at 00:00), exact before
 * approximate.
 * Returns 0 exactly when chrono_date_equal() is TRUE.
 */
int
chrono_date_compare (const ChronoDate *a,
                     const ChronoDate *b)
{
  gint64 ka = chrono_date_sort_key (a);
  gint64 kb = chrono_date_sort_key (b);
  gint32 la, lb;

  if (ka != kb)
    return ka < kb ? -1 : 1;
  if (!chrono_date_is_set (a) || !chrono_date_is_set (b))
    return 0;  /* both unset */

  chrono_date_get_interval (a, NULL, &la);
  chrono_date_get_interval (b, NULL, &lb);
  if (la != lb)
    return la < lb ? -1 : 1;
  if (!a->has_time != !b->has_time)
    return a->has_time ? 1 : -1;
  if (!a->approx != !b->approx)
    return a->approx ? 1 : -1;

  /* Only hand-built invalid dates get this far without being equal. */
  if (a->year != b->year)
    return a->year < b->year ? -1 : 1;
  if (a->month != b->month)
    return a->month < b->month ? -1 : 1;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  if (a->has_time && a->hour != b->hour)
    return a->hour < b->hour ? -1 : 1;
  if (a->has_time && a->minute != b->minute)
    return a->minute < b->minute ? -1 : 1;
  return 0;
}

/**
 * chrono_date_equal:
 *
 * Same year, month, day, hedging and time (hour and minute only count when
 * the date has a time; approx and has_time compare as booleans).  Two %NULL
 * or unset dates are equal.
 */
gboolean
chrono_date_equal (const ChronoDate *a,
                   const ChronoDate *b)
{
  if (!chrono_date_is_set (a) || !chrono_date_is_set (b))
    return !chrono_date_is_set (a) && !chrono_date_is_set (b);

  return a->year == b->year &&
         a->month == b->month &&
         a->day == b->day &&
         !a->approx == !b->approx &&
         !a->has_time == !b->has_time &&
         (!a->has_time || (a->hour == b->hour && a->minute == b->minute));
}

/* ------------------------------------------------------------------ */
/* Error messages                                                      */

/* A bounded, valid UTF-8, single-line copy of @text (of @len bytes) for
 * quoting in a message. */
static char *
quote_text (const char *text,
            gsize       len)
{
  gsize n = MIN (len, QUOTE_MAX);
  g_autofree char *valid = g_utf8_make_valid (text, n);
  GString *s = g_string_new (valid);

  for (gsize i = 0; i < s->len; i++)
    {
      if ((guchar) s->str[i] < 0x20 || s->str[i] == 0x7f)
        s->str[i] = ' ';
    }
  if (n < len)
    g_string_append (s, "…");
  return g_string_free (s, FALSE);
}

static void
set_error (GError          **error,
           ChronoDateError   code,
           const char       *text,
           gsize             len,
           const char       *format,
           ...) G_GNUC_PRINTF (5, 6);

/* Sets "“<text>” <message>". */
static void
set_error (GError          **error,
           ChronoDateError   code,
           const char       *text,
           gsize             len,
           const char       *format,
           ...)
{
  g_autofree char *quoted = NULL;
  g_autofree char *message = NULL;
  va_list args;

  if (error == NULL)
    return;

  quoted = quote_text (text, len);
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: the quoted text that is not a date, then what is wrong
   * with it, as in "“31/02/2008” is not a real date: …"; the messages that
   * start "is not", "has" or "looks like" all follow the quoted text. */
  g_set_error (error, CHRONO_DATE_ERROR, code, _("“%s” %s"), quoted, message);
}

/* Checks year, month and day (-1 when the text does not give them) and
 * says what is wrong. */
static gboolean
check_ymd (const char  *text,
           gsize        len,
           gint64       year,
           gint64       month,
           gint64       day,
           GError     **error)
{
  int dim;

  if (year < 1 || year > 9999)
    {
      set_error (error, CHRONO_DATE_ERROR_RANGE, text, len,
                 _("is not a real date: years run from 1 to 9999"));
      return FALSE;
    }
  if (month < 0)
    return TRUE;
  if (month < 1 || month > 12)
    {
      if (month >= NUM_SATURATED)
        set_error (error, CHRONO_DATE_ERROR_RANGE, text, len,
                   _("is not a real date: the month number is far too large"));
      else
        set_error (error, CHRONO_DATE_ERROR_RANGE, text, len,
                   _("is not a real date: there is no month %" PRId64), month);
      return FALSE;
    }
  if (day < 0)
    return TRUE;
  if (day == 0)
    {
      set_error (error, CHRONO_DATE_ERROR_RANGE, text, len,
                 _("is not a real date: there is no day 0"));
      return FALSE;
    }
  dim = chrono_days_in_month ((int) year, (int) month);
  if (day > dim)
    {
      set_error (error, CHRONO_DATE_ERROR_RANGE, text, len,
                 _("is not a real date: %s %d has %d days"),
                 month_names[month - 1], (int) year, dim);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Exchange format                                                     */

static gboolean
all_digits (const char *text,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static int
digits_value (const char *text,
              gsize       len)
{
  int value = 0;

  for (gsize i = 0; i < len; i++)
    value = value * 10 + (text[i] - '0');
  return value;
}

gboolean
chrono_date_parse_iso (const char  *date,
                       const char  *precision,
                       const char  *time,
                       ChronoDate  *out,
                       GError     **error)
{
  ChronoDate result = CHRONO_DATE_INIT;
  ChronoPrecision given, stated;
  gsize len;
  int year, month = 0, day = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (date == NULL || *date == '\0')
    {
      g_set_error_literal (error, CHRONO_DATE_ERROR, CHRONO_DATE_ERROR_INVALID,
                           _("No date given: the exchange format needs YYYY, YYYY-MM or YYYY-MM-DD"));
      return FALSE;
    }

  len = strlen (date);
  if (!((len == 4 && all_digits (date, 4)) ||
        (len == 7 && all_digits (date, 4) && date[4] == '-' && all_digits (date + 5, 2)) ||
        (len == 10 && all_digits (date, 4) && date[4] == '-' && all_digits (date + 5, 2) &&
         date[7] == '-' && all_digits (date + 8, 2))))
    {
      set_error (error, CHRONO_DATE_ERROR_INVALID, date, len,
                 _("is not an exchange-format date (YYYY, YYYY-MM or YYYY-MM-DD)"));
      return FALSE;
    }

  year = digits_value (date, 4);
  if (len >= 7)
    month = digits_value (date + 5, 2);
  if (len == 10)
    day = digits_value (date + 8, 2);
  if (!check_ymd (date, len, year, len >= 7 ? month : -1, len == 10 ? day : -1, error))
    return FALSE;

  result.year = year;
  result.month = month;
  result.day = day;

  stated = day ? CHRONO_PRECISION_DAY : month ? CHRONO_PRECISION_MONTH : CHRONO_PRECISION_YEAR;
  given = stated;
  if (precision != NULL && *precision != '\0')
    {
      if (!chrono_precision_from_string (precision, &given))
        {
          set_error (error, CHRONO_DATE_ERROR_INVALID, precision, strlen (precision),
                     _("is not a date precision (day, month, year or approx)"));
          return FALSE;
        }
      if (given != CHRONO_PRECISION_APPROX && given != stated)
        {
          g_autofree char *q = quote_text (date, len);
          g_set_error (error, CHRONO_DATE_ERROR, CHRONO_DATE_ERROR_INVALID,
                       _("“%s” is not a %s-precision date: it gives %s"),
                       q, precision_names[given],
                       stated == CHRONO_PRECISION_DAY ? "a day" :
                       stated == CHRONO_PRECISION_MONTH ? "a month but no day" :
                       "only a year");
          return FALSE;
        }
    }
  result.approx = given == CHRONO_PRECISION_APPROX;

  if (time != NULL && *time != '\0')
    {
      gsize tlen = strlen (time);
      int hour, minute;

      if (tlen != 5 || !all_digits (time, 2) || time[2] != ':' || !all_digits (time + 3, 2))
        {
          set_error (error, CHRONO_DATE_ERROR_INVALID, time, tlen,
                     _("is not an exchange-format time (HH:MM)"));
          return FALSE;
        }
      hour = digits_value (time, 2);
      minute = digits_value (time + 3, 2);
      if (hour > 23 || minute > 59)
        {
          set_error (error, CHRONO_DATE_ERROR_RANGE, time, tlen,
                     _("is not a real time: %s"),
                     hour > 23 ? "hours run from 00 to 23" : "minutes run from 00 to 59");
          return FALSE;
        }
      if (day == 0)
        {
          g_autofree char *q = quote_text (date, len);
          set_error (error, CHRONO_DATE_ERROR_INVALID, time, tlen,
                     _("is a time of day, but the date “%s” has no day"), q);
          return FALSE;
        }
      result.has_time = TRUE;
      result.hour = hour;
      result.minute = minute;
    }

  *out = result;
  return TRUE;
}

/**
 * chrono_date_to_iso:
 *
 * Returns: (nullable): "YYYY", "YYYY-MM" or "YYYY-MM-DD" (zero padded), or
 * %NULL when the date is not valid.
 */
char *
chrono_date_to_iso (const ChronoDate *date)
{
  if (!chrono_date_is_valid (date))
    return NULL;
  if (date->day != 0)
    return g_strdup_printf ("%04d-%02d-%02d", date->year, date->month, date->day);
  if (date->month != 0)
    return g_strdup_printf ("%04d-%02d", date->year, date->month);
  return g_strdup_printf ("%04d", date->year);
}

char *
chrono_date_time_to_string (const ChronoDate *date)
{
  if (date == NULL || !date->has_time || date->hour > 23 || date->minute > 59)
    return NULL;
  return g_strdup_printf ("%02d:%02d", date->hour, date->minute);
}

/* ------------------------------------------------------------------ */
/* For people                                                          */

/* The one place that decides how a date reads for people: "c. 15 Aug 2008
 * 14:30" in English.  The order comes from the translation (UK day, month,
 * year when there is none), the month's name from the locale (LC_TIME). */
static char *
format_in_english (int      year,
                   int      month,
                   int      day,
                   gboolean approx,
                   gboolean has_time,
                   int      hour,
                   int      minute)
{
  static const char * const abbrev[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };
  GString *s = g_string_new (NULL);

  if (approx)
    g_string_append (s, "c. ");
  if (day != 0)
    g_string_append_printf (s, "%d ", day);
  if (month != 0)
    g_string_append_printf (s, "%s ", abbrev[month - 1]);
  g_string_append_printf (s, "%d", year);
  if (has_time)
    g_string_append_printf (s, " %02d:%02d", hour, minute);

  return g_string_free (s, FALSE);
}

static char *
format_for_people (int      year,
                   int      month,
                   int      day,
                   gboolean approx,
                   gboolean has_time,
                   int      hour,
                   int      minute)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;
  const char *format;

  if (day != 0 && has_time)
    /* Translators: how a date and time read, in g_date_time_format() codes:
     * %-d the day without a leading zero, %b the month's abbreviated name
     * (from the locale), %Y the year, %H:%M the time.  Put them in your
     * language's order; the English (UK) order is the default. */
    format = C_("date", "%-d %b %Y %H:%M");
  else if (day != 0)
    /* Translators: a date to the day, in g_date_time_format() codes */
    format = C_("date", "%-d %b %Y");
  else if (month != 0 && has_time)
    /* Translators: a month and a time, in g_date_time_format() codes */
    format = C_("date", "%b %Y %H:%M");
  else if (month != 0)
    /* Translators: a month, in g_date_time_format() codes */
    format = C_("date", "%b %Y");
  else if (has_time)
    /* Translators: a year and a time, in g_date_time_format() codes */
    format = C_("date", "%Y %H:%M");
  else
    /* Translators: a year, in g_date_time_format() codes */
    format = C_("date", "%Y");

  when = g_date_time_new_utc (year, month != 0 ? month : 1, day != 0 ? day : 1,
                              has_time ? hour : 0, has_time ? minute : 0, 0);
  if (when != NULL)
    text = g_date_time_format (when, format);
  if (text == NULL)
    return format_in_english (year, month, day, approx, has_time, hour, minute);

  if (approx)
    /* Translators: a date the source gave only roughly ("circa"), as in
     * "c. 2008"; the reader of the timeline recognises this prefix. */
    return g_strdup_printf (C_("date", "c. %s"), text);

  return g_steal_pointer (&text);
}

/**
 * chrono_date_format:
 *
 * Returns: (nullable): the date for people, or %NULL when it is not valid.
 */
char *
chrono_date_format (const ChronoDate *date)
{
  if (!chrono_date_is_valid (date))
    return NULL;
  return format_for_people (date->year, date->month, date->day, date->approx,
                            date->has_time, date->hour, date->minute);
}

/* ------------------------------------------------------------------ */
/* Free-form text                                                      */

typedef enum
{
  TOK_NUM,
  TOK_WORD,
  TOK_PUNCT,
} TokKind;

typedef struct
{
  TokKind  kind;
  gboolean space_before;
  guint    start;              /* byte offset in the trimmed text */
  guint    len;                /* bytes in the trimmed text */
  char     punct;              /* TOK_PUNCT: one of / - . , : ? ~ ' ( ) */
  gint64   value;              /* TOK_NUM: saturates at NUM_SATURATED */
  char     word[MAX_WORD + 1]; /* TOK_WORD: lower case; "" when too long */
} Token;

typedef struct
{
  const char *text;            /* trimmed text, not NUL-terminated */
  gsize       len;
  Token       tok[MAX_TOKENS];
  int         n;
} Lexed;

/* Length in bytes of the white space at @p (ASCII, or no-break, figure,
 * thin and narrow no-break spaces and the BOM in UTF-8), 0 if none. */
static gsize
space_at (const char *p,
          const char *end)
{
  const guchar *u = (const guchar *) p;
  gsize left = end - p;

  if (left >= 1 && (*u == ' ' || (*u >= '\t' && *u <= '\r')))
    return 1;
  if (left >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
    return 2;
  if (left >= 3 && u[0] == 0xe2 && u[1] == 0x80 &&
      (u[2] == 0x87 || u[2] == 0x89 || u[2] == 0xaf || u[2] == 0x8b))
    return 3;
  if (left >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
    return 3;
  return 0;
}

/* Punctuation that may stand in for an ASCII one: en dash, minus sign and
 * right single quotation mark. */
static gsize
unicode_punct_at (const char *p,
                  const char *end,
                  char       *ascii)
{
  const guchar *u = (const guchar *) p;

  if (end - p < 3)
    return 0;
  if (u[0] == 0xe2 && u[1] == 0x80 && u[2] == 0x93)
    *ascii = '-';
  else if (u[0] == 0xe2 && u[1] == 0x88 && u[2] == 0x92)
    *ascii = '-';
  else if (u[0] == 0xe2 && u[1] == 0x80 && u[2] == 0x99)
    *ascii = '\'';
  else
    return 0;
  return 3;
}

/* Trims @text in place (pointer and length). */
static void
trim (const char **text,
      gsize       *len)
{
  const char *p = *text, *end = *text + *len;
  gsize n;

  while (p < end && (n = space_at (p, end)) > 0)
    p += n;
  /* White space is at most 3 bytes: look back for it. */
  for (;;)
    {
      if (end - p >= 1 && space_at (end - 1, end) == 1)
        end -= 1;
      else if (end - p >= 2 && space_at (end - 2, end) == 2)
        end -= 2;
      else if (end - p >= 3 && space_at (end - 3, end) == 3)
        end -= 3;
      else
        break;
    }
  *text = p;
  *len = end - p;
}

/* Splits the (trimmed) text into tokens.  Fails on any byte that cannot be
 * part of a date and on more than MAX_TOKENS tokens. */
static gboolean
lex (Lexed *lx)
{
  const char *p = lx->text, *end = lx->text + lx->len;
  gboolean space = FALSE;
  gsize n;
  char ascii;

  lx->n = 0;
  while (p < end)
    {
      Token *t;

      if ((n = space_at (p, end)) > 0)
        {
          p += n;
          space = TRUE;
          continue;
        }
      if (lx->n == MAX_TOKENS)
        return FALSE;

      t = &lx->tok[lx->n++];
      memset (t, 0, sizeof *t);
      t->space_before = space;
      t->start = p - lx->text;
      space = FALSE;

      if (g_ascii_isdigit (*p))
        {
          t->kind = TOK_NUM;
          while (p < end && g_ascii_isdigit (*p))
            {
              if (t->value < NUM_SATURATED)
                t->value = t->value * 10 + (*p - '0');
              p++;
            }
          if (t->value > NUM_SATURATED)
            t->value = NUM_SATURATED;
        }
      else if (g_ascii_isalpha (*p))
        {
          gsize wl = 0;

          t->kind = TOK_WORD;
          while (p < end && g_ascii_isalpha (*p))
            {
              if (wl < MAX_WORD)
                t->word[wl] = g_ascii_tolower (*p);
              wl++;
              p++;
            }
          if (wl > MAX_WORD)
            t->word[0] = '\0';
        }
      else if (*p != '\0' && strchr ("/-.,:?~'()", *p) != NULL)
        {
          t->kind = TOK_PUNCT;
          t->punct = *p++;
        }
      else if ((n = unicode_punct_at (p, end, &ascii)) > 0)
        {
          t->kind = TOK_PUNCT;
          t->punct = ascii;
          p += n;
        }
      else
        return FALSE;

      t->len = (p - lx->text) - t->start;
    }
  return TRUE;
}

static gboolean
tok_punct (const Lexed *lx,
           int          i,
           char         c)
{
  return i < lx->n && lx->tok[i].kind == TOK_PUNCT && lx->tok[i].punct == c;
}

static gboolean
tok_word (const Lexed *lx,
          int          i,
          const char  *word)
{
  return i < lx->n && lx->tok[i].kind == TOK_WORD && strcmp (lx->tok[i].word, word) == 0;
}

static gboolean
tok_num (const Lexed *lx,
         int          i)
{
  return i < lx->n && lx->tok[i].kind == TOK_NUM;
}

static gboolean
word_in (const char         *word,
         const char * const *list)
{
  for (; *list != NULL; list++)
    if (strcmp (word, *list) == 0)
      return TRUE;
  return FALSE;
}

static int
month_from_word (const char *word)
{
  static const char * const abbrev[] = {
    "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec",
  };

  if (strcmp (word, "sept") == 0)
    return 9;
  for (int m = 0; m < 12; m++)
    {
      if (strcmp (word, abbrev[m]) == 0 || g_ascii_strcasecmp (word, month_names[m]) == 0)
        return m + 1;
    }
  return 0;
}

static const char * const weekday_words[] = {
  "mon", "monday", "tue", "tues", "tuesday", "wed", "weds", "wednesday",
  "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday",
  "sun", "sunday", NULL
};

/* Words before a date that make it approximate. */
static const char * const hedge_words[] = {
  "c", "ca", "circa", "approx", "approximately", "around", "about", "abt",
  "roughly", "est", "estimated", NULL
};

/* Words after a date that make it approximate. */
static const char * const hedge_suffix_words[] = {
  "approx", "approximately", "circa", "est", "estimated", NULL
};

/* Words that place a date within its period; the date must then have no day
 * and becomes approximate at the precision it gives ("mid-2008" is the year
 * 2008, hedged; "mid-June 2009" is June 2009, hedged), because a ChronoDate
 * cannot hold part of a month or of a year and its interval must still
 * contain the truth. */
static const char * const part_words[] = {
  "early", "mid", "middle", "late", "end", "start", "beginning", NULL
};

static gboolean
is_ordinal_suffix (const char *word)
{
  return strcmp (word, "st") == 0 || strcmp (word, "nd") == 0 ||
         strcmp (word, "rd") == 0 || strcmp (word, "th") == 0;
}

typedef enum
{
  TIME_OK,
  TIME_INVALID,
  TIME_RANGE_HOUR,
  TIME_RANGE_MINUTE,
  TIME_RANGE_AMPM,
} TimeResult;

static gboolean
ascii_prefix (const char *p,
              const char *end,
              const char *word)
{
  gsize n = strlen (word);

  return (gsize) (end - p) >= n && g_ascii_strncasecmp (p, word, n) == 0;
}

/* Reads "14:30", "14.30", "1430", "2:30pm", "2 p.m.", "14:30:00",
 * "1430hrs", "noon", "midnight" from @text (@len bytes, already trimmed).
 * Seconds are dropped, not rounded. */
static TimeResult
read_time (const char *text,
           gsize       len,
           int        *hour_out,
           int        *minute_out)
{
  const char *p = text, *end = text + len, *d0;
  int hour, minute = 0, ndigits, value = 0;
  gsize n;

  if (len == 4 && g_ascii_strncasecmp (text, "noon", 4) == 0)
    {
      *hour_out = 12;
      *minute_out = 0;
      return TIME_OK;
    }
  if ((len == 6 && g_ascii_strncasecmp (text, "midday", 6) == 0) ||
      (len == 8 && g_ascii_strncasecmp (text, "midnight", 8) == 0))
    {
      *hour_out = text[3] == 'd' || text[3] == 'D' ? 12 : 0;
      *minute_out = 0;
      return TIME_OK;
    }

  d0 = p;
  while (p < end && g_ascii_isdigit (*p) && p - d0 < 5)
    value = value * 10 + (*p++ - '0');
  ndigits = p - d0;
  if (ndigits == 0 || ndigits > 4)
    return TIME_INVALID;

  if (p < end && (*p == ':' || *p == '.') && ndigits <= 2)
    {
      char sep = *p++;

      hour = value;
      if (end - p < 2 || !g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
        return TIME_INVALID;
      minute = (p[0] - '0') * 10 + (p[1] - '0');
      p += 2;
      if (p < end && *p == sep)
        {
          /* Seconds: read and dropped. */
          if (end - p < 3 || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]))
            return TIME_INVALID;
          if ((p[1] - '0') * 10 + (p[2] - '0') > 59)
            return TIME_RANGE_MINUTE;
          p += 3;
        }
      if (p < end && g_ascii_isdigit (*p))
        return TIME_INVALID;
    }
  else if (ndigits >= 3)
    {
      hour = value / 100;
      minute = value % 100;
    }
  else
    {
      hour = value;
      minute = -1;  /* only valid with am/pm */
    }

  while (p < end && (n = space_at (p, end)) > 0)
    p += n;

  if (ascii_prefix (p, end, "am") || ascii_prefix (p, end, "a.m.") ||
      ascii_prefix (p, end, "pm") || ascii_prefix (p, end, "p.m."))
    {
      gboolean pm = *p == 'p' || *p == 'P';

      p += p[1] == '.' ? 4 : 2;
      if (p != end)
        return TIME_INVALID;
      if (hour < 1 || hour > 12)
        return TIME_RANGE_AMPM;
      hour = hour % 12 + (pm ? 12 : 0);
      if (minute < 0)
        minute = 0;
    }
  else
    {
      if (ascii_prefix (p, end, "hours"))
        p += 5;
      else if (ascii_prefix (p, end, "hrs"))
        p += 3;
      else if (ascii_prefix (p, end, "h"))
        p += 1;
      if (p != end || minute < 0)
        return TIME_INVALID;
    }

  if (hour > 23)
    return TIME_RANGE_HOUR;
  if (minute > 59)
    return TIME_RANGE_MINUTE;

  *hour_out = hour;
  *minute_out = minute;
  return TIME_OK;
}

static gboolean
report_time (TimeResult   result,
             const char  *text,
             gsize        len,
             GError     **error)
{
  switch (result)
    {
    case TIME_OK:
      return TRUE;
    case TIME_RANGE_HOUR:
      set_error (error, CHRONO_DATE_ERROR_RANGE, text, len,
                 _("is not a real time: hours run from 0 to 23"));
      return FALSE;
    case TIME_RANGE_MINUTE:
      set_error (error, CHRONO_DATE_ERROR_RANGE, text, len,
                 _("is not a real time: minutes and seconds run from 0 to 59"));
      return FALSE;
    case TIME_RANGE_AMPM:
      set_error (error, CHRONO_DATE_ERROR_RANGE, text, len,
                 _("is not a real time: with am or pm the hour runs from 1 to 12"));
      return FALSE;
    case TIME_INVALID:
    default:
      set_error (error, CHRONO_DATE_ERROR_INVALID, text, len,
                 _("is not a time of day (e.g. 14:30 or 2:30pm)"));
      return FALSE;
    }
}

static gboolean
text_too_long (const char  *text,
               gsize        len,
               GError     **error)
{
  if (len <= CHRONO_DATE_MAX_TEXT)
    return FALSE;
  set_error (error, CHRONO_DATE_ERROR_INVALID, text, len,
             _("is too long to be a date or time (%zu bytes)"), len);
  return TRUE;
}

/**
 * chrono_date_parse_time:
 * @date: (inout): the date that gets the time
 *
 * Sets the time of @date.  A date that is set but has no day cannot have a
 * time (error %CHRONO_DATE_ERROR_INVALID); an unset date is fine, so the
 * time may be read before the date.  On failure @date is left alone.
 */
gboolean
chrono_date_parse_time (const char  *text,
                        ChronoDate  *date,
                        GError     **error)
{
  gsize len;
  int hour = 0, minute = 0;

  g_return_val_if_fail (date != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    {
      g_set_error_literal (error, CHRONO_DATE_ERROR, CHRONO_DATE_ERROR_INVALID,
                           _("No time given"));
      return FALSE;
    }
  len = strlen (text);
  trim (&text, &len);
  if (text_too_long (text, len, error))
    return FALSE;
  if (len == 0)
    {
      g_set_error_literal (error, CHRONO_DATE_ERROR, CHRONO_DATE_ERROR_INVALID,
                           _("No time given (the text is empty)"));
      return FALSE;
    }
  if (!report_time (read_time (text, len, &hour, &minute), text, len, error))
    return FALSE;
  if (chrono_date_is_set (date) && date->day == 0)
    {
      set_error (error, CHRONO_DATE_ERROR_INVALID, text, len,
                 _("is a time of day, but its date has no day"));
      return FALSE;
    }

  date->has_time = TRUE;
  date->hour = hour;
  date->minute = minute;
  return TRUE;
}

/* A year written with @ndigits digits: two digits pivot at 50 (00-49 are
 * 20xx, 50-99 19xx), four are taken as they are.  Returns -1 for other
 * lengths; the caller reports too many digits as a range error. */
static gint64
year_from_digits (gint64 value,
                  guint  ndigits)
{
  if (ndigits == 2)
    return value < 50 ? 2000 + value : 1900 + value;
  if (ndigits == 4)
    return value;
  return -1;
}

typedef struct
{
  gint64   year, month, day;  /* -1 when not given */
  gboolean ambiguous;
} Ymd;

typedef enum
{
  CORE_OK,
  CORE_INVALID,      /* generic "not a date" */
  CORE_NO_YEAR,
  CORE_YEAR_DIGITS,  /* a year of 1 or 3 digits */
  CORE_YEAR_RANGE,   /* a year of 5 or more digits */
  CORE_SERIAL,
} CoreResult;

/* Reads a year token at @i for the name forms and the numeric forms. */
static CoreResult
read_year (const Lexed *lx,
           int          i,
           gint64      *year)
{
  const Token *t = &lx->tok[i];

  if (t->len >= 5)
    return CORE_YEAR_RANGE;
  *year = year_from_digits (t->value, t->len);
  return *year < 0 ? CORE_YEAR_DIGITS : CORE_OK;
}

/* The date itself, from token *@i up to @end; leaves *@i after it. */
static CoreResult
read_core (const Lexed     *lx,
           int             *i,
           int              end,
           ChronoDateOrder  order,
           Ymd             *ymd)
{
  const Token *a;
  int k = *i;
  CoreResult r;

  if (k >= end)
    return CORE_INVALID;
  a = &lx->tok[k];

  if (a->kind == TOK_NUM)
    {
      /* Numeric: 15/08/2008, 15.8.08, 2008-08-15, 08/2008, 2008-08. */
      if (k + 2 < end && lx->tok[k + 1].kind == TOK_PUNCT &&
          strchr ("/-.", lx->tok[k + 1].punct) != NULL && tok_num (lx, k + 2))
        {
          char sep = lx->tok[k + 1].punct;
          const Token *b = &lx->tok[k + 2];

          if (k + 4 < end && tok_punct (lx, k + 3, sep) && tok_num (lx, k + 4))
            {
              const Token *c = &lx->tok[k + 4];

              if (a->len == 4)
                {
                  ymd->year = a->value;
                  ymd->month = b->value;
                  ymd->day = c->value;
                }
              else
                {
                  if ((r = read_year (lx, k + 4, &ymd->year)) != CORE_OK)
                    return r;
                  ymd->day = order == CHRONO_DATE_ORDER_MDY ? b->value : a->value;
                  ymd->month = order == CHRONO_DATE_ORDER_MDY ? a->value : b->value;
                  ymd->ambiguous = a->value >= 1 && a->value <= 12 &&
                                   b->value >= 1 && b->value <= 12 &&
                                   a->value != b->value;
                }
              *i = k + 5;
              return CORE_OK;
            }

          if (sep == '.' && a->len >= 5)
            return CORE_SERIAL;   /* "39675.5" */
          if (a->len == 4)
            {
              ymd->year = a->value;
              ymd->month = b->value;
            }
          else if (b->len == 4)
            {
              ymd->month = a->value;
              ymd->year = b->value;
            }
          else if (b->len >= 5)
            return CORE_YEAR_RANGE;
          else
            return CORE_NO_YEAR;
          *i = k + 3;
          return CORE_OK;
        }

      /* Day, then month name: 15 Aug 2008, 15-Aug-08, 15th of August 2008. */
      k++;
      if (k < end && lx->tok[k].kind == TOK_WORD && !lx->tok[k].space_before &&
          is_ordinal_suffix (lx->tok[k].word))
        k++;
      if (k < end && lx->tok[k].kind == TOK_PUNCT && strchr ("-/.,", lx->tok[k].punct) != NULL)
        k++;
      if (tok_word (lx, k, "of"))
        k++;
      if (k < end && lx->tok[k].kind == TOK_WORD && month_from_word (lx->tok[k].word) != 0)
        {
          if (a->len == 4)
            return CORE_INVALID;  /* "2008 Aug": not a form agencies use */
          ymd->day = a->value;
          ymd->month = month_from_word (lx->tok[k].word);
          k++;
          if (tok_punct (lx, k, '.') && k + 1 < end && !tok_num (lx, k + 1))
            k++;  /* "Aug." before another separator */
          if (k < end && lx->tok[k].kind == TOK_PUNCT && strchr ("-/.,'", lx->tok[k].punct) != NULL)
            k++;
          if (k >= end || !tok_num (lx, k))
            return CORE_NO_YEAR;
          if ((r = read_year (lx, k, &ymd->year)) != CORE_OK)
            return r;
          *i = k + 1;
          return CORE_OK;
        }

      /* A year on its own. */
      if (a->len == 4)
        {
          ymd->year = a->value;
          *i = *i + 1;
          return CORE_OK;
        }
      if (a->len >= 5)
        return CORE_SERIAL;
      return CORE_INVALID;
    }

  if (a->kind == TOK_WORD && month_from_word (a->word) != 0)
    {
      /* Month name first: Aug-08, August 2008, Aug '08, August 15, 2008. */
      ymd->month = month_from_word (a->word);
      k++;
      if (tok_punct (lx, k, '.') && k + 1 < end && !tok_num (lx, k + 1))
        k++;
      if (k < end && lx->tok[k].kind == TOK_PUNCT && strchr ("-/.,'", lx->tok[k].punct) != NULL)
        k++;
      if (k >= end || !tok_num (lx, k))
        return CORE_NO_YEAR;

      if (k + 1 < end && lx->tok[k + 1].kind == TOK_WORD && !lx->tok[k + 1].space_before &&
          is_ordinal_suffix (lx->tok[k + 1].word))
        {
          /* "Aug 15th 2008", "August 15th, 2008" */
          ymd->day = lx->tok[k].value;
          k += 2;
          if (tok_punct (lx, k, ','))
            k++;
          if (k >= end || !tok_num (lx, k))
            return CORE_NO_YEAR;
        }
      else if (lx->tok[k].len <= 2)
        {
          /* "August 15, 2008", "Aug 15 2008"; but "Aug-15" is August 2015 */
          int y = k + 1;

          if (tok_punct (lx, y, ','))
            y++;
          if (y < end && tok_num (lx, y) && lx->tok[y].len == 4)
            {
              ymd->day = lx->tok[k].value;
              k = y;
            }
        }
      if ((r = read_year (lx, k, &ymd->year)) != CORE_OK)
        return r;
      *i = k + 1;
      return CORE_OK;
    }

  return CORE_INVALID;
}

static void
report_core (CoreResult   result,
             const char  *text,
             gsize        len,
             GError     **error)
{
  switch (result)
    {
    case CORE_NO_YEAR:
      set_error (error, CHRONO_DATE_ERROR_INVALID, text, len,
                 _("has no year (write it as e.g. 15/08/2008 or Aug 2008)"));
      break;
    case CORE_YEAR_DIGITS:
      set_error (error, CHRONO_DATE_ERROR_INVALID, text, len,
                 _("has a year that is neither two nor four digits"));
      break;
    case CORE_YEAR_RANGE:
      set_error (error, CHRONO_DATE_ERROR_RANGE, text, len,
                 _("is not a real date: years run from 1 to 9999"));
      break;
    case CORE_SERIAL:
      set_error (error, CHRONO_DATE_ERROR_INVALID, text, len,
                 _("looks like a spreadsheet serial number, not a date"));
      break;
    case CORE_OK:
    case CORE_INVALID:
    default:
      set_error (error, CHRONO_DATE_ERROR_INVALID, text, len,
                 _("is not a date that can be read (e.g. 15/08/2008, 15 Aug 2008, Aug 2008, 2008)"));
      break;
    }
}

/**
 * chrono_date_parse_text:
 *
 * See the header for the formats.  Details:
 *
 * - Hedges before the date ("c.", "ca.", "circa", "approx.", "around",
 *   "about", "roughly", "est.", "~", "?") or after it ("?", "approx",
 *   "(approx)", "(?)") make it approximate at the precision it gives.
 * - "early", "mid", "late", "start of", "end of" ("mid-2008",
 *   "early March 2011") also make it approximate, at the precision given:
 *   "mid-2008" is the year 2008 hedged and "mid-June 2009" June 2009
 *   hedged, so that the interval still holds the truth.  They refuse a day.
 * - A leading weekday ("Mon", "Monday,") is skipped and not checked: it is
 *   the date, not the weekday, that chronologies are sorted by.
 * - Two-digit years: 00-49 are 2000-2049, 50-99 are 1950-1999.
 * - A time may follow the date after white space, "T", "," or "at".
 *
 * On failure @out is left alone.
 */
gboolean
chrono_date_parse_text (const char       *text,
                        ChronoDateOrder   order,
                        ChronoDate       *out,
                        gboolean         *ambiguous,
                        GError          **error)
{
  Lexed lx;
  Ymd ymd = { -1, -1, -1, FALSE };
  ChronoDate result = CHRONO_DATE_INIT;
  gboolean approx = FALSE, part_of = FALSE, weekday = FALSE;
  CoreResult core;
  int i = 0, end;
  gsize len;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (ambiguous != NULL)
    *ambiguous = FALSE;

  if (text == NULL)
    {
      g_set_error_literal (error, CHRONO_DATE_ERROR, CHRONO_DATE_ERROR_INVALID,
                           _("No date given"));
      return FALSE;
    }

  len = strlen (text);
  trim (&text, &len);
  if (text_too_long (text, len, error))
    return FALSE;
  if (len == 0)
    {
      g_set_error_literal (error, CHRONO_DATE_ERROR, CHRONO_DATE_ERROR_INVALID,
                           _("No date given (the text is empty)"));
      return FALSE;
    }

  lx.text = text;
  lx.len = len;
  if (!lex (&lx))
    {
      report_core (CORE_INVALID, text, len, error);
      return FALSE;
    }
  end = lx.n;

  /* Hedges and a weekday before the date.  Each step eats a token, so the
   * loop ends. */
  while (i < end)
    {
      const Token *t = &lx.tok[i];

      if (t->kind == TOK_PUNCT && (t->punct == '?' || t->punct == '~'))
        {
          approx = TRUE;
          i++;
        }
      else if (t->kind == TOK_WORD && word_in (t->word, hedge_words))
        {
          approx = TRUE;
          i++;
          if (tok_punct (&lx, i, '.'))
            i++;
        }
      else if (t->kind == TOK_WORD && word_in (t->word, part_words))
        {
          approx = part_of = TRUE;
          i++;
          if (tok_punct (&lx, i, '-'))
            i++;
          else if (tok_word (&lx, i, "of"))
            i++;
        }
      else if (t->kind == TOK_WORD && !weekday && word_in (t->word, weekday_words))
        {
          weekday = TRUE;
          i++;
          if (tok_punct (&lx, i, '.'))
            i++;
          if (tok_punct (&lx, i, ','))
            i++;
        }
      else
        break;
    }

  /* Hedges after it. */
  while (end > i)
    {
      if (tok_punct (&lx, end - 1, '?'))
        {
          approx = TRUE;
          end--;
        }
      else if (end - i >= 3 && tok_punct (&lx, end - 1, ')') && tok_punct (&lx, end - 3, '(') &&
               (tok_punct (&lx, end - 2, '?') ||
                (lx.tok[end - 2].kind == TOK_WORD && word_in (lx.tok[end - 2].word, hedge_suffix_words))))
        {
          approx = TRUE;
          end -= 3;
        }
      else if (end - i >= 4 && tok_punct (&lx, end - 1, ')') && tok_punct (&lx, end - 2, '.') &&
               tok_punct (&lx, end - 4, '(') && lx.tok[end - 3].kind == TOK_WORD &&
               word_in (lx.tok[end - 3].word, hedge_suffix_words))
        {
          approx = TRUE;
          end -= 4;
        }
      else if (end - i >= 2 && tok_punct (&lx, end - 1, '.') && lx.tok[end - 2].kind == TOK_WORD &&
               word_in (lx.tok[end - 2].word, hedge_suffix_words))
        {
          approx = TRUE;
          end -= 2;
        }
      else if (lx.tok[end - 1].kind == TOK_WORD && lx.tok[end - 1].space_before &&
               word_in (lx.tok[end - 1].word, hedge_suffix_words))
        {
          approx = TRUE;
          end--;
        }
      else
        break;
    }

  core = read_core (&lx, &i, end, order, &ymd);
  if (core != CORE_OK)
    {
      report_core (core, text, len, error);
      return FALSE;
    }
  if (!check_ymd (text, len, ymd.year, ymd.month, ymd.day, error))
    return FALSE;

  if (part_of && ymd.day >= 0)
    {
      set_error (error, CHRONO_DATE_ERROR_INVALID, text, len,
                 _("is not a date that can be read: early, mid and late go with a month or a year"));
      return FALSE;
    }

  result.year = ymd.year;
  result.month = MAX (ymd.month, 0);
  result.day = MAX (ymd.day, 0);
  result.approx = approx;

  /* A time after the date. */
  if (i < end)
    {
      gboolean separated = lx.tok[i].space_before;
      const Token *last = &lx.tok[end - 1];
      int hour = 0, minute = 0;
      TimeResult tr;

      if (tok_punct (&lx, i, ','))
        {
          separated = TRUE;
          i++;
        }
      if (tok_word (&lx, i, "t") && !lx.tok[i].space_before && !separated)
        {
          separated = TRUE;
          i++;
        }
      else if (tok_word (&lx, i, "at"))
        {
          separated = TRUE;
          i++;
        }

      if (!separated || i >= end)
        {
          report_core (CORE_INVALID, text, len, error);
          return FALSE;
        }

      tr = read_time (text + lx.tok[i].start, last->start + last->len - lx.tok[i].start,
                      &hour, &minute);
      if (tr == TIME_INVALID)
        {
          report_core (CORE_INVALID, text, len, error);
          return FALSE;
        }
      if (!report_time (tr, text, len, error))
        return FALSE;
      if (result.day == 0)
        {
          set_error (error, CHRONO_DATE_ERROR_INVALID, text, len,
                     _("has a time of day but no day"));
          return FALSE;
        }
      result.has_time = TRUE;
      result.hour = hour;
      result.minute = minute;
    }

  if (ambiguous != NULL)
    *ambiguous = ymd.ambiguous;
  *out = result;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Spreadsheet serials                                                 */

/**
 * chrono_date_from_serial:
 *
 * 1900 system: serial 1 is 1900-01-01 and 61 is 1900-03-01; 60 is Excel's
 * 1900-02-29, which never existed, and is refused, as are 0 ("1900-01-00")
 * and pure times (0 < serial < 1).  1904 system: serial 0 is 1904-01-01.
 * The fraction becomes the time, rounded to the nearest minute (a fraction
 * that rounds up to 24:00 moves to the next day at 00:00); the date has a
 * time only when the fraction is not zero.  NaN, infinities, negative
 * serials and dates after 9999-12-31 are refused.  On failure @out is left
 * alone.
 */
gboolean
chrono_date_from_serial (double      serial,
                         gboolean    date1904,
                         ChronoDate *out)
{
  ChronoDate result = CHRONO_DATE_INIT;
  gint64 whole, minutes, day;
  double fraction;
  int y, m, d;

  g_return_val_if_fail (out != NULL, FALSE);

  /* Also false for NaN. */
  if (!(serial >= 0.0 && serial < 4000000.0))
    return FALSE;

  whole = (gint64) serial;  /* truncation is floor for serial >= 0 */
  fraction = serial - (double) whole;

  if (date1904)
    day = chrono_day_from_ymd (1904, 1, 1) + whole;
  else if (whole < 1 || whole == 60)
    return FALSE;
  else if (whole < 60)
    day = chrono_day_from_ymd (1899, 12, 31) + whole;
  else
    day = chrono_day_from_ymd (1899, 12, 30) + whole;

  minutes = (gint64) (fraction * 1440.0 + 0.5);
  if (minutes >= 1440)
    {
      day++;
      minutes -= 1440;
    }
  if (day > LAST_DAY)
    return FALSE;

  chrono_day_to_ymd ((gint32) day, &y, &m, &d);
  result.year = y;
  result.month = m;
  result.day = d;
  if (fraction != 0.0)
    {
      result.has_time = TRUE;
      result.hour = minutes / 60;
      result.minute = minutes % 60;
    }

  *out = result;
  return TRUE;
}
