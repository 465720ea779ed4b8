/*
 * The editing model of a one-line text field, apart from any drawing.
 *
 * The ncurses form library mishandles double-width characters, so fields
 * are edited here, over a wchar_t buffer measured with wcwidth(), and the
 * UI only draws what fieldedit_view() says is visible. Needs setlocale()
 * with a UTF-8 locale, like utf8.h.
 *
 * Invariants after every call:
 *   - buf holds len characters and a terminating L'\0'; every character
 *     is printable (wcwidth 1 or 2) and allowed by the mask;
 *   - len <= the character limit and width <= max_cols (when not 0);
 *   - 0 <= cursor <= len;
 *   - scroll is the start column of a character (or 0).
 * An edit that would break a limit or the mask is REFUSED: nothing
 * changes, not even partly, and fe->why says why.
 *
 * Masks:
 *   TEXT    any printable character.
 *   DIGITS  0-9 only (full-width ０-９ from a Chinese input method become
 *           0-9).
 *   DATE    YYYY-MM-DD. Only digits are typed; the dashes are put in by
 *           the field ("20261128" shows "2026-11-28"), a typed separator
 *           (- / . 年 月 日) where a dash belongs is accepted and ignored,
 *           and one typed after a one-digit month or day pads it with 0
 *           (2015-3-5, 2015/3/5, 2015年3月5日 all become 2015-03-05;
 *           fieldedit_date_finish pads a last one-digit day). The text never ends in a
 *           dash; Backspace just after a dash erases the digit before it.
 *           Digits are not checked against the calendar (month 13, 02-30
 *           are typed as they are): refusing one digit and taking the
 *           next made a different date than the one typed. The calendar
 *           is the form's job, when the cursor leaves the field and at
 *           save. At most 10 characters.
 *   ID      an 18-character ID number: digits, and an X that can only be
 *           typed as the 18th character; x (and full-width Ｘ ｘ) become X.
 *           An X is always the last character: erasing a digit before it
 *           leaves it last, and nothing can be typed after it. At most 18
 *           characters. The check digit is the validation module's job.
 */
#ifndef FRONTDESK_FIELDEDIT_H
#define FRONTDESK_FIELDEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum fieldedit_mask {
	FIELDEDIT_TEXT,
	FIELDEDIT_DIGITS,
	FIELDEDIT_DATE,
	FIELDEDIT_ID,
};

enum fieldedit_result {
	FIELDEDIT_OK,        /* the text or the cursor changed */
	FIELDEDIT_REFUSED,   /* not allowed: the UI beeps and says fe->why */
	FIELDEDIT_UNCHANGED, /* nothing to do (Left at the start...) */
};

/* Why the last edit was refused; the UI maps it to a message. */
enum fieldedit_why {
	FIELDEDIT_WHY_NONE,
	FIELDEDIT_WHY_FULL,      /* "field is full" */
	FIELDEDIT_WHY_PRINTABLE, /* control, combining or zero-width char */
	FIELDEDIT_WHY_DIGITS,    /* "digits only" */
	FIELDEDIT_WHY_DATE,      /* "not a date (YYYY-MM-DD)" */
	FIELDEDIT_WHY_ID,        /* "ID: digits, last may be X" */
	FIELDEDIT_WHY_INVALID,   /* fieldedit_set_utf8: not valid UTF-8 */
};

/* A field. The UI reads buf, len, cursor and scroll; only the functions
 * below write them. Zero-initialised is not enough: call fieldedit_init. */
struct fieldedit {
	wchar_t *buf;      /* owned; len characters + L'\0' */
	size_t len;        /* characters in buf */
	size_t cap;        /* allocated characters, terminator included */
	size_t cursor;     /* insertion point, 0..len, in characters */
	int scroll;        /* first visible column, set by fieldedit_view */
	int width;         /* columns of buf */
	enum fieldedit_mask mask;
	size_t max_chars;  /* effective limit; the mask's own limit applied */
	int max_cols;      /* 0 = no column limit */
	enum fieldedit_why why; /* reason of the last refusal */
	wchar_t *clean;    /* owned; content at init/set/mark_clean */
	size_t clean_len;
};

