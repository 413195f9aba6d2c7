/* chrono-zip-xml.h: safe ZIP + streaming XML plumbing for the office readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CHRONO_OFFICE_ERROR (chrono_office_error_quark ())

typedef enum
{
  CHRONO_OFFICE_ERROR_NOT_ZIP,         /* not a ZIP archive at all (text, old .xls/.doc, empty file) */
  CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT, /* a ZIP, but not the kind of document asked for */
  CHRONO_OFFICE_ERROR_CORRUPT,         /* damaged archive or XML, a DTD, a part that is missing */
  CHRONO_OFFICE_ERROR_TOO_LARGE,       /* past one of the limits below (zip bombs and the like) */
  CHRONO_OFFICE_ERROR_NO_TABLE,        /* a valid document with no sheet or table to read */
  CHRONO_OFFICE_ERROR_ENCRYPTED,       /* the part needed is encrypted */
} ChronoOfficeError;

/* Limits.  A part is refused when its declared size is above
 * CHRONO_OFFICE_MAX_PART_SIZE, or when it is above
 * CHRONO_OFFICE_RATIO_MIN_SIZE and inflates more than
 * CHRONO_OFFICE_MAX_RATIO times; the bytes actually inflated are counted too,
 * so a part whose header lies cannot get past either. */
#define CHRONO_OFFICE_MAX_ENTRIES     4096
#define CHRONO_OFFICE_MAX_PART_SIZE   (G_GUINT64_CONSTANT (1) << 30)
#define CHRONO_OFFICE_RATIO_MIN_SIZE  (G_GUINT64_CONSTANT (100) * 1024 * 1024)
#define CHRONO_OFFICE_MAX_RATIO       1000
/* All shared strings of a workbook together, held in memory. */
#define CHRONO_OFFICE_MAX_SHARED_TEXT (G_GUINT64_CONSTANT (256) * 1024 * 1024)
/* One cell's text; no chronology entry is 1 MiB. */
#define CHRONO_OFFICE_MAX_CELL        (1024 * 1024)
/* Excel's and LibreOffice's grid. */
#define CHRONO_OFFICE_MAX_COLUMNS     16384
#define CHRONO_OFFICE_MAX_ROWS        1048576
/* Rows read from each sheet or table to choose the default one. */
#define CHRONO_OFFICE_SCORE_ROWS      40

GQuark chrono_office_error_quark (void);

/* ---- ZIP ---------------------------------------------------------------- */

typedef struct _ChronoZip ChronoZip;

/* Opens @path read-only.  @format_label names what the caller wants, for
 * messages ("an Excel workbook (.xlsx)").  Fails with NOT_ZIP for an empty
 * file, a non-ZIP (with a hint for old binary or password-protected Office
 * files), CORRUPT for a damaged or truncated ZIP, TOO_LARGE for an archive
 * with more than CHRONO_OFFICE_MAX_ENTRIES entries, or a GFileError. */
ChronoZip  *chrono_zip_open              (const char  *path,
                                          const char  *format_label,
                                          GError     **error);
void        chrono_zip_free              (ChronoZip   *zip);
/* The file's name for messages (UTF-8). */
const char *chrono_zip_get_display_name  (ChronoZip   *zip);
/* Part names are matched without regard to case, as OPC says. */
gboolean    chrono_zip_has_part          (ChronoZip   *zip,
                                          const char  *name);
/* Reads a small part whole (at most @max_size bytes, else TOO_LARGE). */
GBytes     *chrono_zip_read_part         (ChronoZip   *zip,
                                          const char  *name,
                                          gsize        max_size,
                                          GError     **error);
/* Sets NOT_THIS_FORMAT on @error, saying what the archive seems to be. */
void        chrono_zip_set_wrong_format  (ChronoZip   *zip,
                                          GError     **error);

/* Relationship parts (OPC).  Returns the targets of @source_part's
 * relationships (source "" for the package's own _rels/.rels), resolved to
 * part names, keyed by Id; external targets are left out.  A missing rels
 * part gives an empty table. */
typedef struct
{
  char *type;    /* the Type URI */
  char *target;  /* the part name, e.g. "xl/worksheets/sheet1.xml" */
} ChronoZipRel;

GHashTable *chrono_zip_read_rels         (ChronoZip   *zip,
                                          const char  *source_part,
                                          GError     **error);
/* The first relationship whose Type ends with "/" @type_suffix, or NULL. */
ChronoZipRel *chrono_zip_rels_find_type  (GHashTable  *rels,
                                          const char  *type_suffix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoZip, chrono_zip_free)

/* ---- streaming XML ------------------------------------------------------ */

