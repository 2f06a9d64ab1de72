//! Regression tests, each named after the bug it guards against: inputs
//! found by fuzzing (`fuzz/`) or by hand that once crashed, hung or were
//! read wrong. Each runs the library API or the binary the way the bug
//! was found.

mod common;

use common::Tree;

/// `replylint check /dev/zero` read without end (a character device says
/// it is 0 bytes long), until the machine ran out of memory. Reading now
/// stops at the size limit.
#[test]
fn a_device_that_never_ends_is_refused_at_the_size_limit() {
    let tree = Tree::new(&[("good.txt", "Hi Anna,  your refund is on its way.\n")]);
    for device in ["/dev/zero", "/dev/urandom"] {
        if !std::path::Path::new(device).exists() {
            eprintln!("skipped: no {device} here");
            continue;
        }
        let r = tree.run(&[
            "check",
            "--no-config",
            "--format",
            "line",
            device,
            "good.txt",
        ]);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        assert_eq!(r.code, 2, "{device}: {}", r.stderr);
        assert!(
            r.stderr
                .contains(&format!("error: {device}: file too large")),
            "{device}: {}",
            r.stderr
        );
        assert!(
            r.stdout.contains("good.txt:1:9: warning[whitespace]"),
            "{}",
            r.stdout
        );
    }
}
