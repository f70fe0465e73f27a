package common

// Annotatable is a tab the annotated view (f7, DESIGN.md §8) can explain:
// it hands over the bytes of its selected request, reply or chunk, from
// the start of that message (data), and the methods of the requests that
// the responses in data answer, in order (a reply to HEAD has no body).
// ok is false when nothing is selected or received yet. The root
// type-asserts each tab for it.
type Annotatable interface {
	Annotatable() (data []byte, methods []string, ok bool)
}
