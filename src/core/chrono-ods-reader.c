/* chrono-ods-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-ods-reader"

#include "chrono-ods-reader.h"

#include <string.h>

#define FORMAT_LABEL "an OpenDocument spreadsheet (.ods)"
#define CONTENT_PART "content.xml"
#define ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"

typedef enum
{
  VALUE_VALUE,
  VALUE_DATE,
  VALUE_TIME,
  VALUE_BOOLEAN,
  VALUE_STRING,
  N_VALUES
} ValueAttr;

typedef enum
{
  TYPE_NONE,
  TYPE_NUMBER,   /* float, percentage, currency */
  TYPE_DATE,
  TYPE_TIME,
  TYPE_BOOLEAN,
  TYPE_STRING,
} ValueType;

/* Copies of cells with text that repeats may add up to in one sheet (four
 * full rows of the grid): a few bytes must not stand for billions of cells
 * (a million rows of 16384 cells each) that every later step would read. */
#define MAX_REPEATED_CELLS (4 * CHRONO_OFFICE_MAX_COLUMNS)

/* One pass over content.xml. */
typedef struct
{
  ChronoXmlReader  *xml;
  ChronoRowBuilder  row;
  GString          *text;
  GString          *rendered;
  GString          *values[N_VALUES];

  gboolean          seen_root;
  gboolean          wrong_body;    /* office:text and the like */

  /* the current table */
  gboolean          table_done;
  guint64           next_row;      /* number of the next row element */
  guint64           row_number;    /* of the row last returned */
  guint64           repeat_left;   /* copies of that row still to return */
  guint64           repeated_cells; /* copies of cells with text, in this table */
  guint             row_text_cells; /* cells with text in the row last returned */
  guint64           rows_repeated;
  guint64           col;
  gboolean          in_row;

  /* the current cell */
  gboolean          in_cell;
  guint64           cols_repeated;
  ValueType         value_type;
  guint             para_depth;
  guint             n_paras;
  gboolean          line_has_text;
  gboolean          pending_space;
} OdsParser;

typedef struct
{
  char             *name;
  ChronoTableScore  score;
} OdsSheet;

struct _ChronoOdsReader
{
  GObject    parent_instance;

  ChronoZip *zip;
  GArray    *sheets;    /* OdsSheet */
  guint      selected;
  OdsParser *parser;    /* NULL once the selected sheet is done */
};

static void chrono_ods_reader_row_source_init (ChronoRowSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChronoOdsReader, chrono_ods_reader, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CHRONO_TYPE_ROW_SOURCE,
                                                      chrono_ods_reader_row_source_init))

/* ---- parser ------------------------------------------------------------- */

static void
ods_parser_free (OdsParser *p)
{
  if (p == NULL)
    return;
  chrono_xml_reader_free (p->xml);
  chrono_row_builder_clear (&p->row);
  g_string_free (p->text, TRUE);
  g_string_free (p->rendered, TRUE);
  for (guint i = 0; i < N_VALUES; i++)
    g_string_free (p->values[i], TRUE);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsParser, ods_parser_free)

static OdsParser *
ods_parser_new (ChronoZip  *zip,
                GError    **error)
{
  ChronoXmlReader *xml = chrono_xml_reader_open (zip, CONTENT_PART, error);
  OdsParser *p;

  if (xml == NULL)
    return NULL;
  p = g_new0 (OdsParser, 1);
  p->xml = xml;
  chrono_row_builder_init (&p->row);
  p->text = g_string_new (NULL);
  p->rendered = g_string_new (NULL);
  for (guint i = 0; i < N_VALUES; i++)
    p->values[i] = g_string_new (NULL);
  p->table_done = TRUE;
  return p;
}

/* A repeat count: at least 1, at most @max. */
static guint64
parse_repeat (const char *value,
              guint64     max)
{
  guint64 n;

  if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT64, &n, NULL))
    return 1;
  return MIN (n, max);
}

