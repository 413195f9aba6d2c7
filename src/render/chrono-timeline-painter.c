/* chrono-timeline-painter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-painter"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "chrono-timeline-painter-private.h"

/* Drawing many marks fast: marks come in runs of one lane (one colour), and
 * each run is one path filled once and stroked once; cluster counts are one
 * cairo_show_glyphs() call for the whole frame from glyphs looked up once;
 * backgrounds and grid lines are opaque, pixel-aligned rectangles (Cairo's
 * fast path); text layouts are cached by string. */

G_DEFINE_FINAL_TYPE (ChronoTimelinePainter, chrono_timeline_painter, G_TYPE_OBJECT)

#define RGB(hex) \
  { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

ChronoRgba
_chrono_painter_outline_of (ChronoTimelinePainter *self,
                            const ChronoRgba      *fill)
{
  static const ChronoRgba black = RGB (0x000000);

  return _chrono_mix (fill, &black, self->style->outline_darken);
}

/* Lines and hollow marks: darker than the fill on a light background, the
 * fill itself on a dark one. */
ChronoRgba
_chrono_painter_line_of (ChronoTimelinePainter *self,
                         const ChronoRgba      *fill)
{
  const ChronoRgba *bg = &self->style->background;

  if (0.2126 * bg->red + 0.7152 * bg->green + 0.0722 * bg->blue < 0.4)
    return *fill;
  return _chrono_painter_outline_of (self, fill);
}

static gboolean
parse_hex_colour (const char *text,
                  ChronoRgba *rgba)
{
  guint value = 0;

  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      int v = g_ascii_xdigit_value (text[i]);

      if (v < 0)
        return FALSE;
      value = value << 4 | (guint) v;
    }
  *rgba = (ChronoRgba) RGB (value);
  return TRUE;
}

const ChronoRgba *
_chrono_painter_lane_colours (ChronoTimelinePainter *self,
                              ChronoMarks           *marks)
{
  if (self->colour_marks == marks && self->n_lane_colours == marks->n_lanes &&
      self->lane_colours != NULL)
    return self->lane_colours;

  g_free (self->lane_colours);
  self->lane_colours = g_new (ChronoRgba, MAX (marks->n_lanes, 1));
  self->n_lane_colours = marks->n_lanes;
  self->colour_marks = marks;
  for (guint l = 0; l < marks->n_lanes; l++)
    {
      if (!parse_hex_colour (marks->lanes[l].colour, &self->lane_colours[l]))
        self->lane_colours[l] = self->style->palette[l % self->style->n_palette];
    }
  return self->lane_colours;
}

void
_chrono_painter_rect_path (ChronoTimelinePainter *self,
                           cairo_t               *cr,
                           double                 x0,
                           double                 y0,
                           double                 x1,
                           double                 y1)
{
  x0 = _chrono_snap (self, x0);
  x1 = _chrono_snap (self, x1);
  y0 = _chrono_snap (self, y0);
  y1 = _chrono_snap (self, y1);
  if (x1 > x0 && y1 > y0)
    cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
}

/* A vertical line one pixel wide (at least one device pixel). */
void
_chrono_painter_vline_path (ChronoTimelinePainter *self,
                            cairo_t               *cr,
                            double                 x,
                            double                 y0,
                            double                 y1,
                            double                 width)
{
  double w = MAX (round (width * self->device_scale), 1) / self->device_scale;
  double sx = _chrono_snap (self, x - w / 2);

  cairo_rectangle (cr, sx, _chrono_snap (self, y0), w,
                   _chrono_snap (self, y1) - _chrono_snap (self, y0));
}

void
_chrono_painter_hline_path (ChronoTimelinePainter *self,
                            cairo_t               *cr,
                            double                 x0,
                            double                 x1,
                            double                 y,
                            double                 width)
{
  double w = MAX (round (width * self->device_scale), 1) / self->device_scale;
  double sy = _chrono_snap (self, y - w / 2);

  cairo_rectangle (cr, _chrono_snap (self, x0), sy,
                   _chrono_snap (self, x1) - _chrono_snap (self, x0), w);
}

static void
invalidate_text (ChronoTimelinePainter *self)
{
  g_hash_table_remove_all (self->layouts);
  self->digit_sprites_key = 0;
}

static void
setup_fonts (ChronoTimelinePainter *self)
{
  static const struct { double scale; PangoWeight weight; } specs[N_FONTS] = {
    [FONT_LANE] = { 1.0, PANGO_WEIGHT_BOLD },
    [FONT_UNIT] = { 0.92, PANGO_WEIGHT_NORMAL },
    [FONT_CONTEXT] = { 1.0, PANGO_WEIGHT_BOLD },
    [FONT_AXIS] = { 0.92, PANGO_WEIGHT_NORMAL },
    [FONT_SMALL] = { 0.92, PANGO_WEIGHT_NORMAL },
    [FONT_KEY] = { 0.92, PANGO_WEIGHT_BOLD },
    [FONT_COUNT] = { 0.8, PANGO_WEIGHT_BOLD },
  };

  for (guint f = 0; f < N_FONTS; f++)
    {
      g_clear_pointer (&self->fonts[f], pango_font_description_free);
      self->fonts[f] = pango_font_description_from_string ("Sans");
      pango_font_description_set_absolute_size (
        self->fonts[f], round (self->font_size * specs[f].scale) * PANGO_SCALE);
      pango_font_description_set_weight (self->fonts[f], specs[f].weight);
    }
  invalidate_text (self);
}

