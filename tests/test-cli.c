/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chrono-store.h"

typedef struct
{
  char *dir;
} Fixture;

typedef struct
{
  int   wait_status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static const char *
cli_path (void)
{
  return g_getenv ("CHRONOSCOPE_CLI");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("chrono-test-cli-XXXXXX", &error);
  g_assert_no_error (error);
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
}

/* Runs the real CLI in the fixture's folder with @args (NULL-terminated). */
static void
run_cli (Fixture    *fixture,
         Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GString) line = g_string_new (cli_path ());
  va_list args;

  g_ptr_array_add (argv, (gpointer) cli_path ());
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    {
      g_ptr_array_add (argv, (gpointer) arg);
      g_string_append_printf (line, " %s", arg);
    }
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Messages in English, whatever the machine's language. */
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "", TRUE);

  run_clear (run);
  g_spawn_sync (fixture->dir, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &run->wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("$ %s\n-> status %d\nstdout: %s\nstderr: %s", line->str, run->wait_status,
                  run->out, run->err);
}

static void
assert_exit (Run *run,
             int  code)
{
  if (!WIFEXITED (run->wait_status))
    g_error ("the CLI did not exit normally (wait status %d, signal %d); stderr: %s",
             run->wait_status, WIFSIGNALED (run->wait_status) ? WTERMSIG (run->wait_status) : 0,
             run->err);
  g_assert_cmpint (WEXITSTATUS (run->wait_status), ==, code);
}

/* Exit code 1 and exactly one line on stderr, naming @name if given. */
static void
assert_user_error (Run        *run,
                   const char *name)
{
  const char *nl;

  assert_exit (run, 1);
  g_assert_cmpstr (run->err, !=, "");
  nl = strchr (run->err, '\n');
  g_assert_nonnull (nl);
  g_assert_cmpstr (nl, ==, "\n");
  g_assert_true (g_str_has_prefix (run->err, "chronoscope-cli: "));
  if (name != NULL && strstr (run->err, name) == NULL)
    g_error ("stderr “%s” does not name %s", run->err, name);
}

static char *
stacey_csv (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "stacey", "chronology.csv", NULL);
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* Contents, size and mtime are what they were. */
typedef struct
{
  char   *sha256;
  gint64  size;
  gint64  mtime_ns;
} Snapshot;

static void
take_snapshot (const char *path,
               Snapshot   *snap)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  snap->sha256 = file_sha256 (path);
  snap->size = st.st_size;
  snap->mtime_ns = (gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

static void
assert_unchanged (const char *path,
                  Snapshot   *before)
{
  Snapshot after = { 0 };
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  take_snapshot (path, &after);
  g_assert_cmpstr (after.sha256, ==, before->sha256);
  g_assert_cmpint (after.size, ==, before->size);
  g_assert_cmpint (after.mtime_ns, ==, before->mtime_ns);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_free (after.sha256);
  g_clear_pointer (&before->sha256, g_free);
}

/* A good case of the Stacey chronology, made with the CLI. */
static char *
make_stacey_case (Fixture    *fixture,
                  const char *name)
{
  g_autofree char *input = stacey_csv ();
  Run run = { 0 };

  run_cli (fixture, &run, "import", "-o", name, input, NULL);
  assert_exit (&run, 0);
  run_clear (&run);
  return fixture_path (fixture, name);
}

static void
test_version (Fixture       *fixture,
              gconstpointer  user_data)
{
  Run run = { 0 };

  run_cli (fixture, &run, "--version", NULL);
  assert_exit (&run, 0);
  g_assert_cmpstr (run.out, ==, "chronoscope-cli " PACKAGE_VERSION "\n");
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);
}

