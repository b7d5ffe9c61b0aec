//! `crocus list`, `show`, `stats` and `schema`: looking at the corpus.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::ValueEnum;
use crocus_corpus::model::RegionKind;
use crocus_corpus::stats::Stats;
use crocus_corpus::validate::schema::{self, FileKind};
use crocus_corpus::verdict;

use crate::{ColorChoice, Failure};

#[derive(clap::Args)]
pub struct ListArgs {}

pub fn list(_: &ListArgs, root: &Option<PathBuf>) -> Result<(), Failure> {
    let corpus = crate::load(root)?;
    let mut s = String::new();
    for d in corpus.iter() {
        let _ = writeln!(
            s,
            "{:<24} {:<9} {:>6} chars  {:>4} entities  {:>3} claims  {:>3} stances  {}",
            d.id(),
            d.record().genre.as_str(),
            d.text_index().len_chars(),
            d.entities().len(),
            d.claims().len(),
            d.stances().len(),
            d.title().unwrap_or("(no headline)")
        );
    }
    crate::output::stdout(s.as_bytes())
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Layer {
    Entities,
    Claims,
    Stance,
    Regions,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// Document id (see `crocus list`).
    id: String,
    /// The layer whose spans are marked.
    #[arg(long, value_enum, default_value_t = Layer::Entities)]
    layer: Layer,
    /// Leave boilerplate out.
    #[arg(long)]
    body: bool,
}

pub fn show(args: &ShowArgs, root: &Option<PathBuf>, color: ColorChoice) -> Result<(), Failure> {
    let corpus = crate::load(root)?;
    let Some(doc) = corpus.document(&args.id) else {
        let ids: Vec<&str> = corpus.iter().map(|d| d.id()).collect();
        return Err(Failure::usage(format!("no document `{}`; the ids are: {}", args.id, ids.join(", "))));
    };
    let color = crate::output::color_enabled(color);
    // Markers: (position, order, text). Closings sort before openings at the same position.
    let mut marks: Vec<(usize, u8, std::cmp::Reverse<usize>, String)> = Vec::new();
    let (open, close) =
        if color { ("\x1b[1;36m".to_string(), "\x1b[0m".to_string()) } else { (String::new(), String::new()) };
    match args.layer {
        Layer::Entities => {
            for m in doc.entities() {
                let link = m.entity.clone().or_else(|| m.value.as_ref().map(|v| v.display())).unwrap_or_default();
                marks.push((m.start, 1, std::cmp::Reverse(m.end), format!("{open}[")));
                marks.push((m.end, 0, std::cmp::Reverse(m.start), format!("]{{{} {link}}}{close}", m.label)));
            }
        }
        Layer::Claims => {
            for c in doc.claims() {
                marks.push((c.start, 1, std::cmp::Reverse(c.end), format!("{open}⟦{}:", c.id)));
                let verdict = verdict::of_claim(&corpus, doc, c).map(|j| format!(" {}", j.verdict)).unwrap_or_default();
                let prop = c
                    .proposition
                    .as_ref()
                    .map(|p| format!(" {p}={}{verdict}", c.value.as_ref().map(|v| v.display()).unwrap_or_default()));
                marks.push((
                    c.end,
                    0,
                    std::cmp::Reverse(c.start),
                    format!("⟧{}{{{}{}}}{close}", c.id, c.claimer.display(), prop.unwrap_or_default()),
                ));
            }
        }
        Layer::Stance => {
            for s in doc.stances() {
                marks.push((s.start, 1, std::cmp::Reverse(s.end), format!("{open}⟦{}:", s.id)));
                marks.push((
                    s.end,
                    0,
                    std::cmp::Reverse(s.start),
                    format!(
                        "⟧{}{{{} {} by {}}}{close}",
                        s.id,
                        s.label.as_str(),
                        s.target.display(),
                        s.holder.display()
                    ),
                ));
            }
        }
        Layer::Regions => {
            for r in doc.regions() {
                marks.push((
                    r.start,
                    1,
                    std::cmp::Reverse(r.end),
                    format!(
                        "{open}<{}{}>{close}",
                        r.kind.as_str(),
                        r.article.map(|a| format!(" {a}")).unwrap_or_default()
                    ),
                ));
            }
        }
    }
    // Closings before openings at one position; inner spans close first and open last; of two
    // spans with the same extent, the one opened first closes last.
    let order: Vec<usize> = {
        let mut idx: Vec<usize> = (0..marks.len()).collect();
        idx.sort_by_key(|&i| {
            let m = &marks[i];
            let tie = if m.1 == 1 { i } else { usize::MAX - i };
            (m.0, m.1, m.2, tie)
        });
        idx
    };
    let marks: Vec<_> = order.into_iter().map(|i| marks[i].clone()).collect();
    let mut out = String::new();
    let mut mi = 0;
    let dim = |s: &str| if color { format!("\x1b[2m{s}\x1b[0m") } else { s.to_string() };
    for (cp, ch) in doc.text().chars().enumerate() {
        while mi < marks.len() && marks[mi].0 == cp {
            out.push_str(&marks[mi].3);
            mi += 1;
        }
        let boiler = doc.region_at(cp).is_some_and(|r| r.kind == RegionKind::Boilerplate);
        if boiler && args.body {
            continue;
        }
        if boiler && color {
            out.push_str(&dim(&ch.to_string()));
        } else {
            out.push(ch);
        }
    }
    while mi < marks.len() {
        out.push_str(&marks[mi].3);
        mi += 1;
    }
    out.push('\n');
    if matches!(args.layer, Layer::Entities) {
        out.push_str(&entity_links(&corpus, doc, color));
    }
    crate::output::stdout(out.as_bytes())
}

/// The entities the document names, each with its Wikipedia article (a terminal hyperlink when
/// colour is on), or `-` where none is linked.
fn entity_links(corpus: &crocus_corpus::Corpus, doc: &crocus_corpus::Document, color: bool) -> String {
    let ids: std::collections::BTreeSet<&str> = doc.entities().iter().filter_map(|m| m.entity.as_deref()).collect();
    let mut s = String::from("\nentities:\n");
    let width = ids.iter().map(|i| i.chars().count()).max().unwrap_or(0);
    for id in ids {
        let Some(e) = corpus.entity(id) else { continue };
        let link = match &e.wikipedia {
            // OSC 8: the name is a link in terminals that support it.
            Some(w) if color => format!("\x1b]8;;{}\x1b\\{}\x1b]8;;\x1b\\", w.url, w.url),
            Some(w) => w.url.clone(),
            None => "-".into(),
        };
        let _ = writeln!(s, "  {id:<width$}  {link}");
    }
    s
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
    Markdown,
}

#[derive(clap::Args)]
pub struct StatsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    format: StatsFormat,
}

