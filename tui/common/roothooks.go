package common

import tea "charm.land/bubbletea/v2"

// Annotatable is a tab the annotated view (f7, DESIGN.md §8) can explain:
// it hands over its selected request, reply or chunk (AnnotateSrc). ok is
// false when nothing is selected or received yet. The root type-asserts
// each tab for it.
type Annotatable interface {
	Annotatable() (src AnnotateSrc, ok bool)
}

// MaxAnnotate bounds the bytes of one stream a tab hands the annotated
// view (its body's bytes for the Web tab's response).
const MaxAnnotate = 256 << 10

// AnnotateSrc is what the annotated view explains.
type AnnotateSrc struct {
	// Data is the bytes of the selected message, from its start, and
	// the messages after it.
	Data []byte
	// Methods are the methods of the requests that the responses in
	// Data answer, in order (a reply to HEAD has no body).
	Methods []string
	// Cut: the stream goes on beyond Data (MaxAnnotate reached, or bytes
	// not captured): the view says so instead of calling the unfinished
	// message a framing error.
	Cut bool
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
