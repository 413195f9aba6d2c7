/* chrono-columns.h: which column of an agency's table holds what
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CHRONO_FIELD_EXTRA,          /* kept as an extra field under its header */
  CHRONO_FIELD_REF,
  CHRONO_FIELD_DATE,
  CHRONO_FIELD_PRECISION,      /* exchange format only */
  CHRONO_FIELD_TIME,
  CHRONO_FIELD_END_DATE,
  CHRONO_FIELD_AGENCY,
  CHRONO_FIELD_UNIT,
  CHRONO_FIELD_SUBJECTS,
  CHRONO_FIELD_KIND,
  CHRONO_FIELD_SUMMARY,
  CHRONO_FIELD_OUTCOME,
  CHRONO_FIELD_SHARED_WITH,
  CHRONO_FIELD_NOT_SHARED_WITH,
  CHRONO_FIELD_ALLOCATION,
  CHRONO_FIELD_RISK,
  CHRONO_FIELD_SOURCE,
  CHRONO_N_FIELDS
} ChronoField;

/* The field a header names, from its words ("Date of contact", "Who was
 * seen", "Information shared with"); CHRONO_FIELD_EXTRA when unknown.
 * @score (may be NULL) is 2 for a known name, 1 for a weaker guess. */
ChronoField  chrono_field_for_header     (const char  *header,
                                          int         *score);
const char  *chrono_field_to_string      (ChronoField  field);
gboolean     chrono_field_from_string    (const char  *text,
                                          ChronoField *field);

/* How many cells of @row look like a header; the row with most (at least
 * two, one a date) among a table's first rows is its header row. */
int          chrono_columns_header_score (GPtrArray   *row);

/* Maps every column of @header to a field: the first column naming a field
 * gets it, later ones stay extras.  Returns a new array of ChronoField. */
ChronoField *chrono_columns_map          (GPtrArray   *header);

G_END_DECLS
