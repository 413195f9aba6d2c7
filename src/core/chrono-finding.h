/* chrono-finding.h: one thing the analysis found, and what the chair made of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chrono-date.h"

G_BEGIN_DECLS

/* The three kinds of empty time and the unshared information the analysis
 * reports.  Empty time outside an agency's records ("no records") or outside
 * the review's terms of reference ("out of scope") never makes a finding. */
typedef enum
{
  CHRONO_FINDING_GAP,                  /* no contact while involved */
  CHRONO_FINDING_UNALLOCATED,          /* case open, no allocated worker */
  CHRONO_FINDING_UNACTIONED_REFERRAL,  /* referral with no timely action */
  CHRONO_FINDING_UNSHARED,             /* risk information not passed on */
  CHRONO_N_FINDING_KINDS
} ChronoFindingKind;

typedef enum
{
  CHRONO_FINDING_BASIS_NONE,      /* gaps and unallocated periods */
  CHRONO_FINDING_BASIS_RECORDED,  /* the record or the panel says so */
  CHRONO_FINDING_BASIS_INFERRED,  /* deduced from who was involved when */
} ChronoFindingBasis;

typedef enum
{
  CHRONO_FINDING_OPEN,
  CHRONO_FINDING_ACCEPTED,
  CHRONO_FINDING_DISMISSED,
} ChronoFindingStatus;

typedef enum
{
  CHRONO_SEVERITY_LOW,
  CHRONO_SEVERITY_MEDIUM,
  CHRONO_SEVERITY_HIGH,
} ChronoSeverity;

#define CHRONO_TYPE_FINDING (chrono_finding_get_type ())
G_DECLARE_FINAL_TYPE (ChronoFinding, chrono_finding, CHRONO, FINDING, GObject)

/* Stable across re-analysis and re-import: decisions are keyed by it.  Built
 * from the kind, the rule, the agency, the subjects and the source
 * references (or dates) of the events the finding rests on. */
const char         *chrono_finding_get_key             (ChronoFinding   *self);
ChronoFindingKind   chrono_finding_get_kind            (ChronoFinding   *self);
ChronoFindingBasis  chrono_finding_get_basis           (ChronoFinding   *self);
ChronoSeverity      chrono_finding_get_severity        (ChronoFinding   *self);

/* The rule that found it: its id ("gap.cp_plan") and, for people, the rule
 * as the case sets it ("Children's Social Care sees a child on a child
 * protection plan at least every 14 days"). */
const char         *chrono_finding_get_rule_id         (ChronoFinding   *self);
const char         *chrono_finding_get_rule_text       (ChronoFinding   *self);
/* One sentence: what was found, between which dates, from which events. */
const char         *chrono_finding_get_explanation     (ChronoFinding   *self);

const char         *chrono_finding_get_agency          (ChronoFinding   *self);
/* The unit (sub-lane) the finding concerns, or "". */
const char         *chrono_finding_get_unit            (ChronoFinding   *self);
/* The people it concerns (NULL-terminated, never NULL) and the same joined
 * with "; " for display ("" when none). */
const char * const *chrono_finding_get_subjects        (ChronoFinding   *self);
const char         *chrono_finding_get_subject         (ChronoFinding   *self);
gboolean            chrono_finding_has_subject         (ChronoFinding   *self,
                                                        const char      *subject);

/* The period: for a gap the two contacts around it, for an unallocated
 * period its start and end, for unshared information the event's date.
 * @to is unset (year 0) when the period is still open at the end of the
 * records.  Day numbers (days since 0001-01-01) give the whole period to
 * zoom to. */
const ChronoDate   *chrono_finding_get_from            (ChronoFinding   *self);
const ChronoDate   *chrono_finding_get_to              (ChronoFinding   *self);
gint32              chrono_finding_get_first_day       (ChronoFinding   *self);
gint32              chrono_finding_get_last_day        (ChronoFinding   *self);
/* Length in days (gaps: the days with no counted contact). */
gint32              chrono_finding_get_days            (ChronoFinding   *self);

/* The events it came from: case ids and source references ("" when an
 * event has none), in the same order.  The first is the main one. */
const gint64       *chrono_finding_get_event_ids       (ChronoFinding   *self,
                                                        guint           *n_events);
const char * const *chrono_finding_get_event_refs      (ChronoFinding   *self);
/* Unshared information: the agencies that were involved at the time and
 * were not told (may be empty for a recorded finding naming none). */
const char * const *chrono_finding_get_not_shared_with (ChronoFinding   *self);

/* The chair's decision; OPEN with no reason or note until one is made.
 * Changing it here only changes the object (notifying "status", "reason",
 * "note"); chrono_analysis_decide() also saves it in the case. */
ChronoFindingStatus chrono_finding_get_status          (ChronoFinding   *self);
const char         *chrono_finding_get_reason          (ChronoFinding   *self);
const char         *chrono_finding_get_note            (ChronoFinding   *self);
/* ISO 8601 UTC time of the decision, or NULL. */
const char         *chrono_finding_get_decided_at      (ChronoFinding   *self);
void                chrono_finding_set_decision        (ChronoFinding   *self,
                                                        ChronoFindingStatus status,
                                                        const char      *reason,
                                                        const char      *note,
                                                        const char      *decided_at);

/* Words used in the case file and on the command line. */
const char         *chrono_finding_kind_to_string      (ChronoFindingKind   kind);
gboolean            chrono_finding_kind_from_string    (const char         *text,
                                                        ChronoFindingKind  *kind);
/* Translated, for people. */
const char         *chrono_finding_kind_to_label       (ChronoFindingKind   kind);
const char         *chrono_finding_basis_to_string     (ChronoFindingBasis  basis);
const char         *chrono_finding_status_to_string    (ChronoFindingStatus status);
gboolean            chrono_finding_status_from_string  (const char         *text,
                                                        ChronoFindingStatus *status);
const char         *chrono_severity_to_string          (ChronoSeverity      severity);

G_END_DECLS
