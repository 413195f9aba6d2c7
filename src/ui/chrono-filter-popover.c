/* chrono-filter-popover.c: which events the case's views show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-filter-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-filter-popover.h"

struct _ChronoFilterPopover
{
  GtkPopover      parent_instance;

  /* Template widgets */
  GtkDropDown    *subject_dropdown;
  GtkDropDown    *kind_dropdown;
  GtkDropDown    *agency_dropdown;
  GtkDropDown    *risk_dropdown;
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;

  ChronoCaseView *case_view;
  GPtrArray      *subjects;   /* char *, index + 1 in the drop-down */
  GPtrArray      *agencies;
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (ChronoFilterPopover, chrono_filter_popover, GTK_TYPE_POPOVER)

/* The risk drop-down, after "Any risk". */
static const ChronoRisk risks[] = { CHRONO_RISK_HIGH, CHRONO_RISK_MEDIUM, CHRONO_RISK_LOW };

static void
set_choices (GtkDropDown *dropdown,
             const char  *any,
             GPtrArray   *items,
             guint        selected)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  for (guint i = 0; i < items->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (items, i));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, selected);
}

static guint
index_of (GPtrArray  *items,
          const char *value)
{
  for (guint i = 0; value != NULL && i < items->len; i++)
    if (g_strcmp0 (g_ptr_array_index (items, i), value) == 0)
      return i + 1;
  return 0;
}

static gboolean
parse_day (GtkEntry *entry,
           gboolean  last,
           gint32   *day)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  ChronoDate date = CHRONO_DATE_INIT;
  gint32 first_day, last_day;

  *day = 0;
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  if (*text == '\0')
    return TRUE;
  if (!chrono_date_parse_text (text, CHRONO_DATE_ORDER_DMY, &date, NULL, NULL))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return FALSE;
    }
  chrono_date_get_interval (&date, &first_day, &last_day);
  *day = last ? last_day : first_day;
  return TRUE;
}

static void
selected_cb (ChronoFilterPopover *self)
{
  guint subject, kind, agency, risk;

  if (self->updating || self->case_view == NULL)
    return;
  subject = gtk_drop_down_get_selected (self->subject_dropdown);
  kind = gtk_drop_down_get_selected (self->kind_dropdown);
  agency = gtk_drop_down_get_selected (self->agency_dropdown);
  risk = gtk_drop_down_get_selected (self->risk_dropdown);

  chrono_case_view_set_filter_subject (self->case_view, subject > 0 && subject <= self->subjects->len
                                                          ? g_ptr_array_index (self->subjects, subject - 1) : NULL);
  chrono_case_view_set_filter_kind (self->case_view, kind > 0 && kind <= CHRONO_N_KINDS
                                                       ? (int) kind - 1 : CHRONO_FILTER_ANY);
  chrono_case_view_set_filter_agency (self->case_view, agency > 0 && agency <= self->agencies->len
                                                         ? g_ptr_array_index (self->agencies, agency - 1) : NULL);
  chrono_case_view_set_filter_risk (self->case_view, risk > 0 && risk <= G_N_ELEMENTS (risks)
                                                       ? (int) risks[risk - 1] : CHRONO_FILTER_ANY);
}

static void
dates_changed_cb (ChronoFilterPopover *self)
{
  gint32 from = 0, to = 0;

  if (self->updating || self->case_view == NULL)
    return;
  if (parse_day (self->from_entry, FALSE, &from) && parse_day (self->to_entry, TRUE, &to))
    chrono_case_view_set_filter_dates (self->case_view, from, to);
}

static void
show_cb (ChronoFilterPopover *self)
{
  chrono_filter_popover_refresh (self);
}

static void
chrono_filter_popover_dispose (GObject *object)
{
  ChronoFilterPopover *self = CHRONO_FILTER_POPOVER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_FILTER_POPOVER);
  g_clear_object (&self->case_view);
  g_clear_pointer (&self->subjects, g_ptr_array_unref);
  g_clear_pointer (&self->agencies, g_ptr_array_unref);

  G_OBJECT_CLASS (chrono_filter_popover_parent_class)->dispose (object);
}

