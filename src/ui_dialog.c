/*
 * Entry points of the modal widgets (pick list, confirm dialog), the frame
 * they share, and the progress bar. The widgets themselves are overlay
 * screens (screens/pick.c, screens/confirm.c) so that resizing, signals
 * and help work in them like everywhere else; the answer reaches the
 * parent screen through its result() callback.
 */
#include <stdio.h>

#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"

void
ui_pick(enum fd_msg title, const char *const *labels, size_t current, int tag,
	const char *initial)
{
	struct pick_args pa = {title, labels, current, initial};
	struct screen_args args = {.tag = tag, .data = &pa};

	ui_push(&screen_pick, &args);
}

void
ui_confirm(const char *question, int tag)
{
	struct confirm_args ca = {question, NULL, false};
	struct screen_args args = {.tag = tag, .data = &ca};

	ui_push(&screen_confirm, &args);
}

void
ui_confirm_yes(const char *question, const char *keys, int tag)
{
	struct confirm_args ca = {question, keys, true};
	struct screen_args args = {.tag = tag, .data = &ca};

	ui_push(&screen_confirm, &args);
}

void
ui_overlay(struct screen *s, WINDOW **frame, int h, int w)
{
	int rows, cols, y, x;

	getmaxyx(stdscr, rows, cols);
	rows -= 3; /* the body: between the title and the status line */
	if (h > rows)
		h = rows;
	if (w > cols - 2)
		w = cols - 2;
	if (h < 3)
		h = 3;
	if (w < 4)
		w = 4;
	y = 1 + (rows - h) / 2;
	x = (cols - w) / 2;
	if (*frame) {
		wresize(*frame, h, w);
		mvwin(*frame, y, x);
		wresize(s->win, h - 2, w - 2);
		mvwin(s->win, y + 1, x + 1);
	} else {
		*frame = newwin(h, w, y, x);
		s->win = newwin(h - 2, w - 2, y + 1, x + 1);
	}
	s->rows = h - 2;
	s->cols = w - 2;
}

void
ui_overlay_frame(WINDOW *frame, const char *title)
{
	int w = utf8_width(title);

	werase(frame);
	box(frame, 0, 0);
	wattrset(frame, ui_attr(UI_STYLE_LABEL));
	ui_text(frame, 0, 2, w + 2, "");
	ui_text(frame, 0, 3, w, title);
	wattrset(frame, A_NORMAL);
	wnoutrefresh(frame);
}

void
ui_progress(WINDOW *w, int y, int x, int cols, long done, long total)
{
	char pct[8];
	int bar = cols - 6;
	int fill;

	if (bar < 1)
		return;
	if (total <= 0)
		total = 1;
	if (done > total)
		done = total;
	if (done < 0)
		done = 0;
	fill = (int)((long long)bar * done / total);
	snprintf(pct, sizeof(pct), " %3d%%", (int)(100 * done / total));
	wattrset(w, A_REVERSE);
	ui_text(w, y, x, fill, "");
	wattrset(w, ui_attr(UI_STYLE_DIM));
	for (int i = fill; i < bar; i++)
		mvwaddch(w, y, x + i, '.');
	wattrset(w, A_NORMAL);
	ui_text(w, y, x + bar, cols - bar, pct);
}

void
ui_prompt(const char *question, int tag, size_t max_chars)
{
	ui_prompt_with(question, tag, max_chars, NULL);
}

void
ui_prompt_with(const char *question, int tag, size_t max_chars,
	       const char *initial)
{
	struct prompt_args pa = {question, max_chars, initial};
	struct screen_args args = {.tag = tag, .data = &pa};

	ui_push(&screen_prompt, &args);
}
