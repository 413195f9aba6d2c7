/* chrono-settings.c: the application's GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-settings"

#include "config.h"

#include "chrono-settings.h"

GSettings *
chrono_settings_new (void)
{
  static gsize warned = 0;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, CHRONO_SETTINGS_SCHEMA_ID, TRUE);

  if (schema == NULL)
    {
      if (g_once_init_enter (&warned))
        {
          g_warning ("The settings schema %s is not installed, so no setting will be kept; "
                     "run build-aux/run.sh, or set GSETTINGS_SCHEMA_DIR to the build’s data folder",
                     CHRONO_SETTINGS_SCHEMA_ID);
          g_once_init_leave (&warned, 1);
        }
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

void
chrono_settings_add_recent_case (GSettings  *settings,
                                 const char *uri)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (uri != NULL);

  old = g_settings_get_strv (settings, "recent-cases");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, uri);
  for (guint i = 0; old[i] != NULL && n < CHRONO_SETTINGS_MAX_RECENT; i++)
    {
      if (g_strcmp0 (old[i], uri) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }

  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-cases", (const char * const *) recent);
}
