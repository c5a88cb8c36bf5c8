//! Archive periods from `/archive/<yyyy>/<mm>` paths, and the year → month tree of counts.

use crate::bundle::ArchiveMonth;
use crate::date::Date;
use crate::listing::NO_ARTICLES;
use crate::query::DateBound;

/// What the whole archive, which lists periods rather than articles, says where a period's
/// articles would be; the app and the pre-rendered page both say it.
pub fn whole_archive_note(months: &[ArchiveMonth]) -> &'static str {
    if months.is_empty() {
        NO_ARTICLES
    } else {
        "Choose a year or a month to list its articles."
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArchivePeriod {
    All,
    Year(u16),
    Month { year: u16, month: u8 },
}

impl ArchivePeriod {
    /// Reads the path segments; `None` for anything that is not a four-digit year and a
    /// two-digit month (`/archive/26`, `/archive/2026/3` and `/archive/2026/13` are not pages).
    pub fn from_segments(year: Option<&str>, month: Option<&str>) -> Option<Self> {
        let year_number = |text: &str| {
            (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
                .then(|| text.parse().ok())
                .flatten()
        };
        match (year, month) {
            (None, None) => Some(Self::All),
            (Some(year), None) => year_number(year)
                .filter(|y| Date::new(*y, 1, 1).is_ok())
                .map(Self::Year),
            (Some(year), Some(month)) => {
                let year = year_number(year)?;
                if month.len() != 2 || !month.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let month: u8 = month.parse().ok()?;
                Date::new(year, month, 1)
                    .ok()
                    .map(|_| Self::Month { year, month })
            }
            (None, Some(_)) => None,
        }
    }

    /// Whether the bundle has any article in this period.
    pub fn exists_in(self, archive: &[ArchiveMonth]) -> bool {
        match self {
            Self::All => true,
            Self::Year(year) => archive.iter().any(|m| m.year == year),
            Self::Month { year, month } => {
                archive.iter().any(|m| m.year == year && m.month == month)
            }
        }
    }

    /// The inclusive date range the period covers; `None` for the whole archive.
    pub fn range(self) -> Option<(DateBound, DateBound)> {
        match self {
            Self::All => None,
            Self::Year(year) => Some((
                DateBound::Month { year, month: 1 },
                DateBound::Month { year, month: 12 },
            )),
            Self::Month { year, month } => Some((
                DateBound::Month { year, month },
                DateBound::Month { year, month },
            )),
        }
    }

    pub fn heading(self) -> String {
        match self {
            Self::All => "Archive".to_owned(),
            Self::Year(year) => format!("Archive: {year}"),
            Self::Month { year, month } => format!("Archive: {}", month_label(year, month)),
        }
    }
}

/// "March 2026": a month as the archive's index and headings name it.
pub fn month_label(year: u16, month: u8) -> String {
    Date::new(year, month, 1)
        .map(Date::month_heading)
        .unwrap_or_default()
}

/// One year of the archive with its months, newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveYear {
    pub year: u16,
    pub count: usize,
    pub months: Vec<ArchiveMonth>,
}

/// Groups months (newest first) into years (newest first).
pub fn years(months: &[ArchiveMonth]) -> Vec<ArchiveYear> {
    let mut years: Vec<ArchiveYear> = Vec::new();
    for month in months {
        match years.last_mut() {
            Some(year) if year.year == month.year => {
                year.count += month.count;
                year.months.push(*month);
            }
            _ => years.push(ArchiveYear {
                year: month.year,
                count: month.count,
                months: vec![*month],
            }),
        }
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_archive_says_what_to_do_or_that_there_is_nothing() {
        assert_eq!(
            whole_archive_note(&[]),
            "No articles have been published yet."
        );
        let months = [ArchiveMonth {
            year: 2026,
            month: 1,
            count: 3,
        }];
        assert_eq!(
            whole_archive_note(&months),
            "Choose a year or a month to list its articles."
        );
    }

    #[test]
    fn reads_only_well_formed_periods() {
        let check = |year: Option<&str>, month: Option<&str>, expected: Option<ArchivePeriod>| {
            assert_eq!(
                ArchivePeriod::from_segments(year, month),
                expected,
                "{year:?}/{month:?}"
            );
        };
        check(None, None, Some(ArchivePeriod::All));
        check(Some("2026"), None, Some(ArchivePeriod::Year(2026)));
        check(
            Some("2026"),
            Some("03"),
            Some(ArchivePeriod::Month {
                year: 2026,
                month: 3,
            }),
        );
        check(Some("26"), None, None);
        check(Some("2026"), Some("3"), None);
        check(Some("2026"), Some("13"), None);
        check(Some("2026"), Some("00"), None);
        check(Some("abcd"), None, None);
        check(Some("0999"), None, None);
        check(None, Some("03"), None);
    }

    #[test]
    fn groups_months_into_years_and_knows_what_exists() {
        let months = [
            ArchiveMonth {
                year: 2026,
                month: 2,
                count: 3,
            },
            ArchiveMonth {
                year: 2026,
                month: 1,
                count: 1,
            },
            ArchiveMonth {
                year: 2025,
                month: 12,
                count: 2,
            },
        ];
        let grouped = years(&months);
        assert_eq!(grouped.len(), 2);
        assert_eq!(
            (grouped[0].year, grouped[0].count, grouped[0].months.len()),
            (2026, 4, 2)
        );
        assert_eq!((grouped[1].year, grouped[1].count), (2025, 2));
        assert!(ArchivePeriod::Year(2025).exists_in(&months));
        assert!(!ArchivePeriod::Year(2024).exists_in(&months));
        assert!(
            ArchivePeriod::Month {
                year: 2026,
                month: 1
            }
            .exists_in(&months)
        );
        assert!(
            !ArchivePeriod::Month {
                year: 2026,
                month: 3
            }
            .exists_in(&months)
        );
    }

    #[test]
    fn periods_cover_their_dates() {
        let (from, to) = ArchivePeriod::Month {
            year: 2024,
            month: 2,
        }
        .range()
        .unwrap();
        assert_eq!(
            (from.first_day().to_string(), to.last_day().to_string()),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        let (from, to) = ArchivePeriod::Year(2026).range().unwrap();
        assert_eq!(
            (from.first_day().to_string(), to.last_day().to_string()),
            ("2026-01-01".into(), "2026-12-31".into())
        );
        assert_eq!(ArchivePeriod::All.range(), None);
        assert_eq!(
            ArchivePeriod::Month {
                year: 2026,
                month: 3
            }
            .heading(),
            "Archive: March 2026"
        );
    }

    #[test]
    fn month_labels_name_the_month_and_its_year() {
        assert_eq!(month_label(2026, 3), "March 2026");
        assert_eq!(month_label(1999, 12), "December 1999");
        assert_eq!(month_label(2026, 13), "");
    }
}
