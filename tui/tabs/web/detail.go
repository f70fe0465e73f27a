package web

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/styles"
)

// rawBytes is the request exactly as it arrived: head, then body.
func rawBytes(ex *httpserve.Exchange) []byte {
	b := make([]byte, 0, len(ex.RawHead)+len(ex.RawBody))
	return append(append(b, ex.RawHead...), ex.RawBody...)
}

// rawLines renders the raw request through the one sanitizer (text) or as
// a hexdump whose offsets are those of the connection's inbound stream.
func rawLines(s *styles.Styles, t *i18n.WebText, ex *httpserve.Exchange, width int, hex bool) []string {
	raw := rawBytes(ex)
	if len(raw) == 0 {
		return []string{s.Dim.Render(ansi.Truncate(t.NothingRaw, width, "…"))}
	}
	var out []string
	if hex {
		out = common.HexRows(raw, ex.InOffset, width)
	} else {
		for _, l := range render.Lines(raw) {
			out = append(out, common.WrapLine(s, l, width)...)
		}
	}
	var notes []string
	if ex.HeadTruncated {
		notes = append(notes, t.RawTruncated)
	}
	if ex.ReqBodyLen > int64(len(ex.RawBody)) {
		notes = append(notes, fmt.Sprintf(t.RawBodyPartial, common.FormatSize(int64(len(ex.RawBody))), common.FormatSize(ex.ReqBodyLen)))
	}
	if len(notes) > 0 {
		out = append(out, s.Warning.Render(ansi.Truncate("("+strings.Join(notes, "; ")+")", width, "…")))
	}
	return out
}

// parsedLines is the parsed view. A summary first, so it stays visible in
// a short pane: request line, response status line, the client's
// Accept-Encoding and the server's choice side by side, body size raw vs
// encoded with the ratio, time and remarks. Then the request headers in
// wire order (name column aligned, the choice beside Accept-Encoding) and
// the response headers as sent.
func parsedLines(s *styles.Styles, t *i18n.WebText, ex *httpserve.Exchange, width int) []string {
	var out []string
	add := func(l string) { out = append(out, l) }
	label := func(l string) string { return s.PaneTitleFoc.Render(l) }
	width = max(width, 1)
	// The summary's labels share one column.
	lw := 0
	for _, l := range []string{t.RequestLabel, t.StatusLabel, t.CodingLabel, t.BodyLabel, t.TimeLabel, t.NoteLabel} {
		lw = max(lw, ansi.StringWidth(l))
	}
	col := func(l string) string { return label(common.PadLine(l, lw)) + " " }

	reqLine := common.Safe(strings.TrimSpace(strings.Join([]string{ex.Method, ex.Target, ex.Proto}, " ")))
	out = append(out, wrapText(col(t.RequestLabel), reqLine, width)...)
	status := s.Dim.Render(t.NoResponse)
	if len(ex.RespHead) > 0 {
		st := ex.RespHead
		if i := bytes.IndexByte(st, '\n'); i >= 0 {
			st = st[:i]
		}
		status = common.Safe(string(bytes.TrimSuffix(st, []byte("\r"))))
	}
	out = append(out, wrapText(col(t.StatusLabel), status, width)...)

	// The coding story on one line: what the client accepts ⇄ what was sent.
	accept := s.Dim.Render(t.NoAccept)
	if ex.HasAcceptEncoding {
		accept = "Accept-Encoding: " + common.Safe(ex.AcceptEncoding)
	}
	out = append(out, wrapText(col(t.CodingLabel), accept+s.Dim.Render("  ⇄  ")+choice(s, t, ex), width)...)

	body := fmt.Sprintf(t.BodyIdentity, common.FormatSize(ex.BodyBytes))
	if enc := encName(ex); enc != string(httpserve.EncodingIdentity) {
		ratio := 0.0
		if ex.BodyBytes > 0 {
			ratio = 100 * float64(ex.WireBytes) / float64(ex.BodyBytes)
		}
		body = fmt.Sprintf(t.BodyEncoded, common.FormatSize(ex.BodyBytes), common.FormatSize(ex.WireBytes), enc, ratio)
	}
	out = append(out, wrapText(col(t.BodyLabel), body, width)...)

	when := ex.Duration.Round(time.Microsecond).String()
	if r, ok := t.Replies[ex.Reply]; ok {
		when += " · " + r
	}
	if ex.Held > 0 {
		when += " · " + fmt.Sprintf(t.HeldFor, ex.Held.Round(time.Millisecond))
	}
	out = append(out, wrapText(col(t.TimeLabel), when, width)...)
	if ex.Note != "" {
		out = append(out, wrapText(col(t.NoteLabel), common.Safe(ex.Note), width)...)
	}
	add(label(fmt.Sprintf(t.HeadersLabel, len(ex.Headers))))
	if len(ex.Headers) == 0 {
		add("  " + s.Dim.Render(t.NoHeaders))
	}
	nameW := fieldNameWidth(ex.Headers)
	for _, f := range ex.Headers {
		value := common.Safe(f.Value)
		if strings.EqualFold(f.Name, "Accept-Encoding") {
			value += "  " + s.OptOn.Render(fmt.Sprintf(t.ChoiceArrow, encName(ex))) + " " + s.Dim.Render("("+choiceWhy(t, ex)+")")
		}
		out = append(out, fieldLines(s, f.Name, value, nameW, width)...)
	}

	add(label(t.ResponseLabel))
	if len(ex.RespHead) == 0 {
		add("  " + s.Dim.Render(t.NoResponse))
	} else {
		rw := fieldNameWidth(ex.RespHeaders)
		for _, f := range ex.RespHeaders {
			out = append(out, fieldLines(s, f.Name, common.Safe(f.Value), rw, width)...)
		}
	}
	return out
}

