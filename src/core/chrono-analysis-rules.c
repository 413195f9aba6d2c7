/* chrono-analysis-rules.c: gaps in contact, unallocated periods, unshared information
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rule works on the compact arrays of AnData, lane by lane and person
 * by person, in time order, with sorted indices and binary searches, so a
 * million events take well under a second.  Findings are kept as compact
 * records (AnFinding); the strings a person reads are made only when a
 * finding is asked for (_chrono_analysis_materialize()).  The rules, as a
 * panel reads them, are in chrono-rules.c (chrono_rules_describe()); the
 * comments here say how each is computed.
 */
#define G_LOG_DOMAIN "chrono-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chrono-analysis-private.h"

#define OPEN_END G_MAXINT32

/* Risk information, and why. */
typedef enum
{
  WHY_NONE,
  WHY_INCIDENT,
  WHY_INTELLIGENCE,
  WHY_HIGH_RISK,
  WHY_BREACH,
  WHY_SIGHTING,
  WHY_ADDRESS,
} Why;

/* Involvement items. */
typedef enum
{
  ITEM_OPEN,      /* referral received, allocation, plan, custody */
  ITEM_CONTACT,   /* a contact that does not count (phone, letter, cancelled) */
  ITEM_COUNT,     /* a contact that counts */
  ITEM_CLOSE,     /* closure */
  ITEM_BOUND,     /* custody starts or ends (not an event) */
} ItemType;

typedef struct
{
  gint32   key;   /* sort day */
  gint32   f, l;  /* the days it may mean */
  gint32   ev;    /* event index, -1 for a bound */
  guint8   type;
} Item;

typedef struct
{
  guint32 pair;
  guint8  rule;
  gint32  first, last;
} SpanRec;

enum
{
  SPAN_CP,
  SPAN_SUPERVISION,
  SPAN_HIGH_RISK,
  N_SPAN_RULES
};

typedef struct
{
  gint32 first, last;
} Span;

typedef struct
{
  AnData       *d;
  ChronoRules  *rules;
  AnResults    *res;
  GArray       *out;            /* AnFinding: where this thread's go */
  GCancellable *cancellable;
  struct _Handoff *handoff;     /* work the gap thread takes on after its own */

  guint         n_lanes;
  guint         n_subjects;
  gsize         n_pairs;
  int          *t_general;
  int          *t_cp;
  int          *t_supervision;
  int          *t_discharge;
  int          *t_high_risk;
  int          *t_high_risk_for;
  int          *t_referral;
  int          *unallocated_on;
  gboolean     *expected;
  int           t_involved;
  int           t_received;
  int           t_marac;
  gboolean      recorded_on;
  gboolean      inferred_on;
  gboolean      perpetrator_known;

  gint32        scope_first;
  gint32        scope_last;
  gint32       *rec_first;      /* per lane */
  gint32       *rec_last;
  GArray      **missing;        /* per lane: day pairs */

  GArray      **referrals_in;   /* per lane: guint32 events, in time order */
  GHashTable   *unactioned;     /* gint64 (event * n_lanes + lane) */

  /* Spans of the gap rules, merged: per (pair, rule) in span_start. */
  GArray       *spans;          /* SpanRec */
  guint32      *span_start;     /* n_pairs * N_SPAN_RULES + 1 */
  /* Custody, per person (other lanes' gaps skip it). */
  Span         *custody;
  guint16      *custody_lane;
  guint32      *custody_start;  /* n_subjects + 1; each person's spans by
                                 * lane, then time, merged */
  /* Open cases, per pair; and the periods an agency was actively involved
   * with a person (an open case, or within t_involved days of a contact),
   * merged. */
  Span         *open_cases;
  guint32      *oc_start;       /* n_pairs + 1 */
  Span         *active;
  guint32      *active_start;   /* n_pairs + 1 */

  /* Cursors into the sorted lists above: the unshared rules visit events
   * in time order, so each only moves forward. */
  guint32      *active_cursor;  /* per pair */
  guint32      *share_cursor;   /* per lane */
  guint32      *passed_cursor;  /* per lane */
  guint32      *meeting_cursor; /* per lane */
  guint32      *mention_cursor; /* per (lane, group) */

  guint32      *share_start;    /* per lane: referrals and meetings passing
                                 * something on */
  guint32      *share_idx;
  gint32       *share_day;      /* their first days, side by side */
  guint32      *passed_start;   /* per lane: any record with a recipient */
  guint32      *passed_idx;
  gint32       *passed_day;
  guint64      *share_people;   /* people of each listed event, side by side */
  guint64      *passed_people;
  guint64      *mention_people;
  guint64      *meeting_people;
  guint32      *mention_start;  /* per (lane, group): events naming a kind of agency */
  guint32      *mention_idx;
  gint32       *mention_day;
  guint32      *meeting_start;  /* per lane: meetings it attended */
  guint32      *meeting_idx;
  gint32       *meeting_day;
  guint32      *marac_start;    /* per person: days MARAC heard of them */
  gint32       *marac_days;

  guint8       *why;            /* per event */
  guint8       *principal;      /* per person */
  guint8       *client;         /* per pair */
  guint64      *people;         /* per event: its people as bits (the first 64) */
  gboolean      many_people;    /* more than 64 people: compare sets */
  guint64       reachable[AN_N_GROUPS];  /* lanes a holder of each kind can be
                                          * heard by at all (lanes < 64) */
} Ctx;

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static inline gboolean
is_contactish (guint8 kind)
{
  return kind == CHRONO_KIND_CONTACT || kind == CHRONO_KIND_MEETING ||
         kind == CHRONO_KIND_ASSESSMENT || kind == CHRONO_KIND_ADMISSION ||
         kind == CHRONO_KIND_INCIDENT;
}

static inline gboolean
is_counting (const AnData *d,
             guint         i)
{
  guint32 f = d->text[i].flags;

  if (!is_contactish (d->kind[i]))
    return FALSE;
  if (f & AN_TEXT_UNSUCCESSFUL)
    return FALSE;
  if ((f & AN_TEXT_REMOTE) && !(f & AN_TEXT_IN_PERSON))
    return FALSE;
  return TRUE;
}

static inline gboolean
is_close (const AnData *d,
          guint         i)
{
  return d->kind[i] == CHRONO_KIND_CLOSURE || d->alloc[i] == CHRONO_ALLOCATION_CLOSED;
}

static inline guint8
role_of (const AnData *d,
         guint16       s)
{
  return g_array_index (d->subject_role, guint8, s);
}

static inline gboolean
share_subject_sets (const AnData *d,
                    guint         a,
                    guint         b)
{
  guint na, nb;
  const guint16 *va, *vb;

  if (d->subjects[a] == d->subjects[b])
    return TRUE;
  va = an_set (&d->subject_sets, d->subjects[a], &na);
  vb = an_set (&d->subject_sets, d->subjects[b], &nb);
  for (guint i = 0; i < na; i++)
    for (guint j = 0; j < nb; j++)
      if (va[i] == vb[j])
        return TRUE;
  return FALSE;
}

/* Does event @i name someone of a listed event (@e, whose people are
 * @mask)? */
#define shares_listed(c, i, e, mask)                                        \
  ((c)->many_people ? share_subject_sets ((c)->d, (i), (e))                \
                    : ((c)->people[(i)] & (mask)) != 0)

/* Do events @a and @b name someone in common? */
#define shares_people(c, a, b)                                              \
  ((c)->many_people ? share_subject_sets ((c)->d, (a), (b))                \
                    : ((c)->people[(a)] & (c)->people[(b)]) != 0)

static gboolean
names_perpetrator (const AnData *d,
                   guint         i)
{
  guint n;
  const guint16 *v = an_set (&d->subject_sets, d->subjects[i], &n);

  for (guint k = 0; k < n; k++)
    if (role_of (d, v[k]) == AN_ROLE_PERPETRATOR)
      return TRUE;
  return FALSE;
}

static inline const char *
agency_name (const AnData *d,
             guint         agency)
{
  return g_ptr_array_index (d->agencies, agency);
}

static inline const char *
event_ref (const AnData *d,
           gint32        i)
{
  return i >= 0 ? (const char *) d->refs->data + d->ref[i] : "";
}

/* Binary search: the first position in @idx[0..n) whose event starts on or
 * after @day. */
