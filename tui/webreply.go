package tui

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/tui/common"
)

// editorText is what the editor must hold for the send pane to produce
// exactly b: text when b is printable with CRLF line breaks, else hex.
func editorText(b []byte, o compose.Options) (string, bool) {
	if utf8.Valid(b) && o.Escapes && o.CRLF && !o.FixContentLength {
		val := strings.ReplaceAll(strings.ReplaceAll(string(b), `\`, `\\`), "\r\n", "\n")
		// The editor expands macros: a literal "{{" is written "{{{{}}".
		val = strings.ReplaceAll(val, "{{", "{{{{}}")
		if got, err := compose.Build(val, o, &compose.MacroEnv{}); err == nil && bytes.Equal(got, b) {
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
func (t *webTab) syncCrafted() tea.Cmd {
	if !t.crafted {
		return nil
	}
	b, _, err := t.send.bytes()
	if err != nil || (bytes.Equal(b, t.applied) && t.applied != nil) {
		return nil
	}
	t.applied = append([]byte{}, b...) // never nil: nil turns the mode off
	t.web.SetResponse(t.applied)
	return nil
}

func (t *webTab) toggleCrafted() tea.Cmd {
	if t.crafted {
		t.crafted, t.applied = false, nil
		t.web.SetResponse(nil)
		t.relayout()
		return common.Status(t.text.Web.CraftedOff, false)
	}
	b, _, err := t.send.bytes()
	if err != nil {
		return common.Status(fmt.Sprintf(t.text.Web.CraftedInvalid, err), true)
	}
	t.crafted = true
	t.applied = append([]byte{}, b...)
	t.web.SetResponse(t.applied)
	t.relayout()
	return common.Status(fmt.Sprintf(t.text.Web.CraftedOnStatus, len(b)), false)
}

// replyCmd answers the selected held request: with the editor's bytes, or
// (normal) as if hold were off.
func (t *webTab) replyCmd(normal bool) tea.Cmd {
	h, ok := t.held.selected()
	if !ok {
		return common.Status(t.text.Web.NothingToReply, true)
	}
	var data []byte
	if !normal {
		b, _, err := t.send.bytes()
		if err != nil {
			return common.Status(fmt.Sprintf(t.text.InvalidInput, err), true)
		}
		if len(b) == 0 {
			return common.Status(t.text.NothingToSend, true)
		}
		data = append([]byte{}, b...)
	}
	web, text := t.web, &t.text.Web
	return func() tea.Msg {
		if err := web.Release(h.ID, data); err != nil {
			return common.StatusMsg{Text: fmt.Sprintf(text.ReplyFailed, err), Err: true}
		}
		if normal {
			return common.StatusMsg{Text: fmt.Sprintf(text.ServedNormally, h.ID)}
		}
		return common.StatusMsg{Text: fmt.Sprintf(text.Released, h.ID, len(data))}
	}
}

func (t *webTab) dropCmd() tea.Cmd {
	h, ok := t.held.selected()
	if !ok {
		return common.Status(t.text.Web.NothingToReply, true)
	}
	web, text := t.web, &t.text.Web
	return func() tea.Msg {
		if err := web.Drop(h.ID); err != nil {
			return common.StatusMsg{Text: fmt.Sprintf(text.ReplyFailed, err), Err: true}
		}
		return common.StatusMsg{Text: fmt.Sprintf(text.Dropped, h.ID)}
	}
}
