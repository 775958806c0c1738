use config_core::Settings;

fn check_port(port: &u64) -> Result<(), String> {
    if *port > 0 { Ok(()) } else { Err("zero".into()) }
}

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = 80, validate = check_port)]
    pub port: u16,
}

fn main() {}
