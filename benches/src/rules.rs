//! gevent's value rules (those of `config_core::parse`), written for the
//! least work: each parser reads borrowed text in place, allocates nothing
//! but what the value keeps, and folds ASCII case in its comparisons instead
//! of lower-casing a copy. The hand-written loader is built on these, and the
//! peers use them wherever their crate takes a parsing hook, so that every
//! loader parses the same way and the comparison measures the machinery
//! around the parsing. `tests/agree.rs` checks them against config-core's.

/// Why text was rejected.
pub type Rejection = &'static str;

/// Python's `str.strip()`: Unicode white space and `\x1c`..`\x1f`.
fn py_strip(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || ('\x1c'..='\x1f').contains(&c))
}

/// gevent's boolean words: `1 true on yes` / `0 false off no`, or empty for
/// false; stripped, ASCII case ignored. (Python lower-cases with Unicode's
/// rules, but no non-ASCII character lower-cases into one of these words.)
pub fn boolean(text: &str) -> Result<bool, Rejection> {
    let word = py_strip(text);
    let is = |w: &str| word.eq_ignore_ascii_case(w);
    if is("1") || is("true") || is("on") || is("yes") {
        Ok(true)
    } else if word.is_empty() || is("0") || is("false") || is("off") || is("no") {
        Ok(false)
    } else {
        Err("not a boolean word")
    }
}

/// Python's `int(text)` into an `i64`: stripped, an optional sign, decimal
/// digits with single underscores between them.
pub fn integer(text: &str) -> Result<i64, Rejection> {
    let (negative, digits) = split_sign(py_strip(text));
    let magnitude = digit_part(digits.as_bytes())?;
    if negative { 0i64.checked_sub_unsigned(magnitude) } else { i64::try_from(magnitude).ok() }.ok_or("too large")
}

/// Python's `float(text)`, finite values only. Rust's grammar is Python's
/// without the white space and the underscores, so only text with an
/// underscore needs more than `str::parse`.
pub fn float(text: &str) -> Result<f64, Rejection> {
    let body = py_strip(text);
    let value: f64 =
        if body.contains('_') { without_underscores(body)? } else { body.parse().map_err(|_| "not a number")? };
    if value.is_finite() { Ok(value) } else { Err("not a finite number") }
}

/// gevent's byte count: a whole number, optionally suffixed `kb`, `mb` or
/// `gb` in any case as its last two characters exactly (`"5 kb"` is 5120,
/// `"5kb "` an error). Negative counts are rejected (they fit no `u64`).
pub fn byte_count(text: &str) -> Result<u64, Rejection> {
    let (number, multiple) = split_suffix(text);
    let (negative, digits) = split_sign(py_strip(number));
    let count = digit_part(digits.as_bytes()).map_err(|_| "not a whole number of bytes")?;
    if negative && count != 0 {
        return Err("negative");
    }
    count.checked_mul(multiple).ok_or("too large")
}

/// gevent's list: split on commas, each item kept as given.
pub fn list(text: &str) -> Vec<String> {
    text.split(',').map(str::to_owned).collect()
}

/// gevent's `positive` check, for a number of seconds.
pub fn positive(seconds: f64) -> Result<f64, Rejection> {
    if seconds > 0.0 { Ok(seconds) } else { Err("must be positive") }
}

/// gevent's `positive` check, for a byte count.
pub fn positive_bytes(count: u64) -> Result<u64, Rejection> {
    if count > 0 { Ok(count) } else { Err("must be positive") }
}

/// `threadpool_idle_task_timeout`: positive, or -1 for no timeout.
pub fn positive_or_no_timeout(seconds: f64) -> Result<f64, Rejection> {
    if seconds > 0.0 || seconds == -1.0 { Ok(seconds) } else { Err("must be positive, or -1 for no timeout") }
}

fn split_sign(text: &str) -> (bool, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    }
}

/// `digit ("_"? digit)*`, read as it is checked.
fn digit_part(digits: &[u8]) -> Result<u64, Rejection> {
    let mut value: u64 = 0;
    let mut after_digit = false;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                value = value.checked_mul(10).and_then(|v| v.checked_add(u64::from(b - b'0'))).ok_or("too large")?;
                after_digit = true;
            }
            b'_' if after_digit => after_digit = false,
            _ => return Err("not a whole number"),
        }
    }
    if after_digit { Ok(value) } else { Err("not a whole number") }
}

/// A float whose underscores each sit between two digits, parsed without
/// them: on the stack for any ordinary length.
fn without_underscores(body: &str) -> Result<f64, Rejection> {
    let bytes = body.as_bytes();
    let between_digits =
        |i: usize| i > 0 && bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
    if !(0..bytes.len()).filter(|&i| bytes[i] == b'_').all(between_digits) {
        return Err("not a number");
    }
    let mut buffer = [0u8; 64];
    let parsed = if bytes.len() <= buffer.len() {
        let mut len = 0;
        for &b in bytes.iter().filter(|&&b| b != b'_') {
            buffer[len] = b;
            len += 1;
        }
        // Only ASCII bytes were removed, so what is left is still UTF-8.
        std::str::from_utf8(&buffer[..len]).map_err(|_| "not a number")?.parse()
    } else {
        body.replace('_', "").parse()
    };
    parsed.map_err(|_| "not a number")
}

/// The number and the multiple of a byte count. The suffix is compared
/// without case; the Kelvin sign (U+212A) counts as `k`, as Python's
/// `lower()` makes it one.
fn split_suffix(text: &str) -> (&str, u64) {
    const KELVIN: &str = "\u{212a}";
    let Some(rest) = text.strip_suffix(['b', 'B']) else { return (text, 1) };
    if let Some(number) = rest.strip_suffix(KELVIN) {
        return (number, 1 << 10);
    }
    let multiple = match rest.as_bytes().last().map(u8::to_ascii_lowercase) {
        Some(b'k') => 1 << 10,
        Some(b'm') => 1 << 20,
        Some(b'g') => 1 << 30,
        _ => return (text, 1),
    };
    (&rest[..rest.len() - 1], multiple)
}
