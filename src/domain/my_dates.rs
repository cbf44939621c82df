//! "My dates": what happened, the dates the parent has, and the deadlines that follow.
//!
//! The form is plain data (saved as it is typed); [`work_out`] checks it and turns it into
//! events of the one event model ([`super::events`]), the same a log entry holds, then returns
//! their deadlines in date order with any warnings, or a list of errors, each tied to a field.

use super::date_input::{parse_date, DateError, DateParts};
use super::deadlines::Rule;
pub use super::events::EventKind as Situation;
use super::events::{follow, Followed, Happened, KeyDate, Standing};
pub use super::events::{EventGroup, MediationScope, OrderKind, TransferKind};
use super::sorting;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A date field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateField {
    DecisionSent,
    CertificateIssued,
    AdviserTold,
    CouncilTold,
    MediationEnded,
    RequestReceived,
    DraftServed,
    MeetingDate,
    NoticeServed,
    OrderDate,
    TransferDate,
    ActComplainedOf,
    AdviserContacted,
    AssessmentAgreed,
    IcbTold,
}

impl DateField {
    /// The id stem used for the three inputs (`{id}-day`, ...), so error links can reach them.
    pub fn id(self) -> &'static str {
        match self {
            DateField::DecisionSent => "decision-sent",
            DateField::CertificateIssued => "certificate-issued",
            DateField::AdviserTold => "adviser-told",
            DateField::CouncilTold => "council-told",
            DateField::MediationEnded => "mediation-ended",
            DateField::RequestReceived => "request-received",
            DateField::DraftServed => "draft-served",
            DateField::MeetingDate => "meeting-date",
            DateField::NoticeServed => "notice-served",
            DateField::OrderDate => "order-date",
            DateField::TransferDate => "transfer-date",
            DateField::ActComplainedOf => "act-complained-of",
            DateField::AdviserContacted => "adviser-contacted",
            DateField::AssessmentAgreed => "assessment-agreed",
            DateField::IcbTold => "icb-told",
        }
    }

    /// The question the field asks.
    pub fn label(self) -> &'static str {
        match self {
            DateField::DecisionSent => "When was the decision letter sent?",
            DateField::CertificateIssued => "When was the mediation certificate issued?",
            DateField::AdviserTold => {
                "When did you tell the mediation adviser you do not want mediation?"
            }
            DateField::CouncilTold => "When did you tell the council you want mediation?",
            DateField::MediationEnded => "When did the mediation end?",
            DateField::RequestReceived => "When did the council receive the request?",
            DateField::DraftServed => "When was the draft plan sent to you?",
            DateField::MeetingDate => "When is (or was) the review meeting?",
            DateField::NoticeServed => "When was the amendment notice sent to you?",
            DateField::OrderDate => "What is the date of the order?",
            DateField::TransferDate => "When is the move to the new institution?",
            DateField::ActComplainedOf => "When did the discrimination happen?",
            DateField::AdviserContacted => "When did you contact the mediation adviser?",
            DateField::AssessmentAgreed => "When did the council say it will assess?",
            DateField::IcbTold => "When did the council tell the health body (ICB)?",
        }
    }

    /// A short name for the field in error messages ("the date the decision was sent").
    pub fn name(self) -> &'static str {
        match self {
            DateField::DecisionSent => "the date the decision was sent",
            DateField::CertificateIssued => "the date the certificate was issued",
            DateField::AdviserTold => "the date you told the adviser",
            DateField::CouncilTold => "the date you told the council",
            DateField::MediationEnded => "the date the mediation ended",
            DateField::RequestReceived => "the date the request was received",
            DateField::DraftServed => "the date the draft plan was sent",
            DateField::MeetingDate => "the date of the review meeting",
            DateField::NoticeServed => "the date the amendment notice was sent",
            DateField::OrderDate => "the date of the order",
            DateField::TransferDate => "the date of the move",
            DateField::ActComplainedOf => "the date of the discrimination",
            DateField::AdviserContacted => "the date you contacted the adviser",
            DateField::AssessmentAgreed => "the date the council said it will assess",
            DateField::IcbTold => "the date the council told the health body",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            DateField::DecisionSent => "If the date on the letter and the date it was sent (a postmark or email) differ, use the earlier one: the law counts from when it was sent, and the earlier date is safe. Never the day you got it. For example, 30 6 2025",
            DateField::ActComplainedOf => "If it went on over a period, the day it ended. For example, 11 3 2026",
            DateField::IcbTold => "Leave empty if you do not know: the dates then count from the last day the council may tell them",
            DateField::CertificateIssued => "The date of issue printed on the certificate",
            DateField::RequestReceived => "If you do not know, use the date you sent it: the council's dates are then the earliest they could be, so it may not yet be late",
            DateField::DraftServed => "If it came by post, use the date on the covering letter",
            _ => "For example, 27 3 2025",
        }
    }
}

