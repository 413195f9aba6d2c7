/* chrono-row-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "chrono-row-source.h"

G_DEFINE_INTERFACE (ChronoRowSource, chrono_row_source, G_TYPE_OBJECT)

static void
chrono_row_source_default_init (ChronoRowSourceInterface *iface)
{
}

gboolean
chrono_row_source_next_row (ChronoRowSource  *self,
                            GPtrArray       **cells,
                            guint64          *row_number,
                            GError          **error)
{
  g_return_val_if_fail (CHRONO_IS_ROW_SOURCE (self), FALSE);
  g_return_val_if_fail (cells != NULL, FALSE);

  return CHRONO_ROW_SOURCE_GET_IFACE (self)->next_row (self, cells, row_number, error);
}
