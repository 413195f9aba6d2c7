/* chrono-vocabulary.h: reading the words agencies use for what happened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "chrono-kinds.h"

G_BEGIN_DECLS

/* Maps a type/category cell ("Home visit", "Case allocation", "999 call",
 * "Strategy discussion") to a kind.  FALSE when no rule knows the words. */
gboolean   chrono_vocabulary_kind_from_label   (const char        *label,
                                                ChronoKind        *kind);

/* When @text opens with a type label ("Incident: …", "Contact - …",
 * "Referral received: …") that chrono_vocabulary_kind_from_label knows,
 * returns TRUE, sets @kind, the label (@label, may be NULL, newly
 * allocated) and the byte offset where the rest of the text starts. */
gboolean   chrono_vocabulary_split_prefix      (const char        *text,
                                                ChronoKind        *kind,
                                                char             **label,
                                                gsize             *rest_offset);

/* Guesses a kind from free text by its strongest words (MARAC, strategy
 * meeting, remanded, admitted, referral, 999 …); FALSE when nothing is
 * clear enough, so the event stays "other". */
gboolean   chrono_vocabulary_kind_from_text    (const char        *text,
                                                ChronoKind        *kind);

/* "Allocated to a social worker", "worker left", "awaiting allocation",
 * "case closed" → allocation status; FALSE when the text says none. */
gboolean   chrono_vocabulary_allocation        (const char        *text,
                                                ChronoAllocation  *allocation);

/* "Risk assessed as high", "graded medium risk", "high risk DASH" → risk. */
gboolean   chrono_vocabulary_risk              (const char        *text,
                                                ChronoRisk        *risk);

/* A trailing "(until 2009-06-03)" / "(until 2004)": returns the date text
 * (newly allocated) or NULL. */
char      *chrono_vocabulary_until             (const char        *text);

/* Splits a people or agency list as typed: "Stacey, Daughter",
 * "Stacey / Perpetrator", "A; B", "A|B", "A and B". */
GStrv      chrono_vocabulary_split_names       (const char        *text);

/* Lower-cases and strips punctuation and extra spaces, for comparing names
 * and headers ("Children's Social Care" → "childrens social care"). */
char      *chrono_vocabulary_normalise         (const char        *text);

/* Word overlap of two texts (Jaccard index of their normalised words of
 * three letters or more), 0 to 1. */
double     chrono_vocabulary_similarity        (const char        *a,
                                                const char        *b);

G_END_DECLS
