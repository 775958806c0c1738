//! Whether a number written as a default fits the field's type. The derive
//! checks this itself: rustc's `overflowing_literals` is a lint, which an
//! `#![allow]`, or Cargo capping lints in a dependency, turns off, and a
//! default of 300 would then silently be a `u8`'s 44 while the metadata says
//! 300. A float literal too large for its type is infinity, with no lint.

use crate::ast::IntType;

/// A whole number as written: its sign and magnitude.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Whole {
    pub(crate) negative: bool,
    pub(crate) magnitude: u128,
}

impl Whole {
    /// From decimal digits (syn's `base10_digits`); `None` past `u128`.
    pub(crate) fn parse(negative: bool, digits: &str) -> Option<Whole> {
        digits.parse().ok().map(|magnitude| Whole { negative, magnitude })
    }

    /// From a byte count's value.
    pub(crate) fn from_i128(n: i128) -> Whole {
        Whole { negative: n < 0, magnitude: n.unsigned_abs() }
    }

    fn fits(self, signed: bool, bits: u32) -> bool {
        if self.negative && self.magnitude != 0 {
            signed && self.magnitude <= 1 << (bits - 1)
        } else if signed {
            self.magnitude < 1 << (bits - 1)
        } else {
            bits == 128 || self.magnitude < 1 << bits
        }
    }
}

impl std::fmt::Display for Whole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.negative && self.magnitude != 0 { "-" } else { "" };
        write!(f, "{sign}{}", self.magnitude)
    }
}

/// The width the derive checks `isize` and `usize` against; narrower targets
/// are checked by the generated code (see [`narrow_widths`]).
const WIDEST_POINTER: u32 = 64;

/// Why `n` does not fit `ty` (as the end of a sentence that names `n`), or
/// `None` when it fits. `n` is `None` past the range of `u128`.
pub(crate) fn int_misfit(n: Option<Whole>, ty: IntType) -> Option<String> {
    let bits = ty.bits.unwrap_or(WIDEST_POINTER);
    if n.is_some_and(|n| n.fits(ty.signed, bits)) {
        return None;
    }
    let range = range_text(ty.signed, bits);
    let (a, name) = (article(ty.name), ty.name);
    Some(match ty.bits {
        Some(_) => format!("does not fit {a} `{name}` ({range})"),
        None => format!("does not fit {a} `{name}` ({range} on a 64-bit target)"),
    })
}

/// "a `u8`", "an `i8`", as the names are read aloud.
pub(crate) fn article(type_name: &str) -> &'static str {
    if type_name.starts_with(['i', 'f']) { "an" } else { "a" }
}

/// The pointer widths narrower than 64 bits at which `n` does not fit a
/// `ty` of pointer width, with the range there.
pub(crate) fn narrow_widths(n: Whole, ty: IntType) -> Vec<(u32, String)> {
    if ty.bits.is_some() {
        return Vec::new();
    }
    [16, 32]
        .into_iter()
        .filter(|&bits| !n.fits(ty.signed, bits))
        .map(|bits| (bits, range_text(ty.signed, bits)))
        .collect()
}

/// "0 to 255", "-128 to 127".
fn range_text(signed: bool, bits: u32) -> String {
    if signed {
        let max = (1u128 << (bits - 1)) - 1;
        format!("-{} to {max}", max + 1)
    } else {
        let max = if bits == 128 { u128::MAX } else { (1u128 << bits) - 1 };
        format!("0 to {max}")
    }
}

