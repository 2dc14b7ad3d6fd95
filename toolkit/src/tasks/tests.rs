//! Virtual-time tests of the tasks phase: every time is a frame time the test chose.
#![expect(clippy::panic, reason = "the tests panic inside tasks on purpose, and on bad envelopes")]

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::*;
use crate::El;

fn ms(v: u64) -> Duration {
    Duration::from_millis(v)
}

/// Runs frames every 16 ms from `from` (exclusive) to `to` (inclusive); returns all errors.
fn run(app: &mut App, from: u64, to: u64) -> Vec<String> {
    let mut errors = Vec::new();
    let mut t = from;
    while t < to {
        t = (t + 16).min(to);
        errors.extend(app.frame(ms(t), &[]).errors.iter().map(ToString::to_string));
    }
    errors
}

fn text_of(app: &App, e: Entity) -> String {
    app.world().get::<&crate::TextContent>(e).map(|t| t.text.clone()).unwrap_or_default()
}

#[test]
fn sleep_then_update_changes_the_app_on_time() {
    let mut app = App::headless();
    let label = app.mount(app.root(), El::new().text("Loading"));
    app.spawn_with(move |cx| async move {
        cx.sleep(ms(500)).await;
        cx.update(move |app| app.set_text(label, "Ready"));
    });
    app.frame(ms(0), &[]);
    assert_eq!(app.next_wakeup(), Some(ms(500)));
    run(&mut app, 0, 496);
    assert_eq!(text_of(&app, label), "Loading");
    let painted = app.frame(ms(500), &[]).painted();
    assert_eq!(text_of(&app, label), "Ready");
    assert!(painted, "the update repaints in the same frame");
    assert_eq!((app.task_count(), app.timer_count()), (0, 0));
    assert_eq!(app.next_wakeup(), None);
}

#[test]
fn idle_frames_with_a_sleeping_task_do_no_paint() {
    let mut app = App::headless();
    app.spawn(async {
        sleep(ms(1000)).await;
    });
    app.frame(ms(0), &[]);
    let f = app.frame(ms(16), &[]);
    assert!(f.display_list.is_none());
    assert_eq!(app.task_polls_last_frame(), 0, "a sleeping task is not polled");
}

