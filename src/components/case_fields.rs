//! The fields that describe a case, shared by "Add a case" and "Change this case".

use crate::components::fields::{SelectField, TextField};
use crate::domain::casebook::{CaseDetails, PlanStatus};
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
}

impl CaseFieldsState {
    pub fn new(details: Option<CaseDetails>) -> Self {
        let (name, school, status) = match details {
            Some(d) => (d.name, d.school, d.plan_status),
            None => (String::new(), String::new(), PlanStatus::HasPlan),
        };
        CaseFieldsState {
            name: RwSignal::new(name),
            school: RwSignal::new(school),
            status: RwSignal::new(status),
            error: RwSignal::new(None),
        }
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
        let details = CaseDetails::read(
            &self.name.get_untracked(),
            &self.school.get_untracked(),
            self.status.get_untracked(),
        );
        self.error
            .set(details.is_none().then(|| NAME_NEEDED.to_string()));
        details
    }
}

/// Name, school and EHC plan status. `ids` are the three fields' ids (two forms can be on the
/// same page).
#[component]
pub fn CaseFields(state: CaseFieldsState, ids: [&'static str; 3]) -> impl IntoView {
    let CaseFieldsState {
        name,
        school,
        status,
        error,
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
    }
}
