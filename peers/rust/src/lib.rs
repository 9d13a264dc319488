//! The writeup's hand-rolled Rust K-Means, as a kmlab peer: rows in the boxed layout
//! `DataPoint { id: String, features: Vec<f64> }`, k-means++ seeding, Lloyd's algorithm
//! with per-point loops, and a Rayon path for the assignment and update steps.

pub mod ari;
pub mod cli;
pub mod data;
pub mod json;
pub mod kmeans;
pub mod rng;
pub mod stats;
