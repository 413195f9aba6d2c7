/* chrono-timeline-style.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-style"

#include "config.h"

#include <math.h>

#include "chrono-timeline-style.h"

#define RGB(hex) \
  { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

/* Paul Tol's "muted" scheme, for light backgrounds. */
static const ChronoRgba muted[] = {
  RGB (0xCC6677), RGB (0x332288), RGB (0xDDCC77), RGB (0x117733), RGB (0x88CCEE),
  RGB (0x882255), RGB (0x44AA99), RGB (0x999933), RGB (0xAA4499),
};
/* Paul Tol's "light" scheme, for dark backgrounds. */
static const ChronoRgba light[] = {
  RGB (0x77AADD), RGB (0xEE8866), RGB (0xEEDD88), RGB (0xFFAABB), RGB (0x99DDFF),
  RGB (0x44BB99), RGB (0xBBCC33), RGB (0xAAAA00), RGB (0xDDDDDD),
};
/* Okabe–Ito, without black (outlines are black in high contrast). */
static const ChronoRgba okabe_ito[] = {
  RGB (0xE69F00), RGB (0x56B4E9), RGB (0x009E73), RGB (0xF0E442), RGB (0x0072B2),
  RGB (0xD55E00), RGB (0xCC79A7), RGB (0x999999),
};

static const ChronoTimelineStyle styles[] = {
  [CHRONO_TIMELINE_THEME_LIGHT] = {
    .background = RGB (0xFFFFFF),
    .lane_background = { RGB (0xFFFFFF), RGB (0xF3F4F6) },
    .scope_background = { RGB (0xFFF6DF), RGB (0xF7EDD3) },
    .header_background = { RGB (0xFAFAFB), RGB (0xEEEFF2) },
    .axis_background = RGB (0xFAFAFB),
    .text = RGB (0x1C1C20),
    .text_secondary = RGB (0x5A5B63),
    .grid = RGB (0xE4E5E9),
    .grid_major = RGB (0xC4C6CC),
    .separator = RGB (0xBDBFC6),
    .scope_marker = RGB (0xB8902A),
    .key_date = RGB (0xB2182B),
    .risk = RGB (0xCC3311),
    .outline_darken = 0.5,
    .outline_width = 1.0,
    .palette = muted,
    .n_palette = G_N_ELEMENTS (muted),
  },
  [CHRONO_TIMELINE_THEME_DARK] = {
    .background = RGB (0x1E1E22),
    .lane_background = { RGB (0x1E1E22), RGB (0x26272C) },
    .scope_background = { RGB (0x2E2B21), RGB (0x353126) },
    .header_background = { RGB (0x232328), RGB (0x2B2C31) },
    .axis_background = RGB (0x232328),
    .text = RGB (0xEDEDF0),
    .text_secondary = RGB (0xA9AAB2),
    .grid = RGB (0x303137),
    .grid_major = RGB (0x4A4B53),
    .separator = RGB (0x4A4B53),
    .scope_marker = RGB (0xD4B45A),
    .key_date = RGB (0xFF7B7B),
    .risk = RGB (0xFF6F61),
    .outline_darken = 0.6,
    .outline_width = 1.0,
    .palette = light,
    .n_palette = G_N_ELEMENTS (light),
  },
  [CHRONO_TIMELINE_THEME_HIGH_CONTRAST] = {
    .background = RGB (0xFFFFFF),
    .lane_background = { RGB (0xFFFFFF), RGB (0xEBEBEB) },
    .scope_background = { RGB (0xFFF1BF), RGB (0xF0E2AE) },
    .header_background = { RGB (0xFFFFFF), RGB (0xEBEBEB) },
    .axis_background = RGB (0xFFFFFF),
    .text = RGB (0x000000),
    .text_secondary = RGB (0x1A1A1A),
    .grid = RGB (0xB0B0B0),
    .grid_major = RGB (0x505050),
    .separator = RGB (0x000000),
    .scope_marker = RGB (0x6B5000),
    .key_date = RGB (0xB00000),
    .risk = RGB (0xB00000),
    .outline_darken = 1.0,
    .outline_width = 1.5,
    .palette = okabe_ito,
    .n_palette = G_N_ELEMENTS (okabe_ito),
  },
};

const ChronoTimelineStyle *
chrono_timeline_style_get (ChronoTimelineTheme theme)
{
  g_return_val_if_fail (theme <= CHRONO_TIMELINE_THEME_HIGH_CONTRAST, &styles[0]);
  return &styles[theme];
}

