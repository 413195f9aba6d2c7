/* chrono-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "chrono-aliases.h"
#include "chrono-rules.h"
#include "chrono-store-private.h"

#define RECORDS_FROM    "records.from"
#define RECORDS_TO      "records.to"
#define RECORDS_MISSING "records.missing"

struct _ChronoRules
{
  GObject        parent_instance;

  GHashTable    *values;     /* "agency\x1frule" → text value */
  ChronoAliases *aliases;
  ChronoDate     scope_from;
  ChronoDate     scope_to;
};

G_DEFINE_FINAL_TYPE (ChronoRules, chrono_rules, G_TYPE_OBJECT)

static const ChronoRuleInfo catalogue[] = {
  { CHRONO_RULE_GAP_GENERAL, N_("Contact while involved"), "days", 28, TRUE },
  { CHRONO_RULE_GAP_CP_PLAN, N_("Child protection plan visits"), "days", 14, TRUE },
  { CHRONO_RULE_GAP_SUPERVISION, N_("Supervision on licence or community order"), "days", 14, TRUE },
  { CHRONO_RULE_GAP_DISCHARGE, N_("Follow-up after hospital discharge"), "days", 7, TRUE },
  { CHRONO_RULE_GAP_HIGH_RISK, N_("Contact after a high-risk grading"), "days", 28, TRUE },
  { CHRONO_RULE_GAP_HIGH_RISK_FOR, N_("How long a high-risk grading calls for contact"), "days", 91, TRUE },
  { CHRONO_RULE_UNALLOCATED, N_("Open case without an allocated worker"), "", 1, TRUE },
  { CHRONO_RULE_REFERRAL, N_("Action on a referral"), "days", 10, TRUE },
  { CHRONO_RULE_UNSHARED_RECORDED, N_("Recorded as not shared"), "", 1, FALSE },
  { CHRONO_RULE_UNSHARED_INFERRED, N_("Risk information not passed to involved agencies"), "", 1, FALSE },
  { CHRONO_RULE_UNSHARED_INVOLVED, N_("Involved: a contact within"), "days", 30, FALSE },
  { CHRONO_RULE_UNSHARED_RECEIVED, N_("Received: a record of it within"), "days", 14, FALSE },
  { CHRONO_RULE_UNSHARED_MARAC, N_("MARAC referral after a high-risk grading"), "days", 28, FALSE },
  { CHRONO_RULE_UNSHARED_EXPECTED, N_("Expected to share and receive risk information"), "", 1, TRUE },
};

/* Defaults for kinds of agency, by the usual name ChronoAliases gives them.
 * Police, courts, the CPS, prisons and MARAC respond to events rather than
 * hold casework, so no regular contact is expected of them (their part is
 * covered by the high-risk and supervision rules); courts, the CPS and
 * prisons get their information through the criminal process. */
static const struct
{
  const char *rule;
  const char *group;
  int         value;
} group_defaults[] = {
  { CHRONO_RULE_GAP_GENERAL, "Police", 0 },
  { CHRONO_RULE_GAP_GENERAL, "Courts", 0 },
  { CHRONO_RULE_GAP_GENERAL, "Crown Prosecution Service", 0 },
  { CHRONO_RULE_GAP_GENERAL, "Prisons", 0 },
  { CHRONO_RULE_GAP_GENERAL, "MARAC", 0 },
  { CHRONO_RULE_GAP_GENERAL, "MAPPA", 0 },
  { CHRONO_RULE_UNSHARED_EXPECTED, "Courts", 0 },
  { CHRONO_RULE_UNSHARED_EXPECTED, "Crown Prosecution Service", 0 },
  { CHRONO_RULE_UNSHARED_EXPECTED, "Prisons", 0 },
};

static char *
make_key (const char *agency,
          const char *rule)
{
  return g_strdup_printf ("%s\x1f%s", agency != NULL ? agency : "", rule);
}

static void
chrono_rules_finalize (GObject *object)
{
  ChronoRules *self = CHRONO_RULES (object);

  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_object (&self->aliases);

  G_OBJECT_CLASS (chrono_rules_parent_class)->finalize (object);
}

static void
chrono_rules_class_init (ChronoRulesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chrono_rules_finalize;
}

static void
chrono_rules_init (ChronoRules *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->aliases = chrono_aliases_new ();
}

const ChronoRuleInfo *
chrono_rules_get_catalogue (guint *n_rules)
{
  if (n_rules != NULL)
    *n_rules = G_N_ELEMENTS (catalogue);
  return catalogue;
}

const ChronoRuleInfo *
chrono_rules_lookup_info (const char *rule_id)
{
  for (guint i = 0; rule_id != NULL && i < G_N_ELEMENTS (catalogue); i++)
    if (strcmp (catalogue[i].id, rule_id) == 0)
      return &catalogue[i];
  return NULL;
}

