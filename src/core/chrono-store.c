/* chrono-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <string.h>

#include "chrono-store-private.h"

struct _ChronoStore
{
  GObject       parent_instance;

  char         *path;
  char         *display_name;
  sqlite3      *db;
  gboolean      read_only;
  guint         in_transaction;

  GHashTable   *agency_ids;    /* name → id */
  GHashTable   *unit_ids;      /* "agency_id\x1funit" → id */
  GHashTable   *subject_ids;   /* pseudonym → id */
  gboolean      bulk;          /* inside chrono_store_begin_bulk () */
  gboolean      bulk_journal;  /* the bulk import switched to the rollback journal */
  gboolean      bulk_pragmas;  /* journal and foreign keys to restore after it */
  gboolean      wal_pending;   /* write-ahead log still to switch on (first change) */
  sqlite3_stmt *insert_event;
};

G_DEFINE_FINAL_TYPE (ChronoStore, chrono_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (chrono-store-error-quark, chrono_store_error)

/* The event table's indexes, dropped and rebuilt around large imports. */
#define EVENT_INDEXES \
  "CREATE INDEX event_by_time ON event (sort_key, id);" \
  "CREATE INDEX event_by_agency ON event (agency_id, sort_key);"

/* Each entry moves the schema from version (index) to (index + 1).  Only ever
 * append: a case written by an older build is brought forward step by step. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE agency (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
  "  colour TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL,"
  "  hidden INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE unit (id INTEGER PRIMARY KEY,"
  "  agency_id INTEGER NOT NULL REFERENCES agency (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL, position INTEGER NOT NULL, UNIQUE (agency_id, name));"
  "CREATE TABLE subject (id INTEGER PRIMARY KEY, pseudonym TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL DEFAULT '', role TEXT NOT NULL DEFAULT '',"
  "  birth_date TEXT NOT NULL DEFAULT '');"
  /* contents last: SQLite only keeps a zeroblob () unmaterialised (so the
   * file is streamed in, never held in memory) when it ends the record. */
  "CREATE TABLE source_file (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL, size INTEGER NOT NULL,"
  "  agency TEXT NOT NULL DEFAULT '', imported_at TEXT NOT NULL, contents BLOB);"
  "CREATE TABLE event (id INTEGER PRIMARY KEY, ref TEXT NOT NULL DEFAULT '',"
  "  date TEXT NOT NULL, precision TEXT NOT NULL, time TEXT NOT NULL DEFAULT '',"
  "  end_date TEXT NOT NULL DEFAULT '',"
  "  first_day INTEGER NOT NULL, last_day INTEGER NOT NULL, sort_key INTEGER NOT NULL,"
  "  agency_id INTEGER NOT NULL REFERENCES agency (id),"
  "  unit_id INTEGER REFERENCES unit (id),"
  "  kind TEXT NOT NULL DEFAULT 'other', subjects TEXT NOT NULL DEFAULT '',"
  "  summary TEXT NOT NULL DEFAULT '', shared_with TEXT NOT NULL DEFAULT '',"
  "  not_shared_with TEXT NOT NULL DEFAULT '', allocation TEXT NOT NULL DEFAULT '',"
  "  risk TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',"
  "  file_id INTEGER REFERENCES source_file (id), file_row INTEGER NOT NULL DEFAULT 0,"
  "  extra BLOB);"
  EVENT_INDEXES
  "CREATE TABLE event_link ("
  "  a INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
  "  b INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;"
  "CREATE TABLE rejected_row (id INTEGER PRIMARY KEY,"
  "  file_id INTEGER REFERENCES source_file (id) ON DELETE CASCADE,"
  "  row INTEGER NOT NULL, reason TEXT NOT NULL, cells BLOB NOT NULL);",
  /* 1 → 2: the chair's decisions on findings and the analysis settings */
  "CREATE TABLE finding_decision (key TEXT PRIMARY KEY, status TEXT NOT NULL,"
  "  reason TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',"
  "  decided_at TEXT NOT NULL);"
  "CREATE TABLE rule_setting (agency TEXT NOT NULL DEFAULT '', rule TEXT NOT NULL,"
  "  value TEXT NOT NULL, PRIMARY KEY (agency, rule));",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CHRONO_STORE_FORMAT_VERSION);

static void
set_sqlite_error (GError     **error,
                  ChronoStore *self,
                  sqlite3     *db,
                  int          rc,
                  const char  *doing)
{
  int primary = rc & 0xff;
  ChronoStoreError code;
  const char *name = self != NULL ? self->display_name : "";
  /* SQLite quotes names from the file itself, which may be any bytes. */
  g_autofree char *reason = g_utf8_make_valid (db ? sqlite3_errmsg (db) : sqlite3_errstr (rc), -1);

  switch (primary)
    {
    case SQLITE_NOTADB:
      code = CHRONO_STORE_ERROR_NOT_CASE;
      break;
    case SQLITE_CORRUPT:
      code = CHRONO_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = CHRONO_STORE_ERROR_READ_ONLY;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = CHRONO_STORE_ERROR_BUSY;
      break;
    default:
      code = CHRONO_STORE_ERROR_FAILED;
      break;
    }

  if (code == CHRONO_STORE_ERROR_CORRUPT)
    g_set_error (error, CHRONO_STORE_ERROR, code,
                 _("%s is damaged or truncated (%s while %s)"), name, reason, doing);
  else
    g_set_error (error, CHRONO_STORE_ERROR, code, _("%s: %s while %s"), name, reason, doing);
}

static gboolean
exec (ChronoStore  *self,
      const char   *sql,
      const char   *doing,
      GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self, self->db, rc, doing);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (ChronoStore  *self,
           const char   *sql,
           gint64       *value,
           GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        {
          *value = 0;
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self, self->db, rc, _("reading the case"));
      return FALSE;
    }
  return TRUE;
}

static void
chrono_store_dispose (GObject *object)
{
  chrono_store_close (CHRONO_STORE (object));

  G_OBJECT_CLASS (chrono_store_parent_class)->dispose (object);
}

static void
chrono_store_finalize (GObject *object)
{
  ChronoStore *self = CHRONO_STORE (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->agency_ids, g_hash_table_unref);
  g_clear_pointer (&self->unit_ids, g_hash_table_unref);
  g_clear_pointer (&self->subject_ids, g_hash_table_unref);

  G_OBJECT_CLASS (chrono_store_parent_class)->finalize (object);
}

