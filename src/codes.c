/*
 * Code lists and region codes, loaded from two line-based UTF-8 files.
 *
 * Common to both files
 * - UTF-8 (a leading BOM is skipped, CRLF line ends are fine). Blank lines
 *   and lines whose first non-blank character is # are ignored. Fields are
 *   separated by | and trimmed of spaces and tabs; no field may be empty,
 *   hold a control character or exceed CODES_TEXT_MAX bytes.
 * - Any problem stops the load with "FILE:LINE: what is wrong and what to
 *   do" ("FILE: ..." for what concerns the whole file); a file that has
 *   a NUL byte or is not valid UTF-8 is refused at the line where it is.
 *
 * codes.txt: code lists
 *     [list NAME VERSION]
 *     CODE | 中文标签 | English label
 *   NAME is lower-case ASCII (a-z, 0-9, _; starting with a letter), VERSION
 *   any 1-32 printable ASCII characters without spaces or brackets (a year,
 *   "GB3304-1991"). CODE is 1-16 ASCII letters or digits. Items keep the
 *   file's order (the order pick lists show). Within a list a code, a
 *   Chinese label or an English label (compared without ASCII case) may
 *   appear once; a list name once in the file; a list must have an item.
 *   The lists of codes_required[] must be present with the codes the rules
 *   rely on (codes.h: CODES_RELATION_HEAD and the others), so an edited
 *   copy cannot quietly break the consistency rules.
 *
 * regions.txt: GB/T 2260 regions and what lies below a county
 *     CODE | name
 *   The level and the parent follow from the code alone:
 *     6 digits  PP0000 province; PPCC00 prefecture (parent: the province);
 *               PPCCXX county (parent: the prefecture PPCC00 if it is in
 *               the file, else the province: county-level units directly
 *               under a province, or a prefecture left out);
 *     9 digits  township, parent: the 6-digit region it starts with;
 *     12 digits village, parent: the township it starts with.
 *   A province code may not start with 00 and a township or village code
 *   may not end in 000. Every parent must be in the file (in any order); a
 *   code may appear once. Lines may come in any order: regions are kept
 *   sorted by code.
 *
 * Invariants
 * - The loaded tables are replaced only by a load that succeeded in full;
 *   a failed load leaves the previous tables (and pointers into them)
 *   untouched. Pointers handed out stay valid until the next successful
 *   load of the same table or codes_free().
 * - codes_regions is sorted by code, codes unique; every parent pointer
 *   points into the same array and its code is a prefix of the child's
 *   (county: the first 4 or 2 digits).
 * - Every string held is valid UTF-8 without control characters.
 * - The lookup tables (codes_idx, built on the first lookup) describe
 *   codes_lists as loaded: every change of the lists drops them first.
 * - The core never prints: errors go into struct fd_err.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontdesk/assets.h"
#include "frontdesk/codes.h"
#include "frontdesk/lines.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

#define CODES_SIZE_MAX   (16u * 1024 * 1024) /* whole-country villages fit */
#define CODES_TEXT_MAX   200 /* bytes of a label or a region name */
#define CODES_CODE_MAX   16  /* characters of an item code */
#define CODES_NAME_MAX   32  /* characters of a list name or version */
#define CODES_SHOW_MAX   40  /* bytes of bad input quoted in a message */
#define CODES_FIELDS_MAX 4   /* fields looked at on a line */

/* Lists every codes file must hold, with the codes the rules rely on. */
static const struct {
	const char *list;
	const char *codes[3];
} codes_required[] = {
    {"relation", {CODES_RELATION_HEAD, CODES_RELATION_SPOUSE, NULL}},
    {"sex", {CODES_SEX_MALE, CODES_SEX_FEMALE, NULL}},
    {"ethnicity", {NULL}},
    {"education", {NULL}},
    {"school", {CODES_SCHOOL_NONE, NULL}},
    {"health", {CODES_HEALTH_HEALTHY, NULL}},
    {"labour", {CODES_LABOUR_LOST, CODES_LABOUR_NONE, NULL}},
    {"work_status", {NULL}},
    {"attribute", {NULL}},
    {"cause", {NULL}},
    {"other_cause", {NULL}},
    {"standard", {NULL}},
    {"exit_status", {NULL}},
    {"yes_no", {CODES_YES, CODES_NO, NULL}},
};

/* The loaded code lists, in file order. */
static struct code_list *codes_lists;
static size_t codes_nlists;
/* The loaded regions, sorted by code. */
static struct region *codes_regions;
static size_t codes_nregions;
/* Labels in English instead of Chinese. */
static bool codes_english;