/// One choice in the "what happened" list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SituationInfo {
    pub situation: Situation,
    pub hint: &'static str,
    /// Required date fields, then optional ones.
    pub required: &'static [DateField],
    pub optional: &'static [DateField],
}

/// Every situation the page offers, in the order shown.
pub const SITUATIONS: &[SituationInfo] = &[
    SituationInfo {
        situation: Situation::DecisionNoAssessment,
        hint: "A letter from the council refusing to assess",
        required: &[DateField::DecisionSent],
        optional: &[DateField::CertificateIssued],
    },
    SituationInfo {
        situation: Situation::DecisionNoPlan,
        hint: "",
        required: &[DateField::DecisionSent],
        optional: &[DateField::CertificateIssued],
    },
    SituationInfo {
        situation: Situation::FinalPlanIssued,
        hint: "About the needs, the provision or the school named",
        required: &[DateField::DecisionSent],
        optional: &[DateField::CertificateIssued],
    },
    SituationInfo {
        situation: Situation::DecisionOnAmendment,
        hint: "",
        required: &[DateField::DecisionSent],
        optional: &[DateField::CertificateIssued],
    },
    SituationInfo {
        situation: Situation::DecisionToCease,
        hint: "",
        required: &[DateField::DecisionSent],
        optional: &[DateField::CertificateIssued],
    },
    SituationInfo {
        situation: Situation::AdviserContacted,
        hint: "The appeal date, and that this step is done",
        required: &[DateField::DecisionSent, DateField::AdviserContacted],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::MediationCertificate,
        hint: "You need the date of the decision too",
        required: &[DateField::DecisionSent, DateField::CertificateIssued],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::DeclinedMediation,
        hint: "When the certificate is due",
        required: &[DateField::AdviserTold],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::AskedForMediation,
        hint: "When the mediation must happen",
        required: &[DateField::CouncilTold],
        optional: &[DateField::IcbTold],
    },
    SituationInfo {
        situation: Situation::MediationHappened,
        hint: "When the certificate is due",
        required: &[DateField::MediationEnded],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::RequestForAssessment,
        hint: "The 6, 16 and 20-week timescales",
        required: &[DateField::RequestReceived],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::AssessmentAgreed,
        hint: "The 16 and 20-week timescales",
        required: &[DateField::RequestReceived, DateField::AssessmentAgreed],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::DraftPlan,
        hint: "Your time to comment and ask for a school",
        required: &[DateField::DraftServed],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::AnnualReviewMeeting,
        hint: "The steps after the meeting and the next review",
        required: &[DateField::MeetingDate],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::AmendmentNotice,
        hint: "",
        required: &[DateField::NoticeServed],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::RequestForReassessment,
        hint: "",
        required: &[DateField::RequestReceived],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::TribunalOrder,
        hint: "When the council must act",
        required: &[DateField::OrderDate],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::PhaseTransfer,
        hint: "For example primary to secondary school",
        required: &[],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::DisabilityDiscrimination,
        hint: "A claim to the Tribunal",
        required: &[DateField::ActComplainedOf],
        optional: &[],
    },
];

pub fn situation_info(situation: Situation) -> &'static SituationInfo {
    SITUATIONS
        .iter()
        .find(|s| s.situation == situation)
        .unwrap_or(&SITUATIONS[0])
}

/// Everything the parent has entered, saved as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MyDatesForm {
    pub situation: Option<Situation>,
    pub dates: BTreeMap<DateField, DateParts>,
    pub school_only: bool,
    pub order_kind: Option<OrderKind>,
    pub unopposed: bool,
    pub transfer_kind: Option<TransferKind>,
    pub transfer_year: String,
    /// What a mediation is about (health or not decides who arranges it, and from when).
    pub mediation_scope: Option<MediationScope>,
    /// The parent has asked for the dates at least once, so show them again after a reload.
    pub submitted: bool,
}

