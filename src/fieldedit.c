/*
 * The one-line field editor: a wchar_t buffer, a cursor in characters and
 * a horizontal scroll in columns, with no drawing at all.
 *
 * Design: every edit first works out the complete result (new length and
 * new width, or for a DATE the whole re-rendered text), checks it against
 * the mask and the limits, and only then commits it. So a refused edit
 * changes nothing, and the invariants listed in fieldedit.h hold after
 * every call; the fuzz target fuzz_utf8 checks them after random edits.
 *
 * Widths: every character in buf is printable (wcwidth 1 or 2), because
 * insert and set_utf8 refuse anything else. fe->width caches the sum, so
 * the column limit is checked in O(1) per keystroke.
 *
 * Typing is stricter than holding: insert also applies rules of the moment
 * (an X is typed only as the 18th character of an ID), but an edit in the
 * middle can leave text those rules would not have let through. A date's
 * digits are never refused for the calendar ("2026-02-30" is typed as it
 * is): refusing the 3 of "30" kept the 0 and left "2026-02-0", a date
 * nobody typed; the form says what is wrong when the cursor leaves the
 * field. set_utf8 checks only what a field can hold, so whatever a field
 * shows can be saved as a draft and set back; the save-time validation
 * judges the value.
 *
 * DATE fields hold only digits as far as editing goes: the text is always
 * the canonical rendering of up to 8 digits ("2026", "2026-1", "2026-11-2")
 * and never ends in a dash. Insert, Backspace and Delete work on the digit
 * string and re-render it, so a dash is never erased or typed on its own.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "frontdesk/fieldedit.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

#define FIELDEDIT_DATE_DIGITS 8
#define FIELDEDIT_DATE_CHARS 10
#define FIELDEDIT_ID_CHARS 18

/* Columns of one buffer character (1 for anything not printable, which
 * the invariants keep out of buf anyway). */
static int
fieldedit_cw(wchar_t wc)
{
	return wc < 0 ? 1 : utf8_cp_width((uint32_t)wc);
}

/* Columns of n characters from ws. */
static int
fieldedit_cols(const wchar_t *ws, size_t n)
{
	int cols = 0;
	size_t i;

	for (i = 0; i < n; i++)
		cols += fieldedit_cw(ws[i]);
	return cols;
}

/* Make room for n characters plus the terminator. */
static void
fieldedit_reserve(struct fieldedit *fe, size_t n)
{
	if (n + 1 <= fe->cap)
		return;
	while (fe->cap < n + 1)
		fe->cap = fe->cap ? fe->cap * 2 : 16;
	fe->buf = xrealloc(fe->buf, fe->cap * sizeof(*fe->buf));
}

/* Record why an edit was refused and say so. */
static enum fieldedit_result
fieldedit_refuse(struct fieldedit *fe, enum fieldedit_why why)
{
	fe->why = why;
	return FIELDEDIT_REFUSED;
}

/* True when a text of len characters and cols columns respects the
 * limits of fe. */
static bool
fieldedit_fits(const struct fieldedit *fe, size_t len, int cols)
{
	if (fe->max_chars && len > fe->max_chars)
		return false;
	if (fe->max_cols && cols > fe->max_cols)
		return false;
	return true;
}

/* Replace the whole text by n characters from ws (already checked). */
static void
fieldedit_put(struct fieldedit *fe, const wchar_t *ws, size_t n,
	      size_t cursor)
{
	fieldedit_reserve(fe, n);
	memmove(fe->buf, ws, n * sizeof(*ws));
	fe->buf[n] = L'\0';
	fe->len = n;
	fe->width = fieldedit_cols(ws, n);
	fe->cursor = cursor > n ? n : cursor;
}

/* The ASCII digit a typed digit stands for (full-width too), or 0. */
static wchar_t
fieldedit_digit(wchar_t wc)
{
	if (wc >= L'0' && wc <= L'9')
		return wc;
	if (wc >= 0xFF10 && wc <= 0xFF19) /* ０..９ */
		return (wchar_t)(L'0' + (wc - 0xFF10));
	return 0;
}

/* True for the characters that stand for the X of an ID number. */
static bool
fieldedit_is_x(wchar_t wc)
{
	return wc == L'x' || wc == L'X' || wc == 0xFF38 || wc == 0xFF58;
}

/* True for the characters taken as a date separator (2015-3-5,
 * 2015/3/5, 2015.3.5, 2015年3月5日). */
