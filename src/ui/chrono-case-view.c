/* chrono-case-view.c: what the views of one case share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-case-view"

#include "config.h"

#include <string.h>

#include "chrono-case-view.h"

/* The table and the timeline show the same events: the filter is one
 * predicate on ChronoEvent, used by the table's GtkFilterListModel and to
 * pick the marks the timeline draws (chrono_marks_new_subset()). */

struct _ChronoCaseView
{
  GObject              parent_instance;

  ChronoStore         *store;
  GListModel          *events;
  ChronoMarks         *marks;
  ChronoMarks         *visible;
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *filter;
  gint64               selected_id;

  char                *subject;
  int                  kind;
  char                *agency;
  int                  risk;
  gint32               from_day;
  gint32               to_day;
  gboolean             filter_active;

  char                *search;
  char                *search_folded;
  GArray              *hits;        /* gint64, in time order */
  int                  hit_index;
  guint8              *hit_mask;    /* by visible mark, or NULL */
};

G_DEFINE_FINAL_TYPE (ChronoCaseView, chrono_case_view, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_VISIBLE_MARKS,
  PROP_SELECTED_ID,
  PROP_FILTER_ACTIVE,
  PROP_SEARCH_TEXT,
  PROP_N_HITS,
  PROP_HIT_INDEX,
  N_PROPS
};

enum {
  HITS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  double pos;
  guint  lane;
  gint64 id;
} TimeKey;

static int
compare_time_keys (gconstpointer a,
                   gconstpointer b)
{
  const TimeKey *ka = a, *kb = b;

  if (ka->pos != kb->pos)
    return ka->pos < kb->pos ? -1 : 1;
  if (ka->lane != kb->lane)
    return ka->lane < kb->lane ? -1 : 1;
  return (ka->id > kb->id) - (ka->id < kb->id);
}

static gboolean
time_key_of (ChronoCaseView *self,
             gint64          id,
             TimeKey        *key)
{
  gint i = self->marks != NULL ? chrono_marks_lookup (self->marks, id) : -1;

  key->id = id;
  key->pos = i >= 0 ? self->marks->pos[i] : 0;
  key->lane = i >= 0 ? self->marks->lane[i] : 0;
  return i >= 0;
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  return chrono_case_view_event_passes (user_data, item);
}

static void
update_hit_index (ChronoCaseView *self)
{
  int index = -1;

  for (guint i = 0; self->selected_id != 0 && i < self->hits->len; i++)
    {
      if (g_array_index (self->hits, gint64, i) == self->selected_id)
        {
          index = (int) i;
          break;
        }
    }
  if (index != self->hit_index)
    {
      self->hit_index = index;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIT_INDEX]);
    }
}

static void
update_search (ChronoCaseView *self)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (TimeKey));
  guint old_n = self->hits->len;
  guint n_events;

  g_array_set_size (self->hits, 0);
  g_clear_pointer (&self->hit_mask, g_free);

  n_events = self->events != NULL ? g_list_model_get_n_items (self->events) : 0;
  if (self->search_folded != NULL)
    {
      for (guint i = 0; i < n_events; i++)
        {
          g_autoptr(ChronoEvent) event = g_list_model_get_item (self->events, i);
          g_autofree char *folded = NULL;
          TimeKey key;

          if (self->filter_active && !chrono_case_view_event_passes (self, event))
            continue;
          folded = g_utf8_casefold (chrono_event_get_summary (event), -1);
          if (strstr (folded, self->search_folded) == NULL)
            continue;
          time_key_of (self, chrono_event_get_id (event), &key);
          g_array_append_val (keys, key);
        }
      g_array_sort (keys, compare_time_keys);
      for (guint i = 0; i < keys->len; i++)
        g_array_append_val (self->hits, g_array_index (keys, TimeKey, i).id);

      if (self->visible != NULL)
        {
          self->hit_mask = g_new0 (guint8, MAX (self->visible->n_events, 1));
          for (guint i = 0; i < self->hits->len; i++)
            {
              gint k = chrono_marks_lookup (self->visible, g_array_index (self->hits, gint64, i));

              if (k >= 0)
                self->hit_mask[k] = 1;
            }
        }
    }

  update_hit_index (self);
  g_signal_emit (self, signals[HITS_CHANGED], 0);
  if (old_n != self->hits->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_HITS]);
}

