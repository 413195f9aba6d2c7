/* chrono-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-event"

#include <string.h>

#include "chrono-event.h"

struct _ChronoEvent
{
  GObject           parent_instance;

  gint64            id;
  char             *ref;
  ChronoDate        date;
  ChronoDate        end_date;
  char             *agency;
  char             *unit;
  ChronoKind        kind;
  char             *summary;
  GStrv             subjects;
  GStrv             shared_with;
  GStrv             not_shared_with;
  ChronoAllocation  allocation;
  ChronoRisk        risk;
  char             *source;
  char             *file;
  guint64           row;
  GPtrArray        *extras;   /* name, value, name, value, … */
};

G_DEFINE_FINAL_TYPE (ChronoEvent, chrono_event, G_TYPE_OBJECT)

static const char * const empty_strv[] = { NULL };

static void
replace_string (char       **slot,
                const char  *value)
{
  if (*slot == value)
    return;
  g_free (*slot);
  *slot = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}

static void
replace_strv (GStrv              *slot,
              const char * const *value)
{
  GStrv copy = (value != NULL && value[0] != NULL) ? g_strdupv ((char **) value) : NULL;

  g_strfreev (*slot);
  *slot = copy;
}

static void
chrono_event_finalize (GObject *object)
{
  ChronoEvent *self = CHRONO_EVENT (object);

  chrono_event_clear (self);
  g_clear_pointer (&self->extras, g_ptr_array_unref);

  G_OBJECT_CLASS (chrono_event_parent_class)->finalize (object);
}

static void
chrono_event_class_init (ChronoEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chrono_event_finalize;
}

static void
chrono_event_init (ChronoEvent *self)
{
}

ChronoEvent *
chrono_event_new (void)
{
  return g_object_new (CHRONO_TYPE_EVENT, NULL);
}

void
chrono_event_clear (ChronoEvent *self)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  self->id = 0;
  g_clear_pointer (&self->ref, g_free);
  memset (&self->date, 0, sizeof self->date);
  memset (&self->end_date, 0, sizeof self->end_date);
  g_clear_pointer (&self->agency, g_free);
  g_clear_pointer (&self->unit, g_free);
  self->kind = CHRONO_KIND_OTHER;
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->subjects, g_strfreev);
  g_clear_pointer (&self->shared_with, g_strfreev);
  g_clear_pointer (&self->not_shared_with, g_strfreev);
  self->allocation = CHRONO_ALLOCATION_NONE;
  self->risk = CHRONO_RISK_NONE;
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->file, g_free);
  self->row = 0;
  if (self->extras != NULL)
    g_ptr_array_set_size (self->extras, 0);
}

#define STRING_ACCESSORS(field)                                          \
  const char *                                                           \
  chrono_event_get_##field (ChronoEvent *self)                           \
  {                                                                      \
    g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);                 \
    return self->field != NULL ? self->field : "";                       \
  }                                                                      \
  void                                                                   \
  chrono_event_set_##field (ChronoEvent *self,                           \
                            const char  *value)                          \
  {                                                                      \
    g_return_if_fail (CHRONO_IS_EVENT (self));                           \
    replace_string (&self->field, value);                                \
  }

#define STRV_ACCESSORS(field)                                            \
  const char * const *                                                   \
  chrono_event_get_##field (ChronoEvent *self)                           \
  {                                                                      \
    g_return_val_if_fail (CHRONO_IS_EVENT (self), empty_strv);           \
    return self->field != NULL ? (const char * const *) self->field      \
                               : empty_strv;                             \
  }                                                                      \
  void                                                                   \
  chrono_event_set_##field (ChronoEvent        *self,                    \
                            const char * const *value)                   \
  {                                                                      \
    g_return_if_fail (CHRONO_IS_EVENT (self));                           \
    replace_strv (&self->field, value);                                  \
  }

#define VALUE_ACCESSORS(type, field)                                     \
  type                                                                   \
  chrono_event_get_##field (ChronoEvent *self)                           \
  {                                                                      \
    g_return_val_if_fail (CHRONO_IS_EVENT (self), (type) 0);             \
    return self->field;                                                  \
  }                                                                      \
  void                                                                   \
  chrono_event_set_##field (ChronoEvent *self,                           \
                            type         value)                          \
  {                                                                      \
    g_return_if_fail (CHRONO_IS_EVENT (self));                           \
    self->field = value;                                                 \
  }

STRING_ACCESSORS (ref)
STRING_ACCESSORS (agency)
STRING_ACCESSORS (unit)
STRING_ACCESSORS (summary)
STRING_ACCESSORS (source)
STRV_ACCESSORS (subjects)
STRV_ACCESSORS (shared_with)
STRV_ACCESSORS (not_shared_with)
VALUE_ACCESSORS (gint64, id)
VALUE_ACCESSORS (ChronoKind, kind)
VALUE_ACCESSORS (ChronoAllocation, allocation)
VALUE_ACCESSORS (ChronoRisk, risk)

const ChronoDate *
chrono_event_get_date (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);
  return &self->date;
}

void
chrono_event_set_date (ChronoEvent      *self,
                       const ChronoDate *date)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));
  g_return_if_fail (date != NULL);
  self->date = *date;
}

const ChronoDate *
chrono_event_get_end_date (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);
  return &self->end_date;
}

void
chrono_event_set_end_date (ChronoEvent      *self,
                           const ChronoDate *date)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  if (date != NULL)
    self->end_date = *date;
  else
    memset (&self->end_date, 0, sizeof self->end_date);
}

gboolean
chrono_event_is_span (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), FALSE);
  return chrono_date_is_set (&self->end_date);
}

gboolean
chrono_event_has_subject (ChronoEvent *self,
                          const char  *subject)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), FALSE);
  return self->subjects != NULL && g_strv_contains ((const char * const *) self->subjects, subject);
}

const char *
chrono_event_get_file (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);
  return self->file != NULL ? self->file : "";
}

guint64
chrono_event_get_row (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), 0);
  return self->row;
}

void
chrono_event_set_provenance (ChronoEvent *self,
                             const char  *file,
                             guint64      row)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));
  replace_string (&self->file, file);
  self->row = row;
}

guint
chrono_event_get_n_extras (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), 0);
  return self->extras != NULL ? self->extras->len / 2 : 0;
}

const char *
chrono_event_get_extra_name (ChronoEvent *self,
                             guint        index)
{
  g_return_val_if_fail (index < chrono_event_get_n_extras (self), NULL);
  return g_ptr_array_index (self->extras, index * 2);
}

const char *
chrono_event_get_extra_value (ChronoEvent *self,
                              guint        index)
{
  g_return_val_if_fail (index < chrono_event_get_n_extras (self), NULL);
  return g_ptr_array_index (self->extras, index * 2 + 1);
}

const char *
chrono_event_lookup_extra (ChronoEvent *self,
                           const char  *name)
{
  guint n = chrono_event_get_n_extras (self);

  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->extras, i * 2), name) == 0)
        return g_ptr_array_index (self->extras, i * 2 + 1);
    }
  return NULL;
}

void
chrono_event_add_extra (ChronoEvent *self,
                        const char  *name,
                        const char  *value)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));
  g_return_if_fail (name != NULL);

  if (self->extras == NULL)
    self->extras = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->extras, g_strdup (name));
  g_ptr_array_add (self->extras, g_strdup (value != NULL ? value : ""));
}
