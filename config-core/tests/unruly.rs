//! A layer is anyone's code: one that answers out of order, twice, or for
//! a key it was not asked about cannot make the loader write a field twice
//! or drop one it never wrote. (Run under Miri by `.ci/miri`, which would
//! report either.)

use std::ffi::OsStr;
use std::sync::Arc;

use config_core::{Found, Key, Layer, Origin, Provider, Rank, Raw, Settings, SourceError};

/// Three settings that own memory, the middle one required.
#[derive(Clone, Debug, Settings)]
#[settings(env_prefix = "UNRULY_")]
pub struct Unruly {
    /// First.
    #[setting(default = "a")]
    pub first: String,
    /// Second.
    #[setting(required)]
    pub second: String,
    /// Third.
    #[setting(default = "c")]
    pub third: String,
}

/// A validator that panics on one value, after settings that own memory
/// were written: the unwinding load drops exactly those.
#[derive(Clone, Debug, Settings)]
#[settings(env_prefix = "PANICKY_")]
pub struct Panicky {
    /// Written before the panic.
    #[setting(default = "before")]
    pub before: String,
    /// Panics on `boom`.
    #[setting(default = "fine", validate = no_boom)]
    pub checked: String,
    /// After the panic, never written.
    pub after: Vec<String>,
}

fn no_boom(value: &str) -> Result<(), String> {
    assert!(value != "boom", "the validator panics");
    Ok(())
}

/// A layer that answers with `(position, value)` pairs exactly as listed.
struct Answers(Vec<(usize, &'static str)>);

impl Layer for Answers {
    fn get(&self, _: Key) -> Option<Found<'_>> {
        None
    }

    fn get_each<'a>(&'a self, _: &[Option<Key>], found: &mut dyn FnMut(usize, Found<'a>)) {
        for &(index, text) in &self.0 {
            let origin = Origin::Store { store: "test".into(), key: text.into(), revision: 1 };
            found(index, Found { raw: Raw::Text(OsStr::new(text).into()), origin });
        }
    }
}

impl Provider for Answers {
    fn rank(&self) -> Rank {
        Rank::Store
    }

    fn describe(&self) -> String {
        "answers".into()
    }

    fn read(&self) -> Result<Arc<dyn Layer>, SourceError> {
        Ok(Arc::new(Answers(self.0.clone())))
    }
}

fn load(answers: &[(usize, &'static str)]) -> Result<Unruly, String> {
    let loaded = Unruly::builder().provider(Answers(answers.to_vec())).load();
    loaded.map(config_core::Loaded::into_inner).map_err(|error| error.to_string())
}

#[test]
fn answers_out_of_order_or_twice_are_ignored() {
    // The first answer for a position is taken; a repeat, a step back and a
    // position past the end are ignored.
    let config = load(&[(0, "x"), (0, "w"), (1, "y"), (2, "z"), (1, "q"), (7, "?")]).unwrap();
    assert_eq!((config.first.as_str(), config.second.as_str(), config.third.as_str()), ("x", "y", "z"));
}

#[test]
fn a_load_that_misses_a_setting_after_a_repeated_answer_drops_only_what_it_wrote() {
    // `first` is answered twice, `second` never: the load fails, and
    // `second`, never written, is not dropped.
    let error = load(&[(0, "x"), (0, "w"), (2, "z")]).unwrap_err();
    assert!(error.contains("second"), "{error}");
    // A step back to the missing setting does not write it late.
    let error = load(&[(0, "x"), (2, "z"), (1, "y")]).unwrap_err();
    assert!(error.contains("second"), "{error}");
}

#[test]
fn with_two_layers_every_answer_is_weighed_and_none_is_trusted_blindly() {
    let config = Unruly::builder()
        .provider(Answers(vec![(1, "low"), (9, "?")]))
        .source([("UNRULY_FIRST", "env")])
        .load()
        .unwrap();
    assert_eq!((config.first.as_str(), config.second.as_str(), config.third.as_str()), ("env", "low", "c"));
}

#[test]
fn a_validator_that_panics_mid_load_leaves_nothing_half_dropped() {
    let source = [("PANICKY_BEFORE", "owned text"), ("PANICKY_CHECKED", "boom"), ("PANICKY_AFTER", "a,b")];
    let unwound = std::panic::catch_unwind(|| Panicky::from_source(&source));
    assert!(unwound.is_err(), "the validator's panic goes through the load");
    // The struct still loads afterwards, from a good value.
    let config = Panicky::from_source(&[("PANICKY_CHECKED", "ok"), ("PANICKY_AFTER", "a,b")]).unwrap();
    assert_eq!((config.before.as_str(), config.checked.as_str(), config.after.len()), ("before", "ok", 2));
}
