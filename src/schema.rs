//! The JSON Schema (draft 2020-12) of the frontmatter, for editors (yaml-language-server)
//! and other tools; `newsval schema` prints it.
//!
//! It says what JSON Schema can say: keys, types, required fields, non-blank text,
//! ranges and formats. Checks that need more than one value or real decoding (URL hosts
//! against `provider.domain`, duplicates, base64 lengths in `secured`, dates in the
//! future) stay newsval's; `tests/schema.rs` holds the schema and newsval to the same
//! verdict on every fixture.

/// The schema document, as `newsval schema` prints it.
pub const JSON_SCHEMA: &str = include_str!("schema.json");
