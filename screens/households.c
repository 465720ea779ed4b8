/*
 * The household list: a search line that narrows the list as you type
 * (head or member name, one or two Chinese characters too; 户编号; any 4 or
 * more digits of an ID number; village), and the households found. Enter
 * opens one, F6 starts a new household.
 *
 * The query runs on every key that changes it (the core answers within a
 * keystroke: see make bench); Up/Down/PgUp/PgDn move in the results while
 * the cursor stays in the search line. ID numbers are masked in the list
 * unless intake.mask_id = no.
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/codes.h"
#include "frontdesk/config.h"
#include "frontdesk/i18n.h"
#include "frontdesk/idcard.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/screens.h"
#include "frontdesk/search.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

#define HOUSEHOLDS_LIMIT 200

struct households {
	struct fieldedit query;
	struct search_result res;
	struct ui_list list;
	char *last_query; /* what res answers */
};

static const enum action households_keys[] = {
	ACT_HELP, ACT_BACK, ACT_NEW, ACT_ENTER, ACT_REFRESH, ACT_NONE};

static const int households_widths[] = {16, 8, 18, 26, 4};

/* One row: 户编号, head, head's ID (masked), village, members. */
static char *
households_row(void *ud, size_t i)
{
	struct households *h = ud;
	const struct search_hit *hit = &h->res.v[i];
	const struct region *village = region_find(hit->region);
	char id[19], count[16];
	const char *cells[5];

	if (ui_config()->mask_id == 0)
		idcard_mask(hit->head_id, id);
	else
		fd_strlcpy(id, hit->head_id, sizeof(id));
	snprintf(count, sizeof(count), "%d", hit->members);
	cells[0] = hit->hh_no;
	cells[1] = hit->head_name;
	cells[2] = id;
	cells[3] = village ? village->name : hit->region;
	cells[4] = count;
	return ui_row(households_widths, 5, cells);
}

/* Run the query if it changed (or always when forced). */
static void
households_search(struct households *h, bool force)
{
	char *q = fieldedit_utf8(&h->query);
	struct fd_err err;
	enum fd_status st;

	if (!force && h->last_query && strcmp(q, h->last_query) == 0) {
		free(q);
		return;
	}
	search_result_free(&h->res);
	st = search_households(ui_db(), q, HOUSEHOLDS_LIMIT, &h->res, &err);
	if (st != FD_OK)
		ui_error_status(st, &err);
	free(h->last_query);
	h->last_query = q;
	h->list.sel = 0;
	ui_list_set(&h->list, h->res.n, households_row, h);
}

static int
households_enter(struct screen *s, const struct screen_args *args)
{
	struct households *h = s->state;

	(void)args;
	fieldedit_init(&h->query, FIELDEDIT_TEXT, 40, 0);
	ui_list_init(&h->list);
	h->list.plain = true; /* the query line above is the search */
	households_search(h, true);
	return 0;
}

static void
households_leave(struct screen *s)
{
	struct households *h = s->state;

	fieldedit_free(&h->query);
	ui_list_free(&h->list);
	search_result_free(&h->res);
	free(h->last_query);
}

static void
households_draw(struct screen *s)
{
	struct households *h = s->state;
	const char *label = tr(MSG_HH_SEARCH);
	int lw = utf8_width(label) + 1;
	const char *head[] = {tr(MSG_FIELD_HH_NO), tr(MSG_HH_HEAD),
			      tr(MSG_FIELD_MEM_ID_NUMBER), tr(MSG_FIELD_HH_REGION),
			      tr(MSG_HH_MEMBERS)};
	char *header = ui_row(households_widths, 5, head);
	size_t first, count;
	int cx;
	char *text;

	werase(s->win);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, lw, label);
	wattrset(s->win, ui_attr(UI_STYLE_FOCUS));
	fieldedit_view(&h->query, 41, &first, &cx);
	count = fieldedit_fit(&h->query, first, 41);
	text = utf8_from_wcs(h->query.buf + first, count);
	ui_text(s->win, 0, lw, 41, text);
	free(text);
	wattrset(s->win, ui_attr(UI_STYLE_DIM));
	if (h->res.more) {
		char n[16];
		char *more;

		snprintf(n, sizeof(n), "%d", HOUSEHOLDS_LIMIT);
		more = trf(MSG_HH_MORE, n, NULL);
		ui_text(s->win, 0, lw + 42, s->cols - lw - 42, more);
		free(more);
	} else {
		ui_text(s->win, 0, lw + 42, s->cols - lw - 42, tr(MSG_HH_HINT));
	}
	wattrset(s->win, A_BOLD);
	ui_text(s->win, 1, 0, s->cols, header);
	wattrset(s->win, A_NORMAL);
	ui_list_draw(s, &h->list, 2, s->rows - 2);
	s->cursor_y = 0;
	s->cursor_x = lw + cx;
	wnoutrefresh(s->win);
	free(header);
}

/* Open the selected household, or a new one (key NULL). */
static void
households_open(struct households *h, bool new_one)
{
	struct screen_args args = {0};
	char key[32];
	size_t i = ui_list_selected(&h->list);

	if (!new_one) {
		if (i == (size_t)-1)
			return;
		snprintf(key, sizeof(key), "%lld",
			 (long long)h->res.v[i].household_id);
		args.key = key;
	}
	ui_push(&screen_household, &args);
}

static int
households_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct households *h = s->state;
	enum fieldedit_result r = FIELDEDIT_UNCHANGED;

	switch (act) {
	case ACT_NEW:
		households_open(h, true);
		return UI_HANDLED;
	case ACT_ENTER:
		households_open(h, false);
		return UI_HANDLED;
	case ACT_REFRESH:
		households_search(h, true);
		return UI_UNHANDLED; /* and the global repaint */
	case ACT_NEXT:
	case ACT_PREV:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		return ui_list_action(s, &h->list, act, ev, s->rows - 2);
	case ACT_CHAR:
		r = fieldedit_insert(&h->query, ev->ch);
		break;
	case ACT_ERASE:
		r = fieldedit_backspace(&h->query);
		break;
	case ACT_DELETE:
		r = fieldedit_delete(&h->query);
		break;
	case ACT_LEFT:
		r = fieldedit_left(&h->query);
		break;
	case ACT_RIGHT:
		r = fieldedit_right(&h->query);
		break;
	case ACT_HOME:
		r = fieldedit_home(&h->query);
		break;
	case ACT_END:
		r = fieldedit_end(&h->query);
		break;
	case ACT_BACK:
		if (h->query.len == 0)
			return UI_UNHANDLED;
		fieldedit_clear(&h->query);
		r = FIELDEDIT_OK;
		break;
	default:
		return UI_UNHANDLED;
	}
	if (r == FIELDEDIT_REFUSED)
		ui_error("%s", tr(MSG_FIELD_FULL));
	households_search(h, false);
	return UI_HANDLED | UI_REDRAW;
}

/* A household was saved or closed: show the list as it is now. */
static int
households_result(struct screen *s, const struct ui_result *r)
{
	struct households *h = s->state;

	(void)r;
	households_search(h, true);
	return UI_REDRAW;
}

/* The search line always has the cursor: every printable key is query. */
static bool
households_typing(struct screen *s)
{
	(void)s;
	return true;
}

const struct screen_ops screen_households = {
	.name = "households",
	.title = MSG_HH_TITLE,
	.state_size = sizeof(struct households),
	.keys = households_keys,
	.enter = households_enter,
	.leave = households_leave,
	.draw = households_draw,
	.action = households_action,
	.result = households_result,
	.typing = households_typing,
};
