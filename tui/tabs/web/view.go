package web

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/addrbar"
	"github.com/netassist/netassist/tui/components/docpane"
	"github.com/netassist/netassist/tui/components/tabframe"
)

// layout is the tab's geometry. The reply editor shrinks to one line
// while nothing uses it (not focused, hand-crafted and hold off, nothing
// held), leaving the room to the request panes.
type layout struct {
	topH, listH, detailH, sendH int
	rawW, rawH                  int // raw box; beside the parsed box when rawH == detailH
	parsedW, parsedH            int
	heldW                       int // 0: no held box
}

func (t *Model) layout() layout {
	w, h := t.width, t.height
	var l layout
	inUse := t.Is(t.Send) || t.crafted || t.showHeld()
	// Lines: address 1, toggles 1, boxes, preview 1.
	l.topH, l.sendH = tabframe.Split(h, 2, inUse)
	top := l.topH
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
	return l
}

// SetSize sizes the tab.
func (t *Model) SetSize(w, h int) {
	t.width, t.height = max(w, 0), max(h, 0)
	t.relayout()
}

// relayout sizes the panes for the current layout (it follows the focus
// and the toggles, so the View calls it too).
func (t *Model) relayout() layout {
	l := t.layout()
	t.Frame.SetSize(t.width, t.width-l.heldW, l.sendH)
	t.list.SetSize(t.width, l.listH)
	t.raw.SetSize(l.rawW, l.rawH)
	t.parsed.SetSize(l.parsedW, l.parsedH)
	t.held.SetSize(l.heldW, l.sendH)
	return l
}

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
	t.Addr.SetState(t.addrState())
	header := []string{t.Addr.View(), t.togglesLine()}

	rec, ok := t.list.Sync()
	var ex *httpserve.Exchange
	if ok {
		ex, ok = exchangeOf(rec)
	}
	var top []string
	if l.listH > 0 {
		t.list.SetEmpty(t.emptyList())
		top = append(top, common.Lines(t.list.View())...)
	}
	if l.detailH > 0 {
		s := t.C.Styles
		rawTitle, parsedTitle := wt.Raw, wt.Parsed
		if ok {
			rk := docpane.Key{Seq: rec.Seq, Width: t.raw.InnerWidth(), Hex: t.rawHex, Gen: t.styleGen}
			t.raw.Fill(rk, func() []string { return rawLines(s, wt, ex, rk.Width, t.rawHex) })
			pk := docpane.Key{Seq: rec.Seq, Width: t.parsed.InnerWidth(), Gen: t.styleGen}
			t.parsed.Fill(pk, func() []string { return parsedLines(s, wt, ex, pk.Width) })
			rawTitle = fmt.Sprintf(wt.RawTitle, ex.ID, common.FormatSize(int64(len(ex.RawHead)+len(ex.RawBody))))
			parsedTitle += fmt.Sprintf(" #%d", ex.ID)
		} else {
			t.raw.Clear()
			t.parsed.Clear()
		}
		mode := t.C.Text.ModeText
		if t.rawHex {
			mode = t.C.Text.ModeHex
		}
		t.raw.SetTitle(rawTitle + " · " + mode)
		t.parsed.SetTitle(parsedTitle)
		raw, parsed := common.Lines(t.raw.View()), common.Lines(t.parsed.View())
		if l.rawH == l.detailH {
			top = append(top, common.Beside(raw, parsed)...)
		} else {
			top = append(append(top, raw...), parsed...)
		}
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

func (t *Model) emptyList() string {
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

// ShortHelp is the keys that matter in the focused pane.
func (t *Model) ShortHelp() []key.Binding {
	if t.web == nil {
		return nil
	}
	k, wk := t.C.Keys, &t.C.Keys.Web
	return t.Frame.ShortHelp(func() []key.Binding {
		held := t.held.Len() > 0
		switch t.Focus() {
		case t.Send:
			if held {
				return []key.Binding{wk.Reply, wk.Serve, wk.Drop, k.Back}
			}
			return []key.Binding{wk.Crafted, wk.Hold, k.Template, k.Back}
		case t.Addr:
			return t.Addr.ShortHelp()
		case t.held:
			return []key.Binding{wk.Reply, wk.Serve, wk.DropPlain, wk.EditReply}
		case t.raw, t.parsed:
			return []key.Binding{k.Up, k.ViewHexPlain, wk.EncodingPlain, k.FocusNext}
		}
		if held {
			return []key.Binding{k.Up, wk.Reply, wk.Serve, wk.Drop}
		}
		return []key.Binding{k.Up, wk.EncodingPlain, wk.HoldPlain, wk.CraftedPlain, k.FocusNext}
	})
}

// FullHelp is every key of the tab, by group.
func (t *Model) FullHelp() [][]key.Binding {
	if t.web == nil {
		return nil
	}
	k, wk := t.C.Keys, &t.C.Keys.Web
	return [][]key.Binding{
		{wk.Encoding, wk.Hold, wk.Crafted, wk.EncodingPlain, wk.HoldPlain, wk.CraftedPlain},
		{wk.Reply, wk.Serve, wk.Drop, wk.DropPlain, wk.EditReply},
		{k.CRLF, k.Escapes, k.SendHex, k.FixLength, k.Editor.Encoding, k.Template, k.Clear, k.Compose.Checksum},
		{k.Editor.Findings, k.Editor.Fix},
		{k.Up, k.PageUp, k.Top, k.Follow, k.ViewHex, k.ViewHexPlain},
		{k.FocusNext, k.FocusPrev, wk.Listen, wk.Stop, k.Back},
	}
}
