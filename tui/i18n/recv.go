package i18n

// RecvText holds the receive pane's strings for decoding each connection's
// stream (a character split across reads) and for search. Format strings
// say what their verbs are.
type RecvText struct {
	// HeldNote follows a chunk's header when its last bytes begin a
	// character that the stream's next read completes (README: "How
	// bytes are shown").
	HeldNote string // %d bytes held
	// HeldAtEnd labels, under a FIN or close line, the bytes of a
	// character the stream never completed (shown as \xHH after it).
	HeldAtEnd string
}

func englishRecv() RecvText {
	return RecvText{
		HeldNote:  " (%d B held)",
		HeldAtEnd: "ended mid-character: ",
	}
}

// chineseRecv is RecvText in Simplified Chinese (Chinese, zh.go).
func chineseRecv() RecvText {
	return RecvText{
		HeldNote:  "（%d 字节待续）",
		HeldAtEnd: "流在字符中间结束：",
	}
}
