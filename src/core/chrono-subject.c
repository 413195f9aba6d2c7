/* chrono-subject.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-subject"

#include "chrono-subject.h"

struct _ChronoSubject
{
  GObject     parent_instance;

  gint64      id;
  char       *pseudonym;
  char       *name;
  char       *role;
  ChronoDate  birth_date;
};

G_DEFINE_FINAL_TYPE (ChronoSubject, chrono_subject, G_TYPE_OBJECT)

static void
chrono_subject_finalize (GObject *object)
{
  ChronoSubject *self = CHRONO_SUBJECT (object);

  g_clear_pointer (&self->pseudonym, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->role, g_free);

  G_OBJECT_CLASS (chrono_subject_parent_class)->finalize (object);
}

static void
chrono_subject_class_init (ChronoSubjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chrono_subject_finalize;
}

static void
chrono_subject_init (ChronoSubject *self)
{
}

ChronoSubject *
chrono_subject_new (gint64      id,
                    const char *pseudonym)
{
  ChronoSubject *self;

  g_return_val_if_fail (pseudonym != NULL, NULL);

  self = g_object_new (CHRONO_TYPE_SUBJECT, NULL);
  self->id = id;
  self->pseudonym = g_strdup (pseudonym);
  return self;
}

gint64
chrono_subject_get_id (ChronoSubject *self)
{
  g_return_val_if_fail (CHRONO_IS_SUBJECT (self), 0);
  return self->id;
}

const char *
chrono_subject_get_pseudonym (ChronoSubject *self)
{
  g_return_val_if_fail (CHRONO_IS_SUBJECT (self), NULL);
  return self->pseudonym;
}

const char *
chrono_subject_get_name (ChronoSubject *self)
{
  g_return_val_if_fail (CHRONO_IS_SUBJECT (self), NULL);
  return self->name != NULL ? self->name : "";
}

void
chrono_subject_set_name (ChronoSubject *self,
                         const char    *name)
{
  g_return_if_fail (CHRONO_IS_SUBJECT (self));
  g_free (self->name);
  self->name = g_strdup (name);
}

const char *
chrono_subject_get_role (ChronoSubject *self)
{
  g_return_val_if_fail (CHRONO_IS_SUBJECT (self), NULL);
  return self->role != NULL ? self->role : "";
}

void
chrono_subject_set_role (ChronoSubject *self,
                         const char    *role)
{
  g_return_if_fail (CHRONO_IS_SUBJECT (self));
  g_free (self->role);
  self->role = g_strdup (role);
}

const ChronoDate *
chrono_subject_get_birth_date (ChronoSubject *self)
{
  g_return_val_if_fail (CHRONO_IS_SUBJECT (self), NULL);
  return &self->birth_date;
}

void
chrono_subject_set_birth_date (ChronoSubject    *self,
                               const ChronoDate *date)
{
  g_return_if_fail (CHRONO_IS_SUBJECT (self));
  if (date != NULL)
    self->birth_date = *date;
  else
    self->birth_date = (ChronoDate) CHRONO_DATE_INIT;
}
