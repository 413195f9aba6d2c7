/* chrono-table-view.c: the case's events as a sortable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-table-view"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-table-view.h"

struct _ChronoTableView
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *agency_column;
  GtkColumnViewColumn *unit_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *subjects_column;
  GtkColumnViewColumn *summary_column;
  GtkLabel            *count_label;

  GListModel          *model;
  GtkSortListModel    *sort_model;
  GtkSingleSelection  *selection;
};

G_DEFINE_FINAL_TYPE (ChronoTableView, chrono_table_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SELECTED_EVENT,
  PROP_N_ROWS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_event_date (ChronoEvent *event)
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

static char *
join_subjects (ChronoEvent *event)
{
  const char * const *subjects = chrono_event_get_subjects (event);

  if (subjects == NULL)
    return g_strdup ("");

  return g_strjoinv (", ", (char **) subjects);
}

/* Sort keys for the string sorters, which collate them once per row. */

static char *
dup_agency (ChronoEvent *event)
{
  return g_strdup (chrono_event_get_agency (event));
}

static char *
dup_unit (ChronoEvent *event)
{
  return g_strdup (chrono_event_get_unit (event));
}

static char *
dup_kind_label (ChronoEvent *event)
{
  return g_strdup (chrono_kind_to_label (chrono_event_get_kind (event)));
}

static char *
dup_summary (ChronoEvent *event)
{
  return g_strdup (chrono_event_get_summary (event));
}

static int
compare_dates (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  /* Ties keep the store's order (the sort is stable), the timeline's too. */
  int cmp = chrono_date_compare (chrono_event_get_date ((ChronoEvent *) a),
                                 chrono_event_get_date ((ChronoEvent *) b));

  return cmp < 0 ? GTK_ORDERING_SMALLER : cmp > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static GtkSorter *
string_sorter_new (GCallback getter)
{
  GtkExpression *expression;

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, getter, NULL, NULL);

  return GTK_SORTER (gtk_string_sorter_new (expression));
}

static void
set_text (GtkListItem *item,
          const char  *text)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static void
update_count (ChronoTableView *self)
{
  guint n_rows = chrono_table_view_get_n_rows (self);
  g_autofree char *text = NULL;

  text = g_strdup_printf (ngettext ("%u event", "%u events", n_rows), n_rows);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, n_rows > 0 ? "table" : "empty");
}

static void
scroll_to_position (ChronoTableView *self,
                    guint            position)
{
  /* GTK 4.8 has no gtk_column_view_scroll_to(); its list view has the action. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
          break;
        }
    }
}

static void
items_changed_cb (GListModel      *model,
                  guint            position,
                  guint            removed,
                  guint            added,
                  ChronoTableView *self)
{
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ROWS]);
}

static void
selected_item_cb (GtkSingleSelection *selection,
                  GParamSpec         *pspec,
                  ChronoTableView    *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
}

/* GtkInscription rather than GtkLabel: its size does not depend on its text,
 * so rows are measured quickly and columns do not jump while scrolling. */
static GtkWidget *
inscription_new (guint min_chars,
                 guint nat_chars,
                 guint lines)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), min_chars);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), nat_chars);
  /* Rows take the height their cells ask for at least. */
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (inscription), lines);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (inscription), lines);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_yalign (GTK_INSCRIPTION (inscription), 0.0f);
  return inscription;
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                ChronoTableView          *self)
{
  gtk_list_item_set_child (item, inscription_new (4, 16, 1));
}

static void
setup_date_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ChronoTableView          *self)
{
  GtkWidget *inscription = inscription_new (8, 16, 1);

  gtk_widget_add_css_class (inscription, "numeric");
  gtk_list_item_set_child (item, inscription);
}

static void
setup_summary_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  ChronoTableView          *self)
{
  /* Two lines, then "…": the tooltip has the summary whole. */
  GtkWidget *inscription = inscription_new (20, 60, 2);

  gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (inscription), PANGO_WRAP_WORD_CHAR);
  gtk_list_item_set_child (item, inscription);
}

static void
bind_date_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ChronoTableView          *self)
{
  g_autofree char *text = format_event_date (gtk_list_item_get_item (item));

  set_text (item, text);
}

static void
bind_agency_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                ChronoTableView          *self)
{
  set_text (item, chrono_event_get_agency (gtk_list_item_get_item (item)));
}

static void
bind_unit_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ChronoTableView          *self)
{
  set_text (item, chrono_event_get_unit (gtk_list_item_get_item (item)));
}

static void
bind_kind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ChronoTableView          *self)
{
  set_text (item, chrono_kind_to_label (chrono_event_get_kind (gtk_list_item_get_item (item))));
}

static void
bind_subjects_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  ChronoTableView          *self)
{
  g_autofree char *text = join_subjects (gtk_list_item_get_item (item));

  set_text (item, text);
}

static void
bind_summary_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 ChronoTableView          *self)
{
  const char *summary = chrono_event_get_summary (gtk_list_item_get_item (item));

  set_text (item, summary);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), summary);
}

