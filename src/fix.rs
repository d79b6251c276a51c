//! Fixes as data: the byte-range edits that repair a finding, whether they are safe
//! (cannot change what an item means) or guess, and how they are applied to a file's
//! text without touching any other byte.

use serde::Serialize;

/// Whether a fix can change what the item means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Removes quotes, trims, lowercases a domain...: `--fix` applies it.
    Safe,
    /// Guesses (a did-you-mean, `Z` for a missing offset, `https`): only with
    /// `--unsafe-fixes`.
    Unsafe,
}

/// Replace the bytes `start..end` of the file with `content`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub content: String,
}

/// A repair: its edits (non-overlapping, in order) and how sure it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(edits: Vec<Edit>) -> Self {
        Fix {
            applicability: Applicability::Safe,
            edits,
        }
    }

    pub fn guess(edits: Vec<Edit>) -> Self {
        Fix {
            applicability: Applicability::Unsafe,
            edits,
        }
    }

    /// One edit.
    pub fn replace(
        applicability: Applicability,
        start: usize,
        end: usize,
        content: impl Into<String>,
    ) -> Self {
        Fix {
            applicability,
            edits: vec![Edit {
                start,
                end,
                content: content.into(),
            }],
        }
    }

    fn start(&self) -> usize {
        self.edits.first().map_or(0, |e| e.start)
    }

    fn end(&self) -> usize {
        self.edits.last().map_or(0, |e| e.end)
    }
}

/// Applies the fixes that fit together: in order of position, a fix that overlaps one
/// already taken waits for the next round (the file is checked again after). Returns
/// the new text and how many fixes were applied.
pub fn apply<'f>(text: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes
        .into_iter()
        .filter(|fix| {
            fix.edits.iter().all(|e| {
                e.start <= e.end
                    && e.end <= text.len()
                    && text.is_char_boundary(e.start)
                    && text.is_char_boundary(e.end)
            }) && fix.edits.windows(2).all(|w| w[0].end <= w[1].start)
        })
        .collect();
    fixes.sort_by_key(|fix| (fix.start(), fix.end()));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for fix in fixes {
        // An insertion at the very place another edit ended still overlaps it in meaning.
        if fix.start() < at || (applied > 0 && fix.start() == at && fix.end() == at) {
            continue;
        }
        for edit in &fix.edits {
            out.push_str(&text[at..edit.start]);
            out.push_str(&edit.content);
            at = edit.end;
        }
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order_and_overlaps_wait() {
        let text = "quality: \"21\"\ntitle: \" A \"\n";
        let unquote = Fix::replace(Applicability::Safe, 9, 13, "21");
        let overlapping = Fix::replace(Applicability::Safe, 10, 12, "22");
        let trim = Fix::replace(Applicability::Safe, 21, 26, "\"A\"");
        let (out, applied) = apply(text, [&trim, &overlapping, &unquote]);
        assert_eq!(out, "quality: 21\ntitle: \"A\"\n");
        assert_eq!(applied, 2);
    }

    #[test]
    fn an_edit_outside_the_text_or_inside_a_character_is_dropped() {
        let text = "名前";
        let inside = Fix::replace(Applicability::Safe, 1, 2, "x");
        let outside = Fix::replace(Applicability::Safe, 5, 9, "x");
        assert_eq!(apply(text, [&inside, &outside]), (text.to_owned(), 0));
    }
}
