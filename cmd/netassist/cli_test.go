package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
)

// parsed is what a command line means, in the terms DESIGN.md §2 uses.
type parsed struct {
	tab        netassist.Tab
	addr       string
	headless   bool
	format     string
	record     string
	maxCapture int64
	reply      string
	closeAfter bool
	send       string
	sendText   string
	repeat     time.Duration
	count      int
	wait       time.Duration
	expect     bool
	root       string
	encoding   string
	response   string
	list       bool
}

func summarize(o *options) parsed {
	return parsed{
		tab: o.mode.tab, addr: o.addr, headless: o.common.headless, format: o.common.format.value,
		record: o.common.record, maxCapture: o.common.maxCapture.n,
		reply: string(o.reply.bytes), closeAfter: o.reply.closeAfter,
		send: string(o.client.send), sendText: o.client.text, repeat: o.client.repeat,
		count: o.client.count, wait: o.client.wait, expect: o.client.expect,
		root: o.web.root, encoding: o.web.encoding.value, response: string(o.web.response), list: o.web.list,
	}
}

// parse runs the command tree in process with a runner that keeps the
// options instead of starting anything.
func parse(t *testing.T, args ...string) (p parsed, code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	ran := false
	code = execute(context.Background(), args, &out, &errb, func(_ context.Context, o *options) error {
		ran = true
		p = summarize(o)
		return nil
	})
	if code == 0 && !ran && out.Len() == 0 {
		t.Errorf("%q: exit 0 but nothing ran and nothing printed", args)
	}
	return p, code, out.String(), errb.String()
}

// TestDesignExamplesParse checks every command line of DESIGN.md §2 (and
// the README's) means what the design says: flags before or after the
// positional argument, --flag value and --flag=value.
func TestDesignExamplesParse(t *testing.T) {
	dir := t.TempDir()
	replyFile := filepath.Join(dir, "reply.bin")
	os.WriteFile(replyFile, []byte("HTTP/1.0 200 OK\r\n\r\nfile"), 0o644)
	respFile := filepath.Join(dir, "resp.http")
	os.WriteFile(respFile, []byte("HTTP/1.1 418 I'm a teapot\r\n\r\n"), 0o644)

	const mcap = netassist.DefaultMaxCapture
	server := func(addr string) parsed {
		return parsed{tab: "server", addr: addr, format: "text", maxCapture: mcap}
	}
	client := func(addr string) parsed {
		return parsed{tab: "client", addr: addr, format: "text", maxCapture: mcap, count: 1, wait: 2 * time.Second}
	}
	web := func(addr string) parsed {
		return parsed{tab: "web", addr: addr, format: "text", maxCapture: mcap, encoding: "auto"}
	}
	with := func(p parsed, f func(*parsed)) parsed { f(&p); return p }

	for _, tc := range []struct {
		args string
		want parsed
	}{
		{"", server("127.0.0.1:7890")},
		{"server", server("127.0.0.1:7890")},
		{"server -l 127.0.0.1:0", server("127.0.0.1:0")},
		{"server --listen=0.0.0.0:7890", server("0.0.0.0:7890")},
		{"-l=127.0.0.1:9000", server("127.0.0.1:9000")},
		{"client 127.0.0.1:8080", client("127.0.0.1:8080")},
		{"web", web("127.0.0.1:8080")},
		{"web -l 127.0.0.1:0 --root " + dir, with(web("127.0.0.1:0"), func(p *parsed) { p.root = dir })},
		// common flags, both spellings, before and after the argument
		{"server --headless --format jsonl -l 127.0.0.1:0",
			with(server("127.0.0.1:0"), func(p *parsed) { p.headless, p.format = true, "jsonl" })},
		{"--headless --format=jsonl -l=127.0.0.1:0 --record rec.jsonl",
			with(server("127.0.0.1:0"), func(p *parsed) { p.headless, p.format, p.record = true, "jsonl", "rec.jsonl" })},
		{"--record session.jsonl", with(server("127.0.0.1:7890"), func(p *parsed) { p.record = "session.jsonl" })},
		{"web --max-capture 512KiB", with(web("127.0.0.1:8080"), func(p *parsed) { p.maxCapture = 512 << 10 })},
		{"client --headless 127.0.0.1:1 --max-capture=1GiB",
			with(client("127.0.0.1:1"), func(p *parsed) { p.headless, p.maxCapture = true, 1<<30 })},
		// server
		{`server --headless --reply HTTP/1.1\x20200\x20OK\r\n\r\nhi --close-after-reply`,
			with(server("127.0.0.1:7890"), func(p *parsed) {
				p.headless, p.reply, p.closeAfter = true, "HTTP/1.1 200 OK\r\n\r\nhi", true
			})},
		{"--reply-file " + replyFile, with(server("127.0.0.1:7890"), func(p *parsed) { p.reply = "HTTP/1.0 200 OK\r\n\r\nfile" })},
		// client
		{`client 127.0.0.1:8080 --headless --send GET\x20/\x20HTTP/1.0\r\n\r\n`,
			with(client("127.0.0.1:8080"), func(p *parsed) {
				p.headless, p.send, p.sendText = true, "GET / HTTP/1.0\r\n\r\n", `GET\x20/\x20HTTP/1.0\r\n\r\n`
			})},
		{`client --send=msg\x20{{seq}}\r\n --repeat 10ms --count=3 --wait 300ms 127.0.0.1:9`,
			with(client("127.0.0.1:9"), func(p *parsed) {
				p.send, p.sendText, p.repeat, p.count, p.wait = "msg 1\r\n", `msg\x20{{seq}}\r\n`, 10*time.Millisecond, 3, 300*time.Millisecond
			})},
		{"client --expect-reply 127.0.0.1:9 --wait=1s",
			with(client("127.0.0.1:9"), func(p *parsed) { p.expect, p.wait = true, time.Second })},
		{"client 127.0.0.1:9 --send-file " + replyFile,
			with(client("127.0.0.1:9"), func(p *parsed) { p.send = "HTTP/1.0 200 OK\r\n\r\nfile" })},
		// web
		{"web --encoding gzip --list", with(web("127.0.0.1:8080"), func(p *parsed) { p.encoding, p.list = "gzip", true })},
		{"web --encoding=br --response-file " + respFile,
			with(web("127.0.0.1:8080"), func(p *parsed) { p.encoding, p.response = "br", "HTTP/1.1 418 I'm a teapot\r\n\r\n" })},
		{"web --root " + dir + " -l 127.0.0.1:0 --headless",
			with(web("127.0.0.1:0"), func(p *parsed) { p.root, p.headless = dir, true })},
	} {
		args := strings.Fields(tc.args)
		got, code, _, stderr := parse(t, args...)
		if code != 0 || got != tc.want {
			t.Errorf("netassist %s: exit %d (stderr %q)\n got %+v\nwant %+v", tc.args, code, stderr, got, tc.want)
		}
	}
}

