/*
 * Parsing and printing of key-binding specs ("F2 Esc-2 C-s").
 *
 * Design: the list is split on spaces and tabs only; each token is matched
 * against the forms in keyspec.h, names compared ASCII-case-insensitively
 * (never through the locale). A token is checked as a whole: trailing
 * bytes, control characters and invalid UTF-8 make it an error, never a
 * partial match. Error messages quote the token through utf8_sanitize and
 * cut it to a few columns, because the UI draws them and a config line may
 * hold anything.
 *
 * Invariant: for every spec the parser can return, keyspec_format gives a
 * canonical text that parses back to the same spec (the unit tests walk
 * all of them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/keyspec.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

/* Columns of a bad token quoted in an error message. */
#define KEYSPEC_QUOTE_COLS 32

static const char keyspec_forms[] =
	"use F1-F12, Esc-0..Esc-9, C-a..C-z, Enter, Tab, BTab, Up, Down, "
	"Left, Right, Home, End, PgUp, PgDn, Ins, Del, Backspace, Esc, Space, "
	"or one printable character";

/* Canonical names, indexed by enum keyspec_key. */
static const char *const keyspec_canon[KEYSPEC_KEY__COUNT] = {
	[KEYSPEC_KEY_ENTER] = "Enter",
	[KEYSPEC_KEY_TAB] = "Tab",
	[KEYSPEC_KEY_BTAB] = "Shift-Tab",
	[KEYSPEC_KEY_UP] = "Up",
	[KEYSPEC_KEY_DOWN] = "Down",
	[KEYSPEC_KEY_LEFT] = "Left",
	[KEYSPEC_KEY_RIGHT] = "Right",
	[KEYSPEC_KEY_HOME] = "Home",
	[KEYSPEC_KEY_END] = "End",
	[KEYSPEC_KEY_PGUP] = "PgUp",
	[KEYSPEC_KEY_PGDN] = "PgDn",
	[KEYSPEC_KEY_INS] = "Ins",
	[KEYSPEC_KEY_DEL] = "Del",
	[KEYSPEC_KEY_BACKSPACE] = "Backspace",
	[KEYSPEC_KEY_ESC] = "Esc",
	[KEYSPEC_KEY_SPACE] = "Space",
};

/* Other spellings accepted for the named keys. */
static const struct {
	const char *name;
	enum keyspec_key key;
} keyspec_alias[] = {
	{"Return", KEYSPEC_KEY_ENTER},   {"BTab", KEYSPEC_KEY_BTAB},
	{"S-Tab", KEYSPEC_KEY_BTAB},     {"BackTab", KEYSPEC_KEY_BTAB},
	{"PageUp", KEYSPEC_KEY_PGUP},    {"PageDown", KEYSPEC_KEY_PGDN},
	{"Insert", KEYSPEC_KEY_INS},     {"Delete", KEYSPEC_KEY_DEL},
	{"BS", KEYSPEC_KEY_BACKSPACE},   {"Escape", KEYSPEC_KEY_ESC},
};

/* Control codes a terminal also sends for named keys: refused, with the
 * key to write instead. */
static const struct {
	int code;
	const char *hint;
} keyspec_ctrl_clash[] = {
	{8, "a terminal sends it for Backspace: write Backspace"},
	{9, "a terminal sends it for Tab: write Tab"},
	{10, "a terminal sends it for Enter: write Enter"},
	{13, "a terminal sends it for Enter: write Enter"},
};

/* ASCII lower case of c; other bytes unchanged. */
static int
keyspec_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* True when the len bytes at p equal the NUL-terminated word, ignoring
 * ASCII case. */
static bool
keyspec_is(const char *p, size_t len, const char *word)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (word[i] == '\0' ||
		    keyspec_lower((unsigned char)p[i]) !=
			    keyspec_lower((unsigned char)word[i]))
			return false;
	}
	return word[len] == '\0';
}

/* If the token starts with one of the prefixes (case-insensitive), return
 * the length of that prefix, else 0. */
