//! Reads one file's bytes under the size limit, without ever blocking on a FIFO
//! or device, and decodes them as UTF-8.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Why a file's text could not be had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// `unreadable-file`.
    #[error("{0}")]
    Unreadable(String),
    /// `invalid-encoding`, with the byte offset of the first bad byte.
    #[error("{message}")]
    Encoding { offset: usize, message: String },
}

/// Which file a path leads to, the same through any link or spelling: device and inode
/// on Unix, `None` where that cannot be told.
pub type FileIdentity = Option<(u64, u64)>;

/// Reads `path` into `buffer`, replacing what it held, if it is a regular file no
/// larger than `limit` bytes, and says which file it was. A walk thread passes the same
/// buffer for every file, so reading allocates only when a file is larger than all before.
pub fn read_file_into(
    path: &Path,
    limit: u64,
    buffer: &mut Vec<u8>,
) -> Result<FileIdentity, ReadError> {
    let unreadable =
        |e: std::io::Error| ReadError::Unreadable(format!("cannot read the file: {e}"));
    let metadata = std::fs::metadata(path).map_err(|e| match broken_link(path) {
        Some(message) => ReadError::Unreadable(message),
        None => unreadable(e),
    })?;
    if !metadata.is_file() {
        return Err(ReadError::Unreadable(
            "not a regular file (a folder, FIFO, socket or device)".into(),
        ));
    }
    within_limit(metadata.len(), limit)?;
    let file = File::open(path).map_err(unreadable)?;
    // Sized from the metadata, the read is one system call for the bytes and one for
    // the end; an unsized buffer starts with small probing reads.
    let expected = usize::try_from(metadata.len()).unwrap_or(0);
    buffer.clear();
    buffer.reserve(expected.saturating_add(1));
    read_limited_into(file, limit, buffer)?;
    Ok(identity(&metadata))
}

pub(crate) fn identity(metadata: &std::fs::Metadata) -> FileIdentity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        None
    }
}

/// Says so when `path` is a symbolic link whose target does not exist.
pub fn broken_link(path: &Path) -> Option<String> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    // Only a missing target; a loop of links is reported as the loop it is.
    let target_missing =
        std::fs::metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
    if !is_link || !target_missing {
        return None;
    }
    let target = std::fs::read_link(path)
        .map(|t| format!(" ({})", t.display()))
        .unwrap_or_default();
    Some(format!(
        "a broken symbolic link: its target{target} does not exist"
    ))
}

/// Reads at most `limit` bytes; more is an error (a file can grow after its metadata).
pub fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    read_limited_into(reader, limit, &mut bytes)?;
    Ok(bytes)
}

/// Appends at most `limit` bytes of `reader` to the empty `buffer`.
fn read_limited_into(reader: impl Read, limit: u64, buffer: &mut Vec<u8>) -> Result<(), ReadError> {
    reader
        .take(limit.saturating_add(1))
        .read_to_end(buffer)
        .map_err(|e| ReadError::Unreadable(format!("cannot read the file: {e}")))?;
    if buffer.len() as u64 > limit {
        return Err(over_limit(limit));
    }
    Ok(())
}

/// `unreadable-file` for input cut off at the limit, whose real size is unknown.
pub fn over_limit(limit: u64) -> ReadError {
    ReadError::Unreadable(format!(
        "the input is larger than the {} size limit",
        human_size(limit)
    ))
}

/// `unreadable-file` for a file of `size` bytes over the limit.
pub fn within_limit(size: u64, limit: u64) -> Result<(), ReadError> {
    if size <= limit {
        return Ok(());
    }
    Err(ReadError::Unreadable(format!(
        "the file is {}, larger than the {} size limit",
        human_size(size),
        human_size(limit)
    )))
}

/// Bytes in the largest binary unit that keeps a whole number part.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else if value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// The bytes as UTF-8 text, or where and why they are not.
pub fn decode(bytes: &[u8]) -> Result<&str, ReadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadError::Encoding {
            offset: 0,
            message: "the file is UTF-16, not UTF-8".into(),
        });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let bad = &bytes[offset..bytes.len().min(offset + e.error_len().unwrap_or(1))];
        let hex: Vec<String> = bad.iter().map(|b| format!("0x{b:02X}")).collect();
        ReadError::Encoding {
            offset,
            message: format!(
                "the file is not valid UTF-8: byte {} is not allowed here",
                hex.join(" ")
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(human_size(10 * 1024 * 1024), "10 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(12), "12 bytes");
    }

    #[test]
    fn limit_is_enforced_while_reading() {
        assert!(read_limited(&b"12345"[..], 5).is_ok());
        assert!(matches!(
            read_limited(&b"123456"[..], 5),
            Err(ReadError::Unreadable(_))
        ));
    }

    #[test]
    fn a_reused_buffer_holds_only_the_last_file() {
        let dir = tempfile::tempdir().unwrap();
        let (long, short) = (dir.path().join("long.md"), dir.path().join("short.md"));
        std::fs::write(&long, "---\ntitle: a longer file\n---\n").unwrap();
        std::fs::write(&short, "---\n---\n").unwrap();
        let mut buffer = Vec::new();
        read_file_into(&long, 1024, &mut buffer).unwrap();
        read_file_into(&short, 1024, &mut buffer).unwrap();
        assert_eq!(buffer, b"---\n---\n");
        assert!(read_file_into(&long, 8, &mut buffer).is_err());
        read_file_into(&short, 1024, &mut buffer).unwrap();
        assert_eq!(buffer, b"---\n---\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_and_a_link_to_it_are_one_file_and_another_file_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let (file, other, link) = (
            dir.path().join("a.md"),
            dir.path().join("b.md"),
            dir.path().join("link.md"),
        );
        std::fs::write(&file, "---\n---\n").unwrap();
        std::fs::write(&other, "---\n---\n").unwrap();
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let mut buffer = Vec::new();
        let file = read_file_into(&file, 1024, &mut buffer).unwrap();
        assert!(file.is_some());
        assert_eq!(read_file_into(&link, 1024, &mut buffer).unwrap(), file);
        assert_ne!(read_file_into(&other, 1024, &mut buffer).unwrap(), file);
    }

    #[test]
    fn finds_the_first_bad_byte() {
        let err = decode(b"---\ntitle: Caf\xe9\n").unwrap_err();
        assert!(
            matches!(err, ReadError::Encoding { offset: 14, .. }),
            "{err:?}"
        );
        assert!(decode(b"\xff\xfe-\0-\0").is_err());
    }
}
