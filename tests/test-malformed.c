/* test-malformed.c: bad input, proven
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every file in tests/data/malformed (written by build-aux/make-malformed.py,
 * whose MANIFEST says what each must do), and a few too big to keep, is
 * imported into a case that already holds events: nothing crashes, a
 * refusal names the file and leaves the case as it was, and rows that
 * cannot be read are kept with a reason.  Case files are also opened as
 * cases, read-only and for writing: refused, and left byte for byte. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "chrono-csv-reader.h"
#include "chrono-importer.h"
#include "chrono-zip-xml.h"

/* What /etc/passwd starts with: never in a case, a message or a cell. */
#define PASSWD_TEXT "root:"

/* The case every file is imported into: three events and one rejected row
 * from this file, imported first. */
static const char seed_csv[] =
  "Date,Agency,Event\r\n"
  "02/08/2011,Police,Seed visit one\r\n"
  "03/08/2011,Health,Seed visit two\r\n"
  "04/08/2011,Housing,Seed visit three\r\n"
  "31/02/2011,Police,Seed with an impossible date\r\n";
#define SEED_EVENTS 3
#define SEED_REJECTED 1

typedef struct
{
  char *dir;        /* a fresh temporary directory */
  char *case_path;
  ChronoStore *store;
} Fixture;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoImporter) importer = NULL;
  g_autoptr(ChronoImportReport) report = chrono_import_report_new ("seed.csv");
  g_autofree char *seed = NULL;

  f->dir = g_dir_make_tmp ("chrono-malformed-XXXXXX", &error);
  g_assert_no_error (error);
  f->case_path = g_build_filename (f->dir, "case.chronoscope", NULL);
  f->store = chrono_store_open (f->case_path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE,
                                &error);
  g_assert_no_error (error);

  seed = g_build_filename (f->dir, "seed.csv", NULL);
  g_assert_true (g_file_set_contents (seed, seed_csv, -1, NULL));
  importer = chrono_importer_new (f->store);
  g_assert_true (chrono_importer_import_file (importer, seed, "Police", report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, SEED_EVENTS);
  g_assert_cmpuint (report->rejected, ==, SEED_REJECTED);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->store != NULL)
    chrono_store_close (f->store);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->case_path);
}

static char *
malformed_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "malformed", name, NULL);
}

/* Copies @source into the fixture's directory, so that reading it reads
 * nothing outside that directory. */
static char *
copy_in (Fixture    *f,
         const char *source)
{
  g_autofree char *contents = NULL;
  g_autofree char *base = g_path_get_basename (source);
  char *path = g_build_filename (f->dir, base, NULL);
  gsize length = 0;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  return path;
}

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* The case's whole file (after closing) never holds the password file. */
static void
assert_case_clean (Fixture *f)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  chrono_store_close (f->store);
  bytes = read_bytes (f->case_path);
  data = g_bytes_get_data (bytes, &size);
  g_assert_null (g_strstr_len (data, (gssize) size, "root:x:0:0:"));
}

/* Rejected rows in the case: all of them have a reason. */
static void
assert_rejected_rows_have_reasons (Fixture *f)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->case_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM rejected_row"
                                           " WHERE reason IS NULL OR trim(reason) = ''",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

typedef enum
{
  EXPECT_FAIL,
  EXPECT_ROWS,
  EXPECT_ANY,
} Expect;

/* Imports @path into the fixture's case and checks the rules; returns
 * whether the import went through.  @imported and @rejected are checked
 * when @expect is EXPECT_ROWS. */
