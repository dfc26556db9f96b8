//! Deep links to a prefilled activation: `/activate?items=…&d=PT2H&j=…&t=…&ts=…`.
//!
//! `items` is a comma-separated list of entries, each an [`ItemKey`] (`e:…`, `g:…`, `a:…`) or a
//! name `n:{name}` / `n:{name}@{scope name}`; every part is percent-encoded once, so names may
//! hold commas, `@` or `:`. A link only prefills the confirmation screen: it never submits.
//! Resolving against the loaded items reports every entry it cannot use; none is dropped.

use serde::{Deserialize, Serialize};

use super::duration::IsoDuration;
use super::duration_input::parse_duration_input;
use super::encode::{build_query, decode_query_value, encode};
use super::form::ActivationForm;
use super::item::RoleItem;
use super::item_key::ItemKey;

/// The path deep links open.
pub const ACTIVATE_PATH: &str = "/activate";

/// One entry of a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkItem {
    /// An exact item.
    Key(ItemKey),
    /// A role or group by display name, optionally with its scope's display name.
    Name { name: String, scope: Option<String> },
}

impl LinkItem {
    fn to_entry(&self) -> String {
        match self {
            LinkItem::Key(k) => k.to_compact(),
            LinkItem::Name { name, scope: None } => format!("n:{}", encode(name)),
            LinkItem::Name { name, scope: Some(s) } => format!("n:{}@{}", encode(name), encode(s)),
        }
    }

    fn from_entry(raw: &str) -> Option<LinkItem> {
        if let Some(rest) = raw.strip_prefix("n:") {
            let (name, scope) = match rest.split_once('@') {
                Some((n, s)) => (n, Some(decode_query_value(s)?)),
                None => (rest, None),
            };
            let name = decode_query_value(name)?;
            let scope = scope.filter(|s| !s.trim().is_empty());
            return (!name.trim().is_empty()).then(|| LinkItem::Name { name: name.trim().to_owned(), scope });
        }
        ItemKey::parse(raw).ok().map(LinkItem::Key)
    }

    /// A readable form for problem reports ("Contributor @ Prod", or the key).
    pub fn describe(&self) -> String {
        match self {
            LinkItem::Key(k) => k.to_compact(),
            LinkItem::Name { name, scope: Some(s) } => format!("{name} @ {s}"),
            LinkItem::Name { name, scope: None } => name.clone(),
        }
    }
}

/// A parsed deep link.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeepLink {
    /// Items, in link order.
    pub items: Vec<LinkItem>,
    /// Activation length (`d`, ISO 8601).
    pub duration: Option<IsoDuration>,
    /// Justification template (`j`), editable on the confirmation screen.
    pub justification: Option<String>,
    /// Ticket number (`t`).
    pub ticket_number: Option<String>,
    /// Ticket system (`ts`).
    pub ticket_system: Option<String>,
    /// Entries or values that could not be read, as they appeared (reported, not dropped).
    pub unreadable: Vec<String>,
}

/// Why a link entry cannot be activated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkProblemKind {
    /// Not a valid entry or value.
    Unreadable,
    /// No loaded item matches.
    Unknown,
    /// Several items match the name: add the scope name to choose.
    Ambiguous { candidates: Vec<ItemKey> },
    /// You hold it but cannot activate it (an active assignment without eligibility).
    NotEligible,
}

/// One reported entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkProblem {
    /// The entry as the user would recognise it.
    pub entry: String,
    /// What is wrong.
    pub kind: LinkProblemKind,
}

impl LinkProblem {
    /// A plain sentence for the confirmation screen.
    pub fn message(&self) -> String {
        match &self.kind {
            LinkProblemKind::Unreadable => format!("\"{}\" in the link could not be read.", self.entry),
            LinkProblemKind::Unknown => format!("\"{}\" is not among your roles.", self.entry),
            LinkProblemKind::Ambiguous { candidates } => {
                format!("\"{}\" matches {} roles; pick the right one below.", self.entry, candidates.len())
            }
            LinkProblemKind::NotEligible => {
                format!("\"{}\" cannot be activated: you are not eligible.", self.entry)
            }
        }
    }
}

/// The link resolved against the loaded items.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolution {
    /// Items to preselect, in link order, without repeats.
    pub found: Vec<ItemKey>,
    /// Everything else, in link order.
    pub problems: Vec<LinkProblem>,
}

