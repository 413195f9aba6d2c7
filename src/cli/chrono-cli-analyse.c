/* chrono-cli-analyse.c: gaps, unallocated periods and unshared information
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronoscope-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chrono-analysis.h"
#include "chrono-cli-commands.h"
#include "chrono-marks.h"

/* JSON strings by hand: quotes, backslashes and control characters
 * escaped; anything that is not valid UTF-8 made valid first. */
static void
json_string (GString    *out,
             const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_date (GString          *out,
           const ChronoDate *date)
{
  g_autofree char *iso = chrono_date_is_set (date) ? chrono_date_to_iso (date) : NULL;
  json_string (out, iso);
}

static void
json_strv (GString            *out,
           const char * const *items)
{
  g_string_append_c (out, '[');
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      json_string (out, items[i]);
    }
  g_string_append_c (out, ']');
}

static void
json_key (GString    *out,
          const char *key)
{
  json_string (out, key);
  g_string_append (out, ": ");
}

static void
json_common (GString       *out,
             ChronoFinding *f)
{
  g_string_append (out, ", ");
  json_key (out, "severity");
  json_string (out, chrono_severity_to_string (chrono_finding_get_severity (f)));
  g_string_append (out, ", ");
  json_key (out, "status");
  json_string (out, chrono_finding_status_to_string (chrono_finding_get_status (f)));
  g_string_append (out, ", ");
  json_key (out, "events");
  json_strv (out, chrono_finding_get_event_refs (f));
  g_string_append (out, ", ");
  json_key (out, "key");
  json_string (out, chrono_finding_get_key (f));
}

static void
json_event (GString       *out,
            ChronoFinding *f)
{
  const char * const *refs = chrono_finding_get_event_refs (f);
  guint n = 0;
  const gint64 *ids = chrono_finding_get_event_ids (f, &n);

  if (refs[0] != NULL && *refs[0] != '\0')
    json_string (out, refs[0]);
  else if (n > 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, ids[0]);
  else
    g_string_append (out, "null");
}

