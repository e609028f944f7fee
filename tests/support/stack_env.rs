//! Where the stack tests find the running Kafka Connect stack: each key from the environment,
//! else from `stack.env` in the stack's run directory (`$CC_STACK_RUN`, else
//! `tests/stack/run`, written by `tests/stack/stack.sh up`/`seed`), else the caller's default.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The stack's run directory: `$CC_STACK_RUN`, else this checkout's `tests/stack/run`.
pub fn run_dir() -> PathBuf {
    std::env::var("CC_STACK_RUN")
        .ok()
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/stack/run"))
}

/// Every `KEY=value` line of the run directory's `stack.env` (empty when there is none).
pub fn file() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Ok(text) = std::fs::read_to_string(run_dir().join("stack.env")) {
        for line in text.lines() {
            if let Some((k, v)) = line.split_once('=') {
                out.insert(k.trim().to_string(), v.trim().to_string());
            }
        }
    }
    out
}

/// One key: the environment wins over `stack.env`, which wins over `default`.
pub fn get(key: &str, default: &str) -> String {
    std::env::var(key)
        .ok()
        .filter(|v| !v.is_empty())
        .or_else(|| file().get(key).cloned())
        .unwrap_or_else(|| default.to_string())
}
