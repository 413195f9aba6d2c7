/* test-import.c: agencies' own files into one case, checked against the
 * merged chronology they were cut from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "chrono-exchange.h"
#include "chrono-importer.h"
#include "chrono-vocabulary.h"

typedef struct
{
  char *file;
  char *agency;
  guint rows;
} ManifestEntry;

static void
manifest_entry_free (gpointer data)
{
  ManifestEntry *e = data;

  g_free (e->file);
  g_free (e->agency);
  g_free (e);
}

/* manifest.json is flat: "file": { "agency": "…", "rows": N, … }. */
static GPtrArray *
read_manifest (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GRegex) re = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func (manifest_entry_free);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  re = g_regex_new ("\"([^\"]+)\"\\s*:\\s*\\{\\s*\"agency\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*"
                    "\"rows\"\\s*:\\s*(\\d+)", 0, 0, NULL);
  g_regex_match (re, text, 0, &match);
  while (g_match_info_matches (match))
    {
      ManifestEntry *e = g_new0 (ManifestEntry, 1);
      g_autofree char *rows = g_match_info_fetch (match, 3);

      e->file = g_match_info_fetch (match, 1);
      e->agency = g_match_info_fetch (match, 2);
      e->rows = (guint) g_ascii_strtoull (rows, NULL, 10);
      g_ptr_array_add (entries, e);
      g_match_info_next (match, NULL);
    }
  return entries;
}

static char *
temp_case (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("chrono-import-XXXXXX", NULL);
  return g_build_filename (dir, name, NULL);
}

/* Same granularity and same parts; the approximate flag compared apart. */
static gboolean
same_day_month_year (const ChronoDate *a,
                     const ChronoDate *b)
{
  return a->year == b->year && a->month == b->month && a->day == b->day &&
         a->has_time == b->has_time && (!a->has_time || (a->hour == b->hour &&
                                                          a->minute == b->minute));
}

static void
test_stacey_submissions (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "stacey", "submissions", NULL);
  g_autofree char *manifest_path = g_build_filename (dir, "manifest.json", NULL);
  g_autofree char *chronology = g_test_build_filename (G_TEST_DIST, "data", "stacey",
                                                       "chronology.csv", NULL);
  g_autofree char *reference_path = temp_case ("reference.chronoscope");
  g_autofree char *case_path = temp_case ("merged.chronoscope");
  g_autoptr(GPtrArray) manifest = read_manifest (manifest_path);
  g_autoptr(ChronoStore) reference = NULL;
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(ChronoImporter) importer = NULL;
  g_autoptr(ChronoImportReport) ref_report = chrono_import_report_new ("chronology.csv");
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gboolean *used = NULL;
  guint total_rows = 0, total_imported = 0, total_rejected = 0;
  guint found = 0, right_date = 0, right_precision = 0, right_agency = 0;

  g_assert_cmpuint (manifest->len, ==, 12);

  reference = chrono_store_open (reference_path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE,
                                 &error);
  g_assert_no_error (error);
  g_assert_true (chrono_exchange_import (reference, chronology, NULL, ref_report, &error));
  g_assert_no_error (error);
  expected = chrono_store_load_events (reference, &error);
  g_assert_cmpuint (expected->len, ==, 215);

  store = chrono_store_open (case_path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  importer = chrono_importer_new (store);

  for (guint i = 0; i < manifest->len; i++)
    {
      ManifestEntry *e = g_ptr_array_index (manifest, i);
      g_autofree char *path = g_build_filename (dir, e->file, NULL);
      g_autoptr(ChronoImportReport) report = chrono_import_report_new (e->file);

      g_assert_true (chrono_importer_import_file (importer, path, e->agency, report, NULL, &error));
      g_assert_no_error (error);
      g_test_message ("%s (%s): %u imported, %u rejected, %u linked", e->file, report->format,
                      report->imported, report->rejected, report->linked);
      for (guint j = 0; j < report->reasons->len; j++)
        g_test_message ("  %s", (const char *) g_ptr_array_index (report->reasons, j));

      /* Every row is an event or a rejected row with its reason. */
      g_assert_cmpuint (report->imported + report->rejected, ==, e->rows);
      total_rows += e->rows;
      total_imported += report->imported;
      total_rejected += report->rejected;
    }
  g_assert_cmpuint (chrono_store_count_rejected_rows (store), ==, total_rejected);

  imported = chrono_store_load_events (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imported->len, ==, total_imported);
  used = g_new0 (gboolean, imported->len);

  /* Pair each chronology row with the imported event that carries its
   * words; then compare agency, date and precision. */
  for (guint i = 0; i < expected->len; i++)
    {
      ChronoEvent *want = g_ptr_array_index (expected, i);
      g_autofree char *want_text = chrono_vocabulary_normalise (chrono_event_get_summary (want));

      for (guint j = 0; j < imported->len; j++)
        {
          ChronoEvent *got = g_ptr_array_index (imported, j);
          g_autofree char *got_text = NULL;
          const ChronoDate *a, *b;

          if (used[j])
            continue;
          got_text = chrono_vocabulary_normalise (chrono_event_get_summary (got));
          if (strstr (got_text, want_text) == NULL)
            continue;

          used[j] = TRUE;
          found++;
          a = chrono_event_get_date (want);
          b = chrono_event_get_date (got);
          if (g_strcmp0 (chrono_event_get_agency (want), chrono_event_get_agency (got)) == 0)
            right_agency++;
          if (same_day_month_year (a, b))
            {
              right_date++;
              if (a->approx == b->approx)
                right_precision++;
            }
          else
            g_test_message ("date differs for %s: %d-%d-%d vs %d-%d-%d",
                            chrono_event_get_ref (want), a->year, a->month, a->day, b->year,
                            b->month, b->day);
          break;
        }
    }

  g_test_message ("rows %u: imported %u, rejected %u", total_rows, total_imported, total_rejected);
  g_test_message ("chronology events found %u/215, right agency %u, right date and granularity %u, "
                  "also same approximate flag %u", found, right_agency, right_date,
                  right_precision);

  /* At least 98% back with their text, agency and date at the precision
   * the agency's own file gave. */
  g_assert_cmpuint (found * 100, >=, 215 * 98);
  g_assert_cmpuint (right_agency * 100, >=, 215 * 98);
  g_assert_cmpuint (right_date * 100, >=, 215 * 98);
  /* The submissions drop the panel's "approximate" on 29 rows (plain
   * 15/02/2009 where the chronology says about then); nothing in those
   * cells can tell the importer, so those 29 are all that may differ. */
  g_assert_cmpuint (right_date - right_precision, <=, 29);

  chrono_store_close (store);
  chrono_store_close (reference);
}

