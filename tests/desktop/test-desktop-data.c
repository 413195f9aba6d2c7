/* test-desktop-data.c: the settings schema, MIME type and desktop file as
 * the desktop reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-desktop-data"

#include "config.h"

#include <gio/gio.h>
#include <gio/gdesktopappinfo.h>
#include <glib/gstdio.h>

#define SCHEMA_ID "io.github.chronoscope.Chronoscope"
#define CASE_TYPE "application/x-chronoscope"

static char *tmp_dir;
static gboolean have_mime_database;

static void
test_schema_defaults (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-cases");
  g_autofree char *monitor = g_settings_get_string (settings, "presentation-monitor");
  g_autofree char *style = g_settings_get_string (settings, "presentation-style");

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1200);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 780);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_cmpuint (g_strv_length (recent), ==, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "gap-threshold-days"), ==, 28);
  g_assert_cmpuint (g_settings_get_uint (settings, "cp-visit-days"), ==, 14);
  g_assert_cmpuint (g_settings_get_uint (settings, "referral-action-days"), ==, 10);
  g_assert_cmpstr (monitor, ==, "");
  g_assert_cmpstr (style, ==, "light");
}

static void
test_schema_ranges (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) gap = NULL;
  g_autoptr(GSettingsSchemaKey) style = NULL;
  g_autoptr(GVariant) zero = g_variant_ref_sink (g_variant_new_uint32 (0));
  g_autoptr(GVariant) week = g_variant_ref_sink (g_variant_new_uint32 (7));
  g_autoptr(GVariant) sepia = g_variant_ref_sink (g_variant_new_string ("sepia"));
  g_autoptr(GVariant) contrast = g_variant_ref_sink (g_variant_new_string ("high-contrast"));

  g_object_get (settings, "settings-schema", &schema, NULL);
  gap = g_settings_schema_get_key (schema, "gap-threshold-days");
  style = g_settings_schema_get_key (schema, "presentation-style");

  g_assert_false (g_settings_schema_key_range_check (gap, zero));
  g_assert_true (g_settings_schema_key_range_check (gap, week));
  g_assert_false (g_settings_schema_key_range_check (style, sepia));
  g_assert_true (g_settings_schema_key_range_check (style, contrast));

  /* The memory backend keeps what is written. */
  g_settings_set_uint (settings, "gap-threshold-days", 7);
  g_settings_set_enum (settings, "presentation-style", 2);
  g_assert_cmpuint (g_settings_get_uint (settings, "gap-threshold-days"), ==, 7);
  g_assert_cmpint (g_settings_get_enum (settings, "presentation-style"), ==, 2);
  g_settings_reset (settings, "gap-threshold-days");
  g_settings_reset (settings, "presentation-style");
}

/* "SQLite format 3" is every SQLite file's magic: the extension decides, and
 * the case type stays an SQLite database for tools that only know that. */
static void
test_mime_type (void)
{
  static const guchar header[] = "SQLite format 3\0\x10\0\x02\x02\0@  ";
  g_autofree char *case_type = NULL;
  g_autofree char *db_type = NULL;
  g_autofree char *description = NULL;
  gboolean uncertain = TRUE;

  if (!have_mime_database)
    {
      g_test_skip ("update-mime-database is not installed");
      return;
    }

  case_type = g_content_type_guess ("Stacey.chronoscope", header, sizeof header - 1, &uncertain);
  g_assert_cmpstr (case_type, ==, CASE_TYPE);
  g_assert_false (uncertain);
  g_assert_true (g_content_type_is_a (case_type, "application/vnd.sqlite3"));

  db_type = g_content_type_guess ("notes.db", header, sizeof header - 1, NULL);
  g_assert_true (g_content_type_is_a (db_type, "application/vnd.sqlite3"));
  g_assert_cmpstr (db_type, !=, CASE_TYPE);

  description = g_content_type_get_description (CASE_TYPE);
  g_assert_cmpstr (description, ==, "Chronoscope case");
}

static void
test_desktop_file (void)
{
  const char *path = g_getenv ("CHRONOSCOPE_DESKTOP_FILE");
  g_autoptr(GDesktopAppInfo) info = NULL;
  g_autofree char *icon = NULL;
  const char * const *types;

  g_assert_nonnull (path);
  info = g_desktop_app_info_new_from_filename (path);
  g_assert_nonnull (info);

  g_assert_cmpstr (g_app_info_get_name (G_APP_INFO (info)), ==, "Chronoscope");
  g_assert_cmpstr (g_app_info_get_executable (G_APP_INFO (info)), ==, "chronoscope");
  icon = g_icon_to_string (g_app_info_get_icon (G_APP_INFO (info)));
  g_assert_cmpstr (icon, ==, APP_ID);
  g_assert_false (g_desktop_app_info_get_nodisplay (info));

  types = g_app_info_get_supported_types (G_APP_INFO (info));
  g_assert_nonnull (types);
  g_assert_true (g_strv_contains (types, CASE_TYPE));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* A MIME database of our own type only, in a scratch XDG_DATA_HOME; the
 * system's database (and application/vnd.sqlite3) stays in XDG_DATA_DIRS. */
static gboolean
build_mime_database (const char *mime_xml)
{
  g_autofree char *packages = g_build_filename (tmp_dir, "mime", "packages", NULL);
  g_autofree char *copy = g_build_filename (packages, "chronoscope.xml", NULL);
  g_autofree char *mime_dir = g_build_filename (tmp_dir, "mime", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("update-mime-database");
  const char *argv[] = { program, mime_dir, NULL };
  int wait_status = 0;
  gsize length;

  if (program == NULL)
    return FALSE;

  g_assert_cmpint (g_mkdir_with_parents (packages, 0700), ==, 0);
  g_assert_true (g_file_get_contents (mime_xml, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &wait_status, &error) ||
      !g_spawn_check_wait_status (wait_status, &error))
    {
      g_printerr ("update-mime-database: %s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

/* GDesktopAppInfo ignores a desktop file whose program is not in PATH: a
 * stand-in "chronoscope" in the scratch folder lets it read ours. */
static void
add_stand_in_to_path (void)
{
  g_autofree char *bin = g_build_filename (tmp_dir, "bin", NULL);
  g_autofree char *program = g_build_filename (bin, "chronoscope", NULL);
  g_autofree char *path = NULL;

  g_assert_cmpint (g_mkdir_with_parents (bin, 0700), ==, 0);
  g_assert_true (g_file_set_contents (program, "#!/bin/sh\nexit 0\n", -1, NULL));
  g_assert_cmpint (g_chmod (program, 0700), ==, 0);
  path = g_strconcat (bin, G_SEARCHPATH_SEPARATOR_S, g_getenv ("PATH"), NULL);
  g_setenv ("PATH", path, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  const char *mime_xml = g_getenv ("CHRONOSCOPE_MIME_FILE");
  int status;

  /* Before GIO reads the environment for the first time. */
  tmp_dir = g_dir_make_tmp ("chronoscope-data-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  if (g_getenv ("XDG_DATA_DIRS") == NULL)
    g_setenv ("XDG_DATA_DIRS", "/usr/local/share:/usr/share", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  add_stand_in_to_path ();

  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (mime_xml);
  have_mime_database = build_mime_database (mime_xml);

  g_test_add_func ("/data/schema/defaults", test_schema_defaults);
  g_test_add_func ("/data/schema/ranges", test_schema_ranges);
  g_test_add_func ("/data/mime-type", test_mime_type);
  g_test_add_func ("/data/desktop-file", test_desktop_file);

  status = g_test_run ();

  remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
