//! Text parsers that follow gevent's rules, which are Python's: `int()`,
//! `float()`, gevent's boolean words and its byte-count suffixes.
//!
//! Each function takes the text exactly as given (an environment value, or a
//! string passed to `set`) and says why it is rejected.
//!
//! This file depends on nothing but `std`: the derive compiles it too
//! (`#[path]`), so that a literal default is checked at compile time by the
//! very rules that check values at run time.

/// Why text was rejected.
pub type Rejection = &'static str;

/// Python's `str.strip()` white space: Unicode white space plus the four
/// information separators `\x1c`..`\x1f`, which Python also counts.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

fn py_strip(text: &str) -> &str {
    text.trim_matches(is_py_space)
}

/// gevent's boolean: trimmed and case-insensitive, `1 true on yes` are true,
/// `0 false off no` and the empty string are false, anything else is an error.
pub fn boolean(text: &str) -> Result<bool, Rejection> {
    let word = py_strip(text);
    // Python's `lower()` is Unicode's; only non-ASCII text needs it (and
    // its allocation) to compare the same.
    let lowered;
    let word = if word.is_ascii() {
        word
    } else {
        lowered = word.to_lowercase();
        lowered.as_str()
    };
    let is = |w: &str| word.eq_ignore_ascii_case(w);
    if ["1", "true", "on", "yes"].into_iter().any(is) {
        Ok(true)
    } else if word.is_empty() || ["0", "false", "off", "no"].into_iter().any(is) {
        Ok(false)
    } else {
        Err("not a boolean word")
    }
}

/// Python's `int(text)`: surrounding white space, an optional sign, and
/// decimal digits with single underscores between them (`1_000`).
///
/// Python also accepts non-ASCII decimal digits; this parser does not.
pub fn integer(text: &str) -> Result<i128, Rejection> {
    let body = py_strip(text);
    let (negative, digits) = split_sign(body);
    if !is_digit_part(digits) {
        return Err("not a whole number");
    }
    let mut value: i128 = 0;
    for d in digits.bytes().filter(u8::is_ascii_digit) {
        value = value.checked_mul(10).and_then(|v| v.checked_add(i128::from(d - b'0'))).ok_or("too large")?;
    }
    Ok(if negative { -value } else { value })
}

/// Python's `float(text)`, restricted to finite values: NaN and the
/// infinities are rejected (gevent accepts them, but no setting of its means
/// anything by them), and so is a number too large to represent.
pub fn float(text: &str) -> Result<f64, Rejection> {
    let body = py_strip(text);
    let (_, unsigned) = split_sign(body);
    if unsigned.eq_ignore_ascii_case("nan") {
        return Err("NaN is not a number that can be used here");
    }
    if unsigned.eq_ignore_ascii_case("inf") || unsigned.eq_ignore_ascii_case("infinity") {
        return Err("infinity is not a usable value");
    }
    if !is_py_float(unsigned) {
        return Err("not a number");
    }
    let value: f64 =
        if body.contains('_') { body.chars().filter(|&c| c != '_').collect::<String>().parse() } else { body.parse() }
            .map_err(|_| "not a number")?;
    if value.is_finite() { Ok(value) } else { Err("too large to represent") }
}

/// gevent's byte count: a whole number, optionally suffixed `kb`, `mb` or
/// `gb` in any case (powers of 1024). As in gevent, the suffix is the last two
/// characters exactly (`"5 kb"` is 5120, `"5kb "` is an error).
pub fn byte_count(text: &str) -> Result<i128, Rejection> {
    const MULTIPLES: [(&str, i128); 3] = [("kb", 1 << 10), ("mb", 1 << 20), ("gb", 1 << 30)];
    // As `boolean`: Unicode lower case only where it can differ from ASCII's.
    let lowered;
    let text = if text.is_ascii() {
        text
    } else {
        lowered = text.to_lowercase();
        lowered.as_str()
    };
    let split = text.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
    let (number, suffix) = text.split_at(split);
    let (number, multiple) = match MULTIPLES.iter().find(|(s, _)| suffix.eq_ignore_ascii_case(s)) {
        Some(&(_, m)) => (number, m),
        None => (text, 1),
    };
    let count = integer(number).map_err(|_| "not a whole number of bytes")?;
    count.checked_mul(multiple).ok_or("too large")
}

/// gevent's list: the text split on commas, each item kept as given.
pub fn list(text: &str) -> Vec<String> {
    text.split(',').map(str::to_owned).collect()
}

/// Whether `path` has the form gevent can import: it contains a dot and no
/// `/` (`package.module.Item`).
pub fn is_importable_path(path: &str) -> bool {
    path.contains('.') && !path.contains('/')
}

