//! Native benchmarks of the core: analysis per policy size, ordinary pages, HTML reading and the
//! one-time automaton build. `POLICYLENS_DATA=../shared/data cargo bench` adds real pages.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use policylens::html::page_from_html;
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

fn bench_analyze(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let mut group = c.benchmark_group("analyze");
    for kb in [5, 20, 50, 500] {
        let page = policy(kb * 1024);
        group.throughput(Throughput::Bytes(page.text_len() as u64));
        group.bench_with_input(
            BenchmarkId::new("policy", format!("{kb}KB")),
            &page,
            |b, page| b.iter(|| analyzer.analyze(black_box(page))),
        );
    }
    let page = article();
    group.throughput(Throughput::Bytes(page.text_len() as u64));
    group.bench_function("article_8KB", |b| {
        b.iter(|| analyzer.analyze(black_box(&page)))
    });
    group.finish();
}

fn bench_build(c: &mut Criterion) {
    c.bench_function("analyzer_build", |b| b.iter(Analyzer::new));
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

/// Real pages from the shared data, when its path is given.
fn bench_real_pages(c: &mut Criterion) {
    let Ok(data) = std::env::var("POLICYLENS_DATA") else {
        return;
    };
    let dir = std::path::Path::new(&data).join("opp115/original_policies");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("POLICYLENS_DATA: no {}", dir.display());
        return;
    };
    let pages: Vec<Page> = entries
        .filter_map(|e| std::fs::read(e.ok()?.path()).ok())
        .map(|bytes| {
            page_from_html(
                &String::from_utf8_lossy(&bytes),
                "https://example.test/privacy",
            )
        })
        .collect();
    let bytes: usize = pages.iter().map(Page::text_len).sum();
    let analyzer = Analyzer::new();
    let mut group = c.benchmark_group("real");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("opp115_{}_policies", pages.len()), |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| analyzer.analyze(black_box(p)).clauses.len())
                .sum::<usize>()
        })
    });
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
