/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-store"
#define _GNU_SOURCE   /* unshare () */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chrono-exchange.h"
#include "chrono-store.h"

/* The kill test's writer child: the hidden first argument of this binary. */
#define WRITER_ARG "--kill-test-writer"
/* Events per transaction in the writer child. */
#define WRITER_TX_EVENTS 5

static char *self_exe;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

/* A scratch directory removed (with everything in it) at the end of a test. */
static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("chrono-test-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_chmod (path, 0700);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* What we compare before and after a refusal: contents, size and mtime. */
typedef struct
{
  char    *sha256;
  gint64   size;
  gint64   mtime_sec;
  gint64   mtime_nsec;
  guint    mode;
} Snapshot;

static void
snapshot_clear (Snapshot *snap)
{
  g_clear_pointer (&snap->sha256, g_free);
}

static char *
sha256_of_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static void
take_snapshot (const char *path,
               Snapshot   *snap)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  snap->size = st.st_size;
  snap->mtime_sec = st.st_mtim.tv_sec;
  snap->mtime_nsec = st.st_mtim.tv_nsec;
  snap->mode = st.st_mode;
  snap->sha256 = S_ISREG (st.st_mode) ? sha256_of_file (path) : NULL;
}

/* No side file a database could have left: -wal, -shm, -journal. */
static void
assert_no_side_files (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS))
        g_error ("%s was left behind", side);
    }
}

static void
assert_unchanged (const char     *path,
                  const Snapshot *before)
{
  Snapshot after = { 0 };

  take_snapshot (path, &after);
  g_assert_cmpstr (after.sha256, ==, before->sha256);
  g_assert_cmpint (after.size, ==, before->size);
  g_assert_cmpint (after.mtime_sec, ==, before->mtime_sec);
  g_assert_cmpint (after.mtime_nsec, ==, before->mtime_nsec);
  g_assert_cmpuint (after.mode, ==, before->mode);
  assert_no_side_files (path);
  snapshot_clear (&after);
}

