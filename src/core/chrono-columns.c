/* chrono-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-columns"

#include <string.h>

#include "chrono-columns.h"
#include "chrono-vocabulary.h"

typedef struct
{
  const char  *name;   /* normalised */
  ChronoField  field;
} HeaderName;

static const HeaderName header_names[] = {
  { "id", CHRONO_FIELD_REF },
  { "ref", CHRONO_FIELD_REF },
  { "ref no", CHRONO_FIELD_REF },
  { "reference", CHRONO_FIELD_REF },
  { "urn", CHRONO_FIELD_REF },
  { "no", CHRONO_FIELD_REF },
  { "number", CHRONO_FIELD_REF },
  { "entry no", CHRONO_FIELD_REF },
  { "entry number", CHRONO_FIELD_REF },
  { "record no", CHRONO_FIELD_REF },
  { "sequence", CHRONO_FIELD_REF },
  { "seq", CHRONO_FIELD_REF },
  { "date", CHRONO_FIELD_DATE },
  { "date of contact", CHRONO_FIELD_DATE },
  { "contact date", CHRONO_FIELD_DATE },
  { "event date", CHRONO_FIELD_DATE },
  { "event_date", CHRONO_FIELD_DATE },
  { "date of event", CHRONO_FIELD_DATE },
  { "date seen", CHRONO_FIELD_DATE },
  { "date time", CHRONO_FIELD_DATE },
  { "date and time", CHRONO_FIELD_DATE },
  { "incident date", CHRONO_FIELD_DATE },
  { "date of incident", CHRONO_FIELD_DATE },
  { "start date", CHRONO_FIELD_DATE },
  { "date from", CHRONO_FIELD_DATE },
  { "when", CHRONO_FIELD_DATE },
  { "date_precision", CHRONO_FIELD_PRECISION },
  { "date precision", CHRONO_FIELD_PRECISION },
  { "precision", CHRONO_FIELD_PRECISION },
  { "time", CHRONO_FIELD_TIME },
  { "event time", CHRONO_FIELD_TIME },
  { "event_time", CHRONO_FIELD_TIME },
  { "time of contact", CHRONO_FIELD_TIME },
  { "end date", CHRONO_FIELD_END_DATE },
  { "end_date", CHRONO_FIELD_END_DATE },
  { "end", CHRONO_FIELD_END_DATE },
  { "until", CHRONO_FIELD_END_DATE },
  { "date ended", CHRONO_FIELD_END_DATE },
  { "date to", CHRONO_FIELD_END_DATE },
  { "to", CHRONO_FIELD_END_DATE },
  { "episode end", CHRONO_FIELD_END_DATE },
  { "end of episode", CHRONO_FIELD_END_DATE },
  { "finish date", CHRONO_FIELD_END_DATE },
  { "agency", CHRONO_FIELD_AGENCY },
  { "organisation", CHRONO_FIELD_AGENCY },
  { "organization", CHRONO_FIELD_AGENCY },
  { "agency name", CHRONO_FIELD_AGENCY },
  { "team", CHRONO_FIELD_UNIT },
  { "unit", CHRONO_FIELD_UNIT },
  { "service", CHRONO_FIELD_UNIT },
  { "department", CHRONO_FIELD_UNIT },
  { "team unit", CHRONO_FIELD_UNIT },
  { "who was seen", CHRONO_FIELD_SUBJECTS },
  { "persons", CHRONO_FIELD_SUBJECTS },
  { "person", CHRONO_FIELD_SUBJECTS },
  { "persons involved", CHRONO_FIELD_SUBJECTS },
  { "people", CHRONO_FIELD_SUBJECTS },
  { "subject", CHRONO_FIELD_SUBJECTS },
  { "subjects", CHRONO_FIELD_SUBJECTS },
  { "subject s", CHRONO_FIELD_SUBJECTS },
  { "nominals", CHRONO_FIELD_SUBJECTS },
  { "nominal", CHRONO_FIELD_SUBJECTS },
  { "patient", CHRONO_FIELD_SUBJECTS },
  { "client", CHRONO_FIELD_SUBJECTS },
  { "service user", CHRONO_FIELD_SUBJECTS },
  { "individuals", CHRONO_FIELD_SUBJECTS },
  { "names", CHRONO_FIELD_SUBJECTS },
  { "event", CHRONO_FIELD_SUMMARY },
  { "details", CHRONO_FIELD_SUMMARY },
  { "detail", CHRONO_FIELD_SUMMARY },
  { "case note", CHRONO_FIELD_SUMMARY },
  { "case notes", CHRONO_FIELD_SUMMARY },
  { "log summary", CHRONO_FIELD_SUMMARY },
  { "significant event", CHRONO_FIELD_SUMMARY },
  { "contact notes", CHRONO_FIELD_SUMMARY },
  { "description", CHRONO_FIELD_SUMMARY },
  { "summary", CHRONO_FIELD_SUMMARY },
  { "incident contact", CHRONO_FIELD_SUMMARY },
  { "narrative", CHRONO_FIELD_SUMMARY },
  { "notes", CHRONO_FIELD_SUMMARY },
  { "note", CHRONO_FIELD_SUMMARY },
  { "entry", CHRONO_FIELD_SUMMARY },
  { "event details", CHRONO_FIELD_SUMMARY },
  { "what happened", CHRONO_FIELD_SUMMARY },
  { "type of contact", CHRONO_FIELD_KIND },
  { "contact type", CHRONO_FIELD_KIND },
  { "type", CHRONO_FIELD_KIND },
  { "event type", CHRONO_FIELD_KIND },
  { "category", CHRONO_FIELD_KIND },
  { "kind", CHRONO_FIELD_KIND },
  { "outcome", CHRONO_FIELD_OUTCOME },
  { "action", CHRONO_FIELD_OUTCOME },
  { "actions", CHRONO_FIELD_OUTCOME },
  { "action taken", CHRONO_FIELD_OUTCOME },
  { "outcome action", CHRONO_FIELD_OUTCOME },
  { "outcome sharing", CHRONO_FIELD_OUTCOME },
  { "result", CHRONO_FIELD_OUTCOME },
  { "shared with", CHRONO_FIELD_SHARED_WITH },
  { "shared_with", CHRONO_FIELD_SHARED_WITH },
  { "information shared with", CHRONO_FIELD_SHARED_WITH },
  { "info shared with", CHRONO_FIELD_SHARED_WITH },
  { "disclosed to", CHRONO_FIELD_SHARED_WITH },
  { "informed", CHRONO_FIELD_SHARED_WITH },
  { "agencies informed", CHRONO_FIELD_SHARED_WITH },
  { "not shared with", CHRONO_FIELD_NOT_SHARED_WITH },
  { "not_shared_with", CHRONO_FIELD_NOT_SHARED_WITH },
  { "allocation", CHRONO_FIELD_ALLOCATION },
  { "allocation status", CHRONO_FIELD_ALLOCATION },
  { "risk", CHRONO_FIELD_RISK },
  { "risk level", CHRONO_FIELD_RISK },
  { "source", CHRONO_FIELD_SOURCE },
  { "source of information", CHRONO_FIELD_SOURCE },
  { "document", CHRONO_FIELD_SOURCE },
};

