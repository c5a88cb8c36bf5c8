//! Calendar dates as Quire stores them: one form (`YYYY-MM-DD`), parsed strictly, shown as "Mar 13, 2026".

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A day in the proleptic Gregorian calendar. Ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date string was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("expected a date as YYYY-MM-DD or RFC 3339, found {0:?}")]
    Malformed(String),
    #[error("month {0} is out of range (1-12)")]
    MonthOutOfRange(u8),
    #[error("day {day} is out of range for {year}-{month:02}")]
    DayOutOfRange { year: u16, month: u8, day: u8 },
    #[error("year {0} is out of range (1000-9999)")]
    YearOutOfRange(u16),
}

const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Builds a date, checking the month and the day against the calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, DateError> {
        if !(1000..=9999).contains(&year) {
            return Err(DateError::YearOutOfRange(year));
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::MonthOutOfRange(month));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::DayOutOfRange { year, month, day });
        }
        Ok(Self { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, or a timestamp (RFC 3339, or Jekyll's `YYYY-MM-DD HH:MM:SS +HHMM`) whose calendar date is kept
    /// (`2026-03-13T09:30:00+01:00` is the 13th: the author's own day, not UTC's).
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let input = input.trim();
        let malformed = || DateError::Malformed(input.to_owned());
        let bytes = input.as_bytes();
        if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(malformed());
        }
        if bytes.len() > 10 && !is_time_of_day(&input[10..]) {
            return Err(malformed());
        }
        let digits = |range: std::ops::Range<usize>| -> Result<u16, DateError> {
            let part = &input[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| malformed())
            } else {
                Err(malformed())
            }
        };
        let year = digits(0..4)?;
        let month = u8::try_from(digits(5..7)?).map_err(|_| malformed())?;
        let day = u8::try_from(digits(8..10)?).map_err(|_| malformed())?;
        Self::new(year, month, day)
    }

    /// The civil date `days` after 1970-01-01 (negative for earlier), or `None` outside years 1000-9999.
    pub fn from_days_since_unix_epoch(days: i64) -> Option<Self> {
        // Howard Hinnant's days_from_civil inverse: exact for the whole proleptic Gregorian calendar.
        let shifted = days.checked_add(719_468)?;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Self::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
        .ok()
    }

    /// Days from 1970-01-01 to this date (negative before it); the inverse of
    /// [`Date::from_days_since_unix_epoch`] (Howard Hinnant's days_from_civil).
    pub fn days_since_unix_epoch(self) -> i64 {
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month_index = if month > 2 { month - 3 } else { month + 9 };
        let day_of_year = (153 * month_index + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// RFC 822 / RFC 2822 form at midnight UTC, as RSS wants it: "Fri, 13 Mar 2026 00:00:00 +0000".
    pub fn rfc2822(self) -> String {
        const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        let weekday = WEEKDAYS[self.days_since_unix_epoch().rem_euclid(7) as usize];
        format!(
            "{weekday}, {:02} {} {:04} 00:00:00 +0000",
            self.day,
            MONTH_ABBREVIATIONS[usize::from(self.month - 1)],
            self.year
        )
    }

    /// RFC 3339 at midnight UTC, as Atom and sitemaps want it.
    pub fn rfc3339(self) -> String {
        format!("{self}T00:00:00Z")
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// "Mar 13, 2026", as the reference listing shows dates.
    pub fn human(self) -> String {
        let mut out = String::with_capacity(12);
        self.push_human(&mut out);
        out
    }

    /// [`Self::human`] onto the end of `out`, for pages built in one buffer: listings show a
    /// date on every card, tens of thousands of them in a large build.
    pub fn push_human(self, out: &mut String) {
        out.push_str(MONTH_ABBREVIATIONS[usize::from(self.month - 1)]);
        out.push(' ');
        push_digits(out, self.day.into(), 1);
        out.push_str(", ");
        push_digits(out, self.year, 1);
    }

    /// The `YYYY-MM-DD` that `Display` writes, onto the end of `out`, without the formatting
    /// machinery's padding logic.
    pub fn push_iso(self, out: &mut String) {
        push_digits(out, self.year, 4);
        out.push('-');
        push_digits(out, self.month.into(), 2);
        out.push('-');
        push_digits(out, self.day.into(), 2);
    }

    /// "March", for templates that format dates (Liquid's `date` filter).
    pub fn month_name(self) -> &'static str {
        MONTH_NAMES[usize::from(self.month - 1)]
    }

    /// "Mar".
    pub fn month_abbreviation(self) -> &'static str {
        MONTH_ABBREVIATIONS[usize::from(self.month - 1)]
    }

    /// "Thursday" for 1970-01-01.
    pub fn weekday_name(self) -> &'static str {
        const WEEKDAYS: [&str; 7] = [
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
            "Monday",
            "Tuesday",
            "Wednesday",
        ];
        WEEKDAYS[self.days_since_unix_epoch().rem_euclid(7) as usize]
    }

    /// "March 2026", for archive headings.
    pub fn month_heading(self) -> String {
        format!("{} {}", MONTH_NAMES[usize::from(self.month - 1)], self.year)
    }
}

