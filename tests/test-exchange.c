/* test-exchange.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-exchange"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "chrono-exchange.h"
#include "chrono-store.h"

typedef struct
{
  char *dir;
  char *case_path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("chrono-test-exchange-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->case_path = g_build_filename (fixture->dir, "case.chronoscope", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->case_path);
}

static char *
stacey_csv (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "stacey", "chronology.csv", NULL);
}

static char *
write_temp (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static ChronoStore *
open_case (Fixture          *fixture,
           ChronoStoreFlags  flags)
{
  g_autoptr(GError) error = NULL;
  ChronoStore *store = chrono_store_open (fixture->case_path, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static ChronoImportReport *
import_file (ChronoStore *store,
             const char  *path,
             const char  *agency)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);
  ChronoImportReport *report = chrono_import_report_new (base);

  g_assert_true (chrono_exchange_import (store, path, agency, report, &error));
  g_assert_no_error (error);
  return report;
}

static char *
export_file (Fixture     *fixture,
             ChronoStore *store,
             const char  *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (chrono_exchange_export (store, path, &error));
  g_assert_no_error (error);
  return path;
}

/* Byte for byte; on a difference, fails naming the first line that differs. */
static void
assert_files_identical (const char *got_path,
                        const char *want_path)
{
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;
  gsize got_len = 0, want_len = 0, i, line = 1, line_start = 0;

  g_assert_true (g_file_get_contents (got_path, &got, &got_len, NULL));
  g_assert_true (g_file_get_contents (want_path, &want, &want_len, NULL));

  for (i = 0; i < got_len && i < want_len && got[i] == want[i]; i++)
    {
      if (got[i] == '\n')
        {
          line++;
          line_start = i + 1;
        }
    }
  if (i == got_len && i == want_len)
    return;

  {
    g_autofree char *got_line = g_strndup (got + line_start, strcspn (got + line_start, "\n"));
    g_autofree char *want_line = g_strndup (want + line_start, strcspn (want + line_start, "\n"));
    g_autofree char *got_esc = g_strescape (got_line, NULL);
    g_autofree char *want_esc = g_strescape (want_line, NULL);

    g_error ("%s differs from %s at byte %" G_GSIZE_FORMAT " (line %" G_GSIZE_FORMAT
             "; sizes %" G_GSIZE_FORMAT " and %" G_GSIZE_FORMAT "):\n got: %s\nwant: %s",
             got_path, want_path, i, line, got_len, want_len, got_esc, want_esc);
  }
}

typedef struct
{
  const char *name;
  guint       n_events;
  const char *units[5];
} AgencyCount;

/* From tests/data/stacey/README.md, in the order the agencies first appear. */
static const AgencyCount stacey_agencies[] = {
  { "Nottinghamshire Police", 87, { "DASU", "DPMU", "Witness Care Unit", "Response", NULL } },
  { "Children's Social Care", 54, { NULL } },
  { "Probation", 21, { NULL } },
  { "Courts", 11, { NULL } },
  { "Women's Aid", 11, { NULL } },
  { "Health", 9, { "Health Visitor", "Emergency Department", "School Nurse", NULL } },
  { "Crown Prosecution Service", 8, { NULL } },
  { "Prisons", 4, { NULL } },
  { "Victim Support", 4, { NULL } },
  { "MARAC", 3, { NULL } },
  { "Housing", 2, { NULL } },
  { "Education", 1, { NULL } },
};

static void
assert_stacey_agencies (ChronoStore *store,
                        guint        times)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agencies = chrono_store_list_agencies (store, &error);
  guint total = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (agencies->len, ==, G_N_ELEMENTS (stacey_agencies));

  for (guint i = 0; i < G_N_ELEMENTS (stacey_agencies); i++)
    {
      const AgencyCount *want = &stacey_agencies[i];
      ChronoAgency *agency = NULL;
      const char * const *units;

      for (guint j = 0; j < agencies->len; j++)
        if (g_strcmp0 (chrono_agency_get_name (agencies->pdata[j]), want->name) == 0)
          agency = agencies->pdata[j];
      if (agency == NULL)
        g_error ("agency “%s” is missing", want->name);

      g_assert_cmpuint (chrono_agency_get_n_events (agency), ==, want->n_events * times);
      total += chrono_agency_get_n_events (agency);

      units = chrono_agency_get_units (agency);
      g_assert_nonnull (units);
      g_assert_cmpuint (g_strv_length ((char **) units), ==,
                        g_strv_length ((char **) want->units));
      for (guint k = 0; want->units[k] != NULL; k++)
        if (!g_strv_contains (units, want->units[k]))
          g_error ("%s has no unit “%s”", want->name, want->units[k]);
    }
  g_assert_cmpuint (total, ==, 215 * times);
}