static void
test_reimport_is_skipped (void)
{
  g_autofree char *chronology = g_test_build_filename (G_TEST_DIST, "data", "stacey",
                                                       "chronology.csv", NULL);
  g_autofree char *case_path = temp_case ("twice.chronoscope");
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(ChronoImporter) importer = NULL;
  g_autoptr(GError) error = NULL;

  store = chrono_store_open (case_path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  importer = chrono_importer_new (store);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(ChronoImportReport) report = chrono_import_report_new ("chronology.csv");

      chrono_importer_set_replace (importer, round == 2);
      g_assert_true (chrono_importer_import_file (importer, chronology, NULL, report, NULL, &error));
      g_assert_no_error (error);
      /* first: imported; second: same bytes, skipped; third: replaced */
      g_assert_cmpint (report->skipped, ==, round == 1);
      g_assert_cmpuint (report->imported, ==, round == 1 ? 0 : 215);
      g_assert_cmpuint (chrono_store_count_events (store, NULL), ==, 215);
    }
}

typedef struct
{
  guint events;
  guint rejected;
  guint files;
  char *sha;
} CaseState;

static void
case_state (const char *path,
            CaseState  *state)
{
  g_autoptr(ChronoStore) store = chrono_store_open (path, CHRONO_STORE_OPEN_READ_ONLY, NULL);
  g_autofree char *export = g_strconcat (path, ".csv", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_nonnull (store);
  state->events = chrono_store_count_events (store, NULL);
  state->rejected = chrono_store_count_rejected_rows (store);
  /* The case's content, not its bytes: opening a case for writing may
   * rewrite its header even when nothing is committed. */
  g_assert_true (chrono_exchange_export (store, export, NULL));
  chrono_store_close (store);
  g_free (state->sha);
  state->sha = chrono_store_hash_file (export, NULL);
  g_unlink (export);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM source_file", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  state->files = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static gulong
crc32_of (const char *data,
          gsize       len)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= (guint8) data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & (0u - (crc & 1)));
    }
  return crc ^ 0xffffffff;
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *data,
            gssize      len)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

