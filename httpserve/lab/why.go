package lab

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist/i18n"
)

// Reason is why one coding was, or was not, sent.
type Reason struct {
	Encoding httpserve.Encoding
	Chosen   bool
	// Q is the client's weight for the coding in thousandths (1000 is
	// q=1, 0 refused), or -1 when the request had no Accept-Encoding.
	Q    int
	Text string // in the language asked for: "br: the client's first choice (q=1)"
}

// Why puts the server's choice in words, one Reason per coding in the
// order of Codings(). ae are the values of the request's Accept-Encoding
// fields (nil: the request had none); chosen is the coding the server sent
// (Exchange.Encoding; "" means identity); why is the server's reason
// (Exchange.Why: httpserve.WhyNegotiated, WhyForced, …). The weights are
// read by the server's own parser (httpserve.ParseAcceptEncoding), so the
// words cannot disagree with what it did. Pure: call it from View.
func Why(ae []string, chosen httpserve.Encoding, why string, l i18n.Lang) []Reason {
	t := whyTexts[l]
	if chosen == "" {
		chosen = httpserve.EncodingIdentity
	}
	a := httpserve.ParseAcceptEncoding(ae)
	out := make([]Reason, len(codings))
	for i, e := range codings {
		r := Reason{Encoding: e, Chosen: e == chosen, Q: -1}
		if a.Present() {
			r.Q = a.Q(e)
		}
		out[i] = r
	}
	fixed := ""
	switch why {
	case httpserve.WhyForced:
		fixed = t.Forced(string(chosen))
	case httpserve.WhyRange:
		fixed = t.Range
	case httpserve.WhyStatus:
		fixed = t.Status
	case httpserve.WhyNotCompressible:
		fixed = t.NotCompressible(strconv.Itoa(httpserve.MinCompressSize))
	case httpserve.WhyCrafted:
		fixed = t.Crafted
	case httpserve.WhyNoAcceptEncoding:
		fixed = t.NoAcceptEncoding
	}
	if fixed != "" {
		for i := range out {
			out[i].Text = string(out[i].Encoding) + ": " + fixed
		}
		return out
	}
	negotiated(out, a, chosen, t)
	return out
}

// negotiated explains a choice the server made from the client's weights.
func negotiated(out []Reason, a httpserve.AcceptEncoding, chosen httpserve.Encoding, t whyText) {
	top, ties := 0, 0
	for _, r := range out {
		if r.Encoding == httpserve.EncodingIdentity || r.Q <= 0 {
			continue
		}
		switch {
		case r.Q > top:
			top, ties = r.Q, 1
		case r.Q == top:
			ties++
		}
	}
	var equals []string // the codings at the top weight, in the server's order
	for _, e := range httpserve.Preference() {
		if a.Q(e) == top && top > 0 {
			equals = append(equals, string(e))
		}
	}
	for i := range out {
		r := &out[i]
		e, q := r.Encoding, qText(r.Q)
		var s string
		switch {
		case e == httpserve.EncodingIdentity && r.Chosen && top == 0:
			s = t.IdentityOnly
		case e == httpserve.EncodingIdentity && r.Chosen:
			s = t.IdentityWins(q)
		case e == httpserve.EncodingIdentity && r.Q == 0:
			s = t.IdentityRefused
		case e == httpserve.EncodingIdentity:
			s = t.IdentityLoses(string(chosen))
		case a.Listed(e) == httpserve.NotListed:
			s = t.NotOffered
		case r.Q == 0:
			s = t.Refused(q)
		case r.Chosen && ties == 1:
			s = t.FirstChoice(q)
		case r.Chosen:
			s = t.AmongEquals(q, strings.Join(equals, " > "))
		case r.Q < top:
			s = t.Outweighed(q, string(chosen), qText(top))
		default:
			s = t.Tied(q, string(chosen))
		}
		if a.Listed(e) == httpserve.ByWildcard && r.Q > 0 {
			s += t.ViaWildcard
		}
		r.Text = string(e) + ": " + s
	}
}

// qText writes a weight in thousandths as a q-value: 1000 → "1",
// 500 → "0.5", 1 → "0.001".
func qText(q int) string {
	if q >= 1000 {
		return "1"
	}
	if q <= 0 {
		return "0"
	}
	return strings.TrimRight(fmt.Sprintf("0.%03d", q), "0")
}

