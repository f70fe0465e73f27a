package check

import (
	"strconv"
	"strings"

	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist/i18n"
)

// Code describes one finding code: its usual severity, whether Fix knows
// its single right fix, and its message in each language, with %1, %2…
// standing for the finding's Args.
type Code struct {
	Code     string
	Severity wire.Severity // the severity it usually has (wire may lower it, e.g. obs-fold)
	Fixable  bool
	Text     i18n.Text
}

// codes is the catalogue, in the order of the README's table. The English
// texts are wire's (a test keeps them equal).
var codes = []Code{
	{wire.CodeBadStartLine, wire.Error, false, i18n.Text{
		En: "start line %1 is not an HTTP/1.x request or status line",
		Zh: "起始行 %1 不是 HTTP/1.x 的请求行或状态行"}},
	{wire.CodeLeadingEmpty, wire.Error, false, i18n.Text{
		En: "%1 empty line bytes before the start line",
		Zh: "起始行之前有 %1 个空行字节"}},
	{wire.CodeBareLF, wire.Warning, true, i18n.Text{
		En: "line ends in a bare LF instead of CRLF",
		Zh: "行尾只有 LF，应为 CRLF"}},
	{wire.CodeNoBlankLine, wire.Error, true, i18n.Text{
		En: "the head never ends: no empty line after the fields",
		Zh: "头部没有结束：字段之后缺少空行"}},
	{wire.CodeBadHeaderName, wire.Error, false, i18n.Text{
		En: "field name %1 is not a valid token",
		Zh: "字段名 %1 不是合法的 token"}},
	{wire.CodeNoColon, wire.Error, false, i18n.Text{
		En: "field line %1 has no colon",
		Zh: "字段行 %1 没有冒号"}},
	{wire.CodeBadHeaderValue, wire.Error, false, i18n.Text{
		En: "field %1 has a control character in its value",
		Zh: "字段 %1 的值里有控制字符"}},
	{wire.CodeObsFold, wire.Warning, false, i18n.Text{
		En: "field %1 is folded onto a second line (obsolete line folding)",
		Zh: "字段 %1 折到了下一行（已废弃的折行写法）"}},
	{wire.CodeCLInvalid, wire.Error, true, i18n.Text{
		En: "Content-Length %1 is not one valid number",
		Zh: "Content-Length %1 不是一个有效的数字"}},
	{wire.CodeCLMismatch, wire.Error, true, i18n.Text{
		En: "Content-Length says %1, the body has %2 bytes",
		Zh: "Content-Length 写的是 %1，正文实际有 %2 字节"}},
	{wire.CodeCLAndTE, wire.Warning, true, i18n.Text{
		En: "both Transfer-Encoding and Content-Length: Content-Length is ignored",
		Zh: "同时有 Transfer-Encoding 和 Content-Length：Content-Length 被忽略"}},
	{wire.CodeTEIgnored, wire.Warning, false, i18n.Text{
		En: "Transfer-Encoding %1 on HTTP/1.0 is ignored",
		Zh: "HTTP/1.0 忽略 Transfer-Encoding %1"}},
	{wire.CodeTENotChunked, wire.Error, false, i18n.Text{
		En: "Transfer-Encoding %1 does not end in chunked: the body runs until the connection closes",
		Zh: "Transfer-Encoding %1 不以 chunked 结尾：正文一直持续到连接关闭"}},
	{wire.CodeTEUnsupported, wire.Error, false, i18n.Text{
		En: "Transfer-Encoding %1 is not one field saying chunked alone: net/http refuses the message",
		Zh: "Transfer-Encoding %1 不是单独一个只写 chunked 的字段：net/http 会拒收这个报文"}},
	{wire.CodeBadChunked, wire.Error, false, i18n.Text{
		En: "chunked framing broken: %1",
		Zh: "分块格式错误：%1"}},
	{wire.CodeBodyNotAllowed, wire.Error, false, i18n.Text{
		En: "%1 bytes follow a message that cannot have a body",
		Zh: "不能带正文的报文后面还有 %1 字节"}},
	{wire.CodeBodyNoLength, wire.Error, true, i18n.Text{
		En: "%1 bytes follow a request without Content-Length or Transfer-Encoding, which has no body",
		Zh: "请求没有 Content-Length 也没有 Transfer-Encoding，不带正文，后面却还有 %1 字节"}},
	{wire.CodeHeadTooLarge, wire.Error, false, i18n.Text{
		En: "head longer than %1 bytes",
		Zh: "头部超过 %1 字节"}},
	{wire.CodeEncodingMismatch, wire.Error, false, i18n.Text{
		En: "Content-Encoding says %1 but the body is not %1",
		Zh: "Content-Encoding 写的是 %1，但正文不是 %1 格式"}},
	{wire.CodeNoContentType, wire.Warning, false, i18n.Text{
		En: "no Content-Type",
		Zh: "没有 Content-Type"}},
	{CodeNoHost, wire.Error, false, i18n.Text{
		En: "HTTP/1.1 request without Host: a server must answer 400",
		Zh: "HTTP/1.1 请求缺少 Host：服务器必须回 400"}},
	{wire.CodeBadTarget, wire.Error, false, i18n.Text{
		En: "request target %1 is not a valid URI: a server answers 400",
		Zh: "请求目标 %1 不是合法的 URI：服务器会回 400"}},
	{wire.CodeVersionUnsupported, wire.Error, false, i18n.Text{
		En: "version %1 is not HTTP/1.x: a server answers 505",
		Zh: "版本 %1 不是 HTTP/1.x：服务器会回 505"}},
	{wire.CodeManyHosts, wire.Error, false, i18n.Text{
		En: "a second Host field: a request has one, a server answers 400",
		Zh: "出现了第二个 Host 字段：请求只能有一个，服务器会回 400"}},
	{wire.CodeBadHost, wire.Error, false, i18n.Text{
		En: "Host %1 has a character no host name or port has: a server answers 400",
		Zh: "Host %1 含有主机名和端口里不会出现的字符：服务器会回 400"}},
	{wire.CodeExpectUnsupported, wire.Error, false, i18n.Text{
		En: "Expect %1 is not 100-continue: a server answers 417",
		Zh: "Expect %1 不是 100-continue：服务器会回 417"}},
}