static void
test_stacey_round_trip (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *input = stacey_csv ();
  g_autoptr(ChronoStore) store = open_case (fixture, CHRONO_STORE_OPEN_WRITE |
                                                      CHRONO_STORE_OPEN_CREATE);
  g_autoptr(ChronoImportReport) report = import_file (store, input, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *output2 = NULL;

  g_assert_cmpuint (report->imported, ==, 215);
  g_assert_cmpuint (report->rejected, ==, 0);
  g_assert_cmpuint (report->reasons->len, ==, 0);
  g_assert_cmpuint (chrono_store_count_events (store, &error), ==, 215);
  g_assert_cmpuint (chrono_store_count_rejected_rows (store), ==, 0);
  assert_stacey_agencies (store, 1);

  /* Straight from the open case, and again after closing and reopening it
   * read-only: the same bytes as the input, CRLF and quoting included. */
  output = export_file (fixture, store, "export.csv");
  assert_files_identical (output, input);
  chrono_store_close (store);
  g_clear_object (&store);

  store = open_case (fixture, CHRONO_STORE_OPEN_READ_ONLY);
  g_assert_cmpuint (chrono_store_count_events (store, &error), ==, 215);
  assert_stacey_agencies (store, 1);
  output2 = export_file (fixture, store, "export-2.csv");
  assert_files_identical (output2, input);

  /* The header is exactly the schema's columns. */
  {
    g_autofree char *joined = g_strjoinv (",", (char **) chrono_exchange_columns ());
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (input, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, joined));
    g_assert_true (g_str_has_prefix (contents + strlen (joined), "\r\n"));
  }
}

