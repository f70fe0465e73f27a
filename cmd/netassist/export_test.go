package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exportRecord is a small --record file: a connection that sent "hello"
// and got "hi" back.
const exportRecord = `{"time":"2026-01-02T03:04:05Z","tab":"server","event":"listen","addr":"127.0.0.1:7890"}
{"time":"2026-01-02T03:04:06Z","tab":"server","event":"open","conn":1,"local":"127.0.0.1:7890","remote":"127.0.0.1:5000"}
{"time":"2026-01-02T03:04:07Z","tab":"server","event":"data","conn":1,"dir":"in","len":5,"data":"aGVsbG8="}
{"time":"2026-01-02T03:04:08Z","tab":"server","event":"data","conn":1,"dir":"out","len":2,"data":"aGk="}
{"time":"2026-01-02T03:04:09Z","tab":"server","event":"close","conn":1,"by":"peer"}
`

func runExportCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = execute(context.Background(), append([]string{"export"}, args...), &out, &errb, nil)
	return code, out.String(), errb.String()
}

// export writes into --save-dir under the record's name, says the full
// path, refuses to replace without --force, and notes a checkout's root.
func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	rec := filepath.Join(dir, "class.jsonl")
	if err := os.WriteFile(rec, []byte(exportRecord), 0o600); err != nil {
		t.Fatal(err)
	}
	save := filepath.Join(dir, "handouts")
	if err := os.Mkdir(save, 0o755); err != nil {
		t.Fatal(err)
	}

	code, out, errs := runExportCmd(t, "--to", "text", rec, "--save-dir", save)
	want := filepath.Join(save, "class.txt")
	if code != 0 || !strings.HasPrefix(out, "wrote "+want+": 5 event(s)") || errs != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if b, _ := os.ReadFile(want); !strings.Contains(string(b), "[server] #1 127.0.0.1:5000 in  5 bytes\nhello\n") {
		t.Errorf("transcript:\n%s", b)
	}
	if code, _, errs := runExportCmd(t, "--to", "text", rec, "--save-dir", save); code != 1 || !strings.Contains(errs, want+" exists (use --force") {
		t.Errorf("second export: exit %d, %q", code, errs)
	}
	if code, _, _ := runExportCmd(t, "--to", "text", rec, "--save-dir", save, "--force"); code != 0 {
		t.Errorf("--force: exit %d", code)
	}

	code, out, _ = runExportCmd(t, "--to=raw", rec, "--save-dir", save)
	if code != 0 || !strings.Contains(out, "to "+filepath.Join(save, "class-raw")+string(filepath.Separator)) ||
		!strings.Contains(out, "conn1-in.bin  5 B") || !strings.Contains(out, "conn1-out.bin  2 B") {
		t.Errorf("raw: exit %d, %q", code, out)
	}
	if b, _ := os.ReadFile(filepath.Join(save, "class-raw", "conn1-in.bin")); string(b) != "hello" {
		t.Errorf("conn1-in.bin = %q", b)
	}

	// A checkout's root: written, and said so.
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runExportCmd(t, "-t", "har", rec, "-o", filepath.Join(dir, "x.har"))
	if code != 0 || !strings.Contains(out, "holds go.mod, it is the root of a source checkout") ||
		!strings.Contains(errs, "no web requests") {
		t.Errorf("har into a checkout: exit %d, %q, %q", code, out, errs)
	}

	for _, args := range [][]string{{rec}, {"--to", "xml", rec}, {"--to", "har"}} {
		if code, _, errs := runExportCmd(t, args...); code != 2 || strings.Count(errs, "\n") != 1 {
			t.Errorf("%q: exit %d, %q; want a usage error", args, code, errs)
		}
	}
	if code, _, errs := runExportCmd(t, "--to", "har", filepath.Join(dir, "missing.jsonl")); code != 1 || !strings.Contains(errs, "no such file") {
		t.Errorf("missing record: exit %d, %q", code, errs)
	}
}