static char *
to_json (ChronoAnalysis    *analysis,
         ChronoMarksLabels *labels)
{
  GListModel *model = chrono_analysis_get_findings (analysis);
  guint n = g_list_model_get_n_items (model);
  GString *out = g_string_new ("{\n");
  static const char * const sections[] = { "gaps", "unallocated", "unshared" };

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      gboolean first = TRUE;

      g_string_append (out, "  ");
      json_key (out, sections[s]);
      g_string_append (out, "[");
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ChronoFinding) f = g_list_model_get_item (model, i);
          ChronoFindingKind kind = chrono_finding_get_kind (f);
          guint section = kind == CHRONO_FINDING_GAP ? 0 : kind == CHRONO_FINDING_UNSHARED ? 2 : 1;
          guint n_ids = 0;
          const gint64 *ids = chrono_finding_get_event_ids (f, &n_ids);

          if (section != s)
            continue;
          g_string_append (out, first ? "\n    {" : ",\n    {");
          first = FALSE;
          json_key (out, "agency");
          json_string (out, chrono_finding_get_agency (f));
          switch (kind)
            {
            case CHRONO_FINDING_GAP:
              g_string_append (out, ", ");
              json_key (out, "subject");
              json_string (out, chrono_finding_get_subject (f));
              g_string_append (out, ", ");
              json_key (out, "unit");
              json_string (out, chrono_finding_get_unit (f));
              g_string_append (out, ", ");
              json_key (out, "from");
              json_date (out, chrono_finding_get_from (f));
              g_string_append (out, ", ");
              json_key (out, "to");
              json_date (out, chrono_finding_get_to (f));
              g_string_append_printf (out, ", \"days\": %d, ", chrono_finding_get_days (f));
              json_key (out, "rule");
              json_string (out, chrono_finding_get_rule_id (f));
              break;
            case CHRONO_FINDING_UNALLOCATED:
            case CHRONO_FINDING_UNACTIONED_REFERRAL:
              g_string_append (out, ", ");
              json_key (out, "subject");
              json_string (out, chrono_finding_get_subject (f));
              g_string_append (out, ", ");
              json_key (out, "from");
              json_date (out, chrono_finding_get_from (f));
              g_string_append (out, ", ");
              json_key (out, "to");
              json_date (out, chrono_finding_get_to (f));
              g_string_append (out, ", ");
              json_key (out, "kind");
              json_string (out, chrono_finding_kind_to_string (kind));
              break;
            case CHRONO_FINDING_UNSHARED:
            case CHRONO_N_FINDING_KINDS:
            default:
              g_string_append (out, ", ");
              json_key (out, "event");
              json_event (out, f);
              g_string_append (out, ", ");
              json_key (out, "date");
              json_date (out, chrono_finding_get_from (f));
              g_string_append (out, ", ");
              json_key (out, "summary");
              json_string (out, n_ids > 0 ? chrono_marks_labels_get (labels, ids[0]) : "");
              g_string_append (out, ", ");
              json_key (out, "not_shared_with");
              json_strv (out, chrono_finding_get_not_shared_with (f));
              g_string_append (out, ", ");
              json_key (out, "basis");
              json_string (out, chrono_finding_basis_to_string (chrono_finding_get_basis (f)));
              break;
            }
          json_common (out, f);
          g_string_append (out, "}");
        }
      g_string_append (out, first ? "],\n" : "\n  ],\n");
    }

  {
    guint na = chrono_analysis_get_n_agencies (analysis);
    gboolean first = TRUE;

    g_string_append (out, "  \"sharing\": [");
    for (guint a = 0; a < na; a++)
      for (guint b = 0; b < na; b++)
        {
          guint shared = 0, not_shared = 0;

          if (a == b)
            continue;
          chrono_analysis_get_sharing (analysis, a, b, &shared, &not_shared);
          if (shared + not_shared == 0)
            continue;
          g_string_append (out, first ? "\n    {" : ",\n    {");
          first = FALSE;
          json_key (out, "from");
          json_string (out, chrono_analysis_get_agency_name (analysis, a));
          g_string_append (out, ", ");
          json_key (out, "to");
          json_string (out, chrono_analysis_get_agency_name (analysis, b));
          g_string_append_printf (out, ", \"shared\": %u, \"not_shared\": %u}", shared, not_shared);
        }
    g_string_append (out, first ? "],\n" : "\n  ],\n");

    first = TRUE;
    g_string_append (out, "  \"silo\": [");
    for (guint a = 0; a < na; a++)
      {
        double score = chrono_analysis_get_silo_score (analysis, a);

        if (score < 0)
          continue;
        g_string_append (out, first ? "\n    {" : ",\n    {");
        first = FALSE;
        json_key (out, "agency");
        json_string (out, chrono_analysis_get_agency_name (analysis, a));
        g_string_append_printf (out, ", \"score\": %.3f}", score);
      }
    g_string_append (out, first ? "]\n" : "\n  ]\n");
  }
  g_string_append (out, "}\n");
  return g_string_free (out, FALSE);
}