static bool
fieldedit_date_sep(wchar_t wc)
{
	return wc == L'-' || wc == L'/' || wc == L'.' || wc == 0xFF0D ||
	       wc == 0xFF0F || wc == 0xFF0E || wc == 0x5E74 /* 年 */ ||
	       wc == 0x6708 /* 月 */ || wc == 0x65E5 /* 日 */;
}

/* Collect the digits of a DATE text; *before gets how many of them lie
 * before character index pos. Returns the digit count. */
static size_t
fieldedit_date_digits(const struct fieldedit *fe, size_t pos,
		      wchar_t d[FIELDEDIT_DATE_DIGITS], size_t *before)
{
	size_t i, n = 0;

	*before = 0;
	for (i = 0; i < fe->len && n < FIELDEDIT_DATE_DIGITS; i++) {
		if (fe->buf[i] == L'-')
			continue;
		if (i < pos)
			(*before)++;
		d[n++] = fe->buf[i];
	}
	return n;
}

/* Character index just after the first k digits of a rendered date. */
static size_t
fieldedit_date_pos(size_t k)
{
	return k + (k > 4) + (k > 6);
}

/* Render n digits as YYYY-MM-DD (as far as they go) into out; returns
 * the characters written (at most 10). */
static size_t
fieldedit_date_render(const wchar_t *d, size_t n,
		      wchar_t out[FIELDEDIT_DATE_CHARS])
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (i == 4 || i == 6)
			out[o++] = L'-';
		out[o++] = d[i];
	}
	return o;
}

/* Replace the digits of a DATE by the n digits d and put the cursor at
 * character index cursor, if the rendered text fits the limits. */
static enum fieldedit_result
fieldedit_date_commit(struct fieldedit *fe, const wchar_t *d, size_t n,
		      size_t cursor)
{
	wchar_t out[FIELDEDIT_DATE_CHARS] = {0};
	size_t len = fieldedit_date_render(d, n, out);

	if (!fieldedit_fits(fe, len, (int)len))
		return fieldedit_refuse(fe, FIELDEDIT_WHY_FULL);
	fieldedit_put(fe, out, len, cursor);
	return FIELDEDIT_OK;
}

/* Type one character into a DATE field. */
static enum fieldedit_result
fieldedit_date_insert(struct fieldedit *fe, wchar_t wc)
{
	wchar_t d[FIELDEDIT_DATE_DIGITS + 1] = {0};
	size_t n, k;

	n = fieldedit_date_digits(fe, fe->cursor, d, &k);
	if (fieldedit_date_sep(wc)) {
		/* Typing the dash that is already there steps over it. */
		if (fe->cursor < fe->len && fe->buf[fe->cursor] == L'-') {
			fe->cursor++;
			return FIELDEDIT_OK;
		}
		if (fe->cursor == fe->len && (n == 4 || n == 6 || n == 8))
			return FIELDEDIT_UNCHANGED;
		/* A one-digit month or day ended by its separator
		 * (2015-3-, 2015年3月5日): 03, 05. */
		if (fe->cursor == fe->len && (n == 5 || n == 7)) {
			d[n] = d[n - 1];
			d[n - 1] = L'0';
			return fieldedit_date_commit(fe, d, n + 1,
						     fieldedit_date_pos(n + 1));
		}
		return fieldedit_refuse(fe, FIELDEDIT_WHY_DATE);
	}
	wc = fieldedit_digit(wc);
	if (!wc)
		return fieldedit_refuse(fe, FIELDEDIT_WHY_DATE);
	if (n == FIELDEDIT_DATE_DIGITS)
		return fieldedit_refuse(fe, FIELDEDIT_WHY_FULL);
	memmove(d + k + 1, d + k, (n - k) * sizeof(*d));
	d[k] = wc;
	return fieldedit_date_commit(fe, d, n + 1,
				     fieldedit_date_pos(k + 1));
}

/* A DATE typed with a one-digit day (2015-03-5) as it is left: 05. */
void
fieldedit_date_finish(struct fieldedit *fe)
{
	wchar_t d[FIELDEDIT_DATE_DIGITS + 1] = {0};
	size_t n, k;

	if (fe->mask != FIELDEDIT_DATE)
		return;
	n = fieldedit_date_digits(fe, fe->cursor, d, &k);
	if (n != 7)
		return;
	d[7] = d[6];
	d[6] = L'0';
	fieldedit_date_commit(fe, d, 8, fieldedit_date_pos(8));
}

