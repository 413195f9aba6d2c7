/* chrono-kinds.h: the closed vocabularies of the exchange format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CHRONO_KIND_OTHER,
  CHRONO_KIND_CONTACT,
  CHRONO_KIND_INCIDENT,
  CHRONO_KIND_REFERRAL,
  CHRONO_KIND_MEETING,
  CHRONO_KIND_ASSESSMENT,
  CHRONO_KIND_ALLOCATION,
  CHRONO_KIND_CLOSURE,
  CHRONO_KIND_COURT,
  CHRONO_KIND_CUSTODY,
  CHRONO_KIND_ADMISSION,
  CHRONO_KIND_PLAN,
  CHRONO_KIND_INTELLIGENCE,
  CHRONO_N_KINDS
} ChronoKind;

typedef enum
{
  CHRONO_ALLOCATION_NONE,
  CHRONO_ALLOCATION_ALLOCATED,
  CHRONO_ALLOCATION_UNALLOCATED,
  CHRONO_ALLOCATION_CLOSED,
} ChronoAllocation;

typedef enum
{
  CHRONO_RISK_NONE,
  CHRONO_RISK_LOW,
  CHRONO_RISK_MEDIUM,
  CHRONO_RISK_HIGH,
} ChronoRisk;

/* Exchange-format words ("contact", "allocated", "high"); "" for NONE/OTHER
 * where the format leaves the cell blank ("other" for CHRONO_KIND_OTHER). */
const char *chrono_kind_to_string        (ChronoKind        kind);
gboolean    chrono_kind_from_string      (const char       *text,
                                          ChronoKind       *kind);
/* Translated, for people. */
const char *chrono_kind_to_label         (ChronoKind        kind);
const char *chrono_allocation_to_string  (ChronoAllocation  allocation);
gboolean    chrono_allocation_from_string (const char      *text,
                                          ChronoAllocation *allocation);
const char *chrono_risk_to_string        (ChronoRisk        risk);
gboolean    chrono_risk_from_string      (const char       *text,
                                          ChronoRisk       *risk);

/* Splits a ';' list, trimming items and dropping empty ones. */
GStrv       chrono_split_list            (const char       *text);
/* Joins with ';' (no spaces), as the exchange format writes lists. */
char       *chrono_join_list             (const char * const *items);

G_END_DECLS