static void
test_import_export (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *input = stacey_csv ();
  g_autofree char *out = fixture_path (fixture, "out.csv");
  g_autofree char *case_path = fixture_path (fixture, "s.chronoscope");
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  gsize want_len = 0, got_len = 0;
  Run run = { 0 };

  run_cli (fixture, &run, "import", "-o", "s.chronoscope", input, NULL);
  assert_exit (&run, 0);
  g_assert_nonnull (strstr (run.out, "215 imported, 0 rejected"));

  /* A self-contained file once the CLI is done. */
  {
    g_autofree char *wal = g_strconcat (case_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (case_path, "-shm", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  }

  run_cli (fixture, &run, "export", "s.chronoscope", "-o", "out.csv", NULL);
  assert_exit (&run, 0);
  g_assert_cmpstr (run.err, ==, "");

  g_assert_true (g_file_get_contents (input, &want, &want_len, NULL));
  g_assert_true (g_file_get_contents (out, &got, &got_len, NULL));

  /* All 215 events, every field as given: line by line first (for a
   * readable failure), then the whole file byte for byte. */
  {
    g_auto(GStrv) want_lines = g_strsplit (want, "\r\n", -1);
    g_auto(GStrv) got_lines = g_strsplit (got, "\r\n", -1);
    guint n = MIN (g_strv_length (want_lines), g_strv_length (got_lines));

    /* The header, 215 rows and the empty string after the last CRLF (no
     * summary in this file holds a line break). */
    g_assert_cmpuint (g_strv_length (want_lines), ==, 217);
    for (guint i = 0; i < n; i++)
      g_assert_cmpstr (got_lines[i], ==, want_lines[i]);
    g_assert_cmpuint (g_strv_length (got_lines), ==, 217);
  }
  g_assert_cmpuint (got_len, ==, want_len);
  g_assert_cmpmem (got, got_len, want, want_len);
  run_clear (&run);
}

static void
test_info (Fixture       *fixture,
           gconstpointer  user_data)
{
  static const struct { const char *name; guint n; } agencies[] = {
    { "Nottinghamshire Police", 87 }, { "Children's Social Care", 54 }, { "Probation", 21 },
    { "Courts", 11 }, { "Women's Aid", 11 }, { "Health", 9 },
    { "Crown Prosecution Service", 8 }, { "Prisons", 4 }, { "Victim Support", 4 },
    { "MARAC", 3 }, { "Housing", 2 }, { "Education", 1 },
  };
  g_autofree char *case_path = make_stacey_case (fixture, "s.chronoscope");
  g_auto(GStrv) lines = NULL;
  Snapshot before = { 0 };
  Run run = { 0 };

  take_snapshot (case_path, &before);
  run_cli (fixture, &run, "info", "s.chronoscope", NULL);
  assert_exit (&run, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_unchanged (case_path, &before);

  lines = g_strsplit (run.out, "\n", -1);
  g_assert_true (g_strv_contains ((const char * const *) lines, "Events: 215"));
  g_assert_true (g_strv_contains ((const char * const *) lines, "Agencies: 12"));

  /* Each agency on a line of its own with its number of events. */
  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; lines[j] != NULL && !found; j++)
        {
          g_autofree char *line = g_strstrip (g_strdup (lines[j]));
          g_autofree char *count = g_strdup_printf ("%u", agencies[i].n);

          if (g_str_has_prefix (line, agencies[i].name))
            {
              g_autofree char *rest = g_strdup (line + strlen (agencies[i].name));
              g_auto(GStrv) words = g_strsplit (g_strstrip (rest), " ", 2);

              found = words[0] != NULL && strcmp (words[0], count) == 0;
            }
        }
      if (!found)
        g_error ("info does not list %s with %u events:\n%s", agencies[i].name, agencies[i].n,
                 run.out);
    }
  run_clear (&run);
}

/* Bad files: info exits 1 with one line naming the file, never a signal,
 * and the file stays exactly as it was. */
static void
assert_info_refuses (Fixture    *fixture,
                     const char *name)
{
  g_autofree char *path = fixture_path (fixture, name);
  Snapshot before = { 0 };
  Run run = { 0 };

  take_snapshot (path, &before);
  run_cli (fixture, &run, "info", name, NULL);
  assert_user_error (&run, name);
  g_assert_cmpstr (run.out, ==, "");
  assert_unchanged (path, &before);

  /* export refuses it the same way, writing no output. */
  run_cli (fixture, &run, "export", name, "-o", "never.csv", NULL);
  assert_user_error (&run, name);
  {
    g_autofree char *never = fixture_path (fixture, "never.csv");
    g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
  }
  take_snapshot (path, &before);
  assert_unchanged (path, &before);
  run_clear (&run);
}

static void
test_info_bad_files (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const guchar png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
    0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00,
    0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
    0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
  };
  g_autofree char *empty = fixture_path (fixture, "empty.chronoscope");
  g_autofree char *picture = fixture_path (fixture, "picture.chronoscope");
  g_autofree char *good = make_stacey_case (fixture, "good.chronoscope");
  g_autofree char *truncated = fixture_path (fixture, "truncated.chronoscope");
  g_autofree char *future = fixture_path (fixture, "future.chronoscope");
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (picture, (const char *) png, sizeof png, NULL));

  g_assert_true (g_file_get_contents (good, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  g_assert_true (g_file_set_contents (truncated, contents, (gssize) len / 2, NULL));
  g_assert_true (g_file_set_contents (future, contents, (gssize) len, NULL));
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (future, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  }

  assert_info_refuses (fixture, "empty.chronoscope");
  assert_info_refuses (fixture, "picture.chronoscope");
  assert_info_refuses (fixture, "truncated.chronoscope");
  assert_info_refuses (fixture, "future.chronoscope");

  /* Missing. */
  {
    Run run = { 0 };

    run_cli (fixture, &run, "info", "missing.chronoscope", NULL);
    assert_user_error (&run, "missing.chronoscope");
    run_clear (&run);
  }
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *input = stacey_csv ();
  Run run = { 0 };

  run_cli (fixture, &run, NULL);
  assert_exit (&run, 1);

  run_cli (fixture, &run, "frobnicate", NULL);
  assert_user_error (&run, "frobnicate");

  run_cli (fixture, &run, "import", input, NULL);
  assert_user_error (&run, "-o");

  run_cli (fixture, &run, "import", input, "-o", NULL);
  assert_user_error (&run, "-o");

  run_cli (fixture, &run, "import", "-o", "x.chronoscope", NULL);
  assert_user_error (&run, NULL);

  run_cli (fixture, &run, "import", "-o", "x.chronoscope", "--frob", input, NULL);
  assert_user_error (&run, "--frob");

  /* A command line that is refused creates no case. */
  {
    g_autofree char *x = fixture_path (fixture, "x.chronoscope");
    g_assert_false (g_file_test (x, G_FILE_TEST_EXISTS));
  }

  run_cli (fixture, &run, "export", "x.chronoscope", NULL);
  assert_user_error (&run, NULL);

  run_cli (fixture, &run, "info", NULL);
  assert_user_error (&run, NULL);

  run_cli (fixture, &run, "--help", NULL);
  assert_exit (&run, 0);
  g_assert_nonnull (strstr (run.out, "import"));
  run_clear (&run);
}

static void
test_import_agency (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *csv = fixture_path (fixture, "housing.csv");
  Run run = { 0 };

  g_assert_true (g_file_set_contents (csv, "id,date,agency,summary\r\n"
                                           "H1,2011-01-05,,Tenancy visit\r\n"
                                           "H2,2011-01-06,,Repairs\r\n", -1, NULL));
  run_cli (fixture, &run, "import", "-o", "h.chronoscope", "--agency", "Housing", "housing.csv",
           NULL);
  assert_exit (&run, 0);
  g_assert_nonnull (strstr (run.out, "2 imported, 0 rejected"));

  run_cli (fixture, &run, "info", "h.chronoscope", NULL);
  assert_exit (&run, 0);
  g_assert_nonnull (strstr (run.out, "Events: 2\n"));
  g_assert_nonnull (strstr (run.out, "Housing"));
  run_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (cli_path () == NULL || !g_file_test (cli_path (), G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("CHRONOSCOPE_CLI must name the built chronoscope-cli\n");
      return 1;
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/version", test_version);
  ADD ("/cli/import-export", test_import_export);
  ADD ("/cli/info", test_info);
  ADD ("/cli/info-bad-files", test_info_bad_files);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/import-agency", test_import_agency);
#undef ADD

  return g_test_run ();
}
