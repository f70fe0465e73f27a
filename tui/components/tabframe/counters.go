package tabframe

import (
	"fmt"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
)

func fmtCounters(format string, c netassist.Totals) string {
	return fmt.Sprintf(format, c.Open, c.Conns, common.FormatSize(c.BytesIn), common.FormatSize(c.BytesOut))
}
