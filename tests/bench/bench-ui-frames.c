/* bench-ui-frames.c: the timeline in the app, frame by frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frames: a case of CHRONO_BENCH_EVENTS events (default 100 000, made with
 * chrono-gen over 12 agencies and imported) opened in the real window, its
 * timeline page showing; then CHRONO_BENCH_SECONDS (default 10) seconds of
 * scripted panning and zooming, driven from the frame clock: the view moves
 * across the chronology while zooming twice from the whole of it to a
 * month and back.  A frame's time is the frame clock's work on it, from
 * "before-paint" to "after-paint" (update, layout, snapshot and render);
 * prints their distribution and the target (median under 16 ms).
 *
 * Opening: a case of CHRONO_BENCH_LOAD_EVENTS events (default one million,
 * 0 skips it) opened in a new window, timed from chrono_window_open_file()
 * to the first frame painted with its events, and, for the timeline alone,
 * from opening the file to the first frame of a timeline view given just
 * the marks.  Target: under a second.
 *
 * Needs a display: xvfb-run -a -s "-screen 0 1920x1080x24" meson test
 * --benchmark --suite ui-bench.  CHRONO_BENCH_DIR keeps the cases between
 * runs.  GSK_RENDERER picks the renderer (the one used is printed).
 */
#define G_LOG_DOMAIN "bench-ui-frames"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "chrono-application.h"
#include "chrono-exchange.h"
#include "chrono-gen.h"
#include "chrono-timeline-page.h"
#include "chrono-window.h"

#define N_AGENCIES 12
#define TARGET_MS  16.0

typedef struct
{
  GArray  *work;        /* double, ms: before-paint to after-paint */
  GArray  *cpu;         /* double, ms: the same in this thread's processor time */
  GArray  *intervals;   /* double, ms: from one frame to the next */
  double   cpu_start;
  gint64   paint_start;
  gint64   last_frame;
  gboolean recording;
} Frames;

typedef struct
{
  ChronoTimelineView *view;
  double              from, to;
  double              seconds;
  gint64              start;
  gboolean            done;
} Script;

typedef struct
{
  ChronoCaseView *case_view;
  guint           n_events;
  gint64          painted;   /* when the first frame with the events ended */
} FirstFrame;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* This thread's processor time: what a frame costs, however busy the
 * machine (a shared runner) is. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  if (sorted->len == 0)
    return 0;
  return g_array_index (sorted, double, MIN ((guint) (p * sorted->len), sorted->len - 1));
}

