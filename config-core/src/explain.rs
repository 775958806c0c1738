//! `explain`: the whole resolution of one setting, every source that gave
//! it a value, in precedence order, with what became of each.

use std::fmt;

use serde::Serialize;

use crate::Settings;
use crate::error::Shown;
use crate::layer::Layer;
use crate::load::{for_each_key, shown};
use crate::loaded::{LayerEntry, Loaded, Sources};
use crate::origin::{Origin, OriginKind};
use crate::source::{Env, EnvLayer};

/// How a setting got its value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The setting's full name.
    pub setting: &'static str,
    /// Its variable.
    pub env: &'static str,
    /// Its value now, as it may be shown (redacted for a secret).
    pub value: String,
    /// Where the value came from.
    pub origin: Origin,
    /// Every source that gave a value, highest precedence first, then the
    /// default.
    pub steps: Vec<Step>,
    /// Why the value is the one it is.
    pub why: String,
}

/// One source's value for the setting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The source: `environment`, `file app.toml`, `code`, `default`.
    pub source: String,
    /// Exactly where.
    pub origin: Origin,
    /// The name the value was given under, if it is a former name.
    pub alias: Option<&'static str>,
    /// The raw value as it may be shown (redacted for a secret).
    pub raw: String,
    /// What became of it.
    pub outcome: Outcome,
}

/// What became of one source's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "reason")]
pub enum Outcome {
    /// It is the value.
    Used,
    /// A source of higher precedence gave a good value.
    Overridden,
    /// It was rejected (and so could not be used).
    Rejected(String),
    /// It is empty, which means "unset" for this setting.
    Unset,
}

impl Outcome {
    fn label(&self) -> &'static str {
        match self {
            Outcome::Used => "used",
            Outcome::Overridden => "overridden",
            Outcome::Rejected(_) => "rejected",
            Outcome::Unset => "unset (empty)",
        }
    }
}

pub(crate) fn explain<C: Settings>(loaded: &Loaded<C>, index: usize) -> Explanation {
    let schema = C::__schema();
    let leaf = &schema.leaves[index];
    let setting = leaf.setting;
    let notation = C::META.notation;
    let current = loaded.origin_at(index);
    let mut steps = Vec::new();
    let mut winner_found = false;
    if let Origin::Code { .. } = current {
        let value = Shown::value(setting, &schema.ops[index].get(loaded.values()), notation).into_string();
        steps.push(Step {
            source: "code".to_owned(),
            origin: current.clone(),
            alias: None,
            raw: value,
            outcome: Outcome::Used,
        });
        winner_found = true;
    }
    let env_layer = EnvLayer(Env);
    let layers: Vec<(String, &dyn Layer)> = match loaded.sources() {
        Sources::Unknown => Vec::new(),
        Sources::ProcessEnv => vec![("environment".to_owned(), &env_layer as &dyn Layer)],
        Sources::One(_) | Sources::Layers(_) => {
            loaded.sources().entries().iter().rev().map(|e: &LayerEntry| (e.provider.describe(), &*e.layer)).collect()
        }
    };
    for (name, layer) in layers {
        for_each_key(leaf, |key, alias| {
            let Some(found) = layer.get(key) else { return };
            let outcome = match schema.ops[index].check_raw(&found.raw, setting) {
                Ok(true) if !winner_found => {
                    winner_found = true;
                    Outcome::Used
                }
                Ok(true) => Outcome::Overridden,
                Ok(false) => Outcome::Unset,
                Err(reason) => Outcome::Rejected(reason.to_string()),
            };
            let raw = shown(setting, &found.raw, notation).into_string();
            steps.push(Step { source: name.clone(), origin: found.origin, alias, raw, outcome });
        });
    }
    // A required setting has no default to list.
    if !setting.required {
        let outcome = if winner_found { Outcome::Overridden } else { Outcome::Used };
        let default = setting.default_text(notation);
        steps.push(Step { source: "default".to_owned(), origin: Origin::Default, alias: None, raw: default, outcome });
    }
    let value = Shown::value(setting, &schema.ops[index].get(loaded.values()), notation).into_string();
    let why = why(&current, &steps);
    Explanation { setting: &leaf.path, env: &leaf.env, value, origin: current, steps, why }
}

/// Why the winner won.
fn why(current: &Origin, steps: &[Step]) -> String {
    let losers: Vec<&str> = steps
        .iter()
        .filter(|s| s.outcome == Outcome::Overridden)
        .map(|s| source_kind(&s.origin))
        .fold(Vec::new(), |mut kinds, kind| {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
            kinds
        });
    let rejected = steps.iter().any(|s| matches!(s.outcome, Outcome::Rejected(_)));
    let mut why = match current {
        Origin::Code { location } => {
            format!("it was set in code at {location}, after loading, which overrides every source")
        }
        Origin::Default if losers.is_empty() => "no source gives it a value, so the default applies".to_owned(),
        Origin::Default => "no source gives it a usable value, so the default applies".to_owned(),
        winner if losers.is_empty() => format!("{} is the only source that gives it a value", source_kind(winner)),
        winner => format!("{} takes precedence over {}", source_kind(winner), losers.join(", ")),
    };
    if rejected {
        why.push_str("; a rejected value never replaces a good one");
    }
    why
}

/// The sort of source, as the precedence table names it.
fn source_kind(origin: &Origin) -> &'static str {
    match origin.kind() {
        OriginKind::Default => "the default",
        OriginKind::File | OriginKind::KeyFile => "a configuration file",
        OriginKind::Store => "the configuration store",
        OriginKind::DotEnv => "the .env file",
        OriginKind::Env => "the environment",
        OriginKind::CommandLine => "the command line",
        OriginKind::Code => "code",
    }
}

impl fmt::Display for Explanation {
    /// ```text
    /// database.pool_size = 30
    ///   used        environment variable APP_DATABASE_POOL_SIZE: "30"
    ///   overridden  `database.pool_size` in app.toml:3:13: 20
    ///   overridden  the default: 10
    ///   why: the environment takes precedence over a configuration file, the default
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} = {} (from {})", self.setting, self.value, self.origin)?;
        for step in &self.steps {
            write!(f, "  {:<14}{}", step.outcome.label(), step.origin)?;
            if let Some(alias) = step.alias {
                write!(f, " (former name {alias})")?;
            }
            write!(f, ": {}", step.raw)?;
            if let Outcome::Rejected(reason) = &step.outcome {
                write!(f, ": {reason}")?;
            }
            writeln!(f)?;
        }
        write!(f, "  why: {}", self.why)
    }
}
