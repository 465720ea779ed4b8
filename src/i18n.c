/*
 * Message catalogs: parse "ID = text" files into one string per enum fd_msg
 * id, and hand them out with tr().
 *
 * Design
 * - The id names come from the FD_MSG_LIST X-macro (include/frontdesk/msg.h),
 *   so msg.h is the only list of ids; a catalog must name every one exactly
 *   once, which is what keeps the catalogs in step with the code (the unit
 *   tests load every embedded catalog).
 * - A load parses into a fresh table and swaps it in only when the whole
 *   file is good: a failed load keeps the previous catalog, and pointers
 *   from tr() stay valid until the next successful load or i18n_free().
 * - Texts are checked for what would hurt a terminal: invalid UTF-8 and
 *   control characters (C0, DEL, C1) are refused; \n is the only way to put
 *   a newline in a text.
 *
 * Invariants
 * - i18n_texts is NULL or holds MSG__COUNT non-NULL strings.
 * - tr() never returns NULL.
 * - The core never prints: errors name FILE:LINE in struct fd_err.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/assets.h"
#include "frontdesk/i18n.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

#define I18N_SIZE_MAX      (1024 * 1024) /* a catalog is tens of KiB */
#define I18N_MAX_LANGS     16
#define I18N_SHOW_MAX      40 /* bytes of a bad id quoted in a message */
#define I18N_MISSING_SHOWN 8  /* missing ids named before "and N more" */

/* "APP_NAME", ... indexed by enum fd_msg. */
static const char *const i18n_ids[MSG__COUNT] = {
#define I18N_ID_NAME(name) [MSG_##name] = #name,
    FD_MSG_LIST(I18N_ID_NAME)
#undef I18N_ID_NAME
};

/* The loaded catalog: MSG__COUNT strings, or NULL before any load. */
static char **i18n_texts;

/* Languages with an embedded catalog, found once in fd_assets[]. */
static char i18n_lang_names[I18N_MAX_LANGS][8];
static const char *i18n_lang_list[I18N_MAX_LANGS + 1];
static int i18n_lang_ready;

/* Whitespace trimmed around ids, texts and lines. */
static int
i18n_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* The id called s[0..n), or -1. */
static int
i18n_find_id(const char *s, size_t n)
{
	for (int i = 0; i < MSG__COUNT; i++)
		if (strlen(i18n_ids[i]) == n && memcmp(i18n_ids[i], s, n) == 0)
			return i;
	return -1;
}

/* Decode the escapes of text s[0..n) into a new string in *out,
 * refusing control characters. Caller frees *out. */
static enum fd_status
i18n_unescape(const char *file, int line, const char *s, size_t n, char **out,
              struct fd_err *err)
{
	struct strbuf sb = {0};
	enum fd_status st = FD_OK;
	uint32_t cp;
	int k;

	*out = NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\') {
			unsigned char e =
			    i + 1 < n ? (unsigned char)s[i + 1] : 0;

			if (e == 'n' || e == '\\') {
				strbuf_add(&sb, e == 'n' ? "\n" : "\\", 1);
				i++;
				continue;
			}
			if (e > 0x20 && e < 0x7F)
				st = util_fail_at(
				    err, FD_E_PARSE, file, line,
				    "unknown escape \"\\%c\"; only "
				    "\\n (newline) and "
				    "\\\\ (backslash) are allowed",
				    e);
			else
				st = util_fail_at(
				    err, FD_E_PARSE, file, line,
				    "a \\ must be followed by n (newline) "
				    "or \\ (backslash)");
			goto out;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k <= 0 || cp < 0x20 || cp == 0x7F ||
		    (cp >= 0x80 && cp <= 0x9F)) {
			st = util_fail_at(
			    err, FD_E_PARSE, file, line,
			    "control character U+%04X in the text; remove it "
			    "(write \\n for a newline)",
			    (unsigned)cp);
			goto out;
		}
		strbuf_add(&sb, s + i, (size_t)k);
		i += (size_t)k - 1;
	}
	*out = strbuf_take(&sb);
