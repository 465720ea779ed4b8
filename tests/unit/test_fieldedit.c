/*
 * Unit tests of the one-line field editor: movement and erasing across
 * double-width characters, limits that refuse instead of truncating, the
 * masks, the scrolling view and dirty tracking.
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/fieldedit.h"

/* Widths come from wcwidth(3): every test runs in a UTF-8 locale. */
static void
fieldedit_test_locale(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
}

TestSuite(fieldedit, .init = fieldedit_test_locale);

/* Type every character of the UTF-8 string s; all must be accepted. */
static void
type(struct fieldedit *fe, const wchar_t *s)
{
	for (; *s; s++)
		cr_assert_eq(fieldedit_insert(fe, *s), FIELDEDIT_OK,
			     "refused U+%04X", (unsigned)*s);
}

/* Assert that the field holds exactly the UTF-8 text want. */
static void
assert_text(const struct fieldedit *fe, const char *want)
{
	char *got = fieldedit_utf8(fe);

	cr_assert_str_eq(got, want);
	cr_assert_eq(fe->buf[fe->len], L'\0');
	free(got);
}

Test(fieldedit, chinese_home_end_left_backspace)
{
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_TEXT, 0, 0);
	type(&fe, L"张三丰abc");
	assert_text(&fe, "张三丰abc");
	cr_assert_eq(fe.len, 6);
	cr_assert_eq(fieldedit_width(&fe), 9);
	cr_assert_eq(fieldedit_home(&fe), FIELDEDIT_OK);
	cr_assert_eq(fe.cursor, 0);
	cr_assert_eq(fieldedit_cursor_col(&fe), 0);
	cr_assert_eq(fieldedit_end(&fe), FIELDEDIT_OK);
	cr_assert_eq(fe.cursor, 6);
	cr_assert_eq(fieldedit_cursor_col(&fe), 9);
	cr_assert_eq(fieldedit_left(&fe), FIELDEDIT_OK);
	cr_assert_eq(fieldedit_backspace(&fe), FIELDEDIT_OK);
	assert_text(&fe, "张三丰ac");
	cr_assert_eq(fe.cursor, 4);
	cr_assert_eq(fieldedit_cursor_col(&fe), 7);
	cr_assert_eq(fieldedit_width(&fe), 8);
	fieldedit_free(&fe);
}

Test(fieldedit, movement_over_wide_chars)
{
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_TEXT, 0, 0);
	type(&fe, L"a张b");
	cr_assert_eq(fieldedit_left(&fe), FIELDEDIT_OK);
	cr_assert_eq(fieldedit_cursor_col(&fe), 3);
	cr_assert_eq(fieldedit_left(&fe), FIELDEDIT_OK);
	cr_assert_eq(fieldedit_cursor_col(&fe), 1);
	cr_assert_eq(fieldedit_left(&fe), FIELDEDIT_OK);
	cr_assert_eq(fieldedit_left(&fe), FIELDEDIT_UNCHANGED);
	cr_assert_eq(fieldedit_home(&fe), FIELDEDIT_UNCHANGED);
	cr_assert_eq(fieldedit_right(&fe), FIELDEDIT_OK);
	cr_assert_eq(fieldedit_right(&fe), FIELDEDIT_OK);
	cr_assert_eq(fieldedit_cursor_col(&fe), 3);
	/* Insert in the middle, before "b". */
	type(&fe, L"三");
	assert_text(&fe, "a张三b");
	cr_assert_eq(fieldedit_cursor_col(&fe), 5);
	cr_assert_eq(fieldedit_end(&fe), FIELDEDIT_OK);
	cr_assert_eq(fieldedit_end(&fe), FIELDEDIT_UNCHANGED);
	cr_assert_eq(fieldedit_right(&fe), FIELDEDIT_UNCHANGED);
	fieldedit_free(&fe);
}

Test(fieldedit, wide_char_refused_with_one_column_left)
{
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_TEXT, 0, 5);
	type(&fe, L"张三");
	cr_assert_eq(fieldedit_insert(&fe, L'丰'), FIELDEDIT_REFUSED);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_FULL);
	cr_assert_str_eq(fieldedit_why_str(fe.why), "full");
	assert_text(&fe, "张三");
	cr_assert_eq(fe.cursor, 2);
	cr_assert_eq(fieldedit_width(&fe), 4);
	/* Also refused in the middle: nothing shifts. */
	fieldedit_home(&fe);
	cr_assert_eq(fieldedit_insert(&fe, L'丰'), FIELDEDIT_REFUSED);
	assert_text(&fe, "张三");
	cr_assert_eq(fe.cursor, 0);
	/* A narrow one still fits, then nothing does. */
	cr_assert_eq(fieldedit_insert(&fe, L'a'), FIELDEDIT_OK);
	assert_text(&fe, "a张三");
	cr_assert_eq(fieldedit_insert(&fe, L'b'), FIELDEDIT_REFUSED);
	fieldedit_free(&fe);
}

