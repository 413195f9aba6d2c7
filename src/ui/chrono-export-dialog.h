/* chrono-export-dialog.h: the timeline as a PNG, SVG or PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chrono-marks.h"
#include "chrono-store.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_EXPORT_DIALOG (chrono_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChronoExportDialog, chrono_export_dialog, CHRONO, EXPORT_DIALOG, AdwWindow)

/* Asks how much, how large and in which format, then where; draws the days
 * [@from, @to) of @marks (the period shown) or all of them.  @store (may be
 * NULL) gives the review period, key dates and summaries. */
ChronoExportDialog *chrono_export_dialog_new    (GtkWindow          *parent,
                                                 ChronoMarks        *marks,
                                                 ChronoStore        *store,
                                                 double              from,
                                                 double              to);
/* Writes @path (its extension says the format) without asking. */
gboolean            chrono_export_dialog_export (ChronoExportDialog *self,
                                                 const char         *path,
                                                 GError            **error);

G_END_DECLS
