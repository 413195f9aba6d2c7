/* chrono-zip-xml.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-zip-xml"

#include "chrono-zip-xml.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <zip.h>

G_DEFINE_QUARK (chrono-office-error-quark, chrono_office_error)

/* ---- ZIP ---------------------------------------------------------------- */

struct _ChronoZip
{
  zip_t *archive;
  char  *display_name;
  char  *format_label;
};

static const guchar zip_local_magic[4] = { 'P', 'K', 3, 4 };
static const guchar zip_empty_magic[4] = { 'P', 'K', 5, 6 };
static const guchar ole2_magic[8] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };

static void
init_libxml_once (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

static char *
libzip_error_text (int code)
{
  zip_error_t zerr;
  char *text;

  zip_error_init_with_code (&zerr, code);
  text = g_strdup (zip_error_strerror (&zerr));
  zip_error_fini (&zerr);
  return text;
}

ChronoZip *
chrono_zip_open (const char  *path,
                 const char  *format_label,
                 GError     **error)
{
  g_autofree char *display_name = NULL;
  guchar head[8] = { 0 };
  GStatBuf st;
  gssize n_read;
  zip_t *archive;
  zip_int64_t n_entries;
  ChronoZip *zip;
  int zerr = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (format_label != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  init_libxml_once ();
  display_name = g_filename_display_basename (path);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not open “%s”: %s"), display_name, g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("“%s” is not a regular file"), display_name);
      close (fd);
      return NULL;
    }
  do
    n_read = read (fd, head, sizeof head);
  while (n_read < 0 && errno == EINTR);
  if (n_read < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not read “%s”: %s"), display_name, g_strerror (saved_errno));
      close (fd);
      return NULL;
    }
  close (fd);

  if (st.st_size == 0)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_NOT_ZIP,
                   _("“%s” is empty (0 bytes), so it is not %s"), display_name,
                   _(format_label));
      return NULL;
    }
  if (n_read == sizeof head && memcmp (head, ole2_magic, sizeof ole2_magic) == 0)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_NOT_ZIP,
                   _("“%s” is an older binary Office file (.xls or .doc) or a "
                     "password-protected document, not %s; open it in Excel, Word "
                     "or LibreOffice and save it as .xlsx, .docx or .ods without a password"),
                   display_name, _(format_label));
      return NULL;
    }
  if (n_read < 4 ||
      (memcmp (head, zip_local_magic, 4) != 0 && memcmp (head, zip_empty_magic, 4) != 0))
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_NOT_ZIP,
                   _("“%s” is not %s: it is not a ZIP archive (is it a text or CSV "
                     "file with the wrong extension?)"), display_name, _(format_label));
      return NULL;
    }

  archive = zip_open (path, ZIP_RDONLY, &zerr);
  if (archive == NULL)
    {
      g_autofree char *reason = libzip_error_text (zerr);

      if (zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ || zerr == ZIP_ER_SEEK)
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO,
                     _("Could not read “%s”: %s"), display_name, reason);
      else if (zerr == ZIP_ER_NOZIP)
        g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                     _("“%s” is a damaged or incomplete ZIP archive; it may not have "
                       "been saved or downloaded completely"), display_name);
      else
        g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                     _("“%s” is a damaged or incomplete ZIP archive (%s); it may not "
                       "have been saved or downloaded completely"), display_name, reason);
      return NULL;
    }

  n_entries = zip_get_num_entries (archive, 0);
  if (n_entries > CHRONO_OFFICE_MAX_ENTRIES)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_TOO_LARGE,
                   _("“%s” holds %" PRId64 " files; an office document has "
                     "far fewer (the limit is %d), so it was not opened"),
                   display_name, (gint64) n_entries, CHRONO_OFFICE_MAX_ENTRIES);
      zip_discard (archive);
      return NULL;
    }

  zip = g_new0 (ChronoZip, 1);
  zip->archive = archive;
  zip->display_name = g_steal_pointer (&display_name);
  zip->format_label = g_strdup (format_label);
  return zip;
}

void
chrono_zip_free (ChronoZip *zip)
{
  if (zip == NULL)
    return;
  zip_discard (zip->archive);
  g_free (zip->display_name);
  g_free (zip->format_label);
  g_free (zip);
}

const char *
chrono_zip_get_display_name (ChronoZip *zip)
{
  return zip->display_name;
}

static zip_int64_t
locate_part (ChronoZip  *zip,
             const char *name)
{
  zip_int64_t index = zip_name_locate (zip->archive, name, 0);

  if (index < 0)
    index = zip_name_locate (zip->archive, name, ZIP_FL_NOCASE);
  return index;
}

gboolean
chrono_zip_has_part (ChronoZip  *zip,
                     const char *name)
{
  return locate_part (zip, name) >= 0;
}

