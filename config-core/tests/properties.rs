//! Property tests of every parser and built-in check: arbitrary text never
//! panics, every valid value round-trips through its documented text form,
//! and the byte-count parser agrees with a simple reference model over its
//! whole input space, overflow included.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use config_core::meta::{DefaultValue, EmptyValues, Kind, ListItems, Literal, Rules, SettingMeta, ValueType};
use config_core::{Importable, SettingEnum, SettingValue, Settings, Value, parse};
use proptest::prelude::*;

/// A setting of `kind`, for calling the parsers as the loader does.
const fn setting(kind: Kind, checks: &'static [config_core::meta::Check], list_items: ListItems) -> SettingMeta {
    SettingMeta {
        name: "probe",
        env: "PROBE",
        value: ValueType::of(kind),
        rust_type: "",
        optional: false,
        required: false,
        doc: "",
        default: DefaultValue { value: Literal::None, doc: None },
        shorthands: &[],
        checks,
        rules: Rules { empty_values: EmptyValues::Unset, list_items },
        deprecated: None,
        aliases: &[],
        env_aliases: &[],
        added: None,
        see_also: &[],
        hidden: false,
        secret: false,
        frozen: false,
    }
}

static BOOL: SettingMeta = setting(Kind::Bool, &[], ListItems::Trimmed);
static INTEGER: SettingMeta = setting(Kind::Integer, &[], ListItems::Trimmed);
static BYTES: SettingMeta = setting(Kind::ByteCount, &[], ListItems::Trimmed);
static FLOAT: SettingMeta = setting(Kind::Float, &[], ListItems::Trimmed);
static TEXT: SettingMeta = setting(Kind::String, &[], ListItems::Trimmed);
static LIST: SettingMeta = setting(Kind::List, &[], ListItems::AsGiven);
static TRIMMED_LIST: SettingMeta = setting(Kind::List, &[], ListItems::Trimmed);
static IMPORTABLE: SettingMeta = setting(Kind::Registered, &[], ListItems::AsGiven);
static DURATION: SettingMeta = setting(Kind::Duration, &[], ListItems::Trimmed);
static ADDRESS: SettingMeta = setting(Kind::SocketAddr, &[], ListItems::Trimmed);
static CHOICE: SettingMeta = setting(Kind::Choice, &[], ListItems::Trimmed);

/// An enum of three choices, one with aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, SettingEnum)]
pub enum Shade {
    /// Light.
    Light,
    /// Dark.
    #[choice(alias = ["night", "dim"])]
    Dark,
    /// As the system says.
    FollowSystem,
}

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
        let _ = Importable::<dyn Nothing>::from_value(text.split(',').collect::<Vec<_>>().into(), &IMPORTABLE);
        let _ = parse::duration(&text);
        let _ = Duration::parse(&text, &DURATION);
        let _ = Vec::<Duration>::parse(&text, &TRIMMED_LIST);
        let _ = SocketAddr::parse(&text, &ADDRESS);
        let _ = parse::ip_addr(&text);
        let _ = parse::character(&text);
        let _ = Shade::parse(&text, &CHOICE);
        let _ = std::path::PathBuf::parse(&text, &TEXT);
    }

    #[test]
    fn durations_round_trip(nanos in any::<u64>()) {
        let d = Duration::from_nanos(nanos);
        prop_assert_eq!(parse::duration(&parse::format_duration(d)), Ok(d));
        prop_assert_eq!(Duration::from_value(d.to_value(), &DURATION), Ok(d));
    }

    #[test]
    fn whole_seconds_and_milliseconds_read_as_written(secs in 0u32..1_000_000, millis in 0u32..1000) {
        prop_assert_eq!(parse::duration(&secs.to_string()), Ok(Duration::from_secs(secs.into())));
        prop_assert_eq!(parse::duration(&format!("{millis}ms")), Ok(Duration::from_millis(millis.into())));
    }

    #[test]
    fn addresses_round_trip(ip in any::<IpAddr>(), port in any::<u16>()) {
        let address = SocketAddr::new(ip, port);
        prop_assert_eq!(SocketAddr::parse(&address.to_string(), &ADDRESS), Ok(address));
        prop_assert_eq!(parse::ip_addr(&format!(" {ip} ")), Ok(ip));
    }

    #[test]
    fn characters_round_trip(c in any::<char>()) {
        prop_assert_eq!(parse::character(&c.to_string()), Ok(c));
    }

    #[test]
    fn choices_round_trip_in_any_case(index in 0usize..3, upper in any::<bool>()) {
        let shade = Shade::VARIANTS[index];
        let name = if upper { shade.name().to_uppercase() } else { shade.name().to_owned() };
        prop_assert_eq!(Shade::parse(&name, &CHOICE), Ok(shade));
        prop_assert_eq!(Shade::from_value(shade.to_value(), &CHOICE), Ok(shade));
    }

    #[test]
    fn trimmed_lists_round_trip(items in prop::collection::vec("[a-z0-9]{1,12}", 0..30)) {
        let spaced = items.iter().map(|i| format!(" {i} ")).collect::<Vec<_>>().join(",");
        prop_assert_eq!(Vec::<String>::parse(&spaced, &TRIMMED_LIST), Ok(items));
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
