"""Dates as spans: relative expressions resolved against the publication date, with reasons.

"on Monday", "earlier this month", "last week", "late last year", "since December",
"January 29", "September 2018", "in recent weeks". Nothing is guessed silently: an
expression we cannot read gives None, and the caller records why it used a default.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .model import DateSpan

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
PART_OF = {
    "early": (1, 4),
    "beginning": (1, 3),
    "start": (1, 3),
    "mid": (5, 8),
    "middle": (5, 8),
    "late": (9, 12),
    "end": (10, 12),
    "first half": (1, 6),
    "second half": (7, 12),
}
PART_RE = r"(?:(early|mid|middle|late|end|beginning|start|first half|second half)(?:[- ]of)?[- ])?"
NUMBER_WORDS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "few": 3,
    "several": 4,
    "couple of": 2,
}


PLAUSIBLE_YEARS = 150  # an event date further than this from publication is a typo or not a date


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_part(year: int, part: str | None) -> tuple[dt.date, dt.date, str]:
    if not part:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    first, last = PART_OF[part]
    return month_span(year, first)[0], month_span(year, last)[1], "month"


def month_part(year: int, month: int, part: str | None) -> tuple[dt.date, dt.date, str]:
    start, end = month_span(year, month)
    if part in ("early", "beginning", "start"):
        return start, start + dt.timedelta(days=9), "week"
    if part in ("mid", "middle"):
        return start + dt.timedelta(days=9), start + dt.timedelta(days=20), "week"
    if part in ("late", "end"):
        return end - dt.timedelta(days=10), end, "week"
    return start, end, "month"


def nearest_year(month: int, day: int, anchor: dt.date) -> int:
    """The year that puts month/day closest to the anchor."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append((abs((dt.date(year, month, day) - anchor).days), year))
        except ValueError:
            continue
    return min(candidates)[1] if candidates else anchor.year


def told_year(month: int, day: int, anchor: dt.date, future: bool | None) -> int:
    """The year of a day named without one: what happened lies on or before the report's day (a June report's
    'Oct. 14' is last October's), what lies ahead on or after it, a day or two of slack for time zones; the
    nearest year when the tense is not known (`future` None)."""
    if future is None:
        return nearest_year(month, day, anchor)
    slack = dt.timedelta(days=2)
    for year in (anchor.year, anchor.year - 1) if not future else (anchor.year, anchor.year + 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if (date >= anchor - slack) if future else (date <= anchor + slack):
            return year
    return nearest_year(month, day, anchor)


def last_month_named(month: int, anchor: dt.date) -> int:
    """Year of the most recent `month` not after the anchor's month ("since December")."""
    return anchor.year if month <= anchor.month else anchor.year - 1


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 2)


