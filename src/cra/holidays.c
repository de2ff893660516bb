/*
 * holidays.c - the EU Member States as data: capital time zone and national public holidays,
 * for counting periods under Regulation (EEC, Euratom) No 1182/71 (include/crakit/report.h).
 *
 * Why holidays at all: 1182/71 Art. 3(4) moves the end of a period expressed in days, weeks,
 * months or years that falls on a Saturday, Sunday or public holiday to the end of the next
 * working day; Art. 2(1) takes the public holidays "of the Member State or of the Union
 * institution in which action is to be taken" - for an Art. 14 CRA notification, the Member
 * State of the CSIRT designated as coordinator that receives it (Art. 14(7)).
 *
 * Limits, on purpose (a holiday listed wrongly would make crakit's legal end LATER than the real
 * one, a holiday missing only makes it earlier, so when in doubt a day is left out):
 *   - national public holidays only: regional ones (German Länder, Spanish autonomous
 *     communities, Austrian and Belgian community days, Alsace-Moselle, Åland, ...) are not listed;
 *   - no substitute days (a holiday on a Sunday moved to Monday, as in BG, IE, LV, ES regions);
 *   - no "eves" that are customary days off without being public holidays (Midsummer Eve and
 *     Christmas Eve in FI and SE, 24 December in DE, AT, NL, ...);
 *   - days whose status we could not confirm are left out and named below: IT 4 October (a 2025
 *     law reported to make it a national holiday from 2026), SK 1 September, 29 August and
 *     17 November (days off changed by the 2024-2025 consolidation laws), CY Easter Tuesday and
 *     24 December (public-service days off);
 *   - the Member State's capital gives the time zone (Europe/Lisbon, not Atlantic/Azores).
 * The lists in the Official Journal that Art. 2(1) of 1182/71 asks Member States to forward are
 * not kept current, so these rows come from each State's own holiday law as generally published
 * (research date November 2026). Keep them as data; a wrong row is a one-line fix.
 *
 * Easter: Western Easter by the Gregorian computus ("Anonymous Gregorian algorithm", Meeus,
 * Astronomical Algorithms ch. 8); Orthodox Easter (BG, CY, GR, RO) by the Julian computus
 * (Meeus) shifted to the Gregorian calendar by the century difference (13 days in 1900-2099).
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "crakit/report.h"
#include "base/banned.h"

/* Capital time zones and standard offsets: the IANA tz database (tzdata 2025b). */
static const struct crk_member_state states[] = {
	{"AT", "Austria", "Europe/Vienna", 3600, 0},
	{"BE", "Belgium", "Europe/Brussels", 3600, 0},
	{"BG", "Bulgaria", "Europe/Sofia", 7200, 1},
	{"CY", "Cyprus", "Asia/Nicosia", 7200, 1},
	{"CZ", "Czechia", "Europe/Prague", 3600, 0},
	{"DE", "Germany", "Europe/Berlin", 3600, 0},
	{"DK", "Denmark", "Europe/Copenhagen", 3600, 0},
	{"EE", "Estonia", "Europe/Tallinn", 7200, 0},
	{"ES", "Spain", "Europe/Madrid", 3600, 0},
	{"FI", "Finland", "Europe/Helsinki", 7200, 0},
	{"FR", "France", "Europe/Paris", 3600, 0},
	{"GR", "Greece", "Europe/Athens", 7200, 1},
	{"HR", "Croatia", "Europe/Zagreb", 3600, 0},
	{"HU", "Hungary", "Europe/Budapest", 3600, 0},
	{"IE", "Ireland", "Europe/Dublin", 0, 0},
	{"IT", "Italy", "Europe/Rome", 3600, 0},
	{"LT", "Lithuania", "Europe/Vilnius", 7200, 0},
	{"LU", "Luxembourg", "Europe/Luxembourg", 3600, 0},
	{"LV", "Latvia", "Europe/Riga", 7200, 0},
	{"MT", "Malta", "Europe/Malta", 3600, 0},
	{"NL", "Netherlands", "Europe/Amsterdam", 3600, 0},
	{"PL", "Poland", "Europe/Warsaw", 3600, 0},
	{"PT", "Portugal", "Europe/Lisbon", 0, 0},
	{"RO", "Romania", "Europe/Bucharest", 7200, 1},
	{"SE", "Sweden", "Europe/Stockholm", 3600, 0},
	{"SI", "Slovenia", "Europe/Ljubljana", 3600, 0},
	{"SK", "Slovakia", "Europe/Bratislava", 3600, 0},
};
#define NSTATES (sizeof(states) / sizeof(states[0]))

