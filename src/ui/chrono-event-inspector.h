/* chrono-event-inspector.h: everything about one event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chrono-event.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_EVENT_INSPECTOR (chrono_event_inspector_get_type ())
G_DECLARE_FINAL_TYPE (ChronoEventInspector, chrono_event_inspector, CHRONO, EVENT_INSPECTOR, GtkWidget)

GtkWidget   *chrono_event_inspector_new           (void);

/* Shows @event (NULL for none) and the events linked to it (ChronoEvent,
 * may be NULL).  "activate-event" (gint64 id) is emitted when one of those
 * is clicked, "close" when the close button is. */
void         chrono_event_inspector_set_event     (ChronoEventInspector *self,
                                                   ChronoEvent          *event,
                                                   GPtrArray            *linked);
ChronoEvent *chrono_event_inspector_get_event     (ChronoEventInspector *self);
/* The date as shown, "15 Aug 2008"; for the tests. */
const char  *chrono_event_inspector_get_date_text (ChronoEventInspector *self);

G_END_DECLS
