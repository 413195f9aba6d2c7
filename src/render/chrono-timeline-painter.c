/* chrono-timeline-painter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-painter"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "chrono-raster.h"
#include "chrono-timeline-painter.h"
#include "chrono-timeline-style.h"

/* Drawing many marks fast: marks come in runs of one lane (one colour), and
 * each run is one path filled once and stroked once; cluster counts are one
 * cairo_show_glyphs() call for the whole frame from glyphs looked up once;
 * backgrounds and grid lines are opaque, pixel-aligned rectangles (Cairo's
 * fast path); text layouts are cached by string. */

typedef enum
{
  FONT_LANE,       /* lane names, bold */
  FONT_UNIT,       /* unit names */
  FONT_CONTEXT,    /* upper axis row, bold */
  FONT_AXIS,       /* lower axis row */
  FONT_SMALL,      /* labels, legend, annotations */
  FONT_KEY,        /* key date labels, bold */
  FONT_COUNT,      /* cluster counts */
  N_FONTS
} Font;

typedef struct
{
  double  x, y;     /* left, baseline */
  double  width;
  double  size;
  gboolean bold;
  char   *text;
} TextRun;

typedef enum
{
  LEGEND_SHAPE,
  LEGEND_APPROX,
  LEGEND_BAND,
  LEGEND_SPAN,
  LEGEND_RISK,
  LEGEND_NOT_SHARED,
  LEGEND_CLUSTER,
  LEGEND_SCOPE,
  LEGEND_KEY_DATE,
} LegendKind;

typedef struct
{
  LegendKind  kind;
  ChronoKind  shape;
  const char *text;
  double      x, y;   /* icon centre */
} LegendItem;

#define N_DIGIT_GLYPHS 13   /* "0123456789k+." */

struct _ChronoTimelinePainter
{
  GObject                    parent_instance;

  ChronoTimelineTheme        theme;
  const ChronoTimelineStyle *style;
  double                     font_size;
  gboolean                   show_legend;
  gboolean                   has_scope;
  gint32                     scope_first;
  gint32                     scope_last;
  GArray                    *key_dates;   /* ChronoKeyDate */

  PangoContext              *context;
  PangoFontDescription      *fonts[N_FONTS];
  GHashTable                *layouts;     /* "font\x1ftext" → PangoLayout */
  GString                   *scratch;

  ChronoMarks               *colour_marks; /* not a reference: compared only */
  ChronoRgba                *lane_colours;
  guint                      n_lane_colours;

  GArray                    *record;      /* TextRun, while exporting SVG */
  double                     device_scale;

  /* Drawing into image surfaces: pre-drawn marks and digits, and the lane
   * headers, which change only with the lanes. */
  GHashTable                *sprites;     /* gint64 key → ChronoSprite */
  ChronoSprite              *digit_sprites[N_DIGIT_GLYPHS];
  guint64                    digit_sprites_key;
  cairo_surface_t           *header_cache;
  guint64                    header_key;
};

G_DEFINE_FINAL_TYPE (ChronoTimelinePainter, chrono_timeline_painter, G_TYPE_OBJECT)

