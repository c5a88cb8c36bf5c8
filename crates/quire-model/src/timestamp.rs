//! Time of day beside a calendar [`Date`], read from every front matter date form Hugo, Jekyll,
//! Zola and Astro accept.
//!
//! Nothing is converted to UTC: `2026-03-13T23:30:00-08:00` stays on the 13th at 23:30, the
//! author's own day and clock, with the offset kept beside it for feeds.

use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::date::{Date, DateError};

/// ±18:00, the bound java.time and most RFC 3339 readers use; real zones stop at +14:00.
const MAX_OFFSET_MINUTES: u16 = 18 * 60;

/// Monday first, as ISO 8601 counts; 1970-01-01 was a Thursday (index 3).
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A time of day as the author wrote it, with the UTC offset when one was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    /// Since local midnight, 0..86400.
    seconds: u32,
    /// `None` when no offset was written (a "floating" local time); `Z` is `Some(0)`.
    offset_minutes: Option<i16>,
}

impl TimeOfDay {
    /// Checks hour 0-23, minute 0-59, second 0-60 and an offset within ±18:00. A leap second
    /// counts as :59, because a day here has exactly 86,400 slots to order posts by.
    pub fn new(
        hour: u8,
        minute: u8,
        second: u8,
        offset_minutes: Option<i16>,
    ) -> Result<Self, DateError> {
        let offset_in_range =
            offset_minutes.is_none_or(|offset| offset.unsigned_abs() <= MAX_OFFSET_MINUTES);
        if hour > 23 || minute > 59 || second > 60 || !offset_in_range {
            let offset = offset_minutes.map_or(String::new(), |offset| offset_text(offset, ":"));
            return Err(DateError::Malformed(format!(
                "{hour:02}:{minute:02}:{second:02}{offset}"
            )));
        }
        let seconds = u32::from(hour) * 3600 + u32::from(minute) * 60 + u32::from(second.min(59));
        Ok(Self {
            seconds,
            offset_minutes,
        })
    }

    /// Seconds since local midnight: what ordering within a day uses.
    pub fn seconds(self) -> u32 {
        self.seconds
    }

    /// Minutes east of UTC, or `None` for a floating local time.
    pub fn offset_minutes(self) -> Option<i16> {
        self.offset_minutes
    }

    /// "09:30:00+01:00", "09:30:00Z" for offset 0, "09:30:00" when floating.
    pub fn rfc3339(self) -> String {
        self.to_string()
    }

    fn clock_text(self) -> String {
        let (hour, minute, second) = (
            self.seconds / 3600,
            self.seconds / 60 % 60,
            self.seconds % 60,
        );
        format!("{hour:02}:{minute:02}:{second:02}")
    }
}

/// `+01:00` (with `separator` ":") or `+0100` (with ""); `unsigned_abs` so `i16::MIN` cannot overflow.
fn offset_text(minutes: i16, separator: &str) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let minutes = minutes.unsigned_abs();
    format!("{sign}{:02}{separator}{:02}", minutes / 60, minutes % 60)
}

impl Ord for TimeOfDay {
    /// By clock time first, then offset, so the order is total and agrees with `Eq`.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.seconds
            .cmp(&other.seconds)
            .then(self.offset_minutes.cmp(&other.offset_minutes))
    }
}

impl PartialOrd for TimeOfDay {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.clock_text())?;
        match self.offset_minutes {
            None => Ok(()),
            Some(0) => f.write_str("Z"),
            Some(offset) => f.write_str(&offset_text(offset, ":")),
        }
    }
}

impl FromStr for TimeOfDay {
    type Err = DateError;

