package sendpane

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
)

// View draws the box of exactly the size given: the tab's title and the
// options in the top edge, the editor inside. The editor's lines are kept
// until it changes: a frame caused by network data does not draw it again.
func (p *Model) View() string {
	title := p.title + " · " + p.options()
	if p.edLines == nil {
		p.edLines = strings.Split(p.editor.View(), "\n")
	}
	body := p.edLines
	if p.check.rows > 0 {
		ed := p.edLines[:min(len(p.edLines), max(p.boxH-2-p.check.rows, 1))]
		body = append(append(make([]string, 0, len(ed)+p.check.rows), ed...), p.checkLines(p.boxW-2)...)
	}
	return common.BoxView(p.c.Styles, title, body, p.boxW, p.boxH, p.focused)
}

// Preview is the line under the box, exactly width cells: the byte count
// and the bytes through the sanitizer (so \r\n is visible), or the input
// error; the open field or the file send's progress in its place.
func (p *Model) Preview(width int) string {
	return common.PadLine(p.preview(width), width)
}

func (p *Model) preview(width int) string {
	s, t := p.c.Styles, p.c.Text
	switch {
	case p.prompt.open():
		return p.prompt.view(width)
	case p.file.job != nil || p.file.done != "":
		return p.fileLine(width)
	}
	b, changed, err := p.bytes()
	if err != nil {
		return s.Error.Render(ansi.Truncate(common.Typed(p.errText(err)), width, "…"))
	}
	head := common.Counted(p.c.Lang, fmt.Sprintf(t.PreviewBytes, len(b)))
	enc := p.opts.Encoding
	if p.hexMode {
		enc = render.UTF8 // hex is bytes: shown as the receive pane shows bytes
	} else if enc != render.UTF8 {
		head = fmt.Sprintf(p.c.Text.Editor.PreviewBytesEnc, len(b), enc)
	}
	if changed != "" {
		head = strings.TrimSuffix(head, ": ") + fmt.Sprintf(t.PreviewChanged, common.Safe(changed)) // it quotes the old value raw + ": "
	}
	var body strings.Builder
	for _, l := range render.LinesEnc(b, enc) {
		body.WriteString(l.Render(s.Segment))
		if body.Len() > 4*width+64 {
			break
		}
	}
	return ansi.Truncate(s.Dim.Render(head)+body.String(), width, "…")
}

// badges is the running repeat or file send, and the history position,
// for the box title.
func (p *Model) badges() string {
	s, ct := p.c.Styles, &p.c.Text.Compose
	var parts []string
	if d := p.dripBadge(); d != "" {
		parts = append(parts, s.Warning.Render(d))
	}
	if p.repeat.running {
		parts = append(parts, s.Warning.Render(fmt.Sprintf(ct.RepeatBadge, p.repeat.every, p.repeat.count)))
	}
	if p.file.job != nil {
		parts = append(parts, s.Warning.Render(fmt.Sprintf(ct.FileBadge, common.Safe(p.file.job.name))))
	}
	if p.hist.pos >= 0 {
		parts = append(parts, s.Dim.Render(fmt.Sprintf(ct.HistoryBadge, p.hist.pos+1, len(p.hist.list))))
	}
	return strings.Join(parts, s.Dim.Render(" · "))
}