/* Advances to the next table:table; 1 with its name, 0 when there is no
 * more (p->wrong_body says whether the document is not a spreadsheet). */
static int
ods_parser_find_table (OdsParser  *p,
                       char      **name,
                       GError    **error)
{
  ChronoXmlReader *xml = p->xml;
  int r;

  while ((r = chrono_xml_reader_read (xml, error)) == 1)
    {
      ChronoXmlNs ns;
      const char *local;

      if (chrono_xml_reader_node (xml) != CHRONO_XML_START)
        continue;
      ns = chrono_xml_reader_ns (xml);
      local = chrono_xml_reader_local_name (xml);
      if (!p->seen_root)
        {
          p->seen_root = TRUE;
          if (ns != CHRONO_NS_ODF_OFFICE || !g_str_equal (local, "document-content"))
            {
              p->wrong_body = TRUE;
              return 0;
            }
          continue;
        }
      if (ns == CHRONO_NS_ODF_OFFICE &&
          (g_str_equal (local, "text") || g_str_equal (local, "presentation") ||
           g_str_equal (local, "drawing") || g_str_equal (local, "chart") ||
           g_str_equal (local, "image")))
        {
          p->wrong_body = TRUE;
          return 0;
        }
      if (ns == CHRONO_NS_ODF_OFFICE &&
          (g_str_equal (local, "scripts") || g_str_equal (local, "font-face-decls") ||
           g_str_equal (local, "automatic-styles")))
        {
          chrono_xml_reader_skip (xml);
          continue;
        }
      if (ns == CHRONO_NS_ODF_TABLE && g_str_equal (local, "table"))
        {
          if (name != NULL)
            {
              *name = chrono_xml_reader_dup_attr (xml, CHRONO_NS_ODF_TABLE, "name");
              if (*name == NULL)
                *name = g_strdup ("");
            }
          p->table_done = chrono_xml_reader_is_empty (xml);
          p->next_row = 1;
          p->row_number = 0;
          p->repeat_left = 0;
          p->repeated_cells = 0;
          p->in_row = p->in_cell = FALSE;
          return 1;
        }
    }
  return r;
}

static void
begin_cell (OdsParser *p)
{
  const char *local, *value;
  ChronoXmlNs ns;

  p->cols_repeated = 1;
  p->value_type = TYPE_NONE;
  for (guint i = 0; i < N_VALUES; i++)
    g_string_truncate (p->values[i], 0);

  while (chrono_xml_reader_next_attr (p->xml, &ns, &local, &value))
    {
      if (ns == CHRONO_NS_ODF_TABLE && g_str_equal (local, "number-columns-repeated"))
        p->cols_repeated = parse_repeat (value, CHRONO_OFFICE_MAX_COLUMNS);
      else if (ns != CHRONO_NS_ODF_OFFICE)
        continue;
      else if (g_str_equal (local, "value-type"))
        {
          if (g_str_equal (value, "float") || g_str_equal (value, "percentage") ||
              g_str_equal (value, "currency"))
            p->value_type = TYPE_NUMBER;
          else if (g_str_equal (value, "date"))
            p->value_type = TYPE_DATE;
          else if (g_str_equal (value, "time"))
            p->value_type = TYPE_TIME;
          else if (g_str_equal (value, "boolean"))
            p->value_type = TYPE_BOOLEAN;
          else if (g_str_equal (value, "string"))
            p->value_type = TYPE_STRING;
        }
      else if (g_str_equal (local, "value"))
        g_string_assign (p->values[VALUE_VALUE], value);
      else if (g_str_equal (local, "date-value"))
        g_string_assign (p->values[VALUE_DATE], value);
      else if (g_str_equal (local, "time-value"))
        g_string_assign (p->values[VALUE_TIME], value);
      else if (g_str_equal (local, "boolean-value"))
        g_string_assign (p->values[VALUE_BOOLEAN], value);
      else if (g_str_equal (local, "string-value"))
        g_string_assign (p->values[VALUE_STRING], value);
    }

  g_string_truncate (p->text, 0);
  p->in_cell = TRUE;
  p->para_depth = 0;
  p->n_paras = 0;
}

