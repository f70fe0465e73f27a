package recvpane

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/checksum"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
)

// Chunk selection in the receive pane: v selects the newest data chunk on
// screen, ↑/↓ move to the previous or next one, enter shows its checksums
// and y copies it to the clipboard, in the form the pane shows (sanitized
// text, or the hexdump). What reaches the clipboard (OSC 52) is always our
// own rendering, never the network's bytes.

// maxClipboard bounds what y copies: terminals drop or truncate larger
// OSC 52 payloads.
const maxClipboard = 1 << 20

func isData(c *netassist.Chunk) bool { return c.Kind == netassist.KindData }

// enterSelect selects the newest data chunk drawn in the last frame.
func (p *Model) enterSelect() tea.Cmd {
	if len(p.shown) == 0 {
		return common.Status(p.c.Text.View.NoChunkToSelect, true)
	}
	p.selecting = true
	p.sel = p.shown[len(p.shown)-1]
	p.sums = nil
	return nil
}

func (p *Model) leaveSelect() {
	p.selecting = false
	p.sums = nil
}

// Selected returns the selected chunk, when a chunk is selected (v) and
// still in memory: what the annotated view explains.
func (p *Model) Selected() (netassist.Chunk, bool) {
	if !p.selecting {
		return netassist.Chunk{}, false
	}
	return p.selected()
}

// selected returns the selected chunk if it is still in memory.
func (p *Model) selected() (netassist.Chunk, bool) {
	c := p.store.After(p.filter, p.sel, 1)
	if len(c) == 0 || c[0].Seq != p.sel {
		return netassist.Chunk{}, false
	}
	return c[0], true
}

// selectKey handles the keys of selection mode and reports whether msg was
// one of them.
func (p *Model) selectKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := p.c.Keys
	vk := &k.View
	switch {
	case key.Matches(msg, vk.SelectExit):
		p.leaveSelect()
	case key.Matches(msg, k.Up):
		p.moveSelection(-1)
	case key.Matches(msg, k.Down):
		p.moveSelection(1)
	case key.Matches(msg, vk.Checksums):
		if p.sums != nil {
			p.sums = nil
			return nil, true
		}
		return p.showSums(), true
	case key.Matches(msg, vk.Copy):
		return p.copySelected(), true
	default:
		return nil, false
	}
	return nil, true
}

// moveSelection selects the previous (dir < 0) or next data chunk and
// scrolls it into view.
func (p *Model) moveSelection(dir int) {
	var c netassist.Chunk
	var ok bool
	if dir < 0 {
		c, ok = p.prevChunk(p.sel, isData)
	} else {
		c, ok = p.nextChunk(p.sel+1, isData)
	}
	if !ok {
		return
	}
	p.sel = c.Seq
	if p.sums != nil {
		p.sums = p.sumLines(c)
	}
	if !slices.Contains(p.shown, c.Seq) || (dir < 0 && len(p.shown) > 0 && p.shown[0] == c.Seq) {
		// Off screen, or only its tail is: put its header at the top.
		p.follow = false
		p.top = anchor{seq: c.Seq}
	}
}

// showSums opens the checksum box of the selected chunk.
func (p *Model) showSums() tea.Cmd {
	c, ok := p.selected()
	if !ok {
		p.leaveSelect()
		return common.Status(p.c.Text.View.SelectionGone, true)
	}
	p.sums = p.sumLines(c)
	return common.Status(fmt.Sprintf(p.c.Text.View.ChecksumsStatus, c.Conn, common.FormatSize(int64(len(c.Data)))), false)
}

// sumLines is the checksum box of c: a title and one line per checksum.
func (p *Model) sumLines(c netassist.Chunk) []string {
	lines := []string{fmt.Sprintf(p.c.Text.View.ChecksumsTitle, c.Conn, p.dirLabel(c.Dir, false), common.FormatSize(int64(len(c.Data))))}
	for _, r := range checksum.All(c.Data) {
		lines = append(lines, r.String())
	}
	return lines
}

// overlaySums draws the checksum box over the bottom of lines, when open.
func (p *Model) overlaySums(lines []string) []string {
	if len(p.sums) == 0 || p.height < 3 {
		return lines
	}
	body := p.sums[1:]
	h := min(len(body)+2, p.height)
	w := ansi.StringWidth(p.sums[0]) + 4
	for _, l := range body {
		w = max(w, ansi.StringWidth(l)+2)
	}
	w = min(w, p.width)
	b := common.Box(p.c.Styles, p.sums[0], body, w, h, true)
	out := make([]string, p.height)
	copy(out, lines)
	for i := range b {
		out[p.height-h+i] = b[i]
	}
	return out
}

// copySelected puts the selected chunk, as the pane renders it, on the
// clipboard through the terminal (OSC 52).
func (p *Model) copySelected() tea.Cmd {
	c, ok := p.selected()
	if !ok {
		p.leaveSelect()
		return common.Status(p.c.Text.View.SelectionGone, true)
	}
	text, form := p.clipText(c)
	if len(text) > maxClipboard {
		return common.Status(fmt.Sprintf(p.c.Text.View.CopyTooBig, common.FormatSize(int64(len(text))), common.FormatSize(maxClipboard)), true)
	}
	return tea.Batch(tea.SetClipboard(text),
		common.Status(fmt.Sprintf(p.c.Text.View.Copied, utf8.RuneCountInString(text), form, c.Conn), false))
}

// clipText is what y copies: the sanitized text (in the receive encoding,
// real line breaks after the \n markers) or the hexdump. Both hold only
// printable characters and line breaks, whatever the peer sent.
func (p *Model) clipText(c netassist.Chunk) (text, form string) {
	if p.hex {
		return strings.Join(render.HexLines(c.Data, c.Offset), "\n"), p.c.Text.View.FormHex
	}
	return render.StringEnc(c.Data, p.enc), p.c.Text.View.FormText
}
