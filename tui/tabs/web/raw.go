package web

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
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

// rawLines renders the exchange as it crossed the socket (DESIGN.md §7):
// the request (◀ in), then the response (▶ out), each under a label with
// its direction and size; as text through the one sanitizer, or as
// hexdumps whose offsets are those of the connection's inbound and
// outbound streams. Notes say where bytes are not shown: a truncated
// head, a request body the server never read, a file captured as a
// prefix, bytes past what the pane draws. respAt is the index of the
// response's label line.
func rawLines(s *styles.Styles, t *i18n.WebText, ex *httpserve.Exchange, resp response, width int, hex bool) (lines []string, respAt int) {
	width = max(width, 1)
	var out []string
	note := func(notes []string) {
		if len(notes) > 0 {
			out = append(out, wrapText("", s.Warning.Render("("+strings.Join(notes, "; ")+")"), width)...)
		}
	}
	label := func(st func(...string) string, text string) {
		out = append(out, st(ansi.Truncate(text, width, "…")))
	}

	req := rawBytes(ex)
	reqSize := ex.HeadLen + ex.ReqBodyLen
	if ex.ReqBodyLen > 0 {
		label(s.HeaderIn.Render, fmt.Sprintf(t.RawInBody, common.FormatSize(reqSize), common.FormatSize(ex.HeadLen), common.FormatSize(ex.ReqBodyLen)))
	} else {
		label(s.HeaderIn.Render, fmt.Sprintf(t.RawIn, common.FormatSize(reqSize)))
	}
	if len(req) == 0 {
		out = append(out, s.Dim.Render(ansi.Truncate(t.NothingRaw, width, "…")))
	} else {
		out = append(out, bytesLines(s, req, ex.InOffset, width, hex)...)
	}
	note(requestNotes(t, ex))

	respAt = len(out)
	switch {
	case ex.Reply == httpserve.ReplyHeld:
		label(s.HeaderOut.Render, t.RawOutHeld)
		return out, respAt
	case ex.OutBytes == 0:
		label(s.HeaderOut.Render, t.RawOutNone)
		return out, respAt
	}
	head := int64(len(ex.RespHead))
	body := max(ex.OutBytes-head, 0)
	coding := ""
	if ex.ContentEncoding != "" {
		coding = " " + common.Safe(ex.ContentEncoding)
	}
	label(s.HeaderOut.Render, fmt.Sprintf(t.RawOut, common.FormatSize(ex.OutBytes), common.FormatSize(head), common.FormatSize(body), coding))
	out = append(out, bytesLines(s, resp.data, resp.offset, width, hex)...)
	var notes []string
	if resp.omitted > 0 {
		notes = append(notes, fmt.Sprintf(t.RawOmitted, common.FormatSize(resp.omitted)))
	}
	if resp.hidden > 0 {
		notes = append(notes, fmt.Sprintf(t.RawHidden, common.FormatSize(resp.hidden)))
	}
	if resp.evicted > 0 {
		notes = append(notes, fmt.Sprintf(t.RawEvicted, common.FormatSize(resp.evicted)))
	}
	note(notes)
	return out, respAt
}

// requestNotes says what of the request the pane does not show, and how
// much of an announced body the capture kept (issue 12 item 9).
func requestNotes(t *i18n.WebText, ex *httpserve.Exchange) []string {
	var notes []string
	if ex.HeadTruncated {
		notes = append(notes, t.RawTruncated)
	}
	if n := ex.ReqBodyLen - int64(len(ex.RawBody)); n > 0 {
		notes = append(notes, fmt.Sprintf(t.RawBodyPartial, common.FormatSize(int64(len(ex.RawBody))), common.FormatSize(ex.ReqBodyLen)))
	}
	if b := bodyKept(t, ex); b != "" {
		notes = append(notes, b)
	}
	return notes
}

// bodyKept is how much of the request body reached the capture when that
// is not all of it ("" when the body came whole or there was none).
func bodyKept(t *i18n.WebText, ex *httpserve.Exchange) string {
	if !ex.ReqBodyCut {
		return ""
	}
	if ex.ReqBodyAnnounced > 0 {
		return fmt.Sprintf(t.BodyCutOf, common.FormatSize(ex.ReqBodyLen), common.FormatSize(ex.ReqBodyAnnounced), common.FormatSize(max(ex.ReqBodyAnnounced-ex.ReqBodyLen, 0)))
	}
	return fmt.Sprintf(t.BodyCut, common.FormatSize(ex.ReqBodyLen))
}

// bytesLines renders b as text (through the sanitizer, wrapped to width
// with continuation marks, CRLF markers kept whole) or as a hexdump from
// offset base (common.HexRows: 8 bytes a row when 16 do not fit).
func bytesLines(s *styles.Styles, b []byte, base int64, width int, hex bool) []string {
	if hex {
		return common.HexRows(b, base, width)
	}
	var out []string
	for _, l := range render.Lines(b) {
		out = append(out, common.WrapLine(s, l, width)...)
	}
	return out
}
