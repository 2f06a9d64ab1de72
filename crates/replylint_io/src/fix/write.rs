//! Writing a fixed file back as safely as the file system allows.
//!
//! - Only regular files are written: a named pipe, a device, a socket or
//!   standard input (`-`, `/dev/stdin`, `/dev/fd/N`) is refused before it
//!   is opened, so that `check` still reads all of it afterwards.
//! - The file is read once into a [`Snapshot`] (its bytes, and its device,
//!   inode, size, modification and change times, owner, group and mode).
//! - The fixed text goes to a temporary file in the same folder, named
//!   `.<name>.replylint-<pid>-<random>.tmp`, which is given the original's
//!   owner, group and mode (`fchown`, `fchmod`) and flushed to disk. If the
//!   owner or group cannot be kept (not root, and the file is someone
//!   else's), the file is not written: replacing it would silently give it
//!   to whoever ran `--fix`.
//! - Just before the rename, the file is read again and compared with the
//!   snapshot byte for byte, then its metadata is looked up once more and
//!   the temporary file is renamed over it at once: what is left between
//!   that last look and the rename is two system calls.
//! - After the rename, the replaced file (still open) is looked at again:
//!   lines appended to it in that window (a writer that opened it just
//!   before the rename) are carried over to the end of the fixed file.
//!   Any other change there is reported as an error.
//! - Temporary files are removed on every error path (they are
//!   [`tempfile::NamedTempFile`]s), and by [`remove_temporary_files`],
//!   which the command line calls on SIGINT, SIGTERM and SIGHUP. One left
//!   by a run that could not clean up (`kill -9`, a power cut) is removed
//!   by the next `--fix` in its folder once its process is gone
//!   ([`sweep_once`]); directory walks skip it in any case (its name is
//!   hidden and ends in `.tmp`).
//!
//! Without a lock every writer agrees to, no rename-based write is atomic
//! against other writers: a program that keeps the file open and writes
//! to it after the rename writes to the replaced file, and one that
//! replaces the file itself (by renaming a file of its own over it) in
//! the window between the last look and the rename is undone by it.
//! Access control lists, extended attributes and security labels are not
//! copied: the new file gets the folder's defaults.

