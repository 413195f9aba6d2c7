/* main.c: starts Chronoscope
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronoscope"

#include "config.h"

#include "chrono-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ChronoApplication) app = chrono_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
