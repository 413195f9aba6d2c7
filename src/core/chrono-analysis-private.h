/* chrono-analysis-private.h: the compact case the analysis works on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chrono-analysis.h"
#include "chrono-finding-private.h"
#include "chrono-kinds.h"
#include "chrono-rules.h"

G_BEGIN_DECLS

/* Kinds of agency, as far as the analysis needs to know them (from the
 * agency's name through ChronoAliases, or from words in a record). */
typedef enum
{
  AN_GROUP_NONE,
  AN_GROUP_CSC,
  AN_GROUP_POLICE,
  AN_GROUP_PROBATION,
  AN_GROUP_HEALTH,
  AN_GROUP_DA_SERVICE,      /* Women's Aid, IDVA, refuge */
  AN_GROUP_VICTIM_SUPPORT,
  AN_GROUP_HOUSING,
  AN_GROUP_EDUCATION,
  AN_GROUP_COURTS,
  AN_GROUP_CPS,
  AN_GROUP_PRISONS,
  AN_GROUP_MARAC,
  AN_GROUP_MAPPA,
  AN_N_GROUPS
} AnGroup;

/* What the words of a record say, found in one pass over its text. */
typedef enum
{
  AN_TEXT_REMOTE       = 1 << 0,   /* by phone, letter, e-mail, message */
  AN_TEXT_IN_PERSON    = 1 << 1,   /* a visit, seen, met, attended … */
  AN_TEXT_UNSUCCESSFUL = 1 << 2,   /* cancelled, did not attend, no answer */
  AN_TEXT_NOT_SHARED   = 1 << 3,   /* "not passed to", "no MARAC referral" … */
  AN_TEXT_BREACH       = 1 << 4,   /* breach of an order or bail */
  AN_TEXT_SIGHTING     = 1 << 5,   /* spotted, bumped into, turned up … */
  AN_TEXT_ADDRESS      = 1 << 6,   /* new address, moved to, homeless … */
  AN_TEXT_SUPERVISION  = 1 << 7,   /* community order, licence */
  AN_TEXT_CP_PLAN      = 1 << 8,   /* child protection */
  AN_TEXT_ORDER        = 1 << 9,   /* restraining / non-molestation order */
  AN_TEXT_CONTACT      = 1 << 10,  /* people in touch (not denied) */
  AN_TEXT_RISK_LOW     = 1 << 11,
  AN_TEXT_RISK_MEDIUM  = 1 << 12,
  AN_TEXT_RISK_HIGH    = 1 << 13,
  AN_TEXT_ENDED        = 1 << 14,  /* sentenced, acquitted, discontinued … */
} AnTextFlags;

typedef struct
{
  guint32 flags;          /* AnTextFlags */
  guint32 mentions;       /* 1 << AnGroup named in clauses that deny nothing */
  guint32 neg_mentions;   /* … named in clauses that say something was not passed on */
} AnText;

void     _chrono_analysis_scan_text (const char *text,
                                     gsize       len,
                                     AnText     *out);

/* Roles the analysis gives people. */
typedef enum
{
  AN_ROLE_OTHER,
  AN_ROLE_PERPETRATOR,
  AN_ROLE_CHILD,
  AN_ROLE_VICTIM,
} AnRole;

/* A set of small integers (subjects or agencies), interned. */
typedef struct
{
  GArray     *start;   /* guint32, n_sets + 1 */
  GArray     *pool;    /* guint16 */
  GHashTable *by_text; /* text → set id + 1 */
} AnSets;

/* Events of one (lane, subject) pair, for the involvement rules: "CSR"
 * layout, the events of pair p are idx[start[p] .. start[p + 1]). */
typedef struct
{
  guint32 *start;
  guint32 *idx;
} AnIndex;

typedef struct
{
  gint32 first;
  gint32 last;
} AnSpan;

/* Event flags (beyond the text's). */
enum
{
  AN_EVENT_SPAN    = 1 << 0,   /* has an end date */
  AN_EVENT_APPROX  = 1 << 1,
};

typedef struct
{
  /* Per event, in the case's id order; order[] visits them in time order
   * (start day, then time, then id). */
  guint     n;
  guint32  *order;
  gint64   *id;
  guint32  *ref;          /* offset into refs ("" at 0) */
  gint32   *first;        /* first day the start date may mean */
  gint32   *start_last;   /* last day the start date may mean */
  gint32   *end_first;    /* spans: first day of the end date; else start_last */
  gint32   *last;         /* last day covered */
  guint16  *lane;
  gint32   *unit;         /* global unit index, -1 for none */
  guint8   *kind;         /* ChronoKind */
  guint8   *alloc;        /* ChronoAllocation */
  guint8   *risk;         /* ChronoRisk: the column, else the text's */
  guint8   *precision;    /* ChronoPrecision of the start without the hedge */
  guint8   *eflags;       /* AN_EVENT_* */
  AnText   *text;
  guint32  *subjects;     /* set id in subject_sets */
  guint32  *shared;       /* set id in agency_sets */
  guint32  *not_shared;   /* set id in agency_sets */

  GByteArray *refs;

  /* Agencies: lanes first (0 .. n_lanes - 1, in lane order), then other
   * names met in shared_with / not_shared_with. */
  guint      n_lanes;
  GPtrArray *agencies;    /* char * */
  GArray    *agency_group; /* guint8 AnGroup per agency */
  gint       group_lane[AN_N_GROUPS];   /* first lane of each group, or -1 */
  GPtrArray *units;       /* char *, global */
  GArray    *unit_lane;   /* guint16 */

  GPtrArray *subject_names;
  GArray    *subject_role; /* guint8 AnRole */

  AnSets     subject_sets;
  AnSets     agency_sets;

  /* Linked events (likely duplicates): CSR over event indices. */
  guint32   *link_start;
  guint32   *link_idx;

  /* Built by _chrono_analysis_data_index(). */
  guint32   *lane_start;  /* events of lane l: lane_idx[lane_start[l] ..] */
  guint32   *lane_idx;
  guint      n_subjects;
  AnIndex    pairs;       /* pair = lane * n_subjects + subject */
} AnData;

