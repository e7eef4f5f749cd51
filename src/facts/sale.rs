//! Does the company sell personal data? Sale words whose object is data, negation-aware;
//! transactions (mergers, selling products) and opt-out wording are no statement.

use crate::pattern::Pattern;

use super::negation::Negation;
use super::table::Table;
use super::{floor_boundary, Scan, Sentence, Votes};
use crate::report::Answer;

pub struct Sale {
    /// Substrings without which a sentence cannot be about selling.
    prefilter: Vec<&'static str>,
    sell: Pattern,
    sell_object: Pattern,
    sell_exclude: Pattern,
    not_sale: Pattern,
    scope_narrow: Pattern,
    sale_deemed: Pattern,
    do_not_sell_link: Pattern,
    sale_opt_out: Pattern,
}

impl Sale {
    pub fn new(table: &Table<'static>) -> Result<Sale, String> {
        Ok(Sale {
            prefilter: table.values("prefilter")?,
            sell: table.words("sell")?,
            sell_object: table.words("sell_object")?,
            sell_exclude: table.pattern("sell_exclude")?,
            not_sale: table.pattern("not_sale")?,
            scope_narrow: table.pattern("scope_narrow")?,
            sale_deemed: table.pattern("sale_deemed")?,
            do_not_sell_link: table.pattern("do_not_sell_link")?,
            sale_opt_out: table.pattern("sale_opt_out")?,
        })
    }

    pub fn scan(&self, s: &Sentence, negation: &Negation, scan: &mut Scan) {
        let lower = &s.lower;
        if !self.prefilter.iter().any(|w| lower.contains(w)) {
            return;
        }
        // Opt-out wording ("Do Not Sell My ...", "opt out of the sale") is not itself a
        // statement; the sale cues inside it are skipped.
        let mut spans = Vec::new();
        for m in self.do_not_sell_link.find_iter(lower) {
            spans.push((m.start(), m.end()));
            if !scan.do_not_sell_link.contains(&s.clause) {
                scan.do_not_sell_link.push(s.clause);
            }
        }
        if lower.contains("sale") || lower.contains("sell") {
            for m in self.sale_opt_out.find_iter(lower) {
                spans.push((m.start(), m.end() + 40));
                if !scan.sale_opt_out.contains(&s.clause) {
                    scan.sale_opt_out.push(s.clause);
                }
            }
        }
        if let Some(m) = self.sale_deemed.find(lower) {
            scan.sells
                .add(!negation.negated(lower, m.start()), s.clause);
            return;
        }
        let mut vote = None;
        for m in self.sell.find_iter(lower) {
            // "Federal Trade Commission" is no trade in data.
            let capital = s.text.as_bytes()[m.start()].is_ascii_uppercase();
            let near = &lower[floor_boundary(lower, m.start().saturating_sub(150))
                ..floor_boundary(lower, (m.end() + 60).min(lower.len()))];
            if spans.iter().any(|&(a, b)| m.start() >= a && m.start() <= b)
                || capital && m.as_str().starts_with("trad")
                || self.not_sale.is_match(&lower[m.start()..])
                || self.sell_exclude.is_match(near)
            {
                continue;
            }
            let after = &lower[m.start()..floor_boundary(lower, lower.len().min(m.end() + 80))];
            let before_start = floor_boundary(lower, m.start().saturating_sub(60));
            let before = &lower[before_start..m.start()];
            if !self.sell_object.is_match(after) && !self.sell_object.is_match(before) {
                continue;
            }
            let yes = !s.lead_in_negated && !negation.negated(lower, m.start());
            let narrowed = self.scope_narrow.is_match(after) || self.scope_narrow.is_match(before);
            // A general statement outweighs a narrowed one in the same sentence; yes
            // outweighs no.
            vote = Some(match vote {
                None => (yes, narrowed),
                Some((y, n)) if n == narrowed => (y || yes, n),
                Some((y, n)) if narrowed => (y, n),
                Some(_) => (yes, narrowed),
            });
        }
        match vote {
            Some((_, true)) => scan.sells.add_narrowed(s.clause),
            Some((yes, false)) => scan.sells.add(yes, s.clause),
            None => {}
        }
    }
}

/// The answer and its clauses. A "Do Not Sell My Personal Information" link is required
/// only of businesses that sell or share personal information (CCPA), so alone it means yes;
/// beside an explicit "we do not sell" it makes the answer unclear. A generic "right to opt
/// out of the sale" in a list of rights, alone, is unclear.
pub fn answer(
    mut sells: Votes,
    do_not_sell_link: &[usize],
    sale_opt_out: Vec<usize>,
) -> (Answer, Vec<usize>) {
    for &clause in do_not_sell_link {
        sells.add(true, clause);
    }
    let (answer, clauses) = sells.answer();
    if answer == Answer::NotMentioned && !sale_opt_out.is_empty() {
        return (Answer::Unclear, sale_opt_out);
    }
    (answer, clauses)
}