impl MyDatesForm {
    pub fn date(&self, field: DateField) -> DateParts {
        self.dates.get(&field).cloned().unwrap_or_default()
    }
}

/// A field the form could not accept, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    NoSituation,
    Date(DateField, DateError),
    CertificateBeforeDecision,
    NoOrderKind,
    NoTransferKind,
    TransferYear { earliest: i32, latest: i32 },
    NoMediationScope,
}

impl FormError {
    /// The id of the element an error summary link should move to.
    pub fn target_id(&self) -> String {
        match self {
            FormError::NoSituation => format!("situation-group-{}", EventGroup::ALL[0].id()),
            FormError::Date(field, error) => {
                let part = error
                    .parts()
                    .first()
                    .copied()
                    .unwrap_or(super::date_input::DatePart::Day);
                format!("{}-{}", field.id(), part_suffix(part))
            }
            FormError::CertificateBeforeDecision => {
                format!("{}-day", DateField::CertificateIssued.id())
            }
            FormError::NoOrderKind => format!("order-{}", OrderKind::ALL[0].id()),
            FormError::NoTransferKind => format!("transfer-{}", TransferKind::ALL[0].id()),
            FormError::TransferYear { .. } => "transfer-year".to_string(),
            FormError::NoMediationScope => {
                format!("scope-{}", MediationScope::ALL[0].id())
            }
        }
    }

    /// The date field this error belongs to, if any.
    pub fn field(&self) -> Option<DateField> {
        match self {
            FormError::Date(field, _) => Some(*field),
            FormError::CertificateBeforeDecision => Some(DateField::CertificateIssued),
            _ => None,
        }
    }
}

pub fn part_suffix(part: super::date_input::DatePart) -> &'static str {
    match part {
        super::date_input::DatePart::Day => "day",
        super::date_input::DatePart::Month => "month",
        super::date_input::DatePart::Year => "year",
    }
}

/// Something the parent must not miss about these dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The last day to contact the mediation adviser (the working day before a weekend date)
    /// comes before the appeal deadline.
    AdviserBeforeAppeal {
        adviser: NaiveDate,
        appeal: NaiveDate,
        /// The adviser date has passed (while the appeal deadline has not).
        passed: bool,
    },
}

/// The dates that follow from the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyDates {
    /// What the parent entered, as events of the one model: what "Save to my records" adds to
    /// a case's log.
    pub events: Vec<(NaiveDate, KeyDate)>,
    /// The deadlines still to meet (or passed without being met), soonest first.
    pub deadlines: Vec<Followed>,
    pub warnings: Vec<Warning>,
}

