//! "Did you mean ...?" for unknown setting names and environment variables.

/// How alike two names must be (normalised Damerau-Levenshtein similarity,
/// case-insensitive) before one is suggested for the other.
const THRESHOLD: f64 = 0.7;

/// The candidate most like `name`, if any is alike enough.
///
/// `strip` is a prefix that all candidates share (such as `GEVENT_`): it is
/// left out of the comparison so that it does not make every name look alike.
pub(crate) fn closest<'a>(name: &str, strip: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let key = without_prefix(name, strip).to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            let other = without_prefix(candidate, strip).to_ascii_lowercase();
            (strsim::normalized_damerau_levenshtein(&key, &other), candidate)
        })
        .filter(|(score, _)| *score >= THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

fn without_prefix<'a>(name: &'a str, prefix: &str) -> &'a str {
    match name.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => &name[prefix.len()..],
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    const VARS: [&str; 3] = ["GEVENT_RESOLVER", "GEVENT_LOOP", "GEVENT_THREADPOOL"];

    #[test]
    fn suggests_the_closest_name() {
        assert_eq!(closest("GEVENT_RESOLVR", "GEVENT_", VARS), Some("GEVENT_RESOLVER"));
        assert_eq!(closest("gevent_loop", "GEVENT_", VARS), Some("GEVENT_LOOP"));
        assert_eq!(closest("GEVENT_THREADPOL", "GEVENT_", VARS), Some("GEVENT_THREADPOOL"));
        assert_eq!(closest("resolvr", "", ["resolver", "loop"]), Some("resolver"));
    }

    #[test]
    fn a_shared_prefix_does_not_make_names_alike() {
        assert_eq!(closest("GEVENT_FOO", "GEVENT_", VARS), None);
        assert_eq!(closest("GEVENT_X", "GEVENT_", VARS), None);
    }
}