    /// Only the exact form [`TimeOfDay::rfc3339`] writes, so stored bundles have one spelling.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let malformed = || DateError::Malformed(input.to_owned());
        let tokens = tokenize(input).ok_or_else(malformed)?;
        let (clock, used) = read_clock(&tokens).ok_or_else(malformed)?;
        let (zone, used) = match read_zone(&tokens[used..]) {
            Some((zone, more)) => (Some(zone), used + more),
            None => (None, used),
        };
        let time = clock.with_zone(zone).map_err(|_| malformed())?;
        if used != tokens.len() || time.to_string() != input {
            return Err(malformed());
        }
        Ok(time)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// RFC 3339 of a day and an optional time, as Atom and sitemaps want it:
/// "2026-03-13T09:30:00+01:00"; with no time "2026-03-13T00:00:00Z", like [`Date::rfc3339`].
/// A floating time is written as UTC, because RFC 3339 has no offset-less form.
pub fn rfc3339(date: Date, time: Option<TimeOfDay>) -> String {
    let Some(time) = time else {
        return date.rfc3339();
    };
    let offset = match time.offset_minutes.unwrap_or(0) {
        0 => "Z".to_owned(),
        offset => offset_text(offset, ":"),
    };
    format!("{date}T{}{offset}", time.clock_text())
}

/// RFC 2822 for RSS: "Fri, 13 Mar 2026 09:30:00 +0100"; a floating time is written as
/// "+0000", and no time gives [`Date::rfc2822`]'s midnight.
pub fn rfc2822(date: Date, time: Option<TimeOfDay>) -> String {
    let Some(time) = time else {
        return date.rfc2822();
    };
    let weekday = WEEKDAYS[(date.days_since_unix_epoch() + 3).rem_euclid(7) as usize];
    format!(
        "{}, {:02} {} {:04} {} {}",
        &weekday[..3],
        date.day(),
        &crate::date::MONTH_NAMES[usize::from(date.month() - 1)][..3],
        date.year(),
        time.clock_text(),
        offset_text(time.offset_minutes.unwrap_or(0), "")
    )
}

/// Parses every date form that Hugo, Jekyll, Zola and Astro accept in front matter, keeping
/// the author's calendar day and time of day as written (no conversion to UTC).
///
/// The input is split into numbers, words and punctuation, and each run of tokens fills one
/// slot (an ISO date, a day, a month name, a year, a clock time, a zone); a slot filled twice,
/// a token that fits no slot, or a missing day, month or year is [`DateError::Malformed`].
pub fn parse_timestamp(input: &str) -> Result<(Date, Option<TimeOfDay>), DateError> {
    let text = unquote(input.trim());
    let malformed = || DateError::Malformed(text.to_owned());
    let tokens = tokenize(text).ok_or_else(malformed)?;
    let fields = read_fields(&tokens).ok_or_else(malformed)?;
    let (Some(year), Some(month), Some(day)) = (fields.year, fields.month, fields.day) else {
        return Err(malformed());
    };
    let date = Date::new(year, month, day)?;
    let time = fields
        .clock
        .map(|clock| clock.with_zone(fields.zone))
        .transpose()
        .map_err(|_| malformed())?;
    Ok((date, time))
}

/// Front matter writers quote dates (`pubDate: 'Jul 08 2022'`), and some YAML loaders keep the quotes.
fn unquote(text: &str) -> &str {
    ['"', '\'']
        .iter()
        .find_map(|&quote| text.strip_prefix(quote)?.strip_suffix(quote))
        .map_or(text, str::trim)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Number,
    Word,
    Punct,
}

#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    /// Whitespace came before it: `09:30` is one clock, `09 : 30` is not.
    spaced: bool,
}

/// Digit runs, ASCII letter runs and single punctuation marks; `None` for any other character.
/// A trailing `(…)` is dropped, as JavaScript does with `Date.toString()`'s zone name.
fn tokenize(text: &str) -> Option<Vec<Token<'_>>> {
    let mut tokens = Vec::new();
    let mut spaced = false;
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        if first.is_whitespace() {
            spaced = true;
            rest = &rest[first.len_utf8()..];
            continue;
        }
        if first == '(' {
            return is_trailing_comment(rest).then_some(tokens);
        }
        let (kind, len) = match first {
            '0'..='9' => (Kind::Number, run_length(rest, |c| c.is_ascii_digit())),
            'a'..='z' | 'A'..='Z' => (Kind::Word, run_length(rest, |c| c.is_ascii_alphabetic())),
            '-' | '+' | '/' | ':' | '.' | ',' => (Kind::Punct, 1),
            _ => return None,
        };
        tokens.push(Token {
            kind,
            text: &rest[..len],
            spaced,
        });
        spaced = false;
        rest = &rest[len..];
    }
    Some(tokens)
}

fn run_length(text: &str, keep: impl Fn(char) -> bool) -> usize {
    text.find(|c| !keep(c)).unwrap_or(text.len())
}

fn is_trailing_comment(rest: &str) -> bool {
    rest.len() >= 2 && rest.ends_with(')') && !rest[1..rest.len() - 1].contains(['(', ')'])
}

/// A clock time as read, before the zone is known.
#[derive(Clone, Copy, Debug)]
struct Clock {
    hour: u8,
    minute: u8,
    second: u8,
}

impl Clock {
    /// Named zones other than UTC/GMT stay floating: their offsets change with the season,
    /// and the day and clock the author wrote are what Quire keeps.
    fn with_zone(self, zone: Option<Zone>) -> Result<TimeOfDay, DateError> {
        let offset = match zone {
            Some(Zone::Offset(minutes)) => Some(minutes),
            Some(Zone::Named) | None => None,
        };
        TimeOfDay::new(self.hour, self.minute, self.second, offset)
    }
}

