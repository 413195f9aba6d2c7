/* chrono-importer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-importer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>

#include "chrono-csv-reader.h"
#include "chrono-docx-reader.h"
#include "chrono-exchange.h"
#include "chrono-importer.h"
#include "chrono-ods-reader.h"
#include "chrono-row-mapper.h"
#include "chrono-store-private.h"
#include "chrono-vocabulary.h"
#include "chrono-xlsx-reader.h"
#include "chrono-zip-xml.h"

/* A table's header row is looked for among its first rows only. */
#define HEADER_SEARCH_ROWS 30

struct _ChronoImporter
{
  GObject          parent_instance;

  ChronoStore     *store;
  ChronoAliases   *aliases;
  ChronoDateOrder  order;
  gboolean         order_set;
  gboolean         replace;
  gboolean         exchange_only;
};

G_DEFINE_FINAL_TYPE (ChronoImporter, chrono_importer, G_TYPE_OBJECT)

G_DEFINE_QUARK (chrono-import-error-quark, chrono_import_error)

typedef struct
{
  GPtrArray *cells;   /* owned strings */
  guint64    row;
} BufferedRow;

static void
buffered_row_free (gpointer data)
{
  BufferedRow *b = data;

  g_ptr_array_unref (b->cells);
  g_free (b);
}

static void
chrono_importer_finalize (GObject *object)
{
  ChronoImporter *self = CHRONO_IMPORTER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->aliases);

  G_OBJECT_CLASS (chrono_importer_parent_class)->finalize (object);
}

static void
chrono_importer_class_init (ChronoImporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chrono_importer_finalize;
}

static void
chrono_importer_init (ChronoImporter *self)
{
  self->aliases = chrono_aliases_new ();
  self->order = CHRONO_DATE_ORDER_DMY;
}

ChronoImporter *
chrono_importer_new (ChronoStore *store)
{
  ChronoImporter *self;

  g_return_val_if_fail (CHRONO_IS_STORE (store), NULL);

  self = g_object_new (CHRONO_TYPE_IMPORTER, NULL);
  self->store = g_object_ref (store);
  chrono_aliases_load (self->aliases, store, NULL);
  return self;
}

ChronoAliases *
chrono_importer_get_aliases (ChronoImporter *self)
{
  g_return_val_if_fail (CHRONO_IS_IMPORTER (self), NULL);
  return self->aliases;
}

void
chrono_importer_set_date_order (ChronoImporter  *self,
                                ChronoDateOrder  order)
{
  g_return_if_fail (CHRONO_IS_IMPORTER (self));
  self->order = order;
  self->order_set = TRUE;
}

void
chrono_importer_set_replace (ChronoImporter *self,
                             gboolean        replace)
{
  g_return_if_fail (CHRONO_IS_IMPORTER (self));
  self->replace = !!replace;
}

void
chrono_importer_set_exchange_only (ChronoImporter *self,
                                   gboolean        exchange_only)
{
  g_return_if_fail (CHRONO_IS_IMPORTER (self));
  self->exchange_only = !!exchange_only;
}