#[test]
fn interval_ticks_on_period_boundaries_and_skips_missed_ticks() {
    let mut app = App::headless();
    let ticks = Rc::new(RefCell::new(Vec::new()));
    let t = ticks.clone();
    app.spawn(async move {
        let mut iv = interval(ms(100));
        loop {
            let at = iv.tick().await;
            t.borrow_mut().push(at.as_millis() as u64);
        }
    });
    app.frame(ms(0), &[]);
    run(&mut app, 0, 1000);
    assert_eq!(*ticks.borrow(), vec![100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    // A late frame (the app was stalled for 450 ms) gives one tick, then back on the grid.
    app.frame(ms(1450), &[]);
    app.frame(ms(1500), &[]);
    assert_eq!(ticks.borrow()[10..], [1100, 1500]);
}

#[test]
fn owned_tasks_are_cancelled_on_despawn_without_leaks() {
    let mut app = App::headless();
    let panel = app.mount(app.root(), El::new().name("panel").child(El::new().name("inner")));
    let inner = app.find("inner").unwrap();
    let finished = Rc::new(Cell::new(false));
    let f = finished.clone();
    app.spawn_owned_with(inner, move |cx| async move {
        cx.sleep(ms(200)).await;
        f.set(true);
    });
    // A child task inherits the owner.
    app.spawn_owned_with(inner, |cx| async move {
        let cx2 = cx.clone();
        cx.spawn(async move {
            cx2.sleep(ms(5000)).await;
        });
    });
    app.frame(ms(0), &[]);
    app.frame(ms(16), &[]);
    assert_eq!(app.task_count(), 2);
    assert_eq!(app.tasks_owned_by(inner), 2);
    assert_eq!(app.timer_count(), 2);
    app.despawn(panel);
    assert_eq!((app.task_count(), app.timer_count()), (0, 0));
    run(&mut app, 16, 400);
    assert!(!finished.get());
}

#[test]
fn tasks_of_entities_despawned_through_the_world_are_swept() {
    let mut app = App::headless();
    let e = app.mount(app.root(), El::new());
    let cx = app.task_cx();
    app.spawn_owned(e, async move { cx.sleep(ms(1000)).await });
    app.frame(ms(0), &[]);
    let _ = app.world_mut().despawn(e);
    app.frame(ms(16), &[]);
    assert_eq!(app.task_count(), 0);
}

#[test]
fn updates_of_a_despawned_owner_are_skipped() {
    let mut app = App::headless();
    let e = app.mount(app.root(), El::new().text("a"));
    let ran = Rc::new(Cell::new(false));
    let r = ran.clone();
    app.spawn_owned_with(e, move |cx| async move {
        cx.update(move |app| app.despawn(e));
        cx.update(move |_| r.set(true));
    });
    app.frame(ms(0), &[]);
    assert!(!ran.get());
}

#[test]
fn a_panicking_task_is_isolated_and_reported() {
    let mut app = App::headless();
    let e = app.mount(app.root(), El::new().name("tile"));
    let label = app.mount(app.root(), El::new().text("before"));
    app.spawn_owned(e, async {
        sleep(ms(100)).await;
        panic!("poster service exploded");
    });
    app.spawn_with(move |cx| async move {
        cx.sleep(ms(200)).await;
        cx.update(move |app| app.set_text(label, "after"));
    });
    app.spawn_with(|cx| async move { cx.update(|_| panic!("bad update")) });
    let errors = run(&mut app, 0, 300);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors.iter().any(|e| e.contains("element `root/tile`") && e.contains("poster service exploded")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|e| e.contains("bad update")));
    assert_eq!(text_of(&app, label), "after", "the other task still finished");
    assert_eq!(app.task_count(), 0);
}

#[test]
fn the_budget_caps_polls_per_frame() {
    let mut app = App::headless();
    app.set_task_budget(10);
    let polls = Rc::new(Cell::new(0));
    for _ in 0..3 {
        let p = polls.clone();
        app.spawn(async move {
            for _ in 0..20 {
                p.set(p.get() + 1);
                YieldNow(false).await;
            }
        });
    }
    app.frame(ms(0), &[]);
    assert_eq!(app.task_polls_last_frame(), 10);
    assert_eq!(app.next_wakeup(), Some(ms(0)), "left-over ready tasks ask for a frame now");
    run(&mut app, 0, 200);
    assert_eq!(polls.get(), 60);
    assert_eq!(app.task_count(), 0);
}

/// Ready on its second poll, waking itself on the first (a same-frame yield).
struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.0 {
            return std::task::Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        std::task::Poll::Pending
    }
}

#[test]
fn next_frame_resumes_in_the_following_phase() {
    let mut app = App::headless();
    let steps = Rc::new(Cell::new(0));
    let s = steps.clone();
    app.spawn(async move {
        for _ in 0..3 {
            s.set(s.get() + 1);
            next_frame().await;
        }
    });
    app.frame(ms(0), &[]);
    assert_eq!(steps.get(), 1);
    app.frame(ms(16), &[]);
    assert_eq!(steps.get(), 2);
    app.frame(ms(32), &[]);
    app.frame(ms(48), &[]);
    assert_eq!((steps.get(), app.task_count()), (3, 0));
}