static void
update_filter (ChronoCaseView *self)
{
  gboolean active = self->subject != NULL || self->agency != NULL ||
                    self->kind != CHRONO_FILTER_ANY || self->risk != CHRONO_FILTER_ANY ||
                    self->from_day != 0 || self->to_day != 0;
  g_autoptr(ChronoMarks) visible = NULL;

  if (active && gtk_filter_list_model_get_filter (self->filter_model) != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  else
    gtk_filter_list_model_set_filter (self->filter_model, active ? GTK_FILTER (self->filter) : NULL);

  if (self->marks != NULL && active)
    {
      g_autofree guint8 *keep = g_new0 (guint8, MAX (self->marks->n_events, 1));
      guint n_events = self->events != NULL ? g_list_model_get_n_items (self->events) : 0;

      for (guint i = 0; i < n_events; i++)
        {
          g_autoptr(ChronoEvent) event = g_list_model_get_item (self->events, i);
          gint k;

          if (!chrono_case_view_event_passes (self, event))
            continue;
          k = chrono_marks_lookup (self->marks, chrono_event_get_id (event));
          if (k >= 0)
            keep[k] = 1;
        }
      visible = chrono_marks_new_subset (self->marks, keep);
    }
  else if (self->marks != NULL)
    visible = chrono_marks_ref (self->marks);

  g_clear_pointer (&self->visible, chrono_marks_unref);
  self->visible = g_steal_pointer (&visible);
  self->filter_active = active;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_MARKS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_ACTIVE]);
  g_object_thaw_notify (G_OBJECT (self));
  update_search (self);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
chrono_case_view_dispose (GObject *object)
{
  ChronoCaseView *self = CHRONO_CASE_VIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->events);
  g_clear_pointer (&self->marks, chrono_marks_unref);
  g_clear_pointer (&self->visible, chrono_marks_unref);

  G_OBJECT_CLASS (chrono_case_view_parent_class)->dispose (object);
}

static void
chrono_case_view_finalize (GObject *object)
{
  ChronoCaseView *self = CHRONO_CASE_VIEW (object);

  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->agency, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->search_folded, g_free);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_pointer (&self->hit_mask, g_free);

  G_OBJECT_CLASS (chrono_case_view_parent_class)->finalize (object);
}

static void
chrono_case_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChronoCaseView *self = CHRONO_CASE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_VISIBLE_MARKS:
      g_value_set_boxed (value, self->visible);
      break;

    case PROP_SELECTED_ID:
      g_value_set_int64 (value, self->selected_id);
      break;

    case PROP_FILTER_ACTIVE:
      g_value_set_boolean (value, self->filter_active);
      break;

    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search);
      break;

    case PROP_N_HITS:
      g_value_set_uint (value, self->hits->len);
      break;

    case PROP_HIT_INDEX:
      g_value_set_int (value, self->hit_index);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_case_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ChronoCaseView *self = CHRONO_CASE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      chrono_case_view_set_store (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_ID:
      chrono_case_view_set_selected_id (self, g_value_get_int64 (value));
      break;

    case PROP_SEARCH_TEXT:
      chrono_case_view_set_search_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_case_view_class_init (ChronoCaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chrono_case_view_dispose;
  object_class->finalize = chrono_case_view_finalize;
  object_class->get_property = chrono_case_view_get_property;
  object_class->set_property = chrono_case_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CHRONO_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE_MARKS] =
    g_param_spec_boxed ("visible-marks", NULL, NULL, CHRONO_TYPE_MARKS,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ID] =
    g_param_spec_int64 ("selected-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER_ACTIVE] =
    g_param_spec_boolean ("filter-active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_HITS] =
    g_param_spec_uint ("n-hits", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIT_INDEX] =
    g_param_spec_int ("hit-index", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronoCaseView::hits-changed:
   *
   * The search found other events (or the same ones again).
   */
  signals[HITS_CHANGED] = g_signal_new ("hits-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
chrono_case_view_init (ChronoCaseView *self)
{
  self->kind = CHRONO_FILTER_ANY;
  self->risk = CHRONO_FILTER_ANY;
  self->hit_index = -1;
  self->hits = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, NULL);
}

ChronoCaseView *
chrono_case_view_new (void)
{
  return g_object_new (CHRONO_TYPE_CASE_VIEW, NULL);
}

ChronoStore *
chrono_case_view_get_store (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), NULL);
  return self->store;
}

void
chrono_case_view_set_store (ChronoCaseView *self,
                            ChronoStore    *store)
{
  g_return_if_fail (CHRONO_IS_CASE_VIEW (self));
  g_return_if_fail (store == NULL || CHRONO_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
chrono_case_view_set_events (ChronoCaseView *self,
                             GListModel     *events)
{
  g_return_if_fail (CHRONO_IS_CASE_VIEW (self));
  g_return_if_fail (events == NULL || G_IS_LIST_MODEL (events));

  if (g_set_object (&self->events, events))
    gtk_filter_list_model_set_model (self->filter_model, events);
}

GListModel *
chrono_case_view_get_events (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), NULL);
  return self->events;
}

void
chrono_case_view_set_marks (ChronoCaseView *self,
                            ChronoMarks    *marks)
{
  g_return_if_fail (CHRONO_IS_CASE_VIEW (self));

  if (marks != NULL)
    chrono_marks_ref (marks);
  g_clear_pointer (&self->marks, chrono_marks_unref);
  self->marks = marks;
  if (self->selected_id != 0 && (marks == NULL || chrono_marks_lookup (marks, self->selected_id) < 0))
    chrono_case_view_set_selected_id (self, 0);
  update_filter (self);
}

ChronoMarks *
chrono_case_view_get_marks (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), NULL);
  return self->marks;
}

