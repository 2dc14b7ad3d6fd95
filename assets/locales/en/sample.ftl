# The sample app's strings (English: the source language and every locale's fallback).

## Profiles
profiles-heading = Who’s watching?
profiles-hint = Arrows move · Enter selects · Escape goes back
profiles-label = Profiles
profiles-loading = Loading profiles

## Navigation
nav-home = Home
nav-search = Search
nav-settings = Settings
nav-profile = Profile

## Home
hero-play = Play
hero-info = More info
rail-continue = Continue Watching for { $name }
rail-top10 = Top 10 Today
rail-genre-drama = Drama
rail-genre-comedy = Comedy
rail-genre-thriller = Thriller
rail-genre-scifi = Sci-Fi
rail-genre-documentary = Documentary
rail-genre-animation = Animation
rail-genre-romance = Romance
rail-genre-crime = Crime
rail-genre-adventure = Adventure
rail-genre-family = Family
rail-genre-horror = Horror
rail-genre-mystery = Mystery

## Details
details-play = Play
details-resume = Resume
details-resume-episode = Resume { $episode }
details-trailer = Trailer
details-in-list = In My List
details-add-list = Add to My List
details-season = Season { $number }
details-episodes = Episodes

## Settings
settings-title = Settings
settings-profile = Profile: { $name }
settings-guest = Guest
settings-autoplay = Autoplay next episode
settings-autoplay-detail = Start the next episode when one ends
settings-subtitles = Subtitles
settings-subtitles-detail = Show subtitles in the player
settings-motion = Reduce motion
settings-motion-detail = Cut animations short: no glides, no fades
settings-theme = Theme
settings-theme-detail = Dark for the evening, light for bright rooms, high contrast for legibility
theme-dark = Dark
theme-light = Light
theme-high-contrast = High contrast
settings-language = Language
settings-language-detail = Arabic and Hebrew lay the app out right to left
settings-preview = Preview
settings-preview-caption = Tiles, text and buttons follow the theme.
badge-new = NEW

## Meta lines (hero, details, player)
meta-seasons = { $count ->
    [one] 1 season
   *[other] { $count } seasons
}
episode-code = S{ $season }:E{ $episode }

## Search
search-title = Search
search-placeholder = Titles, genres, moods
search-top = Top searches
search-results = Results for “{ $query }” · { $count ->
    [one] 1 title
   *[other] { $count } titles
}
search-no-match = No titles match “{ $query }”
search-no-match-hint = Try a shorter word, a genre or a mood.
search-unavailable = Search is unavailable

## Player
player-back = Back to details
player-trailer = Official trailer
player-play = Play
player-pause = Pause
player-back-10 = Back 10 seconds
player-forward-10 = Forward 10 seconds
player-subtitles = Subtitles
# The subtitles button's state, beside its icon.
player-subtitles-on = On
player-subtitles-off = Off
player-subtitle-sample = We should have left before the storm.

## Host messages
toast-welcome = Welcome back, { $name }
