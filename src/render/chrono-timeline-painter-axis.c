/* chrono-timeline-painter-axis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-painter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "chrono-timeline-painter-private.h"

/* Axis rows: context (years), ticks (months), annotations (scope, key dates). */
double
_chrono_painter_context_row_height (ChronoTimelinePainter *self)
{
  return round (self->font_size * 1.75);
}

double
_chrono_painter_tick_row_height (ChronoTimelinePainter *self)
{
  return round (self->font_size * 1.6);
}

double
_chrono_painter_annotation_row_height (ChronoTimelinePainter *self)
{
  return (self->has_scope || self->key_dates->len > 0) ? round (self->font_size * 1.7) : 0;
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
  gboolean scope = _chrono_painter_scope_span (self, dl, &sx0, &sx1);

  if (scope)
    {
      _chrono_painter_rect_path (self, cr, sx0, top + 3, sx1, top + height - 3);
      _chrono_set_rgba (cr, &st->scope_background[1]);
      cairo_fill (cr);
      _chrono_painter_hline_path (self, cr, sx0, sx1, top + height - 3, 2);
      _chrono_set_rgba (cr, &st->scope_marker);
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
          _chrono_painter_rect_path (self, cr, kx0, top, kx1, top + height);
          _chrono_set_rgba_alpha (cr, &st->key_date, 0.18);
          cairo_fill (cr);
        }
      _chrono_painter_vline_path (self, cr, line_x[i], top, top + height, 2);
      _chrono_set_rgba (cr, &st->key_date);
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
      lw = _chrono_painter_text_width (self, FONT_KEY, k->label);
      if (lx + 5 + lw <= x1 && is_free (taken, lx + 3, lx + 7 + lw))
        left = lx + 5, width = lw;
      else if (lx - 5 - lw >= x0 && is_free (taken, lx - 7 - lw, lx - 3))
        left = lx - 5 - lw, width = lw;
      else if (room_after (taken, lx + 3, x1) >= 48)
        left = lx + 5, width = room_after (taken, lx + 3, x1) - 6;
      else
        continue;

      _chrono_painter_rect_path (self, cr, left - 2, top + 2, left + width + 2, top + height - 2);
      _chrono_set_rgba (cr, &st->axis_background);
      cairo_fill (cr);
      _chrono_painter_draw_text (self, cr, FONT_KEY, k->label, left, mid, width + 1, &st->key_date,
                                 ALIGN_LEFT);
      take (taken, left - 2, left + width + 2);
    }

  if (scope)
    {
      const char *text = _("Review period");
      double w = _chrono_painter_text_width (self, FONT_SMALL, text);
      double left = sx0 + 6;

      /* Anywhere along the period where it fits. */
      while (left + w + 4 <= sx1 && !is_free (taken, left - 2, left + w + 2))
        left += 8;
      if (left + w + 4 <= sx1)
        _chrono_painter_draw_text (self, cr, FONT_SMALL, text, left, mid, -1, &st->text_secondary,
                                   ALIGN_LEFT);
    }
}

void
_chrono_painter_paint_axis (ChronoTimelinePainter   *self,
                            cairo_t                 *cr,
                            const ChronoDisplayList *dl,
                            const ChronoTicks       *ticks)
{
  const ChronoTimelineStyle *st = self->style;
  double ctx_h = _chrono_painter_context_row_height (self);
  double tick_h = _chrono_painter_tick_row_height (self);
  double ann_h = _chrono_painter_annotation_row_height (self);
  double axis_h = dl->data_y0;
  double x0 = dl->data_x0, x1 = dl->data_x1;

  _chrono_set_rgba (cr, &st->axis_background);
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
    _chrono_painter_draw_text (self, cr, FONT_AXIS, range, 12, ctx_h + tick_h / 2, x0 - 20,
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
        _chrono_painter_vline_path (self, cr, t->x, 0, ctx_h + tick_h, 1);
    }
  _chrono_set_rgba (cr, &st->grid_major);
  cairo_fill (cr);
  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);
      double left = MAX (t->x, x0) + 6, right = MIN (t->end_x, x1) - 4;
      double w = _chrono_painter_text_width (self, FONT_CONTEXT, t->label);

      if (right - left >= w)
        _chrono_painter_draw_text (self, cr, FONT_CONTEXT, t->label, left, ctx_h / 2 + 1, -1,
                                   &st->text, ALIGN_LEFT);
    }

  /* Tick row. */
  cairo_new_path (cr);
  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);

      if (t->x >= x0 && t->x <= x1)
        _chrono_painter_vline_path (self, cr, t->x, ctx_h, ctx_h + tick_h, 1);
    }
  _chrono_set_rgba (cr, &st->grid_major);
  cairo_fill (cr);
  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);
      double w = _chrono_painter_text_width (self, FONT_AXIS, t->label);

      if (t->end_x - t->x >= w + 8 && t->x + 4 >= x0 - w && t->x < x1)
        _chrono_painter_draw_text (self, cr, FONT_AXIS, t->label, t->x + 4, ctx_h + tick_h / 2, -1,
                                   &st->text_secondary, ALIGN_LEFT);
    }

  /* Annotations: the review period and the key dates. */
  if (ann_h > 0)
    paint_annotations (self, cr, dl, ctx_h + tick_h, ann_h);
  cairo_restore (cr);

  _chrono_painter_hline_path (self, cr, 0, dl->width, axis_h - 0.5, 1);
  _chrono_set_rgba (cr, &st->separator);
  cairo_fill (cr);
  _chrono_painter_vline_path (self, cr, x0 - 0.5, 0, axis_h, 1);
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

  ticks = chrono_time_scale_compute_ticks (&list->scale,
                                           _chrono_painter_text_width (self, FONT_AXIS, "0"));
  _chrono_painter_paint_axis (self, cr, list, ticks);
}
