/* chrono-xlsx-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-xlsx-reader"

#include "chrono-xlsx-reader.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define FORMAT_LABEL N_("an Excel workbook (.xlsx)")

typedef struct
{
  char     *name;
  char     *part;
  gboolean  hidden;
} XlsxSheet;

typedef enum
{
  CELL_NUMBER,
  CELL_SHARED,
  CELL_INLINE,
  CELL_BOOL,
  CELL_ERROR,
  CELL_STR,
  CELL_DATE,
} CellType;

/* One pass over one worksheet part. */
typedef struct
{
  ChronoXlsxReader *owner;
  ChronoXmlReader  *xml;
  ChronoRowBuilder  row;
  GString          *value;     /* <v> */
  GString          *inline_text;
  GString          *rendered;

  guint64           row_number;
  gint64            last_col;
  gboolean          in_sheet_data;
  gboolean          in_row;
  gboolean          finished;

  gboolean          in_cell;
  guint             col;
  guint             style;
  CellType          type;
  gboolean          in_v;
  gboolean          in_is;
  gboolean          in_t;
  gboolean          has_is;
  guint             rph_depth;
} SheetParser;

struct _ChronoXlsxReader
{
  GObject      parent_instance;

  ChronoZip   *zip;
  gboolean     date1904;
  GString     *sst_text;     /* shared strings, each NUL-terminated */
  GArray      *sst_offsets;  /* guint32 */
  GByteArray  *xf_kinds;     /* ChronoNumKind per cellXfs entry */
  GPtrArray   *sheets;       /* XlsxSheet */
  guint        selected;
  SheetParser *parser;       /* NULL once the selected sheet is done */
};

static void chrono_xlsx_reader_row_source_init (ChronoRowSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChronoXlsxReader, chrono_xlsx_reader, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CHRONO_TYPE_ROW_SOURCE,
                                                      chrono_xlsx_reader_row_source_init))

static void
xlsx_sheet_free (gpointer data)
{
  XlsxSheet *sheet = data;

  g_free (sheet->name);
  g_free (sheet->part);
  g_free (sheet);
}

/* ---- helpers ------------------------------------------------------------ */

/* SpreadsheetML writes characters XML cannot hold as _xHHHH_. */
static void
decode_xstring (GString *text,
                GString *scratch)
{
  const char *s = text->str;

  if (strstr (s, "_x") == NULL)
    return;

  g_string_truncate (scratch, 0);
  for (gsize i = 0; i < text->len; i++)
    {
      if (s[i] == '_' && i + 6 < text->len && s[i + 1] == 'x' &&
          g_ascii_isxdigit (s[i + 2]) && g_ascii_isxdigit (s[i + 3]) &&
          g_ascii_isxdigit (s[i + 4]) && g_ascii_isxdigit (s[i + 5]) && s[i + 6] == '_')
        {
          gunichar c = (gunichar) (g_ascii_xdigit_value (s[i + 2]) << 12 |
                                   g_ascii_xdigit_value (s[i + 3]) << 8 |
                                   g_ascii_xdigit_value (s[i + 4]) << 4 |
                                   g_ascii_xdigit_value (s[i + 5]));

          if (c != 0 && g_unichar_validate (c))
            g_string_append_unichar (scratch, c);
          i += 6;
          continue;
        }
      g_string_append_c (scratch, s[i]);
    }
  g_string_assign (text, scratch->str);
}

/* "D5" -> column 3.  FALSE when @ref has no column letters. */
static gboolean
parse_cell_column (const char *ref,
                   guint64    *column)
{
  guint64 col = 0;
  const char *p = ref;

  while (g_ascii_isalpha (*p))
    {
      col = col * 26 + (guint64) (g_ascii_toupper (*p) - 'A' + 1);
      if (col > CHRONO_OFFICE_MAX_COLUMNS * 2)
        break;
      p++;
    }
  if (p == ref)
    return FALSE;
  *column = col - 1;
  return TRUE;
}

