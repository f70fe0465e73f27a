package recvpane

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
)

// Saving from the receive pane: w writes one connection's received bytes
// as they came (raw), W the whole session as the JSON Lines of DESIGN.md
// §3. Both read the store in batches inside a Cmd, never in Update, and
// write a new file in the save folder (Common.SaveDir, by default the
// current directory) named after what it holds and
// when. The store holds only what fits its budget: the status message says
// when older bytes had already left memory.

// saveBatch is how many chunks a save reads from the store at a time.
const saveBatch = 256

// saveConnCmd saves the received bytes of the pane's connection: the one
// selected in the list, or in the Client tab its newest connection.
func (p *Model) saveConnCmd() tea.Cmd {
	id := p.filter.Conn
	if id == 0 {
		n := p.store.ConnCount(p.filter.Tab)
		if n == 0 || (n > 1 && p.filter.Tab == netassist.TabServer) {
			return common.Status(p.c.Text.View.NoConnToSave, true)
		}
		id = p.store.Conns(p.filter.Tab, n-1, 1)[0].ID
	}
	st, vt, upto := p.store, &p.c.Text.View, p.store.Seq()
	now, dir, c := p.c.Now(), p.c.SaveDir, p.c
	return func() tea.Msg {
		name := filepath.Join(dir, fmt.Sprintf("netassist-conn%d-%s", id, now.Format("20060102-150405")))
		path, n, err := writeNew(name, ".bin", func(w *bufio.Writer) (int64, error) {
			return writeConnBytes(w, st, id, upto)
		})
		if err != nil {
			return common.StatusMsg{Text: fmt.Sprintf(vt.SaveFailed, common.ErrText(c, err)), Err: true}
		}
		msg := fmt.Sprintf(vt.SavedConn, common.FormatSize(n), id, path)
		if info, _ := st.Conn(id); info.DroppedBytes > 0 {
			msg += fmt.Sprintf(vt.SaveDropped, common.FormatSize(info.DroppedBytes))
		}
		return common.StatusMsg{Text: msg}
	}
}

// writeConnBytes writes the received bytes of connection id still in
// memory, up to event upto, and returns how many.
func writeConnBytes(w *bufio.Writer, st *netassist.Store, id netassist.ConnID, upto uint64) (int64, error) {
	f := netassist.Filter{Conn: id}
	var n int64
	for seq := uint64(0); ; {
		batch := st.After(f, seq, saveBatch)
		for _, c := range batch {
			if c.Seq > upto {
				return n, nil
			}
			if c.Kind == netassist.KindData && c.Dir == netassist.In {
				m, err := w.Write(c.Data)
				n += int64(m)
				if err != nil {
					return n, err
				}
			}
		}
		if len(batch) < saveBatch {
			return n, nil
		}
		seq = batch[len(batch)-1].Seq + 1
	}
}

// saveSessionCmd saves every tab's captured events as JSON Lines.
func (p *Model) saveSessionCmd() tea.Cmd {
	st, vt, upto := p.store, &p.c.Text.View, p.store.Seq()
	now, dir, c := p.c.Now(), p.c.SaveDir, p.c
	return func() tea.Msg {
		var events int
		name := filepath.Join(dir, "netassist-session-"+now.Format("20060102-150405"))
		path, _, err := writeNew(name, ".jsonl", func(w *bufio.Writer) (int64, error) {
			var err error
			events, err = writeSession(w, st, upto)
			return 0, err
		})
		if err != nil {
			return common.StatusMsg{Text: fmt.Sprintf(vt.SaveFailed, common.ErrText(c, err)), Err: true}
		}
		var data, dropped int64
		for _, tab := range sessionTabs {
			t := st.Totals(tab)
			data += t.BytesIn + t.BytesOut
			dropped += t.DroppedBytes
		}
		msg := fmt.Sprintf(vt.SavedSession, events, common.FormatSize(max(data-dropped, 0)), path)
		if dropped > 0 {
			msg += fmt.Sprintf(vt.SaveDropped, common.FormatSize(dropped))
		}
		return common.StatusMsg{Text: msg}
	}
}

// sessionTabs are the tabs a session save covers.
var sessionTabs = [...]netassist.Tab{netassist.TabServer, netassist.TabClient, netassist.TabWeb}

