/* chrono-row-mapper.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-row-mapper"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chrono-row-mapper.h"
#include "chrono-vocabulary.h"

struct _ChronoRowMapper
{
  GPtrArray       *header;    /* owned names */
  ChronoField     *map;
  gboolean         exchange;
  ChronoAliases   *aliases;
  char            *file_name;
  char            *agency;
  char            *suggested_agency;
  GStrv            lanes;
  ChronoDateOrder  order;
  guint            day_first;
  guint            month_first;
  guint            either;
};

ChronoRowMapper *
chrono_row_mapper_new (GPtrArray     *header,
                       gboolean       exchange,
                       ChronoAliases *aliases,
                       const char    *file_name,
                       const char    *agency)
{
  ChronoRowMapper *self = g_new0 (ChronoRowMapper, 1);

  self->header = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < header->len; i++)
    {
      const char *name = g_ptr_array_index (header, i);
      g_ptr_array_add (self->header, *name != '\0' ? g_strdup (name)
                                                   : g_strdup_printf (_("column %u"), i + 1));
    }
  self->map = chrono_columns_map (header);
  self->exchange = exchange;
  self->aliases = g_object_ref (aliases);
  self->file_name = g_strdup (file_name);
  self->agency = g_strdup (agency);
  self->order = CHRONO_DATE_ORDER_DMY;
  return self;
}

void
chrono_row_mapper_free (ChronoRowMapper *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->header);
  g_free (self->map);
  g_object_unref (self->aliases);
  g_free (self->file_name);
  g_free (self->agency);
  g_free (self->suggested_agency);
  g_strfreev (self->lanes);
  g_free (self);
}

void
chrono_row_mapper_set_order (ChronoRowMapper *self,
                             ChronoDateOrder  order)
{
  self->order = order;
}

void
chrono_row_mapper_set_suggested_agency (ChronoRowMapper *self,
                                        const char      *agency)
{
  g_free (self->suggested_agency);
  self->suggested_agency = g_strdup (agency);
}

void
chrono_row_mapper_set_lanes (ChronoRowMapper    *self,
                             const char * const *lanes)
{
  g_strfreev (self->lanes);
  self->lanes = g_strdupv ((char **) lanes);
}

ChronoField
chrono_row_mapper_get_field (ChronoRowMapper *self,
                             guint            column)
{
  return column < self->header->len ? self->map[column] : CHRONO_FIELD_EXTRA;
}

GPtrArray *
chrono_row_mapper_describe (ChronoRowMapper *self)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->header->len; i++)
    g_ptr_array_add (lines, g_strdup_printf ("%s → %s", (char *) self->header->pdata[i],
                                             self->map[i] == CHRONO_FIELD_EXTRA
                                               ? _("(kept as an extra field)")
                                               : chrono_field_to_string (self->map[i])));
  return lines;
}

void
chrono_row_mapper_get_date_evidence (ChronoRowMapper *self,
                                     guint           *day_first,
                                     guint           *month_first,
                                     guint           *either)
{
  *day_first = self->day_first;
  *month_first = self->month_first;
  *either = self->either;
}

static void
set_list (ChronoEvent *event,
          void       (*setter) (ChronoEvent *, const char * const *),
          GStrv        items)
{
  setter (event, (const char * const *) items);
  g_strfreev (items);
}

static gboolean
looks_numeric (const char *text)
{
  while (g_ascii_isspace (*text) || *text == '?')
    text++;
  return g_ascii_isdigit (text[0]) && (strchr (text, '/') != NULL || strchr (text, '.') != NULL ||
                                       (strchr (text, '-') != NULL && !g_ascii_isalpha (text[3])));
}

