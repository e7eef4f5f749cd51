//! Native benchmarks of the core: detection and analysis per policy size, ordinary pages, HTML
//! reading and the one-time builds (automata, regexes), and full analysis against its limit,
//! one bare Aho-Corasick pass of the lexicon's phrases over the same text, with each stage
//! alone. `POLICYLENS_DATA=../shared/data cargo bench` adds real pages: OPP-115 policies
//! (also as a 50 KB set and one by one against the limit), news articles and product pages.

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{black_box, criterion_group, BenchmarkId, Criterion, Throughput};
use std::io::Read;
use std::time::Instant;

use policylens::classify::Classifier;
use policylens::detect::Detector;
use policylens::facts::FactExtractor;
use policylens::lexicon::Lexicon;
use policylens::read::html::page_from_html;
use policylens::{grade, summary, text, Analyzer, Block, Page};

/// Clauses in the style of real policies, written for this benchmark.
const CLAUSES: &[(&str, &str)] = &[
    ("h2", "Information We Collect"),
    ("p", "We collect information you provide directly to us, such as your name, email address, postal address, phone number and payment information when you create an account or place an order."),
    ("li", "Device information, including your IP address, browser type, operating system and mobile device identifiers."),
    ("li", "Usage information, such as the pages you visit, the links you click and the time spent on our services."),
    ("h2", "How We Use Your Information"),
    ("p", "We use the information we collect to provide, maintain and improve our services, to process transactions and send related information, and to personalise your experience."),
    ("h2", "Sharing of Information"),
    ("p", "We may share your information with vendors, consultants and service providers who need access to it to carry out work on our behalf. We do not sell, rent or lease your personal information to third parties."),
    ("p", "We may share information with advertising partners such as Google AdSense and DoubleClick to show you ads tailored to your interests."),
    ("h2", "Cookies"),
    ("p", "We and our partners use cookies, web beacons and similar technologies, including Google Analytics, to analyse traffic. You can set your browser to refuse cookies."),
    ("h2", "Data Retention"),
    ("p", "We keep account information for as long as your account is active and delete server logs after 13 months."),
    ("h2", "Your Rights"),
    ("p", "You may request access to, correction of, or deletion of your personal data, and you may object to processing or withdraw your consent at any time by contacting privacy@example.test."),
    ("h2", "Children"),
    ("p", "Our services are not directed to children under 13, and we do not knowingly collect personal information from them."),
    ("h2", "Security"),
    ("p", "We use reasonable administrative, technical and physical safeguards, including encryption in transit, to protect your information from unauthorised access."),
    ("h2", "Changes to This Policy"),
    ("p", "We may update this policy from time to time. If we make material changes we will notify you by email before the changes take effect."),
];

/// A privacy-policy page of the given blocks.
fn policy_page(blocks: Vec<Block>) -> Page {
    Page {
        url: "https://example.test/privacy".into(),
        title: "Privacy Policy".into(),
        lang: "en".into(),
        blocks,
    }
}

/// A synthetic policy of about `bytes` bytes of text.
fn policy(bytes: usize) -> Page {
    let mut blocks = vec![
        Block::new("h1", 1, "Privacy Policy"),
        Block::new("p", 0, "Last updated: March 1, 2024"),
    ];
    let mut size = 0;
    while size < bytes {
        for (tag, text) in CLAUSES {
            let level = if tag.starts_with('h') {
                2
            } else {
                u8::from(*tag == "li")
            };
            blocks.push(Block::new(tag, level, *text));
            size += text.len();
        }
    }
    policy_page(blocks)
}

/// An ordinary news-style page of about 8 KB.
fn article() -> Page {
    let paragraph = "The council voted on Tuesday to extend the cycle lane along the river, after a consultation in which most residents backed the plan. Work is expected to start in the spring and last about four months.";
    let mut blocks = vec![
        Block::new("h1", 1, "Council backs riverside cycle lane"),
        Block::new("p", 0, "By A. Reporter, 4 March 2024"),
    ];
    blocks.extend((0..40).map(|_| Block::new("p", 0, paragraph)));
    Page {
        url: "https://news.example.test/local/cycle-lane".into(),
        title: "Council backs riverside cycle lane".into(),
        lang: "en".into(),
        blocks,
    }
}

fn html_of(page: &Page) -> String {
    let mut html = format!(
        "<!doctype html><html><head><title>{}</title></head><body>",
        page.title
    );
    for block in &page.blocks {
        html.push_str(&format!("<{0}>{1}</{0}>", block.tag, block.text));
    }
    html + "</body></html>"
}