static void
chrono_store_class_init (ChronoStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chrono_store_dispose;
  object_class->finalize = chrono_store_finalize;
}

static void
chrono_store_init (ChronoStore *self)
{
  self->agency_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unit_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->subject_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static char *
make_uri (const char *path,
          const char *params)
{
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (abs, "/", FALSE);

  return g_strdup_printf ("file:%s%s", escaped, params);
}

/* Runs integrity_check or quick_check on self->db; FALSE with
 * CHRONO_STORE_ERROR_CORRUPT when it finds damage. */
static gboolean
check_structure (ChronoStore  *self,
                 const char   *pragma,
                 GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc;

  rc = sqlite3_prepare_v2 (self->db, pragma, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self, self->db, rc, _("checking the case"));
      return FALSE;
    }
  if (problems->len > 0)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_CORRUPT,
                   _("%s is damaged: %s"), self->display_name, problems->str);
      return FALSE;
    }
  return TRUE;
}

/* Looks at the file without writing a byte: it must exist, be an SQLite
 * database with our application id and a format we understand. */
static gboolean
check_file (ChronoStore  *self,
            gboolean      defer,
            gint64       *version,
            GError      **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autofree char *uri = NULL;
  GStatBuf st;
  char header[16];
  sqlite3 *db = NULL;
  gint64 app_id = 0;
  FILE *fp;
  size_t n;
  int rc;

  if (g_stat (self->path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, CHRONO_STORE_ERROR,
                   saved == ENOENT ? CHRONO_STORE_ERROR_NOT_FOUND : CHRONO_STORE_ERROR_FAILED,
                   _("%s cannot be opened: %s"), self->display_name, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_NOT_CASE,
                   _("%s is not a file"), self->display_name);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_NOT_CASE,
                   _("%s is empty: it is not a Chronoscope case file"), self->display_name);
      return FALSE;
    }

  fp = g_fopen (self->path, "rb");
  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
                   _("%s cannot be read: %s"), self->display_name, g_strerror (saved));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, fp);
  fclose (fp);
  if (n < sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_NOT_CASE,
                   _("%s is not a Chronoscope case file"), self->display_name);
      return FALSE;
    }
  if (st.st_size < 512)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_CORRUPT,
                   _("%s is truncated: only %" PRId64 " bytes remain"),
                   self->display_name, (gint64) st.st_size);
      return FALSE;
    }

  uri = make_uri (self->path, "?mode=ro");
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self, db, rc, _("opening it"));
      sqlite3_close (db);
      return FALSE;
    }

  {
    sqlite3 *saved_db = self->db;
    gboolean ok;

    self->db = db;
    ok = query_int (self, "PRAGMA application_id", &app_id, error) &&
         query_int (self, "PRAGMA user_version", version, error);
    /* Damage anywhere is found before a byte is written: quick_check reads
     * every page (it skips only the slower index cross-checks). */
    if (ok && app_id == CHRONO_STORE_APPLICATION_ID && *version >= 1 &&
        *version <= CHRONO_STORE_FORMAT_VERSION &&
        !(defer && *version == CHRONO_STORE_FORMAT_VERSION))
      ok = check_structure (self, "PRAGMA quick_check", error);
    self->db = saved_db;
    sqlite3_close (db);
    if (!ok)
      return FALSE;
  }

  if (app_id != CHRONO_STORE_APPLICATION_ID)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_NOT_CASE,
                   _("%s is a database, but not a Chronoscope case file"), self->display_name);
      return FALSE;
    }
  if (*version > CHRONO_STORE_FORMAT_VERSION)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Chronoscope (case format %"
                     PRId64 "; this version reads up to %d): update Chronoscope to open it"),
                   self->display_name, *version, CHRONO_STORE_FORMAT_VERSION);
      return FALSE;
    }
  if (*version < 1)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_CORRUPT,
                   _("%s is damaged: it has no case format version"), self->display_name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (ChronoStore  *self,
         gint64        from,
         GError      **error)
{
  if (from >= CHRONO_STORE_FORMAT_VERSION)
    return TRUE;

  if (!exec (self, "BEGIN IMMEDIATE", _("preparing the case"), error))
    return FALSE;

  for (gint64 v = from; v < CHRONO_STORE_FORMAT_VERSION; v++)
    {
      if (!exec (self, migrations[v], _("updating the case format"), error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                            CHRONO_STORE_APPLICATION_ID,
                                            CHRONO_STORE_FORMAT_VERSION);
    if (!exec (self, sql, _("updating the case format"), error) ||
        !exec (self, "COMMIT", _("updating the case format"), error))
      {
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
        return FALSE;
      }
  }
  return TRUE;
}

static gboolean
load_ids (ChronoStore  *self,
          GError      **error)
{
  static const char * const queries[] = {
    "SELECT id, name FROM agency",
    "SELECT id, agency_id || char(31) || name FROM unit",
    "SELECT id, pseudonym FROM subject",
  };
  GHashTable *tables[] = { self->agency_ids, self->unit_ids, self->subject_ids };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (self->db, queries[i], -1, &stmt, NULL);

      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_hash_table_insert (tables[i],
                               g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                               GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)));
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          set_sqlite_error (error, self, self->db, rc, _("reading the case"));
          return FALSE;
        }
    }
  return TRUE;
}

/* A cheap probe of the main tables (catches most damaged files at once),
 * then the names the store keeps ids for.  Reads only. */
static gboolean
probe_tables (ChronoStore  *self,
              GError      **error)
{
  gint64 n;

  return query_int (self, "SELECT count(*) FROM agency", &n, error) &&
         query_int (self, "SELECT max(id) FROM event", &n, error) &&
         load_ids (self, error);
}

/* A case being created may find an empty file where an earlier attempt was
 * killed before writing anything: nothing there to lose. */
static gboolean
is_missing_or_empty (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return errno == ENOENT;
  return S_ISREG (st.st_mode) && st.st_size == 0;
}

