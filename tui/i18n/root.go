package i18n

// RootText holds the strings of the root model and its overlays (the
// message log, the size notice, the annotated view, presenter mode, the
// export keys) and of the Server tab's follow mode and connection states.
// Format strings say what their verbs are.
type RootText struct {
	// Message log (the last statuses of every tab).
	LogTitle  string // %d messages kept, %d at most
	LogEmpty  string
	LogMore   string // at the end of a status cut short: where the rest is
	KeyLog    string
	KeyLogEnd string

	// Below the smallest usable size.
	TooSmall     string // %d width, %d height
	TooSmallNeed string // %d least width, %d least height
	TooSmallHint string

	// Connection list: a half-closed connection (the peer's FIN).
	ConnHalfClosed string // %d conn: the list's title while it is selected

	// What a common socket error means, after the error itself (whose
	// text comes from the system and is not translated).
	HintAddrInUse    string
	HintPermission   string
	HintAddrNotAvail string
	HintRefused      string
}

func englishRoot() RootText {
	return RootText{
		LogTitle:  "Messages · %d of the last %d · newest last",
		LogEmpty:  "No messages yet: results and errors of every tab are kept here.",
		LogMore:   " … f9 shows it whole",
		KeyLog:    "message log",
		KeyLogEnd: "close message log",

		TooSmall:     "The terminal is %d×%d:",
		TooSmallNeed: "netassist needs at least %d×%d.",
		TooSmallHint: "Enlarge the window or make the font smaller. ctrl+c quits.",

		ConnHalfClosed: "◐ #%d peer finished sending (FIN), can still reply",

		HintAddrInUse:    " — another program is using this port",
		HintPermission:   " — ports below 1024 need administrator rights",
		HintAddrNotAvail: " — this machine has no such address",
		HintRefused:      " — nothing is listening on that port",
	}
}

func chineseRoot() RootText {
	return RootText{
		LogTitle:  "消息 · 最近 %d 条（最多 %d 条）· 最新的在最下面",
		LogEmpty:  "还没有消息：各标签页的结果和错误都保存在这里。",
		LogMore:   " … 按 f9 查看全文",
		KeyLog:    "消息记录",
		KeyLogEnd: "关闭消息记录",

		TooSmall:     "终端只有 %d×%d：",
		TooSmallNeed: "netassist 至少需要 %d×%d。",
		TooSmallHint: "请放大窗口或调小字体。ctrl+c 退出。",

		ConnHalfClosed: "◐ #%d 对端已发送完毕（FIN），仍可回复",

		HintAddrInUse:    "（端口已被占用）",
		HintPermission:   "（1024 以下的端口需要管理员权限）",
		HintAddrNotAvail: "（本机没有这个地址）",
		HintRefused:      "（那个端口上没有程序在监听）",
	}
}
