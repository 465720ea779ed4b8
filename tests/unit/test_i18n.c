/*
 * Unit tests of the message catalogs. The embedded-catalog test is the one
 * that keeps the catalogs in assets/i18n/ in step with include/frontdesk/msg.h.
 *
 * Test catalogs are built from the FD_MSG_LIST X-macro, so these tests do
 * not depend on particular ids. Each test is its own process (Criterion
 * forks), so the process-wide catalog starts empty every time.
 */
#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "frontdesk/i18n.h"
#include "frontdesk/msg.h"
#include "frontdesk/util.h"

static const char *const ids[] = {
#define T_ID(name) #name,
    FD_MSG_LIST(T_ID)
#undef T_ID
};

static char tdir[64];

/* Make the test's temporary directory. */
static void
cat_setup(void)
{
	fd_strlcpy(tdir, "/tmp/fdcat-XXXXXX", sizeof(tdir));
	cr_assert_not_null(mkdtemp(tdir));
}

/* Remove one file or directory (nftw callback). */
static int
cat_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove the test's directory and the loaded catalog. */
static void
cat_teardown(void)
{
	i18n_free();
	nftw(tdir, cat_rm, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(i18n, .init = cat_setup, .fini = cat_teardown);

/* A catalog with a comment on line 1 and every id but skip ("ID = text N"
 * on line N + 2 when nothing is skipped). Caller frees. */
static char *
cat_build(int skip)
{
	struct strbuf sb = {0};

	strbuf_adds(&sb, "# test catalog\n");
	for (int i = 0; i < MSG__COUNT; i++)
		if (i != skip)
			strbuf_addf(&sb, "%s = text %d\n", ids[i], i);
	return strbuf_take(&sb);
}

/* Lines in a catalog from cat_build(-1), plus one. */
static int
cat_next_line(void)
{
	return MSG__COUNT + 2;
}

/* Load a complete catalog followed by extra and expect a refusal at the
 * line after the catalog, with needle in the message. */
static void
cat_refused_after(const char *extra, const char *needle)
{
	char *base = cat_build(-1);
	char *text = xasprintf("%s%s", base, extra);
	char *where = xasprintf("c.txt:%d:", cat_next_line());
	struct fd_err err = {{0}};

	cr_assert_eq(i18n_load_buffer("c.txt", text, strlen(text), &err),
	             FD_E_PARSE, "accepted: %s", extra);
	cr_assert_not_null(strstr(err.msg, where), "%s lacks %s", err.msg,
	                   where);
	cr_assert_not_null(strstr(err.msg, needle), "%s lacks %s", err.msg,
	                   needle);
	cr_assert_null(strchr(err.msg, '\n'));
	free(where);
	free(text);
	free(base);
}

Test(i18n, embedded_catalogs_load_and_are_complete)
{
	const char *const *langs = i18n_languages();
	int zh = 0, en = 0;

	for (size_t i = 0; langs[i]; i++) {
		struct fd_err err = {{0}};

		zh |= strcmp(langs[i], "zh") == 0;
		en |= strcmp(langs[i], "en") == 0;
		cr_assert_eq(i18n_load(langs[i], NULL, &err), FD_OK, "%s",
		             err.msg);
		for (int id = 0; id < MSG__COUNT; id++) {
			cr_assert_not_null(tr((enum fd_msg)id));
			cr_assert_neq(tr((enum fd_msg)id)[0], '\0',
			              "%s is empty in %s", ids[id], langs[i]);
		}
	}
	cr_assert(zh && en, "zh and en must be embedded");
}

Test(i18n, names_before_any_load)
{
	for (int id = 0; id < MSG__COUNT; id++)
		cr_assert_str_eq(tr((enum fd_msg)id), ids[id]);
	cr_assert_str_eq(tr(MSG__COUNT), "?");
}

Test(i18n, complete_buffer_loads_and_free_restores_names)
{
	char *text = cat_build(-1);
	struct fd_err err = {{0}};

	cr_assert_eq(i18n_load_buffer("c.txt", text, strlen(text), &err), FD_OK,
	             "%s", err.msg);
	for (int id = 0; id < MSG__COUNT; id++) {
		char want[32];

		snprintf(want, sizeof(want), "text %d", id);
		cr_assert_str_eq(tr((enum fd_msg)id), want);
	}
	i18n_free();
	cr_assert_str_eq(tr((enum fd_msg)0), ids[0]);
	free(text);
}

Test(i18n, missing_id_named)
{
	char *text = cat_build(MSG__COUNT - 1);
	struct fd_err err = {{0}};

	cr_assert_eq(i18n_load_buffer("c.txt", text, strlen(text), &err),
	             FD_E_PARSE);
	cr_assert_not_null(strstr(err.msg, "missing"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, ids[MSG__COUNT - 1]), "%s", err.msg);
	free(text);
}

Test(i18n, unknown_id)
{
	cat_refused_after("NO_SUCH_MESSAGE_ID = x\n", "NO_SUCH_MESSAGE_ID");
	cat_refused_after("app_name = lower case is not an id\n", "unknown");
}

Test(i18n, duplicate_id)
{
	char *extra = xasprintf("%s = again\n", ids[0]);

	cat_refused_after(extra, "line 2");
	free(extra);
}

Test(i18n, malformed_lines)
{
	cat_refused_after("just some words\n", "ID = text");
	cat_refused_after("   = no id\n", "ID = text");
}

Test(i18n, escapes_and_trimming)
{
	char *base = cat_build(0);
	char *text =
	    xasprintf("\xEF\xBB\xBF%s\r\n   %s   =   a\\nb\\\\c = d # e   "
	              "\r\n\n# end\n",
	              base, ids[0]);
	struct fd_err err = {{0}};

	cr_assert_eq(i18n_load_buffer("c.txt", text, strlen(text), &err), FD_OK,
	             "%s", err.msg);
	cr_assert_str_eq(tr((enum fd_msg)0), "a\nb\\c = d # e");
	free(text);
	free(base);
}

Test(i18n, empty_text_allowed)
{
	char *base = cat_build(0);
	char *text = xasprintf("%s%s =\n", base, ids[0]);
	struct fd_err err = {{0}};

	cr_assert_eq(i18n_load_buffer("c.txt", text, strlen(text), &err), FD_OK,
	             "%s", err.msg);
	cr_assert_str_eq(tr((enum fd_msg)0), "");
	free(text);
	free(base);
}

Test(i18n, bad_escapes_refused)
{
	char *base = cat_build(0);
	char *t1 = xasprintf("%s%s = tab\\there\n", base, ids[0]);
	char *t2 = xasprintf("%s%s = ends in \\\n", base, ids[0]);
	struct fd_err err = {{0}};

	cr_assert_eq(i18n_load_buffer("c.txt", t1, strlen(t1), &err),
	             FD_E_PARSE);
	cr_assert_not_null(strstr(err.msg, "\\t"), "%s", err.msg);
	cr_assert_eq(i18n_load_buffer("c.txt", t2, strlen(t2), &err),
	             FD_E_PARSE);
	cr_assert_not_null(strstr(err.msg, "c.txt:"), "%s", err.msg);
	free(t1);
	free(t2);
	free(base);
}

Test(i18n, invalid_utf8_refused)
{
	char *extra = xasprintf("%s = \xE4\xB8 broken\n", ids[0]);

	cat_refused_after(extra, "UTF-8");
	free(extra);
	cat_refused_after("# overlong \xC0\xAF\n", "UTF-8");
}

Test(i18n, control_characters_refused)
{
	char *base = cat_build(0);
	char *t1 = xasprintf("%s%s = \x1b[31mred\n", base, ids[0]);
	char *t2 = xasprintf("%s%s = c1 \xC2\x9B here\n", base, ids[0]);
	struct fd_err err = {{0}};

	cr_assert_eq(i18n_load_buffer("c.txt", t1, strlen(t1), &err),
	             FD_E_PARSE);
	cr_assert_not_null(strstr(err.msg, "control"), "%s", err.msg);
	cr_assert_eq(i18n_load_buffer("c.txt", t2, strlen(t2), &err),
	             FD_E_PARSE);
	cr_assert_not_null(strstr(err.msg, "control"), "%s", err.msg);
	free(t1);
	free(t2);
	free(base);
}

Test(i18n, failed_load_keeps_previous_catalog)
{
	char *good = cat_build(-1);
	char *bad = cat_build(0);
	struct fd_err err = {{0}};

	cr_assert_eq(i18n_load_buffer("c.txt", good, strlen(good), &err),
	             FD_OK);
	cr_assert_eq(i18n_load_buffer("c.txt", bad, strlen(bad), &err),
	             FD_E_PARSE);
	cr_assert_str_eq(tr((enum fd_msg)0), "text 0");
	free(good);
	free(bad);
}

Test(i18n, load_from_path)
{
	char *text = cat_build(-1);
	char *path = xasprintf("%s/edited.txt", tdir);
	char *gone = xasprintf("%s/gone.txt", tdir);
	struct fd_err err = {{0}};
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	cr_assert_eq(i18n_load("zh", path, &err), FD_OK, "%s", err.msg);
	cr_assert_str_eq(tr((enum fd_msg)0), "text 0");
	cr_assert_eq(i18n_load("zh", gone, &err), FD_E_IO);
	cr_assert_not_null(strstr(err.msg, gone), "%s", err.msg);
	cr_assert_str_eq(tr((enum fd_msg)0), "text 0");
	free(text);
	free(path);
	free(gone);
}

Test(i18n, unknown_language)
{
	struct fd_err err = {{0}};

	cr_assert_eq(i18n_load("fr", NULL, &err), FD_E_NOTFOUND);
	cr_assert_not_null(strstr(err.msg, "\"fr\""), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "zh"), "%s", err.msg);
	cr_assert_eq(i18n_load(NULL, NULL, &err), FD_E_NOTFOUND);
	cr_assert_eq(i18n_load("../zh", NULL, &err), FD_E_NOTFOUND);
}
