/*
 * Configuration: find the file, pre-scan it, parse it with iniparser, check
 * it against the schema, lay it over the defaults.
 *
 * Design
 * - The defaults are the embedded assets/frontdesk.ini, run through exactly
 *   the same path as a user's file; the C side holds only config_schema[]
 *   (section, key, type, range, allowed values, field). Adding a key is one
 *   line there plus its documented line in assets/frontdesk.ini; loading
 *   fails if the file lacks a key of the schema, so a unit test catches it.
 * - Each file is a "layer": pre-scan, iniparser, check, apply. The user's
 *   layer overwrites the fields the defaults layer set. Paths are expanded
 *   (~/ from $HOME) once at the end, so a missing $HOME only matters when
 *   the final value uses it.
 * - The pre-scan reads the bytes iniparser will read and refuses at once
 *   what iniparser 4.1 handles badly (a BOM, lines near its 1023-byte
 *   buffer, NUL bytes) or that is not UTF-8. It classifies lines the way
 *   iniparser_line() does (same trimming, same ASCII lowercasing, same "\"
 *   continuation) to map each "section:key" entry to its line, and checks
 *   the names (sections, keys) on the way. Syntax errors are iniparser's to
 *   find: its error callback is captured (never stderr) and its message
 *   turned into "FILE:LINE: ...".
 * - iniparser_load() only takes a file name, so the bytes are written to a
 *   memfd (a temporary file if memfd or /proc is unavailable) and loaded as
 *   /proc/self/fd/N. Nothing is read twice from the user's path.
 * - The dictionary is read by walking d->key[]/d->val[] directly, for the
 *   values; the iniparser_get{int,double,boolean} family is never called (a
 *   bare section name crashes them, CVE-2023-33461, and getint reads "08"
 *   as 0).
 * - One error is reported per load: of those found by the pre-scan, the
 *   duplicate check, iniparser and the value checks, the one on the
 *   earliest line (people fix a file from the top).
 *
 * Invariants
 * - The core never prints: every failure is FD_E_CONFIG with one line in
 *   struct fd_err, and a failed load leaves *cfg all zero.
 * - A key set twice in one file is an error (iniparser would silently keep
 *   the last), so entries map one-to-one onto lines.
 * - iniparser's error callback is ours only while iniparser_load() runs; it
 *   is reset to iniparser's default afterwards.
 */
#define _GNU_SOURCE /* memfd_create */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iniparser/iniparser.h>

#include "frontdesk/assets.h"
#include "frontdesk/config.h"
#include "frontdesk/i18n.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

#define CONFIG_LINE_MAX    1000 /* bytes; iniparser 4.1 fails past 1022 */
#define CONFIG_SIZE_MAX    (64 * 1024) /* a real config is a few KiB */
#define CONFIG_SHOW_MAX    40 /* bytes of a value quoted in a message */
#define CONFIG_SYSTEM_PATH "/etc/frontdesk/frontdesk.ini"

/* The section that holds key bindings, and the prefix of per-screen ones. */
#define CONFIG_KEYS     "keys"
#define CONFIG_KEYS_DOT "keys."

enum config_type {
	CONFIG_T_STRING, /* char *; when allowed, one of those */
	CONFIG_T_PATH, /* char *; ~/ expanded at the end; "" is NULL if empty_ok
	                */
	CONFIG_T_INT,  /* int in [min, max], decimal */
	CONFIG_T_ENUM, /* an int-sized enum field: the index in allowed */
};

struct config_key {
	const char *section;
	const char *key;
	enum config_type type;
	long min, max;              /* CONFIG_T_INT */
	const char *const *allowed; /* NULL-terminated */
	const char *const *(*allowed_fn)(
	    void);     /* allowed values known at run time */
	int empty_ok;  /* "" accepted (paths: means NULL) */
	size_t offset; /* the field in struct config */
};

/* A yes/no switch stored as an int: 0 = yes, 1 = no (index). */
static const char *const config_yes_no[] = {"yes", "no", NULL};

/* In the order of enum config_color. */
static const char *const config_color_names[] = {"auto", "on", "off", NULL};

_Static_assert(sizeof(enum config_color) == sizeof(int),
               "CONFIG_T_ENUM stores an int");

/* Schema lines: section, key, the type's details, the struct config field. */
#define CONFIG_INT(s, k, lo, hi, f)                                            \
	{                                                                      \
		.section = s, .key = k, .type = CONFIG_T_INT, .min = lo,       \
		.max = hi, .offset = offsetof(struct config, f)                \
	}
#define CONFIG_STRING(s, k, allowed_function, f)                               \
	{                                                                      \
		.section = s, .key = k, .type = CONFIG_T_STRING,               \
		.allowed_fn = allowed_function,                                \
		.offset = offsetof(struct config, f)                           \
	}
#define CONFIG_ENUM(s, k, names, f)                                            \
	{                                                                      \
		.section = s, .key = k, .type = CONFIG_T_ENUM,                 \
		.allowed = names, .offset = offsetof(struct config, f)         \
	}
