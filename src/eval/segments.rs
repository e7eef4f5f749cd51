//! Segment classification by the shipped lexicon, scored per category.

use crate::category::Category;
use crate::classify::Classifier;
use crate::lexicon::Lexicon;
use crate::train::evaluate;
use crate::train::metrics::Metrics;
use crate::train::Example;

/// The categories every example is labelled for (all, or MAPP's two).
pub fn labelled_categories(examples: &[Example]) -> Vec<Category> {
    Category::ALL
        .into_iter()
        .filter(|c| examples.iter().all(|e| e.labelled[c.index()]))
        .collect()
}

/// The shipped lexicon of `lang` on `examples`, over the categories they are labelled for.
pub fn shipped(examples: &[Example], lang: &str) -> Result<Metrics, String> {
    let lexicon = Lexicon::shipped_for(lang)
        .ok_or_else(|| format!("no lexicon is shipped for lang `{lang}`"))?;
    let classifier = Classifier::new(&lexicon);
    Ok(evaluate(
        &classifier,
        examples,
        &labelled_categories(examples),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapp_style_examples_are_labelled_for_two_categories() {
        let full = Example::new(
            "a",
            "We keep your data for a year.",
            &[Category::DataRetention],
        );
        let two = [Category::FirstPartyCollection, Category::ThirdPartySharing];
        let mapp = Example::labelled_for("b", "We collect your email.", &two[..1], &two);
        assert_eq!(
            labelled_categories(std::slice::from_ref(&full)),
            Category::ALL.to_vec()
        );
        assert_eq!(labelled_categories(&[full, mapp]), two.to_vec());
    }
}
