/* chrono-time-scale.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-time-scale"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "chrono-date.h"
#include "chrono-time-scale.h"

/* The lower row's candidates, finest first. */
typedef struct
{
  ChronoTickUnit unit;
  guint          step;
  double         days;          /* typical length of one step */
  guint          chars;         /* typical label length */
  ChronoTickUnit context_unit;
  guint          context_step;
} TickLevel;

static const TickLevel levels[] = {
  { CHRONO_TICK_HOUR, 1, 1.0 / 24, 5, CHRONO_TICK_DAY, 1 },
  { CHRONO_TICK_HOUR, 3, 3.0 / 24, 5, CHRONO_TICK_DAY, 1 },
  { CHRONO_TICK_HOUR, 6, 6.0 / 24, 5, CHRONO_TICK_DAY, 1 },
  { CHRONO_TICK_HOUR, 12, 12.0 / 24, 5, CHRONO_TICK_DAY, 1 },
  { CHRONO_TICK_DAY, 1, 1, 2, CHRONO_TICK_MONTH, 1 },
  { CHRONO_TICK_WEEK, 1, 7, 9, CHRONO_TICK_MONTH, 1 },
  { CHRONO_TICK_MONTH, 1, 30.44, 3, CHRONO_TICK_YEAR, 1 },
  { CHRONO_TICK_QUARTER, 1, 91.31, 2, CHRONO_TICK_YEAR, 1 },
  { CHRONO_TICK_YEAR, 1, 365.25, 4, CHRONO_TICK_DECADE, 1 },
  { CHRONO_TICK_YEAR, 2, 730.5, 4, CHRONO_TICK_DECADE, 1 },
  { CHRONO_TICK_YEAR, 5, 1826.2, 4, CHRONO_TICK_DECADE, 1 },
  { CHRONO_TICK_DECADE, 1, 3652.5, 5, CHRONO_TICK_CENTURY, 1 },
  { CHRONO_TICK_DECADE, 2, 7305, 5, CHRONO_TICK_CENTURY, 1 },
  { CHRONO_TICK_DECADE, 5, 18262, 5, CHRONO_TICK_NONE, 0 },
  { CHRONO_TICK_CENTURY, 1, 36525, 5, CHRONO_TICK_NONE, 0 },
};

/* Day 0, 0001-01-01, was a Monday (proleptic Gregorian). */
#define WEEKDAY(day) ((int) (((day) % 7 + 7) % 7))

static const char *
month_abbrev (int month)
{
  switch (month)
    {
    case 1: return C_("month", "Jan");
    case 2: return C_("month", "Feb");
    case 3: return C_("month", "Mar");
    case 4: return C_("month", "Apr");
    case 5: return C_("month", "May");
    case 6: return C_("month", "Jun");
    case 7: return C_("month", "Jul");
    case 8: return C_("month", "Aug");
    case 9: return C_("month", "Sep");
    case 10: return C_("month", "Oct");
    case 11: return C_("month", "Nov");
    default: return C_("month", "Dec");
    }
}

static const char *
month_name (int month)
{
  switch (month)
    {
    case 1: return C_("month name", "January");
    case 2: return C_("month name", "February");
    case 3: return C_("month name", "March");
    case 4: return C_("month name", "April");
    case 5: return C_("month name", "May");
    case 6: return C_("month name", "June");
    case 7: return C_("month name", "July");
    case 8: return C_("month name", "August");
    case 9: return C_("month name", "September");
    case 10: return C_("month name", "October");
    case 11: return C_("month name", "November");
    default: return C_("month name", "December");
    }
}

static const char *
weekday_abbrev (int weekday)
{
  switch (weekday)
    {
    case 0: return C_("weekday", "Mon");
    case 1: return C_("weekday", "Tue");
    case 2: return C_("weekday", "Wed");
    case 3: return C_("weekday", "Thu");
    case 4: return C_("weekday", "Fri");
    case 5: return C_("weekday", "Sat");
    default: return C_("weekday", "Sun");
    }
}

void
chrono_time_scale_init (ChronoTimeScale *self,
                        double           from,
                        double           to,
                        double           x,
                        double           width)
{
  g_return_if_fail (self != NULL);

  self->from = from;
  self->to = to > from ? to : from + 1;
  self->x = x;
  self->width = MAX (width, 1.0);
  self->min_day = 0;
  self->max_day = 0;
  self->min_span = 1.0 / 24;
}

void
chrono_time_scale_clamp (ChronoTimeScale *self)
{
  double span;

  g_return_if_fail (self != NULL);

  span = MAX (self->to - self->from, self->min_span);
  if (self->min_day < self->max_day)
    {
      span = MIN (span, self->max_day - self->min_day);
      if (self->from < self->min_day)
        self->from = self->min_day;
      if (self->from + span > self->max_day)
        self->from = self->max_day - span;
    }
  self->to = self->from + span;
}