/* Erase the digit before (back) or at the cursor in a DATE field. */
static enum fieldedit_result
fieldedit_date_erase(struct fieldedit *fe, bool back)
{
	wchar_t d[FIELDEDIT_DATE_DIGITS] = {0};
	size_t n, k, cursor;

	n = fieldedit_date_digits(fe, fe->cursor, d, &k);
	if (back ? k == 0 : k == n)
		return FIELDEDIT_UNCHANGED;
	if (back)
		k--;
	memmove(d + k, d + k + 1, (n - k - 1) * sizeof(*d));
	cursor = back ? fieldedit_date_pos(k) : fe->cursor;
	return fieldedit_date_commit(fe, d, n - 1, cursor);
}

/* Apply the mask to a typed character: returns the character to store,
 * or 0 with *why set when the mask refuses it. */
static wchar_t
fieldedit_mask_char(const struct fieldedit *fe, wchar_t wc,
		    enum fieldedit_why *why)
{
	wchar_t digit = fieldedit_digit(wc);

	switch (fe->mask) {
	case FIELDEDIT_DIGITS:
		*why = FIELDEDIT_WHY_DIGITS;
		return digit;
	case FIELDEDIT_ID:
		*why = FIELDEDIT_WHY_ID;
		/* Nothing goes after an X (it can be last but short, once a
		 * digit before it was erased). */
		if (fe->cursor == fe->len && fe->len > 0 &&
		    fe->buf[fe->len - 1] == L'X')
			return 0;
		if (digit)
			return digit;
		if (fieldedit_is_x(wc))
			return fe->cursor == FIELDEDIT_ID_CHARS - 1 ? L'X' : 0;
		return 0;
	case FIELDEDIT_TEXT:
	case FIELDEDIT_DATE:
		break;
	}
	*why = FIELDEDIT_WHY_PRINTABLE;
	return wc < 0 || !utf8_printable((uint32_t)wc) ? 0 : wc;
}

void
fieldedit_init(struct fieldedit *fe, enum fieldedit_mask mask,
	       size_t max_chars, int max_cols)
{
	size_t own = mask == FIELDEDIT_DATE ? FIELDEDIT_DATE_CHARS
		     : mask == FIELDEDIT_ID ? FIELDEDIT_ID_CHARS
					    : 0;

	memset(fe, 0, sizeof(*fe));
	fe->mask = mask;
	fe->max_chars = max_chars;
	if (own && (!max_chars || max_chars > own))
		fe->max_chars = own;
	fe->max_cols = max_cols > 0 ? max_cols : 0;
	fieldedit_reserve(fe, 0);
	fe->buf[0] = L'\0';
	fe->clean = xmalloc(sizeof(*fe->clean));
	fe->clean[0] = L'\0';
}

void
fieldedit_free(struct fieldedit *fe)
{
	free(fe->buf);
	free(fe->clean);
	memset(fe, 0, sizeof(*fe));
}

enum fieldedit_result
fieldedit_insert(struct fieldedit *fe, wchar_t wc)
{
	enum fieldedit_why why;
	int w;

	if (fe->mask == FIELDEDIT_DATE)
		return fieldedit_date_insert(fe, wc);
	/* "Full" says more than a mask reason when nothing could go in. */
	if (fe->max_chars && fe->len >= fe->max_chars)
		return fieldedit_refuse(fe, FIELDEDIT_WHY_FULL);
	wc = fieldedit_mask_char(fe, wc, &why);
	if (!wc)
		return fieldedit_refuse(fe, why);
	w = fieldedit_cw(wc);
	if (!fieldedit_fits(fe, fe->len + 1, fe->width + w))
		return fieldedit_refuse(fe, FIELDEDIT_WHY_FULL);
	fieldedit_reserve(fe, fe->len + 1);
	memmove(fe->buf + fe->cursor + 1, fe->buf + fe->cursor,
		(fe->len - fe->cursor + 1) * sizeof(*fe->buf));
	fe->buf[fe->cursor++] = wc;
	fe->len++;
	fe->width += w;
	return FIELDEDIT_OK;
}

/* Remove the character at index i (< len). */
static void
fieldedit_remove(struct fieldedit *fe, size_t i)
{
	fe->width -= fieldedit_cw(fe->buf[i]);
	memmove(fe->buf + i, fe->buf + i + 1,
		(fe->len - i) * sizeof(*fe->buf));
	fe->len--;
}

