package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/netassist/netassist/netassist"
)

// modeSet is a set of modes: the commands that start an engine.
type modeSet uint8

const (
	modeServer modeSet = 1 << iota
	modeClient
	modeWeb
	allModes = modeServer | modeClient | modeWeb
)

// mode is one of the engines a command starts.
type mode struct {
	bit         modeSet
	name        string // the subcommand
	tab         netassist.Tab
	defaultAddr string // the listen address when -l is not given
}

var (
	serverMode = mode{modeServer, "server", netassist.TabServer, "127.0.0.1:7890"}
	clientMode = mode{modeClient, "client", netassist.TabClient, ""}
	webMode    = mode{modeWeb, "web", netassist.TabWeb, "127.0.0.1:8080"}
)

// options is a parsed command line: the mode asked for, its address and
// the flag groups it takes (the others keep their zero values).
type options struct {
	mode mode
	// addr is where to listen (server, web) or what to dial (client).
	addr string

	common commonFlags
	listen listenFlags
	reply  replyFlags
	client clientFlags
	web    webFlags
	udp    udpFlags
	tls    tlsFlags
}

// runFunc runs a parsed command line; its error is a runtime failure
// (exit 1). Tests pass one that records the options.
type runFunc func(ctx context.Context, o *options) error

// newRootCmd builds the command tree: `netassist` alone is the server mode;
// server, client and web are its subcommands (fang adds completion and a
// hidden man command). A command of DESIGN.md §2's second round (annotate,
// check, export) is one more AddCommand here, built in its own file.
func newRootCmd(run runFunc) *cobra.Command {
	root := newModeCmd(serverMode, run)
	root.Use = "netassist"
	root.Short = "A terminal network debugging assistant"
	root.Long = `netassist shows every byte that crosses the socket: a TCP server, a TCP
client and a web server, in a terminal UI or headless (--headless).

With no command it starts the TUI on the TCP server tab, listening on 127.0.0.1:7890.`
	root.Example = `# TUI, TCP server tab on 127.0.0.1:7890
netassist
# headless server on a free port, replying to each client once
netassist server --headless -l 127.0.0.1:0 --reply 'HTTP/1.1 200 OK\r\n\r\nhi'
# send a request and print the reply as JSON Lines
netassist client 127.0.0.1:8080 --headless --format jsonl --send 'GET / HTTP/1.0\r\n\r\n'
# web server on the built-in demo site, recording every event
netassist web --record session.jsonl`
	root.SetFlagErrorFunc(flagError)
	root.SuggestionsMinimumDistance = 2
	root.AddCommand(
		newModeCmd(serverMode, run),
		newModeCmd(clientMode, run),
		newModeCmd(webMode, run),
		newExportCmd(),
		newAnnotateCmd(),
		newCheckCmd(),
		newDiffCmd(),
	)
	return root
}

// modeDocs are each mode's help texts.
var modeDocs = map[string]struct{ use, short, long, example string }{
	"server": {
		"server [-l ADDR]",
		"Start the TUI on the TCP server tab",
		"Listen for TCP connections (default 127.0.0.1:7890) and show every byte each client sends and every byte sent back.",
		"netassist server -l 127.0.0.1:0 --headless --reply 'HTTP/1.0 200 OK\\r\\n\\r\\nhello' --close-after-reply",
	},
	"client": {
		"client ADDR",
		"Start the TUI on the TCP client tab, connecting to ADDR",
		"Connect to ADDR (host:port, [::1]:port) and show every byte sent and received.",
		"netassist client 127.0.0.1:8080 --headless --send 'GET / HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n'",
	},
	"web": {
		"web [-l ADDR] [--root DIR]",
		"Start the TUI on the web server tab",
		"Serve a directory (or a built-in demo site) over HTTP (default 127.0.0.1:8080) and show every raw request and what was sent back.",
		"netassist web --root . --encoding gzip",
	},
}

// newModeCmd builds the command of mode m, with the flag groups m takes.
func newModeCmd(m mode, run runFunc) *cobra.Command {
	o := &options{mode: m}
	doc := modeDocs[m.name]
	cmd := &cobra.Command{
		Use:               doc.use,
		Short:             doc.short,
		Long:              doc.long,
		Example:           doc.example,
		Args:              positional(m),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.addr = args[0]
			}
			for _, g := range o.groups() {
				if g.modes&m.bit == 0 {
					continue
				}
				if err := g.group.finish(&o.mode); err != nil {
					if errors.As(err, new(runtimeError)) {
						return err
					}
					return usageError{cmd: cmd.CommandPath(), err: err}
				}
			}
			if err := o.checkTransport(); err != nil {
				return usageError{cmd: cmd.CommandPath(), err: err}
			}
			if m.bit != modeClient {
				o.addr = o.listen.addr
			}
			if err := checkAddr(o.addr, m.bit != modeClient); err != nil {
				return usageError{cmd: cmd.CommandPath(), err: err}
			}
			if err := run(cmd.Context(), o); err != nil {
				return runtimeError{err}
			}
			return nil
		},
	}
	fs := cmd.Flags()
	for _, g := range o.groups() {
		if g.modes&m.bit != 0 {
			g.group.register(fs, &o.mode)
		}
	}
	for _, e := range []struct {
		name string
		f    *enumFlag
	}{{"format", &o.common.format}, {"encoding", &o.web.encoding}} {
		if fs.Lookup(e.name) != nil {
			cmd.RegisterFlagCompletionFunc(e.name, e.f.complete)
		}
	}
	return cmd
}

// positional checks a mode's positional arguments: the client takes one
// address, the others none.
func positional(m mode) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if m.bit == modeClient {
			if len(args) != 1 {
				return usageError{cmd: cmd.CommandPath(),
					err: fmt.Errorf("client needs one address to connect to, e.g. 'netassist client 127.0.0.1:8080'")}
			}
			return nil
		}
		if len(args) == 0 {
			return nil
		}
		if !cmd.HasParent() {
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				return usageError{cmd: cmd.CommandPath(),
					err: fmt.Errorf("unknown command \"%s\" (did you mean %s?)", args[0], s[0])}
			}
			return usageError{cmd: cmd.CommandPath(),
				err: fmt.Errorf("unknown command \"%s\" (commands: server, client, web; the listen address goes after -l)", args[0])}
		}
		return usageError{cmd: cmd.CommandPath(),
			err: fmt.Errorf("unexpected argument \"%s\" (the listen address goes after -l)", args[0])}
	}
}

// checkAddr checks the shape of a host:port address before anything
// starts: a port that is no number from 1 to 65535 (0 too, to listen: a
// free port) nor a service name is a usage error, not a failure to dial
// or listen (breaker report 1, nit 10: "client 127.0.0.1:99999" exited 1).
func checkAddr(addr string, listen bool) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %s: want host:port, e.g. 127.0.0.1:8080 or [::1]:8080", addr)
	}
	n, err := strconv.Atoi(port)
	switch {
	case err != nil:
		if _, lerr := net.LookupPort("tcp", port); lerr != nil {
			return fmt.Errorf("address %s: port %s is no number (1–65535) and no service name", addr, port)
		}
	case n < 0 || n > 65535 || (n == 0 && !listen):
		return fmt.Errorf("address %s: port %d is out of range (1–65535)", addr, n)
	}
	return nil
}