/* Checks the part's header before anything is inflated. */
static gboolean
check_part (ChronoZip    *zip,
            zip_uint64_t  index,
            const char   *name,
            zip_stat_t   *st,
            GError      **error)
{
  zip_stat_init (st);
  if (zip_stat_index (zip->archive, index, 0, st) != 0)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                   _("“%s”: part %s cannot be read: %s"), zip->display_name, name,
                   zip_strerror (zip->archive));
      return FALSE;
    }
  if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_ENCRYPTED,
                   _("“%s”: part %s is encrypted; save the file again without a password"),
                   zip->display_name, name);
      return FALSE;
    }
  if ((st->valid & ZIP_STAT_SIZE) && st->size > CHRONO_OFFICE_MAX_PART_SIZE)
    {
      g_autofree char *size = g_format_size (st->size);

      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_TOO_LARGE,
                   _("“%s”: part %s would unpack to %s, more than the 1 GiB limit"),
                   zip->display_name, name, size);
      return FALSE;
    }
  if ((st->valid & ZIP_STAT_SIZE) && (st->valid & ZIP_STAT_COMP_SIZE) &&
      st->size > CHRONO_OFFICE_RATIO_MIN_SIZE &&
      st->size / MAX (st->comp_size, 1) > CHRONO_OFFICE_MAX_RATIO)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_TOO_LARGE,
                   _("“%s”: part %s is compressed more than %d to 1, a sign of a "
                     "“zip bomb”; it was not unpacked"), zip->display_name, name,
                   CHRONO_OFFICE_MAX_RATIO);
      return FALSE;
    }
  if ((st->valid & ZIP_STAT_COMP_METHOD) &&
      !zip_compression_method_supported (st->comp_method, 0))
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                   _("“%s”: part %s uses a compression method (%d) that cannot be read"),
                   zip->display_name, name, (int) st->comp_method);
      return FALSE;
    }
  return TRUE;
}

static zip_file_t *
open_part (ChronoZip   *zip,
           const char  *name,
           zip_stat_t  *st,
           GError     **error)
{
  zip_int64_t index = locate_part (zip, name);
  zip_file_t *file;

  if (index < 0)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                   _("“%s”: part %s is missing"), zip->display_name, name);
      return NULL;
    }
  if (!check_part (zip, (zip_uint64_t) index, name, st, error))
    return NULL;

  file = zip_fopen_index (zip->archive, (zip_uint64_t) index, 0);
  if (file == NULL)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                   _("“%s”: part %s cannot be opened: %s"), zip->display_name, name,
                   zip_strerror (zip->archive));
      return NULL;
    }
  return file;
}

GBytes *
chrono_zip_read_part (ChronoZip   *zip,
                      const char  *name,
                      gsize        max_size,
                      GError     **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  zip_stat_t st;
  zip_file_t *file;
  guint8 buffer[4096];

  file = open_part (zip, name, &st, error);
  if (file == NULL)
    return NULL;

  for (;;)
    {
      zip_int64_t n = zip_fread (file, buffer, sizeof buffer);

      if (n < 0)
        {
          g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                       _("“%s”: part %s is damaged: %s"), zip->display_name, name,
                       zip_file_strerror (file));
          zip_fclose (file);
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > max_size)
        {
          g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_TOO_LARGE,
                       _("“%s”: part %s is larger than expected"), zip->display_name, name);
          zip_fclose (file);
          return NULL;
        }
      g_byte_array_append (data, buffer, (guint) n);
    }
  zip_fclose (file);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static char *
read_mimetype (ChronoZip *zip)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *data;

  if (!chrono_zip_has_part (zip, "mimetype"))
    return NULL;
  bytes = chrono_zip_read_part (zip, "mimetype", 256, NULL);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  /* An empty part has no data at all: g_strndup (NULL, 0) is NULL. */
  return g_strstrip (g_strndup (data != NULL ? data : "", len));
}

static const char *
describe_archive (ChronoZip *zip)
{
  g_autofree char *mimetype = read_mimetype (zip);

  if (mimetype != NULL)
    {
      if (g_str_has_prefix (mimetype, "application/vnd.oasis.opendocument.spreadsheet"))
        return "an OpenDocument spreadsheet (.ods)";
      if (g_str_has_prefix (mimetype, "application/vnd.oasis.opendocument.text"))
        return "an OpenDocument text document (.odt)";
      if (g_str_has_prefix (mimetype, "application/vnd.oasis.opendocument.presentation"))
        return "an OpenDocument presentation (.odp)";
      if (g_str_has_prefix (mimetype, "application/vnd.oasis.opendocument."))
        return "an OpenDocument file";
      if (g_str_has_prefix (mimetype, "application/epub"))
        return "an e-book (.epub)";
    }
  if (chrono_zip_has_part (zip, "xl/workbook.xml"))
    return N_("an Excel workbook (.xlsx)");
  if (chrono_zip_has_part (zip, "xl/workbook.bin"))
    return N_("a binary Excel workbook (.xlsb)");
  if (chrono_zip_has_part (zip, "word/document.xml"))
    return N_("a Word document (.docx)");
  if (chrono_zip_has_part (zip, "ppt/presentation.xml"))
    return N_("a PowerPoint presentation (.pptx)");
  if (chrono_zip_has_part (zip, "content.xml"))
    return N_("an OpenDocument file");
  return NULL;
}

void
chrono_zip_set_wrong_format (ChronoZip  *zip,
                             GError    **error)
{
  const char *what = describe_archive (zip);

  if (what == NULL)
    g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT,
                 _("“%s” is a ZIP archive, not %s"), zip->display_name, _(zip->format_label));
  else if (g_str_equal (what, zip->format_label))
    g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT,
                 _("“%s” is a ZIP archive whose parts are not those of %s"),
                 zip->display_name, _(zip->format_label));
  else
    g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_NOT_THIS_FORMAT,
                 _("“%s” is %s, not %s"), zip->display_name, _(what),
                 _(zip->format_label));
}

/* ---- relationships ------------------------------------------------------ */

static void
zip_rel_free (gpointer data)
{
  ChronoZipRel *rel = data;

  g_free (rel->type);
  g_free (rel->target);
  g_free (rel);
}

