package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/oagen/oagen/gen/courier"
)

// progressBar shows a send on w: on a terminal one line redrawn with \r,
// elsewhere a line every 10 % and at each change of the job's status.
// Send calls Update one call at a time, so it needs no lock.
type progressBar struct {
	w      io.Writer
	total  int64
	tty    bool
	last   string // the line drawn last (terminal)
	step   int    // the last 10 % step printed (elsewhere)
	status courier.BulkJobStatus
	drawn  bool
}

func newProgressBar(w io.Writer, total int64) *progressBar {
	f, ok := w.(*os.File)
	tty := false
	if ok {
		if fi, err := f.Stat(); err == nil {
			tty = fi.Mode()&os.ModeCharDevice != 0
		}
	}
	return &progressBar{w: w, total: total, tty: tty, step: -1}
}

// Update shows p.
func (b *progressBar) Update(p courier.SendProgress) {
	if p.Phase == courier.SendPhaseIngest {
		b.show(p.UsersIngested, fmt.Sprintf("adding users %s/%s, %d batches in flight",
			thousands(p.UsersIngested), thousands(b.total), p.BatchesInFlight), "")
		return
	}
	status := p.Job.Status
	if status == "" {
		status = "RUN"
	}
	b.show(p.Job.Enqueued, fmt.Sprintf("job %s, enqueued %s/%s", status, thousands(p.Job.Enqueued), thousands(b.total)), status)
}

// show draws a bar for done of total, followed by text. Elsewhere than a
// terminal it prints when done enters a new 10 % step or status changes.
func (b *progressBar) show(done int64, text string, status courier.BulkJobStatus) {
	pct := 100
	if b.total > 0 {
		pct = int(min(done*100/b.total, 100))
	}
	if !b.tty {
		if status != b.status {
			b.status, b.step = status, -1
		}
		if pct/10 == b.step {
			return
		}
		b.step = pct / 10
		fmt.Fprintf(b.w, "%3d%% %s\n", pct, text)
		return
	}
	const width = 30
	line := fmt.Sprintf("\r[%s%s] %3d%% %s", strings.Repeat("#", pct*width/100), strings.Repeat("-", width-pct*width/100), pct, text)
	if line == b.last {
		return
	}
	pad := max(len(b.last)-len(line), 0) // wipe the end of a longer line
	fmt.Fprint(b.w, line+strings.Repeat(" ", pad))
	b.last, b.drawn = line, true
}

// Finish ends the terminal line.
func (b *progressBar) Finish() {
	if b.drawn {
		fmt.Fprintln(b.w)
	}
}

// thousands writes n with commas: 1,000,000.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
