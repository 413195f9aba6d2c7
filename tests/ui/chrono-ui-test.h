/* chrono-ui-test.h: what every UI test needs to drive the real widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How long a UI test waits for a condition before it fails. */
#define CHRONO_UI_TEST_TIMEOUT_MS 20000

typedef gboolean (*ChronoUiCondition) (gpointer data);

/* Runs the main context until @condition holds; FALSE after the timeout. */
gboolean chrono_ui_test_wait_until (ChronoUiCondition condition,
                                    gpointer          data);
/* Dispatches everything pending, without blocking. */
void     chrono_ui_test_drain      (void);
/* A ChronoUiCondition: the widget @data is mapped. */
gboolean chrono_ui_test_is_mapped  (gpointer          data);

G_END_DECLS
