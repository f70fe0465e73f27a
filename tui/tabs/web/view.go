package web

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/addrbar"
	"github.com/netassist/netassist/tui/components/docpane"
	"github.com/netassist/netassist/tui/components/lazydoc"
)

// View draws the tab in exactly its size.
func (t *Model) View() string {
	w, h := t.width, t.height
	wt := &t.C.Text.Web
	if t.web == nil {
		lines := make([]string, max(h, 0))
		if len(lines) > 1 {
			lines[1] = "  " + wt.NoServer
		}
		return common.Fit(lines, w, h)
	}
	l := t.relayout()
	if t.fingerprint() != "" {
		t.Addr.SetTag(t.C.Text.Transport.HTTPS)
	}
	t.Addr.SetState(t.addrState())
	header := []string{t.Addr.View(), t.togglesLine()}

	rec, ok := t.list.Sync()
	var ex *httpserve.Exchange
	if ok {
		ex, ok = exchangeOf(rec)
	}
	if ok && rec.Seq != t.lastSel {
		// A held request being read is the one the reply goes to (once
		// the held list has it: the record can come first).
		if ex.Reply != httpserve.ReplyHeld || t.held.Select(ex.ID) {
			t.lastSel = rec.Seq
		}
	}
	var top []string
	if l.listH > 0 {
		t.list.SetEmpty(t.emptyList())
		top = append(top, common.Lines(t.list.View())...)
	}
	switch {
	case l.detailH > 0 && l.overlay:
		top = append(top, common.Lines(t.Overlay.View())...)
	case l.detailH > 0:
		top = append(top, t.detailView(l, rec, ex, ok)...)
	}
	title := wt.ReplyTitle
	if h, ok := t.held.Selected(); ok {
		title += " " + fmt.Sprintf(wt.ReplyFor, h.ID)
	} else if t.crafted {
		title += " · " + wt.ReplyLive
	}
	t.Send.SetTitle(title)
	var side []string
	if l.heldW > 0 {
		side = common.Lines(t.held.View())
	}
	return t.Frame.View(w, h, header, top, side, l.topH)
}

// detailView fills and draws the raw and parsed panes that the layout
// shows, for the selected exchange.
func (t *Model) detailView(l layout, rec netassist.DetailRecord, ex *httpserve.Exchange, ok bool) []string {
	s, wt := t.C.Styles, &t.C.Text.Web
	mode := t.C.Text.ModeText
	if t.rawHex {
		mode = t.C.Text.ModeHex
	}
	rawTitle, parsedTitle := wt.Raw+" · "+mode, wt.Parsed
	if ok {
		what := ansi.Truncate(common.Safe(ex.Method+" "+ex.Target), 40, "…")
		rawTitle = fmt.Sprintf(wt.RawTitle, ex.ID, mode, what)
		parsedTitle = fmt.Sprintf(wt.ParsedTitle, ex.ID, what)
		if l.rawW > 0 {
			if t.resp.seq != rec.Seq {
				t.resp.seq, t.resp.r = rec.Seq, readResponse(t.store, rec, ex, maxRespShown)
			}
			rk := docpane.Key{Seq: rec.Seq, Width: t.raw.InnerWidth(), Hex: t.rawHex, Gen: t.styleGen}
			t.raw.FillParts(rk, func() []lazydoc.Part {
				parts, at := rawParts(s, wt, ex, t.resp.r, t.rawHex)
				t.respAt = at
				return parts
			})
		}
		if l.parsedW > 0 {
			pk := docpane.Key{Seq: rec.Seq, Width: t.parsed.InnerWidth(), Gen: t.styleGen}
			t.parsed.Fill(pk, func() []string { return parsedLines(s, wt, ex, pk.Width) })
		}
	} else {
		t.raw.Clear()
		t.parsed.Clear()
	}
	t.raw.SetTitle(rawTitle)
	t.parsed.SetTitle(parsedTitle)
	switch {
	case l.rawW > 0 && l.parsedW > 0:
		return common.Beside(common.Lines(t.raw.View()), common.Lines(t.parsed.View()))
	case l.parsedW > 0:
		return common.Lines(t.parsed.View())
	default:
		return common.Lines(t.raw.View())
	}
}

func (t *Model) emptyList() string {
	if fp := t.fingerprint(); fp != "" && t.listening != nil {
		return t.emptyHTTPS(fp)
	}
	if t.listening != nil {
		return fmt.Sprintf(t.C.Text.Web.NoRequests, t.listening)
	}
	return t.C.Text.Web.NoRequestsOff
}

// addrState is the web server's state for the address line.
func (t *Model) addrState() addrbar.State {
	txt, wt := t.C.Text, &t.C.Text.Web
	switch {
	case t.stopped:
		return addrbar.State{Text: wt.Stopped}
	case t.listenErr != nil:
		return addrbar.State{Phase: addrbar.Failed, Text: fmt.Sprintf(txt.ListenFailed, common.Safe(t.listenErr.Error())),
			Detail: " — " + txt.EditAddrHint}
	case t.listening != nil:
		return addrbar.State{Phase: addrbar.Up, Text: fmt.Sprintf(txt.Listening, t.listening), Listen: t.listening}
	case t.starting:
		return addrbar.State{Text: wt.Starting}
	}
	return addrbar.State{Text: txt.NotListening + " — " + wt.NotStartedHint}
}

// togglesLine shows the three server toggles with their keys.
func (t *Model) togglesLine() string {
	s, wt, wk := t.C.Styles, &t.C.Text.Web, &t.C.Keys.Web
	onOff := func(on bool) string {
		if on {
			return s.OptOn.Render(wt.On)
		}
		return s.OptOff.Render(wt.Off)
	}
	enc := s.OptOn.Render(string(t.encoding))
	if t.encoding == httpserve.EncodingAuto {
		enc = s.OptOff.Render(wt.Auto)
	}
	line := func(hints bool) string {
		item := func(name, value string, b key.Binding) string {
			out := s.Dim.Render(name+" ") + value
			if hints {
				out += s.Dim.Render(" (" + b.Help().Key + ")")
			}
			return out
		}
		return strings.Join([]string{
			item(wt.ToggleEncoding, enc, wk.Encoding),
			item(wt.ToggleHold, onOff(t.hold), wk.Hold),
			item(wt.ToggleCrafted, onOff(t.crafted), wk.Crafted),
		}, s.Dim.Render(" · "))
	}
	// Drop the key hints when they do not fit (help lists them).
	out := line(true)
	if ansi.StringWidth(out) > t.width {
		out = line(false)
	}
	return common.PadLine(out, t.width)
}
