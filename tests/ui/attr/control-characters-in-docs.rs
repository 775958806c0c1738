use config_core::Settings;

// Markdown holds line breaks and tabs, but no other control character.
#[derive(Clone, Settings)]
pub struct Config {
    /// Fine: two lines,
    /// and	a tab.
    pub a: u32,
    #[doc = "Hidden \u{1b}[2J escape."]
    pub b: u32,
    #[setting(deprecated(since = "1.0", note = "Use `a`.\nIt is\tbetter.\u{2029}"))]
    pub c: Option<u32>,
}

fn main() {}