static gboolean
import_and_check (Fixture    *f,
                  const char *path,
                  Expect      expect,
                  guint       imported,
                  guint       rejected)
{
  g_autoptr(ChronoImporter) importer = chrono_importer_new (f->store);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(ChronoImportReport) report = chrono_import_report_new (base);
  g_autoptr(GError) error = NULL;
  guint events_before, rejected_before;
  gboolean ok;

  events_before = chrono_store_count_events (f->store, &error);
  g_assert_no_error (error);
  rejected_before = chrono_store_count_rejected_rows (f->store);
  g_assert_cmpuint (events_before, ==, SEED_EVENTS);
  g_assert_cmpuint (rejected_before, ==, SEED_REJECTED);

  ok = chrono_importer_import_file (importer, path, NULL, report, NULL, &error);

  if (!ok)
    {
      g_assert_nonnull (error);
      g_test_message ("%s: refused: %s", base, error->message);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpstr (error->message, !=, "");
      /* The message names the file. */
      g_assert_nonnull (strstr (error->message, base));
      g_assert_null (strstr (error->message, PASSWD_TEXT));
      g_assert_cmpint (expect, !=, EXPECT_ROWS);

      /* The case is as it was. */
      g_assert_cmpuint (chrono_store_count_events (f->store, NULL), ==, events_before);
      g_assert_cmpuint (chrono_store_count_rejected_rows (f->store), ==, rejected_before);
    }
  else
    {
      g_autoptr(GPtrArray) events = NULL;
      guint n_reasons = 0;

      g_assert_no_error (error);
      g_test_message ("%s: %u imported, %u rejected (%s)%s%s", base, report->imported,
                      report->rejected, report->format != NULL ? report->format : "?",
                      report->reasons->len > 0 ? "; first reason: " : "",
                      report->reasons->len > 0 ? (const char *) report->reasons->pdata[0] : "");
      g_assert_cmpint (expect, !=, EXPECT_FAIL);
      g_assert_false (report->skipped);
      if (expect == EXPECT_ROWS)
        {
          g_assert_cmpuint (report->imported, ==, imported);
          g_assert_cmpuint (report->rejected, ==, rejected);
        }

      /* Every row is an event or a rejected row with its reason. */
      g_assert_cmpuint (chrono_store_count_events (f->store, NULL), ==,
                        events_before + report->imported);
      g_assert_cmpuint (chrono_store_count_rejected_rows (f->store), ==,
                        rejected_before + report->rejected);
      n_reasons = MIN (report->rejected, CHRONO_IMPORT_REPORT_MAX_REASONS);
      g_assert_cmpuint (report->reasons->len, >=, n_reasons);
      for (guint i = 0; i < report->reasons->len; i++)
        {
          const char *reason = g_ptr_array_index (report->reasons, i);

          g_assert_cmpstr (reason, !=, "");
          g_assert_null (strstr (reason, PASSWD_TEXT));
        }

      events = chrono_store_load_events (f->store, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < events->len; i++)
        {
          ChronoEvent *event = g_ptr_array_index (events, i);

          g_assert_true (chrono_date_is_valid (chrono_event_get_date (event)));
          g_assert_true (g_utf8_validate (chrono_event_get_summary (event), -1, NULL));
          g_assert_null (strstr (chrono_event_get_summary (event), PASSWD_TEXT));
        }
    }

  {
    g_autoptr(GError) check_error = NULL;

    g_assert_true (chrono_store_check_integrity (f->store, &check_error));
    g_assert_no_error (check_error);
  }
  return ok;
}

/* A case file: refused read-only and for writing, and left as it was. */
static void
check_case_file (Fixture    *f,
                 const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GBytes) before = read_bytes (path);
  const ChronoStoreFlags modes[] = { CHRONO_STORE_OPEN_READ_ONLY, CHRONO_STORE_OPEN_WRITE };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoStore) store = chrono_store_open (path, modes[i], &error);
      g_autoptr(GBytes) after = NULL;

      g_assert_null (store);
      g_assert_nonnull (error);
      g_assert_true (error->domain == CHRONO_STORE_ERROR);
      g_test_message ("%s: %s: %s", base, i == 0 ? "read-only" : "for writing", error->message);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, base));

      /* (SQLite may leave empty -wal and -shm files beside a case in
       * write-ahead-log mode; the case itself is untouched.) */
      after = read_bytes (path);
      g_assert_true (g_bytes_equal (before, after));
    }
}

static void
test_manifest_entry (Fixture       *f,
                     gconstpointer  data)
{
  const char *line = data;
  g_auto(GStrv) fields = g_strsplit (line, " ", -1);
  g_autofree char *source = malformed_path (fields[0]);
  g_autofree char *path = copy_in (f, source);
  Expect expect = EXPECT_ANY;
  guint imported = 0, rejected = 0;

  if (g_str_equal (fields[1], "case"))
    {
      check_case_file (f, path);
      /* Imported as a chronology, it is refused too. */
      expect = EXPECT_FAIL;
    }
  else if (g_str_equal (fields[1], "fail"))
    expect = EXPECT_FAIL;
  else if (g_str_equal (fields[1], "rows"))
    {
      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      expect = EXPECT_ROWS;
      imported = (guint) g_ascii_strtoull (fields[2], NULL, 10);
      rejected = (guint) g_ascii_strtoull (fields[3], NULL, 10);
    }
  else
    g_assert_cmpstr (fields[1], ==, "any");

  import_and_check (f, path, expect, imported, rejected);
  assert_rejected_rows_have_reasons (f);
  assert_case_clean (f);
}

/* ---- made here: too big to keep in the repository ---------------------- */

static void
test_huge_cell_csv (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "huge-cell.csv", NULL);
  g_autoptr(GString) text = g_string_new ("Date,Agency,Event\r\n02/08/2011,Police,");

  /* One cell of 2 MiB: more than CHRONO_CSV_MAX_FIELD. */
  for (gsize i = 0; i < 2 * CHRONO_CSV_MAX_FIELD / 16; i++)
    g_string_append (text, "home visit note ");
  g_string_append (text, "\r\n");
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));

  import_and_check (f, path, EXPECT_FAIL, 0, 0);
  assert_case_clean (f);
}

