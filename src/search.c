/*
 * Household search.
 *
 * Design
 * - The query is normalised (full-width ASCII from an input method made
 *   ASCII, the ideographic space a blank, control characters and invalid
 *   bytes dropped, surrounding blanks trimmed) and classified: empty,
 *   digits (optionally ending in X, the ID check character), or text.
 * - Each class has a list of sources in rank order (search.h). A source is
 *   one SELECT giving (household id, member id, matched text) rows in its
 *   own useful order without a sort, so stepping it stops as soon as
 *   enough households are found: a one-character query that a fifth of a
 *   million names start with costs as little as a rare one. Sources run
 *   in order; a household already found keeps its first (best) match.
 *   limit + 1 households are gathered so that `more` is known; the extra
 *   one is dropped before its details are read.
 * - Indexes (migration 003_search.sql): exact and prefix matches use the
 *   B-tree indexes on member(name, birth), member(id_number) and
 *   household(hh_no) with a range [q, q with its last byte + 1); the last
 *   4 characters of an ID use member_id_tail; "contains" uses the FTS5
 *   tables search_name (a phrase of the query's characters, any length)
 *   and search_id / search_hh (trigram, 4+ digits), always as one quoted
 *   phrase with MATCH (never LIKE, broken on trigram tables in 3.40).
 *   Inside numbers only the last 6 digits go to the trigram index and the
 *   whole query is checked with instr (SEARCH_WINDOW); digits that start
 *   with a known region code are left to the prefix sources, since every
 *   ID number and 户编号 of the county shares them.
 * - Villages: region_search(REGION_VILLAGE) in memory, then the
 *   household(region) index per village.
 * - Every statement is prepared when its source is first reached and
 *   finalized before returning (preparing costs microseconds; nothing stays
 *   open on the connection between key presses).
 * - Writes: only search_bulk_begin/end and search_rebuild write, through
 *   the door (txn.h), by updating search_state.deferred; the triggers of
 *   003_search.sql do the index work. In bulk the upkeep triggers are
 *   also suspended (txn_schema_suspend), restored before the rebuild,
 *   whose name characters fd_search_chars spells out in C
 *   (007_search_rebuild.sql; registered by search_bulk_begin).
 *
 * Invariants
 * - A household appears once in a result; hits are in rank order.
 * - The result is always freeable with search_result_free, also after a
 *   failure.
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/codes.h"
#include "frontdesk/search.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

/* Digits at least this long also search the ends of ID numbers (the
 * index member_id_tail on substr(id_number, 15), the last 4 characters of
 * the stored 18) and inside ID numbers and 户编号. */
#define SEARCH_DIGITS_MIN 4
/* Digits searched inside numbers through the trigram index: the last 6
 * (4 trigrams). A longer phrase is no more selective in practice but much
 * slower: ID numbers of one county share their first 6 digits, whose
 * trigrams are in every row, and FTS5 checks phrase positions in every
 * row holding them all (~40 ms on 1.2M members for 14 digits against
 * ~2 ms for the last 6, checked with instr). */
#define SEARCH_WINDOW 6

enum search_class { SEARCH_EMPTY, SEARCH_DIGITS, SEARCH_TEXT };

/* A small open-addressing set of household ids (0 is never a rowid). */
struct search_set {
	int64_t *v;
	size_t cap; /* a power of two */
};

/* One search in progress. */
struct search_ctx {
	sqlite3 *sql;
	const char *q;     /* normalised query */
	char *q_next;      /* q with its last byte + 1, the end of the prefix
	                      range; NULL when there is none */
	size_t want;       /* limit + 1 */
	struct search_result *out;
	struct search_set seen;
	struct fd_err *err;
};

/* One source: SQL giving (household_id, member_id, matched) rows. */
struct search_source {
	const char *sql;
	enum search_match match;
	int bind; /* what to bind: a mask of SEARCH_BIND_* */
};

