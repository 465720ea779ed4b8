/*
 * Import households from the national system's CSV, from the TUI: the
 * file's path and whether to check only; F2 runs it with a progress bar;
 * then the counts (new, updated, unchanged, refused) and every bad line
 * with its number and reason. A file with any bad line imports nothing, as
 * on the command line (`frontdesk import households FILE.csv`).
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/import.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

enum { IMPORT_F_PATH, IMPORT_F_DRY, IMPORT_F__COUNT };

struct import_screen {
	struct screen *s;
	struct ui_field fields[IMPORT_F__COUNT];
	struct ui_form form;
	const char *dry_labels[3];
	bool running;
	enum import_phase phase;
	size_t done, total;
	char summary[256];
	bool failed;
	char **lines;
	size_t nlines;
	struct ui_list list;
};

static const char *const import_dry_values[] = {"0", "1", NULL};

static const enum action import_keys[] = {ACT_HELP, ACT_SAVE, ACT_BACK,
					  ACT_PROMPT, ACT_NONE};

static char *
import_row(void *ud, size_t i)
{
	struct import_screen *is = ud;

	return xstrdup(is->lines[i]);
}

/* Called by the import now and then: move the bar, name the step. */
static void
import_progress(void *ud, enum import_phase phase, size_t done, size_t total)
{
	struct import_screen *is = ud;

	is->phase = phase;
	is->done = done;
	is->total = total;
	ui_dirty(is->s);
	ui_flush();
}

/* Forget the last run's lines. */
static void
import_clear(struct import_screen *is)
{
	for (size_t i = 0; i < is->nlines; i++)
		free(is->lines[i]);
	free(is->lines);
	is->lines = NULL;
	is->nlines = 0;
	is->summary[0] = '\0';
}

/* Add one row to the result list. */
static void
import_add_line(struct import_screen *is, char *line)
{
	is->lines = xrealloc(is->lines, (is->nlines + 1) * sizeof(*is->lines));
	is->lines[is->nlines++] = line;
}

/* Add the text line[0..len) to the list wrapped at the screen's width
 * (the reason is what matters, and a long one, the GBK advice, would be
 * cut at 80 columns): continuation rows indented by two blanks. */
static void
import_add_wrapped(struct import_screen *is, const char *line, size_t len)
{
	int cols = is->s->cols > 20 ? is->s->cols : 80;
	char *text = xstrndup(line, len);
	const char *p = text;
	bool first = true;

	do {
		int room = first ? cols : cols - 2;
		size_t n = utf8_fit(p, room);

		if (n == 0 && *p) /* a character wider than the room */
			n = 1;
		if (p[n] && n > 0) {
			/* break at the last blank that leaves half the row */
			size_t b = n;

			while (b > n / 2 && p[b - 1] != ' ')
				b--;
			if (b > n / 2)
				n = b;
		}
		import_add_line(is, first ? xstrndup(p, n)
					  : xasprintf("  %.*s", (int)n, p));
		p += n;
		while (*p == ' ')
			p++;
		first = false;
	} while (*p);
	free(text);
}

/* Keep the report's problem lines for the list. */
static void
import_keep_lines(struct import_screen *is, const struct strbuf *problems)
{
	const char *p = problems->buf;

	while (p && *p) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		import_add_wrapped(is, p, len);
		p += len;
		if (*p)
			p++;
	}
}

/* F2: read the file and import it (or only check it). */
static void
import_run(struct import_screen *is)
{
	char *path = ui_form_value(&is->form, IMPORT_F_PATH);
	char *dry = ui_form_value(&is->form, IMPORT_F_DRY);
	struct import_report rep = {0};
	struct fd_err err;
	char *data = NULL;
	size_t len = 0;
	enum fd_status st;
	enum fd_msg brief = MSG_IMPORT_FILE_BAD_SHORT;

	import_clear(is);
	ui_form_clear_errors(&is->form);
	if (!path[0]) {
		ui_form_error(&is->form, IMPORT_F_PATH, tr(MSG_FIELD_REQUIRED));
		goto out;
	}
	st = import_read_file(path, &data, &len, &brief, &err);
	if (st != FD_OK) {
		/* The short reason fits next to the field; the whole one
		 * (with the path) goes on the status line. */
		ui_form_error(&is->form, IMPORT_F_PATH, tr(brief));
		ui_error("%s", err.msg);
		goto out;
	}
	is->running = true;
	is->phase = IMPORT_PHASE_READ;
	is->done = 0;
	is->total = 1;
	st = import_households(ui_db(), data, len, strcmp(dry, "1") == 0,
			       import_progress, is, &rep, &err);
	is->running = false;
	if (st == FD_OK || st == FD_E_CHECK) {
		char *m = import_summary(&rep);

		fd_strlcpy(is->summary, m, sizeof(is->summary));
		free(m);
		is->failed = st == FD_E_CHECK;
		import_keep_lines(is, &rep.problems);
		if (rep.warnings.len) {
			struct strbuf head = {0};

			strbuf_addf(&head, "%s\n", tr(MSG_IMPORT_WARNINGS));
			import_keep_lines(is, &head);
			import_keep_lines(is, &rep.warnings);
			strbuf_free(&head);
		}
		if (is->failed)
			ui_error("%s", tr(MSG_IMPORT_BAD));
		else
			ui_status("%s", strcmp(dry, "1") == 0
						? tr(MSG_IMPORT_CHECKED)
						: is->summary);
	} else if (st == FD_E_PARSE || st == FD_E_INVALID || st == FD_E_IO) {
		/* The file's fault (not UTF-8, unknown columns...), not the
		 * database's: the reason whole, in the result list. */
		fd_strlcpy(is->summary, tr(MSG_IMPORT_FILE_REFUSED),
			   sizeof(is->summary));
		is->failed = true;
		import_add_wrapped(is, err.msg, strlen(err.msg));
		ui_error("%s", tr(MSG_IMPORT_FILE_REFUSED));
	} else {
		ui_error_status(st, &err);
	}
	ui_list_set(&is->list, is->nlines, import_row, is);
	import_report_free(&rep);
out:
	free(data);
	free(path);
	free(dry);
}