static gboolean
parse_uint (const char *text,
            guint64    *value)
{
  return g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, value, NULL);
}

static gboolean
is_true (const char *value)
{
  return g_str_equal (value, "1") || g_ascii_strcasecmp (value, "true") == 0;
}

/* ---- sheet parser ------------------------------------------------------- */

static void
sheet_parser_free (SheetParser *p)
{
  if (p == NULL)
    return;
  chrono_xml_reader_free (p->xml);
  chrono_row_builder_clear (&p->row);
  g_string_free (p->value, TRUE);
  g_string_free (p->inline_text, TRUE);
  g_string_free (p->rendered, TRUE);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheetParser, sheet_parser_free)

static SheetParser *
sheet_parser_new (ChronoXlsxReader  *owner,
                  const char        *part,
                  GError           **error)
{
  ChronoXmlReader *xml = chrono_xml_reader_open (owner->zip, part, error);
  SheetParser *p;

  if (xml == NULL)
    return NULL;
  p = g_new0 (SheetParser, 1);
  p->owner = owner;
  p->xml = xml;
  chrono_row_builder_init (&p->row);
  p->value = g_string_new (NULL);
  p->inline_text = g_string_new (NULL);
  p->rendered = g_string_new (NULL);
  return p;
}

static gboolean
begin_cell (SheetParser  *p,
            GError      **error)
{
  const char *local, *value;
  ChronoXmlNs ns;
  guint64 col = (guint64) (p->last_col + 1);

  p->style = 0;
  p->type = CELL_NUMBER;
  while (chrono_xml_reader_next_attr (p->xml, &ns, &local, &value))
    {
      if (ns != CHRONO_NS_NONE)
        continue;
      if (g_str_equal (local, "r"))
        {
          if (!parse_cell_column (value, &col))
            col = (guint64) (p->last_col + 1);
        }
      else if (g_str_equal (local, "s"))
        {
          guint64 style;

          if (parse_uint (value, &style) && style < G_MAXUINT)
            p->style = (guint) style;
        }
      else if (g_str_equal (local, "t"))
        {
          if (g_str_equal (value, "s"))
            p->type = CELL_SHARED;
          else if (g_str_equal (value, "inlineStr"))
            p->type = CELL_INLINE;
          else if (g_str_equal (value, "b"))
            p->type = CELL_BOOL;
          else if (g_str_equal (value, "e"))
            p->type = CELL_ERROR;
          else if (g_str_equal (value, "str"))
            p->type = CELL_STR;
          else if (g_str_equal (value, "d"))
            p->type = CELL_DATE;
        }
    }

  if (col >= CHRONO_OFFICE_MAX_COLUMNS)
    {
      chrono_xml_reader_set_corrupt (p->xml, error,
                                     "row %" G_GUINT64_FORMAT " has a cell past "
                                     "column XFD, the last one Excel allows",
                                     p->row_number);
      return FALSE;
    }
  p->col = (guint) col;
  p->last_col = (gint64) col;
  p->in_cell = TRUE;
  p->in_v = p->in_is = p->in_t = p->has_is = FALSE;
  p->rph_depth = 0;
  g_string_truncate (p->value, 0);
  g_string_truncate (p->inline_text, 0);
  return TRUE;
}