out:
	strbuf_free(&sb);
	return st;
}

/* Name every id still missing from texts in err. */
static enum fd_status
i18n_report_missing(const char *file, char *const *texts, struct fd_err *err)
{
	struct strbuf sb = {0};
	int missing = 0;
	enum fd_status st = FD_OK;

	for (int i = 0; i < MSG__COUNT; i++) {
		if (texts[i])
			continue;
		if (missing < I18N_MISSING_SHOWN)
			strbuf_addf(&sb, "%s%s", missing ? ", " : "",
			            i18n_ids[i]);
		missing++;
	}
	if (missing > I18N_MISSING_SHOWN)
		strbuf_addf(&sb, " and %d more", missing - I18N_MISSING_SHOWN);
	if (missing)
		st = util_fail_at(
		    err, FD_E_PARSE, file, 0,
		    "missing %s: %s; add a line \"ID = text\" for each",
		    missing == 1 ? "id" : "ids", sb.buf);
	strbuf_free(&sb);
	return st;
}

/* Parse a catalog into texts (MSG__COUNT slots, all NULL on entry). */
static enum fd_status
i18n_parse(const char *file, const char *data, size_t len, char **texts,
           struct fd_err *err)
{
	int *lines = xcalloc(MSG__COUNT, sizeof(*lines));
	char shown[64];
	size_t pos = 0, bad;
	int lineno = 0;
	enum fd_status st = FD_OK;

	if (len > I18N_SIZE_MAX) {
		st = util_fail_at(
		    err, FD_E_PARSE, file, 0,
		    "the file is over %d KiB; is this the right file?",
		    I18N_SIZE_MAX / 1024);
		goto out;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *s = data + pos;
		const char *nl = memchr(s, '\n', len - pos);
		const char *e = nl ? nl : data + len;
		const char *eq, *t, *idend;
		int id;

		pos = (size_t)(e - data) + (nl != NULL);
		lineno++;
		if (memchr(s, '\0', (size_t)(e - s))) {
			st = util_fail_at(
			    err, FD_E_PARSE, file, lineno,
			    "line contains a NUL byte; is this a text file?");
			goto out;
		}
		bad = utf8_invalid_at(s, (size_t)(e - s));
		if (bad < (size_t)(e - s)) {
			st = util_fail_at(
			    err, FD_E_PARSE, file, lineno,
			    "not valid UTF-8 (byte %zu of the line); "
			    "save the file as UTF-8",
			    bad + 1);
			goto out;
		}
		while (s < e && i18n_is_space((unsigned char)*s))
			s++;
		while (e > s && i18n_is_space((unsigned char)e[-1]))
			e--;
		if (s == e || *s == '#')
			continue;
		eq = memchr(s, '=', (size_t)(e - s));
		idend = eq;
		while (idend && idend > s &&
		       i18n_is_space((unsigned char)idend[-1]))
			idend--;
		if (!eq || idend == s) {
			st = util_fail_at(
			    err, FD_E_PARSE, file, lineno,
			    "expected \"ID = text\" (or a # comment)");
			goto out;
		}
		id = i18n_find_id(s, (size_t)(idend - s));
		if (id < 0) {
			util_excerpt(shown, sizeof(shown), s,
			             (size_t)(idend - s), I18N_SHOW_MAX);
			st = util_fail_at(
			    err, FD_E_PARSE, file, lineno,
			    "unknown message id \"%s\"; the ids are listed in "
			    "include/frontdesk/msg.h",
			    shown);
			goto out;
		}
		if (texts[id]) {
			st = util_fail_at(
			    err, FD_E_PARSE, file, lineno,
			    "%s is defined twice (also on line %d); keep one",
			    i18n_ids[id], lines[id]);
			goto out;
		}
		t = eq + 1;
		while (t < e && i18n_is_space((unsigned char)*t))
			t++;
		st = i18n_unescape(file, lineno, t, (size_t)(e - t), &texts[id],
		                   err);
		if (st != FD_OK)
			goto out;
		lines[id] = lineno;
	}
	st = i18n_report_missing(file, texts, err);
out:
	free(lines);
	return st;
}

