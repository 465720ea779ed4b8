/*
 * make bench: timetables and conflict checks for 200 cohorts of 60
 * sessions each (12,000 sessions), printed, never asserted. Target: the
 * whole round well under 100 ms.
 *
 *   generate   200 timetables from the curriculum and the holidays (a
 *              120-hour track of 30 modules in two 2-hour slots a day:
 *              60 sessions, six weeks; start dates spread over 2026)
 *   rooms      schedule_double_booked over all 12,000 sessions by room,
 *              then by instructor (12 rooms, 25 instructors): sort and
 *              sweep, O(n log n), not every pair of sessions
 *   pairs      schedule_conflicts for every pair of cohorts (19,900, the
 *              trainee check when anyone may be in any two cohorts)
 *
 * Each figure is measured on this machine at this moment; compare runs on
 * the same machine only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontdesk/schedule.h"
#include "frontdesk/util.h"

#define BENCH_COHORTS 200
#define BENCH_ROUNDS  30

/* Monotonic time in seconds. */
static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Print p50 and p95 of n samples (seconds) in milliseconds. */
static void
bench_report(const char *what, double *s, size_t n)
{
	qsort(s, n, sizeof(*s), bench_cmp);
	printf("%-44s p50 %8.3f ms   p95 %8.3f ms   (n=%zu)\n", what,
	       s[n / 2] * 1e3, s[n * 95 / 100] * 1e3, n);
}

/* Die with a message: a benchmark that cannot run has nothing to say. */
static void
bench_check(enum fd_status st, const struct fd_err *err, const char *what)
{
	if (st != FD_OK) {
		fprintf(stderr, "bench: %s: %s\n", what, err->msg);
		exit(1);
	}
}

/* A 120-hour track: 30 modules of 4 hours. */
static void
bench_curriculum(void)
{
	struct strbuf sb = {0};
	struct fd_err err;

	strbuf_adds(&sb, "[track bench 1]\nname | 基准 | Bench\n");
	for (int i = 1; i <= 30; i++)
		strbuf_addf(&sb, "b%02d | 4 | 模块%d | Module %d\n", i, i, i);
	bench_check(
	    schedule_curriculum_load_buffer("bench.txt", sb.buf, sb.len, &err),
	    &err, "curriculum");
	strbuf_free(&sb);
}

/* Generate the timetables of all cohorts into tt[]. */
static void
bench_generate(struct schedule_timetable *tt)
{
	static const struct schedule_slot slots[3][2] = {
	    {{480, 600}, {600, 720}},
	    {{840, 960}, {960, 1080}},
	    {{1080, 1200}, {1200, 1320}},
	};
	struct fd_err err;

	for (int k = 0; k < BENCH_COHORTS; k++) {
		struct schedule_request rq = {0};
		char start[11], cohort[16], room[16], instr[16];

		schedule_date_add("2026-01-05", 7 * (k % 45), start);
		snprintf(cohort, sizeof(cohort), "C%03d", k);
		snprintf(room, sizeof(room), "R%02d", k % 12);
		snprintf(instr, sizeof(instr), "I%02d", (k * 7) % 25);
		rq.track = "bench";
		rq.start = start;
		rq.weekdays = SCHEDULE_MON_FRI;
		rq.slots = slots[k % 3];
		rq.nslots = 2;
		rq.cohort = cohort;
		rq.room = room;
		rq.instructor = instr;
		bench_check(schedule_generate(&rq, &tt[k], &err), &err,
		            "generate");
	}
}

int
main(void)
{
	static struct schedule_timetable tt[BENCH_COHORTS];
	double gen[BENCH_ROUNDS], rooms[BENCH_ROUNDS], pairs[BENCH_ROUNDS];
	double total[BENCH_ROUNDS];
	struct schedule_session *all;
	struct fd_err err;
	size_t n = 0, hits = 0, ri = 0, rj = 0, ii = 0, ij = 0;
	bool room_clash = false, instr_clash = false;

	bench_check(schedule_load(NULL, NULL, &err), &err, "load");
	bench_curriculum();
	bench_generate(tt);
	for (int k = 0; k < BENCH_COHORTS; k++)
		n += tt[k].n;
	all = xmalloc(n * sizeof(*all));
	for (int k = 0; k < BENCH_COHORTS; k++)
		schedule_timetable_free(&tt[k]);

	for (int r = 0; r < BENCH_ROUNDS; r++) {
		double t0 = bench_now(), t1, t2, t3;
		size_t at = 0;

		bench_generate(tt);
		t1 = bench_now();
		for (int k = 0; k < BENCH_COHORTS; k++) {
			memcpy(all + at, tt[k].v, tt[k].n * sizeof(*all));
			at += tt[k].n;
		}
		room_clash =
		    schedule_double_booked(all, at, SCHEDULE_ROOM, &ri, &rj);
		instr_clash = schedule_double_booked(
		    all, at, SCHEDULE_INSTRUCTOR, &ii, &ij);
		t2 = bench_now();
		hits = 0;
		for (int a = 0; a < BENCH_COHORTS; a++)
			for (int b = a + 1; b < BENCH_COHORTS; b++)
				hits += schedule_conflicts(tt[a].v, tt[a].n,
				                           tt[b].v, tt[b].n,
				                           NULL, NULL);
		t3 = bench_now();
		gen[r] = t1 - t0;
		rooms[r] = t2 - t1;
		pairs[r] = t3 - t2;
		total[r] = t3 - t0;
		for (int k = 0; k < BENCH_COHORTS; k++)
			schedule_timetable_free(&tt[k]);
	}
	printf("schedule: %d cohorts, %zu sessions (%zu each)\n", BENCH_COHORTS,
	       n, n / BENCH_COHORTS);
	bench_report("generate 200 timetables", gen, BENCH_ROUNDS);
	bench_report("room + instructor double-booking (sweep)", rooms,
	             BENCH_ROUNDS);
	bench_report("conflicts of all 19,900 cohort pairs", pairs,
	             BENCH_ROUNDS);
	bench_report("all of the above", total, BENCH_ROUNDS);
	printf("  found: room %s (%s %s / %s %s), instructor %s, "
	       "%zu overlapping cohort pairs\n",
	       room_clash ? "clash" : "none", room_clash ? all[ri].cohort : "-",
	       room_clash ? all[ri].date : "-",
	       room_clash ? all[rj].cohort : "-",
	       room_clash ? all[rj].date : "-", instr_clash ? "clash" : "none",
	       hits);
	(void)ii;
	(void)ij;
	free(all);
	schedule_free();
	return 0;
}
