/* chrono-window.h: a window showing one case, or the welcome page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chrono-application.h"
#include "chrono-case-job.h"
#include "chrono-store.h"
#include "chrono-table-view.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_WINDOW (chrono_window_get_type ())
G_DECLARE_FINAL_TYPE (ChronoWindow, chrono_window, CHRONO, WINDOW, AdwApplicationWindow)

ChronoWindow     *chrono_window_new            (ChronoApplication *application);

/* Opens a case file; errors are shown to the user, never returned. */
void              chrono_window_open_file      (ChronoWindow      *self,
                                                GFile             *file);
/* What a drop or the command line gives: case files are opened (the first
 * here, the others in windows of their own), chronologies (.csv) imported
 * into this window's case, or into a new one after asking where to save it. */
void              chrono_window_open_files     (ChronoWindow      *self,
                                                GFile            **files,
                                                guint              n_files);
/* Imports chronologies (exchange-format CSV) into the open case, or asks for
 * a new case file first when none is open. */
void              chrono_window_import_files   (ChronoWindow      *self,
                                                GFile            **files,
                                                guint              n_files);
/* Creates a new, empty case at @file (".chronoscope" is appended when
 * missing) and imports @imports into it.  An existing file is never
 * replaced: the user is told to choose another name. */
void              chrono_window_create_case    (ChronoWindow      *self,
                                                GFile             *file,
                                                GFile            **imports,
                                                guint              n_imports);
/* Builds the sample case on first use, then opens it. */
void              chrono_window_open_sample    (ChronoWindow      *self);
/* Closes the case and shows the welcome page. */
void              chrono_window_close_case     (ChronoWindow      *self);

/* No case open and nothing running: a window a new case may take over. */
gboolean          chrono_window_is_idle        (ChronoWindow      *self);
/* TRUE while a case is being opened or chronologies imported. */
gboolean          chrono_window_get_busy       (ChronoWindow      *self);
/* The open case, or NULL; notified as "store" when it changes. */
ChronoStore      *chrono_window_get_store      (ChronoWindow      *self);
/* The case's events (ChronoEvent) by date.  The same model for the life of
 * the window: its contents change when a case is opened, imported into or
 * closed. */
GListModel       *chrono_window_get_events     (ChronoWindow      *self);
ChronoTableView  *chrono_window_get_table_view (ChronoWindow      *self);

/* Adds a view of the case (the table is the first) to the case page's view
 * switcher.  Returns the page, owned by the window. */
AdwViewStackPage *chrono_window_add_case_page  (ChronoWindow      *self,
                                                GtkWidget         *child,
                                                const char        *name,
                                                const char        *title,
                                                const char        *icon_name);

G_END_DECLS
