package tui

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
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/keymap"
	"github.com/netassist/netassist/tui/styles"
)

// formField is a row of the rule form, in tab order.
type formField int

const (
	fieldMatch formField = iota
	fieldPattern
	fieldPatternHex
	fieldReply
	fieldReplyHex
	fieldCloseAfter
	numFields
)

// matchKinds is the order the match field cycles through.
var matchKinds = [...]autoreply.Match{autoreply.Contains, autoreply.Prefix, autoreply.Regex}

// ruleForm adds or changes one rule. It compiles the rule after every key,
// so an error shows while the user types and an invalid rule is never
// applied.
type ruleForm struct {
	styles *styles.Styles
	text   *i18n.Text

	kind       int // index in matchKinds
	pattern    textinput.Model
	reply      textinput.Model
	patternHex bool
	replyHex   bool
	closeAfter bool
	disabled   bool // kept from the rule being changed
	field      formField

	err error // the rule's compile error, or nil
}

func newRuleForm(r autoreply.Rule, styles *styles.Styles, text *i18n.Text, isDark bool) *ruleForm {
	input := func(val, placeholder string) textinput.Model {
		ti := textinput.New()
		ti.Prompt = ""
		ti.Placeholder = placeholder
		ti.CharLimit = 4096
		st := textinput.DefaultStyles(isDark)
		st.Cursor.Blink = false
		ti.SetStyles(st)
		ti.SetValue(val)
		return ti
	}
	f := &ruleForm{
		styles:     styles,
		text:       text,
		pattern:    input(r.Pattern, text.Rules.PatternPlaceholder),
		reply:      input(r.Reply, text.Rules.ReplyPlaceholder),
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
	f.setField(fieldPattern)
	f.validate()
	return f
}

// rule is the rule as the form shows it now.
func (f *ruleForm) rule() autoreply.Rule {
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

// validate compiles the rule alone and keeps the error without the
// "bad rule 1" prefix, which would be wrong here.
func (f *ruleForm) validate() {
	_, err := autoreply.Compile([]autoreply.Rule{f.rule()})
	f.err = ruleCause(err)
}

// ruleCause strips Compile's "autoreply: bad rule N:" from err.
func ruleCause(err error) error {
	var multi interface{ Unwrap() []error }
	if errors.As(err, &multi) {
		if errs := multi.Unwrap(); len(errs) > 0 {
			return errs[len(errs)-1]
		}
	}
	return err
}

func (f *ruleForm) setField(n formField) tea.Cmd {
	f.field = (n + numFields) % numFields
	f.pattern.Blur()
	f.reply.Blur()
	switch f.field {
	case fieldPattern:
		return f.pattern.Focus()
	case fieldReply:
		return f.reply.Focus()
	}
	return nil
}

// input is the focused text field, or nil on a choice row.
func (f *ruleForm) input() *textinput.Model {
	switch f.field {
	case fieldPattern:
		return &f.pattern
	case fieldReply:
		return &f.reply
	}
	return nil
}

// key handles a key other than apply and cancel.
func (f *ruleForm) key(msg tea.KeyPressMsg, k *keymap.RulesKeys) tea.Cmd {
	defer f.validate()
	switch {
	case key.Matches(msg, k.NextField):
		return f.setField(f.field + 1)
	case key.Matches(msg, k.PrevField):
		return f.setField(f.field - 1)
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
	case fieldMatch:
		step := 1
		if back {
			step = len(matchKinds) - 1
		}
		f.kind = (f.kind + step) % len(matchKinds)
	case fieldPatternHex:
		f.patternHex = !f.patternHex
	case fieldReplyHex:
		f.replyHex = !f.replyHex
	case fieldCloseAfter:
		f.closeAfter = !f.closeAfter
	}
	return nil
}

// paste inserts pasted text into the focused text field.
func (f *ruleForm) paste(msg tea.PasteMsg) tea.Cmd {
	defer f.validate()
	if in := f.input(); in != nil {
		var cmd tea.Cmd
		*in, cmd = in.Update(msg)
		return cmd
	}
	return nil
}

func (f *ruleForm) setWidth(w int) {
	w = max(w, 1)
	f.pattern.SetWidth(w)
	f.reply.SetWidth(w)
}

// view renders the form's rows and its verdict in w cells.
func (f *ruleForm) view(w int) []string {
	s, rt := f.styles, &f.text.Rules
	labels := [numFields]string{rt.FieldMatch, rt.FieldPattern, rt.FieldPatternHex, rt.FieldReply, rt.FieldReplyHex, rt.FieldCloseAfter}
	labelW := 0
	for _, l := range labels {
		labelW = max(labelW, len([]rune(l)))
	}
	f.setWidth(w - labelW - 5)
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
	lines = append(lines, "", common.PadLine(f.verdict(), w))
	return lines
}

// verdict is the compile error, or what the rule will match and send.
func (f *ruleForm) verdict() string {
	s, rt := f.styles, &f.text.Rules
	if f.err != nil {
		return s.Error.Render(fmt.Sprintf(rt.FormError, typed(f.err.Error())))
	}
	r := f.rule()
	if r.Match == autoreply.Regex {
		groups := 0
		if re, err := regexp.Compile(r.Pattern); err == nil {
			groups = re.NumSubexp()
		}
		return s.OK.Render(fmt.Sprintf(rt.ValidRegex, groups))
	}
	pat, _ := ruleBytes(r.Pattern, r.PatternHex)
	return s.OK.Render(fmt.Sprintf(rt.Valid, len(pat)))
}

// ruleBytes composes a pattern or reply the way autoreply does.
func ruleBytes(s string, hex bool) ([]byte, error) {
	if hex {
		return compose.Hex(s)
	}
	return compose.Text(s, compose.Options{Escapes: true})
}
