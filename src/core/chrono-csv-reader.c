/* chrono-csv-reader.c: streaming RFC 4180 reader for the CSV/TSV agencies send
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-csv"

#include "chrono-csv-reader.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

/* The file is read in blocks of this size.  Only the current block (raw and
 * decoded) and the current record are ever held in memory. */
#define BLOCK_SIZE (64 * 1024)

/* Bytes of an incomplete character carried from one block to the next: at
 * most 3 for UTF-8, 3 for UTF-16 (a high surrogate plus an odd byte). */
#define CARRY_MAX 8

/* Decoded text can be longer than the raw bytes: Windows-1252 bytes become
 * up to 3 UTF-8 bytes, UTF-16 code units up to 3. */
#define CONV_SIZE (3 * (BLOCK_SIZE + CARRY_MAX))

/* How many records the delimiter detection looks at. */
#define SNIFF_RECORDS 20

typedef enum
{
  STATE_RECORD_START,   /* between records: blank lines are skipped here */
  STATE_FIELD_START,    /* a field begins with the next byte */
  STATE_UNQUOTED,       /* inside an unquoted field */
  STATE_QUOTED,         /* inside a quoted field */
  STATE_QUOTE_SEEN,     /* a quote inside a quoted field: closing or doubled? */
} ParseState;

enum
{
  CLASS_UNQUOTED_STOP = 1 << 0,   /* ends a run of unquoted text: delimiter, CR, LF */
  CLASS_QUOTED_STOP   = 1 << 1,   /* ends a run of quoted text: quote, CR, LF */
};

struct _ChronoCsvReader
{
  GObject            parent_instance;

  GInputStream      *stream;
  gboolean           stream_eof;

  /* Raw bytes of the current block; raw[raw_pos..raw_len) is not decoded yet
   * (an incomplete character waiting for the next block). */
  guint8            *raw;
  gsize              raw_len;
  gsize              raw_pos;

  /* Decoded UTF-8 text the parser consumes: points into raw (UTF-8 files)
   * or conv (everything else). */
  guint8            *conv;
  const guint8      *text;
  gsize              text_len;
  gsize              text_pos;

  ChronoCsvEncoding  encoding;
  gboolean           seen_non_ascii;

  /* A decoding fault found ahead of the parser.  It is raised once the
   * parser has used up the text before it, so that the row is exact. */
  gboolean           pending;
  ChronoCsvError     pending_code;
  char              *pending_reason;

  /* Once set, every further call fails with it. */
  GError            *fault;

  char               detected_delimiter;
  char               delimiter;
  guint8             classes[256];

  ParseState         state;
  gboolean           prev_cr;      /* the last byte consumed was a CR */
  guint64            line;         /* physical line of the next byte, 1-based */
  guint64            record_row;   /* line the current record started on */
  guint64            quote_line;   /* line the current quoted field started on */

  /* The current record: fields one after another, each NUL-terminated,
   * starting at the offsets in @offsets.  @cells points into it. */
  GString           *record;
  gsize             *offsets;
  guint              n_fields;
  guint              offsets_size;
  gsize              field_start;
  GPtrArray         *cells;
};

static void chrono_csv_reader_row_source_init (ChronoRowSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChronoCsvReader, chrono_csv_reader, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CHRONO_TYPE_ROW_SOURCE,
                                                      chrono_csv_reader_row_source_init))

G_DEFINE_QUARK (chrono-csv-error-quark, chrono_csv_error)

