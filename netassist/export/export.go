// Package export turns a capture into files people can hand out or open
// elsewhere (DESIGN.md §8): HAR 1.2 for the Web tab's exchanges (Chromium
// DevTools' Network panel imports it), the headless text transcript, and
// the raw bytes of each connection and direction.
//
// Every format reads one Source: a --record JSON Lines file (FromRecord,
// lossless, read line by line) or what a Store still holds (FromStore, for
// the TUI). Both hand the exporters the same events, so a file saved from
// memory and one converted from the record are built by the same code and
// differ only where the store's budget dropped bytes.
package export

import (
	"fmt"
	"strings"

	"github.com/netassist/netassist/netassist"
)

// Item is one event of a Source.
type Item struct {
	Event netassist.Event
	// Offset is, for a data event, the offset of Event.Data[0] in its
	// connection's stream in direction Event.Dir (omitted bytes count).
	Offset int64
	// Session numbers the runs a record holds: a --record file is appended
	// to, so connection IDs start again at 1 in each later run. It is 1 for
	// the first run and for a Store.
	Session int
}

// Source is a stream of events in the order they happened.
type Source interface {
	// Next returns the next event, or io.EOF after the last. The item and
	// its Data are valid until the next call.
	Next() (*Item, error)
	// Report says what the source met that the output cannot show. It is
	// complete once Next returned io.EOF.
	Report() Report
}

// Report is what a Source met that an export cannot show: lines of a
// record that were not events, a last line cut short (the process that
// wrote the record was killed), bytes the store had already dropped.
type Report struct {
	Events int // events read
	// BadLines counts lines that were not events (a line cut by a crash,
	// then appended to); FirstBad lists the first few line numbers
	// (1-based).
	BadLines int
	FirstBad []int
	// CutLine is the number of a last line that ends without a line break
	// and is not a whole event, 0 if none; CutBytes its length.
	CutLine  int
	CutBytes int
	// Sessions is how many runs the record holds (1 for a Store).
	Sessions int
	// Dropped counts captured bytes the store had evicted (its budget)
	// before the export read it: they are in no output.
	Dropped int64
}

// maxFirstBad bounds Report.FirstBad.
const maxFirstBad = 5

// Problems describes what the report says went missing, one sentence per
// problem, or "" when nothing did.
func (r Report) Problems() string {
	var parts []string
	if r.CutLine > 0 {
		parts = append(parts, fmt.Sprintf("the last line (%d, %d bytes) was cut short and is left out", r.CutLine, r.CutBytes))
	}
	if n := r.BadLines; n > 0 {
		nums := make([]string, len(r.FirstBad))
		for i, l := range r.FirstBad {
			nums[i] = fmt.Sprint(l)
		}
		more := ""
		if n > len(r.FirstBad) {
			more = ", …"
		}
		parts = append(parts, fmt.Sprintf("%d line(s) that are not events were skipped (line %s%s)", n, strings.Join(nums, ", "), more))
	}
	if r.Dropped > 0 {
		parts = append(parts, fmt.Sprintf("%d captured bytes had already left memory (--max-capture) and are not included", r.Dropped))
	}
	return strings.Join(parts, "; ")
}

// connKey names a connection across the sessions of a record.
type connKey struct {
	session int
	conn    netassist.ConnID
}

// label is how files and HAR entries name the connection: "3" in the first
// session, "2.3" for connection 3 of the second.
func (k connKey) label() string {
	if k.session <= 1 {
		return fmt.Sprint(uint64(k.conn))
	}
	return fmt.Sprintf("%d.%d", k.session, uint64(k.conn))
}