ChronoStore *
chrono_store_open (const char        *path,
                   ChronoStoreFlags   flags,
                   GError           **error)
{
  g_autoptr(ChronoStore) self = NULL;
  g_autofree char *uri = NULL;
  gint64 version = 0;
  gboolean creating = FALSE;
  int open_flags;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CHRONO_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->display_name = g_filename_display_name (path);
  self->read_only = !(flags & CHRONO_STORE_OPEN_WRITE);

  if ((flags & CHRONO_STORE_OPEN_CREATE) && is_missing_or_empty (path))
    {
      if (self->read_only)
        {
          g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_NOT_FOUND,
                       _("%s does not exist"), self->display_name);
          return NULL;
        }
      creating = TRUE;
    }
  else if (!check_file (self, (flags & CHRONO_STORE_OPEN_DEFER_CHECK) != 0, &version, error))
    return NULL;

  if (!self->read_only && !creating && g_access (path, W_OK) != 0)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_READ_ONLY,
                   _("%s is read-only: open it for reading, or save a copy elsewhere"),
                   self->display_name);
      return NULL;
    }

  if (self->read_only)
    {
      uri = make_uri (path, "?mode=ro");
      open_flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    }
  else
    {
      uri = make_uri (path, creating ? "?mode=rwc" : "?mode=rw");
      open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI |
                   (creating ? SQLITE_OPEN_CREATE : 0);
    }

  rc = sqlite3_open_v2 (uri, &self->db, open_flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self, self->db, rc, _("opening it"));
      sqlite3_close (self->db);
      self->db = NULL;
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 2000);

  if (!exec (self, "PRAGMA foreign_keys = ON", _("opening it"), error))
    return NULL;

  if (!self->read_only)
    {
      /* Switching to the write-ahead log writes the file's header, and
       * migrating writes more: read what the probe reads first (tables every
       * format has), so a damaged case is refused as it was. */
      if (!creating && !probe_tables (self, error))
        {
          /* Not through chrono_store_close(): folding a log back in writes. */
          sqlite3_close (self->db);
          self->db = NULL;
          return NULL;
        }
      if (!exec (self, "PRAGMA synchronous = FULL; PRAGMA cache_size = -65536;",
                 _("opening it for writing"), error))
        return NULL;
      /* Unchecked: write nothing (not even the log's header) until the
       * first change. */
      self->wal_pending = (flags & CHRONO_STORE_OPEN_DEFER_CHECK) && !creating &&
                          version == CHRONO_STORE_FORMAT_VERSION;
      if (!self->wal_pending &&
          !exec (self, "PRAGMA journal_mode = WAL", _("opening it for writing"), error))
        return NULL;
      if (!migrate (self, version, error))
        return NULL;
    }

  if (!probe_tables (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
chrono_store_get_path (ChronoStore *self)
{
  g_return_val_if_fail (CHRONO_IS_STORE (self), NULL);
  return self->path;
}

gboolean
chrono_store_is_read_only (ChronoStore *self)
{
  g_return_val_if_fail (CHRONO_IS_STORE (self), TRUE);
  return self->read_only;
}

void
chrono_store_close (ChronoStore *self)
{
  g_return_if_fail (CHRONO_IS_STORE (self));

  if (self->db == NULL)
    return;

  g_clear_pointer (&self->insert_event, sqlite3_finalize);

  if (!self->read_only && !self->wal_pending)
    {
      if (self->in_transaction > 0)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      /* Leave a single self-contained file behind, readable from read-only
       * media without the write-ahead log's side files. */
      sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;",
                    NULL, NULL, NULL);
    }
  sqlite3_close (self->db);
  self->db = NULL;
  self->in_transaction = 0;
}

static gboolean
require_writable (ChronoStore  *self,
                  GError      **error)
{
  if (self->db == NULL)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
                   _("%s is closed"), self->display_name);
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_READ_ONLY,
                   _("%s is open read-only"), self->display_name);
      return FALSE;
    }
  return TRUE;
}

gboolean
chrono_store_begin (ChronoStore  *self,
                    GError      **error)
{
  g_return_val_if_fail (CHRONO_IS_STORE (self), FALSE);

  if (!require_writable (self, error))
    return FALSE;
  if (self->in_transaction++ > 0)
    return TRUE;
  if (self->wal_pending && !self->bulk_pragmas)
    {
      if (!exec (self, "PRAGMA journal_mode = WAL", _("starting a change"), error))
        {
          self->in_transaction = 0;
          return FALSE;
        }
      self->wal_pending = FALSE;
    }
  if (!exec (self, "BEGIN IMMEDIATE", _("starting a change"), error))
    {
      self->in_transaction = 0;
      return FALSE;
    }
  return TRUE;
}

/* Back to the write-ahead log once a bulk import's transaction is over. */
static void
end_bulk_journal (ChronoStore *self)
{
  if (!self->bulk_pragmas)
    return;
  self->bulk_pragmas = FALSE;
  self->bulk = FALSE;
  if (self->bulk_journal)
    sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  self->bulk_journal = FALSE;
  sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
}

gboolean
chrono_store_commit (ChronoStore  *self,
                     GError      **error)
{
  g_return_val_if_fail (CHRONO_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction > 0, FALSE);

  if (--self->in_transaction > 0)
    return TRUE;
  if (!exec (self, "COMMIT", _("saving a change"), error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      /* Forget cached ids that may belong to rolled-back rows. */
      g_hash_table_remove_all (self->agency_ids);
      g_hash_table_remove_all (self->unit_ids);
      g_hash_table_remove_all (self->subject_ids);
      load_ids (self, NULL);
      end_bulk_journal (self);
      return FALSE;
    }
  end_bulk_journal (self);
  return TRUE;
}

void
chrono_store_rollback (ChronoStore *self)
{
  g_return_if_fail (CHRONO_IS_STORE (self));

  if (self->db == NULL || self->in_transaction == 0)
    return;
  self->in_transaction = 0;
  self->bulk = FALSE;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  end_bulk_journal (self);
  g_hash_table_remove_all (self->agency_ids);
  g_hash_table_remove_all (self->unit_ids);
  g_hash_table_remove_all (self->subject_ids);
  load_ids (self, NULL);
}

gboolean
chrono_store_check_integrity (ChronoStore  *self,
                              GError      **error)
{
  g_return_val_if_fail (CHRONO_IS_STORE (self), FALSE);

  return check_structure (self, "PRAGMA integrity_check", error);
}

static int
prepare (ChronoStore   *self,
         sqlite3_stmt **stmt,
         const char    *sql)
{
  if (*stmt != NULL)
    {
      sqlite3_reset (*stmt);
      sqlite3_clear_bindings (*stmt);
      return SQLITE_OK;
    }
  return sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

/* Runs a one-shot statement whose parameters are all text or NULL. */
static gboolean
run (ChronoStore  *self,
     const char   *sql,
     const char   *doing,
     GError      **error,
     guint         n_params,
     ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      va_start (args, n_params);
      for (guint i = 0; i < n_params; i++)
        bind_text (stmt, i + 1, va_arg (args, const char *));
      va_end (args);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self, self->db, rc, doing);
      return FALSE;
    }
  return TRUE;
}

