/* chrono-analysis-data.c: every event of a case as compact arrays, for the analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One query reads the events; each row becomes a few integers (days, lane,
 * kind, interned sets of people and agencies) and the flags its summary's
 * words give.  No ChronoEvent objects and no text are kept.
 */
#define G_LOG_DOMAIN "chrono-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chrono-aliases.h"
#include "chrono-analysis-private.h"
#include "chrono-store-private.h"
#include "chrono-vocabulary.h"

static const char * const group_names[AN_N_GROUPS] = {
  "", "Children's Social Care", "Police", "Probation", "Health", "Women's Aid",
  "Victim Support", "Housing", "Education", "Courts", "Crown Prosecution Service", "Prisons",
  "MARAC", "MAPPA",
};

const char *
_chrono_analysis_group_name (AnGroup group)
{
  return group < AN_N_GROUPS ? group_names[group] : "";
}

AnGroup
_chrono_analysis_group_of_name (const char *name)
{
  static ChronoAliases *aliases;
  static GMutex lock;
  g_autofree char *group = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *norm = NULL;

  if (name == NULL || *name == '\0')
    return AN_GROUP_NONE;

  g_mutex_lock (&lock);
  if (aliases == NULL)
    aliases = chrono_aliases_new ();
  chrono_aliases_resolve (aliases, name, NULL, &group, &unit);
  g_mutex_unlock (&lock);

  for (guint g = 1; group != NULL && g < AN_N_GROUPS; g++)
    if (strcmp (group_names[g], group) == 0)
      return (AnGroup) g;

  /* Domestic abuse services go by many names. */
  norm = chrono_vocabulary_normalise (name);
  if (strstr (norm, "idva") != NULL || strstr (norm, "refuge") != NULL ||
      strstr (norm, "domestic abuse") != NULL || strstr (norm, "domestic violence") != NULL)
    return AN_GROUP_DA_SERVICE;
  return AN_GROUP_NONE;
}

static void
sets_init (AnSets *sets)
{
  guint32 zero = 0;

  sets->start = g_array_new (FALSE, FALSE, sizeof (guint32));
  sets->pool = g_array_new (FALSE, FALSE, sizeof (guint16));
  sets->by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Set 0 is the empty set. */
  g_array_append_val (sets->start, zero);
  g_array_append_val (sets->start, zero);
}

static void
sets_clear (AnSets *sets)
{
  g_clear_pointer (&sets->start, g_array_unref);
  g_clear_pointer (&sets->pool, g_array_unref);
  g_clear_pointer (&sets->by_text, g_hash_table_unref);
}

static guint32
sets_add (AnSets        *sets,
          const guint16 *values,
          guint          n)
{
  guint32 end;

  if (n == 0)
    return 0;
  for (guint i = 0; i < n; i++)
    {
      gboolean dup = FALSE;

      for (guint j = 0; j < i; j++)
        dup |= values[j] == values[i];
      if (!dup)
        g_array_append_val (sets->pool, values[i]);
    }
  end = sets->pool->len;
  g_array_append_val (sets->start, end);
  return sets->start->len - 2;
}

AnData *
_chrono_analysis_data_new (void)
{
  AnData *data = g_new0 (AnData, 1);

  data->refs = g_byte_array_new ();
  g_byte_array_append (data->refs, (const guint8 *) "", 1);
  data->agencies = g_ptr_array_new_with_free_func (g_free);
  data->agency_group = g_array_new (FALSE, FALSE, sizeof (guint8));
  data->units = g_ptr_array_new_with_free_func (g_free);
  data->unit_lane = g_array_new (FALSE, FALSE, sizeof (guint16));
  data->subject_names = g_ptr_array_new_with_free_func (g_free);
  data->subject_role = g_array_new (FALSE, FALSE, sizeof (guint8));
  sets_init (&data->subject_sets);
  sets_init (&data->agency_sets);
  for (guint g = 0; g < AN_N_GROUPS; g++)
    data->group_lane[g] = -1;
  return data;
}

