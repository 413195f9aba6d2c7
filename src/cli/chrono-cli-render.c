/* chrono-cli-render.c: draws a case's swim-lane timeline to PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronoscope-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chrono-cli-commands.h"
#include "chrono-marks.h"
#include "chrono-store.h"
#include "chrono-timeline-painter.h"

/* A date as people type it (ISO or UK day first, or just a month or a
 * year): @first gets its first day, @end the day after its last. */
static gboolean
parse_day (const char  *option,
           const char  *text,
           double      *first,
           double      *end)
{
  g_autoptr(GError) error = NULL;
  ChronoDate date = CHRONO_DATE_INIT;
  gint32 d0, d1;

  if (!chrono_date_parse_text (text, CHRONO_DATE_ORDER_DMY, &date, NULL, &error))
    {
      chrono_cli_fail (_("%s: “%s” is not a date (%s)"), option, text, error->message);
      return FALSE;
    }
  chrono_date_get_interval (&date, &d0, &d1);
  *first = d0;
  *end = d1 + 1.0;
  return TRUE;
}

static gboolean
parse_theme (const char          *text,
             ChronoTimelineTheme *theme)
{
  if (g_strcmp0 (text, "light") == 0)
    *theme = CHRONO_TIMELINE_THEME_LIGHT;
  else if (g_strcmp0 (text, "dark") == 0)
    *theme = CHRONO_TIMELINE_THEME_DARK;
  else if (g_strcmp0 (text, "high-contrast") == 0 || g_strcmp0 (text, "contrast") == 0)
    *theme = CHRONO_TIMELINE_THEME_HIGH_CONTRAST;
  else
    return FALSE;
  return TRUE;
}

int
chrono_cli_render (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(ChronoMarks) marks = NULL;
  g_autoptr(ChronoTimelineOptions) options = NULL;
  g_autofree char *output = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *theme_text = NULL;
  g_auto(GStrv) rest = NULL;
  int width = 1920, height = 1080;
  double scale = 1.0, font_size = 0;
  gboolean labels = FALSE, collapse = FALSE, no_legend = FALSE;
  double from = 0, to = 0, unused;
  ChronoTimelineTheme theme = CHRONO_TIMELINE_THEME_LIGHT;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write the timeline (.png, .svg or .pdf)"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("First day to show (2011-03-01, 01/03/2011, Mar 2011, 2011)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Last day to show"), N_("DATE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (1920)"), N_("PX") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels (1080)"), N_("PX") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale,
      N_("Device pixels per pixel for PNG, 2 for HiDPI (1)"), N_("FACTOR") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_text,
      N_("light, dark or high-contrast (light)"), N_("THEME") },
    { "font-size", 0, 0, G_OPTION_ARG_DOUBLE, &font_size,
      N_("Base font size in pixels (12; larger for a projector)"), N_("PX") },
    { "labels", 0, 0, G_OPTION_ARG_NONE, &labels,
      N_("Write event summaries next to marks where there is room"), NULL },
    { "collapse", 0, 0, G_OPTION_ARG_NONE, &collapse,
      N_("Roll every agency’s units up into one lane"), NULL },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &no_legend, N_("Leave out the key"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, N_("CASE") },
    { NULL },
  };

  context = g_option_context_new (_("CASE — draw the swim-lane timeline of a case"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      chrono_cli_fail ("render: %s", error->message);
      return 1;
    }
  if (rest == NULL || rest[0] == NULL || rest[1] != NULL || output == NULL)
    {
      chrono_cli_fail (_("usage: chronoscope-cli render CASE -o OUT.png|svg|pdf [--from DATE]"
                         " [--to DATE] [--width PX] [--height PX]"));
      return 1;
    }
  if (theme_text != NULL && !parse_theme (theme_text, &theme))
    {
      chrono_cli_fail (_("render: --theme is light, dark or high-contrast, not “%s”"),
                       theme_text);
      return 1;
    }
  if (scale < 0.25 || scale > 4 || (font_size != 0 && (font_size < 6 || font_size > 72)))
    {
      chrono_cli_fail (_("render: --scale is 0.25 to 4 and --font-size 6 to 72"));
      return 1;
    }
  if ((from_text != NULL && !parse_day ("--from", from_text, &from, &unused)) ||
      (to_text != NULL && !parse_day ("--to", to_text, &unused, &to)))
    return 1;

  store = chrono_store_open (rest[0], CHRONO_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      chrono_cli_fail ("%s", error->message);
      return 1;
    }
  marks = chrono_marks_load (store, &error);
  options = marks != NULL ? chrono_timeline_options_new () : NULL;
  if (marks == NULL || !chrono_timeline_options_load_case (options, store, &error))
    {
      chrono_cli_fail ("%s", error->message);
      return 1;
    }

  /* One end given: the other is the chronology's. */
  if (from_text == NULL && to_text != NULL)
    from = MIN (marks->n_events > 0 ? marks->min_day : to - 365, to - 1);
  if (to_text == NULL && from_text != NULL)
    to = MAX (marks->n_events > 0 ? marks->max_day + 1.0 : from + 365, from + 1);
  if ((from_text != NULL || to_text != NULL) && to <= from)
    {
      chrono_cli_fail (_("render: --to must come after --from"));
      return 1;
    }

  options->theme = theme;
  options->scale_factor = scale;
  options->font_size = font_size;
  options->show_labels = labels;
  options->collapse_lanes = collapse;
  options->show_legend = !no_legend;

  if (!chrono_timeline_export (marks, options, output, width, height, from, to, &error))
    {
      chrono_cli_fail ("%s", error->message);
      return 1;
    }
  return 0;
}
