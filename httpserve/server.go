// Package httpserve is the web server of the Web tab: Go's net/http over a
// listener whose connections copy every byte read and written into the
// capture store, plus, per request, an Exchange record (the "http" event)
// with the exact request bytes, the headers in wire order, and the content
// coding the server chose. It serves a directory through os.Root, or a
// built-in demo site, and can answer with hand-crafted bytes or hold each
// request until a person replies.
package httpserve

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist"
)

// ErrServerClosed is returned by Serve and Listen after Shutdown or Close.
var ErrServerClosed = http.ErrServerClosed

// Defaults for zero Config fields.
const (
	DefaultHoldTimeout       = 60 * time.Second
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = 60 * time.Second
	DefaultWriteTimeout      = 5 * time.Minute
	DefaultIdleTimeout       = 2 * time.Minute
	DefaultMaxHeaderBytes    = 64 << 10
	DefaultBodyPrefix        = 16 << 10
	maxBodyPrefix            = 1 << 20
)

// Config configures a Server. The zero value serves the demo site with
// negotiated encoding and the defaults above.
type Config struct {
	// Root is the directory to serve; "" serves the built-in demo site.
	Root string
	// List enables directory listings (without it a directory with no
	// index.html is a 404).
	List bool
	// Encoding is EncodingAuto (negotiate; "" means the same) or a coding
	// to force on every full (200) response.
	Encoding Encoding
	// ResponseBytes, if non-nil, is the hand-crafted reply: every request
	// is answered with exactly these bytes, written raw to the connection.
	ResponseBytes []byte
	// Hold makes each request wait for Release (or the hold timeout).
	Hold bool
	// HoldTimeout is how long a held request waits (DefaultHoldTimeout).
	HoldTimeout time.Duration
	// MaxConns caps concurrent connections (0: from the open-file limit,
	// see defaultMaxConns). At the cap a newcomer is accepted and the
	// connection that made no progress for longest (at least ShedAfter) is
	// shed; if none qualifies, the newcomer waits for a slot.
	MaxConns int
	// Timeouts and limits of the http.Server (defaults above).
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	MaxHeaderBytes    int
	// BodyPrefix is how many bytes of a file body sent with sendfile are
	// kept in the capture; the rest is counted as omitted
	// (DefaultBodyPrefix, at most 1 MiB). Negative: capture every byte
	// and give up sendfile.
	BodyPrefix int
	// ShedAfter is how long a connection must have made no progress to
	// be shed at the cap (DefaultShedAfter).
	ShedAfter time.Duration
	// SendTimeout cuts a write that moves no byte for this long
	// (DefaultSendTimeout; negative: off). MinHeadRate (bytes per second)
	// and HeadGrace cut a request head that trickles in slower than that
	// after the grace (DefaultMinHeadRate, DefaultHeadGrace; negative
	// rate: off).
	SendTimeout time.Duration
	MinHeadRate int
	HeadGrace   time.Duration
	// LingerBytes and LingerTimeout bound the lingering close: what a
	// client still sends of a request body the server did not read is
	// captured, up to this many bytes (DefaultLingerBytes) and this long
	// (DefaultLingerTimeout), before the connection closes. Negative: off.
	LingerBytes   int
	LingerTimeout time.Duration
	// Tab names the server's events (netassist.TabWeb if empty).
	Tab netassist.Tab
	// TLS, if set, makes the server HTTPS: a certificate (tlsconf). Each
	// connection's handshake completes before it is a connection (a
	// failure is an error event; ReadHeaderTimeout bounds it), and the
	// capture holds the decrypted bytes. ALPN offers http/1.1 only,
	// whatever TLS.NextProtos says, so browsers never switch to HTTP/2
	// and every byte stays readable.
	TLS *tls.Config
}

