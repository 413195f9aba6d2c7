/* chrono-window-private.h: what the UI tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chrono-window.h"

G_BEGIN_DECLS

/* "welcome" or "case". */
const char *_chrono_window_get_page     (ChronoWindow *self);
/* The header bar's subtitle: the case's period and event count. */
const char *_chrono_window_get_subtitle (ChronoWindow *self);
/* Whether the read-only notice is showing. */
gboolean    _chrono_window_get_read_only_notice (ChronoWindow *self);
/* How many cases the welcome page lists as recent. */
guint       _chrono_window_get_n_recent (ChronoWindow *self);

G_END_DECLS
