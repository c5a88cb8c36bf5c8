//! An owner that a value under it keeps, to create later resources there: held weakly, so the
//! value and the owner never keep each other alive.
//!
//! A context or a node that held its own owner strongly was a cycle that no cleanup breaks
//! (`Owner::cleanup` drops nodes and children, not contexts): every page the compiler rendered
//! leaked its whole reactive tree, 6 kB a page, 600 MB at 100,000 articles.

use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;

#[derive(Clone)]
pub struct KeptOwner(WeakOwner);

impl KeptOwner {
    /// The owner of the code running now.
    ///
    /// # Panics
    /// Outside any owner: only ever called from components, which always have one.
    pub fn current() -> Self {
        let owner = Owner::current().expect("called from a component, which has an owner");
        Self(owner.downgrade())
    }

    /// Runs `run` under the kept owner; once that owner is gone (its render is over), under the
    /// caller's own, so whatever `run` creates is still owned and cleaned up.
    pub fn with<T>(&self, run: impl FnOnce() -> T) -> T {
        match self.0.upgrade() {
            Some(owner) => owner.with(run),
            None => run(),
        }
    }
}