/* Windows-1252 0x80-0x9F.  The five bytes the code page leaves undefined
 * map to the C1 controls of the same value, as browsers do. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static void
chrono_csv_reader_dispose (GObject *object)
{
  ChronoCsvReader *self = CHRONO_CSV_READER (object);

  g_clear_object (&self->stream);

  G_OBJECT_CLASS (chrono_csv_reader_parent_class)->dispose (object);
}

static void
chrono_csv_reader_finalize (GObject *object)
{
  ChronoCsvReader *self = CHRONO_CSV_READER (object);

  g_clear_pointer (&self->raw, g_free);
  g_clear_pointer (&self->conv, g_free);
  self->text = NULL;
  g_clear_pointer (&self->pending_reason, g_free);
  g_clear_error (&self->fault);
  if (self->record != NULL)
    g_string_free (g_steal_pointer (&self->record), TRUE);
  g_clear_pointer (&self->offsets, g_free);
  g_clear_pointer (&self->cells, g_ptr_array_unref);

  G_OBJECT_CLASS (chrono_csv_reader_parent_class)->finalize (object);
}

static gboolean
chrono_csv_reader_row_source_next_row (ChronoRowSource  *source,
                                       GPtrArray       **cells,
                                       guint64          *row_number,
                                       GError          **error)
{
  return chrono_csv_reader_next_row (CHRONO_CSV_READER (source), cells, row_number, error);
}

static void
chrono_csv_reader_row_source_init (ChronoRowSourceInterface *iface)
{
  iface->next_row = chrono_csv_reader_row_source_next_row;
}

static void
chrono_csv_reader_class_init (ChronoCsvReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chrono_csv_reader_dispose;
  object_class->finalize = chrono_csv_reader_finalize;
}

static void
update_classes (ChronoCsvReader *self)
{
  memset (self->classes, 0, sizeof self->classes);
  self->classes['\r'] = CLASS_UNQUOTED_STOP | CLASS_QUOTED_STOP;
  self->classes['\n'] = CLASS_UNQUOTED_STOP | CLASS_QUOTED_STOP;
  self->classes['"'] |= CLASS_QUOTED_STOP;
  self->classes[(guint8) self->delimiter] |= CLASS_UNQUOTED_STOP;
}

static void
chrono_csv_reader_init (ChronoCsvReader *self)
{
  self->raw = g_malloc (BLOCK_SIZE + CARRY_MAX);
  self->conv = g_malloc (CONV_SIZE);
  self->encoding = CHRONO_CSV_ENCODING_UTF8;
  self->detected_delimiter = ',';
  self->delimiter = ',';
  self->state = STATE_RECORD_START;
  self->line = 1;
  self->record_row = 1;
  self->record = g_string_sized_new (1024);
  self->cells = g_ptr_array_sized_new (32);
  update_classes (self);
}

/* Errors ------------------------------------------------------------------ */

static guint64
current_row (ChronoCsvReader *self)
{
  return self->state == STATE_RECORD_START ? self->line : self->record_row;
}

/* Records a fault at @row (the record's first line) and @line (where the
 * trouble is), and makes it sticky: later calls fail the same way. */
static void
fail_full (ChronoCsvReader  *self,
           GError          **error,
           GQuark            domain,
           int               code,
           guint64           row,
           guint64           line,
           const char       *reason)
{
  g_clear_error (&self->fault);
  if (row != line)
    self->fault = g_error_new (domain, code,
                               "Row %" G_GUINT64_FORMAT " (line %" G_GUINT64_FORMAT "): %s",
                               row, line, reason);
  else
    self->fault = g_error_new (domain, code,
                               "Row %" G_GUINT64_FORMAT ": %s", row, reason);

  g_propagate_error (error, g_error_copy (self->fault));
}

/* Records a fault at the current position. */
static void
fail (ChronoCsvReader  *self,
      GError          **error,
      ChronoCsvError    code,
      const char       *reason)
{
  fail_full (self, error, CHRONO_CSV_ERROR, code, current_row (self), self->line, reason);
}

G_GNUC_PRINTF (3, 4)
static void
set_pending (ChronoCsvReader *self,
             ChronoCsvError   code,
             const char      *format,
             ...)
{
  va_list args;

  if (self->pending)
    return;

  self->pending = TRUE;
  self->pending_code = code;
  va_start (args, format);
  self->pending_reason = g_strdup_vprintf (format, args);
  va_end (args);
}

#define NUL_REASON \
  "there is a NUL byte (0x00) here, which never appears in text; the file " \
  "is damaged or is not a CSV file"

/* Decoding ---------------------------------------------------------------- */

/* Whether p[0..n) is the start of a multi-byte UTF-8 character that the next
 * bytes could complete. */
static gboolean
utf8_incomplete (const guint8 *p,
                 gsize         n)
{
  gsize need;

  if (n == 0)
    return FALSE;
  if (p[0] >= 0xC2 && p[0] <= 0xDF)
    need = 2;
  else if (p[0] >= 0xE0 && p[0] <= 0xEF)
    need = 3;
  else if (p[0] >= 0xF0 && p[0] <= 0xF4)
    need = 4;
  else
    return FALSE;

  if (n >= need)
    return FALSE;
  for (gsize i = 1; i < n; i++)
    if ((p[i] & 0xC0) != 0x80)
      return FALSE;

  return TRUE;
}

static gsize
put_utf8 (guint8   *out,
          gunichar  c)
{
  if (c < 0x80)
    {
      out[0] = c;
      return 1;
    }
  if (c < 0x800)
    {
      out[0] = 0xC0 | (c >> 6);
      out[1] = 0x80 | (c & 0x3F);
      return 2;
    }
  if (c < 0x10000)
    {
      out[0] = 0xE0 | (c >> 12);
      out[1] = 0x80 | ((c >> 6) & 0x3F);
      out[2] = 0x80 | (c & 0x3F);
      return 3;
    }
  out[0] = 0xF0 | (c >> 18);
  out[1] = 0x80 | ((c >> 12) & 0x3F);
  out[2] = 0x80 | ((c >> 6) & 0x3F);
  out[3] = 0x80 | (c & 0x3F);
  return 4;
}

