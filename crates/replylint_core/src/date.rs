//! Civil dates: a day of the (proleptic) Gregorian calendar, with the
//! checks and the day arithmetic the `expired` rule needs (is `31/02` a
//! day? how many days from one date to another? which weekday?), written
//! as ISO 8601 (`2026-12-06`). No clock: the core never asks what day it
//! is, the caller says (`today` in the configuration, `--today` on the
//! command line, the system clock in the binary).
//!
//! Days are counted from 1970-01-01 with Howard Hinnant's
//! `days_from_civil` / `civil_from_days` algorithms (public domain,
//! <https://howardhinnant.github.io/date_algorithms.html>), exact over the
//! years this type holds (1 to 9999).

use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::fmt;
use std::str::FromStr;

/// A day: year (1 to 9999), month (1 to 12) and day of the month, always
/// valid. Dates compare in calendar order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Days from 0000-03-01 to 1970-01-01.
const EPOCH_SHIFT: i64 = 719_468;

impl Date {
    /// The earliest date, 0001-01-01.
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };
    /// The latest date, 9999-12-31.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// The date, if there is such a day (`Date::new(2026, 2, 29)` is
    /// `None`).
    pub const fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if year < 1 || year > 9999 || month < 1 || month > 12 {
            return None;
        }
        if day < 1 || day > days_in_month(year, month as u8) as u32 {
            return None;
        }
        Some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The last day of `month` of `year`.
    pub const fn last_of_month(year: i32, month: u32) -> Option<Date> {
        if month < 1 || month > 12 {
            return None;
        }
        Date::new(year, month, days_in_month(year, month as u8) as u32)
    }

    pub const fn year(self) -> i32 {
        self.year
    }

    pub const fn month(self) -> u32 {
        self.month as u32
    }

    pub const fn day(self) -> u32 {
        self.day as u32
    }

    /// Days since 1970-01-01 (negative before it).
    pub const fn days_since_epoch(self) -> i64 {
        let m = self.month as i64;
        let y = self.year as i64 - if m <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - EPOCH_SHIFT
    }

    /// The date `days` after 1970-01-01, if it is between [`Date::MIN`]
    /// and [`Date::MAX`].
    pub const fn from_days_since_epoch(days: i64) -> Option<Date> {
        if days < Date::MIN.days_since_epoch() || days > Date::MAX.days_since_epoch() {
            return None;
        }
        let z = days + EPOCH_SHIFT;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
        Some(Date {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The date `days` later (earlier when negative), if there is one.
    pub const fn add_days(self, days: i64) -> Option<Date> {
        match self.days_since_epoch().checked_add(days) {
            Some(d) => Date::from_days_since_epoch(d),
            None => None,
        }
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub const fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// The day of the week: 0 for Monday to 6 for Sunday.
    pub const fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.days_since_epoch() + 3).rem_euclid(7) as u32
    }
}

/// Whether `year` has a 29 February.
pub const fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days of `month` (1 to 12) in `year`.
pub const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

const MONTH_NAMES: [&str; 12] = [
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

/// The English name of `month` (1 to 12), for messages.
pub fn month_name(month: u32) -> &'static str {
    MONTH_NAMES
        .get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

impl fmt::Display for Date {
    /// ISO 8601: `2026-12-06`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;

    /// An ISO 8601 calendar date, `YYYY-MM-DD`, and nothing else.
    fn from_str(s: &str) -> Result<Date, String> {
        let expected = || format!("`{s}` is not a date written YYYY-MM-DD (e.g. 2026-12-06)");
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = b.get(r)?;
            part.iter()
                .all(u8::is_ascii_digit)
                .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
        };
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(expected());
        }
        let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10))
        else {
            return Err(expected());
        };
        let year = year as i32;
        if !(1..=12).contains(&month) {
            return Err(format!("`{s}` is not a date: there is no month {month}"));
        }
        Date::new(year, month, day).ok_or_else(|| {
            format!(
                "`{s}` is not a date: {} {year} has {} days",
                month_name(month),
                days_in_month(year, month as u8)
            )
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    /// A string (`today = "2026-12-06"`) or a TOML local date (`today =
    /// 2026-12-06`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;

        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(E::custom)
            }

            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Date, A::Error> {
                let written =
                    toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match written {
                    toml::value::Datetime {
                        date: Some(date),
                        time: None,
                        offset: None,
                    } => Date::new(
                        i32::from(date.year),
                        u32::from(date.month),
                        u32::from(date.day),
                    )
                    .ok_or_else(|| de::Error::custom(format!("`{written}` is not a date"))),
                    _ => Err(de::Error::custom(format!(
                        "`{written}` is not a date alone: write the day only, YYYY-MM-DD"
                    ))),
                }
            }
        }

        deserializer.deserialize_any(DateVisitor)
    }
}

