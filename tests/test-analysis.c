/* test-analysis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each rule on small hand-made cases with exact expected findings, the
 * words the analysis reads, decisions and settings kept in the case, the
 * command's JSON, and recall against the published review's own findings
 * for the sample case (from the merged chronology, and from the agencies'
 * raw submissions).
 */
#define G_LOG_DOMAIN "test-analysis"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "chrono-analysis-private.h"
#include "chrono-analysis.h"
#include "chrono-exchange.h"
#include "chrono-importer.h"
#include "chrono-store.h"

/* ------------------------------------------------------------------------ */
/* A small JSON reader (json-glib is not a dependency)                      */

typedef enum
{
  J_NULL,
  J_BOOL,
  J_NUMBER,
  J_STRING,
  J_ARRAY,
  J_OBJECT,
} JType;

typedef struct _JNode JNode;
struct _JNode
{
  JType      type;
  char      *string;
  double     number;
  GPtrArray *items;   /* JNode *, arrays and object values */
  GPtrArray *keys;    /* char *, objects */
};

static void
jnode_free (JNode *node)
{
  if (node == NULL)
    return;
  g_free (node->string);
  g_clear_pointer (&node->items, g_ptr_array_unref);
  g_clear_pointer (&node->keys, g_ptr_array_unref);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JNode, jnode_free)

static void
skip_ws (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
    (*p)++;
}

static JNode *parse_value (const char **p);

static char *
parse_string (const char **p)
{
  GString *s = g_string_new (NULL);

  if (**p != '"')
    goto fail;
  (*p)++;
  while (**p != '"')
    {
      guchar c = (guchar) **p;

      if (c == '\0' || c < 0x20)
        goto fail;
      if (c == '\\')
        {
          (*p)++;
          switch (**p)
            {
            case '"': g_string_append_c (s, '"'); break;
            case '\\': g_string_append_c (s, '\\'); break;
            case '/': g_string_append_c (s, '/'); break;
            case 'b': g_string_append_c (s, '\b'); break;
            case 'f': g_string_append_c (s, '\f'); break;
            case 'n': g_string_append_c (s, '\n'); break;
            case 'r': g_string_append_c (s, '\r'); break;
            case 't': g_string_append_c (s, '\t'); break;
            case 'u':
              {
                char hex[5] = { 0 };
                gunichar u;

                for (int i = 0; i < 4; i++)
                  {
                    if (!g_ascii_isxdigit ((*p)[1 + i]))
                      goto fail;
                    hex[i] = (*p)[1 + i];
                  }
                u = (gunichar) g_ascii_strtoull (hex, NULL, 16);
                g_string_append_unichar (s, u);
                *p += 4;
                break;
              }
            default:
              goto fail;
            }
          (*p)++;
          continue;
        }
      g_string_append_c (s, (char) c);
      (*p)++;
    }
  (*p)++;
  if (!g_utf8_validate (s->str, s->len, NULL))
    goto fail;
  return g_string_free (s, FALSE);

fail:
  g_string_free (s, TRUE);
  return NULL;
}

static JNode *
parse_value (const char **p)
{
  g_autoptr(JNode) node = g_new0 (JNode, 1);

  skip_ws (p);
  if (**p == '{' || **p == '[')
    {
      gboolean object = **p == '{';
      char close = object ? '}' : ']';

      node->type = object ? J_OBJECT : J_ARRAY;
      node->items = g_ptr_array_new_with_free_func ((GDestroyNotify) jnode_free);
      node->keys = g_ptr_array_new_with_free_func (g_free);
      (*p)++;
      skip_ws (p);
      if (**p == close)
        {
          (*p)++;
          return g_steal_pointer (&node);
        }
      for (;;)
        {
          JNode *item;

          skip_ws (p);
          if (object)
            {
              char *key = parse_string (p);

              if (key == NULL)
                return NULL;
              g_ptr_array_add (node->keys, key);
              skip_ws (p);
              if (**p != ':')
                return NULL;
              (*p)++;
            }
          if ((item = parse_value (p)) == NULL)
            return NULL;
          g_ptr_array_add (node->items, item);
          skip_ws (p);
          if (**p == ',')
            {
              (*p)++;
              continue;
            }
          if (**p != close)
            return NULL;
          (*p)++;
          return g_steal_pointer (&node);
        }
    }
  if (**p == '"')
    {
      node->type = J_STRING;
      node->string = parse_string (p);
      return node->string != NULL ? g_steal_pointer (&node) : NULL;
    }
  if (g_str_has_prefix (*p, "null"))
    {
      *p += 4;
      node->type = J_NULL;
      return g_steal_pointer (&node);
    }
  if (g_str_has_prefix (*p, "true") || g_str_has_prefix (*p, "false"))
    {
      node->type = J_BOOL;
      node->number = **p == 't';
      *p += **p == 't' ? 4 : 5;
      return g_steal_pointer (&node);
    }
  if (**p == '-' || g_ascii_isdigit (**p))
    {
      char *end = NULL;

      node->type = J_NUMBER;
      node->number = g_ascii_strtod (*p, &end);
      if (end == *p)
        return NULL;
      *p = end;
      return g_steal_pointer (&node);
    }
  return NULL;
}

/* The whole text must be one JSON value. */
static JNode *
json_parse (const char *text)
{
  const char *p = text;
  g_autoptr(JNode) node = parse_value (&p);

  if (node == NULL)
    return NULL;
  skip_ws (&p);
  return *p == '\0' ? g_steal_pointer (&node) : NULL;
}

static JNode *
jget (JNode      *object,
      const char *key)
{
  if (object == NULL || object->type != J_OBJECT)
    return NULL;
  for (guint i = 0; i < object->keys->len; i++)
    if (strcmp (g_ptr_array_index (object->keys, i), key) == 0)
      return g_ptr_array_index (object->items, i);
  return NULL;
}

static const char *
jstr (JNode      *object,
      const char *key)
{
  JNode *n = jget (object, key);
  return n != NULL && n->type == J_STRING ? n->string : NULL;
}

static void
test_json_reader (void)
{
  g_autoptr(JNode) good = json_parse ("{\"a\": [1, -2.5e1, \"x\\u00e9\\n\", true, null], \"b\": {}}");
  g_autoptr(JNode) bad1 = json_parse ("{\"a\": [1, 2,]}");
  g_autoptr(JNode) bad2 = json_parse ("{\"a\": \"unterminated}");
  g_autoptr(JNode) bad3 = json_parse ("{\"a\": \"tab\there\"}");

  g_assert_nonnull (good);
  g_assert_cmpuint (jget (good, "a")->items->len, ==, 5);
  g_assert_cmpstr (((JNode *) g_ptr_array_index (jget (good, "a")->items, 2))->string, ==, "xé\n");
  g_assert_null (bad1);
  g_assert_null (bad2);
  g_assert_null (bad3);
}

/* ------------------------------------------------------------------------ */
/* Cases from a few exchange-format rows                                    */

#define HEADER "id,date,date_precision,time,end_date,agency,unit,subjects,kind,summary," \
               "shared_with,not_shared_with,allocation,risk,source\n"

typedef struct
{
  char           *dir;
  char           *path;
  ChronoStore    *store;
  ChronoAnalysis *analysis;
} Case;

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
case_free (Case *c)
{
  g_clear_object (&c->analysis);
  if (c->store != NULL)
    chrono_store_close (c->store);
  g_clear_object (&c->store);
  remove_tree (c->dir);
  g_free (c->dir);
  g_free (c->path);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Case, case_free)