static void
write_file (const char *path,
            const void *data,
            gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  write_file (to, contents, (gssize) len);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* Runs @sql on @path with the SQLite API directly, as another program would. */
static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* The first column of the first row of @sql, read through a separate
 * read-only connection. */
static char *
raw_query (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return value;
}

static ChronoStore *
open_or_die (const char       *path,
             ChronoStoreFlags  flags)
{
  g_autoptr(GError) error = NULL;
  ChronoStore *store = chrono_store_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static const char * const subject_pool[] = {
  "Stacey", "Perpetrator", "Daughter", "Stacey's mother", "Previous partner",
};
static const char * const agency_pool[] = {
  "Nottinghamshire Police", "Children's Social Care", "Probation", "Health", "Housing",
};

/* A plausible event number @i, for filling cases. */
static ChronoEvent *
make_filler_event (guint i)
{
  ChronoEvent *event = chrono_event_new ();
  ChronoDate date = { .year = 2008 + (gint16) (i % 4), .month = 1 + i % 12, .day = 1 + i % 28 };
  g_autofree char *ref = g_strdup_printf ("F%05u", i);
  g_autofree char *summary = g_strdup_printf ("Event %u: officers attended the address after a "
                                              "call reporting shouting; the victim, Stacey, said "
                                              "she was fine and declined support.", i);
  const char *subjects[] = { subject_pool[i % 5], subject_pool[(i + 1) % 5], NULL };

  chrono_event_set_ref (event, ref);
  chrono_event_set_date (event, &date);
  chrono_event_set_agency (event, agency_pool[i % 5]);
  if (i % 3 == 0)
    chrono_event_set_unit (event, i % 2 ? "DASU" : "Response");
  chrono_event_set_kind (event, (ChronoKind) (i % CHRONO_N_KINDS));
  chrono_event_set_summary (event, summary);
  chrono_event_set_subjects (event, subjects);
  chrono_event_set_source (event, "IMR 5.2");
  return event;
}

/* A real, closed case file with @n events. */
static void
make_case (const char *path,
           guint       n)
{
  g_autoptr(ChronoStore) store = open_or_die (path, CHRONO_STORE_OPEN_WRITE |
                                                    CHRONO_STORE_OPEN_CREATE);
  g_autoptr(GError) error = NULL;

  g_assert_true (chrono_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoEvent) event = make_filler_event (i);

      g_assert_true (chrono_store_insert_event (store, event, 0, &error));
      g_assert_no_error (error);
    }
  g_assert_true (chrono_store_commit (store, &error));
  g_assert_no_error (error);
  chrono_store_close (store);
  assert_no_side_files (path);
}

static void
assert_dates_equal (const ChronoDate *got,
                    const ChronoDate *want)
{
  g_assert_cmpint (got->year, ==, want->year);
  g_assert_cmpuint (got->month, ==, want->month);
  g_assert_cmpuint (got->day, ==, want->day);
  g_assert_cmpuint (!!got->approx, ==, !!want->approx);
  g_assert_cmpuint (!!got->has_time, ==, !!want->has_time);
  if (want->has_time)
    {
      g_assert_cmpuint (got->hour, ==, want->hour);
      g_assert_cmpuint (got->minute, ==, want->minute);
    }
}

static void
assert_strv_equal (const char * const *got,
                   const char * const *want)
{
  guint n_got = got != NULL ? g_strv_length ((char **) got) : 0;
  guint n_want = want != NULL ? g_strv_length ((char **) want) : 0;

  g_assert_cmpuint (n_got, ==, n_want);
  for (guint i = 0; i < n_want; i++)
    g_assert_cmpstr (got[i], ==, want[i]);
}

static void
assert_events_equal (ChronoEvent *got,
                     ChronoEvent *want)
{
  g_assert_cmpstr (chrono_event_get_ref (got), ==, chrono_event_get_ref (want));
  assert_dates_equal (chrono_event_get_date (got), chrono_event_get_date (want));
  assert_dates_equal (chrono_event_get_end_date (got), chrono_event_get_end_date (want));
  g_assert_cmpint (chrono_event_is_span (got), ==, chrono_event_is_span (want));
  g_assert_cmpstr (chrono_event_get_agency (got), ==, chrono_event_get_agency (want));
  g_assert_cmpstr (chrono_event_get_unit (got), ==, chrono_event_get_unit (want));
  g_assert_cmpint (chrono_event_get_kind (got), ==, chrono_event_get_kind (want));
  g_assert_cmpstr (chrono_event_get_summary (got), ==, chrono_event_get_summary (want));
  assert_strv_equal (chrono_event_get_subjects (got), chrono_event_get_subjects (want));
  assert_strv_equal (chrono_event_get_shared_with (got), chrono_event_get_shared_with (want));
  assert_strv_equal (chrono_event_get_not_shared_with (got),
                     chrono_event_get_not_shared_with (want));
  g_assert_cmpint (chrono_event_get_allocation (got), ==, chrono_event_get_allocation (want));
  g_assert_cmpint (chrono_event_get_risk (got), ==, chrono_event_get_risk (want));
  g_assert_cmpstr (chrono_event_get_source (got), ==, chrono_event_get_source (want));
  g_assert_cmpstr (chrono_event_get_file (got), ==, chrono_event_get_file (want));
  g_assert_cmpuint (chrono_event_get_row (got), ==, chrono_event_get_row (want));
  g_assert_cmpuint (chrono_event_get_n_extras (got), ==, chrono_event_get_n_extras (want));
  for (guint i = 0; i < chrono_event_get_n_extras (want); i++)
    {
      g_assert_cmpstr (chrono_event_get_extra_name (got, i), ==,
                       chrono_event_get_extra_name (want, i));
      g_assert_cmpstr (chrono_event_get_extra_value (got, i), ==,
                       chrono_event_get_extra_value (want, i));
    }
}

/* ------------------------------------------------------------------------ */
/* Round trip                                                                */

typedef struct
{
  const char *ref;
  ChronoDate  date;
  ChronoDate  end;
} DateCase;

/* Every precision the format has, with and without a time, and spans. */
static const DateCase date_cases[] = {
  { "D-day", { 2011, 10, 14, 0, 0, 0, 0 }, CHRONO_DATE_INIT },
  { "D-day-time", { 2011, 10, 14, 0, 1, 23, 5 }, CHRONO_DATE_INIT },
  { "D-midnight", { 2010, 2, 28, 0, 1, 0, 0 }, CHRONO_DATE_INIT },
  { "D-leap", { 2008, 2, 29, 0, 0, 0, 0 }, CHRONO_DATE_INIT },
  { "D-month", { 2009, 12, 0, 0, 0, 0, 0 }, CHRONO_DATE_INIT },
  { "D-year", { 1985, 0, 0, 0, 0, 0, 0 }, CHRONO_DATE_INIT },
  { "D-approx-year", { 2008, 0, 0, 1, 0, 0, 0 }, CHRONO_DATE_INIT },
  { "D-approx-month", { 2011, 3, 0, 1, 0, 0, 0 }, CHRONO_DATE_INIT },
  { "D-approx-day", { 2011, 3, 15, 1, 0, 0, 0 }, CHRONO_DATE_INIT },
  { "D-approx-time", { 2011, 10, 15, 1, 1, 2, 30 }, CHRONO_DATE_INIT },
  { "D-span-day", { 2009, 6, 12, 0, 0, 0, 0 }, { 2010, 1, 4, 0, 0, 0, 0 } },
  { "D-span-month", { 2010, 11, 17, 0, 0, 0, 0 }, { 2011, 5, 0, 0, 0, 0, 0 } },
  { "D-span-year", { 1999, 0, 0, 0, 0, 0, 0 }, { 2004, 0, 0, 0, 0, 0, 0 } },
  { "D-span-timed", { 2011, 7, 1, 0, 1, 9, 45 }, { 2011, 7, 3, 0, 0, 0, 0 } },
};

static GPtrArray *
make_full_events (void)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      ChronoEvent *event = chrono_event_new ();
      const char *subjects[] = { "Stacey", "Perpetrator", "Stacey's mother", NULL };
      const char *shared[] = { "Children's Social Care", "Probation", NULL };
      const char *not_shared[] = { "Housing", NULL };
      g_autofree char *summary = NULL;

      summary = g_strdup_printf ("Call %u: “he said he’d kill her”, then left;\n"
                                 "second line, with \"quotes\", commas and a tab\there.", i);
      chrono_event_set_ref (event, date_cases[i].ref);
      chrono_event_set_date (event, &date_cases[i].date);
      if (chrono_date_is_set (&date_cases[i].end))
        chrono_event_set_end_date (event, &date_cases[i].end);
      chrono_event_set_agency (event, i % 2 ? "Nottinghamshire Police" : "Children's Social Care");
      if (i % 3 != 2)
        chrono_event_set_unit (event, i % 2 ? "DASU" : "Referral and Assessment");
      chrono_event_set_kind (event, (ChronoKind) (i % CHRONO_N_KINDS));
      chrono_event_set_summary (event, summary);
      if (i % 4 != 3)
        chrono_event_set_subjects (event, subjects + (i % 3));
      if (i % 2 == 0)
        chrono_event_set_shared_with (event, shared);
      if (i % 3 == 0)
        chrono_event_set_not_shared_with (event, not_shared);
      chrono_event_set_allocation (event, (ChronoAllocation) (i % 4));
      chrono_event_set_risk (event, (ChronoRisk) ((i + 1) % 4));
      chrono_event_set_source (event, i % 2 ? "IMR section 7.2, record 118" : "");
      if (i % 2 == 0)
        {
          chrono_event_add_extra (event, "officer", "PC 1234 Smith");
          chrono_event_add_extra (event, "Original date text", "early hours of 14/10/2011");
          chrono_event_add_extra (event, "empty", "");
        }
      else if (i % 3 == 0)
        chrono_event_add_extra (event, "ünïcode name", "valeur “quoted”, 2\n lines");
      g_ptr_array_add (events, event);
    }

  /* The bare minimum: a date and an agency. */
  {
    ChronoEvent *event = chrono_event_new ();
    ChronoDate date = { 2012, 1, 1, 0, 0, 0, 0 };

    chrono_event_set_date (event, &date);
    chrono_event_set_agency (event, "Housing");
    g_ptr_array_add (events, event);
  }
  return events;
}