#define CONFIG_PATH(s, k, may_be_empty, f)                                     \
	{                                                                      \
		.section = s, .key = k, .type = CONFIG_T_PATH,                 \
		.empty_ok = may_be_empty, .offset = offsetof(struct config, f) \
	}

/* Every key the program knows, one line each; the defaults and the
 * documentation are in assets/frontdesk.ini. */
/* clang-format off */
static const struct config_key config_schema[] = {
	CONFIG_PATH("database", "path", 0, db_path),
	CONFIG_INT("database", "busy_timeout_ms", 100, 600000, busy_timeout_ms),
	CONFIG_STRING("ui", "language", i18n_languages, language),
	CONFIG_INT("ui", "esc_delay_ms", 0, 1000, esc_delay_ms),
	CONFIG_INT("ui", "esc_prefix_ms", 100, 5000, esc_prefix_ms),
	CONFIG_ENUM("ui", "color", config_color_names, color),
	CONFIG_PATH("ui", "catalog", 1, catalog),
	CONFIG_ENUM("intake", "mask_id", config_yes_no, mask_id),
	CONFIG_INT("intake", "participant_min_age", 0, 120, participant_min_age),
	CONFIG_INT("intake", "participant_max_age", 0, 120, participant_max_age),
	CONFIG_PATH("intake", "codes", 1, codes),
	CONFIG_PATH("intake", "regions", 1, regions),
	CONFIG_PATH("intake", "import_map", 1, import_map),
	CONFIG_PATH("workflow", "file", 1, workflow),
	CONFIG_INT("training", "min_attendance", 0, 100, min_attendance),
	CONFIG_PATH("training", "holidays", 1, holidays),
	CONFIG_PATH("training", "curriculum", 1, curriculum),
};
/* clang-format on */

#define CONFIG_NKEYS FD_ARRAY_LEN(config_schema)

/* One entry found by the pre-scan, named as iniparser names it. */
struct config_rec {
	char *name;    /* "section" or "section:key", lowercased */
	size_t seclen; /* bytes of name that are the section */
	int line;      /* first physical line of the entry */
	int is_key;
};

struct config_scan {
	struct config_rec *recs;
	size_t n;
	size_t cap;
};

/* The file a layer comes from. */
struct config_layer {
	const char
	    *file;    /* name for messages; for the user layer, cfg->source */
	int defaults; /* the embedded defaults (key_lines stay 0) */
};

/* The earliest error met so far in one file; line 0 ("no line") counts
 * as after every line. */
struct config_first {
	enum fd_status st; /* FD_OK while there is none */
	int line;
	struct fd_err err;
};

/* iniparser's error callback writes here while iniparser_load() runs. */
static char config_ini_msg[512];
static int config_ini_nerrors;

static int config_ini_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Fill err with "FILE:LINE: message" (or "FILE: message" when line is 0),
 * never splitting a UTF-8 sequence, and return FD_E_CONFIG. */