/* The vocabularies the readers know, transitional and strict spellings. */
typedef enum
{
  CHRONO_NS_OTHER,
  CHRONO_NS_NONE,        /* no namespace */
  CHRONO_NS_SML,         /* SpreadsheetML main */
  CHRONO_NS_WML,         /* WordprocessingML main */
  CHRONO_NS_OFFICE_REL,  /* r:id and friends */
  CHRONO_NS_PKG_REL,     /* _rels parts */
  CHRONO_NS_MC,          /* markup compatibility */
  CHRONO_NS_ODF_OFFICE,
  CHRONO_NS_ODF_TABLE,
  CHRONO_NS_ODF_TEXT,
  CHRONO_NS_ODF_DRAW,
} ChronoXmlNs;

typedef enum
{
  CHRONO_XML_OTHER,
  CHRONO_XML_START,  /* a start tag; chrono_xml_reader_is_empty() for <x/> */
  CHRONO_XML_END,
  CHRONO_XML_TEXT,   /* text, CDATA or whitespace */
} ChronoXmlNode;

typedef struct _ChronoXmlReader ChronoXmlReader;

/* Streams @part through libxml2's xmlTextReader, never building a tree.
 * Parsed with XML_PARSE_NONET and without entity substitution, DTD loading
 * or the "huge" limits; a document type declaration or entity reference is
 * refused (CORRUPT) since Office files never have them.  Fails when the part
 * is missing (CORRUPT), too large or too compressed (TOO_LARGE), encrypted,
 * or is itself a ZIP archive (CORRUPT). */
ChronoXmlReader *chrono_xml_reader_open         (ChronoZip        *zip,
                                                 const char       *part,
                                                 GError          **error);
void             chrono_xml_reader_free         (ChronoXmlReader  *self);
/* 1: at the next node; 0: end of the document; -1: error set. */
int              chrono_xml_reader_read         (ChronoXmlReader  *self,
                                                 GError          **error);
/* Skips the current element's content: the next read() returns the node
 * after its end tag.  Nothing to do for an empty element or a non-element. */
void             chrono_xml_reader_skip         (ChronoXmlReader  *self);
ChronoXmlNode    chrono_xml_reader_node         (ChronoXmlReader  *self);
ChronoXmlNs      chrono_xml_reader_ns           (ChronoXmlReader  *self);
const char      *chrono_xml_reader_local_name   (ChronoXmlReader  *self);
gboolean         chrono_xml_reader_is_empty     (ChronoXmlReader  *self);
int              chrono_xml_reader_depth        (ChronoXmlReader  *self);
/* The text of a TEXT node (valid until the next read), else NULL. */
const char      *chrono_xml_reader_text         (ChronoXmlReader  *self);
/* Walks the current element's attributes: TRUE with the next one (strings
 * valid until the next call), FALSE after the last one. */
gboolean         chrono_xml_reader_next_attr    (ChronoXmlReader  *self,
                                                 ChronoXmlNs      *ns,
                                                 const char      **local_name,
                                                 const char      **value);
/* Convenience: start tag in @ns called @local_name. */
gboolean         chrono_xml_reader_is_start     (ChronoXmlReader  *self,
                                                 ChronoXmlNs       ns,
                                                 const char       *local_name);
gboolean         chrono_xml_reader_is_end       (ChronoXmlReader  *self,
                                                 ChronoXmlNs       ns,
                                                 const char       *local_name);
/* A copy of the attribute's value, or NULL. */
char            *chrono_xml_reader_dup_attr     (ChronoXmlReader  *self,
                                                 ChronoXmlNs       ns,
                                                 const char       *local_name);
const char      *chrono_xml_reader_get_part     (ChronoXmlReader  *self);
/* Sets CORRUPT: "<file>: <part>, line N: <message>". */
void             chrono_xml_reader_set_corrupt  (ChronoXmlReader  *self,
                                                 GError          **error,
                                                 const char       *format,
                                                 ...) G_GNUC_PRINTF (3, 4);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoXmlReader, chrono_xml_reader_free)

/* ---- rows --------------------------------------------------------------- */

/* Builds one row of cells with no allocation per cell: the texts live in one
 * buffer, and the finished array points into it (empty cells point to a
 * shared ""), trimmed after the last non-empty cell. */
typedef struct
{
  GString   *text;
  GArray    *offsets;  /* gssize per column, -1 when empty */
  GPtrArray *cells;
} ChronoRowBuilder;

void       chrono_row_builder_init      (ChronoRowBuilder *self);
void       chrono_row_builder_clear     (ChronoRowBuilder *self);
void       chrono_row_builder_reset     (ChronoRowBuilder *self);
/* Sets column @column (0-based, < CHRONO_OFFICE_MAX_COLUMNS) to @text; an
 * empty text clears it. */
