//! The fields that describe a case, shared by "Add a case" and "Change this case".

use crate::components::date_input::{date_error_message, first_wrong_box, DateInput};
use crate::components::error_summary::ErrorLink;
use crate::components::fields::{SelectField, TextArea, TextField};
use crate::domain::casebook::{CaseDetails, PlanStatus};
use crate::domain::date_input::{parse_birth_date, DatePart, DateParts};
use leptos::prelude::*;

/// What the two forms say when the name is missing.
pub const NAME_NEEDED: &str = "Enter the child's name or initials";

/// The form's state: what is typed, and the error to show by the name, if any.
#[derive(Clone, Copy)]
pub struct CaseFieldsState {
    pub name: RwSignal<String>,
    pub school: RwSignal<String>,
    pub status: RwSignal<PlanStatus>,
    pub error: RwSignal<Option<String>>,
    /// The date of birth as typed (optional), and its problem.
    pub birth: RwSignal<DateParts>,
    pub birth_error: RwSignal<Option<(String, Vec<DatePart>)>>,
    pub contacts: RwSignal<String>,
    pub contacts_error: RwSignal<Option<String>>,
}

impl CaseFieldsState {
    pub fn new(details: Option<CaseDetails>) -> Self {
        let (name, school, status, birth, contacts) = match details {
            Some(d) => (
                d.name,
                d.school,
                d.plan_status,
                d.birth_date.map(DateParts::from_date).unwrap_or_default(),
                d.contacts,
            ),
            None => (
                String::new(),
                String::new(),
                // The first choice, and the one that assumes nothing the parent has not said.
                PlanStatus::NoPlan,
                DateParts::default(),
                String::new(),
            ),
        };
        CaseFieldsState {
            name: RwSignal::new(name),
            school: RwSignal::new(school),
            status: RwSignal::new(status),
            error: RwSignal::new(None),
            birth: RwSignal::new(birth),
            birth_error: RwSignal::new(None),
            contacts: RwSignal::new(contacts),
            contacts_error: RwSignal::new(None),
        }
    }