/* Start an empty field. max_chars 0 = no character limit (DATE and ID
 * still cap at 10 and 18); max_cols 0 = no column limit. */
void
fieldedit_init(struct fieldedit *fe, enum fieldedit_mask mask,
	       size_t max_chars, int max_cols);
/* Release the buffers; fe may be initialised again afterwards. */
void
fieldedit_free(struct fieldedit *fe);

/* Insert one character at the cursor and move the cursor after it. */
enum fieldedit_result
fieldedit_insert(struct fieldedit *fe, wchar_t wc);
/* Erase the character before the cursor (UNCHANGED at the start). */
enum fieldedit_result
fieldedit_backspace(struct fieldedit *fe);
/* Erase the character under the cursor (UNCHANGED at the end). */
enum fieldedit_result
fieldedit_delete(struct fieldedit *fe);
/* Move one character left / right, or to the start / end. */
enum fieldedit_result
fieldedit_left(struct fieldedit *fe);
enum fieldedit_result
fieldedit_right(struct fieldedit *fe);
enum fieldedit_result
fieldedit_home(struct fieldedit *fe);
enum fieldedit_result
fieldedit_end(struct fieldedit *fe);
/* Empty the field (a change: the field becomes dirty if it held text). */
void
fieldedit_clear(struct fieldedit *fe);
/* A DATE field being left: a one-digit day (2015-03-5) becomes 05. Other
 * fields and other texts are left as they are. */
void
fieldedit_date_finish(struct fieldedit *fe);

/* Replace the content with s, put the cursor at the end and mark the field
 * clean. Returns 0, or -1 and keeps the old content (fe->why set) if s is
 * not valid UTF-8, holds a character the mask does not allow, or does not
 * fit. Only the form is checked, not the typing-time rules: a DATE takes
 * "2026-11-28", "20261128" or a prefix such as "2026-1", even "2026-13-40";
 * an ID takes digits with an optional last X (x becomes X). So the text of
 * any field (a draft) can always be set back. */
int
fieldedit_set_utf8(struct fieldedit *fe, const char *s);
/* The content as UTF-8. Caller frees. */
char *
fieldedit_utf8(const struct fieldedit *fe);

/* Columns of the whole text. */
int
fieldedit_width(const struct fieldedit *fe);
/* Column of the cursor from the start of the text. */
int
fieldedit_cursor_col(const struct fieldedit *fe);

/* Keep the cursor visible in a window of cols columns: adjust fe->scroll
 * (always to the start of a character, and back left when text was erased
 * so the window stays full), then report the first visible character and
 * the cursor column within the window, 0 <= *cursor_x < cols. The cursor
 * after the last character needs a cell of its own: a window of
 * max_cols + 1 columns never scrolls. The character under the cursor is
 * kept whole in view when cols >= 2. */
void
fieldedit_view(struct fieldedit *fe, int cols, size_t *first_char,
	       int *cursor_x);
/* How many characters from index first fit in cols columns (a wide
 * character straddling the right edge is left out): what to draw. */
size_t
fieldedit_fit(const struct fieldedit *fe, size_t first, int cols);

/* A short English key for a refusal: "full", "not printable",
 * "digits only", "date", "id", "invalid", or "" for NONE. Never NULL. */
const char *
fieldedit_why_str(enum fieldedit_why why);

/* True when the text differs from what it was at init, set or the last
 * mark_clean (typing then erasing the same text is not a change). */
bool
fieldedit_dirty(const struct fieldedit *fe);
/* Take the current text as the saved one. */
void
fieldedit_mark_clean(struct fieldedit *fe);

#endif
