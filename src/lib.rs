//! SEND Casebook: an offline guide for parents in England who disagree with a decision about
//! their child's special educational needs.
//!
//! Pure logic lives in modules with no browser code ([`content`], [`domain`]), tested natively with
//! `cargo test`; [`pages`] and [`components`] only show it; [`pwa`] is the one place that talks
//! to the service worker.

pub mod app;
pub mod components;
pub mod content;
pub mod domain;
pub mod pages;
pub mod pwa;
pub mod state;
pub mod storage;

pub use app::App;
pub use domain::{calendar, deadlines};