#define SEARCH_BIND_Q      1 /* ?1 = q */
#define SEARCH_BIND_NEXT   2 /* ?2 = q_next (skipped without one) */
#define SEARCH_BIND_PHRASE 4 /* ?1 = the FTS5 phrase of q */
#define SEARCH_BIND_LONG   8 /* only for SEARCH_DIGITS_MIN+ characters */
/* Digits inside a number: ?1 = the phrase of q's last SEARCH_WINDOW
 * characters, ?2 = q, which the row must contain; skipped when q starts
 * with a known region code (the prefix sources find those). */
#define SEARCH_BIND_INSIDE 16

/* Sources for digits, best first. */
static const struct search_source search_digit_sources[] = {
	{"SELECT household_id, id, id_number FROM member"
	 " WHERE id_number = ?1",
	 SEARCH_MATCH_ID, SEARCH_BIND_Q},
	{"SELECT id, 0, '' FROM household WHERE hh_no = ?1",
	 SEARCH_MATCH_HH_NO, SEARCH_BIND_Q},
	{"SELECT household_id, id, id_number FROM member"
	 " WHERE substr(id_number, 15) = substr(?1, -4)"
	 " AND substr(id_number, -length(?1)) = ?1",
	 SEARCH_MATCH_ID, SEARCH_BIND_Q | SEARCH_BIND_LONG},
	{"SELECT id, 0, '' FROM household"
	 " WHERE hh_no > ?1 AND hh_no < ?2 ORDER BY hh_no",
	 SEARCH_MATCH_HH_NO, SEARCH_BIND_Q | SEARCH_BIND_NEXT},
	{"SELECT household_id, id, id_number FROM member"
	 " WHERE id_number > ?1 AND id_number < ?2 ORDER BY id_number",
	 SEARCH_MATCH_ID, SEARCH_BIND_Q | SEARCH_BIND_NEXT},
	{"SELECT m.household_id, m.id, m.id_number"
	 " FROM search_id f JOIN member m ON m.id = f.rowid"
	 " WHERE search_id MATCH ?1 AND instr(m.id_number, ?2) > 0",
	 SEARCH_MATCH_ID, SEARCH_BIND_LONG | SEARCH_BIND_INSIDE},
	{"SELECT f.rowid, 0, '' FROM search_hh f JOIN household h"
	 " ON h.id = f.rowid"
	 " WHERE search_hh MATCH ?1 AND instr(h.hh_no, ?2) > 0",
	 SEARCH_MATCH_HH_NO, SEARCH_BIND_LONG | SEARCH_BIND_INSIDE},
};

/* Sources for text before the villages, best first. */
static const struct search_source search_name_sources[] = {
	{"SELECT household_id, id, name FROM member WHERE name = ?1",
	 SEARCH_MATCH_NAME, SEARCH_BIND_Q},
	{"SELECT household_id, id, name FROM member"
	 " WHERE name > ?1 AND name < ?2 ORDER BY name",
	 SEARCH_MATCH_NAME, SEARCH_BIND_Q | SEARCH_BIND_NEXT},
};

/* Text after the villages. */
static const struct search_source search_name_contains = {
	"SELECT m.household_id, m.id, m.name"
	" FROM search_name f JOIN member m ON m.id = f.rowid"
	" WHERE search_name MATCH ?1",
	SEARCH_MATCH_NAME, SEARCH_BIND_PHRASE};

static const struct search_source search_recent = {
	"SELECT id, 0, '' FROM household ORDER BY updated_at DESC, id DESC",
	SEARCH_MATCH_NONE, 0};

static const char search_village_sql[] =
	"SELECT id, 0, '' FROM household WHERE region = ?1";

/* The details of a hit: 户编号, village, member count, head. */
static const char search_detail_sql[] =
	"SELECT h.hh_no, h.region,"
	" (SELECT count(*) FROM member c WHERE c.household_id = h.id),"
	" hd.name, hd.id_number"
	" FROM household h LEFT JOIN member hd ON hd.id ="
	" (SELECT id FROM member WHERE household_id = h.id AND relation = ?2"
	" ORDER BY id LIMIT 1)"
	" WHERE h.id = ?1";

/* Fill err from the connection's last error while doing `doing`. */
static enum fd_status
search_fail(sqlite3 *sql, const char *doing, struct fd_err *err)
{
	int rc = sqlite3_errcode(sql);

	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return fd_fail(err, FD_E_BUSY,
			       "search: the database is busy (%s); try again",
			       doing);
	return fd_fail(err, FD_E_DB, "search: cannot %s: %s", doing,
		       sqlite3_errmsg(sql));
}

