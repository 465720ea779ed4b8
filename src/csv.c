/*
 * CSV reader and writer (RFC 4180), for the import and export of
 * households.
 *
 * Design
 * - The reader walks the caller's buffer once, copying each record's
 *   fields into one growable buffer (each field NUL-terminated) and
 *   pointing the fields array into it once the record is complete, so a
 *   record costs no allocation after the first few.
 * - Bytes are validated as they are copied: every byte of a field is
 *   either ASCII (NUL refused) or part of a valid UTF-8 sequence. Quotes,
 *   commas and line ends are ASCII, so a file whose records all read is
 *   valid UTF-8 in every field. At the first invalid byte the message says
 *   what the file probably is (GBK/GB18030, UTF-16) and how to convert it.
 * - Physical lines are counted as the reader goes (CRLF, LF and a lone CR
 *   each end one line, inside quotes too), so messages name the line a
 *   person sees in an editor.
 * - Limits (CSV_FIELD_MAX, CSV_RECORD_MAX, CSV_FIELDS_MAX) bound the memory
 *   a hostile file can make the reader take.
 * - Messages are the CSV_* texts of the loaded catalog (tr/trf), each
 *   "line N: reason" (CSV_LINE) with {1} the number of the field being
 *   read: a field too long, a quote running on, a record too long and too
 *   many fields share CSV_TOO_LONG.
 *
 * Invariants
 * - r->pos <= r->len; r->line is the physical line of r->pos.
 * - After an error the reader is stuck on it (r->failed, r->fail_msg).
 * - csv_write_row output read back by csv_next gives the same fields, for
 *   any fields of valid UTF-8 without NUL (tests/fuzz/fuzz_csv.c checks it).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/csv.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

struct csv_reader {
	const char *data;
	size_t len;
	size_t pos;
	int line;          /* physical line at pos, 1-based */
	int rec_line;      /* line where the last record started */
	bool utf16;        /* the data starts with a UTF-16 byte-order mark */
	struct strbuf buf; /* the record's fields, each NUL-terminated */
	size_t *starts;    /* offset of each field in buf */
	char **fields;     /* pointers into buf, handed to the caller */
	size_t nfields;
	size_t cap;      /* of starts and fields */
	size_t field_at; /* offset in buf of the field being read */
	bool failed;
	struct fd_err fail;
};

/* Stick the reader on the error id (its text with {1} = field, {2} = arg)
 * at line, wrapped in CSV_LINE; fill err and return FD_E_PARSE. */
static enum fd_status
csv_fail_field(struct csv_reader *r, int line, enum fd_msg id, size_t field,
               const char *arg, struct fd_err *err)
{
	char nline[16], nfield[24];
	char *body, *whole;

	snprintf(nline, sizeof(nline), "%d", line);
	snprintf(nfield, sizeof(nfield), "%zu", field);
	body = trf(id, nfield, arg);
	whole = trf(MSG_CSV_LINE, nline, body);
	fd_strlcpy(r->fail.msg, whole, sizeof(r->fail.msg));
	free(whole);
	free(body);
	r->failed = true;
	if (err)
		*err = r->fail;
	return FD_E_PARSE;
}

/* csv_fail_field for the field being read (the last one started). */
static enum fd_status
csv_fail(struct csv_reader *r, int line, enum fd_msg id, const char *arg,
         struct fd_err *err)
{
	return csv_fail_field(r, line, id, r->nfields, arg, err);
}

/* True when the bytes at s (n of them) look like a GBK/GB18030 character:
 * a lead byte 0x81-0xFE then 0x40-0xFE (not 0x7F) or a GB18030 digit. */
static bool
csv_looks_gbk(const unsigned char *s, size_t n)
{
	if (n < 2 || s[0] < 0x81 || s[0] > 0xFE)
		return false;
	if (s[1] >= 0x30 && s[1] <= 0x39)
		return true;
	return s[1] >= 0x40 && s[1] <= 0xFE && s[1] != 0x7F;
}