static guint
lower_bound (const AnData  *d,
             const guint32 *idx,
             guint          n,
             gint32         day)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (d->first[idx[mid]] < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The first position in @days[0..n) (sorted) on or after @day. */
static inline guint
day_bound (const gint32 *days,
           guint         n,
           gint32        day)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (days[mid] < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Moves @cursor (a position in @days[start..end), sorted) to the first day
 * on or after @day; the days asked for never go back. */
static inline guint32
advance (const gint32 *days,
         guint32      *cursor,
         guint32       start,
         guint32       end,
         gint32        day)
{
  guint32 q = MAX (*cursor, start);

  while (q < end && days[q] < day)
    q++;
  *cursor = q;
  return q;
}

/* The first span in @v[0..n) (sorted by first, disjoint) that ends on or
 * after @day. */
static guint
span_bound (const Span *v,
            guint       n,
            gint32      day)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (v[mid].last < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static AnFinding *
new_finding (Ctx               *c,
             ChronoFindingKind  kind,
             ChronoFindingBasis basis,
             AnRule             rule,
             guint              lane)
{
  AnFinding f = { 0 };

  f.kind = kind;
  f.basis = basis;
  f.rule = rule;
  f.lane = lane;
  f.unit = -1;
  f.subject = -1;
  f.ev_a = f.ev_b = -1;
  g_array_append_val (c->out, f);
  return &g_array_index (c->out, AnFinding, c->out->len - 1);
}

/* ------------------------------------------------------------------ */
/* Settings                                                            */

static void
read_settings (Ctx *c)
{
  AnData *d = c->d;
  ChronoDate from, to;
  guint n = MAX (c->n_lanes, 1);

  c->t_general = g_new (int, n);
  c->t_cp = g_new (int, n);
  c->t_supervision = g_new (int, n);
  c->t_discharge = g_new (int, n);
  c->t_high_risk = g_new (int, n);
  c->t_high_risk_for = g_new (int, n);
  c->t_referral = g_new (int, n);
  c->unallocated_on = g_new (int, n);
  c->expected = g_new (gboolean, n);
  c->rec_first = g_new (gint32, n);
  c->rec_last = g_new (gint32, n);
  c->missing = g_new0 (GArray *, n);

  for (guint l = 0; l < c->n_lanes; l++)
    {
      const char *agency = agency_name (d, l);
      ChronoDate rf, rt;

      c->t_general[l] = chrono_rules_get (c->rules, CHRONO_RULE_GAP_GENERAL, agency);
      c->t_cp[l] = chrono_rules_get (c->rules, CHRONO_RULE_GAP_CP_PLAN, agency);
      c->t_supervision[l] = chrono_rules_get (c->rules, CHRONO_RULE_GAP_SUPERVISION, agency);
      c->t_discharge[l] = chrono_rules_get (c->rules, CHRONO_RULE_GAP_DISCHARGE, agency);
      c->t_high_risk[l] = chrono_rules_get (c->rules, CHRONO_RULE_GAP_HIGH_RISK, agency);
      c->t_high_risk_for[l] = chrono_rules_get (c->rules, CHRONO_RULE_GAP_HIGH_RISK_FOR, agency);
      c->t_referral[l] = chrono_rules_get (c->rules, CHRONO_RULE_REFERRAL, agency);
      c->unallocated_on[l] = chrono_rules_get (c->rules, CHRONO_RULE_UNALLOCATED, agency);
      c->expected[l] = chrono_rules_get (c->rules, CHRONO_RULE_UNSHARED_EXPECTED, agency) != 0;

      /* What the agency's records cover: its first to its last event,
       * unless the chair set the dates its submission declared. */
      c->rec_first[l] = OPEN_END;
      c->rec_last[l] = G_MININT32;
      for (guint32 k = d->lane_start[l]; k < d->lane_start[l + 1]; k++)
        {
          guint32 i = d->lane_idx[k];

          c->rec_first[l] = MIN (c->rec_first[l], d->first[i]);
          c->rec_last[l] = MAX (c->rec_last[l], d->last[i]);
        }
      chrono_rules_get_records (c->rules, agency, &rf, &rt);
      if (chrono_date_is_set (&rf))
        {
          gint32 y;
          chrono_date_get_interval (&rf, &c->rec_first[l], &y);
        }
      if (chrono_date_is_set (&rt))
        {
          gint32 x;
          chrono_date_get_interval (&rt, &x, &c->rec_last[l]);
        }
      c->missing[l] = chrono_rules_get_missing (c->rules, agency);
    }
  c->t_involved = chrono_rules_get (c->rules, CHRONO_RULE_UNSHARED_INVOLVED, NULL);
  c->t_received = chrono_rules_get (c->rules, CHRONO_RULE_UNSHARED_RECEIVED, NULL);
  c->t_marac = chrono_rules_get (c->rules, CHRONO_RULE_UNSHARED_MARAC, NULL);
  c->recorded_on = chrono_rules_get (c->rules, CHRONO_RULE_UNSHARED_RECORDED, NULL) != 0;
  c->inferred_on = chrono_rules_get (c->rules, CHRONO_RULE_UNSHARED_INFERRED, NULL) != 0;

  chrono_rules_get_scope (c->rules, &from, &to);
  c->scope_first = G_MININT32;
  c->scope_last = OPEN_END;
  if (chrono_date_is_set (&from))
    {
      gint32 y;
      chrono_date_get_interval (&from, &c->scope_first, &y);
    }
  if (chrono_date_is_set (&to))
    {
      gint32 x;
      chrono_date_get_interval (&to, &x, &c->scope_last);
    }
}

static void
ctx_clear (Ctx *c)
{
  g_free (c->t_general);
  g_free (c->t_cp);
  g_free (c->t_supervision);
  g_free (c->t_discharge);
  g_free (c->t_high_risk);
  g_free (c->t_high_risk_for);
  g_free (c->t_referral);
  g_free (c->unallocated_on);
  g_free (c->expected);
  g_free (c->rec_first);
  g_free (c->rec_last);
  for (guint l = 0; l < c->n_lanes; l++)
    {
      if (c->missing != NULL && c->missing[l] != NULL)
        g_array_unref (c->missing[l]);
      if (c->referrals_in != NULL && c->referrals_in[l] != NULL)
        g_array_unref (c->referrals_in[l]);
    }
  g_free (c->missing);
  g_free (c->referrals_in);
  g_clear_pointer (&c->unactioned, g_hash_table_unref);
  g_clear_pointer (&c->spans, g_array_unref);
  g_free (c->span_start);
  g_free (c->custody);
  g_free (c->custody_lane);
  g_free (c->custody_start);
  g_free (c->open_cases);
  g_free (c->oc_start);
  g_free (c->active);
  g_free (c->active_start);
  g_free (c->active_cursor);
  g_free (c->share_cursor);
  g_free (c->meeting_cursor);
  g_free (c->mention_cursor);
  g_free (c->share_start);
  g_free (c->share_idx);
  g_free (c->share_day);
  g_free (c->passed_start);
  g_free (c->passed_idx);
  g_free (c->passed_day);
  g_free (c->share_people);
  g_free (c->passed_people);
  g_free (c->mention_people);
  g_free (c->meeting_people);
  g_free (c->passed_cursor);
  g_free (c->mention_start);
  g_free (c->mention_idx);
  g_free (c->mention_day);
  g_free (c->meeting_start);
  g_free (c->meeting_idx);
  g_free (c->meeting_day);
  g_free (c->marac_start);
  g_free (c->marac_days);
  g_free (c->why);
  g_free (c->principal);
  g_free (c->client);
  g_free (c->people);
}

/* ------------------------------------------------------------------ */
/* Indexes the rules share                                             */

/* CSR indexes over keys of the events the key functions select, in time
 * order: start (n_keys + 1) and event indices; several built in the same
 * two passes over the events. */
typedef guint (*KeysFunc) (Ctx     *c,
                           guint32  i,
                           guint32 *keys);

typedef struct
{
  gsize     n_keys;
  KeysFunc  keys_of;
  guint32 **start;
  guint32 **idx;
  guint32  *fill;
} Csr;

static void
build_csrs (Ctx  *c,
            Csr  *csrs,
            guint n_csrs)
{
  AnData *d = c->d;
  guint32 keys[AN_N_GROUPS + 64];

  for (guint x = 0; x < n_csrs; x++)
    *csrs[x].start = g_new0 (guint32, csrs[x].n_keys + 1);
  for (guint i = 0; i < d->n; i++)
    for (guint x = 0; x < n_csrs; x++)
      {
        guint k = csrs[x].keys_of (c, i, keys);

        for (guint j = 0; j < k; j++)
          (*csrs[x].start)[keys[j] + 1]++;
      }
  for (guint x = 0; x < n_csrs; x++)
    {
      guint32 *start = *csrs[x].start;

      for (gsize k = 0; k < csrs[x].n_keys; k++)
        start[k + 1] += start[k];
      *csrs[x].idx = g_new (guint32, MAX (start[csrs[x].n_keys], 1));
      csrs[x].fill = g_memdup2 (start, sizeof (guint32) * (csrs[x].n_keys + 1));
    }
  for (guint q = 0; q < d->n; q++)
    {
      guint32 i = d->order[q];

      for (guint x = 0; x < n_csrs; x++)
        {
          guint k = csrs[x].keys_of (c, i, keys);

          for (guint j = 0; j < k; j++)
            (*csrs[x].idx)[csrs[x].fill[keys[j]]++] = i;
        }
    }
  for (guint x = 0; x < n_csrs; x++)
    g_free (csrs[x].fill);
}

static guint
mention_keys (Ctx     *c,
              guint32  i,
              guint32 *keys)
{
  guint32 m = c->d->text[i].mentions;
  guint32 base = (guint32) c->d->lane[i] * AN_N_GROUPS;
  guint k = 0;

  for (guint g = 1; m != 0 && g < AN_N_GROUPS; g++)
    if (m & (1u << g))
      keys[k++] = base + g;
  return k;
}

/* Records passing something on: referrals and meetings (share_keys), and
 * any record with a recipient (passed_keys). */
static guint
passed_keys (Ctx     *c,
             guint32  i,
             guint32 *keys)
{
  AnData *d = c->d;

  if (d->shared[i] == 0 || (d->text[i].flags & AN_TEXT_NOT_SHARED))
    return 0;
  keys[0] = d->lane[i];
  return 1;
}

static guint
share_keys (Ctx     *c,
            guint32  i,
            guint32 *keys)
{
  AnData *d = c->d;

  if (d->kind[i] != CHRONO_KIND_REFERRAL && d->kind[i] != CHRONO_KIND_MEETING)
    return 0;
  return passed_keys (c, i, keys);
}

/* Who attended a meeting: its lane and the agencies it was shared with. */
static guint
meeting_keys (Ctx     *c,
              guint32  i,
              guint32 *keys)
{
  AnData *d = c->d;
  guint n, k = 0;
  const guint16 *v;

  if (d->kind[i] != CHRONO_KIND_MEETING)
    return 0;
  keys[k++] = d->lane[i];
  v = an_set (&d->agency_sets, d->shared[i], &n);
  for (guint j = 0; j < n && k < 64; j++)
    if (v[j] < c->n_lanes && v[j] != d->lane[i])
      keys[k++] = v[j];
  return k;
}

static guint64 *
people_of (const guint64 *people,
           const guint32 *idx,
           guint32        n)
{
  guint64 *out = g_new0 (guint64, MAX (n, 1));

  for (guint32 k = 0; people != NULL && k < n; k++)
    out[k] = people[idx[k]];
  return out;
}

static gint32 *
days_of (const AnData  *d,
         const guint32 *idx,
         guint32        n)
{
  gint32 *days = g_new (gint32, MAX (n, 1));

  for (guint32 k = 0; k < n; k++)
    days[k] = d->first[idx[k]];
  return days;
}

/* MARAC heard of the people of an event: its own record (not one saying
 * something was not passed on), or anything shared with it. */
static guint
marac_keys (Ctx     *c,
            guint32  i,
            guint32 *keys)
{
  AnData *d = c->d;
  gint marac = d->group_lane[AN_GROUP_MARAC];
  guint n, k = 0;
  const guint16 *v;

  if (marac < 0)
    return 0;
  if (!((d->lane[i] == (guint) marac && !(d->text[i].flags & AN_TEXT_NOT_SHARED)) ||
        an_set_has (&d->agency_sets, d->shared[i], (guint16) marac)))
    return 0;
  v = an_set (&d->subject_sets, d->subjects[i], &n);
  for (guint j = 0; j < n && k < 64; j++)
    keys[k++] = v[j];
  return k;
}

typedef struct
{
  Span    span;
  guint16 lane;
} LaneSpan;

static int
compare_span_first (const void *a,
                    const void *b)
{
  const Span *x = a, *y = b;

  return x->first < y->first ? -1 : x->first > y->first;
}

static int
compare_lane_spans (gconstpointer a,
                    gconstpointer b)
{
  const LaneSpan *x = a, *y = b;

  if (x->lane != y->lane)
    return x->lane < y->lane ? -1 : 1;
  return x->span.first < y->span.first ? -1 : x->span.first > y->span.first;
}

/* Each person's custody spans sorted by lane and time, overlapping ones of
 * a lane merged: disjoint, for binary searches. */
static void
merge_custody (Ctx *c)
{
  guint32 out = 0;

  for (guint s = 0; s < c->n_subjects; s++)
    {
      guint32 a = c->custody_start[s], b = c->custody_start[s + 1];
      g_autofree LaneSpan *tmp = g_new (LaneSpan, MAX (b - a, 1));
      guint n = 0;

      for (guint32 k = a; k < b; k++)
        tmp[k - a] = (LaneSpan) { c->custody[k], c->custody_lane[k] };
      qsort (tmp, b - a, sizeof (LaneSpan), compare_lane_spans);
      for (guint k = 0; k < b - a; k++)
        {
          if (n > 0 && tmp[n - 1].lane == tmp[k].lane && tmp[k].span.first <= tmp[n - 1].span.last)
            tmp[n - 1].span.last = MAX (tmp[n - 1].span.last, tmp[k].span.last);
          else
            tmp[n++] = tmp[k];
        }
      c->custody_start[s] = out;
      for (guint k = 0; k < n; k++)
        {
          c->custody[out] = tmp[k].span;
          c->custody_lane[out] = tmp[k].lane;
          out++;
        }
    }
  c->custody_start[c->n_subjects] = out;
}

static void
build_indexes (Ctx *c)
{
  AnData *d = c->d;
  guint n = d->n;
  g_autofree guint *freq = g_new0 (guint, MAX (c->n_subjects, 1));
  guint32 *marac_idx = NULL;

  for (guint s = 0; s < c->n_subjects; s++)
    c->perpetrator_known |= role_of (d, s) == AN_ROLE_PERPETRATOR;

  c->many_people = c->n_subjects > 64;
  c->people = g_new0 (guint64, MAX (n, 1));
  for (guint i = 0; i < n && !c->many_people; i++)
    {
      guint k;
      const guint16 *v = an_set (&d->subject_sets, d->subjects[i], &k);

      for (guint j = 0; j < k; j++)
        c->people[i] |= G_GUINT64_CONSTANT (1) << v[j];
    }

  /* Referrals each lane received: another lane's referral naming it, or a
   * referral in its own records that names no recipient. */
  c->referrals_in = g_new0 (GArray *, MAX (c->n_lanes, 1));
  for (guint l = 0; l < c->n_lanes; l++)
    c->referrals_in[l] = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint q = 0; q < n; q++)
    {
      guint32 i = d->order[q];
      guint k;
      const guint16 *v;

      if (d->kind[i] != CHRONO_KIND_REFERRAL)
        continue;
      v = an_set (&d->agency_sets, d->shared[i], &k);
      if (k == 0)
        g_array_append_val (c->referrals_in[d->lane[i]], i);
      for (guint j = 0; j < k; j++)
        if (v[j] < c->n_lanes && v[j] != d->lane[i])
          g_array_append_val (c->referrals_in[v[j]], i);
    }
  c->unactioned = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* Custody spans, per person, sorted: time the person could not be seen
   * by other agencies. */
  c->custody_start = g_new0 (guint32, c->n_subjects + 1);
  for (guint i = 0; i < n; i++)
    if (d->kind[i] == CHRONO_KIND_CUSTODY && (d->eflags[i] & AN_EVENT_SPAN))
      {
        guint k;
        const guint16 *v = an_set (&d->subject_sets, d->subjects[i], &k);

        for (guint j = 0; j < k; j++)
          c->custody_start[v[j] + 1]++;
      }
  for (guint s = 0; s < c->n_subjects; s++)
    c->custody_start[s + 1] += c->custody_start[s];
  c->custody = g_new (Span, MAX (c->custody_start[c->n_subjects], 1));
  c->custody_lane = g_new (guint16, MAX (c->custody_start[c->n_subjects], 1));
  {
    g_autofree guint32 *fill = g_memdup2 (c->custody_start, sizeof (guint32) * (c->n_subjects + 1));

    for (guint q = 0; q < n; q++)
      {
        guint32 i = d->order[q];
        guint k;
        const guint16 *v;

        if (d->kind[i] != CHRONO_KIND_CUSTODY || !(d->eflags[i] & AN_EVENT_SPAN))
          continue;
        v = an_set (&d->subject_sets, d->subjects[i], &k);
        for (guint j = 0; j < k; j++)
          {
            guint32 slot = fill[v[j]]++;

            c->custody[slot] = (Span) { d->first[i], d->end_first[i] };
            c->custody_lane[slot] = d->lane[i];
          }
      }
  }
  merge_custody (c);

  /* Records naming an agency (outside clauses that deny something), per
   * kind of agency; records passing something on, per lane; the days MARAC
   * heard of each person. */
  {
    Csr csrs[] = {
      { (gsize) c->n_lanes * AN_N_GROUPS, mention_keys, &c->mention_start, &c->mention_idx, NULL },
      { c->n_lanes, share_keys, &c->share_start, &c->share_idx, NULL },
      { c->n_lanes, passed_keys, &c->passed_start, &c->passed_idx, NULL },
      { c->n_lanes, meeting_keys, &c->meeting_start, &c->meeting_idx, NULL },
      { c->n_subjects, marac_keys, &c->marac_start, &marac_idx, NULL },
    };

    build_csrs (c, csrs, d->group_lane[AN_GROUP_MARAC] >= 0 ? 5 : 4);
    if (d->group_lane[AN_GROUP_MARAC] < 0)
      {
        c->marac_start = g_new0 (guint32, c->n_subjects + 1);
        marac_idx = g_new (guint32, 1);
      }
  }
  c->mention_day = days_of (d, c->mention_idx, c->mention_start[(gsize) c->n_lanes * AN_N_GROUPS]);
  c->share_day = days_of (d, c->share_idx, c->share_start[c->n_lanes]);
  c->passed_day = days_of (d, c->passed_idx, c->passed_start[c->n_lanes]);
  c->share_people = people_of (c->people, c->share_idx, c->share_start[c->n_lanes]);
  c->passed_people = people_of (c->people, c->passed_idx, c->passed_start[c->n_lanes]);
  c->meeting_people = people_of (c->people, c->meeting_idx, c->meeting_start[c->n_lanes]);
  c->mention_people = people_of (c->people, c->mention_idx,
                                 c->mention_start[(gsize) c->n_lanes * AN_N_GROUPS]);
  c->meeting_day = days_of (d, c->meeting_idx, c->meeting_start[c->n_lanes]);
  c->marac_days = g_new (gint32, MAX (c->marac_start[c->n_subjects], 1));
  for (guint32 k = 0; k < c->marac_start[c->n_subjects]; k++)
    c->marac_days[k] = d->first[marac_idx[k]];
  g_free (marac_idx);

  /* Which lanes can show a receipt at all: those ever told something, at
   * meetings, linked, or naming a kind of agency in their records.  (The
   * receipt scans stop once every such lane has one.) */
  if (c->n_lanes <= 64)
    {
      guint64 any = 0;

      for (guint i = 0; i < n; i++)
        {
          guint k;
          const guint16 *v = an_set (&d->agency_sets, d->shared[i], &k);

          for (guint j = 0; j < k; j++)
            if (v[j] < c->n_lanes)
              any |= G_GUINT64_CONSTANT (1) << v[j];
          if (d->kind[i] == CHRONO_KIND_MEETING || d->link_start[i + 1] > d->link_start[i])
            any |= G_GUINT64_CONSTANT (1) << d->lane[i];
        }
      for (guint g = 0; g < AN_N_GROUPS; g++)
        c->reachable[g] = any;
      for (guint l = 0; l < c->n_lanes; l++)
        for (guint g = 1; g < AN_N_GROUPS; g++)
          {
            gsize slot = (gsize) l * AN_N_GROUPS + g;

            if (c->mention_start[slot + 1] > c->mention_start[slot])
              c->reachable[g] |= G_GUINT64_CONSTANT (1) << l;
          }
    }

  /* The review's principal people: those with a role, or named in at least
   * one event in twenty.  Gaps are looked for only in contact with them. */
  c->principal = g_new0 (guint8, MAX (c->n_subjects, 1));
  for (guint i = 0; i < n; i++)
    {
      guint k;
      const guint16 *v = an_set (&d->subject_sets, d->subjects[i], &k);

      for (guint j = 0; j < k; j++)
        freq[v[j]]++;
    }
  for (guint s = 0; s < c->n_subjects; s++)
    c->principal[s] = role_of (d, s) != AN_ROLE_OTHER || (guint64) freq[s] * 20 >= n;

  /* An agency's clients: people it had a contact with that did not also
   * name the perpetrator.  An offender assessment that names the victim
   * does not make the agency responsible for seeing her. */
  c->client = g_new0 (guint8, MAX (c->n_pairs, 1));
  for (guint i = 0; i < n; i++)
    {
      guint k;
      const guint16 *v;

      if (!is_contactish (d->kind[i]) || names_perpetrator (d, i))
        continue;
      v = an_set (&d->subject_sets, d->subjects[i], &k);
      for (guint j = 0; j < k; j++)
        c->client[(gsize) d->lane[i] * c->n_subjects + v[j]] = 1;
    }
}

/* ------------------------------------------------------------------ */
/* Involvement                                                         */

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->ev != y->ev)
    return x->ev < y->ev ? -1 : 1;
  return 0;
}