const struct crk_member_state *crk_member_state_at(size_t i)
{
	return i < NSTATES ? &states[i] : NULL;
}

const struct crk_member_state *crk_member_state_find(const char *code)
{
	size_t i;
	if (!code)
		return NULL;
	if (strcasecmp(code, "EL") == 0) /* the EU's code for Greece */
		code = "GR";
	for (i = 0; i < NSTATES; i++)
		if (strcasecmp(states[i].code, code) == 0)
			return &states[i];
	return NULL;
}

/* Days since the epoch of the last Sunday of month `m` of year `y`. */
static int64_t last_sunday(int64_t y, unsigned m)
{
	int64_t first_next = m == 12 ? crk_days_from_civil(y + 1, 1, 1)
				     : crk_days_from_civil(y, m + 1, 1);
	int64_t last = first_next - 1;
	return last - crk_weekday(last);
}

int crk_member_state_offset(const struct crk_member_state *ms, int64_t t)
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400, y, start, end;
	unsigned m, d;
	if (!ms)
		return 0;
	crk_civil_from_days(days, &y, &m, &d);
	/* Directive 2000/84/EC Art. 2 and 3: summer time from 01:00 UTC on the last Sunday of
	 * March until 01:00 UTC on the last Sunday of October, in every Member State at once. */
	start = last_sunday(y, 3) * 86400 + 3600;
	end = last_sunday(y, 10) * 86400 + 3600;
	return ms->std_offset + (t >= start && t < end ? 3600 : 0);
}

int64_t crk_easter_western(int64_t y)
{
	int64_t a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
	int64_t g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int64_t l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
	int64_t month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	return crk_days_from_civil(y, (unsigned)month, (unsigned)day);
}

int64_t crk_easter_orthodox(int64_t y)
{
	int64_t a = y % 4, b = y % 7, c = y % 19, d = (19 * c + 15) % 30;
	int64_t e = (2 * a + 4 * b - d + 34) % 7;
	int64_t month = (d + e + 114) / 31, day = (d + e + 114) % 31 + 1;
	/* The Julian date as a count of days: the proleptic Gregorian count of the same numbers,
	 * plus the difference between the calendars in that century (13 days in 1900-2099). */
	/* Orthodox Easter falls on 22 March - 25 April (Julian), always after the 29 February
	 * where the two calendars drift apart, so one shift per century is exact. */
	int64_t shift = y / 100 - y / 400 - 2;
	return crk_days_from_civil(y, (unsigned)month, (unsigned)day) + shift;
}

enum rule {
	FIXED,     /* a = month, b = day */
	EASTER,    /* a = days after the State's Easter Sunday (negative: before) */
	NTH_WDAY,  /* a = month, b = weekday (0 Sunday), c = n (1-based) */
	ON_OR_AFTER, /* a = month, b = day, c = weekday: the first such weekday on or after */
	LAST_WDAY, /* a = month, b = weekday */
	IE_BRIGID, /* 1 February when a Friday, else the first Monday of February */
	NL_KING,   /* 27 April, or 26 April when the 27th is a Sunday */
};

struct holiday {
	const char *ms;
	enum rule rule;
	int a, b, c;
	int from, until; /* years it is in force (0: open) */
	const char *name;
};

#define GOOD_FRIDAY -2
#define EASTER_MON 1
#define ASCENSION 39
#define WHIT_MON 50
#define CORPUS 60

