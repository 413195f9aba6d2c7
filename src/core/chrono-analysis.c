/* chrono-analysis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysis is also the list of its findings (a GListModel): findings
 * are kept compact and become ChronoFinding objects only when a view asks
 * for them, so a million-event case with many thousands of findings costs
 * nothing until it is looked at.
 */
#define G_LOG_DOMAIN "chrono-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chrono-analysis-private.h"
#include "chrono-store-private.h"

typedef struct
{
  ChronoFindingStatus status;
  char               *reason;
  char               *note;
  char               *decided_at;
} Decision;

struct _ChronoAnalysis
{
  GObject      parent_instance;

  ChronoStore *store;
  ChronoRules *rules;

  AnData      *data;
  AnResults    results;
  GPtrArray   *items;       /* ChronoFinding, made when first asked for */
  GHashTable  *decisions;   /* key → Decision */
  GHashTable  *by_key;      /* key → index + 1, made when first looked up */
  double       load_seconds;
  double       rules_seconds;
  gboolean     running;
};

static void chrono_analysis_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChronoAnalysis, chrono_analysis, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      chrono_analysis_list_model_init))

static void
decision_free (gpointer data)
{
  Decision *d = data;

  g_free (d->reason);
  g_free (d->note);
  g_free (d->decided_at);
  g_free (d);
}

static void
unref_finding (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static guint
n_findings (ChronoAnalysis *self)
{
  return self->results.findings != NULL ? self->results.findings->len : 0;
}

static GType
chrono_analysis_get_item_type (GListModel *model)
{
  return CHRONO_TYPE_FINDING;
}

static guint
chrono_analysis_get_n_items (GListModel *model)
{
  return n_findings (CHRONO_ANALYSIS (model));
}

static gpointer
chrono_analysis_get_item (GListModel *model,
                          guint       position)
{
  ChronoAnalysis *self = CHRONO_ANALYSIS (model);
  ChronoFinding *f;

  if (position >= n_findings (self))
    return NULL;
  f = g_ptr_array_index (self->items, position);
  if (f == NULL)
    {
      Decision *d;

      f = _chrono_analysis_materialize (self->data, self->rules, &self->results, position);
      d = g_hash_table_lookup (self->decisions, chrono_finding_get_key (f));
      if (d != NULL)
        chrono_finding_set_decision (f, d->status, d->reason, d->note, d->decided_at);
      g_ptr_array_index (self->items, position) = f;
    }
  return g_object_ref (f);
}

static void
chrono_analysis_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = chrono_analysis_get_item_type;
  iface->get_n_items = chrono_analysis_get_n_items;
  iface->get_item = chrono_analysis_get_item;
}

static void
chrono_analysis_finalize (GObject *object)
{
  ChronoAnalysis *self = CHRONO_ANALYSIS (object);

  g_clear_object (&self->store);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->decisions, g_hash_table_unref);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->data, _chrono_analysis_data_free);
  _chrono_analysis_results_clear (&self->results);

  G_OBJECT_CLASS (chrono_analysis_parent_class)->finalize (object);
}

static void
chrono_analysis_class_init (ChronoAnalysisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chrono_analysis_finalize;
}

static void
chrono_analysis_init (ChronoAnalysis *self)
{
  self->items = g_ptr_array_new_with_free_func (unref_finding);
  self->decisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, decision_free);
}

ChronoAnalysis *
chrono_analysis_new (ChronoStore *store)
{
  ChronoAnalysis *self;

  g_return_val_if_fail (CHRONO_IS_STORE (store), NULL);

  self = g_object_new (CHRONO_TYPE_ANALYSIS, NULL);
  self->store = g_object_ref (store);
  self->rules = chrono_rules_new ();
  chrono_rules_load (self->rules, store, NULL);
  return self;
}

ChronoStore *
chrono_analysis_get_store (ChronoAnalysis *self)
{
  g_return_val_if_fail (CHRONO_IS_ANALYSIS (self), NULL);
  return self->store;
}

