//! The effective configuration as an aligned table, safe for a terminal.

use config_core::{Loaded, Origin, SettingState, Settings, escape};

/// A column is padded to its widest cell of at most this many characters.
/// A wider cell is printed in full and pushes the rest of its own row to
/// the right, so that one long value does not pad every other row to its
/// width.
const ALIGN_UP_TO: usize = 60;

/// The settings as a table: name, value, source (with the exact place for a
/// file, a command-line argument, a store or code) and variable. Values are
/// shown in full and escaped (a newline shows as `\n`), and secret ones
/// redacted.
pub fn table<C: Settings>(loaded: &Loaded<C>) -> String {
    let notation = C::META.notation;
    let header = ["SETTING", "VALUE", "SOURCE", "VARIABLE"].map(str::to_owned);
    let rows: Vec<[String; 4]> = std::iter::once(header)
        .chain(loaded.iter().map(|state| {
            [
                state.name.to_owned(),
                escape::terminal(&state.shown_in(notation)).into_owned(),
                escape::terminal(&source(&state)).into_owned(),
                state.env.to_owned(),
            ]
        }))
        .collect();
    let widths: [usize; 4] = std::array::from_fn(|column| {
        rows.iter().map(|row| row[column].chars().count()).filter(|&width| width <= ALIGN_UP_TO).max().unwrap_or(0)
    });
    let mut text = String::new();
    for row in &rows {
        push_row(&mut text, row, &widths);
    }
    text
}

/// Appends `row`, each cell but the last padded to its column's width.
/// Padding repeats spaces rather than using a `format!` width, which is
/// limited to 65,535.
fn push_row(text: &mut String, row: &[String; 4], widths: &[usize; 4]) {
    let last = row.len() - 1;
    for (column, (cell, &width)) in row.iter().zip(widths).enumerate() {
        text.push_str(cell);
        if column < last {
            let padding = width.saturating_sub(cell.chars().count()) + 2;
            text.extend(std::iter::repeat_n(' ', padding));
        }
    }
    text.push('\n');
}

/// Where a value came from, briefly: `default`, `environment`,
/// `file app.toml:3:14`, `code src/main.rs:10:5`.
fn source(state: &SettingState) -> String {
    match &state.origin {
        Origin::Env { var } if *var == state.env => "environment".to_owned(),
        Origin::Env { var } => format!("environment {var}"),
        Origin::DotEnv { path, line, .. } => format!("dotenv {}:{line}", path.display()),
        Origin::File { path, line, column, .. } => format!("file {}:{line}:{column}", path.display()),
        Origin::KeyFile { path } => format!("file {}", path.display()),
        Origin::CommandLine { arg } => format!("command line {arg}"),
        Origin::Store { store, key, revision } => format!("{store} {key} (revision {revision})"),
        Origin::Code { location } => format!("code {location}"),
        other => other.label().to_owned(),
    }
}
