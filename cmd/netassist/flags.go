package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/compose"
)

// errHelp asks for the usage text (exit 0).
var errHelp = errors.New("help requested")

// options is the parsed command line.
type options struct {
	mode       string // "server", "client" or "web"; "" means server
	addr       string // listen address (server, web) or address to dial (client)
	headless   bool
	format     string
	record     string
	maxCapture int64
	version    bool

	// server
	reply           []byte
	closeAfterReply bool

	// client
	send []byte // --send-file bytes, or --send text as built for the first send
	// sendText is --send as typed: macros ({{seq}}, {{date}}, …) are
	// expanded again for each send.
	sendText string
	repeat   time.Duration
	count    int
	wait     time.Duration

	// web
	root         string
	encoding     string
	responseFile []byte
	list         bool
}

// Default addresses (DESIGN.md §2).
const (
	defaultServerAddr = "127.0.0.1:7890"
	defaultWebAddr    = "127.0.0.1:8080"
)

func (o *options) tab() netassist.Tab {
	switch o.mode {
	case "client":
		return netassist.TabClient
	case "web":
		return netassist.TabWeb
	}
	return netassist.TabServer
}

// parseArgs parses the command line. Flags may stand before or after the
// positional argument; "--flag value" and "--flag=value" both work (the
// flag package accepts one or two dashes).
func parseArgs(args []string) (*options, error) {
	o := &options{format: "text", maxCapture: netassist.DefaultMaxCapture, wait: 2 * time.Second, count: 1, encoding: "auto"}
	if len(args) > 0 {
		switch args[0] {
		case "server", "client", "web":
			o.mode, args = args[0], args[1:]
		case "help":
			return o, errHelp
		}
	}
	fs := flag.NewFlagSet("netassist", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}

	var (
		maxCapture, replyText, replyFile, sendText, sendFile, responseFile string
		listen                                                             string
		help                                                               bool
	)
	fs.BoolVar(&help, "h", false, "")
	fs.BoolVar(&help, "help", false, "")
	fs.BoolVar(&o.version, "version", false, "")
	fs.BoolVar(&o.headless, "headless", false, "")
	fs.StringVar(&o.format, "format", o.format, "")
	fs.StringVar(&o.record, "record", "", "")
	fs.StringVar(&maxCapture, "max-capture", "", "")
	switch o.mode {
	case "", "server":
		fs.StringVar(&listen, "l", "", "")
		fs.StringVar(&listen, "listen", "", "")
		fs.StringVar(&replyText, "reply", "", "")
		fs.StringVar(&replyFile, "reply-file", "", "")
		fs.BoolVar(&o.closeAfterReply, "close-after-reply", false, "")
	case "client":
		fs.StringVar(&sendText, "send", "", "")
		fs.StringVar(&sendFile, "send-file", "", "")
		fs.DurationVar(&o.repeat, "repeat", 0, "")
		fs.IntVar(&o.count, "count", o.count, "")
		fs.DurationVar(&o.wait, "wait", o.wait, "")
	case "web":
		fs.StringVar(&listen, "l", "", "")
		fs.StringVar(&listen, "listen", "", "")
		fs.StringVar(&o.root, "root", "", "")
		fs.StringVar(&o.encoding, "encoding", o.encoding, "")
		fs.StringVar(&responseFile, "response-file", "", "")
		fs.BoolVar(&o.list, "list", false, "")
	}

	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return o, errHelp
			}
			return o, cleanFlagError(err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			positional = append(positional, args[1:]...)
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	if help {
		return o, errHelp
	}
	if o.version {
		return o, nil
	}

	switch o.mode {
	case "client":
		if len(positional) != 1 {
			return o, errors.New("client needs one address to connect to, e.g. 'netassist client 127.0.0.1:8080'")
		}
		o.addr = positional[0]
	default:
		if len(positional) > 0 {
			return o, fmt.Errorf("unexpected argument %q (the listen address goes after -l)", positional[0])
		}
		o.addr = listen
		if o.addr == "" {
			o.addr = defaultServerAddr
			if o.mode == "web" {
				o.addr = defaultWebAddr
			}
		}
	}
	if o.format != "text" && o.format != "jsonl" {
		return o, fmt.Errorf("--format must be text or jsonl, not %q", o.format)
	}
	if maxCapture != "" {
		n, err := parseSize(maxCapture)
		if err != nil {
			return o, fmt.Errorf("--max-capture: %w", err)
		}
		o.maxCapture = n
	}
	var err error
	if o.reply, err = textOrFile("--reply", replyText, "--reply-file", replyFile); err != nil {
		return o, err
	}
	if o.closeAfterReply && o.reply == nil {
		return o, errors.New("--close-after-reply needs --reply or --reply-file")
	}
	switch {
	case sendText != "" && sendFile != "":
		return o, errors.New("--send and --send-file cannot be used together")
	case sendText != "":
		// Build once now so a bad escape or macro is a usage error.
		if o.send, err = compose.Build(sendText, compose.DefaultOptions(), &compose.MacroEnv{}); err != nil {
			return o, fmt.Errorf("--send: %w", err)
		}
		o.sendText = sendText
	default:
		if o.send, err = textOrFile("--send", "", "--send-file", sendFile); err != nil {
			return o, err
		}
	}
	if o.count < 1 {
		return o, errors.New("--count must be at least 1")
	}
	if o.repeat < 0 || o.wait < 0 {
		return o, errors.New("--repeat and --wait must not be negative")
	}
	switch o.encoding {
	case "auto", "identity", "gzip", "deflate", "br", "zstd":
	default:
		return o, fmt.Errorf("--encoding must be one of auto, identity, gzip, deflate, br, zstd; not %q", o.encoding)
	}
	if responseFile != "" {
		if o.responseFile, err = os.ReadFile(responseFile); err != nil {
			return o, fmt.Errorf("--response-file: %w", err)
		}
	}
	return o, nil
}