static void
decode_windows1252 (ChronoCsvReader *self)
{
  const guint8 *p = self->raw + self->raw_pos;
  const guint8 *end = self->raw + self->raw_len;
  guint8 *out = self->conv;

  while (p < end)
    {
      guint8 b = *p;

      if (b < 0x80)
        {
          if (G_UNLIKELY (b == 0))
            {
              set_pending (self, CHRONO_CSV_ERROR_BINARY, NUL_REASON);
              break;
            }
          *out++ = b;
        }
      else
        {
          out += put_utf8 (out, b < 0xA0 ? cp1252_high[b - 0x80] : b);
        }
      p++;
    }

  self->raw_pos = p - self->raw;
  self->text = self->conv;
  self->text_len = out - self->conv;
}

/* Length of the leading run of ASCII bytes other than NUL, a word at a time. */
static gsize
ascii_prefix (const guint8 *p,
              gsize         n)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 v;

      memcpy (&v, p + i, sizeof v);
      /* A high bit set, or a zero byte. */
      if (((v | ((v - ones) & ~v)) & highs) != 0)
        break;
    }
  while (i < n && p[i] != 0 && p[i] < 0x80)
    i++;

  return i;
}

static void
decode_utf8 (ChronoCsvReader *self)
{
  const guint8 *start = self->raw + self->raw_pos;
  gsize avail = self->raw_len - self->raw_pos;
  gsize ascii = ascii_prefix (start, avail);
  gsize valid = ascii;

  if (ascii < avail)
    {
      const char *end = NULL;
      gsize rest;

      g_utf8_validate_len ((const char *) start + ascii, avail - ascii, &end);
      valid = (const guint8 *) end - start;
      rest = avail - valid;

      if (rest == 0)
        {
          /* all valid */
        }
      else if (start[valid] == 0)
        {
          set_pending (self, CHRONO_CSV_ERROR_BINARY, NUL_REASON);
        }
      else if (rest < 4 && utf8_incomplete (start + valid, rest))
        {
          if (self->stream_eof)
            set_pending (self, CHRONO_CSV_ERROR_ENCODING,
                         "the file ends in the middle of a UTF-8 character");
          /* else: keep the partial character for the next block */
        }
      else if (!self->seen_non_ascii && valid == ascii)
        {
          /* Everything so far was plain ASCII, which reads the same in
           * Windows-1252: this is a Windows-1252 file whose first accented
           * letter comes late.  Carry on in Windows-1252 from here. */
          g_debug ("byte 0x%02X is not UTF-8 and the text before it was ASCII: "
                   "reading the rest as Windows-1252", start[valid]);
          self->encoding = CHRONO_CSV_ENCODING_WINDOWS1252;
          decode_windows1252 (self);
          return;
        }
      else
        {
          set_pending (self, CHRONO_CSV_ERROR_ENCODING,
                       "byte 0x%02X is not valid UTF-8.  The start of the file "
                       "was read as UTF-8, so the file seems to mix text "
                       "encodings; save it again as UTF-8",
                       start[valid]);
        }

      /* Past the ASCII prefix, valid text starts with a multi-byte character. */
      if (valid > ascii)
        self->seen_non_ascii = TRUE;
    }

  self->raw_pos += valid;
  self->text = start;
  self->text_len = valid;
}

