/* chrono-docx-reader.h: streaming reader for one table of a Word document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chrono-row-source.h"
#include "chrono-zip-xml.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_DOCX_READER (chrono_docx_reader_get_type ())
G_DECLARE_FINAL_TYPE (ChronoDocxReader, chrono_docx_reader, CHRONO, DOCX_READER, GObject)

/* Opens a .docx (or .docm) document and lists its top-level tables (tables
 * nested in a cell belong to that cell).  The main part is streamed, once
 * to list and measure the tables, then from the selected table on.
 *
 * Default table: among the tables with a date-like column, that is a short
 * cell saying "date" or "when" in one of their first 3 non-empty rows, or
 * at least 3 of their first CHRONO_OFFICE_SCORE_ROWS rows holding a
 * date-shaped text, the one with the most non-empty rows; when no table
 * has one, the one with the most rows.  The first wins ties.
 *
 * Errors: CHRONO_OFFICE_ERROR (NOT_ZIP, NOT_THIS_FORMAT, CORRUPT naming the
 * part, TOO_LARGE, NO_TABLE when the document has no table) or a
 * GFileError. */
ChronoDocxReader *chrono_docx_reader_new_for_path       (const char        *path,
                                                         GError           **error);
guint             chrono_docx_reader_get_n_tables       (ChronoDocxReader  *self);
/* Non-empty rows of table @index. */
guint             chrono_docx_reader_get_table_n_rows   (ChronoDocxReader  *self,
                                                         guint              index);
/* Starts reading table @index from its first row (also to rewind). */
gboolean          chrono_docx_reader_select_table       (ChronoDocxReader  *self,
                                                         guint              index,
                                                         GError           **error);
guint             chrono_docx_reader_get_selected_table (ChronoDocxReader  *self);

/* Same contract as chrono_row_source_next_row().  A cell's text is its
 * paragraphs joined with "\n" (w:tab as "\t", w:br and w:cr as "\n";
 * deleted text, field codes, drawings and text boxes left out); a nested
 * table's paragraphs become lines of the cell that holds it.  A cell
 * spanning columns (gridSpan) is followed by "" for each spanned column, so
 * columns line up; w:gridBefore pads the row's start the same way; cells
 * continuing a vertical merge are "".  Rows end at their last non-empty
 * cell; rows with no text are skipped; @row_number is the row's 1-based
 * position in the table. */
gboolean          chrono_docx_reader_next_row           (ChronoDocxReader  *self,
                                                         GPtrArray        **cells,
                                                         guint64           *row_number,
                                                         GError           **error);

G_END_DECLS
