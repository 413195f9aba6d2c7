/* chrono-application.h: the application, its app-wide actions and windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHRONO_TYPE_APPLICATION (chrono_application_get_type ())
G_DECLARE_FINAL_TYPE (ChronoApplication, chrono_application, CHRONO, APPLICATION, AdwApplication)

ChronoApplication *chrono_application_new             (void);
/* A window for a new case: an idle window (no case, nothing running) when
 * there is one, otherwise a new window.  Not presented yet. */
GtkWindow         *chrono_application_get_idle_window (ChronoApplication *self);
/* The application's settings, or NULL when the schema is not installed. */
GSettings         *chrono_application_get_settings    (ChronoApplication *self);

G_END_DECLS
