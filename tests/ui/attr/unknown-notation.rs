use config_core::Settings;

#[derive(Clone, Settings)]
#[settings(notation = "ruby")]
pub struct Config {
    pub verbose: bool,
}

fn main() {}
