//! `invalid-secured`: the `secured` field is `BASE64;BASE64` — a ciphertext that is a
//! non-empty multiple of 16 bytes, then a 16-byte IV — in standard padded base64.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::{Checker, FieldPath, Rule};
use crate::diagnostic::{Finding, Span};

pub(crate) fn secured(checker: &mut Checker<'_>, value: &str, span: Span, path: &FieldPath<'_>) {
    if let Err(problem) = problem(value) {
        checker.report(
            Finding::new(Rule::InvalidSecured, span, format!("{path} {problem}"))
                .field(path.to_string())
                .help("expected BASE64;BASE64: standard base64 with `=` padding, a ciphertext of 16, 32, 48... bytes, then a 16-byte IV"),
        );
    }
}

fn problem(value: &str) -> Result<(), String> {
    let mut parts = value.split(';');
    let (Some(cipher), Some(iv), None) = (parts.next(), parts.next(), parts.next()) else {
        let count = value.split(';').count();
        return Err(format!(
            "must have two base64 parts separated by one `;`, found {count} part{}",
            if count == 1 { "" } else { "s" }
        ));
    };
    let cipher =
        decoded_len(cipher).map_err(|e| format!("has a first part with {}", base64_problem(&e)))?;
    let iv =
        decoded_len(iv).map_err(|e| format!("has a second part with {}", base64_problem(&e)))?;
    if cipher == 0 || cipher % 16 != 0 {
        return Err(format!(
            "has a first part of {cipher} bytes; expected a non-empty multiple of 16"
        ));
    }
    if iv != 16 {
        return Err(format!(
            "has a second part of {iv} bytes; expected exactly 16"
        ));
    }
    Ok(())
}

/// How many bytes `part` decodes to. Only the length matters, so a usual part decodes
/// into a buffer on the stack instead of a new `Vec` for every file.
fn decoded_len(part: &str) -> Result<usize, base64::DecodeError> {
    let mut buffer = [0u8; 1024];
    match STANDARD.decode_slice(part, &mut buffer) {
        Ok(len) => Ok(len),
        Err(base64::DecodeSliceError::DecodeError(error)) => Err(error),
        Err(base64::DecodeSliceError::OutputSliceTooSmall) => {
            STANDARD.decode(part).map(|v| v.len())
        }
    }
}

/// The base64 crate's error, in the words of someone fixing the file.
fn base64_problem(error: &base64::DecodeError) -> String {
    use base64::DecodeError;
    match error {
        DecodeError::InvalidByte(at, byte) => {
            let c = char::from(*byte);
            let hint = match c {
                '-' | '_' => "; that is URL-safe base64, use `+` and `/` instead",
                '=' => "; `=` may only pad the end",
                c if c.is_whitespace() => "; remove the whitespace",
                _ => "",
            };
            format!(
                "`{}` at character {}, which is not base64{hint}",
                c.escape_default(),
                at + 1
            )
        }
        DecodeError::InvalidLength(length) => format!(
            "{length} characters, but base64 comes in groups of 4 (is `=` padding missing?)"
        ),
        DecodeError::InvalidLastSymbol(at, _) => format!(
            "a last symbol (character {}) that leaves stray bits (truncated or altered?)",
            at + 1
        ),
        DecodeError::InvalidPadding => "wrong `=` padding".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IV: &str = "nKwcR/57JR9WrkrGx1dSfA==";

    #[test]
    fn accepts_cipher_and_iv() {
        assert_eq!(problem(&format!("{IV};{IV}")), Ok(()));
    }

    #[test]
    fn explains_base64_mistakes() {
        let urlsafe = problem(&format!("{IV};nKwcR-57JR9WrkrGx1dSfA==")).unwrap_err();
        assert!(urlsafe.contains("URL-safe"), "{urlsafe}");
        let unpadded = problem(&format!("{IV};nKwcR/57JR9WrkrGx1dSfA")).unwrap_err();
        assert!(unpadded.contains("padding"), "{unpadded}");
    }

    #[test]
    fn measures_parts_longer_than_the_stack_buffer() {
        let long = STANDARD.encode([7u8; 4096]);
        assert_eq!(problem(&format!("{long};{IV}")), Ok(()));
        let odd = STANDARD.encode([7u8; 4097]);
        let error = problem(&format!("{odd};{IV}")).unwrap_err();
        assert!(error.contains("4097 bytes"), "{error}");
        let mut broken = long.clone();
        broken.replace_range(5000..5001, "-");
        let error = problem(&format!("{broken};{IV}")).unwrap_err();
        assert!(error.contains("character 5001"), "{error}");
    }

    #[test]
    fn rejects_broken_values() {
        assert!(problem(IV).is_err());
        assert!(problem(&format!("{IV};{IV};{IV}")).is_err());
        assert!(problem(&format!(";{IV}")).is_err());
        assert!(problem(&format!("{IV};nKwcR/57JR9WrkrGx1dSfA")).is_err());
        assert!(problem(&format!("{IV};nKwcR-57JR9WrkrGx1dSfA==")).is_err());
        assert!(problem(&format!("AAAA;{IV}")).is_err());
        assert!(problem(&format!("{IV};AAAA")).is_err());
    }
}
