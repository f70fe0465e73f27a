package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/netassist/i18n"
)

// flagGroup is a set of related flags. register declares them on the flag
// set of a mode's command; finish checks them and works out what they mean
// once the command line is parsed. Its errors are usage errors, except a
// file that cannot be read (fileError), a runtime failure like --root's.
type flagGroup interface {
	register(fs *pflag.FlagSet, m *mode)
	finish(m *mode) error
}

// groupSpec is a flag group and the modes that take it.
type groupSpec struct {
	modes modeSet
	group flagGroup
}

// groups lists every flag group of the modes and which modes take it.
// A flag of DESIGN.md §2's second round is one entry here: --lang and
// --present join commonFlags; --udp and its settings are a group for
// modeServer|modeClient, --tls and its certificate or checks a group for
// allModes (transport.go).
func (o *options) groups() []groupSpec {
	return []groupSpec{
		{allModes, &o.common},
		{modeServer | modeWeb, &o.listen},
		{modeServer, &o.reply},
		{modeClient, &o.client},
		{modeWeb, &o.web},
		{modeServer | modeClient, &o.udp},
		{allModes, &o.tls},
	}
}

// commonFlags are the flags every mode takes.
type commonFlags struct {
	headless   bool
	format     enumFlag // text or jsonl
	record     string
	maxCapture sizeFlag
	saveDir    string // where saved files go ("": the current directory)
	// lang is the UI's language (--lang en|zh; default from the locale:
	// LC_ALL, LC_MESSAGES, LANG).
	lang i18n.Lang
	// present starts the TUI in presenter mode (--present).
	present bool
}

func (c *commonFlags) register(fs *pflag.FlagSet, _ *mode) {
	c.format = enumFlag{value: "text", choices: []string{"text", "jsonl"}}
	c.maxCapture = sizeFlag{n: netassist.DefaultMaxCapture, text: "64MiB"}
	fs.BoolVar(&c.headless, "headless", false, "no TUI: print events to stdout until interrupted")
	fs.Var(&c.format, "format", "headless output format: text or jsonl")
	fs.StringVar(&c.record, "record", "", "append every event, as JSON Lines, to this file")
	fs.Var(&c.maxCapture, "max-capture", "capture budget in memory, e.g. 512KiB, 64MiB, 1GiB")
	fs.StringVar(&c.saveDir, "save-dir", "", "folder for saved files (default: the current directory)")
	c.lang = i18n.FromEnv(os.Getenv)
	fs.BoolVar(&c.present, "present", false, "presenter mode: one pane at a time, high contrast, newest bytes highlighted, no key hints (f8 toggles)")
	fs.Var(&c.lang, "lang", "language of the UI and its help: en or zh (default from LC_ALL, LC_MESSAGES, LANG)")
}

// finish checks --save-dir names a folder now, not at the first save.
func (c *commonFlags) finish(*mode) error {
	if c.saveDir == "" {
		return nil
	}
	fi, err := os.Stat(c.saveDir)
	switch {
	case err != nil:
		return fileError("--save-dir", err)
	case !fi.IsDir():
		return runtimeError{fmt.Errorf("--save-dir %s: not a folder", c.saveDir)}
	}
	return nil
}

// listenFlags is the listen address of the server and web modes.
type listenFlags struct {
	addr string
}

func (l *listenFlags) register(fs *pflag.FlagSet, m *mode) {
	fs.StringVarP(&l.addr, "listen", "l", m.defaultAddr,
		"listen address (127.0.0.1:0 picks a free port; 0.0.0.0:PORT is reachable from the network)")
}

func (l *listenFlags) finish(m *mode) error {
	if l.addr == "" {
		l.addr = m.defaultAddr
	}
	return nil
}

// replyFlags is the server's automatic reply to each connection's first
// read.
type replyFlags struct {
	text, file string
	closeAfter bool

	bytes []byte // the reply built from text or file; nil: none
}

func (r *replyFlags) register(fs *pflag.FlagSet, _ *mode) {
	fs.StringVar(&r.text, "reply", "", "send this text to each client once its first bytes arrive (\\r \\n \\t \\0 \\\\ \\xHH interpreted)")
	fs.StringVar(&r.file, "reply-file", "", "same, the bytes of this file")
	fs.BoolVar(&r.closeAfter, "close-after-reply", false, "then close that connection")
}

func (r *replyFlags) finish(*mode) error {
	var err error
	if r.bytes, err = textOrFile("--reply", r.text, "--reply-file", r.file); err != nil {
		return err
	}
	if r.closeAfter && r.bytes == nil {
		return errors.New("--close-after-reply needs --reply or --reply-file")
	}
	return nil
}

// clientFlags is what the client sends and how long it waits.
type clientFlags struct {
	text, file string
	repeat     time.Duration
	count      int
	wait       time.Duration
	expect     bool

	// send is --send-file's bytes, or --send as built for the first send
	// (text is built again for each send, so {{seq}} advances).
	send []byte
}

