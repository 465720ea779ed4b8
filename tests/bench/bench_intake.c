/*
 * make bench: intake figures at the size of a county's register, printed,
 * never asserted. Targets (the issue): import of 1,000,000 members <= 20 s,
 * search p95 <= 20 ms for 3+ characters and <= 80 ms for 1-2, opening a
 * record <= 5 ms, start-up <= 150 ms.
 *
 *   import    import_households of a CSV of FD_BENCH_IMPORT households
 *             (default 10,000, ~39,000 members; the national system's
 *             columns, written by export_csv) into an empty database:
 *             every household new, so all go the bulk path
 *             (household_save_new_in, txn_insert_bulk, indexes and
 *             search upkeep suspended, one rebuild), or with
 *             FD_BENCH_CAREFUL=1 the careful path of updates
 *             (import_set_bulk(false)), for comparison. Then the time
 *             that rate gives for 1,000,000 members: a straight line,
 *             so an optimistic one from a small file (inserting into
 *             larger indexes costs more per row; measured 2026-11 on
 *             2 shared cores: 20,000 households 2.1 s, i.e. "26 s",
 *             300,000 households / 1,172,073 members 40 s, i.e. 34 s
 *             per million). Then household_save_in of 2,000
 *             households with the search indexes kept row by row and
 *             in bulk mode (search_bulk_*), the share of the search
 *             upkeep.
 *   load      the big database: 300,000 demonstration households
 *             (~1,200,000 members, demo_gen) written by plain INSERTs on a
 *             connection of its own in one transaction, WITHOUT the write
 *             door and its audit rows (through household_save it would
 *             take several minutes: see the import figure), then the
 *             search indexes built in one pass (search_state.deferred
 *             1 -> 0, what search_bulk_end does).
 *   search    per keystroke, typing each query one character at a time
 *             (the household list searches on every key, limit 200):
 *             names (first character, two, three), given names (the
 *             two characters after the surname: "contains"), the last 4
 *             digits of an ID, whole ID numbers and 户编号 digit by digit,
 *             village names, the empty query.
 *   open      household_load of random households.
 *   start-up  config, catalog, code lists and regions loaded, db_open of
 *             the big database.
 *
 * The databases live in a mkdtemp directory under /tmp, removed at the
 * end. Environment: FD_BENCH_HOUSEHOLDS (size of the big database),
 * FD_BENCH_IMPORT (households imported), FD_BENCH_KEEP=1 (keep the
 * directory and say where), FD_BENCH_DB=FILE (skip import and load: only
 * start-up, search and open on an existing database), FD_BENCH_ONLY_IMPORT=1
 * (the import figures alone), FD_BENCH_CAREFUL=1 (see import). Figures
 * are of this machine at this moment; compare runs on the same machine
 * only.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontdesk/codes.h"
#include "frontdesk/config.h"
#include "frontdesk/db.h"
#include "frontdesk/demo.h"
#include "frontdesk/household.h"
#include "frontdesk/i18n.h"
#include "frontdesk/idcard.h"
#include "frontdesk/import.h"
#include "frontdesk/search.h"
#include "frontdesk/txn.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

#define BENCH_HOUSEHOLDS 300000
#define BENCH_IMPORT 10000
#define BENCH_SAVES 2000
#define BENCH_LIMIT 200
#define BENCH_MAX_SAMPLES 20000

/* Monotonic time in seconds. */
static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Samples of one figure. */
struct bench_samples {
	const char *what;
	double v[BENCH_MAX_SAMPLES];
	size_t n;
};

static void
bench_add(struct bench_samples *s, double t)
{
	if (s->n < BENCH_MAX_SAMPLES)
		s->v[s->n++] = t;
}

/* Print p50, p95 and max (milliseconds) of s. */
static void
bench_report(struct bench_samples *s)
{
	if (s->n == 0)
		return;
	qsort(s->v, s->n, sizeof(s->v[0]), bench_cmp);
	printf("  %-42s p50 %7.2f  p95 %7.2f  max %7.2f ms  (n=%zu)\n",
	       s->what, s->v[s->n / 2] * 1e3, s->v[s->n * 95 / 100] * 1e3,
	       s->v[s->n - 1] * 1e3, s->n);
}

/* Die with a message: a benchmark that cannot run has nothing to say. */
static void
bench_check(enum fd_status st, const struct fd_err *err, const char *what)
{
	if (st != FD_OK) {
		fprintf(stderr, "bench: %s: %s\n", what, err->msg);
		exit(1);
	}
}

