/* chrono-case-job.h: opening, creating and importing into a case, off the
 * main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chrono-marks.h"
#include "chrono-store.h"

G_BEGIN_DECLS

/* The MIME type and file name extension of case files. */
#define CHRONO_CASE_MIME_TYPE "application/x-chronoscope"
#define CHRONO_CASE_SUFFIX    ".chronoscope"

typedef enum
{
  CHRONO_CASE_JOB_OPEN,     /* open the case at path, then import */
  CHRONO_CASE_JOB_CREATE,   /* create a new case at path, then import */
  CHRONO_CASE_JOB_SAMPLE,   /* build the sample case at path when needed, then open it */
  CHRONO_CASE_JOB_IMPORT,   /* import into an open case (store) */
} ChronoCaseJobKind;

/* One piece of work on a case, run in a thread with chrono_case_job_run():
 * nothing in it touches a widget, and the window leaves the case alone
 * while it runs. */
typedef struct
{
  ChronoCaseJobKind  kind;
  GApplication      *application;   /* held by the window while the job runs */
  char              *path;          /* the case to open or create */
  GPtrArray         *imports;       /* char *: chronologies to import */

  /* Results (CHRONO_CASE_JOB_IMPORT sets store and name beforehand) */
  ChronoStore       *store;
  char              *name;
  gboolean           read_only;
  GPtrArray         *events;        /* ChronoEvent, by date */
  ChronoMarks       *marks;         /* the same events, for the timeline */
  GPtrArray         *reports;       /* ChronoImportReport */
  GPtrArray         *import_errors; /* char *, "file: message", for people */
} ChronoCaseJob;

ChronoCaseJob *chrono_case_job_new         (ChronoCaseJobKind   kind,
                                            const char         *path);
void           chrono_case_job_free        (ChronoCaseJob      *job);
/* Files that are not on this computer become import errors. */
void           chrono_case_job_add_imports (ChronoCaseJob      *job,
                                            GFile             **files,
                                            guint               n_files);
/* A GTaskThreadFunc: the task's data is the job; returns TRUE, or the error
 * that kept the case from opening. */
void           chrono_case_job_run         (GTask              *task,
                                            gpointer            source_object,
                                            gpointer            task_data,
                                            GCancellable       *cancellable);

/* "Police" for ".../Police.chronoscope": how a case is named to people. */
char          *chrono_case_name_for_path   (const char         *path);

G_END_DECLS
