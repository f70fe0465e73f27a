package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// decodeJSONL reads a JSON Lines file line by line: every line must be a
// JSON object and the file must end on a line boundary. It returns the
// events and the data bytes received ("in").
func decodeJSONL(t *testing.T, path string) (events int, in []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) == 0 {
		t.Fatalf("%s is empty", path)
	}
	if b[len(b)-1] != '\n' {
		t.Fatalf("%s does not end on a line boundary: ...%q", path, b[max(0, len(b)-60):])
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var ev struct {
			Event, Dir, Data string
			Len              int
		}
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("%s line %d: %v: %.80q", path, events+1, err, sc.Text())
		}
		events++
		if ev.Event == "data" && ev.Dir == "in" {
			d, err := base64.StdEncoding.DecodeString(ev.Data)
			if err != nil || len(d) != ev.Len {
				t.Fatalf("%s line %d: data does not decode to len %d", path, events, ev.Len)
			}
			in = append(in, d...)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return events, in
}

// flood connects to addr and writes a pattern until the connection
// fails or limit bytes are written; it returns how many bytes were written
// once it stops.
func flood(t *testing.T, addr string, limit int64) <-chan int64 {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	total := make(chan int64, 1)
	go func() {
		defer c.Close()
		buf := bytes.Repeat([]byte("0123456789abcdef"), 4096)
		var n int64
		for {
			m, err := c.Write(buf)
			n += int64(m)
			if err != nil || n >= limit {
				total <- n
				return
			}
		}
	}()
	return total
}

// Each signal that ends the process, sent mid-flood to a headless server
// with --record: exit 0, and the record and the JSON Lines output both
// decode line by line to their last line, holding the same bytes — a
// prefix of what the client sent.
func TestSignalMidFloodKeepsRecordWhole(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			rec, outPath := filepath.Join(dir, "rec.jsonl"), filepath.Join(dir, "out.jsonl")
			out, err := os.Create(outPath)
			if err != nil {
				t.Fatal(err)
			}
			defer out.Close()
			var stderr bytes.Buffer
			cmd := exec.Command(binary, "server", "--headless", "--format", "jsonl", "-l", "127.0.0.1:0", "--record", rec)
			cmd.Stdout, cmd.Stderr = out, &stderr
			cmd.Env = append(os.Environ(), "GORACE=atexit_sleep_ms=0")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			addr := waitListen(t, outPath)
			// 8 MiB at loopback speed; the signal comes once 1 MiB is in
			// the record, while the rest is on its way. (Bigger floods only
			// make the race-instrumented decoding below slower.)
			flood(t, addr, 8<<20)
			deadline := time.Now().Add(10 * time.Second)
			for {
				if fi, err := os.Stat(rec); err == nil && fi.Size() > 1<<20 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("the record did not grow")
				}
				time.Sleep(10 * time.Millisecond)
			}
			cmd.Process.Signal(sig)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(15 * time.Second):
				t.Fatalf("no exit after %v", sig)
			}
			if code := cmd.ProcessState.ExitCode(); code != 0 || stderr.Len() != 0 {
				t.Fatalf("after %v: exit %d, stderr %q; want 0 and nothing", sig, code, stderr.String())
			}
			nrec, inRec := decodeJSONL(t, rec)
			nout, inOut := decodeJSONL(t, outPath)
			pattern := bytes.Repeat([]byte("0123456789abcdef"), (len(inRec)+15)/16)
			if len(inRec) < 512<<10 || !bytes.Equal(inRec, pattern[:len(inRec)]) {
				t.Fatalf("record: %d bytes, not a prefix of the flood", len(inRec))
			}
			if nrec != nout || !bytes.Equal(inRec, inOut) {
				t.Errorf("record has %d events / %d bytes, output %d / %d", nrec, len(inRec), nout, len(inOut))
			}
		})
	}
}

// waitListen waits for the listen event in a JSON Lines output file and
// returns the address.
func waitListen(t *testing.T, path string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(path)
		if line, _, ok := bytes.Cut(b, []byte("\n")); ok {
			var ev struct{ Event, Addr string }
			if json.Unmarshal(line, &ev) == nil && ev.Event == "listen" {
				return ev.Addr
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("no listen event")
	return ""
}

// A --record file on a full disk (a 1 MiB tmpfs in a private mount
// namespace): one line on stderr naming the file and the cause at once,
// the headless output goes on whole, the record keeps whole lines only,
// and the run exits 1.
func TestRecordOnFullDisk(t *testing.T) {
	if err := exec.Command("unshare", "-rm", "true").Run(); err != nil {
		t.Skipf("cannot make a private tmpfs here (unshare -rm: %v); TestRecordFileFullDisk in package netassist covers ENOSPC with a failing writer", err)
	}
	// A peer that sends 3 MiB and closes: the headless client records it
	// all, then exits.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	payload := bytes.Repeat([]byte("full disk test. "), 3<<16)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		c.Write(payload)
		c.Close()
	}()
	dir := t.TempDir()
	mnt := filepath.Join(dir, "mnt")
	os.Mkdir(mnt, 0o755)
	rec := filepath.Join(mnt, "rec.jsonl")
	script := fmt.Sprintf(`mount -t tmpfs -o size=1m tmpfs %[1]s || exit 99
%[2]s client %[3]s --headless --format jsonl --wait 5s --record %[4]s
rc=$?; cp %[4]s %[5]s; exit $rc`, mnt, binary, ln.Addr(), rec, filepath.Join(dir, "kept.jsonl"))
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("unshare", "-rm", "sh", "-c", script)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Run()
	code := cmd.ProcessState.ExitCode()
	if code == 99 {
		t.Skipf("mount tmpfs not permitted: %s", stderr.String())
	}
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	want := "netassist: --record " + rec + ": no space left on device (recording stopped)"
	if code != 1 || len(lines) != 1 || lines[0] != want {
		t.Fatalf("exit %d, stderr %q; want 1 and the one line %q", code, stderr.String(), want)
	}
	os.WriteFile(filepath.Join(dir, "out.jsonl"), stdout.Bytes(), 0o644)
	if _, in := decodeJSONL(t, filepath.Join(dir, "out.jsonl")); !bytes.Equal(in, payload) {
		t.Errorf("headless output holds %d bytes of the %d received", len(in), len(payload))
	}
	n, in := decodeJSONL(t, filepath.Join(dir, "kept.jsonl"))
	if n < 2 || len(in) == 0 || !bytes.Equal(in, payload[:len(in)]) {
		t.Errorf("record kept %d whole lines, %d bytes", n, len(in))
	}
}
