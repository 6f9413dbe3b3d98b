//! Writing output files atomically: a temp file beside the target, then a rename,
//! so a failed or interrupted build leaves the previous output untouched.
//!
//! No `fsync`: the rename already makes the switch atomic for every reader and
//! for a killed process, and on ext4 (`auto_da_alloc`), XFS and btrfs a rename
//! over an existing file also flushes its data before the rename commits. An
//! `fsync` would only add durability against power loss — for a file that one
//! more build recreates — at 5–20 ms a build on a busy disk, more than the whole
//! build takes (docs/performance.md).

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "the output path has no file name",
        )
    })?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        if std::env::var_os("PITCHDECK_FAIL_BEFORE_RENAME").is_some() {
            // Test hook: simulate a crash between writing and renaming.
            return Err(io::Error::other(
                "interrupted before rename (PITCHDECK_FAIL_BEFORE_RENAME)",
            ));
        }
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.html");
        atomic_write(&path, b"one").unwrap();
        atomic_write(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/folder/out.html");
        assert!(atomic_write(&path, b"x").is_err());
    }
}
