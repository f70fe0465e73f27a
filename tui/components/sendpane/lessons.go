package sendpane

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/httpserve/lessons"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/compose"
	na "github.com/netassist/netassist/netassist/i18n"
	"github.com/netassist/netassist/tui/common"
)

// Lesson templates (issue 14 item 4): alt+t in a reply editor opens the
// picker (package picker's Lessons) over the tab's top area; the
// templates are read in a Cmd each time it opens, so a file the teacher
// just added to <config folder>/templates is there. A template picked
// fills the editor with its message, sets CRLF and escapes as it says,
// and stays attached to the pane — its note in the status line, its name
// in the title — for what happens when sending: the body compressed
// (encode), Content-Length set (length), the reply sent in pieces with a
// pause between them (drip, in the tabs that keep a connection), the
// connection closed after (close). Clearing the editor or picking another
// template detaches it.

// lessonsLoadedMsg carries the templates read for the picker's opening gen.
type lessonsLoadedMsg struct {
	tab  netassist.Tab
	gen  int
	list []lessons.Template
	errs []error
}

func (m lessonsLoadedMsg) Route() netassist.Tab { return m.tab }
func (lessonsLoadedMsg) sendpaneMsg()           {}

// OpenLessons opens the lesson template picker with basic (the tab's own
// short reply, in the editor's syntax) first, and reads the templates.
func (p *Model) OpenLessons(basic string) tea.Cmd {
	et := &p.c.Text.Editor
	p.lessonGen++
	p.lessons.Open(lessons.Template{
		ID: "basic", Source: "builtin", Message: basic, CRLF: true, Escapes: true,
		Name: textOf(et.BasicName), Note: textOf(et.BasicNote),
	})
	tab, gen, dir := p.tab, p.lessonGen, p.c.ConfigDir
	return func() tea.Msg {
		if dir == "" { // no config folder (tests, or none to be had): the built-in ones
			return lessonsLoadedMsg{tab: tab, gen: gen, list: lessons.Builtin()}
		}
		list, errs := lessons.Load(dir)
		return lessonsLoadedMsg{tab: tab, gen: gen, list: list, errs: errs}
	}
}

// LessonsOpen reports whether the picker is shown.
func (p *Model) LessonsOpen() bool { return p.lessons.IsOpen() }

// LessonsView draws the picker in w×h (the tab's top area).
func (p *Model) LessonsView(w, h int) string {
	p.lessons.SetSize(w, h)
	return p.lessons.View()
}

// lessonKey gives a key to the open picker and applies what it picked.
func (p *Model) lessonKey(msg tea.KeyPressMsg) tea.Cmd {
	p.lessons.Key(msg)
	t, ok := p.lessons.Chosen()
	if !ok {
		return nil
	}
	return p.applyLesson(t)
}

// applyLesson puts t in the editor and attaches it to the pane.
func (p *Model) applyLesson(t lessons.Template) tea.Cmd {
	et := &p.c.Text.Editor
	p.hexMode = false
	p.opts.CRLF, p.opts.Escapes = t.CRLF, t.Escapes
	p.opts.FixContentLength = false // the template says (length: auto)
	text := editorText(t.Message, &p.opts)
	if t.Length {
		text = lengthShown(t, text, p.opts)
	}
	p.lesson = nil
	if t.ID != "basic" {
		p.lesson = &t
		p.closeAfter = t.Close
	}
	p.stopDrip()
	p.hist.pos = -1
	p.editor.SetValue(text)
	p.editor.MoveToBegin()
	p.edLines = nil
	note := fmt.Sprintf(et.LessonPicked, t.Name.In(p.c.Lang), t.Note.In(p.c.Lang))
	return tea.Batch(common.Status(note, false), p.CheckCmd())
}

// editorText writes a template's message (text as typed in a send box:
// escapes, line breaks) so the editor can hold it and it makes the same
// bytes: a CR LF of a file saved with CRLF line ends is one line break
// (sent as CRLF) or, with CRLF off, an escaped \r before it; a TAB or a
// control character is an escape. Where that is not possible (escapes
// off), the bytes are written anew with escapes on (o is changed).
func editorText(msg string, o *compose.Options) string {
	want, err := compose.Text(msg, *o)
	var b strings.Builder
	ok := err == nil
	for i := 0; i < len(msg) && ok; {
		r, n := utf8.DecodeRuneInString(msg[i:])
		switch {
		case r == '\r' && strings.HasPrefix(msg[i+1:], "\n") && o.CRLF:
			// The LF after it is sent as CRLF: the pair stays one break.
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t', r == '\r', unicode.IsControl(r), r == utf8.RuneError:
			if !o.Escapes {
				ok = false
				break
			}
			q, _ := compose.Quote([]byte(msg[i:i+n]), compose.Options{Escapes: true, CRLF: o.CRLF, Encoding: o.Encoding})
			b.WriteString(q)
		default:
			b.WriteString(msg[i : i+n])
		}
		i += n
	}
	if ok {
		if got, err := compose.Text(b.String(), *o); err == nil && string(got) == string(want) {
			return b.String()
		}
	}
	if err != nil {
		return msg // an error in the template: shown by the preview as typed
	}
	o.Escapes = true
	q, _ := compose.Quote(want, *o)
	return q
}

// contentLength finds a Content-Length field and its value.
var contentLength = regexp.MustCompile(`(?im)^(content-length:[ \t]*)(\d+)`)

// lengthShown writes into text, a template's message as the editor holds
// it, the Content-Length the wire will carry (length: auto; after its
// encode): the file says "Content-Length: 0", and a projector showed 0
// while the real length went out (breaker report 1, nit 14). The last
// such field in text is the last message's; the text is unchanged when
// the template cannot be built (the preview shows why).
func lengthShown(t lessons.Template, text string, o compose.Options) string {
	b, err := compose.Text(text, o)
	if err != nil {
		return text
	}
	if b, err = t.Finish(b); err != nil {
		return text
	}
	wire := contentLength.FindAllSubmatch(b, -1)
	at := contentLength.FindAllStringSubmatchIndex(text, -1)
	if len(wire) == 0 || len(at) == 0 {
		return text
	}
	n, last := wire[len(wire)-1][2], at[len(at)-1]
	return text[:last[4]] + string(n) + text[last[5]:]
}

// lessonTitle is the attached template's badge for the title.
func (p *Model) lessonTitle() string {
	if p.lesson == nil || p.hexMode {
		return ""
	}
	return fmt.Sprintf(p.c.Text.Editor.LessonBadge, p.lesson.ID)
}

// textOf is a UI string (already in the UI's language) as the lessons'
// two-language text.
func textOf(s string) na.Text { return na.Text{En: s, Zh: s} }
