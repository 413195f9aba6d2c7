/* test-csv.c: tests for the streaming CSV/TSV reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-csv"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "chrono-csv-reader.h"

/* Helpers: a table of rows read from a reader ------------------------------- */

typedef struct
{
  GPtrArray *rows;          /* of GStrv */
  GArray    *row_numbers;   /* of guint64 */
} Table;

static void
table_free (Table *table)
{
  g_ptr_array_unref (table->rows);
  g_array_unref (table->row_numbers);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

static Table *
table_new (void)
{
  Table *table = g_new0 (Table, 1);

  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->row_numbers = g_array_new (FALSE, FALSE, sizeof (guint64));

  return table;
}

static const char *
cell (Table *table,
      guint  row,
      guint  column)
{
  GStrv cells;

  g_assert_cmpuint (row, <, table->rows->len);
  cells = g_ptr_array_index (table->rows, row);
  g_assert_cmpuint (column, <, g_strv_length (cells));

  return cells[column];
}

static guint
n_cells (Table *table,
         guint  row)
{
  g_assert_cmpuint (row, <, table->rows->len);
  return g_strv_length (g_ptr_array_index (table->rows, row));
}

static guint64
row_number (Table *table,
            guint  row)
{
  g_assert_cmpuint (row, <, table->row_numbers->len);
  return g_array_index (table->row_numbers, guint64, row);
}

/* Reads every row, through the ChronoRowSource interface when asked.
 * Returns the rows read so far and sets @error on a fault, so tests can
 * check both what came before an error and the error. */
static Table *
read_rows (ChronoCsvReader  *reader,
           gboolean          via_interface,
           GError          **error)
{
  Table *table = table_new ();

  for (;;)
    {
      GPtrArray *cells = NULL;
      guint64 number = 0;
      gboolean ok;
      GStrv copy;

      if (via_interface)
        ok = chrono_row_source_next_row (CHRONO_ROW_SOURCE (reader), &cells, &number, error);
      else
        ok = chrono_csv_reader_next_row (reader, &cells, &number, error);
      if (!ok)
        break;

      g_assert_nonnull (cells);
      copy = g_new0 (char *, cells->len + 1);
      for (guint i = 0; i < cells->len; i++)
        {
          const char *value = g_ptr_array_index (cells, i);

          g_assert_nonnull (value);
          g_assert_true (g_utf8_validate (value, -1, NULL));
          copy[i] = g_strdup (value);
        }
      g_ptr_array_add (table->rows, copy);
      g_array_append_val (table->row_numbers, number);
    }

  return table;
}

static char *
data_path (const char *first,
           ...)
{
  va_list args;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *relative = NULL;

  g_ptr_array_add (parts, (gpointer) "data");
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  relative = g_build_filenamev ((char **) parts->pdata);

  return g_test_build_filename (G_TEST_DIST, relative, NULL);
}

static ChronoCsvReader *
open_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  ChronoCsvReader *reader = chrono_csv_reader_new_for_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);

  return reader;
}

static ChronoCsvReader *
open_data (const char *dir,
           const char *name)
{
  g_autofree char *path = data_path (dir, name, NULL);

  return open_path (path);
}

static ChronoCsvReader *
open_text (const char *data,
           gssize      len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len < 0 ? strlen (data) : (gsize) len);
  g_autoptr(GError) error = NULL;
  ChronoCsvReader *reader = chrono_csv_reader_new_for_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);

  return reader;
}

/* Reads all of @data, which must parse without a fault. */
static Table *
parse_text (const char *data,
            gssize      len)
{
  g_autoptr(ChronoCsvReader) reader = open_text (data, len);
  g_autoptr(GError) error = NULL;
  Table *table = read_rows (reader, FALSE, &error);

  g_assert_no_error (error);

  return table;
}

static void
assert_row (Table       *table,
            guint        row,
            guint64      number,
            const char  *const *expected)
{
  g_assert_cmpuint (row, <, table->rows->len);
  g_assert_cmpstrv (g_ptr_array_index (table->rows, row), expected);
  g_assert_cmpuint (row_number (table, row), ==, number);
}

#define ROW(...) ((const char *const[]) { __VA_ARGS__, NULL })

static void
assert_message_starts (const GError *error,
                       const char   *prefix)
{
  g_assert_nonnull (error);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected an error message starting \"%s\", got \"%s\"", prefix, error->message);
}

static void
assert_message_contains (const GError *error,
                         const char   *part)
{
  g_assert_nonnull (error);
  if (strstr (error->message, part) == NULL)
    g_error ("expected an error message containing \"%s\", got \"%s\"", part, error->message);
}

/* After a fault the reader keeps failing the same way. */
static void
assert_fault_sticks (ChronoCsvReader *reader,
                     const GError    *first)
{
  g_autoptr(GError) again = NULL;
  GPtrArray *cells = NULL;

  g_assert_false (chrono_csv_reader_next_row (reader, &cells, NULL, &again));
  g_assert_null (cells);
  g_assert_error (again, first->domain, first->code);
  g_assert_cmpstr (again->message, ==, first->message);
}

/* A minimal JSON reader (json-glib is not available) ----------------------- */

typedef enum
{
  TEST_JSON_NULL,
  TEST_JSON_BOOLEAN,
  TEST_JSON_NUMBER,
  TEST_JSON_STRING,
  TEST_JSON_ARRAY,
  TEST_JSON_OBJECT,
} TestJsonType;

typedef struct
{
  TestJsonType  type;
  char         *string;     /* TEST_JSON_STRING */
  double        number;     /* TEST_JSON_NUMBER, TEST_JSON_BOOLEAN */
  GPtrArray    *items;      /* TEST_JSON_ARRAY and TEST_JSON_OBJECT values */
  GPtrArray    *keys;       /* TEST_JSON_OBJECT keys, in file order */
} TestJson;

static void
test_json_free (TestJson *json)
{
  if (json == NULL)
    return;
  g_free (json->string);
  g_clear_pointer (&json->items, g_ptr_array_unref);
  g_clear_pointer (&json->keys, g_ptr_array_unref);
  g_free (json);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestJson, test_json_free)

static void
json_skip_space (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
    (*p)++;
}

static gboolean
json_hex4 (const char *p,
           gunichar   *out)
{
  gunichar value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }
  *out = value;

  return TRUE;
}

static char *
json_parse_string (const char **p)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (**p != '"')
    return NULL;
  (*p)++;

  while (**p != '"')
    {
      if (**p == '\0')
        return NULL;
      if (**p != '\\')
        {
          g_string_append_c (out, **p);
          (*p)++;
          continue;
        }

      (*p)++;
      switch (**p)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar c, low;

            if (!json_hex4 (*p + 1, &c))
              return NULL;
            *p += 4;
            if (c >= 0xD800 && c <= 0xDBFF)
              {
                if ((*p)[1] != '\\' || (*p)[2] != 'u' || !json_hex4 (*p + 3, &low) ||
                    low < 0xDC00 || low > 0xDFFF)
                  return NULL;
                *p += 6;
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
              }
            g_string_append_unichar (out, c);
          }
          break;
        default:
          return NULL;
        }
      (*p)++;
    }
  (*p)++;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static TestJson *
