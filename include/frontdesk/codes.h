/*
 * Code lists and region codes, from assets (versioned tables): the
 * database stores codes, screens show labels.
 *
 * assets/codes.txt holds every code list, each under a section line
 * "[list NAME VERSION]", each item a line "CODE | 中文 | English". The
 * lists (names as record.h and the rules use them):
 *   relation     与户主关系    01 户主 (head), 02 配偶 (spouse), 03 之子 ...
 *   sex          性别          1 男, 2 女 (GB/T 2261.1)
 *   ethnicity    民族          GB 3304: 01 汉族 ... 56 基诺族, 97 其他,
 *                              98 外国血统中国籍人士
 *   education    文化程度      01 文盲或半文盲 ... 07 学龄前儿童
 *   school       在校生状况    01 非在校生 (CODES_SCHOOL_NONE), 02 小学 ...
 *   health       健康状况      01 健康 ... 04 残疾
 *   labour       劳动技能      01 普通劳动力 ... 05 无劳动力
 *   work_status  务工状况      01 未务工, 02 县内务工 ...
 *   attribute    贫困户属性    01 一般贫困户 ... 06 特困供养脱贫户
 *   cause        主要致贫原因  01 因病 ... 12 其他
 *   other_cause  其他致贫原因  the codes of cause, plus 13 因婚 (only here)
 *   standard     识别标准      01 国家标准, 02 省定标准, 03 市定标准
 *   exit_status  脱贫状态      01 未脱贫 ... 04 返贫
 *   yes_no       是否          1 是, 0 否
 * A file without one of these lists, or without a code defined below, is
 * refused (so an edited copy cannot break the rules).
 *
 * assets/regions.txt holds GB/T 2260 regions, one "CODE | name" a line
 * (Gansu and Fujian to county; Beijing, Guangdong in part) and, below
 * Linxia, townships (9 digits) and villages (12 digits); level and parent
 * follow from the code. The full format is at the top of src/codes.c.
 *
 * The config may point at edited copies; a malformed file stops start-up
 * with its file and line. Pointers handed out (lists, items, labels,
 * codes, regions) stay valid until the next successful load of the same
 * table or codes_free().
 */
#ifndef FRONTDESK_CODES_H
#define FRONTDESK_CODES_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/status.h"

/* Codes the consistency rules rely on; every codes file must have them. */
#define CODES_RELATION_HEAD   "01" /* relation: 户主 */
#define CODES_RELATION_SPOUSE "02" /* relation: 配偶 */
#define CODES_SEX_MALE        "1"  /* sex: 男 (odd 17th ID digit) */
#define CODES_SEX_FEMALE      "2"  /* sex: 女 (even 17th ID digit) */
/* school: 非在校生. Any other school code means a student, whose
 * education stays empty (rule 6: exactly one of the two applies). */
#define CODES_SCHOOL_NONE     "01"
#define CODES_HEALTH_HEALTHY  "01" /* health: 健康 */
#define CODES_LABOUR_LOST     "04" /* labour: 丧失劳动力 */
#define CODES_LABOUR_NONE     "05" /* labour: 无劳动力 */
#define CODES_YES             "1"  /* yes_no: 是 */
#define CODES_NO              "0"  /* yes_no: 否 */

struct code_item {
	char *code;
	char *label_zh;
	char *label_en;
};

struct code_list {
	char *name;    /* "relation", "education", ... */
	char *version; /* e.g. "2019" */
	struct code_item *items;
	size_t n;
};

enum region_level {
	REGION_ANY = 0, /* for region_search: every level */
	REGION_PROVINCE,
	REGION_PREFECTURE,
	REGION_COUNTY,
	REGION_TOWNSHIP,
	REGION_VILLAGE,
};

struct region {
	char code[13]; /* 6 digits (province..county), 9 (township),
	                  12 (village) */
	char *name;    /* 临夏县 */
	enum region_level level;
	const struct region *parent; /* NULL for a province */
};

/* Load the code lists and regions: the embedded assets, or the files named
 * (NULL or "" = embedded). Replaces what was loaded only when both files
 * are good; errors read "FILE:LINE: ..." (FD_E_PARSE) or "FILE: ..."
 * (FD_E_IO for a file that cannot be read). */
enum fd_status
codes_load(const char *codes_path, const char *regions_path,
	   struct fd_err *err);
/* Same from memory (tests, fuzzing); name is used in messages. Each
 * replaces only its own table, and only on success. */
enum fd_status
codes_load_buffer(const char *name, const char *data, size_t len,
		  struct fd_err *err);
enum fd_status
regions_load_buffer(const char *name, const char *data, size_t len,
		    struct fd_err *err);
void
codes_free(void);

/* Labels in English instead of Chinese (ui.language = en). */
void
codes_set_english(bool en);

/* The list called name, or NULL. */
const struct code_list *
codes_list(const char *name);
/* The label of code in list (in the current language), or NULL. */
const char *
codes_label(const char *list, const char *code);
/* The label of an item in the current language. */
const char *
code_item_label(const struct code_item *it);
/* The code whose code, Chinese label or English label (ASCII case
 * ignored) equals s with surrounding blanks ignored, tried in that order;
 * NULL if none or the list is unknown. */
const char *
codes_find(const char *list, const char *s);

/* The region with this code, or NULL. */
const struct region *
region_find(const char *code);
/* The region of an ID number's first 6 digits (county, else prefecture,
 * else province), or NULL. For the unknown-region warning, compare with
 * region_find() of the 6 digits: an abolished county (440524) gives its
 * prefecture or province here but NULL there. */
const struct region *
region_of_id(const char *id_number);
/* Every region whose parent is parent (NULL = provinces), in code order,
 * into a new array (NULL when there are none). Caller frees the array (not
 * the regions). */
const struct region **
region_children(const struct region *parent, size_t *n);
/* Every region of a level (REGION_ANY: all) whose name contains s (NULL
 * or "": every one), in code order (village search for the region picker),
 * into a new array (NULL when none). Caller frees the array. */
const struct region **
region_search(enum region_level level, const char *s, size_t *n);
/* "甘肃省 临夏回族自治州 临夏县 土桥镇 某村": the names from the province
 * down, space-separated; NULL if code is not a known region. Caller
 * frees. */
char *
region_path(const char *code);

#endif
