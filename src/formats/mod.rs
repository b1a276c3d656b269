//! What crosses to people and other programs: the versioned share link, the CLI's and the
//! app's exports (text, JSON, CSV), and the lesson as a facilitator's guide.

pub mod lesson_text;
pub mod link;
pub mod png;
pub mod report;
