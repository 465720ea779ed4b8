/*
 * The audit log: who changed what, when, from which value to which, newest
 * first; or, opened from a record (F7), that record's history. The latest
 * 2000 entries are listed, and the count line says so ("最近 2000 条，共
 * 4086 条"). Typing searches the whole log in the database (audit_find: a
 * login, a table, a value, a person's name, a 户编号), showing the latest
 * 2000 matches. A member or household row names its person or household
 * ("成员 罗元（6229…）"). The version and updated_at rows every save writes
 * are hidden unless F7 (here: "技术记录") shows them. The selected entry's
 * subject and old and new values are shown whole under the list.
 *
 * An inserted row is one entry with field "*" (txn.h): its field column
 * says so (新建) and its new value, "name=value" lines, is shown on one
 * line as "name=value; name=value".
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/record.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

#define AUDIT_LIMIT 2000
#define AUDIT_DETAIL_ROWS 3
#define AUDIT_SEARCH_MAX 40 /* characters of a search */

struct audit_screen {
	struct audit_args filter; /* n == 0: the whole log */
	char *ids[AUDIT_ARGS_MAX];
	char *rows_value; /* the filter's, our copy */
	struct audit_entry *rows;
	size_t n;
	long long total; /* rows without the search words */
	bool technical;  /* version / updated_at rows shown */
	struct fieldedit search;
	bool searching;  /* the search field has focus */
	bool stale;      /* a search stopped for the next key: the rows are
			    of the words before */
	struct ui_list list; /* plain: the search line is the screen's */
};

static const enum action audit_keys[] = {ACT_HELP,    ACT_BACK,
					 ACT_SEARCH,  ACT_REFRESH,
					 ACT_HISTORY, ACT_PAGE_DOWN,
					 ACT_NONE};

/* F7 opens a record's history elsewhere; here, the history itself, it
 * shows or hides the technical rows. */
static const struct ui_key_text audit_texts[] = {
    {ACT_HISTORY, MSG_AUDIT_KEY_TECH, MSG_AUDIT_HELP_TECH},
    {ACT_NONE, MSG__COUNT, MSG__COUNT},
};

static const int audit_widths[] = {19, 8, 22, 10, 0};

/* What a row is about as a person reads it: "成员 罗元（6229…）",
 * "户 6229…（张三）", else "table/key". Caller frees. */
static char *
audit_subject(const struct audit_entry *e)
{
	if (e->subject && strcmp(e->entity, "member") == 0)
		return trf(MSG_AUDIT_WHO_MEMBER, e->subject,
			   e->subject2 ? e->subject2 : "");
	if (e->subject && strcmp(e->entity, "household") == 0)
		return e->subject2 && *e->subject2
			       ? trf(MSG_AUDIT_WHO_HOUSEHOLD, e->subject,
				     e->subject2)
			       : trf(MSG_AUDIT_WHO_HOUSEHOLD_NOHEAD, e->subject,
				     NULL);
	if (e->subject && strcmp(e->entity, "enrolment") == 0)
		return trf(MSG_AUDIT_WHO_ENROLMENT, e->subject, NULL);
	return xasprintf("%s/%s", e->entity, e->entity_id);
}

/* True if e records a whole inserted row (field "*"). */
static bool
audit_is_insert(const struct audit_entry *e)
{
	return e->field && strcmp(e->field, "*") == 0;
}

/* The name of column field of e's table as a person reads it: its label
 * for a household or member field, else the column. */
static const char *
audit_field(const struct audit_entry *e, const char *field)
{
	const struct entity *ent = record_entity_of(e->entity);
	int i = ent ? record_field(ent, field) : -1;

	return i >= 0 ? tr(ent->fields[i].label) : field;
}

/* A value of field as a person reads it ("01 户主"); "∅" for none.
 * Caller frees. */
static char *
audit_value(const struct audit_entry *e, const char *field, const char *v)
{
	if (!v)
		return xstrdup("∅");
	return record_value_text(record_entity_of(e->entity), field, v);
}

/* The "name=value" lines of an insert on one line, "; " between them,
 * names and values as a person reads them. Caller frees. */
static char *
audit_flat(const struct audit_entry *e, const char *v)
{
	struct strbuf sb = {0};
	const char *p = v ? v : "";

	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char *line = xstrndup(p, len);
		char *eq = strchr(line, '=');

		if (sb.len)
			strbuf_adds(&sb, "; ");
		if (eq) {
			char *val;

			*eq = '\0';
			val = audit_value(e, line, eq + 1);
			strbuf_addf(&sb, "%s=%s", audit_field(e, line), val);
			free(val);
		} else {
			strbuf_adds(&sb, line);
		}
		free(line);
		p += len + (eol ? 1 : 0);
	}
	return sb.len ? strbuf_take(&sb) : xstrdup("");
}

/* "old → new" of an update, as a person reads them. Caller frees. */
static char *
audit_change(const struct audit_entry *e)
{
	char *o = audit_value(e, e->field, e->old_value);
	char *n = audit_value(e, e->field, e->new_value);
	char *c = xasprintf("%s → %s", o, n);

	free(o);
	free(n);
	return c;
}

