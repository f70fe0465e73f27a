package annotate

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/netassist/netassist/netassist/i18n"
)

// text is what annotate says beyond the glossary's phrases, in one
// language. Phrases taking values are functions; the values are rendered
// (safe) before they are passed in.
type text struct {
	Request, Response, Interim func(n int) string // message titles
	BlankLine                  string             // section title
	Extra                      string             // section title: bytes after a message
	Colon                      string             // between a term and its explanation

	HTTP11, HTTP10 string
	Methods        map[string]string
	UnknownMethod  string
	OriginForm     string // "/path?query"
	AbsoluteForm   string // "http://host/path", to a proxy
	AuthorityForm  string // "host:port", CONNECT
	AsteriskForm   string // "*", OPTIONS
	PercentDecoded func(s string) string
	BasicDecoded   func(s string) string
	ReasonDiffers  func(usual string) string

	Tunnel        string
	Encoded       func(coding, sent, decoded string) string
	UnknownCoding func(coding string) string
	NotDecoded    func(coding string) string
	DecodedShown  func(coding, size string) string
	More          func(size string) string
	ChunkExt      func(ext string) string
	ChunkedEnd    string
	Form          func(fields string) string
	// A view cut at a size limit (Options.Cut).
	CutLength func(declared, shown string) string
	Cut       func(size string) string

	// Record streams (--record input).
	Stream  func(tab string, conn uint64, dir string, size string) string
	DirIn   string // "in (received)"
	DirOut  string // "out (sent)"
	Omitted func(size string) string
	Session func(n int) string
}

var english = text{
	Request:   func(n int) string { return fmt.Sprintf("request %d", n) },
	Response:  func(n int) string { return fmt.Sprintf("response %d", n) },
	Interim:   func(n int) string { return fmt.Sprintf("response %d (interim)", n) },
	BlankLine: "blank line",
	Extra:     "after the message",
	Colon:     ": ",

	HTTP11: "HTTP/1.1: the connection stays open for the next request unless a side sends Connection: close",
	HTTP10: "HTTP/1.0: the connection closes after the response unless both sides agree on keep-alive",
	Methods: map[string]string{
		"GET":     "fetch the resource; no body, safe to repeat",
		"HEAD":    "like GET, but the response carries the headers only",
		"POST":    "send data for the resource to process (a form, an upload)",
		"PUT":     "store the body at this URL, replacing what is there",
		"DELETE":  "remove the resource",
		"CONNECT": "open a tunnel to host:port through a proxy (how HTTPS crosses one)",
		"OPTIONS": "ask what the server allows (a CORS preflight does this)",
		"TRACE":   "echo the request back, for debugging",
		"PATCH":   "change part of the resource",
	},
	UnknownMethod:  "not a standard method (RFC 9110 §9); a server answers 501 or 405",
	OriginForm:     "the path (and query) on this server",
	AbsoluteForm:   "a whole URL: the form a client uses with a proxy",
	AuthorityForm:  "host:port: where a CONNECT tunnel goes",
	AsteriskForm:   "the server as a whole (OPTIONS *)",
	PercentDecoded: func(s string) string { return "percent-decoded: " + s },
	BasicDecoded: func(s string) string {
		return "base64-decoded: " + s + " (user:password, readable by anyone who sees the request)"
	},
	ReasonDiffers: func(usual string) string {
		return fmt.Sprintf("the usual reason phrase is \"%s\"; any text will do: clients read the code", usual)
	},

	Tunnel: "no body: the connection switches protocols, what follows is not HTTP",
	Encoded: func(coding, sent, decoded string) string {
		return fmt.Sprintf("%s-encoded body: %s as sent, %s decoded", coding, sent, decoded)
	},
	UnknownCoding: func(coding string) string { return fmt.Sprintf("content coding %s: unknown here, not decoded", coding) },
	NotDecoded:    func(coding string) string { return fmt.Sprintf("the body does not decode as %s", coding) },
	DecodedShown: func(coding, size string) string {
		return fmt.Sprintf("decoded (%s), the first %s:", coding, size)
	},
	More:       func(size string) string { return "… " + size + " more not shown" },
	ChunkExt:   func(ext string) string { return "chunk extension " + ext + " (rarely used; ignored by most)" },
	ChunkedEnd: "empty line: the chunked body, and the message, end here",
	Form:       func(fields string) string { return "form fields: " + fields },
	CutLength: func(declared, shown string) string {
		return fmt.Sprintf("Content-Length says %s; the first %s of the body are shown", declared, shown)
	},
	Cut: func(size string) string {
		return fmt.Sprintf("only the first %s of the stream are shown here: the message goes on beyond them", size)
	},

	Stream: func(tab string, conn uint64, dir string, size string) string {
		return fmt.Sprintf("%s · connection %d · %s · %s", tab, conn, dir, size)
	},
	DirIn:   "in (received by netassist)",
	DirOut:  "out (sent by netassist)",
	Omitted: func(size string) string { return size + " sent but not recorded (a file sent with sendfile)" },
	Session: func(n int) string { return fmt.Sprintf("run %d of the record", n) },
}

