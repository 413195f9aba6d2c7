/* chrono-exchange.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-exchange"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "chrono-csv-reader.h"
#include "chrono-exchange.h"
#include "chrono-importer.h"

#define N_COLUMNS 15

static const char * const column_names[N_COLUMNS + 1] = {
  "id", "date", "date_precision", "time", "end_date", "agency", "unit", "subjects", "kind",
  "summary", "shared_with", "not_shared_with", "allocation", "risk", "source", NULL,
};

const char * const *
chrono_exchange_columns (void)
{
  return column_names;
}

gboolean
chrono_exchange_is_header (GPtrArray *header)
{
  static const char * const required[] = { "date", "date_precision", "agency", "summary" };
  guint found = 0;

  g_return_val_if_fail (header != NULL, FALSE);

  for (guint r = 0; r < G_N_ELEMENTS (required); r++)
    {
      for (guint i = 0; i < header->len; i++)
        {
          g_autofree char *name = g_strstrip (g_ascii_strdown (g_ptr_array_index (header, i), -1));

          if (strcmp (name, required[r]) == 0)
            {
              found++;
              break;
            }
        }
    }
  return found == G_N_ELEMENTS (required);
}

gboolean
chrono_exchange_import (ChronoStore         *store,
                        const char          *path,
                        const char          *agency,
                        ChronoImportReport  *report,
                        GError             **error)
{
  g_autoptr(ChronoImporter) importer = NULL;

  g_return_val_if_fail (CHRONO_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  importer = chrono_importer_new (store);
  chrono_importer_set_exchange_only (importer, TRUE);
  return chrono_importer_import_file (importer, path, agency, report, NULL, error);
}

typedef struct
{
  FILE      *fp;
  GString   *line;
  GPtrArray *extras;   /* extra column names in first-seen order */
  GError    *write_error;
} ExportState;

static gboolean
collect_extras_cb (ChronoEvent  *event,
                   gpointer      user_data,
                   GError      **error)
{
  ExportState *state = user_data;

  for (guint i = 0; i < chrono_event_get_n_extras (event); i++)
    {
      const char *name = chrono_event_get_extra_name (event, i);

      if (!g_ptr_array_find_with_equal_func (state->extras, name, g_str_equal, NULL))
        g_ptr_array_add (state->extras, g_strdup (name));
    }
  return TRUE;
}

static void
append_list (GString            *line,
             const char * const *items)
{
  g_autofree char *joined = chrono_join_list (items);
  chrono_csv_append_field (line, joined, ',');
}

static void
append_date (GString          *line,
             const ChronoDate *date)
{
  g_autofree char *iso = chrono_date_is_set (date) ? chrono_date_to_iso (date) : NULL;
  chrono_csv_append_field (line, iso != NULL ? iso : "", ',');
}

static gboolean
flush_line (ExportState  *state,
            GError      **error)
{
  g_string_append (state->line, "\r\n");
  if (fwrite (state->line->str, 1, state->line->len, state->fp) != state->line->len)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write the export: %s"), g_strerror (saved));
      return FALSE;
    }
  g_string_truncate (state->line, 0);
  return TRUE;
}

static gboolean
write_event_cb (ChronoEvent  *event,
                gpointer      user_data,
                GError      **error)
{
  ExportState *state = user_data;
  GString *line = state->line;
  const ChronoDate *date = chrono_event_get_date (event);
  g_autofree char *time = chrono_date_time_to_string (date);

  chrono_csv_append_field (line, chrono_event_get_ref (event), ',');
  g_string_append_c (line, ',');
  append_date (line, date);
  g_string_append_c (line, ',');
  g_string_append (line, chrono_precision_to_string (chrono_date_get_precision (date)));
  g_string_append_c (line, ',');
  g_string_append (line, time != NULL ? time : "");
  g_string_append_c (line, ',');
  append_date (line, chrono_event_get_end_date (event));
  g_string_append_c (line, ',');
  chrono_csv_append_field (line, chrono_event_get_agency (event), ',');
  g_string_append_c (line, ',');
  chrono_csv_append_field (line, chrono_event_get_unit (event), ',');
  g_string_append_c (line, ',');
  append_list (line, chrono_event_get_subjects (event));
  g_string_append_c (line, ',');
  g_string_append (line, chrono_kind_to_string (chrono_event_get_kind (event)));
  g_string_append_c (line, ',');
  chrono_csv_append_field (line, chrono_event_get_summary (event), ',');
  g_string_append_c (line, ',');
  append_list (line, chrono_event_get_shared_with (event));
  g_string_append_c (line, ',');
  append_list (line, chrono_event_get_not_shared_with (event));
  g_string_append_c (line, ',');
  g_string_append (line, chrono_allocation_to_string (chrono_event_get_allocation (event)));
  g_string_append_c (line, ',');
  g_string_append (line, chrono_risk_to_string (chrono_event_get_risk (event)));
  g_string_append_c (line, ',');
  chrono_csv_append_field (line, chrono_event_get_source (event), ',');

  for (guint i = 0; i < state->extras->len; i++)
    {
      const char *value = chrono_event_lookup_extra (event, g_ptr_array_index (state->extras, i));

      g_string_append_c (line, ',');
      chrono_csv_append_field (line, value != NULL ? value : "", ',');
    }

  /* Batch small rows into one write. */
  if (line->len < 1 << 16)
    {
      g_string_append (line, "\r\n");
      return TRUE;
    }
  return flush_line (state, error);
}

gboolean
chrono_exchange_export (ChronoStore  *store,
                        const char   *path,
                        GError      **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *display = NULL;
  ExportState state = { 0 };
  gboolean ok;
  int fd;

  g_return_val_if_fail (CHRONO_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  tmp_path = g_strdup_printf ("%s.XXXXXX", path);
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  state.fp = fdopen (fd, "wb");
  state.line = g_string_sized_new (1 << 17);
  state.extras = g_ptr_array_new_with_free_func (g_free);

  ok = chrono_store_foreach_event (store, FALSE, collect_extras_cb, &state, error);
  if (ok)
    {
      for (guint i = 0; i < N_COLUMNS; i++)
        {
          if (i > 0)
            g_string_append_c (state.line, ',');
          g_string_append (state.line, column_names[i]);
        }
      for (guint i = 0; i < state.extras->len; i++)
        {
          g_string_append_c (state.line, ',');
          chrono_csv_append_field (state.line, g_ptr_array_index (state.extras, i), ',');
        }
      g_string_append (state.line, "\r\n");
      ok = chrono_store_foreach_event (store, FALSE, write_event_cb, &state, error);
    }
  if (ok && state.line->len > 0)
    {
      /* flush_line appends a terminator; strip the one already there. */
      g_string_truncate (state.line, state.line->len - 2);
      ok = flush_line (&state, error);
    }
  if (fflush (state.fp) != 0 || fsync (fileno (state.fp)) != 0)
    {
      if (ok)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Cannot write %s: %s"), display, g_strerror (saved));
        }
      ok = FALSE;
    }
  fclose (state.fp);

  if (ok && g_rename (tmp_path, path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write %s: %s"), display, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp_path);

  g_string_free (state.line, TRUE);
  g_ptr_array_unref (state.extras);
  return ok;
}
