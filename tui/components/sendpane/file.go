package sendpane

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/netassist/netassist/netassist"

	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
)

// File send pacing. The engine's send queue paces the file: each chunk
// waits while netassist.SendHighWater bytes are queued for the target.
const (
	fileChunk = 256 << 10
	// fileReportEvery spaces the progress messages (and so the redraws).
	fileReportEvery = 50 * time.Millisecond
	maxMatches      = 12
)

// fileState is the send pane's file send: the one in progress, if any,
// and the line left after the last one.
type fileState struct {
	job  *fileJob
	last string // the path typed last, offered next time
	done string // "✓ name sent · size", shown until the next edit
	bar  progress.Model

	// A file to a UDP target waits in pending while the split field is
	// open; lastSplit is the size typed last ("": one datagram).
	pending   *Target
	lastSplit string
}

// fileJob is one file send, run by a goroutine that reads the file in
// chunks and queues each to the target, at the pace the engine's send
// queue allows. The goroutine owns the file; the counters are atomic so
// the UI reads them; err is set before done closes.
type fileJob struct {
	tab    netassist.Tab
	path   string
	name   string
	desc   string // the target, for the status line
	cancel context.CancelFunc
	// split is the datagram size of a file to a UDP target (0: the file
	// as one datagram); datagram says the target is UDP.
	split, datagram int
	sent            atomic.Int64 // datagrams queued

	size    atomic.Int64  // -1 until the file is open
	written atomic.Int64  // bytes the slowest target connection wrote
	notify  chan struct{} // cap 1: progress to report
	done    chan struct{}
	err     error
}

// fileJobMsg reports progress, or the end once job.done is closed.
type fileJobMsg struct {
	tab netassist.Tab
	job *fileJob
}

func (m fileJobMsg) Route() netassist.Tab { return m.tab }
func (fileJobMsg) sendpaneMsg()           {}

// startFile starts sending the file at path to target; to a UDP target,
// as datagrams of split bytes (0: the whole file as one).
func (p *Model) startFile(path string, target Target, split int) tea.Cmd {
	ctx, cancel := context.WithCancel(p.c.Context())
	j := &fileJob{tab: p.tab, path: expandHome(path), name: filepath.Base(path), desc: target.Desc,
		cancel: cancel, notify: make(chan struct{}, 1), done: make(chan struct{}),
		split: split, datagram: target.Datagram}
	j.size.Store(-1)
	p.file.job, p.file.last, p.file.done = j, path, ""
	go j.run(ctx, target)
	return waitForFile(j)
}

// run is the job's goroutine: it ends when the file is out, on an error,
// or when ctx ends (esc, or the program stops).
func (j *fileJob) run(ctx context.Context, target Target) {
	defer close(j.done)
	defer j.cancel()
	j.err = j.send(ctx, target)
}

func (j *fileJob) send(ctx context.Context, target Target) error {
	f, err := os.Open(j.path)
	if err != nil {
		return &fileOpenError{err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return &fileOpenError{err}
	}
	if st.IsDir() {
		return &fileOpenError{errIsDir}
	}
	j.size.Store(st.Size())
	j.ping()
	chunk, piece := fileChunk, fileChunk
	if j.datagram > 0 {
		// UDP: each Send is one datagram. The whole file as one must fit
		// (refused before anything goes out); split, a read is whole
		// pieces, so none straddles two reads.
		piece = j.split
		if piece == 0 {
			if st.Size() > int64(j.datagram) {
				return &netassist.DatagramSizeError{Size: int(min(st.Size(), 1<<31-1)), Max: j.datagram}
			}
			piece = j.datagram
		}
		chunk = max(fileChunk/piece, 1) * piece
	}
	var queued int64
	progress := func() { j.written.Store(max(queued-int64(target.Pending()), 0)) }
	put := func(b []byte) error {
		if err := target.Send(ctx, b); err != nil {
			return err
		}
		queued += int64(len(b))
		j.sent.Add(1)
		progress()
		j.ping()
		return nil
	}
	for {
		buf := make([]byte, chunk) // the engine keeps each chunk until written
		n, rerr := io.ReadFull(f, buf)
		for off := 0; off < n; off += piece {
			if err := put(buf[off:min(off+piece, n)]); err != nil {
				return err
			}
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			break
		}
		if rerr != nil {
			return rerr
		}
	}
	if j.sent.Load() == 0 && j.datagram > 0 && j.split == 0 {
		if err := put([]byte{}); err != nil { // an empty file: one empty datagram
			return err
		}
	}
	// The last SendHighWater bytes: wait until written, showing progress.
	for {
		wctx, cancel := context.WithTimeout(ctx, fileReportEvery)
		err := target.Flush(wctx)
		cancel()
		progress()
		j.ping()
		switch {
		case err == nil:
			j.size.Store(queued) // the file may have changed size while read
			j.written.Store(queued)
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case !errors.Is(err, context.DeadlineExceeded):
			return err
		}
	}
}

// ping tells the UI there is progress to show, without ever blocking.
func (j *fileJob) ping() {
	select {
	case j.notify <- struct{}{}:
	default:
	}
}

var errIsDir = errors.New("is a folder, not a file")

// fileOpenError is a file that could not be opened: shown in the path
// field, which stays open for a correction.
type fileOpenError struct{ err error }

func (e *fileOpenError) Error() string { return e.err.Error() }
func (e *fileOpenError) Unwrap() error { return e.err }

// waitForFile waits for the job's next progress (at most one report per
// fileReportEvery) or its end.
func waitForFile(j *fileJob) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-j.done:
			return fileJobMsg{tab: j.tab, job: j}
		case <-j.notify:
		}
		t := time.NewTimer(fileReportEvery)
		defer t.Stop()
		select {
		case <-j.done:
		case <-t.C:
		}
		return fileJobMsg{tab: j.tab, job: j}
	}
}