/// Checks the form and works out the dates, or says everything that is wrong with it.
pub fn work_out(form: &MyDatesForm, today: NaiveDate) -> Result<MyDates, Vec<FormError>> {
    let Some(situation) = form.situation else {
        return Err(vec![FormError::NoSituation]);
    };
    let info = situation_info(situation);
    let mut errors = Vec::new();
    let mut dates = BTreeMap::new();
    for &field in info.required.iter().chain(info.optional) {
        let parts = form.date(field);
        let optional = info.optional.contains(&field);
        // The health body's date is asked (and shown) only for health-only mediation.
        let shown =
            field != DateField::IcbTold || form.mediation_scope == Some(MediationScope::HealthOnly);
        if optional && (parts.is_empty() || !shown) {
            continue;
        }
        match parse_date(&parts, today) {
            Ok(date) => {
                dates.insert(field, date);
            }
            Err(error) => errors.push(FormError::Date(field, error)),
        }
    }
    if let (Some(decision), Some(certificate)) = (
        dates.get(&DateField::DecisionSent),
        dates.get(&DateField::CertificateIssued),
    ) {
        if certificate < decision {
            errors.push(FormError::CertificateBeforeDecision);
        }
    }
    let mut transfer = None;
    if situation == Situation::TribunalOrder && form.order_kind.is_none() {
        errors.push(FormError::NoOrderKind);
    }
    if situation == Situation::PhaseTransfer {
        match form.transfer_kind {
            None => errors.push(FormError::NoTransferKind),
            Some(TransferKind::BetweenPost16) => {
                match parse_date(&form.date(DateField::TransferDate), today) {
                    Ok(date) => {
                        dates.insert(DateField::TransferDate, date);
                    }
                    Err(error) => errors.push(FormError::Date(DateField::TransferDate, error)),
                }
            }
            Some(kind) => {
                let (earliest, latest) = super::date_input::accepted_years(today);
                match form.transfer_year.trim().parse::<i32>() {
                    Ok(year) if (earliest..=latest).contains(&year) => {
                        transfer = Some((kind, year))
                    }
                    _ => errors.push(FormError::TransferYear { earliest, latest }),
                }
            }
        }
    }
    if situation == Situation::AskedForMediation && form.mediation_scope.is_none() {
        errors.push(FormError::NoMediationScope);
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let date = |field: DateField| dates.get(&field).copied();
    let events = events_of(form, situation, &date, transfer);
    // Ids only need to differ from each other.
    let ids: Vec<String> = (0..events.len()).map(|i| i.to_string()).collect();
    let happened: Vec<Happened> = events
        .iter()
        .zip(&ids)
        .map(|((date, key), id)| Happened {
            id,
            date: *date,
            key: *key,
        })
        .collect();
    let mut deadlines: Vec<Followed> = follow(&happened, today)
        .into_iter()
        .filter(|f| f.standing.is_open() && !f.repeated)
        .collect();
    sorting::sort_by_key(&mut deadlines, |f| f.deadline.act_by());
    let warnings = warnings_for(deadlines.iter());
    Ok(MyDates {
        events,
        deadlines,
        warnings,
    })
}

/// What the parent must not miss among these deadlines: the mediation adviser's date coming
/// before an appeal date that is still open. My dates and "What can I do?" both show it.
pub fn warnings_for<'a>(deadlines: impl Iterator<Item = &'a Followed> + Clone) -> Vec<Warning> {
    let find = |rule: Rule| deadlines.clone().find(|f| f.deadline.rule == rule);
    let mut warnings = Vec::new();
    if let (Some(adviser), Some(appeal)) = (
        find(Rule::MediationAdviserContact),
        find(Rule::TribunalAppeal),
    ) {
        let appeal_open = !matches!(appeal.standing, Standing::Passed(_));
        if adviser.standing.is_open()
            && adviser.deadline.act_by() < appeal.deadline.date
            && appeal_open
        {
            warnings.push(Warning::AdviserBeforeAppeal {
                adviser: adviser.deadline.act_by(),
                appeal: appeal.deadline.date,
                passed: matches!(adviser.standing, Standing::Passed(_)),
            });
        }
    }
    warnings
}

