/* fuzz-date.c: bytes as a date cell, a time cell and an exchange-format date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "chrono-date.h"
#include "fuzz-common.h"

/* A date that was read: it is a real date, and it survives the exchange
 * format (to_iso, precision, time, then parse_iso) unchanged. */
static void
check_date (const ChronoDate *date)
{
  g_autofree char *iso = NULL;
  g_autofree char *time = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;
  ChronoDate again = CHRONO_DATE_INIT;
  ChronoPrecision precision;
  gint32 first, last;

  FUZZ_CHECK (chrono_date_is_set (date));
  FUZZ_CHECK (chrono_date_is_valid (date));

  precision = chrono_date_get_precision (date);
  iso = chrono_date_to_iso (date);
  time = chrono_date_time_to_string (date);
  FUZZ_CHECK (iso != NULL);
  FUZZ_CHECK (!date->has_time == (time == NULL));
  if (!chrono_date_parse_iso (iso, chrono_precision_to_string (precision), time, &again, &error))
    {
      fprintf (stderr, "%s / %s / %s: %s\n", iso, chrono_precision_to_string (precision),
               time != NULL ? time : "-", error->message);
      FUZZ_CHECK (!"a date read from text does not parse back from ISO");
    }
  FUZZ_CHECK (chrono_date_equal (date, &again));
  FUZZ_CHECK (chrono_date_compare (date, &again) == 0);
  FUZZ_CHECK (chrono_date_sort_key (date) == chrono_date_sort_key (&again));

  chrono_date_get_interval (date, &first, &last);
  FUZZ_CHECK (first >= 0 && first <= last);

  shown = chrono_date_format (date);
  FUZZ_CHECK (shown != NULL && shown[0] != '\0' && g_utf8_validate (shown, -1, NULL));
}

static void
check_failure (const GError *error)
{
  fuzz_check_error (error);
  FUZZ_CHECK (error->domain == CHRONO_DATE_ERROR);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  static const ChronoDateOrder orders[] = { CHRONO_DATE_ORDER_DMY, CHRONO_DATE_ORDER_MDY };

  fuzz_scratch_dir ();

  /* A date cell, read both ways. */
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autoptr(GError) error = NULL;
      ChronoDate date = CHRONO_DATE_INIT;
      gboolean ambiguous = FALSE;

      if (chrono_date_parse_text (text, orders[i], &date, &ambiguous, &error))
        {
          FUZZ_CHECK (error == NULL);
          check_date (&date);

          /* A time cell beside it. */
          {
            g_autoptr(GError) time_error = NULL;
            ChronoDate timed = date;

            if (timed.day != 0 && chrono_date_parse_time (text, &timed, &time_error))
              {
                FUZZ_CHECK (timed.has_time && timed.hour < 24 && timed.minute < 60);
                check_date (&timed);
              }
            else if (timed.day != 0)
              {
                check_failure (time_error);
              }
          }
        }
      else
        {
          check_failure (error);
        }
    }

  /* A time cell on its own, for a day-precision date. */
  {
    g_autoptr(GError) error = NULL;
    ChronoDate date = { 2011, 8, 2, 0, 0, 0, 0 };

    if (chrono_date_parse_time (text, &date, &error))
      {
        FUZZ_CHECK (date.year == 2011 && date.month == 8 && date.day == 2);
        check_date (&date);
      }
    else
      {
        check_failure (error);
      }
  }

  /* The exchange format: "date|precision|time", any part left out. */
  {
    g_auto(GStrv) parts = g_strsplit (text, "|", 3);
    g_autoptr(GError) error = NULL;
    ChronoDate date = CHRONO_DATE_INIT;
    guint n = g_strv_length (parts);

    if (chrono_date_parse_iso (n > 0 ? parts[0] : text, n > 1 ? parts[1] : NULL,
                               n > 2 ? parts[2] : NULL, &date, &error))
      {
        ChronoPrecision precision;

        check_date (&date);
        FUZZ_CHECK (chrono_precision_from_string (
                      chrono_precision_to_string (chrono_date_get_precision (&date)), &precision));
      }
    else
      {
        check_failure (error);
      }
  }

  /* A spreadsheet serial from the first eight bytes. */
  if (size >= sizeof (double))
    {
      ChronoDate date = CHRONO_DATE_INIT;
      double serial;

      memcpy (&serial, data, sizeof serial);
      for (int system = 0; system < 2; system++)
        if (chrono_date_from_serial (serial, system, &date))
          check_date (&date);
    }
  return 0;
}