/* Add id to the set; false if it was there already. */
static bool
search_set_add(struct search_set *s, int64_t id)
{
	size_t mask = s->cap - 1;
	size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 17) & mask;

	while (s->v[i] != 0) {
		if (s->v[i] == id)
			return false;
		i = (i + 1) & mask;
	}
	s->v[i] = id;
	return true;
}

/* Normalise the query into a new string: full-width ASCII (U+FF01..FF5E)
 * and the ideographic space made ASCII, controls and invalid bytes
 * dropped, surrounding blanks trimmed. Caller frees. */
static char *
search_normalize(const char *s)
{
	struct strbuf sb = {0};
	size_t len = s ? strlen(s) : 0, i = 0, start, end;
	char *out;

	strbuf_add(&sb, "", 0);
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		char buf[UTF8_MAX_BYTES];

		if (n < 1) {
			i++;
			continue;
		}
		i += (size_t)n;
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		else if (cp == 0x3000)
			cp = ' ';
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			continue;
		strbuf_add(&sb, buf, utf8_encode(cp, buf));
	}
	for (start = 0; start < sb.len && sb.buf[start] == ' '; start++)
		;
	for (end = sb.len; end > start && sb.buf[end - 1] == ' '; end--)
		;
	out = xstrndup(sb.buf + start, end - start);
	strbuf_free(&sb);
	return out;
}

/* The class of normalised query q; digits ending in x get an upper-case
 * X (q is changed in place). */
static enum search_class
search_classify(char *q)
{
	size_t n = strlen(q), i;

	if (n == 0)
		return SEARCH_EMPTY;
	for (i = 0; i < n && q[i] >= '0' && q[i] <= '9'; i++)
		;
	if (i == n)
		return SEARCH_DIGITS;
	if (i > 0 && i == n - 1 && (q[i] == 'x' || q[i] == 'X')) {
		q[i] = 'X';
		return SEARCH_DIGITS;
	}
	return SEARCH_TEXT;
}

/* The upper bound of the prefix range of q: q with its last byte + 1
 * (byte order is SQLite's BINARY order); NULL if that byte is 0xFF. Caller
 * frees. */
static char *
search_next(const char *q)
{
	size_t n = strlen(q);
	char *next;

	if (n == 0 || (unsigned char)q[n - 1] == 0xFF)
		return NULL;
	next = xstrdup(q);
	next[n - 1] = (char)((unsigned char)next[n - 1] + 1);
	return next;
}

/* The FTS5 query for q: one quoted phrase; for the name index (chars) its
 * characters separated by blanks, one token each. Quotes are doubled.
 * Caller frees. */
static char *
search_phrase(const char *q, bool chars)
{
	struct strbuf sb = {0};
	size_t len = strlen(q), i = 0;

	strbuf_add(&sb, "\"", 1);
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(q + i, len - i, &cp);

		if (n < 1)
			n = 1;
		if (q[i] == '"')
			strbuf_add(&sb, "\"\"", 2);
		else
			strbuf_add(&sb, q + i, (size_t)n);
		if (chars)
			strbuf_add(&sb, " ", 1);
		i += (size_t)n;
	}
	strbuf_add(&sb, "\"", 1);
	return strbuf_take(&sb);
}

/* True if q starts with the 6 digits of a known region (as ID numbers
 * and 户编号 do). */
static bool
search_region_prefix(const char *q)
{
	char code[7];

	if (strlen(q) < 6)
		return false;
	memcpy(code, q, 6);
	code[6] = '\0';
	return region_find(code) != NULL;
}

/* Number of characters (code points) of q. */
static size_t
search_chars(const char *q)
{
	size_t n = 0;

	for (; *q; q++)
		if (((unsigned char)*q & 0xC0) != 0x80)
			n++;
	return n;
}

/* Step st, adding each row's household (if new) as a hit matched by
 * `match`, until the result holds ctx->want hits or the rows run out.
 * matched_text overrides the row's third column when not NULL. */
