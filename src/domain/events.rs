//! What happened, and what follows from it: the one model behind My dates, the log's key
//! dates, the case summary, the timeline, its print and its calendar file.
//!
//! - [`EventKind`] is every kind of thing that happens (a decision letter, a mediation
//!   certificate, a review meeting, ...). My dates offers each one, and a log entry can be
//!   marked as each one.
//! - [`KeyDate`] is an event's details as they are stored in a log entry (its date is the
//!   entry's). Its serde names are the stored format and never change (a test pins them).
//! - [`deadlines_of`] is the one function from an event to the deadlines it sets off.
//! - [`follow`] runs a list of events (one case's log, or what the parent entered on My dates)
//!   and says where each deadline stands today ([`Standing`]), letting later events answer
//!   earlier deadlines: a certificate means the adviser was contacted, a refusal to assess ends
//!   the council's duty to issue a plan, and so on.

use super::deadlines::{self as d, Deadline, PhaseTransfer, Rule, TribunalOrder, WhoActs};
use super::sorting;
use super::words::{day_month_year, days, lower_first};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Every kind of thing that happens. The serde names are stored (in My dates' saved form and
/// in log entries): never rename them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    DecisionNoAssessment,
    DecisionNoPlan,
    FinalPlanIssued,
    DecisionOnAmendment,
    DecisionToCease,
    AdviserContacted,
    MediationCertificate,
    DeclinedMediation,
    AskedForMediation,
    MediationHappened,
    RequestForAssessment,
    AssessmentAgreed,
    DraftPlan,
    RequestForReassessment,
    AnnualReviewMeeting,
    AmendmentNotice,
    PhaseTransfer,
    TribunalOrder,
    DisabilityDiscrimination,
}

/// Groups of event kinds, so that a phone shows a short list at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventGroup {
    Decision,
    Mediation,
    Assessment,
    Review,
    Tribunal,
}

impl EventGroup {
    pub const ALL: [EventGroup; 5] = [
        EventGroup::Decision,
        EventGroup::Mediation,
        EventGroup::Assessment,
        EventGroup::Review,
        EventGroup::Tribunal,
    ];

    pub fn id(self) -> &'static str {
        match self {
            EventGroup::Decision => "decision",
            EventGroup::Mediation => "mediation",
            EventGroup::Assessment => "assessment",
            EventGroup::Review => "review",
            EventGroup::Tribunal => "tribunal",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EventGroup::Decision => "A decision letter from the council",
            EventGroup::Mediation => "The mediation adviser, mediation or a certificate",
            EventGroup::Assessment => "An assessment, a re-assessment or a draft plan",
            EventGroup::Review => {
                "A review, proposed changes to a plan, or a move to a new school or college"
            }
            EventGroup::Tribunal => "A Tribunal order, or disability discrimination",
        }
    }

    pub fn kinds(self) -> impl Iterator<Item = EventKind> {
        EventKind::ALL
            .into_iter()
            .filter(move |k| k.group() == self)
    }
}

impl EventKind {
    pub const ALL: [EventKind; 19] = [
        EventKind::DecisionNoAssessment,
        EventKind::DecisionNoPlan,
        EventKind::FinalPlanIssued,
        EventKind::DecisionOnAmendment,
        EventKind::DecisionToCease,
        EventKind::AdviserContacted,
        EventKind::DeclinedMediation,
        EventKind::MediationCertificate,
        EventKind::AskedForMediation,
        EventKind::MediationHappened,
        EventKind::RequestForAssessment,
        EventKind::AssessmentAgreed,
        EventKind::DraftPlan,
        EventKind::RequestForReassessment,
        EventKind::AnnualReviewMeeting,
        EventKind::AmendmentNotice,
        EventKind::PhaseTransfer,
        EventKind::TribunalOrder,
        EventKind::DisabilityDiscrimination,
    ];

