//! Loading 200 settings in nested groups from a TOML file that sets every
//! one: config-core (a file layer: parsed into values with their places,
//! each checked as any source's, unknown keys looked for) against serde's
//! `Deserialize` derive with `toml::from_str`, from the same text in
//! memory, so that no file system figures in either.

use std::path::Path;
use std::sync::Arc;

use config_core::{Layer, Loaded, Provider, Rank, Settings, SourceError, TomlLayer};

#[allow(missing_docs)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/files.rs"));
}

pub use generated::{File200, SerdeFile200};

/// The file: every one of the 200 settings set.
pub const TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/file200.toml"));

/// The file's text as a source, as a configuration file is (rank `File`).
struct Text;

impl Provider for Text {
    fn rank(&self) -> Rank {
        Rank::File
    }

    fn describe(&self) -> String {
        "file app.toml".to_owned()
    }

    fn read(&self) -> Result<Arc<dyn Layer>, SourceError> {
        Ok(Arc::new(TomlLayer::parse(Path::new("app.toml"), TEXT)?))
    }
}

/// The settings, by config-core.
pub fn load_config_core() -> Loaded<File200> {
    File200::builder().provider(Text).load().expect("valid")
}

/// The settings, by serde.
pub fn load_serde() -> SerdeFile200 {
    toml::from_str(TEXT).expect("valid")
}
