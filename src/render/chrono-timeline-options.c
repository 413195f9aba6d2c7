/* chrono-timeline-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-timeline-options"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chrono-marks.h"
#include "chrono-timeline-options.h"

static void
key_date_clear (gpointer data)
{
  ChronoKeyDate *key_date = data;

  g_clear_pointer (&key_date->label, g_free);
}

ChronoTimelineOptions *
chrono_timeline_options_new (void)
{
  ChronoTimelineOptions *options = g_new0 (ChronoTimelineOptions, 1);

  options->theme = CHRONO_TIMELINE_THEME_LIGHT;
  options->scale_factor = 1.0;
  options->show_legend = TRUE;
  options->key_dates = g_array_new (FALSE, TRUE, sizeof (ChronoKeyDate));
  g_array_set_clear_func (options->key_dates, key_date_clear);
  return options;
}

void
chrono_timeline_options_free (ChronoTimelineOptions *options)
{
  if (options == NULL)
    return;
  if (options->label_destroy != NULL)
    options->label_destroy (options->label_data);
  g_clear_pointer (&options->key_dates, g_array_unref);
  g_free (options);
}

static gint
compare_key_dates (gconstpointer a,
                   gconstpointer b)
{
  const ChronoKeyDate *ka = a, *kb = b;

  return (ka->first_day > kb->first_day) - (ka->first_day < kb->first_day);
}

void
chrono_timeline_options_add_key_date (ChronoTimelineOptions *options,
                                      gint32                 first_day,
                                      gint32                 last_day,
                                      const char            *label)
{
  ChronoKeyDate key_date;

  g_return_if_fail (options != NULL);

  key_date.first_day = first_day;
  key_date.last_day = MAX (first_day, last_day);
  key_date.label = g_strdup (label != NULL ? label : "");
  g_array_append_val (options->key_dates, key_date);
  g_array_sort (options->key_dates, compare_key_dates);
}

static gboolean
parse_period (const char *text,
              gint32     *first_day,
              gint32     *last_day)
{
  ChronoDate date = CHRONO_DATE_INIT;
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0' || !chrono_date_parse_iso (trimmed, NULL, NULL, &date, NULL))
    return FALSE;
  chrono_date_get_interval (&date, first_day, last_day);
  return TRUE;
}

void
chrono_timeline_options_parse_key_dates (ChronoTimelineOptions *options,
                                         const char            *text)
{
  g_auto(GStrv) lines = NULL;

  g_return_if_fail (options != NULL);

  if (text == NULL)
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab = strchr (lines[i], '\t');
      g_autofree char *label = NULL;
      gint32 first, last;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (tab != NULL)
        {
          *tab = '\0';
          label = g_strstrip (g_strdup (tab + 1));
        }
      if (!parse_period (lines[i], &first, &last))
        {
          /* Only the line number: the label is case data. */
          g_debug ("key_dates line %u is not a date; left out", i + 1);
          continue;
        }
      chrono_timeline_options_add_key_date (options, first, last, label);
    }
}

static const char *
store_label_cb (gint64   event_id,
                gpointer user_data)
{
  return chrono_marks_labels_get (user_data, event_id);
}

gboolean
chrono_timeline_options_load_case (ChronoTimelineOptions *options,
                                   ChronoStore           *store,
                                   GError               **error)
{
  g_autofree char *scope_from = NULL;
  g_autofree char *scope_to = NULL;
  g_autofree char *key_dates = NULL;
  gint32 from_first = 0, from_last = 0, to_first = 0, to_last = 0;
  gboolean has_from, has_to;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (CHRONO_IS_STORE (store), FALSE);

  scope_from = chrono_store_get_meta (store, CHRONO_META_SCOPE_FROM);
  scope_to = chrono_store_get_meta (store, CHRONO_META_SCOPE_TO);
  key_dates = chrono_store_get_meta (store, CHRONO_META_KEY_DATES);

  has_from = parse_period (scope_from, &from_first, &from_last);
  has_to = parse_period (scope_to, &to_first, &to_last);
  if ((scope_from != NULL && *scope_from != '\0' && !has_from) ||
      (scope_to != NULL && *scope_to != '\0' && !has_to))
    {
      g_set_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_FAILED,
                   _("The case’s review period is not a date (%s to %s)"),
                   scope_from != NULL ? scope_from : "", scope_to != NULL ? scope_to : "");
      return FALSE;
    }
  if (has_from || has_to)
    {
      ChronoDate first, last;

      options->has_scope = TRUE;
      options->scope_first = has_from ? from_first : G_MININT32;
      options->scope_last = has_to ? to_last : G_MAXINT32;
      if ((!has_from || !has_to) && chrono_store_get_extent (store, &first, &last, NULL))
        {
          gint32 d0, d1;

          chrono_date_get_interval (&first, &d0, NULL);
          chrono_date_get_interval (&last, NULL, &d1);
          if (!has_from)
            options->scope_first = d0;
          if (!has_to)
            options->scope_last = d1;
        }
      if (options->scope_first > options->scope_last)
        {
          gint32 t = options->scope_first;

          options->scope_first = options->scope_last;
          options->scope_last = t;
        }
    }

  chrono_timeline_options_parse_key_dates (options, key_dates);

  if (options->label_destroy != NULL)
    options->label_destroy (options->label_data);
  options->label_func = store_label_cb;
  options->label_data = chrono_marks_labels_new (store);
  options->label_destroy = (GDestroyNotify) chrono_marks_labels_free;
  return TRUE;
}