static void
free_columns (AnData *data)
{
  g_clear_pointer (&data->id, g_free);
  g_clear_pointer (&data->ref, g_free);
  g_clear_pointer (&data->first, g_free);
  g_clear_pointer (&data->start_last, g_free);
  g_clear_pointer (&data->end_first, g_free);
  g_clear_pointer (&data->last, g_free);
  g_clear_pointer (&data->lane, g_free);
  g_clear_pointer (&data->unit, g_free);
  g_clear_pointer (&data->kind, g_free);
  g_clear_pointer (&data->alloc, g_free);
  g_clear_pointer (&data->risk, g_free);
  g_clear_pointer (&data->precision, g_free);
  g_clear_pointer (&data->eflags, g_free);
  g_clear_pointer (&data->text, g_free);
  g_clear_pointer (&data->subjects, g_free);
  g_clear_pointer (&data->shared, g_free);
  g_clear_pointer (&data->not_shared, g_free);
}

void
_chrono_analysis_data_free (AnData *data)
{
  if (data == NULL)
    return;
  free_columns (data);
  g_byte_array_unref (data->refs);
  g_ptr_array_unref (data->agencies);
  g_array_unref (data->agency_group);
  g_ptr_array_unref (data->units);
  g_array_unref (data->unit_lane);
  g_ptr_array_unref (data->subject_names);
  g_array_unref (data->subject_role);
  sets_clear (&data->subject_sets);
  sets_clear (&data->agency_sets);
  g_free (data->order);
  g_free (data->link_start);
  g_free (data->link_idx);
  g_free (data->lane_start);
  g_free (data->lane_idx);
  g_free (data->pairs.start);
  g_free (data->pairs.idx);
  g_free (data);
}

static void
alloc_columns (AnData *data,
               guint   n)
{
  guint m = MAX (n, 1);

  free_columns (data);
  data->id = g_new (gint64, m);
  data->ref = g_new (guint32, m);
  data->first = g_new (gint32, m);
  data->start_last = g_new (gint32, m);
  data->end_first = g_new (gint32, m);
  data->last = g_new (gint32, m);
  data->lane = g_new (guint16, m);
  data->unit = g_new (gint32, m);
  data->kind = g_new (guint8, m);
  data->alloc = g_new (guint8, m);
  data->risk = g_new (guint8, m);
  data->precision = g_new (guint8, m);
  data->eflags = g_new (guint8, m);
  data->text = g_new (AnText, m);
  data->subjects = g_new (guint32, m);
  data->shared = g_new (guint32, m);
  data->not_shared = g_new (guint32, m);
}

guint
_chrono_analysis_data_add_lane (AnData     *data,
                                const char *name,
                                AnGroup     group)
{
  guint8 g = group;

  g_assert (data->n_lanes == data->agencies->len);
  g_ptr_array_add (data->agencies, g_strdup (name));
  g_array_append_val (data->agency_group, g);
  if (group != AN_GROUP_NONE && data->group_lane[group] < 0)
    data->group_lane[group] = (gint) data->n_lanes;
  return data->n_lanes++;
}

guint
_chrono_analysis_data_add_unit (AnData     *data,
                                guint       lane,
                                const char *name)
{
  guint16 l = lane;

  g_ptr_array_add (data->units, g_strdup (name));
  g_array_append_val (data->unit_lane, l);
  return data->units->len - 1;
}

static guint16
subject_index (AnData     *data,
               const char *name)
{
  for (guint i = 0; i < data->subject_names->len; i++)
    if (strcmp (g_ptr_array_index (data->subject_names, i), name) == 0)
      return i;
  g_ptr_array_add (data->subject_names, g_strdup (name));
  {
    guint8 role = AN_ROLE_OTHER;
    g_array_append_val (data->subject_role, role);
  }
  return data->subject_names->len - 1;
}