/* The items of (lane, person) in order: the lane's own records (already in
 * time order, but a closure counts on the last day it may mean) merged with
 * the referrals it received (in time order too). */
static void
collect_items (Ctx    *c,
               guint   lane,
               guint16 subject,
               GArray *items,
               GArray *scratch)
{
  AnData *d = c->d;
  gsize pair = (gsize) lane * c->n_subjects + subject;
  GArray *refs = c->referrals_in[lane];
  guint32 a = d->pairs.start[pair], b = d->pairs.start[pair + 1];
  gboolean sorted = TRUE;
  Item *own, *out;
  guint n_own = 0, n_out = 0, p = 0;

  g_array_set_size (scratch, b - a);
  own = (Item *) (gpointer) scratch->data;
  for (guint32 k = a; k < b; k++)
    {
      guint32 i = d->pairs.idx[k];
      Item it = { d->first[i], d->first[i], d->start_last[i], (gint32) i, ITEM_OPEN };

      if (is_close (d, i))
        {
          it.type = ITEM_CLOSE;
          it.key = d->start_last[i];
        }
      else if (is_contactish (d->kind[i]))
        it.type = is_counting (d, i) ? ITEM_COUNT : ITEM_CONTACT;
      else if (d->kind[i] == CHRONO_KIND_ALLOCATION || d->kind[i] == CHRONO_KIND_PLAN ||
               d->kind[i] == CHRONO_KIND_CUSTODY ||
               (d->kind[i] == CHRONO_KIND_REFERRAL && d->shared[i] == 0))
        it.type = ITEM_OPEN;
      else
        continue;
      if (n_own > 0 && compare_items (&own[n_own - 1], &it) > 0)
        sorted = FALSE;
      own[n_own++] = it;
    }
  /* Nearly sorted (only closures dated to a month move): insertion sort. */
  if (!sorted)
    for (guint k = 1; k < n_own; k++)
      {
        Item x = own[k];
        guint j = k;

        while (j > 0 && compare_items (&own[j - 1], &x) > 0)
          {
            own[j] = own[j - 1];
            j--;
          }
        own[j] = x;
      }
  g_array_set_size (scratch, n_own);
  own = (Item *) (gpointer) scratch->data;

  /* Merge in the referrals received. */
  g_array_set_size (items, n_own + refs->len);
  out = (Item *) (gpointer) items->data;
  for (guint k = 0; k < refs->len; k++)
    {
      guint32 i = g_array_index (refs, guint32, k);
      Item it = { d->first[i], d->first[i], d->start_last[i], (gint32) i, ITEM_OPEN };

      if (d->lane[i] == lane || !an_set_has (&d->subject_sets, d->subjects[i], subject))
        continue;
      while (p < n_own && compare_items (&own[p], &it) <= 0)
        out[n_out++] = own[p++];
      out[n_out++] = it;
    }
  while (p < n_own)
    out[n_out++] = own[p++];
  g_array_set_size (items, n_out);
}

typedef void (*InvolvementFunc) (Ctx        *c,
                                 const Item *items,
                                 guint       n,
                                 gpointer    user_data);

/* Splits the items into involvements: from an opening item or a counted
 * contact to the next closure, or to the last contact. */
static void
foreach_involvement (Ctx             *c,
                     const Item      *v,
                     guint            n_items,
                     InvolvementFunc  func,
                     gpointer         user_data)
{
  guint start = 0;
  gboolean open = FALSE;

  for (guint k = 0; k < n_items; k++)
    {
      if (v[k].type == ITEM_CLOSE)
        {
          if (open)
            func (c, v + start, k - start + 1, user_data);
          open = FALSE;
          continue;
        }
      /* A phone call or a letter continues an involvement but does not
       * start one: only a referral, an allocation or a counted contact
       * does. */
      if (!open && v[k].type != ITEM_CONTACT)
        {
          start = k;
          open = TRUE;
        }
    }
  if (open)
    {
      guint end = n_items;

      /* Without a closure the involvement ends at the last contact (a span
       * such as a plan with an end date keeps it to the span's end). */
      while (end > start + 1 && v[end - 1].type == ITEM_OPEN &&
             !(c->d->eflags[v[end - 1].ev] & AN_EVENT_SPAN))
        end--;
      func (c, v + start, end - start, user_data);
    }
}

/* ------------------------------------------------------------------ */
/* Spans the gap rules depend on                                       */

static int
compare_span_recs (gconstpointer a,
                   gconstpointer b)
{
  const SpanRec *x = a, *y = b;

  if (x->pair != y->pair)
    return x->pair < y->pair ? -1 : 1;
  if (x->rule != y->rule)
    return x->rule < y->rule ? -1 : 1;
  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  return 0;
}

/* When a span without an end date stops: the first closure by @lane naming
 * one of the event's people, else the end of the lane's records. */
static gint32
open_span_end (Ctx   *c,
               guint  i,
               guint  lane)
{
  AnData *d = c->d;
  guint32 a = d->lane_start[lane], b = d->lane_start[lane + 1];
  guint k = lower_bound (d, d->lane_idx + a, b - a, d->first[i] + 1);

  for (guint32 p = a + k; p < b; p++)
    {
      guint32 j = d->lane_idx[p];

      if (is_close (d, j) && shares_people (c, i, j))
        return d->first[j];
    }
  return c->rec_last[lane];
}

static void
add_span (Ctx    *c,
          guint   lane,
          guint16 subject,
          guint8  rule,
          gint32  first,
          gint32  last)
{
  SpanRec s = { (guint32) (lane * c->n_subjects + subject), rule, first, last };

  if (last >= first)
    g_array_append_val (c->spans, s);
}

static void
build_spans (Ctx *c)
{
  AnData *d = c->d;
  gint probation = d->group_lane[AN_GROUP_PROBATION];
  gsize n_slots = c->n_pairs * N_SPAN_RULES;
  GArray *merged;

  c->spans = g_array_new (FALSE, FALSE, sizeof (SpanRec));
  for (guint i = 0; i < d->n; i++)
    {
      guint k;
      const guint16 *v = an_set (&d->subject_sets, d->subjects[i], &k);
      guint lane = d->lane[i];
      guint32 flags = d->text[i].flags;
      gboolean any_child = FALSE;

      for (guint j = 0; j < k; j++)
        any_child |= role_of (d, v[j]) == AN_ROLE_CHILD;

      /* A child protection plan, by the agency that holds it, for the
       * children it names (or, if none can be told apart, everyone it names
       * but the perpetrator). */
      if (d->kind[i] == CHRONO_KIND_PLAN && c->t_cp[lane] > 0 &&
          (flags & AN_TEXT_CP_PLAN || g_array_index (d->agency_group, guint8, lane) == AN_GROUP_CSC))
        {
          gint32 end = d->eflags[i] & AN_EVENT_SPAN ? d->end_first[i] : open_span_end (c, i, lane);

          for (guint j = 0; j < k; j++)
            if (any_child ? role_of (d, v[j]) == AN_ROLE_CHILD
                          : role_of (d, v[j]) != AN_ROLE_PERPETRATOR)
              add_span (c, lane, v[j], SPAN_CP, d->first[i], end);
        }

      /* Licence or community order: supervised by probation. */
      if ((flags & AN_TEXT_SUPERVISION) && probation >= 0 && c->t_supervision[probation] > 0 &&
          (d->kind[i] == CHRONO_KIND_COURT || d->kind[i] == CHRONO_KIND_ALLOCATION ||
           d->kind[i] == CHRONO_KIND_OTHER || d->kind[i] == CHRONO_KIND_CUSTODY))
        {
          gint32 end = d->eflags[i] & AN_EVENT_SPAN ? d->end_first[i]
                                                     : open_span_end (c, i, probation);
          gboolean any = FALSE;

          for (guint j = 0; j < k; j++)
            if (role_of (d, v[j]) == AN_ROLE_PERPETRATOR)
              {
                add_span (c, probation, v[j], SPAN_SUPERVISION, d->first[i], end);
                any = TRUE;
              }
          if (!any && k > 0)
            add_span (c, probation, v[0], SPAN_SUPERVISION, d->first[i], end);
        }

      /* A high-risk grading asks the agency that made it to keep in touch
       * with the people at risk (a referral passes it on instead); in a
       * record that names a child, the grading is taken to be the child's. */
      if (d->risk[i] == CHRONO_RISK_HIGH && d->kind[i] != CHRONO_KIND_REFERRAL &&
          d->kind[i] != CHRONO_KIND_CLOSURE && c->t_high_risk[lane] > 0)
        {
          for (guint j = 0; j < k; j++)
            if ((any_child ? role_of (d, v[j]) == AN_ROLE_CHILD
                           : role_of (d, v[j]) != AN_ROLE_PERPETRATOR) && c->principal[v[j]])
              add_span (c, lane, v[j], SPAN_HIGH_RISK, d->first[i],
                        d->start_last[i] + c->t_high_risk_for[lane]);
        }
    }

  /* Merge overlapping spans of one rule: "while a plan is active". */
  g_array_sort (c->spans, compare_span_recs);
  merged = g_array_new (FALSE, FALSE, sizeof (SpanRec));
  for (guint k = 0; k < c->spans->len; k++)
    {
      SpanRec *s = &g_array_index (c->spans, SpanRec, k);
      SpanRec *last = merged->len > 0 ? &g_array_index (merged, SpanRec, merged->len - 1) : NULL;

      if (last != NULL && last->pair == s->pair && last->rule == s->rule && s->first <= last->last)
        last->last = MAX (last->last, s->last);
      else
        g_array_append_val (merged, *s);
    }
  g_array_unref (c->spans);
  c->spans = merged;

  c->span_start = g_new0 (guint32, n_slots + 1);
  for (guint k = 0; k < c->spans->len; k++)
    {
      SpanRec *s = &g_array_index (c->spans, SpanRec, k);
      c->span_start[(gsize) s->pair * N_SPAN_RULES + s->rule + 1]++;
    }
  for (gsize p = 0; p < n_slots; p++)
    c->span_start[p + 1] += c->span_start[p];
}

/* Days of [first, last] inside the spans of @rule for @pair. */
static gint32
span_overlap (Ctx    *c,
              gsize   pair,
              guint8  rule,
              gint32  first,
              gint32  last)
{
  gsize slot = pair * N_SPAN_RULES + rule;
  guint32 a = c->span_start[slot], b = c->span_start[slot + 1];
  gint32 total = 0;
  guint lo = a, hi = b;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (c->spans, SpanRec, mid).last < first)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint k = lo; k < b; k++)
    {
      const SpanRec *s = &g_array_index (c->spans, SpanRec, k);

      if (s->first > last)
        break;
      total += MIN (s->last, last) - MAX (s->first, first);
    }
  return total;
}

static gboolean
has_spans (Ctx   *c,
           gsize  pair)
{
  return c->span_start[(pair + 1) * N_SPAN_RULES] > c->span_start[pair * N_SPAN_RULES];
}

