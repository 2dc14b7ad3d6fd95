# Deutsch (maschinelle Qualität, siehe ../README.md)

profiles-heading = Wer schaut gerade?
profiles-hint = Pfeile bewegen · Enter wählt · Escape geht zurück
profiles-label = Profile
profiles-loading = Profile werden geladen

nav-home = Startseite
nav-search = Suche
nav-settings = Einstellungen
nav-profile = Profil

hero-play = Abspielen
hero-info = Mehr Infos
rail-continue = Weiterschauen für { $name }
rail-top10 = Top 10 heute
rail-genre-drama = Drama
rail-genre-comedy = Komödie
rail-genre-thriller = Thriller
rail-genre-scifi = Science-Fiction
rail-genre-documentary = Dokumentation
rail-genre-animation = Animation
rail-genre-romance = Romantik
rail-genre-crime = Krimi
rail-genre-adventure = Abenteuer
rail-genre-family = Familie
rail-genre-horror = Horror
rail-genre-mystery = Mystery

details-play = Abspielen
details-resume = Fortsetzen
details-resume-episode = { $episode } fortsetzen
details-trailer = Trailer
details-in-list = In meiner Liste
details-add-list = Zu meiner Liste
details-season = Staffel { $number }
details-episodes = Folgen

settings-title = Einstellungen
settings-profile = Profil: { $name }
settings-guest = Gast
settings-autoplay = Nächste Folge automatisch abspielen
settings-autoplay-detail = Die nächste Folge startet, wenn eine endet
settings-subtitles = Untertitel
settings-subtitles-detail = Untertitel im Player anzeigen
settings-motion = Bewegung reduzieren
settings-motion-detail = Animationen abkürzen: kein Gleiten, kein Überblenden
settings-theme = Design
settings-theme-detail = Dunkel für den Abend, hell für helle Räume, hoher Kontrast für Lesbarkeit
theme-dark = Dunkel
theme-light = Hell
theme-high-contrast = Hoher Kontrast
settings-language = Sprache
settings-language-detail = Arabisch und Hebräisch ordnen die App von rechts nach links an
settings-preview = Vorschau
settings-preview-caption = Kacheln, Text und Schaltflächen folgen dem Design.
badge-new = NEU

## Meta lines (hero, details, player)
meta-seasons = { $count ->
    [one] 1 Staffel
   *[other] { $count } Staffeln
}
episode-code = S{ $season }:F{ $episode }

## Search
search-title = Suche
search-placeholder = Titel, Genres, Stimmungen
search-top = Häufige Suchen
search-results = Ergebnisse für „{ $query }“ · { $count ->
    [one] 1 Titel
   *[other] { $count } Titel
}
search-no-match = Keine Titel zu „{ $query }“
search-no-match-hint = Versuche ein kürzeres Wort, ein Genre oder eine Stimmung.
search-unavailable = Die Suche ist nicht verfügbar

## Player
player-back = Zurück zu den Details
player-trailer = Offizieller Trailer
player-play = Abspielen
player-pause = Pause
player-back-10 = 10 Sekunden zurück
player-forward-10 = 10 Sekunden vor
player-subtitles = Untertitel
player-subtitles-on = An
player-subtitles-off = Aus
player-subtitle-sample = Wir hätten vor dem Sturm aufbrechen sollen.

## Host messages
toast-welcome = Willkommen zurück, { $name }