/* Resolves @target against the folder of @source_part into a part name. */
static char *
resolve_target (const char *source_part,
                const char *target)
{
  g_autofree char *unescaped = g_uri_unescape_string (target, NULL);
  g_autoptr(GPtrArray) segments = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_auto(GStrv) parts = NULL;
  GString *out;
  const char *slash;

  if (unescaped == NULL)
    unescaped = g_strdup (target);
  g_strdelimit (unescaped, "\\", '/');

  slash = strrchr (source_part, '/');
  if (unescaped[0] == '/' || slash == NULL)
    joined = g_strdup (unescaped);
  else
    joined = g_strdup_printf ("%.*s/%s", (int) (slash - source_part), source_part, unescaped);

  parts = g_strsplit (joined, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || g_str_equal (parts[i], "."))
        continue;
      if (g_str_equal (parts[i], ".."))
        {
          if (segments->len > 0)
            g_ptr_array_set_size (segments, segments->len - 1);
          continue;
        }
      g_ptr_array_add (segments, parts[i]);
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < segments->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '/');
      g_string_append (out, g_ptr_array_index (segments, i));
    }
  return g_string_free (out, FALSE);
}

static void
replace_str (char       **str,
             const char  *value)
{
  g_free (*str);
  *str = g_strdup (value);
}

GHashTable *
chrono_zip_read_rels (ChronoZip   *zip,
                      const char  *source_part,
                      GError     **error)
{
  g_autoptr(GHashTable) rels = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                      g_free, zip_rel_free);
  g_autoptr(ChronoXmlReader) xml = NULL;
  g_autofree char *rels_part = NULL;
  const char *slash;
  int r;

  slash = strrchr (source_part, '/');
  if (source_part[0] == '\0')
    rels_part = g_strdup ("_rels/.rels");
  else if (slash == NULL)
    rels_part = g_strdup_printf ("_rels/%s.rels", source_part);
  else
    rels_part = g_strdup_printf ("%.*s/_rels/%s.rels", (int) (slash - source_part),
                                 source_part, slash + 1);

  if (!chrono_zip_has_part (zip, rels_part))
    return g_steal_pointer (&rels);

  xml = chrono_xml_reader_open (zip, rels_part, error);
  if (xml == NULL)
    return NULL;

  while ((r = chrono_xml_reader_read (xml, error)) == 1)
    {
      g_autofree char *id = NULL;
      g_autofree char *type = NULL;
      g_autofree char *target = NULL;
      gboolean external = FALSE;
      const char *local, *value;
      ChronoXmlNs ns;
      ChronoZipRel *rel;

      if (chrono_xml_reader_node (xml) != CHRONO_XML_START ||
          !g_str_equal (chrono_xml_reader_local_name (xml), "Relationship"))
        continue;

      while (chrono_xml_reader_next_attr (xml, &ns, &local, &value))
        {
          if (ns != CHRONO_NS_NONE)
            continue;
          if (g_str_equal (local, "Id"))
            replace_str (&id, value);
          else if (g_str_equal (local, "Type"))
            replace_str (&type, value);
          else if (g_str_equal (local, "Target"))
            replace_str (&target, value);
          else if (g_str_equal (local, "TargetMode"))
            external = g_ascii_strcasecmp (value, "External") == 0;
        }
      if (id == NULL || type == NULL || target == NULL || external)
        continue;

      rel = g_new0 (ChronoZipRel, 1);
      rel->type = g_steal_pointer (&type);
      rel->target = resolve_target (source_part, target);
      g_hash_table_replace (rels, g_steal_pointer (&id), rel);
    }
  if (r < 0)
    return NULL;

  return g_steal_pointer (&rels);
}

ChronoZipRel *
chrono_zip_rels_find_type (GHashTable *rels,
                           const char *type_suffix)
{
  g_autofree char *suffix = g_strconcat ("/", type_suffix, NULL);
  g_autoptr(GList) keys = g_hash_table_get_keys (rels);
  ChronoZipRel *found = NULL;
  const char *found_id = NULL;

  /* Deterministic: the lowest Id wins when several match. */
  for (GList *l = keys; l != NULL; l = l->next)
    {
      ChronoZipRel *rel = g_hash_table_lookup (rels, l->data);

      if (!g_str_has_suffix (rel->type, suffix))
        continue;
      if (found_id == NULL || strcmp (l->data, found_id) < 0)
        {
          found = rel;
          found_id = l->data;
        }
    }
  return found;
}

/* ---- streaming XML ------------------------------------------------------ */

#define HEAD_SIZE 4096
#define NS_CACHE_SIZE 8
#define NO_PENDING 2

struct _ChronoXmlReader
{
  ChronoZip        *zip;
  char             *part;
  zip_file_t       *file;
  xmlTextReaderPtr  reader;

  guint64           declared_size;
  guint64           inflated;
  guchar           *head;
  gsize             head_len;
  gsize             head_pos;

  GError           *io_error;   /* from the read callback */
  char             *xml_error;  /* libxml2's message for the first fatal error */
  int               xml_error_line;
  int               xml_error_code;
  gboolean          xml_error_fatal;
  GError           *failed;     /* once set, every read fails with it */

  int               pending;    /* a result from skip(), or NO_PENDING */
  gboolean          in_attrs;

  const xmlChar    *ns_uris[NS_CACHE_SIZE];
  ChronoXmlNs       ns_values[NS_CACHE_SIZE];
  guint             ns_next;
};

