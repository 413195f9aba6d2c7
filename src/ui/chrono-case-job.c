/* chrono-case-job.c: opening, creating and importing into a case, off the
 * main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-case-job"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "chrono-case-job.h"
#include "chrono-importer.h"
#include "chrono-exchange.h"

#define SAMPLE_RESOURCE "/io/github/chronoscope/Chronoscope/sample/stacey.csv"

static void
remove_case_file (const char *path)
{
  static const char *side_files[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (side_files); i++)
    {
      g_autofree char *name = g_strconcat (path, side_files[i], NULL);

      g_unlink (name);
    }
}

static gboolean
sample_is_usable (const char *path)
{
  g_autoptr(ChronoStore) store = NULL;
  guint n_events;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;

  store = chrono_store_open (path, CHRONO_STORE_OPEN_READ_ONLY, NULL);
  if (store == NULL)
    return FALSE;

  n_events = chrono_store_count_events (store, NULL);
  chrono_store_close (store);

  return n_events > 0;
}

/* Imports the bundled chronology into a new case at @path, built under a
 * temporary name and renamed when complete. */
static gboolean
build_sample (const char  *path,
              GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(ChronoImportReport) report = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp_dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *partial = NULL;
  gboolean ok = FALSE;

  bytes = g_resources_lookup_data (SAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), display, g_strerror (saved));
      return FALSE;
    }

  tmp_dir = g_dir_make_tmp ("chronoscope-sample-XXXXXX", error);
  if (tmp_dir == NULL)
    return FALSE;

  csv = g_build_filename (tmp_dir, "stacey.csv", NULL);
  partial = g_strconcat (path, ".part", NULL);
  remove_case_file (partial);

  if (g_file_set_contents (csv, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error) &&
      (store = chrono_store_open (partial,
                                  CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE,
                                  error)) != NULL)
    {
      report = chrono_import_report_new ("stacey.csv");
      ok = chrono_exchange_import (store, csv, NULL, report, error);
      chrono_store_close (store);

      if (ok && g_rename (partial, path) != 0)
        {
          int saved = errno;
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not write %s: %s"), display, g_strerror (saved));
          ok = FALSE;
        }
    }

  g_unlink (csv);
  g_rmdir (tmp_dir);
  if (!ok)
    remove_case_file (partial);

  return ok;
}

static ChronoStore *
open_case (const char  *path,
           gboolean    *read_only,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  ChronoStore *store;

  *read_only = FALSE;
  store = chrono_store_open (path, CHRONO_STORE_OPEN_WRITE, &local_error);
  if (store != NULL)
    return store;

  /* A case on read-only media, or one another program is writing to, can
   * still be read. */
  if (g_error_matches (local_error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_READ_ONLY) ||
      g_error_matches (local_error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_BUSY))
    {
      store = chrono_store_open (path, CHRONO_STORE_OPEN_READ_ONLY, error);
      *read_only = store != NULL;
      return store;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static void
import_one (ChronoCaseJob *job,
            const char    *path)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autoptr(ChronoImportReport) report = chrono_import_report_new (display);
  g_autoptr(ChronoImporter) importer = chrono_importer_new (job->store);
  g_autoptr(GError) error = NULL;

  /* Any format agencies send: CSV/TSV in any encoding, XLSX, ODS, Word
   * tables or the exchange format; the agency comes from the file's rows,
   * its source column or its name. */
  if (!chrono_importer_import_file (importer, path, NULL, report, NULL, &error))
    {
      g_ptr_array_add (job->import_errors, g_strdup_printf ("%s: %s", display, error->message));
      return;
    }

  /* Importing the same file twice would list every event twice. */
  if (report->skipped)
    {
      g_ptr_array_add (job->import_errors,
                       g_strdup_printf (_("%s: this file is already in the case; nothing was imported"),
                                        display));
      return;
    }

  g_ptr_array_add (job->reports, g_steal_pointer (&report));
}

char *
chrono_case_name_for_path (const char *path)
{
  g_autofree char *base = g_filename_display_basename (path);

  if (g_str_has_suffix (base, CHRONO_CASE_SUFFIX) && strlen (base) > strlen (CHRONO_CASE_SUFFIX))
    base[strlen (base) - strlen (CHRONO_CASE_SUFFIX)] = '\0';

  return g_steal_pointer (&base);
}

ChronoCaseJob *
chrono_case_job_new (ChronoCaseJobKind  kind,
                     const char        *path)
{
  ChronoCaseJob *job = g_new0 (ChronoCaseJob, 1);

  job->kind = kind;
  job->path = g_strdup (path);
  job->imports = g_ptr_array_new_with_free_func (g_free);
  job->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_import_report_free);
  job->import_errors = g_ptr_array_new_with_free_func (g_free);
  return job;
}

