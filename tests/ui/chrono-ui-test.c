/* chrono-ui-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "chrono-ui-test.h"

gboolean
chrono_ui_test_wait_until (ChronoUiCondition condition,
                           gpointer          data)
{
  gint64 deadline = g_get_monotonic_time () +
                    CHRONO_UI_TEST_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2 * G_TIME_SPAN_MILLISECOND);
    }
  return TRUE;
}

void
chrono_ui_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

gboolean
chrono_ui_test_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}