// Server is the Web tab's HTTP server. Its runtime toggles (encoding,
// hand-crafted reply, hold) may be changed while it serves; each request
// sees one consistent snapshot of them.
type Server struct {
	store      *netassist.Store
	cfg        Config
	tls        *tls.Config // cfg.TLS offering http/1.1 only; nil: plain HTTP
	tab        netassist.Tab
	bodyPrefix int
	progress   progressRules
	maxConns   int
	site       fs.FS
	root       *os.Root // nil for the demo site
	beneath    *beneath // opens root files with no link on their way (Linux); nil: never
	demo       bool
	started    time.Time // Last-Modified of the demo site
	http       *http.Server

	settingsMu sync.Mutex // serializes setters (read-modify-write of settings)
	settings   atomic.Pointer[Settings]

	nextID atomic.Uint64 // exchange IDs

	holdChanged chan struct{} // cap 1, coalesced
	done        chan struct{} // closed by Shutdown and Close: held requests give up

	mu       sync.Mutex                // guards held, closed, lns
	lns      map[net.Listener]struct{} // listeners opened by Listen, still open
	held     map[uint64]*holdEntry
	closed   bool
	serving  sync.WaitGroup // Listen's Serve goroutines
	handlers sync.WaitGroup // running handlers
}

// Settings are the toggles a UI may change while the server runs.
type Settings struct {
	Encoding      Encoding
	ResponseBytes []byte // nil: serve files
	Hold          bool
	HoldTimeout   time.Duration
}

// New returns a server that records into store. It opens cfg.Root (through
// os.Root, so nothing outside it can be served) and fails if that is not a
// directory.
func New(store *netassist.Store, cfg Config) (*Server, error) {
	if store == nil {
		return nil, errors.New("httpserve: nil store")
	}
	enc, err := ParseEncoding(string(cfg.Encoding))
	if err != nil {
		return nil, err
	}
	s := &Server{
		store:       store,
		cfg:         cfg,
		tab:         cfg.Tab,
		started:     time.Now().Truncate(time.Second),
		holdChanged: make(chan struct{}, 1),
		done:        make(chan struct{}),
		held:        make(map[uint64]*holdEntry),
	}
	if cfg.TLS != nil {
		s.tls = cfg.TLS.Clone()
		s.tls.NextProtos = []string{"http/1.1"}
	}
	s.progress = s.rules()
	s.maxConns = cfg.MaxConns
	if s.maxConns <= 0 {
		s.maxConns = defaultMaxConns()
	}
	if s.tab == "" {
		s.tab = netassist.TabWeb
	}
	switch {
	case cfg.BodyPrefix == 0:
		s.bodyPrefix = DefaultBodyPrefix
	case cfg.BodyPrefix > maxBodyPrefix:
		s.bodyPrefix = maxBodyPrefix
	default:
		s.bodyPrefix = cfg.BodyPrefix
	}
	if cfg.Root != "" {
		root, err := os.OpenRoot(cfg.Root)
		if err != nil {
			return nil, fmt.Errorf("web root: %w", err)
		}
		s.root, s.site = root, root.FS()
		s.beneath = newBeneath(root)
	} else {
		s.site, s.demo = demoSite(), true
	}
	s.settings.Store(&Settings{
		Encoding:      enc,
		ResponseBytes: clone(cfg.ResponseBytes),
		Hold:          cfg.Hold,
		HoldTimeout:   orDefault(cfg.HoldTimeout, DefaultHoldTimeout),
	})
	s.http = &http.Server{
		Handler:                      http.HandlerFunc(s.serveHTTP),
		ReadHeaderTimeout:            orDefault(cfg.ReadHeaderTimeout, DefaultReadHeaderTimeout),
		ReadTimeout:                  orDefault(cfg.ReadTimeout, DefaultReadTimeout),
		WriteTimeout:                 orDefault(cfg.WriteTimeout, DefaultWriteTimeout),
		IdleTimeout:                  orDefault(cfg.IdleTimeout, DefaultIdleTimeout),
		MaxHeaderBytes:               orDefault(cfg.MaxHeaderBytes, DefaultMaxHeaderBytes),
		ErrorLog:                     log.New(errorLog{s}, "", 0),
		ConnContext:                  connContext,
		ConnState:                    connState,
		DisableGeneralOptionsHandler: true, // "OPTIONS *" reaches our handler and gets a record
	}
	return s, nil
}

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}

