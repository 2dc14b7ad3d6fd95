//! `cargo run --release`: the main job. Opens the preview window on the sample streaming app's
//! profile picker (`tenfoot::sample`). Every preview flag works (`--keys`, `--screenshot`,
//! `--print-focus`, `--latency`, `--failure-rate`...). Without a display it prints how to run
//! headless instead.

fn main() -> std::process::ExitCode {
    tenfoot::run(tenfoot::sample::app())
}
