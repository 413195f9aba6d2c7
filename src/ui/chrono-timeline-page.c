/* chrono-timeline-page.c: the case's timeline page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-page"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-case-job.h"
#include "chrono-export-dialog.h"
#include "chrono-filter-popover.h"
#include "chrono-timeline-page.h"
#include "chrono-timeline-print.h"

/* The page owns the case view (the selection, the filter and the search
 * the timeline and the table share) and wires the widgets to it: the
 * inspector opens on the selected event, the table follows the selection
 * both ways, the search bar and the filter popover edit the case view. */

struct _ChronoTimelinePage
{
  GtkWidget               parent_instance;

  /* Template widgets */
  GtkSearchBar           *search_bar;
  GtkSearchEntry         *search_entry;
  GtkLabel               *match_label;
  GtkToggleButton        *search_button;
  ChronoFilterPopover    *filter_popover;
  GtkLabel               *filter_label;
  GtkWidget              *clear_button;
  AdwFlap                *flap;
  GtkStack               *stack;
  AdwStatusPage          *empty_page;
  ChronoTimelineView     *view;
  ChronoTimelineOverview *overview;
  ChronoEventInspector   *inspector;

  ChronoCaseView         *case_view;
  ChronoTableView        *table;
  gboolean                syncing;
};

G_DEFINE_FINAL_TYPE (ChronoTimelinePage, chrono_timeline_page, GTK_TYPE_WIDGET)

static void
show_error (ChronoTimelinePage *self,
            const char         *heading,
            const char         *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_match_label (ChronoTimelinePage *self)
{
  guint n = chrono_case_view_get_n_hits (self->case_view);
  int index = chrono_case_view_get_hit_index (self->case_view);
  g_autofree char *text = NULL;

  if (chrono_case_view_get_search_text (self->case_view) == NULL)
    text = g_strdup ("");
  else if (index >= 0)
    /* Translators: the search's position: "3 of 14" */
    text = g_strdup_printf (_("%d of %u"), index + 1, n);
  else
    text = g_strdup_printf (ngettext ("%u match", "%u matches", n), n);
  gtk_label_set_text (self->match_label, text);
}

static void
update_filter_label (ChronoTimelinePage *self)
{
  ChronoMarks *all = chrono_case_view_get_marks (self->case_view);
  ChronoMarks *shown = chrono_case_view_get_visible_marks (self->case_view);
  gboolean active = chrono_case_view_get_filter_active (self->case_view);
  guint n_all = all != NULL ? all->n_events : 0, n_shown = shown != NULL ? shown->n_events : 0;
  g_autofree char *text = NULL;

  if (active)
    /* Translators: how many events the filter lets through: "62 of 215 events" */
    text = g_strdup_printf (ngettext ("%u of %u event", "%u of %u events", n_all), n_shown, n_all);
  else
    text = g_strdup_printf (ngettext ("%u event", "%u events", n_all), n_all);
  gtk_label_set_text (self->filter_label, text);
  gtk_widget_set_visible (self->clear_button, active);
}

static void
selection_changed_cb (ChronoTimelinePage *self)
{
  gint64 id = chrono_case_view_get_selected_id (self->case_view);
  ChronoStore *store = chrono_case_view_get_store (self->case_view);
  g_autoptr(ChronoEvent) event = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GError) error = NULL;

  if (id != 0 && store != NULL)
    {
      event = chrono_store_load_event (store, id, &error);
      if (event != NULL)
        linked = chrono_store_load_linked_events (store, id, NULL);
      else
        g_warning ("Event %" G_GINT64_FORMAT " not shown: %s", id, error->message);
    }
  chrono_event_inspector_set_event (self->inspector, event, linked);
  adw_flap_set_reveal_flap (self->flap, event != NULL);

  if (self->table != NULL && !self->syncing)
    {
      g_autoptr(ChronoEvent) probe = NULL;

      self->syncing = TRUE;
      if (id != 0)
        {
          /* The table matches rows by id. */
          probe = chrono_event_new ();
          chrono_event_set_id (probe, id);
        }
      chrono_table_view_set_selected_event (self->table, probe);
      self->syncing = FALSE;
    }
  update_match_label (self);
}

static void
table_selection_cb (ChronoTableView    *table,
                    GParamSpec         *pspec,
                    ChronoTimelinePage *self)
{
  ChronoEvent *event = chrono_table_view_get_selected_event (table);

  if (self->syncing)
    return;
  self->syncing = TRUE;
  chrono_case_view_set_selected_id (self->case_view, event != NULL ? chrono_event_get_id (event) : 0);
  self->syncing = FALSE;
}

static void
marks_changed_cb (ChronoTimelinePage *self)
{
  ChronoMarks *shown = chrono_case_view_get_visible_marks (self->case_view);
  gboolean empty = shown == NULL || shown->n_events == 0;

  adw_status_page_set_description (self->empty_page,
                                   chrono_case_view_get_filter_active (self->case_view)
                                     ? _("No event passes the filter.")
                                     : _("Import the agencies’ chronologies to see them here."));
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "timeline");
  update_filter_label (self);
}

