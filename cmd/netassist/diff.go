package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netassist/netassist/httpserve/reqdiff"
)

// newDiffCmd builds `netassist diff A B`.
func newDiffCmd() *cobra.Command {
	var tf teachFlags
	cmd := &cobra.Command{
		Use:   "diff A B",
		Short: "Compare two HTTP/1.x requests header by header",
		Long: `Compare the first message of file A with the first message of file B (requests
or responses): the start line part by part, then every header field in B's wire
order, marked + (only in B), - (only in A), ~ (another value), ↕ (moved) or =
(the same). Names are matched case-insensitively, as HTTP does; a name sent in
another case is noted. One of A and B may be - (standard input).

Exit status, as diff(1): 0 when the two are the same, 1 when they differ, 2 on
a usage error.`,
		Example: `netassist diff chromium-index.bin curl-get.bin
netassist diff --lang zh first-load.bin reload.bin`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageError{cmd: cmd.CommandPath(),
					err: fmt.Errorf("diff compares two files, A and B (%d given), e.g. 'netassist diff chromium.bin curl.bin'", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := readInput(cmd, args[:1])
			if err != nil {
				return err
			}
			b, err := readInput(cmd, args[1:])
			if err != nil {
				return err
			}
			w, style, width := output(cmd.OutOrStdout(), tf.width)
			d := reqdiff.Compare(a, b)
			if _, err := io.WriteString(w, strings.Join(d.Render(tf.lang, width, style), "\n")+"\n"); err != nil {
				return runtimeError{err}
			}
			if !d.Same() {
				return errFindings
			}
			return nil
		},
	}
	tf.register(cmd.Flags())
	return cmd
}