json_parse_value (const char **p)
{
  g_autoptr(TestJson) json = g_new0 (TestJson, 1);

  json_skip_space (p);
  switch (**p)
    {
    case '"':
      json->type = TEST_JSON_STRING;
      json->string = json_parse_string (p);
      if (json->string == NULL)
        return NULL;
      break;

    case '[':
      json->type = TEST_JSON_ARRAY;
      json->items = g_ptr_array_new_with_free_func ((GDestroyNotify) test_json_free);
      (*p)++;
      json_skip_space (p);
      if (**p == ']')
        {
          (*p)++;
          break;
        }
      for (;;)
        {
          TestJson *item = json_parse_value (p);

          if (item == NULL)
            return NULL;
          g_ptr_array_add (json->items, item);
          json_skip_space (p);
          if (**p == ',')
            (*p)++;
          else if (**p == ']')
            {
              (*p)++;
              break;
            }
          else
            return NULL;
        }
      break;

    case '{':
      json->type = TEST_JSON_OBJECT;
      json->items = g_ptr_array_new_with_free_func ((GDestroyNotify) test_json_free);
      json->keys = g_ptr_array_new_with_free_func (g_free);
      (*p)++;
      json_skip_space (p);
      if (**p == '}')
        {
          (*p)++;
          break;
        }
      for (;;)
        {
          char *key;
          TestJson *value;

          json_skip_space (p);
          key = json_parse_string (p);
          if (key == NULL)
            return NULL;
          g_ptr_array_add (json->keys, key);
          json_skip_space (p);
          if (**p != ':')
            return NULL;
          (*p)++;
          value = json_parse_value (p);
          if (value == NULL)
            return NULL;
          g_ptr_array_add (json->items, value);
          json_skip_space (p);
          if (**p == ',')
            (*p)++;
          else if (**p == '}')
            {
              (*p)++;
              break;
            }
          else
            return NULL;
        }
      break;

    case 't':
    case 'f':
    case 'n':
      if (g_str_has_prefix (*p, "true"))
        {
          json->type = TEST_JSON_BOOLEAN;
          json->number = 1;
          *p += 4;
        }
      else if (g_str_has_prefix (*p, "false"))
        {
          json->type = TEST_JSON_BOOLEAN;
          *p += 5;
        }
      else if (g_str_has_prefix (*p, "null"))
        {
          json->type = TEST_JSON_NULL;
          *p += 4;
        }
      else
        return NULL;
      break;

    default:
      {
        char *end = NULL;

        json->type = TEST_JSON_NUMBER;
        json->number = g_ascii_strtod (*p, &end);
        if (end == *p)
          return NULL;
        *p = end;
      }
      break;
    }

  return g_steal_pointer (&json);
}

static TestJson *
json_load (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TestJson) json = NULL;
  const char *p;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  p = text;
  json = json_parse_value (&p);
  if (json == NULL)
    g_error ("%s: not valid JSON near offset %" G_GSIZE_FORMAT, path, (gsize) (p - text));
  json_skip_space (&p);
  g_assert_cmpint (*p, ==, '\0');

  return g_steal_pointer (&json);
}

static TestJson *
json_member (TestJson   *object,
             const char *key)
{
  g_assert_cmpint (object->type, ==, TEST_JSON_OBJECT);
  for (guint i = 0; i < object->keys->len; i++)
    if (g_str_equal (g_ptr_array_index (object->keys, i), key))
      return g_ptr_array_index (object->items, i);

  return NULL;
}

/* csv-spectrum --------------------------------------------------------------- */

static char *
normalise_crlf (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, "\r\n", -1);

  return g_strjoinv ("\n", parts);
}

/* Checks that @table (header row + data rows) is exactly the records in
 * @expected (an array of objects keyed by the header, in header order).
 * With @crlf_to_lf, "\r\n" in the expected values is read as "\n". */
static void
assert_table_matches_json (Table      *table,
                           TestJson   *expected,
                           gboolean    crlf_to_lf)
{
  GStrv header;

  g_assert_cmpint (expected->type, ==, TEST_JSON_ARRAY);
  g_assert_cmpuint (table->rows->len, >=, 1);
  g_assert_cmpuint (table->rows->len - 1, ==, expected->items->len);

  header = g_ptr_array_index (table->rows, 0);
  for (guint r = 0; r < expected->items->len; r++)
    {
      TestJson *object = g_ptr_array_index (expected->items, r);

      g_assert_cmpint (object->type, ==, TEST_JSON_OBJECT);
      g_assert_cmpuint (n_cells (table, r + 1), ==, object->keys->len);
      g_assert_cmpuint (g_strv_length (header), ==, object->keys->len);

      for (guint c = 0; c < object->keys->len; c++)
        {
          TestJson *value = g_ptr_array_index (object->items, c);
          g_autofree char *want = NULL;

          g_assert_cmpstr (header[c], ==, g_ptr_array_index (object->keys, c));
          g_assert_cmpint (value->type, ==, TEST_JSON_STRING);
          want = crlf_to_lf ? normalise_crlf (value->string) : g_strdup (value->string);
          g_assert_cmpstr (cell (table, r + 1, c), ==, want);
        }
    }
}

static Table *
read_path (const char *path)
{
  g_autoptr(ChronoCsvReader) reader = open_path (path);
  g_autoptr(GError) error = NULL;
  Table *table = read_rows (reader, FALSE, &error);

  g_assert_no_error (error);

  return table;
}

static void
test_spectrum (gconstpointer data)
{
  const char *name = data;
  g_autofree char *csv_name = g_strconcat (name, ".csv", NULL);
  g_autofree char *json_name = g_strconcat (name, ".json", NULL);
  g_autofree char *csv_path = data_path ("csv-spectrum", "csvs", csv_name, NULL);
  g_autofree char *json_path = data_path ("csv-spectrum", "json", json_name, NULL);
  g_autoptr(Table) table = read_path (csv_path);
  g_autoptr(TestJson) expected = json_load (json_path);

  assert_table_matches_json (table, expected, FALSE);
}

static void
test_spectrum_crlf (void)
{
  /* The CRLF copies really do end their records with CRLF. */
  {
    g_autofree char *path = data_path ("csv-spectrum", "csvs", "newlines_crlf.csv", NULL);
    g_autoptr(Table) table = read_path (path);

    g_assert_cmpstr (cell (table, 2, 0), ==, "Once upon \r\na time");
    g_assert_cmpuint (row_number (table, 3), ==, 5);
  }
}

/* The agencies' files --------------------------------------------------------- */