ChronoRules *
chrono_analysis_get_rules (ChronoAnalysis *self)
{
  g_return_val_if_fail (CHRONO_IS_ANALYSIS (self), NULL);
  return self->rules;
}

static gboolean
table_exists (sqlite3    *db,
              const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}

/* The chair's decisions, by key (a case from before decisions existed has
 * none). */
static GHashTable *
read_decisions (ChronoStore *store)
{
  GHashTable *decisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, decision_free);
  sqlite3 *db = _chrono_store_get_db (store);
  sqlite3_stmt *stmt = NULL;

  if (db == NULL || !table_exists (db, "finding_decision") ||
      sqlite3_prepare_v2 (db, "SELECT key, status, reason, note, decided_at FROM finding_decision",
                          -1, &stmt, NULL) != SQLITE_OK)
    return decisions;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Decision *d = g_new0 (Decision, 1);

      chrono_finding_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &d->status);
      d->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      d->note = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      d->decided_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_hash_table_insert (decisions, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), d);
    }
  sqlite3_finalize (stmt);
  return decisions;
}

typedef struct
{
  AnData     *data;
  AnResults   results;
  GHashTable *decisions;
  double      load_seconds;
  double      rules_seconds;
} RunResult;

static void
run_result_free (RunResult *r)
{
  g_clear_pointer (&r->data, _chrono_analysis_data_free);
  g_clear_pointer (&r->decisions, g_hash_table_unref);
  _chrono_analysis_results_clear (&r->results);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunResult, run_result_free)

static RunResult *
run_on (ChronoStore   *store,
        ChronoRules   *rules,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(RunResult) r = g_new0 (RunResult, 1);
  gint64 t0 = g_get_monotonic_time (), t1;

  r->data = _chrono_analysis_data_new ();
  if (!_chrono_analysis_data_load (r->data, store, cancellable, error))
    return NULL;
  t1 = g_get_monotonic_time ();
  if (!_chrono_analysis_run_rules (r->data, rules, &r->results, cancellable, error))
    return NULL;
  r->load_seconds = (t1 - t0) / 1e6;
  r->rules_seconds = (g_get_monotonic_time () - t1) / 1e6;
  r->decisions = read_decisions (store);
  return g_steal_pointer (&r);
}

static void
take_result (ChronoAnalysis *self,
             RunResult      *r)
{
  guint old = n_findings (self);

  g_clear_pointer (&self->data, _chrono_analysis_data_free);
  _chrono_analysis_results_clear (&self->results);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  self->data = g_steal_pointer (&r->data);
  self->results = r->results;
  memset (&r->results, 0, sizeof r->results);
  g_hash_table_unref (self->decisions);
  self->decisions = g_steal_pointer (&r->decisions);
  self->load_seconds = r->load_seconds;
  self->rules_seconds = r->rules_seconds;

  g_ptr_array_set_size (self->items, 0);
  g_ptr_array_set_size (self->items, n_findings (self));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, n_findings (self));
}

