/*
 * Demonstration households.
 *
 * Design
 * - One pseudo-random sequence (splitmix64 of the seed) drives every
 *   choice, in a fixed order, and ages are counted from a given day: the
 *   same seed and day give the same database (ids included, since rows are
 *   inserted in the same order into an empty database).
 * - Villages: every village below Linxia prefecture (622900) in the loaded
 *   region table, in code order; each household picks one at random. 户编号
 *   is the village's 12 digits and a 4-digit sequence within the village.
 * - A family is built around its head (30-65): a spouse of the other sex
 *   (most male heads, a quarter of the female ones), children born when
 *   the mother was 20-38, sometimes the head's parents (a younger head), a
 *   married son's wife and their children. Each person's fields follow
 *   from age, sex and health so that the county rules hold: a child under
 *   6 is 学龄前儿童, 6-17 mostly at school (then no education), adults
 *   not at school with an education by generation; labour 无劳动力 only
 *   for children, students and the old or ill (rule 8); a work place and
 *   months exactly for those who worked (rule 7); main cause of poverty
 *   follows the family (an ill or disabled member, students).
 * - Names are unique within a village and name + birth date unique
 *   overall, so the likely-duplicate check stays quiet; ID numbers are
 *   unique. Every household is checked and saved by household_save_in,
 *   all in one transaction, accepting no warning: a household that would
 *   raise one fails the whole fill (a bug here, caught by the tests).
 *
 * Invariants
 * - The database holds no household before; afterwards it holds exactly
 *   the requested number, or nothing when anything failed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/codes.h"
#include "frontdesk/cohort.h"
#include "frontdesk/demo.h"
#include "frontdesk/household.h"
#include "frontdesk/i18n.h"
#include "frontdesk/idcard.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/schedule.h"
#include "frontdesk/txn.h"
#include "frontdesk/util.h"
#include "frontdesk/workflow.h"

#define DEMO_PREFECTURE "622900"
#define DEMO_NAME_TRIES 64

/* Surnames of the area, the common ones repeated (weight). */
static const char *const demo_surnames[] = {
	"马", "马", "马", "马", "马", "王", "王", "张", "张", "李", "李",
	"韩", "韩", "何", "妥", "妥", "杨", "杨", "冶", "冶", "赵", "陈",
	"罗", "苏", "孔", "喇", "沙", "穆", "祁", "鲁", "周", "刘", "石",
	"虎", "铁", "白", "康",
};

static const char *const demo_given_male[] = {
	"建", "国", "军", "明", "华", "伟", "强", "勇", "平", "志", "福",
	"贵", "成", "忠", "德", "海", "文", "俊", "杰", "龙", "虎", "学",
	"斌", "云", "林", "哈", "尔", "麦", "有", "才", "元", "山", "东",
	"祥", "义", "仁", "贤", "录", "奴", "西", "木", "洒", "布", "力",
};

static const char *const demo_given_female[] = {
	"秀", "英", "兰", "梅", "花", "玉", "芳", "霞", "燕", "红", "丽",
	"娟", "萍", "琴", "莲", "凤", "桂", "珍", "尕", "艳", "丹", "静",
	"婷", "月", "蕊", "素", "雪", "菊", "麦", "热", "雅", "法", "图",
};

static const char *const demo_natural_villages[] = {
	"一社", "二社", "三社", "四社", "五社", "六社", "七社", "八社",
	"上庄", "下庄", "阳洼", "阴洼", "新庄", "大湾", "沟门", "台子",
};

static const char *const demo_banks[] = {
	"甘肃省农村信用社", "甘肃省农村信用社", "甘肃省农村信用社",
	"中国农业银行",     "中国农业银行",     "中国邮政储蓄银行",
};

static const char *const demo_posts[] = {
	"科员", "副镇长", "干部", "驻村工作队队员", "站长", "副局长",
};

static const char *const demo_in_province[] = {
	"临夏市", "兰州市", "合作市", "白银市", "天水市",
};

static const char *const demo_out_province[] = {
	"福建省厦门市", "青海省西宁市",   "新疆乌鲁木齐市",
	"广东省广州市", "浙江省义乌市",   "宁夏银川市",
};

/* Main causes of poverty and their weights (cause list). */
static const struct {
	const char *code;
	int weight;
} demo_causes[] = {
	{"01", 14}, {"02", 6}, {"03", 8}, {"04", 3},  {"05", 8}, {"06", 6},
	{"07", 16}, {"08", 9}, {"09", 18}, {"10", 6}, {"11", 4}, {"12", 2},
};

/* Ethnicities by county (ethnicity list codes) with weights. */
struct demo_eth {
	const char *county;
	const char *code[5];
	int weight[5];
};

static const struct demo_eth demo_eths[] = {
	{"622921", {"03", "01", "26"}, {60, 35, 5}},
	{"622926", {"26", "03", "01"}, {80, 15, 5}},
	{"622927", {"47", "26", "35", "03", "01"}, {20, 25, 15, 25, 15}},
	{NULL, {"03", "01"}, {55, 45}},
};

/* splitmix64. */
struct demo_rng {
	uint64_t s;
};

/* A set of strings (names, ID numbers already used). */
struct demo_set {
	char **v;
	size_t cap, n;
};

/* One fill in progress. */
struct demo {
	struct demo_rng rng;
	int ty, tm, td; /* today */
	const char *today;
	char *today_copy;
	const struct region **villages;
	size_t nvillages;
	int *seq; /* next 户编号 sequence per village */
	struct demo_set ids, names;
	/* the household being built */
	const struct region *village;
	const char *eth;
	int students, ill, disabled;
};