/// The events the form describes, in the one model: a decision with its certificate is two
/// events, as it would be two entries in the log.
fn events_of(
    form: &MyDatesForm,
    situation: Situation,
    date: &dyn Fn(DateField) -> Option<NaiveDate>,
    transfer: Option<(TransferKind, i32)>,
) -> Vec<(NaiveDate, KeyDate)> {
    use Situation as S;
    let mut events = Vec::new();
    let mut push = |field: DateField, key: KeyDate| {
        if let Some(on) = date(field) {
            events.push((on, key));
        }
    };
    match situation {
        S::DecisionNoAssessment
        | S::DecisionNoPlan
        | S::FinalPlanIssued
        | S::DecisionOnAmendment
        | S::DecisionToCease => {
            push(
                DateField::DecisionSent,
                KeyDate::Decision {
                    about: situation,
                    school_only: situation.can_be_school_only() && form.school_only,
                },
            );
            if let Some(decision_sent) = date(DateField::DecisionSent) {
                push(
                    DateField::CertificateIssued,
                    KeyDate::MediationCertificate { decision_sent },
                );
            }
        }
        S::MediationCertificate => {
            if let Some(decision_sent) = date(DateField::DecisionSent) {
                push(
                    DateField::CertificateIssued,
                    KeyDate::MediationCertificate { decision_sent },
                );
            }
        }
        S::AdviserContacted => push(
            DateField::AdviserContacted,
            KeyDate::AdviserContacted {
                decision_sent: date(DateField::DecisionSent),
            },
        ),
        S::DeclinedMediation => push(DateField::AdviserTold, KeyDate::DeclinedMediation),
        S::AskedForMediation => {
            if let Some(scope) = form.mediation_scope {
                let icb_told = if scope == MediationScope::HealthOnly {
                    date(DateField::IcbTold)
                } else {
                    None
                };
                push(
                    DateField::CouncilTold,
                    KeyDate::AskedForMediation { scope, icb_told },
                );
            }
        }
        S::MediationHappened => push(DateField::MediationEnded, KeyDate::MediationHappened),
        S::RequestForAssessment => push(DateField::RequestReceived, KeyDate::RequestForAssessment),
        S::AssessmentAgreed => push(
            DateField::AssessmentAgreed,
            KeyDate::AssessmentAgreed {
                request_received: date(DateField::RequestReceived),
            },
        ),
        S::DraftPlan => push(DateField::DraftServed, KeyDate::DraftPlan),
        S::RequestForReassessment => {
            push(DateField::RequestReceived, KeyDate::RequestForReassessment)
        }
        S::AnnualReviewMeeting => push(DateField::MeetingDate, KeyDate::ReviewMeeting),
        S::AmendmentNotice => push(DateField::NoticeServed, KeyDate::AmendmentNotice),
        S::TribunalOrder => {
            if let Some(order) = form.order_kind {
                push(
                    DateField::OrderDate,
                    KeyDate::TribunalOrder {
                        order,
                        unopposed: form.unopposed,
                    },
                );
            }
        }
        S::PhaseTransfer => match transfer {
            // The year is what counts; the move is taken as 1 September of it.
            Some((move_kind, year)) => {
                if let Some(september) = NaiveDate::from_ymd_opt(year, 9, 1) {
                    events.push((september, KeyDate::PhaseTransfer { move_kind }));
                }
            }
            None => push(
                DateField::TransferDate,
                KeyDate::PhaseTransfer {
                    move_kind: TransferKind::BetweenPost16,
                },
            ),
        },
        S::DisabilityDiscrimination => push(
            DateField::ActComplainedOf,
            KeyDate::DisabilityDiscrimination,
        ),
    }
    events
}

/// Where a date stands against today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStatus {
    Today,
    DaysLeft(i64),
    DaysAgo(i64),
}

