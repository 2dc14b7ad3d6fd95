#!/usr/bin/env python3
"""Generates assets/catalog/catalog.json: the sample streaming catalog (invented titles, CC0).

Deterministic (a fixed seed, standard library only): the same script writes the same bytes.
Posters are the procedural images of scripts/make_posters.py, reused across titles; backdrops
and episode stills are art paths (art/backdrop/ID.art, art/still/ID/sNeM.art) that the art
generator (renderer/src/art.rs) draws, one per title and per episode. The preview's simulated
host serves this file over the host bus (docs/host-bus.md).

    python3 scripts/make_catalog.py [--titles N]

Shape (see assets/README.md):
  profiles[]: id, name, avatar_color (#rrggbb), kids
  genres[]:   names
  titles[]:   id, kind (movie|series), title, year, rating, score, genres[], synopsis, poster,
              backdrop, and runtime_min (movie) or seasons[] of {number, episodes[] of {number,
              title, synopsis, runtime_min, still}} (series)
  home:       hero (a title id) and rails[] of {id, title, kind (continue|top10|genre),
              items[] of {id, progress?, episode?, rank?}}
"""
import json
import os
import random
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets")
POSTERS = 48

GENRES = ["Drama", "Comedy", "Thriller", "Sci-Fi", "Documentary", "Animation", "Romance", "Crime",
          "Adventure", "Family", "Horror", "Mystery"]
RATINGS = ["G", "PG", "PG-13", "R", "TV-Y7", "TV-PG", "TV-14", "TV-MA"]

ADJ = ["Silent", "Crimson", "Last", "Hidden", "Electric", "Hollow", "Golden", "Broken", "Northern", "Quiet",
       "Burning", "Distant", "Paper", "Midnight", "Glass", "Wild", "Iron", "Velvet", "Lost", "Bright",
       "Salt", "Winter", "Copper", "Restless", "Little", "Endless", "Secret", "Borrowed", "Lucky", "Second"]
NOUN = ["Harbor", "Orchard", "Signal", "Lantern", "Frontier", "Garden", "Circuit", "Tide", "Kingdom", "Archive",
        "Meridian", "Echo", "Atlas", "Compass", "Station", "Parade", "Horizon", "Canyon", "Engine", "Letter",
        "Island", "Bridge", "Summer", "Carnival", "Witness", "Voyage", "Monsoon", "Comet", "Lighthouse", "Hotel"]
PLACE = ["Ashford", "the Valley", "Port Verity", "the North Road", "Calder Bay", "the Old Quarter", "Juniper Hill",
         "the Salt Flats", "New Almora", "the Glass City", "Kestrel Island", "the Red Coast", "Mirror Lake"]
FIRST = ["Ada", "Theo", "Mira", "Jonah", "Ines", "Felix", "Noor", "Rafael", "Lena", "Otto", "Priya", "Sam",
         "Yuki", "Tomas", "Zara", "Ezra", "Hana", "Luca", "Maren", "Kofi"]
LAST = ["Vale", "Okafor", "Lindqvist", "Moreau", "Castellanos", "Brandt", "Achterberg", "Sato", "Quill",
        "Marchetti", "Havel", "Nakamura", "Oduya", "Fairweather"]

PATTERNS = [
    "The {adj} {noun}", "{noun} of {place}", "{first}'s {noun}", "Before the {noun}", "{adj} {noun}s",
    "After {place}", "A {adj} {noun}", "The {noun} Keeper", "{noun} & {noun2}", "Beyond {place}",
    "The {adj} Season", "{first} and the {adj} {noun}",
]
LONG_PATTERNS = [
    "The Extraordinary and Mostly True Adventures of {first} {last} in {place}",
    "Everything We Never Said at the {adj} {noun} Before the Summer Ended",
    "How to Disappear Completely from {place} Without Telling Anyone",
    "The Unlikely Return of the {adj} {noun} and Other Stories from {place}",
    "A Very Long Night at the {noun} Hotel on the Edge of {place}",
]

WHO = ["A retired lighthouse keeper", "An estranged twin", "A young cartographer", "A night-shift nurse",
       "An exiled chef", "A washed-up magician", "A teenage radio operator", "A stubborn detective",
       "A crew of salvage divers", "An android archivist", "A small-town mayor", "A grieving composer",
       "A band of childhood friends", "A reluctant heir", "A travelling circus"]
WHAT = ["finds a map that should not exist", "inherits a failing hotel by the sea",
        "receives letters from a stranger who knows too much", "is hired to find a missing comet",
        "wakes up in a city that has forgotten them", "must win one last race",
        "discovers the village clock runs backwards", "agrees to guard a mysterious crate",
        "follows a signal from the bottom of the ocean", "returns home after twenty years"]
TWIST = ["Nothing is what it seems, and the past is not finished with anyone.",
         "Old rivals become unlikely allies as the storm closes in.",
         "Every answer opens a door they would rather keep shut.",
         "What starts as a favour turns into the journey of a lifetime.",
         "The truth is stranger, and kinder, than anyone expected.",
         "Time is running out, and the only way forward is back.",
         "Secrets surface with the tide, one by one.",
         "A funny, tender story about starting over."]
STAKES = ["Filmed across four continents.", "Based on a story no one believed.",
          "A quiet story with a very loud heart.", "Winner of three festival prizes.",
          "From the team behind the acclaimed documentary series.", ""]

