//! CSV as RFC 4180 describes it: fields separated by commas, records by CRLF (a bare LF is
//! accepted too), fields containing commas, quotes or line breaks enclosed in double quotes, a
//! quote inside a quoted field doubled. Written files never start a cell with a formula. Small
//! on purpose: no crate for it. Used by bulk import (read and result file) and the audit export.

/// A malformed file: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    /// 1-based line where the problem was found.
    pub line: usize,
    pub message: String,
}

impl CsvError {
    pub fn explain(&self) -> String {
        format!("The file cannot be read at line {}: {}", self.line, self.message)
    }
}

/// One record and the line it starts on (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Parses `text` into records. A byte-order mark is skipped; blank lines are skipped.
pub fn parse(text: &str) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut record_line = 1;
    // State: at the start of a field, inside quotes, after the closing quote, or in a plain field.
    let mut quoted = false;
    let mut closed = false;
    let mut started = false;
    let end_record = |fields: &mut Vec<String>, field: &mut String, records: &mut Vec<Record>, at: usize| {
        fields.push(std::mem::take(field));
        let blank = fields.len() == 1 && fields[0].is_empty();
        if !blank {
            records.push(Record { line: at, fields: std::mem::take(fields) });
        }
        fields.clear();
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    quoted = false;
                    closed = true;
                }
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            ',' => {
                fields.push(std::mem::take(&mut field));
                closed = false;
                started = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                end_record(&mut fields, &mut field, &mut records, record_line);
                line += 1;
                record_line = line;
                closed = false;
                started = false;
            }
            '"' if !started => {
                quoted = true;
                started = true;
            }
            _ if closed => {
                return Err(CsvError {
                    line,
                    message:
                        "text after a closing quote; a quote inside a quoted field must be doubled (\"\")."
                            .into(),
                })
            }
            '"' => {
                return Err(CsvError {
                    line,
                    message:
                        "a quote inside an unquoted field; enclose the field in quotes and double the quote."
                            .into(),
                })
            }
            _ => {
                started = true;
                field.push(c);
            }
        }
    }
    if quoted {
        return Err(CsvError { line: record_line, message: "a quoted field is never closed.".into() });
    }
    if started || closed || !fields.is_empty() {
        end_record(&mut fields, &mut field, &mut records, record_line);
    }
    Ok(records)
}

/// One field: a leading `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet never runs
/// it as a formula; quoted when it holds a comma, quote or line break.
pub fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Writes records with CRLF after each, as RFC 4180 says.
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> = row.iter().map(|v| field(v)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}
