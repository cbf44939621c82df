//! The statutory deadlines of SEN disagreements in England, each with its working.
//!
//! Every function here returns a [`Deadline`] that carries the date, the steps that produced it
//! (each with its legal source), the unit counted, how sure the rule book is, and where the law
//! is unclear the later reading as a note. Where the rule book marks a point UNSURE, the date
//! given is the earlier (safer) one. The plain functions the brief names (`appeal_deadline`,
//! `mediation_adviser_deadline`, `certificate_due`, `add_months`) return just the date.
//!
//! Rule book: `docs/rules/deadlines.md` (sections in brackets below refer to it).

use super::calendar::{self, is_working_day, why_not_working};
use super::counting::{self, in_august, in_christmas_window};
use super::words::{day_and_month, long_date, weekday_day_and_month};
use chrono::{Datelike, NaiveDate};

pub use super::counting::add_months;

/// How a period is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    CalendarMonths,
    Weeks,
    CalendarDays,
    /// "N days beginning with" a day: that day is day 1.
    DaysBeginningWith,
    WorkingDays,
    /// A fixed date in the calendar (phase transfers).
    FixedDate,
    /// Straight away: no period at all.
    Immediately,
}

impl Unit {
    pub fn describe(self) -> &'static str {
        match self {
            Unit::CalendarMonths => "calendar months, to the same date number (or the last day of a shorter month)",
            Unit::Weeks => "weeks of 7 days, ending on the same weekday",
            Unit::CalendarDays => "calendar days, weekends and bank holidays included",
            Unit::DaysBeginningWith => "calendar days, with the first day counted as day 1",
            Unit::WorkingDays => "working days: not weekends, Christmas Day, Good Friday or bank holidays in England and Wales",
            Unit::FixedDate => "a fixed date in the calendar",
            Unit::Immediately => "straight away",
        }
    }
}

/// How sure the rule book is of a rule (its marks [V], [S] and [M]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Certainty {
    /// Checked against the text of the law.
    Checked,
    /// From reliable secondary sources; the regulation's own words were not seen.
    SecondarySources,
    /// Not checked against any source: confirm it before relying on it.
    Unchecked,
}

/// Who has to act by the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhoActs {
    Parent,
    Council,
    MediationAdviser,
    Mediator,
    Tribunal,
    HealthOrSocialCare,
    /// Whoever arranges an annual review: usually the head teacher or principal of the child's
    /// school or college, whom the council can require to (reg 20(1)); otherwise the council.
    HeadTeacher,
}

impl WhoActs {
    /// Who must act, as a sentence starts it: "You", "The council".
    pub fn label(self) -> &'static str {
        match self {
            WhoActs::Parent => "You",
            WhoActs::Council => "The council",
            WhoActs::MediationAdviser => "The mediation adviser",
            WhoActs::Mediator => "The mediator",
            WhoActs::Tribunal => "The Tribunal",
            WhoActs::HealthOrSocialCare => "The health or social care body",
            WhoActs::HeadTeacher => {
                "Whoever arranges the review (usually the head teacher or principal)"
            }
        }
    }

    /// Who must act, inside a sentence: "you", "the council".
    pub fn label_in_sentence(self) -> String {
        match self {
            WhoActs::Parent => "you".to_string(),
            other => super::words::lower_first(other.label()),
        }
    }
}

/// One step of the working, with the law it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub text: String,
    pub source: &'static str,
}

/// A later date some people read the law as giving, when the law is unclear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaterReading {
    pub date: NaiveDate,
    pub note: String,
}

/// A computed deadline and everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub rule: Rule,
    pub date: NaiveDate,
    /// The act must be done by 5pm (Tribunal time limits, HESC r 12(1)).
    pub by_5pm: bool,
    pub unit: Unit,
    pub who: WhoActs,
    pub steps: Vec<Step>,
    pub certainty: Certainty,
    pub later_reading: Option<LaterReading>,
    /// Anything else the parent should know about this date.
    pub notes: Vec<String>,
    /// When the date falls on a weekend or holiday and nothing moves it, the last working day
    /// before it: the day the headline and the calendar give (the working keeps the legal date).
    pub act_on: Option<NaiveDate>,
    /// What exactly is due, where one rule sets several dates (a Tribunal order's steps).
    pub what: Option<String>,
}

impl Deadline {
    fn new(rule: Rule, date: NaiveDate, unit: Unit, who: WhoActs, certainty: Certainty) -> Self {
        Deadline {
            rule,
            date,
            by_5pm: false,
            unit,
            who,
            steps: Vec::new(),
            certainty,
            later_reading: None,
            notes: Vec::new(),
            act_on: None,
            what: None,
        }
    }

    /// What the date is, in plain English: the rule's title, or for a rule with several
    /// dates, which one this is.
    pub fn title(&self) -> String {
        match &self.what {
            Some(what) => format!("{}: {what}", self.rule.title()),
            None => self.rule.title().to_string(),
        }
    }

    /// The day to act by: the last working day before an unmoved weekend or holiday date, or
    /// the date itself.
    pub fn act_by(&self) -> NaiveDate {
        self.act_on.unwrap_or(self.date)
    }

    fn step(mut self, text: impl Into<String>, source: &'static str) -> Self {
        self.steps.push(Step {
            text: text.into(),
            source,
        });
        self
    }

    pub(crate) fn note(mut self, text: impl Into<String>) -> Self {
        self.notes.push(text.into());
        self
    }

    /// The main legal source: that of the first step.
    pub fn source(&self) -> &'static str {
        self.steps.first().map_or("", |s| s.source)
    }
}

/// Every rule the engine knows, one per line of the rule book's summary table (section 14),
/// plus the steps around them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    TribunalAppeal,
    MediationAdviserContact,
    CertificateAfterDeclining,
    MediationTakesPlace,
    CertificateWhenMediationNotArranged,
    CertificateAfterMediation,
    HealthBodiesToldOfMediation,
    MediationAgreementCarriedOut,
    DecisionWhetherToAssess,
    AdviceFromProfessionals,
    NoPlanNotice,
    DraftPlanComments,
    FinalPlan,
    AnnualReviewDue,
    ReviewMeetingNotice,
    ReviewReport,
    ReviewDecision,
    AmendmentNoticeComments,
    FinalAmendedPlan,
    FinalAmendedPlanAfterReview,
    PhaseTransferReview,
    Post16TransferReview,
    DecisionWhetherToReassess,
    FinalPlanAfterReassessment,
    TribunalOrder,
    RecommendationResponse,
    DisabilityDiscriminationClaim,
}

