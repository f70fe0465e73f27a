package tui

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/keymap"
	"github.com/netassist/netassist/tui/styles"
)

// rulesView is the Server tab's auto-reply rules (issue 7 item 6): the
// list in force in an autoreply.Active, each rule's hit counter, and a form
// to add or change one. While open it takes the place of the connection
// list and the receive pane, and every key but the app's global ones.
//
// Every change is compiled and swapped into the Active (the server's
// reader goroutines see it on their next read), then saved in a Cmd. The
// form never applies a rule that does not compile; a saved one that does
// not (a file edited by hand or by a newer version) is shown, marked and
// left out of force until fixed, while the others work.
type rulesView struct {
	active *autoreply.Active // nil: the program gave no rules (Config.Rules)
	dir    string            // Config.ConfigDir
	saver  *rulesSaver
	styles *styles.Styles
	text   *i18n.Text
	keys   *keymap.KeyMap
	isDark bool

	open    bool
	rows    []ruleRow
	sel     int
	top     int   // first row shown
	err     error // the first rule that does not compile, which is not in force
	loadErr error // the file could not be read: auto-save stays off so it is kept
	form    *ruleForm
	editing int // the row the form changes, or -1 when it adds one
	saveGen int // generation of the newest save asked for

	width, height int
}

// ruleRow is a rule and its hit counter. Rules.Hits counts from the last
// Compile, so a row carries what it counted before (base) and where it is
// in the Rules in force (idx), which skips the rules that do not compile.
type ruleRow struct {
	rule autoreply.Rule
	idx  int    // index in active.Rules(), or -1 if not in force yet
	base uint64 // hits counted by earlier compiles
	bad  bool   // the rule does not compile on its own
}

// rulesSaver writes the rules file for the save Cmds, which run
// concurrently: a save older than one already written is skipped, so the
// file always ends up holding the newest list.
type rulesSaver struct {
	mu      sync.Mutex // serialises writes; guards written
	written int        // generation of the newest list written
}

func (s *rulesSaver) save(gen int, dir string, list []autoreply.Rule) (stale bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if gen <= s.written {
		return true, nil
	}
	s.written = gen
	return false, autoreply.Save(dir, list)
}

// newRulesView reads the saved rules and puts them in force, before the
// program starts and so before the server listens. The file is small; a
// read error is shown in the view, not fatal.
func newRulesView(cfg Config, styles *styles.Styles, text *i18n.Text, keys *keymap.KeyMap) rulesView {
	v := rulesView{
		active: cfg.Rules, dir: cfg.ConfigDir, saver: &rulesSaver{},
		styles: styles, text: text, keys: keys, isDark: cfg.IsDark, editing: -1,
	}
	if v.active == nil {
		return v
	}
	list, err := autoreply.Load(v.dir)
	if err != nil {
		v.loadErr = err
	}
	for _, r := range list {
		v.rows = append(v.rows, ruleRow{rule: r, idx: -1})
	}
	v.apply()
	return v
}

// list is the rules as the rows hold them.
func (v *rulesView) list() []autoreply.Rule {
	out := make([]autoreply.Rule, len(v.rows))
	for i, r := range v.rows {
		out[i] = r.rule
	}
	return out
}