/* Next pseudo-random 64 bits. */
static uint64_t
demo_next(struct demo_rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* A whole number in [lo, hi] from r. */
static int
demo_rng_int(struct demo_rng *r, int lo, int hi)
{
	return lo + (int)(demo_next(r) % (uint64_t)(hi - lo + 1));
}

/* A whole number in [lo, hi]. */
static int
demo_int(struct demo *d, int lo, int hi)
{
	return demo_rng_int(&d->rng, lo, hi);
}

/* True with the given percent chance. */
static bool
demo_chance(struct demo *d, int percent)
{
	return demo_int(d, 0, 99) < percent;
}

/* One of the n strings at v. */
static const char *
demo_pick(struct demo *d, const char *const *v, size_t n)
{
	return v[demo_int(d, 0, (int)n - 1)];
}

#define DEMO_PICK(d, v) demo_pick(d, v, FD_ARRAY_LEN(v))

/* FNV-1a of s. */
static uint64_t
demo_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

/* Add a copy of s to the set; false if it was there already. */
static bool
demo_set_add(struct demo_set *set, const char *s)
{
	size_t i;

	if (2 * (set->n + 1) > set->cap) {
		struct demo_set big = {0};

		big.cap = set->cap ? set->cap * 2 : 1024;
		big.v = xcalloc(big.cap, sizeof(*big.v));
		for (size_t k = 0; k < set->cap; k++) {
			if (!set->v[k])
				continue;
			i = demo_hash(set->v[k]) & (big.cap - 1);
			while (big.v[i])
				i = (i + 1) & (big.cap - 1);
			big.v[i] = set->v[k];
		}
		big.n = set->n;
		free(set->v);
		*set = big;
	}
	i = demo_hash(s) & (set->cap - 1);
	while (set->v[i]) {
		if (strcmp(set->v[i], s) == 0)
			return false;
		i = (i + 1) & (set->cap - 1);
	}
	set->v[i] = xstrdup(s);
	set->n++;
	return true;
}

static void
demo_set_free(struct demo_set *set)
{
	for (size_t k = 0; k < set->cap; k++)
		free(set->v[k]);
	free(set->v);
	memset(set, 0, sizeof(*set));
}

/* Every village below Linxia prefecture, in code order, into d. */
static enum fd_status
demo_villages(struct demo *d, struct fd_err *err)
{
	const struct region *pref = region_find(DEMO_PREFECTURE);
	const struct region **counties = NULL;
	size_t ncounties = 0, cap = 0;

	if (!pref)
		return fd_fail(err, FD_E_CONFIG,
			       "demo: region %s (临夏回族自治州) is not in the "
			       "region table; load the built-in regions",
			       DEMO_PREFECTURE);
	counties = region_children(pref, &ncounties);
	for (size_t c = 0; c < ncounties; c++) {
		size_t ntowns = 0;
		const struct region **towns =
			region_children(counties[c], &ntowns);

		for (size_t t = 0; t < ntowns; t++) {
			size_t nv = 0;
			const struct region **v =
				region_children(towns[t], &nv);

			for (size_t i = 0; i < nv; i++) {
				if (v[i]->level != REGION_VILLAGE)
					continue;
				if (d->nvillages == cap) {
					cap = cap ? cap * 2 : 64;
					d->villages = xrealloc(
						d->villages,
						cap * sizeof(*d->villages));
				}
				d->villages[d->nvillages++] = v[i];
			}
			free(v);
		}
		free(towns);
	}
	free(counties);
	if (d->nvillages == 0)
		return fd_fail(err, FD_E_CONFIG,
			       "demo: the region table has no villages below "
			       "临夏回族自治州 (%s); the demo needs them",
			       DEMO_PREFECTURE);
	d->seq = xcalloc(d->nvillages, sizeof(*d->seq));
	return FD_OK;
}

/* An ethnicity code for the current village's county. */
static const char *
demo_ethnicity(struct demo *d)
{
	const struct demo_eth *e = demo_eths;
	int total = 0, r;

	while (e->county && strncmp(e->county, d->village->code, 6) != 0)
		e++;
	for (int i = 0; i < 5 && e->code[i]; i++)
		total += e->weight[i];
	r = demo_int(d, 0, total - 1);
	for (int i = 0; i < 5 && e->code[i]; i++) {
		if (r < e->weight[i])
			return e->code[i];
		r -= e->weight[i];
	}
	return e->code[0];
}

/* A birth date "YYYYMMDD" for someone aged exactly age today (never
 * today itself). */
static void
demo_birth(struct demo *d, int age, char out[9])
{
	int m, day, y;

	do {
		m = demo_int(d, 1, 12);
		day = demo_int(d, 1, 28);
	} while (m == d->tm && day == d->td);
	y = d->ty - age;
	if (m > d->tm || (m == d->tm && day > d->td))
		y--;
	snprintf(out, 9, "%04d%02d%02d", y, m, day);
}

/* A new unique valid ID number of the village's county. */
static void
demo_id(struct demo *d, const char *birth, int sex, char out[19])
{
	do {
		int seq = demo_int(d, 0, 499) * 2 + (sex == 1 ? 1 : 0);

		snprintf(out, 19, "%.6s%.8s%03d", d->village->code, birth, seq);
		out[17] = idcard_check_char(out);
		out[18] = '\0';
	} while (!demo_set_add(&d->ids, out));
}

/* A name of the given surname and sex, new in the village and new with
 * this birth date overall. */
static void
demo_name(struct demo *d, const char *surname, int sex, const char *birth,
	  char *out, size_t size)
{
	const char *const *pool = demo_given_female;
	size_t n = FD_ARRAY_LEN(demo_given_female);
	char key[160];

	if (sex == 1) {
		pool = demo_given_male;
		n = FD_ARRAY_LEN(demo_given_male);
	}
	for (int tries = 0;; tries++) {
		int chars = demo_chance(d, 30) ? 1 : 2;

		if (tries > DEMO_NAME_TRIES)
			chars = 3;
		snprintf(out, size, "%s", surname);
		for (int i = 0; i < chars; i++)
			strncat(out, demo_pick(d, pool, n),
				size - strlen(out) - 1);
		snprintf(key, sizeof(key), "%s|%s", d->village->code, out);
		if (!demo_set_add(&d->names, key))
			continue;
		snprintf(key, sizeof(key), "%s|%s", out, birth);
		if (demo_set_add(&d->names, key))
			return;
	}
}

/* An 11-digit mobile number. */
static void
demo_phone(struct demo *d, char out[12])
{
	static const char second[] = "35789";

	snprintf(out, 12, "1%c%09d", second[demo_int(d, 0, 4)],
		 demo_int(d, 0, 999999999));
}

/* Schooling: education and school status for age (rule 6: a student has
 * a school status and no education, anyone else 01 and an education);
 * returns true for a student. */
static bool
demo_schooling(struct demo *d, struct record *r, int age)
{
	const char *school = "01", *edu = "";

	if (age < 6) {
		edu = "07";
	} else if (age <= 11) {
		school = "02";
	} else if (age <= 14) {
		school = "03";
	} else if (age <= 17 && demo_chance(d, 80)) {
		school = demo_chance(d, 30) ? "05" : "04";
	} else if (age <= 17) {
		edu = "03";
	} else if (age <= 22 && demo_chance(d, 30)) {
		school = demo_chance(d, 50) ? "06" : "07";
	} else if (age <= 22) {
		edu = demo_chance(d, 60) ? "03" : "04";
	} else if (age > 55) {
		edu = demo_chance(d, 55) ? "01" : "02";
	} else if (age > 40) {
		edu = demo_chance(d, 50) ? "02" : "03";
	} else {
		int k = demo_int(d, 0, 99);

		edu = k < 45 ? "03" : k < 80 ? "04" : k < 95 ? "05" : "06";
	}
	record_set(r, MEM_SCHOOL, school);
	record_set(r, MEM_EDUCATION, edu);
	return strcmp(school, "01") != 0;
}

/* Health: mostly healthy, more chronic illness with age. */
static const char *
demo_health(struct demo *d, int age)
{
	int k = demo_int(d, 0, 99);

	if (age < 16)
		return k < 97 ? "01" : "04";
	if (age > 60)
		return k < 50 ? "01" : k < 88 ? "02" : k < 94 ? "03" : "04";
	return k < 85 ? "01" : k < 93 ? "02" : k < 96 ? "03" : "04";
}

/* Labour skill (rule 8: 无劳动力 / 丧失劳动力 never for a healthy
 * non-student of 16-60). */
static const char *
demo_labour(struct demo *d, int age, bool student, const char *health)
{
	if (student || age < 16)
		return "05";
	if (age > 60 && strcmp(health, "01") == 0)
		return demo_chance(d, 60) ? "03" : "05";
	if (age > 60)
		return "05";
	if (strcmp(health, "01") == 0) {
		int k = demo_int(d, 0, 99);

		return k < 70 ? "01" : k < 95 ? "02" : "03";
	}
	if (strcmp(health, "02") == 0)
		return "03";
	if (strcmp(health, "03") == 0)
		return "04";
	return demo_chance(d, 50) ? "03" : "04";
}

/* Work status, place and months (rule 7: a place exactly when months >
 * 0), for someone who may work. */
static void
demo_work(struct demo *d, struct record *r)
{
	const struct region *county = d->village->parent->parent;
	const struct region *town = d->village->parent;
	int k = demo_int(d, 0, 99);
	char months[12];
	char *place = NULL;
	const char *status;
	int mo = 0;

	if (k < 30) {
		status = "01";
	} else if (k < 50) {
		status = "02";
		place = xstrdup(county->name);
		mo = demo_int(d, 3, 10);
	} else if (k < 70) {
		status = "03";
		place = xstrdup(DEMO_PICK(d, demo_in_province));
		mo = demo_int(d, 4, 11);
	} else if (k < 90) {
		status = "04";
		place = xstrdup(DEMO_PICK(d, demo_out_province));
		mo = demo_int(d, 5, 11);
	} else if (k < 95) {
		status = "05";
		place = xasprintf("%s%s", town->name, d->village->name);
		mo = 12;
	} else {
		status = "06";
		place = xstrdup(town->name);
		mo = 12;
	}
	record_set(r, MEM_WORK_STATUS, status);
	record_set(r, MEM_WORK_PLACE, place);
	if (mo > 0) {
		snprintf(months, sizeof(months), "%d", mo);
		record_set(r, MEM_WORK_MONTHS, months);
	}
	free(place);
}

/* Add a member: relation, sex (1/2), age, surname; every field filled. */
static size_t
demo_member(struct demo *d, struct household *h, const char *relation,
	    int sex, int age, const char *surname)
{
	size_t m = household_add_member(h);
	struct record *r = h->members[m];
	char birth[9], id[19], name[64], phone[12], disab[24];
	const char *health, *labour;
	bool student, head, participant;

	demo_birth(d, age, birth);
	demo_id(d, birth, sex, id);
	demo_name(d, surname, sex, birth, name, sizeof(name));
	record_set(r, MEM_ID_NUMBER, id);
	household_member_from_id(h, m);
	record_set(r, MEM_NAME, name);
	record_set(r, MEM_RELATION, relation);
	record_set(r, MEM_ETHNICITY,
		   demo_chance(d, 90) ? d->eth : demo_ethnicity(d));
	student = demo_schooling(d, r, age);
	health = demo_health(d, age);
	record_set(r, MEM_HEALTH, health);
	if (strcmp(health, "04") == 0) {
		snprintf(disab, sizeof(disab), "%s4%d", id, demo_int(d, 1, 4));
		record_set(r, MEM_DISABILITY_NO, disab);
		d->disabled++;
	} else if (strcmp(health, "03") == 0) {
		d->ill++;
	}
	d->students += student;
	labour = demo_labour(d, age, student, health);
	record_set(r, MEM_LABOUR, labour);
	if (!student && age >= 16 && age <= 60 && strcmp(labour, "04") != 0 &&
	    strcmp(labour, "05") != 0)
		demo_work(d, r);
	else if (!student && age > 60)
		record_set(r, MEM_WORK_STATUS, "01");
	head = strcmp(relation, CODES_RELATION_HEAD) == 0;
	if (age >= 18 && age <= 60 && (head || demo_chance(d, 60))) {
		demo_phone(d, phone);
		record_set(r, MEM_PHONE, phone);
	}
	participant = !student &&
		      household_member_may_participate(h, m, d->today) &&
		      demo_chance(d, 35);
	record_set(r, MEM_PARTICIPANT, participant ? CODES_YES : CODES_NO);
	return m;
}

/* The family: head, spouse, children, maybe the head's parents, a married
 * son's wife and children. */
static void
demo_family(struct demo *d, struct household *h)
{
	int head_sex = demo_chance(d, 88) ? 1 : 2;
	int head_age = demo_int(d, 30, 65);
	const char *surname = DEMO_PICK(d, demo_surnames);
	const char *kids_surname = surname;
	int mother_age = head_sex == 2 ? head_age : -1, kids, k;
	bool spouse = head_sex == 1 ? demo_chance(d, 90) : demo_chance(d, 25);
	bool married_son = false;

	demo_member(d, h, CODES_RELATION_HEAD, head_sex, head_age, surname);
	if (spouse) {
		int age = head_age + demo_int(d, -8, 2);
		const char *s = DEMO_PICK(d, demo_surnames);

		if (age < 22)
			age = 22;
		demo_member(d, h, CODES_RELATION_SPOUSE, 3 - head_sex, age, s);
		if (head_sex == 1)
			mother_age = age;
		else
			kids_surname = s;
	}
	if (mother_age < 0)
		mother_age = head_age + demo_int(d, -6, 0);
	k = demo_int(d, 0, 99);
	kids = k < 10 ? 0 : k < 35 ? 1 : k < 72 ? 2 : k < 92 ? 3 : 4;
	for (int i = 0; i < kids; i++) {
		int age = mother_age - demo_int(d, 20, 38);
		int sex = demo_chance(d, 52) ? 1 : 2;

		if (age < 0)
			continue;
		demo_member(d, h, sex == 1 ? "03" : "04", sex, age,
			    kids_surname);
		if (sex == 1 && age >= 24 && !married_son &&
		    demo_chance(d, 35)) {
			int wife = age + demo_int(d, -4, 1);
			int grandkids = demo_int(d, 0, 2);

			married_son = true;
			if (wife < 20)
				wife = 20;
			demo_member(d, h, "05", 2, wife,
				    DEMO_PICK(d, demo_surnames));
			for (int g = 0; g < grandkids; g++) {
				int gage = wife - demo_int(d, 20, 30);
				int gsex = demo_chance(d, 52) ? 1 : 2;

				if (gage < 0)
					continue;
				demo_member(d, h, gsex == 1 ? "07" : "08", gsex,
					    gage, kids_surname);
			}
		}
	}
	if (head_age <= 50 && demo_chance(d, 20)) {
		int age = head_age + demo_int(d, 22, 32);

		if (demo_chance(d, 70))
			demo_member(d, h, "11", 1, age, surname);
		demo_member(d, h, "12", 2, age + demo_int(d, -5, 2),
			    DEMO_PICK(d, demo_surnames));
	}
}

/* Money "N.NN" of a whole number of fen. */
static void
demo_money(long long fen, char out[24])
{
	snprintf(out, 24, "%lld.%02lld", fen / 100, fen % 100);
}

/* The household's own fields (after the family, which they depend on). */
static void
demo_household_fields(struct demo *d, struct household *h, const char *no)
{
	struct record *r = h->hh;
	const struct region *town = d->village->parent;
	const struct region *county = town->parent;
	long long wage = 0, business, property, transfer, total;
	char buf[64], phone[12], other[16] = "";
	const char *cause = demo_causes[0].code;
	int k = demo_int(d, 0, 99), total_w = 0, exit_k;
	char *unit;

	record_set(r, HH_NO, no);
	record_set(r, HH_REGION, d->village->code);
	record_set(r, HH_NATURAL_VILLAGE, DEMO_PICK(d, demo_natural_villages));
	record_set(r, HH_PHONE, h->members[0]->v[MEM_PHONE]);
	record_set(r, HH_STANDARD, k < 85 ? "01" : "02");

	/* Main cause: the family's situation first, else by weight. */
	if (d->ill && demo_chance(d, 70)) {
		cause = "01";
	} else if (d->disabled && demo_chance(d, 70)) {
		cause = "02";
	} else if (d->students >= 2 && demo_chance(d, 50)) {
		cause = "03";
	} else {
		for (size_t i = 0; i < FD_ARRAY_LEN(demo_causes); i++)
			total_w += demo_causes[i].weight;
		k = demo_int(d, 0, total_w - 1);
		for (size_t i = 0; i < FD_ARRAY_LEN(demo_causes); i++) {
			if (k < demo_causes[i].weight) {
				cause = demo_causes[i].code;
				break;
			}
			k -= demo_causes[i].weight;
		}
	}
	record_set(r, HH_MAIN_CAUSE, cause);
	/* Up to two other causes, ascending, never the main one. */
	for (int c = 1, n = demo_int(d, 0, 2); c <= 13 && n > 0; c++) {
		char code[12];

		snprintf(code, sizeof(code), "%02d", c);
		if (strcmp(code, cause) == 0 || !demo_chance(d, 15))
			continue;
		if (*other)
			strcat(other, ",");
		strcat(other, code);
		n--;
	}
	record_set(r, HH_OTHER_CAUSES, other);

	/* Exit status, attribute and years. */
	exit_k = demo_int(d, 0, 99);
	record_set(r, HH_EXIT_STATUS, exit_k < 15 ? "01" : exit_k < 65 ? "02"
					: exit_k < 95 ? "03" : "04");
	k = demo_int(d, 0, 99);
	snprintf(buf, sizeof(buf), "%02d",
		 (k < 60 ? 1 : k < 90 ? 2 : 3) +
			 (exit_k >= 15 && exit_k < 95 ? 3 : 0));
	record_set(r, HH_ATTRIBUTE, buf);
	snprintf(buf, sizeof(buf), "%d", demo_int(d, 2016, 2020));
	record_set(r, HH_PLAN_EXIT_YEAR, buf);
	if (exit_k >= 15) {
		snprintf(buf, sizeof(buf), "%d", demo_int(d, 2016, 2020));
		record_set(r, HH_EXIT_YEAR, buf);
	}
	snprintf(buf, sizeof(buf), "%d-%02d-%02d", demo_int(d, 2014, 2016),
		 demo_int(d, 1, 10), demo_int(d, 1, 28));
	record_set(r, HH_FIRST_IDENTIFIED, buf);

	/* Bank. */
	record_set(r, HH_BANK, DEMO_PICK(d, demo_banks));
	snprintf(buf, sizeof(buf), "62%08d%09d", demo_int(d, 0, 99999999),
		 demo_int(d, 0, 999999999));
	record_set(r, HH_BANK_ACCOUNT, buf);

	/* The cadre responsible for helping the household. */
	demo_name(d, DEMO_PICK(d, demo_surnames), demo_chance(d, 70) ? 1 : 2,
		  "helper", buf, sizeof(buf));
	record_set(r, HH_HELPER_NAME, buf);
	k = demo_int(d, 0, 3);
	unit = k == 0   ? xasprintf("%s人民政府", town->name)
	       : k == 1 ? xasprintf("%s农业农村局", county->name)
	       : k == 2 ? xasprintf("%s教育局", county->name)
			: xasprintf("%s卫生健康局", county->name);
	record_set(r, HH_HELPER_UNIT, unit);
	free(unit);
	record_set(r, HH_HELPER_POST, DEMO_PICK(d, demo_posts));
	demo_phone(d, phone);
	record_set(r, HH_HELPER_PHONE, phone);

	/* Income (yuan, in fen here): wages from the months worked. */
	for (size_t m = 0; m < h->nmembers; m++) {
		const char *mo = h->members[m]->v[MEM_WORK_MONTHS];

		if (*mo)
			wage += atoll(mo) * demo_int(d, 1200, 4000) * 100LL;
	}
	business = demo_int(d, 500, 8000) * 100LL;
	property = demo_int(d, 0, 600) * 100LL;
	transfer = demo_int(d, 800, 6000) * 100LL + demo_int(d, 0, 99);
	total = wage + business + property + transfer;
	demo_money(wage, buf);
	record_set(r, HH_INCOME_WAGE, buf);
	demo_money(business, buf);
	record_set(r, HH_INCOME_BUSINESS, buf);
	demo_money(property, buf);
	record_set(r, HH_INCOME_PROPERTY, buf);
	demo_money(transfer, buf);
	record_set(r, HH_INCOME_TRANSFER, buf);
	demo_money(total / (long long)h->nmembers, buf);
	record_set(r, HH_INCOME_PER_CAPITA, buf);
	snprintf(buf, sizeof(buf), "%d", demo_int(d, 1, 12));
	record_set(r, HH_LAND_MU, buf);
	record_set(r, HH_SAFE_WATER, demo_chance(d, 95) ? CODES_YES : CODES_NO);
	record_set(r, HH_SAFE_HOUSING,
		   demo_chance(d, 95) ? CODES_YES : CODES_NO);
	record_set(r, HH_VERIFIED, demo_chance(d, 90) ? CODES_YES : CODES_NO);
}

/* Build household number i (a village, its 户编号, the family). */
static void
demo_household(struct demo *d, struct household *h)
{
	size_t v = (size_t)demo_int(d, 0, (int)d->nvillages - 1);
	char no[24];

	/* A village with its 9999 numbers used passes to the next. */
	while (d->seq[v] >= 9999)
		v = (v + 1) % d->nvillages;
	d->village = d->villages[v];
	snprintf(no, sizeof(no), "%s%04d", d->village->code, ++d->seq[v]);
	d->eth = demo_ethnicity(d);
	d->students = d->ill = d->disabled = 0;
	household_init(h);
	h->hh = record_new(&entity_household);
	demo_family(d, h);
	demo_household_fields(d, h, no);
}

/* Free what d holds. */
static void
demo_free(struct demo *d)
{
	demo_set_free(&d->ids);
	demo_set_free(&d->names);
	free(d->villages);
	free(d->seq);
	free(d->today_copy);
	memset(d, 0, sizeof(*d));
}

/* Start a sequence of households: seed, day, villages. */
static enum fd_status
demo_start(struct demo *d, unsigned seed, const char *today,
	   struct fd_err *err)
{
	memset(d, 0, sizeof(*d));
	if (!today || strlen(today) != 10 ||
	    sscanf(today, "%4d-%2d-%2d", &d->ty, &d->tm, &d->td) != 3)
		return fd_fail(err, FD_E_INVALID,
			       "demo: bad date \"%s\" (YYYY-MM-DD)",
			       today ? today : "");
	d->today_copy = xstrdup(today);
	d->today = d->today_copy;
	d->rng.s = seed;
	return demo_villages(d, err);
}

/* A generator of demonstration households. */
struct demo_gen {
	struct demo d;
};

/* A generator for seed and day. */
struct demo_gen *
demo_gen_new(unsigned seed, const char *today, struct fd_err *err)
{
	struct demo_gen *g = xcalloc(1, sizeof(*g));

	if (demo_start(&g->d, seed, today, err) != FD_OK) {
		demo_free(&g->d);
		free(g);
		return NULL;
	}
	return g;
}

/* The next household into h. */
void
demo_gen_next(struct demo_gen *g, struct household *h)
{
	demo_household(&g->d, h);
}

/* Free g (NULL is a no-op). */
void
demo_gen_free(struct demo_gen *g)
{
	if (!g)
		return;
	demo_free(&g->d);
	free(g);
}

/* The integer that sql (a count) gives on db, or -1 on error. */
static long long
demo_count(struct fd_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long n = -1;

	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Build and save every household in one transaction. */
enum fd_status
demo_fill_on(struct fd_db *db, int households, unsigned seed,
	     const char *today,
	     void (*progress)(void *ud, int done, int total), void *ud,
	     struct fd_err *err)
{
	struct demo d = {0};
	struct household h;
	struct fd_txn *t = NULL;
	struct fd_err e = {{0}};
	enum fd_status st = FD_OK;
	long long have;
	bool batch = false;

	household_init(&h);
	if (households <= 0)
		households = DEMO_DEFAULT_HOUSEHOLDS;
	have = demo_count(db, "SELECT count(*) FROM household");
	if (have != 0) {
		st = have < 0 ? fd_fail(err, FD_E_DB,
					"demo: cannot count the households: %s",
					sqlite3_errmsg(db_sqlite(db)))
			      : fd_fail(err, FD_E_EXISTS,
					"demo: the database already holds %lld "
					"households; demonstration data goes "
					"into a new database",
					have);
		goto out;
	}
	st = demo_start(&d, seed, today, err);
	if (st != FD_OK)
		goto out;
	if (progress)
		progress(ud, 0, households);
	household_batch_begin(db);
	batch = true;
	st = txn_begin(db, &t, err);
	if (st != FD_OK)
		goto out;
	for (int i = 0; i < households; i++) {
		demo_household(&d, &h);
		st = household_save_in(t, &h, d.today, NULL, NULL, "demo", &e);
		if (st != FD_OK) {
			st = fd_fail(err, st, "demo: household %s: %s",
				     h.hh->v[HH_NO], e.msg);
			goto out;
		}
		household_clear(&h);
		if (progress)
			progress(ud, i + 1, households);
	}
	st = txn_commit(t, err);
	t = NULL;
out:
	txn_rollback(t);
	if (batch)
		household_batch_end();
	household_clear(&h);
	demo_free(&d);
	return st;
}

/* demo_fill_on today. */
enum fd_status
demo_fill(struct fd_db *db, int households, unsigned seed,
	  void (*progress)(void *ud, int done, int total), void *ud,
	  struct fd_err *err)
{
	char today[11];

	idcard_today(today);
	return demo_fill_on(db, households, seed, today, progress, ud, err);
}

/* ---- Training: rooms, instructors, cohorts ------------------------------ */

static const struct {
	const char *code, *name;
	int capacity;
} demo_rooms[] = {
	{"201", "实训室一", 40},
	{"202", "实训室二", 30},
	{"301", "直播间", 30},
};

static const struct {
	const char *code, *name;
} demo_instructors[] = {
	{"T01", "马晓燕"},
	{"T02", "何俊峰"},
	{"T03", "韩雪梅"},
	{"T04", "李娜"},
};

/* Where a demonstration cohort stands on the day of the demo. */
enum demo_when {
	DEMO_ENDED,     /* ended weeks ago: attendance, assessment, graduation */
	DEMO_RUNNING,   /* started two weeks ago: attendance so far, waitlist */
	DEMO_NEXT_WEEK, /* starts next Monday: enrolments and a waitlist */
	DEMO_LATER,     /* starts in three weeks: a few enrolments */
};

/* One demonstration cohort. Rooms and instructors are chosen so that no
 * two cohorts share one at overlapping times: 201 holds the ended cohort
 * (full days, two months ago) and the later one (afternoons), 301 the
 * running one (mornings), 202 next week's (full days). */
static const struct demo_plan {
	const char *track; /* preferred track; another one when not loaded */
	enum demo_when when;
	int start; /* days after today (DEMO_NEXT_WEEK: next Monday) */
	const char *slots;
	size_t room, instructor; /* in demo_rooms, demo_instructors */
	int capacity;
	int trainees; /* asked to enrol; those past capacity wait */
} demo_plans[] = {
	{"ecom", DEMO_ENDED, -56, "09:00-12:00,14:00-17:00", 0, 0, 30, 26},
	{"live", DEMO_RUNNING, -14, "09:00-12:00", 2, 1, 24, 28},
	{"photo", DEMO_NEXT_WEEK, 0, "09:00-12:00,14:00-17:00", 1, 2, 20, 23},
	{"cs", DEMO_LATER, 21, "14:00-17:00", 0, 3, 30, 12},
};

#define DEMO_NPLANS FD_ARRAY_LEN(demo_plans)

/* One training fill in progress. */
struct demo_train {
	struct fd_db *db;
	struct demo_rng rng;
	const char *today;
	int64_t rooms[FD_ARRAY_LEN(demo_rooms)];
	int64_t instructors[FD_ARRAY_LEN(demo_instructors)];
	const struct schedule_track *used[DEMO_NPLANS];
	/* candidates: participants of verified households, registered or
	 * eligible, in a shuffled order; next is the first not yet taken */
	int64_t *pool;
	bool *eligible;
	size_t npool, next;
};

/* err = "Demonstration training data, what: err". */
static enum fd_status
demo_train_fail(struct fd_err *err, enum fd_status st, const char *what)
{
	char *msg;

	if (!err)
		return st;
	msg = trf(MSG_DEMO_TRAINING_STEP, what, err->msg);
	st = fd_fail(err, st, "%s", msg);
	free(msg);
	return st;
}

/* The track of plan i: its own when loaded and not used yet, else the
 * first loaded one not used yet, else the first one. */
static const struct schedule_track *
demo_train_track(struct demo_train *dt, size_t i)
{
	const struct schedule_track *t = schedule_track_find(demo_plans[i].track);
	const struct schedule_track *all;
	size_t n = 0;

	for (size_t k = 0; t && k < i; k++)
		if (dt->used[k] == t)
			t = NULL;
	all = schedule_tracks(&n);
	for (size_t j = 0; !t && j < n; j++) {
		bool taken = false;

		for (size_t k = 0; k < i; k++)
			taken = taken || dt->used[k] == &all[j];
		if (!taken)
			t = &all[j];
	}
	if (!t)
		t = all;
	dt->used[i] = t;
	return t;
}

/* The rooms and instructors. */
static enum fd_status
demo_train_resources(struct demo_train *dt, struct fd_err *err)
{
	enum fd_status st = FD_OK;

	for (size_t i = 0; st == FD_OK && i < FD_ARRAY_LEN(demo_rooms); i++) {
		st = cohort_room_add(dt->db, demo_rooms[i].code,
				     demo_rooms[i].name, demo_rooms[i].capacity,
				     &dt->rooms[i], err);
		if (st != FD_OK)
			st = demo_train_fail(err, st, demo_rooms[i].code);
	}
	for (size_t i = 0; st == FD_OK && i < FD_ARRAY_LEN(demo_instructors);
	     i++) {
		st = cohort_instructor_add(dt->db, demo_instructors[i].code,
					   demo_instructors[i].name,
					   &dt->instructors[i], err);
		if (st != FD_OK)
			st = demo_train_fail(err, st,
					     demo_instructors[i].code);
	}
	return st;
}

/* The candidates in member order, then shuffled (Fisher-Yates). */
static enum fd_status
demo_train_pool(struct demo_train *dt, struct fd_err *err)
{
	static const char sql[] =
		"SELECT m.id, coalesce(w.state, 'registered') FROM member m"
		" JOIN household h ON h.id = m.household_id"
		" LEFT JOIN wf_state w ON w.machine = 'participant'"
		" AND w.entity_id = CAST(m.id AS TEXT)"
		" WHERE h.verified = '1' AND m.participant = '1'"
		" AND coalesce(w.state, 'registered') IN"
		" ('registered', 'eligible')"
		" AND NOT EXISTS (SELECT 1 FROM enrolment e WHERE"
		" e.member_id = m.id AND e.status <> 'withdrawn')"
		" ORDER BY m.id";
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	if (sqlite3_prepare_v2(db_sqlite(dt->db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return fd_fail(err, FD_E_DB, "%s",
			       sqlite3_errmsg(db_sqlite(dt->db)));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *state = (const char *)sqlite3_column_text(st, 1);

		if (dt->npool == cap) {
			cap = cap ? cap * 2 : 256;
			dt->pool = xrealloc(dt->pool, cap * sizeof(*dt->pool));
			dt->eligible =
				xrealloc(dt->eligible, cap * sizeof(*dt->eligible));
		}
		dt->pool[dt->npool] = sqlite3_column_int64(st, 0);
		dt->eligible[dt->npool] =
			state && strcmp(state, "eligible") == 0;
		dt->npool++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fd_fail(err, FD_E_DB, "%s",
			       sqlite3_errmsg(db_sqlite(dt->db)));
	for (size_t i = dt->npool; i > 1; i--) {
		size_t j = (size_t)demo_rng_int(&dt->rng, 0, (int)i - 1);
		int64_t id = dt->pool[i - 1];
		bool el = dt->eligible[i - 1];

		dt->pool[i - 1] = dt->pool[j];
		dt->eligible[i - 1] = dt->eligible[j];
		dt->pool[j] = id;
		dt->eligible[j] = el;
	}
	return FD_OK;
}

/* Whether this session may take participant.verify for member id now
 * (its guards hold: household verified, age within the program's range,
 * counted from the real today). */
static bool
demo_train_may_verify(struct fd_db *db, const char *id)
{
	struct wf_action *acts = NULL;
	struct fd_err err = {{0}};
	size_t n = 0;
	bool ok = false;

	if (workflow_actions(db, "participant", id, NULL, &acts, &n, &err) !=
	    FD_OK)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(acts[i].t->name, "verify") == 0 && acts[i].allowed)
			ok = true;
	wf_actions_free(acts, n);
	return ok;
}

/* Take up to want candidates from the pool into ids (*got of them),
 * moving those still registered to eligible (participant.verify) in one
 * transaction. */
static enum fd_status
demo_train_pick(struct demo_train *dt, int want, int64_t *ids, size_t *got,
		struct fd_err *err)
{
	struct fd_txn *t = NULL;
	bool *verify = xcalloc((size_t)want + 1, sizeof(*verify));
	enum fd_status st = FD_OK;
	size_t n = 0;
	char id[24];

	while (n < (size_t)want && dt->next < dt->npool) {
		size_t k = dt->next++;

		snprintf(id, sizeof(id), "%lld", (long long)dt->pool[k]);
		if (!dt->eligible[k] && !demo_train_may_verify(dt->db, id))
			continue;
		verify[n] = !dt->eligible[k];
		ids[n++] = dt->pool[k];
	}
	*got = n;
	st = txn_begin(dt->db, &t, err);
	for (size_t i = 0; st == FD_OK && i < n; i++) {
		if (!verify[i])
			continue;
		snprintf(id, sizeof(id), "%lld", (long long)ids[i]);
		st = workflow_apply_in(t, "participant", id, "verify",
				       "registered", NULL, err);
	}
	st = txn_end(t, st, err);
	free(verify);
	return st;
}

/* The ids of the sessions of cohort before today, in order, into *out
 * (caller frees). */
static enum fd_status
demo_train_sessions(struct demo_train *dt, int64_t cohort, int64_t **out,
		    size_t *n, struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc = SQLITE_ERROR;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db_sqlite(dt->db),
			       "SELECT id FROM session WHERE cohort_id = ?1"
			       " AND date < ?2 ORDER BY date, start_min",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_int64(st, 1, cohort) == SQLITE_OK &&
	    sqlite3_bind_text(st, 2, dt->today, -1, SQLITE_STATIC) ==
		    SQLITE_OK)
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 64;
				*out = xrealloc(*out, cap * sizeof(**out));
			}
			(*out)[(*n)++] = sqlite3_column_int64(st, 0);
		}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return FD_OK;
	return fd_fail(err, FD_E_DB, "%s", sqlite3_errmsg(db_sqlite(dt->db)));
}

/* A trainee's mark at one session: most come, some late, few absent or
 * excused; a poor attender misses about a third. A regular trainee stops
 * missing once at `cap` absences, so the graduation rule only ever
 * catches the poor attender. */
static char
demo_train_mark(struct demo_train *dt, bool poor, int *missed, int cap)
{
	int k = demo_rng_int(&dt->rng, 0, 99);
	char mark;

	if (poor)
		mark = k < 55 ? 'P' : k < 60 ? 'L' : k < 90 ? 'A' : 'E';
	else
		mark = k < 88 ? 'P' : k < 95 ? 'L' : k < 98 ? 'A' : 'E';
	if ((mark == 'A' || mark == 'E') && !poor && *missed >= cap)
		mark = k % 2 ? 'P' : 'L';
	if (mark == 'A' || mark == 'E')
		(*missed)++;
	return mark;
}

/* Attendance of the n enrolled trainees at every session of cohort before
 * today: the exceptions one by one, then present for the rest of each
 * session, as a trainer does it. Trainee poor (or none, n) attends
 * badly. */
static enum fd_status
demo_train_attendance(struct demo_train *dt, int64_t cohort,
		      const int64_t *trainees, size_t n, size_t poor,
		      struct fd_err *err)
{
	int64_t *sessions = NULL;
	int *missed = xcalloc(n + 1, sizeof(*missed));
	size_t ns = 0;
	int cap;
	enum fd_status st;

	st = demo_train_sessions(dt, cohort, &sessions, &ns, err);
	cap = (int)(ns / 10);
	for (size_t s = 0; st == FD_OK && s < ns; s++) {
		for (size_t i = 0; st == FD_OK && i < n; i++) {
			char mark = demo_train_mark(dt, i == poor, &missed[i],
						    cap);

			if (mark != 'P')
				st = cohort_attendance_set(dt->db, sessions[s],
							   trainees[i], mark,
							   err);
		}
		if (st == FD_OK)
			st = cohort_attendance_default(dt->db, sessions[s], 'P',
						       NULL, err);
	}
	free(sessions);
	free(missed);
	return st;
}

/* Assessment of the n trainees: every one passes but flunk. */
static enum fd_status
demo_train_assess(struct demo_train *dt, int64_t cohort,
		  const int64_t *trainees, size_t n, size_t flunk,
		  struct fd_err *err)
{
	enum fd_status st = FD_OK;

	for (size_t i = 0; st == FD_OK && i < n; i++) {
		bool pass = i != flunk;
		char score[8];

		snprintf(score, sizeof(score), "%d",
			 pass ? demo_rng_int(&dt->rng, 66, 97)
			      : demo_rng_int(&dt->rng, 41, 57));
		st = cohort_assessment_set(dt->db, cohort, trainees[i], pass,
					   score, pass ? "" : "实操作品未完成",
					   err);
	}
	return st;
}

/* Create, fill and move along cohort i of demo_plans. */
static enum fd_status
demo_train_cohort(struct demo_train *dt, size_t i, double min_ratio,
		  struct fd_err *err)
{
	const struct demo_plan *p = &demo_plans[i];
	const struct schedule_track *track = demo_train_track(dt, i);
	int64_t *picked = xcalloc((size_t)p->trainees, sizeof(*picked));
	int64_t *seated = xcalloc((size_t)p->trainees, sizeof(*seated));
	size_t npicked = 0, nseated = 0;
	char start[11], code[SCHEDULE_ID_MAX];
	int64_t cohort = 0;
	int days = p->start;
	enum fd_status st;

	if (p->when == DEMO_NEXT_WEEK)
		days = 7 - schedule_weekday(dt->today);
	schedule_date_add(dt->today, days, start);
	snprintf(code, sizeof(code), "%s-%.2s%.2s%.2s", track->code, start + 2,
		 start + 5, start + 8);
	for (char *c = code; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	{
		const struct cohort_spec spec = {
			.code = code,
			.track = track->code,
			.start = start,
			.weekdays = SCHEDULE_MON_FRI,
			.slots = p->slots,
			.room_id = dt->rooms[p->room],
			.instructor_id = dt->instructors[p->instructor],
			.capacity = p->capacity,
		};

		st = cohort_create(dt->db, &spec, &cohort, err);
	}
	if (st == FD_OK)
		st = demo_train_pick(dt, p->trainees, picked, &npicked, err);
	for (size_t k = 0; st == FD_OK && k < npicked; k++) {
		enum cohort_enrol_status es = COHORT_WAITLISTED;

		st = cohort_enrol(dt->db, cohort, picked[k], &es, err);
		if (st == FD_OK && es == COHORT_ENROLLED)
			seated[nseated++] = picked[k];
	}
	if (st == FD_OK && nseated > 0 &&
	    (p->when == DEMO_ENDED || p->when == DEMO_RUNNING)) {
		size_t poor = (size_t)demo_rng_int(&dt->rng, 0,
						   (int)nseated - 1);

		st = demo_train_attendance(dt, cohort, seated, nseated, poor,
					   err);
		if (st == FD_OK && p->when == DEMO_ENDED) {
			size_t flunk = (poor + 1 + (size_t)demo_rng_int(
						       &dt->rng, 0,
						       (int)nseated - 1)) %
				       nseated;

			if (nseated > 1 && flunk == poor)
				flunk = (poor + 1) % nseated;
			st = demo_train_assess(dt, cohort, seated, nseated,
					       flunk, err);
			if (st == FD_OK)
				st = cohort_graduate(dt->db, cohort, min_ratio,
						     NULL, NULL, err);
		}
		/* Someone leaves for work: the first one waiting gets the
		 * seat. */
		if (st == FD_OK && p->when == DEMO_RUNNING)
			st = cohort_withdraw(
				dt->db, cohort,
				seated[demo_rng_int(&dt->rng, 0,
						    (int)nseated - 1)],
				"外出务工", err);
	}
	if (st != FD_OK)
		st = demo_train_fail(err, st, code);
	free(picked);
	free(seated);
	return st;
}

enum fd_status
demo_training(struct fd_db *db, unsigned seed, const char *today,
	      double min_ratio, struct demo_training_counts *counts,
	      struct fd_err *err)
{
	struct demo_train dt = {0};
	size_t ntracks = 0;
	long long have;
	enum fd_status st = FD_OK;

	if (counts)
		memset(counts, 0, sizeof(*counts));
	if (schedule_weekday(today) < 0) {
		char *msg = trf(MSG_SCHED_DATE_BAD, today ? today : "", NULL);

		st = fd_fail(err, FD_E_INVALID, "%s", msg);
		free(msg);
		goto out;
	}
	if (!schedule_tracks(&ntracks) || ntracks == 0) {
		st = fd_fail(err, FD_E_CONFIG, "%s",
			     tr(MSG_DEMO_TRAINING_NO_TRACKS));
		goto out;
	}
	have = demo_count(db, "SELECT (SELECT count(*) FROM cohort) +"
			      " (SELECT count(*) FROM room) +"
			      " (SELECT count(*) FROM instructor)");
	if (have != 0) {
		st = have < 0 ? fd_fail(err, FD_E_DB, "%s",
					sqlite3_errmsg(db_sqlite(db)))
			      : fd_fail(err, FD_E_EXISTS, "%s",
					tr(MSG_DEMO_TRAINING_EXISTS));
		goto out;
	}
	dt.db = db;
	dt.today = today;
	/* A sequence of its own, apart from the households' one. */
	dt.rng.s = (uint64_t)seed ^ 0x5DEECE66Dull;
	st = demo_train_resources(&dt, err);
	if (st == FD_OK)
		st = demo_train_pool(&dt, err);
	for (size_t i = 0; st == FD_OK && i < DEMO_NPLANS; i++)
		st = demo_train_cohort(&dt, i, min_ratio, err);
	if (st == FD_OK && counts) {
		counts->rooms = (int)FD_ARRAY_LEN(demo_rooms);
		counts->instructors = (int)FD_ARRAY_LEN(demo_instructors);
		counts->cohorts = (int)demo_count(db, "SELECT count(*) FROM cohort");
		counts->sessions =
			(int)demo_count(db, "SELECT count(*) FROM session");
		counts->enrolled = (int)demo_count(
			db, "SELECT count(*) FROM enrolment WHERE status ="
			    " 'enrolled'");
		counts->waitlisted = (int)demo_count(
			db, "SELECT count(*) FROM enrolment WHERE status ="
			    " 'waitlisted'");
		counts->marks =
			(int)demo_count(db, "SELECT count(*) FROM attendance");
		counts->graduated = (int)demo_count(
			db, "SELECT count(*) FROM enrolment WHERE outcome ="
			    " 'graduated'");
		counts->failed = (int)demo_count(
			db, "SELECT count(*) FROM enrolment WHERE outcome ="
			    " 'failed'");
	}
out:
	free(dt.pool);
	free(dt.eligible);
	return st;
}