static void
chrono_table_view_dispose (GObject *object)
{
  ChronoTableView *self = CHRONO_TABLE_VIEW (object);

  /* Removing the columns re-sorts the rows: nothing is left to update. */
  if (self->sort_model != NULL)
    g_signal_handlers_disconnect_by_func (self->sort_model, items_changed_cb, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selected_item_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_TABLE_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (chrono_table_view_parent_class)->dispose (object);
}

static void
chrono_table_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ChronoTableView *self = CHRONO_TABLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_SELECTED_EVENT:
      g_value_set_object (value, chrono_table_view_get_selected_event (self));
      break;

    case PROP_N_ROWS:
      g_value_set_uint (value, chrono_table_view_get_n_rows (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_table_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ChronoTableView *self = CHRONO_TABLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      chrono_table_view_set_model (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_EVENT:
      chrono_table_view_set_selected_event (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_table_view_class_init (ChronoTableViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_table_view_dispose;
  object_class->get_property = chrono_table_view_get_property;
  object_class->set_property = chrono_table_view_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SELECTED_EVENT] =
    g_param_spec_object ("selected-event", NULL, NULL,
                         CHRONO_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ROWS] =
    g_param_spec_uint ("n-rows", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronoscope/Chronoscope/chrono-table-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoTableView, stack);
  gtk_widget_class_bind_template_child (widget_class, ChronoTableView, column_view);
  gtk_widget_class_bind_template_child (widget_class, ChronoTableView, date_column);
  gtk_widget_class_bind_template_child (widget_class, ChronoTableView, agency_column);
  gtk_widget_class_bind_template_child (widget_class, ChronoTableView, unit_column);
  gtk_widget_class_bind_template_child (widget_class, ChronoTableView, kind_column);
  gtk_widget_class_bind_template_child (widget_class, ChronoTableView, subjects_column);
  gtk_widget_class_bind_template_child (widget_class, ChronoTableView, summary_column);
  gtk_widget_class_bind_template_child (widget_class, ChronoTableView, count_label);
  gtk_widget_class_bind_template_callback (widget_class, setup_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_date_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_summary_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_date_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_agency_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_unit_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_kind_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_subjects_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_summary_cb);
}

static void
chrono_table_view_init (ChronoTableView *self)
{
  g_autoptr(GtkSorter) date_sorter = NULL;
  g_autoptr(GtkSorter) agency_sorter = NULL;
  g_autoptr(GtkSorter) unit_sorter = NULL;
  g_autoptr(GtkSorter) kind_sorter = NULL;
  g_autoptr(GtkSorter) subjects_sorter = NULL;
  g_autoptr(GtkSorter) summary_sorter = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  date_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_dates, NULL, NULL));
  agency_sorter = string_sorter_new (G_CALLBACK (dup_agency));
  unit_sorter = string_sorter_new (G_CALLBACK (dup_unit));
  kind_sorter = string_sorter_new (G_CALLBACK (dup_kind_label));
  subjects_sorter = string_sorter_new (G_CALLBACK (join_subjects));
  summary_sorter = string_sorter_new (G_CALLBACK (dup_summary));

  gtk_column_view_column_set_sorter (self->date_column, date_sorter);
  gtk_column_view_column_set_sorter (self->agency_column, agency_sorter);
  gtk_column_view_column_set_sorter (self->unit_column, unit_sorter);
  gtk_column_view_column_set_sorter (self->kind_column, kind_sorter);
  gtk_column_view_column_set_sorter (self->subjects_column, subjects_sorter);
  gtk_column_view_column_set_sorter (self->summary_column, summary_sorter);

  self->sort_model = gtk_sort_list_model_new (NULL,
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (items_changed_cb), self, 0);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selected_item_cb), self, 0);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* The store loads events by date: show that order in the header. */
  gtk_column_view_sort_by_column (self->column_view, self->date_column, GTK_SORT_ASCENDING);

  update_count (self);
}

GtkWidget *
chrono_table_view_new (void)
{
  return g_object_new (CHRONO_TYPE_TABLE_VIEW, NULL);
}

GListModel *
chrono_table_view_get_model (ChronoTableView *self)
{
  g_return_val_if_fail (CHRONO_IS_TABLE_VIEW (self), NULL);

  return self->model;
}

void
chrono_table_view_set_model (ChronoTableView *self,
                             GListModel      *model)
{
  g_return_if_fail (CHRONO_IS_TABLE_VIEW (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  g_set_object (&self->model, model);
  gtk_sort_list_model_set_model (self->sort_model, model);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

ChronoEvent *
chrono_table_view_get_selected_event (ChronoTableView *self)
{
  g_return_val_if_fail (CHRONO_IS_TABLE_VIEW (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

void
chrono_table_view_set_selected_event (ChronoTableView *self,
                                      ChronoEvent     *event)
{
  GListModel *rows;
  guint n_rows;

  g_return_if_fail (CHRONO_IS_TABLE_VIEW (self));
  g_return_if_fail (event == NULL || CHRONO_IS_EVENT (event));

  if (event == chrono_table_view_get_selected_event (self))
    return;

  if (event == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  rows = G_LIST_MODEL (self->sort_model);
  n_rows = g_list_model_get_n_items (rows);

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(ChronoEvent) row = g_list_model_get_item (rows, i);

      if (row == event ||
          (chrono_event_get_id (event) > 0 &&
           chrono_event_get_id (row) == chrono_event_get_id (event)))
        {
          gtk_single_selection_set_selected (self->selection, i);
          scroll_to_position (self, i);
          return;
        }
    }

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

guint
chrono_table_view_get_n_rows (ChronoTableView *self)
{
  g_return_val_if_fail (CHRONO_IS_TABLE_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
}

ChronoEvent *
chrono_table_view_dup_row_event (ChronoTableView *self,
                                 guint            position)
{
  g_return_val_if_fail (CHRONO_IS_TABLE_VIEW (self), NULL);

  return g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);
}

void
chrono_table_view_sort_by_date (ChronoTableView *self,
                                GtkSortType      order)
{
  g_return_if_fail (CHRONO_IS_TABLE_VIEW (self));

  gtk_column_view_sort_by_column (self->column_view, self->date_column, order);
}

GtkColumnView *
chrono_table_view_get_column_view (ChronoTableView *self)
{
  g_return_val_if_fail (CHRONO_IS_TABLE_VIEW (self), NULL);

  return self->column_view;
}
