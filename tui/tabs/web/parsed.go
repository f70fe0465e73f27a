package web

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/styles"
)

// parsedLines is the parsed view. A summary first, so it stays visible in
// a short pane: request line, status line, what the client accepts, what
// was sent (the Content-Encoding field as it went out, or that there was
// none: RFC 9110 §8.4, no field means identity), why in words, the body
// sizes, how much of the request body was kept, time and remarks. Then
// the request headers in wire order (the choice beside Accept-Encoding)
// and the response headers exactly as they went out.
func parsedLines(s *styles.Styles, t *i18n.WebText, ex *httpserve.Exchange, width int) []string {
	var out []string
	label := func(l string) string { return s.PaneTitleFoc.Render(l) }
	width = max(width, 1)
	labels := []string{t.RequestLabel, t.StatusLabel, t.ClientLabel, t.SentLabel, t.WhyLabel, t.BodyLabel, t.ReqBodyLabel, t.TimeLabel, t.NoteLabel}
	lw := 0 // the summary's labels share one column
	for _, l := range labels {
		lw = max(lw, ansi.StringWidth(l))
	}
	row := func(name, value string) {
		out = append(out, wrapText(label(common.PadLine(name, lw))+" ", value, width)...)
	}
	held := ex.Reply == httpserve.ReplyHeld

	row(t.RequestLabel, common.Safe(strings.TrimSpace(strings.Join([]string{ex.Method, ex.Target, ex.Proto}, " "))))
	switch {
	case held:
		row(t.StatusLabel, s.Warning.Render(t.NoResponseHeld))
	case len(ex.RespHead) > 0:
		st := ex.RespHead
		if i := bytes.IndexByte(st, '\n'); i >= 0 {
			st = st[:i]
		}
		row(t.StatusLabel, common.Safe(string(bytes.TrimSuffix(st, []byte("\r")))))
	default:
		row(t.StatusLabel, s.Dim.Render(t.NoResponse))
	}

	// The coding story: what the client accepts, what went out, why.
	accept := s.Dim.Render(t.NoAccept)
	if ex.HasAcceptEncoding {
		accept = "Accept-Encoding: " + common.Safe(ex.AcceptEncoding)
	}
	if ex.RefusedIdentity {
		accept += " " + s.Warning.Render("("+t.RefusesIdentity+")")
	}
	row(t.ClientLabel, accept)
	if !held && len(ex.RespHead) > 0 {
		row(t.SentLabel, sentField(s, t, ex))
		if why := whyWords(t, ex); why != "" {
			st := s.Dim
			if ex.Overrode {
				st = s.Error
			}
			row(t.WhyLabel, st.Render(why))
		}
		body := fmt.Sprintf(t.BodyIdentity, common.FormatSize(ex.BodyBytes))
		if enc := encName(ex); enc != string(httpserve.EncodingIdentity) {
			ratio := 0.0
			if ex.BodyBytes > 0 {
				ratio = 100 * float64(ex.WireBytes) / float64(ex.BodyBytes)
			}
			body = fmt.Sprintf(t.BodyEncoded, common.FormatSize(ex.BodyBytes), common.FormatSize(ex.WireBytes), enc, ratio)
		}
		row(t.BodyLabel, body)
	}
	if rb := reqBodyWords(t, ex); rb != "" {
		st := s.Dim
		if ex.ReqBodyCut {
			st = s.Warning
		}
		row(t.ReqBodyLabel, st.Render(rb))
	}
	if !held {
		when := ex.Duration.Round(time.Microsecond).String()
		if r, ok := t.Replies[ex.Reply]; ok {
			when += " · " + r
		}
		if ex.Held > 0 {
			when += " · " + fmt.Sprintf(t.HeldFor, ex.Held.Round(time.Millisecond))
		}
		row(t.TimeLabel, when)
	}
	if ex.Note != "" {
		row(t.NoteLabel, common.Safe(ex.Note))
	}

	out = append(out, label(fmt.Sprintf(t.HeadersLabel, len(ex.Headers))))
	if len(ex.Headers) == 0 {
		out = append(out, "  "+s.Dim.Render(t.NoHeaders))
	}
	nameW := fieldNameWidth(ex.Headers)
	for _, f := range ex.Headers {
		value := common.Safe(f.Value)
		if !held && len(ex.RespHead) > 0 && strings.EqualFold(f.Name, "Accept-Encoding") {
			value += "  " + s.OptOn.Render(fmt.Sprintf(t.ChoiceArrow, encName(ex))) + " " + s.Dim.Render("("+choiceWhy(t, ex)+")")
		}
		out = append(out, fieldLines(s, f.Name, value, nameW, width)...)
	}

	out = append(out, label(t.ResponseLabel))
	switch {
	case held:
		out = append(out, "  "+s.Dim.Render(t.NoResponseHeld))
	case len(ex.RespHead) == 0:
		out = append(out, "  "+s.Dim.Render(t.NoResponse))
	default:
		rw := fieldNameWidth(ex.RespHeaders)
		for _, f := range ex.RespHeaders {
			out = append(out, fieldLines(s, f.Name, common.Safe(f.Value), rw, width)...)
		}
	}
	return out
}

