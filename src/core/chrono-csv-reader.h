/* chrono-csv-reader.h: streaming RFC 4180 reader for the CSV/TSV agencies send
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chrono-row-source.h"

G_BEGIN_DECLS

#define CHRONO_CSV_ERROR (chrono_csv_error_quark ())

typedef enum
{
  CHRONO_CSV_ERROR_ENCODING,   /* bytes that are not valid in the detected encoding */
  CHRONO_CSV_ERROR_TOO_LARGE,  /* a field longer than CHRONO_CSV_MAX_FIELD */
  CHRONO_CSV_ERROR_BINARY,     /* NUL bytes or other signs this is not text */
  CHRONO_CSV_ERROR_SYNTAX,     /* e.g. a quoted field still open at end of file */
} ChronoCsvError;

/* A single cell longer than this is refused: no chronology entry is 1 MiB. */
#define CHRONO_CSV_MAX_FIELD (1024 * 1024)

/* Limits on one record (CHRONO_CSV_ERROR_TOO_LARGE), so that memory stays
 * bounded even when a stray quote or a wrong delimiter runs rows together. */
#define CHRONO_CSV_MAX_RECORD (16 * 1024 * 1024)
#define CHRONO_CSV_MAX_FIELDS 4096

typedef enum
{
  CHRONO_CSV_ENCODING_UTF8,
  CHRONO_CSV_ENCODING_UTF16LE,
  CHRONO_CSV_ENCODING_UTF16BE,
  CHRONO_CSV_ENCODING_WINDOWS1252,
} ChronoCsvEncoding;

#define CHRONO_TYPE_CSV_READER (chrono_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (ChronoCsvReader, chrono_csv_reader, CHRONO, CSV_READER, GObject)

GQuark             chrono_csv_error_quark          (void);

/* Opens @path (streamed in blocks, never loaded whole).  Detects the encoding
 * (BOM for UTF-8/UTF-16LE/UTF-16BE; otherwise UTF-8 if the first blocks are
 * valid UTF-8, else Windows-1252) and the delimiter (comma, semicolon or tab,
 * from the first lines, ignoring quoted text).  Fails only when the file
 * cannot be opened or is clearly binary.
 *
 * Encoding faults met later are reported by next_row() with the row:
 * - a file read as UTF-8 (no BOM) whose text so far was plain ASCII switches
 *   to Windows-1252 at the first byte that is not UTF-8 (ASCII reads the same
 *   in both, so nothing read before changes; get_encoding() then says so);
 *   once real UTF-8 has been seen, or with a UTF-8 BOM, such a byte is
 *   CHRONO_CSV_ERROR_ENCODING instead.  Cells are always valid UTF-8.
 * - unpaired UTF-16 surrogates or an odd byte count: CHRONO_CSV_ERROR_ENCODING.
 * - a NUL byte (U+0000 in UTF-16): CHRONO_CSV_ERROR_BINARY. */
ChronoCsvReader   *chrono_csv_reader_new_for_path  (const char       *path,
                                                    GError          **error);
ChronoCsvReader   *chrono_csv_reader_new_for_bytes (GBytes           *bytes,
                                                    GError          **error);
/* @delimiter 0 keeps detection. */
void               chrono_csv_reader_set_delimiter (ChronoCsvReader  *self,
                                                    char              delimiter);
char               chrono_csv_reader_get_delimiter (ChronoCsvReader  *self);
ChronoCsvEncoding  chrono_csv_reader_get_encoding  (ChronoCsvReader  *self);
const char        *chrono_csv_encoding_to_string   (ChronoCsvEncoding encoding);

/* Same contract as chrono_row_source_next_row() (ChronoCsvReader implements
 * ChronoRowSource).  CRLF, LF and lone CR all end records; quoted fields may
 * hold delimiters, doubled quotes and line breaks (kept as they were).
 * Lines with nothing on them are skipped (they still count for
 * @row_number).  A quote inside an unquoted field, or text after a closing
 * quote, is kept as it is.  Error messages start "Row N: " (N as in
 * @row_number, plus "(line M)" when the fault is further down a multi-line
 * record); after a fault every call fails again with the same error. */
gboolean           chrono_csv_reader_next_row      (ChronoCsvReader  *self,
                                                    GPtrArray       **cells,
                                                    guint64          *row_number,
                                                    GError          **error);

/* Appends @field to @out, quoted when it holds the delimiter, a quote, CR or
 * LF, or leading/trailing space (RFC 4180, quotes doubled).  Space means a
 * space or a tab; an empty or NULL @field appends nothing. */
void               chrono_csv_append_field         (GString          *out,
                                                    const char       *field,
                                                    char              delimiter);

G_END_DECLS
