/* test-window.c: drives the real Chronoscope window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-window"

#include "chrono-ui-test.h"
#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "chrono-application.h"
#include "chrono-window.h"
#include "chrono-window-private.h"

#define SAMPLE_EVENTS 215

static ChronoApplication *app;
static char *tmp_dir;

static gboolean
is_idle (gpointer data)
{
  return !chrono_window_get_busy (CHRONO_WINDOW (data));
}

static AdwMessageDialog *
find_error_dialog (ChronoWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) &&
          gtk_widget_get_visible (GTK_WIDGET (l->data)) &&
          gtk_window_get_transient_for (GTK_WINDOW (l->data)) == GTK_WINDOW (window))
        return l->data;
    }

  return NULL;
}

static gboolean
has_error_dialog (gpointer data)
{
  return find_error_dialog (CHRONO_WINDOW (data)) != NULL;
}

static void
dismiss_error_dialog (ChronoWindow *window)
{
  AdwMessageDialog *dialog = find_error_dialog (window);

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  chrono_ui_test_drain ();
  g_assert_null (find_error_dialog (window));
}

static ChronoWindow *
window_new (void)
{
  ChronoWindow *window = chrono_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (chrono_ui_test_wait_until (chrono_ui_test_is_mapped, window));
  return window;
}

static void
window_destroy (ChronoWindow *window)
{
  g_assert_true (chrono_ui_test_wait_until (is_idle, window));
  gtk_window_destroy (GTK_WINDOW (window));
  chrono_ui_test_drain ();
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* A fresh, writable copy of the sample case the build makes. */
static char *
copy_sample_case (const char *name)
{
  g_autofree char *source = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *target = tmp_path (name);
  gsize length;

  source = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "data", "stacey.chronoscope", NULL);
  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);

  write_file (target, contents, length);
  return target;
}

static ChronoWindow *
open_case (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronoWindow *window = window_new ();

  chrono_window_open_file (window, file);
  g_assert_true (chrono_window_get_busy (window));
  g_assert_true (chrono_ui_test_wait_until (is_idle, window));
  g_assert_null (find_error_dialog (window));
  return window;
}

static void
assert_sorted_by_date (ChronoTableView *table,
                       GtkSortType      order)
{
  guint n_rows = chrono_table_view_get_n_rows (table);
  g_autoptr(ChronoEvent) previous = NULL;

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(ChronoEvent) event = chrono_table_view_dup_row_event (table, i);

      if (previous != NULL)
        {
          int cmp = chrono_date_compare (chrono_event_get_date (previous),
                                         chrono_event_get_date (event));

          if (order == GTK_SORT_ASCENDING)
            g_assert_cmpint (cmp, <=, 0);
          else
            g_assert_cmpint (cmp, >=, 0);
        }
      g_set_object (&previous, event);
    }
}

static void
test_welcome (void)
{
  ChronoWindow *window = window_new ();

  g_assert_cmpstr (_chrono_window_get_page (window), ==, "welcome");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Chronoscope");
  g_assert_null (chrono_window_get_store (window));
  g_assert_true (chrono_window_is_idle (window));
  g_assert_cmpuint (g_list_model_get_n_items (chrono_window_get_events (window)), ==, 0);

  /* Nothing to close yet: the action is disabled, activating it is harmless. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-case", NULL);
  g_assert_cmpstr (_chrono_window_get_page (window), ==, "welcome");

  window_destroy (window);
}

static void
test_open_case (void)
{
  g_autofree char *path = copy_sample_case ("stacey.chronoscope");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  ChronoWindow *window = open_case (path);
  ChronoTableView *table = chrono_window_get_table_view (window);
  const char *subtitle;

  g_assert_cmpstr (_chrono_window_get_page (window), ==, "case");
  g_assert_nonnull (chrono_window_get_store (window));
  g_assert_false (_chrono_window_get_read_only_notice (window));

  /* Every event of the review, in the window's model and in the table */
  g_assert_cmpuint (g_list_model_get_n_items (chrono_window_get_events (window)), ==, SAMPLE_EVENTS);
  g_assert_cmpuint (chrono_table_view_get_n_rows (table), ==, SAMPLE_EVENTS);

  /* Title: the case name; subtitle: its period and size */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "stacey");
  subtitle = _chrono_window_get_subtitle (window);
  g_assert_nonnull (subtitle);
  g_assert_nonnull (strstr (subtitle, "215 events"));
  g_assert_nonnull (strstr (subtitle, "1985"));

  /* The case is remembered */
  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));

  /* Close it: back to the welcome page */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-case", NULL);
  g_assert_cmpstr (_chrono_window_get_page (window), ==, "welcome");
  g_assert_null (chrono_window_get_store (window));
  g_assert_cmpuint (chrono_table_view_get_n_rows (table), ==, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Chronoscope");

  window_destroy (window);
}