static void
search_changed_cb (ChronoTimelinePage *self)
{
  chrono_case_view_set_search_text (self->case_view,
                                    gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_match_label (self);
}

static void
search_activate_cb (ChronoTimelinePage *self)
{
  chrono_case_view_select_next_hit (self->case_view, TRUE);
}

static void
next_match_cb (ChronoTimelinePage *self)
{
  chrono_case_view_select_next_hit (self->case_view, TRUE);
}

static void
previous_match_cb (ChronoTimelinePage *self)
{
  chrono_case_view_select_next_hit (self->case_view, FALSE);
}

static void
stop_search_cb (ChronoTimelinePage *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
inspector_close_cb (ChronoTimelinePage *self)
{
  chrono_case_view_set_selected_id (self->case_view, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
inspector_activate_cb (ChronoTimelinePage *self,
                       gint64              id)
{
  chrono_case_view_set_selected_id (self->case_view, id);
}

/* Actions */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChronoTimelinePage *self = CHRONO_TIMELINE_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChronoTimelinePage *self = CHRONO_TIMELINE_PAGE (widget);

  if (chrono_case_view_get_search_text (self->case_view) == NULL)
    {
      search_action (widget, NULL, NULL);
      return;
    }
  chrono_case_view_select_next_hit (self->case_view, g_str_equal (action_name, "case.find-next"));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChronoTimelinePage *self = CHRONO_TIMELINE_PAGE (widget);

  if (g_str_equal (action_name, "case.zoom-fit"))
    chrono_timeline_view_zoom_to_fit (self->view, TRUE);
  else
    gtk_widget_activate_action (GTK_WIDGET (self->view),
                                g_str_equal (action_name, "case.zoom-in") ? "timeline.zoom-in"
                                                                          : "timeline.zoom-out",
                                NULL);
}

static void
export_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ChronoTimelinePage *self = CHRONO_TIMELINE_PAGE (widget);
  ChronoMarks *marks = chrono_case_view_get_visible_marks (self->case_view);
  ChronoExportDialog *dialog;
  double from, to;

  if (marks == NULL)
    return;
  chrono_timeline_view_get_visible_range (self->view, &from, &to);
  dialog = chrono_export_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), marks,
                                     chrono_case_view_get_store (self->case_view), from, to);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ChronoTimelinePage *self = CHRONO_TIMELINE_PAGE (widget);
  ChronoMarks *marks = chrono_case_view_get_visible_marks (self->case_view);
  ChronoStore *store = chrono_case_view_get_store (self->case_view);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  double from, to;

  if (marks == NULL)
    return;
  title = store != NULL ? chrono_case_name_for_path (chrono_store_get_path (store)) : g_strdup ("");
  chrono_timeline_view_get_visible_range (self->view, &from, &to);
  operation = chrono_timeline_print_new (marks, store, chrono_timeline_view_get_layout (self->view), title,
                                         from, to, 1);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, _("Could Not Print the Timeline"), error->message);
}

static void
filter_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChronoTimelinePage *self = CHRONO_TIMELINE_PAGE (widget);
  const char *value = g_variant_get_string (parameter, NULL);

  if (g_str_equal (action_name, "case.filter-subject"))
    chrono_case_view_set_filter_subject (self->case_view, value);
  else if (g_str_equal (action_name, "case.filter-agency"))
    chrono_case_view_set_filter_agency (self->case_view, value);
  else if (g_str_equal (action_name, "case.filter-kind"))
    {
      ChronoKind kind;

      chrono_case_view_set_filter_kind (self->case_view, *value != '\0' && chrono_kind_from_string (value, &kind)
                                                           ? (int) kind : CHRONO_FILTER_ANY);
    }
  else
    {
      ChronoRisk risk;

      chrono_case_view_set_filter_risk (self->case_view, *value != '\0' && chrono_risk_from_string (value, &risk)
                                                           ? (int) risk : CHRONO_FILTER_ANY);
    }
  chrono_filter_popover_refresh (self->filter_popover);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChronoTimelinePage *self = CHRONO_TIMELINE_PAGE (widget);

  chrono_case_view_clear_filter (self->case_view);
  chrono_filter_popover_refresh (self->filter_popover);
}

static void
close_inspector_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  inspector_close_cb (CHRONO_TIMELINE_PAGE (widget));
}

/* Vfuncs */