/* Writes a ZIP holding @n_parts stored (uncompressed) members. */
static char *
write_zip (const char          *dir,
           const char          *name,
           const char * const  *part_names,
           const char * const  *part_data)
{
  g_autoptr(GByteArray) zip = g_byte_array_new ();
  g_autoptr(GByteArray) central = g_byte_array_new ();
  guint n = 0;

#define PUT16(a, v) G_STMT_START { guint16 x = GUINT16_TO_LE (v); g_byte_array_append (a, (guint8 *) &x, 2); } G_STMT_END
#define PUT32(a, v) G_STMT_START { guint32 x = GUINT32_TO_LE (v); g_byte_array_append (a, (guint8 *) &x, 4); } G_STMT_END
  for (; part_names[n] != NULL; n++)
    {
      guint32 offset = zip->len;
      guint32 size = strlen (part_data[n]);
      guint32 crc = (guint32) crc32_of (part_data[n], size);
      guint16 name_len = strlen (part_names[n]);

      PUT32 (zip, 0x04034b50); PUT16 (zip, 20); PUT16 (zip, 0); PUT16 (zip, 0);
      PUT16 (zip, 0); PUT16 (zip, 0); PUT32 (zip, crc); PUT32 (zip, size); PUT32 (zip, size);
      PUT16 (zip, name_len); PUT16 (zip, 0);
      g_byte_array_append (zip, (const guint8 *) part_names[n], name_len);
      g_byte_array_append (zip, (const guint8 *) part_data[n], size);

      PUT32 (central, 0x02014b50); PUT16 (central, 20); PUT16 (central, 20); PUT16 (central, 0);
      PUT16 (central, 0); PUT16 (central, 0); PUT16 (central, 0); PUT32 (central, crc);
      PUT32 (central, size); PUT32 (central, size); PUT16 (central, name_len);
      PUT16 (central, 0); PUT16 (central, 0); PUT16 (central, 0); PUT16 (central, 0);
      PUT32 (central, 0); PUT32 (central, offset);
      g_byte_array_append (central, (const guint8 *) part_names[n], name_len);
    }
  {
    guint32 central_offset = zip->len;
    guint32 central_size = central->len;

    g_byte_array_append (zip, central->data, central->len);
    PUT32 (zip, 0x06054b50); PUT16 (zip, 0); PUT16 (zip, 0); PUT16 (zip, n); PUT16 (zip, n);
    PUT32 (zip, central_size); PUT32 (zip, central_offset); PUT16 (zip, 0);
  }
#undef PUT16
#undef PUT32
  return write_temp (dir, name, (const char *) zip->data, zip->len);
}

/* Every kind of bad file: a clear message naming the file, no crash, and
 * the case exactly as it was. */
