// A float literal too large for its type is infinity (no lint says so),
// which `positive` would accept; one too small is 0.
#![allow(overflowing_literals)]

use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = 1e400, positive)]
    pub timeout: f64,
    #[setting(default = 1e39)]
    pub ratio: f32,
    #[setting(default = 340282366920938463463374607431768211455)]
    pub whole: f32,
    #[setting(default = 1e-400)]
    pub epsilon: f64,
}

fn main() {}