// --- the host bus ------------------------------------------------------------------------

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct TitleRequest {
    id: String,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Title {
    id: String,
    name: String,
}

impl Request for TitleRequest {
    const TOPIC: &'static str = "catalog.title";
    type Response = Title;
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Played {
    id: String,
}

impl Message for Played {
    const TOPIC: &'static str = "player.played";
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Banner {
    text: String,
}

impl Message for Banner {
    const TOPIC: &'static str = "host.banner";
}

/// A host answering `catalog.title` after `latency`; ids starting with "bad" fail, "slow"
/// never answer. Records everything it receives.
#[derive(Clone, Default)]
struct TestHost {
    latency: Duration,
    due: Rc<RefCell<VecDeque<(Duration, Envelope)>>>,
    seen: Rc<RefCell<Vec<Envelope>>>,
}

impl Host for TestHost {
    fn receive(&mut self, now: Duration, envelope: Envelope) {
        self.seen.borrow_mut().push(envelope.clone());
        if let Envelope::Request { id, body, .. } = envelope {
            let req: TitleRequest = decode("test", body).unwrap();
            let reply = if req.id.starts_with("bad") {
                Envelope::Error { id, message: format!("no title {}", req.id) }
            } else if req.id.starts_with("slow") {
                return;
            } else {
                Envelope::response(id, &Title { name: format!("Title {}", req.id), id: req.id }).unwrap()
            };
            self.due.borrow_mut().push_back((now + self.latency, reply));
        }
    }

    fn poll(&mut self, now: Duration) -> Vec<Envelope> {
        let mut out = Vec::new();
        let mut due = self.due.borrow_mut();
        while due.front().is_some_and(|(at, _)| *at <= now) {
            out.extend(due.pop_front().map(|(_, e)| e));
        }
        out
    }

    fn next_deadline(&self) -> Option<Duration> {
        self.due.borrow().front().map(|(at, _)| *at)
    }
}

type Outcome = Rc<RefCell<Option<(Duration, Result<Title, BusError>)>>>;

fn request_title(app: &mut App, id: &str, timeout: Option<Duration>) -> Outcome {
    let out: Outcome = Rc::default();
    let o = out.clone();
    let id = id.to_owned();
    app.spawn_with(move |cx| async move {
        let mut req = cx.request(TitleRequest { id });
        if let Some(t) = timeout {
            req = req.timeout(t);
        }
        let r = req.await;
        *o.borrow_mut() = Some((cx.now(), r));
    });
    out
}

#[test]
fn request_resolves_with_the_typed_response_after_the_hosts_latency() {
    let mut app = App::headless();
    let host = TestHost { latency: ms(300), ..TestHost::default() };
    let seen = host.seen.clone();
    app.set_host(host);
    let out = request_title(&mut app, "t042", None);
    app.frame(ms(0), &[]);
    assert_eq!(seen.borrow().len(), 1, "the request reaches the host in the frame it was made");
    assert_eq!(seen.borrow()[0].to_json(), r#"{"type":"request","id":1,"topic":"catalog.title","body":{"id":"t042"}}"#);
    assert_eq!(app.next_wakeup(), Some(ms(300)));
    run(&mut app, 0, 288);
    assert!(out.borrow().is_none());
    run(&mut app, 288, 304);
    let got = out.borrow_mut().take();
    assert_eq!(got, Some((ms(304), Ok(Title { id: "t042".into(), name: "Title t042".into() }))));
    assert_eq!(app.pending_requests(), 0);
}

#[test]
fn host_errors_and_timeouts_reach_the_caller() {
    let mut app = App::headless();
    app.set_host(TestHost { latency: ms(100), ..TestHost::default() });
    let bad = request_title(&mut app, "bad-1", None);
    let slow = request_title(&mut app, "slow-1", Some(ms(2000)));
    app.frame(ms(0), &[]);
    run(&mut app, 0, 200);
    let (_, r) = bad.borrow_mut().take().unwrap();
    assert_eq!(r, Err(BusError::Host { topic: "catalog.title".into(), message: "no title bad-1".into() }));
    run(&mut app, 200, 1984);
    assert!(slow.borrow().is_none());
    run(&mut app, 1984, 2000);
    let (at, r) = slow.borrow_mut().take().unwrap();
    assert_eq!(at, ms(2000));
    assert_eq!(r, Err(BusError::Timeout { topic: "catalog.title".into(), after: ms(2000) }));
    assert_eq!(r.unwrap_err().to_string(), "`catalog.title` timed out after 2000 ms");
    assert_eq!((app.pending_requests(), app.task_count()), (0, 0));
}

#[test]
fn a_late_response_after_a_timeout_is_ignored() {
    let mut app = App::headless();
    app.set_host(TestHost { latency: ms(500), ..TestHost::default() });
    let out = request_title(&mut app, "t1", Some(ms(200)));
    app.frame(ms(0), &[]);
    run(&mut app, 0, 800);
    let (at, r) = out.borrow_mut().take().unwrap();
    assert_eq!(at, ms(208));
    assert!(matches!(r, Err(BusError::Timeout { .. })));
    assert_eq!(app.tasks.rt.with(|s| s.bus.late), 1);
}

#[test]
fn dropping_a_request_forgets_it() {
    let mut app = App::headless();
    app.set_host(TestHost { latency: ms(500), ..TestHost::default() });
    let e = app.mount(app.root(), El::new());
    app.spawn_owned_with(e, |cx| async move {
        let _ = cx.request(TitleRequest { id: "t1".into() }).await;
    });
    app.frame(ms(0), &[]);
    assert_eq!(app.pending_requests(), 1);
    app.despawn(e);
    assert_eq!(app.pending_requests(), 0);
}

#[test]
fn messages_flow_both_ways() {
    let mut app = App::headless();
    let host = TestHost::default();
    let seen = host.seen.clone();
    app.set_host(host);
    app.send(Played { id: "t7".into() });
    let label = app.mount(app.root(), El::new().text(""));
    app.on_message(move |app: &mut App, b: Banner| app.set_text(label, b.text));
    app.frame(ms(0), &[]);
    assert_eq!(seen.borrow()[0].to_json(), r#"{"type":"message","topic":"player.played","body":{"id":"t7"}}"#);
    app.deliver_from_host(
        Envelope::from_json(r#"{"type":"message","topic":"host.banner","body":{"text":"Hi"}}"#).unwrap(),
    );
    app.deliver_from_host(Envelope::from_json(r#"{"type":"message","topic":"host.banner","body":{"txt":1}}"#).unwrap());
    app.deliver_from_host(Envelope::Message { topic: "nobody.listens".into(), body: Value::Null });
    let errors = app.frame(ms(16), &[]).errors;
    assert_eq!(text_of(&app, label), "Hi");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("`host.banner`: unexpected response"), "{errors:?}");
    assert!(errors[1].contains("`nobody.listens` has no handler"), "{errors:?}");
}

#[test]
fn a_host_without_the_trait_pumps_the_queues_itself() {
    let mut app = App::headless();
    let out = request_title(&mut app, "t9", None);
    app.frame(ms(0), &[]);
    let sent = app.take_host_outbox();
    let Some(Envelope::Request { id, .. }) = sent.first() else { panic!("{sent:?}") };
    app.deliver_from_host(Envelope::response(*id, &Title { id: "t9".into(), name: "Nine".into() }).unwrap());
    app.frame(ms(16), &[]);
    assert_eq!(out.borrow().as_ref().map(|(_, r)| r.clone()), Some(Ok(Title { id: "t9".into(), name: "Nine".into() })));
}

// --- blocking work and images --------------------------------------------------------------

/// An offload pool the test runs by hand (standing in for a worker thread).
#[derive(Clone, Default)]
struct ManualPool(Rc<RefCell<Vec<Job>>>);

type Job = Box<dyn FnOnce() + Send>;

impl Offload for ManualPool {
    fn run(&self, job: Box<dyn FnOnce() + Send + 'static>) {
        self.0.borrow_mut().push(job);
    }
}

#[test]
fn blocking_work_runs_on_the_pool_and_wakes_its_task() {
    let mut app = App::headless();
    let pool = ManualPool::default();
    app.set_offload(pool.clone());
    let got = Rc::new(Cell::new(0));
    let g = got.clone();
    app.spawn_with(move |cx| async move {
        g.set(cx.blocking(|| 6 * 7).await);
    });
    app.frame(ms(0), &[]);
    assert_eq!((pool.0.borrow().len(), got.get()), (1, 0));
    assert_eq!(app.next_wakeup(), None, "nothing to do until the pool answers");
    for job in pool.0.borrow_mut().drain(..) {
        job();
    }
    assert_eq!(app.next_wakeup(), Some(ms(0)), "the pool's wake makes the task ready");
    app.frame(ms(16), &[]);
    assert_eq!(got.get(), 42);
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let pixmap = tenfoot_cpu::Pixmap::new(w, h).unwrap();
    tenfoot_cpu::encode_png_fast(&pixmap).unwrap()
}

/// An app over `assets` that decodes images with the CPU backend's codec.
fn app_over(assets: tenfoot_renderer::MemoryAssets) -> App {
    let resources = tenfoot_renderer::Resources::new(tenfoot_renderer::EmbeddedAssets::over(assets)).unwrap();
    App::new(resources.with_decoder(tenfoot_cpu::ImageCodec))
}

#[test]
fn images_decode_off_the_paint_path_one_per_frame_without_a_pool() {
    let assets = tenfoot_renderer::MemoryAssets::new()
        .with("a.png", png(4, 6))
        .with("b.png", png(2, 2))
        .with("c.png", b"junk".to_vec());
    let mut app = app_over(assets);
    let results = Rc::new(RefCell::new(Vec::new()));
    for src in ["a.png", "b.png", "c.png", "missing.png"] {
        let r = results.clone();
        app.spawn_with(move |cx| async move {
            let size = cx.load_image(src).await.map_err(|e| e.to_string());
            r.borrow_mut().push((src, cx.now().as_millis(), size));
        });
    }
    run(&mut app, 0, 100);
    let r = results.borrow();
    assert_eq!(r.len(), 4);
    assert!(r.contains(&("a.png", 32, Ok((4, 6)))), "{r:?}");
    assert!(r.contains(&("b.png", 48, Ok((2, 2)))), "one decode per frame: {r:?}");
    assert!(r.iter().any(|(s, _, e)| *s == "missing.png" && e.as_ref().is_err_and(|e| e.contains("not found"))));
    assert!(r.iter().any(|(s, _, e)| *s == "c.png" && e.is_err()));
    let store = &app.resources().images;
    assert_eq!(store.decoded_result("a.png"), Some(Ok((4, 6))), "pixels are in the store before paint");
}

#[test]
fn images_decode_on_the_pool_when_there_is_one() {
    let assets = tenfoot_renderer::MemoryAssets::new().with("a.png", png(3, 5));
    let mut app = app_over(assets);
    let pool = ManualPool::default();
    app.set_offload(pool.clone());
    let done = Rc::new(Cell::new(None));
    let d = done.clone();
    app.spawn_with(move |cx| async move { d.set(cx.load_image("a.png").await.ok()) });
    app.frame(ms(0), &[]);
    app.frame(ms(16), &[]);
    assert_eq!((pool.0.borrow().len(), done.get()), (1, None));
    for job in pool.0.borrow_mut().drain(..) {
        job();
    }
    app.frame(ms(32), &[]);
    assert_eq!(done.get(), Some((3, 5)));
    assert_eq!(app.resources().images.decoded_result("a.png"), Some(Ok((3, 5))));
}

#[test]
fn mount_hooks_run_once_in_the_next_tasks_phase() {
    let mut app = App::headless();
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let c = count.clone();
    app.mount(
        app.root(),
        El::new().name("x").with(OnMount::new(move |app: &mut App, e| {
            c.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            assert_eq!(app.find("x"), Some(e));
        })),
    );
    assert_eq!(app.next_wakeup(), Some(ms(0)));
    app.frame(ms(0), &[]);
    app.frame(ms(16), &[]);
    assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[test]
fn a_message_handler_that_keeps_panicking_is_removed() {
    let mut app = App::headless();
    app.on_message(|_: &mut App, b: Banner| panic!("banner handler: {}", b.text));
    let mut errors = Vec::new();
    for i in 0..5 {
        app.deliver_from_host(Envelope::message(&Banner { text: format!("#{i}") }).unwrap());
        errors.extend(app.frame(ms(16 * (i + 1)), &[]).errors);
    }
    assert!(errors[0].contains("handler of `host.banner` panicked: banner handler: #0"), "{errors:?}");
    assert!(errors[2].contains("removed after 3 panics"), "{errors:?}");
    assert!(errors[3].contains("`host.banner` has no handler"), "{errors:?}");
    assert_eq!(errors.len(), 5, "{errors:?}");
}

/// The display list of a bare app showing `text` in the label tests below build.
fn list_showing(text: &str) -> tenfoot_renderer::DisplayList {
    let mut app = App::headless();
    app.set_root(El::new().child(El::new().name("label").text(text)));
    app.display_list().clone()
}

#[test]
fn a_signal_a_task_writes_is_on_screen_in_the_same_frame() {
    let mut app = App::headless();
    let status = app.signal(String::from("Loading"));
    app.set_root(El::new().child(El::new().name("label").text("").bind_text(move |app| status.get(app))));
    app.spawn_with(move |cx| async move {
        cx.sleep(ms(100)).await;
        cx.update(move |app| status.set(app, "Ready".to_owned()));
    });
    // Whichever frame the task writes the signal in (its tasks phase), the effect bound to it
    // runs in the flush after animation, so that very frame paints "Ready".
    let mut t = 0;
    loop {
        t += 16;
        assert!(t < 400, "the task never wrote its signal");
        let list = app.frame(ms(t), &[]).display_list.cloned();
        if status.get(&app) == "Ready" {
            assert_eq!(list, Some(list_showing("Ready")), "painted in the frame of the write ({t} ms)");
            break;
        }
    }
    assert!(t >= 100);
}

#[test]
fn a_signal_a_host_message_writes_is_on_screen_in_the_same_frame() {
    let mut app = App::headless();
    let banner = app.signal(String::new());
    app.set_root(El::new().child(El::new().name("label").text("").bind_text(move |app| banner.get(app))));
    app.on_message(move |app: &mut App, b: Banner| banner.set(app, b.text));
    let host = TestHost::default();
    let hello = Envelope::message(&Banner { text: "Hello".into() }).unwrap();
    host.due.borrow_mut().push_back((ms(50), hello));
    app.set_host(host);
    assert!(run(&mut app, 0, 48).is_empty());
    let list = app.frame(ms(50), &[]).display_list.cloned();
    assert_eq!(list, Some(list_showing("Hello")));
}

#[test]
fn a_signal_written_between_frames_wakes_a_sleeping_host() {
    let mut app = App::headless();
    let n = app.signal(0);
    app.set_root(El::new().child(El::new().text("").bind_text(move |app| n.get(app).to_string())));
    run(&mut app, 0, 32);
    assert_eq!(app.next_wakeup(), None, "idle: nothing scheduled");
    // A host callback (a device's own event, a test) writes a signal outside any frame: its
    // effect waits, so the host must be told to run a frame now.
    n.set(&mut app, 5);
    assert_eq!(app.next_wakeup(), Some(ms(32)));
    assert!(app.frame(ms(40), &[]).painted());
    assert_eq!(app.next_wakeup(), None);
}

#[test]
fn a_key_frame_lays_out_once() {
    let mut app = App::headless();
    let row = El::new()
        .direction(crate::Direction::Row)
        .child(El::new().name("a").size(100.0, 100.0).focusable().on_select(|ctx| {
            let a = ctx.target();
            ctx.update_style(a, |s| s.width = crate::Length::Px(300.0));
        }))
        .child(El::new().name("b").size(100.0, 100.0).focusable());
    app.set_root(row);
    run(&mut app, 0, 32);
    // Select grows `a` (a style change in the focus phase); Right then navigates over the new
    // geometry. One layout pass serves both and the layout and paint phases.
    let keys = [
        crate::KeyEvent::press(crate::RemoteKey::Select),
        crate::KeyEvent::release(crate::RemoteKey::Select),
        crate::KeyEvent::press(crate::RemoteKey::Right),
    ];
    let _ = app.frame(ms(48), &keys);
    assert_eq!(app.layout_runs(), 1);
    assert_eq!(app.focus_path().as_deref(), Some("root/#0/b"));
    assert_eq!(app.rect(app.find("a").unwrap()).map(|r| r.width), Some(300.0));
    let _ = app.frame(ms(64), &[]);
    assert_eq!(app.layout_runs(), 0, "an idle frame does not lay out");
}

#[derive(Deserialize)]
struct Volume {
    delta: i32,
}

impl HostRequest for Volume {
    const TOPIC: &'static str = "app.volume";
    type Response = i32;
}

#[test]
fn host_requests_are_answered_by_the_app_and_a_panicking_handler_answers_an_error() {
    let mut app = App::headless();
    let level = Rc::new(Cell::new(5));
    let l = level.clone();
    app.on_request(move |_: &mut App, v: Volume| {
        if v.delta == 99 {
            panic!("volume knob fell off");
        }
        let n = l.get() + v.delta;
        if !(0..=10).contains(&n) {
            return Err(format!("volume {n} is out of range"));
        }
        l.set(n);
        Ok(n)
    });
    let req = |id: u64, topic: &str, body: Value| Envelope::Request { id, topic: topic.into(), body };
    app.deliver_from_host(req(1, "app.volume", serde_json::json!({"delta": 2})));
    app.deliver_from_host(req(2, "app.volume", serde_json::json!({"delta": 20})));
    app.deliver_from_host(req(3, "app.volume", serde_json::json!({"wrong": 1})));
    app.deliver_from_host(req(4, "app.unknown", Value::Null));
    app.deliver_from_host(req(5, "app.volume", serde_json::json!({"delta": 99})));
    app.deliver_from_host(req(6, "app.volume", serde_json::json!({"delta": -1})));
    let errors: Vec<String> = app.frame(ms(0), &[]).errors.iter().map(ToString::to_string).collect();
    let out = app.take_host_outbox();
    assert_eq!(out[0], Envelope::Response { id: 1, body: serde_json::json!(7) });
    assert_eq!(out[1], Envelope::Error { id: 2, message: "volume 27 is out of range".into() });
    assert!(matches!(&out[2], Envelope::Error { id: 3, message } if message.contains("`app.volume`")), "{out:?}");
    assert_eq!(out[3], Envelope::Error { id: 4, message: "the app serves no request `app.unknown`".into() });
    assert!(matches!(&out[4], Envelope::Error { id: 5, message } if message.contains("volume knob fell off")));
    // The handler survives its panic.
    assert_eq!(out[5], Envelope::Response { id: 6, body: serde_json::json!(6) });
    assert_eq!(level.get(), 6);
    assert!(errors.iter().any(|e| e.contains("volume knob fell off")), "{errors:?}");
}
