/* chrono-vocabulary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-vocabulary"

#include <string.h>

#include "chrono-vocabulary.h"

typedef struct
{
  const char *words;   /* normalised */
  ChronoKind  kind;
} KindWord;

/* Whole labels, as type columns and text prefixes write them. */
static const KindWord labels[] = {
  { "contact", CHRONO_KIND_CONTACT },
  { "home visit", CHRONO_KIND_CONTACT },
  { "visit", CHRONO_KIND_CONTACT },
  { "office visit", CHRONO_KIND_CONTACT },
  { "appointment", CHRONO_KIND_CONTACT },
  { "telephone contact", CHRONO_KIND_CONTACT },
  { "phone call", CHRONO_KIND_CONTACT },
  { "telephone call", CHRONO_KIND_CONTACT },
  { "face to face", CHRONO_KIND_CONTACT },
  { "consultation", CHRONO_KIND_CONTACT },
  { "supervision", CHRONO_KIND_CONTACT },
  { "incident", CHRONO_KIND_INCIDENT },
  { "domestic incident", CHRONO_KIND_INCIDENT },
  { "999 call", CHRONO_KIND_INCIDENT },
  { "999", CHRONO_KIND_INCIDENT },
  { "crime", CHRONO_KIND_INCIDENT },
  { "crime report", CHRONO_KIND_INCIDENT },
  { "arrest", CHRONO_KIND_INCIDENT },
  { "referral", CHRONO_KIND_REFERRAL },
  { "referral received", CHRONO_KIND_REFERRAL },
  { "referral made", CHRONO_KIND_REFERRAL },
  { "referral in", CHRONO_KIND_REFERRAL },
  { "referral out", CHRONO_KIND_REFERRAL },
  { "meeting", CHRONO_KIND_MEETING },
  { "marac", CHRONO_KIND_MEETING },
  { "mappa", CHRONO_KIND_MEETING },
  { "mappa meeting", CHRONO_KIND_MEETING },
  { "strategy meeting", CHRONO_KIND_MEETING },
  { "strategy discussion", CHRONO_KIND_MEETING },
  { "case conference", CHRONO_KIND_MEETING },
  { "child protection conference", CHRONO_KIND_MEETING },
  { "core group", CHRONO_KIND_MEETING },
  { "conference", CHRONO_KIND_MEETING },
  { "assessment", CHRONO_KIND_ASSESSMENT },
  { "risk assessment", CHRONO_KIND_ASSESSMENT },
  { "dash", CHRONO_KIND_ASSESSMENT },
  { "initial assessment", CHRONO_KIND_ASSESSMENT },
  { "core assessment", CHRONO_KIND_ASSESSMENT },
  { "section 47", CHRONO_KIND_ASSESSMENT },
  { "s47", CHRONO_KIND_ASSESSMENT },
  { "allocation", CHRONO_KIND_ALLOCATION },
  { "case allocation", CHRONO_KIND_ALLOCATION },
  { "allocated", CHRONO_KIND_ALLOCATION },
  { "reallocation", CHRONO_KIND_ALLOCATION },
  { "transfer", CHRONO_KIND_ALLOCATION },
  { "closure", CHRONO_KIND_CLOSURE },
  { "case closed", CHRONO_KIND_CLOSURE },
  { "case closure", CHRONO_KIND_CLOSURE },
  { "closed", CHRONO_KIND_CLOSURE },
  { "discharge", CHRONO_KIND_CLOSURE },
  { "discharged", CHRONO_KIND_CLOSURE },
  { "court", CHRONO_KIND_COURT },
  { "hearing", CHRONO_KIND_COURT },
  { "court hearing", CHRONO_KIND_COURT },
  { "sentence", CHRONO_KIND_COURT },
  { "sentencing", CHRONO_KIND_COURT },
  { "conviction", CHRONO_KIND_COURT },
  { "trial", CHRONO_KIND_COURT },
  { "remand", CHRONO_KIND_COURT },
  { "custody", CHRONO_KIND_CUSTODY },
  { "prison", CHRONO_KIND_CUSTODY },
  { "imprisonment", CHRONO_KIND_CUSTODY },
  { "remand in custody", CHRONO_KIND_CUSTODY },
  { "admission", CHRONO_KIND_ADMISSION },
  { "hospital admission", CHRONO_KIND_ADMISSION },
  { "admitted", CHRONO_KIND_ADMISSION },
  { "detained", CHRONO_KIND_ADMISSION },
  { "sectioned", CHRONO_KIND_ADMISSION },
  { "plan", CHRONO_KIND_PLAN },
  { "child protection plan", CHRONO_KIND_PLAN },
  { "cp plan", CHRONO_KIND_PLAN },
  { "child in need plan", CHRONO_KIND_PLAN },
  { "care plan", CHRONO_KIND_PLAN },
  { "intelligence", CHRONO_KIND_INTELLIGENCE },
  { "intel", CHRONO_KIND_INTELLIGENCE },
  { "information received", CHRONO_KIND_INTELLIGENCE },
  { "note", CHRONO_KIND_OTHER },
  { "case note", CHRONO_KIND_OTHER },
  { "other", CHRONO_KIND_OTHER },
  { "information", CHRONO_KIND_OTHER },
  { "letter", CHRONO_KIND_OTHER },
  { "email", CHRONO_KIND_OTHER },
  { "record", CHRONO_KIND_OTHER },
};

