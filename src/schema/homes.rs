//! Where a key that is unknown in one mapping does belong: "`domain` belongs in
//! provider", derived from the schema's own layout.

use super::def::{Schema, Ty};

/// The first place, nearest the root, whose mapping declares `name`: the top level, a
/// field's mapping, or each item of a list.
pub(crate) fn home(schema: &Schema, name: &str) -> Option<String> {
    let root = schema.root();
    if root.field(name).is_some() {
        return Some("the top level of the frontmatter".to_owned());
    }
    root.fields.iter().find_map(|field| {
        let (id, place) = match &field.ty {
            Ty::Object(id) => (*id, field.name.clone()),
            Ty::List(list) => match list.items {
                Ty::Object(id) => (id, format!("each item of `{}`", field.name)),
                _ => return None,
            },
            _ => return None,
        };
        schema.object(id).field(name).map(|_| place)
    })
}
