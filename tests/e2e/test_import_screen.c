/*
 * End-to-end tests of the import screen's messages (menu 2): a file that
 * is not UTF-8 (Excel's GBK "CSV") is the file's fault, told whole in the
 * result list, never as a database error; a path that names no file is
 * told in the UI's language, next to the field and on the status line.
 */
#include "e2e_util.h"

#define STATUS_ROW (HARNESS_ROWS - 2)

static struct harness *h;

static void
imp_teardown(void)
{
	harness_stop(h);
	h = NULL;
}

TestSuite(import_screen, .fini = imp_teardown);

/* From the main menu to the import screen with path typed into its
 * file field; returns the field's row. */
static int
imp_open_with(const char *path)
{
	int row;

	harness_send(h, "2");
	harness_wait_row(h, 0, "导入农户", 0);
	row = harness_wait_match(h, "  CSV 文件*", 0);
	harness_wait_cursor(h, row, -1, 0);
	harness_send(h, path);
	return row;
}

Test(import_screen, a_gbk_file_is_the_files_fault_told_whole)
{
	/* 户编号,姓名 / 6229,张三 in GBK */
	static const char gbk[] = "\xbb\xa7\xb1\xe0\xba\xc5,\xd0\xd5\xc3\xfb\r\n"
	                          "6229,\xd5\xc5\xc8\xfd\r\n";
	char path[512];

	h = harness_start(NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_write_file(h, "gbk.csv", gbk);
	snprintf(path, sizeof path, "%s/gbk.csv", harness_dir(h));
	imp_open_with(path);
	harness_wait_text(h, "gbk.csv", 0);
	harness_key(h, "kf2");
	harness_wait_text(h, "文件没有导入", 0);
	/* The advice, wrapped, not cut: both ends of it are on screen. */
	harness_wait_text(h, "GBK", 0);
	harness_wait_text(h, "iconv -f GBK", 0);
	harness_wait_text(h, "FILE-utf8.csv", 0);
	cr_assert(!harness_has_text(h, "数据库错误"),
	          "a file problem is called a database error:\n%s",
	          harness_screen(h));
}

Test(import_screen, a_missing_file_is_told_in_chinese)
{
	char path[512];
	int row;

	h = harness_start(NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	snprintf(path, sizeof path, "%s/nofile.csv", harness_dir(h));
	row = imp_open_with(path);
	harness_wait_text(h, "nofile.csv", 0);
	harness_key(h, "kf2");
	harness_wait_row(h, row, "找不到这个文件", 0);
	harness_wait_row(h, STATUS_ROW, "找不到文件", 0);
	cr_assert(!harness_has_text(h, "cannot open"), "%s", harness_screen(h));
	cr_assert(!harness_has_text(h, "No such file"), "%s",
	          harness_screen(h));
}
