package history

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func texts(es []Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Text
		if e.Hex {
			out[i] = "hex:" + e.Text
		}
	}
	return out
}

func TestAddNewestFirstDedup(t *testing.T) {
	h := New()
	h.Add("server", "a", false)
	h.Add("server", "b", false)
	h.Add("server", "c", false)
	h.Add("server", "a", false) // re-sent: moves to the front
	h.Add("server", "48 49", true)
	h.Add("server", "48 49", false) // same text, other mode: its own entry
	h.Add("server", "", false)      // ignored
	h.Add("client", "GET / HTTP/1.1\n\n", false)

	want := []string{"48 49", "hex:48 49", "a", "c", "b"}
	if got := texts(h.List("server")); !reflect.DeepEqual(got, want) {
		t.Errorf("server = %q, want %q", got, want)
	}
	if got := texts(h.List("client")); !reflect.DeepEqual(got, []string{"GET / HTTP/1.1\n\n"}) {
		t.Errorf("client = %q", got)
	}
	if h.List("web") != nil || h.Len("web") != 0 {
		t.Errorf("unknown tab not empty")
	}

	// List returns a copy.
	l := h.List("server")
	l[0].Text = "changed"
	if h.List("server")[0].Text != "48 49" {
		t.Error("List shares its slice")
	}

	h.Clear("server")
	if h.Len("server") != 0 || h.Len("client") != 1 {
		t.Errorf("after Clear: server %d, client %d", h.Len("server"), h.Len("client"))
	}
}

func TestBounds(t *testing.T) {
	h := New()
	for i := range DefaultMaxEntries + 50 {
		h.Add("t", fmt.Sprint(i), false)
	}
	l := h.List("t")
	if len(l) != DefaultMaxEntries || l[0].Text != fmt.Sprint(DefaultMaxEntries+49) || l[len(l)-1].Text != "50" {
		t.Errorf("len %d, newest %q, oldest %q", len(l), l[0].Text, l[len(l)-1].Text)
	}

	h = &History{MaxEntries: 10, MaxBytes: 100}
	for i := range 5 {
		h.Add("t", strings.Repeat(string(rune('a'+i)), 30), false)
	}
	// 30 bytes each: only three fit in 100.
	if got := texts(h.List("t")); len(got) != 3 || got[0][0] != 'e' || got[2][0] != 'c' {
		t.Errorf("byte-bounded list = %q", got)
	}
	h.Add("t", strings.Repeat("z", 101), false) // too big to keep
	if got := h.List("t"); len(got) != 3 || got[0].Text[0] != 'e' {
		t.Errorf("an oversized entry changed the list: %q", texts(got))
	}
	h.Add("t", strings.Repeat("y", 100), false) // fits alone
	if got := texts(h.List("t")); len(got) != 1 || got[0][0] != 'y' {
		t.Errorf("after a 100-byte entry: %q", got)
	}
}

// History survives a restart: a new value loading the same folder has the
// same lists, in the same order.
func TestSurvivesRestart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "netassist") // does not exist yet
	h, err := Load(dir)
	if err != nil || h.Len("server") != 0 {
		t.Fatalf("Load of a missing file: %d entries, %v", h.Len("server"), err)
	}
	h.Add("server", `HTTP/1.1 200 OK\r\n\r\n{{seq}}`, false)
	h.Add("server", "01 03 00 00 00 0A", true)
	h.Add("client", "你好\x1b", false)
	if err := h.Save(dir); err != nil {
		t.Fatal(err)
	}

	again, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tab := range []string{"server", "client"} {
		if got, want := again.List(tab), h.List(tab); !reflect.DeepEqual(got, want) {
			t.Errorf("%s after restart = %q, want %q", tab, texts(got), texts(want))
		}
	}
	// The restarted history keeps working and saving.
	again.Add("server", `HTTP/1.1 200 OK\r\n\r\n{{seq}}`, false)
	if err := again.Save(dir); err != nil {
		t.Fatal(err)
	}
	third, _ := Load(dir)
	if got := third.List("server"); len(got) != 2 || got[0].Text != `HTTP/1.1 200 OK\r\n\r\n{{seq}}` {
		t.Errorf("third run = %q", texts(got))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != FileName {
		t.Errorf("config folder holds %v, want only %s", entries, FileName)
	}
	if p, _ := Path(dir); p != filepath.Join(dir, "history.json") {
		t.Errorf("Path = %q", p)
	}
}

func TestLoadCleansAndReportsErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	os.WriteFile(path, []byte(`{"version":1,"tabs":{"s":[{"text":"a"},{"text":""},{"text":"a"},{"text":"b","hex":true}]}}`), 0o600)
	h, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(h.List("s")); !reflect.DeepEqual(got, []string{"a", "hex:b"}) {
		t.Errorf("cleaned list = %q", got)
	}

	os.WriteFile(path, []byte("{broken"), 0o600)
	h, err = Load(dir)
	if err == nil || h == nil || h.Len("s") != 0 {
		t.Errorf("Load of a damaged file = %v, %v; want an empty history and an error", h, err)
	}
	h.Add("s", "x", false) // still usable
	if h.Len("s") != 1 {
		t.Error("history from a damaged file is not usable")
	}

	os.WriteFile(path, []byte(`{"version":2,"tabs":{}}`), 0o600)
	if _, err := Load(dir); err == nil {
		t.Error("Load of a future version succeeded")
	}
}

// Saves run in background commands while the UI keeps adding.
func TestConcurrentAddSave(t *testing.T) {
	dir := t.TempDir()
	h := New()
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 300 {
			h.Add("s", fmt.Sprint(i), false)
		}
	})
	for range 4 {
		wg.Go(func() {
			for range 5 {
				if err := h.Save(dir); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if err := h.Save(dir); err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.List("s"), h.List("s")) {
		t.Error("the last Save did not write the newest list")
	}
}

func TestDefaultPath(t *testing.T) {
	cfg, err := os.UserConfigDir()
	if err != nil {
		t.Skip("no user config folder:", err)
	}
	if p, err := Path(""); err != nil || p != filepath.Join(cfg, "netassist", FileName) {
		t.Errorf(`Path("") = %q, %v`, p, err)
	}
}
