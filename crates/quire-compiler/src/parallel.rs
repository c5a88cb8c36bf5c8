//! How the long parallel passes split their work.

/// The most items one core takes on at a time in a long parallel pass. Rayon otherwise splits a
/// list only about as often as there are cores, so the last large piece ran on one core while
/// the other waited (a twentieth of the compile pass at 10,000 articles).
pub(crate) const BALANCED_RUN: usize = 16;
