/* fuzz-case.c: bytes as a .chronoscope case file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "chrono-exchange.h"
#include "chrono-importer.h"
#include "chrono-store.h"
#include "fuzz-common.h"

static const char *
side_file (const char *path,
           const char *suffix)
{
  static char name[4096];

  g_snprintf (name, sizeof name, "%s%s", path, suffix);
  return name;
}

/* Removes a case and the side files SQLite may leave beside it. */
static void
remove_case (const char *path)
{
  g_unlink (path);
  g_unlink (side_file (path, "-wal"));
  g_unlink (side_file (path, "-shm"));
  g_unlink (side_file (path, "-journal"));
}

/* Whether the file at @path still holds exactly @data. */
static gboolean
same_bytes (const char    *path,
            const uint8_t *data,
            size_t         size)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return length == size && (size == 0 || memcmp (contents, data, size) == 0);
}

static gboolean
visit_event (ChronoEvent  *event,
             gpointer      user_data,
             GError      **error)
{
  guint *count = user_data;
  const ChronoDate *date = chrono_event_get_date (event);
  g_autofree char *shown = chrono_date_format (date);
  g_autofree char *iso = chrono_date_to_iso (date);
  const char * const *subjects = chrono_event_get_subjects (event);

  FUZZ_CHECK (shown == NULL || g_utf8_validate (shown, -1, NULL));
  FUZZ_CHECK (iso == NULL || g_utf8_validate (iso, -1, NULL));
  (void) chrono_date_sort_key (date);
  (void) chrono_date_sort_key (chrono_event_get_end_date (event));
  (void) chrono_event_is_span (event);
  FUZZ_CHECK (chrono_event_get_summary (event) != NULL);
  FUZZ_CHECK (chrono_event_get_agency (event) != NULL);
  for (guint i = 0; subjects != NULL && subjects[i] != NULL; i++)
    (void) strlen (subjects[i]);
  (void) chrono_event_get_kind (event);
  (void) chrono_event_get_file (event);
  (void) chrono_event_get_row (event);
  (*count)++;
  return TRUE;
}

/* Reads everything the app reads from an open case.  Failures are fine;
 * they must say something. */
static void
read_case (ChronoStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GPtrArray) subjects = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *meta = NULL;
  ChronoDate first, last;
  guint count;
  guint visited = 0;

  count = chrono_store_count_events (store, &error);
  if (error != NULL)
    fuzz_check_error (error);
  g_clear_error (&error);

  agencies = chrono_store_list_agencies (store, &error);
  if (agencies == NULL)
    fuzz_check_error (error);
  for (guint i = 0; agencies != NULL && i < agencies->len; i++)
    {
      ChronoAgency *agency = g_ptr_array_index (agencies, i);
      const char * const *units = chrono_agency_get_units (agency);

      FUZZ_CHECK (chrono_agency_get_name (agency) != NULL);
      (void) chrono_agency_get_n_events (agency);
      for (guint j = 0; units != NULL && units[j] != NULL; j++)
        (void) strlen (units[j]);
    }
  g_clear_error (&error);

  subjects = chrono_store_list_subjects (store, &error);
  if (subjects == NULL)
    fuzz_check_error (error);
  for (guint i = 0; subjects != NULL && i < subjects->len; i++)
    FUZZ_CHECK (chrono_subject_get_name (g_ptr_array_index (subjects, i)) != NULL);
  g_clear_error (&error);

  if (!chrono_store_foreach_event (store, FALSE, visit_event, &visited, &error))
    fuzz_check_error (error);
  g_clear_error (&error);
  visited = 0;
  if (!chrono_store_foreach_event (store, TRUE, visit_event, &visited, &error))
    fuzz_check_error (error);
  g_clear_error (&error);
  (void) count;

  events = chrono_store_load_events (store, &error);
  if (events == NULL)
    fuzz_check_error (error);
  g_clear_error (&error);

  if (!chrono_store_get_extent (store, &first, &last, &error) && error != NULL)
    fuzz_check_error (error);
  g_clear_error (&error);

  meta = chrono_store_get_meta (store, "title");
  (void) chrono_store_count_rejected_rows (store);

  if (!chrono_store_check_integrity (store, &error))
    fuzz_check_error (error);
}