void
chrono_time_scale_set_limits (ChronoTimeScale *self,
                              double           min_day,
                              double           max_day)
{
  g_return_if_fail (self != NULL);

  self->min_day = min_day;
  self->max_day = max_day;
  chrono_time_scale_clamp (self);
}

void
chrono_time_scale_set_range (ChronoTimeScale *self,
                             double           from,
                             double           to)
{
  g_return_if_fail (self != NULL);

  self->from = from;
  self->to = to;
  if (self->to < self->from)
    {
      self->from = to;
      self->to = from;
    }
  chrono_time_scale_clamp (self);
}

void
chrono_time_scale_set_area (ChronoTimeScale *self,
                            double           x,
                            double           width)
{
  g_return_if_fail (self != NULL);

  self->x = x;
  self->width = MAX (width, 1.0);
}

void
chrono_time_scale_zoom (ChronoTimeScale *self,
                        double           factor,
                        double           anchor_x)
{
  double anchor, span, frac;

  g_return_if_fail (self != NULL);
  g_return_if_fail (factor > 0);

  anchor = chrono_time_scale_to_day (self, anchor_x);
  frac = (anchor_x - self->x) / self->width;
  span = MAX ((self->to - self->from) / factor, self->min_span);
  if (self->min_day < self->max_day)
    span = MIN (span, self->max_day - self->min_day);
  self->from = anchor - frac * span;
  self->to = self->from + span;
  chrono_time_scale_clamp (self);
}

void
chrono_time_scale_pan (ChronoTimeScale *self,
                       double           dx)
{
  double ppd;

  g_return_if_fail (self != NULL);

  ppd = chrono_time_scale_px_per_day (self);
  if (ppd <= 0)
    return;
  self->from += dx / ppd;
  self->to += dx / ppd;
  chrono_time_scale_clamp (self);
}

/* The start of the @unit × @step period that holds @day. */
static double
period_floor (ChronoTickUnit unit,
              guint          step,
              double         day)
{
  gint32 d = (gint32) floor (day);
  int y, m, dd;

  switch (unit)
    {
    case CHRONO_TICK_HOUR:
      return floor (day * 24 / step) * step / 24;
    case CHRONO_TICK_DAY:
      return d;
    case CHRONO_TICK_WEEK:
      return d - WEEKDAY (d);
    case CHRONO_TICK_MONTH:
    case CHRONO_TICK_QUARTER:
      chrono_day_to_ymd (MAX (d, 0), &y, &m, &dd);
      if (unit == CHRONO_TICK_QUARTER)
        m = (m - 1) / 3 * 3 + 1;
      return chrono_day_from_ymd (y, m, 1);
    case CHRONO_TICK_YEAR:
    case CHRONO_TICK_DECADE:
    case CHRONO_TICK_CENTURY:
      {
        guint years = step * (unit == CHRONO_TICK_DECADE ? 10
                              : unit == CHRONO_TICK_CENTURY ? 100 : 1);

        chrono_day_to_ymd (MAX (d, 0), &y, &m, &dd);
        y = MAX (y / (int) years * (int) years, 1);
        return chrono_day_from_ymd (y, 1, 1);
      }
    case CHRONO_TICK_NONE:
    default:
      return day;
    }
}

/* The start of the period after the one starting at @start. */
static double
period_next (ChronoTickUnit unit,
             guint          step,
             double         start)
{
  gint32 d = (gint32) floor (start + 1e-6);
  int y, m, dd;

  switch (unit)
    {
    case CHRONO_TICK_HOUR:
      return (round (start * 24 / step) + 1) * step / 24;
    case CHRONO_TICK_DAY:
      return d + 1;
    case CHRONO_TICK_WEEK:
      return d + 7;
    case CHRONO_TICK_MONTH:
    case CHRONO_TICK_QUARTER:
      chrono_day_to_ymd (d, &y, &m, &dd);
      m += unit == CHRONO_TICK_QUARTER ? 3 : 1;
      if (m > 12)
        {
          m -= 12;
          y++;
        }
      return y > 9999 ? d + 31.0 * step : chrono_day_from_ymd (y, m, 1);
    case CHRONO_TICK_YEAR:
    case CHRONO_TICK_DECADE:
    case CHRONO_TICK_CENTURY:
      chrono_day_to_ymd (d, &y, &m, &dd);
      y += step * (unit == CHRONO_TICK_DECADE ? 10 : unit == CHRONO_TICK_CENTURY ? 100 : 1);
      return y > 9999 ? d + 366.0 * step : chrono_day_from_ymd (y, 1, 1);
    case CHRONO_TICK_NONE:
    default:
      return start + 1;
    }
}