/* Refuse the byte at data[at], which is not valid UTF-8 (or is NUL). */
static enum fd_status
csv_fail_bytes(struct csv_reader *r, size_t at, struct fd_err *err)
{
	const unsigned char *s = (const unsigned char *)r->data + at;
	char hex[8];

	if (r->utf16)
		return csv_fail(r, r->line, MSG_CSV_UTF16, NULL, err);
	if (*s == 0)
		return csv_fail(r, r->line, MSG_CSV_NUL, NULL, err);
	if (csv_looks_gbk(s, r->len - at))
		return csv_fail(r, r->line, MSG_CSV_GBK, NULL, err);
	snprintf(hex, sizeof(hex), "0x%02X", *s);
	return csv_fail(r, r->line, MSG_CSV_NOT_UTF8, hex, err);
}

/* Copy data[pos..end) (no line breaks in it) into the current field,
 * checking the bytes and the limits, and move pos to end. quote_line is
 * the line of the field's opening quote (0 for an unquoted field), named
 * when the field grows past its limit. */
static enum fd_status
csv_take(struct csv_reader *r, size_t end, int quote_line, struct fd_err *err)
{
	size_t i = r->pos;
	uint32_t cp;
	int k;

	while (i < end) {
		unsigned char c = (unsigned char)r->data[i];

		if (c == 0)
			return csv_fail_bytes(r, i, err);
		if (c < 0x80) {
			i++;
			continue;
		}
		k = utf8_decode(r->data + i, end - i, &cp);
		if (k < 0)
			return csv_fail_bytes(r, i, err);
		i += (size_t)k;
	}
	/* A field running on from a quote is named where the quote opened. */
	if (r->buf.len - r->field_at + (end - r->pos) > CSV_FIELD_MAX)
		return csv_fail(r, quote_line > 0 ? quote_line : r->line,
		                MSG_CSV_TOO_LONG, NULL, err);
	if (r->buf.len + (end - r->pos) > CSV_RECORD_MAX)
		return csv_fail(r, r->rec_line, MSG_CSV_TOO_LONG, NULL, err);
	strbuf_add(&r->buf, r->data + r->pos, end - r->pos);
	r->pos = end;
	return FD_OK;
}

/* Start a new field in the record. */
static enum fd_status
csv_field_start(struct csv_reader *r, struct fd_err *err)
{
	if (r->nfields >= CSV_FIELDS_MAX)
		return csv_fail_field(r, r->rec_line, MSG_CSV_TOO_LONG,
		                      r->nfields + 1, NULL, err);
	if (r->nfields == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->starts = xrealloc(r->starts, r->cap * sizeof(*r->starts));
		r->fields = xrealloc(r->fields, r->cap * sizeof(*r->fields));
	}
	r->field_at = r->buf.len;
	r->starts[r->nfields++] = r->buf.len;
	return FD_OK;
}

/* End the current field (NUL-terminate it in buf). */
static void
csv_field_end(struct csv_reader *r)
{
	strbuf_add(&r->buf, "", 1);
}

/* If data[pos] ends a line (CRLF, LF or CR), step over it and count it;
 * when keep, the line break is copied into the field. True if it did. */
static bool
csv_line_end(struct csv_reader *r, bool keep)
{
	size_t n;

	if (r->pos >= r->len)
		return false;
	if (r->data[r->pos] == '\n')
		n = 1;
	else if (r->data[r->pos] == '\r')
		n = r->pos + 1 < r->len && r->data[r->pos + 1] == '\n' ? 2 : 1;
	else
		return false;
	if (keep)
		strbuf_add(&r->buf, r->data + r->pos, n);
	r->pos += n;
	r->line++;
	return true;
}

/* Read the quoted field at pos (on its opening quote) into the record. */
static enum fd_status
csv_read_quoted(struct csv_reader *r, struct fd_err *err)
{
	int open_line = r->line;
	enum fd_status st;
	size_t end;

	r->pos++;
	for (;;) {
		end = r->pos;
		while (end < r->len && r->data[end] != '"' &&
		       r->data[end] != '\r' && r->data[end] != '\n')
			end++;
		st = csv_take(r, end, open_line, err);
		if (st != FD_OK)
			return st;
		if (r->pos >= r->len)
			return csv_fail(r, open_line, MSG_CSV_UNCLOSED, NULL,
			                err);
		if (csv_line_end(r, true)) {
			/* Nothing more to copy: only the limits are checked. */
			st = csv_take(r, r->pos, open_line, err);
			if (st != FD_OK)
				return st;
			continue;
		}
		/* A quote: doubled is one quote, alone it closes the field. */
		if (r->pos + 1 < r->len && r->data[r->pos + 1] == '"') {
			r->pos++;
			st = csv_take(r, r->pos + 1, open_line, err);
			if (st != FD_OK)
				return st;
			continue;
		}
		r->pos++;
		break;
	}
	if (r->pos < r->len && r->data[r->pos] != ',' &&
	    r->data[r->pos] != '\r' && r->data[r->pos] != '\n')
		return csv_fail(r, r->line, MSG_CSV_AFTER_QUOTE, NULL, err);
	return FD_OK;
}