#define RGB(hex) \
  { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

static ChronoRgba
mix (const ChronoRgba *a,
     const ChronoRgba *b,
     double            t)
{
  ChronoRgba c;

  c.red = a->red + (b->red - a->red) * t;
  c.green = a->green + (b->green - a->green) * t;
  c.blue = a->blue + (b->blue - a->blue) * t;
  c.alpha = a->alpha + (b->alpha - a->alpha) * t;
  return c;
}

static inline void
set_rgba (cairo_t          *cr,
          const ChronoRgba *c)
{
  if (c->alpha >= 1.0)
    cairo_set_source_rgb (cr, c->red, c->green, c->blue);
  else
    cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static inline void
set_rgba_alpha (cairo_t          *cr,
                const ChronoRgba *c,
                double            alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, alpha);
}

static ChronoRgba
outline_of (ChronoTimelinePainter *self,
            const ChronoRgba      *fill)
{
  static const ChronoRgba black = RGB (0x000000);

  return mix (fill, &black, self->style->outline_darken);
}

/* Lines and hollow marks: darker than the fill on a light background, the
 * fill itself on a dark one. */
static ChronoRgba
line_of (ChronoTimelinePainter *self,
         const ChronoRgba      *fill)
{
  const ChronoRgba *bg = &self->style->background;

  if (0.2126 * bg->red + 0.7152 * bg->green + 0.0722 * bg->blue < 0.4)
    return *fill;
  return outline_of (self, fill);
}

static guint32
pixel_of (const ChronoRgba *c,
          double            alpha)
{
  return chrono_raster_pixel (c->red, c->green, c->blue, c->alpha * alpha);
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

static const ChronoRgba *
lane_colours (ChronoTimelinePainter *self,
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

/* Pixel snapping for crisp lines at any scale factor. */
static inline double
snap (ChronoTimelinePainter *self,
      double                 v)
{
  return round (v * self->device_scale) / self->device_scale;
}

static void
rect_path (ChronoTimelinePainter *self,
           cairo_t               *cr,
           double                 x0,
           double                 y0,
           double                 x1,
           double                 y1)
{
  x0 = snap (self, x0);
  x1 = snap (self, x1);
  y0 = snap (self, y0);
  y1 = snap (self, y1);
  if (x1 > x0 && y1 > y0)
    cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
}

/* A vertical line one pixel wide (at least one device pixel). */
static void
vline_path (ChronoTimelinePainter *self,
            cairo_t               *cr,
            double                 x,
            double                 y0,
            double                 y1,
            double                 width)
{
  double w = MAX (round (width * self->device_scale), 1) / self->device_scale;
  double sx = snap (self, x - w / 2);

  cairo_rectangle (cr, sx, snap (self, y0), w, snap (self, y1) - snap (self, y0));
}

static void
hline_path (ChronoTimelinePainter *self,
            cairo_t               *cr,
            double                 x0,
            double                 x1,
            double                 y,
            double                 width)
{
  double w = MAX (round (width * self->device_scale), 1) / self->device_scale;
  double sy = snap (self, y - w / 2);

  cairo_rectangle (cr, snap (self, x0), sy, snap (self, x1) - snap (self, x0), w);
}

static void update_device_scale (ChronoTimelinePainter *self,
                                 cairo_t               *cr);

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

static PangoLayout *
get_layout (ChronoTimelinePainter *self,
            Font                   font,
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

static double
text_width (ChronoTimelinePainter *self,
            Font                   font,
            const char            *text)
{
  int w, h;

  pango_layout_get_pixel_size (get_layout (self, font, text, -1), &w, &h);
  return w;
}

typedef enum
{
  ALIGN_LEFT,
  ALIGN_CENTRE,
  ALIGN_RIGHT,
} Align;

/* Draws @text vertically centred on @y; returns its width. */
static double
draw_text (ChronoTimelinePainter *self,
           cairo_t               *cr,
           Font                   font,
           const char            *text,
           double                 x,
           double                 y,
           double                 max_width,
           const ChronoRgba      *colour,
           Align                  align)
{
  PangoLayout *layout;
  int w, h;
  double left, top;

  if (text == NULL || *text == '\0' || (max_width > 0 && max_width < 4))
    return 0;

  layout = get_layout (self, font, text, max_width);
  pango_layout_get_pixel_size (layout, &w, &h);
  left = align == ALIGN_LEFT ? x : align == ALIGN_CENTRE ? x - w / 2.0 : x - w;
  top = y - h / 2.0;
  left = snap (self, left);
  top = snap (self, top);

  set_rgba (cr, colour);
  cairo_move_to (cr, left, top);
  pango_cairo_show_layout (cr, layout);

  if (self->record != NULL)
    {
      TextRun run;

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
text_run_clear (gpointer data)
{
  TextRun *run = data;

  g_clear_pointer (&run->text, g_free);
}

/* Axis rows: context (years), ticks (months), annotations (scope, key dates). */
static double
context_row_height (ChronoTimelinePainter *self)
{
  return round (self->font_size * 1.75);
}

static double
tick_row_height (ChronoTimelinePainter *self)
{
  return round (self->font_size * 1.6);
}

static double
annotation_row_height (ChronoTimelinePainter *self)
{
  return (self->has_scope || self->key_dates->len > 0) ? round (self->font_size * 1.7) : 0;
}

static void
count_text (guint  count,
            char  *buffer,
            gsize  size)
{
  if (count < 1000)
    g_snprintf (buffer, size, "%u", count);
  else if (count < 10000)
    g_snprintf (buffer, size, "%u.%uk", count / 1000, count % 1000 / 100);
  else if (count < 1000000)
    g_snprintf (buffer, size, "%uk", count / 1000);
  else
    g_snprintf (buffer, size, "%u.%uM", count / 1000000, count % 1000000 / 100000);
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

  *colour = lane_colours (self, marks)[lane];
}

/* Lays the legend out in rows across @width; returns its height. */
static double
legend_flow (ChronoTimelinePainter *self,
             double                 width,
             GArray                *items)
{
  static const LegendKind extras[] = {
    LEGEND_APPROX, LEGEND_BAND, LEGEND_SPAN, LEGEND_RISK, LEGEND_NOT_SHARED, LEGEND_CLUSTER,
    LEGEND_SCOPE, LEGEND_KEY_DATE,
  };
  static const ChronoKind kinds[] = {
    CHRONO_KIND_CONTACT, CHRONO_KIND_INCIDENT, CHRONO_KIND_REFERRAL, CHRONO_KIND_MEETING,
    CHRONO_KIND_ASSESSMENT, CHRONO_KIND_ALLOCATION, CHRONO_KIND_CLOSURE, CHRONO_KIND_COURT,
    CHRONO_KIND_CUSTODY, CHRONO_KIND_ADMISSION, CHRONO_KIND_PLAN, CHRONO_KIND_INTELLIGENCE,
    CHRONO_KIND_OTHER,
  };
  double row_h = round (self->font_size * 1.7);
  double icon = round (self->font_size * 1.6);
  double x = 12, y = 8 + row_h / 2;

  x += text_width (self, FONT_KEY, _("Key")) + 14;
  for (guint i = 0; i < G_N_ELEMENTS (kinds) + G_N_ELEMENTS (extras); i++)
    {
      LegendItem item = { 0 };
      double w;

      if (i < G_N_ELEMENTS (kinds))
        {
          item.kind = LEGEND_SHAPE;
          item.shape = kinds[i];
          item.text = chrono_kind_to_label (kinds[i]);
        }
      else
        {
          item.kind = extras[i - G_N_ELEMENTS (kinds)];
          switch (item.kind)
            {
            case LEGEND_APPROX: item.text = _("Approximate date"); break;
            case LEGEND_BAND: item.text = _("Only the month or year known"); break;
            case LEGEND_SPAN: item.text = _("Period with an end date"); break;
            case LEGEND_RISK: item.text = _("High risk"); break;
            case LEGEND_NOT_SHARED: item.text = _("Not shared"); break;
            case LEGEND_CLUSTER: item.text = _("Events grouped"); break;
            case LEGEND_SCOPE: item.text = _("Review period"); break;
            case LEGEND_KEY_DATE: item.text = _("Key date"); break;
            case LEGEND_SHAPE:
            default: break;
            }
          if ((item.kind == LEGEND_SCOPE && !self->has_scope) ||
              (item.kind == LEGEND_KEY_DATE && self->key_dates->len == 0))
            continue;
        }
      w = (item.kind == LEGEND_BAND || item.kind == LEGEND_SPAN ? icon * 2 : icon) + 5 +
          text_width (self, FONT_SMALL, item.text) + 16;
      if (x + w > width - 8 && x > 120)
        {
          x = 12 + text_width (self, FONT_KEY, _("Key")) + 14;
          y += row_h;
        }
      item.x = x + (item.kind == LEGEND_BAND || item.kind == LEGEND_SPAN ? icon : icon / 2);
      item.y = y;
      if (items != NULL)
        g_array_append_val (items, item);
      x += w;
    }
  return y + row_h / 2 + 6;
}

void
chrono_timeline_painter_fit_metrics (ChronoTimelinePainter *self,
                                     ChronoMarks           *marks,
                                     double                 width,
                                     ChronoTimelineMetrics *metrics)
{
  double widest = text_width (self, FONT_AXIS, "00 Mmm 0000 – 00 Mmm 0000");

  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (marks != NULL && metrics != NULL);

  for (guint l = 0; l < marks->n_lanes; l++)
    {
      const ChronoMarksLane *lane = &marks->lanes[l];

      widest = MAX (widest, text_width (self, FONT_LANE, lane->name) + 30);
      for (guint u = 0; u < lane->n_units; u++)
        widest = MAX (widest, text_width (self, FONT_UNIT, lane->units[u]) + 42);
    }
  metrics->header_width = round (CLAMP (widest + 14, 140, MAX (width / 3, 140)));
  metrics->axis_height = context_row_height (self) + tick_row_height (self) +
                         annotation_row_height (self);
  metrics->footer_height = self->show_legend ? legend_flow (self, width, NULL) : 0;
  metrics->mark_size = round (self->font_size * 0.95);
  metrics->level_height = round (self->font_size * 1.3);
  metrics->row_padding = round (self->font_size * 0.3);
  metrics->cluster_width = round (self->font_size * 2.3);
  metrics->min_label_width = round (self->font_size * 4);
}

/* Where the review period is, clamped to the data area; FALSE when out of view. */
static gboolean
scope_span (ChronoTimelinePainter   *self,
            const ChronoDisplayList *dl,
            double                  *x0,
            double                  *x1)
{
  if (!self->has_scope)
    return FALSE;
  *x0 = MAX (chrono_time_scale_to_x (&dl->scale, self->scope_first), dl->data_x0);
  *x1 = MIN (chrono_time_scale_to_x (&dl->scale, self->scope_last + 1.0), dl->data_x1);
  return *x1 > *x0;
}

static void
paint_grid (ChronoTimelinePainter   *self,
            cairo_t                 *cr,
            const ChronoDisplayList *dl,
            const ChronoTicks       *ticks,
            double                   bottom)
{
  double top = dl->data_y0;

  cairo_new_path (cr);
  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);

      if (t->x > dl->data_x0 && t->x < dl->data_x1)
        vline_path (self, cr, t->x, top, bottom, 1);
    }
  set_rgba (cr, &self->style->grid);
  cairo_fill (cr);

  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);

      if (t->x > dl->data_x0 && t->x < dl->data_x1)
        vline_path (self, cr, t->x, top, bottom, 1);
    }
  set_rgba (cr, &self->style->grid_major);
  cairo_fill (cr);
}

static void
paint_key_dates (ChronoTimelinePainter   *self,
                 cairo_t                 *cr,
                 const ChronoDisplayList *dl,
                 double                   top,
                 double                   bottom)
{
  for (guint i = 0; i < self->key_dates->len; i++)
    {
      const ChronoKeyDate *k = &g_array_index (self->key_dates, ChronoKeyDate, i);
      double x0 = chrono_time_scale_to_x (&dl->scale, k->first_day);
      double x1 = chrono_time_scale_to_x (&dl->scale, k->last_day + 1.0);

      if (x1 < dl->data_x0 || x0 > dl->data_x1)
        continue;
      if (k->first_day == k->last_day || x1 - x0 < 3)
        {
          /* A day: a line at its middle. */
          vline_path (self, cr, (x0 + x1) / 2, top, bottom, 2);
          set_rgba (cr, &self->style->key_date);
          cairo_fill (cr);
        }
      else
        {
          /* A month or a year: only that much is known. */
          static const double dash[] = { 4, 3 };

          rect_path (self, cr, MAX (x0, dl->data_x0), top, MIN (x1, dl->data_x1), bottom);
          set_rgba_alpha (cr, &self->style->key_date, 0.10);
          cairo_fill (cr);
          cairo_set_line_width (cr, 1);
          cairo_set_dash (cr, dash, 2, 0);
          set_rgba (cr, &self->style->key_date);
          cairo_move_to (cr, snap (self, x0) + 0.5, top);
          cairo_line_to (cr, snap (self, x0) + 0.5, bottom);
          cairo_move_to (cr, snap (self, x1) - 0.5, top);
          cairo_line_to (cr, snap (self, x1) - 0.5, bottom);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }
}

static void
paint_background_vector (ChronoTimelinePainter   *self,
                         cairo_t                 *cr,
                         const ChronoDisplayList *dl,
                         const ChronoTicks       *ticks)
{
  const ChronoTimelineStyle *st = self->style;
  double sx0 = 0, sx1 = 0, bottom = dl->data_y0;
  gboolean scope = scope_span (self, dl, &sx0, &sx1);

  set_rgba (cr, &st->background);
  cairo_rectangle (cr, 0, 0, dl->width, dl->height);
  cairo_fill (cr);

  cairo_save (cr);
  cairo_rectangle (cr, 0, dl->data_y0, dl->width, dl->data_y1 - dl->data_y0);
  cairo_clip (cr);

  /* Opaque lane backgrounds: alternate lanes, warmer inside the review
   * period.  Two colours, two fills each. */
  for (guint parity = 0; parity < 2; parity++)
    {
      cairo_new_path (cr);
      for (guint i = parity; i < dl->lanes->len; i += 2)
        {
          const ChronoDlLane *lane = &g_array_index (dl->lanes, ChronoDlLane, i);

          if (lane->y + lane->h < dl->data_y0 || lane->y > dl->data_y1)
            continue;
          rect_path (self, cr, dl->data_x0, lane->y, dl->width, lane->y + lane->h);
        }
      set_rgba (cr, &st->lane_background[parity]);
      cairo_fill (cr);

      if (scope)
        {
          for (guint i = parity; i < dl->lanes->len; i += 2)
            {
              const ChronoDlLane *lane = &g_array_index (dl->lanes, ChronoDlLane, i);

              if (lane->y + lane->h < dl->data_y0 || lane->y > dl->data_y1)
                continue;
              rect_path (self, cr, sx0, lane->y, sx1, lane->y + lane->h);
            }
          set_rgba (cr, &st->scope_background[parity]);
          cairo_fill (cr);
        }
    }

  if (dl->lanes->len > 0)
    {
      const ChronoDlLane *last = &g_array_index (dl->lanes, ChronoDlLane, dl->lanes->len - 1);

      bottom = MIN (last->y + last->h, dl->data_y1);
    }
  paint_grid (self, cr, dl, ticks, bottom);

  /* Separators: lanes full width, unit rows fainter. */
  cairo_new_path (cr);
  for (guint i = 0; i < dl->rows->len; i++)
    {
      const ChronoDlRow *row = &g_array_index (dl->rows, ChronoDlRow, i);

      if ((row->flags & CHRONO_ROW_UNIT) && row->y > dl->data_y0 && row->y < dl->data_y1)
        hline_path (self, cr, dl->data_x0, dl->width, row->y, 1);
    }
  set_rgba (cr, &st->grid);
  cairo_fill (cr);
  for (guint i = 0; i < dl->lanes->len; i++)
    {
      const ChronoDlLane *lane = &g_array_index (dl->lanes, ChronoDlLane, i);
      double y = lane->y + lane->h;

      if (y > dl->data_y0 && y < dl->data_y1 + 1)
        hline_path (self, cr, dl->data_x0, dl->width, y, 1);
    }
  set_rgba (cr, &st->separator);
  cairo_fill (cr);

  if (scope)
    {
      static const double dash[] = { 3, 3 };

      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, dash, 2, 0);
      set_rgba (cr, &st->scope_marker);
      if (sx0 > dl->data_x0)
        {
          cairo_move_to (cr, snap (self, sx0) + 0.5, dl->data_y0);
          cairo_line_to (cr, snap (self, sx0) + 0.5, bottom);
        }
      if (sx1 < dl->data_x1)
        {
          cairo_move_to (cr, snap (self, sx1) - 0.5, dl->data_y0);
          cairo_line_to (cr, snap (self, sx1) - 0.5, bottom);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  cairo_save (cr);
  cairo_rectangle (cr, dl->data_x0, dl->data_y0, dl->data_x1 - dl->data_x0, bottom - dl->data_y0);
  cairo_clip (cr);
  paint_key_dates (self, cr, dl, dl->data_y0, bottom);
  cairo_restore (cr);

  cairo_restore (cr);
}

static double
lanes_bottom (const ChronoDisplayList *dl)
{
  const ChronoDlLane *last;

  if (dl->lanes->len == 0)
    return dl->data_y0;
  last = &g_array_index (dl->lanes, ChronoDlLane, dl->lanes->len - 1);
  return MIN (last->y + last->h, dl->data_y1);
}

/* The review period on screen, if it is. */
typedef struct
{
  gboolean shown;
  double   x0, x1;
} Span;

#define CLUSTER(i) (&g_array_index (dl->clusters, ChronoDlCluster, (i)))

/* A band of a lane's background from @x0 to @x1, warmer within the
 * review period. */
static void
fill_band (ChronoRaster *raster,
           double        x0,
           double        x1,
           double        y0,
           double        y1,
           const Span   *scope,
           guint32       lane_px,
           guint32       scope_px)
{
  double a, b;

  if (x1 <= x0 || y1 <= y0)
    return;
  if (!scope->shown)
    {
      chrono_raster_fill (raster, x0, y0, x1, y1, lane_px);
      return;
    }
  a = CLAMP (scope->x0, x0, x1);
  b = CLAMP (scope->x1, x0, x1);
  chrono_raster_fill (raster, x0, y0, a, y1, lane_px);
  chrono_raster_fill (raster, a, y0, b, y1, scope_px);
  chrono_raster_fill (raster, b, y0, x1, y1, lane_px);
}

/* The same as paint_background_vector(), straight into the pixels: every
 * pixel written once or twice, no path filling. */
static void
paint_background_raster (ChronoTimelinePainter   *self,
                         ChronoRaster            *raster,
                         const ChronoDisplayList *dl,
                         const ChronoTicks       *ticks)
{
  const ChronoTimelineStyle *st = self->style;
  double sx0 = 0, sx1 = 0, bottom = lanes_bottom (dl);
  gboolean scope = scope_span (self, dl, &sx0, &sx1);
  int line = MAX ((int) round (raster->scale), 1);

  /* Below the last lane, and everything else the other parts do not cover. */
  chrono_raster_fill (raster, 0, bottom, dl->width, dl->height, pixel_of (&st->background, 1));
  chrono_raster_fill (raster, dl->data_x0, dl->data_y0, dl->width, bottom,
                      pixel_of (&st->background, 1));

  chrono_raster_clip (raster, 0, dl->data_y0, dl->width, dl->data_y1);
  {
    guint c = 0, n_clusters = dl->clusters->len;
    Span ground = { scope, sx0, sx1 };

    /* Row by row, leaving out what cluster runs will cover anyway: a busy
     * screen costs no more to fill than an empty one. */
    for (guint i = 0; i < dl->lanes->len; i++)
      {
        const ChronoDlLane *lane = &g_array_index (dl->lanes, ChronoDlLane, i);
        guint32 lane_px = pixel_of (&st->lane_background[i % 2], 1);
        guint32 scope_px = pixel_of (&st->scope_background[i % 2], 1);

        for (guint r = lane->first_row; r < lane->first_row + lane->n_rows; r++)
          {
            const ChronoDlRow *row = &g_array_index (dl->rows, ChronoDlRow, r);
            double y0 = row->y, y1 = row->y + row->h, x = dl->data_x0;
            double cy0 = y0, cy1 = y0;

            while (c < n_clusters && CLUSTER (c)->row < r)
              c++;
            if (y1 < dl->data_y0 || y0 > dl->data_y1)
              continue;
            if (c < n_clusters && CLUSTER (c)->row == r)
              {
                const ChronoDlCluster *first = CLUSTER (c);

                cy0 = first->y;
                cy1 = first->y + first->h;
                fill_band (raster, dl->data_x0, dl->width, y0, cy0, &ground, lane_px, scope_px);
                fill_band (raster, dl->data_x0, dl->width, cy1, y1, &ground, lane_px, scope_px);
                for (; c < n_clusters && CLUSTER (c)->row == r; c++)
                  {
                    const ChronoDlCluster *k = CLUSTER (c);

                    if (k->x > x)
                      fill_band (raster, x, k->x, cy0, cy1, &ground, lane_px, scope_px);
                    /* Runs leave a pixel between them. */
                    x = MAX (x, k->x + k->w - 1.5 / raster->scale);
                  }
                fill_band (raster, x, dl->width, cy0, cy1, &ground, lane_px, scope_px);
              }
            else
              fill_band (raster, dl->data_x0, dl->width, y0, y1, &ground, lane_px, scope_px);
          }
      }
  }

  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);

      if (t->x > dl->data_x0 && t->x < dl->data_x1)
        chrono_raster_vline (raster, t->x, dl->data_y0, bottom, line, 0, pixel_of (&st->grid, 1));
    }
  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);

      if (t->x > dl->data_x0 && t->x < dl->data_x1)
        chrono_raster_vline (raster, t->x, dl->data_y0, bottom, line, 0,
                             pixel_of (&st->grid_major, 1));
    }

  for (guint i = 0; i < dl->rows->len; i++)
    {
      const ChronoDlRow *row = &g_array_index (dl->rows, ChronoDlRow, i);

      if (row->flags & CHRONO_ROW_UNIT)
        chrono_raster_hline (raster, dl->data_x0, dl->width, row->y, line, 0,
                             pixel_of (&st->grid, 1));
    }
  for (guint i = 0; i < dl->lanes->len; i++)
    {
      const ChronoDlLane *lane = &g_array_index (dl->lanes, ChronoDlLane, i);

      chrono_raster_hline (raster, dl->data_x0, dl->width, lane->y + lane->h, line, 0,
                           pixel_of (&st->separator, 1));
    }

  chrono_raster_clip (raster, dl->data_x0, dl->data_y0, dl->data_x1, bottom);
  if (scope)
    {
      int dash = (int) round (3 * raster->scale);

      if (sx0 > dl->data_x0)
        chrono_raster_vline (raster, sx0 + 0.5 / raster->scale, dl->data_y0, bottom, line, dash,
                             pixel_of (&st->scope_marker, 1));
      if (sx1 < dl->data_x1)
        chrono_raster_vline (raster, sx1 - 0.5 / raster->scale, dl->data_y0, bottom, line, dash,
                             pixel_of (&st->scope_marker, 1));
    }
  for (guint i = 0; i < self->key_dates->len; i++)
    {
      const ChronoKeyDate *k = &g_array_index (self->key_dates, ChronoKeyDate, i);
      double x0 = chrono_time_scale_to_x (&dl->scale, k->first_day);
      double x1 = chrono_time_scale_to_x (&dl->scale, k->last_day + 1.0);

      if (x1 < dl->data_x0 || x0 > dl->data_x1)
        continue;
      if (k->first_day == k->last_day || x1 - x0 < 3)
        chrono_raster_vline (raster, (x0 + x1) / 2, dl->data_y0, bottom, 2 * line, 0,
                             pixel_of (&st->key_date, 1));
      else
        {
          int dash = (int) round (4 * raster->scale);

          chrono_raster_fill (raster, x0, dl->data_y0, x1, bottom, pixel_of (&st->key_date, 0.10));
          chrono_raster_vline (raster, x0 + 0.5 / raster->scale, dl->data_y0, bottom, line, dash,
                               pixel_of (&st->key_date, 1));
          chrono_raster_vline (raster, x1 - 0.5 / raster->scale, dl->data_y0, bottom, line, dash,
                               pixel_of (&st->key_date, 1));
        }
    }
  chrono_raster_clip (raster, -1e6, -1e6, 1e6, 1e6);
}