    /// The id used in page addresses and form controls.
    pub fn id(self) -> &'static str {
        match self {
            EventKind::DecisionNoAssessment => "decision-no-assessment",
            EventKind::DecisionNoPlan => "decision-no-plan",
            EventKind::FinalPlanIssued => "final-plan-issued",
            EventKind::DecisionOnAmendment => "decision-on-amendment",
            EventKind::DecisionToCease => "decision-to-cease",
            EventKind::AdviserContacted => "adviser-contacted",
            EventKind::MediationCertificate => "mediation-certificate",
            EventKind::DeclinedMediation => "declined-mediation",
            EventKind::AskedForMediation => "asked-for-mediation",
            EventKind::MediationHappened => "mediation-happened",
            EventKind::RequestForAssessment => "request-for-assessment",
            EventKind::AssessmentAgreed => "assessment-agreed",
            EventKind::DraftPlan => "draft-plan",
            EventKind::RequestForReassessment => "request-for-reassessment",
            EventKind::AnnualReviewMeeting => "annual-review-meeting",
            EventKind::AmendmentNotice => "amendment-notice",
            EventKind::PhaseTransfer => "phase-transfer",
            EventKind::TribunalOrder => "tribunal-order",
            EventKind::DisabilityDiscrimination => "disability-discrimination",
        }
    }

    pub fn from_id(id: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// What happened, as the parent picks it (on My dates and in the log).
    pub fn label(self) -> &'static str {
        match self {
            EventKind::DecisionNoAssessment => {
                "A decision not to carry out an EHC needs assessment (or re-assessment)"
            }
            EventKind::DecisionNoPlan => "A decision not to issue an EHC plan after an assessment",
            EventKind::FinalPlanIssued => "A final EHC plan or amended plan you disagree with",
            EventKind::DecisionOnAmendment => {
                "A decision not to amend a plan after a review or re-assessment"
            }
            EventKind::DecisionToCease => "A decision to stop (cease) an EHC plan",
            EventKind::AdviserContacted => "I contacted the mediation adviser",
            EventKind::MediationCertificate => "A mediation certificate",
            EventKind::DeclinedMediation => "I told the mediation adviser I do not want mediation",
            EventKind::AskedForMediation => "I asked the council for mediation",
            EventKind::MediationHappened => "A mediation meeting has finished",
            EventKind::RequestForAssessment => "A request for an EHC needs assessment",
            EventKind::AssessmentAgreed => {
                "The council agreed to carry out an EHC needs assessment"
            }
            EventKind::DraftPlan => "A draft EHC plan",
            EventKind::RequestForReassessment => "A request for a re-assessment",
            EventKind::AnnualReviewMeeting => "An annual review meeting",
            EventKind::AmendmentNotice => "A notice of proposed amendments to a plan",
            EventKind::PhaseTransfer => "A move to a new phase of education",
            EventKind::TribunalOrder => "A Tribunal order (or the council not opposing an appeal)",
            EventKind::DisabilityDiscrimination => "Disability discrimination by a school",
        }
    }

    /// A short title for a log entry made from the event ("Decision not to issue a plan").
    pub fn entry_subject(self) -> &'static str {
        match self {
            EventKind::DecisionNoAssessment => "Decision not to carry out an EHC needs assessment",
            EventKind::DecisionNoPlan => "Decision not to issue an EHC plan",
            EventKind::FinalPlanIssued => "Final EHC plan",
            EventKind::DecisionOnAmendment => "Decision not to amend the EHC plan",
            EventKind::DecisionToCease => "Decision to stop the EHC plan",
            EventKind::AdviserContacted => "Contacted the mediation adviser",
            EventKind::MediationCertificate => "Mediation certificate",
            EventKind::DeclinedMediation => "Told the mediation adviser I do not want mediation",
            EventKind::AskedForMediation => "Asked the council for mediation",
            EventKind::MediationHappened => "Mediation meeting",
            EventKind::RequestForAssessment => "Request for an EHC needs assessment",
            EventKind::AssessmentAgreed => "Council agreed to carry out an EHC needs assessment",
            EventKind::DraftPlan => "Draft EHC plan",
            EventKind::RequestForReassessment => "Request for a re-assessment",
            EventKind::AnnualReviewMeeting => "Annual review meeting",
            EventKind::AmendmentNotice => "Notice of proposed amendments",
            EventKind::PhaseTransfer => "Move to a new phase of education",
            EventKind::TribunalOrder => "Tribunal order",
            EventKind::DisabilityDiscrimination => "Disability discrimination",
        }
    }

    /// The event in a sentence's middle, for "Not needed: … on 3 May 2025".
    fn in_words(self) -> &'static str {
        match self {
            EventKind::DecisionNoAssessment => "the council decided not to assess",
            EventKind::DecisionNoPlan => "the council decided not to issue a plan",
            EventKind::FinalPlanIssued => "a final plan was logged",
            EventKind::DecisionOnAmendment => "a decision not to amend was logged",
            EventKind::DecisionToCease => "a decision to stop the plan was logged",
            EventKind::AdviserContacted => "you contacted the mediation adviser",
            EventKind::MediationCertificate => "a mediation certificate was logged",
            EventKind::DeclinedMediation => "you told the adviser you do not want mediation",
            EventKind::AskedForMediation => "you asked for mediation",
            EventKind::MediationHappened => "the mediation took place",
            EventKind::RequestForAssessment => "a request for an assessment was logged",
            EventKind::AssessmentAgreed => "the council agreed to assess",
            EventKind::DraftPlan => "a draft plan was logged",
            EventKind::RequestForReassessment => "a request for a re-assessment was logged",
            EventKind::AnnualReviewMeeting => "a review meeting was logged",
            EventKind::AmendmentNotice => "an amendment notice was logged",
            EventKind::PhaseTransfer => "a move was logged",
            EventKind::TribunalOrder => "a Tribunal order was logged",
            EventKind::DisabilityDiscrimination => "a discrimination claim was logged",
        }
    }

    /// Which date a log entry of this kind should have.
    pub fn date_hint(self) -> &'static str {
        use EventKind as K;
        match self {
            K::DecisionNoAssessment
            | K::DecisionNoPlan
            | K::FinalPlanIssued
            | K::DecisionOnAmendment
            | K::DecisionToCease => "The date the letter was sent: if its date and the date it was sent differ, the earlier one",
            K::AdviserContacted => "The date you contacted the adviser",
            K::MediationCertificate => "The certificate's date of issue",
            K::DeclinedMediation => "The date you told the adviser",
            K::AskedForMediation => "The date you told the council",
            K::MediationHappened => "The date the mediation ended",
            K::RequestForAssessment | K::RequestForReassessment => {
                "The date the council received it (if you do not know, the date you sent it)"
            }
            K::AssessmentAgreed => "The date of the council's letter",
            K::DraftPlan | K::AmendmentNotice => "The date it was sent to you",
            K::AnnualReviewMeeting => "The date of the meeting",
            K::PhaseTransfer => "The date of the move (for a move between school phases, its year is what counts)",
            K::TribunalOrder => "The date of the order, or of the council's notice that it will not oppose the appeal",
            K::DisabilityDiscrimination => "The date it happened, or the day it ended if it went on over a period",
        }
    }

    pub fn group(self) -> EventGroup {
        use EventKind as K;
        match self {
            K::DecisionNoAssessment
            | K::DecisionNoPlan
            | K::FinalPlanIssued
            | K::DecisionOnAmendment
            | K::DecisionToCease => EventGroup::Decision,
            K::AdviserContacted
            | K::MediationCertificate
            | K::DeclinedMediation
            | K::AskedForMediation
            | K::MediationHappened => EventGroup::Mediation,
            K::RequestForAssessment
            | K::AssessmentAgreed
            | K::DraftPlan
            | K::RequestForReassessment => EventGroup::Assessment,
            K::AnnualReviewMeeting | K::AmendmentNotice | K::PhaseTransfer => EventGroup::Review,
            K::TribunalOrder | K::DisabilityDiscrimination => EventGroup::Tribunal,
        }
    }

    /// A decision the parent can appeal to the Tribunal (after contacting the mediation
    /// adviser, unless the appeal is only about the school named).
    pub fn is_appealable_decision(self) -> bool {
        self.group() == EventGroup::Decision
    }

    /// Whether the "only about the school" question applies (appeals about a plan's contents).
    pub fn can_be_school_only(self) -> bool {
        matches!(self, EventKind::FinalPlanIssued)
    }

    /// Who usually sends or does it, for a log entry made from the event.
    pub fn party(self) -> super::casebook::Party {
        use super::casebook::Party;
        match self.group() {
            EventGroup::Decision => Party::CouncilSenTeam,
            EventGroup::Mediation => Party::MediationService,
            EventGroup::Assessment | EventGroup::Review => Party::CouncilSenTeam,
            EventGroup::Tribunal if self == EventKind::TribunalOrder => Party::Tribunal,
            EventGroup::Tribunal => Party::School,
        }
    }
}

/// What the Tribunal ordered (or what the council conceded in an unopposed appeal).
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

    pub fn from_id(id: &str) -> Option<OrderKind> {
        OrderKind::ALL.into_iter().find(|k| k.id() == id)
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

/// The kind of move to a new phase of education.
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

    pub fn from_id(id: &str) -> Option<TransferKind> {
        TransferKind::ALL.into_iter().find(|k| k.id() == id)
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

/// What a mediation is about, which decides who arranges it and from when the 30 days run
/// (rule book section 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MediationScope {
    /// Education or social care, or both, with no health matters.
    EducationOrCare,
    /// Health matters as well as education or social care.
    HealthAndOther,
    /// Health matters only.
    HealthOnly,
}

impl MediationScope {
    pub const ALL: [MediationScope; 3] = [
        MediationScope::EducationOrCare,
        MediationScope::HealthAndOther,
        MediationScope::HealthOnly,
    ];

    pub fn id(self) -> &'static str {
        match self {
            MediationScope::EducationOrCare => "education-or-care",
            MediationScope::HealthAndOther => "health-and-other",
            MediationScope::HealthOnly => "health-only",
        }
    }

    pub fn from_id(id: &str) -> Option<MediationScope> {
        MediationScope::ALL.into_iter().find(|k| k.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            MediationScope::EducationOrCare => "Education or social care (or both), not health",
            MediationScope::HealthAndOther => "Health as well as education or social care",
            MediationScope::HealthOnly => "Health only",
        }
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// An event's details as stored in a log entry (the entry's date is the event's date). The
/// serde names and fields are the stored format: add optional fields only. It is read by
/// [`StoredKeyDate`], which must list every field written here; a field name means the same
/// type in every kind (the reader checks each field it knows, whatever the kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum KeyDate {
    /// A decision letter; the date is when it was sent.
    Decision {
        about: EventKind,
        /// The appeal is only about the school or type of school named (no certificate needed).
        #[serde(default, skip_serializing_if = "is_false")]
        school_only: bool,
    },
    /// A mediation certificate; the date is its issue date.
    MediationCertificate {
        #[serde(with = "super::iso::date")]
        decision_sent: NaiveDate,
    },
    /// The parent contacted the mediation adviser; the date is when.
    AdviserContacted {
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "super::iso::option_date"
        )]
        decision_sent: Option<NaiveDate>,
    },
    /// The parent told the adviser they do not want mediation; the date is when.
    DeclinedMediation,
    /// The parent told the council they want mediation; the date is when.
    AskedForMediation {
        scope: MediationScope,
        /// For health-only mediation: when the council told the health body (ICB).
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "super::iso::option_date"
        )]
        icb_told: Option<NaiveDate>,
    },
    /// A mediation meeting ended on the date.
    MediationHappened,
    DraftPlan,
    AmendmentNotice,
    ReviewMeeting,
    /// The date the council received the request.
    RequestForAssessment,
    /// The council's letter agreeing to carry out an EHC needs assessment.
    AssessmentAgreed {
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "super::iso::option_date"
        )]
        request_received: Option<NaiveDate>,
    },
    /// The date the council received the request.
    RequestForReassessment,
    TribunalOrder {
        order: OrderKind,
        /// The date is when the council told the Tribunal it will not oppose the appeal.
        #[serde(default, skip_serializing_if = "is_false")]
        unopposed: bool,
    },
    /// A planned move to a new phase of education; the date is the date of the move.
    PhaseTransfer {
        move_kind: TransferKind,
    },
    /// The act of discrimination complained of (or the end of a continuing act).
    DisabilityDiscrimination,
}

