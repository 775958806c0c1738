use config_core::Settings;

#[derive(Clone, Settings)]
#[repr(C, packed)]
pub struct Config {
    #[setting(default = 1)]
    pub flag: u8,
    #[setting(default = 5)]
    pub pool: u32,
}

fn main() {}
