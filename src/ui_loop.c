/*
 * The terminal shell: set-up and tear-down of the terminal, the screen
 * stack, the title, status and key lines, resizing and signals.
 *
 * Layout at R rows and C columns: row 0 is the title bar, rows 1..R-3 the
 * body where the top screen draws, row R-2 the status line and row R-1 the
 * key line. Overlay screens (pick list, confirm) draw over the screen below
 * them in their own window.
 *
 * Invariants:
 *  - one doupdate() per pass of the loop, after wnoutrefresh() of whatever
 *    is dirty; nothing calls clear() (F5 asks for a full repaint with
 *    clearok, because then the person asked for it);
 *  - no database transaction is open while waiting for a key
 *    (db_ensure_idle before every read);
 *  - below 80x24 only the "enlarge the terminal" message is drawn and keys
 *    are ignored, and the screens keep their state untouched;
 *  - SIGHUP, SIGTERM and SIGINT only set a flag; the loop sees it, closes
 *    every screen (leave() may keep a draft) and restores the terminal.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/config.h"
#include "frontdesk/db.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/screens.h"
#include "frontdesk/staff.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

#define UI_MIN_ROWS 24
#define UI_MIN_COLS 80
/* Tags the framework uses for its own confirm dialogs. */
#define UI_TAG_DROP_BACK (-1000)
#define UI_TAG_DROP_MENU (-1001)
/* How often the loop wakes to look at the signal flag (ms). */
#define UI_TICK_MS 500

static struct {
	const struct config *cfg;
	struct fd_db *db;
	struct screen *top;
	WINDOW *title, *status, *keyline;
	WINDOW *input; /* keys are read here: never drawn in, so reading a key
			* never refreshes anything (wgetch on stdscr would) */
	int rows, cols;
	bool too_small;
	bool title_dirty, status_dirty, keys_dirty;
	char status_text[512];
	bool status_error;
	bool status_fresh; /* set during the current key's handling */
	bool color;
	bool quit;
	bool have_pending;
	int pending_r;
	wint_t pending_wc;
} ui;

static volatile sig_atomic_t ui_signal;

/* Record a terminating signal for the loop to act on. */
static void
ui_on_signal(int sig)
{
	ui_signal = sig;
}

/* A crash: give the terminal back before dying, so the person is not left
 * on a blank alternate screen (best effort: endwin is not signal-safe, but
 * the process is going down anyway). Sanitizer builds keep their own
 * handlers, which print the report. */
static __attribute__((unused)) void
ui_on_crash(int sig)
{
	endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Install the handlers without SA_RESTART, so a blocked read returns. */
static void
ui_signals_install(void)
{
	struct sigaction sa;
#ifndef __SANITIZE_ADDRESS__
	static const int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

	for (size_t i = 0; i < FD_ARRAY_LEN(crash); i++)
		signal(crash[i], ui_on_crash);
#endif

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

struct fd_db *
ui_db(void)
{
	return ui.db;
}

const struct config *
ui_config(void)
{
	return ui.cfg;
}

bool
ui_has_color(void)
{
	return ui.color;
}

attr_t
ui_attr(enum ui_style st)
{
	if (ui.color) {
		switch (st) {
		case UI_STYLE_TITLE:
			return COLOR_PAIR(1) | A_BOLD;
		case UI_STYLE_KEYS:
			return COLOR_PAIR(2);
		case UI_STYLE_ERROR:
			return COLOR_PAIR(3) | A_BOLD;
		case UI_STYLE_FIELD:
			return A_UNDERLINE;
		case UI_STYLE_FOCUS:
			return COLOR_PAIR(4) | A_UNDERLINE;
		case UI_STYLE_SELECTED:
			return A_REVERSE;
		case UI_STYLE_DIM:
			return A_DIM;
		case UI_STYLE_LABEL:
			return A_BOLD;
		case UI_STYLE_NORMAL:
			break;
		}
		return A_NORMAL;
	}
	switch (st) {
	case UI_STYLE_TITLE:
	case UI_STYLE_SELECTED:
		return A_REVERSE;
	case UI_STYLE_ERROR:
	case UI_STYLE_LABEL:
		return A_BOLD;
	case UI_STYLE_FIELD:
		return A_UNDERLINE;
	case UI_STYLE_FOCUS:
		return A_UNDERLINE | A_BOLD;
	case UI_STYLE_DIM:
		return A_DIM;
	case UI_STYLE_KEYS:
	case UI_STYLE_NORMAL:
		break;
	}
	return A_NORMAL;
}

/* Pick colours if the terminal has them and the config allows. */
static void
ui_colors_init(void)
{
	ui.color = false;
	if (ui.cfg->color == CONFIG_COLOR_OFF || !has_colors())
		return;
	if (start_color() != OK)
		return;
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_BLACK, COLOR_CYAN);
	init_pair(3, COLOR_RED, -1);
	init_pair(4, COLOR_YELLOW, -1);
	ui.color = true;
}

/* Teach curses the Home/End sequences that terminfo may not list (xterm
 * inside tmux, rxvt, the Linux console). */
static void
ui_define_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} extra[] = {
		{"\033[H", KEY_HOME},  {"\033[F", KEY_END},   {"\033OH", KEY_HOME},
		{"\033OF", KEY_END},   {"\033[1~", KEY_HOME}, {"\033[4~", KEY_END},
		{"\033[7~", KEY_HOME}, {"\033[8~", KEY_END},  {"\033[3~", KEY_DC},
		{"\033[Z", KEY_BTAB},
	};

	for (size_t i = 0; i < FD_ARRAY_LEN(extra); i++)
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].key);
}

