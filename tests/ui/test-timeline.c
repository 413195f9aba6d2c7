/* test-timeline.c: drives the real timeline page: zoom, pan, selection,
 * search, filters, lanes, export, print, and its screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CHRONO_SCREENSHOT_DIR=DIR keeps the three screenshots (timeline-case,
 * timeline-year, timeline-day .png, the window's content 1920×1080) in DIR;
 * the screen must be larger than that:
 *   CHRONO_SCREENSHOT_DIR=$PWD/data/screenshots xvfb-run -a -s "-screen 0
 *   2400x1400x24" BUILD/tests/ui/test-timeline -p /ui/timeline/screenshots
 * (with the environment meson test sets).  CHRONO_SCREENSHOT_EXTRA=1 adds
 * two for checking by eye: the inspector and search hits, and a filter.
 */
#define G_LOG_DOMAIN "test-timeline"

#include "chrono-ui-test.h"
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "chrono-application.h"
#include "chrono-export-dialog.h"
#include "chrono-timeline-page.h"
#include "chrono-timeline-print.h"
#include "chrono-timeline-view-private.h"
#include "chrono-window.h"

#define SAMPLE_EVENTS 215

static ChronoApplication *app;
static char *tmp_dir;

/* A few frames: the widgets are allocated and drawn. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 150 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2 * G_TIME_SPAN_MILLISECOND);
    }
}

static gboolean
is_idle (gpointer data)
{
  return !chrono_window_get_busy (CHRONO_WINDOW (data));
}

static gboolean
view_ready (gpointer data)
{
  ChronoTimelineView *view = data;

  return gtk_widget_get_mapped (GTK_WIDGET (view)) && gtk_widget_get_width (GTK_WIDGET (view)) > 0 &&
         chrono_timeline_view_get_layout (view) != NULL && _chrono_timeline_view_ensure_list (view) != NULL;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
copy_sample_case (void)
{
  g_autofree char *source = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *target = g_build_filename (tmp_dir, "stacey.chronoscope", NULL);
  gsize length;

  source = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "data", "stacey.chronoscope", NULL);
  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (target, contents, length, &error);
  g_assert_no_error (error);
  return target;
}

typedef struct
{
  ChronoWindow       *window;
  ChronoTimelinePage *page;
  ChronoTimelineView *view;
  ChronoCaseView     *case_view;
  char               *path;
} Fixture;

static void
fixture_open (Fixture *f,
              int      width,
              int      height,
              gboolean copy)
{
  g_autoptr(GFile) file = NULL;

  if (copy)
    f->path = copy_sample_case ();
  file = g_file_new_for_path (f->path);
  f->window = chrono_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_present (GTK_WINDOW (f->window));
  chrono_window_open_file (f->window, file);
  g_assert_true (chrono_ui_test_wait_until (is_idle, f->window));

  f->page = CHRONO_TIMELINE_PAGE (find_widget (GTK_WIDGET (f->window), CHRONO_TYPE_TIMELINE_PAGE));
  g_assert_nonnull (f->page);
  f->view = chrono_timeline_page_get_view (f->page);
  f->case_view = chrono_timeline_page_get_case_view (f->page);
  g_assert_true (chrono_ui_test_wait_until (view_ready, f->view));
  settle ();
}

static void
fixture_close (Fixture *f)
{
  g_assert_true (chrono_ui_test_wait_until (is_idle, f->window));
  gtk_window_destroy (GTK_WINDOW (f->window));
  chrono_ui_test_drain ();
  g_clear_pointer (&f->path, g_free);
}

static double
day (int y,
     int m,
     int d)
{
  return chrono_day_from_ymd (y, m, d);
}

static double
span_of (ChronoTimelineView *view)
{
  double from, to;

  chrono_timeline_view_get_visible_range (view, &from, &to);
  return to - from;
}

static void
assert_whole_case (ChronoTimelineView *view)
{
  double from, to;

  /* 1985 (the first event, a year) to Nov 2014 (the last), a little room
   * either side and no more. */
  chrono_timeline_view_get_visible_range (view, &from, &to);
  g_assert_cmpfloat (from, <=, day (1985, 1, 1));
  g_assert_cmpfloat (from, >, day (1984, 1, 1));
  g_assert_cmpfloat (to, >=, day (2014, 12, 1));
  g_assert_cmpfloat (to, <, day (2016, 1, 1));
}

