/* chrono-row-source.h: a stream of table rows from any file format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CHRONO_TYPE_ROW_SOURCE (chrono_row_source_get_type ())
G_DECLARE_INTERFACE (ChronoRowSource, chrono_row_source, CHRONO, ROW_SOURCE, GObject)

struct _ChronoRowSourceInterface
{
  GTypeInterface parent_iface;

  /* Returns the next row's cells as UTF-8 strings (never NULL entries; an
   * empty cell is "").  The array and its strings belong to the source and
   * stay valid until the next call.  @row_number is the row's 1-based number
   * in the file as a person would count it (a spreadsheet row, a CSV record's
   * first line, a Word table row).  Returns FALSE at the end (error unset) or
   * on a fault (error set, naming the reason; no more rows follow). */
  gboolean (*next_row) (ChronoRowSource  *self,
                        GPtrArray       **cells,
                        guint64          *row_number,
                        GError          **error);
};

gboolean chrono_row_source_next_row (ChronoRowSource  *self,
                                     GPtrArray       **cells,
                                     guint64          *row_number,
                                     GError          **error);

G_END_DECLS