/* ------------------------------------------------------------------ */
/* Unallocated periods and unactioned referrals                         */

static gboolean
cp_active_for (Ctx    *c,
               guint   lane,
               guint32 event,
               gint32  first,
               gint32  last)
{
  guint k;
  const guint16 *v = an_set (&c->d->subject_sets, c->d->subjects[event], &k);

  for (guint j = 0; j < k; j++)
    if (span_overlap (c, (gsize) lane * c->n_subjects + v[j], SPAN_CP, first, last) > 0)
      return TRUE;
  return FALSE;
}

static void
record_unallocated (Ctx    *c,
                    guint   lane,
                    guint32 start,
                    gint32  end_event)
{
  AnData *d = c->d;
  gint32 first = d->first[start];
  gint32 last = end_event >= 0 ? d->first[end_event] : c->rec_last[lane];
  AnFinding *f;

  if (last < c->scope_first || first > c->scope_last)
    return;
  f = new_finding (c, CHRONO_FINDING_UNALLOCATED, CHRONO_FINDING_BASIS_NONE, AN_RULE_UNALLOCATED,
                   lane);
  f->ev_a = (gint32) start;
  f->ev_b = end_event;
  f->flags = end_event >= 0 ? 0 : AN_FINDING_TO_OPEN;
  f->first = first;
  f->last = MAX (first, last);
  f->days = MAX (0, last - first);
  f->severity = cp_active_for (c, lane, start, first, last) ? CHRONO_SEVERITY_HIGH
                                                              : CHRONO_SEVERITY_MEDIUM;
}

/* Allocation records, in order: "unallocated" (worker left, awaiting
 * allocation) opens a period that the next "allocated" or "closed" record
 * for the same people ends. */
static void
find_unallocated (Ctx  *c,
                  guint lane)
{
  AnData *d = c->d;
  gint32 since = -1;

  if (!c->unallocated_on[lane])
    return;
  for (guint32 p = d->lane_start[lane]; p < d->lane_start[lane + 1]; p++)
    {
      guint32 i = d->lane_idx[p];

      if (d->kind[i] != CHRONO_KIND_ALLOCATION || d->alloc[i] == CHRONO_ALLOCATION_NONE)
        continue;
      if (d->alloc[i] == CHRONO_ALLOCATION_UNALLOCATED)
        {
          if (since < 0)
            since = (gint32) i;
          continue;
        }
      if (since >= 0 && shares_people (c, since, i))
        {
          record_unallocated (c, lane, since, (gint32) i);
          since = -1;
        }
    }
  if (since >= 0)
    record_unallocated (c, lane, since, -1);
}

static gboolean
is_action (const AnData *d,
           guint         i)
{
  return d->kind[i] == CHRONO_KIND_CONTACT || d->kind[i] == CHRONO_KIND_MEETING ||
         d->kind[i] == CHRONO_KIND_ASSESSMENT || d->kind[i] == CHRONO_KIND_PLAN ||
         (d->kind[i] == CHRONO_KIND_ALLOCATION && d->alloc[i] == CHRONO_ALLOCATION_ALLOCATED);
}

/* A referral received: the first allocation, assessment or contact by the
 * receiving agency with the people it names, or its closure.  An action
 * dated only to a month counts as in time if it may have been. */
static void
find_unactioned (Ctx  *c,
                 guint lane)
{
  AnData *d = c->d;
  GArray *refs = c->referrals_in[lane];
  int limit = c->t_referral[lane];

  if (limit <= 0)
    return;
  for (guint r = 0; r < refs->len; r++)
    {
      guint32 ref = g_array_index (refs, guint32, r);
      gint32 next = -1;
      guint k;
      const guint16 *v;
      AnFinding *f;

      if (d->lane[ref] == lane || d->first[ref] > c->scope_last || d->first[ref] < c->scope_first)
        continue;
      v = an_set (&d->subject_sets, d->subjects[ref], &k);
      for (guint j = 0; j < k; j++)
        {
          gsize pair = (gsize) lane * c->n_subjects + v[j];
          const guint32 *idx = d->pairs.idx + d->pairs.start[pair];
          guint n = d->pairs.start[pair + 1] - d->pairs.start[pair];

          for (guint q = lower_bound (d, idx, n, d->first[ref] - 31); q < n; q++)
            {
              guint32 e = idx[q];

              if (next >= 0 && d->first[e] > d->first[next])
                break;
              if (d->last[e] < d->first[ref] || (!is_action (d, e) && !is_close (d, e)))
                continue;
              if (next < 0 || d->first[e] < d->first[next])
                next = (gint32) e;
              break;
            }
        }
      if (next >= 0 && is_action (d, next) && d->first[next] <= d->start_last[ref] + limit)
        continue;

      {
        gint64 *mark = g_new (gint64, 1);

        *mark = (gint64) ref * c->n_lanes + lane;
        g_hash_table_add (c->unactioned, mark);
      }
      f = new_finding (c, CHRONO_FINDING_UNACTIONED_REFERRAL, CHRONO_FINDING_BASIS_NONE,
                       AN_RULE_REFERRAL, lane);
      f->ev_a = (gint32) ref;
      f->ev_b = next;
      f->flags = next >= 0 ? 0 : AN_FINDING_TO_OPEN;
      f->first = d->first[ref];
      f->last = MAX (next >= 0 ? d->first[next] : c->rec_last[lane], d->first[ref]);
      f->days = f->last - f->first;
      f->severity = d->risk[ref] == CHRONO_RISK_HIGH ? CHRONO_SEVERITY_HIGH : CHRONO_SEVERITY_MEDIUM;
    }
}

/* ------------------------------------------------------------------ */
/* Gaps in contact                                                     */

typedef struct
{
  guint    lane;
  guint16  subject;
  gint     unit;        /* G_MININT: span rules; else the general rule's track */
  GArray  *bounds;      /* Item scratch */
  GArray  *found;       /* Span: what the span rules found, in time order */
  int      shortest;    /* no rule of the job finds a window this short */
} GapJob;

static AnRule
span_rule (guint8 rule)
{
  switch (rule)
    {
    case SPAN_CP:          return AN_RULE_GAP_CP;
    case SPAN_SUPERVISION: return AN_RULE_GAP_SUPERVISION;
    case SPAN_HIGH_RISK:   return AN_RULE_GAP_HIGH_RISK;
    default:               return AN_RULE_GAP_GENERAL;
    }
}

/* Drops a contact dated only to a month (or year) next to a more precise
 * boundary that falls inside that month: it cannot be placed on either side
 * of it, so it closes no gap there. */
static void
prune_imprecise (GArray *bounds)
{
  Item *v = (Item *) (gpointer) bounds->data;
  guint out = 0;

  for (guint k = 0; k < bounds->len; k++)
    {
      Item x = v[k];
      gboolean keep = TRUE;

      while (out > 0)
        {
          Item *top = &v[out - 1];

          if (top->l - top->f > x.l - x.f && x.f >= top->f && x.l <= top->l)
            out--;
          else
            break;
        }
      if (out > 0)
        {
          Item *top = &v[out - 1];

          if (x.l - x.f > top->l - top->f && top->f >= x.f && top->l <= x.l)
            keep = FALSE;
        }
      if (keep)
        v[out++] = x;
    }
  g_array_set_size (bounds, out);
}

static inline int
compare_mid (const Item *x,
             const Item *y)
{
  gint64 mx = (gint64) x->f + x->l, my = (gint64) y->f + y->l;

  if (mx != my)
    return mx < my ? -1 : 1;
  if (x->ev != y->ev)
    return x->ev < y->ev ? -1 : 1;
  return 0;
}

/* Bounds come nearly sorted (by start day): insertion sort by the middle
 * of their period. */
static void
sort_by_mid (GArray *bounds)
{
  Item *v = (Item *) (gpointer) bounds->data;

  for (guint k = 1; k < bounds->len; k++)
    {
      Item x = v[k];
      guint j = k;

      while (j > 0 && compare_mid (&v[j - 1], &x) > 0)
        {
          v[j] = v[j - 1];
          j--;
        }
      v[j] = x;
    }
}

/* Calls @func for each custody span of @subject in another lane than
 * @lane that overlaps [first, last]; stops when it returns TRUE. */
typedef gboolean (*CustodyFunc) (const Span *span,
                                 gpointer    user_data);

static gboolean
foreach_custody (Ctx         *c,
                 guint16      subject,
                 guint        lane,
                 gint32       first,
                 gint32       last,
                 CustodyFunc  func,
                 gpointer     user_data)
{
  guint32 k = c->custody_start[subject], end = c->custody_start[subject + 1];

  while (k < end)
    {
      guint16 l = c->custody_lane[k];
      guint32 seg_end = k;

      while (seg_end < end && c->custody_lane[seg_end] == l)
        seg_end++;
      if (l != lane)
        {
          guint32 q = k + span_bound (c->custody + k, seg_end - k, first);

          for (; q < seg_end && c->custody[q].first <= last; q++)
            if (func (&c->custody[q], user_data))
              return TRUE;
        }
      k = seg_end;
    }
  return FALSE;
}

static gboolean
covers_cb (const Span *span,
           gpointer    user_data)
{
  const Span *window = user_data;

  return span->first <= window->first && window->last <= span->last;
}

static gboolean
inside_custody (Ctx     *c,
                guint16  subject,
                guint    lane,
                gint32   first,
                gint32   last)
{
  Span window = { first, last };

  return foreach_custody (c, subject, lane, first, last, covers_cb, &window);
}

typedef struct
{
  GArray *bounds;
  gint32  first, last;
} BoundsData;

static gboolean
add_bounds_cb (const Span *s,
               gpointer    user_data)
{
  BoundsData *b = user_data;

  if (s->first >= b->first && s->first <= b->last)
    {
      Item it = { s->first, s->first, s->first, -1, ITEM_BOUND };
      g_array_append_val (b->bounds, it);
    }
  if (s->last >= b->first && s->last <= b->last)
    {
      Item it = { s->last, s->last, s->last, -1, ITEM_BOUND };
      g_array_append_val (b->bounds, it);
    }
  return FALSE;
}

static void
record_gap (Ctx        *c,
            GapJob     *job,
            const Item *a,
            const Item *z,
            gint32      first,
            gint32      last,
            AnRule      rule,
            int         threshold)
{
  AnFinding *f = new_finding (c, CHRONO_FINDING_GAP, CHRONO_FINDING_BASIS_NONE, rule, job->lane);
  gint32 days = last - first;

  f->unit = job->unit >= 0 ? job->unit : -1;
  f->subject = job->subject;
  f->ev_a = a->ev;
  f->ev_b = z->ev;
  f->first = first;
  f->last = last;
  f->days = days;
  if (a->ev < 0 || a->l != first)
    f->flags |= AN_FINDING_FROM_DAY;
  if (z->ev < 0 || z->f != last)
    f->flags |= AN_FINDING_TO_DAY;
  if ((a->ev >= 0 && a->l != first) || (z->ev >= 0 && z->f != last))
    f->flags |= AN_FINDING_CLIPPED;
  if (rule == AN_RULE_GAP_CP || rule == AN_RULE_GAP_DISCHARGE)
    f->severity = CHRONO_SEVERITY_HIGH;
  else if (rule == AN_RULE_GAP_GENERAL)
    f->severity = days >= 3 * threshold ? CHRONO_SEVERITY_MEDIUM : CHRONO_SEVERITY_LOW;
  else
    f->severity = days >= 3 * threshold ? CHRONO_SEVERITY_HIGH : CHRONO_SEVERITY_MEDIUM;
}

static gboolean
covered (GArray *found,
         gint32  first,
         gint32  last)
{
  const Span *v = (const Span *) (gpointer) found->data;
  guint k = span_bound (v, found->len, last);

  /* The span-rule gaps are in time order and do not overlap. */
  if (k < found->len && v[k].first <= first && last <= v[k].last)
    return TRUE;
  return k > 0 && v[k - 1].first <= first && last <= v[k - 1].last;
}

/* One window with no counted contact, clipped to the review's scope and the
 * agency's records (declared missing periods split it). */
static void
check_window (Ctx        *c,
              GapJob     *job,
              const Item *a,
              const Item *z)
{
  AnData *d = c->d;
  gsize pair = (gsize) job->lane * c->n_subjects + job->subject;
  GArray *missing = c->missing[job->lane];
  gint32 pieces[16][2];
  guint n_pieces = 0;
  gint32 first = a->l, last = z->f;

  if (a->ev >= 0 && a->type == ITEM_OPEN && d->kind[a->ev] == CHRONO_KIND_REFERRAL &&
      g_hash_table_size (c->unactioned) > 0)
    {
      gint64 mark = (gint64) a->ev * c->n_lanes + job->lane;

      /* Already reported as an unactioned referral. */
      if (g_hash_table_contains (c->unactioned, &mark))
        return;
    }
  first = MAX (first, MAX (c->scope_first, c->rec_first[job->lane]));
  last = MIN (last, MIN (c->scope_last, c->rec_last[job->lane]));
  if (last - first <= job->shortest)
    return;
  if (inside_custody (c, job->subject, job->lane, first, last))
    return;

  pieces[n_pieces][0] = first;
  pieces[n_pieces][1] = last;
  n_pieces++;
  for (guint m = 0; m + 1 < missing->len; m += 2)
    {
      gint32 mf = g_array_index (missing, gint32, m), ml = g_array_index (missing, gint32, m + 1);

      for (guint p = 0; p < n_pieces; p++)
        {
          if (ml < pieces[p][0] || mf > pieces[p][1])
            continue;
          if (mf > pieces[p][0] && ml < pieces[p][1] && n_pieces < G_N_ELEMENTS (pieces))
            {
              pieces[n_pieces][0] = ml + 1;
              pieces[n_pieces][1] = pieces[p][1];
              n_pieces++;
              pieces[p][1] = mf - 1;
            }
          else if (mf <= pieces[p][0])
            pieces[p][0] = ml + 1;
          else
            pieces[p][1] = mf - 1;
        }
    }

  for (guint p = 0; p < n_pieces; p++)
    {
      gint32 pf = pieces[p][0], pl = pieces[p][1];
      AnRule rule = AN_N_RULES;
      int threshold = G_MAXINT;

      if (pl <= pf)
        continue;
      if (job->unit == G_MININT)
        {
          for (guint8 r = SPAN_CP; r < N_SPAN_RULES; r++)
            {
              int t = r == SPAN_CP ? c->t_cp[job->lane]
                    : r == SPAN_SUPERVISION ? c->t_supervision[job->lane]
                    : c->t_high_risk[job->lane];

              if (t > 0 && t < threshold && pl - pf > t && span_overlap (c, pair, r, pf, pl) > t)
                {
                  threshold = t;
                  rule = span_rule (r);
                }
            }
          if (rule != AN_N_RULES)
            {
              Span g = { pf, pl };
              g_array_append_val (job->found, g);
            }
        }
      else
        {
          threshold = c->t_general[job->lane];
          if (threshold <= 0 || pl - pf <= threshold || covered (job->found, pf, pl))
            continue;
          rule = AN_RULE_GAP_GENERAL;
        }
      if (rule != AN_N_RULES)
        record_gap (c, job, a, z, pf, pl, rule, threshold);
    }
}

