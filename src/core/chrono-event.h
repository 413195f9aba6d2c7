/* chrono-event.h: one entry in a chronology
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chrono-date.h"
#include "chrono-kinds.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_EVENT (chrono_event_get_type ())
G_DECLARE_FINAL_TYPE (ChronoEvent, chrono_event, CHRONO, EVENT, GObject)

ChronoEvent        *chrono_event_new                 (void);
/* Forgets every field, so one object can be reused while streaming. */
void                chrono_event_clear               (ChronoEvent        *self);

gint64              chrono_event_get_id              (ChronoEvent        *self);
void                chrono_event_set_id              (ChronoEvent        *self,
                                                      gint64              id);
/* Reference in the source (the exchange format's "id" column). */
const char         *chrono_event_get_ref             (ChronoEvent        *self);
void                chrono_event_set_ref             (ChronoEvent        *self,
                                                      const char         *ref);
const ChronoDate   *chrono_event_get_date            (ChronoEvent        *self);
void                chrono_event_set_date            (ChronoEvent        *self,
                                                      const ChronoDate   *date);
/* Unset (year 0) for point events. */
const ChronoDate   *chrono_event_get_end_date        (ChronoEvent        *self);
void                chrono_event_set_end_date        (ChronoEvent        *self,
                                                      const ChronoDate   *date);
gboolean            chrono_event_is_span             (ChronoEvent        *self);
const char         *chrono_event_get_agency          (ChronoEvent        *self);
void                chrono_event_set_agency          (ChronoEvent        *self,
                                                      const char         *agency);
const char         *chrono_event_get_unit            (ChronoEvent        *self);
void                chrono_event_set_unit            (ChronoEvent        *self,
                                                      const char         *unit);
ChronoKind          chrono_event_get_kind            (ChronoEvent        *self);
void                chrono_event_set_kind            (ChronoEvent        *self,
                                                      ChronoKind          kind);
const char         *chrono_event_get_summary         (ChronoEvent        *self);
void                chrono_event_set_summary         (ChronoEvent        *self,
                                                      const char         *summary);
const char * const *chrono_event_get_subjects        (ChronoEvent        *self);
void                chrono_event_set_subjects        (ChronoEvent        *self,
                                                      const char * const *subjects);
gboolean            chrono_event_has_subject         (ChronoEvent        *self,
                                                      const char         *subject);
const char * const *chrono_event_get_shared_with     (ChronoEvent        *self);
void                chrono_event_set_shared_with     (ChronoEvent        *self,
                                                      const char * const *agencies);
const char * const *chrono_event_get_not_shared_with (ChronoEvent        *self);
void                chrono_event_set_not_shared_with (ChronoEvent        *self,
                                                      const char * const *agencies);
ChronoAllocation    chrono_event_get_allocation      (ChronoEvent        *self);
void                chrono_event_set_allocation      (ChronoEvent        *self,
                                                      ChronoAllocation    allocation);
ChronoRisk          chrono_event_get_risk            (ChronoEvent        *self);
void                chrono_event_set_risk            (ChronoEvent        *self,
                                                      ChronoRisk          risk);
/* Where the fact comes from (document, section, record). */
const char         *chrono_event_get_source          (ChronoEvent        *self);
void                chrono_event_set_source          (ChronoEvent        *self,
                                                      const char         *source);
/* Provenance: the imported file and the row the event came from. */
const char         *chrono_event_get_file            (ChronoEvent        *self);
guint64             chrono_event_get_row             (ChronoEvent        *self);
void                chrono_event_set_provenance      (ChronoEvent        *self,
                                                      const char         *file,
                                                      guint64             row);

/* Columns the source had that the model has no field for, kept in order. */
guint               chrono_event_get_n_extras        (ChronoEvent        *self);
const char         *chrono_event_get_extra_name      (ChronoEvent        *self,
                                                      guint               index);
const char         *chrono_event_get_extra_value     (ChronoEvent        *self,
                                                      guint               index);
const char         *chrono_event_lookup_extra        (ChronoEvent        *self,
                                                      const char         *name);
void                chrono_event_add_extra           (ChronoEvent        *self,
                                                      const char         *name,
                                                      const char         *value);

G_END_DECLS
