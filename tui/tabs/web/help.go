package web

import (
	"charm.land/bubbles/v2/key"

	"github.com/netassist/netassist/tui/components/docpane"
)

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
			if d := t.Focus().(*docpane.Model); d.TakesText() || d.Searching() {
				return d.ShortHelp()
			}
			return []key.Binding{k.Up, k.ViewHexPlain, wk.Lab, wk.Zoom, k.Search.Open, k.FocusNext}
		}
		if held {
			return []key.Binding{k.Up, wk.Reply, wk.Serve, wk.Drop}
		}
		return []key.Binding{k.Up, wk.Lab, wk.Zoom, wk.Mark, wk.Diff, wk.EncodingPlain, wk.HoldPlain, wk.CraftedPlain, k.FocusNext}
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
		{k.Up, k.PageUp, k.Top, k.Follow, k.ViewHex, k.ViewHexPlain, wk.Zoom},
		{wk.Lab, wk.LabCoding, wk.Mark, wk.Diff},
		k.Search.HelpGroup(),
		{k.FocusNext, k.FocusPrev, wk.Listen, wk.Stop, k.Back},
	}
}
