package common

import tea "charm.land/bubbletea/v2"

// Annotatable is a tab the annotated view (f7, DESIGN.md §8) can explain:
// it hands over the bytes of its selected request, reply or chunk, from
// the start of that message (data), and the methods of the requests that
// the responses in data answer, in order (a reply to HEAD has no body).
// ok is false when nothing is selected or received yet. The root
// type-asserts each tab for it.
type Annotatable interface {
	Annotatable() (data []byte, methods []string, ok bool)
}

// Presentable is a tab that takes part in presenter mode (issue 15):
// SetPresent(true) shows its focused pane alone, full size, and
// highlights the newest bytes; false gives the usual layout back. The
// Cmd keeps highlights redrawn. The root type-asserts each tab for it.
type Presentable interface {
	SetPresent(on bool) tea.Cmd
}

// Badged is a tab whose tab-bar label says more than its name: the
// protocol it speaks when that is not the plain default ("TLS", "UDP";
// the Web tab's "HTTPS"), "" otherwise. The root type-asserts each tab
// for it.
type Badged interface {
	Badge() string
}