static gint64
manifest_rows (const char *file)
{
  g_autofree char *path = data_path ("stacey", "submissions", "manifest.json", NULL);
  g_autoptr(TestJson) manifest = json_load (path);
  TestJson *entry = json_member (manifest, file);
  TestJson *rows;

  g_assert_nonnull (entry);
  rows = json_member (entry, "rows");
  g_assert_nonnull (rows);
  g_assert_cmpint (rows->type, ==, TEST_JSON_NUMBER);

  return (gint64) rows->number;
}

static Table *
read_submission (const char        *file,
                 ChronoCsvEncoding  encoding,
                 char               delimiter,
                 guint              n_columns)
{
  g_autoptr(ChronoCsvReader) reader = open_data ("stacey/submissions", file);
  g_autoptr(GError) error = NULL;
  Table *table;

  g_assert_cmpint (chrono_csv_reader_get_encoding (reader), ==, encoding);
  g_assert_cmpint (chrono_csv_reader_get_delimiter (reader), ==, delimiter);

  table = read_rows (reader, TRUE, &error);
  g_assert_no_error (error);

  /* The encoding does not change while reading these. */
  g_assert_cmpint (chrono_csv_reader_get_encoding (reader), ==, encoding);

  /* A header plus the manifest's count of data rows, all the same width. */
  g_assert_cmpint (table->rows->len - 1, ==, manifest_rows (file));
  for (guint i = 0; i < table->rows->len; i++)
    g_assert_cmpuint (n_cells (table, i), ==, n_columns);
  g_assert_cmpuint (row_number (table, 0), ==, 1);

  return table;
}

static void
test_submission_social_care (void)
{
  g_autoptr(Table) table = read_submission ("children-s-social-care.csv",
                                            CHRONO_CSV_ENCODING_UTF8, ';', 8);

  /* The BOM is gone from the first header. */
  assert_row (table, 0, 1, ROW ("Date of contact", "End date", "Type of contact", "Who was seen",
                                "Details", "Outcome", "Shared with", "Ref"));
  /* Records end with CRLF; the details hold a bare LF, kept as it is. */
  assert_row (table, 1, 2, ROW ("5 September 2008", "", "Case allocation",
                                "Stacey, Daughter, Perpetrator",
                                "Case closed. CSC wrote to the health visitor closing the "
                                "August referral, relying\non DPMU's view that he was compliant "
                                "and, having offended against an adult, no risk to children.",
                                "", "Health", "C018"));
  g_assert_cmpuint (row_number (table, 2), ==, 4);
  g_assert_cmpstr (cell (table, 2, 7), ==, "C025");
  g_assert_cmpuint (row_number (table, 54), ==, 102);
  g_assert_cmpstr (cell (table, 54, 0), ==, "11 October 2011");
  g_assert_cmpstr (cell (table, 54, 7), ==, "C204");
}

static void
test_submission_police (void)
{
  g_autoptr(Table) table = read_submission ("nottinghamshire-police.csv",
                                            CHRONO_CSV_ENCODING_WINDOWS1252, ',', 8);

  assert_row (table, 0, 1, ROW ("Date", "Time", "Unit", "Persons", "Incident / Contact",
                                "Action Taken", "Information Shared With", "Ref"));
  /* 0x92 in Windows-1252 is U+2019 RIGHT SINGLE QUOTATION MARK. */
  assert_row (table, 1, 2, ROW ("09/1994", "", "Response", "Perpetrator",
                                "Incident: Police record: at night he climbed into a former "
                                "girlfriend\u2019s home, picked up a carving fork, was found and "
                                "arrested, and hit an officer. No matching conviction on PNC.",
                                "", "", "C004"));
  g_assert_cmpuint (row_number (table, 87), ==, 88);
  g_assert_cmpstr (cell (table, 87, 0), ==, "11/2014");
  g_assert_true (g_str_has_prefix (cell (table, 87, 4),
                                   "Note: Professional Standards review of the family\u2019s complaint"));
  g_assert_cmpstr (cell (table, 87, 7), ==, "C215");
}

static void
test_submission_health (void)
{
  g_autoptr(Table) table = read_submission ("health.tsv", CHRONO_CSV_ENCODING_UTF8, '\t', 7);

  assert_row (table, 0, 1, ROW ("DATE", "TIME", "SERVICE", "PATIENT", "CONTACT NOTES", "END", "REF"));
  g_assert_cmpstr (cell (table, 1, 0), ==, "15/08/08");
  /* Semicolons are text in a tab-separated file. */
  g_assert_cmpstr (cell (table, 1, 3), ==, "Stacey; Daughter; Perpetrator");
  g_assert_cmpstr (cell (table, 1, 6), ==, "C012");
  g_assert_cmpuint (row_number (table, 9), ==, 10);
  g_assert_cmpstr (cell (table, 9, 0), ==, "10/2011");
  g_assert_cmpstr (cell (table, 9, 4), ==,
                   "Contact - Ambulance called to the perpetrator, stabbed in the face; heavily "
                   "drunk, he at first refused treatment from paramedics.");
  g_assert_cmpstr (cell (table, 9, 6), ==, "C207");
}

static void
test_submission_victim_support (void)
{
  g_autoptr(Table) table = read_submission ("victim-support.txt",
                                            CHRONO_CSV_ENCODING_UTF16LE, '\t', 7);

  assert_row (table, 0, 1, ROW ("Date", "Time", "Team", "Subject(s)", "Event",
                                "Information shared with", "Reference"));
  g_assert_cmpstr (cell (table, 1, 0), ==, "around February 2009");
  g_assert_cmpstr (cell (table, 1, 6), ==, "C030");
  assert_row (table, 4, 5, ROW ("21 April 2011", "", "", "Stacey",
                                "Case closed: After a second unanswered email Victim Support "
                                "closed the case; it was flagged high risk yet was not referred "
                                "to MARAC as it should have been. Risk assessed as high.",
                                "", "C132"));
}

static void
test_submission_not_csv (void)
{
  static const char *const files[] = { "probation.xlsx", "women-s-aid.docx" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = data_path ("stacey", "submissions", files[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoCsvReader) reader = chrono_csv_reader_new_for_path (path, &error);

      g_assert_null (reader);
      g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_BINARY);
      assert_message_starts (error, "Row 1: ");
      assert_message_contains (error, "ZIP archive");
    }
}

/* Encodings --------------------------------------------------------------------- */

