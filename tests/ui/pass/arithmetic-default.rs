// An expression default is a value of the field's type (of `T` for an
// `Option<T>`): integer and float arithmetic is typed by the field, not
// `i32`/`f64` by default.
use config_core::Settings;

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Level {
    Info,
    Debug,
}

impl config_core::SettingValue for Level {
    const TYPE: config_core::meta::ValueType = config_core::meta::ValueType::of(config_core::meta::Kind::Custom);
    type Inner = Level;
    fn parse(text: &str, _: &'static config_core::meta::SettingMeta) -> Result<Self, config_core::Reason> {
        match text {
            "debug" => Ok(Level::Debug),
            _ => Ok(Level::Info),
        }
    }
    fn to_value(&self) -> config_core::Value {
        config_core::Value::Str(format!("{self:?}"))
    }
    fn inner(&self) -> Option<&Level> {
        Some(self)
    }
}

const NAME: &str = "named";

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = 60 * 60)]
    pub hour: u32,
    #[setting(default = 1 << 20)]
    pub mib: u64,
    #[setting(default = u16::MAX / 2)]
    pub half: u16,
    #[setting(default = 1.0 / 4.0, positive)]
    pub quarter: f32,
    #[setting(default = 24 * 60)]
    pub minutes: Option<u32>,
    #[setting(default = Level::Debug)]
    pub level: Level,
    #[setting(default = Level::Debug)]
    pub maybe_level: Option<Level>,
    #[setting(default = None)]
    pub nothing: Option<u8>,
    // Braces in a string default are text, not a format string.
    #[setting(default = "{route}")]
    pub braced: Level,
    #[setting(default = NAME)]
    pub name: String,
    #[setting(default = NAME)]
    pub maybe_name: Option<String>,
}

fn main() {
    let config = Config::defaults().unwrap();
    assert_eq!((config.hour, config.mib, config.half), (3600, 1 << 20, 32767));
    assert_eq!((config.quarter, config.minutes), (0.25, Some(1440)));
    assert_eq!((config.level, config.maybe_level, config.nothing), (Level::Debug, Some(Level::Debug), None));
    assert_eq!((config.name.as_str(), config.maybe_name.as_deref()), ("named", Some("named")));
    assert_eq!(config.braced, Level::Info);
}
