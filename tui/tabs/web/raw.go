package web

import (
	"fmt"
	"strings"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/lazydoc"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/styles"
)

// rawBytes is the request exactly as it arrived: head, then body.
func rawBytes(ex *httpserve.Exchange) []byte {
	b := make([]byte, 0, len(ex.RawHead)+len(ex.RawBody))
	return append(append(b, ex.RawHead...), ex.RawBody...)
}

// rawParts describes the exchange as it crossed the socket (DESIGN.md
// §7): the request (◀ in), then the response (▶ out), each under a label
// with its direction and size; as text through the one sanitizer, or as
// hexdumps whose offsets are those of the connection's inbound and
// outbound streams, drawn a piece at a time (lazydoc). Notes say where
// bytes are not shown: a truncated head, a request body the server never
// read, a file captured as a prefix, bytes past what the pane draws.
// respAt is the index of the response's label part.
func rawParts(s *styles.Styles, t *i18n.WebText, ex *httpserve.Exchange, resp response, hex bool) (parts []lazydoc.Part, respAt int) {
	note := func(notes []string) {
		if len(notes) > 0 {
			text := s.Warning.Render("(" + strings.Join(notes, "; ") + ")")
			parts = append(parts, lazydoc.Func(func(w int) []string { return wrapText("", text, max(w, 1)) }))
		}
	}
	label := func(st func(...string) string, text string) {
		parts = append(parts, lazydoc.Truncated(text, st))
	}

	req := rawBytes(ex)
	reqSize := ex.HeadLen + ex.ReqBodyLen
	if ex.ReqBodyLen > 0 {
		label(s.HeaderIn.Render, fmt.Sprintf(t.RawInBody, common.FormatSize(reqSize), common.FormatSize(ex.HeadLen), common.FormatSize(ex.ReqBodyLen)))
	} else {
		label(s.HeaderIn.Render, fmt.Sprintf(t.RawIn, common.FormatSize(reqSize)))
	}
	if len(req) == 0 {
		label(s.Dim.Render, t.NothingRaw)
	} else {
		parts = append(parts, bytesPart(s, req, ex.InOffset, hex))
	}
	note(requestNotes(t, ex))

	respAt = len(parts)
	switch {
	case ex.Reply == httpserve.ReplyHeld:
		label(s.HeaderOut.Render, t.RawOutHeld)
		return parts, respAt
	case ex.OutBytes == 0:
		label(s.HeaderOut.Render, t.RawOutNone)
		return parts, respAt
	}
	head := int64(len(ex.RespHead))
	body := max(ex.OutBytes-head, 0)
	coding := ""
	if ex.ContentEncoding != "" {
		coding = " " + common.Safe(ex.ContentEncoding)
	}
	label(s.HeaderOut.Render, fmt.Sprintf(t.RawOut, common.FormatSize(ex.OutBytes), common.FormatSize(head), common.FormatSize(body), coding))
	if len(resp.data) > 0 {
		parts = append(parts, bytesPart(s, resp.data, resp.offset, hex))
	}
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
	return parts, respAt
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
	if ex.ReqBodyAnnounced > 0 && expectsContinue(ex) {
		return fmt.Sprintf(t.BodyCutExpect, common.FormatSize(ex.ReqBodyLen), common.FormatSize(ex.ReqBodyAnnounced), common.FormatSize(max(ex.ReqBodyAnnounced-ex.ReqBodyLen, 0)))
	}
	if ex.ReqBodyAnnounced > 0 {
		return fmt.Sprintf(t.BodyCutOf, common.FormatSize(ex.ReqBodyLen), common.FormatSize(ex.ReqBodyAnnounced), common.FormatSize(max(ex.ReqBodyAnnounced-ex.ReqBodyLen, 0)))
	}
	return fmt.Sprintf(t.BodyCut, common.FormatSize(ex.ReqBodyLen))
}

// expectsContinue reports whether ex's request said Expect:
// 100-continue (its client sends the body once the server asks for it
// with 100 Continue, or after a wait of its own).
func expectsContinue(ex *httpserve.Exchange) bool {
	return wire.HasToken(wire.Values(ex.Headers, "Expect"), "100-continue")
}

// bytesPart is b as text (through the sanitizer, wrapped with
// continuation marks, CRLF markers kept whole) or as a hexdump from
// offset base (8 bytes a row when 16 do not fit).
func bytesPart(s *styles.Styles, b []byte, base int64, hex bool) lazydoc.Part {
	if hex {
		return lazydoc.Hex(b, base)
	}
	return lazydoc.Text(s, b)
}