/// A product page of about 3 KB: short blocks, prices, few sentences.
fn product() -> Page {
    let mut blocks = vec![
        Block::new("h1", 1, "Trail running shoe, waterproof"),
        Block::new("p", 0, "$129.99"),
        Block::new(
            "p",
            0,
            "Free delivery on orders over $50. Returns within 30 days.",
        ),
    ];
    for (name, value) in [
        ("Weight", "280 g"),
        ("Drop", "6 mm"),
        ("Upper", "Recycled mesh with a waterproof membrane"),
        ("Outsole", "Sticky rubber, 5 mm lugs"),
    ] {
        blocks.push(Block::new("th", 0, name));
        blocks.push(Block::new("td", 0, value));
    }
    blocks.push(Block::new("h2", 2, "Reviews"));
    let review = "Comfortable from the first run and dry after two hours in the rain. Sizing is true to fit.";
    blocks.extend((0..20).map(|_| Block::new("p", 0, review)));
    Page {
        url: "https://shop.example.test/p/trail-shoe".into(),
        title: "Trail running shoe | Example Shop".into(),
        lang: "en".into(),
        blocks,
    }
}

fn bench_analyze(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let mut pages: Vec<(String, Page)> = [5, 20, 50, 500]
        .into_iter()
        .map(|kb| (format!("policy_{kb}KB"), policy(kb * 1024)))
        .collect();
    pages.push(("article_8KB".into(), article()));
    pages.push(("product_3KB".into(), product()));
    for (step, detect_only) in [("detect", true), ("analyze", false)] {
        let mut group = c.benchmark_group(step);
        for (name, page) in &pages {
            group.throughput(Throughput::Bytes(page.text_len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(name), page, |b, page| {
                if detect_only {
                    b.iter(|| analyzer.detect(black_box(page)))
                } else {
                    b.iter(|| analyzer.analyze(black_box(page)))
                }
            });
        }
        group.finish();
    }
}

/// The one-time builds a cold service worker pays before its first analysis.
fn bench_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(20);
    group.bench_function("analyzer", |b| b.iter(Analyzer::new));
    group.bench_function("classifier", |b| b.iter(Classifier::shipped));
    group.bench_function("fact_extractor", |b| b.iter(FactExtractor::new));
    group.bench_function("detector", |b| b.iter(Detector::new));
    group.finish();
}

fn bench_html(c: &mut Criterion) {
    let html = html_of(&policy(50 * 1024));
    let mut group = c.benchmark_group("html");
    group.throughput(Throughput::Bytes(html.len() as u64));
    group.bench_function("read_50KB_policy", |b| {
        b.iter(|| page_from_html(black_box(&html), ""))
    });
    group.finish();
}

/// Reads every `.html` or `.html.gz` file in `dir` into a named page.
fn pages_in(dir: &std::path::Path) -> Vec<(String, Page)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("POLICYLENS_DATA: no {}", dir.display());
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).ok()?;
            let text = if path.extension().is_some_and(|e| e == "gz") {
                let mut text = String::new();
                flate2::read::GzDecoder::new(bytes.as_slice())
                    .read_to_string(&mut text)
                    .ok()?;
                text
            } else {
                String::from_utf8_lossy(&bytes).into_owned()
            };
            let name = path.file_name()?.to_string_lossy().into_owned();
            Some((name, page_from_html(&text, "https://example.test/page")))
        })
        .collect()
}

/// The OPP-115 original policies, when `POLICYLENS_DATA` gives the shared data's path.
fn real_policies() -> Vec<(String, Page)> {
    match std::env::var("POLICYLENS_DATA") {
        Ok(data) => pages_in(&std::path::Path::new(&data).join("opp115/original_policies")),
        Err(_) => Vec::new(),
    }
}

