/*
 * The end-to-end harness (see harness.h): forkpty + libvterm.
 *
 * Design:
 * - The master side of the pty is non-blocking. Every wait polls it with a
 *   bounded timeout and feeds what arrives to libvterm (and to a transcript
 *   of the raw output); nothing sleeps blindly. Writes to the program also
 *   read while they wait, so neither side can fill the pty and block.
 * - libvterm's own output (answers to DA, DSR...) goes back to the master,
 *   as a terminal's would.
 * - A screen row is built cell by cell: a wide character is written once and
 *   its second column skipped, so "张三丰ac" is found with strstr. Each byte
 *   remembers the column of its cell, which maps a match back to columns.
 * - The child gets a clean slate before execve: default signal dispositions,
 *   an empty signal mask, no inherited descriptors beyond 0-2, cwd = the temp
 *   dir, and an environment built in the parent (so the child only calls
 *   async-signal-safe functions).
 * - Sanitizer reports go to files in the temp dir (log_path), because after a
 *   hangup nothing the child writes reaches the pty. A report fails the test
 *   when the exit is waited for and again when the harness stops (there by
 *   a crash, because an assertion in a suite's .fini does not fail a test).
 * - Failures go through harness_die, which reports the caller's file and
 *   line (the *_at functions) with the message and the whole screen, and
 *   aborts the test; its buffers are static, so nothing leaks on the jump.
 */
#define _GNU_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/event.h>
#include <criterion/stats.h>
#include <vterm.h>

#include "harness.h"

/* Last: term.h defines macros for every capability name (bell, lines...). */
#include <curses.h>
#include <term.h>

#define HARNESS_DEFAULT_MS 5000
#define HARNESS_GRACE_MS 1000
#define HARNESS_SETTLE_MS 30
#define HARNESS_REPORT_MAX 6000

struct harness {
	char dir[64];
	char config_path[96];
	char db_path[96];
	char sanitizer_path[96];
	pid_t pid;    /* 0 before the first launch */
	bool running; /* launched and not yet reaped */
	int status;   /* waitpid status once reaped */
	int master;   /* -1 when closed */
	bool eof;     /* the slave side is closed: no more output */
	VTerm *vt;
	VTermScreen *screen;
	bool altscreen;        /* the alternate screen was used in this run */
	bool altscreen_active; /* ...and is in use now */
	char *out; /* transcript of this run, NUL-terminated */
	size_t out_len;
	size_t out_cap;
};

/* One screen row as UTF-8, with the column of each byte's cell. */
struct harness_line {
	char *text;
	size_t len;
	int *col;  /* col[i]: column of the cell byte i belongs to */
	int *next; /* next[i]: the column after that cell */
};

static const char *harness_file = "?";
static int harness_line_no;
static bool harness_stopping; /* in harness_stop, maybe in a .fini */

/* Remembers the caller's location for harness_die. */
static void
harness_here(const char *file, int line)
{
	harness_file = file;
	harness_line_no = line;
}

/* Milliseconds on the monotonic clock. */
static long long
harness_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The factor all timeouts are multiplied by. */
static int
harness_slow_factor(void)
{
	const char *s = getenv("FRONTDESK_E2E_SLOW");
	int factor = 1;
	char *end;
	long v;

#if defined(__SANITIZE_ADDRESS__)
	factor = 4;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	factor = 4;
#endif
#endif
	if (s && *s) {
		v = strtol(s, &end, 10);
		factor = (*end == '\0' && v >= 1 && v <= 100) ? (int)v : 4;
	}
	return factor;
}

int
harness_timeout(int ms)
{
	return (ms > 0 ? ms : HARNESS_DEFAULT_MS) * harness_slow_factor();
}

const char *
harness_status_str(int status)
{
	static char buf[64];

	if (WIFEXITED(status))
		snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, sizeof buf, "killed by signal %d (%s)",
		         WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(buf, sizeof buf, "status 0x%x", (unsigned)status);
	return buf;
}

/* Appends the contents of the sanitizer logs of this harness to buf (at
 * most cap bytes in all). Returns whether there was any. */
static bool
harness_sanitizer_report(struct harness *h, char *buf, size_t cap)
{
	DIR *d;
	struct dirent *e;
	char path[PATH_MAX];
	size_t len = strlen(buf);
	bool any = false;
	FILE *f;
	size_t n;

	if (!h->dir[0] || !(d = opendir(h->dir)))
		return false;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "sanitizer.", 10) != 0)
			continue;
		any = true;
		snprintf(path, sizeof path, "%s/%s", h->dir, e->d_name);
		if (len + 1 >= cap || !(f = fopen(path, "r")))
			continue;
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
		buf[len] = '\0';
		fclose(f);
	}
	closedir(d);
	return any;
}