/* Place the frame's windows for the current size. */
static void
ui_frame_layout(void)
{
	int body = ui.rows - 3;

	if (!ui.title) {
		ui.title = newwin(1, ui.cols, 0, 0);
		ui.status = newwin(1, ui.cols, ui.rows - 2, 0);
		ui.keyline = newwin(1, ui.cols, ui.rows - 1, 0);
	} else {
		wresize(ui.title, 1, ui.cols);
		wresize(ui.status, 1, ui.cols);
		wresize(ui.keyline, 1, ui.cols);
		mvwin(ui.status, ui.rows - 2, 0);
		mvwin(ui.keyline, ui.rows - 1, 0);
	}
	for (struct screen *s = ui.top; s; s = s->below) {
		if (!s->ops->overlay) {
			wresize(s->win, body, ui.cols);
			mvwin(s->win, 1, 0);
			s->rows = body;
			s->cols = ui.cols;
		}
		if (s->ops->layout)
			s->ops->layout(s, body, ui.cols);
		s->dirty = true;
		touchwin(s->win);
	}
	ui.title_dirty = ui.status_dirty = ui.keys_dirty = true;
}

/* Take the new terminal size; below the minimum only the message shows. */
static void
ui_resize(void)
{
	getmaxyx(stdscr, ui.rows, ui.cols);
	ui.too_small = ui.rows < UI_MIN_ROWS || ui.cols < UI_MIN_COLS;
	if (!ui.too_small)
		ui_frame_layout();
}

/* The message shown while the terminal is below 80x24. */
static void
ui_draw_too_small(void)
{
	char w[16], h[16];
	char *hint;

	snprintf(w, sizeof(w), "%d", ui.cols);
	snprintf(h, sizeof(h), "%d", ui.rows);
	hint = trf(MSG_TOO_SMALL_HINT, w, h);
	werase(stdscr);
	wattrset(stdscr, A_BOLD);
	ui_text_center(stdscr, ui.rows / 2 - 1, ui.cols, tr(MSG_TOO_SMALL));
	wattrset(stdscr, A_NORMAL);
	ui_text_center(stdscr, ui.rows / 2, ui.cols, hint);
	wmove(stdscr, 0, 0);
	wnoutrefresh(stdscr);
	free(hint);
}

