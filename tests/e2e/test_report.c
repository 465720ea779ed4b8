/*
 * The training command line, with the real binary: `frontdesk demo` adds
 * cohorts, `frontdesk report cohorts` lists them in Chinese and English,
 * `frontdesk report` alone or with an unknown name prints its usage, and a
 * bad training.holidays file stops the application before it takes the
 * screen, naming the file and line.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "harness.h"

static struct harness *h;

static void
teardown(void)
{
	harness_stop(h);
	h = NULL;
}

TestSuite(report_cli, .fini = teardown);

/* Run the binary on the harness's config and database, with its
 * directory as HOME, with args (shell words, no quotes in them), stdout and stderr together into a
 * string (caller frees); *status gets the wait status. */
static char *
cli(const char *args, int *status)
{
	const char *bin = getenv("FRONTDESK_BIN");
	char cmd[1024], buf[4096];
	char *out = NULL;
	size_t len = 0, n;
	FILE *p;

	cr_assert(bin && *bin, "FRONTDESK_BIN is not set");
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && HOME='%s' LC_ALL=C.UTF-8 '%s' --config '%s'"
	         " --db '%s' %s </dev/null 2>&1",
	         harness_dir(h), harness_dir(h), bin, harness_config_path(h),
	         harness_db_path(h), args);
	p = popen(cmd, "r");
	cr_assert(p, "popen: %s", strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, p)) > 0) {
		out = realloc(out, len + n + 1);
		cr_assert(out);
		memcpy(out + len, buf, n);
		len += n;
	}
	if (!out)
		out = calloc(1, 1);
	cr_assert(out);
	out[len] = '\0';
	*status = pclose(p);
	return out;
}

/* Assert that the run ended with exit code want. */
#define cli_exit(st, want, out)                                              \
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == (want),                  \
	          "exit %s, wanted %d; output:\n%s", harness_status_str(st),   \
	          (want), (out))

Test(report_cli, demo_then_report_cohorts)
{
	char *out;
	int st;

	h = harness_new();
	out = cli("demo", &st);
	cli_exit(st, 0, out);
	cr_assert(strstr(out, "4 个培训班"), "%s", out);
	free(out);

	out = cli("report cohorts", &st);
	cli_exit(st, 0, out);
	cr_assert(strncmp(out, "班级", strlen("班级")) == 0, "%s", out);
	cr_assert(strstr(out, "出勤率") && strstr(out, "电商运营基础") &&
	              strstr(out, "直播带货") && strstr(out, "ECOM-"),
	          "%s", out);
	free(out);

	/* A second demo adds nothing. */
	out = cli("demo", &st);
	cli_exit(st, 0, out);
	cr_assert(strstr(out, "已有 4 个培训班"), "%s", out);
	free(out);

	harness_write_file(h, "frontdesk.ini", "[ui]\nlanguage = en\n");
	out = cli("report cohorts", &st);
	cli_exit(st, 0, out);
	cr_assert(strncmp(out, "Cohort", 6) == 0, "%s", out);
	cr_assert(strstr(out, "Waitlisted") &&
	              strstr(out, "E-commerce operations basics"),
	          "%s", out);
	free(out);
}

Test(report_cli, usage)
{
	char *out;
	int st;

	h = harness_new();
	out = cli("report", &st);
	cli_exit(st, 2, out);
	cr_assert(strstr(out, "frontdesk report cohorts"), "%s", out);
	free(out);
	out = cli("report funnels", &st);
	cli_exit(st, 2, out);
	cr_assert(strstr(out, "funnels") &&
	              strstr(out, "frontdesk report cohorts"),
	          "%s", out);
	free(out);
	out = cli("report cohorts extra", &st);
	cli_exit(st, 2, out);
	free(out);
}

Test(report_cli, bad_holidays_file_refused_before_the_screen)
{
	char *out;
	const char *text;
	int st;

	h = harness_new();
	harness_write_file(h, "extra.txt",
	                   "[year 2027 official]\n2027-13-01 | holiday | 元旦 |"
	                   " New Year\n");
	harness_write_file(h, "frontdesk.ini",
	                   "[training]\nholidays = ~/extra.txt\n");
	out = cli("report cohorts", &st);
	cli_exit(st, 2, out);
	cr_assert(strstr(out, "extra.txt:2:"), "%s", out);
	free(out);

	harness_launch(h, NULL);
	harness_wait_exit(h, 0, &st);
	text = harness_output(h);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 2, "ended with %s:\n%s",
	          harness_status_str(st), text);
	cr_assert(!harness_altscreen_used(h),
	          "the program took over the screen before refusing the file");
	cr_assert(strstr(text, "extra.txt:2:"), "%s", text);

	/* A good file is taken. (report only reads: it refuses a database
	 * that does not exist yet, so demo makes one first; demo reads the
	 * holidays too.) */
	harness_write_file(h, "extra.txt",
	                   "[year 2027 official]\n2027-01-01 | holiday | 元旦 |"
	                   " New Year's Day\n");
	out = cli("demo", &st);
	cli_exit(st, 0, out);
	free(out);
	out = cli("report cohorts", &st);
	cli_exit(st, 0, out);
	free(out);
}
