// Package recvpane is the receive pane of the Server and Client tabs: the
// chunks of one filter (a tab, or one connection), interleaved in arrival
// order, each labelled with its connection, direction, size and time, as
// text through the one sanitizer or as a hexdump; with pause, clear, show
// sent, receive encodings, chunk selection (checksums, copy) and saves.
//
// Files: recvpane.go the model and its keys, pieces.go rendering and the
// render cache, walk.go reading the store for a frame and scrolling,
// options.go the display options, selection.go chunk selection, save.go
// the w and W saves.
package recvpane

import (
	"fmt"
	"math"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/searchfield"
)

// Model shows the chunks of one filter (a tab, or one connection) as
// text or hex. It never holds the capture: each frame it asks the store
// for the chunks it will draw, and renders each chunk once (cached by
// sequence number), so its cost follows the screen size, not the amount
// captured.
//
// Display options narrow what is drawn without touching the store: chunks
// at or below floor are cleared from the display, chunks above pauseSeq
// wait while paused, and sent chunks are skipped when showSent is off.
// The store skips those (Filter.HideSent) without copying them out, so a
// frame reaches the received data it shows however much sent data lies
// between: the pane never loses bytes from its view of the store.
// Model is a pane: a Component that can hold the focus.
var (
	_ common.Component = (*Model)(nil)
	_ common.Focusable = (*Model)(nil)
)

type Model struct {
	c     common.Common
	store *netassist.Store

	filter     netassist.Filter
	empty      string // the body while nothing was received
	focused    bool
	boxW, boxH int // the box, as given to SetSize
	width      int // inner width (cells)
	height     int // inner lines
	piece      int // bytes per piece of a big chunk (pieceBytes)
	hex        bool
	timestamps bool
	enc        render.Encoding // text view decoding
	showSent   bool

	// follow keeps the newest data in view; when false, top is the first
	// visible line.
	follow bool
	top    anchor
	// bottomTop is where the top line was in the last follow frame, so
	// scrolling up starts from what the user saw; bottomEnd where its
	// bottom line was (bottomOK: the frame drew a line).
	bottomTop, bottomEnd anchor
	bottomOK             bool
	// Catch-up (catchup.go): end is the bottom line of the last follow
	// frame (endOK: there was one, and nothing since moved the lines);
	// caughtUp says that frame showed lines after it rather than the
	// newest, from frameTop.
	end, frameTop   anchor
	endOK, caughtUp bool

	// floor hides chunks with Seq <= floor (clear display).
	floor uint64
	// paused freezes the display at pauseSeq; baseIn and baseOut are the
	// filter's byte counters then, for the "waiting" badge.
	paused          bool
	pauseSeq        uint64
	baseIn, baseOut int64

	// Chunk selection: sel is the selected chunk's Seq; sums the lines of
	// its checksum box while shown.
	selecting bool
	sel       uint64
	sums      []string
	// shown is the data chunks drawn in the last frame, oldest first.
	shown []uint64

	cache      map[pieceKey]cacheEntry // rendered lines by chunk Seq and piece (cache.go)
	cacheBytes int                     // the bytes the cache holds
	frame      uint64                  // counts frames, for the cache
	cuts       map[uint64][]int        // where each big chunk's pieces start
	remotes    map[netassist.ConnID]string

	srch searchState // search.go

	label string // the title's word on the bytes (SetLabel)

	// Presenter highlight (present.go): chunks newer than hlFor are
	// drawn as new; hlGen drops ticks of an earlier setting; fresh says
	// the piece being rendered is new.
	hlFor time.Duration
	hlGen int
	fresh bool
}

// anchor is a line position: line number within a piece of the chunk with
// this Seq.
type anchor struct {
	seq   uint64
	piece int
	line  int
}

// New returns the pane showing tab's chunks in st: following, timestamps
// on, sent data shown.
func New(c common.Common, st *netassist.Store, tab netassist.Tab) *Model {
	return &Model{
		c: c, store: st,
		filter:     netassist.Filter{Tab: tab},
		follow:     true,
		timestamps: true,
		showSent:   true,
		piece:      pieceBytes,
		cache:      make(map[pieceKey]cacheEntry),
		cuts:       make(map[uint64][]int),
		remotes:    make(map[netassist.ConnID]string),
		srch:       searchState{field: searchfield.New(c)},
	}
}

// Init does nothing: the pane reads the store when drawn.
func (p *Model) Init() tea.Cmd { return nil }

