//! An application's own trait, two real implementations registered under
//! dotted paths, and the one named in the environment is the one used.

use config_core::{Importable, OriginKind, Settings, Value, register, registry};

/// Compresses bytes.
pub trait Codec: Sync {
    fn encode(&self, input: &[u8]) -> Vec<u8>;
}

/// Leaves bytes as they are.
pub struct Identity;

impl Codec for Identity {
    fn encode(&self, input: &[u8]) -> Vec<u8> {
        input.to_vec()
    }
}

/// Run-length encoding: each run as (count, byte).
pub struct RunLength;

impl Codec for RunLength {
    fn encode(&self, input: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for chunk in input.chunk_by(|a, b| a == b) {
            for part in chunk.chunks(255) {
                out.push(part.len() as u8);
                out.push(part[0]);
            }
        }
        out
    }
}

registry!(dyn Codec => {
    "app.codecs.Identity" => &Identity,
});

#[derive(Clone, Settings)]
#[settings(env_prefix = "APP_")]
pub struct AppConfig {
    /// How stored blobs are encoded.
    #[setting(default = ["rle", "identity"], shorthand(rle = "app.codecs.RunLength", identity = "app.codecs.Identity"))]
    pub codec: Importable<dyn Codec>,
}

#[test]
fn the_application_registered_implementation_is_selected_from_the_environment() {
    // Until RunLength is registered, the default list falls back to Identity.
    let before = AppConfig::defaults().unwrap();
    assert_eq!(before.codec.path(), Some("app.codecs.Identity"));
    assert_eq!(before.codec.encode(b"aaab"), b"aaab");

    register::<dyn Codec>("app.codecs.RunLength", &RunLength).unwrap();

    let config = AppConfig::from_source(&[("APP_CODEC", "app.codecs.RunLength")]).unwrap();
    assert_eq!(config.codec.path(), Some("app.codecs.RunLength"));
    assert_eq!(config.codec.encode(b"aaab"), [3, b'a', 1, b'b']);
    assert_eq!(config.origin("codec").map(|o| o.kind()), Ok(OriginKind::Env));

    let by_shorthand = AppConfig::from_source(&[("APP_CODEC", "identity")]).unwrap();
    assert_eq!(by_shorthand.codec.encode(b"aaab"), b"aaab");

    let default = AppConfig::defaults().unwrap();
    assert_eq!(default.codec.path(), Some("app.codecs.RunLength"));

    // The object itself can be given in code.
    let mut config = config;
    config.update(|c| c.codec = Importable::from_object(&Identity)).unwrap();
    assert_eq!(config.codec.encode(b"zz"), b"zz");
    assert_eq!(config.get("codec"), Ok(Value::Str("<object set in code>".into())));
    assert_eq!(config.origin("codec").map(|o| o.kind()), Ok(OriginKind::Code));
}

#[test]
fn an_unresolvable_list_names_every_candidate_and_the_shorthands() {
    let problems = AppConfig::from_source(&[("APP_CODEC", "zip,app.codecs.Zstd,/tmp/x.Y")]).unwrap_err();
    let text = problems.to_string();
    assert!(
        text.starts_with("APP_CODEC=\"zip,app.codecs.Zstd,/tmp/x.Y\": invalid value for setting `codec`: none of the candidates can be used: "),
        "{text}"
    );
    assert!(text.contains("\"zip\" is neither a shorthand nor a dotted path (package.module.Item)"), "{text}");
    assert!(text.contains("\"app.codecs.Zstd\": nothing is registered there"), "{text}");
    assert!(text.contains("\"/tmp/x.Y\" is neither a shorthand nor a dotted path"), "{text}");
    assert!(text.contains("(shorthands: rle, identity)"), "{text}");
}
