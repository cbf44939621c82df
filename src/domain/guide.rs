//! "What can I do?": from the parent's answers (and the date on the letter, if there is one) to
//! every route of the booklet, open or not (and why not), each with its dates from the one
//! event model. The questions and routes are content (`content/routes.md`); this module only
//! applies them.

use super::date_input::{parse_date, DateError, DateParts};
use super::deadlines::Rule;
use super::events::{follow, EventKind, Followed, Happened, KeyDate};
use crate::content::routes::{Question, Route, Routes};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where the child lives. The booklet's contacts are Hertfordshire's; the dates and routes are
/// national law and apply everywhere in England.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Hertfordshire,
    Elsewhere,
}

impl Area {
    pub const ALL: [Area; 2] = [Area::Hertfordshire, Area::Elsewhere];

    /// Its id in form controls and storage.
    pub fn id(self) -> &'static str {
        match self {
            Area::Hertfordshire => "hertfordshire",
            Area::Elsewhere => "elsewhere",
        }
    }

    pub fn from_id(id: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Area::Hertfordshire => "Yes, in Hertfordshire",
            Area::Elsewhere => "No, somewhere else in England",
        }
    }
}

/// What the parent has answered, saved as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GuideForm {
    /// Question id to answer id.
    pub answers: BTreeMap<String, String>,
    /// The date on the letter (optional).
    pub letter: DateParts,
    /// The parent has asked for the answer at least once.
    pub submitted: bool,
}

impl GuideForm {
    pub fn answer(&self, question: &str) -> Option<String> {
        self.answers.get(question).cloned()
    }
}

/// What is missing or wrong in the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuideError {
    /// A question that is asked has no answer (its id and the question).
    Unanswered(String, String),
    Letter(DateError),
}

/// One route as the answer shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteShown {
    pub route: Route,
    pub open: bool,
    /// The route's dates from the letter's date, soonest first (empty without a date).
    pub deadlines: Vec<Followed>,
    /// The letters offered with it (ids in `content/letters.md`).
    pub letters: Vec<String>,
}

/// The answer: the event the letter is (if there is one) and every route, open ones first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideAnswer {
    pub event: Option<(NaiveDate, KeyDate)>,
    pub routes: Vec<RouteShown>,
}

/// The questions to ask, given the answers so far.
pub fn questions_to_ask<'a>(routes: &'a Routes, form: &GuideForm) -> Vec<&'a Question> {
    let lookup = |id: &str| form.answer(id);
    routes
        .questions
        .iter()
        .filter(|q| q.asked_when.as_ref().is_none_or(|c| c.holds(&lookup)))
        .collect()
}

/// The event of the event model that a problem is, from the routes file's `event` lines.
pub fn event_for(routes: &Routes, problem: &str) -> Option<KeyDate> {
    let question = routes.question("problem")?;
    let (_, event) = question
        .events
        .iter()
        .find(|(answer, _)| answer == problem)?;
    let mut words = event.split_whitespace();
    let kind = EventKind::from_id(words.next()?)?;
    let school_only = words.next() == Some("school-only");
    Some(match kind {
        EventKind::AnnualReviewMeeting => KeyDate::ReviewMeeting,
        EventKind::DisabilityDiscrimination => KeyDate::DisabilityDiscrimination,
        kind if kind.is_appealable_decision() => KeyDate::Decision {
            about: kind,
            school_only,
        },
        _ => return None,
    })
}

/// The date question for an event: what the date is, and a hint. A decision counts from its
/// letter; a review from the meeting; a discrimination claim from the day it happened.
pub fn date_question(key: KeyDate) -> (&'static str, &'static str) {
    match key {
        KeyDate::ReviewMeeting => (
            "When was (or is) the review meeting?",
            "Leave it empty if you do not know.",
        ),
        KeyDate::DisabilityDiscrimination => (
            "When did it happen?",
            "If it went on over a period, the last day. Not the date of a letter about it.",
        ),
        _ => (
            "What is the date on the letter?",
            "If the date on the letter and the date it was sent differ, use the earlier one. Leave it empty if there is no letter yet.",
        ),
    }
}

/// The rules whose dates a route's `dates:` line asks for.
fn rules_for(dates: &str) -> &'static [Rule] {
    match dates {
        "adviser" => &[Rule::MediationAdviserContact],
        "appeal" => &[Rule::TribunalAppeal],
        "claim" => &[Rule::DisabilityDiscriminationClaim],
        "review" => &[
            Rule::ReviewReport,
            Rule::ReviewDecision,
            Rule::FinalAmendedPlanAfterReview,
            Rule::AnnualReviewDue,
        ],
        _ => &[],
    }
}

