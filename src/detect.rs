//! Is this page a privacy policy, a cookie policy, terms of service, or something else?

use crate::category::Category;
use crate::classify::Labels;
use crate::page::Page;
use crate::report::{Detection, Kind};
use crate::text::{fold, Segment};

/// Score at or above which a page counts as a policy.
const POLICY_THRESHOLD: f32 = 0.5;

/// Decides the kind of a page from its URL, title, headings and classified clauses.
pub struct Detector;

impl Detector {
    pub fn new() -> Detector {
        Detector
    }

    pub fn detect(&self, page: &Page, segments: &[Segment], labels: &[Labels]) -> Detection {
        let mut signals = Vec::new();
        let mut score = 0.0f32;
        let url = page.url.to_lowercase();
        let title = fold(&page.title);
        let headings: String = page
            .blocks
            .iter()
            .filter(|b| b.is_heading())
            .map(|b| fold(&b.text))
            .collect();
        let words: usize = segments
            .iter()
            .map(|s| s.text.split_whitespace().count())
            .sum();

        if url.contains("privacy") || url.contains("datenschutz") || url.contains("confidentialite")
        {
            score += 0.25;
            signals.push("url:privacy".to_string());
        }
        if title.contains(" privacy ") {
            score += 0.2;
            signals.push("title:privacy".to_string());
        }
        let cookie_title = title.contains(" cookie policy ")
            || title.contains(" cookies policy ")
            || url.contains("cookie");
        let terms_title =
            title.contains(" terms ") || url.contains("terms") || url.contains("/tos");
        if headings.contains(" privacy ") || headings.contains(" personal information ") {
            score += 0.15;
            signals.push("headings:privacy".to_string());
        }
        let practice = labels
            .iter()
            .filter(|l| l.categories.iter().any(|&c| c != Category::Other))
            .count();
        let share = if segments.is_empty() {
            0.0
        } else {
            practice as f32 / segments.len() as f32
        };
        if words >= 150 && share >= 0.3 {
            score += 0.5 * share.min(0.8) / 0.8;
            signals.push(format!("text:policy_share={share:.2}"));
        }
        if words < 150 {
            score *= 0.5;
            signals.push("text:short".to_string());
        }
        let score = score.min(1.0);
        let kind = if score < POLICY_THRESHOLD {
            if terms_title {
                Kind::Terms
            } else {
                Kind::Other
            }
        } else if cookie_title && !title.contains(" privacy ") {
            Kind::CookiePolicy
        } else if terms_title && !title.contains(" privacy ") {
            Kind::Terms
        } else {
            Kind::PrivacyPolicy
        };
        Detection {
            is_policy: matches!(kind, Kind::PrivacyPolicy | Kind::CookiePolicy),
            kind,
            score: (score * 1000.0).round() / 1000.0,
            signals,
        }
    }
}

impl Default for Detector {
    fn default() -> Self {
        Detector::new()
    }
}
