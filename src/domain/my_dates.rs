//! "My dates": what happened, the dates the parent has, and the deadlines that follow.
//!
//! The form is plain data (saved as it is typed); [`work_out`] checks it and returns either the
//! deadlines in date order with any warnings, or a list of errors, each tied to a field.

use super::date_input::{parse_date, DateError, DateParts};
use super::deadlines::{self as d, Deadline, PhaseTransfer, TribunalOrder, WhoActs};
use super::sorting;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What happened, as the parent picks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Situation {
    DecisionNoAssessment,
    DecisionNoPlan,
    FinalPlanIssued,
    DecisionOnAmendment,
    DecisionToCease,
    MediationCertificate,
    DeclinedMediation,
    AskedForMediation,
    MediationHappened,
    RequestForAssessment,
    DraftPlan,
    AnnualReviewMeeting,
    AmendmentNotice,
    RequestForReassessment,
    TribunalOrder,
    PhaseTransfer,
    DisabilityDiscrimination,
}

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
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            DateField::DecisionSent => "Use the date on the letter if you do not know when it was sent, not the day you got it. For example, 30 6 2025",
            DateField::CertificateIssued => "The date of issue printed on the certificate",
            DateField::RequestReceived => "If you do not know, use the date you sent it",
            DateField::DraftServed => "If it came by post, use the date on the covering letter",
            _ => "For example, 27 3 2025",
        }
    }
}

/// One choice in the "what happened" list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SituationInfo {
    pub situation: Situation,
    pub id: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    /// Required date fields, then optional ones.
    pub required: &'static [DateField],
    pub optional: &'static [DateField],
}

/// Every situation the page offers, in the order shown.
pub const SITUATIONS: &[SituationInfo] = &[
    SituationInfo {
        situation: Situation::DecisionNoAssessment,
        id: "decision-no-assessment",
        label: "A decision not to carry out an EHC needs assessment (or re-assessment)",
        hint: "A letter from the council refusing to assess",
        required: &[DateField::DecisionSent],
        optional: &[DateField::CertificateIssued],
    },
    SituationInfo {
        situation: Situation::DecisionNoPlan,
        id: "decision-no-plan",
        label: "A decision not to issue an EHC plan after an assessment",
        hint: "",
        required: &[DateField::DecisionSent],
        optional: &[DateField::CertificateIssued],
    },
    SituationInfo {
        situation: Situation::FinalPlanIssued,
        id: "final-plan-issued",
        label: "A final EHC plan or amended plan you disagree with",
        hint: "About the needs, the provision or the school named",
        required: &[DateField::DecisionSent],
        optional: &[DateField::CertificateIssued],
    },
    SituationInfo {
        situation: Situation::DecisionOnAmendment,
        id: "decision-on-amendment",
        label: "A decision not to amend a plan after a review or re-assessment",
        hint: "",
        required: &[DateField::DecisionSent],
        optional: &[DateField::CertificateIssued],
    },
    SituationInfo {
        situation: Situation::DecisionToCease,
        id: "decision-to-cease",
        label: "A decision to stop (cease) an EHC plan",
        hint: "",
        required: &[DateField::DecisionSent],
        optional: &[DateField::CertificateIssued],
    },
    SituationInfo {
        situation: Situation::MediationCertificate,
        id: "mediation-certificate",
        label: "A mediation certificate",
        hint: "You need the date of the decision too",
        required: &[DateField::DecisionSent, DateField::CertificateIssued],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::DeclinedMediation,
        id: "declined-mediation",
        label: "I told the mediation adviser I do not want mediation",
        hint: "When the certificate is due",
        required: &[DateField::AdviserTold],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::AskedForMediation,
        id: "asked-for-mediation",
        label: "I asked the council for mediation",
        hint: "When the mediation must happen",
        required: &[DateField::CouncilTold],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::MediationHappened,
        id: "mediation-happened",
        label: "A mediation meeting has finished",
        hint: "When the certificate is due",
        required: &[DateField::MediationEnded],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::RequestForAssessment,
        id: "request-for-assessment",
        label: "A request for an EHC needs assessment",
        hint: "The 6, 16 and 20-week timescales",
        required: &[DateField::RequestReceived],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::DraftPlan,
        id: "draft-plan",
        label: "A draft EHC plan",
        hint: "Your time to comment and ask for a school",
        required: &[DateField::DraftServed],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::AnnualReviewMeeting,
        id: "annual-review-meeting",
        label: "An annual review meeting",
        hint: "The steps after the meeting and the next review",
        required: &[DateField::MeetingDate],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::AmendmentNotice,
        id: "amendment-notice",
        label: "A notice of proposed amendments to a plan",
        hint: "",
        required: &[DateField::NoticeServed],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::RequestForReassessment,
        id: "request-for-reassessment",
        label: "A request for a re-assessment",
        hint: "",
        required: &[DateField::RequestReceived],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::TribunalOrder,
        id: "tribunal-order",
        label: "A Tribunal order (or the council not opposing an appeal)",
        hint: "When the council must act",
        required: &[DateField::OrderDate],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::PhaseTransfer,
        id: "phase-transfer",
        label: "A move to a new phase of education",
        hint: "For example primary to secondary school",
        required: &[],
        optional: &[],
    },
    SituationInfo {
        situation: Situation::DisabilityDiscrimination,
        id: "disability-discrimination",
        label: "Disability discrimination by a school",
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

impl Situation {
    /// Decisions the parent can appeal to the Tribunal.
    pub fn is_appealable_decision(self) -> bool {
        matches!(
            self,
            Situation::DecisionNoAssessment
                | Situation::DecisionNoPlan
                | Situation::FinalPlanIssued
                | Situation::DecisionOnAmendment
                | Situation::DecisionToCease
                | Situation::MediationCertificate
        )
    }

    /// Whether the "only about the school" question applies (appeals about a plan's contents).
    pub fn can_be_school_only(self) -> bool {
        matches!(self, Situation::FinalPlanIssued)
    }
}

/// Choices the form asks for besides dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrderKind {
    Assess,
    MakePlan,
    AmendNeedsOrProvision,
    ChangeSchoolOnly,
    ContinuePlan,
    Recommendations,
}

impl OrderKind {
    pub const ALL: [OrderKind; 6] = [
        OrderKind::Assess,
        OrderKind::MakePlan,
        OrderKind::AmendNeedsOrProvision,
        OrderKind::ChangeSchoolOnly,
        OrderKind::ContinuePlan,
        OrderKind::Recommendations,
    ];

    pub fn id(self) -> &'static str {
        match self {
            OrderKind::Assess => "assess",
            OrderKind::MakePlan => "make-plan",
            OrderKind::AmendNeedsOrProvision => "amend",
            OrderKind::ChangeSchoolOnly => "school-only",
            OrderKind::ContinuePlan => "continue",
            OrderKind::Recommendations => "recommendations",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OrderKind::Assess => "Carry out an assessment or re-assessment",
            OrderKind::MakePlan => "Make and maintain an EHC plan",
            OrderKind::AmendNeedsOrProvision => "Amend the needs or provision in the plan",
            OrderKind::ChangeSchoolOnly => "Change only the school or type of school named",
            OrderKind::ContinuePlan => "Keep the plan (an appeal against stopping it was won)",
            OrderKind::Recommendations => "Health or social care recommendations",
        }
    }

    fn order(self) -> TribunalOrder {
        self.into()
    }
}

