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
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: the file at `path` is either the old one
/// or the new one, never a mix, and no temp file is left after an error.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = folder_of(path);
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "the output path has no file name",
        )
    })?;
    // A temp file left by a killed build (same process id, long ago) is skipped.
    let mut attempt = 0;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(
            ".{}.{}{}.tmp",
            name.to_string_lossy(),
            std::process::id(),
            if attempt == 0 {
                String::new()
            } else {
                format!("-{attempt}")
            }
        ));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    };
    let result = (|| {
        fail_at("after-create")?;
        let half = bytes.len() / 2;
        file.write_all(&bytes[..half])?;
        fail_at("mid-write")?;
        file.write_all(&bytes[half..])?;
        drop(file);
        fail_at("before-rename")?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Test hook, compiled into debug builds only: `PITCHDECK_FAIL_AT=<stage>` makes
/// [`atomic_write`] fail at that stage (`after-create`, `mid-write`,
/// `before-rename`), as a crash or a full disk would.
fn fail_at(stage: &str) -> io::Result<()> {
    #[cfg(debug_assertions)]
    if std::env::var("PITCHDECK_FAIL_AT").is_ok_and(|v| v == stage) {
        return Err(io::Error::other(format!(
            "interrupted {stage} (test hook PITCHDECK_FAIL_AT)"
        )));
    }
    let _ = stage;
    Ok(())
}

/// The folder a file goes in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Why `path` cannot be written, before trying: its folder is missing or is
/// not a folder, or the path is a folder.
pub fn check_output(path: &Path) -> Result<(), String> {
    let dir = folder_of(path);
    match fs::metadata(&dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(format!(
                "cannot write {}: {} is a file, not a folder",
                path.display(),
                dir.display()
            ));
        }
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
            return Err(format!(
                "cannot write {}: a part of {} is a file, not a folder",
                path.display(),
                dir.display()
            ));
        }
        Err(_) => {
            return Err(format!(
                "cannot write {}: the folder {} does not exist (create it first, or choose another -o)",
                path.display(),
                dir.display()
            ));
        }
    }
    if path.is_dir() {
        return Err(format!(
            "cannot write {}: it is a folder; give a file name to -o",
            path.display()
        ));
    }
    Ok(())
}

/// One line for a failed [`atomic_write`] of `path`.
pub fn error_message(path: &Path, e: &io::Error) -> String {
    let dir = folder_of(path);
    let why = match e.kind() {
        io::ErrorKind::PermissionDenied => {
            format!("the folder {} does not allow writing", dir.display())
        }
        io::ErrorKind::ReadOnlyFilesystem => {
            format!("the folder {} is on a read-only disk", dir.display())
        }
        io::ErrorKind::StorageFull => "the disk is full".to_string(),
        io::ErrorKind::NotFound => format!(
            "files cannot be created in the folder {} ({e})",
            dir.display()
        ),
        _ => e.to_string(),
    };
    format!("cannot write {}: {why}", path.display())
}

/// Whether two paths name the same file: after following symlinks, or as hard
/// links to one file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(a), Ok(b)) = (a.canonicalize(), b.canonicalize())
        && a == b
    {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (fs::metadata(a), fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    false
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
    fn a_stale_temp_file_is_stepped_around() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.html");
        let stale = dir
            .path()
            .join(format!(".out.html.{}.tmp", std::process::id()));
        fs::write(&stale, b"left by a killed build").unwrap();
        atomic_write(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(fs::read(&stale).unwrap(), b"left by a killed build");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/folder/out.html");
        assert!(atomic_write(&path, b"x").is_err());
        let message = check_output(&path).unwrap_err();
        assert!(message.ends_with("does not exist (create it first, or choose another -o)"));
        assert!(!dir.path().join("no").exists());
    }

    #[cfg(unix)]
    #[test]
    fn hard_links_and_symlinks_are_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let deck = dir.path().join("deck.toml");
        fs::write(&deck, "x").unwrap();
        let hard = dir.path().join("hard.html");
        fs::hard_link(&deck, &hard).unwrap();
        let soft = dir.path().join("soft.html");
        std::os::unix::fs::symlink(&deck, &soft).unwrap();
        assert!(same_file(&hard, &deck));
        assert!(same_file(&soft, &deck));
        assert!(!same_file(&dir.path().join("other.html"), &deck));
    }
}
