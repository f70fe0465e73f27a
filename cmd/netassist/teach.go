package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/netassist/netassist/headless"
	"github.com/netassist/netassist/httpserve/annotate"
	"github.com/netassist/netassist/netassist/i18n"
)

// The teaching commands (annotate, check, diff) read bytes, explain them
// and exit: no engine, no TUI. Their work is in httpserve/annotate,
// httpserve/check and httpserve/reqdiff; this file is the shared wiring.

// maxInput bounds what a teaching command reads (a message, a record).
const maxInput = 256 << 20

// defaultWidth is the text width when the output is not a terminal and
// $COLUMNS is not set.
const defaultWidth = 100

// teachFlags are the flags every teaching command takes.
type teachFlags struct {
	lang  i18n.Lang
	width int
}

func (t *teachFlags) register(fs *pflag.FlagSet) {
	t.registerLang(fs)
	fs.IntVar(&t.width, "width", 0, "wrap text at this many columns (default: the terminal's width, else $COLUMNS, else 100)")
}

// registerLang registers --lang only: check writes one finding a line and
// does not wrap, so it has no --width.
func (t *teachFlags) registerLang(fs *pflag.FlagSet) {
	t.lang = i18n.FromEnv(os.Getenv)
	fs.Var(&t.lang, "lang", "language of the explanations: en or zh (default from LC_ALL, LC_MESSAGES, LANG)")
}

// readInput reads the command's input: the file named by args[0], or
// standard input for "-" or no argument. With no argument and a terminal
// on standard input it is a usage error rather than a silent wait.
func readInput(cmd *cobra.Command, args []string) ([]byte, error) {
	name := "-"
	if len(args) > 0 {
		name = args[0]
	}
	var r io.Reader
	if name == "-" {
		in := cmd.InOrStdin()
		if f, ok := in.(*os.File); ok && len(args) == 0 && term.IsTerminal(f.Fd()) {
			return nil, usageError{cmd: cmd.CommandPath(),
				err: errors.New("give a FILE, or pipe the bytes in (e.g. 'curl -si URL | netassist " + cmd.Name() + "')")}
		}
		r = in
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, runtimeError{err}
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, runtimeError{fmt.Errorf("read %s: %w", name, err)}
	}
	if len(b) > maxInput {
		return nil, runtimeError{fmt.Errorf("%s is larger than %d MiB", name, maxInput>>20)}
	}
	return b, nil
}

// output wraps w so that styles reach a terminal and nothing else (a
// pipe or file gets plain text), and says how wide to lay text out.
func output(w io.Writer, width int) (io.Writer, annotate.Style, int) {
	cw := colorprofile.NewWriter(w, os.Environ())
	style := annotate.Style(nil)
	if cw.Profile > colorprofile.NoTTY {
		style = terminalStyle
	}
	if width <= 0 {
		width = defaultWidth
		if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
			width = n
		}
		if f, ok := w.(*os.File); ok && term.IsTerminal(f.Fd()) {
			if tw, _, err := term.GetSize(f.Fd()); err == nil && tw > 0 {
				width = tw
			}
		}
	}
	return cw, style, width
}

// roleStyles are the colours of the annotated view on a terminal (ANSI
// 16-colour indexes, so the terminal's theme decides the shades).
var roleStyles = map[annotate.Role]lipgloss.Style{
	annotate.RoleTitle:   lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("12")),
	annotate.RoleSection: lipgloss.NewStyle().Foreground(lipgloss.Color("6")),
	annotate.RoleOffset:  lipgloss.NewStyle().Faint(true),
	annotate.RoleMarker:  lipgloss.NewStyle().Faint(true),
	annotate.RoleEscape:  lipgloss.NewStyle().Foreground(lipgloss.Color("5")),
	annotate.RoleValue:   lipgloss.NewStyle().Foreground(lipgloss.Color("2")),
	annotate.RoleStatus:  lipgloss.NewStyle().Foreground(lipgloss.Color("3")),
	annotate.RoleFraming: lipgloss.NewStyle().Foreground(lipgloss.Color("6")),
	annotate.RoleError:   lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("9")),
	annotate.RoleWarning: lipgloss.NewStyle().Foreground(lipgloss.Color("11")),
	annotate.RoleInfo:    lipgloss.NewStyle().Faint(true),
}

func terminalStyle(r annotate.Role, s string) string {
	if st, ok := roleStyles[r]; ok {
		return st.Render(s)
	}
	return s
}

// errFindings ends check with exit 1 without another line on stderr: the
// findings said it all.
var errFindings = runtimeError{headless.ErrReported}
