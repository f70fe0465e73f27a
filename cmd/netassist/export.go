package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netassist/netassist/netassist/export"
	"github.com/netassist/netassist/netassist/render"
)

// exportFlags are the export command's flags.
type exportFlags struct {
	to      enumFlag
	out     string
	force   bool
	saveDir string
}

// newExportCmd builds `netassist export --to har|text|raw RECORD.jsonl
// [-o OUT]` (DESIGN.md §2, §8): package export does the work.
func newExportCmd() *cobra.Command {
	f := &exportFlags{to: enumFlag{choices: export.Formats()}}
	cmd := &cobra.Command{
		Use:   "export --to har|text|raw RECORD.jsonl [-o OUT]",
		Short: "Convert a --record file to HAR, a text transcript or raw files",
		Long: `Convert a --record file (JSON Lines) into something to hand out:

  har    HAR 1.2, one entry per web request (Chromium DevTools: Network panel, Import HAR)
  text   the text transcript headless mode prints (hostile bytes escaped)
  raw    one file per connection and direction with the exact bytes (conn3-in.bin, conn3-out.bin)

The file (har, text) or folder (raw) goes to -o ("-o -": standard output), else into --save-dir (default: the current
directory) named after the record: session.jsonl gives session.har, session.txt, session-raw/.
An existing file is not replaced without --force. "-" reads the record from standard input.`,
		Example: `netassist web --record class.jsonl        # … the lesson …
netassist export --to har class.jsonl      # writes ./class.har
netassist export --to raw class.jsonl --save-dir ~/handouts`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{cmd: cmd.CommandPath(), err: errors.New("export needs one --record file, e.g. 'netassist export --to har session.jsonl'")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.to.value == "" {
				return usageError{cmd: cmd.CommandPath(), err: errors.New("--to is required: har, text or raw")}
			}
			if err := runExport(cmd.Context(), f, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr()); err != nil {
				return runtimeError{err}
			}
			return nil
		},
	}
	fs := cmd.Flags()
	fs.VarP(&f.to, "to", "t", "output format: har, text or raw")
	fs.StringVarP(&f.out, "output", "o", "", "the file (har, text) or folder (raw) to write; default: named after the record, in --save-dir")
	fs.BoolVar(&f.force, "force", false, "replace an existing file")
	fs.StringVar(&f.saveDir, "save-dir", "", "folder for saved files (default: the current directory)")
	cmd.RegisterFlagCompletionFunc("to", f.to.complete)
	return cmd
}

// runExport converts the record at path as f asks and says on stdout
// where the result went.
func runExport(ctx context.Context, f *exportFlags, path string, stdout, stderr io.Writer) (err error) {
	var in io.Reader = os.Stdin
	if path != "-" {
		rf, err := os.Open(path)
		if err != nil {
			return err
		}
		defer rf.Close()
		in = rf
	}
	if f.out == "-" && f.to.value != export.FormatRaw {
		return exportToStdout(ctx, f.to.value, path, export.FromRecord(in), stdout, stderr)
	}
	target := f.out
	if target == "" {
		target = filepath.Join(f.saveDir, export.DefaultName(path, f.to.value))
	}
	if abs, err := filepath.Abs(target); err == nil {
		target = abs
	}
	src := export.FromRecord(in)

	var st export.Stats
	var what string
	if f.to.value == export.FormatRaw {
		if err := export.PrepareDir(target, f.force); err != nil {
			return err
		}
		if st, err = export.Raw(ctx, target, src, f.force); err != nil {
			return err
		}
		what = fmt.Sprintf("wrote %d file(s), %s, to %s%c", len(st.Files), sizeText(st.Bytes), target, filepath.Separator)
	} else {
		out, err := export.CreateFile(target, f.force)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := out.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("%s: %w", target, cerr)
			}
			if err != nil {
				os.Remove(target) // no half-written export left behind
			}
		}()
		if f.to.value == export.FormatHAR {
			st, err = export.HAR(ctx, out, src, export.HAROptions{Version: version()})
			what = fmt.Sprintf("wrote %s: %d HTTP exchange(s), %s", target, st.Entries, sizeText(st.Bytes))
		} else {
			st, err = export.Text(ctx, out, src)
			what = fmt.Sprintf("wrote %s: %d event(s), %s", target, st.Events, sizeText(st.Bytes))
		}
		if err != nil {
			return fmt.Errorf("%s: %w", target, err)
		}
	}
	dir := target
	if f.to.value != export.FormatRaw {
		dir = filepath.Dir(target)
	}
	if marker := export.CheckoutRoot(dir); marker != "" {
		what += fmt.Sprintf(" (note: %s holds %s, it is the root of a source checkout; -o or --save-dir puts files elsewhere)", dir, marker)
	}
	fmt.Fprintln(stdout, render.Text(what)) // it names files
	for _, rf := range st.Files {
		line := fmt.Sprintf("  %s  %s", filepath.Base(rf.Path), sizeText(rf.Bytes))
		if rf.Omitted > 0 {
			line += fmt.Sprintf(" (%s sent with sendfile were not kept)", sizeText(rf.Omitted))
		}
		fmt.Fprintln(stdout, render.Text(line))
	}
	if p := st.Report.Problems(); p != "" {
		say(stderr, "note: %s: %s", path, p)
	}
	if f.to.value == export.FormatHAR && st.Entries == 0 {
		say(stderr, "note: %s has no web requests (http events): the HAR is empty", path)
	}
	return nil
}

// exportToStdout writes a HAR or text export of src to stdout (-o -).
func exportToStdout(ctx context.Context, format, path string, src export.Source, stdout, stderr io.Writer) error {
	var st export.Stats
	var err error
	if format == export.FormatHAR {
		st, err = export.HAR(ctx, stdout, src, export.HAROptions{Version: version()})
	} else {
		st, err = export.Text(ctx, stdout, src)
	}
	if p := st.Report.Problems(); p != "" {
		say(stderr, "note: %s: %s", path, p)
	}
	return err
}

// sizeText is a byte count for people: 512 B, 3.4 KiB, 12.0 MiB.
func sizeText(n int64) string {
	const units = "KMGT"
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	f, i := float64(n)/1024, 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	return strings.TrimSpace(fmt.Sprintf("%.1f %ciB", f, units[i]))
}
