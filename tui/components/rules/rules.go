// Package rules is the Server tab's auto-reply rules view (f5): the rules
// in force in an autoreply.Active, each rule's hit counter, and a form
// (package ruleform) to add or change one. While open it takes the place
// of the connection list and the receive pane, and every key but the
// app's global ones.
//
// Every change is compiled and swapped into the Active (the server's
// reader goroutines see it on their next read), then saved in a Cmd. The
// form never applies a rule that does not compile; a saved one that does
// not (a file edited by hand or by a newer version) is shown, marked and
// left out of force until fixed, while the others work.
package rules

import (
	"fmt"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/ruleform"
)

// Model is a pane: a Component that can hold the focus.
var (
	_ common.Component = (*Model)(nil)
	_ common.Focusable = (*Model)(nil)
)

// Model is the rules view.
type Model struct {
	c      common.Common
	active *autoreply.Active // nil: the program gave no rules
	saver  *saver

	open    bool
	rows    []row
	sel     int
	top     int   // first row shown
	err     error // the first rule that does not compile, which is not in force
	loadErr error // the file could not be read: auto-save stays off so it is kept
	form    *ruleform.Model
	editing int // the row the form changes, or -1 when it adds one
	saveGen int // generation of the newest save asked for

	width, height int
}

// row is a rule and its hit counter. Rules.Hits counts from the last
// Compile, so a row carries what it counted before (base) and where it is
// in the Rules in force (idx), which skips the rules that do not compile.
type row struct {
	rule autoreply.Rule
	idx  int    // index in active.Rules(), or -1 if not in force yet
	base uint64 // hits counted by earlier compiles
	bad  bool   // the rule does not compile on its own
}

// saver writes the rules file for the save Cmds, which run concurrently: a
// save older than one already written is skipped, so the file always ends
// up holding the newest list.
type saver struct {
	mu      sync.Mutex // serialises writes; guards written
	written int        // generation of the newest list written
}

func (s *saver) save(gen int, dir string, list []autoreply.Rule) (stale bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if gen <= s.written {
		return true, nil
	}
	s.written = gen
	return false, autoreply.Save(dir, list)
}

// New reads the rules saved in c.ConfigDir (none when it is "") and puts
// them in force in active, before the program starts and so before the
// server listens. The file is small; a read error is shown in the view,
// not fatal. A nil active means no rules in this run: f5 says so.
func New(c common.Common, active *autoreply.Active) *Model {
	v := &Model{c: c, active: active, saver: &saver{}, editing: -1}
	if active == nil {
		return v
	}
	if c.ConfigDir != "" {
		list, err := autoreply.Load(c.ConfigDir)
		if err != nil {
			v.loadErr = err
		}
		for _, r := range list {
			v.rows = append(v.rows, row{rule: r, idx: -1})
		}
	}
	v.apply()
	return v
}

// Init does nothing: the rules are in force from New.
func (v *Model) Init() tea.Cmd { return nil }

// IsOpen reports whether the view is shown (then it takes every key).
func (v *Model) IsOpen() bool { return v.open }

// TakesText reports whether keys go to a text field: the form is open.
func (v *Model) TakesText() bool { return v.open && v.form != nil }

// Focus, Blur and Focused: the view is modal, focused while open.
func (v *Model) Focus() tea.Cmd { return nil }
func (v *Model) Blur()          {}
func (v *Model) Focused() bool  { return v.open }

// SetSize sizes the box.
func (v *Model) SetSize(w, h int) { v.width, v.height = max(w, 0), max(h, 0) }

// list is the rules as the rows hold them.
func (v *Model) list() []autoreply.Rule {
	out := make([]autoreply.Rule, len(v.rows))
	for i, r := range v.rows {
		out[i] = r.rule
	}
	return out
}

// apply compiles the rows and puts in force those that compile; a rule
// that does not (a bad saved rule) stays in the list, marked, and v.err
// says why, until the user fixes or deletes it.
func (v *Model) apply() {
	v.err = nil
	var good []autoreply.Rule
	for i := range v.rows {
		_, err := autoreply.Compile([]autoreply.Rule{v.rows[i].rule})
		v.rows[i].bad = err != nil
		if err != nil {
			if v.err == nil {
				v.err = fmt.Errorf("rule %d: %w", i+1, ruleform.Cause(err))
			}
			continue
		}
		good = append(good, v.rows[i].rule)
	}
	rs, err := autoreply.Compile(good)
	if err != nil { // each compiled alone, so this does not happen
		v.err = err
		return
	}
	// Hits counted between this read and Set are lost: a few at most.
	hits := v.active.Rules().Hits()
	j := 0
	for i := range v.rows {
		r := &v.rows[i]
		if r.idx >= 0 && r.idx < len(hits) {
			r.base += hits[r.idx]
		}
		r.idx = -1
		if !r.bad {
			r.idx = j
			j++
		}
	}
	v.active.Set(rs)
}