static void
test_extra_columns (Fixture       *fixture,
                    gconstpointer  user_data)
{
  /* Schema columns in the schema's order, then two the schema lacks (one
   * with a comma in its name), as export writes them. */
  static const char csv[] =
    "id,date,date_precision,time,end_date,agency,unit,subjects,kind,summary,shared_with,"
    "not_shared_with,allocation,risk,source,officer,\"case ref, old\"\r\n"
    "X1,2011-10-14,day,23:05,,Nottinghamshire Police,DASU,Stacey;Perpetrator,incident,"
    "\"Called to the address, \"\"he's got a knife\"\"\",Children's Social Care,Housing,,high,"
    "log 1234,PC 1234 Smith,\"A/11, 22\"\r\n"
    "X2,2011-10,month,,,Health,,Stacey,contact,Seen at the surgery,,,,,GP notes,,\r\n"
    "X3,2011,approx,,2012-03,Probation,,Perpetrator,custody,On remand,,,,,,\"  spaced  \",R9\r\n";
  g_autofree char *input = write_temp (fixture, "extra.csv", csv);
  g_autoptr(ChronoStore) store = open_case (fixture, CHRONO_STORE_OPEN_WRITE |
                                                      CHRONO_STORE_OPEN_CREATE);
  g_autoptr(ChronoImportReport) report = import_file (store, input, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *output = NULL;
  ChronoEvent *x1, *x2, *x3;

  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (report->rejected, ==, 0);

  events = chrono_store_load_events (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  /* By date: X3 (2011), X2 (Oct 2011), X1 (14 Oct 2011). */
  x3 = events->pdata[0];
  x2 = events->pdata[1];
  x1 = events->pdata[2];
  g_assert_cmpstr (chrono_event_get_ref (x1), ==, "X1");
  g_assert_cmpstr (chrono_event_get_ref (x2), ==, "X2");
  g_assert_cmpstr (chrono_event_get_ref (x3), ==, "X3");

  g_assert_cmpuint (chrono_event_get_n_extras (x1), ==, 2);
  g_assert_cmpstr (chrono_event_get_extra_name (x1, 0), ==, "officer");
  g_assert_cmpstr (chrono_event_get_extra_value (x1, 0), ==, "PC 1234 Smith");
  g_assert_cmpstr (chrono_event_get_extra_name (x1, 1), ==, "case ref, old");
  g_assert_cmpstr (chrono_event_get_extra_value (x1, 1), ==, "A/11, 22");
  g_assert_cmpstr (chrono_event_lookup_extra (x3, "officer"), ==, "  spaced  ");
  g_assert_cmpstr (chrono_event_lookup_extra (x3, "case ref, old"), ==, "R9");
  g_assert_cmpstr (chrono_event_get_summary (x1), ==,
                   "Called to the address, \"he's got a knife\"");
  g_assert_cmpstr (chrono_event_get_unit (x1), ==, "DASU");
  g_assert_cmpint (chrono_event_get_risk (x1), ==, CHRONO_RISK_HIGH);
  g_assert_cmpint (chrono_event_get_kind (x3), ==, CHRONO_KIND_CUSTODY);
  g_assert_true (chrono_event_is_span (x3));
  g_assert_cmpuint (chrono_event_get_end_date (x3)->year, ==, 2012);
  g_assert_cmpuint (chrono_event_get_end_date (x3)->month, ==, 3);
  g_assert_cmpstr (chrono_event_get_file (x1), ==, "extra.csv");
  g_assert_cmpuint (chrono_event_get_row (x1), ==, 2);
  g_assert_cmpuint (chrono_event_get_row (x3), ==, 4);

  output = export_file (fixture, store, "extra-out.csv");
  assert_files_identical (output, input);

  /* Export, import the export into a new case, export again: stable. */
  {
    g_autofree char *second_case = g_build_filename (fixture->dir, "second.chronoscope", NULL);
    g_autoptr(ChronoStore) second = chrono_store_open (second_case, CHRONO_STORE_OPEN_WRITE |
                                                                    CHRONO_STORE_OPEN_CREATE,
                                                       &error);
    g_autoptr(ChronoImportReport) report2 = NULL;
    g_autofree char *output2 = g_build_filename (fixture->dir, "extra-out-2.csv", NULL);

    g_assert_no_error (error);
    report2 = import_file (second, output, NULL);
    g_assert_cmpuint (report2->imported, ==, 3);
    g_assert_true (chrono_exchange_export (second, output2, &error));
    g_assert_no_error (error);
    assert_files_identical (output2, input);
  }
}

static void
test_extra_columns_reordered (Fixture       *fixture,
                              gconstpointer  user_data)
{
  /* Columns in another order, an unknown one in the middle, a row longer
   * than the header: nothing is lost, export puts the schema first. */
  static const char csv[] =
    "Summary,Agency,Worker,date,ID\r\n"
    "Home visit,Children's Social Care,Jo Bloggs,2010-11-17,S1\r\n"
    "Strategy meeting,Children's Social Care,,2010-11-18,S2,stray cell\r\n";
  static const char want[] =
    "id,date,date_precision,time,end_date,agency,unit,subjects,kind,summary,shared_with,"
    "not_shared_with,allocation,risk,source,Worker,column 6\r\n"
    "S1,2010-11-17,day,,,Children's Social Care,,,other,Home visit,,,,,,Jo Bloggs,\r\n"
    "S2,2010-11-18,day,,,Children's Social Care,,,other,Strategy meeting,,,,,,,stray cell\r\n";
  g_autofree char *input = write_temp (fixture, "reordered.csv", csv);
  g_autofree char *want_path = write_temp (fixture, "want.csv", want);
  g_autoptr(ChronoStore) store = open_case (fixture, CHRONO_STORE_OPEN_WRITE |
                                                      CHRONO_STORE_OPEN_CREATE);
  g_autoptr(ChronoImportReport) report = import_file (store, input, NULL);
  g_autofree char *output = NULL;

  g_assert_cmpuint (report->imported, ==, 2);
  output = export_file (fixture, store, "reordered-out.csv");
  assert_files_identical (output, want_path);
}

/* The rejected rows as the case keeps them: "row|reason|cell;cell;…". */
static GPtrArray *
read_rejected_rows (const char *case_path)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (case_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT row, reason, cells FROM rejected_row ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_blob (stmt, 2),
                                             (gsize) sqlite3_column_bytes (stmt, 2));
      g_autoptr(GVariant) v = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("as"),
                                                                             bytes, FALSE));
      g_autofree const char **cells = g_variant_get_strv (v, NULL);
      g_autofree char *joined = g_strjoinv (";", (char **) cells);

      g_ptr_array_add (rows, g_strdup_printf ("%" G_GINT64_FORMAT "|%s|%s",
                                              (gint64) sqlite3_column_int64 (stmt, 0),
                                              (const char *) sqlite3_column_text (stmt, 1),
                                              joined));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

