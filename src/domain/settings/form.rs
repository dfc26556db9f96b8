//! The editor's form: what the administrator typed, kept as typed (durations as text), turned
//! into [`RoleSettings`] only when they review the change.

use super::{RoleSettings, SettingRule, SettingsProblem, SignInRequirement};
use crate::domain::duration_input::parse_duration_input;
use crate::domain::format::human_duration;
use crate::domain::policy::{AdminExpiry, Approver};

/// The sign-in choice of the form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SignInChoice {
    #[default]
    None,
    Mfa,
    Context,
}

impl SignInChoice {
    /// The `<select>` value.
    pub fn value(self) -> &'static str {
        match self {
            SignInChoice::None => "none",
            SignInChoice::Mfa => "mfa",
            SignInChoice::Context => "context",
        }
    }

    /// From a `<select>` value.
    pub fn parse(v: &str) -> SignInChoice {
        match v {
            "mfa" => SignInChoice::Mfa,
            "context" => SignInChoice::Context,
            _ => SignInChoice::None,
        }
    }
}

/// The editor's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SettingsForm {
    pub activation_max: String,
    pub sign_in: SignInChoice,
    pub context: String,
    pub justification: bool,
    pub ticket: bool,
    pub approval: bool,
    pub approvers: Vec<Approver>,
    pub eligible_permanent: bool,
    pub eligible_max: String,
    pub active_permanent: bool,
    pub active_max: String,
}

fn max_text(e: &AdminExpiry) -> String {
    e.max_duration.map(human_duration).unwrap_or_default()
}

impl SettingsForm {
    /// The form showing `s`.
    pub fn from_settings(s: &RoleSettings) -> SettingsForm {
        let (sign_in, context) = match &s.sign_in {
            SignInRequirement::None => (SignInChoice::None, String::new()),
            SignInRequirement::Mfa => (SignInChoice::Mfa, String::new()),
            SignInRequirement::Context(c) => (SignInChoice::Context, c.clone()),
        };
        SettingsForm {
            activation_max: human_duration(s.activation_max),
            sign_in,
            context,
            justification: s.justification,
            ticket: s.ticket,
            approval: s.approval,
            approvers: s.approvers.clone(),
            eligible_permanent: s.eligible_expiry.permanent_allowed,
            eligible_max: max_text(&s.eligible_expiry),
            active_permanent: s.active_expiry.permanent_allowed,
            active_max: max_text(&s.active_expiry),
        }
    }

    /// The settings the form says, on top of `base` (notifications stay), or what to fix.
    pub fn to_settings(&self, base: &RoleSettings) -> Result<RoleSettings, Vec<SettingsProblem>> {
        let mut problems = Vec::new();
        let mut duration = |text: &str, rule: SettingRule, keep| {
            if text.trim().is_empty() {
                return keep;
            }
            match parse_duration_input(text) {
                Ok(d) => Some(d),
                Err(_) => {
                    problems.push(SettingsProblem {
                        rule,
                        message: format!("\"{text}\" is not a duration: write 8 h, 90 min or 30 d."),
                    });
                    keep
                }
            }
        };
        let activation = duration(&self.activation_max, SettingRule::ActivationDuration, None);
        let eligible = duration(&self.eligible_max, SettingRule::EligibleExpiry, None);
        let active = duration(&self.active_max, SettingRule::ActiveExpiry, None);
        if self.activation_max.trim().is_empty() {
            problems.push(SettingsProblem {
                rule: SettingRule::ActivationDuration,
                message: "Give the longest an activation may last.".into(),
            });
        }
        let s = RoleSettings {
            activation_max: activation.unwrap_or(base.activation_max),
            sign_in: match self.sign_in {
                SignInChoice::None => SignInRequirement::None,
                SignInChoice::Mfa => SignInRequirement::Mfa,
                SignInChoice::Context => SignInRequirement::Context(self.context.trim().to_owned()),
            },
            justification: self.justification,
            ticket: self.ticket,
            approval: self.approval,
            approvers: self.approvers.clone(),
            eligible_expiry: AdminExpiry {
                permanent_allowed: self.eligible_permanent,
                max_duration: eligible,
            },
            active_expiry: AdminExpiry { permanent_allowed: self.active_permanent, max_duration: active },
            notifications: base.notifications.clone(),
        };
        if problems.is_empty() {
            problems = s.problems();
        }
        if problems.is_empty() {
            Ok(s)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::IsoDuration;

    #[test]
    fn the_form_round_trips_and_reads_typed_durations() {
        let mut base = RoleSettings::default();
        base.eligible_expiry =
            AdminExpiry { permanent_allowed: false, max_duration: Some(IsoDuration::from_days(365)) };
        let mut form = SettingsForm::from_settings(&base);
        assert_eq!(form.activation_max, "8 h");
        assert_eq!(form.eligible_max, "365 d");
        assert_eq!(form.to_settings(&base), Ok(base.clone()));
        form.activation_max = "2 h".into();
        form.sign_in = SignInChoice::Context;
        form.context = " c2 ".into();
        let s = form.to_settings(&base).unwrap();
        assert_eq!(s.activation_max, IsoDuration::from_hours(2));
        assert_eq!(s.sign_in, SignInRequirement::Context("c2".into()));
    }

    #[test]
    fn what_cannot_be_read_is_named_and_kept() {
        let base = RoleSettings::default();
        let mut form = SettingsForm::from_settings(&base);
        form.activation_max = "soon".into();
        let problems = form.to_settings(&base).unwrap_err();
        assert_eq!(problems[0].rule, SettingRule::ActivationDuration);
        assert!(problems[0].message.contains("\"soon\""));
        assert_eq!(form.activation_max, "soon", "the typed text stays");
        form.activation_max = "30 h".into();
        assert_eq!(
            form.to_settings(&base).unwrap_err()[0].message,
            "Choose between 30 minutes and 24 hours."
        );
    }
}
