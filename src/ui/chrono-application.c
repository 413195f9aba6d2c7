/* chrono-application.c: the application, its app-wide actions and windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "chrono-application.h"
#include "chrono-help-window.h"
#include "chrono-settings.h"
#include "chrono-window.h"

/* Not APP_ID: a development build keeps the same resources and icon. */
#define RESOURCE_BASE_PATH "/io/github/chronoscope/Chronoscope"
#define APP_ICON_NAME      "io.github.chronoscope.Chronoscope"
#define PROJECT_URL        "https://github.com/chronoscope/chronoscope"

struct _ChronoApplication
{
  AdwApplication parent_instance;

  guint          sigint_source;
  guint          sigterm_source;
  GSettings     *settings;
  GtkWindow     *help_window;
};

G_DEFINE_FINAL_TYPE (ChronoApplication, chrono_application, ADW_TYPE_APPLICATION)

static void
chrono_application_quit_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows;

  /* Destroying each window closes its case cleanly; the application quits
   * once the last window is gone and any running import has finished. */
  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
}

static void
chrono_application_about_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Chronoscope developers", NULL };
  const char *translators = _("translator-credits");
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about),
                                gtk_application_get_active_window (app));
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  adw_about_window_set_application_name (about, _("Chronoscope"));
  adw_about_window_set_application_icon (about, APP_ICON_NAME);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, "The Chronoscope developers");
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_copyright (about, "© 2026 The Chronoscope developers");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (about, PROJECT_URL);
  adw_about_window_set_issue_url (about, PROJECT_URL "/issues");
  adw_about_window_set_comments (about,
                                 _("Chronoscope sets the chronologies that agencies submit to a "
                                   "Domestic Homicide Review side by side, so that the review "
                                   "panel can see who knew what, and when.\n\n"
                                   "The sample case is built from the published overview report "
                                   "of the review into the death of “Stacey” (South "
                                   "Nottinghamshire Community Safety Partnership, re-review dated "
                                   "16 January 2019). Every entry is paraphrased, and people "
                                   "appear only under the pseudonyms the review gave them."));
  adw_about_window_add_legal_section (about, _("Sample Case"),
                                      _("Source: South Nottinghamshire Community Safety "
                                        "Partnership, Domestic Homicide Review overview report "
                                        "into the death of “Stacey”, re-review dated 16 January "
                                        "2019"),
                                      GTK_LICENSE_CUSTOM,
                                      _("The sample case paraphrases the review’s published "
                                        "chronology for teaching and testing. It names people "
                                        "only by the review’s pseudonyms and adds nothing that "
                                        "the report does not say."));
  adw_about_window_set_release_notes_version (about, "0.1.0");
  adw_about_window_set_release_notes (about,
                                      _("<p>The first release.</p>"
                                        "<ul>"
                                        "<li>Import agencies’ chronologies from CSV, TSV, XLSX, ODS "
                                        "and DOCX files, and the exchange format</li>"
                                        "<li>See a case as swim lanes, one per agency, or as a "
                                        "table that gives each entry’s source</li>"
                                        "<li>Case files that survive crashes and refuse to be "
                                        "damaged</li>"
                                        "<li>A command line twin, chronoscope-cli, to import, "
                                        "export, describe and draw cases</li>"
                                        "<li>Getting started help and a keyboard shortcuts "
                                        "window</li>"
                                        "</ul>"));
  if (g_strcmp0 (translators, "translator-credits") != 0)
    adw_about_window_set_translator_credits (about, translators);

  gtk_window_present (GTK_WINDOW (about));
}

static void
chrono_application_shortcuts_cb (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
chrono_application_help_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  ChronoApplication *self = CHRONO_APPLICATION (user_data);

  if (self->help_window == NULL)
    {
      self->help_window = GTK_WINDOW (chrono_help_window_new (self->settings));
      g_object_add_weak_pointer (G_OBJECT (self->help_window), (gpointer *) &self->help_window);
      gtk_window_set_transient_for (self->help_window,
                                    gtk_application_get_active_window (GTK_APPLICATION (self)));
      gtk_window_set_application (self->help_window, GTK_APPLICATION (self));
    }

  gtk_window_present (self->help_window);
}

