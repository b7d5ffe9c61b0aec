//! brat standoff: one `.txt`/`.ann` pair per document and an `annotation.conf`, so the corpus
//! opens in brat and INCEpTION. Entities are T lines with N lines normalizing them to the registry;
//! claims, cues and span stances are T lines with A attributes, and R relations link claims and
//! stances to their claimer or holder mention and stance targets. Entities with an English
//! Wikipedia article get a second N line normalizing them to the `Wikipedia` database, which
//! `tools.conf` declares.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::Options;
use crate::corpus::Corpus;
use crate::model::{Claimer, Label, StanceTarget};

/// One output file, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BratFile {
    /// File name (`hyperfocus-ukraine.ann`).
    pub name: String,
    /// Its contents.
    pub contents: String,
}

/// brat files for the corpus: `annotation.conf`, `tools.conf`, then `.txt` and `.ann` per document.
///
/// Offsets are code points, as brat counts them. A span that crosses a line break is written as
/// brat's discontinuous fragments, one per line.
pub fn brat(corpus: &Corpus, options: &Options) -> Vec<BratFile> {
    let mut files = vec![
        BratFile { name: "annotation.conf".into(), contents: conf(corpus) },
        BratFile { name: "tools.conf".into(), contents: TOOLS_CONF.into() },
    ];
    for doc in options.documents(corpus) {
        let mut ann = String::new();
        let mut t = 0usize;
        let mut other = 0usize;
        let text: Vec<char> = doc.text().chars().collect();
        let frag = |s: usize, e: usize| -> String {
            // Split at newlines, dropping empty fragments.
            let mut parts = Vec::new();
            let mut a = s;
            for (i, &c) in text.iter().enumerate().take(e).skip(s) {
                if c == '\n' {
                    if a < i {
                        parts.push(format!("{a} {i}"));
                    }
                    a = i + 1;
                }
            }
            if a < e {
                parts.push(format!("{a} {e}"));
            }
            parts.join(";")
        };
        let flat = |s: &str| s.replace('\n', " ");
        let mut mention_t = std::collections::HashMap::new();
        for m in doc.entities() {
            t += 1;
            mention_t.insert(m.id.as_str(), t);
            let _ = writeln!(ann, "T{t}\t{} {}\t{}", m.label.as_str(), frag(m.start, m.end), flat(&m.text));
            if let Some(id) = &m.entity {
                other += 1;
                let name = corpus.entity(id).map_or(id.as_str(), |e| e.name.as_str());
                let _ = writeln!(ann, "N{other}\tReference T{t} crocus:{id}\t{name}");
                if let Some(line) = wikipedia_normalization(corpus, id, t, other + 1) {
                    other += 1;
                    ann.push_str(&line);
                }
            } else if let Some(v) = &m.value {
                other += 1;
                let _ = writeln!(ann, "#{other}\tAnnotatorNotes T{t}\tvalue {}", v.display());
            }
        }
        let mut attr = 0usize;
        let mut rel = 0usize;
        let mut claim_t = std::collections::HashMap::new();
        let holder = |ann: &mut String, arg: usize, h: &Claimer, role: &str, rel: &mut usize, t: &mut usize| match h {
            Claimer::Author => {}
            Claimer::Entity { mention, .. } => {
                if let Some(m) = mention_t.get(mention.as_str()) {
                    *rel += 1;
                    let _ = writeln!(ann, "R{rel}\t{role} Arg1:T{arg} Arg2:T{m}");
                }
            }
            Claimer::Unnamed { description: Some(d) } => {
                *t += 1;
                let _ = writeln!(ann, "T{t}\tSource {}\t{}", frag(d.start, d.end), flat(&d.text));
                *rel += 1;
                let _ = writeln!(ann, "R{rel}\t{role} Arg1:T{arg} Arg2:T{t}");
            }
            Claimer::Unnamed { description: None } => {}
        };
        for c in doc.claims() {
            t += 1;
            let ct = t;
            claim_t.insert(c.id.as_str(), ct);
            let _ = writeln!(ann, "T{ct}\tClaim {}\t{}", frag(c.start, c.end), flat(&c.text));
            attr += 1;
            let _ = writeln!(
                ann,
                "A{attr}\tAttribution T{ct} {}",
                serde_json::to_value(c.attribution).unwrap_or_default().as_str().unwrap_or("")
            );
            for ty in &c.types {
                attr += 1;
                let name = serde_json::to_value(ty).unwrap_or_default().as_str().unwrap_or("").to_string();
                let _ = writeln!(ann, "A{attr}\tType_{name} T{ct}");
            }
            if c.checkworthy {
                attr += 1;
                let _ = writeln!(ann, "A{attr}\tCheckworthy T{ct}");
            }
            if c.claimer == Claimer::Author {
                attr += 1;
                let _ = writeln!(ann, "A{attr}\tAuthorial T{ct}");
            }
            if let (Some(p), Some(v)) = (&c.proposition, &c.value) {
                other += 1;
                let _ = writeln!(ann, "#{other}\tAnnotatorNotes T{ct}\tproposition {p} = {}", v.display());
            }
            if let Some(cue) = &c.cue {
                t += 1;
                let _ = writeln!(ann, "T{t}\tCue {}\t{}", frag(cue.start, cue.end), flat(&cue.text));
                rel += 1;
                let _ = writeln!(ann, "R{rel}\tCueOf Arg1:T{ct} Arg2:T{t}");
            }
            holder(&mut ann, ct, &c.claimer, "Claimer", &mut rel, &mut t);
        }
        for s in doc.stances() {
            t += 1;
            let st = t;
            let _ = writeln!(ann, "T{st}\tStance {}\t{}", frag(s.start, s.end), flat(&s.text));
            attr += 1;
            let _ = writeln!(ann, "A{attr}\tPolarity T{st} {}", s.label.as_str());
            holder(&mut ann, st, &s.holder, "Holder", &mut rel, &mut t);
            match &s.target {
                StanceTarget::Claim { id } => {
                    if let Some(ct) = claim_t.get(id.as_str()) {
                        rel += 1;
                        let _ = writeln!(ann, "R{rel}\tTargetClaim Arg1:T{st} Arg2:T{ct}");
                    }
                }
                StanceTarget::Target { id } => {
                    attr += 1;
                    let _ = writeln!(ann, "A{attr}\tTarget T{st} {id}");
                }
                StanceTarget::Entity { id } => {
                    other += 1;
                    let _ = writeln!(
                        ann,
                        "N{other}\tReference T{st} crocus:{id}\t{}",
                        corpus.entity(id).map_or(id.as_str(), |e| e.name.as_str())
                    );
                }
            }
        }
        files.push(BratFile { name: format!("{}.txt", doc.id()), contents: doc.text().to_string() });
        files.push(BratFile { name: format!("{}.ann", doc.id()), contents: ann });
    }
    files
}

