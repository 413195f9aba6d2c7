/* chrono-timeline-shapes.c: render nodes for the timeline's pieces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-view"

#include "config.h"

#include <math.h>

#include "chrono-timeline-shapes.h"

/* Text is shaped once per string, font, width and colour with the view's one
 * PangoLayout, and kept as a text node.  Squares, diamonds (squares turned)
 * and crosses are colour nodes; the marks whose shape is a path are drawn
 * with Cairo once per kind, colour, size and scale into a texture node that
 * every mark of the kind then shares. */

typedef struct
{
  GskRenderNode *node;    /* NULL for empty text */
  int            width;
  int            height;
} TextNode;

#define MAX_TEXT_NODES 4000
#define MAX_SPRITES    2000

static void
text_node_free (gpointer data)
{
  TextNode *text = data;

  g_clear_pointer (&text->node, gsk_render_node_unref);
  g_free (text);
}

GdkRGBA
chrono_draw_rgba (const ChronoRgba *colour,
                  double            alpha)
{
  return (GdkRGBA) { colour->red, colour->green, colour->blue, colour->alpha * alpha };
}

ChronoRgba
chrono_draw_mix (const ChronoRgba *a,
                 const ChronoRgba *b,
                 double            t)
{
  return (ChronoRgba) {
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    a->alpha + (b->alpha - a->alpha) * t,
  };
}

ChronoRgba
chrono_draw_outline (const ChronoDraw *d,
                     const ChronoRgba *fill)
{
  static const ChronoRgba black = { 0, 0, 0, 1 };

  return chrono_draw_mix (fill, &black, d->st->outline_darken);
}

ChronoRgba
chrono_draw_line_colour (const ChronoDraw *d,
                         const ChronoRgba *fill)
{
  const ChronoRgba *bg = &d->st->background;

  if (0.2126 * bg->red + 0.7152 * bg->green + 0.0722 * bg->blue < 0.4)
    return *fill;
  return chrono_draw_outline (d, fill);
}

double
chrono_draw_snap (const ChronoDraw *d,
                  double            v)
{
  return round (v * d->scale) / d->scale;
}

void
chrono_draw_fill (ChronoDraw    *d,
                  double         x0,
                  double         y0,
                  double         x1,
                  double         y1,
                  const GdkRGBA *colour)
{
  x0 = chrono_draw_snap (d, x0);
  y0 = chrono_draw_snap (d, y0);
  x1 = chrono_draw_snap (d, x1);
  y1 = chrono_draw_snap (d, y1);
  if (x1 > x0 && y1 > y0 && colour->alpha > 0)
    gtk_snapshot_append_color (d->snapshot, colour, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
}

static double
line_width (const ChronoDraw *d,
            double            width)
{
  return MAX (round (width * d->scale), 1) / d->scale;
}

void
chrono_draw_vline (ChronoDraw    *d,
                   double         x,
                   double         y0,
                   double         y1,
                   double         width,
                   const GdkRGBA *colour)
{
  double w = line_width (d, width);
  double sx = chrono_draw_snap (d, x - w / 2);

  y0 = chrono_draw_snap (d, y0);
  y1 = chrono_draw_snap (d, y1);
  if (y1 > y0)
    gtk_snapshot_append_color (d->snapshot, colour, &GRAPHENE_RECT_INIT (sx, y0, w, y1 - y0));
}

void
chrono_draw_hline (ChronoDraw    *d,
                   double         x0,
                   double         x1,
                   double         y,
                   double         width,
                   const GdkRGBA *colour)
{
  double w = line_width (d, width);
  double sy = chrono_draw_snap (d, y - w / 2);

  x0 = chrono_draw_snap (d, x0);
  x1 = chrono_draw_snap (d, x1);
  if (x1 > x0)
    gtk_snapshot_append_color (d->snapshot, colour, &GRAPHENE_RECT_INIT (x0, sy, x1 - x0, w));
}

void
chrono_draw_dashed_vline (ChronoDraw    *d,
                          double         x,
                          double         y0,
                          double         y1,
                          double         dash,
                          double         gap,
                          const GdkRGBA *colour)
{
  for (double y = y0; y < y1; y += dash + gap)
    chrono_draw_vline (d, x, y, MIN (y + dash, y1), 1, colour);
}

void
chrono_draw_dashed_hline (ChronoDraw    *d,
                          double         x0,
                          double         x1,
                          double         y,
                          double         lo,
                          double         hi,
                          const GdkRGBA *colour)
{
  const double period = 5, dash = 3;
  double start = x0;

  /* Only the dashes in view: a month can be many screens wide. */
  if (lo > x0)
    start = x0 + floor ((lo - x0) / period) * period;
  x1 = MIN (x1, hi);
  for (double x = start; x < x1; x += period)
    chrono_draw_hline (d, x, MIN (x + dash, x1), y, 1, colour);
}

void
chrono_draw_frame (ChronoDraw    *d,
                   double         x0,
                   double         y0,
                   double         x1,
                   double         y1,
                   double         width,
                   const GdkRGBA *colour)
{
  double w = line_width (d, width);
  GskRoundedRect rect;

  x0 = chrono_draw_snap (d, x0);
  y0 = chrono_draw_snap (d, y0);
  x1 = chrono_draw_snap (d, x1);
  y1 = chrono_draw_snap (d, y1);
  if (x1 - x0 < 2 * w || y1 - y0 < 2 * w)
    {
      chrono_draw_fill (d, x0, y0, MAX (x1, x0 + w), MAX (y1, y0 + w), colour);
      return;
    }
  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0), 0);
  gtk_snapshot_append_border (d->snapshot, &rect, (float[4]) { w, w, w, w },
                              (GdkRGBA[4]) { *colour, *colour, *colour, *colour });
}

