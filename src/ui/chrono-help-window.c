/* chrono-help-window.c: Getting started, the built-in help
 *
 * Four short sections: import the agencies' files, read the lanes, the
 * three highlights, present.  The highlights quote the thresholds in force.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-help-window"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-help-window.h"

/* The schema's defaults, for a build tree run without the schema. */
#define DEFAULT_GAP_DAYS      28
#define DEFAULT_REFERRAL_DAYS 10

struct _ChronoHelpWindow
{
  AdwWindow     parent_instance;

  /* Template widgets */
  AdwActionRow *gaps_row;
  AdwActionRow *unallocated_row;

  GSettings    *settings;
};

G_DEFINE_FINAL_TYPE (ChronoHelpWindow, chrono_help_window, ADW_TYPE_WINDOW)

static guint
get_days (ChronoHelpWindow *self,
          const char       *key,
          guint             fallback)
{
  return self->settings != NULL ? g_settings_get_uint (self->settings, key) : fallback;
}

static void
update_thresholds (ChronoHelpWindow *self)
{
  guint gap = get_days (self, "gap-threshold-days", DEFAULT_GAP_DAYS);
  guint referral = get_days (self, "referral-action-days", DEFAULT_REFERRAL_DAYS);
  g_autofree char *gaps = NULL;
  g_autofree char *unallocated = NULL;

  gaps = g_strdup_printf (ngettext ("An agency had no contact with the people in the case for "
                                    "more than %u day.",
                                    "An agency had no contact with the people in the case for "
                                    "more than %u days.",
                                    gap),
                          gap);
  unallocated = g_strdup_printf (ngettext ("A referral or a case waited for a decision or an "
                                           "allocated worker for more than %u day.",
                                           "A referral or a case waited for a decision or an "
                                           "allocated worker for more than %u days.",
                                           referral),
                                 referral);

  adw_action_row_set_subtitle (self->gaps_row, gaps);
  adw_action_row_set_subtitle (self->unallocated_row, unallocated);
}

static void
chrono_help_window_dispose (GObject *object)
{
  ChronoHelpWindow *self = CHRONO_HELP_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_HELP_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (chrono_help_window_parent_class)->dispose (object);
}

static void
chrono_help_window_class_init (ChronoHelpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_help_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronoscope/Chronoscope/chrono-help-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoHelpWindow, gaps_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoHelpWindow, unallocated_row);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chrono_help_window_init (ChronoHelpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

ChronoHelpWindow *
chrono_help_window_new (GSettings *settings)
{
  ChronoHelpWindow *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CHRONO_TYPE_HELP_WINDOW, NULL);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_object (settings, "changed::gap-threshold-days",
                               G_CALLBACK (update_thresholds), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::referral-action-days",
                               G_CALLBACK (update_thresholds), self, G_CONNECT_SWAPPED);
    }
  update_thresholds (self);

  return self;
}
