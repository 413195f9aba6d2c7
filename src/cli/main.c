/* main.c: chronoscope-cli, the headless front end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronoscope-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "chrono-cli-commands.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "import", chrono_cli_import, N_("Import chronologies into a case file") },
  { "export", chrono_cli_export, N_("Export a case as the exchange CSV format") },
  { "info", chrono_cli_info, N_("Describe a case: agencies, events, period") },
  { "analyse", chrono_cli_analyse, N_("Find gaps in contact, unallocated periods, unshared information") },
  { "render", chrono_cli_render, N_("Draw the swim-lane timeline as PNG, SVG or PDF") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: chronoscope-cli COMMAND [OPTION…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “chronoscope-cli COMMAND --help” for a command’s options."));
}

int
main (int    argc,
      char **argv)
{
  /* CHRONOSCOPE_LOCALEDIR, when set, replaces the installed locale
   * directory, so that a build can be run in another language before it
   * is installed (build-aux/check-welsh.sh does). */
  const char *localedir = g_getenv ("CHRONOSCOPE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("chronoscope-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return 1;
    }
  if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "version") == 0)
    {
      printf ("chronoscope-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (argv[1], commands[i].name) == 0)
        return commands[i].run (argc - 1, argv + 1);
    }

  chrono_cli_fail (_("unknown command “%s”; run chronoscope-cli --help"), argv[1]);
  return 1;
}
