/*
 * Small helpers shared by the end-to-end tests, over the harness. Header
 * only, all static inline (the test files are linked into one binary, and
 * one that includes this without using every helper must still build).
 */
#ifndef FRONTDESK_E2E_UTIL_H
#define FRONTDESK_E2E_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "harness.h"

/* Run sql on a plain connection to h's database: set-up only, it
 * bypasses the write door (as the unit tests' raw_exec does). */
static inline void
e2e_sql(struct harness *h, const char *sql)
{
	sqlite3 *s = NULL;
	char *msg = NULL;
	int rc;

	cr_assert_eq(sqlite3_open(harness_db_path(h), &s), SQLITE_OK);
	sqlite3_busy_timeout(s, 5000);
	rc = sqlite3_exec(s, sql, NULL, NULL, &msg);
	cr_assert_eq(rc, SQLITE_OK, "%s: %s", sql, msg ? msg : "");
	sqlite3_free(msg);
	sqlite3_close(s);
}

/* Member id (and household id) in h's database: an eligible program
 * participant called name, household 户编号 622921101206000NN. */
static inline void
e2e_member(struct harness *h, int id, const char *name)
{
	char sql[1024];

	snprintf(sql, sizeof(sql),
	         "INSERT INTO household (id, hh_no, verified, created_at,"
	         " updated_at) VALUES (%d, '62292110120600%02d', '1', 'x', 'x');"
	         "INSERT INTO member (id, household_id, id_number, name,"
	         " participant, created_at, updated_at) VALUES (%d, %d,"
	         " '62292119980101%04d', '%s', '1', 'x', 'x');"
	         "INSERT INTO wf_state (key, machine, entity, entity_id, state,"
	         " updated_at) VALUES ('participant:%d', 'participant',"
	         " 'member', '%d', 'eligible', 'x')",
	         id, id % 100, id, id, id, name, id, id);
	e2e_sql(h, sql);
}

/* The "shown/total" count of a list's search line on row `row` of h;
 * fails the test, naming the caller's line, if the row has none. */
#define e2e_count(h, row, shown, total)                                        \
	e2e_count_at(__FILE__, __LINE__, (h), (row), (shown), (total))

static inline void
e2e_count_at(const char *file, int line, struct harness *h, int row, int *shown,
             int *total)
{
	char *text = harness_row(h, row);
	char *slash = strrchr(text, '/');
	char *p = slash;

	*shown = *total = -1;
	if (slash) {
		while (p > text && p[-1] >= '0' && p[-1] <= '9')
			p--;
		if (p < slash && sscanf(p, "%d/%d", shown, total) != 2)
			*shown = *total = -1;
	}
	free(text);
	if (*shown < 0)
		harness_fail_at(file, line, h,
		                "row %d has no \"shown/total\" count", row);
}

/* The 18-character ID number (GB 11643) made of the 17 digits first17 and
 * their check character: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
 * "10X98765432"[sum % 11]. out gets 19 bytes. */
static inline void
e2e_id_number(const char *first17, char out[19])
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6,
	                               3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		out[i] = first17[i];
		sum += (first17[i] - '0') * weight[i];
	}
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

/* Runs argv[0] (a path) with stdin from /dev/null and returns everything
 * it wrote to stdout and stderr; *status gets the waitpid status. Caller
 * frees. */
static inline char *
e2e_run(char *const argv[], int *status)
{
	char *out = NULL;
	size_t len = 0, cap = 0;
	char buf[4096];
	ssize_t n;
	int fds[2], devnull;
	pid_t pid;

	cr_assert(pipe(fds) == 0, "pipe: %s", strerror(errno));
	pid = fork();
	cr_assert(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		devnull = open("/dev/null", O_RDONLY);
		if (devnull >= 0)
			dup2(devnull, STDIN_FILENO);
		dup2(fds[1], STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		n = read(fds[0], buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (len + (size_t)n + 1 > cap) {
			cap = (len + (size_t)n + 1) * 2;
			out = realloc(out, cap);
			cr_assert(out);
		}
		memcpy(out + len, buf, (size_t)n);
		len += (size_t)n;
	}
	close(fds[0]);
	if (!out)
		out = calloc(1, 1);
	else
		out[len] = '\0';
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	return out;
}

/* `$FRONTDESK_BIN --config C --db D args...` (args NULL-ended, at most 8)
 * with the harness's files, as the user running the tests, stdin from
 * /dev/null; *status gets the waitpid status. Returns what it wrote to
 * stdout and stderr. Caller frees. */
static inline char *
e2e_cli(struct harness *h, const char *const args[], int *status)
{
	const char *bin = getenv("FRONTDESK_BIN");
	char *argv[14];
	size_t n = 0;

	cr_assert(bin && *bin, "FRONTDESK_BIN is not set");
	argv[n++] = (char *)bin;
	argv[n++] = (char *)"--config";
	argv[n++] = (char *)harness_config_path(h);
	argv[n++] = (char *)"--db";
	argv[n++] = (char *)harness_db_path(h);
	for (size_t i = 0; args[i]; i++) {
		cr_assert(n + 1 < sizeof(argv) / sizeof(argv[0]),
		          "e2e_cli: too many arguments");
		argv[n++] = (char *)args[i];
	}
	argv[n] = NULL;
	return e2e_run(argv, status);
}

#endif