static void
bench_sql_check(sqlite3 *sql, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		fprintf(stderr, "bench: %s: %s\n", what, sqlite3_errmsg(sql));
		exit(1);
	}
}

/* An environment variable as a positive number, else def. */
static int
bench_env(const char *name, int def)
{
	const char *v = getenv(name);
	int n = v ? atoi(v) : 0;

	return n > 0 ? n : def;
}

/* Create the schema: open through frontdesk (migrations), close. */
static void
bench_schema(const char *path)
{
	struct fd_db *db;
	struct fd_err err;

	bench_check(db_open(path, "bench", NULL, &db, &err), &err, "open");
	db_close(db);
}

/* "INSERT INTO table (f..., extra) VALUES (?1, ...)" for ent's fields
 * followed by the columns in extra. Caller frees. */
static char *
bench_insert_sql(const struct entity *ent, const char *const *extra,
		 size_t nextra)
{
	struct strbuf sb = {0};
	size_t n = ent->n + nextra;

	strbuf_addf(&sb, "INSERT INTO %s (", ent->table);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "",
			    i < ent->n ? ent->fields[i].name
				       : extra[i - ent->n]);
	strbuf_adds(&sb, ") VALUES (");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "%s?%zu", i ? ", " : "", i + 1);
	strbuf_adds(&sb, ")");
	return strbuf_take(&sb);
}

/* What bench_load measured. */
struct bench_load {
	double gen, insert, index, total;
	long long members;
};

/* Fill the database at path (schema made, empty) with n demonstration
 * households by plain INSERTs in one transaction, the search indexes
 * deferred and then built in one pass. */
