//! Sentences the core keeps as clauses (`LogText`: a stable id and its figures) in the page's language: event log
//! entries (`log-<clause>`, joined by `log-join`) and a verdict's checks (`grade-<clause>`, joined by
//! `grade-join`, or `grade-join-why` before a `why_` clause). In English, or when a language lacks one of the
//! clauses, the core's own English sentence is shown whole (never half translated).

use super::{Lang, lang, number, t, t_attr, translated, value};
use fluent_bundle::FluentValue;
use sim_core::ComponentKind;
use sim_core::metrics::{FailureCause, LogArg, LogEntry, LogText};
use sim_core::verdict::Check;

/// An argument's value for the catalog: numbers and counts written the page language's way, a failure cause's or a kind's
/// id as its word (`cause`, `kind`; the explanation of the cause in a `why_cause` clause), a data center's name
/// (`region`) in the page's language.
fn arg_value(clause: &str, name: &str, arg: &LogArg) -> FluentValue<'static> {
    match arg {
        LogArg::Name(s) if name == "cause" => {
            match FailureCause::ALL.into_iter().find(|c| c.id() == s) {
                Some(c) if clause == "why_cause" => {
                    t_attr(&format!("cause-{}", c.id()), "explain").into()
                }
                Some(c) => t(&format!("cause-{}", c.id())).into(),
                None => s.clone().into(),
            }
        }
        LogArg::Name(s) if name == "kind" => ComponentKind::ALL
            .into_iter()
            .find(|k| k.id() == s)
            .map_or_else(|| s.clone(), |k| super::kind_title(k).to_lowercase())
            .into(),
        // A data center is named by its English title in the core: written in the page's language.
        LogArg::Name(s) if name == "region" => sim_core::model::Region::ALL
            .into_iter()
            .find(|r| r.title() == s)
            .map_or_else(|| s.clone(), super::region_title)
            .into(),
        LogArg::Name(s) => s.clone().into(),
        // Grouped the language's way (Fluent writes numbers without grouping); no clause selects on a count.
        LogArg::Count(n) => super::count(*n).into(),
        LogArg::Number(v) => value(*v).into(),
        LogArg::Value { value, decimals } => number(*value, usize::from(*decimals)).into(),
    }
}

/// `clauses` as messages `<prefix><id>`, joined by `join(next clause id)`; `None` in English, with no clauses, or
/// when the catalog lacks any of them.
fn clauses_text(
    clauses: &[LogText],
    prefix: &str,
    join: impl Fn(&str) -> String,
) -> Option<String> {
    if matches!(lang(), Lang::En | Lang::Pseudo) || clauses.is_empty() {
        return None;
    }
    let mut out = String::new();
    for (i, clause) in clauses.iter().enumerate() {
        let args: Vec<(&str, FluentValue<'static>)> = clause
            .args
            .iter()
            .map(|(name, arg)| (*name, arg_value(clause.id, name, arg)))
            .collect();
        let text = translated(&format!("{prefix}{}", clause.id), None, &args)?;
        if i > 0 {
            out.push_str(&join(clause.id));
        }
        out.push_str(&text);
    }
    Some(out)
}

/// The English sentence `english` in the pseudo-locale's dress, or as it is.
fn english(english: &str) -> String {
    if lang() == Lang::Pseudo {
        super::pseudo(english)
    } else {
        english.to_owned()
    }
}

/// The log entry's sentence in the page's language (tracked).
#[must_use]
pub fn log_text(entry: &LogEntry) -> String {
    clauses_text(&entry.text, "log-", |_| {
        translated("log-join", None, &[]).unwrap_or_else(|| ": ".to_owned())
    })
    .unwrap_or_else(|| english(&entry.message))
}

/// A verdict check's explanation in the page's language (tracked).
#[must_use]
pub fn check_text(check: &Check) -> String {
    clauses_text(&check.text, "grade-", |next| {
        let id = if next.starts_with("why_") {
            "grade-join-why"
        } else {
            "grade-join"
        };
        translated(id, None, &[]).unwrap_or_else(|| ". ".to_owned())
    })
    .unwrap_or_else(|| english(&check.explanation))
}
