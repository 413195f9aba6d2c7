/* chrono-timeline-print.c: printing the timeline, lane headers on every page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-print"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-timeline-painter.h"
#include "chrono-timeline-print.h"

/* Pages side by side in time: page n shows the n-th share of the period,
 * laid out afresh for the page (rows fitted to its height, the key below)
 * and painted by the same painter as exports, so every page carries the
 * lane headers and its own axis. */

#define MAX_PAGES  100
#define TITLE_SIZE 9.0

typedef struct
{
  ChronoMarks           *marks;
  ChronoTimelineOptions *options;
  ChronoTimelineLayout  *layout;
  ChronoTimelinePainter *painter;
  char                  *title;
  guint                 *order;
  gboolean              *hidden;
  gboolean              *collapsed;
  double                 view_from, view_to;
  gboolean               whole;
  guint                  pages;
  GtkWidget             *whole_check;
  GtkWidget             *pages_spin;
} PrintJob;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  g_clear_pointer (&job->marks, chrono_marks_unref);
  g_clear_pointer (&job->options, chrono_timeline_options_free);
  g_clear_object (&job->layout);
  g_clear_object (&job->painter);
  g_free (job->title);
  g_free (job->order);
  g_free (job->hidden);
  g_free (job->collapsed);
  g_free (job);
}

static void
job_range (PrintJob *job,
           double   *from,
           double   *to)
{
  if (job->whole || job->view_to <= job->view_from)
    {
      double first = job->marks->n_events > 0 ? job->marks->min_day : job->view_from;
      double last = job->marks->n_events > 0 ? job->marks->max_day + 1.0 : job->view_to;
      double pad = MAX ((last - first) * 0.015, 1.0);

      *from = first - pad;
      *to = last + pad;
    }
  else
    {
      *from = job->view_from;
      *to = job->view_to;
    }
}

static GObject *
create_custom_widget_cb (GtkPrintOperation *operation,
                         PrintJob          *job)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *shown, *label;

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  g_object_set (grid, "margin-start", 18, "margin-end", 18, "margin-top", 18, "margin-bottom", 18, NULL);

  shown = gtk_check_button_new_with_mnemonic (_("The _period shown"));
  job->whole_check = gtk_check_button_new_with_mnemonic (_("The _whole chronology"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (job->whole_check), GTK_CHECK_BUTTON (shown));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (job->whole ? job->whole_check : shown), TRUE);
  label = gtk_label_new (_("Print"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), shown, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), job->whole_check, 1, 1, 1, 1);

  job->pages_spin = gtk_spin_button_new_with_range (1, MAX_PAGES, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (job->pages_spin), job->pages);
  label = gtk_label_new_with_mnemonic (_("_Pages across"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), job->pages_spin);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), job->pages_spin, 1, 2, 1, 1);
  return G_OBJECT (grid);
}

