//! [`SimHost`]: a simulated device host serving the sample catalog over the host bus, with
//! latency, jitter and a failure rate, so designers see loading and error states in the preview.
//!
//! Deterministic: jitter and failures come from a seeded generator advanced once per request,
//! and time is the frame time the app passes in, so a headless run or a test sees the same
//! replies at the same frames every time. `--latency 800ms` and `--failure-rate 0.2` set it
//! from the command line; F5 cycles latency presets and F6 toggles failures in the window.
//!
//! Topics: the requests of [`super::catalog`], plus `sim.silent`, which is never answered (to
//! show timeouts), and the `app.ready` message, answered by a `host.banner` greeting.

use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;
use tenfoot_renderer::AssetSource;
use tenfoot_toolkit::tasks::{decode, Envelope, Host, NetworkSim};

use super::catalog::{
    AppReady, Banner, Home, HomeRequest, MyList, Profile, Rail, RailItem, ResumePoint, SearchRequest, SearchResults,
    TitleDetails, TitleRequest, WatchProgress,
};

/// Where the catalog is, in the asset folder.
pub const CATALOG: &str = "catalog/catalog.json";

/// How the simulated host misbehaves.
#[derive(Clone, Debug, PartialEq)]
pub struct SimSettings {
    /// Typical time from request to response.
    pub latency: Duration,
    /// Each reply comes up to this much earlier or later than `latency` (default: a quarter of it).
    pub jitter: Option<Duration>,
    /// 0..=1: the share of requests answered with an error.
    pub failure_rate: f32,
    /// Seeds the jitter and failure draws.
    pub seed: u64,
}

impl Default for SimSettings {
    fn default() -> Self {
        Self { latency: Duration::from_millis(300), jitter: None, failure_rate: 0.0, seed: 7 }
    }
}

impl SimSettings {
    pub fn jitter(&self) -> Duration {
        self.jitter.unwrap_or(self.latency / 4)
    }
}

#[derive(Deserialize)]
struct CatalogFile {
    profiles: Vec<Profile>,
    titles: Vec<TitleDetails>,
    home: HomeFile,
}

#[derive(Deserialize)]
struct HomeFile {
    hero: String,
    rails: Vec<RailFile>,
}

#[derive(Deserialize)]
struct RailFile {
    id: String,
    title: String,
    kind: String,
    items: Vec<RailItemFile>,
}

#[derive(Deserialize)]
struct RailItemFile {
    id: String,
    #[serde(default)]
    progress: Option<f32>,
    #[serde(default)]
    episode: Option<String>,
    #[serde(default)]
    rank: Option<u32>,
}

/// The simulated host. Install it with `app.set_host(host)`; reach it again with
/// `app.host_mut::<SimHost>()`.
pub struct SimHost {
    catalog: CatalogFile,
    pub settings: SimSettings,
    rng: u64,
    seq: u64,
    due: Vec<(Duration, u64, Envelope)>,
    /// Requests served so far, and how many of them failed on purpose.
    pub served: u64,
    pub failed: u64,
    /// My List as the host keeps it (the host owns it; the app mirrors it).
    pub my_list: Vec<String>,
}

impl std::fmt::Debug for SimHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimHost").field("settings", &self.settings).field("titles", &self.catalog.titles.len()).finish()
    }
}

impl SimHost {
    /// A host over catalog JSON (the shape `scripts/make_catalog.py` writes).
    pub fn from_json(json: &str, settings: SimSettings) -> Result<SimHost, String> {
        let catalog: CatalogFile = serde_json::from_str(json).map_err(|e| format!("catalog.json: {e}"))?;
        let rng = settings.seed ^ 0x9e37_79b9_7f4a_7c15;
        Ok(SimHost { catalog, settings, rng, seq: 0, due: Vec::new(), served: 0, failed: 0, my_list: Vec::new() })
    }

    /// A host over `catalog/catalog.json` of `assets`.
    pub fn from_assets(assets: &dyn AssetSource, settings: SimSettings) -> Result<SimHost, String> {
        let bytes = assets.load(CATALOG).map_err(|e| e.to_string())?;
        let json = std::str::from_utf8(&bytes).map_err(|e| format!("{CATALOG}: not UTF-8: {e}"))?;
        SimHost::from_json(json, settings)
    }

