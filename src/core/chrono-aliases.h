/* chrono-aliases.h: the many names of one agency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chrono-store.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_ALIASES (chrono_aliases_get_type ())
G_DECLARE_FINAL_TYPE (ChronoAliases, chrono_aliases, CHRONO, ALIASES, GObject)

/* Starts with the built-in list (CSC = Children's Social Care = children's
 * services; DASU and DPMU are police units; GP, health visitor and A&E are
 * health; IDVA is the domestic abuse service; …). */
ChronoAliases *chrono_aliases_new             (void);

/* Adds or replaces a user alias: @alias means @agency (and @unit, may be
 * NULL).  User aliases win over built-in ones. */
void           chrono_aliases_add             (ChronoAliases       *self,
                                               const char          *alias,
                                               const char          *agency,
                                               const char          *unit);
/* User aliases live in the case (meta key "aliases", one
 * "alias<TAB>agency<TAB>unit" line each). */
gboolean       chrono_aliases_load            (ChronoAliases       *self,
                                               ChronoStore         *store,
                                               GError             **error);
gboolean       chrono_aliases_save            (ChronoAliases       *self,
                                               ChronoStore         *store,
                                               GError             **error);

/* Resolves a name as written ("CSC", "informed police", "Health Visitor")
 * to one of the case's @lanes (NULL-terminated agency names): sets @agency
 * (newly allocated) and @unit (newly allocated or NULL).  When no lane
 * matches but the name is known, @agency is the usual name of that agency;
 * unknown names come back as written, trimmed.  Returns TRUE when the name
 * is a lane or a known alias, FALSE when unknown or blank (@agency NULL). */
gboolean       chrono_aliases_resolve         (ChronoAliases       *self,
                                               const char          *name,
                                               const char * const  *lanes,
                                               char               **agency,
                                               char               **unit);

/* An agency name suggested by a file name ("nottinghamshire-police.csv" →
 * "Nottinghamshire Police", "CSC chronology.xlsx" → "Children's Social
 * Care"), or NULL when the name says nothing useful. */
char          *chrono_aliases_suggest_for_file (ChronoAliases      *self,
                                                const char         *path);

G_END_DECLS
