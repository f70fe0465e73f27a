package i18n

func chineseView() ViewText {
	return ViewText{
		Paused:        "已暂停",
		PausedWaiting: "已暂停 · %s 待显示",
		SentHidden:    "隐藏已发送",
		Selecting:     "选择",
		ClearedEmpty:  "显示已清空：新数据会出现在这里（没有删除任何数据）。",

		PausedStatus:    "显示已暂停：数据仍在接收和计数（p 或 alt+q 恢复）",
		Resumed:         "显示已恢复",
		SentShown:       "显示已发送的数据",
		SentHiddenMsg:   "隐藏已发送的数据",
		EncodingSet:     "接收编码：%s",
		ClearedStatus:   "显示已清空（捕获的数据和计数都保留）",
		NoChunkToSelect: "屏幕上没有可选的数据",
		SelectionGone:   "选中的数据块已移出内存（捕获预算）",
		ChecksumsTitle:  "校验和 · #%d %s %s",
		ChecksumsStatus: "#%[1]d 的 %[2]s 数据块的校验和",
		Copied:          "已复制 #%[3]d 数据块的 %[1]d 个字符（%[2]s）到剪贴板",
		CopyTooBig:      "未复制：%s 超过了终端剪贴板能接受的 %s",
		FormText:        "文本",
		FormHex:         "十六进制",
		Saving:          "正在保存到 %s…",
		SavedConn:       "已保存 %[3]s（#%[2]d 收到的 %[1]s）",
		SavedSession:    "已保存 %[3]s（%[1]d 个事件，数据 %[2]s）",
		SaveDropped:     " — 之前已有 %s 移出内存（捕获预算）；--record 文件会保留全部",
		SaveFailed:      "保存失败：%v",
		NoConnToSave:    "请先在列表中选择一个连接（w 保存一个连接收到的字节）",

		Recording:     "● 录制 %s",
		RecordStopped: "✗ 录制 %s 已停止",

		KeyPause:       "暂停/恢复显示",
		KeyShowSent:    "显示已发送 开/关",
		KeyEncoding:    "编码 UTF-8/GBK/GB18030/Latin-1",
		KeyClearView:   "清空显示",
		KeySelect:      "选择数据块（校验和、复制）",
		KeySelectMove:  "上/下一个数据块",
		KeyChecksums:   "校验和",
		KeyCopy:        "复制（文本或十六进制）",
		KeySelectExit:  "退出选择",
		KeySave:        "保存连接收到的字节",
		KeySaveSession: "保存会话（JSON Lines）",
		KeySaveBoth:    "保存连接字节 / 会话 .jsonl",
	}
}