static void
test_bad_input_leaves_case_unchanged (void)
{
  g_autofree char *dir = g_dir_make_tmp ("chrono-bad-XXXXXX", NULL);
  g_autofree char *case_path = g_build_filename (dir, "case.chronoscope", NULL);
  g_autofree char *chronology = g_test_build_filename (G_TEST_DIST, "data", "stacey",
                                                       "chronology.csv", NULL);
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_free);
  CaseState before = { 0 }, after = { 0 };
  static const char * const xlsx_names[] = {
    "[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", NULL,
  };
  static const char * const xlsx_data[] = {
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>",
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
    "2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Chronology\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
    "2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>",
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
    "2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData>"
    "</worksheet>",
    "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
    "main\"><si><t>Date</t></si><si><t>Event</t",
  };
  static const char * const other_names[] = { "readme.txt", "data/x.bin", NULL };
  static const char * const other_data[] = { "hello", "not a spreadsheet", NULL };

  /* A case that already holds something. */
  {
    g_autoptr(ChronoStore) store = chrono_store_open (case_path, CHRONO_STORE_OPEN_WRITE |
                                                      CHRONO_STORE_OPEN_CREATE, NULL);
    g_autoptr(ChronoImportReport) report = chrono_import_report_new ("chronology.csv");

    g_assert_true (chrono_exchange_import (store, chronology, NULL, report, NULL));
    chrono_store_close (store);
  }
  case_state (case_path, &before);
  g_assert_cmpuint (before.events, ==, 215);

  {
    guint8 junk[4096];
    GRand *rand = g_rand_new_with_seed (42);

    for (guint i = 0; i < sizeof junk; i++)
      junk[i] = (guint8) g_rand_int_range (rand, 0, 256);
    g_rand_free (rand);
    g_ptr_array_add (bad, write_temp (dir, "junk.csv", (const char *) junk, sizeof junk));
  }
  g_ptr_array_add (bad, write_temp (dir, "empty.csv", "", 0));
  {
    /* UTF-8 for its first 100 KB (so read as UTF-8), then bytes that are
     * not: a damaged file, not one in another encoding. */
    GString *text = g_string_new ("Date,Event\r\n");

    for (guint i = 0; text->len < 100 * 1024; i++)
      g_string_append (text, "15/08/2008,caf\xc3\xa9 visit\r\n");
    g_string_append (text, "16/08/2008,\xff\xfe\xc3\r\n");
    g_ptr_array_add (bad, write_temp (dir, "bad-utf8.csv", text->str, text->len));
    g_string_free (text, TRUE);
  }
  g_ptr_array_add (bad, write_temp (dir, "no-header.csv", "just,some\r\nwords,here\r\n", -1));
  g_ptr_array_add (bad, write_temp (dir, "old.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", 12));
  g_ptr_array_add (bad, write_temp (dir, "report.pdf", "%PDF-1.4\n", -1));
  g_ptr_array_add (bad, write_zip (dir, "not-office.xlsx", other_names, other_data));
  g_ptr_array_add (bad, write_zip (dir, "broken-strings.xlsx", xlsx_names, xlsx_data));
  {
    /* A field of 10 MB. */
    GString *big = g_string_new ("Date,Event\r\n15/08/2008,\"");
    g_autofree char *path = NULL;

    for (guint i = 0; i < 10 * 1024 * 1024 / 64; i++)
      g_string_append (big, "0123456789012345678901234567890123456789012345678901234567890123");
    g_string_append (big, "\"\r\n");
    g_ptr_array_add (bad, write_temp (dir, "huge-field.csv", big->str, big->len));
    g_string_free (big, TRUE);
  }
  {
    /* 5 GB of nothing, sparse: must be refused after a glance. */
    g_autofree char *path = g_build_filename (dir, "sparse.csv", NULL);
    FILE *fp = g_fopen (path, "wb");

    g_assert_nonnull (fp);
    g_assert_cmpint (fseeko (fp, (off_t) 5 * 1024 * 1024 * 1024 - 1, SEEK_SET), ==, 0);
    fputc (0, fp);
    fclose (fp);
    g_ptr_array_add (bad, g_steal_pointer (&path));
  }

  for (guint i = 0; i < bad->len; i++)
    {
      const char *path = g_ptr_array_index (bad, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autoptr(ChronoStore) store = chrono_store_open (case_path, CHRONO_STORE_OPEN_WRITE, NULL);
      g_autoptr(ChronoImporter) importer = chrono_importer_new (store);
      g_autoptr(ChronoImportReport) report = chrono_import_report_new (base);
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      gboolean ok;

      ok = chrono_importer_import_file (importer, path, "Police", report, NULL, &error);
      chrono_store_close (store);
      g_assert_false (ok);
      g_test_message ("%s: %s", base, error->message);
      g_assert_nonnull (strstr (error->message, base));
      g_assert_cmpuint (report->imported, ==, 0);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

      case_state (case_path, &after);
      g_assert_cmpuint (after.events, ==, before.events);
      g_assert_cmpuint (after.rejected, ==, before.rejected);
      g_assert_cmpuint (after.files, ==, before.files);
      g_assert_cmpstr (after.sha, ==, before.sha);
      g_unlink (path);
    }
  g_free (before.sha);
  g_free (after.sha);
}

static void
test_agency_from_file_name (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "stacey", "submissions", NULL);
  g_autofree char *case_path = temp_case ("names.chronoscope");
  static const char * const files[] = { "women-s-aid.docx", "children-s-social-care.csv",
                                        "nottinghamshire-police.csv", "crown-prosecution-service.csv" };
  static const char * const agencies[] = { "Women's Aid", "Children's Social Care",
                                           "Nottinghamshire Police", "Crown Prosecution Service" };
  g_autoptr(ChronoStore) store = chrono_store_open (case_path, CHRONO_STORE_OPEN_WRITE |
                                                    CHRONO_STORE_OPEN_CREATE, NULL);
  g_autoptr(ChronoImporter) importer = chrono_importer_new (store);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_autoptr(ChronoImportReport) report = chrono_import_report_new (files[i]);
      g_autoptr(GError) error = NULL;

      g_assert_true (chrono_importer_import_file (importer, path, NULL, report, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (report->agency, ==, agencies[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/stacey-submissions", test_stacey_submissions);
  g_test_add_func ("/import/reimport-is-skipped", test_reimport_is_skipped);
  g_test_add_func ("/import/bad-input", test_bad_input_leaves_case_unchanged);
  g_test_add_func ("/import/agency-from-file-name", test_agency_from_file_name);

  return g_test_run ();
}
