/* chrono-timeline-options.h: how a timeline is drawn, and the case's scope
 * period and key dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "chrono-store.h"
#include "chrono-timeline-layout.h"

G_BEGIN_DECLS

/* Case meta keys (chrono_store_get_meta) the timeline reads:
 *
 * "scope_from", "scope_to": the period the review covers, as exchange-format
 *   dates ("2008-08-01", or "2008-08" / "2008" meaning the whole month or
 *   year).  Shaded on the timeline.  Either may be missing: the scope then
 *   runs from the first or to the last event.
 * "key_dates": one key date a line, "DATE<TAB>label" (DATE as above, e.g.
 *   "2011-10-05\tDate of death").  Each is drawn as a labelled vertical line,
 *   or as a narrow band over its month or year when that is all it gives.
 *   Lines that do not read as a date are left out. */
#define CHRONO_META_SCOPE_FROM "scope_from"
#define CHRONO_META_SCOPE_TO   "scope_to"
#define CHRONO_META_KEY_DATES  "key_dates"

typedef enum
{
  CHRONO_TIMELINE_THEME_LIGHT,
  CHRONO_TIMELINE_THEME_DARK,
  CHRONO_TIMELINE_THEME_HIGH_CONTRAST,
} ChronoTimelineTheme;

typedef struct
{
  gint32  first_day;
  gint32  last_day;    /* == first_day for a day */
  char   *label;
} ChronoKeyDate;

typedef struct
{
  ChronoTimelineTheme theme;
  double              scale_factor;    /* device pixels per pixel (PNG), 1 by default */
  double              font_size;       /* pixels; 0 for the default */
  gboolean            show_labels;     /* event summaries next to marks */
  gboolean            show_legend;     /* shapes and styles explained below */
  gboolean            collapse_lanes;  /* roll every lane's units up */

  gboolean            has_scope;
  gint32              scope_first;     /* days; see chrono-date.h */
  gint32              scope_last;
  GArray             *key_dates;       /* ChronoKeyDate, by day */

  ChronoLabelFunc     label_func;      /* summaries for labels */
  gpointer            label_data;

  /*< private >*/
  GDestroyNotify      label_destroy;
} ChronoTimelineOptions;

ChronoTimelineOptions *chrono_timeline_options_new  (void);
void                   chrono_timeline_options_free (ChronoTimelineOptions *options);
/* Adds a key date covering [@first_day, @last_day]. */
void chrono_timeline_options_add_key_date (ChronoTimelineOptions *options,
                                           gint32                 first_day,
                                           gint32                 last_day,
                                           const char            *label);
/* Reads the scope and key dates from @store's meta table and takes labels
 * (event summaries) from it; keeps a reference to @store. */
gboolean chrono_timeline_options_load_case (ChronoTimelineOptions  *options,
                                            ChronoStore            *store,
                                            GError                **error);
/* Parses the "key_dates" meta value into @options. */
void chrono_timeline_options_parse_key_dates (ChronoTimelineOptions *options,
                                              const char            *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoTimelineOptions, chrono_timeline_options_free)

G_END_DECLS
