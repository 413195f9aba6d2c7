/* chrono-docx-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-docx-reader"

#include "chrono-docx-reader.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define FORMAT_LABEL N_("a Word document (.docx)")

/* One pass over the main document part. */
typedef struct
{
  ChronoXmlReader  *xml;
  ChronoRowBuilder  row;
  GString          *text;

  gboolean          seen_root;
  gboolean          wrong_root;

  /* the current table */
  guint             tbl_depth;  /* 1 in the table, more inside nested ones */
  gboolean          table_done;
  guint64           row_index;
  guint64           col;
  gboolean          in_row;
  gboolean          in_trpr;

  /* the current cell */
  gboolean          in_cell;
  gboolean          in_tcpr;
  gboolean          in_run;
  gboolean          in_t;
  guint64           span;
  gboolean          merged;     /* continues a merge: shown as "" */
  guint             n_paras;
} DocxParser;

typedef struct
{
  ChronoTableScore score;
  guint            n_rows;
} DocxTable;

struct _ChronoDocxReader
{
  GObject     parent_instance;

  ChronoZip  *zip;
  char       *document_part;
  GArray     *tables;    /* DocxTable */
  guint       selected;
  DocxParser *parser;    /* NULL once the selected table is done */
};

static void chrono_docx_reader_row_source_init (ChronoRowSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChronoDocxReader, chrono_docx_reader, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CHRONO_TYPE_ROW_SOURCE,
                                                      chrono_docx_reader_row_source_init))

/* ---- parser ------------------------------------------------------------- */

static void
docx_parser_free (DocxParser *p)
{
  if (p == NULL)
    return;
  chrono_xml_reader_free (p->xml);
  chrono_row_builder_clear (&p->row);
  g_string_free (p->text, TRUE);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DocxParser, docx_parser_free)

static DocxParser *
docx_parser_new (ChronoZip   *zip,
                 const char  *part,
                 GError     **error)
{
  ChronoXmlReader *xml = chrono_xml_reader_open (zip, part, error);
  DocxParser *p;

  if (xml == NULL)
    return NULL;
  p = g_new0 (DocxParser, 1);
  p->xml = xml;
  chrono_row_builder_init (&p->row);
  p->text = g_string_new (NULL);
  p->table_done = TRUE;
  return p;
}

/* Content that is not the text of the flow it sits in. */
static gboolean
is_skipped (ChronoXmlNs  ns,
            const char  *local)
{
  if (ns == CHRONO_NS_MC)
    return g_str_equal (local, "Fallback");
  if (ns != CHRONO_NS_WML)
    return FALSE;
  return g_str_equal (local, "drawing") || g_str_equal (local, "pict") ||
         g_str_equal (local, "object") || g_str_equal (local, "txbxContent") ||
         g_str_equal (local, "moveFrom") || g_str_equal (local, "del");
}

static guint64
parse_count (ChronoXmlReader *xml,
             guint64          fallback)
{
  g_autofree char *value = chrono_xml_reader_dup_attr (xml, CHRONO_NS_WML, "val");
  guint64 n;

  if (value == NULL ||
      !g_ascii_string_to_unsigned (value, 10, 0, CHRONO_OFFICE_MAX_COLUMNS, &n, NULL))
    return fallback;
  return n;
}

/* Advances to the next top-level w:tbl: 1, or 0 when there is no more
 * (p->wrong_root says whether this is not a WordprocessingML document). */
static int
docx_parser_find_table (DocxParser  *p,
                        GError     **error)
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
          if (ns != CHRONO_NS_WML || !g_str_equal (local, "document"))
            {
              p->wrong_root = TRUE;
              return 0;
            }
          continue;
        }
      if (is_skipped (ns, local))
        {
          chrono_xml_reader_skip (xml);
          continue;
        }
      if (ns == CHRONO_NS_WML && g_str_equal (local, "tbl"))
        {
          p->table_done = chrono_xml_reader_is_empty (xml);
          p->tbl_depth = 1;
          p->row_index = 0;
          p->in_row = p->in_cell = p->in_trpr = p->in_tcpr = p->in_run = p->in_t = FALSE;
          return 1;
        }
    }
  return r;
}

