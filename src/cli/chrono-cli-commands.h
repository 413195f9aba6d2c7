/* chrono-cli-commands.h: one function per chronoscope-cli command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each takes the command's own argv (argv[0] is the command name) and
 * returns the process exit code: 0 success, 1 a user error already reported
 * on stderr in one line. */
int  chrono_cli_import (int          argc,
                        char       **argv);
int  chrono_cli_export (int          argc,
                        char       **argv);
int  chrono_cli_info   (int          argc,
                        char       **argv);
int  chrono_cli_analyse (int         argc,
                         char      **argv);
int  chrono_cli_render (int          argc,
                        char       **argv);

/* Prints "chronoscope-cli: MESSAGE" on stderr. */
void chrono_cli_fail   (const char  *format,
                        ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
