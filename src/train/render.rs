//! The lexicon files a trained lexicon is written as: one per category (curated lines first,
//! verbatim, then the learned phrases by weight), `bias.tsv` and `context.tsv`.

use std::collections::BTreeMap;

use super::Trained;
use crate::category::Category;
use crate::lexicon::CONTEXT_OFFSETS;

impl Trained {
    /// File name -> text; `source` names the training data in the files' header line.
    pub fn render(&self, source: &str) -> BTreeMap<String, String> {
        let lexicon = &self.lexicon;
        let mut files = BTreeMap::new();
        for category in Category::ALL {
            let c = category.index();
            let mut text = format!(
                "# phrase\tweight\tsource (see CRITERIA.md). Learned lines: `policylens train` on \
                 {source}; do not edit them by hand, edit or add curated lines.\n"
            );
            for line in &self.curated.lines[c] {
                text.push_str(line);
                text.push('\n');
            }
            for (phrase, weight) in &self.learned[c] {
                text.push_str(&format!("{phrase}\t{weight}\tlearned\n"));
            }
            files.insert(format!("{}.tsv", category.id()), text);
        }
        let mut bias =
            String::from("# category\tbias\tthreshold (written by `policylens train`)\n");
        for category in Category::ALL {
            let c = category.index();
            bias.push_str(&format!(
                "{}\t{}\t{}\n",
                category.id(),
                lexicon.bias[c],
                lexicon.threshold[c]
            ));
        }
        files.insert("bias.tsv".to_string(), bias);
        let mut context = String::from(
            "# category\toffset\tweight (written by `policylens train`): the share of the phrase \
             evidence (score minus bias) of the clause at that offset added to a clause's score\n",
        );
        for category in Category::ALL {
            for (k, offset) in CONTEXT_OFFSETS.into_iter().enumerate() {
                context.push_str(&format!(
                    "{}\t{offset}\t{}\n",
                    category.id(),
                    lexicon.context[category.index()][k]
                ));
            }
        }
        files.insert("context.tsv".to_string(), context);
        files
    }
}
