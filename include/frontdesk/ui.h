/*
 * The terminal shell that every screen stands on: the key table and its
 * actions, the screen stack, the status line, and the widgets.
 *
 * Only the ui_ files of src/, screens/ and main.c include this header (it pulls in curses);
 * the core never does.
 *
 * Drawing: a screen sets its dirty flag (ui_dirty) and the loop calls its
 * draw(), which only does wnoutrefresh(); the loop calls doupdate() once per
 * pass. Nothing calls clear() to redraw.
 */
#ifndef FRONTDESK_UI_H
#define FRONTDESK_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include <curses.h>

#include "frontdesk/fieldedit.h"
#include "frontdesk/msg.h"
#include "frontdesk/staff.h"
#include "frontdesk/status.h"

struct config;
struct fd_db;

/*
 * The key table: action, config name, default keys (keyspec syntax). The
 * bottom-line label is message KEY_<action>, the help text HELP_<action>. It is the single source of the bottom key line, of
 * F1 help and of the names users rebind in [keys] / [keys.SCREEN].
 * An action with no default keys ("") has keys only on the screens that
 * give it some (screen_ops.key_defaults): the attendance marks are plain
 * letters and digits on the session screen and nowhere else, so typing
 * and menu digits keep working everywhere else.
 */
#define UI_ACTION_LIST(X)                                                       \
	X(HELP, "help", "F1 Esc-1 ?")                       \
	X(SAVE, "save", "F2 Esc-2 C-s")                     \
	X(BACK, "back", "F3 Esc-3 Esc")                     \
	X(PROMPT, "prompt", "F4 Esc-4")                 \
	X(REFRESH, "refresh", "F5 Esc-5")             \
	X(NEW, "new", "F6 Esc-6")                             \
	X(MENU, "menu", "F10 Esc-0")                        \
	X(HISTORY, "history", "F7 Esc-7")                   \
	X(WORKFLOW, "workflow", "F8 Esc-8")                 \
	X(OVERRIDE, "override", "F9 Esc-9")                 \
	X(NEXT, "next", "Tab Down")                         \
	X(PREV, "prev", "BTab Up")                          \
	X(ENTER, "enter", "Enter")                        \
	X(SEARCH, "search", "/")                        \
	X(PAGE_UP, "page_up", "PgUp")                 \
	X(PAGE_DOWN, "page_down", "PgDn")         \
	X(LEFT, "left", "Left")                             \
	X(RIGHT, "right", "Right")                        \
	X(HOME, "home", "Home")                             \
	X(END, "end", "End")                                  \
	X(ERASE, "erase", "Backspace")                    \
	X(DELETE, "delete", "Del")                                             \
	X(MARK_PRESENT, "mark_present", "")                                    \
	X(MARK_LATE, "mark_late", "")                                          \
	X(MARK_EXCUSED, "mark_excused", "")                                    \
	X(MARK_ABSENT, "mark_absent", "")                                      \
	X(MARK_REST, "mark_rest", "")                                          \
	X(PASS, "pass", "")                                                    \
	X(FAIL, "fail", "")                                                    \
	X(SCORE, "score", "")                                                  \
	X(NOTE, "note", "")                                                    \
	X(TODAY, "today", "")                                                  \
	X(CAPACITY, "capacity", "")                                            \
	X(ASSIGN, "assign", "")

enum action {
	ACT_NONE = 0,
#define UI_ACTION_ENUM(name, cfg, keys) ACT_##name,
	UI_ACTION_LIST(UI_ACTION_ENUM)
#undef UI_ACTION_ENUM
	ACT_CHAR, /* a printable character not bound to an action: ev->ch */
	ACT__COUNT
};

/* One key press, decoded. */
struct key_event {
	int code;   /* UI_KEY_* code space, see below */
	wchar_t ch; /* the character for ACT_CHAR, else 0 */
};

/* Key codes: Unicode code points as they are; curses KEY_* codes moved
 * above Unicode; Esc followed by a digit as its own code. */
#define UI_KEY_CURSES(k) (0x200000 + (k))
#define UI_KEY_ESC_DIGIT(d) (0x300000 + (d))

