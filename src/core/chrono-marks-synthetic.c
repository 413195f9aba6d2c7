/* chrono-marks-synthetic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-marks"

#include "config.h"

#include <math.h>

#include "chrono-marks-private.h"

static const char * const synthetic_agencies[] = {
  "Police", "Children's Social Care", "Probation", "Health", "Housing", "Education",
  "Courts", "Prisons", "Women's Aid", "Victim Support", "MARAC", "Crown Prosecution Service",
  "Adult Social Care", "Mental Health", "General Practice", "Ambulance Service",
  "Substance Misuse", "Youth Offending", "Fire Service", "Independent DV Advocate",
};

static ChronoKind
synthetic_kind (GRand *rand)
{
  static const struct { ChronoKind kind; int weight; } mix[] = {
    { CHRONO_KIND_CONTACT, 30 }, { CHRONO_KIND_OTHER, 14 }, { CHRONO_KIND_ASSESSMENT, 10 },
    { CHRONO_KIND_INCIDENT, 10 }, { CHRONO_KIND_MEETING, 6 }, { CHRONO_KIND_REFERRAL, 6 },
    { CHRONO_KIND_ALLOCATION, 5 }, { CHRONO_KIND_CLOSURE, 4 }, { CHRONO_KIND_COURT, 4 },
    { CHRONO_KIND_INTELLIGENCE, 3 }, { CHRONO_KIND_CUSTODY, 3 }, { CHRONO_KIND_ADMISSION, 3 },
    { CHRONO_KIND_PLAN, 2 },
  };
  int r = g_rand_int_range (rand, 0, 100);

  for (guint i = 0; i < G_N_ELEMENTS (mix); i++)
    {
      if (r < mix[i].weight)
        return mix[i].kind;
      r -= mix[i].weight;
    }
  return CHRONO_KIND_OTHER;
}

ChronoMarks *
chrono_marks_new_synthetic (guint   n_events,
                            guint   n_lanes,
                            guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  ChronoMarks *self;
  const gint32 first = chrono_day_from_ymd (1995, 1, 1);
  const gint32 last = chrono_day_from_ymd (2014, 12, 31);
  const guint n_bursts = 24;
  g_autofree gint32 *bursts = NULL;

  g_return_val_if_fail (n_lanes > 0 && n_lanes <= G_MAXUINT16, NULL);

  self = _chrono_marks_alloc (n_events);
  self->n_lanes = n_lanes;
  self->lanes = g_new0 (ChronoMarksLane, n_lanes);
  bursts = g_new (gint32, n_lanes * n_bursts);

  for (guint l = 0; l < n_lanes; l++)
    {
      ChronoMarksLane *lane = &self->lanes[l];
      guint base = l % G_N_ELEMENTS (synthetic_agencies);
      guint n_units = l % 4 == 0 ? 3 : l % 4 == 1 ? 1 : 0;

      lane->agency_id = l + 1;
      if (l < G_N_ELEMENTS (synthetic_agencies))
        lane->name = g_strdup (synthetic_agencies[base]);
      else
        lane->name = g_strdup_printf ("%s %u", synthetic_agencies[base],
                                      l / (guint) G_N_ELEMENTS (synthetic_agencies) + 1);
      lane->colour = g_strdup ("");
      lane->n_units = n_units;
      lane->units = g_new0 (char *, n_units + 1);
      for (guint u = 0; u < n_units; u++)
        lane->units[u] = g_strdup_printf ("Team %c", 'A' + u);
      for (guint b = 0; b < n_bursts; b++)
        bursts[l * n_bursts + b] = g_rand_int_range (rand, first, last + 1);
    }

  for (guint i = 0; i < n_events; i++)
    {
      guint l = (guint) g_rand_int_range (rand, 0, (gint32) n_lanes);
      ChronoMarksLane *lane = &self->lanes[l];
      ChronoKind kind = synthetic_kind (rand);
      int p = g_rand_int_range (rand, 0, 100);
      gint32 day;
      guint8 flags = 0;
      int y, m, d;

      /* Six in ten events come in bursts around a crisis, the rest anywhere. */
      if (g_rand_int_range (rand, 0, 10) < 6)
        {
          double spread = 40.0 * sqrt (-2.0 * log (g_rand_double_range (rand, 1e-9, 1.0))) *
                          cos (2 * G_PI * g_rand_double (rand));
          guint burst = (guint) g_rand_int_range (rand, 0, n_bursts);

          day = bursts[l * n_bursts + burst] + (gint32) spread;
          day = CLAMP (day, first, last);
        }
      else
        day = g_rand_int_range (rand, first, last + 1);

      self->id[i] = i + 1;
      self->lane[i] = (guint16) l;
      self->unit[i] = (lane->n_units > 0 && g_rand_int_range (rand, 0, 10) < 7)
                        ? (gint16) g_rand_int_range (rand, 0, (gint32) lane->n_units) : -1;
      self->kind[i] = kind;
      self->minute[i] = -1;

      chrono_day_to_ymd (day, &y, &m, &d);
      if (p < 80)
        {
          self->precision[i] = CHRONO_PRECISION_DAY;
          self->first_day[i] = self->start_last[i] = day;
          if (g_rand_int_range (rand, 0, 10) < 3)
            {
              self->minute[i] = (gint16) g_rand_int_range (rand, 0, 1440);
              flags |= CHRONO_MARK_HAS_TIME;
            }
          if (p >= 76)
            flags |= CHRONO_MARK_APPROX;
        }
      else if (p < 96)
        {
          self->precision[i] = CHRONO_PRECISION_MONTH;
          self->first_day[i] = chrono_day_from_ymd (y, m, 1);
          self->start_last[i] = chrono_day_from_ymd (y, m, chrono_days_in_month (y, m));
          if (p >= 90)
            flags |= CHRONO_MARK_APPROX;
        }
      else
        {
          self->precision[i] = CHRONO_PRECISION_YEAR;
          self->first_day[i] = chrono_day_from_ymd (y, 1, 1);
          self->start_last[i] = chrono_day_from_ymd (y, 12, 31);
          if (p >= 99)
            flags |= CHRONO_MARK_APPROX;
        }
      self->end_first[i] = self->last_day[i] = self->start_last[i];

      if (((kind == CHRONO_KIND_CUSTODY || kind == CHRONO_KIND_ADMISSION ||
            kind == CHRONO_KIND_PLAN || kind == CHRONO_KIND_ALLOCATION) &&
           g_rand_int_range (rand, 0, 2) == 0) ||
          g_rand_int_range (rand, 0, 200) == 0)
        {
          gint32 length = (gint32) exp (g_rand_double_range (rand, 0.0, log (700.0)));

          flags |= CHRONO_MARK_SPAN;
          self->end_first[i] = self->last_day[i] = MIN (self->start_last[i] + length, last);
        }
      if (g_rand_int_range (rand, 0, 10) == 0)
        flags |= CHRONO_MARK_SHARED;
      if (g_rand_int_range (rand, 0, 33) == 0)
        flags |= CHRONO_MARK_NOT_SHARED;
      if (g_rand_int_range (rand, 0, 25) == 0)
        flags |= CHRONO_MARK_RISK_HIGH;
      self->flags[i] = flags;
      self->pos[i] = _chrono_marks_pos (self, i);
    }

  _chrono_marks_finish (self);
  return self;
}