#[derive(Clone, Copy, Debug)]
enum Zone {
    Offset(i16),
    /// An abbreviation such as `MST` or `CEST`.
    Named,
}

/// One run of tokens and the slot it fills.
enum Item<'a> {
    Ignored,
    Date { year: u16, month: u8, day: u8 },
    Clock(Clock),
    Zone(Zone),
    Month(u8),
    Number(&'a str),
}

/// The slots a timestamp fills, each at most once.
#[derive(Default)]
struct Fields {
    year: Option<u16>,
    month: Option<u8>,
    day: Option<u8>,
    clock: Option<Clock>,
    zone: Option<Zone>,
    repeated_year: bool,
}

fn read_fields(tokens: &[Token]) -> Option<Fields> {
    let mut fields = Fields::default();
    let mut at = 0;
    while at < tokens.len() {
        let (item, used) = next_item(tokens, at, &fields)?;
        fields.record(item)?;
        at += used;
    }
    Some(fields)
}

/// The item starting at `tokens[at]`; the order of the tries settles the overlaps
/// (`2026-03-13` before a lone `2026`, `09:30` before a lone `09`).
fn next_item<'a>(tokens: &[Token<'a>], at: usize, fields: &Fields) -> Option<(Item<'a>, usize)> {
    let rest = &tokens[at..];
    if is_separator(tokens, at) {
        return Some((Item::Ignored, 1));
    }
    if let Some((year, month, day)) = read_iso_date(rest) {
        return Some((Item::Date { year, month, day }, 5));
    }
    if let Some((clock, used)) = read_clock(rest) {
        return Some((Item::Clock(clock), used));
    }
    if fields.clock.is_some()
        && let Some((zone, used)) = read_zone(rest)
    {
        return Some((Item::Zone(zone), used));
    }
    let token = rest[0];
    match token.kind {
        Kind::Word if at == 0 && is_weekday(token.text) => Some((Item::Ignored, 1)),
        Kind::Word => month_number(token.text).map(|month| (Item::Month(month), 1)),
        Kind::Number => Some((Item::Number(token.text), 1)),
        Kind::Punct => None,
    }
}

/// Commas (`January 2, 2006`), the `T` of ISO 8601 (`2026-03-13T09:30`) and the hyphens of
/// RFC 850 (`02-Jan-06`): marks that only separate.
fn is_separator(tokens: &[Token], at: usize) -> bool {
    let token = tokens[at];
    let Some(previous) = at.checked_sub(1).map(|before| tokens[before]) else {
        return false;
    };
    let next = tokens.get(at + 1).filter(|next| !next.spaced);
    match (token.kind, token.text) {
        (Kind::Punct, ",") => previous.kind != Kind::Punct,
        (Kind::Word, "T" | "t") => {
            !token.spaced && previous.kind == Kind::Number && next.is_some_and(is_number)
        }
        (Kind::Punct, "-") => {
            !token.spaced && next.is_some() && (is_month(&previous) || next.is_some_and(is_month))
        }
        _ => false,
    }
}

fn is_number(token: &Token) -> bool {
    token.kind == Kind::Number
}

fn is_month(token: &Token) -> bool {
    token.kind == Kind::Word && month_number(token.text).is_some()
}

/// `rest[at]` when nothing separates it from the token before.
fn attached<'t, 'a>(rest: &'t [Token<'a>], at: usize) -> Option<&'t Token<'a>> {
    rest.get(at).filter(|token| !token.spaced)
}

fn number<T: FromStr>(token: Option<&Token>, digits: RangeInclusive<usize>) -> Option<T> {
    let token = token.filter(|token| token.kind == Kind::Number)?;
    digits
        .contains(&token.text.len())
        .then(|| token.text.parse().ok())?
}

fn punct<'a>(token: Option<&Token<'a>>) -> Option<&'a str> {
    token
        .filter(|token| token.kind == Kind::Punct)
        .map(|token| token.text)
}

/// `2026-03-13`, `2023/01/29`, `2023-1-9`: a four-digit year first, one separator throughout.
fn read_iso_date(rest: &[Token]) -> Option<(u16, u8, u8)> {
    let year = number(rest.first(), 4..=4)?;
    let separator = punct(attached(rest, 1)).filter(|text| matches!(*text, "-" | "/"))?;
    let month = number(attached(rest, 2), 1..=2)?;
    punct(attached(rest, 3)).filter(|text| *text == separator)?;
    let day = number(attached(rest, 4), 1..=2)?;
    Some((year, month, day))
}