Test(fieldedit, max_chars_limit)
{
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_TEXT, 3, 0);
	type(&fe, L"张三丰");
	cr_assert_eq(fieldedit_insert(&fe, L'a'), FIELDEDIT_REFUSED);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_FULL);
	assert_text(&fe, "张三丰");
	fieldedit_free(&fe);
}

Test(fieldedit, unprintable_refused)
{
	static const wchar_t bad[] = {0, 0x1B, L'\t', L'\n', 0x7F, 0x85,
				      0x301, 0x200B, 0x202E, 0xD800, -5,
				      0x110000};
	struct fieldedit fe;
	size_t i;

	fieldedit_init(&fe, FIELDEDIT_TEXT, 0, 0);
	type(&fe, L"ab");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_eq(fieldedit_insert(&fe, bad[i]), FIELDEDIT_REFUSED,
			     "case %zu", i);
		cr_assert_eq(fe.why, FIELDEDIT_WHY_PRINTABLE);
	}
	assert_text(&fe, "ab");
	cr_assert_eq(fe.cursor, 2);
	fieldedit_free(&fe);
}

Test(fieldedit, erase_at_both_ends)
{
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_TEXT, 0, 0);
	cr_assert_eq(fieldedit_backspace(&fe), FIELDEDIT_UNCHANGED);
	cr_assert_eq(fieldedit_delete(&fe), FIELDEDIT_UNCHANGED);
	type(&fe, L"张ab三");
	cr_assert_eq(fieldedit_delete(&fe), FIELDEDIT_UNCHANGED);
	cr_assert_eq(fieldedit_backspace(&fe), FIELDEDIT_OK);
	assert_text(&fe, "张ab");
	cr_assert_eq(fe.cursor, 3);
	cr_assert_eq(fieldedit_width(&fe), 4);
	fieldedit_home(&fe);
	cr_assert_eq(fieldedit_backspace(&fe), FIELDEDIT_UNCHANGED);
	cr_assert_eq(fieldedit_delete(&fe), FIELDEDIT_OK);
	assert_text(&fe, "ab");
	cr_assert_eq(fe.cursor, 0);
	cr_assert_eq(fieldedit_width(&fe), 2);
	cr_assert_eq(fieldedit_delete(&fe), FIELDEDIT_OK);
	cr_assert_eq(fieldedit_delete(&fe), FIELDEDIT_OK);
	cr_assert_eq(fieldedit_delete(&fe), FIELDEDIT_UNCHANGED);
	assert_text(&fe, "");
	cr_assert_eq(fieldedit_width(&fe), 0);
	fieldedit_free(&fe);
}

Test(fieldedit, digits_mask)
{
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_DIGITS, 0, 0);
	type(&fe, L"0139");
	cr_assert_eq(fieldedit_insert(&fe, L'a'), FIELDEDIT_REFUSED);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_DIGITS);
	cr_assert_str_eq(fieldedit_why_str(fe.why), "digits only");
	cr_assert_eq(fieldedit_insert(&fe, L'张'), FIELDEDIT_REFUSED);
	cr_assert_eq(fieldedit_insert(&fe, L'-'), FIELDEDIT_REFUSED);
	cr_assert_eq(fieldedit_insert(&fe, L' '), FIELDEDIT_REFUSED);
	/* Full-width digits from an input method become ASCII. */
	cr_assert_eq(fieldedit_insert(&fe, 0xFF17), FIELDEDIT_OK);
	assert_text(&fe, "01397");
	cr_assert_eq(fieldedit_width(&fe), 5);
	fieldedit_free(&fe);
}

Test(fieldedit, date_mask_auto_dash)
{
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_DATE, 0, 0);
	cr_assert_eq(fe.max_chars, 10);
	type(&fe, L"2026");
	assert_text(&fe, "2026");
	type(&fe, L"1");
	assert_text(&fe, "2026-1");
	cr_assert_eq(fe.cursor, 6);
	type(&fe, L"128");
	assert_text(&fe, "2026-11-28");
	cr_assert_eq(fe.cursor, 10);
	cr_assert_eq(fieldedit_insert(&fe, L'1'), FIELDEDIT_REFUSED);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_FULL);
	assert_text(&fe, "2026-11-28");
	fieldedit_free(&fe);
}

