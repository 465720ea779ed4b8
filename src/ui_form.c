/*
 * Forms: labelled one-line fields drawn over the fieldedit model.
 *
 * A form is a column of fields, one per row: the label, the field (an
 * underlined area of fld->cols columns) and, to its right, the field's
 * error when it has one. A text field is edited through fieldedit, which
 * refuses what does not fit or what the mask forbids; the refusal is said
 * on the status line and nothing typed is lost. A choice field is never
 * typed into: F4, or any printable key, opens a pick list (the key becomes
 * the list's first filter character), so codes are picked, not remembered.
 *
 * A field's error stays until that field changes. When the cursor leaves
 * a field, a date is checked against the calendar (the field takes any
 * digits, see fieldedit.h) and the screen may check the rest (form.left),
 * so a mistake is marked where it was made, not only at F2.
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

void
ui_field_text(struct ui_field *fld, enum fd_msg label,
	      enum fieldedit_mask mask, size_t max_chars, int max_cols,
	      int cols)
{
	memset(fld, 0, sizeof(*fld));
	fld->label = label;
	fld->cols = cols;
	fieldedit_init(&fld->fe, mask, max_chars, max_cols);
}

void
ui_field_choice(struct ui_field *fld, enum fd_msg label,
		const char *const *values, const char *const *labels, int cols)
{
	memset(fld, 0, sizeof(*fld));
	fld->label = label;
	fld->cols = cols;
	fld->choices = values;
	fld->choice_labels = labels;
	fieldedit_init(&fld->fe, FIELDEDIT_TEXT, 0, 0);
}

void
ui_field_multi(struct ui_field *fld, enum fd_msg label,
	       const char *const *values, const char *const *labels, int cols)
{
	size_t n = 0;

	ui_field_choice(fld, label, values, labels, cols);
	while (values[n])
		n++;
	fld->picked = xcalloc(n + 1, sizeof(*fld->picked));
	fld->clean_picked = xcalloc(n + 1, sizeof(*fld->clean_picked));
}

void
ui_field_pick_values(struct ui_field *fld, const char *csv)
{
	for (size_t i = 0; fld->choices[i]; i++) {
		size_t len = strlen(fld->choices[i]);
		const char *p = csv;

		fld->picked[i] = false;
		while (p && *p && len) {
			if (strncmp(p, fld->choices[i], len) == 0 &&
			    (p[len] == ',' || p[len] == '\0')) {
				fld->picked[i] = true;
				break;
			}
			p = strchr(p, ',');
			if (p)
				p++;
		}
		fld->clean_picked[i] = fld->picked[i];
	}
}

void
ui_field_choose(struct ui_field *fld, const char *v)
{
	for (size_t i = 0; fld->choices && fld->choices[i]; i++) {
		if (strcmp(fld->choices[i], v) == 0) {
			fld->choice = i;
			fld->clean_choice = i;
			return;
		}
	}
}

void
ui_form_layout(struct ui_form *f)
{
	f->label_cols = 0;
	for (size_t i = 0; i < f->n; i++) {
		int w = utf8_width(tr(f->fields[i].label));

		if (w > f->label_cols)
			f->label_cols = w;
	}
	f->label_cols += 2;
}

/* The text a choice field shows. Caller frees. */
static char *
ui_field_choice_text(const struct ui_field *fld)
{
	const char *const *shown = fld->choice_labels ? fld->choice_labels
						      : fld->choices;
	char *text = NULL;

	if (!fld->picked)
		return xstrdup(shown[fld->choice]);
	/* joined as the language joins a list (、 or ", ") */
	for (size_t i = 0; fld->choices[i]; i++) {
		char *joined;

		if (!fld->picked[i])
			continue;
		joined = text ? trf(MSG_LIST_JOIN, text, shown[i])
			      : xstrdup(shown[i]);
		free(text);
		text = joined;
	}
	return text ? text : xstrdup("");
}