static int
import_enter(struct screen *s, const struct screen_args *args)
{
	struct import_screen *is = s->state;

	(void)args;
	is->s = s;
	is->dry_labels[0] = tr(MSG_NO);
	is->dry_labels[1] = tr(MSG_YES);
	/* 46 columns: a longer path scrolls, and the reason next to it
	 * (找不到这个文件) keeps 16 columns at 80. */
	ui_field_text(&is->fields[IMPORT_F_PATH], MSG_IMPORT_PATH,
		      FIELDEDIT_TEXT, 1024, 0, 46);
	ui_field_choice(&is->fields[IMPORT_F_DRY], MSG_IMPORT_DRY,
			import_dry_values, is->dry_labels, 8);
	is->form.fields = is->fields;
	is->form.n = IMPORT_F__COUNT;
	ui_form_layout(&is->form);
	ui_list_init(&is->list);
	return 0;
}

static void
import_leave(struct screen *s)
{
	struct import_screen *is = s->state;

	ui_form_free(&is->form);
	import_clear(is);
	ui_list_free(&is->list);
}

static void
import_draw(struct screen *s)
{
	struct import_screen *is = s->state;

	werase(s->win);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols, tr(MSG_IMPORT_TITLE));
	wattrset(s->win, ui_attr(UI_STYLE_DIM));
	ui_text(s->win, 1, 0, s->cols, tr(MSG_IMPORT_HINT));
	wattrset(s->win, A_NORMAL);
	ui_form_draw(s, &is->form, 3, IMPORT_F__COUNT);
	if (is->running) {
		char *step = trf(MSG_IMPORT_PHASE_LINE,
				 import_phase_text(is->phase), NULL);

		ui_text(s->win, 6, 0, s->cols, step);
		free(step);
		ui_progress(s->win, 7, 0, 60, (long)is->done, (long)is->total);
		s->cursor_y = -1;
	} else if (is->summary[0]) {
		bool refused = is->failed &&
			       strcmp(is->summary, tr(MSG_IMPORT_FILE_REFUSED)) == 0;

		wattrset(s->win, is->failed ? ui_attr(UI_STYLE_ERROR) : A_BOLD);
		ui_text(s->win, 6, 0, s->cols,
			is->failed && !refused ? tr(MSG_IMPORT_BAD) : is->summary);
		wattrset(s->win, A_NORMAL);
		ui_text(s->win, 7, 0, s->cols,
			is->failed && !refused ? is->summary : "");
		if (is->nlines) {
			int cy = s->cursor_y, cx = s->cursor_x;

			ui_list_draw(s, &is->list, 8, s->rows - 8);
			s->cursor_y = cy;
			s->cursor_x = cx;
		}
	}
	wnoutrefresh(s->win);
}

static int
import_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct import_screen *is = s->state;
	int flags;

	if (act == ACT_SAVE) {
		import_run(is);
		return UI_HANDLED | UI_REDRAW;
	}
	if (act == ACT_PAGE_DOWN || act == ACT_PAGE_UP)
		return ui_list_action(s, &is->list, act, ev, s->rows - 8);
	flags = ui_form_action(s, &is->form, act, ev);
	if (flags & UI_FORM_SUBMIT) {
		import_run(is);
		return UI_HANDLED | UI_REDRAW;
	}
	return flags;
}

static int
import_result(struct screen *s, const struct ui_result *r)
{
	struct import_screen *is = s->state;

	return ui_form_result(s, &is->form, r);
}

static bool
import_typing(struct screen *s)
{
	struct import_screen *is = s->state;

	return ui_form_typing(&is->form);
}

const struct screen_ops screen_import = {
	.name = "import",
	.title = MSG_IMPORT_TITLE,
	.state_size = sizeof(struct import_screen),
	.keys = import_keys,
	.enter = import_enter,
	.leave = import_leave,
	.draw = import_draw,
	.action = import_action,
	.result = import_result,
	.typing = import_typing,
};
