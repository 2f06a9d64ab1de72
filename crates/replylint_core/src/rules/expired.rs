//! `expired`: a date or a promotion in the past, offered as if it were
//! still on ("offer valid until 31 December 2025", "offerta valida fino al
//! 30/11", "Black Friday 2024", code `NOEL2024`). The dates and promotions
//! that end something are found by [`crate::analysis::dates`]; this file
//! judges them against the configured day.

use super::options::ExpiredSettings;
use super::{Context, Rule, Sink};
use crate::analysis::dates::{self, Mention, Order, When, Why};
use crate::date::{Date, month_name};
use crate::lang::Language;
use crate::lang::variant::Variant;

crate::declare_rule! {
    /// ## What it does
    /// Reports a date or a promotion that is over, in a sentence that
    /// still offers it: an offer's end ("valid until 31 December 2025",
    /// "offerta valida fino al 30/11", "válido hasta el 31 de diciembre",
    /// "valable jusqu'au 24/12", "gültig bis 31.12.2025", "válido até
    /// 30/11"), a deadline or a period ("order by 20 December 2025", "dal
    /// 1° al 30 novembre 2025"), a promotion named with its year ("Black
    /// Friday 2024", "Natale 2023", "soldes d'hiver 2024"), a promotion
    /// said to be this year's ("this Black Friday", "questo Natale"), a
    /// promotion code ending in a year (`NOEL2024`, `BF2023`).
    ///
    /// Dates are read in Italian, English, Spanish, French, German and
    /// Portuguese, with numbers (`31/12/2025`, `31/12/25`, `31.12.2025`,
    /// `2025-12-31`, `30/11`, `31.12.`) or a month's name (`31 December
    /// 2025`, `Dec 31st`, `1° gennaio`, `31 de diciembre de 2025`, `1er
    /// janvier`, `31. Dezember 2025`, `December 2025`). Numbers are read
    /// day first; in English a date like `03/04` is read only when the
    /// reply's spelling variant says how (`en-GB`: day first, `en-US`:
    /// month first), while `31/12` and `12/31` are read either way
    /// (otherwise `03/04/2025` is only a day of 2025, reported once 2025
    /// is over, and `03/04` is not read).
    ///
    /// Only a date after a word that announces an end ("until", "by",
    /// "valid until", "expires", "fino al", "entro il", "scade il", "hasta
    /// el", "vence el", "jusqu'au", "bis zum", "gültig bis", "endet am",
    /// "até") or closing a period is judged: an order date ("your order of
    /// 3 March"), "since 2019", a dateline, what comes after "before"
    /// (more often a cut-off than a promise), a clause told in the past
    /// ("the promotion ran until 30 November", "we were closed from 24 to
    /// 26 December", "Black Friday 2024 was a success"), a time written
    /// like a date ("entro le 12.10."), quoted customer text (`>` lines)
    /// and inline code are not. A year alone is judged after "until",
    /// "fino al", "bis"… when it ends its clause ("valid until 2025").
    /// The words, month names and promotions are data in
    /// `rules/lexicon/dates.toml`. The message says that an offer ended
    /// when the sentence speaks of one ("the discount is valid until…",
    /// "der Gutschein gilt bis…"), else that the date is past (a bill's
    /// due date, a parcel's pick-up deadline).
    ///
    /// When:
    /// - a date whose year is past is always reported;
    /// - a date of this year or later, a month (its last day) or a
    ///   promotion with a year (Black Friday: the day after the fourth
    ///   Thursday of November; Cyber Monday: the Monday after; Christmas:
    ///   25 December) is reported once more than `tolerance-days` have
    ///   passed since it (default 0: from the next day). A promotion whose
    ///   day changes every year (sales seasons, Easter, Prime Day) is
    ///   reported when its year is past;
    /// - a date without a year (`30/11`, "until December", "this Black
    ///   Friday") is read as the last one before today when that one
    ///   passed at most `recent-days` ago (default 90) and more than
    ///   `tolerance-days` ago: on 6 December "valid until 30/11" is the
    ///   offer that ended six days ago, in mid-January it is still the
    ///   one that ended in November (nobody announces an offer's end ten
    ///   months ahead), in June it may be the next one, and is not
    ///   reported.
    ///
    /// The day is `today` in the configuration or `check --today`; the
    /// command line takes the system clock's date (UTC) when neither is
    /// set. Without a day (the library called with none) the rule reports
    /// nothing.
    ///
    /// ## Why is this bad?
    /// Canned replies outlive their offers: a reply written for last
    /// year's Black Friday is still in the library, and an agent sends it.
    /// The customer asks for a discount that no longer exists, or misses a
    /// deadline that was never real for them; either way the team loses
    /// face and time.
    ///
    /// ## Example
    /// ```text
    /// Good news: with code NOEL2024 you get 20% off, offer valid until
    /// 31 December 2025.
    /// ```
    /// Use instead:
    /// ```text
    /// Good news: with code {{promo_code}} you get 20% off until
    /// {{promo_end}}.
    /// ```
    ///
    /// ## Options
    /// - `today` (top level): the day dates are judged against,
    ///   `YYYY-MM-DD`; `check --today` overrides it.
    /// - `expired` (top level): a table, `tolerance-days` (days a date of
    ///   this year may be past before it is reported, default 0) and
    ///   `recent-days` (for how long after it passed a date without a year
    ///   is read as past, default 90; 0 never reports one).
    pub struct Expired {
        id: "expired",
        severity: Warning,
        fix: None,
    }
}

