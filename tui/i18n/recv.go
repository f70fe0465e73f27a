package i18n

// RecvText holds the receive pane's strings for decoding each connection's
// stream (a character split across reads) and for search (also in the Web
// tab's raw pane). Format strings say what their verbs are.
type RecvText struct {
	// HeldNote follows a chunk's header when its last bytes begin a
	// character that the stream's next read completes (README: "How
	// bytes are shown").
	HeldNote string // %d bytes held
	// HeldAtEnd labels, under a FIN or close line, the bytes of a
	// character the stream never completed (shown as \xHH after it).
	HeldAtEnd string
	// DirIn and DirOut label a chunk's direction (its header, search
	// results, the checksum box), as the Web tab's raw pane does.
	DirIn, DirOut string
	// NotKept follows a chunk's header when bytes were sent without
	// being captured (a file sent with sendfile).
	NotKept string // %s size
	// A close line's reason in other languages than English (English
	// shows the store's note): who closed it, the separator before why,
	// and how many bytes shown as sent were never written.
	ByPeer, ByLocal, ByErr string
	Unsent                 string // %d bytes

	// Search.
	SearchHint    string // the field's placeholder
	SearchTitle   string // %s the query, as typed (pane title badge)
	Searching     string // pane title badge while a search runs
	SearchFound   string // %d conn, %s direction, %d stream offset
	SearchNone    string // %s query
	SearchNoOlder string // %s query
	SearchNoNewer string // %s query
	SearchHidden  string // %s query: the match is in a cleared or paused part
	SearchBad     string // %v error (a bad hex query names the position)
	DocFound      string // %d match number, %d matches
	DocTooMany    string // %d matches, shown at most

	// Key help labels.
	KeySearch, KeyNext, KeyPrev, KeyFind string
}

func englishRecv() RecvText {
	return RecvText{
		HeldNote:  " (%d B held)",
		HeldAtEnd: "ended mid-character: ",
		DirIn:     "◀ in",
		DirOut:    "▶ out",
		NotKept:   " (+%s sent, not kept)",
		ByPeer:    "peer",
		ByLocal:   "local",
		ByErr:     ": ",
		Unsent:    " (%d bytes shown as sent were not written)",

		SearchHint:    `text as shown (\r\n, \x1B) or x:48 54 for bytes`,
		SearchTitle:   "/%s",
		Searching:     "searching…",
		SearchFound:   "match on #%d %s at byte %d of its stream",
		SearchNone:    "no match for %s in what memory holds",
		SearchNoOlder: "no older match for %s",
		SearchNoNewer: "no newer match for %s",
		SearchHidden:  "the match for %s is in the cleared or paused part",
		SearchBad:     "search: %v",
		DocFound:      "match %d of %d",
		DocTooMany:    " (the first %d)",

		KeySearch: "search",
		KeyNext:   "next match",
		KeyPrev:   "previous match",
		KeyFind:   "find",
	}
}

// chineseRecv is RecvText in Simplified Chinese (Chinese, zh.go).
func chineseRecv() RecvText {
	return RecvText{
		HeldNote:  "（%d 字节待续）",
		HeldAtEnd: "流在字符中间结束：",
		DirIn:     "◀ 收",
		DirOut:    "▶ 发",
		NotKept:   "（另有 %s 已发送，未保留）",
		ByPeer:    "由对方",
		ByLocal:   "由本端",
		ByErr:     "：",
		Unsent:    "；%d 字节显示为已发送但未写出",

		SearchHint:    `按显示形式输入（\r\n、\x1B），或 x:48 54 查字节`,
		SearchTitle:   "/%s",
		Searching:     "搜索中…",
		SearchFound:   "匹配：#%d %s，位于其数据流第 %d 字节",
		SearchNone:    "内存中没有 %s 的匹配",
		SearchNoOlder: "没有更早的 %s 匹配",
		SearchNoNewer: "没有更新的 %s 匹配",
		SearchHidden:  "%s 的匹配位于已清屏或暂停的部分",
		SearchBad:     "搜索：%v",
		DocFound:      "第 %d 个匹配，共 %d 个",
		DocTooMany:    "（仅前 %d 个）",

		KeySearch: "搜索",
		KeyNext:   "下一个匹配",
		KeyPrev:   "上一个匹配",
		KeyFind:   "查找",
	}
}