/* Title bar: program, screen title, who is logged in and as what. */
static void
ui_draw_title(void)
{
	char *left, *right;
	int rcols;

	left = xasprintf(" %s │ %s", tr(MSG_APP_NAME),
			 ui.top ? tr(ui.top->ops->title) : "");
	right = xasprintf("%s%s%s · %s ",
			  db_read_only(ui.db) ? tr(MSG_READONLY_BANNER) : "",
			  db_read_only(ui.db) ? " │ " : "", db_login(ui.db),
			  /* On the list but inactive: not "not on staff". */
			  db_read_only_cause(ui.db) == DB_RO_INACTIVE
			      ? tr(MSG_ROLE_INACTIVE)
			      : tr(staff_role_label(db_role(ui.db))));
	wbkgdset(ui.title, ' ' | ui_attr(UI_STYLE_TITLE));
	wattrset(ui.title, ui_attr(UI_STYLE_TITLE));
	werase(ui.title);
	rcols = utf8_width(right);
	if (rcols > ui.cols / 2)
		rcols = ui.cols / 2;
	ui_text(ui.title, 0, 0, ui.cols - rcols, left);
	ui_text(ui.title, 0, ui.cols - rcols, rcols, right);
	wnoutrefresh(ui.title);
	free(left);
	free(right);
}

/* Status line: the last message, in the error style if it was one. */
static void
ui_draw_status(void)
{
	attr_t a = ui.status_error ? ui_attr(UI_STYLE_ERROR) : A_NORMAL;

	wattrset(ui.status, a);
	werase(ui.status);
	ui_text(ui.status, 0, 0, ui.cols, ui.status_text);
	wnoutrefresh(ui.status);
}

/* Key line: the top screen's keys from the key table, as many as fit. */
static void
ui_draw_keys(void)
{
	const enum action *k = !ui.top		      ? NULL
			       : ui.top->ops->keys_now ? ui.top->ops->keys_now(ui.top)
						       : ui.top->ops->keys;
	int x = 0;

	wbkgdset(ui.keyline, ' ' | ui_attr(UI_STYLE_KEYS));
	wattrset(ui.keyline, ui_attr(UI_STYLE_KEYS));
	werase(ui.keyline);
	for (; k && *k != ACT_NONE; k++) {
		const char *key = ui_keys_first(ui.top->ops, *k);
		const char *label = tr(ui_screen_action_label(ui.top->ops, *k));
		int w;

		if (!key)
			continue;
		w = utf8_width(key) + 1 + utf8_width(label) + 2;
		if (x + w > ui.cols)
			break;
		wattrset(ui.keyline, ui_attr(UI_STYLE_KEYS) | A_BOLD);
		x += ui_text(ui.keyline, 0, x, utf8_width(key), key);
		wattrset(ui.keyline, ui_attr(UI_STYLE_KEYS));
		x += ui_text(ui.keyline, 0, x, 1, " ");
		x += ui_text(ui.keyline, 0, x, utf8_width(label), label);
		x += ui_text(ui.keyline, 0, x, 2, "  ");
	}
	wnoutrefresh(ui.keyline);
}

/* The lowest screen that is visible: the top one and, under overlays, the
 * first full screen beneath them. */
static struct screen *
ui_base(void)
{
	struct screen *s = ui.top;

	while (s && s->ops->overlay && s->below)
		s = s->below;
	return s;
}

/* Draw screens from base up to the top (bottom first). */
static void
ui_draw_stack(struct screen *s)
{
	if (!s)
		return;
	if (s != ui_base())
		ui_draw_stack(s->below);
	s->ops->draw(s);
	s->dirty = false;
}

/* One pass of drawing: everything dirty, then the cursor, then doupdate. */
static void
ui_render(void)
{
	struct screen *top = ui.top;
	bool any = false;

	if (ui.too_small) {
		ui_draw_too_small();
		curs_set(0);
		doupdate();
		return;
	}
	for (struct screen *s = top; s; s = s->below) {
		any = any || s->dirty;
		if (s == ui_base())
			break;
	}
	if (ui.title_dirty)
		ui_draw_title();
	if (ui.status_dirty)
		ui_draw_status();
	if (ui.keys_dirty)
		ui_draw_keys();
	ui.title_dirty = ui.status_dirty = ui.keys_dirty = false;
	if (any)
		ui_draw_stack(top);
	if (top && top->cursor_y >= 0) {
		curs_set(1);
		wmove(top->win, top->cursor_y, top->cursor_x);
		wnoutrefresh(top->win);
	} else {
		curs_set(0);
	}
	doupdate();
}

