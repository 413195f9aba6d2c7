/* chrono-window.c: a window showing one case, or the welcome page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "chrono-case-job.h"
#include "chrono-exchange.h"
#include "chrono-settings.h"
#include "chrono-timeline-page.h"
#include "chrono-window.h"
#include "chrono-window-private.h"

/* Not translated: the file is found again by this name in every language. */
#define SAMPLE_CASE_NAME   "Sample – Stacey"
#define MAX_RECENT_CASES   5

struct _ChronoWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *title_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkSpinner           *spinner;
  AdwViewStack         *main_stack;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  GtkRevealer          *read_only_revealer;
  AdwViewStack         *case_stack;
  ChronoTableView      *table_view;
  ChronoTimelinePage   *timeline_page;

  GSettings            *settings;    /* NULL without the schema */
  ChronoStore          *store;
  char                 *case_name;
  GListStore           *events;
  GtkNativeDialog      *chooser;
  GPtrArray            *pending_imports;  /* GFile: waiting for a new case */
  GCancellable         *cancellable;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (ChronoWindow, chrono_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void chrono_window_start_job (ChronoWindow  *self,
                                     ChronoCaseJob *job);

/* Helpers (main thread) */

static void
show_error (ChronoWindow *self,
            const char   *heading,
            const char   *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_toast (ChronoWindow *self,
            const char   *text)
{
  /* Toast titles are Pango markup in libadwaita 1.2. */
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

static void
update_actions (ChronoWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_case = self->store != NULL;
  gboolean writable = has_case && !chrono_store_is_read_only (self->store);

  gtk_widget_action_set_enabled (widget, "win.open", !self->busy);
  gtk_widget_action_set_enabled (widget, "win.new-case", !self->busy);
  gtk_widget_action_set_enabled (widget, "win.import", !self->busy && (!has_case || writable));
  gtk_widget_action_set_enabled (widget, "win.open-sample", !self->busy);
  gtk_widget_action_set_enabled (widget, "win.close-case", !self->busy && has_case);
}

static void
set_busy (ChronoWindow *self,
          gboolean      busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static char *
describe_events (GPtrArray *events)
{
  g_autofree char *count = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const ChronoDate *first = NULL;
  const ChronoDate *last = NULL;
  gint32 last_day = G_MININT32;

  if (events->len == 0)
    return g_strdup (_("No events yet"));

  for (guint i = 0; i < events->len; i++)
    {
      ChronoEvent *event = g_ptr_array_index (events, i);
      const ChronoDate *start = chrono_event_get_date (event);
      const ChronoDate *end = chrono_event_is_span (event) ? chrono_event_get_end_date (event) : start;
      gint32 first_day, end_day;

      if (!chrono_date_is_set (start))
        continue;

      if (first == NULL || chrono_date_compare (start, first) < 0)
        first = start;

      chrono_date_get_interval (end, &first_day, &end_day);
      if (last == NULL || end_day > last_day)
        {
          last = end;
          last_day = end_day;
        }
    }

  count = g_strdup_printf (ngettext ("%u event", "%u events", events->len), events->len);
  if (first == NULL)
    return g_steal_pointer (&count);

  from = chrono_date_format (first);
  to = chrono_date_format (last);
  if (g_strcmp0 (from, to) == 0)
    /* Translators: the case's period and size: "2014 · 12 events" */
    return g_strdup_printf (_("%s · %s"), from, count);

  /* Translators: the case's period and size: "1985 – Apr 2016 · 215 events" */
  return g_strdup_printf (_("%s – %s · %s"), from, to, count);
}

static void
show_events (ChronoWindow *self,
             GPtrArray    *events)
{
  g_autofree char *subtitle = describe_events (events);

  g_list_store_splice (self->events, 0, g_list_model_get_n_items (G_LIST_MODEL (self->events)),
                       events->pdata, events->len);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

static void
add_to_recent (ChronoWindow *self,
               const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  gboolean history = TRUE;
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) CHRONO_CASE_MIME_TYPE,
    .app_name = (char *) "Chronoscope",
    .app_exec = (char *) "chronoscope %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);

  /* Our own list too, unless the desktop's file history is turned off. */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-recent-files-enabled", &history, NULL);
  if (self->settings != NULL && history)
    chrono_settings_add_recent_case (self->settings, uri);
}

static void
set_case (ChronoWindow *self,
          ChronoStore  *store,
          const char   *name,
          gboolean      read_only)
{
  chrono_timeline_page_set_store (self->timeline_page, store);
  if (self->store != NULL && self->store != store)
    chrono_store_close (self->store);
  g_set_object (&self->store, store);

  g_free (self->case_name);
  self->case_name = g_strdup (name);

  gtk_window_set_title (GTK_WINDOW (self), name);
  adw_view_switcher_title_set_title (self->switcher_title, name);
  gtk_revealer_set_reveal_child (self->read_only_revealer, read_only);
  gtk_stack_set_visible_child_name (self->title_stack, "case");
  adw_view_stack_set_visible_child_name (self->main_stack, "case");
  adw_view_stack_set_visible_child_name (self->case_stack, "timeline");

  add_to_recent (self, chrono_store_get_path (store));
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
show_import_results (ChronoWindow  *self,
                     ChronoCaseJob *job)
{
  for (guint i = 0; i < job->reports->len; i++)
    {
      ChronoImportReport *report = g_ptr_array_index (job->reports, i);
      g_autofree char *imported = NULL;
      g_autofree char *rejected = NULL;
      g_autofree char *text = NULL;

      imported = g_strdup_printf (ngettext ("%u event imported", "%u events imported",
                                            report->imported),
                                  report->imported);
      rejected = g_strdup_printf (ngettext ("%u rejected", "%u rejected", report->rejected),
                                  report->rejected);
      /* Translators: "215 events imported, 3 rejected from police.csv" */
      text = g_strdup_printf (_("%s, %s from %s"), imported, rejected, report->file);
      show_toast (self, text);
    }

  if (job->import_errors->len == 1)
    {
      show_error (self, _("Could Not Import Chronology"),
                  g_ptr_array_index (job->import_errors, 0));
    }
  else if (job->import_errors->len > 1)
    {
      g_autofree char *body = NULL;

      g_ptr_array_add (job->import_errors, NULL);
      body = g_strjoinv ("\n\n", (char **) job->import_errors->pdata);
      show_error (self, _("Some Chronologies Were Not Imported"), body);
    }
}

static const char *
job_error_heading (ChronoCaseJob *job)
{
  switch (job->kind)
    {
    case CHRONO_CASE_JOB_SAMPLE:
      return _("Could Not Open the Sample Case");
    case CHRONO_CASE_JOB_CREATE:
      return _("Could Not Create Case");
    case CHRONO_CASE_JOB_IMPORT:
      return _("Could Not Import Chronology");
    case CHRONO_CASE_JOB_OPEN:
    default:
      return _("Could Not Open Case");
    }
}

static void
job_done_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ChronoWindow *self = CHRONO_WINDOW (source_object);
  ChronoCaseJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_application_release (job->application);
  g_clear_object (&job->application);

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* The window was closed while the job ran. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (!ok)
    {
      if (job->kind != CHRONO_CASE_JOB_IMPORT && job->store != NULL)
        chrono_store_close (job->store);
      show_error (self, job_error_heading (job), error->message);
      return;
    }

  if (job->kind != CHRONO_CASE_JOB_IMPORT)
    set_case (self, job->store, job->name, job->read_only);
  show_events (self, job->events);
  chrono_timeline_page_set_marks (self->timeline_page, job->marks);
  show_import_results (self, job);
}

static void
chrono_window_start_job (ChronoWindow  *self,
                         ChronoCaseJob *job)
{
  g_autoptr(GTask) task = NULL;

  g_assert (!self->busy);

  job->application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (job->application == NULL)
    job->application = g_application_get_default ();
  g_assert (job->application != NULL);
  g_object_ref (job->application);
  g_application_hold (job->application);

  set_busy (self, TRUE);

  task = g_task_new (self, self->cancellable, job_done_cb, NULL);
  g_task_set_source_tag (task, chrono_window_start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) chrono_case_job_free);
  g_task_run_in_thread (task, chrono_case_job_run);
}

static gboolean
refuse_when_busy (ChronoWindow *self)
{
  if (!self->busy)
    return FALSE;

  show_toast (self, _("Please wait: the case is still being updated"));
  return TRUE;
}

static void
release_chooser (ChronoWindow    *self,
                 GtkNativeDialog *dialog)
{
  if (self->chooser == dialog)
    g_clear_object (&self->chooser);
}

static void
show_chooser (ChronoWindow         *self,
              GtkFileChooserNative *native,
              GCallback             response_cb)
{
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }

  self->chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (native, "response", response_cb, self, 0);
  gtk_native_dialog_show (self->chooser);
}

static GtkFileFilter *
case_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Chronoscope Cases"));
  gtk_file_filter_add_mime_type (filter, CHRONO_CASE_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "chronoscope");
  return filter;
}

/* What agencies send: the importer reads each of these by its contents. */
static const char * const chronology_suffixes[] = {
  "csv", "tsv", "txt", "xlsx", "xlsm", "ods", "docx", NULL
};

static GtkFileFilter *
csv_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Chronologies (CSV, TSV, XLSX, ODS, DOCX)"));
  for (guint i = 0; chronology_suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, chronology_suffixes[i]);
  return filter;
}

