/* chrono-agency.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chrono-agency"

#include "chrono-agency.h"

struct _ChronoAgency
{
  GObject    parent_instance;

  gint64     id;
  char      *name;
  char      *colour;
  int        position;
  gboolean   hidden;
  GPtrArray *units;
  guint      n_events;
};

G_DEFINE_FINAL_TYPE (ChronoAgency, chrono_agency, G_TYPE_OBJECT)

static void
chrono_agency_finalize (GObject *object)
{
  ChronoAgency *self = CHRONO_AGENCY (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->colour, g_free);
  g_clear_pointer (&self->units, g_ptr_array_unref);

  G_OBJECT_CLASS (chrono_agency_parent_class)->finalize (object);
}

static void
chrono_agency_class_init (ChronoAgencyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chrono_agency_finalize;
}

static void
chrono_agency_init (ChronoAgency *self)
{
  self->units = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

ChronoAgency *
chrono_agency_new (gint64      id,
                   const char *name)
{
  ChronoAgency *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (CHRONO_TYPE_AGENCY, NULL);
  self->id = id;
  self->name = g_strdup (name);
  return self;
}

gint64
chrono_agency_get_id (ChronoAgency *self)
{
  g_return_val_if_fail (CHRONO_IS_AGENCY (self), 0);
  return self->id;
}

const char *
chrono_agency_get_name (ChronoAgency *self)
{
  g_return_val_if_fail (CHRONO_IS_AGENCY (self), NULL);
  return self->name;
}

const char *
chrono_agency_get_colour (ChronoAgency *self)
{
  g_return_val_if_fail (CHRONO_IS_AGENCY (self), NULL);
  return self->colour != NULL ? self->colour : "";
}

void
chrono_agency_set_colour (ChronoAgency *self,
                          const char   *colour)
{
  g_return_if_fail (CHRONO_IS_AGENCY (self));
  g_free (self->colour);
  self->colour = g_strdup (colour);
}

int
chrono_agency_get_position (ChronoAgency *self)
{
  g_return_val_if_fail (CHRONO_IS_AGENCY (self), 0);
  return self->position;
}

void
chrono_agency_set_position (ChronoAgency *self,
                            int           position)
{
  g_return_if_fail (CHRONO_IS_AGENCY (self));
  self->position = position;
}

gboolean
chrono_agency_get_hidden (ChronoAgency *self)
{
  g_return_val_if_fail (CHRONO_IS_AGENCY (self), FALSE);
  return self->hidden;
}

void
chrono_agency_set_hidden (ChronoAgency *self,
                          gboolean      hidden)
{
  g_return_if_fail (CHRONO_IS_AGENCY (self));
  self->hidden = !!hidden;
}

const char * const *
chrono_agency_get_units (ChronoAgency *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (CHRONO_IS_AGENCY (self), NULL);
  return self->units->len > 0 ? (const char * const *) self->units->pdata : none;
}

void
chrono_agency_add_unit (ChronoAgency *self,
                        const char   *unit)
{
  g_return_if_fail (CHRONO_IS_AGENCY (self));
  g_return_if_fail (unit != NULL);

  if (!g_strv_contains (chrono_agency_get_units (self), unit))
    g_ptr_array_add (self->units, g_strdup (unit));
}

guint
chrono_agency_get_n_events (ChronoAgency *self)
{
  g_return_val_if_fail (CHRONO_IS_AGENCY (self), 0);
  return self->n_events;
}

void
chrono_agency_set_n_events (ChronoAgency *self,
                            guint         n_events)
{
  g_return_if_fail (CHRONO_IS_AGENCY (self));
  self->n_events = n_events;
}