/* A small real case for the seed corpus: agencies, units, subjects, a
 * source file, events and a rejected row. */
static void
make_seed_case (const char *path)
{
  static const char csv[] =
    "Date,Time,Agency,Team,People,Event,Shared with\r\n"
    "02/08/2011,13:30,Police,Response,Stacey;Kevin,Home visit after a 999 call,Health\r\n"
    "Aug-11,,Health,GP,Stacey,Seen by GP,\r\n"
    "c. 2010,,Housing,,Kevin,Tenancy began,\r\n"
    "31/02/2011,,Police,,,A row with an impossible date,\r\n";
  g_autofree char *csv_path = fuzz_write_file ("seed.csv", (const uint8_t *) csv, sizeof csv - 1);
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(ChronoImporter) importer = NULL;
  g_autoptr(ChronoImportReport) report = chrono_import_report_new ("seed.csv");
  g_autoptr(GError) error = NULL;

  remove_case (path);
  store = chrono_store_open (path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE, &error);
  if (store != NULL)
    {
      importer = chrono_importer_new (store);
      chrono_importer_import_file (importer, csv_path, NULL, report, NULL, &error);
    }
  if (error != NULL)
    {
      fprintf (stderr, "cannot make the seed case %s: %s\n", path, error->message);
      exit (1);
    }
  chrono_store_close (store);
}

/* FUZZ_CASE_SEED=PATH fuzz-case writes a seed case to PATH and exits. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *seed = g_getenv ("FUZZ_CASE_SEED");

  if (seed != NULL)
    {
      make_seed_case (seed);
      exit (0);
    }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *export = NULL;

  fuzz_scratch_dir ();
  path = g_build_filename (fuzz_scratch_dir (), "input.chronoscope", NULL);
  copy = g_build_filename (fuzz_scratch_dir (), "copy.chronoscope", NULL);
  export = g_build_filename (fuzz_scratch_dir (), "export.csv", NULL);
  remove_case (path);
  remove_case (copy);
  g_free (fuzz_write_file ("input.chronoscope", data, size));

  /* Read-only: whatever happens, the file is left exactly as it was. */
  {
    g_autoptr(ChronoStore) store = NULL;
    g_autoptr(GError) error = NULL;

    store = chrono_store_open (path, CHRONO_STORE_OPEN_READ_ONLY, &error);
    if (store == NULL)
      {
        fuzz_check_error (error);
      }
    else
      {
        FUZZ_CHECK (chrono_store_is_read_only (store));
        read_case (store);
        if (!chrono_exchange_export (store, export, &error))
          fuzz_check_error (error);
        g_unlink (export);
        chrono_store_close (store);
      }
    FUZZ_CHECK (same_bytes (path, data, size));
  }

  /* For writing, on a copy: a file that is refused is left as it was; one
   * that opens takes an event and is read again. */
  g_free (fuzz_write_file ("copy.chronoscope", data, size));
  {
    g_autoptr(ChronoStore) store = NULL;
    g_autoptr(GError) error = NULL;

    store = chrono_store_open (copy, CHRONO_STORE_OPEN_WRITE, &error);
    if (store == NULL)
      {
        fuzz_check_error (error);
        g_clear_object (&store);
        FUZZ_CHECK (same_bytes (copy, data, size));
      }
    else
      {
        g_autoptr(ChronoEvent) event = chrono_event_new ();
        ChronoDate date = { 2011, 8, 2, 0, 0, 0, 0 };

        read_case (store);
        chrono_event_set_date (event, &date);
        chrono_event_set_agency (event, "Police");
        chrono_event_set_summary (event, "Home visit");
        if (chrono_store_begin (store, &error))
          {
            if (chrono_store_insert_event (store, event, 0, &error) &&
                chrono_store_commit (store, &error))
              read_case (store);
            else
              {
                fuzz_check_error (error);
                chrono_store_rollback (store);
              }
          }
        else
          {
            fuzz_check_error (error);
          }
        chrono_store_close (store);
      }
  }
  remove_case (copy);
  return 0;
}