static void
test_sort (void)
{
  g_autofree char *path = copy_sample_case ("sort.chronoscope");
  ChronoWindow *window = open_case (path);
  ChronoTableView *table = chrono_window_get_table_view (window);
  GtkColumnView *view = chrono_table_view_get_column_view (table);
  GListModel *columns;
  g_autoptr(GtkColumnViewColumn) agency_column = NULL;
  g_autoptr(ChronoEvent) first = NULL;
  g_autoptr(ChronoEvent) last = NULL;
  g_autoptr(ChronoEvent) selected = NULL;
  guint n_rows;

  n_rows = chrono_table_view_get_n_rows (table);
  g_assert_cmpuint (n_rows, ==, SAMPLE_EVENTS);
  assert_sorted_by_date (table, GTK_SORT_ASCENDING);

  /* Newest first, as a second click on the Date header does */
  chrono_table_view_sort_by_date (table, GTK_SORT_DESCENDING);
  chrono_ui_test_drain ();
  g_assert_cmpuint (chrono_table_view_get_n_rows (table), ==, SAMPLE_EVENTS);
  assert_sorted_by_date (table, GTK_SORT_DESCENDING);
  first = chrono_table_view_dup_row_event (table, 0);
  last = chrono_table_view_dup_row_event (table, n_rows - 1);
  g_assert_cmpint (chrono_date_compare (chrono_event_get_date (first),
                                        chrono_event_get_date (last)), >, 0);

  /* Selection follows the event, not the row, and is shared by object */
  chrono_table_view_set_selected_event (table, last);
  g_object_get (table, "selected-event", &selected, NULL);
  g_assert_true (selected == last);

  /* The Agency column sorts by agency name */
  columns = gtk_column_view_get_columns (view);
  agency_column = g_list_model_get_item (columns, 1);
  g_assert_cmpstr (gtk_column_view_column_get_title (agency_column), ==, "Agency");
  gtk_column_view_sort_by_column (view, agency_column, GTK_SORT_ASCENDING);
  chrono_ui_test_drain ();
  for (guint i = 1; i < n_rows; i++)
    {
      g_autoptr(ChronoEvent) a = chrono_table_view_dup_row_event (table, i - 1);
      g_autoptr(ChronoEvent) b = chrono_table_view_dup_row_event (table, i);

      g_assert_cmpint (g_utf8_collate (chrono_event_get_agency (a), chrono_event_get_agency (b)), <=, 0);
    }
  g_assert_true (chrono_table_view_get_selected_event (table) == last);

  chrono_table_view_sort_by_date (table, GTK_SORT_ASCENDING);
  assert_sorted_by_date (table, GTK_SORT_ASCENDING);

  window_destroy (window);
}

static void
assert_open_fails (ChronoWindow *window,
                   const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *page = _chrono_window_get_page (window);
  guint n_events = g_list_model_get_n_items (chrono_window_get_events (window));
  AdwMessageDialog *dialog;

  chrono_window_open_file (window, file);
  g_assert_true (chrono_ui_test_wait_until (has_error_dialog, window));
  g_assert_true (chrono_ui_test_wait_until (is_idle, window));

  dialog = find_error_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open Case");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");

  /* Whatever was showing is still there */
  g_assert_cmpstr (_chrono_window_get_page (window), ==, page);
  g_assert_cmpuint (g_list_model_get_n_items (chrono_window_get_events (window)), ==, n_events);

  dismiss_error_dialog (window);
}

