/* test-desktop.c: settings, Getting started, About and the development
 * profile, driven through the real application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-desktop"

#include "chrono-ui-test.h"
#include "config.h"

#include <glib/gstdio.h>

#include "chrono-application.h"
#include "chrono-help-window.h"
#include "chrono-settings.h"
#include "chrono-window.h"
#include "chrono-window-private.h"

#define ICON_NAME  "io.github.chronoscope.Chronoscope"

static ChronoApplication *app;
static GSettings *settings;
static char *tmp_dir;

static ChronoWindow *
window_new (void)
{
  ChronoWindow *window = chrono_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (chrono_ui_test_wait_until (chrono_ui_test_is_mapped, window));
  return window;
}

static void
window_destroy (GtkWindow *window)
{
  gtk_window_destroy (window);
  chrono_ui_test_drain ();
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
        return l->data;
    }

  return NULL;
}

static guint
count_toplevels (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  guint n = 0;

  for (const GList *l = toplevels; l != NULL; l = l->next)
    n += G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data);

  return n;
}

static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *row = find_row (child, title);

      if (row != NULL)
        return row;
    }

  return NULL;
}

/* A new window takes the remembered size; a window's size is saved. */
static void
test_window_size (void)
{
  ChronoWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 600);

  window = window_new ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 600);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 650);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  window_destroy (GTK_WINDOW (window));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* Another window's size does not follow a change of the settings. */
static void
test_window_size_independent (void)
{
  ChronoWindow *first = window_new ();
  ChronoWindow *second = window_new ();
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (second), 800, 500);
  gtk_window_get_default_size (GTK_WINDOW (first), &width, &height);
  g_assert_cmpint (width, ==, 1200);

  window_destroy (GTK_WINDOW (first));
  window_destroy (GTK_WINDOW (second));
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_recent_cases (void)
{
  g_auto(GStrv) recent = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "Kept.chronoscope", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *gone = g_filename_to_uri ("/nonexistent/Gone.chronoscope", NULL, NULL);
  ChronoWindow *window;

  for (guint i = 0; i < CHRONO_SETTINGS_MAX_RECENT + 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("file:///cases/%u.chronoscope", i);

      chrono_settings_add_recent_case (settings, name);
    }
  chrono_settings_add_recent_case (settings, "file:///cases/5.chronoscope");

  recent = g_settings_get_strv (settings, "recent-cases");
  g_assert_cmpuint (g_strv_length (recent), ==, CHRONO_SETTINGS_MAX_RECENT);
  g_assert_cmpstr (recent[0], ==, "file:///cases/5.chronoscope");
  g_assert_cmpstr (recent[1], ==, "file:///cases/11.chronoscope");
  for (guint i = 1; recent[i] != NULL; i++)
    g_assert_cmpstr (recent[i], !=, "file:///cases/5.chronoscope");

  /* The welcome page lists the remembered cases that still exist. */
  g_settings_reset (settings, "recent-cases");
  window = window_new ();
  g_assert_cmpuint (_chrono_window_get_n_recent (window), ==, 0);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  chrono_settings_add_recent_case (settings, gone);
  chrono_settings_add_recent_case (settings, uri);
  chrono_ui_test_drain ();
  g_assert_cmpuint (_chrono_window_get_n_recent (window), ==, 1);
  window_destroy (GTK_WINDOW (window));

  g_settings_reset (settings, "recent-cases");
  g_unlink (path);
}

static void
test_devel_style (void)
{
  ChronoWindow *window = window_new ();
  gboolean devel = g_strcmp0 (PROFILE, "development") == 0;

  g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (window), "devel"), ==, devel);
  g_assert_cmpstr (g_application_get_application_id (G_APPLICATION (app)), ==, NULL);
  g_assert_true (g_str_has_prefix (APP_ID, "io.github.chronoscope.Chronoscope"));
  g_assert_cmpint (g_str_has_suffix (APP_ID, ".Devel"), ==, devel);
  window_destroy (GTK_WINDOW (window));
}

static void
test_help (void)
{
  ChronoWindow *window = window_new ();
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  GtkWindow *help;
  AdwActionRow *gaps;
  AdwActionRow *unallocated;

  g_assert_true (g_strv_contains ((const char * const *) accels, "F1"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  help = find_toplevel (CHRONO_TYPE_HELP_WINDOW);
  g_assert_nonnull (help);
  g_assert_true (chrono_ui_test_wait_until (chrono_ui_test_is_mapped, help));
  g_assert_cmpstr (gtk_window_get_title (help), ==, "Getting Started");
  g_assert_true (gtk_window_get_transient_for (help) == GTK_WINDOW (window));

  /* Asking again presents the same window. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  g_assert_cmpuint (count_toplevels (CHRONO_TYPE_HELP_WINDOW), ==, 1);

  /* The highlights quote the thresholds in force, in the right plural. */
  gaps = find_row (GTK_WIDGET (help), "Gaps in Contact");
  unallocated = find_row (GTK_WIDGET (help), "Unallocated Periods");
  g_assert_nonnull (gaps);
  g_assert_nonnull (unallocated);
  g_assert_nonnull (find_row (GTK_WIDGET (help), "Unshared Information"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (gaps), "more than 28 days."));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (unallocated), "more than 10 days."));

  g_settings_set_uint (settings, "gap-threshold-days", 1);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (gaps), "more than 1 day."));
  g_settings_reset (settings, "gap-threshold-days");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (gaps), "more than 28 days."));

  gtk_widget_activate_action (GTK_WIDGET (help), "window.close", NULL);
  chrono_ui_test_drain ();
  g_assert_null (find_toplevel (CHRONO_TYPE_HELP_WINDOW));

  window_destroy (GTK_WINDOW (window));
}

static void
test_about (void)
{
  ChronoWindow *window = window_new ();
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));
  AdwAboutWindow *about;

  /* Both icons come with the application, installed or not. */
  g_assert_true (gtk_icon_theme_has_icon (theme, ICON_NAME));
  g_assert_true (gtk_icon_theme_has_icon (theme, ICON_NAME "-symbolic"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = ADW_ABOUT_WINDOW (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, ICON_NAME);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_release_notes_version (about), ==, PACKAGE_VERSION);
  g_assert_nonnull (strstr (adw_about_window_get_comments (about), "“Stacey”"));
  g_assert_true (g_str_has_prefix (adw_about_window_get_website (about), "https://"));

  gtk_window_destroy (GTK_WINDOW (about));
  window_destroy (GTK_WINDOW (window));
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  int status;

  /* Keep the recent files list and settings out of $HOME. */
  tmp_dir = g_dir_make_tmp ("chronoscope-desktop-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", tmp_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmp_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("LANGUAGE", "C", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* The schema comes from GSETTINGS_SCHEMA_DIR (the build's data folder). */
  settings = chrono_settings_new ();
  g_assert_nonnull (settings);

  /* No application id: no D-Bus session needed, no other instance found. */
  app = chrono_application_new ();
  g_application_set_application_id (G_APPLICATION (app), NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chrono_application_get_settings (app));

  g_test_add_func ("/ui/desktop/window-size", test_window_size);
  g_test_add_func ("/ui/desktop/window-size-independent", test_window_size_independent);
  g_test_add_func ("/ui/desktop/recent-cases", test_recent_cases);
  g_test_add_func ("/ui/desktop/devel-style", test_devel_style);
  g_test_add_func ("/ui/desktop/help", test_help);
  g_test_add_func ("/ui/desktop/about", test_about);

  status = g_test_run ();

  chrono_ui_test_drain ();
  g_clear_object (&app);
  g_clear_object (&settings);
  remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
