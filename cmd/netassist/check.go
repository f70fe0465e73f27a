package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/netassist/netassist/httpserve/annotate"
	"github.com/netassist/netassist/httpserve/check"
	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist/export"
)

// checkFlags are check's own flags.
type checkFlags struct {
	teach   teachFlags
	format  enumFlag
	methods []string
	fix     bool
}

// newCheckCmd builds `netassist check [FILE|-]`.
func newCheckCmd() *cobra.Command {
	f := &checkFlags{format: enumFlag{value: "text", choices: []string{"text", "jsonl"}}}
	cmd := &cobra.Command{
		Use:   "check [FILE|-]",
		Short: "Check a hand-written HTTP/1.x message: findings, exit 1 on an error",
		Long: `Read one HTTP/1.x message, or a stream of several, and print one line per
problem: severity, a stable code, the byte offset and what is wrong, e.g.

  error content-length-mismatch @62: Content-Length says 20, the body has 46 bytes

Exit status: 1 when any finding is an error, 0 otherwise (warnings only, or
none), 2 on a usage error; an empty input holds no message: exit 1. --fix writes the message with every fix that has a
single right answer applied (Content-Length, bare LF to CRLF, the missing blank
line, Content-Length beside chunked) to stdout, and the findings it fixed to
stderr. A --record file is checked stream by stream.`,
		Example: `netassist check reply.http
netassist check --format jsonl reply.http
netassist check --fix reply.http > fixed.http`,
		Args: hinted(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.fix && f.format.value == "jsonl" {
				return usageError{cmd: cmd.CommandPath(), err: errors.New("--fix writes the message itself: use it without --format jsonl")}
			}
			b, err := readInput(cmd, args)
			if err != nil {
				return err
			}
			if len(b) == 0 {
				// No bytes is no HTTP message, not a message without
				// findings (breaker-2 nit 6: "no findings", exit 0).
				name := "standard input"
				if len(args) > 0 && args[0] != "-" {
					name = args[0]
				}
				return runtimeError{fmt.Errorf("%s is empty: there is no HTTP message to check", name)}
			}
			return runCheck(cmd.OutOrStdout(), cmd.ErrOrStderr(), b, f)
		},
	}
	fs := cmd.Flags()
	f.teach.registerLang(fs)
	fs.Var(&f.format, "format", "output: text (one line per finding) or jsonl (one JSON object per finding)")
	fs.StringSliceVar(&f.methods, "method", nil, "methods of the requests the responses answer, in order (a reply to HEAD has no body)")
	fs.BoolVar(&f.fix, "fix", false, "write the message with its fixes applied to stdout")
	cmd.RegisterFlagCompletionFunc("format", f.format.complete)
	return cmd
}

// finding is one line of `check --format jsonl`.
type finding struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Offset   int64  `json:"offset"`
	Msg      string `json:"msg"`
	// Stream names the record stream ("web/3/out") for record input.
	Stream string `json:"stream,omitempty"`
}

func runCheck(stdout, stderr io.Writer, b []byte, f *checkFlags) error {
	o := check.Options{Methods: f.methods}
	if f.fix {
		out, fixed := check.FixAll(b, o)
		for _, x := range fixed {
			fmt.Fprintln(stderr, check.FixedLine(x, f.teach.lang))
		}
		if _, err := stdout.Write(out); err != nil {
			return runtimeError{err}
		}
		if check.HasError(check.Check(out, o)) {
			return errFindings
		}
		return nil
	}
	type unit struct {
		name string
		fs   []wire.Finding
	}
	var units []unit
	if annotate.IsRecord(b) {
		streams, err := annotate.Streams(export.FromRecord(bytes.NewReader(b)))
		if err != nil {
			return runtimeError{err}
		}
		for _, sd := range annotate.AnnotateStreams(streams, annotate.Options{Lang: f.teach.lang}) {
			units = append(units, unit{fmt.Sprintf("%s/%d/%s", sd.Tab, sd.Conn, sd.Dir), sd.Doc.Findings})
		}
	} else {
		units = append(units, unit{"", check.Check(b, o)})
	}
	var all []wire.Finding
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, u := range units {
		for _, x := range u.fs {
			all = append(all, x)
			msg := check.Message(x, f.teach.lang)
			var err error
			if f.format.value == "jsonl" {
				err = enc.Encode(finding{Severity: x.Severity.String(), Code: x.Code, Offset: x.Off, Msg: msg, Stream: u.name})
			} else {
				prefix := ""
				if u.name != "" {
					prefix = u.name + " "
				}
				_, err = fmt.Fprintln(stdout, prefix+check.Line(x, f.teach.lang))
			}
			if err != nil {
				return runtimeError{err}
			}
		}
	}
	if f.format.value == "text" {
		fmt.Fprintln(stderr, check.Summary(all, f.teach.lang))
	}
	if check.HasError(all) {
		return errFindings
	}
	return nil
}