// hits is row i's hit count; cur is the Rules in force's Hits.
func (v *Model) hits(i int, cur []uint64) uint64 {
	r := v.rows[i]
	n := r.base
	if r.idx >= 0 && r.idx < len(cur) {
		n += cur[r.idx]
	}
	return n
}

// changed applies the rows after an edit and saves them; what says what
// changed, for the status line.
func (v *Model) changed(what string) tea.Cmd {
	v.apply()
	if v.err != nil {
		what += " · " + fmt.Sprintf(v.c.Text.Rules.NotApplied, v.err)
	}
	if v.loadErr != nil {
		return common.Status(what+" · "+v.c.Text.Rules.NotSaving, true)
	}
	return v.saveCmd(what, v.err != nil)
}

// saveCmd writes the rows to the rules file; the Cmd reports to the status
// line. Without a config folder nothing is written: the status says what
// changed, no more.
func (v *Model) saveCmd(what string, isErr bool) tea.Cmd {
	if v.c.ConfigDir == "" {
		return common.Status(what, isErr)
	}
	v.saveGen++
	gen, dir, list, saver, rt, c := v.saveGen, v.c.ConfigDir, v.list(), v.saver, &v.c.Text.Rules, v.c
	return func() tea.Msg {
		stale, err := saver.save(gen, dir, list)
		switch {
		case stale:
			return nil // a newer save reports
		case err != nil:
			return common.StatusMsg{Text: fmt.Sprintf(rt.SaveFailed, what, common.ErrText(c, err)), Err: true}
		}
		path, _ := autoreply.Path(dir)
		return common.StatusMsg{Text: fmt.Sprintf(rt.Saved, what, path), Err: isErr}
	}
}

// Update handles a key while the view is open and the open key (f5) while
// not, and gives pastes to the form.
func (v *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return v.key(msg)
	case tea.PasteMsg:
		if v.open && v.form != nil {
			return v.form.Update(msg)
		}
	}
	return nil
}

func (v *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k, rt := &v.c.Keys.Rules, &v.c.Text.Rules
	if key.Matches(msg, k.Open) {
		if v.active == nil {
			return common.Status(rt.Unavailable, true)
		}
		v.open = !v.open
		return nil
	}
	if !v.open {
		return nil
	}
	if v.form != nil {
		return v.formKey(msg)
	}
	n := len(v.rows)
	switch {
	case key.Matches(msg, k.Close):
		v.open = false
	case key.Matches(msg, k.Up):
		v.sel = max(v.sel-1, 0)
	case key.Matches(msg, k.Down):
		v.sel = min(v.sel+1, max(n-1, 0))
	case key.Matches(msg, k.Add):
		v.editing = -1
		v.form = ruleform.New(v.c, autoreply.Rule{Match: autoreply.Contains})
		return v.form.SetField(ruleform.FieldPattern)
	case n == 0:
		return nil // the keys below act on the selected rule
	case key.Matches(msg, k.Edit):
		v.editing = v.sel
		v.form = ruleform.New(v.c, v.rows[v.sel].rule)
		return v.form.SetField(ruleform.FieldPattern)
	case key.Matches(msg, k.Delete):
		i := v.sel
		v.rows = append(v.rows[:i], v.rows[i+1:]...)
		v.sel = min(v.sel, max(len(v.rows)-1, 0))
		return v.changed(fmt.Sprintf(rt.Deleted, i+1))
	case key.Matches(msg, k.Toggle):
		r := &v.rows[v.sel].rule
		r.Disabled = !r.Disabled
		f := rt.Enabled
		if r.Disabled {
			f = rt.Disabled
		}
		return v.changed(fmt.Sprintf(f, v.sel+1))
	case key.Matches(msg, k.MoveUp, k.MoveDown):
		to := v.sel - 1
		if key.Matches(msg, k.MoveDown) {
			to = v.sel + 1
		}
		if to < 0 || to >= n {
			return nil
		}
		from := v.sel
		v.rows[from], v.rows[to] = v.rows[to], v.rows[from]
		v.sel = to
		return v.changed(fmt.Sprintf(rt.Moved, from+1, to+1))
	}
	if key.Matches(msg, k.Save) {
		v.loadErr = nil // asked for: write over an unreadable file
		return v.saveCmd(fmt.Sprintf(rt.SavedAll, n), false)
	}
	return nil
}

// formKey handles a key while the form is open.
func (v *Model) formKey(msg tea.KeyPressMsg) tea.Cmd {
	k, rt := &v.c.Keys.Rules, &v.c.Text.Rules
	f := v.form
	switch {
	case key.Matches(msg, k.Cancel):
		v.form = nil
		return nil
	case key.Matches(msg, k.Apply):
		if f.Err() != nil {
			return nil // the form shows why
		}
		r := row{rule: f.Rule(), idx: -1} // a changed rule counts afresh
		what := ""
		if v.editing >= 0 && v.editing < len(v.rows) {
			v.rows[v.editing] = r
			v.sel = v.editing
			what = fmt.Sprintf(rt.Changed, v.sel+1)
		} else {
			v.rows = append(v.rows, r)
			v.sel = len(v.rows) - 1
			what = fmt.Sprintf(rt.Added, v.sel+1)
		}
		v.form = nil
		return v.changed(what)
	}
	return f.Update(msg)
}

