/* chrono-event-inspector.c: everything about one event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-event-inspector"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "chrono-event-inspector.h"

struct _ChronoEventInspector
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkLabel    *date_label;
  GtkLabel    *precision_label;
  GtkLabel    *where_label;
  GtkLabel    *summary_label;
  GtkBox      *fields_box;

  ChronoEvent *event;
};

G_DEFINE_FINAL_TYPE (ChronoEventInspector, chrono_event_inspector, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_EVENT,
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
precision_text (const ChronoDate *date)
{
  switch (chrono_date_get_precision (date))
    {
    case CHRONO_PRECISION_DAY:
      return date->has_time ? _("Exact day and time") : _("Exact day");
    case CHRONO_PRECISION_MONTH:
      return _("Only the month is known");
    case CHRONO_PRECISION_YEAR:
      return _("Only the year is known");
    case CHRONO_PRECISION_APPROX:
    default:
      return _("Approximate: the source hedged the date");
    }
}

static const char *
allocation_text (ChronoAllocation allocation)
{
  switch (allocation)
    {
    case CHRONO_ALLOCATION_ALLOCATED:
      return _("Allocated to a worker");
    case CHRONO_ALLOCATION_UNALLOCATED:
      return _("Not allocated");
    case CHRONO_ALLOCATION_CLOSED:
      return _("Closed");
    case CHRONO_ALLOCATION_NONE:
    default:
      return NULL;
    }
}

static const char *
risk_text (ChronoRisk risk)
{
  switch (risk)
    {
    case CHRONO_RISK_LOW:
      return C_("risk", "Low");
    case CHRONO_RISK_MEDIUM:
      return C_("risk", "Medium");
    case CHRONO_RISK_HIGH:
      return C_("risk", "High");
    case CHRONO_RISK_NONE:
    default:
      return NULL;
    }
}

static char *
join (const char * const *items)
{
  return items != NULL && items[0] != NULL ? g_strjoinv (", ", (char **) items) : NULL;
}

/* A caption and its value, or nothing when there is no value. */
static void
add_field (ChronoEventInspector *self,
           const char           *name,
           const char           *value)
{
  GtkWidget *box, *caption, *label;

  if (value == NULL || *value == '\0')
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  caption = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption-heading");
  gtk_widget_add_css_class (caption, "dim-label");
  label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL, -1);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (self->fields_box, box);
}

static char *
format_dates (ChronoEvent *event)
{
  g_autofree char *start = chrono_date_format (chrono_event_get_date (event));

  if (chrono_event_is_span (event))
    {
      g_autofree char *end = chrono_date_format (chrono_event_get_end_date (event));

      /* Translators: an event lasting a while: "Mar 2011 – Jun 2011" */
      return g_strdup_printf (_("%s – %s"), start, end);
    }
  return g_steal_pointer (&start);
}

static void
link_clicked_cb (GtkButton            *button,
                 ChronoEventInspector *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "event-id");

  g_signal_emit (self, signals[ACTIVATE_EVENT], 0, *id);
}