static gboolean
end_cell (SheetParser  *p,
          GError      **error)
{
  ChronoXlsxReader *owner = p->owner;
  GString *out = p->rendered;

  p->in_cell = p->in_v = p->in_is = p->in_t = FALSE;
  g_string_truncate (out, 0);

  if (p->type == CELL_INLINE || (p->has_is && p->value->len == 0))
    {
      g_string_append_len (out, p->inline_text->str, (gssize) p->inline_text->len);
      decode_xstring (out, p->value);
    }
  else if (p->value->len == 0)
    {
      /* no value: an empty (perhaps only formatted) cell */
    }
  else if (p->type == CELL_SHARED)
    {
      guint64 index;

      if (!parse_uint (g_strstrip (p->value->str), &index) ||
          index >= owner->sst_offsets->len)
        {
          chrono_xml_reader_set_corrupt (p->xml, error,
                                         "a cell in row %" G_GUINT64_FORMAT " refers to "
                                         "shared string “%s”, but there are only %u",
                                         p->row_number, p->value->str,
                                         owner->sst_offsets->len);
          return FALSE;
        }
      g_string_append (out, owner->sst_text->str +
                            g_array_index (owner->sst_offsets, guint32, index));
    }
  else if (p->type == CELL_BOOL)
    {
      const char *v = g_strstrip (p->value->str);

      if (is_true (v))
        g_string_append (out, "TRUE");
      else if (g_str_equal (v, "0") || g_ascii_strcasecmp (v, "false") == 0)
        g_string_append (out, "FALSE");
      else
        g_string_append (out, v);
    }
  else if (p->type == CELL_DATE)
    {
      if (!chrono_office_format_iso (p->value->str, out))
        g_string_append_len (out, p->value->str, (gssize) p->value->len);
    }
  else if (p->type == CELL_NUMBER)
    {
      const char *text = g_strstrip (p->value->str);
      char *end = NULL;
      double number = g_ascii_strtod (text, &end);

      if (end == text || *end != '\0')
        {
          g_string_append (out, text);
        }
      else
        {
          ChronoNumKind kind = CHRONO_NUM_GENERAL;

          if (p->style < owner->xf_kinds->len)
            kind = owner->xf_kinds->data[p->style];
          if (kind == CHRONO_NUM_GENERAL ||
              !chrono_office_format_serial (number, owner->date1904, kind, out))
            chrono_office_format_number (number, out);
        }
    }
  else
    {
      /* t="str" (a formula's text) and t="e" (an error such as #N/A) */
      g_string_append_len (out, p->value->str, (gssize) p->value->len);
      decode_xstring (out, p->inline_text);
    }

  chrono_row_builder_set (&p->row, p->col, out->str, out->len);
  return TRUE;
}

/* 1 with a row, 0 at the end of the sheet, -1 on error. */
static int
sheet_parser_next_row (SheetParser  *p,
                       GPtrArray   **cells,
                       guint64      *row_number,
                       GError      **error)
{
  ChronoXmlReader *xml = p->xml;
  int r;

  if (p->finished)
    return 0;

  while ((r = chrono_xml_reader_read (xml, error)) == 1)
    {
      ChronoXmlNode node = chrono_xml_reader_node (xml);
      const char *name;

      if (node == CHRONO_XML_TEXT)
        {
          GString *target = p->in_v ? p->value : p->in_t ? p->inline_text : NULL;

          if (target != NULL &&
              !chrono_office_append_cell_text (target, chrono_xml_reader_text (xml), -1,
                                               xml, error))
            return -1;
          continue;
        }
      if (node == CHRONO_XML_OTHER || chrono_xml_reader_ns (xml) != CHRONO_NS_SML)
        continue;

      name = chrono_xml_reader_local_name (xml);
      if (node == CHRONO_XML_START)
        {
          gboolean empty = chrono_xml_reader_is_empty (xml);

          if (g_str_equal (name, "c"))
            {
              if (!p->in_row)
                continue;
              if (!begin_cell (p, error))
                return -1;
              if (empty && !end_cell (p, error))
                return -1;
            }
          else if (!p->in_cell)
            {
              if (g_str_equal (name, "row") && p->in_sheet_data)
                {
                  g_autofree char *ref = chrono_xml_reader_dup_attr (xml, CHRONO_NS_NONE, "r");
                  guint64 number;

                  if (ref != NULL && parse_uint (ref, &number) && number > 0)
                    p->row_number = number;
                  else
                    p->row_number++;
                  p->last_col = -1;
                  chrono_row_builder_reset (&p->row);
                  p->in_row = !empty;
                }
              else if (g_str_equal (name, "sheetData"))
                {
                  p->in_sheet_data = TRUE;
                  if (empty)
                    {
                      p->finished = TRUE;
                      return 0;
                    }
                }
            }
          else if (empty)
            {
              if (g_str_equal (name, "is"))
                p->has_is = TRUE;
            }
          else if (g_str_equal (name, "v"))
            p->in_v = TRUE;
          else if (g_str_equal (name, "is"))
            p->in_is = p->has_is = TRUE;
          else if (g_str_equal (name, "rPh"))
            p->rph_depth++;
          else if (g_str_equal (name, "t") && p->in_is && p->rph_depth == 0)
            p->in_t = TRUE;
        }
      else /* CHRONO_XML_END */
        {
          if (p->in_cell)
            {
              if (g_str_equal (name, "v"))
                p->in_v = FALSE;
              else if (g_str_equal (name, "t"))
                p->in_t = FALSE;
              else if (g_str_equal (name, "rPh") && p->rph_depth > 0)
                p->rph_depth--;
              else if (g_str_equal (name, "is"))
                p->in_is = FALSE;
              else if (g_str_equal (name, "c") && !end_cell (p, error))
                return -1;
            }
          else if (g_str_equal (name, "row") && p->in_row)
            {
              p->in_row = FALSE;
              if (!chrono_row_builder_is_empty (&p->row))
                {
                  *cells = chrono_row_builder_finish (&p->row);
                  if (row_number != NULL)
                    *row_number = p->row_number;
                  return 1;
                }
            }
          else if (g_str_equal (name, "sheetData"))
            {
              p->finished = TRUE;
              return 0;
            }
        }
    }
  if (r == 0)
    p->finished = TRUE;
  return r;
}

