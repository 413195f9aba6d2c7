/* fuzz-ods.c: bytes as an OpenDocument spreadsheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "chrono-ods-reader.h"
#include "fuzz-office.h"

/* Sheets read after the default one, each from its first row. */
#define MAX_SHEETS 8

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = fuzz_office_write_input ("input.ods", data, size);
  g_autoptr(ChronoOdsReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n_sheets;
  guint selected;

  reader = chrono_ods_reader_new_for_path (path, &error);
  if (reader == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  n_sheets = chrono_ods_reader_get_n_sheets (reader);
  selected = chrono_ods_reader_get_selected_sheet (reader);
  FUZZ_CHECK (n_sheets > 0);
  FUZZ_CHECK (selected < n_sheets);
  for (guint i = 0; i < n_sheets; i++)
    {
      const char *name = chrono_ods_reader_get_sheet_name (reader, i);

      FUZZ_CHECK (name != NULL && g_utf8_validate (name, -1, NULL));
    }

  /* The default sheet, as the importer reads it. */
  fuzz_drain_source (CHRONO_ROW_SOURCE (reader));

  /* Every sheet (a few), then the default one again from the start. */
  for (guint i = 0; i < MIN (n_sheets, MAX_SHEETS); i++)
    {
      g_autoptr(GError) select_error = NULL;

      if (chrono_ods_reader_select_sheet (reader, i, &select_error))
        {
          FUZZ_CHECK (chrono_ods_reader_get_selected_sheet (reader) == i);
          fuzz_drain_source (CHRONO_ROW_SOURCE (reader));
        }
      else
        {
          fuzz_check_error (select_error);
        }
    }
  {
    g_autoptr(GError) select_error = NULL;

    if (chrono_ods_reader_select_sheet (reader, selected, &select_error))
      fuzz_drain_source (CHRONO_ROW_SOURCE (reader));
    else
      fuzz_check_error (select_error);
  }
  return 0;
}