gboolean
chrono_store_begin_bulk (ChronoStore  *self,
                         GError      **error)
{
  g_return_val_if_fail (CHRONO_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction == 0, FALSE);
  g_return_val_if_fail (!self->bulk, FALSE);

  if (!require_writable (self, error))
    return FALSE;

  /* A large import adds pages: with the rollback journal they are written
   * once, straight into the case (the journal keeps the few pages it
   * changes), where the write-ahead log would write them twice.  Still one
   * atomic transaction.  Only when no one else has the case open. */
  {
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL) ==
          SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      self->bulk_journal = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0;
    sqlite3_finalize (stmt);
  }

  /* The import gives only ids it has just looked up or made: checking each
   * reference again, row by row, is the slowest part of an insert. */
  sqlite3_exec (self->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
  self->bulk_pragmas = TRUE;
  self->wal_pending = FALSE;

  if (!chrono_store_begin (self, error) ||
      !exec (self, "DROP INDEX IF EXISTS event_by_time; DROP INDEX IF EXISTS event_by_agency;",
             _("preparing a large import"), error))
    {
      chrono_store_rollback (self);
      return FALSE;
    }
  self->bulk = TRUE;
  return TRUE;
}

gboolean
chrono_store_end_bulk (ChronoStore  *self,
                       GError      **error)
{
  g_return_val_if_fail (CHRONO_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->bulk, FALSE);

  self->bulk = FALSE;
  return exec (self, EVENT_INDEXES, _("indexing the imported events"), error);
}

char *
chrono_store_get_meta (ChronoStore *self,
                       const char  *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_return_val_if_fail (CHRONO_IS_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = ?", -1, &stmt, NULL) ==
      SQLITE_OK)
    {
      bind_text (stmt, 1, key);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return value;
}

gboolean
chrono_store_set_meta (ChronoStore  *self,
                       const char   *key,
                       const char   *value,
                       GError      **error)
{
  g_return_val_if_fail (CHRONO_IS_STORE (self), FALSE);

  if (!require_writable (self, error))
    return FALSE;
  return run (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
              _("saving case details"), error, 2, key, value);
}

static gboolean
hash_file (const char  *path,
           gint64      *size,
           char       **sha256,
           GError     **error)
{
  static const char hex[] = "0123456789abcdef";
  struct sha256_ctx ctx;
  guint8 digest[SHA256_DIGEST_SIZE];
  g_autofree guchar *buffer = g_malloc (1 << 16);
  char *out;
  FILE *fp = g_fopen (path, "rb");
  size_t n;

  if (fp == NULL)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s cannot be read: %s"), name, g_strerror (saved));
      return FALSE;
    }

  /* Nettle's SHA-256 uses the processor's SHA instructions where it has
   * them: every imported file is hashed, so this is worth it. */
  sha256_init (&ctx);
  *size = 0;
  while ((n = fread (buffer, 1, 1 << 16, fp)) > 0)
    {
      sha256_update (&ctx, n, buffer);
      *size += (gint64) n;
    }
  fclose (fp);
  sha256_digest (&ctx, SHA256_DIGEST_SIZE, digest);

  out = g_malloc (SHA256_DIGEST_SIZE * 2 + 1);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      out[i * 2] = hex[digest[i] >> 4];
      out[i * 2 + 1] = hex[digest[i] & 0xf];
    }
  out[SHA256_DIGEST_SIZE * 2] = '\0';
  *sha256 = out;
  return TRUE;
}

char *
chrono_store_hash_file (const char  *path,
                        GError     **error)
{
  gint64 size;
  char *sha = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!hash_file (path, &size, &sha, error))
    return NULL;
  return sha;
}

gint64
chrono_store_find_source_file (ChronoStore *self,
                               const char  *sha256)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_return_val_if_fail (CHRONO_IS_STORE (self), 0);

  if (sqlite3_prepare_v2 (self->db, "SELECT id FROM source_file WHERE sha256 = ? LIMIT 1", -1,
                          &stmt, NULL) == SQLITE_OK)
    {
      bind_text (stmt, 1, sha256);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return id;
}

gint64
chrono_store_add_source_file (ChronoStore  *self,
                              const char   *path,
                              const char   *name,
                              const char   *agency,
                              const char   *sha256,
                              GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  g_autofree char *sha = NULL;
  g_autofree guchar *buffer = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3_blob *blob = NULL;
  gint64 size = 0, id, offset = 0;
  FILE *fp;
  int rc;

  g_return_val_if_fail (CHRONO_IS_STORE (self), 0);
  g_return_val_if_fail (path != NULL, 0);

  if (!require_writable (self, error))
    return 0;
  if (sha256 != NULL)
    {
      GStatBuf st;

      if (g_stat (path, &st) != 0)
        {
          int saved = errno;
          g_autofree char *display = g_filename_display_name (path);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("%s cannot be read: %s"), display, g_strerror (saved));
          return 0;
        }
      size = st.st_size;
      sha = g_strdup (sha256);
    }
  else if (!hash_file (path, &size, &sha, error))
    return 0;
  if (size > G_MAXINT32)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
                   _("%s is too large to keep in the case (over 2 GB)"), display);
      return 0;
    }

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO source_file (name, sha256, size, contents, agency,"
                           " imported_at) VALUES (?, ?, ?, zeroblob(?), ?, ?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      bind_text (stmt, 1, name);
      bind_text (stmt, 2, sha);
      sqlite3_bind_int64 (stmt, 3, size);
      sqlite3_bind_int64 (stmt, 4, size);
      bind_text (stmt, 5, agency);
      bind_text (stmt, 6, stamp);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self, self->db, rc, _("storing the imported file"));
      return 0;
    }
  id = sqlite3_last_insert_rowid (self->db);

  /* Copy the bytes in blocks so a large file never sits in memory. */
  fp = g_fopen (path, "rb");
  rc = fp != NULL ? sqlite3_blob_open (self->db, "main", "source_file", "contents", id, 1, &blob)
                  : SQLITE_CANTOPEN;
  buffer = g_malloc (1 << 16);
  while (rc == SQLITE_OK && offset < size)
    {
      size_t n = fread (buffer, 1, 1 << 16, fp);

      if (n == 0)
        {
          rc = SQLITE_IOERR;
          break;
        }
      n = MIN ((gint64) n, size - offset);
      rc = sqlite3_blob_write (blob, buffer, (int) n, (int) offset);
      offset += (gint64) n;
    }
  if (fp != NULL)
    fclose (fp);
  sqlite3_blob_close (blob);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self, self->db, rc, _("storing the imported file"));
      return 0;
    }

  return id;
}

