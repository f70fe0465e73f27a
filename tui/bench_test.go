package tui

import (
	"context"
	"fmt"
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/tabs/server"
)

// UI cost must not grow with what was captured (issue 5): these
// benchmarks draw the Server tab over a store holding 1 GiB in 10,000
// connections. The store is filled directly (Store.Open, Store.Data) with
// a budget big enough to keep all of it.
//
//	go test -run '^$' -bench . ./tui

const (
	benchConns     = 10_000
	benchBytes     = 1 << 30
	benchChunk     = 16 << 10
	benchW, benchH = 120, 40
)

var (
	bigStoreOnce sync.Once
	bigStore     *netassist.Store
)

// filledStore returns the shared store with 1 GiB captured over 10,000
// connections (every connection gets chunks, round robin).
func filledStore() *netassist.Store {
	bigStoreOnce.Do(func() {
		st := netassist.NewStore(2 * benchBytes)
		ids := make([]netassist.ConnID, benchConns)
		for i := range ids {
			ids[i] = st.RecordOpen(netassist.TabServer, "127.0.0.1:7890", fmt.Sprintf("127.0.0.1:%d", 20000+i))
		}
		var sb strings.Builder
		for sb.Len() < benchChunk {
			fmt.Fprintf(&sb, "GET /item/%d HTTP/1.1\r\nHost: example.test\r\nUser-Agent: bench\x01\xff\r\n\r\n", sb.Len())
		}
		chunk := []byte(sb.String()[:benchChunk])
		for i := 0; i < benchBytes/benchChunk; i++ {
			st.RecordData(ids[i%benchConns], netassist.In, chunk, 0)
		}
		bigStore = st
	})
	return bigStore
}

// benchModel is the root model on st, sized, Server tab shown.
func benchModel(st *netassist.Store) (Model, *server.Model) {
	m := New(Config{Store: st, Server: &netassist.Server{Store: st}, ListenAddr: "127.0.0.1:0", IsDark: true})
	m = update(m, tea.WindowSizeMsg{Width: benchW, Height: benchH})
	return m, m.tabs[tabServer].(*server.Model)
}

func update(m Model, msg tea.Msg) Model {
	nm, _ := m.Update(msg)
	return nm.(Model)
}

// BenchmarkServerView is one frame of the Server tab, following the
// newest data, render cache warm.
func BenchmarkServerView(b *testing.B) {
	st := filledStore()
	m, _ := benchModel(st)
	m.View()
	checkBenchFrame(b, m)
	for b.Loop() {
		m.View()
	}
}

// BenchmarkServerViewNewChunk is one frame after a new 16 KiB chunk
// arrived: the chunk is rendered (cache miss), the rest comes from the
// cache.
func BenchmarkServerViewNewChunk(b *testing.B) {
	st := filledStore()
	m, _ := benchModel(st)
	m.View()
	chunk := []byte(strings.Repeat("new data line\r\n", benchChunk/15))
	for b.Loop() {
		st.RecordData(netassist.ConnID(1), netassist.In, chunk, 0)
		m.View()
	}
}

// BenchmarkServerScroll scrolls the receive pane up one line (the key
// through Update) and draws the frame.
func BenchmarkServerScroll(b *testing.B) {
	st := filledStore()
	m, t := benchModel(st)
	t.SetFocus(t.Recv)
	up := tea.KeyPressMsg{Code: tea.KeyUp}
	m.View()
	for b.Loop() {
		m = update(m, up)
		m.View()
	}
	if t.Recv.Following() {
		b.Fatal("scrolling up did not leave follow mode")
	}
}

// BenchmarkConnListScroll moves the selection in the list of 10,000
// connections one row down (which also filters the receive pane to that
// connection) and draws the frame.
func BenchmarkConnListScroll(b *testing.B) {
	st := filledStore()
	m, _ := benchModel(st)
	m = update(m, tea.KeyPressMsg{Code: tea.KeyTab}) // send → receive
	m = update(m, tea.KeyPressMsg{Code: tea.KeyTab}) // → connections
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	top := tea.KeyPressMsg{Code: tea.KeyHome}
	m.View()
	i := 0
	for b.Loop() {
		if i++; i%(benchConns-1) == 0 {
			m = update(m, top)
		}
		m = update(m, down)
		m.View()
	}
}

func checkBenchFrame(b *testing.B, m Model) {
	frame := ansi.Strip(m.View().Content)
	if !strings.Contains(frame, "#10000") && !strings.Contains(frame, "GET /item/") {
		b.Fatalf("frame does not show the capture:\n%s", frame)
	}
	if n := strings.Count(frame, "\n") + 1; n != benchH {
		b.Fatalf("frame has %d lines, want %d", n, benchH)
	}
}

var markRE = regexp.MustCompile(`MARK(\d{6})`)

