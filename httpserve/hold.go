package httpserve

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/netassist/netassist/netassist"
)

// ErrNotHeld is returned by Release and Drop for an ID that is not waiting
// (never held, already answered, or timed out).
var ErrNotHeld = errors.New("httpserve: request is not held")

// HeldRequest is a request waiting in hold mode, for a view to list with a
// countdown to Deadline.
type HeldRequest struct {
	ID             uint64 // Exchange.ID; pass it to Release or Drop
	Conn           netassist.ConnID
	Method, Target string
	Since          time.Time
	Deadline       time.Time
	// HalfClosed: the client finished sending (FIN) and waits for the
	// reply; it has not left.
	HalfClosed bool
	// Record is the held request's record, as published in the store
	// when it was held (Reply ReplyHeld): raw bytes, headers, body.
	Record *Exchange
}

type holdEntry struct {
	info  HeldRequest
	conn  *captureConn
	reply chan holdReply // cap 1; sent once, by whoever removes the entry
}

type holdReply struct {
	data []byte // raw reply; nil: serve as if hold were off
	drop bool   // close the connection without a reply
}

// Held lists the requests waiting for a reply, oldest first.
func (s *Server) Held() []HeldRequest {
	s.mu.Lock()
	out := make([]HeldRequest, 0, len(s.held))
	for _, e := range s.held {
		info := e.info
		info.HalfClosed = e.conn.fin.Load()
		out = append(out, info)
	}
	s.mu.Unlock()
	slices.SortFunc(out, func(a, b HeldRequest) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// HoldChanged is signalled (coalesced) when a request starts or stops
// being held. A view waits on it, then calls Held.
func (s *Server) HoldChanged() <-chan struct{} { return s.holdChanged }

// Release answers held request id with exactly reply, written raw (as in
// hand-crafted mode). A nil reply lets the request be served as if hold
// mode were off (the hand-crafted reply if set, else the site).
func (s *Server) Release(id uint64, reply []byte) error {
	return s.answer(id, holdReply{data: clone(reply)})
}

// Drop closes held request id's connection without a reply.
func (s *Server) Drop(id uint64) error { return s.answer(id, holdReply{drop: true}) }

func (s *Server) answer(id uint64, r holdReply) error {
	s.mu.Lock()
	e := s.held[id]
	delete(s.held, id)
	s.mu.Unlock()
	if e == nil {
		return fmt.Errorf("request %d: %w", id, ErrNotHeld)
	}
	e.reply <- r
	s.signalHold()
	return nil
}

func (s *Server) signalHold() {
	select {
	case s.holdChanged <- struct{}{}:
	default:
	}
}

// hold parks the request until Release, Drop, the timeout, the client
// leaving or shutdown, then answers accordingly.
func (s *Server) hold(c *captureConn, w *bodyWriter, r *http.Request, ex *Exchange, st *Settings) {
	c.holding.Add(1) // a person is writing the reply: never shed
	defer c.holding.Add(-1)
	now := time.Now()
	deadline := now.Add(st.HoldTimeout)
	e := &holdEntry{
		info:  HeldRequest{ID: ex.ID, Conn: c.id, Method: ex.Method, Target: ex.Target, Since: now, Deadline: deadline},
		conn:  c,
		reply: make(chan holdReply, 1),
	}
	// Publish the request at once, so it can be read while the reply is
	// written; the final record (same ID) follows the reply.
	e.info.Record = ex.heldSnapshot(c, deadline)
	// net/http's read deadline (ReadTimeout) would cancel the request's
	// context while we wait; the write deadline must outlast the hold.
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Time{})
	rc.SetWriteDeadline(deadline.Add(s.http.WriteTimeout))

	s.mu.Lock()
	s.held[ex.ID] = e
	s.mu.Unlock()
	s.store.RecordDetail(c.id, e.info.Record)
	s.signalHold()

	timer := time.NewTimer(st.HoldTimeout)
	defer timer.Stop()
	var rep holdReply
	var reason string
	select {
	case rep = <-e.reply:
	case <-timer.C:
		reason = ReplyTimeout
	case <-c.gone:
		// Only a reset or a failed write: a FIN (half-close) cancels
		// r.Context() too, but such a client still waits for the reply.
		reason = ReplyGone
	case <-s.done:
		reason = ReplyShutdown
	}
	if reason != "" && !s.unhold(ex.ID) {
		// Released at the same moment: the reply wins.
		rep, reason = <-e.reply, ""
	}
	ex.Held = time.Since(now)
	if c.fin.Load() && reason != ReplyGone {
		ex.Note = "client finished sending (FIN) while held; it still read the reply"
	}
	rc.SetWriteDeadline(time.Now().Add(s.http.WriteTimeout))

	switch {
	case reason == ReplyTimeout:
		ex.Reply = ReplyTimeout
		ex.Note = fmt.Sprintf("hold timed out after %v", st.HoldTimeout)
		w.Header().Set("Connection", "close")
		textReply(w, http.StatusGatewayTimeout, fmt.Sprintf("netassist: no reply was sent within %v (hold timeout)\n", st.HoldTimeout))
	case reason == ReplyGone:
		ex.Reply = ReplyGone
		ex.Note = "client went away while held"
		panic(http.ErrAbortHandler) // no reply to send, nobody to send it to
	case reason == ReplyShutdown:
		ex.Reply = ReplyShutdown
		w.Header().Set("Connection", "close")
		textReply(w, http.StatusServiceUnavailable, "netassist: server shutting down\n")
	case rep.drop:
		ex.Reply = ReplyDropped
		ex.Note = "connection closed without a reply"
		panic(http.ErrAbortHandler)
	case rep.data != nil:
		s.craft(c, w, ex, rep.data)
	default:
		cur := s.settings.Load()
		if cur.ResponseBytes != nil {
			s.craft(c, w, ex, cur.ResponseBytes)
			return
		}
		s.serveSite(w, r, ex, cur)
	}
}

// unhold removes id from the held set; false if someone else did (a
// Release racing with the timeout).
func (s *Server) unhold(id uint64) bool {
	s.mu.Lock()
	_, ok := s.held[id]
	delete(s.held, id)
	s.mu.Unlock()
	if ok {
		s.signalHold()
	}
	return ok
}

// textReply sends a short plain-text response.
func textReply(w http.ResponseWriter, code int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Content-Length", fmt.Sprint(len(msg)))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	w.Write([]byte(msg))
}

// heldSnapshot is the record of ex while it is held: the request as it
// arrived so far, Reply ReplyHeld and the hold's deadline. It is published
// in the store at once and never changed; the final record supersedes it.
func (ex *Exchange) heldSnapshot(c *captureConn, deadline time.Time) *Exchange {
	snap := &Exchange{
		ID: ex.ID, Conn: ex.Conn, Start: ex.Start,
		Method: ex.Method, Target: ex.Target, Proto: ex.Proto, Headers: ex.Headers,
		RawHead: ex.RawHead, HeadTruncated: ex.HeadTruncated, HeadLen: ex.HeadLen, InOffset: ex.InOffset,
		AcceptEncoding: ex.AcceptEncoding, HasAcceptEncoding: ex.HasAcceptEncoding,
		Reply: ReplyHeld, Deadline: deadline, Note: ex.Note, ClientQ: -1,
	}
	c.mu.Lock()
	if r := ex.raw; r != nil {
		snap.RawBody = clone(r.body)
		snap.ReqBodyLen = r.frame.BodyLen
	}
	c.mu.Unlock()
	return snap
}
