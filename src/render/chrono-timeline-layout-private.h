/* chrono-timeline-layout-private.h: what the layout's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chrono-timeline-layout.h"

G_BEGIN_DECLS

#define MAX_LEVELS 8
#define MAX_GROWN_LEVELS MAX_LEVELS
#define GAP 2.0

struct _ChronoTimelineLayout
{
  GObject                parent_instance;

  ChronoMarks           *marks;
  ChronoTimelineMetrics  metrics;
  gboolean              *collapsed;
  gboolean              *hidden;
  guint                 *order;

  ChronoLabelFunc        label_func;
  gpointer               label_data;
  GDestroyNotify         label_destroy;

  double                 scroll_y;
  ChronoDisplayList      list;
};

/* Row sizes after fitting the height. */
typedef struct
{
  double mark_size;
  double level_height;
  double row_padding;
  guint  levels;
  guint  collapsed_levels;
  const guint8 *extra;   /* more levels for some rows (by row index), or NULL */
} Sizes;

/* chrono-timeline-layout-geometry.c: lanes and rows */
double _chrono_layout_plan_rows (ChronoTimelineLayout *self,
                                 const Sizes          *sz,
                                 GArray               *lanes,
                                 GArray               *rows);
double _chrono_layout_fit_rows  (ChronoTimelineLayout *self,
                                 double                available,
                                 Sizes                *sz,
                                 GArray               *lanes,
                                 GArray               *rows);

/* chrono-timeline-layout-row.c: one row's marks, bars, clusters and labels */
void _chrono_layout_build_row (ChronoTimelineLayout  *self,
                               ChronoDisplayList     *dl,
                               const ChronoTimeScale *scale,
                               const Sizes           *sz,
                               guint16                row_index);

G_END_DECLS
