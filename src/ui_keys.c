/*
 * The key table at run time: which keys trigger which action, globally and
 * per screen.
 *
 * UI_ACTION_LIST (ui.h) holds every action with its config name and default
 * keys; it is the one source of the bottom key line, of F1 help and of the
 * names users rebind. [keys] in the config replaces an action's keys
 * everywhere; [keys.NAME] replaces them on screen NAME only. Bindings are
 * checked before the terminal is taken over: an unknown screen or action, a
 * bad key spec, or one key bound to two actions stops start-up with the
 * file and line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/config.h"
#include "frontdesk/keyspec.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/util.h"

#define UI_KEYS_MAX 8

const struct screen_ops *const ui_screens[] = {
	&screen_menu,	    &screen_help,      &screen_households,
	&screen_household,  &screen_member,    &screen_conflict,
	&screen_import,	    &screen_staff,     &screen_staff_form,
	&screen_audit,	    &screen_check,     &screen_pick,
	&screen_confirm,    &screen_participant, &screen_prompt,
	&screen_session,    &screen_assess,    &screen_graduation,
	&screen_week,       &screen_today,
	&screen_cohorts,    &screen_cohort_form, &screen_resource_form,
	&screen_cohort,
	NULL,
};

static const struct {
	const char *name;
	const char *defaults;
	enum fd_msg label;
	enum fd_msg help;
} ui_action_table[ACT__COUNT] = {
#define UI_ACTION_ROW(n, cfg, keys)                                             \
	[ACT_##n] = {cfg, keys, MSG_KEY_##n, MSG_HELP_##n},
	UI_ACTION_LIST(UI_ACTION_ROW)
#undef UI_ACTION_ROW
};

struct ui_binding {
	bool set;
	const char *file; /* where the config set it; NULL for a default */
	int line;
	struct keyspec k[UI_KEYS_MAX];
	size_t n;
	char first[KEYSPEC_TEXT_MAX];
};

#define UI_NSCREENS (FD_ARRAY_LEN(ui_screens) - 1)

static struct ui_binding ui_global[ACT__COUNT];
static struct ui_binding ui_screen_map[UI_NSCREENS][ACT__COUNT];

/* The UI key code a spec stands for. */
static int
ui_keyspec_code(const struct keyspec *k)
{
	static const int named[KEYSPEC_KEY__COUNT] = {
		[KEYSPEC_KEY_ENTER] = '\n',
		[KEYSPEC_KEY_TAB] = '\t',
		[KEYSPEC_KEY_BTAB] = UI_KEY_CURSES(KEY_BTAB),
		[KEYSPEC_KEY_UP] = UI_KEY_CURSES(KEY_UP),
		[KEYSPEC_KEY_DOWN] = UI_KEY_CURSES(KEY_DOWN),
		[KEYSPEC_KEY_LEFT] = UI_KEY_CURSES(KEY_LEFT),
		[KEYSPEC_KEY_RIGHT] = UI_KEY_CURSES(KEY_RIGHT),
		[KEYSPEC_KEY_HOME] = UI_KEY_CURSES(KEY_HOME),
		[KEYSPEC_KEY_END] = UI_KEY_CURSES(KEY_END),
		[KEYSPEC_KEY_PGUP] = UI_KEY_CURSES(KEY_PPAGE),
		[KEYSPEC_KEY_PGDN] = UI_KEY_CURSES(KEY_NPAGE),
		[KEYSPEC_KEY_INS] = UI_KEY_CURSES(KEY_IC),
		[KEYSPEC_KEY_DEL] = UI_KEY_CURSES(KEY_DC),
		[KEYSPEC_KEY_BACKSPACE] = UI_KEY_CURSES(KEY_BACKSPACE),
		[KEYSPEC_KEY_ESC] = 27,
		[KEYSPEC_KEY_SPACE] = ' ',
	};

	switch (k->kind) {
	case KEYSPEC_FKEY:
		return UI_KEY_CURSES(KEY_F(k->code));
	case KEYSPEC_ESC_DIGIT:
		return UI_KEY_ESC_DIGIT(k->code);
	case KEYSPEC_CTRL:
	case KEYSPEC_CHAR:
		return k->code;
	case KEYSPEC_NAMED:
		if (k->code >= 0 && k->code < KEYSPEC_KEY__COUNT)
			return named[k->code];
		break;
	}
	return -1;
}

