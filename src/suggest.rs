//! Did-you-mean: the known name a misspelt one most likely meant, for keys, values,
//! rule ids and config options alike.

/// The candidate a misspelt `word` most likely meant, if any is close enough.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let folded = fold(word);
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        if fold(candidate) == folded {
            return Some(candidate);
        }
        let score = strsim::jaro_winkler(&word.to_lowercase(), &candidate.to_lowercase());
        if score >= 0.82 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Case, `_`, `-` and spaces do not matter when guessing what a key meant.
fn fold(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}
