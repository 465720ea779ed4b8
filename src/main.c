/*
 * The command line: global options, then a subcommand or the application.
 *
 *   frontdesk [--config FILE] [--db FILE] [COMMAND [ARGS]]
 *
 * Start-up order matters: the configuration, the catalog and the key table
 * are loaded and checked before the terminal is taken over, so a bad
 * configuration stops with one line on stderr naming the file, the line or
 * key, and the problem. The login is the Unix account running the program
 * (getpwuid, never $USER, which anyone can set).
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/codes.h"
#include "frontdesk/cohort.h"
#include "frontdesk/config.h"
#include "frontdesk/db.h"
#include "frontdesk/demo.h"
#include "frontdesk/household.h"
#include "frontdesk/i18n.h"
#include "frontdesk/idcard.h"
#include "frontdesk/import.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/report.h"
#include "frontdesk/schedule.h"
#include "frontdesk/staff.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"
#include "frontdesk/workflow.h"

#ifndef FD_VERSION
#define FD_VERSION "0.0.0"
#endif

#define EXIT_USAGE 2

struct main_opts {
	const char *config;
	const char *db;
	int argc; /* the command and its arguments */
	char **argv;
	/* --help: the usage, told once the catalog is loaded. */
	bool help;
	/* A bad global option, told once the catalog is loaded. */
	enum fd_msg bad_msg;
	const char *bad_arg;
};

/* Print one line on stderr: "frontdesk: msg". */
static void
main_complain(const char *msg)
{
	fprintf(stderr, "frontdesk: %s\n", msg);
}

/* Print catalog text id with arguments a1, a2 (either may be NULL) on
 * stdout, a line. */
static void
main_say(enum fd_msg id, const char *a1, const char *a2)
{
	char *m = trf(id, a1, a2);

	printf("%s\n", m);
	free(m);
}

/* main_say with a count as the first argument. */
static void
main_say_count(enum fd_msg id, long long count, const char *a2)
{
	char n[24];

	snprintf(n, sizeof(n), "%lld", count);
	main_say(id, n, a2);
}

/* main_complain of catalog text id with argument a (may be NULL). */
static void
main_complain_tr(enum fd_msg id, const char *a)
{
	char *m = trf(id, a, NULL);

	main_complain(m);
	free(m);
}

/* Print catalog text id on stderr as it is (a usage line). */
static void
main_usage_line(enum fd_msg id)
{
	fprintf(stderr, "%s\n", tr(id));
}

/* Read the global options; returns -1 to exit with EXIT_USAGE (after
 * telling o->bad_msg about o->bad_arg: main_usage_error), 1 when --help or
 * --version was answered, 0 to go on. */
static int
main_parse(int argc, char **argv, struct main_opts *o)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			o->help = true;
			return 1;
		}
		if (strcmp(a, "--version") == 0) {
			printf("frontdesk %s (schema %d)\n", FD_VERSION,
			       db_schema_latest());
			return 1;
		}
		if (strcmp(a, "--config") == 0 || strcmp(a, "--db") == 0) {
			if (i + 1 >= argc) {
				o->bad_msg = MSG_CLI_OPTION_NEEDS_FILE;
				o->bad_arg = a;
				return -1;
			}
			if (a[2] == 'c')
				o->config = argv[++i];
			else
				o->db = argv[++i];
			continue;
		}
		if (strncmp(a, "--config=", 9) == 0) {
			o->config = a + 9;
			continue;
		}
		if (strncmp(a, "--db=", 5) == 0) {
			o->db = a + 5;
			continue;
		}
		if (a[0] == '-') {
			o->bad_msg = MSG_CLI_UNKNOWN_OPTION;
			o->bad_arg = a;
			return -1;
		}
		break;
	}
	o->argc = argc - i;
	o->argv = argv + i;
	return 0;
}

/* Answer --help, or tell the bad global option main_parse found, in the
 * configured language when the configuration and its catalog load
 * (quietly: a bad file is not what was asked about), else in English. */
static void
main_usage_answer(const struct main_opts *o)
{
	struct config cfg = {0};
	struct fd_err err;
	char *path = NULL;

	if (config_find(o->config, &path, &err) != FD_OK ||
	    config_load(path, &cfg, &err) != FD_OK ||
	    i18n_load(cfg.language, cfg.catalog, &err) != FD_OK)
		i18n_load("en", NULL, &err);
	if (o->help)
		fputs(tr(MSG_CLI_HELP), stdout);
	else
		main_complain_tr(o->bad_msg, o->bad_arg);
	config_free(&cfg);
	free(path);
	i18n_free();
}