var chinese = text{
	Request:   func(n int) string { return fmt.Sprintf("请求 %d", n) },
	Response:  func(n int) string { return fmt.Sprintf("响应 %d", n) },
	Interim:   func(n int) string { return fmt.Sprintf("响应 %d（临时响应）", n) },
	BlankLine: "空行",
	Extra:     "报文之后",
	Colon:     "：",

	HTTP11: "HTTP/1.1：默认保持连接，等待下一个请求，除非一方发送 Connection: close",
	HTTP10: "HTTP/1.0：默认响应后关闭连接，除非双方约定 keep-alive",
	Methods: map[string]string{
		"GET":     "获取资源；不带请求数据，可以安全地重复",
		"HEAD":    "与 GET 相同，但响应只有头部",
		"POST":    "提交数据给资源处理（表单、上传）",
		"PUT":     "把请求数据存到这个 URL，替换原有内容",
		"DELETE":  "删除资源",
		"CONNECT": "通过代理建立到 host:port 的隧道（HTTPS 经代理时用）",
		"OPTIONS": "询问服务器允许什么（CORS 预检就是它）",
		"TRACE":   "把请求原样返回，用于调试",
		"PATCH":   "修改资源的一部分",
	},
	UnknownMethod:  "不是标准方法（RFC 9110 §9）；服务器会回 501 或 405",
	OriginForm:     "本服务器上的路径（及查询参数）",
	AbsoluteForm:   "完整 URL：客户端通过代理访问时的写法",
	AuthorityForm:  "host:port：CONNECT 隧道的目的地",
	AsteriskForm:   "整个服务器（OPTIONS *）",
	PercentDecoded: func(s string) string { return "百分号解码后：" + s },
	BasicDecoded: func(s string) string {
		return "base64 解码后：" + s + "（用户名:密码，看到请求的人都能读出）"
	},
	ReasonDiffers: func(usual string) string {
		return fmt.Sprintf("通常的原因短语是“%s”；写什么都可以，客户端只看状态码", usual)
	},

	Tunnel: "没有正文：连接切换了协议，后面的数据不再是 HTTP",
	Encoded: func(coding, sent, decoded string) string {
		return fmt.Sprintf("%s 编码的正文：传输 %s，解码后 %s", coding, sent, decoded)
	},
	UnknownCoding: func(coding string) string {
		return fmt.Sprintf("内容编码 %s：此处不认识，未解码", coding)
	},
	NotDecoded: func(coding string) string { return fmt.Sprintf("正文无法按 %s 解码", coding) },
	DecodedShown: func(coding, size string) string {
		return fmt.Sprintf("解码（%s）后的前 %s：", coding, size)
	},
	More:       func(size string) string { return "… 还有 " + size + " 未显示" },
	ChunkExt:   func(ext string) string { return "块扩展 " + ext + "（很少使用，多数实现忽略）" },
	ChunkedEnd: "空行：分块正文和整个报文到此结束",
	Form:       func(fields string) string { return "表单字段：" + fields },
	CutLength: func(declared, shown string) string {
		return fmt.Sprintf("Content-Length 写的是 %s；这里显示正文的前 %s", declared, shown)
	},
	Cut: func(size string) string {
		return fmt.Sprintf("这里只显示数据流的前 %s：报文在此之后还没有结束", size)
	},

	Stream: func(tab string, conn uint64, dir string, size string) string {
		return fmt.Sprintf("%s · 连接 %d · %s · %s", tab, conn, dir, size)
	},
	DirIn:  "in（netassist 收到的）",
	DirOut: "out（netassist 发出的）",
	Omitted: func(size string) string {
		return "另有 " + size + " 已发送但未记录（用 sendfile 发送的文件）"
	},
	Session: func(n int) string { return fmt.Sprintf("记录中的第 %d 次运行", n) },
}

func textIn(l i18n.Lang) *text {
	if l == i18n.Chinese {
		return &chinese
	}
	return &english
}

// Version explains an HTTP version, or "" for one it has nothing to say
// about.
func (t *text) Version(major, minor int) string {
	switch {
	case major == 1 && minor == 1:
		return t.HTTP11
	case major == 1 && minor == 0:
		return t.HTTP10
	}
	return ""
}

// maxFormFields bounds the form fields read out.
const maxFormFields = 8

// form reads an urlencoded form out: "name = zhang san · city = 北京".
func (a *annotator) form(body []byte) string {
	var parts []string
	for pair := range strings.SplitSeq(string(body), "&") {
		if pair == "" {
			continue
		}
		if len(parts) == maxFormFields {
			parts = append(parts, "…")
			break
		}
		k, v, _ := strings.Cut(pair, "=")
		dk, err1 := url.QueryUnescape(k)
		dv, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return ""
		}
		parts = append(parts, show(dk)+" = "+show(dv))
	}
	if len(parts) == 0 {
		return ""
	}
	return a.t.Form(strings.Join(parts, " · "))
}
