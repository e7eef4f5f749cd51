//! Copies the fact tables (`facts/**/*.tsv`) into `OUT_DIR` with their comment lines emptied,
//! so the binaries, the wasm above all, carry only the data. Line numbers stay as they are, so
//! parse errors still name the line of the file in `facts/`.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=facts");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    copy_tables(Path::new("facts"), &Path::new(&out).join("facts"));
}

fn copy_tables(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create OUT_DIR/facts");
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .expect("read facts/")
        .map(|e| e.expect("read facts/").path())
        .collect();
    entries.sort();
    for path in entries {
        let target = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            copy_tables(&path, &target);
        } else if path.extension().is_some_and(|e| e == "tsv") {
            let text = std::fs::read_to_string(&path).expect("read a fact table");
            std::fs::write(target, without_comments(&text)).expect("write a fact table");
        }
    }
}

/// `text` with every line that starts with `#` (what the table readers skip) left empty.
fn without_comments(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| match line.starts_with('#') {
            true if line.ends_with('\n') => "\n",
            true => "",
            false => line,
        })
        .collect()
}