static void
test_utf16be_bom (void)
{
  g_autoptr(ChronoCsvReader) reader = open_data ("csv", "utf16be-bom.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(Table) table = NULL;

  g_assert_cmpint (chrono_csv_reader_get_encoding (reader), ==, CHRONO_CSV_ENCODING_UTF16BE);
  g_assert_cmpint (chrono_csv_reader_get_delimiter (reader), ==, ',');
  table = read_rows (reader, FALSE, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (table->rows->len, ==, 3);
  assert_row (table, 0, 1, ROW ("name", "note"));
  /* A surrogate pair (U+1F600) and Latin-1 letters survive. */
  assert_row (table, 1, 2, ROW ("Ada", "caf\u00e9 \U0001F600 \u00a3"));
  assert_row (table, 2, 3, ROW ("Bob", "plain"));
}

static void
test_windows1252 (void)
{
  g_autoptr(ChronoCsvReader) reader = open_data ("csv", "windows-1252.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(Table) table = NULL;

  g_assert_cmpint (chrono_csv_reader_get_encoding (reader), ==, CHRONO_CSV_ENCODING_WINDOWS1252);
  table = read_rows (reader, FALSE, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (table->rows->len, ==, 2);
  assert_row (table, 0, 1, ROW ("Name", "Note"));
  /* 0x92 ’, 0x93 “, 0x94 ”, 0x80 €, 0xA3 £, 0x85 … */
  assert_row (table, 1, 2, ROW ("O\u2019Brien", "\u201cquoted\u201d \u20ac 5 \u00a3 10 \u2026"));

  /* Every byte 0x80-0xFF decodes to valid UTF-8 (the five bytes Windows-1252
   * leaves undefined become the C1 controls of the same value). */
  {
    GString *text = g_string_new ("a,b\n1,");
    g_autoptr(Table) all = NULL;
    g_autofree char *expected = NULL;
    static const gunichar high[32] = {
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
      0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    };
    GString *want = g_string_new (NULL);

    for (guint b = 0x80; b <= 0xFF; b++)
      {
        g_string_append_c (text, (char) b);
        g_string_append_unichar (want, b < 0xA0 ? high[b - 0x80] : b);
      }
    g_string_append_c (text, '\n');
    expected = g_string_free (want, FALSE);

    all = parse_text (text->str, text->len);
    g_string_free (text, TRUE);
    g_assert_cmpuint (all->rows->len, ==, 2);
    g_assert_cmpstr (cell (all, 1, 1), ==, expected);
  }
}

static GBytes *
utf16_bytes (const char *utf8,
             gboolean    big_endian,
             gboolean    bom)
{
  g_autoptr(GError) error = NULL;
  glong n_units = 0;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (utf8, -1, NULL, &n_units, &error);
  GByteArray *out = g_byte_array_new ();

  g_assert_no_error (error);
  if (bom)
    {
      const guint8 mark_le[] = { 0xFF, 0xFE };
      const guint8 mark_be[] = { 0xFE, 0xFF };

      g_byte_array_append (out, big_endian ? mark_be : mark_le, 2);
    }
  for (glong i = 0; i < n_units; i++)
    {
      guint8 pair[2];

      pair[big_endian ? 0 : 1] = units[i] >> 8;
      pair[big_endian ? 1 : 0] = units[i] & 0xFF;
      g_byte_array_append (out, pair, 2);
    }

  return g_byte_array_free_to_bytes (out);
}

/* Characters and line ends that straddle the 64 KiB block boundary, at every
 * offset around it, in every encoding. */
static void
test_block_boundaries (void)
{
  const gsize block = 64 * 1024;

  for (guint variant = 0; variant < 4; variant++)
    {
      for (gsize pad = block - 24; pad <= block + 8; pad++)
        {
          g_autoptr(GString) text = g_string_new ("id,value\r\n");
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(ChronoCsvReader) reader = NULL;
          g_autoptr(Table) table = NULL;
          g_autoptr(GError) error = NULL;
          gsize units;

          /* Pad so that the interesting bytes land on the boundary: in
           * UTF-16 each ASCII character is 2 bytes, after a 2-byte BOM. */
          units = variant == 0 ? pad - text->len : (pad - 2) / 2 - text->len;
          g_string_append (text, "1,");
          for (gsize i = 2; i < units; i++)
            g_string_append_c (text, 'x');
          g_string_append (text, "\r\n2,\u20ac\U0001F600\u00e9\r\n3,\"a\r\nb\"\r\n");

          if (variant == 0)
            bytes = g_bytes_new (text->str, text->len);
          else if (variant == 1)
            bytes = utf16_bytes (text->str, FALSE, TRUE);
          else if (variant == 2)
            bytes = utf16_bytes (text->str, TRUE, TRUE);
          else
            {
              /* Shift the UTF-16 text by one byte against the boundary. */
              g_string_prepend (text, "\u00e9");
              bytes = utf16_bytes (text->str, FALSE, TRUE);
            }

          reader = chrono_csv_reader_new_for_bytes (bytes, &error);
          g_assert_no_error (error);
          table = read_rows (reader, FALSE, &error);
          g_assert_no_error (error);

          g_assert_cmpuint (table->rows->len, ==, 4);
          g_assert_cmpuint (row_number (table, 1), ==, 2);
          g_assert_cmpuint (strlen (cell (table, 1, 1)), ==, units - 2);
          assert_row (table, 2, 3, ROW ("2", "\u20ac\U0001F600\u00e9"));
          assert_row (table, 3, 4, ROW ("3", "a\r\nb"));
        }
    }
}

/* A file whose first block is ASCII and which turns out to be Windows-1252
 * later on switches to Windows-1252; one that already had UTF-8 fails. */
static void
test_late_non_utf8 (void)
{
  const guint n_rows = 3000;   /* ~ 90 KiB: past the first block */

  /* ASCII, then a Windows-1252 pound sign: read as Windows-1252. */
  {
    g_autoptr(GString) text = g_string_new ("id,note\n");
    g_autoptr(ChronoCsvReader) reader = NULL;
    g_autoptr(Table) table = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < n_rows; i++)
      g_string_append_printf (text, "%u,plain ascii text here\n", i);
    g_string_append (text, "last,\xa3" "5 caf\xe9\n");

    reader = open_text (text->str, text->len);
    g_assert_cmpint (chrono_csv_reader_get_encoding (reader), ==, CHRONO_CSV_ENCODING_UTF8);
    table = read_rows (reader, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpint (chrono_csv_reader_get_encoding (reader), ==, CHRONO_CSV_ENCODING_WINDOWS1252);
    g_assert_cmpuint (table->rows->len, ==, n_rows + 2);
    assert_row (table, n_rows + 1, n_rows + 2, ROW ("last", "\u00a3" "5 caf\u00e9"));
  }

  /* Real UTF-8 first, then a stray Windows-1252 byte: an error naming the row. */
  {
    g_autoptr(GString) text = g_string_new ("id,note\n0,caf\u00e9\n");
    g_autoptr(ChronoCsvReader) reader = NULL;
    g_autoptr(Table) table = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 1; i < n_rows; i++)
      g_string_append_printf (text, "%u,plain ascii text here\n", i);
    g_string_append (text, "last,\"two\nlines \xe9\"\n");

    reader = open_text (text->str, text->len);
    table = read_rows (reader, FALSE, &error);
    g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_ENCODING);
    g_assert_cmpuint (table->rows->len, ==, n_rows + 1);
    /* The record starts on line n_rows + 2; the bad byte is on the next line. */
    {
      g_autofree char *prefix = g_strdup_printf ("Row %u (line %u): byte 0xE9 is not valid UTF-8",
                                                 n_rows + 2, n_rows + 3);

      assert_message_starts (error, prefix);
    }
    g_assert_cmpint (chrono_csv_reader_get_encoding (reader), ==, CHRONO_CSV_ENCODING_UTF8);
    assert_fault_sticks (reader, error);
  }

  /* A UTF-8 BOM promises UTF-8: no switching even after plain ASCII. */
  {
    g_autoptr(GString) text = g_string_new ("\xef\xbb\xbfid,note\n");
    g_autoptr(ChronoCsvReader) reader = NULL;
    g_autoptr(Table) table = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < n_rows; i++)
      g_string_append_printf (text, "%u,plain ascii text here\n", i);
    g_string_append (text, "last,\xa3" "5\n");

    reader = open_text (text->str, text->len);
    table = read_rows (reader, FALSE, &error);
    g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_ENCODING);
    g_assert_cmpuint (table->rows->len, ==, n_rows + 1);
    {
      g_autofree char *prefix = g_strdup_printf ("Row %u: byte 0xA3 is not valid UTF-8",
                                                 n_rows + 2);

      assert_message_starts (error, prefix);
    }
  }

  /* A UTF-8 file cut off in the middle of a character, after the first block
   * (in the first block, that makes it Windows-1252). */
  {
    g_autoptr(GString) text = g_string_new ("id,note\n0,caf\u00e9\n");
    g_autoptr(ChronoCsvReader) reader = NULL;
    g_autoptr(Table) table = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *prefix = NULL;

    for (guint i = 1; i < n_rows; i++)
      g_string_append_printf (text, "%u,plain ascii text here\n", i);
    g_string_append (text, "last,\xe2\x82");

    reader = open_text (text->str, text->len);
    table = read_rows (reader, FALSE, &error);
    g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_ENCODING);
    prefix = g_strdup_printf ("Row %u: the file ends in the middle of a UTF-8 character",
                              n_rows + 2);
    assert_message_starts (error, prefix);
    g_assert_cmpuint (table->rows->len, ==, n_rows + 1);
  }

  /* The same within the first block: not UTF-8, so Windows-1252. */
  {
    g_autoptr(Table) table = parse_text ("a,b\n\u00e9,\xe2\x82", -1);

    assert_row (table, 1, 2, ROW ("\u00c3\u00a9", "\u00e2\u201a"));
  }
}

