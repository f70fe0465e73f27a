package tui

import (
	tea "charm.land/bubbletea/v2"

	ann "github.com/netassist/netassist/httpserve/annotate"
	"github.com/netassist/netassist/tui/common"
)

// annotatedMsg carries the annotated view of tab's selected message,
// explained off the event loop.
type annotatedMsg struct {
	tab int
	doc *ann.Doc
}

// annotateCmd explains the shown tab's selected request, reply or chunk
// (common.Annotatable) in the UI's language, off the event loop; the view
// opens when it is ready. With nothing to explain, the status says how to
// get something.
func (m *Model) annotateCmd() tea.Cmd {
	t, ok := m.tabs[m.active].(common.Annotatable)
	var src common.AnnotateSrc
	if ok {
		src, ok = t.Annotatable()
	}
	if !ok || len(src.Data) == 0 {
		return tagStatus(m.tabs[m.active].Name(), common.Status(m.c.Text.Root.AnnotateNothing, false))
	}
	tab, lang := m.active, m.c.Lang
	return func() tea.Msg {
		return annotatedMsg{tab: tab, doc: ann.Annotate(src.Data, ann.Options{Lang: lang, Methods: src.Methods, Cut: src.Cut})}
	}
}