// cleanFlagError turns the flag package's messages into ours.
func cleanFlagError(err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return fmt.Errorf("unknown flag %s", name)
	}
	return errors.New(msg)
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
			return nil, fmt.Errorf("%s: %w", fileFlag, err)
		}
		return b, nil
	}
	return nil, nil
}

// parseSize parses a byte size such as 64MiB, 512KiB, 1GiB, 10MB or 4096.
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
	}
	num, mult := s, int64(1)
	for _, u := range units {
		if strings.HasSuffix(strings.ToUpper(s), strings.ToUpper(u.suffix)) {
			num, mult = strings.TrimSpace(s[:len(s)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("invalid size %q (use e.g. 64MiB, 512KiB, 1GiB)", s)
	}
	return int64(n * float64(mult)), nil
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func usage(mode string) string {
	common := `
Common flags:
  --headless            no TUI: print events to stdout until interrupted
  --format text|jsonl   headless output format (default text)
  --record FILE         append every event, as JSON Lines, to FILE
  --max-capture SIZE    in-memory capture budget (default 64MiB)
  --version             print the version
  -h, --help            show this help
`
	switch mode {
	case "client":
		return `Usage: netassist client ADDR [flags]

Connect to ADDR (host:port, [::1]:port) and show every byte of the reply.

Flags:
  --send TEXT           send TEXT once connected (\r \n \t \0 \\ \xHH interpreted)
  --send-file FILE      send the bytes of FILE once connected
  --repeat DURATION     send again every DURATION ...
  --count N             ... N times in all (default 1)
  --wait DURATION       headless: exit this long after the last byte (default 2s)
` + common
	case "web":
		return `Usage: netassist web [-l ADDR] [--root DIR] [flags]

Serve a directory (or the built-in demo site) over HTTP and show every raw
request and what was sent back. Default address 127.0.0.1:8080.

Flags:
  -l ADDR               listen address (use 127.0.0.1:0 for a free port)
  --root DIR            document root (default: the built-in demo site)
  --list                list directories that have no index.html
  --encoding E          auto|identity|gzip|deflate|br|zstd (default auto)
  --response-file FILE  answer every request with exactly these bytes
` + common
	}
	return `Usage: netassist [server|client|web] [flags]

netassist is a terminal network debugging assistant. With no mode it starts
the TUI on the TCP server tab, listening on 127.0.0.1:7890.

  netassist                              TUI, TCP server tab
  netassist server [-l ADDR]             TUI, TCP server tab
  netassist client ADDR                  TUI, TCP client tab
  netassist web [-l ADDR] [--root DIR]   TUI, web server tab

Server flags:
  -l ADDR               listen address (default 127.0.0.1:7890; 127.0.0.1:0 picks a free port)
  --reply TEXT          send TEXT to each client once its first bytes arrive
                        (\r \n \t \0 \\ \xHH interpreted)
  --reply-file FILE     same, bytes from FILE
  --close-after-reply   then close that connection
` + common + `
Run 'netassist client --help' or 'netassist web --help' for those modes.
`
}