typedef struct
{
  GPtrArray *want;
  guint      index;
} CompareData;

static gboolean
compare_in_order_cb (ChronoEvent  *event,
                     gpointer      user_data,
                     GError      **error)
{
  CompareData *data = user_data;

  g_assert_cmpuint (data->index, <, data->want->len);
  assert_events_equal (event, g_ptr_array_index (data->want, data->index));
  data->index++;
  return TRUE;
}

static void
test_round_trip (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "round trip é.chronoscope", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *source_path = g_build_filename (dir, "police.csv", NULL);
  g_autoptr(GPtrArray) want = make_full_events ();
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *value = NULL;
  gint64 file_id;

  write_file (source_path, "id,date\r\nP1,2011-10-14\r\n", -1);

  store = open_or_die (path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE);
  g_assert_false (chrono_store_is_read_only (store));
  g_assert_cmpstr (chrono_store_get_path (store), ==, path);

  /* While open for writing: our format, our id, write-ahead logging. */
  value = raw_query (path, "PRAGMA user_version");
  g_assert_cmpint (g_ascii_strtoll (value, NULL, 10), ==, CHRONO_STORE_FORMAT_VERSION);
  g_clear_pointer (&value, g_free);
  value = raw_query (path, "PRAGMA application_id");
  g_assert_cmpint (g_ascii_strtoll (value, NULL, 10), ==, CHRONO_STORE_APPLICATION_ID);
  g_clear_pointer (&value, g_free);
  value = raw_query (path, "PRAGMA journal_mode");
  g_assert_cmpstr (value, ==, "wal");
  g_clear_pointer (&value, g_free);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Foreign keys are enforced on the store's own connection: a link between
   * events that do not exist must be refused. */
  g_assert_false (chrono_store_link_events (store, 1000001, 1000002, "same", &error));
  g_assert_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "FOREIGN KEY"));
  g_clear_error (&error);

  file_id = chrono_store_add_source_file (store, source_path, "police.csv", "Police", NULL,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpint (file_id, >, 0);
  sha = chrono_store_hash_file (source_path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *want_sha = sha256_of_file (source_path);
    g_assert_cmpstr (sha, ==, want_sha);
  }
  g_assert_cmpint (chrono_store_find_source_file (store, sha), ==, file_id);
  g_assert_cmpint (chrono_store_find_source_file (store, "0000"), ==, 0);

  g_assert_true (chrono_store_begin (store, &error));
  for (guint i = 0; i < want->len; i++)
    {
      ChronoEvent *event = g_ptr_array_index (want, i);
      gboolean from_file = i % 2 == 0;

      /* Provenance comes from the source file the event is tied to. */
      chrono_event_set_provenance (event, from_file ? "police.csv" : "", from_file ? 2 + i : 0);
      g_assert_true (chrono_store_insert_event (store, event, from_file ? file_id : 0, &error));
      g_assert_no_error (error);
      g_assert_cmpint (chrono_event_get_id (event), >, 0);
    }
  g_assert_true (chrono_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_true (chrono_store_link_events (store, chrono_event_get_id (want->pdata[0]),
                                           chrono_event_get_id (want->pdata[1]), "same", &error));
  g_assert_no_error (error);
  g_assert_true (chrono_store_set_meta (store, "title", "DHR “Stacey”", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chrono_store_count_events (store, &error), ==, want->len);
  g_assert_no_error (error);
  g_assert_true (chrono_store_check_integrity (store, &error));
  g_assert_no_error (error);

  chrono_store_close (store);
  g_clear_object (&store);

  /* Closed: one self-contained file, in rollback-journal mode (header bytes
   * 18 and 19 are 1), still ours. */
  assert_no_side_files (path);
  {
    g_autofree char *contents = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
    g_assert_cmpuint (len, >=, 100);
    g_assert_cmpmem (contents, 16, "SQLite format 3", 16);
    g_assert_cmpuint ((guchar) contents[18], ==, 1);
    g_assert_cmpuint ((guchar) contents[19], ==, 1);
    /* user_version at offset 60, application_id at 68, big-endian. */
    g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (gpointer) (contents + 60)), ==,
                      CHRONO_STORE_FORMAT_VERSION);
    g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (gpointer) (contents + 68)), ==,
                      CHRONO_STORE_APPLICATION_ID);
  }
  value = raw_query (path, "PRAGMA journal_mode");
  g_assert_cmpstr (value, ==, "delete");
  g_clear_pointer (&value, g_free);

  /* Read back, read-only: every field as written, and the file untouched. */
  {
    Snapshot before = { 0 };
    CompareData data = { want, 0 };
    g_autoptr(GPtrArray) by_time = NULL;
    g_autofree char *title = NULL;

    take_snapshot (path, &before);
    store = open_or_die (path, CHRONO_STORE_OPEN_READ_ONLY);
    g_assert_true (chrono_store_is_read_only (store));
    g_assert_cmpuint (chrono_store_count_events (store, &error), ==, want->len);
    g_assert_true (chrono_store_foreach_event (store, FALSE, compare_in_order_cb, &data, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (data.index, ==, want->len);

    /* Time order: the same events, sorted by date. */
    by_time = chrono_store_load_events (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (by_time->len, ==, want->len);
    for (guint i = 0; i < by_time->len; i++)
      {
        ChronoEvent *event = g_ptr_array_index (by_time, i);
        guint j;

        if (i > 0)
          g_assert_cmpint (chrono_date_compare (chrono_event_get_date (by_time->pdata[i - 1]),
                                                chrono_event_get_date (event)), <=, 0);
        for (j = 0; j < want->len; j++)
          if (chrono_event_get_id (want->pdata[j]) == chrono_event_get_id (event))
            break;
        g_assert_cmpuint (j, <, want->len);
        assert_events_equal (event, g_ptr_array_index (want, j));
      }

    title = chrono_store_get_meta (store, "title");
    g_assert_cmpstr (title, ==, "DHR “Stacey”");
    g_assert_null (chrono_store_get_meta (store, "no such key"));

    /* Writing through a read-only store is refused. */
    g_assert_false (chrono_store_set_meta (store, "title", "x", &error));
    g_assert_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_false (chrono_store_begin (store, &error));
    g_assert_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);

    chrono_store_close (store);
    g_clear_object (&store);
    assert_unchanged (path, &before);
    snapshot_clear (&before);
  }

  /* Reopened for writing and closed again: still everything there. */
  {
    CompareData data = { want, 0 };

    store = open_or_die (path, CHRONO_STORE_OPEN_WRITE);
    g_assert_true (chrono_store_foreach_event (store, FALSE, compare_in_order_cb, &data, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (data.index, ==, want->len);
    chrono_store_close (store);
    g_clear_object (&store);
    assert_no_side_files (path);
  }

  remove_tree (dir);
}

/* ------------------------------------------------------------------------ */
/* Refusals                                                                  */

/* The smallest valid PNG: one transparent pixel. */
static const guchar tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
  0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
  0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00,
  0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
  0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

/* Opening @path, for reading and for writing, is refused with @code, a
 * message that names the file, and the file exactly as it was. */
static void
assert_refused (const char       *path,
                ChronoStoreError  code)
{
  static const ChronoStoreFlags modes[] = {
    CHRONO_STORE_OPEN_READ_ONLY,
    CHRONO_STORE_OPEN_WRITE,
    CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE,
  };
  g_autofree char *base = g_path_get_basename (path);
  gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);
  Snapshot before = { 0 };

  if (exists)
    take_snapshot (path, &before);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoStore) store = NULL;

      /* CREATE rightly makes a missing file, or fills an empty one (what a
       * creation killed before its first write leaves behind). */
      if ((!exists || before.size == 0) && (modes[i] & CHRONO_STORE_OPEN_CREATE))
        continue;

      store = chrono_store_open (path, modes[i], &error);
      if (store != NULL)
        g_error ("%s was opened (mode %d) but should have been refused", base, modes[i]);
      g_assert_error (error, CHRONO_STORE_ERROR, (int) code);
      if (strstr (error->message, base) == NULL)
        g_error ("the message “%s” does not name %s", error->message, base);
      g_test_message ("%s (mode %d): %s", base, modes[i], error->message);

      if (exists)
        assert_unchanged (path, &before);
      else
        g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  snapshot_clear (&before);
}

static void
test_refuse_empty (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.chronoscope", NULL);

  write_file (path, "", 0);
  assert_refused (path, CHRONO_STORE_ERROR_NOT_CASE);

  /* Creating a case there is fine: an empty file holds nothing to lose. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ChronoStore) store = chrono_store_open (path, CHRONO_STORE_OPEN_WRITE |
                                                      CHRONO_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (chrono_store_count_events (store, NULL), ==, 0);
  }
  remove_tree (dir);
}

static void
test_refuse_png (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "picture.chronoscope", NULL);

  write_file (path, tiny_png, sizeof tiny_png);
  assert_refused (path, CHRONO_STORE_ERROR_NOT_CASE);
  remove_tree (dir);
}

static void
test_refuse_junk (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "junk.chronoscope", NULL);
  g_autofree char *small = g_build_filename (dir, "junk-small.chronoscope", NULL);
  guint32 junk[8192 / 4];

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    junk[i] = g_test_rand_int ();
  write_file (path, junk, sizeof junk);
  assert_refused (path, CHRONO_STORE_ERROR_NOT_CASE);
  write_file (small, junk, 10);
  assert_refused (small, CHRONO_STORE_ERROR_NOT_CASE);
  remove_tree (dir);
}

static void
test_refuse_foreign_database (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "places.sqlite", NULL);

  raw_exec (path, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                  "INSERT INTO moz_places (url) VALUES ('https://example.org/');"
                  "PRAGMA user_version = 1;");
  assert_refused (path, CHRONO_STORE_ERROR_NOT_CASE);

  /* Even one with our tables but another application id. */
  g_unlink (path);
  raw_exec (path, "CREATE TABLE event (id INTEGER PRIMARY KEY);"
                  "PRAGMA application_id = 1234; PRAGMA user_version = 1;");
  assert_refused (path, CHRONO_STORE_ERROR_NOT_CASE);
  remove_tree (dir);
}

static void
test_refuse_too_new (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "future.chronoscope", NULL);

  make_case (path, 20);
  raw_exec (path, "PRAGMA user_version = 999");
  assert_refused (path, CHRONO_STORE_ERROR_TOO_NEW);

  /* The message says why, so the user knows what to do. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ChronoStore) store = chrono_store_open (path, CHRONO_STORE_OPEN_WRITE, &error);

    g_assert_null (store);
    g_assert_nonnull (strstr (error->message, "999"));
  }
  remove_tree (dir);
}

static void
test_refuse_truncated (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.chronoscope", NULL);
  g_autofree char *half = g_build_filename (dir, "half.chronoscope", NULL);
  g_autofree char *odd = g_build_filename (dir, "odd.chronoscope", NULL);
  g_autofree char *tiny = g_build_filename (dir, "tiny.chronoscope", NULL);
  gint64 size;

  make_case (good, 600);
  size = file_size (good);
  g_test_message ("a case with 600 events is %" G_GINT64_FORMAT " bytes", size);
  g_assert_cmpint (size, >, 64 * 1024);

  copy_file (good, half);
  g_assert_cmpint (truncate (half, size / 2), ==, 0);
  assert_refused (half, CHRONO_STORE_ERROR_CORRUPT);

  /* Cut in the middle of a page. */
  copy_file (good, odd);
  g_assert_cmpint (truncate (odd, size / 2 + 1234), ==, 0);
  assert_refused (odd, CHRONO_STORE_ERROR_CORRUPT);

  copy_file (good, tiny);
  g_assert_cmpint (truncate (tiny, 600), ==, 0);
  assert_refused (tiny, CHRONO_STORE_ERROR_CORRUPT);

  remove_tree (dir);
}