pub fn stats(args: &StatsArgs, root: &Option<PathBuf>) -> Result<(), Failure> {
    let corpus = crate::load(root)?;
    let mut stats = Stats::of(&corpus);
    stats.entities_off_tokens = Some(crocus_corpus::segment::off_token_mentions(&corpus).len());
    let s = match args.format {
        StatsFormat::Table => stats.table(),
        StatsFormat::Markdown => stats.markdown(),
        StatsFormat::Json => serde_json::to_string_pretty(&stats).expect("stats serialize") + "\n",
    };
    crate::output::stdout(s.as_bytes())
}

#[derive(clap::Args)]
pub struct SchemaArgs {
    /// Schema name (manifest, annotation, entities, propositions, targets); omit to list them.
    name: Option<String>,
}

pub fn schema(args: &SchemaArgs) -> Result<(), Failure> {
    match &args.name {
        None => {
            let mut s = String::new();
            for k in FileKind::ALL {
                let _ = writeln!(s, "{}", k.schema_file().trim_end_matches(".schema.json"));
            }
            crate::output::stdout(s.as_bytes())
        }
        Some(name) => match schema::by_name(name) {
            Some(text) => crate::output::stdout(text.as_bytes()),
            None => Err(Failure::usage(format!("no schema `{name}`; run `crocus schema` to list them"))),
        },
    }
}
