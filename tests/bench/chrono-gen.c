/* chrono-gen.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-gen"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "chrono-csv-reader.h"
#include "chrono-exchange.h"
#include "chrono-gen.h"

#define N_BASE_AGENCIES G_N_ELEMENTS (agency_table)
#define YEARS 15

typedef struct
{
  const char *name;
  const char *units[5];
} AgencyInfo;

static const AgencyInfo agency_table[] = {
  { "Police", { "DASU", "Response", "CID", "Public Protection Unit", NULL } },
  { "Children's Social Care",
    { "Referral and Assessment", "Child Protection", "Looked After Children", NULL } },
  { "Health", { "GP", "Emergency Department", "Health Visitor", "Midwifery", NULL } },
  { "Probation", { "Offender Management", "Approved Premises", NULL } },
  { "Adult Social Care", { NULL } },
  { "Mental Health Trust", { "CMHT", "Crisis Team", NULL } },
  { "Housing", { NULL } },
  { "Education", { "Primary School", "Secondary School", NULL } },
  { "Women's Aid", { NULL } },
  { "IDVA Service", { NULL } },
  { "MARAC", { NULL } },
  { "Courts", { "Magistrates' Court", "Crown Court", "Family Court", NULL } },
  { "Crown Prosecution Service", { NULL } },
  { "Prisons", { NULL } },
  { "Victim Support", { NULL } },
  { "Ambulance Service", { NULL } },
  { "Substance Misuse Service", { NULL } },
  { "Jobcentre Plus", { NULL } },
  { "Fire and Rescue", { NULL } },
  { "Citizens Advice", { NULL } },
};

static const char * const subject_pool[] = {
  "Victim", "Perpetrator", "Child 1", "Child 2", "Victim's mother", "Victim's sister",
  "Previous partner", "Perpetrator's brother",
};

/* Kinds with their share per thousand. */
static const struct
{
  ChronoKind kind;
  guint      per_mille;
} kind_weights[] = {
  { CHRONO_KIND_CONTACT, 330 }, { CHRONO_KIND_INCIDENT, 120 }, { CHRONO_KIND_REFERRAL, 100 },
  { CHRONO_KIND_MEETING, 80 }, { CHRONO_KIND_ASSESSMENT, 80 }, { CHRONO_KIND_ALLOCATION, 50 },
  { CHRONO_KIND_CLOSURE, 30 }, { CHRONO_KIND_COURT, 50 }, { CHRONO_KIND_CUSTODY, 30 },
  { CHRONO_KIND_ADMISSION, 30 }, { CHRONO_KIND_PLAN, 30 }, { CHRONO_KIND_INTELLIGENCE, 40 },
  { CHRONO_KIND_OTHER, 30 },
};

/* How a record of each kind starts, indexed by ChronoKind. */
static const char * const openers[CHRONO_N_KINDS][3] = {
  [CHRONO_KIND_OTHER] = { "Letter sent offering an appointment",
                          "Record updated with a change of address",
                          "Note added to the file" },
  [CHRONO_KIND_CONTACT] = { "Telephone contact with the victim",
                            "Home visit by the allocated worker",
                            "Seen at the surgery with her youngest child" },
  [CHRONO_KIND_INCIDENT] = { "Officers attended the address after a neighbour reported shouting",
                             "999 call from the victim reporting an assault",
                             "Report of criminal damage at the flat" },
  [CHRONO_KIND_REFERRAL] = { "Referral received from the school nurse",
                             "Referral made to children's social care",
                             "Referral to the IDVA service following the DASH" },
  [CHRONO_KIND_MEETING] = { "Strategy discussion held",
                            "Professionals meeting at the school",
                            "Core group meeting" },
  [CHRONO_KIND_ASSESSMENT] = { "Risk assessment (DASH) completed",
                               "Single assessment started",
                               "Mental health assessment in the community" },
  [CHRONO_KIND_ALLOCATION] = { "Case allocated to a new worker",
                               "Worker left the team and the case awaits allocation",
                               "Case transferred to the long-term team" },
  [CHRONO_KIND_CLOSURE] = { "Case closed after no further concerns were raised",
                            "Closed to the service as the victim disengaged",
                            "Episode of care ended" },
  [CHRONO_KIND_COURT] = { "Perpetrator appeared before the magistrates",
                          "Trial listed and adjourned",
                          "Non-molestation order granted" },
  [CHRONO_KIND_CUSTODY] = { "Remanded in custody pending trial",
                            "Sentenced to a term of imprisonment",
                            "Recalled to prison for breach of licence" },
  [CHRONO_KIND_ADMISSION] = { "Admitted to the ward following an overdose",
                              "Admitted with a head injury",
                              "Informal admission to the mental health unit" },
  [CHRONO_KIND_PLAN] = { "Child protection plan agreed at the initial conference",
                         "Child in need plan agreed",
                         "Safety plan agreed with the victim" },
  [CHRONO_KIND_INTELLIGENCE] = { "Intelligence report submitted",
                                 "Information shared under the disclosure scheme",
                                 "PNC check completed" },
};