use crate::input;
use std::collections::HashSet;
use std::fs::{File, Metadata};
use std::io::{self, Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// Why a fixed file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file is not what was read any more.
    Changed,
    /// The file changed while the fixed version replaced it, other than by
    /// lines added at its end: that change is not in the fixed file.
    ChangedWhileReplaced,
    /// The temporary file could not be given the original's owner and
    /// group.
    Owner {
        uid: u32,
        gid: u32,
        error: io::Error,
    },
    /// Fixes written, but another program still has the replaced file open
    /// for writing: what it writes from now on is not in the fixed file.
    StillOpen,
    Io(io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed => f.write_str(
                "fixes not written: the file changed since it was read; run `--fix` again",
            ),
            WriteError::ChangedWhileReplaced => f.write_str(
                "fixes written, but the file was changed by another program while the fixed \
                 version replaced it: that change is not in the fixed file",
            ),
            WriteError::StillOpen => f.write_str(
                "fixes written, but another program still has the file open for writing: \
                 what it writes from now on goes to the replaced file, not the fixed one",
            ),
            WriteError::Owner { uid, gid, error } => write!(
                f,
                "fixes not written: the fixed file could not keep the owner and group of \
                 the original (user {uid}, group {gid}): {}; the file is left as it was \
                 (run `--fix` as its owner)",
                input::io_message(error)
            ),
            WriteError::Io(e) => write!(f, "fixes not written: {}", input::io_message(e)),
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// What reading a file to fix gave.
#[derive(Debug)]
pub enum Taken {
    File(Box<Snapshot>),
    /// Not a regular file (what it is, for the note): never written.
    NotRegular(&'static str),
    /// A binary file or one over the size limit (`max-file-size`): `check`
    /// reports it.
    Unfit,
}

/// A regular file as it was read.
#[derive(Debug)]
pub struct Snapshot {
    /// The file itself: symbolic links resolved.
    pub target: PathBuf,
    pub bytes: Vec<u8>,
    meta: Metadata,
}

impl Snapshot {
    /// Read the file at `path` (through symbolic links) if it is a regular
    /// file. A file that changes while it is read is [`WriteError::Changed`].
    #[cfg(test)]
    pub fn take(path: &Path) -> Result<Taken, WriteError> {
        Self::take_within(path, input::MAX_FILE_SIZE)
    }

    /// [`Snapshot::take`], for a file of at most `limit` bytes (the
    /// configuration's `max-file-size`; a fix holds every file whole, JSON
    /// Lines and CSV ones too).
    pub fn take_within(path: &Path, limit: u64) -> Result<Taken, WriteError> {
        // `stat`, not `open`: opening a named pipe would wait for a writer
        // and take what it writes from the `check` that follows.
        let meta = std::fs::metadata(path)?;
        if !meta.is_file() {
            return Ok(Taken::NotRegular(kind(&meta)));
        }
        if is_standard_stream(path) {
            return Ok(Taken::NotRegular("standard input or output"));
        }
        let target = std::fs::canonicalize(path)?;
        let mut file = open_to_read(&target)?;
        let before = file.metadata()?;
        if !before.is_file() {
            // Replaced by something else since the `stat`.
            return Ok(Taken::NotRegular(kind(&before)));
        }
        if before.len() > limit {
            return Ok(Taken::Unfit);
        }
        let mut bytes = Vec::with_capacity(usize::try_from(before.len()).unwrap_or(0));
        (&mut file)
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)?;
        let meta = file.metadata()?;
        if !same_state(&before, &meta) || meta.len() != bytes.len() as u64 {
            return Err(WriteError::Changed);
        }
        // UTF-16 has NUL bytes too, after its byte-order mark.
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        if input::is_binary(&bytes) && !utf16 {
            return Ok(Taken::Unfit);
        }
        Ok(Taken::File(Box::new(Snapshot {
            target,
            bytes,
            meta,
        })))
    }

    /// The file open, if it still is what was read: same file, same
    /// metadata, same bytes.
    fn still_current(&self) -> Result<File, WriteError> {
        let mut file = open_to_read(&self.target)?;
        if !same_state(&self.meta, &file.metadata()?) || !holds(&mut file, &self.bytes, true)? {
            return Err(WriteError::Changed);
        }
        Ok(file)
    }
}

/// Points in [`write_fixed`] where a test can change the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The temporary file is written; the file is about to be read again.
    Check,
    /// The file was read again and found unchanged; the rename follows.
    Rename,
}

/// Replace the file of `snapshot` with `new`, keeping its owner, group and
/// mode, if it is still as it was read. Returns the bytes that another
/// program appended to the file while it was being replaced, carried over
/// to the end of the fixed file. `at` is called at each [`Stage`].
pub fn write_fixed(snapshot: &Snapshot, new: &[u8], at: &dyn Fn(Stage)) -> Result<u64, WriteError> {
    let target = &snapshot.target;
    let dir = target
        .parent()
        .ok_or_else(|| io::Error::other("the file has no folder"))?;
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::other("the file has no name"))?;
    let mut tmp = Temporary::create(dir, name)?;
    let file = tmp.file()?;
    file.write_all(new)?;
    keep_owner_and_mode(file, &snapshot.meta)?;
    file.sync_all()?;
    at(Stage::Check);
    let mut original = snapshot.still_current()?;
    at(Stage::Rename);
    // The last look, as close to the rename as it can be.
    if !same_state(&snapshot.meta, &std::fs::metadata(target)?) {
        return Err(WriteError::Changed);
    }
    tmp.persist(target)?;
    // A writer that opened the file before the rename writes to the
    // replaced file: wait for it to close it, then carry over what it
    // wrote.
    let deadline = Instant::now() + WRITERS_WAIT;
    let mut still_open = false;
    while open_for_writing(&original) == Some(true) {
        if Instant::now() > deadline {
            still_open = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let carried = carry_over(&mut original, snapshot)?;
    if still_open {
        return Err(WriteError::StillOpen);
    }
    Ok(carried)
}

/// How long a fix waits for another program to close the file it
/// replaced.
const WRITERS_WAIT: Duration = Duration::from_secs(1);

/// Whether a replaced file is open for writing, here or in another
/// process: on Linux, a read lease cannot be taken then. `None` when it
/// cannot be told (the file still has a name, not the file's owner nor
/// root, a file system without leases, another system).
fn open_for_writing(file: &File) -> Option<bool> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd as _;
        use std::os::unix::fs::MetadataExt as _;
        // A lease broken by someone opening the file would send this
        // process SIGIO, whose default is to end it: only a file left
        // without a name (replaced, with no other hard link) is probed,
        // and the lease is given up at once.
        if file.metadata().ok()?.nlink() != 0 {
            return None;
        }
        let fd = file.as_raw_fd();
        // SAFETY: `fcntl` with integer arguments, on a descriptor `file`
        // keeps open.
        if unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_RDLCK) } == 0 {
            // SAFETY: as above.
            unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_UNLCK) };
            return Some(false);
        }
        let busy = io::Error::last_os_error().raw_os_error() == Some(libc::EAGAIN);
        busy.then_some(true)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = file;
        None
    }
}

