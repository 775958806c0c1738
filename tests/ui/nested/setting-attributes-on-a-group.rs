use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Pool {
    #[setting(default = 10)]
    pub size: u32,
}

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(nested, env = "POOL", secret)]
    pub pool: Pool,
    #[setting(env_prefix = "X_")]
    pub workers: u32,
}

fn main() {}