static void
test_refuse_garbage_page (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.chronoscope", NULL);
  g_autofree char *value = NULL;
  gint64 size, page_size, n_pages;

  make_case (good, 600);
  size = file_size (good);
  value = raw_query (good, "PRAGMA page_size");
  page_size = g_ascii_strtoll (value, NULL, 10);
  n_pages = size / page_size;
  g_assert_cmpint (n_pages, >=, 8);

  /* Garbage over page 2 (a table root), the middle page and the last page:
   * each must be refused, not opened and silently half-read. */
  {
    gint64 pages[] = { 2, n_pages / 2, n_pages };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        g_autofree char *name = g_strdup_printf ("garbage-page-%" G_GINT64_FORMAT ".chronoscope",
                                                 pages[i]);
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autofree guint32 *junk = g_new (guint32, page_size / 4);
        int fd;

        for (gint64 j = 0; j < page_size / 4; j++)
          junk[j] = g_test_rand_int ();
        copy_file (good, path);
        fd = g_open (path, O_WRONLY, 0);
        g_assert_cmpint (fd, >=, 0);
        g_assert_cmpint (pwrite (fd, junk, page_size, (pages[i] - 1) * page_size), ==, page_size);
        g_assert_true (g_close (fd, NULL));
        assert_refused (path, CHRONO_STORE_ERROR_CORRUPT);

        /* Opened for writing without the full check (a large case in the
         * app), nothing is written before the first change, so the check
         * that follows still finds the file as it was. */
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(ChronoStore) store = NULL;
          Snapshot before = { 0 };

          take_snapshot (path, &before);
          store = chrono_store_open (path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_DEFER_CHECK,
                                     &error);
          if (store != NULL)
            chrono_store_close (store);
          else
            g_assert_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_CORRUPT);
          assert_unchanged (path, &before);
          snapshot_clear (&before);
        }
      }
  }
  remove_tree (dir);
}

