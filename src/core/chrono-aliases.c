/* chrono-aliases.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-aliases"

#include <string.h>

#include "chrono-aliases.h"
#include "chrono-vocabulary.h"

typedef struct
{
  char *alias;    /* normalised */
  char *agency;   /* display name, or a group's usual name */
  char *unit;     /* NULL when the alias names the whole agency */
} Alias;

struct _ChronoAliases
{
  GObject  parent_instance;

  GArray  *user;      /* Alias */
};

G_DEFINE_FINAL_TYPE (ChronoAliases, chrono_aliases, G_TYPE_OBJECT)

typedef struct
{
  const char *alias;   /* normalised */
  const char *group;   /* usual name of the agency */
  const char *unit;
} BuiltinAlias;

/* The usual names an agency goes by, and units that belong to one. */
static const BuiltinAlias builtin[] = {
  { "childrens social care", "Children's Social Care", NULL },
  { "csc", "Children's Social Care", NULL },
  { "childrens services", "Children's Social Care", NULL },
  { "childrens social services", "Children's Social Care", NULL },
  { "social care", "Children's Social Care", NULL },
  { "social services", "Children's Social Care", NULL },
  { "social worker", "Children's Social Care", NULL },
  { "childrens social work", "Children's Social Care", NULL },
  { "mash", "Children's Social Care", "MASH" },
  { "police", "Police", NULL },
  { "the police", "Police", NULL },
  { "dasu", "Police", "DASU" },
  { "domestic abuse support unit", "Police", "DASU" },
  { "dpmu", "Police", "DPMU" },
  { "dangerous persons management unit", "Police", "DPMU" },
  { "ppu", "Police", "PPU" },
  { "public protection unit", "Police", "PPU" },
  { "cid", "Police", "CID" },
  { "witness care unit", "Police", "Witness Care Unit" },
  { "response", "Police", "Response" },
  { "probation", "Probation", NULL },
  { "probation service", "Probation", NULL },
  { "national probation service", "Probation", NULL },
  { "nps", "Probation", NULL },
  { "crc", "Probation", NULL },
  { "offender manager", "Probation", NULL },
  { "health", "Health", NULL },
  { "nhs", "Health", NULL },
  { "gp", "Health", "GP" },
  { "general practitioner", "Health", "GP" },
  { "health visitor", "Health", "Health Visitor" },
  { "hv", "Health", "Health Visitor" },
  { "school nurse", "Health", "School Nurse" },
  { "midwife", "Health", "Midwifery" },
  { "midwifery", "Health", "Midwifery" },
  { "emergency department", "Health", "Emergency Department" },
  { "ed", "Health", "Emergency Department" },
  { "a and e", "Health", "Emergency Department" },
  { "hospital", "Health", NULL },
  { "cmht", "Health", "CMHT" },
  { "community mental health team", "Health", "CMHT" },
  { "mental health", "Health", "Mental Health" },
  { "womens aid", "Women's Aid", NULL },
  { "idva", "Women's Aid", "IDVA" },
  { "domestic abuse service", "Women's Aid", NULL },
  { "victim support", "Victim Support", NULL },
  { "housing", "Housing", NULL },
  { "housing association", "Housing", NULL },
  { "landlord", "Housing", NULL },
  { "education", "Education", NULL },
  { "school", "Education", NULL },
  { "college", "Education", NULL },
  { "nursery", "Education", NULL },
  { "courts", "Courts", NULL },
  { "court", "Courts", NULL },
  { "magistrates court", "Courts", NULL },
  { "crown court", "Courts", NULL },
  { "crown prosecution service", "Crown Prosecution Service", NULL },
  { "cps", "Crown Prosecution Service", NULL },
  { "prisons", "Prisons", NULL },
  { "prison", "Prisons", NULL },
  { "prison service", "Prisons", NULL },
  { "hmp", "Prisons", NULL },
  { "marac", "MARAC", NULL },
  { "mappa", "MAPPA", NULL },
};

/* Words that put a lane's own name in a group: "Nottinghamshire Police" is
 * the police, "Leeds Children's Services" children's social care. */
