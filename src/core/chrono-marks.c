/* chrono-marks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-marks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "chrono-marks-private.h"
#include "chrono-store-private.h"

G_DEFINE_BOXED_TYPE (ChronoMarks, chrono_marks, chrono_marks_ref, chrono_marks_unref)

ChronoMarks *
_chrono_marks_alloc (guint n_events)
{
  ChronoMarks *self = g_new0 (ChronoMarks, 1);

  self->ref_count = 1;
  self->n_events = n_events;
  self->id = g_new (gint64, MAX (n_events, 1));
  self->pos = g_new (double, MAX (n_events, 1));
  self->first_day = g_new (gint32, MAX (n_events, 1));
  self->start_last = g_new (gint32, MAX (n_events, 1));
  self->end_first = g_new (gint32, MAX (n_events, 1));
  self->last_day = g_new (gint32, MAX (n_events, 1));
  self->minute = g_new (gint16, MAX (n_events, 1));
  self->lane = g_new (guint16, MAX (n_events, 1));
  self->unit = g_new (gint16, MAX (n_events, 1));
  self->kind = g_new (guint8, MAX (n_events, 1));
  self->precision = g_new (guint8, MAX (n_events, 1));
  self->flags = g_new (guint8, MAX (n_events, 1));
  return self;
}

static void
lanes_free (ChronoMarksLane *lanes,
            guint            n_lanes)
{
  for (guint i = 0; i < n_lanes; i++)
    {
      g_free (lanes[i].name);
      g_free (lanes[i].colour);
      g_strfreev (lanes[i].units);
      g_free (lanes[i].tracks);
    }
  g_free (lanes);
}

ChronoMarks *
chrono_marks_ref (ChronoMarks *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
chrono_marks_unref (ChronoMarks *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  lanes_free (self->lanes, self->n_lanes);
  g_free (self->id);
  g_free (self->pos);
  g_free (self->first_day);
  g_free (self->start_last);
  g_free (self->end_first);
  g_free (self->last_day);
  g_free (self->minute);
  g_free (self->lane);
  g_free (self->unit);
  g_free (self->kind);
  g_free (self->precision);
  g_free (self->flags);
  g_free (self->by_id);
  g_free (self->list_storage);
  g_free (self->reach_storage);
  g_free (self->pos_storage);
  g_free (self->bucket_storage);
  g_free (self->month_storage);
  g_free (self->month_pos_storage);
  g_free (self->block_storage);
  g_free (self);
}

static gboolean
is_range (const ChronoMarks *self,
          guint              i)
{
  return (self->flags[i] & CHRONO_MARK_SPAN) || self->precision[i] == CHRONO_PRECISION_YEAR;
}

/* Stable LSD radix sort of @idx by @keys, 11 bits a pass (the counts stay
 * in cache); passes where every key has the same digit are skipped. */
static void
radix_sort (guint64 *keys,
            guint32 *idx,
            guint    n,
            guint64 *keys2,
            guint32 *idx2)
{
  guint counts[1 << 11];
  guint64 *src_k = keys, *dst_k = keys2;
  guint32 *src_i = idx, *dst_i = idx2;
  guint64 max_key = 0;

  for (guint i = 0; i < n; i++)
    max_key = MAX (max_key, keys[i]);

  for (guint shift = 0; shift < 64 && (max_key >> shift) != 0; shift += 11)
    {
      guint sum = 0;
      gboolean one_bucket = FALSE;

      memset (counts, 0, sizeof counts);
      for (guint i = 0; i < n; i++)
        counts[(src_k[i] >> shift) & 0x7ff]++;
      for (guint b = 0; b < G_N_ELEMENTS (counts); b++)
        {
          guint c = counts[b];

          if (c == n)
            one_bucket = TRUE;
          counts[b] = sum;
          sum += c;
        }
      if (one_bucket)
        continue;
      for (guint i = 0; i < n; i++)
        {
          guint slot = counts[(src_k[i] >> shift) & 0x7ff]++;

          dst_k[slot] = src_k[i];
          dst_i[slot] = src_i[i];
        }
      {
        guint64 *tk = src_k;
        guint32 *ti = src_i;

        src_k = dst_k;
        dst_k = tk;
        src_i = dst_i;
        dst_i = ti;
      }
    }

  if (src_i != idx)
    {
      memcpy (idx, src_i, sizeof (guint32) * n);
      memcpy (keys, src_k, sizeof (guint64) * n);
    }
}

