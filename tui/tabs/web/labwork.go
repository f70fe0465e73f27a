package web

import (
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/httpserve"
	enclab "github.com/netassist/netassist/httpserve/lab"
	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
)

// maxLabBody bounds the body the encoding lab measures; labPlain is how
// much of it, decoded, the lab shows beside the encoded bytes.
const (
	maxLabBody = 16 << 20
	labPlain   = 1024
)

// labMsg is the lab's measure of record seq's response body, or why there
// is none.
type labMsg struct {
	seq   uint64
	res   *enclab.Result
	plain []byte // the body's first bytes
	note  string
	err   error
}

func (labMsg) Route() netassist.Tab { return netassist.TabWeb }

// errNoBody and errNotWhole say why a response cannot be measured.
var (
	errNoBody   = errors.New("no body")
	errNotWhole = errors.New("not whole")
)

// labBody is the identity body of ex's response and its lab key: the file
// the site served for a 200 from the site (whole, whatever the capture
// kept of it: a file goes out with sendfile and is captured as a prefix),
// else the response as captured, chunks joined and Content-Encoding
// undone. note says which, in words.
func labBody(web *httpserve.Server, st *netassist.Store, rec netassist.DetailRecord, ex *httpserve.Exchange, t *i18n.LabText) (enclab.Key, []byte, string, error) {
	if ex.Reply == httpserve.ReplyHeld || len(ex.RespHead) == 0 || ex.Method == "HEAD" {
		return enclab.Key{}, nil, "", errNoBody
	}
	if ex.Reply == httpserve.ReplyStatic && ex.Status == 200 {
		name, fi, body, err := web.SiteFile(ex.Target, maxLabBody)
		if err == nil {
			note := fmt.Sprintf(t.FromFile, common.Safe(name))
			if fi.Size() != ex.BodyBytes {
				note += " — " + t.FileChanged
			}
			return enclab.FileKey(name, fi), body, note, nil
		}
		if errors.Is(err, httpserve.ErrTooLarge) {
			return enclab.Key{}, nil, "", fmt.Errorf(t.TooLarge, common.FormatSize(maxLabBody))
		}
		// The file is gone or refused now: try the capture.
	}
	resp := readResponse(st, rec, ex, maxLabBody)
	if resp.omitted > 0 || resp.evicted > 0 {
		return enclab.Key{}, nil, "", errNotWhole
	}
	if resp.hidden > 0 {
		return enclab.Key{}, nil, "", fmt.Errorf(t.TooLarge, common.FormatSize(maxLabBody))
	}
	done, partial, _ := wire.ParseResponses(resp.data, ex.Method)
	if partial != nil {
		done = append(done, partial)
	}
	for _, m := range done {
		if m.Head == nil || !m.Head.Complete || m.Head.Start.Code < 200 {
			continue
		}
		if len(m.Body) == 0 {
			return enclab.Key{}, nil, "", errNoBody
		}
		body, err := wire.DecodeLimit(m.ContentEncoding(), m.Body, maxLabBody)
		if err != nil {
			return enclab.Key{}, nil, "", err
		}
		return enclab.BodyKey(fmt.Sprintf("#%d", ex.ID), body), body, t.FromCapture, nil
	}
	return enclab.Key{}, nil, "", errNoBody
}

// openLab opens the lab on the selected exchange's response and starts
// measuring it in a Cmd: the UI never waits on the encoders (a body
// measured before comes from the lab's cache at once).
func (t *Model) openLab() tea.Cmd {
	lt := &t.C.Text.Web.Lab
	rec, ok := t.list.Sync()
	var ex *httpserve.Exchange
	if ok {
		ex, ok = exchangeOf(rec)
	}
	if !ok || ex.Reply == httpserve.ReplyHeld || len(ex.RespHead) == 0 {
		return common.Status(lt.NoBody, true)
	}
	var ae []string
	if ex.HasAcceptEncoding {
		ae = []string{ex.AcceptEncoding}
	}
	title := fmt.Sprintf(lt.Title, ex.ID, common.Safe(ex.Method+" "+ex.Target))
	reasons := enclab.Why(ae, httpserve.Encoding(ex.Encoding), ex.Why, t.C.Lang)
	t.lab.Request(rec.Seq, title, ex.AcceptEncoding, ex.HasAcceptEncoding, httpserve.Encoding(ex.Encoding), reasons)
	t.Overlay = t.lab
	engine, web, st, seq, text := t.labs, t.web, t.store, rec.Seq, *lt
	return func() tea.Msg {
		key, body, note, err := labBody(web, st, rec, ex, &text)
		if err != nil {
			return labMsg{seq: seq, err: err}
		}
		return labMsg{seq: seq, res: engine.Compute(key, body), plain: body[:min(len(body), labPlain)], note: note}
	}
}

// labDone hands a measure to the lab, if it is still the one shown.
func (t *Model) labDone(msg labMsg) {
	if msg.seq != t.lab.Seq() {
		return
	}
	lt := &t.C.Text.Web.Lab
	switch {
	case errors.Is(msg.err, errNoBody):
		t.lab.SetError(lt.NoBody)
	case errors.Is(msg.err, errNotWhole):
		t.lab.SetError(lt.NotWhole)
	case msg.err != nil:
		t.lab.SetError(fmt.Sprintf(lt.Failed, common.Safe(msg.err.Error())))
	default:
		t.lab.SetResult(msg.res, msg.plain, msg.note)
	}
}
