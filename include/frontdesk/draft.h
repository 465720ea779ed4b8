/*
 * Drafts: unsaved form input kept so that a dropped SSH link or a killed
 * process loses nothing. A draft belongs to a login and a record ("new" for
 * a record not yet saved); it is written while the person types (each
 * change, when no more keys are waiting) and deleted when the record is
 * saved or the person drops the input on purpose. When the same login opens
 * that record (or a new one) again, the draft is offered back.
 *
 * Drafts live in the database's draft table, written through the door but
 * not audited (they are not data yet; the save that follows is).
 */
#ifndef FRONTDESK_DRAFT_H
#define FRONTDESK_DRAFT_H

#include "frontdesk/db.h"
#include "frontdesk/status.h"

/* Keep text (any serialisation, e.g. record_to_text) as the draft of
 * (session login, entity, key). */
enum fd_status
draft_put(struct fd_db *db, const char *entity, const char *key,
	  const char *text, struct fd_err *err);
/* The draft of (session login, entity, key) into *text (NULL if none) and
 * its time into *saved_at (may be NULL). Caller frees both. */
enum fd_status
draft_get(struct fd_db *db, const char *entity, const char *key, char **text,
	  char **saved_at, struct fd_err *err);
/* Forget the draft (no error if there is none). */
enum fd_status
draft_drop(struct fd_db *db, const char *entity, const char *key,
	   struct fd_err *err);

#endif
