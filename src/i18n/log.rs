//! Event log sentences in the page's language: each entry's clauses (`LogEntry::text`, by stable id with their
//! figures) become messages `log-<id>`, joined by `log-join`; in English, or when a language lacks one of the
//! clauses, the core's own English sentence is shown whole (never half translated).

use super::{Lang, lang, number, translated};
use fluent_bundle::FluentValue;
use sim_core::metrics::{LogArg, LogEntry};

/// The log entry's sentence in the page's language (tracked).
#[must_use]
pub fn log_text(entry: &LogEntry) -> String {
    if matches!(lang(), Lang::En | Lang::Pseudo) || entry.text.is_empty() {
        return match lang() {
            Lang::Pseudo => super::pseudo(&entry.message),
            _ => entry.message.clone(),
        };
    }
    let clauses: Option<Vec<String>> = entry
        .text
        .iter()
        .map(|clause| {
            let args: Vec<(&str, FluentValue<'static>)> = clause
                .args
                .iter()
                .map(|(name, arg)| {
                    let value: FluentValue<'static> = match arg {
                        LogArg::Name(s) => s.clone().into(),
                        #[allow(clippy::cast_precision_loss)] // counts shown to people
                        LogArg::Count(n) => (*n as f64).into(),
                        LogArg::Value { value, decimals } => {
                            number(*value, usize::from(*decimals)).into()
                        }
                    };
                    (*name, value)
                })
                .collect();
            translated(&format!("log-{}", clause.id), None, &args)
        })
        .collect();
    match clauses {
        Some(c) => c.join(&translated("log-join", None, &[]).unwrap_or_else(|| ": ".to_owned())),
        None => entry.message.clone(),
    }
}
