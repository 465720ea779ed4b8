/*
 * The end-to-end harness: runs the real frontdesk binary ($FRONTDESK_BIN)
 * in a pseudo-terminal and reads its screen through an in-process libvterm.
 *
 * Each harness owns a fresh temp dir under /tmp that serves as HOME and
 * holds frontdesk.ini (a lone comment unless the test writes its own) and
 * frontdesk.db. The program runs as
 *
 *	$FRONTDESK_BIN --config DIR/frontdesk.ini --db DIR/frontdesk.db ARGS...
 *
 * at 80x24 with TERM=xterm, LANG=LC_ALL=C.UTF-8, FRONTDESK_CONFIG unset,
 * the temp dir as its working directory, default signal dispositions and
 * no descriptors but the terminal.
 * Sanitizer reports of the child go to DIR/sanitizer.* and fail the test.
 *
 * Every wait pumps the program's output into the emulator and counts a
 * condition as met only once the output has paused (30 ms) and it still
 * holds, so a screen caught halfway through a redraw does not count. A
 * wait that times out fails the test with what it waited for and the whole
 * screen, so a failure reads on its own. A timeout of 0 means the default
 * (5 s). Every timeout is multiplied by $FRONTDESK_E2E_SLOW when set (a
 * factor; 4 if it is not a number), else by 4 when this test binary was
 * itself built with AddressSanitizer (make asan builds both alike).
 *
 * The functions that can fail are macros over *_at functions that take the
 * caller's file and line, so a failure points at the test, not here.
 *
 * Use one harness per test and stop it in the suite's .fini, so a failed
 * assertion still kills the program and removes the temp dir:
 *
 *	static struct harness *h;
 *	static void teardown(void) { harness_stop(h); h = NULL; }
 *	TestSuite(shell, .fini = teardown);
 */
#ifndef FRONTDESK_E2E_HARNESS_H
#define FRONTDESK_E2E_HARNESS_H

#include <stdbool.h>
#include <sys/types.h>

#define HARNESS_ROWS 24
#define HARNESS_COLS 80

struct harness;

/* A harness with its temp dir and default config, no program yet. */
struct harness *harness_new_at(const char *file, int line);
#define harness_new() harness_new_at(__FILE__, __LINE__)

/* Writes DIR/name (replacing it), e.g. "frontdesk.ini" before the launch. */
void harness_write_file_at(const char *file, int line, struct harness *h,
                           const char *name, const char *text);
#define harness_write_file(h, name, text) \
	harness_write_file_at(__FILE__, __LINE__, (h), (name), (text))

/* Starts the program with the standard arguments plus extra_args (NULL or a
 * NULL-terminated list). A harness may launch again once the previous run
 * has been reaped: same dir and database, fresh 80x24 screen. */
void harness_launch_at(const char *file, int line, struct harness *h,
                       const char *const extra_args[]);
#define harness_launch(h, args) harness_launch_at(__FILE__, __LINE__, (h), (args))

/* harness_new + harness_launch. */
struct harness *harness_start_at(const char *file, int line,
                                 const char *const extra_args[]);
#define harness_start(args) harness_start_at(__FILE__, __LINE__, (args))

/* Writes raw bytes (UTF-8 text, control characters) to the program. */
void harness_send_at(const char *file, int line, struct harness *h,
                     const char *bytes);
#define harness_send(h, bytes) harness_send_at(__FILE__, __LINE__, (h), (bytes))

/* Sends one key by terminfo capability name for TERM=xterm ("kf1",
 * "khome", "kcub1", "kbs", "kcbt"...); fails the test if xterm lacks it. */
void harness_key_at(const char *file, int line, struct harness *h,
                    const char *capname);
#define harness_key(h, cap) harness_key_at(__FILE__, __LINE__, (h), (cap))

/* Reads the program's output for ms milliseconds (a short, bounded pause,
 * e.g. between Esc and a digit). Not scaled. */
void harness_pause(struct harness *h, int ms);

/* The effective timeout for ms (0 = default), after the slow factor. */
int harness_timeout(int ms);

/* Waits until the screen contains utf8. Fails the test on timeout or if
 * the program ends first; returns true otherwise. */
bool harness_wait_text_at(const char *file, int line, struct harness *h,
                          const char *utf8, int timeout_ms);
#define harness_wait_text(h, utf8, ms) \
	harness_wait_text_at(__FILE__, __LINE__, (h), (utf8), (ms))

/* Waits until the screen no longer contains utf8; fails the test if not. */
bool harness_wait_gone_at(const char *file, int line, struct harness *h,
                          const char *utf8, int timeout_ms);
#define harness_wait_gone(h, utf8, ms) \
	harness_wait_gone_at(__FILE__, __LINE__, (h), (utf8), (ms))

/* Waits until row `row` contains utf8 / no longer contains it, e.g. the
 * title on row 0 when the same word is also a key label; fails on timeout. */
bool harness_wait_row_at(const char *file, int line, struct harness *h,
                         int row, const char *utf8, int timeout_ms);
