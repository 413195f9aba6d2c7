/* chrono-filter-popover.h: which events the case's views show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chrono-case-view.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_FILTER_POPOVER (chrono_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (ChronoFilterPopover, chrono_filter_popover, CHRONO, FILTER_POPOVER, GtkPopover)

GtkWidget *chrono_filter_popover_new           (void);
/* The filter it edits; its choices (people, agencies) come from the case. */
void       chrono_filter_popover_set_case_view (ChronoFilterPopover *self,
                                                ChronoCaseView      *case_view);
/* Reads the choices and the filter again. */
void       chrono_filter_popover_refresh       (ChronoFilterPopover *self);

G_END_DECLS