ChronoRules *
chrono_rules_new (void)
{
  return g_object_new (CHRONO_TYPE_RULES, NULL);
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

static void
parse_scope (const char *text,
             ChronoDate *date)
{
  *date = (ChronoDate) CHRONO_DATE_INIT;
  if (text != NULL && *text != '\0' && !chrono_date_parse_iso (text, NULL, NULL, date, NULL))
    *date = (ChronoDate) CHRONO_DATE_INIT;
}

gboolean
chrono_rules_load (ChronoRules  *self,
                   ChronoStore  *store,
                   GError      **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  int rc;

  g_return_val_if_fail (CHRONO_IS_RULES (self), FALSE);
  g_return_val_if_fail (CHRONO_IS_STORE (store), FALSE);

  g_hash_table_remove_all (self->values);
  chrono_aliases_load (self->aliases, store, NULL);

  from = chrono_store_get_meta (store, "scope_from");
  to = chrono_store_get_meta (store, "scope_to");
  parse_scope (from, &self->scope_from);
  parse_scope (to, &self->scope_to);

  db = _chrono_store_get_db (store);
  if (db == NULL || !table_exists (db, "rule_setting"))
    return TRUE;

  rc = sqlite3_prepare_v2 (db, "SELECT agency, rule, value FROM rule_setting", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *agency = (const char *) sqlite3_column_text (stmt, 0);
      const char *rule = (const char *) sqlite3_column_text (stmt, 1);
      const char *value = (const char *) sqlite3_column_text (stmt, 2);

      if (rule != NULL && value != NULL)
        g_hash_table_insert (self->values, make_key (agency, rule), g_strdup (value));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
                   _("The analysis settings cannot be read: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec_text (sqlite3     *db,
           const char  *sql,
           const char  *a,
           const char  *b,
           const char  *c,
           GError     **error)
{
  const char *params[] = { a, b, c };
  int rc = _chrono_sql_exec_text (db, sql, params, G_N_ELEMENTS (params));

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
                   _("The analysis settings cannot be saved: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

gboolean
chrono_rules_save (ChronoRules  *self,
                   ChronoStore  *store,
                   GError      **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (CHRONO_IS_RULES (self), FALSE);
  g_return_val_if_fail (CHRONO_IS_STORE (store), FALSE);

  if (!chrono_store_begin (store, error))
    return FALSE;
  db = _chrono_store_get_db (store);

  ok = exec_text (db, "DELETE FROM rule_setting", NULL, NULL, NULL, error);
  g_hash_table_iter_init (&iter, self->values);
  while (ok && g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, "\x1f", 2);

      ok = exec_text (db, "INSERT INTO rule_setting (agency, rule, value) VALUES (?, ?, ?)",
                      parts[0], parts[1], value, error);
    }

  from = chrono_date_is_set (&self->scope_from) ? chrono_date_to_iso (&self->scope_from) : NULL;
  to = chrono_date_is_set (&self->scope_to) ? chrono_date_to_iso (&self->scope_to) : NULL;
  if (ok)
    ok = from != NULL ? chrono_store_set_meta (store, "scope_from", from, error)
                      : exec_text (db, "DELETE FROM meta WHERE key = 'scope_from'", NULL, NULL,
                                   NULL, error);
  if (ok)
    ok = to != NULL ? chrono_store_set_meta (store, "scope_to", to, error)
                    : exec_text (db, "DELETE FROM meta WHERE key = 'scope_to'", NULL, NULL, NULL,
                                 error);
  if (!ok)
    {
      chrono_store_rollback (store);
      return FALSE;
    }
  return chrono_store_commit (store, error);
}

static const char *
lookup (ChronoRules *self,
        const char  *rule_id,
        const char  *agency)
{
  g_autofree char *key = make_key (agency, rule_id);
  return g_hash_table_lookup (self->values, key);
}

static gboolean
group_default (ChronoRules *self,
               const char  *rule_id,
               const char  *agency,
               int         *value)
{
  g_autofree char *group = NULL;
  g_autofree char *unit = NULL;

  if (agency == NULL || *agency == '\0')
    return FALSE;
  chrono_aliases_resolve (self->aliases, agency, NULL, &group, &unit);
  for (guint i = 0; group != NULL && i < G_N_ELEMENTS (group_defaults); i++)
    {
      if (strcmp (group_defaults[i].rule, rule_id) == 0 &&
          strcmp (group_defaults[i].group, group) == 0)
        {
          *value = group_defaults[i].value;
          return TRUE;
        }
    }
  return FALSE;
}

int
chrono_rules_get (ChronoRules *self,
                  const char  *rule_id,
                  const char  *agency)
{
  const ChronoRuleInfo *info;
  const char *text;
  int value;

  g_return_val_if_fail (CHRONO_IS_RULES (self), 0);
  g_return_val_if_fail (rule_id != NULL, 0);

  info = chrono_rules_lookup_info (rule_id);
  if (agency != NULL && *agency != '\0' && (info == NULL || info->per_agency))
    {
      if ((text = lookup (self, rule_id, agency)) != NULL)
        return atoi (text);
      if (group_default (self, rule_id, agency, &value))
        return value;
    }
  if ((text = lookup (self, rule_id, "")) != NULL)
    return atoi (text);
  return info != NULL ? info->default_value : 0;
}

gboolean
chrono_rules_is_set (ChronoRules *self,
                     const char  *rule_id,
                     const char  *agency)
{
  g_return_val_if_fail (CHRONO_IS_RULES (self), FALSE);
  return lookup (self, rule_id, agency) != NULL;
}

void
chrono_rules_set (ChronoRules *self,
                  const char  *rule_id,
                  const char  *agency,
                  int          value)
{
  g_return_if_fail (CHRONO_IS_RULES (self));
  g_return_if_fail (rule_id != NULL);

  g_hash_table_insert (self->values, make_key (agency, rule_id), g_strdup_printf ("%d", value));
}

void
chrono_rules_unset (ChronoRules *self,
                    const char  *rule_id,
                    const char  *agency)
{
  g_autofree char *key = NULL;

  g_return_if_fail (CHRONO_IS_RULES (self));
  key = make_key (agency, rule_id);
  g_hash_table_remove (self->values, key);
}

char *
chrono_rules_describe (ChronoRules *self,
                       const char  *rule_id,
                       const char  *agency)
{
  const char *who = agency != NULL && *agency != '\0' ? agency : _("An agency");
  int v;

  g_return_val_if_fail (CHRONO_IS_RULES (self), NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);

  v = chrono_rules_get (self, rule_id, agency);
  if (strcmp (rule_id, CHRONO_RULE_GAP_GENERAL) == 0)
    return v > 0 ? g_strdup_printf (_("%s, while involved with a person (from its referral, "
                                      "allocation or first contact to its closure or last "
                                      "contact), has contact with them at least every %d days."),
                                    who, v)
                 : g_strdup_printf (_("%s is not expected to keep regular contact."), who);
  if (strcmp (rule_id, CHRONO_RULE_GAP_CP_PLAN) == 0)
    return g_strdup_printf (_("While a child protection plan is active, %s sees the child at "
                              "least every %d days."), who, v);
  if (strcmp (rule_id, CHRONO_RULE_GAP_SUPERVISION) == 0)
    return g_strdup_printf (_("While the offender is on licence or a community order, %s sees "
                              "them at least every %d days."), who, v);
  if (strcmp (rule_id, CHRONO_RULE_GAP_DISCHARGE) == 0)
    return g_strdup_printf (_("After a hospital discharge, %s follows the person up within %d "
                              "days."), who, v);
  if (strcmp (rule_id, CHRONO_RULE_GAP_HIGH_RISK) == 0)
    return g_strdup_printf (_("For %d days after %s grades a person at high risk, it has "
                              "contact with them at least every %d days."),
                            chrono_rules_get (self, CHRONO_RULE_GAP_HIGH_RISK_FOR, agency), who, v);
  if (strcmp (rule_id, CHRONO_RULE_UNALLOCATED) == 0)
    return g_strdup_printf (_("While %s has a case open, a worker is allocated to it."), who);
  if (strcmp (rule_id, CHRONO_RULE_REFERRAL) == 0)
    return g_strdup_printf (_("%s allocates, assesses or contacts within %d days of receiving a "
                              "referral."), who, v);
  if (strcmp (rule_id, CHRONO_RULE_UNSHARED_RECORDED) == 0)
    return g_strdup (_("The record, or the panel, says the information was not passed on."));
  if (strcmp (rule_id, CHRONO_RULE_UNSHARED_INFERRED) == 0)
    return g_strdup_printf (_("Risk information (an incident, intelligence, a breach of an order, "
                              "a high-risk assessment, a sighting of the perpetrator, a new "
                              "address) reaches every agency involved with the same people at "
                              "the time (an open case or a contact within %d days): it is "
                              "shared with them, or their own record refers to it within %d "
                              "days."),
                            chrono_rules_get (self, CHRONO_RULE_UNSHARED_INVOLVED, NULL),
                            chrono_rules_get (self, CHRONO_RULE_UNSHARED_RECEIVED, NULL));
  if (strcmp (rule_id, CHRONO_RULE_UNSHARED_MARAC) == 0)
    return g_strdup_printf (_("A person graded at high risk is referred to MARAC within %d "
                              "days."), v);
  if (strcmp (rule_id, CHRONO_RULE_UNSHARED_EXPECTED) == 0)
    return v ? g_strdup_printf (_("%s is expected to share and receive risk information."), who)
             : g_strdup_printf (_("%s receives its information through the criminal process."),
                                who);
  return g_strdup_printf ("%s = %d", rule_id, v);
}

void
chrono_rules_get_scope (ChronoRules *self,
                        ChronoDate  *from,
                        ChronoDate  *to)
{
  g_return_if_fail (CHRONO_IS_RULES (self));
  if (from != NULL)
    *from = self->scope_from;
  if (to != NULL)
    *to = self->scope_to;
}

void
chrono_rules_set_scope (ChronoRules      *self,
                        const ChronoDate *from,
                        const ChronoDate *to)
{
  g_return_if_fail (CHRONO_IS_RULES (self));
  self->scope_from = from != NULL ? *from : (ChronoDate) CHRONO_DATE_INIT;
  self->scope_to = to != NULL ? *to : (ChronoDate) CHRONO_DATE_INIT;
}

static void
get_date (ChronoRules *self,
          const char  *agency,
          const char  *rule,
          ChronoDate  *date)
{
  parse_scope (lookup (self, rule, agency), date);
}

static void
set_date (ChronoRules      *self,
          const char       *agency,
          const char       *rule,
          const ChronoDate *date)
{
  g_autofree char *key = make_key (agency, rule);

  if (date == NULL || !chrono_date_is_set (date))
    g_hash_table_remove (self->values, key);
  else
    g_hash_table_insert (self->values, g_steal_pointer (&key), chrono_date_to_iso (date));
}

void
chrono_rules_get_records (ChronoRules *self,
                          const char  *agency,
                          ChronoDate  *from,
                          ChronoDate  *to)
{
  g_return_if_fail (CHRONO_IS_RULES (self));
  g_return_if_fail (agency != NULL);
  if (from != NULL)
    get_date (self, agency, RECORDS_FROM, from);
  if (to != NULL)
    get_date (self, agency, RECORDS_TO, to);
}

void
chrono_rules_set_records (ChronoRules      *self,
                          const char       *agency,
                          const ChronoDate *from,
                          const ChronoDate *to)
{
  g_return_if_fail (CHRONO_IS_RULES (self));
  g_return_if_fail (agency != NULL);
  set_date (self, agency, RECORDS_FROM, from);
  set_date (self, agency, RECORDS_TO, to);
}

void
chrono_rules_add_missing (ChronoRules      *self,
                          const char       *agency,
                          const ChronoDate *from,
                          const ChronoDate *to)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  const char *old;

  g_return_if_fail (CHRONO_IS_RULES (self));
  g_return_if_fail (agency != NULL && from != NULL && to != NULL);
  g_return_if_fail (chrono_date_is_set (from) && chrono_date_is_set (to));

  a = chrono_date_to_iso (from);
  b = chrono_date_to_iso (to);
  old = lookup (self, RECORDS_MISSING, agency);
  g_hash_table_insert (self->values, make_key (agency, RECORDS_MISSING),
                       old != NULL && *old != '\0' ? g_strdup_printf ("%s;%s..%s", old, a, b)
                                                   : g_strdup_printf ("%s..%s", a, b));
}

GArray *
chrono_rules_get_missing (ChronoRules *self,
                          const char  *agency)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_auto(GStrv) periods = NULL;
  const char *text;

  g_return_val_if_fail (CHRONO_IS_RULES (self), days);

  text = agency != NULL ? lookup (self, RECORDS_MISSING, agency) : NULL;
  if (text == NULL)
    return days;
  periods = g_strsplit (text, ";", -1);
  for (guint i = 0; periods[i] != NULL; i++)
    {
      g_auto(GStrv) ends = g_strsplit (periods[i], "..", 2);
      ChronoDate a, b;
      gint32 a1, a2, b1, b2;

      if (g_strv_length (ends) != 2 ||
          !chrono_date_parse_iso (ends[0], NULL, NULL, &a, NULL) ||
          !chrono_date_parse_iso (ends[1], NULL, NULL, &b, NULL))
        continue;
      chrono_date_get_interval (&a, &a1, &a2);
      chrono_date_get_interval (&b, &b1, &b2);
      g_array_append_val (days, a1);
      g_array_append_val (days, b2);
    }
  return days;
}

void
chrono_rules_clear_missing (ChronoRules *self,
                            const char  *agency)
{
  g_autofree char *key = NULL;

  g_return_if_fail (CHRONO_IS_RULES (self));
  key = make_key (agency, RECORDS_MISSING);
  g_hash_table_remove (self->values, key);
}
