// Package ruleform is the form that adds or changes one auto-reply rule:
// match kind, pattern (text or hex), reply (text or hex), close after. It
// compiles the rule after every key, so an error shows while the user
// types and an invalid rule is never applied.
package ruleform

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/tui/common"
)

// Field is a row of the form, in tab order.
type Field int

// The rows.
const (
	FieldMatch Field = iota
	FieldPattern
	FieldPatternHex
	FieldReply
	FieldReplyHex
	FieldCloseAfter
	numFields
)

// matchKinds is the order the match field cycles through.
var matchKinds = [...]autoreply.Match{autoreply.Contains, autoreply.Prefix, autoreply.Regex}

// Model is a pane: a Component that can hold the focus.
var (
	_ common.Component = (*Model)(nil)
	_ common.Focusable = (*Model)(nil)
)

// Model is the form. Enter and esc (apply, cancel) are its parent's.
type Model struct {
	c common.Common

	kind       int // index in matchKinds
	pattern    textinput.Model
	reply      textinput.Model
	patternHex bool
	replyHex   bool
	closeAfter bool
	disabled   bool // kept from the rule being changed
	field      Field

	width, height int
	err           error // the rule's compile error, or nil
}

// New returns a form holding r, the cursor in the pattern field.
func New(c common.Common, r autoreply.Rule) *Model {
	input := func(val, placeholder string) textinput.Model {
		ti := common.NewInput(c, 4096)
		ti.Placeholder = placeholder
		ti.SetValue(val)
		return ti
	}
	f := &Model{
		c:          c,
		pattern:    input(r.Pattern, c.Text.Rules.PatternPlaceholder),
		reply:      input(r.Reply, c.Text.Rules.ReplyPlaceholder),
		patternHex: r.PatternHex,
		replyHex:   r.ReplyHex,
		closeAfter: r.CloseAfter,
		disabled:   r.Disabled,
	}
	for i, k := range matchKinds {
		if k == r.Match {
			f.kind = i
		}
	}
	f.SetField(FieldPattern)
	f.validate()
	return f
}

// Init does nothing.
func (f *Model) Init() tea.Cmd { return nil }

// Rule is the rule as the form shows it now.
func (f *Model) Rule() autoreply.Rule {
	return autoreply.Rule{
		Match:      matchKinds[f.kind],
		Pattern:    f.pattern.Value(),
		PatternHex: f.patternHex,
		Reply:      f.reply.Value(),
		ReplyHex:   f.replyHex,
		CloseAfter: f.closeAfter,
		Disabled:   f.disabled,
	}
}

// Err is why the rule does not compile, or nil.
func (f *Model) Err() error { return f.err }

// validate compiles the rule alone and keeps the error without the
// "bad rule 1" prefix, which would be wrong here.
func (f *Model) validate() {
	_, err := autoreply.Compile([]autoreply.Rule{f.Rule()})
	f.err = Cause(err)
}

// Cause strips Compile's "autoreply: bad rule N:" from err.
func Cause(err error) error {
	var multi interface{ Unwrap() []error }
	if errors.As(err, &multi) {
		if errs := multi.Unwrap(); len(errs) > 0 {
			return errs[len(errs)-1]
		}
	}
	return err
}

// SetField moves the cursor to row n (wrapping).
func (f *Model) SetField(n Field) tea.Cmd {
	f.field = (n + numFields) % numFields
	f.pattern.Blur()
	f.reply.Blur()
	switch f.field {
	case FieldPattern:
		return f.pattern.Focus()
	case FieldReply:
		return f.reply.Focus()
	}
	return nil
}

// input is the focused text field, or nil on a choice row.
func (f *Model) input() *textinput.Model {
	switch f.field {
	case FieldPattern:
		return &f.pattern
	case FieldReply:
		return &f.reply
	}
	return nil
}

// Update handles a key other than apply and cancel, or a paste into the
// focused text field.
func (f *Model) Update(msg tea.Msg) tea.Cmd {
	defer f.validate()
	switch msg := msg.(type) {
	case tea.PasteMsg:
		return f.paste(msg.Content)
	case tea.KeyPressMsg:
		return f.key(msg)
	}
	return nil
}