// headLimit is how many request head bytes a record keeps: what net/http
// reads before it gives up with 431.
func (s *Server) headLimit() int { return s.http.MaxHeaderBytes + 4096 }

// Serve accepts connections on l and serves them until Shutdown or Close,
// recording a listen event first. It returns
// ErrServerClosed after Shutdown or Close, as http.Server does.
func (s *Server) Serve(l net.Listener) error {
	if s.tls != nil {
		l = s.tlsListener(l)
	}
	s.recordListen(l)
	return s.serve(l)
}

func (s *Server) serve(l net.Listener) error {
	cl, ok := l.(*captureListener)
	if !ok {
		cl = s.capture(l)
	}
	return s.http.Serve(cl)
}

// capture wraps l so that every connection it accepts is captured.
func (s *Server) capture(l net.Listener) *captureListener {
	return &captureListener{
		Listener: l,
		srv:      s,
		slots:    make(chan struct{}, s.maxConns),
		done:     make(chan struct{}),
	}
}

// Listen binds addr (e.g. "127.0.0.1:0"), records the listen event and
// serves in the background until Shutdown or Close. It returns the bound
// address. A bind failure is also recorded as an error event.
func (s *Server) Listen(addr string) (net.Addr, error) {
	s.mu.Lock()
	closed := s.closed
	if !closed {
		s.serving.Add(1)
	}
	s.mu.Unlock()
	if closed {
		return nil, ErrServerClosed
	}
	l, err := net.Listen(netassist.ListenNetwork("tcp", addr), addr)
	if err != nil {
		s.serving.Done()
		err = netassist.NameOp(err, true) // "listen tcp ADDR: address already in use"
		s.store.RecordError(s.tab, err.Error())
		return nil, err
	}
	bound := l.Addr()
	if s.tls != nil {
		l = s.tlsListener(l)
	}
	cl := s.capture(l)
	s.mu.Lock()
	if s.lns == nil {
		s.lns = make(map[net.Listener]struct{})
	}
	s.lns[cl] = struct{}{}
	s.mu.Unlock()
	s.recordListen(l)
	go func() {
		defer s.serving.Done()
		err := s.serve(cl)
		s.mu.Lock()
		_, open := s.lns[cl]
		delete(s.lns, cl)
		s.mu.Unlock()
		// A listener closed by StopListening is not an error.
		if err != nil && open && !errors.Is(err, ErrServerClosed) {
			s.store.RecordError(s.tab, "serve: "+err.Error())
		}
	}()
	return bound, nil
}

// ErrNotListening is returned by StopListening when no listener is open:
// the module's one sentinel for it, netassist.ErrNotListening.
var ErrNotListening = netassist.ErrNotListening

// StopListening closes the listeners opened by Listen; connections already
// accepted stay open and are served, and Listen may be called again.
func (s *Server) StopListening() error {
	s.mu.Lock()
	lns := s.lns
	s.lns = nil
	s.mu.Unlock()
	if len(lns) == 0 {
		return ErrNotListening
	}
	for l := range lns {
		l.Close()
	}
	return nil
}

// Shutdown stops accepting, answers held requests with 503, and waits
// until ctx ends for active requests to finish (as http.Server.Shutdown);
// then it closes what is left.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopping()
	err := s.http.Shutdown(ctx)
	if err != nil {
		s.http.Close()
	}
	s.wait()
	return err
}

// Close closes the listeners and every connection now and waits for the
// handlers to return.
func (s *Server) Close() error {
	s.stopping()
	err := s.http.Close()
	s.wait()
	return err
}

func (s *Server) stopping() {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
	s.mu.Unlock()
}

func (s *Server) wait() {
	s.serving.Wait()
	s.handlers.Wait()
	if s.root != nil {
		s.beneath.close()
		s.root.Close()
	}
}