static enum fd_status
search_collect(struct search_ctx *ctx, sqlite3_stmt *st,
	       enum search_match match, const char *matched_text)
{
	struct search_result *r = ctx->out;
	int rc = SQLITE_DONE;

	while (r->n < ctx->want && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t hid = sqlite3_column_int64(st, 0);
		struct search_hit *h;
		const char *m;

		if (hid == 0 || !search_set_add(&ctx->seen, hid))
			continue;
		m = matched_text ? matched_text
				 : (const char *)sqlite3_column_text(st, 2);
		h = &r->v[r->n++];
		memset(h, 0, sizeof(*h));
		h->household_id = hid;
		h->member_id = sqlite3_column_int64(st, 1);
		h->match = match;
		h->matched = xstrdup(m ? m : "");
	}
	if (r->n < ctx->want && rc != SQLITE_DONE)
		return search_fail(ctx->sql, "read the matches", ctx->err);
	return FD_OK;
}

/* Run one source (if it applies to q) until the result is full. */
static enum fd_status
search_run(struct search_ctx *ctx, const struct search_source *src)
{
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	char *phrase = NULL;
	int rc;

	if (ctx->out->n >= ctx->want)
		goto out;
	if ((src->bind & SEARCH_BIND_LONG) &&
	    search_chars(ctx->q) < SEARCH_DIGITS_MIN)
		goto out;
	if ((src->bind & SEARCH_BIND_NEXT) && !ctx->q_next)
		goto out;
	if ((src->bind & SEARCH_BIND_INSIDE) && search_region_prefix(ctx->q))
		goto out;
	rc = sqlite3_prepare_v2(ctx->sql, src->sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (src->bind & SEARCH_BIND_Q))
		rc = sqlite3_bind_text(st, 1, ctx->q, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && (src->bind & SEARCH_BIND_NEXT))
		rc = sqlite3_bind_text(st, 2, ctx->q_next, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && (src->bind & SEARCH_BIND_PHRASE)) {
		phrase = search_phrase(ctx->q, true);
		rc = sqlite3_bind_text(st, 1, phrase, -1, SQLITE_STATIC);
	}
	if (rc == SQLITE_OK && (src->bind & SEARCH_BIND_INSIDE)) {
		size_t len = strlen(ctx->q);

		phrase = search_phrase(ctx->q + (len > SEARCH_WINDOW
						 ? len - SEARCH_WINDOW : 0),
				       false);
		rc = sqlite3_bind_text(st, 1, phrase, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 2, ctx->q, -1,
					       SQLITE_STATIC);
	}
	if (rc != SQLITE_OK) {
		status = search_fail(ctx->sql, "prepare the search", ctx->err);
		goto out;
	}
	status = search_collect(ctx, st, src->match, NULL);
out:
	sqlite3_finalize(st);
	free(phrase);
	return status;
}

/* Households of the villages whose name contains q, village by village in
 * code order. */
static enum fd_status
search_villages(struct search_ctx *ctx)
{
	const struct region **v = NULL;
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	size_t n = 0;
	int rc;

	if (ctx->out->n >= ctx->want)
		goto out;
	v = region_search(REGION_VILLAGE, ctx->q, &n);
	if (n == 0)
		goto out;
	rc = sqlite3_prepare_v2(ctx->sql, search_village_sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		status = search_fail(ctx->sql, "prepare the village search",
				     ctx->err);
		goto out;
	}
	for (size_t i = 0; i < n && ctx->out->n < ctx->want; i++) {
		sqlite3_reset(st);
		rc = sqlite3_bind_text(st, 1, v[i]->code, -1, SQLITE_STATIC);
		if (rc != SQLITE_OK) {
			status = search_fail(ctx->sql, "search the villages",
					     ctx->err);
			goto out;
		}
		status = search_collect(ctx, st, SEARCH_MATCH_VILLAGE,
					v[i]->name);
		if (status != FD_OK)
			goto out;
	}
out:
	sqlite3_finalize(st);
	free(v);
	return status;
}