static void
gap_involvement_cb (Ctx        *c,
                    const Item *items,
                    guint       n,
                    gpointer    user_data)
{
  GapJob *job = user_data;
  GArray *b = job->bounds;
  gint32 f0 = items[0].f, l0 = items[n - 1].l;

  {
    Item *out;
    guint m = 0;

    g_array_set_size (b, n);
    out = (Item *) (gpointer) b->data;
    for (guint k = 0; k < n; k++)
      if (k == 0 || k == n - 1 || items[k].type == ITEM_COUNT)
        out[m++] = items[k];
    g_array_set_size (b, m);
  }

  /* Custody elsewhere splits the involvement: the person could not be seen. */
  {
    BoundsData data = { b, f0, l0 };
    foreach_custody (c, job->subject, job->lane, f0, l0, add_bounds_cb, &data);
  }
  sort_by_mid (b);
  prune_imprecise (b);

  for (guint k = 0; k + 1 < b->len; k++)
    {
      const Item *a = &g_array_index (b, Item, k);
      const Item *z = &g_array_index (b, Item, k + 1);

      if (z->f - a->l > job->shortest)
        check_window (c, job, a, z);
    }
}

/* After a discharge, the first counted contact by the same agency. */
static void
find_discharge_gaps (Ctx *c)
{
  AnData *d = c->d;

  for (guint i = 0; i < d->n; i++)
    {
      guint k;
      const guint16 *v;
      guint lane = d->lane[i];
      int limit = c->t_discharge[lane];

      if (d->kind[i] != CHRONO_KIND_ADMISSION || !(d->eflags[i] & AN_EVENT_SPAN) || limit <= 0 ||
          d->last[i] < c->scope_first || d->last[i] > c->scope_last)
        continue;
      v = an_set (&d->subject_sets, d->subjects[i], &k);
      for (guint j = 0; j < k; j++)
        {
          gsize pair = (gsize) lane * c->n_subjects + v[j];
          const guint32 *idx = d->pairs.idx + d->pairs.start[pair];
          guint n = d->pairs.start[pair + 1] - d->pairs.start[pair];
          Item a = { d->last[i], d->last[i], d->last[i], -1, ITEM_BOUND };
          Item z;
          GapJob job = { lane, v[j], G_MININT, NULL, NULL, 0 };
          gint32 next = -1;

          for (guint q = lower_bound (d, idx, n, d->end_first[i]); q < n; q++)
            if (idx[q] != i && is_counting (d, idx[q]))
              {
                next = (gint32) idx[q];
                break;
              }
          if (next >= 0 && d->first[next] - d->last[i] <= limit)
            continue;
          if (next >= 0)
            z = (Item) { d->first[next], d->first[next], d->start_last[next], next, ITEM_COUNT };
          else if (c->rec_last[lane] - d->last[i] > limit)
            z = (Item) { c->rec_last[lane], c->rec_last[lane], c->rec_last[lane], -1, ITEM_BOUND };
          else
            continue;
          record_gap (c, &job, &a, &z, d->last[i], z.f, AN_RULE_GAP_DISCHARGE, limit);
          /* The admission is the finding's first event. */
          g_array_index (c->out, AnFinding, c->out->len - 1).ev_a = (gint32) i;
        }
    }
}

/* Per (lane, person): the span rules on the agency's records, and the
 * general rule per unit. */
static void
find_gaps (Ctx *c)
{
  AnData *d = c->d;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint));
  g_autofree gint *unit_local = g_new (gint, MAX (d->units->len, 1));

  for (guint lane = 0; lane < c->n_lanes; lane++)
    {
      g_array_set_size (units, 0);
      for (guint u = 0; u < d->units->len; u++)
        {
          unit_local[u] = -1;
          if (g_array_index (d->unit_lane, guint16, u) == lane)
            {
              gint uu = (gint) u;

              unit_local[u] = (gint) units->len;
              g_array_append_val (units, uu);
            }
        }

      for (guint16 s = 0; s < c->n_subjects; s++)
        {
          gsize pair = (gsize) lane * c->n_subjects + s;
          GapJob job = { lane, s, G_MININT, bounds, found, 0 };
          gboolean general;

          if (d->pairs.start[pair + 1] == d->pairs.start[pair])
            continue;
          if (g_cancellable_is_cancelled (c->cancellable))
            break;
          g_array_set_size (found, 0);
          collect_items (c, lane, s, all, items);

          /* Rules tied to spans: the agency as a whole. */
          if (has_spans (c, pair))
            {
              job.shortest = G_MAXINT;
              if (c->t_cp[lane] > 0)
                job.shortest = MIN (job.shortest, c->t_cp[lane]);
              if (c->t_supervision[lane] > 0)
                job.shortest = MIN (job.shortest, c->t_supervision[lane]);
              if (c->t_high_risk[lane] > 0)
                job.shortest = MIN (job.shortest, c->t_high_risk[lane]);
              foreach_involvement (c, (const Item *) (gpointer) all->data, all->len, gap_involvement_cb, &job);
            }
          job.shortest = c->t_general[lane];

          /* The general rule: per unit (a health visitor and an emergency
           * department are different services), for the people at risk who
           * are the agency's clients. */
          general = c->t_general[lane] > 0 && c->principal[s] && c->client[pair] &&
                    (!c->perpetrator_known || role_of (d, s) != AN_ROLE_PERPETRATOR);
          if (!general)
            continue;
          if (units->len == 0)
            {
              job.unit = -1;
              foreach_involvement (c, (const Item *) (gpointer) all->data, all->len, gap_involvement_cb, &job);
              continue;
            }
          /* Bucket the items by unit once (each bucket stays in order);
           * referrals received go with the records without a unit. */
          {
            guint n_units = units->len;
            const Item *v = (const Item *) (gpointer) all->data;
            g_autofree guint *count = g_new0 (guint, n_units + 2);
            g_autofree guint *bucket = g_new (guint, MAX (all->len, 1));
            Item *out;

            for (guint k = 0; k < all->len; k++)
              {
                gint32 e = v[k].ev;
                gint u = d->lane[e] == lane ? d->unit[e] : -1;

                bucket[k] = u >= 0 && unit_local[u] >= 0 ? (guint) unit_local[u] : n_units;
                count[bucket[k] + 1]++;
              }
            for (guint u = 0; u <= n_units; u++)
              count[u + 1] += count[u];
            g_array_set_size (items, all->len);
            out = (Item *) (gpointer) items->data;
            {
              g_autofree guint *fill = g_memdup2 (count, sizeof (guint) * (n_units + 2));

              for (guint k = 0; k < all->len; k++)
                out[fill[bucket[k]]++] = v[k];
            }
            for (guint u = 0; u <= n_units; u++)
              {
                job.unit = u < n_units ? g_array_index (units, gint, u) : -1;
                if (count[u + 1] > count[u])
                  foreach_involvement (c, out + count[u], count[u + 1] - count[u],
                                       gap_involvement_cb, &job);
              }
          }
        }
    }
  find_discharge_gaps (c);
}

/* The open cases of every (lane, person) pair, for the unshared rules: from
 * an allocation, a plan or a custody span to the closure that ends the
 * involvement, or to its last contact.  One pass over the pair's records
 * (in time order) with the involvement rules of foreach_involvement(). */
static void
build_open_cases (Ctx *c)
{
  AnData *d = c->d;
  g_autoptr(GArray) open_cases = g_array_new (FALSE, FALSE, sizeof (Span));

  c->oc_start = g_new0 (guint32, c->n_pairs + 1);
  for (gsize pair = 0; pair < c->n_pairs; pair++)
    {
      gboolean involved_now = FALSE;
      gint32 open_first = 0, open_last = 0;
      gboolean open = FALSE;

      c->oc_start[pair] = open_cases->len;
      for (guint32 k = d->pairs.start[pair]; k < d->pairs.start[pair + 1]; k++)
        {
          guint32 e = d->pairs.idx[k];
          guint8 kind = d->kind[e];

          if (is_close (d, e))
            {
              if (open)
                {
                  Span span = { open_first, MAX (open_last, d->start_last[e]) };
                  g_array_append_val (open_cases, span);
                }
              open = involved_now = FALSE;
              continue;
            }
          if (is_contactish (kind))
            {
              if (!involved_now && is_counting (d, e))
                involved_now = TRUE;
              if (open)
                open_last = MAX (open_last, d->last[e]);
              continue;
            }
          if (kind == CHRONO_KIND_ALLOCATION || kind == CHRONO_KIND_PLAN || kind == CHRONO_KIND_CUSTODY ||
              (kind == CHRONO_KIND_REFERRAL && d->shared[e] == 0))
            {
              gboolean opens_case = kind == CHRONO_KIND_PLAN || kind == CHRONO_KIND_CUSTODY ||
                                    d->alloc[e] == CHRONO_ALLOCATION_ALLOCATED;

              involved_now = TRUE;
              if (opens_case && !open)
                {
                  open = TRUE;
                  open_first = d->first[e];
                  open_last = d->start_last[e];
                }
              if (open && (d->eflags[e] & AN_EVENT_SPAN))
                open_last = MAX (open_last, d->last[e]);
            }
        }
      if (open)
        {
          Span span = { open_first, open_last };
          g_array_append_val (open_cases, span);
        }
    }
  c->oc_start[c->n_pairs] = open_cases->len;
  c->open_cases = (Span *) (gpointer) g_array_free (g_steal_pointer (&open_cases), FALSE);
}

/* ------------------------------------------------------------------ */
/* Who was involved: open cases                                        */

/* The periods each agency was actively involved with each person: its
 * open cases, and t_involved days either side of each contact, merged. */
static void
build_active (Ctx *c)
{
  AnData *d = c->d;
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) tmp = g_array_new (FALSE, FALSE, sizeof (Span));

  c->active_start = g_new0 (guint32, c->n_pairs + 1);
  for (gsize pair = 0; pair < c->n_pairs; pair++)
    {
      guint32 o = c->oc_start[pair], oe = c->oc_start[pair + 1];

      c->active_start[pair] = out->len;
      g_array_set_size (tmp, 0);
      /* Both runs are in time order: merge them as they come. */
      for (guint32 k = d->pairs.start[pair]; k < d->pairs.start[pair + 1] || o < oe;)
        {
          Span next;

          if (k < d->pairs.start[pair + 1] &&
              (o >= oe || d->first[d->pairs.idx[k]] - c->t_involved < c->open_cases[o].first))
            {
              guint32 e = d->pairs.idx[k++];

              if (!is_contactish (d->kind[e]))
                continue;
              next = (Span) { d->first[e] - c->t_involved, d->last[e] + c->t_involved };
            }
          else
            next = c->open_cases[o++];
          if (tmp->len > 0 && next.first <= g_array_index (tmp, Span, tmp->len - 1).last + 1)
            {
              Span *last = &g_array_index (tmp, Span, tmp->len - 1);
              last->last = MAX (last->last, next.last);
            }
          else
            g_array_append_val (tmp, next);
        }
      g_array_append_vals (out, tmp->data, tmp->len);
    }
  c->active_start[c->n_pairs] = out->len;
  c->active = (Span *) (gpointer) g_array_free (g_steal_pointer (&out), FALSE);
}

/* Was @lane actively involved with the people of event @i: an open case
 * then, or a contact within t_involved days? */