static enum fd_status config_fail(struct fd_err *err, const char *file,
                                  int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static enum fd_status
config_fail(struct fd_err *err, const char *file, int line, const char *fmt,
            ...)
{
	va_list ap;

	va_start(ap, fmt);
	util_vfail_at(err, FD_E_CONFIG, file, line, fmt, ap);
	va_end(ap);
	return FD_E_CONFIG;
}

/* Keep the error (st, err) found at line if it comes before the one kept. */
static void
config_first_offer(struct config_first *first, enum fd_status st, int line,
                   const struct fd_err *err)
{
	unsigned at = line > 0 ? (unsigned)line : UINT_MAX;
	unsigned kept = first->line > 0 ? (unsigned)first->line : UINT_MAX;

	if (st == FD_OK || (first->st != FD_OK && at >= kept))
		return;
	first->st = st;
	first->line = line;
	first->err = *err;
}

/* Capture iniparser's first message instead of letting it reach stderr. */
static int
config_ini_error(const char *fmt, ...)
{
	va_list ap;

	if (config_ini_nerrors++ == 0) {
		va_start(ap, fmt);
		vsnprintf(config_ini_msg, sizeof(config_ini_msg), fmt, ap);
		va_end(ap);
	}
	return 0;
}

/* Whitespace as iniparser's isspace() sees it in the C locale. */
static int
config_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

/* A copy of s[0..n) without surrounding whitespace, ASCII-lowercased the
 * way iniparser's strlwc() does it. Caller frees. */
static char *
config_lower_trim(const char *s, size_t n)
{
	char *out;

	while (n > 0 && config_is_space((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && config_is_space((unsigned char)s[n - 1]))
		n--;
	out = xstrndup(s, n);
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

/* Append the schema's sections, as "[a], [b], ...", to sb. */
static void
config_list_sections(struct strbuf *sb)
{
	for (size_t i = 0; i < CONFIG_NKEYS; i++) {
		size_t j;

		for (j = 0; j < i; j++)
			if (strcmp(config_schema[j].section,
			           config_schema[i].section) == 0)
				break;
		if (j == i)
			strbuf_addf(sb, "[%s], ", config_schema[i].section);
	}
	strbuf_adds(sb, "[" CONFIG_KEYS "], [" CONFIG_KEYS_DOT "SCREEN]");
}

/* Whether sec[0..len) names a schema section. */
static int
config_section_known(const char *sec, size_t len)
{
	for (size_t i = 0; i < CONFIG_NKEYS; i++)
		if (strlen(config_schema[i].section) == len &&
		    memcmp(config_schema[i].section, sec, len) == 0)
			return 1;
	return 0;
}

/* Whether sec[0..len) is [keys] or [keys.NAME]; *screen_at is where NAME
 * starts (len for [keys]). */
static int
config_section_is_keys(const char *sec, size_t len, size_t *screen_at)
{
	size_t dl = strlen(CONFIG_KEYS_DOT);

	if (len == strlen(CONFIG_KEYS) && memcmp(sec, CONFIG_KEYS, len) == 0) {
		*screen_at = len;
		return 1;
	}
	if (len > dl && memcmp(sec, CONFIG_KEYS_DOT, dl) == 0) {
		*screen_at = dl;
		return 1;
	}
	return 0;
}

/* Check a section name: a schema section, [keys] or [keys.NAME] with NAME
 * made of letters, digits, _ and -. */
static enum fd_status
config_check_section(const char *file, const char *sec, int line,
                     struct fd_err *err)
{
	struct strbuf sb = {0};
	size_t len = strlen(sec), at;
	char shown[64];
	enum fd_status st;

	if (config_section_known(sec, len))
		return FD_OK;
	if (config_section_is_keys(sec, len, &at)) {
		for (size_t i = at; i < len; i++) {
			char c = sec[i];

			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    c == '_' || c == '-')
				continue;
			util_excerpt(shown, sizeof(shown), sec + at, len - at,
			             CONFIG_SHOW_MAX);
			return config_fail(err, file, line,
			                   "[" CONFIG_KEYS_DOT
			                   "%s]: a screen name is letters, "
			                   "digits, _ and -",
			                   shown);
		}
		return FD_OK;
	}
	util_excerpt(shown, sizeof(shown), sec, len, CONFIG_SHOW_MAX);
	config_list_sections(&sb);
	st = config_fail(err, file, line,
	                 "unknown section [%s]; known sections: %s", shown,
	                 sb.buf);
	strbuf_free(&sb);
	return st;
}

/* Check that key, in the section sec[0..seclen), is known: *index is its
 * schema index, or -1 for a key binding. */
static enum fd_status
config_check_name(const char *file, const char *sec, size_t seclen,
                  const char *key, int line, int *index, struct fd_err *err)
{
	struct strbuf sb = {0};
	char shown[64];
	size_t at;
	enum fd_status st;

	*index = -1;
	util_excerpt(shown, sizeof(shown), key, strlen(key), CONFIG_SHOW_MAX);
	if (seclen == 0)
		return config_fail(
		    err, file, line,
		    "\"%s\" is outside any section; put it under a [section] "
		    "such as [ui]",
		    shown);
	if (config_section_is_keys(sec, seclen, &at))
		return FD_OK;
	for (size_t i = 0; i < CONFIG_NKEYS; i++)
		if (strlen(config_schema[i].section) == seclen &&
		    memcmp(config_schema[i].section, sec, seclen) == 0 &&
		    strcmp(config_schema[i].key, key) == 0) {
			*index = (int)i;
			return FD_OK;
		}
	if (!config_section_known(sec, seclen))
		return config_fail(err, file, line,
		                   "\"%s\" is in an unknown section", shown);
	for (size_t i = 0; i < CONFIG_NKEYS; i++)
		if (strlen(config_schema[i].section) == seclen &&
		    memcmp(config_schema[i].section, sec, seclen) == 0)
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "",
			            config_schema[i].key);
	st = config_fail(err, file, line,
	                 "unknown key \"%s\" in [%.*s]; known keys: %s", shown,
	                 (int)seclen, sec, sb.buf);
	strbuf_free(&sb);
	return st;
}

/* Append an entry to the pre-scan; takes ownership of name. */
static void
config_scan_add(struct config_scan *scan, char *name, size_t seclen, int line,
                int is_key)
{
	if (scan->n == scan->cap) {
		scan->cap = scan->cap ? scan->cap * 2 : 32;
		scan->recs =
		    xrealloc(scan->recs, scan->cap * sizeof(*scan->recs));
	}
	scan->recs[scan->n++] = (struct config_rec){
	    .name = name, .seclen = seclen, .line = line, .is_key = is_key};
}

/* Release the pre-scan's entries. */
static void
config_scan_free(struct config_scan *scan)
{
	for (size_t i = 0; i < scan->n; i++)
		free(scan->recs[i].name);
	free(scan->recs);
	memset(scan, 0, sizeof(*scan));
}

/* Classify one logical line (trailing whitespace already removed) as
 * iniparser_line() would, record its section or key, and offer any
 * problem with its name to first; *section is the current section,
 * replaced at each header as iniparser replaces it. */
static void
config_scan_line(const char *file, const char *line, int lineno, char **section,
                 struct config_scan *scan, struct config_first *first)
{
	const char *s = line, *eq;
	struct fd_err e;
	enum fd_status st;
	size_t n;
	char *name;
	int index;

	while (config_is_space((unsigned char)*s))
		s++;
	n = strlen(s);
	if (n == 0 || s[0] == '#' || s[0] == ';')
		return;
	if (s[0] == '[' && s[n - 1] == ']') {
		const char *close = strchr(s + 1, ']');

		name = config_lower_trim(s + 1, (size_t)(close - (s + 1)));
		if (!*name) {
			/* iniparser silently keeps the previous section. */
			free(name);
			st = config_fail(
			    &e, file, lineno,
			    "empty section name \"[]\"; write e.g. [ui]");
			config_first_offer(first, st, lineno, &e);
			return;
		}
		free(*section);
		*section = name;
		if (strchr(name, ':'))
			/* "[a:b]" and key c of "[a]" would both be "a:b". */
			st = config_fail(&e, file, lineno,
			                 "a section name cannot contain \":\"");
		else
			st = config_check_section(file, name, lineno, &e);
		config_first_offer(first, st, lineno, &e);
		if (st == FD_OK)
			config_scan_add(scan, xstrdup(name), strlen(name),
			                lineno, 0);
		return;
	}
	eq = strchr(s, '=');
	if (!eq || eq == s)
		return; /* iniparser reports the syntax error */
	name = config_lower_trim(s, (size_t)(eq - s));
	st = config_check_name(file, *section, strlen(*section), name, lineno,
	                       &index, &e);
	config_first_offer(first, st, lineno, &e);
	config_scan_add(scan, xasprintf("%s:%s", *section, name),
	                strlen(*section), lineno, 1);
	free(name);
}

/* Pre-scan data: refuse a BOM, NUL bytes, invalid UTF-8 and long lines
 * at once (iniparser must not see them); record every section and key
 * with its line, offering lesser problems to first. */
static enum fd_status
config_scan_run(const char *file, const char *data, size_t len,
                struct config_scan *scan, struct config_first *first,
                struct fd_err *err)
{
	struct strbuf acc = {0}; /* the logical line being joined */
	char *section = xstrdup("");
	size_t pos = 0, bad;
	int lineno = 0, start = 0; /* start: first line of the logical line */
	enum fd_status st = FD_OK;
	struct fd_err e;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		st =
		    config_fail(err, file, 1,
		                "the file starts with a byte-order mark (BOM); "
		                "save it as UTF-8 without BOM");
		goto out;
	}
	while (pos < len) {
		const char *p = data + pos;
		const char *nl = memchr(p, '\n', len - pos);
		size_t raw = nl ? (size_t)(nl - p) : len - pos;
		size_t has_nl = nl != NULL;

		pos += raw + has_nl;
		lineno++;
		if (raw > CONFIG_LINE_MAX) {
			st = config_fail(
			    err, file, lineno,
			    "line is %zu bytes long; the limit is %d", raw,
			    CONFIG_LINE_MAX);
			goto out;
		}
		if (memchr(p, '\0', raw)) {
			st = config_fail(
			    err, file, lineno,
			    "line contains a NUL byte; is this a text file?");
			goto out;
		}
		bad = utf8_invalid_at(p, raw);
		if (bad < raw) {
			st = config_fail(
			    err, file, lineno,
			    "not valid UTF-8 (byte %zu of the line); "
			    "save the file as UTF-8",
			    bad + 1);
			goto out;
		}
		/* iniparser skips a read of at most one byte outright. */
		if (acc.len + raw + has_nl <= 1)
			continue;
		if (acc.len == 0)
			start = lineno;
		if (acc.len + raw > CONFIG_LINE_MAX) {
			st = config_fail(
			    err, file, lineno,
			    "lines joined by a trailing \\ are over %d bytes",
			    CONFIG_LINE_MAX);
			goto out;
		}
		strbuf_add(&acc, p, raw);
		while (acc.len > 0 &&
		       config_is_space((unsigned char)acc.buf[acc.len - 1]))
			acc.buf[--acc.len] = '\0';
		if (acc.len > 0 && acc.buf[acc.len - 1] == '\\') {
			/* Continued: the next line replaces the backslash. */
			acc.buf[--acc.len] = '\0';
			continue;
		}
		if (acc.len > 0)
			config_scan_line(file, acc.buf, start, &section, scan,
			                 first);
		acc.len = 0;
	}
	if (acc.len > 0) { /* iniparser drops it silently */
		st = config_fail(
		    &e, file, start,
		    "the line ends with \\ (continued) but no line follows; "
		    "remove the \\");
		config_first_offer(first, st, start, &e);
		st = FD_OK;
	}
out:
	strbuf_free(&acc);
	free(section);
	return st;
}

/* Order entries by name, then line, for lookups. */
static int
config_rec_cmp(const void *a, const void *b)
{
	const struct config_rec *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

/* Sort the pre-scan for lookups, and offer a key set twice (the earliest
 * repeat) to first. */
static void
config_scan_sort(const char *file, struct config_scan *scan,
                 struct config_first *first)
{
	const struct config_rec *dup = NULL, *orig = NULL;
	char sec[64], shown[64];
	const char *key;
	struct fd_err e;
	enum fd_status st;

	if (scan->n > 1)
		qsort(scan->recs, scan->n, sizeof(*scan->recs), config_rec_cmp);
	for (size_t i = 1; i < scan->n; i++) {
		const struct config_rec *a = &scan->recs[i - 1],
		                        *b = &scan->recs[i];

		if (!a->is_key || !b->is_key || strcmp(a->name, b->name) != 0)
			continue;
		if (!dup || b->line < dup->line) {
			dup = b;
			orig = a;
		}
	}
	if (!dup)
		return;
	util_excerpt(sec, sizeof(sec), dup->name, dup->seclen, CONFIG_SHOW_MAX);
	key = dup->name + dup->seclen + 1;
	util_excerpt(shown, sizeof(shown), key, strlen(key), CONFIG_SHOW_MAX);
	st = config_fail(&e, file, dup->line,
	                 "%s%s%s is set twice (also on line %d); keep one", sec,
	                 dup->seclen ? "." : "", shown, orig->line);
	config_first_offer(first, st, dup->line, &e);
}

/* The first (lowest-line) entry called name, or NULL. */
static const struct config_rec *
config_scan_find(const struct config_scan *scan, const char *name)
{
	size_t lo = 0, hi = scan->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(scan->recs[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < scan->n && strcmp(scan->recs[lo].name, name) == 0)
		return &scan->recs[lo];
	return NULL;
}

/* Write all of data to fd; -1 on error. */
static int
config_write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* The trimmed text of physical line lineno of data, for a message. */
static void
config_show_line(char *out, size_t outsz, const char *data, size_t len,
                 int lineno)
{
	size_t pos = 0;
	const char *nl;

	for (int i = 1; i < lineno && pos < len; i++) {
		nl = memchr(data + pos, '\n', len - pos);
		pos = nl ? (size_t)(nl - data) + 1 : len;
	}
	nl = memchr(data + pos, '\n', len - pos);
	len = nl ? (size_t)(nl - data) : len;
	while (len > pos && config_is_space((unsigned char)data[len - 1]))
		len--;
	while (pos < len && config_is_space((unsigned char)data[pos]))
		pos++;
	util_excerpt(out, outsz, data + pos, len - pos, CONFIG_SHOW_MAX);
}

/* Turn iniparser's captured message into one line naming file and line
 * (*lineno_out: the line, 0 when iniparser gave none). */
static enum fd_status
config_ini_explain(const char *file, const char *path, const char *data,
                   size_t len, int *lineno_out, struct fd_err *err)
{
	const char *at = strstr(config_ini_msg, path);
	char shown[64], msg[256];
	int lineno = 0;

	if (at && sscanf(at + strlen(path), " (%d)", &lineno) != 1)
		lineno = 0;
	*lineno_out = lineno;
	if (config_ini_nerrors == 0)
		return config_fail(
		    err, file, 0,
		    "iniparser could not read the file (no reason given)");
	if (strstr(config_ini_msg, "syntax error") && lineno > 0) {
		config_show_line(shown, sizeof(shown), data, len, lineno);
		return config_fail(
		    err, file, lineno,
		    "syntax error in \"%s\": expected [section], key = value, "
		    "or a comment starting with #",
		    shown);
	}
	/* Anything else: iniparser's words, on one clean line. */
	for (char *p = config_ini_msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	util_excerpt(msg, sizeof(msg), config_ini_msg, strlen(config_ini_msg),
	             sizeof(msg) - 4);
	return config_fail(err, file, lineno, "iniparser: %s", msg);
}

/* Parse data with iniparser through a memfd (or a temporary file); on
 * failure *lineno is the line iniparser named, or 0. */
static enum fd_status
config_ini_parse(const char *file, const char *data, size_t len,
                 dictionary **out, int *lineno, struct fd_err *err)
{
	char procpath[64];
	const char *path = procpath;
	char *tmp = NULL;
	int fd;
	enum fd_status st = FD_OK;

	*out = NULL;
	*lineno = 0;
	fd = memfd_create("frontdesk-ini", MFD_CLOEXEC);
	if (fd >= 0) {
		snprintf(procpath, sizeof(procpath), "/proc/self/fd/%d", fd);
		if (access(procpath, R_OK) != 0) {
			close(fd);
			fd = -1;
		}
	}
	if (fd < 0) {
		const char *dir = getenv("TMPDIR");

		tmp = xasprintf("%s/frontdesk-ini-XXXXXX",
		                dir && *dir ? dir : "/tmp");
		fd = mkstemp(tmp);
		if (fd < 0) {
			st = config_fail(
			    err, file, 0,
			    "cannot make a temporary copy to parse (%s): %s",
			    tmp, strerror(errno));
			free(tmp);
			tmp = NULL;
			goto out;
		}
		path = tmp;
	}
	if (config_write_all(fd, data, len) != 0) {
		st = config_fail(err, file, 0,
		                 "cannot make a temporary copy to parse: %s",
		                 strerror(errno));
		goto out;
	}
	config_ini_msg[0] = '\0';
	config_ini_nerrors = 0;
	iniparser_set_error_callback(config_ini_error);
	*out = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	if (*out && config_ini_nerrors > 0) {
		/* Loaded, but iniparser complained (e.g. out of memory). */
		iniparser_freedict(*out);
		*out = NULL;
	}
	if (!*out)
		st = config_ini_explain(file, path, data, len, lineno, err);
out:
	if (fd >= 0)
		close(fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	return st;
}

/* Join a NULL-terminated list as "a, b, c" into sb. */
static void
config_list_words(struct strbuf *sb, const char *const *words)
{
	for (size_t i = 0; words && words[i]; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", words[i]);
}

/* Parse val as a decimal int within [k->min, k->max] into *out. */
static enum fd_status
config_parse_int(const char *file, int line, const struct config_key *k,
                 const char *val, int *out, struct fd_err *err)
{
	const char *d = val;
	char *end;
	char shown[64];
	long v;

	util_excerpt(shown, sizeof(shown), val, strlen(val), CONFIG_SHOW_MAX);
	if (*d == '-' || *d == '+')
		d++;
	if (!(*d >= '0' && *d <= '9'))
		goto not_number;
	errno = 0;
	v = strtol(val, &end, 10);
	if (*end)
		goto not_number;
	if (errno == ERANGE || v < k->min || v > k->max)
		return config_fail(
		    err, file, line,
		    "%s.%s = %s is out of range; allowed: %ld to %ld",
		    k->section, k->key, shown, k->min, k->max);
	*out = (int)v;
	return FD_OK;
not_number:
	if (!*val)
		return config_fail(
		    err, file, line,
		    "%s.%s is empty; give a whole number from %ld to %ld",
		    k->section, k->key, k->min, k->max);
	return config_fail(
	    err, file, line,
	    "%s.%s = \"%s\" is not a whole number; give one from %ld to %ld",
	    k->section, k->key, shown, k->min, k->max);
}

/* Check val against schema entry k and store it in cfg. */
static enum fd_status
config_set_value(struct config *cfg, const char *file, int line,
                 const struct config_key *k, const char *val,
                 struct fd_err *err)
{
	const char *const *allowed =
	    k->allowed_fn ? k->allowed_fn() : k->allowed;
	char *field = (char *)cfg + k->offset;
	struct strbuf sb = {0};
	char shown[64];
	char *s;
	enum fd_status st = FD_OK;
	int idx = -1;

	if (k->type == CONFIG_T_INT)
		return config_parse_int(file, line, k, val,
		                        (int *)(void *)field, err);
	if (allowed) {
		for (int i = 0; allowed[i]; i++)
			if (strcmp(allowed[i], val) == 0)
				idx = i;
		if (idx < 0) {
			util_excerpt(shown, sizeof(shown), val, strlen(val),
			             CONFIG_SHOW_MAX);
			config_list_words(&sb, allowed);
			st = config_fail(
			    err, file, line,
			    "%s.%s = \"%s\" is not allowed; use one of: %s",
			    k->section, k->key, shown, sb.buf);
			goto out;
		}
	}
	if (k->type == CONFIG_T_ENUM) {
		memcpy(field, &idx, sizeof(idx));
		goto out;
	}
	if (!*val && !k->empty_ok) {
		st = config_fail(
		    err, file, line, "%s.%s is empty; give a %s", k->section,
		    k->key, k->type == CONFIG_T_PATH ? "file path" : "value");
		goto out;
	}
	s = (*val || k->type != CONFIG_T_PATH) ? xstrdup(val) : NULL;
	free(*(char **)(void *)field);
	*(char **)(void *)field = s;
out:
	strbuf_free(&sb);
	return st;
}

/* Record one [keys] or [keys.NAME] entry as a bind. */
static void
config_add_bind(struct config *cfg, const struct config_layer *layer,
                const char *screen, size_t screen_len, const char *action,
                const char *spec, int line)
{
	struct config_bind *b;

	cfg->binds =
	    xrealloc(cfg->binds, (cfg->nbinds + 1) * sizeof(*cfg->binds));
	b = &cfg->binds[cfg->nbinds++];
	b->screen = xstrndup(screen, screen_len);
	b->action = xstrdup(action);
	b->spec = xstrdup(spec);
	b->line = line;
	b->file = layer->file;
}

/* Check one dictionary entry ("section" when val is NULL, else
 * "section:key" with a section of seclen bytes) and apply it to cfg. */
static enum fd_status
config_apply_entry(struct config *cfg, const struct config_layer *layer,
                   const char *name, size_t seclen, const char *val, int line,
                   unsigned char *seen, struct fd_err *err)
{
	const char *key = name + seclen + 1;
	size_t at = 0;
	int index;
	enum fd_status st;

	/* The pre-scan checked the names; these checks are a safety net. */
	if (!val)
		return config_check_section(layer->file, name, line, err);
	st = config_check_name(layer->file, name, seclen, key, line, &index,
	                       err);
	if (st != FD_OK)
		return st;
	if (index < 0) {
		config_section_is_keys(name, seclen, &at);
		config_add_bind(cfg, layer, name + at, seclen - at, key, val,
		                line);
		return FD_OK;
	}
	st = config_set_value(cfg, layer->file, line, &config_schema[index],
	                      val, err);
	if (st == FD_OK) {
		seen[index] = 1;
		cfg->key_lines[index] = layer->defaults ? 0 : line;
	}
	return st;
}

/* Order binds by line. */
static int
config_bind_cmp(const void *a, const void *b)
{
	const struct config_bind *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

/* Pre-scan, parse, check and apply one file's bytes to cfg. */
static enum fd_status
config_apply_layer(struct config *cfg, const struct config_layer *layer,
                   const char *data, size_t len, struct fd_err *err)
{
	struct config_scan scan = {0};
	struct config_first first = {0};
	unsigned char seen[CONFIG_NKEYS] = {0};
	dictionary *d = NULL;
	size_t first_bind = cfg->nbinds;
	struct fd_err e;
	enum fd_status st;
	int line;

	if (len > CONFIG_SIZE_MAX) {
		st = config_fail(
		    err, layer->file, 0,
		    "the file is over %d KiB; is this the right file?",
		    CONFIG_SIZE_MAX / 1024);
		goto out;
	}
	st = config_scan_run(layer->file, data, len, &scan, &first, err);
	if (st != FD_OK)
		goto out;
	config_scan_sort(layer->file, &scan, &first);
	st = config_ini_parse(layer->file, data, len, &d, &line, &e);
	config_first_offer(&first, st, line, &e);
	/* d->key[] holds the entries in the order iniparser met them, which
	 * is file order: the first entry refused is the earliest. */
	for (ssize_t i = 0; d && i < d->size; i++) {
		const char *name = d->key[i];
		const struct config_rec *rec;
		const char *colon;
		size_t seclen;

		if (!name)
			continue;
		rec = config_scan_find(&scan, name);
		line = rec ? rec->line : 0;
		colon = strchr(name, ':');
		seclen =
		    rec ? rec->seclen : (colon ? (size_t)(colon - name) : 0);
		st = config_apply_entry(cfg, layer, name, seclen, d->val[i],
		                        line, seen, &e);
		if (st != FD_OK) {
			config_first_offer(&first, st, line, &e);
			break;
		}
	}
	if (first.st != FD_OK) {
		st = first.st;
		if (err)
			*err = first.err;
		goto out;
	}
	if (cfg->nbinds - first_bind > 1)
		qsort(cfg->binds + first_bind, cfg->nbinds - first_bind,
		      sizeof(*cfg->binds), config_bind_cmp);
	for (size_t i = 0; layer->defaults && i < CONFIG_NKEYS; i++)
		if (!seen[i]) {
			st = config_fail(err, layer->file, 0,
			                 "%s.%s has no default; add it to "
			                 "assets/frontdesk.ini",
			                 config_schema[i].section,
			                 config_schema[i].key);
			goto out;
		}
out:
	if (d)
		iniparser_freedict(d);
	config_scan_free(&scan);
	return st;
}

/* Replace a leading ~/ in every path setting with $HOME. */
static enum fd_status
config_expand_paths(struct config *cfg, struct fd_err *err)
{
	const char *home = getenv("HOME");

	for (size_t i = 0; i < CONFIG_NKEYS; i++) {
		const struct config_key *k = &config_schema[i];
		char **field = (char **)(void *)((char *)cfg + k->offset);
		int line = cfg->key_lines[i];
		size_t hl;
		char *s;

		if (k->type != CONFIG_T_PATH || !*field || (*field)[0] != '~' ||
		    ((*field)[1] != '/' && (*field)[1] != '\0'))
			continue;
		if (!home || !*home)
			return config_fail(
			    err, line ? cfg->source : CONFIG_DEFAULTS_NAME,
			    line,
			    "%s.%s starts with ~ but $HOME is not set; "
			    "set HOME or give %s.%s as a full path in the "
			    "config file",
			    k->section, k->key, k->section, k->key);
		hl = strlen(home);
		while (hl > 1 && home[hl - 1] == '/')
			hl--;
		s = xasprintf("%.*s%s", (int)hl, home, *field + 1);
		free(*field);
		*field = s;
	}
	return FD_OK;
}

/* Build a configuration from the defaults and, when name is non-NULL,
 * the file called name whose bytes are data[0..len). */
static enum fd_status
config_load_layers(const char *name, const char *data, size_t len,
                   struct config *cfg, struct fd_err *err)
{
	const struct fd_asset *a = assets_find("frontdesk.ini");
	struct config c = {0};
	struct config_layer layer;
	enum fd_status st;

	memset(cfg, 0, sizeof(*cfg));
	if (!a) {
		st = config_fail(
		    err, CONFIG_DEFAULTS_NAME, 0,
		    "the embedded frontdesk.ini is missing; rebuild frontdesk");
		goto out;
	}
	c.source = xstrdup(name ? name : CONFIG_DEFAULTS_NAME);
	c.key_lines = xcalloc(CONFIG_NKEYS, sizeof(*c.key_lines));
	layer =
	    (struct config_layer){.file = CONFIG_DEFAULTS_NAME, .defaults = 1};
	st = config_apply_layer(&c, &layer, (const char *)a->data, a->len, err);
	if (st == FD_OK && name) {
		layer = (struct config_layer){.file = c.source};
		st = config_apply_layer(&c, &layer, data ? data : "", len, err);
	}
	if (st == FD_OK)
		st = config_expand_paths(&c, err);
out:
	if (st == FD_OK)
		*cfg = c;
	else
		config_free(&c);
	return st;
}

/* Whether something exists at path. */
static int
config_exists(const char *path)
{
	struct stat sbuf;

	return stat(path, &sbuf) == 0;
}

/* Accept a file someone named explicitly (who: "--config"), or say why
 * not. */
static enum fd_status
config_find_named(const char *path, const char *who, char **path_out,
                  struct fd_err *err)
{
	struct stat sbuf;

	if (!*path)
		return fd_fail(err, FD_E_CONFIG, "%s names an empty file name",
		               who);
	if (stat(path, &sbuf) != 0) {
		if (errno == ENOENT)
			return config_fail(err, path, 0,
			                   "no such file (named by %s)", who);
		return config_fail(err, path, 0, "%s (named by %s)",
		                   strerror(errno), who);
	}
	*path_out = xstrdup(path);
	return FD_OK;
}

enum fd_status
config_find(const char *explicit_path, char **path_out, struct fd_err *err)
{
	const char *env = getenv("FRONTDESK_CONFIG");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *cand = NULL;

	*path_out = NULL;
	if (explicit_path)
		return config_find_named(explicit_path, "--config", path_out,
		                         err);
	if (env && *env)
		return config_find_named(env, "$FRONTDESK_CONFIG", path_out,
		                         err);
	if (xdg && xdg[0] == '/')
		cand = xasprintf("%s/frontdesk/frontdesk.ini", xdg);
	else if (home && *home)
		cand = xasprintf("%s/.config/frontdesk/frontdesk.ini", home);
	if (cand && config_exists(cand)) {
		*path_out = cand;
		return FD_OK;
	}
	free(cand);
	if (config_exists(CONFIG_SYSTEM_PATH))
		*path_out = xstrdup(CONFIG_SYSTEM_PATH);
	return FD_OK;
}

enum fd_status
config_load(const char *path, struct config *cfg, struct fd_err *err)
{
	char *data = NULL;
	size_t len = 0;
	enum fd_status st;

	memset(cfg, 0, sizeof(*cfg));
	if (path) {
		/* Every configuration failure is FD_E_CONFIG. */
		st = util_read_file(path, CONFIG_SIZE_MAX, &data, &len, err);
		if (st != FD_OK) {
			st = FD_E_CONFIG;
			goto out;
		}
	}
	st = config_load_layers(path, data, len, cfg, err);
out:
	free(data);
	return st;
}

enum fd_status
config_load_buffer(const char *name, const char *data, size_t len,
                   struct config *cfg, struct fd_err *err)
{
	return config_load_layers(name ? name : "(buffer)", data, len, cfg,
	                          err);
}

int
config_line(const struct config *cfg, const char *name)
{
	const char *dot = strchr(name, '.');
	size_t seclen;

	if (!dot || !cfg->key_lines)
		return 0;
	seclen = (size_t)(dot - name);
	for (size_t i = 0; i < CONFIG_NKEYS; i++)
		if (strlen(config_schema[i].section) == seclen &&
		    memcmp(config_schema[i].section, name, seclen) == 0 &&
		    strcmp(config_schema[i].key, dot + 1) == 0)
			return cfg->key_lines[i];
	return 0;
}

void
config_free(struct config *cfg)
{
	for (size_t i = 0; i < CONFIG_NKEYS; i++)
		if (config_schema[i].type == CONFIG_T_STRING ||
		    config_schema[i].type == CONFIG_T_PATH)
			free(*(char **)(void *)((char *)cfg +
			                        config_schema[i].offset));
	for (size_t i = 0; i < cfg->nbinds; i++) {
		free(cfg->binds[i].screen);
		free(cfg->binds[i].action);
		free(cfg->binds[i].spec);
	}
	free(cfg->binds);
	free(cfg->key_lines);
	free(cfg->source);
	memset(cfg, 0, sizeof(*cfg));
}
