package i18n

// LabText holds the encoding lab's strings (the Web tab, issue 14 item 3).
// The reasons for each coding come from httpserve/lab, in the same
// language.
type LabText struct {
	Title       string // %d exchange ID, %s method and target
	Measuring   string
	Failed      string // %v why
	NoBody      string
	NotWhole    string
	TooLarge    string // %s limit
	FileChanged string
	FromFile    string // %s file name
	FromCapture string
	Columns     string // the table's head: coding|size|ratio|time
	Sent        string
	Client      string // %s the Accept-Encoding values
	NoClient    string
	HexHead     string // %s coding
	NoBytes     string

	KeyLab, KeyCoding, KeyClose string
}

func englishLab() LabText {
	return LabText{
		Title:       "Encoding lab #%d · %s",
		Measuring:   "measuring every coding… (in the background: keep working)",
		Failed:      "cannot measure: %v",
		NoBody:      "no response body to measure (held, HEAD, 204 or 304, or nothing sent)",
		NotWhole:    "the response body is not in the capture whole, and no file is behind it",
		TooLarge:    "the body is larger than %s: too large for the lab",
		FileChanged: "the file changed since it was served: measured as it is now",
		FromFile:    "body: %s, the file the site served, encoded by the server's own encoders",
		FromCapture: "body: the response as captured, decoded, encoded again by the server's own encoders",
		Columns:     "coding|size|ratio|time",
		Sent:        "← sent",
		Client:      "the client said  Accept-Encoding: %s",
		NoClient:    "the client sent no Accept-Encoding",
		HexHead:     "first bytes sent as %s ⇄ the text they decode to (←/→)",
		NoBytes:     "(empty)",

		KeyLab:    "encoding lab",
		KeyCoding: "coding shown",
		KeyClose:  "close",
	}
}

func chineseLab() LabText {
	return LabText{
		Title:       "编码实验室 #%d · %s",
		Measuring:   "正在测量每种编码…（在后台进行：可以继续操作）",
		Failed:      "无法测量：%v",
		NoBody:      "没有可测量的响应正文（挂起、HEAD、204 或 304，或没有发送）",
		NotWhole:    "捕获中没有完整的响应正文，也没有对应的文件",
		TooLarge:    "正文大于 %s：实验室无法处理",
		FileChanged: "文件在发送后已改变：按现在的内容测量",
		FromFile:    "正文：%s，站点发送的文件，用服务器自己的编码器编码",
		FromCapture: "正文：捕获到的响应，解码后再用服务器自己的编码器编码",
		Columns:     "编码|大小|比例|耗时",
		Sent:        "← 已发送",
		Client:      "客户端发送  Accept-Encoding: %s",
		NoClient:    "客户端没有发送 Accept-Encoding",
		HexHead:     "以 %s 发送的前几个字节 ⇄ 解码后的文本（←/→）",
		NoBytes:     "（空）",

		KeyLab:    "编码实验室",
		KeyCoding: "显示的编码",
		KeyClose:  "关闭",
	}
}
