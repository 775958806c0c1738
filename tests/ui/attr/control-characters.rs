use config_core::Settings;

// Text that would break a line of a template, hide or reorder text.
#[derive(Clone, Settings)]
#[settings(title = "Settings\u{2028}and more", env_prefix = "APP_\r", watch_prefixes = ["OLD_\u{85}"])]
pub struct Config {
    #[setting(name = "a\nb", env = "APP_\u{b}A", added = "1.0\u{202e}", default_doc = "\u{1c}")]
    pub a: u32,
    #[setting(see_also = ["a\u{2029}"], deprecated(since = "1\u{c}", replacement = "a\u{1e}", note = "Use a.\u{2028}"))]
    pub b: Option<u32>,
}

fn main() {}