static gboolean
is_csv (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *folded = base != NULL ? g_ascii_strdown (base, -1) : NULL;

  if (folded == NULL)
    return FALSE;
  for (guint i = 0; chronology_suffixes[i] != NULL; i++)
    {
      g_autofree char *dotted = g_strconcat (".", chronology_suffixes[i], NULL);

      if (g_str_has_suffix (folded, dotted))
        return TRUE;
    }
  return FALSE;
}

static void
ask_for_new_case (ChronoWindow *self,
                  const char   *title,
                  GFile       **imports,
                  guint         n_imports);

/* Callbacks */

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  ChronoWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        chrono_window_open_file (self, file);
    }

  release_chooser (self, dialog);
}

static void
new_case_response_cb (GtkNativeDialog *dialog,
                      int              response,
                      ChronoWindow    *self)
{
  g_autoptr(GPtrArray) imports = g_steal_pointer (&self->pending_imports);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        chrono_window_create_case (self, file,
                                   imports != NULL ? (GFile **) imports->pdata : NULL,
                                   imports != NULL ? imports->len : 0);
    }

  release_chooser (self, dialog);
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    ChronoWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
      guint n_files = g_list_model_get_n_items (files);

      for (guint i = 0; i < n_files; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));

      if (array->len > 0)
        chrono_window_import_files (self, (GFile **) array->pdata, array->len);
    }

  release_chooser (self, dialog);
}

