package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// graphemeInputs are the clusters of netassist/render/testdata/graphemes.txt
// as a peer sends them, by name.
func graphemeInputs(t *testing.T) (names, ins []string) {
	t.Helper()
	f, err := os.Open("../../netassist/render/testdata/graphemes.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		in, err := strconv.Unquote(fields[1])
		if len(fields) != 3 || err != nil {
			t.Fatalf("graphemes.txt: %q", line)
		}
		names, ins = append(names, fields[0]), append(ins, in)
	}
	if len(ins) < 40 {
		t.Fatalf("graphemes.txt: %d clusters", len(ins))
	}
	return names, ins
}

// rowWidths returns the width of each row as tmux itself measures it (the
// #{w:} format over user options), so a cluster tmux draws wider or
// narrower than netassist counted shows up.
func (s *tmuxSession) rowWidths(rows []string) []int {
	s.t.Helper()
	var args []string
	var format []string
	for i, r := range rows {
		args = append(args, "set-option", "-g", fmt.Sprintf("@row%d", i), r, ";")
		format = append(format, fmt.Sprintf("#{w:@row%d}", i))
	}
	args = append(args, "display-message", "-p", strings.Join(format, " "))
	out := strings.Fields(s.run(args...))
	if len(out) != len(rows) {
		s.t.Fatalf("tmux measured %d rows of %d: %q", len(out), len(rows), out)
	}
	ws := make([]int, len(out))
	for i, o := range out {
		ws[i], _ = strconv.Atoi(o)
	}
	return ws
}

// checkBorders fails unless every bordered row of the pane (one that starts
// with a box edge) is exactly w cells wide in tmux's measure and ends with
// a box edge: the right border in the last column.
func (s *tmuxSession) checkBorders(what string, w, h int) {
	s.t.Helper()
	screen := strings.TrimSuffix(s.run("capture-pane", "-p", "-N", "-t", s.name), "\n")
	rows := strings.Split(screen, "\n")
	if len(rows) != h {
		s.t.Fatalf("%s: %d rows captured:\n%s", what, len(rows), screen)
	}
	var bordered []string
	for _, r := range rows {
		if strings.HasPrefix(r, "│") || strings.HasPrefix(r, "╭") || strings.HasPrefix(r, "╰") {
			bordered = append(bordered, r)
		}
	}
	if len(bordered) < h/2 {
		s.t.Fatalf("%s: only %d bordered rows:\n%s", what, len(bordered), screen)
	}
	for i, cw := range s.rowWidths(bordered) {
		r := strings.TrimRight(bordered[i], " ")
		if cw != w || !(strings.HasSuffix(r, "│") || strings.HasSuffix(r, "╮") || strings.HasSuffix(r, "╯")) {
			s.t.Fatalf("%s: row %q is %d cells in tmux (want %d) or its right border moved:\n%s", what, bordered[i], cw, w, screen)
		}
	}
}

// TestTmuxGraphemesKeepTheBorders sends every cluster of the table from a
// loopback peer to the Server tab at 80×24 (issue 12 item 4): after each,
// alone and doubled, and after all of them on one line, every bordered row
// of the captured pane ends with its right border in column 80.
func TestTmuxGraphemesKeepTheBorders(t *testing.T) {
	const w, h = 80, 24
	names, ins := graphemeInputs(t)
	s := newTmux(t, w, h)
	s.keys("LANG=C.UTF-8 "+binary+" -l 127.0.0.1:0", "Enter")
	m := s.waitFor("listening", regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`))
	c, err := net.Dial("tcp", m[1])
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	send := func(b string, end string) {
		t.Helper()
		if _, err := c.Write([]byte(b + "\r\n" + end + "\r\n")); err != nil {
			t.Fatal(err)
		}
		s.waitFor(end, regexp.MustCompile(regexp.QuoteMeta(end)))
	}
	for i, in := range ins {
		send(names[i]+" "+in+" x"+in+in+"y", fmt.Sprintf("END%02d", i))
		s.checkBorders(names[i], w, h)
	}
	send(strings.Join(ins, ""), "ENDALL")
	s.checkBorders("all clusters on one line", w, h)
	s.keys("M-x")
	s.waitFor("hex view", regexp.MustCompile(`· hex`))
	s.checkBorders("hex view", w, h)
}
