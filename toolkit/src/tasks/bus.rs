//! The host bus: typed messages both ways between the app and its host, as JSON envelopes.
//!
//! App to host: one-way [`Message`]s and [`Request`]s that expect one response, matched by id and
//! failed with [`BusError::Timeout`] when no response arrives within a timeout of frame time.
//! Host to app: responses, errors, and messages delivered to handlers registered with
//! `App::on_message`. Everything is queued and moves only in the tasks phase. The host side is
//! the [`Host`] trait (installed with `App::set_host`) or the pair of queues
//! `App::take_host_outbox` / `App::deliver_from_host` for hosts that pump it themselves.
//! The wire format is in `docs/host-bus.md`. Owns: the queues and pending requests. Must not
//! touch: threads, files, sockets: carrying envelopes anywhere is the host's job.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::cx::Rt;

/// A one-way message type, app to host or host to app. `TOPIC` names it on the wire.
pub trait Message: Serialize + DeserializeOwned + 'static {
    const TOPIC: &'static str;
}

/// A request type (app to host) and the type of its response.
pub trait Request: Serialize + 'static {
    const TOPIC: &'static str;
    type Response: DeserializeOwned + 'static;
}

/// A request the host makes of the app (host to app), answered with `Response` or an error
/// message. The app serves it with `App::on_request`. Ids of these requests are the host's
/// own, a separate space from the ids of the app's requests.
pub trait HostRequest: DeserializeOwned + 'static {
    const TOPIC: &'static str;
    type Response: Serialize + 'static;
}

/// One message on the wire. JSON: `{"type": "request", "id": 7, "topic": "catalog.title",
/// "body": {...}}`; see `docs/host-bus.md`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Envelope {
    /// A one-way message, either direction.
    Message { topic: String, body: Value },
    /// Either direction: answer with a `Response` or an `Error` carrying the same id.
    Request { id: u64, topic: String, body: Value },
    /// The answer to request `id` (of the other side).
    Response { id: u64, body: Value },
    /// Request `id` (of the other side) failed; the app shows `message` to the user in error states.
    Error { id: u64, message: String },
}

impl Envelope {
    pub fn to_json(&self) -> String {
        // Serializing a `Value` tree with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<Envelope, BusError> {
        serde_json::from_str(text).map_err(|e| BusError::Decode { topic: "envelope".to_owned(), reason: e.to_string() })
    }

    /// A typed message envelope.
    pub fn message<M: Message>(message: &M) -> Result<Envelope, BusError> {
        Ok(Envelope::Message { topic: M::TOPIC.to_owned(), body: encode(M::TOPIC, message)? })
    }

    /// A response to request `id` with a typed body.
    pub fn response<T: Serialize>(id: u64, body: &T) -> Result<Envelope, BusError> {
        Ok(Envelope::Response { id, body: encode("response", body)? })
    }
}

fn encode<T: Serialize>(topic: &str, value: &T) -> Result<Value, BusError> {
    serde_json::to_value(value).map_err(|e| BusError::Encode { topic: topic.to_owned(), reason: e.to_string() })
}

/// Decodes a JSON body into `T`, naming the topic in the error.
pub fn decode<T: DeserializeOwned>(topic: &str, body: Value) -> Result<T, BusError> {
    serde_json::from_value(body).map_err(|e| BusError::Decode { topic: topic.to_owned(), reason: e.to_string() })
}

/// Why a request failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BusError {
    /// No response within `after` of frame time.
    Timeout { topic: String, after: Duration },
    /// The host answered with an error.
    Host { topic: String, message: String },
    /// The body could not be turned into the expected type.
    Decode { topic: String, reason: String },
    /// The request could not be turned into JSON.
    Encode { topic: String, reason: String },
}

impl fmt::Display for BusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BusError::Timeout { topic, after } => write!(f, "`{topic}` timed out after {} ms", after.as_millis()),
            BusError::Host { topic, message } => write!(f, "`{topic}` failed: {message}"),
            BusError::Decode { topic, reason } => write!(f, "`{topic}`: unexpected response: {reason}"),
            BusError::Encode { topic, reason } => write!(f, "`{topic}`: cannot encode: {reason}"),
        }
    }
}