/* Shapes on a unit circle, y down, clockwise. */
static const double triangle_up[] = { 0, -1, 1, 0.8, -1, 0.8 };
static const double triangle_down[] = { -1, -0.8, 1, -0.8, 0, 1 };
static const double triangle_right[] = { -0.8, -1, 1, 0, -0.8, 1 };
static const double square[] = { -0.8, -0.8, 0.8, -0.8, 0.8, 0.8, -0.8, 0.8 };
static const double diamond[] = { 0, -1.1, 1.1, 0, 0, 1.1, -1.1, 0 };
static const double hexagon[] = { 0, -1, 0.87, -0.5, 0.87, 0.5, 0, 1, -0.87, 0.5, -0.87, -0.5 };
static const double plus[] = {
  -0.34, -1, 0.34, -1, 0.34, -0.34, 1, -0.34, 1, 0.34, 0.34, 0.34,
  0.34, 1, -0.34, 1, -0.34, 0.34, -1, 0.34, -1, -0.34, -0.34, -0.34,
};
static const double cross[] = {   /* plus turned 45° */
  -0.95, -0.48, -0.48, -0.95, 0, -0.48, 0.48, -0.95, 0.95, -0.48, 0.48, 0,
  0.95, 0.48, 0.48, 0.95, 0, 0.48, -0.48, 0.95, -0.95, 0.48, -0.48, 0,
};

static void
polygon (cairo_t      *cr,
         double        x,
         double        y,
         double        r,
         const double *pts,
         guint         n_values)
{
  cairo_move_to (cr, x + pts[0] * r, y + pts[1] * r);
  for (guint i = 2; i + 1 < n_values; i += 2)
    cairo_line_to (cr, x + pts[i] * r, y + pts[i + 1] * r);
  cairo_close_path (cr);
}

static void
regular (cairo_t *cr,
         double   x,
         double   y,
         double   r,
         guint    n,
         double   inner)
{
  guint points = inner > 0 ? 2 * n : n;

  for (guint k = 0; k < points; k++)
    {
      double a = -G_PI / 2 + 2 * G_PI * k / points;
      double rr = (inner > 0 && k % 2 == 1) ? r * inner : r;

      if (k == 0)
        cairo_move_to (cr, x + rr * cos (a), y + rr * sin (a));
      else
        cairo_line_to (cr, x + rr * cos (a), y + rr * sin (a));
    }
  cairo_close_path (cr);
}

void
chrono_timeline_shape_path (cairo_t    *cr,
                            ChronoKind  kind,
                            double      x,
                            double      y,
                            double      size)
{
  double r = size / 2;

  switch (kind)
    {
    case CHRONO_KIND_CONTACT:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r * 0.9, 0, 2 * G_PI);
      cairo_close_path (cr);
      break;
    case CHRONO_KIND_INCIDENT:
      polygon (cr, x, y + r * 0.1, r * 1.05, triangle_up, G_N_ELEMENTS (triangle_up));
      break;
    case CHRONO_KIND_REFERRAL:
      polygon (cr, x, y, r, triangle_right, G_N_ELEMENTS (triangle_right));
      break;
    case CHRONO_KIND_MEETING:
      polygon (cr, x, y, r, square, G_N_ELEMENTS (square));
      break;
    case CHRONO_KIND_ASSESSMENT:
      polygon (cr, x, y, r, diamond, G_N_ELEMENTS (diamond));
      break;
    case CHRONO_KIND_ALLOCATION:
      polygon (cr, x, y - r * 0.1, r * 1.05, triangle_down, G_N_ELEMENTS (triangle_down));
      break;
    case CHRONO_KIND_CLOSURE:
      polygon (cr, x, y, r, cross, G_N_ELEMENTS (cross));
      break;
    case CHRONO_KIND_COURT:
      polygon (cr, x, y, r, hexagon, G_N_ELEMENTS (hexagon));
      break;
    case CHRONO_KIND_CUSTODY:
      /* A square with two bars cut out (drawn anticlockwise). */
      polygon (cr, x, y, r, square, G_N_ELEMENTS (square));
      for (int k = -1; k <= 1; k += 2)
        {
          double bx0 = x + k * r * 0.13 - (k < 0 ? r * 0.32 : 0);
          double bx1 = bx0 + r * 0.32;

          cairo_move_to (cr, bx0, y - r * 0.5);
          cairo_line_to (cr, bx0, y + r * 0.5);
          cairo_line_to (cr, bx1, y + r * 0.5);
          cairo_line_to (cr, bx1, y - r * 0.5);
          cairo_close_path (cr);
        }
      break;
    case CHRONO_KIND_ADMISSION:
      polygon (cr, x, y, r, plus, G_N_ELEMENTS (plus));
      break;
    case CHRONO_KIND_PLAN:
      regular (cr, x, y + r * 0.05, r * 1.02, 5, 0);
      break;
    case CHRONO_KIND_INTELLIGENCE:
      regular (cr, x, y + r * 0.08, r * 1.12, 5, 0.45);
      break;
    case CHRONO_KIND_OTHER:
    case CHRONO_N_KINDS:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r * 0.55, 0, 2 * G_PI);
      cairo_close_path (cr);
      break;
    }
}