/* Free a table of MSG__COUNT strings (some may be NULL). */
static void
i18n_texts_free(char **texts)
{
	if (!texts)
		return;
	for (int i = 0; i < MSG__COUNT; i++)
		free(texts[i]);
	free(texts);
}

enum fd_status
i18n_load_buffer(const char *name, const char *data, size_t len,
                 struct fd_err *err)
{
	char **texts = xcalloc(MSG__COUNT, sizeof(*texts));
	enum fd_status st;

	st = i18n_parse(name ? name : "(buffer)", data ? data : "", len, texts,
	                err);
	if (st == FD_OK) {
		i18n_texts_free(i18n_texts);
		i18n_texts = texts;
	} else {
		i18n_texts_free(texts);
	}
	return st;
}

enum fd_status
i18n_load(const char *lang, const char *path, struct fd_err *err)
{
	const char *const *langs = i18n_languages();
	const struct fd_asset *a = NULL;
	struct strbuf sb = {0};
	char *data = NULL, *asset = NULL;
	char shown[64];
	size_t len = 0;
	enum fd_status st;

	if (path) {
		st = util_read_file(path, I18N_SIZE_MAX, &data, &len, err);
		if (st == FD_OK)
			st = i18n_load_buffer(path, data, len, err);
		goto out;
	}
	for (size_t i = 0; lang && langs[i]; i++)
		if (strcmp(langs[i], lang) == 0) {
			asset = xasprintf("i18n/%s.txt", lang);
			a = assets_find(asset);
		}
	if (!a) {
		for (size_t i = 0; langs[i]; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", langs[i]);
		util_excerpt(shown, sizeof(shown), lang ? lang : "",
		             lang ? strlen(lang) : 0, I18N_SHOW_MAX);
		st = fd_fail(
		    err, FD_E_NOTFOUND,
		    "no built-in catalog for language \"%s\"; available: %s",
		    shown, sb.len ? sb.buf : "(none)");
		goto out;
	}
	free(asset);
	asset = xasprintf("assets/i18n/%s.txt", lang);
	st = i18n_load_buffer(asset, (const char *)a->data, a->len, err);
out:
	strbuf_free(&sb);
	free(asset);
	free(data);
	return st;
}

const char *
tr(enum fd_msg id)
{
	if ((int)id < 0 || (int)id >= MSG__COUNT)
		return "?";
	return i18n_texts ? i18n_texts[id] : i18n_ids[id];
}

const char *const *
i18n_languages(void)
{
	static const char prefix[] = "i18n/", suffix[] = ".txt";
	size_t n = 0;

	if (i18n_lang_ready)
		return i18n_lang_list;
	for (size_t i = 0; i < fd_assets_count && n < I18N_MAX_LANGS; i++) {
		const char *name = fd_assets[i].name;
		size_t len = strlen(name), pl = sizeof(prefix) - 1,
		       sl = sizeof(suffix) - 1;

		if (len <= pl + sl || strncmp(name, prefix, pl) != 0 ||
		    strcmp(name + len - sl, suffix) != 0 ||
		    len - pl - sl >= sizeof(i18n_lang_names[0]) ||
		    memchr(name + pl, '/', len - pl - sl))
			continue;
		memcpy(i18n_lang_names[n], name + pl, len - pl - sl);
		i18n_lang_names[n][len - pl - sl] = '\0';
		i18n_lang_list[n] = i18n_lang_names[n];
		n++;
	}
	i18n_lang_list[n] = NULL;
	i18n_lang_ready = 1;
	return i18n_lang_list;
}

void
i18n_free(void)
{
	i18n_texts_free(i18n_texts);
	i18n_texts = NULL;
}