impl Rule {
    /// What the date is, in plain English.
    pub fn title(self) -> &'static str {
        match self {
            Rule::TribunalAppeal => "Last day to register an appeal with the Tribunal",
            Rule::MediationAdviserContact => "Last day to contact the mediation adviser",
            Rule::CertificateAfterDeclining => {
                "Mediation certificate due (you said you do not want mediation)"
            }
            Rule::MediationTakesPlace => "Mediation must take place by",
            Rule::CertificateWhenMediationNotArranged => {
                "Certificate due when mediation cannot be arranged in time"
            }
            Rule::CertificateAfterMediation => "Mediation certificate due after the mediation",
            Rule::HealthBodiesToldOfMediation => {
                "Council must tell the health body (ICB) about the mediation"
            }
            Rule::MediationAgreementCarriedOut => {
                "Mediation agreement carried out (matters you could not appeal)"
            }
            Rule::DecisionWhetherToAssess => {
                "Council's decision whether to carry out an EHC needs assessment"
            }
            Rule::AdviceFromProfessionals => "Advice from professionals due to the council",
            Rule::NoPlanNotice => "Council's notice if it decides not to issue an EHC plan",
            Rule::DraftPlanComments => "Last day to comment on the draft plan and ask for a school",
            Rule::FinalPlan => "Final EHC plan due, if the council decides to issue one",
            Rule::AnnualReviewDue => "Annual review due",
            Rule::ReviewMeetingNotice => "Invitations to the review meeting due",
            Rule::ReviewReport => "Review report due",
            Rule::ReviewDecision => {
                "Council's decision after the review (keep, amend or cease the plan)"
            }
            Rule::AmendmentNoticeComments => {
                "Last day to comment on the proposed amendments and ask for a school"
            }
            Rule::FinalAmendedPlan => "Final amended plan due",
            Rule::FinalAmendedPlanAfterReview => {
                "Final amended plan due, counted from the review meeting"
            }
            Rule::PhaseTransferReview => "Plan reviewed and amended for the move to the next phase",
            Rule::Post16TransferReview => {
                "Plan reviewed and amended for the move between post-16 institutions"
            }
            Rule::DecisionWhetherToReassess => "Council's decision whether to re-assess",
            Rule::FinalPlanAfterReassessment => "Final plan after re-assessment due",
            Rule::TribunalOrder => "Carrying out the Tribunal's order",
            Rule::RecommendationResponse => {
                "Written response to the Tribunal's health or social care recommendations"
            }
            Rule::DisabilityDiscriminationClaim => {
                "Last day to bring a disability discrimination claim"
            }
        }
    }
}

fn non_working_reason(date: NaiveDate) -> String {
    why_not_working(date).unwrap_or_else(|| "not a working day".to_string())
}

// ---------------------------------------------------------------------------------------------
// 1. The Tribunal appeal (HESC Rules r 20 and r 12)

/// The r 12(3)(a) window rule, if it applies: the new date and why.
fn window_rule(date: NaiveDate) -> Option<(NaiveDate, String)> {
    if in_christmas_window(date) {
        let first_january =
            NaiveDate::from_ymd_opt(date.year() + i32::from(date.month() == 12), 1, 1)?;
        let moved = calendar::next_working_day_after(first_january);
        Some((
            moved,
            format!(
                "Appeal deadlines that end between 25 December and 1 January move to the first working day after 1 January: {}.",
                long_date(moved)
            ),
        ))
    } else if in_august(date) {
        let last_of_august = NaiveDate::from_ymd_opt(date.year(), 8, 31)?;
        let moved = calendar::next_working_day_after(last_of_august);
        Some((
            moved,
            format!(
                "Appeal deadlines that end in August move to the first working day in September: {}.",
                long_date(moved)
            ),
        ))
    } else {
        None
    }
}

/// The Tribunal appeal deadline with its working.
///
/// `sen_case` is true for every SEN appeal; false applies only r 12(2) (the rule mechanics of a
/// disability discrimination claim, whose own time limit is [`disability_discrimination_claim`]).
pub fn explain_appeal_deadline(
    decision_sent: NaiveDate,
    certificate_issued: Option<NaiveDate>,
    sen_case: bool,
) -> Deadline {
    let from_decision = add_months(decision_sent, 2);
    let mut deadline = Deadline::new(
        Rule::TribunalAppeal,
        from_decision,
        Unit::CalendarMonths,
        WhoActs::Parent,
        Certainty::Checked,
    )
    .step(
        format!(
            "2 months from {} (when the decision was sent) is {}.",
            long_date(decision_sent),
            long_date(from_decision)
        ),
        "HESC Rules r 20(1)(c)(i)",
    );
    let mut date = from_decision;
    if let Some(issued) = certificate_issued {
        let from_certificate = add_months(issued, 1);
        date = date.max(from_certificate);
        deadline = deadline.step(
            format!(
                "1 month from {} (when the mediation certificate was issued) is {}. The later of the two dates counts: {}.",
                long_date(issued),
                long_date(from_certificate),
                long_date(date)
            ),
            "HESC Rules r 20(1)(c)(ii)",
        );
    }
    if sen_case {
        if let Some((moved, why)) = window_rule(date) {
            date = moved;
            deadline = deadline.step(why, "HESC Rules r 12(3)(a)");
        }
    }
    if !is_working_day(date) {
        let moved = calendar::next_working_day_after(date);
        deadline = deadline.step(
            format!(
                "{} is {}, so the deadline moves to the next working day: {}.",
                long_date(date),
                non_working_reason(date),
                long_date(moved)
            ),
            "HESC Rules r 12(2)",
        );
        // UNSURE (rule book 1): rolling forward into August or Christmas. Read literally, the
        // window rule does not apply again; a generous reading would apply it.
        if sen_case {
            if let Some((generous, _)) = window_rule(moved) {
                deadline.later_reading = Some(LaterReading {
                    date: generous,
                    note: format!(
                        "The rules are unclear when a deadline moves into {} only because of a weekend or bank holiday. \
                         Read generously, you would have until {}. No court has decided this, so treat {} as your deadline and get advice before relying on the later date.",
                        if in_august(moved) { "August" } else { "the Christmas period" },
                        long_date(generous),
                        long_date(moved)
                    ),
                });
            }
        }
        date = moved;
    }
    deadline.date = date;
    deadline.by_5pm = true;
    deadline
        .step(
            format!("The Tribunal must receive your appeal by 5pm on {}.", long_date(date)),
            "HESC Rules r 12(1)",
        )
        .note("Counted from when the decision was sent. If the date on the letter and the date it was sent differ, the earlier one is safe; never count from the day you received it.")
        .note("If this date has passed you can still send your appeal and ask the Tribunal to accept it late, giving your reasons.")
}

/// The SEN appeal deadline (literal reading of the rules), from when the decision was sent and,
/// if there is one, the date the mediation certificate was issued.
pub fn appeal_deadline(
    decision_sent: NaiveDate,
    certificate_issued: Option<NaiveDate>,
) -> NaiveDate {
    explain_appeal_deadline(decision_sent, certificate_issued, true).date
}

