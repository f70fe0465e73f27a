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

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	listen := defaultServerAddr
	if o.tab() == netassist.TabServer {
		listen = o.addr
	}
	m := tui.New(tui.Config{
		Store:      st,
		Server:     srv,
		ListenAddr: listen,
		StartTab:   o.tab(),
		IsDark:     true, // corrected by the terminal's answer to the background query
		Context:    ctx,
	})
	if _, err := tea.NewProgram(m, tea.WithContext(ctx)).Run(); err != nil {
		return fmt.Errorf("terminal: %w", err)
	}
	return nil
}
