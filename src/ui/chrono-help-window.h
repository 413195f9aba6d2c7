/* chrono-help-window.h: Getting started, the built-in help
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHRONO_TYPE_HELP_WINDOW (chrono_help_window_get_type ())
G_DECLARE_FINAL_TYPE (ChronoHelpWindow, chrono_help_window, CHRONO, HELP_WINDOW, AdwWindow)

/* Thresholds are read from @settings, or the schema's defaults when NULL. */
ChronoHelpWindow *chrono_help_window_new (GSettings *settings);

G_END_DECLS
