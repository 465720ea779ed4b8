/*
 * Import and export of households as CSV, through the column map of
 * assets/import_households.txt.
 *
 * Design
 * - The map is a list of (header, target) pairs, loaded once (the built-in
 *   asset unless import_set_map named another file). Headers are compared
 *   by a key: blanks removed, ASCII lower case, full-width brackets made
 *   ASCII, so "耕地面积（亩）" and "耕地面积(亩)" are the same column.
 * - An import runs in two steps over the whole file held in memory:
 *   1. read: the header row is matched against the map (an unknown column
 *      refuses the file), then every data line is cleaned (blanks, Excel's
 *      ="..." and leading ', dates to YYYY-MM-DD) and grouped by 户编号
 *      (a hash of 户编号 to group, and of ID number to line, which finds an
 *      ID given twice in the file);
 *   2. build, check and save, all in ONE transaction (txn_begin; for a dry
 *      run a plain read transaction, so the checks see one state and do
 *      not take the read lock once per query): the 户编号 and id of every
 *      stored household are read into a hash first (no query per group
 *      to find its household); per group, the stored household (if any)
 *      is loaded, the file's non-empty cells are laid over it (members
 *      matched by normalised ID number, new ones appended), the whole is
 *      normalised (household_normalize). A household that would not
 *      change is counted and left alone (not checked, not written).
 *      Otherwise it is checked (every rule, duplicates against the
 *      database, which by then holds the file's earlier households) and
 *      saved with its warnings accepted: a stored one by
 *      household_save_accepting_in (the careful path: load, versions,
 *      updates), a new one by household_save_new_in (the bulk path,
 *      below); its issues come back to be reported on the lines of their
 *      members (household issues on the group's first line). Once a line is
 *      refused, later groups are only checked (household_check), so the
 *      report still lists every bad line. At the end: any refused line,
 *      or any failed write, rolls the transaction back (nothing is
 *      imported); else commit.
 * - Speed (an import may hold a million members): the statements of
 *   household.c stay prepared for the run (household_batch_begin), and
 *   the connection gets a large page cache (db_bulk_set); each
 *   household is checked once; the search indexes are switched to one
 *   rebuild at the end (search_bulk_begin/end, which also suspends their
 *   upkeep triggers) once the row-by-row upkeep would cost about as much
 *   (IMPORT_BULK_RATIO).
 * - The bulk path for new households (import_set_bulk, on by default):
 *   household_save_new_in writes through txn_insert_bulk (the same rows
 *   and audit rows, no savepoint per row, statements kept), and runs the
 *   duplicate queries only when run->seen says a stored member may be a
 *   duplicate: a filter of hashed keys (ID number, name + birth date,
 *   name + village) of every member stored, read once at the first new
 *   household and kept up to date with every household saved. A key
 *   stored is always found (a hit may also be a hash collision: the
 *   queries then decide), so the issues are exactly those of the careful
 *   path (the tests compare the two databases). A new household's 户编号
 *   is neither stored nor another group's, so it needs no query either.
 *   While the new members outnumber the stored ones, the indexes no query
 *   of the import uses (import_suspend) are suspended and built again in
 *   one pass before the commit.
 * - Reading allocates nothing per cell: cells are cleaned into one
 *   buffer, each line's values copied into an arena.
 * - Messages are catalog texts (IMPORT_*, with {1}.. arguments, msgfmt.h);
 *   the column map's own errors are for whoever edits the map and stay in
 *   technical English (util_fail_at "FILE:LINE: ...").
 *
 * Invariants
 * - Nothing is committed unless every line passed and every household was
 *   saved; a household that would not change is never saved, so a
 *   repeated import leaves the database (and its audit table) exactly as
 *   it was.
 * - household_batch_begin/_end bracket every import_households call.
 * - run->seen holds the keys of every member the database holds (once
 *   read): only households saved add members, and each is added.
 * - Whatever import_suspend and search_bulk_begin suspended is restored
 *   before the commit (txn_commit refuses otherwise).
 * - Every problem names the physical line of the file (csv_line).
 * - The core never prints: problems go into the report, failures into err.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontdesk/assets.h"
#include "frontdesk/codes.h"
#include "frontdesk/csv.h"
#include "frontdesk/hhcheck.h"
#include "frontdesk/household.h"
#include "frontdesk/i18n.h"
#include "frontdesk/idcard.h"
#include "frontdesk/import.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/record.h"
#include "frontdesk/search.h"
#include "frontdesk/txn.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

#define IMPORT_MAP_ASSET "import_households.txt"
#define IMPORT_MAP_MAX   (1024 * 1024)
#define IMPORT_SHOW_MAX  60 /* bytes of a value quoted in a message */
#define IMPORT_AMBIG_MAX 3  /* villages named in an "ambiguous" message */
/* Keeping the search indexes row by row costs ~50 us a member inside the
 * import's transaction, rebuilding them ~5 us a stored member (measured
 * with 003_search.sql, SQLite 3.40): the import switches to one rebuild
 * at the end once it has written 1/IMPORT_BULK_RATIO of the members that
 * were stored (at once into an empty database). */
#define IMPORT_BULK_RATIO 10

/* Indexes that no query of the import uses (search and audit history
 * only): while the file's new members are at least as many as the stored
 * ones, they are suspended (txn_schema_suspend) and built again at the
 * end in one pass, faster than as many inserts into each (~3 s of a
 * million members). */
static const char *const import_suspend[] = {
	"member_id_tail",
	"household_updated",
	"audit_at",
	"audit_entity",
};

/* What a column gives. */
enum import_kind {
	IMPORT_IGNORE,
	IMPORT_HH,     /* field: enum hh_field */
	IMPORT_MEM,    /* field: enum mem_field */
	IMPORT_REGION, /* field: enum region_level (a name) */
	IMPORT_HEAD_NAME,
	IMPORT_HEAD_ID,
	IMPORT_INFO_MEMBERS,
};

/* One line of the map. */
struct import_col {
	char *header; /* as the map writes it */
	char *key;    /* import_key(header) */
	enum import_kind kind;
	int field;
	int line; /* in the map file */
};

struct import_map {
	char *name; /* file name for messages; NULL when nothing is loaded */
	struct import_col *v;
	size_t n;
};

static struct import_map import_map_cur;
/* import_set_bulk */
static bool import_bulk = true;

static const char *const import_level_names[] = {
    [REGION_PROVINCE] = "province", [REGION_PREFECTURE] = "prefecture",
    [REGION_COUNTY] = "county",     [REGION_TOWNSHIP] = "township",
    [REGION_VILLAGE] = "village",
};

/* ---- small helpers ------------------------------------------------------ */

/* The catalog text of id with up to 4 arguments. Caller frees. */
static char *
import_fmt(enum fd_msg id, const char *a1, const char *a2, const char *a3,
           const char *a4)
{
	const char *a[4] = {a1, a2, a3, a4};

	return msg_format(tr(id), 4, a);
}

/* Length of the blank (ASCII blank, U+3000, U+00A0, U+FEFF) at s, or 0. */
static size_t
import_blank(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '\v' ||
	    *s == '\f')
		return 1;
	if (strncmp(s, "\xE3\x80\x80", 3) == 0 ||
	    strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		return 3;
	if (strncmp(s, "\xC2\xA0", 2) == 0)
		return 2;
	return 0;
}

/* Length of the blank ending at s + n (s[0..n) only is read), or 0. */
static size_t
import_blank_end(const char *s, size_t n)
{
	if (n >= 1 && import_blank(s + n - 1) == 1)
		return 1;
	if (n >= 2 && memcmp(s + n - 2, "\xC2\xA0", 2) == 0)
		return 2;
	if (n >= 3 && (memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0 ||
	               memcmp(s + n - 3, "\xEF\xBB\xBF", 3) == 0))
		return 3;
	return 0;
}

/* The n bytes at s without surrounding blanks: their start, *len their
 * length (no copy). */
static const char *
import_span(const char *s, size_t n, size_t *len)
{
	size_t k;

	while (n > 0 && (k = import_blank(s)) > 0 && k <= n) {
		s += k;
		n -= k;
	}
	while ((k = import_blank_end(s, n)) > 0)
		n -= k;
	*len = n;
	return s;
}

/* s without surrounding blanks, as a new string. */
static char *
import_trim(const char *s)
{
	size_t n;
	const char *v = import_span(s, strlen(s), &n);

	return xstrndup(v, n);
}

/* The comparison key of a header: blanks out, ASCII lower case, （） as
 * (). Caller frees. */
static char *
import_key(const char *s)
{
	struct strbuf sb = {0};
	size_t k;

	while (*s) {
		if ((k = import_blank(s)) > 0) {
			s += k;
		} else if (strncmp(s, "\xEF\xBC\x88", 3) == 0) {
			strbuf_add(&sb, "(", 1);
			s += 3;
		} else if (strncmp(s, "\xEF\xBC\x89", 3) == 0) {
			strbuf_add(&sb, ")", 1);
			s += 3;
		} else {
			char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a')
			                                : *s;

			strbuf_add(&sb, &c, 1);
			s++;
		}
	}
	return strbuf_take(&sb);
}

/* A value quoted in a message: cut, control characters as '?'. */
static void
import_show(char out[IMPORT_SHOW_MAX + 4], const char *s)
{
	util_excerpt(out, IMPORT_SHOW_MAX + 4, s, strlen(s), IMPORT_SHOW_MAX);
}

/* ---- the column map ------------------------------------------------------ */

/* True when s holds a control character (C0, DEL, C1). */
static bool
import_has_control(const char *s)
{
	size_t i = 0, n = strlen(s);
	uint32_t cp;

	while (i < n) {
		int k = utf8_decode(s + i, n - i, &cp);

		if (k <= 0 || cp < 0x20 || cp == 0x7F ||
		    (cp >= 0x80 && cp <= 0x9F))
			return true;
		i += (size_t)k;
	}
	return false;
}

/* Free the map m and zero it. */
static void
import_map_clear(struct import_map *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].header);
		free(m->v[i].key);
	}
	free(m->v);
	free(m->name);
	memset(m, 0, sizeof(*m));
}