static char *
tick_label (ChronoTickUnit unit,
            double         day,
            gboolean       context,
            gboolean       roomy)
{
  gint32 d = (gint32) floor (day + 1e-6);
  int y, m, dd;

  chrono_day_to_ymd (MAX (d, 0), &y, &m, &dd);
  switch (unit)
    {
    case CHRONO_TICK_HOUR:
      {
        int minutes = (int) round ((day - d) * 1440);

        return g_strdup_printf ("%02d:%02d", minutes / 60 % 24, minutes % 60);
      }
    case CHRONO_TICK_DAY:
      if (context)
        return g_strdup_printf ("%s %d %s %d", weekday_abbrev (WEEKDAY (d)), dd,
                                month_abbrev (m), y);
      if (roomy)
        return g_strdup_printf ("%s %d", weekday_abbrev (WEEKDAY (d)), dd);
      return g_strdup_printf ("%d", dd);
    case CHRONO_TICK_WEEK:
      /* TRANSLATORS: a week on the time axis, "week commencing 3 Oct" */
      return g_strdup_printf (_("w/c %d %s"), dd, month_abbrev (m));
    case CHRONO_TICK_MONTH:
      if (context)
        return g_strdup_printf ("%s %d", roomy ? month_name (m) : month_abbrev (m), y);
      return g_strdup (roomy ? month_name (m) : month_abbrev (m));
    case CHRONO_TICK_QUARTER:
      /* TRANSLATORS: a quarter of the year on the time axis, "Q3" */
      return g_strdup_printf (_("Q%d"), (m - 1) / 3 + 1);
    case CHRONO_TICK_YEAR:
      return g_strdup_printf ("%d", y);
    case CHRONO_TICK_DECADE:
    case CHRONO_TICK_CENTURY:
      /* TRANSLATORS: a decade or century on the time axis, "1990s" */
      return g_strdup_printf (_("%ds"), y);
    case CHRONO_TICK_NONE:
    default:
      return g_strdup ("");
    }
}

static void
tick_clear (gpointer data)
{
  ChronoTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

static GArray *
make_row (const ChronoTimeScale *self,
          ChronoTickUnit         unit,
          guint                  step,
          gboolean               context,
          gboolean               roomy)
{
  GArray *row = g_array_new (FALSE, TRUE, sizeof (ChronoTick));
  double start;

  g_array_set_clear_func (row, tick_clear);
  if (unit == CHRONO_TICK_NONE)
    return row;

  start = period_floor (unit, step, self->from);
  /* A screen never holds more than a few hundred labelled periods. */
  while (start < self->to && row->len < 4096)
    {
      double next = period_next (unit, step, start);
      ChronoTick tick;

      if (next <= start)
        break;
      tick.day = start;
      tick.x = chrono_time_scale_to_x (self, start);
      tick.end_x = chrono_time_scale_to_x (self, next);
      tick.label = tick_label (unit, start, context, roomy);
      g_array_append_val (row, tick);
      start = next;
    }
  return row;
}

ChronoTicks *
chrono_time_scale_compute_ticks (const ChronoTimeScale *self,
                                 double                 char_width)
{
  ChronoTicks *ticks;
  double ppd;
  const TickLevel *level = &levels[G_N_ELEMENTS (levels) - 1];
  gboolean roomy = FALSE;

  g_return_val_if_fail (self != NULL, NULL);

  char_width = MAX (char_width, 1.0);
  ppd = chrono_time_scale_px_per_day (self);
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      if (levels[i].days * ppd >= (levels[i].chars + 2.5) * char_width)
        {
          level = &levels[i];
          break;
        }
    }
  /* Spell out the weekday or the month when there is room for it. */
  if (level->unit == CHRONO_TICK_DAY)
    roomy = ppd >= 8.5 * char_width;
  else if (level->unit == CHRONO_TICK_MONTH)
    roomy = 30.44 * ppd >= 12 * char_width;

  ticks = g_new0 (ChronoTicks, 1);
  ticks->unit = level->unit;
  ticks->step = level->step;
  ticks->context_unit = level->context_unit;
  ticks->context_step = level->context_step;
  ticks->ticks = make_row (self, level->unit, level->step, FALSE, roomy);
  ticks->context = make_row (self, level->context_unit, level->context_step, TRUE,
                             level->unit == CHRONO_TICK_DAY && roomy);
  return ticks;
}

void
chrono_ticks_free (ChronoTicks *ticks)
{
  if (ticks == NULL)
    return;
  g_clear_pointer (&ticks->ticks, g_array_unref);
  g_clear_pointer (&ticks->context, g_array_unref);
  g_free (ticks);
}