/* Lookup tables of the loaded lists, built on the first lookup and
 * dropped whenever the lists change (codes_index_drop): for list i, open
 * addressing slots holding an item's index + 1 (0: empty), by hash of its
 * code and of its Chinese label. A lookup costs one hash instead of a
 * scan: an import looks up a million members' codes, twice. */
struct codes_index {
	uint32_t *code;
	uint32_t *zh;
	size_t cap; /* a power of two, at least twice the items */
};
static struct codes_index *codes_idx; /* codes_nidx entries, or NULL */
static size_t codes_nidx;
/* The same for the lists by name: list index + 1, 0 empty. */
static uint32_t *codes_idx_names;
static size_t codes_idx_ncap;

/* One line of a file being read. */
/* A region line before the table is sorted and linked. */
struct codes_rline {
	char code[13];
	char *name;
	int line;
};

/* Check a label or name field: not empty, not too long, no control
 * character. what names the field in the message. */
static enum fd_status
codes_check_text(const struct lines_reader *r, const char *what, const char *s,
                 const char *e, struct fd_err *err)
{
	if (s == e)
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "the %s is empty; fill it in", what);
	if ((size_t)(e - s) > CODES_TEXT_MAX)
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "the %s is longer than %d bytes; shorten "
		                    "it",
		                    what, CODES_TEXT_MAX);
	if (lines_has_control(s, (size_t)(e - s)))
		return util_fail_at(
		    err, FD_E_PARSE, r->file, r->line,
		    "the %s holds a control character (a tab?); "
		    "remove it",
		    what);
	return FD_OK;
}

/* Free n lists and their items. */
static void
codes_lists_free(struct code_list *lists, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < lists[i].n; j++) {
			free(lists[i].items[j].code);
			free(lists[i].items[j].label_zh);
			free(lists[i].items[j].label_en);
		}
		free(lists[i].items);
		free(lists[i].name);
		free(lists[i].version);
	}
	free(lists);
}

/* Whether a equals the n bytes at s, ASCII letters compared without
 * case. */
static int
codes_eq_nocase_n(const char *a, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++, a++)
		if (!*a || tolower((unsigned char)*a) !=
		               tolower((unsigned char)s[i]))
			return 0;
	return *a == '\0';
}

/* Whether the n bytes at s are all in the class: 'd' digits, 'c' code
 * characters (ASCII letters and digits), 'n' list-name characters, 'v'
 * version characters. */
static int
codes_all(const char *s, size_t n, char cls)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int ok;

		if (cls == 'd')
			ok = c >= '0' && c <= '9';
		else if (cls == 'c')
			ok = isascii(c) && isalnum(c);
		else if (cls == 'n')
			ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			     c == '_';
		else
			ok = c > 0x20 && c < 0x7F && c != '[' && c != ']' &&
			     c != '|';
		if (!ok)
			return 0;
	}
	return 1;
}

/* Parse "[list NAME VERSION]" at [s, e) into a new list appended to
 * *lists; lines[] gets its line. */