/* Weaker guesses from a word inside a longer header. */
static const HeaderName header_words[] = {
  { "not shared", CHRONO_FIELD_NOT_SHARED_WITH },
  { "shared", CHRONO_FIELD_SHARED_WITH },
  { "informed", CHRONO_FIELD_SHARED_WITH },
  { "end", CHRONO_FIELD_END_DATE },
  { "until", CHRONO_FIELD_END_DATE },
  { "date", CHRONO_FIELD_DATE },
  { "time", CHRONO_FIELD_TIME },
  { "agency", CHRONO_FIELD_AGENCY },
  { "team", CHRONO_FIELD_UNIT },
  { "seen", CHRONO_FIELD_SUBJECTS },
  { "subject", CHRONO_FIELD_SUBJECTS },
  { "details", CHRONO_FIELD_SUMMARY },
  { "notes", CHRONO_FIELD_SUMMARY },
  { "event", CHRONO_FIELD_SUMMARY },
  { "type", CHRONO_FIELD_KIND },
  { "outcome", CHRONO_FIELD_OUTCOME },
  { "action", CHRONO_FIELD_OUTCOME },
  { "ref", CHRONO_FIELD_REF },
  { "source", CHRONO_FIELD_SOURCE },
};

static const char * const field_names[CHRONO_N_FIELDS] = {
  "extra", "id", "date", "date_precision", "time", "end_date", "agency", "unit", "subjects",
  "kind", "summary", "outcome", "shared_with", "not_shared_with", "allocation", "risk", "source",
};