static gboolean
involved (Ctx    *c,
          guint   lane,
          guint32 i)
{
  AnData *d = c->d;
  guint k;
  const guint16 *v = an_set (&d->subject_sets, d->subjects[i], &k);

  for (guint j = 0; j < k; j++)
    {
      gsize pair = (gsize) lane * c->n_subjects + v[j];
      guint32 end = c->active_start[pair + 1];
      guint32 q = MAX (c->active_cursor[pair], c->active_start[pair]);

      /* Events come in time order: spans ended before this one never
       * matter again. */
      while (q < end && c->active[q].last < d->first[i])
        q++;
      c->active_cursor[pair] = q;
      if (q < end && c->active[q].first <= d->last[i])
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Unshared information                                                */

/* Restraining and non-molestation orders: from the day after the order to
 * its end (if it has one), a record of the perpetrator and a person the
 * order names being in touch is a possible breach. */
static void
mark_possible_breaches (Ctx *c)
{
  AnData *d = c->d;
  g_autofree guint32 *start = g_new0 (guint32, c->n_subjects + 2);
  g_autofree Span *spans = NULL;
  g_autofree guint32 *fill = NULL;
  guint32 total = 0;

  /* Per person: the periods an order protected them, merged. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < d->n; i++)
        {
          guint k;
          const guint16 *v;

          if (!(d->text[i].flags & AN_TEXT_ORDER) || !names_perpetrator (d, i) ||
              !(d->kind[i] == CHRONO_KIND_COURT || d->kind[i] == CHRONO_KIND_OTHER ||
                d->kind[i] == CHRONO_KIND_PLAN))
            continue;
          v = an_set (&d->subject_sets, d->subjects[i], &k);
          for (guint j = 0; j < k; j++)
            {
              if (role_of (d, v[j]) == AN_ROLE_PERPETRATOR)
                continue;
              if (pass == 0)
                start[v[j] + 1]++;
              else
                spans[fill[v[j]]++] = (Span) { d->start_last[i] + 1,
                                               d->eflags[i] & AN_EVENT_SPAN ? d->last[i] : OPEN_END };
            }
        }
      if (pass == 0)
        {
          for (guint s = 0; s < c->n_subjects; s++)
            start[s + 1] += start[s];
          total = start[c->n_subjects];
          if (total == 0)
            return;
          spans = g_new (Span, total);
          fill = g_memdup2 (start, sizeof (guint32) * (c->n_subjects + 1));
        }
    }
  for (guint s = 0; s < c->n_subjects; s++)
    {
      guint32 a = start[s], b = start[s + 1], out = a;

      qsort (spans + a, b - a, sizeof (Span), compare_span_first);
      for (guint32 k = a; k < b; k++)
        {
          if (out > a && spans[k].first <= spans[out - 1].last)
            spans[out - 1].last = MAX (spans[out - 1].last, spans[k].last);
          else
            spans[out++] = spans[k];
        }
      fill[s] = out;   /* end of the merged spans */
    }

  for (guint i = 0; i < d->n; i++)
    {
      guint k;
      const guint16 *v;

      if (!(d->text[i].flags & AN_TEXT_CONTACT) || c->why[i] != WHY_NONE || !names_perpetrator (d, i))
        continue;
      v = an_set (&d->subject_sets, d->subjects[i], &k);
      for (guint j = 0; j < k && c->why[i] == WHY_NONE; j++)
        {
          guint32 a = start[v[j]], n = fill[v[j]] - a;
          guint q;

          if (role_of (d, v[j]) == AN_ROLE_PERPETRATOR || n == 0)
            continue;
          q = span_bound (spans + a, n, d->first[i]);
          if (q < n && spans[a + q].first <= d->first[i])
            c->why[i] = WHY_BREACH;
        }
    }
}

static void
classify_risk (Ctx *c)
{
  AnData *d = c->d;

  c->why = g_new0 (guint8, MAX (d->n, 1));
  for (guint i = 0; i < d->n; i++)
    {
      guint32 f = d->text[i].flags;

      if (d->kind[i] == CHRONO_KIND_INCIDENT)
        c->why[i] = WHY_INCIDENT;
      else if (d->kind[i] == CHRONO_KIND_INTELLIGENCE)
        c->why[i] = WHY_INTELLIGENCE;
      else if (d->kind[i] == CHRONO_KIND_ASSESSMENT && d->risk[i] == CHRONO_RISK_HIGH)
        c->why[i] = WHY_HIGH_RISK;
      else if (f & AN_TEXT_BREACH)
        c->why[i] = WHY_BREACH;
      else if ((f & AN_TEXT_SIGHTING) && names_perpetrator (d, i))
        c->why[i] = WHY_SIGHTING;
      else if (f & AN_TEXT_ADDRESS)
        c->why[i] = WHY_ADDRESS;
    }
  mark_possible_breaches (c);
}

/* A day each lane may have known of event @i by (OPEN_END: no record of
 * it; the scans stop once every lane in @wanted has one): it was told
 * (shared_with), the holder passed something on about
 * the same people soon after (a referral, a meeting, or a record of the
 * same day naming it), its own records link to the event or name the
 * holder within t_received days, or both attended a meeting about the same
 * people in that time. */
static void
receipt_days (Ctx     *c,
              guint32  i,
              guint64  wanted,
              gint32  *day)
{
  AnData *d = c->d;
  guint a = d->lane[i];
  guint8 g = g_array_index (d->agency_group, guint8, a);
  gint32 until = d->last[i] + c->t_received;
  gboolean masks = c->n_lanes <= 64;
  guint64 open_mask = masks ? c->reachable[g] & wanted & ~(G_GUINT64_CONSTANT (1) << a) : 0;
  guint pending = masks ? (guint) __builtin_popcountll (open_mask) : c->n_lanes - 1;
  guint k;
  const guint16 *v;

  for (guint l = 0; l < c->n_lanes; l++)
    day[l] = OPEN_END;

#define KNOWN(lane, when)                                                  \
  G_STMT_START {                                                           \
    guint l_ = (lane);                                                     \
    if (day[l_] == OPEN_END && pending > 0 &&                              \
        (masks ? (open_mask & (G_GUINT64_CONSTANT (1) << l_)) != 0 : l_ != a)) \
      pending--;                                                           \
    day[l_] = MIN (day[l_], (when));                                       \
  } G_STMT_END

  v = an_set (&d->agency_sets, d->shared[i], &k);
  for (guint j = 0; j < k; j++)
    if (v[j] < c->n_lanes)
      KNOWN (v[j], d->first[i]);

  /* Linked records (the same fact in another agency's chronology). */
  for (guint32 q = d->link_start[i]; q < d->link_start[i + 1]; q++)
    {
      guint32 e = d->link_idx[q];
      KNOWN (d->lane[e], d->first[e]);
    }

  /* The holder passed something on about the same people: the same day
   * (any record naming a recipient), or soon after (a referral or a
   * meeting). */
  {
    guint32 end = c->passed_start[a + 1];

    for (guint32 q = advance (c->passed_day, &c->passed_cursor[a], c->passed_start[a], end,
                              d->first[i]);
         q < end && c->passed_day[q] <= d->last[i] && pending > 0; q++)
      {
        guint32 e = c->passed_idx[q];

        if (!shares_listed (c, i, e, c->passed_people[q]) || e == i)
          continue;
        v = an_set (&d->agency_sets, d->shared[e], &k);
        for (guint j = 0; j < k; j++)
          if (v[j] < c->n_lanes)
            KNOWN (v[j], c->passed_day[q]);
      }
    end = c->share_start[a + 1];
    for (guint32 q = advance (c->share_day, &c->share_cursor[a], c->share_start[a], end, d->first[i]);
         q < end && c->share_day[q] <= until && pending > 0; q++)
      {
        guint32 e = c->share_idx[q];

        if (!shares_listed (c, i, e, c->share_people[q]) || e == i)
          continue;
        v = an_set (&d->agency_sets, d->shared[e], &k);
        for (guint j = 0; j < k; j++)
          if (v[j] < c->n_lanes)
            KNOWN (v[j], c->share_day[q]);
      }
  }

  /* Meetings both attended. */
  {
    const guint32 *idx = c->meeting_idx;
    const gint32 *days = c->meeting_day;
    guint32 end = c->meeting_start[a + 1];

    for (guint32 q = advance (days, &c->meeting_cursor[a], c->meeting_start[a], end, d->first[i]);
         q < end && days[q] <= until && pending > 0; q++)
      {
        guint32 e = idx[q];

        if (!shares_listed (c, i, e, c->meeting_people[q]))
          continue;
        KNOWN (d->lane[e], days[q]);
        v = an_set (&d->agency_sets, d->shared[e], &k);
        for (guint j = 0; j < k; j++)
          if (v[j] < c->n_lanes)
            KNOWN (v[j], days[q]);
      }
  }

  /* Other agencies' own records name the holder. */
  if (g != AN_GROUP_NONE)
    for (guint b = 0; b < c->n_lanes && pending > 0; b++)
      {
        gsize slot = (gsize) b * AN_N_GROUPS + g;
        const guint32 *idx = c->mention_idx;
        const gint32 *days = c->mention_day;
        guint32 end = c->mention_start[slot + 1];

        if (b == a || end == c->mention_start[slot] ||
            (masks && !(open_mask & (G_GUINT64_CONSTANT (1) << b))))
          continue;
        for (guint32 q = advance (days, &c->mention_cursor[slot], c->mention_start[slot], end,
                                  d->first[i]);
             q < end && days[q] <= until && days[q] < day[b]; q++)
          if (shares_listed (c, i, idx[q], c->mention_people[q]))
            {
              KNOWN (b, days[q]);
              break;
            }
      }
#undef KNOWN
  day[a] = d->first[i];
}

/* A high-risk grading of someone other than the perpetrator calls for a
 * MARAC referral: an event shared with MARAC, or a MARAC record naming
 * them, within t_marac days either side. */
static gboolean
marac_missing (Ctx     *c,
               guint32  i)
{
  AnData *d = c->d;
  gint marac = d->group_lane[AN_GROUP_MARAC];
  gboolean at_risk = FALSE;
  guint k;
  const guint16 *v;
  gint32 from, to;

  if (marac < 0 || c->t_marac <= 0 || d->risk[i] != CHRONO_RISK_HIGH || d->lane[i] == (guint) marac)
    return FALSE;
  v = an_set (&d->subject_sets, d->subjects[i], &k);
  for (guint j = 0; j < k; j++)
    at_risk |= role_of (d, v[j]) != AN_ROLE_PERPETRATOR && c->principal[v[j]];
  if (!at_risk || an_set_has (&d->agency_sets, d->shared[i], (guint16) marac))
    return FALSE;

  from = d->first[i] - c->t_marac;
  to = d->last[i] + c->t_marac;
  for (guint j = 0; j < k; j++)
    {
      const gint32 *days = c->marac_days + c->marac_start[v[j]];
      guint n = c->marac_start[v[j] + 1] - c->marac_start[v[j]], lo = 0, hi = n;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (days[mid] < from)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo < n && days[lo] <= to)
        return FALSE;
    }
  return TRUE;
}

static void
add_agency (GArray  *agencies,
            guint    start,
            guint16  a)
{
  for (guint k = start; k < agencies->len; k++)
    if (g_array_index (agencies, guint16, k) == a)
      return;
  g_array_append_val (agencies, a);
}

static guint16
agency_of_group (Ctx    *c,
                 AnGroup g)
{
  AnData *d = c->d;
  const char *name;
  guint8 gg = g;

  if (d->group_lane[g] >= 0)
    return (guint16) d->group_lane[g];
  name = _chrono_analysis_group_name (g);
  for (guint k = c->n_lanes; k < d->agencies->len; k++)
    if (strcmp (g_ptr_array_index (d->agencies, k), name) == 0)
      return k;
  g_ptr_array_add (d->agencies, g_strdup (name));
  g_array_append_val (d->agency_group, gg);
  return d->agencies->len - 1;
}

/* What the record itself (the not_shared_with column) or its words ("not
 * passed to police", "no MARAC referral") say was not passed on, appended
 * to @agencies.  A clause that names only the agency's own services ("not
 * reported to police" in a police record) is about what reached the
 * agency, not what it withheld. */
static gboolean
recorded_unshared (Ctx     *c,
                   guint32  i,
                   GArray  *agencies)
{
  AnData *d = c->d;
  guint a = d->lane[i], start = agencies->len;
  guint8 own = g_array_index (d->agency_group, guint8, a);
  guint32 neg = d->text[i].neg_mentions;
  gboolean phrase = (d->text[i].flags & AN_TEXT_NOT_SHARED) != 0;
  guint k;
  const guint16 *v = an_set (&d->agency_sets, d->not_shared[i], &k);
  gboolean named_other = FALSE;

  if (k == 0 && !phrase)
    return FALSE;
  for (guint j = 0; j < k; j++)
    if (v[j] != a)
      add_agency (agencies, start, v[j]);
  if (phrase)
    {
      for (guint g = 1; g < AN_N_GROUPS; g++)
        {
          guint16 ag;

          if (!(neg & (1u << g)) || g == own)
            continue;
          named_other = TRUE;
          ag = agency_of_group (c, (AnGroup) g);
          if (ag != a && !an_set_has (&d->agency_sets, d->shared[i], ag))
            add_agency (agencies, start, ag);
        }
      if (neg != 0 && !named_other && k == 0)
        {
          g_array_set_size (agencies, start);
          return FALSE;
        }
    }
  return TRUE;
}

/* Inferred items of one agency about one episode (starting within a week
 * of the first item's date, which is at most a month) make one finding. */
static gboolean
same_episode (const AnData *d,
              guint32       e,
              guint32       x)
{
  return d->lane[e] == d->lane[x] && d->start_last[e] - d->first[e] <= 31 &&
         d->first[x] <= d->start_last[e] + 7 &&
         d->start_last[x] - d->first[x] <= d->start_last[e] - d->first[e] + 7;
}

/* Merges each lane's inferred findings about one episode into the first
 * (findings were made in time order): its events and agencies. */