Test(fieldedit, date_mask_typed_dashes)
{
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_DATE, 0, 0);
	type(&fe, L"2026");
	cr_assert_eq(fieldedit_insert(&fe, L'-'), FIELDEDIT_UNCHANGED);
	type(&fe, L"11");
	cr_assert_eq(fieldedit_insert(&fe, L'/'), FIELDEDIT_UNCHANGED);
	type(&fe, L"28");
	assert_text(&fe, "2026-11-28");
	/* A dash where none belongs, a letter, Chinese. */
	fieldedit_clear(&fe);
	type(&fe, L"20");
	cr_assert_eq(fieldedit_insert(&fe, L'-'), FIELDEDIT_REFUSED);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_DATE);
	cr_assert_eq(fieldedit_insert(&fe, L'a'), FIELDEDIT_REFUSED);
	cr_assert_eq(fieldedit_insert(&fe, L'年'), FIELDEDIT_REFUSED);
	assert_text(&fe, "20");
	/* Typing a dash just before the dash steps over it. */
	fieldedit_clear(&fe);
	type(&fe, L"202611");
	fieldedit_home(&fe);
	fieldedit_right(&fe);
	fieldedit_right(&fe);
	fieldedit_right(&fe);
	fieldedit_right(&fe);
	cr_assert_eq(fieldedit_insert(&fe, L'-'), FIELDEDIT_OK);
	cr_assert_eq(fe.cursor, 5);
	assert_text(&fe, "2026-11");
	fieldedit_free(&fe);
}

/* One-digit months and days as people write them: the separator after
 * one pads it with 0; a last one-digit day is padded as the field is
 * left (fieldedit_date_finish). Before, the separator was refused and
 * 2015-3-5 became "2015-35". */
Test(fieldedit, date_one_digit_month_and_day)
{
	static const wchar_t *const typed[] = {L"2015-3-5-", L"2015/3/5",
	                                       L"2015.3.5", L"2015年3月5日",
	                                       L"2015-03-05", L"20150305"};
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_DATE, 0, 0);
	for (size_t i = 0; i < sizeof(typed) / sizeof(typed[0]); i++) {
		fieldedit_clear(&fe);
		for (const wchar_t *p = typed[i]; *p; p++)
			cr_assert_neq(fieldedit_insert(&fe, *p),
			              FIELDEDIT_REFUSED, "%ls at %ls", typed[i],
			              p);
		fieldedit_date_finish(&fe);
		assert_text(&fe, "2015-03-05");
	}
	/* A two-digit month is not padded; an unfinished date is left. */
	fieldedit_clear(&fe);
	type(&fe, L"201512");
	cr_assert_eq(fieldedit_insert(&fe, L'-'), FIELDEDIT_UNCHANGED);
	assert_text(&fe, "2015-12");
	fieldedit_clear(&fe);
	type(&fe, L"20151");
	fieldedit_date_finish(&fe);
	assert_text(&fe, "2015-1");
	fieldedit_free(&fe);
}

Test(fieldedit, date_mask_backspace_over_dash)
{
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_DATE, 0, 0);
	type(&fe, L"20261128");
	cr_assert_eq(fieldedit_backspace(&fe), FIELDEDIT_OK);
	assert_text(&fe, "2026-11-2");
	cr_assert_eq(fe.cursor, 9);
	/* The text never ends in a dash. */
	cr_assert_eq(fieldedit_backspace(&fe), FIELDEDIT_OK);
	assert_text(&fe, "2026-11");
	cr_assert_eq(fe.cursor, 7);
	cr_assert_eq(fieldedit_backspace(&fe), FIELDEDIT_OK);
	assert_text(&fe, "2026-1");
	/* Cursor just after the dash: Backspace erases the digit before. */
	cr_assert_eq(fieldedit_left(&fe), FIELDEDIT_OK);
	cr_assert_eq(fe.cursor, 5);
	cr_assert_eq(fieldedit_backspace(&fe), FIELDEDIT_OK);
	assert_text(&fe, "2021");
	cr_assert_eq(fe.cursor, 3);
	/* Delete from the start shifts the digits through the dashes. */
	fieldedit_clear(&fe);
	type(&fe, L"20261128");
	fieldedit_home(&fe);
	cr_assert_eq(fieldedit_delete(&fe), FIELDEDIT_OK);
	assert_text(&fe, "0261-12-8");
	cr_assert_eq(fe.cursor, 0);
	fieldedit_end(&fe);
	cr_assert_eq(fieldedit_delete(&fe), FIELDEDIT_UNCHANGED);
	fieldedit_home(&fe);
	cr_assert_eq(fieldedit_backspace(&fe), FIELDEDIT_UNCHANGED);
	fieldedit_free(&fe);
}