/* ---- workbook parts ----------------------------------------------------- */

static gboolean
store_shared_string (ChronoXlsxReader  *self,
                     const char        *part,
                     GString           *text,
                     GString           *scratch,
                     GError           **error)
{
  guint32 offset = (guint32) self->sst_text->len;

  decode_xstring (text, scratch);
  if ((guint64) self->sst_text->len + text->len + 1 +
      4 * (guint64) (self->sst_offsets->len + 1) > CHRONO_OFFICE_MAX_SHARED_TEXT)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_TOO_LARGE,
                   _("“%s”: the shared strings in part %s take more than 256 MiB"),
                   chrono_zip_get_display_name (self->zip), part);
      return FALSE;
    }
  g_string_append_len (self->sst_text, text->str, (gssize) text->len);
  g_string_append_c (self->sst_text, '\0');
  g_array_append_val (self->sst_offsets, offset);
  return TRUE;
}

/* Each <si>: the text of its <t> elements (rich text runs joined), not of
 * its phonetic runs (<rPh>). */
static gboolean
load_shared_strings (ChronoXlsxReader  *self,
                     const char        *part,
                     GError           **error)
{
  g_autoptr(ChronoXmlReader) xml = chrono_xml_reader_open (self->zip, part, error);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) scratch = g_string_new (NULL);
  gboolean in_si = FALSE, in_t = FALSE;
  guint rph_depth = 0;
  int r;

  if (xml == NULL)
    return FALSE;

  while ((r = chrono_xml_reader_read (xml, error)) == 1)
    {
      ChronoXmlNode node = chrono_xml_reader_node (xml);
      const char *name;

      if (node == CHRONO_XML_TEXT)
        {
          if (in_t && !chrono_office_append_cell_text (text, chrono_xml_reader_text (xml),
                                                       -1, xml, error))
            return FALSE;
          continue;
        }
      if (node == CHRONO_XML_OTHER || chrono_xml_reader_ns (xml) != CHRONO_NS_SML)
        continue;

      name = chrono_xml_reader_local_name (xml);
      if (node == CHRONO_XML_START)
        {
          gboolean empty = chrono_xml_reader_is_empty (xml);

          if (g_str_equal (name, "si"))
            {
              g_string_truncate (text, 0);
              rph_depth = 0;
              in_si = !empty;
              if (empty && !store_shared_string (self, part, text, scratch, error))
                return FALSE;
            }
          else if (in_si && !empty && g_str_equal (name, "rPh"))
            rph_depth++;
          else if (in_si && !empty && rph_depth == 0 && g_str_equal (name, "t"))
            in_t = TRUE;
        }
      else if (g_str_equal (name, "t"))
        in_t = FALSE;
      else if (g_str_equal (name, "rPh") && rph_depth > 0)
        rph_depth--;
      else if (g_str_equal (name, "si") && in_si)
        {
          in_si = in_t = FALSE;
          if (!store_shared_string (self, part, text, scratch, error))
            return FALSE;
        }
    }
  return r == 0;
}