// apply compiles the rows and puts in force those that compile; a rule
// that does not (a bad saved rule) stays in the list, marked, and v.err
// says why, until the user fixes or deletes it.
func (v *rulesView) apply() {
	v.err = nil
	var good []autoreply.Rule
	for i := range v.rows {
		_, err := autoreply.Compile([]autoreply.Rule{v.rows[i].rule})
		v.rows[i].bad = err != nil
		if err != nil {
			if v.err == nil {
				v.err = fmt.Errorf("rule %d: %w", i+1, ruleCause(err))
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
func (v *rulesView) hits(i int, cur []uint64) uint64 {
	r := v.rows[i]
	n := r.base
	if r.idx >= 0 && r.idx < len(cur) {
		n += cur[r.idx]
	}
	return n
}

// changed applies the rows after an edit and saves them; what says what
// changed, for the status line.
func (v *rulesView) changed(what string) tea.Cmd {
	v.apply()
	if v.err != nil {
		what += " · " + fmt.Sprintf(v.text.Rules.NotApplied, v.err)
	}
	if v.loadErr != nil {
		return common.Status(what+" · "+v.text.Rules.NotSaving, true)
	}
	return v.saveCmd(what, v.err != nil)
}

// saveCmd writes the rows to the rules file; the Cmd reports to the status
// line.
func (v *rulesView) saveCmd(what string, isErr bool) tea.Cmd {
	v.saveGen++
	gen, dir, list, saver, rt := v.saveGen, v.dir, v.list(), v.saver, &v.text.Rules
	return func() tea.Msg {
		stale, err := saver.save(gen, dir, list)
		switch {
		case stale:
			return nil // a newer save reports
		case err != nil:
			return common.StatusMsg{Text: fmt.Sprintf(rt.SaveFailed, what, err), Err: true}
		}
		path, _ := autoreply.Path(dir)
		return common.StatusMsg{Text: fmt.Sprintf(rt.Saved, what, path), Err: isErr}
	}
}

// typing reports whether keys go to a text field: the form is open.
func (v *rulesView) typing() bool { return v.open && v.form != nil }

// key handles a key while the view is open, and the open key while not.
func (v *rulesView) key(msg tea.KeyPressMsg) tea.Cmd {
	k, rt := &v.keys.Rules, &v.text.Rules
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
		v.form = newRuleForm(autoreply.Rule{Match: autoreply.Contains}, v.styles, v.text, v.isDark)
		return v.form.setField(fieldPattern)
	case n == 0:
		return nil // the keys below act on the selected rule
	case key.Matches(msg, k.Edit):
		v.editing = v.sel
		v.form = newRuleForm(v.rows[v.sel].rule, v.styles, v.text, v.isDark)
		return v.form.setField(fieldPattern)
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
func (v *rulesView) formKey(msg tea.KeyPressMsg) tea.Cmd {
	k, rt := &v.keys.Rules, &v.text.Rules
	f := v.form
	switch {
	case key.Matches(msg, k.Cancel):
		v.form = nil
		return nil
	case key.Matches(msg, k.Apply):
		f.validate()
		if f.err != nil {
			return nil // the form shows why
		}
		row := ruleRow{rule: f.rule(), idx: -1} // a changed rule counts afresh
		what := ""
		if v.editing >= 0 && v.editing < len(v.rows) {
			v.rows[v.editing] = row
			v.sel = v.editing
			what = fmt.Sprintf(rt.Changed, v.sel+1)
		} else {
			v.rows = append(v.rows, row)
			v.sel = len(v.rows) - 1
			what = fmt.Sprintf(rt.Added, v.sel+1)
		}
		v.form = nil
		return v.changed(what)
	}
	return f.key(msg, k)
}

// paste goes to the form's focused field.
func (v *rulesView) paste(msg tea.PasteMsg) tea.Cmd {
	if v.form == nil {
		return nil
	}
	return v.form.paste(msg)
}

func (v *rulesView) setSize(w, h int) { v.width, v.height = w, h }

// view renders the view in exactly its size: a box with the list, or the
// form while adding or changing a rule.
func (v *rulesView) view() []string {
	w, h := v.width, v.height
	rt := &v.text.Rules
	inner := max(w-2, 0)
	if v.form != nil {
		title := rt.AddTitle
		if v.editing >= 0 {
			title = fmt.Sprintf(rt.EditTitle, v.editing+1)
		}
		return common.Box(v.styles, title, v.form.view(inner), w, h, true)
	}
	return common.Box(v.styles, fmt.Sprintf(rt.Title, len(v.rows)), v.listLines(inner, max(h-2, 0)), w, h, true)
}

// listLines is the body of the list: errors first, then as many rules as
// fit, scrolled to keep the selection in sight.
func (v *rulesView) listLines(w, h int) []string {
	s, rt := v.styles, &v.text.Rules
	var lines []string
	if v.loadErr != nil {
		lines = append(lines, s.Error.Render(ansi.Truncate(common.Safe(fmt.Sprintf(rt.LoadFailed, v.loadErr)), w, "…")))
	}
	if v.err != nil {
		lines = append(lines, s.Error.Render(ansi.Truncate(typed(fmt.Sprintf(rt.NotApplied, v.err)), w, "…")))
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
func (v *rulesView) rowLine(i, w int, cur []uint64) string {
	s, rt := v.styles, &v.text.Rules
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
	out := `"` + typed(val) + `"`
	if hex {
		out = hexTag + typed(val)
	}
	return ansi.Truncate(out, w, "…")
}

// typed shows text the user typed (a rule, or an error quoting it) as it
// was typed: backslash escapes stay single, while anything that is not a
// visible character (a pasted control, a bidi override) goes through the
// one sanitizer.
func typed(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == ' ' || (unicode.IsGraphic(r) && !unicode.Is(unicode.Cf, r)) {
			b.WriteRune(r)
		} else {
			b.WriteString(common.Safe(string(r)))
		}
	}
	return b.String()
}

// helpKeys are the keys that matter now.
func (v *rulesView) helpKeys() []key.Binding {
	k := &v.keys.Rules
	if v.form != nil {
		return []key.Binding{k.Apply, k.Cancel, k.NextField, k.Cycle}
	}
	return []key.Binding{k.Add, k.Edit, k.Toggle, k.Delete, k.MoveUp, k.MoveDown, k.Close}
}

// fullHelp is every key of the view.
func (v *rulesView) fullHelp() []key.Binding {
	k := &v.keys.Rules
	return []key.Binding{k.Open, k.Up, k.Add, k.Edit, k.Delete, k.Toggle, k.MoveUp, k.MoveDown, k.Save, k.Close,
		k.Apply, k.Cancel, k.NextField, k.PrevField, k.Cycle}
}