static void
paint_background (ChronoTimelinePainter   *self,
                  cairo_t                 *cr,
                  const ChronoDisplayList *dl,
                  const ChronoTicks       *ticks)
{
  ChronoRaster raster;

  if (self->record == NULL && chrono_raster_begin (&raster, cr))
    {
      paint_background_raster (self, &raster, dl, ticks);
      chrono_raster_end (&raster);
    }
  else
    paint_background_vector (self, cr, dl, ticks);
}

void
chrono_timeline_painter_paint_background (ChronoTimelinePainter   *self,
                                          cairo_t                 *cr,
                                          const ChronoDisplayList *list)
{
  g_autoptr(ChronoTicks) ticks = NULL;

  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (cr != NULL && list != NULL);

  ticks = chrono_time_scale_compute_ticks (&list->scale, text_width (self, FONT_AXIS, "0"));
  paint_background (self, cr, list, ticks);
}

static void
paint_bars (ChronoTimelinePainter   *self,
            cairo_t                 *cr,
            const ChronoRgba        *colours,
            const ChronoDisplayList *dl)
{
  static const double dash[] = { 3, 2 };

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < dl->bars->len; i++)
    {
      const ChronoDlBar *bar = &g_array_index (dl->bars, ChronoDlBar, i);
      const ChronoRgba *c = &colours[bar->colour];
      ChronoRgba dark = line_of (self, c);
      double x0 = snap (self, bar->x0), x1 = snap (self, bar->x1);
      double y0 = snap (self, bar->y), y1 = snap (self, bar->y + bar->h);
      gboolean approx = (bar->flags & CHRONO_MARK_APPROX) != 0;

      if (x1 - x0 < 1)
        x1 = x0 + 1;

      if (bar->bar_flags & CHRONO_BAR_OVERFLOW)
        {
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          set_rgba_alpha (cr, &dark, 0.55);
          cairo_fill (cr);
          continue;
        }

      /* Everything the dates allow, soft. */
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      set_rgba_alpha (cr, c, (bar->bar_flags & CHRONO_BAR_SPAN) ? 0.35 : 0.28);
      cairo_fill (cr);

      if (bar->bar_flags & CHRONO_BAR_SPAN)
        {
          double cx0 = snap (self, bar->core_x0), cx1 = snap (self, bar->core_x1);

          /* What they are sure of, solid. */
          if (cx1 > cx0)
            {
              cairo_rectangle (cr, cx0, y0, cx1 - cx0, y1 - y0);
              set_rgba_alpha (cr, c, 0.9);
              cairo_fill (cr);
            }
          cairo_rectangle (cr, x0 + 0.5, y0 + 0.5, x1 - x0 - 1, y1 - y0 - 1);
          if (approx)
            cairo_set_dash (cr, dash, 2, 0);
          set_rgba (cr, &dark);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else
        {
          /* Whiskers at both ends: the date covers this much and no more. */
          double wy0 = y0 - 3, wy1 = y1 + 3;
          double mid = snap (self, (y0 + y1) / 2) + 0.5;

          if (approx)
            cairo_set_dash (cr, dash, 2, 0);
          cairo_move_to (cr, x0 + 0.5, wy0);
          cairo_line_to (cr, x0 + 0.5, wy1);
          cairo_move_to (cr, x1 - 0.5, wy0);
          cairo_line_to (cr, x1 - 0.5, wy1);
          cairo_move_to (cr, x0 + 0.5, mid);
          cairo_line_to (cr, x1 - 0.5, mid);
          set_rgba_alpha (cr, &dark, 0.9);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }
}

/* A cluster's fill: the more events, the stronger the lane's colour. */
static double
cluster_tint (guint density)
{
  /* Logarithmic: one event is pale, hundreds strong. */
  return 0.8 - 0.1 * (CLAMP (density, 1, 6) - 1);
}

/* The end of the run of clusters that starts at @i. */
static guint
cluster_run_end (const ChronoDisplayList *dl,
                 guint                    i,
                 guint32                 *total)
{
  guint j = i;

  *total = 0;
  do
    *total += g_array_index (dl->clusters, ChronoDlCluster, j++).count;
  while (j < dl->clusters->len && g_array_index (dl->clusters, ChronoDlCluster, j).joins);
  return j;
}

static void
paint_clusters (ChronoTimelinePainter   *self,
                cairo_t                 *cr,
                const ChronoRgba        *colours,
                const ChronoDisplayList *dl)
{
  for (guint i = 0; i < dl->clusters->len;)
    {
      const ChronoDlCluster *first = &g_array_index (dl->clusters, ChronoDlCluster, i);
      const ChronoRgba *colour = &colours[first->colour];
      ChronoRgba dark = line_of (self, colour);
      guint32 total;
      guint j = cluster_run_end (dl, i, &total);
      const ChronoDlCluster *last = &g_array_index (dl->clusters, ChronoDlCluster, j - 1);
      double x0 = snap (self, first->x), x1 = snap (self, last->x + last->w) - 1;
      double y0 = snap (self, first->y), y1 = snap (self, first->y + first->h);
      char text[16];
      double tw;

      for (guint k = i; k < j; k++)
        {
          const ChronoDlCluster *c = &g_array_index (dl->clusters, ChronoDlCluster, k);
          ChronoRgba fill = mix (colour, &self->style->background, cluster_tint (c->density));

          double cx0 = snap (self, c->x), cx1 = MIN (snap (self, c->x + c->w), x1);

          cairo_rectangle (cr, cx0, y0, cx1 - cx0, y1 - y0);
          set_rgba (cr, &fill);
          cairo_fill (cr);
        }
      cairo_rectangle (cr, x0 + 0.5, y0 + 0.5, x1 - x0 - 1, y1 - y0 - 1);
      cairo_set_line_width (cr, 1);
      set_rgba (cr, &dark);
      cairo_stroke (cr);

      count_text (total, text, sizeof text);
      tw = text_width (self, FONT_COUNT, text);
      if (tw + 6 <= x1 - x0)
        {
          double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, th = round (self->font_size * 0.95);

          if (j - i > 1 || cluster_tint (first->density) < 0.6)
            {
              rect_path (self, cr, cx - tw / 2 - 2, cy - th / 2, cx + tw / 2 + 2, cy + th / 2);
              set_rgba (cr, &self->style->background);
              cairo_fill (cr);
            }
          draw_text (self, cr, FONT_COUNT, text, cx, cy, -1, &self->style->text, ALIGN_CENTRE);
        }
      i = j;
    }
}

static void
tilde_path (cairo_t *cr,
            double   x,
            double   y,
            double   w)
{
  double h = w * 0.3;

  cairo_move_to (cr, x - w / 2, y + h / 2);
  cairo_curve_to (cr, x - w / 4, y - h, x, y - h / 2, x, y);
  cairo_curve_to (cr, x, y + h / 2, x + w / 4, y + h, x + w / 2, y - h / 2);
}

/* What a bar stands on: its lane's background, warmer in the review period. */
typedef struct
{
  guint8 *parity;     /* by row */
  double  sx0, sx1;   /* the review period, or empty */
} Ground;

static void
ground_init (ChronoTimelinePainter   *self,
             const ChronoDisplayList *dl,
             Ground                  *ground)
{
  ground->parity = g_new0 (guint8, MAX (dl->rows->len, 1));
  for (guint i = 0; i < dl->lanes->len; i++)
    {
      const ChronoDlLane *lane = &g_array_index (dl->lanes, ChronoDlLane, i);

      for (guint r = lane->first_row; r < lane->first_row + lane->n_rows; r++)
        ground->parity[r] = i % 2;
    }
  if (!scope_span (self, dl, &ground->sx0, &ground->sx1))
    ground->sx0 = ground->sx1 = 0;
}

/* Fills with @c at @alpha as if blended over the lane's background, but
 * opaque: a plain memory fill, whatever the width. */
static void
fill_on_ground (ChronoTimelinePainter *self,
                ChronoRaster          *raster,
                const Ground          *ground,
                guint16                row,
                double                 x0,
                double                 y0,
                double                 x1,
                double                 y1,
                const ChronoRgba      *c,
                double                 alpha)
{
  const ChronoTimelineStyle *st = self->style;
  const ChronoRgba *lane_bg = &st->lane_background[ground->parity[row]];
  const ChronoRgba *scope_bg = &st->scope_background[ground->parity[row]];
  ChronoRgba out = mix (lane_bg, c, alpha), in = mix (scope_bg, c, alpha);
  double a = CLAMP (ground->sx0, x0, x1), b = CLAMP (ground->sx1, x0, x1);

  if (a > x0)
    chrono_raster_fill (raster, x0, y0, a, y1, pixel_of (&out, 1));
  if (b > a)
    chrono_raster_fill (raster, a, y0, b, y1, pixel_of (&in, 1));
  if (x1 > b)
    chrono_raster_fill (raster, b, y0, x1, y1, pixel_of (&out, 1));
}

static void
paint_bars_raster (ChronoTimelinePainter   *self,
                   ChronoRaster            *raster,
                   const ChronoRgba        *colours,
                   const ChronoDisplayList *dl)
{
  int line = MAX ((int) round (raster->scale), 1);
  int dash = (int) round (3 * raster->scale);
  Ground ground;

  if (dl->bars->len == 0)
    return;
  ground_init (self, dl, &ground);
  for (guint i = 0; i < dl->bars->len; i++)
    {
      const ChronoDlBar *bar = &g_array_index (dl->bars, ChronoDlBar, i);
      const ChronoRgba *c = &colours[bar->colour];
      ChronoRgba dark = line_of (self, c);
      double x1 = MAX (bar->x1, bar->x0 + 1 / raster->scale);
      int d = (bar->flags & CHRONO_MARK_APPROX) ? dash : 0;

      if (bar->bar_flags & CHRONO_BAR_OVERFLOW)
        {
          fill_on_ground (self, raster, &ground, bar->row, bar->x0, bar->y, x1, bar->y + bar->h,
                          &dark, 0.55);
          continue;
        }
      fill_on_ground (self, raster, &ground, bar->row, bar->x0, bar->y, x1, bar->y + bar->h, c,
                      (bar->bar_flags & CHRONO_BAR_SPAN) ? 0.35 : 0.28);
      if (bar->bar_flags & CHRONO_BAR_SPAN)
        {
          if (bar->core_x1 > bar->core_x0)
            fill_on_ground (self, raster, &ground, bar->row, bar->core_x0, bar->y, bar->core_x1,
                            bar->y + bar->h, c, 0.9);
          chrono_raster_frame (raster, bar->x0, bar->y, x1, bar->y + bar->h, d,
                               pixel_of (&dark, 1));
        }
      else
        {
          guint32 px = pixel_of (&dark, 0.9);

          double half = 0.5 / raster->scale;

          double top = bar->y - 3, bottom = bar->y + bar->h + 3;

          chrono_raster_vline (raster, bar->x0 + half, top, bottom, line, d, px);
          chrono_raster_vline (raster, x1 - half, top, bottom, line, d, px);
          chrono_raster_hline (raster, bar->x0, x1, bar->y + bar->h / 2, line, d, px);
        }
    }
  g_free (ground.parity);
}

/* Digits for cluster counts, drawn once per font, scale and theme. */
static gboolean
ensure_digit_sprites (ChronoTimelinePainter *self,
                      double                 scale)
{
  static const char digits[] = "0123456789k+.";
  guint64 key = ((guint64) (scale * 64) << 32) | ((guint64) (self->font_size * 16) << 8) |
                self->theme;

  if (self->digit_sprites_key == key && self->digit_sprites[0] != NULL)
    return TRUE;

  for (guint i = 0; i < N_DIGIT_GLYPHS; i++)
    {
      char text[2] = { digits[i], '\0' };
      PangoLayout *layout = get_layout (self, FONT_COUNT, text, -1);
      PangoRectangle ink, logical;
      cairo_surface_t *surface;
      cairo_t *cr;
      int w, h;

      pango_layout_get_pixel_extents (layout, &ink, &logical);
      w = (int) ceil (logical.width * scale) + 2;
      h = (int) ceil (logical.height * scale) + 2;
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
      pango_cairo_update_context (cr, self->context);
      set_rgba (cr, &self->style->text);
      cairo_move_to (cr, 0, 0);
      pango_cairo_show_layout (cr, layout);
      cairo_destroy (cr);

      g_clear_pointer (&self->digit_sprites[i], chrono_sprite_free);
      /* Anchor: left edge, middle of the line. */
      self->digit_sprites[i] = chrono_sprite_new (surface, 0,
                                                  (int) round (logical.height * scale / 2));
      self->digit_sprites[i]->advance = (int) round (logical.width * scale);
      cairo_surface_destroy (surface);
    }
  self->digit_sprites_key = key;
  return TRUE;
}

static int
digit_index (char c)
{
  return c >= '0' && c <= '9' ? c - '0' : c == 'k' ? 10 : c == '+' ? 11 : 12;
}

static void
paint_clusters_raster (ChronoTimelinePainter   *self,
                       ChronoRaster            *raster,
                       const ChronoRgba        *colours,
                       const ChronoDisplayList *dl)
{
  int border = MAX ((int) round (raster->scale), 1);
  double px = 1 / raster->scale;

  if (dl->clusters->len == 0)
    return;
  ensure_digit_sprites (self, raster->scale);

  for (guint i = 0; i < dl->clusters->len;)
    {
      const ChronoDlCluster *first = &g_array_index (dl->clusters, ChronoDlCluster, i);
      const ChronoRgba *colour = &colours[first->colour];
      ChronoRgba dark = line_of (self, colour);
      guint32 total;
      guint j = cluster_run_end (dl, i, &total);
      const ChronoDlCluster *last = &g_array_index (dl->clusters, ChronoDlCluster, j - 1);
      double x0 = first->x, x1 = last->x + last->w - border * px;
      double y0 = first->y, y1 = first->y + first->h;
      ChronoRgba fill = mix (colour, &self->style->background, cluster_tint (first->density));
      char text[16];
      int width = 0, dx, dy;

      /* One frame for the run, each cell shaded by its count. */
      if (j - i == 1)
        chrono_raster_box (raster, x0, y0, x1, y1, border, pixel_of (&dark, 1),
                           pixel_of (&fill, 1));
      else
        {
          chrono_raster_frame (raster, x0, y0, x1, y1, 0, pixel_of (&dark, 1));
          for (guint k = i; k < j; k++)
            {
              const ChronoDlCluster *c = &g_array_index (dl->clusters, ChronoDlCluster, k);
              ChronoRgba shade = mix (colour, &self->style->background, cluster_tint (c->density));

              chrono_raster_fill (raster, MAX (c->x, x0 + border * px), y0 + border * px,
                                  MIN (c->x + c->w, x1 - border * px), y1 - border * px,
                                  pixel_of (&shade, 1));
            }
        }

      count_text (total, text, sizeof text);
      for (const char *p = text; *p; p++)
        width += self->digit_sprites[digit_index (*p)]->advance;
      if (width + 6 * raster->scale <= (x1 - x0) * raster->scale)
        {
          dx = chrono_raster_device_x (raster, (x0 + x1) / 2) - width / 2;
          dy = chrono_raster_device_y (raster, (y0 + y1) / 2);
          if (j - i > 1 || cluster_tint (first->density) < 0.6)
            {
              double half_h = round (self->font_size * 0.95) / 2;
              double cy = (y0 + y1) / 2;

              double left = (dx - 2 * raster->scale - raster->tx) / raster->scale;
              double right = (dx + width + 2 * raster->scale - raster->tx) / raster->scale;

              chrono_raster_fill (raster, left, cy - half_h, right, cy + half_h,
                                  pixel_of (&self->style->background, 1));
            }
          for (const char *p = text; *p; p++)
            {
              const ChronoSprite *digit = self->digit_sprites[digit_index (*p)];

              chrono_raster_blit_device (raster, digit, dx, dy);
              dx += digit->advance;
            }
        }
      i = j;
    }
}

/* One mark, as every backend draws it. */
static void
draw_mark (ChronoTimelinePainter *self,
           cairo_t               *cr,
           guint                  kind,
           guint                  flags,
           double                 x,
           double                 y,
           double                 size,
           const ChronoRgba      *fill)
{
  const ChronoTimelineStyle *st = self->style;
  ChronoRgba dark = outline_of (self, fill);
  ChronoRgba line = line_of (self, fill);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (flags & CHRONO_MARK_APPROX)
    {
      /* Approximate: hollow, with a tilde. */
      chrono_timeline_shape_path (cr, kind, x, y, size * 0.9);
      set_rgba (cr, &st->background);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, MAX (st->outline_width, 1.6));
      set_rgba (cr, &line);
      cairo_stroke (cr);
      tilde_path (cr, x + size * 0.62, y - size * 0.55, size * 0.5);
      cairo_set_line_width (cr, 1.3);
      set_rgba (cr, &st->text);
      cairo_stroke (cr);
    }
  else
    {
      chrono_timeline_shape_path (cr, kind, x, y, size);
      set_rgba (cr, fill);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, st->outline_width);
      set_rgba (cr, &dark);
      cairo_stroke (cr);
    }

  if (flags & CHRONO_MARK_RISK_HIGH)
    {
      /* High risk: a ring. */
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, size * 0.5 + 2.2, 0, 2 * G_PI);
      cairo_set_line_width (cr, 1.6);
      set_rgba (cr, &st->risk);
      cairo_stroke (cr);
    }
  if (flags & CHRONO_MARK_NOT_SHARED)
    {
      /* Not shared: a small cross below right. */
      double cx = x + size * 0.55, cy = y + size * 0.55, a = 2.2;

      cairo_move_to (cr, cx - a, cy - a);
      cairo_line_to (cr, cx + a, cy + a);
      cairo_move_to (cr, cx + a, cy - a);
      cairo_line_to (cr, cx - a, cy + a);
      cairo_set_line_width (cr, 1.5);
      set_rgba (cr, &st->text);
      cairo_stroke (cr);
    }
}

