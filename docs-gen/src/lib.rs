//! Renders reference docs from settings metadata.
