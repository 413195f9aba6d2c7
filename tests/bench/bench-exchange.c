/* bench-exchange.c: exchange-format import and export against sqlite3 .import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates a synthetic chronology (CHRONO_BENCH_EVENTS events, default one
 * million, 12 agencies, seed 42), then times, median of three runs each:
 *  - chrono_exchange_import () into a fresh case (in a child process, so its
 *    peak RSS is the import's own);
 *  - the baseline: the sqlite3 shell's `.import --csv FILE t` into a plain
 *    table of a fresh database, same file, same run;
 *  - chrono_exchange_export () of the case, whose output must be the
 *    generated file byte for byte.
 * CHRONO_BENCH_DIR picks the scratch folder (default: a new one in /tmp),
 * CHRONO_BENCH_RUNS the number of runs.
 */
#define G_LOG_DOMAIN "bench-exchange"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chrono-exchange.h"
#include "chrono-gen.h"
#include "chrono-store.h"

#define CHILD_ARG "--import-child"
#define N_AGENCIES 12
#define SEED 42

typedef struct
{
  double open_s;
  double import_s;
  double close_s;
  double wall_s;
  double cpu_s;        /* user + system, from wait4 () */
  glong  maxrss_kib;
} RunResult;

static double
now_s (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  double sorted[16];

  g_assert (n > 0 && n <= G_N_ELEMENTS (sorted));
  memcpy (sorted, values, n * sizeof *values);
  qsort (sorted, n, sizeof *sorted, compare_doubles);
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

static void
remove_case (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
}

/* The child: open a fresh case, import, close; prints its timings. */
static int
run_import_child (const char *case_path,
                  const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(ChronoImportReport) report = chrono_import_report_new (csv);
  double t0, t1, t2, t3;

  t0 = now_s ();
  store = chrono_store_open (case_path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE,
                             &error);
  if (store == NULL)
    {
      fprintf (stderr, "bench-exchange: %s\n", error->message);
      return 1;
    }
  t1 = now_s ();
  if (!chrono_exchange_import (store, csv, NULL, report, &error))
    {
      fprintf (stderr, "bench-exchange: %s\n", error->message);
      return 1;
    }
  t2 = now_s ();
  chrono_store_close (store);
  t3 = now_s ();
  printf ("%.6f %.6f %.6f %u %u\n", t1 - t0, t2 - t1, t3 - t2, report->imported,
          report->rejected);
  return 0;
}

/* Runs @argv to completion; wall time and peak RSS from wait4 (). */
static gboolean
run_child (const char * const *argv,
           RunResult          *result,
           char              **out)
{
  g_autoptr(GError) error = NULL;
  struct rusage usage = { 0 };
  GPid pid;
  int out_fd = -1, status = 0;
  g_autoptr(GString) text = g_string_new (NULL);
  double start = now_s ();
  char buf[4096];
  gssize n;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &pid, NULL, &out_fd, NULL, &error))
    {
      fprintf (stderr, "bench-exchange: %s\n", error->message);
      return FALSE;
    }
  while ((n = read (out_fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (text, buf, n);
  close (out_fd);
  while (wait4 (pid, &status, 0, &usage) < 0 && errno == EINTR)
    ;
  result->wall_s = now_s () - start;
  result->maxrss_kib = usage.ru_maxrss;
  result->cpu_s = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
                  usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  if (out != NULL)
    *out = g_strdup (text->str);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      fprintf (stderr, "bench-exchange: %s failed (status %d): %s\n", argv[0], status, text->str);
      return FALSE;
    }
  return TRUE;
}

static gboolean
files_identical (const char *a,
                 const char *b,
                 gint64     *first_difference)
{
  FILE *fa = g_fopen (a, "rb");
  FILE *fb = g_fopen (b, "rb");
  g_autofree char *ba = g_malloc (1 << 20);
  g_autofree char *bb = g_malloc (1 << 20);
  gint64 offset = 0;
  gboolean same = fa != NULL && fb != NULL;

  while (same)
    {
      size_t na = fread (ba, 1, 1 << 20, fa);
      size_t nb = fread (bb, 1, 1 << 20, fb);
      size_t n = MIN (na, nb);

      for (size_t i = 0; i < n; i++)
        if (ba[i] != bb[i])
          {
            *first_difference = offset + (gint64) i;
            same = FALSE;
            break;
          }
      if (same && na != nb)
        {
          *first_difference = offset + (gint64) n;
          same = FALSE;
        }
      offset += (gint64) n;
      if (na == 0 || nb == 0)
        break;
    }
  if (fa != NULL)
    fclose (fa);
  if (fb != NULL)
    fclose (fb);
  return same;
}

int
main (int    argc,
      char **argv)
{
  const char *env_events = g_getenv ("CHRONO_BENCH_EVENTS");
  const char *env_runs = g_getenv ("CHRONO_BENCH_RUNS");
  const char *env_dir = g_getenv ("CHRONO_BENCH_DIR");
  g_autofree char *self_exe = NULL;
  g_autofree char *sqlite3 = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *db = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_events;
  guint runs;
  RunResult ours[16] = { 0 }, base[16] = { 0 };
  double import_s[16], total_s[16], base_s[16], export_s[16], ours_cpu[16], base_cpu[16];
  glong ours_rss = 0, base_rss = 0;
  gint64 csv_size, case_size = 0;
  double t, gen_s;
  gboolean ok = TRUE;

  if (argc == 4 && strcmp (argv[1], CHILD_ARG) == 0)
    return run_import_child (argv[2], argv[3]);

  n_events = env_events != NULL ? g_ascii_strtoull (env_events, NULL, 10) : 1000000;
  runs = env_runs != NULL ? CLAMP ((guint) g_ascii_strtoull (env_runs, NULL, 10), 1, 15) : 3;
  if (n_events == 0)
    {
      fprintf (stderr, "bench-exchange: CHRONO_BENCH_EVENTS must be 1 or more\n");
      return 1;
    }

  sqlite3 = g_find_program_in_path ("sqlite3");
  if (sqlite3 == NULL)
    {
      fprintf (stderr, "bench-exchange: the sqlite3 command-line tool is not installed "
                       "(Debian: apt install sqlite3); it is the baseline, so this benchmark "
                       "cannot run without it\n");
      return 1;
    }
  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe == NULL)
    self_exe = g_strdup (argv[0]);

  if (env_dir != NULL)
    dir = g_strdup (env_dir);
  else if ((dir = g_dir_make_tmp ("chrono-bench-XXXXXX", &error)) == NULL)
    {
      fprintf (stderr, "bench-exchange: %s\n", error->message);
      return 1;
    }
  csv = g_build_filename (dir, "chronology.csv", NULL);
  db = g_build_filename (dir, "baseline.db", NULL);
  out = g_build_filename (dir, "export.csv", NULL);

  /* The input. */
  t = now_s ();
  if (!chrono_gen_write_csv (csv, n_events, N_AGENCIES, SEED, &error))
    {
      fprintf (stderr, "bench-exchange: %s\n", error->message);
      return 1;
    }
  gen_s = now_s () - t;
  csv_size = file_size (csv);
  printf ("input: %" G_GUINT64_FORMAT " events, %d agencies, seed %d: %.1f MB of CSV, "
          "generated in %.2f s\n", n_events, N_AGENCIES, SEED, csv_size / 1e6, gen_s);

  /* Ours: a fresh case each run, in a child process. */
  for (guint r = 0; ok && r < runs; r++)
    {
      g_autofree char *name = g_strdup_printf ("case-%u.chronoscope", r);
      g_autofree char *case_path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      const char *child_argv[] = { self_exe, CHILD_ARG, case_path, csv, NULL };
      guint imported = 0, rejected = 0;

      remove_case (case_path);
      ok = run_child (child_argv, &ours[r], &text);
      if (ok && sscanf (text, "%lf %lf %lf %u %u", &ours[r].open_s, &ours[r].import_s,
                        &ours[r].close_s, &imported, &rejected) != 5)
        ok = FALSE;
      if (ok && (imported != n_events || rejected != 0))
        {
          fprintf (stderr, "bench-exchange: imported %u and rejected %u of %" G_GUINT64_FORMAT
                   " events\n", imported, rejected, n_events);
          ok = FALSE;
        }
      import_s[r] = ours[r].import_s;
      ours_cpu[r] = ours[r].cpu_s;
      total_s[r] = ours[r].open_s + ours[r].import_s + ours[r].close_s;
      ours_rss = MAX (ours_rss, ours[r].maxrss_kib);
      printf ("  chronoscope import run %u: import %.2f s, close (checkpoint) %.2f s, "
              "CPU %.2f s, peak RSS %.1f MiB\n", r + 1, ours[r].import_s, ours[r].close_s,
              ours[r].cpu_s, ours[r].maxrss_kib / 1024.0);
      fflush (stdout);
      if (r + 1 < runs)
        remove_case (case_path);
      else
        case_size = file_size (case_path);
    }

  /* The baseline, in the same run: sqlite3's own CSV import. */
  for (guint r = 0; ok && r < runs; r++)
    {
      const char *child_argv[] = { sqlite3, db, NULL, NULL };
      g_autofree char *command = g_strdup_printf (".import --csv '%s' t", csv);

      child_argv[2] = command;
      remove_case (db);
      ok = run_child (child_argv, &base[r], NULL);
      base_s[r] = base[r].wall_s;
      base_cpu[r] = base[r].cpu_s;
      base_rss = MAX (base_rss, base[r].maxrss_kib);
      printf ("  sqlite3 .import run %u: %.2f s, CPU %.2f s, peak RSS %.1f MiB\n", r + 1,
              base[r].wall_s, base[r].cpu_s, base[r].maxrss_kib / 1024.0);
      fflush (stdout);
    }
  if (ok)
    {
      const char *count_argv[] = { sqlite3, db, "SELECT count(*) FROM t", NULL };
      g_autofree char *count = NULL;
      RunResult ignored = { 0 };

      ok = run_child (count_argv, &ignored, &count);
      if (ok && g_ascii_strtoull (count, NULL, 10) != n_events)
        {
          fprintf (stderr, "bench-exchange: sqlite3 imported %s rows, not %" G_GUINT64_FORMAT "\n",
                   g_strstrip (count), n_events);
          ok = FALSE;
        }
    }

  /* Export of the last case. */
  if (ok)
    {
      g_autofree char *name = g_strdup_printf ("case-%u.chronoscope", runs - 1);
      g_autofree char *case_path = g_build_filename (dir, name, NULL);
      g_autoptr(ChronoStore) store = chrono_store_open (case_path, CHRONO_STORE_OPEN_READ_ONLY,
                                                        &error);

      ok = store != NULL;
      for (guint r = 0; ok && r < runs; r++)
        {
          t = now_s ();
          ok = chrono_exchange_export (store, out, &error);
          export_s[r] = now_s () - t;
          printf ("  chronoscope export run %u: %.2f s\n", r + 1, export_s[r]);
          fflush (stdout);
          if (ok && r == 0)
            {
              gint64 at = -1;

              if (!files_identical (out, csv, &at))
                {
                  fprintf (stderr, "bench-exchange: the export differs from the input at byte %"
                           G_GINT64_FORMAT "\n", at);
                  ok = FALSE;
                }
            }
        }
      if (error != NULL)
        fprintf (stderr, "bench-exchange: %s\n", error->message);
    }

  if (ok)
    {
      double ours_import = median (import_s, runs);
      double ours_total = median (total_s, runs);
      double sqlite_import = median (base_s, runs);
      double export = median (export_s, runs);

      printf ("\nresults, median of %u runs, %" G_GUINT64_FORMAT " events (%.1f MB CSV):\n",
              runs, n_events, csv_size / 1e6);
      printf ("  chrono_exchange_import:  %7.2f s  %10.0f rows/s  (open+import+close %.2f s, "
              "%.0f rows/s)\n", ours_import, n_events / ours_import, ours_total,
              n_events / ours_total);
      printf ("  sqlite3 .import --csv:   %7.2f s  %10.0f rows/s\n", sqlite_import,
              n_events / sqlite_import);
      printf ("  import ratio ours/sqlite3: %.2fx the time (%.2fx with open and close), "
              "%.2f of its rows/s\n", ours_import / sqlite_import, ours_total / sqlite_import,
              sqlite_import / ours_import);
      printf ("  CPU time (user+system): chronoscope %.2f s, sqlite3 %.2f s: %.2fx\n",
              median (ours_cpu, runs), median (base_cpu, runs),
              median (ours_cpu, runs) / median (base_cpu, runs));
      printf ("  chrono_exchange_export:  %7.2f s  %10.0f rows/s  (byte-identical to the input)\n",
              export, n_events / export);
      printf ("  peak RSS: chronoscope import %.1f MiB, sqlite3 .import %.1f MiB\n",
              ours_rss / 1024.0, base_rss / 1024.0);
      printf ("  case file %.1f MB (includes the imported file's %.1f MB), sqlite3 table %.1f MB\n",
              case_size / 1e6, csv_size / 1e6, file_size (db) / 1e6);
    }

  /* Clean up what we wrote (and the folder, unless the caller named it). */
  remove_case (db);
  g_unlink (csv);
  g_unlink (out);
  for (guint r = 0; r < runs; r++)
    {
      g_autofree char *name = g_strdup_printf ("case-%u.chronoscope", r);
      g_autofree char *case_path = g_build_filename (dir, name, NULL);
      remove_case (case_path);
    }
  if (env_dir == NULL)
    g_rmdir (dir);
  return ok ? 0 : 1;
}
