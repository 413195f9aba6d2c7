/* chrono-import-report.h: what one import did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Rejected rows are also kept in the case, verbatim, with their reasons. */
typedef struct
{
  char      *file;       /* display name */
  char      *format;     /* "CSV (UTF-8, ';')", "XLSX sheet “Chronology”", … */
  char      *agency;     /* the agency the file's rows were given, if one */
  guint      imported;
  guint      rejected;
  guint      linked;     /* likely duplicates of other agencies' events */
  gboolean   skipped;    /* the same bytes were imported before */
  GPtrArray *reasons;    /* the first few rejection messages ("row 12: …") */
  GPtrArray *mapping;    /* "header → field" lines, in column order */
  GPtrArray *warnings;   /* e.g. dates that could be month-first */
} ChronoImportReport;

#define CHRONO_IMPORT_REPORT_MAX_REASONS 10

ChronoImportReport *chrono_import_report_new        (const char         *file);
void                chrono_import_report_free       (ChronoImportReport *report);
void                chrono_import_report_reject     (ChronoImportReport *report,
                                                     guint64             row,
                                                     const char         *reason);
/* Forgets counts and messages (after a rolled-back attempt). */
void                chrono_import_report_reset      (ChronoImportReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoImportReport, chrono_import_report_free)

G_END_DECLS
