//! The preview's network controls: `--latency`, `--failure-rate`, F5 and F6 reach whatever
//! host the app installed, through [`NetworkSim`](tenfoot_toolkit::tasks::NetworkSim) (the sample's simulated host is one).

use std::time::Duration;

use tenfoot_toolkit::App;

use crate::cli::Options;

/// Latency presets F5 cycles through.
pub const LATENCY_PRESETS: [Duration; 5] = [
    Duration::ZERO,
    Duration::from_millis(300),
    Duration::from_millis(800),
    Duration::from_millis(2000),
    Duration::from_millis(5000),
];

/// The failure rate F6 switches on when no `--failure-rate` was given.
pub const DEFAULT_FAILURE_RATE: f32 = 0.3;

/// Applies `--locale` to the app, and `--latency` and `--failure-rate` to its simulated host,
/// if it has one.
pub fn apply_options(app: &mut App, options: &Options) {
    if let Some(locale) = &options.locale {
        app.set_locale(locale.clone());
    }
    let Some(sim) = app.network_sim() else { return };
    if let Some(l) = options.latency {
        sim.set_latency(l);
    }
    if let Some(f) = options.failure_rate {
        sim.set_failure_rate(f);
    }
}

/// F5: the next latency preset. Returns a line for the toast, or `None` without a simulated host.
pub fn cycle_latency(app: &mut App) -> Option<String> {
    let sim = app.network_sim()?;
    let now = sim.latency();
    let next = LATENCY_PRESETS.iter().copied().find(|p| *p > now).unwrap_or(LATENCY_PRESETS[0]);
    sim.set_latency(next);
    Some(format!("simulated host latency {} ms (\u{b1}{} ms)", next.as_millis(), sim.jitter().as_millis()))
}

/// F6: failures on (at `rate`, or [`DEFAULT_FAILURE_RATE`]) or off.
pub fn toggle_failures(app: &mut App, rate: Option<f32>) -> Option<String> {
    let sim = app.network_sim()?;
    let next = if sim.failure_rate() > 0.0 { 0.0 } else { rate.filter(|r| *r > 0.0).unwrap_or(DEFAULT_FAILURE_RATE) };
    sim.set_failure_rate(next);
    Some(format!("simulated host failure rate {}%", (next * 100.0).round()))
}