static void
decode_utf16 (ChronoCsvReader *self,
              gboolean         big_endian)
{
  const guint8 *p = self->raw + self->raw_pos;
  const guint8 *end = self->raw + self->raw_len;
  guint8 *out = self->conv;
  const int hi = big_endian ? 0 : 1;
  const int lo = big_endian ? 1 : 0;

  while (end - p >= 2)
    {
      gunichar u = ((gunichar) p[hi] << 8) | p[lo];

      if (u < 0x80)
        {
          if (G_UNLIKELY (u == 0))
            {
              set_pending (self, CHRONO_CSV_ERROR_BINARY, NUL_REASON);
              break;
            }
          *out++ = u;
          p += 2;
        }
      else if (u >= 0xD800 && u <= 0xDBFF)
        {
          gunichar low;

          if (end - p < 4)
            {
              if (self->stream_eof)
                set_pending (self, CHRONO_CSV_ERROR_ENCODING,
                             "the file ends with the first half of a UTF-16 "
                             "surrogate pair (0x%04X); the text is cut short",
                             u);
              /* else: complete the pair with the next block */
              break;
            }
          low = ((gunichar) p[2 + hi] << 8) | p[2 + lo];
          if (low < 0xDC00 || low > 0xDFFF)
            {
              set_pending (self, CHRONO_CSV_ERROR_ENCODING,
                           "the UTF-16 code unit 0x%04X (the first half of a "
                           "surrogate pair) is not followed by a second half; "
                           "the text is damaged",
                           u);
              break;
            }
          out += put_utf8 (out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
          p += 4;
        }
      else if (u >= 0xDC00 && u <= 0xDFFF)
        {
          set_pending (self, CHRONO_CSV_ERROR_ENCODING,
                       "the UTF-16 code unit 0x%04X (the second half of a "
                       "surrogate pair) has no first half; the text is damaged",
                       u);
          break;
        }
      else
        {
          out += put_utf8 (out, u);
          p += 2;
        }
    }

  if (!self->pending && self->stream_eof && end - p == 1)
    set_pending (self, CHRONO_CSV_ERROR_ENCODING,
                 "the file ends with a stray byte: UTF-16 text always has an "
                 "even number of bytes, so the file is cut short or damaged");

  self->raw_pos = p - self->raw;
  self->text = self->conv;
  self->text_len = out - self->conv;
}

static void
decode (ChronoCsvReader *self)
{
  self->text_pos = 0;
  self->text_len = 0;

  switch (self->encoding)
    {
    case CHRONO_CSV_ENCODING_UTF8:
      decode_utf8 (self);
      break;
    case CHRONO_CSV_ENCODING_UTF16LE:
      decode_utf16 (self, FALSE);
      break;
    case CHRONO_CSV_ENCODING_UTF16BE:
      decode_utf16 (self, TRUE);
      break;
    case CHRONO_CSV_ENCODING_WINDOWS1252:
      decode_windows1252 (self);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Appends up to BLOCK_SIZE bytes from the stream to raw. */
static gboolean
read_block (ChronoCsvReader  *self,
            GError          **error)
{
  gsize n = 0;

  g_assert (self->raw_len + BLOCK_SIZE <= BLOCK_SIZE + CARRY_MAX);

  if (!g_input_stream_read_all (self->stream, self->raw + self->raw_len, BLOCK_SIZE,
                                &n, NULL, error))
    return FALSE;

  self->raw_len += n;
  if (n < BLOCK_SIZE)
    {
      self->stream_eof = TRUE;
      /* Release the file early; nothing more will be read. */
      g_input_stream_close (self->stream, NULL, NULL);
    }

  return TRUE;
}

/* Replaces the (used up) text with the next decoded block.  Returns FALSE
 * on a fault; on TRUE, text_len == 0 means the end of the file. */
static gboolean
refill (ChronoCsvReader  *self,
        GError          **error)
{
  self->text_pos = 0;
  self->text_len = 0;

  while (self->text_len == 0)
    {
      gsize carry;

      if (self->pending)
        {
          fail (self, error, self->pending_code, self->pending_reason);
          return FALSE;
        }

      carry = self->raw_len - self->raw_pos;
      if (self->stream_eof && carry == 0)
        return TRUE;

      if (carry > 0 && self->raw_pos > 0)
        memmove (self->raw, self->raw + self->raw_pos, carry);
      self->raw_len = carry;
      self->raw_pos = 0;

      if (!self->stream_eof)
        {
          g_autoptr(GError) local_error = NULL;

          if (!read_block (self, &local_error))
            {
              g_autofree char *reason = g_strdup_printf ("the file could not be read: %s",
                                                         local_error->message);

              /* Keep the I/O error's own domain and code for the caller. */
              fail_full (self, error, local_error->domain, local_error->code,
                         current_row (self), self->line, reason);
              return FALSE;
            }
        }

      decode (self);
    }

  return TRUE;
}

/* Detection ----------------------------------------------------------------- */

/* Counts line breaks before p[at], as the parser would (ignoring quotes). */
static guint64
line_of_offset (const guint8 *p,
                gsize         at)
{
  guint64 line = 1;

  for (gsize i = 0; i < at; i++)
    if (p[i] == '\n' || (p[i] == '\r' && (i + 1 >= at || p[i + 1] != '\n')))
      line++;

  return line;
}

/* Fails on files that are clearly not text: known binary formats, or a
 * first block full of NUL bytes or control characters. */
static gboolean
check_not_binary (ChronoCsvReader  *self,
                  GError          **error)
{
  static const struct
  {
    const char *magic;
    gsize len;
    const char *what;
  } formats[] = {
    { "PK\003\004", 4, N_("a ZIP archive (for example an Excel .xlsx or Word .docx file)") },
    { "\320\317\021\340\241\261\032\341", 8, N_("an old-style Office document (.xls or .doc)") },
    { "%PDF-", 5, N_("a PDF document") },
    { "\037\213", 2, N_("a gzip-compressed file") },
  };
  const guint8 *p = self->raw;
  gsize n = self->raw_len;
  gsize nuls = 0, controls = 0, nul_even = 0;
  gsize first_bad = G_MAXSIZE;

  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (n >= formats[i].len && memcmp (p, formats[i].magic, formats[i].len) == 0)
        {
          g_set_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_BINARY,
                       _("Row 1: the file is %s, not CSV text; save or export it "
                         "as CSV first"),
                       _(formats[i].what));
          return FALSE;
        }
    }

  for (gsize i = 0; i < n; i++)
    {
      guint8 b = p[i];

      if (b >= 0x20 || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v' || b == 0x1A)
        continue;
      if (b == 0)
        {
          nuls++;
          if (i % 2 == 0)
            nul_even++;
        }
      else
        {
          controls++;
        }
      if (first_bad == G_MAXSIZE)
        first_bad = i;
    }

  /* A stray NUL in text is reported later, with its row; here only files
   * that are largely not text are refused. */
  if ((nuls > 16 && nuls * 500 > n) || (controls > 16 && controls * 20 > n))
    {
      guint64 line = line_of_offset (p, first_bad);
      const char *hint = "";

      if (nuls * 4 > n && (nul_even * 10 < nuls || nul_even * 10 > nuls * 9))
        /* Translators: ends the message "Row 1: the file is not text: …" */
        hint = _("; it may be UTF-16 text saved without a byte-order mark, so "
                 "save it again as UTF-8");

      if (nuls > 0)
        g_set_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_BINARY,
                     _("Row %" PRIu64 ": the file is not text: %zu of its first %zu bytes "
                       "are NUL bytes (0x00)%s"),
                     line, nuls, n, hint);
      else
        g_set_error (error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_BINARY,
                     _("Row %" PRIu64 ": the file is not text: %zu of its first %zu bytes "
                       "are control characters%s"),
                     line, controls, n, hint);
      return FALSE;
    }

  return TRUE;
}

/* Whether the probe block reads as UTF-8 (NUL bytes aside: they are
 * reported with their row later). */
static gboolean
probe_utf8 (const guint8 *p,
            gsize         n,
            gboolean      at_eof)
{
  while (n > 0)
    {
      const char *end = NULL;
      gsize valid;

      if (g_utf8_validate_len ((const char *) p, n, &end))
        return TRUE;

      valid = (const guint8 *) end - p;
      if (p[valid] == 0)
        {
          p += valid + 1;
          n -= valid + 1;
          continue;
        }

      return !at_eof && n - valid < 4 && utf8_incomplete (p + valid, n - valid);
    }

  return TRUE;
}

static void
detect_encoding (ChronoCsvReader *self)
{
  const guint8 *p = self->raw;
  gsize n = self->raw_len;

  if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    {
      self->encoding = CHRONO_CSV_ENCODING_UTF8;
      self->raw_pos = 3;
      self->seen_non_ascii = TRUE;   /* it says UTF-8: never fall back */
    }
  else if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE)
    {
      self->encoding = CHRONO_CSV_ENCODING_UTF16LE;
      self->raw_pos = 2;
    }
  else if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF)
    {
      self->encoding = CHRONO_CSV_ENCODING_UTF16BE;
      self->raw_pos = 2;
    }
  else if (probe_utf8 (p, n, self->stream_eof))
    {
      self->encoding = CHRONO_CSV_ENCODING_UTF8;
    }
  else
    {
      self->encoding = CHRONO_CSV_ENCODING_WINDOWS1252;
    }
}