/* Read 户编号, village, member count and head of each hit. */
static enum fd_status
search_details(struct search_ctx *ctx)
{
	struct search_result *r = ctx->out;
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	int rc;

	if (r->n == 0)
		goto out;
	rc = sqlite3_prepare_v2(ctx->sql, search_detail_sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, CODES_RELATION_HEAD, -1,
				       SQLITE_STATIC);
	for (size_t i = 0; rc == SQLITE_OK && i < r->n; i++) {
		struct search_hit *h = &r->v[i];
		const char *hd;

		sqlite3_reset(st);
		rc = sqlite3_bind_int64(st, 1, h->household_id);
		if (rc != SQLITE_OK)
			break;
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			break;
		/* A household deleted between the two reads (a read
		 * outside a transaction sees each statement's snapshot)
		 * keeps empty details. */
		h->hh_no = xstrdup(rc == SQLITE_ROW ? (const char *)
				   sqlite3_column_text(st, 0) : "");
		h->region = xstrdup(rc == SQLITE_ROW ? (const char *)
				    sqlite3_column_text(st, 1) : "");
		h->members = rc == SQLITE_ROW ? sqlite3_column_int(st, 2) : 0;
		hd = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 3)
				      : NULL;
		h->head_name = xstrdup(hd ? hd : "");
		hd = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 4)
				      : NULL;
		h->head_id = xstrdup(hd ? hd : "");
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK)
		status = search_fail(ctx->sql, "read the households found",
				     ctx->err);
out:
	sqlite3_finalize(st);
	return status;
}

/* Classify, run the class's sources in rank order, read the details. */
enum fd_status
search_households(struct fd_db *db, const char *query, size_t limit,
		  struct search_result *out, struct fd_err *err)
{
	struct search_ctx ctx = {0};
	enum fd_status st = FD_OK;
	char *q = search_normalize(query);

	memset(out, 0, sizeof(*out));
	if (limit == 0)
		limit = SEARCH_DEFAULT_LIMIT;
	ctx.sql = db_sqlite(db);
	ctx.q = q;
	ctx.q_next = search_next(q);
	ctx.want = limit + 1;
	ctx.out = out;
	ctx.err = err;
	for (ctx.seen.cap = 16; ctx.seen.cap < ctx.want * 2;)
		ctx.seen.cap *= 2;
	ctx.seen.v = xcalloc(ctx.seen.cap, sizeof(*ctx.seen.v));
	out->v = xcalloc(ctx.want, sizeof(*out->v));

	switch (search_classify(q)) {
	case SEARCH_EMPTY:
		st = search_run(&ctx, &search_recent);
		break;
	case SEARCH_DIGITS:
		for (size_t i = 0;
		     st == FD_OK && i < FD_ARRAY_LEN(search_digit_sources); i++)
			st = search_run(&ctx, &search_digit_sources[i]);
		break;
	case SEARCH_TEXT:
		for (size_t i = 0;
		     st == FD_OK && i < FD_ARRAY_LEN(search_name_sources); i++)
			st = search_run(&ctx, &search_name_sources[i]);
		if (st == FD_OK)
			st = search_villages(&ctx);
		if (st == FD_OK)
			st = search_run(&ctx, &search_name_contains);
		break;
	}
	if (st == FD_OK && out->n > limit) {
		out->more = true;
		free(out->v[limit].matched);
		memset(&out->v[limit], 0, sizeof(out->v[limit]));
		out->n = limit;
	}
	if (st == FD_OK)
		st = search_details(&ctx);
	free(ctx.seen.v);
	free(ctx.q_next);
	free(q);
	return st;
}

/* Free every hit and zero r. */
void
search_result_free(struct search_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].hh_no);
		free(r->v[i].head_name);
		free(r->v[i].head_id);
		free(r->v[i].region);
		free(r->v[i].matched);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* Set search_state.deferred through the door (audited). */
static enum fd_status
search_set_deferred(struct fd_txn *t, const char *value, struct fd_err *err)
{
	const struct txn_field f[] = {{"deferred", value}};

	return txn_update(t, "search_state", "id", "1", f, FD_ARRAY_LEN(f),
			  err);
}