guint32
_chrono_analysis_data_intern_subjects (AnData     *data,
                                       const char *text)
{
  gpointer found;
  g_auto(GStrv) names = NULL;
  g_autofree guint16 *values = NULL;
  guint n;
  guint32 id;

  if (text == NULL || *text == '\0')
    return 0;
  if (g_hash_table_lookup_extended (data->subject_sets.by_text, text, NULL, &found))
    return GPOINTER_TO_UINT (found) - 1;

  names = chrono_split_list (text);
  n = g_strv_length (names);
  values = g_new (guint16, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    values[i] = subject_index (data, names[i]);
  id = sets_add (&data->subject_sets, values, n);
  g_hash_table_insert (data->subject_sets.by_text, g_strdup (text), GUINT_TO_POINTER (id + 1));
  return id;
}

static guint16
agency_index (AnData     *data,
              const char *name)
{
  for (guint i = 0; i < data->agencies->len; i++)
    if (strcmp (g_ptr_array_index (data->agencies, i), name) == 0)
      return i;
  {
    guint8 g = _chrono_analysis_group_of_name (name);

    g_ptr_array_add (data->agencies, g_strdup (name));
    g_array_append_val (data->agency_group, g);
  }
  return data->agencies->len - 1;
}

/* Names as written ("Police", "DASU", "CSC") resolve to the case's lanes
 * through ChronoAliases; others are kept as written. */
static guint32
intern_agencies (AnData        *data,
                 ChronoAliases *aliases,
                 const char    *text)
{
  gpointer found;
  g_auto(GStrv) names = NULL;
  g_autofree guint16 *values = NULL;
  g_autoptr(GPtrArray) lanes = NULL;
  guint n;
  guint32 id;

  if (text == NULL || *text == '\0')
    return 0;
  if (g_hash_table_lookup_extended (data->agency_sets.by_text, text, NULL, &found))
    return GPOINTER_TO_UINT (found) - 1;

  lanes = g_ptr_array_new ();
  for (guint i = 0; i < data->n_lanes; i++)
    g_ptr_array_add (lanes, g_ptr_array_index (data->agencies, i));
  g_ptr_array_add (lanes, NULL);

  names = chrono_split_list (text);
  n = g_strv_length (names);
  values = g_new (guint16, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *agency = NULL;
      g_autofree char *unit = NULL;

      if (aliases != NULL)
        chrono_aliases_resolve (aliases, names[i], (const char * const *) lanes->pdata, &agency,
                                &unit);
      values[i] = agency_index (data, agency != NULL ? agency : names[i]);
    }
  id = sets_add (&data->agency_sets, values, n);
  g_hash_table_insert (data->agency_sets.by_text, g_strdup (text), GUINT_TO_POINTER (id + 1));
  return id;
}

static guint8
kind_of (const char *text)
{
  static const char * const words[CHRONO_N_KINDS] = {
    "other", "contact", "incident", "referral", "meeting", "assessment", "allocation",
    "closure", "court", "custody", "admission", "plan", "intelligence",
  };
  ChronoKind kind = CHRONO_KIND_OTHER;

  /* The store writes these words in lower case: try them as they are. */
  for (guint k = 0; text != NULL && k < CHRONO_N_KINDS; k++)
    if (text[0] == words[k][0] && strcmp (text, words[k]) == 0)
      return k;
  chrono_kind_from_string (text, &kind);
  return kind;
}

/* The last day a start date "YYYY", "YYYY-MM" or "YYYY-MM-DD" may mean. */
static gint32
start_last_day (const char *date,
                gint32      first,
                guint8     *precision)
{
  gsize len = date != NULL ? strlen (date) : 0;

  if (len >= 10)
    {
      *precision = CHRONO_PRECISION_DAY;
      return first;
    }
  if (len == 7)
    {
      int y = (int) g_ascii_strtoll (date, NULL, 10);
      int m = (int) g_ascii_strtoll (date + 5, NULL, 10);

      *precision = CHRONO_PRECISION_MONTH;
      return first + chrono_days_in_month (y, CLAMP (m, 1, 12)) - 1;
    }
  {
    int y = (int) g_ascii_strtoll (date != NULL ? date : "1", NULL, 10);

    *precision = CHRONO_PRECISION_YEAR;
    return chrono_days_in_month (y, 2) == 29 ? first + 365 : first + 364;
  }
}

static gboolean
load_lanes (AnData   *data,
            sqlite3  *db,
            GArray   *lane_of_agency_id,
            GArray   *unit_of_unit_id)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT id, name FROM agency ORDER BY position, id", -1, &stmt,
                           NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      guint lane = _chrono_analysis_data_add_lane (data, name, _chrono_analysis_group_of_name (name));
      gint32 v = (gint32) lane;

      if (id >= 0 && id < 65536)
        {
          if ((guint) id >= lane_of_agency_id->len)
            {
              gint32 none = -1;
              while (lane_of_agency_id->len <= (guint) id)
                g_array_append_val (lane_of_agency_id, none);
            }
          g_array_index (lane_of_agency_id, gint32, id) = v;
        }
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  rc = sqlite3_prepare_v2 (db, "SELECT id, agency_id, name FROM unit ORDER BY agency_id, position,"
                           " id", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 agency_id = sqlite3_column_int64 (stmt, 1);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      gint32 lane = agency_id >= 0 && (guint64) agency_id < lane_of_agency_id->len
                      ? g_array_index (lane_of_agency_id, gint32, agency_id) : -1;

      if (lane >= 0 && id >= 0 && id < 1000000)
        {
          gint32 v = (gint32) _chrono_analysis_data_add_unit (data, (guint) lane, name);
          gint32 none = -1;

          while (unit_of_unit_id->len <= (guint) id)
            g_array_append_val (unit_of_unit_id, none);
          g_array_index (unit_of_unit_id, gint32, id) = v;
        }
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
load_subjects (AnData  *data,
               sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT pseudonym, role FROM subject ORDER BY id", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *role = (const char *) sqlite3_column_text (stmt, 1);
      guint16 i = subject_index (data, name != NULL ? name : "");
      guint8 r = AN_ROLE_OTHER;

      if (role != NULL && g_ascii_strncasecmp (role, "perpetrator", 11) == 0)
        r = AN_ROLE_PERPETRATOR;
      else if (role != NULL && g_ascii_strncasecmp (role, "child", 5) == 0)
        r = AN_ROLE_CHILD;
      else if (role != NULL && g_ascii_strncasecmp (role, "victim", 6) == 0)
        r = AN_ROLE_VICTIM;
      g_array_index (data->subject_role, guint8, i) = r;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
load_links (AnData   *data,
            sqlite3  *db)
{
  g_autoptr(GHashTable) index_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint32));
  sqlite3_stmt *stmt = NULL;
  guint n = data->n;
  int rc;

  data->link_start = g_new0 (guint32, n + 1);
  rc = sqlite3_prepare_v2 (db, "SELECT a, b FROM event_link", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 a = sqlite3_column_int64 (stmt, 0);
      gint64 b = sqlite3_column_int64 (stmt, 1);

      if (g_hash_table_size (index_of) == 0)
        for (guint i = 0; i < n; i++)
          g_hash_table_insert (index_of, &data->id[i], GUINT_TO_POINTER (i + 1));
      {
        guint32 ia = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, &a));
        guint32 ib = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, &b));

        if (ia > 0 && ib > 0)
          {
            ia--;
            ib--;
            g_array_append_val (pairs, ia);
            g_array_append_val (pairs, ib);
            g_array_append_val (pairs, ib);
            g_array_append_val (pairs, ia);
          }
      }
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  for (guint k = 0; k < pairs->len; k += 2)
    data->link_start[g_array_index (pairs, guint32, k) + 1]++;
  for (guint i = 0; i < n; i++)
    data->link_start[i + 1] += data->link_start[i];
  data->link_idx = g_new (guint32, MAX (pairs->len / 2, 1));
  {
    g_autofree guint32 *fill = g_memdup2 (data->link_start, sizeof (guint32) * (n + 1));

    for (guint k = 0; k < pairs->len; k += 2)
      data->link_idx[fill[g_array_index (pairs, guint32, k)]++] = g_array_index (pairs, guint32, k + 1);
  }
  return rc == SQLITE_DONE;
}

