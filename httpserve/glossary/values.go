package glossary

import (
	"strings"

	"github.com/netassist/netassist/netassist/i18n"
)

// Value is a well-known value of a field, or one directive of a list
// field: Cache-Control's max-age, Sec-Fetch-Mode's navigate, the gzip of
// Accept-Encoding.
type Value struct {
	Field string // canonical field name
	Name  string // the token or directive, without parameters: "max-age", "gzip"
	Kind  Kind   // messages where this meaning applies (Cache-Control differs)
	Ref   string // defining document
	Text  i18n.Text
}

// LookupValue explains one value of a field, case-insensitively: name is
// the token or directive alone ("max-age" of "max-age=0", "gzip" of
// "gzip;q=1"). k says whether the field is in a request or a response,
// since a Cache-Control directive means something different in each; when
// no meaning is given for k, another one is returned.
func LookupValue(k Kind, field, name string) (Value, bool) {
	vs := valueIndex[valueKey(field, name)]
	for _, v := range vs {
		if v.Kind&k != 0 {
			return v, true
		}
	}
	if len(vs) > 0 {
		return vs[0], true
	}
	return Value{}, false
}

// Values returns every explained value, in table order.
func Values() []Value {
	var out []Value
	for _, e := range valueTable {
		for _, f := range e.fields {
			out = append(out, e.value(f))
		}
	}
	return out
}

type valueEntry struct {
	fields []string // the fields where the value appears
	name   string
	kind   Kind
	ref    string
	en, zh string
}

func (e valueEntry) value(field string) Value {
	return Value{Field: field, Name: e.name, Kind: e.kind, Ref: e.ref,
		Text: i18n.Text{En: e.en, Zh: e.zh}}
}

func valueKey(field, name string) string {
	return strings.ToLower(strings.TrimSpace(field)) + "\x00" + strings.ToLower(strings.TrimSpace(name))
}

// valueIndex maps field and name to their meanings; built once, read-only.
var valueIndex = func() map[string][]Value {
	m := map[string][]Value{}
	for _, e := range valueTable {
		for _, f := range e.fields {
			k := valueKey(f, e.name)
			m[k] = append(m[k], e.value(f))
		}
	}
	return m
}()

var (
	cacheControl = []string{"Cache-Control"}
	fetchSite    = []string{"Sec-Fetch-Site"}
	fetchMode    = []string{"Sec-Fetch-Mode"}
	fetchDest    = []string{"Sec-Fetch-Dest"}
	codings      = []string{"Accept-Encoding", "Content-Encoding"}
)

const (
	reqCC  = "RFC 9111 §5.2.1."
	respCC = "RFC 9111 §5.2.2."
	coding = "RFC 9110 §8.4.1."
)