static void
test_navigate (void)
{
  Fixture f = { 0 };
  const ChronoDisplayList *list;
  double from, to, span, anchor, anchor_day, x;

  fixture_open (&f, 1400, 900, TRUE);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (f.page), ADW_TYPE_VIEW_STACK))),
                   ==, "timeline");
  assert_whole_case (f.view);

  /* Zoom in around a point a third of the way in: twice as close, and the
   * day under the point stays under it. */
  list = _chrono_timeline_view_ensure_list (f.view);
  anchor = list->data_x0 + (list->data_x1 - list->data_x0) / 3;
  anchor_day = chrono_timeline_view_x_to_day (f.view, anchor);
  span = span_of (f.view);
  chrono_timeline_view_zoom (f.view, 2, anchor, TRUE);
  while (chrono_timeline_view_get_animating (f.view))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat_with_epsilon (span_of (f.view), span / 2, span * 1e-9);
  x = chrono_timeline_view_day_to_x (f.view, anchor_day);
  g_assert_cmpfloat (fabs (x - anchor), <=, 1.0);

  /* The zoom-in action (the + key): twice as close again, around the middle. */
  span = span_of (f.view);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "timeline.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (span_of (f.view), span / CHRONO_TIMELINE_ZOOM_STEP, span * 1e-9);

  /* Right arrow (timeline.pan 1): later by a tenth of the visible span, the
   * span kept; Left back again. */
  chrono_timeline_view_get_visible_range (f.view, &from, &to);
  span = to - from;
  gtk_widget_activate_action (GTK_WIDGET (f.view), "timeline.pan", "i", 1);
  {
    double from2, to2;

    chrono_timeline_view_get_visible_range (f.view, &from2, &to2);
    g_assert_cmpfloat_with_epsilon (from2 - from, CHRONO_TIMELINE_PAN_STEP * span, 1e-6);
    g_assert_cmpfloat_with_epsilon (to2 - from2, span, 1e-6);
    gtk_widget_activate_action (GTK_WIDGET (f.view), "timeline.pan", "i", -1);
    chrono_timeline_view_get_visible_range (f.view, &from2, &to2);
    g_assert_cmpfloat_with_epsilon (from2, from, 1e-6);
  }

  /* Zoom to fit (0, Home): 1985 to 2014 again. */
  gtk_widget_activate_action (GTK_WIDGET (f.view), "timeline.zoom-fit", NULL);
  assert_whole_case (f.view);
  settle ();
  fixture_close (&f);
}

static void
test_open_to_whole_case_headers (void)
{
  Fixture f = { 0 };
  const ChronoDisplayList *list;
  ChronoMarks *marks;

  fixture_open (&f, 1400, 900, TRUE);
  list = _chrono_timeline_view_ensure_list (f.view);
  marks = chrono_case_view_get_visible_marks (f.case_view);
  g_assert_nonnull (marks);
  g_assert_cmpuint (marks->n_events, ==, SAMPLE_EVENTS);
  /* One lane per agency, headers beside the data. */
  g_assert_cmpuint (list->lanes->len, ==, marks->n_lanes);
  g_assert_cmpfloat (list->data_x0, >, 100);
  fixture_close (&f);
}

static ChronoEvent *
find_event (ChronoWindow *window,
            gint64        id)
{
  GListModel *events = chrono_window_get_events (window);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ChronoEvent) event = g_list_model_get_item (events, i);

      if (chrono_event_get_id (event) == id)
        return g_steal_pointer (&event);
    }
  return NULL;
}