/* Sets @order to the events by lane, then start (first day, then minute
 * with untimed events at midday), then id.  A counting sort by lane, then
 * each lane on its own: already in order when imported in date order,
 * otherwise a radix sort that fits in cache. */
static void
sort_events (ChronoMarks *self,
             guint32     *order)
{
  guint n = self->n_events;
  g_autofree guint *lane_start = g_new0 (guint, self->n_lanes + 1);
  g_autofree guint64 *keys = g_new (guint64, MAX (n, 1));
  g_autofree guint64 *keys2 = g_new (guint64, MAX (n, 1));
  g_autofree guint32 *idx2 = g_new (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    lane_start[self->lane[i] + 1]++;
  for (guint l = 0; l < self->n_lanes; l++)
    lane_start[l + 1] += lane_start[l];
  {
    g_autofree guint *fill = g_memdup2 (lane_start, sizeof (guint) * (self->n_lanes + 1));

    for (guint i = 0; i < n; i++)
      order[fill[self->lane[i]]++] = i;
  }

  for (guint l = 0; l < self->n_lanes; l++)
    {
      guint begin = lane_start[l], end = lane_start[l + 1];
      gboolean sorted = TRUE;

      for (guint k = begin; k < end; k++)
        {
          guint i = order[k];
          guint64 day = (guint64) CLAMP (self->first_day[i] + 1, 0, (1 << 23) - 1);
          guint64 minute = self->minute[i] >= 0 ? (guint64) self->minute[i] : UNTIMED_MINUTE;

          keys[k] = (day << 11) | minute;
          if (k > begin && keys[k] < keys[k - 1])
            sorted = FALSE;
        }
      if (!sorted)
        radix_sort (keys + begin, order + begin, end - begin, keys2 + begin, idx2 + begin);
    }
}

#define PERMUTE(type, field)                                  \
  G_STMT_START {                                              \
    type *sorted_ = g_new (type, MAX (self->n_events, 1));    \
    for (guint k_ = 0; k_ < self->n_events; k_++)             \
      sorted_[k_] = self->field[order[k_]];                   \
    g_free (self->field);                                     \
    self->field = sorted_;                                    \
  } G_STMT_END

/* Fills @track from the events [begin, end) of one lane that @keep selects
 * (unit @unit, or every event when @unit is G_MININT). */
static void
build_track (ChronoMarks      *self,
             ChronoMarksTrack *track,
             guint             begin,
             guint             end,
             int               unit,
             guint32         **list_cursor,
             gint32          **reach_cursor,
             guint32         **month_cursor,
             guint32          *day_tmp,
             guint32          *month_tmp)
{
  guint n_day = 0, n_month = 0, n_ranges = 0, a = 0, b = 0, k = 0;
  gint32 reach = G_MININT32;

  /* Points come in two runs already sorted by pos: day-precision events
   * (pos follows the sort order) and month-precision ones (pos is the middle
   * of their month, which follows first_day).  Merge them. */
  for (guint i = begin; i < end; i++)
    {
      if (unit != G_MININT && self->unit[i] != unit)
        continue;
      if (is_range (self, i))
        n_ranges++;
      else if (self->precision[i] == CHRONO_PRECISION_DAY)
        day_tmp[n_day++] = i;
      else
        month_tmp[n_month++] = i;
    }

  track->points = *list_cursor;
  track->n_points = n_day + n_month;
  track->max_half_width = n_month > 0 ? 15.5 : 0.5;
  while (a < n_day || b < n_month)
    {
      if (b >= n_month || (a < n_day && self->pos[day_tmp[a]] <= self->pos[month_tmp[b]]))
        track->points[k++] = day_tmp[a++];
      else
        track->points[k++] = month_tmp[b++];
    }
  *list_cursor += track->n_points;

  track->month_points = *month_cursor;
  track->month_pos = self->month_pos_storage + (*month_cursor - self->month_storage);
  track->n_month_points = n_month;
  for (guint j = 0; j < n_month; j++)
    {
      track->month_points[j] = month_tmp[j];
      track->month_pos[j] = self->pos[month_tmp[j]];
    }
  *month_cursor += n_month;

  track->ranges = *list_cursor;
  track->reach = *reach_cursor;
  track->range_first = *reach_cursor + n_ranges;
  track->range_last = *reach_cursor + 2 * n_ranges;
  track->n_ranges = n_ranges;
  k = 0;
  for (guint i = begin; i < end; i++)
    {
      if (unit != G_MININT && self->unit[i] != unit)
        continue;
      if (!is_range (self, i))
        continue;
      reach = MAX (reach, self->last_day[i]);
      track->ranges[k] = i;
      track->reach[k] = reach;
      track->range_first[k] = self->first_day[i];
      track->range_last[k] = self->last_day[i];
      k++;
    }
  *list_cursor += n_ranges;
  *reach_cursor += 3 * n_ranges;
}

/* Sorts the events (filled in id order) and builds the per-lane lists. */
void
_chrono_marks_finish (ChronoMarks *self)
{
  guint n = self->n_events;
  g_autofree guint32 *order = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *day_tmp = NULL;
  g_autofree guint32 *month_tmp = NULL;
  guint32 *list_cursor;
  gint32 *reach_cursor;
  guint32 *month_cursor;
  guint n_ranges = 0, n_months = 0;

  sort_events (self, order);

  /* The input is in id order, so the inverse permutation lists the events by
   * id. */
  self->by_id = g_new (guint32, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    self->by_id[order[k]] = k;

  PERMUTE (gint64, id);
  PERMUTE (double, pos);
  PERMUTE (gint32, first_day);
  PERMUTE (gint32, start_last);
  PERMUTE (gint32, end_first);
  PERMUTE (gint32, last_day);
  PERMUTE (gint16, minute);
  PERMUTE (guint16, lane);
  PERMUTE (gint16, unit);
  PERMUTE (guint8, kind);
  PERMUTE (guint8, precision);
  PERMUTE (guint8, flags);

  self->min_day = n > 0 ? G_MAXINT32 : 0;
  self->max_day = 0;
  for (guint i = 0; i < n; i++)
    {
      self->min_day = MIN (self->min_day, self->first_day[i]);
      self->max_day = MAX (self->max_day, self->last_day[i]);
      if (is_range (self, i))
        n_ranges++;
      else if (self->precision[i] != CHRONO_PRECISION_DAY)
        n_months++;
    }

  for (guint l = 0; l < self->n_lanes; l++)
    self->lanes[l].begin = self->lanes[l].end = 0;
  for (guint i = 0, l = 0; l < self->n_lanes; l++)
    {
      self->lanes[l].begin = i;
      while (i < n && self->lane[i] == l)
        i++;
      self->lanes[l].end = i;
    }

  /* Each event appears in its lane's list and in its unit's. */
  self->list_storage = g_new (guint32, MAX (2 * n, 1));
  self->pos_storage = g_new (double, MAX (2 * n, 1));
  self->reach_storage = g_new (gint32, MAX (6 * n_ranges, 1));
  list_cursor = self->list_storage;
  reach_cursor = self->reach_storage;
  self->month_storage = g_new (guint32, MAX (2 * n_months, 1));
  self->month_pos_storage = g_new (double, MAX (2 * n_months, 1));
  month_cursor = self->month_storage;
  day_tmp = g_new (guint32, MAX (n, 1));
  month_tmp = g_new (guint32, MAX (n, 1));

  for (guint l = 0; l < self->n_lanes; l++)
    {
      ChronoMarksLane *lane = &self->lanes[l];

      build_track (self, &lane->all, lane->begin, lane->end, G_MININT,
                   &list_cursor, &reach_cursor, &month_cursor, day_tmp, month_tmp);
      lane->tracks = g_new0 (ChronoMarksTrack, lane->n_units + 1);
      for (guint t = 0; t <= lane->n_units; t++)
        build_track (self, &lane->tracks[t], lane->begin, lane->end, (int) t - 1,
                     &list_cursor, &reach_cursor, &month_cursor, day_tmp, month_tmp);
    }

  /* Block maxima of last_day, so a run of ranges is skipped in one step,
   * and day buckets, so a run of points is. */
  {
    gsize n_blocks = 0, n_bucket_entries = 0;
    gint32 *block_cursor;
    guint32 *bucket_cursor;

    for (guint l = 0; l < self->n_lanes; l++)
      {
        for (guint t = 0; t <= self->lanes[l].n_units + 1; t++)
          {
            ChronoMarksTrack *track = t == 0 ? &self->lanes[l].all : &self->lanes[l].tracks[t - 1];

            n_blocks += (track->n_ranges + 31) / 32;
            track->point_pos = self->pos_storage + (track->points - self->list_storage);
            for (guint k = 0; k < track->n_points; k++)
              track->point_pos[k] = self->pos[track->points[k]];
            if (track->n_points > 0)
              {
                double base = floor (track->point_pos[0]);
                double span = floor (track->point_pos[track->n_points - 1]) + 1 - base;

                track->bucket_base = base;
                track->bucket_days = (guint) MAX (ceil (span / 65536), 1);
                track->n_buckets = (guint) ceil (span / track->bucket_days);
                n_bucket_entries += track->n_buckets + 1;
              }
          }
      }
    self->block_storage = g_new (gint32, MAX (n_blocks, 1));
    self->bucket_storage = g_new (guint32, MAX (n_bucket_entries, 1));
    block_cursor = self->block_storage;
    bucket_cursor = self->bucket_storage;
    for (guint l = 0; l < self->n_lanes; l++)
      {
        for (guint t = 0; t <= self->lanes[l].n_units + 1; t++)
          {
            ChronoMarksTrack *track = t == 0 ? &self->lanes[l].all : &self->lanes[l].tracks[t - 1];
            guint k = 0;

            track->block_max = block_cursor;
            for (guint r = 0; r < track->n_ranges; r++)
              {
                if (r % 32 == 0)
                  track->block_max[r / 32] = track->range_last[r];
                else
                  track->block_max[r / 32] = MAX (track->block_max[r / 32], track->range_last[r]);
              }
            block_cursor += (track->n_ranges + 31) / 32;

            if (track->n_points == 0)
              continue;
            track->bucket_start = bucket_cursor;
            for (guint b = 0; b <= track->n_buckets; b++)
              {
                double limit = track->bucket_base + (double) b * track->bucket_days;

                while (k < track->n_points && track->point_pos[k] < limit)
                  k++;
                track->bucket_start[b] = b == track->n_buckets ? track->n_points : k;
              }
            bucket_cursor += track->n_buckets + 1;
          }
      }
  }
}

static guint8
parse_kind (const char *text,
            int         len)
{
  ChronoKind kind = CHRONO_KIND_OTHER;

  for (guint k = 0; k < CHRONO_N_KINDS; k++)
    {
      const char *word = chrono_kind_to_string (k);

      if ((int) strlen (word) == len && memcmp (word, text, len) == 0)
        return k;
    }
  /* Differently cased words are still understood. */
  if (text != NULL)
    chrono_kind_from_string (text, &kind);
  return kind;
}

/* Fills one event from a row of the load query (see chrono_marks_load). */
static void
read_event (ChronoMarks  *self,
            guint         i,
            sqlite3_stmt *stmt,
            const gint32 *lane_of_agency,
            gsize         n_agency_slots,
            const gint32 *unit_index,
            gsize         n_unit_slots)
{
  gint64 agency_id = sqlite3_column_int64 (stmt, 1);
  gint64 unit_id = sqlite3_column_int64 (stmt, 2);
  gint64 sort_key = sqlite3_column_int64 (stmt, 5);
  int date_len = sqlite3_column_bytes (stmt, 6);
  int end_len = sqlite3_column_bytes (stmt, 7);
  const char *kind_text = (const char *) sqlite3_column_text (stmt, 8);
  int kind_len = sqlite3_column_bytes (stmt, 8);
  const char *precision = (const char *) sqlite3_column_text (stmt, 9);
  const char *risk = (const char *) sqlite3_column_text (stmt, 13);
  guint8 flags = 0;

  self->id[i] = sqlite3_column_int64 (stmt, 0);
  self->lane[i] = (agency_id >= 0 && (gsize) agency_id < n_agency_slots)
                    ? (guint16) MAX (lane_of_agency[agency_id], 0) : 0;
  self->unit[i] = (unit_id > 0 && (gsize) unit_id < n_unit_slots)
                    ? (gint16) unit_index[unit_id] : -1;
  self->first_day[i] = sqlite3_column_int (stmt, 3);
  self->last_day[i] = MAX (sqlite3_column_int (stmt, 4), self->first_day[i]);
  self->kind[i] = parse_kind (kind_text, kind_len);

  if (precision != NULL && strcmp (precision, "approx") == 0)
    flags |= CHRONO_MARK_APPROX;
  if (sqlite3_column_bytes (stmt, 10) > 0)
    flags |= CHRONO_MARK_HAS_TIME;
  if (sqlite3_column_bytes (stmt, 11) > 0)
    flags |= CHRONO_MARK_SHARED;
  if (sqlite3_column_bytes (stmt, 12) > 0)
    flags |= CHRONO_MARK_NOT_SHARED;
  if (risk != NULL && strcmp (risk, "high") == 0)
    flags |= CHRONO_MARK_RISK_HIGH;

  self->minute[i] = (flags & CHRONO_MARK_HAS_TIME)
                      ? (gint16) CLAMP (sort_key - (gint64) self->first_day[i] * 1440, 0, 1439)
                      : -1;
  /* The date column is "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
  self->precision[i] = date_len <= 4 ? CHRONO_PRECISION_YEAR
                       : date_len <= 7 ? CHRONO_PRECISION_MONTH
                       : CHRONO_PRECISION_DAY;

  if (end_len > 0)
    {
      ChronoDate start = CHRONO_DATE_INIT, end = CHRONO_DATE_INIT;
      gint32 s_first, s_last, e_first, e_last;

      flags |= CHRONO_MARK_SPAN;
      s_last = self->first_day[i];
      if (chrono_date_parse_iso ((const char *) sqlite3_column_text (stmt, 6), NULL, NULL,
                                 &start, NULL))
        {
          chrono_date_get_interval (&start, &s_first, &s_last);
        }
      e_first = self->last_day[i];
      if (chrono_date_parse_iso ((const char *) sqlite3_column_text (stmt, 7), NULL, NULL,
                                 &end, NULL))
        {
          chrono_date_get_interval (&end, &e_first, &e_last);
        }
      self->start_last[i] = CLAMP (s_last, self->first_day[i], self->last_day[i]);
      self->end_first[i] = CLAMP (e_first, self->first_day[i], self->last_day[i]);
    }
  else
    {
      self->start_last[i] = self->last_day[i];
      self->end_first[i] = self->last_day[i];
    }
  self->flags[i] = flags;
  self->pos[i] = _chrono_marks_pos (self, i);
}

static gboolean
fail_sqlite (sqlite3  *db,
             GError  **error)
{
  g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
               _("Cannot read the events for the timeline: %s"), sqlite3_errmsg (db));
  return FALSE;
}

/* Reads the lanes (agencies in position order) and their units. */
static gboolean
load_lanes (ChronoMarks  *self,
            sqlite3      *db,
            GArray       *lane_of_agency,
            GArray       *unit_index,
            GError      **error)
{
  g_autoptr(GArray) lanes = g_array_new (FALSE, TRUE, sizeof (ChronoMarksLane));
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT id, name, colour, hidden FROM agency"
                           " ORDER BY position, id", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChronoMarksLane lane = { 0 };
      gint64 id = sqlite3_column_int64 (stmt, 0);

      rc = SQLITE_OK;
      if (lanes->len >= G_MAXUINT16)
        break;   /* no one can read that many swim lanes */
      lane.agency_id = id;
      lane.name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      lane.colour = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      lane.hidden = sqlite3_column_int (stmt, 3) != 0;
      if (id >= 0 && id < (1 << 24))
        {
          if ((guint) id >= lane_of_agency->len)
            g_array_set_size (lane_of_agency, (guint) id + 1);
          g_array_index (lane_of_agency, gint32, id) = (gint32) lanes->len;
        }
      g_array_append_val (lanes, lane);
      g_ptr_array_add (units, g_ptr_array_new_with_free_func (g_free));
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (rc == SQLITE_DONE || rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT id, agency_id, name FROM unit"
                             " ORDER BY agency_id, position, id", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 agency_id = sqlite3_column_int64 (stmt, 1);
      GPtrArray *list;
      gint32 lane;

      rc = SQLITE_OK;
      if (agency_id < 0 || (guint64) agency_id >= lane_of_agency->len || id < 0 ||
          id >= (1 << 24))
        continue;
      lane = g_array_index (lane_of_agency, gint32, agency_id);
      list = g_ptr_array_index (units, lane);
      if (list->len >= G_MAXINT16)
        continue;
      if ((guint) id >= unit_index->len)
        g_array_set_size (unit_index, (guint) id + 1);
      g_array_index (unit_index, gint32, id) = (gint32) list->len;
      g_ptr_array_add (list, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  sqlite3_finalize (stmt);

  for (guint l = 0; l < lanes->len; l++)
    {
      GPtrArray *list = g_ptr_array_index (units, l);
      ChronoMarksLane *lane = &g_array_index (lanes, ChronoMarksLane, l);

      lane->n_units = list->len;
      lane->units = g_new0 (char *, list->len + 1);
      for (guint u = 0; u < list->len; u++)
        lane->units[u] = g_strdup (g_ptr_array_index (list, u));
    }

  self->n_lanes = lanes->len;
  self->lanes = (ChronoMarksLane *) g_array_free (g_steal_pointer (&lanes), FALSE);
  if (rc != SQLITE_DONE)
    return fail_sqlite (db, error);
  return TRUE;
}

/**
 * chrono_marks_load:
 *
 * One pass over the event table in rowid order (the cheapest scan SQLite
 * has) that reads only small columns; the sort is a radix sort in memory.
 */
ChronoMarks *
chrono_marks_load (ChronoStore  *store,
                   GError      **error)
{
  g_autoptr(ChronoMarks) self = NULL;
  g_autoptr(GArray) lane_of_agency = g_array_new (FALSE, TRUE, sizeof (gint32));
  g_autoptr(GArray) unit_index = g_array_new (FALSE, TRUE, sizeof (gint32));
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gint64 count = 0, old_mmap = 0;
  guint n = 0;
  int rc;

  g_return_val_if_fail (CHRONO_IS_STORE (store), NULL);

  db = _chrono_store_get_db (store);
  if (db == NULL)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
                   _("The case is closed"));
      return NULL;
    }

  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM event", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_OK)
    {
      fail_sqlite (db, error);
      return NULL;
    }
  if (count > G_MAXINT32)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
                   _("The case has too many events to draw"));
      return NULL;
    }

  self = _chrono_marks_alloc ((guint) count);
  if (!load_lanes (self, db, lane_of_agency, unit_index, error))
    return NULL;

  /* Read the pages in place rather than copy them (a 1M-event case is
   * hundreds of megabytes); the connection's own setting comes back after. */
  {
    sqlite3_stmt *pragma = NULL;

    if (sqlite3_prepare_v2 (db, "PRAGMA mmap_size", -1, &pragma, NULL) == SQLITE_OK &&
        sqlite3_step (pragma) == SQLITE_ROW)
      old_mmap = sqlite3_column_int64 (pragma, 0);
    sqlite3_finalize (pragma);
    sqlite3_exec (db, "PRAGMA mmap_size = 4294967296", NULL, NULL, NULL);
  }

  /* Plain columns only: testing them here is cheaper than in SQL. */
  rc = sqlite3_prepare_v2 (db,
                           "SELECT id, agency_id, unit_id, first_day, last_day, sort_key, date,"
                           " end_date, kind, precision, time, shared_with, not_shared_with, risk"
                           " FROM event ORDER BY id", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      rc = SQLITE_OK;
      if (n >= self->n_events)
        break;   /* rows added since the count; the next load sees them */
      read_event (self, n++, stmt,
                  (const gint32 *) lane_of_agency->data, lane_of_agency->len,
                  (const gint32 *) unit_index->data, unit_index->len);
    }
  sqlite3_finalize (stmt);
  {
    g_autofree char *restore = g_strdup_printf ("PRAGMA mmap_size = %" G_GINT64_FORMAT, old_mmap);

    sqlite3_exec (db, restore, NULL, NULL, NULL);
  }
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      fail_sqlite (db, error);
      return NULL;
    }
  if (n > 0 && self->n_lanes == 0)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_CORRUPT,
                   _("The case has events but no agencies"));
      return NULL;
    }
  self->n_events = n;
  _chrono_marks_finish (self);
  return g_steal_pointer (&self);
}