EP_TITLES = ["Arrival", "The Letter", "Low Tide", "Static", "Crossing", "The Keeper", "Ghost Light", "Fault Lines",
             "Homecoming", "The Long Night", "Undertow", "Daybreak", "Second Chances", "The Map Room",
             "Blue Hour", "Open Water", "Signal Lost", "Finale"]
EP_SYN = ["Nothing goes to plan on the first day.", "An old friend returns with bad news.",
          "A storm traps everyone under one roof.", "The signal repeats, and this time it answers.",
          "A choice made years ago comes due.", "The search leads somewhere no one expected.",
          "Alliances are tested as the deadline nears.", "Everything changes in a single night."]

PROFILES = [
    {"id": "p1", "name": "Maya", "avatar_color": "#e8b44a", "kids": False},
    {"id": "p2", "name": "Jonas", "avatar_color": "#4a9be8", "kids": False},
    {"id": "p3", "name": "Lea", "avatar_color": "#d7566f", "kids": False},
    {"id": "p4", "name": "Kids", "avatar_color": "#5cc98a", "kids": True},
    {"id": "p5", "name": "Guest", "avatar_color": "#9a86e0", "kids": False},
]


def make_title(r, i, used):
    while True:
        pattern = r.choice(LONG_PATTERNS) if i % 17 == 5 else r.choice(PATTERNS)
        nouns = r.sample(NOUN, 2)
        name = pattern.format(adj=r.choice(ADJ), noun=nouns[0], noun2=nouns[1], place=r.choice(PLACE),
                              first=r.choice(FIRST), last=r.choice(LAST))
        if name not in used:
            used.add(name)
            return name


def synopsis(r):
    parts = [f"{r.choice(WHO)} {r.choice(WHAT)}.", r.choice(TWIST), r.choice(STAKES)]
    return " ".join(p for p in parts if p)


def main():
    count = 150
    if "--titles" in sys.argv:
        count = int(sys.argv[sys.argv.index("--titles") + 1])
    r = random.Random(20240611)
    used = set()
    titles = []
    for i in range(count):
        kind = "series" if i % 3 == 1 else "movie"
        genres = r.sample(GENRES, 1 + (i % 3 == 0) + (i % 7 == 0))
        kids = "Family" in genres or "Animation" in genres
        t = {
            "id": f"t{i + 1:03}",
            "kind": kind,
            "title": make_title(r, i, used),
            "year": 1978 + r.randrange(47),
            "rating": r.choice(RATINGS[:3] if kids else RATINGS),
            "score": round(5.5 + r.random() * 4.2, 1),
            "genres": genres,
            "synopsis": synopsis(r),
            "poster": f"posters/poster-{(i * 7) % POSTERS:02}.png",
            # Drawn by the art generator (renderer/src/art.rs) from the path: one per title.
            "backdrop": f"art/backdrop/t{i + 1:03}.art",
        }
        if kind == "movie":
            t["runtime_min"] = 78 + r.randrange(80)
        else:
            seasons = []
            for s in range(1, 2 + r.randrange(3)):
                n_eps = 6 + r.randrange(5)
                picks = r.sample([x for x in EP_TITLES if x != "Finale"], n_eps - 1) + ["Finale"]
                eps = []
                for e in range(1, n_eps + 1):
                    eps.append({
                        "number": e,
                        "title": picks[e - 1],
                        "synopsis": r.choice(EP_SYN),
                        "runtime_min": 22 + r.randrange(40) if "Comedy" not in genres else 22 + r.randrange(8),
                        "still": f"art/still/t{i + 1:03}/s{s}e{e}.art",
                    })
                seasons.append({"number": s, "episodes": eps})
            t["seasons"] = seasons
        titles.append(t)

    ids = [t["id"] for t in titles]
    by_id = {t["id"]: t for t in titles}
    cont = []
    for tid in r.sample(ids, 8):
        item = {"id": tid, "progress": round(0.08 + r.random() * 0.85, 2)}
        t = by_id[tid]
        if t["kind"] == "series":
            season = r.choice(t["seasons"])
            item["episode"] = f"S{season['number']}:E{1 + r.randrange(len(season['episodes']))}"
        cont.append(item)
    top = sorted(ids, key=lambda tid: (-by_id[tid]["score"], tid))[:10]
    rails = [
        {"id": "continue", "title": "Continue Watching for Maya", "kind": "continue", "items": cont},
        {"id": "top10", "title": "Top 10 Today", "kind": "top10",
         "items": [{"id": tid, "rank": n + 1} for n, tid in enumerate(top)]},
    ]
    for g in GENRES:
        items = [{"id": t["id"]} for t in titles if g in t["genres"]][:20]
        if len(items) >= 6:
            rails.append({"id": "genre-" + g.lower().replace("-", ""), "title": g, "kind": "genre", "items": items})

    catalog = {
        "version": 1,
        "generator": "scripts/make_catalog.py",
        "licence": "CC0: invented titles and text",
        "profiles": PROFILES,
        "genres": GENRES,
        "titles": titles,
        "home": {"hero": top[0], "rails": rails},
    }
    path = os.path.join(ROOT, "catalog", "catalog.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(catalog, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{path}: {len(titles)} titles, {len(rails)} rails")


if __name__ == "__main__":
    main()
