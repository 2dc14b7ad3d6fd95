# 日本語（機械翻訳品質。../README.md を参照）

profiles-heading = 視聴するのは誰？
profiles-hint = 矢印で移動 · Enterで選択 · Escapeで戻る
profiles-label = プロフィール
profiles-loading = プロフィールを読み込み中

nav-home = ホーム
nav-search = 検索
nav-settings = 設定
nav-profile = プロフィール

hero-play = 再生
hero-info = 詳細情報
rail-continue = { $name }さんの視聴中の作品
rail-top10 = 今日のトップ10
rail-genre-drama = ドラマ
rail-genre-comedy = コメディ
rail-genre-thriller = スリラー
rail-genre-scifi = SF
rail-genre-documentary = ドキュメンタリー
rail-genre-animation = アニメ
rail-genre-romance = ロマンス
rail-genre-crime = 犯罪
rail-genre-adventure = アドベンチャー
rail-genre-family = ファミリー
rail-genre-horror = ホラー
rail-genre-mystery = ミステリー

details-play = 再生
details-resume = 続きから再生
details-resume-episode = { $episode }を続きから再生
details-trailer = 予告編
details-in-list = マイリストに追加済み
details-add-list = マイリストに追加
details-season = シーズン{ $number }
details-episodes = エピソード

settings-title = 設定
settings-profile = プロフィール：{ $name }
settings-guest = ゲスト
settings-autoplay = 次のエピソードを自動再生
settings-autoplay-detail = エピソードが終わると次のエピソードを再生します
settings-subtitles = 字幕
settings-subtitles-detail = プレーヤーで字幕を表示します
settings-motion = 動きを減らす
settings-motion-detail = アニメーションを短縮：スライドもフェードもなし
settings-theme = テーマ
settings-theme-detail = 夜はダーク、明るい部屋ではライト、読みやすさには高コントラスト
theme-dark = ダーク
theme-light = ライト
theme-high-contrast = 高コントラスト
settings-language = 言語
settings-language-detail = アラビア語とヘブライ語では右から左に表示されます
settings-preview = プレビュー
settings-preview-caption = タイル、テキスト、ボタンはテーマに従います。
badge-new = 新着

## Meta lines (hero, details, player)
meta-seasons = { $count }シーズン
episode-code = S{ $season }:E{ $episode }

## Search
search-title = 検索
search-placeholder = タイトル、ジャンル、気分
search-top = 人気の検索
search-results = 「{ $query }」の検索結果 · { $count }件
search-no-match = 「{ $query }」に一致するタイトルはありません
search-no-match-hint = 短い言葉、ジャンル、気分で試してください。
search-unavailable = 検索は利用できません

## Player
player-back = 詳細に戻る
player-trailer = 公式予告編
player-play = 再生
player-pause = 一時停止
player-back-10 = 10秒戻る
player-forward-10 = 10秒進む
player-subtitles = 字幕
player-subtitles-on = オン
player-subtitles-off = オフ
player-subtitle-sample = 嵐の前に出発すべきだった。

## Host messages
toast-welcome = おかえりなさい、{ $name }さん