static void
test_bad_date (Fixture       *fixture,
               gconstpointer  user_data)
{
  static const char csv[] =
    "id,date,agency,summary\r\n"
    "A1,2011-02-28,Police,fine\r\n"
    "A2,2011-02-31,Police,no such day\r\n"
    "A3,2011-03-01,Police,\"fine, too\"\r\n"
    "A4,14/10/2011,Police,not ISO\r\n"
    "A5,2011-03-02,Police,fine\r\n";
  g_autofree char *input = write_temp (fixture, "dates.csv", csv);
  g_autoptr(ChronoStore) store = open_case (fixture, CHRONO_STORE_OPEN_WRITE |
                                                      CHRONO_STORE_OPEN_CREATE);
  g_autoptr(ChronoImportReport) report = import_file (store, input, NULL);
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (report->rejected, ==, 2);
  g_assert_cmpuint (report->reasons->len, ==, 2);
  /* Rows count as a person would: the header is row 1. */
  g_test_message ("%s", (const char *) report->reasons->pdata[0]);
  g_test_message ("%s", (const char *) report->reasons->pdata[1]);
  g_assert_true (g_str_has_prefix (report->reasons->pdata[0], "row 3: "));
  g_assert_true (g_str_has_prefix (report->reasons->pdata[1], "row 5: "));
  g_assert_cmpuint (chrono_store_count_events (store, &error), ==, 3);
  g_assert_cmpuint (chrono_store_count_rejected_rows (store), ==, 2);
  chrono_store_close (store);
  g_clear_object (&store);

  /* Kept in the case, verbatim, after closing it. */
  store = open_case (fixture, CHRONO_STORE_OPEN_READ_ONLY);
  g_assert_cmpuint (chrono_store_count_rejected_rows (store), ==, 2);
  g_assert_cmpuint (chrono_store_count_events (store, &error), ==, 3);
  chrono_store_close (store);

  rejected = read_rejected_rows (fixture->case_path);
  g_assert_cmpuint (rejected->len, ==, 2);
  g_assert_true (g_str_has_prefix (rejected->pdata[0], "3|"));
  g_assert_true (g_str_has_suffix (rejected->pdata[0], "|A2;2011-02-31;Police;no such day"));
  g_assert_true (g_str_has_prefix (rejected->pdata[1], "5|"));
  g_assert_true (g_str_has_suffix (rejected->pdata[1], "|A4;14/10/2011;Police;not ISO"));
}