func (f *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := &f.c.Keys.Rules
	switch {
	case key.Matches(msg, k.NextField):
		return f.SetField(f.field + 1)
	case key.Matches(msg, k.PrevField):
		return f.SetField(f.field - 1)
	}
	if in := f.input(); in != nil {
		var cmd tea.Cmd
		*in, cmd = in.Update(msg)
		return cmd
	}
	back := key.Matches(msg, k.CycleBack)
	if !back && !key.Matches(msg, k.Cycle) {
		return nil
	}
	switch f.field {
	case FieldMatch:
		step := 1
		if back {
			step = len(matchKinds) - 1
		}
		f.kind = (f.kind + step) % len(matchKinds)
	case FieldPatternHex:
		f.patternHex = !f.patternHex
	case FieldReplyHex:
		f.replyHex = !f.replyHex
	case FieldCloseAfter:
		f.closeAfter = !f.closeAfter
	}
	return nil
}

// SetSize sizes the form: its rows, a blank line and the verdict.
func (f *Model) SetSize(w, h int) { f.width, f.height = max(w, 0), max(h, 0) }

// Focus, Blur, Focused, TakesText: the form is an editor while shown.
func (f *Model) Focus() tea.Cmd  { return nil }
func (f *Model) Blur()           {}
func (f *Model) Focused() bool   { return true }
func (f *Model) TakesText() bool { return true }

// ShortHelp is the form's keys.
func (f *Model) ShortHelp() []key.Binding {
	k := &f.c.Keys.Rules
	return []key.Binding{k.Apply, k.Cancel, k.NextField, k.Cycle}
}

// FullHelp is the form's keys as one group.
func (f *Model) FullHelp() [][]key.Binding {
	k := &f.c.Keys.Rules
	return [][]key.Binding{{k.Apply, k.Cancel, k.NextField, k.PrevField, k.Cycle}}
}

// View renders the form's rows and its verdict in exactly its size.
func (f *Model) View() string { return common.Fit(f.lines(), f.width, f.height) }

func (f *Model) lines() []string {
	w := f.width
	s, rt := f.c.Styles, &f.c.Text.Rules
	labels := [numFields]string{rt.FieldMatch, rt.FieldPattern, rt.FieldPatternHex, rt.FieldReply, rt.FieldReplyHex, rt.FieldCloseAfter}
	labelW := 0
	for _, l := range labels {
		labelW = max(labelW, len([]rune(l)))
	}
	fw := max(w-labelW-5, 1)
	f.pattern.SetWidth(fw)
	f.reply.SetWidth(fw)
	check := func(on bool) string {
		if on {
			return "[x]"
		}
		return "[ ]"
	}
	kinds := []string{rt.Contains, rt.Prefix, rt.Regex}
	for i := range kinds {
		if i == f.kind {
			kinds[i] = s.OptOn.Render("[" + kinds[i] + "]")
		} else {
			kinds[i] = s.Dim.Render(" " + kinds[i] + " ")
		}
	}
	values := [numFields]string{
		strings.Join(kinds, " "),
		f.pattern.View(),
		check(f.patternHex),
		f.reply.View(),
		check(f.replyHex),
		check(f.closeAfter),
	}
	lines := make([]string, 0, numFields+2)
	for i := range numFields {
		marker, label := "  ", s.Dim.Render(common.PadLine(labels[i], labelW))
		if i == f.field {
			marker, label = s.PaneTitleFoc.Render("▸ "), s.PaneTitleFoc.Render(common.PadLine(labels[i], labelW))
		}
		lines = append(lines, common.PadLine(marker+label+"  "+values[i], w))
	}
	return append(lines, "", common.PadLine(f.verdict(), w))
}

// verdict is the compile error, or what the rule will match and send.
func (f *Model) verdict() string {
	s, rt := f.c.Styles, &f.c.Text.Rules
	if f.err != nil {
		return s.Error.Render(fmt.Sprintf(rt.FormError, Typed(f.err.Error())))
	}
	r := f.Rule()
	if r.Match == autoreply.Regex {
		groups := 0
		if re, err := regexp.Compile(r.Pattern); err == nil {
			groups = re.NumSubexp()
		}
		return s.OK.Render(fmt.Sprintf(rt.ValidRegex, groups))
	}
	pat, _ := ruleBytes(r.Pattern, r.PatternHex)
	return s.OK.Render(common.Counted(f.c.Lang, fmt.Sprintf(rt.Valid, len(pat))))
}

// ruleBytes composes a pattern or reply the way autoreply does.
func ruleBytes(s string, hex bool) ([]byte, error) {
	if hex {
		return compose.Hex(s)
	}
	return compose.Text(s, compose.Options{Escapes: true})
}

// Typed shows text the user typed (a rule, or an error quoting it) as it
// was typed; it is common.Typed.
func Typed(s string) string { return common.Typed(s) }
