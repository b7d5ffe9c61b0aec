//! A self-contained HTML view of the corpus: entities highlighted by type (as displaCy does),
//! claims underlined with their claimer and proposition, stance spans marked by polarity, a
//! legend, the table of cross-document conflicts with each answer's verdict against the reference
//! values and their sources, and entity names linked to their Wikipedia articles (ordinary links,
//! followed only when clicked). No network, no external assets, no script:
//! details show on hover and on keyboard focus, and the page reflows on a phone.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::conflicts;
use crate::model::{Label, RegionKind, StanceLabel};
use crate::{Corpus, Document};

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// Background colour of an entity label (displaCy's palette where it has one).
fn color(label: Label) -> &'static str {
    use Label::*;
    match label {
        Person => "#aa9cfc",
        Norp => "#c887fb",
        Fac => "#9cc9cc",
        Org => "#7aecec",
        Gpe => "#feca74",
        Loc => "#ff9561",
        Product => "#bfeeb7",
        Event => "#ffeb80",
        WorkOfArt => "#f0d0ff",
        Law => "#ff8197",
        Language => "#c7e3ff",
        Date => "#bfe1d9",
        Time => "#bfe1d9",
        Percent => "#e4e7d2",
        Money => "#e4e7d2",
        Quantity => "#e4e7d2",
        Ordinal => "#e4e7d2",
        Cardinal => "#e4e7d2",
    }
}

fn stance_class(l: StanceLabel) -> &'static str {
    match l {
        StanceLabel::Favor | StanceLabel::Support => "pos",
        StanceLabel::Against | StanceLabel::Deny => "neg",
        _ => "neu",
    }
}