/* Reads an agency's date cell, noting which order the file's dates suggest. */
static gboolean
parse_agency_date (ChronoRowMapper  *self,
                   const char       *text,
                   ChronoDate       *date,
                   char            **reason)
{
  g_autoptr(GError) error = NULL;
  gboolean ambiguous = FALSE;

  if (chrono_date_parse_text (text, self->order, date, &ambiguous, &error))
    {
      if (ambiguous)
        self->either++;
      else if (looks_numeric (text) && date->day > 12)
        self->day_first++;
      return TRUE;
    }

  if (g_error_matches (error, CHRONO_DATE_ERROR, CHRONO_DATE_ERROR_RANGE) && looks_numeric (text))
    {
      ChronoDateOrder other = self->order == CHRONO_DATE_ORDER_DMY ? CHRONO_DATE_ORDER_MDY
                                                                    : CHRONO_DATE_ORDER_DMY;
      ChronoDate swapped = CHRONO_DATE_INIT;

      if (chrono_date_parse_text (text, other, &swapped, NULL, NULL))
        self->month_first++;
    }
  *reason = g_strdup (error->message);
  return FALSE;
}

static void
resolve_agencies (ChronoRowMapper  *self,
                  const char       *text,
                  gboolean          exchange,
                  ChronoEvent      *event,
                  void            (*setter) (ChronoEvent *, const char * const *))
{
  g_auto(GStrv) names = exchange ? chrono_split_list (text) : chrono_vocabulary_split_names (text);
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *agency = NULL;
      g_autofree char *unit = NULL;

      if (exchange)
        g_strv_builder_add (out, names[i]);
      else
        {
          chrono_aliases_resolve (self->aliases, names[i], (const char * const *) self->lanes,
                                  &agency, &unit);
          if (agency != NULL)
            g_strv_builder_add (out, agency);
        }
    }
  set_list (event, setter, g_strv_builder_end (out));
}

/* Keeps a cell the model reads but does not store as it was, under its
 * own header, so the words the agency used are never lost. */
static void
keep_as_extra (ChronoRowMapper *self,
               ChronoEvent     *event,
               ChronoField      field,
               const char      *value)
{
  if (*value == '\0')
    return;
  for (guint i = 0; i < self->header->len; i++)
    {
      if (self->map[i] == field)
        {
          chrono_event_add_extra (event, g_ptr_array_index (self->header, i), value);
          return;
        }
    }
}

/* An end that cannot be after the start: "ended January 2006" for an event
 * of 6 January 2006 is fine (the month may end after the 6th). */
static gboolean
ends_before_start (const ChronoDate *start,
                   const ChronoDate *end)
{
  gint32 start_first, start_last, end_first, end_last;

  chrono_date_get_interval (start, &start_first, &start_last);
  chrono_date_get_interval (end, &end_first, &end_last);
  return end_last < start_first;
}

static gboolean
is_blank_row (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      const char *c = g_ptr_array_index (cells, i);

      while (g_ascii_isspace (*c))
        c++;
      if (*c != '\0')
        return FALSE;
    }
  return TRUE;
}