/* The Unix login of the person running the program. Caller frees. */
static char *
main_login(void)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw && pw->pw_name && pw->pw_name[0])
		return xstrdup(pw->pw_name);
	return xasprintf("uid%ld", (long)getuid());
}

/* Whether the command only reads (export, report, check, staff list,
 * import --dry-run):
 * it must not create a database where a mistyped --db points. */
static bool
main_reads_only(const struct main_opts *o)
{
	const char *cmd = o->argc ? o->argv[0] : NULL;

	if (!cmd)
		return false;
	if (strcmp(cmd, "staff") == 0)
		return o->argc >= 2 && strcmp(o->argv[1], "list") == 0;
	if (strcmp(cmd, "import") == 0) {
		for (int i = 1; i < o->argc; i++)
			if (strcmp(o->argv[i], "--dry-run") == 0)
				return true;
		return false;
	}
	return strcmp(cmd, "export") == 0 || strcmp(cmd, "report") == 0 ||
	       strcmp(cmd, "check") == 0;
}

/* The session a command opens its database in, once its arguments are
 * good (a usage error opens, and creates, nothing): main_db. */
static struct {
	const struct config *cfg;
	const struct main_opts *o;
	const char *login;
	struct fd_db *db;
} main_session;

/* Open the database of the configuration (or --db); a command that only
 * reads refuses a file that does not exist, naming the path. */
static int
main_open(const struct config *cfg, const struct main_opts *o,
	  const char *login, struct fd_db **db)
{
	struct db_options dopt = {.busy_timeout_ms = cfg->busy_timeout_ms,
				  .no_create = main_reads_only(o)};
	const char *path = o->db ? o->db : cfg->db_path;
	struct fd_err err;
	enum fd_status st;

	st = db_open(path, login, &dopt, db, &err);
	if (st == FD_E_NOTFOUND && dopt.no_create) {
		main_complain_tr(MSG_CLI_NO_DB, path);
		return 1;
	}
	if (st != FD_OK) {
		main_complain(err.msg);
		return 1;
	}
	return 0;
}

/* The session's database, opened on first use; NULL (and the reason on
 * stderr) when it cannot be opened. */
static struct fd_db *
main_db(void)
{
	if (!main_session.db &&
	    main_open(main_session.cfg, main_session.o, main_session.login,
		      &main_session.db) != 0)
		return NULL;
	return main_session.db;
}

/* The count that sql gives on db (0 when it cannot be read). */
static long long
main_count(struct fd_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long have = 0;

	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) ==
		    SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		have = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return have;
}

/* Character widths for aligned output: the environment's LC_CTYPE if it
 * is UTF-8, else C.UTF-8 (the program writes UTF-8 either way). */
static void
main_ctype_utf8(void)
{
	const char *cs;

	if (setlocale(LC_CTYPE, "") && (cs = nl_langinfo(CODESET)) &&
	    (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0))
		return;
	setlocale(LC_CTYPE, "C.UTF-8");
}

static void main_bar(const char *what, size_t done, size_t total,
		     const char *step);

/* db_check's progress on stderr. */
static void
main_check_progress(void *ud, int done, int total)
{
	main_bar(ud, (size_t)done, (size_t)total, NULL);
}

/* The problem lines of a check text: its non-empty lines. */
static size_t
main_lines(const char *text)
{
	size_t n = 0;

	for (const char *p = text; p && *p; p++)
		if (*p == '\n' && p > text && p[-1] != '\n')
			n++;
	return n;
}

/* frontdesk check: integrity, foreign keys, audit protection and the
 * consistency rules of every household (db_check). */
static int
main_check(void)
{
	struct strbuf problems = {0};
	struct fd_db *db = main_db();
	struct fd_err err;
	enum fd_status st;
	char n[24], v[24];
	int rc = 0;

	if (!db)
		return 1;
	st = db_check(db, main_check_progress, (void *)tr(MSG_CHECK_TITLE),
		      &problems, &err);
	if (st == FD_OK) {
		const char *args[2] = {n, v};
		char *m;

		snprintf(n, sizeof(n), "%lld",
			 main_count(db, "SELECT count(*) FROM household"));
		snprintf(v, sizeof(v), "%d", db_schema_version(db));
		m = msg_format(tr(MSG_CLI_CHECK_OK), 2, args);
		printf("%s\n", m);
		free(m);
	} else if (st == FD_E_CHECK) {
		fputs(problems.buf, stdout);
		snprintf(n, sizeof(n), "%zu", main_lines(problems.buf));
		main_complain_tr(MSG_CLI_CHECK_FOUND, n);
		rc = 1;
	} else {
		main_complain(err.msg);
		rc = 1;
	}
	strbuf_free(&problems);
	return rc;
}

