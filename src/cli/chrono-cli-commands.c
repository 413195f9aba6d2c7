/* chrono-cli-commands.c: import, export and info
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronoscope-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "chrono-cli-commands.h"
#include "chrono-exchange.h"
#include "chrono-importer.h"
#include "chrono-store.h"

void
chrono_cli_fail (const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "chronoscope-cli: %s\n", message);
}

/* Parses "-o FILE"/"--output FILE"/"--output=FILE" out of @argv, leaving
 * the other arguments in @rest.  Returns FALSE on a malformed option. */
static gboolean
take_output (int          argc,
             char       **argv,
             char       **output,
             GPtrArray   *rest)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (strcmp (arg, "-o") == 0 || strcmp (arg, "--output") == 0)
        {
          if (i + 1 >= argc)
            {
              chrono_cli_fail (_("%s needs a file name"), arg);
              return FALSE;
            }
          g_free (*output);
          *output = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--output="))
        {
          g_free (*output);
          *output = g_strdup (arg + strlen ("--output="));
        }
      else
        g_ptr_array_add (rest, (gpointer) arg);
    }
  return TRUE;
}

static void
print_report (ChronoImportReport *report)
{
  if (report->skipped)
    {
      printf (_("%s: skipped\n"), report->file);
      for (guint j = 0; j < report->warnings->len; j++)
        printf ("  %s\n", (const char *) g_ptr_array_index (report->warnings, j));
      return;
    }

  printf (_("%s: %u imported, %u rejected\n"), report->file, report->imported, report->rejected);
  if (report->format != NULL)
    printf (_("  read as %s\n"), report->format);
  if (report->agency != NULL)
    printf (_("  agency: %s\n"), report->agency);
  if (report->linked > 0)
    printf (g_dngettext (GETTEXT_PACKAGE, "  %u likely duplicate of another agency’s record linked\n",
                         "  %u likely duplicates of other agencies’ records linked\n",
                         report->linked), report->linked);
  printf (_("  columns:\n"));
  for (guint j = 0; j < report->mapping->len; j++)
    printf ("    %s\n", (const char *) g_ptr_array_index (report->mapping, j));
  for (guint j = 0; j < report->warnings->len; j++)
    printf (_("  warning: %s\n"), (const char *) g_ptr_array_index (report->warnings, j));
  for (guint j = 0; j < report->reasons->len; j++)
    printf (_("  rejected %s\n"), (const char *) g_ptr_array_index (report->reasons, j));
  if (report->rejected > report->reasons->len)
    printf (_("  … and %u more rejected rows (kept in the case)\n"),
            report->rejected - report->reasons->len);
}

int
chrono_cli_import (int    argc,
                   char **argv)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(ChronoImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const char *agency = NULL;
  guint total = 0, n_files = 0;

  if (!take_output (argc, argv, &output, rest))
    return 1;
  if (output == NULL)
    {
      chrono_cli_fail (_("import: say which case file to write with -o CASE"));
      return 1;
    }

  /* Check every option and file name before touching the case. */
  for (guint i = 0; i < rest->len; i++)
    {
      const char *arg = g_ptr_array_index (rest, i);

      if (strcmp (arg, "--agency") == 0)
        {
          if (++i >= rest->len)
            {
              chrono_cli_fail (_("--agency needs a name"));
              return 1;
            }
        }
      else if (g_str_has_prefix (arg, "-") && strcmp (arg, "--replace") != 0 &&
               strcmp (arg, "--month-first") != 0 && strcmp (arg, "--day-first") != 0 &&
               !g_str_has_prefix (arg, "--agency="))
        {
          chrono_cli_fail (_("import: unknown option “%s”"), arg);
          return 1;
        }
      else if (!g_str_has_prefix (arg, "-"))
        n_files++;
    }
  if (n_files == 0)
    {
      chrono_cli_fail (_("import: name at least one file to import"));
      return 1;
    }

  store = chrono_store_open (output, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      chrono_cli_fail ("%s", error->message);
      return 1;
    }
  importer = chrono_importer_new (store);

  for (guint i = 0; i < rest->len; i++)
    {
      const char *arg = g_ptr_array_index (rest, i);
      g_autoptr(ChronoImportReport) report = NULL;
      g_autofree char *display = NULL;

      if (strcmp (arg, "--agency") == 0)
        {
          agency = g_ptr_array_index (rest, ++i);
          continue;
        }
      if (g_str_has_prefix (arg, "--agency="))
        {
          agency = arg + strlen ("--agency=");
          continue;
        }
      if (strcmp (arg, "--replace") == 0)
        {
          chrono_importer_set_replace (importer, TRUE);
          continue;
        }
      if (strcmp (arg, "--month-first") == 0 || strcmp (arg, "--day-first") == 0)
        {
          chrono_importer_set_date_order (importer, strcmp (arg, "--day-first") == 0
                                                      ? CHRONO_DATE_ORDER_DMY
                                                      : CHRONO_DATE_ORDER_MDY);
          continue;
        }

      display = g_filename_display_name (arg);
      report = chrono_import_report_new (display);
      if (!chrono_importer_import_file (importer, arg, agency, report, NULL, &error))
        {
          chrono_cli_fail ("%s", error->message);
          g_clear_error (&error);
          continue;
        }
      print_report (report);
      total += report->imported;
    }

  chrono_store_close (store);
  if (total == 0)
    {
      chrono_cli_fail (_("import: nothing could be imported into %s"), output);
      return 1;
    }
  return 0;
}