static void
paint_marks (ChronoTimelinePainter   *self,
             cairo_t                 *cr,
             const ChronoRgba        *colours,
             const ChronoDisplayList *dl)
{
  for (guint i = 0; i < dl->marks->len; i++)
    {
      const ChronoDlMark *m = &g_array_index (dl->marks, ChronoDlMark, i);

      draw_mark (self, cr, m->shape, m->flags, m->x, m->y, m->size, &colours[m->colour]);
    }
}

#define SPRITE_FLAGS (CHRONO_MARK_APPROX | CHRONO_MARK_RISK_HIGH | CHRONO_MARK_NOT_SHARED)

static const ChronoSprite *
mark_sprite (ChronoTimelinePainter *self,
             guint                  kind,
             guint                  flags,
             double                 size,
             const ChronoRgba      *fill,
             double                 scale)
{
  guint64 rgb = pixel_of (fill, 1) & 0xffffff;
  gint64 key = (gint64) (rgb | (guint64) kind << 24 | (guint64) (flags & SPRITE_FLAGS) << 28 |
                         (guint64) self->theme << 36 | (guint64) MIN (size * 8, 4095) << 40 |
                         (guint64) MIN (scale * 8, 255) << 52);
  ChronoSprite *sprite = g_hash_table_lookup (self->sprites, &key);

  if (sprite == NULL)
    {
      int half = (int) ceil ((size * 0.95 + 4) * scale);
      cairo_surface_t *surface =
        cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * half, 2 * half);
      cairo_t *cr;
      gint64 *stored = g_new (gint64, 1);

      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
      draw_mark (self, cr, kind, flags, half / scale, half / scale, size, fill);
      cairo_destroy (cr);
      sprite = chrono_sprite_new (surface, half, half);
      cairo_surface_destroy (surface);

      if (g_hash_table_size (self->sprites) > 8192)
        g_hash_table_remove_all (self->sprites);
      *stored = key;
      g_hash_table_insert (self->sprites, stored, sprite);
    }
  return sprite;
}