/* Text s padded with blanks to cols columns (wide characters count
 * two). Caller frees. */
static char *
main_pad(const char *s, int cols)
{
	int w = utf8_width(s);

	return xasprintf("%s%*s", s, w < cols ? cols - w : 0, "");
}

/* One line of the staff list, columns aligned by width. */
static void
main_staff_row(const char *login, const char *role, const char *active,
	       const char *name)
{
	char *c[3] = {main_pad(login, 20), main_pad(role, 11),
		      main_pad(active, 7)};

	printf("%s %s %s %s\n", c[0], c[1], c[2], name);
	for (size_t i = 0; i < 3; i++)
		free(c[i]);
}

/* frontdesk staff list | staff add LOGIN ROLE [NAME] */
static int
main_staff(int argc, char **argv)
{
	struct fd_db *db;
	struct fd_err err;

	if (argc >= 2 && strcmp(argv[1], "list") == 0 && argc == 2) {
		struct staff *list;
		size_t n;

		if (!(db = main_db()))
			return 1;
		if (staff_list(db, &list, &n, &err) != FD_OK) {
			main_complain(err.msg);
			return 1;
		}
		main_ctype_utf8();
		main_staff_row(tr(MSG_CLI_STAFF_LOGIN), tr(MSG_CLI_STAFF_ROLE),
			       tr(MSG_CLI_STAFF_ACTIVE), tr(MSG_CLI_STAFF_NAME));
		for (size_t i = 0; i < n; i++)
			main_staff_row(list[i].login,
				       staff_role_name(list[i].role),
				       tr(list[i].active ? MSG_YES : MSG_NO),
				       list[i].name);
		staff_list_free(list, n);
		return 0;
	}
	if (argc >= 4 && argc <= 5 && strcmp(argv[1], "add") == 0) {
		enum staff_role role = staff_role_parse(argv[3]);

		if (role == ROLE_NONE) {
			main_complain_tr(MSG_CLI_STAFF_UNKNOWN_ROLE, argv[3]);
			return EXIT_USAGE;
		}
		bool back = false;

		if (!(db = main_db()))
			return 1;
		if (staff_add_or_reactivate(db, argv[2], argc == 5 ? argv[4] : "",
					    role, &back, &err) != FD_OK) {
			main_complain(err.msg);
			return 1;
		}
		main_say(back ? MSG_CLI_STAFF_REACTIVATED : MSG_CLI_STAFF_ADDED,
			 argv[2], staff_role_name(role));
		return 0;
	}
	main_usage_line(MSG_CLI_STAFF_USAGE);
	return EXIT_USAGE;
}

/* Progress of a long job on stderr, when it is a terminal: what, the bar,
 * the percentage and the step under way (step may be NULL); the rest of
 * the line is cleared (a shorter step after a longer one). */
static void
main_bar(const char *what, size_t done, size_t total, const char *step)
{
	int width = 40;
	int fill;

	if (!isatty(STDERR_FILENO) || total == 0)
		return;
	fill = (int)((double)width * (double)done / (double)total);
	fprintf(stderr, "\r%s [%.*s%*s] %3d%% %s\033[K", what, fill,
		"########################################", width - fill, "",
		(int)(100.0 * (double)done / (double)total), step ? step : "");
	if (done >= total)
		fputc('\n', stderr);
}

/* import_households' progress names its step. */
static void
main_import_progress(void *ud, enum import_phase phase, size_t done,
		     size_t total)
{
	main_bar(ud, done, total, import_phase_text(phase));
}

/* demo_fill's progress has int counts. */
static void
main_demo_progress(void *ud, int done, int total)
{
	main_bar(ud, (size_t)done, (size_t)total, NULL);
}