static void
group_inferred (Ctx *c)
{
  AnResults *res = c->res;
  AnData *d = c->d;
  GArray *findings = c->out;
  g_autoptr(GArray) agencies = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree gint *episode = g_new (gint, MAX (c->n_lanes, 1));
  g_autofree guint8 *merged = g_new0 (guint8, MAX (findings->len, 1));
  guint out = 0;

  for (guint l = 0; l < c->n_lanes; l++)
    episode[l] = -1;

  /* Which findings join an earlier one. */
  for (guint k = 0; k < findings->len; k++)
    {
      AnFinding *f = &g_array_index (findings, AnFinding, k);
      gint *open = &episode[f->lane];

      if (f->kind != CHRONO_FINDING_UNSHARED || f->basis != CHRONO_FINDING_BASIS_INFERRED)
        continue;
      if (*open >= 0 &&
          same_episode (d, (guint32) g_array_index (findings, AnFinding, *open).ev_a, (guint32) f->ev_a))
        {
          merged[k] = 1;
          continue;
        }
      *open = (gint) k;
    }

  /* Rebuild the pools: each kept finding's agencies and events, then those
   * of the findings that joined it. */
  for (guint k = 0; k < findings->len; k++)
    {
      AnFinding f = g_array_index (findings, AnFinding, k);
      guint a0 = agencies->len, e0 = events->len;

      if (merged[k])
        continue;
      for (guint j = 0; j < f.n_agencies; j++)
        add_agency (agencies, a0, g_array_index (res->agency_pool, guint16, f.agencies + j));
      for (guint j = 0; j < f.n_more; j++)
        g_array_append_val (events, g_array_index (res->event_pool, guint32, f.more + j));
      if (f.kind == CHRONO_FINDING_UNSHARED && f.basis == CHRONO_FINDING_BASIS_INFERRED)
        for (guint q = k + 1; q < findings->len; q++)
          {
            const AnFinding *g = &g_array_index (findings, AnFinding, q);
            guint32 e = (guint32) g->ev_a;

            if (g->lane != f.lane || g->kind != CHRONO_FINDING_UNSHARED ||
                g->basis != CHRONO_FINDING_BASIS_INFERRED)
              continue;
            if (!merged[q] || !same_episode (d, (guint32) f.ev_a, e))
              break;
            for (guint j = 0; j < g->n_agencies; j++)
              add_agency (agencies, a0, g_array_index (res->agency_pool, guint16, g->agencies + j));
            g_array_append_val (events, e);
            f.last = MAX (f.last, g->last);
            if (g->severity > f.severity)
              f.severity = g->severity;
          }
      f.agencies = a0;
      f.n_agencies = agencies->len - a0;
      f.more = e0;
      f.n_more = events->len - e0;
      g_array_index (findings, AnFinding, out++) = f;
    }
  g_array_set_size (findings, out);
  g_array_unref (res->agency_pool);
  g_array_unref (res->event_pool);
  res->agency_pool = g_steal_pointer (&agencies);
  res->event_pool = g_steal_pointer (&events);
}

/* One stretch of the events (positions [begin, end) of d->order), with its
 * own cursors and outputs, so stretches can run side by side. */
typedef struct
{
  Ctx      ctx;          /* a copy of the shared context: own cursors, own out */
  guint    begin, end;
  GArray  *agency_pool;  /* guint16 */
  GArray  *risk_events;  /* guint32 */
  GArray  *receipts;     /* AnReceipt, risk indices local to the stretch */
  guint   *shared;       /* n_lanes × n_lanes */
  guint   *not_shared;
} Stretch;

static void
unshared_stretch (Stretch *st)
{
  Ctx *c = &st->ctx;
  AnData *d = c->d;
  g_autofree gint32 *day = g_new (gint32, MAX (c->n_lanes, 1));
  g_autofree gboolean *is_involved = g_new0 (gboolean, MAX (c->n_lanes, 1));
  gint marac = d->group_lane[AN_GROUP_MARAC];
  GArray *pool = st->agency_pool, *receipts = st->receipts;
  guint n_receipts = 0;
  guint64 wanted;

  for (guint q = st->begin; q < st->end; q++)
    {
      guint32 i = d->order[q];
      guint a = d->lane[i];
      guint start = pool->len, n_agencies;
      gboolean recorded, risk, marac_due;
      guint32 risk_index;

      if ((q & 0xffff) == 0 && g_cancellable_is_cancelled (c->cancellable))
        break;
      recorded = c->recorded_on && recorded_unshared (c, i, pool);
      risk = c->why[i] != WHY_NONE;
      marac_due = !recorded && c->expected[a] && marac_missing (c, i);
      if (!recorded && !risk && !marac_due)
        continue;

      risk_index = st->risk_events->len;
      g_array_append_val (st->risk_events, i);

      /* The agencies that matter for this item: those involved with its
       * people then, and those its record says were told. */
      wanted = 0;
      for (guint b = 0; b < c->n_lanes; b++)
        {
          is_involved[b] = b != a && involved (c, b, i);
          if (is_involved[b] && b < 64)
            wanted |= G_GUINT64_CONSTANT (1) << b;
        }
      receipt_days (c, i, wanted, day);
      if (receipts->len < n_receipts + c->n_lanes)
        g_array_set_size (receipts, receipts->len + receipts->len / 2 + c->n_lanes);
      for (guint b = 0; b < c->n_lanes; b++)
        if (b != a && day[b] != OPEN_END &&
            (is_involved[b] || an_set_has (&d->agency_sets, d->shared[i], (guint16) b)))
          {
            g_array_index (receipts, AnReceipt, n_receipts++) =
              (AnReceipt) { risk_index, (guint16) b, day[b] };
            st->shared[a * c->n_lanes + b]++;
          }

      /* Intelligence given to a named agency (on its request) is a
       * disclosure, not information kept back from the others. */
      if (!recorded && risk && c->expected[a] &&
          !(c->why[i] == WHY_INTELLIGENCE && d->shared[i] != 0))
        for (guint b = 0; b < c->n_lanes; b++)
          if (is_involved[b] && c->expected[b] && (gint) b != marac && day[b] == OPEN_END)
            add_agency (pool, start, (guint16) b);
      if (marac_due)
        add_agency (pool, start, (guint16) marac);
      n_agencies = pool->len - start;

      for (guint k = start; k < pool->len; k++)
        {
          guint16 b = g_array_index (pool, guint16, k);
          if (b < c->n_lanes)
            st->not_shared[a * c->n_lanes + b]++;
        }

      if ((!recorded && (!c->inferred_on || n_agencies == 0)) ||
          d->first[i] > c->scope_last || d->last[i] < c->scope_first)
        {
          g_array_set_size (pool, start);
          continue;
        }

      {
        AnFinding *f = new_finding (c, CHRONO_FINDING_UNSHARED,
                                    recorded ? CHRONO_FINDING_BASIS_RECORDED
                                             : CHRONO_FINDING_BASIS_INFERRED,
                                    recorded ? AN_RULE_UNSHARED_RECORDED
                                    : risk ? AN_RULE_UNSHARED_INFERRED : AN_RULE_UNSHARED_MARAC,
                                    a);

        f->why = c->why[i];
        f->unit = d->unit[i];
        f->ev_a = (gint32) i;
        f->first = d->first[i];
        f->last = d->last[i];
        f->days = d->last[i] - d->first[i];
        f->agencies = start;
        f->n_agencies = n_agencies;
        f->severity = recorded || c->why[i] == WHY_BREACH || c->why[i] == WHY_SIGHTING ||
                      c->why[i] == WHY_HIGH_RISK || d->risk[i] == CHRONO_RISK_HIGH
                        ? CHRONO_SEVERITY_HIGH : CHRONO_SEVERITY_MEDIUM;
      }
    }
  g_array_set_size (receipts, n_receipts);
}

/* The gap thread, done with the gaps, takes the later stretch of the
 * unshared rules once the main thread has prepared them. */
typedef struct _Handoff
{
  GMutex   lock;
  GCond    ready;
  Stretch *stretch;    /* set when prepared */
  gboolean prepared;
} Handoff;

static void
handoff_take (Handoff *h)
{
  Stretch *st;

  g_mutex_lock (&h->lock);
  while (!h->prepared)
    g_cond_wait (&h->ready, &h->lock);
  st = h->stretch;
  g_mutex_unlock (&h->lock);
  if (st != NULL)
    unshared_stretch (st);
}

static void
handoff_give (Handoff *h,
              Stretch *st)
{
  g_mutex_lock (&h->lock);
  h->stretch = st;
  h->prepared = TRUE;
  g_cond_signal (&h->ready);
  g_mutex_unlock (&h->lock);
}

/* The main thread's share of the events: it also prepares the rules while
 * the other thread finds the gaps. */
#define MAIN_SHARE 0.6

static void
find_unshared (Ctx     *c,
               Stretch *stretches)
{
  AnData *d = c->d;
  gsize nn = (gsize) c->n_lanes * c->n_lanes;
  guint n_risk = 0, split;

  classify_risk (c);
  build_open_cases (c);
  build_active (c);

  /* Agencies a record's words name that have no lane get their names now,
   * before the stretches read the list side by side. */
  {
    guint32 named = 0;

    for (guint i = 0; i < d->n; i++)
      named |= d->text[i].neg_mentions;
    for (guint g = 1; g < AN_N_GROUPS; g++)
      if (named & (1u << g))
        agency_of_group (c, (AnGroup) g);
  }
  for (guint i = 0; i < d->n; i++)
    n_risk += c->why[i] != WHY_NONE || d->not_shared[i] != 0 ||
              (d->text[i].flags & AN_TEXT_NOT_SHARED) || d->risk[i] == CHRONO_RISK_HIGH;

  /* Each stretch starts its cursors afresh: they catch up on its first
   * event and only move forward from there. */
  split = c->handoff != NULL ? (guint) (d->n * MAIN_SHARE) : d->n;
  for (guint k = 0; k < 2; k++)
    {
      Stretch *st = &stretches[k];

      st->ctx = *c;
      st->ctx.out = g_array_new (FALSE, FALSE, sizeof (AnFinding));
      st->ctx.active_cursor = g_new0 (guint32, c->n_pairs + 1);
      st->ctx.share_cursor = g_new0 (guint32, c->n_lanes + 1);
      st->ctx.passed_cursor = g_new0 (guint32, c->n_lanes + 1);
      st->ctx.meeting_cursor = g_new0 (guint32, c->n_lanes + 1);
      st->ctx.mention_cursor = g_new0 (guint32, (gsize) c->n_lanes * AN_N_GROUPS + 1);
      st->begin = k == 0 ? 0 : split;
      st->end = k == 0 ? split : d->n;
      st->agency_pool = g_array_new (FALSE, FALSE, sizeof (guint16));
      st->risk_events = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_risk + 1);
      st->receipts = g_array_new (FALSE, FALSE, sizeof (AnReceipt));
      g_array_set_size (st->receipts, (n_risk + 1) * MAX (c->n_lanes, 2) / 4);
      st->shared = g_new0 (guint, MAX (nn, 1));
      st->not_shared = g_new0 (guint, MAX (nn, 1));
    }
  if (c->handoff != NULL)
    handoff_give (c->handoff, &stretches[1]);
  unshared_stretch (&stretches[0]);
  if (c->handoff == NULL)
    unshared_stretch (&stretches[1]);
}

/* After both stretches ran: join them in time order, moving their
 * offsets, and group the inferred findings. */
static void
join_unshared (Ctx     *c,
               Stretch *stretches)
{
  AnResults *res = c->res;
  gsize nn = (gsize) c->n_lanes * c->n_lanes;

  res->shared = g_new0 (guint, MAX (nn, 1));
  res->not_shared = g_new0 (guint, MAX (nn, 1));
  for (guint k = 0; k < 2; k++)
    {
      Stretch *st = &stretches[k];
      guint pool_base = res->agency_pool->len, risk_base = res->risk_events->len;
      guint out_base = c->out->len, receipt_base = res->receipts->len;

      g_array_append_vals (c->out, st->ctx.out->data, st->ctx.out->len);
      for (guint j = out_base; j < c->out->len; j++)
        g_array_index (c->out, AnFinding, j).agencies += pool_base;
      g_array_append_vals (res->agency_pool, st->agency_pool->data, st->agency_pool->len);
      g_array_append_vals (res->risk_events, st->risk_events->data, st->risk_events->len);
      g_array_append_vals (res->receipts, st->receipts->data, st->receipts->len);
      for (guint j = receipt_base; j < res->receipts->len; j++)
        g_array_index (res->receipts, AnReceipt, j).risk += risk_base;
      for (gsize x = 0; x < nn; x++)
        {
          res->shared[x] += st->shared[x];
          res->not_shared[x] += st->not_shared[x];
        }

      g_array_unref (st->ctx.out);
      g_free (st->ctx.active_cursor);
      g_free (st->ctx.share_cursor);
      g_free (st->ctx.passed_cursor);
      g_free (st->ctx.meeting_cursor);
      g_free (st->ctx.mention_cursor);
      g_array_unref (st->agency_pool);
      g_array_unref (st->risk_events);
      g_array_unref (st->receipts);
      g_free (st->shared);
      g_free (st->not_shared);
    }
  group_inferred (c);
}

/* ------------------------------------------------------------------ */
/* Findings as people read them                                        */

static const char * const rule_ids[AN_N_RULES] = {
  CHRONO_RULE_GAP_GENERAL, CHRONO_RULE_GAP_CP_PLAN, CHRONO_RULE_GAP_SUPERVISION,
  CHRONO_RULE_GAP_DISCHARGE, CHRONO_RULE_GAP_HIGH_RISK, CHRONO_RULE_UNALLOCATED,
  CHRONO_RULE_REFERRAL, CHRONO_RULE_UNSHARED_RECORDED, CHRONO_RULE_UNSHARED_INFERRED,
  CHRONO_RULE_UNSHARED_MARAC,
};

/* The date an event's start stands for, with its precision. */
static ChronoDate
event_date (const AnData *d,
            guint         i)
{
  ChronoDate date = CHRONO_DATE_INIT;
  int y, m, day;

  chrono_day_to_ymd (d->first[i], &y, &m, &day);
  date.year = y;
  if (d->precision[i] != CHRONO_PRECISION_YEAR)
    date.month = m;
  if (d->precision[i] == CHRONO_PRECISION_DAY)
    date.day = day;
  date.approx = (d->eflags[i] & AN_EVENT_APPROX) != 0;
  return date;
}

static ChronoDate
day_date (gint32 day)
{
  ChronoDate date = CHRONO_DATE_INIT;
  int y, m, dd;

  chrono_day_to_ymd (day, &y, &m, &dd);
  date.year = y;
  date.month = m;
  date.day = dd;
  return date;
}