enum fieldedit_result
fieldedit_backspace(struct fieldedit *fe)
{
	if (fe->mask == FIELDEDIT_DATE)
		return fieldedit_date_erase(fe, true);
	if (fe->cursor == 0)
		return FIELDEDIT_UNCHANGED;
	fieldedit_remove(fe, --fe->cursor);
	return FIELDEDIT_OK;
}

enum fieldedit_result
fieldedit_delete(struct fieldedit *fe)
{
	if (fe->mask == FIELDEDIT_DATE)
		return fieldedit_date_erase(fe, false);
	if (fe->cursor == fe->len)
		return FIELDEDIT_UNCHANGED;
	fieldedit_remove(fe, fe->cursor);
	return FIELDEDIT_OK;
}

/* Move the cursor to index to. */
static enum fieldedit_result
fieldedit_move(struct fieldedit *fe, size_t to)
{
	if (to == fe->cursor)
		return FIELDEDIT_UNCHANGED;
	fe->cursor = to;
	return FIELDEDIT_OK;
}

enum fieldedit_result
fieldedit_left(struct fieldedit *fe)
{
	return fieldedit_move(fe, fe->cursor ? fe->cursor - 1 : 0);
}

enum fieldedit_result
fieldedit_right(struct fieldedit *fe)
{
	return fieldedit_move(fe, fe->cursor < fe->len ? fe->cursor + 1
						       : fe->len);
}

enum fieldedit_result
fieldedit_home(struct fieldedit *fe)
{
	return fieldedit_move(fe, 0);
}

enum fieldedit_result
fieldedit_end(struct fieldedit *fe)
{
	return fieldedit_move(fe, fe->len);
}

void
fieldedit_clear(struct fieldedit *fe)
{
	fe->len = 0;
	fe->buf[0] = L'\0';
	fe->width = 0;
	fe->cursor = 0;
	fe->scroll = 0;
}

/* True when the DATE text t (n chars) is exactly what the user gave as s
 * (n_s chars), either with its dashes or as bare digits. */
static bool
fieldedit_date_same(const wchar_t *t, size_t n, const wchar_t *s,
		    size_t n_s)
{
	size_t i, j = 0;

	if (n == n_s)
		return wmemcmp(t, s, n) == 0;
	for (i = 0; i < n; i++) {
		if (t[i] == L'-')
			continue;
		if (j >= n_s || s[j++] != t[i])
			return false;
	}
	return j == n_s;
}

/* Normalise the n characters of ws in place to what a field with fe's
 * mask can hold, leaving out the rules that only apply while typing (where
 * an X may be typed, the calendar). Returns why a character cannot be
 * held, or FIELDEDIT_WHY_NONE. */
static enum fieldedit_why
fieldedit_holdable(const struct fieldedit *fe, wchar_t *ws, size_t n)
{
	wchar_t d;
	size_t i;

	for (i = 0; i < n; i++) {
		d = fieldedit_digit(ws[i]);
		switch (fe->mask) {
		case FIELDEDIT_TEXT:
			if (ws[i] < 0 || !utf8_printable((uint32_t)ws[i]))
				return FIELDEDIT_WHY_PRINTABLE;
			d = ws[i];
			break;
		case FIELDEDIT_DIGITS:
			if (!d)
				return FIELDEDIT_WHY_DIGITS;
			break;
		case FIELDEDIT_ID:
			if (!d && i + 1 == n && fieldedit_is_x(ws[i]))
				d = L'X';
			if (!d)
				return FIELDEDIT_WHY_ID;
			break;
		case FIELDEDIT_DATE:
			if (!d && ws[i] == L'-')
				d = L'-';
			if (!d)
				return FIELDEDIT_WHY_DATE;
			break;
		}
		ws[i] = d;
	}
	return FIELDEDIT_WHY_NONE;
}

