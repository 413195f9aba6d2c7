/* chrono-marks-private.h: what the marks' files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chrono-marks.h"

G_BEGIN_DECLS

/* Untimed events sort, and are drawn, at midday. */
#define UNTIMED_MINUTE 720

/* Where the mark of event @i goes, in fractional days. */
static inline double
_chrono_marks_pos (const ChronoMarks *self,
                   guint              i)
{
  if (self->precision[i] == CHRONO_PRECISION_DAY)
    return self->first_day[i] + (self->minute[i] >= 0 ? self->minute[i] : UNTIMED_MINUTE) / 1440.0;
  return (self->first_day[i] + self->start_last[i] + 1) / 2.0;
}

/* A ChronoMarks for @n_events events, the arrays unfilled. */
ChronoMarks *_chrono_marks_alloc  (guint        n_events);
/* Sorts the events (filled in id order) and builds the per-lane lists. */
void         _chrono_marks_finish (ChronoMarks *self);

G_END_DECLS
