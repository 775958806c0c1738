use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    pub other: bool,
    #[setting(see_also = [1, 2])]
    pub verbose: bool,
}

fn main() {}
