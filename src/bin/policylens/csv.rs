//! The CSV files the evaluations read (OPP-115 segments, page manifests).

/// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks; LF or CRLF
/// line ends; a leading byte-order mark is skipped; blank lines give no record.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut in_quotes = false;
    let mut line = 1;
    let mut quote_line = 0;
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quote_line = line;
            }
            ',' => record.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                let record = std::mem::take(&mut record);
                if record.iter().any(|f| !f.is_empty()) {
                    records.push(record);
                }
            }
            c => field.push(c),
        }
    }
    if in_quotes {
        return Err(format!(
            "quoted field opened on line {quote_line} never closes"
        ));
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    Ok(records)
}

/// A CSV file's header row and its records; `file` names it in errors.
pub struct Table {
    header: Vec<String>,
    pub records: Vec<Vec<String>>,
    file: String,
}

impl Table {
    pub fn parse(text: &str, file: &str) -> Result<Table, String> {
        let mut records = parse_csv(text).map_err(|e| format!("{file}: {e}"))?;
        if records.is_empty() {
            return Err(format!("{file}: empty file, no header row"));
        }
        let header = records.remove(0);
        Ok(Table {
            header,
            records,
            file: file.to_string(),
        })
    }

    /// Number of columns the header names.
    pub fn width(&self) -> usize {
        self.header.len()
    }

    /// Index of the column `name`, if the header has it.
    pub fn optional_column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// Index of the column `name`; its absence is an error naming the file.
    pub fn column(&self, name: &str) -> Result<usize, String> {
        self.optional_column(name)
            .ok_or_else(|| format!("{}: no `{name}` column", self.file))
    }
}

#[cfg(test)]
mod tests {
    use super::parse_csv;

    #[test]
    fn csv_quotes_commas_and_crlf() {
        let rows = parse_csv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\n\nlast,,z").unwrap();
        assert_eq!(
            rows,
            vec![
                vec!["a", "b", "c"],
                vec!["x, y", "say \"hi\"", ""],
                vec!["last", "", "z"],
            ]
        );
    }
}