/// After the rename: what was appended to the replaced file (`original`,
/// still open) since the last look, appended to the fixed file in turn.
fn carry_over(original: &mut File, snapshot: &Snapshot) -> Result<u64, WriteError> {
    let now = original.metadata()?;
    // The rename changed the replaced file's link count, so its change
    // time: only its size and modification time tell.
    if now.len() == snapshot.meta.len() && now.modified().ok() == snapshot.meta.modified().ok() {
        return Ok(0);
    }
    original.seek(SeekFrom::Start(0))?;
    if now.len() < snapshot.meta.len() || !holds(original, &snapshot.bytes, false)? {
        return Err(WriteError::ChangedWhileReplaced);
    }
    let mut fixed = std::fs::OpenOptions::new()
        .append(true)
        .open(&snapshot.target)?;
    let mut carried = 0;
    // A writer may still be finishing: read until nothing more comes.
    for _ in 0..8 {
        let mut tail = Vec::new();
        original.read_to_end(&mut tail)?;
        if tail.is_empty() {
            break;
        }
        fixed.write_all(&tail)?;
        carried += tail.len() as u64;
    }
    fixed.sync_all()?;
    Ok(carried)
}

/// Whether `file`, from where it is, starts with `bytes` (and, with
/// `whole`, holds nothing more).
fn holds(file: &mut File, bytes: &[u8], whole: bool) -> io::Result<bool> {
    let mut buf = vec![0; 64 * 1024];
    let mut at = 0;
    while at < bytes.len() {
        let want = buf.len().min(bytes.len() - at);
        let n = file.read(&mut buf[..want])?;
        if n == 0 || buf[..n] != bytes[at..at + n] {
            return Ok(false);
        }
        at += n;
    }
    Ok(!whole || file.read(&mut buf[..1])? == 0)
}

/// Whether two looks at a file saw the same file, unchanged.
fn same_state(a: &Metadata, b: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if (a.dev(), a.ino(), a.mode(), a.uid(), a.gid())
            != (b.dev(), b.ino(), b.mode(), b.uid(), b.gid())
            || (a.ctime(), a.ctime_nsec()) != (b.ctime(), b.ctime_nsec())
        {
            return false;
        }
    }
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