int
chrono_cli_export (int    argc,
                   char **argv)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;

  if (!take_output (argc, argv, &output, rest))
    return 1;
  if (rest->len != 1 || output == NULL)
    {
      chrono_cli_fail (_("usage: chronoscope-cli export CASE -o OUT.csv"));
      return 1;
    }

  store = chrono_store_open (g_ptr_array_index (rest, 0), CHRONO_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || !chrono_exchange_export (store, output, &error))
    {
      chrono_cli_fail ("%s", error->message);
      return 1;
    }
  return 0;
}

int
chrono_cli_info (int    argc,
                 char **argv)
{
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GPtrArray) subjects = NULL;
  g_autofree char *display = NULL;
  ChronoDate first, last;
  guint n_events;

  if (argc != 2 || g_str_has_prefix (argv[1], "-"))
    {
      chrono_cli_fail (_("usage: chronoscope-cli info CASE"));
      return 1;
    }

  store = chrono_store_open (argv[1], CHRONO_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || !chrono_store_check_integrity (store, &error))
    {
      chrono_cli_fail ("%s", error->message);
      return 1;
    }

  n_events = chrono_store_count_events (store, &error);
  agencies = error == NULL ? chrono_store_list_agencies (store, &error) : NULL;
  subjects = error == NULL ? chrono_store_list_subjects (store, &error) : NULL;
  if (error != NULL)
    {
      chrono_cli_fail ("%s", error->message);
      return 1;
    }

  display = g_filename_display_name (argv[1]);
  printf (_("Case: %s\n"), display);
  printf (_("Events: %u\n"), n_events);
  if (chrono_store_get_extent (store, &first, &last, NULL))
    {
      g_autofree char *from = chrono_date_to_iso (&first);
      g_autofree char *to = chrono_date_to_iso (&last);
      printf (_("Period: %s to %s\n"), from, to);
    }
  printf (_("Agencies: %u\n"), agencies->len);
  for (guint i = 0; i < agencies->len; i++)
    {
      ChronoAgency *agency = g_ptr_array_index (agencies, i);
      const char * const *units = chrono_agency_get_units (agency);
      g_autofree char *unit_list = g_strjoinv (", ", (char **) units);

      printf ("  %-32s %6u", chrono_agency_get_name (agency), chrono_agency_get_n_events (agency));
      if (units[0] != NULL)
        printf (_("  (units: %s)"), unit_list);
      printf ("\n");
    }
  printf (_("Subjects: %u\n"), subjects->len);
  for (guint i = 0; i < subjects->len; i++)
    printf ("  %s\n", chrono_subject_get_pseudonym (g_ptr_array_index (subjects, i)));
  printf (_("Rejected rows: %u\n"), chrono_store_count_rejected_rows (store));
  return 0;
}
