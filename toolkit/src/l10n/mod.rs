//! Localisation: translations in Project Fluent, the app's locale, formatting in the viewer's
//! format, and the `pseudo` locale that makes truncation show.
//!
//! Owns [`Translations`] (Fluent bundles per language, fed from `.ftl` text the app embeds, so
//! a wasm build needs no file system), [`Locale`] (a BCP 47 tag plus the `pseudo` locale, and
//! its writing direction), the app-wide locale context ([`App::set_locale`]) and lookups
//! ([`tr`], the [`t!`](crate::t) macro). Lookups read the locale context, so text bound with
//! [`El::bind_text`](crate::El::bind_text) follows a run-time switch. Formatting helpers for
//! numbers, durations, dates and ratings are in [`mod@format`]. This module never touches layout:
//! the direction a locale implies reaches layout through [`App::set_locale`].
//!
//! Lookup order for `de-AT`: a `de-AT` bundle, then `de`, then the default language (`en`).
//! A key missing from the requested language is reported once per (locale, key) in
//! `Frame::errors` and falls back; a key missing everywhere shows as `⟦key⟧` in debug builds
//! and as nothing in release (raw ids are never shown to viewers).

pub mod format;
pub mod lint;
mod pseudo;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;
use std::rc::Rc;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

pub use pseudo::pseudolocalize;

use crate::{App, ErrorKind, FrameError};

/// The tag of the pseudo-locale: the default language's strings, 40 % longer, accented and
/// bracketed, so clipped and untranslated text shows.
pub const PSEUDO: &str = "pseudo";

/// The locales the sample app and `--locale` know by name (any BCP 47 tag is accepted).
pub const KNOWN_LOCALES: [&str; 7] = ["en", "de", "fr", "ar", "he", "ja", PSEUDO];

/// A bad locale tag or `.ftl` file: what and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct L10nError {
    pub message: String,
}

impl fmt::Display for L10nError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for L10nError {}

/// Languages written right to left (primary subtags).
const RTL_LANGUAGES: [&str; 9] = ["ar", "he", "fa", "ur", "yi", "ps", "dv", "ckb", "sd"];

/// The viewer's locale: a language tag (`de-AT`, `ar`) or [`PSEUDO`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locale {
    id: LanguageIdentifier,
    pseudo: bool,
}

impl Default for Locale {
    fn default() -> Self {
        Self { id: LanguageIdentifier::default(), pseudo: false }.with_language("en")
    }
}

impl Locale {
    /// Parses `de-AT`, `ar`, `ja_JP` or `pseudo`. Errors name the tag.
    pub fn parse(tag: &str) -> Result<Locale, L10nError> {
        let t = tag.trim();
        if t.eq_ignore_ascii_case(PSEUDO) {
            return Ok(Locale { id: lang_id("en"), pseudo: true });
        }
        let id: LanguageIdentifier = t.replace('_', "-").parse().map_err(|_| L10nError {
            message: format!("locale `{tag}` is not a language tag (try en, de-AT, ar, ja or pseudo)"),
        })?;
        if id.language.is_empty() {
            return Err(L10nError { message: format!("locale `{tag}` names no language (try en, de, ar)") });
        }
        Ok(Locale { id, pseudo: false })
    }

    fn with_language(mut self, lang: &str) -> Self {
        self.id = lang_id(lang);
        self
    }

    /// The tag, as `--locale` takes it (`pseudo` for the pseudo-locale).
    pub fn tag(&self) -> String {
        if self.pseudo {
            PSEUDO.to_owned()
        } else {
            self.id.to_string()
        }
    }

    /// The primary language subtag (`de` for `de-AT`; `en` for the pseudo-locale).
    pub fn language(&self) -> &str {
        self.id.language.as_str()
    }

    /// Whether this is the pseudo-locale.
    pub fn is_pseudo(&self) -> bool {
        self.pseudo
    }

