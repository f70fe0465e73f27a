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
	ConnHalfClosed string // %d conn: the list's title while it is selected (it can still be sent to)
	ConnCap        string // %d the connection cap: after the list's title
	ConnShed       string // %d connections shed at the cap so far

	// The annotated view (f7).
	KeyAnnotate     string
	KeyAnnotateEnd  string
	AnnotateTitle   string // %s what ("request", "2 responses"…), %s size
	AnnotateRequest string // one request
	AnnotateReply   string // one response
	AnnotateMany    string // %d messages
	AnnotateNothing string // f7 with nothing to explain
	AnnotateScroll  string // %d first line, %d last line, %d lines
	AnnotateCut     string // %s size: the view holds only the first part of the stream

	// Presenter mode (f8, --present).
	KeyPresent string
	PresentOn  string
	PresentOff string
	ReachAt    string // %s addresses: where others connect to a listener on every address

	// Export keys: the session as files to hand out (DESIGN.md §8).
	KeyExportText    string
	KeyExportRaw     string
	KeyExportHAR     string
	ExportingTo      string // %s folder
	ExportedText     string // %s path, %d events
	ExportedRaw      string // %d files, %s folder
	ExportedHAR      string // %s path, %d requests
	ExportNothing    string
	ExportNoRequests string
	ExportFailed     string // %v error
	ExportDropped    string // %s size that had left memory
	ExportInCheckout string // %s the marker found (.git, go.mod)

	// Follow the conversation (Server tab): the send target and the
	// receive filter follow the connection that sent data last.
	KeyFollowConv  string
	FollowBadge    string // %s target ("#3 :51514"): the send pane's title
	FollowWaiting  string // the send pane's title while no one has sent
	FollowOn       string
	FollowOff      string // %s the target now
	FollowNoSender string // a send while following and no one has sent
	FollowPicked   string // %s target: follow stopped by a pick in the list

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

		ConnHalfClosed: "◐ #%d peer finished sending (FIN)",
		ConnCap:        "max %d",
		ConnShed:       "%d shed",

		KeyAnnotate:     "annotated view (explain it)",
		KeyAnnotateEnd:  "close the annotated view",
		AnnotateTitle:   "Annotated %s · %s",
		AnnotateRequest: "request",
		AnnotateReply:   "reply",
		AnnotateMany:    "%d messages",
		AnnotateNothing: "nothing to explain yet: wait for a request, or select a chunk (v in the receive pane)",
		AnnotateScroll:  "lines %d–%d of %d",
		AnnotateCut:     "the first %s",

		KeyPresent: "presenter mode on/off",
		PresentOn:  "presenter mode: one pane at a time (tab moves), high contrast, newest bytes highlighted, no key hints (f1 help, f8 leaves)",
		PresentOff: "presenter mode off",
		ReachAt:    "connect to %s",

		KeyExportText:    "save transcript (.txt)",
		KeyExportRaw:     "save raw bytes (per conn)",
		KeyExportHAR:     "save Web requests as HAR",
		ExportingTo:      "saving to %s…",
		ExportedText:     "saved the transcript %s (%d events)",
		ExportedRaw:      "saved %d raw files in %s",
		ExportedHAR:      "saved %s (%d requests; Chromium DevTools › Network › Import HAR)",
		ExportNothing:    "nothing captured yet: nothing to save",
		ExportNoRequests: "no web requests yet: nothing to save as HAR",
		ExportFailed:     "not saved: %v",
		ExportDropped:    " — %s had left memory (capture budget): a --record file keeps everything",
		ExportInCheckout: " — note: that folder is a source checkout (it has %s); --save-dir picks another",

		KeyFollowConv:  "follow the last sender on/off",
		FollowBadge:    "%s (follows the last sender)",
		FollowWaiting:  "the first to send data (following)",
		FollowOn:       "follow on: replies go to the connection that sent data last, and the receive pane shows it",
		FollowOff:      "follow off: replies go to %s, the selection in the list",
		FollowNoSender: "no connection has sent anything yet: replies wait for one (select one in the list to answer it anyway)",
		FollowPicked:   "follow off: you picked %s (ctrl+f follows the last sender again)",

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

		ConnHalfClosed: "◐ #%d 对端已发送完毕（FIN）",
		ConnCap:        "上限 %d",
		ConnShed:       "已淘汰 %d",

		KeyAnnotate:     "逐行解释",
		KeyAnnotateEnd:  "关闭逐行解释",
		AnnotateTitle:   "逐行解释 · %s · %s",
		AnnotateRequest: "请求报文",
		AnnotateReply:   "响应报文",
		AnnotateMany:    "%d 个报文",
		AnnotateNothing: "还没有可解释的内容：等待请求，或选中一个数据块（在接收窗格按 v）",
		AnnotateScroll:  "第 %d–%d 行，共 %d 行",
		AnnotateCut:     "前 %s",

		KeyPresent: "投影模式 开/关",
		PresentOn:  "投影模式：一次一个窗格（tab 切换）、高对比度、突出最新字节、隐藏按键提示（f1 帮助，f8 退出）",
		PresentOff: "投影模式已关闭",
		ReachAt:    "请连接 %s",

		KeyExportText:    "保存文本记录（.txt）",
		KeyExportRaw:     "保存原始字节（按连接）",
		KeyExportHAR:     "把 Web 请求保存为 HAR",
		ExportingTo:      "正在保存到 %s…",
		ExportedText:     "已保存文本记录 %s（%d 个事件）",
		ExportedRaw:      "已保存 %d 个原始文件到 %s",
		ExportedHAR:      "已保存 %s（%d 个请求；Chromium 开发者工具 › Network › Import HAR）",
		ExportNothing:    "还没有捕获任何数据：没有可保存的内容",
		ExportNoRequests: "还没有 Web 请求：没有可保存为 HAR 的内容",
		ExportFailed:     "未保存：%v",
		ExportDropped:    " — 有 %s 已移出内存（捕获预算）：--record 文件会保留全部",
		ExportInCheckout: " — 注意：该目录是源码仓库（含 %s）；可用 --save-dir 指定其他目录",

		KeyFollowConv:  "跟随最后发言的连接 开/关",
		FollowBadge:    "%s（跟随最后发言的连接）",
		FollowWaiting:  "第一个发来数据的连接（跟随中）",
		FollowOn:       "跟随已开启：回复发给最后发来数据的连接，接收窗格只显示它",
		FollowOff:      "跟随已关闭：回复发给列表中选中的 %s",
		FollowNoSender: "还没有连接发来数据：回复会等待（要回复某个连接，请在列表中选中它）",
		FollowPicked:   "跟随已关闭：你选中了 %s（ctrl+f 重新跟随最后发言的连接）",

		HintAddrInUse:    "（端口已被占用）",
		HintPermission:   "（1024 以下的端口需要管理员权限）",
		HintAddrNotAvail: "（本机没有这个地址）",
		HintRefused:      "（那个端口上没有程序在监听）",
	}
}
