/* chrono-exchange.h: the merged chronology as CSV (SCHEMA.md), both ways
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chrono-import-report.h"
#include "chrono-store.h"

G_BEGIN_DECLS

/* The exchange format's columns, in the order export writes them. */
const char * const *chrono_exchange_columns   (void);

/* TRUE when @header (a file's first row) is the exchange format: it has at
 * least the date, date_precision, agency and summary columns by name. */
gboolean            chrono_exchange_is_header (GPtrArray          *header);

/* Imports an exchange-format file strictly (see ChronoImporter, which reads
 * every other format too): one transaction; rejected rows kept with their
 * reasons; @agency (may be NULL) for rows whose agency cell is blank. */
gboolean            chrono_exchange_import    (ChronoStore        *store,
                                               const char         *path,
                                               const char         *agency,
                                               ChronoImportReport *report,
                                               GError            **error);

/* Writes every event in import order, unknown columns after the schema's.
 * The file is replaced atomically: a failed export leaves nothing behind. */
gboolean            chrono_exchange_export    (ChronoStore        *store,
                                               const char         *path,
                                               GError            **error);

G_END_DECLS
