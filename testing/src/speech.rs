//! `--announce` and `--speak`: the announcer's utterances on stdout and through `espeak-ng`, so
//! a designer reads and hears what a blind user will.
//!
//! Speech runs `espeak-ng` as a child process per utterance. An assertive utterance stops the
//! one being spoken (the reader moves on with the focus); a polite one waits for it. Headless
//! runs wait for each utterance to finish so the sequence is heard whole.

use std::io::Write;
use std::process::{Child, Command, Stdio};

use tenfoot_toolkit::{Politeness, Utterance};

/// The line `--announce` prints for `u`.
pub fn announce_line(u: &Utterance) -> String {
    match u.politeness {
        Politeness::Assertive => format!("announce: {}", u.text),
        Politeness::Polite => format!("announce (polite): {}", u.text),
    }
}

/// The speech engine program.
pub const ESPEAK: &str = "espeak-ng";

/// Speaks utterances with espeak-ng.
#[derive(Debug)]
pub struct Speaker {
    program: String,
    current: Option<Child>,
    /// Polite utterances waiting for the current one to end.
    queue: Vec<String>,
}

impl Speaker {
    /// A speaker over `espeak-ng`, or why there is none ("skipped: ...", for the user).
    pub fn new() -> Result<Speaker, String> {
        Self::with_program(ESPEAK)
    }

    /// A speaker over `program` (tests use a stand-in).
    pub fn with_program(program: &str) -> Result<Speaker, String> {
        let found = Command::new(program)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !found {
            return Err(format!(
                "--speak: skipped: `{program}` is not installed (Debian/Ubuntu: apt-get install espeak-ng; \
                 macOS: brew install espeak-ng); --announce prints the same utterances"
            ));
        }
        Ok(Speaker { program: program.to_owned(), current: None, queue: Vec::new() })
    }

    /// Speaks `u` without waiting: an interrupting utterance stops the current one and drops
    /// the queue; a polite one is queued behind it.
    pub fn say(&mut self, u: &Utterance) -> Result<(), String> {
        if u.interrupt {
            self.stop();
        }
        if self.busy() {
            self.queue.push(u.text.clone());
            return Ok(());
        }
        self.start(&u.text)
    }

    /// Speaks `u` and waits until it has been said.
    pub fn say_and_wait(&mut self, u: &Utterance) -> Result<(), String> {
        self.start(&u.text)?;
        self.wait();
        Ok(())
    }

    /// Starts the next queued utterance when the current one has ended (call it now and then).
    pub fn poll(&mut self) -> Result<(), String> {
        if !self.busy() && !self.queue.is_empty() {
            let next = self.queue.remove(0);
            self.start(&next)?;
        }
        Ok(())
    }

    /// True while something is being said.
    pub fn busy(&mut self) -> bool {
        match &mut self.current {
            Some(c) => matches!(c.try_wait(), Ok(None)),
            None => false,
        }
    }

    /// Stops what is being said and forgets the queue.
    pub fn stop(&mut self) {
        self.queue.clear();
        if let Some(mut c) = self.current.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Waits for the current utterance to end.
    pub fn wait(&mut self) {
        if let Some(mut c) = self.current.take() {
            let _ = c.wait();
        }
    }

    fn start(&mut self, text: &str) -> Result<(), String> {
        // The text goes through stdin, so nothing in it is read as an option.
        let mut child = Command::new(&self.program)
            .args(["--stdin", "-s", "170"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("--speak: cannot run {}: {e}", self.program))?;
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(text.as_bytes());
        }
        self.current = Some(child);
        Ok(())
    }
}

impl Drop for Speaker {
    fn drop(&mut self) {
        self.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn u(text: &str, politeness: Politeness) -> Utterance {
        Utterance { text: text.into(), politeness, interrupt: politeness == Politeness::Assertive, at: Duration::ZERO }
    }

    #[test]
    fn lines_say_their_politeness() {
        assert_eq!(announce_line(&u("Play, button", Politeness::Assertive)), "announce: Play, button");
        assert_eq!(announce_line(&u("Saved", Politeness::Polite)), "announce (polite): Saved");
    }

    #[test]
    fn a_missing_engine_is_skipped_with_a_reason() {
        let e = Speaker::with_program("tenfoot-no-such-speech-engine").unwrap_err();
        assert!(e.contains("skipped") && e.contains("apt-get install espeak-ng"), "{e}");
    }

    /// The engine turns an utterance into sound: rendered to a WAV file, so it is checked on a
    /// machine without a sound card too.
    #[test]
    fn espeak_renders_an_utterance_as_audio() {
        if Speaker::new().is_err() {
            println!("skipped: espeak-ng is not installed");
            return;
        }
        let wav = std::env::temp_dir().join(format!("tenfoot-speech-{}.wav", std::process::id()));
        let status = Command::new(ESPEAK)
            .args(["-s", "170", "-w"])
            .arg(&wav)
            .arg("Continue Watching, list, 8 items. Frontier and Signal, 1 of 8")
            .status()
            .unwrap();
        let bytes = std::fs::read(&wav).unwrap_or_default();
        let _ = std::fs::remove_file(&wav);
        assert!(status.success());
        // 22,050 Hz, 16-bit mono: several seconds of speech is well over 100 KB.
        assert!(bytes.starts_with(b"RIFF") && bytes.len() > 100_000, "{} bytes", bytes.len());
    }

    #[test]
    fn espeak_speaks_to_the_end() {
        let Ok(mut s) = Speaker::new() else {
            println!("skipped: espeak-ng is not installed");
            return;
        };
        s.say_and_wait(&u("Play, button", Politeness::Assertive)).unwrap();
        assert!(!s.busy());
        // An interrupting utterance cuts a long one short and leaves nothing queued.
        s.say(&u("Continue Watching, list, 8 items. Frontier and Signal, 1 of 8", Politeness::Assertive)).unwrap();
        s.say(&u("Saved", Politeness::Polite)).unwrap();
        s.say(&u("Home, button", Politeness::Assertive)).unwrap();
        assert!(s.queue.is_empty());
        s.wait();
    }
}