#define harness_wait_row(h, row, utf8, ms) \
	harness_wait_row_at(__FILE__, __LINE__, (h), (row), (utf8), (ms))
bool harness_wait_row_gone_at(const char *file, int line, struct harness *h,
                              int row, const char *utf8, int timeout_ms);
#define harness_wait_row_gone(h, row, utf8, ms) \
	harness_wait_row_gone_at(__FILE__, __LINE__, (h), (row), (utf8), (ms))

/* Waits until a whole row (trailing blanks trimmed) matches an fnmatch(3)
 * pattern, e.g. "*F2*保存*" for two texts on one row; returns that row.
 * Fails on timeout. Matching is bytewise: use '*', not '?', next to
 * Chinese text. */
int harness_wait_match_at(const char *file, int line, struct harness *h,
                          const char *pattern, int timeout_ms);
#define harness_wait_match(h, pattern, ms) \
	harness_wait_match_at(__FILE__, __LINE__, (h), (pattern), (ms))

/* The first row matching an fnmatch pattern now, or -1. */
int harness_find_match(struct harness *h, const char *pattern);

/* Waits until the cursor is at row, col (0-based; -1 matches any); fails
 * on timeout. */
bool harness_wait_cursor_at(const char *file, int line, struct harness *h,
                            int row, int col, int timeout_ms);
#define harness_wait_cursor(h, row, col, ms) \
	harness_wait_cursor_at(__FILE__, __LINE__, (h), (row), (col), (ms))

/* Whether the screen contains utf8 now (after reading pending output). */
bool harness_has_text(struct harness *h, const char *utf8);

/* Row `row` (0-based) as UTF-8, a wide character once, trailing blanks
 * trimmed. Caller frees. */
char *harness_row(struct harness *h, int row);

/* All rows joined with '\n', trailing blanks trimmed. Caller frees. */
char *harness_screen(struct harness *h);

/* The first row containing utf8, or -1. */
int harness_find_row(struct harness *h, const char *utf8);

/* The screen column where utf8 first starts on `row`, or -1; *end_col (if
 * not NULL) gets the column just after it, or -1. Columns count cells, so a
 * Chinese character is two. */
int harness_col(struct harness *h, int row, const char *utf8, int *end_col);

/* The cursor position, 0-based. */
void harness_cursor(struct harness *h, int *row, int *col);

/* Current emulator size. */
void harness_size(struct harness *h, int *rows, int *cols);

/* Resizes the terminal: the emulator and the pty (the kernel sends
 * SIGWINCH to the program). */
void harness_resize_at(const char *file, int line, struct harness *h,
                       int rows, int cols);
#define harness_resize(h, rows, cols) \
	harness_resize_at(__FILE__, __LINE__, (h), (rows), (cols))

/* Sends sig to the program. */
void harness_signal_at(const char *file, int line, struct harness *h, int sig);
#define harness_signal(h, sig) harness_signal_at(__FILE__, __LINE__, (h), (sig))

/* Waits for the program to end and reaps it; *status (if not NULL) gets
 * the waitpid status. Fails the test on timeout, or if a sanitizer
 * reported an error. */
bool harness_wait_exit_at(const char *file, int line, struct harness *h,
                          int timeout_ms, int *status);
#define harness_wait_exit(h, ms, status) \
	harness_wait_exit_at(__FILE__, __LINE__, (h), (ms), (status))

/* Whether the program's process group is empty (after the program was
 * reaped), waiting up to timeout_ms for stragglers. Does not fail. */
bool harness_group_gone(struct harness *h, int timeout_ms);

/* Closes the master side, as a dropped SSH link would: the kernel hangs
 * up the terminal and sends SIGHUP. The screen stays readable. */
void harness_hangup(struct harness *h);

/* Ends the program if still running (SIGTERM, then SIGKILL to its process
 * group after a grace period), reaps it, removes the temp dir, frees h.
 * NULL is a no-op. */
void harness_stop(struct harness *h);

/* The temp dir (HOME), the config and the database paths. */
const char *harness_dir(struct harness *h);
const char *harness_config_path(struct harness *h);
const char *harness_db_path(struct harness *h);

/* The program's process id (also its process group and session id). */
pid_t harness_pid(struct harness *h);

/* Everything the program wrote in this run, raw and NUL-terminated. */
const char *harness_output(struct harness *h);

/* Whether the program switched to the alternate screen in this run
 * (ncurses does on initscr with TERM=xterm). */
bool harness_altscreen_used(struct harness *h);

/* Whether the alternate screen is in use now: false again once the
 * program restored the terminal (endwin). */
bool harness_altscreen_active(struct harness *h);

/* Fails the test with a printf message, the program's state and the whole
 * screen, as the waits do. Does not return. */
void harness_fail_at(const char *file, int line, struct harness *h,
                     const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));
#define harness_fail(h, ...) harness_fail_at(__FILE__, __LINE__, (h), __VA_ARGS__)

/* A readable description of a waitpid status ("exit 1", "signal 9").
 * Returns a static buffer. */
const char *harness_status_str(int status);

#endif
