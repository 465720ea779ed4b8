/*
 * Unit tests of the configuration: search order, defaults, overlay, and
 * every refusal with the file and line it names.
 *
 * Criterion forks per test and runs tests in parallel: each test gets its
 * own temporary directory (also $HOME) and removes it afterwards.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontdesk/assets.h"
#include "frontdesk/config.h"
#include "frontdesk/i18n.h"
#include "frontdesk/util.h"

static char tdir[64];

/* Make the test's directory and point $HOME at it. */
static void
cfg_setup(void)
{
	fd_strlcpy(tdir, "/tmp/fdcfg-XXXXXX", sizeof(tdir));
	cr_assert_not_null(mkdtemp(tdir));
	setenv("HOME", tdir, 1);
	unsetenv("FRONTDESK_CONFIG");
	unsetenv("XDG_CONFIG_HOME");
}

/* Remove one file or directory (nftw callback). */
static int
cfg_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove the test's directory. */
static void
cfg_teardown(void)
{
	nftw(tdir, cfg_rm, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(config, .init = cfg_setup, .fini = cfg_teardown);

/* Write text to tdir/rel (making directories) and return the path.
 * Caller frees. */
static char *
cfg_write(const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s", tdir, rel);
	size_t len = strlen(text);
	FILE *f;

	for (char *p = path + strlen(tdir) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0700);
			*p = '/';
		}
	f = fopen(path, "wb");
	cr_assert_not_null(f, "cannot write %s", path);
	cr_assert_eq(fwrite(text, 1, len, f), len);
	fclose(f);
	return path;
}

/* Load text as the file "t.ini". */
static enum fd_status
cfg_load(const char *text, struct config *cfg, struct fd_err *err)
{
	return config_load_buffer("t.ini", text, strlen(text), cfg, err);
}

/* Assert that text is refused with a message containing every needle. */
static void
cfg_refused(const char *text, const char *n1, const char *n2, const char *n3)
{
	struct config cfg;
	struct fd_err err = {{0}};
	enum fd_status st = cfg_load(text, &cfg, &err);

	cr_assert_eq(st, FD_E_CONFIG, "accepted: %s", text);
	cr_assert_null(cfg.source, "a failed load must leave cfg zeroed");
	cr_assert_null(strchr(err.msg, '\n'), "message is one line: %s",
	               err.msg);
	cr_assert_not_null(strstr(err.msg, n1), "%s lacks %s", err.msg, n1);
	if (n2)
		cr_assert_not_null(strstr(err.msg, n2), "%s lacks %s", err.msg,
		                   n2);
	if (n3)
		cr_assert_not_null(strstr(err.msg, n3), "%s lacks %s", err.msg,
		                   n3);
	config_free(&cfg);
}

Test(config, defaults_load)
{
	struct config cfg;
	struct fd_err err = {{0}};
	char *want = xasprintf("%s/.local/share/frontdesk/frontdesk.db", tdir);

	cr_assert_eq(config_load(NULL, &cfg, &err), FD_OK, "%s", err.msg);
	cr_assert_str_eq(cfg.source, CONFIG_DEFAULTS_NAME);
	cr_assert_str_eq(cfg.db_path, want);
	cr_assert_eq(cfg.busy_timeout_ms, 5000);
	cr_assert_str_eq(cfg.language, "zh");
	cr_assert_eq(cfg.esc_delay_ms, 50);
	cr_assert_eq(cfg.esc_prefix_ms, 800);
	cr_assert_eq(cfg.color, CONFIG_COLOR_AUTO);
	cr_assert_null(cfg.catalog);
	cr_assert_eq(cfg.nbinds, 0);
	cr_assert_eq(config_line(&cfg, "ui.language"), 0);
	config_free(&cfg);
	free(want);
}

Test(config, embedded_file_loads_clean_as_a_user_file)
{
	const struct fd_asset *a = assets_find("frontdesk.ini");
	struct config cfg;
	struct fd_err err = {{0}};

	cr_assert_not_null(a);
	cr_assert_eq(config_load_buffer("frontdesk.ini", (const char *)a->data,
	                                a->len, &cfg, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_str_eq(cfg.language, "zh");
	cr_assert_gt(config_line(&cfg, "database.path"), 0);
	config_free(&cfg);
}

Test(config, overlay_keeps_other_defaults_and_lines)
{
	struct config cfg;
	struct fd_err err = {{0}};
	char *path = cfg_write(
	    "a.ini", "# mine\n[ui]\nlanguage = en\ncolor = off\n\n[database]\n"
	             "path = /srv/fd/fd.db\n");

	cr_assert_eq(config_load(path, &cfg, &err), FD_OK, "%s", err.msg);
	cr_assert_str_eq(cfg.source, path);
	cr_assert_str_eq(cfg.language, "en");
	cr_assert_eq(cfg.color, CONFIG_COLOR_OFF);
	cr_assert_str_eq(cfg.db_path, "/srv/fd/fd.db");
	cr_assert_eq(cfg.esc_delay_ms, 50);
	cr_assert_eq(config_line(&cfg, "ui.language"), 3);
	cr_assert_eq(config_line(&cfg, "database.path"), 7);
	cr_assert_eq(config_line(&cfg, "ui.esc_delay_ms"), 0);
	cr_assert_eq(config_line(&cfg, "no.such"), 0);
	config_free(&cfg);
	free(path);
}

Test(config, find_explicit_beats_env_and_home)
{
	char *mine = cfg_write("mine.ini", "");
	char *env = cfg_write("env.ini", "");
	char *home = cfg_write(".config/frontdesk/frontdesk.ini", "");
	char *got = NULL;
	struct fd_err err = {{0}};

	setenv("FRONTDESK_CONFIG", env, 1);
	cr_assert_eq(config_find(mine, &got, &err), FD_OK, "%s", err.msg);
	cr_assert_str_eq(got, mine);
	free(got);
	free(mine);
	free(env);
	free(home);
}

Test(config, find_env_beats_home)
{
	char *env = cfg_write("env.ini", "");
	char *home = cfg_write(".config/frontdesk/frontdesk.ini", "");
	char *got = NULL;
	struct fd_err err = {{0}};

	setenv("FRONTDESK_CONFIG", env, 1);
	cr_assert_eq(config_find(NULL, &got, &err), FD_OK, "%s", err.msg);
	cr_assert_str_eq(got, env);
	free(got);
	free(env);
	free(home);
}

Test(config, find_home_config)
{
	char *home = cfg_write(".config/frontdesk/frontdesk.ini", "");
	char *got = NULL;
	struct fd_err err = {{0}};

	cr_assert_eq(config_find(NULL, &got, &err), FD_OK, "%s", err.msg);
	cr_assert_str_eq(got, home);
	free(got);
	free(home);
}

Test(config, find_xdg_config_home)
{
	char *xdg = xasprintf("%s/xdg", tdir);
	char *file = cfg_write("xdg/frontdesk/frontdesk.ini", "");
	char *home = cfg_write(".config/frontdesk/frontdesk.ini", "");
	char *got = NULL;
	struct fd_err err = {{0}};

	setenv("XDG_CONFIG_HOME", xdg, 1);
	cr_assert_eq(config_find(NULL, &got, &err), FD_OK, "%s", err.msg);
	cr_assert_str_eq(got, file);
	free(got);
	free(xdg);
	free(file);
	free(home);
}

Test(config, find_nothing_means_defaults)
{
	char *got = (char *)"unchanged";
	struct fd_err err = {{0}};
	struct stat sb;

	cr_assert_eq(config_find(NULL, &got, &err), FD_OK, "%s", err.msg);
	if (stat("/etc/frontdesk/frontdesk.ini", &sb) == 0)
		cr_assert_str_eq(got, "/etc/frontdesk/frontdesk.ini");
	else
		cr_assert_null(got);
	free(got);
}

Test(config, find_missing_named_files)
{
	char *missing = xasprintf("%s/nope.ini", tdir);
	char *got = NULL;
	struct fd_err err = {{0}};

	cr_assert_eq(config_find(missing, &got, &err), FD_E_CONFIG);
	cr_assert_null(got);
	cr_assert_not_null(strstr(err.msg, missing), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "--config"), "%s", err.msg);

	setenv("FRONTDESK_CONFIG", missing, 1);
	cr_assert_eq(config_find(NULL, &got, &err), FD_E_CONFIG);
	cr_assert_not_null(strstr(err.msg, missing), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "FRONTDESK_CONFIG"), "%s", err.msg);
	free(missing);
}

Test(config, load_missing_file_names_it)
{
	char *missing = xasprintf("%s/gone.ini", tdir);
	struct config cfg;
	struct fd_err err = {{0}};

	cr_assert_eq(config_load(missing, &cfg, &err), FD_E_CONFIG);
	cr_assert_not_null(strstr(err.msg, missing), "%s", err.msg);
	config_free(&cfg);
	free(missing);
}

Test(config, load_directory_refused)
{
	struct config cfg;
	struct fd_err err = {{0}};

	cr_assert_eq(config_load(tdir, &cfg, &err), FD_E_CONFIG);
	cr_assert_not_null(strstr(err.msg, tdir), "%s", err.msg);
	config_free(&cfg);
}

Test(config, bom_refused)
{
	cfg_refused("\xEF\xBB\xBF[ui]\nlanguage = en\n", "t.ini:1:", "BOM",
	            "without");
}

Test(config, long_line_refused_with_its_line)
{
	struct strbuf sb = {0};
	struct config cfg;
	struct fd_err err = {{0}};

	strbuf_adds(&sb, "[ui]\n# ");
	for (int i = 0; i < 998; i++)
		strbuf_adds(&sb, "x");
	strbuf_adds(&sb, "\n"); /* exactly 1000 bytes: fine */
	cr_assert_eq(cfg_load(sb.buf, &cfg, &err), FD_OK, "%s", err.msg);
	config_free(&cfg);
	strbuf_adds(&sb, "language = en\n# ");
	for (int i = 0; i < 1100; i++)
		strbuf_adds(&sb, "y");
	strbuf_adds(&sb, "\n");
	cfg_refused(sb.buf, "t.ini:4:", "1000", NULL);
	strbuf_free(&sb);
}

Test(config, leading_zero_is_decimal)
{
	struct config cfg;
	struct fd_err err = {{0}};

	cr_assert_eq(cfg_load("[ui]\nesc_delay_ms = 08\nesc_prefix_ms = 0900\n",
	                      &cfg, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cfg.esc_delay_ms, 8);
	cr_assert_eq(cfg.esc_prefix_ms, 900);
	config_free(&cfg);
}

Test(config, not_a_number_names_key_and_line)
{
	cfg_refused("[ui]\nlanguage = en\nesc_delay_ms = 12abc\n",
	            "t.ini:3:", "ui.esc_delay_ms", "12abc");
	cfg_refused("[ui]\nesc_delay_ms =\n", "t.ini:2:", "ui.esc_delay_ms",
	            "empty");
	cfg_refused("[ui]\nesc_delay_ms = 0x10\n", "t.ini:2:", "whole number",
	            NULL);
	cfg_refused("[ui]\nesc_delay_ms = \" 5\"\n", "t.ini:2:", "whole number",
	            NULL);
}

Test(config, out_of_range_gives_the_range)
{
	cfg_refused("[ui]\nesc_delay_ms = 1001\n", "t.ini:2:", "0 to 1000",
	            NULL);
	cfg_refused("[ui]\nesc_delay_ms = -1\n", "t.ini:2:", "0 to 1000", NULL);
	cfg_refused("[database]\nbusy_timeout_ms = 99999999999999999999999\n",
	            "t.ini:2:", "100 to 600000", "database.busy_timeout_ms");
}

Test(config, unknown_language_lists_allowed)
{
	cfg_refused("[ui]\nlanguage = fr\n", "t.ini:2:", "zh", "en");
}

Test(config, every_catalog_language_is_accepted)
{
	const char *const *langs = i18n_languages();

	cr_assert_not_null(langs[0]);
	for (size_t i = 0; langs[i]; i++) {
		char *text = xasprintf("[ui]\nlanguage = %s\n", langs[i]);
		struct config cfg;
		struct fd_err err = {{0}};

		cr_assert_eq(cfg_load(text, &cfg, &err), FD_OK, "%s", err.msg);
		cr_assert_str_eq(cfg.language, langs[i]);
		config_free(&cfg);
		free(text);
	}
}

Test(config, bad_color_refused)
{
	cfg_refused("[ui]\ncolor = yes\n", "t.ini:2:", "auto, on, off", NULL);
}

Test(config, unknown_key_with_line)
{
	cfg_refused("[ui]\nlanguage = en\n\nlangauge = zh\n",
	            "t.ini:4:", "langauge", "language");
}

Test(config, unknown_section_with_line)
{
	cfg_refused("[ui]\nlanguage = en\n[fonts]\nsize = 3\n",
	            "t.ini:3:", "[fonts]", "[ui]");
	cfg_refused("[keys.]\nsave = F2\n", "t.ini:1:", "unknown section",
	            NULL);
}

Test(config, key_outside_section)
{
	cfg_refused("language = en\n[ui]\n", "t.ini:1:", "outside any section",
	            NULL);
}

Test(config, empty_section_name)
{
	cfg_refused("[ui]\n[ ]\nlanguage = en\n", "t.ini:2:", "empty section",
	            NULL);
}

Test(config, key_set_twice)
{
	cfg_refused("[ui]\nlanguage = en\ncolor = on\nlanguage = zh\n",
	            "t.ini:4:", "ui.language", "line 2");
	cfg_refused("[ui]\ncolor = on\n[database]\n[UI]\nColor = off\n",
	            "t.ini:5:", "ui.color", "line 2");
	/* Names are shown without their control characters. */
	cfg_refused("[keys]\nx\by = F2\nx\by = F3\n", "t.ini:3:", "keys.x?y",
	            NULL);
	cfg_refused("top = 1\ntop = 2\n[ui]\n", "t.ini:1:", "outside", NULL);
}

Test(config, keys_collected_in_file_order)
{
	struct config cfg;
	struct fd_err err = {{0}};
	const char *text = "[keys]\n"
	                   "save = F2 Esc-2 C-s\n"
	                   "Quit = F10\n"
	                   "[keys.staff]\n"
	                   "save = C-w\n"
	                   "hash = \"#\"\n"
	                   "[ui]\n"
	                   "language = en\n"
	                   "[keys]\n"
	                   "help = F1 ?\n";

	cr_assert_eq(cfg_load(text, &cfg, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(cfg.nbinds, 5);
	cr_assert_str_eq(cfg.binds[0].screen, "");
	cr_assert_str_eq(cfg.binds[0].action, "save");
	cr_assert_str_eq(cfg.binds[0].spec, "F2 Esc-2 C-s");
	cr_assert_eq(cfg.binds[0].line, 2);
	cr_assert_str_eq(cfg.binds[0].file, "t.ini");
	cr_assert_str_eq(cfg.binds[1].action, "quit");
	cr_assert_eq(cfg.binds[1].line, 3);
	cr_assert_str_eq(cfg.binds[2].screen, "staff");
	cr_assert_str_eq(cfg.binds[2].action, "save");
	cr_assert_str_eq(cfg.binds[2].spec, "C-w");
	cr_assert_eq(cfg.binds[2].line, 5);
	cr_assert_str_eq(cfg.binds[3].spec, "#");
	cr_assert_eq(cfg.binds[3].line, 6);
	cr_assert_str_eq(cfg.binds[4].screen, "");
	cr_assert_str_eq(cfg.binds[4].action, "help");
	cr_assert_str_eq(cfg.binds[4].spec, "F1 ?");
	cr_assert_eq(cfg.binds[4].line, 10);
	cr_assert_str_eq(cfg.language, "en");
	config_free(&cfg);
}

Test(config, bad_screen_name_refused)
{
	cfg_refused("[keys.my screen]\nsave = F2\n", "t.ini:1:", "screen name",
	            NULL);
}

Test(config, syntax_error_from_iniparser)
{
	cfg_refused("[ui]\nlanguage = en\nthis is not ini\n",
	            "t.ini:3:", "syntax error", "this is not ini");
	cfg_refused("[ui]\n= en\n", "t.ini:2:", "syntax error", NULL);
}

Test(config, invalid_utf8_and_nul_refused)
{
	struct config cfg;
	struct fd_err err = {{0}};
	static const char nul[] = "[ui]\nlanguage = e\0n\n";

	cfg_refused("[ui]\ncatalog = /tmp/\xC3\x28.txt\n", "t.ini:2:", "UTF-8",
	            NULL);
	cfg_refused("[ui]\n# \xED\xA0\x80 surrogate\n", "t.ini:2:", "UTF-8",
	            NULL);
	cr_assert_eq(
	    config_load_buffer("t.ini", nul, sizeof(nul) - 1, &cfg, &err),
	    FD_E_CONFIG);
	cr_assert_not_null(strstr(err.msg, "t.ini:2:"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "NUL"), "%s", err.msg);
}

Test(config, chinese_values_and_tilde_paths)
{
	struct config cfg;
	struct fd_err err = {{0}};
	char *want = xasprintf("%s/文案/zh.txt", tdir);

	cr_assert_eq(cfg_load("# 配置\n[ui]\ncatalog = ~/文案/zh.txt\n"
	                      "[keys.staff]\nsave = 保存\n",
	                      &cfg, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_str_eq(cfg.catalog, want);
	cr_assert_str_eq(cfg.binds[0].spec, "保存");
	config_free(&cfg);
	free(want);
}

Test(config, tilde_without_home)
{
	struct config cfg;
	struct fd_err err = {{0}};

	unsetenv("HOME");
	cr_assert_eq(config_load(NULL, &cfg, &err), FD_E_CONFIG);
	cr_assert_not_null(strstr(err.msg, "HOME"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "database.path"), "%s", err.msg);
	cr_assert_eq(cfg_load("[database]\npath = /srv/fd.db\n", &cfg, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_str_eq(cfg.db_path, "/srv/fd.db");
	config_free(&cfg);
	cfg_refused(
	    "[ui]\n\ncatalog = ~/c.txt\n[database]\npath = /srv/fd.db\n",
	    "t.ini:3:", "HOME", NULL);
}

Test(config, empty_path_refused_but_empty_catalog_is_builtin)
{
	struct config cfg;
	struct fd_err err = {{0}};

	cfg_refused("[database]\npath =\n", "t.ini:2:", "database.path",
	            "empty");
	cr_assert_eq(cfg_load("[ui]\ncatalog = \"\"\n", &cfg, &err), FD_OK,
	             "%s", err.msg);
	cr_assert_null(cfg.catalog);
	config_free(&cfg);
}

Test(config, case_crlf_quotes_and_comments)
{
	struct config cfg;
	struct fd_err err = {{0}};

	cr_assert_eq(cfg_load("; comment\r\n[UI]\r\nLanguage = \"en\" ; why\r\n"
	                      "COLOR = on # because\r\n",
	                      &cfg, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_str_eq(cfg.language, "en");
	cr_assert_eq(cfg.color, CONFIG_COLOR_ON);
	cr_assert_eq(config_line(&cfg, "ui.color"), 4);
	config_free(&cfg);
}

Test(config, continued_line)
{
	struct config cfg;
	struct fd_err err = {{0}};

	cr_assert_eq(
	    cfg_load("[keys]\nsave = F2 \\\n  C-s\nquit = F10\n", &cfg, &err),
	    FD_OK, "%s", err.msg);
	cr_assert_eq(cfg.nbinds, 2);
	cr_assert_eq(cfg.binds[0].line, 2);
	cr_assert_not_null(strstr(cfg.binds[0].spec, "C-s"));
	cr_assert_eq(cfg.binds[1].line, 4);
	config_free(&cfg);
	cfg_refused("[ui]\nlanguage = en \\\n", "t.ini:2:", "continued", NULL);
}

Test(config, empty_buffer_is_defaults)
{
	struct config cfg;
	struct fd_err err = {{0}};

	cr_assert_eq(config_load_buffer("e.ini", NULL, 0, &cfg, &err), FD_OK,
	             "%s", err.msg);
	cr_assert_str_eq(cfg.source, "e.ini");
	cr_assert_str_eq(cfg.language, "zh");
	config_free(&cfg);
}

Test(config, earliest_error_is_reported)
{
	/* Unknown key (2) before a duplicate (4), a bad section (5) and a
	 * syntax error (6) that makes iniparser give up. */
	cfg_refused("[ui]\nlangauge = x\ncolor = on\ncolor = off\n[a:b]\nfoo\n",
	            "t.ini:2:", "langauge", NULL);
	cfg_refused("[ui]\ncolor = on\ncolor = off\n[a:b]\nfoo\n",
	            "t.ini:3:", "twice", NULL);
	cfg_refused("[ui]\nesc_delay_ms = x\n[a:b]\n",
	            "t.ini:2:", "whole number", NULL);
	cfg_refused("[ui]\nfoo\n[]\n", "t.ini:2:", "syntax error", NULL);
}

/* Open file descriptors of this process. */
static int
cfg_count_fds(void)
{
	int n = 0;

	for (int fd = 0; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) != -1)
			n++;
	return n;
}

Test(config, no_descriptor_leak)
{
	int before = cfg_count_fds();

	for (int i = 0; i < 200; i++) {
		struct config cfg;
		struct fd_err err = {{0}};

		cfg_load(i % 2 ? "[ui]\nlanguage = en\n" : "[ui]\nnot ini\n",
		         &cfg, &err);
		config_free(&cfg);
	}
	cr_assert_eq(cfg_count_fds(), before);
}

Test(config, fifo_refused_without_hanging)
{
	char *fifo = xasprintf("%s/fifo.ini", tdir);
	struct config cfg;
	struct fd_err err = {{0}};

	cr_assert_eq(mkfifo(fifo, 0600), 0);
	cr_assert_eq(config_load(fifo, &cfg, &err), FD_E_CONFIG);
	cr_assert_not_null(strstr(err.msg, "not a regular file"), "%s",
	                   err.msg);
	free(fifo);
}

Test(config, training_defaults)
{
	struct config cfg;
	struct fd_err err = {{0}};

	cr_assert_eq(config_load(NULL, &cfg, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(cfg.min_attendance, 80);
	cr_assert_null(cfg.holidays);
	cr_assert_null(cfg.curriculum);
	cr_assert_eq(config_line(&cfg, "training.min_attendance"), 0);
	config_free(&cfg);
}

Test(config, training_values)
{
	struct config cfg;
	struct fd_err err = {{0}};
	char *want = xasprintf("%s/假日/2027.txt", tdir);

	cr_assert_eq(cfg_load("[training]\nmin_attendance = 75\n"
	                      "holidays = ~/假日/2027.txt\n"
	                      "curriculum = /srv/fd/curriculum.txt\n",
	                      &cfg, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cfg.min_attendance, 75);
	cr_assert_str_eq(cfg.holidays, want);
	cr_assert_str_eq(cfg.curriculum, "/srv/fd/curriculum.txt");
	cr_assert_eq(config_line(&cfg, "training.min_attendance"), 2);
	cr_assert_eq(config_line(&cfg, "training.curriculum"), 4);
	config_free(&cfg);
	free(want);
	/* The ends of the range, a leading zero, empty paths. */
	cr_assert_eq(cfg_load("[training]\nmin_attendance = 0\nholidays =\n"
	                      "curriculum = \"\"\n",
	                      &cfg, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cfg.min_attendance, 0);
	cr_assert_null(cfg.holidays);
	cr_assert_null(cfg.curriculum);
	config_free(&cfg);
	cr_assert_eq(cfg_load("[TRAINING]\nMin_Attendance = 100\n", &cfg, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cfg.min_attendance, 100);
	config_free(&cfg);
	cr_assert_eq(cfg_load("[training]\nmin_attendance = 080\n", &cfg, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cfg.min_attendance, 80);
	config_free(&cfg);
}

Test(config, training_bad_values)
{
	cfg_refused("[training]\nmin_attendance = 101\n", "t.ini:2:",
	            "training.min_attendance", "0 to 100");
	cfg_refused("[training]\n\nmin_attendance = -5\n", "t.ini:3:",
	            "0 to 100", NULL);
	cfg_refused("[training]\nmin_attendance = 80%\n", "t.ini:2:",
	            "training.min_attendance", "80%");
	cfg_refused("[training]\nmin_attendance = 0.8\n", "t.ini:2:",
	            "whole number", NULL);
	cfg_refused("[training]\nmin_attendance =\n", "t.ini:2:",
	            "training.min_attendance", "empty");
	cfg_refused("[training]\nholidays = a.txt\nholiday = b.txt\n",
	            "t.ini:3:", "unknown key", "holidays");
	cfg_refused("[training]\ncurriculum = a.txt\ncurriculum = b.txt\n",
	            "t.ini:3:", "training.curriculum", "line 2");
	unsetenv("HOME");
	cfg_refused("[database]\npath = /srv/fd.db\n[training]\n"
	            "holidays = ~/h.txt\n",
	            "t.ini:4:", "training.holidays", "HOME");
}
