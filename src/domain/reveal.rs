//! Long lists rendered in steps: the first rows of the matches, more on request, and the count of
//! every match always said. Rendering then costs what is on screen, not what was loaded (2,000
//! eligible items, 20,000 assignments), so a keystroke in the search box stays quick.
//!
//! The list's state (selection, open forms) lives outside the rendered rows, keyed by item, so a
//! row that is not rendered keeps it.

/// Rows rendered at first, and added by each "Show more".
pub const STEP: usize = 50;

/// How many of a list's matches are rendered. A new search or filter starts again at [`STEP`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reveal {
    limit: usize,
}

impl Default for Reveal {
    fn default() -> Self {
        Reveal { limit: STEP }
    }
}

/// What a list holds, for its count: "role" / "roles".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Noun {
    pub one: &'static str,
    pub many: &'static str,
}

impl Reveal {
    /// How many of `matches` rows are rendered.
    pub fn rendered(self, matches: usize) -> usize {
        matches.min(self.limit)
    }

    /// How many rows "Show more" would add (0: every match is rendered).
    pub fn more(self, matches: usize) -> usize {
        matches.saturating_sub(self.limit).min(STEP)
    }

    /// The next step: [`STEP`] more rows.
    pub fn grown(self) -> Reveal {
        Reveal { limit: self.limit.saturating_add(STEP) }
    }

    /// The count said above the list: "2,013 roles; the first 50 shown", "37 of 2,013 roles
    /// match, all shown".
    pub fn count_label(self, matches: usize, all: usize, noun: Noun) -> String {
        let what = if matches == all {
            format!("{} {}", grouped(all), if all == 1 { noun.one } else { noun.many })
        } else {
            format!("{} of {} {} match", grouped(matches), grouped(all), noun.many)
        };
        let shown = self.rendered(matches);
        if shown == matches {
            format!("{what}, all shown")
        } else {
            format!("{what}; the first {} shown", grouped(shown))
        }
    }
}

/// `20000` as "20,000".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES: Noun = Noun { one: "role", many: "roles" };

    #[test]
    fn the_first_step_is_rendered_and_each_more_adds_a_step_up_to_the_end() {
        let r = Reveal::default();
        assert_eq!((r.rendered(2013), r.more(2013)), (50, 50));
        assert_eq!((r.rendered(37), r.more(37)), (37, 0), "a short list is rendered whole");
        assert_eq!((r.grown().rendered(2013), r.grown().more(2013)), (100, 50));
        let r = (0..39).fold(r, |r, _| r.grown());
        assert_eq!((r.rendered(2013), r.more(2013)), (2000, 13), "the last step adds what is left");
        let r = r.grown();
        assert_eq!((r.rendered(2013), r.more(2013)), (2013, 0));
    }

    #[test]
    fn the_count_says_every_match_and_how_many_are_shown() {
        let r = Reveal::default();
        assert_eq!(r.count_label(2013, 2013, ROLES), "2,013 roles; the first 50 shown");
        assert_eq!(r.count_label(37, 2013, ROLES), "37 of 2,013 roles match, all shown");
        assert_eq!(
            r.grown().count_label(150, 20000, ROLES),
            "150 of 20,000 roles match; the first 100 shown"
        );
        assert_eq!(r.grown().grown().count_label(150, 20000, ROLES), "150 of 20,000 roles match, all shown");
        assert_eq!(r.count_label(1, 1, ROLES), "1 role, all shown");
        assert_eq!(r.count_label(0, 5, ROLES), "0 of 5 roles match, all shown");
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        let cases = [(0, "0"), (999, "999"), (1000, "1,000"), (20000, "20,000"), (1234567, "1,234,567")];
        for (n, text) in cases {
            assert_eq!(grouped(n), text);
        }
    }
}