static void
test_invalid_utf16 (void)
{
  /* A lone high surrogate on row 2. */
  {
    g_autoptr(ChronoCsvReader) reader = open_data ("csv", "invalid-utf16le.csv");
    g_autoptr(GError) error = NULL;
    g_autoptr(Table) table = NULL;

    g_assert_cmpint (chrono_csv_reader_get_encoding (reader), ==, CHRONO_CSV_ENCODING_UTF16LE);
    g_assert_cmpint (chrono_csv_reader_get_delimiter (reader), ==, '\t');
    table = read_rows (reader, FALSE, &error);
    g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_ENCODING);
    assert_message_starts (error, "Row 2: the UTF-16 code unit 0xD800 (the first half of a "
                                  "surrogate pair) is not followed by a second half");
    g_assert_cmpuint (table->rows->len, ==, 1);
    assert_row (table, 0, 1, ROW ("a", "b"));
    assert_fault_sticks (reader, error);
  }

  /* An odd number of bytes: a stray byte at the end, on row 3. */
  {
    g_autoptr(ChronoCsvReader) reader = open_data ("csv", "odd-utf16le.csv");
    g_autoptr(GError) error = NULL;
    g_autoptr(Table) table = read_rows (reader, FALSE, &error);

    g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_ENCODING);
    assert_message_starts (error, "Row 3: the file ends with a stray byte");
    g_assert_cmpuint (table->rows->len, ==, 2);
    assert_row (table, 1, 2, ROW ("1", "2"));
  }

  /* A lone low surrogate, and a high surrogate cut off by the end (BE). */
  {
    const guint8 low_le[] = { 0xFF, 0xFE, 'a', 0, ',', 0, 'b', 0, '\n', 0, 0x00, 0xDC, 'x', 0 };
    const guint8 cut_be[] = { 0xFE, 0xFF, 0, 'a', 0, ',', 0, 'b', 0, '\n', 0, 'x', 0xD8, 0x3D };
    g_autoptr(GError) error = NULL;
    g_autoptr(ChronoCsvReader) reader = open_text ((const char *) low_le, sizeof low_le);
    g_autoptr(Table) table = read_rows (reader, FALSE, &error);
    g_autoptr(ChronoCsvReader) reader2 = NULL;
    g_autoptr(Table) table2 = NULL;

    g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_ENCODING);
    assert_message_starts (error, "Row 2: the UTF-16 code unit 0xDC00 (the second half of a "
                                  "surrogate pair) has no first half");
    g_clear_error (&error);

    reader2 = open_text ((const char *) cut_be, sizeof cut_be);
    g_assert_cmpint (chrono_csv_reader_get_encoding (reader2), ==, CHRONO_CSV_ENCODING_UTF16BE);
    table2 = read_rows (reader2, FALSE, &error);
    g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_ENCODING);
    assert_message_starts (error, "Row 2: the file ends with the first half of a UTF-16 "
                                  "surrogate pair (0xD83D)");
    g_assert_cmpuint (table2->rows->len, ==, 1);
  }
}

static void
test_bom_only (void)
{
  static const struct
  {
    const char *bytes;
    gsize len;
    ChronoCsvEncoding encoding;
  } cases[] = {
    { "\xef\xbb\xbf", 3, CHRONO_CSV_ENCODING_UTF8 },
    { "\xff\xfe", 2, CHRONO_CSV_ENCODING_UTF16LE },
    { "\xfe\xff", 2, CHRONO_CSV_ENCODING_UTF16BE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ChronoCsvReader) reader = open_text (cases[i].bytes, cases[i].len);
      g_autoptr(GError) error = NULL;
      g_autoptr(Table) table = read_rows (reader, FALSE, &error);

      g_assert_no_error (error);
      g_assert_cmpint (chrono_csv_reader_get_encoding (reader), ==, cases[i].encoding);
      g_assert_cmpuint (table->rows->len, ==, 0);
    }
}

/* Structure --------------------------------------------------------------------- */

