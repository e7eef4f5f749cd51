//! Does the company sell personal data? Sale words whose object is data, negation-aware;
//! transactions (mergers, selling products) and opt-out wording are no statement.

use super::negation::Negation;
use super::table::Table;
use super::{floor_boundary, Cue, PassBuilder, Scan, Sentence, Votes};
use crate::report::Answer;

pub struct Sale {
    /// Cue bit of the substrings without which a sentence cannot be about selling.
    prefilter: u128,
    /// Cue bit of "sale" and "sell".
    sale_or_sell: u128,
    sell: Cue,
    sell_object: Cue,
    sell_exclude: Cue,
    not_sale: Cue,
    scope_narrow: Cue,
    sale_deemed: Cue,
    do_not_sell_link: Cue,
    sale_opt_out: Cue,
}

impl Sale {
    pub fn new(table: &Table<'static>, pass: &mut PassBuilder) -> Result<Sale, String> {
        Ok(Sale {
            prefilter: pass.any_of(&table.values("prefilter")?)?,
            sale_or_sell: pass.any_of(&["sale", "sell"])?,
            sell: pass.cue(table.words("sell")?)?,
            sell_object: pass.cue(table.words("sell_object")?)?,
            sell_exclude: pass.cue(table.pattern("sell_exclude")?)?,
            not_sale: pass.cue(table.pattern("not_sale")?)?,
            scope_narrow: pass.cue(table.pattern("scope_narrow")?)?,
            sale_deemed: pass.cue(table.pattern("sale_deemed")?)?,
            do_not_sell_link: pass.cue(table.pattern("do_not_sell_link")?)?,
            sale_opt_out: pass.cue(table.pattern("sale_opt_out")?)?,
        })
    }

    pub fn scan(&self, s: &Sentence, negation: &Negation, scan: &mut Scan) {
        let lower = s.lower;
        if s.cues & self.prefilter == 0 {
            return;
        }
        // Opt-out wording ("Do Not Sell My ...", "opt out of the sale") is not itself a
        // statement; the sale cues inside it are skipped.
        let mut spans = Vec::new();
        for m in self.do_not_sell_link.find_iter(s, lower) {
            spans.push((m.start(), m.end()));
            if !scan.do_not_sell_link.contains(&s.clause) {
                scan.do_not_sell_link.push(s.clause);
            }
        }
        if s.cues & self.sale_or_sell != 0 {
            for m in self.sale_opt_out.find_iter(s, lower) {
                spans.push((m.start(), m.end() + 40));
                if !scan.sale_opt_out.contains(&s.clause) {
                    scan.sale_opt_out.push(s.clause);
                }
            }
        }
        if let Some(m) = self.sale_deemed.find(s, lower) {
            scan.sells
                .add(!negation.negated(lower, m.start()), s.clause);
            return;
        }
        let mut vote = None;
        for m in self.sell.find_iter(s, lower) {
            // "Federal Trade Commission" is no trade in data.
            let capital = s.text.as_bytes()[m.start()].is_ascii_uppercase();
            let near = &lower[floor_boundary(lower, m.start().saturating_sub(150))
                ..floor_boundary(lower, (m.end() + 60).min(lower.len()))];
            if spans.iter().any(|&(a, b)| m.start() >= a && m.start() <= b)
                || capital && m.as_str().starts_with("trad")
                || self.not_sale.is_match(s, &lower[m.start()..])
                || self.sell_exclude.is_match(s, near)
            {
                continue;
            }
            let after = &lower[m.start()..floor_boundary(lower, lower.len().min(m.end() + 80))];
            let before_start = floor_boundary(lower, m.start().saturating_sub(60));
            let before = &lower[before_start..m.start()];
            if !self.sell_object.is_match(s, after) && !self.sell_object.is_match(s, before) {
                continue;
            }
            let yes = !s.lead_in_negated && !negation.negated(lower, m.start());
            let narrowed =
                self.scope_narrow.is_match(s, after) || self.scope_narrow.is_match(s, before);
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