fn conf(corpus: &Corpus) -> String {
    let named: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
    let targets: BTreeSet<&str> = corpus.targets().iter().map(|t| t.id.as_str()).collect();
    let mut s = String::from("# brat configuration for crocus-corpus\n[entities]\n");
    for l in &named {
        let _ = writeln!(s, "{l}");
    }
    s.push_str("Claim\nCue\nStance\nSource\n\n[relations]\n");
    let ents = named.join("|");
    let _ = writeln!(s, "Claimer\tArg1:Claim, Arg2:{ents}|Source");
    let _ = writeln!(s, "Holder\tArg1:Stance, Arg2:{ents}|Source");
    let _ = writeln!(s, "CueOf\tArg1:Claim, Arg2:Cue");
    let _ = writeln!(s, "TargetClaim\tArg1:Stance, Arg2:Claim");
    s.push_str("<OVERLAP>\tArg1:Claim, Arg2:Claim|Stance|Cue|Source|<ENTITY>, <OVL-TYPE>:<ANY>\n");
    s.push_str("<OVERLAP>\tArg1:Stance, Arg2:Claim|Stance|Cue|Source|<ENTITY>, <OVL-TYPE>:<ANY>\n");
    s.push_str("\n[events]\n\n[attributes]\n");
    s.push_str("Attribution\tArg:Claim, Value:authorial|direct_quote|indirect\n");
    for ty in ["event", "numerical", "temporal", "causal", "attribution", "prediction"] {
        let _ = writeln!(s, "Type_{ty}\tArg:Claim");
    }
    s.push_str("Checkworthy\tArg:Claim\nAuthorial\tArg:Claim\n");
    s.push_str("Polarity\tArg:Stance, Value:FAVOR|AGAINST|NEUTRAL|SUPPORT|DENY|QUERY|COMMENT\n");
    if !targets.is_empty() {
        let _ = writeln!(s, "Target\tArg:Stance, Value:{}", targets.into_iter().collect::<Vec<_>>().join("|"));
    }
    s
}

/// `tools.conf`: declares the `Wikipedia` normalization database, whose ids are the article path
/// after `/wiki/` (the title with underscores, percent-encoded as in the URL).
pub const TOOLS_CONF: &str =
    "# brat tools configuration for crocus-corpus\n[options]\n\n[search]\n\n[annotators]\n\n[disambiguators]\n\n\
[normalization]\nWikipedia\t<URL>:https://en.wikipedia.org, <URLBASE>:https://en.wikipedia.org/wiki/%s\n";

/// The N line normalizing text-bound `T{t}` to the Wikipedia article of registry entity `id`, as
/// `N{n}`; `None` when the entity has no article.
fn wikipedia_normalization(corpus: &Corpus, id: &str, t: usize, n: usize) -> Option<String> {
    let e = corpus.entity(id)?;
    let w = e.wikipedia.as_ref()?;
    let key = w.url.strip_prefix("https://en.wikipedia.org/wiki/")?;
    Some(format!("N{n}\tReference T{t} Wikipedia:{key}\t{}\n", w.title))
}