static Case *
case_new (const char *rows)
{
  Case *c = g_new0 (Case, 1);
  g_autofree char *csv = NULL;
  g_autofree char *text = g_strconcat (HEADER, rows, NULL);
  g_autoptr(ChronoImportReport) report = chrono_import_report_new ("case.csv");
  g_autoptr(GError) error = NULL;

  c->dir = g_dir_make_tmp ("chrono-analysis-XXXXXX", &error);
  g_assert_no_error (error);
  csv = g_build_filename (c->dir, "case.csv", NULL);
  c->path = g_build_filename (c->dir, "case.chronoscope", NULL);
  g_assert_true (g_file_set_contents (csv, text, -1, NULL));
  c->store = chrono_store_open (c->path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (chrono_exchange_import (c->store, csv, NULL, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rejected, ==, 0);
  c->analysis = chrono_analysis_new (c->store);
  return c;
}

static void
case_run (Case *c)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (chrono_analysis_run (c->analysis, NULL, &error));
  g_assert_no_error (error);
}

static ChronoRules *
case_rules (Case *c)
{
  return chrono_analysis_get_rules (c->analysis);
}

/* Findings of one kind (in lane order, then by date) as lines: "agency|subject|from|to|days|rule" for
 * gaps and unallocated periods, "agency|event|basis|a;b" for unshared. */
static char *
describe (Case              *c,
          ChronoFindingKind  kind)
{
  GListModel *model = chrono_analysis_get_findings (c->analysis);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ChronoFinding) f = g_list_model_get_item (model, i);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autofree char *ns = NULL;

      if (chrono_finding_get_kind (f) != kind)
        continue;
      from = chrono_date_to_iso (chrono_finding_get_from (f));
      to = chrono_date_is_set (chrono_finding_get_to (f)) ? chrono_date_to_iso (chrono_finding_get_to (f))
                                                          : g_strdup ("-");
      ns = g_strjoinv (";", (char **) chrono_finding_get_not_shared_with (f));
      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (kind == CHRONO_FINDING_UNSHARED)
        g_string_append_printf (out, "%s|%s|%s|%s", chrono_finding_get_agency (f),
                                chrono_finding_get_event_refs (f)[0],
                                chrono_finding_basis_to_string (chrono_finding_get_basis (f)), ns);
      else
        g_string_append_printf (out, "%s|%s|%s|%s|%d|%s", chrono_finding_get_agency (f),
                                chrono_finding_get_subject (f), from, to,
                                chrono_finding_get_days (f), chrono_finding_get_rule_id (f));
      /* Every finding explains itself. */
      g_assert_cmpstr (chrono_finding_get_explanation (f), !=, "");
      g_assert_cmpstr (chrono_finding_get_rule_text (f), !=, "");
      g_assert_nonnull (chrono_finding_get_key (f));
    }
  return g_string_free (out, FALSE);
}

#define assert_findings(c, kind, expected)                    \
  G_STMT_START {                                              \
    g_autofree char *got_ = describe ((c), (kind));           \
    g_assert_cmpstr (got_, ==, (expected));                   \
  } G_STMT_END

/* ------------------------------------------------------------------------ */
/* The words a record's text is read for                                    */

static AnText
scan (const char *text)
{
  AnText t;

  _chrono_analysis_scan_text (text, strlen (text), &t);
  return t;
}

#define G(g) (1u << (g))

static void
test_text (void)
{
  AnText t;

  t = scan ("He mentioned working away; not passed to police or CSC and no Women's Safety Worker referral.");
  g_assert_true (t.flags & AN_TEXT_NOT_SHARED);
  g_assert_cmpuint (t.neg_mentions, ==, G (AN_GROUP_POLICE) | G (AN_GROUP_CSC));

  t = scan ("Core group heard he had been spotted in the school playground. Police/probation not told.");
  g_assert_true (t.flags & AN_TEXT_NOT_SHARED);
  g_assert_true (t.flags & AN_TEXT_SIGHTING);
  g_assert_cmpuint (t.neg_mentions, ==, G (AN_GROUP_POLICE) | G (AN_GROUP_PROBATION));
  g_assert_true (t.mentions & G (AN_GROUP_EDUCATION));

  t = scan ("Women’s Aid closed the case, emailing police; no MARAC referral.");
  g_assert_true (t.flags & AN_TEXT_NOT_SHARED);
  g_assert_cmpuint (t.neg_mentions, ==, G (AN_GROUP_MARAC));
  g_assert_true (t.mentions & G (AN_GROUP_DA_SERVICE));

  t = scan ("The officer never answered Victim Support’s request to confirm consent.");
  g_assert_cmpuint (t.neg_mentions, ==, G (AN_GROUP_VICTIM_SUPPORT));
  t = scan ("Stacey would not be heard at MARAC despite high risk.");
  g_assert_true (t.flags & AN_TEXT_NOT_SHARED);
  g_assert_true (t.flags & AN_TEXT_RISK_HIGH);
  t = scan ("No agency referred her back to MARAC.");
  g_assert_true (t.flags & AN_TEXT_NOT_SHARED);
  t = scan ("The officer ought to have passed her new address to DASU.");
  g_assert_true (t.flags & AN_TEXT_NOT_SHARED);
  g_assert_true (t.flags & AN_TEXT_ADDRESS);
  t = scan ("No liaison with other agencies was recorded.");
  g_assert_true (t.flags & AN_TEXT_NOT_SHARED);

  /* Not a failure to share. */
  t = scan ("Officers told her not to phone him so late.");
  g_assert_false (t.flags & AN_TEXT_NOT_SHARED);
  t = scan ("She was told no social worker was allocated.");
  g_assert_false (t.flags & AN_TEXT_NOT_SHARED);
  t = scan ("Checks raised nothing; no reason to raise the level or share.");
  g_assert_false (t.flags & AN_TEXT_NOT_SHARED);

  /* How a contact happened. */
  t = scan ("Social worker phoned Stacey, who was tearful.");
  g_assert_true (t.flags & AN_TEXT_REMOTE);
  g_assert_false (t.flags & AN_TEXT_IN_PERSON);
  t = scan ("The health visitor rang CSC; she had not visited mother or child since September.");
  g_assert_true (t.flags & AN_TEXT_REMOTE);
  g_assert_false (t.flags & AN_TEXT_IN_PERSON);
  t = scan ("Home visit: daughter seen alone.");
  g_assert_true (t.flags & AN_TEXT_IN_PERSON);
  t = scan ("Session cancelled by the worker.");
  g_assert_true (t.flags & AN_TEXT_UNSUCCESSFUL);
  t = scan ("Mother did not attend the appointment.");
  g_assert_true (t.flags & AN_TEXT_UNSUCCESSFUL);

  /* People in touch, or not. */
  t = scan ("He denied any contact with Stacey.");
  g_assert_false (t.flags & AN_TEXT_CONTACT);
  t = scan ("He said Stacey had tried to reach him on Facebook.");
  g_assert_true (t.flags & AN_TEXT_CONTACT);
  t = scan ("Back with Stacey but not moving in.");
  g_assert_false (t.flags & AN_TEXT_ADDRESS);
  t = scan ("Stacey moved into her own home near her mother.");
  g_assert_true (t.flags & AN_TEXT_ADDRESS);

  /* Risk levels, and orders. */
  t = scan ("Thornton sexual risk medium, violence risk high.");
  g_assert_true (t.flags & AN_TEXT_RISK_HIGH);
  g_assert_true (t.flags & AN_TEXT_RISK_MEDIUM);
  t = scan ("Risk assessed as high.");
  g_assert_true (t.flags & AN_TEXT_RISK_HIGH);
  t = scan ("A two-year community order and an open-ended restraining order.");
  g_assert_true (t.flags & AN_TEXT_SUPERVISION);
  g_assert_true (t.flags & AN_TEXT_ORDER);
  t = scan ("Daughter put on a child protection plan.");
  g_assert_true (t.flags & AN_TEXT_CP_PLAN);

  /* Mentions in a clause that denies something are no evidence. */
  t = scan ("Police not asked where he was.");
  g_assert_cmpuint (t.mentions, ==, 0);
  t = scan ("School nurse told the social worker she was worried.");
  g_assert_cmpuint (t.mentions, ==, G (AN_GROUP_HEALTH) | G (AN_GROUP_CSC));
}

