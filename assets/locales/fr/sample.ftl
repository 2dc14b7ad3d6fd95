# Français (qualité traduction automatique, voir ../README.md)

profiles-heading = Qui regarde ?
profiles-hint = Flèches pour bouger · Entrée pour choisir · Échap pour revenir
profiles-label = Profils
profiles-loading = Chargement des profils

nav-home = Accueil
nav-search = Recherche
nav-settings = Réglages
nav-profile = Profil

hero-play = Lecture
hero-info = Plus d’infos
rail-continue = Reprendre pour { $name }
rail-top10 = Top 10 du jour
rail-genre-drama = Drame
rail-genre-comedy = Comédie
rail-genre-thriller = Thriller
rail-genre-scifi = Science-fiction
rail-genre-documentary = Documentaire
rail-genre-animation = Animation
rail-genre-romance = Romance
rail-genre-crime = Policier
rail-genre-adventure = Aventure
rail-genre-family = Famille
rail-genre-horror = Horreur
rail-genre-mystery = Mystère

details-play = Lecture
details-resume = Reprendre
details-resume-episode = Reprendre { $episode }
details-trailer = Bande-annonce
details-in-list = Dans ma liste
details-add-list = Ajouter à ma liste
details-season = Saison { $number }
details-episodes = Épisodes

settings-title = Réglages
settings-profile = Profil : { $name }
settings-guest = Invité
settings-autoplay = Lecture auto de l’épisode suivant
settings-autoplay-detail = Lancer l’épisode suivant à la fin d’un épisode
settings-subtitles = Sous-titres
settings-subtitles-detail = Afficher les sous-titres dans le lecteur
settings-motion = Réduire les animations
settings-motion-detail = Animations écourtées : ni glissements, ni fondus
settings-theme = Thème
settings-theme-detail = Sombre le soir, clair en pleine lumière, contraste élevé pour la lisibilité
theme-dark = Sombre
theme-light = Clair
theme-high-contrast = Contraste élevé
settings-language = Langue
settings-language-detail = L’arabe et l’hébreu disposent l’appli de droite à gauche
settings-preview = Aperçu
settings-preview-caption = Vignettes, texte et boutons suivent le thème.
badge-new = NOUVEAU

## Meta lines (hero, details, player)
meta-seasons = { $count ->
    [one] 1 saison
   *[other] { $count } saisons
}
episode-code = S{ $season }:É{ $episode }

## Search
search-title = Recherche
search-placeholder = Titres, genres, ambiances
search-top = Recherches populaires
search-results = Résultats pour « { $query } » · { $count ->
    [one] 1 titre
   *[other] { $count } titres
}
search-no-match = Aucun titre pour « { $query } »
search-no-match-hint = Essayez un mot plus court, un genre ou une ambiance.
search-unavailable = La recherche est indisponible

## Player
player-back = Retour aux détails
player-trailer = Bande-annonce officielle
player-play = Lecture
player-pause = Pause
player-back-10 = Reculer de 10 secondes
player-forward-10 = Avancer de 10 secondes
player-subtitles = Sous-titres
player-subtitles-on = Activés
player-subtitles-off = Désactivés
player-subtitle-sample = Nous aurions dû partir avant la tempête.

## Host messages
toast-welcome = Bon retour, { $name }