/* "PT13H30M00S" -> "13:30"; FALSE for durations of a day or more. */
static gboolean
format_time_value (const char *value,
                   GString    *out)
{
  guint64 hours = 0, minutes = 0, n;
  const char *p = value;
  char *end;

  if (*p++ != 'P')
    return FALSE;
  if (*p != 'T')
    {
      n = g_ascii_strtoull (p, &end, 10);
      if (end == p || *end != 'D' || n != 0)
        return FALSE;
      p = end + 1;
    }
  if (*p++ != 'T')
    return FALSE;
  while (*p != '\0')
    {
      n = g_ascii_strtoull (p, &end, 10);
      if (end == p)
        return FALSE;
      if (*end == '.')
        {
          end++;
          while (g_ascii_isdigit (*end))
            end++;
        }
      if (*end == 'H')
        hours = n;
      else if (*end == 'M')
        minutes = n;
      else if (*end != 'S')
        return FALSE;
      p = end + 1;
    }
  if (hours > 23 || minutes > 59)
    return FALSE;
  g_string_append_printf (out, "%02u:%02u", (guint) hours, (guint) minutes);
  return TRUE;
}

static void
end_cell (OdsParser *p)
{
  GString *out = p->rendered;
  GString **v = p->values;
  gboolean done = FALSE;

  p->in_cell = FALSE;
  chrono_office_trim_newlines (p->text);
  g_string_truncate (out, 0);

  switch (p->value_type)
    {
    case TYPE_NUMBER:
      {
        char *end = NULL;
        double number = g_ascii_strtod (v[VALUE_VALUE]->str, &end);

        if (v[VALUE_VALUE]->len > 0 && end != NULL && *end == '\0')
          {
            chrono_office_format_number (number, out);
            done = TRUE;
          }
      }
      break;
    case TYPE_DATE:
      done = chrono_office_format_iso (v[VALUE_DATE]->str, out);
      break;
    case TYPE_TIME:
      done = format_time_value (v[VALUE_TIME]->str, out);
      break;
    case TYPE_BOOLEAN:
      if (g_ascii_strcasecmp (v[VALUE_BOOLEAN]->str, "true") == 0)
        g_string_append (out, "TRUE");
      else if (g_ascii_strcasecmp (v[VALUE_BOOLEAN]->str, "false") == 0)
        g_string_append (out, "FALSE");
      done = out->len > 0;
      break;
    case TYPE_STRING:
    case TYPE_NONE:
    default:
      break;
    }

  if (!done)
    {
      g_string_truncate (out, 0);
      if (p->text->len > 0)
        g_string_append_len (out, p->text->str, (gssize) p->text->len);
      else
        g_string_append_len (out, v[VALUE_STRING]->str, (gssize) v[VALUE_STRING]->len);
    }

  if (out->len > 0 && p->col < CHRONO_OFFICE_MAX_COLUMNS)
    {
      guint first = (guint) p->col;

      chrono_row_builder_set (&p->row, first, out->str, out->len);
      for (guint64 k = 1; k < p->cols_repeated && first + k < CHRONO_OFFICE_MAX_COLUMNS; k++)
        {
          chrono_row_builder_copy (&p->row, first, (guint) (first + k));
          p->repeated_cells++;
        }
    }
  p->col = MIN (p->col + p->cols_repeated, (guint64) CHRONO_OFFICE_MAX_COLUMNS);
}

/* Appends character data with ODF's white-space rule: runs of space, tab,
 * CR and LF are one space, dropped at the start and end of a line. */