/// An appeal only about the school or type of school named (or that none is named) needs no
/// mediation certificate: the deadline is 2 months from the decision, with r 12 applied.
pub fn explain_school_only_appeal_deadline(decision_sent: NaiveDate) -> Deadline {
    explain_appeal_deadline(decision_sent, None, true).note(
        "Your appeal is only about the school or college named in the plan, the type named, or that none is named: \
         you do not need a mediation certificate first (Children and Families Act 2014 s 55).",
    )
}

// ---------------------------------------------------------------------------------------------
// 2. Contacting the mediation adviser (SEND Regs reg 33)

pub fn explain_mediation_adviser_deadline(decision_sent: NaiveDate) -> Deadline {
    let date = add_months(decision_sent, 2);
    let mut deadline = Deadline::new(
        Rule::MediationAdviserContact,
        date,
        Unit::CalendarMonths,
        WhoActs::Parent,
        Certainty::Checked,
    )
    .step(
        format!(
            "2 months from {} (when the decision was sent) is {}.",
            long_date(decision_sent),
            long_date(date)
        ),
        "SEND Regulations 2014 reg 33",
    )
    .step(
        "This date is never moved for weekends, bank holidays, August or Christmas.",
        "SEND Regulations 2014 reg 33; no roll-forward rule applies",
    );
    if !is_working_day(date) {
        let before = calendar::previous_working_day_before(date);
        deadline.act_on = Some(before);
        deadline = deadline.step(
            format!(
                "{} is {}, when offices are usually closed, so the last working day to reach the adviser is {}. (The law does not move the date; this is practical advice.)",
                long_date(date),
                non_working_reason(date),
                long_date(before)
            ),
            "Rule book 2 and 0.5: no roll-forward for reg 33",
        );
    }
    deadline
        .note("Only if you may want to appeal: the mediation adviser is named in the council's decision letter. You need their certificate to appeal (unless the appeal is only about the school named).")
        .note("The certificate can take up to 3 working days, and the 1-month appeal clock runs from when it is issued.")
}

pub fn mediation_adviser_deadline(decision_sent: NaiveDate) -> NaiveDate {
    explain_mediation_adviser_deadline(decision_sent).date
}

// ---------------------------------------------------------------------------------------------
// 3-6. Certificates and mediation (SEND Regs regs 34-39)

fn working_days_deadline(
    rule: Rule,
    start: NaiveDate,
    start_label: &str,
    n: u32,
    who: WhoActs,
    source: &'static str,
    certainty: Certainty,
) -> Deadline {
    let date = calendar::add_working_days(start, n);
    let skipped: Vec<String> = std::iter::successors(start.succ_opt(), |d| d.succ_opt())
        .take_while(|d| *d < date)
        .filter(|d| !is_working_day(*d))
        .map(|d| format!("{} ({})", weekday_day_and_month(d), non_working_reason(d)))
        .collect();
    let skipped_text = if skipped.is_empty() {
        String::new()
    } else {
        format!(" Not counted: {}.", skipped.join(", "))
    };
    Deadline::new(rule, date, Unit::WorkingDays, who, certainty)
        .step(
            format!(
                "{n} working days after {} ({start_label}), not counting that day, is {}.{skipped_text}",
                long_date(start),
                long_date(date)
            ),
            source,
        )
        .step(
            "The SEND Regulations do not define a working day; this uses the usual meaning, with England and Wales bank holidays.",
            "Rule book 0.4 (assumption)",
        )
}

/// The certificate is due within 3 working days of the adviser being told (reg 34(1)).
pub fn explain_certificate_due(informed: NaiveDate) -> Deadline {
    working_days_deadline(
        Rule::CertificateAfterDeclining,
        informed,
        "when you told the adviser you do not want mediation",
        3,
        WhoActs::MediationAdviser,
        "SEND Regulations 2014 reg 34(1)",
        Certainty::SecondarySources,
    )
}

pub fn certificate_due(informed: NaiveDate) -> NaiveDate {
    explain_certificate_due(informed).date
}

pub fn explain_certificate_when_mediation_not_arranged(adviser_told: NaiveDate) -> Deadline {
    working_days_deadline(
        Rule::CertificateWhenMediationNotArranged,
        adviser_told,
        "when the council told the adviser mediation cannot happen within 30 days",
        3,
        WhoActs::MediationAdviser,
        "SEND Regulations 2014 reg 38",
        Certainty::Unchecked,
    )
    .note("This certificate starts the 1-month appeal clock even if a mediation meeting still happens later.")
}

pub fn explain_certificate_after_mediation(mediation_ended: NaiveDate) -> Deadline {
    working_days_deadline(
        Rule::CertificateAfterMediation,
        mediation_ended,
        "when the mediation ended",
        3,
        WhoActs::Mediator,
        "SEND Regulations 2014 reg 39",
        Certainty::Unchecked,
    )
}

pub fn explain_health_bodies_told(parent_asked: NaiveDate) -> Deadline {
    working_days_deadline(
        Rule::HealthBodiesToldOfMediation,
        parent_asked,
        "when you told the council you want mediation that includes health",
        3,
        WhoActs::Council,
        "SEND Regulations 2014 reg 35",
        Certainty::Unchecked,
    )
}

/// Mediation must take place within 30 calendar days of the council being told (regs 36-37).
pub fn explain_mediation_takes_place(council_told: NaiveDate) -> Deadline {
    let date = counting::add_days(council_told, 30);
    Deadline::new(Rule::MediationTakesPlace, date, Unit::CalendarDays, WhoActs::Council, Certainty::SecondarySources)
        .step(
            format!(
                "30 days after {} (when you told the council you want mediation) is {}.",
                long_date(council_told),
                long_date(date)
            ),
            "SEND Regulations 2014 regs 36-37",
        )
        .note("Some guides say the meeting need only be arranged within 30 days; IPSEA says it must take place. This uses IPSEA's reading.")
        .note("If it cannot happen in time, the council must tell the mediation adviser, who then issues a certificate within 3 working days.")
}

/// Health-only mediation must take place within 30 days of the council telling the health body
/// (ICB) what it is about (rule book section 4). Without that date, count from the last day the
/// council may tell it.
pub fn explain_health_only_mediation_takes_place(
    icb_told: Option<NaiveDate>,
    latest_icb_told: NaiveDate,
) -> Deadline {
    let from = icb_told.unwrap_or(latest_icb_told);
    let date = counting::add_days(from, 30);
    let start = match icb_told {
        Some(told) => format!("{} (when the council told the health body)", long_date(told)),
        None => format!(
            "{} (the last day the council may tell the health body; if you know it told them earlier, add that date)",
            long_date(latest_icb_told)
        ),
    };
    Deadline::new(
        Rule::MediationTakesPlace,
        date,
        Unit::CalendarDays,
        WhoActs::HealthOrSocialCare,
        Certainty::SecondarySources,
    )
    .step(
        format!("30 days after {start} is {}.", long_date(date)),
        "SEND Regulations 2014 regs 36-37",
    )
    .note("Health-only mediation is arranged by the health body (the ICB), not the council.")
    .note("If it cannot happen in time, the mediation adviser must be told and then issues a certificate within 3 working days.")
}

