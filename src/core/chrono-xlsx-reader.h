/* chrono-xlsx-reader.h: streaming reader for one sheet of an Excel workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chrono-row-source.h"
#include "chrono-zip-xml.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_XLSX_READER (chrono_xlsx_reader_get_type ())
G_DECLARE_FINAL_TYPE (ChronoXlsxReader, chrono_xlsx_reader, CHRONO, XLSX_READER, GObject)

/* Opens an .xlsx (or .xlsm) workbook: reads its sheet list, styles and
 * shared strings (held in memory), then selects the sheet that most likely
 * holds the chronology.  Sheets are streamed, never loaded whole.
 *
 * Default sheet: each worksheet's first CHRONO_OFFICE_SCORE_ROWS non-empty
 * rows are scored as (cells that are dates: date-formatted numbers, or text
 * shaped like a date) + 3 x (the most cells in one row that are short and
 * hold a header word: date, time, event, details, agency, ...).  The sheet
 * ranked first by (readable, score > 0, visible, name not like
 * "Guidance"/"Instructions"/"Cover"/"Example"..., score) is selected; the
 * first sheet wins ties.  Chart sheets are not listed.
 *
 * Errors: CHRONO_OFFICE_ERROR (NOT_ZIP, NOT_THIS_FORMAT, CORRUPT naming the
 * part, TOO_LARGE, NO_TABLE when there is no worksheet) or a GFileError.
 * When every sheet fails to read, the first sheet's error is returned. */
ChronoXlsxReader *chrono_xlsx_reader_new_for_path      (const char        *path,
                                                        GError           **error);
guint             chrono_xlsx_reader_get_n_sheets      (ChronoXlsxReader  *self);
const char       *chrono_xlsx_reader_get_sheet_name    (ChronoXlsxReader  *self,
                                                        guint              index);
/* Starts reading sheet @index from its first row (also to rewind). */
gboolean          chrono_xlsx_reader_select_sheet      (ChronoXlsxReader  *self,
                                                        guint              index,
                                                        GError           **error);
guint             chrono_xlsx_reader_get_selected_sheet (ChronoXlsxReader *self);
gboolean          chrono_xlsx_reader_get_date1904      (ChronoXlsxReader  *self);

/* Same contract as chrono_row_source_next_row().  Cells are UTF-8: shared
 * and inline strings (rich text runs joined, phonetic runs left out),
 * booleans as TRUE/FALSE, formula results from their cached value, errors
 * as shown (#N/A), numbers as "%.15g", date-formatted numbers as
 * "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "HH:MM" (time formats).  A row ends
 * at its last non-empty cell; rows with no text are skipped, and
 * @row_number is the sheet's own row number.  Merged cells keep their value
 * in the top-left cell only. */
gboolean          chrono_xlsx_reader_next_row          (ChronoXlsxReader  *self,
                                                        GPtrArray        **cells,
                                                        guint64           *row_number,
                                                        GError           **error);

G_END_DECLS
