/*
 * CSV as RFC 4180 says: fields separated by commas, quoted with double
 * quotes when they hold a comma, a quote (doubled) or a line break; lines
 * end in CRLF, LF or a lone CR. Input must be UTF-8 (a BOM is skipped);
 * anything else (GBK from Excel, UTF-16, a NUL byte) is refused with the
 * line where it was noticed and, for GBK, how to convert the file.
 *
 * Reading: empty physical lines are skipped (so a file ending in a blank
 * line gives no extra record); a line of commas is a record of empty
 * fields. A quote inside an unquoted field is taken literally (5'3"); text
 * after the closing quote of a quoted field is refused. Fields, records and
 * the number of fields are bounded (CSV_*_MAX) against hostile files.
 */
#ifndef FRONTDESK_CSV_H
#define FRONTDESK_CSV_H

#include <stdio.h>
#include <stddef.h>

#include "frontdesk/status.h"
#include "frontdesk/util.h"

#define CSV_FIELD_MAX  (64 * 1024)   /* bytes of one field */
#define CSV_RECORD_MAX (1024 * 1024) /* bytes of one record (all its lines) */
#define CSV_FIELDS_MAX 1024          /* fields of one record */

struct csv_reader;

/* Read CSV from the len bytes at data (not copied: keep it alive).
 * Caller frees with csv_close. */
struct csv_reader *
csv_open(const char *data, size_t len);
void
csv_close(struct csv_reader *r);
/* The next record: *fields points at n NUL-terminated strings owned by the
 * reader until the next call. Returns FD_OK, FD_E_NOTFOUND at the end,
 * FD_E_PARSE on malformed input (an unclosed quote, text after a closing
 * quote, invalid UTF-8, a NUL byte, a limit passed) with the loaded
 * catalog's CSV_LINE ("line N: ...") around CSV_GBK, CSV_UTF16,
 * CSV_NOT_UTF8, CSV_NUL, CSV_UNCLOSED, CSV_AFTER_QUOTE or CSV_TOO_LONG.
 * After FD_E_PARSE every further call returns the same error. */
enum fd_status
csv_next(struct csv_reader *r, char ***fields, size_t *n, struct fd_err *err);
/* The physical line where the last record started (1-based). */
int
csv_line(const struct csv_reader *r);
/* Bytes of the data read so far (for a progress bar). */
size_t
csv_offset(const struct csv_reader *r);

/* Append one record to sb, ending in CRLF. A field is quoted when it holds
 * a comma, a quote, CR or LF, starts or ends with a space or tab, or
 * starts with U+FEFF (which would pass for a BOM at the start of a file);
 * a record of one empty field is written "" so that it reads back. NULL
 * fields are written empty. */
void
csv_write_row(struct strbuf *sb, const char *const *fields, size_t n);

#endif
