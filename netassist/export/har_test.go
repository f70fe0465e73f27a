package export

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/base64"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/netassist/netassist/netassist"
)

// A HAR converted from a --record file is HAR 1.2, says what the clients
// sent exactly (header order and case, query, form bodies chunked or not),
// what was sent back (head as sent, body decoded to the file served), and
// sizes that add up to the bytes captured; and the same HAR comes out of
// the store, byte for byte.
func TestHARFromRecord(t *testing.T) {
	ws := newWebSession(t)
	raw, doc := harFrom(t, ws.openRecord(t))
	if errs := checkHAR(doc); len(errs) > 0 {
		t.Fatalf("not HAR 1.2:\n%s", strings.Join(errs, "\n"))
	}
	entries := doc["log"].(map[string]any)["entries"].([]any)
	if len(entries) != len(ws.sent) {
		t.Fatalf("%d entries, want %d", len(entries), len(ws.sent))
	}
	// Entries come as exchanges finish (a connection's last one when it
	// closes); the server numbers them as requests arrive.
	slices.SortFunc(entries, func(a, b any) int {
		id := func(e any) int64 { return num(e.(map[string]any)["_netassist"].(map[string]any)["id"]) }
		return cmp.Compare(id(a), id(b))
	})

	outStreams := map[string][]byte{} // by connection label
	consumed := map[string]int64{}
	for i, sent := range ws.sent {
		e := entries[i].(map[string]any)
		req := e["request"].(map[string]any)
		resp := e["response"].(map[string]any)
		conn := e["connection"].(string)
		t.Run(sent.method+"-"+conn+"-"+strings.Fields(sent.raw)[1], func(t *testing.T) {
			headEnd := strings.Index(sent.raw, "\r\n\r\n") + 4
			lines := strings.Split(sent.raw[:headEnd-4], "\r\n")
			if got := req["method"]; got != sent.method {
				t.Errorf("method %v", got)
			}
			if got, want := num(req["headersSize"]), int64(headEnd); got != want {
				t.Errorf("request headersSize %d, want %d", got, want)
			}
			if got, want := num(req["bodySize"]), int64(len(sent.raw)-headEnd); got != want {
				t.Errorf("request bodySize %d, want %d", got, want)
			}
			// Headers: the lines as written, in order, case kept.
			hs := req["headers"].([]any)
			if len(hs) != len(lines)-1 {
				t.Fatalf("%d request headers, want %d", len(hs), len(lines)-1)
			}
			for j, l := range lines[1:] {
				name, value, _ := strings.Cut(l, ": ")
				h := hs[j].(map[string]any)
				if h["name"] != name || h["value"] != value {
					t.Errorf("request header %d = %v: %v, want %s: %s", j, h["name"], h["value"], name, value)
				}
			}

			// Response: head as sent, sizes adding up to the bytes sent.
			if outStreams[conn] == nil {
				outStreams[conn] = connOut(t, ws.st, conn)
			}
			out := outStreams[conn][consumed[conn]:]
			transfer := num(resp["_transferSize"])
			consumed[conn] += transfer
			if got := num(resp["headersSize"]) + num(resp["bodySize"]); got != transfer {
				t.Errorf("response headersSize+bodySize = %d, _transferSize %d", got, transfer)
			}
			respHead := string(out[:num(resp["headersSize"])])
			if !strings.HasPrefix(respHead, "HTTP/1.1 ") || !strings.HasSuffix(respHead, "\r\n\r\n") {
				t.Fatalf("response headersSize does not cover the head: %q", respHead)
			}
			rl := strings.Split(strings.TrimSuffix(respHead, "\r\n\r\n"), "\r\n")
			if st := strings.SplitN(rl[0], " ", 3); st[2] != resp["statusText"] || st[1] != "200" || num(resp["status"]) != 200 {
				t.Errorf("status line %q, HAR says %v %v", rl[0], resp["status"], resp["statusText"])
			}
			rh := resp["headers"].([]any)
			if len(rh) != len(rl)-1 {
				t.Fatalf("%d response headers, the head has %d", len(rh), len(rl)-1)
			}
			for j, l := range rl[1:] {
				name, value, _ := strings.Cut(l, ": ")
				h := rh[j].(map[string]any)
				if h["name"] != name || h["value"] != value {
					t.Errorf("response header %d = %v: %v, want %s: %s", j, h["name"], h["value"], name, value)
				}
			}

			// Content: the body the client got, decoded.
			content := resp["content"].(map[string]any)
			extra := e["_netassist"].(map[string]any)
			body := sent.respBody
			if ce := headerOf(rh, "Content-Encoding"); ce == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
				if got, want := num(content["compression"]), num(extra["body_bytes"])-num(extra["wire_bytes"]); got != want || got <= 0 {
					t.Errorf("compression %d, want %d (body_bytes - wire_bytes)", got, want)
				}
			}
			if got := num(content["size"]); got != int64(len(body)) || got != num(extra["body_bytes"]) {
				t.Errorf("content.size %d, client decoded %d bytes, body_bytes %v", got, len(body), extra["body_bytes"])
			}
			text, _ := content["text"].(string)
			if content["encoding"] == "base64" {
				b, err := base64.StdEncoding.DecodeString(text)
				if err != nil {
					t.Fatal(err)
				}
				text = string(b)
			}
			if text != string(body) {
				t.Errorf("content.text (%d bytes) is not the body the client got (%d bytes)", len(text), len(body))
			}
			if timings := e["timings"].(map[string]any); num(e["time"]) < 0 ||
				absDiff(e["time"].(float64), timings["send"].(float64)+timings["wait"].(float64)+timings["receive"].(float64)) > 0.002 {
				t.Errorf("time %v is not send+wait+receive %v", e["time"], timings)
			}
		})
	}
	for conn, out := range outStreams {
		if consumed[conn] != int64(len(out)) {
			t.Errorf("connection %s sent %d bytes, the entries' _transferSize add up to %d", conn, len(out), consumed[conn])
		}
	}

	// What HAR makes of the details.
	first := entries[0].(map[string]any)["request"].(map[string]any)
	if got := first["url"]; !strings.HasSuffix(got.(string), "/?q=a%20b&x=1&empty=") || !strings.HasPrefix(got.(string), "http://127.0.0.1:") {
		t.Errorf("url %v", got)
	}
	wantNV(t, "queryString", first["queryString"], "q", "a b", "x", "1", "empty", "")
	wantNV(t, "cookies", first["cookies"], "a", "1", "b", "two")
	logo, _ := os.ReadFile("../../httpserve/demo/logo.png")
	if c := entries[1].(map[string]any)["response"].(map[string]any)["content"].(map[string]any); c["encoding"] != "base64" || c["text"] != base64.StdEncoding.EncodeToString(logo) {
		t.Errorf("logo content: encoding %v, %d text bytes", c["encoding"], len(c["text"].(string)))
	}
	chunked := entries[2].(map[string]any)["request"].(map[string]any)["postData"].(map[string]any)
	if chunked["text"] != "name=Zhang+San1" {
		t.Errorf("chunked postData text %q", chunked["text"])
	}
	wantNV(t, "params", chunked["params"], "name", "Zhang San1")
	form := entries[3].(map[string]any)["request"].(map[string]any)["postData"].(map[string]any)
	wantNV(t, "params", form["params"], "city", "北京", "n", "1 2=")
	if a, b := entries[0].(map[string]any)["connection"], entries[2].(map[string]any)["connection"]; a == b || a != entries[1].(map[string]any)["connection"] {
		t.Errorf("connections %v %v", a, b)
	}

	// The store holds everything this session sent: the same HAR.
	fromStore, _ := harFrom(t, FromStore(ws.st, ws.upto))
	if !bytes.Equal(fromStore, raw) {
		t.Errorf("the HAR from the store differs from the one from the record:\n--- store\n%s\n--- record\n%s", fromStore, raw)
	}
}

