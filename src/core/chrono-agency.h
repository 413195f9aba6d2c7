/* chrono-agency.h: an agency, drawn as one swim lane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CHRONO_TYPE_AGENCY (chrono_agency_get_type ())
G_DECLARE_FINAL_TYPE (ChronoAgency, chrono_agency, CHRONO, AGENCY, GObject)

ChronoAgency       *chrono_agency_new          (gint64              id,
                                                const char         *name);
gint64              chrono_agency_get_id       (ChronoAgency       *self);
const char         *chrono_agency_get_name     (ChronoAgency       *self);
/* "#rrggbb", or "" when the palette chooses. */
const char         *chrono_agency_get_colour   (ChronoAgency       *self);
void                chrono_agency_set_colour   (ChronoAgency       *self,
                                                const char         *colour);
/* Lane order, smallest first. */
int                 chrono_agency_get_position (ChronoAgency       *self);
void                chrono_agency_set_position (ChronoAgency       *self,
                                                int                 position);
gboolean            chrono_agency_get_hidden   (ChronoAgency       *self);
void                chrono_agency_set_hidden   (ChronoAgency       *self,
                                                gboolean            hidden);
/* Units (sub-lanes) in order. */
const char * const *chrono_agency_get_units    (ChronoAgency       *self);
void                chrono_agency_add_unit     (ChronoAgency       *self,
                                                const char         *unit);
guint               chrono_agency_get_n_events (ChronoAgency       *self);
void                chrono_agency_set_n_events (ChronoAgency       *self,
                                                guint               n_events);

G_END_DECLS
