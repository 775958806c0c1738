//! A test helper for the pages a project commits: [`assert_fresh`] fails
//! with a unified diff when a committed page is not what the settings type
//! renders now, and rewrites it instead when `UPDATE_DOCS=1` is set (as
//! insta's `INSTA_UPDATE` does for snapshots).

use std::path::Path;

use config_core::Settings;
use config_core::meta::StructMeta;

use crate::{Format, Options, render_meta};

/// The environment variable that makes [`assert_fresh`] rewrite the page.
pub const UPDATE_VARIABLE: &str = "UPDATE_DOCS";

/// Asserts that the file at `path` holds the settings of `C` rendered in
/// `format` with `options`: use it in a test, so that a change to the
/// settings that leaves the committed page stale fails the build.
///
/// ```no_run
/// # use config_core::Settings;
/// # #[derive(Clone, Settings)] struct Config { #[setting(default = 1)] workers: u32 }
/// use docs_gen::{Format, Options};
///
/// #[test]
/// fn the_settings_reference_is_up_to_date() {
///     docs_gen::assert_fresh::<Config>("docs/settings.md", Format::Markdown, &Options::default());
/// }
/// ```
///
/// # Panics
///
/// When the file is missing or differs, with a unified diff (`-` the file,
/// `+` what the type renders) and how to update it. With the environment
/// variable `UPDATE_DOCS` set to `1`, the file is written instead (its
/// directory must exist), and the assertion passes.
#[track_caller]
pub fn assert_fresh<C: Settings>(path: impl AsRef<Path>, format: Format, options: &Options) {
    assert_fresh_meta(C::META, path, format, options);
}

/// [`assert_fresh`] for metadata read from a file ([`StructMeta::from_json`]).
///
/// # Panics
///
/// As [`assert_fresh`].
#[track_caller]
pub fn assert_fresh_meta(meta: &'static StructMeta, path: impl AsRef<Path>, format: Format, options: &Options) {
    let update = std::env::var_os(UPDATE_VARIABLE).is_some_and(|v| v == "1");
    if let Err(message) = check(meta, path.as_ref(), format, options, update) {
        panic!("{message}");
    }
}

/// Compares (or, with `update`, writes) the page at `path`.
fn check(
    meta: &'static StructMeta,
    path: &Path,
    format: Format,
    options: &Options,
    update: bool,
) -> Result<(), String> {
    let current = render_meta(meta, format, options);
    let shown = path.display();
    let committed = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("cannot read {shown}: {e}")),
    };
    if committed.as_deref() == Some(current.as_str()) {
        return Ok(());
    }
    if update {
        return std::fs::write(path, &current).map_err(|e| format!("cannot write {shown}: {e}"));
    }
    let hint = format!("run the test with {UPDATE_VARIABLE}=1 to rewrite it");
    let Some(committed) = committed else {
        return Err(format!("{shown} does not exist: {hint}"));
    };
    let diff = similar::TextDiff::from_lines(&committed, &current);
    let diff = diff.unified_diff().context_radius(2).header(&shown.to_string(), "rendered now").to_string();
    Err(format!("{shown} is out of date ({format} page; - the file, + rendered now); {hint}:\n{diff}"))
}