static void
add_links (ChronoEventInspector *self,
           GPtrArray            *linked)
{
  GtkWidget *box, *caption;

  if (linked == NULL || linked->len == 0)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  caption = gtk_label_new (_("Linked events (possible duplicates)"));
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption-heading");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), caption);

  for (guint i = 0; i < linked->len; i++)
    {
      ChronoEvent *other = g_ptr_array_index (linked, i);
      g_autofree char *when = format_dates (other);
      /* Translators: a linked event: "15 Aug 2008 · Health" */
      g_autofree char *text = g_strdup_printf (_("%s · %s"), when, chrono_event_get_agency (other));
      GtkWidget *button = gtk_button_new ();
      GtkWidget *label = gtk_label_new (text);
      gint64 *id = g_new (gint64, 1);

      *id = chrono_event_get_id (other);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, chrono_event_get_summary (other));
      g_object_set_data_full (G_OBJECT (button), "event-id", id, g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (link_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_box_append (self->fields_box, box);
}

static void
close_clicked_cb (ChronoEventInspector *self)
{
  g_signal_emit (self, signals[CLOSE], 0);
}

static void
chrono_event_inspector_dispose (GObject *object)
{
  ChronoEventInspector *self = CHRONO_EVENT_INSPECTOR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_EVENT_INSPECTOR);
  /* The template's children without an id, too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (chrono_event_inspector_parent_class)->dispose (object);
}

static void
chrono_event_inspector_class_init (ChronoEventInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_event_inspector_dispose;

  /**
   * ChronoEventInspector::activate-event:
   * @id: the event clicked
   */
  signals[ACTIVATE_EVENT] = g_signal_new ("activate-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CLOSE] = g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronoscope/Chronoscope/chrono-event-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoEventInspector, date_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventInspector, precision_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventInspector, where_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventInspector, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventInspector, fields_box);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
}

static void
chrono_event_inspector_init (ChronoEventInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
chrono_event_inspector_new (void)
{
  return g_object_new (CHRONO_TYPE_EVENT_INSPECTOR, NULL);
}

void
chrono_event_inspector_set_event (ChronoEventInspector *self,
                                  ChronoEvent          *event,
                                  GPtrArray            *linked)
{
  GtkWidget *child;
  g_autofree char *dates = NULL;
  g_autofree char *where = NULL;
  g_autofree char *subjects = NULL;
  g_autofree char *shared = NULL;
  g_autofree char *not_shared = NULL;
  g_autofree char *origin = NULL;

  g_return_if_fail (CHRONO_IS_EVENT_INSPECTOR (self));
  g_return_if_fail (event == NULL || CHRONO_IS_EVENT (event));

  g_set_object (&self->event, event);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box))) != NULL)
    gtk_box_remove (self->fields_box, child);
  if (event == NULL)
    {
      gtk_label_set_text (self->date_label, "");
      gtk_label_set_text (self->precision_label, "");
      gtk_label_set_text (self->where_label, "");
      gtk_label_set_text (self->summary_label, "");
      return;
    }

  dates = format_dates (event);
  gtk_label_set_text (self->date_label, dates);
  gtk_label_set_text (self->precision_label, precision_text (chrono_event_get_date (event)));
  if (*chrono_event_get_unit (event) != '\0')
    /* Translators: "Contact · Nottinghamshire Police · Response" */
    where = g_strdup_printf (_("%s · %s · %s"), chrono_kind_to_label (chrono_event_get_kind (event)),
                             chrono_event_get_agency (event), chrono_event_get_unit (event));
  else
    /* Translators: "Contact · Health" */
    where = g_strdup_printf (_("%s · %s"), chrono_kind_to_label (chrono_event_get_kind (event)),
                             chrono_event_get_agency (event));
  gtk_label_set_text (self->where_label, where);
  gtk_label_set_text (self->summary_label, chrono_event_get_summary (event));

  subjects = join (chrono_event_get_subjects (event));
  shared = join (chrono_event_get_shared_with (event));
  not_shared = join (chrono_event_get_not_shared_with (event));
  add_field (self, _("People"), subjects);
  add_field (self, _("Shared with"), shared);
  add_field (self, _("Not shared with"), not_shared);
  add_field (self, _("Allocation"), allocation_text (chrono_event_get_allocation (event)));
  add_field (self, _("Risk"), risk_text (chrono_event_get_risk (event)));
  add_field (self, _("Source"), chrono_event_get_source (event));
  add_field (self, _("Reference"), chrono_event_get_ref (event));
  if (*chrono_event_get_file (event) != '\0')
    {
      /* Translators: where an event was imported from: "police.csv, row 12" */
      origin = g_strdup_printf (_("%s, row %" PRIu64), chrono_event_get_file (event),
                                chrono_event_get_row (event));
      add_field (self, _("Imported from"), origin);
    }
  for (guint i = 0; i < chrono_event_get_n_extras (event); i++)
    add_field (self, chrono_event_get_extra_name (event, i), chrono_event_get_extra_value (event, i));
  add_links (self, linked);
}

ChronoEvent *
chrono_event_inspector_get_event (ChronoEventInspector *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_INSPECTOR (self), NULL);
  return self->event;
}

const char *
chrono_event_inspector_get_date_text (ChronoEventInspector *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_INSPECTOR (self), NULL);
  return gtk_label_get_text (self->date_label);
}
