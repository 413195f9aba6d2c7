/* chrono-timeline-painter-legend.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-painter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "chrono-timeline-painter-private.h"

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

/* Lays the legend out in rows across @width; returns its height. */
double
_chrono_painter_legend_flow (ChronoTimelinePainter *self,
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

  x += _chrono_painter_text_width (self, FONT_KEY, _("Key")) + 14;
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
          _chrono_painter_text_width (self, FONT_SMALL, item.text) + 16;
      if (x + w > width - 8 && x > 120)
        {
          x = 12 + _chrono_painter_text_width (self, FONT_KEY, _("Key")) + 14;
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
  neutral = _chrono_mix (&st->text_secondary, &st->background, 0.35);
  neutral_dark = _chrono_painter_line_of (self, &neutral);

  cairo_save (cr);
  cairo_rectangle (cr, 0, top, list->width, list->height - top);
  cairo_clip (cr);
  _chrono_set_rgba (cr, &st->axis_background);
  cairo_paint (cr);
  _chrono_painter_hline_path (self, cr, 0, list->width, top + 0.5, 1);
  _chrono_set_rgba (cr, &st->separator);
  cairo_fill (cr);

  _chrono_painter_legend_flow (self, list->width, items);
  if (items->len > 0)
    _chrono_painter_draw_text (self, cr, FONT_KEY, _("Key"), 12,
                               top + g_array_index (items, LegendItem, 0).y, -1, &st->text,
                               ALIGN_LEFT);

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
          _chrono_set_rgba (cr, &neutral);
          cairo_fill_preserve (cr);
          _chrono_set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          break;
        case LEGEND_APPROX:
          chrono_timeline_shape_path (cr, CHRONO_KIND_CONTACT, x, y, size * 0.9);
          _chrono_set_rgba (cr, &st->background);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, 1.6);
          _chrono_set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          _chrono_painter_tilde_path (cr, x + size * 0.62, y - size * 0.55, size * 0.5);
          cairo_set_line_width (cr, 1.3);
          _chrono_set_rgba (cr, &st->text);
          cairo_stroke (cr);
          cairo_set_line_width (cr, 1);
          break;
        case LEGEND_BAND:
          cairo_rectangle (cr, x - icon + 1, y - size * 0.25, 2 * icon - 2, size * 0.5);
          _chrono_set_rgba_alpha (cr, &neutral, 0.5);
          cairo_fill (cr);
          cairo_move_to (cr, _chrono_snap (self, x - icon + 1) + 0.5, y - size * 0.25 - 3);
          cairo_line_to (cr, _chrono_snap (self, x - icon + 1) + 0.5, y + size * 0.25 + 3);
          cairo_move_to (cr, _chrono_snap (self, x + icon - 1) - 0.5, y - size * 0.25 - 3);
          cairo_line_to (cr, _chrono_snap (self, x + icon - 1) - 0.5, y + size * 0.25 + 3);
          cairo_move_to (cr, x - icon + 1, _chrono_snap (self, y) + 0.5);
          cairo_line_to (cr, x + icon - 1, _chrono_snap (self, y) + 0.5);
          _chrono_set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          chrono_timeline_shape_path (cr, CHRONO_KIND_CONTACT, x, y, size);
          _chrono_set_rgba (cr, &neutral);
          cairo_fill_preserve (cr);
          _chrono_set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          break;
        case LEGEND_SPAN:
          cairo_rectangle (cr, _chrono_snap (self, x - icon + 1) + 0.5,
                           _chrono_snap (self, y - size * 0.3) + 0.5,
                           _chrono_snap (self, 2 * icon - 2) - 1,
                           _chrono_snap (self, size * 0.6) - 1);
          _chrono_set_rgba (cr, &neutral);
          cairo_fill_preserve (cr);
          _chrono_set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          chrono_timeline_shape_path (cr, CHRONO_KIND_CUSTODY, x - icon + 1 + size / 2, y, size);
          _chrono_set_rgba (cr, &neutral);
          cairo_fill_preserve (cr);
          _chrono_set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          break;
        case LEGEND_RISK:
          chrono_timeline_shape_path (cr, CHRONO_KIND_CONTACT, x, y, size);
          _chrono_set_rgba (cr, &neutral);
          cairo_fill_preserve (cr);
          _chrono_set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, size * 0.5 + 2.2, 0, 2 * G_PI);
          cairo_set_line_width (cr, 1.6);
          _chrono_set_rgba (cr, &st->risk);
          cairo_stroke (cr);
          cairo_set_line_width (cr, 1);
          break;
        case LEGEND_NOT_SHARED:
          chrono_timeline_shape_path (cr, CHRONO_KIND_CONTACT, x, y, size);
          _chrono_set_rgba (cr, &neutral);
          cairo_fill_preserve (cr);
          _chrono_set_rgba (cr, &neutral_dark);
          cairo_stroke (cr);
          {
            double cx = x + size * 0.55, cy = y + size * 0.55, a = 2.2;

            cairo_move_to (cr, cx - a, cy - a);
            cairo_line_to (cr, cx + a, cy + a);
            cairo_move_to (cr, cx + a, cy - a);
            cairo_line_to (cr, cx - a, cy + a);
            cairo_set_line_width (cr, 1.5);
            _chrono_set_rgba (cr, &st->text);
            cairo_stroke (cr);
            cairo_set_line_width (cr, 1);
          }
          break;
        case LEGEND_CLUSTER:
          _chrono_painter_rect_path (self, cr, x - icon / 2, y - size * 0.65, x + icon / 2,
                                     y + size * 0.65);
          _chrono_set_rgba (cr, &neutral_dark);
          cairo_fill (cr);
          _chrono_painter_rect_path (self, cr, x - icon / 2 + 1, y - size * 0.65 + 1,
                                     x + icon / 2 - 1, y + size * 0.65 - 1);
          {
            ChronoRgba light_fill = _chrono_mix (&neutral, &st->background, 0.5);
            _chrono_set_rgba (cr, &light_fill);
          }
          cairo_fill (cr);
          _chrono_painter_draw_text (self, cr, FONT_COUNT, "12", x, y, -1, &st->text, ALIGN_CENTRE);
          break;
        case LEGEND_SCOPE:
          _chrono_painter_rect_path (self, cr, x - icon / 2, y - size * 0.6, x + icon / 2,
                                     y + size * 0.6);
          _chrono_set_rgba (cr, &st->scope_background[1]);
          cairo_fill (cr);
          _chrono_painter_hline_path (self, cr, x - icon / 2, x + icon / 2, y + size * 0.6, 2);
          _chrono_set_rgba (cr, &st->scope_marker);
          cairo_fill (cr);
          break;
        case LEGEND_KEY_DATE:
          _chrono_painter_vline_path (self, cr, x, y - size * 0.7, y + size * 0.7, 2);
          _chrono_set_rgba (cr, &st->key_date);
          cairo_fill (cr);
          break;
        default:
          break;
        }
      _chrono_painter_draw_text (self, cr, FONT_SMALL, item->text, text_x, y, -1, &st->text,
                                 ALIGN_LEFT);
    }
  cairo_restore (cr);
}
