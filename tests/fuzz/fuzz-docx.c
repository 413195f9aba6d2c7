/* fuzz-docx.c: bytes as a Word document with tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "chrono-docx-reader.h"
#include "fuzz-office.h"

/* Tables read after the default one, each from its first row. */
#define MAX_TABLES 8

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = fuzz_office_write_input ("input.docx", data, size);
  g_autoptr(ChronoDocxReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n_tables;
  guint selected;

  reader = chrono_docx_reader_new_for_path (path, &error);
  if (reader == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  n_tables = chrono_docx_reader_get_n_tables (reader);
  selected = chrono_docx_reader_get_selected_table (reader);
  FUZZ_CHECK (n_tables > 0);
  FUZZ_CHECK (selected < n_tables);
  for (guint i = 0; i < n_tables; i++)
    (void) chrono_docx_reader_get_table_n_rows (reader, i);

  /* The default table, as the importer reads it. */
  fuzz_drain_source (CHRONO_ROW_SOURCE (reader));

  /* Every table (a few), then the default one again from the start. */
  for (guint i = 0; i < MIN (n_tables, MAX_TABLES); i++)
    {
      g_autoptr(GError) select_error = NULL;

      if (chrono_docx_reader_select_table (reader, i, &select_error))
        {
          FUZZ_CHECK (chrono_docx_reader_get_selected_table (reader) == i);
          fuzz_drain_source (CHRONO_ROW_SOURCE (reader));
        }
      else
        {
          fuzz_check_error (select_error);
        }
    }
  {
    g_autoptr(GError) select_error = NULL;

    if (chrono_docx_reader_select_table (reader, selected, &select_error))
      fuzz_drain_source (CHRONO_ROW_SOURCE (reader));
    else
      fuzz_check_error (select_error);
  }
  return 0;
}
