//! Frame statistics for the stats overlay: frame rate, frame time percentiles and
//! key-to-present latency.

use std::collections::VecDeque;
use std::time::Duration;

const KEEP: usize = 240;

/// Rolling frame and latency samples.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    frame_times: VecDeque<Duration>,
    presents: VecDeque<Duration>,
    latencies: VecDeque<Duration>,
    /// Physical rectangles drawn by the last frames, with the time they were drawn.
    pub drawn: VecDeque<(Duration, [f32; 4])>,
}

fn push<T>(q: &mut VecDeque<T>, v: T) {
    if q.len() == KEEP {
        q.pop_front();
    }
    q.push_back(v);
}

/// The `p`-th percentile (0..=100) of `samples`, or zero when empty.
pub fn percentile(samples: impl IntoIterator<Item = Duration>, p: f64) -> Duration {
    let mut v: Vec<Duration> = samples.into_iter().collect();
    if v.is_empty() {
        return Duration::ZERO;
    }
    v.sort();
    let rank = ((p / 100.0) * (v.len() - 1) as f64).round() as usize;
    v[rank.min(v.len() - 1)]
}

impl Stats {
    /// One frame took `work` and was presented at `at` (session clock).
    pub fn frame(&mut self, work: Duration, at: Duration) {
        push(&mut self.frame_times, work);
        push(&mut self.presents, at);
    }

    /// A key pressed at `pressed` was on screen at `presented`.
    pub fn latency(&mut self, pressed: Duration, presented: Duration) {
        push(&mut self.latencies, presented.saturating_sub(pressed));
    }

    pub fn drawn_rect(&mut self, at: Duration, rect: [f32; 4]) {
        if self.drawn.len() == 64 {
            self.drawn.pop_front();
        }
        self.drawn.push_back((at, rect));
    }

    /// Frames presented in the last second before `now`.
    pub fn fps(&self, now: Duration) -> usize {
        self.presents.iter().filter(|t| now.saturating_sub(**t) <= Duration::from_secs(1)).count()
    }

    pub fn frame_p50(&self) -> Duration {
        percentile(self.frame_times.iter().copied(), 50.0)
    }

    pub fn frame_p99(&self) -> Duration {
        percentile(self.frame_times.iter().copied(), 99.0)
    }

    pub fn last_frame(&self) -> Duration {
        self.frame_times.back().copied().unwrap_or_default()
    }

    pub fn latency_p50(&self) -> Duration {
        percentile(self.latencies.iter().copied(), 50.0)
    }

    pub fn latency_p99(&self) -> Duration {
        percentile(self.latencies.iter().copied(), 99.0)
    }

    pub fn latency_samples(&self) -> usize {
        self.latencies.len()
    }
}

/// Milliseconds with two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_and_fps() {
        let mut s = Stats::default();
        for i in 0..100u64 {
            s.frame(Duration::from_millis(i + 1), Duration::from_millis(i * 20));
        }
        assert_eq!(s.frame_p50(), Duration::from_millis(51));
        assert_eq!(s.frame_p99(), Duration::from_millis(99));
        assert_eq!(s.fps(Duration::from_millis(99 * 20)), 51);
        s.latency(Duration::from_millis(10), Duration::from_millis(25));
        assert_eq!(s.latency_p99(), Duration::from_millis(15));
        assert_eq!(percentile(Vec::new(), 50.0), Duration::ZERO);
    }
}