static void
begin_cell (DocxParser *p)
{
  g_string_truncate (p->text, 0);
  p->in_cell = TRUE;
  p->span = 1;
  p->merged = FALSE;
  p->n_paras = 0;
  p->in_tcpr = p->in_run = p->in_t = FALSE;
}

static void
end_cell (DocxParser *p)
{
  p->in_cell = p->in_tcpr = p->in_run = p->in_t = FALSE;
  chrono_office_trim_newlines (p->text);
  if (!p->merged && p->text->len > 0 && p->col < CHRONO_OFFICE_MAX_COLUMNS)
    chrono_row_builder_set (&p->row, (guint) p->col, p->text->str, p->text->len);
  p->col = MIN (p->col + MAX (p->span, 1), (guint64) CHRONO_OFFICE_MAX_COLUMNS);
}

static gboolean
append (DocxParser  *p,
        const char  *text,
        GError     **error)
{
  return chrono_office_append_cell_text (p->text, text, -1, p->xml, error);
}

/* The text a run's element stands for, or NULL. */
static const char *
run_element_text (const char *local)
{
  if (g_str_equal (local, "tab"))
    return "\t";
  if (g_str_equal (local, "br") || g_str_equal (local, "cr"))
    return "\n";
  if (g_str_equal (local, "noBreakHyphen"))
    return "-";
  return NULL;
}

/* The table's own structure: rows, cells and their properties (those of
 * nested tables are not looked at).  TRUE when @local was one of them. */
static gboolean
docx_parser_structure (DocxParser *p,
                       const char *local,
                       gboolean    empty)
{
  ChronoXmlReader *xml = p->xml;

  if (g_str_equal (local, "tr"))
    {
      p->row_index++;
      p->col = 0;
      chrono_row_builder_reset (&p->row);
      p->in_row = !empty;
      p->in_trpr = FALSE;
      return TRUE;
    }
  if (!p->in_row)
    return FALSE;

  if (!p->in_cell && g_str_equal (local, "trPr"))
    p->in_trpr = !empty;
  else if (p->in_trpr && g_str_equal (local, "gridBefore"))
    p->col = MIN (p->col + parse_count (xml, 0), (guint64) CHRONO_OFFICE_MAX_COLUMNS);
  else if (g_str_equal (local, "tc"))
    {
      if (p->in_cell)
        end_cell (p);
      begin_cell (p);
      if (empty)
        end_cell (p);
    }
  else if (p->in_cell && g_str_equal (local, "tcPr"))
    p->in_tcpr = !empty;
  else if (p->in_tcpr && g_str_equal (local, "gridSpan"))
    p->span = MAX (parse_count (xml, 1), 1);
  else if (p->in_tcpr && (g_str_equal (local, "vMerge") || g_str_equal (local, "hMerge")))
    {
      g_autofree char *value = chrono_xml_reader_dup_attr (xml, CHRONO_NS_WML, "val");

      /* no w:val means "continue" */
      p->merged = value == NULL || g_str_equal (value, "continue");
    }
  else
    return FALSE;
  return TRUE;
}

/* A WordprocessingML start tag inside the table; FALSE on error. */
static gboolean
docx_parser_start (DocxParser  *p,
                   const char  *local,
                   gboolean     empty,
                   GError     **error)
{
  const char *text;

  if (g_str_equal (local, "tbl"))
    {
      if (!empty)
        p->tbl_depth++;
      return TRUE;
    }
  if (p->tbl_depth == 1 && docx_parser_structure (p, local, empty))
    return TRUE;

  /* The cell's text, nested tables' paragraphs included. */
  if (!p->in_cell)
    return TRUE;
  if (g_str_equal (local, "p"))
    return p->n_paras++ == 0 || append (p, "\n", error);
  if (g_str_equal (local, "r"))
    {
      p->in_run = !empty;
      return TRUE;
    }
  if (!p->in_run)
    return TRUE;
  if (g_str_equal (local, "t"))
    {
      p->in_t = !empty;
      return TRUE;
    }
  text = run_element_text (local);
  return text == NULL || append (p, text, error);
}