static void harness_line_build(struct harness *h, int row,
                               struct harness_line *ln);
static void harness_line_free(struct harness_line *ln);
static bool harness_pump(struct harness *h, int timeout_ms);
static void harness_rtrim(char *s);

/* Fails the test at the caller's location with the message, the program's
 * state and the whole screen. Does not return. */
static void
harness_die(struct harness *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

static void
harness_die(struct harness *h, const char *fmt, ...)
{
	static char msg[16384];
	static char report[HARNESS_REPORT_MAX];
	struct criterion_assert_stats st;
	struct harness_line ln;
	va_list ap;
	size_t len;
	int nrows, ncols, r;
	VTermPos pos;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	len = strlen(msg);
	if (h) {
		if (h->pid == 0)
			snprintf(msg + len, sizeof msg - len, "\nprogram: not started");
		else if (h->running)
			snprintf(msg + len, sizeof msg - len, "\nprogram: running (pid %d)",
			         (int)h->pid);
		else
			snprintf(msg + len, sizeof msg - len, "\nprogram: ended, %s",
			         harness_status_str(h->status));
		len = strlen(msg);
		if (h->vt) {
			vterm_state_get_cursorpos(vterm_obtain_state(h->vt), &pos);
			vterm_get_size(h->vt, &nrows, &ncols);
			snprintf(msg + len, sizeof msg - len,
			         "\n--- screen %dx%d, cursor at row %d col %d ---",
			         ncols, nrows, pos.row, pos.col);
			len = strlen(msg);
			for (r = 0; r < nrows; r++) {
				harness_line_build(h, r, &ln);
				harness_rtrim(ln.text);
				snprintf(msg + len, sizeof msg - len, "\n%2d|%s", r, ln.text);
				harness_line_free(&ln);
				len = strlen(msg);
			}
			snprintf(msg + len, sizeof msg - len, "\n--- end of screen ---");
			len = strlen(msg);
		}
		report[0] = '\0';
		if (harness_sanitizer_report(h, report, sizeof report))
			snprintf(msg + len, sizeof msg - len,
			         "\n--- sanitizer report ---\n%s", report);
	}
	memset(&st, 0, sizeof st);
	st.message = msg;
	st.passed = false;
	st.file = harness_file;
	st.line = (unsigned)harness_line_no;
	criterion_send_assert(&st);
	/* In a suite's .fini Criterion prints an assertion but still counts the
	 * test as passed; only a crash there fails the run. */
	if (harness_stopping)
		abort();
	criterion_abort_test();
}

void
harness_fail_at(const char *file, int line, struct harness *h,
                const char *fmt, ...)
{
	static char msg[2048];
	va_list ap;

	harness_here(file, line);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (h)
		harness_pump(h, 0);
	harness_die(h, "%s", msg);
}

/* A printf into a fresh string. Caller frees. */
static char *
harness_strdupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
harness_strdupf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	return s;
}

/* Appends output bytes to the transcript. */
static void
harness_record(struct harness *h, const char *buf, size_t n)
{
	char *p;

	if (h->out_len + n + 1 > h->out_cap) {
		h->out_cap = (h->out_len + n + 1) * 2;
		p = realloc(h->out, h->out_cap);
		if (!p)
			abort();
		h->out = p;
	}
	memcpy(h->out + h->out_len, buf, n);
	h->out_len += n;
	h->out[h->out_len] = '\0';
}

/* libvterm's answers to the program's queries go back to the program. */
static void
harness_on_output(const char *s, size_t len, void *user)
{
	struct harness *h = user;
	struct pollfd pfd;
	ssize_t w;

	while (len > 0 && h->master >= 0) {
		w = write(h->master, s, len);
		if (w > 0) {
			s += w;
			len -= (size_t)w;
		} else if (w < 0 && errno == EAGAIN) {
			pfd.fd = h->master;
			pfd.events = POLLOUT;
			if (poll(&pfd, 1, 1000) <= 0)
				return;
		} else if (!(w < 0 && errno == EINTR)) {
			return;
		}
	}
}

/* Notes the switch to and from the alternate screen. */
static int
harness_on_termprop(VTermProp prop, VTermValue *val, void *user)
{
	struct harness *h = user;

	if (prop == VTERM_PROP_ALTSCREEN) {
		h->altscreen_active = val->boolean;
		if (val->boolean)
			h->altscreen = true;
	}
	return 1;
}

static const VTermScreenCallbacks harness_screen_callbacks = {
	.settermprop = harness_on_termprop,
};

