package main

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/netassist/configdir"
	"github.com/netassist/netassist/tui"
)

// runTUI wires the engines to the terminal UI and runs it until the user
// quits or ctx ends (a signal); then it closes every listener and
// connection and the record.
func runTUI(ctx context.Context, o *options) error {
	st := netassist.NewStore(o.common.maxCapture.n)
	if o.common.record != "" {
		rec, err := netassist.OpenRecordFile(st, o.common.record)
		if err != nil {
			return err
		}
		defer rec.Close()
	}

	// The rules view edits rules in force for the whole run; --reply, if
	// given, still answers each connection's first read.
	rules := &autoreply.Active{}
	srv := &netassist.Server{Store: st, AutoReply: rules.AutoReply}
	if o.reply.bytes != nil {
		srv.AutoReply = autoreply.Chain(autoreply.Once(o.reply.bytes, o.reply.closeAfter), rules.AutoReply)
	}
	defer srv.Close()

	client := &netassist.Client{Store: st}
	defer client.Close()
	webCfg, err := webConfig(o)
	if err != nil {
		return err
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
		StartTab:   o.mode.tab,
		ConfigDir:  dir,
		IsDark:     true, // corrected by the terminal's answer to the background query
		Context:    uiCtx,
	})
	// Signals are ours (below), not Bubble Tea's: every one that ends the
	// process must quit the program cleanly.
	p := tea.NewProgram(m, tea.WithContext(uiCtx), tea.WithoutSignalHandler())
	go func() {
		// A signal quits the program as the quit key does, so the
		// terminal is restored and the deferred closes run.
		select {
		case <-ctx.Done():
			p.Quit()
		case <-uiCtx.Done():
		}
	}()
	if _, err := p.Run(); err != nil {
		return fmt.Errorf("terminal: %w", err)
	}
	return nil
}
