use config_core::Settings;

#[derive(Clone, PartialEq)]
pub struct Point {
    pub x: i32,
}

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(from_str)]
    pub origin: Option<Point>,
}

fn main() {}
