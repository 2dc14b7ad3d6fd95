//! `cargo run --release`: the main job. Opens the preview window on the hello screen (the
//! sample streaming app replaces it once it exists). Without a display it prints how to run
//! headless instead.

#[path = "../examples/hello.rs"]
#[expect(dead_code, reason = "the example's own main is not used here")]
mod hello;

fn main() -> std::process::ExitCode {
    tenfoot::preview::run(hello::app())
}