gboolean
chrono_row_mapper_map (ChronoRowMapper  *self,
                       GPtrArray        *cells,
                       guint64           row,
                       ChronoEvent      *event,
                       char            **reason)
{
  const char *cell[CHRONO_N_FIELDS] = { NULL };
  ChronoDate date = CHRONO_DATE_INIT;
  ChronoDate end = CHRONO_DATE_INIT;
  ChronoKind kind = CHRONO_KIND_OTHER;
  ChronoAllocation allocation = CHRONO_ALLOCATION_NONE;
  ChronoRisk risk = CHRONO_RISK_NONE;
  g_autoptr(GError) error = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *until = NULL;
  const char *summary;
  gboolean have_kind = FALSE;

  *reason = NULL;
  chrono_event_clear (event);
  if (is_blank_row (cells))
    return FALSE;

  for (guint i = 0; i < cells->len; i++)
    {
      const char *value = g_ptr_array_index (cells, i);

      if (i < self->header->len && self->map[i] != CHRONO_FIELD_EXTRA)
        cell[self->map[i]] = value;
      else if (i < self->header->len)
        chrono_event_add_extra (event, g_ptr_array_index (self->header, i), value);
      else if (*value != '\0')
        {
          g_autofree char *name = g_strdup_printf (_("column %u"), i + 1);
          chrono_event_add_extra (event, name, value);
        }
    }
  for (guint i = 0; i < CHRONO_N_FIELDS; i++)
    if (cell[i] == NULL)
      cell[i] = "";

  /* The date decides whether the row is an event at all. */
  if (*cell[CHRONO_FIELD_DATE] == '\0')
    {
      *reason = g_strdup (_("the date is blank"));
      return FALSE;
    }
  if (self->exchange)
    {
      if (!chrono_date_parse_iso (cell[CHRONO_FIELD_DATE], cell[CHRONO_FIELD_PRECISION],
                                  cell[CHRONO_FIELD_TIME], &date, &error))
        {
          *reason = g_strdup (error->message);
          return FALSE;
        }
      if (*cell[CHRONO_FIELD_END_DATE] != '\0' &&
          !chrono_date_parse_iso (cell[CHRONO_FIELD_END_DATE], NULL, NULL, &end, &error))
        {
          *reason = g_strdup_printf (_("end date: %s"), error->message);
          return FALSE;
        }
    }
  else
    {
      if (!parse_agency_date (self, cell[CHRONO_FIELD_DATE], &date, reason))
        return FALSE;
      if (*cell[CHRONO_FIELD_TIME] != '\0' &&
          !chrono_date_parse_time (cell[CHRONO_FIELD_TIME], &date, &error))
        {
          *reason = g_strdup_printf (_("time: %s"), error->message);
          return FALSE;
        }
      if (*cell[CHRONO_FIELD_END_DATE] == '\0')
        until = chrono_vocabulary_until (cell[CHRONO_FIELD_SUMMARY]);
      if ((*cell[CHRONO_FIELD_END_DATE] != '\0' || until != NULL) &&
          !chrono_date_parse_text (until != NULL ? until : cell[CHRONO_FIELD_END_DATE],
                                   self->order, &end, NULL, &error))
        {
          *reason = g_strdup_printf (_("end date: %s"), error->message);
          return FALSE;
        }
    }
  if (chrono_date_is_set (&end) && ends_before_start (&date, &end))
    {
      g_autofree char *a = chrono_date_format (&date);
      g_autofree char *b = chrono_date_format (&end);
      *reason = g_strdup_printf (_("the end date %s is before the date %s"), b, a);
      return FALSE;
    }

  /* Agency: the row's own cell, else the file's. */
  if (*cell[CHRONO_FIELD_AGENCY] != '\0' && !self->exchange)
    chrono_aliases_resolve (self->aliases, cell[CHRONO_FIELD_AGENCY],
                            (const char * const *) self->lanes, &agency, &unit);
  else if (*cell[CHRONO_FIELD_AGENCY] != '\0')
    {
      agency = g_strstrip (g_strdup (cell[CHRONO_FIELD_AGENCY]));
      if (*agency == '\0')
        g_clear_pointer (&agency, g_free);
    }
  /* Chronolator-style sources name the agency first: "Women's Aid - case
   * record".  That beats a guess from the file name, not a stated agency. */
  if (agency == NULL && self->agency == NULL && *cell[CHRONO_FIELD_SOURCE] != '\0')
    {
      const char *dash = strstr (cell[CHRONO_FIELD_SOURCE], " - ");
      g_autofree char *prefix = dash != NULL ? g_strndup (cell[CHRONO_FIELD_SOURCE],
                                                          dash - cell[CHRONO_FIELD_SOURCE])
                                             : NULL;

      if (prefix != NULL &&
          !chrono_aliases_resolve (self->aliases, prefix, (const char * const *) self->lanes,
                                   &agency, &unit))
        {
          g_clear_pointer (&agency, g_free);
          g_clear_pointer (&unit, g_free);
        }
    }
  if (agency == NULL && self->agency != NULL)
    agency = g_strdup (self->agency);
  if (agency == NULL && self->suggested_agency != NULL)
    agency = g_strdup (self->suggested_agency);
  if (agency == NULL || *agency == '\0')
    {
      *reason = g_strdup (_("no agency: the row names none and none was given for the file"));
      return FALSE;
    }
  if (*cell[CHRONO_FIELD_UNIT] != '\0')
    {
      g_free (unit);
      unit = g_strdup (cell[CHRONO_FIELD_UNIT]);
    }

  /* What kind of event, in the exchange format's words or the agency's. */
  summary = cell[CHRONO_FIELD_SUMMARY];
  if (self->exchange)
    {
      /* Words outside the vocabulary ride along as extra fields. */
      if (*cell[CHRONO_FIELD_KIND] != '\0' && !chrono_kind_from_string (cell[CHRONO_FIELD_KIND], &kind))
        chrono_event_add_extra (event, _("kind (as given)"), cell[CHRONO_FIELD_KIND]);
      if (*cell[CHRONO_FIELD_ALLOCATION] != '\0' &&
          !chrono_allocation_from_string (cell[CHRONO_FIELD_ALLOCATION], &allocation))
        chrono_event_add_extra (event, _("allocation (as given)"), cell[CHRONO_FIELD_ALLOCATION]);
      if (*cell[CHRONO_FIELD_RISK] != '\0' && !chrono_risk_from_string (cell[CHRONO_FIELD_RISK], &risk))
        chrono_event_add_extra (event, _("risk (as given)"), cell[CHRONO_FIELD_RISK]);
      set_list (event, chrono_event_set_subjects, chrono_split_list (cell[CHRONO_FIELD_SUBJECTS]));
    }
  else
    {
      g_autofree char *label = NULL;
      ChronoKind prefix_kind;
      gsize rest = 0;

      if (*cell[CHRONO_FIELD_KIND] != '\0')
        {
          have_kind = chrono_vocabulary_kind_from_label (cell[CHRONO_FIELD_KIND], &kind);
          keep_as_extra (self, event, CHRONO_FIELD_KIND, cell[CHRONO_FIELD_KIND]);
        }
      if (chrono_vocabulary_split_prefix (summary, &prefix_kind, &label, &rest))
        {
          summary += rest;
          if (!have_kind)
            kind = prefix_kind;
          have_kind = TRUE;
          chrono_event_add_extra (event, _("type (as given)"), label);
        }
      if (!have_kind)
        chrono_vocabulary_kind_from_text (summary, &kind);

      if (*cell[CHRONO_FIELD_ALLOCATION] != '\0')
        chrono_vocabulary_allocation (cell[CHRONO_FIELD_ALLOCATION], &allocation);
      else if (kind == CHRONO_KIND_ALLOCATION &&
               !chrono_vocabulary_allocation (summary, &allocation))
        allocation = CHRONO_ALLOCATION_ALLOCATED;

      if (!chrono_risk_from_string (cell[CHRONO_FIELD_RISK], &risk) &&
          !chrono_vocabulary_risk (cell[CHRONO_FIELD_RISK], &risk) &&
          !chrono_vocabulary_risk (summary, &risk))
        chrono_vocabulary_risk (cell[CHRONO_FIELD_OUTCOME], &risk);

      set_list (event, chrono_event_set_subjects,
                chrono_vocabulary_split_names (cell[CHRONO_FIELD_SUBJECTS]));
      keep_as_extra (self, event, CHRONO_FIELD_OUTCOME, cell[CHRONO_FIELD_OUTCOME]);
    }

  resolve_agencies (self, cell[CHRONO_FIELD_SHARED_WITH], self->exchange, event,
                    chrono_event_set_shared_with);
  resolve_agencies (self, cell[CHRONO_FIELD_NOT_SHARED_WITH], self->exchange, event,
                    chrono_event_set_not_shared_with);

  chrono_event_set_ref (event, cell[CHRONO_FIELD_REF]);
  chrono_event_set_date (event, &date);
  chrono_event_set_end_date (event, &end);
  chrono_event_set_agency (event, agency);
  chrono_event_set_unit (event, unit);
  chrono_event_set_kind (event, kind);
  chrono_event_set_summary (event, summary);
  chrono_event_set_allocation (event, allocation);
  chrono_event_set_risk (event, risk);
  chrono_event_set_source (event, cell[CHRONO_FIELD_SOURCE]);
  chrono_event_set_provenance (event, self->file_name, row);
  return TRUE;
}