static void
test_agency_default (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const char csv[] =
    "id,date,agency,summary\r\n"
    "H1,2011-01-05,,Tenancy visit\r\n"
    "H2,2011-01-06,Probation,Supervision appointment\r\n"
    "H3,2011-01-07,,Repairs reported\r\n";
  g_autofree char *input = write_temp (fixture, "blank-agency.csv", csv);
  g_autoptr(ChronoStore) store = open_case (fixture, CHRONO_STORE_OPEN_WRITE |
                                                      CHRONO_STORE_OPEN_CREATE);
  g_autoptr(ChronoImportReport) report = import_file (store, input, "Housing");
  g_autoptr(ChronoImportReport) without = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (report->rejected, ==, 0);
  events = chrono_store_load_events (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (chrono_event_get_agency (events->pdata[0]), ==, "Housing");
  g_assert_cmpstr (chrono_event_get_agency (events->pdata[1]), ==, "Probation");
  g_assert_cmpstr (chrono_event_get_agency (events->pdata[2]), ==, "Housing");

  /* Without a default, rows with no agency cannot be placed in a lane.
   * (Other bytes than the first file, which would be skipped as imported.) */
  {
    g_autofree char *other = write_temp (fixture, "blank-agency-2.csv", csv + 0);
    g_autofree char *more = g_strconcat (csv, "\r\n", NULL);

    g_assert_true (g_file_set_contents (other, more, -1, NULL));
    without = import_file (store, other, NULL);
  }
  g_assert_cmpuint (without->imported, ==, 1);
  g_assert_cmpuint (without->rejected, ==, 2);
  g_assert_true (g_str_has_prefix (without->reasons->pdata[0], "row 2: "));
  g_assert_nonnull (strstr (without->reasons->pdata[0], "agency"));
  g_assert_cmpuint (chrono_store_count_events (store, &error), ==, 4);
  g_assert_cmpuint (chrono_store_count_rejected_rows (store), ==, 2);
}

static void
test_import_twice (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *input = stacey_csv ();
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(ChronoStore) store = open_case (fixture, CHRONO_STORE_OPEN_WRITE |
                                                      CHRONO_STORE_OPEN_CREATE);
  g_autoptr(ChronoImportReport) first = import_file (store, input, NULL);
  g_autoptr(ChronoImportReport) again = NULL;
  g_autoptr(ChronoImportReport) second = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (first->imported, ==, 215);
  g_assert_false (first->skipped);
  chrono_store_close (store);
  g_clear_object (&store);

  /* The very same bytes again are recognised and skipped. */
  store = open_case (fixture, CHRONO_STORE_OPEN_WRITE);
  again = import_file (store, input, NULL);
  g_assert_true (again->skipped);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (chrono_store_count_events (store, &error), ==, 215);

  /* The same rows in a file that differs by one blank line: no event-level
   * duplicate detection yet, so twice the events (and no more agencies). */
  g_assert_true (g_file_get_contents (input, &contents, NULL, NULL));
  copy = g_build_filename (fixture->dir, "chronology-copy.csv", NULL);
  {
    g_autofree char *more = g_strconcat (contents, "\r\n", NULL);
    g_assert_true (g_file_set_contents (copy, more, -1, NULL));
  }
  second = import_file (store, copy, NULL);
  g_assert_false (second->skipped);
  g_assert_cmpuint (second->imported, ==, 215);
  g_assert_cmpuint (second->rejected, ==, 0);
  g_assert_cmpuint (chrono_store_count_events (store, &error), ==, 430);
  g_assert_no_error (error);
  assert_stacey_agencies (store, 2);
  g_assert_true (chrono_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

static void
test_failed_export (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *input = stacey_csv ();
  g_autofree char *nowhere = g_build_filename (fixture->dir, "no-such-dir", "out.csv", NULL);
  g_autofree char *existing = g_build_filename (fixture->dir, "existing.csv", NULL);
  g_autoptr(ChronoStore) store = open_case (fixture, CHRONO_STORE_OPEN_WRITE |
                                                      CHRONO_STORE_OPEN_CREATE);
  g_autoptr(ChronoImportReport) report = import_file (store, input, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_false (chrono_exchange_export (store, nowhere, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Replacing a file leaves no temporary file behind. */
  g_assert_true (g_file_set_contents (existing, "old", -1, NULL));
  g_assert_true (chrono_exchange_export (store, existing, &error));
  g_assert_no_error (error);
  assert_files_identical (existing, input);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "existing.csv."))
      g_error ("temporary file %s left behind", name);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/exchange/stacey-round-trip", test_stacey_round_trip);
  ADD ("/exchange/extra-columns", test_extra_columns);
  ADD ("/exchange/extra-columns-reordered", test_extra_columns_reordered);
  ADD ("/exchange/bad-date", test_bad_date);
  ADD ("/exchange/agency-default", test_agency_default);
  ADD ("/exchange/import-twice", test_import_twice);
  ADD ("/exchange/failed-export", test_failed_export);
#undef ADD

  return g_test_run ();
}
