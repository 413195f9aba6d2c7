/* fuzz-common.h: shared helpers for the libFuzzer harnesses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chrono-aliases.h"
#include "chrono-columns.h"
#include "chrono-date.h"
#include "chrono-event.h"
#include "chrono-exchange.h"
#include "chrono-row-mapper.h"
#include "chrono-row-source.h"

/* The importer looks for its header among this many rows. */
#define FUZZ_HEADER_ROWS 30

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);

/* An invariant of the code under test is broken: stop with a report
 * libFuzzer records as a crash, with the input that caused it. */
#define FUZZ_CHECK(cond) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        fprintf (stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
        abort (); \
      } \
  } G_STMT_END

static char *fuzz_dir;

/* GLib's criticals and warnings are bugs too.  GLib would stop on them with
 * a breakpoint trap, which libFuzzer does not catch: abort instead, so the
 * input is saved. */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  GLogWriterOutput out = g_log_writer_default (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return out;
}

static inline void
fuzz_remove_dir (void)
{
  GDir *dir;
  const char *name;

  if (fuzz_dir == NULL)
    return;
  dir = g_dir_open (fuzz_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fuzz_dir, name, NULL);
      g_unlink (path);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (fuzz_dir);
  g_clear_pointer (&fuzz_dir, g_free);
}

/* A private scratch directory for this process, removed at exit. */
static inline const char *
fuzz_scratch_dir (void)
{
  if (fuzz_dir == NULL)
    {
      fuzz_dir = g_dir_make_tmp ("chrono-fuzz-XXXXXX", NULL);
      if (fuzz_dir == NULL)
        abort ();
      atexit (fuzz_remove_dir);
      g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
    }
  return fuzz_dir;
}

/* Writes @data to a file called @name in the scratch directory; returns
 * its path (owned by the caller). */
static inline char *
fuzz_write_file (const char    *name,
                 const uint8_t *data,
                 size_t         size)
{
  char *path = g_build_filename (fuzz_scratch_dir (), name, NULL);
  FILE *fp = fopen (path, "wb");

  if (fp == NULL || (size > 0 && fwrite (data, 1, size, fp) != size) || fclose (fp) != 0)
    {
      fprintf (stderr, "cannot write %s: %s\n", path, g_strerror (errno));
      abort ();
    }
  return path;
}

/* Checks what every reader promises about a failure: a message that says
 * something, in UTF-8. */
static inline void
fuzz_check_error (const GError *error)
{
  FUZZ_CHECK (error != NULL);
  FUZZ_CHECK (error->message != NULL && error->message[0] != '\0');
  if (g_getenv ("FUZZ_VERBOSE") != NULL || !g_utf8_validate (error->message, -1, NULL))
    {
      g_autofree char *escaped = g_strescape (error->message, NULL);
      fprintf (stderr, "error: %s\n", escaped);
    }
  FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
}

static inline GPtrArray *
fuzz_copy_cells (GPtrArray *cells)
{
  GPtrArray *copy = g_ptr_array_new_full (cells->len, g_free);

  for (guint i = 0; i < cells->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (cells, i)));
  return copy;
}

/* Maps one row as the importer does; an event that comes out is one the
 * case could hold: a real date, UTF-8 text. */
static inline void
fuzz_map_row (ChronoRowMapper *mapper,
              ChronoEvent     *event,
              GPtrArray       *cells,
              guint64          row)
{
  g_autofree char *reason = NULL;

  if (chrono_row_mapper_map (mapper, cells, row, event, &reason))
    {
      const ChronoDate *end = chrono_event_get_end_date (event);

      FUZZ_CHECK (chrono_date_is_valid (chrono_event_get_date (event)));
      FUZZ_CHECK (!chrono_date_is_set (end) || chrono_date_is_valid (end));
      FUZZ_CHECK (g_utf8_validate (chrono_event_get_summary (event), -1, NULL));
      FUZZ_CHECK (g_utf8_validate (chrono_event_get_agency (event), -1, NULL));
    }
  else
    {
      FUZZ_CHECK (reason == NULL || g_utf8_validate (reason, -1, NULL));
    }
}

/* Reads every row of @source as the importer would: the first rows are
 * searched for a header, and every row after it is mapped to an event (in
 * memory; no case file).  Checks the ChronoRowSource contract on the way:
 * cells are non-NULL UTF-8, a failure sets an error that says something,
 * and no row follows a failure.  Returns the number of rows read. */
static inline guint
fuzz_drain_source (ChronoRowSource *source)
{
  g_autoptr(GPtrArray) buffered = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(ChronoRowMapper) mapper = NULL;
  g_autoptr(ChronoAliases) aliases = NULL;
  g_autoptr(ChronoEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *cells = NULL;
  guint64 row = 0;
  guint n_rows = 0;
  guint header = 0;
  int best = 0;

  while (chrono_row_source_next_row (source, &cells, &row, &error))
    {
      FUZZ_CHECK (error == NULL);
      FUZZ_CHECK (cells != NULL);
      for (guint i = 0; i < cells->len; i++)
        {
          const char *cell = g_ptr_array_index (cells, i);

          FUZZ_CHECK (cell != NULL);
          FUZZ_CHECK (g_utf8_validate (cell, -1, NULL));
        }
      n_rows++;

      if (buffered->len < FUZZ_HEADER_ROWS && mapper == NULL)
        {
          int score = chrono_columns_header_score (cells);

          g_ptr_array_add (buffered, fuzz_copy_cells (cells));
          if (score > best)
            {
              best = score;
              header = buffered->len - 1;
            }
          if (buffered->len == FUZZ_HEADER_ROWS && best > 0)
            {
              GPtrArray *names = g_ptr_array_index (buffered, header);

              aliases = chrono_aliases_new ();
              event = chrono_event_new ();
              mapper = chrono_row_mapper_new (names, chrono_exchange_is_header (names), aliases,
                                              "fuzz.csv", NULL);
              g_ptr_array_unref (chrono_row_mapper_describe (mapper));
              for (guint i = header + 1; i < buffered->len; i++)
                fuzz_map_row (mapper, event, g_ptr_array_index (buffered, i), i);
            }
        }
      else if (mapper != NULL)
        {
          fuzz_map_row (mapper, event, cells, row);
        }
    }
  if (error != NULL)
    {
      g_autoptr(GError) again = NULL;

      fuzz_check_error (error);
      /* No more rows after a fault. */
      FUZZ_CHECK (!chrono_row_source_next_row (source, &cells, &row, &again));
    }

  /* A short table: map what was buffered, as the importer does at the end
   * of the file. */
  if (mapper == NULL && best > 0)
    {
      GPtrArray *names = g_ptr_array_index (buffered, header);

      aliases = chrono_aliases_new ();
      event = chrono_event_new ();
      mapper = chrono_row_mapper_new (names, chrono_exchange_is_header (names), aliases,
                                      "fuzz.csv", "Police");
      chrono_row_mapper_set_order (mapper, CHRONO_DATE_ORDER_MDY);
      for (guint i = header + 1; i < buffered->len; i++)
        fuzz_map_row (mapper, event, g_ptr_array_index (buffered, i), i);
    }

  /* FUZZ_VERBOSE=1 says what was read, to check that seeds get somewhere. */
  if (g_getenv ("FUZZ_VERBOSE") != NULL)
    fprintf (stderr, "rows: %u, header score %d at %u%s%s\n", n_rows, best, header,
             error != NULL ? "; error: " : "", error != NULL ? error->message : "");
  return n_rows;
}
