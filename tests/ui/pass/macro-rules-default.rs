// Defaults passed through `macro_rules!`, as `$d:literal` and as `$d:expr`:
// the generated code's locals do not take the spans of the user's tokens,
// so the macro's hygiene hides none of them.
use config_core::Settings;

macro_rules! literal_default {
    ($name:ident, $d:literal) => {
        #[derive(Clone, Settings)]
        pub struct $name {
            #[setting(default = $d)]
            pub a: u32,
            #[setting(bytes, default = "2kb")]
            pub b: u64,
        }
    };
}

macro_rules! expr_default {
    ($name:ident, $d:expr, $list:expr, $text:expr, $neg:expr) => {
        #[derive(Clone, Settings)]
        pub struct $name {
            #[setting(default = $d, positive)]
            pub a: u32,
            #[setting(default = $text)]
            pub b: String,
            #[setting(default = $neg)]
            pub c: i8,
            #[setting(default = $list)]
            pub d: u64,
        }
    };
}

literal_default!(Literal, 7);
expr_default!(Expression, 8, 1 << 20, "text", -3);

fn main() {
    let literal = Literal::defaults().unwrap();
    assert_eq!((literal.a, literal.b), (7, 2048));
    let expression = Expression::defaults().unwrap();
    assert_eq!((expression.a, expression.b.as_str(), expression.c, expression.d), (8, "text", -3, 1 << 20));
    assert_eq!(Expression::META.setting("a").unwrap().default.value, config_core::meta::Literal::Number("8"));
}