/* One row: time, login, entity/key, field, old → new; for an insert,
 * "新建" and the values. */
static char *
audit_row(void *ud, size_t i)
{
	struct audit_screen *a = ud;
	const struct audit_entry *e = &a->rows[i];
	bool ins = audit_is_insert(e);
	char when[24];
	char *what = audit_subject(e);
	char *change = ins ? audit_flat(e, e->new_value) : audit_change(e);
	const char *cells[] = {when, e->login, what,
			       ins ? tr(MSG_KEY_NEW) : audit_field(e, e->field),
			       change};
	char *row;

	ui_local_time(e->at, when);
	row = ui_row(audit_widths, 5, cells);
	free(what);
	free(change);
	return row;
}

/* audit_filter.stop while typing: a key is waiting. */
static int
audit_stop(void *ud)
{
	(void)ud;
	return ui_key_waiting();
}

/* Read the log again (the search words and the technical setting as
 * they are now); count all rows only when asked (the words alone
 * changed: the total has not). A search for words typed stops when the
 * next key is already waiting (seconds on a county's log that holds
 * nothing of them): the rows stay those of the words before, and the
 * next key searches again. */
static void
audit_reload_counting(struct audit_screen *a, bool count)
{
	char *words = fieldedit_utf8(&a->search);
	struct audit_filter f = {
	    .n = a->filter.n,
	    .entity = a->filter.entity,
	    .id = (const char *const *)a->filter.id,
	    .rows_of = a->filter.rows_of,
	    .rows_by = a->filter.rows_by,
	    .rows_value = a->filter.rows_value,
	    .words = words,
	    .technical = a->technical,
	    .stop = count ? NULL : audit_stop,
	};
	struct audit_entry *rows = NULL;
	size_t n = 0;
	struct fd_err err;
	enum fd_status rc;

	rc = audit_find(ui_db(), &f, AUDIT_LIMIT, &rows, &n,
			count ? &a->total : NULL, &err);
	free(words);
	a->stale = rc == FD_E_STOPPED;
	if (a->stale)
		return;
	audit_list_free(a->rows, a->n);
	a->rows = rows;
	a->n = n;
	if (rc != FD_OK)
		ui_error_status(rc, &err);
	ui_list_set(&a->list, a->n, audit_row, a);
}

static void
audit_reload(struct audit_screen *a)
{
	audit_reload_counting(a, true);
}

static int
audit_enter(struct screen *s, const struct screen_args *args)
{
	struct audit_screen *a = s->state;
	const struct audit_args *f = args->data;

	/* Keep our own copy of the filter: the caller's may be temporary. */
	for (size_t k = 0; f && k < f->n && k < AUDIT_ARGS_MAX; k++) {
		a->ids[k] = xstrdup(f->id[k]);
		a->filter.entity[k] = f->entity[k]; /* static strings */
		a->filter.id[k] = a->ids[k];
		a->filter.n++;
	}
	if (f && f->rows_of) {
		a->rows_value = xstrdup(f->rows_value ? f->rows_value : "");
		a->filter.rows_of = f->rows_of; /* static strings */
		a->filter.rows_by = f->rows_by;
		a->filter.rows_value = a->rows_value;
	}
	ui_list_init(&a->list);
	a->list.plain = true;
	fieldedit_init(&a->search, FIELDEDIT_TEXT, AUDIT_SEARCH_MAX, 0);
	audit_reload(a);
	return 0;
}

static void
audit_leave(struct screen *s)
{
	struct audit_screen *a = s->state;

	ui_list_free(&a->list);
	fieldedit_free(&a->search);
	audit_list_free(a->rows, a->n);
	for (size_t k = 0; k < a->filter.n; k++)
		free(a->ids[k]);
	free(a->rows_value);
}

/* The height of the list part (its rows; the search line is under it). */
static int
audit_list_rows(const struct screen *s)
{
	return s->rows - 2 - AUDIT_DETAIL_ROWS;
}

/* The count: "共 N 条", "最近 2000 条，共 4086 条", "找到 N 条",
 * "最近 2000 条匹配". Caller frees. */
static char *
audit_count_text(const struct audit_screen *a)
{
	char n[24], t[24];

	snprintf(n, sizeof(n), "%zu", a->n);
	snprintf(t, sizeof(t), "%lld", a->total);
	if (a->search.len)
		return trf(a->n >= AUDIT_LIMIT ? MSG_AUDIT_COUNT_FOUND_LATEST
					       : MSG_AUDIT_COUNT_FOUND,
			   n, NULL);
	if ((long long)a->n < a->total)
		return trf(MSG_AUDIT_COUNT_LATEST, n, t);
	return trf(MSG_AUDIT_COUNT_ALL, n, NULL);
}