ChronoMarks *
chrono_case_view_get_visible_marks (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), NULL);
  return self->visible;
}

GListModel *
chrono_case_view_get_filter_model (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}

gint64
chrono_case_view_get_selected_id (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), 0);
  return self->selected_id;
}

void
chrono_case_view_set_selected_id (ChronoCaseView *self,
                                  gint64          id)
{
  g_return_if_fail (CHRONO_IS_CASE_VIEW (self));

  id = MAX (id, 0);
  if (self->selected_id == id)
    return;
  self->selected_id = id;
  update_hit_index (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

void
chrono_case_view_set_filter_subject (ChronoCaseView *self,
                                     const char     *subject)
{
  g_return_if_fail (CHRONO_IS_CASE_VIEW (self));

  if (set_string (&self->subject, subject))
    update_filter (self);
}

const char *
chrono_case_view_get_filter_subject (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), NULL);
  return self->subject;
}

void
chrono_case_view_set_filter_kind (ChronoCaseView *self,
                                  int             kind)
{
  g_return_if_fail (CHRONO_IS_CASE_VIEW (self));
  g_return_if_fail (kind >= CHRONO_FILTER_ANY && kind < CHRONO_N_KINDS);

  if (self->kind == kind)
    return;
  self->kind = kind;
  update_filter (self);
}

int
chrono_case_view_get_filter_kind (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), CHRONO_FILTER_ANY);
  return self->kind;
}

void
chrono_case_view_set_filter_agency (ChronoCaseView *self,
                                    const char     *agency)
{
  g_return_if_fail (CHRONO_IS_CASE_VIEW (self));

  if (set_string (&self->agency, agency))
    update_filter (self);
}

const char *
chrono_case_view_get_filter_agency (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), NULL);
  return self->agency;
}

void
chrono_case_view_set_filter_risk (ChronoCaseView *self,
                                  int             risk)
{
  g_return_if_fail (CHRONO_IS_CASE_VIEW (self));
  g_return_if_fail (risk >= CHRONO_FILTER_ANY && risk <= CHRONO_RISK_HIGH);

  if (self->risk == risk)
    return;
  self->risk = risk;
  update_filter (self);
}

int
chrono_case_view_get_filter_risk (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), CHRONO_FILTER_ANY);
  return self->risk;
}

void
chrono_case_view_set_filter_dates (ChronoCaseView *self,
                                   gint32          from_day,
                                   gint32          to_day)
{
  g_return_if_fail (CHRONO_IS_CASE_VIEW (self));

  from_day = MAX (from_day, 0);
  to_day = MAX (to_day, 0);
  if (self->from_day == from_day && self->to_day == to_day)
    return;
  self->from_day = from_day;
  self->to_day = to_day;
  update_filter (self);
}