void
ui_dirty(struct screen *s)
{
	if (s)
		s->dirty = true;
}

/* Set the status text. */
static void
ui_status_set(bool error, const char *fmt, va_list ap)
{
	vsnprintf(ui.status_text, sizeof(ui.status_text), fmt, ap);
	ui.status_error = error;
	ui.status_dirty = true;
	ui.status_fresh = true;
}

void
ui_status(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_status_set(false, fmt, ap);
	va_end(ap);
}

void
ui_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_status_set(true, fmt, ap);
	va_end(ap);
	beep();
}

/* Why this session cannot save, in the session's language: not on the
 * staff list, inactive, or a file the system will not let it write. */
static char *
ui_read_only_text(struct fd_db *db)
{
	switch (db_read_only_cause(db)) {
	case DB_RO_INACTIVE:
		return trf(MSG_READONLY_INACTIVE, db_login(db), NULL);
	case DB_RO_FILE:
		return trf(MSG_READONLY_FILE, db_login(db), NULL);
	case DB_RO_NOT_STAFF:
	case DB_RO_NONE:
		break;
	}
	return trf(MSG_READONLY_STATUS, db_login(db), NULL);
}

void
ui_error_status(enum fd_status st, const struct fd_err *err)
{
	char *m = NULL;

	switch (st) {
	case FD_E_READONLY:
		m = ui_read_only_text(ui.db);
		break;
	case FD_E_BUSY:
		m = xstrdup(tr(MSG_ERR_BUSY));
		break;
	case FD_E_DENIED:
		m = xstrdup(tr(MSG_ERR_DENIED));
		break;
	case FD_E_CONFLICT:
		m = xstrdup(tr(MSG_ERR_CONFLICT));
		break;
	case FD_E_NOTFOUND:
		m = xstrdup(tr(MSG_ERR_NOTFOUND));
		break;
	default:
		m = trf(MSG_DB_ERROR, err ? err->msg : fd_status_str(st), NULL);
		break;
	}
	ui_error("%s", m);
	free(m);
}

void
ui_flush(void)
{
	ui_render();
}

int
ui_push(const struct screen_ops *ops, const struct screen_args *args)
{
	static const struct screen_args none;
	struct screen *s = xcalloc(1, sizeof(*s));
	int rc;

	s->ops = ops;
	s->state = ops->state_size ? xcalloc(1, ops->state_size) : NULL;
	s->cursor_y = -1;
	s->tag = args ? args->tag : 0;
	s->below = ui.top;
	if (!ops->overlay) {
		s->rows = ui.rows - 3;
		s->cols = ui.cols;
		s->win = newwin(s->rows, s->cols, 1, 0);
	}
	ui.top = s;
	ui.title_dirty = ui.keys_dirty = true;
	rc = ops->enter ? ops->enter(s, args ? args : &none) : 0;
	if (rc != 0) {
		ui.top = s->below;
		if (s->win)
			delwin(s->win);
		free(s->state);
		free(s);
		return rc;
	}
	if (ops->layout && !ui.too_small)
		ops->layout(s, ui.rows - 3, ui.cols);
	s->dirty = true;
	ui.title_dirty = ui.keys_dirty = true;
	return 0;
}

void
ui_pop(struct screen *s, const struct ui_result *given)
{
	struct screen *parent;
	struct ui_result copy;
	const struct ui_result *res = NULL;

	if (!s || s != ui.top)
		return;
	if (given) {
		copy = *given;
		copy.tag = s->tag;
		res = &copy;
	}
	parent = s->below;
	if (s->ops->leave)
		s->ops->leave(s);
	if (s->win)
		delwin(s->win);
	free(s->state);
	free(s);
	ui.top = parent;
	ui.title_dirty = ui.keys_dirty = true;
	if (!parent)
		return;
	for (struct screen *p = parent; p; p = p->below) {
		touchwin(p->win);
		p->dirty = true;
		if (p == ui_base())
			break;
	}
	if (!res)
		return;
	if (res->tag == UI_TAG_DROP_BACK) {
		if (res->ok) {
			parent->dropped = true;
			ui_pop(parent, NULL);
		}
		return;
	}
	if (res->tag == UI_TAG_DROP_MENU) {
		if (res->ok)
			while (ui.top && ui.top->below) {
				ui.top->dropped = true;
				ui_pop(ui.top, NULL);
			}
		return;
	}
	if (parent->ops->result && (parent->ops->result(parent, res) & UI_REDRAW))
		parent->dirty = true;
}

