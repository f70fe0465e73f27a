//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// recordHTTP is an http event of a --record file with the fields the HAR
// must agree with (README "JSON Lines").
type recordHTTP struct {
	Event        string      `json:"event"`
	Conn         int         `json:"conn"`
	ID           int         `json:"id"`
	Method       string      `json:"method"`
	Target       string      `json:"target"`
	Headers      [][2]string `json:"headers"`
	RespHeaders  [][2]string `json:"resp_headers"`
	Encoding     string      `json:"encoding"`
	BodyBytes    int64       `json:"body_bytes"`
	WireBytes    int64       `json:"wire_bytes"`
	OutBytes     int64       `json:"out_bytes"`
	InOffset     int64       `json:"in_offset"`
	HeadLen      int64       `json:"head_len"`
	ReqBodyBytes int64       `json:"req_body_bytes"`
	Dir          string      `json:"dir"`
	Data         []byte      `json:"data"`
}

// The HAR export of a real session (curl --compressed against the demo
// site, and a form POST) is valid HAR 1.2 by an independent schema (the
// npm registry's har-schema, checked with ajv), with the request headers
// in wire order and sizes that match the capture.
func TestHARExportValidates(t *testing.T) {
	announce(t, "netassist export --to har of a recorded curl session validates against har-schema (ajv), headers in wire order, sizes as captured")
	npm := requireTool(t, "npm")
	node := requireTool(t, "node")
	curl := requireTool(t, "curl")

	// The validator: har-schema and ajv from the npm registry, into a
	// temporary folder (nothing is written into the checkout).
	checker := t.TempDir()
	for _, name := range []string{"package.json", "check.js"} {
		b, err := os.ReadFile(filepath.Join(repoRoot, "e2e", "harcheck", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(checker, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, stderr, code := runCmd(t, 5*time.Minute, npm, "install", "--prefix", checker, "--no-audit", "--no-fund", "--loglevel=error"); code != 0 {
		if inCI() {
			t.Fatalf("npm install har-schema ajv: exit %d\n%s", code, stderr)
		}
		t.Skipf("SKIP %s: npm install failed (no registry?): %s", t.Name(), stderr)
	}

	// A real session, recorded.
	rec := filepath.Join(t.TempDir(), "class.jsonl")
	na := startNetassist(t, "web", "-l", "127.0.0.1:0", "--record", rec)
	base := "http://" + na.addr
	bodies := t.TempDir()
	form := "name=Zhang+San&city=%E5%8C%97%E4%BA%AC"
	for i, args := range [][]string{
		{"--compressed", base + "/"},
		{"--compressed", base + "/style.css"},
		{"-d", form, base + "/submit"},
	} {
		out := filepath.Join(bodies, string(rune('a'+i)))
		if _, stderr, code := runCmd(t, 30*time.Second, curl, append([]string{"-sS", "-m", "20", "-o", out}, args...)...); code != 0 {
			t.Fatalf("curl %v: exit %d: %s", args, code, stderr)
		}
	}
	na.waitUntil("three http events", 10*time.Second, func(evs []event) bool {
		n := 0
		for _, e := range evs {
			if e.Event == "http" {
				n++
			}
		}
		return n == 3
	})
	if code := na.stop(); code != 0 {
		t.Fatalf("netassist exit %d: %s", code, na.stderr)
	}

	har := filepath.Join(t.TempDir(), "class.har")
	stdout, stderr, code := runCmd(t, 30*time.Second, binary, "export", "--to", "har", rec, "-o", har)
	if code != 0 || !strings.Contains(string(stdout), "wrote "+har+": 3 HTTP exchange(s)") {
		t.Fatalf("export: exit %d\n%s%s", code, stdout, stderr)
	}

	// The independent check.
	if out, _, code := runCmd(t, time.Minute, node, filepath.Join(checker, "check.js"), har); code != 0 {
		t.Fatalf("har-schema rejects the export:\n%s", out)
	} else {
		t.Logf("%s", bytes.TrimSpace(out))
	}
	// ... which can fail: a HAR with a header list that is not a list.
	raw, err := os.ReadFile(har)
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(t.TempDir(), "broken.har")
	os.WriteFile(broken, bytes.Replace(raw, []byte(`"headers": [`), []byte(`"headers": 7, "x": [`), 1), 0o644)
	if _, _, code := runCmd(t, time.Minute, node, filepath.Join(checker, "check.js"), broken); code != 1 {
		t.Fatalf("the schema check passed a broken HAR (exit %d)", code)
	}

	// Wire order and sizes, against the record.
	var doc struct {
		Log struct {
			Entries []struct {
				Request struct {
					Method      string                 `json:"method"`
					Headers     []harNV                `json:"headers"`
					HeadersSize int64                  `json:"headersSize"`
					BodySize    int64                  `json:"bodySize"`
					PostData    *struct{ Text string } `json:"postData"`
				} `json:"request"`
				Response struct {
					Headers     []harNV `json:"headers"`
					HeadersSize int64   `json:"headersSize"`
					BodySize    int64   `json:"bodySize"`
					Transfer    int64   `json:"_transferSize"`
					Content     struct {
						Size        int64  `json:"size"`
						Compression int64  `json:"compression"`
						Text        string `json:"text"`
						Encoding    string `json:"encoding"`
					} `json:"content"`
				} `json:"response"`
				Extra struct {
					ID int `json:"id"`
				} `json:"_netassist"`
			} `json:"entries"`
		} `json:"log"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	https, in, out := readRecord(t, rec)
	if len(doc.Log.Entries) != len(https) {
		t.Fatalf("%d entries for %d http events", len(doc.Log.Entries), len(https))
	}
	sentByConn := map[int]int64{}
	for _, e := range doc.Log.Entries {
		ev, ok := https[e.Extra.ID]
		if !ok {
			t.Fatalf("entry with id %d has no http event", e.Extra.ID)
		}
		req, resp := e.Request, e.Response
		// The request head as captured, line by line: the HAR's headers
		// are those lines, in that order and case.
		head := string(in[ev.Conn][ev.InOffset : ev.InOffset+ev.HeadLen])
		lines := strings.Split(strings.TrimSuffix(head, "\r\n\r\n"), "\r\n")[1:]
		if len(lines) != len(req.Headers) || len(ev.Headers) != len(req.Headers) {
			t.Fatalf("%s %s: %d HAR headers, %d captured lines, %d in the event", ev.Method, ev.Target, len(req.Headers), len(lines), len(ev.Headers))
		}
		for i, l := range lines {
			if got := req.Headers[i].Name + ": " + req.Headers[i].Value; got != l {
				t.Errorf("%s %s: header %d is %q, the wire says %q", ev.Method, ev.Target, i, got, l)
			}
		}
		if req.HeadersSize != ev.HeadLen || req.BodySize != ev.ReqBodyBytes {
			t.Errorf("%s: request sizes %d+%d, captured %d+%d", ev.Target, req.HeadersSize, req.BodySize, ev.HeadLen, ev.ReqBodyBytes)
		}
		if resp.Content.Size != ev.BodyBytes || resp.Transfer != ev.OutBytes || resp.HeadersSize+resp.BodySize != ev.OutBytes {
			t.Errorf("%s: content.size %d (body_bytes %d), transfer %d = %d+%d (out_bytes %d)", ev.Target,
				resp.Content.Size, ev.BodyBytes, resp.Transfer, resp.HeadersSize, resp.BodySize, ev.OutBytes)
		}
		if ev.Encoding != "identity" && resp.Content.Compression != ev.BodyBytes-ev.WireBytes {
			t.Errorf("%s: compression %d, want %d", ev.Target, resp.Content.Compression, ev.BodyBytes-ev.WireBytes)
		}
		for i, h := range ev.RespHeaders {
			if i >= len(resp.Headers) || resp.Headers[i].Name != h[0] || resp.Headers[i].Value != h[1] {
				t.Errorf("%s: response header %d differs from the event's %q", ev.Target, i, h)
			}
		}
		sentByConn[ev.Conn] += ev.OutBytes
		switch ev.Target {
		case "/":
			page, _ := os.ReadFile(filepath.Join(bodies, "a")) // curl --compressed decoded it
			if resp.Content.Text != string(page) || ev.Encoding == "identity" {
				t.Errorf("/: content.text is not the page curl decoded (encoding %s)", ev.Encoding)
			}
		case "/submit":
			if req.PostData == nil || req.PostData.Text != form {
				t.Errorf("/submit: postData %+v, want %q", req.PostData, form)
			}
		}
	}
	for conn, n := range sentByConn {
		if int64(len(out[conn])) != n {
			t.Errorf("conn %d sent %d bytes, its exchanges' out_bytes add up to %d", conn, len(out[conn]), n)
		}
	}
}

type harNV struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// readRecord reads a --record file: its http events by id, and each
// connection's bytes in and out.
func readRecord(t *testing.T, path string) (https map[int]recordHTTP, in, out map[int][]byte) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	https, in, out = map[int]recordHTTP{}, map[int][]byte{}, map[int][]byte{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var ev recordHTTP
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("record line %q: %v", sc.Bytes(), err)
		}
		switch {
		case ev.Event == "http":
			https[ev.ID] = ev
		case ev.Event == "data" && ev.Dir == "in":
			in[ev.Conn] = append(in[ev.Conn], ev.Data...)
		case ev.Event == "data":
			out[ev.Conn] = append(out[ev.Conn], ev.Data...)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return https, in, out
}