/// Why a number written `digits` (a float or integer literal's decimal
/// form) cannot be an `f32` or `f64`: infinite there, or so small that it
/// would be 0.
pub(crate) fn float_misfit(digits: &str, bits: u32) -> Option<String> {
    let (value, largest, smallest) = match bits {
        32 => (digits.parse::<f32>().map(f64::from).ok()?, f64::from(f32::MAX), f64::from(f32::from_bits(1))),
        _ => (digits.parse::<f64>().ok()?, f64::MAX, f64::from_bits(1)),
    };
    let ty = format!("f{bits}");
    let mantissa = digits.split(['e', 'E']).next().unwrap_or(digits);
    let nonzero = mantissa.bytes().any(|b| (b'1'..=b'9').contains(&b));
    if value.is_infinite() {
        Some(format!("does not fit an `{ty}`: it would be infinite (the largest `{ty}` is {largest:e})"))
    } else if value == 0.0 && nonzero {
        Some(format!("is too small for an `{ty}`: it would be 0 (the smallest positive `{ty}` is {smallest:e})"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(name: &'static str, signed: bool, bits: Option<u32>) -> IntType {
        IntType { name, signed, bits }
    }

    fn misfit(n: Whole, ty: IntType) -> Option<String> {
        int_misfit(Some(n), ty)
    }

    fn whole(n: i128) -> Whole {
        Whole::from_i128(n)
    }

    #[test]
    fn every_width_has_its_range() {
        let u8_ = int("u8", false, Some(8));
        assert_eq!(misfit(whole(255), u8_), None);
        assert_eq!(misfit(whole(300), u8_).unwrap(), "does not fit a `u8` (0 to 255)");
        assert_eq!(misfit(whole(-1), u8_).unwrap(), "does not fit a `u8` (0 to 255)");
        let i8_ = int("i8", true, Some(8));
        assert_eq!(misfit(whole(-128), i8_), None);
        assert_eq!(misfit(whole(-129), i8_).unwrap(), "does not fit an `i8` (-128 to 127)");
        assert!(misfit(whole(128), i8_).is_some());
        assert_eq!(misfit(whole(65536), int("u16", false, Some(16))).unwrap(), "does not fit a `u16` (0 to 65535)");
        assert!(misfit(whole(i128::from(u32::MAX) + 1), int("u32", false, Some(32))).is_some());
        assert!(misfit(whole(i128::from(i64::MIN)), int("i64", true, Some(64))).is_none());
        assert!(misfit(whole(i128::from(i64::MIN) - 1), int("i64", true, Some(64))).is_some());
        let u128_max = Whole { negative: false, magnitude: u128::MAX };
        assert_eq!(misfit(u128_max, int("u128", false, Some(128))), None);
        assert!(misfit(u128_max, int("i128", true, Some(128))).is_some());
        assert_eq!(misfit(Whole { negative: true, magnitude: 1 << 127 }, int("i128", true, Some(128))), None);
        assert_eq!(misfit(whole(0), u8_), None);
        assert_eq!(Whole::parse(false, &"9".repeat(40)), None);
        assert_eq!(
            int_misfit(None, int("u128", false, Some(128))).unwrap(),
            format!("does not fit a `u128` (0 to {})", u128::MAX)
        );
    }

    #[test]
    fn pointer_widths_are_checked_at_64_bits_here_and_narrower_by_the_target() {
        let usize_ = int("usize", false, None);
        assert_eq!(misfit(whole(1 << 40), usize_), None);
        assert_eq!(
            narrow_widths(whole(1 << 40), usize_),
            [(16, "0 to 65535".to_owned()), (32, "0 to 4294967295".to_owned())]
        );
        assert_eq!(narrow_widths(whole(70_000), usize_), [(16, "0 to 65535".to_owned())]);
        assert!(narrow_widths(whole(5), usize_).is_empty());
        let isize_ = int("isize", true, None);
        assert!(misfit(Whole { negative: false, magnitude: 1 << 63 }, isize_).unwrap().contains("64-bit"));
    }

    #[test]
    fn floats_stay_finite_and_nonzero() {
        assert!(float_misfit("1e400", 64).unwrap().starts_with("does not fit an `f64`"));
        assert!(float_misfit("1e39", 32).is_some());
        assert_eq!(float_misfit("1e38", 32), None);
        assert!(float_misfit("1e-400", 64).unwrap().contains("too small"));
        assert_eq!(float_misfit("0.0", 64), None);
        assert_eq!(float_misfit("0e10", 64), None);
        assert_eq!(float_misfit("0.1", 32), None);
        assert!(float_misfit(&"9".repeat(40), 32).is_some(), "an integer literal for an f32");
    }
}