    /// The problems shown, for the form's error summary: each links to its field (`ids` as
    /// given to [`CaseFields`]).
    pub fn error_links(&self, ids: [&'static str; 3]) -> Vec<ErrorLink> {
        let mut links = Vec::new();
        if let Some(message) = self.error.get() {
            links.push(ErrorLink {
                message,
                target_id: ids[0].to_string(),
            });
        }
        if let Some((message, parts)) = self.birth_error.get() {
            links.push(ErrorLink {
                message,
                target_id: first_wrong_box("edit-case-birth", &parts),
            });
        }
        if let Some(message) = self.contacts_error.get() {
            links.push(ErrorLink {
                message,
                target_id: "edit-case-contacts".to_string(),
            });
        }
        links
    }

    /// The case changed from `base` to `now` elsewhere (another tab): each field still showing
    /// `base` shows `now`; a field the parent has changed here keeps what they typed.
    pub fn follow(&self, base: &CaseDetails, now: &CaseDetails) {
        if self.name.get_untracked().trim() == base.name {
            self.name.set(now.name.clone());
        }
        if self.school.get_untracked().trim() == base.school {
            self.school.set(now.school.clone());
        }
        if self.status.get_untracked() == base.plan_status {
            self.status.set(now.plan_status);
        }
        let shown =
            |date: Option<chrono::NaiveDate>| date.map(DateParts::from_date).unwrap_or_default();
        if self.birth.get_untracked() == shown(base.birth_date) {
            self.birth.set(shown(now.birth_date));
        }
        if self.contacts.get_untracked().trim() == base.contacts {
            self.contacts.set(now.contacts.clone());
        }
    }

    /// Shows `details` in the fields (after a save, what is now stored).
    pub fn show(&self, details: CaseDetails) {
        self.name.set(details.name);
        self.school.set(details.school);
        self.status.set(details.plan_status);
        self.birth.set(
            details
                .birth_date
                .map(DateParts::from_date)
                .unwrap_or_default(),
        );
        self.contacts.set(details.contacts);
    }

    /// The details typed, or `None` with the error shown.
    pub fn read(&self) -> Option<CaseDetails> {
        use crate::domain::limits::{too_long_message, TextField};
        for (field, text) in [
            (TextField::CaseName, self.name.get_untracked()),
            (TextField::School, self.school.get_untracked()),
        ] {
            if let Err(length) = field.check(text.trim()) {
                self.error.set(Some(too_long_message(field, length)));
                return None;
            }
        }
        let contacts = self.contacts.get_untracked();
        self.contacts_error.set(
            TextField::Contacts
                .check(contacts.trim())
                .err()
                .map(|length| too_long_message(TextField::Contacts, length)),
        );
        let birth = self.birth.get_untracked();
        let today = crate::clock::today();
        let birth_date = if birth.is_empty() {
            Ok(None)
        } else {
            match parse_birth_date(&birth, today) {
                Ok(date) if date > today => Err((
                    "The date of birth must be in the past".to_string(),
                    vec![DatePart::Day, DatePart::Month, DatePart::Year],
                )),
                Ok(date) => Ok(Some(date)),
                Err(e) => Err((date_error_message("the date of birth", &e), e.parts())),
            }
        };
        self.birth_error.set(birth_date.clone().err());
        let details = CaseDetails::read(
            &self.name.get_untracked(),
            &self.school.get_untracked(),
            self.status.get_untracked(),
        );
        self.error
            .set(details.is_none().then(|| NAME_NEEDED.to_string()));
        if self.contacts_error.get_untracked().is_some() {
            return None;
        }
        let birth_date = birth_date.ok()?;
        details.map(|d| CaseDetails {
            birth_date,
            contacts: contacts.trim().to_string(),
            ..d
        })
    }
}

/// Name, school and EHC plan status; with `more`, the date of birth and the parent's own
/// contacts too. `ids` are the first three fields' ids (two forms can be on the same page).
#[component]
pub fn CaseFields(
    state: CaseFieldsState,
    ids: [&'static str; 3],
    #[prop(optional)] more: bool,
) -> impl IntoView {
    let CaseFieldsState {
        name,
        school,
        status,
        error,
        birth,
        birth_error,
        contacts,
        contacts_error,
    } = state;
    let status_options: Vec<(&'static str, &'static str)> = PlanStatus::ALL
        .iter()
        .map(|s| (s.id(), s.label()))
        .collect();
    view! {
        <TextField id=ids[0] label="Child's name or initials" hint="Initials are enough, and more private" value=name.into()
            on_input=Callback::new(move |v| name.set(v)) error=error/>
        <TextField id=ids[1] label="School or college (optional)" value=school.into() on_input=Callback::new(move |v| school.set(v))/>
        <SelectField id=ids[2] label="EHC plan" options=status_options
            value=Signal::derive(move || status.get().id())
            on_change=Callback::new(move |v: String| {
                if let Some(s) = PlanStatus::from_id(&v) {
                    status.set(s);
                }
            })/>
        {more.then(|| view! {
            <DateInput id="edit-case-birth" label="Date of birth" optional=true
                hint="Only used to fill in letters, such as a request for an assessment. For example, 27 3 2016"
                value=birth.into()
                on_change=Callback::new(move |(part, value): (DatePart, String)| birth.update(|d| d.set(part, value)))
                error=birth_error.into()/>
            <TextArea id="edit-case-contacts" label="Your own contacts (optional)" rows=4
                hint="For example your council's SEN officer, your local SENDIASS and the SENCo: names, phone numbers and emails. They stay on this device."
                value=contacts.into() on_input=Callback::new(move |v| contacts.set(v))
                limit=crate::domain::limits::TextField::Contacts.limit()
                error=contacts_error/>
        })}
    }
}