var codeIndex = func() map[string]Code {
	m := make(map[string]Code, len(codes))
	for _, c := range codes {
		m[c.Code] = c
	}
	return m
}()

// Codes returns every finding code the checker may report, in a stable
// order (the README's table).
func Codes() []Code { return append([]Code(nil), codes...) }

// LookupCode returns the description of a finding code.
func LookupCode(code string) (Code, bool) {
	c, ok := codeIndex[code]
	return c, ok
}

// Message is the finding's text in language l: `Content-Length says 20,
// the body has 46 bytes` / `Content-Length 写的是 20，正文实际有 46 字节`.
// Values from the wire in Args are rendered by netassist/render and quoted
// by whoever made the finding, so the text holds no control character and
// is shown as it is, never escaped again. An unknown code gives the code
// itself.
func Message(f wire.Finding, l i18n.Lang) string {
	c, ok := codeIndex[f.Code]
	if !ok {
		return f.Code
	}
	msg := c.Text.In(l)
	for i := len(f.Args); i > 0; i-- {
		a := f.Args[i-1]
		if l == i18n.Chinese && f.Code == wire.CodeBadChunked {
			a = chunkedReasonZh(a)
		}
		msg = strings.ReplaceAll(msg, "%"+strconv.Itoa(i), a)
	}
	return msg
}

// Line is the finding as `check` prints it: severity, code, offset and
// the message in language l, e.g. `error content-length-mismatch @62:
// Content-Length says 20, the body has 46 bytes` / `错误
// content-length-mismatch @62: Content-Length 写的是 20，…`. The code is
// a stable name and stays as it is in every language.
func Line(f wire.Finding, l i18n.Lang) string {
	return SeverityWord(f.Severity, l) + " " + f.Code + " @" + strconv.FormatInt(f.Off, 10) + ": " + Message(f, l)
}