/* Flags returned by screen_ops.action. */
enum {
	UI_UNHANDLED = 0,
	UI_HANDLED = 1 << 0,
	UI_REDRAW = 1 << 1, /* mark this screen dirty */
	UI_QUIT = 1 << 2,   /* leave the application */
};

struct screen;

/* Arguments for entering a screen; each screen reads what it needs. */
struct screen_args {
	const char *key;  /* the record to open, NULL for a new one */
	int tag;          /* the parent's tag, returned with the result */
	const void *data; /* screen-specific */
};

/* A default binding that holds on one screen only: act gets keys (keyspec
 * syntax) there, before [keys.NAME] of the config is applied. */
struct ui_key_default {
	enum action act;
	const char *keys;
};

/* What an action means on one screen, when it is not what the key table
 * says everywhere (F4 "move a session" instead of "pick a value"): its
 * bottom-line label and its F1 text there. */
struct ui_key_text {
	enum action act;
	enum fd_msg label;
	enum fd_msg help;
};

/* What a modal child (pick list, confirm) gives back to its parent. */
struct ui_result {
	int tag;
	bool ok;           /* false when the person backed out */
	bool backed;       /* a confirm left with Esc/F3 rather than N */
	size_t index;      /* the chosen item */
	const char *value; /* the chosen item's value, if any */
};

struct screen_ops {
	const char *name;  /* also the [keys.NAME] config section */
	enum fd_msg title;
	size_t state_size; /* the framework allocates this much private state */
	bool overlay;      /* drawn over the screen below it */
	const enum action *keys; /* shown on the bottom line, ACT_NONE-ended */
	/* Keys of this screen only (may be NULL), ended by {ACT_NONE}. */
	const struct ui_key_default *key_defaults;
	/* What some keys mean on this screen (may be NULL), ended by
	 * {ACT_NONE}; the bottom line and F1 help use these texts. */
	const struct ui_key_text *key_texts;
	/* The keys that act on this screen besides those of its bottom line
	 * (may be NULL), ACT_NONE-ended: F1 then lists exactly these and the
	 * bottom line's. NULL lists every action that has a key. */
	const enum action *help_keys;
	int (*enter)(struct screen *, const struct screen_args *);
	void (*leave)(struct screen *);
	void (*layout)(struct screen *, int rows, int cols);
	void (*draw)(struct screen *);
	int (*action)(struct screen *, enum action, const struct key_event *);
	/* A child pushed with ui_push returned a result. */
	int (*result)(struct screen *, const struct ui_result *);
	/* True while a text field has focus, so printable keys are text. */
	bool (*typing)(struct screen *);
	/* True when leaving would drop unsaved input (asks first). */
	bool (*unsaved)(struct screen *);
	/* Called before the loop waits for a key (no key pending): keep a
	 * draft of what was typed, so a dropped link loses nothing. */
	void (*idle)(struct screen *);
	/* The keys the bottom line shows now, where they depend on what the
	 * screen shows (a graduated cohort offers no changes); NULL: keys.
	 * The line is drawn again on push, pop and refresh. */
	const enum action *(*keys_now)(struct screen *);
};

struct screen {
	const struct screen_ops *ops;
	void *state;
	WINDOW *win;       /* the screen's area (body, or the overlay box) */
	int rows, cols;    /* of win */
	bool dirty;
	int cursor_y, cursor_x; /* in win; cursor_y < 0 hides the cursor */
	int tag;           /* the parent's tag (screen_args.tag), returned
			    * with the result */
	bool dropped;      /* leaving because the person chose to drop the
			    * input (leave() then forgets any draft) */
	struct screen *below;
};

/* ---- the loop and the stack (src/ui.c) ---- */

/* Run the application until the person leaves or a signal ends it. */
int
ui_run(const struct config *cfg, struct fd_db *db);
/* Open a screen on top of the current one. Returns its enter() status. */
int
ui_push(const struct screen_ops *ops, const struct screen_args *args);
/* Close screen s (the top one); its parent gets res through result() if res
 * is not NULL, with res->tag set to the tag s was opened with. Asking about unsaved input is the framework's job on Back. */