static void
test_refuse_directory (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "folder.chronoscope", NULL);
  g_autofree char *inside = g_build_filename (path, "keep", NULL);
  g_autoptr(GDir) listing = NULL;
  guint n = 0;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  write_file (inside, "x", 1);
  assert_refused (path, CHRONO_STORE_ERROR_NOT_CASE);

  /* Nothing was created inside or beside it. */
  listing = g_dir_open (path, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);
  remove_tree (dir);
}

static void
test_refuse_missing (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "missing.chronoscope", NULL);
  g_autofree char *nested = g_build_filename (dir, "no-such-dir", "case.chronoscope", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoStore) store = NULL;

  assert_refused (path, CHRONO_STORE_ERROR_NOT_FOUND);

  /* Read-only with CREATE cannot make it either. */
  store = chrono_store_open (path, CHRONO_STORE_OPEN_READ_ONLY | CHRONO_STORE_OPEN_CREATE,
                             &error);
  g_assert_null (store);
  g_assert_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Creating in a folder that does not exist fails cleanly. */
  store = chrono_store_open (nested, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == CHRONO_STORE_ERROR);
  g_assert_false (g_file_test (nested, G_FILE_TEST_EXISTS));
  remove_tree (dir);
}

/* Read-only files.  Root passes access (W_OK) for a 0444 file, so the
 * "writing is refused" half is also checked where root is really denied: in
 * a child that has dropped to an unprivileged user, and on a read-only bind
 * mount (EROFS stops root too).  The read-only open is checked in every
 * case. */

static void
check_write_refused (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoStore) store = NULL;
  g_autofree char *base = g_path_get_basename (path);
  Snapshot before = { 0 };

  take_snapshot (path, &before);
  store = chrono_store_open (path, CHRONO_STORE_OPEN_WRITE, &error);
  g_assert_null (store);
  g_assert_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, base));
  assert_unchanged (path, &before);
  g_clear_error (&error);

  store = chrono_store_open (path, CHRONO_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chrono_store_count_events (store, &error), ==, 30);
  g_assert_true (chrono_store_check_integrity (store, &error));
  chrono_store_close (store);
  assert_unchanged (path, &before);
  snapshot_clear (&before);
}

/* Writes @text to a /proc file (no temporary file and rename there). */
static gboolean
write_proc (const char *path,
            const char *text)
{
  int fd = g_open (path, O_WRONLY, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, text, strlen (text)) == (gssize) strlen (text);
  g_close (fd, NULL);
  return ok;
}

/* In the subprocess: drop root for an unprivileged user. */
static void
read_only_as_nobody (const char *locked)
{
  g_assert_cmpint (setgroups (0, NULL), ==, 0);
  g_assert_cmpint (setgid (65534), ==, 0);
  g_assert_cmpint (setuid (65534), ==, 0);
  g_assert_cmpint (geteuid (), ==, 65534);
  g_assert_cmpint (g_access (locked, W_OK), !=, 0);
  check_write_refused (locked);
}

/* In the subprocess: a private mount namespace (as root, or through a user
 * namespace), the folder bound read-only onto itself. */
static void
read_only_on_ro_mount (const char *mnt)
{
  g_autofree char *locked = g_build_filename (mnt, "case.chronoscope", NULL);
  int saved;

  if (unshare (CLONE_NEWNS) != 0)
    {
      g_autofree char *uid_map = g_strdup_printf ("0 %u 1", (guint) geteuid ());
      g_autofree char *gid_map = g_strdup_printf ("0 %u 1", (guint) getegid ());

      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0 ||
          !write_proc ("/proc/self/setgroups", "deny") ||
          !write_proc ("/proc/self/uid_map", uid_map) ||
          !write_proc ("/proc/self/gid_map", gid_map))
        {
          write_file (g_getenv ("CHRONO_TEST_RESULT"), "no mount namespace", -1);
          return;
        }
    }
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount (mnt, mnt, NULL, MS_BIND, NULL) != 0 ||
      mount (NULL, mnt, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) != 0)
    {
      g_autofree char *why = g_strdup_printf ("cannot mount: %s", g_strerror (errno));
      write_file (g_getenv ("CHRONO_TEST_RESULT"), why, -1);
      return;
    }
  g_assert_cmpint (g_access (locked, W_OK), !=, 0);
  saved = errno;
  g_assert_cmpint (saved, ==, EROFS);
  check_write_refused (locked);
  write_file (g_getenv ("CHRONO_TEST_RESULT"), "checked", -1);
}