gboolean
chrono_analysis_run (ChronoAnalysis  *self,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(RunResult) r = NULL;

  g_return_val_if_fail (CHRONO_IS_ANALYSIS (self), FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  r = run_on (self->store, self->rules, cancellable, error);
  if (r == NULL)
    return FALSE;
  take_result (self, r);
  return TRUE;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ChronoAnalysis *self = source_object;
  const char *path = task_data;
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RunResult *r;

  store = chrono_store_open (path, CHRONO_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  r = run_on (store, self->rules, cancellable, &error);
  if (r == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, r, (GDestroyNotify) run_result_free);
}

void
chrono_analysis_run_async (ChronoAnalysis      *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CHRONO_IS_ANALYSIS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chrono_analysis_run_async);
  g_task_set_task_data (task, g_strdup (chrono_store_get_path (self->store)), g_free);
  self->running = TRUE;
  g_task_run_in_thread (task, run_thread);
}

gboolean
chrono_analysis_run_finish (ChronoAnalysis  *self,
                            GAsyncResult    *result,
                            GError         **error)
{
  g_autoptr(RunResult) r = NULL;

  g_return_val_if_fail (CHRONO_IS_ANALYSIS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  self->running = FALSE;
  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return FALSE;
  take_result (self, r);
  return TRUE;
}

GListModel *
chrono_analysis_get_findings (ChronoAnalysis *self)
{
  g_return_val_if_fail (CHRONO_IS_ANALYSIS (self), NULL);
  return G_LIST_MODEL (self);
}

guint
chrono_analysis_count (ChronoAnalysis    *self,
                       ChronoFindingKind  kind)
{
  guint n = 0;

  g_return_val_if_fail (CHRONO_IS_ANALYSIS (self), 0);
  for (guint i = 0; i < n_findings (self); i++)
    n += g_array_index (self->results.findings, AnFinding, i).kind == kind;
  return n;
}

ChronoFinding *
chrono_analysis_lookup (ChronoAnalysis *self,
                        const char     *key)
{
  g_autoptr(ChronoFinding) f = NULL;
  guint index;

  g_return_val_if_fail (CHRONO_IS_ANALYSIS (self), NULL);

  if (key == NULL || n_findings (self) == 0)
    return NULL;
  if (self->by_key == NULL)
    {
      self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < n_findings (self); i++)
        g_hash_table_insert (self->by_key,
                             _chrono_analysis_finding_key (self->data, &self->results, i),
                             GUINT_TO_POINTER (i + 1));
    }
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_key, key));
  if (index == 0)
    return NULL;
  /* The analysis keeps the object until the next run. */
  f = chrono_analysis_get_item (G_LIST_MODEL (self), index - 1);
  return f;
}

