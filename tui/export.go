package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/export"
	"github.com/netassist/netassist/tui/common"
)

// The export keys save what the store holds as files to hand out
// (DESIGN.md §8), with package export — the same code as `netassist
// export` on a --record file: the text transcript of every tab, the raw
// bytes of each connection and direction, the Web tab's exchanges as HAR
// 1.2. Files go to Config.SaveDir (the current directory if empty) under a
// new name; the status line shows the full path, whole.

// exportCmd saves the session in format off the event loop.
func (m *Model) exportCmd(format string) tea.Cmd {
	st, rt, tab := m.cfg.Store, &m.c.Text.Root, m.tabs[m.active].Name()
	status := func(text string, isErr bool) tea.Cmd { return tagStatus(tab, common.Status(text, isErr)) }
	upto, conns := st.Seq(), 0
	for _, t := range export.AllTabs {
		conns += st.Totals(t).Conns
	}
	if conns == 0 {
		return status(rt.ExportNothing, true)
	}
	if format == export.FormatHAR && st.DetailCount(netassist.TabWeb) == 0 {
		return status(rt.ExportNoRequests, true)
	}
	dir, base := m.cfg.SaveDir, "netassist-session-"+m.c.Now().Format("20060102-150405")
	ctx, version, c := m.c.Context(), m.cfg.Version, m.c
	return func() tea.Msg {
		path, stats, err := export.SaveNew(ctx, dir, base, format, export.FromStore(st, upto),
			export.HAROptions{Version: version, Tab: netassist.TabWeb})
		if err != nil {
			return common.StatusMsg{Text: fmt.Sprintf(rt.ExportFailed, common.ErrText(c, err)), Err: true, Tab: tab}
		}
		var text string
		switch format {
		case export.FormatText:
			text = fmt.Sprintf(rt.ExportedText, path, stats.Events)
		case export.FormatRaw:
			text = fmt.Sprintf(rt.ExportedRaw, len(stats.Files), path)
		default:
			text = fmt.Sprintf(rt.ExportedHAR, path, stats.Entries)
		}
		if d := stats.Report.Dropped; d > 0 {
			text += fmt.Sprintf(rt.ExportDropped, common.FormatSize(d))
		}
		if marker := export.CheckoutRoot(dir); marker != "" {
			text += fmt.Sprintf(rt.ExportInCheckout, marker)
		}
		return common.StatusMsg{Text: text, Tab: tab}
	}
}