/* Digits are taken as typed, whatever the calendar says: refusing the 3
 * of 2026-02-30 and taking the 0 made "2026-02-0", which nobody typed.
 * The form judges the date when the cursor leaves the field. (Until this
 * change the field refused such digits one by one.) */
Test(fieldedit, date_mask_takes_impossible_dates_as_typed)
{
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_DATE, 0, 0);
	type(&fe, L"20260230");
	assert_text(&fe, "2026-02-30");
	fieldedit_clear(&fe);
	type(&fe, L"20261332");
	assert_text(&fe, "2026-13-32");
	fieldedit_clear(&fe);
	type(&fe, L"20260000");
	assert_text(&fe, "2026-00-00");
	/* Still only digits, and at most eight of them. */
	cr_assert_eq(fieldedit_insert(&fe, L'1'), FIELDEDIT_REFUSED);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_FULL);
	fieldedit_clear(&fe);
	type(&fe, L"2026");
	cr_assert_eq(fieldedit_insert(&fe, L'a'), FIELDEDIT_REFUSED);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_DATE);
	cr_assert_str_eq(fieldedit_why_str(fe.why), "date");
	assert_text(&fe, "2026");
	fieldedit_free(&fe);
}

Test(fieldedit, date_edit_in_the_middle_is_not_rechecked)
{
	struct fieldedit fe;
	char *draft;

	fieldedit_init(&fe, FIELDEDIT_DATE, 0, 0);
	type(&fe, L"20260131");
	/* Erase the 0 of the month: the digits shift to "2026-13-1". */
	fieldedit_home(&fe);
	fieldedit_right(&fe);
	fieldedit_right(&fe);
	fieldedit_right(&fe);
	fieldedit_right(&fe);
	fieldedit_right(&fe);
	cr_assert_eq(fieldedit_delete(&fe), FIELDEDIT_OK);
	assert_text(&fe, "2026-13-1");
	/* Whatever the field shows can be kept as a draft and set back. */
	draft = fieldedit_utf8(&fe);
	fieldedit_clear(&fe);
	cr_assert_eq(fieldedit_set_utf8(&fe, draft), 0);
	assert_text(&fe, "2026-13-1");
	free(draft);
	fieldedit_free(&fe);
}

Test(fieldedit, date_set_utf8_forms)
{
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_DATE, 0, 0);
	cr_assert_eq(fieldedit_set_utf8(&fe, "20261128"), 0);
	assert_text(&fe, "2026-11-28");
	cr_assert_eq(fieldedit_set_utf8(&fe, "2025-01-02"), 0);
	assert_text(&fe, "2025-01-02");
	cr_assert_eq(fieldedit_set_utf8(&fe, "2025-01"), 0);
	cr_assert_eq(fieldedit_set_utf8(&fe, ""), 0);
	cr_assert_eq(fieldedit_set_utf8(&fe, "2025-01-"), -1);
	cr_assert_eq(fieldedit_set_utf8(&fe, "2025/01/02"), -1);
	cr_assert_eq(fieldedit_set_utf8(&fe, "2025--0102"), -1);
	cr_assert_eq(fieldedit_set_utf8(&fe, "2025-01-0x"), -1);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_DATE);
	cr_assert_eq(fieldedit_set_utf8(&fe, "2025-01-021"), -1);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_FULL);
	assert_text(&fe, "");
	/* The form is checked, not the calendar. */
	cr_assert_eq(fieldedit_set_utf8(&fe, "2026-02-30"), 0);
	assert_text(&fe, "2026-02-30");
	fieldedit_free(&fe);
}