/* Parse target t ("member.name") into kind and field; false if unknown. */
static bool
import_target(const char *t, enum import_kind *kind, int *field)
{
	const char *dot = strchr(t, '.');
	size_t n;

	if (!dot)
		return false;
	n = (size_t)(dot - t);
	if (n == 9 && strncmp(t, "household", n) == 0) {
		*kind = IMPORT_HH;
		*field = record_field(&entity_household, dot + 1);
		return *field >= 0;
	}
	if (n == 6 && strncmp(t, "member", n) == 0) {
		*kind = IMPORT_MEM;
		*field = record_field(&entity_member, dot + 1);
		return *field >= 0;
	}
	if (n == 6 && strncmp(t, "region", n) == 0) {
		*kind = IMPORT_REGION;
		for (int l = REGION_PROVINCE; l <= REGION_VILLAGE; l++) {
			if (strcmp(dot + 1, import_level_names[l]) == 0) {
				*field = l;
				return true;
			}
		}
		return false;
	}
	*field = -1;
	if (strcmp(t, "check.head_name") == 0)
		*kind = IMPORT_HEAD_NAME;
	else if (strcmp(t, "check.head_id") == 0)
		*kind = IMPORT_HEAD_ID;
	else if (strcmp(t, "info.members") == 0)
		*kind = IMPORT_INFO_MEMBERS;
	else
		return false;
	return true;
}

/* The first map entry giving (kind, field), or NULL. */
static const struct import_col *
import_map_first(const struct import_map *m, enum import_kind kind, int field)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].kind == kind && m->v[i].field == field)
			return &m->v[i];
	return NULL;
}

/* Parse one "HEADER = TARGET" or "ignore = HEADER" line into m. */
static enum fd_status
import_map_line(struct import_map *m, const char *name, int lineno,
                const char *line, struct fd_err *err)
{
	const char *eq = strchr(line, '=');
	char *left = NULL, *right = NULL, *lhs = NULL;
	struct import_col c = {0};
	enum fd_status st = FD_OK;

	if (!eq) {
		st = util_fail_at(err, FD_E_PARSE, name, lineno,
		                  "expected \"HEADER = TARGET\" or "
		                  "\"ignore = HEADER\"");
		goto out;
	}
	lhs = xstrndup(line, (size_t)(eq - line));
	left = import_trim(lhs);
	right = import_trim(eq + 1);
	if (!*left || !*right) {
		st = util_fail_at(err, FD_E_PARSE, name, lineno,
		                  "both sides of \"=\" must be filled in");
		goto out;
	}
	c.line = lineno;
	if (strcmp(left, "ignore") == 0) {
		c.kind = IMPORT_IGNORE;
		c.field = -1;
		c.header = right;
		right = NULL;
	} else if (!import_target(right, &c.kind, &c.field)) {
		st =
		    util_fail_at(err, FD_E_PARSE, name, lineno,
		                 "unknown target \"%s\"; use household.FIELD, "
		                 "member.FIELD, region.LEVEL, check.head_name, "
		                 "check.head_id or info.members (see the top "
		                 "of the built-in map)",
		                 right);
		goto out;
	} else {
		c.header = left;
		left = NULL;
	}
	c.key = import_key(c.header);
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->v[i].key, c.key) == 0) {
			st = util_fail_at(err, FD_E_PARSE, name, lineno,
			                  "header \"%s\" is already on line %d",
			                  c.header, m->v[i].line);
			goto out;
		}
	}
	m->v = xrealloc(m->v, (m->n + 1) * sizeof(*m->v));
	m->v[m->n++] = c;
	c.header = c.key = NULL;
out:
	free(c.header);
	free(c.key);
	free(lhs);
	free(left);
	free(right);
	return st;
}

/* Parse a whole map into m (zeroed). */
static enum fd_status
import_map_parse(struct import_map *m, const char *name, const char *data,
                 size_t len, struct fd_err *err)
{
	size_t pos = 0, bad = utf8_invalid_at(data, len);
	int lineno = 0;
	enum fd_status st = FD_OK;

	m->name = xstrdup(name);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len && st == FD_OK) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len;
		char *raw, *line;

		lineno++;
		if (bad < end || memchr(data + pos, '\0', end - pos)) {
			st = util_fail_at(err, FD_E_PARSE, name, lineno,
			                  "not UTF-8 text; save the map as "
			                  "UTF-8");
			break;
		}
		raw = xstrndup(data + pos, end - pos);
		line = import_trim(raw);
		if (import_has_control(line))
			st = util_fail_at(err, FD_E_PARSE, name, lineno,
			                  "a control character in the line; "
			                  "remove it");
		else if (*line && *line != '#')
			st = import_map_line(m, name, lineno, line, err);
		free(raw);
		free(line);
		pos = end + 1;
	}
	if (st == FD_OK && !import_map_first(m, IMPORT_HH, HH_NO))
		st = util_fail_at(err, FD_E_PARSE, name, 0,
		                  "no header gives household.hh_no");
	if (st == FD_OK && !import_map_first(m, IMPORT_MEM, MEM_ID_NUMBER))
		st = util_fail_at(err, FD_E_PARSE, name, 0,
		                  "no header gives member.id_number");
	return st;
}

enum fd_status
import_set_map_buffer(const char *name, const char *data, size_t len,
                      struct fd_err *err)
{
	struct import_map m = {0};
	enum fd_status st = import_map_parse(&m, name, data, len, err);

	if (st != FD_OK) {
		import_map_clear(&m);
		return st;
	}
	import_map_clear(&import_map_cur);
	import_map_cur = m;
	return FD_OK;
}

enum fd_status
import_set_map(const char *path, struct fd_err *err)
{
	const struct fd_asset *a;
	char *data = NULL;
	size_t len;
	enum fd_status st;

	if (!path || !*path) {
		a = assets_find(IMPORT_MAP_ASSET);
		if (!a)
			return fd_fail(err, FD_E_NOTFOUND,
			               "%s: not built into this program",
			               IMPORT_MAP_ASSET);
		return import_set_map_buffer("(built-in) " IMPORT_MAP_ASSET,
		                             (const char *)a->data, a->len,
		                             err);
	}
	st = util_read_file(path, IMPORT_MAP_MAX, &data, &len, err);
	if (st == FD_OK)
		st = import_set_map_buffer(path, data, len, err);
	free(data);
	return st;
}

void
import_map_free(void)
{
	import_map_clear(&import_map_cur);
}

/* The map in use, loading the built-in one the first time. */
static const struct import_map *
import_map_get(struct fd_err *err)
{
	if (!import_map_cur.name && import_set_map(NULL, err) != FD_OK)
		return NULL;
	return &import_map_cur;
}

/* ---- a string hash (户编号 to group, ID number to line) ---------------- */

struct import_hash {
	char **keys;
	size_t *vals;
	size_t cap; /* a power of two, or 0 */
	size_t n;
};