/// The `kind` of a stored key date: the names [`KeyDate`] writes.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum StoredKind {
    Decision,
    MediationCertificate,
    AdviserContacted,
    DeclinedMediation,
    AskedForMediation,
    MediationHappened,
    DraftPlan,
    AmendmentNotice,
    ReviewMeeting,
    RequestForAssessment,
    AssessmentAgreed,
    RequestForReassessment,
    TribunalOrder,
    PhaseTransfer,
    DisabilityDiscrimination,
}

/// Every field any kind of key date writes, read in one pass. serde's own reader for a tagged
/// enum first copies the whole record into a buffer and then reads it again; that machinery was
/// 12.5 KB of the app (gzipped, 2 December). This reads the same records and refuses the same
/// ones (an unknown kind, a missing or wrong field; tested), except a key date written as an
/// array, which the app never writes.
#[derive(Deserialize)]
struct StoredKeyDate {
    kind: StoredKind,
    about: Option<EventKind>,
    #[serde(default)]
    school_only: bool,
    #[serde(default, with = "super::iso::option_date")]
    decision_sent: Option<NaiveDate>,
    scope: Option<MediationScope>,
    #[serde(default, with = "super::iso::option_date")]
    icb_told: Option<NaiveDate>,
    #[serde(default, with = "super::iso::option_date")]
    request_received: Option<NaiveDate>,
    order: Option<OrderKind>,
    #[serde(default)]
    unopposed: bool,
    move_kind: Option<TransferKind>,
}

impl<'de> Deserialize<'de> for KeyDate {
    fn deserialize<D: serde::Deserializer<'de>>(reader: D) -> Result<Self, D::Error> {
        fn needed<T, E: serde::de::Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
            value.ok_or_else(|| E::missing_field(field))
        }
        let s = StoredKeyDate::deserialize(reader)?;
        Ok(match s.kind {
            StoredKind::Decision => KeyDate::Decision {
                about: needed(s.about, "about")?,
                school_only: s.school_only,
            },
            StoredKind::MediationCertificate => KeyDate::MediationCertificate {
                decision_sent: needed(s.decision_sent, "decision_sent")?,
            },
            StoredKind::AdviserContacted => KeyDate::AdviserContacted {
                decision_sent: s.decision_sent,
            },
            StoredKind::DeclinedMediation => KeyDate::DeclinedMediation,
            StoredKind::AskedForMediation => KeyDate::AskedForMediation {
                scope: needed(s.scope, "scope")?,
                icb_told: s.icb_told,
            },
            StoredKind::MediationHappened => KeyDate::MediationHappened,
            StoredKind::DraftPlan => KeyDate::DraftPlan,
            StoredKind::AmendmentNotice => KeyDate::AmendmentNotice,
            StoredKind::ReviewMeeting => KeyDate::ReviewMeeting,
            StoredKind::RequestForAssessment => KeyDate::RequestForAssessment,
            StoredKind::AssessmentAgreed => KeyDate::AssessmentAgreed {
                request_received: s.request_received,
            },
            StoredKind::RequestForReassessment => KeyDate::RequestForReassessment,
            StoredKind::TribunalOrder => KeyDate::TribunalOrder {
                order: needed(s.order, "order")?,
                unopposed: s.unopposed,
            },
            StoredKind::PhaseTransfer => KeyDate::PhaseTransfer {
                move_kind: needed(s.move_kind, "move_kind")?,
            },
            StoredKind::DisabilityDiscrimination => KeyDate::DisabilityDiscrimination,
        })
    }
}

impl KeyDate {
    pub fn kind(self) -> EventKind {
        match self {
            KeyDate::Decision { about, .. } => about,
            KeyDate::MediationCertificate { .. } => EventKind::MediationCertificate,
            KeyDate::AdviserContacted { .. } => EventKind::AdviserContacted,
            KeyDate::DeclinedMediation => EventKind::DeclinedMediation,
            KeyDate::AskedForMediation { .. } => EventKind::AskedForMediation,
            KeyDate::MediationHappened => EventKind::MediationHappened,
            KeyDate::DraftPlan => EventKind::DraftPlan,
            KeyDate::AmendmentNotice => EventKind::AmendmentNotice,
            KeyDate::ReviewMeeting => EventKind::AnnualReviewMeeting,
            KeyDate::RequestForAssessment => EventKind::RequestForAssessment,
            KeyDate::AssessmentAgreed { .. } => EventKind::AssessmentAgreed,
            KeyDate::RequestForReassessment => EventKind::RequestForReassessment,
            KeyDate::TribunalOrder { .. } => EventKind::TribunalOrder,
            KeyDate::PhaseTransfer { .. } => EventKind::PhaseTransfer,
            KeyDate::DisabilityDiscrimination => EventKind::DisabilityDiscrimination,
        }
    }

    /// The decision this key date concerns, when it names one (a certificate's decision date).
    fn decision_sent(self) -> Option<NaiveDate> {
        match self {
            KeyDate::MediationCertificate { decision_sent } => Some(decision_sent),
            KeyDate::AdviserContacted { decision_sent } => decision_sent,
            _ => None,
        }
    }

    /// The choice in words, for a log entry ("A decision not to issue an EHC plan").
    pub fn describe(self) -> String {
        let kind = self.kind();
        match self {
            KeyDate::Decision {
                school_only: true, ..
            } => format!(
                "{} (the appeal is only about the school named)",
                kind.label()
            ),
            KeyDate::MediationCertificate { decision_sent } => format!(
                "A mediation certificate, for the decision sent on {}",
                day_month_year(decision_sent)
            ),
            KeyDate::AskedForMediation { scope, .. } => {
                format!("{}: {}", kind.label(), lower_first(scope.label()))
            }
            KeyDate::TribunalOrder { order, unopposed } => format!(
                "{}: {}",
                if unopposed {
                    "The council did not oppose an appeal"
                } else {
                    "A Tribunal order"
                },
                lower_first(order.label())
            ),
            KeyDate::PhaseTransfer { move_kind } => {
                format!("A move: {}", lower_first(move_kind.label()))
            }
            _ => kind.label().to_string(),
        }
    }
}