const char *
chrono_field_to_string (ChronoField field)
{
  g_return_val_if_fail (field < CHRONO_N_FIELDS, "extra");
  return field_names[field];
}

gboolean
chrono_field_from_string (const char  *text,
                          ChronoField *field)
{
  for (guint i = 0; i < CHRONO_N_FIELDS; i++)
    {
      if (g_strcmp0 (text, field_names[i]) == 0)
        {
          *field = (ChronoField) i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
has_word (const char *norm,
          const char *word)
{
  gsize n = strlen (word);

  for (const char *p = strstr (norm, word); p != NULL; p = strstr (p + 1, word))
    if ((p == norm || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
      return TRUE;
  return FALSE;
}

ChronoField
chrono_field_for_header (const char *header,
                         int        *score)
{
  g_autofree char *norm = NULL;
  g_autofree char *raw = NULL;
  int dummy;

  if (score == NULL)
    score = &dummy;
  *score = 0;
  if (header == NULL)
    return CHRONO_FIELD_EXTRA;

  /* Exchange-format names keep their underscore. */
  raw = g_strstrip (g_ascii_strdown (header, -1));
  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    {
      if (strchr (header_names[i].name, '_') != NULL && strcmp (raw, header_names[i].name) == 0)
        {
          *score = 2;
          return header_names[i].field;
        }
    }

  norm = chrono_vocabulary_normalise (header);
  if (*norm == '\0' || strlen (norm) > 60)
    return CHRONO_FIELD_EXTRA;

  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    {
      if (strcmp (norm, header_names[i].name) == 0)
        {
          *score = 2;
          return header_names[i].field;
        }
    }

  /* Only short headers get a guess: a long cell is data, not a name. */
  if (strlen (norm) <= 30)
    {
      for (guint i = 0; i < G_N_ELEMENTS (header_words); i++)
        {
          if (has_word (norm, header_words[i].name))
            {
              *score = 1;
              return header_words[i].field;
            }
        }
    }
  return CHRONO_FIELD_EXTRA;
}

int
chrono_columns_header_score (GPtrArray *row)
{
  gboolean has_date = FALSE;
  int total = 0;

  for (guint i = 0; i < row->len; i++)
    {
      int score;
      ChronoField field = chrono_field_for_header (g_ptr_array_index (row, i), &score);

      total += score;
      if (field == CHRONO_FIELD_DATE && score > 0)
        has_date = TRUE;
    }
  return has_date && total >= 3 ? total : 0;
}

ChronoField *
chrono_columns_map (GPtrArray *header)
{
  ChronoField *map = g_new0 (ChronoField, MAX (header->len, 1));
  int best[CHRONO_N_FIELDS];
  int best_score[CHRONO_N_FIELDS] = { 0 };

  for (guint f = 0; f < CHRONO_N_FIELDS; f++)
    best[f] = -1;

  /* A column that names its field outright beats one that only mentions
   * a word of it; among equals the first wins. */
  for (guint i = 0; i < header->len; i++)
    {
      int score;
      ChronoField field = chrono_field_for_header (g_ptr_array_index (header, i), &score);

      if (field != CHRONO_FIELD_EXTRA && score > best_score[field])
        {
          best[field] = (int) i;
          best_score[field] = score;
        }
    }
  for (guint f = 1; f < CHRONO_N_FIELDS; f++)
    if (best[f] >= 0)
      map[best[f]] = (ChronoField) f;
  return map;
}
