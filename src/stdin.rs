//! Standard input (`newsval check -`): each `-` is one file, checked on its own and then
//! compared with the walked files by `duplicate-item`.

use crate::diagnostic::Diagnostic;
use crate::rules::corpus::OriginalUrl;
use crate::{Input, Settings, check, read, yaml};

/// The standard inputs of a run, by their shown name.
pub(crate) struct Stdin<'i> {
    inputs: Vec<(&'i String, &'i Vec<u8>)>,
}

impl<'i> Stdin<'i> {
    pub(crate) fn of(inputs: &'i [Input]) -> Self {
        let inputs = inputs
            .iter()
            .filter_map(|i| match i {
                Input::Bytes { name, bytes } => Some((name, bytes)),
                Input::Path(_) => None,
            })
            .collect();
        Stdin { inputs }
    }

    pub(crate) fn len(&self) -> usize {
        self.inputs.len()
    }

    pub(crate) fn names(&self) -> impl Iterator<Item = String> + '_ {
        self.inputs.iter().map(|&(name, _)| name.clone())
    }

    /// Checks each input into `diagnostics`; returns the hash of each valid originalUrl
    /// with the input's index, for `duplicate-item`.
    pub(crate) fn check(
        &self,
        settings: &Settings,
        arena: &mut yaml::Arena,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<(u64, usize)> {
        let mut urls = Vec::new();
        for (index, &(name, bytes)) in self.inputs.iter().enumerate() {
            let limit = settings.config.size_limit;
            // Standard input is read only up to one byte past the limit.
            let outcome = if bytes.len() as u64 > limit {
                check::read_failure(name, &read::over_limit(limit), settings)
            } else {
                check::check_bytes(name, bytes, settings, arena)
            };
            urls.extend(crate::identity::url_hash(&outcome).map(|hash| (hash, index)));
            diagnostics.extend(outcome.diagnostics);
        }
        urls
    }

    /// The originalUrl details of the inputs at `indexes`.
    pub(crate) fn original_urls(
        &self,
        indexes: &[usize],
        settings: &Settings,
        arena: &mut yaml::Arena,
    ) -> Vec<OriginalUrl> {
        indexes
            .iter()
            .filter_map(|&index| {
                let &(name, bytes) = self.inputs.get(index)?;
                check::original_url(name, bytes, settings, arena)
            })
            .collect()
    }
}
