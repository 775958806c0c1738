//! One module per format, each rendering a [`Page`](crate::Page).
pub(crate) mod text;