/* 1 with a row, 0 at the end of the table, -1 on error. */
static int
docx_parser_next_row (DocxParser  *p,
                      GPtrArray  **cells,
                      guint64     *row_number,
                      GError     **error)
{
  ChronoXmlReader *xml = p->xml;
  int r;

  if (p->table_done)
    return 0;

  while ((r = chrono_xml_reader_read (xml, error)) == 1)
    {
      ChronoXmlNode node = chrono_xml_reader_node (xml);
      ChronoXmlNs ns;
      const char *local;

      if (node == CHRONO_XML_TEXT)
        {
          if (p->in_t && !append (p, chrono_xml_reader_text (xml), error))
            return -1;
          continue;
        }
      if (node == CHRONO_XML_OTHER)
        continue;

      ns = chrono_xml_reader_ns (xml);
      local = chrono_xml_reader_local_name (xml);
      if (node == CHRONO_XML_START)
        {
          if (is_skipped (ns, local))
            chrono_xml_reader_skip (xml);
          else if (ns == CHRONO_NS_WML &&
                   !docx_parser_start (p, local, chrono_xml_reader_is_empty (xml), error))
            return -1;
          continue;
        }

      /* CHRONO_XML_END */
      if (ns != CHRONO_NS_WML)
        continue;
      if (g_str_equal (local, "t"))
        p->in_t = FALSE;
      else if (g_str_equal (local, "r"))
        p->in_run = p->in_t = FALSE;
      else if (g_str_equal (local, "tbl"))
        {
          if (--p->tbl_depth == 0)
            {
              p->table_done = TRUE;
              return 0;
            }
        }
      else if (p->tbl_depth != 1)
        continue;
      else if (g_str_equal (local, "tcPr"))
        p->in_tcpr = FALSE;
      else if (g_str_equal (local, "trPr"))
        p->in_trpr = FALSE;
      else if (g_str_equal (local, "tc") && p->in_cell)
        end_cell (p);
      else if (g_str_equal (local, "tr") && p->in_row)
        {
          if (p->in_cell)
            end_cell (p);
          p->in_row = FALSE;
          if (chrono_row_builder_is_empty (&p->row))
            continue;
          *cells = chrono_row_builder_finish (&p->row);
          if (row_number != NULL)
            *row_number = p->row_index;
          return 1;
        }
    }
  if (r == 0)
    p->table_done = TRUE;
  return r;
}

/* ---- GObject ------------------------------------------------------------ */

static void
chrono_docx_reader_finalize (GObject *object)
{
  ChronoDocxReader *self = CHRONO_DOCX_READER (object);

  g_clear_pointer (&self->parser, docx_parser_free);
  g_clear_pointer (&self->tables, g_array_unref);
  g_clear_pointer (&self->document_part, g_free);
  g_clear_pointer (&self->zip, chrono_zip_free);

  G_OBJECT_CLASS (chrono_docx_reader_parent_class)->finalize (object);
}

static void
chrono_docx_reader_class_init (ChronoDocxReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chrono_docx_reader_finalize;
}

static void
chrono_docx_reader_init (ChronoDocxReader *self)
{
  self->tables = g_array_new (FALSE, TRUE, sizeof (DocxTable));
}

static gboolean
chrono_docx_reader_next_row_vfunc (ChronoRowSource  *source,
                                   GPtrArray       **cells,
                                   guint64          *row_number,
                                   GError          **error)
{
  return chrono_docx_reader_next_row (CHRONO_DOCX_READER (source), cells, row_number, error);
}

static void
chrono_docx_reader_row_source_init (ChronoRowSourceInterface *iface)
{
  iface->next_row = chrono_docx_reader_next_row_vfunc;
}

/* ---- public API --------------------------------------------------------- */

/* One pass over the document: each top-level table's rows and score. */
static gboolean
list_tables (ChronoDocxReader  *self,
             GError           **error)
{
  g_autoptr(DocxParser) p = docx_parser_new (self->zip, self->document_part, error);
  int r;

  if (p == NULL)
    return FALSE;

  while ((r = docx_parser_find_table (p, error)) == 1)
    {
      DocxTable table = { { 0 }, 0 };
      GPtrArray *cells;

      while ((r = docx_parser_next_row (p, &cells, NULL, error)) == 1)
        {
          table.n_rows++;
          chrono_table_score_add_row (&table.score, cells);
        }
      if (r < 0)
        return FALSE;
      g_array_append_val (self->tables, table);
    }
  if (r < 0)
    return FALSE;
  if (p->wrong_root)
    {
      chrono_zip_set_wrong_format (self->zip, error);
      return FALSE;
    }
  return TRUE;
}

