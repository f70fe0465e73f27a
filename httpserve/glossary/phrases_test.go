package glossary

import (
	"testing"

	"github.com/netassist/netassist/netassist/i18n"
)

func TestPhrasesComplete(t *testing.T) {
	i18n.CheckComplete(t, map[i18n.Lang]Phrases{
		i18n.English: PhrasesIn(i18n.English),
		i18n.Chinese: PhrasesIn(i18n.Chinese),
	})
}

// The readouts the issue and the brief quote, word for word, and their
// Chinese counterparts.
func TestPhraseWording(t *testing.T) {
	en, zh := PhrasesIn(i18n.English), PhrasesIn(i18n.Chinese)
	reg, _ := LookupRegistry("CalDAV-Timezones")
	for _, tc := range []struct{ got, want string }{
		{en.QPreferred("gzip", "1"), "gzip preferred, q=1"},
		{en.QAccepted("br", "0.9"), "br accepted, q=0.9"},
		{en.QRefused("identity", "0"), "identity refused, q=0"},
		{en.QAccepted("*", "0.1"), "* (anything else) accepted, q=0.1"},
		{en.QAccepted("*/*", "0.8"), "*/* (any type) accepted, q=0.8"},
		{en.QAccepted("image/*", "1"), "image/* (any image type) accepted, q=1"},
		{en.LengthMatches(46), "body matches Content-Length: 46 bytes"},
		{en.LengthMismatch(20, 46), "Content-Length says 20, the body has 46 bytes"},
		{en.LengthShort(46, 1), "Content-Length says 46, only 1 byte arrived so far"},
		{en.Chunked(3, 1024), "chunked: 3 chunks, 1,024 bytes"},
		{en.Chunked(1, 5), "chunked: 1 chunk, 5 bytes"},
		{en.UntilClose, "body runs until the connection closes"},
		{en.ChunkSize("1a", 26), "chunk size 1a (hex) = 26 bytes"},
		{en.NoBodyStatus(304), "no body: a 304 response never has one"},
		{en.UnknownStatus(299), "299 is not a registered status code; clients treat it as 200"},
		{en.UnknownStatus(600), "600 is not a valid status code (100 to 599)"},
		{en.RegisteredOnly(reg), "registered with IANA (permanent, RFC 7809 §7.1); not explained here"},
		{en.Bytes(1234567), "1,234,567 bytes"},

		{zh.QPreferred("gzip", "1"), "gzip：首选，q=1"},
		{zh.QAccepted("br", "0.9"), "br：可接受，q=0.9"},
		{zh.QRefused("identity", "0"), "identity：拒绝，q=0"},
		{zh.QAccepted("*", "0.1"), "*（其他任意）：可接受，q=0.1"},
		{zh.LengthMatches(46), "正文与 Content-Length 一致：46 字节"},
		{zh.LengthMismatch(20, 46), "Content-Length 写的是 20，正文实际有 46 字节"},
		{zh.Chunked(3, 1024), "分块传输：3 块，共 1,024 字节"},
		{zh.UntilClose, "正文一直持续到连接关闭"},
		{zh.RequestLine, "请求行"},
		{zh.BlankLine, "空行：头部到此结束，后面是正文"},
		{zh.RequestBody, "请求数据"},
		{zh.ResponseBody, "响应正文"},
		{zh.RegisteredOnly(reg), "已在 IANA 注册（永久注册，RFC 7809 §7.1）；此处暂无解释"},
	} {
		if tc.got != tc.want {
			t.Errorf("got  %q\nwant %q", tc.got, tc.want)
		}
	}
}

// Every phrase, filled with long but realistic values, still fits one line.
func TestPhrasesFit(t *testing.T) {
	reg, _ := LookupRegistry("Cross-Origin-Embedder-Policy-Report-Only")
	for _, l := range i18n.All() {
		p := PhrasesIn(l)
		for _, s := range []string{
			p.RequestLine, p.Method, p.Target, p.Version, p.StatusLine, p.StatusCode,
			p.ReasonPhrase, p.RequestHeaders, p.ResponseHeaders, p.HeaderName, p.HeaderValue,
			p.BlankLine, p.RequestBody, p.ResponseBody, p.ChunkSizeLine, p.ChunkData,
			p.LastChunk, p.Trailer, p.NotRegistered, p.UntilClose, p.NoRequestBody,
			p.NoBodyHEAD, p.TEOverridesCL, p.HTTP10IgnoresTE,
			p.RegisteredOnly(reg), p.UnknownStatus(299), p.UnknownStatus(1000),
			p.Bytes(1 << 40), p.ChunkSize("ffffffff", 1<<32-1),
			p.QPreferred("application/signed-exchange", "0.7"),
			p.QAccepted("application/xhtml+xml", "0.9"), p.QRefused("application/*", "0.001"),
			p.LengthMatches(1 << 40), p.LengthMismatch(1<<40, 1<<40+1), p.LengthShort(1<<40, 1<<39),
			p.Chunked(100000, 1<<40), p.ChunkedUnfinished(100000, 1<<40),
			p.NoBodyStatus(304), p.ExtraBytes(1 << 40),
		} {
			checkLine(t, "phrase", l, s)
		}
		// The markers carry backslash escapes, not control characters.
		checkLine(t, "CRLF", l, p.CRLF)
		checkLine(t, "BareLF", l, p.BareLF)
	}
}

func TestGroup(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {1024, "1,024"},
		{999999, "999,999"}, {1000000, "1,000,000"}, {-1234, "-1,234"},
	} {
		if got := group(tc.n); got != tc.want {
			t.Errorf("group(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