static gboolean
load_styles (ChronoXlsxReader  *self,
             const char        *part,
             GError           **error)
{
  g_autoptr(ChronoXmlReader) xml = chrono_xml_reader_open (self->zip, part, error);
  g_autoptr(GHashTable) custom = g_hash_table_new (g_direct_hash, g_direct_equal);
  gboolean in_num_fmts = FALSE, in_cell_xfs = FALSE;
  int r;

  if (xml == NULL)
    return FALSE;

  while ((r = chrono_xml_reader_read (xml, error)) == 1)
    {
      ChronoXmlNode node = chrono_xml_reader_node (xml);
      gboolean start = node == CHRONO_XML_START;
      const char *name;

      if ((node != CHRONO_XML_START && node != CHRONO_XML_END) ||
          chrono_xml_reader_ns (xml) != CHRONO_NS_SML)
        continue;
      name = chrono_xml_reader_local_name (xml);

      if (g_str_equal (name, "numFmts"))
        in_num_fmts = start && !chrono_xml_reader_is_empty (xml);
      else if (g_str_equal (name, "cellXfs"))
        in_cell_xfs = start && !chrono_xml_reader_is_empty (xml);
      else if (start && in_num_fmts && g_str_equal (name, "numFmt"))
        {
          const char *local, *value;
          ChronoXmlNs ns;
          guint64 id = G_MAXUINT64;
          ChronoNumKind kind = CHRONO_NUM_GENERAL;

          while (chrono_xml_reader_next_attr (xml, &ns, &local, &value))
            {
              if (ns != CHRONO_NS_NONE)
                continue;
              if (g_str_equal (local, "numFmtId"))
                parse_uint (value, &id);
              else if (g_str_equal (local, "formatCode"))
                kind = chrono_office_num_kind_for_code (value);
            }
          if (id < G_MAXUINT)
            g_hash_table_insert (custom, GUINT_TO_POINTER ((guint) id), GINT_TO_POINTER (kind));
        }
      else if (start && in_cell_xfs && g_str_equal (name, "xf"))
        {
          g_autofree char *id_text = chrono_xml_reader_dup_attr (xml, CHRONO_NS_NONE, "numFmtId");
          guint64 id = 0;
          gpointer kind;
          guint8 kind_byte;

          if (id_text != NULL)
            parse_uint (id_text, &id);
          if (id < G_MAXUINT &&
              g_hash_table_lookup_extended (custom, GUINT_TO_POINTER ((guint) id), NULL, &kind))
            kind_byte = (guint8) GPOINTER_TO_INT (kind);
          else
            kind_byte = (guint8) chrono_office_num_kind_for_id (id < G_MAXUINT ? (guint) id : 0);
          g_byte_array_append (self->xf_kinds, &kind_byte, 1);
        }
    }
  return r == 0;
}

typedef struct
{
  char     *name;
  char     *rid;
  gboolean  hidden;
} WorkbookSheet;

static void
workbook_sheet_free (gpointer data)
{
  WorkbookSheet *sheet = data;

  g_free (sheet->name);
  g_free (sheet->rid);
  g_free (sheet);
}