void
ui_pop(struct screen *s, const struct ui_result *res);
/* Mark a screen for redrawing. */
void
ui_dirty(struct screen *s);
/* Show a message on the status line until the next key. */
void
ui_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Same, in the error style, with a beep. */
void
ui_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Say on the status line, in the session's language, why a core call
 * failed (the core's own text only where nothing better is known). */
void
ui_error_status(enum fd_status st, const struct fd_err *err);
/* Flush the screen now, for progress shown during a long operation. */
void
ui_flush(void);
/* Is a key waiting to be read (typed while the program was busy)? A long
 * search may stop for it (audit_filter.stop): the next key asks again. */
bool
ui_key_waiting(void);
/* The database and config of this session. */
struct fd_db *
ui_db(void);
const struct config *
ui_config(void);
/* True when the terminal has colours and the config allows them. */
bool
ui_has_color(void);

/* Colour pairs / attributes. */
enum ui_style {
	UI_STYLE_NORMAL,
	UI_STYLE_TITLE,
	UI_STYLE_KEYS,
	UI_STYLE_ERROR,
	UI_STYLE_FIELD,
	UI_STYLE_FOCUS,
	UI_STYLE_SELECTED,
	UI_STYLE_DIM,
	UI_STYLE_LABEL,
};
attr_t
ui_attr(enum ui_style st);

/* ---- keys (src/ui_keys.c) ---- */

/* Build the key maps from the defaults and the config's [keys] sections,
 * checking every screen name, action name and key spec; the first problem
 * goes into err as "FILE:LINE: ...". Call before initscr. */
enum fd_status
ui_keys_init(const struct config *cfg, struct fd_err *err);
/* The action bound to code on screen (screen map first, then global). */
enum action
ui_keys_lookup(const struct screen_ops *screen, int code);
/* Canonical text of the first key bound to act ("F2"), for the key line. */
const char *
ui_keys_first(const struct screen_ops *screen, enum action act);
/* All keys bound to act, joined ("F2, Esc-2, Ctrl-S"). Caller frees. */
char *
ui_keys_all(const struct screen_ops *screen, enum action act);
/* As ui_keys_all, without the letters and Space when the screen is typing
 * (they are text there); "" when no key is left. Caller frees. */
char *
ui_keys_acting(const struct screen_ops *screen, enum action act, bool typing);
/* The config name of act ("save"). */
const char *
ui_action_name(enum action act);
enum fd_msg
ui_action_label(enum action act);
enum fd_msg
ui_action_help(enum action act);
/* The label and F1 text of act on screen (its key_texts first). */
enum fd_msg
ui_screen_action_label(const struct screen_ops *screen, enum action act);
enum fd_msg
ui_screen_action_help(const struct screen_ops *screen, enum action act);
/* Every screen the program has, for help and for checking [keys.NAME]. */
extern const struct screen_ops *const ui_screens[];

/* ---- text (src/ui_text.c) ---- */

/* Draw UTF-8 s at (y, x) in exactly cols columns (cut or padded), with
 * non-printable characters replaced; returns columns drawn. */
int
ui_text(WINDOW *w, int y, int x, int cols, const char *s);
/* Draw s centred in a line of cols columns. */
void
ui_text_center(WINDOW *w, int y, int cols, const char *s);
/* The rows s takes wrapped at cols columns (utf8_wrap_line); 1 for "". */
int
ui_text_rows(const char *s, int cols);
/* Draw s wrapped at cols columns from (y, x), each row centred when
 * center, on at most max_rows rows (the last one cut if s needs more);
 * returns the rows drawn. A dialog's question goes through this, so a
 * long one is never cut at the box's edge. */
int
ui_text_wrap(WINDOW *w, int y, int x, int cols, int max_rows, const char *s,
	     bool center);
/* One line of columns: cells[i] cut or padded to widths[i] columns and
 * separated by a space; the last cell as it is. Caller frees. */
char *
ui_row(const int *widths, size_t n, const char *const *cells);
/* A stored UTC time ("2026-11-28T23:41:02.123Z") as local time
 * "2026-11-29 07:41:02", which is what the person's clock says. */
void
ui_local_time(const char *utc, char buf[20]);

/* ---- widgets (src/ui_field.c, ui_list.c, ui_dialog.c) ---- */

/* A labelled one-line field of a form. A field with a pick list (choices)
 * is not typed into: F4 or any printable key opens the list. */
struct ui_field {
	enum fd_msg label;
	struct fieldedit fe;
	int cols;                  /* width on screen */
	const char *const *choices; /* values, NULL-ended; NULL for text */
	const char *const *choice_labels; /* shown instead of values */
	size_t choice;             /* index into choices */
	size_t clean_choice;       /* the choice when the form was filled */
	bool *picked;              /* multi: which choices are chosen (owned) */
	bool *clean_picked;        /* multi: as filled (owned) */
	bool readonly;
	char error[160];           /* shown next to the field; "" when fine */
	char note[160];            /* shown dimmed next to the field when no error */
};

struct ui_form {
	struct ui_field *fields;
	size_t n;
	size_t focus;
	size_t top;     /* first field shown when they do not all fit */
	int label_cols; /* computed by ui_form_layout */
	bool inactive;  /* the focus is elsewhere on the screen (a list under
			 * the form): no field is drawn focused or hinted */
	/* Called when the cursor leaves field i with a move key (Tab, Up,
	 * Down, Enter), after the form's own check of a date (may be NULL):
	 * the screen checks the field and sets its error, so a mistake is
	 * marked next to the field before F2. ctx is the screen's. */
	void (*left)(struct ui_form *f, size_t i, void *ctx);
	void *ctx;
	/* A row of the screen (> 0) where an error too wide to stand beside
	 * its field is shown whole, after the field's label; 0: none. */
	int spill_y;
};

/* A text field: fieldedit limits (see fieldedit_init) and cols columns on
 * screen (max_cols + 1 never scrolls). */
void
ui_field_text(struct ui_field *fld, enum fd_msg label,
	      enum fieldedit_mask mask, size_t max_chars, int max_cols,
	      int cols);
/* A choice field over values (NULL-ended), shown by labels (or values). */
void
ui_field_choice(struct ui_field *fld, enum fd_msg label,
		const char *const *values, const char *const *labels, int cols);
/* A choice field where several values may be chosen (F4 and Enter toggle
 * one); its value is the chosen values joined by commas. */
void
ui_field_multi(struct ui_field *fld, enum fd_msg label,
	       const char *const *values, const char *const *labels, int cols);
/* Set a multi field from "a,b,c" (unknown values ignored), as filled. */
void
ui_field_pick_values(struct ui_field *fld, const char *csv);

/* ui_form_action's answer to Enter on the last field: save. */
#define UI_FORM_SUBMIT (1 << 8)

/* Compute the label column width. */
void
ui_form_layout(struct ui_form *f);
/* Draw the form in rows y0..y0+h-1 of s->win (scrolling to keep the focus
 * in view) and set the screen's cursor. */
void
ui_form_draw(struct screen *s, struct ui_form *f, int y0, int h);
/* Handle an editing or moving key; returns UI_* flags. On F4 or a
 * printable key in a choice field, opens a pick list tagged with the field
 * index; pass the pick result back through ui_form_result. */
int
ui_form_action(struct screen *s, struct ui_form *f, enum action act,
	       const struct key_event *ev);
int
ui_form_result(struct screen *s, struct ui_form *f, const struct ui_result *r);
/* Whether the focused field takes typed text. */
bool
ui_form_typing(const struct ui_form *f);
/* Any field changed since it was filled. */
bool
ui_form_dirty(const struct ui_form *f);
/* The value of a field as UTF-8 (a choice's value). Caller frees. */
char *
ui_form_value(const struct ui_form *f, size_t i);
/* Take the current values as saved. */
void
ui_form_mark_clean(struct ui_form *f);
/* Put an error next to field i and move the focus there; when it does
 * not fit beside the field on the terminal's width, it is also said whole
 * on the status line (a caller that says something else there after, says
 * it instead). */
void
ui_form_error(struct ui_form *f, size_t i, const char *msg);
/* Put a note (dimmed, shown when there is no error) next to field i, also
 * on the status line when it does not fit beside the field. */
void
ui_form_note(struct ui_form *f, size_t i, const char *msg);
/* The columns left beside field i for its error or note on a full-width
 * screen (the terminal's width). */
int
ui_form_message_cols(const struct ui_form *f, size_t i);
void
ui_form_clear_errors(struct ui_form *f);
void
ui_form_free(struct ui_form *f);
/* Set a choice field to the choice whose value is v (no change if none). */
void
ui_field_choose(struct ui_field *fld, const char *v);

/* A scrolling list with type-to-narrow search. The owner supplies rows as
 * text through a row() function; the list keeps the indices that match the
 * filter. */
struct ui_list {
	size_t n;          /* items */
	char **cache;      /* each item's row text, rendered once per set */
	char **folded;     /* the same, ASCII lower-cased, for matching */
	size_t *shown;     /* indices matching the filter */
	size_t nshown;
	size_t sel;        /* position in shown */
	size_t top;        /* first shown row on screen */
	struct fieldedit filter;
	bool searching;    /* the filter field has focus */
	bool plain;        /* no search line: every row is an item */
};

void
ui_list_init(struct ui_list *l);
/* Give the list n items; keeps the filter and tries to keep the selection. */
void
ui_list_set(struct ui_list *l, size_t n, char *(*row)(void *, size_t), void *ud);
void
ui_list_free(struct ui_list *l);
/* A search line at row y of s: the search label, fe's words in at most
 * max_chars + 1 columns (focused: the cursor goes there), right (a
 * count) at the right edge. ui_list_draw's own, and a screen's that
 * searches by itself (the audit log). */
void
ui_search_line(struct screen *s, int y, struct fieldedit *fe,
	       int max_chars, bool focused, const char *right);

/* Draw rows y0..y0+h-1 of s->win, with the search line at y0+h-1 when
 * searching or filtered. */
void
ui_list_draw(struct screen *s, struct ui_list *l, int y0, int h);
/* Move, page, search. Returns UI_* flags. */
int
ui_list_action(struct screen *s, struct ui_list *l, enum action act,
	       const struct key_event *ev, int h);
/* The selected item's index, or (size_t)-1 when nothing is shown. */
size_t
ui_list_selected(const struct ui_list *l);

/* Open a pick list of labels (NULL-ended) over the current screen; the
 * parent's result() receives tag, ok and the chosen index. initial is the
 * starting filter (may be NULL). */
void
ui_pick(enum fd_msg title, const char *const *labels, size_t current, int tag,
	const char *initial);
/* Ask a yes/no question; the parent's result() gets tag and ok = yes.
 * The default answer is No. */
void
ui_confirm(const char *question, int tag);
/* Ask a question whose default answer is Yes (Enter), for questions where
 * Yes is what keeps the person's work (restore a draft): N answers No, and
 * Esc/F3 answer neither: ok false and backed true. keys is the answers'
 * line shown under the question (must say so). */
void
ui_confirm_yes(const char *question, const char *keys, int tag);
/* Give an overlay screen a centred frame window of h x w (clamped to the
 * body) with s->win inside it; creates or moves both. */
void
ui_overlay(struct screen *s, WINDOW **frame, int h, int w);
/* Ask for one line of text (at most max_chars characters); the parent's
 * result() gets tag, ok and value (valid until the next ui_prompt). */
void
ui_prompt(const char *question, int tag, size_t max_chars);
/* ui_prompt with the answer filled in from initial (may be NULL), to
 * change a value: the cursor stands at its end. */
void
ui_prompt_with(const char *question, int tag, size_t max_chars,
	       const char *initial);
/* From a parent's result() for a prompt: the answer is not right. The
 * prompt opens again at once with the same question, the answer as
 * typed and msg under it, so nothing typed is lost; the parent gets the
 * next answer the same way. */
void
ui_prompt_refuse(const char *msg);
/* The same for an answer that may be meant (a capacity over the room's
 * seats): msg stands under the answer as a warning, and Enter on the same
 * text answers again with ui_prompt_confirmed() true. */
void
ui_prompt_warn(const char *msg);
/* Whether the answer being handled was given again, unchanged, after
 * ui_prompt_warn. */
bool
ui_prompt_confirmed(void);
/* Draw an overlay's frame: a box with the title in its top edge. */
void
ui_overlay_frame(WINDOW *frame, const char *title);
/* Draw a progress bar of cols columns at (y, x): done of total. */
void
ui_progress(WINDOW *w, int y, int x, int cols, long done, long total);

#endif
