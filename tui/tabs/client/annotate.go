package client

// Annotatable hands the annotated view (f7) the selected chunk's message,
// else the latest reply received on the current (or last) connection.
func (t *Model) Annotatable() ([]byte, []string, bool) {
	return t.AnnotateSource(t.store, t.status().Conn)
}