/* Reads what the program wrote, waiting up to timeout_ms for the first
 * bytes, and feeds it to the emulator. Returns whether anything came. */
static bool
harness_pump(struct harness *h, int timeout_ms)
{
	char buf[8192];
	struct pollfd pfd;
	bool got = false;
	ssize_t n;

	if (h->master < 0 || h->eof) {
		if (timeout_ms > 0)
			poll(NULL, 0, timeout_ms);
		return false;
	}
	pfd.fd = h->master;
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, timeout_ms) <= 0)
		return false;
	for (;;) {
		n = read(h->master, buf, sizeof buf);
		if (n > 0) {
			harness_record(h, buf, (size_t)n);
			vterm_input_write(h->vt, buf, (size_t)n);
			got = true;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && errno == EAGAIN) {
			break;
		} else {
			/* 0 or EIO: every slave descriptor is closed. */
			h->eof = true;
			break;
		}
	}
	return got;
}

/* Reaps the program if it has ended. Returns whether it is still running. */
static bool
harness_poll_child(struct harness *h)
{
	int st;
	pid_t r;

	if (!h->running)
		return false;
	do
		r = waitpid(h->pid, &st, WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == h->pid || (r < 0 && errno == ECHILD)) {
		h->running = false;
		h->status = r == h->pid ? st : 0;
		harness_pump(h, 0);
	}
	return h->running;
}

void
harness_pause(struct harness *h, int ms)
{
	long long deadline = harness_now() + ms;
	long long left;

	while ((left = deadline - harness_now()) > 0)
		harness_pump(h, (int)left);
}

/* Builds one row of the screen. Free with harness_line_free. */
static void
harness_line_build(struct harness *h, int row, struct harness_line *ln)
{
	int nrows, ncols, c, k, w;
	size_t cap, i, start;
	VTermScreenCell cell;
	VTermPos pos;
	uint32_t cp;
	unsigned char *p;

	vterm_get_size(h->vt, &nrows, &ncols);
	cap = (size_t)ncols * VTERM_MAX_CHARS_PER_CELL * 4 + 1;
	ln->text = malloc(cap);
	ln->col = malloc(cap * sizeof(int));
	ln->next = malloc(cap * sizeof(int));
	if (!ln->text || !ln->col || !ln->next)
		abort();
	ln->len = 0;
	for (c = 0; row >= 0 && row < nrows && c < ncols; c += w) {
		pos.row = row;
		pos.col = c;
		memset(&cell, 0, sizeof cell);
		vterm_screen_get_cell(h->screen, pos, &cell);
		w = cell.width >= 1 ? cell.width : 1;
		start = ln->len;
		p = (unsigned char *)ln->text;
		if (cell.chars[0] == 0)
			p[ln->len++] = ' ';
		for (k = 0; k < VTERM_MAX_CHARS_PER_CELL && cell.chars[k]; k++) {
			cp = cell.chars[k];
			if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
				cp = 0xFFFD;
			if (cp < 0x80) {
				p[ln->len++] = (unsigned char)cp;
			} else if (cp < 0x800) {
				p[ln->len++] = (unsigned char)(0xC0 | cp >> 6);
				p[ln->len++] = (unsigned char)(0x80 | (cp & 0x3F));
			} else if (cp < 0x10000) {
				p[ln->len++] = (unsigned char)(0xE0 | cp >> 12);
				p[ln->len++] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
				p[ln->len++] = (unsigned char)(0x80 | (cp & 0x3F));
			} else {
				p[ln->len++] = (unsigned char)(0xF0 | cp >> 18);
				p[ln->len++] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
				p[ln->len++] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
				p[ln->len++] = (unsigned char)(0x80 | (cp & 0x3F));
			}
		}
		for (i = start; i < ln->len; i++) {
			ln->col[i] = c;
			ln->next[i] = c + w;
		}
	}
	ln->text[ln->len] = '\0';
}

static void
harness_line_free(struct harness_line *ln)
{
	free(ln->text);
	free(ln->col);
	free(ln->next);
}

/* Removes trailing blanks in place. */
static void
harness_rtrim(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
}

char *
harness_row(struct harness *h, int row)
{
	struct harness_line ln;

	harness_pump(h, 0);
	harness_line_build(h, row, &ln);
	free(ln.col);
	free(ln.next);
	harness_rtrim(ln.text);
	return ln.text;
}