/* Read the fields of one record, from pos at its first byte. */
static enum fd_status
csv_read_record(struct csv_reader *r, struct fd_err *err)
{
	enum fd_status st;
	size_t end;

	for (;;) {
		st = csv_field_start(r, err);
		if (st != FD_OK)
			return st;
		if (r->pos < r->len && r->data[r->pos] == '"') {
			st = csv_read_quoted(r, err);
		} else {
			end = r->pos;
			while (end < r->len && r->data[end] != ',' &&
			       r->data[end] != '\r' && r->data[end] != '\n')
				end++;
			st = csv_take(r, end, 0, err);
		}
		if (st != FD_OK)
			return st;
		csv_field_end(r);
		if (r->pos < r->len && r->data[r->pos] == ',') {
			r->pos++;
			continue;
		}
		csv_line_end(r, false);
		return FD_OK;
	}
}

struct csv_reader *
csv_open(const char *data, size_t len)
{
	struct csv_reader *r = xcalloc(1, sizeof(*r));

	r->data = data;
	r->len = len;
	r->line = 1;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
	else if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 ||
	                      memcmp(data, "\xFE\xFF", 2) == 0))
		r->utf16 = true;
	return r;
}

void
csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	strbuf_free(&r->buf);
	free(r->starts);
	free(r->fields);
	free(r);
}

/* Skip empty lines, read one record, point the fields into it. */
enum fd_status
csv_next(struct csv_reader *r, char ***fields, size_t *n, struct fd_err *err)
{
	enum fd_status st;

	*fields = NULL;
	*n = 0;
	if (r->failed) {
		if (err)
			*err = r->fail;
		return FD_E_PARSE;
	}
	if (r->utf16)
		return csv_fail_bytes(r, 0, err);
	while (csv_line_end(r, false))
		;
	if (r->pos >= r->len)
		return FD_E_NOTFOUND;
	r->rec_line = r->line;
	r->buf.len = 0;
	r->nfields = 0;
	st = csv_read_record(r, err);
	if (st != FD_OK)
		return st;
	for (size_t i = 0; i < r->nfields; i++)
		r->fields[i] = r->buf.buf + r->starts[i];
	*fields = r->fields;
	*n = r->nfields;
	return FD_OK;
}

int
csv_line(const struct csv_reader *r)
{
	return r->rec_line;
}

/* Bytes of the data read so far. */
size_t
csv_offset(const struct csv_reader *r)
{
	return r->pos;
}

/* True when field s must be quoted to read back as itself. */
static bool
csv_needs_quotes(const char *s)
{
	size_t n = strlen(s);

	if (n == 0)
		return false;
	if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
		return true;
	/* A leading U+FEFF at the start of a file would be taken for a BOM. */
	if (strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		return true;
	return strpbrk(s, ",\"\r\n") != NULL;
}

void
csv_write_row(struct strbuf *sb, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = fields[i] ? fields[i] : "";

		if (i > 0)
			strbuf_add(sb, ",", 1);
		if (n == 1 && *s == '\0') {
			strbuf_adds(sb, "\"\"");
			continue;
		}
		if (!csv_needs_quotes(s)) {
			strbuf_adds(sb, s);
			continue;
		}
		strbuf_add(sb, "\"", 1);
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				strbuf_add(sb, "\"", 1);
			strbuf_add(sb, p, 1);
		}
		strbuf_add(sb, "\"", 1);
	}
	strbuf_add(sb, "\r\n", 2);
}