/* Demonstration households, unless there are some already. */
static int
main_demo_households(struct fd_db *db)
{
	struct fd_err err;
	long long have = main_count(db, "SELECT count(*) FROM household");

	if (have > 0) {
		main_say_count(MSG_CLI_DEMO_HH_THERE, have, NULL);
		return 0;
	}
	if (demo_fill(db, DEMO_DEFAULT_HOUSEHOLDS, 2026, main_demo_progress, (void *)"demo",
		      &err) != FD_OK) {
		main_complain(err.msg);
		return 1;
	}
	main_say_count(MSG_CLI_DEMO_HH_ADDED, DEMO_DEFAULT_HOUSEHOLDS, NULL);
	return 0;
}

/* frontdesk import households FILE.csv [--dry-run] */
static int
main_import(int argc, char **argv)
{
	struct fd_db *db;
	struct import_report rep = {0};
	struct fd_err err;
	const char *file = NULL;
	bool dry = false;
	char *data = NULL;
	size_t len = 0;
	enum fd_status st;
	int rc = 1;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0)
			dry = true;
		else if (!file)
			file = argv[i];
		else
			file = NULL, i = argc;
	}
	if (argc < 3 || strcmp(argv[1], "households") != 0 || !file) {
		main_usage_line(MSG_CLI_IMPORT_USAGE);
		return EXIT_USAGE;
	}
	if (!(db = main_db()))
		return 1;
	if (import_read_file(file, &data, &len, NULL, &err) != FD_OK) {
		main_complain(err.msg);
		return 1;
	}
	st = import_households(db, data, len, dry, main_import_progress,
			       (void *)"import", &rep, &err);
	if (rep.problems.len)
		fputs(rep.problems.buf, stdout);
	if (rep.warnings.len) {
		printf("%s\n", tr(MSG_IMPORT_WARNINGS));
		fputs(rep.warnings.buf, stdout);
	}
	if (st == FD_OK || st == FD_E_CHECK) {
		char *sum = import_summary(&rep), *line;

		if (st == FD_E_CHECK) {
			line = trf(MSG_IMPORT_NOTHING_SUMMARY, sum, NULL);
			free(sum);
			sum = line;
		}
		line = dry ? trf(MSG_IMPORT_DRY_SUMMARY, sum, NULL)
			   : xstrdup(sum);
		printf("%s\n", line);
		free(line);
		free(sum);
	}
	if (st == FD_OK)
		rc = 0;
	else if (st != FD_E_CHECK)
		main_complain(err.msg);
	import_report_free(&rep);
	free(data);
	return rc;
}

/* "cannot write FILE: reason" on stderr. */
static void
main_cannot_write(const char *file, int errnum)
{
	char *m = trf(MSG_CLI_CANNOT_WRITE, file, strerror(errnum));

	main_complain(m);
	free(m);
}

/* frontdesk export households|members [--out FILE] */
static int
main_export(int argc, char **argv)
{
	struct fd_db *db;
	struct strbuf out = {0};
	struct fd_err err;
	const char *file = NULL;
	FILE *f = stdout;
	int rc = 1;

	if (argc == 4 && strcmp(argv[2], "--out") == 0)
		file = argv[3];
	if (argc < 2 || (argc != 2 && !file) ||
	    (strcmp(argv[1], "households") != 0 &&
	     strcmp(argv[1], "members") != 0)) {
		main_usage_line(MSG_CLI_EXPORT_USAGE);
		return EXIT_USAGE;
	}
	if (!(db = main_db()))
		return 1;
	if (export_csv(db, argv[1], &out, &err) != FD_OK) {
		main_complain(err.msg);
		goto out;
	}
	if (file && !(f = fopen(file, "w"))) {
		main_cannot_write(file, errno);
		goto out;
	}
	if (out.len && fwrite(out.buf, 1, out.len, f) != out.len) {
		main_cannot_write(file ? file : tr(MSG_CLI_STDOUT), errno);
		goto out;
	}
	rc = 0;
out:
	if (file && f && f != stdout && fclose(f) != 0 && rc == 0) {
		main_cannot_write(file, errno);
		rc = 1;
	}
	strbuf_free(&out);
	return rc;
}

