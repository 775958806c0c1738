use config_core::Settings;

#[derive(Clone, Debug)]
pub struct Point {
    pub x: u32,
}

// One error per field, whatever else the field says.
#[derive(Clone, Settings)]
pub struct Config {
    pub origin: Option<Point>,
    #[setting(default = Point { x: 1 }, validate = check)]
    pub target: Point,
}

fn check(_: &Point) -> Result<(), String> {
    Ok(())
}

fn main() {
    let _ = Config::defaults();
}