static enum fd_status
codes_parse_section(const struct lines_reader *r, const char *s, const char *e,
                    struct code_list **lists, size_t *n, int **lines,
                    struct fd_err *err)
{
	const char *tb[4], *te[4];
	const char *p = s + 1, *end = e - 1;
	char shown[CODES_SHOW_MAX + 4];
	size_t nt = 0;

	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end)
			break;
		if (nt < 4)
			tb[nt] = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		if (nt < 4)
			te[nt] = p;
		nt++;
	}
	if (nt != 3 || te[0] - tb[0] != 4 || memcmp(tb[0], "list", 4) != 0) {
		util_excerpt(shown, sizeof(shown), s, (size_t)(e - s),
		             CODES_SHOW_MAX);
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "\"%s\": a section line is \"[list NAME "
		                    "VERSION]\", e.g. [list relation 2019]",
		                    shown);
	}
	if (te[1] - tb[1] > CODES_NAME_MAX ||
	    !(*tb[1] >= 'a' && *tb[1] <= 'z') ||
	    !codes_all(tb[1], (size_t)(te[1] - tb[1]), 'n')) {
		util_excerpt(shown, sizeof(shown), tb[1],
		             (size_t)(te[1] - tb[1]), CODES_SHOW_MAX);
		return util_fail_at(
		    err, FD_E_PARSE, r->file, r->line,
		    "list name \"%s\": use lower-case letters, "
		    "digits and _ (at most %d), starting with a "
		    "letter",
		    shown, CODES_NAME_MAX);
	}
	if (te[2] - tb[2] > CODES_NAME_MAX ||
	    !codes_all(tb[2], (size_t)(te[2] - tb[2]), 'v')) {
		util_excerpt(shown, sizeof(shown), tb[2],
		             (size_t)(te[2] - tb[2]), CODES_SHOW_MAX);
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "list version \"%s\": use at most %d ASCII "
		                    "letters, digits or signs, no spaces",
		                    shown, CODES_NAME_MAX);
	}
	for (size_t i = 0; i < *n; i++) {
		if (strlen((*lists)[i].name) == (size_t)(te[1] - tb[1]) &&
		    memcmp((*lists)[i].name, tb[1], (size_t)(te[1] - tb[1])) ==
		        0)
			return util_fail_at(err, FD_E_PARSE, r->file, r->line,
			                    "list %s is defined twice (also on "
			                    "line %d); merge them",
			                    (*lists)[i].name, (*lines)[i]);
	}
	*lists = xrealloc(*lists, (*n + 1) * sizeof(**lists));
	*lines = xrealloc(*lines, (*n + 1) * sizeof(**lines));
	memset(&(*lists)[*n], 0, sizeof(**lists));
	(*lists)[*n].name = xstrndup(tb[1], (size_t)(te[1] - tb[1]));
	(*lists)[*n].version = xstrndup(tb[2], (size_t)(te[2] - tb[2]));
	(*lines)[*n] = r->line;
	(*n)++;
	return FD_OK;
}

/* Parse "CODE | 中文 | English" at [s, e) and append it to list l, whose
 * earlier items came from the lines in item_lines. */
static enum fd_status
codes_parse_item(const struct lines_reader *r, const char *s, const char *e,
                 struct code_list *l, size_t *cap, int **item_lines,
                 struct fd_err *err)
{
	const char *fb[CODES_FIELDS_MAX], *fe[CODES_FIELDS_MAX];
	char shown[CODES_SHOW_MAX + 4];
	size_t nf = lines_split(s, e, fb, fe, CODES_FIELDS_MAX);
	size_t clen;
	struct code_item *it;
	enum fd_status st;

	if (nf != 3) {
		util_excerpt(shown, sizeof(shown), s, (size_t)(e - s),
		             CODES_SHOW_MAX);
		return util_fail_at(
		    err, FD_E_PARSE, r->file, r->line,
		    "\"%s\": expected \"CODE | 中文 | English\" "
		    "(3 fields separated by |), found %zu",
		    shown, nf);
	}
	clen = (size_t)(fe[0] - fb[0]);
	if (clen == 0 || clen > CODES_CODE_MAX ||
	    !codes_all(fb[0], clen, 'c')) {
		util_excerpt(shown, sizeof(shown), fb[0], clen, CODES_SHOW_MAX);
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "code \"%s\": a code is 1 to %d ASCII "
		                    "letters or digits",
		                    shown, CODES_CODE_MAX);
	}
	st = codes_check_text(r, "Chinese label", fb[1], fe[1], err);
	if (st == FD_OK)
		st = codes_check_text(r, "English label", fb[2], fe[2], err);
	if (st != FD_OK)
		return st;
	for (size_t i = 0; i < l->n; i++) {
		const struct code_item *o = &l->items[i];
		const char *what = NULL;
		int f = 0;

		if (strlen(o->code) == clen &&
		    memcmp(o->code, fb[0], clen) == 0) {
			what = "code";
		} else if (strlen(o->label_zh) == (size_t)(fe[1] - fb[1]) &&
		           memcmp(o->label_zh, fb[1],
		                  (size_t)(fe[1] - fb[1])) == 0) {
			what = "Chinese label";
			f = 1;
		} else if (strlen(o->label_en) == (size_t)(fe[2] - fb[2]) &&
		           strncasecmp(o->label_en, fb[2],
		                       (size_t)(fe[2] - fb[2])) == 0) {
			what = "English label";
			f = 2;
		}
		if (!what)
			continue;
		util_excerpt(shown, sizeof(shown), fb[f],
		             (size_t)(fe[f] - fb[f]), CODES_SHOW_MAX);
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "%s \"%s\" is already used in list %s on "
		                    "line %d; each must be unique",
		                    what, shown, l->name, (*item_lines)[i]);
	}
	if (l->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		l->items = xrealloc(l->items, *cap * sizeof(*l->items));
		*item_lines =
		    xrealloc(*item_lines, *cap * sizeof(**item_lines));
	}
	it = &l->items[l->n];
	it->code = xstrndup(fb[0], clen);
	it->label_zh = xstrndup(fb[1], (size_t)(fe[1] - fb[1]));
	it->label_en = xstrndup(fb[2], (size_t)(fe[2] - fb[2]));
	(*item_lines)[l->n] = r->line;
	l->n++;
	return FD_OK;
}

