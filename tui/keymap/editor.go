package keymap

import (
	"charm.land/bubbles/v2/key"

	"github.com/netassist/netassist/tui/i18n"
)

// EditorKeys are the send and reply editors' own keys (send encoding, the
// live checker). Like the send options they work from every pane of a
// tab, the editor included.
type EditorKeys struct {
	Encoding key.Binding // alt+u: send encoding UTF-8 → GBK → GB18030 → Latin-1
	Findings key.Binding // alt+b: the checker's findings, listed or counted
	Fix      key.Binding // f6: apply the checker's single right fix
}

func defaultEditorKeys(t i18n.Text) EditorKeys {
	e := t.Editor
	return EditorKeys{
		Encoding: bind("alt+u", e.KeyEncoding, "alt+u"),
		Findings: bind("alt+b", e.KeyFindings, "alt+b"),
		Fix:      bind("f6", e.KeyFix, "f6"),
	}
}
