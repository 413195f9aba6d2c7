/* fuzz-office.h: fuzz inputs for the office readers (XLSX, ODS, DOCX)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <zip.h>

#include "fuzz-common.h"

/* Mutating a ZIP archive's compressed bytes rarely gets past its CRCs, so
 * the office harnesses take two kinds of input:
 *
 * - a ZIP archive (anything that does not start with FUZZ_PART_MARK), as it
 *   is: this fuzzes the ZIP layer and the format checks;
 * - a list of parts, each "==> NAME\n" then the part's bytes up to the next
 *   "\n==> " (or "==>~ NAME\n" for a deflated part), packed into a fresh
 *   archive: this fuzzes the XML the readers parse, byte by byte.
 *
 * tests/fuzz/zip-to-parts.py turns the office fixtures into the second
 * form for the seed corpus. */
#define FUZZ_PART_MARK "==>"
#define FUZZ_MAX_PARTS 64

static inline gboolean
fuzz_office_pack_parts (const char    *path,
                        const uint8_t *data,
                        size_t         size)
{
  const char *p = (const char *) data;
  const char *end = p + size;
  zip_t *archive;
  int zerr = 0;
  guint n_parts = 0;

  archive = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
  if (archive == NULL)
    abort ();

  while (p < end && n_parts < FUZZ_MAX_PARTS &&
         (size_t) (end - p) >= 4 && memcmp (p, FUZZ_PART_MARK, 3) == 0)
    {
      gboolean deflate = p[3] == '~';
      const char *name = p + (deflate ? 4 : 3);
      const char *name_end;
      const char *body;
      const char *next;
      g_autofree char *part = NULL;
      zip_source_t *source;
      zip_int64_t index;

      while (name < end && *name == ' ')
        name++;
      name_end = memchr (name, '\n', (size_t) (end - name));
      if (name_end == NULL)
        break;
      part = g_strndup (name, (gsize) (name_end - name));
      body = name_end + 1;
      next = body;
      while ((next = memchr (next, '\n', (size_t) (end - next))) != NULL &&
             !((size_t) (end - next) >= 4 && memcmp (next + 1, FUZZ_PART_MARK, 3) == 0))
        next++;
      if (next == NULL)
        next = end;

      source = zip_source_buffer (archive, body, (zip_uint64_t) (next - body), 0);
      if (source == NULL)
        abort ();
      index = zip_file_add (archive, part, source, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
      if (index < 0)
        {
          zip_source_free (source);
        }
      else
        {
          zip_set_file_compression (archive, (zip_uint64_t) index,
                                    deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 1);
          zip_file_set_mtime (archive, (zip_uint64_t) index, 0, 0);
          n_parts++;
        }
      p = next < end ? next + 1 : end;
    }

  if (n_parts == 0)
    {
      zip_discard (archive);
      return FALSE;
    }
  if (zip_close (archive) != 0)
    {
      zip_discard (archive);
      return FALSE;
    }
  return TRUE;
}

/* Writes the input as a file called @name; returns its path. */
static inline char *
fuzz_office_write_input (const char    *name,
                         const uint8_t *data,
                         size_t         size)
{
  if (size >= 4 && memcmp (data, FUZZ_PART_MARK, 3) == 0)
    {
      char *path = g_build_filename (fuzz_scratch_dir (), name, NULL);

      if (fuzz_office_pack_parts (path, data, size))
        return path;
      g_free (path);
    }
  return fuzz_write_file (name, data, size);
}