static int
xml_read_cb (void *context,
             char *buffer,
             int   len)
{
  ChronoXmlReader *self = context;
  zip_int64_t n;

  if (self->io_error != NULL || len <= 0)
    return -1;

  if (self->head_pos < self->head_len)
    {
      gsize take = MIN ((gsize) len, self->head_len - self->head_pos);

      memcpy (buffer, self->head + self->head_pos, take);
      self->head_pos += take;
      return (int) take;
    }

  n = zip_fread (self->file, buffer, (zip_uint64_t) len);
  if (n < 0)
    {
      g_set_error (&self->io_error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                   _("“%s”: part %s is damaged: %s"), self->zip->display_name,
                   self->part, zip_file_strerror (self->file));
      return -1;
    }
  self->inflated += (guint64) n;
  if (self->inflated > CHRONO_OFFICE_MAX_PART_SIZE ||
      (self->declared_size > 0 && self->inflated > self->declared_size))
    {
      g_set_error (&self->io_error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_TOO_LARGE,
                   _("“%s”: part %s unpacks to more than its header says; it was "
                     "not read further"), self->zip->display_name, self->part);
      return -1;
    }
  return (int) n;
}

static void
xml_error_cb (void        *user_data,
              xmlErrorPtr  err)
{
  ChronoXmlReader *self = user_data;
  gboolean fatal;

  if (err == NULL || err->level < XML_ERR_ERROR)
    return;
  fatal = err->level == XML_ERR_FATAL;
  if (self->xml_error != NULL && (self->xml_error_fatal || !fatal))
    return;

  g_free (self->xml_error);
  self->xml_error = g_strchomp (g_strdup (err->message != NULL ? err->message : "syntax error"));
  self->xml_error_line = err->line;
  self->xml_error_code = err->code;
  self->xml_error_fatal = fatal;
}

ChronoXmlReader *
chrono_xml_reader_open (ChronoZip   *zip,
                        const char  *part,
                        GError     **error)
{
  g_autoptr(ChronoXmlReader) self = NULL;
  zip_stat_t st;
  zip_int64_t n;

  self = g_new0 (ChronoXmlReader, 1);
  self->zip = zip;
  self->part = g_strdup (part);
  self->pending = NO_PENDING;

  self->file = open_part (zip, part, &st, error);
  if (self->file == NULL)
    return NULL;
  if (st.valid & ZIP_STAT_SIZE)
    self->declared_size = st.size;

  /* Read the first block now: errors show up at once, and a part that is
   * itself a ZIP archive is refused before any parsing. */
  self->head = g_malloc (HEAD_SIZE);
  n = zip_fread (self->file, self->head, HEAD_SIZE);
  if (n < 0)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                   _("“%s”: part %s is damaged: %s"), zip->display_name, part,
                   zip_file_strerror (self->file));
      return NULL;
    }
  self->head_len = (gsize) n;
  self->inflated = (guint64) n;
  if (self->head_len == 0)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                   _("“%s”: part %s is empty"), zip->display_name, part);
      return NULL;
    }
  if (self->head_len >= 4 &&
      (memcmp (self->head, zip_local_magic, 4) == 0 ||
       memcmp (self->head, zip_empty_magic, 4) == 0))
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                   _("“%s”: part %s is itself a ZIP archive, not XML; it was not opened"),
                   zip->display_name, part);
      return NULL;
    }

  /* No XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE, ever. */
  self->reader = xmlReaderForIO (xml_read_cb, NULL, self, part, NULL, XML_PARSE_NONET);
  if (self->reader == NULL)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                   _("“%s”: part %s cannot be parsed"), zip->display_name, part);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (self->reader, xml_error_cb, self);

  return g_steal_pointer (&self);
}

void
chrono_xml_reader_free (ChronoXmlReader *self)
{
  if (self == NULL)
    return;
  if (self->reader != NULL)
    xmlFreeTextReader (self->reader);
  if (self->file != NULL)
    zip_fclose (self->file);
  g_free (self->head);
  g_free (self->part);
  g_free (self->xml_error);
  g_clear_error (&self->io_error);
  g_clear_error (&self->failed);
  g_free (self);
}

static int
fail (ChronoXmlReader *self,
      GError          *err,
      GError         **error)
{
  if (self->failed == NULL)
    self->failed = err;
  else
    g_error_free (err);
  g_propagate_error (error, g_error_copy (self->failed));
  return -1;
}

int
chrono_xml_reader_read (ChronoXmlReader  *self,
                        GError          **error)
{
  int r;
  int type;

  if (self->failed != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failed));
      return -1;
    }

  self->in_attrs = FALSE;
  if (self->pending != NO_PENDING)
    {
      r = self->pending;
      self->pending = NO_PENDING;
    }
  else
    {
      r = xmlTextReaderRead (self->reader);
    }

  if (r == 0)
    return 0;
  if (r < 0)
    {
      if (self->io_error != NULL)
        return fail (self, g_error_copy (self->io_error), error);
      if (self->xml_error_code == XML_ERR_ENTITY_LOOP ||
          self->xml_error_code == XML_ERR_UNDECLARED_ENTITY ||
          self->xml_error_code == XML_WAR_UNDECLARED_ENTITY ||
          (self->xml_error != NULL && strstr (self->xml_error, "ntity") != NULL))
        return fail (self,
                     g_error_new (CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                                  "“%s”: part %s uses XML entities, which office files "
                                  "never do; it was refused as a possible entity expansion "
                                  "(“billion laughs”) attack (line %d: %s)",
                                  self->zip->display_name, self->part,
                                  self->xml_error_line, self->xml_error),
                     error);
      return fail (self,
                   g_error_new (CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                                "“%s”: part %s is not well-formed XML (line %d: %s)",
                                self->zip->display_name, self->part,
                                self->xml_error != NULL ? self->xml_error_line
                                  : xmlTextReaderGetParserLineNumber (self->reader),
                                self->xml_error != NULL ? self->xml_error : "unreadable"),
                   error);
    }

  type = xmlTextReaderNodeType (self->reader);
  if (type == XML_READER_TYPE_DOCUMENT_TYPE ||
      type == XML_READER_TYPE_ENTITY_REFERENCE ||
      type == XML_READER_TYPE_ENTITY)
    return fail (self,
                 g_error_new (CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
                              "“%s”: part %s has a document type declaration or "
                              "entities, which office files never have; it was "
                              "refused (it may be an entity expansion attack)",
                              self->zip->display_name, self->part),
                 error);
  return 1;
}