func encName(ex *httpserve.Exchange) string {
	if ex.Encoding == "" {
		return string(httpserve.EncodingIdentity)
	}
	return common.Safe(ex.Encoding)
}

// choiceWhy says why the server sent what it sent.
func choiceWhy(t *i18n.WebText, ex *httpserve.Exchange) string {
	switch {
	case ex.Forced && !ex.Accepted:
		return t.ForcedNotAcc
	case ex.Forced:
		return t.Forced
	}
	if r, ok := t.Replies[ex.Reply]; ok && ex.Reply != httpserve.ReplyStatic {
		return r
	}
	return t.Negotiated
}

// choice is "Content-Encoding: br (forced, NOT accepted)", styled so a
// coding the client did not accept stands out.
func choice(s *styles.Styles, t *i18n.WebText, ex *httpserve.Exchange) string {
	st := s.OptOn
	if ex.Forced && !ex.Accepted {
		st = s.Error
	}
	return st.Render("Content-Encoding: "+encName(ex)) + " " + s.Dim.Render("("+choiceWhy(t, ex)+")")
}

// fieldNameWidth is the name column's width: the longest name, capped.
func fieldNameWidth(fields []httpserve.Field) int {
	w := 0
	for _, f := range fields {
		w = max(w, ansi.StringWidth(common.Safe(f.Name)))
	}
	return min(w, 24)
}

// fieldLines renders one header as an aligned "Name  value" row, the value
// wrapped under itself. value is already sanitized (and maybe styled).
func fieldLines(s *styles.Styles, name, value string, nameW, width int) []string {
	n := common.Safe(name)
	prefix := "  " + s.HeaderIn.Render(n)
	if pad := nameW - ansi.StringWidth(n); pad > 0 {
		prefix += strings.Repeat(" ", pad)
	}
	return wrapText(prefix+"  ", value, width)
}

// wrapText puts value after prefix and wraps it at word boundaries (hard
// where a word is too long), continuation lines indented under the
// value's first cell.
func wrapText(prefix, value string, width int) []string {
	pw := ansi.StringWidth(prefix)
	room := max(width-pw, 1)
	if ansi.StringWidth(value) <= room {
		return []string{prefix + value}
	}
	lines := strings.Split(ansi.Wrap(value, room, ""), "\n")
	lines[0] = prefix + lines[0]
	indent := strings.Repeat(" ", min(pw, max(width-1, 0)))
	for i := 1; i < len(lines); i++ {
		lines[i] = indent + lines[i]
	}
	return lines
}

// exchangeOf returns the record's Exchange, if it is one.
func exchangeOf(r netassist.DetailRecord) (*httpserve.Exchange, bool) {
	ex, ok := r.Detail.(*httpserve.Exchange)
	return ex, ok && ex != nil
}
