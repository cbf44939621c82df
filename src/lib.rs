//! SEND Casebook: an offline guide for parents in England who disagree with a decision about
//! their child's special educational needs.
//!
//! Pure logic lives in modules with no browser code ([`content`], [`domain`]), tested natively with
//! `cargo test`; [`pages`] and [`components`] only show it; [`pwa`] is the one place that talks
//! to the service worker; [`state`] holds the records in memory and is the only caller of
//! [`storage`]; [`clock`] is the only reader of the device's clock.

pub mod app;
pub mod clock;
pub mod components;
pub mod content;
pub mod domain;
pub mod pages;
pub mod pwa;
pub mod router;
pub mod state;
pub mod storage;

pub use app::App;
pub use domain::{calendar, deadlines};
