/* chrono-analysis.h: where silos formed — gaps, unallocated periods, unshared information
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chrono-finding.h"
#include "chrono-rules.h"
#include "chrono-store.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_ANALYSIS (chrono_analysis_get_type ())
G_DECLARE_FINAL_TYPE (ChronoAnalysis, chrono_analysis, CHRONO, ANALYSIS, GObject)

/* What an agency knew by a date: its own risk information, or another
 * agency's that reached it. */
typedef struct
{
  guint   agency;     /* index, see chrono_analysis_get_agency_name() */
  guint   source;     /* the agency that held it first (== agency when own) */
  gint64  event_id;   /* the event in the case */
  gint32  since_day;  /* first day it may have been known (day number) */
} ChronoKnowledge;

/* The analysis of @store, with the rules the case sets (read now; a case
 * without settings gets the defaults). */
ChronoAnalysis *chrono_analysis_new              (ChronoStore         *store);
ChronoStore    *chrono_analysis_get_store        (ChronoAnalysis      *self);
/* The rules in force.  Change them, chrono_rules_save() them if they should
 * last, and run again. */
ChronoRules    *chrono_analysis_get_rules        (ChronoAnalysis      *self);

/* Reads every event with one query and runs every rule, then applies the
 * chair's saved decisions.  Replaces the findings. */
gboolean        chrono_analysis_run              (ChronoAnalysis      *self,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* The same in a worker thread, on its own read-only connection to the
 * case file (so it sees what was committed).  Do not change the rules
 * while it runs. */
void            chrono_analysis_run_async        (ChronoAnalysis      *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        chrono_analysis_run_finish       (ChronoAnalysis      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Every finding (ChronoFinding), by kind, then agency (in lane order), then
 * date.  The model is the analysis itself, the same object across runs, and
 * announces its changes; a finding's object is made when first asked for
 * and kept until the next run. */
GListModel     *chrono_analysis_get_findings     (ChronoAnalysis      *self);
guint           chrono_analysis_count            (ChronoAnalysis      *self,
                                                  ChronoFindingKind    kind);
ChronoFinding  *chrono_analysis_lookup           (ChronoAnalysis      *self,
                                                  const char          *key);
/* Records the chair's decision in the case (table finding_decision, keyed
 * by chrono_finding_get_key()) and on the finding.  Back to OPEN with no
 * reason or note forgets it. */
gboolean        chrono_analysis_decide           (ChronoAnalysis      *self,
                                                  ChronoFinding       *finding,
                                                  ChronoFindingStatus  status,
                                                  const char          *reason,
                                                  const char          *note,
                                                  GError             **error);

/* The sharing matrix over the case's agencies (lanes, in lane order): how
 * many items of risk information @from passed to @to (or @to's records show
 * it received) and how many it withheld while @to was involved. */
guint           chrono_analysis_get_n_agencies   (ChronoAnalysis      *self);
const char     *chrono_analysis_get_agency_name  (ChronoAnalysis      *self,
                                                  guint                agency);
void            chrono_analysis_get_sharing      (ChronoAnalysis      *self,
                                                  guint                from,
                                                  guint                to,
                                                  guint               *shared,
                                                  guint               *not_shared);
/* Share of an agency's risk information not passed to agencies involved at
 * the time: withheld / (passed + withheld) over all other agencies, 0 to 1;
 * negative when it held none. */
double          chrono_analysis_get_silo_score   (ChronoAnalysis      *self,
                                                  guint                agency);

/* Who knew what, when: per agency, the risk information it held by the end
 * of @date (its own, or received), as ChronoKnowledge sorted by agency then
 * day.  @agency limits it to one agency (-1 for all). */
GArray         *chrono_analysis_knowledge_at     (ChronoAnalysis      *self,
                                                  const ChronoDate    *date,
                                                  gint                 agency);

/* How long the last run took: reading the case, and the rules. */
void            chrono_analysis_get_timings      (ChronoAnalysis      *self,
                                                  double              *load_seconds,
                                                  double              *rules_seconds);

G_END_DECLS
