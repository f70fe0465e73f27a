package main

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/autoreply"
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

	// The rules view edits rules in force for the whole run; --reply, if
	// given, still answers each connection's first read (see chainReplies).
	rules := &autoreply.Active{}
	srv := &netassist.Server{Store: st, AutoReply: rules.AutoReply}
	if o.reply != nil {
		srv.AutoReply = chainReplies(autoReply(o.reply, o.closeAfterReply), rules.AutoReply)
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
		Rules:      rules, // tui.New loads the saved rules into it
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

// replyFunc is the shape of netassist.Server.AutoReply.
type replyFunc = func(id netassist.ConnID, b []byte, first bool) (netassist.Reply, bool)

// chainReplies asks each policy in turn and sends the first answer, so
// --reply (which answers a connection's first read only) goes before the
// auto-reply rules (which answer every read they match): the first read
// gets --reply, later reads get the rules.
func chainReplies(policies ...replyFunc) replyFunc {
	return func(id netassist.ConnID, b []byte, first bool) (netassist.Reply, bool) {
		for _, p := range policies {
			if r, ok := p(id, b, first); ok {
				return r, true
			}
		}
		return netassist.Reply{}, false
	}
}
