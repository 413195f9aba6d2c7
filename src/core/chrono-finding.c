/* chrono-finding.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-finding"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chrono-finding-private.h"

struct _ChronoFinding
{
  GObject             parent_instance;

  ChronoFindingKind   kind;
  ChronoFindingBasis  basis;
  ChronoSeverity      severity;
  char               *key;
  char               *rule_id;
  char               *rule_text;
  char               *explanation;
  char               *agency;
  char               *unit;
  GStrv               subjects;
  char               *subject;      /* subjects joined for display */
  ChronoDate          from;
  ChronoDate          to;
  gint32              first_day;
  gint32              last_day;
  gint32              days;
  GArray             *event_ids;    /* gint64 */
  GPtrArray          *event_refs;   /* char *, NULL-terminated */
  GStrv               not_shared;

  ChronoFindingStatus status;
  char               *reason;
  char               *note;
  char               *decided_at;
};

enum {
  PROP_0,
  PROP_KEY,
  PROP_KIND,
  PROP_AGENCY,
  PROP_SUBJECT,
  PROP_RULE_ID,
  PROP_RULE_TEXT,
  PROP_EXPLANATION,
  PROP_SEVERITY,
  PROP_STATUS,
  PROP_REASON,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChronoFinding, chrono_finding, G_TYPE_OBJECT)

static const char * const kind_words[CHRONO_N_FINDING_KINDS] = {
  "gap", "unallocated", "unactioned_referral", "unshared",
};

static const char * const status_words[] = { "open", "accepted", "dismissed" };

static void
chrono_finding_finalize (GObject *object)
{
  ChronoFinding *self = CHRONO_FINDING (object);

  g_free (self->key);
  g_free (self->rule_id);
  g_free (self->rule_text);
  g_free (self->explanation);
  g_free (self->agency);
  g_free (self->unit);
  g_strfreev (self->subjects);
  g_free (self->subject);
  g_array_unref (self->event_ids);
  g_ptr_array_unref (self->event_refs);
  g_strfreev (self->not_shared);
  g_free (self->reason);
  g_free (self->note);
  g_free (self->decided_at);

  G_OBJECT_CLASS (chrono_finding_parent_class)->finalize (object);
}

