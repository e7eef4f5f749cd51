//! Native benchmarks of the core: detection and analysis per policy size, ordinary pages, HTML
//! reading and the one-time builds (automata, regexes). `POLICYLENS_DATA=../shared/data cargo
//! bench` adds real pages: OPP-115 policies, news articles and product pages.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::io::Read;

use policylens::classify::Classifier;
use policylens::detect::Detector;
use policylens::facts::FactExtractor;
use policylens::read::html::page_from_html;
use policylens::{Analyzer, Block, Page};

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
    Page {
        url: "https://example.test/privacy".into(),
        title: "Privacy Policy".into(),
        lang: "en".into(),
        blocks,
    }
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

/// Reads every `.html` or `.html.gz` file in `dir` into a page.
fn pages_in(dir: &std::path::Path) -> Vec<Page> {
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
            Some(page_from_html(&text, "https://example.test/page"))
        })
        .collect()
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
        let pages = pages_in(&data.join(dir));
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

criterion_group!(
    benches,
    bench_analyze,
    bench_build,
    bench_html,
    bench_real_pages
);
criterion_main!(benches);
