/* chrono-ods-reader.h: streaming reader for one sheet of an OpenDocument spreadsheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chrono-row-source.h"
#include "chrono-zip-xml.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_ODS_READER (chrono_ods_reader_get_type ())
G_DECLARE_FINAL_TYPE (ChronoOdsReader, chrono_ods_reader, CHRONO, ODS_READER, GObject)

/* Opens an .ods spreadsheet.  content.xml is streamed twice at most: once
 * to list the sheets (scoring the first CHRONO_OFFICE_SCORE_ROWS non-empty
 * rows of each), then from the selected sheet on.  The default sheet is
 * chosen by the same rule as ChronoXlsxReader's (see chrono-xlsx-reader.h;
 * ODS sheets are never treated as hidden).
 *
 * Errors: CHRONO_OFFICE_ERROR (NOT_ZIP, NOT_THIS_FORMAT for other ZIPs and
 * other OpenDocument types, CORRUPT naming the part, TOO_LARGE, NO_TABLE)
 * or a GFileError. */
ChronoOdsReader *chrono_ods_reader_new_for_path       (const char       *path,
                                                       GError          **error);
guint            chrono_ods_reader_get_n_sheets       (ChronoOdsReader  *self);
const char      *chrono_ods_reader_get_sheet_name     (ChronoOdsReader  *self,
                                                       guint             index);
/* Starts reading sheet @index from its first row (also to rewind). */
gboolean         chrono_ods_reader_select_sheet       (ChronoOdsReader  *self,
                                                       guint             index,
                                                       GError          **error);
guint            chrono_ods_reader_get_selected_sheet (ChronoOdsReader  *self);

/* Same contract as chrono_row_source_next_row().  Cell text is the cell's
 * paragraphs joined with "\n" (text:s, text:tab and text:line-break kept,
 * other white space collapsed as ODF says; comments left out).  Typed cells:
 * dates as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM", times as "HH:MM", numbers
 * from office:value as "%.15g", booleans as TRUE/FALSE.  Repeated cells and
 * rows are expanded only when they hold text (up to the
 * CHRONO_OFFICE_MAX_COLUMNS x CHRONO_OFFICE_MAX_ROWS grid), so trailing
 * runs of empty cells cost nothing; a sheet whose repeats copy text more
 * than 4 x CHRONO_OFFICE_MAX_COLUMNS times fails (TOO_LARGE), as a few
 * bytes must not stand for millions of cells.  Rows with no text are skipped;
 * @row_number counts every row, repeated ones included, from 1. */
gboolean         chrono_ods_reader_next_row           (ChronoOdsReader  *self,
                                                       GPtrArray       **cells,
                                                       guint64          *row_number,
                                                       GError          **error);

G_END_DECLS