/// What the council must do within 2 weeks of a mediation agreement on matters that could not be
/// appealed (reg 42(3)); appealable matters follow the reg 44 order limits.
pub fn explain_mediation_agreement(agreement: NaiveDate) -> Deadline {
    weeks_deadline(
        Rule::MediationAgreementCarriedOut,
        agreement,
        "the date of the mediation agreement",
        2,
        WhoActs::Council,
        "SEND Regulations 2014 reg 42(3)",
        Certainty::Checked,
    )
    .note("For matters you could have appealed, the council must keep to the time limits for carrying out a Tribunal order, counted from the agreement (reg 42).")
}

// ---------------------------------------------------------------------------------------------
// 8. EHC needs assessment and plan (SEND Regs regs 4-13)

fn weeks_deadline(
    rule: Rule,
    start: NaiveDate,
    start_label: &str,
    weeks: u32,
    who: WhoActs,
    source: &'static str,
    certainty: Certainty,
) -> Deadline {
    let date = counting::add_weeks(start, weeks);
    let mut deadline = Deadline::new(rule, date, Unit::Weeks, who, certainty).step(
        format!(
            "{weeks} week{} after {} ({start_label}) is {}.",
            if weeks == 1 { "" } else { "s" },
            long_date(start),
            long_date(date)
        ),
        source,
    );
    if !is_working_day(date) {
        deadline = deadline.note(format!(
            "{} is {}. The regulations have no rule that moves this date.",
            long_date(date),
            non_working_reason(date)
        ));
    }
    deadline
}

/// EHC timescales count from the request; the rule book (8) notes some count the day of receipt
/// as day 1, one day earlier.
fn ehc_weeks_deadline(
    rule: Rule,
    received: NaiveDate,
    weeks: u32,
    source: &'static str,
) -> Deadline {
    let deadline = weeks_deadline(
        rule,
        received,
        "when the council received the request",
        weeks,
        WhoActs::Council,
        source,
        Certainty::Checked,
    );
    let date = deadline.date;
    let earlier = counting::subtract_days(date, 1);
    deadline.note(format!(
        "Some services count the day the request arrived as day 1, which gives {}. The usual legal rule does not count that day, so the council is late from the day after {}.",
        long_date(earlier),
        long_date(date)
    ))
}

pub fn explain_decision_whether_to_assess(request_received: NaiveDate) -> Deadline {
    ehc_weeks_deadline(
        Rule::DecisionWhetherToAssess,
        request_received,
        6,
        "SEND Regulations 2014 regs 4(1), 5(1)",
    )
}

pub fn explain_advice_from_professionals(their_request_received: NaiveDate) -> Deadline {
    weeks_deadline(
        Rule::AdviceFromProfessionals,
        their_request_received,
        "when they received the council's request for advice",
        6,
        WhoActs::HealthOrSocialCare,
        "SEND Regulations 2014 reg 8(1)",
        Certainty::Checked,
    )
}

pub fn explain_no_plan_notice(request_received: NaiveDate) -> Deadline {
    ehc_weeks_deadline(
        Rule::NoPlanNotice,
        request_received,
        16,
        "SEND Regulations 2014 reg 10(1)",
    )
}

pub fn explain_final_plan(request_received: NaiveDate) -> Deadline {
    ehc_weeks_deadline(Rule::FinalPlan, request_received, 20, "SEND Regulations 2014 reg 13(2)").note(
        "The council need not keep to this if an exception applies (for example a school closed for 4 weeks or more, \
         or you or your child away for 4 weeks or more); it should tell you if it relies on one.",
    )
}

fn fifteen_days_beginning_with(
    rule: Rule,
    served: NaiveDate,
    what: &str,
    source: &'static str,
) -> Deadline {
    let date = counting::days_beginning_with(served, 15);
    Deadline::new(rule, date, Unit::DaysBeginningWith, WhoActs::Parent, Certainty::Checked).step(
        format!(
            "You have at least 15 days beginning with {} (the day the {what} was served counts as day 1), so until {}.",
            long_date(served),
            long_date(date)
        ),
        source,
    )
}

pub fn explain_draft_plan_comments(draft_served: NaiveDate) -> Deadline {
    fifteen_days_beginning_with(Rule::DraftPlanComments, draft_served, "draft plan", "SEND Regulations 2014 reg 13(1)(a)")
        .note("If the draft came by post it may count as served when it would normally arrive, not the day it was posted; the rules are unclear, so use the earlier date.")
}

// ---------------------------------------------------------------------------------------------
// 9. Annual review and amendments (SEND Regs regs 20-22; Devon)

pub fn explain_annual_review_due(plan_made_or_last_review: NaiveDate) -> Deadline {
    let date = counting::months_starting_with(plan_made_or_last_review, 12);
    Deadline::new(
        Rule::AnnualReviewDue,
        date,
        Unit::CalendarMonths,
        WhoActs::Council,
        Certainty::SecondarySources,
    )
    .step(
        format!(
            "The plan must be reviewed within the 12 months starting with {} (when it was made or last reviewed), which counts as day 1, so by {}.",
            long_date(plan_made_or_last_review),
            long_date(date)
        ),
        "Children and Families Act 2014 s 44(1)",
    )
    .note("The law says \"in the period of 12 months starting with\" the date, so the review is due the day before the anniversary, not on it.")
}

pub fn explain_review_meeting_notice(meeting: NaiveDate) -> Deadline {
    // "At least two weeks' notice" is usually read as two clear weeks: neither the day the
    // notice is given nor the day of the meeting counts (rule book 15: the earlier date).
    let date = counting::subtract_days(meeting, 15);
    let mut deadline = Deadline::new(Rule::ReviewMeetingNotice, date, Unit::Weeks, WhoActs::HeadTeacher, Certainty::Checked)
        .step(
            format!(
                "Everyone must be given at least 2 weeks' notice of the meeting on {}: 2 clear weeks, counting neither the day of the notice nor the day of the meeting, so by {}.",
                long_date(meeting),
                long_date(date)
            ),
            "SEND Regulations 2014 reg 20(3)",
        );
    let later = counting::subtract_days(meeting, 14);
    deadline.later_reading = Some(LaterReading {
        date: later,
        note: format!(
            "Read less strictly, notice on {} would still be 2 weeks before the meeting.",
            long_date(later)
        ),
    });
    deadline
        .note("Advice and information about your child must also be sent out at least 2 weeks before the meeting (reg 20(4)).")
        .note(NOT_AT_SCHOOL)
}