/* Draw one field at row y; returns the cursor column when focused. */
static int
ui_field_draw(WINDOW *w, const struct ui_form *f, struct ui_field *fld, int y,
	      bool focused)
{
	int x = 2 + f->label_cols;
	int cursor = x;
	attr_t a = ui_attr(focused ? UI_STYLE_FOCUS : UI_STYLE_FIELD);

	wattrset(w, ui_attr(UI_STYLE_LABEL));
	ui_text(w, y, 2, f->label_cols, tr(fld->label));
	wattrset(w, fld->readonly ? A_NORMAL : a);
	if (fld->choices) {
		char *text = ui_field_choice_text(fld);

		ui_text(w, y, x, fld->cols, text);
		free(text);
	} else {
		size_t first, count;
		int cx;
		char *s;

		fieldedit_view(&fld->fe, fld->cols, &first, &cx);
		count = fieldedit_fit(&fld->fe, first, fld->cols);
		s = utf8_from_wcs(fld->fe.buf + first, count);
		ui_text(w, y, x, fld->cols, s);
		free(s);
		cursor = x + cx;
	}
	wattrset(w, A_NORMAL);
	x += fld->cols + 1;
	if (fld->error[0]) {
		wattrset(w, ui_attr(UI_STYLE_ERROR));
		ui_text(w, y, x, getmaxx(w) - x, fld->error);
		wattrset(w, A_NORMAL);
	} else if (fld->note[0]) {
		wattrset(w, ui_attr(UI_STYLE_DIM));
		ui_text(w, y, x, getmaxx(w) - x, fld->note);
		wattrset(w, A_NORMAL);
	} else if (focused && fld->choices && !fld->readonly) {
		wattrset(w, ui_attr(UI_STYLE_DIM));
		ui_text(w, y, x, getmaxx(w) - x, tr(MSG_FIELD_PICK_HINT));
		wattrset(w, A_NORMAL);
	} else {
		ui_text(w, y, x, getmaxx(w) - x, "");
	}
	return cursor;
}

/* The first error too wide for the room beside its field, shown whole
 * on the form's spill row after the field's label. */
static void
ui_form_draw_spill(struct screen *s, const struct ui_form *f)
{
	for (size_t i = 0; f->spill_y > 0 && i < f->n; i++) {
		const struct ui_field *fld = &f->fields[i];
		int room = s->cols - (2 + f->label_cols + fld->cols + 1);
		char *line;

		if (!fld->error[0] || utf8_width(fld->error) <= room)
			continue;
		line = trf(MSG_FIELD_ERROR_LINE, tr(fld->label), fld->error);
		wattrset(s->win, ui_attr(UI_STYLE_ERROR));
		ui_text(s->win, f->spill_y, 2, s->cols - 2, line);
		wattrset(s->win, A_NORMAL);
		free(line);
		return;
	}
}

void
ui_form_draw(struct screen *s, struct ui_form *f, int y0, int h)
{
	size_t rows = h > 0 ? (size_t)h : 1;

	if (f->focus < f->top)
		f->top = f->focus;
	if (f->focus >= f->top + rows)
		f->top = f->focus - rows + 1;
	for (size_t i = f->top; i < f->n; i++) {
		int y = y0 + (int)(i - f->top);
		int cx;

		if (y >= y0 + (int)rows || y >= s->rows)
			break;
		cx = ui_field_draw(s->win, f, &f->fields[i], y,
				   i == f->focus && !f->inactive);
		if (i == f->focus) {
			s->cursor_y = y;
			s->cursor_x = cx;
		}
	}
	ui_form_draw_spill(s, f);
}

/* Say why the field refused an edit, where the person is looking. */
static void
ui_field_refused(struct ui_field *fld)
{
	static const enum fd_msg why_msg[] = {
		[FIELDEDIT_WHY_NONE] = MSG_FIELD_BADCHAR,
		[FIELDEDIT_WHY_FULL] = MSG_FIELD_FULL,
		[FIELDEDIT_WHY_PRINTABLE] = MSG_FIELD_BADCHAR,
		[FIELDEDIT_WHY_DIGITS] = MSG_FIELD_DIGITS,
		[FIELDEDIT_WHY_DATE] = MSG_FIELD_DATE,
		[FIELDEDIT_WHY_ID] = MSG_FIELD_ID,
		[FIELDEDIT_WHY_INVALID] = MSG_FIELD_BADCHAR,
	};
	enum fd_msg m = MSG_FIELD_BADCHAR;

	if ((size_t)fld->fe.why < FD_ARRAY_LEN(why_msg))
		m = why_msg[fld->fe.why];
	ui_error("%s", tr(m));
}