pub fn status(date: NaiveDate, today: NaiveDate) -> DateStatus {
    let days = (date - today).num_days();
    match days {
        0 => DateStatus::Today,
        n if n > 0 => DateStatus::DaysLeft(n),
        n => DateStatus::DaysAgo(-n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date_input::DatePart;
    use crate::domain::deadlines::Rule;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn form(situation: Situation, dates: &[(DateField, (&str, &str, &str))]) -> MyDatesForm {
        MyDatesForm {
            situation: Some(situation),
            dates: dates
                .iter()
                .map(|(f, (d, m, y))| (*f, DateParts::new(d, m, y)))
                .collect(),
            ..MyDatesForm::default()
        }
    }

    #[test]
    fn a_decision_letter_gives_the_adviser_date_then_the_appeal_date_with_a_warning() {
        let result = work_out(
            &form(
                Situation::FinalPlanIssued,
                &[(DateField::DecisionSent, ("30", "6", "2025"))],
            ),
            d(2025, 7, 15),
        )
        .expect("valid");
        let rules: Vec<Rule> = result.deadlines.iter().map(|x| x.deadline.rule).collect();
        assert_eq!(rules, [Rule::MediationAdviserContact, Rule::TribunalAppeal]);
        assert_eq!(
            result.warnings,
            [Warning::AdviserBeforeAppeal {
                // Saturday 30 August: the working day before it.
                adviser: d(2025, 8, 29),
                appeal: d(2025, 9, 1),
                passed: false,
            }]
        );
    }

    #[test]
    fn the_adviser_warning_changes_once_its_date_has_passed_and_goes_once_the_appeal_date_has() {
        let f = form(
            Situation::DecisionNoPlan,
            &[(DateField::DecisionSent, ("30", "6", "2025"))],
        );
        let on = |today| work_out(&f, today).expect("valid").warnings;
        assert_eq!(
            on(d(2025, 8, 31)),
            [Warning::AdviserBeforeAppeal {
                adviser: d(2025, 8, 29),
                appeal: d(2025, 9, 1),
                passed: true
            }]
        );
        assert_eq!(on(d(2025, 9, 2)), []);
    }

    #[test]
    fn with_a_certificate_the_adviser_date_is_done_and_never_warned_about() {
        // The decision with its optional certificate date, and the certificate situation.
        let mut with_certificate = form(
            Situation::FinalPlanIssued,
            &[
                (DateField::DecisionSent, ("30", "6", "2025")),
                (DateField::CertificateIssued, ("20", "8", "2025")),
            ],
        );
        let certificate = form(
            Situation::MediationCertificate,
            &[
                (DateField::DecisionSent, ("30", "6", "2025")),
                (DateField::CertificateIssued, ("20", "8", "2025")),
            ],
        );
        for f in [&with_certificate, &certificate] {
            let result = work_out(f, d(2025, 7, 15)).expect("valid");
            let rules: Vec<Rule> = result.deadlines.iter().map(|x| x.deadline.rule).collect();
            assert_eq!(rules, [Rule::TribunalAppeal], "{:?}", f.situation);
            assert_eq!(result.deadlines[0].deadline.date, d(2025, 9, 22));
            assert!(result.warnings.is_empty());
        }
        // Logging the contact with the adviser does the same.
        with_certificate = form(
            Situation::AdviserContacted,
            &[
                (DateField::DecisionSent, ("30", "6", "2025")),
                (DateField::AdviserContacted, ("10", "7", "2025")),
            ],
        );
        let result = work_out(&with_certificate, d(2025, 7, 15)).expect("valid");
        let rules: Vec<Rule> = result.deadlines.iter().map(|x| x.deadline.rule).collect();
        assert_eq!(rules, [Rule::TribunalAppeal]);
        assert!(result.warnings.is_empty());
    }

    #[test]
    fn health_only_mediation_asks_which_and_shows_only_what_applies() {
        let mut f = form(
            Situation::AskedForMediation,
            &[(DateField::CouncilTold, ("3", "3", "2025"))],
        );
        assert_eq!(
            work_out(&f, today()),
            Err(vec![FormError::NoMediationScope])
        );
        f.mediation_scope = Some(MediationScope::EducationOrCare);
        let rules = |f: &MyDatesForm| -> Vec<Rule> {
            work_out(f, today())
                .expect("valid")
                .deadlines
                .iter()
                .map(|x| x.deadline.rule)
                .collect()
        };
        assert_eq!(rules(&f), [Rule::MediationTakesPlace]);
        f.mediation_scope = Some(MediationScope::HealthOnly);
        f.dates
            .insert(DateField::IcbTold, DateParts::new("5", "3", "2025"));
        let result = work_out(&f, today()).expect("valid");
        let takes_place = result
            .deadlines
            .iter()
            .find(|x| x.deadline.rule == Rule::MediationTakesPlace)
            .expect("takes place");
        assert_eq!(takes_place.deadline.date, d(2025, 4, 4));
    }

    #[test]
    fn a_school_only_appeal_needs_no_adviser_date() {
        let mut f = form(
            Situation::FinalPlanIssued,
            &[(DateField::DecisionSent, ("30", "6", "2025"))],
        );
        f.school_only = true;
        let result = work_out(&f, today()).expect("valid");
        assert_eq!(result.deadlines.len(), 1);
        assert!(result.warnings.is_empty());
        assert!(result.deadlines[0]
            .deadline
            .notes
            .iter()
            .any(|n| n.contains("do not need a mediation certificate")));
    }

    #[test]
    fn a_certificate_dated_before_the_decision_is_an_error() {
        let f = form(
            Situation::MediationCertificate,
            &[
                (DateField::DecisionSent, ("1", "10", "2024")),
                (DateField::CertificateIssued, ("29", "9", "2024")),
            ],
        );
        assert_eq!(
            work_out(&f, today()),
            Err(vec![FormError::CertificateBeforeDecision])
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let f = form(
            Situation::MediationCertificate,
            &[
                (DateField::DecisionSent, ("31", "2", "2025")),
                (DateField::CertificateIssued, ("", "13", "2025")),
            ],
        );
        let errors = work_out(&f, today()).expect_err("invalid");
        assert_eq!(
            errors,
            [
                FormError::Date(
                    DateField::DecisionSent,
                    DateError::NotARealDate(vec![DatePart::Day])
                ),
                FormError::Date(
                    DateField::CertificateIssued,
                    DateError::Incomplete(vec![DatePart::Day])
                ),
            ]
        );
        assert_eq!(errors[1].target_id(), "certificate-issued-day");
    }

    #[test]
    fn an_optional_certificate_may_be_left_empty_but_not_half_filled() {
        let empty = form(
            Situation::DecisionNoPlan,
            &[(DateField::DecisionSent, ("1", "3", "2025"))],
        );
        assert!(work_out(&empty, today()).is_ok());
        let half = form(
            Situation::DecisionNoPlan,
            &[
                (DateField::DecisionSent, ("1", "3", "2025")),
                (DateField::CertificateIssued, ("1", "", "")),
            ],
        );
        assert!(work_out(&half, today()).is_err());
    }

    #[test]
    fn nothing_chosen_is_an_error_not_a_crash() {
        assert_eq!(
            work_out(&MyDatesForm::default(), today()),
            Err(vec![FormError::NoSituation])
        );
        let order = form(
            Situation::TribunalOrder,
            &[(DateField::OrderDate, ("1", "3", "2025"))],
        );
        assert_eq!(work_out(&order, today()), Err(vec![FormError::NoOrderKind]));
    }

    #[test]
    fn a_phase_transfer_uses_the_year() {
        let mut f = form(Situation::PhaseTransfer, &[]);
        f.transfer_kind = Some(TransferKind::SchoolPhases);
        f.transfer_year = "2027".into();
        let result = work_out(&f, today()).expect("valid");
        assert_eq!(
            result.deadlines[0].deadline.date,
            NaiveDate::from_ymd_opt(2027, 2, 14).expect("date")
        );
        f.transfer_year = "27".into();
        assert_eq!(
            work_out(&f, today()),
            Err(vec![FormError::TransferYear {
                earliest: 2012,
                latest: 2031
            }])
        );
    }

    #[test]
    fn every_situation_produces_dates_in_order() {
        for info in SITUATIONS {
            let mut f = MyDatesForm {
                situation: Some(info.situation),
                ..MyDatesForm::default()
            };
            for field in info.required.iter().chain(info.optional) {
                f.dates.insert(*field, DateParts::new("3", "3", "2025"));
            }
            f.order_kind = Some(OrderKind::Assess);
            f.transfer_kind = Some(TransferKind::SecondaryToPost16);
            f.transfer_year = "2026".into();
            f.mediation_scope = Some(MediationScope::HealthOnly);
            let result =
                work_out(&f, today()).unwrap_or_else(|e| panic!("{:?}: {e:?}", info.situation));
            assert!(!result.deadlines.is_empty(), "{:?}", info.situation);
            assert!(
                result
                    .deadlines
                    .windows(2)
                    .all(|w| w[0].deadline.act_by() <= w[1].deadline.act_by()),
                "{:?}",
                info.situation
            );
        }
    }

    #[test]
    fn status_counts_days_from_today() {
        let t = today();
        assert_eq!(status(t, t), DateStatus::Today);
        assert_eq!(
            status(t + chrono::Duration::days(3), t),
            DateStatus::DaysLeft(3)
        );
        assert_eq!(
            status(t - chrono::Duration::days(12), t),
            DateStatus::DaysAgo(12)
        );
    }

    #[test]
    fn the_form_survives_a_round_trip_through_json() {
        let mut f = form(
            Situation::TribunalOrder,
            &[(DateField::OrderDate, ("1", "3", "2025"))],
        );
        f.order_kind = Some(OrderKind::MakePlan);
        f.submitted = true;
        let json = serde_json::to_string(&f).expect("serialises");
        assert_eq!(
            serde_json::from_str::<MyDatesForm>(&json).expect("reads back"),
            f
        );
        // Stored data from an older or damaged save still loads what it can.
        assert_eq!(
            serde_json::from_str::<MyDatesForm>("{}").expect("defaults"),
            MyDatesForm::default()
        );
    }
}