// fileReport shows a job's progress, or its end.
func (p *Model) fileReport(msg fileJobMsg) tea.Cmd {
	j := msg.job
	if j != p.file.job {
		return nil
	}
	select {
	case <-j.done:
	default:
		return waitForFile(j)
	}
	p.file.job = nil
	ct := &p.c.Text.Compose
	var oe *fileOpenError
	switch {
	case j.err == nil:
		size := common.FormatSize(j.size.Load())
		p.file.done = fmt.Sprintf(ct.FileDone, j.name, size)
		if j.datagram > 0 {
			return common.Status(fmt.Sprintf(p.c.Text.Transport.SplitSent, j.name, size, j.sent.Load(), j.desc), false)
		}
		return common.Status(fmt.Sprintf(ct.FileSent, j.name, size, j.desc), false)
	case errors.As(j.err, &oe):
		// The field shows the reason next to the path; the status line
		// says it in full.
		why := oe.err
		var pe *fs.PathError
		if errors.As(why, &pe) {
			why = pe.Err
		}
		p.prompt.show(promptFile, p.file.last)
		p.prompt.err = fmt.Sprintf(ct.CannotRead, why)
		return common.Status(fmt.Sprintf(ct.CannotReadPath, common.Safe(j.path), why), true)
	case errors.Is(j.err, context.Canceled):
		return common.Status(fmt.Sprintf(ct.FileCancelled, j.name,
			common.FormatSize(j.written.Load()), common.FormatSize(max(j.size.Load(), 0))), false)
	}
	return common.Status(fmt.Sprintf(ct.FileFailed, j.name, common.FormatSize(j.written.Load()),
		common.FormatSize(max(j.size.Load(), 0)), common.ErrText(p.c, j.err)), true)
}

// fileLine is the progress bar of the file being sent, or the last one's
// result.
func (p *Model) fileLine(width int) string {
	s, ct := p.c.Styles, &p.c.Text.Compose
	j := p.file.job
	if j == nil {
		return ansi.Truncate(s.OK.Render(p.file.done)+"  "+p.file.bar.ViewAs(1), width, "…")
	}
	size, done := j.size.Load(), j.written.Load()
	pct := 0.0
	if size > 0 {
		pct = float64(done) / float64(size)
	}
	hint := s.Dim.Render(ct.FileCancel)
	head := fmt.Sprintf(ct.FileProgress, common.Safe(j.name), "", common.FormatSize(done), common.FormatSize(max(size, 0)))
	p.file.bar.SetWidth(max(min(width-ansi.StringWidth(head)-ansi.StringWidth(hint)-2, 60), 10))
	return ansi.Truncate(fmt.Sprintf(ct.FileProgress, common.Safe(j.name), p.file.bar.ViewAs(pct),
		common.FormatSize(done), common.FormatSize(max(size, 0)))+hint, width, "…")
}

// expandHome turns a leading "~/" into the home folder.
func expandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

// completeMsg is the result of a tab in the path field.
type completeMsg struct {
	tab     netassist.Tab
	gen     int
	value   string   // the completed value
	matches []string // the candidates, when more than one
}

func (m completeMsg) Route() netassist.Tab { return m.tab }
func (completeMsg) sendpaneMsg()           {}

// completeCmd lists the folder of the typed path (off the event loop: a
// network folder may be slow) and completes the name typed so far.
func completeCmd(tab netassist.Tab, gen int, typed string) tea.Cmd {
	return func() tea.Msg {
		dir, base := filepath.Split(typed)
		read := expandHome(dir)
		if read == "" {
			read = "."
		}
		entries, err := os.ReadDir(read)
		if err != nil {
			return completeMsg{tab: tab, gen: gen, value: typed, matches: []string{}}
		}
		var names []string
		for _, e := range entries {
			if !strings.HasPrefix(e.Name(), base) || (base == "" && strings.HasPrefix(e.Name(), ".")) {
				continue
			}
			name := e.Name()
			if e.IsDir() {
				name += string(filepath.Separator)
			}
			names = append(names, name)
		}
		sort.Strings(names)
		switch len(names) {
		case 0:
			return completeMsg{tab: tab, gen: gen, value: typed, matches: []string{}}
		case 1:
			return completeMsg{tab: tab, gen: gen, value: dir + names[0]}
		}
		common := names[0]
		for _, n := range names[1:] {
			for !strings.HasPrefix(n, common) {
				common = common[:len(common)-1]
			}
		}
		shown := names
		if len(shown) > maxMatches {
			shown = append(shown[:maxMatches:maxMatches], "…")
		}
		return completeMsg{tab: tab, gen: gen, value: dir + common, matches: shown}
	}
}

// completed applies a completion, unless the field changed since the tab.
func (p *Model) completed(msg completeMsg) {
	q := &p.prompt
	if q.kind != promptFile || msg.gen != q.gen {
		return
	}
	if msg.value != q.input.Value() {
		q.input.SetValue(msg.value)
		q.input.CursorEnd()
		q.fit()
		q.gen++
	}
	q.matches = msg.matches
}