/* Opens the right reader for the file's bytes (not its name). */
static ChronoRowSource *
open_source (const char  *path,
             const char  *display,
             char       **format,
             GError     **error)
{
  static const guchar zip_magic[4] = { 'P', 'K', 3, 4 };
  static const guchar ole_magic[4] = { 0xd0, 0xcf, 0x11, 0xe0 };
  guchar magic[5] = { 0 };
  FILE *fp = g_fopen (path, "rb");
  size_t n;

  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s cannot be read: %s"), display, g_strerror (saved));
      return NULL;
    }
  n = fread (magic, 1, sizeof magic, fp);
  fclose (fp);

  if (n >= 4 && memcmp (magic, zip_magic, 4) == 0)
    {
      g_autoptr(GError) local_error = NULL;
      ChronoXlsxReader *xlsx;
      ChronoOdsReader *ods;
      ChronoDocxReader *docx;

      if ((xlsx = chrono_xlsx_reader_new_for_path (path, &local_error)) != NULL)
        {
          guint sheet = chrono_xlsx_reader_get_selected_sheet (xlsx);
          *format = g_strdup_printf (_("XLSX, sheet “%s”"),
                                     chrono_xlsx_reader_get_sheet_name (xlsx, sheet));
          return CHRONO_ROW_SOURCE (xlsx);
        }
      if (!g_error_matches (local_error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT))
        goto fail;
      g_clear_error (&local_error);

      if ((ods = chrono_ods_reader_new_for_path (path, &local_error)) != NULL)
        {
          guint sheet = chrono_ods_reader_get_selected_sheet (ods);
          *format = g_strdup_printf (_("ODS, sheet “%s”"),
                                     chrono_ods_reader_get_sheet_name (ods, sheet));
          return CHRONO_ROW_SOURCE (ods);
        }
      if (!g_error_matches (local_error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT))
        goto fail;
      g_clear_error (&local_error);

      if ((docx = chrono_docx_reader_new_for_path (path, &local_error)) != NULL)
        {
          *format = g_strdup_printf (_("Word table %u of %u"),
                                     chrono_docx_reader_get_selected_table (docx) + 1,
                                     chrono_docx_reader_get_n_tables (docx));
          return CHRONO_ROW_SOURCE (docx);
        }
      if (!g_error_matches (local_error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT))
        goto fail;

      g_set_error (error, CHRONO_IMPORT_ERROR, CHRONO_IMPORT_ERROR_UNSUPPORTED,
                   _("%s is a ZIP archive, but not an Excel (.xlsx), LibreOffice (.ods) or "
                     "Word (.docx) document"), display);
      return NULL;

    fail:
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (n >= 4 && memcmp (magic, ole_magic, 4) == 0)
    {
      g_set_error (error, CHRONO_IMPORT_ERROR, CHRONO_IMPORT_ERROR_UNSUPPORTED,
                   _("%s is an older Excel (.xls) or Word (.doc) file: save it as .xlsx, .docx "
                     "or CSV and import that"), display);
      return NULL;
    }
  if (n >= 4 && memcmp (magic, "%PDF", 4) == 0)
    {
      g_set_error (error, CHRONO_IMPORT_ERROR, CHRONO_IMPORT_ERROR_UNSUPPORTED,
                   _("%s is a PDF: export the chronology from the program that made it as a "
                     "spreadsheet, Word document or CSV"), display);
      return NULL;
    }

  {
    ChronoCsvReader *csv = chrono_csv_reader_new_for_path (path, error);
    char delimiter;

    if (csv == NULL)
      {
        g_prefix_error (error, "%s: ", display);
        return NULL;
      }
    delimiter = chrono_csv_reader_get_delimiter (csv);
    *format = g_strdup_printf (_("CSV (%s, %s)"),
                               chrono_csv_encoding_to_string (chrono_csv_reader_get_encoding (csv)),
                               delimiter == '\t' ? _("tab-separated")
                               : delimiter == ';' ? _("semicolon-separated")
                                                  : _("comma-separated"));
    return CHRONO_ROW_SOURCE (csv);
  }
}

static GPtrArray *
copy_cells (GPtrArray *cells)
{
  GPtrArray *copy = g_ptr_array_new_full (cells->len, g_free);

  for (guint i = 0; i < cells->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (cells, i)));
  return copy;
}

static GStrv
lane_names (ChronoStore *store,
            const char  *extra)
{
  g_autoptr(GPtrArray) agencies = chrono_store_list_agencies (store, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (extra != NULL)
    g_strv_builder_add (builder, extra);
  for (guint i = 0; agencies != NULL && i < agencies->len; i++)
    g_strv_builder_add (builder, chrono_agency_get_name (g_ptr_array_index (agencies, i)));
  return g_strv_builder_end (builder);
}

typedef struct
{
  ChronoImporter     *self;
  ChronoImportReport *report;
  const char         *display;
  const char         *file_name;       /* base name, for provenance */
  const char         *file_name_path;  /* where to read it */
  const char         *agency;
  const char         *suggested;
  const char         *sha;
  gint64              file_id;
  GPtrArray          *buffered;     /* BufferedRow: the rows read to find the header */
  guint               header_index;
  ChronoRowSource    *source;
  GCancellable       *cancellable;
} FileImport;

static gboolean
keep_rejected (FileImport  *fi,
               GPtrArray   *cells,
               guint64      row,
               const char  *reason,
               GError     **error)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new_null_terminated (cells->len, NULL, TRUE);

  for (guint i = 0; i < cells->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (cells, i));
  chrono_import_report_reject (fi->report, row, reason);
  return chrono_store_add_rejected_row (fi->self->store, fi->file_id, row, reason,
                                        (const char * const *) copy->pdata, error);
}

