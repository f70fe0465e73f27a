package web

import (
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/tui/components/docpane"
	"github.com/netassist/netassist/tui/components/tabframe"
)

// keys are the tab's own keys, from every pane and of one pane; the frame
// has the rest (tabframe.Frame.Key). The toggles and the hex view have an
// alt form that works everywhere and a plain letter for the panes that
// are not editors, for terminals whose Alt does not send ESC-prefixed keys.
func (t *Model) keys() (own, pane []tabframe.Action) {
	k, wk := t.C.Keys, &t.C.Keys.Web
	hex := func() tea.Cmd { t.rawHex = !t.rawHex; return nil }
	notEditing := func() bool { return !t.Focus().TakesText() }
	// While a search is in force in the raw or parsed pane, its n (next
	// match) wins over n (encoding; alt+n still works).
	notSearching := func() bool {
		d, ok := t.Focus().(*docpane.Model)
		return notEditing() && !(ok && d.Searching())
	}
	toggles := []struct {
		alt, plain tabframe.Action
		when       func() bool
	}{
		{tabframe.On(wk.Encoding, t.cycleEncoding), tabframe.On(wk.EncodingPlain, t.cycleEncoding), notSearching},
		{tabframe.On(wk.Hold, t.toggleHold), tabframe.On(wk.HoldPlain, t.toggleHold), notEditing},
		{tabframe.On(wk.Crafted, t.toggleCrafted), tabframe.On(wk.CraftedPlain, t.toggleCrafted), notEditing},
		{tabframe.On(k.ViewHex, hex), tabframe.On(k.ViewHexPlain, hex), notEditing},
	}
	for _, tg := range toggles {
		own = append(own, tg.alt)
		pane = append(pane, tg.plain.If(tg.when))
	}
	own = append(own,
		tabframe.On(wk.Serve, t.serveCmd),
		tabframe.On(wk.Drop, t.dropCmd),
		tabframe.On(wk.Stop, t.stop),
		tabframe.On(k.Template, func() tea.Cmd { // the lesson templates, this tab's reply first
			return tea.Batch(t.Send.OpenLessons(t.C.Text.Web.ReplyTemplate), t.SetFocus(t.Send))
		}))
	// Not while a pane's search field is open: z is text there.
	zoomable := func() bool { f := t.Focus(); return notEditing() && (f == t.list || f == t.raw || f == t.parsed) }
	pane = append(pane,
		tabframe.On(wk.Zoom, func() tea.Cmd { t.zoom = !t.zoom; return nil }).If(zoomable),
		tabframe.On(wk.Lab, t.openLab).If(zoomable),
		tabframe.On(wk.Mark, t.toggleMark).If(zoomable),
		tabframe.On(wk.Diff, t.openDiff).If(zoomable),
		tabframe.On(wk.Listen, t.listenKey).In(t.Addr),
		tabframe.On(wk.DropPlain, t.dropCmd).In(t.held),
		tabframe.On(wk.EditReply, func() tea.Cmd { return t.SetFocus(t.Send) }).In(t.held))
	return own, pane
}
