/*
 * Household search, narrowing as the person types.
 *
 * The query is matched against member names (one or two Chinese
 * characters too), 户编号, any 4 or more digits of a member's ID number, and
 * the village name. Names use an FTS5 index with one token per character
 * (a query of any length is a phrase of its characters); ID numbers and
 * 户编号 a trigram index (4+ digits) and their own B-tree indexes (exact,
 * prefix, last digits). The indexes are kept by triggers on member and
 * household (migration 003_search.sql). Results are households, best
 * first, each once, limited.
 *
 * Ranking. Digits (optionally ending in X): the exact ID number, the exact
 * 户编号, ID numbers ending in the query (4+ characters), 户编号 starting
 * with it, ID numbers starting with it, then ID numbers (4+) and 户编号
 * containing it (not looked for when the query starts with a region
 * code: those are prefixes). Anything else: the exact name, names
 * starting with the query, households of villages whose name contains it,
 * then names containing it. An empty query lists the most recently
 * changed households. Full-width digits and letters (from an input
 * method) count as ASCII; surrounding blanks are ignored.
 */
#ifndef FRONTDESK_SEARCH_H
#define FRONTDESK_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/db.h"
#include "frontdesk/status.h"
#include "frontdesk/txn.h"

/* Results when search_households is given limit 0. */
#define SEARCH_DEFAULT_LIMIT 50

/* What made a household a hit. */
enum search_match {
	SEARCH_MATCH_NONE,    /* empty query: recently changed */
	SEARCH_MATCH_HH_NO,   /* its 户编号 */
	SEARCH_MATCH_ID,      /* a member's ID number (matched holds it) */
	SEARCH_MATCH_NAME,    /* a member's name (matched holds it) */
	SEARCH_MATCH_VILLAGE, /* its village's name (matched holds it) */
};

struct search_hit {
	int64_t household_id;
	char *hh_no;
	char *head_name;   /* "" when the household has no head (01) */
	char *head_id;     /* the head's ID number, whole (mask when drawing) */
	char *region;      /* village code */
	int members;
	enum search_match match;
	int64_t member_id; /* the member that matched, 0 for none */
	char *matched;     /* the member name, ID number (mask when drawing)
	                      or village name that matched, or "" */
};

struct search_result {
	struct search_hit *v;
	size_t n;
	bool more; /* there were more than the limit */
};

/* Households matching query ("" lists the most recently changed), at most
 * limit (0: SEARCH_DEFAULT_LIMIT), into *out (overwritten: free an earlier
 * result first; free this one with search_result_free, also after a
 * failure). Village names come from the regions codes_load loaded (none
 * loaded: no village matches). Reads only; every statement is prepared
 * and finalized within the call. */
enum fd_status
search_households(struct fd_db *db, const char *query, size_t limit,
		  struct search_result *out, struct fd_err *err);
void
search_result_free(struct search_result *r);

/* For a bulk load in transaction t: stop keeping the search indexes row
 * by row (FTS5 costs ~25 us per index per row inside a long transaction),
 * until search_bulk_end rebuilds them in one pass. Call both in the same
 * transaction, end before commit, so no other session sees the indexes
 * stale (the upkeep triggers are suspended meanwhile, txn_schema_suspend:
 * txn_commit refuses a transaction that did not end). Audited as an
 * update of search_state.deferred. */
enum fd_status
search_bulk_begin(struct fd_txn *t, struct fd_err *err);
enum fd_status
search_bulk_end(struct fd_txn *t, struct fd_err *err);

/* Register the SQL function the rebuild trigger uses (fd_search_chars,
 * 007_search_rebuild.sql) on a connection: search_bulk_begin does it on
 * frontdesk's; a plain connection must call it before it updates
 * search_state (the trigger is compiled with the UPDATE). Returns the
 * SQLite result code. */
int
search_sql_register(sqlite3 *sql);

/* Rebuild the search indexes from the tables in a transaction of its own
 * (a repair; a bulk load uses search_bulk_begin/end instead). */
enum fd_status
search_rebuild(struct fd_db *db, struct fd_err *err);

#endif
