/*
 * A scrolling list with type-to-narrow search.
 *
 * The owner hands over n items and a function that renders item i as one
 * line of text; the list renders every row once per ui_list_set (not per
 * key) and keeps a lower-cased copy for matching. The filter is a fieldedit:
 * '/' or any printable key starts it, every key narrows the shown rows to
 * those containing the filter (ASCII case folded; Chinese matched as is),
 * Backspace widens again, Esc clears it. Words separated by spaces must all
 * match, in any order ("土桥 王" finds 王家村 of 土桥镇). Up/Down/PgUp/PgDn move the
 * selection, which stays on the same item while the filter changes when
 * that item is still shown.
 *
 * The last row of the list's area is the search line: the filter, or the
 * count of shown rows.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

/* Maximum characters of a filter. */
#define UI_LIST_FILTER_MAX 40

/* ASCII-lower-cased copy of s. Caller frees. */
static char *
ui_list_fold(const char *s)
{
	char *d = xstrdup(s);

	for (char *p = d; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

/* Free the rendered rows. */
static void
ui_list_drop_cache(struct ui_list *l)
{
	for (size_t i = 0; l->cache && i < l->n; i++) {
		free(l->cache[i]);
		free(l->folded[i]);
	}
	free(l->cache);
	free(l->folded);
	l->cache = NULL;
	l->folded = NULL;
}

/* Does row text hold every space-separated word of needle? */
static bool
ui_list_match(const char *text, const char *needle)
{
	const char *p = needle;

	while (*p) {
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len) {
			char *word = xstrndup(p, len);
			bool hit = strstr(text, word) != NULL;

			free(word);
			if (!hit)
				return false;
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	return true;
}

/* Recompute the shown rows from the filter, keeping the selected item. */
static void
ui_list_refilter(struct ui_list *l)
{
	size_t keep = ui_list_selected(l);
	char *raw = fieldedit_utf8(&l->filter);
	char *needle = ui_list_fold(raw);

	l->nshown = 0;
	l->sel = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (!ui_list_match(l->folded[i], needle))
			continue;
		if (i == keep)
			l->sel = l->nshown;
		l->shown[l->nshown++] = i;
	}
	free(raw);
	free(needle);
}

void
ui_list_init(struct ui_list *l)
{
	memset(l, 0, sizeof(*l));
	fieldedit_init(&l->filter, FIELDEDIT_TEXT, UI_LIST_FILTER_MAX, 0);
}

void
ui_list_set(struct ui_list *l, size_t n, char *(*row)(void *, size_t),
	    void *ud)
{
	size_t keep = ui_list_selected(l);

	ui_list_drop_cache(l);
	free(l->shown);
	l->n = n;
	l->cache = xcalloc(n, sizeof(*l->cache));
	l->folded = xcalloc(n, sizeof(*l->folded));
	l->shown = xcalloc(n, sizeof(*l->shown));
	for (size_t i = 0; i < n; i++) {
		char *text = row(ud, i);

		l->cache[i] = utf8_sanitize(text);
		l->folded[i] = ui_list_fold(l->cache[i]);
		free(text);
	}
	l->nshown = 0;
	ui_list_refilter(l);
	/* Keep the old position when the old item index is still valid. */
	if (keep != (size_t)-1)
		for (size_t k = 0; k < l->nshown; k++)
			if (l->shown[k] == keep)
				l->sel = k;
	l->top = 0;
}

void
ui_list_free(struct ui_list *l)
{
	ui_list_drop_cache(l);
	free(l->shown);
	fieldedit_free(&l->filter);
	memset(l, 0, sizeof(*l));
}

size_t
ui_list_selected(const struct ui_list *l)
{
	if (!l->shown || l->sel >= l->nshown)
		return (size_t)-1;
	return l->shown[l->sel];
}

/* Keep the selection within rows top..top+h-1. */
static void
ui_list_scroll(struct ui_list *l, int h)
{
	size_t rows = h > 0 ? (size_t)h : 1;

	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + rows)
		l->top = l->sel - rows + 1;
	if (l->top + rows > l->nshown)
		l->top = l->nshown > rows ? l->nshown - rows : 0;
}

/* A search line at row y of s: "查找：", the words of fe in at most
 * max_chars + 1 columns (focused: the cursor is put there), and right
 * (a count) at the right edge. */
void
ui_search_line(struct screen *s, int y, struct fieldedit *fe,
	       int max_chars, bool focused, const char *right)
{
	const char *label = tr(MSG_LIST_SEARCH);
	int lw = utf8_width(label);
	int cw = utf8_width(right);
	int fcols = max_chars + 1;
	size_t first, nchars;
	char *text;
	int cx;

	if (fcols > s->cols - lw - cw - 2)
		fcols = s->cols - lw - cw - 2;
	if (fcols < 1)
		fcols = 1;
	wattrset(s->win, ui_attr(UI_STYLE_DIM));
	ui_text(s->win, y, 0, lw, label);
	wattrset(s->win, focused ? ui_attr(UI_STYLE_FOCUS) : A_NORMAL);
	fieldedit_view(fe, fcols, &first, &cx);
	nchars = fieldedit_fit(fe, first, fcols);
	text = utf8_from_wcs(fe->buf + first, nchars);
	ui_text(s->win, y, lw, fcols, text);
	wattrset(s->win, ui_attr(UI_STYLE_DIM));
	ui_text(s->win, y, lw + fcols, s->cols - lw - fcols - cw, "");
	ui_text(s->win, y, s->cols - cw, cw, right);
	wattrset(s->win, A_NORMAL);
	if (focused) {
		s->cursor_y = y;
		s->cursor_x = lw + cx;
	}
	free(text);
}

/* The search line: the filter being typed, and how many rows match. */
static void
ui_list_draw_search(struct screen *s, struct ui_list *l, int y)
{
	char shown[24], total[24];
	char *count;

	snprintf(shown, sizeof(shown), "%zu", l->nshown);
	snprintf(total, sizeof(total), "%zu", l->n);
	count = trf(MSG_LIST_COUNT, shown, total);
	ui_search_line(s, y, &l->filter, UI_LIST_FILTER_MAX, l->searching,
		       count);
	free(count);
}

void
ui_list_draw(struct screen *s, struct ui_list *l, int y0, int h)
{
	int rows = l->plain ? h : h - 1;

	ui_list_scroll(l, rows);
	s->cursor_y = -1;
	for (int r = 0; r < rows; r++) {
		size_t k = l->top + (size_t)r;

		if (k < l->nshown) {
			wattrset(s->win, k == l->sel ? ui_attr(UI_STYLE_SELECTED)
						     : A_NORMAL);
			ui_text(s->win, y0 + r, 0, s->cols, l->cache[l->shown[k]]);
		} else if (r == 0 && l->nshown == 0) {
			char *raw = fieldedit_utf8(&l->filter);
			char *msg = l->n ? trf(MSG_LIST_NO_MATCH, raw, NULL)
					 : xstrdup(tr(MSG_LIST_EMPTY));

			wattrset(s->win, ui_attr(UI_STYLE_DIM));
			ui_text(s->win, y0 + r, 0, s->cols, msg);
			free(raw);
			free(msg);
		} else {
			wattrset(s->win, A_NORMAL);
			ui_text(s->win, y0 + r, 0, s->cols, "");
		}
	}
	wattrset(s->win, A_NORMAL);
	if (!l->plain)
		ui_list_draw_search(s, l, y0 + h - 1);
}

/* Edit the filter with one key; returns UI flags. */
static int
ui_list_filter_key(struct ui_list *l, enum action act,
		   const struct key_event *ev)
{
	enum fieldedit_result r;

	switch (act) {
	case ACT_CHAR:
		r = fieldedit_insert(&l->filter, ev->ch);
		break;
	case ACT_ERASE:
		r = fieldedit_backspace(&l->filter);
		break;
	case ACT_DELETE:
		r = fieldedit_delete(&l->filter);
		break;
	case ACT_LEFT:
		return fieldedit_left(&l->filter), UI_HANDLED | UI_REDRAW;
	case ACT_RIGHT:
		return fieldedit_right(&l->filter), UI_HANDLED | UI_REDRAW;
	case ACT_HOME:
		return fieldedit_home(&l->filter), UI_HANDLED | UI_REDRAW;
	case ACT_END:
		return fieldedit_end(&l->filter), UI_HANDLED | UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
	if (r == FIELDEDIT_REFUSED)
		ui_error("%s", tr(MSG_FIELD_FULL));
	ui_list_refilter(l);
	return UI_HANDLED | UI_REDRAW;
}

int
ui_list_action(struct screen *s, struct ui_list *l, enum action act,
	       const struct key_event *ev, int h)
{
	size_t page = h > 2 ? (size_t)(h - 2) : 1;

	(void)s;
	switch (act) {
	case ACT_NEXT:
		if (l->sel + 1 < l->nshown)
			l->sel++;
		return UI_HANDLED | UI_REDRAW;
	case ACT_PREV:
		if (l->sel > 0)
			l->sel--;
		return UI_HANDLED | UI_REDRAW;
	case ACT_PAGE_DOWN:
		l->sel = l->sel + page < l->nshown ? l->sel + page
		       : (l->nshown ? l->nshown - 1 : 0);
		return UI_HANDLED | UI_REDRAW;
	case ACT_PAGE_UP:
		l->sel = l->sel > page ? l->sel - page : 0;
		return UI_HANDLED | UI_REDRAW;
	case ACT_SEARCH:
		if (l->plain)
			return UI_UNHANDLED;
		l->searching = true;
		return UI_HANDLED | UI_REDRAW;
	case ACT_BACK:
		if (!l->searching && l->filter.len == 0)
			return UI_UNHANDLED;
		l->searching = false;
		fieldedit_clear(&l->filter);
		ui_list_refilter(l);
		return UI_HANDLED | UI_REDRAW;
	case ACT_CHAR:
		if (l->plain)
			return UI_UNHANDLED;
		l->searching = true;
		return ui_list_filter_key(l, act, ev);
	default:
		break;
	}
	if (l->searching)
		return ui_list_filter_key(l, act, ev);
	if (act == ACT_HOME) {
		l->sel = 0;
		return UI_HANDLED | UI_REDRAW;
	}
	if (act == ACT_END) {
		l->sel = l->nshown ? l->nshown - 1 : 0;
		return UI_HANDLED | UI_REDRAW;
	}
	return UI_UNHANDLED;
}
