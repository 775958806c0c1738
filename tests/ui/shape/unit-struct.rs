use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config;

fn main() {}