/// `value` in decimal, zero-padded to at least `width` (at most 5) digits.
fn push_digits(out: &mut String, value: u16, width: usize) {
    let mut digits = [b'0'; 5];
    let mut start = digits.len();
    let mut rest = value;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let start = start.min(digits.len() - width);
    out.push_str(std::str::from_utf8(&digits[start..]).expect("ASCII digits"));
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Checks the time that may follow a date: RFC 3339 (`T09:30:00Z`, `T09:30:00.5+01:00`) and
/// the forms Jekyll and Hugo write (`09:30`, `09:30:00 +0100`, no offset for local time).
fn is_time_of_day(tail: &str) -> bool {
    let bytes = tail.as_bytes();
    let two_digits_at = |at: usize, max: u8| -> bool {
        bytes.len() > at + 1
            && bytes[at].is_ascii_digit()
            && bytes[at + 1].is_ascii_digit()
            && (bytes[at] - b'0') * 10 + (bytes[at + 1] - b'0') <= max
    };
    if bytes.len() < 6 || !matches!(bytes[0], b'T' | b't' | b' ') {
        return false;
    }
    if !(two_digits_at(1, 23) && bytes[3] == b':' && two_digits_at(4, 59)) {
        return false;
    }
    let mut rest = &tail[6..];
    if let Some(seconds) = rest.strip_prefix(':') {
        let seconds_bytes = seconds.as_bytes();
        if seconds_bytes.len() < 2
            || !seconds_bytes[..2].iter().all(u8::is_ascii_digit)
            || (seconds_bytes[0] - b'0') * 10 + (seconds_bytes[1] - b'0') > 60
        {
            return false;
        }
        rest = &seconds[2..];
        if let Some(fraction) = rest.strip_prefix('.') {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return false;
            }
            rest = &fraction[digits..];
        }
    }
    is_utc_offset(rest.strip_prefix(' ').unwrap_or(rest))
}

