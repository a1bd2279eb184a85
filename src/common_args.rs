//! The options the `check`, `sample` and `response` subcommands share: `--json` and `--now`.
//! Each says in its own words what `--now` judges, with
//! `#[command(mut_arg("now", |arg| arg.help(...)))]`.

use clap::Args;

// A plain comment, not a doc comment: clap would show a flattened struct's doc as the
// subcommand's description.
#[derive(Args)]
pub struct CommonArgs {
    /// Print JSON (the stable contract) instead of a summary.
    #[arg(long)]
    pub json: bool,
    /// Judge at this instant instead of the current time.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
}