/* ------------------------------------------------------------------------ */
/* Gaps in contact                                                          */

static void
test_gap_general (void)
{
  g_autoptr(Case) c = case_new (
    "A1,2010-12-20,,,,Housing,,Ann,allocation,Tenancy officer allocated,,,allocated,,\n"
    "A2,2011-01-01,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "A3,2011-01-20,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "A4,2011-03-01,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "A5,2011-03-20,,,,Housing,,Ann,closure,Case closed,,,,,\n"
    /* The police are not expected to keep regular contact. */
    "P1,2011-01-01,,,,Police,,Ann,contact,Officers saw Ann,,,,,\n"
    "P2,2011-06-01,,,,Police,,Ann,contact,Officers saw Ann,,,,,\n");

  case_run (c);
  assert_findings (c, CHRONO_FINDING_GAP,
                   "Housing|Ann|2011-01-20|2011-03-01|40|gap.general");

  /* The threshold is the case's, per agency. */
  chrono_rules_set (case_rules (c), CHRONO_RULE_GAP_GENERAL, "Housing", 45);
  case_run (c);
  assert_findings (c, CHRONO_FINDING_GAP, "");
  chrono_rules_set (case_rules (c), CHRONO_RULE_GAP_GENERAL, "Police", 100);
  case_run (c);
  assert_findings (c, CHRONO_FINDING_GAP,
                   "Police|Ann|2011-01-01|2011-06-01|151|gap.general");
}

static void
test_gap_counted_contacts (void)
{
  /* A phone call, a letter or a cancelled visit is not a counted contact;
   * an internal note is no contact at all. */
  g_autoptr(Case) c = case_new (
    "H1,2011-01-01,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "H2,2011-01-15,,,,Housing,,Ann,contact,Officer phoned Ann,,,,,\n"
    "H3,2011-01-25,,,,Housing,,Ann,contact,Letter sent to Ann,,,,,\n"
    "H4,2011-02-01,,,,Housing,,Ann,contact,Home visit cancelled,,,,,\n"
    "H5,2011-02-05,,,,Housing,,Ann,other,Internal note on the file,,,,,\n"
    "H6,2011-02-15,,,,Housing,,Ann,meeting,Meeting with Ann at the office,,,,,\n");

  case_run (c);
  assert_findings (c, CHRONO_FINDING_GAP,
                   "Housing|Ann|2011-01-01|2011-02-15|45|gap.general");
}