static void
test_open_errors (void)
{
  static const char png[] =
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89"
    "\0\0\0\rIDATx\x9c" "c\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xae" "B`\x82";
  g_autofree char *png_path = tmp_path ("picture.png");
  g_autofree char *empty_path = tmp_path ("empty.chronoscope");
  g_autofree char *missing_path = tmp_path ("missing.chronoscope");
  g_autofree char *truncated_path = tmp_path ("truncated.chronoscope");
  g_autofree char *case_path = copy_sample_case ("errors.chronoscope");
  g_autofree char *contents = NULL;
  gsize length;
  ChronoWindow *window;

  write_file (png_path, png, sizeof png - 1);
  write_file (empty_path, "", 0);
  g_assert_true (g_file_get_contents (case_path, &contents, &length, NULL));
  write_file (truncated_path, contents, MIN (length / 3, 8192));

  window = window_new ();
  assert_open_fails (window, png_path);
  assert_open_fails (window, empty_path);
  assert_open_fails (window, missing_path);
  assert_open_fails (window, truncated_path);
  g_assert_cmpstr (_chrono_window_get_page (window), ==, "welcome");

  /* A failed open leaves an open case alone */
  {
    g_autoptr(GFile) file = g_file_new_for_path (case_path);

    chrono_window_open_file (window, file);
    g_assert_true (chrono_ui_test_wait_until (is_idle, window));
    g_assert_cmpuint (g_list_model_get_n_items (chrono_window_get_events (window)), ==, SAMPLE_EVENTS);
  }
  assert_open_fails (window, png_path);
  g_assert_cmpstr (_chrono_window_get_page (window), ==, "case");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "errors");

  /* A dropped picture is refused the same way */
  {
    g_autoptr(GFile) file = g_file_new_for_path (png_path);

    chrono_window_open_files (window, &file, 1);
    g_assert_true (chrono_ui_test_wait_until (has_error_dialog, window));
    g_assert_true (chrono_ui_test_wait_until (is_idle, window));
    dismiss_error_dialog (window);
  }

  window_destroy (window);
}

static void
test_read_only (void)
{
  g_autofree char *path = copy_sample_case ("read-only.chronoscope");
  g_autoptr(GFile) csv_file = NULL;
  ChronoWindow *window;

  if (geteuid () == 0)
    {
      g_test_skip ("root can write to read-only files");
      return;
    }

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  window = open_case (path);
  g_assert_cmpuint (chrono_table_view_get_n_rows (chrono_window_get_table_view (window)), ==, SAMPLE_EVENTS);
  g_assert_true (_chrono_window_get_read_only_notice (window));
  g_assert_true (chrono_store_is_read_only (chrono_window_get_store (window)));

  /* Nothing can be imported into it */
  csv_file = g_file_new_for_path (path);
  chrono_window_import_files (window, &csv_file, 1);
  g_assert_true (chrono_ui_test_wait_until (has_error_dialog, window));
  g_assert_cmpstr (adw_message_dialog_get_heading (find_error_dialog (window)), ==,
                   "Could Not Import Chronology");
  dismiss_error_dialog (window);
  g_assert_cmpuint (chrono_table_view_get_n_rows (chrono_window_get_table_view (window)), ==, SAMPLE_EVENTS);

  /* Closing it leaves the file as it was */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-case", NULL);
  g_assert_cmpstr (_chrono_window_get_page (window), ==, "welcome");
  window_destroy (window);
}

