// Items of the user's that share a name with something the derive
// generates, or once did: nothing generated is named where the user's
// tokens are read, so none of these clashes or is shadowed.
#![allow(dead_code, non_camel_case_types, non_upper_case_globals, non_snake_case)]

use config_core::Settings;

pub struct __Chunk0;
pub struct __META;
pub struct __FIELD_0;
pub struct __SETTING_0;
pub struct __Origins;
pub struct Value;
pub mod _config {
    pub fn check(n: &u32) -> Result<(), String> {
        if *n < 100 { Ok(()) } else { Err("too many".to_owned()) }
    }
}
const __setting: u32 = 5;
const __c: u32 = 6;
const __cx: u32 = 7;
const __value0: u32 = 8;
const __chunk0: u32 = 11;
fn __default_0() -> u32 {
    3
}
fn __load_chunk_0() {}
fn __load() {}
const FIELD: u32 = 9;
const SETTING: u32 = 10;

/// A struct with a generated item's name.
#[derive(Clone, Settings)]
pub struct __Chunk1 {
    #[setting(default = __default_0(), validate = _config::check)]
    pub a: u32,
    #[setting(default = __setting + __c + __cx + FIELD + SETTING + __value0 + __chunk0)]
    pub b: u32,
}

/// Another, whose fields' types are users' types with generated names.
#[derive(Clone, Settings)]
pub struct _config_ {
    pub value: Option<u32>,
}

/// One whose attributes name none of the items above: the derive's own
/// names are the ones those items have, and still nothing clashes (the
/// constants named like the loader's locals do not make them patterns).
#[derive(Clone, Settings)]
pub struct Plain {
    #[setting(default = 2)]
    pub a: u32,
    pub b: Option<String>,
}

fn main() {
    let config = __Chunk1::defaults().unwrap();
    assert_eq!((config.a, config.b), (3, 56));
    assert_eq!(__Chunk1::META.name, "__Chunk1");
    assert!(__Chunk1::from_source(&[("A", "100")]).is_err());
    let _ = _config_::defaults().unwrap();
    assert_eq!(Plain::from_source(&[("A", "3")]).unwrap().a, 3);
}