static void
chrono_filter_popover_class_init (ChronoFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_filter_popover_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronoscope/Chronoscope/chrono-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, subject_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, agency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, risk_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, from_entry);
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, to_entry);
  gtk_widget_class_bind_template_callback (widget_class, selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, dates_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_cb);
}

static void
chrono_filter_popover_init (ChronoFilterPopover *self)
{
  self->subjects = g_ptr_array_new_with_free_func (g_free);
  self->agencies = g_ptr_array_new_with_free_func (g_free);
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = FALSE;
}

GtkWidget *
chrono_filter_popover_new (void)
{
  return g_object_new (CHRONO_TYPE_FILTER_POPOVER, NULL);
}

void
chrono_filter_popover_set_case_view (ChronoFilterPopover *self,
                                     ChronoCaseView      *case_view)
{
  g_return_if_fail (CHRONO_IS_FILTER_POPOVER (self));
  g_return_if_fail (case_view == NULL || CHRONO_IS_CASE_VIEW (case_view));

  g_set_object (&self->case_view, case_view);
}

void
chrono_filter_popover_refresh (ChronoFilterPopover *self)
{
  ChronoStore *store;
  ChronoMarks *marks;
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  g_autoptr(GPtrArray) risk_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) subjects = NULL;
  gint32 from = 0, to = 0;
  int kind, risk;
  guint risk_index = 0;

  g_return_if_fail (CHRONO_IS_FILTER_POPOVER (self));

  if (self->case_view == NULL)
    return;
  store = chrono_case_view_get_store (self->case_view);
  marks = chrono_case_view_get_marks (self->case_view);

  g_ptr_array_set_size (self->subjects, 0);
  g_ptr_array_set_size (self->agencies, 0);
  subjects = store != NULL ? chrono_store_list_subjects (store, NULL) : NULL;
  for (guint i = 0; subjects != NULL && i < subjects->len; i++)
    g_ptr_array_add (self->subjects, g_strdup (chrono_subject_get_pseudonym (g_ptr_array_index (subjects, i))));
  for (guint l = 0; marks != NULL && l < marks->n_lanes; l++)
    g_ptr_array_add (self->agencies, g_strdup (marks->lanes[l].name));
  for (guint k = 0; k < CHRONO_N_KINDS; k++)
    g_ptr_array_add (kinds, (gpointer) chrono_kind_to_label (k));
  g_ptr_array_add (risk_names, (gpointer) C_("risk", "High"));
  g_ptr_array_add (risk_names, (gpointer) C_("risk", "Medium"));
  g_ptr_array_add (risk_names, (gpointer) C_("risk", "Low"));

  kind = chrono_case_view_get_filter_kind (self->case_view);
  risk = chrono_case_view_get_filter_risk (self->case_view);
  for (guint i = 0; i < G_N_ELEMENTS (risks); i++)
    if ((int) risks[i] == risk)
      risk_index = i + 1;

  self->updating = TRUE;
  set_choices (self->subject_dropdown, _("Anyone"), self->subjects,
               index_of (self->subjects, chrono_case_view_get_filter_subject (self->case_view)));
  set_choices (self->kind_dropdown, _("Any kind"), kinds, kind == CHRONO_FILTER_ANY ? 0 : (guint) kind + 1);
  set_choices (self->agency_dropdown, _("Every agency"), self->agencies,
               index_of (self->agencies, chrono_case_view_get_filter_agency (self->case_view)));
  set_choices (self->risk_dropdown, _("Any risk"), risk_names, risk_index);
  chrono_case_view_get_filter_dates (self->case_view, &from, &to);
  if (from == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  if (to == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  self->updating = FALSE;
}
