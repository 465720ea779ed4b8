/*
 * UTF-8 text measured in terminal columns.
 *
 * Layout is in columns, never bytes. Widths come from wcwidth(3), so the
 * program must have called setlocale() with a UTF-8 locale first.
 *
 * One model of "printable" is shared by every function here and by the
 * field editor: a code point is printable when wcwidth() gives 1 or 2.
 * Everything else (C0 controls including TAB and ESC, DEL, C1 controls,
 * combining and zero-width characters such as U+200B or the bidi override
 * U+202E, unassigned code points) and every invalid byte is drawn as
 * U+FFFD, one column wide. So utf8_width(s) == utf8_width(utf8_sanitize(s))
 * and both are the columns the sanitized text really takes on screen.
 */
#ifndef FRONTDESK_UTF8_H
#define FRONTDESK_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#define UTF8_REPLACEMENT 0xFFFDu
/* Longest UTF-8 sequence in bytes. */
#define UTF8_MAX_BYTES 4
/* A buffer of this size always holds utf8_pad() output for cols columns
 * (U+FFFD takes 3 bytes for 1 column; nothing takes more per column). */
#define UTF8_PAD_SIZE(cols) ((size_t)(cols) * 3 + 1)

/* Decode one code point from the len bytes at s (len >= 1). Returns the
 * length of a valid sequence (1..4) and stores the code point in *cp.
 * Returns -1 for an invalid sequence (stray continuation byte, bad lead
 * byte, truncated sequence, overlong form, surrogate, > U+10FFFF) and
 * stores U+FFFD: the caller skips one byte and goes on. Returns 0 only
 * when len is 0. A NUL byte decodes as U+0000. */
int
utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode cp into buf; returns the bytes written (1..4). A surrogate or a
 * value above U+10FFFF is encoded as U+FFFD. */
size_t
utf8_encode(uint32_t cp, char buf[UTF8_MAX_BYTES]);

/* True when the len bytes at s are valid UTF-8 (NUL bytes included). */
bool
utf8_valid(const char *s, size_t len);

/* Offset of the first byte of the len bytes at s that does not start a
 * valid sequence, or len when they are all valid UTF-8. */
size_t
utf8_invalid_at(const char *s, size_t len);

/* True when cp is drawn as itself: wcwidth() is 1 or 2. */
bool
utf8_printable(uint32_t cp);

/* Columns cp takes once drawn: wcwidth() for a printable code point,
 * 1 (the width of U+FFFD) for anything else. */
int
utf8_cp_width(uint32_t cp);

/* Columns of the NUL-terminated string s (NULL counts as ""). */
int
utf8_width(const char *s);

/* Bytes of s that fit in cols columns without splitting a character; a
 * double-width character that would straddle the edge is left out.
 * An invalid byte counts as one byte of one column. */
size_t
utf8_fit(const char *s, int cols);

/* One line of s wrapped at cols columns: returns the bytes of the line
 * (at least one character, even a wider one, so wrapping always moves on;
 * 0 only at the end of s) and sets *next to where the next line starts
 * (the blanks at the break and a newline skipped). A newline ends a line.
 * A line breaks after a space or between characters that are not both
 * ASCII letters, digits or punctuation, so a Chinese sentence breaks
 * anywhere and an English word is kept whole unless it is longer than a
 * line. Trailing blanks are not counted in the returned length. */
size_t
utf8_wrap_line(const char *s, int cols, size_t *next);

/* Write s, sanitized as utf8_sanitize() does, cut to cols columns and
 * padded with spaces to exactly cols columns, into dst (dstsize bytes,
 * always NUL-terminated when dstsize > 0). A wide character dropped at
 * the edge leaves a space. Returns the columns written: cols whenever
 * dstsize >= UTF8_PAD_SIZE(cols), fewer if dst was too small. */
int
utf8_pad(char *dst, size_t dstsize, const char *s, int cols);

/* A copy of s in which every non-printable character and every invalid
 * byte is replaced by U+FFFD. Pass everything that came from data through
 * this before drawing it. NULL gives "". Caller frees. */
char *
utf8_sanitize(const char *s);

/* utf8_sanitize() of the len bytes at s, which may hold NUL bytes (each
 * becomes U+FFFD). Caller frees. */
char *
utf8_sanitize_n(const char *s, size_t len);

/* Convert UTF-8 to a NUL-terminated wide string; *nchars (may be NULL)
 * gets the number of characters. Returns NULL if s is not valid UTF-8.
 * Caller frees. */
wchar_t *
utf8_to_wcs(const char *s, size_t *nchars);

/* Convert n wide characters to a NUL-terminated UTF-8 string; a value
 * that is not a Unicode scalar value becomes U+FFFD. Caller frees. */
char *
utf8_from_wcs(const wchar_t *ws, size_t n);

#endif
