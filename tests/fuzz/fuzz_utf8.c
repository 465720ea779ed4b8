/*
 * Fuzz target: the utf8 column arithmetic and the field editor.
 *
 * Part 1 runs sanitize, width, fit, pad and the wide conversions over the
 * input (up to its first NUL) and checks that they agree with each other.
 * Part 2 reads the input as a script for a field: four header bytes pick
 * the mask, max_cols, max_chars and a window width, then each byte is an
 * operation (insert a decoded character, Backspace, Left, set...). After
 * every operation the invariants of fieldedit.h are checked: width <=
 * max_cols, len <= max_chars, 0 <= cursor <= len, the cached width and
 * cursor column match a recount, every character is printable and allowed
 * by the mask, a refused edit changed nothing, and the view keeps the
 * cursor inside the window at a character boundary.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "frontdesk/fieldedit.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when an invariant does not hold. */
static void
fuzz_check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_utf8: invariant failed: %s\n", what);
		abort();
	}
}

/* True when s is valid UTF-8 made only of printable characters. */
static int
fuzz_clean(const char *s)
{
	char *c = utf8_sanitize(s);
	int same = strcmp(c, s) == 0;

	free(c);
	return same;
}

/* Check fit and pad of s at cols columns. */
static void
fuzz_columns(const char *s, int cols)
{
	size_t fit = utf8_fit(s, cols);
	char *prefix, *buf;
	uint32_t cp;
	int w, n, next_w;

	fuzz_check(fit <= strlen(s), "fit within the string");
	prefix = xstrndup(s, fit);
	w = utf8_width(prefix);
	free(prefix);
	fuzz_check(w <= (cols > 0 ? cols : 0), "fit within cols");
	if (s[fit] != '\0') {
		/* Maximal: the next character would not have fit. */
		n = utf8_decode(s + fit, strnlen(s + fit, UTF8_MAX_BYTES), &cp);
		next_w = n > 0 ? utf8_cp_width(cp) : 1;
		fuzz_check(w + next_w > cols, "fit is maximal");
	}
	if (cols < 0)
		return;
	buf = xmalloc(UTF8_PAD_SIZE(cols));
	fuzz_check(utf8_pad(buf, UTF8_PAD_SIZE(cols), s, cols) == cols,
		   "pad returns cols");
	fuzz_check(utf8_width(buf) == cols, "pad width");
	fuzz_check(fuzz_clean(buf), "pad output clean");
	free(buf);
}

/* Part 1: the string functions over s. */
static void
fuzz_strings(const char *s, const uint8_t *data, size_t size)
{
	char *san, *again, *back;
	wchar_t *ws;
	size_t n;

	san = utf8_sanitize(s);
	fuzz_check(utf8_valid(san, strlen(san)), "sanitize valid");
	fuzz_check(utf8_width(san) == utf8_width(s), "sanitize width");
	again = utf8_sanitize(san);
	fuzz_check(strcmp(again, san) == 0, "sanitize idempotent");
	free(again);
	free(san);
	san = utf8_sanitize_n((const char *)data, size);
	fuzz_check(utf8_valid(san, strlen(san)), "sanitize_n valid");
	free(san);

	fuzz_columns(s, 0);
	fuzz_columns(s, 1);
	fuzz_columns(s, 7);
	fuzz_columns(s, size ? data[0] % 64 : 3);
	fuzz_columns(s, -1);

	ws = utf8_to_wcs(s, &n);
	fuzz_check((ws != NULL) == utf8_valid(s, strlen(s)), "to_wcs");
	if (ws) {
		fuzz_check(wcslen(ws) == n, "to_wcs count");
		back = utf8_from_wcs(ws, n);
		fuzz_check(strcmp(back, s) == 0, "wcs round trip");
		free(back);
		free(ws);
	}
}

/* True when the character at index i is allowed by the field's mask. */
static int
fuzz_mask_ok(const struct fieldedit *fe, size_t i)
{
	wchar_t c = fe->buf[i];
	int digit = c >= L'0' && c <= L'9';

	switch (fe->mask) {
	case FIELDEDIT_TEXT:
		return 1;
	case FIELDEDIT_DIGITS:
		return digit;
	case FIELDEDIT_ID:
		return digit || (c == L'X' && i + 1 == fe->len);
	case FIELDEDIT_DATE:
		if (i == 4 || i == 7)
			return c == L'-' && i + 1 < fe->len;
		return digit;
	}
	return 0;
}

/* Check every invariant of the field. */
static void
fuzz_field_ok(const struct fieldedit *fe)
{
	size_t i;
	int w = 0, cc = 0;

	fuzz_check(fe->cursor <= fe->len, "cursor <= len");
	fuzz_check(fe->buf[fe->len] == L'\0', "terminated");
	fuzz_check(!fe->max_chars || fe->len <= fe->max_chars, "max_chars");
	fuzz_check(!fe->max_cols || fe->width <= fe->max_cols, "max_cols");
	for (i = 0; i < fe->len; i++) {
		fuzz_check(utf8_printable((uint32_t)fe->buf[i]), "printable");
		fuzz_check(fuzz_mask_ok(fe, i), "mask");
		if (i == fe->cursor)
			cc = w;
		w += utf8_cp_width((uint32_t)fe->buf[i]);
	}
	if (fe->cursor == fe->len)
		cc = w;
	fuzz_check(w == fieldedit_width(fe), "cached width");
	fuzz_check(cc == fieldedit_cursor_col(fe), "cursor column");
}