/* Picks comma, semicolon or tab from the first records of @p: the one every
 * record has equally often (at least once), outside quoted text. */
static char
sniff_delimiter (const guint8 *p,
                 gsize         n,
                 gboolean      whole)
{
  static const char candidates[3] = { '\t', ';', ',' };   /* preferred on a tie */
  guint counts[SNIFF_RECORDS][3];
  guint current[3] = { 0, 0, 0 };
  guint n_records = 0;
  gboolean in_quotes = FALSE;
  gboolean field_start = TRUE;
  gboolean empty = TRUE;
  int best = -1;
  guint best_score = 0;

  for (gsize i = 0; i < n && n_records < SNIFF_RECORDS; i++)
    {
      guint8 c = p[i];

      if (in_quotes)
        {
          if (c == '"')
            {
              if (i + 1 < n && p[i + 1] == '"')
                i++;
              else
                in_quotes = FALSE;
            }
          continue;
        }

      if (c == '\r' || c == '\n')
        {
          if (!empty)
            memcpy (counts[n_records++], current, sizeof current);
          memset (current, 0, sizeof current);
          empty = TRUE;
          field_start = TRUE;
          continue;
        }

      empty = FALSE;
      if (c == '"' && field_start)
        {
          in_quotes = TRUE;
          continue;
        }

      field_start = FALSE;
      for (guint k = 0; k < 3; k++)
        {
          if (c == candidates[k])
            {
              current[k]++;
              field_start = TRUE;
            }
        }
    }

  /* A record cut off by the end of the sample only counts if it is all we have. */
  if (!empty && n_records < SNIFF_RECORDS && (whole || n_records == 0))
    memcpy (counts[n_records++], current, sizeof current);

  /* A delimiter every record has the same number of times (the most fields wins). */
  for (guint k = 0; k < 3; k++)
    {
      gboolean consistent = n_records > 0 && counts[0][k] > 0;

      for (guint r = 1; consistent && r < n_records; r++)
        consistent = counts[r][k] == counts[0][k];
      if (consistent && counts[0][k] > best_score)
        {
          best = k;
          best_score = counts[0][k];
        }
    }
  if (best >= 0)
    return candidates[best];

  /* Otherwise the one that most records agree on. */
  for (guint k = 0; k < 3; k++)
    {
      for (guint r = 0; r < n_records; r++)
        {
          guint agree = 0;

          if (counts[r][k] == 0)
            continue;
          for (guint s = 0; s < n_records; s++)
            if (counts[s][k] == counts[r][k])
              agree++;
          if (agree > best_score)
            {
              best = k;
              best_score = agree;
            }
        }
    }

  return best >= 0 ? candidates[best] : ',';
}

