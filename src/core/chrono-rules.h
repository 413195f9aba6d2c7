/* chrono-rules.h: what the analysis expects of agencies, set per case and agency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chrono-date.h"
#include "chrono-store.h"

G_BEGIN_DECLS

/* Gaps in contact (values in days; 0 turns a rule off). */
#define CHRONO_RULE_GAP_GENERAL         "gap.general"
#define CHRONO_RULE_GAP_CP_PLAN         "gap.cp_plan"
#define CHRONO_RULE_GAP_SUPERVISION     "gap.supervision"
#define CHRONO_RULE_GAP_DISCHARGE       "gap.discharge"
#define CHRONO_RULE_GAP_HIGH_RISK       "gap.high_risk"
#define CHRONO_RULE_GAP_HIGH_RISK_FOR   "gap.high_risk.period"
/* Unallocated periods and unactioned referrals. */
#define CHRONO_RULE_UNALLOCATED         "unallocated.period"
#define CHRONO_RULE_REFERRAL            "unallocated.referral"
/* Unshared information. */
#define CHRONO_RULE_UNSHARED_RECORDED   "unshared.recorded"
#define CHRONO_RULE_UNSHARED_INFERRED   "unshared.inferred"
#define CHRONO_RULE_UNSHARED_INVOLVED   "unshared.involved"
#define CHRONO_RULE_UNSHARED_RECEIVED   "unshared.received"
#define CHRONO_RULE_UNSHARED_MARAC      "unshared.marac"
#define CHRONO_RULE_UNSHARED_EXPECTED   "unshared.expected"

/* One rule of the catalogue. */
typedef struct
{
  const char *id;
  const char *name;          /* translated on use: _(info->name) */
  const char *unit;          /* "days", or "" for on (1) / off (0) */
  int         default_value;
  gboolean    per_agency;    /* can differ between agencies */
} ChronoRuleInfo;

#define CHRONO_TYPE_RULES (chrono_rules_get_type ())
G_DECLARE_FINAL_TYPE (ChronoRules, chrono_rules, CHRONO, RULES, GObject)

/* Every rule, in the order a settings page lists them. */
const ChronoRuleInfo *chrono_rules_get_catalogue (guint            *n_rules);
const ChronoRuleInfo *chrono_rules_lookup_info   (const char       *rule_id);

/* The built-in defaults, with no case settings. */
ChronoRules *chrono_rules_new               (void);
/* Reads the case's settings (table rule_setting) and review scope (meta
 * "scope_from" / "scope_to", ISO dates).  A case written before settings
 * existed simply has none. */
gboolean     chrono_rules_load              (ChronoRules      *self,
                                             ChronoStore      *store,
                                             GError          **error);
/* Writes every setting and the scope in one transaction. */
gboolean     chrono_rules_save              (ChronoRules      *self,
                                             ChronoStore      *store,
                                             GError          **error);

/* The value in force for @agency (NULL or "" for the case as a whole): the
 * agency's own setting, else the built-in default for that kind of agency
 * (the general contact rule is off for police, courts, CPS, prisons and
 * MARAC, who respond to events rather than hold casework), else the case
 * setting, else the rule's default. */
int          chrono_rules_get               (ChronoRules      *self,
                                             const char       *rule_id,
                                             const char       *agency);
gboolean     chrono_rules_is_set            (ChronoRules      *self,
                                             const char       *rule_id,
                                             const char       *agency);
void         chrono_rules_set               (ChronoRules      *self,
                                             const char       *rule_id,
                                             const char       *agency,
                                             int               value);
/* Back to the default for @agency (or the case). */
void         chrono_rules_unset             (ChronoRules      *self,
                                             const char       *rule_id,
                                             const char       *agency);
/* The rule as it applies, for people: "Children's Social Care sees a child
 * on a child protection plan at least every 14 days." */
char        *chrono_rules_describe          (ChronoRules      *self,
                                             const char       *rule_id,
                                             const char       *agency);

/* The review's terms of reference period; unset dates mean open-ended. */
void         chrono_rules_get_scope         (ChronoRules      *self,
                                             ChronoDate       *from,
                                             ChronoDate       *to);
void         chrono_rules_set_scope         (ChronoRules      *self,
                                             const ChronoDate *from,
                                             const ChronoDate *to);

/* What an agency's submission covers: by default from its first to its last
 * dated event; a chair can set the dates it declared, and periods it
 * declared missing.  Outside these there are "no records", never a gap. */
void         chrono_rules_get_records       (ChronoRules      *self,
                                             const char       *agency,
                                             ChronoDate       *from,
                                             ChronoDate       *to);
void         chrono_rules_set_records       (ChronoRules      *self,
                                             const char       *agency,
                                             const ChronoDate *from,
                                             const ChronoDate *to);
void         chrono_rules_add_missing       (ChronoRules      *self,
                                             const char       *agency,
                                             const ChronoDate *from,
                                             const ChronoDate *to);
/* Declared missing periods of @agency as day-number pairs (first, last):
 * 2 × n gint32 values. */
GArray      *chrono_rules_get_missing       (ChronoRules      *self,
                                             const char       *agency);
void         chrono_rules_clear_missing     (ChronoRules      *self,
                                             const char       *agency);

G_END_DECLS