/* The list called name among n lists, or NULL. */
static const struct code_list *
codes_list_in(const struct code_list *lists, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(lists[i].name, name) == 0)
			return &lists[i];
	return NULL;
}

/* The item with code in l, or NULL. */
static const struct code_item *
codes_item_in(const struct code_list *l, const char *code)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (strcmp(l->items[i].code, code) == 0)
			return &l->items[i];
	return NULL;
}

/* FNV-1a of the n bytes at s. */
static uint64_t
codes_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h ^ (h >> 29);
}

/* Free the lookup tables (the lists changed or go). */
static void
codes_index_drop(void)
{
	for (size_t i = 0; i < codes_nidx; i++) {
		free(codes_idx[i].code);
		free(codes_idx[i].zh);
	}
	free(codes_idx);
	free(codes_idx_names);
	codes_idx = NULL;
	codes_nidx = 0;
	codes_idx_names = NULL;
	codes_idx_ncap = 0;
}

/* Put item k (key s) into the slots v of cap entries, unless a key equal
 * to it is there already (the first item keeps it, as a scan finds). */
static void
codes_index_put(uint32_t *v, size_t cap, const struct code_list *l,
                size_t k, const char *s, bool zh)
{
	size_t i = (size_t)codes_hash(s, strlen(s)) & (cap - 1);

	for (; v[i]; i = (i + 1) & (cap - 1)) {
		const struct code_item *it = &l->items[v[i] - 1];

		if (strcmp(zh ? it->label_zh : it->code, s) == 0)
			return;
	}
	v[i] = (uint32_t)k + 1;
}

/* The lookup tables of the loaded lists, built if need be. */
static const struct codes_index *
codes_index_get(void)
{
	if (codes_idx || !codes_nlists)
		return codes_idx;
	codes_idx = xcalloc(codes_nlists, sizeof(*codes_idx));
	codes_nidx = codes_nlists;
	codes_idx_ncap = 8;
	while (codes_idx_ncap < codes_nlists * 2)
		codes_idx_ncap *= 2;
	codes_idx_names = xcalloc(codes_idx_ncap, sizeof(*codes_idx_names));
	for (size_t i = 0; i < codes_nlists; i++) {
		const char *name = codes_lists[i].name;
		size_t k = (size_t)codes_hash(name, strlen(name)) &
		           (codes_idx_ncap - 1);

		while (codes_idx_names[k] &&
		       strcmp(codes_lists[codes_idx_names[k] - 1].name, name) != 0)
			k = (k + 1) & (codes_idx_ncap - 1);
		if (!codes_idx_names[k])
			codes_idx_names[k] = (uint32_t)i + 1;
	}
	for (size_t i = 0; i < codes_nlists; i++) {
		const struct code_list *l = &codes_lists[i];
		struct codes_index *x = &codes_idx[i];

		x->cap = 8;
		while (x->cap < l->n * 2)
			x->cap *= 2;
		x->code = xcalloc(x->cap, sizeof(*x->code));
		x->zh = xcalloc(x->cap, sizeof(*x->zh));
		for (size_t k = 0; k < l->n; k++) {
			codes_index_put(x->code, x->cap, l, k,
			                l->items[k].code, false);
			codes_index_put(x->zh, x->cap, l, k,
			                l->items[k].label_zh, true);
		}
	}
	return codes_idx;
}

/* The first item of l whose code (zh: Chinese label) is the n bytes at
 * s, or NULL: through the lookup tables for a loaded list, else a
 * scan. */
static const struct code_item *
codes_item_lookup(const struct code_list *l, const char *s, size_t n,
                  bool zh)
{
	const struct codes_index *x;
	size_t i;

	if (!l)
		return NULL;
	if (l < codes_lists || l >= codes_lists + codes_nlists ||
	    !codes_index_get()) {
		for (size_t k = 0; k < l->n; k++) {
			const char *t = zh ? l->items[k].label_zh
			                   : l->items[k].code;

			if (strlen(t) == n && memcmp(t, s, n) == 0)
				return &l->items[k];
		}
		return NULL;
	}
	x = &codes_idx[l - codes_lists];
	for (i = (size_t)codes_hash(s, n) & (x->cap - 1);
	     (zh ? x->zh : x->code)[i]; i = (i + 1) & (x->cap - 1)) {
		const struct code_item *it =
		    &l->items[(zh ? x->zh : x->code)[i] - 1];
		const char *t = zh ? it->label_zh : it->code;

		if (strlen(t) == n && memcmp(t, s, n) == 0)
			return it;
	}
	return NULL;
}

