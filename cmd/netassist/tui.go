package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/netassist/configdir"
	"github.com/netassist/netassist/tui"
	"github.com/netassist/netassist/tui/pasteinput"
)

// quitGrace is how long the UI has to quit after a signal before it is
// killed (which still restores the terminal).
const quitGrace = 3 * time.Second

// runTUI wires the engines to the terminal UI and runs it until the user
// quits or a signal ends the run; then it closes every listener and
// connection, and the record (synced, on a line boundary).
func runTUI(stop stopContexts, o *options) (err error) {
	st := netassist.NewStore(o.common.maxCapture.n)
	netassist.LimitMemory(o.common.maxCapture.n) // the budget bounds the whole process
	var record tui.RecordHealth
	if o.common.record != "" {
		rec, err := netassist.OpenRecordFile(st, o.common.record)
		if err != nil {
			return err
		}
		record = rec
		defer func() {
			// The UI showed a failure as it happened; say it again on the
			// restored terminal, where it stays.
			if cerr := rec.Close(); cerr != nil && err == nil {
				err = cerr
			}
		}()
	}

	// The rules view edits rules in force for the whole run; --reply, if
	// given, still answers each connection's first read.
	// --udp and --tls set the transport of the tab named on the command
	// line: its Listen or Connect uses it.
	tlsCfg, err := o.tlsConfig()
	if err != nil {
		return err
	}
	rules := &autoreply.Active{}
	srv := &netassist.Server{Store: st, AutoReply: rules.AutoReply, UDP: o.udp.options()}
	client := &netassist.Client{Store: st, UDP: o.udp.options()}
	switch o.mode.bit {
	case modeServer:
		srv.Transport, srv.TLS = o.transport(), tlsCfg
	case modeClient:
		client.Transport, client.TLS = o.transport(), tlsCfg
	}
	if o.reply.bytes != nil {
		srv.AutoReply = autoreply.Chain(autoreply.Once(o.reply.bytes, o.reply.closeAfter), rules.AutoReply)
	}
	defer srv.Close()

	defer client.Close()
	webCfg, err := webConfig(o)
	if err != nil {
		return err
	}
	if o.mode.bit == modeWeb {
		webCfg.TLS = tlsCfg
	}
	web, err := httpserve.New(st, webCfg)
	if err != nil {
		return err
	}
	defer web.Close()

	// Each tab has an address; only the tab named on the command line
	// starts (listens or connects) by itself.
	listen, clientAddr, webAddr := serverMode.defaultAddr, "", webMode.defaultAddr
	switch o.mode.tab {
	case netassist.TabServer:
		listen = o.addr
	case netassist.TabClient:
		clientAddr = o.addr
	case netassist.TabWeb:
		webAddr = o.addr
	}
	// Saved rules and send history live in the user's config folder; if
	// there is none (no home), nothing is saved.
	dir, _ := configdir.Default()

	// Pastes reach the UI byte-exact through a pasteinput.Reader (Bubble
	// Tea's decoder alone drops escape sequences and invalid UTF-8 inside
	// a paste). Without a terminal to wrap, Bubble Tea opens its own and
	// pastes are decoded as it decodes them.
	input := pasteInput()

	uiCtx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := tui.New(tui.Config{
		Store:      st,
		Server:     srv,
		Rules:      rules, // tui.New loads the saved rules into it
		Client:     client,
		Web:        web,
		ListenAddr: listen,
		ClientAddr: clientAddr,
		WebAddr:    webAddr,
		RecordPath: o.common.record,
		Record:     record,
		StartTab:   o.mode.tab,
		ConfigDir:  dir,
		SaveDir:    o.common.saveDir,
		Lang:       o.common.lang,
		Present:    o.common.present,
		Version:    version(),
		IsDark:     true, // corrected by the terminal's answer to the background query
		PasteHex:   input != nil,
		Context:    uiCtx,
	})
	// Signals are ours (below), not Bubble Tea's: every one that ends the
	// process must quit the program cleanly.
	opts := []tea.ProgramOption{tea.WithContext(uiCtx), tea.WithoutSignalHandler()}
	if input != nil {
		opts = append(opts, tea.WithInput(input))
	}
	p := tea.NewProgram(m, opts...)
	go func() {
		// A signal quits the program as the quit key does, so the terminal
		// is restored and the deferred closes run; a second signal, or a
		// program that does not quit in time, kills it (Kill restores the
		// terminal too).
		defer recovered("the TUI's signal handler", p.Kill)
		select {
		case <-stop.soft.Done():
			p.Quit()
		case <-stop.done:
			return
		}
		t := time.NewTimer(quitGrace)
		defer t.Stop()
		select {
		case <-stop.again:
			p.Kill()
		case <-t.C:
			p.Kill()
		case <-stop.done:
		}
	}()
	// While the UI owns the terminal, stderr is captured: a panic report
	// becomes one line (and a file), anything else is shown afterwards.
	var report []byte
	capture, cerr := captureStderr()
	if cerr == nil {
		defer capture.stop()
	}
	_, err = p.Run()
	if cerr == nil {
		report = capture.stop()
	}
	switch {
	case errors.Is(err, tea.ErrProgramPanic):
		return panicError(report, os.TempDir())
	case len(report) > 0:
		writeRendered(os.Stderr, report)
	}
	if err != nil && stop.soft.Err() == nil {
		return fmt.Errorf("terminal: %w", err)
	}
	return nil // quit, or ended by a signal (the terminal may be gone)
}

// pasteInput returns the terminal the TUI reads, wrapped so pastes stay
// byte-exact: stdin when it is a terminal, else the controlling tty; nil
// when there is neither (Bubble Tea then reports the error itself).
func pasteInput() *pasteinput.Reader {
	if term.IsTerminal(os.Stdin.Fd()) {
		return pasteinput.New(os.Stdin)
	}
	in, out, err := tea.OpenTTY()
	if err != nil {
		return nil
	}
	out.Close() // the tty is open for the process's life; only its input is read
	return pasteinput.New(in)
}
