/* chrono-importer.h: agencies' chronologies, as they come, into one case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chrono-aliases.h"
#include "chrono-date.h"
#include "chrono-import-report.h"
#include "chrono-store.h"

G_BEGIN_DECLS

#define CHRONO_IMPORT_ERROR (chrono_import_error_quark ())

typedef enum
{
  CHRONO_IMPORT_ERROR_UNSUPPORTED,  /* a format we cannot read (PDF, .xls, .doc) */
  CHRONO_IMPORT_ERROR_NO_HEADER,    /* no header row with a date column */
  CHRONO_IMPORT_ERROR_CANCELLED,
} ChronoImportError;

/* The largest file a case keeps (its bytes are stored with the events). */
#define CHRONO_IMPORT_MAX_FILE G_GINT64_CONSTANT (2147483647)

#define CHRONO_TYPE_IMPORTER (chrono_importer_get_type ())
G_DECLARE_FINAL_TYPE (ChronoImporter, chrono_importer, CHRONO, IMPORTER, GObject)

GQuark          chrono_import_error_quark       (void);

ChronoImporter *chrono_importer_new              (ChronoStore        *store);
ChronoAliases  *chrono_importer_get_aliases      (ChronoImporter     *self);
/* Day-first (UK) unless set; when unset, a file whose dates can only be
 * month-first is read that way and said so in the report. */
void            chrono_importer_set_date_order   (ChronoImporter     *self,
                                                  ChronoDateOrder     order);
/* Re-importing bytes already in the case replaces the earlier import
 * instead of being skipped. */
void            chrono_importer_set_replace      (ChronoImporter     *self,
                                                  gboolean            replace);
/* Only for the exchange format: reads it strictly, as SCHEMA.md says. */
void            chrono_importer_set_exchange_only (ChronoImporter    *self,
                                                  gboolean            exchange_only);

/* Imports one file (CSV/TSV in any common encoding, XLSX, ODS, DOCX
 * tables, or the exchange format) in one transaction: every row becomes an
 * event or a rejected row kept with its reason; the file's bytes and SHA-256
 * are stored.  @agency (may be NULL) is the agency of rows that do not name
 * one; without it the file name suggests one.  Returns FALSE, leaving the
 * case as it was, only when the file cannot be read as a table at all or the
 * case cannot be written. */
gboolean        chrono_importer_import_file      (ChronoImporter     *self,
                                                  const char         *path,
                                                  const char         *agency,
                                                  ChronoImportReport *report,
                                                  GCancellable       *cancellable,
                                                  GError            **error);

G_END_DECLS