static void
test_gap_month_precision (void)
{
  /* A contact dated only "March 2011" cannot be placed on either side of
   * the contacts of 1 and 31 March: it closes no gap inside its month. */
  g_autoptr(Case) inside = case_new (
    "S1,2011-03-01,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "S2,2011-03,month,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "S3,2011-03-31,,,,Housing,,Ann,contact,Home visit,,,,,\n");
  /* A month-dated contact between contacts outside its month does count
   * (at best it shows contact somewhere in that month). */
  g_autoptr(Case) between = case_new (
    "S1,2011-01-10,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "S2,2011-02,month,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "S3,2011-03-25,,,,Housing,,Ann,contact,Home visit,,,,,\n");
  g_autoptr(Case) without = case_new (
    "S1,2011-01-10,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "S3,2011-03-25,,,,Housing,,Ann,contact,Home visit,,,,,\n");
  /* A gap ending in a month-dated contact lasts at least to its first day. */
  g_autoptr(Case) ends = case_new (
    "S1,2011-01-10,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "S2,2011-04,approx,,,Housing,,Ann,contact,Home visit,,,,,\n");

  chrono_rules_set (case_rules (inside), CHRONO_RULE_GAP_GENERAL, "Housing", 14);
  case_run (inside);
  assert_findings (inside, CHRONO_FINDING_GAP,
                   "Housing|Ann|2011-03-01|2011-03-31|30|gap.general");

  chrono_rules_set (case_rules (between), CHRONO_RULE_GAP_GENERAL, "Housing", 40);
  case_run (between);
  assert_findings (between, CHRONO_FINDING_GAP, "");
  chrono_rules_set (case_rules (without), CHRONO_RULE_GAP_GENERAL, "Housing", 40);
  case_run (without);
  assert_findings (without, CHRONO_FINDING_GAP,
                   "Housing|Ann|2011-01-10|2011-03-25|74|gap.general");

  case_run (ends);
  assert_findings (ends, CHRONO_FINDING_GAP,
                   "Housing|Ann|2011-01-10|2011-04|81|gap.general");
}

static void
test_gap_cp_plan (void)
{
  /* While the plan is active the child is seen every 14 days; the mother
   * is held to the general 28 days, the perpetrator to neither. */
  g_autoptr(Case) c = case_new (
    "C1,2011-01-01,,,,Children's Social Care,,Child A;Mother;Perpetrator,plan,"
    "Child A put on a child protection plan,,,,,\n"
    "C2,2011-01-02,,,,Children's Social Care,,Child A;Mother,allocation,Worker allocated,,,allocated,,\n"
    "C3,2011-01-05,,,,Children's Social Care,,Child A;Mother,contact,Home visit,,,,,\n"
    "C4,2011-01-15,,,,Children's Social Care,,Child A;Mother,contact,Home visit,,,,,\n"
    "C5,2011-02-10,,,,Children's Social Care,,Child A;Mother,contact,Home visit,,,,,\n"
    "C6,2011-02-20,,,,Children's Social Care,,Perpetrator,contact,Met him at the office,,,,,\n"
    "C7,2011-04-20,,,,Children's Social Care,,Perpetrator,contact,Met him at the office,,,,,\n"
    "C8,2011-02-21,,,,Children's Social Care,,Child A,contact,Child seen at school,,,,,\n");

  case_run (c);
  assert_findings (c, CHRONO_FINDING_GAP,
                   "Children's Social Care|Child A|2011-01-15|2011-02-10|26|gap.cp_plan");
  g_assert_cmpint (chrono_finding_get_severity (g_list_model_get_item (chrono_analysis_get_findings (c->analysis), 0)),
                   ==, CHRONO_SEVERITY_HIGH);
  g_object_unref (g_list_model_get_item (chrono_analysis_get_findings (c->analysis), 0));
}

static void
test_gap_supervision_and_custody (void)
{
  g_autoptr(Case) c = case_new (
    "K1,2011-01-01,,,,Courts,,Perpetrator,court,Sentenced to a community order with supervision,,,,,\n"
    "K2,2011-01-02,,,,Probation,,Perpetrator,allocation,Offender manager allocated,,,allocated,,\n"
    "K3,2011-01-05,,,,Probation,,Perpetrator,contact,Office appointment,,,,,\n"
    "K4,2011-04-20,,,,Probation,,Perpetrator,contact,Office appointment,,,,,\n"
    "K5,2011-05-25,,,,Probation,,Perpetrator,contact,Office appointment,,,,,\n");
  g_autoptr(Case) held = case_new (
    "K1,2011-01-01,,,,Courts,,Perpetrator,court,Sentenced to a community order with supervision,,,,,\n"
    "K2,2011-01-02,,,,Probation,,Perpetrator,allocation,Offender manager allocated,,,allocated,,\n"
    "K3,2011-01-05,,,,Probation,,Perpetrator,contact,Office appointment,,,,,\n"
    "K6,2011-01-15,,,2011-04-10,Prisons,,Perpetrator,custody,Remanded in custody,,,,,\n"
    "K4,2011-04-20,,,,Probation,,Perpetrator,contact,Office appointment,,,,,\n");

  case_run (c);
  assert_findings (c, CHRONO_FINDING_GAP,
                   "Probation|Perpetrator|2011-01-05|2011-04-20|105|gap.supervision\n"
                   "Probation|Perpetrator|2011-04-20|2011-05-25|35|gap.supervision");

  /* Time in custody does not count: he could not be seen. */
  case_run (held);
  assert_findings (held, CHRONO_FINDING_GAP, "");
}

static void
test_gap_discharge_and_high_risk (void)
{
  g_autoptr(Case) c = case_new (
    "D1,2011-02-01,,,2011-02-05,Health,,Ann,admission,Admitted to hospital,,,,,\n"
    "D2,2011-02-20,,,,Health,,Ann,contact,Seen by the GP,,,,,\n"
    "R1,2011-01-10,,,,Police,,Ann;Perpetrator,assessment,DASH risk assessment,,,,high,\n"
    "R2,2011-01-12,,,,Police,,Ann,contact,Officers saw Ann,,,,,\n"
    "R3,2011-03-01,,,,Police,,Ann,contact,Officers saw Ann,,,,,\n"
    "R4,2011-06-01,,,,Police,,Ann,contact,Officers saw Ann,,,,,\n");

  chrono_rules_set (case_rules (c), CHRONO_RULE_GAP_GENERAL, "Health", 0);
  case_run (c);
  /* Police: for 91 days after grading Ann at high risk (to 11 April) a
   * contact at least every 28 days; 1 March to 1 June misses that too (41
   * days of it fall in the period). */
  assert_findings (c, CHRONO_FINDING_GAP,
                   "Health|Ann|2011-02-05|2011-02-20|15|gap.discharge\n"
                   "Police|Ann|2011-01-12|2011-03-01|48|gap.high_risk\n"
                   "Police|Ann|2011-03-01|2011-06-01|92|gap.high_risk");

  /* A shorter period asks nothing of the second window. */
  chrono_rules_set (case_rules (c), CHRONO_RULE_GAP_HIGH_RISK_FOR, "Police", 60);
  case_run (c);
  assert_findings (c, CHRONO_FINDING_GAP,
                   "Health|Ann|2011-02-05|2011-02-20|15|gap.discharge\n"
                   "Police|Ann|2011-01-12|2011-03-01|48|gap.high_risk");
}

static void
test_gap_scope_and_records (void)
{
  g_autoptr(Case) c = case_new (
    "H1,2010-01-01,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "H2,2010-06-01,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "H3,2011-01-01,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "H4,2011-07-01,,,,Housing,,Ann,contact,Home visit,,,,,\n");
  ChronoDate from = { 2010, 9, 1 }, to = { 2011, 12, 31 };
  ChronoDate m1 = { 2011, 2, 1 }, m2 = { 2011, 5, 31 };

  /* Out of scope: only the part in the terms of reference counts. */
  chrono_rules_set_scope (case_rules (c), &from, &to);
  case_run (c);
  assert_findings (c, CHRONO_FINDING_GAP,
                   "Housing|Ann|2010-09-01|2011-01-01|122|gap.general\n"
                   "Housing|Ann|2011-01-01|2011-07-01|181|gap.general");

  /* No records: a period the agency declared missing is not a gap. */
  chrono_rules_add_missing (case_rules (c), "Housing", &m1, &m2);
  case_run (c);
  assert_findings (c, CHRONO_FINDING_GAP,
                   "Housing|Ann|2010-09-01|2011-01-01|122|gap.general\n"
                   "Housing|Ann|2011-01-01|2011-01-31|30|gap.general\n"
                   "Housing|Ann|2011-06-01|2011-07-01|30|gap.general");
  {
    GListModel *model = chrono_analysis_get_findings (c->analysis);
    g_autoptr(ChronoFinding) a = g_list_model_get_item (model, 1);
    g_autoptr(ChronoFinding) b = g_list_model_get_item (model, 2);

    /* Two pieces of one window are two findings, with two keys. */
    g_assert_cmpstr (chrono_finding_get_key (a), !=, chrono_finding_get_key (b));
  }
}

/* ------------------------------------------------------------------------ */
/* Unallocated periods and unactioned referrals                             */

static void
test_unallocated (void)
{
  g_autoptr(Case) c = case_new (
    "U1,2011-01-01,,,,Children's Social Care,,Child A,allocation,Worker allocated,,,allocated,,\n"
    "U2,2011-03-01,,,,Children's Social Care,,Child A,allocation,Worker left; no replacement,,,unallocated,,\n"
    "U3,2011-04-15,,,,Children's Social Care,,Child A,allocation,New worker allocated,,,allocated,,\n"
    "U4,2011-06-01,,,,Children's Social Care,,Child A,allocation,Awaiting allocation,,,unallocated,,\n"
    "U5,2011-06-10,,,,Children's Social Care,,Child A,contact,Duty visit,,,,,\n"
    /* Referrals: late, in time (an allocation dated to the month), closed
     * without action. */
    "F1,2011-07-01,,,,Police,,Child B,referral,Police referred Child B,Children's Social Care,,,,\n"
    "F2,2011-07-20,,,,Children's Social Care,,Child B,contact,Home visit,,,,,\n"
    "F3,2011-08-05,,,,Police,,Child C,referral,Police referred Child C,Children's Social Care,,,,\n"
    "F4,2011-08,month,,,Children's Social Care,,Child C,allocation,Allocated,,,allocated,,\n"
    "F5,2011-09-01,,,,Police,,Child D,referral,Police referred Child D,Children's Social Care,,,,\n"
    "F6,2011-09-05,,,,Children's Social Care,,Child D,closure,No further action,,,,,\n");

  case_run (c);
  assert_findings (c, CHRONO_FINDING_UNALLOCATED,
                   "Children's Social Care|Child A|2011-03-01|2011-04-15|45|unallocated.period\n"
                   "Children's Social Care|Child A|2011-06-01|-|96|unallocated.period");
  assert_findings (c, CHRONO_FINDING_UNACTIONED_REFERRAL,
                   "Children's Social Care|Child B|2011-07-01|2011-07-20|19|unallocated.referral\n"
                   "Children's Social Care|Child D|2011-09-01|2011-09-05|4|unallocated.referral");

  chrono_rules_set (case_rules (c), CHRONO_RULE_REFERRAL, "Children's Social Care", 20);
  case_run (c);
  assert_findings (c, CHRONO_FINDING_UNACTIONED_REFERRAL,
                   "Children's Social Care|Child D|2011-09-01|2011-09-05|4|unallocated.referral");
}

/* ------------------------------------------------------------------------ */
/* Unshared information                                                     */

static void
test_unshared_recorded (void)
{
  g_autoptr(Case) c = case_new (
    "N1,2011-01-05,,,,Probation,,Perpetrator;Ann,contact,He said Ann contacted him; not passed to police,,,,,\n"
    "N2,2011-01-06,,,,Police,,Ann,incident,Assault on Ann,,Children's Social Care,,,\n"
    "N3,2011-01-07,,,,Police,,Ann,other,Not reported to police at the time,,,,,\n"
    "N4,2011-01-08,,,,Housing,,Ann,other,No liaison with other agencies was recorded,,,,,\n"
    "N5,2010-12-01,,,,Police,,Ann,contact,Officers saw Ann,,,,,\n");

  chrono_rules_set (case_rules (c), CHRONO_RULE_UNSHARED_INFERRED, NULL, 0);
  case_run (c);
  /* N3 is about what reached the police, not what they withheld. */
  assert_findings (c, CHRONO_FINDING_UNSHARED,
                   "Probation|N1|recorded|Police\n"
                   "Police|N2|recorded|Children's Social Care\n"
                   "Housing|N4|recorded|");
}

static void
test_unshared_inferred (void)
{
  /* CSC has Ann's case open; the police hold four incidents.  They tell CSC
   * of the second, CSC's own record mentions the third, and both attend a
   * meeting about the fourth. */
  g_autoptr(Case) c = case_new (
    "I0,2011-01-01,,,,Children's Social Care,,Ann,allocation,Worker allocated,,,allocated,,\n"
    "I1,2011-02-01,,,,Police,,Ann;Perpetrator,incident,Assault on Ann,,,,,\n"
    "I2,2011-03-01,,,,Police,,Ann;Perpetrator,incident,Assault on Ann,Children's Social Care,,,,\n"
    "I3,2011-04-01,,,,Police,,Ann;Perpetrator,incident,Assault on Ann,,,,,\n"
    "I4,2011-04-05,,,,Children's Social Care,,Ann,contact,Police told the social worker of the assault,,,,,\n"
    "I5,2011-05-01,,,,Police,,Ann;Perpetrator,incident,Assault on Ann,,,,,\n"
    "I6,2011-05-10,,,,MARAC,,Ann,meeting,MARAC meeting,Police;Children's Social Care,,,,\n"
    /* An agency long gone is not involved; one seen recently is. */
    "I7,2010-01-01,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "I8,2011-07-20,,,,Women's Aid,,Ann,contact,IDVA met Ann,,,,,\n"
    "I10,2011-07-25,,,,Children's Social Care,,Ann,contact,Home visit,,,,,\n"
    "I9,2011-08-01,,,,Police,,Perpetrator;Ann,intelligence,He has a new address near Ann,,,,,\n");

  chrono_rules_set (case_rules (c), CHRONO_RULE_UNSHARED_RECORDED, NULL, 0);
  chrono_rules_set (case_rules (c), CHRONO_RULE_UNSHARED_MARAC, NULL, 0);
  case_run (c);
  assert_findings (c, CHRONO_FINDING_UNSHARED,
                   "Police|I1|inferred|Children's Social Care\n"
                   "Police|I9|inferred|Children's Social Care;Women's Aid");

  /* The sharing matrix: police passed three items to CSC (told, recorded
   * by CSC, at a meeting) and withheld two; MARAC heard one, Women's Aid
   * missed one. */
  {
    guint police = 0, csc = 0, shared = 0, not_shared = 0;

    for (guint a = 0; a < chrono_analysis_get_n_agencies (c->analysis); a++)
      {
        if (strcmp (chrono_analysis_get_agency_name (c->analysis, a), "Police") == 0)
          police = a;
        if (strcmp (chrono_analysis_get_agency_name (c->analysis, a), "Children's Social Care") == 0)
          csc = a;
      }
    chrono_analysis_get_sharing (c->analysis, police, csc, &shared, &not_shared);
    g_assert_cmpuint (shared, ==, 3);
    g_assert_cmpuint (not_shared, ==, 2);
    g_assert_cmpfloat_with_epsilon (chrono_analysis_get_silo_score (c->analysis, police),
                                    3.0 / (3 + 2 + 1 + 1), 1e-9);
  }

  /* Who knew what, when: by 2 March CSC held the 1 March incident only. */
  {
    ChronoDate when = { 2011, 3, 2 };
    g_autoptr(GArray) known = NULL;
    guint csc = 0;

    for (guint a = 0; a < chrono_analysis_get_n_agencies (c->analysis); a++)
      if (strcmp (chrono_analysis_get_agency_name (c->analysis, a), "Children's Social Care") == 0)
        csc = a;
    known = chrono_analysis_knowledge_at (c->analysis, &when, (gint) csc);
    g_assert_cmpuint (known->len, ==, 1);
    g_assert_cmpint (g_array_index (known, ChronoKnowledge, 0).since_day, ==,
                     chrono_day_from_ymd (2011, 3, 1));
    g_assert_cmpuint (g_array_index (known, ChronoKnowledge, 0).source, !=, csc);
  }
}

static void
test_unshared_marac_and_breach (void)
{
  g_autoptr(Case) c = case_new (
    "M0,2010-06-01,,,,MARAC,,Ann,meeting,MARAC meeting,Police,,,,\n"
    "M1,2011-01-10,,,,Police,,Ann;Perpetrator,assessment,DASH completed,,,,high,\n"
    "M2,2011-02-20,,,,Police,,Ann;Perpetrator,assessment,DASH completed,MARAC,,,high,\n"
    /* A restraining order, then a record of the two in touch. */
    "B1,2011-03-01,,,,Courts,,Perpetrator;Ann,court,Restraining order granted,,,,,\n"
    "B0,2011-03-10,,,,Police,,Ann,contact,Officers saw Ann,,,,,\n"
    "B2,2011-03-15,,,,Probation,,Perpetrator;Ann,contact,He said Ann had been seeing him,,,,,\n"
    "B3,2011-03-20,,,,Probation,,Perpetrator;Ann,contact,He denied any contact with Ann,,,,,\n");

  chrono_rules_set (case_rules (c), CHRONO_RULE_UNSHARED_RECORDED, NULL, 0);
  case_run (c);
  /* M1: high risk and no MARAC referral within 28 days (M2 was one, but
   * too late for M1).  M2: a high-risk assessment probation (in touch with
   * him within 30 days) never heard of.  B2: a possible breach of the
   * restraining order, kept from the police; B3 denies any contact. */
  assert_findings (c, CHRONO_FINDING_UNSHARED,
                   "Police|M1|inferred|MARAC\n"
                   "Police|M2|inferred|Probation\n"
                   "Probation|B2|inferred|Police");
}

/* ------------------------------------------------------------------------ */
/* Decisions and settings are kept in the case                              */

static void
test_decisions_and_settings (void)
{
  g_autoptr(Case) c = case_new (
    "H1,2011-01-01,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "H2,2011-03-01,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "H3,2011-06-01,,,,Housing,,Ann,contact,Home visit,,,,,\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoFinding) first = NULL;
  g_autoptr(ChronoFinding) second = NULL;
  g_autofree char *first_key = NULL;
  g_autofree char *second_key = NULL;
  ChronoDate from = { 2010, 1, 1 }, to = { 2011, 12, 31 }, f2, t2;
  guint notified = 0;

  case_run (c);
  g_assert_cmpuint (chrono_analysis_count (c->analysis, CHRONO_FINDING_GAP), ==, 2);
  first = g_list_model_get_item (chrono_analysis_get_findings (c->analysis), 0);
  second = g_list_model_get_item (chrono_analysis_get_findings (c->analysis), 1);
  first_key = g_strdup (chrono_finding_get_key (first));
  second_key = g_strdup (chrono_finding_get_key (second));
  g_assert_cmpstr (first_key, !=, second_key);
  g_signal_connect_swapped (first, "notify::status", G_CALLBACK (g_nullify_pointer), &notified);
  notified = 1;

  g_assert_true (chrono_analysis_decide (c->analysis, first, CHRONO_FINDING_ACCEPTED,
                                         "Confirmed by the IMR", "See section 6", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 0);
  g_assert_true (chrono_analysis_decide (c->analysis, second, CHRONO_FINDING_DISMISSED,
                                         "Tenant was abroad", NULL, &error));
  g_assert_no_error (error);

  /* Settings: per agency, and the review's scope. */
  chrono_rules_set (case_rules (c), CHRONO_RULE_GAP_GENERAL, "Housing", 21);
  chrono_rules_set_scope (case_rules (c), &from, &to);
  g_assert_true (chrono_rules_save (case_rules (c), c->store, &error));
  g_assert_no_error (error);

  /* Close and reopen: all of it is still there, keyed the same way. */
  g_clear_object (&c->analysis);
  chrono_store_close (c->store);
  g_clear_object (&c->store);
  c->store = chrono_store_open (c->path, CHRONO_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  c->analysis = chrono_analysis_new (c->store);
  g_assert_cmpint (chrono_rules_get (case_rules (c), CHRONO_RULE_GAP_GENERAL, "Housing"), ==, 21);
  g_assert_cmpint (chrono_rules_get (case_rules (c), CHRONO_RULE_GAP_GENERAL, "Police"), ==, 0);
  g_assert_cmpint (chrono_rules_get (case_rules (c), CHRONO_RULE_GAP_GENERAL, NULL), ==, 28);
  g_assert_true (chrono_rules_is_set (case_rules (c), CHRONO_RULE_GAP_GENERAL, "Housing"));
  chrono_rules_get_scope (case_rules (c), &f2, &t2);
  g_assert_true (chrono_date_equal (&from, &f2) && chrono_date_equal (&to, &t2));
  {
    g_autofree char *meta = chrono_store_get_meta (c->store, "scope_from");
    g_assert_cmpstr (meta, ==, "2010-01-01");
  }
  case_run (c);
  {
    ChronoFinding *a = chrono_analysis_lookup (c->analysis, first_key);
    ChronoFinding *b = chrono_analysis_lookup (c->analysis, second_key);

    g_assert_nonnull (a);
    g_assert_nonnull (b);
    g_assert_cmpint (chrono_finding_get_status (a), ==, CHRONO_FINDING_ACCEPTED);
    g_assert_cmpstr (chrono_finding_get_reason (a), ==, "Confirmed by the IMR");
    g_assert_cmpstr (chrono_finding_get_note (a), ==, "See section 6");
    g_assert_nonnull (chrono_finding_get_decided_at (a));
    g_assert_cmpint (chrono_finding_get_status (b), ==, CHRONO_FINDING_DISMISSED);

    /* Read-only: a decision cannot be saved, and says why. */
    g_assert_false (chrono_analysis_decide (c->analysis, a, CHRONO_FINDING_OPEN, NULL, NULL, &error));
    g_assert_error (error, CHRONO_STORE_ERROR, CHRONO_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
  }

  /* Back to open forgets the decision. */
  g_clear_object (&c->analysis);
  chrono_store_close (c->store);
  g_clear_object (&c->store);
  c->store = chrono_store_open (c->path, CHRONO_STORE_OPEN_WRITE, &error);
  g_assert_no_error (error);
  c->analysis = chrono_analysis_new (c->store);
  case_run (c);
  g_assert_true (chrono_analysis_decide (c->analysis, chrono_analysis_lookup (c->analysis, first_key),
                                         CHRONO_FINDING_OPEN, NULL, NULL, &error));
  g_assert_no_error (error);
  case_run (c);
  g_assert_cmpint (chrono_finding_get_status (chrono_analysis_lookup (c->analysis, first_key)), ==,
                   CHRONO_FINDING_OPEN);
  g_assert_null (chrono_finding_get_decided_at (chrono_analysis_lookup (c->analysis, first_key)));
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (chrono_analysis_run_finish (CHRONO_ANALYSIS (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_async (void)
{
  g_autoptr(Case) c = case_new (
    "H1,2011-01-01,,,,Housing,,Ann,contact,Home visit,,,,,\n"
    "H2,2011-03-01,,,,Housing,,Ann,contact,Home visit,,,,,\n");
  gboolean done = FALSE;

  chrono_analysis_run_async (c->analysis, NULL, async_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (chrono_analysis_get_findings (c->analysis)), ==, 1);
}

/* ------------------------------------------------------------------------ */
/* The sample case against the review's own findings                        */

typedef struct
{
  guint gaps, unallocated, unshared;
  guint n_gaps, n_unallocated, n_unshared;
} Recall;

static void
iso_days (const char *iso,
          gint32     *first,
          gint32     *last)
{
  ChronoDate d;

  g_assert_true (chrono_date_parse_iso (iso, NULL, NULL, &d, NULL));
  chrono_date_get_interval (&d, first, last);
}

static gboolean
strv_intersects (const char * const *a,
                 JNode              *b)
{
  for (guint i = 0; a[i] != NULL; i++)
    for (guint j = 0; j < b->items->len; j++)
      if (strcmp (a[i], ((JNode *) g_ptr_array_index (b->items, j))->string) == 0)
        return TRUE;
  return FALSE;
}

/* The acceptance rules: a gap counts when the same agency and person has a
 * reported gap overlapping at least half of it; an unallocated period when
 * one overlaps it; an unshared item when the same event, or one of the same
 * agency within 3 days, is flagged with a matching agency or with none
 * named.  @reference holds the review's events (for their dates). */
static Recall
measure (ChronoAnalysis *analysis,
         ChronoStore    *reference,
         gboolean        inferred_only)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "stacey", "findings.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JNode) root = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model = chrono_analysis_get_findings (analysis);
  guint n = g_list_model_get_n_items (model);
  JNode *gaps, *unallocated, *unshared;
  Recall r = { 0 };

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  root = json_parse (text);
  g_assert_nonnull (root);
  gaps = jget (root, "gaps");
  unallocated = jget (root, "unallocated");
  unshared = jget (root, "unshared");
  events = chrono_store_load_events (reference, &error);
  g_assert_no_error (error);
  r.n_gaps = gaps->items->len;
  r.n_unallocated = unallocated->items->len;
  r.n_unshared = unshared->items->len;

  for (guint k = 0; k < gaps->items->len; k++)
    {
      JNode *g = g_ptr_array_index (gaps->items, k);
      gint32 f, l, x, y;
      gboolean hit = FALSE;

      iso_days (jstr (g, "from"), &f, &x);
      iso_days (jstr (g, "to"), &y, &l);
      for (guint i = 0; i < n && !hit; i++)
        {
          g_autoptr(ChronoFinding) fi = g_list_model_get_item (model, i);
          gint32 a, b, u, v;

          if (chrono_finding_get_kind (fi) != CHRONO_FINDING_GAP ||
              strcmp (chrono_finding_get_agency (fi), jstr (g, "agency")) != 0 ||
              !chrono_finding_has_subject (fi, jstr (g, "subject")))
            continue;
          chrono_date_get_interval (chrono_finding_get_from (fi), &a, &u);
          chrono_date_get_interval (chrono_finding_get_to (fi), &v, &b);
          hit = 2 * (MIN (l, b) - MAX (f, a)) >= l - f;
        }
      r.gaps += hit;
      if (!hit)
        g_test_message ("missed gap: %s, %s, %s to %s", jstr (g, "agency"), jstr (g, "subject"),
                        jstr (g, "from"), jstr (g, "to"));
    }

  for (guint k = 0; k < unallocated->items->len; k++)
    {
      JNode *g = g_ptr_array_index (unallocated->items, k);
      gint32 f, l = G_MAXINT32, x, y;
      gboolean hit = FALSE;

      iso_days (jstr (g, "from"), &f, &x);
      if (jstr (g, "to") != NULL)
        iso_days (jstr (g, "to"), &y, &l);
      for (guint i = 0; i < n && !hit; i++)
        {
          g_autoptr(ChronoFinding) fi = g_list_model_get_item (model, i);
          ChronoFindingKind kind = chrono_finding_get_kind (fi);
          gint32 a = chrono_finding_get_first_day (fi);
          gint32 b = chrono_date_is_set (chrono_finding_get_to (fi)) ? chrono_finding_get_last_day (fi)
                                                                      : G_MAXINT32;

          if ((kind != CHRONO_FINDING_UNALLOCATED && kind != CHRONO_FINDING_UNACTIONED_REFERRAL) ||
              strcmp (chrono_finding_get_agency (fi), jstr (g, "agency")) != 0)
            continue;
          hit = MIN (l, b) >= MAX (f, a);
        }
      r.unallocated += hit;
      if (!hit)
        g_test_message ("missed unallocated period: %s from %s", jstr (g, "agency"), jstr (g, "from"));
    }

  for (guint k = 0; k < unshared->items->len; k++)
    {
      JNode *g = g_ptr_array_index (unshared->items, k);
      const char *ref = jstr (g, "event_id");
      JNode *agencies = jget (g, "not_shared_with");
      gint32 ef = 0, el = 0;
      gboolean hit = FALSE;

      for (guint e = 0; e < events->len; e++)
        if (strcmp (chrono_event_get_ref (g_ptr_array_index (events, e)), ref) == 0)
          chrono_date_get_interval (chrono_event_get_date (g_ptr_array_index (events, e)), &ef, &el);
      g_assert_cmpint (ef, >, 0);

      for (guint i = 0; i < n && !hit; i++)
        {
          g_autoptr(ChronoFinding) fi = g_list_model_get_item (model, i);
          const char * const *ns;
          gboolean same;
          gint32 a, b;

          if (chrono_finding_get_kind (fi) != CHRONO_FINDING_UNSHARED ||
              (inferred_only && chrono_finding_get_basis (fi) != CHRONO_FINDING_BASIS_INFERRED))
            continue;
          chrono_date_get_interval (chrono_finding_get_from (fi), &a, &b);
          same = g_strv_contains (chrono_finding_get_event_refs (fi), ref) ||
                 (strcmp (chrono_finding_get_agency (fi), jstr (g, "from_agency")) == 0 &&
                  MAX (a, ef) - MIN (b, el) <= 3);
          ns = chrono_finding_get_not_shared_with (fi);
          hit = same && (ns[0] == NULL || strv_intersects (ns, agencies));
        }
      r.unshared += hit;
      if (!hit)
        g_test_message ("missed unshared: %s from %s", ref, jstr (g, "from_agency"));
    }
  return r;
}

static guint
recall_total (const Recall *r)
{
  return r->gaps + r->unallocated + r->unshared;
}

static guint
recall_of (const Recall *r)
{
  return r->n_gaps + r->n_unallocated + r->n_unshared;
}

static void
report (const char   *what,
        const Recall *r,
        guint         n_findings)
{
  g_test_message ("%s: recall %u/%u = %.1f%% (gaps %u/%u, unallocated %u/%u, unshared %u/%u); "
                  "%u findings", what, recall_total (r), recall_of (r),
                  100.0 * recall_total (r) / recall_of (r), r->gaps, r->n_gaps, r->unallocated,
                  r->n_unallocated, r->unshared, r->n_unshared, n_findings);
}

static ChronoStore *
import_chronology (const char *dir)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "stacey", "chronology.csv", NULL);
  g_autofree char *path = g_build_filename (dir, "chronology.chronoscope", NULL);
  g_autoptr(ChronoImportReport) report = chrono_import_report_new ("chronology.csv");
  g_autoptr(GError) error = NULL;
  ChronoStore *store;

  store = chrono_store_open (path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (chrono_exchange_import (store, csv, NULL, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 215);
  return store;
}

static void
test_stacey_chronology (void)
{
  g_autofree char *dir = g_dir_make_tmp ("chrono-analysis-XXXXXX", NULL);
  g_autoptr(ChronoStore) store = import_chronology (dir);
  g_autoptr(ChronoAnalysis) analysis = chrono_analysis_new (store);
  g_autoptr(GError) error = NULL;
  guint n;
  Recall r;

  g_assert_true (chrono_analysis_run (analysis, NULL, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (chrono_analysis_get_findings (analysis));
  r = measure (analysis, store, FALSE);
  report ("chronology.csv", &r, n);

  g_assert_cmpuint (10 * recall_total (&r), >=, 9 * recall_of (&r));
  g_assert_cmpuint (n, <=, 60);
  g_assert_cmpuint (r.unallocated, ==, r.n_unallocated);
  g_assert_cmpuint (r.unshared, ==, r.n_unshared);

  /* By inference alone (no not_shared_with column or words read). */
  chrono_rules_set (chrono_analysis_get_rules (analysis), CHRONO_RULE_UNSHARED_RECORDED, NULL, 0);
  g_assert_true (chrono_analysis_run (analysis, NULL, &error));
  r = measure (analysis, store, TRUE);
  report ("chronology.csv, unshared by inference alone", &r,
          g_list_model_get_n_items (chrono_analysis_get_findings (analysis)));
  g_assert_cmpuint (r.unshared, >=, 11);

  chrono_store_close (store);
  remove_tree (dir);
}

/* manifest.json: "file": { "agency": "…", … }. */
static void
test_stacey_submissions (void)
{
  g_autofree char *sub_dir = g_test_build_filename (G_TEST_DIST, "data", "stacey", "submissions", NULL);
  g_autofree char *manifest_path = g_build_filename (sub_dir, "manifest.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("chrono-analysis-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "submissions.chronoscope", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JNode) manifest = NULL;
  g_autoptr(ChronoStore) reference = import_chronology (dir);
  g_autoptr(ChronoStore) store = NULL;
  g_autoptr(ChronoImporter) importer = NULL;
  g_autoptr(ChronoAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  Recall all, inferred;

  g_assert_true (g_file_get_contents (manifest_path, &text, NULL, NULL));
  manifest = json_parse (text);
  g_assert_nonnull (manifest);
  store = chrono_store_open (path, CHRONO_STORE_OPEN_WRITE | CHRONO_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  importer = chrono_importer_new (store);
  for (guint i = 0; i < manifest->keys->len; i++)
    {
      const char *file = g_ptr_array_index (manifest->keys, i);
      g_autofree char *file_path = g_build_filename (sub_dir, file, NULL);
      g_autoptr(ChronoImportReport) rep = chrono_import_report_new (file);

      g_assert_true (chrono_importer_import_file (importer, file_path,
                                                  jstr (g_ptr_array_index (manifest->items, i), "agency"),
                                                  rep, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (chrono_store_count_events (store, NULL), ==, 215);

  analysis = chrono_analysis_new (store);
  g_assert_true (chrono_analysis_run (analysis, NULL, &error));
  g_assert_no_error (error);
  all = measure (analysis, reference, FALSE);
  report ("submissions/", &all, g_list_model_get_n_items (chrono_analysis_get_findings (analysis)));
  g_assert_cmpuint (g_list_model_get_n_items (chrono_analysis_get_findings (analysis)), <=, 60);

  chrono_rules_set (chrono_analysis_get_rules (analysis), CHRONO_RULE_UNSHARED_RECORDED, NULL, 0);
  g_assert_true (chrono_analysis_run (analysis, NULL, &error));
  inferred = measure (analysis, reference, TRUE);
  report ("submissions/, unshared by inference alone", &inferred,
          g_list_model_get_n_items (chrono_analysis_get_findings (analysis)));

  /* The figures reached; they must not silently regress. */
  g_assert_cmpuint (recall_total (&all), >=, 25);
  g_assert_cmpuint (inferred.unshared, >=, 11);
  g_assert_cmpuint (recall_total (&inferred), >=, 19);

  chrono_store_close (store);
  chrono_store_close (reference);
  remove_tree (dir);
}

/* ------------------------------------------------------------------------ */
/* The command                                                              */

static void
test_cli_json (void)
{
  const char *cli = g_getenv ("CHRONOSCOPE_CLI");
  g_autofree char *dir = g_dir_make_tmp ("chrono-analysis-XXXXXX", NULL);
  g_autoptr(ChronoStore) store = import_chronology (dir);
  g_autofree char *path = g_strdup (chrono_store_get_path (store));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text_out = NULL;
  g_autoptr(JNode) root = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (cli == NULL)
    {
      g_test_skip ("CHRONOSCOPE_CLI is not set");
      return;
    }
  chrono_store_close (store);

  {
    const char *argv[] = { cli, "analyse", path, "--json", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  root = json_parse (out);
  g_assert_nonnull (root);
  g_assert_nonnull (jget (root, "gaps"));
  g_assert_nonnull (jget (root, "unallocated"));
  g_assert_nonnull (jget (root, "unshared"));
  g_assert_nonnull (jget (root, "sharing"));
  {
    JNode *gap = g_ptr_array_index (jget (root, "gaps")->items, 0);
    JNode *un = g_ptr_array_index (jget (root, "unshared")->items, 0);
    JNode *sh = g_ptr_array_index (jget (root, "sharing")->items, 0);

    g_assert_nonnull (jstr (gap, "agency"));
    g_assert_nonnull (jstr (gap, "subject"));
    g_assert_nonnull (jstr (gap, "from"));
    g_assert_nonnull (jstr (gap, "to"));
    g_assert_cmpint (jget (gap, "days")->type, ==, J_NUMBER);
    g_assert_nonnull (jstr (gap, "rule"));
    g_assert_nonnull (jstr (un, "event"));
    g_assert_nonnull (jstr (un, "date"));
    g_assert_nonnull (jstr (un, "summary"));
    g_assert_cmpint (jget (un, "not_shared_with")->type, ==, J_ARRAY);
    g_assert_true (g_strcmp0 (jstr (un, "basis"), "recorded") == 0 ||
                   g_strcmp0 (jstr (un, "basis"), "inferred") == 0);
    g_assert_cmpint (jget (sh, "shared")->type, ==, J_NUMBER);
    g_assert_cmpint (jget (sh, "not_shared")->type, ==, J_NUMBER);
  }
  {
    JNode *ua = jget (root, "unallocated");
    gboolean unactioned = FALSE, unalloc = FALSE;

    for (guint i = 0; i < ua->items->len; i++)
      {
        const char *kind = jstr (g_ptr_array_index (ua->items, i), "kind");
        unactioned |= g_strcmp0 (kind, "unactioned_referral") == 0;
        unalloc |= g_strcmp0 (kind, "unallocated") == 0;
      }
    g_assert_true (unactioned && unalloc);
  }

  /* The same text parses as JSON for Python too, when it is there. */
  {
    g_autofree char *python = g_find_program_in_path ("python3");
    g_autofree char *json_path = g_build_filename (dir, "out.json", NULL);

    g_assert_true (g_file_set_contents (json_path, out, -1, NULL));
    if (python != NULL)
      {
        const char *argv[] = { python, "-m", "json.tool", json_path, NULL };

        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                     NULL, NULL, NULL, &status, &error));
        g_assert_no_error (error);
        g_assert_true (g_spawn_check_wait_status (status, NULL));
      }
  }

  /* Without --json: a readable summary.  Bad options: one line, status 1. */
  {
    const char *argv[] = { cli, "analyse", path, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &text_out,
                                 NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (text_out, "findings"));
  }
  {
    const char *argv[] = { cli, "analyse", path, "--set", "gap.nonsense=3", NULL };
    g_autofree char *o = NULL;
    g_autofree char *e = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &o, &e,
                                 &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (e, "chronoscope-cli:"));
  }
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analysis/json-reader", test_json_reader);
  g_test_add_func ("/analysis/text", test_text);
  g_test_add_func ("/analysis/gap/general", test_gap_general);
  g_test_add_func ("/analysis/gap/counted-contacts", test_gap_counted_contacts);
  g_test_add_func ("/analysis/gap/month-precision", test_gap_month_precision);
  g_test_add_func ("/analysis/gap/cp-plan", test_gap_cp_plan);
  g_test_add_func ("/analysis/gap/supervision-custody", test_gap_supervision_and_custody);
  g_test_add_func ("/analysis/gap/discharge-high-risk", test_gap_discharge_and_high_risk);
  g_test_add_func ("/analysis/gap/scope-records", test_gap_scope_and_records);
  g_test_add_func ("/analysis/unallocated", test_unallocated);
  g_test_add_func ("/analysis/unshared/recorded", test_unshared_recorded);
  g_test_add_func ("/analysis/unshared/inferred", test_unshared_inferred);
  g_test_add_func ("/analysis/unshared/marac-breach", test_unshared_marac_and_breach);
  g_test_add_func ("/analysis/decisions-settings", test_decisions_and_settings);
  g_test_add_func ("/analysis/async", test_async);
  g_test_add_func ("/analysis/stacey/chronology", test_stacey_chronology);
  g_test_add_func ("/analysis/stacey/submissions", test_stacey_submissions);
  g_test_add_func ("/analysis/cli-json", test_cli_json);

  return g_test_run ();
}