AnData     *_chrono_analysis_data_new      (void);
void        _chrono_analysis_data_free     (AnData         *data);
gboolean    _chrono_analysis_data_load     (AnData         *data,
                                            ChronoStore    *store,
                                            GCancellable   *cancellable,
                                            GError        **error);
/* Lanes, units and subjects must be added before events. */
guint       _chrono_analysis_data_add_lane (AnData         *data,
                                            const char     *name,
                                            AnGroup         group);
guint       _chrono_analysis_data_add_unit (AnData         *data,
                                            guint           lane,
                                            const char     *name);
guint32     _chrono_analysis_data_intern_subjects (AnData     *data,
                                                   const char *text);
/* Builds the per-lane and per-pair indices (in time order) and the
 * people's roles. */
void        _chrono_analysis_data_index    (AnData         *data);
AnGroup     _chrono_analysis_group_of_name (const char     *name);
const char *_chrono_analysis_group_name    (AnGroup         group);

static inline const guint16 *
an_set (const AnSets *sets,
        guint32       id,
        guint        *n)
{
  guint32 a = g_array_index (sets->start, guint32, id);
  guint32 b = g_array_index (sets->start, guint32, id + 1);

  *n = b - a;
  return &g_array_index (sets->pool, guint16, a);
}

static inline gboolean
an_set_has (const AnSets *sets,
            guint32       id,
            guint16       value)
{
  guint n;
  const guint16 *v = an_set (sets, id, &n);

  for (guint i = 0; i < n; i++)
    if (v[i] == value)
      return TRUE;
  return FALSE;
}

/* Results of one run. */
typedef enum
{
  AN_RULE_GAP_GENERAL,
  AN_RULE_GAP_CP,
  AN_RULE_GAP_SUPERVISION,
  AN_RULE_GAP_DISCHARGE,
  AN_RULE_GAP_HIGH_RISK,
  AN_RULE_UNALLOCATED,
  AN_RULE_REFERRAL,
  AN_RULE_UNSHARED_RECORDED,
  AN_RULE_UNSHARED_INFERRED,
  AN_RULE_UNSHARED_MARAC,
  AN_N_RULES
} AnRule;

enum
{
  AN_FINDING_FROM_DAY = 1 << 0,   /* from is the first day, not ev_a's date */
  AN_FINDING_TO_DAY   = 1 << 1,   /* to is the last day, not ev_b's date */
  AN_FINDING_TO_OPEN  = 1 << 2,   /* still open at the end of the records */
  AN_FINDING_CLIPPED  = 1 << 3,   /* a piece of a longer window */
};

/* A finding, compact: ChronoFinding objects are made from it when asked. */
typedef struct
{
  guint8  kind;          /* ChronoFindingKind */
  guint8  basis;         /* ChronoFindingBasis */
  guint8  severity;      /* ChronoSeverity */
  guint8  rule;          /* AnRule */
  guint8  why;           /* unshared: what made it risk information */
  guint8  flags;         /* AN_FINDING_* */
  guint16 lane;
  gint32  unit;          /* global unit index, -1 for none */
  gint32  subject;       /* person, or -1 for the people of ev_a */
  gint32  ev_a;          /* main event (index), -1 for none */
  gint32  ev_b;          /* second event, -1 for none */
  gint32  first;
  gint32  last;
  gint32  days;
  guint32 more;          /* further events: event_pool[more .. more + n_more) */
  guint32 agencies;      /* agency_pool[agencies .. agencies + n_agencies) */
  guint16 n_more;
  guint16 n_agencies;
} AnFinding;

typedef struct
{
  guint32 risk;      /* index into risk_events */
  guint16 agency;    /* lane that received it */
  gint32  day;       /* first day it may have been known there */
} AnReceipt;

typedef struct
{
  GArray    *findings;    /* AnFinding, sorted */
  GArray    *event_pool;  /* guint32 */
  GArray    *agency_pool; /* guint16 */
  guint     *shared;      /* n_lanes × n_lanes, [from * n + to] */
  guint     *not_shared;
  GArray    *risk_events; /* guint32 event indices of risk information */
  GArray    *receipts;    /* AnReceipt, in risk_events order */
} AnResults;

void           _chrono_analysis_results_clear (AnResults      *results);
gboolean       _chrono_analysis_run_rules     (AnData         *data,
                                               ChronoRules    *rules,
                                               AnResults      *results,
                                               GCancellable   *cancellable,
                                               GError        **error);
/* The finding's key, and the finding as an object (without a decision). */
char          *_chrono_analysis_finding_key   (AnData         *data,
                                               AnResults      *results,
                                               guint           index);
ChronoFinding *_chrono_analysis_materialize   (AnData         *data,
                                               ChronoRules    *rules,
                                               AnResults      *results,
                                               guint           index);

G_END_DECLS