/* Fill a binding from a spec list. */
static enum fd_status
ui_binding_parse(struct ui_binding *b, const char *spec, struct fd_err *err)
{
	enum fd_status st;

	st = keyspec_parse_list(spec, b->k, UI_KEYS_MAX, &b->n, err);
	if (st != FD_OK)
		return st;
	b->set = true;
	keyspec_format(&b->k[0], b->first, sizeof(b->first));
	return FD_OK;
}

/* The action whose config name is name, or ACT_NONE. */
static enum action
ui_action_by_name(const char *name)
{
	for (int a = ACT_NONE + 1; a < ACT_CHAR; a++)
		if (strcmp(ui_action_table[a].name, name) == 0)
			return (enum action)a;
	return ACT_NONE;
}

/* The index of the screen called name in ui_screens, or -1. */
static int
ui_screen_index(const char *name)
{
	for (size_t i = 0; i < UI_NSCREENS; i++)
		if (strcmp(ui_screens[i]->name, name) == 0)
			return (int)i;
	return -1;
}

/* The binding in force for act on screen index si (-1: global). */
static const struct ui_binding *
ui_binding(int si, enum action act)
{
	if (si >= 0 && ui_screen_map[si][act].set)
		return &ui_screen_map[si][act];
	return &ui_global[act];
}

/* Refuse a key bound to two actions on one screen (or globally). */
static enum fd_status
ui_keys_check_conflicts(int si, struct fd_err *err)
{
	for (int a = ACT_NONE + 1; a < ACT_CHAR; a++) {
		const struct ui_binding *ba = ui_binding(si, (enum action)a);

		for (size_t i = 0; i < ba->n; i++) {
			int code = ui_keyspec_code(&ba->k[i]);

			for (int b = a + 1; b < ACT_CHAR; b++) {
				const struct ui_binding *bb =
					ui_binding(si, (enum action)b);

				for (size_t j = 0; j < bb->n; j++) {
					char text[KEYSPEC_TEXT_MAX];

					if (ui_keyspec_code(&bb->k[j]) != code)
						continue;
					const struct ui_binding *from =
						bb->file ? bb : ba;

					keyspec_format(&ba->k[i], text,
						       sizeof(text));
					return fd_fail(err, FD_E_CONFIG,
						       "%s:%d: key %s is bound to "
						       "both '%s' and '%s'%s%s",
						       from->file ? from->file
								  : "key table",
						       from->line, text,
						       ui_action_table[a].name,
						       ui_action_table[b].name,
						       si >= 0 ? " on screen " : "",
						       si >= 0 ? ui_screens[si]->name
							       : "");
				}
			}
		}
	}
	return FD_OK;
}

enum fd_status
ui_keys_init(const struct config *cfg, struct fd_err *err)
{
	struct fd_err e;
	enum fd_status st;

	memset(ui_global, 0, sizeof(ui_global));
	memset(ui_screen_map, 0, sizeof(ui_screen_map));
	for (int a = ACT_NONE + 1; a < ACT_CHAR; a++) {
		if (!ui_action_table[a].defaults[0])
			continue; /* keys on some screens only */
		st = ui_binding_parse(&ui_global[a], ui_action_table[a].defaults, &e);
		if (st != FD_OK)
			return fd_fail(err, st, "built-in key table, %s: %s",
				       ui_action_table[a].name, e.msg);
	}
	for (size_t si = 0; si < UI_NSCREENS; si++) {
		const struct ui_key_default *kd = ui_screens[si]->key_defaults;

		for (; kd && kd->act != ACT_NONE; kd++) {
			st = ui_binding_parse(&ui_screen_map[si][kd->act],
					      kd->keys, &e);
			if (st != FD_OK)
				return fd_fail(err, st,
					       "built-in keys of screen %s, %s: %s",
					       ui_screens[si]->name,
					       ui_action_table[kd->act].name,
					       e.msg);
		}
	}
	for (size_t i = 0; cfg && i < cfg->nbinds; i++) {
		const struct config_bind *cb = &cfg->binds[i];
		struct ui_binding *b;
		enum action act = ui_action_by_name(cb->action);
		int si = -1;

		if (cb->screen[0]) {
			si = ui_screen_index(cb->screen);
			if (si < 0)
				return fd_fail(err, FD_E_CONFIG,
					       "%s:%d: [keys.%s]: no screen is "
					       "called '%s'",
					       cb->file, cb->line, cb->screen,
					       cb->screen);
		}
		if (act == ACT_NONE)
			return fd_fail(err, FD_E_CONFIG,
				       "%s:%d: unknown key action '%s' (see the "
				       "[keys] comments in the default "
				       "configuration for the names)",
				       cb->file, cb->line, cb->action);
		b = si < 0 ? &ui_global[act] : &ui_screen_map[si][act];
		st = ui_binding_parse(b, cb->spec, &e);
		if (st != FD_OK)
			return fd_fail(err, FD_E_CONFIG, "%s:%d: %s: %s", cb->file,
				       cb->line, cb->action, e.msg);
		b->file = cb->file;
		b->line = cb->line;
	}
	for (int si = -1; si < (int)UI_NSCREENS; si++) {
		st = ui_keys_check_conflicts(si, err);
		if (st != FD_OK)
			return st;
	}
	return FD_OK;
}

