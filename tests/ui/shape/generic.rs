use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config<T> {
    pub value: T,
}

fn main() {}
