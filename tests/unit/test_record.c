/*
 * record.c: new, dup, set, equal, field lookup, and the text form used for
 * drafts (escapes of backslash, newline and carriage return; Chinese; id
 * and version; unknown names; fields not named keep their values).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/codes.h"
#include "frontdesk/household.h"
#include "frontdesk/record.h"

Test(record, new_set_dup_equal)
{
	struct record *r = record_new(&entity_member);
	struct record *c;

	cr_assert_eq(r->ent, &entity_member);
	cr_assert_eq(r->id, 0);
	cr_assert_eq(r->version, 0);
	for (size_t i = 0; i < entity_member.n; i++)
		cr_assert_str_eq(r->v[i], "");
	record_set(r, MEM_NAME, "马建国");
	record_set(r, MEM_PHONE, NULL);
	record_set(r, 999, "ignored");
	cr_assert_str_eq(r->v[MEM_NAME], "马建国");
	cr_assert_str_eq(r->v[MEM_PHONE], "");
	r->id = 4;
	r->version = 2;
	c = record_dup(r);
	cr_assert_neq(c->v, r->v);
	cr_assert_neq(c->v[MEM_NAME], r->v[MEM_NAME]);
	cr_assert(record_equal(r, c));
	cr_assert_eq(c->id, 4);
	cr_assert_eq(c->version, 2);
	record_set(c, MEM_NAME, "马建军");
	cr_assert_not(record_equal(r, c));
	cr_assert_eq(record_field(&entity_member, "name"), MEM_NAME);
	cr_assert_eq(record_field(&entity_member, "hh_no"), -1);
	cr_assert_eq(record_field(&entity_household, "hh_no"), HH_NO);
	cr_assert_eq(record_field(&entity_household, NULL), -1);
	record_free(c);
	record_free(r);
	record_free(NULL);
}

Test(record, text_round_trip)
{
	static const char *const tricky[] = {
		"第一行\n第二行",
		"C:\\路径\\",
		"\\n is not a newline",
		"tab\tand\rreturn\r\n",
		"a=b=c",
		"\\",
		"",
		"[household]",
		"@id=99",
	};
	struct record *r = record_new(&entity_household);
	struct record *back = record_new(&entity_household);
	char *text, *again;

	r->id = 123;
	r->version = 7;
	for (size_t i = 0; i < entity_household.n; i++)
		record_set(r, i,
			   tricky[i % (sizeof(tricky) / sizeof(tricky[0]))]);
	text = record_to_text(r);
	/* one line per field plus @id and @version */
	{
		size_t lines = 0;

		for (const char *p = text; *p; p++)
			lines += *p == '\n';
		cr_assert_eq(lines, entity_household.n + 2, "%s", text);
	}
	cr_assert(strstr(text, "hh_no=第一行\\n第二行\n"), "%s", text);
	cr_assert(strstr(text, "region=C:\\\\路径\\\\\n"), "%s", text);
	record_from_text(back, text);
	cr_assert(record_equal(r, back));
	cr_assert_eq(back->id, 123);
	cr_assert_eq(back->version, 7);
	again = record_to_text(back);
	cr_assert_str_eq(again, text);
	free(again);
	free(text);
	record_free(back);
	record_free(r);
}

Test(record, from_text_partial_and_unknown)
{
	struct record *r = record_new(&entity_member);

	record_set(r, MEM_PHONE, "13800000000");
	r->id = 5;
	r->version = 3;
	record_from_text(r, "name=张三\nnope=1\njunk line\n"
			    "relation=01\r\n=x\n@version=bad\nsex=1");
	cr_assert_str_eq(r->v[MEM_NAME], "张三");
	cr_assert_str_eq(r->v[MEM_RELATION], "01");
	cr_assert_str_eq(r->v[MEM_SEX], "1");
	cr_assert_str_eq(r->v[MEM_PHONE], "13800000000");
	cr_assert_eq(r->id, 5);
	cr_assert_eq(r->version, 3);
	record_from_text(r, "");
	cr_assert_str_eq(r->v[MEM_NAME], "张三");
	record_free(r);
}

/* Stored values as the audit log shows them: codes with labels, lists of
 * codes, regions with their names, yes/no; other values as they are. */
Test(record, value_text_for_people)
{
	struct fd_err err = {{0}};
	const struct entity *hh = record_entity_of("household");
	const struct entity *mem = record_entity_of("member");
	char *t;

	cr_assert_eq(codes_load(NULL, NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(hh, &entity_household);
	cr_assert_eq(mem, &entity_member);
	cr_assert_null(record_entity_of("cohort"));
	t = record_value_text(mem, "relation", "02");
	cr_assert_str_eq(t, "02 配偶");
	free(t);
	t = record_value_text(hh, "other_causes", "01,03");
	cr_assert_str_eq(t, "01 因病, 03 因学");
	free(t);
	t = record_value_text(hh, "region", "622921");
	cr_assert_str_eq(t, "622921 甘肃省 临夏回族自治州 临夏县");
	free(t);
	t = record_value_text(mem, "relation", "99"); /* unknown code */
	cr_assert_str_eq(t, "99");
	free(t);
	t = record_value_text(mem, "name", "马小龙");
	cr_assert_str_eq(t, "马小龙");
	free(t);
	t = record_value_text(NULL, "relation", "02");
	cr_assert_str_eq(t, "02");
	free(t);
	t = record_value_text(mem, "relation", "");
	cr_assert_str_eq(t, "");
	free(t);
	codes_free();
}
