package client

import "github.com/netassist/netassist/tui/common"

// Annotatable hands the annotated view (f7) the selected chunk's message,
// else the latest reply received on the current (or last) connection.
func (t *Model) Annotatable() (common.AnnotateSrc, bool) {
	return t.AnnotateSource(t.store, t.status().Conn)
}
