/* test-office.c: the XLSX, ODS and DOCX row sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <zip.h>

#include "chrono-docx-reader.h"
#include "chrono-ods-reader.h"
#include "chrono-xlsx-reader.h"
#include "chrono-zip-xml.h"

typedef struct
{
  guint64  number;
  GStrv    cells;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_strfreev (row->cells);
  g_free (row);
}

static char *
office_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "office", name, NULL);
}

static char *
stacey_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "stacey", "submissions", name, NULL);
}

/* Reads every row left in @source; asserts it ends without an error. */
static GPtrArray *
read_rows (gpointer source)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
  GPtrArray *cells;
  guint64 number = 0;

  g_assert_true (CHRONO_IS_ROW_SOURCE (source));
  while (chrono_row_source_next_row (CHRONO_ROW_SOURCE (source), &cells, &number, &error))
    {
      Row *row = g_new0 (Row, 1);

      row->number = number;
      row->cells = g_new0 (char *, cells->len + 1);
      for (guint i = 0; i < cells->len; i++)
        {
          const char *text = g_ptr_array_index (cells, i);

          g_assert_nonnull (text);
          g_assert_true (g_utf8_validate (text, -1, NULL));
          row->cells[i] = g_strdup (text);
        }
      g_ptr_array_add (rows, row);
    }
  g_assert_no_error (error);
  /* the end is sticky */
  g_assert_false (chrono_row_source_next_row (CHRONO_ROW_SOURCE (source), &cells, &number, &error));
  g_assert_no_error (error);
  return rows;
}

static Row *
find_row (GPtrArray *rows,
          guint64    number)
{
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);

      if (row->number == number)
        return row;
    }
  g_error ("no row %" G_GUINT64_FORMAT, number);
  return NULL;
}

#define assert_cells(row, ...) \
  assert_cells_impl ((row), (const char *[]) { __VA_ARGS__, NULL })

static void
assert_cells_impl (Row         *row,
                   const char **expected)
{
  guint n = g_strv_length ((GStrv) expected);

  for (guint i = 0; i < n && row->cells[i] != NULL; i++)
    g_assert_cmpstr (row->cells[i], ==, expected[i]);
  g_assert_cmpuint (g_strv_length (row->cells), ==, n);
}

/* ---- the real submissions ---------------------------------------------- */

typedef struct
{
  char *date;
  char *precision;
} CsvDate;

static void
csv_date_free (gpointer data)
{
  CsvDate *date = data;

  g_free (date->date);
  g_free (date->precision);
  g_free (date);
}

/* id -> date and precision, from tests/data/stacey/chronology.csv (the first
 * three fields are never quoted). */
static GHashTable *
load_chronology_dates (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "stacey",
                                                 "chronology.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, csv_date_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      CsvDate *date;

      if (!g_regex_match_simple ("^C[0-9]{3},", lines[i], 0, 0))
        continue;
      fields = g_strsplit (lines[i], ",", 4);
      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      date = g_new0 (CsvDate, 1);
      date->date = g_strdup (fields[1]);
      date->precision = g_strdup (fields[2]);
      g_hash_table_insert (dates, g_strdup (fields[0]), date);
    }
  g_assert_cmpuint (g_hash_table_size (dates), ==, 215);
  return dates;
}

