package main

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui"
)

// runTUI wires the engines to the terminal UI and runs it until the user
// quits; then it closes every listener and connection.
func runTUI(o *options) error {
	st := netassist.NewStore(o.maxCapture)
	closeRecord, err := addRecorder(st, o.record)
	if err != nil {
		return err
	}
	defer closeRecord()

	srv := &netassist.Server{Store: st}
	if o.reply != nil {
		srv.AutoReply = autoReply(o.reply, o.closeAfterReply)
	}
	defer srv.Close()

	client := &netassist.Client{Store: st}
	defer client.Close()
	web, err := newWebServer(st, o)
	if err != nil {
		return err
	}
	defer web.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Each tab has an address; only the tab named on the command line
	// starts (listens or connects) by itself.
	listen, clientAddr, webAddr := defaultServerAddr, "", defaultWebAddr
	switch o.tab() {
	case netassist.TabServer:
		listen = o.addr
	case netassist.TabClient:
		clientAddr = o.addr
	case netassist.TabWeb:
		webAddr = o.addr
	}
	m := tui.New(tui.Config{
		Store:      st,
		Server:     srv,
		Client:     client,
		Web:        web,
		ListenAddr: listen,
		ClientAddr: clientAddr,
		WebAddr:    webAddr,
		RecordPath: o.record,
		StartTab:   o.tab(),
		IsDark:     true, // corrected by the terminal's answer to the background query
		Context:    ctx,
	})
	if _, err := tea.NewProgram(m, tea.WithContext(ctx)).Run(); err != nil {
		return fmt.Errorf("terminal: %w", err)
	}
	return nil
}
