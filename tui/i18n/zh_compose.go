package i18n

func chineseCompose() ComposeText {
	return ComposeText{
		OptChecksum:  "+%s",
		RepeatBadge:  "⟳ 每 %s · 已发 %d",
		FileBadge:    "⇪ %s",
		HistoryBadge: "历史 %d/%d",

		RepeatPrompt:  "重复间隔 ",
		RepeatHint:    "enter 开始 · esc 取消 · 1ms 到 1h，例如 100ms、2s",
		FilePrompt:    "发送文件 ",
		FileHint:      "tab 补全 · enter 发送 · esc 取消",
		FileMatches:   "匹配：%s",
		FileNoMatch:   "无匹配",
		BadInterval:   "“%s”不是时长（写成 10ms、1.5s、2m 这样）",
		IntervalRange: "间隔必须在 %s 到 %s 之间",

		FileProgress: "%s %s %s / %s",
		FileDone:     "✓ %s 已发送 · %s",
		FileCancel:   " · esc 取消",

		RepeatStarted:   "每 %s 重复发送至 %s（alt+y 停止）",
		RepeatStopped:   "重复发送已停止，共 %d 次",
		RepeatEnded:     "重复发送在 %d 次后停止：%v",
		RepeatBehind:    "对端没有读取：已排队 %s",
		FileSent:        "已发送 %s（%s）至 %s",
		FileFailed:      "发送 %s 失败（已发 %s / 共 %s）：%v",
		FileCancelled:   "已取消发送 %s（已发 %s / 共 %s）",
		FileBusy:        "正在发送文件：先按 esc 取消",
		CannotRead:      "无法读取文件：%v",
		CannotReadPath:  "无法读取 %s：%v",
		NoTarget:        "没有发送目标：%v",
		ChecksumSet:     "校验尾：每次发送追加 %s",
		ChecksumOff:     "校验尾已关闭",
		HistoryEmpty:    "此标签页还没有发送历史",
		HistoryRecalled: "历史 %d/%d（alt+↑ 更早，alt+↓ 更新）",
		HistoryDraft:    "回到正在输入的内容",
		HistoryLoadFail: "发送历史未载入：%v",
		HistorySaveFail: "发送历史未保存：%v",

		KeyRepeat:   "重复发送 开始/停止",
		KeyChecksum: "校验尾 无/sum8/xor8/crc16/crc32",
		KeySendFile: "发送文件",
		KeyHistPrev: "更早的已发消息",
		KeyHistNext: "更新的已发消息",
		KeyHistory:  "调出已发消息",
		KeyComplete: "补全路径",
		KeyAccept:   "确定",
		KeyCancel:   "取消",
	}
}