/// `09:30`, `9:30:00`, `09:30:00.123`, `6:30 PM`, `3:04PM`: the fraction is dropped and
/// AM/PM folded into the 24-hour clock.
fn read_clock(rest: &[Token]) -> Option<(Clock, usize)> {
    let hour = number(rest.first(), 1..=2)?;
    punct(attached(rest, 1)).filter(|text| *text == ":")?;
    let minute = number(attached(rest, 2), 2..=2)?;
    let mut clock = Clock {
        hour,
        minute,
        second: 0,
    };
    let mut used = 3;
    if punct(attached(rest, used)) == Some(":") {
        clock.second = number(attached(rest, used + 1), 2..=2)?;
        used += 2;
        if punct(attached(rest, used)) == Some(".") {
            attached(rest, used + 1).filter(|token| is_number(token))?;
            used += 2;
        }
    }
    if let Some(afternoon) = rest.get(used).and_then(meridiem) {
        clock.hour = twelve_hour(clock.hour, afternoon)?;
        used += 1;
    }
    Some((clock, used))
}

/// `Some(true)` for PM, `Some(false)` for AM.
fn meridiem(token: &Token) -> Option<bool> {
    match token.kind {
        Kind::Word if token.text.eq_ignore_ascii_case("pm") => Some(true),
        Kind::Word if token.text.eq_ignore_ascii_case("am") => Some(false),
        _ => None,
    }
}

/// 12 AM is midnight and 12 PM noon; hours outside 1-12 are not 12-hour times.
fn twelve_hour(hour: u8, afternoon: bool) -> Option<u8> {
    (1..=12)
        .contains(&hour)
        .then_some(hour % 12 + if afternoon { 12 } else { 0 })
}

/// What may follow a clock: `Z`, `+01:00`, `-0700`, `+01`, `UTC`, `GMT+0200`, or an
/// abbreviation (`MST`), also Go's `-0700 MST` where the number is the one kept.
fn read_zone(rest: &[Token]) -> Option<(Zone, usize)> {
    let token = rest.first()?;
    if token.kind == Kind::Punct {
        let (minutes, used) = read_offset(rest)?;
        let named_too = rest
            .get(used)
            .is_some_and(|next| next.spaced && is_abbreviation(next));
        return Some((Zone::Offset(minutes), used + usize::from(named_too)));
    }
    if ["z", "ut", "utc", "gmt"]
        .iter()
        .any(|name| token.text.eq_ignore_ascii_case(name))
    {
        return match read_offset(&rest[1..]).filter(|_| !rest.get(1).is_some_and(|t| t.spaced)) {
            Some((minutes, used)) => Some((Zone::Offset(minutes), used + 1)),
            None => Some((Zone::Offset(0), 1)),
        };
    }
    is_abbreviation(token).then_some((Zone::Named, 1))
}

/// `+01:00`, `+0100`, `+01` or `-5`, as signed minutes; the ±18:00 bound is checked later.
fn read_offset(rest: &[Token]) -> Option<(i16, usize)> {
    let sign = match punct(rest.first())? {
        "+" => 1,
        "-" => -1,
        _ => return None,
    };
    let digits = attached(rest, 1)
        .filter(|token| token.kind == Kind::Number)?
        .text;
    let (hours, minutes, used): (i16, i16, usize) = match digits.len() {
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?, 2),
        1 | 2 if punct(attached(rest, 2)) == Some(":") => {
            (digits.parse().ok()?, number(attached(rest, 3), 2..=2)?, 4)
        }
        1 | 2 => (digits.parse().ok()?, 0, 2),
        _ => return None,
    };
    (hours <= 18 && minutes <= 59).then_some((sign * (hours * 60 + minutes), used))
}

/// Go's rule for zone names: three to five capital letters (`MST`, `CEST`), not a month or day.
fn is_abbreviation(token: &Token) -> bool {
    token.kind == Kind::Word
        && (3..=5).contains(&token.text.len())
        && token.text.bytes().all(|b| b.is_ascii_uppercase())
        && month_number(token.text).is_none()
        && !is_weekday(token.text)
}

/// 1-12 for a month's full name or three-letter abbreviation in any case, or `Sept`.
fn month_number(word: &str) -> Option<u8> {
    let position = crate::date::MONTH_NAMES
        .iter()
        .position(|name| is_name_or_abbreviation(word, name))
        .or_else(|| word.eq_ignore_ascii_case("sept").then_some(8))?;
    u8::try_from(position + 1).ok()
}

fn is_weekday(word: &str) -> bool {
    WEEKDAYS
        .iter()
        .any(|name| is_name_or_abbreviation(word, name))
}

fn is_name_or_abbreviation(word: &str, name: &str) -> bool {
    word.eq_ignore_ascii_case(name) || (word.len() == 3 && word.eq_ignore_ascii_case(&name[..3]))
}