/* Reads the sheet list and the date system; NOT_THIS_FORMAT if @part is
 * not a workbook. */
static GPtrArray *
load_workbook (ChronoXlsxReader  *self,
               const char        *part,
               GError           **error)
{
  g_autoptr(ChronoXmlReader) xml = chrono_xml_reader_open (self->zip, part, error);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (workbook_sheet_free);
  gboolean seen_root = FALSE;
  int r;

  if (xml == NULL)
    return NULL;

  while ((r = chrono_xml_reader_read (xml, error)) == 1)
    {
      const char *name;

      if (chrono_xml_reader_node (xml) != CHRONO_XML_START)
        continue;
      if (!seen_root)
        {
          if (!chrono_xml_reader_is_start (xml, CHRONO_NS_SML, "workbook"))
            {
              chrono_zip_set_wrong_format (self->zip, error);
              return NULL;
            }
          seen_root = TRUE;
          continue;
        }
      if (chrono_xml_reader_ns (xml) != CHRONO_NS_SML)
        continue;

      name = chrono_xml_reader_local_name (xml);
      if (g_str_equal (name, "workbookPr"))
        {
          g_autofree char *value = chrono_xml_reader_dup_attr (xml, CHRONO_NS_NONE, "date1904");

          self->date1904 = value != NULL && is_true (value);
        }
      else if (g_str_equal (name, "sheet"))
        {
          WorkbookSheet *sheet = g_new0 (WorkbookSheet, 1);
          const char *local, *value;
          ChronoXmlNs ns;

          while (chrono_xml_reader_next_attr (xml, &ns, &local, &value))
            {
              if (ns == CHRONO_NS_NONE && g_str_equal (local, "name"))
                {
                  g_free (sheet->name);
                  sheet->name = g_strdup (value);
                }
              else if (ns == CHRONO_NS_NONE && g_str_equal (local, "state"))
                sheet->hidden = !g_str_equal (value, "visible");
              else if (ns == CHRONO_NS_OFFICE_REL && g_str_equal (local, "id"))
                {
                  g_free (sheet->rid);
                  sheet->rid = g_strdup (value);
                }
            }
          if (sheet->name == NULL)
            sheet->name = g_strdup_printf ("Sheet%u", sheets->len + 1);
          g_ptr_array_add (sheets, sheet);
        }
      else if (g_str_equal (name, "sheets") || g_str_equal (name, "bookViews") ||
               g_str_equal (name, "workbookView"))
        {
          /* walk in */
        }
      else
        {
          chrono_xml_reader_skip (xml);
        }
    }
  if (r < 0)
    return NULL;
  if (!seen_root)
    {
      chrono_zip_set_wrong_format (self->zip, error);
      return NULL;
    }
  return g_steal_pointer (&sheets);
}

/* The part a workbook relationship of @type points to, else @fallback if
 * the archive has it, else NULL. */
static const char *
find_part (ChronoXlsxReader *self,
           GHashTable       *rels,
           const char       *type,
           const char       *fallback)
{
  ChronoZipRel *rel = chrono_zip_rels_find_type (rels, type);

  if (rel != NULL && chrono_zip_has_part (self->zip, rel->target))
    return rel->target;
  if (fallback != NULL && chrono_zip_has_part (self->zip, fallback))
    return fallback;
  return NULL;
}

static gboolean
score_sheet (ChronoXlsxReader  *self,
             XlsxSheet         *sheet,
             ChronoTableScore  *score,
             GError           **error)
{
  g_autoptr(SheetParser) p = sheet_parser_new (self, sheet->part, error);
  GPtrArray *cells;
  int r = 0;

  if (p == NULL)
    return FALSE;
  while (score->rows < CHRONO_OFFICE_SCORE_ROWS &&
         (r = sheet_parser_next_row (p, &cells, NULL, error)) == 1)
    chrono_table_score_add_row (score, cells);
  return score->rows >= CHRONO_OFFICE_SCORE_ROWS || r == 0;
}