/// Give the temporary `file` the owner, group and mode of the original.
fn keep_owner_and_mode(file: &File, original: &Metadata) -> Result<(), WriteError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
        let (uid, gid) = (original.uid(), original.gid());
        let now = file.metadata()?;
        if (now.uid(), now.gid()) != (uid, gid) {
            std::os::unix::fs::fchown(
                file,
                (now.uid() != uid).then_some(uid),
                (now.gid() != gid).then_some(gid),
            )
            .map_err(|error| WriteError::Owner { uid, gid, error })?;
        }
        // After `fchown`, which clears the set-user-ID and set-group-ID
        // bits.
        file.set_permissions(std::fs::Permissions::from_mode(original.mode() & 0o7777))?;
    }
    #[cfg(not(unix))]
    file.set_permissions(original.permissions())?;
    Ok(())
}

/// What a file that is not a regular file is, for the note.
fn kind(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    if t.is_dir() { "a folder" } else { "not a file" }
}

/// `/dev/stdin` and its kin, `/dev/fd/N` and `/proc/…/fd/N`: standard
/// input redirected from a file is a regular file, but writing through
/// these names would replace the file behind the redirection while the
/// process still reads the old one.
fn is_standard_stream(path: &Path) -> bool {
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return false;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let Ok(parent) = std::fs::canonicalize(parent) else {
        return false;
    };
    parent.starts_with("/proc")
        || parent == Path::new("/dev") && ["stdin", "stdout", "stderr"].iter().any(|s| name == *s)
}

/// Open a file to read without waiting: a named pipe put in a regular
/// file's place since it was looked at must not block the run.
fn open_to_read(path: &Path) -> io::Result<File> {
    #[cfg(unix)]
    {
        use rustix::fs::{Mode, OFlags};
        let fd = rustix::fs::open(
            path,
            OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        Ok(File::from(fd))
    }
    #[cfg(not(unix))]
    File::open(path)
}

/// The temporary files being written, for [`remove_temporary_files`].
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Set by [`remove_temporary_files`]: no temporary file is created after.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Remove the temporary files of the fixes being written, and create no
/// more: for a signal handler, before the process ends. The files being
/// fixed are left as they were (a rename under way either happened or
/// finds its temporary file gone).
pub fn remove_temporary_files() {
    let files = lock(&TEMPORARY);
    INTERRUPTED.store(true, Ordering::SeqCst);
    for path in files.iter() {
        let _ = std::fs::remove_file(path);
    }
}

/// `.<name>.replylint-<pid>-` + 6 random characters + `.tmp`.
const TEMPORARY_MARK: &str = ".replylint-";
const TEMPORARY_SUFFIX: &str = ".tmp";

/// A temporary file beside the file it will replace, registered for
/// [`remove_temporary_files`] while it exists.
struct Temporary {
    file: Option<tempfile::NamedTempFile>,
}

impl Temporary {
    fn create(dir: &Path, name: &std::ffi::OsStr) -> io::Result<Temporary> {
        // Created and registered under the lock: a signal handler never
        // misses one.
        let mut registered = lock(&TEMPORARY);
        if INTERRUPTED.load(Ordering::SeqCst) {
            return Err(io::Error::new(io::ErrorKind::Interrupted, "interrupted"));
        }
        // Within the 255 bytes a file name may have.
        let name = name.to_string_lossy();
        let mut end = name.len().min(200);
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        let file = tempfile::Builder::new()
            .prefix(&format!(
                ".{}{TEMPORARY_MARK}{}-",
                &name[..end],
                std::process::id()
            ))
            .suffix(TEMPORARY_SUFFIX)
            .rand_bytes(6)
            .tempfile_in(dir)?;
        registered.push(file.path().to_owned());
        Ok(Temporary { file: Some(file) })
    }

    fn file(&mut self) -> io::Result<&mut File> {
        self.file
            .as_mut()
            .map(tempfile::NamedTempFile::as_file_mut)
            .ok_or_else(|| io::Error::other("no temporary file"))
    }

    /// Rename it over `target`.
    fn persist(&mut self, target: &Path) -> io::Result<()> {
        let file = self
            .file
            .take()
            .ok_or_else(|| io::Error::other("no temporary file"))?;
        let path = file.path().to_owned();
        let result = file.persist(target).map(drop).map_err(|e| e.error);
        unregister(&path);
        result
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        // The `NamedTempFile` removes itself; then it is no longer ours.
        if let Some(file) = self.file.take() {
            let path = file.path().to_owned();
            drop(file);
            unregister(&path);
        }
    }
}

fn unregister(path: &Path) {
    lock(&TEMPORARY).retain(|p| p != path);
}

/// The process that made a file named as [`Temporary`] names them, if it
/// is one.
fn temporary_pid(name: &str) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(TEMPORARY_SUFFIX)?;
    let (file, rest) = inner.rsplit_once(TEMPORARY_MARK)?;
    let (pid, random) = rest.split_once('-')?;
    let fits = !file.is_empty()
        && !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && random.len() == 6
        && random.bytes().all(|b| b.is_ascii_alphanumeric());
    fits.then(|| pid.parse().ok()).flatten()
}