impl From<OrderKind> for TribunalOrder {
    fn from(kind: OrderKind) -> TribunalOrder {
        match kind {
            OrderKind::Assess => TribunalOrder::Assess,
            OrderKind::MakePlan => TribunalOrder::MakePlan,
            OrderKind::AmendNeedsOrProvision => TribunalOrder::AmendNeedsOrProvision,
            OrderKind::ChangeSchoolOnly => TribunalOrder::ChangeSchoolOnly,
            OrderKind::ContinuePlan => TribunalOrder::ContinuePlan,
            OrderKind::Recommendations => TribunalOrder::HealthOrSocialCareRecommendations,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TransferKind {
    SchoolPhases,
    SecondaryToPost16,
    BetweenPost16,
}

impl TransferKind {
    pub const ALL: [TransferKind; 3] = [
        TransferKind::SchoolPhases,
        TransferKind::SecondaryToPost16,
        TransferKind::BetweenPost16,
    ];

    pub fn id(self) -> &'static str {
        match self {
            TransferKind::SchoolPhases => "school-phases",
            TransferKind::SecondaryToPost16 => "secondary-to-post16",
            TransferKind::BetweenPost16 => "between-post16",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TransferKind::SchoolPhases => {
                "Into school, or between school phases (for example primary to secondary)"
            }
            TransferKind::SecondaryToPost16 => {
                "From secondary school to a college or other post-16 place"
            }
            TransferKind::BetweenPost16 => "From one post-16 place to another",
        }
    }
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
}

impl FormError {
    /// The id of the element an error summary link should move to.
    pub fn target_id(&self) -> String {
        match self {
            FormError::NoSituation => format!("situation-{}", SITUATIONS[0].id),
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
    /// The date to contact the mediation adviser comes before the appeal deadline.
    AdviserBeforeAppeal {
        adviser: NaiveDate,
        appeal: NaiveDate,
    },
}

/// The dates that follow from the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyDates {
    pub deadlines: Vec<Deadline>,
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
        if optional && parts.is_empty() {
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
    if !errors.is_empty() {
        return Err(errors);
    }

    let date = |field: DateField| dates.get(&field).copied();
    let mut deadlines: Vec<Deadline> = Vec::new();
    let mut warnings = Vec::new();
    if situation.is_appealable_decision() {
        if let Some(decision) = date(DateField::DecisionSent) {
            let certificate = date(DateField::CertificateIssued);
            let school_only = situation.can_be_school_only() && form.school_only;
            let appeal = if school_only && certificate.is_none() {
                d::explain_school_only_appeal_deadline(decision)
            } else {
                d::explain_appeal_deadline(decision, certificate, true)
            };
            if !school_only {
                let adviser = d::explain_mediation_adviser_deadline(decision);
                if adviser.date < appeal.date {
                    warnings.push(Warning::AdviserBeforeAppeal {
                        adviser: adviser.date,
                        appeal: appeal.date,
                    });
                }
                deadlines.push(adviser);
            }
            deadlines.push(appeal);
        }
    }
    match situation {
        Situation::DeclinedMediation => {
            deadlines.extend(date(DateField::AdviserTold).map(d::explain_certificate_due))
        }
        Situation::AskedForMediation => {
            if let Some(told) = date(DateField::CouncilTold) {
                deadlines.push(d::explain_mediation_takes_place(told));
                deadlines.push(d::explain_health_bodies_told(told));
            }
        }
        Situation::MediationHappened => deadlines
            .extend(date(DateField::MediationEnded).map(d::explain_certificate_after_mediation)),
        Situation::RequestForAssessment => {
            if let Some(received) = date(DateField::RequestReceived) {
                deadlines.push(d::explain_decision_whether_to_assess(received));
                deadlines.push(d::explain_no_plan_notice(received));
                deadlines.push(d::explain_final_plan(received));
            }
        }
        Situation::DraftPlan => {
            deadlines.extend(date(DateField::DraftServed).map(d::explain_draft_plan_comments))
        }
        Situation::AnnualReviewMeeting => {
            if let Some(meeting) = date(DateField::MeetingDate) {
                deadlines.push(d::explain_review_meeting_notice(meeting));
                deadlines.push(d::explain_review_report(meeting));
                deadlines.push(d::explain_review_decision(meeting));
                deadlines.push(d::explain_final_amended_plan_after_review(meeting));
                deadlines.push(d::explain_annual_review_due(meeting));
            }
        }
        Situation::AmendmentNotice => {
            if let Some(served) = date(DateField::NoticeServed) {
                deadlines.push(d::explain_amendment_notice_comments(served));
                deadlines.push(d::explain_final_amended_plan(served));
            }
        }
        Situation::RequestForReassessment => deadlines
            .extend(date(DateField::RequestReceived).map(d::explain_decision_whether_to_reassess)),
        Situation::TribunalOrder => {
            if let (Some(order_date), Some(kind)) = (date(DateField::OrderDate), form.order_kind) {
                deadlines.extend(d::explain_tribunal_order(
                    kind.order(),
                    order_date,
                    form.unopposed,
                ));
            }
        }
        Situation::PhaseTransfer => {
            if let Some(moving) = date(DateField::TransferDate) {
                deadlines.push(d::explain_post16_transfer(moving));
            }
            if let Some((kind, year)) = transfer {
                let phase = match kind {
                    TransferKind::SecondaryToPost16 => PhaseTransfer::SecondaryToPost16,
                    _ => PhaseTransfer::SchoolPhases,
                };
                deadlines.extend(d::explain_phase_transfer(year, phase));
            }
        }
        Situation::DisabilityDiscrimination => deadlines.extend(
            date(DateField::ActComplainedOf).map(d::explain_disability_discrimination_claim),
        ),
        _ => {}
    }
    sorting::sort_by_key(&mut deadlines, |deadline| deadline.date);
    Ok(MyDates {
        deadlines,
        warnings,
    })
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

/// Whether a passed date was the council's (or another body's) to keep, so it is now late.
pub fn is_for_others(deadline: &Deadline) -> bool {
    !matches!(deadline.who, WhoActs::Parent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date_input::DatePart;
    use crate::domain::deadlines::Rule;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")
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
            today(),
        )
        .expect("valid");
        let rules: Vec<Rule> = result.deadlines.iter().map(|x| x.rule).collect();
        assert_eq!(rules, [Rule::MediationAdviserContact, Rule::TribunalAppeal]);
        assert_eq!(
            result.warnings,
            [Warning::AdviserBeforeAppeal {
                adviser: NaiveDate::from_ymd_opt(2025, 8, 30).expect("date"),
                appeal: NaiveDate::from_ymd_opt(2025, 9, 1).expect("date"),
            }]
        );
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
            result.deadlines[0].date,
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
            let result =
                work_out(&f, today()).unwrap_or_else(|e| panic!("{:?}: {e:?}", info.situation));
            assert!(!result.deadlines.is_empty(), "{:?}", info.situation);
            assert!(
                result.deadlines.windows(2).all(|w| w[0].date <= w[1].date),
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
