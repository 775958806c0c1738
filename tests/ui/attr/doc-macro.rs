use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[doc = concat!("The number of ", "workers.")]
    pub workers: u32,
    #[doc = include_str!("doc-macro.rs")]
    pub verbose: bool,
}

fn main() {}