/// The one function from an event to the deadlines it sets off, soonest first.
pub fn deadlines_of(date: NaiveDate, key: KeyDate) -> Vec<Deadline> {
    let mut out = deadlines_in_stable_order(date, key);
    sorting::sort_by_key(&mut out, |deadline| deadline.act_by());
    out
}

/// An event's deadlines in an order that never changes for a kind (a new deadline goes at the
/// end): a deadline's place here is part of its calendar event's id, so that importing the
/// calendar again updates the event instead of adding a second one.
fn deadlines_in_stable_order(date: NaiveDate, key: KeyDate) -> Vec<Deadline> {
    match key {
        KeyDate::Decision { about, school_only } => {
            if about.can_be_school_only() && school_only {
                vec![d::explain_school_only_appeal_deadline(date)]
            } else {
                vec![
                    d::explain_mediation_adviser_deadline(date),
                    d::explain_appeal_deadline(date, None, true),
                ]
            }
        }
        KeyDate::MediationCertificate { decision_sent } => {
            vec![d::explain_appeal_deadline(decision_sent, Some(date), true)]
        }
        KeyDate::AdviserContacted { decision_sent } => decision_sent
            .map(|sent| {
                d::explain_appeal_deadline(sent, None, true).note(
                    "When the mediation certificate is issued, you have at least 1 month from its date: add it to see the later date.",
                )
            })
            .into_iter()
            .collect(),
        KeyDate::DeclinedMediation => vec![d::explain_certificate_due(date)],
        KeyDate::AskedForMediation { scope, icb_told } => match scope {
            MediationScope::EducationOrCare => vec![d::explain_mediation_takes_place(date)],
            MediationScope::HealthAndOther => vec![
                d::explain_health_bodies_told(date),
                d::explain_mediation_takes_place(date),
            ],
            MediationScope::HealthOnly => {
                let told = d::explain_health_bodies_told(date);
                let takes_place = d::explain_health_only_mediation_takes_place(icb_told, told.date);
                vec![told, takes_place]
            }
        },
        KeyDate::MediationHappened => vec![d::explain_certificate_after_mediation(date)],
        KeyDate::DraftPlan => vec![d::explain_draft_plan_comments(date)],
        KeyDate::AmendmentNotice => vec![
            d::explain_amendment_notice_comments(date),
            d::explain_final_amended_plan(date),
        ],
        KeyDate::ReviewMeeting => vec![
            d::explain_review_report(date),
            d::explain_review_decision(date),
            d::explain_final_amended_plan_after_review(date),
            d::explain_annual_review_due(date),
            d::explain_review_meeting_notice(date),
        ],
        KeyDate::RequestForAssessment => vec![
            d::explain_decision_whether_to_assess(date),
            d::explain_no_plan_notice(date),
            d::explain_final_plan(date),
        ],
        KeyDate::AssessmentAgreed { request_received } => request_received
            .map(|received| {
                vec![
                    d::explain_no_plan_notice(received),
                    d::explain_final_plan(received),
                ]
            })
            .unwrap_or_default(),
        KeyDate::RequestForReassessment => vec![d::explain_decision_whether_to_reassess(date)],
        KeyDate::TribunalOrder { order, unopposed } => {
            d::explain_tribunal_order(order.into(), date, unopposed)
        }
        KeyDate::PhaseTransfer { move_kind } => match move_kind {
            TransferKind::BetweenPost16 => vec![d::explain_post16_transfer(date)],
            TransferKind::SchoolPhases => {
                d::explain_phase_transfer(date.year(), PhaseTransfer::SchoolPhases)
                    .into_iter()
                    .collect()
            }
            TransferKind::SecondaryToPost16 => {
                d::explain_phase_transfer(date.year(), PhaseTransfer::SecondaryToPost16)
                    .into_iter()
                    .collect()
            }
        },
        KeyDate::DisabilityDiscrimination => vec![d::explain_disability_discrimination_claim(date)],
    }
}

/// What later events show about a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing later says it was done.
    Open,
    /// A later event is the thing this deadline was for, on this date.
    Met(NaiveDate),
    /// A later event shows it was done, but not when: the event is the evidence.
    DoneUndated(NaiveDate, EventKind),
    /// A later event ended the duty (a refusal to assess ends the duty to issue a plan).
    NotNeeded(NaiveDate, EventKind),
    /// A later event sets a new date for the same thing (a certificate's appeal date replaces
    /// the decision's).
    Replaced(NaiveDate, EventKind),
}

/// What an event itself shows about one of its own deadlines: the parent entered when the
/// council told the health body; a review meeting that has been held had its invitations.
fn own_outcome(deadline: &Deadline, date: NaiveDate, key: KeyDate, today: NaiveDate) -> Outcome {
    match (deadline.rule, key) {
        (
            Rule::HealthBodiesToldOfMediation,
            KeyDate::AskedForMediation {
                icb_told: Some(told),
                ..
            },
        ) => Outcome::Met(told),
        (Rule::ReviewMeetingNotice, KeyDate::ReviewMeeting) if date <= today => {
            Outcome::DoneUndated(date, EventKind::AnnualReviewMeeting)
        }
        _ => Outcome::Open,
    }
}

/// Whether `later` (on `on`) answers `deadline`, which follows from `from`. `same_decision`:
/// both are about the same decision (`later` names that decision's date, or names none and the
/// decision is the latest before it).
fn answers(
    deadline: &Deadline,
    from: KeyDate,
    later: KeyDate,
    on: NaiveDate,
    same_decision: bool,
) -> Outcome {
    use EventKind as K;
    let kind = later.kind();
    let health_only = matches!(
        later,
        KeyDate::AskedForMediation {
            scope: MediationScope::HealthOnly,
            ..
        }
    );
    match deadline.rule {
        Rule::MediationAdviserContact if from.kind().is_appealable_decision() && same_decision => {
            match kind {
                K::AdviserContacted | K::DeclinedMediation => Outcome::Met(on),
                K::MediationCertificate | K::MediationHappened => Outcome::DoneUndated(on, kind),
                K::AskedForMediation if !health_only => Outcome::DoneUndated(on, kind),
                _ => Outcome::Open,
            }
        }
        Rule::TribunalAppeal
            if kind == K::MediationCertificate
                && same_decision
                && from.kind() != K::MediationCertificate =>
        {
            Outcome::Replaced(on, kind)
        }
        Rule::CertificateAfterDeclining
        | Rule::CertificateAfterMediation
        | Rule::CertificateWhenMediationNotArranged
            if kind == K::MediationCertificate =>
        {
            Outcome::Met(on)
        }
        Rule::MediationTakesPlace if kind == K::MediationHappened => Outcome::Met(on),
        Rule::DecisionWhetherToAssess => match kind {
            K::AssessmentAgreed | K::DecisionNoAssessment => Outcome::Met(on),
            // A plan, or a decision made after assessing, shows the council did decide to
            // assess; the log does not show when.
            K::DraftPlan | K::DecisionNoPlan | K::FinalPlanIssued => Outcome::DoneUndated(on, kind),
            _ => Outcome::Open,
        },
        Rule::DecisionWhetherToReassess => match kind {
            K::AssessmentAgreed | K::DecisionNoAssessment => Outcome::Met(on),
            K::DraftPlan | K::FinalPlanIssued | K::DecisionOnAmendment => {
                Outcome::DoneUndated(on, kind)
            }
            _ => Outcome::Open,
        },
        Rule::NoPlanNotice => match kind {
            K::DecisionNoPlan => Outcome::Met(on),
            K::DecisionNoAssessment | K::DraftPlan | K::FinalPlanIssued => {
                Outcome::NotNeeded(on, kind)
            }
            _ => Outcome::Open,
        },
        Rule::FinalPlan | Rule::FinalPlanAfterReassessment => match kind {
            K::FinalPlanIssued => Outcome::Met(on),
            K::DecisionNoAssessment | K::DecisionNoPlan => Outcome::NotNeeded(on, kind),
            _ => Outcome::Open,
        },
        Rule::FinalAmendedPlan | Rule::FinalAmendedPlanAfterReview => match kind {
            K::FinalPlanIssued | K::DecisionOnAmendment => Outcome::Met(on),
            K::DecisionToCease => Outcome::NotNeeded(on, kind),
            _ => Outcome::Open,
        },
        Rule::ReviewDecision => match kind {
            K::AmendmentNotice
            | K::DecisionOnAmendment
            | K::DecisionToCease
            | K::FinalPlanIssued => Outcome::Met(on),
            _ => Outcome::Open,
        },
        // The next review meeting is the review that was due.
        Rule::AnnualReviewDue if kind == K::AnnualReviewMeeting => Outcome::Met(on),
        _ => Outcome::Open,
    }
}