static void
test_xlsx_probation (void)
{
  g_autofree char *path = stacey_path ("probation.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoXlsxReader) reader = chrono_xlsx_reader_new_for_path (path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) dates = load_chronology_dates ();
  guint n_data = 0, n_day_checked = 0;
  Row *header;

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_cmpuint (chrono_xlsx_reader_get_n_sheets (reader), ==, 1);
  g_assert_cmpstr (chrono_xlsx_reader_get_sheet_name (reader, 0), ==, "Chronology");
  g_assert_cmpuint (chrono_xlsx_reader_get_selected_sheet (reader), ==, 0);
  g_assert_false (chrono_xlsx_reader_get_date1904 (reader));

  rows = read_rows (reader);
  g_assert_cmpuint (rows->len, ==, 23);
  assert_cells (g_ptr_array_index (rows, 0), "Agency chronology - submitted for review panel");
  g_assert_cmpuint (((Row *) g_ptr_array_index (rows, 0))->number, ==, 1);

  header = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (header->number, ==, 3);
  assert_cells (header, "Event Date", "Time", "End Date", "Team", "Subject", "Event",
                "Outcome / Sharing", "Ref");

  for (guint i = 2; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      CsvDate *date;

      g_assert_cmpuint (row->number, ==, i + 2);
      g_assert_cmpuint (g_strv_length (row->cells), ==, 8);
      date = g_hash_table_lookup (dates, row->cells[7]);
      g_assert_nonnull (date);
      if (g_str_equal (date->precision, "day"))
        {
          g_assert_cmpstr (row->cells[0], ==, date->date);
          n_day_checked++;
        }
      n_data++;
    }
  g_assert_cmpuint (n_data, ==, 21);
  g_assert_cmpuint (n_day_checked, ==, 16);

  /* text in date-formatted cells stays text */
  assert_cells (find_row (rows, 5), "2004", "", "2008", "", "Perpetrator",
                "Note: After release Probation managed him as a registered sex offender "
                "under MAPPA level 1 until 2008.", "", "C008");
  assert_cells (find_row (rows, 6), "2011-08-02", "", "", "", "Perpetrator",
                "Assessment: The offender manager writing the pre-sentence report "
                "interviewed him by video link.", "", "C172");
  g_assert_cmpstr (find_row (rows, 8)->cells[0], ==, "around August 2011");
  g_assert_cmpstr (find_row (rows, 23)->cells[0], ==, "2011-10-19");
}

static void
test_docx_women_s_aid (void)
{
  g_autofree char *path = stacey_path ("women-s-aid.docx");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocxReader) reader = chrono_docx_reader_new_for_path (path, &error);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_cmpuint (chrono_docx_reader_get_n_tables (reader), ==, 1);
  g_assert_cmpuint (chrono_docx_reader_get_table_n_rows (reader, 0), ==, 12);
  g_assert_cmpuint (chrono_docx_reader_get_selected_table (reader), ==, 0);

  rows = read_rows (reader);
  g_assert_cmpuint (rows->len, ==, 12);
  assert_cells (g_ptr_array_index (rows, 0),
                "Date", "Time", "End date", "No.", "Source", "Event", "Outcome");
  for (guint i = 1; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      g_autofree char *sequence = g_strdup_printf ("%u", i);

      g_assert_cmpuint (row->number, ==, i + 1);
      g_assert_cmpstr (row->cells[3], ==, sequence);
      g_assert_true (g_str_has_prefix (row->cells[4], "Women's Aid - case record (C"));
    }

  assert_cells (find_row (rows, 2), "around February 2009", "", "", "1",
                "Women's Aid - case record (C036)",
                "Contact: The IDVA went through housing, benefits, civil remedies and "
                "criminal proceedings with Stacey, who would not back a prosecution and "
                "wanted time to think.");
  assert_cells (find_row (rows, 9), "24 April 2011", "", "", "8",
                "Women's Aid - case record (C134)",
                "Case closed: Women's Aid closed the case under its two-week no-contact "
                "rule, emailing police that Stacey had declined support; no MARAC "
                "referral. Section 6 gives 24 May instead.",
                "Shared with Nottinghamshire Police");
  assert_cells (find_row (rows, 12), "14 June 2011", "", "", "11",
                "Women's Aid - case record (C151)",
                "Contact: Stacey called the helpline again asking about support "
                "services in Sheffield.");
}

/* ---- generated fixtures -------------------------------------------------- */