static void
bench_load(const char *path, int n, unsigned seed, struct bench_load *out)
{
	static const char *const hh_extra[] = {"created_at", "updated_at"};
	static const char *const mem_extra[] = {"household_id", "created_at",
						"updated_at"};
	sqlite3 *sql = NULL;
	sqlite3_stmt *hs = NULL, *ms = NULL;
	struct demo_gen *g;
	struct household h;
	struct fd_err err;
	char today[11], *hsql, *msql;
	double t0 = bench_now(), t;
	int rc;

	memset(out, 0, sizeof(*out));
	idcard_today(today);
	g = demo_gen_new(seed, today, &err);
	if (!g)
		bench_check(FD_E_CONFIG, &err, "demo");
	bench_sql_check(sql, sqlite3_open(path, &sql), "open");
	bench_sql_check(sql, search_sql_register(sql), "register");
	bench_sql_check(sql,
			sqlite3_exec(sql,
				     "PRAGMA cache_size = -1048576;"
				     "PRAGMA foreign_keys = ON;"
				     "BEGIN IMMEDIATE;"
				     "UPDATE search_state SET deferred = 1;",
				     NULL, NULL, NULL),
			"begin");
	hsql = bench_insert_sql(&entity_household, hh_extra, 2);
	msql = bench_insert_sql(&entity_member, mem_extra, 3);
	bench_sql_check(sql, sqlite3_prepare_v2(sql, hsql, -1, &hs, NULL),
			hsql);
	bench_sql_check(sql, sqlite3_prepare_v2(sql, msql, -1, &ms, NULL),
			msql);
	for (int i = 0; i < n; i++) {
		char stamp[32];
		time_t when = (time_t)1735689600 + (time_t)i * 97;
		struct tm tm;
		int64_t hid;

		t = bench_now();
		demo_gen_next(g, &h);
		out->gen += bench_now() - t;
		gmtime_r(&when, &tm);
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S.000Z", &tm);
		for (size_t f = 0; f < entity_household.n; f++)
			sqlite3_bind_text(hs, (int)f + 1, h.hh->v[f], -1,
					  SQLITE_STATIC);
		sqlite3_bind_text(hs, (int)entity_household.n + 1, stamp, -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(hs, (int)entity_household.n + 2, stamp, -1,
				  SQLITE_STATIC);
		rc = sqlite3_step(hs);
		bench_sql_check(sql, rc, "insert household");
		sqlite3_reset(hs);
		hid = sqlite3_last_insert_rowid(sql);
		for (size_t m = 0; m < h.nmembers; m++) {
			size_t k = entity_member.n;

			for (size_t f = 0; f < k; f++)
				sqlite3_bind_text(ms, (int)f + 1,
						  h.members[m]->v[f], -1,
						  SQLITE_STATIC);
			sqlite3_bind_int64(ms, (int)k + 1, hid);
			sqlite3_bind_text(ms, (int)k + 2, stamp, -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(ms, (int)k + 3, stamp, -1,
					  SQLITE_STATIC);
			rc = sqlite3_step(ms);
			bench_sql_check(sql, rc, "insert member");
			sqlite3_reset(ms);
			out->members++;
		}
		household_clear(&h);
	}
	out->insert = bench_now() - t0 - out->gen;
	t = bench_now();
	rc = sqlite3_exec(sql, "UPDATE search_state SET deferred = 0", NULL,
			  NULL, NULL);
	bench_sql_check(sql, rc, "index");
	out->index = bench_now() - t;
	bench_sql_check(sql, sqlite3_exec(sql, "COMMIT", NULL, NULL, NULL),
			"commit");
	sqlite3_finalize(hs);
	sqlite3_finalize(ms);
	sqlite3_close(sql);
	out->total = bench_now() - t0;
	free(hsql);
	free(msql);
	demo_gen_free(g);
}

/* When each step of the import began (the progress callback). */
struct bench_phases {
	double at[IMPORT_PHASE_DONE + 1];
	bool seen[IMPORT_PHASE_DONE + 1];
};

static void
bench_phase_cb(void *ud, enum import_phase phase, size_t done, size_t total)
{
	struct bench_phases *ph = ud;

	(void)done;
	(void)total;
	if (!ph->seen[phase]) {
		ph->seen[phase] = true;
		ph->at[phase] = bench_now();
	}
}

/* Seconds of each step that ran, up to the next one that ran. */
static void
bench_phases_print(const struct bench_phases *ph)
{
	static const char *const name[] = {
	    [IMPORT_PHASE_READ] = "read the file (parse, clean, group)",
	    [IMPORT_PHASE_CHECK] = "check",
	    [IMPORT_PHASE_WRITE] = "check and write the rows",
	    [IMPORT_PHASE_INDEX] = "build the suspended indexes",
	    [IMPORT_PHASE_SEARCH] = "build the search indexes",
	    [IMPORT_PHASE_COMMIT] = "commit (and WAL checkpoint)",
	};

	for (int p = IMPORT_PHASE_READ; p < IMPORT_PHASE_DONE; p++) {
		int next = p + 1;

		if (!ph->seen[p])
			continue;
		while (next < IMPORT_PHASE_DONE && !ph->seen[next])
			next++;
		if (ph->seen[next])
			printf("    %-40s %8.2f s\n", name[p],
			       ph->at[next] - ph->at[p]);
	}
}

/* Import a CSV of n households (exported from a database loaded by
 * bench_load) into an empty database; print the figures. */
static void
bench_import(const char *dir, int n)
{
	char *src = xasprintf("%s/import_src.db", dir);
	char *dst = xasprintf("%s/import_dst.db", dir);
	struct strbuf csv = {0};
	struct import_report rep = {0};
	struct bench_phases ph = {0};
	struct bench_load load;
	struct fd_db *db;
	struct fd_err err;
	enum fd_status st;
	double t;

	bench_schema(src);
	bench_load(src, n, 99, &load);
	bench_check(db_open(src, "bench", NULL, &db, &err), &err, "open");
	bench_check(export_csv(db, "members", &csv, &err), &err, "export");
	db_close(db);

	bench_schema(dst);
	bench_check(db_open(dst, "bench", NULL, &db, &err), &err, "open");
	import_set_bulk(!getenv("FD_BENCH_CAREFUL"));
	t = bench_now();
	st = import_households(db, csv.buf, csv.len, false, bench_phase_cb,
			       &ph, &rep, &err);
	t = bench_now() - t;
	if (st != FD_OK)
		fprintf(stderr, "bench: import: %s\n%.2000s\n", err.msg,
			rep.problems.buf ? rep.problems.buf : "");
	printf("import (import_households, CSV of %d households, %lld members,"
	       " %.1f MB, %s path)\n",
	       n, load.members, (double)csv.len / 1e6,
	       getenv("FD_BENCH_CAREFUL") ? "careful" : "bulk");
	import_set_bulk(true);
	printf("  %-42s %8.2f s  (%.0f members/s)\n", "import into an empty "
	       "database", t, (double)load.members / t);
	bench_phases_print(&ph);
	printf("  %-42s %8.0f s  (target 20 s)\n",
	       "  at that rate, 1,000,000 members", 1e6 / load.members * t);
	import_report_free(&rep);
	db_close(db);
	strbuf_free(&csv);
	free(src);
	free(dst);
}

/* household_save_in of n demonstration households in one transaction,
 * with the search indexes kept row by row or in bulk mode; seconds. */
static double
bench_saves(const char *path, int n, bool bulk)
{
	struct fd_db *db;
	struct fd_txn *t;
	struct fd_err err;
	struct household h;
	struct demo_gen *g;
	char today[11];
	double t0;

	idcard_today(today);
	bench_schema(path);
	bench_check(db_open(path, "bench", NULL, &db, &err), &err, "open");
	g = demo_gen_new(7, today, &err);
	if (!g)
		bench_check(FD_E_CONFIG, &err, "demo");
	t0 = bench_now();
	household_batch_begin(db);
	bench_check(txn_begin(db, &t, &err), &err, "begin");
	if (bulk)
		bench_check(search_bulk_begin(t, &err), &err, "bulk");
	for (int i = 0; i < n; i++) {
		demo_gen_next(g, &h);
		bench_check(household_save_in(t, &h, today, NULL, NULL, "bench",
					      &err),
			    &err, "save");
		household_clear(&h);
	}
	if (bulk)
		bench_check(search_bulk_end(t, &err), &err, "bulk end");
	bench_check(txn_commit(t, &err), &err, "commit");
	household_batch_end();
	t0 = bench_now() - t0;
	demo_gen_free(g);
	db_close(db);
	return t0;
}

/* Read n random values of sql's first column (one ? for a random rowid
 * in [1, max]) into v. Caller frees each. */
static size_t
bench_pick(struct fd_db *db, const char *sql, long long max, char **v,
	   size_t n, uint64_t *rng)
{
	sqlite3_stmt *st = NULL;
	size_t k = 0;

	bench_sql_check(db_sqlite(db),
			sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL),
			sql);
	for (size_t tries = 0; k < n && tries < n * 20; tries++) {
		*rng = *rng * 6364136223846793005ull + 1442695040888963407ull;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, (long long)(*rng >> 33) % max + 1);
		if (sqlite3_step(st) != SQLITE_ROW ||
		    !sqlite3_column_text(st, 0))
			continue;
		v[k++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return k;
}

/* Type each query one character at a time; each keystroke's search goes
 * into by_len[characters typed - 1] (the last for longer prefixes). */
static void
bench_type(struct fd_db *db, char **q, size_t n, struct bench_samples *by_len,
	   size_t nlen)
{
	struct search_result r;
	struct fd_err err;

	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(q[i]), chars = 0;

		for (size_t b = 1; b <= len; b++) {
			char *prefix;
			double t;

			if (b < len && ((unsigned char)q[i][b] & 0xC0) == 0x80)
				continue;
			chars++;
			prefix = xstrndup(q[i], b);
			t = bench_now();
			bench_check(search_households(db, prefix, BENCH_LIMIT,
						      &r, &err),
				    &err, "search");
			t = bench_now() - t;
			search_result_free(&r);
			free(prefix);
			bench_add(&by_len[chars <= nlen ? chars - 1 : nlen - 1],
				  t);
		}
	}
}

static void
bench_free_all(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
}

/* Search figures on the big database. */
static void
bench_search(struct fd_db *db, long long households, long long members)
{
	static struct bench_samples name[3] = {
		{.what = "name, 1st character (prefix)"},
		{.what = "name, 2 characters (prefix)"},
		{.what = "name, 3 characters (whole name)"},
	};
	static struct bench_samples given[2] = {
		{.what = "given name, 1 character (contains)"},
		{.what = "given name, 2 characters (contains)"},
	};
	static struct bench_samples tail[2] = {
		{.what = "ID last 4, 1-3 digits typed"},
		{.what = "ID last 4, 4 digits"},
	};
	static struct bench_samples idfull[2] = {
		{.what = "whole ID typed, 1-3 digits"},
		{.what = "whole ID typed, 4-18 digits"},
	};
	static struct bench_samples hhno[2] = {
		{.what = "hh_no typed, 1-3 digits"},
		{.what = "hh_no typed, 4-16 digits"},
	};
	static struct bench_samples village[2] = {
		{.what = "village name, 1 character"},
		{.what = "village name, 2 characters"},
	};
	static struct bench_samples empty = {.what = "empty query (recent)"};
	char *q[400];
	size_t n;
	uint64_t rng = 12345;
	struct search_result r;
	struct fd_err err;

	printf("search, per keystroke (limit %d; targets p95: 1-2 characters "
	       "80 ms, 3+ 20 ms)\n",
	       BENCH_LIMIT);
	n = bench_pick(db,
		       "SELECT name FROM member WHERE id = ?1"
		       " AND length(name) = 3",
		       members, q, 300, &rng);
	bench_type(db, q, n, name, 3);
	for (size_t i = 0; i < n; i++) {
		uint32_t cp;
		int first = utf8_decode(q[i], strlen(q[i]), &cp);

		if (first > 0)
			memmove(q[i], q[i] + first, strlen(q[i]) - first + 1);
	}
	bench_type(db, q, n, given, 2);
	bench_free_all(q, n);
	bench_report(&name[0]);
	bench_report(&name[1]);
	bench_report(&given[0]);
	bench_report(&given[1]);
	bench_report(&name[2]);

	n = bench_pick(db, "SELECT substr(id_number, 15) FROM member"
			   " WHERE id = ?1",
		       members, q, 300, &rng);
	{
		struct bench_samples by4[4] = {{0}};

		bench_type(db, q, n, by4, 4);
		for (size_t k = 0; k < 3; k++)
			for (size_t i = 0; i < by4[k].n; i++)
				bench_add(&tail[0], by4[k].v[i]);
		for (size_t i = 0; i < by4[3].n; i++)
			bench_add(&tail[1], by4[3].v[i]);
	}
	bench_free_all(q, n);
	bench_report(&tail[0]);
	bench_report(&tail[1]);

	n = bench_pick(db, "SELECT id_number FROM member WHERE id = ?1",
		       members, q, 60, &rng);
	{
		struct bench_samples *by = xcalloc(18, sizeof(*by));

		bench_type(db, q, n, by, 18);
		for (size_t k = 0; k < 18; k++)
			for (size_t i = 0; i < by[k].n; i++)
				bench_add(&idfull[k < 3 ? 0 : 1], by[k].v[i]);
		free(by);
	}
	bench_free_all(q, n);
	bench_report(&idfull[0]);
	bench_report(&idfull[1]);

	n = bench_pick(db, "SELECT hh_no FROM household WHERE id = ?1",
		       households, q, 60, &rng);
	{
		struct bench_samples *by = xcalloc(16, sizeof(*by));

		bench_type(db, q, n, by, 16);
		for (size_t k = 0; k < 16; k++)
			for (size_t i = 0; i < by[k].n; i++)
				bench_add(&hhno[k < 3 ? 0 : 1], by[k].v[i]);
		free(by);
	}
	bench_free_all(q, n);
	bench_report(&hhno[0]);
	bench_report(&hhno[1]);

	{
		size_t nv = 0;
		const struct region **v;

		v = region_search(REGION_VILLAGE, "", &nv);

		n = 0;
		for (size_t i = 0; i < nv && n < 60; i += 2)
			if (strncmp(v[i]->code, "6229", 4) == 0)
				q[n++] = xstrndup(v[i]->name, 6);
		free(v);
	}
	bench_type(db, q, n, village, 2);
	bench_free_all(q, n);
	bench_report(&village[0]);
	bench_report(&village[1]);

	for (int i = 0; i < 100; i++) {
		double t = bench_now();

		bench_check(search_households(db, "", BENCH_LIMIT, &r, &err),
			    &err, "search");
		bench_add(&empty, bench_now() - t);
		search_result_free(&r);
	}
	bench_report(&empty);
}

/* household_load of random households. */
static void
bench_open_record(struct fd_db *db, long long households)
{
	static struct bench_samples s = {
		.what = "household_load (target 5 ms)"};
	uint64_t rng = 777;
	struct fd_err err;

	for (int i = 0; i < 2000; i++) {
		struct household h;
		double t;

		rng = rng * 6364136223846793005ull + 1442695040888963407ull;
		household_init(&h);
		t = bench_now();
		bench_check(household_load(db, (int64_t)((rng >> 33) %
							 (uint64_t)households) +
							1,
					   &h, &err),
			    &err, "load");
		bench_add(&s, bench_now() - t);
		household_clear(&h);
	}
	printf("open a record\n");
	bench_report(&s);
}

/* Configuration, catalog, code lists, regions and db_open of path. */
static void
bench_startup(const char *path)
{
	static struct bench_samples s = {
		.what = "config+catalog+codes+db_open (target 150)"};
	static struct bench_samples o = {.what = "  of which db_open"};

	for (int i = 0; i < 30; i++) {
		struct config cfg;
		struct fd_db *db;
		struct fd_err err;
		double t = bench_now(), t1;

		memset(&cfg, 0, sizeof(cfg));
		bench_check(config_load(NULL, &cfg, &err), &err, "config");
		bench_check(i18n_load("zh", NULL, &err), &err, "catalog");
		bench_check(codes_load(NULL, NULL, &err), &err, "codes");
		t1 = bench_now();
		bench_check(db_open(path, "bench", NULL, &db, &err), &err,
			    "open");
		bench_add(&o, bench_now() - t1);
		bench_add(&s, bench_now() - t);
		db_close(db);
		config_free(&cfg);
	}
	printf("start-up on the big database\n");
	bench_report(&s);
	bench_report(&o);
}

/* Rows of table in db. */
static long long
bench_count(struct fd_db *db, const char *table)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("SELECT count(*) FROM %s", table);
	long long n = 0;

	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) ==
		    SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	free(sql);
	return n;
}