/// `package.module.Item`: two or more non-empty segments of letters, digits
/// and underscores, separated by dots. What can be registered.
pub fn is_dotted_path(path: &str) -> bool {
    let mut segments = 0;
    for segment in path.split('.') {
        if segment.is_empty() || !segment.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return false;
        }
        segments += 1;
    }
    segments >= 2
}

fn split_sign(text: &str) -> (bool, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    }
}

/// `digit ("_"? digit)*`
fn is_digit_part(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.is_empty()
        && bytes[0].is_ascii_digit()
        && bytes[bytes.len() - 1].is_ascii_digit()
        && bytes.iter().all(|b| b.is_ascii_digit() || *b == b'_')
        && !text.contains("__")
}

/// Python's float grammar without the sign:
/// `(digitpart ("." digitpart?)? | "." digitpart) (("e" | "E") sign? digitpart)?`
fn is_py_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, frac)) => {
            (whole.is_empty() || is_digit_part(whole))
                && (frac.is_empty() || is_digit_part(frac))
                && !(whole.is_empty() && frac.is_empty())
        }
        None => is_digit_part(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| is_digit_part(split_sign(e).1));
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_follow_gevent() {
        for t in ["1", "true", "TRUE", " On ", "yes\n", "YeS"] {
            assert_eq!(boolean(t), Ok(true), "{t:?}");
        }
        for t in ["0", "false", "Off", " no ", "", "   "] {
            assert_eq!(boolean(t), Ok(false), "{t:?}");
        }
        for t in ["2", "y", "truee", "t rue", "nope"] {
            assert!(boolean(t).is_err(), "{t:?}");
        }
    }

    #[test]
    fn integers_follow_python_int() {
        assert_eq!(integer("42"), Ok(42));
        assert_eq!(integer(" -7 "), Ok(-7));
        assert_eq!(integer("+3"), Ok(3));
        assert_eq!(integer("1_000"), Ok(1000));
        assert_eq!(integer("007"), Ok(7));
        for t in ["", "1.5", "1__0", "_1", "1_", "0x10", "1e3", "- 1", "++1", "١"] {
            assert!(integer(t).is_err(), "{t:?}");
        }
        assert!(integer(&"9".repeat(40)).is_err());
    }

    #[test]
    fn floats_follow_python_float_but_stay_finite() {
        assert_eq!(float("0.1"), Ok(0.1));
        assert_eq!(float(" 5 "), Ok(5.0));
        assert_eq!(float("-1"), Ok(-1.0));
        assert_eq!(float(".5"), Ok(0.5));
        assert_eq!(float("5."), Ok(5.0));
        assert_eq!(float("1e3"), Ok(1000.0));
        assert_eq!(float("1_0.2_5"), Ok(10.25));
        assert_eq!(float("2E-1"), Ok(0.2));
        for t in ["", ".", "e5", "1e", "1..2", "abc", "1_", "0x1p3", "1 2"] {
            assert!(float(t).is_err(), "{t:?}");
        }
        for t in ["nan", "NaN", "-inf", "Infinity", "1e309"] {
            assert!(float(t).is_err(), "{t:?}");
        }
    }

    #[test]
    fn byte_counts_follow_gevent() {
        assert_eq!(byte_count("100"), Ok(100));
        assert_eq!(byte_count("5kb"), Ok(5 * 1024));
        assert_eq!(byte_count("5KB"), Ok(5 * 1024));
        assert_eq!(byte_count("3Mb"), Ok(3 << 20));
        assert_eq!(byte_count("2gb"), Ok(2 << 30));
        assert_eq!(byte_count("5 kb"), Ok(5 * 1024));
        assert_eq!(byte_count("-1kb"), Ok(-1024));
        for t in ["kb", "5b", "5kb ", "5 k b", "5tb", "1.5mb", "x"] {
            assert!(byte_count(t).is_err(), "{t:?}");
        }
        // Python lower-cases the Kelvin sign to `k`, so gevent reads this as kb.
        assert_eq!(byte_count("5\u{212a}b"), Ok(5 * 1024));
    }

    #[test]
    fn lists_keep_items_as_given() {
        assert_eq!(list("select,poll"), ["select", "poll"]);
        assert_eq!(list("a, b,,"), ["a", " b", "", ""]);
        assert_eq!(list(""), [""]);
    }

    #[test]
    fn dotted_paths() {
        assert!(is_dotted_path("gevent._fileobjectcommon.FileObjectThread"));
        for bad in ["thread", "a..b", ".a.b", "a.b.", "a/b.c", "a.b-c", ""] {
            assert!(!is_dotted_path(bad), "{bad:?}");
        }
    }

    #[test]
    fn importable_paths_need_a_dot_and_no_slash() {
        assert!(is_importable_path("gevent.threadpool.ThreadPool"));
        assert!(!is_importable_path("thread"));
        assert!(!is_importable_path("/tmp/x.Y"));
    }
}
