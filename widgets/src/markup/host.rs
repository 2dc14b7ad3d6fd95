//! [`DataHost`]: the simulated host a markup app talks to in the preview and in tests. It
//! answers the `request` action from a copy of the screen's data, a frame after it was asked
//! (as a real host answers later, never inside the action).
//!
//! Topics:
//! - `data.search` with `list=KEY query=TEXT` (and optionally `limit=N`): the items of the
//!   data's list `KEY` whose text fields (or lists of texts) contain `TEXT`, ignoring case;
//!   an empty query gives every item. With `field=NAME` only that field is searched
//!   (`field=title`: a search page matching titles, not synopses).
//! - `data.get` with `key=KEY`: the data's value at `KEY`.
//!
//! Anything else is answered with an error naming the topics it serves.

use std::time::Duration;

use serde_json::Value;
use tenfoot_toolkit::tasks::{Envelope, Host};

/// Answers markup `request`s from a copy of the data (see the module docs).
#[derive(Debug, Default)]
pub struct DataHost {
    data: Value,
    due: Vec<Envelope>,
}

impl DataHost {
    pub fn new(data: Option<Value>) -> DataHost {
        DataHost { data: data.unwrap_or(Value::Null), due: Vec::new() }
    }

    fn field<'a>(body: &'a Value, name: &str) -> Result<&'a str, String> {
        body.get(name).and_then(Value::as_str).ok_or_else(|| format!("the request needs `{name}=...`"))
    }

    fn answer(&self, topic: &str, body: &Value) -> Result<Value, String> {
        match topic {
            "data.get" => {
                let key = Self::field(body, "key")?;
                self.data.get(key).cloned().ok_or_else(|| format!("the data has no `{key}`"))
            }
            "data.search" => {
                let key = Self::field(body, "list")?;
                let query = body.get("query").and_then(Value::as_str).unwrap_or("").to_lowercase();
                let limit = match body.get("limit").and_then(Value::as_str) {
                    Some(l) => l.parse::<usize>().map_err(|_| format!("`limit={l}` is not a whole number"))?,
                    None => usize::MAX,
                };
                let Some(items) = self.data.get(key).and_then(Value::as_array) else {
                    return Err(format!("the data has no list `{key}`"));
                };
                let field = body.get("field").and_then(Value::as_str);
                let hits = items
                    .iter()
                    .filter(|item| {
                        query.is_empty()
                            || match field {
                                Some(f) => item.get(f).is_some_and(|v| contains(v, &query)),
                                None => contains(item, &query),
                            }
                    })
                    .take(limit);
                Ok(Value::Array(hits.cloned().collect()))
            }
            other => Err(format!("the simulated host serves `data.search` and `data.get`, not `{other}`")),
        }
    }
}

/// Whether a text field of `item` (or a text in a list field) contains `query` (lower case).
fn contains(item: &Value, query: &str) -> bool {
    let text = |v: &Value| v.as_str().is_some_and(|s| s.to_lowercase().contains(query));
    match item {
        Value::Object(map) => map.values().any(|v| text(v) || v.as_array().is_some_and(|a| a.iter().any(text))),
        Value::Array(a) => a.iter().any(text),
        v => text(v),
    }
}

impl Host for DataHost {
    fn receive(&mut self, _now: Duration, envelope: Envelope) {
        if let Envelope::Request { id, topic, body } = envelope {
            let reply = match self.answer(&topic, &body) {
                Ok(body) => Envelope::Response { id, body },
                Err(message) => Envelope::Error { id, message },
            };
            self.due.push(reply);
        }
    }

    fn poll(&mut self, _now: Duration) -> Vec<Envelope> {
        std::mem::take(&mut self.due)
    }

    fn next_deadline(&self) -> Option<Duration> {
        // Waiting answers are due at once.
        (!self.due.is_empty()).then_some(Duration::ZERO)
    }

    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        Some(self)
    }
}