static void
test_lone_cr (void)
{
  g_autoptr(ChronoCsvReader) reader = open_data ("csv", "lone-cr.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(Table) table = read_rows (reader, FALSE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 3);
  assert_row (table, 0, 1, ROW ("a", "b"));
  assert_row (table, 1, 2, ROW ("c", "multi\rline"));
  assert_row (table, 2, 4, ROW ("e", "f"));
}

static void
test_semicolon (void)
{
  g_autoptr(ChronoCsvReader) reader = open_data ("csv", "semicolon.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(Table) table = NULL;

  g_assert_cmpint (chrono_csv_reader_get_delimiter (reader), ==, ';');
  table = read_rows (reader, FALSE, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (table->rows->len, ==, 3);
  assert_row (table, 0, 1, ROW ("Date", "Who", "Note"));
  assert_row (table, 1, 2, ROW ("01/02/2010", "Stacey, Daughter", "Seen; well"));
  assert_row (table, 2, 3, ROW ("03/02/2010", "Police", "Call, no answer, left message"));
}

static void
test_set_delimiter (void)
{
  g_autoptr(ChronoCsvReader) reader = open_data ("csv", "semicolon.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(Table) table = NULL;

  chrono_csv_reader_set_delimiter (reader, ',');
  g_assert_cmpint (chrono_csv_reader_get_delimiter (reader), ==, ',');
  chrono_csv_reader_set_delimiter (reader, 0);
  g_assert_cmpint (chrono_csv_reader_get_delimiter (reader), ==, ';');
  chrono_csv_reader_set_delimiter (reader, ',');

  table = read_rows (reader, FALSE, &error);
  g_assert_no_error (error);
  assert_row (table, 0, 1, ROW ("Date;Who;Note"));
  assert_row (table, 1, 2, ROW ("01/02/2010;Stacey", " Daughter;\"Seen; well\""));
}

static void
test_sniff (void)
{
  static const struct
  {
    const char *text;
    char delimiter;
  } cases[] = {
    { "a,b,c\n1,2,3\n", ',' },
    { "a;b;c\n1;2;3\n", ';' },
    { "a\tb\n1\t2\n", '\t' },
    /* Delimiters inside quotes do not count. */
    { "\"x;y\",b\n\"1;2;3\",2\n", ',' },
    { "a;b\n\"1,5\";\"2,5,6\"\n", ';' },
    { "\"a\tb\",c\r\n\"multi\nline\ttab\",2\r\n", ',' },
    /* Commas in unquoted text of a semicolon file. */
    { "Who;Note\nStacey, Daughter;seen\nPolice;call\n", ';' },
    /* Tabs win over commas in prose. */
    { "DATE\tNOTES\n01/01/10\tseen, well, and happy\n", '\t' },
    /* One column: comma by default. */
    { "single\ncolumn\n", ',' },
    { "", ',' },
    /* Inconsistent counts: the delimiter most records agree on. */
    { "a,b,c\n1,2,3\n4,5\n6,7,8\n", ',' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ChronoCsvReader) reader = open_text (cases[i].text, -1);

      g_test_message ("sniffing case %u", i);
      g_assert_cmpint (chrono_csv_reader_get_delimiter (reader), ==, cases[i].delimiter);
    }
}

static void
test_blank_lines (void)
{
  g_autoptr(ChronoCsvReader) reader = open_data ("csv", "blank-lines.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(Table) table = read_rows (reader, FALSE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 3);
  assert_row (table, 0, 2, ROW ("a", "b"));
  assert_row (table, 1, 4, ROW ("1", "2"));
  assert_row (table, 2, 7, ROW ("3", "4"));
}

static void
test_rfc4180_edges (void)
{
  g_autoptr(Table) table = NULL;

  /* Trailing delimiter and no final line break. */
  table = parse_text ("a,b,\n1,2,", -1);
  g_assert_cmpuint (table->rows->len, ==, 2);
  assert_row (table, 0, 1, ROW ("a", "b", ""));
  assert_row (table, 1, 2, ROW ("1", "2", ""));
  g_clear_pointer (&table, table_free);

  /* Quotes inside unquoted fields are kept; so is text after a closing quote. */
  table = parse_text ("a,b\"c,d\n\"x\"y,z\nq\"\"q,\"\"\"\"\n  \"sp\",e\n", -1);
  g_assert_cmpuint (table->rows->len, ==, 4);
  assert_row (table, 0, 1, ROW ("a", "b\"c", "d"));
  assert_row (table, 1, 2, ROW ("xy", "z"));
  assert_row (table, 2, 3, ROW ("q\"\"q", "\""));
  assert_row (table, 3, 4, ROW ("  \"sp\"", "e"));
  g_clear_pointer (&table, table_free);

  /* Embedded CR, LF and CRLF are kept as they were and counted as lines. */
  table = parse_text ("h1,h2\r\n\"a\rb\",\"c\nd\"\r\n\"e\r\nf\",g\r\nlast,row", -1);
  g_assert_cmpuint (table->rows->len, ==, 4);
  assert_row (table, 1, 2, ROW ("a\rb", "c\nd"));
  assert_row (table, 2, 5, ROW ("e\r\nf", "g"));
  assert_row (table, 3, 7, ROW ("last", "row"));
  g_clear_pointer (&table, table_free);

  /* Empty quoted fields and a lone quoted empty field. */
  table = parse_text ("\"\"\n\"\",\"\"\n,\n", -1);
  g_assert_cmpuint (table->rows->len, ==, 3);
  assert_row (table, 0, 1, ROW (""));
  assert_row (table, 1, 2, ROW ("", ""));
  assert_row (table, 2, 3, ROW ("", ""));
}

static void
test_unterminated_quote (void)
{
  {
    g_autoptr(ChronoCsvReader) reader = open_data ("csv", "unterminated-quote.csv");
    g_autoptr(GError) error = NULL;
    g_autoptr(Table) table = read_rows (reader, FALSE, &error);

    g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_SYNTAX);
    g_assert_cmpuint (table->rows->len, ==, 2);
    assert_message_starts (error, "Row 3: a quoted field that begins on this row is never closed");
    assert_fault_sticks (reader, error);
  }

  /* The field begins on a later line than its record. */
  {
    g_autoptr(ChronoCsvReader) reader = open_text ("a,b,c\n1,\"two\nlines\",\"open\nand on\n", -1);
    g_autoptr(GError) error = NULL;
    g_autoptr(Table) table = read_rows (reader, FALSE, &error);

    g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_SYNTAX);
    g_assert_cmpuint (table->rows->len, ==, 1);
    assert_message_starts (error, "Row 2 (line 3): a quoted field that begins on line 3 "
                                  "is never closed");
  }
}

static void
test_nul_byte (void)
{
  {
    g_autoptr(ChronoCsvReader) reader = open_data ("csv", "nul-byte.csv");
    g_autoptr(GError) error = NULL;
    g_autoptr(Table) table = read_rows (reader, FALSE, &error);

    g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_BINARY);
    assert_message_starts (error, "Row 3: there is a NUL byte (0x00)");
    g_assert_cmpuint (table->rows->len, ==, 2);
    assert_row (table, 1, 2, ROW ("1", "2"));
    assert_fault_sticks (reader, error);
  }

  /* In a Windows-1252 file, on the second line of a record. */
  {
    static const char text[] = "a,b\n\xe9,\"x\ny\0z\"\n";
    g_autoptr(ChronoCsvReader) reader = open_text (text, sizeof text - 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(Table) table = NULL;

    g_assert_cmpint (chrono_csv_reader_get_encoding (reader), ==, CHRONO_CSV_ENCODING_WINDOWS1252);
    table = read_rows (reader, FALSE, &error);
    g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_BINARY);
    assert_message_starts (error, "Row 2 (line 3): there is a NUL byte");
  }

  /* U+0000 in UTF-16. */
  {
    static const guint8 text[] = { 0xFF, 0xFE, 'a', 0, '\n', 0, 'b', 0, 0, 0, 'c', 0 };
    g_autoptr(ChronoCsvReader) reader = open_text ((const char *) text, sizeof text);
    g_autoptr(GError) error = NULL;
    g_autoptr(Table) table = read_rows (reader, FALSE, &error);

    g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_BINARY);
    assert_message_starts (error, "Row 2: there is a NUL byte");
    g_assert_cmpuint (table->rows->len, ==, 1);
  }
}

static guint64
bytes_read_by_process (void)
{
  g_autofree char *io = NULL;
  const char *rchar;

  if (!g_file_get_contents ("/proc/self/io", &io, NULL, NULL))
    return 0;
  rchar = strstr (io, "rchar: ");
  if (rchar == NULL)
    return 0;

  return g_ascii_strtoull (rchar + strlen ("rchar: "), NULL, 10);
}

/* A 5 GB file of NUL bytes (sparse, so it costs no disk) is refused after
 * the first block, without reading the rest. */
static void
test_binary_sparse (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ChronoCsvReader) reader = NULL;
  guint64 read_before, read_after;
  gint64 start;
  int fd;

  fd = g_file_open_tmp ("chrono-csv-sparse-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  if (ftruncate (fd, G_GINT64_CONSTANT (5) * 1000 * 1000 * 1000) != 0)
    {
      int saved = errno;
      g_autofree char *why = g_strdup_printf ("cannot make a sparse 5 GB file: %s",
                                              g_strerror (saved));

      close (fd);
      g_unlink (path);
      g_test_skip (why);
      return;
    }
  close (fd);

  read_before = bytes_read_by_process ();
  start = g_get_monotonic_time ();
  reader = chrono_csv_reader_new_for_path (path, &error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  read_after = bytes_read_by_process ();
  g_unlink (path);

  g_assert_null (reader);
  g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_BINARY);
  assert_message_starts (error, "Row 1: the file is not text: 65536 of its first 65536 bytes "
                                "are NUL bytes (0x00)");
  /* Only the first block was read (plus this test's own small reads). */
  if (read_before > 0)
    g_assert_cmpuint (read_after - read_before, <, 256 * 1024);
}

static void
test_binary_head (void)
{
  /* UTF-16 without a BOM looks like NULs every other byte. */
  g_autoptr(GBytes) bytes = utf16_bytes ("Date,Time,Team,Event\r\n"
                                         "21 April 2011,,,Case closed\r\n", FALSE, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoCsvReader) reader = chrono_csv_reader_new_for_bytes (bytes, &error);

  g_assert_null (reader);
  g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_BINARY);
  assert_message_starts (error, "Row 1: the file is not text");
  assert_message_contains (error, "UTF-16 text saved without a byte-order mark");
}