/* Check that the lists and codes the program relies on are present. */
static enum fd_status
codes_check_required(const char *file, const struct code_list *lists, size_t n,
                     const int *lines, struct fd_err *err)
{
	for (size_t i = 0; i < FD_ARRAY_LEN(codes_required); i++) {
		const struct code_list *l =
		    codes_list_in(lists, n, codes_required[i].list);

		if (!l)
			return util_fail_at(err, FD_E_PARSE, file, 0,
			                    "list %s is missing; add a section "
			                    "[list %s VERSION] with its codes "
			                    "(see the built-in codes.txt)",
			                    codes_required[i].list,
			                    codes_required[i].list);
		for (size_t j = 0; codes_required[i].codes[j]; j++)
			if (!codes_item_in(l, codes_required[i].codes[j]))
				return util_fail_at(
				    err, FD_E_PARSE, file, lines[l - lists],
				    "list %s has no code %s, which the "
				    "consistency rules rely on; add it",
				    l->name, codes_required[i].codes[j]);
	}
	return FD_OK;
}

/* Parse a whole codes file into *out (*nout lists). */
static enum fd_status
codes_parse(const char *file, const char *data, size_t len,
            struct code_list **out, size_t *nout, struct fd_err *err)
{
	struct lines_reader r = {file, data, len, 0, 0};
	struct code_list *lists = NULL;
	int *lines = NULL, *item_lines = NULL;
	size_t n = 0, cap = 0;
	const char *s, *e;
	enum fd_status st = FD_OK;
	int got;

	*out = NULL;
	*nout = 0;
	if (len > CODES_SIZE_MAX) {
		st = util_fail_at(err, FD_E_PARSE, file, 0,
		                  "the file is over %u KiB; is this the right "
		                  "file?",
		                  CODES_SIZE_MAX / 1024);
		goto out;
	}
	while ((got = lines_next(&r, &s, &e, err)) > 0) {
		if (*s == '[') {
			if (e[-1] != ']') {
				st = util_fail_at(err, FD_E_PARSE, file, r.line,
				                  "a section line ends with ]: "
				                  "[list NAME VERSION]");
				goto out;
			}
			if (n > 0 && lists[n - 1].n == 0) {
				st = util_fail_at(
				    err, FD_E_PARSE, file, lines[n - 1],
				    "list %s has no items; add \"CODE | "
				    "中文 | English\" lines after it",
				    lists[n - 1].name);
				goto out;
			}
			st = codes_parse_section(&r, s, e, &lists, &n, &lines,
			                         err);
			cap = 0;
			free(item_lines);
			item_lines = NULL;
		} else if (n == 0) {
			st = util_fail_at(err, FD_E_PARSE, file, r.line,
			                  "an item before the first section; "
			                  "start the list with [list NAME "
			                  "VERSION]");
		} else {
			st = codes_parse_item(&r, s, e, &lists[n - 1], &cap,
			                      &item_lines, err);
		}
		if (st != FD_OK)
			goto out;
	}
	if (got < 0) {
		st = FD_E_PARSE;
		goto out;
	}
	if (n > 0 && lists[n - 1].n == 0) {
		st = util_fail_at(err, FD_E_PARSE, file, lines[n - 1],
		                  "list %s has no items; add \"CODE | 中文 | "
		                  "English\" lines after it",
		                  lists[n - 1].name);
		goto out;
	}
	st = codes_check_required(file, lists, n, lines, err);
	if (st != FD_OK)
		goto out;
	*out = lists;
	*nout = n;
	lists = NULL;
	n = 0;
out:
	codes_lists_free(lists, n);
	free(lines);
	free(item_lines);
	return st;
}

