/* chrono-timeline-print.h: printing the timeline, lane headers on every page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chrono-store.h"
#include "chrono-timeline-layout.h"

G_BEGIN_DECLS

/* A print operation for the days [@from, @to) of @marks, A4 landscape by
 * default, spread over @pages pages side by side in time (each with the
 * lane headers, the axis and the key), lanes in the order and state of
 * @screen (may be NULL).  Its "Timeline" tab offers the whole chronology
 * instead and another number of pages.  @store (may be NULL) gives the
 * review period, key dates and event summaries. */
GtkPrintOperation *chrono_timeline_print_new          (ChronoMarks          *marks,
                                                       ChronoStore          *store,
                                                       ChronoTimelineLayout *screen,
                                                       const char           *title,
                                                       double                from,
                                                       double                to,
                                                       guint                 pages);
/* The same choices as the "Timeline" tab. */
void               chrono_timeline_print_set_range    (GtkPrintOperation    *operation,
                                                       gboolean              whole,
                                                       guint                 pages);

G_END_DECLS