static void
ask_for_new_case (ChronoWindow *self,
                  const char   *title,
                  GFile       **imports,
                  guint         n_imports)
{
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  g_clear_pointer (&self->pending_imports, g_ptr_array_unref);
  if (n_imports > 0)
    {
      self->pending_imports = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n_imports; i++)
        g_ptr_array_add (self->pending_imports, g_object_ref (imports[i]));
    }

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Create"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), case_filter_new ());
  /* Translators: the file name offered for a new case; keep the extension */
  name = g_strconcat (_("New Case"), CHRONO_CASE_SUFFIX, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  show_chooser (self, native, G_CALLBACK (new_case_response_cb));
}

static void
recent_row_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         ChronoWindow  *self)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  g_autoptr(GFile) file = NULL;

  if (uri == NULL)
    return;

  file = g_file_new_for_uri (uri);
  chrono_window_open_file (self, file);
}

static gboolean
is_recent_case (GtkRecentInfo *info)
{
  return (g_strcmp0 (gtk_recent_info_get_mime_type (info), CHRONO_CASE_MIME_TYPE) == 0 ||
          g_str_has_suffix (gtk_recent_info_get_uri (info), CHRONO_CASE_SUFFIX)) &&
         gtk_recent_info_is_local (info) &&
         gtk_recent_info_exists (info);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  /* Newest first */
  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

static GtkWidget *
recent_row_new (const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *folder = parent != NULL ? g_file_get_path (parent) : NULL;
  g_autofree char *folder_display = NULL;
  g_autofree char *name = NULL;
  const char *home = g_get_home_dir ();
  GtkWidget *row;

  name = chrono_case_name_for_path (path != NULL ? path : uri);
  if (folder == NULL)
    folder_display = g_strdup ("");
  else if (g_str_has_prefix (folder, home) &&
           (folder[strlen (home)] == '/' || folder[strlen (home)] == '\0'))
    folder_display = g_strconcat ("~", folder + strlen (home), NULL);
  else
    folder_display = g_filename_display_name (folder);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder_display);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uri), g_free);

  return row;
}