static void
custom_widget_apply_cb (GtkPrintOperation *operation,
                        GtkWidget         *widget,
                        PrintJob          *job)
{
  job->whole = gtk_check_button_get_active (GTK_CHECK_BUTTON (job->whole_check));
  job->pages = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (job->pages_spin));
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  g_clear_object (&job->layout);
  g_clear_object (&job->painter);
  job->painter = chrono_timeline_painter_new ();
  chrono_timeline_painter_set_options (job->painter, job->options);
  job->layout = chrono_timeline_layout_new (job->marks);
  if (job->order != NULL)
    {
      chrono_timeline_layout_set_lane_order (job->layout, job->order, job->marks->n_lanes);
      for (guint l = 0; l < job->marks->n_lanes; l++)
        {
          chrono_timeline_layout_set_lane_hidden (job->layout, l, job->hidden[l]);
          chrono_timeline_layout_set_lane_collapsed (job->layout, l, job->collapsed[l]);
        }
    }
  if (job->options->label_func != NULL)
    chrono_timeline_layout_set_label_func (job->layout, job->options->label_func, job->options->label_data, NULL);
  gtk_print_operation_set_n_pages (operation, (int) CLAMP (job->pages, 1, MAX_PAGES));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autoptr(PangoLayout) text = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  g_autofree char *heading = NULL;
  ChronoTimelineMetrics metrics;
  ChronoTimeScale scale;
  const ChronoDisplayList *list;
  double from, to, span, x, y, w, h, title_h = TITLE_SIZE * 2.4;
  guint pages = CLAMP (job->pages, 1, MAX_PAGES);

  job_range (job, &from, &to);
  span = (to - from) / pages;
  from += page_nr * span;
  to = from + span;

  /* Translators: the top of each printed page: "Stacey — page 2 of 4" */
  heading = g_strdup_printf (_("%s — page %d of %u"), job->title, page_nr + 1, pages);
  pango_font_description_set_absolute_size (font, TITLE_SIZE * PANGO_SCALE);
  pango_layout_set_font_description (text, font);
  pango_layout_set_text (text, heading, -1);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, text);
  cairo_translate (cr, 0, title_h);
  height -= title_h;

  chrono_timeline_layout_get_metrics (job->layout, &metrics);
  chrono_timeline_painter_fit_metrics (job->painter, job->marks, width, &metrics);
  metrics.show_labels = job->options->label_func != NULL;
  metrics.fit_height = TRUE;
  metrics.grow_levels = TRUE;
  chrono_timeline_layout_set_metrics (job->layout, &metrics);
  chrono_timeline_layout_get_data_area (job->layout, width, height, &x, &y, &w, &h);
  chrono_time_scale_init (&scale, from, to, x, w);
  list = chrono_timeline_layout_build (job->layout, &scale, width, height);
  chrono_timeline_painter_paint (job->painter, cr, job->layout, list);
}

GtkPrintOperation *
chrono_timeline_print_new (ChronoMarks          *marks,
                           ChronoStore          *store,
                           ChronoTimelineLayout *screen,
                           const char           *title,
                           double                from,
                           double                to,
                           guint                 pages)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GError) error = NULL;
  GtkPaperSize *paper;
  PrintJob *job;

  g_return_val_if_fail (marks != NULL, NULL);
  g_return_val_if_fail (store == NULL || CHRONO_IS_STORE (store), NULL);

  job = g_new0 (PrintJob, 1);
  job->marks = chrono_marks_ref (marks);
  job->options = chrono_timeline_options_new ();
  if (store != NULL && !chrono_timeline_options_load_case (job->options, store, &error))
    g_warning ("Review period and key dates left out: %s", error->message);
  job->title = g_strdup (title != NULL ? title : "");
  job->view_from = from;
  job->view_to = to;
  job->pages = CLAMP (pages, 1, MAX_PAGES);
  if (screen != NULL && chrono_timeline_layout_get_marks (screen)->n_lanes == marks->n_lanes)
    {
      guint n;
      const guint *order = chrono_timeline_layout_get_lane_order (screen, &n);

      job->order = g_memdup2 (order, sizeof (guint) * MAX (n, 1));
      job->hidden = g_new0 (gboolean, MAX (n, 1));
      job->collapsed = g_new0 (gboolean, MAX (n, 1));
      for (guint l = 0; l < n; l++)
        {
          job->hidden[l] = chrono_timeline_layout_get_lane_hidden (screen, l);
          job->collapsed[l] = chrono_timeline_layout_get_lane_collapsed (screen, l);
        }
    }

  operation = gtk_print_operation_new ();
  paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_paper_size_free (paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, job->title);
  gtk_print_operation_set_custom_tab_label (operation, _("Timeline"));
  g_object_set_data_full (G_OBJECT (operation), "chrono-print-job", job, print_job_free);
  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (create_custom_widget_cb), job);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (custom_widget_apply_cb), job);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  return operation;
}

void
chrono_timeline_print_set_range (GtkPrintOperation *operation,
                                 gboolean           whole,
                                 guint              pages)
{
  PrintJob *job;

  g_return_if_fail (GTK_IS_PRINT_OPERATION (operation));

  job = g_object_get_data (G_OBJECT (operation), "chrono-print-job");
  g_return_if_fail (job != NULL);
  job->whole = whole;
  job->pages = CLAMP (pages, 1, MAX_PAGES);
}
