//! Screenshots of the loading states, at chosen virtual times: skeletons while loading, the
//! content, error states, and content again after Retry. The simulated host is seeded, so every
//! run sees the same replies at the same frames. Bless with `TENFOOT_BLESS=1`.

#[path = "../examples/deferred_loading.rs"]
#[expect(dead_code, reason = "only the example's app and helpers are used")]
mod deferred_loading;

#[path = "../examples/host_bus.rs"]
#[expect(dead_code, reason = "only the example's app is used")]
mod host_bus;

use std::time::Duration;

use tenfoot::sample::{SimHost, SimSettings};
use tenfoot::testing::{__PhysicalSize as PhysicalSize, assert_screenshot, Driver};
use tenfoot::widgets::{deferred_state, DeferredState};

const SIZE: PhysicalSize = PhysicalSize::new(1280, 720);

fn ms(v: u64) -> Duration {
    Duration::from_millis(v)
}

fn states(d: &Driver) -> Vec<Option<DeferredState>> {
    (0..6).map(|i| d.app.find(&format!("tile-{i}")).and_then(|e| deferred_state(&d.app, e))).collect()
}

fn driver(latency: u64, failure_rate: f32) -> Driver {
    let settings = SimSettings { latency: ms(latency), failure_rate, seed: 11, ..SimSettings::default() };
    let mut d = Driver::new(deferred_loading::app_with(settings));
    let _ = d.step(Duration::ZERO);
    d
}

#[test]
fn loading_shows_skeletons_then_content() {
    let mut d = driver(800, 0.0);
    let t = d.run_until(Duration::ZERO, ms(300));
    assert!(states(&d).iter().all(|s| *s == Some(DeferredState::Loading)));
    assert_screenshot!(&mut d.app, "deferred-loading", SIZE);
    // Replies arrive between 600 and 1000 ms: some tiles are in, some still shimmer.
    let t = d.run_until(t, ms(820));
    let loaded = states(&d).iter().filter(|s| **s == Some(DeferredState::Ready)).count();
    assert!((1..6).contains(&loaded), "{:?}", states(&d));
    assert_screenshot!(&mut d.app, "deferred-partial", SIZE);
    d.run_until(t, ms(1500));
    assert!(states(&d).iter().all(|s| *s == Some(DeferredState::Ready)), "{:?}", states(&d));
    assert_eq!(d.app.task_count(), 0, "loaders and shimmers are done");
    assert_screenshot!(&mut d.app, "deferred-content", SIZE);
}

#[test]
fn errors_then_retry_then_content() {
    let mut d = driver(400, 1.0);
    let t = d.run_until(Duration::ZERO, ms(1000));
    assert!(states(&d).iter().all(|s| matches!(s, Some(DeferredState::Failed(_)))), "{:?}", states(&d));
    assert!(d.app.find("retry").is_some());
    assert_screenshot!(&mut d.app, "deferred-error", SIZE);
    if let Some(sim) = d.app.host_mut::<SimHost>() {
        sim.settings.failure_rate = 0.0;
    }
    assert_eq!(deferred_loading::retry_failed(&mut d.app), 7);
    let t = d.run_until(t, ms(1100));
    assert!(states(&d).iter().all(|s| *s == Some(DeferredState::Loading)));
    d.run_until(t, ms(2000));
    assert!(states(&d).iter().all(|s| *s == Some(DeferredState::Ready)), "{:?}", states(&d));
    assert_screenshot!(&mut d.app, "deferred-retried", SIZE);
}

#[test]
fn host_bus_log() {
    let settings = SimSettings { latency: ms(300), jitter: Some(ms(100)), seed: 3, ..SimSettings::default() };
    let mut d = Driver::new(host_bus::app_with(settings));
    let _ = d.step(Duration::ZERO);
    d.run_until(Duration::ZERO, ms(4000));
    assert_eq!(d.app.task_count(), 0);
    assert_screenshot!(&mut d.app, "host-bus", SIZE);
}