// writeSession writes, in event order, every chunk (open, data, close)
// and protocol record (such as HTTP exchanges) still in memory, up to
// event upto, as JSON Lines. Listen and error events are not kept by the
// store; a --record file has them.
func writeSession(w *bufio.Writer, st *netassist.Store, upto uint64) (int, error) {
	var srcs []*eventSource
	for _, tab := range sessionTabs {
		srcs = append(srcs, &eventSource{st: st, tab: tab, upto: upto}, &eventSource{st: st, tab: tab, upto: upto, details: true})
	}
	conns := make(map[netassist.ConnID]netassist.ConnInfo)
	info := func(id netassist.ConnID) netassist.ConnInfo {
		ci, ok := conns[id]
		if !ok {
			ci, _ = st.Conn(id)
			conns[id] = ci
		}
		return ci
	}
	var buf []byte
	n := 0
	for {
		var best *eventSource
		for _, s := range srcs {
			if s.peek() && (best == nil || s.seq() < best.seq()) {
				best = s
			}
		}
		if best == nil {
			return n, nil
		}
		e := best.pop(info)
		buf = e.AppendJSON(buf[:0])
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			return n, err
		}
		n++
	}
}

// eventSource reads one tab's chunks or protocol records in batches, in
// Seq order, up to upto.
type eventSource struct {
	st      *netassist.Store
	tab     netassist.Tab
	upto    uint64
	details bool

	next    uint64 // chunks: the next Seq to read
	off     int    // details: the next position to read
	chunks  []netassist.Chunk
	records []netassist.DetailRecord
	done    bool
}

// peek fills the batch if needed and reports whether an event is ready.
func (s *eventSource) peek() bool {
	if s.done {
		return false
	}
	if s.details {
		if len(s.records) == 0 {
			s.records = s.st.Details(s.tab, s.off, saveBatch)
			s.off += len(s.records)
		}
		if len(s.records) == 0 || s.records[0].Seq > s.upto {
			s.done = true
		}
	} else {
		if len(s.chunks) == 0 {
			s.chunks = s.st.After(netassist.Filter{Tab: s.tab}, s.next, saveBatch)
			if len(s.chunks) > 0 {
				s.next = s.chunks[len(s.chunks)-1].Seq + 1
			}
		}
		if len(s.chunks) == 0 || s.chunks[0].Seq > s.upto {
			s.done = true
		}
	}
	return !s.done
}

func (s *eventSource) seq() uint64 {
	if s.details {
		return s.records[0].Seq
	}
	return s.chunks[0].Seq
}

// pop returns the next event (peek must have reported one).
func (s *eventSource) pop(info func(netassist.ConnID) netassist.ConnInfo) netassist.Event {
	if s.details {
		r := s.records[0]
		s.records = s.records[1:]
		return netassist.Event{Seq: r.Seq, Time: r.Time, Tab: s.tab, Kind: netassist.KindDetail, Conn: r.Conn, Detail: r.Detail}
	}
	c := s.chunks[0]
	s.chunks = s.chunks[1:]
	e := netassist.Event{Seq: c.Seq, Time: c.Time, Tab: s.tab, Kind: c.Kind, Conn: c.Conn}
	switch c.Kind {
	case netassist.KindOpen:
		ci := info(c.Conn)
		e.Local, e.Remote = ci.Local, c.Note
	case netassist.KindData:
		e.Dir, e.Data, e.Omitted = c.Dir, c.Data, c.Omitted
	case netassist.KindEOF:
		e.Dir = c.Dir
	case netassist.KindClose:
		ci := info(c.Conn)
		e.By, e.Err, e.Unsent = ci.ClosedBy, ci.Err, ci.Unsent
	}
	return e
}

// writeNew creates a new file name+ext (name-2,
// name-3, … if it exists), writes it with fill, and returns its path and
// what fill returned. A partial file is removed on error.
func writeNew(name, ext string, fill func(*bufio.Writer) (int64, error)) (string, int64, error) {
	var f *os.File
	var path string
	for i := 1; ; i++ {
		path = name + ext
		if i > 1 {
			path = name + "-" + strconv.Itoa(i) + ext
		}
		var err error
		// 0600: captures can hold credentials.
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) || i >= 100 {
			return "", 0, err
		}
	}
	w := bufio.NewWriterSize(f, 256<<10)
	n, err := fill(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return "", 0, netassist.OnPath(path, err)
	}
	return path, n, nil
}
