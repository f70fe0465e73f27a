package sendpane

import (
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/internal/tuitest"
	"github.com/netassist/netassist/tui/keymap"
)

// statusOf runs cmd (a batch too) and returns the status it sets, if any.
func statusOf(cmd tea.Cmd) (common.StatusMsg, bool) {
	if cmd == nil {
		return common.StatusMsg{}, false
	}
	switch m := cmd().(type) {
	case common.StatusMsg:
		return m, true
	case tea.BatchMsg:
		for _, c := range m {
			if st, ok := statusOf(c); ok {
				return st, true
			}
		}
	}
	return common.StatusMsg{}, false
}

// A paste reaches the wire as pasted (issue 12 item 2): what the editor
// holds, what the preview counts and what a send delivers.
func TestPasteKeepsBytes(t *testing.T) {
	const crlfFile = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
	tests := []struct {
		name   string
		before string            // typed first (escapes on)
		keys   []tea.KeyPressMsg // option keys before the paste
		paste  string
		editor string // the editor's text after
		sent   string
		status string // part of the status the paste sets ("": none)
	}{
		{name: "crlf-file", paste: crlfFile,
			editor: "HTTP/1.1 200 OK\nContent-Length: 2\n\nhi", sent: crlfFile},
		{name: "cr-line-breaks", paste: "HTTP/1.1 200 OK\rContent-Length: 2\r\rhi",
			editor: "HTTP/1.1 200 OK\nContent-Length: 2\n\nhi", sent: crlfFile},
		{name: "lf-file", paste: "a\nb", editor: "a\nb", sent: "a\r\nb"},
		{name: "crlf-off", keys: []tea.KeyPressMsg{tuitest.Alt('r')}, paste: crlfFile,
			editor: "HTTP/1.1 200 OK\nContent-Length: 2\n\nhi", sent: "HTTP/1.1 200 OK\nContent-Length: 2\n\nhi"},
		{name: "tab", paste: "a\tb", editor: `a\tb`, sent: "a\tb"},
		{name: "esc-nul", paste: "\x1b[2Jx\x00", editor: `\x1B[2Jx\x00`, sent: "\x1b[2Jx\x00"},
		{name: "invalid-utf8", paste: "\xff\xfe ok", editor: `\xFF\xFE ok`, sent: "\xff\xfe ok"},
		{name: "backslash", paste: `C:\temp\new`, editor: `C:\\temp\\new`, sent: `C:\temp\new`},
		{name: "macro-text", paste: "{{seq}}", editor: "{{{{}}seq}}", sent: "{{seq}}"},
		{name: "into-text", before: "<>", keys: []tea.KeyPressMsg{{Code: tea.KeyLeft}}, paste: "\t",
			editor: `<\t>`, sent: "<\t>"},
		// Escapes off: a paste that needs them turns them on, and the
		// backslash typed before keeps its meaning.
		{name: "escapes-off", before: `a\b`, keys: []tea.KeyPressMsg{tuitest.Alt('e'), {Code: tea.KeyLeft}},
			paste: "\t", editor: `a\\\tb`, sent: "a\\\tb", status: `escapes turned on: the paste holds \t`},
		{name: "escapes-off-plain", before: `a\b`, keys: []tea.KeyPressMsg{tuitest.Alt('e')},
			paste: "x\ny", editor: "a\\bx\ny", sent: "a\\bx\r\ny"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			p := newPane(t, tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)), rec)
			p.Focus()
			for _, r := range tt.before {
				p.Update(tuitest.Plain(r))
			}
			for _, k := range tt.keys {
				if !p.OptionKey(k, false) {
					p.Update(k)
				}
			}
			st, _ := statusOf(p.Update(tea.PasteMsg{Content: tt.paste}))
			if got := p.Value(); got != tt.editor {
				t.Errorf("editor %q, want %q", got, tt.editor)
			}
			if !strings.Contains(st.Text, tt.status) || (tt.status == "") != (st.Text == "") {
				t.Errorf("status %q, want %q", st.Text, tt.status)
			}
			b, err := p.Bytes()
			if err != nil || string(b) != tt.sent {
				t.Fatalf("bytes %q, %v; want %q", b, err, tt.sent)
			}
			// The preview counts them and shows the controls escaped.
			pv := ansi.Strip(p.Preview(200))
			if !strings.HasPrefix(pv, strconv.Itoa(len(tt.sent))+" bytes: ") {
				t.Errorf("preview %q, want %d bytes", pv, len(tt.sent))
			}
			msg := p.SendCmd(func(data []byte, _ bool) common.StatusMsg {
				rec.target().Send(t.Context(), data)
				return common.StatusMsg{Text: "ok"}
			})()
			p.Update(msg)
			if got := rec.sends(); len(got) != 1 || got[0] != tt.sent {
				t.Errorf("sent %q, want %q", got, tt.sent)
			}
		})
	}
}

