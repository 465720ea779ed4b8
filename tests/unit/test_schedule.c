/*
 * Unit tests of the training schedule core: the embedded curriculum and
 * holidays, the working-day calendar, timetable generation across the
 * 2026 Spring Festival and National Day (exact dates), module splitting,
 * weekday masks, slot parsing, every conflict kind, moving a session, the
 * loaders' errors (naming file and line) and determinism.
 *
 * Each test is its own process (Criterion forks), so the tables start
 * empty; tests that write files use the fixture's mkdtemp directory.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "frontdesk/schedule.h"
#include "frontdesk/i18n.h"
#include "frontdesk/util.h"

/* Load the embedded curriculum and holidays; fail the test otherwise. */
static void
sched_setup(void)
{
	struct fd_err err = {{0}};

	/* The wording checks below are of the English catalog. */
	cr_assert_eq(i18n_load("en", NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(schedule_load(NULL, NULL, &err), FD_OK, "%s", err.msg);
}

/* Drop the tables. */
static void
sched_teardown(void)
{
	schedule_free();
}

/* The fixture's directory as well as the tables. */
static void
sched_dir_setup(void)
{
	fixture_setup();
	sched_setup();
}

/* Remove the directory and the tables. */
static void
sched_dir_teardown(void)
{
	schedule_free();
	fixture_teardown();
}

/* Parse slots text; the test fails if that fails. Returns the count. */
static size_t
sched_slots(const char *text, struct schedule_slot *v)
{
	struct fd_err err = {{0}};
	size_t n = 0;

	cr_assert_eq(
	    schedule_slots_parse(text, v, SCHEDULE_SLOTS_MAX, &n, &err), FD_OK,
	    "%s: %s", text, err.msg);
	return n;
}

/* Generate track from start on weekdays in slots (text) into *tt; the
 * test fails if that fails. */
static void
sched_gen(const char *track, const char *start, unsigned weekdays,
          const char *slots, unsigned flags, const char *room,
          const char *instructor, struct schedule_timetable *tt)
{
	struct schedule_slot sl[SCHEDULE_SLOTS_MAX];
	struct schedule_request rq = {0};
	struct fd_err err = {{0}};

	rq.track = track;
	rq.start = start;
	rq.weekdays = weekdays;
	rq.slots = sl;
	rq.nslots = sched_slots(slots, sl);
	rq.cohort = track;
	rq.room = room;
	rq.instructor = instructor;
	rq.flags = flags;
	cr_assert_eq(schedule_generate(&rq, tt, &err), FD_OK, "%s", err.msg);
}

/* The distinct dates of a timetable, in order, space-separated. Caller
 * frees. */
static char *
sched_dates(const struct schedule_timetable *tt)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < tt->n; i++) {
		if (i > 0 && strcmp(tt->v[i].date, tt->v[i - 1].date) == 0)
			continue;
		if (sb.len)
			strbuf_add(&sb, " ", 1);
		strbuf_adds(&sb, tt->v[i].date);
	}
	return strbuf_take(&sb);
}

/* One session as "DATE HH:MM-HH:MM MODULE p/n". */
static void
sched_show(const struct schedule_session *s, char *out, size_t n)
{
	char a[6], b[6];

	schedule_time_format(s->start, a);
	schedule_time_format(s->end, b);
	snprintf(out, n, "%s %s-%s %s %d/%d", s->date, a, b, s->module, s->part,
	         s->parts);
}

/* Check the invariants every timetable keeps: sorted, no overlap, inside
 * the slots, modules in track order, minutes adding up. */
static void
sched_invariants(const struct schedule_timetable *tt, const char *slots)
{
	struct schedule_slot sl[SCHEDULE_SLOTS_MAX];
	size_t ns = sched_slots(slots, sl);
	const struct schedule_track *t = schedule_track_find(tt->track);
	size_t mi = 0;
	int sum = 0, mod = 0;

	cr_assert_not_null(t);
	cr_assert_gt(tt->n, 0);
	for (size_t i = 0; i < tt->n; i++) {
		const struct schedule_session *s = &tt->v[i];
		bool inside = false;

		if (i > 0) {
			int c = strcmp(tt->v[i - 1].date, s->date);

			cr_assert(c < 0 ||
			              (c == 0 && tt->v[i - 1].end <= s->start),
			          "session %zu out of order", i);
		}
		for (size_t k = 0; k < ns; k++)
			inside |=
			    s->start >= sl[k].start && s->end <= sl[k].end;
		cr_assert(inside, "session %zu outside the slots", i);
		cr_assert(schedule_day_kind(s->date, NULL) !=
		              SCHEDULE_DAY_HOLIDAY,
		          "%s is a holiday", s->date);
		if (strcmp(s->module, t->modules[mi].code) != 0) {
			cr_assert_eq(mod, t->modules[mi].minutes, "%s",
			             t->modules[mi].code);
			mi++;
			mod = 0;
			cr_assert_lt(mi, t->n);
			cr_assert_str_eq(s->module, t->modules[mi].code);
		}
		mod += s->end - s->start;
		sum += s->end - s->start;
	}
	cr_assert_eq(mi, t->n - 1);
	cr_assert_eq(mod, t->modules[mi].minutes);
	cr_assert_eq(sum, t->minutes);
	cr_assert_eq(tt->minutes, t->minutes);
	cr_assert_str_eq(tt->first, tt->v[0].date);
	cr_assert_str_eq(tt->last, tt->v[tt->n - 1].date);
}

TestSuite(schedule, .init = sched_setup, .fini = sched_teardown);

Test(schedule, embedded_curriculum)
{
	static const char *const codes[] = {"ecom", "cs", "photo", "live",
	                                    "logis"};
	const struct schedule_track *v, *t;
	const struct schedule_module *m;
	size_t n;

	v = schedule_tracks(&n);
	cr_assert_eq(n, 5);
	for (size_t i = 0; i < n; i++) {
		int sum = 0;

		cr_assert_str_eq(v[i].code, codes[i]);
		cr_assert_str_eq(v[i].version, "2026.1");
		cr_assert_geq(v[i].minutes, 40 * 60, "%s", v[i].code);
		cr_assert_leq(v[i].minutes, 120 * 60, "%s", v[i].code);
		for (size_t j = 0; j < v[i].n; j++) {
			cr_assert_geq(v[i].modules[j].minutes, 2 * 60);
			cr_assert_leq(v[i].modules[j].minutes, 12 * 60);
			sum += v[i].modules[j].minutes;
		}
		cr_assert_eq(sum, v[i].minutes);
	}
	t = schedule_track_find("ecom");
	cr_assert_eq(t, &v[0]);
	cr_assert_str_eq(t->label_zh, "电商运营基础");
	cr_assert_eq(t->minutes, 96 * 60);
	cr_assert_str_eq(t->modules[2].label_zh, "店铺开设与实名认证");
	cr_assert_null(schedule_track_find("nosuch"));
	cr_assert_null(schedule_track_find(NULL));

	m = schedule_module_find("live12", &t);
	cr_assert_not_null(m);
	cr_assert_str_eq(t->code, "live");
	cr_assert_eq(m->minutes, 12 * 60);
	cr_assert_str_eq(schedule_module_label(m), "实战直播");
	schedule_set_english(true);
	cr_assert_str_eq(schedule_module_label(m), "Live shows in practice");
	cr_assert_str_eq(schedule_track_label(t), "Live-stream selling");
	schedule_set_english(false);
	cr_assert_str_eq(schedule_track_label(t), "直播带货");
	cr_assert_null(schedule_module_find("nosuch", &t));
	cr_assert_null(t);
}