/* ---- GObject ------------------------------------------------------------ */

static void
chrono_xlsx_reader_finalize (GObject *object)
{
  ChronoXlsxReader *self = CHRONO_XLSX_READER (object);

  g_clear_pointer (&self->parser, sheet_parser_free);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->xf_kinds, g_byte_array_unref);
  g_clear_pointer (&self->sst_offsets, g_array_unref);
  if (self->sst_text != NULL)
    g_string_free (self->sst_text, TRUE);
  g_clear_pointer (&self->zip, chrono_zip_free);

  G_OBJECT_CLASS (chrono_xlsx_reader_parent_class)->finalize (object);
}

static void
chrono_xlsx_reader_class_init (ChronoXlsxReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chrono_xlsx_reader_finalize;
}

static void
chrono_xlsx_reader_init (ChronoXlsxReader *self)
{
  self->sst_text = g_string_new (NULL);
  self->sst_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->xf_kinds = g_byte_array_new ();
  self->sheets = g_ptr_array_new_with_free_func (xlsx_sheet_free);
}

static gboolean
chrono_xlsx_reader_next_row_vfunc (ChronoRowSource  *source,
                                   GPtrArray       **cells,
                                   guint64          *row_number,
                                   GError          **error)
{
  return chrono_xlsx_reader_next_row (CHRONO_XLSX_READER (source), cells, row_number, error);
}

static void
chrono_xlsx_reader_row_source_init (ChronoRowSourceInterface *iface)
{
  iface->next_row = chrono_xlsx_reader_next_row_vfunc;
}

/* ---- public API --------------------------------------------------------- */

ChronoXlsxReader *
chrono_xlsx_reader_new_for_path (const char  *path,
                                 GError     **error)
{
  g_autoptr(ChronoXlsxReader) self = NULL;
  g_autoptr(GHashTable) package_rels = NULL;
  g_autoptr(GHashTable) workbook_rels = NULL;
  g_autoptr(GPtrArray) workbook_sheets = NULL;
  g_autofree ChronoSheetCandidate *candidates = NULL;
  g_autoptr(GError) first_error = NULL;
  g_autofree char *workbook_part = NULL;
  ChronoZipRel *main_rel;
  const char *part;
  gboolean any_readable = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CHRONO_TYPE_XLSX_READER, NULL);
  self->zip = chrono_zip_open (path, FORMAT_LABEL, error);
  if (self->zip == NULL)
    return NULL;

  package_rels = chrono_zip_read_rels (self->zip, "", error);
  if (package_rels == NULL)
    return NULL;
  main_rel = chrono_zip_rels_find_type (package_rels, "officeDocument");
  if (main_rel != NULL && chrono_zip_has_part (self->zip, main_rel->target))
    workbook_part = g_strdup (main_rel->target);
  else if (chrono_zip_has_part (self->zip, "xl/workbook.xml"))
    workbook_part = g_strdup ("xl/workbook.xml");
  if (workbook_part == NULL || !g_str_has_suffix (workbook_part, ".xml"))
    {
      chrono_zip_set_wrong_format (self->zip, error);
      return NULL;
    }

  workbook_sheets = load_workbook (self, workbook_part, error);
  if (workbook_sheets == NULL)
    return NULL;
  workbook_rels = chrono_zip_read_rels (self->zip, workbook_part, error);
  if (workbook_rels == NULL)
    return NULL;

  part = find_part (self, workbook_rels, "styles", "xl/styles.xml");
  if (part != NULL && !load_styles (self, part, error))
    return NULL;
  part = find_part (self, workbook_rels, "sharedStrings", "xl/sharedStrings.xml");
  if (part != NULL && !load_shared_strings (self, part, error))
    return NULL;

  for (guint i = 0; i < workbook_sheets->len; i++)
    {
      WorkbookSheet *ws = g_ptr_array_index (workbook_sheets, i);
      ChronoZipRel *rel = ws->rid != NULL ? g_hash_table_lookup (workbook_rels, ws->rid) : NULL;
      XlsxSheet *sheet;

      if (rel == NULL)
        {
          g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                       _("“%s”: part %s does not say where sheet “%s” is"),
                       chrono_zip_get_display_name (self->zip), workbook_part, ws->name);
          return NULL;
        }
      /* Chart, dialog and macro sheets hold no cells. */
      if (!g_str_has_suffix (rel->type, "/worksheet"))
        continue;
      sheet = g_new0 (XlsxSheet, 1);
      sheet->name = g_strdup (ws->name);
      sheet->part = g_strdup (rel->target);
      sheet->hidden = ws->hidden;
      g_ptr_array_add (self->sheets, sheet);
    }
  if (self->sheets->len == 0)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_NO_TABLE,
                   _("“%s” has no worksheet to read"), chrono_zip_get_display_name (self->zip));
      return NULL;
    }

  candidates = g_new0 (ChronoSheetCandidate, self->sheets->len);
  for (guint i = 0; i < self->sheets->len; i++)
    {
      XlsxSheet *sheet = g_ptr_array_index (self->sheets, i);
      g_autoptr(GError) local_error = NULL;

      candidates[i].name = sheet->name;
      candidates[i].hidden = sheet->hidden;
      candidates[i].readable = score_sheet (self, sheet, &candidates[i].score, &local_error);
      if (candidates[i].readable)
        any_readable = TRUE;
      else if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }
  if (!any_readable)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return NULL;
    }

  if (!chrono_xlsx_reader_select_sheet (self,
                                        chrono_office_pick_sheet (candidates, self->sheets->len),
                                        error))
    return NULL;
  return g_steal_pointer (&self);
}