// connOut is what connection label (a number) sent, from the store.
func connOut(t *testing.T, st *netassist.Store, label string) []byte {
	t.Helper()
	var id uint64
	for _, c := range label {
		id = id*10 + uint64(c-'0')
	}
	var out []byte
	for _, c := range st.After(netassist.Filter{Conn: netassist.ConnID(id)}, 0, 1<<20) {
		if c.Kind == netassist.KindData && c.Dir == netassist.Out {
			out = append(out, c.Data...)
		}
	}
	return out
}

func headerOf(hs []any, name string) string {
	for _, h := range hs {
		if m := h.(map[string]any); strings.EqualFold(m["name"].(string), name) {
			return m["value"].(string)
		}
	}
	return ""
}

// wantNV checks a HAR list of name/value objects against pairs.
func wantNV(t *testing.T, what string, v any, pairs ...string) {
	t.Helper()
	list, _ := v.([]any)
	var got []string
	for _, el := range list {
		m := el.(map[string]any)
		got = append(got, m["name"].(string), m["value"].(string))
	}
	if strings.Join(got, "|") != strings.Join(pairs, "|") {
		t.Errorf("%s = %q, want %q", what, got, pairs)
	}
}

func num(v any) int64 {
	f, _ := v.(float64)
	return int64(f)
}

func absDiff(a, b float64) float64 {
	if a > b {
		return a - b
	}
	return b - a
}