static gboolean
exec_decision (sqlite3     *db,
               const char  *sql,
               const char  *key,
               const char  *status,
               const char  *reason,
               const char  *note,
               const char  *stamp,
               GError     **error)
{
  const char *params[] = { key, status, reason, note, stamp };
  int rc = _chrono_sql_exec_text (db, sql, params, G_N_ELEMENTS (params));

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
                   _("The decision cannot be saved: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

gboolean
chrono_analysis_decide (ChronoAnalysis       *self,
                        ChronoFinding        *finding,
                        ChronoFindingStatus   status,
                        const char           *reason,
                        const char           *note,
                        GError              **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  gboolean forget;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (CHRONO_IS_ANALYSIS (self), FALSE);
  g_return_val_if_fail (CHRONO_IS_FINDING (finding), FALSE);
  g_return_val_if_fail (status <= CHRONO_FINDING_DISMISSED, FALSE);

  forget = status == CHRONO_FINDING_OPEN && (reason == NULL || *reason == '\0') &&
           (note == NULL || *note == '\0');
  if (!chrono_store_begin (self->store, error))
    return FALSE;
  db = _chrono_store_get_db (self->store);
  if (forget)
    ok = exec_decision (db, "DELETE FROM finding_decision WHERE key = ?",
                        chrono_finding_get_key (finding), NULL, NULL, NULL, NULL, error);
  else
    ok = exec_decision (db, "INSERT OR REPLACE INTO finding_decision"
                        " (key, status, reason, note, decided_at) VALUES (?, ?, ?, ?, ?)",
                        chrono_finding_get_key (finding),
                        chrono_finding_status_to_string (status), reason, note, stamp, error);
  if (!ok)
    {
      chrono_store_rollback (self->store);
      return FALSE;
    }
  if (!chrono_store_commit (self->store, error))
    return FALSE;
  chrono_finding_set_decision (finding, status, reason, note, forget ? NULL : stamp);

  /* Kept for the findings made from here on. */
  if (forget)
    g_hash_table_remove (self->decisions, chrono_finding_get_key (finding));
  else
    {
      Decision *d = g_new0 (Decision, 1);

      d->status = status;
      d->reason = g_strdup (reason != NULL ? reason : "");
      d->note = g_strdup (note != NULL ? note : "");
      d->decided_at = g_strdup (stamp);
      g_hash_table_insert (self->decisions, g_strdup (chrono_finding_get_key (finding)), d);
    }
  return TRUE;
}

guint
chrono_analysis_get_n_agencies (ChronoAnalysis *self)
{
  g_return_val_if_fail (CHRONO_IS_ANALYSIS (self), 0);
  return self->data != NULL ? self->data->n_lanes : 0;
}

const char *
chrono_analysis_get_agency_name (ChronoAnalysis *self,
                                 guint           agency)
{
  g_return_val_if_fail (CHRONO_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (self->data != NULL && agency < self->data->agencies->len, NULL);
  return g_ptr_array_index (self->data->agencies, agency);
}

void
chrono_analysis_get_sharing (ChronoAnalysis *self,
                             guint           from,
                             guint           to,
                             guint          *shared,
                             guint          *not_shared)
{
  guint n;

  g_return_if_fail (CHRONO_IS_ANALYSIS (self));
  n = chrono_analysis_get_n_agencies (self);
  g_return_if_fail (from < n && to < n);

  if (shared != NULL)
    *shared = self->results.shared != NULL ? self->results.shared[from * n + to] : 0;
  if (not_shared != NULL)
    *not_shared = self->results.not_shared != NULL ? self->results.not_shared[from * n + to] : 0;
}

double
chrono_analysis_get_silo_score (ChronoAnalysis *self,
                                guint           agency)
{
  guint n, passed = 0, withheld = 0;

  g_return_val_if_fail (CHRONO_IS_ANALYSIS (self), -1);
  n = chrono_analysis_get_n_agencies (self);
  g_return_val_if_fail (agency < n, -1);

  for (guint b = 0; b < n; b++)
    {
      guint s, ns;

      if (b == agency)
        continue;
      chrono_analysis_get_sharing (self, agency, b, &s, &ns);
      passed += s;
      withheld += ns;
    }
  if (passed + withheld == 0)
    return -1;
  return (double) withheld / (passed + withheld);
}

static int
compare_knowledge (gconstpointer a,
                   gconstpointer b)
{
  const ChronoKnowledge *x = a, *y = b;

  if (x->agency != y->agency)
    return x->agency < y->agency ? -1 : 1;
  if (x->since_day != y->since_day)
    return x->since_day < y->since_day ? -1 : 1;
  return x->event_id < y->event_id ? -1 : x->event_id > y->event_id;
}

GArray *
chrono_analysis_knowledge_at (ChronoAnalysis   *self,
                              const ChronoDate *date,
                              gint              agency)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (ChronoKnowledge));
  AnData *d;
  gint32 first, day;
  guint r = 0;

  g_return_val_if_fail (CHRONO_IS_ANALYSIS (self), out);
  g_return_val_if_fail (date != NULL && chrono_date_is_set (date), out);

  d = self->data;
  if (d == NULL || self->results.risk_events == NULL)
    return out;
  chrono_date_get_interval (date, &first, &day);

  for (guint k = 0; k < self->results.risk_events->len; k++)
    {
      guint32 i = g_array_index (self->results.risk_events, guint32, k);
      ChronoKnowledge own = { d->lane[i], d->lane[i], d->id[i], d->first[i] };

      if (d->first[i] <= day && (agency < 0 || (guint) agency == d->lane[i]))
        g_array_append_val (out, own);

      /* Receipts come in the order of the risk events. */
      for (; r < self->results.receipts->len; r++)
        {
          const AnReceipt *rc = &g_array_index (self->results.receipts, AnReceipt, r);
          ChronoKnowledge got = { rc->agency, d->lane[i], d->id[i], rc->day };

          if (rc->risk != k)
            break;
          if (rc->day <= day && (agency < 0 || (guint) agency == rc->agency))
            g_array_append_val (out, got);
        }
    }
  g_array_sort (out, compare_knowledge);
  return out;
}

void
chrono_analysis_get_timings (ChronoAnalysis *self,
                             double         *load_seconds,
                             double         *rules_seconds)
{
  g_return_if_fail (CHRONO_IS_ANALYSIS (self));
  if (load_seconds != NULL)
    *load_seconds = self->load_seconds;
  if (rules_seconds != NULL)
    *rules_seconds = self->rules_seconds;
}
