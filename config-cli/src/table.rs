//! The effective configuration as an aligned table, safe for a terminal.

use config_core::{Loaded, Settings, escape};

/// A column is padded to its widest cell of at most this many characters.
/// A wider cell is printed in full and pushes the rest of its own row to
/// the right, so that one long value does not pad every other row to its
/// width.
const ALIGN_UP_TO: usize = 60;

/// The settings as a table: name, value, source, and the exact origin (a
/// variable, a file and line). Values are shown in full and escaped (a
/// newline shows as `\n`), and secret ones redacted.
pub fn table<C: Settings>(loaded: &Loaded<C>) -> String {
    let notation = C::META.notation;
    let header = ["SETTING", "VALUE", "SOURCE", "ORIGIN"].map(str::to_owned);
    let rows: Vec<[String; 4]> = std::iter::once(header)
        .chain(loaded.iter().map(|state| {
            [
                state.name.to_owned(),
                escape::terminal(&state.shown_in(notation)).into_owned(),
                state.origin.label().to_owned(),
                escape::terminal(&state.origin.to_string()).into_owned(),
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
