//! `policylens train`: reads labelled segments and the curated lines of `lexicon/<lang>/`,
//! trains (`policylens::train`), and writes or checks the lexicon files.

use std::path::Path;

use policylens::classify::Classifier;
use policylens::train::{evaluate, train, Curated, Settings};
use policylens::Category;

use crate::segments::{self, Selection};

/// A file's text; a missing file is empty.
fn read_optional(path: &Path) -> Result<String, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The curated lines of the category files in `dir`.
pub fn read_curated(dir: &Path) -> Result<Curated, String> {
    let mut texts = Vec::new();
    for category in Category::ALL {
        texts.push((
            category,
            read_optional(&dir.join(format!("{}.tsv", category.id())))?,
        ));
    }
    let files: Vec<(Category, &str)> = texts.iter().map(|(c, t)| (*c, t.as_str())).collect();
    Curated::parse(&files).map_err(|e| format!("{}/{e}", dir.display()))
}

/// The training data as the files' header names it: `folder/file` of each data file, and
/// the splits read.
fn describe(data: &[&str], selection: Selection) -> String {
    let files: Vec<String> = data
        .iter()
        .map(|path| {
            let path = Path::new(path);
            let name = |p: Option<&Path>| {
                p.and_then(Path::file_name)
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned())
            };
            format!("{}/{}", name(path.parent()), name(Some(path)))
        })
        .collect();
    let rows = match selection.splits {
        Some(splits) => format!("split {}", splits.join(" + ")),
        None => "all rows".to_string(),
    };
    format!("{} ({rows}, lang {})", files.join(" + "), selection.lang)
}

/// `policylens train --data CSV... [--split NAME[,NAME]] [--lang L] [--out DIR] [--check]
/// [--report NAME]`: `--report` prints the trained lexicon's scores on split NAME of the first
/// file to stderr.
pub fn run(
    data: &[&str],
    selection: Selection,
    dir: &str,
    check: bool,
    report: Option<&str>,
) -> Result<String, String> {
    let dir = Path::new(dir);
    let mut examples = Vec::new();
    for path in data {
        examples.extend(segments::read(path, selection)?);
    }
    let curated = read_curated(dir)?;
    let trained = train(&examples, &curated, &Settings::for_language(selection.lang));
    if let Some(name) = report {
        let splits = [name];
        let rows = segments::read(
            data[0],
            Selection {
                splits: Some(&splits),
                ..selection
            },
        )?;
        let classifier = Classifier::new(trained.lexicon());
        let metrics = evaluate(
            &classifier,
            &rows,
            &policylens::eval::segments::labelled_categories(&rows),
        );
        eprintln!("{}", serde_json::to_string(&metrics).unwrap_or_default());
    }
    let files = trained.render(&describe(data, selection));
    if check {
        let stale: Vec<&str> = files
            .iter()
            .filter(|(name, text)| read_optional(&dir.join(name)).ok().as_ref() != Some(*text))
            .map(|(name, _)| name.as_str())
            .collect();
        return if stale.is_empty() {
            Ok(format!("{}: lexicon is up to date", dir.display()))
        } else {
            Err(format!(
                "{}: lexicon is out of date ({}); run policylens train",
                dir.display(),
                stale.join(", ")
            ))
        };
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, text) in &files {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(format!("wrote {} files to {}", files.len(), dir.display()))
}
