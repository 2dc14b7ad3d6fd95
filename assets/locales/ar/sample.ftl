# العربية (ترجمة آلية، انظر ../README.md)

profiles-heading = من يشاهد؟
profiles-hint = الأسهم للتنقل · Enter للاختيار · Escape للرجوع
profiles-label = الملفات الشخصية
profiles-loading = جارٍ تحميل الملفات الشخصية

nav-home = الرئيسية
nav-search = بحث
nav-settings = الإعدادات
nav-profile = الملف الشخصي

hero-play = تشغيل
hero-info = مزيد من المعلومات
rail-continue = متابعة المشاهدة لـ { $name }
rail-top10 = أفضل ١٠ اليوم
rail-genre-drama = دراما
rail-genre-comedy = كوميديا
rail-genre-thriller = إثارة
rail-genre-scifi = خيال علمي
rail-genre-documentary = وثائقي
rail-genre-animation = رسوم متحركة
rail-genre-romance = رومانسي
rail-genre-crime = جريمة
rail-genre-adventure = مغامرة
rail-genre-family = عائلي
rail-genre-horror = رعب
rail-genre-mystery = غموض

details-play = تشغيل
details-resume = استئناف
details-resume-episode = استئناف { $episode }
details-trailer = الإعلان
details-in-list = في قائمتي
details-add-list = أضف إلى قائمتي
details-season = الموسم { $number }
details-episodes = الحلقات

settings-title = الإعدادات
settings-profile = الملف الشخصي: { $name }
settings-guest = ضيف
settings-autoplay = تشغيل الحلقة التالية تلقائيًا
settings-autoplay-detail = تبدأ الحلقة التالية عند انتهاء الحالية
settings-subtitles = الترجمة
settings-subtitles-detail = عرض الترجمة في المشغّل
settings-motion = تقليل الحركة
settings-motion-detail = اختصار الرسوم المتحركة: بلا انزلاق ولا تلاشٍ
settings-theme = المظهر
settings-theme-detail = داكن للمساء، فاتح للغرف المضيئة، تباين عالٍ لسهولة القراءة
theme-dark = داكن
theme-light = فاتح
theme-high-contrast = تباين عالٍ
settings-language = اللغة
settings-language-detail = العربية والعبرية تعرضان التطبيق من اليمين إلى اليسار
settings-preview = معاينة
settings-preview-caption = البطاقات والنصوص والأزرار تتبع المظهر.
badge-new = جديد

## Meta lines (hero, details, player)
meta-seasons = { $count ->
    [one] موسم واحد
    [two] موسمان
    [few] { $count } مواسم
   *[other] { $count } موسمًا
}
episode-code = م{ $season }:ح{ $episode }

## Search
search-title = بحث
search-placeholder = عناوين، أنواع، أمزجة
search-top = عمليات البحث الشائعة
search-results = نتائج «{ $query }» · { $count ->
    [one] عنوان واحد
    [two] عنوانان
    [few] { $count } عناوين
   *[other] { $count } عنوانًا
}
search-no-match = لا عناوين تطابق «{ $query }»
search-no-match-hint = جرّب كلمة أقصر أو نوعًا أو مزاجًا.
search-unavailable = البحث غير متاح

## Player
player-back = العودة إلى التفاصيل
player-trailer = الإعلان الرسمي
player-play = تشغيل
player-pause = إيقاف مؤقت
player-back-10 = رجوع ١٠ ثوانٍ
player-forward-10 = تقديم ١٠ ثوانٍ
player-subtitles = الترجمة
player-subtitles-on = تشغيل
player-subtitles-off = إيقاف
player-subtitle-sample = كان علينا أن نغادر قبل العاصفة.

## Host messages
toast-welcome = مرحبًا بعودتك، { $name }
