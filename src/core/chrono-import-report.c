/* chrono-import-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-import-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "chrono-import-report.h"

ChronoImportReport *
chrono_import_report_new (const char *file)
{
  ChronoImportReport *report = g_new0 (ChronoImportReport, 1);

  report->file = g_strdup (file);
  report->reasons = g_ptr_array_new_with_free_func (g_free);
  report->mapping = g_ptr_array_new_with_free_func (g_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
chrono_import_report_free (ChronoImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->file);
  g_free (report->format);
  g_free (report->agency);
  g_ptr_array_unref (report->reasons);
  g_ptr_array_unref (report->mapping);
  g_ptr_array_unref (report->warnings);
  g_free (report);
}

void
chrono_import_report_reject (ChronoImportReport *report,
                             guint64             row,
                             const char         *reason)
{
  g_return_if_fail (report != NULL);

  report->rejected++;
  if (report->reasons->len < CHRONO_IMPORT_REPORT_MAX_REASONS)
    g_ptr_array_add (report->reasons,
                     g_strdup_printf (_("row %" PRIu64 ": %s"), row, reason));
}

void
chrono_import_report_reset (ChronoImportReport *report)
{
  g_return_if_fail (report != NULL);

  report->imported = report->rejected = report->linked = 0;
  report->skipped = FALSE;
  g_ptr_array_set_size (report->reasons, 0);
  g_ptr_array_set_size (report->mapping, 0);
  g_ptr_array_set_size (report->warnings, 0);
}