static size_t
keyspec_prefix(const char *p, size_t len, const char *const *prefixes)
{
	size_t i, n;

	for (i = 0; prefixes[i]; i++) {
		n = strlen(prefixes[i]);
		if (len > n && keyspec_is(p, n, prefixes[i]))
			return n;
	}
	return 0;
}

/* Fill err with the message for a bad token (hint may be NULL). */
static enum fd_status
keyspec_bad(struct fd_err *err, const char *p, size_t len, const char *hint)
{
	char *clean = utf8_sanitize_n(p, len);
	size_t fit = utf8_fit(clean, KEYSPEC_QUOTE_COLS);
	enum fd_status st;

	st = fd_fail(err, FD_E_PARSE, "bad key \"%.*s%s\": %s%s%s", (int)fit,
		     clean, clean[fit] ? "..." : "", hint ? hint : "",
		     hint ? "; " : "", keyspec_forms);
	free(clean);
	return st;
}

/* Parse one token of len bytes (no spaces or tabs) into *k. */
static enum fd_status
keyspec_parse_token(const char *p, size_t len, struct keyspec *k,
		    struct fd_err *err)
{
	static const char *const esc_pre[] = {"Esc-", "M-", "Alt-", NULL};
	static const char *const ctrl_pre[] = {"C-", "Ctrl-", "^", NULL};
	uint32_t cp;
	size_t i, pre;
	int c, v;

	for (i = 0; i < len; i++) {
		c = (unsigned char)p[i];
		if (c < 0x20 || c == 0x7F)
			return keyspec_bad(err, p, len, "control character");
	}
	if (!utf8_valid(p, len))
		return keyspec_bad(err, p, len, "not valid UTF-8");
	if (utf8_decode(p, len, &cp) == (int)len) {
		if (!utf8_printable(cp))
			return keyspec_bad(err, p, len, "not printable");
		k->kind = KEYSPEC_CHAR;
		k->code = (int)cp;
		return FD_OK;
	}
	for (i = 0; i < KEYSPEC_KEY__COUNT; i++) {
		if (keyspec_is(p, len, keyspec_canon[i])) {
			k->kind = KEYSPEC_NAMED;
			k->code = (int)i;
			return FD_OK;
		}
	}
	for (i = 0; i < FD_ARRAY_LEN(keyspec_alias); i++) {
		if (keyspec_is(p, len, keyspec_alias[i].name)) {
			k->kind = KEYSPEC_NAMED;
			k->code = (int)keyspec_alias[i].key;
			return FD_OK;
		}
	}
	if ((p[0] == 'F' || p[0] == 'f') && (len == 2 || len == 3) &&
	    p[1] >= '1' && p[1] <= '9' &&
	    (len == 2 || (p[2] >= '0' && p[2] <= '9'))) {
		v = len == 2 ? p[1] - '0' : (p[1] - '0') * 10 + (p[2] - '0');
		if (v > 12)
			return keyspec_bad(err, p, len,
					   "function keys end at F12");
		k->kind = KEYSPEC_FKEY;
		k->code = v;
		return FD_OK;
	}
	pre = keyspec_prefix(p, len, esc_pre);
	if (pre) {
		if (len != pre + 1 || p[pre] < '0' || p[pre] > '9')
			return keyspec_bad(err, p, len,
					   "Esc-, M- and Alt- take one digit");
		k->kind = KEYSPEC_ESC_DIGIT;
		k->code = p[pre] - '0';
		return FD_OK;
	}
	pre = keyspec_prefix(p, len, ctrl_pre);
	if (pre) {
		c = keyspec_lower((unsigned char)p[pre]);
		if (len != pre + 1 || c < 'a' || c > 'z')
			return keyspec_bad(err, p, len,
					   "C-, Ctrl- and ^ take one letter");
		v = c - 'a' + 1;
		for (i = 0; i < FD_ARRAY_LEN(keyspec_ctrl_clash); i++)
			if (keyspec_ctrl_clash[i].code == v)
				return keyspec_bad(err, p, len,
						   keyspec_ctrl_clash[i].hint);
		k->kind = KEYSPEC_CTRL;
		k->code = v;
		return FD_OK;
	}
	return keyspec_bad(err, p, len, NULL);
}