static void
chrono_timeline_page_dispose (GObject *object)
{
  ChronoTimelinePage *self = CHRONO_TIMELINE_PAGE (object);
  GtkWidget *child;

  if (self->table != NULL)
    g_signal_handlers_disconnect_by_data (self->table, self);
  g_clear_object (&self->table);
  if (self->case_view != NULL)
    g_signal_handlers_disconnect_by_data (self->case_view, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_TIMELINE_PAGE);
  /* The template's children without an id, too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->case_view);

  G_OBJECT_CLASS (chrono_timeline_page_parent_class)->dispose (object);
}

static void
chrono_timeline_page_class_init (ChronoTimelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_timeline_page_dispose;

  g_type_ensure (CHRONO_TYPE_TIMELINE_VIEW);
  g_type_ensure (CHRONO_TYPE_TIMELINE_OVERVIEW);
  g_type_ensure (CHRONO_TYPE_EVENT_INSPECTOR);
  g_type_ensure (CHRONO_TYPE_FILTER_POPOVER);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronoscope/Chronoscope/chrono-timeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoTimelinePage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronoTimelinePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ChronoTimelinePage, match_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoTimelinePage, search_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoTimelinePage, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, ChronoTimelinePage, filter_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoTimelinePage, clear_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoTimelinePage, flap);
  gtk_widget_class_bind_template_child (widget_class, ChronoTimelinePage, stack);
  gtk_widget_class_bind_template_child (widget_class, ChronoTimelinePage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ChronoTimelinePage, view);
  gtk_widget_class_bind_template_child (widget_class, ChronoTimelinePage, overview);
  gtk_widget_class_bind_template_child (widget_class, ChronoTimelinePage, inspector);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, inspector_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, inspector_activate_cb);

  gtk_widget_class_install_action (widget_class, "case.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "case.find-next", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "case.find-previous", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "case.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "case.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "case.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "case.export-image", NULL, export_image_action);
  gtk_widget_class_install_action (widget_class, "case.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "case.filter-subject", "s", filter_action);
  gtk_widget_class_install_action (widget_class, "case.filter-kind", "s", filter_action);
  gtk_widget_class_install_action (widget_class, "case.filter-agency", "s", filter_action);
  gtk_widget_class_install_action (widget_class, "case.filter-risk", "s", filter_action);
  gtk_widget_class_install_action (widget_class, "case.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "case.close-inspector", NULL, close_inspector_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "case.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "case.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "case.export-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "case.print", NULL);
}

static void
chrono_timeline_page_init (ChronoTimelinePage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->case_view = chrono_case_view_new ();
  chrono_timeline_view_set_case_view (self->view, self->case_view);
  chrono_filter_popover_set_case_view (self->filter_popover, self->case_view);
  g_signal_connect_swapped (self->case_view, "notify::selected-id", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->case_view, "notify::visible-marks", G_CALLBACK (marks_changed_cb), self);
  g_signal_connect_swapped (self->case_view, "hits-changed", G_CALLBACK (update_match_label), self);
  g_signal_connect_swapped (self->case_view, "notify::hit-index", G_CALLBACK (update_match_label), self);

  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  /* Shift+Enter in the search entry goes back, as Enter goes on. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("case.find-previous")));
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), shortcuts);

  marks_changed_cb (self);
}

/* Public API */

GtkWidget *
chrono_timeline_page_new (void)
{
  return g_object_new (CHRONO_TYPE_TIMELINE_PAGE, NULL);
}

ChronoStore *
chrono_timeline_page_get_store (ChronoTimelinePage *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_PAGE (self), NULL);
  return chrono_case_view_get_store (self->case_view);
}

void
chrono_timeline_page_set_store (ChronoTimelinePage *self,
                                ChronoStore        *store)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_PAGE (self));

  chrono_case_view_set_selected_id (self->case_view, 0);
  chrono_case_view_clear_filter (self->case_view);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  chrono_case_view_set_store (self->case_view, store);
}

void
chrono_timeline_page_set_events (ChronoTimelinePage *self,
                                 GListModel         *events)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_PAGE (self));
  chrono_case_view_set_events (self->case_view, events);
}

void
chrono_timeline_page_set_marks (ChronoTimelinePage *self,
                                ChronoMarks        *marks)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_PAGE (self));
  chrono_case_view_set_marks (self->case_view, marks);
}

void
chrono_timeline_page_attach_table (ChronoTimelinePage *self,
                                   ChronoTableView    *table)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_PAGE (self));
  g_return_if_fail (CHRONO_IS_TABLE_VIEW (table));

  g_set_object (&self->table, table);
  chrono_table_view_set_model (table, chrono_case_view_get_filter_model (self->case_view));
  g_signal_connect (table, "notify::selected-event", G_CALLBACK (table_selection_cb), self);
}

ChronoCaseView *
chrono_timeline_page_get_case_view (ChronoTimelinePage *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_PAGE (self), NULL);
  return self->case_view;
}

ChronoTimelineView *
chrono_timeline_page_get_view (ChronoTimelinePage *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_PAGE (self), NULL);
  return self->view;
}

ChronoTimelineOverview *
chrono_timeline_page_get_overview (ChronoTimelinePage *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_PAGE (self), NULL);
  return self->overview;
}

ChronoEventInspector *
chrono_timeline_page_get_inspector (ChronoTimelinePage *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_PAGE (self), NULL);
  return self->inspector;
}

gboolean
chrono_timeline_page_get_inspector_visible (ChronoTimelinePage *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_PAGE (self), FALSE);
  return adw_flap_get_reveal_flap (self->flap);
}

const char *
chrono_timeline_page_get_match_text (ChronoTimelinePage *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_PAGE (self), NULL);
  return gtk_label_get_text (self->match_label);
}

GtkEditable *
chrono_timeline_page_get_search_entry (ChronoTimelinePage *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_PAGE (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}