static void
test_read_only_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoStore) store = NULL;
  Snapshot before = { 0 };

  if (g_test_subprocess ())
    {
      const char *locked = g_getenv ("CHRONO_TEST_LOCKED");
      const char *mnt = g_getenv ("CHRONO_TEST_RO_MOUNT");

      if (locked != NULL)
        read_only_as_nobody (locked);
      else if (mnt != NULL)
        read_only_on_ro_mount (mnt);
      else
        g_assert_not_reached ();
      return;
    }

  dir = make_tmpdir ();
  path = g_build_filename (dir, "locked.chronoscope", NULL);
  make_case (path, 30);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  take_snapshot (path, &before);

  /* Opening read-only works and leaves the file exactly as it was. */
  store = open_or_die (path, CHRONO_STORE_OPEN_READ_ONLY);
  g_assert_true (chrono_store_is_read_only (store));
  g_assert_cmpuint (chrono_store_count_events (store, &error), ==, 30);
  g_assert_true (chrono_store_check_integrity (store, &error));
  g_assert_no_error (error);
  chrono_store_close (store);
  g_clear_object (&store);
  assert_unchanged (path, &before);

  if (g_access (path, W_OK) != 0)
    check_write_refused (path);
  else
    g_test_message ("running as root: access (W_OK) passes for a 0444 file, so writing is "
                    "checked as an unprivileged user and on a read-only mount instead");

  /* As another user (only possible when we are root). */
  if (geteuid () == 0)
    {
      g_autofree char *sub = g_build_filename (dir, "nobody", NULL);
      g_autofree char *locked = g_build_filename (sub, "locked.chronoscope", NULL);

      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
      g_assert_cmpint (g_mkdir (sub, 0777), ==, 0);
      g_assert_cmpint (g_chmod (sub, 0777), ==, 0);
      copy_file (path, locked);
      g_assert_cmpint (g_chmod (locked, 0444), ==, 0);

      g_setenv ("CHRONO_TEST_LOCKED", locked, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("CHRONO_TEST_LOCKED");
      g_test_trap_assert_passed ();
    }

  /* On a read-only mount, where EROFS refuses even root. */
  {
    g_autofree char *mnt = g_build_filename (dir, "ro", NULL);
    g_autofree char *locked = g_build_filename (mnt, "case.chronoscope", NULL);
    g_autofree char *result_path = g_build_filename (dir, "ro-result", NULL);
    g_autofree char *result = NULL;

    g_assert_cmpint (g_mkdir (mnt, 0755), ==, 0);
    make_case (locked, 30);
    g_setenv ("CHRONO_TEST_RO_MOUNT", mnt, TRUE);
    g_setenv ("CHRONO_TEST_RESULT", result_path, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_unsetenv ("CHRONO_TEST_RO_MOUNT");
    g_unsetenv ("CHRONO_TEST_RESULT");
    g_test_trap_assert_passed ();
    g_assert_true (g_file_get_contents (result_path, &result, NULL, NULL));
    if (g_strcmp0 (result, "checked") == 0)
      g_test_message ("writing refused on a read-only mount: checked");
    else if (geteuid () == 0)
      g_test_message ("read-only mount not checked (%s); checked as nobody instead", result);
    else
      g_test_message ("read-only mount not checked (%s)", result);
  }

  snapshot_clear (&before);
  remove_tree (dir);
}

/* ------------------------------------------------------------------------ */
/* Transactions                                                              */

static void
test_rollback (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "rollback.chronoscope", NULL);
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GPtrArray) events = NULL;

  store = open_or_die (path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE);

  /* Nested: the inner commit saves nothing, the outer rollback drops all. */
  g_assert_true (chrono_store_begin (store, &error));
  g_assert_true (chrono_store_begin (store, &error));
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(ChronoEvent) event = make_filler_event (i);
      g_assert_true (chrono_store_insert_event (store, event, 0, &error));
    }
  g_assert_true (chrono_store_set_meta (store, "title", "rolled back", &error));
  g_assert_true (chrono_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chrono_store_count_events (store, &error), ==, 50);
  chrono_store_rollback (store);

  g_assert_cmpuint (chrono_store_count_events (store, &error), ==, 0);
  agencies = chrono_store_list_agencies (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agencies->len, ==, 0);
  g_assert_null (chrono_store_get_meta (store, "title"));

  /* The same agencies, units and people can be added again afterwards: no
   * id of a rolled-back row is remembered. */
  g_assert_true (chrono_store_begin (store, &error));
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(ChronoEvent) event = make_filler_event (i);

      g_assert_true (chrono_store_insert_event (store, event, 0, &error));
      g_assert_no_error (error);
    }
  g_assert_true (chrono_store_commit (store, &error));
  g_assert_no_error (error);
  chrono_store_close (store);
  g_clear_object (&store);

  store = open_or_die (path, CHRONO_STORE_OPEN_READ_ONLY);
  g_assert_cmpuint (chrono_store_count_events (store, &error), ==, 10);
  g_assert_true (chrono_store_check_integrity (store, &error));
  events = chrono_store_load_events (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      ChronoEvent *event = g_ptr_array_index (events, i);
      guint n = (guint) g_ascii_strtoull (chrono_event_get_ref (event) + 1, NULL, 10);
      g_autoptr(ChronoEvent) want = make_filler_event (n);

      assert_events_equal (event, want);
    }
  remove_tree (dir);
}