static void
print_text (ChronoAnalysis *analysis)
{
  GListModel *model = chrono_analysis_get_findings (analysis);
  guint n = g_list_model_get_n_items (model);
  ChronoFindingKind last = CHRONO_N_FINDING_KINDS;
  guint na = chrono_analysis_get_n_agencies (analysis);

  printf (g_dngettext (GETTEXT_PACKAGE, "%u finding\n", "%u findings\n", n), n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoFinding) f = g_list_model_get_item (model, i);
      ChronoFindingKind kind = chrono_finding_get_kind (f);

      if (kind != last)
        {
          printf ("\n%s (%u)\n", chrono_finding_kind_to_label (kind),
                  chrono_analysis_count (analysis, kind));
          last = kind;
        }
      printf ("  [%s] %s\n", chrono_severity_to_string (chrono_finding_get_severity (f)),
              chrono_finding_get_explanation (f));
      printf ("         %s\n", chrono_finding_get_rule_text (f));
      if (chrono_finding_get_status (f) != CHRONO_FINDING_OPEN)
        printf (_("         %s: %s\n"), chrono_finding_status_to_string (chrono_finding_get_status (f)),
                chrono_finding_get_reason (f));
    }

  printf ("\n%s\n", _("Risk information passed / withheld"));
  for (guint a = 0; a < na; a++)
    for (guint b = 0; b < na; b++)
      {
        guint shared = 0, not_shared = 0;

        if (a == b)
          continue;
        chrono_analysis_get_sharing (analysis, a, b, &shared, &not_shared);
        if (shared + not_shared > 0)
          printf ("  %-28s → %-28s %4u / %u\n", chrono_analysis_get_agency_name (analysis, a),
                  chrono_analysis_get_agency_name (analysis, b), shared, not_shared);
      }
  printf ("\n%s\n", _("Silo score (share of risk information not passed to agencies involved)"));
  for (guint a = 0; a < na; a++)
    {
      double score = chrono_analysis_get_silo_score (analysis, a);

      if (score >= 0)
        printf ("  %-28s %3.0f%%\n", chrono_analysis_get_agency_name (analysis, a), 100 * score);
    }
}

/* "--set RULE=VALUE" or "--set RULE@AGENCY=VALUE". */
static gboolean
apply_setting (ChronoRules *rules,
               const char  *text)
{
  g_autofree char *copy = g_strdup (text);
  char *eq = strrchr (copy, '=');
  char *at, *end;
  long value;

  if (eq == NULL)
    return FALSE;
  *eq = '\0';
  value = strtol (eq + 1, &end, 10);
  if (*end != '\0' || end == eq + 1)
    return FALSE;
  at = strchr (copy, '@');
  if (at != NULL)
    *at++ = '\0';
  if (chrono_rules_lookup_info (copy) == NULL)
    return FALSE;
  chrono_rules_set (rules, copy, at, (int) value);
  return TRUE;
}

int
chrono_cli_analyse (int    argc,
                    char **argv)
{
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(ChronoAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) settings = g_ptr_array_new ();
  const char *path = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--json") == 0)
        json = TRUE;
      else if (strcmp (argv[i], "--set") == 0 && i + 1 < argc)
        g_ptr_array_add (settings, argv[++i]);
      else if (g_str_has_prefix (argv[i], "--set="))
        g_ptr_array_add (settings, argv[i] + strlen ("--set="));
      else if (g_str_has_prefix (argv[i], "-"))
        {
          chrono_cli_fail (_("analyse: unknown option “%s”"), argv[i]);
          return 1;
        }
      else if (path == NULL)
        path = argv[i];
      else
        {
          chrono_cli_fail (_("usage: chronoscope-cli analyse CASE [--json] [--set RULE[@AGENCY]=VALUE]…"));
          return 1;
        }
    }
  if (path == NULL)
    {
      chrono_cli_fail (_("usage: chronoscope-cli analyse CASE [--json] [--set RULE[@AGENCY]=VALUE]…"));
      return 1;
    }

  store = chrono_store_open (path, CHRONO_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      chrono_cli_fail ("%s", error->message);
      return 1;
    }
  analysis = chrono_analysis_new (store);
  for (guint i = 0; i < settings->len; i++)
    if (!apply_setting (chrono_analysis_get_rules (analysis), g_ptr_array_index (settings, i)))
      {
        chrono_cli_fail (_("analyse: “%s” is not RULE=DAYS or RULE@AGENCY=DAYS with a known rule"),
                         (const char *) g_ptr_array_index (settings, i));
        return 1;
      }
  if (!chrono_analysis_run (analysis, NULL, &error))
    {
      chrono_cli_fail ("%s", error->message);
      return 1;
    }

  if (json)
    {
      g_autoptr(ChronoMarksLabels) labels = chrono_marks_labels_new (store);
      g_autofree char *text = to_json (analysis, labels);

      fputs (text, stdout);
    }
  else
    print_text (analysis);
  return 0;
}