void
chrono_draw_ring (ChronoDraw    *d,
                  double         x,
                  double         y,
                  double         radius,
                  double         width,
                  const GdkRGBA *colour)
{
  GskRoundedRect rect;
  float w = (float) MIN (width, radius);

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x - radius, y - radius, 2 * radius, 2 * radius),
                                   (float) radius);
  gtk_snapshot_append_border (d->snapshot, &rect, (float[4]) { w, w, w, w },
                              (GdkRGBA[4]) { *colour, *colour, *colour, *colour });
}

static const TextNode *
text_node (ChronoTimelineView *self,
           ChronoFont          font,
           const char         *text,
           int                 max_width,
           const ChronoRgba   *colour)
{
  static GString *key;
  GdkRGBA rgba = chrono_draw_rgba (colour, 1);
  TextNode *entry;

  if (key == NULL)
    key = g_string_new (NULL);
  g_string_printf (key, "%d|%d|%.3f,%.3f,%.3f|%s", font, max_width, rgba.red, rgba.green, rgba.blue, text);
  entry = g_hash_table_lookup (self->text_nodes, key->str);
  if (entry == NULL)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (g_hash_table_size (self->text_nodes) > MAX_TEXT_NODES)
        g_hash_table_remove_all (self->text_nodes);
      pango_layout_set_font_description (self->text, self->fonts[font]);
      pango_layout_set_width (self->text, max_width > 0 ? max_width * PANGO_SCALE : -1);
      pango_layout_set_text (self->text, text, -1);
      entry = g_new0 (TextNode, 1);
      pango_layout_get_pixel_size (self->text, &entry->width, &entry->height);
      gtk_snapshot_append_layout (snapshot, self->text, &rgba);
      entry->node = gtk_snapshot_free_to_node (snapshot);
      g_hash_table_insert (self->text_nodes, g_strdup (key->str), entry);
    }
  return entry;
}

double
chrono_draw_text_width (ChronoTimelineView *self,
                        ChronoFont          font,
                        const char         *text)
{
  static const ChronoRgba black = { 0, 0, 0, 1 };

  return text_node (self, font, text, -1, &black)->width;
}

static const TextNode *
fitted_text (ChronoDraw       *d,
             ChronoFont        font,
             const char       *text,
             double            max_width,
             const ChronoRgba *colour)
{
  const TextNode *entry;

  if (text == NULL || *text == '\0' || (max_width > 0 && max_width < 8))
    return NULL;
  entry = text_node (d->self, font, text, -1, colour);
  /* Widths in steps of 8 pixels: labels change width with every zoom. */
  if (max_width > 0 && entry->width > max_width)
    entry = text_node (d->self, font, text, (int) floor (max_width / 8) * 8, colour);
  return entry->node != NULL ? entry : NULL;
}

