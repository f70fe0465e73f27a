package web

import (
	"regexp"
	"testing"

	"github.com/netassist/netassist/tui/internal/tuitest"
)

// Search in the raw pane (issue 15 item 6), on a real request: `/` opens
// the field, the shown form finds the head's end, n goes on; while a query
// is in force n is the next match there (alt+n still cycles the encoding).
func TestWebRawPaneSearch(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 120, 40)
	h.get("/style.css", "identity")
	h.Row("GET", "/style.css", "200")
	h.Key(tuitest.Tab) // list → raw
	h.Contains("/ search")
	h.Key(tuitest.Plain('/'))
	h.Type("zoom") // letters are text in the field, not keys (z zooms)
	h.Contains("/zoom")
	for range 4 {
		h.Key(tuitest.Backspace)
	}
	h.Type(`\r\n\r\n`)
	h.Key(tuitest.Enter)
	h.StatusShows("match 1 of 2") // the request's head, then the response's
	h.Contains(`/\r\n\r\n`)       // the title says what is searched
	h.Key(tuitest.Plain('/'))
	h.Type(`\r\n`)
	h.Key(tuitest.Enter)
	// More matches than the first query's 2: this query's result, not the
	// first one's status still on the line.
	more := regexp.MustCompile(`match 1 of (\d+)`)
	h.WaitScreen("the second query's first match", func(string) bool {
		m := more.FindStringSubmatch(h.StatusLine())
		return m != nil && m[1] != "2"
	})
	h.Key(tuitest.Plain('n'))
	h.StatusShows("match 2 of ")
	h.Lacks("encoding forced to") // n did not cycle the encoding
	h.Quit()
}