/// Real pages from the shared data, when its path is given.
fn bench_real_pages(c: &mut Criterion) {
    let Ok(data) = std::env::var("POLICYLENS_DATA") else {
        return;
    };
    let data = std::path::Path::new(&data);
    let analyzer = Analyzer::new();
    let mut group = c.benchmark_group("real");
    group.sample_size(10);
    for (name, dir) in [
        ("opp115_policies", "opp115/original_policies"),
        (
            "news_articles",
            "pages/negatives/zyte_article_benchmark/html",
        ),
        (
            "product_pages",
            "pages/negatives/zyte_product_benchmark/dataset/html",
        ),
    ] {
        let pages: Vec<Page> = pages_in(&data.join(dir))
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        if pages.is_empty() {
            continue;
        }
        let bytes: usize = pages.iter().map(Page::text_len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("{name}_{}", pages.len()), |b| {
            b.iter(|| {
                pages
                    .iter()
                    .map(|p| analyzer.analyze(black_box(p)).clauses.len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

/// One bare Aho-Corasick pass of the lexicon's phrases (leftmost-longest) over lower-cased
/// text: the limit the full analysis is measured against (DESIGN.md budget: <= 1.5x).
struct BarePass(AhoCorasick);

impl BarePass {
    fn new() -> BarePass {
        let lexicon = Lexicon::shipped();
        let mut phrases: Vec<&str> = lexicon
            .entries
            .iter()
            .chain(&lexicon.headings)
            .map(|e| e.phrase.as_str())
            .collect();
        phrases.sort_unstable();
        phrases.dedup();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .expect("lexicon phrases build an automaton");
        BarePass(automaton)
    }

    fn run(&self, lowered: &str) -> usize {
        self.0.find_iter(lowered).count()
    }
}

/// The page's block text, lower-cased once, as the bare pass reads it.
fn lowered(page: &Page) -> String {
    let mut text = String::with_capacity(page.text_len() + page.blocks.len());
    for block in &page.blocks {
        text.push_str(&block.text.to_lowercase());
        text.push('\n');
    }
    text
}

/// The blocks of whole real policies, in order, until `bytes` of block text.
fn real_set(policies: &[(String, Page)], bytes: usize) -> Page {
    let mut blocks = Vec::new();
    let mut size = 0;
    for (_, page) in policies {
        if size >= bytes {
            break;
        }
        size += page.text_len();
        blocks.extend(page.blocks.iter().cloned());
    }
    policy_page(blocks)
}

/// Full analysis against the bare pass, and each stage alone, on 50 KB of real and of
/// synthetic policy text.
fn bench_limit(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let bare = BarePass::new();
    let mut sets = vec![("synthetic_50KB".to_string(), policy(50 * 1024))];
    let real = real_policies();
    if !real.is_empty() {
        sets.insert(0, ("real_50KB".to_string(), real_set(&real, 50 * 1024)));
    }
    for (name, page) in &sets {
        let mut group = c.benchmark_group(format!("limit_{name}"));
        group.throughput(Throughput::Bytes(page.text_len() as u64));
        let text = lowered(page);
        group.bench_function("bare_pass", |b| b.iter(|| bare.run(black_box(&text))));
        group.bench_function("analyze", |b| b.iter(|| analyzer.analyze(black_box(page))));
        let segments = text::segment(page);
        group.bench_function("stage_segment", |b| {
            b.iter(|| text::segment(black_box(page)))
        });
        group.bench_function("stage_classify", |b| {
            b.iter(|| analyzer.classifier().classify_page(black_box(&segments)))
        });
        group.bench_function("stage_detect", |b| {
            b.iter(|| analyzer.detector().detect(black_box(page), &segments))
        });
        let extractor = FactExtractor::new();
        group.bench_function("stage_facts", |b| {
            b.iter(|| extractor.extract(black_box(page), &segments))
        });
        let report = analyzer.analyze(page);
        group.bench_function("stage_summary", |b| {
            b.iter(|| {
                let categories = summary::categories(&report.clauses, &report.facts);
                let graded = grade::grade(&report.detection, &report.facts, &categories);
                summary::lines(&report.detection, &report.facts, &graded)
            })
        });
        group.finish();
    }
}

/// Median of `runs` timings of `f`, in seconds.
fn median_secs(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// Full analysis over the bare pass: on the 50 KB sets, and on each real policy on its own.
fn print_limit_ratios() {
    let analyzer = Analyzer::new();
    let bare = BarePass::new();
    let ratio = |page: &Page, runs: usize| {
        let text = lowered(page);
        let full = median_secs(runs, || drop(black_box(analyzer.analyze(page))));
        let limit = median_secs(runs, || {
            black_box(bare.run(&text));
        });
        (full, limit)
    };
    let policies = real_policies();
    println!("\nfull analysis / one bare Aho-Corasick pass of the lexicon (median of runs):");
    let mut sets = vec![("synthetic 50 KB", policy(50 * 1024))];
    if !policies.is_empty() {
        sets.insert(0, ("real 50 KB", real_set(&policies, 50 * 1024)));
    }
    for (name, page) in &sets {
        let (full, limit) = ratio(page, 41);
        println!(
            "  {name}: {:.2} ms / {:.2} ms = {:.1}x",
            full * 1e3,
            limit * 1e3,
            full / limit
        );
    }
    if policies.is_empty() {
        return;
    }
    let mut rows: Vec<(f64, &str, usize)> = policies
        .iter()
        .map(|(name, page)| {
            let (full, limit) = ratio(page, 15);
            (full / limit, name.as_str(), page.text_len())
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let at = |q: f64| rows[((rows.len() - 1) as f64 * q).round() as usize].0;
    println!(
        "  each of {} OPP-115 policies: min {:.1}x  p10 {:.1}x  median {:.1}x  p90 {:.1}x  max {:.1}x",
        rows.len(),
        at(0.0),
        at(0.1),
        at(0.5),
        at(0.9),
        at(1.0)
    );
    for (ratio, name, bytes) in rows.iter().rev().take(3) {
        println!("  slowest: {name} ({bytes} B of text) {ratio:.1}x");
    }
}

criterion_group!(
    benches,
    bench_limit,
    bench_analyze,
    bench_build,
    bench_html,
    bench_real_pages
);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    // `cargo test` runs each benchmark once to check it; the timings are for `cargo bench`.
    if std::env::args().any(|arg| arg == "--bench") {
        print_limit_ratios();
    }
}