/* Open the pick list for a choice field. */
static void
ui_form_pick(struct ui_form *f, const char *initial)
{
	struct ui_field *fld = &f->fields[f->focus];
	const char *const *shown = fld->choice_labels ? fld->choice_labels
						      : fld->choices;
	char **marked;
	size_t n = 0;

	if (!fld->picked) {
		ui_pick(fld->label, shown, fld->choice, (int)f->focus, initial);
		return;
	}
	/* Several may be chosen: show which are, Enter toggles one. */
	while (shown[n])
		n++;
	marked = xcalloc(n + 1, sizeof(*marked));
	for (size_t i = 0; i < n; i++)
		marked[i] = xasprintf("[%s] %s", fld->picked[i] ? "x" : " ",
				      shown[i]);
	ui_pick(fld->label, (const char *const *)marked, 0, (int)f->focus,
		initial);
	for (size_t i = 0; i < n; i++)
		free(marked[i]);
	free(marked);
}

/* Apply an editing key to the focused text field. */
static int
ui_form_edit(struct ui_form *f, enum action act, const struct key_event *ev)
{
	struct ui_field *fld = &f->fields[f->focus];
	enum fieldedit_result r = FIELDEDIT_UNCHANGED;

	switch (act) {
	case ACT_CHAR:
		r = fieldedit_insert(&fld->fe, ev->ch);
		break;
	case ACT_LEFT:
		r = fieldedit_left(&fld->fe);
		break;
	case ACT_RIGHT:
		r = fieldedit_right(&fld->fe);
		break;
	case ACT_HOME:
		r = fieldedit_home(&fld->fe);
		break;
	case ACT_END:
		r = fieldedit_end(&fld->fe);
		break;
	case ACT_ERASE:
		r = fieldedit_backspace(&fld->fe);
		break;
	case ACT_DELETE:
		r = fieldedit_delete(&fld->fe);
		break;
	default:
		return UI_UNHANDLED;
	}
	if (r == FIELDEDIT_REFUSED)
		ui_field_refused(fld);
	else if (r == FIELDEDIT_OK && act != ACT_LEFT && act != ACT_RIGHT &&
		 act != ACT_HOME && act != ACT_END)
		fld->error[0] = '\0';
	return UI_HANDLED | UI_REDRAW;
}

/* The cursor left field i: check a date's calendar, then let the screen
 * check the field. */
static void
ui_form_left(struct ui_form *f, size_t i)
{
	struct ui_field *fld = &f->fields[i];

	if (!fld->choices && !fld->readonly && fld->fe.mask == FIELDEDIT_DATE &&
	    fld->fe.len > 0) {
		char *text;

		fieldedit_date_finish(&fld->fe);
		text = fieldedit_utf8(&fld->fe);

		if (!util_date_parse(text, 1800, 2199, NULL, NULL, NULL)) {
			char *m = trf(MSG_FIELD_DATE_BAD, text, NULL);

			fd_strlcpy(fld->error, m, sizeof(fld->error));
			free(m);
		}
		free(text);
	}
	if (f->left)
		f->left(f, i, f->ctx);
}

/* Move the focus to the next (dir 1) or previous (-1) field that can be
 * edited, skipping read-only ones. False when there is none. */
static bool
ui_form_move(struct ui_form *f, int dir)
{
	size_t i = f->focus;

	while (dir > 0 ? i + 1 < f->n : i > 0) {
		i = dir > 0 ? i + 1 : i - 1;
		if (!f->fields[i].readonly) {
			f->focus = i;
			return true;
		}
	}
	return false;
}

int
ui_form_action(struct screen *s, struct ui_form *f, enum action act,
	       const struct key_event *ev)
{
	struct ui_field *fld = &f->fields[f->focus];

	size_t was = f->focus;

	(void)s;
	switch (act) {
	case ACT_NEXT:
		if (!ui_form_move(f, 1))
			return UI_UNHANDLED; /* past the last field: the screen's */
		ui_form_left(f, was);
		return UI_HANDLED | UI_REDRAW;
	case ACT_PREV:
		if (!ui_form_move(f, -1))
			return UI_UNHANDLED; /* before the first field */
		ui_form_left(f, was);
		return UI_HANDLED | UI_REDRAW;
	case ACT_ENTER:
		if (ui_form_move(f, 1)) {
			ui_form_left(f, was);
			return UI_HANDLED | UI_REDRAW;
		}
		return UI_FORM_SUBMIT;
	case ACT_PROMPT:
		/* Say why nothing opens rather than do nothing. */
		if (fld->readonly)
			ui_status("%s", tr(MSG_FIELD_READONLY));
		else if (!fld->choices)
			ui_status("%s", tr(MSG_FIELD_NO_CHOICES));
		else
			ui_form_pick(f, NULL);
		return UI_HANDLED | UI_REDRAW;
	default:
		break;
	}
	if (act != ACT_CHAR && act != ACT_LEFT && act != ACT_RIGHT &&
	    act != ACT_HOME && act != ACT_END && act != ACT_ERASE &&
	    act != ACT_DELETE)
		return UI_UNHANDLED;
	if (fld->readonly) {
		if (act == ACT_CHAR || act == ACT_ERASE || act == ACT_DELETE)
			ui_error("%s", tr(MSG_FIELD_READONLY));
		return UI_HANDLED;
	}
	if (fld->choices) {
		if (act == ACT_CHAR) {
			char *initial = utf8_from_wcs(&ev->ch, 1);

			ui_form_pick(f, initial);
			free(initial);
		}
		return UI_HANDLED;
	}
	return ui_form_edit(f, act, ev);
}