double
chrono_draw_text (ChronoDraw       *d,
                  ChronoFont        font,
                  const char       *text,
                  double            x,
                  double            y,
                  double            max_width,
                  const ChronoRgba *colour,
                  ChronoAlign       align)
{
  const TextNode *entry = fitted_text (d, font, text, max_width, colour);
  double left, top;

  if (entry == NULL)
    return 0;
  left = align == CHRONO_ALIGN_LEFT ? x : align == CHRONO_ALIGN_CENTRE ? x - entry->width / 2.0
                                                                       : x - entry->width;
  top = y - entry->height / 2.0;
  gtk_snapshot_save (d->snapshot);
  gtk_snapshot_translate (d->snapshot, &GRAPHENE_POINT_INIT (chrono_draw_snap (d, left),
                                                             chrono_draw_snap (d, top)));
  gtk_snapshot_append_node (d->snapshot, entry->node);
  gtk_snapshot_restore (d->snapshot);
  return entry->width;
}

void
chrono_draw_label (ChronoDraw       *d,
                   const char       *text,
                   double            x,
                   double            y,
                   double            max_width,
                   const GdkRGBA    *backdrop)
{
  const TextNode *entry;
  double width, top;

  if (text == NULL || *text == '\0' || max_width < 16)
    return;
  /* Shaped once, whole: a label narrower than its text is cut and fades
   * out, rather than shaped again for every width a zoom goes through. */
  entry = text_node (d->self, CHRONO_FONT_SMALL, text, -1, &d->st->text);
  if (entry->node == NULL)
    return;
  width = MIN (entry->width, max_width);
  top = chrono_draw_snap (d, y - entry->height / 2.0);
  chrono_draw_fill (d, x - 2, top, x + width + 2, top + entry->height, backdrop);
  gtk_snapshot_push_clip (d->snapshot, &GRAPHENE_RECT_INIT (x, top, width, entry->height));
  gtk_snapshot_save (d->snapshot);
  gtk_snapshot_translate (d->snapshot, &GRAPHENE_POINT_INIT (chrono_draw_snap (d, x), top));
  gtk_snapshot_append_node (d->snapshot, entry->node);
  gtk_snapshot_restore (d->snapshot);
  if (entry->width > max_width)
    {
      GdkRGBA clear = *backdrop;
      double fade = MIN (24, width / 2);

      clear.alpha = 0;
      gtk_snapshot_append_linear_gradient (d->snapshot,
                                           &GRAPHENE_RECT_INIT (x + width - fade, top, fade, entry->height),
                                           &GRAPHENE_POINT_INIT (x + width - fade, top),
                                           &GRAPHENE_POINT_INIT (x + width, top),
                                           (GskColorStop[2]) { { 0, clear }, { 1, *backdrop } }, 2);
    }
  gtk_snapshot_pop (d->snapshot);
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

static void
set_source (cairo_t          *cr,
            const ChronoRgba *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

/* The shape of @kind centred on (0, 0), drawn once with Cairo at the
 * screen's scale into a texture node that every such mark shares: on
 * screen a copy of its pixels (a blit in software, one quad with GL). */
static GskRenderNode *
sprite (ChronoDraw       *d,
        guint             kind,
        gboolean          approx,
        double            size,
        const ChronoRgba *fill)
{
  GdkRGBA c = chrono_draw_rgba (fill, 1);
  gint64 key = (gint64) ((guint64) (c.red * 255) | (guint64) (c.green * 255) << 8 |
                         (guint64) (c.blue * 255) << 16 | (guint64) (kind & 0x1f) << 24 |
                         (guint64) approx << 29 | (guint64) d->self->theme << 30 |
                         (guint64) MIN (size * 8, 4095) << 32 | (guint64) MIN (d->scale, 15) << 44);
  GskRenderNode *node = g_hash_table_lookup (d->self->sprites, &key);

  if (node == NULL)
    {
      double r = ceil (size * 0.95 + 4);
      int n = (int) (2 * r * d->scale);
      ChronoRgba dark = chrono_draw_outline (d, fill);
      ChronoRgba line = chrono_draw_line_colour (d, fill);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, n, n);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      cairo_t *cr;

      if (g_hash_table_size (d->self->sprites) > MAX_SPRITES)
        g_hash_table_remove_all (d->self->sprites);
      cairo_surface_set_device_scale (surface, d->scale, d->scale);
      cr = cairo_create (surface);
      cairo_translate (cr, r, r);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (kind >= CHRONO_N_KINDS)
        {
          /* The disclosure triangle: kind - CHRONO_N_KINDS is "collapsed". */
          double s = size / 2;

          if (kind > CHRONO_N_KINDS)
            {
              cairo_move_to (cr, -s * 0.5, -s);
              cairo_line_to (cr, s * 0.7, 0);
              cairo_line_to (cr, -s * 0.5, s);
            }
          else
            {
              cairo_move_to (cr, -s, -s * 0.5);
              cairo_line_to (cr, s, -s * 0.5);
              cairo_line_to (cr, 0, s * 0.7);
            }
          cairo_close_path (cr);
          set_source (cr, fill);
          cairo_fill (cr);
        }
      else if (approx)
        {
          /* Approximate: hollow, with a tilde. */
          chrono_timeline_shape_path (cr, kind, 0, 0, size * 0.9);
          set_source (cr, &d->st->background);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, MAX (d->st->outline_width, 1.6));
          set_source (cr, &line);
          cairo_stroke (cr);
          tilde_path (cr, size * 0.62, -size * 0.55, size * 0.5);
          cairo_set_line_width (cr, 1.3);
          set_source (cr, &d->st->text);
          cairo_stroke (cr);
        }
      else
        {
          chrono_timeline_shape_path (cr, kind, 0, 0, size);
          set_source (cr, fill);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, d->st->outline_width);
          set_source (cr, &dark);
          cairo_stroke (cr);
        }
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                           (gsize) cairo_image_surface_get_stride (surface) * n);
      texture = gdk_memory_texture_new (n, n, GDK_MEMORY_DEFAULT, bytes,
                                        (gsize) cairo_image_surface_get_stride (surface));
      cairo_surface_destroy (surface);
      node = gsk_texture_node_new (texture, &GRAPHENE_RECT_INIT (-r, -r, 2 * r, 2 * r));
      g_hash_table_insert (d->self->sprites, g_memdup2 (&key, sizeof key), node);
    }
  return node;
}