// Settings returns the current runtime toggles.
func (s *Server) Settings() Settings {
	st := *s.settings.Load()
	st.ResponseBytes = clone(st.ResponseBytes)
	return st
}

func (s *Server) update(f func(st *Settings)) {
	s.settingsMu.Lock()
	st := *s.settings.Load()
	f(&st)
	s.settings.Store(&st)
	s.settingsMu.Unlock()
}

// SetEncoding sets the coding for later requests (EncodingAuto: negotiate).
func (s *Server) SetEncoding(e Encoding) error {
	e, err := ParseEncoding(string(e))
	if err != nil {
		return err
	}
	s.update(func(st *Settings) { st.Encoding = e })
	return nil
}

// SetResponse sets the hand-crafted reply for later requests; nil turns
// hand-crafted mode off. The bytes are copied.
func (s *Server) SetResponse(b []byte) {
	b = clone(b)
	s.update(func(st *Settings) { st.ResponseBytes = b })
}

// SetHold turns hold mode on or off for later requests. Turning it off
// does not release requests already held.
func (s *Server) SetHold(on bool) { s.update(func(st *Settings) { st.Hold = on }) }

// SetHoldTimeout sets how long later held requests wait (<= 0: default).
func (s *Server) SetHoldTimeout(d time.Duration) {
	d = orDefault(max(d, 0), DefaultHoldTimeout)
	s.update(func(st *Settings) { st.HoldTimeout = d })
}

// connKey is the context key of the request's captureConn.
type connKey struct{}

func connContext(ctx context.Context, nc net.Conn) context.Context {
	return context.WithValue(ctx, connKey{}, nc)
}

// connState completes an exchange once net/http has flushed its response.
func connState(nc net.Conn, st http.ConnState) {
	if c, ok := nc.(*captureConn); ok && st == http.StateIdle {
		c.idle()
	}
}

// finish completes ex's record from what was captured and adds it to the
// store.
func (s *Server) finish(c *captureConn, ex *Exchange) {
	ex.Duration = time.Since(ex.Start)
	if ex.respDone {
		h := wire.ParseHead(ex.RespHead)
		ex.Status = h.Start.Code
		ex.RespHeaders = h.Fields
		ex.ContentEncoding = strings.Join(h.Values("Content-Encoding"), ", ")
	} else {
		ex.RespHead = nil
	}
	s.store.RecordDetail(c.id, ex)
}

// rejected records a response net/http wrote with no handler running: its
// answer to a request it could not parse or refused (400, 431, 501, 417).
func (s *Server) rejected(c *captureConn, raw *rawRequest, b []byte) {
	if !strings.HasPrefix(string(b[:min(len(b), 5)]), "HTTP/") {
		return
	}
	ex := &Exchange{ID: s.nextID.Add(1), Conn: c.id, Start: time.Now(), Reply: ReplyRejected, Encoding: string(EncodingIdentity)}
	if raw != nil {
		c.mu.Lock()
		ex.raw = raw
		ex.seal()
		c.mu.Unlock()
		ex.parseRequest(raw)
	}
	ex.out(b, 0)
	if ex.respDone {
		n := int64(len(ex.RespHead))
		ex.BodyBytes, ex.WireBytes = int64(len(b))-n, int64(len(b))-n
	}
	ex.Note = "refused by net/http before any handler"
	ex.Why, ex.ClientQ = WhyStatus, -1
	s.finish(c, ex)
}

// errorLog routes http.Server's log (accept errors, panics, bad TLS
// handshakes…) to the store as error events: nothing may reach the
// terminal under the TUI.
type errorLog struct{ s *Server }

func (e errorLog) Write(p []byte) (int, error) {
	msg := strings.TrimRight(string(p), "\n")
	if len(msg) > 8<<10 {
		msg = msg[:8<<10] + "…"
	}
	e.s.store.RecordError(e.s.tab, msg)
	return len(p), nil
}
