/*
 * The audit log: who changed what, when, from which value to which, newest
 * first; or, opened from a record (F7), that record's history. The last
 * 2000 entries are listed; type to narrow (a login, a
 * table, a value). The selected entry's old and new values are shown whole
 * under the list.
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
#include "frontdesk/util.h"

#define AUDIT_LIMIT 2000
#define AUDIT_DETAIL_ROWS 3

struct audit_screen {
	struct audit_args filter; /* n == 0: the whole log */
	char *ids[AUDIT_ARGS_MAX];
	struct audit_entry *rows;
	size_t n;
	struct ui_list list;
};

static const enum action audit_keys[] = {ACT_HELP, ACT_BACK, ACT_SEARCH,
					 ACT_REFRESH, ACT_PAGE_DOWN, ACT_NONE};

static const int audit_widths[] = {19, 10, 19, 10, 0};

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
	char *what = xasprintf("%s/%s", e->entity, e->entity_id);
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

/* Newest first: by id, descending. */
static int
audit_newest_first(const void *x, const void *y)
{
	const struct audit_entry *a = x, *b = y;

	return (a->id < b->id) - (a->id > b->id);
}

/* Read the log again. */
static void
audit_reload(struct audit_screen *a)
{
	struct fd_err err;
	enum fd_status rc;

	audit_list_free(a->rows, a->n);
	a->rows = NULL;
	a->n = 0;
	if (a->filter.n == 0) {
		rc = audit_list(ui_db(), NULL, NULL, AUDIT_LIMIT, &a->rows, &a->n,
				&err);
		if (rc != FD_OK)
			ui_error_status(rc, &err);
	}
	for (size_t k = 0; k < a->filter.n; k++) {
		struct audit_entry *more = NULL;
		size_t nmore = 0;

		rc = audit_list(ui_db(), a->filter.entity[k], a->filter.id[k],
				AUDIT_LIMIT, &more, &nmore, &err);
		if (rc != FD_OK) {
			ui_error_status(rc, &err);
			break;
		}
		a->rows = xrealloc(a->rows, (a->n + nmore + 1) * sizeof(*a->rows));
		memcpy(a->rows + a->n, more, nmore * sizeof(*more));
		a->n += nmore;
		free(more); /* the entries' strings now belong to a->rows */
	}
	if (a->filter.n > 1)
		qsort(a->rows, a->n, sizeof(*a->rows), audit_newest_first);
	ui_list_set(&a->list, a->n, audit_row, a);
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
	ui_list_init(&a->list);
	audit_reload(a);
	return 0;
}

static void
audit_leave(struct screen *s)
{
	struct audit_screen *a = s->state;

	ui_list_free(&a->list);
	audit_list_free(a->rows, a->n);
	for (size_t k = 0; k < a->filter.n; k++)
		free(a->ids[k]);
}

/* The height of the list part. */
static int
audit_list_rows(const struct screen *s)
{
	return s->rows - 1 - AUDIT_DETAIL_ROWS;
}

static void
audit_draw(struct screen *s)
{
	struct audit_screen *a = s->state;
	size_t i = ui_list_selected(&a->list);
	int y = 1 + audit_list_rows(s);

	werase(s->win);
	if (i != (size_t)-1) {
		const struct audit_entry *e = &a->rows[i];
		bool ins = audit_is_insert(e);
		char *ov = audit_value(e, e->field, e->old_value);
		char *nv = ins ? audit_flat(e, e->new_value)
			       : audit_value(e, e->field, e->new_value);
		char *old = xasprintf("%s: %s", tr(MSG_AUDIT_DETAIL_OLD), ov);
		char *new = xasprintf("%s: %s", tr(MSG_AUDIT_DETAIL_NEW), nv);

		mvwhline(s->win, y, 0, ACS_HLINE, s->cols);
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
	wnoutrefresh(s->win);
}

static int
audit_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct audit_screen *a = s->state;

	if (act == ACT_REFRESH) {
		audit_reload(a);
		return UI_UNHANDLED; /* and the global repaint */
	}
	return ui_list_action(s, &a->list, act, ev, audit_list_rows(s));
}

static bool
audit_typing(struct screen *s)
{
	struct audit_screen *a = s->state;

	return a->list.searching;
}

const struct screen_ops screen_audit = {
	.name = "audit",
	.title = MSG_AUDIT_TITLE,
	.state_size = sizeof(struct audit_screen),
	.keys = audit_keys,
	.enter = audit_enter,
	.leave = audit_leave,
	.draw = audit_draw,
	.action = audit_action,
	.typing = audit_typing,
};