static void
test_xlsx_fixture (void)
{
  g_autofree char *path = office_path ("chronology.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoXlsxReader) reader = chrono_xlsx_reader_new_for_path (path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) guidance = NULL;
  g_autoptr(GPtrArray) again = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (chrono_xlsx_reader_get_n_sheets (reader), ==, 2);
  g_assert_cmpstr (chrono_xlsx_reader_get_sheet_name (reader, 0), ==, "Guidance");
  g_assert_cmpstr (chrono_xlsx_reader_get_sheet_name (reader, 1), ==, "Chronology");
  /* the guidance sheet comes first, the chronology is chosen */
  g_assert_cmpuint (chrono_xlsx_reader_get_selected_sheet (reader), ==, 1);
  g_assert_true (chrono_xlsx_reader_get_date1904 (reader));

  rows = read_rows (reader);
  g_assert_cmpuint (rows->len, ==, 9);
  assert_cells (find_row (rows, 1), "Multi-agency chronology: Test case");
  assert_cells (find_row (rows, 2), "Agency: Test Agency");
  assert_cells (find_row (rows, 4), "Date", "Time", "End date", "Agency", "Event", "Outcome");
  assert_cells (find_row (rows, 5), "2011-08-02", "13:30", "", "Probation",
                "Home visit: no answer", "TRUE");
  assert_cells (find_row (rows, 6), "2011-08-03 09:15", "", "2011-08-10", "",
                "Line one\r\nLine two", "Shared with police");
  assert_cells (find_row (rows, 8), "around August 2011", "", "", "", "", "#N/A");
  assert_cells (find_row (rows, 9), "2011-09-01", "", "Telephone call to school");
  assert_cells (find_row (rows, 10), "1904-01-01", "", "", "42", "3.5", "0.3", "1.5", "7");
  assert_cells (find_row (rows, 12), "", "rich inline");
  g_assert_cmpuint (((Row *) g_ptr_array_index (rows, 8))->number, ==, 12);

  g_assert_true (chrono_xlsx_reader_select_sheet (reader, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chrono_xlsx_reader_get_selected_sheet (reader), ==, 0);
  guidance = read_rows (reader);
  g_assert_cmpuint (guidance->len, ==, 6);
  assert_cells (find_row (guidance, 4), "Date", "The date of the event, as DD/MM/YYYY");
  assert_cells (find_row (guidance, 8), "Please do not change the column order.");

  /* selecting again starts over */
  g_assert_true (chrono_xlsx_reader_select_sheet (reader, 1, &error));
  again = read_rows (reader);
  g_assert_cmpuint (again->len, ==, 9);
  assert_cells (g_ptr_array_index (again, 0), "Multi-agency chronology: Test case");
}

static void
test_xlsx_serials (void)
{
  g_autofree char *path = office_path ("serials-1900.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoXlsxReader) reader = chrono_xlsx_reader_new_for_path (path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  static const char * const expected[] = {
    "1900-01-01", "1900-02-28", "1900-02-29", "1900-03-01", "2011-08-02 13:30",
    "13:30", "2011-08-03", "9999-12-31", "2958466", "-1", "1.23456789012346e+19",
    "1e-07", "0.1", "00:00", "2011-08-02 13:30",
  };

  g_assert_no_error (error);
  /* strict namespaces with an x: prefix; the chart sheet is not listed */
  g_assert_cmpuint (chrono_xlsx_reader_get_n_sheets (reader), ==, 2);
  g_assert_cmpstr (chrono_xlsx_reader_get_sheet_name (reader, 0), ==, "Lists");
  g_assert_cmpstr (chrono_xlsx_reader_get_sheet_name (reader, 1), ==, "Serials");
  /* "Lists" scores higher but is hidden */
  g_assert_cmpuint (chrono_xlsx_reader_get_selected_sheet (reader), ==, 1);
  g_assert_false (chrono_xlsx_reader_get_date1904 (reader));

  rows = read_rows (reader);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      Row *row = g_ptr_array_index (rows, i);

      g_assert_cmpuint (row->number, ==, i + 1);
      assert_cells (row, expected[i]);
    }
}

static void
test_ods_fixture (void)
{
  g_autofree char *path = office_path ("chronology.ods");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoOdsReader) reader = chrono_ods_reader_new_for_path (path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) notes = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (chrono_ods_reader_get_n_sheets (reader), ==, 2);
  g_assert_cmpstr (chrono_ods_reader_get_sheet_name (reader, 0), ==, "Notes");
  g_assert_cmpstr (chrono_ods_reader_get_sheet_name (reader, 1), ==, "Timeline");
  g_assert_cmpuint (chrono_ods_reader_get_selected_sheet (reader), ==, 1);

  rows = read_rows (reader);
  g_assert_cmpuint (rows->len, ==, 9);
  assert_cells (find_row (rows, 1), "Timeline: Test case");
  assert_cells (find_row (rows, 4), "Date", "Time", "Agency", "Event", "Notes");
  assert_cells (find_row (rows, 5), "2011-08-02", "13:30", "Police",
                "First line\nSecond  line", "Visible");
  assert_cells (find_row (rows, 6), "2011-08-03 09:15", "", "Health", "Health",
                "Tab\tand\nbreak");
  assert_cells (find_row (rows, 7), "42", "0.5", "TRUE", "12.5", "See the report");
  for (guint64 n = 8; n <= 10; n++)
    assert_cells (find_row (rows, n), "same");
  assert_cells (find_row (rows, 11), "", "", "", "far", "leading and inner");
  g_assert_cmpuint (((Row *) g_ptr_array_index (rows, 8))->number, ==, 11);

  g_assert_true (chrono_ods_reader_select_sheet (reader, 0, &error));
  g_assert_no_error (error);
  notes = read_rows (reader);
  g_assert_cmpuint (notes->len, ==, 2);
  assert_cells (find_row (notes, 1), "How to use this workbook");
  assert_cells (find_row (notes, 2), "Enter one event per row.");
}