crate::declare::other_values!(Date);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn only_real_days_are_dates() {
        assert!(Date::new(2026, 2, 29).is_none());
        assert!(Date::new(2028, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2026, 4, 31).is_none());
        assert!(Date::new(2026, 13, 1).is_none());
        assert!(Date::new(2026, 0, 1).is_none());
        assert!(Date::new(2026, 1, 0).is_none());
        assert!(Date::new(0, 1, 1).is_none());
        assert!(Date::new(10_000, 1, 1).is_none());
    }

    #[test]
    fn days_are_counted_from_1970() {
        assert_eq!(d(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(d(1969, 12, 31).days_since_epoch(), -1);
        assert_eq!(d(2000, 3, 1).days_since_epoch(), 11_017);
        assert_eq!(d(2026, 12, 6).days_since_epoch(), 20_793);
        assert_eq!(Date::from_days_since_epoch(20_793), Some(d(2026, 12, 6)));
        assert_eq!(d(2025, 12, 31).add_days(1), Some(d(2026, 1, 1)));
        assert_eq!(d(2028, 3, 1).add_days(-1), Some(d(2028, 2, 29)));
        assert_eq!(d(2026, 11, 30).days_until(d(2026, 12, 6)), 6);
        assert_eq!(Date::MAX.add_days(1), None);
        assert_eq!(Date::MIN.add_days(-1), None);
        assert_eq!(d(2026, 1, 1).add_days(i64::MAX), None);
    }

    #[test]
    fn weekdays() {
        assert_eq!(d(1970, 1, 1).weekday(), 3, "a Thursday");
        assert_eq!(d(2026, 12, 6).weekday(), 6, "a Sunday");
        assert_eq!(d(2024, 11, 29).weekday(), 4, "a Friday");
    }

    #[test]
    fn iso_dates_parse_and_print() {
        assert_eq!("2026-12-06".parse::<Date>(), Ok(d(2026, 12, 6)));
        assert_eq!(d(2026, 12, 6).to_string(), "2026-12-06");
        assert_eq!(d(33, 1, 2).to_string(), "0033-01-02");
        for bad in [
            "2026-12-6",
            "06/12/2026",
            "2026-12-06T10:00",
            "",
            "２０２６-12-06",
        ] {
            let err = bad.parse::<Date>().unwrap_err();
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
        }
        assert_eq!(
            "2026-02-30".parse::<Date>().unwrap_err(),
            "`2026-02-30` is not a date: February 2026 has 28 days"
        );
        assert_eq!(
            "2026-13-01".parse::<Date>().unwrap_err(),
            "`2026-13-01` is not a date: there is no month 13"
        );
    }

    #[test]
    fn a_toml_string_or_date_deserializes() {
        #[derive(Debug, serde::Deserialize)]
        struct T {
            today: Date,
        }
        let t: T = toml::from_str("today = \"2026-12-06\"").unwrap();
        assert_eq!(t.today, d(2026, 12, 6));
        let t: T = toml::from_str("today = 2026-12-06").unwrap();
        assert_eq!(t.today, d(2026, 12, 6));
        for bad in [
            "today = \"2026-02-30\"",
            "today = 2026-12-06T10:00:00",
            "today = 20261206",
            "today = \"tomorrow\"",
        ] {
            assert!(toml::from_str::<T>(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn days_round_trip(days in Date::MIN.days_since_epoch()..=Date::MAX.days_since_epoch()) {
            let date = Date::from_days_since_epoch(days).unwrap();
            prop_assert_eq!(date.days_since_epoch(), days);
            prop_assert!(Date::new(date.year(), date.month(), date.day()).is_some());
            if let Some(next) = date.add_days(1) {
                prop_assert!(next > date);
            }
        }

        #[test]
        fn parsing_never_panics(s in "\\PC{0,12}") {
            let _ = s.parse::<Date>();
        }
    }
}
