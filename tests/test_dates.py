"""Date spans: relative expressions against the publication date, explicit dates, and no silent guesses."""

from __future__ import annotations

import datetime as dt

import pytest

from watchpost.dates import day_key, default_span, nearest_year, report_date, resolve, weekday_year

THURSDAY = "2023-03-16"  # publication date used below: a Thursday


def span(text: str, published: str | None = THURSDAY) -> tuple[str, str, str] | None:
    found = resolve(text, published)
    return (found.start, found.end, found.precision) if found else None


@pytest.mark.parametrize(
    "text, day",
    [
        ("Monday", "2023-03-13"),
        ("on Tuesday night", "2023-03-14"),
        ("on Thursday", THURSDAY),  # the publication day itself
        ("Friday", "2023-03-10"),  # no Friday has come yet this week: the one before
        ("last Thursday", "2023-03-09"),
        ("next Monday", "2023-03-20"),
    ],
)
def test_weekdays_against_publication(text, day):
    assert span(text) == (day, day, "day")


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("yesterday", "2023-03-15", "2023-03-15", "day"),
        ("late on Wednesday", "2023-03-15", "2023-03-15", "day"),
        ("last night", "2023-03-15", "2023-03-15", "day"),
        ("today", THURSDAY, THURSDAY, "day"),
        ("two days ago", "2023-03-14", "2023-03-14", "day"),
        ("last week", "2023-03-06", "2023-03-12", "week"),  # Monday to Sunday before the publication week
        ("this week", "2023-03-13", THURSDAY, "week"),
        ("earlier this month", "2023-03-01", THURSDAY, "month"),
        ("last month", "2023-02-01", "2023-02-28", "month"),
        ("late last year", "2022-09-01", "2022-12-31", "month"),
        ("last year", "2022-01-01", "2022-12-31", "year"),
        ("since December", "2022-12-01", THURSDAY, "month"),
        ("since early January", "2023-01-01", THURSDAY, "month"),
    ],
)
def test_relative_expressions(text, start, end, precision):
    assert span(text) == (start, end, precision)


def test_in_recent_weeks_is_a_span_of_weeks_ending_at_publication():
    start, end, precision = span("in recent weeks")
    assert end == THURSDAY and precision == "week"
    assert 14 <= (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days <= 42


def test_three_weeks_ago_is_a_week_around_that_day():
    start, end, precision = span("three weeks ago")
    assert precision == "week"
    assert dt.date.fromisoformat(start) <= dt.date(2023, 2, 23) <= dt.date.fromisoformat(end)
    assert (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days <= 7


@pytest.mark.parametrize(
    "text, day",
    [
        ("January 29", "2023-01-29"),  # earlier in the year of publication
        ("March 20", "2023-03-20"),  # days ahead, same year
        ("December 30", "2022-12-30"),  # nearer in the year before than later this year
        ("29 January 2021", "2021-01-29"),
        ("Jan. 5, 2020", "2020-01-05"),
        ("2021-05-04", "2021-05-04"),
    ],
)
def test_calendar_dates(text, day):
    assert span(text) == (day, day, "day")


@pytest.mark.parametrize(
    "month_day, anchor, year",
    [
        ((1, 3), dt.date(2023, 12, 30), 2024),  # a date just after new year, published before it
        ((12, 28), dt.date(2024, 1, 2), 2023),
        ((6, 15), dt.date(2023, 6, 1), 2023),
    ],
)
def test_year_chosen_nearest_the_anchor(month_day, anchor, year):
    assert nearest_year(*month_day, anchor) == year
    assert resolve(f"{dt.date(2000, *month_day):%B} {month_day[1]}", anchor.isoformat()).start.startswith(str(year))


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("September 2018", "2018-09-01", "2018-09-30", "month"),
        ("February 2024", "2024-02-01", "2024-02-29", "month"),  # leap year
        ("in 2016", "2016-01-01", "2016-12-31", "year"),
        ("late 2019", "2019-09-01", "2019-12-31", "month"),
        ("mid-March", "2023-03-10", "2023-03-21", "week"),
    ],
)
def test_months_and_years(text, start, end, precision):
    assert span(text) == (start, end, precision)