PangoLayout *
_chrono_painter_get_layout (ChronoTimelinePainter *self,
                            ChronoPainterFont      font,
                            const char            *text,
                            double                 max_width)
{
  PangoLayout *layout;

  g_string_printf (self->scratch, "%d\x1f%s", font, text);
  layout = g_hash_table_lookup (self->layouts, self->scratch->str);
  if (layout == NULL)
    {
      if (g_hash_table_size (self->layouts) > 4096)
        g_hash_table_remove_all (self->layouts);
      layout = pango_layout_new (self->context);
      pango_layout_set_font_description (layout, self->fonts[font]);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_text (layout, text, -1);
      g_hash_table_insert (self->layouts, g_strdup (self->scratch->str), layout);
    }
  pango_layout_set_width (layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  return layout;
}

double
_chrono_painter_text_width (ChronoTimelinePainter *self,
                            ChronoPainterFont      font,
                            const char            *text)
{
  int w, h;

  pango_layout_get_pixel_size (_chrono_painter_get_layout (self, font, text, -1), &w, &h);
  return w;
}

/* Draws @text vertically centred on @y; returns its width. */
double
_chrono_painter_draw_text (ChronoTimelinePainter *self,
                           cairo_t               *cr,
                           ChronoPainterFont      font,
                           const char            *text,
                           double                 x,
                           double                 y,
                           double                 max_width,
                           const ChronoRgba      *colour,
                           ChronoPainterAlign     align)
{
  PangoLayout *layout;
  int w, h;
  double left, top;

  if (text == NULL || *text == '\0' || (max_width > 0 && max_width < 4))
    return 0;

  layout = _chrono_painter_get_layout (self, font, text, max_width);
  pango_layout_get_pixel_size (layout, &w, &h);
  left = align == ALIGN_LEFT ? x : align == ALIGN_CENTRE ? x - w / 2.0 : x - w;
  top = y - h / 2.0;
  left = _chrono_snap (self, left);
  top = _chrono_snap (self, top);

  _chrono_set_rgba (cr, colour);
  cairo_move_to (cr, left, top);
  pango_cairo_show_layout (cr, layout);

  if (self->record != NULL)
    {
      ChronoTextRun run;

      run.x = left;
      run.y = top + pango_layout_get_baseline (layout) / (double) PANGO_SCALE;
      run.width = w;
      run.size = pango_font_description_get_size (self->fonts[font]) / (double) PANGO_SCALE;
      run.bold = pango_font_description_get_weight (self->fonts[font]) >= PANGO_WEIGHT_BOLD;
      run.text = g_strdup (text);
      g_array_append_val (self->record, run);
    }
  return w;
}

static void
chrono_timeline_painter_finalize (GObject *object)
{
  ChronoTimelinePainter *self = CHRONO_TIMELINE_PAINTER (object);

  g_clear_pointer (&self->key_dates, g_array_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_object (&self->context);
  for (guint f = 0; f < N_FONTS; f++)
    g_clear_pointer (&self->fonts[f], pango_font_description_free);
  g_clear_pointer (&self->lane_colours, g_free);
  g_clear_pointer (&self->sprites, g_hash_table_unref);
  for (guint i = 0; i < N_DIGIT_GLYPHS; i++)
    g_clear_pointer (&self->digit_sprites[i], chrono_sprite_free);
  g_clear_pointer (&self->header_cache, cairo_surface_destroy);
  if (self->scratch != NULL)
    g_string_free (self->scratch, TRUE);

  G_OBJECT_CLASS (chrono_timeline_painter_parent_class)->finalize (object);
}

static void
chrono_timeline_painter_class_init (ChronoTimelinePainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chrono_timeline_painter_finalize;
}

static void
key_date_clear (gpointer data)
{
  ChronoKeyDate *key_date = data;

  g_clear_pointer (&key_date->label, g_free);
}

static void
chrono_timeline_painter_init (ChronoTimelinePainter *self)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();

  self->theme = CHRONO_TIMELINE_THEME_LIGHT;
  self->style = chrono_timeline_style_get (self->theme);
  self->font_size = 12;
  self->show_legend = TRUE;
  self->device_scale = 1;
  self->key_dates = g_array_new (FALSE, TRUE, sizeof (ChronoKeyDate));
  g_array_set_clear_func (self->key_dates, key_date_clear);
  self->context = pango_font_map_create_context (map);
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->scratch = g_string_new (NULL);
  self->sprites = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) chrono_sprite_free);
  setup_fonts (self);
}