/* Strong words in free text, most specific first.  Matched on word
 * boundaries in the normalised text. */
static const KindWord text_words[] = {
  { "marac", CHRONO_KIND_MEETING },
  { "strategy meeting", CHRONO_KIND_MEETING },
  { "strategy discussion", CHRONO_KIND_MEETING },
  { "case conference", CHRONO_KIND_MEETING },
  { "child protection conference", CHRONO_KIND_MEETING },
  { "child protection plan", CHRONO_KIND_PLAN },
  { "remanded in custody", CHRONO_KIND_CUSTODY },
  { "sentenced", CHRONO_KIND_COURT },
  { "magistrates", CHRONO_KIND_COURT },
  { "crown court", CHRONO_KIND_COURT },
  { "admitted to hospital", CHRONO_KIND_ADMISSION },
  { "detained under section", CHRONO_KIND_ADMISSION },
  { "rang 999", CHRONO_KIND_INCIDENT },
  { "999 call", CHRONO_KIND_INCIDENT },
  { "referral", CHRONO_KIND_REFERRAL },
  { "referred", CHRONO_KIND_REFERRAL },
};

char *
chrono_vocabulary_normalise (const char *text)
{
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (c == '\'' || c == 0x2019 || c == 0x2018 || c == '.')
        continue;
      if (c == '&')
        {
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, "and");
          space = TRUE;
          continue;
        }
      if (g_unichar_isalnum (c))
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, g_unichar_tolower (c));
        }
      else
        space = TRUE;
    }
  return g_string_free (out, FALSE);
}

static gboolean
lookup_label (const char *normalised,
              ChronoKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (strcmp (labels[i].words, normalised) == 0)
        {
          *kind = labels[i].kind;
          return TRUE;
        }
    }
  return FALSE;
}

/* TRUE when @needle occurs in @haystack on word boundaries. */
static gboolean
has_words (const char *haystack,
           const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    {
      gboolean start_ok = p == haystack || p[-1] == ' ';
      gboolean end_ok = p[n] == '\0' || p[n] == ' ';

      if (start_ok && end_ok)
        return TRUE;
    }
  return FALSE;
}

gboolean
chrono_vocabulary_kind_from_label (const char *label,
                                   ChronoKind *kind)
{
  g_autofree char *norm = chrono_vocabulary_normalise (label);
  guint best_len = 0;

  if (*norm == '\0')
    return FALSE;
  if (lookup_label (norm, kind))
    return TRUE;

  /* "Unannounced home visit", "Telephone contact with mother": the longest
   * known label inside the cell decides. */
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      guint len = strlen (labels[i].words);

      if (len > best_len && has_words (norm, labels[i].words))
        {
          best_len = len;
          *kind = labels[i].kind;
        }
    }
  return best_len > 0;
}

gboolean
chrono_vocabulary_split_prefix (const char  *text,
                                ChronoKind  *kind,
                                char       **label,
                                gsize       *rest_offset)
{
  const char *p;
  g_autofree char *candidate = NULL;
  g_autofree char *norm = NULL;
  gsize label_len;

  if (text == NULL)
    return FALSE;

  /* A short run of letters and spaces, then ":" or " - " / " – ". */
  for (p = text; *p != '\0' && (p - text) < 40; p++)
    {
      if (*p == ':' || (p > text && p[-1] == ' ' && (*p == '-' || g_str_has_prefix (p, "–"))))
        break;
      if (!g_ascii_isalnum (*p) && *p != ' ' && *p != '/' && *p != '\'')
        return FALSE;
    }
  if (*p == '\0' || (p - text) >= 40 || p == text)
    return FALSE;

  label_len = (gsize) (p - text);
  candidate = g_strstrip (g_strndup (text, label_len));
  norm = chrono_vocabulary_normalise (candidate);
  if (!lookup_label (norm, kind))
    return FALSE;

  p += (*p == ':' || *p == '-') ? 1 : strlen ("–");
  while (*p == ' ')
    p++;
  if (*p == '\0')
    return FALSE;

  if (label != NULL)
    *label = g_steal_pointer (&candidate);
  *rest_offset = (gsize) (p - text);
  return TRUE;
}