void
chrono_xml_reader_skip (ChronoXmlReader *self)
{
  if (self->failed != NULL || self->pending != NO_PENDING)
    return;
  if (self->in_attrs)
    {
      xmlTextReaderMoveToElement (self->reader);
      self->in_attrs = FALSE;
    }
  if (xmlTextReaderNodeType (self->reader) != XML_READER_TYPE_ELEMENT ||
      xmlTextReaderIsEmptyElement (self->reader))
    return;
  self->pending = xmlTextReaderNext (self->reader);
}

ChronoXmlNode
chrono_xml_reader_node (ChronoXmlReader *self)
{
  switch (xmlTextReaderNodeType (self->reader))
    {
    case XML_READER_TYPE_ELEMENT:
      return CHRONO_XML_START;
    case XML_READER_TYPE_END_ELEMENT:
      return CHRONO_XML_END;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      return CHRONO_XML_TEXT;
    default:
      return CHRONO_XML_OTHER;
    }
}

static const struct
{
  const char  *uri;
  ChronoXmlNs  ns;
} known_namespaces[] = {
  { "http://schemas.openxmlformats.org/spreadsheetml/2006/main", CHRONO_NS_SML },
  { "http://purl.oclc.org/ooxml/spreadsheetml/main", CHRONO_NS_SML },
  { "http://schemas.openxmlformats.org/wordprocessingml/2006/main", CHRONO_NS_WML },
  { "http://purl.oclc.org/ooxml/wordprocessingml/main", CHRONO_NS_WML },
  { "http://schemas.openxmlformats.org/officeDocument/2006/relationships", CHRONO_NS_OFFICE_REL },
  { "http://purl.oclc.org/ooxml/officeDocument/relationships", CHRONO_NS_OFFICE_REL },
  { "http://schemas.openxmlformats.org/package/2006/relationships", CHRONO_NS_PKG_REL },
  { "http://schemas.openxmlformats.org/markup-compatibility/2006", CHRONO_NS_MC },
  { "urn:oasis:names:tc:opendocument:xmlns:office:1.0", CHRONO_NS_ODF_OFFICE },
  { "urn:oasis:names:tc:opendocument:xmlns:table:1.0", CHRONO_NS_ODF_TABLE },
  { "urn:oasis:names:tc:opendocument:xmlns:text:1.0", CHRONO_NS_ODF_TEXT },
  { "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0", CHRONO_NS_ODF_DRAW },
};

static ChronoXmlNs
classify_ns (ChronoXmlReader *self,
             const xmlChar   *uri)
{
  ChronoXmlNs ns = CHRONO_NS_OTHER;
  guint slot;

  if (uri == NULL || uri[0] == '\0')
    return CHRONO_NS_NONE;

  /* libxml2 interns names in its dictionary, so a pointer identifies one. */
  for (guint i = 0; i < NS_CACHE_SIZE; i++)
    if (self->ns_uris[i] == uri)
      return self->ns_values[i];

  for (guint i = 0; i < G_N_ELEMENTS (known_namespaces); i++)
    if (strcmp ((const char *) uri, known_namespaces[i].uri) == 0)
      {
        ns = known_namespaces[i].ns;
        break;
      }

  slot = self->ns_next++ % NS_CACHE_SIZE;
  self->ns_uris[slot] = uri;
  self->ns_values[slot] = ns;
  return ns;
}

ChronoXmlNs
chrono_xml_reader_ns (ChronoXmlReader *self)
{
  return classify_ns (self, xmlTextReaderConstNamespaceUri (self->reader));
}

const char *
chrono_xml_reader_local_name (ChronoXmlReader *self)
{
  const xmlChar *name = xmlTextReaderConstLocalName (self->reader);

  return name != NULL ? (const char *) name : "";
}

gboolean
chrono_xml_reader_is_empty (ChronoXmlReader *self)
{
  return xmlTextReaderIsEmptyElement (self->reader) == 1;
}

int
chrono_xml_reader_depth (ChronoXmlReader *self)
{
  return xmlTextReaderDepth (self->reader);
}

const char *
chrono_xml_reader_text (ChronoXmlReader *self)
{
  if (chrono_xml_reader_node (self) != CHRONO_XML_TEXT)
    return NULL;
  return (const char *) xmlTextReaderConstValue (self->reader);
}

gboolean
chrono_xml_reader_next_attr (ChronoXmlReader  *self,
                             ChronoXmlNs      *ns,
                             const char      **local_name,
                             const char      **value)
{
  int r;

  if (!self->in_attrs)
    {
      if (xmlTextReaderNodeType (self->reader) != XML_READER_TYPE_ELEMENT)
        return FALSE;
      r = xmlTextReaderMoveToFirstAttribute (self->reader);
      self->in_attrs = TRUE;
    }
  else
    {
      r = xmlTextReaderMoveToNextAttribute (self->reader);
    }

  if (r != 1)
    {
      xmlTextReaderMoveToElement (self->reader);
      self->in_attrs = FALSE;
      return FALSE;
    }

  *ns = chrono_xml_reader_ns (self);
  *local_name = chrono_xml_reader_local_name (self);
  *value = (const char *) xmlTextReaderConstValue (self->reader);
  if (*value == NULL)
    *value = "";
  return TRUE;
}