static void
click (ChronoTimelineView *view,
       double              x,
       double              y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          g_signal_emit_by_name (controller, "pressed", 1, x, y);
          g_signal_emit_by_name (controller, "released", 1, x, y);
        }
    }
}

static void
test_select (void)
{
  Fixture f = { 0 };
  const ChronoDisplayList *list;
  const ChronoDlMark *mark = NULL;
  ChronoMarks *marks;
  ChronoTableView *table;
  g_autoptr(ChronoEvent) event = NULL;
  g_autofree char *date = NULL;
  g_autofree char *said = NULL;
  g_autofree char *error_text = NULL;
  gint64 id, next_id;
  double x, y;

  fixture_open (&f, 1400, 900, TRUE);
  marks = chrono_case_view_get_visible_marks (f.case_view);
  table = chrono_window_get_table_view (f.window);

  /* Zoom into 2011 so marks stand alone, then click one where the layout
   * drew it. */
  chrono_timeline_view_set_visible_range (f.view, day (2011, 1, 1), day (2012, 1, 1), FALSE);
  settle ();
  list = _chrono_timeline_view_ensure_list (f.view);
  g_assert_cmpuint (list->marks->len, >, 0);
  mark = &g_array_index (list->marks, ChronoDlMark, list->marks->len / 2);
  id = marks->id[mark->event];
  g_assert_true (chrono_timeline_view_get_event_position (f.view, id, &x, &y));
  click (f.view, x, y);
  settle ();

  g_assert_cmpint (chrono_case_view_get_selected_id (f.case_view), ==, id);
  g_assert_true (chrono_timeline_page_get_inspector_visible (f.page));
  event = find_event (f.window, id);
  g_assert_nonnull (event);
  date = chrono_date_format (chrono_event_get_date (event));
  g_assert_true (g_str_has_prefix (chrono_event_inspector_get_date_text (chrono_timeline_page_get_inspector (f.page)),
                                   date));
  /* The table follows. */
  g_assert_nonnull (chrono_table_view_get_selected_event (table));
  g_assert_cmpint (chrono_event_get_id (chrono_table_view_get_selected_event (table)), ==, id);

  /* And the other way round. */
  {
    g_autoptr(ChronoEvent) row = chrono_table_view_dup_row_event (table, 3);

    chrono_table_view_set_selected_event (table, row);
    g_assert_cmpint (chrono_case_view_get_selected_id (f.case_view), ==, chrono_event_get_id (row));
  }

  /* Keyboard: Alt+Right moves to the next event in time, across lanes, and
   * reads it out; Enter opens it. */
  chrono_case_view_set_selected_id (f.case_view, id);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "timeline.step-event", "i", 1);
  next_id = chrono_timeline_view_get_focus_id (f.view);
  g_assert_cmpint (next_id, !=, id);
  {
    gint a = chrono_marks_lookup (marks, id), b = chrono_marks_lookup (marks, next_id);

    g_assert_cmpfloat (marks->pos[b], >=, marks->pos[a]);
  }
  said = chrono_timeline_view_describe_event (f.view, next_id);
  {
    g_autoptr(ChronoEvent) next = find_event (f.window, next_id);
    g_autofree char *next_date = chrono_date_format (chrono_event_get_date (next));

    g_assert_true (g_str_has_prefix (said, next_date));
    g_assert_nonnull (strstr (said, chrono_event_get_agency (next)));
  }
  error_text = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f.view), GTK_ACCESSIBLE_PROPERTY_LABEL, said);
  g_assert_null (error_text);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "timeline.activate", NULL);
  g_assert_cmpint (chrono_case_view_get_selected_id (f.case_view), ==, next_id);

  /* A cluster click zooms into it. */
  chrono_timeline_view_zoom_to_fit (f.view, FALSE);
  settle ();
  list = _chrono_timeline_view_ensure_list (f.view);
  if (list->clusters->len > 0)
    {
      const ChronoDlCluster *c = &g_array_index (list->clusters, ChronoDlCluster, 0);
      double span = span_of (f.view);

      click (f.view, c->x + c->w / 2, c->y + c->h / 2);
      while (chrono_timeline_view_get_animating (f.view))
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpfloat (span_of (f.view), <, span);
    }

  /* Escape: nothing selected, the inspector closes. */
  gtk_widget_activate_action (GTK_WIDGET (f.view), "timeline.unselect", NULL);
  g_assert_cmpint (chrono_case_view_get_selected_id (f.case_view), ==, 0);
  g_assert_false (chrono_timeline_page_get_inspector_visible (f.page));
  fixture_close (&f);
}