static void
paint_marks_raster (ChronoTimelinePainter   *self,
                    ChronoRaster            *raster,
                    const ChronoRgba        *colours,
                    const ChronoDisplayList *dl)
{
  const ChronoSprite *sprite = NULL;
  guint last_kind = G_MAXUINT, last_flags = 0, last_colour = G_MAXUINT;
  float last_size = 0;

  for (guint i = 0; i < dl->marks->len; i++)
    {
      const ChronoDlMark *m = &g_array_index (dl->marks, ChronoDlMark, i);
      guint flags = m->flags & SPRITE_FLAGS;

      if (m->shape != last_kind || flags != last_flags || m->colour != last_colour ||
          m->size != last_size)
        {
          sprite = mark_sprite (self, m->shape, flags, m->size, &colours[m->colour], raster->scale);
          last_kind = m->shape;
          last_flags = flags;
          last_colour = m->colour;
          last_size = m->size;
        }
      chrono_raster_blit (raster, sprite, m->x, m->y);
    }
}

static void
paint_labels (ChronoTimelinePainter   *self,
              cairo_t                 *cr,
              const ChronoDisplayList *dl)
{
  for (guint i = 0; i < dl->labels->len; i++)
    {
      const ChronoDlLabel *label = &g_array_index (dl->labels, ChronoDlLabel, i);

      draw_text (self, cr, FONT_SMALL, label->text, label->x, label->y, label->max_width,
                 &self->style->text, ALIGN_LEFT);
    }
}