static gboolean
append_text (OdsParser   *p,
             const char  *text,
             GError     **error)
{
  const char *run = text;

  for (const char *s = text; ; s++)
    {
      gboolean space = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';

      if (*s != '\0' && !space)
        continue;
      if (s > run)
        {
          if (p->pending_space &&
              !chrono_office_append_cell_text (p->text, " ", 1, p->xml, error))
            return FALSE;
          if (!chrono_office_append_cell_text (p->text, run, s - run, p->xml, error))
            return FALSE;
          p->pending_space = FALSE;
          p->line_has_text = TRUE;
        }
      if (*s == '\0')
        break;
      if (p->line_has_text)
        p->pending_space = TRUE;
      run = s + 1;
    }
  return TRUE;
}

static gboolean
append_special (OdsParser   *p,
                const char  *text,
                guint64      count,
                GError     **error)
{
  if (p->pending_space &&
      !chrono_office_append_cell_text (p->text, " ", 1, p->xml, error))
    return FALSE;
  p->pending_space = FALSE;
  for (guint64 i = 0; i < count; i++)
    if (!chrono_office_append_cell_text (p->text, text, -1, p->xml, error))
      return FALSE;
  p->line_has_text = text[0] != '\n';
  return TRUE;
}

static gboolean
is_cell (const char *local)
{
  return g_str_equal (local, "table-cell") || g_str_equal (local, "covered-table-cell");
}

static gboolean
is_paragraph (const char *local)
{
  return g_str_equal (local, "p") || g_str_equal (local, "h");
}

/* A table:* start tag. */
static void
ods_parser_table_start (OdsParser  *p,
                        const char *local,
                        gboolean    empty)
{
  ChronoXmlReader *xml = p->xml;

  if (is_cell (local))
    {
      if (!p->in_row || p->in_cell)
        return;
      begin_cell (p);
      if (empty)
        end_cell (p);
    }
  else if (g_str_equal (local, "table-row"))
    {
      g_autofree char *repeat = NULL;

      if (p->in_cell)
        return;
      repeat = chrono_xml_reader_dup_attr (xml, CHRONO_NS_ODF_TABLE, "number-rows-repeated");
      p->rows_repeated = repeat != NULL ? parse_repeat (repeat, CHRONO_OFFICE_MAX_ROWS) : 1;
      p->col = 0;
      chrono_row_builder_reset (&p->row);
      p->in_row = !empty;
      if (empty)
        p->next_row += p->rows_repeated;
    }
  else if (g_str_equal (local, "table") || g_str_equal (local, "shapes"))
    {
      /* a table inside a cell, drawings: not cell text */
      chrono_xml_reader_skip (xml);
    }
}

/* A text:* start tag inside a cell; FALSE on error. */
static gboolean
ods_parser_text_start (OdsParser   *p,
                       const char  *local,
                       gboolean     empty,
                       GError     **error)
{
  ChronoXmlReader *xml = p->xml;

  if (is_paragraph (local))
    {
      if (p->para_depth == 0 && p->n_paras++ > 0 &&
          !chrono_office_append_cell_text (p->text, "\n", 1, xml, error))
        return FALSE;
      if (!empty)
        p->para_depth++;
      p->line_has_text = FALSE;
      p->pending_space = FALSE;
      return TRUE;
    }
  if (p->para_depth == 0)
    return TRUE;  /* text outside paragraphs is not shown */

  if (g_str_equal (local, "s"))
    {
      g_autofree char *c = chrono_xml_reader_dup_attr (xml, CHRONO_NS_ODF_TEXT, "c");

      return append_special (p, " ", c != NULL ? parse_repeat (c, 1024) : 1, error);
    }
  if (g_str_equal (local, "tab"))
    return append_special (p, "\t", 1, error);
  if (g_str_equal (local, "line-break"))
    {
      p->pending_space = FALSE;
      return append_special (p, "\n", 1, error);
    }
  if (g_str_equal (local, "note") || g_str_equal (local, "ruby-text") ||
      g_str_equal (local, "tracked-changes"))
    chrono_xml_reader_skip (xml);
  return TRUE;
}