static void
test_docx_fixture (void)
{
  g_autofree char *path = office_path ("chronology.docx");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocxReader) reader = chrono_docx_reader_new_for_path (path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) layout = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (chrono_docx_reader_get_n_tables (reader), ==, 3);
  g_assert_cmpuint (chrono_docx_reader_get_table_n_rows (reader, 0), ==, 2);
  g_assert_cmpuint (chrono_docx_reader_get_table_n_rows (reader, 1), ==, 6);
  g_assert_cmpuint (chrono_docx_reader_get_table_n_rows (reader, 2), ==, 8);
  /* the contacts table is longer, but has no date column */
  g_assert_cmpuint (chrono_docx_reader_get_selected_table (reader), ==, 1);

  rows = read_rows (reader);
  g_assert_cmpuint (rows->len, ==, 6);
  assert_cells (find_row (rows, 1), "Date", "Time", "Source", "Event", "Outcome");
  assert_cells (find_row (rows, 2), "02/08/2011", "13:30", "Police",
                "First paragraph\nSecond paragraph");
  /* gridSpan: the text in the first column, "" for the one it spans */
  assert_cells (find_row (rows, 3), "03/08/2011 all day", "", "Health",
                "Visit with\ttab and\nbreak", "Done");
  /* vMerge continuation, a nested table flattened into its cell */
  assert_cells (find_row (rows, 4), "04/08/2011", "", "", "Outer\ninner A\ninner B", "x");
  /* gridBefore; tracked deletions and text boxes left out */
  assert_cells (find_row (rows, 5), "", "14:00", "Housing", "kept");
  /* row 6 is empty and skipped; mc:Fallback left out */
  assert_cells (find_row (rows, 7), "05/08/2011", "", "", "Re-referral", "choice");

  g_assert_true (chrono_docx_reader_select_table (reader, 2, &error));
  g_assert_no_error (error);
  contacts = read_rows (reader);
  g_assert_cmpuint (contacts->len, ==, 8);
  assert_cells (find_row (contacts, 1), "Name", "Phone");
  assert_cells (find_row (contacts, 8), "Worker 7", "0115 496 0007");

  g_assert_true (chrono_docx_reader_select_table (reader, 0, &error));
  layout = read_rows (reader);
  g_assert_cmpuint (layout->len, ==, 2);
  assert_cells (find_row (layout, 2), "Author", "J. Smith");
}

/* ---- bad input ------------------------------------------------------------ */

typedef enum
{
  KIND_XLSX,
  KIND_ODS,
  KIND_DOCX,
} ReaderKind;

