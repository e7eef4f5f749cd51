//! Data collected: data types (facts/<lang>/data_types.tsv) named where the sentence, or the
//! list lead-in or heading above it, says they are collected.

use crate::pattern::Pattern;

use super::negation::Negation;
use super::table::Table;
use super::{note, Cue, Pass, PassBuilder, Phrases, Scan, Sentence};
use crate::text::Segment;

pub struct DataTypes {
    /// The data type of each phrase (`Phrases::DataTerms` in the pass); `None` blocks a
    /// look-alike ("domain name").
    ids: Vec<Option<&'static str>>,
    collect_verb: Cue,
    collect_heading: Pattern,
    other_actor: Cue,
}

impl DataTypes {
    pub fn new(
        types: &Table<'static>,
        collection: &Table<'static>,
        pass: &mut PassBuilder,
    ) -> Result<DataTypes, String> {
        pass.phrases(
            Phrases::DataTerms,
            types.lines.iter().map(|l| l.value),
            false,
        );
        Ok(DataTypes {
            ids: types
                .lines
                .iter()
                .map(|l| (l.key != "-").then_some(l.key))
                .collect(),
            collect_verb: pass.cue(collection.words("collect_verb")?)?,
            collect_heading: collection.pattern("collect_heading")?,
            other_actor: pass.cue(collection.pattern("other_actor")?)?,
        })
    }

    /// What a list item inherits: `Some(yes)` from a lead-in with a collection verb ("We
    /// collect:" / "We do not collect:"), `Some(true)` from a collection heading.
    pub fn inherited(
        &self,
        segment: &Segment,
        list_item: bool,
        negation: &Negation,
    ) -> Option<bool> {
        let lead_in = segment
            .lead_in
            .as_deref()
            .map(|l| negation.affirmed(self.collect_verb.pattern(), &l.to_ascii_lowercase()));
        let heading_collects = list_item
            && segment
                .heading
                .as_deref()
                .is_some_and(|h| self.collect_heading.is_match(&h.to_ascii_lowercase()));
        match lead_in {
            Some(Some(affirmed)) => Some(affirmed),
            _ => heading_collects.then_some(true),
        }
    }

    /// Data types named where the sentence (or its list lead-in) says they are collected.
    pub fn scan(
        &self,
        s: &Sentence,
        pass: &Pass,
        inherited: Option<bool>,
        negation: &Negation,
        scan: &mut Scan,
    ) {
        // A list under "We do not collect:" collects nothing.
        if inherited == Some(false) {
            return;
        }
        // Data terms first (from the keyword pass): without one there is nothing to record,
        // and the verb regex need not run.
        let terms: Vec<(usize, &'static str)> = pass
            .words_in(
                s.data_terms,
                s.clause_lower,
                s.span.clone(),
                Phrases::DataTerms,
            )
            .filter_map(|(start, index)| Some((start, self.ids[index]?)))
            .collect();
        let Some(&(last_term, _)) = terms.last() else {
            return;
        };
        // A term's verb is the last one before it, else the first one: the search stops at
        // the first verb after the last term.
        let mut verbs: Vec<usize> = Vec::new();
        for m in self.collect_verb.find_iter(s, s.lower) {
            let before = m.start() < last_term;
            if before || verbs.is_empty() {
                verbs.push(m.start());
            }
            if !before {
                break;
            }
        }
        if verbs.is_empty() && (s.question || inherited.is_none()) {
            return;
        }
        // Whether a verb is affirmed, worked out only for verbs that govern a term.
        let mut affirmed: Vec<Option<bool>> = vec![None; verbs.len()];
        for (start, id) in terms {
            let governing = verbs
                .iter()
                .rposition(|&at| at < start)
                .or((!verbs.is_empty()).then_some(0))
                .map(|v| {
                    *affirmed[v].get_or_insert_with(|| {
                        !negation.negated(s.lower, verbs[v])
                            && !self.other_actor.is_match(s, &s.lower[..verbs[v]])
                    })
                });
            if governing.or(inherited).unwrap_or(false) {
                note(&mut scan.data, id, s.clause);
            }
        }
    }
}
