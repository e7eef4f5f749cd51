//! The policylens command line: glue between files and the core library.

mod csv;
mod facts;
mod input;
mod pages;
mod segments;
mod train;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use segments::Selection;

const USAGE: &str = "usage:
  policylens analyze [--url URL] [--json] FILE|-
  policylens read [--url URL] FILE|-          (the page as read: title, lang, blocks; JSON)
  policylens shared-js                         (extension/generated/shared.js, from the core)
  policylens eval segments --data CSV [--split NAME[,NAME]] [--lang L]
  policylens eval segments --data CSV [--data CSV]... [--split NAME[,NAME]] [--lang L] --cv K
  policylens eval pages --manifest CSV [--cv K]
  policylens eval facts --data CSV --pages DIR [--split NAME] [--show-errors]
  policylens train --data CSV [--data CSV]... [--split NAME[,NAME]] [--lang L] [--out DIR]
                   [--check] [--report NAME]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("policylens: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["analyze", rest @ ..] => analyze(rest),
        ["read", rest @ ..] => {
            let options = Options::parse(rest, &["--url"], &[])?;
            let [file] = options.positional.as_slice() else {
                return Err(format!("read needs exactly one FILE or -\n{USAGE}"));
            };
            print_json(&input::read_page(file, options.value("--url"))?)
        }
        ["eval", "segments", rest @ ..] => {
            let options = Options::parse(rest, &["--data", "--split", "--lang", "--cv"], &[])?;
            let segments_args = SegmentsArgs::parse(&options)?;
            let (data, selection) = (&segments_args.data, segments_args.selection());
            match options.value("--cv") {
                Some(folds) => {
                    let folds = parse_folds(folds)?;
                    let dir = lexicon_dir(&options, selection.lang);
                    let curated = train::read_curated(Path::new(&dir))?;
                    print_json(&segments::cross_validated(
                        data, selection, folds, &curated,
                    )?)
                }
                None => match data.as_slice() {
                    [data] => print_json(&segments::eval(data, selection)?),
                    _ => Err(format!(
                        "eval segments takes one --data without --cv\n{USAGE}"
                    )),
                },
            }
        }
        ["eval", "facts", rest @ ..] => {
            let options =
                Options::parse(rest, &["--data", "--pages", "--split"], &["--show-errors"])?;
            print_json(&facts::eval(
                options.required("--data")?,
                options.required("--pages")?,
                options.value("--split"),
                options.flag("--show-errors"),
            )?)
        }
        ["eval", "pages", rest @ ..] => {
            let options = Options::parse(rest, &["--manifest", "--cv"], &[])?;
            let manifest = options.required("--manifest")?;
            match options.value("--cv") {
                Some(folds) => print_json(&pages::cross_validated(manifest, parse_folds(folds)?)?),
                None => print_json(&pages::eval(manifest)?),
            }
        }
        ["train", rest @ ..] => {
            let options = Options::parse(
                rest,
                &["--data", "--split", "--lang", "--out", "--report"],
                &["--check"],
            )?;
            let segments_args = SegmentsArgs::parse(&options)?;
            let (data, selection) = (&segments_args.data, segments_args.selection());
            let dir = lexicon_dir(&options, selection.lang);
            let done = train::run(
                data,
                selection,
                &dir,
                options.flag("--check"),
                options.value("--report"),
            )?;
            eprintln!("{done}");
            Ok(())
        }
        ["shared-js"] => write_stdout(policylens::shared::javascript().trim_end()),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown command\n{USAGE}")),
    }
}

/// The `--data`, `--split` and `--lang` options of `eval segments` and `train`.
struct SegmentsArgs<'a> {
    data: Vec<&'a str>,
    splits: Option<Vec<&'a str>>,
    lang: &'a str,
}

impl<'a> SegmentsArgs<'a> {
    fn parse(options: &Options<'a>) -> Result<SegmentsArgs<'a>, String> {
        let data = options.all("--data");
        if data.is_empty() {
            return Err(format!("--data is required\n{USAGE}"));
        }
        Ok(SegmentsArgs {
            data,
            splits: options.list("--split"),
            lang: options.value("--lang").unwrap_or("en"),
        })
    }

    fn selection(&self) -> Selection<'_> {
        Selection {
            splits: self.splits.as_deref(),
            lang: self.lang,
        }
    }
}