static int
too_many_repeats (OdsParser  *p,
                  guint64     row,
                  GError    **error)
{
  chrono_xml_reader_set_corrupt (p->xml, error,
                                 "row %" G_GUINT64_FORMAT ": the sheet's repeated cells and "
                                 "rows add up to more than %d copies of text; it was not "
                                 "read further", row, MAX_REPEATED_CELLS);
  if (error != NULL && *error != NULL)
    (*error)->code = CHRONO_OFFICE_ERROR_TOO_LARGE;
  return -1;
}

/* 1 with a row, 0 at the end of the table, -1 on error. */
static int
ods_parser_next_row (OdsParser  *p,
                     GPtrArray **cells,
                     guint64    *row_number,
                     GError    **error)
{
  ChronoXmlReader *xml = p->xml;
  int r;

  if (p->repeat_left > 0)
    {
      p->repeated_cells += p->row_text_cells;
      if (p->repeated_cells > MAX_REPEATED_CELLS)
        return too_many_repeats (p, p->row_number + 1, error);
      p->repeat_left--;
      p->row_number++;
      *cells = p->row.cells;
      if (row_number != NULL)
        *row_number = p->row_number;
      return 1;
    }
  if (p->table_done)
    return 0;

  while ((r = chrono_xml_reader_read (xml, error)) == 1)
    {
      ChronoXmlNode node = chrono_xml_reader_node (xml);
      ChronoXmlNs ns;
      const char *local;

      if (node == CHRONO_XML_TEXT)
        {
          if (p->in_cell && p->para_depth > 0 &&
              !append_text (p, chrono_xml_reader_text (xml), error))
            return -1;
          continue;
        }
      if (node == CHRONO_XML_OTHER)
        continue;

      ns = chrono_xml_reader_ns (xml);
      local = chrono_xml_reader_local_name (xml);
      if (node == CHRONO_XML_START)
        {
          gboolean empty = chrono_xml_reader_is_empty (xml);

          if (ns == CHRONO_NS_ODF_TABLE)
            ods_parser_table_start (p, local, empty);
          else if (p->in_cell && ns == CHRONO_NS_ODF_TEXT)
            {
              if (!ods_parser_text_start (p, local, empty, error))
                return -1;
            }
          else if (p->in_cell && (ns == CHRONO_NS_ODF_DRAW ||
                                  (ns == CHRONO_NS_ODF_OFFICE && g_str_equal (local, "annotation"))))
            {
              /* comments and drawings are not the cell's text */
              chrono_xml_reader_skip (xml);
            }
          continue;
        }

      /* CHRONO_XML_END */
      if (ns == CHRONO_NS_ODF_TEXT)
        {
          if (p->in_cell && p->para_depth > 0 && is_paragraph (local))
            {
              p->para_depth--;
              p->pending_space = FALSE;
            }
        }
      else if (ns != CHRONO_NS_ODF_TABLE)
        continue;
      else if (p->in_cell && is_cell (local))
        end_cell (p);
      else if (p->in_row && g_str_equal (local, "table-row"))
        {
          guint64 number = p->next_row;
          guint64 copies = p->rows_repeated;

          p->in_row = FALSE;
          p->next_row += p->rows_repeated;
          if (chrono_row_builder_is_empty (&p->row) || number > CHRONO_OFFICE_MAX_ROWS)
            continue;
          /* a repeated row with text comes back once per copy, up to the
           * grid's last row */
          copies = MIN (copies, CHRONO_OFFICE_MAX_ROWS - number + 1);
          p->row_number = number;
          p->repeat_left = copies - 1;
          *cells = chrono_row_builder_finish (&p->row);
          p->row_text_cells = 0;
          for (guint i = 0; i < (*cells)->len; i++)
            if (*(const char *) g_ptr_array_index (*cells, i) != '\0')
              p->row_text_cells++;
          if (p->repeated_cells > MAX_REPEATED_CELLS)
            return too_many_repeats (p, number, error);
          if (row_number != NULL)
            *row_number = number;
          return 1;
        }
      else if (g_str_equal (local, "table"))
        {
          p->table_done = TRUE;
          return 0;
        }
    }
  if (r == 0)
    p->table_done = TRUE;
  return r;
}