impl Fields {
    fn record(&mut self, item: Item) -> Option<()> {
        match item {
            Item::Ignored => {}
            Item::Date { year, month, day } => {
                set_once(&mut self.year, year)?;
                set_once(&mut self.month, month)?;
                set_once(&mut self.day, day)?;
            }
            Item::Clock(clock) => set_once(&mut self.clock, clock)?,
            Item::Zone(zone) => set_once(&mut self.zone, zone)?,
            Item::Month(month) => set_once(&mut self.month, month)?,
            Item::Number(digits) => self.record_number(digits)?,
        }
        Some(())
    }

    /// A lone number is a year (four digits), else the day, else RFC 822's two-digit year.
    fn record_number(&mut self, digits: &str) -> Option<()> {
        let value: u16 = digits.parse().ok()?;
        match digits.len() {
            4 if self.year.is_none() => self.year = Some(value),
            // Some Jekyll posts repeat the year after the clock (`18:30:22 2023 -0800`), and
            // Ruby's Time.parse skips it; a different year there is more likely a mistake.
            4 if self.clock.is_some() && self.year == Some(value) && !self.repeated_year => {
                self.repeated_year = true;
            }
            1 | 2 if self.day.is_none() => self.day = u8::try_from(value).ok(),
            // Go reads `02 Jan 06` with 69-99 in the 1900s and 00-68 in the 2000s.
            2 if self.month.is_some() && self.year.is_none() => {
                self.year = Some(if value >= 69 {
                    1900 + value
                } else {
                    2000 + value
                });
            }
            _ => return None,
        }
        Some(())
    }
}