/// Where a deadline stands today. Every standing has words, so a black-and-white print says it
/// all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// This many days to go.
    Upcoming(i64),
    DueToday,
    /// The parent's own date passed this many days ago.
    Passed(i64),
    /// Someone else's date passed this many days ago and nothing later says it was done.
    Overdue {
        who: WhoActs,
        days: i64,
    },
    /// Done on the date logged, this many days after the deadline (0: on time).
    Done {
        who: WhoActs,
        on: NaiveDate,
        days_late: i64,
    },
    /// Done, but the log does not show when: a later event shows it.
    DoneUndated {
        evidence: EventKind,
        on: NaiveDate,
    },
    /// A later event sets a new date for the same thing.
    Overtaken {
        by: EventKind,
        on: NaiveDate,
    },
    /// A later event ended the duty.
    NotNeeded {
        because: EventKind,
        on: NaiveDate,
    },
}

/// How a standing should stand out on screen (print relies on the words alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Soon,
    Attention,
    Done,
}

impl Standing {
    /// The deadline's standing today, given what later events show.
    pub fn of(deadline: &Deadline, outcome: Outcome, today: NaiveDate) -> Standing {
        match outcome {
            Outcome::Met(on) => Standing::Done {
                who: deadline.who,
                on,
                days_late: (on - deadline.date).num_days().max(0),
            },
            Outcome::DoneUndated(on, evidence) => Standing::DoneUndated { evidence, on },
            Outcome::Replaced(on, by) => Standing::Overtaken { by, on },
            Outcome::NotNeeded(on, because) => Standing::NotNeeded { because, on },
            Outcome::Open => {
                // Count to the day to act by (a working day before a weekend deadline) while it
                // is ahead; after it, to the legal date itself.
                let act_by = deadline.act_by();
                let ahead = if today <= act_by {
                    (act_by - today).num_days()
                } else {
                    (deadline.date - today).num_days()
                };
                match ahead {
                    n if n > 0 => Standing::Upcoming(n),
                    0 => Standing::DueToday,
                    n if deadline.who == WhoActs::Parent => Standing::Passed(-n),
                    n => Standing::Overdue {
                        who: deadline.who,
                        days: -n,
                    },
                }
            }
        }
    }

    /// Still to be done: counting down or passed without being done.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Standing::Upcoming(_)
                | Standing::DueToday
                | Standing::Passed(_)
                | Standing::Overdue { .. }
        )
    }

    /// The words for a status column.
    pub fn label(self) -> String {
        match self {
            Standing::Upcoming(n) => format!("Due in {}", days(n)),
            Standing::DueToday => "Due today".to_string(),
            Standing::Passed(n) => format!("Date passed {} ago", days(n)),
            Standing::Overdue { days: n, .. } => {
                format!("{} overdue (not logged as done)", days(n))
            }
            Standing::Done {
                on, days_late: 0, ..
            } => format!("Done on time ({})", day_month_year(on)),
            Standing::Done {
                who: WhoActs::Parent,
                on,
                days_late,
            } => format!(
                "Done on {}, {} after the date",
                day_month_year(on),
                days(days_late)
            ),
            Standing::Done { who, on, days_late } => format!(
                "Done on {}: {} was {} late",
                day_month_year(on),
                who.label_in_sentence(),
                days(days_late)
            ),
            Standing::DoneUndated { evidence, on } => format!(
                "Done, but the log does not show when: {} on {}",
                evidence.in_words(),
                day_month_year(on)
            ),
            Standing::Overtaken { by, on } => format!(
                "Replaced by a later date: {} on {}",
                by.in_words(),
                day_month_year(on)
            ),
            Standing::NotNeeded { because, on } => format!(
                "No longer needed: {} on {}",
                because.in_words(),
                day_month_year(on)
            ),
        }
    }

    pub fn tone(self) -> Tone {
        match self {
            Standing::Upcoming(_) | Standing::DueToday => Tone::Soon,
            Standing::Passed(_) | Standing::Overdue { .. } => Tone::Attention,
            Standing::Done { days_late, .. } if days_late > 0 => Tone::Attention,
            Standing::Done { .. } | Standing::DoneUndated { .. } => Tone::Done,
            Standing::Overtaken { .. } | Standing::NotNeeded { .. } => Tone::Plain,
        }
    }
}

/// One event to follow: an id (a log entry's, or a made-up one on My dates), its date and its
/// details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Happened<'a> {
    pub id: &'a str,
    pub date: NaiveDate,
    pub key: KeyDate,
}

/// A deadline, the event it follows from, and where it stands today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followed {
    /// The position of its event in the list given to [`follow`].
    pub event: usize,
    /// Its place among its event's deadlines (stable, for calendar ids).
    pub index: usize,
    pub deadline: Deadline,
    pub standing: Standing,
    /// The same deadline (rule and date) already follows from an earlier event: show it once.
    pub repeated: bool,
}