gboolean
chrono_store_remove_source_file (ChronoStore  *self,
                                 gint64        file_id,
                                 GError      **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, file_id);

  g_return_val_if_fail (CHRONO_IS_STORE (self), FALSE);

  if (!require_writable (self, error) || !chrono_store_begin (self, error))
    return FALSE;
  if (!run (self, "DELETE FROM event WHERE file_id = ?", _("removing an earlier import"), error,
            1, id) ||
      !run (self, "DELETE FROM rejected_row WHERE file_id = ?", _("removing an earlier import"),
            error, 1, id) ||
      !run (self, "DELETE FROM source_file WHERE id = ?", _("removing an earlier import"), error,
            1, id))
    {
      chrono_store_rollback (self);
      return FALSE;
    }
  return chrono_store_commit (self, error);
}

static GBytes *
serialize_strv (const char * const *cells)
{
  g_autoptr(GVariant) v = g_variant_ref_sink (g_variant_new_strv (cells, -1));
  return g_variant_get_data_as_bytes (v);
}

gboolean
chrono_store_add_rejected_row (ChronoStore         *self,
                               gint64               file_id,
                               guint64              row,
                               const char          *reason,
                               const char * const  *cells,
                               GError             **error)
{
  g_autoptr(GBytes) blob = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CHRONO_IS_STORE (self), FALSE);

  if (!require_writable (self, error))
    return FALSE;

  blob = serialize_strv (cells);
  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO rejected_row (file_id, row, reason, cells)"
                           " VALUES (?, ?, ?, ?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      if (file_id > 0)
        sqlite3_bind_int64 (stmt, 1, file_id);
      sqlite3_bind_int64 (stmt, 2, (gint64) row);
      bind_text (stmt, 3, reason);
      sqlite3_bind_blob64 (stmt, 4, g_bytes_get_data (blob, NULL), g_bytes_get_size (blob),
                           SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self, self->db, rc, _("keeping a rejected row"));
      return FALSE;
    }
  return TRUE;
}

guint
chrono_store_count_rejected_rows (ChronoStore *self)
{
  gint64 n = 0;

  g_return_val_if_fail (CHRONO_IS_STORE (self), 0);
  query_int (self, "SELECT count(*) FROM rejected_row", &n, NULL);
  return (guint) n;
}

/* Finds or makes the row named @name in @table (cached in @ids). */
static gint64
ensure_named (ChronoStore  *self,
              GHashTable   *ids,
              const char   *key,
              const char   *insert_sql,
              gint64        parent,
              const char   *name,
              GError      **error)
{
  gpointer found;
  sqlite3_stmt *stmt = NULL;
  gint64 id;
  int rc;

  if (g_hash_table_lookup_extended (ids, key, NULL, &found))
    return (gint64) GPOINTER_TO_SIZE (found);

  rc = sqlite3_prepare_v2 (self->db, insert_sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      bind_text (stmt, 1, name);
      if (parent > 0)
        sqlite3_bind_int64 (stmt, 2, parent);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self, self->db, rc, _("adding to the case"));
      return 0;
    }

  id = sqlite3_last_insert_rowid (self->db);
  g_hash_table_insert (ids, g_strdup (key), GSIZE_TO_POINTER ((gsize) id));
  return id;
}

static gint64
ensure_agency (ChronoStore  *self,
               const char   *name,
               GError      **error)
{
  return ensure_named (self, self->agency_ids, name,
                       "INSERT INTO agency (name, position)"
                       " VALUES (?1, (SELECT coalesce(max(position), -1) + 1 FROM agency))",
                       0, name, error);
}

static gint64
ensure_unit (ChronoStore  *self,
             gint64        agency_id,
             const char   *name,
             GError      **error)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", agency_id, name);

  return ensure_named (self, self->unit_ids, key,
                       "INSERT INTO unit (name, agency_id, position)"
                       " VALUES (?1, ?2, (SELECT count(*) FROM unit WHERE agency_id = ?2))",
                       agency_id, name, error);
}

static gint64
ensure_subject (ChronoStore  *self,
                const char   *pseudonym,
                GError      **error)
{
  return ensure_named (self, self->subject_ids, pseudonym,
                       "INSERT INTO subject (pseudonym) VALUES (?1)", 0, pseudonym, error);
}

/* Binds text that stays alive until the statement has run. */
static void
bind_static (sqlite3_stmt *stmt,
             int           index,
             const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_STATIC);
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" into @buf (at least 11 bytes); "" for
 * no date.  The exchange format's spelling, without printf on the hot path. */
static const char *
format_iso (const ChronoDate *date,
            char             *buf)
{
  int y = date->year;
  char *p = buf;

  if (!chrono_date_is_set (date))
    {
      *buf = '\0';
      return buf;
    }
  *p++ = '0' + (y / 1000) % 10;
  *p++ = '0' + (y / 100) % 10;
  *p++ = '0' + (y / 10) % 10;
  *p++ = '0' + y % 10;
  if (date->month > 0)
    {
      *p++ = '-';
      *p++ = '0' + date->month / 10;
      *p++ = '0' + date->month % 10;
      if (date->day > 0)
        {
          *p++ = '-';
          *p++ = '0' + date->day / 10;
          *p++ = '0' + date->day % 10;
        }
    }
  *p = '\0';
  return buf;
}