static const struct holiday holidays[] = {
	/* Austria: Feiertagsruhegesetz 1957 § 1 (Good Friday removed 2019) */
	{"AT", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"AT", FIXED, 1, 6, 0, 0, 0, "Epiphany"},
	{"AT", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"AT", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"AT", EASTER, ASCENSION, 0, 0, 0, 0, "Ascension Day"},
	{"AT", EASTER, WHIT_MON, 0, 0, 0, 0, "Whit Monday"},
	{"AT", EASTER, CORPUS, 0, 0, 0, 0, "Corpus Christi"},
	{"AT", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"AT", FIXED, 10, 26, 0, 0, 0, "National Day"},
	{"AT", FIXED, 11, 1, 0, 0, 0, "All Saints' Day"},
	{"AT", FIXED, 12, 8, 0, 0, 0, "Immaculate Conception"},
	{"AT", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"AT", FIXED, 12, 26, 0, 0, 0, "St Stephen's Day"},
	/* Belgium: law of 4 January 1974 */
	{"BE", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"BE", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"BE", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"BE", EASTER, ASCENSION, 0, 0, 0, 0, "Ascension Day"},
	{"BE", EASTER, WHIT_MON, 0, 0, 0, 0, "Whit Monday"},
	{"BE", FIXED, 7, 21, 0, 0, 0, "National Day"},
	{"BE", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"BE", FIXED, 11, 1, 0, 0, 0, "All Saints' Day"},
	{"BE", FIXED, 11, 11, 0, 0, 0, "Armistice Day"},
	{"BE", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	/* Bulgaria: Labour Code Art. 154 (Orthodox Easter) */
	{"BG", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"BG", FIXED, 3, 3, 0, 0, 0, "Liberation Day"},
	{"BG", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Orthodox Good Friday"},
	{"BG", EASTER, -1, 0, 0, 0, 0, "Orthodox Holy Saturday"},
	{"BG", EASTER, 0, 0, 0, 0, 0, "Orthodox Easter Sunday"},
	{"BG", EASTER, EASTER_MON, 0, 0, 0, 0, "Orthodox Easter Monday"},
	{"BG", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"BG", FIXED, 5, 6, 0, 0, 0, "St George's Day"},
	{"BG", FIXED, 5, 24, 0, 0, 0, "Day of Slavonic Alphabet and Culture"},
	{"BG", FIXED, 9, 6, 0, 0, 0, "Unification Day"},
	{"BG", FIXED, 9, 22, 0, 0, 0, "Independence Day"},
	{"BG", FIXED, 12, 24, 0, 0, 0, "Christmas Eve"},
	{"BG", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"BG", FIXED, 12, 26, 0, 0, 0, "Second Day of Christmas"},
	/* Cyprus (Orthodox Easter) */
	{"CY", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"CY", FIXED, 1, 6, 0, 0, 0, "Epiphany"},
	{"CY", EASTER, -48, 0, 0, 0, 0, "Green Monday"},
	{"CY", FIXED, 3, 25, 0, 0, 0, "Greek Independence Day"},
	{"CY", FIXED, 4, 1, 0, 0, 0, "Cyprus National Day"},
	{"CY", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Orthodox Good Friday"},
	{"CY", EASTER, 0, 0, 0, 0, 0, "Orthodox Easter Sunday"},
	{"CY", EASTER, EASTER_MON, 0, 0, 0, 0, "Orthodox Easter Monday"},
	{"CY", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"CY", EASTER, WHIT_MON, 0, 0, 0, 0, "Kataklysmos (Orthodox Whit Monday)"},
	{"CY", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"CY", FIXED, 10, 1, 0, 0, 0, "Cyprus Independence Day"},
	{"CY", FIXED, 10, 28, 0, 0, 0, "Ochi Day"},
	{"CY", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"CY", FIXED, 12, 26, 0, 0, 0, "Boxing Day"},
	/* Czechia: Act No. 245/2000 Coll. (Good Friday from 2016) */
	{"CZ", FIXED, 1, 1, 0, 0, 0, "New Year's Day / Restoration Day"},
	{"CZ", EASTER, GOOD_FRIDAY, 0, 0, 2016, 0, "Good Friday"},
	{"CZ", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"CZ", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"CZ", FIXED, 5, 8, 0, 0, 0, "Liberation Day"},
	{"CZ", FIXED, 7, 5, 0, 0, 0, "Saints Cyril and Methodius Day"},
	{"CZ", FIXED, 7, 6, 0, 0, 0, "Jan Hus Day"},
	{"CZ", FIXED, 9, 28, 0, 0, 0, "Statehood Day"},
	{"CZ", FIXED, 10, 28, 0, 0, 0, "Independent Czechoslovak State Day"},
	{"CZ", FIXED, 11, 17, 0, 0, 0, "Struggle for Freedom and Democracy Day"},
	{"CZ", FIXED, 12, 24, 0, 0, 0, "Christmas Eve"},
	{"CZ", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"CZ", FIXED, 12, 26, 0, 0, 0, "St Stephen's Day"},
	/* Germany: national (federal) holidays only; the rest are set by each Land */
	{"DE", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"DE", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Good Friday"},
	{"DE", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"DE", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"DE", EASTER, ASCENSION, 0, 0, 0, 0, "Ascension Day"},
	{"DE", EASTER, WHIT_MON, 0, 0, 0, 0, "Whit Monday"},
	{"DE", FIXED, 10, 3, 0, 0, 0, "Day of German Unity"},
	{"DE", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"DE", FIXED, 12, 26, 0, 0, 0, "Second Day of Christmas"},
	/* Denmark (Great Prayer Day abolished from 2024) */
	{"DK", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"DK", EASTER, -3, 0, 0, 0, 0, "Maundy Thursday"},
	{"DK", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Good Friday"},
	{"DK", EASTER, 0, 0, 0, 0, 0, "Easter Sunday"},
	{"DK", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"DK", EASTER, 26, 0, 0, 0, 2023, "Great Prayer Day"},
	{"DK", EASTER, ASCENSION, 0, 0, 0, 0, "Ascension Day"},
	{"DK", EASTER, 49, 0, 0, 0, 0, "Whit Sunday"},
	{"DK", EASTER, WHIT_MON, 0, 0, 0, 0, "Whit Monday"},
	{"DK", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"DK", FIXED, 12, 26, 0, 0, 0, "Second Day of Christmas"},
	/* Estonia: Public Holidays and Days of National Importance Act */
	{"EE", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"EE", FIXED, 2, 24, 0, 0, 0, "Independence Day"},
	{"EE", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Good Friday"},
	{"EE", EASTER, 0, 0, 0, 0, 0, "Easter Sunday"},
	{"EE", FIXED, 5, 1, 0, 0, 0, "Spring Day"},
	{"EE", EASTER, 49, 0, 0, 0, 0, "Whit Sunday"},
	{"EE", FIXED, 6, 23, 0, 0, 0, "Victory Day"},
	{"EE", FIXED, 6, 24, 0, 0, 0, "Midsummer Day"},
	{"EE", FIXED, 8, 20, 0, 0, 0, "Day of Restoration of Independence"},
	{"EE", FIXED, 12, 24, 0, 0, 0, "Christmas Eve"},
	{"EE", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"EE", FIXED, 12, 26, 0, 0, 0, "Boxing Day"},
	/* Spain: national holidays of the Estatuto de los Trabajadores Art. 37.2 kept by every
	 * community (Maundy Thursday and Easter Monday are regional) */
	{"ES", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"ES", FIXED, 1, 6, 0, 0, 0, "Epiphany"},
	{"ES", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Good Friday"},
	{"ES", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"ES", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"ES", FIXED, 10, 12, 0, 0, 0, "National Day"},
	{"ES", FIXED, 11, 1, 0, 0, 0, "All Saints' Day"},
	{"ES", FIXED, 12, 6, 0, 0, 0, "Constitution Day"},
	{"ES", FIXED, 12, 8, 0, 0, 0, "Immaculate Conception"},
	{"ES", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	/* Finland: official public holidays (eves are not) */
	{"FI", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"FI", FIXED, 1, 6, 0, 0, 0, "Epiphany"},
	{"FI", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Good Friday"},
	{"FI", EASTER, 0, 0, 0, 0, 0, "Easter Sunday"},
	{"FI", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"FI", FIXED, 5, 1, 0, 0, 0, "May Day"},
	{"FI", EASTER, ASCENSION, 0, 0, 0, 0, "Ascension Day"},
	{"FI", EASTER, 49, 0, 0, 0, 0, "Whit Sunday"},
	{"FI", ON_OR_AFTER, 6, 20, 6, 0, 0, "Midsummer Day"}, /* Saturday 20-26 June */
	{"FI", FIXED, 12, 6, 0, 0, 0, "Independence Day"},
	{"FI", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"FI", FIXED, 12, 26, 0, 0, 0, "St Stephen's Day"},
	/* France: Code du travail Art. L3133-1 */
	{"FR", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"FR", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"FR", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"FR", FIXED, 5, 8, 0, 0, 0, "Victory in Europe Day"},
	{"FR", EASTER, ASCENSION, 0, 0, 0, 0, "Ascension Day"},
	{"FR", EASTER, WHIT_MON, 0, 0, 0, 0, "Whit Monday"},
	{"FR", FIXED, 7, 14, 0, 0, 0, "Bastille Day"},
	{"FR", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"FR", FIXED, 11, 1, 0, 0, 0, "All Saints' Day"},
	{"FR", FIXED, 11, 11, 0, 0, 0, "Armistice Day"},
	{"FR", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	/* Greece (Orthodox Easter) */
	{"GR", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"GR", FIXED, 1, 6, 0, 0, 0, "Epiphany"},
	{"GR", EASTER, -48, 0, 0, 0, 0, "Clean Monday"},
	{"GR", FIXED, 3, 25, 0, 0, 0, "Independence Day"},
	{"GR", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Orthodox Good Friday"},
	{"GR", EASTER, 0, 0, 0, 0, 0, "Orthodox Easter Sunday"},
	{"GR", EASTER, EASTER_MON, 0, 0, 0, 0, "Orthodox Easter Monday"},
	{"GR", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"GR", EASTER, WHIT_MON, 0, 0, 0, 0, "Orthodox Whit Monday"},
	{"GR", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"GR", FIXED, 10, 28, 0, 0, 0, "Ochi Day"},
	{"GR", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"GR", FIXED, 12, 26, 0, 0, 0, "Synaxis of the Mother of God"},
	/* Croatia: Act on Holidays (2019 amendment: 30 May and 18 November from 2020) */
	{"HR", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"HR", FIXED, 1, 6, 0, 0, 0, "Epiphany"},
	{"HR", EASTER, 0, 0, 0, 0, 0, "Easter Sunday"},
	{"HR", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"HR", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"HR", FIXED, 5, 30, 0, 2020, 0, "Statehood Day"},
	{"HR", EASTER, CORPUS, 0, 0, 0, 0, "Corpus Christi"},
	{"HR", FIXED, 6, 22, 0, 0, 0, "Anti-Fascist Struggle Day"},
	{"HR", FIXED, 8, 5, 0, 0, 0, "Victory and Homeland Thanksgiving Day"},
	{"HR", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"HR", FIXED, 11, 1, 0, 0, 0, "All Saints' Day"},
	{"HR", FIXED, 11, 18, 0, 2020, 0, "Remembrance Day"},
	{"HR", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"HR", FIXED, 12, 26, 0, 0, 0, "St Stephen's Day"},
	/* Hungary: Labour Code § 102 */
	{"HU", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"HU", FIXED, 3, 15, 0, 0, 0, "National Day"},
	{"HU", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Good Friday"},
	{"HU", EASTER, 0, 0, 0, 0, 0, "Easter Sunday"},
	{"HU", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"HU", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"HU", EASTER, 49, 0, 0, 0, 0, "Whit Sunday"},
	{"HU", EASTER, WHIT_MON, 0, 0, 0, 0, "Whit Monday"},
	{"HU", FIXED, 8, 20, 0, 0, 0, "St Stephen's Day"},
	{"HU", FIXED, 10, 23, 0, 0, 0, "National Day"},
	{"HU", FIXED, 11, 1, 0, 0, 0, "All Saints' Day"},
	{"HU", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"HU", FIXED, 12, 26, 0, 0, 0, "Second Day of Christmas"},
	/* Ireland: Organisation of Working Time Act 1997, Schedule 2 (St Brigid's Day from 2023) */
	{"IE", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"IE", IE_BRIGID, 0, 0, 0, 2023, 0, "St Brigid's Day"},
	{"IE", FIXED, 3, 17, 0, 0, 0, "St Patrick's Day"},
	{"IE", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"IE", NTH_WDAY, 5, 1, 1, 0, 0, "May Day"},
	{"IE", NTH_WDAY, 6, 1, 1, 0, 0, "June Bank Holiday"},
	{"IE", NTH_WDAY, 8, 1, 1, 0, 0, "August Bank Holiday"},
	{"IE", LAST_WDAY, 10, 1, 0, 0, 0, "October Bank Holiday"},
	{"IE", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"IE", FIXED, 12, 26, 0, 0, 0, "St Stephen's Day"},
	/* Italy: law 260/1949 as amended */
	{"IT", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"IT", FIXED, 1, 6, 0, 0, 0, "Epiphany"},
	{"IT", EASTER, 0, 0, 0, 0, 0, "Easter Sunday"},
	{"IT", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"IT", FIXED, 4, 25, 0, 0, 0, "Liberation Day"},
	{"IT", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"IT", FIXED, 6, 2, 0, 0, 0, "Republic Day"},
	{"IT", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"IT", FIXED, 11, 1, 0, 0, 0, "All Saints' Day"},
	{"IT", FIXED, 12, 8, 0, 0, 0, "Immaculate Conception"},
	{"IT", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"IT", FIXED, 12, 26, 0, 0, 0, "St Stephen's Day"},
	/* Lithuania: Labour Code Art. 123 */
	{"LT", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"LT", FIXED, 2, 16, 0, 0, 0, "Restoration of the State Day"},
	{"LT", FIXED, 3, 11, 0, 0, 0, "Restoration of Independence Day"},
	{"LT", EASTER, 0, 0, 0, 0, 0, "Easter Sunday"},
	{"LT", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"LT", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"LT", NTH_WDAY, 5, 0, 1, 0, 0, "Mother's Day"},
	{"LT", NTH_WDAY, 6, 0, 1, 0, 0, "Father's Day"},
	{"LT", FIXED, 6, 24, 0, 0, 0, "St John's Day"},
	{"LT", FIXED, 7, 6, 0, 0, 0, "Statehood Day"},
	{"LT", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"LT", FIXED, 11, 1, 0, 0, 0, "All Saints' Day"},
	{"LT", FIXED, 11, 2, 0, 0, 0, "All Souls' Day"},
	{"LT", FIXED, 12, 24, 0, 0, 0, "Christmas Eve"},
	{"LT", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"LT", FIXED, 12, 26, 0, 0, 0, "Second Day of Christmas"},
	/* Luxembourg (Europe Day from 2019) */
	{"LU", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"LU", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"LU", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"LU", FIXED, 5, 9, 0, 2019, 0, "Europe Day"},
	{"LU", EASTER, ASCENSION, 0, 0, 0, 0, "Ascension Day"},
	{"LU", EASTER, WHIT_MON, 0, 0, 0, 0, "Whit Monday"},
	{"LU", FIXED, 6, 23, 0, 0, 0, "National Day"},
	{"LU", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"LU", FIXED, 11, 1, 0, 0, 0, "All Saints' Day"},
	{"LU", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"LU", FIXED, 12, 26, 0, 0, 0, "St Stephen's Day"},
	/* Latvia: Law on Public Holidays, Commemoration Days and Celebration Days */
	{"LV", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"LV", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Good Friday"},
	{"LV", EASTER, 0, 0, 0, 0, 0, "Easter Sunday"},
	{"LV", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"LV", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"LV", FIXED, 5, 4, 0, 0, 0, "Restoration of Independence Day"},
	{"LV", EASTER, 49, 0, 0, 0, 0, "Whit Sunday"},
	{"LV", FIXED, 6, 23, 0, 0, 0, "Midsummer Eve (Ligo)"},
	{"LV", FIXED, 6, 24, 0, 0, 0, "Midsummer Day (Jani)"},
	{"LV", FIXED, 11, 18, 0, 0, 0, "Proclamation Day"},
	{"LV", FIXED, 12, 24, 0, 0, 0, "Christmas Eve"},
	{"LV", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"LV", FIXED, 12, 26, 0, 0, 0, "Second Day of Christmas"},
	{"LV", FIXED, 12, 31, 0, 0, 0, "New Year's Eve"},
	/* Malta: National Holidays and Other Public Holidays Act (Cap. 252) */
	{"MT", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"MT", FIXED, 2, 10, 0, 0, 0, "St Paul's Shipwreck"},
	{"MT", FIXED, 3, 19, 0, 0, 0, "St Joseph's Day"},
	{"MT", FIXED, 3, 31, 0, 0, 0, "Freedom Day"},
	{"MT", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Good Friday"},
	{"MT", FIXED, 5, 1, 0, 0, 0, "Workers' Day"},
	{"MT", FIXED, 6, 7, 0, 0, 0, "Sette Giugno"},
	{"MT", FIXED, 6, 29, 0, 0, 0, "Saints Peter and Paul"},
	{"MT", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"MT", FIXED, 9, 8, 0, 0, 0, "Victory Day"},
	{"MT", FIXED, 9, 21, 0, 0, 0, "Independence Day"},
	{"MT", FIXED, 12, 8, 0, 0, 0, "Immaculate Conception"},
	{"MT", FIXED, 12, 13, 0, 0, 0, "Republic Day"},
	{"MT", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	/* Netherlands: Algemene termijnenwet Art. 3 (the list that law uses for time limits) */
	{"NL", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"NL", EASTER, 0, 0, 0, 0, 0, "Easter Sunday"},
	{"NL", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"NL", NL_KING, 0, 0, 0, 2014, 0, "King's Day"},
	{"NL", FIXED, 5, 5, 0, 0, 0, "Liberation Day"},
	{"NL", EASTER, ASCENSION, 0, 0, 0, 0, "Ascension Day"},
	{"NL", EASTER, 49, 0, 0, 0, 0, "Whit Sunday"},
	{"NL", EASTER, WHIT_MON, 0, 0, 0, 0, "Whit Monday"},
	{"NL", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"NL", FIXED, 12, 26, 0, 0, 0, "Second Day of Christmas"},
	/* Poland: Act of 18 January 1951 on days off (24 December from 2025) */
	{"PL", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"PL", FIXED, 1, 6, 0, 0, 0, "Epiphany"},
	{"PL", EASTER, 0, 0, 0, 0, 0, "Easter Sunday"},
	{"PL", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"PL", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"PL", FIXED, 5, 3, 0, 0, 0, "Constitution Day"},
	{"PL", EASTER, 49, 0, 0, 0, 0, "Whit Sunday"},
	{"PL", EASTER, CORPUS, 0, 0, 0, 0, "Corpus Christi"},
	{"PL", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"PL", FIXED, 11, 1, 0, 0, 0, "All Saints' Day"},
	{"PL", FIXED, 11, 11, 0, 0, 0, "Independence Day"},
	{"PL", FIXED, 12, 24, 0, 2025, 0, "Christmas Eve"},
	{"PL", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"PL", FIXED, 12, 26, 0, 0, 0, "Second Day of Christmas"},
	/* Portugal: Código do Trabalho Art. 234 (holidays restored 2016) */
	{"PT", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"PT", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Good Friday"},
	{"PT", EASTER, 0, 0, 0, 0, 0, "Easter Sunday"},
	{"PT", FIXED, 4, 25, 0, 0, 0, "Freedom Day"},
	{"PT", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"PT", EASTER, CORPUS, 0, 0, 2016, 0, "Corpus Christi"},
	{"PT", FIXED, 6, 10, 0, 0, 0, "Portugal Day"},
	{"PT", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"PT", FIXED, 10, 5, 0, 2016, 0, "Republic Day"},
	{"PT", FIXED, 11, 1, 0, 2016, 0, "All Saints' Day"},
	{"PT", FIXED, 12, 1, 0, 2016, 0, "Restoration of Independence"},
	{"PT", FIXED, 12, 8, 0, 0, 0, "Immaculate Conception"},
	{"PT", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	/* Romania: Labour Code Art. 139 (Orthodox Easter; 6 and 7 January from 2024) */
	{"RO", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"RO", FIXED, 1, 2, 0, 0, 0, "Day after New Year's Day"},
	{"RO", FIXED, 1, 6, 0, 2024, 0, "Epiphany"},
	{"RO", FIXED, 1, 7, 0, 2024, 0, "St John the Baptist"},
	{"RO", FIXED, 1, 24, 0, 0, 0, "Union Day"},
	{"RO", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Orthodox Good Friday"},
	{"RO", EASTER, 0, 0, 0, 0, 0, "Orthodox Easter Sunday"},
	{"RO", EASTER, EASTER_MON, 0, 0, 0, 0, "Orthodox Easter Monday"},
	{"RO", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"RO", FIXED, 6, 1, 0, 0, 0, "Children's Day"},
	{"RO", EASTER, 49, 0, 0, 0, 0, "Orthodox Whit Sunday"},
	{"RO", EASTER, WHIT_MON, 0, 0, 0, 0, "Orthodox Whit Monday"},
	{"RO", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"RO", FIXED, 11, 30, 0, 0, 0, "St Andrew's Day"},
	{"RO", FIXED, 12, 1, 0, 0, 0, "National Day"},
	{"RO", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"RO", FIXED, 12, 26, 0, 0, 0, "Second Day of Christmas"},
	/* Sweden: Act on public holidays (1989:253) */
	{"SE", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"SE", FIXED, 1, 6, 0, 0, 0, "Epiphany"},
	{"SE", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Good Friday"},
	{"SE", EASTER, 0, 0, 0, 0, 0, "Easter Sunday"},
	{"SE", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"SE", FIXED, 5, 1, 0, 0, 0, "May Day"},
	{"SE", EASTER, ASCENSION, 0, 0, 0, 0, "Ascension Day"},
	{"SE", EASTER, 49, 0, 0, 0, 0, "Whit Sunday"},
	{"SE", FIXED, 6, 6, 0, 0, 0, "National Day"},
	{"SE", ON_OR_AFTER, 6, 20, 6, 0, 0, "Midsummer Day"}, /* Saturday 20-26 June */
	{"SE", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"SE", FIXED, 12, 26, 0, 0, 0, "Second Day of Christmas"},
	/* Slovenia: Holidays and Work-Free Days Act */
	{"SI", FIXED, 1, 1, 0, 0, 0, "New Year's Day"},
	{"SI", FIXED, 1, 2, 0, 0, 0, "New Year's Day (second day)"},
	{"SI", FIXED, 2, 8, 0, 0, 0, "Preseren Day"},
	{"SI", EASTER, 0, 0, 0, 0, 0, "Easter Sunday"},
	{"SI", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"SI", FIXED, 4, 27, 0, 0, 0, "Day of Uprising Against Occupation"},
	{"SI", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"SI", FIXED, 5, 2, 0, 0, 0, "Labour Day (second day)"},
	{"SI", EASTER, 49, 0, 0, 0, 0, "Whit Sunday"},
	{"SI", FIXED, 6, 25, 0, 0, 0, "Statehood Day"},
	{"SI", FIXED, 8, 15, 0, 0, 0, "Assumption"},
	{"SI", FIXED, 10, 31, 0, 0, 0, "Reformation Day"},
	{"SI", FIXED, 11, 1, 0, 0, 0, "Remembrance Day"},
	{"SI", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"SI", FIXED, 12, 26, 0, 0, 0, "Independence and Unity Day"},
	/* Slovakia: Act No. 241/1993 Coll. (see the head comment for the days left out) */
	{"SK", FIXED, 1, 1, 0, 0, 0, "Day of the Establishment of the Slovak Republic"},
	{"SK", FIXED, 1, 6, 0, 0, 0, "Epiphany"},
	{"SK", EASTER, GOOD_FRIDAY, 0, 0, 0, 0, "Good Friday"},
	{"SK", EASTER, EASTER_MON, 0, 0, 0, 0, "Easter Monday"},
	{"SK", FIXED, 5, 1, 0, 0, 0, "Labour Day"},
	{"SK", FIXED, 5, 8, 0, 0, 0, "Victory over Fascism Day"},
	{"SK", FIXED, 7, 5, 0, 0, 0, "Saints Cyril and Methodius Day"},
	{"SK", FIXED, 9, 15, 0, 0, 0, "Our Lady of Sorrows"},
	{"SK", FIXED, 11, 1, 0, 0, 0, "All Saints' Day"},
	{"SK", FIXED, 12, 24, 0, 0, 0, "Christmas Eve"},
	{"SK", FIXED, 12, 25, 0, 0, 0, "Christmas Day"},
	{"SK", FIXED, 12, 26, 0, 0, 0, "St Stephen's Day"},
};
#define NHOLIDAYS (sizeof(holidays) / sizeof(holidays[0]))

static int64_t nth_wday(int64_t y, unsigned m, unsigned wday, unsigned n)
{
	int64_t first = crk_days_from_civil(y, m, 1);
	unsigned w = crk_weekday(first);
	return first + (int64_t)((wday + 7 - w) % 7) + 7 * (int64_t)(n - 1);
}

static int64_t last_wday(int64_t y, unsigned m, unsigned wday)
{
	int64_t last = (m == 12 ? crk_days_from_civil(y + 1, 1, 1) : crk_days_from_civil(y, m + 1, 1)) -
		       1;
	unsigned w = crk_weekday(last);
	return last - (int64_t)((w + 7 - wday) % 7);
}

/* Days since the epoch of holiday `h` in year `y`, whose Easter Sunday (of the State's
 * church) is `easter`. */
static int64_t holiday_day(const struct holiday *h, int64_t easter, int64_t y)
{
	int64_t d;
	switch (h->rule) {
	case FIXED:
		return crk_days_from_civil(y, (unsigned)h->a, (unsigned)h->b);
	case EASTER:
		return easter + h->a;
	case NTH_WDAY:
		return nth_wday(y, (unsigned)h->a, (unsigned)h->b, (unsigned)h->c);
	case ON_OR_AFTER:
		d = crk_days_from_civil(y, (unsigned)h->a, (unsigned)h->b);
		return d + (int64_t)(((unsigned)h->c + 7 - crk_weekday(d)) % 7);
	case LAST_WDAY:
		return last_wday(y, (unsigned)h->a, (unsigned)h->b);
	case IE_BRIGID:
		d = crk_days_from_civil(y, 2, 1);
		return crk_weekday(d) == 5 ? d : nth_wday(y, 2, 1, 1);
	case NL_KING:
		d = crk_days_from_civil(y, 4, 27);
		return crk_weekday(d) == 0 ? d - 1 : d;
	}
	return INT64_MIN;
}

int crk_holiday_is(const struct crk_member_state *ms, int64_t days, const char **name)
{
	int64_t y, easter;
	unsigned m, d;
	size_t i;
	if (name)
		*name = NULL;
	if (!ms)
		return 0;
	crk_civil_from_days(days, &y, &m, &d);
	easter = ms->orthodox ? crk_easter_orthodox(y) : crk_easter_western(y);
	for (i = 0; i < NHOLIDAYS; i++) {
		const struct holiday *h = &holidays[i];
		if (h->ms[0] != ms->code[0] || h->ms[1] != ms->code[1])
			continue;
		if ((h->from && y < h->from) || (h->until && y > h->until))
			continue;
		if (holiday_day(h, easter, y) == days) {
			if (name)
				*name = h->name;
			return 1;
		}
	}
	return 0;
}

int crk_working_day(const struct crk_member_state *ms, int64_t days)
{
	unsigned w = crk_weekday(days);
	return w != 0 && w != 6 && !crk_holiday_is(ms, days, NULL);
}
