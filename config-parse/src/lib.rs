//! The text parsers of `config-core`: booleans, whole numbers, finite
//! floats, byte counts, durations, addresses, characters and lists.
//!
//! Each function takes the text as given (an environment value, a
//! command-line value, a string passed to `set`) and says why it is
//! rejected. `config-core` parses values with them at run time, and its
//! derive parses literal defaults with them at compile time, so a default
//! that a value could not be is a compile error, reported by the same rules.
//!
//! The number syntax is Rust's and Python's common ground: surrounding white
//! space, an optional sign, ASCII digits with single underscores between
//! them (`1_000`).

/// Why text was rejected.
pub type Rejection = &'static str;

/// White space around a value: Unicode white space plus the four
/// information separators `\x1c`..`\x1f` (which Python's `strip()` also
/// removes, so that values written for Python programs read the same).
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// `text` without the white space around it.
pub fn trim(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// A boolean: trimmed and case-insensitive, `1 true on yes` are true,
/// `0 false off no` and the empty string are false, anything else is an error.
pub fn boolean(text: &str) -> Result<bool, Rejection> {
    let word = trim(text);
    // Lower case is Unicode's (the Kelvin sign is a `k`); only non-ASCII
    // text needs it, and its allocation, to compare the same.
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

/// A whole number: surrounding white space, an optional sign, and ASCII
/// decimal digits with single underscores between them (`1_000`).
pub fn integer(text: &str) -> Result<i128, Rejection> {
    let body = trim(text);
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

/// A finite number: a whole number's syntax with an optional fraction and
/// exponent (`0.5`, `.5`, `5.`, `1e-3`). NaN and the infinities are
/// rejected, and so is a number too large to represent.
pub fn float(text: &str) -> Result<f64, Rejection> {
    let body = trim(text);
    let (_, unsigned) = split_sign(body);
    if unsigned.eq_ignore_ascii_case("nan") {
        return Err("NaN is not a number that can be used here");
    }
    if unsigned.eq_ignore_ascii_case("inf") || unsigned.eq_ignore_ascii_case("infinity") {
        return Err("infinity is not a usable value");
    }
    if !is_float_syntax(unsigned) {
        return Err("not a number");
    }
    let value: f64 =
        if body.contains('_') { body.chars().filter(|&c| c != '_').collect::<String>().parse() } else { body.parse() }
            .map_err(|_| "not a number")?;
    if value.is_finite() { Ok(value) } else { Err("too large to represent") }
}

/// A byte count: a whole number, optionally suffixed `kb`, `mb` or `gb` in
/// any case (powers of 1024). The suffix is the last two characters exactly
/// (`"5 kb"` is 5120, `"5kb "` is an error).
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

/// A list, split on commas, each item kept exactly as given (`"a, b,,"` is
/// `["a", " b", "", ""]`).
pub fn list(text: &str) -> Vec<String> {
    list_items_as_given(text).map(str::to_owned).collect()
}

/// The items of a list, each kept exactly as given.
pub fn list_items_as_given(text: &str) -> impl Iterator<Item = &str> {
    text.split(',')
}

/// The items of a list, each trimmed, empty ones left out (`" a, b,,"` is
/// `["a", "b"]`, so a trailing comma is harmless).
pub fn list_items_trimmed(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').map(trim).filter(|item| !item.is_empty())
}

/// A duration: a number and a unit (`30s`, `500ms`, `2.5s`, `1.5h`), several
/// such parts (`1h30m`, `1h 30m`), or a bare number, which is seconds
/// (`30`, `0.25`). Units: `ns`, `us`/`µs`, `ms`, `s`/`sec`, `m`/`min`,
/// `h`/`hr`, `d`/`days`, `w`/`weeks` (and the other spellings of the
/// `humantime` crate). Negative durations are rejected.
pub fn duration(text: &str) -> Result<std::time::Duration, Rejection> {
    let text = trim(text);
    if text.starts_with('-') {
        return Err("a duration cannot be negative");
    }
    if text.bytes().any(|b| b.is_ascii_digit()) && is_float_syntax(split_sign(text).1) {
        return seconds(float(text)?);
    }
    if let Ok(duration) = humantime::parse_duration(text) {
        return Ok(duration);
    }
    // humantime reads whole numbers only: `2.5s` is one number and one unit.
    let unit_at = text.find(|c: char| c.is_alphabetic() || c == 'µ').ok_or(DURATION)?;
    let (number, unit) = (trim(&text[..unit_at]), trim(&text[unit_at..]));
    let scale = unit_seconds(unit).ok_or(DURATION)?;
    seconds(float(number).map_err(|_| DURATION)? * scale)
}

const DURATION: Rejection = "not a duration: write a number and a unit, such as 30s, 500ms, 2.5s or 1h30m";

fn seconds(value: f64) -> Result<std::time::Duration, Rejection> {
    std::time::Duration::try_from_secs_f64(value).map_err(|_| "not a duration that can be represented")
}

/// Seconds in one of a unit, for a fractional duration (`2.5s`).
fn unit_seconds(unit: &str) -> Option<f64> {
    let seconds = match unit {
        "nanos" | "nsec" | "ns" => 1e-9,
        "usec" | "us" | "µs" => 1e-6,
        "millis" | "msec" | "ms" => 1e-3,
        "seconds" | "second" | "secs" | "sec" | "s" => 1.0,
        "minutes" | "minute" | "mins" | "min" | "m" => 60.0,
        "hours" | "hour" | "hrs" | "hr" | "h" => 3600.0,
        "days" | "day" | "d" => 86_400.0,
        "weeks" | "week" | "w" => 604_800.0,
        _ => return None,
    };
    Some(seconds)
}

/// A duration written as [`duration`] reads it back (`1h 30m`, `2s 500ms`).
pub fn format_duration(value: std::time::Duration) -> String {
    if value.is_zero() {
        return "0s".to_owned();
    }
    humantime::format_duration(value).to_string()
}

/// An IP address and port (`127.0.0.1:8080`, `[::1]:443`), trimmed.
pub fn socket_addr(text: &str) -> Result<std::net::SocketAddr, Rejection> {
    trim(text).parse().map_err(|_| "not an address and port, such as 127.0.0.1:8080 or [::1]:8080")
}

/// An IPv4 or IPv6 address (`10.0.0.1`, `::1`), trimmed.
pub fn ip_addr(text: &str) -> Result<std::net::IpAddr, Rejection> {
    trim(text).parse().map_err(|_| "not an IP address, such as 10.0.0.1 or ::1")
}

/// An IPv4 address (`10.0.0.1`), trimmed.
pub fn ipv4_addr(text: &str) -> Result<std::net::Ipv4Addr, Rejection> {
    trim(text).parse().map_err(|_| "not an IPv4 address, such as 10.0.0.1")
}

/// An IPv6 address (`::1`), trimmed.
pub fn ipv6_addr(text: &str) -> Result<std::net::Ipv6Addr, Rejection> {
    trim(text).parse().map_err(|_| "not an IPv6 address, such as ::1")
}

/// One character, exactly as given (a space is a character).
pub fn character(text: &str) -> Result<char, Rejection> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        (None, _) => Err("empty: expected one character"),
        (Some(_), Some(_)) => Err("more than one character"),
    }
}

/// Whether `path` has the form of a registry path given as a value: it
/// contains a dot and no `/` (`package.module.Item`).
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

/// The float grammar without the sign:
/// `(digitpart ("." digitpart?)? | "." digitpart) (("e" | "E") sign? digitpart)?`
fn is_float_syntax(text: &str) -> bool {
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
    fn booleans() {
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
    fn integers() {
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
    fn floats_stay_finite() {
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
    fn byte_counts() {
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
        // Unicode lower-cases the Kelvin sign to `k`.
        assert_eq!(byte_count("5\u{212a}b"), Ok(5 * 1024));
    }

    #[test]
    fn lists_keep_items_as_given() {
        assert_eq!(list("select,poll"), ["select", "poll"]);
        assert_eq!(list("a, b,,"), ["a", " b", "", ""]);
        assert_eq!(list(""), [""]);
    }

    #[test]
    fn trimmed_list_items() {
        assert_eq!(list_items_trimmed(" a, b,,").collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(list_items_trimmed("").count(), 0);
        assert_eq!(list_items_trimmed("https://a, https://b").collect::<Vec<_>>(), ["https://a", "https://b"]);
    }

    #[test]
    fn durations() {
        use std::time::Duration;
        assert_eq!(duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(duration("1h 30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(duration("2.5s"), Ok(Duration::from_millis(2500)));
        assert_eq!(duration("1.5h"), Ok(Duration::from_secs(5400)));
        assert_eq!(duration("30"), Ok(Duration::from_secs(30)));
        assert_eq!(duration(" 0.25 "), Ok(Duration::from_millis(250)));
        assert_eq!(duration("0"), Ok(Duration::ZERO));
        for bad in ["", "s", "30 parsecs", "-1s", "-5", "1.5.5s", "nan", "inf", "1e400", "abc"] {
            assert!(duration(bad).is_err(), "{bad:?}");
        }
        for d in [Duration::from_secs(5400), Duration::from_millis(2500), Duration::ZERO, Duration::from_nanos(7)] {
            assert_eq!(duration(&format_duration(d)), Ok(d), "{}", format_duration(d));
        }
    }

    #[test]
    fn addresses_and_characters() {
        assert_eq!(socket_addr(" 0.0.0.0:8080 ").unwrap().port(), 8080);
        assert!(socket_addr("localhost:80").is_err());
        assert!(ip_addr("::1").unwrap().is_loopback());
        assert!(ipv4_addr("::1").is_err());
        assert!(ipv6_addr("10.0.0.1").is_err());
        assert_eq!(character(" "), Ok(' '));
        assert!(character("ab").is_err());
        assert!(character("").is_err());
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