impl std::error::Error for BusError {}

/// The host side of the bus. Called only from the tasks phase, on the frame's thread.
pub trait Host {
    /// Takes one envelope the app sent (messages and requests, in send order).
    fn receive(&mut self, now: Duration, envelope: Envelope);
    /// Envelopes for the app that are due by `now`.
    fn poll(&mut self, now: Duration) -> Vec<Envelope>;
    /// When something will next be due, so an idle app knows when to run its next frame.
    fn next_deadline(&self) -> Option<Duration> {
        None
    }
    /// The host as `Any`, so the code that installed it can reach it again through
    /// `App::host_mut`.
    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        None
    }
    /// The network conditions this host imitates, if it is a simulation (the preview's
    /// `--latency`, `--failure-rate`, F5 and F6 reach it through this, without knowing its type).
    fn network_sim(&mut self) -> Option<&mut dyn NetworkSim> {
        None
    }
}

/// A host that imitates a network for development: its reply time and how often it fails.
pub trait NetworkSim {
    /// The typical time from request to answer.
    fn latency(&self) -> Duration;
    fn set_latency(&mut self, latency: Duration);
    /// How far an answer may come earlier or later than [`NetworkSim::latency`].
    fn jitter(&self) -> Duration;
    /// 0..=1: the share of requests answered with an error.
    fn failure_rate(&self) -> f32;
    fn set_failure_rate(&mut self, rate: f32);
}

struct Pending {
    topic: String,
    deadline: Duration,
    timeout: Duration,
    waker: Option<Waker>,
    result: Option<Result<Value, BusError>>,
}

/// The default time a request waits for its response.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Queues and pending requests, inside the runtime state.
pub(crate) struct BusState {
    next_id: u64,
    pub(crate) outbox: Vec<Envelope>,
    pub(crate) inbox: VecDeque<Envelope>,
    pending: HashMap<u64, Pending>,
    pub(crate) default_timeout: Duration,
    /// Responses that arrived for no pending request (timed out or dropped): counted, ignored.
    pub(crate) late: u64,
}

impl Default for BusState {
    fn default() -> Self {
        Self {
            next_id: 1,
            outbox: Vec::new(),
            inbox: VecDeque::new(),
            pending: HashMap::new(),
            default_timeout: DEFAULT_TIMEOUT,
            late: 0,
        }
    }
}

impl BusState {
    pub(crate) fn send<M: Message>(&mut self, message: M) {
        match Envelope::message(&message) {
            Ok(env) => self.outbox.push(env),
            // Only maps with non-string keys fail to encode; report on the wire as an error
            // message the host will log, rather than dropping silently.
            Err(e) => self
                .outbox
                .push(Envelope::Message { topic: "tenfoot.error".to_owned(), body: Value::String(e.to_string()) }),
        }
    }

    /// Resolves the request a response or error names; false when none waits for it.
    pub(crate) fn resolve(&mut self, id: u64, result: Result<Value, String>) -> bool {
        let Some(p) = self.pending.get_mut(&id) else {
            self.late += 1;
            return false;
        };
        if p.result.is_some() {
            self.late += 1;
            return false;
        }
        p.result = Some(result.map_err(|message| BusError::Host { topic: p.topic.clone(), message }));
        if let Some(w) = p.waker.take() {
            w.wake();
        }
        true
    }

    /// Fails every request whose deadline has passed.
    pub(crate) fn expire(&mut self, now: Duration) {
        for p in self.pending.values_mut() {
            if p.result.is_none() && now >= p.deadline {
                p.result = Some(Err(BusError::Timeout { topic: p.topic.clone(), after: p.timeout }));
                if let Some(w) = p.waker.take() {
                    w.wake();
                }
            }
        }
    }

    /// The earliest request deadline still open.
    pub(crate) fn next_deadline(&self) -> Option<Duration> {
        self.pending.values().filter(|p| p.result.is_none()).map(|p| p.deadline).min()
    }

    pub(crate) fn pending_len(&self) -> usize {
        self.pending.len()
    }
}

enum ReqState {
    Unsent(Result<Value, BusError>),
    Sent(u64),
    Done,
}