/* Check the view of the field in a window of cols columns. */
static void
fuzz_view_ok(struct fieldedit *fe, int cols)
{
	size_t first, i, shown;
	int x, col = 0;

	fieldedit_view(fe, cols, &first, &x);
	fuzz_check(x >= 0 && x < cols, "cursor inside the window");
	fuzz_check(first <= fe->cursor, "first <= cursor");
	for (i = 0; i < first; i++)
		col += utf8_cp_width((uint32_t)fe->buf[i]);
	fuzz_check(col == fe->scroll, "scroll at a boundary");
	fuzz_check(fieldedit_cursor_col(fe) - fe->scroll == x, "cursor_x");
	shown = fieldedit_fit(fe, first, cols);
	fuzz_check(first + shown <= fe->len, "fit within text");
	fuzz_check(fe->cursor <= first + shown, "cursor among drawn chars");
	col = 0;
	for (i = first; i < first + shown; i++)
		col += utf8_cp_width((uint32_t)fe->buf[i]);
	fuzz_check(col <= cols, "drawn chars fit");
}

/* A snapshot of a field's content, to check that refusals change nothing. */
struct fuzz_snap {
	wchar_t *buf;
	size_t len, cursor;
};

/* Take a snapshot. */
static void
fuzz_snap_take(struct fuzz_snap *sn, const struct fieldedit *fe)
{
	sn->buf = xmalloc((fe->len + 1) * sizeof(wchar_t));
	wmemcpy(sn->buf, fe->buf, fe->len + 1);
	sn->len = fe->len;
	sn->cursor = fe->cursor;
}

/* True when the field still holds the snapshot. */
static int
fuzz_snap_same(const struct fuzz_snap *sn, const struct fieldedit *fe)
{
	return sn->len == fe->len && sn->cursor == fe->cursor &&
	       wmemcmp(sn->buf, fe->buf, fe->len) == 0;
}

/* Part 2: a script of edits; the header is data[0..3]. */
static void
fuzz_field(const uint8_t *data, size_t size)
{
	static const wchar_t typed[] = L"0123456789-/xX张三a ";
	struct fieldedit fe;
	struct fuzz_snap sn;
	enum fieldedit_result r;
	size_t i = 4, len;
	uint32_t cp;
	char *text;
	int cols, n, rc, did;
	uint8_t op;
	wchar_t c;

	if (size < 4)
		return;
	fieldedit_init(&fe, (enum fieldedit_mask)(data[0] % 4),
		       data[2] % 24, data[1] % 16);
	cols = 1 + data[3] % 12;
	while (i < size) {
		op = data[i++];
		fuzz_snap_take(&sn, &fe);
		r = FIELDEDIT_OK;
		did = op % 16 <= 10;
		switch (op % 16) {
		case 0: case 1: case 2: case 3:
			/* Insert the next character of the input. */
			if (i >= size) {
				did = 0;
				break;
			}
			n = utf8_decode((const char *)data + i, size - i, &cp);
			if (n < 0)
				cp = data[i];
			i += n > 0 ? (size_t)n : 1;
			r = fieldedit_insert(&fe, (wchar_t)cp);
			break;
		case 4:
			if (i >= size) {
				did = 0;
				break;
			}
			c = typed[data[i++] % (FD_ARRAY_LEN(typed) - 1)];
			r = fieldedit_insert(&fe, c);
			break;
		case 5:
			r = fieldedit_backspace(&fe);
			break;
		case 6:
			r = fieldedit_delete(&fe);
			break;
		case 7:
			r = fieldedit_left(&fe);
			break;
		case 8:
			r = fieldedit_right(&fe);
			break;
		case 9:
			r = fieldedit_home(&fe);
			break;
		case 10:
			r = fieldedit_end(&fe);
			break;
		case 11:
			fieldedit_clear(&fe);
			fuzz_check(fe.len == 0 && fe.cursor == 0, "clear");
			break;
		case 12:
			/* The field's own text always reads back. */
			text = fieldedit_utf8(&fe);
			rc = fieldedit_set_utf8(&fe, text);
			fuzz_check(rc == 0, "own text set back");
			fuzz_check(sn.len == fe.len &&
					   wmemcmp(sn.buf, fe.buf, fe.len) == 0,
				   "own text unchanged");
			fuzz_check(!fieldedit_dirty(&fe), "clean after set");
			free(text);
			break;
		case 13:
			/* Set a slice of the input; a failure moves nothing. */
			len = i < size ? data[i++] % 24 : 0;
			if (len > size - i)
				len = size - i;
			text = xstrndup((const char *)data + i, len);
			i += len;
			if (fieldedit_set_utf8(&fe, text) != 0)
				r = FIELDEDIT_REFUSED;
			else
				fuzz_check(!fieldedit_dirty(&fe), "set clean");
			free(text);
			break;
		case 14:
			fieldedit_mark_clean(&fe);
			fuzz_check(!fieldedit_dirty(&fe), "mark_clean");
			break;
		case 15:
			if (i < size)
				cols = 1 + data[i++] % 12;
			break;
		}
		if (r == FIELDEDIT_REFUSED || r == FIELDEDIT_UNCHANGED)
			fuzz_check(fuzz_snap_same(&sn, &fe),
				   "refused or unchanged edit changed nothing");
		if (r == FIELDEDIT_OK && did)
			fuzz_check(!fuzz_snap_same(&sn, &fe),
				   "OK edit changed something");
		free(sn.buf);
		fuzz_field_ok(&fe);
		fuzz_view_ok(&fe, cols);
	}
	text = fieldedit_utf8(&fe);
	fuzz_check(fuzz_clean(text), "field text clean");
	fuzz_check(utf8_width(text) == fieldedit_width(&fe), "utf8 width");
	free(text);
	fieldedit_free(&fe);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char *s;

	if (!ready) {
		setlocale(LC_ALL, "C.UTF-8");
		ready = 1;
	}
	s = xstrndup((const char *)data, size);
	fuzz_strings(s, data, size);
	free(s);
	fuzz_field(data, size);
	return 0;
}