void       chrono_row_builder_set       (ChronoRowBuilder *self,
                                         guint             column,
                                         const char       *text,
                                         gsize             length);
/* Copies column @from into @to (for repeated cells). */
void       chrono_row_builder_copy      (ChronoRowBuilder *self,
                                         guint             from,
                                         guint             to);
gboolean   chrono_row_builder_is_empty  (ChronoRowBuilder *self);
/* Valid until the next reset. */
GPtrArray *chrono_row_builder_finish    (ChronoRowBuilder *self);

/* ---- values ------------------------------------------------------------- */

typedef enum
{
  CHRONO_NUM_GENERAL,
  CHRONO_NUM_DATE,   /* a date format, with or without time of day */
  CHRONO_NUM_TIME,   /* a time-of-day format with no date part */
} ChronoNumKind;

/* Classifies an Excel number format: built-in ids 14-22 and 27-36, 45-47,
 * 50-58, or a code with d, m, y or h outside quotes, brackets and escapes
 * (elapsed-time codes like [h]:mm stay numbers). */
ChronoNumKind chrono_office_num_kind_for_id   (guint        num_fmt_id);
ChronoNumKind chrono_office_num_kind_for_code (const char  *format_code);
/* Shortest sensible text for a number: "%.15g" in the C locale ("40757",
 * "3.5", "1e+20"), "-0" as "0". */
void          chrono_office_format_number     (double       value,
                                               GString     *out);
/* A spreadsheet serial date as "YYYY-MM-DD", "YYYY-MM-DD HH:MM" (when the
 * time of day, rounded to the second, has minutes) or "HH:MM" for
 * CHRONO_NUM_TIME.  The 1900 system counts 1900-01-01 as 1 and keeps
 * Excel's phantom 1900-02-29 (60); the 1904 system counts 1904-01-01 as 0.
 * FALSE (nothing appended) when out of range (before 1900/1904, after 9999). */
gboolean      chrono_office_format_serial     (double       serial,
                                               gboolean     date1904,
                                               ChronoNumKind kind,
                                               GString     *out);
/* An ISO 8601 date or date-time ("2011-08-02", "2011-08-02T13:30:00.5Z")
 * as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM"; FALSE if it is not one. */
gboolean      chrono_office_format_iso        (const char  *iso,
                                               GString     *out);

/* ---- choosing the sheet or table that holds the chronology ------------- */

typedef struct
{
  guint    rows;          /* non-empty rows seen */
  guint    date_cells;    /* date-formatted cells plus date-looking texts */
  guint    best_header;   /* most header-word cells in any one row */
  gboolean date_header;   /* a short cell with "date"/"when" in the first 3 rows */
  guint    date_rows;     /* rows with at least one date cell */
} ChronoTableScore;

/* Adds a row (of up to CHRONO_OFFICE_SCORE_ROWS) to @score.  Typed dates
 * count because the readers have already rendered them as ISO text. */
void     chrono_table_score_add_row     (ChronoTableScore *score,
                                         GPtrArray        *cells);
/* date_cells + 3 * best_header. */
guint    chrono_table_score_value       (const ChronoTableScore *score);

typedef struct
{
  ChronoTableScore score;
  const char      *name;
  gboolean         readable;  /* its first rows could be read */
  gboolean         hidden;
} ChronoSheetCandidate;

/* The default sheet: the best by (readable, score > 0, visible, not named
 * like guidance, score), the first one on ties. */
guint    chrono_office_pick_sheet       (const ChronoSheetCandidate *candidates,
                                         guint                       n_candidates);
/* TRUE for names like "Guidance", "Instructions", "Cover", "Read me",
 * "Example", "Lists": sheets beside the chronology, not the chronology. */
gboolean chrono_office_name_is_aside    (const char       *name);
/* For scoring only: a short text shaped like a date ("02/08/2011",
 * "2011-08-02", "11 December 2010", "around August 2011", "2004"). */
gboolean chrono_office_text_looks_like_date (const char   *text);

/* Cell text helpers: appends @text to @out (a cell) and fails with
 * TOO_LARGE once the cell is past CHRONO_OFFICE_MAX_CELL. */
gboolean chrono_office_append_cell_text (GString          *out,
                                         const char       *text,
                                         gssize            length,
                                         ChronoXmlReader  *reader,
                                         GError          **error);
/* Removes leading and trailing "\n" (paragraph joins) from @text. */
void     chrono_office_trim_newlines    (GString          *text);

G_END_DECLS
