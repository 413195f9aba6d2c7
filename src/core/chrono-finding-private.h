/* chrono-finding-private.h: building findings, for the analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chrono-finding.h"

G_BEGIN_DECLS

ChronoFinding *_chrono_finding_new              (ChronoFindingKind   kind,
                                                 ChronoFindingBasis  basis,
                                                 const char         *rule_id);
void           _chrono_finding_set_key          (ChronoFinding      *self,
                                                 const char         *key);
void           _chrono_finding_set_texts        (ChronoFinding      *self,
                                                 const char         *rule_text,
                                                 const char         *explanation);
void           _chrono_finding_set_where        (ChronoFinding      *self,
                                                 const char         *agency,
                                                 const char         *unit,
                                                 const char * const *subjects);
void           _chrono_finding_set_period       (ChronoFinding      *self,
                                                 const ChronoDate   *from,
                                                 const ChronoDate   *to,
                                                 gint32              first_day,
                                                 gint32              last_day,
                                                 gint32              days);
void           _chrono_finding_add_event        (ChronoFinding      *self,
                                                 gint64              id,
                                                 const char         *ref);
void           _chrono_finding_set_not_shared   (ChronoFinding      *self,
                                                 const char * const *agencies);
void           _chrono_finding_set_severity     (ChronoFinding      *self,
                                                 ChronoSeverity      severity);

G_END_DECLS