gboolean
chrono_xml_reader_is_start (ChronoXmlReader *self,
                            ChronoXmlNs      ns,
                            const char      *local_name)
{
  return xmlTextReaderNodeType (self->reader) == XML_READER_TYPE_ELEMENT &&
         strcmp (chrono_xml_reader_local_name (self), local_name) == 0 &&
         chrono_xml_reader_ns (self) == ns;
}

gboolean
chrono_xml_reader_is_end (ChronoXmlReader *self,
                          ChronoXmlNs      ns,
                          const char      *local_name)
{
  return xmlTextReaderNodeType (self->reader) == XML_READER_TYPE_END_ELEMENT &&
         strcmp (chrono_xml_reader_local_name (self), local_name) == 0 &&
         chrono_xml_reader_ns (self) == ns;
}

char *
chrono_xml_reader_dup_attr (ChronoXmlReader *self,
                            ChronoXmlNs      ns,
                            const char      *local_name)
{
  char *found = NULL;
  const char *local, *value;
  ChronoXmlNs attr_ns;

  while (chrono_xml_reader_next_attr (self, &attr_ns, &local, &value))
    if (found == NULL && attr_ns == ns && strcmp (local, local_name) == 0)
      found = g_strdup (value);
  return found;
}

const char *
chrono_xml_reader_get_part (ChronoXmlReader *self)
{
  return self->part;
}

void
chrono_xml_reader_set_corrupt (ChronoXmlReader  *self,
                               GError          **error,
                               const char       *format,
                               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_CORRUPT,
               _("“%s”: part %s, line %d: %s"), self->zip->display_name, self->part,
               xmlTextReaderGetParserLineNumber (self->reader), message);
}

/* ---- rows --------------------------------------------------------------- */

static char empty_cell[] = "";

void
chrono_row_builder_init (ChronoRowBuilder *self)
{
  self->text = g_string_sized_new (1024);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (gssize));
  self->cells = g_ptr_array_new ();
}

void
chrono_row_builder_clear (ChronoRowBuilder *self)
{
  if (self->text != NULL)
    g_string_free (self->text, TRUE);
  g_clear_pointer (&self->offsets, g_array_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  self->text = NULL;
}

void
chrono_row_builder_reset (ChronoRowBuilder *self)
{
  g_string_truncate (self->text, 0);
  g_array_set_size (self->offsets, 0);
  g_ptr_array_set_size (self->cells, 0);
}

static void
ensure_column (ChronoRowBuilder *self,
               guint             column)
{
  while (self->offsets->len <= column)
    {
      gssize none = -1;

      g_array_append_val (self->offsets, none);
    }
}

void
chrono_row_builder_set (ChronoRowBuilder *self,
                        guint             column,
                        const char       *text,
                        gsize             length)
{
  gssize offset;

  g_return_if_fail (column < CHRONO_OFFICE_MAX_COLUMNS);

  if (length == 0)
    {
      if (column < self->offsets->len)
        g_array_index (self->offsets, gssize, column) = -1;
      return;
    }
  ensure_column (self, column);
  offset = (gssize) self->text->len;
  g_string_append_len (self->text, text, (gssize) length);
  g_string_append_c (self->text, '\0');
  g_array_index (self->offsets, gssize, column) = offset;
}

void
chrono_row_builder_copy (ChronoRowBuilder *self,
                         guint             from,
                         guint             to)
{
  g_return_if_fail (to < CHRONO_OFFICE_MAX_COLUMNS);

  if (from >= self->offsets->len)
    {
      if (to < self->offsets->len)
        g_array_index (self->offsets, gssize, to) = -1;
      return;
    }
  ensure_column (self, to);
  g_array_index (self->offsets, gssize, to) = g_array_index (self->offsets, gssize, from);
}

gboolean
chrono_row_builder_is_empty (ChronoRowBuilder *self)
{
  for (guint i = 0; i < self->offsets->len; i++)
    if (g_array_index (self->offsets, gssize, i) >= 0)
      return FALSE;
  return TRUE;
}

GPtrArray *
chrono_row_builder_finish (ChronoRowBuilder *self)
{
  guint n = self->offsets->len;

  while (n > 0 && g_array_index (self->offsets, gssize, n - 1) < 0)
    n--;

  g_ptr_array_set_size (self->cells, 0);
  for (guint i = 0; i < n; i++)
    {
      gssize offset = g_array_index (self->offsets, gssize, i);

      g_ptr_array_add (self->cells, offset >= 0 ? self->text->str + offset : empty_cell);
    }
  return self->cells;
}

/* ---- values ------------------------------------------------------------- */

ChronoNumKind
chrono_office_num_kind_for_id (guint num_fmt_id)
{
  if ((num_fmt_id >= 14 && num_fmt_id <= 17) || num_fmt_id == 22 ||
      (num_fmt_id >= 27 && num_fmt_id <= 36) || (num_fmt_id >= 50 && num_fmt_id <= 58))
    return CHRONO_NUM_DATE;
  if ((num_fmt_id >= 18 && num_fmt_id <= 21) || (num_fmt_id >= 45 && num_fmt_id <= 47))
    return CHRONO_NUM_TIME;
  return CHRONO_NUM_GENERAL;
}

ChronoNumKind
chrono_office_num_kind_for_code (const char *format_code)
{
  gboolean d = FALSE, m = FALSE, y = FALSE, h = FALSE, s = FALSE, elapsed = FALSE;

  for (const char *p = format_code; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (c == '"')
        {
          const char *close = strchr (p + 1, '"');

          if (close == NULL)
            break;
          p = close;
        }
      else if (c == '\\' || c == '_' || c == '*')
        {
          if (p[1] == '\0')
            break;
          p++;
        }
      else if (c == '[')
        {
          const char *close = strchr (p + 1, ']');
          gboolean only_hms = close != NULL && close > p + 1;

          if (close == NULL)
            break;
          for (const char *q = p + 1; q < close; q++)
            if (strchr ("hHmMsS", *q) == NULL)
              only_hms = FALSE;
          if (only_hms)
            elapsed = TRUE;
          p = close;
        }
      else if (g_ascii_strncasecmp (p, "am/pm", 5) == 0)
        {
          p += 4;
        }
      else if (g_ascii_strncasecmp (p, "a/p", 3) == 0)
        {
          p += 2;
        }
      else if (c == 'd')
        d = TRUE;
      else if (c == 'm')
        m = TRUE;
      else if (c == 'y')
        y = TRUE;
      else if (c == 'h')
        h = TRUE;
      else if (c == 's')
        s = TRUE;
    }

  if (d || y)
    return CHRONO_NUM_DATE;
  if (elapsed)
    return CHRONO_NUM_GENERAL;
  if (m && !h && !s)
    return CHRONO_NUM_DATE;
  if (h || s || m)
    return CHRONO_NUM_TIME;
  return CHRONO_NUM_GENERAL;
}

void
chrono_office_format_number (double   value,
                             GString *out)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == 0.0)
    value = 0.0;  /* no "-0" */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_str_equal (buffer, "-0"))
    g_string_append_c (out, '0');
  else
    g_string_append (out, buffer);
}