/* Does any screen in the stack hold unsaved input? */
static bool
ui_stack_unsaved(void)
{
	for (struct screen *s = ui.top; s; s = s->below)
		if (s->ops->unsaved && s->ops->unsaved(s))
			return true;
	return false;
}

/* Keys no screen took: help, back, menu, refresh. */
static void
ui_global_action(enum action act)
{
	struct screen *top = ui.top;
	struct screen_args args = {0};

	switch (act) {
	case ACT_HELP:
		args.data = top; /* help asks it what acts now */
		ui_push(&screen_help, &args);
		break;
	case ACT_BACK:
		if (top->ops->unsaved && top->ops->unsaved(top))
			ui_confirm(tr(MSG_CONFIRM_DROP), UI_TAG_DROP_BACK);
		else if (top->below)
			ui_pop(top, NULL);
		else
			ui.quit = true;
		break;
	case ACT_MENU:
		if (ui_stack_unsaved())
			ui_confirm(tr(MSG_CONFIRM_DROP), UI_TAG_DROP_MENU);
		else
			while (ui.top->below)
				ui_pop(ui.top, NULL);
		break;
	case ACT_REFRESH:
		clearok(curscr, TRUE);
		for (struct screen *s = ui.top; s; s = s->below)
			s->dirty = true;
		ui.title_dirty = ui.status_dirty = ui.keys_dirty = true;
		break;
	default:
		break;
	}
}

/* Read one raw key, from the pushed-back slot first. */
static int
ui_read_raw(wint_t *wc)
{
	if (ui.have_pending) {
		ui.have_pending = false;
		*wc = ui.pending_wc;
		return ui.pending_r;
	}
	return wget_wch(ui.input, wc);
}

/* Is a key waiting to be read (typed while the program was busy)? */
bool
ui_key_waiting(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};

	return ui.have_pending ||
	       (poll(&p, 1, 0) > 0 && (p.revents & POLLIN) != 0);
}

/* Is stdin gone (the SSH link dropped without a SIGHUP reaching us)? */
static bool
ui_input_gone(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};

	if (poll(&p, 1, 0) < 0)
		return errno != EINTR;
	return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* Wait for one key and decode it into the UI_KEY code space. Returns false
 * on a timeout, a resize or a signal (nothing to dispatch). */
static bool
ui_read_key(int *code)
{
	wint_t wc;
	int r;

	wtimeout(ui.input, UI_TICK_MS);
	r = ui_read_raw(&wc);
	if (r == ERR) {
		if (!ui_signal && ui_input_gone())
			ui_signal = SIGHUP;
		return false;
	}
	if (r == KEY_CODE_YES) {
		if (wc == KEY_RESIZE) {
			ui_resize();
			return false;
		}
		*code = wc == KEY_ENTER ? '\n' : UI_KEY_CURSES((int)wc);
		return true;
	}
	if (wc == 27) {
		wint_t next;
		int r2;

		wtimeout(ui.input, ui.cfg->esc_prefix_ms);
		r2 = ui_read_raw(&next);
		if (r2 == OK && next >= '0' && next <= '9') {
			*code = UI_KEY_ESC_DIGIT((int)(next - '0'));
			return true;
		}
		if (r2 != ERR) {
			ui.have_pending = true;
			ui.pending_r = r2;
			ui.pending_wc = next;
		}
		*code = 27;
		return true;
	}
	if (wc == 8 || wc == 127)
		*code = UI_KEY_CURSES(KEY_BACKSPACE);
	else if (wc == '\r')
		*code = '\n';
	else
		*code = (int)wc;
	return true;
}

