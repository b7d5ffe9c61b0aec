//! Claims: each claim's span and cue, its claimer (E018, E027), and its proposition and value
//! (E018, E023). The claimer check is shared with stance holders.

use super::documents::{check_span, DocText};
use super::entities::Mentions;
use super::registries::{with_suggestion, Registries};
use super::FileDiags;
use crate::error::ErrorKind;
use crate::model::{AnnotationFile, Claimer};
use crate::validate::diagnostic::Code;

/// The rules on the claim layer.
pub(crate) fn check(
    f: &mut FileDiags,
    a: &AnnotationFile,
    doc: &DocText<'_>,
    reg: &Registries<'_>,
    mentions: &Mentions<'_>,
) {
    for (i, c) in a.claims.iter().enumerate() {
        let p = format!("/claims/{i}");
        check_span(f, &doc.text, &doc.annotated, &p, c.span(), Some(&c.text));
        if let Some(cue) = &c.cue {
            check_span(f, &doc.text, &doc.annotated, &format!("{p}/cue"), cue.span(), Some(&cue.text));
        }
        check_party(f, doc, reg, mentions, &c.claimer, &format!("{p}/claimer"));
        match (&c.proposition, &c.value) {
            (Some(pid), value) => {
                let Some(props) = &reg.propositions else { continue };
                match props.get(pid.as_str()) {
                    None => {
                        let hint = with_suggestion(
                            "add it to annotations/propositions.json or fix the id",
                            pid,
                            props.keys().copied(),
                        );
                        f.at(
                            Code::UnresolvedReference,
                            &format!("{p}/proposition"),
                            format!("proposition `{pid}` is not in the registry"),
                            Some(&hint),
                        );
                        f.with_kind(ErrorKind::UnresolvedReference { id: pid.to_string() });
                    }
                    Some(prop) => match value {
                        None => f.at(
                            Code::ClaimValueMismatch,
                            &p,
                            format!("the claim answers `{pid}` but gives no value"),
                            Some("add the normalized `value` the claim states"),
                        ),
                        Some(v) if !prop.value_kind.admits(v) => f.at(
                            Code::ClaimValueMismatch,
                            &format!("{p}/value"),
                            format!(
                                "a `{}` value does not answer `{pid}`, which takes {:?}",
                                v.kind(),
                                prop.value_kind
                            ),
                            Some("use a value of the proposition's kind"),
                        ),
                        Some(_) => {}
                    },
                }
            }
            (None, Some(_)) => f.at(
                Code::ClaimValueMismatch,
                &format!("{p}/value"),
                "the claim has a value but no proposition".into(),
                Some("set `proposition`, or remove `value`"),
            ),
            (None, None) => {}
        }
    }
}

/// A claimer or stance holder: its description span, or its entity and the mention that names it.
pub(crate) fn check_party(
    f: &mut FileDiags,
    doc: &DocText<'_>,
    reg: &Registries<'_>,
    mentions: &Mentions<'_>,
    party: &Claimer,
    p: &str,
) {
    match party {
        Claimer::Author | Claimer::Unnamed { description: None } => {}
        Claimer::Unnamed { description: Some(d) } => {
            check_span(f, &doc.text, &doc.annotated, &format!("{p}/description"), d.span(), Some(&d.text));
        }
        Claimer::Entity { entity, mention } => {
            if let Some(entities) = reg.entities.as_ref().filter(|e| !e.contains_key(entity.as_str())) {
                let hint =
                    with_suggestion("use an id from annotations/entities.json", entity, entities.keys().copied());
                f.at(
                    Code::UnresolvedReference,
                    &format!("{p}/entity"),
                    format!("entity `{entity}` is not in the registry"),
                    Some(&hint),
                );
                f.with_kind(ErrorKind::UnresolvedReference { id: entity.to_string() });
            }
            match mentions.get(mention.as_str()) {
                None => {
                    let naming: Vec<&str> = mentions
                        .iter()
                        .filter(|(_, linked)| **linked == Some(entity.as_str()))
                        .map(|(id, _)| *id)
                        .collect();
                    let hint = if naming.is_empty() {
                        format!("name the mention (e.g. `e12`) that names `{entity}` in this text")
                    } else {
                        let mut naming = naming;
                        naming.sort();
                        format!("mentions of `{entity}` in this document: {}", naming.join(", "))
                    };
                    f.at(
                        Code::UnresolvedReference,
                        &format!("{p}/mention"),
                        format!("mention `{mention}` is not an entity mention of this document"),
                        Some(&hint),
                    );
                    f.with_kind(ErrorKind::UnresolvedReference { id: mention.to_string() });
                }
                Some(linked) if *linked != Some(entity.as_str()) => f.at(
                    Code::ClaimerMentionMismatch,
                    &format!("{p}/mention"),
                    format!("mention `{mention}` links to `{}`, not `{entity}`", linked.unwrap_or("nothing")),
                    Some("the mention must name the same entity as the claimer"),
                ),
                Some(_) => {}
            }
        }
    }
}
