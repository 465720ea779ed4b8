/*
 * End-to-end tests of the command line: the commands that only read
 * (export, report, check, staff list) refuse a database file that does
 * not exist and create nothing; `frontdesk check` runs the consistency
 * rules of every household; the texts follow ui.language (catalog).
 *
 * Each test has the harness's temp dir and config (no terminal program is
 * started); the binary runs with stdin from /dev/null.
 */
#include <sqlite3.h>
#include <sys/stat.h>

#include "e2e_util.h"

static struct harness *h;

static void
cli_teardown(void)
{
	harness_stop(h);
	h = NULL;
}

TestSuite(cli, .fini = cli_teardown);

/* Assert that the run ended with exit code want. */
#define cli_exit(st, want, out)                                              \
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == (want),                  \
	          "exit %s, wanted %d; output:\n%s", harness_status_str(st),   \
	          (want), (out))

/* `frontdesk --config C --db DIR/name args...`. Caller frees. */
static char *
cli_on(const char *name, const char *const args[], int *st)
{
	const char *bin = getenv("FRONTDESK_BIN");
	char db[512];
	char *argv[12];
	size_t n = 0;

	cr_assert(bin && *bin, "FRONTDESK_BIN is not set");
	snprintf(db, sizeof db, "%s/%s", harness_dir(h), name);
	argv[n++] = (char *)bin;
	argv[n++] = (char *)"--config";
	argv[n++] = (char *)harness_config_path(h);
	argv[n++] = (char *)"--db";
	argv[n++] = db;
	for (size_t i = 0; args[i]; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	return e2e_run(argv, st);
}

Test(cli, read_only_commands_refuse_a_missing_database)
{
	static const char *const cmds[][5] = {
	    {"export", "members", NULL},
	    {"export", "households", NULL},
	    {"report", "cohorts", NULL},
	    {"check", NULL},
	    {"staff", "list", NULL},
	    {"import", "households", "empty.csv", "--dry-run", NULL},
	};
	struct stat sb;
	char path[512];

	h = harness_new();
	harness_write_file(h, "empty.csv", "户编号,证件号码,姓名\n");
	snprintf(path, sizeof path, "%s/nonexist.db", harness_dir(h));
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		int st;
		char *out = cli_on("nonexist.db", cmds[i], &st);

		cli_exit(st, 1, out);
		cr_assert(strstr(out, "没有这个数据库") && strstr(out, path),
		          "%s: %s", cmds[i][0], out);
		cr_assert_neq(stat(path, &sb), 0, "%s created %s", cmds[i][0],
		              path);
		free(out);
	}
	/* A usage error opens (and creates) no database either. */
	{
		static const char *const bad[] = {"export", "staff", NULL};
		int st;
		char *out = cli_on("nonexist.db", bad, &st);

		cli_exit(st, 2, out);
		cr_assert(strstr(out, "用法：frontdesk export"), "%s", out);
		cr_assert_neq(stat(path, &sb), 0, "a usage error created %s",
		              path);
		free(out);
	}
}

Test(cli, check_finds_a_second_head_in_the_catalog_language)
{
	static const char *const demo[] = {"demo", NULL};
	static const char *const check[] = {"check", NULL};
	char path[512];
	sqlite3 *raw;
	char *out;
	int st;

	h = harness_new();
	out = cli_on("d.db", demo, &st);
	cli_exit(st, 0, out);
	free(out);
	out = cli_on("d.db", check, &st);
	cli_exit(st, 0, out);
	cr_assert(strstr(out, "检查通过") && strstr(out, "300 户"), "%s", out);
	free(out);

	snprintf(path, sizeof path, "%s/d.db", harness_dir(h));
	cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(raw,
	                          "UPDATE member SET relation = '01' WHERE id ="
	                          " (SELECT min(id) FROM member WHERE"
	                          " household_id = 5 AND relation <> '01')",
	                          NULL, NULL, NULL),
	             SQLITE_OK, "%s", sqlite3_errmsg(raw));
	sqlite3_close(raw);
	out = cli_on("d.db", check, &st);
	cli_exit(st, 1, out);
	cr_assert(strstr(out, "户 "), "%s", out);
	cr_assert(strstr(out, "每户必须恰好有一位户主"), "%s", out);
	cr_assert(strstr(out, "发现 1 个问题"), "%s", out);
	free(out);
}

Test(cli, usage_errors_follow_the_language)
{
	static const char *const backup[] = {"backup", "x.db", NULL};
	static const char *const staff[] = {"staff", NULL};
	char *out;
	int st;

	h = harness_new();
	out = cli_on("u.db", backup, &st);
	cli_exit(st, 2, out);
	cr_assert(strstr(out, "没有“backup”这个命令"), "%s", out);
	free(out);
	out = cli_on("u.db", staff, &st);
	cli_exit(st, 2, out);
	cr_assert(strstr(out, "用法：frontdesk staff list"), "%s", out);
	free(out);

	harness_write_file(h, "frontdesk.ini", "[ui]\nlanguage = en\n");
	out = cli_on("u.db", backup, &st);
	cli_exit(st, 2, out);
	cr_assert(strstr(out, "unknown command 'backup'"), "%s", out);
	free(out);
}

/* --help speaks the configured language (the built-in English when the
 * configuration cannot be read), lists every command, creates nothing
 * and exits 0. */
Test(cli, help_follows_the_language)
{
	static const char *const help[] = {"--help", NULL};
	char path[600];
	char *out;
	int st;

	h = harness_new();
	out = cli_on("none.db", help, &st);
	cli_exit(st, 0, out);
	cr_assert(strstr(out, "用法：frontdesk"), "%s", out);
	cr_assert(strstr(out, "一致性规则"), "%s", out);
	cr_assert(strstr(out, "staff add 登录名 角色"), "%s", out);
	free(out);
	snprintf(path, sizeof(path), "%s/none.db", harness_dir(h));
	cr_assert_eq(access(path, F_OK), -1, "--help created %s", path);

	harness_write_file(h, "frontdesk.ini", "[ui]\nlanguage = en\n");
	out = cli_on("none.db", help, &st);
	cli_exit(st, 0, out);
	cr_assert(strstr(out, "Usage: frontdesk"), "%s", out);
	cr_assert(strstr(out, "consistency rules"), "%s", out);
	free(out);

	harness_write_file(h, "frontdesk.ini", "[ui]\nlanguage = xx\n");
	out = cli_on("none.db", help, &st);
	cli_exit(st, 0, out);
	cr_assert(strstr(out, "Usage: frontdesk"), "%s", out);
	free(out);
}