static void
iterate_until (gboolean *flag,
               double    timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
is_idle (ChronoWindow *window)
{
  return !chrono_window_get_busy (window);
}

static void
wait_idle (ChronoWindow *window)
{
  while (!is_idle (window))
    g_main_context_iteration (NULL, TRUE);
}

static void
settle (double ms)
{
  double until = now_ms () + ms;

  while (now_ms () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* A case file of @n_events made-up events, made once per directory. */
static char *
make_case (const char  *dir,
           guint64      n_events,
           GError     **error)
{
  g_autofree char *name = g_strdup_printf ("frames-%" G_GUINT64_FORMAT ".chronoscope", n_events);
  g_autofree char *csv = g_build_filename (dir, "frames.csv", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(ChronoImportReport) report = chrono_import_report_new ("frames.csv");
  double t = now_ms ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);
  if (!chrono_gen_write_csv (csv, n_events, N_AGENCIES, 42, error) ||
      (store = chrono_store_open (path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE, error)) == NULL ||
      !chrono_exchange_import (store, csv, NULL, report, error))
    return NULL;
  chrono_store_close (store);
  g_unlink (csv);
  printf ("  (made a case of %u events in %.1f s)\n", report->imported, (now_ms () - t) / 1000);
  return g_steal_pointer (&path);
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

static void
before_paint_cb (GdkFrameClock *clock,
                 Frames        *frames)
{
  frames->paint_start = g_get_monotonic_time ();
  frames->cpu_start = cpu_ms ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  gint64 now = g_get_monotonic_time ();
  double work = (now - frames->paint_start) / 1000.0;
  double cpu = cpu_ms () - frames->cpu_start;

  if (!frames->recording || frames->paint_start == 0)
    return;
  g_array_append_val (frames->work, work);
  g_array_append_val (frames->cpu, cpu);
  if (frames->last_frame != 0)
    {
      double interval = (now - frames->last_frame) / 1000.0;

      g_array_append_val (frames->intervals, interval);
    }
  frames->last_frame = now;
}

/* Across the chronology, zooming from the whole of it to a month and back
 * every five seconds. */
static gboolean
script_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Script *script = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t, whole, centre, k, span;

  if (script->start == 0)
    script->start = now;
  t = (now - script->start) / (double) G_USEC_PER_SEC;
  if (t >= script->seconds)
    {
      script->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  whole = script->to - script->from;
  centre = script->from + whole * (0.15 + 0.7 * t / script->seconds);
  k = 0.5 - 0.5 * cos (2 * G_PI * t / 5.0);
  span = exp (log (whole) + (log (30.0) - log (whole)) * k);
  chrono_timeline_view_set_visible_range (script->view, centre - span / 2, centre + span / 2, FALSE);
  return G_SOURCE_CONTINUE;
}

static void
print_distribution (const char *what,
                    GArray     *values)
{
  static const double edges[] = { 4, 8, 12, 16, 33, 50 };
  guint counts[G_N_ELEMENTS (edges) + 1] = { 0 };

  g_array_sort (values, compare_doubles);
  for (guint i = 0; i < values->len; i++)
    {
      double v = g_array_index (values, double, i);
      guint b = 0;

      while (b < G_N_ELEMENTS (edges) && v >= edges[b])
        b++;
      counts[b]++;
    }
  printf ("  %s: %u frames, median %.2f ms, p90 %.2f, p99 %.2f, max %.2f\n", what, values->len,
          percentile (values, 0.5), percentile (values, 0.9), percentile (values, 0.99),
          values->len > 0 ? g_array_index (values, double, values->len - 1) : 0);
  printf ("    <4 ms %u | 4-8 %u | 8-12 %u | 12-16 %u | 16-33 %u | 33-50 %u | >=50 %u\n",
          counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6]);
}

static gboolean
bench_frames (ChronoApplication *app,
              const char        *path,
              double             seconds)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronoWindow *window = chrono_window_new (app);
  ChronoTimelinePage *page;
  GdkFrameClock *clock;
  Frames frames = { 0 };
  Script script = { 0 };
  double median;

  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  chrono_window_open_file (window, file);
  wait_idle (window);
  settle (500);

  page = CHRONO_TIMELINE_PAGE (find_widget (GTK_WIDGET (window), CHRONO_TYPE_TIMELINE_PAGE));
  script.view = chrono_timeline_page_get_view (page);
  chrono_timeline_view_get_visible_range (script.view, &script.from, &script.to);
  script.seconds = seconds;
  printf ("  %u events, view %d×%d, renderer %s\n",
          chrono_case_view_get_visible_marks (chrono_timeline_page_get_case_view (page))->n_events,
          gtk_widget_get_width (GTK_WIDGET (script.view)), gtk_widget_get_height (GTK_WIDGET (script.view)),
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));

  frames.work = g_array_new (FALSE, FALSE, sizeof (double));
  frames.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  frames.cpu = g_array_new (FALSE, FALSE, sizeof (double));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &frames);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);
  frames.recording = TRUE;
  gtk_widget_add_tick_callback (GTK_WIDGET (script.view), script_tick_cb, &script, NULL);
  iterate_until (&script.done, seconds + 30);
  frames.recording = FALSE;
  g_signal_handlers_disconnect_by_data (clock, &frames);

  print_distribution ("frame work (before-paint to after-paint)", frames.work);
  print_distribution ("the same, main thread processor time", frames.cpu);
  print_distribution ("frame interval", frames.intervals);
  median = percentile (frames.work, 0.5);
  printf ("  median frame time %.2f ms, target < %.0f ms: %s\n", median, TARGET_MS,
          median < TARGET_MS ? "met" : "MISSED");

  g_array_unref (frames.work);
  g_array_unref (frames.intervals);
  g_array_unref (frames.cpu);
  gtk_window_destroy (GTK_WINDOW (window));
  settle (100);
  return median < TARGET_MS;
}

static void
first_frame_cb (GdkFrameClock *clock,
                FirstFrame    *first)
{
  ChronoMarks *marks = chrono_case_view_get_visible_marks (first->case_view);

  if (first->painted == 0 && marks != NULL && marks->n_events == first->n_events)
    first->painted = g_get_monotonic_time ();
}

static gboolean
first_frame_done (FirstFrame *first)
{
  return first->painted != 0;
}

