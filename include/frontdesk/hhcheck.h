/*
 * The consistency rules over the stored households, and the text of a
 * rule's finding where no key can be pressed (the import's report, the
 * database check).
 *
 * A save applies household_check to the household it writes; data that
 * reached the file another way (sqlite3 by hand, an older program, a code
 * list edited since) is only found by running the same check over every
 * household: hhcheck_all, one step of db_check.
 */
#ifndef FRONTDESK_HHCHECK_H
#define FRONTDESK_HHCHECK_H

#include <stddef.h>

#include "frontdesk/db.h"
#include "frontdesk/household.h"
#include "frontdesk/status.h"
#include "frontdesk/util.h"

/* The text of issue it of h (as checked) for a report read away from the
 * form: the rule's text, except that a code or village refused names the
 * code list's first values or says what a village code is instead of
 * telling to press F4. Caller frees. */
char *
hhcheck_issue_text(const struct household *h, const struct hh_issue *it);

/* Run household_check (with today, "YYYY-MM-DD") over every stored
 * household in one read transaction (when none is open): each error is
 * appended to problems as one line "户 622…：NAME FIELD：reason\n"
 * (catalog texts) and counted in *found; warnings are not problems, nor
 * is a participant who has grown out of the program's ages since (rule
 * "participant": it holds on the day of a save).
 * progress(ud, done, total) (may be NULL) is called before the first
 * household, every few hundred and after the last; total is the number of
 * households. FD_OK even when problems were found; another status when
 * the check could not run. */
enum fd_status
hhcheck_all(struct fd_db *db, const char *today,
	    void (*progress)(void *ud, size_t done, size_t total), void *ud,
	    struct strbuf *problems, size_t *found, struct fd_err *err);

#endif
