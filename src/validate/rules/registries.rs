//! Registries: ids unique within each registry (E017), entries nothing refers to (W102); the
//! lookups the other layers resolve references with; and what a schema violation says, with a
//! did-you-mean for a value not in its set and the `crocus fmt` step for a span given by anchor.

use std::collections::{HashMap, HashSet};

use super::{FileDiags, Parsed};
use crate::error::ErrorKind;
use crate::model::{AnnotationFile, EntityRegistry, Proposition, PropositionRegistry, RegistryEntity, TargetRegistry};
use crate::validate::diagnostic::Code;
use crate::validate::schema::FileKind;

/// The registries the references of a document resolve against; `None` for a registry that could
/// not be read (its references are then not checked, to avoid noise).
pub(crate) struct Registries<'a> {
    pub entities: Option<HashMap<&'a str, &'a RegistryEntity>>,
    pub propositions: Option<HashMap<&'a str, &'a Proposition>>,
    pub targets: Option<HashSet<&'a str>>,
}

impl<'a> Registries<'a> {
    /// Lookups over the registries that were read.
    pub fn of(
        entities: Option<&'a EntityRegistry>,
        propositions: Option<&'a PropositionRegistry>,
        targets: Option<&'a TargetRegistry>,
    ) -> Registries<'a> {
        Registries {
            entities: entities.map(|r| r.entities.iter().map(|e| (e.id.as_str(), e)).collect()),
            propositions: propositions.map(|r| r.propositions.iter().map(|p| (p.id.as_str(), p)).collect()),
            targets: targets.map(|r| r.targets.iter().map(|t| t.id.as_str()).collect()),
        }
    }

    /// Lookups over the registries of a loaded corpus (for a JSONL record: what it resolves).
    pub fn from_corpus(corpus: &'a crate::Corpus) -> Registries<'a> {
        Registries {
            entities: Some(corpus.entities().iter().map(|e| (e.id.as_str(), e)).collect()),
            propositions: Some(corpus.propositions().iter().map(|p| (p.id.as_str(), p)).collect()),
            targets: Some(corpus.targets().iter().map(|t| t.id.as_str()).collect()),
        }
    }
}

/// "`a`" or "`a` or `b`": the known values closest to `word` by edit distance, when any is close.
pub(crate) fn did_you_mean<'k>(word: &str, known: impl IntoIterator<Item = &'k str>) -> Option<String> {
    let w = word.to_lowercase();
    let mut scored: Vec<(f64, &str)> = known
        .into_iter()
        .map(|k| {
            let kl = k.to_lowercase();
            let mut score = strsim::jaro_winkler(&w, &kl);
            // A known value that begins the word, or that the word begins (`LOC` in `LOCATION`).
            if kl.len() >= 2 && (w.starts_with(&kl) || kl.starts_with(&w)) {
                score = score.max(0.9);
            }
            (score, k)
        })
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    let best: Vec<String> = scored.iter().take(2).map(|(_, k)| format!("`{k}`")).collect();
    (!best.is_empty()).then(|| best.join(" or "))
}

/// `message; did you mean …?` when a known value is close to `word`.
pub(crate) fn with_suggestion<'k>(hint: &str, word: &str, known: impl IntoIterator<Item = &'k str>) -> String {
    match did_you_mean(word, known) {
        Some(s) => format!("did you mean {s}? Otherwise {hint}"),
        None => hint.to_string(),
    }
}

/// The message and hint of one schema violation.
pub(crate) fn schema_finding(err: &jsonschema::ValidationError<'_>, kind: FileKind) -> (String, String) {
    let msg = err.to_string();
    // Keep messages short: a long instance is elided.
    let message =
        if msg.chars().count() > 300 { format!("{}…", msg.chars().take(300).collect::<String>()) } else { msg };
    let see = format!("see schema/{} for the expected shape", kind.schema_file());
    let hint = match err.kind() {
        jsonschema::error::ValidationErrorKind::Enum { options } => {
            let known: Vec<&str> = options.as_array().into_iter().flatten().filter_map(|o| o.as_str()).collect();
            match err.instance().as_str().and_then(|w| did_you_mean(w, known)) {
                Some(s) => format!("did you mean {s}? ({see})"),
                None => see,
            }
        }
        _ => see,
    };
    (message, hint)
}

