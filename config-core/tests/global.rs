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