Test(fieldedit, id_mask)
{
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_ID, 0, 0);
	cr_assert_eq(fe.max_chars, 18);
	type(&fe, L"110101");
	/* X anywhere but the 18th place is refused. */
	cr_assert_eq(fieldedit_insert(&fe, L'x'), FIELDEDIT_REFUSED);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_ID);
	cr_assert_str_eq(fieldedit_why_str(fe.why), "id");
	cr_assert_eq(fieldedit_insert(&fe, L'X'), FIELDEDIT_REFUSED);
	cr_assert_eq(fieldedit_insert(&fe, L'a'), FIELDEDIT_REFUSED);
	cr_assert_eq(fieldedit_insert(&fe, L'张'), FIELDEDIT_REFUSED);
	type(&fe, L"19900307123");
	cr_assert_eq(fe.len, 17);
	/* Lower-case x becomes X in the last place. */
	cr_assert_eq(fieldedit_insert(&fe, L'x'), FIELDEDIT_OK);
	assert_text(&fe, "11010119900307123X");
	cr_assert_eq(fieldedit_insert(&fe, L'1'), FIELDEDIT_REFUSED);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_FULL);
	cr_assert_eq(fieldedit_backspace(&fe), FIELDEDIT_OK);
	cr_assert_eq(fieldedit_insert(&fe, 0xFF15), FIELDEDIT_OK);
	assert_text(&fe, "110101199003071235");
	cr_assert_eq(fieldedit_set_utf8(&fe, "11010119900307123x"), 0);
	assert_text(&fe, "11010119900307123X");
	/* Erasing a digit before the X leaves it last; nothing goes after
	 * it, but the missing digit can go back before it. */
	fieldedit_left(&fe);
	fieldedit_left(&fe);
	cr_assert_eq(fieldedit_delete(&fe), FIELDEDIT_OK);
	assert_text(&fe, "1101011990030712X");
	fieldedit_end(&fe);
	cr_assert_eq(fieldedit_insert(&fe, L'4'), FIELDEDIT_REFUSED);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_ID);
	fieldedit_left(&fe);
	cr_assert_eq(fieldedit_insert(&fe, L'3'), FIELDEDIT_OK);
	assert_text(&fe, "11010119900307123X");
	cr_assert_eq(fieldedit_set_utf8(&fe, "1101011990030712X3"), -1);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_ID);
	/* A draft with the X last but a digit missing reads back. */
	cr_assert_eq(fieldedit_set_utf8(&fe, "1101011990030712x"), 0);
	assert_text(&fe, "1101011990030712X");
	cr_assert_eq(fieldedit_set_utf8(&fe, "1101011990030712345"), -1);
	fieldedit_free(&fe);
}

Test(fieldedit, view_scrolls_over_wide_chars)
{
	struct fieldedit fe;
	size_t first;
	int x;

	/* a b 张 三 丰 c d start at columns 0 1 2 4 6 8 9; width 10. */
	fieldedit_init(&fe, FIELDEDIT_TEXT, 0, 0);
	type(&fe, L"ab张三丰cd");
	fieldedit_view(&fe, 5, &first, &x);
	cr_assert_eq(fe.scroll, 6);
	cr_assert_eq(first, 4);
	cr_assert_eq(x, 4);
	cr_assert_eq(fieldedit_fit(&fe, first, 5), 3);
	fieldedit_home(&fe);
	fieldedit_view(&fe, 5, &first, &x);
	cr_assert_eq(fe.scroll, 0);
	cr_assert_eq(first, 0);
	cr_assert_eq(x, 0);
	/* 三 at columns 4-5 would straddle the edge: not drawn. */
	cr_assert_eq(fieldedit_fit(&fe, first, 5), 3);
	/* With the cursor on 三 the whole character comes into view. */
	fieldedit_right(&fe);
	fieldedit_right(&fe);
	fieldedit_right(&fe);
	fieldedit_view(&fe, 5, &first, &x);
	cr_assert_eq(fe.scroll, 1);
	cr_assert_eq(first, 1);
	cr_assert_eq(x, 3);
	cr_assert_eq(fieldedit_fit(&fe, first, 5), 3);
	fieldedit_free(&fe);
}

Test(fieldedit, view_never_starts_inside_a_wide_char)
{
	struct fieldedit fe;
	size_t first;
	int x;

	fieldedit_init(&fe, FIELDEDIT_TEXT, 0, 0);
	type(&fe, L"张三丰");
	/* Column 3 is the right half of 三: the view starts at 丰. */
	fieldedit_view(&fe, 4, &first, &x);
	cr_assert_eq(fe.scroll, 4);
	cr_assert_eq(first, 2);
	cr_assert_eq(x, 2);
	/* Erasing scrolls back so the window stays full. */
	fieldedit_backspace(&fe);
	fieldedit_backspace(&fe);
	fieldedit_view(&fe, 4, &first, &x);
	cr_assert_eq(fe.scroll, 0);
	cr_assert_eq(first, 0);
	cr_assert_eq(x, 2);
	/* A one-column window still shows the cursor. */
	type(&fe, L"三丰");
	fieldedit_home(&fe);
	fieldedit_right(&fe);
	fieldedit_view(&fe, 1, &first, &x);
	cr_assert_eq(first, 1);
	cr_assert_eq(x, 0);
	fieldedit_free(&fe);
}