/// A span object given by its anchor (`text`, with `occurrence`, `prefix` or `suffix` or none of
/// them) and no offsets: `crocus fmt` fills `start` and `end` in.
pub(crate) fn is_anchored(value: &serde_json::Value) -> bool {
    value.get("text").is_some_and(serde_json::Value::is_string)
        && value.get("start").is_none()
        && value.get("end").is_none()
}

/// The one diagnostic for a span given by its anchor, in place of the schema's "`start` is a
/// required property" and "`occurrence` is not allowed".
pub(crate) fn anchored_span(f: &mut FileDiags, pointer: &str) {
    f.at(
        Code::SchemaViolation,
        pointer,
        "the span is given by its anchor (`text`, with `occurrence` or `prefix`) and has no `start`/`end` yet".into(),
        Some("run `crocus fmt` (`cargo run --features cli -- fmt`) to fill in `start` and `end` from the anchor"),
    );
}

/// E017 within each registry.
pub(crate) fn check_ids(
    entities: Option<&mut Parsed<EntityRegistry>>,
    propositions: Option<&mut Parsed<PropositionRegistry>>,
    targets: Option<&mut Parsed<TargetRegistry>>,
) {
    if let Some(r) = entities {
        dup_ids(&mut r.file, r.value.entities.iter().map(|e| e.id.as_str()), "/entities", "entity");
    }
    if let Some(r) = propositions {
        dup_ids(&mut r.file, r.value.propositions.iter().map(|e| e.id.as_str()), "/propositions", "proposition");
    }
    if let Some(r) = targets {
        dup_ids(&mut r.file, r.value.targets.iter().map(|e| e.id.as_str()), "/targets", "target");
    }
}

fn dup_ids<'a>(f: &mut FileDiags, ids: impl Iterator<Item = &'a str>, base: &str, what: &str) {
    let mut seen = HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(first) = seen.insert(id, i) {
            f.at(
                Code::DuplicateId,
                &format!("{base}/{i}/id"),
                format!("{what} id `{id}` is used twice (first at {base}/{first})"),
                Some("ids must be unique: merge the two entries, or rename one and the references that mean it"),
            );
            f.with_kind(ErrorKind::DuplicateId { id: id.to_string() });
        }
    }
}

/// W102 for every registry entity no mention links and every proposition no claim answers.
pub(crate) fn check_unused(
    entities: Option<&mut Parsed<EntityRegistry>>,
    propositions: Option<&mut Parsed<PropositionRegistry>>,
    files: &[&AnnotationFile],
) {
    if let Some(r) = entities {
        let used: HashSet<&str> =
            files.iter().flat_map(|a| a.entities.iter().filter_map(|m| m.entity.as_deref())).collect();
        unused(
            &mut r.file,
            r.value.entities.iter().map(|e| e.id.as_str()),
            &used,
            "/entities",
            ("registry entity", "is not linked from any mention"),
            "remove the entry, or link the mentions that refer to it",
        );
    }
    if let Some(r) = propositions {
        let used: HashSet<&str> =
            files.iter().flat_map(|a| a.claims.iter().filter_map(|c| c.proposition.as_deref())).collect();
        unused(
            &mut r.file,
            r.value.propositions.iter().map(|p| p.id.as_str()),
            &used,
            "/propositions",
            ("proposition", "is not answered by any claim"),
            "remove it, or set `proposition` on the claims that answer it",
        );
    }
}

fn unused<'a>(
    f: &mut FileDiags,
    ids: impl Iterator<Item = &'a str>,
    used: &HashSet<&str>,
    base: &str,
    (what, why): (&str, &str),
    hint: &str,
) {
    for (i, id) in ids.enumerate() {
        if !used.contains(id) {
            f.at(Code::UnusedRegistryEntry, &format!("{base}/{i}/id"), format!("{what} `{id}` {why}"), Some(hint));
        }
    }
}