fn set_once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parse as "date", or "date hh:mm:ss offset" with the offset in minutes east of UTC
    /// or `floating`, built from the accessors so every row states all three parts.
    fn describe((date, time): (Date, Option<TimeOfDay>)) -> String {
        let Some(time) = time else {
            return date.to_string();
        };
        let seconds = time.seconds();
        let offset = time
            .offset_minutes()
            .map_or("floating".to_owned(), |minutes| minutes.to_string());
        let (hour, minute, second) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        format!("{date} {hour:02}:{minute:02}:{second:02} {offset}")
    }

    fn check(cases: &[(&str, &str)]) {
        for &(input, expected) in cases {
            match parse_timestamp(input) {
                Ok(parsed) => assert_eq!(describe(parsed), expected, "{input:?}"),
                Err(error) => panic!("{input:?} should parse, got {error}"),
            }
        }
    }

    #[test]
    fn reads_rfc3339_and_toml_datetimes() {
        check(&[
            ("2026-03-13", "2026-03-13"),
            ("  '2026-03-13'  ", "2026-03-13"),
            ("\" 2026-03-13 \"", "2026-03-13"),
            ("2026-03-13T09:30:00Z", "2026-03-13 09:30:00 0"),
            ("2026-03-13T09:30:00+01:00", "2026-03-13 09:30:00 60"),
            ("2026-03-13T09:30:00-0700", "2026-03-13 09:30:00 -420"),
            ("2026-03-13T09:30:00.123Z", "2026-03-13 09:30:00 0"),
            ("2026-03-13t09:30:00z", "2026-03-13 09:30:00 0"),
            ("2026-03-13 09:30:00", "2026-03-13 09:30:00 floating"),
            ("2026-03-13T09:30:00", "2026-03-13 09:30:00 floating"),
            ("2026-03-13T09:30", "2026-03-13 09:30:00 floating"),
            ("2026-03-13T09:30+05:30", "2026-03-13 09:30:00 330"),
            ("2026-03-13T23:30:00-08:00", "2026-03-13 23:30:00 -480"),
            (
                "2026-03-13T00:00:00.123456-05:30",
                "2026-03-13 00:00:00 -330",
            ),
            ("2026-03-13 08:00:00Z", "2026-03-13 08:00:00 0"),
            ("2026-03-13T23:59:60+14:00", "2026-03-13 23:59:59 840"),
            ("2026-03-13T12:00:00-18:00", "2026-03-13 12:00:00 -1080"),
            ("2026-03-13T12:00:00-00:00", "2026-03-13 12:00:00 0"),
        ]);
    }

    #[test]
    fn reads_go_layouts_hugo_accepts() {
        check(&[
            ("2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -420"),
            ("2006-01-02 15:04:05 -07:00", "2006-01-02 15:04:05 -420"),
            ("2006-01-02 15:04:05 MST", "2006-01-02 15:04:05 floating"),
            ("2006-01-02 15:04:05 CEST", "2006-01-02 15:04:05 floating"),
            ("2006-01-02 15:04:05 UTC", "2006-01-02 15:04:05 0"),
            ("2006-01-02 15:04:05 GMT", "2006-01-02 15:04:05 0"),
            ("2006-01-02 15:04:05 Z", "2006-01-02 15:04:05 0"),
            ("2006-01-02 15:04:05Z", "2006-01-02 15:04:05 0"),
            ("2006-01-02T15:04:05", "2006-01-02 15:04:05 floating"),
            ("2006-01-02T15:04:05-0700", "2006-01-02 15:04:05 -420"),
            (
                "Mon, 02 Jan 2006 15:04:05 -0700",
                "2006-01-02 15:04:05 -420",
            ),
            (
                "Mon, 02 Jan 2006 15:04:05 MST",
                "2006-01-02 15:04:05 floating",
            ),
            ("02 Jan 06 15:04 MST", "2006-01-02 15:04:00 floating"),
            ("02 Jan 06 15:04 -0700", "2006-01-02 15:04:00 -420"),
            ("02 Jan 99 15:04 +0000", "1999-01-02 15:04:00 0"),
            (
                "Monday, 02-Jan-06 15:04:05 MST",
                "2006-01-02 15:04:05 floating",
            ),
            ("Mon Jan  2 15:04:05 2006", "2006-01-02 15:04:05 floating"),
            (
                "Mon Jan  2 15:04:05 MST 2006",
                "2006-01-02 15:04:05 floating",
            ),
            ("Mon Jan 02 15:04:05 -0700 2006", "2006-01-02 15:04:05 -420"),
            (
                "2006-01-02 15:04:05.999999999 -0700 MST",
                "2006-01-02 15:04:05 -420",
            ),
            ("2006-01-02T15:04:05.999999999Z", "2006-01-02 15:04:05 0"),
            (
                "2006-01-02T15:04:05.999999999+07:00",
                "2006-01-02 15:04:05 420",
            ),
            ("January 2, 2006", "2006-01-02"),
            ("02 Jan 2006", "2006-01-02"),
        ]);
    }

    #[test]
    fn reads_jekyll_forms_ruby_time_parse_accepts() {
        check(&[
            ("2023-01-29 18:30:22 2023 -0800", "2023-01-29 18:30:22 -480"),
            ("2023-01-29 18:30:22 2023", "2023-01-29 18:30:22 floating"),
            ("2023-01-29 18:30:22 -0800", "2023-01-29 18:30:22 -480"),
            ("2023-01-29 18:30", "2023-01-29 18:30:00 floating"),
            ("2023-01-29 6:30 PM", "2023-01-29 18:30:00 floating"),
            ("2023-01-29 6:30pm", "2023-01-29 18:30:00 floating"),
            ("2023-01-29 12:05 AM", "2023-01-29 00:05:00 floating"),
            ("2023-01-29 12:05 PM", "2023-01-29 12:05:00 floating"),
            ("2023-01-29 3:04:05PM +01:00", "2023-01-29 15:04:05 60"),
            ("2026-03-13 09:30:00 +01", "2026-03-13 09:30:00 60"),
            ("2026-03-13 09:30 -5", "2026-03-13 09:30:00 -300"),
            ("2023-1-9", "2023-01-09"),
            ("2023/01/29", "2023-01-29"),
            ("2023/1/9 10:00", "2023-01-09 10:00:00 floating"),
            ("29 January 2023", "2023-01-29"),
            ("29 january 2023 10:00:00 +0100", "2023-01-29 10:00:00 60"),
        ]);
    }

    #[test]
    fn reads_javascript_dates_astro_starters_write() {
        check(&[
            ("Jul 08 2022", "2022-07-08"),
            ("July 8, 2022", "2022-07-08"),
            ("Jul 8, 2022", "2022-07-08"),
            ("Jan 1 2023 10:00", "2023-01-01 10:00:00 floating"),
            ("2022-07-08", "2022-07-08"),
            (
                "Fri Jul 08 2022 10:00:00 GMT+0200",
                "2022-07-08 10:00:00 120",
            ),
            (
                "Fri Jul 08 2022 10:00:00 UTC+02:00",
                "2022-07-08 10:00:00 120",
            ),
            ("Fri Jul 08 2022 10:00 GMT+2", "2022-07-08 10:00:00 120"),
            (
                "Fri Jul 08 2022 10:00 GMT+0200 (Central European Time)",
                "2022-07-08 10:00:00 120",
            ),
            ("Fri, Jul 08 2022", "2022-07-08"),
            ("Friday July 8, 2022", "2022-07-08"),
            ("FRI JUL 08 2022", "2022-07-08"),
            ("sept 8 2022", "2022-09-08"),
            ("Sep 8, 2022", "2022-09-08"),
            ("SEPTEMBER 8 2022", "2022-09-08"),
            ("'Jul 08 2022'", "2022-07-08"),
            ("Jul 8 22", "2022-07-08"),
        ]);
    }

    #[test]
    fn accepts_every_timestamp_date_parse_accepts_with_the_same_day() {
        for input in [
            "2026-03-13",
            "2024-02-29",
            "2026-03-13T09:30:00Z",
            "2026-03-13T23:59:60+14:00",
            "2026-03-13t00:00:00.123456-05:30",
            "2026-03-13 08:00:00Z",
            "2026-03-13T10:00:00",
            "2026-03-13 10:00:00 +0100",
            "2026-03-13 10:00",
        ] {
            let date = Date::parse(input).unwrap();
            assert_eq!(
                parse_timestamp(input).map(|(day, _)| day),
                Ok(date),
                "{input:?}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_timestamp() {
        for input in [
            "",
            "tomorrow",
            "2026-03-13abc",
            "2026-03-13 abc",
            "2026-03-13 09:30 abc",
            "2026-03-13T",
            "2026-03-13T10",
            "2026-03-13 T10:00",
            "2026-03-13T10:00:00.Z",
            "2026-03-13 Z",
            "2026-03-13 UTC",
            "2026-03-13 -0700",
            "2026-03",
            "2026-03/13",
            "2026.03.13",
            "03/13/2026",
            "20260313",
            "2026-03-13 2026-03-13",
            "2026-03-13 Mar",
            "2026-03-13 Fri",
            "2026-03-13 10:00 11:00",
            "2026-03-13 10:00 Z Z",
            "2023-01-29 18:30:22 2024 -0800",
            "2023-01-29 2023",
            "Jul 2022",
            "Jul 8",
            "09:30:00",
            "Jan 2 15:04:05",
            "2026-03-13 (comment",
            "2026-03-13 (a) b",
            "é2026-03-13",
            "2026-03-13\u{a0}x",
            // Times outside the clock and offsets outside ±18:00.
            "2026-03-13T24:00:00",
            "2026-03-13T25:00:00Z",
            "2026-03-13T10:60:00Z",
            "2026-03-13T10:00:61Z",
            "2026-03-13T10:5:00Z",
            "2026-03-13T10:00:00+19:00",
            "2026-03-13T10:00:00+18:30",
            "2026-03-13T10:00:00+01:60",
            "2026-03-13T10:00:00+123",
            "2026-03-13 13:00 PM",
            "2026-03-13 0:30 AM",
        ] {
            let expected = DateError::Malformed(input.to_owned());
            assert_eq!(parse_timestamp(input), Err(expected), "{input:?}");
        }
        for (quoted, inside) in [("   ", ""), ("''", ""), ("\" nope \"", "nope")] {
            let expected = DateError::Malformed(inside.to_owned());
            assert_eq!(parse_timestamp(quoted), Err(expected), "{quoted:?}");
        }
    }

    #[test]
    fn refuses_dates_outside_the_calendar() {
        let day = |year, month, day| DateError::DayOutOfRange { year, month, day };
        for (input, expected) in [
            ("2026-13-01", DateError::MonthOutOfRange(13)),
            ("2026-00-01", DateError::MonthOutOfRange(0)),
            ("2025-02-29", day(2025, 2, 29)),
            ("31 Apr 2026", day(2026, 4, 31)),
            ("Feb 30, 2024 10:00", day(2024, 2, 30)),
            ("0999-01-01", DateError::YearOutOfRange(999)),
        ] {
            assert_eq!(parse_timestamp(input), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn builds_times_within_range() {
        let time = TimeOfDay::new(23, 59, 60, Some(-1080)).unwrap();
        assert_eq!(
            (time.seconds(), time.offset_minutes()),
            (86_399, Some(-1080))
        );
        assert_eq!(TimeOfDay::new(0, 0, 0, None).unwrap().seconds(), 0);
        for (hour, minute, second, offset) in [
            (24, 0, 0, None),
            (0, 60, 0, None),
            (0, 0, 61, None),
            (0, 0, 0, Some(1081)),
            (0, 0, 0, Some(i16::MIN)),
        ] {
            assert!(
                TimeOfDay::new(hour, minute, second, offset).is_err(),
                "{hour}:{minute}:{second} {offset:?}"
            );
        }
    }

    fn at(input: &str) -> (Date, Option<TimeOfDay>) {
        parse_timestamp(input).unwrap()
    }

    #[test]
    fn writes_rfc3339() {
        let cases = [
            ("2026-03-13", "2026-03-13T00:00:00Z", None),
            (
                "2026-03-13T09:30:00+01:00",
                "2026-03-13T09:30:00+01:00",
                Some("09:30:00+01:00"),
            ),
            (
                "2026-03-13 09:30:00 -0530",
                "2026-03-13T09:30:00-05:30",
                Some("09:30:00-05:30"),
            ),
            (
                "2026-03-13T09:30:05.9Z",
                "2026-03-13T09:30:05Z",
                Some("09:30:05Z"),
            ),
            (
                "2026-03-13 9:30 PM",
                "2026-03-13T21:30:00Z",
                Some("21:30:00"),
            ),
        ];
        for (input, expected, time_text) in cases {
            let (date, time) = at(input);
            assert_eq!(rfc3339(date, time), expected, "{input:?}");
            assert_eq!(
                time.map(TimeOfDay::rfc3339).as_deref(),
                time_text,
                "{input:?}"
            );
        }
        assert_eq!(
            rfc3339(at("2026-03-13").0, None),
            at("2026-03-13").0.rfc3339()
        );
    }

    #[test]
    fn writes_rfc2822_with_the_right_weekday() {
        let cases = [
            (
                "2026-03-13T09:30:00+01:00",
                "Fri, 13 Mar 2026 09:30:00 +0100",
            ),
            ("2026-03-13", "Fri, 13 Mar 2026 00:00:00 +0000"),
            ("1970-01-01 00:00 Z", "Thu, 01 Jan 1970 00:00:00 +0000"),
            (
                "2026-11-22 23:59:59 -0930",
                "Sun, 22 Nov 2026 23:59:59 -0930",
            ),
            ("2024-02-29 12:00", "Thu, 29 Feb 2024 12:00:00 +0000"),
            (
                "Sat, 1 Jan 2000 08:05:09 MST",
                "Sat, 01 Jan 2000 08:05:09 +0000",
            ),
            (
                "Dec 31 9999 01:02 +14:00",
                "Fri, 31 Dec 9999 01:02:00 +1400",
            ),
        ];
        for (input, expected) in cases {
            let (date, time) = at(input);
            assert_eq!(rfc2822(date, time), expected, "{input:?}");
        }
        let noon = TimeOfDay::new(12, 0, 0, None).unwrap();
        for days in (-2000..2000).step_by(7).chain(20_000..20_007) {
            let date = Date::from_days_since_unix_epoch(days).unwrap();
            assert_eq!(
                rfc2822(date, Some(noon))[..16],
                date.rfc2822()[..16],
                "{date}"
            );
        }
    }

    #[test]
    fn serialises_as_the_rfc3339_time() {
        for time in [
            TimeOfDay::new(9, 30, 0, Some(60)).unwrap(),
            TimeOfDay::new(0, 0, 0, Some(0)).unwrap(),
            TimeOfDay::new(23, 59, 59, None).unwrap(),
            TimeOfDay::new(12, 1, 2, Some(-1080)).unwrap(),
        ] {
            let json = serde_json::to_string(&time).unwrap();
            assert_eq!(json, format!("\"{}\"", time.rfc3339()));
            assert_eq!(serde_json::from_str::<TimeOfDay>(&json).unwrap(), time);
        }
        assert_eq!(
            serde_json::to_string(&TimeOfDay::new(9, 30, 0, Some(60)).unwrap()).unwrap(),
            "\"09:30:00+01:00\""
        );
        for refused in [
            "\"9:30:00\"",
            "\"09:30\"",
            "\"09:30:00+00:00\"",
            "\"09:30:00+0100\"",
            "\"09:30:00.5Z\"",
            "\"09:30:00 Z\"",
            "\"09:30:60Z\"",
            "\"24:00:00\"",
            "\"09:30:00+19:00\"",
            "\"09:30:00 PM\"",
            "\"09:30:00Z (UTC)\"",
            "\"2026-03-13T09:30:00Z\"",
            "\"\"",
            "930",
        ] {
            assert!(
                serde_json::from_str::<TimeOfDay>(refused).is_err(),
                "{refused}"
            );
        }
    }

    #[test]
    fn orders_by_clock_then_offset() {
        let time = |text: &str| text.parse::<TimeOfDay>().unwrap();
        let ordered = [
            time("00:00:00"),
            time("00:00:00-05:00"),
            time("00:00:00Z"),
            time("00:00:00+01:00"),
            time("00:00:01-12:00"),
            time("09:30:00"),
            time("23:59:59Z"),
        ];
        for pair in ordered.windows(2) {
            assert!(pair[0] < pair[1], "{} < {}", pair[0], pair[1]);
            assert_ne!(pair[0], pair[1]);
        }
        let mut shuffled = ordered;
        shuffled.reverse();
        shuffled.sort();
        assert_eq!(shuffled, ordered);
        assert_eq!(
            time("09:30:00Z").cmp(&time("09:30:00Z")),
            std::cmp::Ordering::Equal
        );
    }
}