// Update handles the pane's keys (when it has focus), pastes into the
// search field, search results and a change of the terminal's background
// (the cached lines hold the old styles).
func (p *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		cmd, _ := p.key(msg)
		return cmd
	case tea.PasteMsg:
		if p.srch.field.IsOpen() {
			return p.searchInput(msg)
		}
	case SearchMsg:
		return p.searchResult(msg)
	case TickMsg:
		return p.onTick(msg)
	case tea.BackgroundColorMsg:
		p.invalidate()
	}
	return nil
}

func (p *Model) invalidate() { clear(p.cache); clear(p.cuts); p.cacheBytes = 0; p.endOK = false }

// SetSize sizes the box; the text area is 2 less each way.
func (p *Model) SetSize(w, h int) {
	p.boxW, p.boxH = max(w, 0), max(h, 0)
	w, h = max(w-2, 1), max(h-2, 0)
	if w != p.width {
		p.invalidate()
	}
	p.width, p.height = w, h
}

// SetEmpty sets what the body says while nothing was received.
func (p *Model) SetEmpty(s string) { p.empty = s }

// Focus, Blur, Focused and TakesText make the pane Focusable: it takes
// text only while its search field is open, so its plain letters are
// commands otherwise. Leaving the pane (esc, tab) closes the field.
func (p *Model) Focus() tea.Cmd  { p.focused = true; return nil }
func (p *Model) Blur()           { p.focused = false; p.srch.field.Close() }
func (p *Model) Focused() bool   { return p.focused }
func (p *Model) TakesText() bool { return p.srch.field.IsOpen() }

// Filter is what the pane shows.
func (p *Model) Filter() netassist.Filter { return p.filter }

// SetFilter shows f instead (the Server tab's connection list chooses).
func (p *Model) SetFilter(f netassist.Filter) {
	if f != p.filter {
		p.filter = f
		p.follow = true
		p.endOK = false
		p.leaveSelect()
		p.searchChanged()
		if p.paused {
			// The new selection is paused from now: its badge counts
			// what arrives after this.
			p.pause()
		}
	}
}

// Hex reports whether the pane shows a hexdump.
func (p *Model) Hex() bool { return p.hex }

// Following reports whether the newest data is kept in view.
func (p *Model) Following() bool { return p.follow }

// Selecting reports whether a chunk is selected (its keys then apply).
func (p *Model) Selecting() bool { return p.selecting }

func (p *Model) toggleHex()        { p.hex = !p.hex; p.invalidate() }
func (p *Model) toggleTimestamps() { p.timestamps = !p.timestamps; p.invalidate() }

// hi is the newest Seq the pane may draw.
func (p *Model) hi() uint64 {
	if p.paused {
		return p.pauseSeq
	}
	return math.MaxUint64
}

// query is the filter the pane reads the store with: its filter, hiding
// sent data when the display does.
func (p *Model) query() netassist.Filter {
	f := p.filter
	f.HideSent = !p.showSent
	return f
}

// keep reports whether the display options let c be drawn (the Seq bounds
// aside).
func (p *Model) keep(c *netassist.Chunk) bool {
	return p.showSent || c.Kind != netassist.KindData || c.Dir != netassist.Out
}

// GlobalKey handles the pane's keys that work from every pane of its tab
// (alt+x, alt+d, alt+q, alt+o, alt+g) and reports whether msg was one.
func (p *Model) GlobalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := p.c.Keys
	switch {
	case key.Matches(msg, k.ViewHex):
		p.toggleHex()
		return nil, true
	case key.Matches(msg, k.Timestamps):
		p.toggleTimestamps()
		return nil, true
	}
	return p.optionKey(msg)
}

// key handles the receive pane's own keys (when it has focus) and reports
// whether msg was one of them, with the Cmd it asks for (a status
// message, a clipboard write, a save).
func (p *Model) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := p.c.Keys
	if p.srch.field.IsOpen() {
		return p.searchInput(msg), true
	}
	if p.selecting {
		if cmd, ok := p.selectKey(msg); ok {
			return cmd, true
		}
	}
	if cmd, ok := p.optionKey(msg); ok {
		return cmd, true
	}
	vk := &k.View
	switch {
	case common.ScrollKey(msg, k, p):
	case key.Matches(msg, k.ViewHexPlain):
		p.toggleHex()
	case key.Matches(msg, k.TimesPlain):
		p.toggleTimestamps()
	case key.Matches(msg, vk.PausePlain):
		return p.togglePause(), true
	case key.Matches(msg, vk.ShowSentPlain):
		return p.toggleSent(), true
	case key.Matches(msg, vk.EncodingPlain):
		return p.cycleEncoding(), true
	case key.Matches(msg, vk.ClearView):
		return p.clearDisplay(), true
	case key.Matches(msg, vk.Select):
		return p.enterSelect(), true
	case key.Matches(msg, vk.Save):
		return p.saveConnCmd(), true
	case key.Matches(msg, vk.SaveSession):
		return p.saveSessionCmd(), true
	case key.Matches(msg, k.Search.Open):
		return p.openSearch(), true
	case key.Matches(msg, k.Search.Next) && p.Searching():
		return p.nextMatch(true), true
	case key.Matches(msg, k.Search.Prev) && p.Searching():
		return p.nextMatch(false), true
	default:
		return nil, false
	}
	return nil, true
}