static gboolean
has_hits (gpointer data)
{
  Fixture *f = data;

  return chrono_case_view_get_search_text (f->case_view) != NULL;
}

static void
test_search (void)
{
  Fixture f = { 0 };
  GListModel *events;
  g_autofree char *needle = g_utf8_casefold ("MARAC", -1);
  g_autofree char *text = NULL;
  guint expected = 0, n;
  ChronoMarks *marks;
  const guint8 *mask;
  guint n_marked = 0;

  fixture_open (&f, 1400, 900, TRUE);
  events = chrono_window_get_events (f.window);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ChronoEvent) event = g_list_model_get_item (events, i);
      g_autofree char *folded = g_utf8_casefold (chrono_event_get_summary (event), -1);

      if (strstr (folded, needle) != NULL)
        expected++;
    }
  g_assert_cmpuint (expected, >, 1);

  gtk_widget_activate_action (GTK_WIDGET (f.page), "case.search", NULL);
  gtk_editable_set_text (chrono_timeline_page_get_search_entry (f.page), "MARAC");
  g_assert_true (chrono_ui_test_wait_until (has_hits, &f));
  n = chrono_case_view_get_n_hits (f.case_view);
  g_assert_cmpuint (n, ==, expected);
  text = g_strdup_printf ("%u matches", expected);
  g_assert_cmpstr (chrono_timeline_page_get_match_text (f.page), ==, text);

  /* Every hit is marked on the timeline. */
  marks = chrono_case_view_get_visible_marks (f.case_view);
  mask = chrono_case_view_get_hit_mask (f.case_view);
  g_assert_nonnull (mask);
  for (guint i = 0; i < marks->n_events; i++)
    n_marked += mask[i] != 0;
  g_assert_cmpuint (n_marked, ==, expected);

  /* In time order. */
  for (guint i = 1; i < n; i++)
    {
      gint a = chrono_marks_lookup (marks, chrono_case_view_get_hit (f.case_view, i - 1));
      gint b = chrono_marks_lookup (marks, chrono_case_view_get_hit (f.case_view, i));

      g_assert_cmpfloat (marks->pos[a], <=, marks->pos[b]);
    }

  /* Next and previous go round. */
  gtk_widget_activate_action (GTK_WIDGET (f.page), "case.find-next", NULL);
  g_assert_cmpint (chrono_case_view_get_selected_id (f.case_view), ==, chrono_case_view_get_hit (f.case_view, 0));
  g_assert_cmpstr (chrono_timeline_page_get_match_text (f.page), ==, (g_free (text), text = g_strdup_printf ("1 of %u", n)));
  g_assert_true (chrono_timeline_page_get_inspector_visible (f.page));
  gtk_widget_activate_action (GTK_WIDGET (f.page), "case.find-next", NULL);
  g_assert_cmpint (chrono_case_view_get_selected_id (f.case_view), ==, chrono_case_view_get_hit (f.case_view, 1));
  gtk_widget_activate_action (GTK_WIDGET (f.page), "case.find-previous", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f.page), "case.find-previous", NULL);
  g_assert_cmpint (chrono_case_view_get_selected_id (f.case_view), ==, chrono_case_view_get_hit (f.case_view, n - 1));
  g_assert_cmpstr (chrono_timeline_page_get_match_text (f.page), ==, (g_free (text), text = g_strdup_printf ("%u of %u", n, n)));
  gtk_widget_activate_action (GTK_WIDGET (f.page), "case.find-next", NULL);
  g_assert_cmpint (chrono_case_view_get_selected_id (f.case_view), ==, chrono_case_view_get_hit (f.case_view, 0));
  settle ();
  fixture_close (&f);
}