def _relative(t: str, anchor: dt.date, future: bool = False) -> tuple[dt.date, dt.date, str, str] | None:
    """Expressions that need the anchor: (start, end, precision, reason)."""
    week_start = anchor - dt.timedelta(days=anchor.weekday())
    if (
        len(days := re.findall(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", t)) == 2
        and not future
    ):
        ends = [anchor - dt.timedelta(days=(anchor.weekday() - WEEKDAYS[d]) % 7) for d in days]
        return min(ends), max(ends), "day", f"{days[0]} and {days[1]} on or before publication"
    if m := re.search(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", t):
        back = (anchor.weekday() - WEEKDAYS[m.group(1)]) % 7
        if "last" in t and back == 0:
            back = 7
        if future and "last" not in t and "next" not in t:  # "will meet on Tuesday": the coming one
            day = anchor + dt.timedelta(days=(WEEKDAYS[m.group(1)] - anchor.weekday()) % 7)
            return day, day, "day", f"the {m.group(1)} on or after publication (future event)"
        if "next" in t:
            day = anchor + dt.timedelta(days=(WEEKDAYS[m.group(1)] - anchor.weekday()) % 7 or 7)
            return day, day, "day", f"next {m.group(1)} after publication"
        day = anchor - dt.timedelta(days=back)
        return day, day, "day", f"the {m.group(1)} on or before publication"
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", t):
        return anchor, anchor, "day", "publication day"
    if "overnight" in t:
        return anchor - dt.timedelta(days=1), anchor, "day", "the night before publication"
    if "yesterday" in t or "last night" in t:
        day = anchor - dt.timedelta(days=1)
        return day, day, "day", "day before publication"
    if "tomorrow" in t:
        day = anchor + dt.timedelta(days=1)
        return day, day, "day", "day after publication"
    if "weekend" in t:  # the Saturday and Sunday before publication, or the coming ones
        saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        if future or "next" in t or "coming" in t:
            saturday = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7)
        return saturday, saturday + dt.timedelta(days=1), "day", "weekend nearest publication"
    if re.search(r"\blast week\b", t):
        return (
            week_start - dt.timedelta(days=7),
            week_start - dt.timedelta(days=1),
            "week",
            "the week before publication",
        )
    if re.search(r"\bthis week\b", t):
        return week_start, anchor, "week", "publication week"
    if re.search(r"\bnext week\b", t):
        return (
            week_start + dt.timedelta(days=7),
            week_start + dt.timedelta(days=13),
            "week",
            "the week after publication",
        )
    if re.search(r"\b(earlier|early) this month\b", t):
        return anchor.replace(day=1), anchor, "month", "publication month up to publication"
    if m := re.search(r"\b(?:(early|mid|middle|late|end|beginning|start)(?:[- ]of)? )?this month\b", t):
        start, end, precision = month_part(anchor.year, anchor.month, m.group(1))
        return start, end, precision, "publication month"
    if m := re.search(r"\b(?:(early|mid|middle|late|end|beginning|start)(?:[- ]of)? )?(last|next) month\b", t):
        ref = (
            anchor.replace(day=1) - dt.timedelta(days=1)
            if m.group(2) == "last"
            else (anchor.replace(day=28) + dt.timedelta(days=5)).replace(day=1)
        )
        start, end, precision = month_part(ref.year, ref.month, m.group(1))
        return start, end, precision, f"{m.group(2)} month"
    if m := re.search(
        r"\b(?:(early|mid|middle|late|end|beginning|start)(?:[- ]of)? |(first half|second half) of )?"
        r"(last|this|next|(?<=of )the) year\b",
        t,
    ):  # "in the first half of the year": this year's
        part, which = m.group(1) or m.group(2), m.group(3)
        year = anchor.year + {"last": -1, "this": 0, "the": 0, "next": 1}[which]
        start, end, precision = year_part(year, part)
        if which in ("this", "the") and start <= anchor:  # so far this year; "by the end of the year" lies ahead
            end = min(end, anchor)
        return start, end, precision, f"{'this' if which == 'the' else which} year"
    if m := re.search(rf"\bsince (?:early |late |mid-?)?({MONTH_RE})\b", t):
        month = MONTHS[m.group(1)]
        return dt.date(last_month_named(month, anchor), month, 1), anchor, "month", "since the month named"
    if m := re.search(
        r"\b(?:(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several|couple of) )?(day|week|month|year)s?\b",
        t,
    ):
        if re.search(r"\b(ago|past|recent|last|for|over|previous)\b", t) or not m.group(1):
            unit = {"day": 1, "week": 7, "month": 30, "year": 365}[m.group(2)]
            plural = m.group(0).endswith("s")  # "the past year" is one; "the past years", a few
            n = _count(m.group(1) or ("one" if not plural else "few" if m.group(2) != "day" else "several"))
            if "ago" in t:
                day = anchor - dt.timedelta(days=unit * n)
                return (
                    day - dt.timedelta(days=unit // 2),
                    day + dt.timedelta(days=unit // 2),
                    m.group(2),
                    f"{n} {m.group(2)}s before publication",
                )
            precision = "day" if m.group(2) == "day" else ("week" if m.group(2) == "week" else "month")
            return anchor - dt.timedelta(days=unit * n), anchor, precision, f"the past {m.group(2)}s up to publication"
    return None


def _absolute(t: str, anchor: dt.date | None, future: bool | None = None) -> tuple[dt.date, dt.date, str, str] | None:
    """Explicit calendar dates: ISO, 'January 29', '29 January 2018', 'September 2018', 'late 2019', '2016'."""
    if m := re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", t):
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return day, day, "day", "ISO date"
    if m := re.search(rf"\b({MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?\b", t) or re.search(
        rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({MONTH_RE})\.?(?:,? (\d{{4}}))?\b", t
    ):
        a, b, year = m.groups()
        month, day = (MONTHS[a], int(b)) if a in MONTHS else (MONTHS[b], int(a))
        if year is None and anchor is None:
            return None
        year = int(year) if year else told_year(month, day, anchor, future)
        date = dt.date(year, month, day)
        return date, date, "day", "calendar date" + ("" if m.group(3) else ", year from publication")
    if m := re.search(rf"\b{PART_RE}({MONTH_RE})\.?,? (\d{{4}})\b", t):
        start, end, precision = month_part(int(m.group(3)), MONTHS[m.group(2)], m.group(1))
        return start, end, precision, "month and year"
    if m := re.search(rf"\b{PART_RE}({MONTH_RE})\b", t):
        if anchor is None:
            return None
        month = MONTHS[m.group(2)]
        start, end, precision = month_part(last_month_named(month, anchor), month, m.group(1))
        return start, end, precision, "month named, year from publication"
    if m := re.search(rf"\b{PART_RE}((?:1[89]|20)\d\d)\b", t):
        start, end, precision = year_part(int(m.group(2)), m.group(1))
        return start, end, precision, "year"
    return None


def resolve(text: str, published: str | None, future: bool | None = None) -> DateSpan | None:
    """A DateSpan for a date expression, or None when it names no time we can place.

    `future` says the event lies ahead (True: planned, threatened; a bare weekday is then the coming one) or
    behind (False: occurred, ongoing; a day named without its year is then the last one before the report).
    """
    t = " ".join(text.lower().replace("-", " - ").replace(" - ", "-").split())
    if re.search(r"\d{5,}", t) or re.match(r"[\w ]*-(year|month|week|day)s?(-old)?\b", t):
        return None  # "nine-year civil war": a duration adjective, not a date
    anchor = dt.date.fromisoformat(published) if published else None
    try:
        explicit = _absolute(t, anchor, future)
        if explicit and explicit[2] == "day" and re.search(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", t):
            found = explicit  # "Monday, March 6": the calendar date, whatever the weekday says
        else:
            found = (_relative(t, anchor, bool(future)) if anchor else None) or explicit
    except (ValueError, OverflowError):
        return None  # "year 20201", "February 30"
    if not found:
        return None
    start, end, precision, reason = found
    if anchor and abs(start.year - anchor.year) > PLAUSIBLE_YEARS:
        return None  # "9999-12-31" in a 2020 report names no time of its events
    return DateSpan(
        text=text, start=start.isoformat(), end=end.isoformat(), precision=precision, anchor=published, reason=reason
    )


def default_span(status: str, published: str | None) -> DateSpan:
    """The span used when the text dates nothing: around publication, said so in `reason`."""
    if not published:
        return DateSpan(
            text=None, start=None, end=None, precision="unknown", reason="no date in text, no publication date"
        )
    anchor = dt.date.fromisoformat(published)
    if status in ("planned", "threatened"):
        start, end, why = anchor, anchor + dt.timedelta(days=30), "not dated: the month after publication"
    else:  # news tells of the day before publication or the day itself
        start, end, why = (
            anchor - dt.timedelta(days=1),
            anchor,
            "not dated in the text: the day before publication or that day",
        )
    return DateSpan(
        text=None, start=start.isoformat(), end=end.isoformat(), precision="unknown", anchor=published, reason=why
    )


WEEKDAY_RE = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


PAST_PERIOD = re.compile(  # a time before the report, however undated it is: "last month", "two weeks ago", "in 2019"
    r"\b(?:last|previous|past) (?:week|month|year)|earlier this (?:week|month|year)|\bago\b|\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)


def report_year(text: str) -> int | None:
    """The latest year a report's text names, up to this one: an undated report's time is no earlier."""
    years = [int(y) for y in YEAR_IN_TEXT_RE.findall(text) if int(y) <= dt.date.today().year]
    return max(years, default=None)


def weekday_year(text: str, floor: int | None) -> DateSpan | None:
    """A day named with its weekday but not its year ('Monday, February 3'): the first year from `floor` (the
    latest year the report names: it was written then or later) in which that day fell on that weekday, up
    to this year; without a floor, the last such year up to this one. None for any other text."""
    days = WEEKDAY_RE.findall(text)
    key = next((k for k in day_key(text) if "-" in k), None)
    if len(days) != 1 or key is None:
        return None
    month, day = map(int, key.split("-"))
    weekday = WEEKDAYS[days[0].lower()]
    this_year = dt.date.today().year
    years = range(floor, this_year + 1) if floor else range(this_year, this_year - 28, -1)
    for year in years:
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date.weekday() == weekday:
            told = f"from {floor}, the latest year the text names" if floor else f"up to {this_year}"
            return DateSpan(
                text=text,
                start=date.isoformat(),
                end=date.isoformat(),
                precision="day",
                anchor=None,
                reason=f"weekday and day without a year: the first {days[0]} {key} {told}",
            )
    return None


def day_key(text: str) -> frozenset[str]:
    """The days a date expression names, as words that compare without a calendar: 'Tuesday November 21' is
    {'tuesday', '11-21'}, 'November 6' {'11-6'}; empty for no day ('last year', 'recently')."""
    keys = {w.lower() for w in WEEKDAY_RE.findall(text)}
    if m := re.search(rf"\b({MONTH_RE})\.? (\d{{1,2}})\b", text, re.I) or re.search(
        rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({MONTH_RE})\b", text, re.I
    ):
        a, b = m.groups()
        month, day = (a, b) if not a.isdigit() else (b, a)
        keys.add(f"{MONTHS[month.lower()]}-{int(day)}")
    return frozenset(keys)


def day_pattern(year: bool = False) -> str:
    """'Feb 20', '20 February', 'Sept. 23, 2019': a day and month, and a year (required when `year`)."""
    optional = "" if year else "?"
    return (
        rf"(?:(?P<m1>{MONTH_RE})\.? (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)? (?P<m2>{MONTH_RE})\.?)"
        rf"(?:,? (?P<y>(?:19|20)\d\d)){optional}"
    )


DATELINE_DAY = day_pattern()
REPORT_DATE_RES = [  # (pattern, reason, characters of the opening it reads, None: all); the first naming a day wins
    (
        re.compile(
            rf"^\W*(?:[A-Z][\w'.-]*[ ,/-]*){{1,5}}\(?\b{DATELINE_DAY}\)?\s*(?:\([^)]{{2,40}}\)\s*)?[-\u2013\u2014:]",
            re.I,
        ),
        "dateline",
        600,
    ),
    (
        re.compile(
            rf"(?<!, )(?<!was )(?<!were )(?<!been )(?<!is )(?<!report )"  # not a sentence's "the report, published on"
            rf"\b(?:posted|published|updated|last updated|first published|dated)(?: on| at)?:?\s+(?:\w+day,? )?{DATELINE_DAY}",
            re.I,
        ),
        "'posted on' line",
        600,
    ),
    (
        re.compile(
            rf"^[ \t]*(?:posted|published|updated|last updated|first published)(?: on| at)?:?\s+(?:\w+day,? )?"
            rf"{day_pattern(year=True)}",
            re.I | re.M,
        ),
        "'published on' label",
        None,  # a byline block may close the page ("Published By: ... Published On: Sep 15, 2025")
    ),
    (re.compile(rf"^\W*(?:\w+day,? )?{DATELINE_DAY}\W*$", re.I | re.M), "date line at the top", 600),
    (re.compile(day_pattern(year=True), re.I), "date near the top", 300),
    (  # an embedded post's signature ("— ANI (@ANI) April 9, 2018"), wherever the page quotes it
        re.compile(rf"\(@\w{{1,30}}\)\s+{day_pattern(year=True)}", re.I),
        "embedded post's date",
        None,
    ),
]
YEAR_IN_TEXT_RE = re.compile(r"\b(?:19|20)\d\d\b")
NUMERIC_DATE_RE = re.compile(
    r"(?:\b(?P<wd>mon|tue|wed|thu|fri|sat|sun)\w*,? )?\b(?:(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)"
    r"|(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>(?:19|20)\d\d))(?:\b|(?=T\d))",  # "2025-02-05T10:00"
    re.I,
)


def numeric_date(text: str) -> tuple[str, str] | None:
    """An ISO, day-month-year or month-day-year date in a report's top lines ('Wed, 08-11-2023'): the
    weekday, when given, decides between the two orders; else day first, as most of the world writes."""
    m = NUMERIC_DATE_RE.search(text)
    if not m:
        return None
    try:
        if m.group("iy"):
            return dt.date(
                int(m.group("iy")), int(m.group("im")), int(m.group("id"))
            ).isoformat(), f"date near the top '{m.group(0)}'"
        a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        readings = [d for d in ((year, b, a), (year, a, b)) if 1 <= d[1] <= 12 and 1 <= d[2] <= 31]
        days = [dt.date(*d) for d in readings]
    except ValueError:
        return None
    if m.group("wd"):
        days = [d for d in days if d.strftime("%a").lower() == m.group("wd").lower()] or days
    return (days[0].isoformat(), f"date near the top '{m.group(0)}'") if days else None


def report_date(text: str, fallback: str | None = None) -> tuple[str, str] | None:
    """The report's own date from its opening: a dateline ('DAMASCUS, Feb 20 (Reuters) -'), a 'Posted on'
    line, a 'Published On:' label line anywhere, or a date alone at the top. (YYYY-MM-DD, reason) or None. A dateline without a year takes the
    year that puts it nearest `fallback`, else the latest year the text names."""
    for pattern, why, chars in REPORT_DATE_RES:
        m = pattern.search(text[:chars])
        if not m:
            continue
        month = MONTHS[(m.group("m1") or m.group("m2")).lower()]
        day = int(m.group("d1") or m.group("d2"))
        said = f"{why} '{' '.join(m.group(0).split())[:60]}'"
        try:
            if m.group("y"):
                return dt.date(int(m.group("y")), month, day).isoformat(), said
            if fallback:
                year = nearest_year(month, day, dt.date.fromisoformat(fallback))
                return dt.date(year, month, day).isoformat(), f"{said}, year nearest {fallback}"
            years = [int(y) for y in YEAR_IN_TEXT_RE.findall(text) if int(y) <= dt.date.today().year]
            if years:
                return dt.date(max(years), month, day).isoformat(), f"{said}, year from the text"
        except ValueError:
            continue
    return numeric_date(text[:300])
