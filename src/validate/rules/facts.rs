//! Shape rules for the facts beyond the texts: the propositions' reference values and the
//! registry's Wikipedia links (`E028 reference-shape`).
//!
//! The schemas already fix the fields and their rough syntax; these rules check what a pattern
//! cannot: a reference value of the proposition's kind (a year is `YYYY`), real calendar dates,
//! references oldest first, an absolute http(s) URL that parses as RFC 3986 (with `fluent-uri`,
//! already in the validator's dependency tree through `jsonschema`), and a Wikipedia URL that is
//! the article title's.

use super::Parsed;
use crate::model::{EntityRegistry, PropositionRegistry, Value, ValueKind};
use crate::validate::Code;

pub(super) fn references(file: &mut Parsed<PropositionRegistry>) {
    let Parsed { file: diags, value } = file;
    for (i, p) in value.propositions.iter().enumerate() {
        let mut previous: Option<&str> = None;
        for (j, r) in p.references.iter().enumerate() {
            let at = format!("/propositions/{i}/references/{j}");
            let mut bad = |pointer: &str, message: String, hint: &str| {
                diags.at(Code::ReferenceShape, &format!("{at}{pointer}"), message, Some(hint));
            };
            let kind =
                serde_json::to_value(p.value_kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
            if !p.value_kind.admits(&r.value) {
                bad(
                    "/value",
                    format!("a `{}` value does not answer `{}`, a `{kind}` proposition", r.value.kind(), p.id),
                    "write the value in the proposition's value kind and unit",
                );
            } else if let (ValueKind::Year, Value::Date { iso }) = (p.value_kind, &r.value) {
                if !(iso.len() == 4 && iso.bytes().all(|b| b.is_ascii_digit())) {
                    bad("/value/iso", format!("`{iso}` is not a year"), "a year proposition takes `YYYY`");
                }
            }
            if !calendar_date(&r.as_of) {
                bad("/as_of", format!("`{}` is not a calendar date", r.as_of), "write YYYY-MM-DD, YYYY-MM or YYYY");
            }
            if let Some(d) = &r.source.published {
                if !calendar_date(d) {
                    bad(
                        "/source/published",
                        format!("`{d}` is not a calendar date"),
                        "write YYYY-MM-DD, YYYY-MM or YYYY",
                    );
                }
            }
            if let Err(why) = http_url(&r.source.url) {
                bad(
                    "/source/url",
                    format!("`{}` is not an absolute http(s) URL: {why}", r.source.url),
                    "give the URL of the page read",
                );
            }
            if previous.is_some_and(|prev| prev > r.as_of.as_str()) {
                bad(
                    "/as_of",
                    format!("`{}` is earlier than the reference before it", r.as_of),
                    "list references oldest first",
                );
            }
            previous = Some(&r.as_of);
        }
    }
}

pub(super) fn links(file: &mut Parsed<EntityRegistry>) {
    let Parsed { file: diags, value } = file;
    const PREFIX: &str = "https://en.wikipedia.org/wiki/";
    for (i, e) in value.entities.iter().enumerate() {
        let Some(w) = &e.wikipedia else { continue };
        let expected = w.title.replace(' ', "_");
        let ok = w.url.strip_prefix(PREFIX).is_some_and(|t| percent_decode(t).as_deref() == Some(expected.as_str()));
        if !ok || http_url(&w.url).is_err() {
            diags.at(
                Code::ReferenceShape,
                &format!("/entities/{i}/wikipedia/url"),
                format!("`{}` is not the URL of the article `{}`", w.url, w.title),
                Some("write https://en.wikipedia.org/wiki/ followed by the title with underscores for spaces"),
            );
        }
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a real month and day (leap years counted).
pub(crate) fn calendar_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |x: &str, len: usize| {
        (x.len() == len && x.bytes().all(|b| b.is_ascii_digit())).then(|| x.parse::<u32>().ok()).flatten()
    };
    match parts.as_slice() {
        [y] => num(y, 4).is_some(),
        [y, m] => num(y, 4).is_some() && num(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => match (num(y, 4), num(m, 2), num(d, 2)) {
            (Some(y), Some(m @ 1..=12), Some(d)) => {
                let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
                let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(m - 1) as usize];
                (1..=days).contains(&d)
            }
            _ => false,
        },
        _ => false,
    }
}

/// An absolute `http` or `https` URL with a host, as RFC 3986 parses it.
pub(crate) fn http_url(s: &str) -> Result<(), String> {
    let uri = fluent_uri::Uri::parse(s).map_err(|e| e.to_string())?;
    let scheme = uri.scheme().as_str();
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(format!("the scheme is `{scheme}`"));
    }
    match uri.authority() {
        Some(a) if a.host().contains('.') => Ok(()),
        _ => Err("no host name".into()),
    }
}

/// `%XX` escapes decoded; `None` when an escape is malformed or the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_urls() {
        assert!(
            calendar_date("2024-03-22")
                && calendar_date("2024-02-29")
                && calendar_date("2021")
                && calendar_date("2024-03")
        );
        assert!(
            !calendar_date("2023-02-29")
                && !calendar_date("2024-13")
                && !calendar_date("22 March 2024")
                && !calendar_date("--03-22")
        );
        assert!(http_url("https://en.wikipedia.org/wiki/Crocus_City_Hall_attack").is_ok());
        assert!(http_url("https://www.reuters.com/world/europe/x-2024-03-22/?a=b").is_ok());
        assert!(
            http_url("ftp://example.org/").is_err()
                && http_url("https://exa mple.org").is_err()
                && http_url("reuters.com").is_err()
        );
        assert_eq!(
            percent_decode("Islamic_State_%E2%80%93_Khorasan_Province").as_deref(),
            Some("Islamic_State_–_Khorasan_Province")
        );
    }
}