void
chrono_timeline_painter_paint_events (ChronoTimelinePainter   *self,
                                      cairo_t                 *cr,
                                      ChronoMarks             *marks,
                                      const ChronoDisplayList *list)
{
  const ChronoRgba *colours;

  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (cr != NULL && marks != NULL && list != NULL);

  colours = lane_colours (self, marks);
  update_device_scale (self, cr);
  cairo_save (cr);
  cairo_new_path (cr);
  rect_path (self, cr, list->data_x0, list->data_y0, list->width, list->data_y1);
  cairo_clip (cr);
  {
    ChronoRaster raster;

    if (chrono_raster_begin (&raster, cr))
      {
        paint_bars_raster (self, &raster, colours, list);
        paint_clusters_raster (self, &raster, colours, list);
        paint_marks_raster (self, &raster, colours, list);
        chrono_raster_end (&raster);
      }
    else
      {
        paint_bars (self, cr, colours, list);
        paint_clusters (self, cr, colours, list);
        paint_marks (self, cr, colours, list);
      }
  }
  paint_labels (self, cr, list);
  cairo_restore (cr);
}

static void
disclosure_path (cairo_t  *cr,
                 double    x,
                 double    y,
                 double    size,
                 gboolean  collapsed)
{
  double r = size / 2;

  if (collapsed)
    {
      cairo_move_to (cr, x - r * 0.5, y - r);
      cairo_line_to (cr, x + r * 0.7, y);
      cairo_line_to (cr, x - r * 0.5, y + r);
    }
  else
    {
      cairo_move_to (cr, x - r, y - r * 0.5);
      cairo_line_to (cr, x + r, y - r * 0.5);
      cairo_line_to (cr, x, y + r * 0.7);
    }
  cairo_close_path (cr);
}

static void
paint_headers_direct (ChronoTimelinePainter   *self,
                      cairo_t                 *cr,
                      ChronoMarks             *marks,
                      const ChronoDisplayList *list)
{
  const ChronoTimelineStyle *st;
  const ChronoRgba *colours;
  double width;
  double stripe = 5;

  st = self->style;
  colours = lane_colours (self, marks);
  width = list->data_x0;

  cairo_save (cr);
  cairo_rectangle (cr, 0, list->data_y0, width, list->data_y1 - list->data_y0);
  cairo_clip (cr);
  set_rgba (cr, &st->background);
  cairo_paint (cr);

  for (guint i = 0; i < list->lanes->len; i++)
    {
      const ChronoDlLane *lane = &g_array_index (list->lanes, ChronoDlLane, i);

      if (lane->y + lane->h < list->data_y0 || lane->y > list->data_y1)
        continue;
      cairo_new_path (cr);
      rect_path (self, cr, 0, lane->y, width, lane->y + lane->h);
      set_rgba (cr, &st->header_background[i % 2]);
      cairo_fill (cr);
      rect_path (self, cr, 0, lane->y, stripe, lane->y + lane->h);
      set_rgba (cr, &colours[lane->lane]);
      cairo_fill (cr);
      hline_path (self, cr, 0, width, lane->y + lane->h, 1);
      set_rgba (cr, &st->separator);
      cairo_fill (cr);
    }

  for (guint i = 0; i < list->rows->len; i++)
    {
      const ChronoDlRow *row = &g_array_index (list->rows, ChronoDlRow, i);
      double y = row->y + MIN (row->h / 2, self->font_size * 1.1 + 2);

      if (row->y + row->h < list->data_y0 || row->y > list->data_y1)
        continue;

      if (row->flags & CHRONO_ROW_LANE_TITLE)
        {
          const ChronoMarksLane *ml = &marks->lanes[row->lane];
          gboolean collapsed = (row->flags & CHRONO_ROW_COLLAPSED) != 0;

          if (ml->n_units > 0)
            {
              disclosure_path (cr, stripe + 9, y, self->font_size * 0.6, collapsed);
              set_rgba (cr, &st->text_secondary);
              cairo_fill (cr);
            }
          draw_text (self, cr, FONT_LANE, row->name, stripe + 17, y, width - stripe - 24,
                     &st->text, ALIGN_LEFT);
          if (collapsed && row->h >= self->font_size * 2.8)
            {
              g_autofree char *hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit",
                                                                    "%u units", ml->n_units),
                                                       ml->n_units);

              draw_text (self, cr, FONT_UNIT, hint, stripe + 17, y + self->font_size * 1.3,
                         width - stripe - 24, &st->text_secondary, ALIGN_LEFT);
            }
        }
      else
        {
          hline_path (self, cr, stripe + 24, width, row->y, 1);
          set_rgba (cr, &st->grid);
          cairo_fill (cr);
          draw_text (self, cr, FONT_UNIT, row->name, stripe + 29, row->y + row->h / 2,
                     width - stripe - 36, &st->text_secondary, ALIGN_LEFT);
        }
    }

  /* The column's edge. */
  vline_path (self, cr, width - 0.5, list->data_y0, list->data_y1, 1);
  set_rgba (cr, &st->separator);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* TRUE when [a, b] is clear of every interval in @taken (pairs of doubles). */
static gboolean
is_free (GArray *taken,
         double  a,
         double  b)
{
  for (guint i = 0; i + 1 < taken->len; i += 2)
    {
      if (a < g_array_index (taken, double, i + 1) && b > g_array_index (taken, double, i))
        return FALSE;
    }
  return TRUE;
}

static void
take (GArray *taken,
      double  a,
      double  b)
{
  g_array_append_val (taken, a);
  g_array_append_val (taken, b);
}

