/*
 * Key-binding specs as users write them in the config, e.g.
 * "F2 Esc-2 C-s", parsed into a neutral form that knows nothing of curses
 * (the UI maps its key events onto struct keyspec).
 *
 * Accepted forms, names case-insensitive, separated by spaces or tabs:
 *   F1 .. F12
 *   Esc-0 .. Esc-9           also M-2, Alt-2 (Alt sends Esc first)
 *   C-a .. C-z               also Ctrl-a, ^a; except C-h C-i C-j C-m,
 *                            which a terminal cannot tell from Backspace,
 *                            Tab and Enter: those are refused, name the key
 *   Enter Tab BTab Up Down Left Right Home End PgUp PgDn Ins Del
 *   Backspace Esc Space      with aliases (Return, Shift-Tab, S-Tab,
 *                            PageUp, PageDown, Insert, Delete, BS, Escape)
 *   one printable character  "?", "/", "q", "帮" (case-sensitive)
 * A spec repeated in one list is kept once.
 */
#ifndef FRONTDESK_KEYSPEC_H
#define FRONTDESK_KEYSPEC_H

#include <stddef.h>

#include "frontdesk/status.h"

enum keyspec_kind {
	KEYSPEC_FKEY,      /* code: 1..12 */
	KEYSPEC_ESC_DIGIT, /* Esc then a digit; code: 0..9 */
	KEYSPEC_CTRL,      /* code: 1..26 (C-a..C-z), never 8, 9, 10, 13 */
	KEYSPEC_NAMED,     /* code: an enum keyspec_key */
	KEYSPEC_CHAR,      /* code: a printable Unicode code point */
};

/* The named keys, in canonical-name order. */
enum keyspec_key {
	KEYSPEC_KEY_ENTER,
	KEYSPEC_KEY_TAB,
	KEYSPEC_KEY_BTAB,
	KEYSPEC_KEY_UP,
	KEYSPEC_KEY_DOWN,
	KEYSPEC_KEY_LEFT,
	KEYSPEC_KEY_RIGHT,
	KEYSPEC_KEY_HOME,
	KEYSPEC_KEY_END,
	KEYSPEC_KEY_PGUP,
	KEYSPEC_KEY_PGDN,
	KEYSPEC_KEY_INS,
	KEYSPEC_KEY_DEL,
	KEYSPEC_KEY_BACKSPACE,
	KEYSPEC_KEY_ESC,
	KEYSPEC_KEY_SPACE,
	KEYSPEC_KEY__COUNT
};

struct keyspec {
	enum keyspec_kind kind;
	int code;
};

/* Longest canonical text keyspec_format() writes, NUL included. */
#define KEYSPEC_TEXT_MAX 16

/* Parse the list s into out[0..max). On success *n gets the count (>= 1).
 * An empty list, a bad token or more than max specs gives FD_E_PARSE with
 * a message in err that quotes the token (sanitized for display) and lists
 * the valid forms; *n is then 0. */
enum fd_status
keyspec_parse_list(const char *s, struct keyspec *out, size_t max,
		   size_t *n, struct fd_err *err);

/* Write the canonical text of k ("F2", "Esc-2", "Ctrl-S", "Enter",
 * "Shift-Tab", "?") into buf of size n, snprintf-style: returns the length
 * of the full text (truncated if >= n), or -1 if k is not a valid spec.
 * keyspec_parse_list() reads every canonical text back to the same spec. */
int
keyspec_format(const struct keyspec *k, char *buf, size_t n);

/* The canonical texts of k[0..count) separated by single spaces, for the
 * help screen; same return convention as keyspec_format(). */
int
keyspec_format_list(const struct keyspec *k, size_t count, char *buf,
		    size_t n);

#endif