/* The screen as text, without reading more output; NULL without one. */
static char *
harness_screen_or_null(struct harness *h)
{
	struct harness_line ln;
	int nrows, ncols, r;
	char *s, *p;
	size_t len = 0, cap;

	if (!h || !h->vt)
		return NULL;
	vterm_get_size(h->vt, &nrows, &ncols);
	cap = (size_t)nrows * ((size_t)ncols * VTERM_MAX_CHARS_PER_CELL * 4 + 1) + 1;
	s = malloc(cap);
	if (!s)
		abort();
	s[0] = '\0';
	for (r = 0; r < nrows; r++) {
		harness_line_build(h, r, &ln);
		harness_rtrim(ln.text);
		p = s + len;
		len += (size_t)sprintf(p, "%s%s", r ? "\n" : "", ln.text);
		harness_line_free(&ln);
	}
	return s;
}

char *
harness_screen(struct harness *h)
{
	char *s;

	harness_pump(h, 0);
	s = harness_screen_or_null(h);
	if (!s && !(s = strdup("")))
		abort();
	return s;
}

/* Whether the screen shows utf8, without reading more output. */
static bool
harness_shows(struct harness *h, const char *utf8)
{
	char *s = harness_screen_or_null(h);
	bool found = s && strstr(s, utf8);

	free(s);
	return found;
}

bool
harness_has_text(struct harness *h, const char *utf8)
{
	harness_pump(h, 0);
	return harness_shows(h, utf8);
}

int
harness_find_row(struct harness *h, const char *utf8)
{
	int nrows, ncols, r, found = -1;
	char *s;

	harness_pump(h, 0);
	vterm_get_size(h->vt, &nrows, &ncols);
	for (r = 0; r < nrows && found < 0; r++) {
		s = harness_row(h, r);
		if (strstr(s, utf8))
			found = r;
		free(s);
	}
	return found;
}

int
harness_col(struct harness *h, int row, const char *utf8, int *end_col)
{
	struct harness_line ln;
	const char *m;
	size_t off, n = strlen(utf8);
	int col = -1;

	harness_pump(h, 0);
	harness_line_build(h, row, &ln);
	m = n ? strstr(ln.text, utf8) : NULL;
	if (end_col)
		*end_col = -1;
	if (m) {
		off = (size_t)(m - ln.text);
		col = ln.col[off];
		if (end_col)
			*end_col = ln.next[off + n - 1];
	}
	harness_line_free(&ln);
	return col;
}

void
harness_cursor(struct harness *h, int *row, int *col)
{
	VTermPos pos;

	harness_pump(h, 0);
	vterm_state_get_cursorpos(vterm_obtain_state(h->vt), &pos);
	*row = pos.row;
	*col = pos.col;
}

void
harness_size(struct harness *h, int *rows, int *cols)
{
	vterm_get_size(h->vt, rows, cols);
}