gint
chrono_marks_lookup (ChronoMarks *self,
                     gint64       id)
{
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, -1);

  hi = self->n_events;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->id[self->by_id[mid]] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < self->n_events && self->id[self->by_id[lo]] == id)
    return (gint) self->by_id[lo];
  return -1;
}

void
chrono_marks_lane_range (ChronoMarks *self,
                         guint        lane,
                         gint32       from_day,
                         gint32       to_day,
                         guint       *begin,
                         guint       *end)
{
  guint lo, hi;

  g_return_if_fail (self != NULL);
  g_return_if_fail (lane < self->n_lanes);
  g_return_if_fail (begin != NULL && end != NULL);

  lo = self->lanes[lane].begin;
  hi = self->lanes[lane].end;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->first_day[mid] < from_day)
        lo = mid + 1;
      else
        hi = mid;
    }
  *begin = lo;
  hi = self->lanes[lane].end;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->first_day[mid] <= to_day)
        lo = mid + 1;
      else
        hi = mid;
    }
  *end = lo;
}

/* The first k with point_pos[k] >= @value: its bucket, then a short search. */
static guint
point_lower_bound (const ChronoMarksTrack *track,
                   double                  value)
{
  double b;
  guint lo, hi;

  if (track->n_points == 0)
    return 0;
  b = floor ((value - track->bucket_base) / track->bucket_days);
  if (b < 0)
    return 0;
  if (b >= track->n_buckets)
    return track->n_points;
  lo = track->bucket_start[(guint) b];
  hi = track->bucket_start[(guint) b + 1];
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (track->point_pos[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
chrono_marks_track_points (ChronoMarks            *self,
                           const ChronoMarksTrack *track,
                           double                  from,
                           double                  to,
                           guint                  *begin,
                           guint                  *end)
{
  g_return_if_fail (self != NULL && track != NULL);
  g_return_if_fail (begin != NULL && end != NULL);

  *begin = point_lower_bound (track, from);
  *end = MAX (point_lower_bound (track, to), *begin);
}

void
chrono_marks_track_months (const ChronoMarksTrack *track,
                           double                  from,
                           double                  to,
                           guint                  *begin,
                           guint                  *end)
{
  guint lo = 0, hi;

  g_return_if_fail (track != NULL);
  g_return_if_fail (begin != NULL && end != NULL);

  hi = track->n_month_points;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (track->month_pos[mid] < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  *begin = lo;
  hi = track->n_month_points;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (track->month_pos[mid] < to)
        lo = mid + 1;
      else
        hi = mid;
    }
  *end = lo;
}

void
chrono_marks_track_ranges (ChronoMarks            *self,
                           const ChronoMarksTrack *track,
                           gint32                  from_day,
                           gint32                  to_day,
                           guint                  *begin,
                           guint                  *end)
{
  guint lo = 0, hi;

  g_return_if_fail (self != NULL && track != NULL);
  g_return_if_fail (begin != NULL && end != NULL);

  hi = track->n_ranges;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (track->reach[mid] < from_day)
        lo = mid + 1;
      else
        hi = mid;
    }
  *begin = lo;
  hi = track->n_ranges;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (track->range_first[mid] <= to_day)
        lo = mid + 1;
      else
        hi = mid;
    }
  *end = lo;
}

guint
chrono_marks_track_skip (const ChronoMarksTrack *track,
                         guint                   begin,
                         guint                   end,
                         double                  limit)
{
  const double *pos = track->point_pos;
  double b;
  guint bucket, lo, hi;

  /* Most runs are short. */
  if (begin + 1 >= end || pos[begin + 1] >= limit)
    return begin + 1;

  /* Points before the bucket holding @limit come before it; points of
   * later buckets come after. */
  b = floor ((limit - track->bucket_base) / track->bucket_days);
  bucket = (guint) CLAMP (b, 0, (double) track->n_buckets - 1);
  lo = MAX (begin + 1, track->bucket_start[bucket]);
  hi = MIN (end, track->bucket_start[bucket + 1]);
  if (b >= track->n_buckets)
    hi = end;
  hi = MAX (hi, lo);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (pos[mid] < limit)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gint32
chrono_marks_track_max_last (ChronoMarks            *self,
                             const ChronoMarksTrack *track,
                             guint                   begin,
                             guint                   end)
{
  gint32 max = G_MININT32;

  g_return_val_if_fail (self != NULL && track != NULL, G_MININT32);

  end = MIN (end, track->n_ranges);
  for (; begin < end && begin % 32 != 0; begin++)
    max = MAX (max, track->range_last[begin]);
  while (begin + 32 <= end)
    {
      max = MAX (max, track->block_max[begin / 32]);
      begin += 32;
    }
  for (; begin < end; begin++)
    max = MAX (max, track->range_last[begin]);
  return max;
}

gint
chrono_marks_find_lane (ChronoMarks *self,
                        const char  *name)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint l = 0; l < self->n_lanes; l++)
    {
      if (g_strcmp0 (self->lanes[l].name, name) == 0)
        return (gint) l;
    }
  return -1;
}

