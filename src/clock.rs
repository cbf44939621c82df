//! The device's clock and the ids made from it: change times that always move forward, today's
//! date and the time of day in local time, and new record ids. The only code that reads the
//! browser's clock or random numbers.

use crate::domain::casebook::{Casebook, Millis};

thread_local! {
    static LAST_STAMP: std::cell::Cell<Millis> = const { std::cell::Cell::new(0) };
}

/// A change time: the device clock in milliseconds since 1970, but always later than the last
/// one given out (and than every change time read or imported), so that a new change always
/// counts as newer. Saving and merging rely on that.
pub fn now_millis() -> Millis {
    LAST_STAMP.with(|last| {
        let stamp = (js_sys::Date::now() as Millis).max(last.get().saturating_add(1));
        last.set(stamp);
        stamp
    })
}

/// Makes sure later change times are newer than every record in `book`.
pub fn stamps_after(book: &Casebook) {
    let newest = book
        .cases
        .iter()
        .flat_map(|c| {
            std::iter::once(c.updated)
                .chain(c.entries.iter().map(|e| e.updated))
                .chain(c.notes.iter().map(|n| n.updated))
        })
        .max()
        .unwrap_or(0);
    LAST_STAMP.with(|last| last.set(last.get().max(newest)));
}

/// Today's date on this device, from the browser's clock in its local time zone.
pub fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or(chrono::NaiveDate::MIN)
}

/// The time of day on this device, as "14:05".
pub fn time_now() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}", now.get_hours(), now.get_minutes())
}

/// Now, in UTC, from the browser's clock (for calendar file stamps).
pub fn now_utc() -> chrono::NaiveDateTime {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_utc_full_year() as i32,
        now.get_utc_month() + 1,
        now.get_utc_date(),
    )
    .and_then(|date| {
        date.and_hms_opt(
            now.get_utc_hours(),
            now.get_utc_minutes(),
            now.get_utc_seconds(),
        )
    })
    .unwrap_or_default()
}

/// A new record id: the time plus randomness, unique across tabs and devices in practice. The
/// shape (letters, digits and dashes) is the one backups are checked against.
pub fn new_id(prefix: &str) -> String {
    let random = (js_sys::Math::random() * 1e12) as u64;
    format!("{prefix}-{}-{random:x}", now_millis())
}

/// A token naming this tab in the stored records' generations.
pub fn tab_token() -> String {
    format!("{:x}", (js_sys::Math::random() * 1e15) as u64)
}