    /// A host over the bundled `assets/catalog/catalog.json`.
    #[cfg(feature = "testing")]
    pub fn bundled(settings: SimSettings) -> Result<SimHost, String> {
        SimHost::from_assets(&tenfoot_testing::DirAssets::new(tenfoot_testing::assets_dir()), settings)
    }

    pub fn title_ids(&self) -> Vec<String> {
        self.catalog.titles.iter().map(|t| t.id.clone()).collect()
    }

    /// A uniform draw in 0..1 (splitmix64).
    fn draw(&mut self) -> f64 {
        self.rng = self.rng.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }

    fn delay(&mut self) -> Duration {
        let base = self.settings.latency.as_secs_f64();
        let jitter = self.settings.jitter().as_secs_f64();
        let d = (base + jitter * (2.0 * self.draw() - 1.0)).max(0.0);
        Duration::from_millis((d * 1000.0).round() as u64)
    }

    fn title(&self, id: &str) -> Result<&TitleDetails, String> {
        self.catalog.titles.iter().find(|t| t.id == id).ok_or_else(|| format!("no title `{id}`"))
    }

    fn home(&self) -> Result<Home, String> {
        let hero = self.title(&self.catalog.home.hero)?.clone();
        let mut rails = Vec::new();
        for r in &self.catalog.home.rails {
            let items = r
                .items
                .iter()
                .filter_map(|i| {
                    self.title(&i.id).ok().map(|t| RailItem {
                        title: t.summary(),
                        progress: i.progress,
                        episode: i.episode.clone(),
                        rank: i.rank,
                    })
                })
                .collect();
            rails.push(Rail { id: r.id.clone(), title: r.title.clone(), kind: r.kind.clone(), items });
        }
        Ok(Home { hero, rails })
    }

    fn search(&self, req: &SearchRequest) -> SearchResults {
        let q = req.query.to_lowercase();
        let hits: Vec<_> = self
            .catalog
            .titles
            .iter()
            .filter(|t| {
                t.title.to_lowercase().contains(&q)
                    || t.genres.iter().any(|g| g.to_lowercase().contains(&q))
                    || t.synopsis.to_lowercase().contains(&q)
            })
            .collect();
        SearchResults { total: hits.len(), results: hits.into_iter().take(req.limit).map(|t| t.summary()).collect() }
    }

    /// The response body for a request, or the error message.
    fn serve(&self, topic: &str, body: Value) -> Result<Value, String> {
        let json = |v: Result<Value, serde_json::Error>| v.map_err(|e| e.to_string());
        match topic {
            "catalog.home" => {
                let _: HomeRequest = decode(topic, body).map_err(|e| e.to_string())?;
                json(serde_json::to_value(self.home()?))
            }
            "catalog.title" => {
                let req: TitleRequest = decode(topic, body).map_err(|e| e.to_string())?;
                json(serde_json::to_value(self.title(&req.id)?))
            }
            "catalog.search" => {
                let req: SearchRequest = decode(topic, body).map_err(|e| e.to_string())?;
                json(serde_json::to_value(self.search(&req)))
            }
            "catalog.profiles" => json(serde_json::to_value(&self.catalog.profiles)),
            other => Err(format!("the simulated host does not serve `{other}`")),
        }
    }

    /// Continue watching as the host keeps it: the title moves to the front with its new
    /// episode and progress.
    fn watched(&mut self, point: ResumePoint) {
        let Some(rail) = self.catalog.home.rails.iter_mut().find(|r| r.kind == "continue") else { return };
        rail.items.retain(|i| i.id != point.id);
        let episode = point.episode_label();
        rail.items.insert(0, RailItemFile { id: point.id, progress: Some(point.progress), episode, rank: None });
    }

    fn schedule(&mut self, at: Duration, env: Envelope) {
        self.seq += 1;
        self.due.push((at, self.seq, env));
    }
}