static gboolean
bench_open (ChronoApplication *app,
            const char        *path,
            guint              n_events)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronoWindow *window = chrono_window_new (app);
  ChronoTimelinePage *page;
  FirstFrame first = { 0 };
  gint64 t0, t_done = 0;
  double window_ms, timeline_ms, marks_ms;

  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  settle (300);
  page = CHRONO_TIMELINE_PAGE (find_widget (GTK_WIDGET (window), CHRONO_TYPE_TIMELINE_PAGE));
  first.case_view = chrono_timeline_page_get_case_view (page);
  first.n_events = n_events;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (first_frame_cb), &first);

  /* The window: the case, every event for the table, then the timeline. */
  t0 = g_get_monotonic_time ();
  chrono_window_open_file (window, file);
  while (!first_frame_done (&first))
    {
      g_main_context_iteration (NULL, TRUE);
      if (t_done == 0 && is_idle (window))
        t_done = g_get_monotonic_time ();
    }
  window_ms = (first.painted - t0) / 1000.0;
  printf ("  window: open to first timeline frame %.0f ms (case job done after %.0f ms)\n", window_ms,
          (t_done - t0) / 1000.0);
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (window)), &first);
  gtk_window_destroy (GTK_WINDOW (window));
  settle (100);

  /* The timeline alone: the file, its marks, the first frame. */
  {
    GtkWidget *plain = gtk_window_new ();
    ChronoTimelinePage *timeline = CHRONO_TIMELINE_PAGE (chrono_timeline_page_new ());
    g_autoptr(ChronoStore) store = NULL;
    g_autoptr(ChronoMarks) marks = NULL;
    g_autoptr(GError) error = NULL;
    FirstFrame alone = { 0 };

    gtk_window_set_default_size (GTK_WINDOW (plain), 1920, 1040);
    gtk_window_set_child (GTK_WINDOW (plain), GTK_WIDGET (timeline));
    gtk_window_present (GTK_WINDOW (plain));
    settle (300);
    alone.case_view = chrono_timeline_page_get_case_view (timeline);
    alone.n_events = n_events;
    g_signal_connect (gtk_widget_get_frame_clock (plain), "after-paint", G_CALLBACK (first_frame_cb), &alone);

    t0 = g_get_monotonic_time ();
    store = chrono_store_open (path, CHRONO_STORE_OPEN_READ_ONLY, &error);
    marks = store != NULL ? chrono_marks_load (store, &error) : NULL;
    if (marks == NULL)
      {
        fprintf (stderr, "bench-ui-frames: %s\n", error->message);
        return FALSE;
      }
    marks_ms = (g_get_monotonic_time () - t0) / 1000.0;
    chrono_timeline_page_set_store (timeline, store);
    chrono_timeline_page_set_marks (timeline, marks);
    while (!first_frame_done (&alone))
      g_main_context_iteration (NULL, TRUE);
    timeline_ms = (alone.painted - t0) / 1000.0;
    printf ("  timeline alone: open + marks %.0f ms, to first frame %.0f ms, target < 1000 ms: %s\n",
            marks_ms, timeline_ms, timeline_ms < 1000 ? "met" : "MISSED");
    g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (plain), &alone);
    chrono_timeline_page_set_store (timeline, NULL);
    chrono_store_close (store);
    gtk_window_destroy (GTK_WINDOW (plain));
    settle (100);
  }
  return window_ms < 1000;
}

/* What GTK left in the scratch home: files, one level of folders. */
static void
remove_scratch (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_scratch (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  const char *env_dir = g_getenv ("CHRONO_BENCH_DIR");
  const char *env_events = g_getenv ("CHRONO_BENCH_EVENTS");
  const char *env_load = g_getenv ("CHRONO_BENCH_LOAD_EVENTS");
  const char *env_seconds = g_getenv ("CHRONO_BENCH_SECONDS");
  guint64 n_events = env_events != NULL ? g_ascii_strtoull (env_events, NULL, 10) : 100000;
  guint64 n_load = env_load != NULL ? g_ascii_strtoull (env_load, NULL, 10) : 1000000;
  double seconds = env_seconds != NULL ? g_ascii_strtod (env_seconds, NULL) : 10;
  g_autoptr(ChronoApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *home = NULL;
  g_autofree char *path = NULL;
  g_autofree char *loadavg = NULL;

  /* Settings, recent files and caches out of $HOME. */
  home = g_dir_make_tmp ("chrono-bench-ui-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  /* As the UI tests: Xvfb has no GPU, and GL through llvmpipe measures the
   * software rasteriser, hundreds of milliseconds a frame.  GSK_RENDERER=gl
   * measures it anyway. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (!gtk_init_check ())
    {
      printf ("bench-ui-frames: no display; run it under xvfb-run\n");
      return 77;
    }
  app = chrono_application_new ();
  g_application_set_application_id (G_APPLICATION (app), NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  dir = env_dir != NULL ? g_strdup (env_dir) : g_dir_make_tmp ("chrono-bench-ui-cases-XXXXXX", &error);
  g_assert_no_error (error);
  g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL);
  printf ("Timeline frames in the app: load average %s", loadavg != NULL ? loadavg : "?\n");

  printf ("\nScripted pan and zoom, %.0f s:\n", seconds);
  path = make_case (dir, n_events, &error);
  g_assert_no_error (error);
  bench_frames (app, path, seconds);
  if (env_dir == NULL)
    g_unlink (path);

  if (n_load > 0)
    {
      g_autofree char *big = NULL;

      printf ("\nOpen to first painted frame, %" G_GUINT64_FORMAT " events:\n", n_load);
      big = make_case (dir, n_load, &error);
      g_assert_no_error (error);
      bench_open (app, big, (guint) n_load);
      if (env_dir == NULL)
        g_unlink (big);
    }
  if (env_dir == NULL)
    g_rmdir (dir);
  remove_scratch (home);
  return 0;
}