gboolean
chrono_store_insert_event (ChronoStore  *self,
                           ChronoEvent  *event,
                           gint64        file_id,
                           GError      **error)
{
  const ChronoDate *date;
  const ChronoDate *end;
  const char * const *subjects;
  g_autofree char *time = NULL;
  g_autofree char *subjects_text = NULL;
  g_autofree char *shared_text = NULL;
  g_autofree char *not_shared_text = NULL;
  char date_iso[12], end_iso[12];
  gint32 first_day, last_day, end_first, end_last;
  gint64 agency_id, unit_id = 0, event_id;
  const char *unit;
  guint n_extras;
  int rc;

  g_return_val_if_fail (CHRONO_IS_STORE (self), FALSE);
  g_return_val_if_fail (CHRONO_IS_EVENT (event), FALSE);

  if (!require_writable (self, error))
    return FALSE;

  date = chrono_event_get_date (event);
  end = chrono_event_get_end_date (event);
  if (!chrono_date_is_set (date))
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
                   _("An event needs a date"));
      return FALSE;
    }
  if (*chrono_event_get_agency (event) == '\0')
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
                   _("An event needs an agency"));
      return FALSE;
    }

  agency_id = ensure_agency (self, chrono_event_get_agency (event), error);
  if (agency_id == 0)
    return FALSE;
  unit = chrono_event_get_unit (event);
  if (*unit != '\0' && (unit_id = ensure_unit (self, agency_id, unit, error)) == 0)
    return FALSE;

  chrono_date_get_interval (date, &first_day, &last_day);
  if (chrono_date_is_set (end))
    {
      chrono_date_get_interval (end, &end_first, &end_last);
      last_day = MAX (last_day, end_last);
    }
  time = chrono_date_time_to_string (date);
  subjects = chrono_event_get_subjects (event);

  rc = prepare (self, &self->insert_event,
                "INSERT INTO event (ref, date, precision, time, end_date, first_day, last_day,"
                " sort_key, agency_id, unit_id, kind, subjects, summary, shared_with,"
                " not_shared_with, allocation, risk, source, file_id, file_row, extra)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (rc == SQLITE_OK)
    {
      sqlite3_stmt *s = self->insert_event;

      bind_static (s, 1, chrono_event_get_ref (event));
      bind_static (s, 2, format_iso (date, date_iso));
      bind_static (s, 3, chrono_precision_to_string (chrono_date_get_precision (date)));
      bind_static (s, 4, time);
      bind_static (s, 5, format_iso (end, end_iso));
      sqlite3_bind_int (s, 6, first_day);
      sqlite3_bind_int (s, 7, last_day);
      sqlite3_bind_int64 (s, 8, chrono_date_sort_key (date));
      sqlite3_bind_int64 (s, 9, agency_id);
      if (unit_id > 0)
        sqlite3_bind_int64 (s, 10, unit_id);
      bind_static (s, 11, chrono_kind_to_string (chrono_event_get_kind (event)));
      bind_static (s, 12, subjects_text = chrono_join_list (subjects));
      bind_static (s, 13, chrono_event_get_summary (event));
      bind_static (s, 14, shared_text = chrono_join_list (chrono_event_get_shared_with (event)));
      bind_static (s, 15, not_shared_text =
                            chrono_join_list (chrono_event_get_not_shared_with (event)));
      bind_static (s, 16, chrono_allocation_to_string (chrono_event_get_allocation (event)));
      bind_static (s, 17, chrono_risk_to_string (chrono_event_get_risk (event)));
      bind_static (s, 18, chrono_event_get_source (event));
      if (file_id > 0)
        sqlite3_bind_int64 (s, 19, file_id);
      sqlite3_bind_int64 (s, 20, (gint64) chrono_event_get_row (event));

      n_extras = chrono_event_get_n_extras (event);
      if (n_extras > 0)
        {
          g_autoptr(GVariantBuilder) b = g_variant_builder_new (G_VARIANT_TYPE ("a(ss)"));
          g_autoptr(GVariant) v = NULL;

          for (guint i = 0; i < n_extras; i++)
            g_variant_builder_add (b, "(ss)", chrono_event_get_extra_name (event, i),
                                   chrono_event_get_extra_value (event, i));
          v = g_variant_ref_sink (g_variant_builder_end (b));
          sqlite3_bind_blob64 (s, 21, g_variant_get_data (v), g_variant_get_size (v),
                               SQLITE_TRANSIENT);
        }
      rc = sqlite3_step (s);
      sqlite3_reset (s);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self, self->db, rc, _("adding an event"));
      return FALSE;
    }
  event_id = sqlite3_last_insert_rowid (self->db);

  /* Everyone named gets a row of their own (pseudonym, name, role). */
  for (guint i = 0; subjects[i] != NULL; i++)
    if (ensure_subject (self, subjects[i], error) == 0)
      return FALSE;

  chrono_event_set_id (event, event_id);
  return TRUE;
}

gboolean
chrono_store_link_events (ChronoStore  *self,
                          gint64        a,
                          gint64        b,
                          const char   *kind,
                          GError      **error)
{
  g_autofree char *sa = g_strdup_printf ("%" G_GINT64_FORMAT, MIN (a, b));
  g_autofree char *sb = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (a, b));

  g_return_val_if_fail (CHRONO_IS_STORE (self), FALSE);

  if (!require_writable (self, error))
    return FALSE;
  return run (self, "INSERT OR REPLACE INTO event_link (a, b, kind) VALUES (?, ?, ?)",
              _("linking events"), error, 3, sa, sb, kind);
}

guint
chrono_store_count_events (ChronoStore  *self,
                           GError      **error)
{
  gint64 n = 0;

  g_return_val_if_fail (CHRONO_IS_STORE (self), 0);
  if (!query_int (self, "SELECT count(*) FROM event", &n, error))
    return 0;
  return (guint) n;
}

