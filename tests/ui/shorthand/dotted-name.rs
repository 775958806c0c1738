use config_core::{registry, Importable, Settings};

pub trait Codec: Sync {}
pub struct Plain;
impl Codec for Plain {}
registry!(dyn Codec => { "app.codecs.Plain" => &Plain });

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = "app.codecs.Plain", shorthand("codecs.plain" = "app.codecs.Plain"))]
    pub codec: Importable<dyn Codec>,
}

fn main() {}