/// The future of a request: resolves with the typed response. Dropping it forgets the request
/// (a late response is then ignored).
#[must_use = "a request is sent when first polled"]
pub struct RequestFuture<R: Request> {
    rt: Rt,
    /// `R::TOPIC`, or the topic of a [`JsonRequest`].
    topic: String,
    state: ReqState,
    timeout: Option<Duration>,
    _marker: PhantomData<fn() -> R>,
}

impl<R: Request> RequestFuture<R> {
    pub(crate) fn new(rt: Rt, request: R) -> Self {
        RequestFuture {
            rt,
            topic: R::TOPIC.to_owned(),
            state: ReqState::Unsent(encode(R::TOPIC, &request)),
            timeout: None,
            _marker: PhantomData,
        }
    }

    /// Waits at most `d` of frame time for the response (instead of the bus default).
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = Some(d);
        self
    }
}

/// A request whose topic is chosen at run time (markup's `request` action): the body and the
/// answer are plain JSON. Made by [`super::TaskCx::request_json`].
#[derive(Debug, Serialize)]
pub struct JsonRequest(Value);

impl Request for JsonRequest {
    const TOPIC: &'static str = "json";
    type Response = Value;
}

impl RequestFuture<JsonRequest> {
    pub(crate) fn json(rt: Rt, topic: String, body: Value) -> Self {
        RequestFuture { rt, topic, state: ReqState::Unsent(Ok(body)), timeout: None, _marker: PhantomData }
    }
}

impl<R: Request> Future for RequestFuture<R> {
    type Output = Result<R::Response, BusError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let id = match std::mem::replace(&mut this.state, ReqState::Done) {
            ReqState::Done => {
                // Polled after completion: a well-behaved caller never does this.
                return Poll::Ready(Err(BusError::Decode {
                    topic: this.topic.clone(),
                    reason: "request polled after it resolved".to_owned(),
                }));
            }
            ReqState::Unsent(Err(e)) => return Poll::Ready(Err(e)),
            ReqState::Unsent(Ok(body)) => {
                let timeout = this.timeout;
                let topic = this.topic.clone();
                this.rt.with(|s| {
                    let bus = &mut s.bus;
                    let id = bus.next_id;
                    bus.next_id += 1;
                    let timeout = timeout.unwrap_or(bus.default_timeout);
                    bus.outbox.push(Envelope::Request { id, topic: topic.clone(), body });
                    bus.pending
                        .insert(id, Pending { topic, deadline: s.now + timeout, timeout, waker: None, result: None });
                    id
                })
            }
            ReqState::Sent(id) => id,
        };
        let result = this.rt.with(|s| match s.bus.pending.get_mut(&id) {
            Some(p) if p.result.is_some() => s.bus.pending.remove(&id).and_then(|p| p.result),
            Some(p) => {
                p.waker = Some(cx.waker().clone());
                None
            }
            None => Some(Err(BusError::Decode { topic: this.topic.clone(), reason: "request forgotten".to_owned() })),
        });
        match result {
            Some(r) => Poll::Ready(r.and_then(|body| decode::<R::Response>(&this.topic, body))),
            None => {
                this.state = ReqState::Sent(id);
                Poll::Pending
            }
        }
    }
}

impl<R: Request> Drop for RequestFuture<R> {
    fn drop(&mut self) {
        if let ReqState::Sent(id) = self.state {
            self.rt.with(|s| s.bus.pending.remove(&id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelopes_round_trip_as_documented_json() {
        let e = Envelope::Request { id: 7, topic: "catalog.title".into(), body: serde_json::json!({"id": "t042"}) };
        let json = e.to_json();
        assert_eq!(json, r#"{"type":"request","id":7,"topic":"catalog.title","body":{"id":"t042"}}"#);
        assert_eq!(Envelope::from_json(&json), Ok(e));
        let err = Envelope::from_json(r#"{"type":"error","id":3,"message":"offline"}"#);
        assert_eq!(err, Ok(Envelope::Error { id: 3, message: "offline".into() }));
        assert!(Envelope::from_json(r#"{"type":"shout"}"#).is_err());
    }
}
