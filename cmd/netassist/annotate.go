package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netassist/netassist/httpserve/annotate"
	"github.com/netassist/netassist/netassist/export"
	"github.com/netassist/netassist/netassist/i18n"
)

// annotateFlags are annotate's own flags.
type annotateFlags struct {
	teach   teachFlags
	methods []string
	conn    uint64
	dir     enumFlag
	maxBody int
}

// newAnnotateCmd builds `netassist annotate [FILE|-]`.
func newAnnotateCmd() *cobra.Command {
	f := &annotateFlags{dir: enumFlag{choices: []string{"in", "out"}}}
	cmd := &cobra.Command{
		Use:   "annotate [FILE|-]",
		Short: "Explain an HTTP/1.x message line by line",
		Long: `Read one HTTP/1.x message, or a stream of several (requests or responses, as the
first bytes say), and explain each wire line: its parts, what each header means,
q-values read out, the status code's meaning, every CRLF and the blank line, and
the body checked against its framing. Problems are shown where they are, as
'netassist check' reports them.

A --record file (JSON Lines) is recognised by its content: each connection's
bytes are annotated per direction, responses with the methods of the requests
they answer. --conn and --dir pick streams.`,
		Example: `netassist annotate request.bin
curl -si http://127.0.0.1:8080/ | netassist annotate --lang zh
netassist annotate session.jsonl --conn 3 --dir out`,
		Args: hinted(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := readInput(cmd, args)
			if err != nil {
				return err
			}
			w, style, width := output(cmd.OutOrStdout(), f.teach.width)
			return runAnnotate(w, b, f, style, width)
		},
	}
	fs := cmd.Flags()
	f.teach.register(fs)
	fs.StringSliceVar(&f.methods, "method", nil, "methods of the requests the responses answer, in order (a reply to HEAD has no body)")
	fs.Uint64Var(&f.conn, "conn", 0, "record input: only this connection")
	fs.Var(&f.dir, "dir", "record input: only this direction, in or out")
	fs.IntVar(&f.maxBody, "max-body", annotate.DefaultMaxBody, "body bytes shown per message (0: none)")
	cmd.RegisterFlagCompletionFunc("dir", f.dir.complete)
	return cmd
}

func runAnnotate(w io.Writer, b []byte, f *annotateFlags, style annotate.Style, width int) error {
	o := annotate.Options{Lang: f.teach.lang, Methods: f.methods, MaxBody: f.maxBody}
	if f.maxBody == 0 {
		o.MaxBody = -1
	}
	var lines []string
	if annotate.IsRecord(b) {
		streams, err := annotate.Streams(export.FromRecord(bytes.NewReader(b)))
		if err != nil {
			return runtimeError{err}
		}
		n := 0
		for _, sd := range annotate.AnnotateStreams(streams, o) {
			if (f.conn != 0 && sd.Conn != f.conn) || (f.dir.value != "" && sd.Dir != f.dir.value) {
				continue
			}
			if n > 0 {
				lines = append(lines, "")
			}
			n++
			lines = append(lines, style0(style)(annotate.RoleSection, "── "+sd.Title+" ──"))
			lines = append(lines, sd.Doc.Render(width, style)...)
		}
		if n == 0 {
			return runtimeError{fmt.Errorf("the record holds no data for that connection and direction")}
		}
	} else {
		if len(b) > annotateWindow {
			// The view costs up to ~200 bytes of memory per byte explained
			// (a line per 1-byte chunk, per header line): explain the first
			// window, as the TUI's f7 view does, and say so.
			b, o.Cut = b[:annotateWindow], true
		}
		lines = annotate.Annotate(b, o).Render(width, style)
		if o.Cut {
			lines = append(lines, cutNote(f.teach.lang, annotateWindow))
		}
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n")+"\n")
	return err
}

// annotateWindow is the most bytes of one message stream annotate
// explains (the rest is named, not explained): the TUI's f7 window, so the
// two views of one message agree.
const annotateWindow = 256 << 10

// cutNote says that only the first n bytes were explained.
func cutNote(l i18n.Lang, n int) string {
	if l == i18n.Chinese {
		return fmt.Sprintf("（只解释了前 %d KiB；其余未显示）", n>>10)
	}
	return fmt.Sprintf("(only the first %d KiB are explained; the rest is not shown)", n>>10)
}

// style0 is s, or plain text when s is nil.
func style0(s annotate.Style) annotate.Style {
	if s == nil {
		return func(_ annotate.Role, t string) string { return t }
	}
	return s
}
