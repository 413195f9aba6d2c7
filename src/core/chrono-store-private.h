/* chrono-store-private.h: for core modules that query the case directly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "chrono-store.h"

G_BEGIN_DECLS

/* The open connection, for read queries by core modules (marks, analysis).
 * Writes go through ChronoStore so transactions stay in one place. */
sqlite3 *_chrono_store_get_db (ChronoStore *self);

/* Prepares @sql, binds @params (NULL as "") to its parameters in order,
 * steps it once and finalizes it.  Returns SQLite's result code
 * (SQLITE_DONE on success); sqlite3_errmsg (@db) tells why otherwise. */
int      _chrono_sql_exec_text (sqlite3            *db,
                                const char         *sql,
                                const char * const *params,
                                guint               n_params);

G_END_DECLS