static void
chrono_finding_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ChronoFinding *self = CHRONO_FINDING (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_KIND:
      g_value_set_string (value, chrono_finding_kind_to_string (self->kind));
      break;
    case PROP_AGENCY:
      g_value_set_string (value, self->agency);
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_RULE_ID:
      g_value_set_string (value, self->rule_id);
      break;
    case PROP_RULE_TEXT:
      g_value_set_string (value, self->rule_text);
      break;
    case PROP_EXPLANATION:
      g_value_set_string (value, self->explanation);
      break;
    case PROP_SEVERITY:
      g_value_set_string (value, chrono_severity_to_string (self->severity));
      break;
    case PROP_STATUS:
      g_value_set_string (value, chrono_finding_status_to_string (self->status));
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_finding_class_init (ChronoFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = chrono_finding_finalize;
  object_class->get_property = chrono_finding_get_property;

  /* Strings, so a list view can bind and sort on them directly. */
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_AGENCY] = g_param_spec_string ("agency", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  properties[PROP_RULE_ID] = g_param_spec_string ("rule-id", NULL, NULL, NULL, flags);
  properties[PROP_RULE_TEXT] = g_param_spec_string ("rule-text", NULL, NULL, NULL, flags);
  properties[PROP_EXPLANATION] = g_param_spec_string ("explanation", NULL, NULL, NULL, flags);
  properties[PROP_SEVERITY] = g_param_spec_string ("severity", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chrono_finding_init (ChronoFinding *self)
{
  self->event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->event_refs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->event_refs, NULL);
  self->subjects = g_new0 (char *, 1);
  self->subject = g_strdup ("");
  self->not_shared = g_new0 (char *, 1);
  self->agency = g_strdup ("");
  self->unit = g_strdup ("");
  self->rule_text = g_strdup ("");
  self->explanation = g_strdup ("");
  self->reason = g_strdup ("");
  self->note = g_strdup ("");
}

ChronoFinding *
_chrono_finding_new (ChronoFindingKind   kind,
                     ChronoFindingBasis  basis,
                     const char         *rule_id)
{
  ChronoFinding *self = g_object_new (CHRONO_TYPE_FINDING, NULL);

  self->kind = kind;
  self->basis = basis;
  self->rule_id = g_strdup (rule_id);
  return self;
}

void
_chrono_finding_set_key (ChronoFinding *self,
                         const char    *key)
{
  g_free (self->key);
  self->key = g_strdup (key);
}

void
_chrono_finding_set_texts (ChronoFinding *self,
                           const char    *rule_text,
                           const char    *explanation)
{
  g_free (self->rule_text);
  self->rule_text = g_strdup (rule_text != NULL ? rule_text : "");
  g_free (self->explanation);
  self->explanation = g_strdup (explanation != NULL ? explanation : "");
}

void
_chrono_finding_set_where (ChronoFinding      *self,
                           const char         *agency,
                           const char         *unit,
                           const char * const *subjects)
{
  g_free (self->agency);
  self->agency = g_strdup (agency != NULL ? agency : "");
  g_free (self->unit);
  self->unit = g_strdup (unit != NULL ? unit : "");
  g_strfreev (self->subjects);
  self->subjects = subjects != NULL ? g_strdupv ((char **) subjects) : g_new0 (char *, 1);
  g_free (self->subject);
  self->subject = g_strjoinv ("; ", self->subjects);
}

void
_chrono_finding_set_period (ChronoFinding    *self,
                            const ChronoDate *from,
                            const ChronoDate *to,
                            gint32            first_day,
                            gint32            last_day,
                            gint32            days)
{
  self->from = *from;
  self->to = to != NULL ? *to : (ChronoDate) CHRONO_DATE_INIT;
  self->first_day = first_day;
  self->last_day = last_day;
  self->days = days;
}

void
_chrono_finding_add_event (ChronoFinding *self,
                           gint64         id,
                           const char    *ref)
{
  g_array_append_val (self->event_ids, id);
  g_ptr_array_index (self->event_refs, self->event_refs->len - 1) = g_strdup (ref != NULL ? ref : "");
  g_ptr_array_add (self->event_refs, NULL);
}

void
_chrono_finding_set_not_shared (ChronoFinding      *self,
                                const char * const *agencies)
{
  g_strfreev (self->not_shared);
  self->not_shared = agencies != NULL ? g_strdupv ((char **) agencies) : g_new0 (char *, 1);
}

void
_chrono_finding_set_severity (ChronoFinding  *self,
                              ChronoSeverity  severity)
{
  self->severity = severity;
}

const char *
chrono_finding_get_key (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return self->key;
}

ChronoFindingKind
chrono_finding_get_kind (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), CHRONO_FINDING_GAP);
  return self->kind;
}

ChronoFindingBasis
chrono_finding_get_basis (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), CHRONO_FINDING_BASIS_NONE);
  return self->basis;
}

ChronoSeverity
chrono_finding_get_severity (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), CHRONO_SEVERITY_LOW);
  return self->severity;
}

const char *
chrono_finding_get_rule_id (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return self->rule_id;
}

const char *
chrono_finding_get_rule_text (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return self->rule_text;
}

const char *
chrono_finding_get_explanation (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return self->explanation;
}

const char *
chrono_finding_get_agency (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return self->agency;
}

const char *
chrono_finding_get_unit (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return self->unit;
}

const char * const *
chrono_finding_get_subjects (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return (const char * const *) self->subjects;
}

const char *
chrono_finding_get_subject (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return self->subject;
}

gboolean
chrono_finding_has_subject (ChronoFinding *self,
                            const char    *subject)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), FALSE);
  return subject != NULL && g_strv_contains ((const char * const *) self->subjects, subject);
}

const ChronoDate *
chrono_finding_get_from (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return &self->from;
}

