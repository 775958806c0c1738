//! Generates settings structs of 10, 100 and 1,000 fields for the growth
//! benchmark (and the compile-time script generates the same shape).

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

fn main() {
    let mut out = String::from("use config_core::Settings;\n");
    for n in [10, 100, 1000] {
        let _ = writeln!(out, "/// {n} settings.\n#[derive(Clone, Settings)]\npub struct Gen{n} {{");
        for i in 0..n {
            out.push_str(&field(n, i));
        }
        out.push_str("}\n");
    }
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("generated.rs");
    std::fs::write(path, out).unwrap();
}