GPtrArray *
chrono_store_list_agencies (ChronoStore  *self,
                            GError      **error)
{
  g_autoptr(GPtrArray) agencies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CHRONO_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT a.id, a.name, a.colour, a.position, a.hidden,"
                           " (SELECT count(*) FROM event e WHERE e.agency_id = a.id)"
                           " FROM agency a ORDER BY a.position, a.id", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChronoAgency *agency = chrono_agency_new (sqlite3_column_int64 (stmt, 0),
                                                (const char *) sqlite3_column_text (stmt, 1));

      chrono_agency_set_colour (agency, (const char *) sqlite3_column_text (stmt, 2));
      chrono_agency_set_position (agency, sqlite3_column_int (stmt, 3));
      chrono_agency_set_hidden (agency, sqlite3_column_int (stmt, 4));
      chrono_agency_set_n_events (agency, (guint) sqlite3_column_int64 (stmt, 5));
      g_ptr_array_add (agencies, agency);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  for (guint i = 0; i < agencies->len; i++)
    {
      ChronoAgency *agency = g_ptr_array_index (agencies, i);
      gint64 *key = g_new (gint64, 1);

      *key = chrono_agency_get_id (agency);
      g_hash_table_insert (by_id, key, agency);
    }

  if (rc == SQLITE_DONE)
    {
      rc = sqlite3_prepare_v2 (self->db, "SELECT agency_id, name FROM unit ORDER BY agency_id,"
                               " position, id", -1, &stmt, NULL);
      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 agency_id = sqlite3_column_int64 (stmt, 0);
          ChronoAgency *agency = g_hash_table_lookup (by_id, &agency_id);

          if (agency != NULL)
            chrono_agency_add_unit (agency, (const char *) sqlite3_column_text (stmt, 1));
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
    }

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, by_id);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_hash_table_iter_steal (&iter);
        g_free (key);
      }
  }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self, self->db, rc, _("reading the agencies"));
      return NULL;
    }
  return g_steal_pointer (&agencies);
}

GPtrArray *
chrono_store_list_subjects (ChronoStore  *self,
                            GError      **error)
{
  g_autoptr(GPtrArray) subjects = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CHRONO_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, "SELECT id, pseudonym, name, role, birth_date FROM subject"
                           " ORDER BY id", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChronoSubject *subject = chrono_subject_new (sqlite3_column_int64 (stmt, 0),
                                                   (const char *) sqlite3_column_text (stmt, 1));
      const char *birth = (const char *) sqlite3_column_text (stmt, 4);
      ChronoDate date = CHRONO_DATE_INIT;

      chrono_subject_set_name (subject, (const char *) sqlite3_column_text (stmt, 2));
      chrono_subject_set_role (subject, (const char *) sqlite3_column_text (stmt, 3));
      if (birth != NULL && *birth && chrono_date_parse_iso (birth, NULL, NULL, &date, NULL))
        chrono_subject_set_birth_date (subject, &date);
      g_ptr_array_add (subjects, subject);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self, self->db, rc, _("reading the people"));
      return NULL;
    }
  return g_steal_pointer (&subjects);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text != NULL ? text : "";
}

static void
set_list (ChronoEvent *event,
          void       (*setter) (ChronoEvent *, const char * const *),
          const char  *text)
{
  g_auto(GStrv) items = NULL;

  if (*text == '\0')
    {
      setter (event, NULL);
      return;
    }
  items = chrono_split_list (text);
  setter (event, (const char * const *) items);
}

static gboolean
fill_event (ChronoStore   *self,
            sqlite3_stmt  *stmt,
            ChronoEvent   *event,
            GError       **error)
{
  ChronoDate date = CHRONO_DATE_INIT;
  ChronoDate end = CHRONO_DATE_INIT;
  ChronoKind kind = CHRONO_KIND_OTHER;
  ChronoAllocation allocation = CHRONO_ALLOCATION_NONE;
  ChronoRisk risk = CHRONO_RISK_NONE;
  const char *end_text;

  chrono_event_clear (event);
  chrono_event_set_id (event, sqlite3_column_int64 (stmt, 0));
  chrono_event_set_ref (event, column_text (stmt, 1));

  if (!chrono_date_parse_iso (column_text (stmt, 2), column_text (stmt, 3),
                              column_text (stmt, 4), &date, NULL))
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_CORRUPT,
                   _("%s is damaged: event %" PRId64 " has an unreadable date"),
                   self->display_name, (gint64) sqlite3_column_int64 (stmt, 0));
      return FALSE;
    }
  chrono_event_set_date (event, &date);
  end_text = column_text (stmt, 5);
  if (*end_text != '\0' && chrono_date_parse_iso (end_text, NULL, NULL, &end, NULL))
    chrono_event_set_end_date (event, &end);

  chrono_event_set_agency (event, column_text (stmt, 6));
  chrono_event_set_unit (event, column_text (stmt, 7));
  chrono_kind_from_string (column_text (stmt, 8), &kind);
  chrono_event_set_kind (event, kind);
  set_list (event, chrono_event_set_subjects, column_text (stmt, 9));
  chrono_event_set_summary (event, column_text (stmt, 10));
  set_list (event, chrono_event_set_shared_with, column_text (stmt, 11));
  set_list (event, chrono_event_set_not_shared_with, column_text (stmt, 12));
  chrono_allocation_from_string (column_text (stmt, 13), &allocation);
  chrono_event_set_allocation (event, allocation);
  chrono_risk_from_string (column_text (stmt, 14), &risk);
  chrono_event_set_risk (event, risk);
  chrono_event_set_source (event, column_text (stmt, 15));
  chrono_event_set_provenance (event, column_text (stmt, 16),
                               (guint64) sqlite3_column_int64 (stmt, 17));

  if (sqlite3_column_type (stmt, 18) == SQLITE_BLOB)
    {
      gconstpointer data = sqlite3_column_blob (stmt, 18);
      gsize size = (gsize) sqlite3_column_bytes (stmt, 18);
      g_autoptr(GBytes) bytes = g_bytes_new (data, size);
      g_autoptr(GVariant) v = g_variant_ref_sink (
        g_variant_new_from_bytes (G_VARIANT_TYPE ("a(ss)"), bytes, FALSE));
      GVariantIter iter;
      const char *name, *value;

      g_variant_iter_init (&iter, v);
      while (g_variant_iter_next (&iter, "(&s&s)", &name, &value))
        chrono_event_add_extra (event, name, value);
    }
  return TRUE;
}

