package glossary

import (
	"fmt"
	"strings"

	"github.com/netassist/netassist/netassist/i18n"
)

// chinese uses the terms of the Chinese teaching notes: 请求行, 请求头部,
// 空行, 请求数据; 状态行, 响应头部, 响应正文.
var chinese = Phrases{
	RequestLine:     "请求行",
	Method:          "请求方法",
	Target:          "请求目标（URL）",
	Version:         "协议版本",
	StatusLine:      "状态行",
	StatusCode:      "状态码",
	ReasonPhrase:    "原因短语",
	RequestHeaders:  "请求头部",
	ResponseHeaders: "响应头部",
	HeaderName:      "字段名",
	HeaderValue:     "字段值",
	CRLF:            `CRLF \r\n：行结束`,
	BareLF:          `只有 LF \n：HTTP 的每行应以 CRLF \r\n 结尾`,
	BlankLine:       "空行：头部到此结束，后面是正文",
	RequestBody:     "请求数据",
	ResponseBody:    "响应正文",
	ChunkSizeLine:   "块大小行",
	ChunkData:       "块数据",
	LastChunk:       "最后一块（大小为 0）：正文结束",
	Trailer:         "尾部字段",

	NotRegistered: "未注册的头部字段",
	RegisteredOnly: func(e RegistryEntry) string {
		return fmt.Sprintf("已在 IANA 注册（%s，%s）；此处暂无解释",
			e.Status.Label(i18n.Chinese), e.Ref)
	},
	UnknownStatus: func(code int) string {
		if ClassOf(code) == NoClass {
			return fmt.Sprintf("%d 不是有效的状态码（应在 100 到 599 之间）", code)
		}
		return fmt.Sprintf("%d 不是已注册的状态码；客户端按 %d 处理", code, code/100*100)
	},

	Bytes: zhBytes,
	ChunkSize: func(hex string, n int64) string {
		return fmt.Sprintf("块大小 %s（十六进制）= %s", hex, zhBytes(n))
	},

	QPreferred: func(item, q string) string { return zhQ(item, "首选", q) },
	QAccepted:  func(item, q string) string { return zhQ(item, "可接受", q) },
	QRefused:   func(item, q string) string { return zhQ(item, "拒绝", q) },

	LengthMatches: func(n int64) string {
		return "正文与 Content-Length 一致：" + zhBytes(n)
	},
	LengthMismatch: func(declared, actual int64) string {
		return fmt.Sprintf("Content-Length 写的是 %s，正文实际有 %s", group(declared), zhBytes(actual))
	},
	LengthShort: func(declared, got int64) string {
		return fmt.Sprintf("Content-Length 写的是 %s，目前只收到 %s", group(declared), zhBytes(got))
	},
	Chunked: func(chunks int, n int64) string {
		return fmt.Sprintf("分块传输：%s 块，共 %s", group(int64(chunks)), zhBytes(n))
	},
	ChunkedUnfinished: func(chunks int, n int64) string {
		return fmt.Sprintf("分块传输：已收 %s 块共 %s，还没有最后一块", group(int64(chunks)), zhBytes(n))
	},
	UntilClose:    "正文一直持续到连接关闭",
	NoRequestBody: "没有请求数据：请求既无 Content-Length 也无 Transfer-Encoding",
	NoBodyStatus: func(code int) string {
		return fmt.Sprintf("没有正文：%d 响应从不带正文", code)
	},
	NoBodyHEAD:      "没有正文：HEAD 的响应不带正文（Content-Length 指 GET 的）",
	TEOverridesCL:   "Transfer-Encoding 优先于 Content-Length（两者同时出现很可疑）",
	HTTP10IgnoresTE: "HTTP/1.0 忽略 Transfer-Encoding，按没有该字段来分帧",
	ExtraBytes: func(n int64) string {
		return fmt.Sprintf("本报文之后还有 %s：下一个报文，或多余数据", zhBytes(n))
	},
}

func zhBytes(n int64) string { return group(n) + " 字节" }

func zhQ(item, verdict, q string) string {
	switch wildKind(item) {
	case anyThing:
		item += "（其他任意）"
	case anyType:
		item += "（任意类型）"
	case anySub:
		item += "（任意 " + strings.TrimSuffix(item, "/*") + " 类型）"
	}
	return fmt.Sprintf("%s：%s，q=%s", item, verdict, q)
}