pub fn explain_review_report(meeting: NaiveDate) -> Deadline {
    let mut deadline = weeks_deadline(
        Rule::ReviewReport,
        meeting,
        "the review meeting",
        2,
        WhoActs::Council,
        "SEND Regulations 2014 reg 20(7)-(8)",
        Certainty::SecondarySources,
    );
    deadline.who = WhoActs::HeadTeacher;
    deadline
        .note("The report goes to the council and to everyone invited, you included.")
        .note(NOT_AT_SCHOOL)
}

/// Who arranges a review (reg 20(1) and (12)): the council, or the head teacher or principal it
/// requires to.
const NOT_AT_SCHOOL: &str = "The council must make sure the review happens. It can ask the head teacher or principal of your child's school or college to arrange it, and usually does; then they send the invitations and the report. Otherwise (for example if your child is educated at home) the council does.";

pub fn explain_review_decision(meeting: NaiveDate) -> Deadline {
    weeks_deadline(
        Rule::ReviewDecision,
        meeting,
        "the review meeting",
        4,
        WhoActs::Council,
        "SEND Regulations 2014 reg 20(10)",
        Certainty::SecondarySources,
    )
    .note("After the Devon judgment, any proposed amendments should come with this decision.")
}

pub fn explain_final_amended_plan_after_review(meeting: NaiveDate) -> Deadline {
    weeks_deadline(
        Rule::FinalAmendedPlanAfterReview,
        meeting,
        "the review meeting",
        12,
        WhoActs::Council,
        "R (L, M and P) v Devon CC [2022] EWHC 493 (Admin); SEND Regulations 2014 regs 20(10), 22(3)",
        Certainty::Checked,
    )
    .note("The government consulted on changing annual review timescales after the Devon judgment; check whether the regulations have changed.")
}

pub fn explain_amendment_notice_comments(notice_served: NaiveDate) -> Deadline {
    fifteen_days_beginning_with(
        Rule::AmendmentNoticeComments,
        notice_served,
        "amendment notice",
        "SEND Regulations 2014 reg 22(2)(c)",
    )
}

pub fn explain_final_amended_plan(notice_sent: NaiveDate) -> Deadline {
    weeks_deadline(
        Rule::FinalAmendedPlan,
        notice_sent,
        "when the amendment notice was sent",
        8,
        WhoActs::Council,
        "SEND Regulations 2014 reg 22(3)",
        Certainty::Checked,
    )
}

// ---------------------------------------------------------------------------------------------
// 10. Phase transfer (SEND Regs reg 18)

/// The kind of move between phases of education.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseTransfer {
    /// Early years to school, infant to junior, primary to middle, primary to secondary, middle
    /// to secondary.
    SchoolPhases,
    /// Secondary school to a post-16 institution.
    SecondaryToPost16,
}

/// The date the plan must be amended *before*: 15 February or 31 March of the transfer year.
pub fn phase_transfer_before(transfer_year: i32, kind: PhaseTransfer) -> Option<NaiveDate> {
    match kind {
        PhaseTransfer::SchoolPhases => NaiveDate::from_ymd_opt(transfer_year, 2, 15),
        PhaseTransfer::SecondaryToPost16 => NaiveDate::from_ymd_opt(transfer_year, 3, 31),
    }
}

pub fn explain_phase_transfer(transfer_year: i32, kind: PhaseTransfer) -> Option<Deadline> {
    let before = phase_transfer_before(transfer_year, kind)?;
    let last_day = before.pred_opt()?;
    let mut deadline =
        Deadline::new(Rule::PhaseTransferReview, last_day, Unit::FixedDate, WhoActs::Council, Certainty::Checked)
            .step(
                format!(
                    "For a move in {transfer_year}, the plan must be reviewed and amended (naming the school or institution) before {}, so by {} at the latest.",
                    long_date(before),
                    long_date(last_day)
                ),
                "SEND Regulations 2014 reg 18(1)",
            );
    deadline.later_reading = Some(LaterReading {
        date: before,
        note: format!(
            "Many guides say \"by {}\"; the regulation says \"before\", so the last day that complies is {}.",
            day_and_month(before),
            long_date(last_day)
        ),
    });
    Some(deadline)
}

/// A move from one post-16 institution to another: at least 5 months before the transfer.
pub fn explain_post16_transfer(transfer: NaiveDate) -> Deadline {
    let date = counting::subtract_months(transfer, 5);
    Deadline::new(
        Rule::Post16TransferReview,
        date,
        Unit::CalendarMonths,
        WhoActs::Council,
        Certainty::Checked,
    )
    .step(
        format!(
            "At least 5 months before the move on {} is {}.",
            long_date(transfer),
            long_date(date)
        ),
        "SEND Regulations 2014 reg 18(2)",
    )
}

// ---------------------------------------------------------------------------------------------
// 11. Re-assessment (SEND Regs regs 25, 27)

pub fn explain_decision_whether_to_reassess(request_received: NaiveDate) -> Deadline {
    let date = counting::add_days(request_received, 15);
    Deadline::new(Rule::DecisionWhetherToReassess, date, Unit::CalendarDays, WhoActs::Council, Certainty::Unchecked)
        .step(
            format!(
                "15 days after {} (when the council received the request) is {}.",
                long_date(request_received),
                long_date(date)
            ),
            "SEND Regulations 2014 reg 25(1)",
        )
        .note("This 15-day limit was not checked against the regulation itself: confirm it with SENDIASS.")
}

pub fn explain_final_plan_after_reassessment(notice: NaiveDate) -> Deadline {
    weeks_deadline(
        Rule::FinalPlanAfterReassessment,
        notice,
        "when the council said it will re-assess",
        14,
        WhoActs::Council,
        "SEND Regulations 2014 reg 27(2)",
        Certainty::Checked,
    )
}

// ---------------------------------------------------------------------------------------------
// 12. Carrying out Tribunal orders (reg 44) and unopposed appeals (reg 45)

/// What the Tribunal ordered (or what the council conceded in an unopposed appeal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TribunalOrder {
    /// Carry out an EHC needs assessment or re-assessment.
    Assess,
    /// Make and maintain an EHC plan.
    MakePlan,
    /// Amend the needs (B) or provision (F), or a refusal-to-amend appeal.
    AmendNeedsOrProvision,
    /// Change only the school, institution or type named in section I.
    ChangeSchoolOnly,
    /// Continue to maintain the plan (an appeal against ceasing it was won).
    ContinuePlan,
    /// Respond to health or social care recommendations.
    HealthOrSocialCareRecommendations,
}

