//! Just enough JSON, by hand.

pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A finite number as JSON (Rust's shortest round-trip form, always with a '.' or an
/// exponent so that it reads back as a float); else null.
pub fn number(v: f64) -> String {
    if v.is_finite() {
        format!("{v:?}")
    } else {
        "null".to_string()
    }
}

pub fn opt_number(v: Option<f64>) -> String {
    v.map_or_else(|| "null".to_string(), number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_numbers() {
        assert_eq!(string("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u0001\"");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(1.0), "1.0");
        assert_eq!(number(1e-7), "1e-7");
        assert_eq!(number(93985.39216268242), "93985.39216268242");
        assert_eq!(number(f64::NAN), "null");
        assert_eq!(opt_number(None), "null");
    }
}