static void
update_recent (ChronoWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) remembered = NULL;
  GtkWidget *child;

  for (const GList *l = items; l != NULL; l = l->next)
    {
      if (is_recent_case (l->data))
        g_ptr_array_add (cases, gtk_recent_info_ref (l->data));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (cases, compare_recent);
  for (guint i = 0; i < cases->len; i++)
    g_ptr_array_add (uris, g_strdup (gtk_recent_info_get_uri (g_ptr_array_index (cases, i))));

  /* Then the cases the settings remember that the desktop's list lost. */
  remembered = self->settings != NULL ? g_settings_get_strv (self->settings, "recent-cases") : NULL;
  for (guint i = 0; remembered != NULL && remembered[i] != NULL; i++)
    {
      g_autofree char *path = g_filename_from_uri (remembered[i], NULL, NULL);

      if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
          !g_ptr_array_find_with_equal_func (uris, remembered[i], g_str_equal, NULL))
        g_ptr_array_add (uris, g_strdup (remembered[i]));
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; i < uris->len && i < MAX_RECENT_CASES; i++)
    gtk_list_box_append (self->recent_list, recent_row_new (g_ptr_array_index (uris, i)));

  gtk_widget_set_visible (self->recent_box, uris->len > 0);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ChronoWindow  *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  GSList *slist;

  if (list == NULL)
    return FALSE;

  slist = gdk_file_list_get_files (list);
  for (const GSList *l = slist; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  g_slist_free (slist);

  if (files->len == 0)
    return FALSE;

  chrono_window_open_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

/* Actions */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Case"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), case_filter_new ());
  show_chooser (self, native, G_CALLBACK (open_response_cb));
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ask_for_new_case (CHRONO_WINDOW (widget), _("New Case"), NULL, 0);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Import Chronologies"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), csv_filter_new ());
  show_chooser (self, native, G_CALLBACK (import_response_cb));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  chrono_window_open_sample (CHRONO_WINDOW (widget));
}

static void
close_case_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  chrono_window_close_case (CHRONO_WINDOW (widget));
}

/* Vfuncs */

static void
chrono_window_dispose (GObject *object)
{
  ChronoWindow *self = CHRONO_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }

  /* The timeline lets go of the case before it closes. */
  if (self->timeline_page != NULL)
    chrono_timeline_page_set_store (self->timeline_page, NULL);

  /* A running job holds the case and closes it when it is done. */
  if (self->store != NULL && !self->busy)
    chrono_store_close (self->store);
  g_clear_object (&self->store);

  /* libadwaita 1.2 crashes when a view switcher outlives its stack. */
  adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_WINDOW);
  g_clear_object (&self->timeline_page);

  g_clear_pointer (&self->pending_imports, g_ptr_array_unref);
  g_clear_object (&self->events);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (chrono_window_parent_class)->dispose (object);
}

static void
chrono_window_finalize (GObject *object)
{
  ChronoWindow *self = CHRONO_WINDOW (object);

  g_clear_pointer (&self->case_name, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (chrono_window_parent_class)->finalize (object);
}

static void
chrono_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ChronoWindow *self = CHRONO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_window_class_init (ChronoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_window_dispose;
  object_class->finalize = chrono_window_finalize;
  object_class->get_property = chrono_window_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CHRONO_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CHRONO_TYPE_TABLE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronoscope/Chronoscope/chrono-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, case_stack);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.close-case", NULL, close_case_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-case", NULL);
}

