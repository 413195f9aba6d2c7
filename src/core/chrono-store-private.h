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

G_END_DECLS