static gboolean
import_one_row (FileImport       *fi,
                ChronoRowMapper  *mapper,
                ChronoEvent      *event,
                GPtrArray        *cells,
                guint64           row,
                GError          **error)
{
  g_autofree char *reason = NULL;

  if (!chrono_row_mapper_map (mapper, cells, row, event, &reason))
    return reason == NULL || keep_rejected (fi, cells, row, reason, error);
  if (!chrono_store_insert_event (fi->self->store, event, fi->file_id, error))
    return FALSE;
  fi->report->imported++;
  return TRUE;
}

/* Reads every row after the header into the case.  Rows read ahead to
 * find the header are replayed first. */
static gboolean
import_rows (FileImport       *fi,
             ChronoRowMapper  *mapper,
             GError          **error)
{
  g_autoptr(ChronoEvent) event = chrono_event_new ();
  g_autoptr(GError) read_error = NULL;
  GPtrArray *cells;
  guint64 row;
  guint count = 0;

  for (guint i = fi->header_index + 1; i < fi->buffered->len; i++)
    {
      BufferedRow *b = g_ptr_array_index (fi->buffered, i);

      if (!import_one_row (fi, mapper, event, b->cells, b->row, error))
        return FALSE;
    }

  while (chrono_row_source_next_row (fi->source, &cells, &row, &read_error))
    {
      if (!import_one_row (fi, mapper, event, cells, row, error))
        return FALSE;
      if ((++count & 0x3ff) == 0 && g_cancellable_is_cancelled (fi->cancellable))
        {
          g_set_error (error, CHRONO_IMPORT_ERROR, CHRONO_IMPORT_ERROR_CANCELLED,
                       _("Import of %s cancelled"), fi->display);
          return FALSE;
        }
    }
  if (read_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&read_error), "%s: ", fi->display);
      return FALSE;
    }
  return TRUE;
}

/* Reads the first rows and picks the header: the row that most looks like
 * one (titles and merged cells above it are skipped). */
static gboolean
find_header (FileImport  *fi,
             gboolean     exchange_only,
             GError     **error)
{
  g_autoptr(GError) read_error = NULL;
  GPtrArray *cells;
  guint64 row;
  int best_score = 0;

  while (fi->buffered->len < HEADER_SEARCH_ROWS &&
         chrono_row_source_next_row (fi->source, &cells, &row, &read_error))
    {
      BufferedRow *b = g_new0 (BufferedRow, 1);
      int score;

      b->cells = copy_cells (cells);
      b->row = row;
      g_ptr_array_add (fi->buffered, b);

      score = exchange_only ? (fi->buffered->len == 1 ? 1 : 0)
                            : chrono_columns_header_score (b->cells);
      if (score > best_score)
        {
          best_score = score;
          fi->header_index = fi->buffered->len - 1;
        }
    }
  if (read_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&read_error), "%s: ", fi->display);
      return FALSE;
    }
  if (fi->buffered->len == 0)
    {
      g_set_error (error, CHRONO_IMPORT_ERROR, CHRONO_IMPORT_ERROR_NO_HEADER,
                   _("%s is empty: there is nothing to import"), fi->display);
      return FALSE;
    }
  if (best_score == 0)
    {
      g_set_error (error, CHRONO_IMPORT_ERROR, CHRONO_IMPORT_ERROR_NO_HEADER,
                   _("%s: no header row with a date column in its first %u rows"),
                   fi->display, HEADER_SEARCH_ROWS);
      return FALSE;
    }
  if (fi->header_index > 0)
    g_ptr_array_add (fi->report->warnings,
                     g_strdup_printf (_("the header is row %" PRIu64 "; the rows above "
                                        "it (titles) were not imported"),
                                      ((BufferedRow *) fi->buffered->pdata[fi->header_index])->row));
  return TRUE;
}