guint
chrono_xlsx_reader_get_n_sheets (ChronoXlsxReader *self)
{
  g_return_val_if_fail (CHRONO_IS_XLSX_READER (self), 0);
  return self->sheets->len;
}

const char *
chrono_xlsx_reader_get_sheet_name (ChronoXlsxReader *self,
                                   guint             index)
{
  g_return_val_if_fail (CHRONO_IS_XLSX_READER (self), NULL);
  g_return_val_if_fail (index < self->sheets->len, NULL);
  return ((XlsxSheet *) g_ptr_array_index (self->sheets, index))->name;
}

gboolean
chrono_xlsx_reader_select_sheet (ChronoXlsxReader  *self,
                                 guint              index,
                                 GError           **error)
{
  XlsxSheet *sheet;

  g_return_val_if_fail (CHRONO_IS_XLSX_READER (self), FALSE);
  g_return_val_if_fail (index < self->sheets->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_pointer (&self->parser, sheet_parser_free);
  self->selected = index;
  sheet = g_ptr_array_index (self->sheets, index);
  self->parser = sheet_parser_new (self, sheet->part, error);
  return self->parser != NULL;
}

guint
chrono_xlsx_reader_get_selected_sheet (ChronoXlsxReader *self)
{
  g_return_val_if_fail (CHRONO_IS_XLSX_READER (self), 0);
  return self->selected;
}

gboolean
chrono_xlsx_reader_get_date1904 (ChronoXlsxReader *self)
{
  g_return_val_if_fail (CHRONO_IS_XLSX_READER (self), FALSE);
  return self->date1904;
}

gboolean
chrono_xlsx_reader_next_row (ChronoXlsxReader  *self,
                             GPtrArray        **cells,
                             guint64           *row_number,
                             GError           **error)
{
  int r;

  g_return_val_if_fail (CHRONO_IS_XLSX_READER (self), FALSE);
  g_return_val_if_fail (cells != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->parser == NULL)
    return FALSE;
  r = sheet_parser_next_row (self->parser, cells, row_number, error);
  if (r == 1)
    return TRUE;
  g_clear_pointer (&self->parser, sheet_parser_free);
  return FALSE;
}
