package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/netassist/netassist/netassist"
)

// runHeadless runs one mode without the TUI, printing every event to stdout
// until interrupted (or, for the client, until --wait passes quietly).
func runHeadless(o *options, stdout, stderr io.Writer) error {
	st := netassist.NewStore(o.maxCapture)
	format := netassist.JSONL
	if o.format == "text" {
		format = netassist.NewTextFormat().Format
	}
	out := netassist.NewEventWriter(stdout, format, 50*time.Millisecond)
	st.AddSink(out)
	defer out.Close()

	closeRecord, err := addRecorder(st, o.record)
	if err != nil {
		return err
	}
	defer closeRecord()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	switch o.tab() {
	case netassist.TabClient:
		return headlessClient(ctx, o, st, stderr)
	case netassist.TabWeb:
		return headlessWeb(ctx, o, st, stderr)
	}
	return headlessServer(ctx, o, st, stderr)
}

// addRecorder appends every event of st, as JSON Lines, to the file at path
// (nothing if path is empty). The returned func flushes and closes it.
func addRecorder(st *netassist.Store, path string) (func() error, error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("--record: %w", err)
	}
	rec := netassist.NewEventWriter(f, netassist.JSONL, time.Second)
	st.AddSink(rec)
	return func() error {
		err := rec.Close()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}, nil
}

// warnIfExposed says on stderr when a listener is reachable from the
// network, which the user asked for but should not forget.
func warnIfExposed(stderr io.Writer, addr net.Addr) {
	if ta, ok := addr.(*net.TCPAddr); ok && !ta.IP.IsLoopback() {
		fmt.Fprintf(stderr, "netassist: listening on %s: reachable from the network\n", addr)
	}
}

// autoReply returns a Server.AutoReply that sends reply once per connection,
// when its first bytes arrive (as the teaching notes' socket servers do).
func autoReply(reply []byte, closeAfter bool) func(netassist.ConnID, []byte, bool) (netassist.Reply, bool) {
	return func(_ netassist.ConnID, _ []byte, first bool) (netassist.Reply, bool) {
		return netassist.Reply{Data: reply, CloseAfter: closeAfter}, first
	}
}

func headlessServer(ctx context.Context, o *options, st *netassist.Store, stderr io.Writer) error {
	s := &netassist.Server{Store: st}
	if o.reply != nil {
		s.AutoReply = autoReply(o.reply, o.closeAfterReply)
	}
	addr, err := s.Listen(o.addr)
	if err != nil {
		return err
	}
	warnIfExposed(stderr, addr)
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	s.Shutdown(sctx)
	return nil
}