/* Reads on to the end of the current table. */
static gboolean
ods_parser_finish_table (OdsParser  *p,
                         GError    **error)
{
  GPtrArray *cells;
  int r;

  p->repeat_left = 0;
  while ((r = ods_parser_next_row (p, &cells, NULL, error)) == 1)
    p->repeat_left = 0;
  return r == 0;
}

/* ---- GObject ------------------------------------------------------------ */

static void
ods_sheet_clear (gpointer data)
{
  OdsSheet *sheet = data;

  g_free (sheet->name);
}

static void
chrono_ods_reader_finalize (GObject *object)
{
  ChronoOdsReader *self = CHRONO_ODS_READER (object);

  g_clear_pointer (&self->parser, ods_parser_free);
  g_clear_pointer (&self->sheets, g_array_unref);
  g_clear_pointer (&self->zip, chrono_zip_free);

  G_OBJECT_CLASS (chrono_ods_reader_parent_class)->finalize (object);
}

static void
chrono_ods_reader_class_init (ChronoOdsReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chrono_ods_reader_finalize;
}

static void
chrono_ods_reader_init (ChronoOdsReader *self)
{
  self->sheets = g_array_new (FALSE, TRUE, sizeof (OdsSheet));
  g_array_set_clear_func (self->sheets, ods_sheet_clear);
}

static gboolean
chrono_ods_reader_next_row_vfunc (ChronoRowSource  *source,
                                  GPtrArray       **cells,
                                  guint64          *row_number,
                                  GError          **error)
{
  return chrono_ods_reader_next_row (CHRONO_ODS_READER (source), cells, row_number, error);
}

static void
chrono_ods_reader_row_source_init (ChronoRowSourceInterface *iface)
{
  iface->next_row = chrono_ods_reader_next_row_vfunc;
}

/* ---- public API --------------------------------------------------------- */

/* One pass over content.xml: the sheets' names and scores. */
static gboolean
list_sheets (ChronoOdsReader  *self,
             GError          **error)
{
  g_autoptr(OdsParser) p = ods_parser_new (self->zip, error);
  int r;

  if (p == NULL)
    return FALSE;

  for (;;)
    {
      OdsSheet sheet = { NULL, { 0 } };
      GPtrArray *cells;

      r = ods_parser_find_table (p, &sheet.name, error);
      if (r < 0)
        return FALSE;
      if (r == 0)
        break;

      while (sheet.score.rows < CHRONO_OFFICE_SCORE_ROWS &&
             (r = ods_parser_next_row (p, &cells, NULL, error)) == 1)
        chrono_table_score_add_row (&sheet.score, cells);
      g_array_append_val (self->sheets, sheet);
      if (r < 0 || !ods_parser_finish_table (p, error))
        return FALSE;
    }

  if (p->wrong_body)
    {
      chrono_zip_set_wrong_format (self->zip, error);
      return FALSE;
    }
  return TRUE;
}

