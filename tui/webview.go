package tui

import (
	"fmt"
	"net"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/tui/common"
)

// webLayout is the computed geometry of the tab.
type webLayout struct {
	listH, detailH, sendH int
	rawW, rawH            int // raw box; beside the parsed box when rawH == detailH
	parsedW, parsedH      int
	heldW                 int // 0: no held box
}

func (t *webTab) setSize(w, h int) {
	t.width, t.height = w, h
	t.relayout()
}

// relayout computes the geometry. The reply editor shrinks to one line
// while nothing uses it (not focused, hand-crafted and hold off, nothing
// held), leaving the room to the request panes.
func (t *webTab) relayout() {
	w, h := t.width, t.height
	var l webLayout
	// Lines: address 1, toggles 1, boxes, preview 1.
	rest := max(h-3, 0)
	inUse := t.focus == webFocusSend || t.crafted || t.showHeld()
	l.sendH = min(max(rest/3, 3), 8)
	if !inUse {
		l.sendH = 3
	}
	if rest < 9 {
		l.sendH = min(rest/3, 3)
	}
	top := max(rest-l.sendH, 0)
	l.listH = min(max(top*2/5, 3), 14)
	if top < 6 {
		l.listH = top / 2
	}
	l.detailH = top - l.listH
	if w >= 70 {
		l.rawW, l.parsedW = w/2, w-w/2
		l.rawH, l.parsedH = l.detailH, l.detailH
	} else {
		l.rawW, l.parsedW = w, w
		l.rawH = l.detailH / 2
		l.parsedH = l.detailH - l.rawH
	}
	if t.showHeld() {
		if w >= 60 {
			l.heldW = min(max(w/3, 24), 40)
		} else {
			l.heldW = w / 2
		}
	}
	t.layout = l
	t.list.setSize(w-2, l.listH-2)
	t.raw.setSize(l.rawW-2, l.rawH-2)
	t.parsed.setSize(l.parsedW-2, l.parsedH-2)
	t.held.setSize(l.heldW-2, l.sendH-2)
	t.send.setSize(w-l.heldW-2, l.sendH-2)
	t.addr.SetWidth(max(min(w/3, 30), 1))
}

// view renders the tab in exactly t.height lines of t.width cells.
func (t *webTab) view() []string {
	if t.web == nil {
		lines := make([]string, max(t.height, 0))
		if len(lines) > 1 {
			lines[1] = "  " + t.text.Web.NoServer
		}
		return common.FitLines(lines, t.height, t.width)
	}
	w, l, s := t.width, t.layout, t.styles
	lines := []string{t.addrLine(), t.togglesLine()}

	rec, ok := t.list.sync()
	var ex *httpserve.Exchange
	if ok {
		ex, ok = exchangeOf(rec)
	}
	if l.listH > 0 {
		title := t.text.Web.Requests + " " + fmt.Sprintf(t.text.Web.RequestsCount, t.list.count()) +
			" · " + t.list.position() + " · " + t.text.Web.Legend
		lines = append(lines, common.Box(s, title, t.list.view(t.emptyList()), w, l.listH, t.focus == webFocusList)...)
	}
	if l.detailH > 0 {
		var rawBody, parsedBody []string
		rawTitle, parsedTitle := t.text.Web.Raw, t.text.Web.Parsed
		if ok {
			key := docKey{seq: rec.Seq, width: t.raw.width, hex: t.rawHex, gen: t.styleGen}
			t.raw.fill(key, func() []string { return rawLines(s, &t.text.Web, ex, t.raw.width, t.rawHex) })
			pkey := docKey{seq: rec.Seq, width: t.parsed.width, gen: t.styleGen}
			t.parsed.fill(pkey, func() []string { return parsedLines(s, &t.text.Web, ex, t.parsed.width) })
			rawBody, parsedBody = t.raw.view(), t.parsed.view()
			rawTitle = fmt.Sprintf(t.text.Web.RawTitle, ex.ID, common.FormatSize(int64(len(ex.RawHead)+len(ex.RawBody))))
			parsedTitle += fmt.Sprintf(" #%d", ex.ID)
		} else {
			t.raw.clear()
			t.parsed.clear()
			rawBody = []string{s.Dim.Render(t.text.Web.NoSelection)}
		}
		mode := t.text.ModeText
		if t.rawHex {
			mode = t.text.ModeHex
		}
		rawTitle += " · " + mode
		if p := t.raw.position(); p != "" {
			rawTitle += " · " + p
		}
		if p := t.parsed.position(); p != "" {
			parsedTitle += " · " + p
		}
		raw := common.Box(s, rawTitle, rawBody, l.rawW, l.rawH, t.focus == webFocusRaw)
		parsed := common.Box(s, parsedTitle, parsedBody, l.parsedW, l.parsedH, t.focus == webFocusParsed)
		if l.rawH == l.detailH {
			for i := range raw {
				lines = append(lines, raw[i]+parsed[i])
			}
		} else {
			lines = append(lines, raw...)
			lines = append(lines, parsed...)
		}
	}
	if l.sendH > 0 {
		title := t.text.Web.ReplyTitle
		if h, ok := t.held.selected(); ok {
			title += " " + fmt.Sprintf(t.text.Web.ReplyFor, h.ID)
		} else if t.crafted {
			title += " · " + t.text.Web.ReplyLive
		}
		title += " · " + t.send.options()
		send := common.Box(s, title, strings.Split(t.send.editor.View(), "\n"), w-l.heldW, l.sendH, t.focus == webFocusSend)
		if l.heldW > 0 {
			held := common.Box(s, fmt.Sprintf(t.text.Web.Held, len(t.held.items)), t.held.view(time.Now(), t.hold), l.heldW, l.sendH, t.focus == webFocusHeld)
			for i := range send {
				send[i] += held[i]
			}
		}
		lines = append(lines, send...)
	}
	lines = append(lines, common.PadLine(t.send.preview(w), w))
	return common.FitLines(lines, t.height, w)
}

func (t *webTab) emptyList() string {
	if t.listening != nil {
		return fmt.Sprintf(t.text.Web.NoRequests, t.listening)
	}
	return t.text.Web.NoRequestsOff
}

// addrLine is the listen address field and the server's state.
func (t *webTab) addrLine() string {
	s := t.styles
	label := s.PaneTitle.Render(t.text.ListenLabel)
	if t.focus == webFocusAddr {
		label = s.PaneTitleFoc.Render(t.text.ListenLabel)
	}
	var state string
	switch {
	case t.stopped:
		state = s.Dim.Render("○ " + t.text.Web.Stopped)
	case t.listenErr != nil:
		state = s.Error.Render(fmt.Sprintf(t.text.ListenFailed, common.Safe(t.listenErr.Error()))) +
			s.Dim.Render(" — "+t.text.EditAddrHint)
	case t.listening != nil:
		state = s.OK.Render("● " + fmt.Sprintf(t.text.Listening, t.listening))
		if ta, ok := t.listening.(*net.TCPAddr); ok && !ta.IP.IsLoopback() {
			state += " " + s.Warning.Render("⚠ "+t.text.ExposedWarning)
		}
	case t.starting:
		state = s.Dim.Render("○ " + t.text.Web.Starting)
	default:
		state = s.Dim.Render("○ " + t.text.NotListening + " — " + t.text.Web.NotStartedHint)
	}
	return common.PadLine(label+t.addr.View()+"  "+state, t.width)
}

// togglesLine shows the three server toggles with their keys.
func (t *webTab) togglesLine() string {
	s, wt, wk := t.styles, &t.text.Web, &t.keys.Web
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