// View draws the view in exactly its size: a box with the list, or the
// form while adding or changing a rule.
func (v *Model) View() string {
	w, h := v.width, v.height
	rt := &v.c.Text.Rules
	inner := max(w-2, 0)
	if v.form != nil {
		title := rt.AddTitle
		if v.editing >= 0 {
			title = fmt.Sprintf(rt.EditTitle, v.editing+1)
		}
		v.form.SetSize(inner, max(h-2, 0))
		return common.BoxView(v.c.Styles, title, common.Lines(v.form.View()), w, h, true)
	}
	return common.BoxView(v.c.Styles, fmt.Sprintf(rt.Title, len(v.rows)), v.listLines(inner, max(h-2, 0)), w, h, true)
}

// listLines is the body of the list: errors first, then as many rules as
// fit, scrolled to keep the selection in sight.
func (v *Model) listLines(w, h int) []string {
	s, rt := v.c.Styles, &v.c.Text.Rules
	var lines []string
	if v.loadErr != nil {
		lines = append(lines, s.Error.Render(ansi.Truncate(common.Safe(fmt.Sprintf(rt.LoadFailed, common.ErrText(v.c, v.loadErr))), w, "…")))
	}
	if v.err != nil {
		lines = append(lines, s.Error.Render(ansi.Truncate(ruleform.Typed(fmt.Sprintf(rt.NotApplied, v.err)), w, "…")))
	}
	if len(v.rows) == 0 {
		return append(lines, s.Dim.Render(ansi.Truncate(rt.Empty, w, "…")))
	}
	room := max(h-len(lines), 1)
	if v.sel < v.top {
		v.top = v.sel
	}
	if v.sel >= v.top+room {
		v.top = v.sel - room + 1
	}
	v.top = min(v.top, max(len(v.rows)-room, 0))
	cur := v.active.Rules().Hits()
	for i := v.top; i < len(v.rows) && i < v.top+room; i++ {
		lines = append(lines, v.rowLine(i, w, cur))
	}
	return lines
}

// rowLine is one rule: number, on/off, kind, pattern → reply, and hits
// at the right edge.
func (v *Model) rowLine(i, w int, cur []uint64) string {
	s, rt := v.c.Styles, &v.c.Text.Rules
	r := v.rows[i]
	mark := "  "
	if r.bad {
		mark = rt.Invalid + " "
	}
	state := s.OK.Render(rt.On)
	if r.rule.Disabled {
		state = s.Dim.Render(rt.Off)
	}
	kind := map[autoreply.Match]string{autoreply.Prefix: rt.Prefix, autoreply.Regex: rt.Regex}[r.rule.Match]
	if kind == "" {
		kind = rt.Contains
	}
	hits := fmt.Sprintf(rt.Hits, v.hits(i, cur))
	room := max(w-ansi.StringWidth(hits)-1, 0)
	half := max((room-30)/2, 8)
	body := fmt.Sprintf("%s%2d %s %-13s %s → %s", mark, i+1, state, kind,
		quoteField(r.rule.Pattern, r.rule.PatternHex, rt.HexTag, half),
		quoteField(r.rule.Reply, r.rule.ReplyHex, rt.HexTag, half))
	if r.rule.CloseAfter {
		body += " " + s.Dim.Render(rt.CloseTag)
	}
	line := common.PadLine(body, room) + " " + s.Dim.Render(hits)
	if i == v.sel {
		return s.Selected.Render(ansi.Strip(line))
	}
	return line
}

// quoteField shows a pattern or reply as typed in at most w cells.
func quoteField(val string, hex bool, hexTag string, w int) string {
	out := `"` + ruleform.Typed(val) + `"`
	if hex {
		out = hexTag + ruleform.Typed(val)
	}
	return ansi.Truncate(out, w, "…")
}

// ShortHelp is the keys that matter now.
func (v *Model) ShortHelp() []key.Binding {
	if v.form != nil {
		return v.form.ShortHelp()
	}
	k := &v.c.Keys.Rules
	return []key.Binding{k.Add, k.Edit, k.Toggle, k.Delete, k.MoveUp, k.MoveDown, k.Close}
}

// FullHelp is every key of the view, as one group.
func (v *Model) FullHelp() [][]key.Binding {
	k := &v.c.Keys.Rules
	return [][]key.Binding{{k.Open, k.Up, k.Add, k.Edit, k.Delete, k.Toggle, k.MoveUp, k.MoveDown, k.Save, k.Close,
		k.Apply, k.Cancel, k.NextField, k.PrevField, k.Cycle}}
}