/* Stable LSD radix sort of @idx by 32-bit @keys, 16 bits a pass. */
static void
radix_sort (guint32 *keys,
            guint32 *idx,
            guint    n)
{
  g_autofree guint32 *keys2 = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *idx2 = g_new (guint32, MAX (n, 1));
  g_autofree guint *counts = g_new (guint, 1 << 16);
  guint32 *src_k = keys, *dst_k = keys2, *src_i = idx, *dst_i = idx2;

  for (guint shift = 0; shift < 32; shift += 16)
    {
      guint sum = 0;

      memset (counts, 0, sizeof (guint) << 16);
      for (guint i = 0; i < n; i++)
        counts[(src_k[i] >> shift) & 0xffff]++;
      for (guint b = 0; b < (1u << 16); b++)
        {
          guint c = counts[b];

          counts[b] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        {
          guint slot = counts[(src_k[i] >> shift) & 0xffff]++;

          dst_k[slot] = src_k[i];
          dst_i[slot] = src_i[i];
        }
      {
        guint32 *tk = src_k, *ti = src_i;

        src_k = dst_k;
        dst_k = tk;
        src_i = dst_i;
        dst_i = ti;
      }
    }
  if (src_i != idx)
    memcpy (idx, src_i, sizeof (guint32) * n);
}

/* Rows come in id order; the analysis visits them by start (sort_key: the
 * first minute the start date may mean), ties in id order, through
 * data->order: the columns themselves stay where they are. */
static void
sort_by_time (AnData  *data,
              guint32 *sort_keys)
{
  guint n = data->n;
  gboolean sorted = TRUE;

  g_free (data->order);
  data->order = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      data->order[i] = i;
      if (i > 0 && sort_keys[i] < sort_keys[i - 1])
        sorted = FALSE;
    }
  if (!sorted)
    radix_sort (sort_keys, data->order, n);
}

