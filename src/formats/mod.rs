//! What crosses to people and other programs: the versioned share link (with the compact
//! text of a described fleet, agent and plan), the CLI's and the
//! app's exports (text, JSON, CSV with its CSV-on-the-Web metadata, PNG text chunks), and the lesson as a facilitator's guide.

pub mod check_report;
pub mod compact;
pub mod csvw;
pub mod embed_size;
pub mod fleet_file;
pub mod lesson_text;
pub mod link;
pub mod png;
pub mod report;