/* Is code a character that can be typed into a field? */
static bool
ui_code_printable(int code)
{
	return code >= 0x20 && code < 0x110000 && code != 0x7f &&
	       !(code >= 0x80 && code < 0xa0);
}

/* Turn a key into an action for the top screen and run it. */
static void
ui_dispatch(int code)
{
	struct screen *top = ui.top;
	struct key_event ev = {.code = code};
	enum action act = ACT_NONE;
	int flags;

	if (ui_code_printable(code) && top->ops->typing && top->ops->typing(top))
		act = ACT_CHAR;
	else
		act = ui_keys_lookup(top->ops, code);
	if (act == ACT_NONE && ui_code_printable(code))
		act = ACT_CHAR;
	if (act == ACT_CHAR)
		ev.ch = (wchar_t)code;
	if (act == ACT_NONE)
		return;
	flags = top->ops->action(top, act, &ev);
	if (ui.top != top) /* the screen pushed or popped */
		return;
	if (flags & UI_REDRAW)
		top->dirty = true;
	if (flags & UI_QUIT)
		ui.quit = true;
	if (flags == UI_UNHANDLED)
		ui_global_action(act);
}

/* Locale: the environment's if it is UTF-8, else C.UTF-8. */
static bool
ui_locale_init(void)
{
	const char *cs;

	if (setlocale(LC_ALL, "") && (cs = nl_langinfo(CODESET)) &&
	    (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0))
		return true;
	return setlocale(LC_ALL, "C.UTF-8") != NULL;
}

int
ui_run(const struct config *cfg, struct fd_db *db)
{
	int sig;

	ui.cfg = cfg;
	ui.db = db;
	if (!ui_locale_init()) {
		fprintf(stderr, "frontdesk: no UTF-8 locale (not even C.UTF-8)\n");
		return 1;
	}
	set_escdelay(cfg->esc_delay_ms);
	if (!initscr()) {
		fprintf(stderr, "frontdesk: cannot initialise the terminal\n");
		return 1;
	}
	raw();
	noecho();
	nonl();
	ui.input = newwin(1, 1, 0, 0);
	keypad(ui.input, TRUE);
	ui_define_keys();
	ui_colors_init();
	ui_signals_install();
	getmaxyx(stdscr, ui.rows, ui.cols);
	ui.too_small = ui.rows < UI_MIN_ROWS || ui.cols < UI_MIN_COLS;
	if (ui.too_small) {
		/* Screens are laid out at the minimum; the message shows until
		 * the terminal is large enough. */
		ui.rows = ui.rows < UI_MIN_ROWS ? UI_MIN_ROWS : ui.rows;
		ui.cols = ui.cols < UI_MIN_COLS ? UI_MIN_COLS : ui.cols;
	}
	ui_frame_layout();
	ui_push(&screen_menu, NULL);
	if (db_read_only(db)) {
		char *m = ui_read_only_text(db);

		ui_error("%s", m);
		free(m);
	}
	if (ui.too_small)
		getmaxyx(stdscr, ui.rows, ui.cols);
	while (!ui.quit && !ui_signal && ui.top) {
		int code;

		ui_render();
		for (struct screen *s = ui.top; s; s = s->below)
			if (s->ops->idle)
				s->ops->idle(s);
		if (!db_ensure_idle(db))
			ui_error("%s", "internal: a transaction was left open and has been rolled back");
		if (!ui_read_key(&code) || ui_signal)
			continue;
		if (ui.too_small)
			continue;
		ui.status_fresh = false;
		ui_dispatch(code);
		if (!ui.status_fresh && ui.status_text[0]) {
			ui.status_text[0] = '\0';
			ui.status_dirty = true;
		}
	}
	sig = ui_signal;
	while (ui.top)
		ui_pop(ui.top, NULL);
	delwin(ui.title);
	delwin(ui.status);
	delwin(ui.keyline);
	delwin(ui.input);
	endwin();
	return sig ? 128 + sig : 0;
}
