# עברית (תרגום מכונה, ראו ../README.md)

profiles-heading = מי צופה?
profiles-hint = חיצים לתנועה · Enter לבחירה · Escape לחזרה
profiles-label = פרופילים
profiles-loading = טוען פרופילים

nav-home = בית
nav-search = חיפוש
nav-settings = הגדרות
nav-profile = פרופיל

hero-play = הפעלה
hero-info = מידע נוסף
rail-continue = להמשיך לצפות, { $name }
rail-top10 = 10 המובילים היום
rail-genre-drama = דרמה
rail-genre-comedy = קומדיה
rail-genre-thriller = מתח
rail-genre-scifi = מדע בדיוני
rail-genre-documentary = תיעודי
rail-genre-animation = אנימציה
rail-genre-romance = רומנטיקה
rail-genre-crime = פשע
rail-genre-adventure = הרפתקאות
rail-genre-family = משפחה
rail-genre-horror = אימה
rail-genre-mystery = מסתורין

details-play = הפעלה
details-resume = המשך
details-resume-episode = המשך { $episode }
details-trailer = טריילר
details-in-list = ברשימה שלי
details-add-list = הוסף לרשימה שלי
details-season = עונה { $number }
details-episodes = פרקים

settings-title = הגדרות
settings-profile = פרופיל: { $name }
settings-guest = אורח
settings-autoplay = הפעלה אוטומטית של הפרק הבא
settings-autoplay-detail = הפרק הבא מתחיל כשפרק נגמר
settings-subtitles = כתוביות
settings-subtitles-detail = הצגת כתוביות בנגן
settings-motion = הפחתת תנועה
settings-motion-detail = קיצור אנימציות: בלי החלקות ובלי דעיכות
settings-theme = ערכת נושא
settings-theme-detail = כהה לערב, בהירה לחדרים מוארים, ניגודיות גבוהה לקריאוּת
theme-dark = כהה
theme-light = בהירה
theme-high-contrast = ניגודיות גבוהה
settings-language = שפה
settings-language-detail = ערבית ועברית מציגות את האפליקציה מימין לשמאל
settings-preview = תצוגה מקדימה
settings-preview-caption = אריחים, טקסט וכפתורים תואמים לערכת הנושא.
badge-new = חדש

## Meta lines (hero, details, player)
meta-seasons = { $count ->
    [one] עונה אחת
   *[other] { $count } עונות
}
episode-code = ע{ $season }:פ{ $episode }

## Search
search-title = חיפוש
search-placeholder = כותרים, ז׳אנרים, מצבי רוח
search-top = חיפושים פופולריים
search-results = תוצאות עבור ”{ $query }“ · { $count ->
    [one] כותר אחד
   *[other] { $count } כותרים
}
search-no-match = אין כותרים התואמים ל”{ $query }“
search-no-match-hint = נסו מילה קצרה יותר, ז׳אנר או מצב רוח.
search-unavailable = החיפוש אינו זמין

## Player
player-back = חזרה לפרטים
player-trailer = טריילר רשמי
player-play = הפעלה
player-pause = השהיה
player-back-10 = אחורה 10 שניות
player-forward-10 = קדימה 10 שניות
player-subtitles = כתוביות
player-subtitles-on = פועל
player-subtitles-off = כבוי
player-subtitle-sample = היינו צריכים לעזוב לפני הסערה.

## Host messages
toast-welcome = ברוכים השבים, { $name }