@pytest.mark.parametrize("text", ["year 20201", "February 30", "April 31, 2022", "the 31st of June", "recently-ish"])
def test_absurd_or_impossible_dates_give_none(text):
    assert resolve(text, THURSDAY) is None


@pytest.mark.parametrize("text", ["nine-year civil war", "a three-day truce", "the 12-year-old boy"])
def test_duration_adjectives_are_not_dates(text):
    assert resolve(text, THURSDAY) is None


@pytest.mark.parametrize(
    "text",
    [
        "Monday",
        "yesterday",
        "last week",
        "earlier this month",
        "January 29",
        "since December",
        "in recent weeks",
        "two days ago",
    ],
)
def test_relative_dates_need_an_anchor(text):
    assert resolve(text, None) is None


def test_explicit_dates_need_no_anchor():
    assert span("September 2018", None) == ("2018-09-01", "2018-09-30", "month")
    assert span("29 January 2021", None) == ("2021-01-29", "2021-01-29", "day")


def test_span_keeps_text_anchor_and_reason():
    found = resolve("yesterday", THURSDAY)
    assert found.text == "yesterday" and found.anchor == THURSDAY
    assert "before publication" in found.reason
    assert "year from publication" in resolve("January 29", THURSDAY).reason
    assert "year from publication" not in resolve("29 January 2021", THURSDAY).reason


def test_default_span_for_an_undated_event_says_why():
    occurred = default_span("occurred", THURSDAY)
    assert (occurred.start, occurred.end, occurred.precision, occurred.text) == (
        "2023-03-15",
        THURSDAY,
        "unknown",
        None,
    )
    assert "not dated" in occurred.reason
    planned = default_span("planned", THURSDAY)
    assert (planned.start, planned.end) == (THURSDAY, "2023-04-15")  # what is planned lies ahead
    assert "after publication" in planned.reason
    threatened = default_span("threatened", THURSDAY)
    assert threatened.start == THURSDAY


def test_default_span_without_publication_date_is_empty_not_invented():
    found = default_span("occurred", None)
    assert (found.start, found.end, found.precision) == (None, None, "unknown")
    assert found.reason == "no date in text, no publication date"


@pytest.mark.parametrize(
    "text, day",
    [
        ("on Tuesday", "2023-03-21"),  # "talks will be held on Tuesday": the coming Tuesday
        ("Thursday", THURSDAY),  # later on the day of publication
        ("next Monday", "2023-03-20"),
        ("last Monday", "2023-03-13"),  # a past day stays past even in a sentence about the future
    ],
)
def test_weekday_of_a_future_event_is_the_coming_one(text, day):
    found = resolve(text, THURSDAY, future=True)
    assert (found.start, found.end, found.precision) == (day, day, "day")


def test_future_flag_leaves_other_expressions_alone():
    for text in ("yesterday", "January 29, 2023", "last week", "September 2018"):
        assert resolve(text, THURSDAY, future=True) == resolve(text, THURSDAY)


@pytest.mark.parametrize(
    "text, future, day",
    [
        ("Oct. 14", False, "2022-10-14"),  # what happened lies before the report: last October, not the coming one
        ("Oct. 14", True, "2023-10-14"),  # what is planned lies ahead
        ("Oct. 14", None, "2022-10-14"),  # tense unknown: the nearest
        ("March 17", False, "2023-03-17"),  # the day after publication: within the slack of time zones
        ("March 25", False, "2022-03-25"),
        ("January 29", True, "2024-01-29"),
        ("March 20", None, "2023-03-20"),
    ],
)
def test_a_day_without_its_year_lies_on_the_side_of_the_report_its_tense_says(text, future, day):
    assert resolve(text, THURSDAY, future=future).start == day


