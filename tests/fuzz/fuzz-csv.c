/* fuzz-csv.c: bytes as a CSV/TSV file agencies send
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "chrono-csv-reader.h"
#include "fuzz-common.h"

/* Reads every row of @bytes with the delimiter detected (@delimiter 0) or
 * forced, and writes each row back as CSV. */
static void
read_all (GBytes *bytes,
          char    delimiter)
{
  g_autoptr(ChronoCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GPtrArray *cells;
  guint64 row;
  guint64 last_row = 0;

  reader = chrono_csv_reader_new_for_bytes (bytes, &error);
  if (reader == NULL)
    {
      fuzz_check_error (error);
      return;
    }
  if (delimiter != 0)
    chrono_csv_reader_set_delimiter (reader, delimiter);
  FUZZ_CHECK (chrono_csv_encoding_to_string (chrono_csv_reader_get_encoding (reader)) != NULL);

  while (chrono_csv_reader_next_row (reader, &cells, &row, &error))
    {
      /* Records start on later lines than the ones before them. */
      FUZZ_CHECK (row > last_row);
      last_row = row;
      g_string_truncate (out, 0);
      for (guint i = 0; i < cells->len; i++)
        {
          const char *cell = g_ptr_array_index (cells, i);

          FUZZ_CHECK (cell != NULL);
          FUZZ_CHECK (strlen (cell) <= CHRONO_CSV_MAX_FIELD);
          FUZZ_CHECK (g_utf8_validate (cell, -1, NULL));
          if (i > 0)
            g_string_append_c (out, ',');
          chrono_csv_append_field (out, cell, ',');
        }
      FUZZ_CHECK (cells->len <= CHRONO_CSV_MAX_FIELDS);
    }
  if (error != NULL)
    {
      g_autoptr(GError) again = NULL;

      fuzz_check_error (error);
      FUZZ_CHECK (!chrono_csv_reader_next_row (reader, &cells, &row, &again));
      FUZZ_CHECK (again != NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char delimiters[] = { ',', ';', '\t' };
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  fuzz_scratch_dir ();

  /* As the app reads it: encoding and delimiter detected. */
  read_all (bytes, 0);
  /* With the delimiter a user might force. */
  read_all (bytes, delimiters[size % G_N_ELEMENTS (delimiters)]);

  /* Through the importer's path: header search and row mapping.  Every
   * eighth input also goes through a file, to cover the streamed reads. */
  {
    g_autoptr(ChronoCsvReader) reader = NULL;
    g_autoptr(GError) error = NULL;

    if (size % 8 == 0)
      {
        g_autofree char *path = fuzz_write_file ("input.csv", data, size);

        reader = chrono_csv_reader_new_for_path (path, &error);
      }
    else
      {
        reader = chrono_csv_reader_new_for_bytes (bytes, &error);
      }
    if (reader == NULL)
      fuzz_check_error (error);
    else
      fuzz_drain_source (CHRONO_ROW_SOURCE (reader));
  }
  return 0;
}