fn parse_folds(folds: &str) -> Result<usize, String> {
    folds
        .parse()
        .map_err(|_| format!("--cv needs a number of folds, not {folds}"))
}

/// The lexicon folder: `--out`, or `lexicon/<lang>`.
fn lexicon_dir(options: &Options, lang: &str) -> String {
    options
        .value("--out")
        .map_or_else(|| format!("lexicon/{lang}"), str::to_string)
}

fn analyze(args: &[&str]) -> Result<(), String> {
    let options = Options::parse(args, &["--url"], &["--json"])?;
    let [file] = options.positional.as_slice() else {
        return Err(format!("analyze needs exactly one FILE or -\n{USAGE}"));
    };
    let page = input::read_page(file, options.value("--url"))?;
    let report = policylens::analyze(&page);
    if options.flag("--json") {
        print_json(&report)
    } else {
        print_text(&report)
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), String> {
    let json = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    write_stdout(&json)
}

fn write_stdout(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth reporting.
    match writeln!(out, "{text}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(()),
    }
}

fn print_text(report: &policylens::Report) -> Result<(), String> {
    let d = &report.detection;
    let mut out = format!(
        "Kind: {} (score {:.2}; {})\n",
        d.kind.as_str(),
        d.score,
        d.signals.join(", ")
    );
    if !d.is_policy {
        out.push_str("Not a privacy or cookie policy.\n");
        return write_stdout(out.trim_end());
    }
    if let Some(grade) = report.grade {
        out.push_str(&format!("Grade: {grade} ({})\n", report.headline));
    }
    for reason in &report.grade_reasons {
        out.push_str(&format!(
            "  {:+} {} (clauses {:?})\n",
            reason.points, reason.rule, reason.clauses
        ));
    }
    out.push_str("\nSummary:\n");
    for line in &report.summary {
        out.push_str(&format!("  - {line}\n"));
    }
    out.push_str("\nCategories:\n");
    for category in report.categories.iter().filter(|c| !c.clauses.is_empty()) {
        out.push_str(&format!(
            "  {}: {} {}\n",
            category.label,
            category.summary,
            format_args!("{:?}", category.clauses)
        ));
    }
    if report.truncated {
        out.push_str(
            "\nThe page was longer than policylens reads; only its beginning was analysed.\n",
        );
    }
    write_stdout(out.trim_end())
}

/// Parsed `--name value` options, `--flag`s and positional arguments.
struct Options<'a> {
    values: Vec<(&'a str, &'a str)>,
    flags: Vec<&'a str>,
    positional: Vec<&'a str>,
}

impl<'a> Options<'a> {
    fn parse(args: &[&'a str], valued: &[&str], flags: &[&str]) -> Result<Options<'a>, String> {
        let mut options = Options {
            values: Vec::new(),
            flags: Vec::new(),
            positional: Vec::new(),
        };
        let mut iter = args.iter();
        while let Some(&arg) = iter.next() {
            if valued.contains(&arg) {
                let value = iter.next().ok_or_else(|| format!("{arg} needs a value"))?;
                options.values.push((arg, value));
            } else if flags.contains(&arg) {
                options.flags.push(arg);
            } else if arg.starts_with("--") {
                return Err(format!("unknown option {arg}\n{USAGE}"));
            } else {
                options.positional.push(arg);
            }
        }
        Ok(options)
    }

    fn value(&self, name: &str) -> Option<&'a str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    /// Every value given for a repeatable option, in order.
    fn all(&self, name: &str) -> Vec<&'a str> {
        self.values
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .collect()
    }

    /// A comma-separated option as a list.
    fn list(&self, name: &str) -> Option<Vec<&'a str>> {
        self.value(name).map(|v| v.split(',').collect())
    }

    fn required(&self, name: &str) -> Result<&'a str, String> {
        self.value(name)
            .ok_or_else(|| format!("{name} is required\n{USAGE}"))
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }
}