Test(schedule, holidays_2026_and_2027)
{
	const struct schedule_holiday *h;
	size_t n;

	/* Spring Festival 2026: 15-23 February off, 14 and 28 worked. */
	cr_assert(schedule_is_working_day("2026-02-13"));
	cr_assert(schedule_is_working_day("2026-02-14"));
	cr_assert_not(schedule_is_working_day("2026-02-15"));
	cr_assert_not(schedule_is_working_day("2026-02-17"));
	cr_assert_not(schedule_is_working_day("2026-02-23"));
	cr_assert(schedule_is_working_day("2026-02-24"));
	cr_assert_not(schedule_is_working_day("2026-02-21"));
	cr_assert(schedule_is_working_day("2026-02-28"));
	cr_assert_not(schedule_is_working_day("2026-03-07"));
	cr_assert(schedule_is_working_day("2026-01-04"));
	/* National Day 2026: 1-7 October off, 20 September and 10 October
	 * worked; Mid-Autumn 25-27 September. */
	cr_assert(schedule_is_working_day("2026-09-20"));
	cr_assert_not(schedule_is_working_day("2026-09-25"));
	cr_assert_not(schedule_is_working_day("2026-10-01"));
	cr_assert_not(schedule_is_working_day("2026-10-07"));
	cr_assert(schedule_is_working_day("2026-10-08"));
	cr_assert(schedule_is_working_day("2026-10-10"));
	cr_assert_not(schedule_is_working_day("2026-10-11"));
	cr_assert(schedule_is_working_day("2026-05-09"));
	cr_assert_not(schedule_is_working_day("2026-05-05"));

	cr_assert_eq(schedule_day_kind("2026-02-17", &h), SCHEDULE_DAY_HOLIDAY);
	cr_assert_str_eq(schedule_holiday_label(h), "春节");
	cr_assert_eq(schedule_day_kind("2026-02-28", &h), SCHEDULE_DAY_MAKEUP);
	cr_assert(h->workday);
	cr_assert_str_eq(h->name_zh, "春节调休上班");
	cr_assert_eq(schedule_day_kind("2026-03-07", &h), SCHEDULE_DAY_WEEKEND);
	cr_assert_null(h);
	cr_assert_eq(schedule_day_kind("2026-03-09", &h), SCHEDULE_DAY_WORK);
	cr_assert_eq(schedule_day_kind("2026-02-30", &h), SCHEDULE_DAY_INVALID);
	cr_assert_eq(schedule_day_kind(NULL, NULL), SCHEDULE_DAY_INVALID);
	cr_assert_not(schedule_is_working_day("2026-3-9"));
	cr_assert_not(schedule_is_working_day("2026-03-09x"));

	cr_assert_eq(schedule_year_status(2026), SCHEDULE_YEAR_OFFICIAL);
	cr_assert_eq(schedule_year_status(2027), SCHEDULE_YEAR_PROJECTED);
	cr_assert_eq(schedule_year_status(2028), SCHEDULE_YEAR_NONE);
	/* 2027 projection: Spring Festival from 除夕 5 February. */
	cr_assert_not(schedule_is_working_day("2027-02-05"));
	cr_assert(schedule_is_working_day("2027-01-31"));
	cr_assert(schedule_is_working_day("2027-10-09"));
	/* 2028: the weekend rule only. */
	cr_assert_not(schedule_is_working_day("2028-01-01"));
	cr_assert(schedule_is_working_day("2028-01-03"));

	h = schedule_holidays(&n);
	cr_assert_gt(n, 60);
	for (size_t i = 1; i < n; i++)
		cr_assert_lt(strcmp(h[i - 1].date, h[i].date), 0);
}

Test(schedule, date_helpers)
{
	char out[11];

	cr_assert_eq(schedule_weekday("2026-02-17"), 1);
	cr_assert_eq(schedule_weekday("1970-01-01"), 3);
	cr_assert_eq(schedule_weekday("2026-03-08"), 6);
	cr_assert_eq(schedule_weekday("2024-02-29"), 3);
	cr_assert_eq(schedule_weekday("2026-02-29"), -1);
	cr_assert_eq(schedule_weekday("1969-12-31"), -1);
	cr_assert(schedule_date_add("2026-12-31", 1, out));
	cr_assert_str_eq(out, "2027-01-01");
	cr_assert(schedule_date_add("2024-03-01", -1, out));
	cr_assert_str_eq(out, "2024-02-29");
	cr_assert_not(schedule_date_add("9999-12-31", 1, out));
	cr_assert_eq(schedule_time_parse("09:05"), 9 * 60 + 5);
	cr_assert_eq(schedule_time_parse("9:05"), 9 * 60 + 5);
	cr_assert_eq(schedule_time_parse("24:00"), 1440);
	cr_assert_eq(schedule_time_parse("24:01"), -1);
	cr_assert_eq(schedule_time_parse("9:5"), -1);
	cr_assert_eq(schedule_time_parse("14：30"), 14 * 60 + 30);
	schedule_time_format(14 * 60 + 5, out);
	cr_assert_str_eq(out, "14:05");
}

/* A Monday-Friday cohort across the 2026 Spring Festival: no session on
 * 15-23 February, nor on the make-up Saturdays 14 and 28 February. */
Test(schedule, spring_festival_mon_fri)
{
	struct schedule_timetable tt;
	char *d;
	char line[64];

	sched_gen("ecom", "2026-02-09", SCHEDULE_MON_FRI,
	          "09:00-12:00, 14:00-17:00", 0, "r1", "i1", &tt);
	sched_invariants(&tt, "09:00-12:00, 14:00-17:00");
	d = sched_dates(&tt);
	cr_assert_str_eq(d, "2026-02-09 2026-02-10 2026-02-11 2026-02-12 "
	                    "2026-02-13 2026-02-24 2026-02-25 2026-02-26 "
	                    "2026-02-27 2026-03-02 2026-03-03 2026-03-04 "
	                    "2026-03-05 2026-03-06 2026-03-09 2026-03-10");
	free(d);
	cr_assert_str_eq(tt.first, "2026-02-09");
	cr_assert_str_eq(tt.last, "2026-03-10");
	cr_assert_eq(tt.n, 39);
	/* ecom01 (4 h) ends in the afternoon slot and ecom02 starts there. */
	sched_show(&tt.v[1], line, sizeof(line));
	cr_assert_str_eq(line, "2026-02-09 14:00-15:00 ecom01 2/2");
	sched_show(&tt.v[2], line, sizeof(line));
	cr_assert_str_eq(line, "2026-02-09 15:00-17:00 ecom02 1/3");
	/* ecom05 (8 h) spans the holiday. */
	sched_show(&tt.v[11], line, sizeof(line));
	cr_assert_str_eq(line, "2026-02-13 14:00-17:00 ecom05 2/3");
	sched_show(&tt.v[12], line, sizeof(line));
	cr_assert_str_eq(line, "2026-02-24 09:00-11:00 ecom05 3/3");
	sched_show(&tt.v[38], line, sizeof(line));
	cr_assert_str_eq(line, "2026-03-10 14:00-17:00 ecom15 2/2");
	cr_assert_str_eq(tt.track, "ecom");
	cr_assert_str_eq(tt.version, "2026.1");
	cr_assert_str_eq(tt.v[0].room, "r1");
	cr_assert_str_eq(tt.v[0].instructor, "i1");
	cr_assert_str_eq(tt.v[0].cohort, "ecom");
	cr_assert_eq(tt.unknown_year, 0);
	cr_assert_eq(tt.projected_year, 0);
	schedule_timetable_free(&tt);
	cr_assert_null(tt.v);
	cr_assert_eq(tt.n, 0);
}

