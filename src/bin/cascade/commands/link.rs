//! `cascade link`: the share link for the parameters.

use crate::cli::*;

pub fn link_cmd(m: &ArgMatches) -> Result<String, String> {
    let base = last_option(m, "base", |_| Ok(()))?.unwrap_or(cascade_lab::formats::link::DEFAULT_BASE);
    let p = params_from(m, &["base"])?;
    Ok(cascade_lab::formats::link::LinkState::from_params(&p).to_url(base) + "\n")
}
