package web

import (
	"bytes"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/sendpane"
)

// editorText is what the editor must hold for the send pane to produce
// exactly b: text (compose.Quote: a TAB, a control byte or a byte that is
// not UTF-8 written as an escape, since the editor cannot hold them) when
// the options allow it, else hex.
func editorText(b []byte, o compose.Options) (string, bool) {
	if !o.FixContentLength {
		if val, ok := compose.Quote(b, o); ok {
			return val, false
		}
	}
	return spacedHex(b), true
}

func spacedHex(b []byte) string {
	var sb strings.Builder
	for i, c := range b {
		if i > 0 {
			if i%16 == 0 {
				sb.WriteByte('\n')
			} else {
				sb.WriteByte(' ')
			}
		}
		fmt.Fprintf(&sb, "%02x", c)
	}
	return sb.String()
}

// syncCrafted keeps hand-crafted mode serving exactly what the editor
// holds: after every edit or option change, valid bytes are handed to the
// server (an input error keeps the last good reply and is shown in the
// preview line).
func (t *Model) syncCrafted() tea.Cmd {
	if !t.crafted {
		return nil
	}
	b, err := t.Send.Bytes()
	if err != nil || (bytes.Equal(b, t.applied) && t.applied != nil) {
		return nil
	}
	t.applied = append([]byte{}, b...) // never nil: nil turns the mode off
	t.web.SetResponse(t.applied)
	return nil
}

func (t *Model) toggleCrafted() tea.Cmd {
	wt := &t.C.Text.Web
	if t.crafted {
		t.crafted, t.applied = false, nil
		t.web.SetResponse(nil)
		return common.Status(wt.CraftedOff, false)
	}
	b, err := t.Send.Bytes()
	if err != nil {
		return common.Status(fmt.Sprintf(wt.CraftedInvalid, err), true)
	}
	t.crafted = true
	t.applied = append([]byte{}, b...)
	t.web.SetResponse(t.applied)
	return common.Status(fmt.Sprintf(wt.CraftedOnStatus, len(b)), false)
}

// selectedHeld is the held request an action applies to, read after
// taking the engine's snapshot: the list's own may be a moment old (a
// drop done, its hold-changed signal not yet here), and acting on a
// request no longer held would fail.
func (t *Model) selectedHeld() (httpserve.HeldRequest, bool) {
	t.setHeld(t.web.Held())
	return t.held.Selected()
}

// deliver answers the selected held request with the editor's bytes.
func (t *Model) deliver() (sendpane.Deliver, tea.Cmd) {
	h, ok := t.selectedHeld()
	if !ok {
		return nil, common.Status(t.C.Text.Web.NothingToReply, true)
	}
	web, wt, c := t.web, &t.C.Text.Web, t.C
	return func(data []byte, _ bool) common.StatusMsg {
		if err := web.Release(h.ID, data); err != nil {
			return common.StatusMsg{Text: fmt.Sprintf(wt.ReplyFailed, common.ErrText(c, err)), Err: true}
		}
		return common.StatusMsg{Text: fmt.Sprintf(wt.Released, h.ID, len(data))}
	}, nil
}

// serveCmd answers the selected held request as if hold were off.
func (t *Model) serveCmd() tea.Cmd {
	h, ok := t.selectedHeld()
	if !ok {
		return common.Status(t.C.Text.Web.NothingToReply, true)
	}
	web, wt, c := t.web, &t.C.Text.Web, t.C
	return func() tea.Msg {
		if err := web.Release(h.ID, nil); err != nil {
			return common.StatusMsg{Text: fmt.Sprintf(wt.ReplyFailed, common.ErrText(c, err)), Err: true}
		}
		return common.StatusMsg{Text: fmt.Sprintf(wt.ServedNormally, h.ID)}
	}
}

func (t *Model) dropCmd() tea.Cmd {
	h, ok := t.selectedHeld()
	if !ok {
		return common.Status(t.C.Text.Web.NothingToReply, true)
	}
	web, wt, c := t.web, &t.C.Text.Web, t.C
	return func() tea.Msg {
		if err := web.Drop(h.ID); err != nil {
			return common.StatusMsg{Text: fmt.Sprintf(wt.ReplyFailed, common.ErrText(c, err)), Err: true}
		}
		return common.StatusMsg{Text: fmt.Sprintf(wt.Dropped, h.ID)}
	}
}