/* Reads the file once, start to end, with dates in @order. */
static gboolean
attempt (FileImport       *fi,
         ChronoDateOrder   order,
         guint             evidence[3],
         GError          **error)
{
  g_autoptr(ChronoRowMapper) mapper = NULL;
  g_autoptr(GPtrArray) mapping = NULL;
  g_auto(GStrv) lanes = NULL;
  g_autofree char *format = NULL;
  BufferedRow *header;
  gboolean exchange;
  gboolean ok;

  fi->source = open_source (fi->file_name_path, fi->display, &format, error);
  if (fi->source == NULL)
    return FALSE;
  g_free (fi->report->format);
  fi->report->format = g_steal_pointer (&format);

  fi->buffered = g_ptr_array_new_with_free_func (buffered_row_free);
  fi->header_index = 0;
  ok = find_header (fi, fi->self->exchange_only, error);
  if (ok)
    {
      header = g_ptr_array_index (fi->buffered, fi->header_index);
      exchange = fi->self->exchange_only || chrono_exchange_is_header (header->cells);
      lanes = lane_names (fi->self->store, fi->agency);
      mapper = chrono_row_mapper_new (header->cells, exchange, fi->self->aliases, fi->file_name,
                                      fi->agency);
      if (!exchange)
        chrono_row_mapper_set_suggested_agency (mapper, fi->suggested);
      chrono_row_mapper_set_order (mapper, order);
      chrono_row_mapper_set_lanes (mapper, (const char * const *) lanes);

      mapping = chrono_row_mapper_describe (mapper);
      g_ptr_array_set_size (fi->report->mapping, 0);
      g_ptr_array_extend_and_steal (fi->report->mapping, g_steal_pointer (&mapping));

      ok = import_rows (fi, mapper, error);
      chrono_row_mapper_get_date_evidence (mapper, &evidence[0], &evidence[1], &evidence[2]);
    }

  g_clear_pointer (&fi->buffered, g_ptr_array_unref);
  g_clear_object (&fi->source);
  return ok;
}

/* Links this file's events to other agencies' records of the same thing on
 * the same day (a MARAC, a strategy meeting, a joint visit): likely
 * duplicates, linked for the panel to see, never deleted. */
static gboolean
link_duplicates (FileImport  *fi,
                 GError     **error)
{
  sqlite3 *db = _chrono_store_get_db (fi->self->store);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT n.id, o.id, n.kind, o.kind, n.summary, o.summary,"
                           " n.subjects, o.subjects"
                           " FROM event n JOIN event o"
                           "  ON o.sort_key >= n.first_day * 1440"
                           "  AND o.sort_key < (n.first_day + 1) * 1440"
                           "  AND o.agency_id != n.agency_id"
                           "  AND o.precision = 'day'"
                           "  AND (o.file_id IS NULL OR o.file_id != n.file_id)"
                           " WHERE n.file_id = ? AND n.precision = 'day'", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    sqlite3_bind_int64 (stmt, 1, fi->file_id);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind_a = (const char *) sqlite3_column_text (stmt, 2);
      const char *kind_b = (const char *) sqlite3_column_text (stmt, 3);
      g_auto(GStrv) subj_a = chrono_split_list ((const char *) sqlite3_column_text (stmt, 6));
      g_auto(GStrv) subj_b = chrono_split_list ((const char *) sqlite3_column_text (stmt, 7));
      gboolean shared_subject = FALSE;
      double similarity;

      rc = SQLITE_OK;
      for (guint i = 0; subj_a[i] != NULL && !shared_subject; i++)
        shared_subject = g_strv_contains ((const char * const *) subj_b, subj_a[i]);
      similarity = chrono_vocabulary_similarity ((const char *) sqlite3_column_text (stmt, 4),
                                                 (const char *) sqlite3_column_text (stmt, 5));

      if ((g_strcmp0 (kind_a, "meeting") == 0 && g_strcmp0 (kind_b, "meeting") == 0 &&
           shared_subject) || similarity >= 0.5)
        {
          gint64 a = sqlite3_column_int64 (stmt, 0);
          gint64 b = sqlite3_column_int64 (stmt, 1);
          g_array_append_val (pairs, a);
          g_array_append_val (pairs, b);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
                   _("%s: looking for duplicates failed: %s"), fi->display, sqlite3_errmsg (db));
      return FALSE;
    }

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      if (!chrono_store_link_events (fi->self->store, g_array_index (pairs, gint64, i),
                                     g_array_index (pairs, gint64, i + 1), "duplicate", error))
        return FALSE;
      fi->report->linked++;
    }
  return TRUE;
}

