package lab

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	enclab "github.com/netassist/netassist/httpserve/lab"
	"github.com/netassist/netassist/netassist/i18n"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

func measured(t *testing.T) (*Model, []byte) {
	t.Helper()
	body := []byte(strings.Repeat("<!doctype html><p>lab</p>\n", 200))
	res := enclab.New(0).Compute(enclab.BodyKey("t", body), body)
	m := New(common.Default())
	ae := []string{"gzip, br;q=0.5"}
	m.Request(7, "Encoding lab #7 · GET /", ae[0], true, httpserve.EncodingGzip, enclab.Why(ae, httpserve.EncodingGzip, httpserve.WhyNegotiated, i18n.English))
	m.SetResult(res, body[:100], "body: test")
	return m, body
}

func TestViewSize(t *testing.T) {
	m, _ := measured(t)
	for _, sz := range tuitest.Sizes {
		m.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "lab", m.View(), sz[0], sz[1])
	}
}

// The sent coding is marked, every coding has its reason, and the coding
// shown in hex moves with ←/→ and wraps around; esc closes.
func TestRowsReasonsAndBytes(t *testing.T) {
	m, _ := measured(t)
	m.SetSize(80, 40)
	s := ansi.Strip(m.View())
	for _, want := range []string{"▶ gzip", "← sent", "the client's first choice (q=1)", "accepted (q=0.5), but gzip weighs more (q=1)",
		"not offered: the client did not list it", "first bytes sent as gzip", "1f 8b 08", "⇄  <!doctype html><p>lab</p>\\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("lacks %q:\n%s", want, s)
		}
	}
	m.Update(tuitest.Right) // deflate
	if s := ansi.Strip(m.View()); !strings.Contains(s, "first bytes sent as deflate") {
		t.Errorf("right:\n%s", s)
	}
	m.Update(left)
	m.Update(left)
	m.Update(left) // gzip → identity → zstd (around)
	if s := ansi.Strip(m.View()); !strings.Contains(s, "first bytes sent as zstd") || !strings.Contains(s, "28 b5 2f fd") {
		t.Errorf("left around:\n%s", s)
	}
	m.Update(tuitest.Esc)
	if m.IsOpen() {
		t.Error("esc did not close the lab")
	}
}

// Measuring and failing say so; a stale result never shows.
func TestStates(t *testing.T) {
	m := New(common.Default())
	m.SetSize(80, 10)
	m.Request(1, "lab", "", false, "", nil)
	if s := ansi.Strip(m.View()); !strings.Contains(s, "measuring every coding") || !strings.Contains(s, "the client sent no Accept-Encoding") {
		t.Errorf("measuring:\n%s", s)
	}
	m.SetError(errors.New("cannot measure: boom").Error())
	if s := ansi.Strip(m.View()); !strings.Contains(s, "cannot measure: boom") {
		t.Errorf("failed:\n%s", s)
	}
}

var left = tea.KeyPressMsg{Code: tea.KeyLeft}