static void
test_filter (void)
{
  Fixture f = { 0 };
  GListModel *events;
  ChronoTableView *table;
  ChronoMarks *marks;
  guint expected = 0;

  fixture_open (&f, 1400, 900, TRUE);
  events = chrono_window_get_events (f.window);
  table = chrono_window_get_table_view (f.window);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ChronoEvent) event = g_list_model_get_item (events, i);

      expected += chrono_event_has_subject (event, "Daughter");
    }
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, SAMPLE_EVENTS);

  gtk_widget_activate_action (GTK_WIDGET (f.page), "case.filter-subject", "s", "Daughter");
  settle ();

  /* The timeline draws exactly those events… */
  marks = chrono_case_view_get_visible_marks (f.case_view);
  g_assert_cmpuint (marks->n_events, ==, expected);
  for (guint i = 0; i < marks->n_events; i++)
    {
      g_autoptr(ChronoEvent) event = find_event (f.window, marks->id[i]);

      g_assert_true (chrono_event_has_subject (event, "Daughter"));
    }
  {
    const ChronoDisplayList *list = _chrono_timeline_view_ensure_list (f.view);

    for (guint i = 0; i < list->marks->len; i++)
      g_assert_cmpuint (g_array_index (list->marks, ChronoDlMark, i).event, <, expected);
  }
  /* …and so does the table. */
  g_assert_cmpuint (chrono_table_view_get_n_rows (table), ==, expected);
  for (guint i = 0; i < expected; i++)
    {
      g_autoptr(ChronoEvent) row = chrono_table_view_dup_row_event (table, i);

      g_assert_true (chrono_event_has_subject (row, "Daughter"));
    }

  /* Filters combine: a kind as well. */
  gtk_widget_activate_action (GTK_WIDGET (f.page), "case.filter-kind", "s", "contact");
  marks = chrono_case_view_get_visible_marks (f.case_view);
  g_assert_cmpuint (marks->n_events, <, expected);
  g_assert_cmpuint (chrono_table_view_get_n_rows (table), ==, marks->n_events);

  gtk_widget_activate_action (GTK_WIDGET (f.page), "case.clear-filters", NULL);
  g_assert_cmpuint (chrono_case_view_get_visible_marks (f.case_view)->n_events, ==, SAMPLE_EVENTS);
  g_assert_cmpuint (chrono_table_view_get_n_rows (table), ==, SAMPLE_EVENTS);
  settle ();
  fixture_close (&f);
}

static gint
lane_named (ChronoMarks *marks,
            const char  *name)
{
  gint lane = chrono_marks_find_lane (marks, name);

  g_assert_cmpint (lane, >=, 0);
  return lane;
}

