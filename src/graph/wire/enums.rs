//! Tolerant enums: read case-insensitively, unknown members kept in `Other`, written exactly.
//!
//! Graph documents enum members in camelCase and answers in camelCase, but its own examples
//! send `AfterDuration`, `AdminAssign`, `All`; ARM writes PascalCase. So input is matched
//! ignoring ASCII case, and a member this client has never heard of (Graph adds members such
//! as `unknownFutureValue`) is kept verbatim instead of failing the whole response.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What every wire enum can do; used by the PascalCase writer for ARM bodies.
pub trait WireEnum: Sized {
    /// The member as the service writes it (or the unknown text as received).
    fn as_str(&self) -> &str;
    /// Reads a member, ignoring ASCII case; unknown text becomes the catch-all variant.
    fn parse(s: &str) -> Self;
}

macro_rules! wire_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vm])* $variant,)+
            /// A member this client does not know, kept as received.
            Other(String),
        }

        impl $crate::graph::wire::enums::WireEnum for $name {
            fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(s) => s,
                }
            }
            fn parse(s: &str) -> Self {
                $(if s.eq_ignore_ascii_case($wire) { return $name::$variant; })+
                $name::Other(s.to_owned())
            }
        }

        impl $name {
            /// The member as the service writes it.
            pub fn as_str(&self) -> &str {
                $crate::graph::wire::enums::WireEnum::as_str(self)
            }
            /// Reads a member, ignoring ASCII case.
            pub fn parse(s: &str) -> Self {
                $crate::graph::wire::enums::WireEnum::parse(s)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Ok(<$name as $crate::graph::wire::enums::WireEnum>::parse(&s))
            }
        }
    };
}
pub(crate) use wire_enum;

/// Writes an enum member with its first letter upper-cased, as ARM expects (`AfterDuration`).
pub fn pascal(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// `serde(with = "pascal_opt")` for `Option<E>` fields of ARM bodies.
pub mod pascal_opt {
    use super::*;

    /// Writes `Some(e)` in PascalCase, `None` as null.
    pub fn serialize<E: WireEnum, S: Serializer>(v: &Option<E>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(e) => s.serialize_str(&pascal(e.as_str())),
            None => s.serialize_none(),
        }
    }

    /// Reads case-insensitively; null and absent are `None`.
    pub fn deserialize<'de, E: WireEnum, D: Deserializer<'de>>(d: D) -> Result<Option<E>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map(|s| E::parse(&s)))
    }
}

/// `serde(with = "pascal_vec")` for `Vec<E>` fields of ARM bodies.
pub mod pascal_vec {
    use super::*;

    /// Writes every member in PascalCase.
    pub fn serialize<E: WireEnum, S: Serializer>(v: &[E], s: S) -> Result<S::Ok, S::Error> {
        v.iter().map(|e| pascal(e.as_str())).collect::<Vec<_>>().serialize(s)
    }

    /// Reads case-insensitively; null is empty.
    pub fn deserialize<'de, E: WireEnum, D: Deserializer<'de>>(d: D) -> Result<Vec<E>, D::Error> {
        let v = Option::<Vec<String>>::deserialize(d)?.unwrap_or_default();
        Ok(v.iter().map(|s| E::parse(s)).collect())
    }
}

/// Reads a JSON `null` as the type's default (Graph sends `null` for empty collections).
pub fn null_default<'de, T: Default + Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}