var valueTable = []valueEntry{
	{cacheControl, "max-age", Request, reqCC + "1",
		"accept a stored copy at most N seconds old; max-age=0 asks to revalidate",
		"只接受存放不超过 N 秒的副本；max-age=0 要求重新验证"},
	{cacheControl, "max-stale", Request, reqCC + "2",
		"a stale stored copy will do (up to N seconds past its expiry)",
		"可以接受已过期的副本（最多过期 N 秒）"},
	{cacheControl, "min-fresh", Request, reqCC + "3",
		"wants a copy that stays fresh for at least N more seconds",
		"要求副本至少还能保持新鲜 N 秒"},
	{cacheControl, "no-cache", Request, reqCC + "4",
		"do not answer from a cache without checking with the origin server first",
		"不要未经源服务器确认就直接用缓存应答"},
	{cacheControl, "no-store", Request, reqCC + "5",
		"store nothing of this request or of its response",
		"不要保存本请求及其响应的任何内容"},
	{cacheControl, "no-transform", Both, reqCC + "6",
		"proxies must not change the content (e.g. recompress images)",
		"代理不得改动内容（如重新压缩图片）"},
	{cacheControl, "only-if-cached", Request, reqCC + "7",
		"answer from a cache only; with no stored copy, the answer is 504",
		"只用缓存应答；没有副本时回 504"},
	{cacheControl, "max-age", Response, respCC + "1",
		"the response stays fresh for N seconds after it was made",
		"响应生成后的 N 秒内保持新鲜，可直接使用"},
	{cacheControl, "s-maxage", Response, respCC + "10",
		"like max-age, but for shared caches (proxies, CDNs) only",
		"与 max-age 相同，但只针对共享缓存（代理、CDN）"},
	{cacheControl, "no-cache", Response, respCC + "4",
		"may be stored, but must be revalidated with the server before each use",
		"可以缓存，但每次使用前都必须向服务器验证"},
	{cacheControl, "no-store", Response, respCC + "5",
		"must not be stored by any cache",
		"任何缓存都不得保存本响应"},
	{cacheControl, "private", Response, respCC + "7",
		"only the user's own (browser) cache may store it, no shared cache",
		"只有用户自己的（浏览器）缓存可以保存，共享缓存不行"},
	{cacheControl, "public", Response, respCC + "9",
		"any cache may store it, even where it normally would not",
		"任何缓存都可以保存，即使通常不允许"},
	{cacheControl, "must-revalidate", Response, respCC + "2",
		"once stale, it must not be used before revalidating with the server",
		"过期后必须先向服务器验证，才能再次使用"},
	{cacheControl, "proxy-revalidate", Response, respCC + "8",
		"like must-revalidate, for shared caches only",
		"与 must-revalidate 相同，只针对共享缓存"},
	{cacheControl, "must-understand", Response, respCC + "3",
		"store it only if the cache knows the caching rules of this status code",
		"缓存只有理解该状态码的缓存规则时才可保存"},
	{cacheControl, "immutable", Response, "RFC 8246",
		"will not change while fresh: no need to revalidate, even on reload",
		"新鲜期内不会改变：即使刷新页面也不必重新验证"},
	{cacheControl, "stale-while-revalidate", Response, "RFC 5861 §3",
		"a stale copy may be used for N seconds while it is revalidated in the background",
		"过期后 N 秒内可先用旧副本，同时在后台重新验证"},
	{cacheControl, "stale-if-error", Response, "RFC 5861 §4",
		"a stale copy may be used for N seconds when the server fails (5xx)",
		"服务器出错（5xx）时，N 秒内可用过期副本应答"},

	{fetchSite, "none", Request, refFetchMetadata,
		"the user started it (typed the address, a bookmark), not a page",
		"由用户直接发起（输入地址、书签），而非某个页面"},
	{fetchSite, "same-origin", Request, refFetchMetadata,
		"started by a page of the same origin (same scheme, host and port)",
		"由同源（协议、主机、端口都相同）的页面发起"},
	{fetchSite, "same-site", Request, refFetchMetadata,
		"started by a page of the same site, e.g. another subdomain",
		"由同一站点（如另一个子域名）的页面发起"},
	{fetchSite, "cross-site", Request, refFetchMetadata,
		"started by a page of another site",
		"由其他站点的页面发起"},
	{fetchMode, "navigate", Request, refFetchMetadata,
		"a navigation: opening a page in a window or a frame",
		"页面导航：在窗口或框架中打开页面"},
	{fetchMode, "no-cors", Request, refFetchMetadata,
		"an embedded resource (image, style, script) loaded without CORS",
		"不经 CORS 加载的嵌入资源（图片、样式、脚本）"},
	{fetchMode, "cors", Request, refFetchMetadata,
		"a script's cross-origin request, under CORS rules",
		"脚本按 CORS 规则发起的跨源请求"},
	{fetchMode, "same-origin", Request, refFetchMetadata,
		"a request that may only go to the same origin",
		"只允许发往同源的请求"},
	{fetchMode, "websocket", Request, refFetchMetadata,
		"a WebSocket handshake",
		"WebSocket 握手"},
	{fetchDest, "document", Request, refFetchMetadata,
		"a top-level page",
		"顶层页面"},
	{fetchDest, "iframe", Request, refFetchMetadata,
		"a page inside an <iframe>",
		"<iframe> 中的页面"},
	{fetchDest, "image", Request, refFetchMetadata,
		"an image, e.g. for <img> or the site icon (favicon.ico)",
		"图片，如 <img> 或网站图标（favicon.ico）"},
	{fetchDest, "style", Request, refFetchMetadata,
		"a stylesheet, e.g. from <link rel=stylesheet>",
		"样式表，如 <link rel=stylesheet> 引用的文件"},
	{fetchDest, "script", Request, refFetchMetadata,
		"a script, e.g. from <script src>",
		"脚本，如 <script src> 引用的文件"},
	{fetchDest, "font", Request, refFetchMetadata,
		"a web font",
		"网页字体"},
	{fetchDest, "empty", Request, refFetchMetadata,
		"no element: fetch() or XMLHttpRequest from a script",
		"没有对应元素：脚本中的 fetch() 或 XMLHttpRequest"},
	{fetchDest, "manifest", Request, refFetchMetadata,
		"a web app manifest",
		"Web 应用清单（manifest）"},
	{fetchDest, "audio", Request, refFetchMetadata,
		"audio for an <audio> element",
		"<audio> 元素的音频"},
	{fetchDest, "video", Request, refFetchMetadata,
		"video for a <video> element",
		"<video> 元素的视频"},
	{fetchDest, "worker", Request, refFetchMetadata,
		"the script of a web worker",
		"Web Worker 的脚本"},
	{fetchDest, "serviceworker", Request, refFetchMetadata,
		"the script of a service worker",
		"Service Worker 的脚本"},
	{[]string{"Sec-Fetch-User"}, "?1", Request, refFetchMetadata,
		"true: a user action started this navigation",
		"真：这次导航由用户操作触发"},
	{[]string{"Sec-CH-UA-Mobile"}, "?0", Request, refUACH,
		"false: not a mobile device",
		"假：不是移动设备"},
	{[]string{"Sec-CH-UA-Mobile"}, "?1", Request, refUACH,
		"true: a mobile device",
		"真：移动设备"},
	{[]string{"Upgrade-Insecure-Requests"}, "1", Request, "Upgrade Insecure Requests (W3C)",
		"yes: the browser would rather get this over HTTPS",
		"是：浏览器更希望通过 HTTPS 获取"},
	{[]string{"Expect"}, "100-continue", Request, "RFC 9110 §10.1.1",
		"wait for an interim 100 (Continue) before sending the body",
		"先等临时响应 100（Continue），再发送请求数据"},

	{[]string{"Connection"}, "keep-alive", Both, "RFC 9112 §9.3",
		"keep the connection open for more requests (the HTTP/1.1 default)",
		"保持连接以发送更多请求（HTTP/1.1 的默认行为）"},
	{[]string{"Connection"}, "close", Both, "RFC 9112 §9.6",
		"close the connection after this message",
		"本报文之后关闭连接"},
	{[]string{"Connection"}, "upgrade", Both, "RFC 9110 §7.8",
		"the Upgrade field is for this hop only: a request to switch protocols",
		"Upgrade 字段只作用于这一跳：请求切换协议"},

	{codings, "gzip", Both, coding + "3",
		"gzip (DEFLATE with a gzip header): the encoded body starts with 1f 8b",
		"gzip 压缩（带 gzip 头的 DEFLATE），编码后的正文以 1f 8b 开头"},
	{codings, "deflate", Both, coding + "2",
		"DEFLATE compression inside a zlib wrapper",
		"zlib 封装的 DEFLATE 压缩"},
	{codings, "br", Both, "RFC 7932",
		"Brotli: usually smaller than gzip for text",
		"Brotli 压缩：压缩文本通常比 gzip 更小"},
	{codings, "zstd", Both, "RFC 8878",
		"Zstandard: fast, and about as small as Brotli",
		"Zstandard 压缩：速度快，压缩率接近 Brotli"},
	{codings, "identity", Both, "RFC 9110 §12.5.3",
		"no encoding: the body as it is",
		"不编码：正文保持原样"},
	{codings, "compress", Both, coding + "1",
		"old UNIX compress (LZW); browsers no longer use it",
		"旧的 UNIX compress（LZW）压缩，浏览器已不再使用"},
	{codings, "x-gzip", Both, coding + "3",
		"an old alias of gzip",
		"gzip 的旧别名"},
	{[]string{"Accept-Encoding"}, "*", Request, "RFC 9110 §12.5.3",
		"any coding not named elsewhere in the field",
		"字段中没有列出的任何其他编码"},
	{[]string{"Transfer-Encoding"}, "chunked", Both, "RFC 9112 §7.1",
		"the body comes in chunks, each after its size in hex; size 0 ends it",
		"正文分块发送，每块前写十六进制大小，大小 0 表示结束"},
	{[]string{"TE"}, "trailers", Request, "RFC 9110 §10.1.4",
		"the client will read trailer fields after a chunked body",
		"客户端会读取分块正文之后的尾部字段"},
}
