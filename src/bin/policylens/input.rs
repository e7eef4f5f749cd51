//! Reading a document from a file or stdin into a `Page`, with clear errors for bad input.

use std::io::Read;
use std::path::Path;

use policylens::Page;

/// Largest input read (after decompression); larger documents are refused.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads FILE (or `-` for stdin), decompressing `.gz`, into a `Page`.
pub fn read_page(file: &str, url: Option<&str>) -> Result<Page, String> {
    let bytes = if file == "-" {
        read_stdin()?
    } else {
        read_file(Path::new(file))?
    };
    let name = file.trim_end_matches(".gz").to_ascii_lowercase();
    let text = decode(&bytes, file)?;
    let url = url.unwrap_or("");
    Ok(policylens::read::document(&text, &name, url))
}

pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("{shown}: {}", describe(&e)))?;
    if meta.is_dir() {
        return Err(format!("{shown}: is a directory, not a file"));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("{shown}: {}", describe(&e)))?;
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    read_bounded(file, gz).map_err(|e| format!("{shown}: {e}"))
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut head = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut head)
        .map_err(|e| format!("stdin: {e}"))?;
    if head.starts_with(&[0x1f, 0x8b]) {
        return read_bounded(std::io::Cursor::new(head), true).map_err(|e| format!("stdin: {e}"));
    }
    check_size(head.len() as u64).map_err(|e| format!("stdin: {e}"))?;
    Ok(head)
}

fn read_bounded(reader: impl Read, gz: bool) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let result = if gz {
        flate2::read::GzDecoder::new(reader)
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        reader.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)
    };
    result.map_err(|e| {
        if gz {
            format!("not valid gzip ({e})")
        } else {
            e.to_string()
        }
    })?;
    check_size(bytes.len() as u64)?;
    Ok(bytes)
}

fn check_size(len: u64) -> Result<(), String> {
    if len > MAX_INPUT_BYTES {
        Err(format!(
            "larger than {} MB; policylens reads documents up to that size",
            MAX_INPUT_BYTES / (1024 * 1024)
        ))
    } else {
        Ok(())
    }
}

/// Text from bytes: UTF-8 (lossy), refusing empty and binary input.
pub fn decode(bytes: &[u8], name: &str) -> Result<String, String> {
    let shown = if name == "-" { "stdin" } else { name };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(format!("{shown}: empty input"));
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x09) || (0x0e..0x20).contains(&b))
        .count();
    if controls * 100 > sample.len() * 5 {
        return Err(format!(
            "{shown}: looks like a binary file, not HTML, Markdown or text"
        ));
    }
    // A byte order mark is not text (browsers drop it too).
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