/* Everything in the case, as the exchange format writes it. */
static char *
export_to_string (ChronoStore *store,
                  const char  *dir)
{
  g_autofree char *out = g_build_filename (dir, "export.csv", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (chrono_exchange_export (store, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_unlink (out);
  return contents;
}

static void
check_failed_import (const char *dir,
                     const char *case_path,
                     const char *bad_name,
                     const char *bad_tail,
                     gsize       bad_tail_len)
{
  g_autofree char *bad = g_build_filename (dir, bad_name, NULL);
  g_autoptr(GString) csv = g_string_new ("id,date,agency,summary\r\n");
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(ChronoImportReport) report = chrono_import_report_new (bad_name);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sha = NULL;
  guint n_events, n_rejected;

  /* 3000 good rows (one with a rejected date), then the fault: well past
   * the first blocks the reader looks at to choose the encoding. */
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (csv, "B%03u,%s,Health,Seen by the health visitor’s team, %u\r\n",
                            i, i == 7 ? "2011-13-01" : "2011-05-06", i);
  g_string_append_len (csv, bad_tail, (gssize) bad_tail_len);
  write_file (bad, csv->str, (gssize) csv->len);
  sha = sha256_of_file (bad);

  store = open_or_die (case_path, CHRONO_STORE_OPEN_WRITE);
  before = export_to_string (store, dir);
  n_events = chrono_store_count_events (store, &error);
  n_rejected = chrono_store_count_rejected_rows (store);

  g_assert_false (chrono_exchange_import (store, bad, NULL, report, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", bad_name, error->message);
  g_assert_nonnull (strstr (error->message, bad_name));
  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (report->rejected, ==, 0);
  g_clear_error (&error);

  /* Nothing of it is in the case: no event, no rejected row, no file. */
  g_assert_cmpuint (chrono_store_count_events (store, NULL), ==, n_events);
  g_assert_cmpuint (chrono_store_count_rejected_rows (store), ==, n_rejected);
  g_assert_cmpint (chrono_store_find_source_file (store, sha), ==, 0);
  after = export_to_string (store, dir);
  g_assert_cmpstr (after, ==, before);

  /* And the store still works. */
  {
    g_autoptr(ChronoEvent) event = make_filler_event (1);
    g_assert_true (chrono_store_begin (store, &error));
    g_assert_no_error (error);
    g_assert_true (chrono_store_insert_event (store, event, 0, &error));
    g_assert_true (chrono_store_commit (store, &error));
    g_assert_cmpuint (chrono_store_count_events (store, NULL), ==, n_events + 1);
  }
  chrono_store_close (store);
  g_clear_object (&store);

  store = open_or_die (case_path, CHRONO_STORE_OPEN_READ_ONLY);
  g_assert_true (chrono_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chrono_store_count_events (store, NULL), ==, n_events + 1);
  g_assert_cmpuint (chrono_store_count_rejected_rows (store), ==, n_rejected);
  g_assert_cmpint (chrono_store_find_source_file (store, sha), ==, 0);
}

static void
test_failed_import (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "import.chronoscope", NULL);
  g_autofree char *stacey = g_test_build_filename (G_TEST_DIST, "data", "stacey",
                                                   "chronology.csv", NULL);
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoImportReport) report = chrono_import_report_new ("chronology.csv");
  static const char unterminated[] = "B900,2011-05-07,Health,\"a quote that never ends\r\n";
  static const char bad_utf8[] = "B901,2011-05-07,Health,caf\xe9 \xff\xfe\r\nB902,2011-05-08,H,x\r\n";

  store = open_or_die (path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE);
  g_assert_true (chrono_exchange_import (store, stacey, NULL, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 215);
  chrono_store_close (store);
  g_clear_object (&store);

  check_failed_import (dir, path, "unterminated.csv", unterminated, sizeof unterminated - 1);
  check_failed_import (dir, path, "bad-utf8.csv", bad_utf8, sizeof bad_utf8 - 1);

  /* A file that cannot be read at all. */
  {
    g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
    g_autoptr(ChronoImportReport) r = chrono_import_report_new ("missing.csv");

    store = open_or_die (path, CHRONO_STORE_OPEN_WRITE);
    g_assert_false (chrono_exchange_import (store, missing, NULL, r, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpuint (chrono_store_count_events (store, NULL), ==, 217);
  }
  remove_tree (dir);
}

/* ------------------------------------------------------------------------ */
/* The kill test                                                             */

static gboolean
write_all (int         fd,
           const char *text)
{
  gsize len = strlen (text);

  while (len > 0)
    {
      gssize n = write (fd, text, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      text += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* The writer: commits transactions of WRITER_TX_EVENTS events for ever,
 * reporting the committed total on stdout after each COMMIT returns. */
static int
run_writer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoStore) store = NULL;
  g_autofree char *line = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint total;

  store = chrono_store_open (path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      g_printerr ("writer: %s\n", error->message);
      return 2;
    }
  total = chrono_store_count_events (store, &error);
  line = g_strdup_printf ("ready %u\n", total);
  if (error != NULL || !write_all (STDOUT_FILENO, line))
    return 2;

  /* Never runs long: the parent kills it within milliseconds. */
  while (g_get_monotonic_time () < deadline)
    {
      if (!chrono_store_begin (store, &error))
        break;
      for (guint i = 0; i < WRITER_TX_EVENTS; i++)
        {
          g_autoptr(ChronoEvent) event = make_filler_event (total + i);

          if (i == 0)
            chrono_event_add_extra (event, "batch", "first");
          if (!chrono_store_insert_event (store, event, 0, &error))
            break;
        }
      if (error != NULL || !chrono_store_commit (store, &error))
        break;
      total += WRITER_TX_EVENTS;
      g_free (line);
      line = g_strdup_printf ("%u\n", total);
      if (!write_all (STDOUT_FILENO, line))
        return 3;
    }
  if (error != NULL)
    g_printerr ("writer: %s\n", error->message);
  return 4;
}

/* Reads what is available on @fd into @buf, waiting up to @timeout_ms for
 * the first byte (-1: until end of file).  Returns FALSE at end of file. */
static gboolean
read_some (int      fd,
           GString *buf,
           int      timeout_ms)
{
  struct pollfd pfd = { fd, POLLIN, 0 };
  char chunk[4096];
  gssize n;
  int rc;

  do
    rc = poll (&pfd, 1, timeout_ms);
  while (rc < 0 && errno == EINTR);
  g_assert_cmpint (rc, >=, 0);
  if (rc == 0)
    g_error ("the writer child said nothing for %d ms", timeout_ms);

  do
    n = read (fd, chunk, sizeof chunk);
  while (n < 0 && errno == EINTR);
  g_assert_cmpint (n, >=, 0);
  g_string_append_len (buf, chunk, n);
  return n > 0;
}

/* The last whole line's number, or @fallback. */
static guint
last_reported (const char *text,
               guint       fallback)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint value = fallback;
  guint n = g_strv_length (lines);

  /* The last element is the unfinished line (empty when none). */
  for (guint i = 0; i + 1 < n; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "ready "))
        line += strlen ("ready ");
      value = (guint) g_ascii_strtoull (line, NULL, 10);
    }
  return value;
}

static void
test_kill (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "killed.chronoscope", NULL);
  const char *env = g_getenv ("CHRONO_KILL_ITERATIONS");
  guint iterations = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 200;
  guint done = 0, before_first_commit = 0, one_unreported = 0, max_reported_per_run = 0;
  guint count = 0;
  gint64 start = g_get_monotonic_time ();
  gint64 total_delay = 0;

  if (self_exe == NULL)
    {
      g_test_skip ("cannot find this test program to run the writer");
      return;
    }

  for (guint it = 0; it < iterations; it++)
    {
      const char *argv[] = { self_exe, WRITER_ARG, path, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(ChronoStore) store = NULL;
      GPid pid;
      int out_fd = -1;
      int status = 0;
      guint ready, reported, delay_us;
      gboolean read_only = it % 2 == 1;

      if (g_get_monotonic_time () - start > 50 * G_USEC_PER_SEC)
        {
          g_test_message ("stopping after %u of %u iterations to stay within a minute",
                          it, iterations);
          break;
        }

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      /* Wait until it has the case open, then let it write for 0-30 ms. */
      while (strchr (out->str, '\n') == NULL)
        if (!read_some (out_fd, out, 30000))
          break;
      /* The first line only: commits may already follow it. */
      g_assert_true (g_str_has_prefix (out->str, "ready "));
      ready = (guint) g_ascii_strtoull (out->str + strlen ("ready "), NULL, 10);
      g_assert_cmpuint (ready, ==, count);

      delay_us = (guint) g_test_rand_int_range (0, 30001);
      total_delay += delay_us;
      g_usleep (delay_us);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
        g_error ("the writer ended by itself (status %d): %s", status, out->str);

      while (read_some (out_fd, out, -1))
        ;
      g_close (out_fd, NULL);
      reported = last_reported (out->str, ready);

      /* What the killed writer saw committed is there, whole transactions
       * only, and at most the one it had no time to report. */
      store = chrono_store_open (path, read_only ? CHRONO_STORE_OPEN_READ_ONLY
                                                 : CHRONO_STORE_OPEN_WRITE, &error);
      g_assert_no_error (error);
      g_assert_true (chrono_store_check_integrity (store, &error));
      g_assert_no_error (error);
      count = chrono_store_count_events (store, &error);
      g_assert_no_error (error);
      if (count < reported || count > reported + WRITER_TX_EVENTS)
        g_error ("iteration %u: the writer reported %u events committed, the case has %u",
                 it, reported, count);
      g_assert_cmpuint (count % WRITER_TX_EVENTS, ==, 0);
      chrono_store_close (store);
      g_debug ("iteration %u (%s): delay %u us, ready %u, reported %u, count %u", it,
               read_only ? "read-only" : "write", delay_us, ready, reported, count);

      done++;
      if (reported == ready)
        before_first_commit++;
      if (count > reported)
        one_unreported++;
      max_reported_per_run = MAX (max_reported_per_run, (reported - ready) / WRITER_TX_EVENTS);
    }

  g_test_message ("kill test: %u SIGKILLs (0-30 ms after the writer was ready, mean %.1f ms) "
                  "in %.1f s; the case ends with %u events in %u transactions, none lost, none "
                  "torn; %u kills came before the first commit; in %u the case held one whole "
                  "transaction more than reported (killed inside COMMIT, after its WAL frames "
                  "were written, or before the report); at most %u commits per run",
                  done, done ? total_delay / 1000.0 / done : 0.0,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, count,
                  count / WRITER_TX_EVENTS, before_first_commit, one_unreported,
                  max_reported_per_run);
  g_assert_cmpuint (done, >=, MIN (iterations, 50));
  g_assert_cmpuint (count, >, 0);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && strcmp (argv[1], WRITER_ARG) == 0)
    return run_writer (argv[2]);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe == NULL && g_path_is_absolute (argv[0]))
    self_exe = g_strdup (argv[0]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/round-trip", test_round_trip);
  g_test_add_func ("/store/refuse/empty", test_refuse_empty);
  g_test_add_func ("/store/refuse/png", test_refuse_png);
  g_test_add_func ("/store/refuse/junk", test_refuse_junk);
  g_test_add_func ("/store/refuse/foreign-database", test_refuse_foreign_database);
  g_test_add_func ("/store/refuse/too-new", test_refuse_too_new);
  g_test_add_func ("/store/refuse/truncated", test_refuse_truncated);
  g_test_add_func ("/store/refuse/garbage-page", test_refuse_garbage_page);
  g_test_add_func ("/store/refuse/directory", test_refuse_directory);
  g_test_add_func ("/store/refuse/missing", test_refuse_missing);
  g_test_add_func ("/store/read-only", test_read_only_file);
  g_test_add_func ("/store/transaction/rollback", test_rollback);
  g_test_add_func ("/store/transaction/failed-import", test_failed_import);
  g_test_add_func ("/store/kill", test_kill);

  return g_test_run ();
}