/// Every deadline that follows from `events`, each with its standing today: a later event (on
/// or after the deadline's event, other than itself) can answer it.
pub fn follow(events: &[Happened], today: NaiveDate) -> Vec<Followed> {
    let mut order: Vec<usize> = (0..events.len()).collect();
    sorting::sort_by(&mut order, |a, b| {
        let (a, b) = (&events[*a], &events[*b]);
        a.date.cmp(&b.date).then_with(|| a.id.cmp(b.id))
    });
    // The decision each event is about, in one pass: the decision itself, the one it names, or
    // else the latest decision on or before it.
    let mut about: Vec<Option<NaiveDate>> = vec![None; events.len()];
    let mut latest_decision = None;
    for &i in &order {
        let event = &events[i];
        if event.key.kind().is_appealable_decision() {
            latest_decision = Some(event.date);
        }
        about[i] = event.key.decision_sent().or(latest_decision);
    }
    let mut out = Vec::new();
    let mut seen: Vec<(Rule, NaiveDate)> = Vec::new();
    for (position, &at) in order.iter().enumerate() {
        let event = &events[at];
        // Later events: the same day (other than this one) or after.
        let first_same_day = order[..position].partition_point(|&i| events[i].date < event.date);
        let later: Vec<usize> = order[first_same_day..]
            .iter()
            .copied()
            .filter(|&i| i != at)
            .collect();
        let mut deadlines: Vec<(usize, Deadline)> =
            deadlines_in_stable_order(event.date, event.key)
                .into_iter()
                .enumerate()
                .collect();
        sorting::sort_by_key(&mut deadlines, |(_, d)| d.act_by());
        for (index, mut deadline) in deadlines {
            let outcome = match own_outcome(&deadline, event.date, event.key, today) {
                Outcome::Open => later
                    .iter()
                    .map(|&i| {
                        let other = &events[i];
                        let same_decision = about[i].is_some() && about[i] == about[at];
                        answers(&deadline, event.key, other.key, other.date, same_decision)
                    })
                    .find(|o| *o != Outcome::Open)
                    .unwrap_or(Outcome::Open),
                own => own,
            };
            // Once the working day before an unmoved weekend date has gone, the date itself
            // is the one to show (it has not passed yet).
            if deadline.act_on.is_some_and(|day| day < today) && today <= deadline.date {
                deadline.act_on = None;
            }
            let standing = Standing::of(&deadline, outcome, today);
            let repeated = seen.contains(&(deadline.rule, deadline.date));
            if !matches!(standing, Standing::Overtaken { .. }) {
                seen.push((deadline.rule, deadline.date));
            }
            out.push(Followed {
                event: at,
                index,
                deadline,
                standing,
                repeated,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn the_stored_names_never_change() {
        // Log entries and My dates' saved form hold these names: renaming one would make
        // stored records unreadable.
        let names: Vec<String> = EventKind::ALL
            .iter()
            .map(|k| serde_json::to_string(k).expect("names"))
            .collect();
        assert_eq!(
            names.join(","),
            "\"decision-no-assessment\",\"decision-no-plan\",\"final-plan-issued\",\"decision-on-amendment\",\"decision-to-cease\",\"adviser-contacted\",\"declined-mediation\",\"mediation-certificate\",\"asked-for-mediation\",\"mediation-happened\",\"request-for-assessment\",\"assessment-agreed\",\"draft-plan\",\"request-for-reassessment\",\"annual-review-meeting\",\"amendment-notice\",\"phase-transfer\",\"tribunal-order\",\"disability-discrimination\""
        );
        for kind in EventKind::ALL {
            assert_eq!(
                serde_json::to_string(&kind).expect("names"),
                format!("\"{}\"", kind.id()),
                "the page id is the stored name"
            );
        }
        let old = [
            r#"{"kind":"decision","about":"final-plan-issued"}"#,
            r#"{"kind":"mediation-certificate","decision_sent":"2025-06-30"}"#,
            r#"{"kind":"draft-plan"}"#,
            r#"{"kind":"amendment-notice"}"#,
            r#"{"kind":"review-meeting"}"#,
            r#"{"kind":"request-for-assessment"}"#,
            r#"{"kind":"assessment-agreed"}"#,
            r#"{"kind":"tribunal-order","order":"make-plan"}"#,
            r#"{"kind":"phase-transfer","move_kind":"between-post16"}"#,
        ];
        for text in old {
            let key: KeyDate = serde_json::from_str(text).expect(text);
            assert_eq!(serde_json::to_string(&key).expect("writes"), text);
        }
    }

    /// Every kind of key date, with and without its optional details, reads back as written;
    /// records that are not a key date are refused, as serde's tagged-enum reader refused them.
    #[test]
    fn every_key_date_reads_back_and_bad_ones_are_refused() {
        let date = Some(d(2026, 3, 2));
        let all = [
            KeyDate::Decision {
                about: EventKind::DecisionNoPlan,
                school_only: false,
            },
            KeyDate::Decision {
                about: EventKind::FinalPlanIssued,
                school_only: true,
            },
            KeyDate::MediationCertificate {
                decision_sent: d(2026, 1, 5),
            },
            KeyDate::AdviserContacted {
                decision_sent: None,
            },
            KeyDate::AdviserContacted {
                decision_sent: date,
            },
            KeyDate::DeclinedMediation,
            KeyDate::AskedForMediation {
                scope: MediationScope::HealthOnly,
                icb_told: date,
            },
            KeyDate::AskedForMediation {
                scope: MediationScope::HealthOnly,
                icb_told: None,
            },
            KeyDate::MediationHappened,
            KeyDate::DraftPlan,
            KeyDate::AmendmentNotice,
            KeyDate::ReviewMeeting,
            KeyDate::RequestForAssessment,
            KeyDate::AssessmentAgreed {
                request_received: date,
            },
            KeyDate::AssessmentAgreed {
                request_received: None,
            },
            KeyDate::RequestForReassessment,
            KeyDate::TribunalOrder {
                order: OrderKind::MakePlan,
                unopposed: true,
            },
            KeyDate::TribunalOrder {
                order: OrderKind::MakePlan,
                unopposed: false,
            },
            KeyDate::PhaseTransfer {
                move_kind: TransferKind::BetweenPost16,
            },
            KeyDate::DisabilityDiscrimination,
        ];
        let kinds: std::collections::BTreeSet<EventKind> = all.iter().map(|k| k.kind()).collect();
        // Two of the five decisions are here (Decision reads them all alike); every other kind is.
        assert_eq!(kinds.len() + 3, EventKind::ALL.len());
        for key in all {
            let text = serde_json::to_string(&key).expect("writes");
            assert_eq!(
                serde_json::from_str::<KeyDate>(&text).expect(&text),
                key,
                "{text}"
            );
        }
        // Unknown fields are skipped (a newer app may add optional ones).
        let newer = r#"{"kind":"draft-plan","added-later":[1,{"a":2}]}"#;
        assert_eq!(
            serde_json::from_str::<KeyDate>(newer).expect("reads"),
            KeyDate::DraftPlan
        );
        for bad in [
            r#"{"kind":"no-such-kind"}"#,
            r#"{"about":"final-plan-issued"}"#,
            r#"{"kind":"decision"}"#,
            r#"{"kind":"decision","about":"no-such-decision"}"#,
            r#"{"kind":"mediation-certificate"}"#,
            r#"{"kind":"mediation-certificate","decision_sent":null}"#,
            r#"{"kind":"mediation-certificate","decision_sent":"2025-02-30"}"#,
            r#"{"kind":"asked-for-mediation"}"#,
            r#"{"kind":"tribunal-order","order":"make-plan","unopposed":"yes"}"#,
            r#"{"kind":"phase-transfer"}"#,
            r#"{"kind":"draft-plan","kind":"review-meeting"}"#,
            r#""draft-plan""#,
        ] {
            assert!(
                serde_json::from_str::<KeyDate>(bad).is_err(),
                "{bad} was read"
            );
        }
    }

    #[test]
    fn a_key_date_reads_in_words_keeping_capitals() {
        let order = KeyDate::TribunalOrder {
            order: OrderKind::MakePlan,
            unopposed: false,
        };
        assert_eq!(
            order.describe(),
            "A Tribunal order: make and maintain an EHC plan"
        );
        let health = KeyDate::AskedForMediation {
            scope: MediationScope::HealthOnly,
            icb_told: None,
        };
        assert_eq!(
            health.describe(),
            "I asked the council for mediation: health only"
        );
    }

    #[test]
    fn every_kind_has_a_group_an_id_and_words() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::from_id(kind.id()), Some(kind));
            assert!(EventGroup::ALL.contains(&kind.group()));
            assert!(!kind.label().is_empty() && !kind.in_words().is_empty());
        }
        let listed: usize = EventGroup::ALL.iter().map(|g| g.kinds().count()).sum();
        assert_eq!(listed, EventKind::ALL.len());
    }

    fn standing_of(events: &[Happened], rule: Rule, today: NaiveDate) -> Standing {
        follow(events, today)
            .into_iter()
            .find(|f| f.deadline.rule == rule)
            .map(|f| f.standing)
            .unwrap_or_else(|| panic!("no {rule:?}"))
    }

    #[test]
    fn a_refusal_to_assess_ends_the_plan_deadlines() {
        let events = [
            Happened {
                id: "request",
                date: d(2025, 1, 6),
                key: KeyDate::RequestForAssessment,
            },
            Happened {
                id: "refusal",
                date: d(2025, 2, 14),
                key: KeyDate::Decision {
                    about: EventKind::DecisionNoAssessment,
                    school_only: false,
                },
            },
        ];
        let today = d(2025, 12, 1);
        assert_eq!(
            standing_of(&events, Rule::DecisionWhetherToAssess, today),
            Standing::Done {
                who: WhoActs::Council,
                on: d(2025, 2, 14),
                days_late: 0
            }
        );
        for rule in [Rule::NoPlanNotice, Rule::FinalPlan] {
            let standing = standing_of(&events, rule, today);
            assert_eq!(
                standing,
                Standing::NotNeeded {
                    because: EventKind::DecisionNoAssessment,
                    on: d(2025, 2, 14)
                }
            );
            assert!(!standing.label().contains("overdue"));
        }
    }

    #[test]
    fn a_refusal_to_issue_a_plan_ends_the_twenty_week_deadline() {
        let events = [
            Happened {
                id: "request",
                date: d(2025, 1, 6),
                key: KeyDate::RequestForAssessment,
            },
            Happened {
                id: "no-plan",
                date: d(2025, 4, 20),
                key: KeyDate::Decision {
                    about: EventKind::DecisionNoPlan,
                    school_only: false,
                },
            },
        ];
        let today = d(2025, 12, 1);
        assert!(matches!(
            standing_of(&events, Rule::FinalPlan, today),
            Standing::NotNeeded { .. }
        ));
        // The assessment happened, but the log does not say when the council decided to.
        let decided = standing_of(&events, Rule::DecisionWhetherToAssess, today);
        assert!(matches!(decided, Standing::DoneUndated { .. }));
        assert!(
            decided.label().contains("does not show when"),
            "{}",
            decided.label()
        );
    }

    #[test]
    fn a_certificate_means_the_adviser_was_contacted_and_replaces_the_appeal_date() {
        let decision = d(2025, 6, 30);
        let events = [
            Happened {
                id: "decision",
                date: decision,
                key: KeyDate::Decision {
                    about: EventKind::FinalPlanIssued,
                    school_only: false,
                },
            },
            Happened {
                id: "certificate",
                date: d(2025, 8, 20),
                key: KeyDate::MediationCertificate {
                    decision_sent: decision,
                },
            },
        ];
        let today = d(2025, 9, 10);
        let followed = follow(&events, today);
        let adviser = followed
            .iter()
            .find(|f| f.deadline.rule == Rule::MediationAdviserContact)
            .expect("adviser");
        assert!(!adviser.standing.is_open(), "{:?}", adviser.standing);
        let appeals: Vec<_> = followed
            .iter()
            .filter(|f| f.deadline.rule == Rule::TribunalAppeal)
            .collect();
        assert_eq!(appeals.len(), 2);
        assert!(matches!(appeals[0].standing, Standing::Overtaken { .. }));
        assert_eq!(appeals[1].deadline.date, d(2025, 9, 22));
        assert_eq!(appeals[1].standing, Standing::Upcoming(12));
    }

    #[test]
    fn logging_the_adviser_contact_marks_the_adviser_date_done() {
        let events = [
            Happened {
                id: "a",
                date: d(2025, 6, 30),
                key: KeyDate::Decision {
                    about: EventKind::DecisionToCease,
                    school_only: false,
                },
            },
            Happened {
                id: "b",
                date: d(2025, 7, 10),
                key: KeyDate::AdviserContacted {
                    decision_sent: None,
                },
            },
        ];
        let standing = standing_of(&events, Rule::MediationAdviserContact, d(2025, 8, 1));
        assert_eq!(
            standing,
            Standing::Done {
                who: WhoActs::Parent,
                on: d(2025, 7, 10),
                days_late: 0
            }
        );
        assert_eq!(standing.label(), "Done on time (10 July 2025)");
    }

    #[test]
    fn an_adviser_contact_with_no_decision_named_answers_only_the_latest_decision() {
        let decision = |id, date| Happened {
            id,
            date,
            key: KeyDate::Decision {
                about: EventKind::DecisionNoAssessment,
                school_only: false,
            },
        };
        let events = [
            decision("old", d(2025, 2, 14)),
            decision("new", d(2025, 6, 30)),
            Happened {
                id: "contact",
                date: d(2025, 7, 10),
                key: KeyDate::AdviserContacted {
                    decision_sent: None,
                },
            },
        ];
        let adviser: Vec<Standing> = follow(&events, d(2025, 7, 20))
            .into_iter()
            .filter(|f| f.deadline.rule == Rule::MediationAdviserContact)
            .map(|f| f.standing)
            .collect();
        assert_eq!(adviser.len(), 2);
        assert_eq!(
            adviser[0],
            Standing::Passed(97),
            "the older decision's date stays passed"
        );
        assert!(matches!(adviser[1], Standing::Done { days_late: 0, .. }));
    }

    fn decision(id: &'static str, date: NaiveDate) -> Happened<'static> {
        Happened {
            id,
            date,
            key: KeyDate::Decision {
                about: EventKind::FinalPlanIssued,
                school_only: false,
            },
        }
    }

    fn standings(events: &[Happened], rule: Rule, today: NaiveDate) -> Vec<Standing> {
        follow(events, today)
            .into_iter()
            .filter(|f| f.deadline.rule == rule && !f.repeated)
            .map(|f| f.standing)
            .collect()
    }

    #[test]
    fn a_certificate_replaces_the_appeal_date_of_an_adviser_contact_naming_that_decision() {
        let sent = d(2025, 6, 30);
        let events = [
            Happened {
                id: "contact",
                date: d(2025, 7, 10),
                key: KeyDate::AdviserContacted {
                    decision_sent: Some(sent),
                },
            },
            Happened {
                id: "certificate",
                date: d(2025, 8, 20),
                key: KeyDate::MediationCertificate {
                    decision_sent: sent,
                },
            },
        ];
        let appeals = standings(&events, Rule::TribunalAppeal, d(2025, 8, 25));
        assert_eq!(appeals.len(), 2);
        assert!(
            matches!(appeals[0], Standing::Overtaken { .. }),
            "{appeals:?}"
        );
        assert_eq!(appeals[1], Standing::Upcoming(28));
    }

    #[test]
    fn mediation_about_a_later_decision_leaves_an_earlier_adviser_date_open() {
        let events = [
            decision("a", d(2025, 6, 10)),
            decision("b", d(2025, 6, 20)),
            Happened {
                id: "asked",
                date: d(2025, 7, 1),
                key: KeyDate::AskedForMediation {
                    scope: MediationScope::EducationOrCare,
                    icb_told: None,
                },
            },
        ];
        let adviser = standings(&events, Rule::MediationAdviserContact, d(2025, 7, 2));
        assert!(adviser[0].is_open(), "decision a: {:?}", adviser[0]);
        assert!(!adviser[1].is_open(), "decision b: {:?}", adviser[1]);
        // Health-only mediation is not the mediation advice an appeal needs.
        let health_only = [
            decision("a", d(2025, 6, 10)),
            Happened {
                id: "asked",
                date: d(2025, 7, 1),
                key: KeyDate::AskedForMediation {
                    scope: MediationScope::HealthOnly,
                    icb_told: Some(d(2025, 7, 2)),
                },
            },
        ];
        assert!(standings(&health_only, Rule::MediationAdviserContact, d(2025, 7, 2))[0].is_open());
        // The date the parent gave for the council telling the health body meets that date.
        assert_eq!(
            standings(
                &health_only,
                Rule::HealthBodiesToldOfMediation,
                d(2025, 9, 1)
            ),
            [Standing::Done {
                who: WhoActs::Council,
                on: d(2025, 7, 2),
                days_late: 0
            }]
        );
    }

    #[test]
    fn later_steps_answer_the_reassessment_the_review_and_the_review_decision() {
        let reassess = [
            Happened {
                id: "r",
                date: d(2025, 3, 3),
                key: KeyDate::RequestForReassessment,
            },
            Happened {
                id: "n",
                date: d(2025, 3, 10),
                key: KeyDate::Decision {
                    about: EventKind::DecisionNoAssessment,
                    school_only: false,
                },
            },
        ];
        assert!(matches!(
            standings(&reassess, Rule::DecisionWhetherToReassess, d(2025, 6, 1))[0],
            Standing::Done { .. }
        ));
        let reviews = [
            Happened {
                id: "2024",
                date: d(2024, 5, 1),
                key: KeyDate::ReviewMeeting,
            },
            Happened {
                id: "2025",
                date: d(2025, 4, 20),
                key: KeyDate::ReviewMeeting,
            },
            Happened {
                id: "plan",
                date: d(2025, 5, 10),
                key: KeyDate::Decision {
                    about: EventKind::FinalPlanIssued,
                    school_only: false,
                },
            },
        ];
        let today = d(2025, 6, 1);
        let due = standings(&reviews, Rule::AnnualReviewDue, today);
        assert!(matches!(due[0], Standing::Done { on, .. } if on == d(2025, 4, 20)));
        let decided = standings(&reviews, Rule::ReviewDecision, today);
        assert!(decided.iter().all(|s| !s.is_open()), "{decided:?}");
        // A meeting that has been held had its invitations: not "overdue".
        let notices = standings(&reviews, Rule::ReviewMeetingNotice, today);
        assert!(
            notices
                .iter()
                .all(|s| matches!(s, Standing::DoneUndated { .. })),
            "{notices:?}"
        );
    }

    #[test]
    fn the_same_deadline_from_two_events_is_marked_repeated() {
        let events = [
            Happened {
                id: "request",
                date: d(2025, 1, 6),
                key: KeyDate::RequestForAssessment,
            },
            Happened {
                id: "agreed",
                date: d(2025, 2, 1),
                key: KeyDate::AssessmentAgreed {
                    request_received: Some(d(2025, 1, 6)),
                },
            },
        ];
        let followed = follow(&events, d(2025, 3, 1));
        let finals: Vec<_> = followed
            .iter()
            .filter(|f| f.deadline.rule == Rule::FinalPlan)
            .collect();
        assert_eq!(finals.len(), 2);
        assert_eq!(
            finals.iter().filter(|f| !f.repeated).count(),
            1,
            "shown once"
        );
    }

    #[test]
    fn review_invitations_and_report_are_the_head_teachers() {
        let followed = follow(
            &[Happened {
                id: "review",
                date: d(2025, 3, 10),
                key: KeyDate::ReviewMeeting,
            }],
            d(2025, 6, 1),
        );
        for f in &followed {
            let expected = match f.deadline.rule {
                Rule::ReviewMeetingNotice | Rule::ReviewReport => WhoActs::HeadTeacher,
                _ => WhoActs::Council,
            };
            assert_eq!(f.deadline.who, expected, "{:?}", f.deadline.rule);
            if f.deadline.who == WhoActs::HeadTeacher {
                assert!(!f.standing.label().contains("council"));
            }
        }
        let late = Standing::Done {
            who: WhoActs::HeadTeacher,
            on: d(2025, 4, 1),
            days_late: 3,
        };
        assert_eq!(
            late.label(),
            "Done on 1 April 2025: whoever arranges the review (usually the head teacher or principal) was 3 days late"
        );
    }

    #[test]
    fn mediation_dates_depend_on_what_it_is_about() {
        let told = d(2025, 3, 3);
        let rules = |scope, icb_told| -> Vec<(Rule, NaiveDate)> {
            deadlines_of(told, KeyDate::AskedForMediation { scope, icb_told })
                .into_iter()
                .map(|x| (x.rule, x.date))
                .collect()
        };
        assert_eq!(
            rules(MediationScope::EducationOrCare, None),
            [(Rule::MediationTakesPlace, d(2025, 4, 2))]
        );
        assert_eq!(
            rules(MediationScope::HealthAndOther, None),
            [
                (Rule::HealthBodiesToldOfMediation, d(2025, 3, 6)),
                (Rule::MediationTakesPlace, d(2025, 4, 2))
            ]
        );
        // Health only: 30 days from when the council tells the ICB.
        assert_eq!(
            rules(MediationScope::HealthOnly, Some(d(2025, 3, 5))),
            [
                (Rule::HealthBodiesToldOfMediation, d(2025, 3, 6)),
                (Rule::MediationTakesPlace, d(2025, 4, 4))
            ]
        );
        assert_eq!(
            rules(MediationScope::HealthOnly, None),
            [
                (Rule::HealthBodiesToldOfMediation, d(2025, 3, 6)),
                (Rule::MediationTakesPlace, d(2025, 4, 5))
            ]
        );
    }

    #[test]
    fn a_weekend_adviser_date_is_acted_on_the_working_day_before() {
        // 2 months from 14 October 2025 is Sunday 14 December.
        let deadlines = deadlines_of(
            d(2025, 10, 14),
            KeyDate::Decision {
                about: EventKind::DecisionNoPlan,
                school_only: false,
            },
        );
        let adviser = deadlines
            .iter()
            .find(|x| x.rule == Rule::MediationAdviserContact)
            .expect("adviser");
        assert_eq!(adviser.date, d(2025, 12, 14));
        assert_eq!(adviser.act_by(), d(2025, 12, 12));
        // Counted to Friday while it is ahead; on Saturday the legal date is tomorrow.
        assert_eq!(
            Standing::of(adviser, Outcome::Open, d(2025, 12, 10)),
            Standing::Upcoming(2)
        );
        assert_eq!(
            Standing::of(adviser, Outcome::Open, d(2025, 12, 13)),
            Standing::Upcoming(1)
        );
        assert_eq!(
            Standing::of(adviser, Outcome::Open, d(2025, 12, 15)),
            Standing::Passed(1)
        );
    }
}
