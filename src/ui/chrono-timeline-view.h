/* chrono-timeline-view.h: the swim-lane timeline on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chrono-case-view.h"
#include "chrono-timeline-layout.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_TIMELINE_VIEW (chrono_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (ChronoTimelineView, chrono_timeline_view, CHRONO, TIMELINE_VIEW, GtkWidget)

/* Left and Right move the view by this share of its width. */
#define CHRONO_TIMELINE_PAN_STEP 0.1
/* The +/- keys and actions zoom by this factor. */
#define CHRONO_TIMELINE_ZOOM_STEP 2.0

GtkWidget            *chrono_timeline_view_new                (void);

ChronoCaseView       *chrono_timeline_view_get_case_view      (ChronoTimelineView *self);
void                  chrono_timeline_view_set_case_view      (ChronoTimelineView *self,
                                                               ChronoCaseView     *case_view);
ChronoTimelineLayout *chrono_timeline_view_get_layout         (ChronoTimelineView *self);

/* The days shown, [from, to) ("from" and "to" notify; during an animation
 * they move with it). */
void                  chrono_timeline_view_get_visible_range  (ChronoTimelineView *self,
                                                               double             *from,
                                                               double             *to);
void                  chrono_timeline_view_set_visible_range  (ChronoTimelineView *self,
                                                               double              from,
                                                               double              to,
                                                               gboolean            animate);
/* The days panning and zooming may reach: the whole chronology and a
 * margin. */
void                  chrono_timeline_view_get_limits         (ChronoTimelineView *self,
                                                               double             *from,
                                                               double             *to);
/* @factor > 1 zooms in; the day at @anchor_x (widget coordinates) stays
 * where it is. */
void                  chrono_timeline_view_zoom               (ChronoTimelineView *self,
                                                               double              factor,
                                                               double              anchor_x,
                                                               gboolean            animate);
/* Moves the view @dx pixels towards later days (negative: earlier). */
void                  chrono_timeline_view_pan                (ChronoTimelineView *self,
                                                               double              dx,
                                                               gboolean            animate);
/* Shows the whole chronology. */
void                  chrono_timeline_view_zoom_to_fit        (ChronoTimelineView *self,
                                                               gboolean            animate);
/* Shows the selected event and the days around it; FALSE without one. */
gboolean              chrono_timeline_view_zoom_to_selection  (ChronoTimelineView *self,
                                                               gboolean            animate);
/* Brings event @id into view when it is not (keeping the zoom). */
void                  chrono_timeline_view_reveal_event       (ChronoTimelineView *self,
                                                               gint64              id);
gboolean              chrono_timeline_view_get_animating      (ChronoTimelineView *self);

/* Where the scale puts a day, and back (widget coordinates). */
double                chrono_timeline_view_day_to_x           (ChronoTimelineView *self,
                                                               double              day);
double                chrono_timeline_view_x_to_day           (ChronoTimelineView *self,
                                                               double              x);
/* The centre of event @id's mark (or bar) as last drawn; FALSE when it is
 * not drawn on its own (off screen, filtered out or in a cluster). */
gboolean              chrono_timeline_view_get_event_position (ChronoTimelineView *self,
                                                               gint64              id,
                                                               double             *x,
                                                               double             *y);

/* The event the keyboard is on, 0 for none ("focus-id"). */
gint64                chrono_timeline_view_get_focus_id       (ChronoTimelineView *self);
void                  chrono_timeline_view_set_focus_id       (ChronoTimelineView *self,
                                                               gint64              id);
/* "15 Aug 2008, Health, Contact: …": how the event is read out. */
char                 *chrono_timeline_view_describe_event     (ChronoTimelineView *self,
                                                               gint64              id);

G_END_DECLS