/// Folders already swept in this run.
pub type Swept = Mutex<HashSet<PathBuf>>;

/// Remove from `dir`, once a run, the temporary files that runs which
/// could not clean up left there: named as [`Temporary`] names them,
/// owned by this user, of a process that is gone. Returns a note for
/// each.
pub fn sweep_once(dir: &Path, swept: &Swept) -> Vec<String> {
    if !lock(swept).insert(dir.to_owned()) {
        return Vec::new();
    }
    let read = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(read) else {
        return Vec::new();
    };
    let mut notes = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temporary_pid) else {
            continue;
        };
        if pid == std::process::id() || process_exists(pid) {
            continue;
        }
        let path = dir.join(&name);
        let ours = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && owned_by_us(&m));
        if ours && std::fs::remove_file(&path).is_ok() {
            notes.push(format!(
                "removed {}, a temporary file left by an interrupted `--fix` (process {pid})",
                path.display()
            ));
        }
    }
    notes
}

/// Whether the process `pid` exists (when it cannot be told: yes).
fn process_exists(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return true;
        };
        rustix::process::test_kill_process(pid) != Err(rustix::io::Errno::SRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

fn owned_by_us(meta: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        meta.uid() == rustix::process::geteuid().as_raw()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(path: &Path) -> Snapshot {
        match Snapshot::take(path).unwrap() {
            Taken::File(s) => *s,
            other => panic!("{other:?}"),
        }
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writing_refuses_a_file_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old text").unwrap();
        let snap = snapshot(&path);
        // Same size: only the content (or, if the clock ticked, the
        // modification time) tells.
        std::fs::write(&path, "new text").unwrap();
        let err = write_fixed(&snap, b"fixed", &|_| {}).unwrap_err();
        assert!(matches!(err, WriteError::Changed), "{err:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new text");
        assert_eq!(entries(dir.path()), ["a.txt"], "no temporary file left");
        let snap = snapshot(&path);
        assert_eq!(write_fixed(&snap, b"fixed", &|_| {}).unwrap(), 0);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "fixed");
        assert_eq!(entries(dir.path()), ["a.txt"]);
    }

    #[test]
    fn a_change_after_the_content_check_is_seen_by_the_last_look() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        let snap = snapshot(&path);
        let append = |stage| {
            if stage == Stage::Rename {
                let mut f = std::fs::OpenOptions::new()
                    .append(true)
                    .open(&path)
                    .unwrap();
                f.write_all(b" more").unwrap();
            }
        };
        let err = write_fixed(&snap, b"fixed", &append).unwrap_err();
        assert!(matches!(err, WriteError::Changed), "{err:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old more");
        assert_eq!(entries(dir.path()), ["a.txt"]);
    }

    /// `a.txt` holding "a  b\n", replaced by its fix "a b\n" while a
    /// writer opened with `options` before the rename writes `late` to it
    /// after: the steps of `write_fixed` run by hand around the writer.
    /// Returns the folder, the carry-over's result and the file's text.
    fn replaced_while_written(
        options: &std::fs::OpenOptions,
        late: &[u8],
    ) -> (tempfile::TempDir, Result<u64, WriteError>, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "a  b\n").unwrap();
        let snap = snapshot(&path);
        let mut tmp = Temporary::create(dir.path(), "a.txt".as_ref()).unwrap();
        tmp.file().unwrap().write_all(b"a b\n").unwrap();
        let mut original = snap.still_current().unwrap();
        let mut writer = options.open(&path).unwrap();
        tmp.persist(&path).unwrap();
        writer.write_all(late).unwrap();
        let carried = carry_over(&mut original, &snap);
        let text = std::fs::read_to_string(&path).unwrap();
        (dir, carried, text)
    }

    #[test]
    fn lines_appended_to_the_replaced_file_are_carried_over() {
        let (dir, carried, text) =
            replaced_while_written(std::fs::OpenOptions::new().append(true), b"late line\n");
        assert_eq!(carried.unwrap(), 10);
        assert_eq!(text, "a b\nlate line\n");
        assert_eq!(entries(dir.path()), ["a.txt"]);
    }

    #[test]
    fn other_changes_to_the_replaced_file_are_an_error() {
        let (_dir, carried, text) =
            replaced_while_written(std::fs::OpenOptions::new().write(true), b"X");
        let err = carried.unwrap_err();
        assert!(matches!(err, WriteError::ChangedWhileReplaced), "{err:?}");
        assert_eq!(text, "a b\n");
    }

    /// Another thread appends lines (each one `write` to the file opened
    /// for it, as `echo … >>` does) while the file is read, fixed and
    /// written back again and again: no line is lost, none doubled. (Where
    /// a replaced file cannot be probed for writers, a line written by a
    /// writer that opened the file before a rename and wrote after the
    /// carry-over would be lost: Linux only.)
    #[cfg(target_os = "linux")]
    #[test]
    fn lines_appended_during_many_rewrites_are_never_lost() {
        use std::sync::atomic::AtomicUsize;
        const LINES: usize = 4000;
        // On a RAM disk where there is one: `sync_all` is free there.
        let shm = Path::new("/dev/shm");
        let dir = if shm.is_dir() {
            tempfile::tempdir_in(shm).unwrap()
        } else {
            tempfile::tempdir().unwrap()
        };
        let path = dir.path().join("log.txt");
        std::fs::write(&path, "").unwrap();
        let appended = AtomicUsize::new(0);
        let (mut rewrites, mut refused, mut carried) = (0, 0, 0);
        std::thread::scope(|s| {
            s.spawn(|| {
                for i in 0..LINES {
                    let mut f = std::fs::OpenOptions::new()
                        .append(true)
                        .open(&path)
                        .unwrap();
                    f.write_all(format!("line  {i}\n").as_bytes()).unwrap();
                    drop(f);
                    appended.store(i + 1, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_micros(50));
                }
            });
            while appended.load(Ordering::SeqCst) < LINES {
                let Ok(Taken::File(snap)) = Snapshot::take(&path) else {
                    continue;
                };
                let text = String::from_utf8(snap.bytes.clone()).unwrap();
                let fixed = text.replace("  ", " ");
                if fixed == text {
                    continue;
                }
                match write_fixed(&snap, fixed.as_bytes(), &|_| {}) {
                    Ok(n) => {
                        rewrites += 1;
                        carried += usize::from(n > 0);
                    }
                    Err(WriteError::Changed) => refused += 1,
                    Err(e) => panic!("{e}"),
                }
            }
        });
        let text = std::fs::read_to_string(&path).unwrap();
        let mut seen = vec![0; LINES];
        for line in text.lines() {
            let i: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
            seen[i] += 1;
        }
        let lost: Vec<usize> = (0..LINES).filter(|&i| seen[i] == 0).collect();
        let twice: Vec<usize> = (0..LINES).filter(|&i| seen[i] > 1).collect();
        assert!(
            lost.is_empty() && twice.is_empty(),
            "lost {lost:?}, doubled {twice:?} ({rewrites} rewrites, {refused} refused, {carried} carried over)"
        );
        assert!(rewrites >= 20, "{rewrites} rewrites, {refused} refused");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_replaced_file_still_open_for_writing_is_told() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "x").unwrap();
        let file = File::open(&path).unwrap();
        let writer = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        assert_eq!(open_for_writing(&file), None, "it still has a name");
        std::fs::remove_file(&path).unwrap();
        assert_eq!(open_for_writing(&file), Some(true));
        drop(writer);
        assert_eq!(open_for_writing(&file), Some(false));
    }

    #[test]
    fn temporary_files_are_named_after_the_file_and_the_process() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = Temporary::create(dir.path(), "a b.txt".as_ref()).unwrap();
        let name = entries(dir.path()).remove(0);
        let prefix = format!(".a b.txt.replylint-{}-", std::process::id());
        assert!(
            name.starts_with(&prefix) && name.ends_with(".tmp"),
            "{name}"
        );
        assert_eq!(temporary_pid(&name), Some(std::process::id()));
        assert_eq!(
            lock(&TEMPORARY)
                .iter()
                .filter(|p| **p == dir.path().join(&name))
                .count(),
            1
        );
        drop(tmp);
        assert!(entries(dir.path()).is_empty());
        assert!(!lock(&TEMPORARY).iter().any(|p| p.starts_with(dir.path())));
        // A long name is cut to fit.
        let long = "é".repeat(200);
        let tmp = Temporary::create(dir.path(), long.as_ref()).unwrap();
        assert!(tmp.file.as_ref().unwrap().path().exists());
    }

    #[test]
    fn temporary_names_are_recognised() {
        assert_eq!(temporary_pid(".a.txt.replylint-123-aB3xYz.tmp"), Some(123));
        assert_eq!(
            temporary_pid("..a.replylint-x.txt.replylint-7-000000.tmp"),
            Some(7)
        );
        for not in [
            "a.txt.replylint-123-aB3xYz.tmp",
            ".a.txt.replylint-123-aB3xYz",
            ".a.txt.replylint-12x-aB3xYz.tmp",
            ".a.txt.replylint-123-aB3x.tmp",
            ".a.txt.replylint-123-aB3x-z.tmp",
            "..replylint-123-aB3xYz.tmp",
            ".a.txt.replylint--aB3xYz.tmp",
            ".a.txt.replylint-99999999999-aB3xYz.tmp",
        ] {
            assert_eq!(temporary_pid(not), None, "{not}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn only_temporary_files_of_processes_that_are_gone_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        let stale = format!(".a.txt.replylint-{gone}-AbC123.tmp");
        let live = format!(".a.txt.replylint-{}-AbC123.tmp", std::process::id());
        for name in [&stale, &live, &"a.txt".to_owned()] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let swept = Swept::default();
        let notes = sweep_once(dir.path(), &swept);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains(&stale), "{notes:?}");
        assert_eq!(entries(dir.path()), [live.clone(), "a.txt".to_owned()]);
        // Once a run per folder.
        std::fs::write(dir.path().join(&stale), "x").unwrap();
        assert!(sweep_once(dir.path(), &swept).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn what_is_not_a_regular_file_is_not_taken() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            Snapshot::take(dir.path()).unwrap(),
            Taken::NotRegular("a folder")
        ));
        assert!(matches!(
            Snapshot::take(Path::new("/dev/null")).unwrap(),
            Taken::NotRegular("a character device")
        ));
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // Not opened: this would block for ever otherwise.
            assert!(matches!(
                Snapshot::take(&fifo).unwrap(),
                Taken::NotRegular("a named pipe")
            ));
        }
        // Standard input redirected from a regular file.
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(Snapshot::take(&file).unwrap(), Taken::File(_)));
        let fd = File::open(&file).unwrap();
        use std::os::fd::AsRawFd as _;
        let by_fd = PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()));
        if by_fd.exists() {
            assert!(matches!(
                Snapshot::take(&by_fd).unwrap(),
                Taken::NotRegular("standard input or output")
            ));
        }
    }
}
