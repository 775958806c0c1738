//! `markdown`: a page for GitHub or mdBook: a summary table (setting,
//! environment variable, default) linking to a section per setting. The
//! descriptions are written as their authors wrote them.

use std::fmt::Write as _;

use crate::model::{Page, SeeAlso, SettingDoc, code_span};

pub(crate) fn render(page: &Page) -> String {
    let mut out = format!("# {}\n\n", page.title);
    for line in &page.see_also {
        let _ = writeln!(out, "> **See also:** {}\n", line.markdown);
    }
    if !page.intro.is_empty() {
        let _ = writeln!(out, "{}\n", page.intro.markdown);
    }
    if let Some(added) = page.added {
        let _ = writeln!(out, "*Added in version {added}.*\n");
    }
    out.push_str("| Setting | Environment variable | Default |\n|---|---|---|\n");
    for setting in &page.settings {
        let meta = setting.meta;
        let default = meta.default_text(page.notation);
        let _ = writeln!(
            out,
            "| [{}](#{}) | {} | {} |",
            code_span(meta.name),
            anchor(meta.name),
            code_span(meta.env),
            code_span(&default).replace('|', "\\|")
        );
    }
    for setting in &page.settings {
        out.push('\n');
        section(&mut out, setting);
    }
    out
}

fn section(out: &mut String, setting: &SettingDoc) {
    let _ = writeln!(out, "## {}\n", code_span(setting.meta.name));
    if !setting.description.is_empty() {
        let _ = writeln!(out, "{}\n", setting.description.markdown);
    }
    if !setting.see_also.is_empty() {
        let entries: Vec<String> = setting
            .see_also
            .iter()
            .map(|s| match s {
                SeeAlso::Setting(name) => format!("[{}](#{})", code_span(name), anchor(name)),
                SeeAlso::Text(line) => line.markdown.clone(),
            })
            .collect();
        let _ = writeln!(out, "**See also:** {}\n", entries.join(", "));
    }
    if let Some(added) = setting.added {
        let _ = writeln!(out, "*Added in version {added}.*\n");
    }
    if let Some(d) = &setting.deprecated {
        let _ = writeln!(out, "> **Deprecated since version {}:** {}\n", d.since, d.text.markdown);
    }
    if !setting.kind.is_empty() {
        let _ = writeln!(out, "{}\n", setting.kind.markdown);
    }
    let _ = writeln!(out, "{}\n", setting.default.markdown);
    let _ = writeln!(out, "{}", setting.env.markdown);
}

/// The anchor GitHub and mdBook give a heading made of the name.
fn anchor(name: &str) -> String {
    name.chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() || c == '_' || c == '-' => Some(c.to_ascii_lowercase()),
            ' ' => Some('-'),
            _ => None,
        })
        .collect()
}