impl Rule for Expired {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let Some(today) = cx.settings.today else {
            return;
        };
        let body = cx.body();
        if !dates::worth_reading(body, || cx.tokens()) {
            return;
        }
        let english = english_order(cx.spelling_variants);
        let mut language: Option<Option<Language>> = None;
        let mut order = |english_cue: bool, other_cue: bool| {
            if other_cue && !english_cue {
                return Order::DayFirst;
            }
            match *language.get_or_insert_with(|| cx.language_or_detected()) {
                Some(Language::En) => english,
                Some(_) => Order::DayFirst,
                None if english_cue && !other_cue => english,
                None => Order::Either,
            }
        };
        for mention in dates::mentions(body, cx.tokens(), &mut order) {
            let Some(ended) = judge(mention.when, today, cx.settings.expired) else {
                continue;
            };
            let written = &body[mention.span.clone()];
            let (message, help) = message(&mention, written, ended, today);
            sink.report(mention.span, message).with_help(help);
        }
    }
}

/// How English numeric dates are read: as the reply's spelling variant
/// says, else only when unambiguous.
fn english_order(variants: &[Variant]) -> Order {
    match (
        variants.contains(&Variant::EnGb),
        variants.contains(&Variant::EnUs),
    ) {
        (true, false) => Order::DayFirst,
        (false, true) => Order::MonthFirst,
        _ => Order::Either,
    }
}

/// What is over, and how it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// A day that passed; `guessed`: its year was not written.
    On { day: Date, guessed: bool },
    /// A year that is over.
    Year(i32),
}

/// Whether what `when` says is over on `today`.
pub fn judge(when: When, today: Date, settings: ExpiredSettings) -> Option<Ended> {
    let tolerance = i64::from(settings.tolerance_days);
    let dated = |day: Date| {
        let past = day.year() < today.year()
            || day.add_days(tolerance).is_some_and(|grace| grace < today);
        past.then_some(Ended::On {
            day,
            guessed: false,
        })
    };
    let yearless = |in_year: &dyn Fn(i32) -> Option<Date>| {
        // The last one before today (29 February: up to four years back).
        let day = (0..=4)
            .filter_map(|back| in_year(today.year() - back))
            .find(|d| *d < today)?;
        let since = day.days_until(today);
        (since > tolerance && since <= i64::from(settings.recent_days)).then_some(Ended::On {
            day,
            guessed: true,
        })
    };
    match when {
        When::Date(day) => dated(day),
        When::MonthYear { year, month } => dated(Date::last_of_month(year, month)?),
        When::Year(year) => (year < today.year()).then_some(Ended::Year(year)),
        When::DayMonth { month, day } => yearless(&|year| Date::new(year, month, day)),
        When::Month(month) => yearless(&|year| Date::last_of_month(year, month)),
        When::Promotion {
            day,
            year: Some(year),
        } => match day.in_year(year) {
            Some(on) => dated(on),
            None => (year < today.year()).then_some(Ended::Year(year)),
        },
        When::Promotion { day, year: None } => yearless(&|year| day.in_year(year)),
    }
}