/* The columns fill_event () reads. */
#define EVENT_SELECT \
  "SELECT e.id, e.ref, e.date, e.precision, e.time, e.end_date," \
  " a.name, coalesce(u.name, ''), e.kind, e.subjects, e.summary," \
  " e.shared_with, e.not_shared_with, e.allocation, e.risk, e.source," \
  " coalesce(f.name, ''), e.file_row, e.extra" \
  " FROM event e JOIN agency a ON a.id = e.agency_id" \
  " LEFT JOIN unit u ON u.id = e.unit_id" \
  " LEFT JOIN source_file f ON f.id = e.file_id"

static gboolean
foreach_event (ChronoStore      *self,
               gboolean          in_time_order,
               gboolean          reuse,
               ChronoEventFunc   func,
               gpointer          user_data,
               GError          **error)
{
  g_autoptr(ChronoEvent) event = chrono_event_new ();
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  sql = g_strdup_printf (EVENT_SELECT " ORDER BY %s", in_time_order ? "e.sort_key, e.id" : "e.id");

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  while (ok && rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      rc = SQLITE_OK;
      if (!reuse)
        {
          g_clear_object (&event);
          event = chrono_event_new ();
        }
      ok = fill_event (self, stmt, event, error) && func (event, user_data, error);
    }
  sqlite3_finalize (stmt);

  if (!ok)
    return FALSE;
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self, self->db, rc, _("reading the events"));
      return FALSE;
    }
  return TRUE;
}

gboolean
chrono_store_foreach_event (ChronoStore      *self,
                            gboolean          in_time_order,
                            ChronoEventFunc   func,
                            gpointer          user_data,
                            GError          **error)
{
  g_return_val_if_fail (CHRONO_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return foreach_event (self, in_time_order, TRUE, func, user_data, error);
}

static gboolean
collect_event_cb (ChronoEvent  *event,
                  gpointer      user_data,
                  GError      **error)
{
  g_ptr_array_add (user_data, g_object_ref (event));
  return TRUE;
}

GPtrArray *
chrono_store_load_events (ChronoStore  *self,
                          GError      **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (CHRONO_IS_STORE (self), NULL);

  if (!foreach_event (self, TRUE, FALSE, collect_event_cb, events, error))
    return NULL;
  return g_steal_pointer (&events);
}

gboolean
chrono_store_get_extent (ChronoStore  *self,
                         ChronoDate   *first,
                         ChronoDate   *last,
                         GError      **error)
{
  gint64 lo = 0, hi = 0, n = 0;
  int y, m, d;

  g_return_val_if_fail (CHRONO_IS_STORE (self), FALSE);

  if (!query_int (self, "SELECT count(*) FROM event", &n, error) || n == 0 ||
      !query_int (self, "SELECT min(first_day) FROM event", &lo, error) ||
      !query_int (self, "SELECT max(last_day) FROM event", &hi, error))
    return FALSE;

  chrono_day_to_ymd ((gint32) lo, &y, &m, &d);
  *first = (ChronoDate) { .year = y, .month = m, .day = d };
  chrono_day_to_ymd ((gint32) hi, &y, &m, &d);
  *last = (ChronoDate) { .year = y, .month = m, .day = d };
  return TRUE;
}

sqlite3 *
_chrono_store_get_db (ChronoStore *self)
{
  g_return_val_if_fail (CHRONO_IS_STORE (self), NULL);
  return self->db;
}

/* For the timeline: one event, its links, the lanes' order and visibility */

static GPtrArray *
load_events_where (ChronoStore  *self,
                   const char   *where,
                   gint64        id,
                   GError      **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = g_strdup_printf (EVENT_SELECT " WHERE %s ORDER BY e.sort_key, e.id", where);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 1, id);
  while (ok && rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChronoEvent *event = chrono_event_new ();

      rc = SQLITE_OK;
      g_ptr_array_add (events, event);
      ok = fill_event (self, stmt, event, error);
    }
  sqlite3_finalize (stmt);

  if (!ok)
    return NULL;
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self, self->db, rc, _("reading the events"));
      return NULL;
    }
  return g_steal_pointer (&events);
}

ChronoEvent *
chrono_store_load_event (ChronoStore  *self,
                         gint64        id,
                         GError      **error)
{
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (CHRONO_IS_STORE (self), NULL);

  events = load_events_where (self, "e.id = ?1", id, error);
  if (events == NULL)
    return NULL;
  if (events->len == 0)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_NOT_FOUND,
                   _("%s has no event %" PRId64), self->display_name, id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (events, 0));
}

GPtrArray *
chrono_store_load_linked_events (ChronoStore  *self,
                                 gint64        id,
                                 GError      **error)
{
  g_return_val_if_fail (CHRONO_IS_STORE (self), NULL);

  return load_events_where (self,
                            "e.id IN (SELECT b FROM event_link WHERE a = ?1"
                            " UNION SELECT a FROM event_link WHERE b = ?1)",
                            id, error);
}

static gboolean
update_agency (ChronoStore  *self,
               const char   *sql,
               gint64        agency_id,
               gint64        value,
               GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!require_writable (self, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 1, value);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 2, agency_id);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self, self->db, rc, _("saving the lanes"));
      return FALSE;
    }
  return TRUE;
}

gboolean
chrono_store_set_agency_position (ChronoStore  *self,
                                  gint64        agency_id,
                                  int           position,
                                  GError      **error)
{
  g_return_val_if_fail (CHRONO_IS_STORE (self), FALSE);

  return update_agency (self, "UPDATE agency SET position = ?1 WHERE id = ?2",
                        agency_id, position, error);
}

gboolean
chrono_store_set_agency_hidden (ChronoStore  *self,
                                gint64        agency_id,
                                gboolean      hidden,
                                GError      **error)
{
  g_return_val_if_fail (CHRONO_IS_STORE (self), FALSE);

  return update_agency (self, "UPDATE agency SET hidden = ?1 WHERE id = ?2",
                        agency_id, hidden ? 1 : 0, error);
}

int
_chrono_sql_exec_text (sqlite3            *db,
                       const char         *sql,
                       const char * const *params,
                       guint               n_params)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      for (int i = 0; i < (int) n_params && i < sqlite3_bind_parameter_count (stmt); i++)
        sqlite3_bind_text (stmt, i + 1, params[i] != NULL ? params[i] : "", -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  return rc;
}
