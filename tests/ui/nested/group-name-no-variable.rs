use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Pool {
    #[setting(default = 10)]
    pub size: u32,
}

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(nested, name = "read-replica")]
    pub replica: Pool,
}

fn main() {}