/* With Saturday in the mask the cohort meets on the make-up Saturdays and
 * on ordinary Saturdays (weekend classes), never inside the holiday. */
Test(schedule, spring_festival_mon_sat)
{
	struct schedule_timetable tt;
	char *d;

	sched_gen("ecom", "2026-02-09", SCHEDULE_MON_FRI | SCHEDULE_SAT,
	          "09:00-12:00, 14:00-17:00", 0, NULL, NULL, &tt);
	sched_invariants(&tt, "09:00-12:00, 14:00-17:00");
	d = sched_dates(&tt);
	cr_assert_str_eq(d, "2026-02-09 2026-02-10 2026-02-11 2026-02-12 "
	                    "2026-02-13 2026-02-14 2026-02-24 2026-02-25 "
	                    "2026-02-26 2026-02-27 2026-02-28 2026-03-02 "
	                    "2026-03-03 2026-03-04 2026-03-05 2026-03-06");
	free(d);
	cr_assert_str_eq(tt.last, "2026-03-06");
	cr_assert_str_eq(tt.v[0].room, "");
	schedule_timetable_free(&tt);

	/* Spans an ordinary Saturday: 7 March is used. */
	sched_gen("ecom", "2026-02-24", SCHEDULE_MON_FRI | SCHEDULE_SAT,
	          "09:00-12:00, 14:00-17:00", 0, NULL, NULL, &tt);
	d = sched_dates(&tt);
	cr_assert_str_eq(d, "2026-02-24 2026-02-25 2026-02-26 2026-02-27 "
	                    "2026-02-28 2026-03-02 2026-03-03 2026-03-04 "
	                    "2026-03-05 2026-03-06 2026-03-07 2026-03-09 "
	                    "2026-03-10 2026-03-11 2026-03-12 2026-03-13");
	free(d);
	schedule_timetable_free(&tt);
}

/* National Day and Mid-Autumn 2026, one 8-hour slot a day. */
Test(schedule, national_day)
{
	struct schedule_timetable tt;
	char *d;

	sched_gen("ecom", "2026-09-21", SCHEDULE_MON_FRI, "09:00-17:00", 0,
	          NULL, NULL, &tt);
	sched_invariants(&tt, "09:00-17:00");
	d = sched_dates(&tt);
	cr_assert_str_eq(d, "2026-09-21 2026-09-22 2026-09-23 2026-09-24 "
	                    "2026-09-28 2026-09-29 2026-09-30 2026-10-08 "
	                    "2026-10-09 2026-10-12 2026-10-13 2026-10-14");
	free(d);
	cr_assert_str_eq(tt.last, "2026-10-14");
	schedule_timetable_free(&tt);

	/* Saturday too: the make-up Saturday 10 October is used, Saturday
	 * 26 September (Mid-Autumn) is not. */
	sched_gen("ecom", "2026-09-21", SCHEDULE_MON_FRI | SCHEDULE_SAT,
	          "09:00-17:00", 0, NULL, NULL, &tt);
	d = sched_dates(&tt);
	cr_assert_str_eq(d, "2026-09-21 2026-09-22 2026-09-23 2026-09-24 "
	                    "2026-09-28 2026-09-29 2026-09-30 2026-10-08 "
	                    "2026-10-09 2026-10-10 2026-10-12 2026-10-13");
	free(d);
	schedule_timetable_free(&tt);

	/* Sunday 20 September is a make-up day: a cohort meeting on Sundays
	 * starts there; a Monday-Friday one starting that day on the 21st. */
	sched_gen("cs", "2026-09-20", SCHEDULE_SUN, "09:00-17:00", 0, NULL,
	          NULL, &tt);
	cr_assert_str_eq(tt.first, "2026-09-20");
	d = sched_dates(&tt);
	cr_assert_str_eq(d, "2026-09-20 2026-10-11 2026-10-18 2026-10-25 "
	                    "2026-11-01 2026-11-08 2026-11-15");
	free(d);
	schedule_timetable_free(&tt);
	sched_gen("cs", "2026-09-20", SCHEDULE_MON_FRI, "09:00-17:00", 0, NULL,
	          NULL, &tt);
	cr_assert_str_eq(tt.first, "2026-09-21");
	schedule_timetable_free(&tt);
}

/* Tuesday and Thursday only, across Labour Day (Tuesday 5 May off). */
Test(schedule, weekdays_mask)
{
	struct schedule_timetable tt;
	struct schedule_request rq = {0};
	struct schedule_slot sl[1] = {{540, 720}};
	struct fd_err err = {{0}};
	char *d;

	sched_gen("cs", "2026-04-01", SCHEDULE_TUE | SCHEDULE_THU,
	          "14:00-18:00", 0, NULL, NULL, &tt);
	sched_invariants(&tt, "14:00-18:00");
	d = sched_dates(&tt);
	cr_assert_str_eq(d, "2026-04-02 2026-04-07 2026-04-09 2026-04-14 "
	                    "2026-04-16 2026-04-21 2026-04-23 2026-04-28 "
	                    "2026-04-30 2026-05-07 2026-05-12 2026-05-14 "
	                    "2026-05-19");
	free(d);
	for (size_t i = 0; i < tt.n; i++) {
		int w = schedule_weekday(tt.v[i].date);

		cr_assert(w == 1 || w == 3, "%s", tt.v[i].date);
	}
	schedule_timetable_free(&tt);

	rq.track = "cs";
	rq.start = "2026-04-01";
	rq.slots = sl;
	rq.nslots = 1;
	rq.weekdays = 0;
	cr_assert_eq(schedule_generate(&rq, &tt, &err), FD_E_INVALID);
	cr_assert(strstr(err.msg, "weekday"), "%s", err.msg);
	cr_assert_null(tt.v);
	rq.weekdays = 1u << 7; /* no real day */
	cr_assert_eq(schedule_generate(&rq, &tt, &err), FD_E_INVALID);
	rq.weekdays = SCHEDULE_MON;
	rq.start = "2026-04-31";
	cr_assert_eq(schedule_generate(&rq, &tt, &err), FD_E_INVALID);
	cr_assert(strstr(err.msg, "2026-04-31"), "%s", err.msg);
	rq.start = "2026-04-01";
	rq.track = "nosuch";
	cr_assert_eq(schedule_generate(&rq, &tt, &err), FD_E_NOTFOUND);
	cr_assert(strstr(err.msg, "nosuch"), "%s", err.msg);
	rq.track = "cs";
	rq.room = "a-room-id-that-is-far-too-long-to-be-an-id-really";
	cr_assert_eq(schedule_generate(&rq, &tt, &err), FD_E_INVALID);
	cr_assert(strstr(err.msg, "room"), "%s", err.msg);
	rq.room = NULL;
	rq.nslots = 0;
	cr_assert_eq(schedule_generate(&rq, &tt, &err), FD_E_INVALID);
	cr_assert(strstr(err.msg, "time slots"), "%s", err.msg);
}

