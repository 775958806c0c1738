//! "Did you mean ...?" for unknown setting names and environment variables.

/// How alike two names must be (normalised Damerau-Levenshtein similarity,
/// case-insensitive) before one is suggested for the other.
const THRESHOLD: f64 = 0.7;

/// The candidate most like `name`, if any is alike enough.
///
/// `strip` is a prefix that all candidates share (such as `GEVENT_`): it is
/// left out of the comparison so that it does not make every name look alike.
///
/// Names too long or too different in length to reach the threshold are
/// not compared at all: the distance is at least the difference in length,
/// so a megabyte of input costs a length comparison per candidate, not a
/// quadratic edit distance.
pub(crate) fn closest<'a>(name: &str, strip: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = without_prefix(name, strip);
    let length = name.chars().count();
    if length > MAX_LENGTH {
        return None;
    }
    let key = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .filter(|candidate| could_reach(length, without_prefix(candidate, strip).chars().count()))
        .map(|candidate| {
            let other = without_prefix(candidate, strip).to_ascii_lowercase();
            (strsim::normalized_damerau_levenshtein(&key, &other), candidate)
        })
        .filter(|(score, _)| *score >= THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// No setting name is this long; a longer one is suggested nothing.
const MAX_LENGTH: usize = 256;

/// Whether names of these lengths can be alike enough: similarity is at
/// most `1 - |a - b| / max(a, b)`.
fn could_reach(a: usize, b: usize) -> bool {
    let (longer, difference) = (a.max(b), a.abs_diff(b));
    #[allow(clippy::cast_precision_loss)] // lengths are at most MAX_LENGTH here
    let best = if longer == 0 { 1.0 } else { 1.0 - difference as f64 / longer as f64 };
    best >= THRESHOLD
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
    fn a_huge_name_is_compared_with_nothing() {
        let huge = "x".repeat(1 << 20);
        let started = std::time::Instant::now();
        assert_eq!(closest(&huge, "", ["resolver", "loop"]), None);
        // Not a timing test: an edit distance over a megabyte would take
        // seconds; this returns at once. The bound below is generous.
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "the search is not bounded");
        assert_eq!(closest("resolverresolverresolver", "", ["resolver"]), None);
    }

    #[test]
    fn a_shared_prefix_does_not_make_names_alike() {
        assert_eq!(closest("GEVENT_FOO", "GEVENT_", VARS), None);
        assert_eq!(closest("GEVENT_X", "GEVENT_", VARS), None);
    }
}
