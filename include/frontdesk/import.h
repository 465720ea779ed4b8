/*
 * Import and export of households as the national system's CSV: one line
 * per member with the household's columns repeated, column names mapped to
 * our fields by assets/import_households.txt (format at its top: "HEADER =
 * household.FIELD | member.FIELD | region.LEVEL | check.head_name |
 * check.head_id | info.members", "ignore = HEADER"; several headers may map
 * to one target, the first is the one export writes).
 *
 * An import is all or nothing: it runs in one transaction, committed only
 * when every line passed and every household was saved; a file with any
 * bad line imports nothing and lists every bad line with its number and
 * reason (with --dry-run, only the checks run, in a read transaction).
 * Records are matched by 户编号 and ID number: importing the same file
 * again changes nothing.
 *
 * Rules of the import:
 * - Lines are grouped into households by 户编号; a household that exists is
 *   updated (upsert), its members matched by ID number; members stored but
 *   absent from the file are kept. An empty cell never clears a stored
 *   value. The household's columns must agree on every line of it.
 * - A column of the file that the map neither maps nor ignores refuses the
 *   file (naming every such column); so do a missing 户编号 or ID number
 *   column and a file that is not UTF-8 (GBK gets a message saying how to
 *   convert it).
 * - Every household that would change runs every check of household.c,
 *   in file order (so a real import also finds likely duplicates between
 *   households of the file). Errors refuse their line(s); warnings (likely
 *   duplicates, rule 8...) are listed in the report and, on a real import,
 *   accepted: each is recorded in the decision table like an accepted
 *   warning on the form. The audit note of the writes is "import"
 *   ("import; accepted: RULES" where warnings were accepted).
 * - Households and members that would not change are neither checked nor
 *   written, so a second import of the same file adds nothing to the
 *   audit table.
 * - Messages are the IMPORT_* and CSV_* texts of the loaded catalog.
 *
 * The code lists and regions (codes.h) must be loaded first.
 */
#ifndef FRONTDESK_IMPORT_H
#define FRONTDESK_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/db.h"
#include "frontdesk/msg.h"
#include "frontdesk/status.h"
#include "frontdesk/util.h"

/* The largest file the command line and the import screen should read
 * (util_read_file's max_bytes): a county's export is a few MiB, the
 * issue's largest register (300,000 households, ~1.2 million members, the
 * columns of export_csv) ~620 MB; the import holds the file and about as
 * much again in memory. */
#define IMPORT_MAX_BYTES ((size_t)1024 * 1024 * 1024)

/* util_read_file of the file to import (at most IMPORT_MAX_BYTES), its
 * common failures told in the session's language: no such file,
 * permission denied, a directory, not a regular file, too large (err->msg
 * a catalog text naming the path; *brief, if not NULL, the id of a short
 * text without the path, for next to a field). Caller frees *data. */
enum fd_status
import_read_file(const char *path, char **data, size_t *len,
	enum fd_msg *brief, struct fd_err *err);

struct import_report {
	size_t lines;           /* data lines read */
	size_t households;      /* distinct 户编号 in the file */
	size_t added;           /* households + members new */
	size_t updated;         /* households + members with a changed field */
	size_t unchanged;       /* households + members of the file as stored */
	size_t hh_added;        /* of those, households */
	size_t hh_updated;
	size_t hh_unchanged;
	size_t refused;         /* bad lines */
	size_t warned;          /* lines with a warning */
	/* "line N: label: reason\n" (IMPORT_LINE, IMPORT_FIELD), by line; a
	 * save that failed is IMPORT_SAVE_FAILED on the household's first
	 * line */
	struct strbuf problems;
	struct strbuf warnings; /* the same for warnings */
};

/* The counts of rep as a person reads them: households and members
 * new, updated, unchanged, and the lines refused (IMPORT_DONE). Caller
 * frees. */
char *
import_summary(const struct import_report *rep);

