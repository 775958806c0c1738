use config_core::Settings;

// Replacements that lead round in a circle never reach a setting to use.
#[derive(Clone, Settings)]
pub struct Config {
    #[setting(deprecated(since = "2.0", replacement = "b"))]
    pub a: Option<u32>,
    #[setting(deprecated(since = "2.0", replacement = "a"))]
    pub b: Option<u32>,
    #[setting(deprecated(since = "3.0", replacement = "d"))]
    pub c: Option<u32>,
    #[setting(deprecated(since = "3.0", replacement = "e"))]
    pub d: Option<u32>,
    #[setting(deprecated(since = "3.0", replacement = "c"))]
    pub e: Option<u32>,
    // Leads into a cycle, but is not part of it: the cycle is reported once.
    #[setting(deprecated(since = "3.0", replacement = "c"))]
    pub f: Option<u32>,
}

fn main() {}