const ChronoDate *
chrono_finding_get_to (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return &self->to;
}

gint32
chrono_finding_get_first_day (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), 0);
  return self->first_day;
}

gint32
chrono_finding_get_last_day (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), 0);
  return self->last_day;
}

gint32
chrono_finding_get_days (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), 0);
  return self->days;
}

const gint64 *
chrono_finding_get_event_ids (ChronoFinding *self,
                              guint         *n_events)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  if (n_events != NULL)
    *n_events = self->event_ids->len;
  return (const gint64 *) self->event_ids->data;
}

const char * const *
chrono_finding_get_event_refs (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return (const char * const *) self->event_refs->pdata;
}

const char * const *
chrono_finding_get_not_shared_with (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return (const char * const *) self->not_shared;
}

ChronoFindingStatus
chrono_finding_get_status (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), CHRONO_FINDING_OPEN);
  return self->status;
}

const char *
chrono_finding_get_reason (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return self->reason;
}

const char *
chrono_finding_get_note (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return self->note;
}

const char *
chrono_finding_get_decided_at (ChronoFinding *self)
{
  g_return_val_if_fail (CHRONO_IS_FINDING (self), NULL);
  return self->decided_at;
}

void
chrono_finding_set_decision (ChronoFinding       *self,
                             ChronoFindingStatus  status,
                             const char          *reason,
                             const char          *note,
                             const char          *decided_at)
{
  g_return_if_fail (CHRONO_IS_FINDING (self));
  g_return_if_fail (status <= CHRONO_FINDING_DISMISSED);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (g_strcmp0 (self->reason, reason != NULL ? reason : "") != 0)
    {
      g_free (self->reason);
      self->reason = g_strdup (reason != NULL ? reason : "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
    }
  if (g_strcmp0 (self->note, note != NULL ? note : "") != 0)
    {
      g_free (self->note);
      self->note = g_strdup (note != NULL ? note : "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
    }
  g_free (self->decided_at);
  self->decided_at = g_strdup (decided_at);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
chrono_finding_kind_to_string (ChronoFindingKind kind)
{
  g_return_val_if_fail (kind < CHRONO_N_FINDING_KINDS, "gap");
  return kind_words[kind];
}

gboolean
chrono_finding_kind_from_string (const char        *text,
                                 ChronoFindingKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_words); i++)
    {
      if (strcmp (kind_words[i], text) == 0)
        {
          *kind = (ChronoFindingKind) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
chrono_finding_kind_to_label (ChronoFindingKind kind)
{
  switch (kind)
    {
    case CHRONO_FINDING_GAP:                 return _("Gap in contact");
    case CHRONO_FINDING_UNALLOCATED:         return _("Unallocated period");
    case CHRONO_FINDING_UNACTIONED_REFERRAL: return _("Unactioned referral");
    case CHRONO_FINDING_UNSHARED:            return _("Unshared information");
    case CHRONO_N_FINDING_KINDS:
    default:                                 return "";
    }
}

const char *
chrono_finding_basis_to_string (ChronoFindingBasis basis)
{
  switch (basis)
    {
    case CHRONO_FINDING_BASIS_RECORDED: return "recorded";
    case CHRONO_FINDING_BASIS_INFERRED: return "inferred";
    case CHRONO_FINDING_BASIS_NONE:
    default:                            return "";
    }
}

const char *
chrono_finding_status_to_string (ChronoFindingStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_words), "open");
  return status_words[status];
}

gboolean
chrono_finding_status_from_string (const char          *text,
                                   ChronoFindingStatus *status)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (status_words); i++)
    {
      if (strcmp (status_words[i], text) == 0)
        {
          *status = (ChronoFindingStatus) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
chrono_severity_to_string (ChronoSeverity severity)
{
  switch (severity)
    {
    case CHRONO_SEVERITY_HIGH:   return "high";
    case CHRONO_SEVERITY_MEDIUM: return "medium";
    case CHRONO_SEVERITY_LOW:
    default:                     return "low";
    }
}
