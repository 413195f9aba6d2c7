/* chrono-timeline-overview.h: the whole chronology in a strip, with the
 * part the timeline shows as a rectangle to drag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chrono-timeline-view.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_TIMELINE_OVERVIEW (chrono_timeline_overview_get_type ())
G_DECLARE_FINAL_TYPE (ChronoTimelineOverview, chrono_timeline_overview, CHRONO, TIMELINE_OVERVIEW, GtkWidget)

GtkWidget          *chrono_timeline_overview_new      (void);

ChronoTimelineView *chrono_timeline_overview_get_view (ChronoTimelineOverview *self);
void                chrono_timeline_overview_set_view (ChronoTimelineOverview *self,
                                                       ChronoTimelineView     *view);
/* Where day @day is drawn in the strip. */
double              chrono_timeline_overview_day_to_x (ChronoTimelineOverview *self,
                                                       double                  day);

G_END_DECLS