    /// Whether the locale's script runs right to left, so screens mirror (Arabic, Hebrew...).
    pub fn is_rtl(&self) -> bool {
        match self.id.script.as_ref().map(|s| s.as_str()) {
            Some("Arab" | "Hebr" | "Thaa" | "Syrc" | "Nkoo" | "Adlm") => true,
            Some(_) => false,
            None => RTL_LANGUAGES.contains(&self.language()),
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.tag())
    }
}

fn lang_id(s: &str) -> LanguageIdentifier {
    s.parse().unwrap_or_default()
}

/// One language's messages.
struct Bundle {
    id: LanguageIdentifier,
    bundle: FluentBundle<FluentResource>,
    /// Its message ids (`msg`, `msg.attr`), sorted.
    ids: BTreeSet<String>,
}

/// An argument of a message: text or a number (numbers select plural forms).
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}
macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Self {
                Arg::Num(v as f64)
            }
        }
    )*};
}
num_arg!(i32, i64, u8, u16, u32, u64, usize, f32, f64);

/// Every language's Fluent messages, and what was looked up and not found.
///
/// Build it once (parsing `.ftl` text costs about a microsecond per message) and give it to
/// the app with [`App::set_translations`]. `add` keeps going on a syntax error: the messages
/// that parsed are kept and the error names the file, line and column.
pub struct Translations {
    default: LanguageIdentifier,
    bundles: Vec<Bundle>,
    /// The default language's messages with the pseudo transform.
    pseudo: FluentBundle<FluentResource>,
    missing: RefCell<BTreeSet<(String, String)>>,
}

impl fmt::Debug for Translations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let langs: Vec<String> = self.bundles.iter().map(|b| b.id.to_string()).collect();
        f.debug_struct("Translations").field("default", &self.default.to_string()).field("languages", &langs).finish()
    }
}

fn new_bundle(id: &LanguageIdentifier) -> FluentBundle<FluentResource> {
    let mut b = FluentBundle::new(vec![id.clone()]);
    // Unicode isolation marks around placeables would reach the shaper as characters; the
    // text engine runs the bidi algorithm over the whole string instead.
    b.set_use_isolating(false);
    b
}

impl Translations {
    /// No messages yet; `default` (`en`) is the language every lookup falls back to.
    pub fn new(default: &str) -> Self {
        let default = lang_id(default);
        let mut pseudo = new_bundle(&default);
        pseudo.set_transform(Some(pseudo::accent));
        Self { default, bundles: Vec::new(), pseudo, missing: RefCell::new(BTreeSet::new()) }
    }

    /// Adds the messages of one `.ftl` file (`file` names it in errors) to language `lang`.
    pub fn add(&mut self, lang: &str, file: &str, ftl: &str) -> Result<(), L10nError> {
        let id: LanguageIdentifier =
            lang.parse().map_err(|_| L10nError { message: format!("{file}: `{lang}` is not a language tag") })?;
        let mut errors = Vec::new();
        let parsed = |errors: &mut Vec<String>| match FluentResource::try_new(ftl.to_owned()) {
            Ok(r) => r,
            Err((r, errs)) => {
                for e in errs {
                    let (line, col) = line_col(ftl, e.pos.start);
                    errors.push(format!("{file}:{line}:{col}: {}", e.kind));
                }
                r
            }
        };
        let resource = parsed(&mut errors);
        let ids = message_ids(&resource);
        if id == self.default {
            let again = parsed(&mut Vec::new());
            if let Err(e) = self.pseudo.add_resource(again) {
                errors.extend(e.iter().map(|e| format!("{file}: {e}")));
            }
        }
        let idx = match self.bundles.iter().position(|b| b.id == id) {
            Some(i) => i,
            None => {
                self.bundles.push(Bundle { bundle: new_bundle(&id), id, ids: BTreeSet::new() });
                self.bundles.len() - 1
            }
        };
        self.bundles[idx].ids.extend(ids);
        if let Err(e) = self.bundles[idx].bundle.add_resource(resource) {
            errors.extend(e.iter().map(|e| format!("{file}: {e}")));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(L10nError { message: errors.join("\n") })
        }
    }

    /// The languages that have messages, in the order they were added.
    pub fn languages(&self) -> Vec<String> {
        self.bundles.iter().map(|b| b.id.to_string()).collect()
    }