impl DeepLink {
    /// The link's path and query: `/activate?items=…&d=…`.
    pub fn to_path(&self) -> String {
        let items: Vec<String> = self.items.iter().map(LinkItem::to_entry).collect();
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(d) = self.duration {
            pairs.push(("d", d.to_string()));
        }
        for (key, value) in
            [("j", &self.justification), ("t", &self.ticket_number), ("ts", &self.ticket_system)]
        {
            if let Some(v) = value.as_ref().filter(|v| !v.trim().is_empty()) {
                pairs.push((key, v.clone()));
            }
        }
        let rest = build_query(&pairs);
        let mut out = format!("{ACTIVATE_PATH}?items={}", items.join(","));
        if !rest.is_empty() {
            out.push('&');
            out.push_str(&rest);
        }
        out
    }

    /// Reads a link's query (with or without the path and `?`). Unknown keys are ignored;
    /// unreadable entries are kept in [`DeepLink::unreadable`].
    pub fn parse(link: &str) -> DeepLink {
        let query = link.split_once('?').map_or(link, |(_, q)| q);
        let query = query.split('#').next().unwrap_or(query);
        let mut out = DeepLink::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            if key == "items" {
                for entry in raw.split(',').filter(|e| !e.trim().is_empty()) {
                    // A tool may have encoded the whole entry once more (`e%3A…`): try decoding it.
                    let item = LinkItem::from_entry(entry.trim())
                        .or_else(|| decode_query_value(entry).and_then(|d| LinkItem::from_entry(d.trim())));
                    match item {
                        Some(item) => out.items.push(item),
                        None => {
                            out.unreadable.push(decode_query_value(entry).unwrap_or_else(|| entry.to_owned()))
                        }
                    }
                }
                continue;
            }
            let Some(value) = decode_query_value(raw) else {
                out.unreadable.push(pair.to_owned());
                continue;
            };
            let text = Some(value.clone()).filter(|v| !v.trim().is_empty());
            match key {
                // ISO 8601 as written by `to_path`; hand-written "2h" or "90m" are accepted too.
                "d" => match parse_duration_input(&value) {
                    Ok(d) => out.duration = Some(d),
                    Err(_) => out.unreadable.push(format!("d={value}")),
                },
                "j" => out.justification = text,
                "t" => out.ticket_number = text,
                "ts" => out.ticket_system = text,
                _ => {}
            }
        }
        out
    }

    /// A link for a selection and the values typed so far.
    pub fn from_selection(keys: &[ItemKey], form: &ActivationForm) -> DeepLink {
        let blank = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        DeepLink {
            items: keys.iter().cloned().map(LinkItem::Key).collect(),
            duration: parse_duration_input(&form.duration).ok(),
            justification: blank(&form.justification),
            ticket_number: blank(&form.ticket_number),
            ticket_system: blank(&form.ticket_system),
            unreadable: Vec::new(),
        }
    }

    /// The form the link prefills; fields it does not carry keep `base`'s values.
    pub fn prefill(&self, base: ActivationForm) -> ActivationForm {
        ActivationForm {
            duration: self.duration.map_or(base.duration, |d| d.to_string()),
            justification: self.justification.clone().unwrap_or(base.justification),
            ticket_number: self.ticket_number.clone().unwrap_or(base.ticket_number),
            ticket_system: self.ticket_system.clone().unwrap_or(base.ticket_system),
            ..base
        }
    }

    /// Matches the link's entries with `items`.
    pub fn resolve(&self, items: &[RoleItem]) -> Resolution {
        let mut res = Resolution::default();
        for raw in &self.unreadable {
            res.problems.push(LinkProblem { entry: raw.clone(), kind: LinkProblemKind::Unreadable });
        }
        for entry in &self.items {
            let matches: Vec<&RoleItem> = match entry {
                LinkItem::Key(k) => items.iter().filter(|i| &i.key == k).collect(),
                LinkItem::Name { name, scope } => items
                    .iter()
                    .filter(|i| i.name.eq_ignore_ascii_case(name) || i.title().eq_ignore_ascii_case(name))
                    .filter(|i| scope.as_ref().is_none_or(|s| i.scope.name.eq_ignore_ascii_case(s)))
                    .collect(),
            };
            let kind = match matches.as_slice() {
                [] => Some(LinkProblemKind::Unknown),
                [one] if !one.eligible => Some(LinkProblemKind::NotEligible),
                [one] => {
                    if !res.found.contains(&one.key) {
                        res.found.push(one.key.clone());
                    }
                    None
                }
                many => Some(LinkProblemKind::Ambiguous {
                    candidates: many.iter().map(|i| i.key.clone()).collect(),
                }),
            };
            if let Some(kind) = kind {
                res.problems.push(LinkProblem { entry: entry.describe(), kind });
            }
        }
        res
    }
}

#[cfg(test)]
#[path = "deeplink_tests.rs"]
mod tests;
