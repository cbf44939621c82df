//! The routes of "What can I do?" as content: the questions, the answers, and each route with
//! when it is open, why not otherwise, the booklet's own words, who to contact and what to
//! prepare. Read from `content/routes.md` (its first lines say the format); checked by tests so
//! that every route can be reached, every condition can be answered and every quote is the
//! booklet's.

pub const ROUTES_SOURCE: &str = include_str!("../../content/routes.md");

/// One question, with its answers as (id, label).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub ask: String,
    pub hint: String,
    /// Asked only when this holds (always when `None`).
    pub asked_when: Option<Condition>,
    pub answers: Vec<(String, String)>,
    /// For the problem question: which event of the event model an answer is, by answer id.
    pub events: Vec<(String, String)>,
}

/// Answers that must all hold: each question with the answers that satisfy it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Condition(pub Vec<(String, Vec<String>)>);

impl Condition {
    /// Whether the answers given satisfy every clause (an unanswered question satisfies none).
    pub fn holds(&self, answers: &dyn Fn(&str) -> Option<String>) -> bool {
        self.0.iter().all(|(question, allowed)| {
            answers(question).is_some_and(|given| allowed.contains(&given))
        })
    }
}

/// Who a route says to contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactRef {
    School,
    CouncilSenTeam,
    Sendiass,
    KidsMediation,
    MediationAdviser,
    Tribunal,
}

impl ContactRef {
    pub fn from_id(id: &str) -> Option<ContactRef> {
        Some(match id {
            "school" => ContactRef::School,
            "council-sen-team" => ContactRef::CouncilSenTeam,
            "sendiass" => ContactRef::Sendiass,
            "kids-mediation" => ContactRef::KidsMediation,
            "mediation-adviser" => ContactRef::MediationAdviser,
            "tribunal" => ContactRef::Tribunal,
            _ => return None,
        })
    }
}

/// One route a parent may take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub id: String,
    pub title: String,
    pub what: String,
    /// Open when any of these holds.
    pub open_when: Vec<Condition>,
    pub closed_why: String,
    /// The booklet section's slug and the words quoted from it.
    pub booklet: (String, String),
    pub contact: ContactRef,
    /// The event kinds (ids) whose dates this route shows.
    pub deadlines: Vec<String>,
    /// Which of their dates: adviser, appeal, claim or review (empty: none).
    pub dates: String,
    pub prepare: Vec<String>,
    pub together: String,
    /// The letters (ids in `content/letters.md`) this route asks for, each offered when its
    /// condition (if any) holds.
    pub letters: Vec<(String, Option<Condition>)>,
}

impl Route {
    pub fn is_open(&self, answers: &dyn Fn(&str) -> Option<String>) -> bool {
        self.open_when.iter().any(|c| c.holds(answers))
    }
}

/// Everything in the routes file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Routes {
    pub questions: Vec<Question>,
    pub routes: Vec<Route>,
}