int
ui_form_result(struct screen *s, struct ui_form *f, const struct ui_result *r)
{
	struct ui_field *fld;

	(void)s;
	if (r->tag < 0 || (size_t)r->tag >= f->n)
		return UI_UNHANDLED;
	fld = &f->fields[r->tag];
	if (r->ok && fld->picked) {
		fld->picked[r->index] = !fld->picked[r->index];
		fld->error[0] = '\0';
	} else if (r->ok && fld->choices) {
		fld->choice = r->index;
		fld->error[0] = '\0';
		ui_form_move(f, 1);
	}
	return UI_HANDLED | UI_REDRAW;
}

bool
ui_form_typing(const struct ui_form *f)
{
	const struct ui_field *fld = &f->fields[f->focus];

	return !fld->choices && !fld->readonly;
}

bool
ui_form_dirty(const struct ui_form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct ui_field *fld = &f->fields[i];

		if (fld->picked) {
			for (size_t k = 0; fld->choices[k]; k++)
				if (fld->picked[k] != fld->clean_picked[k])
					return true;
		} else if (fld->choices ? fld->choice != fld->clean_choice
					: fieldedit_dirty(&fld->fe)) {
			return true;
		}
	}
	return false;
}

void
ui_form_mark_clean(struct ui_form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		struct ui_field *fld = &f->fields[i];

		fld->clean_choice = fld->choice;
		for (size_t k = 0; fld->picked && fld->choices[k]; k++)
			fld->clean_picked[k] = fld->picked[k];
		fieldedit_mark_clean(&fld->fe);
	}
}

char *
ui_form_value(const struct ui_form *f, size_t i)
{
	const struct ui_field *fld = &f->fields[i];
	struct strbuf sb = {0};

	if (fld->picked) {
		for (size_t k = 0; fld->choices[k]; k++) {
			if (!fld->picked[k])
				continue;
			if (sb.len)
				strbuf_adds(&sb, ",");
			strbuf_adds(&sb, fld->choices[k]);
		}
		return strbuf_take(&sb);
	}
	if (fld->choices)
		return xstrdup(fld->choices[fld->choice]);
	return fieldedit_utf8(&fld->fe);
}

int
ui_form_message_cols(const struct ui_form *f, size_t i)
{
	/* as ui_field_draw lays a row out */
	return COLS - (2 + f->label_cols + f->fields[i].cols + 1);
}

/* Say msg whole on the status line if it does not fit beside field i (a
 * cut message must never be the only copy). */
static void
ui_form_message_fit(const struct ui_form *f, size_t i, const char *msg)
{
	/* ui_status, not ui_error: no second beep when the caller also
	 * says the error */
	if (utf8_width(msg) > ui_form_message_cols(f, i))
		ui_status("%s", msg);
}

void
ui_form_error(struct ui_form *f, size_t i, const char *msg)
{
	fd_strlcpy(f->fields[i].error, msg, sizeof(f->fields[i].error));
	f->focus = i;
	ui_form_message_fit(f, i, msg);
}

void
ui_form_note(struct ui_form *f, size_t i, const char *msg)
{
	fd_strlcpy(f->fields[i].note, msg, sizeof(f->fields[i].note));
	ui_form_message_fit(f, i, msg);
}

void
ui_form_clear_errors(struct ui_form *f)
{
	for (size_t i = 0; i < f->n; i++)
		f->fields[i].error[0] = '\0';
}

void
ui_form_free(struct ui_form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		fieldedit_free(&f->fields[i].fe);
		free(f->fields[i].picked);
		free(f->fields[i].clean_picked);
		f->fields[i].picked = f->fields[i].clean_picked = NULL;
	}
}