static void
test_lanes (void)
{
  Fixture f = { 0 };
  ChronoTimelineLayout *layout;
  ChronoMarks *marks;
  guint police, marac, n;
  const guint *order;
  g_autoptr(GPtrArray) agencies = NULL;

  fixture_open (&f, 1400, 900, TRUE);
  layout = chrono_timeline_view_get_layout (f.view);
  marks = chrono_case_view_get_visible_marks (f.case_view);
  police = lane_named (marks, "Nottinghamshire Police");
  marac = lane_named (marks, "MARAC");

  /* Collapse (the header's expander), hide (the header's menu), move up. */
  gtk_widget_activate_action (GTK_WIDGET (f.view), "timeline.toggle-lane", "u", police);
  g_assert_true (chrono_timeline_layout_get_lane_collapsed (layout, police));
  gtk_widget_activate_action (GTK_WIDGET (f.view), "timeline.hide-lane", "u", marac);
  g_assert_true (chrono_timeline_layout_get_lane_hidden (layout, marac));
  order = chrono_timeline_layout_get_lane_order (layout, &n);
  g_assert_cmpuint (order[1], ==, police);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "timeline.lane-up", "u", police);
  order = chrono_timeline_layout_get_lane_order (layout, &n);
  g_assert_cmpuint (order[0], ==, police);

  /* The case keeps the order and the hidden lane. */
  agencies = chrono_store_list_agencies (chrono_window_get_store (f.window), NULL);
  g_assert_cmpstr (chrono_agency_get_name (g_ptr_array_index (agencies, 0)), ==, "Nottinghamshire Police");
  for (guint i = 0; i < agencies->len; i++)
    g_assert_cmpint (chrono_agency_get_hidden (g_ptr_array_index (agencies, i)), ==,
                     g_str_equal (chrono_agency_get_name (g_ptr_array_index (agencies, i)), "MARAC"));

  /* Opened again: the same lanes. */
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.close-case", NULL);
  {
    g_autofree char *path = g_strdup (f.path);

    fixture_close (&f);
    f.path = g_steal_pointer (&path);
  }
  fixture_open (&f, 1400, 900, FALSE);
  layout = chrono_timeline_view_get_layout (f.view);
  marks = chrono_case_view_get_visible_marks (f.case_view);
  order = chrono_timeline_layout_get_lane_order (layout, &n);
  g_assert_cmpstr (marks->lanes[order[0]].name, ==, "Nottinghamshire Police");
  g_assert_true (chrono_timeline_layout_get_lane_hidden (layout, lane_named (marks, "MARAC")));
  gtk_widget_activate_action (GTK_WIDGET (f.view), "timeline.show-all-lanes", NULL);
  g_assert_false (chrono_timeline_layout_get_lane_hidden (layout, lane_named (marks, "MARAC")));
  fixture_close (&f);
}

static guint
count_pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n = 0;

  /* The file holds binary streams: no string functions. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize i = 0; i + 12 < length; i++)
    n += memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's';
  return n;
}

static void
test_export_print (void)
{
  Fixture f = { 0 };
  g_autofree char *png = g_build_filename (tmp_dir, "timeline.png", NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "timeline.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  ChronoExportDialog *dialog;
  GStatBuf st;
  double from, to;

  fixture_open (&f, 1400, 900, TRUE);
  chrono_timeline_view_get_visible_range (f.view, &from, &to);
  dialog = chrono_export_dialog_new (GTK_WINDOW (f.window), chrono_case_view_get_visible_marks (f.case_view),
                                     chrono_window_get_store (f.window), from, to);
  g_assert_true (chrono_export_dialog_export (dialog, png, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (png, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 10000);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The whole chronology over three A4 landscape pages. */
  operation = chrono_timeline_print_new (chrono_case_view_get_visible_marks (f.case_view),
                                         chrono_window_get_store (f.window),
                                         chrono_timeline_view_get_layout (f.view), "stacey", from, to, 1);
  chrono_timeline_print_set_range (operation, TRUE, 3);
  gtk_print_operation_set_export_filename (operation, pdf);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_pages (pdf), ==, 3);
  fixture_close (&f);
}

/* The window's content (without its shadow) as a PNG, exactly as drawn. */
static void
save_screenshot (ChronoWindow *window,
                 const char   *name)
{
  const char *dir = g_getenv ("CHRONO_SCREENSHOT_DIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : tmp_dir, name, NULL);
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t bounds;
  GStatBuf st;
  int scale;

  g_assert_true (gtk_widget_compute_bounds (content, GTK_WIDGET (window), &bounds));
  gdk_paintable_snapshot (paintable, snapshot, gdk_paintable_get_intrinsic_width (paintable),
                          gdk_paintable_get_intrinsic_height (paintable));
  node = gtk_snapshot_free_to_node (snapshot);
  /* In device pixels, as on screen (GDK_SCALE=2: twice as large). */
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (window));
  if (scale > 1)
    {
      GskRenderNode *scaled = gsk_transform_node_new (node, gsk_transform_scale (NULL, scale, scale));

      gsk_render_node_unref (node);
      node = scaled;
      graphene_rect_scale (&bounds, scale, scale, &bounds);
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, &bounds);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("%s: %d×%d, %ld bytes", path, gdk_texture_get_width (texture),
                  gdk_texture_get_height (texture), (long) st.st_size);
}