enum fd_status
keyspec_parse_list(const char *s, struct keyspec *out, size_t max,
		   size_t *n, struct fd_err *err)
{
	struct keyspec k;
	enum fd_status st = FD_OK;
	size_t count = 0, len, i;
	bool dup;

	*n = 0;
	while (s && *s) {
		if (*s == ' ' || *s == '\t') {
			s++;
			continue;
		}
		len = strcspn(s, " \t");
		st = keyspec_parse_token(s, len, &k, err);
		if (st != FD_OK)
			goto out;
		s += len;
		dup = false;
		for (i = 0; i < count && !dup; i++)
			dup = out[i].kind == k.kind && out[i].code == k.code;
		if (dup)
			continue;
		if (count == max) {
			st = fd_fail(err, FD_E_PARSE,
				     "too many keys: at most %zu", max);
			goto out;
		}
		out[count++] = k;
	}
	if (count == 0)
		st = fd_fail(err, FD_E_PARSE, "no key given: %s",
			     keyspec_forms);
out:
	*n = st == FD_OK ? count : 0;
	return st;
}

/* The canonical text of k into buf (KEYSPEC_TEXT_MAX bytes); returns its
 * length or -1 if k is not a valid spec. */
static int
keyspec_text(const struct keyspec *k, char buf[KEYSPEC_TEXT_MAX])
{
	size_t i;

	switch (k->kind) {
	case KEYSPEC_FKEY:
		if (k->code < 1 || k->code > 12)
			return -1;
		return snprintf(buf, KEYSPEC_TEXT_MAX, "F%d", k->code);
	case KEYSPEC_ESC_DIGIT:
		if (k->code < 0 || k->code > 9)
			return -1;
		return snprintf(buf, KEYSPEC_TEXT_MAX, "Esc-%d", k->code);
	case KEYSPEC_CTRL:
		if (k->code < 1 || k->code > 26)
			return -1;
		for (i = 0; i < FD_ARRAY_LEN(keyspec_ctrl_clash); i++)
			if (keyspec_ctrl_clash[i].code == k->code)
				return -1;
		return snprintf(buf, KEYSPEC_TEXT_MAX, "Ctrl-%c",
				'A' + k->code - 1);
	case KEYSPEC_NAMED:
		if (k->code < 0 || k->code >= KEYSPEC_KEY__COUNT)
			return -1;
		return snprintf(buf, KEYSPEC_TEXT_MAX, "%s",
				keyspec_canon[k->code]);
	case KEYSPEC_CHAR:
		/* Space is the named key: " " would not read back. */
		if (k->code <= ' ' || !utf8_printable((uint32_t)k->code))
			return -1;
		i = utf8_encode((uint32_t)k->code, buf);
		buf[i] = '\0';
		return (int)i;
	}
	return -1;
}

int
keyspec_format(const struct keyspec *k, char *buf, size_t n)
{
	char text[KEYSPEC_TEXT_MAX];
	int len = keyspec_text(k, text);

	if (len < 0)
		return -1;
	if (n > 0)
		fd_strlcpy(buf, text, n);
	return len;
}

int
keyspec_format_list(const struct keyspec *k, size_t count, char *buf,
		    size_t n)
{
	struct strbuf sb = {0};
	char text[KEYSPEC_TEXT_MAX];
	size_t i;
	int len = 0;

	for (i = 0; i < count && len >= 0; i++) {
		len = keyspec_text(&k[i], text);
		if (len < 0)
			break;
		if (i > 0)
			strbuf_add(&sb, " ", 1);
		strbuf_adds(&sb, text);
	}
	if (len >= 0) {
		len = (int)sb.len;
		if (n > 0)
			fd_strlcpy(buf, sb.buf ? sb.buf : "", n);
	}
	strbuf_free(&sb);
	return len;
}