ChronoTimelinePainter *
chrono_timeline_painter_new (void)
{
  return g_object_new (CHRONO_TYPE_TIMELINE_PAINTER, NULL);
}

void
chrono_timeline_painter_set_theme (ChronoTimelinePainter *self,
                                   ChronoTimelineTheme    theme)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (theme <= CHRONO_TIMELINE_THEME_HIGH_CONTRAST);

  self->theme = theme;
  self->style = chrono_timeline_style_get (theme);
  self->colour_marks = NULL;
}

const ChronoTimelineStyle *
chrono_timeline_painter_get_style (ChronoTimelinePainter *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_PAINTER (self), NULL);
  return self->style;
}

void
chrono_timeline_painter_set_font_size (ChronoTimelinePainter *self,
                                       double                 size)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (size > 0);

  if (self->font_size == size)
    return;
  self->font_size = size;
  setup_fonts (self);
}

void
chrono_timeline_painter_set_options (ChronoTimelinePainter       *self,
                                     const ChronoTimelineOptions *options)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (options != NULL);

  chrono_timeline_painter_set_theme (self, options->theme);
  if (options->font_size > 0)
    chrono_timeline_painter_set_font_size (self, options->font_size);
  self->show_legend = options->show_legend;
  self->has_scope = options->has_scope;
  self->scope_first = options->scope_first;
  self->scope_last = options->scope_last;
  g_array_set_size (self->key_dates, 0);
  for (guint i = 0; options->key_dates != NULL && i < options->key_dates->len; i++)
    {
      ChronoKeyDate copy = g_array_index (options->key_dates, ChronoKeyDate, i);

      copy.label = g_strdup (copy.label);
      g_array_append_val (self->key_dates, copy);
    }
}

void
chrono_timeline_painter_get_lane_colour (ChronoTimelinePainter *self,
                                         ChronoMarks           *marks,
                                         guint                  lane,
                                         ChronoRgba            *colour)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (marks != NULL && lane < marks->n_lanes);
  g_return_if_fail (colour != NULL);

  *colour = _chrono_painter_lane_colours (self, marks)[lane];
}

void
chrono_timeline_painter_fit_metrics (ChronoTimelinePainter *self,
                                     ChronoMarks           *marks,
                                     double                 width,
                                     ChronoTimelineMetrics *metrics)
{
  double widest = _chrono_painter_text_width (self, FONT_AXIS, "00 Mmm 0000 – 00 Mmm 0000");

  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (marks != NULL && metrics != NULL);

  for (guint l = 0; l < marks->n_lanes; l++)
    {
      const ChronoMarksLane *lane = &marks->lanes[l];

      widest = MAX (widest, _chrono_painter_text_width (self, FONT_LANE, lane->name) + 30);
      for (guint u = 0; u < lane->n_units; u++)
        widest = MAX (widest, _chrono_painter_text_width (self, FONT_UNIT, lane->units[u]) + 42);
    }
  metrics->header_width = round (CLAMP (widest + 14, 140, MAX (width / 3, 140)));
  metrics->axis_height = _chrono_painter_context_row_height (self) +
                         _chrono_painter_tick_row_height (self) +
                         _chrono_painter_annotation_row_height (self);
  metrics->footer_height = self->show_legend ? _chrono_painter_legend_flow (self, width, NULL) : 0;
  metrics->mark_size = round (self->font_size * 0.95);
  metrics->level_height = round (self->font_size * 1.3);
  metrics->row_padding = round (self->font_size * 0.3);
  metrics->cluster_width = round (self->font_size * 2.3);
  metrics->min_label_width = round (self->font_size * 4);
}

void
_chrono_painter_update_device_scale (ChronoTimelinePainter *self,
                                     cairo_t               *cr)
{
  double dx = 1, dy = 0;

  cairo_user_to_device_distance (cr, &dx, &dy);
  self->device_scale = MAX (hypot (dx, dy), 0.25);
  pango_cairo_update_context (cr, self->context);
}

void
chrono_timeline_painter_paint (ChronoTimelinePainter   *self,
                               cairo_t                 *cr,
                               ChronoTimelineLayout    *layout,
                               const ChronoDisplayList *list)
{
  g_autoptr(ChronoTicks) ticks = NULL;
  ChronoMarks *marks;

  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (CHRONO_IS_TIMELINE_LAYOUT (layout));
  g_return_if_fail (list != NULL);

  marks = chrono_timeline_layout_get_marks (layout);
  _chrono_painter_update_device_scale (self, cr);
  ticks = chrono_time_scale_compute_ticks (&list->scale,
                                           _chrono_painter_text_width (self, FONT_AXIS, "0"));

  cairo_save (cr);
  _chrono_painter_paint_background (self, cr, list, ticks);
  chrono_timeline_painter_paint_events (self, cr, marks, list);
  chrono_timeline_painter_paint_headers (self, cr, marks, list);
  _chrono_painter_paint_axis (self, cr, list, ticks);
  if (self->show_legend)
    chrono_timeline_painter_paint_legend (self, cr, list);
  cairo_restore (cr);
}