// FixedLine is a finding Fix applied, as `check --fix` reports it on
// stderr: "fixed: " and its Line / "已修复：" and its Line.
func FixedLine(f wire.Finding, l i18n.Lang) string {
	return i18n.Text{En: "fixed: ", Zh: "已修复："}.In(l) + Line(f, l)
}

// severityWords are the severities in each language ("error" / "错误").
var severityWords = map[wire.Severity]i18n.Text{
	wire.Error:   {En: "error", Zh: "错误"},
	wire.Warning: {En: "warning", Zh: "警告"},
	wire.Info:    {En: "info", Zh: "提示"},
}

// SeverityWord is sev in language l: "error", "warning", "info" / "错误",
// "警告", "提示". (`check --format jsonl` keeps wire.Severity.String().)
func SeverityWord(sev wire.Severity, l i18n.Lang) string {
	if t, ok := severityWords[sev]; ok {
		return t.In(l)
	}
	return sev.String()
}

// chunkedReasonZh translates the reasons wire gives for bad-chunked; a
// test makes each of them fail and checks every one is translated.
func chunkedReasonZh(s string) string {
	fixed := map[string]string{
		"the body ends before its last chunk": "正文在最后一块（大小为 0）之前就结束了",
		"whitespace before a chunk extension": "块扩展（;）之前有空白",
		"a CR inside a chunk line":            "块大小行中间出现了 CR",
	}
	if t, ok := fixed[s]; ok {
		return t
	}
	if n, ok := strings.CutPrefix(s, "line longer than "); ok {
		return "一行超过了 " + strings.TrimSuffix(n, " bytes") + " 字节"
	}
	if n, ok := strings.CutPrefix(s, "trailer longer than "); ok {
		return "尾部字段超过了 " + strings.TrimSuffix(n, " bytes") + " 字节"
	}
	if n, ok := strings.CutPrefix(s, "chunk data longer than its size "); ok {
		return "块数据比它声明的大小 " + n + "（十六进制）更长"
	}
	if rest, ok := strings.CutPrefix(s, "chunk size "); ok {
		if q, ok := strings.CutSuffix(rest, " is not 1 to 16 hex digits"); ok {
			return "块大小 " + q + " 不是 1 到 16 位十六进制数字"
		}
		if q, ok := strings.CutSuffix(rest, " is not a hex number"); ok {
			return "块大小 " + q + " 不是十六进制数"
		}
	}
	return s
}

// Summary counts findings by severity in language l: "no findings", "1
// error, 2 warnings" / "没有发现问题", "1 个错误，2 个警告".
func Summary(fs []wire.Finding, l i18n.Lang) string {
	var n [3]int
	for _, f := range fs {
		if int(f.Severity) < len(n) {
			n[f.Severity]++
		}
	}
	type word struct{ one, many, zh string }
	words := [3]word{
		wire.Error:   {"error", "errors", "个错误"},
		wire.Warning: {"warning", "warnings", "个警告"},
		wire.Info:    {"note", "notes", "条提示"},
	}
	var parts []string
	for _, sev := range []wire.Severity{wire.Error, wire.Warning, wire.Info} {
		c := n[sev]
		switch {
		case c == 0:
		case l == i18n.Chinese:
			parts = append(parts, strconv.Itoa(c)+" "+words[sev].zh)
		case c == 1:
			parts = append(parts, "1 "+words[sev].one)
		default:
			parts = append(parts, strconv.Itoa(c)+" "+words[sev].many)
		}
	}
	switch {
	case len(parts) > 0 && l == i18n.Chinese:
		return strings.Join(parts, "，")
	case len(parts) > 0:
		return strings.Join(parts, ", ")
	case l == i18n.Chinese:
		return "没有发现问题"
	}
	return "no findings"
}
