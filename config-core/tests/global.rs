//! The process-wide instance: lazy, set before use, shared by threads.

use config_core::{Global, Origin, OriginKind, Settings};

#[derive(Clone, Settings)]
#[settings(env_prefix = "GLOBAL_TEST_")]
pub struct Tunables {
    /// Seconds between checks.
    #[setting(default = 5.0, positive)]
    pub period: f64,
    /// Enabled.
    #[setting(default = false)]
    pub enabled: bool,
}

#[test]
fn set_before_use_then_read_from_many_threads() {
    static TUNABLES: Global<Tunables> = Global::new();
    TUNABLES.set("period", "2.5").unwrap();
    assert!(TUNABLES.set("period", "-2").is_err());
    assert_eq!(TUNABLES.get().period, 2.5);
    assert_eq!(TUNABLES.origin("period").map(|o| o.kind()), Ok(OriginKind::Code));
    assert_eq!(TUNABLES.origin("enabled"), Ok(Origin::Default));

    let readers: Vec<_> = (0..4).map(|_| std::thread::spawn(|| TUNABLES.get().period)).collect();
    for reader in readers {
        assert_eq!(reader.join().unwrap(), 2.5);
    }

    TUNABLES.update(|t| t.enabled = true).unwrap();
    assert!(TUNABLES.get().enabled);
    TUNABLES.reset("period").unwrap();
    assert_eq!(TUNABLES.get().period, 5.0);
}

#[test]
fn install_replaces_the_whole_configuration() {
    static TUNABLES: Global<Tunables> = Global::new();
    TUNABLES.install(Tunables::from_source(&[("GLOBAL_TEST_ENABLED", "yes")]).unwrap());
    assert!(TUNABLES.get().enabled);
    assert_eq!(TUNABLES.origin("enabled").map(|o| o.kind()), Ok(OriginKind::Env));
}

/// Settings of the test below alone: it sets their variable.
#[derive(Clone, Settings)]
#[settings(env_prefix = "GLOBAL_EXPLAIN_")]
pub struct Lamp {
    /// Brightness.
    #[setting(default = 1)]
    pub level: u32,
}

/// An instance loaded on first use (no `init`) explains a setting as a
/// load from the environment does: the environment's step is listed.
#[test]
fn the_first_load_explains_as_a_load_from_the_environment() {
    static LAMP: Global<Lamp> = Global::new();
    // SAFETY: no other test reads or writes this variable.
    unsafe { std::env::set_var("GLOBAL_EXPLAIN_LEVEL", "3") };
    let first = LAMP.explain("level").unwrap();
    let from_env = Lamp::from_env().unwrap().explain("level").unwrap();
    assert_eq!(first.steps.first().map(|step| step.source.as_str()), Some("environment"), "{first:?}");
    assert_eq!(first.why, from_env.why);
    assert_eq!(format!("{:?}", first.steps), format!("{:?}", from_env.steps));
}