// TestUsageErrorsInProcess checks each malformed command line exits 2 with
// exactly one line on stderr and nothing run.
func TestUsageErrorsInProcess(t *testing.T) {
	for _, tc := range []struct {
		args string
		want string
	}{
		{"--bogus", "unknown flag: --bogus"},
		{"-x", "unknown shorthand flag: 'x'"},
		{"server --format xml --headless", `invalid argument "xml" for "--format"`},
		{"client", "client needs one address"},
		{"client a:1 b:2", "client needs one address"},
		{"server extra", `unexpected argument "extra"`},
		{"sever", `did you mean server?`},
		{"web --encoding lzma", `invalid argument "lzma" for "--encoding"`},
		{"server --close-after-reply", "--close-after-reply needs --reply"},
		{"--max-capture lots", `invalid size "lots"`},
		{"--max-capture", "flag needs an argument: --max-capture"},
		{"client 127.0.0.1:9 --count 0", "--count must be at least 1"},
		{"client 127.0.0.1:9 --wait forever", `invalid argument "forever" for "--wait"`},
		{"client 127.0.0.1:9 --send a --send-file b", "cannot be used together"},
		{`client 127.0.0.1:9 --send \xZZ`, "--send:"},
		{"web --reply hi", "unknown flag: --reply"},
		{"client 127.0.0.1:9 -l 127.0.0.1:0", "unknown shorthand flag: 'l'"},
		// The address's shape and the positional arguments of the
		// teaching commands (breaker nit 10).
		{"client 127.0.0.1:99999", "port 99999 is out of range"},
		{"client 127.0.0.1:0", "port 0 is out of range"},
		{"client 127.0.0.1", "want host:port"},
		{"client 127.0.0.1:nosuchservice", "no number"},
		{"server -l 127.0.0.1:70000", "port 70000 is out of range"},
		{"web -l :-1", "out of range"},
		{"diff A", "diff compares two files, A and B (1 given)"},
		{"check a b", "(see 'netassist check --help')"},
		{"annotate a b", "(see 'netassist annotate --help')"},
	} {
		_, code, stdout, stderr := parse(t, strings.Fields(tc.args)...)
		lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
		if code != exitUsage || len(lines) != 1 || !strings.HasPrefix(stderr, "netassist: ") ||
			!strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("netassist %s: exit %d, stdout %q, stderr %q; want 2 and one line with %q",
				tc.args, code, stdout, stderr, tc.want)
		}
	}
}

