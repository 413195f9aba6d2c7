/* chrono-case-view.h: what the views of one case share: its events, the
 * filter, the search and the selected event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chrono-event.h"
#include "chrono-marks.h"
#include "chrono-store.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_CASE_VIEW (chrono_case_view_get_type ())
G_DECLARE_FINAL_TYPE (ChronoCaseView, chrono_case_view, CHRONO, CASE_VIEW, GObject)

/* Filter fields that are not set: any kind, any risk. */
#define CHRONO_FILTER_ANY (-1)

ChronoCaseView *chrono_case_view_new                (void);

ChronoStore    *chrono_case_view_get_store          (ChronoCaseView   *self);
void            chrono_case_view_set_store          (ChronoCaseView   *self,
                                                     ChronoStore      *store);
/* Every event of the case (ChronoEvent), as the window holds them, and the
 * same events as compact arrays for drawing.  Set both whenever the case
 * changes (marks last); NULL marks for no case. */
void            chrono_case_view_set_events         (ChronoCaseView   *self,
                                                     GListModel       *events);
GListModel     *chrono_case_view_get_events         (ChronoCaseView   *self);
void            chrono_case_view_set_marks          (ChronoCaseView   *self,
                                                     ChronoMarks      *marks);
ChronoMarks    *chrono_case_view_get_marks          (ChronoCaseView   *self);
/* The events that pass the filter ("visible-marks" notifies changes); the
 * same as the marks when no filter is set. */
ChronoMarks    *chrono_case_view_get_visible_marks  (ChronoCaseView   *self);
/* The events that pass the filter, as a list for the table. */
GListModel     *chrono_case_view_get_filter_model   (ChronoCaseView   *self);

/* The selected event's id, 0 for none ("selected-id"). */
gint64          chrono_case_view_get_selected_id    (ChronoCaseView   *self);
void            chrono_case_view_set_selected_id    (ChronoCaseView   *self,
                                                     gint64            id);

/* Filters: NULL (or CHRONO_FILTER_ANY) lets everything through.  Dates are
 * day numbers; an event passes when any day it may mean lies in
 * [@from_day, @to_day] (0 leaves that end open). */
void            chrono_case_view_set_filter_subject (ChronoCaseView   *self,
                                                     const char       *subject);
const char     *chrono_case_view_get_filter_subject (ChronoCaseView   *self);
void            chrono_case_view_set_filter_kind    (ChronoCaseView   *self,
                                                     int               kind);
int             chrono_case_view_get_filter_kind    (ChronoCaseView   *self);
void            chrono_case_view_set_filter_agency  (ChronoCaseView   *self,
                                                     const char       *agency);
const char     *chrono_case_view_get_filter_agency  (ChronoCaseView   *self);
void            chrono_case_view_set_filter_risk    (ChronoCaseView   *self,
                                                     int               risk);
int             chrono_case_view_get_filter_risk    (ChronoCaseView   *self);
void            chrono_case_view_set_filter_dates   (ChronoCaseView   *self,
                                                     gint32            from_day,
                                                     gint32            to_day);
void            chrono_case_view_get_filter_dates   (ChronoCaseView   *self,
                                                     gint32           *from_day,
                                                     gint32           *to_day);
void            chrono_case_view_clear_filter       (ChronoCaseView   *self);
/* Whether any filter is set ("filter-active"). */
gboolean        chrono_case_view_get_filter_active  (ChronoCaseView   *self);
gboolean        chrono_case_view_event_passes       (ChronoCaseView   *self,
                                                     ChronoEvent      *event);

/* Search: events that pass the filter and whose summary holds @text,
 * ignoring case, in time order ("n-hits", "hit-index" notify). */
void            chrono_case_view_set_search_text    (ChronoCaseView   *self,
                                                     const char       *text);
const char     *chrono_case_view_get_search_text    (ChronoCaseView   *self);
guint           chrono_case_view_get_n_hits         (ChronoCaseView   *self);
gint64          chrono_case_view_get_hit            (ChronoCaseView   *self,
                                                     guint             index);
/* The hit selected last, or -1. */
int             chrono_case_view_get_hit_index      (ChronoCaseView   *self);
/* Selects the next hit after the selected event (or the previous one),
 * going round; FALSE when there is none. */
gboolean        chrono_case_view_select_next_hit    (ChronoCaseView   *self,
                                                     gboolean          forward);
/* One byte per visible mark: non-zero for a hit; NULL without a search. */
const guint8   *chrono_case_view_get_hit_mask       (ChronoCaseView   *self);

G_END_DECLS
