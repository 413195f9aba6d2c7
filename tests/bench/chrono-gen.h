/* chrono-gen.h: deterministic synthetic chronologies for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chrono-event.h"

G_BEGIN_DECLS

/* A generator of plausible multi-agency events: realistic kinds and
 * proportions, spans with end dates (custody, admissions, plans,
 * allocations), about 10% partial dates (month, year, approximate), times,
 * units, subjects, sharing lists, summaries of 100-200 characters (some
 * with commas, quotes, accents or a line break).  The same seed always
 * gives the same events, on every platform. */
typedef struct _ChronoGen ChronoGen;

/* @n_events spreads the dates over about fifteen years; @n_agencies >= 1. */
ChronoGen  *chrono_gen_new               (guint64      n_events,
                                          guint        n_agencies,
                                          guint64      seed);
void        chrono_gen_free              (ChronoGen   *gen);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoGen, chrono_gen_free)

/* The name of agency @index (0 .. n_agencies - 1). */
const char *chrono_gen_agency_name       (ChronoGen   *gen,
                                          guint        index);

/* Fills @event (cleared first) with the next event. */
void        chrono_gen_next_event        (ChronoGen   *gen,
                                          ChronoEvent *event);

/* The exchange format's header line, with CRLF. */
void        chrono_gen_append_csv_header (GString     *out);
/* @event as one exchange-format line, with CRLF, exactly as
 * chrono_exchange_export() writes it (no extra columns). */
void        chrono_gen_append_csv_row    (GString     *out,
                                          ChronoEvent *event);

/* Writes a whole chronology of @n_events events across @n_agencies
 * agencies to @path in the exchange format. */
gboolean    chrono_gen_write_csv         (const char  *path,
                                          guint64      n_events,
                                          guint        n_agencies,
                                          guint64      seed,
                                          GError     **error);

G_END_DECLS