/* The search line at row y: the words being typed, the count. */
static void
audit_draw_search(struct screen *s, struct audit_screen *a, int y)
{
	char *count = audit_count_text(a);
	char *right = a->technical ? xasprintf("%s · %s", count,
					       tr(MSG_AUDIT_TECH_SHOWN))
				   : xstrdup(count);

	ui_search_line(s, y, &a->search, AUDIT_SEARCH_MAX, a->searching,
		       right);
	free(right);
	free(count);
}

static void
audit_draw(struct screen *s)
{
	struct audit_screen *a = s->state;
	size_t i = ui_list_selected(&a->list);
	int y = 2 + audit_list_rows(s);

	werase(s->win);
	if (i != (size_t)-1) {
		const struct audit_entry *e = &a->rows[i];
		bool ins = audit_is_insert(e);
		char *ov = audit_value(e, e->field, e->old_value);
		char *nv = ins ? audit_flat(e, e->new_value)
			       : audit_value(e, e->field, e->new_value);
		char *old = xasprintf("%s: %s", tr(MSG_AUDIT_DETAIL_OLD), ov);
		char *new = xasprintf("%s: %s", tr(MSG_AUDIT_DETAIL_NEW), nv);
		char *who = audit_subject(e);
		char *rule = xasprintf("── %s/%s %s ", e->entity, e->entity_id,
				       who);

		/* The whole subject on the rule above the values. */
		mvwhline(s->win, y, 0, ACS_HLINE, s->cols);
		if (strchr(who, '/') == NULL)
			ui_text(s->win, y, 0, utf8_width(rule) < s->cols
						  ? utf8_width(rule)
						  : s->cols,
				rule);
		free(rule);
		free(who);
		ui_text(s->win, y + 1, 0, s->cols, old);
		ui_text(s->win, y + 2, 0, s->cols, new);
		free(old);
		free(new);
		free(ov);
		free(nv);
	}
	wattrset(s->win, A_BOLD);
	ui_text(s->win, 0, 0, s->cols, tr(MSG_AUDIT_HEADER));
	wattrset(s->win, A_NORMAL);
	ui_list_draw(s, &a->list, 1, audit_list_rows(s));
	audit_draw_search(s, a, 1 + audit_list_rows(s));
	wnoutrefresh(s->win);
}

static int
audit_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct audit_screen *a = s->state;

	enum fieldedit_result r = FIELDEDIT_OK;

	/* A search stopped for this key, which does not search again
	 * itself: finish it first (it may stop again for the next key). */
	if (a->stale && act != ACT_CHAR && act != ACT_ERASE &&
	    act != ACT_DELETE)
		audit_reload_counting(a, false);
	switch (act) {
	case ACT_REFRESH:
		audit_reload(a);
		return UI_UNHANDLED; /* and the global repaint */
	case ACT_HISTORY:
		a->technical = !a->technical;
		audit_reload(a);
		return UI_HANDLED | UI_REDRAW;
	case ACT_SEARCH:
		a->searching = true;
		return UI_HANDLED | UI_REDRAW;
	case ACT_BACK:
		if (!a->searching && a->search.len == 0)
			return UI_UNHANDLED;
		a->searching = false;
		if (a->search.len) {
			fieldedit_clear(&a->search);
			audit_reload_counting(a, false);
		}
		return UI_HANDLED | UI_REDRAW;
	case ACT_ENTER:
		if (!a->searching)
			break;
		a->searching = false; /* the words stay; arrows move */
		return UI_HANDLED | UI_REDRAW;
	case ACT_CHAR:
		a->searching = true;
		r = fieldedit_insert(&a->search, ev->ch);
		break;
	case ACT_ERASE:
	case ACT_DELETE:
		if (!a->searching)
			break;
		r = act == ACT_ERASE ? fieldedit_backspace(&a->search)
				     : fieldedit_delete(&a->search);
		break;
	case ACT_LEFT:
	case ACT_RIGHT:
	case ACT_HOME:
	case ACT_END:
		if (!a->searching)
			break;
		if (act == ACT_LEFT)
			fieldedit_left(&a->search);
		else if (act == ACT_RIGHT)
			fieldedit_right(&a->search);
		else if (act == ACT_HOME)
			fieldedit_home(&a->search);
		else
			fieldedit_end(&a->search);
		return UI_HANDLED | UI_REDRAW;
	default:
		break;
	}
	if (act == ACT_CHAR || ((act == ACT_ERASE || act == ACT_DELETE) &&
				a->searching)) {
		if (r == FIELDEDIT_REFUSED)
			ui_error("%s", tr(MSG_FIELD_FULL));
		else
			audit_reload_counting(a, false);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_action(s, &a->list, act, ev, audit_list_rows(s));
}

static bool
audit_typing(struct screen *s)
{
	struct audit_screen *a = s->state;

	return a->searching;
}

const struct screen_ops screen_audit = {
	.name = "audit",
	.title = MSG_AUDIT_TITLE,
	.state_size = sizeof(struct audit_screen),
	.keys = audit_keys,
	.key_texts = audit_texts,
	.enter = audit_enter,
	.leave = audit_leave,
	.draw = audit_draw,
	.action = audit_action,
	.typing = audit_typing,
};
