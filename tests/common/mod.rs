//! Running the `policylens` binary from the CLI tests.
#![allow(dead_code)] // each test file uses the helpers it needs

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `policylens ARGS`, feeding `stdin` (nothing when `None`).
pub fn policylens(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_policylens"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run policylens");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.unwrap_or_default()).ok();
    drop(input);
    child.wait_with_output().expect("policylens output")
}

/// The JSON a successful run printed.
pub fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}