static void
chrono_window_init (ChronoWindow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  /* A new window takes the size of the last one; each window then saves its
   * own, without resizing the others. */
  self->settings = chrono_settings_new ();
  if (self->settings != NULL)
    {
      GSettingsBindFlags flags = G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES;

      g_settings_bind (self->settings, "window-width", self, "default-width", flags);
      g_settings_bind (self->settings, "window-height", self, "default-height", flags);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", flags);
      g_signal_connect_object (self->settings, "changed::recent-cases",
                               G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
    }

  self->cancellable = g_cancellable_new ();
  self->events = g_list_store_new (CHRONO_TYPE_EVENT);
  /* The timeline first, then the table: both show the same events. */
  self->table_view = CHRONO_TABLE_VIEW (chrono_table_view_new ());
  self->timeline_page = g_object_ref (CHRONO_TIMELINE_PAGE (chrono_timeline_page_new ()));
  chrono_timeline_page_set_events (self->timeline_page, G_LIST_MODEL (self->events));
  chrono_timeline_page_attach_table (self->timeline_page, self->table_view);
  chrono_window_add_case_page (self, GTK_WIDGET (self->timeline_page), "timeline", _("Timeline"),
                               "x-office-calendar-symbolic");
  chrono_window_add_case_page (self, GTK_WIDGET (self->table_view), "table", _("Table"),
                               "view-list-symbolic");

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  update_recent (self);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  update_actions (self);
}

/* Public API */

ChronoWindow *
chrono_window_new (ChronoApplication *application)
{
  g_return_val_if_fail (CHRONO_IS_APPLICATION (application), NULL);

  return g_object_new (CHRONO_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
chrono_window_open_file (ChronoWindow *self,
                         GFile        *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CHRONO_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (refuse_when_busy (self))
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *body = NULL;

      body = g_strdup_printf (_("%s is not on this computer: copy it to a local folder first."),
                              name);
      show_error (self, _("Could Not Open Case"), body);
      return;
    }

  chrono_window_start_job (self, chrono_case_job_new (CHRONO_CASE_JOB_OPEN, path));
}

void
chrono_window_open_files (ChronoWindow  *self,
                          GFile        **files,
                          guint          n_files)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new ();
  g_autoptr(GPtrArray) chronologies = g_ptr_array_new ();
  g_autofree char *path = NULL;
  GtkApplication *application;
  ChronoCaseJob *job;

  g_return_if_fail (CHRONO_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (is_csv (files[i]) ? chronologies : cases, files[i]);

  if (cases->len == 0)
    {
      if (chronologies->len > 0)
        chrono_window_import_files (self, (GFile **) chronologies->pdata, chronologies->len);
      return;
    }

  if (refuse_when_busy (self))
    return;

  path = g_file_get_path (g_ptr_array_index (cases, 0));
  if (path == NULL)
    {
      chrono_window_open_file (self, g_ptr_array_index (cases, 0));
      return;
    }

  job = chrono_case_job_new (CHRONO_CASE_JOB_OPEN, path);
  chrono_case_job_add_imports (job, (GFile **) chronologies->pdata, chronologies->len);
  chrono_window_start_job (self, job);

  /* This window is busy now, so every further case gets another one. */
  application = gtk_window_get_application (GTK_WINDOW (self));
  for (guint i = 1; i < cases->len && application != NULL; i++)
    {
      GtkWindow *window = chrono_application_get_idle_window (CHRONO_APPLICATION (application));

      chrono_window_open_file (CHRONO_WINDOW (window), g_ptr_array_index (cases, i));
      gtk_window_present (window);
    }
}

void
chrono_window_import_files (ChronoWindow  *self,
                            GFile        **files,
                            guint          n_files)
{
  ChronoCaseJob *job;

  g_return_if_fail (CHRONO_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (n_files == 0 || refuse_when_busy (self))
    return;

  if (self->store == NULL)
    {
      ask_for_new_case (self, _("Save the New Case"), files, n_files);
      return;
    }

  if (chrono_store_is_read_only (self->store))
    {
      show_error (self, _("Could Not Import Chronology"),
                  _("The case is read-only: nothing can be imported into it."));
      return;
    }

  job = chrono_case_job_new (CHRONO_CASE_JOB_IMPORT, NULL);
  job->store = g_object_ref (self->store);
  job->name = g_strdup (self->case_name);
  chrono_case_job_add_imports (job, files, n_files);
  chrono_window_start_job (self, job);
}

void
chrono_window_open_sample (ChronoWindow *self)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CHRONO_IS_WINDOW (self));

  if (refuse_when_busy (self))
    return;

  path = g_build_filename (g_get_user_data_dir (), "chronoscope",
                           SAMPLE_CASE_NAME CHRONO_CASE_SUFFIX, NULL);
  chrono_window_start_job (self, chrono_case_job_new (CHRONO_CASE_JOB_SAMPLE, path));
}

void
chrono_window_create_case (ChronoWindow  *self,
                           GFile         *file,
                           GFile        **imports,
                           guint          n_imports)
{
  g_autofree char *path = NULL;
  ChronoCaseJob *job;

  g_return_if_fail (CHRONO_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (imports != NULL || n_imports == 0);

  if (refuse_when_busy (self))
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("Could Not Create Case"),
                  _("Choose a folder on this computer for the case file."));
      return;
    }

  if (!g_str_has_suffix (path, CHRONO_CASE_SUFFIX))
    {
      char *with_suffix = g_strconcat (path, CHRONO_CASE_SUFFIX, NULL);

      g_free (path);
      path = with_suffix;
    }

  /* The thread checks again, just before creating the file. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_basename (path);
      g_autofree char *body = NULL;

      body = g_strdup_printf (_("A file named “%s” already exists. Choose another name: "
                                "a new case never replaces a file."),
                              display);
      show_error (self, _("Could Not Create Case"), body);
      return;
    }

  job = chrono_case_job_new (CHRONO_CASE_JOB_CREATE, path);
  chrono_case_job_add_imports (job, imports, n_imports);
  chrono_window_start_job (self, job);
}

void
chrono_window_close_case (ChronoWindow *self)
{
  g_return_if_fail (CHRONO_IS_WINDOW (self));

  if (self->store == NULL || refuse_when_busy (self))
    return;

  chrono_timeline_page_set_store (self->timeline_page, NULL);
  chrono_timeline_page_set_marks (self->timeline_page, NULL);
  chrono_store_close (self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->case_name, g_free);

  g_list_store_remove_all (self->events);
  gtk_window_set_title (GTK_WINDOW (self), _("Chronoscope"));
  adw_view_switcher_title_set_title (self->switcher_title, NULL);
  adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
  gtk_revealer_set_reveal_child (self->read_only_revealer, FALSE);
  gtk_stack_set_visible_child_name (self->title_stack, "welcome");
  adw_view_stack_set_visible_child_name (self->main_stack, "welcome");

  update_recent (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
chrono_window_is_idle (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), FALSE);

  return self->store == NULL && !self->busy;
}

gboolean
chrono_window_get_busy (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), FALSE);

  return self->busy;
}

ChronoStore *
chrono_window_get_store (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), NULL);

  return self->store;
}

GListModel *
chrono_window_get_events (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->events);
}

ChronoTableView *
chrono_window_get_table_view (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), NULL);

  return self->table_view;
}

AdwViewStackPage *
chrono_window_add_case_page (ChronoWindow *self,
                             GtkWidget    *child,
                             const char   *name,
                             const char   *title,
                             const char   *icon_name)
{
  AdwViewStackPage *page;

  g_return_val_if_fail (CHRONO_IS_WINDOW (self), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (child), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  page = adw_view_stack_add_titled (self->case_stack, child, name, title);
  if (icon_name != NULL)
    adw_view_stack_page_set_icon_name (page, icon_name);

  return page;
}

/* Private API, for the tests */

const char *
_chrono_window_get_page (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->main_stack);
}

const char *
_chrono_window_get_subtitle (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), NULL);

  return adw_view_switcher_title_get_subtitle (self->switcher_title);
}

gboolean
_chrono_window_get_read_only_notice (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->read_only_revealer);
}

guint
_chrono_window_get_n_recent (ChronoWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (CHRONO_IS_WINDOW (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}