/* The room right of @a up to the next taken interval or @limit. */
static double
room_after (GArray *taken,
            double  a,
            double  limit)
{
  for (guint i = 0; i + 1 < taken->len; i += 2)
    {
      double t0 = g_array_index (taken, double, i), t1 = g_array_index (taken, double, i + 1);

      if (t1 > a && t0 < limit)
        limit = MAX (t0, a);
    }
  return limit - a;
}

static void
paint_annotations (ChronoTimelinePainter   *self,
                   cairo_t                 *cr,
                   const ChronoDisplayList *dl,
                   double                   top,
                   double                   height)
{
  const ChronoTimelineStyle *st = self->style;
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree double *line_x = g_new (double, MAX (self->key_dates->len, 1));
  double x0 = dl->data_x0, x1 = dl->data_x1, mid = top + height / 2;
  double sx0 = 0, sx1 = 0;
  gboolean scope = scope_span (self, dl, &sx0, &sx1);

  if (scope)
    {
      rect_path (self, cr, sx0, top + 3, sx1, top + height - 3);
      set_rgba (cr, &st->scope_background[1]);
      cairo_fill (cr);
      hline_path (self, cr, sx0, sx1, top + height - 3, 2);
      set_rgba (cr, &st->scope_marker);
      cairo_fill (cr);
    }

  /* Lines first: labels must not hide another key date. */
  for (guint i = 0; i < self->key_dates->len; i++)
    {
      const ChronoKeyDate *k = &g_array_index (self->key_dates, ChronoKeyDate, i);
      double kx0 = chrono_time_scale_to_x (&dl->scale, k->first_day);
      double kx1 = chrono_time_scale_to_x (&dl->scale, k->last_day + 1.0);
      gboolean band = k->first_day != k->last_day && kx1 - kx0 >= 3;

      line_x[i] = band ? kx0 : (kx0 + kx1) / 2;
      if (kx1 < x0 || kx0 > x1)
        {
          line_x[i] = NAN;
          continue;
        }
      if (band)
        {
          rect_path (self, cr, kx0, top, kx1, top + height);
          set_rgba_alpha (cr, &st->key_date, 0.18);
          cairo_fill (cr);
        }
      vline_path (self, cr, line_x[i], top, top + height, 2);
      set_rgba (cr, &st->key_date);
      cairo_fill (cr);
      take (taken, line_x[i] - 2, line_x[i] + 2);
    }

  /* Key date labels right of their line, else left, else shortened. */
  for (guint i = 0; i < self->key_dates->len; i++)
    {
      const ChronoKeyDate *k = &g_array_index (self->key_dates, ChronoKeyDate, i);
      double lx = line_x[i], lw, left = 0, width = 0;

      if (isnan (lx) || k->label == NULL || *k->label == '\0')
        continue;
      lw = text_width (self, FONT_KEY, k->label);
      if (lx + 5 + lw <= x1 && is_free (taken, lx + 3, lx + 7 + lw))
        left = lx + 5, width = lw;
      else if (lx - 5 - lw >= x0 && is_free (taken, lx - 7 - lw, lx - 3))
        left = lx - 5 - lw, width = lw;
      else if (room_after (taken, lx + 3, x1) >= 48)
        left = lx + 5, width = room_after (taken, lx + 3, x1) - 6;
      else
        continue;

      rect_path (self, cr, left - 2, top + 2, left + width + 2, top + height - 2);
      set_rgba (cr, &st->axis_background);
      cairo_fill (cr);
      draw_text (self, cr, FONT_KEY, k->label, left, mid, width + 1, &st->key_date, ALIGN_LEFT);
      take (taken, left - 2, left + width + 2);
    }

  if (scope)
    {
      const char *text = _("Review period");
      double w = text_width (self, FONT_SMALL, text);
      double left = sx0 + 6;

      /* Anywhere along the period where it fits. */
      while (left + w + 4 <= sx1 && !is_free (taken, left - 2, left + w + 2))
        left += 8;
      if (left + w + 4 <= sx1)
        draw_text (self, cr, FONT_SMALL, text, left, mid, -1, &st->text_secondary, ALIGN_LEFT);
    }
}

static guint64
hash_mix (guint64 h,
          guint64 v)
{
  return (h ^ v) * 0x100000001b3ull;
}

static guint64
header_key (ChronoTimelinePainter   *self,
            ChronoMarks             *marks,
            const ChronoDisplayList *list,
            double                   scale)
{
  guint64 h = 0xcbf29ce484222325ull;

  h = hash_mix (h, GPOINTER_TO_SIZE (marks));
  h = hash_mix (h, self->theme);
  h = hash_mix (h, (guint64) (self->font_size * 64));
  h = hash_mix (h, (guint64) (scale * 64));
  h = hash_mix (h, (guint64) (list->data_x0 * 64));
  h = hash_mix (h, (guint64) (list->data_y0 * 64));
  h = hash_mix (h, (guint64) (list->data_y1 * 64));
  for (guint i = 0; i < list->rows->len; i++)
    {
      const ChronoDlRow *row = &g_array_index (list->rows, ChronoDlRow, i);

      h = hash_mix (h, (guint64) (gint64) (row->y * 64));
      h = hash_mix (h, (guint64) (row->h * 64));
      h = hash_mix (h, (guint64) row->lane << 32 | (guint16) row->unit << 8 | row->flags);
    }
  return h;
}

/* Lane headers change only with the lanes: on an image surface they are
 * drawn once into a cache and copied. */
void
chrono_timeline_painter_paint_headers (ChronoTimelinePainter   *self,
                                       cairo_t                 *cr,
                                       ChronoMarks             *marks,
                                       const ChronoDisplayList *list)
{
  ChronoRaster raster;
  double scale, height;
  guint64 key;

  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (cr != NULL && marks != NULL && list != NULL);

  if (self->record != NULL || !chrono_raster_begin (&raster, cr))
    {
      paint_headers_direct (self, cr, marks, list);
      return;
    }
  scale = raster.scale;

  height = list->data_y1 - list->data_y0;
  if (list->data_x0 < 1 || height < 1)
    {
      chrono_raster_end (&raster);
      return;
    }
  key = header_key (self, marks, list, scale);
  if (self->header_cache == NULL || self->header_key != key)
    {
      cairo_t *cache_cr;

      g_clear_pointer (&self->header_cache, cairo_surface_destroy);
      self->header_cache = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                       (int) ceil (list->data_x0 * scale),
                                                       (int) ceil (height * scale));
      cairo_surface_set_device_scale (self->header_cache, scale, scale);
      cache_cr = cairo_create (self->header_cache);
      cairo_translate (cache_cr, 0, -list->data_y0);
      pango_cairo_update_context (cache_cr, self->context);
      paint_headers_direct (self, cache_cr, marks, list);
      cairo_destroy (cache_cr);
      self->header_key = key;
    }

  chrono_raster_clip (&raster, 0, list->data_y0, list->data_x0, list->data_y1);
  chrono_raster_copy (&raster, self->header_cache, 0, list->data_y0);
  chrono_raster_end (&raster);
}

static void
paint_axis (ChronoTimelinePainter   *self,
            cairo_t                 *cr,
            const ChronoDisplayList *dl,
            const ChronoTicks       *ticks)
{
  const ChronoTimelineStyle *st = self->style;
  double ctx_h = context_row_height (self);
  double tick_h = tick_row_height (self);
  double ann_h = annotation_row_height (self);
  double axis_h = dl->data_y0;
  double x0 = dl->data_x0, x1 = dl->data_x1;

  set_rgba (cr, &st->axis_background);
  cairo_rectangle (cr, 0, 0, dl->width, axis_h);
  cairo_fill (cr);

  /* The visible period, in words, above the lane names. */
  {
    int y0, m0, d0, y1, m1, d1;
    g_autofree char *from = NULL, *to = NULL, *range = NULL;
    ChronoDate a = CHRONO_DATE_INIT, b = CHRONO_DATE_INIT;

    chrono_day_to_ymd ((gint32) MAX (floor (dl->scale.from), 0), &y0, &m0, &d0);
    chrono_day_to_ymd ((gint32) MAX (ceil (dl->scale.to) - 1, 0), &y1, &m1, &d1);
    a.year = y0, a.month = m0, a.day = d0;
    b.year = y1, b.month = m1, b.day = d1;
    from = chrono_date_format (&a);
    to = chrono_date_format (&b);
    /* TRANSLATORS: the period the timeline shows, "1 Jan 2011 – 31 Dec 2011" */
    range = g_strdup_printf (_("%s – %s"), from, to);
    draw_text (self, cr, FONT_AXIS, range, 12, ctx_h + tick_h / 2, x0 - 20,
               &st->text_secondary, ALIGN_LEFT);
  }

  cairo_save (cr);
  cairo_rectangle (cr, x0, 0, dl->width - x0, axis_h);
  cairo_clip (cr);

  /* Context row: years above months, sticky labels. */
  cairo_new_path (cr);
  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);

      if (t->x >= x0 && t->x <= x1)
        vline_path (self, cr, t->x, 0, ctx_h + tick_h, 1);
    }
  set_rgba (cr, &st->grid_major);
  cairo_fill (cr);
  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);
      double left = MAX (t->x, x0) + 6, right = MIN (t->end_x, x1) - 4;
      double w = text_width (self, FONT_CONTEXT, t->label);

      if (right - left >= w)
        draw_text (self, cr, FONT_CONTEXT, t->label, left, ctx_h / 2 + 1, -1, &st->text,
                   ALIGN_LEFT);
    }

  /* Tick row. */
  cairo_new_path (cr);
  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);

      if (t->x >= x0 && t->x <= x1)
        vline_path (self, cr, t->x, ctx_h, ctx_h + tick_h, 1);
    }
  set_rgba (cr, &st->grid_major);
  cairo_fill (cr);
  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);
      double w = text_width (self, FONT_AXIS, t->label);

      if (t->end_x - t->x >= w + 8 && t->x + 4 >= x0 - w && t->x < x1)
        draw_text (self, cr, FONT_AXIS, t->label, t->x + 4, ctx_h + tick_h / 2, -1,
                   &st->text_secondary, ALIGN_LEFT);
    }

  /* Annotations: the review period and the key dates. */
  if (ann_h > 0)
    paint_annotations (self, cr, dl, ctx_h + tick_h, ann_h);
  cairo_restore (cr);

  hline_path (self, cr, 0, dl->width, axis_h - 0.5, 1);
  set_rgba (cr, &st->separator);
  cairo_fill (cr);
  vline_path (self, cr, x0 - 0.5, 0, axis_h, 1);
  cairo_fill (cr);
}