/* A module longer than a slot continues in the next slots and days; a
 * slot may end one module and start the next, unless NEW_SLOT. */
Test(schedule, module_split)
{
	static const char cur[] = "[track t 1]\n"
	                          "name | 测试 | Test\n"
	                          "m1 | 7 | 模块一 | Module one\n"
	                          "m2 | 1.5 | 模块二 | Module two\n"
	                          "m3 | 2 | 模块三 | Module three\n";
	static const char *const want[] = {
	    "2026-03-02 09:00-12:00 m1 1/3", "2026-03-03 09:00-12:00 m1 2/3",
	    "2026-03-04 09:00-10:00 m1 3/3", "2026-03-04 10:00-11:30 m2 1/1",
	    "2026-03-04 11:30-12:00 m3 1/2", "2026-03-05 09:00-10:30 m3 2/2"};
	static const char *const fresh[] = {
	    "2026-03-02 09:00-12:00 m1 1/3", "2026-03-03 09:00-12:00 m1 2/3",
	    "2026-03-04 09:00-10:00 m1 3/3", "2026-03-05 09:00-10:30 m2 1/1",
	    "2026-03-06 09:00-11:00 m3 1/1"};
	struct schedule_timetable tt;
	struct fd_err err = {{0}};
	char line[64];

	cr_assert_eq(
	    schedule_curriculum_load_buffer("t.txt", cur, strlen(cur), &err),
	    FD_OK, "%s", err.msg);
	sched_gen("t", "2026-03-02", SCHEDULE_MON_FRI, "09:00-12:00", 0, NULL,
	          NULL, &tt);
	sched_invariants(&tt, "09:00-12:00");
	cr_assert_eq(tt.n, FD_ARRAY_LEN(want));
	for (size_t i = 0; i < tt.n; i++) {
		sched_show(&tt.v[i], line, sizeof(line));
		cr_assert_str_eq(line, want[i]);
	}
	cr_assert_eq(tt.minutes, 630);
	cr_assert_str_eq(tt.last, "2026-03-05");
	schedule_timetable_free(&tt);

	sched_gen("t", "2026-03-02", SCHEDULE_MON_FRI, "09:00-12:00",
	          SCHEDULE_MODULE_NEW_SLOT, NULL, NULL, &tt);
	sched_invariants(&tt, "09:00-12:00");
	cr_assert_eq(tt.n, FD_ARRAY_LEN(fresh));
	for (size_t i = 0; i < tt.n; i++) {
		sched_show(&tt.v[i], line, sizeof(line));
		cr_assert_str_eq(line, fresh[i]);
	}
	cr_assert_str_eq(tt.last, "2026-03-06");
	schedule_timetable_free(&tt);
}

/* A timetable that reaches a projected or unknown year says so; one that
 * would run for over two years is refused. */
Test(schedule, years_and_span)
{
	static const char cur[] = "[track big 1]\n"
	                          "name | 长 | Long\n"
	                          "m1 | 60 | 一 | One\n"
	                          "m2 | 60 | 二 | Two\n";
	struct schedule_timetable tt;
	struct schedule_slot sl[1] = {{540, 600}};
	struct schedule_request rq = {0};
	struct fd_err err = {{0}};

	sched_gen("ecom", "2026-12-21", SCHEDULE_MON_FRI, "09:00-12:00", 0,
	          NULL, NULL, &tt);
	cr_assert_eq(tt.projected_year, 2027);
	cr_assert_eq(tt.unknown_year, 0);
	/* 1-3 January 2027 off (projected). */
	for (size_t i = 0; i < tt.n; i++)
		cr_assert_str_neq(tt.v[i].date, "2027-01-01");
	schedule_timetable_free(&tt);
	sched_gen("ecom", "2028-03-01", SCHEDULE_MON_FRI, "09:00-12:00", 0,
	          NULL, NULL, &tt);
	cr_assert_eq(tt.unknown_year, 2028);
	schedule_timetable_free(&tt);

	cr_assert_eq(
	    schedule_curriculum_load_buffer("big.txt", cur, strlen(cur), &err),
	    FD_OK, "%s", err.msg);
	rq.track = "big";
	rq.start = "2026-03-02";
	rq.weekdays = SCHEDULE_MON;
	rq.slots = sl;
	rq.nslots = 1;
	cr_assert_eq(schedule_generate(&rq, &tt, &err), FD_E_INVALID);
	cr_assert(strstr(err.msg, "2028-03-02"), "%s", err.msg);
	cr_assert_null(tt.v);
}

Test(schedule, slot_parsing)
{
	struct schedule_slot v[SCHEDULE_SLOTS_MAX];
	struct fd_err err = {{0}};
	char out[128];
	size_t n = 99;

	n = sched_slots("14:00-17:00, 09:00-12:00", v);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0].start, 540);
	cr_assert_eq(v[0].end, 720);
	cr_assert_eq(v[1].start, 840);
	cr_assert_eq(v[1].end, 1020);
	schedule_slots_format(v, n, out, sizeof(out));
	cr_assert_str_eq(out, "09:00-12:00,14:00-17:00");
	schedule_slots_format(v, n, out, 12);
	cr_assert_str_eq(out, "09:00-12:00");
	schedule_slots_format(v, n, out, 11);
	cr_assert_str_eq(out, "");
	/* Touching slots are fine; full-width input too. */
	cr_assert_eq(sched_slots("09:00-12:00;12:00-13:00", v), 2);
	cr_assert_eq(sched_slots("9:00－12:00，14：00～17:30、19:00~21:00", v),
	             3);
	cr_assert_eq(v[1].end, 17 * 60 + 30);
	cr_assert_eq(sched_slots("00:00-24:00", v), 1);

	cr_assert_eq(schedule_slots_parse("25:00-26:00", v, 8, &n, &err),
	             FD_E_INVALID);
	cr_assert(strstr(err.msg, "\"25:00\" is not a time"), "%s", err.msg);
	cr_assert_eq(n, 0);
	cr_assert_eq(schedule_slots_parse("12:00-09:00", v, 8, &n, &err),
	             FD_E_INVALID);
	cr_assert(strstr(err.msg, "12:00-09:00: the slot must end after"), "%s",
	          err.msg);
	cr_assert_eq(schedule_slots_parse("09:00-09:00", v, 8, &n, &err),
	             FD_E_INVALID);
	cr_assert_eq(
	    schedule_slots_parse("09:00-12:00, 11:00-13:00", v, 8, &n, &err),
	    FD_E_INVALID);
	cr_assert(strstr(err.msg, "09:00-12:00 and 11:00-13:00 overlap"), "%s",
	          err.msg);
	cr_assert_eq(
	    schedule_slots_parse("09:00-12:00 10:00-11:00", v, 8, &n, &err),
	    FD_E_INVALID);
	cr_assert_eq(schedule_slots_parse("", v, 8, &n, &err), FD_E_INVALID);
	cr_assert(strstr(err.msg, "e.g. 09:00-12:00"), "%s", err.msg);
	cr_assert_eq(schedule_slots_parse(NULL, v, 8, &n, &err), FD_E_INVALID);
	cr_assert_eq(schedule_slots_parse("09:00", v, 8, &n, &err),
	             FD_E_INVALID);
	cr_assert(strstr(err.msg, "\"09:00\": write a time slot"), "%s",
	          err.msg);
	cr_assert_eq(schedule_slots_parse("-12:00", v, 8, &n, &err),
	             FD_E_INVALID);
	cr_assert_eq(schedule_slots_parse("09:00-", v, 8, &n, &err),
	             FD_E_INVALID);
	cr_assert_eq(schedule_slots_parse("09:60-10:00", v, 8, &n, &err),
	             FD_E_INVALID);
	cr_assert_eq(schedule_slots_parse("9-12", v, 8, &n, &err),
	             FD_E_INVALID);
	cr_assert_eq(
	    schedule_slots_parse("08:00-09:00,10:00-11:00", v, 1, &n, &err),
	    FD_E_INVALID);
	cr_assert(strstr(err.msg, "At most 1"), "%s", err.msg);
	cr_assert_eq(schedule_slots_parse("1:00-2:00 3:00-4:00 5:00-6:00 "
	                                  "7:00-8:00 9:00-10:00 11:00-12:00 "
	                                  "13:00-14:00 15:00-16:00 "
	                                  "17:00-18:00",
	                                  v, 99, &n, &err),
	             FD_E_INVALID);
	/* Control characters are not echoed into the message. */
	cr_assert_eq(schedule_slots_parse("09:00-1\x1b[2J", v, 8, &n, &err),
	             FD_E_INVALID);
	cr_assert_null(strchr(err.msg, '\x1b'), "%s", err.msg);
}