/* Demonstration training data, unless there are cohorts already. */
static int
main_demo_training(struct fd_db *db, const struct config *cfg)
{
	struct demo_training_counts c;
	struct fd_err err;
	char today[11];
	char *msg;
	long long have = main_count(db, "SELECT count(*) FROM cohort");

	if (have > 0) {
		char n[24];

		snprintf(n, sizeof(n), "%lld", have);
		msg = trf(MSG_DEMO_TRAINING_THERE, n, NULL);
		printf("%s\n", msg);
		free(msg);
		return 0;
	}
	idcard_today(today);
	if (demo_training(db, 2026, today, cfg->min_attendance / 100.0, &c,
			  &err) != FD_OK) {
		main_complain(err.msg);
		return 1;
	}
	{
		char v[9][16];
		const char *args[9];
		const int n[9] = {c.rooms,    c.instructors, c.cohorts,
				  c.sessions, c.enrolled,    c.waitlisted,
				  c.marks,    c.graduated,   c.failed};

		for (size_t i = 0; i < 9; i++) {
			snprintf(v[i], sizeof(v[i]), "%d", n[i]);
			args[i] = v[i];
		}
		msg = msg_format(tr(MSG_DEMO_TRAINING_ADDED), 9, args);
		printf("%s\n", msg);
		free(msg);
	}
	return 0;
}

/* frontdesk demo: demonstration staff (the running login is supervisor),
 * households, training. */
static int
main_demo(const struct config *cfg)
{
	struct fd_db *db = main_db();
	static const struct {
		const char *login, *name;
		enum staff_role role;
	} people[] = {
		{"zhangmin", "张敏", ROLE_FRONTDESK},
		{"mahui", "马慧", ROLE_FRONTDESK},
		{"lihua", "李华", ROLE_TRAINER},
		{"wangfang", "王芳", ROLE_PLACEMENT},
		{"chenjie", "陈杰", ROLE_PLACEMENT},
		{"mabo", "马博", ROLE_SUPERVISOR},
	};
	struct fd_err err;
	int added = 0;

	if (!db)
		return 1;
	if (db_role(db) != ROLE_SUPERVISOR) {
		main_complain(tr(MSG_CLI_DEMO_NOT_SUPERVISOR));
		return 1;
	}
	for (size_t i = 0; i < FD_ARRAY_LEN(people); i++) {
		enum fd_status st = staff_add(db, people[i].login, people[i].name,
					      people[i].role, &err);

		if (st == FD_OK)
			added++;
		else if (st != FD_E_EXISTS) {
			main_complain(err.msg);
			return 1;
		}
	}
	main_say_count(MSG_CLI_DEMO_STAFF, added, db_login(db));
	if (main_demo_households(db) != 0)
		return 1;
	return main_demo_training(db, cfg);
}

/* frontdesk report cohorts */
static int
main_report(int argc, char **argv)
{
	struct fd_db *db;
	struct strbuf out = {0};
	struct fd_err err;
	int rc = 1;

	if (argc != 2 || strcmp(argv[1], "cohorts") != 0) {
		if (argc >= 2 && strcmp(argv[1], "cohorts") != 0) {
			char *msg = trf(MSG_REPORT_UNKNOWN, argv[1], NULL);

			main_complain(msg);
			free(msg);
		}
		fprintf(stderr, "%s\n", tr(MSG_REPORT_USAGE));
		return EXIT_USAGE;
	}
	if (!(db = main_db()))
		return 1;
	main_ctype_utf8();
	if (report_cohorts(db, &out, &err) != FD_OK)
		main_complain(err.msg);
	else if (fwrite(out.buf, 1, out.len, stdout) == out.len)
		rc = 0;
	strbuf_free(&out);
	return rc;
}

/* frontdesk workflow check [FILE] | workflow dot MACHINE: no database. */
static int
main_workflow(const struct config *cfg, int argc, char **argv)
{
	struct strbuf out = {0};
	struct fd_err err;
	int rc = 1;

	if (argc >= 2 && argc <= 3 && strcmp(argv[1], "check") == 0) {
		const char *file = argc == 3 ? argv[2] : cfg->workflow;

		if (workflow_load(file, &err) != FD_OK) {
			main_complain(err.msg);
			return 1;
		}
		main_say(MSG_CLI_WORKFLOW_OK,
			 file && file[0] ? file : tr(MSG_CLI_WORKFLOW_BUILTIN),
			 NULL);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "dot") == 0) {
		if (workflow_dot(argv[2], &out, &err) != FD_OK)
			main_complain(err.msg);
		else if (fwrite(out.buf, 1, out.len, stdout) == out.len)
			rc = 0;
		strbuf_free(&out);
		return rc;
	}
	main_usage_line(MSG_CLI_WORKFLOW_USAGE);
	return EXIT_USAGE;
}