void
chrono_case_job_free (ChronoCaseJob *job)
{
  /* The window's callback has already released the application. */
  g_assert (job->application == NULL);

  g_clear_object (&job->store);
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->name, g_free);
  g_clear_pointer (&job->imports, g_ptr_array_unref);
  g_clear_pointer (&job->events, g_ptr_array_unref);
  g_clear_pointer (&job->marks, chrono_marks_unref);
  g_clear_pointer (&job->reports, g_ptr_array_unref);
  g_clear_pointer (&job->import_errors, g_ptr_array_unref);
  g_free (job);
}

void
chrono_case_job_add_imports (ChronoCaseJob  *job,
                             GFile         **files,
                             guint           n_files)
{
  for (guint i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);

      if (path != NULL)
        {
          g_ptr_array_add (job->imports, path);
        }
      else
        {
          g_autofree char *name = g_file_get_parse_name (files[i]);

          g_ptr_array_add (job->import_errors,
                           g_strdup_printf (_("%s: only files on this computer can be imported"),
                                            name));
        }
    }
}

void
chrono_case_job_run (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ChronoCaseJob *job = task_data;
  GError *error = NULL;

  switch (job->kind)
    {
    case CHRONO_CASE_JOB_SAMPLE:
      if (!sample_is_usable (job->path))
        {
          remove_case_file (job->path);
          if (!build_sample (job->path, &error))
            {
              g_task_return_error (task, error);
              return;
            }
        }
      job->store = open_case (job->path, &job->read_only, &error);
      break;

    case CHRONO_CASE_JOB_OPEN:
      job->store = open_case (job->path, &job->read_only, &error);
      break;

    case CHRONO_CASE_JOB_CREATE:
      if (g_file_test (job->path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *display = g_filename_display_basename (job->path);

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("A file named “%s” already exists. Choose another name: "
                         "a new case never replaces a file."),
                       display);
        }
      else
        {
          job->store = chrono_store_open (job->path,
                                          CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE,
                                          &error);
        }
      break;

    case CHRONO_CASE_JOB_IMPORT:
    default:
      g_assert (job->store != NULL);
      break;
    }

  if (job->store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->name == NULL)
    {
      g_autofree char *meta_name = chrono_store_get_meta (job->store, "name");

      if (meta_name != NULL && meta_name[0] != '\0')
        job->name = g_steal_pointer (&meta_name);
      else
        job->name = chrono_case_name_for_path (chrono_store_get_path (job->store));
    }

  if (job->imports->len > 0 && chrono_store_is_read_only (job->store))
    {
      g_ptr_array_add (job->import_errors,
                       g_strdup (_("The case is read-only: nothing was imported into it.")));
    }
  else
    {
      for (guint i = 0; i < job->imports->len; i++)
        {
          if (g_cancellable_is_cancelled (cancellable))
            break;
          import_one (job, g_ptr_array_index (job->imports, i));
        }
    }

  job->marks = chrono_marks_load (job->store, &error);
  if (job->marks != NULL)
    job->events = chrono_store_load_events (job->store, &error);
  if (job->events == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}