@pytest.mark.parametrize(
    "text, day",
    [
        ("Monday, March 6", "2023-03-06"),  # the weekday alone would say 2023-03-13
        ("on Sunday, Jan. 29, 2023", "2023-01-29"),
        ("Friday 2021-05-07", "2021-05-07"),
    ],
)
def test_explicit_calendar_date_wins_over_its_weekday(text, day):
    assert span(text) == (day, day, "day")


# -- the report's own date (dates.report_date) and new time words -------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("DAMASCUS, Feb 20 (Reuters) - Syrian forces advanced. (c) 2020 Reuters", "2020-02-20"),
        ("BAMAKO, Mali, March 3, 2019 (AFP) -- Gunmen attacked a village.", "2019-03-03"),
        ("Posted on April 4 2017 by admin\nAirstrikes hit the town.", "2017-04-04"),
        ("12 February 2015\nGunmen attacked the camp.", "2015-02-12"),
        ("Wed, 08-11-2023 10:13 PM, Aden\n\nEleven soldiers were killed.", "2023-11-08"),
        ("2024-05-15 | 00:29\n\nTwo people were killed.", "2024-05-15"),
    ],
)
def test_report_date_from_its_opening(text, expected):
    found = report_date(text)
    assert found is not None and found[0] == expected and found[1]


def test_a_published_on_label_closing_the_page_dates_the_report():
    body = "Rebels attacked a police station on Sunday, killing an officer. " * 12  # well past the opening
    text = f"Published on\n\n{body}\n\nPublished By:\n\nA Reporter\n\nPublished On:\n\nSep 15, 2025"
    assert report_date(text) == ("2025-09-15", "'published on' label 'Published On: Sep 15, 2025'")


def test_an_embedded_posts_signature_dates_a_report_with_no_date_of_its_own():
    body = "Maoists triggered an IED blast on Monday, killing two security personnel. " * 10  # past the opening
    text = f"{body}\n\n2 jawans dead in IED attack pic.twitter.com/XcfE \u2014 ANI (@ANI) April 9, 2018\n\nMore soon."
    assert report_date(text) == ("2018-04-09", "embedded post's date '(@ANI) April 9, 2018'")


def test_a_sentence_about_a_publication_does_not_date_the_report():
    opening = "Militias attacked the camp on Sunday, killing four people. " * 6  # past the top's 300 characters
    assert report_date(opening + "The survey, published on March 3, 2021, counted the dead.") is None


def test_a_report_without_a_date_line_has_none():
    assert report_date("MOGADISHU (Reuters) - A car bomb exploded on Tuesday.") is None


def test_a_yearless_dateline_takes_the_year_nearest_the_default():
    assert report_date("KHARTOUM, June 5 (Reuters) - Shelling hit the city.", "2024-06-07")[0] == "2024-06-05"


@pytest.mark.parametrize(
    "expr,start,end",
    [
        ("overnight", "2023-03-15", THURSDAY),
        ("on Sunday and Monday", "2023-03-12", "2023-03-13"),
        ("earlier on Monday", "2023-03-13", "2023-03-13"),
        ("this morning", THURSDAY, THURSDAY),
    ],
)
def test_time_words(expr, start, end):
    span = resolve(expr, THURSDAY)
    assert (span.start, span.end) == (start, end)


def test_days_named_compare_without_a_calendar():
    assert day_key("Tuesday November 21") == {"tuesday", "11-21"}
    assert day_key("on 6th of November") == {"11-6"}
    assert not day_key("last year") and not day_key("in recent months")


def test_a_weekday_with_a_day_and_no_year_dates_itself_from_the_latest_year_named():
    assert weekday_year("Monday, February 3", 2019).start == "2020-02-03"  # the first such Monday from 2019
    assert weekday_year("Tuesday November 21", 2023).start == "2023-11-21"
    assert weekday_year("November 21", 2023) is None and weekday_year("last Tuesday", 2023) is None


def test_an_iso_timestamp_at_the_top_dates_the_report():
    assert report_date("2025-02-05T10:00:00Z\nGunmen killed 12 people.")[0] == "2025-02-05"