/* Writes a file, failing the test on error. */
static void
harness_put_file(struct harness *h, const char *name, const char *text)
{
	char path[PATH_MAX];
	size_t len = strlen(text);
	ssize_t w;
	int fd;

	snprintf(path, sizeof path, "%s/%s", h->dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		harness_die(h, "cannot create %s: %s", path, strerror(errno));
	while (len > 0) {
		w = write(fd, text, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			harness_die(h, "cannot write %s: %s", path, strerror(errno));
		}
		text += w;
		len -= (size_t)w;
	}
	close(fd);
}

/* The absolute path of $FRONTDESK_BIN into bin; fails the test if it is
 * not set or not executable. */
static void
harness_find_bin(struct harness *h, char bin[PATH_MAX])
{
	const char *env_bin = getenv("FRONTDESK_BIN");

	if (!env_bin || !*env_bin)
		harness_die(h, "FRONTDESK_BIN is not set: run the end-to-end tests "
		                "through make test (or set it to the frontdesk binary)");
	if (!realpath(env_bin, bin) || access(bin, X_OK) != 0)
		harness_die(h, "FRONTDESK_BIN=%s is not an executable file", env_bin);
}

struct harness *
harness_new_at(const char *file, int line)
{
	char bin[PATH_MAX];
	struct harness *h;

	harness_here(file, line);
	/* Checked before anything exists that a failure would leave behind. */
	harness_find_bin(NULL, bin);
	h = calloc(1, sizeof *h);
	if (!h)
		abort();
	h->master = -1;
	strcpy(h->dir, "/tmp/frontdesk-e2e-XXXXXX");
	if (!mkdtemp(h->dir)) {
		h->dir[0] = '\0';
		harness_die(h, "mkdtemp: %s", strerror(errno));
	}
	snprintf(h->config_path, sizeof h->config_path, "%s/frontdesk.ini", h->dir);
	snprintf(h->db_path, sizeof h->db_path, "%s/frontdesk.db", h->dir);
	snprintf(h->sanitizer_path, sizeof h->sanitizer_path, "%s/sanitizer", h->dir);
	harness_put_file(h, "frontdesk.ini",
	                 "; frontdesk end-to-end test: built-in defaults only\n");
	return h;
}

void
harness_write_file_at(const char *file, int line, struct harness *h,
                      const char *name, const char *text)
{
	harness_here(file, line);
	harness_put_file(h, name, text);
}

/* Whether the environment entry e is one the harness sets or removes. */
static bool
harness_env_replaced(const char *e)
{
	static const char *const names[] = {
		"TERM=", "LANG=", "LC_", "HOME=", "FRONTDESK_CONFIG=", "COLUMNS=",
		"LINES=", "ASAN_OPTIONS=", "UBSAN_OPTIONS=", "LSAN_OPTIONS=",
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strncmp(e, names[i], strlen(names[i])) == 0)
			return true;
	return false;
}

/* The child's environment: ours minus the replaced entries, plus the
 * harness's. Caller frees with harness_env_free. */
static char **
harness_env_build(struct harness *h)
{
	extern char **environ;
	const char *asan = getenv("ASAN_OPTIONS");
	const char *ubsan = getenv("UBSAN_OPTIONS");
	const char *lsan = getenv("LSAN_OPTIONS");
	size_t n = 0, i, k = 0;
	char **env;

	while (environ[n])
		n++;
	env = calloc(n + 10, sizeof *env);
	if (!env)
		abort();
	for (i = 0; i < n; i++)
		if (!harness_env_replaced(environ[i]))
			env[k++] = harness_strdupf("%s", environ[i]);
	env[k++] = harness_strdupf("TERM=xterm");
	env[k++] = harness_strdupf("LANG=C.UTF-8");
	env[k++] = harness_strdupf("LC_ALL=C.UTF-8");
	env[k++] = harness_strdupf("HOME=%s", h->dir);
	env[k++] = harness_strdupf("ASAN_OPTIONS=%s%slog_path=%s", asan ? asan : "",
	                           asan && *asan ? ":" : "", h->sanitizer_path);
	env[k++] = harness_strdupf("UBSAN_OPTIONS=%s%sprint_stacktrace=1:log_path=%s",
	                           ubsan ? ubsan : "", ubsan && *ubsan ? ":" : "",
	                           h->sanitizer_path);
	if (lsan)
		env[k++] = harness_strdupf("LSAN_OPTIONS=%s", lsan);
	env[k] = NULL;
	return env;
}

static void
harness_env_free(char **env)
{
	size_t i;

	for (i = 0; env[i]; i++)
		free(env[i]);
	free(env);
}

/* In the forked child: a clean process image, then the program. Only
 * async-signal-safe calls. */
static void
harness_exec(const char *bin, char *const argv[], char *const envp[],
             const char *dir)
{
	static const char msg[] = "harness: cannot execute $FRONTDESK_BIN\r\n";
	struct sigaction dfl;
	sigset_t none;
	int sig, fd;

	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++)
		sigaction(sig, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (close_range(3, ~0U, 0) != 0)
		for (fd = 3; fd < 1024; fd++)
			close(fd);
	if (chdir(dir) != 0)
		_exit(126);
	execve(bin, argv, envp);
	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
		_exit(127);
	_exit(127);
}

void
harness_launch_at(const char *file, int line, struct harness *h,
                  const char *const extra_args[])
{
	char bin[PATH_MAX];
	struct winsize ws;
	char **argv, **envp;
	size_t nextra = 0, i, k = 0;
	pid_t pid;
	int master;

	harness_here(file, line);
	harness_find_bin(h, bin);
	if (h->running)
		harness_die(h, "harness_launch: the previous run is still going");
	while (extra_args && extra_args[nextra])
		nextra++;
	argv = calloc(nextra + 6, sizeof *argv);
	if (!argv)
		abort();
	argv[k++] = bin;
	argv[k++] = (char *)"--config";
	argv[k++] = h->config_path;
	argv[k++] = (char *)"--db";
	argv[k++] = h->db_path;
	for (i = 0; i < nextra; i++)
		argv[k++] = (char *)extra_args[i];
	argv[k] = NULL;
	envp = harness_env_build(h);

	/* A fresh 80x24 screen and transcript for this run. */
	if (h->master >= 0)
		close(h->master);
	h->master = -1;
	if (h->vt)
		vterm_free(h->vt);
	h->vt = vterm_new(HARNESS_ROWS, HARNESS_COLS);
	if (!h->vt)
		abort();
	vterm_set_utf8(h->vt, 1);
	vterm_output_set_callback(h->vt, harness_on_output, h);
	h->screen = vterm_obtain_screen(h->vt);
	vterm_screen_set_callbacks(h->screen, &harness_screen_callbacks, h);
	vterm_screen_enable_altscreen(h->screen, 1);
	vterm_screen_reset(h->screen, 1);
	h->altscreen = false;
	h->altscreen_active = false;
	h->eof = false;
	h->out_len = 0;
	harness_record(h, "", 0);

	memset(&ws, 0, sizeof ws);
	ws.ws_row = HARNESS_ROWS;
	ws.ws_col = HARNESS_COLS;
	pid = forkpty(&master, NULL, NULL, &ws);
	if (pid == 0)
		harness_exec(bin, argv, envp, h->dir);
	free(argv);
	harness_env_free(envp);
	if (pid < 0)
		harness_die(h, "forkpty: %s", strerror(errno));
	h->pid = pid;
	h->running = true;
	h->status = 0;
	h->master = master;
	fcntl(master, F_SETFD, FD_CLOEXEC);
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
}

struct harness *
harness_start_at(const char *file, int line, const char *const extra_args[])
{
	struct harness *h = harness_new_at(file, line);

	harness_launch_at(file, line, h, extra_args);
	return h;
}

/* Writes bytes to the program, reading its output meanwhile. */
static void
harness_write(struct harness *h, const char *bytes, size_t len, const char *what)
{
	long long deadline = harness_now() + harness_timeout(0);
	struct pollfd pfd;
	ssize_t w;

	while (len > 0) {
		if (h->master < 0)
			harness_die(h, "cannot send %s: the terminal was hung up", what);
		if (h->eof)
			harness_die(h, "cannot send %s: the program closed its terminal",
			             what);
		if (harness_now() > deadline)
			harness_die(h, "cannot send %s: the program does not read its "
			                "input", what);
		pfd.fd = h->master;
		pfd.events = POLLIN | POLLOUT;
		pfd.revents = 0;
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		if (pfd.revents & (POLLIN | POLLHUP | POLLERR))
			harness_pump(h, 0);
		if (!(pfd.revents & POLLOUT) || h->eof)
			continue;
		w = write(h->master, bytes, len);
		if (w > 0) {
			bytes += w;
			len -= (size_t)w;
		} else if (w < 0 && errno != EAGAIN && errno != EINTR) {
			harness_die(h, "cannot send %s: %s", what, strerror(errno));
		}
	}
}

void
harness_send_at(const char *file, int line, struct harness *h,
                const char *bytes)
{
	harness_here(file, line);
	harness_write(h, bytes, strlen(bytes), "text");
}

void
harness_key_at(const char *file, int line, struct harness *h,
               const char *capname)
{
	static bool have_terminfo;
	char what[64];
	char *seq;
	int err = 0;

	harness_here(file, line);
	if (!have_terminfo) {
		if (setupterm("xterm", STDOUT_FILENO, &err) != OK)
			harness_die(h, "setupterm(\"xterm\") failed (%d): is ncurses-base "
			                "installed?", err);
		have_terminfo = true;
	}
	seq = tigetstr(capname);
	if (seq == NULL || seq == (char *)-1 || !*seq)
		harness_die(h, "terminfo xterm has no string capability \"%s\"",
		             capname);
	snprintf(what, sizeof what, "key %s", capname);
	harness_write(h, seq, strlen(seq), what);
}

/* What a wait waits for: text (a substring, or an fnmatch pattern matched
 * against whole rows) on one row or any, present or absent; or the cursor
 * at a position (-1: any row or column). */
struct harness_cond {
	enum { HARNESS_TEXT, HARNESS_MATCH, HARNESS_CURSOR } kind;
	const char *text;
	int row; /* -1: any row */
	int col; /* HARNESS_CURSOR only */
	bool want;
};

/* Whether cond holds now, without reading; *row gets the (first) row where
 * the text is, or the cursor row. */
static bool
harness_cond_met(struct harness *h, const struct harness_cond *c, int *row)
{
	struct harness_line ln;
	int nrows, ncols, r, first, last;
	bool found = false;
	VTermPos pos;

	*row = -1;
	if (c->kind == HARNESS_CURSOR) {
		vterm_state_get_cursorpos(vterm_obtain_state(h->vt), &pos);
		*row = pos.row;
		return (c->row < 0 || pos.row == c->row) &&
		       (c->col < 0 || pos.col == c->col);
	}
	vterm_get_size(h->vt, &nrows, &ncols);
	first = c->row < 0 ? 0 : c->row;
	last = c->row < 0 ? nrows - 1 : c->row;
	for (r = first; r <= last && !found; r++) {
		harness_line_build(h, r, &ln);
		harness_rtrim(ln.text);
		if (c->kind == HARNESS_MATCH)
			found = fnmatch(c->text, ln.text, 0) == 0;
		else
			found = strstr(ln.text, c->text) != NULL;
		harness_line_free(&ln);
		if (found)
			*row = r;
	}
	return found == c->want;
}

/* Describes the unmet condition into buf. */
static void
harness_cond_describe(const struct harness_cond *c, char *buf, size_t cap)
{
	char where[32] = "the screen";

	if (c->kind == HARNESS_CURSOR) {
		if (c->col < 0)
			snprintf(buf, cap, "the cursor is not on row %d", c->row);
		else if (c->row < 0)
			snprintf(buf, cap, "the cursor is not in column %d", c->col);
		else
			snprintf(buf, cap, "the cursor is not at row %d col %d", c->row,
			         c->col);
		return;
	}
	if (c->row >= 0)
		snprintf(where, sizeof where, "row %d", c->row);
	if (c->kind == HARNESS_MATCH)
		snprintf(buf, cap, "%s %s a row matching \"%s\"", where,
		         c->want ? "has no" : "still has", c->text);
	else
		snprintf(buf, cap, "%s %s \"%s\"", where,
		         c->want ? "does not show" : "still shows", c->text);
}

/* Fails the test when no more output can come: the program closed its
 * terminal or the harness hung up. */
static void
harness_check_alive(struct harness *h, const char *what)
{
	int waited;

	if (h->master >= 0 && !h->eof)
		return;
	/* Give the exit a moment, so the message can say how it ended. */
	for (waited = 0; waited < 1000 && harness_poll_child(h); waited += 20)
		poll(NULL, 0, 20);
	harness_die(h, "%s, and no more output can come: %s", what,
	             h->master < 0 ? "the terminal was hung up"
	                           : "the program closed its terminal");
}

/* Waits until cond holds on a settled screen: once it holds, the output
 * must pause for HARNESS_SETTLE_MS and cond still hold, so a screen caught
 * halfway through an update does not count. Returns the row from
 * harness_cond_met. */
static int
harness_wait(struct harness *h, const struct harness_cond *c, int timeout_ms)
{
	int limit = harness_timeout(timeout_ms);
	long long deadline = harness_now() + limit;
	long long left;
	char what[320];
	int row;

	for (;;) {
		harness_pump(h, 0);
		if (harness_cond_met(h, c, &row)) {
			while (harness_now() < deadline &&
			       harness_pump(h, HARNESS_SETTLE_MS))
				;
			if (harness_cond_met(h, c, &row))
				return row;
		}
		harness_cond_describe(c, what, sizeof what);
		harness_check_alive(h, what);
		left = deadline - harness_now();
		if (left <= 0)
			harness_die(h, "timed out after %d ms: %s", limit, what);
		harness_pump(h, left < 100 ? (int)left : 100);
	}
}

bool
harness_wait_text_at(const char *file, int line, struct harness *h,
                     const char *utf8, int timeout_ms)
{
	struct harness_cond c = {HARNESS_TEXT, utf8, -1, -1, true};

	harness_here(file, line);
	harness_wait(h, &c, timeout_ms);
	return true;
}

bool
harness_wait_gone_at(const char *file, int line, struct harness *h,
                     const char *utf8, int timeout_ms)
{
	struct harness_cond c = {HARNESS_TEXT, utf8, -1, -1, false};

	harness_here(file, line);
	harness_wait(h, &c, timeout_ms);
	return true;
}

bool
harness_wait_row_at(const char *file, int line, struct harness *h, int row,
                    const char *utf8, int timeout_ms)
{
	struct harness_cond c = {HARNESS_TEXT, utf8, row, -1, true};

	harness_here(file, line);
	harness_wait(h, &c, timeout_ms);
	return true;
}

bool
harness_wait_row_gone_at(const char *file, int line, struct harness *h,
                         int row, const char *utf8, int timeout_ms)
{
	struct harness_cond c = {HARNESS_TEXT, utf8, row, -1, false};

	harness_here(file, line);
	harness_wait(h, &c, timeout_ms);
	return true;
}

int
harness_wait_match_at(const char *file, int line, struct harness *h,
                      const char *pattern, int timeout_ms)
{
	struct harness_cond c = {HARNESS_MATCH, pattern, -1, -1, true};

	harness_here(file, line);
	return harness_wait(h, &c, timeout_ms);
}

int
harness_find_match(struct harness *h, const char *pattern)
{
	struct harness_cond c = {HARNESS_MATCH, pattern, -1, -1, true};
	int row;

	harness_pump(h, 0);
	return harness_cond_met(h, &c, &row) ? row : -1;
}

bool
harness_wait_cursor_at(const char *file, int line, struct harness *h, int row,
                       int col, int timeout_ms)
{
	struct harness_cond c = {HARNESS_CURSOR, NULL, row, col, true};

	harness_here(file, line);
	harness_wait(h, &c, timeout_ms);
	return true;
}

void
harness_resize_at(const char *file, int line, struct harness *h, int rows,
                  int cols)
{
	struct winsize ws;

	harness_here(file, line);
	if (h->master < 0)
		harness_die(h, "cannot resize: the terminal was hung up");
	harness_pump(h, 0);
	vterm_set_size(h->vt, rows, cols);
	memset(&ws, 0, sizeof ws);
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	if (ioctl(h->master, TIOCSWINSZ, &ws) != 0)
		harness_die(h, "TIOCSWINSZ %dx%d: %s", cols, rows, strerror(errno));
}

void
harness_signal_at(const char *file, int line, struct harness *h, int sig)
{
	harness_here(file, line);
	if (!harness_poll_child(h))
		harness_die(h, "cannot send signal %d: the program is not running",
		             sig);
	if (kill(h->pid, sig) != 0)
		harness_die(h, "kill(%d, %d): %s", (int)h->pid, sig, strerror(errno));
}

bool
harness_wait_exit_at(const char *file, int line, struct harness *h,
                     int timeout_ms, int *status)
{
	static char report[HARNESS_REPORT_MAX];
	int limit = harness_timeout(timeout_ms);
	long long deadline = harness_now() + limit;

	harness_here(file, line);
	if (h->pid == 0)
		harness_die(h, "harness_wait_exit: the program was never started");
	while (harness_poll_child(h)) {
		if (harness_now() >= deadline)
			harness_die(h, "the program is still running %d ms later", limit);
		harness_pump(h, 20);
	}
	report[0] = '\0';
	if (harness_sanitizer_report(h, report, sizeof report))
		harness_die(h, "the program ended (%s) with a sanitizer report",
		             harness_status_str(h->status));
	if (status)
		*status = h->status;
	return true;
}

bool
harness_group_gone(struct harness *h, int timeout_ms)
{
	long long deadline = harness_now() + harness_timeout(timeout_ms);

	if (h->pid == 0)
		return true;
	for (;;) {
		if (kill(-h->pid, 0) == -1 && errno == ESRCH)
			return true;
		if (harness_now() >= deadline)
			return false;
		poll(NULL, 0, 20);
	}
}

void
harness_hangup(struct harness *h)
{
	if (h->master < 0)
		return;
	harness_pump(h, 0);
	close(h->master);
	h->master = -1;
}

/* nftw callback: removes one entry, children first. */
static int
harness_rm_entry(const char *path, const struct stat *sb, int type,
                 struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

void
harness_stop(struct harness *h)
{
	static char report[HARNESS_REPORT_MAX];
	long long deadline;
	bool reported = false;
	int st;

	if (!h)
		return;
	if (h->running && harness_poll_child(h)) {
		kill(h->pid, SIGTERM);
		deadline = harness_now() + HARNESS_GRACE_MS * harness_slow_factor();
		while (harness_poll_child(h) && harness_now() < deadline)
			harness_pump(h, 20);
		if (h->running) {
			kill(-h->pid, SIGKILL);
			kill(h->pid, SIGKILL);
			while (waitpid(h->pid, &st, 0) < 0 && errno == EINTR)
				;
			h->running = false;
		}
	}
	/* Stragglers in the program's group. Its id is not reused while the
	 * group has members, so this cannot hit anyone else. */
	if (h->pid > 0)
		kill(-h->pid, SIGKILL);
	report[0] = '\0';
	reported = harness_sanitizer_report(h, report, sizeof report);
	if (h->master >= 0)
		close(h->master);
	if (h->vt)
		vterm_free(h->vt);
	if (h->dir[0])
		nftw(h->dir, harness_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(h->out);
	free(h);
	if (reported) {
		harness_here(__FILE__, __LINE__);
		harness_stopping = true;
		harness_die(NULL, "the program wrote a sanitizer report:\n%s", report);
	}
}

const char *
harness_dir(struct harness *h)
{
	return h->dir;
}

const char *
harness_config_path(struct harness *h)
{
	return h->config_path;
}

const char *
harness_db_path(struct harness *h)
{
	return h->db_path;
}

pid_t
harness_pid(struct harness *h)
{
	return h->pid;
}

const char *
harness_output(struct harness *h)
{
	harness_pump(h, 0);
	return h->out ? h->out : "";
}

bool
harness_altscreen_used(struct harness *h)
{
	harness_pump(h, 0);
	return h->altscreen;
}

bool
harness_altscreen_active(struct harness *h)
{
	harness_pump(h, 0);
	return h->altscreen_active;
}