// encName is the coding the body was sent in ("identity" when none).
func encName(ex *httpserve.Exchange) string {
	if ex.Encoding == "" {
		return string(httpserve.EncodingIdentity)
	}
	return common.Safe(ex.Encoding)
}

// sentField is the Content-Encoding field exactly as it went out, or
// "none (identity)" when the response had none, marked forced or
// overriding as the list marks it.
func sentField(s *styles.Styles, t *i18n.WebText, ex *httpserve.Exchange) string {
	st := s.OptOn
	if ex.Overrode {
		st = s.Error
	}
	v := t.NoContentEncoding
	if ex.ContentEncoding != "" {
		v = "Content-Encoding: " + common.Safe(ex.ContentEncoding)
	}
	out := st.Render(v)
	if ex.Forced {
		out += " " + s.Dim.Render("("+t.Forced+")")
	}
	return out
}

// choiceWhy is the short reason beside the client's Accept-Encoding.
func choiceWhy(t *i18n.WebText, ex *httpserve.Exchange) string {
	switch {
	case ex.Forced && ex.Overrode:
		return t.ForcedOverrode
	case ex.Forced:
		return t.Forced
	case ex.Overrode:
		return t.Overrode
	}
	if r, ok := t.Replies[ex.Reply]; ok && ex.Reply != httpserve.ReplyStatic {
		return r
	}
	return t.Negotiated
}

// whyWords says in words why the body went out as it did, from the
// record's reason and the weight the client gave the coding; when the
// choice went against the client, it says so.
func whyWords(t *i18n.WebText, ex *httpserve.Exchange) string {
	why := t.Why[ex.Why]
	if ex.Why == httpserve.WhyNegotiated && ex.ClientQ > 0 {
		why = fmt.Sprintf(t.WhyNegotiatedQ, qValue(ex.ClientQ))
	}
	if ex.Overrode {
		over := fmt.Sprintf(t.OverrodeNotAccepted, encName(ex))
		if encName(ex) == string(httpserve.EncodingIdentity) && ex.RefusedIdentity {
			over = t.OverrodeRefusedIdentity
		}
		if why == "" {
			return over
		}
		return why + " — " + over
	}
	return why
}

// qValue is a weight in thousandths as Accept-Encoding writes it ("0.5").
func qValue(q int) string { return strconv.FormatFloat(float64(q)/1000, 'f', -1, 64) }

// reqBodyWords is how much of the request body arrived and was kept,
// against what Content-Length announced ("" without a body).
func reqBodyWords(t *i18n.WebText, ex *httpserve.Exchange) string {
	if b := bodyKept(t, ex); b != "" {
		return b
	}
	announced := ex.ReqBodyAnnounced
	if ex.Reply == httpserve.ReplyHeld && announced <= 0 {
		// The held snapshot is taken before the body is framed: read
		// what Content-Length announces.
		for _, f := range ex.Headers {
			if n, err := strconv.ParseInt(strings.TrimSpace(f.Value), 10, 64); err == nil && strings.EqualFold(f.Name, "Content-Length") {
				announced = n
			}
		}
	}
	switch {
	case announced > 0:
		return fmt.Sprintf(t.ReqBodyWhole, common.FormatSize(ex.ReqBodyLen), common.FormatSize(announced))
	case ex.ReqBodyLen > 0:
		return common.FormatSize(ex.ReqBodyLen)
	}
	return ""
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

// exchangeOf returns the record's Exchange, if it is one.
func exchangeOf(r netassist.DetailRecord) (*httpserve.Exchange, bool) {
	ex, ok := r.Detail.(*httpserve.Exchange)
	return ex, ok && ex != nil
}
