use config_core::Settings;

// Every mistake of one struct is reported in one build.
#[derive(Clone, Settings)]
pub struct Config {
    #[setting(defualt = 1, hidden = true)]
    pub a: u32,
    #[setting(env = "bad name", positive)]
    pub b: String,
}

fn main() {}