static GObject *
open_reader (ReaderKind   kind,
             const char  *path,
             GError     **error)
{
  switch (kind)
    {
    case KIND_XLSX:
      return (GObject *) chrono_xlsx_reader_new_for_path (path, error);
    case KIND_ODS:
      return (GObject *) chrono_ods_reader_new_for_path (path, error);
    case KIND_DOCX:
    default:
      return (GObject *) chrono_docx_reader_new_for_path (path, error);
    }
}

typedef struct
{
  ReaderKind  kind;
  const char *dir;      /* "office" or "stacey" */
  const char *name;
  GQuark    (*domain) (void);
  int         code;
  const char *in_message;
} BadCase;

static const BadCase bad_cases[] = {
  { KIND_XLSX, "office", "not-office.zip", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT, "is a ZIP archive, not an Excel workbook" },
  { KIND_ODS, "office", "not-office.zip", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT, "not an OpenDocument spreadsheet" },
  { KIND_DOCX, "office", "not-office.zip", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT, "not a Word document" },
  { KIND_XLSX, "stacey", "women-s-aid.docx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT, "is a Word document (.docx), not an Excel workbook" },
  { KIND_DOCX, "stacey", "probation.xlsx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT, "is an Excel workbook (.xlsx), not a Word document" },
  { KIND_ODS, "stacey", "probation.xlsx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT, "is an Excel workbook (.xlsx)" },
  { KIND_ODS, "office", "minutes.odt", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT, "OpenDocument text document" },
  { KIND_DOCX, "office", "minutes.odt", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT, "OpenDocument text document" },
  { KIND_XLSX, "office", "chronology.ods", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT, "OpenDocument spreadsheet" },
  { KIND_XLSX, "office", "bad-shared-strings.xlsx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_CORRUPT, "xl/sharedStrings.xml" },
  { KIND_XLSX, "office", "garbled-shared-strings.xlsx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_CORRUPT, "xl/sharedStrings.xml" },
  { KIND_XLSX, "office", "billion-laughs.xlsx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_CORRUPT, "entity expansion" },
  { KIND_DOCX, "office", "billion-laughs.docx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_CORRUPT, "entity expansion" },
  { KIND_XLSX, "office", "nested-zip.xlsx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_CORRUPT, "is itself a ZIP archive" },
  { KIND_XLSX, "office", "bomb-ratio.xlsx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_TOO_LARGE, "zip bomb" },
  { KIND_XLSX, "office", "truncated.xlsx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_CORRUPT, "damaged or incomplete ZIP" },
  { KIND_XLSX, "office", "not-a-zip.xlsx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NOT_ZIP, "not a ZIP archive" },
  { KIND_XLSX, "office", "empty.xlsx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NOT_ZIP, "is empty" },
  { KIND_ODS, "office", "empty.xlsx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NOT_ZIP, "is empty" },
  { KIND_DOCX, "office", "empty.xlsx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NOT_ZIP, "is empty" },
  { KIND_XLSX, "office", "legacy.xls", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NOT_ZIP, "older binary Office file" },
  { KIND_DOCX, "office", "no-table.docx", chrono_office_error_quark, CHRONO_OFFICE_ERROR_NO_TABLE, "has no table" },
  { KIND_XLSX, "office", "does-not-exist.xlsx", g_file_error_quark, G_FILE_ERROR_NOENT, "Could not open" },
};

static void
test_bad_input (gconstpointer data)
{
  const BadCase *bad = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", bad->dir,
                                                 g_str_equal (bad->dir, "stacey") ? "submissions" : ".",
                                                 bad->name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) reader = open_reader (bad->kind, path, &error);

  g_assert_null (reader);
  g_assert_error (error, bad->domain (), bad->code);
  g_assert_nonnull (strstr (error->message, bad->name));
  if (strstr (error->message, bad->in_message) == NULL)
    g_error ("“%s” lacks “%s”", error->message, bad->in_message);
}

/* Only the chronology sheet is too large: the workbook opens on the
 * guidance sheet, and selecting the chronology fails. */
static void
test_bad_huge_part (void)
{
  g_autofree char *path = office_path ("huge-part.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoXlsxReader) reader = chrono_xlsx_reader_new_for_path (path, &error);
  GPtrArray *cells;

  g_assert_no_error (error);
  g_assert_cmpuint (chrono_xlsx_reader_get_selected_sheet (reader), ==, 0);
  g_assert_false (chrono_xlsx_reader_select_sheet (reader, 1, &error));
  g_assert_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "xl/worksheets/sheet2.xml"));
  g_assert_nonnull (strstr (error->message, "1 GiB"));
  g_clear_error (&error);
  g_assert_false (chrono_xlsx_reader_next_row (reader, &cells, NULL, &error));
  g_assert_no_error (error);
}

/* An archive with thousands of entries is refused before anything is read. */
static void
test_bad_many_entries (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chrono-office-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(ChronoXlsxReader) reader = NULL;
  zip_t *archive;
  int zerr = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "many.xlsx", NULL);
  archive = zip_open (path, ZIP_CREATE | ZIP_EXCL, &zerr);
  g_assert_nonnull (archive);
  for (guint i = 0; i < CHRONO_OFFICE_MAX_ENTRIES + 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("xl/media/%u.xml", i);
      zip_source_t *source = zip_source_buffer (archive, "<a/>", 4, 0);

      g_assert_nonnull (source);
      g_assert_cmpint (zip_file_add (archive, name, source, 0), >=, 0);
    }
  g_assert_cmpint (zip_close (archive), ==, 0);

  reader = chrono_xlsx_reader_new_for_path (path, &error);
  g_assert_null (reader);
  g_assert_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "many.xlsx"));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- helpers -------------------------------------------------------------- */

static void
test_number_formats (void)
{
  static const struct
  {
    const char    *code;
    ChronoNumKind  kind;
  } codes[] = {
    { "General", CHRONO_NUM_GENERAL },
    { "0.00", CHRONO_NUM_GENERAL },
    { "0.00E+00", CHRONO_NUM_GENERAL },
    { "#,##0 \"days\"", CHRONO_NUM_GENERAL },
    { "0.0\\ \"d\"", CHRONO_NUM_GENERAL },
    { "[h]:mm:ss", CHRONO_NUM_GENERAL },
    { "[Red]0.00;[Blue]-0.00", CHRONO_NUM_GENERAL },
    { "@", CHRONO_NUM_GENERAL },
    { "dd/mm/yyyy", CHRONO_NUM_DATE },
    { "DD/MM/YYYY", CHRONO_NUM_DATE },
    { "[$-809]dd\\ mmmm\\ yyyy;@", CHRONO_NUM_DATE },
    { "mmm-yy", CHRONO_NUM_DATE },
    { "mmmm", CHRONO_NUM_DATE },
    { "d/m/yyyy h:mm", CHRONO_NUM_DATE },
    { "h:mm AM/PM", CHRONO_NUM_TIME },
    { "hh:mm", CHRONO_NUM_TIME },
    { "mm:ss", CHRONO_NUM_TIME },
  };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (chrono_office_num_kind_for_code (codes[i].code) != codes[i].kind)
      g_error ("format code “%s” misread", codes[i].code);

  for (guint id = 0; id < 200; id++)
    {
      ChronoNumKind expected = CHRONO_NUM_GENERAL;

      if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
        expected = CHRONO_NUM_DATE;
      else if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
        expected = CHRONO_NUM_TIME;
      g_assert_cmpint (chrono_office_num_kind_for_id (id), ==, expected);
    }

  g_assert_true (chrono_office_format_serial (61, TRUE, CHRONO_NUM_DATE, out));
  g_assert_cmpstr (out->str, ==, "1904-03-02");
  g_string_truncate (out, 0);
  g_assert_true (chrono_office_format_serial (39295.75, TRUE, CHRONO_NUM_DATE, out));
  g_assert_cmpstr (out->str, ==, "2011-08-02 18:00");
  g_string_truncate (out, 0);
  g_assert_true (chrono_office_format_serial (40757.25, FALSE, CHRONO_NUM_TIME, out));
  g_assert_cmpstr (out->str, ==, "06:00");
  g_string_truncate (out, 0);
  g_assert_false (chrono_office_format_serial (-0.5, FALSE, CHRONO_NUM_DATE, out));
  g_assert_false (chrono_office_format_serial (1e300, FALSE, CHRONO_NUM_DATE, out));
  g_assert_false (chrono_office_format_serial (0, FALSE, CHRONO_NUM_DATE, out));
  g_assert_cmpstr (out->str, ==, "");

  chrono_office_format_number (-0.0, out);
  g_assert_cmpstr (out->str, ==, "0");
  g_string_truncate (out, 0);
  chrono_office_format_number (1234567.125, out);
  g_assert_cmpstr (out->str, ==, "1234567.125");
  g_string_truncate (out, 0);

  g_assert_true (chrono_office_format_iso ("2011-08-02T00:00:00", out));
  g_assert_cmpstr (out->str, ==, "2011-08-02");
  g_string_truncate (out, 0);
  g_assert_true (chrono_office_format_iso ("2011-08-02T13:30:59.5+01:00", out));
  g_assert_cmpstr (out->str, ==, "2011-08-02 13:30");
  g_string_truncate (out, 0);
  g_assert_false (chrono_office_format_iso ("2011-02-29", out));
  g_assert_false (chrono_office_format_iso ("2011-08", out));
  g_assert_false (chrono_office_format_iso ("02/08/2011", out));
  g_assert_cmpstr (out->str, ==, "");
}

static void
test_sheet_choice (void)
{
  static const char * const dates[] = {
    "02/08/2011", "2/8/11", "2011-08-02", "2011-08", "11 December 2010",
    "around August 2011", "Aug 2011", "1st March 2011", "2004", "2011-08-02 13:30",
  };
  static const char * const not_dates[] = {
    "", "Event", "C172", "42", "12345", "Perpetrator", "May",
    "The offender manager wrote up the 12 October contact retrospectively, after Stacey had been killed.",
  };
  static const char * const aside[] = { "Guidance", "Instructions", "Cover sheet", "Read Me", "Example", "Drop-down lists" };
  static const char * const not_aside[] = { "Chronology", "Sheet1", "Key events", "Timeline", "Event list" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (!chrono_office_text_looks_like_date (dates[i]))
      g_error ("“%s” should look like a date", dates[i]);
  for (guint i = 0; i < G_N_ELEMENTS (not_dates); i++)
    if (chrono_office_text_looks_like_date (not_dates[i]))
      g_error ("“%s” should not look like a date", not_dates[i]);
  for (guint i = 0; i < G_N_ELEMENTS (aside); i++)
    g_assert_true (chrono_office_name_is_aside (aside[i]));
  for (guint i = 0; i < G_N_ELEMENTS (not_aside); i++)
    g_assert_false (chrono_office_name_is_aside (not_aside[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/office/xlsx/probation", test_xlsx_probation);
  g_test_add_func ("/office/docx/women-s-aid", test_docx_women_s_aid);
  g_test_add_func ("/office/xlsx/fixture", test_xlsx_fixture);
  g_test_add_func ("/office/xlsx/serials", test_xlsx_serials);
  g_test_add_func ("/office/ods/fixture", test_ods_fixture);
  g_test_add_func ("/office/docx/fixture", test_docx_fixture);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      static const char * const kinds[] = { "xlsx", "ods", "docx" };
      g_autofree char *name = g_strdup_printf ("/office/bad/%s/%s", kinds[bad_cases[i].kind],
                                               bad_cases[i].name);

      g_test_add_data_func (name, &bad_cases[i], test_bad_input);
    }
  g_test_add_func ("/office/bad/xlsx/huge-part.xlsx", test_bad_huge_part);
  g_test_add_func ("/office/bad/xlsx/many-entries", test_bad_many_entries);
  g_test_add_func ("/office/values/number-formats", test_number_formats);
  g_test_add_func ("/office/values/sheet-choice", test_sheet_choice);

  return g_test_run ();
}