fn is_utc_offset(offset: &str) -> bool {
    let in_range = |tens: u8, units: u8, max: u8| {
        tens.is_ascii_digit()
            && units.is_ascii_digit()
            && (tens - b'0') * 10 + (units - b'0') <= max
    };
    match offset.as_bytes() {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] | [b'+' | b'-', h1, h2, m1, m2] => {
            in_range(*h1, *h2, 23) && in_range(*m1, *m2, 59)
        }
        _ => false,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Self::parse(input)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str, expected: &str) {
        match Date::parse(input) {
            Ok(date) => assert_eq!(date.to_string(), expected, "{input:?}"),
            Err(error) => panic!("{input:?} should parse, got {error}"),
        }
    }

    fn err(input: &str, expected: DateError) {
        assert_eq!(Date::parse(input), Err(expected), "{input:?}");
    }

    #[test]
    fn parses_plain_dates_and_rfc3339() {
        ok("2026-03-13", "2026-03-13");
        ok(" 2026-03-13 ", "2026-03-13");
        ok("2024-02-29", "2024-02-29");
        ok("2000-02-29", "2000-02-29");
        ok("2026-03-13T09:30:00Z", "2026-03-13");
        ok("2026-03-13T23:59:60+14:00", "2026-03-13");
        ok("2026-03-13t00:00:00.123456-05:30", "2026-03-13");
        ok("2026-03-13 08:00:00Z", "2026-03-13");
        ok("2026-03-13T10:00:00", "2026-03-13");
        ok("2026-03-13 10:00:00 +0100", "2026-03-13");
        ok("2026-03-13 10:00", "2026-03-13");
    }

    #[test]
    fn refuses_what_is_not_a_calendar_date() {
        let malformed = |s: &str| DateError::Malformed(s.to_owned());
        err("banana", malformed("banana"));
        err("2026-3-13", malformed("2026-3-13"));
        err("2026/03/13", malformed("2026/03/13"));
        err("2026-03-1x", malformed("2026-03-1x"));
        err("+026-03-13", malformed("+026-03-13"));
        err("2026-03-13T25:00:00Z", malformed("2026-03-13T25:00:00Z"));
        err("2026-03-13T10", malformed("2026-03-13T10"));
        err(
            "2026-03-13 10:00:00 +01",
            malformed("2026-03-13 10:00:00 +01"),
        );
        err("2026-03-13T10:00:00.Z", malformed("2026-03-13T10:00:00.Z"));
        err("2026-03-13junk", malformed("2026-03-13junk"));
        err("2026-13-01", DateError::MonthOutOfRange(13));
        err("2026-00-01", DateError::MonthOutOfRange(0));
        err(
            "2025-02-29",
            DateError::DayOutOfRange {
                year: 2025,
                month: 2,
                day: 29,
            },
        );
        err(
            "1900-02-29",
            DateError::DayOutOfRange {
                year: 1900,
                month: 2,
                day: 29,
            },
        );
        err(
            "2026-04-31",
            DateError::DayOutOfRange {
                year: 2026,
                month: 4,
                day: 31,
            },
        );
        err("0999-01-01", DateError::YearOutOfRange(999));
        err("é026-03-13", malformed("é026-03-13"));
    }

    #[test]
    fn every_day_of_a_leap_year_round_trips() {
        let mut count = 0;
        for month in 1..=12 {
            for day in 1..=31 {
                if let Ok(date) = Date::new(2024, month, day) {
                    assert_eq!(Date::parse(&date.to_string()), Ok(date));
                    count += 1;
                }
            }
        }
        assert_eq!(count, 366);
    }

    #[test]
    fn shows_dates_like_the_reference_listing() {
        let date = Date::parse("2026-03-13").unwrap();
        assert_eq!(date.human(), "Mar 13, 2026");
        assert_eq!(date.month_heading(), "March 2026");
        assert_eq!(Date::parse("2026-12-01").unwrap().human(), "Dec 1, 2026");
    }

    #[test]
    fn pushed_forms_match_the_formatted_ones() {
        for year in [1000, 1009, 1099, 2024, 2026, 9999] {
            for month in 1..=12 {
                for day in 1..=31 {
                    let Ok(date) = Date::new(year, month, day) else {
                        continue;
                    };
                    let mut out = String::from("<");
                    date.push_iso(&mut out);
                    out.push('|');
                    date.push_human(&mut out);
                    let human = format!(
                        "{} {day}, {year}",
                        MONTH_ABBREVIATIONS[usize::from(month - 1)]
                    );
                    assert_eq!(out, format!("<{year:04}-{month:02}-{day:02}|{human}"));
                    assert_eq!(date.to_string(), format!("{year:04}-{month:02}-{day:02}"));
                }
            }
        }
    }

    #[test]
    fn converts_days_since_the_unix_epoch() {
        let check = |days: i64, expected: &str| {
            assert_eq!(
                Date::from_days_since_unix_epoch(days)
                    .map(|d| d.to_string())
                    .as_deref(),
                Some(expected),
                "{days}"
            );
        };
        check(0, "1970-01-01");
        check(-1, "1969-12-31");
        check(59, "1970-03-01");
        check(11_016, "2000-02-29");
        check(20_526, "2026-03-14");
        check(2_932_896, "9999-12-31");
        assert_eq!(Date::from_days_since_unix_epoch(2_932_897), None);
        assert_eq!(Date::from_days_since_unix_epoch(i64::MAX), None);
    }

    #[test]
    fn round_trips_days_and_formats_feed_dates() {
        for days in [-1000, -1, 0, 59, 11_016, 20_526, 2_932_896] {
            let date = Date::from_days_since_unix_epoch(days).unwrap();
            assert_eq!(date.days_since_unix_epoch(), days);
        }
        let date = Date::parse("2026-03-13").unwrap();
        assert_eq!(date.rfc2822(), "Fri, 13 Mar 2026 00:00:00 +0000");
        assert_eq!(
            Date::parse("1970-01-01").unwrap().rfc2822(),
            "Thu, 01 Jan 1970 00:00:00 +0000"
        );
        assert_eq!(
            Date::parse("2026-11-22").unwrap().rfc2822(),
            "Sun, 22 Nov 2026 00:00:00 +0000"
        );
        assert_eq!(date.rfc3339(), "2026-03-13T00:00:00Z");
    }

    #[test]
    fn orders_chronologically() {
        let earlier = Date::parse("2025-12-31").unwrap();
        let later = Date::parse("2026-01-01").unwrap();
        assert!(earlier < later);
    }

    #[test]
    fn serialises_as_an_iso_string() {
        let date = Date::parse("2026-03-13").unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2026-03-13\"");
        let back: Date = serde_json::from_str("\"2026-03-13\"").unwrap();
        assert_eq!(back, date);
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
    }
}