const CSS: &str = r#"
:root{--fg:#1b1b1b;--bg:#fff;--muted:#666}
*{box-sizing:border-box}
body{font:16px/1.7 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0}
main{max-width:54rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.3}h2{font-size:1.2rem;margin-top:2.5rem;line-height:1.3}
nav ul{padding-left:1.2rem}
.meta{color:var(--muted);font-size:.9rem}
.doc{white-space:pre-wrap;overflow-wrap:anywhere}
.boiler{color:#999}
mark.ent{padding:.1em .25em;border-radius:.3em;line-height:2}
mark.ent .lbl{font-size:.6em;font-weight:700;margin-left:.3em;text-transform:uppercase;vertical-align:middle}
.claim{text-decoration:underline;text-decoration-color:#1f6feb;text-decoration-thickness:2px;text-underline-offset:.2em}
.claim.n2{text-decoration-style:double}
.st-pos{background-image:linear-gradient(transparent 88%,#2da44e88 88%)}
.st-neg{background-image:linear-gradient(transparent 88%,#cf222e88 88%)}
.st-neu{background-image:linear-gradient(transparent 88%,#9a670088 88%)}
[data-tip]{position:relative;cursor:help}
[data-tip]:focus{outline:2px solid #1f6feb;outline-offset:1px}
[data-tip]:hover::after,[data-tip]:focus::after{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:2;
 white-space:pre-line;background:#222;color:#fff;font-size:.8rem;line-height:1.4;padding:.4rem .6rem;border-radius:.3rem;
 width:max-content;max-width:min(26rem,90vw)}
.legend span{display:inline-block;margin:.15rem .3rem .15rem 0;padding:0 .4rem;border-radius:.3rem;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;display:block;overflow-x:auto}
th,td{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}
.conflict{color:#cf222e;font-weight:600}
a.lbl{color:inherit}
.v-agrees{color:#1a7f37}.v-contradicts{color:#cf222e;font-weight:600}.v-outdated{color:#9a6700}.v-not_comparable{color:var(--muted)}
.refs{margin:0;padding-left:1.1rem;font-size:.85rem;font-weight:400}
"#;

/// Renders the given documents (all when `docs` is empty) as one HTML page.
pub fn html(corpus: &Corpus, docs: &[String]) -> String {
    let selected: Vec<&Document> =
        corpus.iter().filter(|d| docs.is_empty() || docs.iter().any(|x| x == d.id())).collect();
    let mut s = String::new();
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        s,
        "<title>crocus-corpus {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>",
        crate::CORPUS_VERSION
    );
    let _ = writeln!(
        s,
        "<h1>crocus-corpus {}</h1>\n<p class=\"meta\">Entities, claims and stance in {} texts on the Crocus City Hall attack. \
         Hover over or tab to an annotation to see its details.</p>",
        crate::CORPUS_VERSION,
        selected.len()
    );
    // Legend.
    s.push_str("<section class=\"legend\" aria-label=\"Legend\"><h2>Legend</h2><p>");
    for l in Label::ALL {
        let _ = write!(s, "<span style=\"background:{}\">{}</span>", color(l), l.as_str());
    }
    s.push_str("</p><p class=\"meta\">An underlined entity label links to the entity's Wikipedia article.</p>");
    s.push_str("<p><span class=\"claim\">claim (underlined; double: nested claims)</span>");
    s.push_str(
        "<span class=\"st-pos\">stance: favor / support</span><span class=\"st-neg\">stance: against / deny</span>",
    );
    s.push_str("<span class=\"st-neu\">stance: neutral / query / comment</span><span class=\"boiler\">boilerplate (not annotated)</span></p></section>\n");
    s.push_str("<nav aria-label=\"Documents\"><h2>Documents</h2><ul>");
    for d in &selected {
        let _ = write!(s, "<li><a href=\"#{}\">{}</a></li>", esc(d.id()), esc(d.title().unwrap_or("(no headline)")));
    }
    s.push_str("<li><a href=\"#conflicts\">Where the sources disagree</a></li></ul></nav>\n");
    for d in &selected {
        document(&mut s, corpus, d);
    }
    conflicts_table(&mut s, corpus);
    s.push_str("</main>\n</body>\n</html>\n");
    s
}

fn document(s: &mut String, corpus: &Corpus, d: &Document) {
    let _ = writeln!(s, "<article id=\"{}\">\n<h2>{}</h2>", esc(d.id()), esc(d.title().unwrap_or("(no headline)")));
    let r = d.record();
    let flags: Vec<String> = r.quality_flags.iter().map(|f| esc(&f.note)).collect();
    let _ = writeln!(
        s,
        "<p class=\"meta\">{} · {} · {} characters · {} entities · {} claims · {} stances{}</p>",
        esc(d.id()),
        r.genre.as_str(),
        d.text_index().len_chars(),
        d.entities().len(),
        d.claims().len(),
        d.stances().len(),
        if flags.is_empty() { String::new() } else { format!("<br>{}", flags.join(" ")) }
    );
    if !d.document_stances().is_empty() {
        s.push_str("<p class=\"meta\">Document stance: ");
        let parts: Vec<String> =
            d.document_stances().iter().map(|x| format!("{} <b>{}</b>", esc(&x.target), x.label.as_str())).collect();
        s.push_str(&parts.join(" · "));
        s.push_str("</p>\n");
    }
    // Segment at every boundary.
    let mut cuts: BTreeSet<usize> = BTreeSet::new();
    cuts.insert(0);
    cuts.insert(d.text_index().len_chars());
    for m in d.entities() {
        cuts.extend([m.start, m.end]);
    }
    for c in d.claims() {
        cuts.extend([c.start, c.end]);
    }
    for x in d.stances() {
        cuts.extend([x.start, x.end]);
    }
    for g in d.regions() {
        cuts.extend([g.start, g.end]);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    s.push_str("<div class=\"doc\">");
    for w in cuts.windows(2) {
        let (a, z) = (w[0], w[1]);
        let text = d.slice(crate::Span::new(a, z));
        let boiler = d.region_at(a).is_some_and(|g| g.kind == RegionKind::Boilerplate);
        if boiler {
            let _ = write!(s, "<span class=\"boiler\">{}</span>", esc(text));
            continue;
        }
        if let Some(m) = d.entities().iter().find(|m| m.start == a) {
            let detail = match (&m.entity, &m.value) {
                (Some(id), _) => {
                    corpus.entity(id).map_or(id.clone(), |e| format!("{} ({id}): {}", e.name, e.description))
                }
                (None, Some(v)) => format!("value {}", v.display()),
                _ => String::new(),
            };
            let _ = write!(
                s,
                "<mark class=\"ent\" style=\"background:{}\" tabindex=\"0\" data-tip=\"{} {}\">",
                color(m.label),
                m.label.as_str(),
                esc(&detail)
            );
        }
        let claims: Vec<_> = d.claims().iter().filter(|c| c.start <= a && z <= c.end).collect();
        let stances: Vec<_> = d.stances().iter().filter(|x| x.start <= a && z <= x.end).collect();
        let mut classes = Vec::new();
        let mut tips = Vec::new();
        if !claims.is_empty() {
            classes.push("claim".to_string());
            if claims.len() > 1 {
                classes.push("n2".into());
            }
            for c in &claims {
                let verdict =
                    crate::verdict::of_claim(corpus, d, c).map(|j| format!(" ({})", j.verdict)).unwrap_or_default();
                let prop = match (&c.proposition, &c.value) {
                    (Some(p), Some(v)) => format!("; {p} = {}{verdict}", v.display()),
                    _ => String::new(),
                };
                tips.push(format!("claim {} by {}{prop}", c.id, c.claimer.display()));
            }
        }
        if let Some(x) = stances.last() {
            classes.push(format!("st-{}", stance_class(x.label)));
            for x in &stances {
                tips.push(format!(
                    "stance {} {} toward {} by {}",
                    x.id,
                    x.label.as_str(),
                    x.target.display(),
                    x.holder.display()
                ));
            }
        }
        let starts_here = claims.iter().any(|c| c.start == a) || stances.iter().any(|x| x.start == a);
        if classes.is_empty() {
            s.push_str(&esc(text));
        } else {
            let _ = write!(
                s,
                "<span class=\"{}\"{} data-tip=\"{}\">{}</span>",
                classes.join(" "),
                if starts_here { " tabindex=\"0\"" } else { "" },
                esc(&tips.join("\n")),
                esc(text)
            );
        }
        if let Some(m) = d.entities().iter().find(|m| m.end == z) {
            match m.entity.as_deref().and_then(|id| corpus.entity(id)).and_then(|e| e.wikipedia.as_ref()) {
                Some(w) => {
                    let _ = write!(
                        s,
                        "<a class=\"lbl\" href=\"{}\" title=\"Wikipedia: {}\">{}</a></mark>",
                        esc(&w.url),
                        esc(&w.title),
                        m.label.as_str()
                    );
                }
                None => {
                    let _ = write!(s, "<span class=\"lbl\">{}</span></mark>", m.label.as_str());
                }
            }
        }
    }
    s.push_str("</div>\n</article>\n");
}

fn conflicts_table(s: &mut String, corpus: &Corpus) {
    s.push_str("<section id=\"conflicts\"><h2>Where the sources disagree</h2>\n");
    let report = conflicts::report(corpus);
    if report.is_empty() {
        s.push_str("<p class=\"meta\">No propositions are annotated yet.</p></section>\n");
        return;
    }
    s.push_str("<table><thead><tr><th scope=\"col\">proposition</th><th scope=\"col\">document / claim</th><th scope=\"col\">claimer</th><th scope=\"col\">value</th><th scope=\"col\">verdict</th></tr></thead><tbody>\n");
    for p in &report {
        let conflicting: BTreeSet<usize> = p.conflicts.iter().flat_map(|c| [c.a, c.b]).collect();
        for (i, a) in p.answers.iter().enumerate() {
            let head = if i == 0 {
                format!(
                    "<th scope=\"row\" rowspan=\"{}\">{}{}</th>",
                    p.answers.len(),
                    esc(&p.question),
                    references(&p.references)
                )
            } else {
                String::new()
            };
            let verdict = a.verdict.map_or(String::new(), |j| {
                let earlier = j.earlier.map(|e| format!(", agrees with earlier R{e}")).unwrap_or_default();
                format!(
                    "<span class=\"v-{}\">{}</span> <span class=\"meta\">(R{}{earlier})</span>",
                    j.verdict,
                    j.verdict.as_str().replace('_', " "),
                    j.reference
                )
            });
            let _ = writeln!(
                s,
                "<tr>{head}<td><a href=\"#{}\">{}</a> {}</td><td>{}</td><td{}>{}</td><td>{verdict}</td></tr>",
                esc(&a.document),
                esc(&a.document),
                esc(&a.claim),
                esc(&a.claimer),
                if conflicting.contains(&i) { " class=\"conflict\"" } else { "" },
                esc(&a.value)
            );
        }
    }
    s.push_str("</tbody></table><p class=\"meta\">Values in red conflict with at least one other answer to the same question. \
                Verdicts are computed from each value and the question's reference values R0, R1, … (listed under it, oldest \
                first, each with the page it was read on), judged against the most recent.</p></section>\n");
}

/// The reference values of a proposition as a list, each with its source linked.
fn references(refs: &[crate::model::Reference]) -> String {
    if refs.is_empty() {
        return String::new();
    }
    let mut s = String::from("<ul class=\"refs\">");
    for (i, r) in refs.iter().enumerate() {
        let title = r.source.title.as_deref().unwrap_or(&r.source.publisher);
        let _ = write!(
            s,
            "<li>R{i}: {} as of {}: <a href=\"{}\">{}</a> ({}{})</li>",
            esc(&r.value.display()),
            esc(&r.as_of),
            esc(&r.source.url),
            esc(title),
            esc(&r.source.publisher),
            r.source.published.as_ref().map(|d| format!(", {}", esc(d))).unwrap_or_default()
        );
    }
    s.push_str("</ul>");
    s
}