/* FNV-1a of s. */
static uint64_t
import_hash_of(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The slot of key in h: its own, or the empty one where it would go. */
static size_t
import_hash_slot(const struct import_hash *h, const char *key)
{
	size_t i = (size_t)import_hash_of(key) & (h->cap - 1);

	while (h->keys[i] && strcmp(h->keys[i], key) != 0)
		i = (i + 1) & (h->cap - 1);
	return i;
}

/* The value of key, or NULL. */
static size_t *
import_hash_get(const struct import_hash *h, const char *key)
{
	size_t i;

	if (!h->cap)
		return NULL;
	i = import_hash_slot(h, key);
	return h->keys[i] ? &h->vals[i] : NULL;
}

/* Add key (copied, absent) with val. */
static void
import_hash_put(struct import_hash *h, const char *key, size_t val)
{
	size_t i;

	if ((h->n + 1) * 2 > h->cap) {
		struct import_hash big = {0};

		big.cap = h->cap ? h->cap * 2 : 64;
		big.keys = xcalloc(big.cap, sizeof(*big.keys));
		big.vals = xcalloc(big.cap, sizeof(*big.vals));
		for (size_t k = 0; k < h->cap; k++) {
			if (!h->keys[k])
				continue;
			i = import_hash_slot(&big, h->keys[k]);
			big.keys[i] = h->keys[k];
			big.vals[i] = h->vals[k];
		}
		big.n = h->n;
		free(h->keys);
		free(h->vals);
		*h = big;
	}
	i = import_hash_slot(h, key);
	h->keys[i] = xstrdup(key);
	h->vals[i] = val;
	h->n++;
}

/* Free h. */
static void
import_hash_free(struct import_hash *h)
{
	for (size_t i = 0; i < h->cap; i++)
		free(h->keys[i]);
	free(h->keys);
	free(h->vals);
	memset(h, 0, sizeof(*h));
}

/* ---- a filter of stored keys (the duplicate checks' shortcut) ---------- */

/* A set of 64-bit hashes of keys (kind, text, text): a key added is
 * always found again; a key never added is found only if its hash
 * collides with one (about 1 in 10^13 for a million keys), which costs
 * the duplicate queries it would have saved, never a wrong answer. */
struct import_seen {
	uint64_t *v; /* 0: an empty slot */
	size_t cap;  /* a power of two, or 0 */
	size_t n;
};

/* The hash of (kind, a, b): FNV-1a, then a final mix (the low bits pick
 * the slot). Never 0. */
static uint64_t
import_seen_hash(char kind, const char *a, const char *b)
{
	uint64_t h = 1469598103934665603ull;

	h = (h ^ (unsigned char)kind) * 1099511628211ull;
	for (; *a; a++)
		h = (h ^ (unsigned char)*a) * 1099511628211ull;
	h = (h ^ 0xFF) * 1099511628211ull; /* no byte of UTF-8 text */
	for (; b && *b; b++)
		h = (h ^ (unsigned char)*b) * 1099511628211ull;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h ? h : 1;
}

/* True if hash h is in s. */
static bool
import_seen_has(const struct import_seen *s, uint64_t h)
{
	size_t i;

	if (!s->cap)
		return false;
	for (i = (size_t)h & (s->cap - 1); s->v[i]; i = (i + 1) & (s->cap - 1))
		if (s->v[i] == h)
			return true;
	return false;
}

/* Add hash h to s. */
static void
import_seen_put(struct import_seen *s, uint64_t h)
{
	size_t i;

	if ((s->n + 1) * 2 > s->cap) {
		struct import_seen big = {0};

		big.cap = s->cap ? s->cap * 2 : 1024;
		big.v = xcalloc(big.cap, sizeof(*big.v));
		for (size_t k = 0; k < s->cap; k++)
			if (s->v[k])
				import_seen_put(&big, s->v[k]);
		free(s->v);
		*s = big;
	}
	for (i = (size_t)h & (s->cap - 1); s->v[i]; i = (i + 1) & (s->cap - 1))
		if (s->v[i] == h)
			return;
	s->v[i] = h;
	s->n++;
}

/* Add what the duplicate checks of household.c look for of a member with
 * ID number id, name and birth date in village region. */
static void
import_seen_member(struct import_seen *s, const char *id, const char *name,
                   const char *birth, const char *region)
{
	import_seen_put(s, import_seen_hash('I', id, NULL));
	import_seen_put(s, import_seen_hash('B', name, birth));
	import_seen_put(s, import_seen_hash('V', name, region));
}

/* ---- memory for the lines ----------------------------------------------- */

/* Blocks handed out from big chunks, all freed at once: a million lines
 * without a million malloc and free calls. */
struct import_arena {
	char **chunks;
	size_t nchunks;
	size_t used, cap; /* of the last chunk */
};

#define IMPORT_ARENA_CHUNK ((size_t)1 << 20)

/* size bytes, aligned for pointers, valid until import_arena_free. */
static void *
import_arena_alloc(struct import_arena *a, size_t size)
{
	size = (size + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
	if (!a->nchunks || a->used + size > a->cap) {
		a->cap = size > IMPORT_ARENA_CHUNK ? size : IMPORT_ARENA_CHUNK;
		a->chunks = xrealloc(a->chunks,
		                     (a->nchunks + 1) * sizeof(*a->chunks));
		a->chunks[a->nchunks++] = xmalloc(a->cap);
		a->used = 0;
	}
	a->used += size;
	return a->chunks[a->nchunks - 1] + a->used - size;
}

/* Free every block of a. */
static void
import_arena_free(struct import_arena *a)
{
	for (size_t i = 0; i < a->nchunks; i++)
		free(a->chunks[i]);
	free(a->chunks);
	memset(a, 0, sizeof(*a));
}

/* ---- one run ------------------------------------------------------------- */

/* A data line: its cleaned values, one per file column ("" for ignored
 * columns), in one block of the run's arena. */
struct import_row {
	int line;
	char **v;
	bool bad;    /* an error was reported on this line */
	bool warned; /* a warning was reported on this line */
};

/* The lines of one 户编号, in file order. */
struct import_group {
	char *hh_no;
	size_t *rows;
	size_t n;
	size_t cap;
};

/* One problem of the report. */
struct import_problem {
	int line;
	size_t seq; /* order of reporting, to keep it among equal lines */
	bool warning;
	char *text; /* "line N: ..." */
};

struct import_run {
	struct fd_db *db;
	const struct import_map *map;
	char today[11];
	/* the file's columns */
	const struct import_col **cols; /* NULL: not used */
	size_t ncols;
	int col_of_hh[HH__COUNT]; /* file column of each field, or -1 */
	int col_of_mem[MEM__COUNT];
	int col_of_region[REGION_VILLAGE + 1];
	int col_head_name, col_head_id;
	/* lines and groups */
	struct import_row *rows;
	size_t nrows, caprows;
	struct import_group *groups;
	size_t ngroups, capgroups;
	struct import_hash group_of;   /* 户编号 -> group */
	struct import_hash line_of_id; /* ID number -> row index */
	struct import_hash stored_of;  /* 户编号 -> index in stored_ids */
	struct import_arena arena;     /* the rows' values */
	struct strbuf clean;           /* the cleaned cells of a line */
	size_t *clean_at;              /* where each cell starts in clean */
	int64_t *stored_ids;           /* ids of the stored households */
	size_t nstored;
	/* the report */
	struct import_problem *probs;
	size_t nprobs, capprobs;
	struct fd_txn *t; /* the import's transaction (NULL: a dry run) */
	bool refusing;    /* a line was refused: check only, write no more */
	size_t stored_members;  /* members stored when the import began */
	size_t written_members; /* members of the households saved so far */
	bool bulk;              /* search_bulk_begin was called on t */
	size_t new_members;     /* lines of households not stored */
	bool suspended;         /* import_suspend suspended on t */
	/* the keys of every stored member (import_seen_member), read at the
	 * first new household, then kept with each household saved */
	struct import_seen seen;
	bool seen_read;
	struct import_report *rep;
	import_progress_fn progress;
	void *ud;
	bool dry_run;
	bool called;             /* progress was called */
	enum import_phase phase; /* of the last progress call */
	size_t done;             /* of IMPORT_PROGRESS_TOTAL, last called */
	size_t rows_done;        /* lines of the groups checked so far */
};

/* Replace in s every control character (C0, DEL, C1) and invalid byte
 * by '?': a problem may quote a value of the file, and the report goes to
 * a terminal. */
static void
import_defang(char *s)
{
	size_t i = 0, n = strlen(s);
	uint32_t cp;

	while (i < n) {
		int k = utf8_decode(s + i, n - i, &cp);

		if (k <= 0 || cp < 0x20 || cp == 0x7F ||
		    (cp >= 0x80 && cp <= 0x9F)) {
			size_t step = k > 0 ? (size_t)k : 1;

			memset(s + i, '?', step);
			i += step;
			continue;
		}
		i += (size_t)k;
	}
}

/* Add the problem text (a whole line of the report, taken over) on
 * physical line `line`, defanged. */
static void
import_problem_add(struct import_run *run, int line, bool warning, char *text)
{
	struct import_problem *p;

	if (run->nprobs == run->capprobs) {
		run->capprobs = run->capprobs ? run->capprobs * 2 : 16;
		run->probs =
		    xrealloc(run->probs, run->capprobs * sizeof(*run->probs));
	}
	p = &run->probs[run->nprobs];
	p->line = line;
	p->seq = run->nprobs++;
	p->warning = warning;
	p->text = text;
	import_defang(p->text);
}

/* Report text (already "label: reason") on row r, as an error or a
 * warning. */
static void
import_problem(struct import_run *run, struct import_row *r, bool warning,
               const char *text)
{
	char num[16];

	snprintf(num, sizeof(num), "%d", r->line);
	import_problem_add(run, r->line, warning,
	                   import_fmt(MSG_IMPORT_LINE, num, text, NULL, NULL));
	if (warning)
		r->warned = true;
	else
		r->bad = true;
}

/* Report an error "label: reason" (just the reason without a label) on
 * row r. */
static void
import_problem_text(struct import_run *run, struct import_row *r,
                    const char *label, const char *reason)
{
	char *text = label
	                 ? import_fmt(MSG_IMPORT_FIELD, label, reason, NULL, NULL)
	                 : xstrdup(reason);

	import_problem(run, r, false, text);
	free(text);
}

/* Report an error "label: reason" on row r, reason the text of id. */
static void
import_problem_fmt(struct import_run *run, struct import_row *r,
                   const char *label, enum fd_msg id, const char *a1,
                   const char *a2, const char *a3)
{
	char *reason = import_fmt(id, a1, a2, a3, NULL);

	import_problem_text(run, r, label, reason);
	free(reason);
}

/* The header of file column c, for messages. */
static const char *
import_col_label(const struct import_col *c)
{
	return c->header;
}

/* The label of field f of ent in the session's language. */
static const char *
import_field_label(const struct entity *ent, int f)
{
	return tr(ent->fields[f].label);
}

/* Where each phase's share of the bar begins, of IMPORT_PROGRESS_TOTAL
 * (index: enum import_phase): a real import's shares are those measured
 * for 300,000 households into an empty database (reading 12%, checking
 * and writing 51%, indexes 9%, search index 10%, commit 18%); a phase
 * that does not happen is jumped over. A dry run reads and checks. */
static const size_t import_span_real[] = {0,   120, 120, 630,
                                          720, 820, 1000};
static const size_t import_span_dry[] = {0,    250,  1000, 1000,
                                         1000, 1000, 1000};

/* Report phase, part of whole of it done: call back when the phase
 * changes or the bar moves by 0.1%. */
static void
import_progress_at(struct import_run *run, enum import_phase phase,
                   size_t part, size_t whole)
{
	const size_t *span = run->dry_run ? import_span_dry : import_span_real;
	size_t done = span[phase];

	if (!run->progress)
		return;
	if (phase < IMPORT_PHASE_DONE && whole && part)
		done += (size_t)((double)(span[phase + 1] - span[phase]) *
		                 (double)(part < whole ? part : whole) /
		                 (double)whole);
	if (done < run->done)
		done = run->done; /* never backwards */
	if (run->called && phase == run->phase && done == run->done)
		return;
	run->called = true;
	run->phase = phase;
	run->done = done;
	run->progress(run->ud, phase, done, IMPORT_PROGRESS_TOTAL);
}

const char *
import_phase_text(enum import_phase phase)
{
	static const enum fd_msg text[] = {
	    [IMPORT_PHASE_READ] = MSG_IMPORT_PHASE_READ,
	    [IMPORT_PHASE_CHECK] = MSG_IMPORT_PHASE_CHECK,
	    [IMPORT_PHASE_WRITE] = MSG_IMPORT_PHASE_WRITE,
	    [IMPORT_PHASE_INDEX] = MSG_IMPORT_PHASE_INDEX,
	    [IMPORT_PHASE_SEARCH] = MSG_IMPORT_PHASE_SEARCH,
	    [IMPORT_PHASE_COMMIT] = MSG_IMPORT_PHASE_COMMIT,
	    [IMPORT_PHASE_DONE] = MSG_IMPORT_PHASE_DONE,
	};

	if ((size_t)phase >= FD_ARRAY_LEN(text))
		phase = IMPORT_PHASE_DONE;
	return tr(text[phase]);
}

/* ---- step 1: read -------------------------------------------------------- */

/* Match the header cells h[0..n) with the map into run->cols. */
static enum fd_status
import_read_header(struct import_run *run, char **h, size_t n,
                   struct fd_err *err)
{
	struct strbuf unknown = {0};
	enum fd_status st = FD_OK;

	run->ncols = n;
	run->cols = xcalloc(n ? n : 1, sizeof(*run->cols));
	run->clean_at = xcalloc(n ? n : 1, sizeof(*run->clean_at));
	for (size_t i = 0; i < FD_ARRAY_LEN(run->col_of_hh); i++)
		run->col_of_hh[i] = -1;
	for (size_t i = 0; i < FD_ARRAY_LEN(run->col_of_mem); i++)
		run->col_of_mem[i] = -1;
	for (size_t i = 0; i < FD_ARRAY_LEN(run->col_of_region); i++)
		run->col_of_region[i] = -1;
	run->col_head_name = run->col_head_id = -1;
	for (size_t i = 0; i < n && st == FD_OK; i++) {
		char *key = import_key(h[i]);
		const struct import_col *c = NULL;
		int *slot = NULL;
		char show[IMPORT_SHOW_MAX + 4];

		for (size_t k = 0; k < run->map->n && !c; k++)
			if (strcmp(run->map->v[k].key, key) == 0)
				c = &run->map->v[k];
		free(key);
		if (!c) {
			/* A column without a header holds nothing we know. */
			char *t = import_trim(h[i]);
			bool empty = !*t;

			free(t);
			if (empty)
				continue;
			import_show(show, h[i]);
			strbuf_addf(&unknown, "%s\"%s\"",
			            unknown.len ? ", " : "", show);
			continue;
		}
		switch (c->kind) {
		case IMPORT_HH:
			slot = &run->col_of_hh[c->field];
			break;
		case IMPORT_MEM:
			slot = &run->col_of_mem[c->field];
			break;
		case IMPORT_REGION:
			slot = &run->col_of_region[c->field];
			break;
		case IMPORT_HEAD_NAME:
			slot = &run->col_head_name;
			break;
		case IMPORT_HEAD_ID:
			slot = &run->col_head_id;
			break;
		default:
			break;
		}
		if (slot && *slot >= 0) {
			const struct import_col *first =
			    import_map_first(run->map, c->kind, c->field);
			char *msg = import_fmt(MSG_IMPORT_SAME_COLUMN,
			                       run->cols[*slot]->header,
			                       c->header, first->header, NULL);

			st = fd_fail(err, FD_E_PARSE, "%s", msg);
			free(msg);
			break;
		}
		if (slot)
			*slot = (int)i;
		run->cols[i] = c->kind == IMPORT_IGNORE ? NULL : c;
	}
	if (st == FD_OK && unknown.len) {
		char *msg = import_fmt(MSG_IMPORT_UNKNOWN_COLUMNS, unknown.buf,
		                       run->map->name, NULL, NULL);

		st = fd_fail(err, FD_E_PARSE, "%s", msg);
		free(msg);
	}
	for (int need = 0; st == FD_OK && need < 2; need++) {
		enum import_kind kind = need ? IMPORT_MEM : IMPORT_HH;
		int field = need ? MEM_ID_NUMBER : HH_NO;
		int col = need ? run->col_of_mem[field] : run->col_of_hh[field];
		struct strbuf names = {0};
		char *msg;

		if (col >= 0)
			continue;
		for (size_t k = 0; k < run->map->n; k++)
			if (run->map->v[k].kind == kind &&
			    run->map->v[k].field == field)
				strbuf_addf(&names, "%s%s",
				            names.len ? ", " : "",
				            run->map->v[k].header);
		msg = import_fmt(MSG_IMPORT_NO_COLUMN,
		                 need ? tr(MSG_FIELD_MEM_ID_NUMBER)
		                      : tr(MSG_FIELD_HH_NO),
		                 names.buf, NULL, NULL);
		st = fd_fail(err, FD_E_PARSE, "%s", msg);
		free(msg);
		strbuf_free(&names);
	}
	strbuf_free(&unknown);
	return st;
}

/* The field definition a file column c gives, or NULL. */
static const struct field_def *
import_col_def(const struct import_col *c)
{
	if (c && c->kind == IMPORT_HH)
		return &entity_household.fields[c->field];
	if (c && c->kind == IMPORT_MEM)
		return &entity_member.fields[c->field];
	return NULL;
}

/* True when s is a number as Excel shows a long one: 1.10105E+17. */
static bool
import_excel_number(const char *s)
{
	const char *e = strpbrk(s, "eE");
	size_t i = 0;

	if (!e || e[1] != '+')
		return false;
	while (s + i < e && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
		i++;
	if (s + i != e || i == 0)
		return false;
	for (e += 2; *e; e++)
		if (*e < '0' || *e > '9')
			return false;
	return true;
}

/* Parse up to max digits at *s into *v; false if none. */
static bool
import_digits(const char **s, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && **s >= '0' && **s <= '9') {
		*v = *v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n > 0;
}

/* A date written 2019/3/1, 2019.3.1, 2019-3-1, 20190301, 2019年3月1日 or
 * with a time after it, as "YYYY-MM-DD" into out; false (out untouched)
 * when s is none. */
static bool
import_date(const char *s, char out[11])
{
	const char *p = s;
	int y, m, d;

	if (strlen(s) == 8 && strspn(s, "0123456789") == 8) {
		memcpy(out, s, 4);
		out[4] = '-';
		memcpy(out + 5, s + 4, 2);
		out[7] = '-';
		memcpy(out + 8, s + 6, 2);
		out[10] = '\0';
		return true;
	}
	if (!import_digits(&p, 4, &y) || p - s != 4)
		return false;
	if (*p == '/' || *p == '.' || *p == '-')
		p++;
	else if (strncmp(p, "年", strlen("年")) == 0)
		p += strlen("年");
	else
		return false;
	if (!import_digits(&p, 2, &m))
		return false;
	if (*p == '/' || *p == '.' || *p == '-')
		p++;
	else if (strncmp(p, "月", strlen("月")) == 0)
		p += strlen("月");
	else
		return false;
	if (!import_digits(&p, 2, &d))
		return false;
	if (strncmp(p, "日", strlen("日")) == 0)
		p += strlen("日");
	if (*p && *p != ' ' && *p != 'T')
		return false;
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	util_date_format(y, m, d, out); /* y has at most 4 digits */
	return true;
}

/* Append cell s of column c to sb cleaned: blanks trimmed, Excel's ="..."
 * and leading ' dropped, dates and years in their stored form. */
static void
import_clean(struct strbuf *sb, const struct import_col *c, const char *s)
{
	const struct field_def *f = import_col_def(c);
	size_t n, start = sb->len;
	const char *v = import_span(s, strlen(s), &n);
	char date[11];

	if (n >= 3 && v[0] == '=' && v[1] == '"' && v[n - 1] == '"')
		v = import_span(v + 2, n - 3, &n);
	else if (n > 0 && v[0] == '\'')
		v = import_span(v + 1, n - 1, &n);
	strbuf_add(sb, v, n);
	if (f && f->kind == FIELD_DATE && n && import_date(sb->buf + start, date)) {
		sb->len = start;
		strbuf_add(sb, date, strlen(date));
	}
	n = sb->len - start;
	if (f && f->kind == FIELD_YEAR && n == 4 + strlen("年") &&
	    strcmp(sb->buf + start + 4, "年") == 0) {
		sb->len = start + 4;
		sb->buf[sb->len] = '\0';
	}
}

/* True when s holds a control character: import_has_control, without
 * decoding text that holds none for sure (no byte below 0x20, no DEL, no
 * 0xC2, the lead byte of U+0080..U+00BF). */
static bool
import_cell_has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F || *p == 0xC2)
			return import_has_control(s);
	return false;
}

/* Store the data line f[0..n) (physical line `line`) as a row, cleaning
 * its cells and reporting what is wrong with them. Lines of empty cells
 * are skipped. The cells are cleaned into run->clean, then copied into
 * the row's one allocation. */
static void
import_read_row(struct import_run *run, char **f, size_t n, int line)
{
	struct strbuf *sb = &run->clean;
	struct import_row *r;
	char num1[24], num2[24], show[IMPORT_SHOW_MAX + 4];
	size_t extra = 0, len;
	bool any = false;
	char *p;

	for (size_t i = 0; i < n; i++) {
		import_span(f[i], strlen(f[i]), &len);
		if (len) {
			any = true;
			if (i >= run->ncols)
				extra++;
		}
	}
	if (!any)
		return;
	if (run->nrows == run->caprows) {
		run->caprows = run->caprows ? run->caprows * 2 : 256;
		run->rows =
		    xrealloc(run->rows, run->caprows * sizeof(*run->rows));
	}
	r = &run->rows[run->nrows++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	sb->len = 0;
	for (size_t i = 0; i < run->ncols; i++) {
		run->clean_at[i] = sb->len;
		if (run->cols[i] && i < n)
			import_clean(sb, run->cols[i], f[i]);
		strbuf_add(sb, "", 1);
	}
	/* One block: the pointers, then the strings. */
	r->v = import_arena_alloc(&run->arena,
	                          run->ncols * sizeof(char *) + sb->len + 1);
	p = (char *)(r->v + run->ncols);
	if (sb->len)
		memcpy(p, sb->buf, sb->len);
	for (size_t i = 0; i < run->ncols; i++)
		r->v[i] = p + run->clean_at[i];
	if (extra) {
		snprintf(num1, sizeof(num1), "%zu", n);
		snprintf(num2, sizeof(num2), "%zu", run->ncols);
		import_problem_fmt(run, r, NULL, MSG_IMPORT_EXTRA_CELLS, num1, num2,
		                   NULL);
	}
	for (size_t i = 0; i < run->ncols; i++) {
		const struct import_col *c = run->cols[i];
		const struct field_def *d = import_col_def(c);

		enum fd_msg bad = MSG__COUNT;

		if (!c || !*r->v[i])
			continue;
		if (import_cell_has_control(r->v[i]))
			bad = MSG_IMPORT_CONTROL;
		else if (((d && (d->kind == FIELD_ID ||
		                 d->kind == FIELD_DIGITS ||
		                 d->kind == FIELD_PHONE)) ||
		          c->kind == IMPORT_HEAD_ID) &&
		         import_excel_number(r->v[i]))
			bad = MSG_IMPORT_EXCEL_NUMBER;
		if (bad == MSG__COUNT)
			continue;
		import_show(show, r->v[i]);
		import_problem_fmt(run, r, import_col_label(c), bad, show, NULL,
		                   NULL);
	}
}

/* Put row ri into the group of its 户编号 (a row without one is an error). */
static void
import_group_row(struct import_run *run, size_t ri)
{
	struct import_row *r = &run->rows[ri];
	const char *no = r->v[run->col_of_hh[HH_NO]];
	struct import_group *g;
	size_t *gi;

	if (!*no) {
		char *t = trf(MSG_RULE_REQUIRED, tr(MSG_FIELD_HH_NO), NULL);

		import_problem_text(run, r, tr(MSG_FIELD_HH_NO), t);
		free(t);
		return;
	}
	gi = import_hash_get(&run->group_of, no);
	if (!gi) {
		if (run->ngroups == run->capgroups) {
			run->capgroups =
			    run->capgroups ? run->capgroups * 2 : 64;
			run->groups = xrealloc(
			    run->groups, run->capgroups * sizeof(*run->groups));
		}
		g = &run->groups[run->ngroups];
		memset(g, 0, sizeof(*g));
		g->hh_no = xstrdup(no);
		import_hash_put(&run->group_of, no, run->ngroups++);
	} else {
		g = &run->groups[*gi];
	}
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 4;
		g->rows = xrealloc(g->rows, g->cap * sizeof(*g->rows));
	}
	g->rows[g->n++] = ri;
}

/* Read the CSV: the header, every data line, the groups. */
static enum fd_status
import_read(struct import_run *run, const char *data, size_t len,
            struct fd_err *err)
{
	struct csv_reader *cr = csv_open(data, len);
	enum fd_status st;
	char **f;
	size_t n;

	st = csv_next(cr, &f, &n, err);
	if (st == FD_E_NOTFOUND) {
		st = fd_fail(err, FD_E_PARSE, "%s", tr(MSG_IMPORT_EMPTY));
		goto out;
	}
	if (st != FD_OK)
		goto out;
	st = import_read_header(run, f, n, err);
	if (st != FD_OK)
		goto out;
	while ((st = csv_next(cr, &f, &n, err)) == FD_OK) {
		import_read_row(run, f, n, csv_line(cr));
		import_progress_at(run, IMPORT_PHASE_READ, csv_offset(cr), len);
	}
	if (st != FD_E_NOTFOUND)
		goto out;
	st = FD_OK;
	for (size_t i = 0; i < run->nrows; i++)
		import_group_row(run, i);
out:
	csv_close(cr);
	return st;
}

/* ---- step 2: build and check ------------------------------------------- */

/* True when region name `have` is what the file calls `given`: the same,
 * or given without the suffix (土桥 for 土桥镇). */
static bool
import_name_fits(const char *have, const char *given, bool exact)
{
	size_t n = strlen(given);

	if (strcmp(have, given) == 0)
		return true;
	return !exact && n > 0 && strncmp(have, given, n) == 0;
}

/* The ancestor of r (or r) at level, or NULL. */
static const struct region *
import_region_at(const struct region *r, int level)
{
	while (r && (int)r->level > level)
		r = r->parent;
	return r && (int)r->level == level ? r : NULL;
}

/* True when village v fits every name the row gives (exact or not). */
static bool
import_village_fits(const struct region *v, char *const *names, bool exact)
{
	for (int l = REGION_PROVINCE; l <= REGION_VILLAGE; l++) {
		const struct region *a;

		if (!names[l] || !*names[l])
			continue;
		a = import_region_at(v, l);
		if (!a || !import_name_fits(a->name, names[l], exact))
			return false;
	}
	return true;
}

/* The names of the row's region columns (NULL where the file has none). */
static void
import_row_names(const struct import_run *run, const struct import_row *r,
                 char *names[REGION_VILLAGE + 1])
{
	for (int l = 0; l <= REGION_VILLAGE; l++)
		names[l] = run->col_of_region[l] >= 0
		               ? r->v[run->col_of_region[l]]
		               : NULL;
}

/* The village code row r gives (its code column, else the village found by
 * its names), "" when it gives none; NULL after reporting a problem.
 * Caller frees. */
static char *
import_row_region(struct import_run *run, struct import_row *r)
{
	char *names[REGION_VILLAGE + 1];
	const char *code = run->col_of_hh[HH_REGION] >= 0
	                       ? r->v[run->col_of_hh[HH_REGION]]
	                       : "";
	const struct region **v = NULL;
	const struct region *found = NULL;
	struct strbuf sb = {0};
	char *res = NULL;
	size_t n = 0, hits = 0;
	bool named = false;

	import_row_names(run, r, names);
	for (int l = REGION_PROVINCE; l <= REGION_VILLAGE; l++)
		named = named || (names[l] && *names[l]);
	if (*code) {
		const struct region *reg = region_find(code);

		/* An unknown code is household_check's to report. */
		for (int l = REGION_PROVINCE; reg && l <= REGION_VILLAGE; l++) {
			const struct region *a = import_region_at(reg, l);
			char *path;

			if (!names[l] || !*names[l] ||
			    (a && import_name_fits(a->name, names[l], false)))
				continue;
			path = region_path(code);
			import_problem_fmt(
			    run, r,
			    import_col_label(run->cols[run->col_of_region[l]]),
			    MSG_IMPORT_REGION_MISMATCH, names[l], code, path);
			free(path);
			goto out;
		}
		res = xstrdup(code);
		goto out;
	}
	if (!named) {
		res = xstrdup("");
		goto out;
	}
	if (!names[REGION_VILLAGE] || !*names[REGION_VILLAGE]) {
		int l = REGION_VILLAGE;

		while (!names[l] || !*names[l])
			l--;
		import_problem_fmt(
		    run, r, import_col_label(run->cols[run->col_of_region[l]]),
		    MSG_IMPORT_VILLAGE_NEEDED, NULL, NULL, NULL);
		goto out;
	}
	v = region_search(REGION_VILLAGE, names[REGION_VILLAGE], &n);
	for (int exact = 1; exact >= 0 && hits == 0; exact--) {
		for (size_t i = 0; i < n; i++) {
			if (!import_village_fits(v[i], names, exact))
				continue;
			if (hits < IMPORT_AMBIG_MAX) {
				char *path = region_path(v[i]->code);

				strbuf_addf(&sb, "%s%s %s", hits ? "; " : "",
				            v[i]->code, path ? path : "");
				free(path);
			}
			found = v[i];
			hits++;
		}
	}
	if (hits == 1) {
		res = xstrdup(found->code);
	} else {
		const struct import_col *vc =
		    run->cols[run->col_of_region[REGION_VILLAGE]];

		if (hits == 0) {
			struct strbuf within = {0};

			for (int l = REGION_PROVINCE; l <= REGION_TOWNSHIP; l++)
				if (names[l] && *names[l])
					strbuf_addf(&within, "%s ", names[l]);
			import_problem_fmt(run, r, import_col_label(vc),
			                   MSG_IMPORT_VILLAGE_NONE,
			                   names[REGION_VILLAGE],
			                   within.len ? within.buf : "", NULL);
			strbuf_free(&within);
		} else {
			if (hits > IMPORT_AMBIG_MAX)
				strbuf_adds(&sb, "; ...");
			import_problem_fmt(run, r, import_col_label(vc),
			                   MSG_IMPORT_VILLAGE_MANY,
			                   names[REGION_VILLAGE], sb.buf, NULL);
		}
	}
out:
	free(v);
	strbuf_free(&sb);
	return res;
}

/* The state of one group while it is built. */
struct import_build {
	struct import_group *g;
	struct household h;
	struct household orig; /* as stored (empty for a new household) */
	int *mline;            /* line of each member in the file, or 0 */
	size_t capmline;
	int hh_line[HH__COUNT];        /* line that set each household field */
	const char *hh_raw[HH__COUNT]; /* the value it set (in that row) */
	char *region; /* the village code the first line gave */
	/* (member, field) with an import error: check issues there are not
	 * repeated */
	int (*own)[2];
	size_t nown;
};

/* Note an import error on (member m, field f) of the build. */
static void
import_own(struct import_build *b, int m, int f)
{
	b->own = xrealloc(b->own, (b->nown + 1) * sizeof(*b->own));
	b->own[b->nown][0] = m;
	b->own[b->nown][1] = f;
	b->nown++;
}

/* True if the import already reported (member m, field f). */
static bool
import_owned(const struct import_build *b, int m, int f)
{
	for (size_t i = 0; i < b->nown; i++)
		if (b->own[i][0] == m && b->own[i][1] == f)
			return true;
	return false;
}

/* Set household field f to the value v of row r, or report that it
 * differs from the one an earlier line of the household set. */
static void
import_set_hh(struct import_run *run, struct import_build *b,
              struct import_row *r, int f, const char *v, const char *label)
{
	char num[16];

	if (!*v)
		return;
	if (!b->hh_line[f]) {
		record_set(b->h.hh, (size_t)f, v);
		b->hh_line[f] = r->line;
		b->hh_raw[f] = v;
		return;
	}
	if (strcmp(b->hh_raw[f], v) == 0)
		return;
	snprintf(num, sizeof(num), "%d", b->hh_line[f]);
	import_problem_fmt(run, r, label, MSG_IMPORT_DIFFERS, v, num,
	                   b->hh_raw[f]);
	import_own(b, -1, f);
}

/* Lay the household columns of row r over the household. */
static void
import_apply_household(struct import_run *run, struct import_build *b,
                       struct import_row *r)
{
	char *region;

	for (int f = 0; f < HH__COUNT; f++) {
		int c = run->col_of_hh[f];

		if (c < 0 || f == HH_NO || f == HH_REGION)
			continue;
		import_set_hh(run, b, r, f, r->v[c],
		              import_field_label(&entity_household, f));
	}
	region = import_row_region(run, r);
	if (!region) {
		import_own(b, -1, HH_REGION);
		return;
	}
	if (*region && !b->region) {
		record_set(b->h.hh, HH_REGION, region);
		b->hh_line[HH_REGION] = r->line;
		b->region = region;
		return;
	}
	if (*region && strcmp(b->region, region) != 0) {
		char num[16];

		snprintf(num, sizeof(num), "%d", b->hh_line[HH_REGION]);
		import_problem_fmt(
		    run, r, import_field_label(&entity_household, HH_REGION),
		    MSG_IMPORT_DIFFERS, region, num, b->region);
		import_own(b, -1, HH_REGION);
	}
	free(region);
}

/* The normalised form of ID number s (s itself if it is not valid). */
static void
import_id_normal(const char *s, const char *today, char out[64])
{
	struct idcard card;

	if (idcard_parse(s, today, &card) == IDCARD_OK)
		fd_strlcpy(out, card.number, 64);
	else
		fd_strlcpy(out, s, 64);
}

/* Lay the member columns of row r over the matching member (by ID number)
 * or a new one. */
static void
import_apply_member(struct import_run *run, struct import_build *b,
                    struct import_row *r, size_t ri)
{
	const char *id = r->v[run->col_of_mem[MEM_ID_NUMBER]];
	const char *label = import_field_label(&entity_member, MEM_ID_NUMBER);
	char norm[64], num[16];
	size_t *seen, m;

	if (!*id) {
		char *t = trf(MSG_RULE_REQUIRED, label, NULL);

		import_problem_text(run, r, label, t);
		free(t);
		return;
	}
	if (r->bad && import_excel_number(id))
		return;
	import_id_normal(id, run->today, norm);
	seen = import_hash_get(&run->line_of_id, norm);
	if (seen) {
		snprintf(num, sizeof(num), "%d", run->rows[*seen].line);
		import_problem_fmt(run, r, label, MSG_IMPORT_ID_TWICE, norm, num,
		                   NULL);
		return;
	}
	import_hash_put(&run->line_of_id, norm, ri);
	/* A new household's members all come from the file, each ID once
	 * (line_of_id): only a stored household can hold this one. */
	for (m = b->orig.hh ? 0 : b->h.nmembers; m < b->h.nmembers; m++) {
		char have[64];

		import_id_normal(b->h.members[m]->v[MEM_ID_NUMBER], run->today,
		                 have);
		if (strcmp(have, norm) == 0)
			break;
	}
	if (m == b->h.nmembers) {
		m = household_add_member(&b->h);
		record_set(b->h.members[m], MEM_ID_NUMBER, id);
	}
	if (b->capmline < b->h.nmembers) {
		size_t old = b->capmline;

		b->capmline = b->h.nmembers * 2;
		b->mline = xrealloc(b->mline, b->capmline * sizeof(*b->mline));
		memset(b->mline + old, 0,
		       (b->capmline - old) * sizeof(*b->mline));
	}
	b->mline[m] = r->line;
	for (int f = 0; f < MEM__COUNT; f++) {
		int c = run->col_of_mem[f];

		if (c < 0 || f == MEM_ID_NUMBER || !*r->v[c])
			continue;
		record_set(b->h.members[m], (size_t)f, r->v[c]);
	}
}

/* The head of h (relation 户主), or NULL. */
static const struct record *
import_head(const struct household *h)
{
	for (size_t m = 0; m < h->nmembers; m++)
		if (strcmp(h->members[m]->v[MEM_RELATION],
		           CODES_RELATION_HEAD) == 0)
			return h->members[m];
	return NULL;
}

/* Check the head's name and ID columns of every row against the head. */
static void
import_check_head(struct import_run *run, struct import_build *b)
{
	const struct record *head = import_head(&b->h);

	if (!head)
		return; /* household_check reports it */
	for (size_t i = 0; i < b->g->n; i++) {
		struct import_row *r = &run->rows[b->g->rows[i]];
		char norm[64];

		if (run->col_head_name >= 0 && *r->v[run->col_head_name] &&
		    strcmp(r->v[run->col_head_name], head->v[MEM_NAME]) != 0)
			import_problem_fmt(
			    run, r,
			    import_col_label(run->cols[run->col_head_name]),
			    MSG_IMPORT_HEAD_DIFFERS, r->v[run->col_head_name],
			    head->v[MEM_NAME], NULL);
		if (run->col_head_id < 0 || !*r->v[run->col_head_id])
			continue;
		import_id_normal(r->v[run->col_head_id], run->today, norm);
		if (strcmp(norm, head->v[MEM_ID_NUMBER]) != 0)
			import_problem_fmt(
			    run, r,
			    import_col_label(run->cols[run->col_head_id]),
			    MSG_IMPORT_HEAD_DIFFERS, norm, head->v[MEM_ID_NUMBER],
			    NULL);
	}
}

/* The row of the group on physical line `line`. */
static struct import_row *
import_row_at(struct import_run *run, const struct import_group *g, int line)
{
	for (size_t i = 0; i < g->n; i++)
		if (run->rows[g->rows[i]].line == line)
			return &run->rows[g->rows[i]];
	return &run->rows[g->rows[0]];
}

/* Report the issues of household_check on their lines. */
static void
import_report_issues(struct import_run *run, struct import_build *b,
                     const struct hh_issues *is)
{
	struct import_row *first = &run->rows[b->g->rows[0]];

	for (size_t i = 0; i < is->n; i++) {
		const struct hh_issue *it = &is->v[i];
		const struct entity *ent =
		    it->member < 0 ? &entity_household : &entity_member;
		struct import_row *r = first;
		char *who = NULL, *text, *reason;
		const char *label = NULL;

		if (import_owned(b, it->member, it->field))
			continue;
		/* No F4 in a report: a bad code names the list's values. */
		reason = hhcheck_issue_text(&b->h, it);
		if (it->member >= 0 && (size_t)it->member < b->h.nmembers) {
			if (b->mline[it->member])
				r = import_row_at(run, b->g,
				                  b->mline[it->member]);
			else
				who = import_fmt(
				    MSG_IMPORT_NOT_IN_FILE,
				    b->h.members[it->member]->v[MEM_NAME], NULL,
				    NULL, NULL);
		}
		if (it->field >= 0 && (size_t)it->field < ent->n)
			label = import_field_label(ent, it->field);
		/* Most rule texts name their field already: say it once. */
		if (label && strstr(reason, label))
			label = NULL;
		if (who && label) {
			char *both = xasprintf("%s %s", who, label);

			text = import_fmt(MSG_IMPORT_FIELD, both, reason, NULL,
			                  NULL);
			free(both);
		} else if (who || label) {
			text = import_fmt(MSG_IMPORT_FIELD, who ? who : label,
			                  reason, NULL, NULL);
		} else {
			text = xstrdup(reason);
		}
		import_problem(run, r, it->warning, text);
		free(text);
		free(who);
		free(reason);
	}
}

/* True if saving b would change anything stored. */
static bool
import_changes(const struct import_build *b)
{
	if (!b->orig.hh || !record_equal(b->h.hh, b->orig.hh) ||
	    b->h.nmembers != b->orig.nmembers)
		return true;
	for (size_t m = 0; m < b->h.nmembers; m++)
		if (!record_equal(b->h.members[m], b->orig.members[m]))
			return true;
	return false;
}

/* Count what saving b would do. */
static void
import_count(struct import_run *run, const struct import_build *b)
{
	struct import_report *rep = run->rep;

	if (!b->orig.hh) {
		rep->added += 1 + b->h.nmembers;
		rep->hh_added++;
		return;
	}
	if (record_equal(b->h.hh, b->orig.hh)) {
		rep->unchanged++;
		rep->hh_unchanged++;
	} else {
		rep->updated++;
		rep->hh_updated++;
	}
	for (size_t m = 0; m < b->h.nmembers; m++) {
		if (m >= b->orig.nmembers)
			rep->added++;
		else if (!record_equal(b->h.members[m], b->orig.members[m]))
			rep->updated++;
		else if (b->mline[m])
			rep->unchanged++;
	}
}

/* The id of the stored household with 户编号 hh_no, 0 if none. */
static int64_t
import_stored_id(const struct import_run *run, const char *hh_no)
{
	const size_t *i = import_hash_get(&run->stored_of, hh_no);

	return i ? run->stored_ids[*i] : 0;
}

/* Read the keys of every stored member into run->seen, once. */
static enum fd_status
import_seen_read(struct import_run *run, struct fd_err *err)
{
	sqlite3 *sql = db_sqlite(run->db);
	sqlite3_stmt *q = NULL;
	int rc;

	if (run->seen_read)
		return FD_OK;
	rc = sqlite3_prepare_v2(sql,
	                        "SELECT m.id_number, m.name, m.birth, h.region"
	                        " FROM member m JOIN household h"
	                        " ON h.id = m.household_id",
	                        -1, &q, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *v[4];

		for (int i = 0; i < 4; i++) {
			v[i] = (const char *)sqlite3_column_text(q, i);
			v[i] = v[i] ? v[i] : "";
		}
		import_seen_member(&run->seen, v[0], v[1], v[2], v[3]);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return fd_fail(err, FD_E_DB, "cannot read the members: %s",
		               sqlite3_errmsg(sql));
	run->seen_read = true;
	return FD_OK;
}

/* Keep the keys of the members of h, just saved, in run->seen (once it
 * was read: until then the database holds them). */
static void
import_seen_household(struct import_run *run, const struct household *h)
{
	if (!run->seen_read)
		return;
	for (size_t m = 0; m < h->nmembers; m++) {
		const struct record *r = h->members[m];

		import_seen_member(&run->seen, r->v[MEM_ID_NUMBER],
		                   r->v[MEM_NAME], r->v[MEM_BIRTH],
		                   h->hh->v[HH_REGION]);
	}
}

/* True if a stored member may be a duplicate of one of h (normalised):
 * then household.c's duplicate queries must run. */
static bool
import_seen_any(const struct import_run *run, const struct household *h)
{
	const struct import_seen *s = &run->seen;

	for (size_t m = 0; m < h->nmembers; m++) {
		const struct record *r = h->members[m];

		if (import_seen_has(s, import_seen_hash('I', r->v[MEM_ID_NUMBER],
		                                        NULL)) ||
		    import_seen_has(s, import_seen_hash('B', r->v[MEM_NAME],
		                                        r->v[MEM_BIRTH])) ||
		    import_seen_has(s, import_seen_hash('V', r->v[MEM_NAME],
		                                        h->hh->v[HH_REGION])))
			return true;
	}
	return false;
}

/* Report that saving b (with message msg) failed: the import stops and
 * nothing is imported. The status import_households returns. */
static enum fd_status
import_save_failed(struct import_run *run, const struct import_build *b,
                   enum fd_status st, const char *msg, struct fd_err *err)
{
	struct import_row *first = &run->rows[b->g->rows[0]];
	char num[16];

	snprintf(num, sizeof(num), "%d", first->line);
	import_problem_add(run, first->line, false,
	                   import_fmt(MSG_IMPORT_SAVE_FAILED, num,
	                              b->g->hh_no, msg, NULL));
	/* A value the database refuses (a constraint) is the data's
	 * problem: the household's lines are refused. */
	if (st == FD_E_INVALID || st == FD_E_CONFLICT || st == FD_E_EXISTS) {
		for (size_t i = 0; i < b->g->n; i++)
			run->rows[b->g->rows[i]].bad = true;
		st = FD_E_CHECK;
	}
	fd_fail(err, st, "%s", run->probs[run->nprobs - 1].text);
	return st;
}

/* Check b, and save it while no line of the file was refused (the check
 * is the save's own); report the issues. A failed write is an error of the
 * whole import. */
static enum fd_status
import_check_save(struct import_run *run, struct import_build *b,
                  bool bad, struct fd_err *err)
{
	struct hh_issues is = {0};
	struct fd_err e = {{0}};
	enum fd_status st;

	if (!run->t || run->refusing || bad) {
		st = household_check(run->db, &b->h, run->today, &is, err);
		if (st == FD_OK)
			import_report_issues(run, b, &is);
		goto out;
	}
	/* Once keeping the search indexes row by row has cost about what
	 * rebuilding them will, stop and rebuild them at the end. */
	if (!run->bulk &&
	    run->written_members * IMPORT_BULK_RATIO >= run->stored_members) {
		txn_note(run->t, "import");
		st = search_bulk_begin(run->t, &e);
		if (st != FD_OK) {
			st = import_save_failed(run, b, st, e.msg, err);
			goto out;
		}
		run->bulk = true;
	}
	if (!run->suspended && import_bulk &&
	    run->new_members >= run->stored_members) {
		st = txn_schema_suspend(run->t, import_suspend,
		                        FD_ARRAY_LEN(import_suspend), &e);
		if (st != FD_OK) {
			st = import_save_failed(run, b, st, e.msg, err);
			goto out;
		}
		run->suspended = true;
	}
	if (!b->orig.hh && import_bulk) {
		/* New: inserted in bulk, and the duplicate queries run only
		 * if a stored member may be one. */
		st = import_seen_read(run, err);
		if (st != FD_OK)
			goto out;
		st = household_save_new_in(run->t, &b->h, run->today, "import",
		                           import_seen_any(run, &b->h), &is,
		                           &e);
	} else {
		st = household_save_accepting_in(run->t, &b->h, run->today,
		                                 "import", &is, &e);
	}
	if (st == FD_OK) {
		run->written_members += b->h.nmembers;
		import_seen_household(run, &b->h);
	}
	if (st == FD_OK || hh_issues_have_errors(&is)) {
		/* Saved, or refused by a check before any write. */
		import_report_issues(run, b, &is);
		st = FD_OK;
	} else {
		st = import_save_failed(run, b, st, e.msg, err);
	}
out:
	hh_issues_free(&is);
	return st;
}

/* Step 2 for group g: build, normalise, then check and (on a real import)
 * save, unless nothing would change (a household as stored is neither
 * checked nor written again); count. */
static enum fd_status
import_build_group(struct import_run *run, struct import_group *g,
                   struct fd_err *err)
{
	struct import_build b;
	enum fd_status st = FD_OK;
	bool bad = false, changes;
	int64_t id;

	memset(&b, 0, sizeof(b));
	b.g = g;
	household_init(&b.h);
	household_init(&b.orig);
	id = import_stored_id(run, g->hh_no);
	if (id > 0) {
		st = household_load(run->db, id, &b.orig, err);
		if (st != FD_OK)
			goto out;
		household_copy(&b.h, &b.orig);
	} else {
		b.h.hh = record_new(&entity_household);
		record_set(b.h.hh, HH_NO, g->hh_no);
	}
	b.capmline = b.h.nmembers + 4;
	b.mline = xcalloc(b.capmline, sizeof(*b.mline));
	for (size_t i = 0; i < g->n; i++) {
		struct import_row *r = &run->rows[g->rows[i]];

		import_apply_household(run, &b, r);
		import_apply_member(run, &b, r, g->rows[i]);
	}
	household_normalize(&b.h);
	import_check_head(run, &b);
	for (size_t i = 0; i < g->n; i++)
		bad = bad || run->rows[g->rows[i]].bad;
	changes = import_changes(&b);
	if (changes) {
		st = import_check_save(run, &b, bad, err);
		if (st != FD_OK)
			goto out;
		for (size_t i = 0; i < g->n; i++)
			bad = bad || run->rows[g->rows[i]].bad;
	}
	if (bad)
		run->refusing = true;
	else
		import_count(run, &b);
out:
	household_clear(&b.h);
	household_clear(&b.orig);
	free(b.mline);
	free(b.own);
	free(b.region);
	return st;
}

/* Read the 户编号 and id of every stored household into run->stored_of,
 * so that each group finds its household without a query, and count the
 * stored members. */
static enum fd_status
import_read_stored(struct import_run *run, struct fd_err *err)
{
	sqlite3 *sql = db_sqlite(run->db);
	sqlite3_stmt *q = NULL;
	size_t cap = 0;
	int rc;

	rc = sqlite3_prepare_v2(sql, "SELECT count(*) FROM member", -1, &q,
	                        NULL);
	if (rc == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		run->stored_members = (size_t)sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	q = NULL;

	rc = sqlite3_prepare_v2(sql, "SELECT hh_no, id FROM household", -1, &q,
	                        NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *no = (const char *)sqlite3_column_text(q, 0);

		rc = SQLITE_OK;
		if (!no || import_hash_get(&run->stored_of, no))
			continue;
		if (run->nstored == cap) {
			cap = cap ? cap * 2 : 1024;
			run->stored_ids = xrealloc(
			    run->stored_ids, cap * sizeof(*run->stored_ids));
		}
		run->stored_ids[run->nstored] = sqlite3_column_int64(q, 1);
		import_hash_put(&run->stored_of, no, run->nstored++);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return fd_fail(err, FD_E_DB, "cannot read the households: %s",
		               sqlite3_errmsg(sql));
	return FD_OK;
}

/* ---- the report ------------------------------------------------------------
 */

/* Order problems by line, then as reported. */
static int
import_problem_cmp(const void *a, const void *b)
{
	const struct import_problem *p = a, *q = b;

	if (p->line != q->line)
		return p->line < q->line ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* Write the problems into the report, by line. */
static void
import_finish_report(struct import_run *run)
{
	struct import_report *rep = run->rep;

	if (run->nprobs)
		qsort(run->probs, run->nprobs, sizeof(*run->probs),
		      import_problem_cmp);
	for (size_t i = 0; i < run->nprobs; i++) {
		struct strbuf *sb =
		    run->probs[i].warning ? &rep->warnings : &rep->problems;

		strbuf_adds(sb, run->probs[i].text);
		strbuf_adds(sb, "\n");
	}
	for (size_t i = 0; i < run->nrows; i++) {
		rep->refused += run->rows[i].bad;
		rep->warned += run->rows[i].warned;
	}
}

/* Free everything run holds (not the report). */
static void
import_run_free(struct import_run *run)
{
	free(run->cols);
	import_arena_free(&run->arena);
	free(run->rows);
	for (size_t i = 0; i < run->ngroups; i++) {
		free(run->groups[i].hh_no);
		free(run->groups[i].rows);
	}
	free(run->groups);
	import_hash_free(&run->group_of);
	import_hash_free(&run->line_of_id);
	import_hash_free(&run->stored_of);
	free(run->stored_ids);
	free(run->seen.v);
	strbuf_free(&run->clean);
	free(run->clean_at);
	for (size_t i = 0; i < run->nprobs; i++)
		free(run->probs[i].text);
	free(run->probs);
}

/* Begin a read transaction on db if none is open, so that the checks of
 * a dry run see one state of the database and do not take the read lock
 * once per query; true if it was begun (end it with import_read_end). */
static bool
import_read_begin(struct fd_db *db)
{
	sqlite3 *sql = db_sqlite(db);

	return sqlite3_get_autocommit(sql) &&
	       sqlite3_exec(sql, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

/* End the read transaction of import_read_begin (nothing was written). */
static void
import_read_end(struct fd_db *db)
{
	sqlite3 *sql = db_sqlite(db);

	if (!sqlite3_get_autocommit(sql))
		sqlite3_exec(sql, "ROLLBACK", NULL, NULL, NULL);
}

/* Read the file, then in one transaction build, check and save every
 * group; commit only if no line was refused. */
enum fd_status
import_households(struct fd_db *db, const char *data, size_t len, bool dry_run,
                  import_progress_fn progress, void *ud,
                  struct import_report *rep, struct fd_err *err)
{
	struct import_run run;
	enum fd_status st = FD_OK;
	bool reading = false;
	char n1[24], n2[24];
	char *msg;

	memset(rep, 0, sizeof(*rep));
	memset(&run, 0, sizeof(run));
	run.db = db;
	run.rep = rep;
	run.progress = progress;
	run.ud = ud;
	run.dry_run = dry_run;
	idcard_today(run.today);
	household_batch_begin(db);
	run.map = import_map_get(err);
	if (!run.map) {
		st = FD_E_PARSE;
		goto out;
	}
	import_progress_at(&run, IMPORT_PHASE_READ, 0, len);
	st = import_read(&run, data, len, err);
	if (st != FD_OK || !run.nrows)
		goto out;
	rep->lines = run.nrows;
	rep->households = run.ngroups;
	import_progress_at(&run,
	                   dry_run ? IMPORT_PHASE_CHECK : IMPORT_PHASE_WRITE, 0,
	                   run.nrows);
	db_bulk_set(db, true); /* a large page cache for the run */
	if (dry_run)
		reading = import_read_begin(db);
	else
		st = txn_begin(db, &run.t, err);
	if (st == FD_OK)
		st = import_read_stored(&run, err);
	for (size_t i = 0; i < run.ngroups; i++)
		if (!import_stored_id(&run, run.groups[i].hh_no))
			run.new_members += run.groups[i].n;
	for (size_t i = 0; i < run.ngroups && st == FD_OK; i++) {
		st = import_build_group(&run, &run.groups[i], err);
		run.rows_done += run.groups[i].n;
		import_progress_at(&run,
		                   dry_run ? IMPORT_PHASE_CHECK
		                           : IMPORT_PHASE_WRITE,
		                   run.rows_done, run.nrows);
	}
	/* Lines without a 户编号 were refused when they were grouped. */
	import_finish_report(&run);
	if (st != FD_OK)
		goto out;
	if (rep->refused) {
		snprintf(n1, sizeof(n1), "%zu", rep->refused);
		snprintf(n2, sizeof(n2), "%zu", rep->lines);
		msg = import_fmt(MSG_IMPORT_REFUSED, n1, n2, NULL, NULL);
		st = fd_fail(err, FD_E_CHECK, "%s", msg);
		free(msg);
		goto out;
	}
	if (run.suspended) {
		import_progress_at(&run, IMPORT_PHASE_INDEX, 0, 1);
		st = txn_schema_restore(run.t, err);
	}
	if (run.bulk && st == FD_OK) {
		import_progress_at(&run, IMPORT_PHASE_SEARCH, 0, 1);
		txn_note(run.t, "import");
		st = search_bulk_end(run.t, err);
	}
	if (run.t && st == FD_OK) {
		import_progress_at(&run, IMPORT_PHASE_COMMIT, 0, 1);
		st = txn_commit(run.t, err);
		run.t = NULL;
	}
	if (st == FD_OK)
		import_progress_at(&run, IMPORT_PHASE_DONE, 1, 1);
out:
	txn_rollback(run.t);
	if (reading)
		import_read_end(db);
	db_bulk_set(db, false);
	household_batch_end();
	import_run_free(&run);
	return st;
}

/* Switch the bulk path for new households on or off. */
void
import_set_bulk(bool on)
{
	import_bulk = on;
}

void
import_report_free(struct import_report *rep)
{
	strbuf_free(&rep->problems);
	strbuf_free(&rep->warnings);
	memset(rep, 0, sizeof(*rep));
}

/* ---- the file
 * -------------------------------------------------------------------- */

/* util_read_file's errors are technical English; the person who typed
 * the path reads why in words: what the path is tells it (stat after the
 * failure), the technical text is kept for anything else. */
enum fd_status
import_read_file(const char *path, char **data, size_t *len,
                 enum fd_msg *brief, struct fd_err *err)
{
	enum fd_status st =
	    util_read_file(path, IMPORT_MAX_BYTES, data, len, err);
	enum fd_msg full = MSG__COUNT, shrt = MSG_IMPORT_FILE_BAD_SHORT;
	struct stat sb;
	char mib[24];
	char *m;

	if (st == FD_OK)
		return st;
	snprintf(mib, sizeof(mib), "%zu", IMPORT_MAX_BYTES / (1024 * 1024));
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			full = MSG_IMPORT_FILE_MISSING,
			shrt = MSG_IMPORT_FILE_MISSING_SHORT;
		else if (errno == EACCES)
			full = MSG_IMPORT_FILE_DENIED,
			shrt = MSG_IMPORT_FILE_DENIED_SHORT;
	} else if (S_ISDIR(sb.st_mode)) {
		full = MSG_IMPORT_FILE_DIR, shrt = MSG_IMPORT_FILE_DIR_SHORT;
	} else if (!S_ISREG(sb.st_mode)) {
		full = MSG_IMPORT_FILE_NOT_REGULAR;
	} else if (access(path, R_OK) != 0 && errno == EACCES) {
		full = MSG_IMPORT_FILE_DENIED, shrt = MSG_IMPORT_FILE_DENIED_SHORT;
	} else if (st == FD_E_PARSE || (size_t)sb.st_size > IMPORT_MAX_BYTES) {
		full = MSG_IMPORT_FILE_TOO_BIG,
		shrt = MSG_IMPORT_FILE_TOO_BIG_SHORT;
	}
	if (brief)
		*brief = shrt;
	if (full == MSG__COUNT) /* "PATH: cannot read: ...", as it was */
		return st;
	m = trf(full, path, mib);
	fd_strlcpy(err->msg, m, sizeof(err->msg));
	free(m);
	return st;
}

/* ---- export
 * -------------------------------------------------------------------- */

/* The readable form of value v of field d: labels for codes. Caller
 * frees. */
static char *
import_export_value(const struct field_def *d, const char *v)
{
	struct strbuf sb = {0};
	const char *label, *p;

	switch (d->kind) {
	case FIELD_CODE:
	case FIELD_BOOL:
		label = d->codes ? codes_label(d->codes, v) : NULL;
		return xstrdup(label ? label : v);
	case FIELD_CODES:
		p = v;
		while (*p) {
			size_t n = strcspn(p, ",");
			char *code = xstrndup(p, n);

			label = codes_label(d->codes, code);
			if (sb.len)
				strbuf_adds(&sb, ",");
			strbuf_adds(&sb, label ? label : code);
			free(code);
			p += n;
			if (*p)
				p++;
		}
		return strbuf_take(&sb);
	default:
		return xstrdup(v);
	}
}

/* The value of column c for member m of h (m < 0: household line). */
static char *
import_export_cell(const struct import_col *c, const struct household *h, int m)
{
	const struct record *head = import_head(h);
	const struct region *reg;

	switch (c->kind) {
	case IMPORT_HH:
		return import_export_value(&entity_household.fields[c->field],
		                           h->hh->v[c->field]);
	case IMPORT_MEM:
		if (m < 0)
			return xstrdup("");
		return import_export_value(&entity_member.fields[c->field],
		                           h->members[m]->v[c->field]);
	case IMPORT_REGION:
		reg = import_region_at(region_find(h->hh->v[HH_REGION]),
		                       c->field);
		return xstrdup(reg ? reg->name : "");
	case IMPORT_HEAD_NAME:
		return xstrdup(head ? head->v[MEM_NAME] : "");
	case IMPORT_HEAD_ID:
		return xstrdup(head ? head->v[MEM_ID_NUMBER] : "");
	case IMPORT_INFO_MEMBERS:
		return xasprintf("%zu", h->nmembers);
	default:
		return xstrdup("");
	}
}

/* True when s is a plain decimal number ("-12.5", "3"): a spreadsheet
 * reads it as the number it is, nothing more. */
static bool
import_plain_number(const char *s)
{
	size_t i = s[0] == '-' ? 1 : 0, digits = 0;

	for (; s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (s[i] == '.')
		for (i++; s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	return digits > 0 && s[i] == '\0';
}

/* The cell v as a spreadsheet must see it, in a form import_clean reads
 * back to v (the round trip of a "members" export):
 * - digits that a spreadsheet would turn into a number and lose (ID
 *   numbers, bank accounts, 户编号, village codes: 12 digits or more,
 *   which Excel shows as 6.22926E+17 and rounds past 15; or a leading
 *   zero) as ="...", Excel's text formula;
 * - a cell that a spreadsheet would run as a formula (CSV injection:
 *   = + - @ first, or a tab or CR, which some read as the start of one)
 *   with a leading ', which makes it text; a plain negative number is
 *   left alone;
 * - a cell that starts with ' gets a second one, since the import drops
 *   the first.
 * Caller frees. */
static char *
import_export_safe(char *v)
{
	size_t n = strlen(v);
	char *out;

	if (n > 0 && strspn(v, "0123456789") == n && (n >= 12 ||
	                                              (n > 1 && v[0] == '0')))
		out = xasprintf("=\"%s\"", v);
	else if (n > 0 && strchr("=+-@\t\r'", v[0]) &&
	         !import_plain_number(v))
		out = xasprintf("'%s", v);
	else
		return v;
	free(v);
	return out;
}

/* Append the line(s) of household h: one per member, or one. */
static void
import_export_household(struct strbuf *out, const struct household *h,
                        const struct import_col **cols, size_t ncols,
                        bool members)
{
	char **cells = xcalloc(ncols ? ncols : 1, sizeof(*cells));
	size_t lines = members ? h->nmembers : 1;

	for (size_t m = 0; m < lines; m++) {
		for (size_t i = 0; i < ncols; i++)
			cells[i] = import_export_safe(import_export_cell(
			    cols[i], h, members ? (int)m : -1));
		csv_write_row(out, (const char *const *)cells, ncols);
		for (size_t i = 0; i < ncols; i++)
			free(cells[i]);
	}
	free(cells);
}

/* Every household, by 户编号, as CSV lines. */
enum fd_status
export_csv(struct fd_db *db, const char *what, struct strbuf *out,
           struct fd_err *err)
{
	const struct import_map *map;
	const struct import_col **cols = NULL;
	const char **headers = NULL;
	sqlite3_stmt *q = NULL;
	struct household h;
	enum fd_status st = FD_OK;
	size_t ncols = 0;
	bool members;
	int rc;

	household_init(&h);
	if (!what ||
	    (strcmp(what, "members") != 0 && strcmp(what, "households") != 0))
		return fd_fail(
		    err, FD_E_INVALID,
		    "cannot export \"%s\": use households or members",
		    what ? what : "");
	members = strcmp(what, "members") == 0;
	map = import_map_get(err);
	if (!map)
		return FD_E_PARSE;
	cols = xcalloc(map->n + 1, sizeof(*cols));
	headers = xcalloc(map->n + 1, sizeof(*headers));
	for (size_t i = 0; i < map->n; i++) {
		const struct import_col *c = &map->v[i];

		if (c->kind == IMPORT_IGNORE ||
		    import_map_first(map, c->kind, c->field) != c)
			continue;
		if (members && c->kind == IMPORT_INFO_MEMBERS)
			continue;
		if (!members && c->kind == IMPORT_MEM)
			continue;
		cols[ncols] = c;
		headers[ncols++] = c->header;
	}
	strbuf_adds(out, "\xEF\xBB\xBF");
	csv_write_row(out, headers, ncols);
	rc = sqlite3_prepare_v2(db_sqlite(db),
	                        "SELECT id FROM household ORDER BY hh_no, id",
	                        -1, &q, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		st = household_load(db, sqlite3_column_int64(q, 0), &h, err);
		if (st != FD_OK)
			goto out;
		import_export_household(out, &h, cols, ncols, members);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE)
		st = fd_fail(err, FD_E_DB, "export: %s",
		             sqlite3_errmsg(db_sqlite(db)));
out:
	sqlite3_finalize(q);
	household_clear(&h);
	free(cols);
	free(headers);
	return st;
}

/* The counts of a report in words. */
char *
import_summary(const struct import_report *rep)
{
	size_t v[7] = {rep->hh_added,
	               rep->hh_updated,
	               rep->hh_unchanged,
	               rep->added - rep->hh_added,
	               rep->updated - rep->hh_updated,
	               rep->unchanged - rep->hh_unchanged,
	               rep->refused};
	char n[7][24];
	const char *args[7];

	for (size_t i = 0; i < 7; i++) {
		snprintf(n[i], sizeof(n[i]), "%zu", v[i]);
		args[i] = n[i];
	}
	return msg_format(tr(MSG_IMPORT_DONE), 7, args);
}