// The preview shows a pasted TAB as \t and ESC as \x1B, never raw.
func TestPastePreviewEscaped(t *testing.T) {
	p := newPane(t, tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)), &recorder{})
	p.Focus()
	p.Update(tea.PasteMsg{Content: "a\tb\x1bc"})
	pv := p.Preview(80)
	if s := ansi.Strip(pv); !strings.Contains(s, `5 bytes: a\tb\x1Bc`) {
		t.Fatalf("preview %q", s)
	}
	if strings.ContainsAny(ansi.Strip(pv), "\t\x1b") {
		t.Fatalf("a control reached the preview raw: %q", pv)
	}
}

// A paste the editor cannot hold whole is refused, not cut; in hex mode
// TABs and line breaks are spaces between pairs.
func TestPasteLimitsAndHex(t *testing.T) {
	p := newPane(t, tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)), &recorder{})
	p.Focus()
	st, ok := statusOf(p.Update(tea.PasteMsg{Content: strings.Repeat("x\n", maxEditorLines)}))
	if !ok || !st.Err || p.Value() != "" {
		t.Fatalf("a 10001-line paste: status %+v, editor %d bytes", st, len(p.Value()))
	}
	// A paste that would make the editor's text bigger than it can
	// redraw at each key (1 MB took 2 s a key) is refused too, pointing
	// at the file send; one that fits goes in.
	p.SetValue(strings.Repeat("y", maxEditorBytes-10))
	st, ok = statusOf(p.Update(tea.PasteMsg{Content: strings.Repeat("z", 11)}))
	if !ok || !st.Err || !strings.Contains(st.Text, "80.0 KiB") || !strings.Contains(st.Text, "ctrl+o") || strings.Contains(p.Value(), "z") {
		t.Fatalf("a paste past %d bytes: status %+v", maxEditorBytes, st)
	}
	p.Update(tea.PasteMsg{Content: strings.Repeat("z", 10)})
	if len(p.Value()) != maxEditorBytes {
		t.Fatalf("a paste that fits: editor %d bytes", len(p.Value()))
	}
	p.SetValue("")
	p.OptionKey(tuitest.Alt('h'), false) // hex
	p.Update(tea.PasteMsg{Content: "48\t54\r\n54 50"})
	if b, err := p.Bytes(); err != nil || string(b) != "HTTP" {
		t.Fatalf("hex paste: %q, %v", b, err)
	}
	p.SetValue("")
	p.Update(tea.PasteMsg{Content: "48 \x1b 54"})
	if _, err := p.Bytes(); err == nil || !strings.Contains(err.Error(), "col 4") {
		t.Fatalf("an ESC in a hex paste: %v", err)
	}
}

