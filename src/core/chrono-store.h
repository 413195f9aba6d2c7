/* chrono-store.h: a case file, an SQLite database that never loses data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chrono-agency.h"
#include "chrono-event.h"
#include "chrono-subject.h"

G_BEGIN_DECLS

#define CHRONO_STORE_ERROR (chrono_store_error_quark ())

typedef enum
{
  CHRONO_STORE_ERROR_NOT_FOUND,   /* no such file */
  CHRONO_STORE_ERROR_NOT_CASE,    /* not a Chronoscope case file */
  CHRONO_STORE_ERROR_TOO_NEW,     /* written by a newer version */
  CHRONO_STORE_ERROR_CORRUPT,     /* damaged or truncated */
  CHRONO_STORE_ERROR_READ_ONLY,   /* cannot be written */
  CHRONO_STORE_ERROR_BUSY,        /* another program holds a write lock */
  CHRONO_STORE_ERROR_FAILED,      /* any other SQLite failure */
} ChronoStoreError;

typedef enum
{
  CHRONO_STORE_OPEN_READ_ONLY = 0,
  CHRONO_STORE_OPEN_WRITE     = 1 << 0,
  CHRONO_STORE_OPEN_CREATE    = 1 << 1,   /* create the file when missing */
  /* Skip the full read of every page at open (a large case opens at once);
   * the caller checks it later, e.g. by opening it read-only in a thread.
   * Until the first change nothing is written to the file, so a damaged
   * case found by that check is still as it was. */
  CHRONO_STORE_OPEN_DEFER_CHECK = 1 << 2,
} ChronoStoreFlags;

/* The format this build writes; PRAGMA user_version holds it. */
#define CHRONO_STORE_FORMAT_VERSION 2
/* PRAGMA application_id of every case file ("CHRN"). */
#define CHRONO_STORE_APPLICATION_ID 0x4348524e

#define CHRONO_TYPE_STORE (chrono_store_get_type ())
G_DECLARE_FINAL_TYPE (ChronoStore, chrono_store, CHRONO, STORE, GObject)

typedef gboolean (*ChronoEventFunc) (ChronoEvent *event,
                                     gpointer     user_data,
                                     GError     **error);

GQuark       chrono_store_error_quark        (void);

/* Opens a case file.  Anything that is not a case file (empty, another
 * SQLite database, junk, a newer format, a damaged file) is refused with a
 * clear error and left exactly as it was: nothing is written until the file
 * has been checked read-only. */
ChronoStore *chrono_store_open               (const char       *path,
                                              ChronoStoreFlags  flags,
                                              GError          **error);
const char  *chrono_store_get_path           (ChronoStore      *self);
gboolean     chrono_store_is_read_only       (ChronoStore      *self);
/* Checkpoints the write-ahead log and closes the database. */
void         chrono_store_close              (ChronoStore      *self);

/* One transaction around many changes: all of it lands or none. */
gboolean     chrono_store_begin              (ChronoStore      *self,
                                              GError          **error);
gboolean     chrono_store_commit             (ChronoStore      *self,
                                              GError          **error);
void         chrono_store_rollback           (ChronoStore      *self);

/* Starts the one transaction of a large import (instead of
 * chrono_store_begin): events then append without index upkeep, and
 * end_bulk indexes them in one sorted pass.  Commit or roll back as usual;
 * a rollback undoes it all. */
gboolean     chrono_store_begin_bulk         (ChronoStore      *self,
                                              GError          **error);
gboolean     chrono_store_end_bulk           (ChronoStore      *self,
                                              GError          **error);

/* Full structural check (PRAGMA integrity_check). */
gboolean     chrono_store_check_integrity    (ChronoStore      *self,
                                              GError          **error);

char        *chrono_store_get_meta           (ChronoStore      *self,
                                              const char       *key);
gboolean     chrono_store_set_meta           (ChronoStore      *self,
                                              const char       *key,
                                              const char       *value,
                                              GError          **error);

/* Copies the file at @path (streamed, never loaded whole) into the case with
 * its SHA-256 (@sha256 when the caller has it, else computed), under @name;
 * returns its id, or 0. */
gint64       chrono_store_add_source_file    (ChronoStore      *self,
                                              const char       *path,
                                              const char       *name,
                                              const char       *agency,
                                              const char       *sha256,
                                              GError          **error);
/* The SHA-256 of a file's bytes as hex, read in blocks. */
char        *chrono_store_hash_file          (const char       *path,
                                              GError          **error);
/* The id of an earlier import with the same SHA-256, or 0. */
gint64       chrono_store_find_source_file   (ChronoStore      *self,
                                              const char       *sha256);
/* Removes an earlier import: its events, rejected rows and stored bytes. */
gboolean     chrono_store_remove_source_file (ChronoStore      *self,
                                              gint64            file_id,
                                              GError          **error);
/* Keeps a row that could not become an event, verbatim with its reason. */
gboolean     chrono_store_add_rejected_row   (ChronoStore      *self,
                                              gint64            file_id,
                                              guint64           row,
                                              const char       *reason,
                                              const char * const *cells,
                                              GError          **error);
guint        chrono_store_count_rejected_rows (ChronoStore     *self);

/* Adds @event (its agency, unit and subjects are created as needed) and
 * sets its id.  @file_id ties it to a source file (0 for none). */
gboolean     chrono_store_insert_event       (ChronoStore      *self,
                                              ChronoEvent      *event,
                                              gint64            file_id,
                                              GError          **error);
gboolean     chrono_store_link_events        (ChronoStore      *self,
                                              gint64            a,
                                              gint64            b,
                                              const char       *kind,
                                              GError          **error);

guint        chrono_store_count_events       (ChronoStore      *self,
                                              GError          **error);
/* Agencies in lane order, with their units and event counts. */
GPtrArray   *chrono_store_list_agencies      (ChronoStore      *self,
                                              GError          **error);
GPtrArray   *chrono_store_list_subjects      (ChronoStore      *self,
                                              GError          **error);
/* Calls @func for every event, in import order (@in_time_order FALSE) or by
 * date (TRUE).  One event object is reused for every row: copy what you
 * need to keep. */
gboolean     chrono_store_foreach_event      (ChronoStore      *self,
                                              gboolean          in_time_order,
                                              ChronoEventFunc   func,
                                              gpointer          user_data,
                                              GError          **error);
/* All events by date, as new objects. */
GPtrArray   *chrono_store_load_events        (ChronoStore      *self,
                                              GError          **error);
/* First and last day covered by any event; FALSE for an empty case. */
gboolean     chrono_store_get_extent         (ChronoStore      *self,
                                              ChronoDate       *first,
                                              ChronoDate       *last,
                                              GError          **error);

/* For the timeline (one block): one event read whole, the events linked to
 * it (event_link, either side, by date), and the lane order and visibility
 * kept with each agency. */
ChronoEvent *chrono_store_load_event         (ChronoStore      *self,
                                              gint64            id,
                                              GError          **error);
GPtrArray   *chrono_store_load_linked_events (ChronoStore      *self,
                                              gint64            id,
                                              GError          **error);
gboolean     chrono_store_set_agency_position (ChronoStore     *self,
                                              gint64            agency_id,
                                              int               position,
                                              GError          **error);
gboolean     chrono_store_set_agency_hidden  (ChronoStore      *self,
                                              gint64            agency_id,
                                              gboolean          hidden,
                                              GError          **error);

G_END_DECLS
