/* chrono-row-mapper.h: one table row into one event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chrono-aliases.h"
#include "chrono-columns.h"
#include "chrono-event.h"

G_BEGIN_DECLS

typedef struct _ChronoRowMapper ChronoRowMapper;

/* @header: the table's header cells.  @exchange: read strictly as the
 * exchange format (ISO dates with a precision column, ';' lists, the
 * schema's words, text verbatim); otherwise read leniently as agencies
 * write (UK dates, type labels, "Risk assessed as high", "(until …)"). */
ChronoRowMapper *chrono_row_mapper_new          (GPtrArray          *header,
                                                 gboolean            exchange,
                                                 ChronoAliases      *aliases,
                                                 const char         *file_name,
                                                 const char         *agency);
void             chrono_row_mapper_free         (ChronoRowMapper    *self);
void             chrono_row_mapper_set_order    (ChronoRowMapper    *self,
                                                 ChronoDateOrder     order);
/* A guess from the file name, used when neither the row, its source nor
 * the agency given for the file names one. */
void             chrono_row_mapper_set_suggested_agency (ChronoRowMapper *self,
                                                         const char      *agency);
/* The case's lanes so far, for resolving agency names; @lanes is copied. */
void             chrono_row_mapper_set_lanes    (ChronoRowMapper    *self,
                                                 const char * const *lanes);
ChronoField      chrono_row_mapper_get_field    (ChronoRowMapper    *self,
                                                 guint               column);
/* "header → field" lines for the report. */
GPtrArray       *chrono_row_mapper_describe     (ChronoRowMapper    *self);

/* Fills @event from @cells.  Returns FALSE, with @reason (newly allocated)
 * saying why, when the row cannot become an event; blank rows give FALSE
 * with @reason NULL. */
gboolean         chrono_row_mapper_map          (ChronoRowMapper    *self,
                                                 GPtrArray          *cells,
                                                 guint64             row,
                                                 ChronoEvent        *event,
                                                 char              **reason);

/* How the file's slash dates read: counts of dates only day-first can
 * explain, only month-first can explain, and either. */
void             chrono_row_mapper_get_date_evidence (ChronoRowMapper *self,
                                                      guint           *day_first,
                                                      guint           *month_first,
                                                      guint           *either);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoRowMapper, chrono_row_mapper_free)

G_END_DECLS