static void
test_huge_quoted_record_csv (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "huge-record.csv", NULL);
  g_autoptr(GString) text = g_string_new ("Date,Agency,Event\r\n02/08/2011,Police,\"");

  /* A quote never closed, then 20 MiB of short lines: past
   * CHRONO_CSV_MAX_RECORD however the fields fall. */
  for (gsize i = 0; i < 20 * 1024 * 1024 / 32; i++)
    g_string_append (text, "03/08/2011,Police,short note\r\n");
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));

  import_and_check (f, path, EXPECT_FAIL, 0, 0);
  assert_case_clean (f);
}

static void
test_late_invalid_utf8_csv (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "late-invalid-utf8.csv", NULL);
  g_autoptr(GString) text = g_string_new ("Date,Agency,Event\r\n");

  /* 100 KiB of real UTF-8, so the file is read as UTF-8; then a byte that
   * is not: an encoding fault naming the row. */
  while (text->len < 100 * 1024)
    g_string_append (text, "02/08/2011,Police,Visit to Zoë\r\n");
  g_string_append (text, "03/08/2011,Police,caf\xe9\r\n");
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));

  import_and_check (f, path, EXPECT_FAIL, 0, 0);
  assert_case_clean (f);
}

static void
test_five_gigabytes (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "five-gigabytes.csv", NULL);
  const gint64 size = G_GINT64_CONSTANT (5) << 30;
  int fd;

  /* A sparse file: 5 GB on paper, nothing on disk.  It must be refused by
   * its size, before anything reads it. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "Date,Event\r\n", 12), ==, 12);
  if (ftruncate (fd, size) != 0)
    {
      g_autofree char *why = g_strdup_printf ("cannot make a sparse 5 GB file here: %s",
                                              g_strerror (errno));

      close (fd);
      g_test_skip (why);
      return;
    }
  close (fd);

  import_and_check (f, path, EXPECT_FAIL, 0, 0);
  assert_case_clean (f);
}

/* Writes a ZIP archive of @n_parts (name, text) pairs at @path. */
static void
write_zip (const char         *path,
           const char * const *parts,
           guint               n_parts)
{
  int zerr = 0;
  zip_t *archive = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);

  g_assert_nonnull (archive);
  for (guint i = 0; i < n_parts; i++)
    {
      const char *text = parts[2 * i + 1];
      zip_source_t *source = zip_source_buffer (archive, text, strlen (text), 0);

      g_assert_nonnull (source);
      g_assert_cmpint (zip_file_add (archive, parts[2 * i], source, ZIP_FL_ENC_UTF_8), >=, 0);
    }
  g_assert_cmpint (zip_close (archive), ==, 0);
}

#define XLSX_CONTENT_TYPES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" \
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" \
  "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/" \
  "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"
#define XLSX_PACKAGE_RELS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/" \
  "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
#define XLSX_WORKBOOK \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  "<sheets><sheet name=\"Chronology\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define XLSX_WORKBOOK_RELS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/" \
  "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"

static void
test_huge_cell_xlsx (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "huge-cell.xlsx", NULL);
  g_autoptr(GString) sheet = g_string_new (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Date</t></is></c>"
    "<c r=\"B1\" t=\"inlineStr\"><is><t>Event</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>02/08/2011</t></is></c>"
    "<c r=\"B2\" t=\"inlineStr\"><is>");
  const char *parts[10];

  /* 2 MiB in one cell, in runs, as Excel writes rich text. */
  for (guint i = 0; i < 2 * CHRONO_OFFICE_MAX_CELL / 48; i++)
    g_string_append (sheet, "<r><t>home visit note, home visit note, home vis</t></r>");
  g_string_append (sheet, "</is></c></row></sheetData></worksheet>");

  parts[0] = "[Content_Types].xml";
  parts[1] = XLSX_CONTENT_TYPES;
  parts[2] = "_rels/.rels";
  parts[3] = XLSX_PACKAGE_RELS;
  parts[4] = "xl/workbook.xml";
  parts[5] = XLSX_WORKBOOK;
  parts[6] = "xl/_rels/workbook.xml.rels";
  parts[7] = XLSX_WORKBOOK_RELS;
  parts[8] = "xl/worksheets/sheet1.xml";
  parts[9] = sheet->str;
  write_zip (path, parts, 5);

  import_and_check (f, path, EXPECT_FAIL, 0, 0);
  assert_case_clean (f);
}

