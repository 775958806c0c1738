use config_core::Settings;

#[derive(Clone, Settings)]
#[settings(env_prefix = "APP_")]
pub struct Config {
    #[setting(default = 1, alias = "threads", alias_env = "APP_THREADS")]
    pub workers: u32,
    #[setting(default = 2, alias = "threads", alias_env = "APP_THREADS")]
    pub pool: u32,
}

fn main() {}
