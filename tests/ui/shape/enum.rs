use config_core::Settings;

#[derive(Clone, Settings)]
pub enum Mode {
    Fast,
    Slow,
}

fn main() {}
