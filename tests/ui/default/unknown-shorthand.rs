use config_core::{registry, Importable, Settings};

pub trait Resolver: Sync {}
pub struct Threaded;
impl Resolver for Threaded {}
registry!(dyn Resolver => { "app.resolvers.Threaded" => &Threaded });

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = ["thread", "ares"], shorthand(thread = "app.resolvers.Threaded"))]
    pub resolver: Importable<dyn Resolver>,
}

fn main() {}