Test(schedule, overlap_and_conflicts)
{
	struct schedule_session a = {0}, b = {0};
	struct schedule_timetable ta, tb;
	size_t i = 99, j = 99;

	memcpy(a.date, "2026-03-02", 11);
	memcpy(b.date, "2026-03-02", 11);
	a.start = 540;
	a.end = 720;
	b.start = 660;
	b.end = 780;
	cr_assert(schedule_overlap(&a, &b));
	cr_assert(schedule_overlap(&b, &a));
	b.start = 720; /* touching */
	cr_assert_not(schedule_overlap(&a, &b));
	cr_assert_not(schedule_overlap(&b, &a));
	b.start = 600;
	b.end = 660; /* inside */
	cr_assert(schedule_overlap(&a, &b));
	memcpy(b.date, "2026-03-03", 11);
	cr_assert_not(schedule_overlap(&a, &b));
	memcpy(b.date, "garbage!!!", 11);
	cr_assert_not(schedule_overlap(&a, &b));

	/* Two cohorts in the same slots from the same day: the first
	 * sessions collide. */
	sched_gen("ecom", "2026-03-02", SCHEDULE_MON_FRI,
	          "09:00-12:00, 14:00-17:00", 0, "r1", "i1", &ta);
	sched_gen("cs", "2026-03-02", SCHEDULE_MON_FRI,
	          "09:00-12:00, 14:00-17:00", 0, "r1", "i2", &tb);
	cr_assert(schedule_conflicts(ta.v, ta.n, tb.v, tb.n, &i, &j));
	cr_assert_eq(i, 0);
	cr_assert_eq(j, 0);
	cr_assert(schedule_conflicts(tb.v, tb.n, ta.v, ta.n, NULL, NULL));
	schedule_timetable_free(&tb);

	/* Evening cohort: no overlap; touching at 17:00 neither. */
	sched_gen("cs", "2026-03-02", SCHEDULE_MON_FRI, "17:00-20:00", 0, "r1",
	          "i1", &tb);
	cr_assert_not(schedule_conflicts(ta.v, ta.n, tb.v, tb.n, &i, &j));
	cr_assert_not(schedule_conflicts(tb.v, tb.n, ta.v, ta.n, &i, &j));
	schedule_timetable_free(&tb);

	/* Starts the day after the other ends (23 March): no overlap. */
	cr_assert_str_eq(ta.last, "2026-03-23");
	sched_gen("cs", "2026-03-24", SCHEDULE_MON_FRI,
	          "09:00-12:00, 14:00-17:00", 0, "r1", "i1", &tb);
	cr_assert_not(schedule_conflicts(ta.v, ta.n, tb.v, tb.n, &i, &j));
	schedule_timetable_free(&tb);

	/* Overlap late in the other's timetable: Tuesday afternoons from
	 * 16:00, the first is 3 March 16:00 against ecom's 15:00-17:00. */
	sched_gen("cs", "2026-03-03", SCHEDULE_TUE, "16:00-18:00", 0, "r2",
	          "i9", &tb);
	cr_assert(schedule_conflicts(ta.v, ta.n, tb.v, tb.n, &i, &j));
	cr_assert_str_eq(ta.v[i].date, "2026-03-03");
	cr_assert_eq(ta.v[i].start, 15 * 60);
	cr_assert_eq(j, 0);
	/* Order does not matter: reversed arrays find the same pair. */
	{
		size_t n = tb.n, ri, rj;
		struct schedule_session *rev = xmalloc(n * sizeof(*rev));

		for (size_t k = 0; k < n; k++)
			rev[k] = tb.v[n - 1 - k];
		cr_assert(schedule_conflicts(ta.v, ta.n, rev, n, &ri, &rj));
		cr_assert_eq(ri, i);
		cr_assert_eq(rj, n - 1);
		free(rev);
	}
	cr_assert_not(schedule_conflicts(ta.v, 0, tb.v, tb.n, &i, &j));
	cr_assert_not(schedule_conflicts(NULL, 0, NULL, 0, &i, &j));
	schedule_timetable_free(&tb);
	schedule_timetable_free(&ta);
}

/* Room and instructor double-booking over all sessions of many cohorts. */
Test(schedule, double_booked)
{
	struct schedule_timetable t1, t2, t3;
	struct schedule_session *all;
	size_t n, i = 99, j = 99;

	sched_gen("ecom", "2026-03-02", SCHEDULE_MON_FRI, "09:00-12:00", 0,
	          "r1", "i1", &t1);
	/* Same room, touching slots: fine. */
	sched_gen("cs", "2026-03-02", SCHEDULE_MON_FRI, "12:00-14:00", 0, "r1",
	          "i2", &t2);
	/* Another room, same instructor as t1 from Wednesday 4 March. */
	sched_gen("live", "2026-03-04", SCHEDULE_WED, "11:00-13:00", 0, "r2",
	          "i1", &t3);
	n = t1.n + t2.n + t3.n;
	all = xmalloc(n * sizeof(*all));
	memcpy(all, t2.v, t2.n * sizeof(*all));
	memcpy(all + t2.n, t3.v, t3.n * sizeof(*all));
	memcpy(all + t2.n + t3.n, t1.v, t1.n * sizeof(*all));

	cr_assert_not(schedule_double_booked(all, n, SCHEDULE_ROOM, &i, &j));
	cr_assert(schedule_double_booked(all, n, SCHEDULE_INSTRUCTOR, &i, &j));
	cr_assert_str_eq(all[i].instructor, "i1");
	cr_assert_str_eq(all[j].instructor, "i1");
	cr_assert_str_eq(all[i].date, "2026-03-04");
	cr_assert_str_eq(all[i].cohort, "ecom");
	cr_assert_str_eq(all[j].cohort, "live");
	cr_assert(schedule_overlap(&all[i], &all[j]));

	/* Put t3 in room r1 too: now the room clashes as well. */
	for (size_t k = t2.n; k < t2.n + t3.n; k++)
		memcpy(all[k].room, "r1", 3);
	cr_assert(schedule_double_booked(all, n, SCHEDULE_ROOM, &i, &j));
	cr_assert_str_eq(all[j].room, "r1");
	cr_assert(schedule_overlap(&all[i], &all[j]));
	/* No room named: never a clash. */
	for (size_t k = 0; k < n; k++)
		all[k].room[0] = '\0';
	cr_assert_not(schedule_double_booked(all, n, SCHEDULE_ROOM, &i, &j));
	cr_assert_not(schedule_double_booked(NULL, 0, SCHEDULE_ROOM, &i, &j));
	free(all);
	schedule_timetable_free(&t1);
	schedule_timetable_free(&t2);
	schedule_timetable_free(&t3);
}