/* The size of a file in MB, 0 if it is not there. */
static double
bench_mb(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n = 0;

	if (f && fseek(f, 0, SEEK_END) == 0)
		n = ftell(f);
	if (f)
		fclose(f);
	return (double)n / 1e6;
}

int
main(void)
{
	char dir[] = "/tmp/frontdesk-bench-intake-XXXXXX";
	struct bench_load load;
	struct fd_db *db;
	struct fd_err err;
	char *path, *cmd;
	int households = bench_env("FD_BENCH_HOUSEHOLDS", BENCH_HOUSEHOLDS);
	double row, bulk;

	setlocale(LC_ALL, "C.UTF-8");
	bench_check(i18n_load("zh", NULL, &err), &err, "catalog");
	bench_check(codes_load(NULL, NULL, &err), &err, "codes");
	if (!mkdtemp(dir)) {
		perror("bench: mkdtemp");
		return 1;
	}
	path = xasprintf("%s/big.db", dir);

	if (getenv("FD_BENCH_DB")) {
		/* Search figures on a database kept by an earlier run. */
		free(path);
		path = xstrdup(getenv("FD_BENCH_DB"));
		load.members = 0;
		bench_check(db_open(path, "bench", NULL, &db, &err), &err,
			    "open");
		households = (int)bench_count(db, "household");
		load.members = bench_count(db, "member");
		db_close(db);
		goto measure;
	}
	bench_import(dir, bench_env("FD_BENCH_IMPORT", BENCH_IMPORT));
	if (getenv("FD_BENCH_ONLY_IMPORT"))
		goto done;
	cmd = xasprintf("%s/saves_row.db", dir);
	row = bench_saves(cmd, BENCH_SAVES, false);
	free(cmd);
	cmd = xasprintf("%s/saves_bulk.db", dir);
	bulk = bench_saves(cmd, BENCH_SAVES, true);
	free(cmd);
	printf("  %-42s %8.0f us/household\n",
	       "household_save_in, search kept row by row",
	       row / BENCH_SAVES * 1e6);
	printf("  %-42s %8.0f us/household\n",
	       "household_save_in, search_bulk_begin/end",
	       bulk / BENCH_SAVES * 1e6);

	bench_schema(path);
	bench_load(path, households, 2026, &load);
	printf("load (plain INSERTs, no audit: see above) of %d households, "
	       "%lld members\n",
	       households, load.members);
	printf("  %-42s %8.2f s\n", "generate (demo_gen)", load.gen);
	printf("  %-42s %8.2f s\n", "insert rows, one transaction",
	       load.insert);
	printf("  %-42s %8.2f s\n", "build the search indexes in one pass",
	       load.index);
	printf("  %-42s %8.1f MB\n", "database file", bench_mb(path));

measure:
	bench_startup(path);
	bench_check(db_open(path, "bench", NULL, &db, &err), &err, "open");
	bench_search(db, households, load.members);
	bench_open_record(db, households);
	db_close(db);

done:
	codes_free();
	i18n_free();
	cmd = xasprintf("rm -rf '%s'", dir);
	if (getenv("FD_BENCH_KEEP"))
		printf("kept %s (FD_BENCH_KEEP)\n", dir);
	else if (system(cmd) != 0)
		fprintf(stderr, "bench: could not remove %s\n", dir);
	free(cmd);
	free(path);
	return 0;
}
