//! Property tests of every parser and built-in check: arbitrary text never
//! panics, every valid value round-trips through its documented text form,
//! and the byte-count parser agrees with a simple reference model over its
//! whole input space, overflow included.

use config_core::meta::{DefaultValue, Kind, Literal, SettingMeta};
use config_core::{Importable, SettingValue, Settings, Value, parse};
use proptest::prelude::*;

/// A setting of `kind`, for calling the parsers as the loader does.
const fn setting(kind: Kind, checks: &'static [config_core::meta::Check]) -> SettingMeta {
    SettingMeta {
        name: "probe",
        env: "PROBE",
        kind,
        rust_type: "",
        optional: false,
        doc: "",
        default: DefaultValue { value: Literal::None, doc: None },
        shorthands: &[],
        checks,
        deprecated: None,
        added: None,
        see_also: &[],
        hidden: false,
        secret: false,
    }
}

static BOOL: SettingMeta = setting(Kind::Bool, &[]);
static INTEGER: SettingMeta = setting(Kind::Integer, &[]);
static BYTES: SettingMeta = setting(Kind::ByteCount, &[]);
static FLOAT: SettingMeta = setting(Kind::Float, &[]);
static TEXT: SettingMeta = setting(Kind::String, &[]);
static LIST: SettingMeta = setting(Kind::List, &[]);
static IMPORTABLE: SettingMeta = setting(Kind::Importable, &[]);

trait Nothing: Sync {}
struct Thing;
impl Nothing for Thing {}
config_core::registry!(dyn Nothing => { "probe.things.Thing" => &Thing });