static char *
write_temp (const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("chrono-csv-test-XXXXXX.csv", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);

  return path;
}

static void
test_too_large (void)
{
  g_autoptr(GString) text = g_string_new ("a,b\n1,");
  g_autofree char *path = NULL;
  g_autoptr(ChronoCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Table) table = NULL;

  /* Row 2: exactly the limit, fine.  Row 3: one byte over, in quotes. */
  for (gsize i = 0; i < CHRONO_CSV_MAX_FIELD; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\n3,\"");
  for (gsize i = 0; i < CHRONO_CSV_MAX_FIELD + 1; i++)
    g_string_append_c (text, 'y');
  g_string_append (text, "\"\n4,5\n");

  path = write_temp (text->str, text->len);
  reader = open_path (path);
  table = read_rows (reader, FALSE, &error);
  g_unlink (path);

  g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_TOO_LARGE);
  assert_message_starts (error, "Row 3: field 2 is longer than 1048576 bytes");
  g_assert_cmpuint (table->rows->len, ==, 2);
  g_assert_cmpuint (strlen (cell (table, 1, 1)), ==, CHRONO_CSV_MAX_FIELD);
  assert_fault_sticks (reader, error);
}

static void
test_empty_file (void)
{
  g_autofree char *path = write_temp ("", 0);
  g_autoptr(ChronoCsvReader) reader = open_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(Table) table = NULL;
  GPtrArray *cells = NULL;

  g_unlink (path);
  g_assert_cmpint (chrono_csv_reader_get_encoding (reader), ==, CHRONO_CSV_ENCODING_UTF8);
  g_assert_cmpint (chrono_csv_reader_get_delimiter (reader), ==, ',');
  table = read_rows (reader, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 0);

  /* Still the end, no error, when asked again. */
  g_assert_false (chrono_csv_reader_next_row (reader, &cells, NULL, &error));
  g_assert_no_error (error);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoCsvReader) reader =
    chrono_csv_reader_new_for_path ("/nonexistent/chronoscope/none.csv", &error);

  g_assert_null (reader);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* Writing ------------------------------------------------------------------------- */

static void
test_append_field (void)
{
  static const struct
  {
    const char *field;
    char delimiter;
    const char *expected;
  } cases[] = {
    { "plain", ',', "plain" },
    { "", ',', "" },
    { NULL, ',', "" },
    { "a,b", ',', "\"a,b\"" },
    { "a;b", ',', "a;b" },
    { "a;b", ';', "\"a;b\"" },
    { "a\tb", '\t', "\"a\tb\"" },
    { "say \"hi\"", ',', "\"say \"\"hi\"\"\"" },
    { "\"", ',', "\"\"\"\"" },
    { "two\nlines", ',', "\"two\nlines\"" },
    { "cr\rhere", ',', "\"cr\rhere\"" },
    { " lead", ',', "\" lead\"" },
    { "trail ", ',', "\"trail \"" },
    { "\ttab", ',', "\"\ttab\"" },
    { "in side", ',', "in side" },
    { "caf\u00e9 \u20ac", ',', "caf\u00e9 \u20ac" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new ("<");
      g_autofree char *expected = g_strconcat ("<", cases[i].expected, ">", NULL);

      /* Appends, leaving what was there alone. */
      chrono_csv_append_field (out, cases[i].field, cases[i].delimiter);
      g_string_append_c (out, '>');
      g_assert_cmpstr (out->str, ==, expected);
    }
}

static void
test_round_trip (void)
{
  static const char *const nasty[] = {
    "", "plain", "with,comma", "with;semi", "with\ttab", "say \"hi\"", "\"", "\"\"",
    "\"quoted\"", "line1\nline2", "line1\r\nline2", "cr\ronly", "\n", "\r\n",
    " leading", "trailing ", "  ", "\t", ",", ";", "a\"b,c\nd", "caf\u00e9 \u20ac \U0001F600",
    "=1+1", "'", "x\"",
  };
  static const char delimiters[] = { ',', ';', '\t' };

  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      const char delimiter = delimiters[d];
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GPtrArray) records = g_ptr_array_new ();
      g_autoptr(ChronoCsvReader) reader = NULL;
      g_autoptr(Table) table = NULL;
      g_autoptr(GError) error = NULL;
      const char *all[G_N_ELEMENTS (nasty) + 1];

      for (guint i = 0; i < G_N_ELEMENTS (nasty); i++)
        all[i] = nasty[i];
      all[G_N_ELEMENTS (nasty)] = NULL;

      /* Every value alone (but "": a record of one empty field is a blank
       * line, which the reader skips), between others, and all together. */
      for (guint i = 0; i < G_N_ELEMENTS (nasty); i++)
        {
          const char **one = g_new0 (const char *, 2);
          const char **three = g_new0 (const char *, 4);

          one[0] = nasty[i];
          three[0] = "id";
          three[1] = nasty[i];
          three[2] = nasty[i];
          if (nasty[i][0] != '\0')
            g_ptr_array_add (records, one);
          else
            g_free (one);
          g_ptr_array_add (records, three);
        }
      g_ptr_array_add (records, g_memdup2 (all, sizeof all));

      for (guint r = 0; r < records->len; r++)
        {
          const char **fields = g_ptr_array_index (records, r);

          for (guint f = 0; fields[f] != NULL; f++)
            {
              if (f > 0)
                g_string_append_c (text, delimiter);
              chrono_csv_append_field (text, fields[f], delimiter);
            }
          g_string_append (text, "\r\n");
        }

      reader = open_text (text->str, text->len);
      chrono_csv_reader_set_delimiter (reader, delimiter);
      table = read_rows (reader, FALSE, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (table->rows->len, ==, records->len);
      for (guint r = 0; r < records->len; r++)
        g_assert_cmpstrv (g_ptr_array_index (table->rows, r),
                          (const char *const *) g_ptr_array_index (records, r));

      for (guint r = 0; r < records->len; r++)
        g_free (g_ptr_array_index (records, r));
    }
}