/* A trainee in two cohorts: the caller checks the two timetables whatever
 * their rooms and instructors. */
Test(schedule, trainee_conflict)
{
	struct schedule_timetable ta, tb;
	size_t i, j;

	sched_gen("ecom", "2026-03-02", SCHEDULE_MON | SCHEDULE_WED,
	          "09:00-12:00", 0, "r1", "i1", &ta);
	sched_gen("photo", "2026-03-02", SCHEDULE_TUE | SCHEDULE_THU,
	          "09:00-12:00", 0, "r2", "i2", &tb);
	cr_assert_not(schedule_conflicts(ta.v, ta.n, tb.v, tb.n, &i, &j));
	schedule_timetable_free(&tb);
	sched_gen("photo", "2026-03-09", SCHEDULE_WED, "10:00-11:00", 0, "r2",
	          "i2", &tb);
	cr_assert(schedule_conflicts(ta.v, ta.n, tb.v, tb.n, &i, &j));
	cr_assert_str_eq(ta.v[i].date, "2026-03-11");
	cr_assert_str_eq(tb.v[j].date, "2026-03-11");
	schedule_timetable_free(&ta);
	schedule_timetable_free(&tb);
}

Test(schedule, move_session)
{
	struct schedule_timetable tt, other;
	struct fd_err err = {{0}};
	size_t to = 99, i, j;
	struct schedule_session before;

	sched_gen("ecom", "2026-02-09", SCHEDULE_MON_FRI,
	          "09:00-12:00, 14:00-17:00", 0, "r1", "i1", &tt);
	before = tt.v[0];
	/* Into the Spring Festival: refused, naming it. */
	cr_assert_eq(schedule_move(tt.v, tt.n, 0, SCHEDULE_MON_FRI,
	                           "2026-02-17", "09:00", &to, &err),
	             FD_E_INVALID);
	cr_assert(strstr(err.msg, "2026-02-17 is a public holiday (春节)"),
	          "%s", err.msg);
	/* An ordinary Saturday: refused for a Monday-Friday cohort. */
	cr_assert_eq(schedule_move(tt.v, tt.n, 0, SCHEDULE_MON_FRI,
	                           "2026-03-07", "09:00", &to, &err),
	             FD_E_INVALID);
	cr_assert(strstr(err.msg, "weekend"), "%s", err.msg);
	/* Over its own session of 10 February 09:00-12:00. */
	cr_assert_eq(schedule_move(tt.v, tt.n, 0, SCHEDULE_MON_FRI,
	                           "2026-02-10", "10:00", &to, &err),
	             FD_E_INVALID);
	cr_assert(strstr(err.msg, "2026-02-10 09:00-12:00"), "%s", err.msg);
	/* Past midnight, a bad time, a bad date, a bad index. */
	cr_assert_eq(schedule_move(tt.v, tt.n, 0, SCHEDULE_MON_FRI,
	                           "2026-02-10", "22:00", &to, &err),
	             FD_E_INVALID);
	cr_assert(strstr(err.msg, "24:00"), "%s", err.msg);
	cr_assert_eq(schedule_move(tt.v, tt.n, 0, SCHEDULE_MON_FRI,
	                           "2026-02-10", "25:00", &to, &err),
	             FD_E_INVALID);
	cr_assert_eq(schedule_move(tt.v, tt.n, 0, SCHEDULE_MON_FRI,
	                           "2026-02-30", "09:00", &to, &err),
	             FD_E_INVALID);
	cr_assert_eq(schedule_move(tt.v, tt.n, tt.n, SCHEDULE_MON_FRI,
	                           "2026-02-10", "18:00", &to, &err),
	             FD_E_INVALID);
	cr_assert_eq(memcmp(&tt.v[0], &before, sizeof(before)), 0);
	cr_assert_eq(to, 99);

	/* The make-up Saturday 14 February is a working day: accepted, and
	 * the session sorts in after Friday 13th's. */
	cr_assert_eq(schedule_move(tt.v, tt.n, 0, SCHEDULE_MON_FRI,
	                           "2026-02-14", "09:00", &to, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(to, 11);
	cr_assert_str_eq(tt.v[11].date, "2026-02-14");
	cr_assert_eq(tt.v[11].start, 540);
	cr_assert_eq(tt.v[11].end, 720);
	cr_assert_str_eq(tt.v[11].module, "ecom01");
	for (size_t k = 1; k < tt.n; k++)
		cr_assert(strcmp(tt.v[k - 1].date, tt.v[k].date) < 0 ||
		          (strcmp(tt.v[k - 1].date, tt.v[k].date) == 0 &&
		           tt.v[k - 1].end <= tt.v[k].start));
	/* Evening of a working day: fine, moved back to the front. */
	cr_assert_eq(schedule_move(tt.v, tt.n, 11, SCHEDULE_MON_FRI,
	                           "2026-02-09", "18:00", &to, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(to, 2);
	/* A Saturday cohort may move to an ordinary Saturday. */
	cr_assert_eq(schedule_move(tt.v, tt.n, 2,
	                           SCHEDULE_MON_FRI | SCHEDULE_SAT,
	                           "2026-03-07", "09:00", &to, &err),
	             FD_OK, "%s", err.msg);

	/* The caller then re-checks other cohorts: an evening cohort in the
	 * same room on 9 February now collides with the moved session. */
	cr_assert_eq(schedule_move(tt.v, tt.n, to, SCHEDULE_MON_FRI,
	                           "2026-02-09", "18:00", &to, &err),
	             FD_OK, "%s", err.msg);
	sched_gen("cs", "2026-02-09", SCHEDULE_MON, "19:00-20:00", 0, "r1",
	          "i2", &other);
	cr_assert(schedule_conflicts(tt.v, tt.n, other.v, other.n, &i, &j));
	cr_assert_eq(i, to);
	cr_assert_eq(j, 0);
	schedule_timetable_free(&other);
	schedule_timetable_free(&tt);
}

Test(schedule, deterministic)
{
	struct schedule_timetable a, b;
	struct fd_err err = {{0}};

	sched_gen("photo", "2026-09-14",
	          SCHEDULE_MON | SCHEDULE_WED | SCHEDULE_FRI,
	          "08:30-11:45, 13:30-16:00", 0, "r", "i", &a);
	sched_invariants(&a, "08:30-11:45, 13:30-16:00");
	cr_assert_eq(schedule_load(NULL, NULL, &err), FD_OK, "%s", err.msg);
	sched_gen("photo", "2026-09-14",
	          SCHEDULE_MON | SCHEDULE_WED | SCHEDULE_FRI,
	          "13:30-16:00 08:30-11:45", 0, "r", "i", &b);
	cr_assert_eq(a.n, b.n);
	for (size_t i = 0; i < a.n; i++) {
		char x[64], y[64];

		sched_show(&a.v[i], x, sizeof(x));
		sched_show(&b.v[i], y, sizeof(y));
		cr_assert_str_eq(x, y);
		cr_assert_str_eq(a.v[i].room, b.v[i].room);
		cr_assert_str_eq(a.v[i].instructor, b.v[i].instructor);
	}
	cr_assert_str_eq(a.first, b.first);
	cr_assert_str_eq(a.last, b.last);
	schedule_timetable_free(&a);
	schedule_timetable_free(&b);
}

/* Each bad curriculum is refused with FILE:LINE and what to do. */
Test(schedule, curriculum_errors)
{
	static const struct {
		const char *text;
		const char *want;
	} cases[] = {
	    {"", "c.txt: no tracks"},
	    {"# only a comment\n", "c.txt: no tracks"},
	    {"ecom01 | 4 | a | b\n", "c.txt:1: this line comes before any"},
	    {"[track ecom]\n", "c.txt:1: \"[track ecom]\": a section line is"},
	    {"[track Ecom 1]\n", "c.txt:1: track code \"Ecom\""},
	    {"[track ecom 1\n", "c.txt:1: a section line ends with ]"},
	    {"[track e 1]\nname | 甲 | A\n", "c.txt:1: track e has no modules"},
	    {"[track e 1]\n\n[track f 1]\n", "c.txt:1: track e has no name"},
	    {"[track e 1]\nm1 | 2 | a | b\n",
	     "c.txt:2: the line after [track e ...] is \"name"},
	    {"[track e 1]\nname | 甲\n", "c.txt:2: the name line is"},
	    {"[track e 1]\nname | 甲 | A\nname | 乙 | B\n",
	     "c.txt:3: track e has a name already"},
	    {"[track e 1]\nname | 甲 | A\nm1 | 0 | a | b\n",
	     "c.txt:3: hours \"0\""},
	    {"[track e 1]\nname | 甲 | A\nm1 | 1.33 | a | b\n",
	     "c.txt:3: hours \"1.33\""},
	    {"[track e 1]\nname | 甲 | A\nm1 | 61 | a | b\n",
	     "c.txt:3: hours \"61\""},
	    {"[track e 1]\nname | 甲 | A\nm1 | x | a | b\n",
	     "c.txt:3: hours \"x\""},
	    {"[track e 1]\nname | 甲 | A\nm1 | 2 | a\n",
	     "c.txt:3: \"m1 | 2 | a\": expected \"MODULE | HOURS"},
	    {"[track e 1]\nname | 甲 | A\nm 1 | 2 | a | b\n",
	     "c.txt:3: module code \"m 1\""},
	    {"[track e 1]\nname | 甲 | A\nm1 | 2 |  | b\n",
	     "c.txt:3: the Chinese name is empty"},
	    {"[track e 1]\nname | 甲 | A\nm1 | 2 | a\tb | b\n",
	     "c.txt:3: the Chinese name holds a control"},
	    {"[track e 1]\nname | 甲 | A\nm1 | 2 | a | b\n"
	     "[track f 1]\nname | 乙 | B\nm1 | 2 | a | b\n",
	     "c.txt:6: module code m1 is already used in track e"},
	    {"[track e 1]\nname | 甲 | A\nm1 | 2 | a | b\n"
	     "[track e 2]\n",
	     "c.txt:4: track e is defined twice (also on line 1)"},
	    {"[track e 1]\nname | 甲 | A\nm1 | 2 | a | b\n"
	     "[track f 1]\nname | 丙 | a\n",
	     "c.txt:5: track f has the name of track e (line 1)"},
	    {"[track e 1]\nname | 甲 | A\nm1 | 2 | \xff | b\n",
	     "c.txt:3: not valid UTF-8"},
	    {"[track e 1]\nname | 甲 | A\nm1 | 2 | a | b\n\n\nm2 | 2\0 | a | "
	     "b\n",
	     "c.txt:6: the line holds a NUL byte"},
	};
	struct fd_err err;
	size_t n;

	for (size_t k = 0; k < FD_ARRAY_LEN(cases); k++) {
		const char *t = cases[k].text;
		size_t len = strlen(t);

		if (strstr(t, "m2 | 2"))
			len += strlen(t + len + 1) + 1;
		err.msg[0] = '\0';
		cr_assert_eq(
		    schedule_curriculum_load_buffer("c.txt", t, len, &err),
		    FD_E_PARSE, "case %zu", k);
		cr_assert(
		    strncmp(err.msg, cases[k].want, strlen(cases[k].want)) == 0,
		    "case %zu: got \"%s\", want \"%s...\"", k, err.msg,
		    cases[k].want);
		/* The embedded curriculum is still there. */
		schedule_tracks(&n);
		cr_assert_eq(n, 5);
	}
}

/* Each bad holidays file is refused with FILE:LINE and what to do. */
Test(schedule, holiday_errors)
{
	static const struct {
		const char *text;
		const char *want;
	} cases[] = {
	    {"", "h.txt: no years"},
	    {"2026-01-01 | holiday | 元旦 | New Year\n",
	     "h.txt:1: this line comes before any year"},
	    {"[year 2026]\n", "h.txt:1: \"[year 2026]\": a section line is"},
	    {"[year 26 official]\n", "h.txt:1: \"26\" is not a year"},
	    {"[year 2026 maybe]\n", "h.txt:1: \"maybe\": say \"official\""},
	    {"[year 2026 official]\n", "h.txt:1: year 2026 has no dates"},
	    {"[year 2026 official]\n[year 2027 official]\n"
	     "2027-01-01 | holiday | a | b\n",
	     "h.txt:1: year 2026 has no dates"},
	    {"[year 2026 official]\n2026-01-01 | holiday | a | b\n"
	     "[year 2026 projected]\n",
	     "h.txt:3: year 2026 has a section already (line 1)"},
	    {"[year 2026 official]\n2027-01-01 | holiday | a | b\n",
	     "h.txt:2: 2027-01-01 is not in year 2026"},
	    {"[year 2026 official]\n2026-02-30 | holiday | a | b\n",
	     "h.txt:2: \"2026-02-30\" is not a date"},
	    {"[year 2026 official]\n2026-02-16 | workday | a | b\n",
	     "h.txt:2: 2026-02-16 is a weekday; a make-up"},
	    {"[year 2026 official]\n2026-02-16 | off | a | b\n",
	     "h.txt:2: \"off\": the kind is \"holiday\""},
	    {"[year 2026 official]\n2026-02-16 | holiday | a\n",
	     "h.txt:2: \"2026-02-16 | holiday | a\": expected"},
	    {"[year 2026 official]\n2026-02-16 | holiday | a | b\n"
	     "# comment\n2026-02-16 | holiday | c | d\n",
	     "h.txt:4: 2026-02-16 is listed twice (also on line 2)"},
	    {"[year 2026 official]\n2026-02-16 | holiday |  | b\n",
	     "h.txt:2: the Chinese name is empty"},
	};
	struct fd_err err;

	for (size_t k = 0; k < FD_ARRAY_LEN(cases); k++) {
		err.msg[0] = '\0';
		cr_assert_eq(
		    schedule_holidays_load_buffer("h.txt", cases[k].text,
		                                  strlen(cases[k].text), &err),
		    FD_E_PARSE, "case %zu", k);
		cr_assert(
		    strncmp(err.msg, cases[k].want, strlen(cases[k].want)) == 0,
		    "case %zu: got \"%s\", want \"%s...\"", k, err.msg,
		    cases[k].want);
		cr_assert_eq(
		    schedule_holidays_add_buffer("h.txt", cases[k].text,
		                                 strlen(cases[k].text), &err),
		    FD_E_PARSE, "case %zu", k);
		/* Nothing changed. */
		cr_assert_not(schedule_is_working_day("2026-02-17"));
		cr_assert_eq(schedule_year_status(2027),
		             SCHEDULE_YEAR_PROJECTED);
	}
}

/* An added file replaces the years it has sections for, and only those. */
Test(schedule, holidays_add_file, .init = sched_dir_setup,
     .fini = sched_dir_teardown)
{
	static const char add[] =
	    "\xEF\xBB\xBF# the 2027 notice (pretend)\r\n"
	    "[year 2027 official]\r\n"
	    "2027-02-06 | holiday | 春节 | Spring Festival\r\n"
	    "2027-02-07 | holiday | 春节 | Spring Festival\r\n"
	    "2027-02-21 | workday | 春节调休上班 | Make-up working day\r\n"
	    "[year 2028 official]\r\n"
	    "2028-01-03 | holiday | 基地休息日 | Base day off\r\n";
	char *path = xasprintf("%s/extra.txt", tmpdir);
	char *bad = xasprintf("%s/bad.txt", tmpdir);
	struct fd_err err = {{0}};
	FILE *f = fopen(path, "wb");
	size_t n0, n1;

	cr_assert_not_null(f);
	fwrite(add, 1, sizeof(add) - 1, f);
	fclose(f);
	f = fopen(bad, "wb");
	cr_assert_not_null(f);
	fputs("[year 2026 official]\n2026-03-02 | workday | x | y\n", f);
	fclose(f);
	schedule_holidays(&n0);

	cr_assert_eq(schedule_holidays_add(bad, &err), FD_E_PARSE);
	cr_assert(strncmp(err.msg, bad, strlen(bad)) == 0, "%s", err.msg);
	cr_assert(strstr(err.msg, ":2: 2026-03-02 is a weekday"), "%s",
	          err.msg);
	schedule_holidays(&n1);
	cr_assert_eq(n1, n0);

	cr_assert_eq(schedule_holidays_add(path, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(schedule_year_status(2027), SCHEDULE_YEAR_OFFICIAL);
	cr_assert_eq(schedule_year_status(2028), SCHEDULE_YEAR_OFFICIAL);
	cr_assert_eq(schedule_year_status(2026), SCHEDULE_YEAR_OFFICIAL);
	/* 2027 is the added file's now. */
	cr_assert_not(schedule_is_working_day("2027-01-31"));
	cr_assert(schedule_is_working_day("2027-02-05"));
	cr_assert(schedule_is_working_day("2027-02-08"));
	cr_assert(schedule_is_working_day("2027-02-21"));
	cr_assert(schedule_is_working_day("2027-10-01"));
	cr_assert_not(schedule_is_working_day("2028-01-03"));
	/* 2026 untouched. */
	cr_assert_not(schedule_is_working_day("2026-02-17"));
	cr_assert(schedule_is_working_day("2026-02-28"));
	{
		const struct schedule_holiday *h = schedule_holidays(&n1);

		for (size_t i = 1; i < n1; i++)
			cr_assert_lt(strcmp(h[i - 1].date, h[i].date), 0);
	}

	cr_assert_eq(schedule_holidays_add("/nonexistent/h.txt", &err),
	             FD_E_IO);
	cr_assert(strstr(err.msg, "/nonexistent/h.txt"), "%s", err.msg);
	cr_assert_eq(schedule_holidays_add(NULL, &err), FD_E_IO);
	/* A full load drops what was added. */
	cr_assert_eq(schedule_load(NULL, NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(schedule_year_status(2027), SCHEDULE_YEAR_PROJECTED);
	cr_assert_eq(schedule_year_status(2028), SCHEDULE_YEAR_NONE);
	/* A load naming a missing file keeps the tables. */
	cr_assert_eq(schedule_load(NULL, "/nonexistent/h.txt", &err), FD_E_IO);
	cr_assert_not_null(schedule_track_find("ecom"));
	cr_assert_eq(schedule_load(bad, NULL, &err), FD_E_PARSE);
	cr_assert(strncmp(err.msg, bad, strlen(bad)) == 0, "%s", err.msg);
	cr_assert_not_null(schedule_track_find("ecom"));
	free(path);
	free(bad);
}

/* Weekdays as staff type them: Chinese, digits, English, ranges, lists
 * with their separators; a piece that is no day is named. */
Test(schedule, weekdays_typed)
{
	static const struct {
		const char *text;
		unsigned mask;
		const char *bad;
	} cases[] = {
	    {"一二三四五", SCHEDULE_MON_FRI, NULL},
	    {"一至五", SCHEDULE_MON_FRI, NULL},
	    {"周一到周五", SCHEDULE_MON_FRI, NULL},
	    {"1-5", SCHEDULE_MON_FRI, NULL},
	    {"１－５", SCHEDULE_MON_FRI, NULL},
	    {"Mon-Fri", SCHEDULE_MON_FRI, NULL},
	    {"monday, WED", SCHEDULE_MON | SCHEDULE_WED, NULL},
	    {"一、三、五", SCHEDULE_MON | SCHEDULE_WED | SCHEDULE_FRI, NULL},
	    {"星期六 星期日", SCHEDULE_SAT | SCHEDULE_SUN, NULL},
	    {"六天", SCHEDULE_SAT | SCHEDULE_SUN, NULL},
	    {"五-一", SCHEDULE_FRI | SCHEDULE_SAT | SCHEDULE_SUN | SCHEDULE_MON,
	     NULL},
	    {"1-7", SCHEDULE_ALL_DAYS, NULL},
	    {"", 0, NULL},
	    {"周", 0, NULL},
	    {"一二八", 0, "八"},
	    {"1-9", 0, "9"},
	    {"Mon-Fry", 0, "Fry"},
	    {"一\xff", 0, "\xff"},
	    /* A range without its end is not the day it starts from. */
	    {"一至", 0, "至"},
	    {"周一到", 0, "到"},
	    {"1-", 0, "-"},
	    {"一至 周", 0, "至"},
	    {"一三至", 0, "至"},
	    /* What QA typed: no day 8 or 0, no 周末. */
	    {"8", 0, "8"},
	    {"0-6", 0, "0"},
	    {"周末", 0, "末"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *bad = (char *)"unset";
		unsigned mask = schedule_weekdays_parse(cases[i].text, &bad);

		cr_assert_eq(mask, cases[i].mask, "%s: %#x", cases[i].text,
		             mask);
		if (cases[i].bad)
			cr_assert_str_eq(bad, cases[i].bad, "%s", cases[i].text);
		else
			cr_assert_null(bad, "%s: %s", cases[i].text, bad);
		free(bad);
	}
}
