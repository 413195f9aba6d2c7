/* chrono-marks-labels.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-marks"

#include "config.h"

#include "chrono-marks.h"
#include "chrono-store-private.h"

struct _ChronoMarksLabels
{
  ChronoStore  *store;
  sqlite3_stmt *stmt;
  GHashTable   *cache;   /* gint64 id → summary */
};

ChronoMarksLabels *
chrono_marks_labels_new (ChronoStore *store)
{
  ChronoMarksLabels *labels;

  g_return_val_if_fail (CHRONO_IS_STORE (store), NULL);

  labels = g_new0 (ChronoMarksLabels, 1);
  labels->store = g_object_ref (store);
  labels->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return labels;
}

const char *
chrono_marks_labels_get (ChronoMarksLabels *labels,
                         gint64             id)
{
  const char *cached;
  gint64 *key;
  char *summary = NULL;
  sqlite3 *db;

  g_return_val_if_fail (labels != NULL, NULL);

  cached = g_hash_table_lookup (labels->cache, &id);
  if (cached != NULL)
    return cached;

  db = _chrono_store_get_db (labels->store);
  if (labels->stmt == NULL && db != NULL)
    sqlite3_prepare_v2 (db, "SELECT summary FROM event WHERE id = ?", -1, &labels->stmt, NULL);
  if (labels->stmt != NULL)
    {
      sqlite3_reset (labels->stmt);
      sqlite3_bind_int64 (labels->stmt, 1, id);
      if (sqlite3_step (labels->stmt) == SQLITE_ROW)
        summary = g_strdup ((const char *) sqlite3_column_text (labels->stmt, 0));
      sqlite3_reset (labels->stmt);
    }

  key = g_new (gint64, 1);
  *key = id;
  if (summary == NULL)
    summary = g_strdup ("");
  g_hash_table_insert (labels->cache, key, summary);
  return summary;
}

void
chrono_marks_labels_free (ChronoMarksLabels *labels)
{
  if (labels == NULL)
    return;
  g_clear_pointer (&labels->stmt, sqlite3_finalize);
  g_clear_pointer (&labels->cache, g_hash_table_unref);
  g_clear_object (&labels->store);
  g_free (labels);
}
