/* chrono-settings.h: the application's GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The same schema for both profiles (see the schema in data/). */
#define CHRONO_SETTINGS_SCHEMA_ID  "io.github.chronoscope.Chronoscope"
#define CHRONO_SETTINGS_MAX_RECENT 10

/* Returns (transfer full) (nullable): the settings, or NULL, after one
 * warning, when the schema is not installed (a build tree run without
 * GSETTINGS_SCHEMA_DIR): nothing is then remembered. */
GSettings *chrono_settings_new             (void);
/* Puts @uri first in "recent-cases", keeping at most
 * CHRONO_SETTINGS_MAX_RECENT. */
void       chrono_settings_add_recent_case (GSettings  *settings,
                                            const char *uri);

G_END_DECLS
