package i18n

// EditorText holds the strings of the send and reply editors' own
// features: what a paste keeps, the send encoding, the live checker under
// the editor and the lesson template picker. Format strings say what
// their verbs are.
type EditorText struct {
	// Pastes.
	PasteEscapesOn  string // %s the escapes the paste needed ("\t \x1B")
	PasteTooTall    string // %d lines the paste would make, %d the most the editor holds
	PasteTooBig     string // %s the size the editor's text would have ("1.0 MiB"), %s the most it holds
	PasteOneLine    string // %s the character, shown escaped; %d its position (1-based)
	PasteTooLong    string // %d the most characters the field holds
	PasteRegexBytes string // %s the byte, shown escaped

	// Send encoding.
	PreviewBytesEnc string // %d byte count, %s encoding ("GBK")
	EncodingSet     string // %s encoding
	Unencodable     string // %s the characters (CharAt…, joined), %s encoding
	CharAt          string // %s character, %d line, %d column
	CharAtCol       string // %s character, %d column (the text has one line)
	ByteNotUTF8     string // %s the byte, escaped ("\xFF")
	MoreChars       string // %d how many more

	// The live checker under the editor.
	CheckClean     string
	CheckCount     string // %s the findings counted ("1 error, 2 warnings")
	CheckListHint  string // %s the key that lists them
	CheckFixHint   string // %s the key that fixes
	CheckMore      string // %d findings not shown
	CheckFixed     string // %s the codes fixed
	CheckNoFix     string
	CheckFixMacros string
	CheckFixHex    string

	// The lesson template picker (alt+t in the reply editors).
	LessonsTitle   string
	LessonsLoading string
	LessonsBroken  string // %s the finding codes it shows on purpose
	LessonEncode   string // %s the coding ("gzip")
	LessonDrip     string // %s the gap ("1s")
	LessonDripN    string // %d pieces, %s the gap
	LessonClose    string
	LessonLength   string
	LessonFrom     string // %s the user's file
	LessonsBadFile string // %d files not loaded, %s the first error
	LessonPicked   string // %s name, %s note
	LessonBadge    string // %s the template's ID
	BasicName      string
	BasicNote      string

	// Dripping a reply in pieces.
	DripBadge     string // %d pieces sent, %d pieces
	DripDone      string // %d bytes in all, %d pieces; %s what the last piece's send said
	DripStopped   string // %d pieces sent, %d pieces
	DripFailed    string // %d piece that failed, %s why
	DripAtOnce    string
	KeyDripCancel string

	// Key help labels.
	KeyEncoding, KeyFindings, KeyFix string
}

func englishEditor() EditorText {
	return EditorText{
		PasteEscapesOn:  "escapes turned on: the paste holds %s, kept as escapes (the editor's backslashes were doubled, so their bytes did not change)",
		PasteTooTall:    "not pasted: %d lines, the editor holds at most %d (send a file with ctrl+o)",
		PasteTooBig:     "not pasted: %s of text, the editor holds at most %s (send a file with ctrl+o)",
		PasteOneLine:    "not pasted: this one-line field cannot hold %s (character %d)",
		PasteTooLong:    "not pasted: this field holds at most %d characters",
		PasteRegexBytes: "not pasted: a regular expression cannot match the byte %s (not UTF-8); use contains with hex",

		PreviewBytesEnc: "%d bytes in %s: ",
		EncodingSet:     "send encoding: %s (typed characters; escapes and hex stay bytes)",
		Unencodable:     "not sent: %s cannot be encoded in %s",
		CharAt:          "%s at line %d, col %d",
		CharAtCol:       "%s at col %d",
		ByteNotUTF8:     "byte %s (not UTF-8)",
		MoreChars:       " (and %d more)",

		CheckClean:     "HTTP check: no findings",
		CheckCount:     "HTTP check: %s",
		CheckListHint:  " · %s list",
		CheckFixHint:   " · %s fix",
		CheckMore:      "… %d more",
		CheckFixed:     "fixed: %s",
		CheckNoFix:     "nothing to fix: no finding has a single right fix",
		CheckFixMacros: "cannot fix: the text has macros ({{…}}); fix it by hand",
		CheckFixHex:    "cannot fix in hex mode; fix the digits by hand",

		LessonsTitle:   "Lesson templates",
		LessonsLoading: "reading the templates…",
		LessonsBroken:  "broken on purpose: %s",
		LessonEncode:   "%s-compressed when sent",
		LessonDrip:     "sent in pieces %s apart",
		LessonDripN:    "sent in %d pieces %s apart",
		LessonClose:    "close after",
		LessonLength:   "Content-Length set when sent",
		LessonFrom:     "from %s",
		LessonsBadFile: "%d template file(s) not loaded: %s",
		LessonPicked:   "%s — %s",
		LessonBadge:    "lesson %s",
		BasicName:      "Short reply (200 OK, a little HTML)",
		BasicNote:      "The smallest complete reply: status line, headers, a blank line, then exactly Content-Length bytes of body.",

		DripBadge:     "drip %d/%d",
		DripDone:      "dripped %d bytes in %d pieces (the last piece: %s)",
		DripStopped:   "drip stopped after %d of %d pieces",
		DripFailed:    "drip stopped at piece %d: %s",
		DripAtOnce:    "sent at once: this tab answers a request in one piece (a drip works in the Server tab)",
		KeyDripCancel: "stop the drip",

		KeyEncoding: "send encoding",
		KeyFindings: "checker findings",
		KeyFix:      "apply the checker's fix",
	}
}

