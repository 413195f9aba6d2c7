/* chrono-kinds.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-kinds"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chrono-kinds.h"

static const char * const kind_words[CHRONO_N_KINDS] = {
  "other", "contact", "incident", "referral", "meeting", "assessment", "allocation",
  "closure", "court", "custody", "admission", "plan", "intelligence",
};

static const char * const allocation_words[] = { "", "allocated", "unallocated", "closed" };
static const char * const risk_words[] = { "", "low", "medium", "high" };

static gboolean
lookup_word (const char * const *words,
             guint               n_words,
             const char         *text,
             guint              *index)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < n_words; i++)
    {
      if (g_ascii_strcasecmp (words[i], text) == 0)
        {
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
chrono_kind_to_string (ChronoKind kind)
{
  g_return_val_if_fail (kind < CHRONO_N_KINDS, "other");
  return kind_words[kind];
}

gboolean
chrono_kind_from_string (const char *text,
                         ChronoKind *kind)
{
  guint i;

  if (!lookup_word (kind_words, G_N_ELEMENTS (kind_words), text, &i))
    return FALSE;
  *kind = (ChronoKind) i;
  return TRUE;
}

const char *
chrono_kind_to_label (ChronoKind kind)
{
  switch (kind)
    {
    case CHRONO_KIND_CONTACT:      return _("Contact");
    case CHRONO_KIND_INCIDENT:     return _("Incident");
    case CHRONO_KIND_REFERRAL:     return _("Referral");
    case CHRONO_KIND_MEETING:      return _("Meeting");
    case CHRONO_KIND_ASSESSMENT:   return _("Assessment");
    case CHRONO_KIND_ALLOCATION:   return _("Allocation");
    case CHRONO_KIND_CLOSURE:      return _("Closure");
    case CHRONO_KIND_COURT:        return _("Court");
    case CHRONO_KIND_CUSTODY:      return _("Custody");
    case CHRONO_KIND_ADMISSION:    return _("Admission");
    case CHRONO_KIND_PLAN:         return _("Plan");
    case CHRONO_KIND_INTELLIGENCE: return _("Intelligence");
    case CHRONO_KIND_OTHER:
    case CHRONO_N_KINDS:
    default:                       return _("Other");
    }
}

const char *
chrono_allocation_to_string (ChronoAllocation allocation)
{
  g_return_val_if_fail (allocation <= CHRONO_ALLOCATION_CLOSED, "");
  return allocation_words[allocation];
}

gboolean
chrono_allocation_from_string (const char       *text,
                               ChronoAllocation *allocation)
{
  guint i;

  if (!lookup_word (allocation_words, G_N_ELEMENTS (allocation_words), text, &i))
    return FALSE;
  *allocation = (ChronoAllocation) i;
  return TRUE;
}

const char *
chrono_risk_to_string (ChronoRisk risk)
{
  g_return_val_if_fail (risk <= CHRONO_RISK_HIGH, "");
  return risk_words[risk];
}

gboolean
chrono_risk_from_string (const char *text,
                         ChronoRisk *risk)
{
  guint i;

  if (!lookup_word (risk_words, G_N_ELEMENTS (risk_words), text, &i))
    return FALSE;
  *risk = (ChronoRisk) i;
  return TRUE;
}

GStrv
chrono_split_list (const char *text)
{
  GPtrArray *items = g_ptr_array_new ();
  const char *p = text != NULL ? text : "";

  /* One pass: items between ';', trimmed, blanks dropped. */
  while (*p != '\0')
    {
      const char *end = strchr (p, ';');
      const char *stop = end != NULL ? end : p + strlen (p);
      const char *a = p, *b = stop;

      while (a < b && g_ascii_isspace (*a))
        a++;
      while (b > a && g_ascii_isspace (b[-1]))
        b--;
      if (b > a)
        g_ptr_array_add (items, g_strndup (a, (gsize) (b - a)));
      if (end == NULL)
        break;
      p = end + 1;
    }
  g_ptr_array_add (items, NULL);
  return (GStrv) g_ptr_array_free (items, FALSE);
}

char *
chrono_join_list (const char * const *items)
{
  if (items == NULL)
    return g_strdup ("");
  return g_strjoinv (";", (char **) items);
}