static const BuiltinAlias group_words[] = {
  { "police", "Police", NULL },
  { "constabulary", "Police", NULL },
  { "probation", "Probation", NULL },
  { "childrens", "Children's Social Care", NULL },
  { "social care", "Children's Social Care", NULL },
  { "health", "Health", NULL },
  { "nhs", "Health", NULL },
  { "hospital", "Health", NULL },
  { "womens aid", "Women's Aid", NULL },
  { "housing", "Housing", NULL },
  { "homes", "Housing", NULL },
  { "education", "Education", NULL },
  { "school", "Education", NULL },
  { "court", "Courts", NULL },
  { "prosecution", "Crown Prosecution Service", NULL },
  { "prison", "Prisons", NULL },
  { "victim support", "Victim Support", NULL },
  { "marac", "MARAC", NULL },
};

static void
alias_clear (gpointer data)
{
  Alias *alias = data;

  g_free (alias->alias);
  g_free (alias->agency);
  g_free (alias->unit);
}

static void
chrono_aliases_finalize (GObject *object)
{
  ChronoAliases *self = CHRONO_ALIASES (object);

  g_clear_pointer (&self->user, g_array_unref);

  G_OBJECT_CLASS (chrono_aliases_parent_class)->finalize (object);
}

static void
chrono_aliases_class_init (ChronoAliasesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chrono_aliases_finalize;
}

static void
chrono_aliases_init (ChronoAliases *self)
{
  self->user = g_array_new (FALSE, TRUE, sizeof (Alias));
  g_array_set_clear_func (self->user, alias_clear);
}

ChronoAliases *
chrono_aliases_new (void)
{
  return g_object_new (CHRONO_TYPE_ALIASES, NULL);
}

void
chrono_aliases_add (ChronoAliases *self,
                    const char    *alias,
                    const char    *agency,
                    const char    *unit)
{
  g_autofree char *norm = NULL;
  Alias entry;

  g_return_if_fail (CHRONO_IS_ALIASES (self));
  g_return_if_fail (alias != NULL && agency != NULL);

  norm = chrono_vocabulary_normalise (alias);
  for (guint i = 0; i < self->user->len; i++)
    {
      if (strcmp (g_array_index (self->user, Alias, i).alias, norm) == 0)
        {
          g_array_remove_index (self->user, i);
          break;
        }
    }
  entry.alias = g_steal_pointer (&norm);
  entry.agency = g_strdup (agency);
  entry.unit = (unit != NULL && *unit != '\0') ? g_strdup (unit) : NULL;
  g_array_append_val (self->user, entry);
}

gboolean
chrono_aliases_load (ChronoAliases  *self,
                     ChronoStore    *store,
                     GError        **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (CHRONO_IS_ALIASES (self), FALSE);
  g_return_val_if_fail (CHRONO_IS_STORE (store), FALSE);

  text = chrono_store_get_meta (store, "aliases");
  if (text == NULL)
    return TRUE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], "\t", 3);

      if (g_strv_length (parts) >= 2 && *parts[0] != '\0' && *parts[1] != '\0')
        chrono_aliases_add (self, parts[0], parts[1], parts[2]);
    }
  return TRUE;
}

gboolean
chrono_aliases_save (ChronoAliases  *self,
                     ChronoStore    *store,
                     GError        **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (CHRONO_IS_ALIASES (self), FALSE);
  g_return_val_if_fail (CHRONO_IS_STORE (store), FALSE);

  for (guint i = 0; i < self->user->len; i++)
    {
      Alias *a = &g_array_index (self->user, Alias, i);

      g_string_append_printf (text, "%s%s\t%s\t%s", i ? "\n" : "", a->alias, a->agency,
                              a->unit != NULL ? a->unit : "");
    }
  return chrono_store_set_meta (store, "aliases", text->str, error);
}

static const char *
group_of_lane (const char *lane_norm)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
    if (strcmp (builtin[i].alias, lane_norm) == 0)
      return builtin[i].group;
  for (guint i = 0; i < G_N_ELEMENTS (group_words); i++)
    if (strstr (lane_norm, group_words[i].alias) != NULL)
      return group_words[i].group;
  return NULL;
}

/* The lane whose own name, or whose group, is @agency. */
static const char *
find_lane (const char * const *lanes,
           const char         *agency)
{
  g_autofree char *norm = chrono_vocabulary_normalise (agency);

  if (lanes == NULL)
    return NULL;
  for (guint i = 0; lanes[i] != NULL; i++)
    {
      g_autofree char *lane = chrono_vocabulary_normalise (lanes[i]);
      if (strcmp (lane, norm) == 0)
        return lanes[i];
    }
  for (guint i = 0; lanes[i] != NULL; i++)
    {
      g_autofree char *lane = chrono_vocabulary_normalise (lanes[i]);
      if (g_strcmp0 (group_of_lane (lane), agency) == 0)
        return lanes[i];
    }
  return NULL;
}