/// Any text: every Unicode scalar, control characters, and long strings.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ \\t\\n\\x00-\\x1f0-9a-zA-Z_.,+\\-kKmMgGbB]{0,40}",
        prop::collection::vec(any::<char>(), 0..5000).prop_map(|c| c.into_iter().collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_parser_panics(text in any_text()) {
        let _ = parse::boolean(&text);
        let _ = parse::integer(&text);
        let _ = parse::float(&text);
        let _ = parse::byte_count(&text);
        let _ = parse::list(&text);
        let _ = parse::is_importable_path(&text);
        let _ = parse::is_dotted_path(&text);
        let _ = bool::parse(&text, &BOOL);
        let _ = u8::parse(&text, &INTEGER);
        let _ = i64::parse(&text, &INTEGER);
        let _ = u64::parse(&text, &BYTES);
        let _ = usize::parse(&text, &BYTES);
        let _ = f32::parse(&text, &FLOAT);
        let _ = f64::parse(&text, &FLOAT);
        let _ = String::parse(&text, &TEXT);
        let _ = Vec::<String>::parse(&text, &LIST);
        let _ = Option::<u16>::parse(&text, &INTEGER);
        let _ = Importable::<dyn Nothing>::parse(&text, &IMPORTABLE);
        let _ = Importable::<dyn Nothing>::from_value(Value::List(text.split(',').map(str::to_owned).collect()), &IMPORTABLE);
    }

    #[test]
    fn floats_are_finite_or_rejected(text in any_text()) {
        if let Ok(x) = parse::float(&text) {
            prop_assert!(x.is_finite());
        }
    }

    #[test]
    fn integers_round_trip(n in any::<i64>()) {
        prop_assert_eq!(parse::integer(&n.to_string()), Ok(i128::from(n)));
        prop_assert_eq!(i64::parse(&n.to_string(), &INTEGER), Ok(n));
        prop_assert_eq!(i64::from_value(n.into(), &INTEGER), Ok(n));
    }

    #[test]
    fn floats_round_trip(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        // `{:?}` is the documented form (`Value` shows floats so), `{}` too.
        prop_assert_eq!(parse::float(&format!("{x:?}")), Ok(x));
        prop_assert_eq!(parse::float(&format!("{x}")), Ok(x));
        let shown = x.to_value().display(Kind::Float, config_core::meta::Notation::Python).to_string();
        prop_assert_eq!(f64::parse(&shown, &FLOAT), Ok(x));
    }

    #[test]
    fn booleans_round_trip(b in any::<bool>(), upper in any::<bool>()) {
        let word = if upper { b.to_string().to_uppercase() } else { b.to_string() };
        prop_assert_eq!(parse::boolean(&word), Ok(b));
        prop_assert_eq!(parse::boolean(if b { "1" } else { "0" }), Ok(b));
    }

    #[test]
    fn byte_counts_round_trip(n in any::<u64>()) {
        prop_assert_eq!(u64::parse(&n.to_string(), &BYTES), Ok(n));
        let kib = n >> 10;
        prop_assert_eq!(u64::parse(&format!("{kib}kb"), &BYTES), Ok(kib << 10));
        let mib = n >> 20;
        prop_assert_eq!(u64::parse(&format!("{mib}MB"), &BYTES), Ok(mib << 20));
    }

    #[test]
    fn lists_round_trip(items in prop::collection::vec("[^,]{0,12}", 1..30)) {
        let joined = items.join(",");
        prop_assert_eq!(parse::list(&joined), items.clone());
        prop_assert_eq!(Vec::<String>::from_value(Value::Str(joined), &LIST), Ok(items));
    }

    #[test]
    fn text_is_kept_exactly(text in any_text()) {
        prop_assert_eq!(String::parse(&text, &TEXT), Ok(text.clone()));
    }

    /// The reference model, written independently and simply: the last two
    /// characters, lower-cased, choose a multiple; the rest is Python's
    /// `int()`, for which Rust's `i128` parser stands in once white space,
    /// `+` and single underscores between digits are dealt with; the result
    /// must fit a `u64`.
    #[test]
    fn byte_counts_agree_with_a_reference_model(
        space_before in "[ \\t]{0,2}",
        sign in "[+\\-]?",
        digits in "[0-9]{1,25}|[0-9]{1,5}(_[0-9]{1,5}){0,4}|[0-9]*__[0-9]*|",
        space_after in "[ \\t]{0,2}",
        suffix in "(k|K|m|M|g|G)(b|B)|b|tb|",
        junk in "x?",
    ) {
        let text = format!("{space_before}{sign}{digits}{space_after}{suffix}{junk}");
        prop_assert_eq!(u64::parse(&text, &BYTES).ok(), model(&text), "{:?}", text);
    }

    /// `positive` accepts exactly the numbers greater than zero.
    #[test]
    fn positive_accepts_exactly_numbers_above_zero(x in any::<f64>()) {
        let mut probe = Probe::defaults().unwrap();
        let accepted = probe.set("seconds", x).is_ok();
        prop_assert_eq!(accepted, x.is_finite() && x > 0.0);
        prop_assert_eq!(probe.seconds, if accepted { x } else { 1.0 });
    }
}

fn model(text: &str) -> Option<u64> {
    let lower = text.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let tail: String = chars.iter().rev().take(2).rev().collect();
    let (number, multiple): (String, u64) = match tail.as_str() {
        "kb" => (chars[..chars.len() - 2].iter().collect(), 1024),
        "mb" => (chars[..chars.len() - 2].iter().collect(), 1024 * 1024),
        "gb" => (chars[..chars.len() - 2].iter().collect(), 1024 * 1024 * 1024),
        _ => (lower.clone(), 1),
    };
    let number = number.trim();
    let digits = number.strip_prefix('+').unwrap_or(number);
    let body = digits.strip_prefix('-').unwrap_or(digits);
    let underscores_ok = !body.starts_with('_') && !body.ends_with('_') && !body.contains("__");
    if body.is_empty() || !underscores_ok || !body.chars().all(|c| c.is_ascii_digit() || c == '_') {
        return None;
    }
    let value: i128 = digits.replace('_', "").parse().ok()?;
    u64::try_from(value.checked_mul(i128::from(multiple))?).ok()
}

/// A struct with one `positive` float, for the check's property.
#[derive(Clone, Settings)]
pub struct Probe {
    /// Seconds.
    #[setting(default = 1.0, positive)]
    pub seconds: f64,
}