// A file flag whose file cannot be read is a runtime failure (exit 1), as a
// missing --root or annotate FILE is (breaker #10: these exited 2), one line
// naming the flag, and nothing runs.
func TestUnreadableFileFlagsExit1(t *testing.T) {
	for _, tc := range []struct {
		args string
		want string
	}{
		{"--reply-file /nonexistent/file", "--reply-file: open /nonexistent/file"},
		{"web --response-file /nonexistent/file", "--response-file: open /nonexistent/file"},
		{"client 127.0.0.1:9 --send-file /nonexistent/file", "--send-file: open /nonexistent/file"},
		{"server --tls --cert /nonexistent/c.pem --key /nonexistent/k.pem", "--cert: open /nonexistent/c.pem"},
		{"client 127.0.0.1:9 --tls --cacert /nonexistent/ca", "--cacert: open /nonexistent/ca"},
		{"web --save-dir /nonexistent/dir", "--save-dir: stat /nonexistent/dir: no such file"},
		{"server --save-dir /dev/null", "--save-dir /dev/null: not a folder"},
	} {
		p, code, stdout, stderr := parse(t, strings.Fields(tc.args)...)
		lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
		if code != exitRuntime || len(lines) != 1 || !strings.Contains(stderr, tc.want) ||
			strings.Contains(stderr, "--help") || stdout != "" || p != (parsed{}) {
			t.Errorf("netassist %s: exit %d, stdout %q, stderr %q; want 1 and one line with %q",
				tc.args, code, stdout, stderr, tc.want)
		}
	}
}

// TestRuntimeErrorExit1 checks a failure while running is exit 1 and one
// line, even when the cause has several lines: its line breaks are shown
// as markers (escaped, never dropped: they may come from a peer).
func TestRuntimeErrorExit1(t *testing.T) {
	var out, errb bytes.Buffer
	code := execute(context.Background(), []string{"server"}, &out, &errb, func(context.Context, *options) error {
		return &multiLineError{}
	})
	if code != exitRuntime || errb.String() != `netassist: first\n\nsecond\n`+"\n" {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
}

type multiLineError struct{}

func (*multiLineError) Error() string { return "first\n\nsecond\n" }

// TestHelpVersionCompletion checks the commands fang and cobra add.
func TestHelpVersionCompletion(t *testing.T) {
	for _, tc := range []struct {
		args string
		want []string
	}{
		{"--help", []string{"server", "client", "web", "completion", "--headless", "--record"}},
		{"-h", []string{"USAGE"}},
		{"help", []string{"USAGE"}},
		{"web --help", []string{"--root", "--encoding", "--response-file", "--headless"}},
		{"client -h", []string{"--send", "--repeat", "--count", "--wait"}},
		{"server --help", []string{"--reply", "--close-after-reply", "--listen"}},
		{"--version", []string{"netassist "}},
		{"web --version", []string{"netassist "}},
		{"completion bash", []string{"bash completion", "__start_netassist"}},
		{"completion zsh", []string{"#compdef netassist"}},
		{"completion fish", []string{"complete -c netassist"}},
	} {
		p, code, stdout, stderr := parse(t, strings.Fields(tc.args)...)
		if code != 0 || stderr != "" || p != (parsed{}) {
			t.Errorf("netassist %s: exit %d, stderr %q, ran %+v", tc.args, code, stderr, p)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(stdout, w) {
				t.Errorf("netassist %s: output lacks %q:\n%s", tc.args, w, stdout)
			}
		}
	}
}

// TestFlagCompletion checks shell completion offers the choices of
// --format and --encoding.
func TestFlagCompletion(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "--format", ""}, []string{"text", "jsonl"}},
		{[]string{"__complete", "web", "--encoding", ""}, []string{"auto", "identity", "gzip", "deflate", "br", "zstd"}},
		{[]string{"__complete", ""}, []string{"server", "client", "web"}},
	} {
		_, code, stdout, _ := parse(t, tc.args...)
		var got []string
		for _, l := range strings.Split(stdout, "\n") {
			if l != "" && !strings.HasPrefix(l, ":") && !strings.HasPrefix(l, "Completion ended") {
				got = append(got, strings.SplitN(l, "\t", 2)[0])
			}
		}
		for _, w := range tc.want {
			if code != 0 || !slices.Contains(got, w) {
				t.Errorf("%v: exit %d, completions %q; want %q among them", tc.args, code, got, w)
			}
		}
	}
}