static ChronoCsvReader *
chrono_csv_reader_new_for_stream (GInputStream  *stream,
                                  GError       **error)
{
  g_autoptr(ChronoCsvReader) self = g_object_new (CHRONO_TYPE_CSV_READER, NULL);

  self->stream = g_object_ref (stream);

  if (!read_block (self, error))
    return NULL;

  if (self->raw_len == 0)
    return g_steal_pointer (&self);   /* empty file: no rows */

  detect_encoding (self);
  if (self->encoding != CHRONO_CSV_ENCODING_UTF16LE &&
      self->encoding != CHRONO_CSV_ENCODING_UTF16BE &&
      !check_not_binary (self, error))
    return NULL;

  decode (self);

  self->detected_delimiter = sniff_delimiter (self->text, self->text_len,
                                              self->stream_eof &&
                                              (self->pending || self->raw_pos == self->raw_len));
  self->delimiter = self->detected_delimiter;
  update_classes (self);

  g_debug ("encoding %s, delimiter 0x%02X",
           chrono_csv_encoding_to_string (self->encoding), (guint) self->delimiter);

  return g_steal_pointer (&self);
}

ChronoCsvReader *
chrono_csv_reader_new_for_path (const char  *path,
                                GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;

  return chrono_csv_reader_new_for_stream (G_INPUT_STREAM (stream), error);
}

ChronoCsvReader *
chrono_csv_reader_new_for_bytes (GBytes  *bytes,
                                 GError **error)
{
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_memory_input_stream_new_from_bytes (bytes);

  return chrono_csv_reader_new_for_stream (stream, error);
}

void
chrono_csv_reader_set_delimiter (ChronoCsvReader *self,
                                 char             delimiter)
{
  g_return_if_fail (CHRONO_IS_CSV_READER (self));
  g_return_if_fail (delimiter != '"' && delimiter != '\r' && delimiter != '\n');
  g_return_if_fail ((guchar) delimiter < 0x80);

  self->delimiter = delimiter != 0 ? delimiter : self->detected_delimiter;
  update_classes (self);
}

char
chrono_csv_reader_get_delimiter (ChronoCsvReader *self)
{
  g_return_val_if_fail (CHRONO_IS_CSV_READER (self), ',');

  return self->delimiter;
}

ChronoCsvEncoding
chrono_csv_reader_get_encoding (ChronoCsvReader *self)
{
  g_return_val_if_fail (CHRONO_IS_CSV_READER (self), CHRONO_CSV_ENCODING_UTF8);

  return self->encoding;
}

const char *
chrono_csv_encoding_to_string (ChronoCsvEncoding encoding)
{
  switch (encoding)
    {
    case CHRONO_CSV_ENCODING_UTF8:
      return "UTF-8";
    case CHRONO_CSV_ENCODING_UTF16LE:
      return "UTF-16LE";
    case CHRONO_CSV_ENCODING_UTF16BE:
      return "UTF-16BE";
    case CHRONO_CSV_ENCODING_WINDOWS1252:
      return "Windows-1252";
    default:
      return "unknown";
    }
}

/* Parsing ------------------------------------------------------------------- */

/* Makes room for @extra more bytes, and a terminating NUL, in the record.
 * The record is filled with memcpy() rather than g_string_append_len(): this
 * is the hot path. */
static inline void
record_reserve (ChronoCsvReader *self,
                gsize            extra)
{
  GString *record = self->record;

  if (G_UNLIKELY (record->len + extra + 1 > record->allocated_len))
    {
      gsize len = record->len;

      g_string_set_size (record, len + extra);
      g_string_truncate (record, len);
    }
}

static inline gboolean
begin_field (ChronoCsvReader  *self,
             GError          **error)
{
  if (G_UNLIKELY (self->n_fields == self->offsets_size))
    {
      if (self->n_fields >= CHRONO_CSV_MAX_FIELDS)
        {
          g_autofree char *reason =
            g_strdup_printf ("the row has more than %d fields, far more than any "
                             "chronology; the delimiter or the quoting is probably wrong",
                             CHRONO_CSV_MAX_FIELDS);

          fail (self, error, CHRONO_CSV_ERROR_TOO_LARGE, reason);
          return FALSE;
        }
      self->offsets_size = MIN (MAX (2 * self->offsets_size, 32), CHRONO_CSV_MAX_FIELDS);
      self->offsets = g_renew (gsize, self->offsets, self->offsets_size);
    }

  self->field_start = self->record->len;
  self->offsets[self->n_fields++] = self->field_start;

  return TRUE;
}

