/*
 * make bench: figures for the foundation, printed, never asserted.
 *
 *   open      db_open + db_close of an existing database (the start-up
 *             cost the person waits for), p50 and p95
 *   config    loading the built-in configuration and catalog
 *   write     audited inserts through the write door: many in one
 *             transaction, and one transaction each (each is a fsync'd
 *             WAL commit at synchronous=NORMAL)
 *   edit      the field editor: typing and erasing Chinese text
 *
 * Each figure is measured on this machine at this moment; compare runs on
 * the same machine only.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/config.h"
#include "frontdesk/db.h"
#include "frontdesk/fieldedit.h"
#include "frontdesk/i18n.h"
#include "frontdesk/txn.h"
#include "frontdesk/util.h"

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

/* Print p50 and p95 of n samples (seconds) in milliseconds. */
static void
bench_report(const char *what, double *s, size_t n)
{
	qsort(s, n, sizeof(*s), bench_cmp);
	printf("%-44s p50 %8.3f ms   p95 %8.3f ms   (n=%zu)\n", what,
	       s[n / 2] * 1e3, s[n * 95 / 100] * 1e3, n);
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
bench_open(const char *path)
{
	double s[200];
	struct fd_db *db;
	struct fd_err err;

	for (size_t i = 0; i < FD_ARRAY_LEN(s); i++) {
		double t = bench_now();

		bench_check(db_open(path, "bench", NULL, &db, &err), &err, "open");
		db_close(db);
		s[i] = bench_now() - t;
	}
	bench_report("open an existing database", s, FD_ARRAY_LEN(s));
}

static void
bench_config(void)
{
	double s[200];
	struct config cfg;
	struct fd_err err;

	for (size_t i = 0; i < FD_ARRAY_LEN(s); i++) {
		double t = bench_now();

		memset(&cfg, 0, sizeof(cfg));
		bench_check(config_load(NULL, &cfg, &err), &err, "config");
		bench_check(i18n_load("zh", NULL, &err), &err, "catalog");
		config_free(&cfg);
		s[i] = bench_now() - t;
	}
	bench_report("load built-in configuration and catalog", s,
		     FD_ARRAY_LEN(s));
}

/* Insert n staff rows, `per` rows per transaction; returns seconds. */
static double
bench_write(struct fd_db *db, int first, int n, int per)
{
	struct fd_err err;
	double t = bench_now();

	for (int i = 0; i < n; i += per) {
		struct fd_txn *tx;

		bench_check(txn_begin(db, &tx, &err), &err, "begin");
		for (int k = i; k < i + per && k < n; k++) {
			char login[32];
			struct txn_field f[] = {{"login", login},
						{"name", "张三丰"},
						{"role", "frontdesk"},
						{"created_at", "2026-01-01T00:00:00.000Z"}};

			snprintf(login, sizeof(login), "u%d", first + k);
			bench_check(txn_insert(tx, "staff", "login", f, 4, &err),
				    &err, "insert");
		}
		bench_check(txn_commit(tx, &err), &err, "commit");
	}
	return bench_now() - t;
}

static void
bench_writes(const char *path)
{
	struct fd_db *db;
	struct fd_err err;
	double t;

	bench_check(db_open(path, "bench", NULL, &db, &err), &err, "open");
	t = bench_write(db, 0, 20000, 20000);
	printf("%-44s %8.0f rows/s (one audit row each)\n",
	       "audited inserts, one transaction", 20000 / t);
	t = bench_write(db, 100000, 500, 1);
	printf("%-44s %8.0f transactions/s\n", "audited inserts, one per transaction",
	       500 / t);
	db_close(db);
}

static void
bench_edit(void)
{
	static const wchar_t text[] = L"临夏回族自治州临夏县土桥镇张三丰abc";
	struct fieldedit fe;
	long ops = 0;
	double t = bench_now();

	for (int r = 0; r < 20000; r++) {
		fieldedit_init(&fe, FIELDEDIT_TEXT, 40, 0);
		for (size_t i = 0; text[i]; i++, ops++)
			fieldedit_insert(&fe, text[i]);
		fieldedit_home(&fe);
		fieldedit_end(&fe);
		while (fe.len) {
			fieldedit_backspace(&fe);
			ops++;
		}
		fieldedit_free(&fe);
	}
	t = bench_now() - t;
	printf("%-44s %8.0f ns/key\n", "field editor, type and erase Chinese",
	       t * 1e9 / (double)ops);
}

int
main(void)
{
	char dir[] = "/tmp/frontdesk-bench-XXXXXX";
	char *path;

	setlocale(LC_ALL, "C.UTF-8");
	if (!mkdtemp(dir)) {
		perror("bench: mkdtemp");
		return 1;
	}
	path = xasprintf("%s/bench.db", dir);
	bench_writes(path);
	bench_open(path);
	bench_config();
	bench_edit();
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);

		if (system(cmd) != 0)
			fprintf(stderr, "bench: could not remove %s\n", dir);
		free(cmd);
	}
	free(path);
	return 0;
}
