/* chrono-timeline-view-private.h: the timeline widget's parts (drawing,
 * input) and what the UI tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chrono-timeline-painter.h"
#include "chrono-timeline-view.h"

G_BEGIN_DECLS

typedef enum
{
  CHRONO_FONT_LANE,      /* lane names, bold */
  CHRONO_FONT_UNIT,      /* unit names */
  CHRONO_FONT_CONTEXT,   /* the axis' upper row, bold */
  CHRONO_FONT_AXIS,      /* the axis' lower row */
  CHRONO_FONT_SMALL,     /* labels next to marks */
  CHRONO_FONT_KEY,       /* key dates, bold */
  CHRONO_FONT_COUNT,     /* cluster counts, bold */
  CHRONO_N_FONTS
} ChronoFont;

typedef enum
{
  CHRONO_DRAG_NONE,
  CHRONO_DRAG_PAN,
  CHRONO_DRAG_REORDER,
} ChronoDragMode;

/* What a cached node was drawn for. */
typedef struct
{
  double from, to;
  int    width, height;
  double scroll_y;
  int    scale_factor;
  guint  serial;
} ChronoDrawKey;

struct _ChronoTimelineView
{
  GtkWidget              parent_instance;

  ChronoCaseView        *case_view;
  ChronoMarks           *marks;          /* the visible (filtered) events */
  ChronoTimelineLayout  *layout;
  ChronoTimelinePainter *painter;        /* colours and sizes */
  ChronoTimelineOptions *options;        /* review period and key dates */
  ChronoMarksLabels     *labels;         /* summaries, read as needed */
  GtkWidget             *scrollbar;
  GtkAdjustment         *vadjustment;
  GtkWidget             *popover;        /* a lane's menu, or a cluster's events */
  guint                  menu_lane;

  ChronoTimeScale        scale;
  gboolean               has_range;
  double                 fit_from, fit_to;
  double                 font_size;
  ChronoTimelineTheme    theme;

  guint                  tick_id;
  gint64                 anim_start;
  double                 anim_from0, anim_to0, anim_from1, anim_to1;

  guint                  serial;         /* anything but the scale changed */
  gboolean               list_valid;
  ChronoDrawKey          list_key;

  /* Drawing caches */
  GskRenderNode         *lanes_node;     /* backgrounds, grid and events */
  GskRenderNode         *axis_node;
  ChronoDrawKey          base_key;
  GskRenderNode         *headers_node;
  ChronoDrawKey          headers_key;
  PangoLayout           *text;           /* the one layout, reused */
  PangoFontDescription  *fonts[CHRONO_N_FONTS];
  GHashTable            *text_nodes;     /* "font|width|text" → ChronoTextNode */
  GHashTable            *sprites;        /* guint64 key → GskRenderNode */
  GArray                *lane_colours;   /* ChronoRgba, by lane */

  /* Interaction */
  gint64                 focus_id;
  gint64                 hover_id;
  double                 pointer_x, pointer_y;
  gboolean               pointer_inside;
  ChronoDragMode         drag_mode;
  ChronoTimeScale        drag_scale;
  double                 drag_scroll_y;
  double                 drag_y;
  guint                  drag_lane;
  int                    drop_index;
  ChronoTimeScale        gesture_scale;
  double                 gesture_anchor;

  /* Every visible event in time order, for moving from one to the next */
  guint32               *time_order;
  guint                  n_time_order;
};

/* chrono-timeline-view.c */
const ChronoDisplayList *_chrono_timeline_view_ensure_list   (ChronoTimelineView *self);
void                     _chrono_timeline_view_invalidate    (ChronoTimelineView *self);
void                     _chrono_timeline_view_set_scale     (ChronoTimelineView *self,
                                                              const ChronoTimeScale *scale);
void                     _chrono_timeline_view_select        (ChronoTimelineView *self,
                                                              gint64              id);
void                     _chrono_timeline_view_set_lane_order (ChronoTimelineView *self,
                                                               const guint        *order,
                                                               guint               n_lanes);
void                     _chrono_timeline_view_set_lane_hidden (ChronoTimelineView *self,
                                                                guint               lane,
                                                                gboolean            hidden);
double                   _chrono_timeline_view_get_scroll_y  (ChronoTimelineView *self);
void                     _chrono_timeline_view_set_scroll_y  (ChronoTimelineView *self,
                                                              double              scroll_y);
/* The row of event @event (index into the visible marks) in @list, or -1. */
int                      _chrono_timeline_view_row_of_event  (ChronoTimelineView      *self,
                                                              const ChronoDisplayList *list,
                                                              guint                    event);

/* chrono-timeline-navigate.c */
void                     _chrono_timeline_view_stop_animation (ChronoTimelineView *self);

/* chrono-timeline-actions.c */
void                     _chrono_timeline_view_install_actions (GtkWidgetClass *widget_class);

/* chrono-timeline-draw.c */
void                     _chrono_timeline_view_draw          (ChronoTimelineView *self,
                                                              GtkSnapshot        *snapshot);
void                     _chrono_timeline_view_setup_fonts   (ChronoTimelineView *self);
void                     _chrono_timeline_view_clear_caches  (ChronoTimelineView *self);

/* chrono-timeline-input.c */
void                     _chrono_timeline_view_setup_input   (ChronoTimelineView *self);
void                     _chrono_timeline_view_show_lane_menu (ChronoTimelineView *self,
                                                               guint               lane,
                                                               double              x,
                                                               double              y);
/* Moves the keyboard to the next (or previous) event in time order. */
void                     _chrono_timeline_view_step_event    (ChronoTimelineView *self,
                                                              gboolean            forward);
void                     _chrono_timeline_view_clear_order   (ChronoTimelineView *self);

G_END_DECLS