ChronoMarks *
chrono_marks_new_subset (ChronoMarks  *self,
                         const guint8 *keep)
{
  ChronoMarks *subset;
  guint n = 0, k = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (keep != NULL || self->n_events == 0, NULL);

  for (guint i = 0; i < self->n_events; i++)
    n += keep[i] != 0;

  subset = _chrono_marks_alloc (n);
  subset->n_lanes = self->n_lanes;
  subset->lanes = g_new0 (ChronoMarksLane, MAX (self->n_lanes, 1));
  for (guint l = 0; l < self->n_lanes; l++)
    {
      const ChronoMarksLane *from = &self->lanes[l];
      ChronoMarksLane *lane = &subset->lanes[l];

      lane->agency_id = from->agency_id;
      lane->name = g_strdup (from->name);
      lane->colour = g_strdup (from->colour);
      lane->hidden = from->hidden;
      lane->n_units = from->n_units;
      lane->units = g_strdupv (from->units);
    }

  /* _chrono_marks_finish () takes the events in id order. */
  for (guint j = 0; j < self->n_events; j++)
    {
      guint i = self->by_id[j];

      if (!keep[i])
        continue;
      subset->id[k] = self->id[i];
      subset->pos[k] = self->pos[i];
      subset->first_day[k] = self->first_day[i];
      subset->start_last[k] = self->start_last[i];
      subset->end_first[k] = self->end_first[i];
      subset->last_day[k] = self->last_day[i];
      subset->minute[k] = self->minute[i];
      subset->lane[k] = self->lane[i];
      subset->unit[k] = self->unit[i];
      subset->kind[k] = self->kind[i];
      subset->precision[k] = self->precision[i];
      subset->flags[k] = self->flags[i];
      k++;
    }
  _chrono_marks_finish (subset);
  return subset;
}