static void
test_screenshots (void)
{
  Fixture f = { 0 };
  GtkWidget *content;
  int width, height;

  /* The content 1920×1080, whatever the window's frame takes. */
  fixture_open (&f, 1920, 1080, TRUE);
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f.window));
  width = gtk_widget_get_width (content);
  height = gtk_widget_get_height (content);
  if (width != 1920 || height != 1080)
    {
      g_autofree char *path = g_strdup (f.path);

      fixture_close (&f);
      f.path = g_steal_pointer (&path);
      fixture_open (&f, 2 * 1920 - width, 2 * 1080 - height, FALSE);
      content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f.window));
    }
  /* Only a large enough screen takes that: build-aux/screenshots.sh's. */
  if (g_getenv ("CHRONO_SCREENSHOT_DIR") != NULL)
    {
      g_assert_cmpint (gtk_widget_get_width (content), ==, 1920);
      g_assert_cmpint (gtk_widget_get_height (content), ==, 1080);
    }
  save_screenshot (f.window, "timeline-case.png");

  chrono_timeline_view_set_visible_range (f.view, day (2011, 1, 1), day (2012, 1, 1), FALSE);
  settle ();
  save_screenshot (f.window, "timeline-year.png");

  /* The same with the inspector open and a search's hits ringed. */
  if (g_getenv ("CHRONO_SCREENSHOT_EXTRA") != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (f.page), "case.search", NULL);
      gtk_editable_set_text (chrono_timeline_page_get_search_entry (f.page), "police");
      settle ();
      settle ();
      gtk_widget_activate_action (GTK_WIDGET (f.page), "case.find-next", NULL);
      settle ();
      save_screenshot (f.window, "timeline-inspector.png");
      gtk_widget_activate_action (GTK_WIDGET (f.page), "case.filter-subject", "s", "Daughter");
      settle ();
      save_screenshot (f.window, "timeline-filtered.png");
      gtk_widget_activate_action (GTK_WIDGET (f.page), "case.clear-filters", NULL);
      gtk_widget_activate_action (GTK_WIDGET (f.page), "case.close-inspector", NULL);
      gtk_editable_set_text (chrono_timeline_page_get_search_entry (f.page), "");
      settle ();
    }

  /* The busiest day: five events on 9 April 2011, an hour either side. */
  chrono_timeline_view_set_visible_range (f.view, day (2011, 4, 9) - 1 / 24.0, day (2011, 4, 10) + 1 / 24.0,
                                          FALSE);
  settle ();
  save_screenshot (f.window, "timeline-day.png");
  fixture_close (&f);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("chronoscope-timeline-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", tmp_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmp_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("LANGUAGE", "C", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = chrono_application_new ();
  g_application_set_application_id (G_APPLICATION (app), NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/timeline/open", test_open_to_whole_case_headers);
  g_test_add_func ("/ui/timeline/navigate", test_navigate);
  g_test_add_func ("/ui/timeline/select", test_select);
  g_test_add_func ("/ui/timeline/search", test_search);
  g_test_add_func ("/ui/timeline/filter", test_filter);
  g_test_add_func ("/ui/timeline/lanes", test_lanes);
  g_test_add_func ("/ui/timeline/export-print", test_export_print);
  g_test_add_func ("/ui/timeline/screenshots", test_screenshots);

  status = g_test_run ();

  chrono_ui_test_drain ();
  g_clear_object (&app);
  remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
