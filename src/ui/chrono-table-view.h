/* chrono-table-view.h: the case's events as a sortable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chrono-event.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_TABLE_VIEW (chrono_table_view_get_type ())
G_DECLARE_FINAL_TYPE (ChronoTableView, chrono_table_view, CHRONO, TABLE_VIEW, GtkWidget)

GtkWidget     *chrono_table_view_new                (void);

/* A list of ChronoEvent; the table sorts its own view of it. */
GListModel    *chrono_table_view_get_model          (ChronoTableView *self);
void           chrono_table_view_set_model          (ChronoTableView *self,
                                                     GListModel      *model);

/* The selected event, or NULL; a view sharing the selection binds the
 * "selected-event" property.  Setting it selects the event's row (matched by
 * object or by id) and scrolls to it. */
ChronoEvent   *chrono_table_view_get_selected_event (ChronoTableView *self);
void           chrono_table_view_set_selected_event (ChronoTableView *self,
                                                     ChronoEvent     *event);

/* Rows as shown, in their current order. */
guint          chrono_table_view_get_n_rows         (ChronoTableView *self);
ChronoEvent   *chrono_table_view_dup_row_event      (ChronoTableView *self,
                                                     guint            position);

/* Sorts by date, as clicking the Date column header does. */
void           chrono_table_view_sort_by_date       (ChronoTableView *self,
                                                     GtkSortType      order);
GtkColumnView *chrono_table_view_get_column_view    (ChronoTableView *self);

G_END_DECLS