/// The dates that follow from an order, in order. `unopposed` counts from the council's notice
/// that it will not oppose the appeal (reg 45) instead of the order (reg 44).
pub fn explain_tribunal_order(
    order: TribunalOrder,
    date: NaiveDate,
    unopposed: bool,
) -> Vec<Deadline> {
    let (source, label): (&'static str, &str) = if unopposed {
        (
            "SEND Regulations 2014 reg 45",
            "when the council told the Tribunal it will not oppose the appeal",
        )
    } else {
        (
            "SEND Regulations 2014 reg 44(2)",
            "the date of the Tribunal's order",
        )
    };
    let step = |weeks: u32, what: &str| {
        let mut deadline = weeks_deadline(
            Rule::TribunalOrder,
            date,
            label,
            weeks,
            WhoActs::Council,
            source,
            Certainty::SecondarySources,
        );
        deadline.steps.insert(
            0,
            Step {
                text: format!("The council must {what} within {weeks} weeks."),
                source,
            },
        );
        deadline.what = Some(what.split(" (").next().unwrap_or(what).to_string());
        deadline
    };
    let exceptions = "The council need not keep to this if it is impractical because of exceptional personal circumstances, \
                      or because you or your child are away from the area for 2 weeks or more (reg 44(3)).";
    match order {
        TribunalOrder::Assess => vec![
            step(2, "tell you it will carry out the assessment"),
            step(10, "tell you, with reasons, if it then decides no plan is needed"),
            step(14, "send the final plan, if a plan is needed"),
        ],
        TribunalOrder::MakePlan => vec![step(5, "issue a draft plan"), step(11, "issue the final plan")],
        TribunalOrder::AmendNeedsOrProvision => vec![step(5, "issue the amended plan")],
        TribunalOrder::ChangeSchoolOnly => vec![step(2, "issue the amended plan naming the school")],
        TribunalOrder::ContinuePlan => vec![step(5, "amend the plan, if it must also be amended (it must keep maintaining it straight away)")],
        TribunalOrder::HealthOrSocialCareRecommendations => {
            let mut d = weeks_deadline(
                Rule::RecommendationResponse,
                date,
                "the date of the recommendations",
                5,
                WhoActs::HealthOrSocialCare,
                "SEND (First-tier Tribunal Recommendations Power) Regulations 2017",
                Certainty::Unchecked,
            );
            d.notes.push("Recommendations are not binding, but the council or health body must answer them in writing.".into());
            return vec![d];
        }
    }
    .into_iter()
    .map(|d| d.note(exceptions))
    .collect()
}

// ---------------------------------------------------------------------------------------------
// 24. Disability discrimination claims (Equality Act 2010 Sch 17 para 4)