enum action
ui_keys_lookup(const struct screen_ops *screen, int code)
{
	int si = screen ? ui_screen_index(screen->name) : -1;

	for (int a = ACT_NONE + 1; a < ACT_CHAR; a++) {
		const struct ui_binding *b = ui_binding(si, (enum action)a);

		for (size_t i = 0; i < b->n; i++)
			if (ui_keyspec_code(&b->k[i]) == code)
				return (enum action)a;
	}
	return ACT_NONE;
}

const char *
ui_keys_first(const struct screen_ops *screen, enum action act)
{
	int si = screen ? ui_screen_index(screen->name) : -1;
	const struct ui_binding *b;

	if (act <= ACT_NONE || act >= ACT_CHAR)
		return NULL;
	b = ui_binding(si, act);
	return b->n ? b->first : NULL;
}

char *
ui_keys_all(const struct screen_ops *screen, enum action act)
{
	int si = screen ? ui_screen_index(screen->name) : -1;
	const struct ui_binding *b;
	char buf[UI_KEYS_MAX * (KEYSPEC_TEXT_MAX + 1)];

	if (act <= ACT_NONE || act >= ACT_CHAR)
		return xstrdup("");
	b = ui_binding(si, act);
	if (keyspec_format_list(b->k, b->n, buf, sizeof(buf)) < 0)
		return xstrdup("");
	return xstrdup(buf);
}

char *
ui_keys_acting(const struct screen_ops *screen, enum action act, bool typing)
{
	int si = screen ? ui_screen_index(screen->name) : -1;
	const struct ui_binding *b;
	struct keyspec k[UI_KEYS_MAX];
	size_t n = 0;
	char buf[UI_KEYS_MAX * (KEYSPEC_TEXT_MAX + 1)];

	if (act <= ACT_NONE || act >= ACT_CHAR)
		return xstrdup("");
	b = ui_binding(si, act);
	for (size_t i = 0; i < b->n; i++) {
		/* where a field or search has the keys, a letter or space is
		 * text (ui_dispatch), not this action */
		if (typing && (b->k[i].kind == KEYSPEC_CHAR ||
			       (b->k[i].kind == KEYSPEC_NAMED &&
				b->k[i].code == KEYSPEC_KEY_SPACE)))
			continue;
		k[n++] = b->k[i];
	}
	if (!n || keyspec_format_list(k, n, buf, sizeof(buf)) < 0)
		return xstrdup("");
	return xstrdup(buf);
}

const char *
ui_action_name(enum action act)
{
	if (act <= ACT_NONE || act >= ACT_CHAR)
		return "";
	return ui_action_table[act].name;
}

enum fd_msg
ui_action_label(enum action act)
{
	return ui_action_table[act].label;
}

enum fd_msg
ui_action_help(enum action act)
{
	return ui_action_table[act].help;
}

/* What act means on screen, if the screen says. */
static const struct ui_key_text *
ui_screen_key_text(const struct screen_ops *screen, enum action act)
{
	for (const struct ui_key_text *t = screen ? screen->key_texts : NULL;
	     t && t->act != ACT_NONE; t++)
		if (t->act == act)
			return t;
	return NULL;
}

enum fd_msg
ui_screen_action_label(const struct screen_ops *screen, enum action act)
{
	const struct ui_key_text *t = ui_screen_key_text(screen, act);

	return t ? t->label : ui_action_label(act);
}

enum fd_msg
ui_screen_action_help(const struct screen_ops *screen, enum action act)
{
	const struct ui_key_text *t = ui_screen_key_text(screen, act);

	return t ? t->help : ui_action_help(act);
}