/// The message and the help of a mention that is over.
fn message(mention: &Mention, written: &str, ended: Ended, today: Date) -> (String, &'static str) {
    let offer = "remove the offer or update its date";
    let reading = match ended {
        Ended::On { day, guessed: true } => match mention.when {
            When::Month(_) => format!("read as {} {}; ", month_name(day.month()), day.year()),
            When::Promotion { .. } => format!("it was on {day}; "),
            _ => format!("read as {day}; "),
        },
        Ended::On { day, .. } => match mention.when {
            When::Promotion { .. } => format!("it was on {day}; "),
            _ if mention.numeric => format!("read as {day}; "),
            _ => String::new(),
        },
        Ended::Year(_) => String::new(),
    };
    let on = match mention.when {
        When::Month(_) | When::MonthYear { .. } | When::Year(_) => "in",
        _ => "on",
    };
    match mention.why {
        Why::Promotion | Why::This => (
            format!("`{written}` is over ({reading}today is {today})"),
            offer,
        ),
        Why::Code => {
            let year = match ended {
                Ended::Year(year) => year,
                Ended::On { day, .. } => day.year(),
            };
            (
                format!("the code `{written}` is for {year}, which is over (today is {today})"),
                "remove the code or replace it with a current one",
            )
        }
        Why::Validity | Why::Deadline | Why::Period if mention.offer => (
            format!("this offer ended {on} `{written}` ({reading}today is {today})"),
            offer,
        ),
        Why::Validity | Why::Deadline | Why::Period => (
            format!("`{written}` is past ({reading}today is {today})"),
            "update the date, or remove the sentence if it no longer applies",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::dates::PromotionDay;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    const TODAY: Date = match Date::new(2026, 12, 6) {
        Some(d) => d,
        None => unreachable!(),
    };

    fn judged(when: When) -> Option<Ended> {
        judge(when, TODAY, ExpiredSettings::default())
    }

    fn with(when: When, tolerance_days: u32, recent_days: u32) -> Option<Ended> {
        let settings = ExpiredSettings {
            tolerance_days,
            recent_days,
        };
        judge(when, TODAY, settings)
    }

    #[test]
    fn a_past_year_is_always_over() {
        let last_year = When::Date(d(2025, 12, 31));
        assert_eq!(
            with(last_year, 3650, 0),
            Some(Ended::On {
                day: d(2025, 12, 31),
                guessed: false
            })
        );
        assert_eq!(judged(When::Year(2025)), Some(Ended::Year(2025)));
        assert_eq!(judged(When::Year(2026)), None);
        assert!(
            judged(When::MonthYear {
                year: 2025,
                month: 12
            })
            .is_some()
        );
    }

    #[test]
    fn a_date_of_this_year_is_over_after_the_tolerance() {
        let nov30 = When::Date(d(2026, 11, 30));
        assert!(judged(nov30).is_some());
        assert!(with(nov30, 5, 90).is_some());
        assert!(with(nov30, 6, 90).is_none());
        assert!(judged(When::Date(TODAY)).is_none(), "today is still on");
        assert!(judged(When::Date(d(2026, 12, 5))).is_some());
        assert!(judged(When::Date(d(2027, 1, 1))).is_none());
        assert!(
            judged(When::MonthYear {
                year: 2026,
                month: 12
            })
            .is_none(),
            "December 2026 is not over"
        );
        assert!(
            judged(When::MonthYear {
                year: 2026,
                month: 11
            })
            .is_some()
        );
    }

    #[test]
    fn a_date_without_a_year_is_the_last_one_if_it_is_recent() {
        let nov30 = When::DayMonth { month: 11, day: 30 };
        assert_eq!(
            judged(nov30),
            Some(Ended::On {
                day: d(2026, 11, 30),
                guessed: true
            })
        );
        assert_eq!(with(nov30, 6, 90), None, "within the tolerance");
        assert_eq!(with(nov30, 0, 5), None, "longer ago than recent-days");
        assert_eq!(with(nov30, 0, 0), None);
        // 6 December was a year ago: next year's, not reported.
        assert_eq!(judged(When::DayMonth { month: 12, day: 6 }), None);
        assert_eq!(judged(When::DayMonth { month: 12, day: 24 }), None);
        // Last year's, 64 days ago.
        let jan = Date::new(2027, 1, 15).unwrap();
        assert_eq!(
            judge(nov30, jan, ExpiredSettings::default()),
            Some(Ended::On {
                day: d(2026, 11, 30),
                guessed: true
            })
        );
        let june = Date::new(2027, 6, 15).unwrap();
        assert_eq!(judge(nov30, june, ExpiredSettings::default()), None);
        // A month: its last day.
        assert_eq!(
            judged(When::Month(11)),
            Some(Ended::On {
                day: d(2026, 11, 30),
                guessed: true
            })
        );
        assert_eq!(judged(When::Month(12)), None);
        // 29 February: the last one.
        let leap = When::DayMonth { month: 2, day: 29 };
        let march = Date::new(2028, 3, 10).unwrap();
        assert_eq!(
            judge(leap, march, ExpiredSettings::default()),
            Some(Ended::On {
                day: d(2028, 2, 29),
                guessed: true
            })
        );
        assert_eq!(judged(leap), None);
    }

    #[test]
    fn promotions_are_judged_by_their_day() {
        let bf = PromotionDay::BlackFriday;
        assert_eq!(
            judged(When::Promotion {
                day: bf,
                year: Some(2024)
            }),
            Some(Ended::On {
                day: d(2024, 11, 29),
                guessed: false
            })
        );
        assert!(
            judged(When::Promotion {
                day: bf,
                year: Some(2026)
            })
            .is_some(),
            "27 November 2026"
        );
        let christmas = PromotionDay::Fixed { month: 12, day: 25 };
        assert!(
            judged(When::Promotion {
                day: christmas,
                year: Some(2026)
            })
            .is_none()
        );
        assert_eq!(
            judged(When::Promotion {
                day: bf,
                year: None
            }),
            Some(Ended::On {
                day: d(2026, 11, 27),
                guessed: true
            })
        );
        assert_eq!(
            judged(When::Promotion {
                day: christmas,
                year: None
            }),
            None,
            "this Christmas is coming"
        );
        let sales = PromotionDay::Year;
        assert_eq!(
            judged(When::Promotion {
                day: sales,
                year: Some(2025)
            }),
            Some(Ended::Year(2025))
        );
        assert_eq!(
            judged(When::Promotion {
                day: sales,
                year: Some(2026)
            }),
            None
        );
    }

    #[test]
    fn english_dates_follow_the_spelling_variant() {
        assert_eq!(english_order(&[]), Order::Either);
        assert_eq!(english_order(&[Variant::EnGb]), Order::DayFirst);
        assert_eq!(english_order(&[Variant::EnUs]), Order::MonthFirst);
        assert_eq!(
            english_order(&[Variant::EnUs, Variant::EnGb]),
            Order::Either
        );
    }
}

#[cfg(test)]
mod without_a_day {
    use super::*;
    use crate::config::Settings;
    use crate::config::settings::CliOverrides;
    use crate::mode::Mode;
    use crate::reply::Reply;

    fn check(body: &str, today: Option<Date>) -> Vec<crate::diagnostic::Diagnostic> {
        let mut settings =
            Settings::from_text(None, &CliOverrides::default(), std::path::Path::new("."))
                .expect("built-in settings");
        settings.rule_settings.today = today;
        let reply = Reply::of_text(body);
        let cx = Context {
            reply: &reply,
            channel: &settings.channels[crate::channel::GENERIC],
            language: Some(Language::En),
            mode: Mode::Draft,
            partial: false,
            spelling_variants: &[],
            settings: &settings.rule_settings,
            templating: &settings,
            shared: &Default::default(),
        };
        let mut sink = Sink::new(Expired::META.id, Expired::META.default_severity);
        Expired.check(&cx, &mut sink);
        sink.diagnostics
    }

    #[test]
    fn the_library_without_a_day_reports_nothing() {
        let text = "Black Friday 2024: the offer is valid until 31 December 2025.";
        assert!(check(text, None).is_empty());
        assert_eq!(check(text, Date::new(2026, 12, 6)).len(), 2);
    }
}
