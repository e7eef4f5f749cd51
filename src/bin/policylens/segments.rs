//! `policylens eval segments`: per-category precision, recall and F1 on OPP-115 segments.

pub fn eval(_data: &str, _split: Option<&str>) -> Result<serde_json::Value, String> {
    Err("eval segments is not built yet (issue 3)".to_string())
}