/* Whether the command shows or builds cohorts, and so needs the
 * curriculum and the holidays: the application, demo, report. */
static bool
main_needs_schedule(const struct main_opts *o)
{
	const char *cmd = o->argc ? o->argv[0] : NULL;

	return !cmd || strcmp(cmd, "demo") == 0 || strcmp(cmd, "report") == 0;
}

/* The curriculum (training.curriculum or the built-in one) and the
 * holidays (the built-in ones, then training.holidays): errors name the
 * file and line. */
static enum fd_status
main_schedule_load(const struct config *cfg, struct fd_err *err)
{
	enum fd_status st = schedule_load(cfg->curriculum, NULL, err);

	if (st == FD_OK && cfg->holidays)
		st = schedule_holidays_add(cfg->holidays, err);
	return st;
}

/* Run the subcommand, or the application when there is none. */
static int
main_dispatch(const struct config *cfg, const struct main_opts *o)
{
	const char *cmd = o->argc ? o->argv[0] : NULL;
	struct fd_db *db;

	if (!cmd) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			main_complain(tr(MSG_CLI_NEEDS_TERMINAL));
			return EXIT_USAGE;
		}
		if (!(db = main_db()))
			return 1;
		return ui_run(cfg, db);
	}
	if (strcmp(cmd, "check") == 0 && o->argc == 1)
		return main_check();
	if (strcmp(cmd, "demo") == 0 && o->argc == 1)
		return main_demo(cfg);
	if (strcmp(cmd, "staff") == 0)
		return main_staff(o->argc, o->argv);
	if (strcmp(cmd, "import") == 0)
		return main_import(o->argc, o->argv);
	if (strcmp(cmd, "export") == 0)
		return main_export(o->argc, o->argv);
	if (strcmp(cmd, "report") == 0)
		return main_report(o->argc, o->argv);
	main_complain_tr(MSG_CLI_UNKNOWN_COMMAND, cmd);
	return EXIT_USAGE;
}

/* `workflow check` reads its own file: the configured one must not stop it
 * first. */
static bool
main_is_workflow_check(const struct main_opts *o)
{
	return o->argc >= 2 && strcmp(o->argv[0], "workflow") == 0 &&
	       strcmp(o->argv[1], "check") == 0;
}

int
main(int argc, char **argv)
{
	struct main_opts o = {0};
	struct config cfg = {0};
	struct fd_err err;
	char *path = NULL, *login = NULL;
	int rc;

	rc = main_parse(argc, argv, &o);
	if (rc > 0 || rc < 0)
		main_usage_answer(&o);
	if (rc > 0)
		return 0;
	if (rc < 0)
		return EXIT_USAGE;
	if (config_find(o.config, &path, &err) != FD_OK ||
	    config_load(path, &cfg, &err) != FD_OK ||
	    i18n_load(cfg.language, cfg.catalog, &err) != FD_OK ||
	    codes_load(cfg.codes, cfg.regions, &err) != FD_OK ||
	    import_set_map(cfg.import_map, &err) != FD_OK ||
	    (!main_is_workflow_check(&o) &&
	     workflow_load(cfg.workflow, &err) != FD_OK) ||
	    (main_needs_schedule(&o) &&
	     main_schedule_load(&cfg, &err) != FD_OK) ||
	    ui_keys_init(&cfg, &err) != FD_OK) {
		main_complain(err.msg);
		rc = EXIT_USAGE;
		goto out;
	}
	codes_set_english(strcmp(cfg.language, "en") == 0);
	workflow_set_english(strcmp(cfg.language, "en") == 0);
	schedule_set_english(strcmp(cfg.language, "en") == 0);
	if (o.argc && strcmp(o.argv[0], "workflow") == 0) {
		rc = main_workflow(&cfg, o.argc, o.argv);
		goto out;
	}
	household_set_participant_ages(cfg.participant_min_age,
				       cfg.participant_max_age);
	cohort_set_min_attendance(cfg.min_attendance / 100.0);
	login = main_login();
	main_session.cfg = &cfg;
	main_session.o = &o;
	main_session.login = login;
	rc = main_dispatch(&cfg, &o);
out:
	db_close(main_session.db);
	config_free(&cfg);
	i18n_free();
	codes_free();
	workflow_free();
	schedule_free();
	free(path);
	free(login);
	return rc;
}