/// Checks the answers and gives every route, open ones first (each group in the file's order,
/// which keeps most options open), or says what is missing.
pub fn answer(
    routes: &Routes,
    form: &GuideForm,
    today: NaiveDate,
) -> Result<GuideAnswer, Vec<GuideError>> {
    let mut errors: Vec<GuideError> = questions_to_ask(routes, form)
        .into_iter()
        .filter(|q| {
            form.answer(&q.id)
                .is_none_or(|a| !q.answers.iter().any(|(id, _)| *id == a))
        })
        .map(|q| GuideError::Unanswered(q.id.clone(), q.ask.clone()))
        .collect();
    let problem = form.answer("problem").unwrap_or_default();
    let key = event_for(routes, &problem);
    // The date is asked only for a problem that has one; a hidden one is never read.
    let letter = if form.letter.is_empty() || key.is_none() {
        None
    } else {
        parse_date(&form.letter, today)
            .map_err(|e| errors.push(GuideError::Letter(e)))
            .ok()
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let event = letter.zip(key);
    let followed = match event {
        Some((date, key)) => follow(
            &[Happened {
                id: "letter",
                date,
                key,
            }],
            today,
        ),
        None => Vec::new(),
    };
    let lookup = |id: &str| form.answer(id);
    let kind = key.map(KeyDate::kind);
    let mut shown: Vec<RouteShown> = routes
        .routes
        .iter()
        .map(|route| {
            let open = route.is_open(&lookup);
            let applies = kind.is_some_and(|k| route.deadlines.iter().any(|d| d == k.id()));
            let deadlines = if open && applies {
                let rules = rules_for(&route.dates);
                followed
                    .iter()
                    .filter(|f| rules.contains(&f.deadline.rule) && f.standing.is_open())
                    .cloned()
                    .collect()
            } else {
                Vec::new()
            };
            let letters = route
                .letters
                .iter()
                .filter(|(_, when)| when.as_ref().is_none_or(|c| c.holds(&lookup)))
                .map(|(id, _)| id.clone())
                .collect();
            RouteShown {
                route: route.clone(),
                open,
                deadlines,
                letters,
            }
        })
        .collect();
    // Open routes first; the sort is stable, so each group keeps the file's order.
    super::sorting::sort_by_key(&mut shown, |r| !r.open);
    Ok(GuideAnswer {
        event,
        routes: shown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::routes::routes;
    use crate::domain::events::deadlines_of;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn form(answers: &[(&str, &str)], letter: (&str, &str, &str)) -> GuideForm {
        GuideForm {
            answers: answers
                .iter()
                .map(|(q, a)| (q.to_string(), a.to_string()))
                .collect(),
            letter: DateParts::new(letter.0, letter.1, letter.2),
            submitted: false,
        }
    }

    fn open(answer: &GuideAnswer) -> Vec<&str> {
        answer
            .routes
            .iter()
            .filter(|r| r.open)
            .map(|r| r.route.id.as_str())
            .collect()
    }

    #[test]
    fn the_routes_offer_their_letters_and_the_request_for_an_assessment_only_without_a_plan() {
        let routes = routes();
        let today = d(2026, 12, 2);
        let letters_of = |answers: &[(&str, &str)], route: &str| -> Vec<String> {
            let result = answer(&routes, &form(answers, ("", "", "")), today).expect("answered");
            result
                .routes
                .into_iter()
                .find(|r| r.route.id == route)
                .map(|r| r.letters)
                .unwrap_or_default()
        };
        let no_plan = letters_of(
            &[("problem", "help-not-enough"), ("plan", "no")],
            "assessment",
        );
        assert_eq!(no_plan, vec!["request-assessment".to_string()]);
        let with_plan = answer(
            &routes,
            &form(
                &[("problem", "help-not-enough"), ("plan", "yes")],
                ("", "", ""),
            ),
            today,
        )
        .expect("answered");
        let assessment = with_plan.routes.iter().find(|r| r.route.id == "assessment");
        assert!(!assessment.expect("listed").open, "not open with a plan");
        let talk = letters_of(&[("problem", "help-not-enough"), ("plan", "yes")], "talk");
        assert!(talk.contains(&"in-writing".to_string()));
        let school = letters_of(
            &[("problem", "help-not-enough"), ("plan", "no")],
            "complaint-school",
        );
        assert_eq!(school, vec!["complaint-school".to_string()]);
        let adviser = letters_of(&[("problem", "cease")], "mediation-adviser");
        assert_eq!(
            adviser,
            vec![
                "adviser-mediation".to_string(),
                "adviser-certificate".to_string(),
                "council-mediation".to_string()
            ]
        );
    }

    #[test]
    fn a_refusal_to_assess_opens_the_adviser_mediation_and_appeal_with_the_engines_dates() {
        let routes = routes();
        let f = form(&[("problem", "no-assessment")], ("30", "6", "2025"));
        let today = d(2025, 7, 15);
        let result = answer(&routes, &f, today).expect("answered");
        let open_ids = open(&result);
        for id in ["talk", "help", "mediation-adviser", "mediation", "appeal"] {
            assert!(open_ids.contains(&id), "{id} in {open_ids:?}");
        }
        assert!(!open_ids.contains(&"discrimination-claim"));
        // The dates are the engine's, for the same event.
        let engine = deadlines_of(
            d(2025, 6, 30),
            KeyDate::Decision {
                about: EventKind::DecisionNoAssessment,
                school_only: false,
            },
        );
        let route = |id: &str| {
            result
                .routes
                .iter()
                .find(|r| r.route.id == id)
                .expect("route")
        };
        let adviser = &route("mediation-adviser").deadlines;
        assert_eq!(adviser.len(), 1);
        assert_eq!(adviser[0].deadline, engine[0]);
        assert_eq!(route("appeal").deadlines[0].deadline, engine[1]);
        // The adviser's date comes first, and before the appeal route.
        assert!(adviser[0].deadline.act_by() < route("appeal").deadlines[0].deadline.date);
        let position = |id: &str| open_ids.iter().position(|x| *x == id);
        assert!(position("mediation-adviser") < position("appeal"));
    }

    #[test]
    fn an_appeal_only_about_the_school_needs_no_adviser_and_says_why() {
        let routes = routes();
        let f = form(&[("problem", "school-named-only")], ("30", "6", "2025"));
        let result = answer(&routes, &f, d(2025, 7, 15)).expect("answered");
        let adviser = result
            .routes
            .iter()
            .find(|r| r.route.id == "mediation-adviser")
            .expect("listed");
        assert!(!adviser.open);
        assert!(adviser
            .route
            .closed_why
            .contains("no mediation certificate is needed"));
        let appeal = result
            .routes
            .iter()
            .find(|r| r.route.id == "appeal")
            .expect("listed");
        assert!(appeal.open);
        assert!(appeal.deadlines[0]
            .deadline
            .notes
            .iter()
            .any(|n| n.contains("do not need a mediation certificate")));
        // Closed routes come after every open one.
        let first_closed = result.routes.iter().position(|r| !r.open).expect("one");
        assert!(result.routes[first_closed..].iter().all(|r| !r.open));
    }

    #[test]
    fn follow_up_questions_are_asked_only_when_they_matter_and_must_be_answered() {
        let routes = routes();
        let asked = |answers: &[(&str, &str)]| -> Vec<String> {
            questions_to_ask(&routes, &form(answers, ("", "", "")))
                .iter()
                .map(|q| q.id.clone())
                .collect()
        };
        assert_eq!(asked(&[("problem", "cease")]), ["problem"]);
        assert_eq!(
            asked(&[("problem", "help-not-enough")]),
            ["problem", "plan"]
        );
        assert_eq!(asked(&[("problem", "treatment")]), ["problem", "who"]);
        assert_eq!(
            answer(
                &routes,
                &form(&[("problem", "treatment")], ("", "", "")),
                d(2025, 7, 15)
            ),
            Err(vec![GuideError::Unanswered(
                "who".into(),
                routes.question("who").expect("who").ask.clone()
            )])
        );
        let wrong_date = form(&[("problem", "cease")], ("31", "2", "2025"));
        assert!(matches!(
            answer(&routes, &wrong_date, d(2025, 7, 15))
                .err()
                .as_deref(),
            Some([GuideError::Letter(_)])
        ));
        // A date typed for a problem that has none is not read (the box is not shown).
        let hidden = form(
            &[("problem", "help-not-enough"), ("plan", "no")],
            ("31", "2", "x"),
        );
        assert!(answer(&routes, &hidden, d(2025, 7, 15)).is_ok());
        // No letter date: the routes, and no dates.
        let result = answer(
            &routes,
            &form(&[("problem", "cease")], ("", "", "")),
            d(2025, 7, 15),
        )
        .expect("answered");
        assert!(result.event.is_none());
        assert!(result.routes.iter().all(|r| r.deadlines.is_empty()));
    }

    #[test]
    fn a_discrimination_claim_shows_its_own_time_limit() {
        let routes = routes();
        let f = form(&[("problem", "discrimination")], ("11", "3", "2026"));
        let result = answer(&routes, &f, d(2026, 4, 1)).expect("answered");
        let claim = result
            .routes
            .iter()
            .find(|r| r.route.id == "discrimination-claim")
            .expect("listed");
        assert!(claim.open);
        assert_eq!(claim.deadlines[0].deadline.date, d(2026, 9, 10));
    }
}