/* Order region lines by code, then by line. */
static int
codes_rline_cmp(const void *a, const void *b)
{
	const struct codes_rline *x = a, *y = b;
	int c = strcmp(x->code, y->code);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* The region with code among the n sorted regions, or NULL. */
static struct region *
codes_region_in(struct region *v, size_t n, const char *code)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(v[mid].code, code);

		if (c == 0)
			return &v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The level of a region code of 6, 9 or 12 digits; 0 if it is not one. */
static enum region_level
codes_region_level(const char *code, size_t n)
{
	if (n == 12)
		return memcmp(code + 9, "000", 3) ? REGION_VILLAGE : 0;
	if (n == 9)
		return memcmp(code + 6, "000", 3) ? REGION_TOWNSHIP : 0;
	if (n != 6 || memcmp(code, "00", 2) == 0)
		return 0;
	if (memcmp(code + 2, "0000", 4) == 0)
		return REGION_PROVINCE;
	if (memcmp(code + 4, "00", 2) == 0)
		return REGION_PREFECTURE;
	return REGION_COUNTY;
}

/* Link every region of v (sorted, n) to its parent; lines[i] is the line
 * of v[i]. */
static enum fd_status
codes_regions_link(const char *file, struct region *v, size_t n,
                   const int *lines, struct fd_err *err)
{
	static const char *const names[] = {"",       "province", "prefecture",
	                                    "county", "township", "village"};

	for (size_t i = 0; i < n; i++) {
		struct region *r = &v[i];
		char pc[13] = "", alt[13] = "";

		switch (r->level) {
		case REGION_PREFECTURE:
			memcpy(pc, r->code, 2);
			memcpy(pc + 2, "0000", 5);
			break;
		case REGION_COUNTY:
			memcpy(pc, r->code, 4);
			memcpy(pc + 4, "00", 3);
			memcpy(alt, r->code, 2);
			memcpy(alt + 2, "0000", 5);
			break;
		case REGION_TOWNSHIP:
			memcpy(pc, r->code, 6);
			break;
		case REGION_VILLAGE:
			memcpy(pc, r->code, 9);
			break;
		default:
			continue;
		}
		r->parent = codes_region_in(v, n, pc);
		if (!r->parent && alt[0])
			r->parent = codes_region_in(v, n, alt);
		if (r->parent)
			continue;
		if (alt[0])
			return util_fail_at(
			    err, FD_E_PARSE, file, lines[i],
			    "county %s %s: neither its "
			    "prefecture %s nor its province %s is "
			    "in the file; add one of them",
			    r->code, r->name, pc, alt);
		return util_fail_at(
		    err, FD_E_PARSE, file, lines[i],
		    "%s %s %s: its %s %s is not in the file; add it",
		    names[r->level], r->code, r->name,
		    r->level == REGION_PREFECTURE ? "province"
		    : r->level == REGION_VILLAGE  ? "township"
		                                  : "county",
		    pc);
	}
	return FD_OK;
}

/* Free n regions and their names. */
static void
codes_regions_free(struct region *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/* Parse a whole regions file into *out (*nout regions, sorted, linked). */
static enum fd_status
codes_parse_regions(const char *file, const char *data, size_t len,
                    struct region **out, size_t *nout, struct fd_err *err)
{
	struct lines_reader r = {file, data, len, 0, 0};
	struct codes_rline *rl = NULL;
	struct region *v = NULL;
	int *lines = NULL;
	size_t n = 0, cap = 0, nv = 0;
	const char *s, *e;
	char shown[CODES_SHOW_MAX + 4];
	enum fd_status st = FD_OK;
	int got;

	*out = NULL;
	*nout = 0;
	if (len > CODES_SIZE_MAX) {
		st = util_fail_at(err, FD_E_PARSE, file, 0,
		                  "the file is over %u KiB; is this the right "
		                  "file?",
		                  CODES_SIZE_MAX / 1024);
		goto out;
	}
	while ((got = lines_next(&r, &s, &e, err)) > 0) {
		const char *fb[CODES_FIELDS_MAX], *fe[CODES_FIELDS_MAX];
		size_t nf = lines_split(s, e, fb, fe, CODES_FIELDS_MAX);
		size_t clen = nf >= 1 ? (size_t)(fe[0] - fb[0]) : 0;

		if (nf != 2) {
			util_excerpt(shown, sizeof(shown), s, (size_t)(e - s),
			             CODES_SHOW_MAX);
			st = util_fail_at(err, FD_E_PARSE, file, r.line,
			                  "\"%s\": expected \"CODE | name\" (2 "
			                  "fields separated by |), found %zu",
			                  shown, nf);
			goto out;
		}
		if (!codes_all(fb[0], clen, 'd') ||
		    !codes_region_level(fb[0], clen)) {
			util_excerpt(shown, sizeof(shown), fb[0], clen,
			             CODES_SHOW_MAX);
			st = util_fail_at(
			    err, FD_E_PARSE, file, r.line,
			    "\"%s\" is not a region code: 6 digits (not "
			    "starting 00), 9 or 12 digits (not ending 000)",
			    shown);
			goto out;
		}
		st = codes_check_text(&r, "region name", fb[1], fe[1], err);
		if (st != FD_OK)
			goto out;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			rl = xrealloc(rl, cap * sizeof(*rl));
		}
		memcpy(rl[n].code, fb[0], clen);
		rl[n].code[clen] = '\0';
		rl[n].name = xstrndup(fb[1], (size_t)(fe[1] - fb[1]));
		rl[n].line = r.line;
		n++;
	}
	if (got < 0) {
		st = FD_E_PARSE;
		goto out;
	}
	if (n == 0) {
		st = util_fail_at(err, FD_E_PARSE, file, 0,
		                  "no regions; add \"CODE | name\" lines");
		goto out;
	}
	if (rl)
		qsort(rl, n, sizeof(*rl), codes_rline_cmp);
	for (size_t i = 1; i < n; i++)
		if (strcmp(rl[i].code, rl[i - 1].code) == 0) {
			st = util_fail_at(err, FD_E_PARSE, file, rl[i].line,
			                  "region %s is listed twice (also on "
			                  "line %d); keep one",
			                  rl[i].code, rl[i - 1].line);
			goto out;
		}
	v = xcalloc(n, sizeof(*v));
	lines = xcalloc(n, sizeof(*lines));
	for (nv = 0; nv < n; nv++) {
		memcpy(v[nv].code, rl[nv].code, sizeof(v[nv].code));
		v[nv].name = rl[nv].name;
		rl[nv].name = NULL;
		v[nv].level =
		    codes_region_level(v[nv].code, strlen(v[nv].code));
		lines[nv] = rl[nv].line;
	}
	st = codes_regions_link(file, v, nv, lines, err);
	if (st != FD_OK)
		goto out;
	*out = v;
	*nout = nv;
	v = NULL;
	nv = 0;
out:
	for (size_t i = 0; i < n; i++)
		free(rl[i].name);
	free(rl);
	free(lines);
	codes_regions_free(v, nv);
	return st;
}

enum fd_status
codes_load(const char *codes_path, const char *regions_path, struct fd_err *err)
{
	struct code_list *lists = NULL;
	struct region *regions = NULL;
	size_t nlists = 0, nregions = 0, clen = 0, rlen = 0;
	const char *cdata = NULL, *rdata = NULL;
	char *cown = NULL, *rown = NULL;
	const char *cname =
	    codes_path && *codes_path ? codes_path : "codes.txt";
	const char *rname =
	    regions_path && *regions_path ? regions_path : "regions.txt";
	enum fd_status st;

	st = lines_source(codes_path, "codes.txt", CODES_SIZE_MAX, &cdata,
	                  &clen, &cown, err);
	if (st == FD_OK)
		st = lines_source(regions_path, "regions.txt", CODES_SIZE_MAX,
		                  &rdata, &rlen, &rown, err);
	if (st == FD_OK)
		st = codes_parse(cname, cdata, clen, &lists, &nlists, err);
	if (st == FD_OK)
		st = codes_parse_regions(rname, rdata, rlen, &regions,
		                         &nregions, err);
	if (st != FD_OK)
		goto out;
	codes_free();
	codes_index_drop();
	codes_lists = lists;
	codes_nlists = nlists;
	codes_regions = regions;
	codes_nregions = nregions;
	lists = NULL;
	nlists = 0;
	regions = NULL;
	nregions = 0;
out:
	codes_lists_free(lists, nlists);
	codes_regions_free(regions, nregions);
	free(cown);
	free(rown);
	return st;
}

enum fd_status
codes_load_buffer(const char *name, const char *data, size_t len,
                  struct fd_err *err)
{
	struct code_list *lists;
	size_t n;
	enum fd_status st;

	st = codes_parse(name ? name : "(buffer)", data ? data : "",
	                 data ? len : 0, &lists, &n, err);
	if (st == FD_OK) {
		codes_index_drop();
		codes_lists_free(codes_lists, codes_nlists);
		codes_lists = lists;
		codes_nlists = n;
	}
	return st;
}

enum fd_status
regions_load_buffer(const char *name, const char *data, size_t len,
                    struct fd_err *err)
{
	struct region *v;
	size_t n;
	enum fd_status st;

	st = codes_parse_regions(name ? name : "(buffer)", data ? data : "",
	                         data ? len : 0, &v, &n, err);
	if (st == FD_OK) {
		codes_regions_free(codes_regions, codes_nregions);
		codes_regions = v;
		codes_nregions = n;
	}
	return st;
}

void
codes_free(void)
{
	codes_index_drop();
	codes_lists_free(codes_lists, codes_nlists);
	codes_lists = NULL;
	codes_nlists = 0;
	codes_regions_free(codes_regions, codes_nregions);
	codes_regions = NULL;
	codes_nregions = 0;
}

void
codes_set_english(bool en)
{
	codes_english = en;
}

const struct code_list *
codes_list(const char *name)
{
	size_t k;

	if (!name || !codes_index_get())
		return NULL;
	for (k = (size_t)codes_hash(name, strlen(name)) & (codes_idx_ncap - 1);
	     codes_idx_names[k]; k = (k + 1) & (codes_idx_ncap - 1))
		if (strcmp(codes_lists[codes_idx_names[k] - 1].name, name) == 0)
			return &codes_lists[codes_idx_names[k] - 1];
	return NULL;
}

const char *
code_item_label(const struct code_item *it)
{
	if (!it)
		return NULL;
	return codes_english ? it->label_en : it->label_zh;
}

const char *
codes_label(const char *list, const char *code)
{
	if (!code)
		return NULL;
	return code_item_label(
	    codes_item_lookup(codes_list(list), code, strlen(code), false));
}

const char *
codes_find(const char *list, const char *s)
{
	const struct code_list *l = codes_list(list);
	const struct code_item *it = NULL;
	size_t b = 0, e;

	if (!l || !s)
		return NULL;
	e = strlen(s);
	while (b < e && lines_is_blank((unsigned char)s[b]))
		b++;
	while (e > b && lines_is_blank((unsigned char)s[e - 1]))
		e--;
	it = codes_item_lookup(l, s + b, e - b, false);
	if (!it)
		it = codes_item_lookup(l, s + b, e - b, true);
	for (size_t i = 0; i < l->n && !it; i++)
		if (codes_eq_nocase_n(l->items[i].label_en, s + b, e - b))
			it = &l->items[i];
	return it ? it->code : NULL;
}

const struct region *
region_find(const char *code)
{
	if (!code)
		return NULL;
	return codes_region_in(codes_regions, codes_nregions, code);
}

const struct region *
region_of_id(const char *id_number)
{
	char code[7];
	const struct region *r;

	if (!id_number || strnlen(id_number, 6) < 6 ||
	    !codes_all(id_number, 6, 'd'))
		return NULL;
	memcpy(code, id_number, 6);
	code[6] = '\0';
	if ((r = region_find(code)) != NULL)
		return r;
	memcpy(code + 4, "00", 2);
	if ((r = region_find(code)) != NULL)
		return r;
	memcpy(code + 2, "00", 2);
	return region_find(code);
}

const struct region **
region_children(const struct region *parent, size_t *n)
{
	const struct region **v = NULL;
	size_t k = 0;

	for (size_t i = 0; i < codes_nregions; i++)
		if (codes_regions[i].parent == parent)
			k++;
	if (k) {
		v = xmalloc(k * sizeof(*v));
		k = 0;
		for (size_t i = 0; i < codes_nregions; i++)
			if (codes_regions[i].parent == parent)
				v[k++] = &codes_regions[i];
	}
	*n = k;
	return v;
}

const struct region **
region_search(enum region_level level, const char *s, size_t *n)
{
	const struct region **v = NULL;
	size_t k = 0, cap = 0;

	for (size_t i = 0; i < codes_nregions; i++) {
		const struct region *r = &codes_regions[i];

		if ((level != REGION_ANY && r->level != level) ||
		    (s && !strstr(r->name, s)))
			continue;
		if (k == cap) {
			cap = cap ? cap * 2 : 32;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[k++] = r;
	}
	*n = k;
	return v;
}

char *
region_path(const char *code)
{
	const struct region *r = region_find(code);
	const struct region *chain[REGION_VILLAGE];
	struct strbuf sb = {0};
	size_t k = 0;

	if (!r)
		return NULL;
	for (; r && k < FD_ARRAY_LEN(chain); r = r->parent)
		chain[k++] = r;
	while (k > 0) {
		strbuf_adds(&sb, chain[--k]->name);
		if (k)
			strbuf_add(&sb, " ", 1);
	}
	return strbuf_take(&sb);
}