    /// The bundles a lookup in `locale` tries, best first: the exact tag, the tag without its
    /// region (and variants), the bare language, then the default language.
    fn chain(&self, locale: &Locale) -> Vec<usize> {
        let want = &locale.id;
        let mut out: Vec<usize> = Vec::new();
        let push = |i: usize, out: &mut Vec<usize>| {
            if !out.contains(&i) {
                out.push(i);
            }
        };
        if !locale.pseudo {
            for (i, b) in self.bundles.iter().enumerate() {
                if &b.id == want {
                    push(i, &mut out);
                }
            }
            for (i, b) in self.bundles.iter().enumerate() {
                if b.id.language == want.language && b.id.script == want.script && b.id.region.is_none() {
                    push(i, &mut out);
                }
            }
            for (i, b) in self.bundles.iter().enumerate() {
                if b.id.language == want.language && b.id.region.is_none() {
                    push(i, &mut out);
                }
            }
            for (i, b) in self.bundles.iter().enumerate() {
                if b.id.language == want.language {
                    push(i, &mut out);
                }
            }
        }
        for (i, b) in self.bundles.iter().enumerate() {
            if b.id == self.default {
                push(i, &mut out);
            }
        }
        out
    }

    /// The languages `locale` resolves to, best first (`de-AT` -> `["de", "en"]`).
    pub fn negotiate(&self, locale: &Locale) -> Vec<String> {
        self.chain(locale).into_iter().map(|i| self.bundles[i].id.to_string()).collect()
    }

    /// Whether `lang` has its own message `key` (`msg` or `msg.attr`), without falling back.
    pub fn has(&self, lang: &str, key: &str) -> bool {
        let id = lang_id(lang);
        let (msg, attr) = split_key(key);
        self.bundles.iter().any(|b| {
            b.id == id
                && b.bundle.get_message(msg).is_some_and(|m| match attr {
                    Some(a) => m.get_attribute(a).is_some(),
                    None => m.value().is_some(),
                })
        })
    }

    /// Every message id of `lang` (with `msg.attr` for attributes), sorted; what
    /// `--lint-l10n` compares between languages.
    pub fn keys(&self, lang: &str) -> Vec<String> {
        let id = lang_id(lang);
        self.bundles.iter().filter(|b| b.id == id).flat_map(|b| b.ids.iter().cloned()).collect()
    }

    /// Formats `key` in `locale` with `args`. `None` when no language in the chain has it.
    /// Records (and returns as `Err` once) a miss in the requested language.
    fn lookup(&self, locale: &Locale, key: &str, args: &[(&str, Arg)]) -> Lookup {
        let (msg, attr) = split_key(key);
        let fargs = fluent_args(args);
        if locale.pseudo {
            return match format_in(&self.pseudo, msg, attr, &fargs) {
                Some(s) => Lookup::Found(pseudo::expand(&s)),
                None => Lookup::Missing(self.note_missing(locale, key)),
            };
        }
        for i in self.chain(locale) {
            if let Some(s) = format_in(&self.bundles[i].bundle, msg, attr, &fargs) {
                if self.bundles[i].id.language == locale.id.language {
                    return Lookup::Found(s);
                }
                return Lookup::Fallback(s, self.note_missing(locale, key));
            }
        }
        Lookup::Missing(self.note_missing(locale, key))
    }

    /// Remembers a miss; `Some(message)` the first time for this (locale, key).
    fn note_missing(&self, locale: &Locale, key: &str) -> Option<String> {
        let first = self.missing.borrow_mut().insert((locale.tag(), key.to_owned()));
        first.then(|| format!("l10n: `{key}` is missing in locale `{}`", locale.tag()))
    }

    /// The (locale, key) pairs looked up and not found in the locale's own language so far.
    pub fn missing(&self) -> Vec<(String, String)> {
        self.missing.borrow().iter().cloned().collect()
    }
}

enum Lookup {
    Found(String),
    /// Found in a fallback language; the report, the first time.
    Fallback(String, Option<String>),
    Missing(Option<String>),
}

