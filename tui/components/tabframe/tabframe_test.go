package tabframe

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/addrbar"
	"github.com/netassist/netassist/tui/components/sendpane"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// pane is a Pane that records the keys it gets.
type pane struct {
	name    string
	focused bool
	text    bool
	open    bool // as an overlay
	got     []string
}

func (p *pane) Init() tea.Cmd { return nil }
func (p *pane) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		p.got = append(p.got, k.String())
		if k.String() == "esc" {
			p.open = false
		}
	}
	return nil
}
func (p *pane) View() string              { return p.name }
func (p *pane) SetSize(int, int)          {}
func (p *pane) ShortHelp() []key.Binding  { return nil }
func (p *pane) FullHelp() [][]key.Binding { return nil }
func (p *pane) Focus() tea.Cmd            { p.focused = true; return nil }
func (p *pane) Blur()                     { p.focused = false }
func (p *pane) Focused() bool             { return p.focused }
func (p *pane) TakesText() bool           { return p.text }
func (p *pane) IsOpen() bool              { return p.open }

// frame is a Frame over send, a, b (hidden while hideB) and the address.
func frame(hideB *bool) (*Frame, *pane, *pane) {
	c := common.Default()
	a, b := &pane{name: "a"}, &pane{name: "b"}
	addr := addrbar.New(c, "Listen ", "", "", false)
	send := sendpane.New(c, netassist.TabServer, sendpane.Options{})
	f := New(c, netassist.TabServer, Config{
		Addr: addr, Send: send, Ring: []Pane{send, a, b, addr}, Home: a, Focus: send,
		Skip:    func(p Pane) bool { return p == Pane(b) && *hideB },
		Deliver: func() (sendpane.Deliver, tea.Cmd) { return nil, common.Status("no target", true) },
	})
	return f, a, b
}

// The focus ring: tab and shift+tab go round, over a hidden pane; one pane
// at a time shows the focus; esc in an editor goes home.
func TestFocusRing(t *testing.T) {
	hide := false
	f, a, b := frame(&hide)
	steps := []struct {
		key  tea.KeyPressMsg
		want Pane
	}{
		{tuitest.Tab, a}, {tuitest.Tab, b}, {tuitest.Tab, f.Addr}, {tuitest.Tab, f.Send},
		{tuitest.ShiftTab, f.Addr}, {tuitest.Esc, a},
	}
	for i, s := range steps {
		f.Key(s.key, nil, nil)
		if f.Focus() != s.want {
			t.Fatalf("step %d (%s): focus on %T", i, s.key, f.Focus())
		}
		focused := 0
		for _, p := range []Pane{f.Send, a, b, f.Addr} {
			if p.Focused() {
				focused++
			}
		}
		if focused != 1 || !s.want.Focused() {
			t.Fatalf("step %d: %d panes show the focus", i, focused)
		}
	}
	hide = true
	f.Key(tuitest.Tab, nil, nil)
	if f.Focus() != f.Addr {
		t.Fatalf("tab did not skip the hidden pane: %T", f.Focus())
	}
	if !f.Typing() {
		t.Fatal("the address field is not typing")
	}
}

// The overlay takes every key while open and hides the panes' focus; its
// own key reaches it even then; closing it gives the focus back.
func TestOverlaySlot(t *testing.T) {
	hide := false
	f, a, _ := frame(&hide)
	ov := &pane{name: "overlay", text: true}
	f.Overlay = ov
	f.cfg.OverlayKey = key.NewBinding(key.WithKeys("f5"))
	f.SetFocus(a)
	ov.open = true
	f.Key(tuitest.Tab, nil, nil)
	f.Key(tuitest.Plain('x'), []Action{On(key.NewBinding(key.WithKeys("x")), func() tea.Cmd { t.Fatal("own key ran"); return nil })}, nil)
	if strings.Join(ov.got, ",") != "tab,x" || f.Focus() != a {
		t.Fatalf("overlay got %v, focus %T", ov.got, f.Focus())
	}
	if a.Focused() || !f.Typing() {
		t.Fatal("a pane shows the focus under the overlay, or the overlay's typing is not")
	}
	f.Key(tuitest.F5, nil, nil)
	f.Key(tuitest.Esc, nil, nil) // the overlay closes
	if !a.Focused() || f.OverlayOpen() || strings.Join(ov.got, ",") != "tab,x,f5,esc" {
		t.Fatalf("after close: focused %v, open %v, got %v", a.Focused(), f.OverlayOpen(), ov.got)
	}
}

// Key runs the tables in order: own keys before the shared ones, pane
// keys only in their pane and while their condition holds, then the pane.
func TestKeyPipeline(t *testing.T) {
	hide := false
	f, a, b := frame(&hide)
	var ran []string
	act := func(name string) func() tea.Cmd { return func() tea.Cmd { ran = append(ran, name); return nil } }
	x := key.NewBinding(key.WithKeys("x"))
	on := false
	own := []Action{On(key.NewBinding(key.WithKeys("alt+z")), act("own"))}
	pane := []Action{On(x, act("in a")).In(a), On(x, act("when on")).If(func() bool { return on })}
	f.SetFocus(a)
	f.Key(tuitest.Alt('z'), own, pane)
	f.Key(tuitest.Plain('x'), own, pane)
	f.SetFocus(b)
	f.Key(tuitest.Plain('x'), own, pane) // no action: to the pane
	on = true
	f.Key(tuitest.Plain('x'), own, pane)
	if strings.Join(ran, ",") != "own,in a,when on" || strings.Join(b.got, ",") != "x" {
		t.Fatalf("ran %v, b got %v", ran, b.got)
	}
	// The send key asks the tab where to; it can say why not.
	if m, ok := f.Key(tuitest.Send, own, pane)().(common.StatusMsg); !ok || m.Text != "no target" {
		t.Fatalf("send: %+v", m)
	}
}

// One layout rule for every tab.
func TestSplit(t *testing.T) {
	for _, c := range []struct {
		h, header  int
		inUse      bool
		top, sendH int
	}{
		{21, 1, true, 13, 6}, {37, 1, true, 27, 8}, {37, 2, false, 31, 3}, {10, 1, true, 5, 3},
		{6, 1, true, 2, 2}, {3, 1, true, 1, 0}, {0, 1, true, 0, 0}, {22, 2, true, 13, 6},
	} {
		top, send := Split(c.h, c.header, c.inUse)
		if top != c.top || send != c.sendH || (c.h > c.header && top+send+c.header+1 != c.h) {
			t.Errorf("Split(%d, %d, %v) = %d, %d; want %d, %d", c.h, c.header, c.inUse, top, send, c.top, c.sendH)
		}
	}
}

// View is exactly the size given, at every size.
func TestViewSize(t *testing.T) {
	hide := false
	f, _, _ := frame(&hide)
	for _, sz := range tuitest.Sizes {
		w, h := sz[0], sz[1]
		top, sendH := Split(h, 1, true)
		f.SetSize(w, w, sendH)
		v := f.View(w, h, []string{common.PadLine("header", w)}, []string{common.PadLine("top", w)}, nil, top)
		tuitest.CheckSize(t, "frame", v, w, h)
		if w >= 10 && h >= 6 && !strings.Contains(ansi.Strip(v), "header") {
			t.Fatalf("%dx%d:\n%s", w, h, ansi.Strip(v))
		}
	}
}