/* The steps of an import, in order, as the progress bar names them
 * (import_phase_text). A dry run reads and checks; a real import reads,
 * checks and writes, and, when it wrote a large share of the database,
 * rebuilds the indexes and the search index it suspended, then commits
 * (the commit writes everything to disk: seconds for a large file). */
enum import_phase {
	IMPORT_PHASE_READ,   /* the file, by bytes */
	IMPORT_PHASE_CHECK,  /* a dry run's checks, by lines */
	IMPORT_PHASE_WRITE,  /* a real import's checks and writes, by lines */
	IMPORT_PHASE_INDEX,  /* indexes built again */
	IMPORT_PHASE_SEARCH, /* search index built again */
	IMPORT_PHASE_COMMIT, /* the transaction written to disk */
	IMPORT_PHASE_DONE,
};

/* The whole bar of the progress callback: done runs from 0 to this. */
#define IMPORT_PROGRESS_TOTAL 1000

/* Called with the step under way and the work done of
 * IMPORT_PROGRESS_TOTAL (never less than the call before): once as each
 * step begins, then about every 0.1% while reading and checking, and with
 * IMPORT_PHASE_DONE and the whole when the import is over (committed, or
 * the dry run finished); not again after a failure. On a real import it
 * is called from inside the transaction: the callback must not use the
 * connection. */
typedef void (*import_progress_fn)(void *ud, enum import_phase phase,
	size_t done, size_t total);

/* What phase is doing, for a progress bar ("读取文件"; catalog). */
const char *
import_phase_text(enum import_phase phase);

/* Use the column map at path (config intake.import_map); NULL or "" for
 * the built-in assets/import_households.txt. A bad map is FD_E_PARSE
 * "FILE:LINE: ..." (FD_E_IO if unreadable) and keeps the map in use.
 * Without a call, the built-in map is loaded on first use. */
enum fd_status
import_set_map(const char *path, struct fd_err *err);
/* Same from memory; name stands for the file in messages. */
enum fd_status
import_set_map_buffer(const char *name, const char *data, size_t len,
	struct fd_err *err);
/* Drop the loaded map. */
void
import_map_free(void);

/* Import the CSV at data (len bytes). dry_run checks only. Returns FD_OK
 * (committed, or for a dry run: nothing wrong), FD_E_CHECK when lines
 * were refused or the database refused a household's values (nothing
 * imported; rep->problems lists them; err is IMPORT_REFUSED or
 * IMPORT_SAVE_FAILED), FD_E_PARSE for a file that cannot be read as a
 * whole (not UTF-8, unknown columns...; err says why), FD_E_READONLY or
 * FD_E_BUSY when the session cannot write, another status if the database
 * failed (nothing imported). rep is filled in any case (zeroed first);
 * free it with import_report_free. progress may be NULL. Uses
 * household_batch_begin/_end: do not call it inside a batch of your own,
 * nor inside an open transaction. */
enum fd_status
import_households(struct fd_db *db, const char *data, size_t len, bool dry_run,
	import_progress_fn progress, void *ud, struct import_report *rep,
	struct fd_err *err);
void
import_report_free(struct import_report *rep);

/* The bulk path for households the database does not hold yet (on by
 * default): saved by household_save_new_in, the duplicate queries run
 * only when the import's own index of stored members finds a candidate.
 * Off: every household through household_save_accepting_in, the careful
 * path of updates; the result is the same (the tests compare the two,
 * the bench times them). */
void
import_set_bulk(bool on);

/* Write every household (what = "households": one line per household, its
 * fields, the head's name and ID and the member count) or member
 * ("members": one line per member with its household's columns) as CSV,
 * UTF-8 with a BOM (so Excel reads it), CRLF, with the map's first header
 * for each column and labels for coded values; long digit strings as
 * ="..." (Excel keeps them as text) and cells a spreadsheet would run as
 * a formula (= + - @ first) behind a ' (both as the import reads them).
 * The import reads a "members" export back unchanged. FD_E_INVALID for another what. */
enum fd_status
export_csv(struct fd_db *db, const char *what, struct strbuf *out,
	struct fd_err *err);

#endif
