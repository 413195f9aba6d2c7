/* chrono-export-dialog.c: the timeline as a PNG, SVG or PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-export-dialog.h"
#include "chrono-timeline-painter.h"

struct _ChronoExportDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwComboRow          *extent_row;
  AdwComboRow          *format_row;
  GtkSpinButton        *width_spin;
  GtkSpinButton        *height_spin;

  ChronoMarks          *marks;
  ChronoStore          *store;
  double                from, to;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (ChronoExportDialog, chrono_export_dialog, ADW_TYPE_WINDOW)

static const char * const suffixes[] = { ".png", ".svg", ".pdf" };

static void
show_error (GtkWindow  *parent,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Could Not Export the Timeline"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     ChronoExportDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (GTK_WINDOW (self), _("Choose a folder on this computer for the image."));
      return;
    }
  if (!chrono_export_dialog_export (self, path, &error))
    {
      show_error (GTK_WINDOW (self), error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_window_present (parent);
}

static void
export_clicked_cb (ChronoExportDialog *self)
{
  guint format = MIN (adw_combo_row_get_selected (self->format_row), G_N_ELEMENTS (suffixes) - 1);
  /* Translators: the file name offered for an exported timeline; keep it short */
  g_autofree char *name = g_strconcat (_("Timeline"), suffixes[format], NULL);

  self->chooser = gtk_file_chooser_native_new (_("Export Image"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
chrono_export_dialog_dispose (GObject *object)
{
  ChronoExportDialog *self = CHRONO_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_EXPORT_DIALOG);
  g_clear_pointer (&self->marks, chrono_marks_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (chrono_export_dialog_parent_class)->dispose (object);
}

static void
chrono_export_dialog_class_init (ChronoExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronoscope/Chronoscope/chrono-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, extent_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, height_spin);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chrono_export_dialog_init (ChronoExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ChronoExportDialog *
chrono_export_dialog_new (GtkWindow   *parent,
                          ChronoMarks *marks,
                          ChronoStore *store,
                          double       from,
                          double       to)
{
  ChronoExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (marks != NULL, NULL);
  g_return_val_if_fail (store == NULL || CHRONO_IS_STORE (store), NULL);

  self = g_object_new (CHRONO_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->marks = chrono_marks_ref (marks);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->from = from;
  self->to = to;
  return self;
}

gboolean
chrono_export_dialog_export (ChronoExportDialog  *self,
                             const char          *path,
                             GError             **error)
{
  g_autoptr(ChronoTimelineOptions) options = chrono_timeline_options_new ();
  gboolean whole;

  g_return_val_if_fail (CHRONO_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->store != NULL && !chrono_timeline_options_load_case (options, self->store, error))
    return FALSE;
  whole = adw_combo_row_get_selected (self->extent_row) == 1;
  return chrono_timeline_export (self->marks, options, path,
                                 gtk_spin_button_get_value_as_int (self->width_spin),
                                 gtk_spin_button_get_value_as_int (self->height_spin),
                                 whole ? 0 : self->from, whole ? 0 : self->to, error);
}