void
chrono_timeline_painter_paint_axis (ChronoTimelinePainter   *self,
                                    cairo_t                 *cr,
                                    const ChronoDisplayList *list)
{
  g_autoptr(ChronoTicks) ticks = NULL;

  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (cr != NULL && list != NULL);

  ticks = chrono_time_scale_compute_ticks (&list->scale, text_width (self, FONT_AXIS, "0"));
  paint_axis (self, cr, list, ticks);
}

void
chrono_timeline_painter_paint_legend (ChronoTimelinePainter   *self,
                                      cairo_t                 *cr,
                                      const ChronoDisplayList *list)
{
  const ChronoTimelineStyle *st;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (LegendItem));
  double top, icon, size;
  ChronoRgba neutral, neutral_dark;

  g_return_if_fail (CHRONO_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (cr != NULL && list != NULL);

  if (list->height - list->data_y1 < 8)
    return;

  st = self->style;
  top = list->data_y1;
  icon = round (self->font_size * 1.6);
  size = round (self->font_size * 0.95);
  neutral = mix (&st->text_secondary, &st->background, 0.35);
  neutral_dark = line_of (self, &neutral);

  cairo_save (cr);
  cairo_rectangle (cr, 0, top, list->width, list->height - top);
  cairo_clip (cr);
  set_rgba (cr, &st->axis_background);
  cairo_paint (cr);
  hline_path (self, cr, 0, list->width, top + 0.5, 1);
  set_rgba (cr, &st->separator);
  cairo_fill (cr);

  legend_flow (self, list->width, items);
  if (items->len > 0)
    draw_text (self, cr, FONT_KEY, _("Key"), 12, top + g_array_index (items, LegendItem, 0).y,
               -1, &st->text, ALIGN_LEFT);

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < items->len; i++)
    {
      const LegendItem *item = &g_array_index (items, LegendItem, i);
      double x = item->x, y = top + item->y;
      gboolean wide = item->kind == LEGEND_BAND || item->kind == LEGEND_SPAN;
      double text_x = x + (wide ? icon : icon / 2) + 5;

      switch (item->kind)
        {
        case LEGEND_SHAPE:
          chrono_timeline_shape_path (cr, item->shape, x, y, size);
          set_rgba (cr, &neutral);
          cairo_fill_preserve (cr);
          set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          break;
        case LEGEND_APPROX:
          chrono_timeline_shape_path (cr, CHRONO_KIND_CONTACT, x, y, size * 0.9);
          set_rgba (cr, &st->background);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, 1.6);
          set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          tilde_path (cr, x + size * 0.62, y - size * 0.55, size * 0.5);
          cairo_set_line_width (cr, 1.3);
          set_rgba (cr, &st->text);
          cairo_stroke (cr);
          cairo_set_line_width (cr, 1);
          break;
        case LEGEND_BAND:
          cairo_rectangle (cr, x - icon + 1, y - size * 0.25, 2 * icon - 2, size * 0.5);
          set_rgba_alpha (cr, &neutral, 0.5);
          cairo_fill (cr);
          cairo_move_to (cr, snap (self, x - icon + 1) + 0.5, y - size * 0.25 - 3);
          cairo_line_to (cr, snap (self, x - icon + 1) + 0.5, y + size * 0.25 + 3);
          cairo_move_to (cr, snap (self, x + icon - 1) - 0.5, y - size * 0.25 - 3);
          cairo_line_to (cr, snap (self, x + icon - 1) - 0.5, y + size * 0.25 + 3);
          cairo_move_to (cr, x - icon + 1, snap (self, y) + 0.5);
          cairo_line_to (cr, x + icon - 1, snap (self, y) + 0.5);
          set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          chrono_timeline_shape_path (cr, CHRONO_KIND_CONTACT, x, y, size);
          set_rgba (cr, &neutral);
          cairo_fill_preserve (cr);
          set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          break;
        case LEGEND_SPAN:
          cairo_rectangle (cr, snap (self, x - icon + 1) + 0.5, snap (self, y - size * 0.3) + 0.5,
                           snap (self, 2 * icon - 2) - 1, snap (self, size * 0.6) - 1);
          set_rgba (cr, &neutral);
          cairo_fill_preserve (cr);
          set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          chrono_timeline_shape_path (cr, CHRONO_KIND_CUSTODY, x - icon + 1 + size / 2, y, size);
          set_rgba (cr, &neutral);
          cairo_fill_preserve (cr);
          set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          break;
        case LEGEND_RISK:
          chrono_timeline_shape_path (cr, CHRONO_KIND_CONTACT, x, y, size);
          set_rgba (cr, &neutral);
          cairo_fill_preserve (cr);
          set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, size * 0.5 + 2.2, 0, 2 * G_PI);
          cairo_set_line_width (cr, 1.6);
          set_rgba (cr, &st->risk);
          cairo_stroke (cr);
          cairo_set_line_width (cr, 1);
          break;
        case LEGEND_NOT_SHARED:
          chrono_timeline_shape_path (cr, CHRONO_KIND_CONTACT, x, y, size);
          set_rgba (cr, &neutral);
          cairo_fill_preserve (cr);
          set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          {
            double cx = x + size * 0.55, cy = y + size * 0.55, a = 2.2;

            cairo_move_to (cr, cx - a, cy - a);
            cairo_line_to (cr, cx + a, cy + a);
            cairo_move_to (cr, cx + a, cy - a);
            cairo_line_to (cr, cx - a, cy + a);
            cairo_set_line_width (cr, 1.5);
            set_rgba (cr, &st->text);
            cairo_stroke (cr);
            cairo_set_line_width (cr, 1);
          }
          break;
        case LEGEND_CLUSTER:
          rect_path (self, cr, x - icon / 2, y - size * 0.65, x + icon / 2, y + size * 0.65);
          set_rgba (cr, &neutral_dark);
          cairo_fill (cr);
          rect_path (self, cr, x - icon / 2 + 1, y - size * 0.65 + 1, x + icon / 2 - 1,
                     y + size * 0.65 - 1);
          {
            ChronoRgba light_fill = mix (&neutral, &st->background, 0.5);
            set_rgba (cr, &light_fill);
          }
          cairo_fill (cr);
          draw_text (self, cr, FONT_COUNT, "12", x, y, -1, &st->text, ALIGN_CENTRE);
          break;
        case LEGEND_SCOPE:
          rect_path (self, cr, x - icon / 2, y - size * 0.6, x + icon / 2, y + size * 0.6);
          set_rgba (cr, &st->scope_background[1]);
          cairo_fill (cr);
          hline_path (self, cr, x - icon / 2, x + icon / 2, y + size * 0.6, 2);
          set_rgba (cr, &st->scope_marker);
          cairo_fill (cr);
          break;
        case LEGEND_KEY_DATE:
          vline_path (self, cr, x, y - size * 0.7, y + size * 0.7, 2);
          set_rgba (cr, &st->key_date);
          cairo_fill (cr);
          break;
        default:
          break;
        }
      draw_text (self, cr, FONT_SMALL, item->text, text_x, y, -1, &st->text, ALIGN_LEFT);
    }
  cairo_restore (cr);
}

static void
update_device_scale (ChronoTimelinePainter *self,
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
  update_device_scale (self, cr);
  ticks = chrono_time_scale_compute_ticks (&list->scale, text_width (self, FONT_AXIS, "0"));

  cairo_save (cr);
  paint_background (self, cr, list, ticks);
  chrono_timeline_painter_paint_events (self, cr, marks, list);
  chrono_timeline_painter_paint_headers (self, cr, marks, list);
  paint_axis (self, cr, list, ticks);
  if (self->show_legend)
    chrono_timeline_painter_paint_legend (self, cr, list);
  cairo_restore (cr);
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
      const TextRun *run = &g_array_index (runs, TextRun, i);
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
      runs = g_array_new (FALSE, TRUE, sizeof (TextRun));
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