Test(fieldedit, view_full_field_in_wider_window)
{
	struct fieldedit fe;
	size_t first;
	int x;

	fieldedit_init(&fe, FIELDEDIT_TEXT, 0, 6);
	type(&fe, L"张三丰");
	fieldedit_view(&fe, 7, &first, &x);
	cr_assert_eq(first, 0);
	cr_assert_eq(x, 6);
	/* In a window of exactly max_cols the end cursor needs a cell. */
	fieldedit_view(&fe, 6, &first, &x);
	cr_assert_eq(first, 1);
	cr_assert_eq(x, 4);
	fieldedit_free(&fe);
}

Test(fieldedit, set_utf8)
{
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_TEXT, 0, 6);
	cr_assert_eq(fieldedit_set_utf8(&fe, "张三a"), 0);
	assert_text(&fe, "张三a");
	cr_assert_eq(fe.cursor, 3);
	cr_assert_eq(fieldedit_width(&fe), 5);
	cr_assert(!fieldedit_dirty(&fe));
	/* Invalid UTF-8, a control character, too wide: all refused and
	 * the old content kept. */
	cr_assert_eq(fieldedit_set_utf8(&fe, "ab\xFF"), -1);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_INVALID);
	cr_assert_str_eq(fieldedit_why_str(fe.why), "invalid");
	cr_assert_eq(fieldedit_set_utf8(&fe, "\xE5\xBC"), -1);
	cr_assert_eq(fieldedit_set_utf8(&fe, "\xC0\x80"), -1);
	cr_assert_eq(fieldedit_set_utf8(&fe, NULL), -1);
	cr_assert_eq(fieldedit_set_utf8(&fe, "a\x1b[2J"), -1);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_PRINTABLE);
	cr_assert_eq(fieldedit_set_utf8(&fe, "张三丰a"), -1);
	cr_assert_eq(fe.why, FIELDEDIT_WHY_FULL);
	assert_text(&fe, "张三a");
	cr_assert_eq(fe.cursor, 3);
	cr_assert_eq(fieldedit_width(&fe), 5);
	cr_assert_eq(fieldedit_set_utf8(&fe, ""), 0);
	assert_text(&fe, "");
	fieldedit_free(&fe);
}

Test(fieldedit, dirty_tracking)
{
	struct fieldedit fe;

	fieldedit_init(&fe, FIELDEDIT_TEXT, 0, 0);
	cr_assert(!fieldedit_dirty(&fe));
	type(&fe, L"张");
	cr_assert(fieldedit_dirty(&fe));
	fieldedit_backspace(&fe);
	cr_assert(!fieldedit_dirty(&fe));
	cr_assert_eq(fieldedit_set_utf8(&fe, "李四"), 0);
	cr_assert(!fieldedit_dirty(&fe));
	fieldedit_left(&fe);
	cr_assert(!fieldedit_dirty(&fe));
	type(&fe, L"小");
	cr_assert(fieldedit_dirty(&fe));
	fieldedit_mark_clean(&fe);
	cr_assert(!fieldedit_dirty(&fe));
	/* A refused edit is no change. */
	cr_assert_eq(fieldedit_insert(&fe, 0x1B), FIELDEDIT_REFUSED);
	cr_assert(!fieldedit_dirty(&fe));
	fieldedit_clear(&fe);
	cr_assert(fieldedit_dirty(&fe));
	assert_text(&fe, "");
	cr_assert_eq(fe.cursor, 0);
	/* A failed set keeps the dirty state. */
	cr_assert_eq(fieldedit_set_utf8(&fe, "\xFF"), -1);
	cr_assert(fieldedit_dirty(&fe));
	fieldedit_free(&fe);
}

Test(fieldedit, refusal_keys)
{
	cr_assert_str_eq(fieldedit_why_str(FIELDEDIT_WHY_NONE), "");
	cr_assert_str_eq(fieldedit_why_str(FIELDEDIT_WHY_PRINTABLE),
			 "not printable");
	cr_assert_str_eq(fieldedit_why_str((enum fieldedit_why)99), "");
}