pub fn explain_disability_discrimination_claim(act_complained_of: NaiveDate) -> Deadline {
    let date = counting::months_starting_with(act_complained_of, 6);
    let corresponding = add_months(act_complained_of, 6);
    let why = if corresponding.day() == act_complained_of.day() {
        format!(
            "the day before {}, the date 6 months on",
            long_date(corresponding)
        )
    } else {
        "the last day of the month, as that month has no corresponding date".to_string()
    };
    let mut deadline = Deadline::new(
        Rule::DisabilityDiscriminationClaim,
        date,
        Unit::CalendarMonths,
        WhoActs::Parent,
        Certainty::Checked,
    )
    .step(
        format!(
            "The claim must be made within 6 months starting with {} (the act you complain of), which counts as day 1. The last day is {why}: {}.",
            long_date(act_complained_of),
            long_date(date)
        ),
        "Equality Act 2010 Sch 17 para 4(1)",
    )
    .step(
        "The August and Christmas extension does not apply to these claims (removed from 21 July 2020).",
        "Tribunal Procedure (Amendment) Rules 2020",
    );
    if !is_working_day(date) {
        let moved = calendar::next_working_day_after(date);
        deadline = deadline.note(format!(
            "{} is {}. Send the claim before it: the time limit comes from the Act, not the Tribunal's rules, so it may not move.",
            long_date(date),
            non_working_reason(date)
        ));
        deadline.later_reading = Some(LaterReading {
            date: moved,
            note: format!(
                "The Tribunal's rule that moves a deadline off a weekend or bank holiday may also apply, which would give you until {}. It is not certain, so treat {} as your deadline.",
                long_date(moved),
                long_date(date)
            ),
        });
    }
    deadline
        .note("If the dispute goes to conciliation (arranged under section 27 of the Equality Act 2006) before the 6 months end, you have 3 months more (para 4(2)).")
        .note("If the discrimination went on over a period (continuing conduct), the 6 months start from when it ended (para 4(5)).")
        .note("If the complaint is that the school failed to do something (for example a reasonable adjustment), the 6 months can start from when it decided not to, or from when it could reasonably have been expected to do it: count from the earliest of these to be safe, and ask SENDIASS.")
        .note("To be safe, make sure the Tribunal receives the claim by 5pm.")
        .note("There is no mediation requirement for these claims. The Tribunal may accept a late claim if it thinks that fair (para 4(3)): send it with your reasons.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use proptest::prelude::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
    }

    /// Rule book section 16, the appeal rows: (decision, certificate, expected deadline).
    const APPEAL_EXAMPLES: &[(&str, Option<&str>, &str)] = &[
        ("2024-12-31", None, "2025-02-28"),
        ("2023-12-31", None, "2024-02-29"),
        ("2025-11-30", None, "2026-01-30"),
        ("2025-06-30", None, "2025-09-01"),
        ("2025-05-31", None, "2025-07-31"),
        ("2025-06-01", None, "2025-09-01"),
        ("2024-10-01", Some("2024-11-29"), "2025-01-02"),
        ("2025-10-24", None, "2025-12-24"),
        ("2025-10-25", None, "2026-01-02"),
        ("2022-10-28", None, "2023-01-03"),
        ("2026-10-26", None, "2027-01-04"),
        ("2025-02-21", None, "2025-04-22"),
        ("2026-02-03", None, "2026-04-07"),
        ("2025-01-10", Some("2025-03-13"), "2025-04-14"),
        ("2024-12-20", Some("2025-01-31"), "2025-02-28"),
        ("2027-05-31", None, "2027-08-02"),
        ("2022-10-24", None, "2022-12-28"),
    ];

    #[test]
    fn dates_are_written_out_in_full() {
        assert_eq!(long_date(d("2025-09-01")), "Monday 1 September 2025");
        assert_eq!(long_date(d("2026-02-14")), "Saturday 14 February 2026");
        assert_eq!(
            weekday_day_and_month(d("2025-12-25")),
            "Thursday 25 December"
        );
        for offset in 0..400 {
            let date = d("2025-01-01") + Duration::days(offset);
            assert_eq!(long_date(date), date.format("%A %-d %B %Y").to_string());
        }
    }

    #[test]
    fn every_appeal_example_in_the_rule_book() {
        for (decision, certificate, expected) in APPEAL_EXAMPLES {
            let got = appeal_deadline(d(decision), certificate.map(d));
            assert_eq!(
                got,
                d(expected),
                "decision {decision}, certificate {certificate:?}"
            );
        }
    }

    #[test]
    fn the_unsure_roll_into_the_window_gives_the_earlier_date_and_notes_the_later() {
        let august = explain_appeal_deadline(d("2027-05-31"), None, true);
        assert_eq!(august.date, d("2027-08-02"));
        assert_eq!(
            august.later_reading.as_ref().map(|r| r.date),
            Some(d("2027-09-01"))
        );
        let christmas = explain_appeal_deadline(d("2022-10-24"), None, true);
        assert_eq!(christmas.date, d("2022-12-28"));
        assert_eq!(
            christmas.later_reading.as_ref().map(|r| r.date),
            Some(d("2023-01-03"))
        );
        // No uncertainty where the window rule applied directly.
        assert_eq!(
            explain_appeal_deadline(d("2025-06-30"), None, true).later_reading,
            None
        );
    }

    #[test]
    fn without_the_sen_window_rule_only_r12_2_applies() {
        assert_eq!(
            explain_appeal_deadline(d("2025-10-25"), None, false).date,
            d("2025-12-29")
        );
    }

    #[test]
    fn the_mediation_adviser_date_is_never_extended() {
        assert_eq!(mediation_adviser_deadline(d("2025-06-30")), d("2025-08-30"));
        let explained = explain_mediation_adviser_deadline(d("2025-06-30"));
        assert!(explained
            .steps
            .iter()
            .any(|n| n.text.contains("a Saturday")));
        // Saturday 30 August: the last working day to reach the adviser is Friday 29 August.
        assert_eq!(explained.act_by(), d("2025-08-29"));
        let weekday = explain_mediation_adviser_deadline(d("2025-07-01"));
        assert_eq!((weekday.date, weekday.act_on), (d("2025-09-01"), None));
        assert!(
            mediation_adviser_deadline(d("2025-06-30")) < appeal_deadline(d("2025-06-30"), None)
        );
    }

    #[test]
    fn the_appeal_explanation_reads_like_the_rule_book() {
        let explained = explain_appeal_deadline(d("2025-06-30"), None, true);
        let text: Vec<&str> = explained.steps.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text[0], "2 months from Monday 30 June 2025 (when the decision was sent) is Saturday 30 August 2025.");
        assert_eq!(
            text[1],
            "Appeal deadlines that end in August move to the first working day in September: Monday 1 September 2025."
        );
        assert_eq!(
            text.last().copied(),
            Some("The Tribunal must receive your appeal by 5pm on Monday 1 September 2025.")
        );
        assert_eq!(explained.steps[1].source, "HESC Rules r 12(3)(a)");
        assert!(explained.by_5pm);
        assert!(explained.notes.iter().any(|n| n.contains("late")));
        assert!(explained
            .notes
            .iter()
            .all(|n| !n.to_lowercase().contains("too late")));
    }

    #[test]
    fn the_certificate_date_governs_when_later_and_says_so() {
        let explained = explain_appeal_deadline(d("2025-01-10"), Some(d("2025-03-13")), true);
        assert_eq!(explained.date, d("2025-04-14"));
        assert!(explained.steps[1]
            .text
            .contains("The later of the two dates counts: Sunday 13 April 2025."));
        assert!(explained.steps[2].text.contains("a Sunday"));
    }

    #[test]
    fn certificates_count_working_days_and_list_what_they_skip() {
        assert_eq!(certificate_due(d("2025-12-24")), d("2025-12-31"));
        let explained = explain_certificate_due(d("2025-12-24"));
        assert!(
            explained.steps[0]
                .text
                .contains("Thursday 25 December (Christmas Day)"),
            "{}",
            explained.steps[0].text
        );
        assert_eq!(certificate_due(d("2022-09-16")), d("2022-09-22"));
        assert_eq!(certificate_due(d("2022-06-01")), d("2022-06-08"));
        assert_eq!(
            explain_certificate_after_mediation(d("2022-06-01")).date,
            d("2022-06-08")
        );
    }

    #[test]
    fn the_other_worked_examples() {
        assert_eq!(
            explain_mediation_takes_place(d("2025-12-05")).date,
            d("2026-01-04")
        );
        let final_plan = explain_final_plan(d("2025-01-06"));
        assert_eq!(final_plan.date, d("2025-05-26"));
        assert!(
            final_plan
                .notes
                .iter()
                .any(|n| n.contains("Spring bank holiday")),
            "no roll-forward, but said"
        );
        assert!(
            final_plan
                .notes
                .iter()
                .any(|n| n.contains("Sunday 25 May 2025")),
            "the earlier reading"
        );
        assert_eq!(
            explain_draft_plan_comments(d("2025-08-01")).date,
            d("2025-08-15")
        );
        assert_eq!(
            explain_final_amended_plan_after_review(d("2025-07-01")).date,
            d("2025-09-23")
        );
        assert_eq!(
            explain_annual_review_due(d("2024-02-29")).date,
            d("2025-02-28")
        );
        let transfer =
            explain_phase_transfer(2026, PhaseTransfer::SchoolPhases).expect("a valid year");
        assert_eq!(transfer.date, d("2026-02-14"));
        assert_eq!(
            phase_transfer_before(2026, PhaseTransfer::SchoolPhases),
            Some(d("2026-02-15"))
        );
        assert_eq!(
            transfer.later_reading.map(|r| r.date),
            Some(d("2026-02-15"))
        );
    }

    #[test]
    fn the_remaining_rules_of_the_summary_table() {
        let base = d("2025-03-03");
        assert_eq!(
            explain_decision_whether_to_assess(base).date,
            d("2025-04-14")
        );
        assert_eq!(
            explain_advice_from_professionals(base).date,
            d("2025-04-14")
        );
        assert_eq!(explain_no_plan_notice(base).date, d("2025-06-23"));
        assert_eq!(explain_review_report(base).date, d("2025-03-17"));
        assert_eq!(explain_review_decision(base).date, d("2025-03-31"));
        // Two clear weeks' notice: by 16 February, 17 February only on the looser reading.
        let notice = explain_review_meeting_notice(base);
        assert_eq!(notice.date, d("2025-02-16"));
        assert_eq!(notice.later_reading.map(|r| r.date), Some(d("2025-02-17")));
        // "12 months starting with" the plan's date: the day before the anniversary.
        assert_eq!(
            explain_annual_review_due(d("2019-01-01")).date,
            d("2019-12-31")
        );
        assert_eq!(
            explain_annual_review_due(d("2025-07-15")).date,
            d("2026-07-14")
        );
        assert_eq!(
            explain_amendment_notice_comments(base).date,
            d("2025-03-17")
        );
        assert_eq!(explain_final_amended_plan(base).date, d("2025-04-28"));
        assert_eq!(
            explain_phase_transfer(2027, PhaseTransfer::SecondaryToPost16).map(|t| t.date),
            Some(d("2027-03-30"))
        );
        assert_eq!(
            explain_post16_transfer(d("2026-09-01")).date,
            d("2026-04-01")
        );
        assert_eq!(
            explain_decision_whether_to_reassess(base).date,
            d("2025-03-18")
        );
        assert_eq!(
            explain_final_plan_after_reassessment(base).date,
            d("2025-06-09")
        );
        assert_eq!(explain_mediation_agreement(base).date, d("2025-03-17"));
        assert_eq!(explain_health_bodies_told(base).date, d("2025-03-06"));
        assert_eq!(
            explain_certificate_when_mediation_not_arranged(d("2025-03-07")).date,
            d("2025-03-12")
        );
        let assess: Vec<NaiveDate> = explain_tribunal_order(TribunalOrder::Assess, base, false)
            .iter()
            .map(|x| x.date)
            .collect();
        assert_eq!(assess, [d("2025-03-17"), d("2025-05-12"), d("2025-06-09")]);
        let plan: Vec<NaiveDate> = explain_tribunal_order(TribunalOrder::MakePlan, base, true)
            .iter()
            .map(|x| x.date)
            .collect();
        assert_eq!(plan, [d("2025-04-07"), d("2025-05-19")]);
        assert_eq!(
            explain_tribunal_order(TribunalOrder::ChangeSchoolOnly, base, false)[0].date,
            d("2025-03-17")
        );
        assert_eq!(
            explain_tribunal_order(TribunalOrder::AmendNeedsOrProvision, base, false)[0].date,
            d("2025-04-07")
        );
        assert_eq!(
            explain_tribunal_order(
                TribunalOrder::HealthOrSocialCareRecommendations,
                base,
                false
            )[0]
            .rule,
            Rule::RecommendationResponse
        );
        assert!(
            explain_tribunal_order(TribunalOrder::MakePlan, base, true)[0]
                .source()
                .contains("reg 45")
        );
    }

    /// Rule book section 24 (corrected December 2026): "6 months starting with" the act, which is
    /// day 1, so the last day is the day before the corresponding date (or the month's last day
    /// when there is none). Never moved: the limit is the Act's, not the Tribunal rules'.
    const DISCRIMINATION_EXAMPLES: &[(&str, &str)] = &[
        ("2026-03-11", "2026-09-10"),
        ("2025-06-25", "2025-12-24"),
        ("2025-02-01", "2025-07-31"),
        ("2024-02-29", "2024-08-28"),
        ("2025-08-01", "2026-01-31"),
        ("2025-08-31", "2026-02-28"),
        ("2023-08-31", "2024-02-29"),
        ("2025-12-31", "2026-06-30"),
    ];

    #[test]
    fn a_discrimination_claim_has_six_months_starting_with_the_act() {
        for (act, last) in DISCRIMINATION_EXAMPLES {
            let claim = explain_disability_discrimination_claim(d(act));
            assert_eq!(claim.date, d(last), "act on {act}");
            assert!(!claim.by_5pm, "the Act sets no time of day ({act})");
        }
        // Saturday 31 January 2026 stays the deadline; the next working day is only a later
        // reading.
        let weekend = explain_disability_discrimination_claim(d("2025-08-01"));
        assert_eq!(weekend.date, d("2026-01-31"));
        assert_eq!(
            weekend.later_reading.as_ref().map(|r| r.date),
            Some(d("2026-02-02"))
        );
        let words = weekend.notes.join(" ");
        for needed in ["conciliation", "3 months", "late claim", "continu"] {
            assert!(words.contains(needed), "notes mention {needed}: {words}");
        }
        assert_eq!(
            explain_disability_discrimination_claim(d("2026-03-11")).later_reading,
            None
        );
    }

    #[test]
    fn every_deadline_names_a_source_for_every_step() {
        let all = [
            explain_appeal_deadline(d("2025-06-30"), Some(d("2025-08-01")), true),
            explain_mediation_adviser_deadline(d("2025-06-30")),
            explain_certificate_due(d("2025-06-30")),
            explain_final_plan(d("2025-06-30")),
            explain_disability_discrimination_claim(d("2025-06-30")),
        ];
        for deadline in all {
            assert!(!deadline.steps.is_empty(), "{:?}", deadline.rule);
            assert!(
                deadline.steps.iter().all(|s| !s.source.is_empty()),
                "{:?}",
                deadline.rule
            );
        }
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..(365 * 29)).prop_map(|offset| d("2012-01-01") + Duration::days(offset))
    }

    proptest! {
        #[test]
        fn the_appeal_deadline_obeys_its_laws(decision in any_date(), certificate_gap in proptest::option::of(0i64..200)) {
            let certificate = certificate_gap.map(|gap| decision + Duration::days(gap));
            let deadline = appeal_deadline(decision, certificate);
            prop_assert!(is_working_day(deadline), "a working day");
            prop_assert!(deadline >= mediation_adviser_deadline(decision), "never before the adviser date");
            prop_assert!(deadline >= add_months(decision, 2), "never before decision + 2 months");
            if let Some(c) = certificate {
                prop_assert!(deadline >= add_months(c, 1), "never before certificate + 1 month");
            }
            // August or 25 December to 1 January only through the UNSURE roll forward from a
            // weekend just before them (rule book section 1), which always carries the later
            // reading; otherwise never.
            if in_august(deadline) || in_christmas_window(deadline) {
                let explained = explain_appeal_deadline(decision, certificate, true);
                prop_assert!(explained.later_reading.is_some(), "unflagged {}", deadline);
                let generous = explained.later_reading.map(|r| r.date).unwrap_or(deadline);
                prop_assert!(!in_august(generous) && !in_christmas_window(generous));
            }
        }

        #[test]
        fn a_later_certificate_never_makes_the_deadline_earlier(decision in any_date(), a in 0i64..120, b in 0i64..120) {
            let (early, late) = (decision + Duration::days(a.min(b)), decision + Duration::days(a.max(b)));
            prop_assert!(appeal_deadline(decision, Some(late)) >= appeal_deadline(decision, Some(early)));
            prop_assert!(appeal_deadline(decision, Some(early)) >= appeal_deadline(decision, None));
        }

        #[test]
        fn the_later_reading_is_always_later(decision in any_date()) {
            let explained = explain_appeal_deadline(decision, None, true);
            if let Some(later) = explained.later_reading {
                prop_assert!(later.date > explained.date);
            }
        }
    }
}
