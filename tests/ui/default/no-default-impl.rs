use config_core::meta::{Kind, SettingMeta, ValueType};
use config_core::{Reason, SettingValue, Settings, Value};

#[derive(Clone, PartialEq)]
pub struct Level(u8);

impl SettingValue for Level {
    const TYPE: ValueType = ValueType::of(Kind::Custom);
    type Inner = Level;
    fn parse(text: &str, _: &'static SettingMeta) -> Result<Self, Reason> {
        text.parse().map(Level).map_err(|_| Reason::new("not a level"))
    }
    fn to_value(&self) -> Value {
        Value::UInt(self.0.into())
    }
    fn inner(&self) -> Option<&Level> {
        Some(self)
    }
}

#[derive(Clone, Settings)]
pub struct Config {
    pub level: Level,
}

fn main() {}
