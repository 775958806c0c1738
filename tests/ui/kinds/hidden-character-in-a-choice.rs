use config_core::SettingEnum;

/// A mode.
#[derive(Clone, Copy, PartialEq, Debug, SettingEnum)]
pub enum Mode {
    /// Fast.
    #[choice(name = "fast\u{202e}", alias = "quick\u{200b}")]
    Fast,
    /// Slow.
    Slow,
}

fn main() {}