gboolean
_chrono_analysis_data_load (AnData        *data,
                            ChronoStore   *store,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GArray) lane_of_agency_id = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) unit_of_unit_id = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(ChronoAliases) aliases = chrono_aliases_new ();
  g_autoptr(GHashTable) kinds = NULL;
  sqlite3 *db = _chrono_store_get_db (store);
  g_autofree guint32 *sort_keys = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = 0;
  guint i = 0;
  int rc;

  if (db == NULL)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
                   _("The case is closed"));
      return FALSE;
    }
  chrono_aliases_load (aliases, store, NULL);

  if (!load_lanes (data, db, lane_of_agency_id, unit_of_unit_id) || !load_subjects (data, db))
    goto failed;

  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM event", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (count > G_MAXUINT32 / 2)
    count = G_MAXUINT32 / 2;
  alloc_columns (data, (guint) count);


  /* The one query: every event, in the table's own order (a sequential
   * read); sorted by time in memory afterwards. */
  sort_keys = g_new (guint32, MAX (count, 1));
  rc = sqlite3_prepare_v2 (db,
                           "SELECT id, ref, date, precision, end_date, first_day, last_day,"
                           " agency_id, coalesce(unit_id, 0), kind, subjects, summary,"
                           " shared_with, not_shared_with, allocation, risk, sort_key"
                           " FROM event ORDER BY id", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *ref = (const char *) sqlite3_column_text (stmt, 1);
      const char *date = (const char *) sqlite3_column_text (stmt, 2);
      const char *precision = (const char *) sqlite3_column_text (stmt, 3);
      const char *end_date = (const char *) sqlite3_column_text (stmt, 4);
      gint64 agency_id = sqlite3_column_int64 (stmt, 7);
      gint64 unit_id = sqlite3_column_int64 (stmt, 8);
      const char *summary = (const char *) sqlite3_column_text (stmt, 11);
      const char *risk = (const char *) sqlite3_column_text (stmt, 15);
      const char *alloc = (const char *) sqlite3_column_text (stmt, 14);
      ChronoAllocation allocation = CHRONO_ALLOCATION_NONE;
      ChronoRisk risk_level = CHRONO_RISK_NONE;
      gint32 lane;

      rc = SQLITE_OK;
      if (i >= count)
        break;
      if ((i & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          sqlite3_finalize (stmt);
          return !g_cancellable_set_error_if_cancelled (cancellable, error);
        }

      lane = agency_id >= 0 && (guint64) agency_id < lane_of_agency_id->len
               ? g_array_index (lane_of_agency_id, gint32, agency_id) : -1;
      if (lane < 0)
        continue;

      data->id[i] = sqlite3_column_int64 (stmt, 0);
      data->ref[i] = 0;
      if (ref != NULL && *ref != '\0')
        {
          data->ref[i] = data->refs->len;
          g_byte_array_append (data->refs, (const guint8 *) ref, strlen (ref) + 1);
        }
      data->first[i] = sqlite3_column_int (stmt, 5);
      data->last[i] = sqlite3_column_int (stmt, 6);
      data->start_last[i] = start_last_day (date, data->first[i], &data->precision[i]);
      data->eflags[i] = precision != NULL && strcmp (precision, "approx") == 0 ? AN_EVENT_APPROX : 0;
      data->end_first[i] = data->start_last[i];
      if (end_date != NULL && *end_date != '\0')
        {
          ChronoDate end;
          gint32 ef, el;

          if (chrono_date_parse_iso (end_date, NULL, NULL, &end, NULL))
            {
              chrono_date_get_interval (&end, &ef, &el);
              data->end_first[i] = MAX (ef, data->start_last[i]);
              data->eflags[i] |= AN_EVENT_SPAN;
            }
        }
      data->last[i] = MAX (data->last[i], data->end_first[i]);
      data->lane[i] = (guint16) lane;
      data->unit[i] = unit_id > 0 && (guint64) unit_id < unit_of_unit_id->len
                        ? g_array_index (unit_of_unit_id, gint32, unit_id) : -1;
      data->kind[i] = kind_of ((const char *) sqlite3_column_text (stmt, 9));
      if (alloc != NULL && *alloc != '\0')
        chrono_allocation_from_string (alloc, &allocation);
      data->alloc[i] = allocation;
      data->subjects[i] = _chrono_analysis_data_intern_subjects (data,
                            (const char *) sqlite3_column_text (stmt, 10));
      data->shared[i] = intern_agencies (data, aliases, (const char *) sqlite3_column_text (stmt, 12));
      data->not_shared[i] = intern_agencies (data, aliases,
                                             (const char *) sqlite3_column_text (stmt, 13));
      _chrono_analysis_scan_text (summary != NULL ? summary : "",
                                  (gsize) sqlite3_column_bytes (stmt, 11), &data->text[i]);
      if (risk != NULL && *risk != '\0')
        chrono_risk_from_string (risk, &risk_level);
      if (risk_level == CHRONO_RISK_NONE)
        {
          guint32 f = data->text[i].flags;
          risk_level = f & AN_TEXT_RISK_HIGH ? CHRONO_RISK_HIGH
                     : f & AN_TEXT_RISK_MEDIUM ? CHRONO_RISK_MEDIUM
                     : f & AN_TEXT_RISK_LOW ? CHRONO_RISK_LOW : CHRONO_RISK_NONE;
        }
      data->risk[i] = risk_level;
      sort_keys[i] = (guint32) CLAMP (sqlite3_column_int64 (stmt, 16), 0, G_MAXUINT32);
      i++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    goto failed;
  data->n = i;
  sort_by_time (data, sort_keys);

  if (!load_links (data, db))
    goto failed;
  _chrono_analysis_data_index (data);
  return TRUE;

failed:
  g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
               _("The case cannot be read for analysis: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static AnRole
role_from_name (const char *name)
{
  static const char * const perpetrator[] = { "perpetrator", "abuser", "offender", "suspect", NULL };
  static const char * const child[] = { "daughter", "son", "child", "baby", "infant", "boy", "girl",
                                        "stepdaughter", "stepson", "grandchild", NULL };
  static const char * const victim[] = { "victim", NULL };
  g_autofree char *norm = chrono_vocabulary_normalise (name);
  g_auto(GStrv) words = g_strsplit (norm, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_strv_contains (perpetrator, words[i]))
        return AN_ROLE_PERPETRATOR;
      if (g_strv_contains (child, words[i]))
        return AN_ROLE_CHILD;
      if (g_strv_contains (victim, words[i]))
        return AN_ROLE_VICTIM;
    }
  return AN_ROLE_OTHER;
}

void
_chrono_analysis_data_index (AnData *data)
{
  guint n = data->n, n_lanes = data->n_lanes, n_subjects;

  if (data->order == NULL)
    {
      data->order = g_new (guint32, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        data->order[i] = i;
    }
  g_autofree guint *freq = NULL;
  gboolean any_perpetrator = FALSE;
  guint32 top_set = 0;

  /* People: roles from the case, else from the review's pseudonyms, else a
   * person who is the only one named on custody records is the one posing
   * the risk. */
  n_subjects = data->subject_names->len;
  data->n_subjects = n_subjects;
  for (guint s = 0; s < n_subjects; s++)
    {
      guint8 *role = &g_array_index (data->subject_role, guint8, s);

      if (*role == AN_ROLE_OTHER)
        *role = role_from_name (g_ptr_array_index (data->subject_names, s));
      any_perpetrator |= *role == AN_ROLE_PERPETRATOR;
    }
  if (!any_perpetrator)
    {
      for (guint i = 0; i < n; i++)
        {
          guint k;
          const guint16 *v = an_set (&data->subject_sets, data->subjects[i], &k);

          if (data->kind[i] == CHRONO_KIND_CUSTODY && k == 1)
            g_array_index (data->subject_role, guint8, v[0]) = AN_ROLE_PERPETRATOR;
        }
    }

  /* Rows that name nobody are taken to concern the person the case names
   * most often (an agency's table without a "who" column). */
  freq = g_new0 (guint, MAX (n_subjects, 1));
  for (guint i = 0; i < n; i++)
    {
      guint k;
      const guint16 *v = an_set (&data->subject_sets, data->subjects[i], &k);

      for (guint j = 0; j < k; j++)
        freq[v[j]]++;
    }
  if (n_subjects > 0)
    {
      guint16 top = 0;

      for (guint s = 1; s < n_subjects; s++)
        if (freq[s] > freq[top])
          top = s;
      top_set = sets_add (&data->subject_sets, &top, 1);
      for (guint i = 0; i < n; i++)
        if (data->subjects[i] == 0)
          data->subjects[i] = top_set;
    }

  /* Per lane, in time order. */
  g_free (data->lane_start);
  g_free (data->lane_idx);
  data->lane_start = g_new0 (guint32, n_lanes + 1);
  data->lane_idx = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    data->lane_start[data->lane[i] + 1]++;
  for (guint l = 0; l < n_lanes; l++)
    data->lane_start[l + 1] += data->lane_start[l];
  {
    g_autofree guint32 *fill = g_memdup2 (data->lane_start, sizeof (guint32) * (n_lanes + 1));

    for (guint k = 0; k < n; k++)
      {
        guint32 i = data->order[k];
        data->lane_idx[fill[data->lane[i]]++] = i;
      }
  }

  /* Per (lane, person). */
  {
    gsize n_pairs = (gsize) n_lanes * MAX (n_subjects, 1);
    guint32 total = 0;
    g_autofree guint32 *fill = NULL;

    g_free (data->pairs.start);
    g_free (data->pairs.idx);
    data->pairs.start = g_new0 (guint32, n_pairs + 1);
    for (guint i = 0; i < n; i++)
      {
        guint k;
        const guint16 *v = an_set (&data->subject_sets, data->subjects[i], &k);

        for (guint j = 0; j < k; j++)
          data->pairs.start[(gsize) data->lane[i] * n_subjects + v[j] + 1]++;
        total += k;
      }
    for (gsize p = 0; p < n_pairs; p++)
      data->pairs.start[p + 1] += data->pairs.start[p];
    data->pairs.idx = g_new (guint32, MAX (total, 1));
    fill = g_memdup2 (data->pairs.start, sizeof (guint32) * (n_pairs + 1));
    for (guint q = 0; q < n; q++)
      {
        guint32 i = data->order[q];
        guint k;
        const guint16 *v = an_set (&data->subject_sets, data->subjects[i], &k);

        for (guint j = 0; j < k; j++)
          data->pairs.idx[fill[(gsize) data->lane[i] * n_subjects + v[j]]++] = i;
      }
  }
}
