//! Nested groups: a struct that derives `Settings` embedded in another, in
//! files, variables, `set`/`get`, origins and the unknown-variable check;
//! a library struct under two prefixes; renamed settings.

use std::time::Duration;

use config_core::{Origin, OriginKind, Settings, Warning};

/// A connection pool, as a library would define it (with its own prefix
/// for when it is used alone).
#[derive(Clone, Debug, Settings)]
#[settings(env_prefix = "POOL_")]
pub struct Pool {
    /// The database URL.
    #[setting(default = "postgres://localhost/app")]
    pub url: String,
    /// Connections kept open.
    #[setting(default = 10, range = 1..=256, alias = "size", alias_env = "POOL_SIZE")]
    pub pool_size: u32,
    /// How long to wait for a connection.
    #[setting(default = "5s")]
    pub connect_timeout: Duration,
}

/// An application with two databases.
#[derive(Clone, Debug, Settings)]
#[settings(env_prefix = "APP_")]
pub struct App {
    /// Worker threads.
    #[setting(default = 4)]
    pub workers: u32,
    /// The primary database.
    #[setting(nested)]
    pub database: Pool,
    /// A read-only replica.
    #[setting(nested, env_prefix = "REPLICA_")]
    pub replica: Pool,
    /// The database's pool, by a name with an underscore: `database_pool`
    /// is a setting, `database.pool_size` is a nested one.
    #[setting(default = 1)]
    pub database_pool: u32,
}

#[test]
fn nested_names_and_variables() {
    let names: Vec<_> = config_core::Loaded::<App>::names().collect();
    assert_eq!(
        names,
        [
            "workers",
            "database_pool",
            "database.url",
            "database.pool_size",
            "database.connect_timeout",
            "replica.url",
            "replica.pool_size",
            "replica.connect_timeout",
        ]
    );
    let tree = App::META.tree();
    let envs: Vec<_> = tree.leaves().iter().map(|l| l.env.to_string()).collect();
    assert_eq!(
        envs,
        [
            "APP_WORKERS",
            "APP_DATABASE_POOL",
            "APP_DATABASE_URL",
            "APP_DATABASE_POOL_SIZE",
            "APP_DATABASE_CONNECT_TIMEOUT",
            "APP_REPLICA_URL",
            "APP_REPLICA_POOL_SIZE",
            "APP_REPLICA_CONNECT_TIMEOUT",
        ]
    );
}

#[test]
fn the_same_struct_under_two_prefixes() {
    let config = App::from_source(&[
        ("APP_DATABASE_URL", "postgres://primary/app"),
        ("APP_REPLICA_URL", "postgres://replica/app"),
        ("APP_REPLICA_POOL_SIZE", "3"),
        ("APP_DATABASE_POOL", "2"),
    ])
    .unwrap();
    assert_eq!(config.database.url, "postgres://primary/app");
    assert_eq!(config.replica.url, "postgres://replica/app");
    assert_eq!((config.database.pool_size, config.replica.pool_size), (10, 3));
    assert_eq!(config.database_pool, 2, "an underscore is part of a name, never nesting");
    assert_eq!(config.origin("replica.pool_size").unwrap(), Origin::Env { var: "APP_REPLICA_POOL_SIZE" });
    assert!(config.warnings().is_empty(), "{:?}", config.warnings());
}

#[test]
fn the_library_struct_alone_keeps_its_own_prefix() {
    let pool = Pool::from_source(&[("POOL_POOL_SIZE", "7")]).unwrap();
    assert_eq!(pool.pool_size, 7);
    // Under APP_, its own prefix means nothing: not a setting, and reported.
    let config = App::from_source(&[("APP_POOL_POOL_SIZE", "7")]).unwrap();
    assert_eq!(config.database.pool_size, 10);
    assert!(
        matches!(config.warnings(), [Warning::UnknownVariable { variable, .. }] if variable == "APP_POOL_POOL_SIZE")
    );
}

