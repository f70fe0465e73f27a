package i18n

// DiffText holds the request diff's strings (the Web tab, issue 14 item
// 5). The comparison's own words come from httpserve/reqdiff, in the same
// language.
type DiffText struct {
	Title       string // %d marked exchange (A), %d selected exchange (B)
	Changes     string // %d fields that differ
	Marked      string // %d exchange ID
	Unmarked    string
	MarkFirst   string
	SameRequest string

	KeyMark, KeyDiff string
}

func englishDiff() DiffText {
	return DiffText{
		Title:       "Compare A #%d → B #%d",
		Changes:     "%d fields differ",
		Marked:      "#%d marked (◆): select another request, then d compares them",
		Unmarked:    "mark removed",
		MarkFirst:   "mark a request with c first, then select another and press d",
		SameRequest: "select another request than the marked one to compare",

		KeyMark: "mark to compare",
		KeyDiff: "compare with marked",
	}
}

func chineseDiff() DiffText {
	return DiffText{
		Title:       "比较 A #%d → B #%d",
		Changes:     "%d 个字段不同",
		Marked:      "已标记 #%d（◆）：选择另一个请求，再按 d 比较",
		Unmarked:    "已取消标记",
		MarkFirst:   "先用 c 标记一个请求，再选择另一个并按 d",
		SameRequest: "请选择与已标记请求不同的请求来比较",

		KeyMark: "标记以比较",
		KeyDiff: "与标记的比较",
	}
}