static guint
pick_table (ChronoDocxReader *self)
{
  guint best = 0;
  guint64 best_key = 0;

  for (guint i = 0; i < self->tables->len; i++)
    {
      DocxTable *table = &g_array_index (self->tables, DocxTable, i);
      gboolean dated = table->score.date_header || table->score.date_rows >= 3;
      guint64 key = ((guint64) dated << 32) | table->n_rows;

      if (i == 0 || key > best_key)
        {
          best = i;
          best_key = key;
        }
    }
  return best;
}

ChronoDocxReader *
chrono_docx_reader_new_for_path (const char  *path,
                                 GError     **error)
{
  g_autoptr(ChronoDocxReader) self = NULL;
  g_autoptr(GHashTable) rels = NULL;
  ChronoZipRel *main_rel;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CHRONO_TYPE_DOCX_READER, NULL);
  self->zip = chrono_zip_open (path, FORMAT_LABEL, error);
  if (self->zip == NULL)
    return NULL;

  rels = chrono_zip_read_rels (self->zip, "", error);
  if (rels == NULL)
    return NULL;
  main_rel = chrono_zip_rels_find_type (rels, "officeDocument");
  if (main_rel != NULL && chrono_zip_has_part (self->zip, main_rel->target))
    self->document_part = g_strdup (main_rel->target);
  else if (chrono_zip_has_part (self->zip, "word/document.xml"))
    self->document_part = g_strdup ("word/document.xml");
  if (self->document_part == NULL || !g_str_has_suffix (self->document_part, ".xml"))
    {
      chrono_zip_set_wrong_format (self->zip, error);
      return NULL;
    }

  if (!list_tables (self, error))
    return NULL;
  if (self->tables->len == 0)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_NO_TABLE,
                   _("“%s” has no table; the chronology must be in a Word table"),
                   chrono_zip_get_display_name (self->zip));
      return NULL;
    }

  if (!chrono_docx_reader_select_table (self, pick_table (self), error))
    return NULL;
  return g_steal_pointer (&self);
}

guint
chrono_docx_reader_get_n_tables (ChronoDocxReader *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCX_READER (self), 0);
  return self->tables->len;
}

guint
chrono_docx_reader_get_table_n_rows (ChronoDocxReader *self,
                                     guint             index)
{
  g_return_val_if_fail (CHRONO_IS_DOCX_READER (self), 0);
  g_return_val_if_fail (index < self->tables->len, 0);
  return g_array_index (self->tables, DocxTable, index).n_rows;
}

gboolean
chrono_docx_reader_select_table (ChronoDocxReader  *self,
                                 guint              index,
                                 GError           **error)
{
  g_autoptr(DocxParser) p = NULL;

  g_return_val_if_fail (CHRONO_IS_DOCX_READER (self), FALSE);
  g_return_val_if_fail (index < self->tables->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_pointer (&self->parser, docx_parser_free);
  self->selected = index;

  p = docx_parser_new (self->zip, self->document_part, error);
  if (p == NULL)
    return FALSE;
  for (guint i = 0; i <= index; i++)
    {
      int r = docx_parser_find_table (p, error);

      if (r < 0)
        return FALSE;
      if (r == 0)
        {
          g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                       _("“%s”: part %s changed while it was read"),
                       chrono_zip_get_display_name (self->zip), self->document_part);
          return FALSE;
        }
      if (i < index)
        chrono_xml_reader_skip (p->xml);
    }
  self->parser = g_steal_pointer (&p);
  return TRUE;
}

guint
chrono_docx_reader_get_selected_table (ChronoDocxReader *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCX_READER (self), 0);
  return self->selected;
}

gboolean
chrono_docx_reader_next_row (ChronoDocxReader  *self,
                             GPtrArray        **cells,
                             guint64           *row_number,
                             GError           **error)
{
  int r;

  g_return_val_if_fail (CHRONO_IS_DOCX_READER (self), FALSE);
  g_return_val_if_fail (cells != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->parser == NULL)
    return FALSE;
  r = docx_parser_next_row (self->parser, cells, row_number, error);
  if (r == 1)
    return TRUE;
  g_clear_pointer (&self->parser, docx_parser_free);
  return FALSE;
}