// chineseEditor is EditorText in Simplified Chinese (the terms of the
// teaching notes: 请求行, 状态行, 空行 …).
func chineseEditor() EditorText {
	return EditorText{
		PasteEscapesOn:  "已打开转义：粘贴的内容含有 %s，已按转义保留（编辑器里原有的反斜杠已加倍，发送的字节不变）",
		PasteTooTall:    "未粘贴：共 %d 行，编辑器最多 %d 行（请用 ctrl+o 发送文件）",
		PasteTooBig:     "未粘贴：文本共 %s，编辑器最多容纳 %s（请用 ctrl+o 发送文件）",
		PasteOneLine:    "未粘贴：这个单行输入框不能容纳 %s（第 %d 个字符）",
		PasteTooLong:    "未粘贴：这个输入框最多 %d 个字符",
		PasteRegexBytes: "未粘贴：正则表达式无法匹配字节 %s（不是 UTF-8）；请用“包含”加十六进制",

		PreviewBytesEnc: "%d 字节（%s）：",
		EncodingSet:     "发送编码：%s（只编码输入的字符；转义和十六进制仍是原样字节）",
		Unencodable:     "未发送：%s 无法用 %s 编码",
		CharAt:          "第 %[2]d 行第 %[3]d 列的 %[1]s",
		CharAtCol:       "第 %[2]d 列的 %[1]s",
		ByteNotUTF8:     "字节 %s（不是 UTF-8）",
		MoreChars:       "（另有 %d 个）",

		CheckClean:     "HTTP 检查：没有发现问题",
		CheckCount:     "HTTP 检查：%s",
		CheckListHint:  " · %s 列出",
		CheckFixHint:   " · %s 修正",
		CheckMore:      "…… 另有 %d 条",
		CheckFixed:     "已修正：%s",
		CheckNoFix:     "没有可修正的：没有哪条结果只有唯一正确的修正",
		CheckFixMacros: "无法修正：文本里有宏（{{…}}），请手动修改",
		CheckFixHex:    "十六进制模式下无法修正，请手动修改",

		LessonsTitle:   "教学模板",
		LessonsLoading: "正在读取模板……",
		LessonsBroken:  "故意写错：%s",
		LessonEncode:   "发送时用 %s 压缩",
		LessonDrip:     "分段发送，每段间隔 %s",
		LessonDripN:    "分 %d 段发送，每段间隔 %s",
		LessonClose:    "发送后关闭",
		LessonLength:   "发送时设置 Content-Length",
		LessonFrom:     "来自 %s",
		LessonsBadFile: "%d 个模板文件未能读取：%s",
		LessonPicked:   "%s —— %s",
		LessonBadge:    "模板 %s",
		BasicName:      "简短回复（200 OK，一点 HTML）",
		BasicNote:      "最小的完整响应：状态行、响应头部、空行，然后正好 Content-Length 个字节的响应正文。",

		DripBadge:     "分段 %d/%d",
		DripDone:      "共 %d 字节，已分 %d 段发送（最后一段：%s）",
		DripStopped:   "分段发送在第 %d 段（共 %d 段）后停止",
		DripFailed:    "分段发送在第 %d 段停止：%s",
		DripAtOnce:    "已一次发出：本页对一个请求只能回复一次（分段发送请用服务端页）",
		KeyDripCancel: "停止分段发送",

		KeyEncoding: "发送编码",
		KeyFindings: "检查结果",
		KeyFix:      "应用检查器的修正",
	}
}
