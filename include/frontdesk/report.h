/*
 * Printable text reports for the command line (frontdesk report NAME):
 * built in memory, one header line then one line per row, columns aligned
 * in terminal columns (Chinese labels take two), every label from the
 * catalog in the session's language. Core only: the caller prints.
 *
 * Widths come from utf8.h (wcwidth), so the caller must have set a UTF-8
 * LC_CTYPE first.
 */
#ifndef FRONTDESK_REPORT_H
#define FRONTDESK_REPORT_H

#include "frontdesk/db.h"
#include "frontdesk/status.h"
#include "frontdesk/util.h"

/* Every cohort (cohort_list's order, latest start first): code, track
 * label, first..last session date, enrolled, waitlisted, attendance rate
 * (marks P or L of the marks recorded, "-" when none), graduated ("-"
 * until graduation is applied). A line saying there are none when there
 * are none. Appends to out. The curriculum should be loaded for the track
 * labels (else the track codes are shown). */
enum fd_status
report_cohorts(struct fd_db *db, struct strbuf *out, struct fd_err *err);

#endif