int
fieldedit_set_utf8(struct fieldedit *fe, const char *s)
{
	wchar_t date[FIELDEDIT_DATE_CHARS] = {0};
	wchar_t digits[FIELDEDIT_DATE_DIGITS] = {0};
	enum fieldedit_why why;
	wchar_t *ws, *text;
	size_t n, len, nd = 0, i;
	int rc = -1;

	ws = s ? utf8_to_wcs(s, &n) : NULL;
	if (!ws) {
		fe->why = FIELDEDIT_WHY_INVALID;
		return -1;
	}
	why = fieldedit_holdable(fe, ws, n);
	text = ws;
	len = n;
	if (why == FIELDEDIT_WHY_NONE && fe->mask == FIELDEDIT_DATE) {
		for (i = 0; i < n && why == FIELDEDIT_WHY_NONE; i++) {
			if (ws[i] == L'-')
				continue;
			if (nd == FIELDEDIT_DATE_DIGITS)
				why = FIELDEDIT_WHY_FULL;
			else
				digits[nd++] = ws[i];
		}
		len = fieldedit_date_render(digits, nd, date);
		text = date;
		if (why == FIELDEDIT_WHY_NONE &&
		    !fieldedit_date_same(date, len, ws, n))
			why = FIELDEDIT_WHY_DATE;
	}
	if (why == FIELDEDIT_WHY_NONE &&
	    !fieldedit_fits(fe, len, fieldedit_cols(text, len)))
		why = FIELDEDIT_WHY_FULL;
	if (why != FIELDEDIT_WHY_NONE) {
		fe->why = why;
		goto out;
	}
	fieldedit_put(fe, text, len, len);
	fe->scroll = 0;
	fieldedit_mark_clean(fe);
	rc = 0;
out:
	free(ws);
	return rc;
}

char *
fieldedit_utf8(const struct fieldedit *fe)
{
	return utf8_from_wcs(fe->buf, fe->len);
}

int
fieldedit_width(const struct fieldedit *fe)
{
	return fe->width;
}

int
fieldedit_cursor_col(const struct fieldedit *fe)
{
	return fieldedit_cols(fe->buf, fe->cursor);
}

/* Index of the first character starting at column col or later (len if
 * none); *start gets that character's column. */
static size_t
fieldedit_at_col(const struct fieldedit *fe, int col, int *start)
{
	size_t i = 0;
	int c = 0;

	while (i < fe->len && c < col)
		c += fieldedit_cw(fe->buf[i++]);
	*start = c;
	return i;
}

void
fieldedit_view(struct fieldedit *fe, int cols, size_t *first_char,
	       int *cursor_x)
{
	int cc = fieldedit_cursor_col(fe), wcur, start;
	size_t first;

	if (cols < 1)
		cols = 1;
	wcur = fe->cursor < fe->len ? fieldedit_cw(fe->buf[fe->cursor]) : 1;
	if (wcur > cols)
		wcur = cols;
	/* Snap a stale offset (the text changed under it) to a boundary. */
	if (fe->scroll < 0)
		fe->scroll = 0;
	if (fe->scroll > fe->width)
		fe->scroll = fe->width;
	fieldedit_at_col(fe, fe->scroll, &start);
	fe->scroll = start;
	if (fe->scroll > cc)
		fe->scroll = cc;
	if (cc + wcur > fe->scroll + cols) {
		fieldedit_at_col(fe, cc + wcur - cols, &start);
		fe->scroll = start;
	}
	/* Text erased at the right: scroll back so the window stays full. */
	if (fe->scroll > 0 && fe->width + 1 - fe->scroll < cols) {
		fieldedit_at_col(fe, fe->width + 1 - cols, &start);
		if (start < fe->scroll)
			fe->scroll = start;
	}
	first = fieldedit_at_col(fe, fe->scroll, &start);
	*first_char = first;
	*cursor_x = cc - fe->scroll;
}

size_t
fieldedit_fit(const struct fieldedit *fe, size_t first, int cols)
{
	size_t i;
	int used = 0, w;

	for (i = first; i < fe->len; i++) {
		w = fieldedit_cw(fe->buf[i]);
		if (used + w > cols)
			break;
		used += w;
	}
	return first < fe->len ? i - first : 0;
}

const char *
fieldedit_why_str(enum fieldedit_why why)
{
	switch (why) {
	case FIELDEDIT_WHY_NONE:
		return "";
	case FIELDEDIT_WHY_FULL:
		return "full";
	case FIELDEDIT_WHY_PRINTABLE:
		return "not printable";
	case FIELDEDIT_WHY_DIGITS:
		return "digits only";
	case FIELDEDIT_WHY_DATE:
		return "date";
	case FIELDEDIT_WHY_ID:
		return "id";
	case FIELDEDIT_WHY_INVALID:
		return "invalid";
	}
	return "";
}

bool
fieldedit_dirty(const struct fieldedit *fe)
{
	return fe->len != fe->clean_len ||
	       wmemcmp(fe->buf, fe->clean, fe->len) != 0;
}

void
fieldedit_mark_clean(struct fieldedit *fe)
{
	fe->clean = xrealloc(fe->clean, (fe->len + 1) * sizeof(*fe->clean));
	wmemcpy(fe->clean, fe->buf, fe->len + 1);
	fe->clean_len = fe->len;
}