ChronoOdsReader *
chrono_ods_reader_new_for_path (const char  *path,
                                GError     **error)
{
  g_autoptr(ChronoOdsReader) self = NULL;
  g_autofree ChronoSheetCandidate *candidates = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CHRONO_TYPE_ODS_READER, NULL);
  self->zip = chrono_zip_open (path, FORMAT_LABEL, error);
  if (self->zip == NULL)
    return NULL;

  if (chrono_zip_has_part (self->zip, "mimetype"))
    {
      g_autoptr(GBytes) bytes = chrono_zip_read_part (self->zip, "mimetype", 256, error);
      g_autofree char *mimetype = NULL;
      gsize len;
      const char *data;

      if (bytes == NULL)
        return NULL;
      data = g_bytes_get_data (bytes, &len);
      /* An empty part has no data at all: g_strndup (NULL, 0) is NULL. */
      mimetype = g_strstrip (g_strndup (data != NULL ? data : "", len));
      if (!g_str_has_prefix (mimetype, ODS_MIMETYPE))
        {
          chrono_zip_set_wrong_format (self->zip, error);
          return NULL;
        }
      if (!chrono_zip_has_part (self->zip, CONTENT_PART))
        {
          g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                       "“%s”: part %s is missing", chrono_zip_get_display_name (self->zip),
                       CONTENT_PART);
          return NULL;
        }
    }
  else if (!chrono_zip_has_part (self->zip, CONTENT_PART))
    {
      chrono_zip_set_wrong_format (self->zip, error);
      return NULL;
    }

  if (!list_sheets (self, error))
    return NULL;
  if (self->sheets->len == 0)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_NO_TABLE,
                   "“%s” has no sheet to read", chrono_zip_get_display_name (self->zip));
      return NULL;
    }

  candidates = g_new0 (ChronoSheetCandidate, self->sheets->len);
  for (guint i = 0; i < self->sheets->len; i++)
    {
      OdsSheet *sheet = &g_array_index (self->sheets, OdsSheet, i);

      candidates[i].score = sheet->score;
      candidates[i].name = sheet->name;
      candidates[i].readable = TRUE;
    }
  if (!chrono_ods_reader_select_sheet (self,
                                       chrono_office_pick_sheet (candidates, self->sheets->len),
                                       error))
    return NULL;
  return g_steal_pointer (&self);
}

guint
chrono_ods_reader_get_n_sheets (ChronoOdsReader *self)
{
  g_return_val_if_fail (CHRONO_IS_ODS_READER (self), 0);
  return self->sheets->len;
}

const char *
chrono_ods_reader_get_sheet_name (ChronoOdsReader *self,
                                  guint            index)
{
  g_return_val_if_fail (CHRONO_IS_ODS_READER (self), NULL);
  g_return_val_if_fail (index < self->sheets->len, NULL);
  return g_array_index (self->sheets, OdsSheet, index).name;
}

gboolean
chrono_ods_reader_select_sheet (ChronoOdsReader  *self,
                                guint             index,
                                GError          **error)
{
  g_autoptr(OdsParser) p = NULL;

  g_return_val_if_fail (CHRONO_IS_ODS_READER (self), FALSE);
  g_return_val_if_fail (index < self->sheets->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_pointer (&self->parser, ods_parser_free);
  self->selected = index;

  p = ods_parser_new (self->zip, error);
  if (p == NULL)
    return FALSE;
  for (guint i = 0; i <= index; i++)
    {
      int r = ods_parser_find_table (p, NULL, error);

      if (r < 0)
        return FALSE;
      if (r == 0)
        {
          g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                       "“%s”: part %s changed while it was read",
                       chrono_zip_get_display_name (self->zip), CONTENT_PART);
          return FALSE;
        }
      if (i < index)
        chrono_xml_reader_skip (p->xml);
    }
  self->parser = g_steal_pointer (&p);
  return TRUE;
}

guint
chrono_ods_reader_get_selected_sheet (ChronoOdsReader *self)
{
  g_return_val_if_fail (CHRONO_IS_ODS_READER (self), 0);
  return self->selected;
}

gboolean
chrono_ods_reader_next_row (ChronoOdsReader  *self,
                            GPtrArray       **cells,
                            guint64          *row_number,
                            GError          **error)
{
  int r;

  g_return_val_if_fail (CHRONO_IS_ODS_READER (self), FALSE);
  g_return_val_if_fail (cells != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->parser == NULL)
    return FALSE;
  r = ods_parser_next_row (self->parser, cells, row_number, error);
  if (r == 1)
    return TRUE;
  g_clear_pointer (&self->parser, ods_parser_free);
  return FALSE;
}
