/*
 * The consistency rules over the stored households (a step of db_check),
 * and the text of a finding for a report read away from the form.
 *
 * Design
 * - hhcheck_all loads every household by id and runs household_check on
 *   it, exactly what a save would find (the same function: no second
 *   copy of the rules). The statements of household.c stay prepared for
 *   the run (household_batch_begin), and the whole runs in one read
 *   transaction, so it sees one state and takes the read lock once.
 *   Warnings (likely duplicates, rule 8, unknown ID region) are what a
 *   person accepts when saving: they are not problems of the database.
 *   Nor is the rule "participant" (a participant outside the program's
 *   ages): it holds on the day of the save, and a trainee enrolled at 45
 *   is 46 a year later without anything being wrong with the data.
 * - The texts of the rules "code" and "region" tell to press F4, which
 *   only the form has: hhcheck_issue_text gives the import's report and
 *   the check the list's first values, or what a village code is.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/codes.h"
#include "frontdesk/hhcheck.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/record.h"

/* Code-list values named in a "not in the list" text. */
#define HHCHECK_EXAMPLES 4
/* Households between two progress calls. */
#define HHCHECK_PROGRESS_EVERY 500

/* The first value of the comma-separated codes v that list does not
 * hold, or v itself when it is a single value (a copy). Caller frees. */
static char *
hhcheck_bad_code(const char *list, const char *v, bool several)
{
	const char *p = v;

	if (!several)
		return xstrdup(v);
	while (*p) {
		size_t n = strcspn(p, ",");
		char *code = xstrndup(p, n);
		const char *found = codes_find(list, code);

		if (!found || strcmp(found, code) != 0)
			return code;
		free(code);
		p += n;
		if (*p)
			p++;
	}
	return xstrdup(v);
}

/* "01 汉族、02 蒙古族、03 回族、04 藏族……": the first values of list.
 * Caller frees. */
static char *
hhcheck_examples(const char *list)
{
	const struct code_list *cl = list ? codes_list(list) : NULL;
	char *acc = xstrdup(""), *next;

	for (size_t i = 0; cl && i < cl->n && i < HHCHECK_EXAMPLES; i++) {
		char *item = xasprintf("%s %s", cl->items[i].code,
				       code_item_label(&cl->items[i]));

		next = i ? trf(MSG_HHCHECK_LIST_ITEM, acc, item) : xstrdup(item);
		free(item);
		free(acc);
		acc = next;
	}
	if (cl && cl->n > HHCHECK_EXAMPLES) {
		next = trf(MSG_HHCHECK_LIST_MORE, acc, NULL);
		free(acc);
		acc = next;
	}
	return acc;
}

char *
hhcheck_issue_text(const struct household *h, const struct hh_issue *it)
{
	const struct record *r = NULL;
	const struct field_def *f;
	char *bad, *examples, *text;

	if (it->member < 0)
		r = h->hh;
	else if ((size_t)it->member < h->nmembers)
		r = h->members[it->member];
	if (!r || it->field < 0 || (size_t)it->field >= r->ent->n ||
	    (strcmp(it->rule, "code") != 0 && strcmp(it->rule, "region") != 0))
		return xstrdup(it->text);
	f = &r->ent->fields[it->field];
	if (strcmp(it->rule, "region") == 0)
		return trf(MSG_HHCHECK_REGION, tr(f->label), r->v[it->field]);
	bad = hhcheck_bad_code(f->codes, r->v[it->field],
			       f->kind == FIELD_CODES);
	examples = hhcheck_examples(f->codes);
	{
		const char *args[] = {tr(f->label), bad, examples};

		text = msg_format(tr(MSG_HHCHECK_CODE), 3, args);
	}
	free(bad);
	free(examples);
	return text;
}