static void
test_import (void)
{
  static const char csv[] =
    "date,agency,unit,subjects,kind,summary\n"
    "2014-11-30,Test Agency,Desk,Stacey,contact,A test entry.\n"
    "2014-12-01,Test Agency,,Stacey,meeting,Another test entry.\n"
    "not a date,Test Agency,,Stacey,contact,A row that cannot be read.\n";
  g_autofree char *case_path = tmp_path ("new-case");
  g_autofree char *real_case_path = tmp_path ("new-case.chronoscope");
  g_autofree char *csv_path = tmp_path ("extra.csv");
  g_autoptr(GFile) case_file = NULL;
  g_autoptr(GFile) csv_file = NULL;
  ChronoWindow *window;

  write_file (csv_path, csv, -1);
  csv_file = g_file_new_for_path (csv_path);
  case_file = g_file_new_for_path (case_path);

  /* A new case gets the extension and imports the chronology */
  window = window_new ();
  chrono_window_create_case (window, case_file, &csv_file, 1);
  g_assert_true (chrono_ui_test_wait_until (is_idle, window));
  g_assert_null (find_error_dialog (window));
  g_assert_true (g_file_test (real_case_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (_chrono_window_get_page (window), ==, "case");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "new-case");
  g_assert_cmpuint (chrono_table_view_get_n_rows (chrono_window_get_table_view (window)), ==, 2);
  g_assert_nonnull (strstr (_chrono_window_get_subtitle (window), "2 events"));

  /* The same file again is refused: its events are in the case already */
  chrono_window_import_files (window, &csv_file, 1);
  g_assert_true (chrono_ui_test_wait_until (has_error_dialog, window));
  g_assert_true (chrono_ui_test_wait_until (is_idle, window));
  g_assert_cmpuint (chrono_table_view_get_n_rows (chrono_window_get_table_view (window)), ==, 2);
  dismiss_error_dialog (window);
  window_destroy (window);

  /* An existing file is never replaced by a new case */
  window = window_new ();
  chrono_window_create_case (window, case_file, NULL, 0);
  g_assert_true (chrono_ui_test_wait_until (has_error_dialog, window));
  g_assert_cmpstr (adw_message_dialog_get_heading (find_error_dialog (window)), ==,
                   "Could Not Create Case");
  dismiss_error_dialog (window);
  g_assert_cmpstr (_chrono_window_get_page (window), ==, "welcome");
  window_destroy (window);

  /* Importing into the sample: 215 + 2 events */
  {
    g_autofree char *path = copy_sample_case ("import.chronoscope");

    window = open_case (path);
    chrono_window_import_files (window, &csv_file, 1);
    g_assert_true (chrono_ui_test_wait_until (is_idle, window));
    g_assert_null (find_error_dialog (window));
    g_assert_cmpuint (chrono_table_view_get_n_rows (chrono_window_get_table_view (window)), ==,
                      SAMPLE_EVENTS + 2);
    window_destroy (window);
  }
}

static void
test_sample (void)
{
  g_autofree char *path = NULL;
  GStatBuf before, after;
  ChronoWindow *window;

  path = g_build_filename (g_get_user_data_dir (), "chronoscope",
                           "Sample – Stacey.chronoscope", NULL);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Built on first use from the bundled chronology */
  window = window_new ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  g_assert_true (chrono_ui_test_wait_until (is_idle, window));
  g_assert_null (find_error_dialog (window));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Sample – Stacey");
  g_assert_cmpuint (chrono_table_view_get_n_rows (chrono_window_get_table_view (window)), ==, SAMPLE_EVENTS);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-case", NULL);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  /* Reused afterwards */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  g_assert_true (chrono_ui_test_wait_until (is_idle, window));
  g_assert_cmpuint (chrono_table_view_get_n_rows (chrono_window_get_table_view (window)), ==, SAMPLE_EVENTS);
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpint (before.st_ino, ==, after.st_ino);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-case", NULL);

  /* Rebuilt when damaged */
  write_file (path, "garbage", -1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  g_assert_true (chrono_ui_test_wait_until (is_idle, window));
  g_assert_null (find_error_dialog (window));
  g_assert_cmpuint (chrono_table_view_get_n_rows (chrono_window_get_table_view (window)), ==, SAMPLE_EVENTS);

  window_destroy (window);
}

static void
test_shortcuts_window (void)
{
  GtkBuilder *builder;
  GObject *overlay;

  /* GtkApplication found the help overlay through the resource base path */
  builder = gtk_builder_new_from_resource ("/io/github/chronoscope/Chronoscope/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
  g_object_unref (builder);

  {
    ChronoWindow *window = window_new ();

    g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
    window_destroy (window);
  }
}

static gboolean
remove_tree (GFile   *file,
             GError **error)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
        remove_tree (child, NULL);
    }

  return g_file_delete (file, NULL, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  int status;

  /* Keep the recent files list, the sample case and settings out of $HOME. */
  tmp_dir = g_dir_make_tmp ("chronoscope-ui-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", tmp_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmp_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  /* Xvfb has no GPU: GL through llvmpipe spends seconds compiling shaders. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("LANGUAGE", "C", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* No application id: no D-Bus session needed, no other instance found. */
  app = chrono_application_new ();
  g_application_set_application_id (G_APPLICATION (app), NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/window/welcome", test_welcome);
  g_test_add_func ("/ui/window/open-case", test_open_case);
  g_test_add_func ("/ui/window/sort", test_sort);
  g_test_add_func ("/ui/window/open-errors", test_open_errors);
  g_test_add_func ("/ui/window/read-only", test_read_only);
  g_test_add_func ("/ui/window/import", test_import);
  g_test_add_func ("/ui/window/sample", test_sample);
  g_test_add_func ("/ui/window/shortcuts", test_shortcuts_window);

  status = g_test_run ();

  chrono_ui_test_drain ();
  g_clear_object (&app);
  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmp_dir);
    remove_tree (dir, NULL);
  }
  g_free (tmp_dir);

  return status;
}
