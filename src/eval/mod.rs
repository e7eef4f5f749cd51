//! Measures of the shipped analyzer against labelled data (native only, feature `train`):
//! page detection (`pages`), policy facts (`facts`) and segment classification (`segments`).
//! The CLI (`policylens eval`) reads the files and prints these as JSON.

pub mod facts;
pub mod pages;
pub mod segments;