static gboolean
import_in_transaction (FileImport  *fi,
                       GError     **error)
{
  ChronoImporter *self = fi->self;
  guint evidence[3] = { 0, 0, 0 };
  ChronoDateOrder order = self->order;

  fi->file_id = chrono_store_add_source_file (self->store, fi->file_name_path, fi->file_name,
                                              fi->agency, fi->sha, error);
  if (fi->file_id == 0 || !attempt (fi, order, evidence, error))
    return FALSE;

  /* Dates only month-first can explain, and none only day-first can: an
   * American file.  Read it again that way rather than reject its rows. */
  if (!self->order_set && evidence[1] > 0 && evidence[0] == 0)
    {
      g_autofree char *id = NULL;

      chrono_store_rollback (self->store);
      chrono_import_report_reset (fi->report);
      if (!chrono_store_begin_bulk (self->store, error))
        return FALSE;
      fi->file_id = chrono_store_add_source_file (self->store, fi->file_name_path, fi->file_name,
                                                  fi->agency, fi->sha, error);
      order = CHRONO_DATE_ORDER_MDY;
      if (fi->file_id == 0 || !attempt (fi, order, evidence, error))
        return FALSE;
      g_ptr_array_add (fi->report->warnings,
                       g_strdup (_("dates such as 12/31 only make sense month-first, so the "
                                   "file's dates were read month-first (US style)")));
    }
  else if (!self->order_set && evidence[2] > 0 && evidence[0] == 0)
    g_ptr_array_add (fi->report->warnings,
                     g_strdup_printf (_("all %u numeric dates could also be read month-first; "
                                        "they were read day-first (UK). Import again choosing "
                                        "month-first if the file uses US dates"), evidence[2]));

  return chrono_store_end_bulk (self->store, error) && link_duplicates (fi, error);
}

gboolean
chrono_importer_import_file (ChronoImporter      *self,
                             const char          *path,
                             const char          *agency,
                             ChronoImportReport  *report,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_autofree char *display = NULL;
  g_autofree char *base = NULL;
  g_autofree char *suggested = NULL;
  g_autofree char *sha = NULL;
  FileImport fi = { 0 };
  gint64 earlier;
  gboolean ok;

  g_return_val_if_fail (CHRONO_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  display = g_filename_display_name (path);
  base = g_path_get_basename (path);
  if (agency != NULL && *agency == '\0')
    agency = NULL;
  suggested = chrono_aliases_suggest_for_file (self->aliases, path);

  fi.self = self;
  fi.report = report;
  fi.display = display;
  fi.file_name = base;
  fi.file_name_path = path;
  fi.agency = agency;
  fi.suggested = suggested;
  fi.cancellable = cancellable;
  g_free (report->agency);
  report->agency = g_strdup (agency != NULL ? agency : suggested);

  /* The case keeps every imported file's bytes: refuse what it cannot keep
   * before reading it all. */
  {
    GStatBuf st;

    if (g_stat (path, &st) == 0 && st.st_size > CHRONO_IMPORT_MAX_FILE)
      {
        g_autofree char *size = g_format_size ((guint64) st.st_size);
        g_set_error (error, CHRONO_IMPORT_ERROR, CHRONO_IMPORT_ERROR_UNSUPPORTED,
                     _("%s is too large to import (%s; a case keeps files up to 2 GB)"),
                     display, size);
        return FALSE;
      }
  }

  /* The same bytes again: skip, or replace the earlier import. */
  sha = chrono_store_hash_file (path, error);
  if (sha == NULL)
    return FALSE;
  fi.sha = sha;
  earlier = chrono_store_find_source_file (self->store, sha);
  if (earlier > 0 && !self->replace)
    {
      report->skipped = TRUE;
      g_ptr_array_add (report->warnings,
                       g_strdup (_("this file was imported before (same contents); nothing was "
                                   "added. Import it with “replace” to replace the earlier import")));
      return TRUE;
    }

  if (!chrono_store_begin_bulk (self->store, error))
    return FALSE;
  ok = (earlier == 0 || chrono_store_remove_source_file (self->store, earlier, error)) &&
       import_in_transaction (&fi, error);
  if (ok)
    ok = chrono_store_commit (self->store, error);
  else
    chrono_store_rollback (self->store);

  if (!ok)
    chrono_import_report_reset (report);
  return ok;
}
