//! `policylens eval pages`: detection precision and recall on a labelled page manifest.

pub fn eval(_manifest: &str) -> Result<serde_json::Value, String> {
    Err("eval pages is not built yet (issue 4)".to_string())
}