// BenchmarkFrameLatency measures how long bytes take to appear on screen
// while another connection floods the server: a real netassist.Server on
// loopback, the model driven as Bubble Tea drives it (wait for the store's
// coalesced change signal, Update, View, at most 60 frames a second), the
// receive pane filtered to a probe connection that sends a marker every
// 10 ms (on a schedule: a late one goes at once). Reported: p50 and p99
// from write to first frame showing it, and markers never shown (the run
// lasts until a second after the last marker was written). With the default 64 MiB budget a flood of several
// GB/s turns the whole budget over in tens of milliseconds: the store's
// fair eviction (the heaviest connection gives up its oldest chunk) is
// what keeps the probe's markers until a frame shows them. budget=1GiB
// measures the UI alone.
func BenchmarkFrameLatency(b *testing.B) {
	for _, budget := range []int64{0, 1 << 30} {
		name := "budget=default"
		if budget > 0 {
			name = "budget=1GiB"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				frameLatency(b, budget, 3*time.Second)
			}
		})
	}
}

func frameLatency(b *testing.B, budget int64, d time.Duration) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st := netassist.NewStore(budget)
	srv := &netassist.Server{Store: st}
	addr, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()

	// The flood.
	fc, err := net.Dial("tcp", addr.String())
	if err != nil {
		b.Fatal(err)
	}
	defer fc.Close()
	var flooded atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		buf := []byte(strings.Repeat("flood flood flood\n", 64<<10/18))
		for {
			select {
			case <-stop:
				return
			default:
			}
			n, err := fc.Write(buf)
			flooded.Add(int64(n))
			if err != nil {
				return
			}
		}
	}()

	// The probe, shown alone in the receive pane.
	pc, err := net.Dial("tcp", addr.String())
	if err != nil {
		b.Fatal(err)
	}
	defer pc.Close()
	var probeID netassist.ConnID
	for deadline := time.Now().Add(5 * time.Second); probeID == 0; {
		for _, c := range st.Conns(netassist.TabServer, 0, 10) {
			if c.Remote == pc.LocalAddr().String() {
				probeID = c.ID
			}
		}
		if time.Now().After(deadline) {
			b.Fatal("probe connection not seen")
		}
		time.Sleep(time.Millisecond)
	}
	m := New(Config{Store: st, Server: srv, IsDark: true, Context: ctx})
	m = update(m, tea.WindowSizeMsg{Width: benchW, Height: benchH})
	m.tabs[tabServer].(*server.Model).Select(probeID)

	const every = 10 * time.Millisecond
	count := int(d / every)
	sent := make([]atomic.Int64, count) // UnixNano of each marker's write
	wg.Add(1)
	var sentAll atomic.Int64 // UnixNano of the last marker's write, once written
	go func() {
		defer wg.Done()
		// On a schedule, not a ticker: a ticker drops the ticks a busy
		// machine makes it miss, and the markers then ran past the end of
		// the measurement (counted as never shown while nobody had sent
		// them yet). A late marker goes at once.
		t0 := time.Now()
		for i := range count {
			time.Sleep(time.Until(t0.Add(time.Duration(i+1) * every)))
			now := time.Now()
			sent[i].Store(now.UnixNano())
			if _, err := fmt.Fprintf(pc, "MARK%06d\n", i); err != nil {
				return
			}
			if i == count-1 {
				sentAll.Store(now.UnixNano())
			}
		}
	}()

	seen := make([]time.Duration, count)
	nseen := 0
	frames := 0
	cmd := common.WaitForChange(ctx, st.Changed(), 0)
	start := time.Now()
	// Until every marker showed, or a second after the last one was
	// written (a marker not on screen by then was lost), or a hard stop.
	hardStop := start.Add(d + 10*time.Second)
	for nseen < count && time.Now().Before(hardStop) {
		if last := sentAll.Load(); last != 0 && time.Since(time.Unix(0, last)) > time.Second {
			break
		}
		msg := cmd()
		var nm tea.Model
		nm, cmd = m.Update(msg)
		m = nm.(Model)
		frame := m.View().Content
		now := time.Now()
		frames++
		for _, sm := range markRE.FindAllStringSubmatch(ansi.Strip(frame), -1) {
			i, _ := strconv.Atoi(sm[1])
			if i < count && seen[i] == 0 {
				if at := sent[i].Load(); at != 0 {
					seen[i] = now.Sub(time.Unix(0, at))
					nseen++
				}
			}
		}
	}
	elapsed := time.Since(start)
	close(stop)
	fc.Close()
	wg.Wait()
	lat := make([]time.Duration, 0, count)
	for _, l := range seen {
		if l == 0 {
			l = time.Hour // never shown
		}
		lat = append(lat, l)
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(count-nseen), "missed")
	b.ReportMetric(float64(frames)/elapsed.Seconds(), "frames/s")
	b.ReportMetric(float64(flooded.Load())/elapsed.Seconds()/1e9, "flood-GB/s")
}