static void
finding_dates (const AnData    *d,
               const AnFinding *f,
               ChronoDate      *from,
               ChronoDate      *to)
{
  *from = f->ev_a >= 0 && !(f->flags & AN_FINDING_FROM_DAY) ? event_date (d, f->ev_a)
                                                             : day_date (f->first);
  if (f->flags & AN_FINDING_TO_OPEN)
    *to = (ChronoDate) CHRONO_DATE_INIT;
  else if (f->kind == CHRONO_FINDING_UNSHARED)
    *to = (ChronoDate) CHRONO_DATE_INIT;
  else
    *to = f->ev_b >= 0 && !(f->flags & AN_FINDING_TO_DAY) ? event_date (d, f->ev_b)
                                                          : day_date (f->last);
}

/* A stable word for an event in keys: its source reference, else its day
 * and id. */
static char *
event_key (const AnData *d,
           gint32        i,
           gint32        day)
{
  if (i >= 0 && d->ref[i] != 0)
    return g_strdup (event_ref (d, i));
  if (i >= 0)
    return g_strdup_printf ("@%d:%" G_GINT64_FORMAT, d->first[i], d->id[i]);
  return g_strdup_printf ("@%d", day);
}

static char *
format_date (const ChronoDate *date,
             const AnData     *d,
             gint32            ev)
{
  g_autofree char *when = chrono_date_format (date);

  if (ev >= 0 && d->ref[ev] != 0)
    return g_strdup_printf ("%s (%s)", when, event_ref (d, ev));
  return g_steal_pointer (&when);
}

char *
_chrono_analysis_finding_key (AnData    *d,
                              AnResults *res,
                              guint      index)
{
  const AnFinding *f = &g_array_index (res->findings, AnFinding, index);
  const char *agency = agency_name (d, f->lane);
  g_autofree char *ka = event_key (d, f->ev_a, f->first);
  g_autofree char *kz = event_key (d, f->ev_b, f->last);

  switch (f->kind)
    {
    case CHRONO_FINDING_GAP:
      {
        const char *unit = f->unit >= 0 ? g_ptr_array_index (d->units, f->unit) : "";
        const char *subject = g_ptr_array_index (d->subject_names, f->subject);

        if (f->flags & AN_FINDING_CLIPPED)
          return g_strdup_printf ("gap|%s|%s|%s|%s|%s|%s|%d-%d", rule_ids[f->rule], agency, unit,
                                  subject, ka, kz, f->first, f->last);
        return g_strdup_printf ("gap|%s|%s|%s|%s|%s|%s", rule_ids[f->rule], agency, unit, subject,
                                ka, kz);
      }
    case CHRONO_FINDING_UNALLOCATED:
      return g_strdup_printf ("unallocated|%s|%s", agency, ka);
    case CHRONO_FINDING_UNACTIONED_REFERRAL:
      return g_strdup_printf ("unactioned_referral|%s|%s", agency, ka);
    case CHRONO_FINDING_UNSHARED:
    case CHRONO_N_FINDING_KINDS:
    default:
      return g_strdup_printf ("unshared|%s|%s|%s",
                              chrono_finding_basis_to_string (f->basis), agency, ka);
    }
}

static const char *
why_text (guint8 why)
{
  switch (why)
    {
    case WHY_INCIDENT:     return _("an incident");
    case WHY_INTELLIGENCE: return _("intelligence");
    case WHY_HIGH_RISK:    return _("a high-risk assessment");
    case WHY_BREACH:       return _("a possible breach of an order");
    case WHY_SIGHTING:     return _("a sighting of the perpetrator");
    case WHY_ADDRESS:      return _("a change of address");
    default:               return _("information");
    }
}

ChronoFinding *
_chrono_analysis_materialize (AnData      *d,
                              ChronoRules *rules,
                              AnResults   *res,
                              guint        index)
{
  const AnFinding *f = &g_array_index (res->findings, AnFinding, index);
  const char *agency = agency_name (d, f->lane);
  const char *unit = f->unit >= 0 ? g_ptr_array_index (d->units, f->unit) : "";
  const char *rule_id = rule_ids[f->rule];
  ChronoFinding *out = _chrono_finding_new (f->kind, f->basis, rule_id);
  g_autofree char *key = _chrono_analysis_finding_key (d, res, index);
  g_autofree char *rule_text = chrono_rules_describe (rules, rule_id, agency);
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *explanation = NULL;
  g_auto(GStrv) subjects = NULL;
  ChronoDate from, to;

  finding_dates (d, f, &from, &to);
  from_text = format_date (&from, d, f->flags & AN_FINDING_FROM_DAY ? -1 : f->ev_a);
  if (chrono_date_is_set (&to))
    to_text = format_date (&to, d, f->flags & AN_FINDING_TO_DAY ? -1 : f->ev_b);

  if (f->subject >= 0)
    {
      subjects = g_new0 (char *, 2);
      subjects[0] = g_strdup (g_ptr_array_index (d->subject_names, f->subject));
    }
  else if (f->ev_a >= 0)
    {
      guint k;
      const guint16 *v = an_set (&d->subject_sets, d->subjects[f->ev_a], &k);

      subjects = g_new0 (char *, k + 1);
      for (guint j = 0; j < k; j++)
        subjects[j] = g_strdup (g_ptr_array_index (d->subject_names, v[j]));
    }

  switch (f->kind)
    {
    case CHRONO_FINDING_GAP:
      if (f->rule == AN_RULE_GAP_DISCHARGE)
        explanation = g_strdup_printf (_("%s did not follow %s up within %d days of leaving "
                                         "hospital on %s: %d days to %s."), agency, subjects[0],
                                       chrono_rules_get (rules, rule_id, agency),
                                       from_text, f->days, to_text);
      else if (*unit != '\0')
        explanation = g_strdup_printf (_("%s (%s) had no counted contact with %s for %d days, "
                                         "from %s to %s."), agency, unit, subjects[0], f->days,
                                       from_text, to_text);
      else
        explanation = g_strdup_printf (_("%s had no counted contact with %s for %d days, from %s "
                                         "to %s."), agency, subjects[0], f->days, from_text, to_text);
      break;

    case CHRONO_FINDING_UNALLOCATED:
      explanation = to_text != NULL
        ? g_strdup_printf (_("%s had the case open with no allocated worker from %s to %s (%d "
                             "days)."), agency, from_text, to_text, f->days)
        : g_strdup_printf (_("%s had the case open with no allocated worker from %s to the end "
                             "of its records."), agency, from_text);
      break;

    case CHRONO_FINDING_UNACTIONED_REFERRAL:
      {
        const char *by = agency_name (d, d->lane[f->ev_a]);

        if (f->ev_b < 0)
          explanation = g_strdup_printf (_("%s received a referral from %s on %s; its records "
                                           "show no allocation, assessment or contact after it."),
                                         agency, by, from_text);
        else if (is_close (d, f->ev_b))
          explanation = g_strdup_printf (_("%s received a referral from %s on %s and closed it "
                                           "on %s with no allocation, assessment or contact."),
                                         agency, by, from_text, to_text);
        else
          explanation = g_strdup_printf (_("%s received a referral from %s on %s; the first "
                                           "allocation, assessment or contact was on %s, %d days "
                                           "later."), agency, by, from_text, to_text, f->days);
        break;
      }

    case CHRONO_FINDING_UNSHARED:
    case CHRONO_N_FINDING_KINDS:
    default:
      {
        g_autoptr(GPtrArray) told = g_ptr_array_new ();
        g_autofree char *who = NULL;

        for (guint j = 0; j < f->n_agencies; j++)
          g_ptr_array_add (told, (gpointer) agency_name (d, g_array_index (res->agency_pool, guint16,
                                                                           f->agencies + j)));
        g_ptr_array_add (told, NULL);
        who = g_strjoinv (", ", (char **) told->pdata);
        _chrono_finding_set_not_shared (out, (const char * const *) told->pdata);

        if (f->basis == CHRONO_FINDING_BASIS_RECORDED)
          explanation = f->n_agencies > 0
            ? g_strdup_printf (_("The record of %s by %s says information was not passed on to "
                                 "%s."), from_text, agency, who)
            : g_strdup_printf (_("The record of %s by %s says information was not passed on."),
                               from_text, agency);
        else if (f->rule == AN_RULE_UNSHARED_MARAC)
          explanation = g_strdup_printf (_("%s graded a risk as high on %s; no referral to %s is "
                                           "recorded."), agency, from_text, who);
        else
          explanation = g_strdup_printf (_("%s held %s, recorded %s, while %s %s involved with "
                                           "the same people; no record shows they received it."),
                                         agency, why_text (f->why), from_text, who,
                                         f->n_agencies > 1 ? _("were") : _("was"));
        break;
      }
    }

  _chrono_finding_set_key (out, key);
  _chrono_finding_set_texts (out, rule_text, explanation);
  _chrono_finding_set_where (out, agency, unit, (const char * const *) subjects);
  _chrono_finding_set_period (out, &from, chrono_date_is_set (&to) ? &to : NULL, f->first,
                              MAX (f->first, f->last), f->days);
  if (f->ev_a >= 0)
    _chrono_finding_add_event (out, d->id[f->ev_a], event_ref (d, f->ev_a));
  if (f->ev_b >= 0)
    _chrono_finding_add_event (out, d->id[f->ev_b], event_ref (d, f->ev_b));
  for (guint j = 0; j < f->n_more; j++)
    {
      guint32 e = g_array_index (res->event_pool, guint32, f->more + j);
      _chrono_finding_add_event (out, d->id[e], event_ref (d, e));
    }
  _chrono_finding_set_severity (out, f->severity);
  return out;
}

/* ------------------------------------------------------------------ */

static int
compare_findings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const AnFinding *x = a, *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->lane != y->lane)
    return x->lane < y->lane ? -1 : 1;
  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  if (x->subject != y->subject)
    return x->subject < y->subject ? -1 : 1;
  if (x->unit != y->unit)
    return x->unit < y->unit ? -1 : 1;
  if (x->rule != y->rule)
    return x->rule < y->rule ? -1 : 1;
  if (x->ev_a != y->ev_a)
    return x->ev_a < y->ev_a ? -1 : 1;
  return x->last < y->last ? -1 : x->last > y->last;
}

static gpointer
find_gaps_thread (gpointer data)
{
  Ctx *c = data;

  if (!g_cancellable_is_cancelled (c->cancellable))
    find_gaps (c);
  handoff_take (c->handoff);
  return NULL;
}

void
_chrono_analysis_results_clear (AnResults *results)
{
  g_clear_pointer (&results->findings, g_array_unref);
  g_clear_pointer (&results->event_pool, g_array_unref);
  g_clear_pointer (&results->agency_pool, g_array_unref);
  g_clear_pointer (&results->shared, g_free);
  g_clear_pointer (&results->not_shared, g_free);
  g_clear_pointer (&results->risk_events, g_array_unref);
  g_clear_pointer (&results->receipts, g_array_unref);
}

gboolean
_chrono_analysis_run_rules (AnData        *data,
                            ChronoRules   *rules,
                            AnResults     *results,
                            GCancellable  *cancellable,
                            GError       **error)
{
  Ctx c = { 0 };

  c.d = data;
  c.rules = rules;
  c.res = results;
  c.cancellable = cancellable;
  c.n_lanes = data->n_lanes;
  c.n_subjects = data->n_subjects;
  c.n_pairs = (gsize) c.n_lanes * c.n_subjects;

  _chrono_analysis_results_clear (results);
  results->findings = g_array_new (FALSE, FALSE, sizeof (AnFinding));
  results->event_pool = g_array_new (FALSE, FALSE, sizeof (guint32));
  results->agency_pool = g_array_new (FALSE, FALSE, sizeof (guint16));
  results->risk_events = g_array_new (FALSE, FALSE, sizeof (guint32));
  results->receipts = g_array_new (FALSE, FALSE, sizeof (AnReceipt));

  read_settings (&c);
  build_indexes (&c);
  build_spans (&c);

  c.out = results->findings;
  for (guint lane = 0; lane < c.n_lanes; lane++)
    {
      find_unallocated (&c, lane);
      find_unactioned (&c, lane);
    }

  /* Gaps in contact and unshared information only read what is built so
   * far: two threads, each into its own arrays.  This one prepares the
   * unshared rules and takes the earlier stretch of events; the other finds
   * the gaps, then takes the later stretch. */
  {
    Handoff handoff = { 0 };
    Stretch stretches[2];
    Ctx *gaps = g_memdup2 (&c, sizeof c);
    GThread *thread;
    gboolean cancelled;

    g_mutex_init (&handoff.lock);
    g_cond_init (&handoff.ready);
    gaps->handoff = c.handoff = &handoff;
    gaps->out = g_array_new (FALSE, FALSE, sizeof (AnFinding));
    thread = g_thread_new ("chrono-gaps", find_gaps_thread, gaps);
    c.out = g_array_new (FALSE, FALSE, sizeof (AnFinding));
    cancelled = g_cancellable_is_cancelled (cancellable);
    if (!cancelled)
      find_unshared (&c, stretches);
    else
      handoff_give (&handoff, NULL);
    g_thread_join (thread);
    if (!cancelled)
      join_unshared (&c, stretches);
    g_mutex_clear (&handoff.lock);
    g_cond_clear (&handoff.ready);

    g_array_append_vals (results->findings, gaps->out->data, gaps->out->len);
    g_array_append_vals (results->findings, c.out->data, c.out->len);
    g_array_unref (gaps->out);
    g_array_unref (c.out);
    g_free (gaps);
  }

  ctx_clear (&c);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      _chrono_analysis_results_clear (results);
      return FALSE;
    }
  g_array_sort_with_data (results->findings, compare_findings, NULL);
  return TRUE;
}
