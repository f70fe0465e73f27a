package web

import "github.com/netassist/netassist/tui/common"

// maxAnnotate bounds the response body handed to the annotated view.
const maxAnnotate = 256 << 10

var _ common.Annotatable = (*Model)(nil)

// Annotatable hands the annotated view (f7) the selected exchange's
// request exactly as it arrived, or its response as it was sent (with the
// request's method, so a reply to HEAD has no body) when the raw pane is
// focused and scrolled down to the response.
func (t *Model) Annotatable() ([]byte, []string, bool) {
	if t.web == nil {
		return nil, nil, false
	}
	rec, ok := t.list.Sync()
	if !ok {
		return nil, nil, false
	}
	ex, ok := exchangeOf(rec)
	if !ok {
		return nil, nil, false
	}
	if t.Is(t.raw) && t.raw.TopPart() >= t.respAt && ex.OutBytes > 0 {
		if r := readResponse(t.store, rec, ex, maxAnnotate); len(r.data) > 0 {
			return r.data, []string{ex.Method}, true
		}
	}
	req := rawBytes(ex)
	return req, nil, len(req) > 0
}
