//! `tenfoot-preview SCREEN.kdl [--data FILE] [--theme FILE] [options]`: opens a markup screen
//! in the preview window and reloads it live when its files are saved. `--help` lists the
//! options; the headless flags (`--screenshot`, `--print-focus`...) work as for the examples.

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match tenfoot_preview::run_screen(args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            std::process::ExitCode::FAILURE
        }
    }
}
