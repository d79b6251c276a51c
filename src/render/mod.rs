//! Output formats: one emitter per format behind one trait, each writing a whole
//! [`Report`] to a writer. Only the binary chooses where the bytes go.

mod human;

use std::io::{self, Write};

pub use human::Human;

use crate::Report;

/// Writes a report in one format.
pub trait Emitter {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
}

/// Chooses the emitter for `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
}

impl Format {
    /// Every format, for tests and fuzzing that must cover them all.
    pub const ALL: &[Format] = &[Format::Human];
}

/// Options every emitter may read.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    pub color: bool,
    /// Problems only: no summary line.
    pub quiet: bool,
}

/// The emitter for a format.
pub fn emitter(format: Format, options: RenderOptions) -> Box<dyn Emitter> {
    match format {
        Format::Human => Box::new(Human { options }),
    }
}

/// "1 error", "2 warnings".
pub(crate) fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}