static void
append_sprite (ChronoDraw    *d,
               GskRenderNode *node,
               double         x,
               double         y)
{
  gtk_snapshot_save (d->snapshot);
  gtk_snapshot_translate (d->snapshot, &GRAPHENE_POINT_INIT (chrono_draw_snap (d, x),
                                                             chrono_draw_snap (d, y)));
  gtk_snapshot_append_node (d->snapshot, node);
  gtk_snapshot_restore (d->snapshot);
}

/* A square turned by 45°, @half its half-diagonal. */
static void
diamond (ChronoDraw    *d,
         double         x,
         double         y,
         double         half,
         const GdkRGBA *colour)
{
  double side = half * G_SQRT2;

  gtk_snapshot_save (d->snapshot);
  gtk_snapshot_translate (d->snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_rotate (d->snapshot, 45);
  gtk_snapshot_append_color (d->snapshot, colour, &GRAPHENE_RECT_INIT (-side / 2, -side / 2, side, side));
  gtk_snapshot_restore (d->snapshot);
}

/* Two bars crossing at (@x, @y), turned by @angle. */
static void
cross (ChronoDraw    *d,
       double         x,
       double         y,
       double         arm,
       double         width,
       double         angle,
       const GdkRGBA *colour)
{
  gtk_snapshot_save (d->snapshot);
  gtk_snapshot_translate (d->snapshot, &GRAPHENE_POINT_INIT (x, y));
  if (angle != 0)
    gtk_snapshot_rotate (d->snapshot, angle);
  gtk_snapshot_append_color (d->snapshot, colour, &GRAPHENE_RECT_INIT (-arm, -width / 2, 2 * arm, width));
  gtk_snapshot_append_color (d->snapshot, colour, &GRAPHENE_RECT_INIT (-width / 2, -arm, width, 2 * arm));
  gtk_snapshot_restore (d->snapshot);
}

void
chrono_draw_mark (ChronoDraw       *d,
                  guint             kind,
                  guint             flags,
                  double            x,
                  double            y,
                  double            size,
                  const ChronoRgba *fill)
{
  ChronoRgba dark = chrono_draw_outline (d, fill);
  GdkRGBA outline = chrono_draw_rgba (&dark, 1);
  GdkRGBA inside = chrono_draw_rgba (fill, 1);
  double r = size / 2, w = MAX (d->st->outline_width, d->px);

  x = chrono_draw_snap (d, x);
  y = chrono_draw_snap (d, y);
  if (flags & CHRONO_MARK_APPROX)
    append_sprite (d, sprite (d, kind, TRUE, size, fill), x, y);
  else
    {
      switch (kind)
        {
        case CHRONO_KIND_MEETING:
          chrono_draw_fill (d, x - 0.8 * r - w / 2, y - 0.8 * r - w / 2, x + 0.8 * r + w / 2,
                            y + 0.8 * r + w / 2, &outline);
          chrono_draw_fill (d, x - 0.8 * r + w / 2, y - 0.8 * r + w / 2, x + 0.8 * r - w / 2,
                            y + 0.8 * r - w / 2, &inside);
          break;

        case CHRONO_KIND_ASSESSMENT:
          diamond (d, x, y, 1.1 * r + w * 0.7, &outline);
          diamond (d, x, y, 1.1 * r - w * 0.7, &inside);
          break;

        case CHRONO_KIND_ADMISSION:
          cross (d, x, y, r + w / 2, 0.68 * r + w, 0, &outline);
          cross (d, x, y, r - w / 2, 0.68 * r - w, 0, &inside);
          break;

        default:
          append_sprite (d, sprite (d, kind, FALSE, size, fill), x, y);
          break;
        }
    }

  if (flags & CHRONO_MARK_RISK_HIGH)
    {
      GdkRGBA risk = chrono_draw_rgba (&d->st->risk, 1);

      /* High risk: a ring. */
      chrono_draw_ring (d, x, y, r + 3, 1.6, &risk);
    }
  if (flags & CHRONO_MARK_NOT_SHARED)
    {
      GdkRGBA text = chrono_draw_rgba (&d->st->text, 1);

      /* Not shared: a small cross below right. */
      cross (d, x + size * 0.55, y + size * 0.55, 2.2 * G_SQRT2, 1.5, 45, &text);
    }
}

void
chrono_draw_disclosure (ChronoDraw *d,
                        double      x,
                        double      y,
                        double      size,
                        gboolean    collapsed)
{
  append_sprite (d, sprite (d, CHRONO_N_KINDS + (collapsed ? 1 : 0), FALSE, size, &d->st->text_secondary),
                 x, y);
}

void
_chrono_timeline_view_setup_fonts (ChronoTimelineView *self)
{
  static const struct { double scale; PangoWeight weight; } specs[CHRONO_N_FONTS] = {
    [CHRONO_FONT_LANE] = { 1.0, PANGO_WEIGHT_BOLD },
    [CHRONO_FONT_UNIT] = { 0.92, PANGO_WEIGHT_NORMAL },
    [CHRONO_FONT_CONTEXT] = { 1.0, PANGO_WEIGHT_BOLD },
    [CHRONO_FONT_AXIS] = { 0.92, PANGO_WEIGHT_NORMAL },
    [CHRONO_FONT_SMALL] = { 0.92, PANGO_WEIGHT_NORMAL },
    [CHRONO_FONT_KEY] = { 0.92, PANGO_WEIGHT_BOLD },
    [CHRONO_FONT_COUNT] = { 0.8, PANGO_WEIGHT_BOLD },
  };
  const PangoFontDescription *base;
  const char *family = NULL;

  base = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  if (base != NULL)
    family = pango_font_description_get_family (base);

  for (guint f = 0; f < CHRONO_N_FONTS; f++)
    {
      g_clear_pointer (&self->fonts[f], pango_font_description_free);
      self->fonts[f] = pango_font_description_new ();
      pango_font_description_set_family (self->fonts[f], family != NULL ? family : "Sans");
      pango_font_description_set_absolute_size (self->fonts[f],
                                                round (self->font_size * specs[f].scale) * PANGO_SCALE);
      pango_font_description_set_weight (self->fonts[f], specs[f].weight);
    }
  if (self->text == NULL)
    {
      self->text = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_single_paragraph_mode (self->text, TRUE);
      pango_layout_set_ellipsize (self->text, PANGO_ELLIPSIZE_END);
    }
  else
    pango_layout_context_changed (self->text);
  _chrono_timeline_view_clear_caches (self);
  _chrono_timeline_view_invalidate (self);
}

void
_chrono_timeline_view_clear_caches (ChronoTimelineView *self)
{
  g_clear_pointer (&self->lanes_node, gsk_render_node_unref);
  g_clear_pointer (&self->axis_node, gsk_render_node_unref);
  g_clear_pointer (&self->headers_node, gsk_render_node_unref);
  if (self->text_nodes != NULL)
    g_hash_table_remove_all (self->text_nodes);
  if (self->sprites != NULL)
    g_hash_table_remove_all (self->sprites);
}

GHashTable *
chrono_draw_text_cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, text_node_free);
}