void
chrono_case_view_get_filter_dates (ChronoCaseView *self,
                                   gint32         *from_day,
                                   gint32         *to_day)
{
  g_return_if_fail (CHRONO_IS_CASE_VIEW (self));

  if (from_day != NULL)
    *from_day = self->from_day;
  if (to_day != NULL)
    *to_day = self->to_day;
}

void
chrono_case_view_clear_filter (ChronoCaseView *self)
{
  g_return_if_fail (CHRONO_IS_CASE_VIEW (self));

  if (!self->filter_active)
    return;
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->agency, g_free);
  self->kind = self->risk = CHRONO_FILTER_ANY;
  self->from_day = self->to_day = 0;
  update_filter (self);
}

gboolean
chrono_case_view_get_filter_active (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), FALSE);
  return self->filter_active;
}

gboolean
chrono_case_view_event_passes (ChronoCaseView *self,
                               ChronoEvent    *event)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), FALSE);
  g_return_val_if_fail (CHRONO_IS_EVENT (event), FALSE);

  if (self->subject != NULL && !chrono_event_has_subject (event, self->subject))
    return FALSE;
  if (self->kind != CHRONO_FILTER_ANY && chrono_event_get_kind (event) != (ChronoKind) self->kind)
    return FALSE;
  if (self->agency != NULL && g_strcmp0 (chrono_event_get_agency (event), self->agency) != 0)
    return FALSE;
  if (self->risk != CHRONO_FILTER_ANY && chrono_event_get_risk (event) != (ChronoRisk) self->risk)
    return FALSE;
  if (self->from_day != 0 || self->to_day != 0)
    {
      const ChronoDate *end = chrono_event_is_span (event) ? chrono_event_get_end_date (event)
                                                           : chrono_event_get_date (event);
      gint32 first, last, unused;

      chrono_date_get_interval (chrono_event_get_date (event), &first, &unused);
      chrono_date_get_interval (end, &unused, &last);
      if ((self->from_day != 0 && last < self->from_day) ||
          (self->to_day != 0 && first > self->to_day))
        return FALSE;
    }
  return TRUE;
}

void
chrono_case_view_set_search_text (ChronoCaseView *self,
                                  const char     *text)
{
  g_return_if_fail (CHRONO_IS_CASE_VIEW (self));

  if (!set_string (&self->search, text))
    return;
  g_clear_pointer (&self->search_folded, g_free);
  if (self->search != NULL)
    self->search_folded = g_utf8_casefold (self->search, -1);
  update_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

const char *
chrono_case_view_get_search_text (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), NULL);
  return self->search;
}

guint
chrono_case_view_get_n_hits (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), 0);
  return self->hits->len;
}

gint64
chrono_case_view_get_hit (ChronoCaseView *self,
                          guint           index)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), 0);
  g_return_val_if_fail (index < self->hits->len, 0);

  return g_array_index (self->hits, gint64, index);
}

int
chrono_case_view_get_hit_index (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), -1);
  return self->hit_index;
}

gboolean
chrono_case_view_select_next_hit (ChronoCaseView *self,
                                  gboolean        forward)
{
  guint n;
  int next;

  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), FALSE);

  n = self->hits->len;
  if (n == 0)
    return FALSE;

  if (self->hit_index >= 0)
    next = ((int) self->hit_index + (forward ? 1 : (int) n - 1)) % (int) n;
  else
    {
      TimeKey here;

      /* From the selected event onwards, or from either end. */
      next = forward ? 0 : (int) n - 1;
      if (self->selected_id != 0 && time_key_of (self, self->selected_id, &here))
        {
          for (guint i = 0; i < n; i++)
            {
              guint k = forward ? i : n - 1 - i;
              TimeKey key;

              time_key_of (self, g_array_index (self->hits, gint64, k), &key);
              if (forward ? compare_time_keys (&key, &here) > 0 : compare_time_keys (&key, &here) < 0)
                {
                  next = (int) k;
                  break;
                }
            }
        }
    }
  chrono_case_view_set_selected_id (self, g_array_index (self->hits, gint64, next));
  return TRUE;
}

const guint8 *
chrono_case_view_get_hit_mask (ChronoCaseView *self)
{
  g_return_val_if_fail (CHRONO_IS_CASE_VIEW (self), NULL);
  return self->hit_mask;
}
