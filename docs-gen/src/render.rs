//! One module per format, each rendering a [`Page`](crate::Page).

pub(crate) mod chars;
pub(crate) mod env;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod rst;
pub(crate) mod schema;
pub(crate) mod template;
pub(crate) mod text;
pub(crate) mod toml;
pub(crate) mod url;
