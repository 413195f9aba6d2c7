/* chrono-subject.h: a person in the case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chrono-date.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_SUBJECT (chrono_subject_get_type ())
G_DECLARE_FINAL_TYPE (ChronoSubject, chrono_subject, CHRONO, SUBJECT, GObject)

ChronoSubject    *chrono_subject_new            (gint64            id,
                                                 const char       *pseudonym);
gint64            chrono_subject_get_id         (ChronoSubject    *self);
/* The name the review uses ("Stacey", "Perpetrator"): shown by default. */
const char       *chrono_subject_get_pseudonym  (ChronoSubject    *self);
/* The real name, when the panel recorded one; "" otherwise. */
const char       *chrono_subject_get_name       (ChronoSubject    *self);
void              chrono_subject_set_name       (ChronoSubject    *self,
                                                 const char       *name);
/* Role in the case ("victim", "perpetrator", "child"); "" when unknown. */
const char       *chrono_subject_get_role       (ChronoSubject    *self);
void              chrono_subject_set_role       (ChronoSubject    *self,
                                                 const char       *role);
const ChronoDate *chrono_subject_get_birth_date (ChronoSubject    *self);
void              chrono_subject_set_birth_date (ChronoSubject    *self,
                                                 const ChronoDate *date);

G_END_DECLS
