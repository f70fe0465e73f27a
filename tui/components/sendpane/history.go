package sendpane

import (
	"fmt"
	"sync"

	"github.com/netassist/netassist/netassist"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist/history"
	"github.com/netassist/netassist/tui/common"
)

// histState is a tab's send history and the recall position in it.
type histState struct {
	h    *history.History
	list []history.Entry // h.List(tab), newest first, refreshed on change
	pos  int             // the entry in the editor; -1: the user's own text
	// draft is what the editor held before the first recall, given back
	// when alt+down goes past the newest entry.
	draft   history.Entry
	saveGen uint64
	saver   *historySaver
}

func newHistState() histState {
	return histState{h: history.New(), pos: -1, saver: &historySaver{}}
}

// historySaver drops a save of one tab older than the last one written.
// It is shared with the save Cmds.
type historySaver struct {
	saved uint64 // the newest generation written; guarded by historyFileMu
}

// historyFileMu serialises every tab's read-modify-write of the history
// file: two tabs saving at once must not each write back a file missing
// the other's list.
var historyFileMu sync.Mutex

// historyLoadedMsg brings the history file read at start.
type historyLoadedMsg struct {
	tab netassist.Tab
	h   *history.History
	err error
}

// historySavedMsg reports a save.
type historySavedMsg struct {
	tab netassist.Tab
	err error
}

func (m historyLoadedMsg) Route() netassist.Tab { return m.tab }
func (historyLoadedMsg) sendpaneMsg()           {}
func (m historySavedMsg) Route() netassist.Tab  { return m.tab }
func (historySavedMsg) sendpaneMsg()            {}

func loadHistoryCmd(dir string, tab netassist.Tab) tea.Cmd {
	return func() tea.Msg {
		h, err := history.Load(dir)
		return historyLoadedMsg{tab: tab, h: h, err: err}
	}
}

// historyLoaded adopts the saved history, keeping anything sent before it
// arrived in front.
func (p *Model) historyLoaded(msg historyLoadedMsg) tea.Cmd {
	hs := &p.hist
	mine := hs.h.List(string(p.tab))
	for i := len(mine) - 1; i >= 0; i-- {
		msg.h.Add(string(p.tab), mine[i].Text, mine[i].Hex)
	}
	hs.h = msg.h
	hs.list = hs.h.List(string(p.tab))
	if msg.err != nil {
		return common.Status(fmt.Sprintf(p.c.Text.Compose.HistoryLoadFail, common.ErrText(p.c, msg.err)), true)
	}
	return nil
}

// remember adds text as sent and saves the history in the background.
func (p *Model) remember(text string, hex bool) tea.Cmd {
	if !p.streams || text == "" {
		return nil
	}
	hs := &p.hist
	hs.h.Add(string(p.tab), text, hex)
	hs.list = hs.h.List(string(p.tab))
	hs.pos = -1
	hs.saveGen++
	if p.c.ConfigDir == "" {
		return nil // in memory only
	}
	return saveHistoryCmd(p.c.ConfigDir, p.tab, hs.list, hs.saveGen, hs.saver)
}

// saveHistoryCmd writes tab's list into the history file. Each tab keeps
// its own History, so the file is read first and only this tab's list is
// replaced: the other tabs' lists on disk stay as their tabs last saved
// them.
func saveHistoryCmd(dir string, tab netassist.Tab, list []history.Entry, gen uint64, sv *historySaver) tea.Cmd {
	return func() tea.Msg {
		historyFileMu.Lock()
		defer historyFileMu.Unlock()
		if gen <= sv.saved {
			return nil // a newer list is already on disk
		}
		h, _ := history.Load(dir) // a damaged file is replaced
		h.Clear(string(tab))
		for i := len(list) - 1; i >= 0; i-- {
			h.Add(string(tab), list[i].Text, list[i].Hex)
		}
		if err := h.Save(dir); err != nil {
			return historySavedMsg{tab: tab, err: err}
		}
		sv.saved = gen
		return nil
	}
}

// recall moves through the history (+1 older, -1 newer) and puts the
// entry in the editor; past the newest entry the draft comes back.
func (p *Model) recall(d int) tea.Cmd {
	hs, ct := &p.hist, &p.c.Text.Compose
	if len(hs.list) == 0 {
		return common.Status(ct.HistoryEmpty, true)
	}
	next := hs.pos + d
	switch {
	case next >= len(hs.list):
		next = len(hs.list) - 1
	case next < -1:
		next = -1
	}
	if hs.pos == -1 && next >= 0 {
		hs.draft = history.Entry{Text: p.editor.Value(), Hex: p.hexMode}
	}
	hs.pos = next
	e := hs.draft
	if next >= 0 {
		e = hs.list[next]
	}
	p.hexMode = e.Hex
	p.SetValue(e.Text)
	if next < 0 {
		return common.Status(ct.HistoryDraft, false)
	}
	return common.Status(fmt.Sprintf(ct.HistoryRecalled, next+1, len(hs.list)), false)
}
