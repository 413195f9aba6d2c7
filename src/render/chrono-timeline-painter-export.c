/* chrono-timeline-painter-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-painter"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "chrono-timeline-painter-private.h"

static void
text_run_clear (gpointer data)
{
  ChronoTextRun *run = data;

  g_clear_pointer (&run->text, g_free);
}

typedef enum
{
  EXPORT_PNG,
  EXPORT_SVG,
  EXPORT_PDF,
} ExportFormat;

static cairo_status_t
write_string_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Real text for every drawn string, invisible, on top: searchable and
 * selectable, and read out by screen readers. */
static void
add_svg_text (GString *svg,
              GArray  *runs,
              guint    n_events)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *escaped_title = NULL;
  g_autofree char *element = NULL;
  const char *close = g_strrstr (svg->str, "</svg>");
  const char *open = strstr (svg->str, "<svg");

  if (close == NULL || open == NULL || (open = strchr (open, '>')) == NULL)
    return;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Chronology timeline: %u event",
                                        "Chronology timeline: %u events", n_events), n_events);
  escaped_title = g_markup_escape_text (title, -1);
  element = g_strdup_printf ("\n<title>%s</title>", escaped_title);
  g_string_insert (svg, open - svg->str + 1, element);

  g_string_append (text, "<g id=\"chronoscope-text\" fill-opacity=\"0\""
                         " font-family=\"sans-serif\">\n");
  for (guint i = 0; i < runs->len; i++)
    {
      const ChronoTextRun *run = &g_array_index (runs, ChronoTextRun, i);
      g_autofree char *escaped = g_markup_escape_text (run->text, -1);

      g_string_append_printf (text, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\"%s"
                                    " textLength=\"%.1f\" lengthAdjust=\"spacingAndGlyphs\">"
                                    "%s</text>\n",
                              run->x, run->y, run->size, run->bold ? " font-weight=\"bold\"" : "",
                              MAX (run->width, 1.0), escaped);
    }
  g_string_append (text, "</g>\n");
  close = g_strrstr (svg->str, "</svg>");
  g_string_insert (svg, close - svg->str, text->str);
}

gboolean
chrono_timeline_export (ChronoMarks                 *marks,
                        const ChronoTimelineOptions *options,
                        const char                  *path,
                        int                          width,
                        int                          height,
                        double                       from,
                        double                       to,
                        GError                     **error)
{
  g_autoptr(ChronoTimelinePainter) painter = NULL;
  g_autoptr(ChronoTimelineLayout) layout = NULL;
  g_autoptr(ChronoTimelineOptions) defaults = NULL;
  g_autoptr(GString) svg = NULL;
  g_autoptr(GArray) runs = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *display = NULL;
  ChronoTimelineMetrics metrics;
  ChronoTimeScale scale;
  const ChronoDisplayList *list;
  cairo_surface_t *surface = NULL;
  cairo_t *cr;
  cairo_status_t status;
  ExportFormat format;
  double sf, dx = 0, dy = 0, dw = 1, dh = 1;

  g_return_val_if_fail (marks != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    format = EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = EXPORT_PDF;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: say which kind of file to write with .png, .svg or .pdf"), display);
      return FALSE;
    }
  if (width < 200 || height < 150 || width > 20000 || height > 20000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A timeline must be between 200×150 and 20000×20000 pixels, not %d×%d"),
                   width, height);
      return FALSE;
    }
  if (options == NULL)
    options = defaults = chrono_timeline_options_new ();
  sf = format == EXPORT_PNG ? CLAMP (options->scale_factor, 0.25, 4.0) : 1.0;
  if (width * sf > 32767 || height * sf > 32767)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The image would be too large (%d×%d at scale %g)"), width, height, sf);
      return FALSE;
    }

  painter = chrono_timeline_painter_new ();
  chrono_timeline_painter_set_options (painter, options);

  layout = chrono_timeline_layout_new (marks);
  chrono_timeline_layout_get_metrics (layout, &metrics);
  chrono_timeline_painter_fit_metrics (painter, marks, width, &metrics);
  metrics.show_labels = options->show_labels;
  metrics.fit_height = TRUE;
  metrics.grow_levels = TRUE;
  chrono_timeline_layout_set_metrics (layout, &metrics);
  if (options->collapse_lanes)
    chrono_timeline_layout_set_all_collapsed (layout, TRUE);
  if (options->show_labels && options->label_func != NULL)
    chrono_timeline_layout_set_label_func (layout, options->label_func, options->label_data, NULL);

  if (to <= from)
    {
      /* The whole chronology, with a little room at both ends. */
      double first = marks->n_events > 0 ? marks->min_day : chrono_day_from_ymd (2000, 1, 1);
      double last = marks->n_events > 0 ? marks->max_day + 1.0 : first + 366;
      double pad = MAX ((last - first) * 0.015, 1.0);

      from = first - pad;
      to = last + pad;
    }
  chrono_timeline_layout_get_data_area (layout, width, height, &dx, &dy, &dw, &dh);
  chrono_time_scale_init (&scale, from, to, dx, dw);
  list = chrono_timeline_layout_build (layout, &scale, width, height);

  switch (format)
    {
    case EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * sf),
                                            (int) ceil (height * sf));
      cairo_surface_set_device_scale (surface, sf, sf);
      break;
    case EXPORT_SVG:
      svg = g_string_new (NULL);
      surface = cairo_svg_surface_create_for_stream (write_string_cb, svg, width, height);
      runs = g_array_new (FALSE, TRUE, sizeof (ChronoTextRun));
      g_array_set_clear_func (runs, text_run_clear);
      painter->record = runs;
      break;
    case EXPORT_PDF:
    default:
      surface = cairo_pdf_surface_create (path, width, height);
      break;
    }

  cr = cairo_create (surface);
  chrono_timeline_painter_paint (painter, cr, layout, list);
  cairo_destroy (cr);
  painter->record = NULL;

  if (format == EXPORT_PNG)
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s: %s"), display,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (format == EXPORT_SVG)
    {
      add_svg_text (svg, runs, marks->n_events);
      if (!g_file_set_contents (path, svg->str, (gssize) svg->len, error))
        return FALSE;
    }
  return TRUE;
}