impl Host for SimHost {
    fn receive(&mut self, now: Duration, envelope: Envelope) {
        match envelope {
            Envelope::Request { topic, .. } if topic == "sim.silent" => {}
            Envelope::Request { id, topic, body } => {
                let at = now + self.delay();
                self.served += 1;
                let reply = if self.draw() < f64::from(self.settings.failure_rate) {
                    self.failed += 1;
                    let pct = (self.settings.failure_rate * 100.0).round();
                    Envelope::Error { id, message: format!("Network error (simulated: {pct}% of requests fail)") }
                } else {
                    match self.serve(&topic, body) {
                        Ok(body) => Envelope::Response { id, body },
                        Err(message) => Envelope::Error { id, message },
                    }
                };
                self.schedule(at, reply);
            }
            Envelope::Message { topic, body } if topic == "app.ready" => {
                let Ok(ready) = decode::<AppReady>(&topic, body) else { return };
                let name = self
                    .catalog
                    .profiles
                    .iter()
                    .find(|p| p.id == ready.profile)
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| "there".to_owned());
                let at = now + self.delay();
                if let Ok(env) = Envelope::message(&Banner { text: format!("Welcome back, {name}"), greet: Some(name) })
                {
                    self.schedule(at, env);
                }
            }
            Envelope::Message { topic, body } if topic == "watch.progress" => {
                let Ok(w) = decode::<WatchProgress>(&topic, body) else { return };
                self.watched(w.point);
            }
            Envelope::Message { topic, body } if topic == "mylist" => {
                let Ok(list) = decode::<MyList>(&topic, body) else { return };
                self.my_list = list.ids;
                let at = now + self.delay();
                if let Ok(env) = Envelope::message(&MyList { ids: self.my_list.clone() }) {
                    self.schedule(at, env);
                }
            }
            _ => {}
        }
    }

    fn poll(&mut self, now: Duration) -> Vec<Envelope> {
        let mut ready: Vec<_> = Vec::new();
        let mut i = 0;
        while i < self.due.len() {
            if self.due[i].0 <= now {
                ready.push(self.due.swap_remove(i));
            } else {
                i += 1;
            }
        }
        ready.sort_by_key(|(at, seq, _)| (*at, *seq));
        ready.into_iter().map(|(_, _, e)| e).collect()
    }

    fn next_deadline(&self) -> Option<Duration> {
        self.due.iter().map(|d| d.0).min()
    }

    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        Some(self)
    }

    fn network_sim(&mut self) -> Option<&mut dyn NetworkSim> {
        Some(self)
    }
}

impl NetworkSim for SimHost {
    fn latency(&self) -> Duration {
        self.settings.latency
    }

    fn set_latency(&mut self, latency: Duration) {
        self.settings.latency = latency;
    }

    fn jitter(&self) -> Duration {
        self.settings.jitter()
    }

    fn failure_rate(&self) -> f32 {
        self.settings.failure_rate
    }