gboolean
chrono_vocabulary_kind_from_text (const char *text,
                                  ChronoKind *kind)
{
  g_autofree char *norm = chrono_vocabulary_normalise (text);

  for (guint i = 0; i < G_N_ELEMENTS (text_words); i++)
    {
      if (has_words (norm, text_words[i].words))
        {
          *kind = text_words[i].kind;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
chrono_vocabulary_allocation (const char       *text,
                              ChronoAllocation *allocation)
{
  static const struct { const char *words; ChronoAllocation value; } phrases[] = {
    { "awaiting allocation", CHRONO_ALLOCATION_UNALLOCATED },
    { "not allocated", CHRONO_ALLOCATION_UNALLOCATED },
    { "unallocated", CHRONO_ALLOCATION_UNALLOCATED },
    { "worker left", CHRONO_ALLOCATION_UNALLOCATED },
    { "no allocated worker", CHRONO_ALLOCATION_UNALLOCATED },
    { "case closed", CHRONO_ALLOCATION_CLOSED },
    { "closed the case", CHRONO_ALLOCATION_CLOSED },
    { "allocated to", CHRONO_ALLOCATION_ALLOCATED },
    { "case allocated", CHRONO_ALLOCATION_ALLOCATED },
    { "reallocated", CHRONO_ALLOCATION_ALLOCATED },
  };
  g_autofree char *norm = chrono_vocabulary_normalise (text);
  const char *first = NULL;
  ChronoAllocation found = CHRONO_ALLOCATION_NONE;

  /* The phrase that comes first in the text wins: "Case closed. … had
   * been allocated to …" is a closure. */
  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    {
      const char *at = strstr (norm, phrases[i].words);

      if (at != NULL && (first == NULL || at < first))
        {
          first = at;
          found = phrases[i].value;
        }
    }
  if (first == NULL)
    return FALSE;
  *allocation = found;
  return TRUE;
}

gboolean
chrono_vocabulary_risk (const char *text,
                        ChronoRisk *risk)
{
  static const char * const patterns[] = {
    "risk assessed as ", "risk graded as ", "risk graded ", "assessed as ", "graded as ",
    "rated as ", "risk level ", "risk was assessed as ",
  };
  g_autofree char *norm = chrono_vocabulary_normalise (text);

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      for (const char *at = strstr (norm, patterns[i]); at != NULL;
           at = strstr (at + 1, patterns[i]))
        {
          const char *word = at + strlen (patterns[i]);

          if (g_str_has_prefix (word, "high"))
            *risk = CHRONO_RISK_HIGH;
          else if (g_str_has_prefix (word, "medium"))
            *risk = CHRONO_RISK_MEDIUM;
          else if (g_str_has_prefix (word, "standard") || g_str_has_prefix (word, "low"))
            *risk = CHRONO_RISK_LOW;
          else
            continue;
          return TRUE;
        }
    }
  return FALSE;
}

char *
chrono_vocabulary_until (const char *text)
{
  const char *open;
  gsize len;

  if (text == NULL)
    return NULL;
  len = strlen (text);
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  if (len < 9 || text[len - 1] != ')')
    return NULL;
  open = g_strrstr_len (text, (gssize) len, "(until ");
  if (open == NULL)
    return NULL;
  open += strlen ("(until ");
  return g_strstrip (g_strndup (open, (gsize) (text + len - 1 - open)));
}

GStrv
chrono_vocabulary_split_names (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GRegex) separators = NULL;
  g_auto(GStrv) parts = NULL;

  if (text == NULL || *text == '\0')
    return g_strv_builder_end (builder);

  separators = g_regex_new ("\\s*(?:[;,|/\\n]|\\band\\b|&)\\s*", G_REGEX_OPTIMIZE, 0, NULL);
  parts = g_regex_split (separators, text, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (*item != '\0')
        g_strv_builder_add (builder, item);
    }
  return g_strv_builder_end (builder);
}

static GHashTable *
word_set (const char *text)
{
  g_autofree char *norm = chrono_vocabulary_normalise (text);
  g_auto(GStrv) words = g_strsplit (norm, " ", -1);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (strlen (words[i]) >= 3)
      g_hash_table_add (set, g_strdup (words[i]));
  return set;
}

double
chrono_vocabulary_similarity (const char *a,
                              const char *b)
{
  g_autoptr(GHashTable) set_a = word_set (a);
  g_autoptr(GHashTable) set_b = word_set (b);
  GHashTableIter iter;
  gpointer word;
  guint shared = 0, total;

  g_hash_table_iter_init (&iter, set_a);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    if (g_hash_table_contains (set_b, word))
      shared++;
  total = g_hash_table_size (set_a) + g_hash_table_size (set_b) - shared;
  return total > 0 ? (double) shared / total : 0.0;
}
