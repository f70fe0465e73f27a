package picker

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve/lessons"
	"github.com/netassist/netassist/tui/common"
)

// Lessons is the reply editors' template picker (issue 14 item 4): the
// lesson templates of httpserve/lessons — built-in ones and the user's
// own from <config folder>/templates — after the tab's own short reply,
// each with its one-line lesson note, shown for the highlighted row, in
// the UI's language. It is a plain list: the send pane that owns it
// loads the templates (off the event loop) and applies the one chosen.
type Lessons struct {
	c common.Common

	open    bool
	loading bool
	list    []lessons.Template
	errs    []error // files that did not load
	sel     int
	top     int // first row shown
	chosen  *lessons.Template

	width, height int
}

// NewLessons returns a closed picker.
func NewLessons(c common.Common) *Lessons { return &Lessons{c: c} }

// Open shows the picker with basic (the tab's own short reply) first,
// waiting for SetList.
func (l *Lessons) Open(basic lessons.Template) {
	l.open, l.loading, l.chosen = true, true, nil
	l.list, l.errs = []lessons.Template{basic}, nil
	l.sel, l.top = 0, 0
}

// SetList adds the loaded templates after the first, and the files that
// did not load.
func (l *Lessons) SetList(list []lessons.Template, errs []error) {
	l.loading = false
	l.list = append(l.list[:min(len(l.list), 1):1], list...)
	l.errs = errs
}

// IsOpen reports whether the picker is shown (then it takes every key).
func (l *Lessons) IsOpen() bool { return l.open }

// Close hides it without a choice.
func (l *Lessons) Close() { l.open = false }

// Chosen returns the template enter picked, once.
func (l *Lessons) Chosen() (lessons.Template, bool) {
	if l.chosen == nil {
		return lessons.Template{}, false
	}
	t := *l.chosen
	l.chosen = nil
	return t, true
}

// Selected is the highlighted template.
func (l *Lessons) Selected() lessons.Template {
	if l.sel < len(l.list) {
		return l.list[l.sel]
	}
	return lessons.Template{}
}

// Key moves, picks (enter) or closes (esc, or the key that opened it).
func (l *Lessons) Key(msg tea.KeyPressMsg) {
	ck := &l.c.Keys.Client
	switch {
	case key.Matches(msg, ck.PickClose), key.Matches(msg, l.c.Keys.Template):
		l.open = false
	case key.Matches(msg, ck.PickUp):
		l.sel = max(l.sel-1, 0)
	case key.Matches(msg, ck.PickDown):
		l.sel = min(l.sel+1, len(l.list)-1)
	case key.Matches(msg, l.c.Keys.PageUp):
		l.sel = max(l.sel-max(l.listRows()-1, 1), 0)
	case key.Matches(msg, l.c.Keys.PageDown):
		l.sel = min(l.sel+max(l.listRows()-1, 1), len(l.list)-1)
	case key.Matches(msg, ck.PickUse):
		if l.sel < len(l.list) {
			t := l.list[l.sel]
			l.chosen = &t
		}
		l.open = false
	}
}

// ShortHelp is the picker's keys.
func (l *Lessons) ShortHelp() []key.Binding {
	ck := &l.c.Keys.Client
	return []key.Binding{ck.PickUp, ck.PickUse, ck.PickClose}
}

// SetSize sizes the box.
func (l *Lessons) SetSize(w, h int) { l.width, l.height = max(w, 0), max(h, 0) }

// details are the lines under the list for the highlighted template:
// its note, then what it does when sent, then where it comes from,
// wrapped to w.
func (l *Lessons) details(w int) []string {
	if l.sel >= len(l.list) {
		return nil
	}
	s, et, lang := l.c.Styles, &l.c.Text.Editor, l.c.Lang
	t := l.list[l.sel]
	var out []string
	for _, line := range strings.Split(ansi.Wrap(t.Note.In(lang), w, ""), "\n") {
		out = append(out, s.OK.Render(line))
	}
	var flags []string
	if t.Encode != "" {
		flags = append(flags, fmt.Sprintf(et.LessonEncode, t.Encode))
	}
	if t.Length {
		flags = append(flags, et.LessonLength)
	}
	switch {
	case t.Drip.Gap > 0 && t.Drip.Pieces > 0:
		flags = append(flags, fmt.Sprintf(et.LessonDripN, t.Drip.Pieces, t.Drip.Gap))
	case t.Drip.Gap > 0:
		flags = append(flags, fmt.Sprintf(et.LessonDrip, t.Drip.Gap))
	}
	if t.Close {
		flags = append(flags, et.LessonClose)
	}
	if t.IsBroken() {
		flags = append(flags, s.Warning.Render(fmt.Sprintf(et.LessonsBroken, strings.Join(t.Broken, ", "))))
	}
	if len(flags) > 0 {
		out = append(out, s.Dim.Render(ansi.Truncate(strings.Join(flags, " · "), w, "…")))
	}
	if t.Source != "" && t.Source != "builtin" {
		out = append(out, s.Dim.Render(ansi.Truncate(fmt.Sprintf(et.LessonFrom, common.Safe(t.Source)), w, "…")))
	}
	return out
}

// listRows is how many rows the list gets: the box's inside less the
// details, a rule and the line of files not loaded, at least one. (The
// keys are in the key hints, where the picker puts its own.)
func (l *Lessons) listRows() int {
	inner := max(l.height-2, 0)
	n := inner - len(l.details(max(l.width-2, 1))) - 1
	if len(l.errs) > 0 {
		n--
	}
	return max(n, 1)
}

// View draws the box: the list (the highlighted row reversed and marked,
// scrolled to it), a rule, the highlighted template's note, flags and
// source, and the files that did not load.
func (l *Lessons) View() string {
	s, et, lang := l.c.Styles, &l.c.Text.Editor, l.c.Lang
	w := max(l.width-2, 1)
	rows := l.listRows()
	l.top = min(max(l.top, l.sel-rows+1), l.sel)
	var body []string
	for i := l.top; i < len(l.list) && i < l.top+rows; i++ {
		t := l.list[i]
		cur, mark := " ", "  "
		if i == l.sel {
			cur = "▸" // the cursor, not colour alone
		}
		if t.IsBroken() {
			mark = "✗ "
		}
		line := common.PadLine(cur+mark+ansi.Truncate(t.Name.In(lang), max(w-3, 1), "…"), w)
		if i == l.sel {
			line = s.Selected.Render(line)
		}
		body = append(body, line)
	}
	if l.loading {
		body = append(body, s.Dim.Render("   "+et.LessonsLoading))
	}
	body = common.FitLines(body, rows, w)
	body = append(body, s.Dim.Render(strings.Repeat("─", w)))
	body = append(body, l.details(w)...)
	if len(l.errs) > 0 {
		bad := fmt.Sprintf(et.LessonsBadFile, len(l.errs), common.Safe(l.errs[0].Error()))
		body = append(body, s.Warning.Render(ansi.Truncate(bad, w, "…")))
	}
	return common.BoxView(s, et.LessonsTitle, body, l.width, l.height, true)
}