fn message_ids(r: &FluentResource) -> Vec<String> {
    let mut out = Vec::new();
    for entry in r.entries() {
        if let ast::Entry::Message(m) = entry {
            if m.value.is_some() {
                out.push(m.id.name.to_owned());
            }
            out.extend(m.attributes.iter().map(|a| format!("{}.{}", m.id.name, a.id.name)));
        }
    }
    out
}

fn split_key(key: &str) -> (&str, Option<&str>) {
    match key.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (key, None),
    }
}

fn fluent_args<'a>(args: &'a [(&'a str, Arg)]) -> FluentArgs<'a> {
    let mut f = FluentArgs::new();
    for (k, v) in args {
        match v {
            Arg::Str(s) => f.set(*k, FluentValue::from(s.as_str())),
            Arg::Num(n) => f.set(*k, FluentValue::from(*n)),
        }
    }
    f
}

fn format_in(
    bundle: &FluentBundle<FluentResource>,
    msg: &str,
    attr: Option<&str>,
    args: &FluentArgs<'_>,
) -> Option<String> {
    let m = bundle.get_message(msg)?;
    let pattern = match attr {
        Some(a) => m.get_attribute(a)?.value(),
        None => m.value()?,
    };
    // Resolver errors (a missing argument, an unknown function) still produce text with the
    // failed part marked; that is the best there is to show.
    let mut errors = Vec::new();
    Some(bundle.format_pattern(pattern, Some(args), &mut errors).into_owned())
}

fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let before = &text[..byte.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The translations an app looks messages up in (a context: [`App::set_translations`]).
#[derive(Clone, Debug)]
struct Shared(Rc<Translations>);

impl App {
    /// Gives the app its translations. Text bound to messages re-renders.
    pub fn set_translations(&mut self, translations: Translations) {
        self.provide(Shared(Rc::new(translations)));
    }

    /// The app's translations, if any were set.
    pub fn translations(&self) -> Option<Rc<Translations>> {
        self.context::<Shared>().map(|s| s.0)
    }

    /// Switches the app's locale: every message bound with [`tr`] or [`t!`](crate::t)
    /// re-renders, formatting follows, and the layout direction follows the locale's script
    /// (right to left for Arabic and Hebrew).
    pub fn set_locale(&mut self, locale: Locale) {
        let rtl = locale.is_rtl();
        self.provide(locale);
        self.set_rtl(rtl);
    }

    /// The app's locale (English until one is set), subscribing the running effect.
    pub fn locale(&self) -> Locale {
        self.context_or_default::<Locale>()
    }
}

/// The message `key` in the app's locale with `args`, falling back along the locale's chain
/// (see the module docs). Reading it from a binding makes the text follow the locale.
pub fn tr(app: &App, key: &str, args: &[(&str, Arg)]) -> String {
    let locale = app.locale();
    let Some(tr) = app.translations() else {
        return missing_text(key);
    };
    let report = |m: Option<String>| {
        if let Some(m) = m {
            app.reactive.report(FrameError::new(ErrorKind::Other, m));
        }
    };
    match tr.lookup(&locale, key, args) {
        Lookup::Found(s) => s,
        Lookup::Fallback(s, miss) => {
            report(miss);
            s
        }
        Lookup::Missing(miss) => {
            report(miss);
            missing_text(key)
        }
    }
}

/// What a message missing in every language shows: its id in debug builds, so a developer
/// sees it; nothing in release, so a viewer never does.
fn missing_text(key: &str) -> String {
    if cfg!(debug_assertions) {
        format!("⟦{key}⟧")
    } else {
        String::new()
    }
}

/// Looks a message up in the app's locale: `t!(app, "home.title")`,
/// `t!(app, "episodes", count = 3, show = name)`. Expands to [`l10n::tr`](crate::l10n::tr).
#[macro_export]
macro_rules! t {
    ($app:expr, $key:expr) => {
        $crate::l10n::tr($app, $key, &[])
    };
    ($app:expr, $key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::l10n::tr($app, $key, &[$((stringify!($name), $crate::l10n::Arg::from($value))),+])
    };
}

#[cfg(test)]
mod tests;
