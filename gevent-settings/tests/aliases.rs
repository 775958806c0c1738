//! Every dotted path gevent ships for the objects its importable settings
//! name resolves here, to the object of the canonical path; and nothing
//! else is registered. The list is `data/gevent-import-paths.tsv`, made
//! from gevent 24.11.1 itself by `data/gevent_import_paths.py`.

use std::any::{Any, TypeId};
use std::collections::BTreeSet;

use config_core::{Loaded, Registered, Settings};
use gevent_settings::Config;
use gevent_settings::components::{
    EventLoop, FileObject, FileObjectPosix, FileObjectThread, FormatContext, LibevCextLoop, LibuvLoop, Resolver,
    ThreadPool,
};

const PATHS: &str = include_str!("data/gevent-import-paths.tsv");

struct Row {
    setting: &'static str,
    canonical: &'static str,
    path: &'static str,
    /// gevent's object at this path is whatever the setting chose when
    /// gevent imported the module: here, the setting's default.
    follows_setting: bool,
}

fn rows() -> Vec<Row> {
    let rows: Vec<Row> = PATHS
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), 4, "{line:?}");
            Row { setting: cells[0], canonical: cells[1], path: cells[2], follows_setting: cells[3] == "follows" }
        })
        // gevent cannot import its POSIX file object where there is no
        // `fcntl` (Windows), and neither can this crate.
        .filter(|row| cfg!(unix) || row.canonical != "gevent._fileobjectposix.FileObjectPosix")
        .collect();
    assert!(rows.len() >= 19, "{} rows", rows.len());
    rows
}

/// The concrete type of the object a setting holds.
fn implementation(config: &Config, setting: &str) -> TypeId {
    let object: &dyn Any = match setting {
        "resolver" => config.resolver.object(),
        "threadpool" => config.threadpool.object(),
        "loop" => config.r#loop.object(),
        "fileobject" => config.fileobject.object(),
        "format_context" => config.format_context.object(),
        other => panic!("{other} is not an importable setting"),
    };
    object.type_id()
}

fn load(setting: &str, path: &str) -> Loaded<Config> {
    let variable = Config::META.setting(setting).unwrap().env;
    Config::from_source(&[(variable, path)]).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_path_gevent_ships_resolves_to_the_canonical_object() {
    let defaults = Config::defaults().unwrap();
    for row in rows() {
        let config = load(row.setting, row.path);
        // The path it was chosen by is the one given, as for any path.
        assert_eq!(config.get(row.setting).unwrap(), config_core::Value::Str(row.path.to_owned()));
        let expected = if row.follows_setting {
            implementation(&defaults, row.setting)
        } else {
            implementation(&load(row.setting, row.canonical), row.setting)
        };
        assert_eq!(implementation(&config, row.setting), expected, "{}", row.path);
        // And by name in code, as gevent's `config.set(name, path)`.
        let mut config = Config::defaults().unwrap();
        config.set(row.setting, row.path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(implementation(&config, row.setting), expected, "{}", row.path);
    }
}

#[test]
fn the_registries_hold_exactly_the_paths_gevent_ships() {
    let registered: BTreeSet<(&str, &str)> = [
        ("resolver", <dyn Resolver>::registry().paths()),
        ("threadpool", <dyn ThreadPool>::registry().paths()),
        ("loop", <dyn EventLoop>::registry().paths()),
        ("fileobject", <dyn FileObject>::registry().paths()),
        ("format_context", <dyn FormatContext>::registry().paths()),
    ]
    .into_iter()
    .flat_map(|(setting, paths)| paths.into_iter().map(move |path| (setting, path)))
    .collect();
    let shipped: BTreeSet<(&str, &str)> = rows().iter().map(|row| (row.setting, row.path)).collect();
    assert_eq!(registered, shipped);
}

#[test]
fn the_aliases_that_follow_a_setting_are_the_platform_default() {
    let file = load("fileobject", "gevent.fileobject.FileObject");
    let core_loop = load("loop", "gevent.core.loop");
    let file: &dyn Any = file.fileobject.object();
    let core_loop: &dyn Any = core_loop.r#loop.object();
    assert_eq!(file.is::<FileObjectPosix>(), cfg!(unix));
    assert_eq!(file.is::<FileObjectThread>(), !cfg!(unix));
    assert_eq!(core_loop.is::<LibevCextLoop>(), !cfg!(windows));
    assert_eq!(core_loop.is::<LibuvLoop>(), cfg!(windows));
}

#[test]
fn the_deprecated_module_aliases_and_fileobject_reexports() {
    for (setting, path, canonical) in [
        ("resolver", "gevent.resolver_thread.Resolver", "gevent.resolver.thread.Resolver"),
        ("resolver", "gevent.resolver_ares.Resolver", "gevent.resolver.ares.Resolver"),
        ("fileobject", "gevent.fileobject.FileObjectThread", "gevent._fileobjectcommon.FileObjectThread"),
        ("fileobject", "gevent.fileobject.FileObjectBlock", "gevent._fileobjectcommon.FileObjectBlock"),
        #[cfg(unix)]
        ("fileobject", "gevent.fileobject.FileObjectPosix", "gevent._fileobjectposix.FileObjectPosix"),
    ] {
        let (alias, original) = (load(setting, path), load(setting, canonical));
        assert_eq!(implementation(&alias, setting), implementation(&original, setting), "{path}");
        // gevent's import of a deprecated module warns; choosing it here does not.
        let report = gevent_settings::load(&[(Config::META.setting(setting).unwrap().env, path)]);
        assert!(
            report.problems.is_empty() && report.warnings.is_empty(),
            "{path}: {:?} {:?}",
            report.problems,
            report.warnings
        );
    }
}