// position describes the scroll position for the pane title.
func (p *Model) position() string {
	if p.paused {
		if w := p.waiting(); w > 0 {
			return fmt.Sprintf(p.c.Text.View.PausedWaiting, common.FormatSize(w))
		}
		return p.c.Text.View.Paused
	}
	if p.follow {
		return p.c.Text.Following
	}
	n, pos := p.store.Count(p.filter, p.top.seq)
	if p.floor > 0 {
		_, f := p.store.Count(p.filter, p.floor+1)
		n, pos = n-f, pos-f
	}
	return fmt.Sprintf(p.c.Text.Scrolled, max(pos+1, 1), max(n, 0))
}

// SetLabel sets what the title says of the bytes shown, after the
// connection: "TLS decrypted" while the tab speaks TLS ("" for nothing).
func (p *Model) SetLabel(s string) { p.label = s }

// title is "Receive[ #id][ · label] · position[ · hex][ · badges][ · dropped]".
func (p *Model) title() string {
	t := p.c.Text
	title := t.Receive
	if id := p.filter.Conn; id != 0 {
		title += fmt.Sprintf(" #%d", id)
	}
	if p.label != "" {
		title += " · " + p.label
	}
	title += " · " + p.position()
	if p.hex {
		title += " · " + t.ModeHex
	}
	title += p.badges() + p.searchBadge()
	if d := p.dropped(); d > 0 {
		title += " · " + fmt.Sprintf(t.DroppedFromView, common.FormatSize(d))
	}
	return title
}

// dropped is how much of the filter's data the capture budget evicted.
func (p *Model) dropped() int64 {
	if id := p.filter.Conn; id != 0 {
		info, _ := p.store.Conn(id)
		return info.DroppedBytes
	}
	return p.store.Totals(p.filter.Tab).DroppedBytes
}

// View draws the box of exactly the size given: the title, then the
// newest lines (following) or the lines from the top anchor.
func (p *Model) View() string {
	return common.BoxView(p.c.Styles, p.title(), p.body(), p.boxW, p.boxH, p.focused)
}

// body renders the text area: exactly height lines of width cells, or
// fewer.
func (p *Model) body() []string {
	lines := p.visible()
	if len(lines) == 0 && p.height > 0 {
		empty := p.empty
		if p.floor > 0 {
			empty = p.c.Text.View.ClearedEmpty
		}
		lines = []string{p.c.Styles.Dim.Render(ansi.Truncate(empty, p.width, "…"))}
	}
	lines = p.overlaySums(lines)
	if p.srch.field.IsOpen() && p.height > 0 {
		// The field takes the last row.
		lines = common.FitLines(lines, p.height, p.width)
		lines[p.height-1] = p.srch.field.View(p.width)
	}
	return lines
}

// ShortHelp is the pane's keys that matter now.
func (p *Model) ShortHelp() []key.Binding {
	k := p.c.Keys
	switch {
	case p.srch.field.IsOpen():
		return []key.Binding{k.Search.Find, k.Back}
	case p.selecting:
		return k.View.SelectHelp()
	case p.Searching():
		return []key.Binding{k.Search.Next, k.Search.Prev, k.Search.Open, k.Up, k.ViewHexPlain, k.Follow}
	}
	return []key.Binding{k.Up, k.ViewHexPlain, k.TimesPlain, k.View.PausePlain, k.View.Select, k.Search.Open, k.Follow}
}

// FullHelp is the pane's keys, by group.
func (p *Model) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{
		{k.ViewHex, k.Timestamps, k.ViewHexPlain, k.TimesPlain, k.Up, k.PageUp, k.Top, k.Follow},
		k.View.HelpGroup(),
		k.Search.HelpGroup(),
	}
}

// MoveBy, MoveToTop, MoveToBottom and PageSize make the pane a Scroller;
// the bottom follows new data again.
func (p *Model) MoveBy(n int) {
	if n < 0 {
		p.scrollUp(-n)
	} else {
		p.scrollDown(n)
	}
}
func (p *Model) MoveToTop()    { p.gotoTop() }
func (p *Model) MoveToBottom() { p.follow = true }
func (p *Model) PageSize() int { return p.height - 1 }