impl Routes {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

fn parse_condition(text: &str) -> Result<Condition, String> {
    text.split(" & ")
        .map(|clause| {
            let (question, answers) = clause
                .trim()
                .split_once('=')
                .ok_or_else(|| format!("a condition needs question=answer: {clause}"))?;
            let answers: Vec<String> = answers
                .split(',')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect();
            if answers.is_empty() {
                return Err(format!("no answers in: {clause}"));
            }
            Ok((question.trim().to_string(), answers))
        })
        .collect::<Result<Vec<_>, String>>()
        .map(Condition)
}

enum Current {
    None,
    Question(Question),
    Route(Route),
}

/// Reads the routes file, or says what is wrong with it, line by line.
pub fn parse_routes(source: &str) -> Result<Routes, Vec<String>> {
    let mut routes = Routes::default();
    let mut errors = Vec::new();
    let mut current = Current::None;
    let finish = |current: Current, routes: &mut Routes| match current {
        Current::Question(q) => routes.questions.push(q),
        Current::Route(r) => routes.routes.push(r),
        Current::None => {}
    };
    for (number, line) in source.lines().enumerate() {
        let line_no = number + 1;
        if let Some(id) = line.strip_prefix("## question ") {
            finish(std::mem::replace(&mut current, Current::None), &mut routes);
            current = Current::Question(Question {
                id: id.trim().to_string(),
                ask: String::new(),
                hint: String::new(),
                asked_when: None,
                answers: Vec::new(),
                events: Vec::new(),
            });
            continue;
        }
        if let Some(id) = line.strip_prefix("## route ") {
            finish(std::mem::replace(&mut current, Current::None), &mut routes);
            current = Current::Route(Route {
                id: id.trim().to_string(),
                title: String::new(),
                what: String::new(),
                open_when: Vec::new(),
                closed_why: String::new(),
                booklet: (String::new(), String::new()),
                contact: ContactRef::Sendiass,
                deadlines: Vec::new(),
                dates: String::new(),
                prepare: Vec::new(),
                together: String::new(),
                letters: Vec::new(),
            });
            continue;
        }
        let Some((key, value)) = line.split_once(": ") else {
            continue;
        };
        let value = value.trim().to_string();
        let mut fail = |message: String| errors.push(format!("line {line_no}: {message}"));
        match &mut current {
            Current::Question(q) => match key {
                "ask" => q.ask = value,
                "hint" => q.hint = value,
                "asked-when" => match parse_condition(&value) {
                    Ok(c) => q.asked_when = Some(c),
                    Err(e) => fail(e),
                },
                _ if key.starts_with("answer ") => q
                    .answers
                    .push((key["answer ".len()..].trim().to_string(), value)),
                _ if key.starts_with("event ") => q
                    .events
                    .push((key["event ".len()..].trim().to_string(), value)),
                _ => {}
            },
            Current::Route(r) => match key {
                "title" => r.title = value,
                "what" => r.what = value,
                "open-when" => match parse_condition(&value) {
                    Ok(c) => r.open_when.push(c),
                    Err(e) => fail(e),
                },
                "closed-why" => r.closed_why = value,
                "booklet" => match value.split_once(" | ") {
                    Some((slug, quote)) => {
                        r.booklet = (slug.trim().to_string(), quote.trim().to_string())
                    }
                    None => fail("booklet: needs `slug | words`".to_string()),
                },
                "contact" => match ContactRef::from_id(&value) {
                    Some(c) => r.contact = c,
                    None => fail(format!("unknown contact {value}")),
                },
                "deadline" => r.deadlines.push(value),
                "dates" => match value.as_str() {
                    "adviser" | "appeal" | "claim" | "review" => r.dates = value,
                    _ => fail(format!("unknown dates {value}")),
                },
                "prepare" => r.prepare.push(value),
                "together" => r.together = value,
                "letter" => match value.split_once(" when ") {
                    Some((id, when)) => match parse_condition(when) {
                        Ok(c) => r.letters.push((id.trim().to_string(), Some(c))),
                        Err(e) => fail(e),
                    },
                    None => r.letters.push((value, None)),
                },
                _ => {}
            },
            Current::None => {}
        }
    }
    finish(current, &mut routes);
    for route in &routes.routes {
        let missing: Vec<&str> = [
            ("title", route.title.is_empty()),
            ("what", route.what.is_empty()),
            ("open-when", route.open_when.is_empty()),
            ("closed-why", route.closed_why.is_empty()),
            ("booklet", route.booklet.1.is_empty()),
            ("prepare", route.prepare.is_empty()),
            (
                "dates (it names deadlines)",
                !route.deadlines.is_empty() && route.dates.is_empty(),
            ),
        ]
        .into_iter()
        .filter(|(_, empty)| *empty)
        .map(|(name, _)| name)
        .collect();
        if !missing.is_empty() {
            errors.push(format!("route {} has no {}", route.id, missing.join(", ")));
        }
    }
    if errors.is_empty() {
        Ok(routes)
    } else {
        Err(errors)
    }
}

/// The app's routes. The file is checked by the tests, so a broken one never ships; if it
/// were broken, the guide would show no routes rather than stop the app.
pub fn routes() -> Routes {
    parse_routes(ROUTES_SOURCE).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::booklet;
    use crate::domain::events::EventKind;

    fn all() -> Routes {
        parse_routes(ROUTES_SOURCE).unwrap_or_else(|e| panic!("routes.md: {e:?}"))
    }

    /// Every combination of answers a parent can give, asking each question only when it is
    /// asked.
    fn every_combination(routes: &Routes) -> Vec<Vec<(String, String)>> {
        let mut combos: Vec<Vec<(String, String)>> = vec![Vec::new()];
        for question in &routes.questions {
            let mut next = Vec::new();
            for combo in combos {
                let lookup = |id: &str| combo.iter().find(|(q, _)| q == id).map(|(_, a)| a.clone());
                let asked = question
                    .asked_when
                    .as_ref()
                    .is_none_or(|c| c.holds(&lookup));
                if asked {
                    for (answer, _) in &question.answers {
                        let mut with = combo.clone();
                        with.push((question.id.clone(), answer.clone()));
                        next.push(with);
                    }
                } else {
                    next.push(combo);
                }
            }
            combos = next;
        }
        combos
    }

    fn open_ids(routes: &Routes, combo: &[(String, String)]) -> Vec<String> {
        let lookup = |id: &str| combo.iter().find(|(q, _)| q == id).map(|(_, a)| a.clone());
        routes
            .routes
            .iter()
            .filter(|r| r.is_open(&lookup))
            .map(|r| r.id.clone())
            .collect()
    }

    #[test]
    fn the_file_reads_with_every_route_complete() {
        let routes = all();
        assert!(routes.questions.len() >= 3);
        assert!(routes.routes.len() >= 9);
        let broken = parse_routes("## route x\ntitle: X\nopen-when: problem\ncontact: nobody\n");
        let errors = broken.expect_err("broken");
        assert!(errors.iter().any(|e| e.contains("line 3")), "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("unknown contact nobody")));
        assert!(errors.iter().any(|e| e.contains("route x has no what")));
    }

    #[test]
    fn every_letter_a_route_offers_is_a_letter_of_the_app() {
        let routes = all();
        let mut offered = 0;
        for route in &routes.routes {
            for (id, _) in &route.letters {
                assert!(
                    crate::content::letters::letter(id).is_some(),
                    "{}: no letter {id}",
                    route.id
                );
                offered += 1;
            }
        }
        assert!(offered >= 6);
    }

    #[test]
    fn every_condition_names_a_real_question_and_answer() {
        let routes = all();
        let conditions = routes
            .routes
            .iter()
            .flat_map(|r| r.open_when.iter().map(move |c| (r.id.as_str(), c)))
            .chain(routes.routes.iter().flat_map(|r| {
                r.letters
                    .iter()
                    .filter_map(move |(_, when)| when.as_ref().map(|c| (r.id.as_str(), c)))
            }))
            .chain(
                routes
                    .questions
                    .iter()
                    .filter_map(|q| q.asked_when.as_ref().map(|c| (q.id.as_str(), c))),
            );
        for (owner, condition) in conditions {
            for (question, answers) in &condition.0 {
                let q = routes
                    .question(question)
                    .unwrap_or_else(|| panic!("{owner}: no question {question}"));
                for answer in answers {
                    assert!(
                        q.answers.iter().any(|(id, _)| id == answer),
                        "{owner}: {question} has no answer {answer}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_route_can_be_reached_and_every_answer_leaves_a_route_open() {
        let routes = all();
        let combos = every_combination(&routes);
        for route in &routes.routes {
            assert!(
                combos
                    .iter()
                    .any(|c| open_ids(&routes, c).contains(&route.id)),
                "{} is never open",
                route.id
            );
        }
        for combo in &combos {
            assert!(!open_ids(&routes, combo).is_empty(), "{combo:?}");
        }
    }

    #[test]
    fn every_quote_is_the_booklets_own_words_in_the_section_named() {
        for route in all().routes {
            let (slug, quote) = &route.booklet;
            let section = booklet()
                .section(slug)
                .unwrap_or_else(|| panic!("{}: no section {slug}", route.id));
            let words: Vec<String> = section
                .blocks
                .iter()
                .filter(|b| !matches!(b, crate::content::Block::Note(_)))
                .map(|b| b.plain_text())
                .collect();
            assert!(
                words.iter().any(|w| w.contains(quote.as_str())),
                "{}: not in {slug}: {quote}",
                route.id
            );
        }
    }

    #[test]
    fn every_event_named_is_one_of_the_event_model() {
        let routes = all();
        let problem = routes.question("problem").expect("the problem question");
        for (answer, event) in &problem.events {
            assert!(
                problem.answers.iter().any(|(id, _)| id == answer),
                "{answer}"
            );
            let kind = event.split_whitespace().next().unwrap_or_default();
            assert!(EventKind::from_id(kind).is_some(), "{event}");
        }
        for route in &routes.routes {
            for kind in &route.deadlines {
                assert!(EventKind::from_id(kind).is_some(), "{}: {kind}", route.id);
            }
        }
    }

    /// The booklet's and the law's rules, for every combination of answers: an appeal and
    /// mediation for the decisions that can be appealed; the mediation adviser before every
    /// appeal except one only about the school named; a discrimination claim only for
    /// discrimination; talking and SENDIASS always.
    #[test]
    fn every_combination_gives_the_routes_the_booklet_allows() {
        let routes = all();
        let appealable = [
            "no-assessment",
            "no-plan",
            "plan-contents",
            "school-named-only",
            "no-amend",
            "cease",
        ];
        for combo in every_combination(&routes) {
            let open = open_ids(&routes, &combo);
            let problem = combo
                .iter()
                .find(|(q, _)| q == "problem")
                .map(|(_, a)| a.as_str())
                .expect("always asked");
            let has = |id: &str| open.iter().any(|o| o == id);
            assert_eq!(has("appeal"), appealable.contains(&problem), "{combo:?}");
            // Mediation is for the decisions needing mediation advice: not an appeal only about
            // the school named, where a certificate would not give more time.
            assert_eq!(
                has("mediation"),
                appealable.contains(&problem) && problem != "school-named-only",
                "{combo:?}"
            );
            assert_eq!(
                has("mediation-adviser"),
                appealable.contains(&problem) && problem != "school-named-only",
                "{combo:?}"
            );
            assert_eq!(has("discrimination-claim"), problem == "discrimination");
            assert!(has("talk") && has("help"), "{combo:?}");
        }
    }
}
