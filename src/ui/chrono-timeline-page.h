/* chrono-timeline-page.h: the case's timeline page: the timeline, its
 * overview, the search bar, the filters and the event inspector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chrono-case-view.h"
#include "chrono-event-inspector.h"
#include "chrono-table-view.h"
#include "chrono-timeline-overview.h"
#include "chrono-timeline-view.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_TIMELINE_PAGE (chrono_timeline_page_get_type ())
G_DECLARE_FINAL_TYPE (ChronoTimelinePage, chrono_timeline_page, CHRONO, TIMELINE_PAGE, GtkWidget)

GtkWidget            *chrono_timeline_page_new           (void);

/* The case ("store"), its events as the window holds them, and the same
 * events for drawing: set the marks whenever the events change. */
ChronoStore          *chrono_timeline_page_get_store     (ChronoTimelinePage *self);
void                  chrono_timeline_page_set_store     (ChronoTimelinePage *self,
                                                          ChronoStore        *store);
void                  chrono_timeline_page_set_events    (ChronoTimelinePage *self,
                                                          GListModel         *events);
void                  chrono_timeline_page_set_marks     (ChronoTimelinePage *self,
                                                          ChronoMarks        *marks);
/* Shows the filtered events in @table and keeps its selection and the
 * timeline's the same. */
void                  chrono_timeline_page_attach_table  (ChronoTimelinePage *self,
                                                          ChronoTableView    *table);

ChronoCaseView       *chrono_timeline_page_get_case_view (ChronoTimelinePage *self);
ChronoTimelineView   *chrono_timeline_page_get_view      (ChronoTimelinePage *self);
ChronoTimelineOverview *chrono_timeline_page_get_overview (ChronoTimelinePage *self);
ChronoEventInspector *chrono_timeline_page_get_inspector (ChronoTimelinePage *self);
/* Whether the inspector is showing. */
gboolean              chrono_timeline_page_get_inspector_visible (ChronoTimelinePage *self);
/* The search bar's count: "3 of 14", "14 matches". */
const char           *chrono_timeline_page_get_match_text (ChronoTimelinePage *self);
GtkEditable          *chrono_timeline_page_get_search_entry (ChronoTimelinePage *self);

G_END_DECLS
