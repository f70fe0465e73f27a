package web

import "github.com/netassist/netassist/tui/common"

var _ common.Annotatable = (*Model)(nil)

// Annotatable hands the annotated view (f7) the selected exchange's
// request exactly as it arrived, or its response as it was sent (with the
// request's method, so a reply to HEAD has no body) when the raw pane is
// focused and scrolled down to the response.
//
// A response whose body goes beyond common.MaxAnnotate, or was not all
// captured (a file sent with sendfile, bytes the capture budget took), is
// handed over cut, and says so.
func (t *Model) Annotatable() (common.AnnotateSrc, bool) {
	if t.web == nil {
		return common.AnnotateSrc{}, false
	}
	rec, ok := t.list.Sync()
	if !ok {
		return common.AnnotateSrc{}, false
	}
	ex, ok := exchangeOf(rec)
	if !ok {
		return common.AnnotateSrc{}, false
	}
	if t.Is(t.raw) && t.raw.TopPart() >= t.respAt && ex.OutBytes > 0 {
		if r := readResponse(t.store, rec, ex, common.MaxAnnotate); len(r.data) > 0 {
			cut := r.hidden > 0 || r.omitted > 0 || r.evicted > 0
			return common.AnnotateSrc{Data: r.data, Methods: []string{ex.Method}, Cut: cut}, true
		}
	}
	req := rawBytes(ex)
	return common.AnnotateSrc{Data: req}, len(req) > 0
}