static void
fail_too_large (ChronoCsvReader  *self,
                GError          **error)
{
  g_autofree char *reason = NULL;

  if (self->record->len - self->field_start > CHRONO_CSV_MAX_FIELD)
    {
      const char *hint = "";

      if (self->state == STATE_QUOTED || self->state == STATE_QUOTE_SEEN)
        hint = "; a quote that is never closed may have swallowed the rows after it";
      reason = g_strdup_printf ("field %u is longer than %d bytes, the most a single "
                                "cell may hold%s",
                                self->n_fields, CHRONO_CSV_MAX_FIELD, hint);
    }
  else
    {
      reason = g_strdup_printf ("the row is longer than %d bytes, the most a single "
                                "row may hold",
                                CHRONO_CSV_MAX_RECORD);
    }

  fail (self, error, CHRONO_CSV_ERROR_TOO_LARGE, reason);
}

static inline gboolean
check_size (ChronoCsvReader  *self,
            GError          **error)
{
  if (G_UNLIKELY (self->record->len - self->field_start > CHRONO_CSV_MAX_FIELD ||
                  self->record->len > CHRONO_CSV_MAX_RECORD))
    {
      fail_too_large (self, error);
      return FALSE;
    }

  return TRUE;
}

/* Appends text to the current field, minding the limits.  A run is never
 * longer than a decoded block, so the record cannot outgrow the limits by
 * more than that before it is refused. */
static inline gboolean
append (ChronoCsvReader  *self,
        const guint8     *p,
        gsize             n,
        GError          **error)
{
  GString *record = self->record;

  record_reserve (self, n);
  memcpy (record->str + record->len, p, n);
  record->len += n;

  return check_size (self, error);
}

static inline gboolean
append_byte (ChronoCsvReader  *self,
             guint8            c,
             GError          **error)
{
  GString *record = self->record;

  record_reserve (self, 1);
  record->str[record->len++] = c;

  return check_size (self, error);
}

/* Ends the current field with a NUL (fields are stored one after another). */
static inline void
end_field (ChronoCsvReader *self)
{
  GString *record = self->record;

  record_reserve (self, 1);
  record->str[record->len++] = '\0';
}

/* Makes cells point at the fields of the finished record. */
static void
end_record (ChronoCsvReader *self)
{
  guint n = self->n_fields;
  char *str = self->record->str;

  str[self->record->len] = '\0';   /* keep the GString well-formed */
  g_ptr_array_set_size (self->cells, n);
  for (guint i = 0; i < n; i++)
    self->cells->pdata[i] = str + self->offsets[i];
}

/* Counts a line break: CR, LF, and CRLF as one. */
static inline void
count_break (ChronoCsvReader *self,
             guint8           c)
{
  if (c == '\r')
    {
      self->line++;
      self->prev_cr = TRUE;
    }
  else
    {
      if (!self->prev_cr)
        self->line++;
      self->prev_cr = FALSE;
    }
}

