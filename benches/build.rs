//! Generates settings structs of 10, 100 and 1,000 fields for the growth
//! benchmark (and the compile-time script generates the same shape), and a
//! 200-setting struct in nested groups, with the same shape for serde, and
//! a TOML file that sets every setting, for the file benchmark.

use std::fmt::Write as _;

/// One field of a generated struct: five kinds, in turn.
fn field(n: usize, i: usize) -> String {
    let (attr, ty) = match i % 5 {
        0 => ("#[setting(default = false)]", "bool"),
        1 => ("#[setting(default = 8)]", "u32"),
        2 => ("#[setting(default = 0.5, positive)]", "f64"),
        3 => ("#[setting(default = \"text\")]", "String"),
        _ => ("", "Option<String>"),
    };
    format!("    /// Setting {i}.\n    {attr}\n    #[setting(env = \"GEN{n}_FIELD_{i}\")]\n    pub field_{i}: {ty},\n")
}

/// The file benchmark's shape: 40 settings at the top and four groups of
/// 40 (five kinds in turn), each group a struct of its own.
const GROUPS: [&str; 4] = ["database", "cache", "http", "logging"];
const PER_STRUCT: usize = 40;

/// One struct of the file benchmark, for config-core's derive and for
/// serde's, with its groups as fields.
fn toml_struct(out: &mut String, name: &str, groups: &[(&str, String)]) {
    let kinds = [("bool", "false"), ("u32", "8"), ("f64", "0.5"), ("String", "\"text\""), ("Option<String>", "")];
    let _ = writeln!(out, "/// Settings in a file.\n#[derive(Clone, config_core::Settings)]\npub struct {name} {{");
    for i in 0..PER_STRUCT {
        let (ty, default) = kinds[i % 5];
        let attr = if default.is_empty() { String::new() } else { format!("    #[setting(default = {default})]\n") };
        let _ = writeln!(out, "    /// Setting {i}.\n{attr}    pub field_{i}: {ty},");
    }
    for (field, ty) in groups {
        let _ = writeln!(out, "    /// A group.\n    #[setting(nested)]\n    pub {field}: {ty},");
    }
    out.push_str("}\n");
    let _ = writeln!(
        out,
        "/// The same, for serde.\n#[derive(serde::Deserialize, serde::Serialize)]\npub struct Serde{name} {{"
    );
    for i in 0..PER_STRUCT {
        let _ = writeln!(out, "    pub field_{i}: {},", kinds[i % 5].0);
    }
    for (field, ty) in groups {
        let _ = writeln!(out, "    pub {field}: Serde{ty},");
    }
    out.push_str("}\n");
}

/// A TOML file setting every setting of the file benchmark's struct, none to
/// its default.
fn toml_text() -> String {
    let value = |i: usize| match i % 5 {
        0 => "true".to_owned(),
        1 => format!("{}", 100 + i),
        2 => format!("{}.25", i),
        3 => format!("\"value {i}\""),
        _ => format!("\"some {i}\""),
    };
    let mut text = String::from("# Every setting, in nested groups.\n");
    for i in 0..PER_STRUCT {
        let _ = writeln!(text, "field_{i} = {}", value(i));
    }
    for group in GROUPS {
        let _ = writeln!(text, "\n[{group}]");
        for i in 0..PER_STRUCT {
            let _ = writeln!(text, "field_{i} = {}", value(i));
        }
    }
    text
}

fn main() {
    let mut out = String::from("use config_core::Settings;\n");
    for n in [10, 100, 1000] {
        let _ = writeln!(out, "/// {n} settings.\n#[derive(Clone, Settings)]\npub struct Gen{n} {{");
        for i in 0..n {
            out.push_str(&field(n, i));
        }
        out.push_str("}\n");
    }
    let dir = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(dir.join("generated.rs"), out).unwrap();
    let mut files = String::new();
    let groups: Vec<(&str, String)> = GROUPS.iter().enumerate().map(|(i, g)| (*g, format!("FileGroup{i}"))).collect();
    for (_, ty) in &groups {
        toml_struct(&mut files, ty, &[]);
    }
    toml_struct(&mut files, "File200", &groups);
    std::fs::write(dir.join("files.rs"), files).unwrap();
    std::fs::write(dir.join("file200.toml"), toml_text()).unwrap();
}