static void
test_many_entries_xlsx (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "many-entries.xlsx", NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n = CHRONO_OFFICE_MAX_ENTRIES + 10;

  g_ptr_array_add (parts, g_strdup ("[Content_Types].xml"));
  g_ptr_array_add (parts, g_strdup (XLSX_CONTENT_TYPES));
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (parts, g_strdup_printf ("xl/media/image%u.xml", i));
      g_ptr_array_add (parts, g_strdup (""));
    }
  write_zip (path, (const char * const *) parts->pdata, parts->len / 2);

  import_and_check (f, path, EXPECT_FAIL, 0, 0);
  assert_case_clean (f);
}

/* Runs @sql on the case at @path with SQLite itself. */
static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_damaged_real_case (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const damages[] = {
    "truncated-half", "truncated-odd", "page-overwritten", "header-overwritten",
    "user-version-999", "application-id-0", "event-table-dropped",
  };
  g_autoptr(GBytes) good = NULL;
  const guint8 *bytes;
  gsize size;

  /* The fixture's own case, closed: a real case with events. */
  chrono_store_close (f->store);
  good = read_bytes (f->case_path);
  bytes = g_bytes_get_data (good, &size);
  g_assert_cmpuint (size, >, 8192);

  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autofree char *name = g_strconcat (damages[i], ".chronoscope", NULL);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree guint8 *copy = g_memdup2 (bytes, size);
      gsize length = size;

      if (g_str_equal (damages[i], "truncated-half"))
        length = size / 2;
      else if (g_str_equal (damages[i], "truncated-odd"))
        length = 4096 + 123;
      else if (g_str_equal (damages[i], "page-overwritten"))
        memset (copy + size / 2, 0xA5, 4096);
      else if (g_str_equal (damages[i], "header-overwritten"))
        memset (copy + 16, 0xFF, 84);
      g_assert_true (g_file_set_contents (path, (const char *) copy, (gssize) length, NULL));

      if (g_str_equal (damages[i], "user-version-999"))
        run_sql (path, "PRAGMA user_version = 999");
      else if (g_str_equal (damages[i], "application-id-0"))
        run_sql (path, "PRAGMA application_id = 0");
      else if (g_str_equal (damages[i], "event-table-dropped"))
        run_sql (path, "PRAGMA foreign_keys = OFF; DROP TABLE event");

      check_case_file (f, path);
    }
}

static void
test_xxe_reads_nothing (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const names[] = {
    "xxe-sheet.xlsx", "xxe-shared-strings.xlsx", "xxe-parameter-entity.xlsx", "xxe-network.xlsx",
    "xxe.ods", "xxe.docx",
  };

  /* Whatever the import does with them, the password file's text shows up
   * nowhere: not in a message, a cell or the case (import_and_check and
   * assert_case_clean look). */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *source = malformed_path (names[i]);
      g_autofree char *path = copy_in (f, source);

      import_and_check (f, path, EXPECT_FAIL, 0, 0);
    }
  assert_case_clean (f);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *manifest_path = NULL;
  g_autofree char *manifest = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n_files = 0;

  g_test_init (&argc, &argv, NULL);

  manifest_path = malformed_path ("MANIFEST");
  if (!g_file_get_contents (manifest_path, &manifest, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (manifest, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *test_path = NULL;
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], " ", 2);
      test_path = g_strdup_printf ("/malformed/file/%s", fields[0]);
      g_test_add (test_path, Fixture, lines[i], fixture_set_up, test_manifest_entry,
                  fixture_tear_down);
      n_files++;
    }
  /* The corpus must not quietly shrink. */
  g_assert_cmpuint (n_files, >=, 50);

  g_test_add ("/malformed/made/huge-cell-csv", Fixture, NULL, fixture_set_up,
              test_huge_cell_csv, fixture_tear_down);
  g_test_add ("/malformed/made/huge-record-csv", Fixture, NULL, fixture_set_up,
              test_huge_quoted_record_csv, fixture_tear_down);
  g_test_add ("/malformed/made/late-invalid-utf8-csv", Fixture, NULL, fixture_set_up,
              test_late_invalid_utf8_csv, fixture_tear_down);
  g_test_add ("/malformed/made/five-gigabytes", Fixture, NULL, fixture_set_up,
              test_five_gigabytes, fixture_tear_down);
  g_test_add ("/malformed/made/huge-cell-xlsx", Fixture, NULL, fixture_set_up,
              test_huge_cell_xlsx, fixture_tear_down);
  g_test_add ("/malformed/made/many-entries-xlsx", Fixture, NULL, fixture_set_up,
              test_many_entries_xlsx, fixture_tear_down);
  g_test_add ("/malformed/made/damaged-real-case", Fixture, NULL, fixture_set_up,
              test_damaged_real_case, fixture_tear_down);
  g_test_add ("/malformed/xxe-reads-nothing", Fixture, NULL, fixture_set_up,
              test_xxe_reads_nothing, fixture_tear_down);

  return g_test_run ();
}