static gboolean
lookup_alias (ChronoAliases  *self,
              const char     *norm,
              const char    **agency,
              const char    **unit)
{
  for (guint i = 0; i < self->user->len; i++)
    {
      Alias *a = &g_array_index (self->user, Alias, i);
      if (strcmp (a->alias, norm) == 0)
        {
          *agency = a->agency;
          *unit = a->unit;
          return TRUE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
    {
      if (strcmp (builtin[i].alias, norm) == 0)
        {
          *agency = builtin[i].group;
          *unit = builtin[i].unit;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
chrono_aliases_resolve (ChronoAliases       *self,
                        const char          *name,
                        const char * const  *lanes,
                        char               **agency,
                        char               **unit)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *norm = NULL;
  const char *alias_agency = NULL, *alias_unit = NULL;
  const char *lane;

  g_return_val_if_fail (CHRONO_IS_ALIASES (self), FALSE);

  trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  norm = chrono_vocabulary_normalise (trimmed);
  *agency = NULL;
  *unit = NULL;
  if (*norm == '\0')
    return FALSE;

  /* "informed police", "told the GP": drop a leading verb. */
  for (const char * const *verb = (const char * const[]) { "informed ", "told ", "shared with ",
                                                            "passed to ", "sent to ", NULL };
       *verb != NULL; verb++)
    {
      if (g_str_has_prefix (norm, *verb))
        {
          char *rest = g_strdup (norm + strlen (*verb));
          g_free (norm);
          norm = rest;
          break;
        }
    }
  if (g_str_has_prefix (norm, "the "))
    memmove (norm, norm + 4, strlen (norm + 4) + 1);

  if ((lane = find_lane (lanes, trimmed)) != NULL && !lookup_alias (self, norm, &alias_agency,
                                                                     &alias_unit))
    {
      *agency = g_strdup (lane);
      return TRUE;
    }

  if (lookup_alias (self, norm, &alias_agency, &alias_unit) ||
      (alias_agency = group_of_lane (norm)) != NULL)
    {
      lane = find_lane (lanes, alias_agency);
      *agency = g_strdup (lane != NULL ? lane : alias_agency);
      *unit = g_strdup (alias_unit);
      return TRUE;
    }

  *agency = g_steal_pointer (&trimmed);
  return FALSE;
}

char *
chrono_aliases_suggest_for_file (ChronoAliases *self,
                                 const char    *path)
{
  g_autofree char *base = NULL;
  g_autofree char *norm = NULL;
  g_autoptr(GString) words = g_string_new (NULL);
  const char *alias_agency = NULL, *alias_unit = NULL;
  static const char * const noise[] = { "chronology", "chron", "submission", "final", "draft",
                                        "dhr", "v1", "v2", "v3", "copy", NULL };
  char *dot;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (CHRONO_IS_ALIASES (self), NULL);

  base = g_path_get_basename (path);
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  norm = chrono_vocabulary_normalise (base);

  /* Drop words that describe the document rather than the agency; a lone
   * "s" is an apostrophe the file name lost ("women-s-aid"). */
  parts = g_strsplit (norm, " ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0' || g_strv_contains (noise, parts[i]))
        continue;
      if (strcmp (parts[i], "s") == 0 && words->len > 0)
        {
          g_string_append_c (words, 's');
          continue;
        }
      if (words->len > 0)
        g_string_append_c (words, ' ');
      g_string_append (words, parts[i]);
    }
  if (words->len == 0)
    return NULL;

  if (lookup_alias (self, words->str, &alias_agency, &alias_unit))
    return g_strdup (alias_agency);

  /* Otherwise title-case the words: "nottinghamshire police". */
  {
    g_auto(GStrv) w = g_strsplit (words->str, " ", -1);
    g_autoptr(GString) out = g_string_new (NULL);

    for (guint i = 0; w[i] != NULL; i++)
      {
        if (out->len > 0)
          g_string_append_c (out, ' ');
        if (strlen (w[i]) <= 4 && lookup_alias (self, w[i], &alias_agency, &alias_unit) &&
            g_ascii_strcasecmp (alias_agency, w[i]) == 0)
          {
            g_autofree char *up = g_ascii_strup (w[i], -1);
            g_string_append (out, up);
          }
        else
          {
            g_string_append_c (out, g_ascii_toupper (w[i][0]));
            g_string_append (out, w[i] + 1);
          }
      }
    return g_string_free (g_steal_pointer (&out), FALSE);
  }
}