#[test]
fn nested_settings_in_files() {
    let text =
        "workers = 2\n[database]\nurl = \"postgres://db\"\npool_size = 20\n[replica]\nconnect_timeout = \"1s\"\n";
    let dir = std::env::temp_dir().join(format!("config-core-nesting-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("app.toml");
    std::fs::write(&path, text).unwrap();
    let config = App::builder().file(&path).load().unwrap();
    assert_eq!(config.database.pool_size, 20);
    assert_eq!(config.replica.connect_timeout, Duration::from_secs(1));
    assert!(matches!(
        config.origin("database.pool_size").unwrap(),
        Origin::File { line: 4, key: "database.pool_size", .. }
    ));
    // A typo inside a group is suggested in full.
    std::fs::write(&path, "[database]\npool_sise = 20\n").unwrap();
    let config = App::builder().file(&path).load().unwrap();
    let warning = config.warnings()[0].to_string();
    assert!(
        warning.ends_with("`database.pool_sise` does not name a setting; did you mean `database.pool_size`?"),
        "{warning}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn set_and_get_by_dotted_name() {
    let mut config = App::defaults().unwrap();
    config.set("replica.pool_size", "12").unwrap();
    assert_eq!(config.replica.pool_size, 12);
    assert_eq!(config.database.pool_size, 10);
    assert_eq!(config.get("replica.pool_size").unwrap(), 12u32.into());
    let error = config.set("replica.pool_sise", 3).unwrap_err().to_string();
    assert_eq!(error, "no setting is named \"replica.pool_sise\"; did you mean `replica.pool_size`?");
    config.update(|c| c.database.url = "postgres://other".into()).unwrap();
    assert_eq!(config.origin("database.url").unwrap().kind(), OriginKind::Code);
    assert!(config.update(|c| c.replica.pool_size = 0).is_err());
}

#[test]
fn a_former_name_still_sets_the_setting_with_a_warning() {
    let config = App::from_source(&[("APP_REPLICA_SIZE", "4")]).unwrap();
    assert_eq!(config.replica.pool_size, 4);
    match config.warnings() {
        [Warning::Renamed { old, setting, .. }] => {
            assert_eq!((*old, *setting), ("APP_REPLICA_SIZE", "replica.pool_size"))
        }
        other => panic!("{other:?}"),
    }
    // `explain` needs the sources kept, as a builder keeps them.
    let config = App::builder().source([("APP_REPLICA_SIZE", "4")]).load().unwrap();
    let explanation = config.explain("replica.pool_size").unwrap();
    assert_eq!(explanation.steps[0].alias, Some("APP_REPLICA_SIZE"));

    let mut config = App::defaults().unwrap();
    config.set("database.size", 9).unwrap();
    assert_eq!(config.database.pool_size, 9);
}

#[test]
fn both_names_at_once_are_reported() {
    let config = App::from_source(&[("APP_DATABASE_POOL_SIZE", "5"), ("APP_DATABASE_SIZE", "6")]).unwrap();
    assert_eq!(config.database.pool_size, 5, "the current name wins");
    assert!(config.warnings().iter().any(|w| matches!(w, Warning::BothNames { old: "APP_DATABASE_SIZE", .. })));
}

#[test]
fn the_metadata_carries_the_tree() {
    let json = serde_json::to_value(App::META).unwrap();
    assert_eq!(json["groups"][0]["name"], "database");
    assert_eq!(json["groups"][1]["env_prefix"], "REPLICA_");
    assert_eq!(json["groups"][1]["meta"]["settings"][1]["aliases"][0], "size");
    let back = config_core::meta::StructMeta::from_json(&json.to_string()).unwrap();
    assert_eq!(back.tree().leaves().len(), 8);
}

#[test]
fn a_group_given_a_value_points_at_its_settings() {
    let mut args = config_core::CommandLine::new();
    args.push_assignment(std::ffi::OsStr::new("replica=5")).unwrap();
    let config = App::builder().args(args).load().unwrap();
    let warnings: Vec<String> = config.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["command-line argument --set replica: `replica` does not name a setting; did you mean `replica.url`?"]
    );
}

/// A group cannot sit unaligned in a packed struct, where its fields could
/// not be reached by reference: the table refuses it (the derive already
/// refuses `#[repr(packed)]`; this is the table's own check, for a group).
#[test]
#[should_panic(expected = "a settings struct cannot be `#[repr(packed)]`")]
fn a_group_in_a_packed_struct_is_refused() {
    #[repr(C, packed)]
    struct Packed {
        _flag: u8,
        pool: Pool,
    }
    // SAFETY: the offset is that of a `Pool` field; the constructor is what
    // refuses it.
    let _ = unsafe { config_core::__private::GroupSlot::<Packed>::new::<Pool>(std::mem::offset_of!(Packed, pool)) };
}