// whyText is what Why says, in one language.
type whyText struct {
	Forced           func(coding string) string
	Range            string
	Status           string
	NotCompressible  func(min string) string
	Crafted          string
	NoAcceptEncoding string

	IdentityOnly    string
	IdentityWins    func(q string) string
	IdentityRefused string
	IdentityLoses   func(chosen string) string
	NotOffered      string
	Refused         func(q string) string
	FirstChoice     func(q string) string
	AmongEquals     func(q, order string) string
	Outweighed      func(q, chosen, top string) string
	Tied            func(q, chosen string) string
	ViaWildcard     string
}

var whyTexts = map[i18n.Lang]whyText{
	i18n.English: {
		Forced: func(c string) string { return "the server's --encoding forces " + c + ", whatever the client says" },
		Range:  "a Range request: never compressed (the byte ranges count the file's own bytes)",
		Status: "not a 200 response: sent as it is",
		NotCompressible: func(min string) string {
			return "not worth compressing: an already compressed type, or under " + min + " bytes"
		},
		Crafted:          "a hand-crafted reply: its own Content-Encoding says",
		NoAcceptEncoding: "the client sent no Accept-Encoding: identity (curl without --compressed cannot decode)",

		IdentityOnly:    "sent as it is: nothing else the client accepts",
		IdentityWins:    func(q string) string { return "the client weighs the plain body above every coding (q=" + q + ")" },
		IdentityRefused: "refused by the client (q=0), but a server may still send it",
		IdentityLoses:   func(chosen string) string { return "always acceptable unless refused; " + chosen + " won" },
		NotOffered:      "not offered: the client did not list it",
		Refused:         func(q string) string { return "refused (q=" + q + ")" },
		FirstChoice:     func(q string) string { return "the client's first choice (q=" + q + ")" },
		AmongEquals: func(q, order string) string {
			return "chosen: q=" + q + ", as high as any; among equals the server prefers " + order
		},
		Outweighed: func(q, chosen, top string) string {
			return "accepted (q=" + q + "), but " + chosen + " weighs more (q=" + top + ")"
		},
		Tied: func(q, chosen string) string {
			return "accepted at q=" + q + " too; among equals the server prefers " + chosen
		},
		ViaWildcard: " (through *)",
	},
	i18n.Chinese: {
		Forced: func(c string) string {
			return "服务器的 --encoding 强制使用 " + c + "，不管客户端怎么说"
		},
		Range:  "范围（Range）请求：从不压缩（字节范围按文件本身的字节计算）",
		Status: "不是 200 响应：原样发送",
		NotCompressible: func(min string) string {
			return "不值得压缩：本身已压缩的类型，或小于 " + min + " 字节"
		},
		Crafted:          "手写的响应：由它自己的 Content-Encoding 决定",
		NoAcceptEncoding: "客户端没有发送 Accept-Encoding：不压缩（不带 --compressed 的 curl 无法解压）",

		IdentityOnly:    "原样发送：客户端不接受其他编码",
		IdentityWins:    func(q string) string { return "客户端对不压缩的权重高于所有编码（q=" + q + "）" },
		IdentityRefused: "客户端拒绝（q=0），但服务器仍可能发送",
		IdentityLoses:   func(chosen string) string { return "除非被拒绝，总是可以接受的；这次选了 " + chosen },
		NotOffered:      "客户端没有列出，不能用",
		Refused:         func(q string) string { return "被拒绝（q=" + q + "）" },
		FirstChoice:     func(q string) string { return "客户端的首选（q=" + q + "）" },
		AmongEquals: func(q, order string) string {
			return "选中：q=" + q + "，与其他最高的一样；同等权重时服务器的偏好是 " + order
		},
		Outweighed: func(q, chosen, top string) string {
			return "可以接受（q=" + q + "），但 " + chosen + " 的权重更高（q=" + top + "）"
		},
		Tied: func(q, chosen string) string {
			return "同样可以接受（q=" + q + "）；同等权重时服务器更偏好 " + chosen
		},
		ViaWildcard: "（通过 *）",
	},
}