static void
chrono_application_new_window_cb (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  ChronoApplication *self = CHRONO_APPLICATION (user_data);

  gtk_window_present (GTK_WINDOW (chrono_window_new (self)));
}

/* Ctrl+C in a terminal or a logout closes the cases cleanly: a case file is
 * left in one piece, without its write-ahead log beside it. */
static gboolean
chrono_application_signal_cb (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);

  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "quit", chrono_application_quit_cb },
  { "about", chrono_application_about_cb },
  { "shortcuts", chrono_application_shortcuts_cb },
  { "help", chrono_application_help_cb },
  { "new-window", chrono_application_new_window_cb },
};

static void
chrono_application_startup (GApplication *app)
{
  ChronoApplication *self = CHRONO_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.new-window", { "<Control><Shift>n", NULL } },
    { "app.help", { "F1", NULL } },
  };

  G_APPLICATION_CLASS (chrono_application_parent_class)->startup (app);

  self->settings = chrono_settings_new ();
  gtk_window_set_default_icon_name (APP_ID);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accels[i].action, accels[i].accels);

  self->sigint_source = g_unix_signal_add (SIGINT, chrono_application_signal_cb, self);
  self->sigterm_source = g_unix_signal_add (SIGTERM, chrono_application_signal_cb, self);
}

static void
chrono_application_shutdown (GApplication *app)
{
  ChronoApplication *self = CHRONO_APPLICATION (app);

  g_clear_handle_id (&self->sigint_source, g_source_remove);
  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_object (&self->settings);

  G_APPLICATION_CLASS (chrono_application_parent_class)->shutdown (app);
}

static void
chrono_application_dispose (GObject *object)
{
  ChronoApplication *self = CHRONO_APPLICATION (object);

  g_clear_handle_id (&self->sigint_source, g_source_remove);
  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->help_window);

  G_OBJECT_CLASS (chrono_application_parent_class)->dispose (object);
}

static void
chrono_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (chrono_window_new (CHRONO_APPLICATION (app)));
  gtk_window_present (window);
}

static void
chrono_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  GtkWindow *window;

  if (n_files <= 0)
    return;

  /* The window opens the first case itself, puts any further case in a
   * window of its own and imports the chronologies (CSV) among the files. */
  window = chrono_application_get_idle_window (CHRONO_APPLICATION (app));
  chrono_window_open_files (CHRONO_WINDOW (window), files, (guint) n_files);
  gtk_window_present (window);
}

static void
chrono_application_class_init (ChronoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = chrono_application_dispose;

  app_class->startup = chrono_application_startup;
  app_class->activate = chrono_application_activate;
  app_class->open = chrono_application_open;
  app_class->shutdown = chrono_application_shutdown;
}

static void
chrono_application_init (ChronoApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);
}

ChronoApplication *
chrono_application_new (void)
{
  /* CHRONOSCOPE_LOCALEDIR, when set, replaces the installed locale
   * directory, so that a build can be run in another language before it
   * is installed. */
  const char *localedir = g_getenv ("CHRONOSCOPE_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE,
                  localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Chronoscope"));

  return g_object_new (CHRONO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

GtkWindow *
chrono_application_get_idle_window (ChronoApplication *self)
{
  g_return_val_if_fail (CHRONO_IS_APPLICATION (self), NULL);

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
       l != NULL;
       l = l->next)
    {
      if (CHRONO_IS_WINDOW (l->data) && chrono_window_is_idle (CHRONO_WINDOW (l->data)))
        return GTK_WINDOW (l->data);
    }

  return GTK_WINDOW (chrono_window_new (self));
}

/* Returns: (transfer none) (nullable): the settings, or NULL when the schema
 * is not installed. */
GSettings *
chrono_application_get_settings (ChronoApplication *self)
{
  g_return_val_if_fail (CHRONO_IS_APPLICATION (self), NULL);

  return self->settings;
}
