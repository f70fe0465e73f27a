// Package headless runs one netassist mode without the TUI (--headless):
// every event goes to an output writer, as text for people or as JSON Lines
// (DESIGN.md §3), until the context ends (or, for the client, until the
// peer is done). It is the command line's engine room; cmd/netassist only
// fills in a Config.
package headless

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/autoreply"
)

// Format names a headless output format.
const (
	FormatText  = "text"
	FormatJSONL = "jsonl"
)

// shutdownGrace is how long an interrupted server lets connections finish
// by themselves before closing them.
const shutdownGrace = 200 * time.Millisecond

// Config is one headless run.
type Config struct {
	// Tab is the mode: netassist.TabServer, TabClient or TabWeb.
	Tab netassist.Tab
	// Addr is the address to listen on (server, web) or to dial (client).
	Addr string
	// Proto is the server's or client's transport: TCP, TLS (with TLS)
	// or UDP (with UDP). The web server is HTTPS when Web.TLS is set.
	Proto netassist.Proto
	// TLS is the server's certificate configuration or the client's
	// verification configuration (tlsconf) for ProtoTLS.
	TLS *tls.Config
	// UDP is the socket's broadcast and multicast settings for ProtoUDP.
	UDP netassist.UDPOptions
	// Format is FormatText (default) or FormatJSONL.
	Format string
	// Out receives the events; Errs gets one line per problem found
	// while running (a listener reachable from the network).
	Out, Errs io.Writer
	// Record, if set, is the --record file; MaxCapture the in-memory
	// budget (0: netassist.DefaultMaxCapture).
	Record     string
	MaxCapture int64

	// Server: Reply (nil: none) answers each connection's first read,
	// then the connection is closed if CloseAfterReply.
	Reply           []byte
	CloseAfterReply bool

	// Client: what to send and how long to wait; see Client.
	Client ClientConfig

	// Web: the web server's configuration.
	Web httpserve.Config
}

// Run runs cfg until ctx ends (the server and web modes) or the client is
// done. It returns the first failure (port in use, connection refused, a
// silent peer with ExpectReply): one line naming the cause. A write error
// on the output or the --record file is reported on Errs at once (one
// line naming the file and the cause); capture and the other sink go on,
// and Run then returns an error wrapping ErrReported. Both are flushed on
// a line boundary and synced to disk before Run returns.
func Run(ctx context.Context, cfg Config) (err error) {
	st := netassist.NewStore(cfg.MaxCapture)
	watch := newSinkWatch(cfg.Errs)
	var out *netassist.EventWriter
	if cfg.Format == FormatJSONL {
		out = netassist.NewJSONLWriter(cfg.Out, 50*time.Millisecond)
	} else {
		out = netassist.NewEventWriter(cfg.Out, netassist.NewTextFormat().Format, 50*time.Millisecond)
	}
	outErr := func() error { return fmt.Errorf("writing output: %w", out.Err()) }
	watch.watch(out.Failed(), outErr)
	st.AddSink(out)

	var rec *netassist.RecordFile
	if cfg.Record != "" {
		if rec, err = netassist.OpenRecordFile(st, cfg.Record); err != nil {
			out.Close()
			watch.stop()
			return err
		}
		watch.watch(rec.Failed(), rec.Err)
	}
	defer func() {
		// The record first: it must hold every event the output shows.
		var late []error // failures Failed did not announce (a removal seen at close)
		if rec != nil {
			if cerr := rec.Close(); cerr != nil && !closed(rec.Failed()) {
				late = append(late, cerr)
			}
		}
		if cerr := out.Close(); cerr == nil {
			if serr := syncIfFile(cfg.Out); serr != nil {
				late = append(late, fmt.Errorf("writing output: %w", serr))
			}
		}
		watch.stop()
		for _, e := range late {
			watch.report(e)
		}
		if err == nil && watch.reported() > 0 {
			err = fmt.Errorf("%w: %d", ErrReported, watch.reported())
		}
	}()

	switch cfg.Tab {
	case netassist.TabClient:
		c := &netassist.Client{Store: st, Dial: cfg.Client.Dial, Transport: cfg.Proto, TLS: cfg.TLS, UDP: cfg.UDP}
		return runClient(ctx, st, c, cfg.Addr, cfg.Client)
	case netassist.TabWeb:
		return runWeb(ctx, st, cfg)
	}
	return runServer(ctx, st, cfg)
}

// closed reports whether ch is closed.
func closed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

func runServer(ctx context.Context, st *netassist.Store, cfg Config) error {
	// Nobody types a reply in headless mode: a client's FIN ends its
	// connection once an auto-reply is out.
	s := &netassist.Server{Store: st, CloseOnFIN: true, Transport: cfg.Proto, TLS: cfg.TLS, UDP: cfg.UDP}
	if cfg.Reply != nil {
		s.AutoReply = autoreply.Once(cfg.Reply, cfg.CloseAfterReply)
	}
	addr, err := s.Listen(cfg.Addr)
	if err != nil {
		return err
	}
	warnIfExposed(cfg.Errs, addr)
	<-ctx.Done()
	// Interrupted: connections that are closing (a --close-after-reply
	// reply on its way) get a moment; open ones are closed, so the last
	// events are their close.
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	s.Shutdown(sctx)
	return nil
}

// runWeb serves cfg.Web until ctx ends.
func runWeb(ctx context.Context, st *netassist.Store, cfg Config) error {
	srv, err := httpserve.New(st, cfg.Web)
	if err != nil {
		return err
	}
	addr, err := srv.Listen(cfg.Addr)
	if err != nil {
		srv.Close()
		return err
	}
	warnIfExposed(cfg.Errs, addr)
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	return nil
}

// warnIfExposed says when a listener is reachable from the network, which
// the user asked for but should not forget (DESIGN.md §2).
func warnIfExposed(w io.Writer, addr net.Addr) {
	var ip net.IP
	switch a := addr.(type) {
	case *net.TCPAddr:
		ip = a.IP
	case *net.UDPAddr:
		ip = a.IP
	default:
		return
	}
	if !ip.IsLoopback() && w != nil {
		say(w, "listening on %s: reachable from the network", addr)
	}
}