/* "户 622…：罗元 证件号码：reason" for issue it of h. Caller frees. */
static char *
hhcheck_line(const struct household *h, const struct hh_issue *it)
{
	const struct entity *ent =
	    it->member < 0 ? &entity_household : &entity_member;
	const char *label = NULL;
	char *text = hhcheck_issue_text(h, it);
	char *who = NULL, *body, *line;

	if (it->member >= 0 && (size_t)it->member < h->nmembers) {
		const char *name = h->members[it->member]->v[MEM_NAME];
		char n[24];

		snprintf(n, sizeof(n), "%d", it->member + 1);
		who = *name ? xstrdup(name) : trf(MSG_HHCHECK_MEMBER_NO, n, NULL);
	}
	if (it->field >= 0 && (size_t)it->field < ent->n)
		label = tr(ent->fields[it->field].label);
	/* Most rule texts name their field already: say it once. */
	if (label && strstr(text, label))
		label = NULL;
	if (who && label) {
		char *both = xasprintf("%s %s", who, label);

		body = trf(MSG_IMPORT_FIELD, both, text);
		free(both);
	} else if (who || label) {
		body = trf(MSG_IMPORT_FIELD, who ? who : label, text);
	} else {
		body = xstrdup(text);
	}
	line = trf(MSG_HHCHECK_HOUSEHOLD, h->hh->v[HH_NO], body);
	free(body);
	free(who);
	free(text);
	return line;
}

/* The number of stored households (0 on error: the scan says why). */
static size_t
hhcheck_count(struct fd_db *db)
{
	sqlite3_stmt *st = NULL;
	size_t n = 0;

	if (sqlite3_prepare_v2(db_sqlite(db), "SELECT count(*) FROM household",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

enum fd_status
hhcheck_all(struct fd_db *db, const char *today,
	    void (*progress)(void *ud, size_t done, size_t total), void *ud,
	    struct strbuf *problems, size_t *found, struct fd_err *err)
{
	sqlite3 *sql = db_sqlite(db);
	sqlite3_stmt *q = NULL;
	struct household h;
	enum fd_status status = FD_OK;
	bool began, bulk;
	size_t total, done = 0;
	int rc;

	household_init(&h);
	/* The households and their members are read in id order, the
	 * member_household index hopping over the file: a large page cache
	 * keeps those pages (at 300,000 households most of the time went
	 * into reading them again). */
	bulk = sqlite3_get_autocommit(sql);
	if (bulk)
		db_bulk_set(db, true);
	began = sqlite3_get_autocommit(sql) &&
		sqlite3_exec(sql, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	total = hhcheck_count(db);
	if (progress)
		progress(ud, 0, total);
	household_batch_begin(db);
	rc = sqlite3_prepare_v2(sql, "SELECT id FROM household ORDER BY id", -1,
				&q, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct hh_issues is = {0};

		rc = SQLITE_OK;
		status = household_load(db, sqlite3_column_int64(q, 0), &h, err);
		if (status == FD_OK)
			status = household_check_stored(db, &h, today, &is,
							err);
		for (size_t i = 0; status == FD_OK && i < is.n; i++) {
			char *line;

			if (is.v[i].warning ||
			    strcmp(is.v[i].rule, "participant") == 0)
				continue;
			line = hhcheck_line(&h, &is.v[i]);
			strbuf_addf(problems, "%s\n", line);
			free(line);
			(*found)++;
		}
		hh_issues_free(&is);
		household_clear(&h);
		household_init(&h);
		if (status != FD_OK)
			goto out;
		done++;
		if (progress && done % HHCHECK_PROGRESS_EVERY == 0 &&
		    done < total)
			progress(ud, done, total);
	}
	if (rc != SQLITE_DONE)
		status = fd_fail(err, FD_E_DB, "cannot read the households: %s",
				 sqlite3_errmsg(sql));
	else if (progress)
		progress(ud, total > done ? total : done,
			 total > done ? total : done);
out:
	sqlite3_finalize(q);
	household_batch_end();
	household_clear(&h);
	if (began && !sqlite3_get_autocommit(sql))
		sqlite3_exec(sql, "ROLLBACK", NULL, NULL, NULL);
	if (bulk)
		db_bulk_set(db, false);
	return status;
}
