/* chronoscope-gen.c: writes a synthetic chronology in the exchange format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronoscope-gen"

#include "config.h"

#include <stdio.h>

#include "chrono-gen.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  gint64 n_events = 1000;
  gint n_agencies = 12;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "events", 'n', 0, G_OPTION_ARG_INT64, &n_events, "Number of events (1000)", "N" },
    { "agencies", 'm', 0, G_OPTION_ARG_INT, &n_agencies, "Number of agencies (12)", "M" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed: the same seed, the same file (1)", "S" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "File to write", "FILE" },
    { NULL }
  };

  g_set_prgname ("chronoscope-gen");
  context = g_option_context_new ("- write a synthetic chronology (exchange CSV)");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "chronoscope-gen: %s\n", error->message);
      return 1;
    }
  if (output == NULL || argc > 1)
    {
      fprintf (stderr, "chronoscope-gen: usage: chronoscope-gen -n N -m M --seed S -o FILE\n");
      return 1;
    }
  if (n_events < 0 || n_agencies < 1)
    {
      fprintf (stderr, "chronoscope-gen: -n must be 0 or more and -m 1 or more\n");
      return 1;
    }

  if (!chrono_gen_write_csv (output, (guint64) n_events, (guint) n_agencies, (guint64) seed,
                             &error))
    {
      fprintf (stderr, "chronoscope-gen: %s\n", error->message);
      return 1;
    }
  return 0;
}