func (c *clientFlags) register(fs *pflag.FlagSet, _ *mode) {
	fs.StringVar(&c.text, "send", "", "send this text once connected (escapes and macros such as {{seq}} expanded)")
	fs.StringVar(&c.file, "send-file", "", "send the bytes of this file once connected")
	fs.DurationVar(&c.repeat, "repeat", 0, "send again after this long ...")
	fs.IntVar(&c.count, "count", 1, "... this many times in all")
	fs.DurationVar(&c.wait, "wait", 2*time.Second, "headless: exit this long after the last byte received")
	fs.BoolVar(&c.expect, "expect-reply", false, "headless: exit 1 if the peer sent nothing back (a silent peer is no failure without it)")
}

func (c *clientFlags) finish(*mode) error {
	var err error
	switch {
	case c.text != "" && c.file != "":
		return errors.New("--send and --send-file cannot be used together")
	case c.text != "":
		// Build once now, so a bad escape or macro is a usage error.
		if c.send, err = compose.Build(c.text, compose.DefaultOptions(), &compose.MacroEnv{}); err != nil {
			return fmt.Errorf("--send: %w", err)
		}
	default:
		if c.send, err = textOrFile("--send", "", "--send-file", c.file); err != nil {
			return err
		}
	}
	if c.count < 1 {
		return errors.New("--count must be at least 1")
	}
	if c.repeat < 0 || c.wait < 0 {
		return errors.New("--repeat and --wait must not be negative")
	}
	return nil
}

// webFlags configure the web server.
type webFlags struct {
	root         string
	encoding     enumFlag
	responseFile string
	list         bool

	// Limits (README: Security and limits); zero: httpserve's defaults.
	maxConns      int
	headerTimeout time.Duration
	idleTimeout   time.Duration
	sendTimeout   time.Duration
	minHeadRate   int
	linger        time.Duration

	response []byte // --response-file's bytes; nil: none
}

func (w *webFlags) register(fs *pflag.FlagSet, _ *mode) {
	w.encoding = enumFlag{value: "auto", choices: []string{"auto", "identity", "gzip", "deflate", "br", "zstd"}}
	fs.StringVar(&w.root, "root", "", "document root (default: a built-in demo site)")
	fs.Var(&w.encoding, "encoding", "content encoding: auto (negotiate), identity, gzip, deflate, br or zstd")
	fs.StringVar(&w.responseFile, "response-file", "", "answer every request with exactly the bytes of this file")
	fs.BoolVar(&w.list, "list", false, "list directories that have no index.html")
	fs.IntVar(&w.maxConns, "max-conns", 0, "connection cap (0: from the open-file limit); at the cap the least active connection is shed")
	fs.DurationVar(&w.headerTimeout, "header-timeout", httpserve.DefaultReadHeaderTimeout, "time a request head may take")
	fs.DurationVar(&w.idleTimeout, "idle-timeout", httpserve.DefaultIdleTimeout, "close keep-alive connections idle this long")
	fs.DurationVar(&w.sendTimeout, "send-timeout", httpserve.DefaultSendTimeout, "cut a write that makes no progress this long (negative: off)")
	fs.IntVar(&w.minHeadRate, "min-head-rate", httpserve.DefaultMinHeadRate, "cut a request head slower than this many bytes per second after 3s (negative: off)")
	fs.DurationVar(&w.linger, "linger", httpserve.DefaultLingerTimeout, "read an unread request body this long before closing, to capture it (negative: off)")
}

func (w *webFlags) finish(*mode) error {
	if w.responseFile != "" {
		b, err := os.ReadFile(w.responseFile)
		if err != nil {
			return fileError("--response-file", err)
		}
		w.response = b
	}
	return nil
}

// fileError is a file flag whose file cannot be read: a runtime failure
// (exit 1), as a missing --root or annotate FILE is, not a usage error.
func fileError(flag string, err error) error {
	return runtimeError{fmt.Errorf("%s: %w", flag, err)}
}

// textOrFile returns the bytes of a TEXT flag (escapes interpreted as in
// the send pane, DESIGN.md §4) or of a FILE flag (raw), nil if neither.
func textOrFile(textFlag, text, fileFlag, file string) ([]byte, error) {
	switch {
	case text != "" && file != "":
		return nil, fmt.Errorf("%s and %s cannot be used together", textFlag, fileFlag)
	case text != "":
		b, err := compose.Text(text, compose.DefaultOptions())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", textFlag, err)
		}
		return b, nil
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fileError(fileFlag, err)
		}
		return b, nil
	}
	return nil, nil
}

// enumFlag is a flag whose value is one of a few words; a wrong word is a
// usage error naming the choices, and shell completion offers them.
type enumFlag struct {
	value   string
	choices []string
}

func (e *enumFlag) String() string { return e.value }
func (e *enumFlag) Type() string   { return strings.Join(e.choices, "|") }

func (e *enumFlag) Set(s string) error {
	if !slices.Contains(e.choices, s) {
		return fmt.Errorf("must be one of %s", strings.Join(e.choices, ", "))
	}
	e.value = s
	return nil
}

// complete offers the choices to shell completion.
func (e *enumFlag) complete(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return e.choices, cobra.ShellCompDirectiveNoFileComp
}

// sizeFlag is a byte size such as 64MiB (netassist.ParseSize).
type sizeFlag struct {
	n    int64
	text string
}

func (s *sizeFlag) String() string { return s.text }
func (s *sizeFlag) Type() string   { return "SIZE" }

func (s *sizeFlag) Set(v string) error {
	n, err := netassist.ParseSize(v)
	if err != nil {
		return err
	}
	s.n, s.text = n, v
	return nil
}