/* ChronoRowSource ------------------------------------------------------------------- */

static void
test_row_source (void)
{
  g_autoptr(ChronoCsvReader) reader = open_data ("csv", "lone-cr.csv");
  ChronoRowSource *source;
  GPtrArray *cells = NULL;
  GPtrArray *first_cells;
  guint64 number = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (CHRONO_IS_ROW_SOURCE (reader));
  g_assert_true (g_type_is_a (CHRONO_TYPE_CSV_READER, CHRONO_TYPE_ROW_SOURCE));
  source = CHRONO_ROW_SOURCE (reader);

  g_assert_true (chrono_row_source_next_row (source, &cells, &number, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 1);
  g_assert_cmpuint (cells->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (cells, 0), ==, "a");
  first_cells = cells;

  /* Row numbers are optional; the array is the reader's, reused. */
  g_assert_true (chrono_row_source_next_row (source, &cells, NULL, &error));
  g_assert_true (cells == first_cells);
  g_assert_cmpstr (g_ptr_array_index (cells, 1), ==, "multi\rline");

  g_assert_true (chrono_row_source_next_row (source, &cells, &number, &error));
  g_assert_cmpuint (number, ==, 4);
  g_assert_false (chrono_row_source_next_row (source, &cells, &number, &error));
  g_assert_no_error (error);
  g_assert_false (chrono_row_source_next_row (source, &cells, &number, &error));
  g_assert_no_error (error);

  /* Faults come through the interface too. */
  {
    g_autoptr(ChronoCsvReader) broken = open_data ("csv", "unterminated-quote.csv");
    g_autoptr(Table) table = read_rows (broken, TRUE, &error);

    g_assert_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_SYNTAX);
    g_assert_cmpuint (table->rows->len, ==, 2);
  }
}

static void
test_encoding_names (void)
{
  g_assert_cmpstr (chrono_csv_encoding_to_string (CHRONO_CSV_ENCODING_UTF8), ==, "UTF-8");
  g_assert_cmpstr (chrono_csv_encoding_to_string (CHRONO_CSV_ENCODING_UTF16LE), ==, "UTF-16LE");
  g_assert_cmpstr (chrono_csv_encoding_to_string (CHRONO_CSV_ENCODING_UTF16BE), ==, "UTF-16BE");
  g_assert_cmpstr (chrono_csv_encoding_to_string (CHRONO_CSV_ENCODING_WINDOWS1252), ==,
                   "Windows-1252");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_spectrum_tests (void)
{
  g_autofree char *dir_path = data_path ("csv-spectrum", "csvs", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  g_assert_no_error (error);
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, ".csv"))
      g_ptr_array_add (names, g_strndup (entry, strlen (entry) - strlen (".csv")));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *test_path = g_strconcat ("/csv/spectrum/", (char *) names->pdata[i], NULL);

      g_test_add_data_func_full (test_path, g_strdup (names->pdata[i]), test_spectrum, g_free);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_spectrum_tests ();

  g_test_add_func ("/csv/spectrum-crlf", test_spectrum_crlf);
  g_test_add_func ("/csv/submissions/children-s-social-care", test_submission_social_care);
  g_test_add_func ("/csv/submissions/nottinghamshire-police", test_submission_police);
  g_test_add_func ("/csv/submissions/health", test_submission_health);
  g_test_add_func ("/csv/submissions/victim-support", test_submission_victim_support);
  g_test_add_func ("/csv/submissions/not-csv", test_submission_not_csv);

  g_test_add_func ("/csv/encoding/utf16be-bom", test_utf16be_bom);
  g_test_add_func ("/csv/encoding/windows-1252", test_windows1252);
  g_test_add_func ("/csv/encoding/block-boundaries", test_block_boundaries);
  g_test_add_func ("/csv/encoding/late-non-utf8", test_late_non_utf8);
  g_test_add_func ("/csv/encoding/invalid-utf16", test_invalid_utf16);
  g_test_add_func ("/csv/encoding/bom-only", test_bom_only);
  g_test_add_func ("/csv/encoding/names", test_encoding_names);

  g_test_add_func ("/csv/structure/lone-cr", test_lone_cr);
  g_test_add_func ("/csv/structure/semicolon", test_semicolon);
  g_test_add_func ("/csv/structure/set-delimiter", test_set_delimiter);
  g_test_add_func ("/csv/structure/sniff", test_sniff);
  g_test_add_func ("/csv/structure/blank-lines", test_blank_lines);
  g_test_add_func ("/csv/structure/rfc4180-edges", test_rfc4180_edges);

  g_test_add_func ("/csv/fault/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/csv/fault/nul-byte", test_nul_byte);
  g_test_add_func ("/csv/fault/binary-sparse-5gb", test_binary_sparse);
  g_test_add_func ("/csv/fault/binary-head", test_binary_head);
  g_test_add_func ("/csv/fault/too-large", test_too_large);
  g_test_add_func ("/csv/fault/missing-file", test_missing_file);
  g_test_add_func ("/csv/empty-file", test_empty_file);

  g_test_add_func ("/csv/write/append-field", test_append_field);
  g_test_add_func ("/csv/write/round-trip", test_round_trip);

  g_test_add_func ("/csv/row-source", test_row_source);

  return g_test_run ();
}