/* Days since 1970-01-01, proleptic Gregorian (H. Hinnant's algorithms). */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 gint64 *year,
                 int    *month,
                 int    *day)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2);
}

gboolean
chrono_office_format_serial (double         serial,
                             gboolean       date1904,
                             ChronoNumKind  kind,
                             GString       *out)
{
  gint64 whole, seconds, year, day_number;
  int month, day;

  /* 2958465 is 9999-12-31 in the 1900 system. */
  if (!isfinite (serial) || serial < 0 || serial >= 2958466.0)
    return FALSE;

  whole = (gint64) floor (serial);
  seconds = (gint64) llround ((serial - (double) whole) * 86400.0);
  if (seconds >= 86400)
    {
      whole++;
      seconds -= 86400;
    }

  if (kind == CHRONO_NUM_TIME || (!date1904 && whole == 0))
    {
      /* A time of day; also a 1900-system date format holding only a time,
       * which Excel would show as the non-day 1900-01-00. */
      if (kind != CHRONO_NUM_TIME && seconds == 0)
        return FALSE;
      g_string_append_printf (out, "%02d:%02d", (int) (seconds / 3600),
                              (int) (seconds / 60 % 60));
      return TRUE;
    }

  if (date1904)
    {
      day_number = days_from_civil (1904, 1, 1) + whole;
      civil_from_days (day_number, &year, &month, &day);
    }
  else if (whole == 60)
    {
      /* Excel's phantom 29 February 1900, shown as Excel shows it. */
      year = 1900;
      month = 2;
      day = 29;
    }
  else
    {
      day_number = whole < 60 ? days_from_civil (1899, 12, 31) + whole
                              : days_from_civil (1899, 12, 30) + whole;
      civil_from_days (day_number, &year, &month, &day);
    }
  if (year > 9999)
    return FALSE;

  g_string_append_printf (out, "%04d-%02d-%02d", (int) year, month, day);
  if (seconds >= 60)
    g_string_append_printf (out, " %02d:%02d", (int) (seconds / 3600),
                            (int) (seconds / 60 % 60));
  return TRUE;
}

static gboolean
parse_digits (const char **p,
              int          n,
              int         *value)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *value = v;
  return TRUE;
}

gboolean
chrono_office_format_iso (const char *iso,
                          GString    *out)
{
  const char *p = iso;
  int year, month, day, hour = 0, minute = 0;
  static const int days_in_month[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  while (g_ascii_isspace (*p))
    p++;
  if (!parse_digits (&p, 4, &year) || *p++ != '-' ||
      !parse_digits (&p, 2, &month) || *p++ != '-' ||
      !parse_digits (&p, 2, &day))
    return FALSE;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month[month - 1] ||
      (month == 2 && day == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))))
    return FALSE;

  if (*p == 'T' || *p == 't' || *p == ' ')
    {
      p++;
      if (!parse_digits (&p, 2, &hour) || *p++ != ':' || !parse_digits (&p, 2, &minute) ||
          hour > 24 || minute > 59)
        return FALSE;
      if (*p == ':')
        {
          int second;

          p++;
          if (!parse_digits (&p, 2, &second) || second > 60)
            return FALSE;
          if (*p == '.' || *p == ',')
            {
              p++;
              while (g_ascii_isdigit (*p))
                p++;
            }
        }
      if (*p == 'Z' || *p == 'z')
        p++;
      else if (*p == '+' || *p == '-')
        {
          int tz;

          p++;
          if (!parse_digits (&p, 2, &tz))
            return FALSE;
          if (*p == ':')
            p++;
          if (g_ascii_isdigit (*p) && !parse_digits (&p, 2, &tz))
            return FALSE;
        }
      if (hour == 24)
        {
          if (minute != 0)
            return FALSE;
          hour = 0;  /* 24:00 is the end of the day; keep the date */
        }
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return FALSE;

  g_string_append_printf (out, "%04d-%02d-%02d", year, month, day);
  if (hour != 0 || minute != 0)
    g_string_append_printf (out, " %02d:%02d", hour, minute);
  return TRUE;
}

