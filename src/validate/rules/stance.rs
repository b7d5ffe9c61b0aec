//! Stance: span stances (their holder, target and label: E018, E025, E027) and document stances
//! (one per registered target, evidence that exists: E018, E024).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::claims::check_party;
use super::documents::{check_span, DocText};
use super::entities::Mentions;
use super::registries::{did_you_mean, with_suggestion, Registries};
use super::{FileDiags, Parsed};
use crate::error::ErrorKind;
use crate::model::{AnnotationFile, Manifest, StanceTarget, TargetRegistry};
use crate::validate::diagnostic::Code;

/// The rules on span and document stances.
pub(crate) fn check(
    f: &mut FileDiags,
    a: &AnnotationFile,
    doc: &DocText<'_>,
    reg: &Registries<'_>,
    mentions: &Mentions<'_>,
) {
    let claim_ids: HashSet<&str> = a.claims.iter().map(|c| c.id.as_str()).collect();
    let stance_ids: HashSet<&str> = a.stances.iter().map(|s| s.id.as_str()).collect();
    for (i, s) in a.stances.iter().enumerate() {
        let p = format!("/stances/{i}");
        check_span(f, &doc.text, &doc.annotated, &p, s.span(), Some(&s.text));
        check_party(f, doc, reg, mentions, &s.holder, &format!("{p}/holder"));
        let (known, is_claim): (Option<Vec<&str>>, bool) = match &s.target {
            StanceTarget::Target { .. } => (reg.targets.as_ref().map(|t| t.iter().copied().collect()), false),
            StanceTarget::Entity { .. } => (reg.entities.as_ref().map(|e| e.keys().copied().collect()), false),
            StanceTarget::Claim { .. } => (Some(claim_ids.iter().copied().collect()), true),
        };
        let id = match &s.target {
            StanceTarget::Target { id } | StanceTarget::Entity { id } | StanceTarget::Claim { id } => id.as_str(),
        };
        if let Some(known) = known.filter(|k| !k.contains(&id)) {
            let hint = with_suggestion(
                "targets are registry targets, registry entities, or claims of this document",
                id,
                known,
            );
            f.at(
                Code::UnresolvedReference,
                &format!("{p}/target"),
                format!("stance target {} does not exist", s.target.display()),
                Some(&hint),
            );
            f.with_kind(ErrorKind::UnresolvedReference { id: id.to_string() });
        }
        if s.label.is_claim_label() != is_claim {
            f.at(
                Code::StanceLabelMismatch,
                &format!("{p}/label"),
                format!("{} does not apply to {}", s.label.as_str(), s.target.display()),
                Some("toward a claim: SUPPORT, DENY, QUERY, COMMENT; otherwise FAVOR, AGAINST, NEUTRAL"),
            );
        }
    }

    let mut seen_targets: HashMap<&str, usize> = HashMap::new();
    for (i, ds) in a.document_stances.iter().enumerate() {
        let p = format!("/document_stances/{i}");
        if let Some(first) = seen_targets.insert(ds.target.as_str(), i) {
            f.at(
                Code::MissingDocumentStance,
                &format!("{p}/target"),
                format!("a second stance toward `{}` (first at /document_stances/{first})", ds.target),
                Some("one document stance per target"),
            );
        }
        if let Some(targets) = reg.targets.as_ref().filter(|t| !t.contains(ds.target.as_str())) {
            let hint = with_suggestion("use an id from annotations/targets.json", &ds.target, targets.iter().copied());
            f.at(
                Code::UnresolvedReference,
                &format!("{p}/target"),
                format!("target `{}` is not in the registry", ds.target),
                Some(&hint),
            );
            f.with_kind(ErrorKind::UnresolvedReference { id: ds.target.to_string() });
        }
        for (j, e) in ds.evidence.iter().enumerate() {
            if !stance_ids.contains(e.as_str()) {
                let hint = match did_you_mean(e, stance_ids.iter().copied()) {
                    Some(s) => format!("did you mean {s}? Evidence lists ids from `stances`"),
                    None => "evidence lists ids from `stances`".into(),
                };
                f.at(
                    Code::UnresolvedReference,
                    &format!("{p}/evidence/{j}"),
                    format!("evidence `{e}` is not a span stance of this document"),
                    Some(&hint),
                );
                f.with_kind(ErrorKind::UnresolvedReference { id: e.to_string() });
            }
        }
    }
    if let Some(targets) = &reg.targets {
        let mut missing: Vec<&str> = targets.iter().copied().filter(|t| !seen_targets.contains_key(t)).collect();
        missing.sort();
        for t in missing {
            f.at(
                Code::MissingDocumentStance,
                "/document_stances",
                format!("no document stance toward `{t}`"),
                Some("every document has a stance (FAVOR, AGAINST or NONE) for every registered target"),
            );
        }
    }
}

/// E024 for a document of the manifest with no annotation file while targets are registered.
pub(crate) fn check_missing_files(
    m: &mut Parsed<Manifest>,
    targets: &TargetRegistry,
    files: &[&AnnotationFile],
    docs: &BTreeMap<String, DocText<'_>>,
) {
    let with_file: HashSet<&str> = files.iter().map(|a| a.document.as_str()).collect();
    let Parsed { file, value } = m;
    for (i, d) in value.documents.iter().enumerate() {
        if !with_file.contains(d.id.as_str()) && docs.contains_key(&d.id) && !targets.targets.is_empty() {
            file.at(
                Code::MissingDocumentStance,
                &format!("/documents/{i}"),
                format!("document `{}` has no annotation file, so no stance for the registered targets", d.id),
                Some("add annotations/<id>.json with a document stance per target"),
            );
        }
    }
}