/* fd_search_chars(name): what the view search_name_text makes of name
 * (007_search_rebuild.sql), its first 16 characters each followed by a
 * blank, then the rest; a character is what substr() counts as one (a
 * byte below 0xC0 alone, else a lead byte with the bytes 0x80-0xBF after
 * it), text ends at a NUL as substr() reads it, a blob is taken byte by
 * byte; NULL gives NULL. */
static void
search_chars_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const unsigned char *z, *e, *p, *q;
	bool blob = sqlite3_value_type(argv[0]) == SQLITE_BLOB;
	size_t n, o = 0;
	char *out;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(cx);
		return;
	}
	if (blob) {
		z = sqlite3_value_blob(argv[0]);
		n = (size_t)sqlite3_value_bytes(argv[0]);
	} else {
		z = sqlite3_value_text(argv[0]);
		n = z ? strlen((const char *)z) : 0;
	}
	out = sqlite3_malloc64(n + 17);
	if (!out) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	p = z;
	e = z ? z + n : z;
	for (int i = 0; i < 16; i++) {
		q = p;
		if (q < e && *q++ >= 0xC0 && !blob)
			while (q < e && (*q & 0xC0) == 0x80)
				q++;
		memcpy(out + o, p, (size_t)(q - p));
		o += (size_t)(q - p);
		out[o++] = ' ';
		p = q;
	}
	if (p < e) {
		memcpy(out + o, p, (size_t)(e - p));
		o += (size_t)(e - p);
	}
	sqlite3_result_text64(cx, out, o, sqlite3_free, SQLITE_UTF8);
}

/* Register fd_search_chars on sql (a second registration while
 * statements run says busy: the function is there already). */
int
search_sql_register(sqlite3 *sql)
{
	int rc = sqlite3_create_function_v2(
	    sql, "fd_search_chars", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	    search_chars_fn, NULL, NULL, NULL);

	return rc == SQLITE_BUSY ? SQLITE_OK : rc;
}

/* search_sql_register on the connection of t. */
static enum fd_status
search_chars_register(struct fd_txn *t, struct fd_err *err)
{
	sqlite3 *sql = db_sqlite(txn_db(t));

	if (search_sql_register(sql) != SQLITE_OK)
		return fd_fail(err, FD_E_DB, "cannot prepare the search "
		               "rebuild: %s", sqlite3_errmsg(sql));
	return FD_OK;
}

/* The row-by-row upkeep triggers of 003_search.sql. */
static const char *const search_upkeep[] = {
	"member_search_insert",    "member_search_delete",
	"member_search_update",    "household_search_insert",
	"household_search_delete", "household_search_update",
};

/* Switch the row-by-row index upkeep off for the rest of t: deferred,
 * and its triggers suspended (a trigger that does nothing still costs a
 * bulk insert a third of its time, measured on a million members). */
enum fd_status
search_bulk_begin(struct fd_txn *t, struct fd_err *err)
{
	enum fd_status st = search_chars_register(t, err);

	if (st == FD_OK)
		st = search_set_deferred(t, "1", err);
	if (st == FD_OK)
		st = txn_schema_suspend(t, search_upkeep,
					FD_ARRAY_LEN(search_upkeep), err);
	return st;
}

/* Switch it back on: the triggers back, then the trigger
 * search_state_resume rebuilds the indexes from the tables. */
enum fd_status
search_bulk_end(struct fd_txn *t, struct fd_err *err)
{
	enum fd_status st = txn_schema_restore(t, err);

	if (st == FD_OK)
		st = search_set_deferred(t, "0", err);
	return st;
}

/* Defer and resume in one transaction of its own: a full rebuild. */
enum fd_status
search_rebuild(struct fd_db *db, struct fd_err *err)
{
	struct fd_txn *t = NULL;
	enum fd_status st;

	st = txn_begin(db, &t, err);
	if (st != FD_OK)
		goto out;
	txn_note(t, "search indexes rebuilt");
	st = search_bulk_begin(t, err);
	if (st == FD_OK)
		st = search_bulk_end(t, err);
	if (st != FD_OK)
		goto out;
	st = txn_commit(t, err);
	t = NULL;
out:
	txn_rollback(t);
	return st;
}