/* ---- choosing the chronology ------------------------------------------- */

/* Cells of a header row: short, with one of these words. */
static const char * const header_words[] = {
  "date", "time", "when", "event", "detail", "agency", "description",
  "summary", "incident", "action", "outcome", "source", "contact",
  "chronolog", "subject", "information", "sequence", "comment",
};

static const char * const aside_words[] = {
  "guidance", "guide", "instruction", "cover", "read me", "readme", "read-me",
  "help", "example", "sample", "lookup", "look-up", "dropdown", "drop-down",
  "lists", "how to", "introduction", "contents", "glossary", "definitions",
  "validation", "key to", "front sheet", "front page",
};

static GRegex *
date_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
#define MONTH "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?"
      GRegex *r = g_regex_new (
        "\\b\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})\\b"
        "|\\b\\d{4}-\\d{1,2}(?:-\\d{1,2})?\\b"
        "|\\b" MONTH "\\s*(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?'?(?:\\d{4}|\\d{2})\\b"
        "|\\b\\d{1,2}(?:st|nd|rd|th)?\\s*(?:of\\s+)?" MONTH "(?:\\b|\\d)"
        "|^\\s*(?:18|19|20|21)\\d{2}\\s*$",
        G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
#undef MONTH
      g_assert (r != NULL);
      g_once_init_leave (&regex, r);
    }
  return regex;
}

gboolean
chrono_office_text_looks_like_date (const char *text)
{
  gsize len = strlen (text);

  if (len < 4 || len > 60)
    return FALSE;
  return g_regex_match (date_regex (), text, 0, NULL);
}

static gboolean
is_header_cell (const char *text,
                gboolean   *has_date_word)
{
  g_autofree char *lower = NULL;
  gboolean hit = FALSE;

  *has_date_word = FALSE;
  if (text[0] == '\0' || strlen (text) > 40)
    return FALSE;
  lower = g_utf8_strdown (text, -1);
  for (guint i = 0; i < G_N_ELEMENTS (header_words); i++)
    if (strstr (lower, header_words[i]) != NULL)
      hit = TRUE;
  *has_date_word = strstr (lower, "date") != NULL || strstr (lower, "when") != NULL;
  return hit;
}

void
chrono_table_score_add_row (ChronoTableScore *score,
                            GPtrArray        *cells)
{
  guint header_hits = 0, dates = 0;

  if (score->rows >= CHRONO_OFFICE_SCORE_ROWS)
    return;
  score->rows++;

  for (guint i = 0; i < cells->len; i++)
    {
      const char *text = g_ptr_array_index (cells, i);
      gboolean date_word;

      if (is_header_cell (text, &date_word))
        header_hits++;
      if (date_word && score->rows <= 3)
        score->date_header = TRUE;
      if (chrono_office_text_looks_like_date (text))
        dates++;
    }
  score->date_cells += dates;
  if (dates > 0)
    score->date_rows++;
  score->best_header = MAX (score->best_header, header_hits);
}

guint
chrono_table_score_value (const ChronoTableScore *score)
{
  return score->date_cells + 3 * score->best_header;
}

gboolean
chrono_office_name_is_aside (const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (aside_words); i++)
    if (strstr (lower, aside_words[i]) != NULL)
      return TRUE;
  return FALSE;
}

guint
chrono_office_pick_sheet (const ChronoSheetCandidate *candidates,
                          guint                       n_candidates)
{
  guint best = 0;
  guint64 best_key = 0;

  /* Rank: readable, then scoring at all, then visible, then not named like
   * guidance, then the score; the first sheet wins ties. */
  for (guint i = 0; i < n_candidates; i++)
    {
      const ChronoSheetCandidate *c = &candidates[i];
      guint value = chrono_table_score_value (&c->score);
      guint64 key = 0;

      if (c->readable)
        key |= G_GUINT64_CONSTANT (1) << 40;
      if (value > 0)
        key |= G_GUINT64_CONSTANT (1) << 39;
      if (!c->hidden)
        key |= G_GUINT64_CONSTANT (1) << 38;
      if (!chrono_office_name_is_aside (c->name))
        key |= G_GUINT64_CONSTANT (1) << 37;
      key |= MIN (value, (guint) G_MAXINT32);
      if (i == 0 || key > best_key)
        {
          best = i;
          best_key = key;
        }
    }
  return best;
}

gboolean
chrono_office_append_cell_text (GString          *out,
                                const char       *text,
                                gssize            length,
                                ChronoXmlReader  *reader,
                                GError          **error)
{
  gsize len = length < 0 ? strlen (text) : (gsize) length;

  if (out->len + len > CHRONO_OFFICE_MAX_CELL)
    {
      g_set_error (error, CHRONO_OFFICE_ERROR, CHRONO_OFFICE_ERROR_TOO_LARGE,
                   _("“%s”: part %s, line %d: a cell holds more than 1 MiB of text"),
                   reader->zip->display_name, reader->part,
                   xmlTextReaderGetParserLineNumber (reader->reader));
      return FALSE;
    }
  g_string_append_len (out, text, (gssize) len);
  return TRUE;
}

void
chrono_office_trim_newlines (GString *text)
{
  gsize start = 0;

  while (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  while (start < text->len && text->str[start] == '\n')
    start++;
  if (start > 0)
    g_string_erase (text, 0, (gssize) start);
}