/* Returns 1 with a record in cells, 0 at the end, -1 on a fault. */
static int
read_record (ChronoCsvReader  *self,
             GError          **error)
{
  const guint8 *classes = self->classes;
  const guint8 delimiter = (guint8) self->delimiter;

  g_string_truncate (self->record, 0);
  self->n_fields = 0;
  self->field_start = 0;
  self->state = STATE_RECORD_START;

  for (;;)
    {
      const guint8 *p;
      const guint8 *end;

      if (self->text_pos >= self->text_len)
        {
          if (!refill (self, error))
            return -1;
          if (self->text_len == 0)
            break;
        }

      p = self->text + self->text_pos;
      end = self->text + self->text_len;

      while (p < end)
        {
          const guint8 *run;
          guint8 c;

          switch (self->state)
            {
            case STATE_RECORD_START:
              c = *p;
              if (c == '\n' || c == '\r')
                {
                  /* A blank line, or the LF of a CRLF that ended the last record. */
                  count_break (self, c);
                  p++;
                  break;
                }
              self->record_row = self->line;
              self->state = STATE_FIELD_START;
              G_GNUC_FALLTHROUGH;

            case STATE_FIELD_START:
              if (!begin_field (self, error))
                return -1;
              self->prev_cr = FALSE;
              if (*p == '"')
                {
                  self->quote_line = self->line;
                  self->state = STATE_QUOTED;
                  p++;
                  break;
                }
              self->state = STATE_UNQUOTED;
              G_GNUC_FALLTHROUGH;

            case STATE_UNQUOTED:
              run = p;
              while (p < end && !(classes[*p] & CLASS_UNQUOTED_STOP))
                p++;
              if (p > run)
                {
                  if (!append (self, run, p - run, error))
                    return -1;
                  self->prev_cr = FALSE;
                }
              if (p == end)
                break;
              c = *p++;
              end_field (self);
              if (c == delimiter)
                {
                  self->state = STATE_FIELD_START;
                  break;
                }
              count_break (self, c);
              self->text_pos = p - self->text;
              goto record_done;

            case STATE_QUOTED:
              run = p;
              while (p < end && !(classes[*p] & CLASS_QUOTED_STOP))
                p++;
              if (p > run)
                {
                  if (!append (self, run, p - run, error))
                    return -1;
                  self->prev_cr = FALSE;
                }
              if (p == end)
                break;
              c = *p++;
              if (c == '"')
                {
                  self->prev_cr = FALSE;
                  self->state = STATE_QUOTE_SEEN;
                  break;
                }
              /* A line break inside quotes is part of the field. */
              if (!append_byte (self, c, error))
                return -1;
              count_break (self, c);
              break;

            case STATE_QUOTE_SEEN:
              c = *p++;
              if (c == '"')
                {
                  /* A doubled quote stands for one quote. */
                  if (!append_byte (self, c, error))
                    return -1;
                  self->state = STATE_QUOTED;
                  break;
                }
              if (c == delimiter)
                {
                  end_field (self);
                  self->state = STATE_FIELD_START;
                  break;
                }
              if (c == '\r' || c == '\n')
                {
                  end_field (self);
                  count_break (self, c);
                  self->text_pos = p - self->text;
                  goto record_done;
                }
              /* Text after the closing quote: keep it, as spreadsheets do. */
              if (!append_byte (self, c, error))
                return -1;
              self->prev_cr = FALSE;
              self->state = STATE_UNQUOTED;
              break;

            default:
              g_assert_not_reached ();
            }
        }

      self->text_pos = self->text_len;
    }

  /* End of the file. */
  switch (self->state)
    {
    case STATE_RECORD_START:
      return 0;

    case STATE_FIELD_START:
      /* "a,b," at the very end: the last field is empty. */
      if (!begin_field (self, error))
        return -1;
      end_field (self);
      break;

    case STATE_UNQUOTED:
    case STATE_QUOTE_SEEN:
      end_field (self);
      break;

    case STATE_QUOTED:
      {
        g_autofree char *reason = NULL;

        if (self->quote_line != self->record_row)
          reason = g_strdup_printf ("a quoted field that begins on line %" G_GUINT64_FORMAT
                                    " is never closed: the file ends inside its quotes; "
                                    "look for a missing or stray double quote (\")",
                                    self->quote_line);
        else
          reason = g_strdup ("a quoted field that begins on this row is never closed: "
                             "the file ends inside its quotes; look for a missing or "
                             "stray double quote (\")");
        /* Name the row where the field began, not the end of the file. */
        fail_full (self, error, CHRONO_CSV_ERROR, CHRONO_CSV_ERROR_SYNTAX,
                   self->record_row, self->quote_line, reason);
        return -1;
      }

    default:
      g_assert_not_reached ();
    }

  end_record (self);
  self->state = STATE_RECORD_START;
  return 1;

record_done:
  end_record (self);
  self->state = STATE_RECORD_START;
  return 1;
}

gboolean
chrono_csv_reader_next_row (ChronoCsvReader  *self,
                            GPtrArray       **cells,
                            guint64          *row_number,
                            GError          **error)
{
  g_return_val_if_fail (CHRONO_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (cells != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *cells = NULL;

  if (self->fault != NULL)
    {
      g_propagate_error (error, g_error_copy (self->fault));
      return FALSE;
    }

  if (read_record (self, error) <= 0)
    return FALSE;

  *cells = self->cells;
  if (row_number != NULL)
    *row_number = self->record_row;

  return TRUE;
}

void
chrono_csv_append_field (GString    *out,
                         const char *field,
                         char        delimiter)
{
  gsize len;
  gboolean quote;

  g_return_if_fail (out != NULL);

  if (field == NULL)
    field = "";
  len = strlen (field);

  quote = len > 0 && (field[0] == ' ' || field[0] == '\t' ||
                      field[len - 1] == ' ' || field[len - 1] == '\t');
  for (gsize i = 0; !quote && i < len; i++)
    {
      char c = field[i];

      quote = c == delimiter || c == '"' || c == '\r' || c == '\n';
    }

  if (!quote)
    {
      g_string_append_len (out, field, len);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0';)
    {
      const char *q = strchr (p, '"');

      if (q == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, q - p + 1);
      g_string_append_c (out, '"');
      p = q + 1;
    }
  g_string_append_c (out, '"');
}