    fn set_failure_rate(&mut self, rate: f32) {
        self.settings.failure_rate = rate;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;
    use tenfoot_toolkit::tasks::BusError;
    use tenfoot_toolkit::App;

    fn host(settings: SimSettings) -> SimHost {
        SimHost::bundled(settings).unwrap()
    }

    fn ms(v: u64) -> Duration {
        Duration::from_millis(v)
    }

    #[test]
    fn serves_the_bundled_catalog() {
        let h = host(SimSettings::default());
        assert!(h.title_ids().len() >= 150);
        let home = h.home().unwrap();
        assert_eq!(home.rails[0].kind, "continue");
        assert!(home.rails[0].items.iter().all(|i| i.progress.is_some()));
        assert_eq!(home.rails[1].items.iter().filter_map(|i| i.rank).collect::<Vec<_>>(), (1..=10).collect::<Vec<_>>());
        assert!(home.rails.len() >= 8);
        let r = h.search(&SearchRequest { query: "comet".into(), limit: 5 });
        assert!(r.total > 0 && r.results.len() <= 5);
        assert!(h.serve("catalog.title", serde_json::json!({"id": "nope"})).unwrap_err().contains("no title"));
    }

    #[test]
    fn latency_jitter_and_failures_are_deterministic() {
        let run = || {
            let mut h = host(SimSettings { latency: ms(800), failure_rate: 0.5, ..SimSettings::default() });
            for id in 1..=20 {
                h.receive(ms(0), Envelope::Request { id, topic: "catalog.profiles".into(), body: Value::Null });
            }
            let mut out = Vec::new();
            for t in (0..=1000).step_by(10) {
                out.extend(h.poll(ms(t)).into_iter().map(|e| (t, e)));
            }
            out
        };
        let a = run();
        assert_eq!(a, run());
        assert_eq!(a.len(), 20);
        assert!(a.iter().all(|(t, _)| (600..=1000).contains(t)), "within 800 ms \u{b1} 200 ms");
        let failures = a.iter().filter(|(_, e)| matches!(e, Envelope::Error { .. })).count();
        assert!((4..=16).contains(&failures), "{failures} of 20 failed at rate 0.5");
    }

    #[test]
    fn an_app_gets_typed_answers_through_the_bus() {
        let mut app = App::headless();
        app.set_host(host(SimSettings { latency: ms(400), jitter: Some(Duration::ZERO), ..SimSettings::default() }));
        let got: Rc<RefCell<Vec<String>>> = Rc::default();
        let g = got.clone();
        app.spawn_with(move |cx| async move {
            let t = cx.request(TitleRequest { id: "t001".into() }).await.map(|t| t.title);
            g.borrow_mut().push(format!("{t:?} @{}", cx.now().as_millis()));
            let silent = cx.request(SilentRequest).timeout(ms(1000)).await;
            g.borrow_mut().push(format!("{:?} @{}", silent.err(), cx.now().as_millis()));
        });
        let banner: Rc<RefCell<Option<String>>> = Rc::default();
        let b = banner.clone();
        app.on_message(move |_: &mut App, m: Banner| *b.borrow_mut() = Some(m.text));
        app.send(AppReady { profile: "p2".into() });
        let mut t = 0;
        while t <= 1500 {
            app.frame(ms(t), &[]);
            t += 16;
        }
        let got = got.borrow();
        assert!(got[0].starts_with("Ok(\"") && got[0].ends_with("@400"), "{got:?}");
        let timeout = BusError::Timeout { topic: "sim.silent".into(), after: ms(1000) };
        assert_eq!(got[1], format!("{:?} @1408", Some(timeout)));
        assert_eq!(banner.borrow().as_deref(), Some("Welcome back, Jonas"));
    }

    #[derive(serde::Serialize)]
    struct SilentRequest;

    impl tenfoot_toolkit::tasks::Request for SilentRequest {
        const TOPIC: &'static str = "sim.silent";
        type Response = ();
    }

    #[test]
    fn continue_watching_follows_what_the_app_reports() {
        let mut h = host(SimSettings::default());
        let point = ResumePoint { id: "t146".to_owned(), season: Some(2), episode: Some(3), progress: 0.25 };
        let env = Envelope::message(&WatchProgress { point }).unwrap();
        h.receive(ms(0), env);
        let home = h.home().unwrap();
        let first = &home.rails[0].items[0];
        assert_eq!(first.title.id, "t146", "the title moves to the front");
        assert_eq!((first.episode.as_deref(), first.progress), (Some("S2:E3"), Some(0.25)));
        assert_eq!(home.rails[0].items.iter().filter(|i| i.title.id == "t146").count(), 1);
    }

    #[test]
    fn toggles_reach_the_installed_host() {
        use tenfoot_testing::{apply_options, cycle_latency, toggle_failures, Options};
        let mut app = App::headless();
        assert_eq!(cycle_latency(&mut app), None);
        app.set_host(host(SimSettings::default()));
        assert_eq!(cycle_latency(&mut app).as_deref(), Some("simulated host latency 800 ms (\u{b1}200 ms)"));
        assert_eq!(toggle_failures(&mut app, None).as_deref(), Some("simulated host failure rate 30%"));
        assert_eq!(toggle_failures(&mut app, None).as_deref(), Some("simulated host failure rate 0%"));
        let o = Options { latency: Some(ms(5000)), failure_rate: Some(0.2), ..Options::default() };
        apply_options(&mut app, &o);
        let s = &app.host_mut::<SimHost>().unwrap().settings;
        assert_eq!((s.latency, s.failure_rate), (ms(5000), 0.2));
    }
}