// The file path field takes a one-line paste (a final line break left
// out) and refuses one it would have to change, saying why.
func TestPastePathField(t *testing.T) {
	p := newPane(t, tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)), &recorder{})
	p.Focus()
	p.Key(tuitest.Ctrl('o'))
	if !p.Prompting() {
		t.Fatal("no path field")
	}
	p.Update(tea.PasteMsg{Content: "/tmp/a b.bin\n"})
	if got := p.prompt.input.Value(); got != "/tmp/a b.bin" {
		t.Fatalf("field %q", got)
	}
	p.Update(tea.PasteMsg{Content: "x\ty"})
	if got := p.prompt.input.Value(); got != "/tmp/a b.bin" || !strings.Contains(p.prompt.err, `\t`) {
		t.Fatalf("field %q, error %q", got, p.prompt.err)
	}
	if line := ansi.Strip(p.Preview(200)); !strings.Contains(line, `cannot hold \t (character 2)`) {
		t.Fatalf("line %q", line)
	}
}

// Send in the receive encoding (issue 15 item 7): alt+u cycles it, typed
// characters are encoded, escapes and hex stay bytes, the title and the
// preview say which, and a character it cannot encode stops the send
// with its name and place.
func TestSendEncoding(t *testing.T) {
	rec := &recorder{}
	p := newPane(t, tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)), rec)
	p.Focus()
	p.SetTitle("Send")
	if !p.OptionKey(tuitest.Alt('u'), false) {
		t.Fatal("alt+u is not an option key")
	}
	if st, _ := statusOf(p.OptionCmd()); !strings.Contains(st.Text, "send encoding: GBK") {
		t.Fatalf("status %q", st.Text)
	}
	p.SetValue(`你好\xC4\xE3`)
	if b, err := p.Bytes(); err != nil || string(b) != "\xc4\xe3\xba\xc3\xc4\xe3" {
		t.Fatalf("GBK: %q, %v", b, err)
	}
	if v := ansi.Strip(p.View()); !strings.Contains(v, "escapes · GBK") {
		t.Fatalf("title: %s", v)
	}
	if pv := ansi.Strip(p.Preview(80)); !strings.HasPrefix(pv, "6 bytes in GBK: 你好你") {
		t.Fatalf("preview %q", pv)
	}
	p.OptionKey(tuitest.Alt('u'), false) // GB18030
	p.OptionKey(tuitest.Alt('u'), false) // Latin-1
	p.SetValue("café\nprice: 12€ 😀")
	if b, err := p.Bytes(); err == nil {
		t.Fatalf("Latin-1 encoded € as %q", b)
	}
	want := `not sent: '€' at line 2, col 10, '😀' at line 2, col 12 cannot be encoded in Latin-1`
	if pv := ansi.Strip(p.Preview(120)); !strings.HasPrefix(pv, want) {
		t.Fatalf("preview %q\nwant %q", pv, want)
	}
	st, _ := statusOf(p.SendCmd(func([]byte, bool) common.StatusMsg { t.Fatal("sent"); return common.StatusMsg{} }))
	if !st.Err || !strings.HasPrefix(st.Text, want) {
		t.Fatalf("send: %+v", st)
	}
	// Hex is bytes, whatever the encoding.
	p.OptionKey(tuitest.Alt('h'), false)
	p.SetValue("e9 80")
	if b, err := p.Bytes(); err != nil || string(b) != "\xe9\x80" {
		t.Fatalf("hex: %q, %v", b, err)
	}
	p.OptionKey(tuitest.Alt('h'), false)
	p.OptionKey(tuitest.Alt('u'), false)
	if p.Encoding().String() != "UTF-8" {
		t.Fatalf("the cycle ends at %v", p.Encoding())
	}
}

// The unencodable-character error is in the UI's language.
func TestSendEncodingChinese(t *testing.T) {
	c := common.Default()
	txt := i18n.For(i18n.LangChinese)
	keys := keymap.Default(txt)
	c.Text, c.Keys, c.Lang = &txt, &keys, i18n.LangChinese
	p := New(c, netassist.TabServer, Options{})
	p.SetSize(80, 6)
	p.SetEncoding(render.Latin1)
	p.SetValue("12€")
	if pv := ansi.Strip(p.Preview(80)); !strings.HasPrefix(pv, "未发送：第 3 列的 '€' 无法用 Latin-1 编码") {
		t.Fatalf("preview %q", pv)
	}
}