static const char * const details[] = {
  "the victim said she was frightened of him",
  "no injuries were seen",
  "the children were present in the house",
  "he was arrested and later released on bail",
  "she declined a referral to the IDVA service",
  "the worker noted bruising to her arm",
  "no further action was taken",
  "a follow-up visit was arranged for the next week",
  "information was passed to children's social care",
  "the GP was not informed",
  "she disclosed previous incidents of controlling behaviour",
  "the perpetrator denied the allegation",
  "the risk was graded as standard",
  "the family did not answer the door",
  "a safety plan was discussed with her",
  "the case was discussed with a manager",
  "he had been drinking heavily",
  "the neighbour's account was recorded",
  "her mother attended with her",
  "the school raised concerns about attendance",
  "she stayed at her friend’s flat that night",
  "the café owner called the police",
  "she said \"he will kill me if I leave\"",
  "he described the argument as \"just words\"",
};

struct _ChronoGen
{
  guint64   state;
  guint64   n_events;
  guint64   index;
  guint     n_agencies;
  char    **agencies;
  gint32    first_day;
  gint32    n_days;
  GString  *text;
};

/* splitmix64: small, fast and the same everywhere. */
static guint64
next_u64 (ChronoGen *gen)
{
  guint64 z = (gen->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static guint
below (ChronoGen *gen,
       guint      n)
{
  return (guint) (next_u64 (gen) % n);
}

/* TRUE @per_mille times in a thousand. */
static gboolean
chance (ChronoGen *gen,
        guint      per_mille)
{
  return below (gen, 1000) < per_mille;
}

ChronoGen *
chrono_gen_new (guint64 n_events,
                guint   n_agencies,
                guint64 seed)
{
  ChronoGen *gen = g_new0 (ChronoGen, 1);

  g_return_val_if_fail (n_agencies >= 1, NULL);

  gen->state = seed;
  gen->n_events = MAX (n_events, 1);
  gen->n_agencies = n_agencies;
  gen->agencies = g_new0 (char *, n_agencies + 1);
  for (guint i = 0; i < n_agencies; i++)
    {
      const char *base = agency_table[i % N_BASE_AGENCIES].name;

      gen->agencies[i] = i < N_BASE_AGENCIES
                         ? g_strdup (base)
                         : g_strdup_printf ("%s (area %u)", base, i / (guint) N_BASE_AGENCIES + 1);
    }
  gen->first_day = chrono_day_from_ymd (2005, 1, 1);
  gen->n_days = YEARS * 365;
  gen->text = g_string_sized_new (256);
  return gen;
}

void
chrono_gen_free (ChronoGen *gen)
{
  if (gen == NULL)
    return;
  g_strfreev (gen->agencies);
  g_string_free (gen->text, TRUE);
  g_free (gen);
}

const char *
chrono_gen_agency_name (ChronoGen *gen,
                        guint      index)
{
  g_return_val_if_fail (index < gen->n_agencies, NULL);
  return gen->agencies[index];
}

static ChronoDate
date_from_day (gint32 day)
{
  ChronoDate date = CHRONO_DATE_INIT;
  int y, m, d;

  chrono_day_to_ymd (day, &y, &m, &d);
  date.year = (gint16) y;
  date.month = (guint8) m;
  date.day = (guint8) d;
  return date;
}

static ChronoKind
pick_kind (ChronoGen *gen)
{
  guint r = below (gen, 1000);

  for (guint i = 0; i < G_N_ELEMENTS (kind_weights); i++)
    {
      if (r < kind_weights[i].per_mille)
        return kind_weights[i].kind;
      r -= kind_weights[i].per_mille;
    }
  return CHRONO_KIND_OTHER;
}

/* Up to @max distinct agencies other than @own. */
static GStrv
pick_agencies (ChronoGen *gen,
               guint      own,
               guint      max)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 1 + below (gen, max);
  guint picked[4] = { own, own, own, own };

  if (gen->n_agencies < 2)
    return g_strv_builder_end (builder);
  for (guint i = 0; i < n && i < 3; i++)
    {
      guint a = below (gen, gen->n_agencies);
      gboolean seen = FALSE;

      for (guint j = 0; j <= i; j++)
        seen = seen || picked[j] == a;
      if (seen)
        continue;
      picked[i + 1] = a;
      g_strv_builder_add (builder, gen->agencies[a]);
    }
  return g_strv_builder_end (builder);
}

/* An opener and whole details, 100 to 200 characters with the full stop. */
static void
make_summary (ChronoGen  *gen,
              ChronoKind  kind)
{
  GString *text = gen->text;
  gsize target = 100 + below (gen, 101);

  g_string_assign (text, openers[kind][below (gen, 3)]);
  while (text->len < target)
    {
      guint first = below (gen, G_N_ELEMENTS (details));
      const char *detail = NULL;

      /* The drawn detail, or the next one that still fits. */
      for (guint i = 0; i < G_N_ELEMENTS (details) && detail == NULL; i++)
        {
          const char *d = details[(first + i) % G_N_ELEMENTS (details)];

          if (text->len + 2 + strlen (d) + 1 <= 200)
            detail = d;
        }
      if (detail == NULL)
        break;
      if (chance (gen, 3))
        g_string_append_c (text, '\n');   /* a line break inside the cell */
      else
        g_string_append (text, chance (gen, 500) ? ", " : "; ");
      g_string_append (text, detail);
    }
  g_string_append_c (text, '.');
}

void
chrono_gen_next_event (ChronoGen   *gen,
                       ChronoEvent *event)
{
  char ref[32];
  ChronoKind kind;
  ChronoDate date;
  ChronoDate end = CHRONO_DATE_INIT;
  gint32 day, first, last;
  guint agency, r;

  g_return_if_fail (gen != NULL);
  g_return_if_fail (CHRONO_IS_EVENT (event));

  chrono_event_clear (event);
  g_snprintf (ref, sizeof ref, "E%07" G_GUINT64_FORMAT, gen->index + 1);
  chrono_event_set_ref (event, ref);

  /* Dates move forward through the years with a little jitter. */
  day = gen->first_day +
        (gint32) ((gen->index * (guint64) gen->n_days) / gen->n_events) +
        (gint32) below (gen, 21) - 10;
  day = MAX (day, gen->first_day);
  date = date_from_day (day);

  r = below (gen, 1000);
  if (r < 40)
    date.day = 0;                               /* a month */
  else if (r < 60)
    date.month = date.day = 0;                  /* a year */
  else if (r < 100)
    {
      date.approx = TRUE;                       /* "mid-2008", "around March" */
      if (r < 73)
        date.month = date.day = 0;
      else if (r < 86)
        date.day = 0;
    }
  if (date.day != 0 && chance (gen, date.approx ? 200 : 350))
    {
      date.has_time = TRUE;
      date.hour = (guint8) below (gen, 24);
      date.minute = (guint8) (below (gen, 12) * 5);
    }
  chrono_event_set_date (event, &date);

  kind = pick_kind (gen);
  chrono_event_set_kind (event, kind);

  /* Spans: custody, admissions, plans and allocations often have an end. */
  if ((kind == CHRONO_KIND_CUSTODY || kind == CHRONO_KIND_ADMISSION ||
       kind == CHRONO_KIND_PLAN || kind == CHRONO_KIND_ALLOCATION) && chance (gen, 700))
    {
      chrono_date_get_interval (&date, &first, &last);
      if (chance (gen, 150))
        {
          /* Ended "in May 2012", always a later month: the importer orders
           * an end month by its first day, so the start's own month would
           * be refused as "before" a start later in it. */
          end = date_from_day (last + 32 + (gint32) below (gen, 400));
          end.day = 0;
        }
      else
        end = date_from_day (first + 1 + (gint32) below (gen, 400));
      chrono_event_set_end_date (event, &end);
    }

  /* Early agencies (police, social care, health) write the most. */
  agency = below (gen, gen->n_agencies);
  agency = MIN (agency, below (gen, gen->n_agencies));
  chrono_event_set_agency (event, gen->agencies[agency]);
  {
    const char * const *units = agency_table[agency % N_BASE_AGENCIES].units;
    guint n_units = g_strv_length ((char **) units);

    if (n_units > 0 && chance (gen, 650))
      chrono_event_set_unit (event, units[below (gen, n_units)]);
  }

  if (!chance (gen, 50))
    {
      const char *subjects[4] = { NULL };
      guint n = 0, want = 1 + below (gen, 3);

      r = below (gen, 100);
      subjects[n++] = r < 55 ? "Victim" : r < 85 ? "Perpetrator"
                                                 : subject_pool[below (gen, G_N_ELEMENTS (subject_pool))];
      while (n < want)
        {
          const char *s = subject_pool[below (gen, G_N_ELEMENTS (subject_pool))];

          if (g_strv_contains (subjects, s))
            want--;
          else
            subjects[n++] = s;
        }
      chrono_event_set_subjects (event, subjects);
    }

  make_summary (gen, kind);
  chrono_event_set_summary (event, gen->text->str);

  if (chance (gen, 200))
    {
      g_auto(GStrv) shared = pick_agencies (gen, agency, 2);
      chrono_event_set_shared_with (event, (const char * const *) shared);
    }
  if (chance (gen, 40))
    {
      g_auto(GStrv) not_shared = pick_agencies (gen, agency, 1);
      chrono_event_set_not_shared_with (event, (const char * const *) not_shared);
    }

  if (kind == CHRONO_KIND_ALLOCATION)
    {
      r = below (gen, 10);
      chrono_event_set_allocation (event, r < 5 ? CHRONO_ALLOCATION_ALLOCATED
                                          : r < 8 ? CHRONO_ALLOCATION_UNALLOCATED
                                                  : CHRONO_ALLOCATION_CLOSED);
    }
  if (chance (gen, 120))
    {
      r = below (gen, 12);
      chrono_event_set_risk (event, r < 3 ? CHRONO_RISK_HIGH
                                    : r < 8 ? CHRONO_RISK_MEDIUM : CHRONO_RISK_LOW);
    }

  r = below (gen, 10);
  if (r < 5)
    {
      g_snprintf (ref, sizeof ref, "IMR %u.%u", 4 + below (gen, 5), 1 + below (gen, 30));
      chrono_event_set_source (event, ref);
    }
  else if (r < 8)
    {
      g_snprintf (ref, sizeof ref, "Record %06u", below (gen, 1000000));
      chrono_event_set_source (event, ref);
    }

  gen->index++;
}

void
chrono_gen_append_csv_header (GString *out)
{
  const char * const *columns = chrono_exchange_columns ();

  for (guint i = 0; columns[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, columns[i]);
    }
  g_string_append (out, "\r\n");
}

static void
append_list (GString            *out,
             const char * const *items)
{
  g_autofree char *joined = chrono_join_list (items);
  chrono_csv_append_field (out, joined, ',');
}

static void
append_date (GString          *out,
             const ChronoDate *date)
{
  g_autofree char *iso = chrono_date_is_set (date) ? chrono_date_to_iso (date) : NULL;
  chrono_csv_append_field (out, iso, ',');
}

void
chrono_gen_append_csv_row (GString     *out,
                           ChronoEvent *event)
{
  const ChronoDate *date = chrono_event_get_date (event);
  g_autofree char *time = chrono_date_time_to_string (date);

  chrono_csv_append_field (out, chrono_event_get_ref (event), ',');
  g_string_append_c (out, ',');
  append_date (out, date);
  g_string_append_c (out, ',');
  g_string_append (out, chrono_precision_to_string (chrono_date_get_precision (date)));
  g_string_append_c (out, ',');
  if (time != NULL)
    g_string_append (out, time);
  g_string_append_c (out, ',');
  append_date (out, chrono_event_get_end_date (event));
  g_string_append_c (out, ',');
  chrono_csv_append_field (out, chrono_event_get_agency (event), ',');
  g_string_append_c (out, ',');
  chrono_csv_append_field (out, chrono_event_get_unit (event), ',');
  g_string_append_c (out, ',');
  append_list (out, chrono_event_get_subjects (event));
  g_string_append_c (out, ',');
  g_string_append (out, chrono_kind_to_string (chrono_event_get_kind (event)));
  g_string_append_c (out, ',');
  chrono_csv_append_field (out, chrono_event_get_summary (event), ',');
  g_string_append_c (out, ',');
  append_list (out, chrono_event_get_shared_with (event));
  g_string_append_c (out, ',');
  append_list (out, chrono_event_get_not_shared_with (event));
  g_string_append_c (out, ',');
  g_string_append (out, chrono_allocation_to_string (chrono_event_get_allocation (event)));
  g_string_append_c (out, ',');
  g_string_append (out, chrono_risk_to_string (chrono_event_get_risk (event)));
  g_string_append_c (out, ',');
  chrono_csv_append_field (out, chrono_event_get_source (event), ',');
  g_string_append (out, "\r\n");
}

static gboolean
flush (FILE        *fp,
       GString     *buf,
       const char  *path,
       GError     **error)
{
  if (buf->len > 0 && fwrite (buf->str, 1, buf->len, fp) != buf->len)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot write %s: %s", display, g_strerror (saved));
      return FALSE;
    }
  g_string_truncate (buf, 0);
  return TRUE;
}

gboolean
chrono_gen_write_csv (const char  *path,
                      guint64      n_events,
                      guint        n_agencies,
                      guint64      seed,
                      GError     **error)
{
  g_autoptr(ChronoGen) gen = NULL;
  g_autoptr(ChronoEvent) event = chrono_event_new ();
  g_autoptr(GString) buf = g_string_sized_new (1 << 21);
  gboolean ok = TRUE;
  FILE *fp;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (n_agencies >= 1, FALSE);

  fp = g_fopen (path, "wb");
  if (fp == NULL)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot write %s: %s", display, g_strerror (saved));
      return FALSE;
    }

  gen = chrono_gen_new (n_events, n_agencies, seed);
  chrono_gen_append_csv_header (buf);
  for (guint64 i = 0; ok && i < n_events; i++)
    {
      chrono_gen_next_event (gen, event);
      chrono_gen_append_csv_row (buf, event);
      if (buf->len >= 1 << 20)
        ok = flush (fp, buf, path, error);
    }
  if (ok)
    ok = flush (fp, buf, path, error);
  if (fclose (fp) != 0 && ok)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot write %s: %s", display, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (path);
  return ok;
}
