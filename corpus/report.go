package corpus

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Report is the machine-readable outcome of a run.
type Report struct {
	Started  time.Time         `json:"started"`
	Seconds  float64           `json:"seconds"`
	Command  string            `json:"command"`
	Packages map[string]string `json:"packages,omitempty"` // npm package -> version
	// ByVersion counts by declared version ("2.0", "3.0", "3.1", "?");
	// ByOrigin by origin format ("swagger 2.0", ... "unrecorded").
	Total     Tally            `json:"total"`
	ByVersion map[string]Tally `json:"by_version"`
	ByOrigin  map[string]Tally `json:"by_origin"`
	// Groups are the failures grouped by stage and cause, most first.
	Groups []Group `json:"groups"`
	// WarningGroups are the generator's warnings grouped by normalised
	// message, most specs first.
	WarningGroups []WarningGroup `json:"warning_groups"`
	Results       []Result       `json:"results"`
}

// Tally counts specs by outcome.
type Tally struct {
	Specs    int `json:"specs"`
	OK       int `json:"ok"`
	Load     int `json:"load"`
	Generate int `json:"generate"`
	Build    int `json:"build"`
	Vet      int `json:"vet"`
	Unions   int `json:"unions"`
	TimedOut int `json:"timed_out"`
	Warnings int `json:"warnings"`
}

// Rate is the share of specs that passed, in percent.
func (t Tally) Rate() float64 {
	if t.Specs == 0 {
		return 0
	}
	return 100 * float64(t.OK) / float64(t.Specs)
}

func (t *Tally) add(r Result) {
	t.Specs++
	t.Warnings += r.Warnings
	if r.TimedOut {
		t.TimedOut++
	}
	switch r.Stage {
	case StageOK:
		t.OK++
	case StageLoad:
		t.Load++
	case StageGenerate:
		t.Generate++
	case StageBuild:
		t.Build++
	case StageVet:
		t.Vet++
	case StageUnions:
		t.Unions++
	}
}

// Group is the failures of one stage with one cause.
type Group struct {
	Stage    Stage    `json:"stage"`
	Cause    string   `json:"cause"`
	Count    int      `json:"count"`
	Examples []string `json:"examples"` // spec IDs, smallest specs first
	// Example is the raw error of the first example.
	Example string `json:"example"`
}

// WarningGroup is one normalised warning message.
type WarningGroup struct {
	Message string   `json:"message"`
	Specs   int      `json:"specs"`
	Count   int      `json:"count"`
	Example []string `json:"examples"`
}

// NewReport tallies results.
func NewReport(results []Result) *Report {
	rep := &Report{ByVersion: map[string]Tally{}, ByOrigin: map[string]Tally{}}
	for _, r := range results {
		if r.Stage != "" {
			rep.Results = append(rep.Results, r)
		}
	}
	groups := map[[2]string]*Group{}
	warns := map[string]*WarningGroup{}
	// Examples: the smallest specs first, they are the easiest to study.
	bySize := slices.Clone(results)
	slices.SortStableFunc(bySize, func(a, b Result) int { return cmp.Compare(a.Size, b.Size) })
	for _, r := range bySize {
		if r.Stage == "" {
			continue // not run: the run was interrupted
		}
		rep.Total.add(r)
		v := cmp.Or(r.Version, "?")
		t := rep.ByVersion[v]
		t.add(r)
		rep.ByVersion[v] = t
		o := cmp.Or(r.Origin, "unrecorded")
		t = rep.ByOrigin[o]
		t.add(r)
		rep.ByOrigin[o] = t
		for msg, n := range r.WarningCauses {
			w := warns[msg]
			if w == nil {
				w = &WarningGroup{Message: msg}
				warns[msg] = w
			}
			w.Specs++
			w.Count += n
			if len(w.Example) < 5 {
				w.Example = append(w.Example, r.ID)
			}
		}
		if r.Stage == StageOK {
			continue
		}
		key := [2]string{string(r.Stage), r.Cause}
		g := groups[key]
		if g == nil {
			g = &Group{Stage: r.Stage, Cause: r.Cause, Example: r.Error}
			groups[key] = g
		}
		g.Count++
		if len(g.Examples) < 5 {
			g.Examples = append(g.Examples, r.ID)
		}
	}
	for _, g := range groups {
		rep.Groups = append(rep.Groups, *g)
	}
	slices.SortFunc(rep.Groups, func(a, b Group) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Stage, b.Stage), cmp.Compare(a.Cause, b.Cause))
	})
	for _, w := range warns {
		rep.WarningGroups = append(rep.WarningGroups, *w)
	}
	slices.SortFunc(rep.WarningGroups, func(a, b WarningGroup) int {
		return cmp.Or(cmp.Compare(b.Specs, a.Specs), cmp.Compare(b.Count, a.Count), cmp.Compare(a.Message, b.Message))
	})
	return rep
}

// WriteJSON writes the report to path.
func (rep *Report) WriteJSON(path string) error {
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// Print writes the human summary: success per version and per origin, then
// the top failure groups and warning groups.
func (rep *Report) Print(w io.Writer, topGroups int) {
	fmt.Fprintf(w, "\n%d specs in %s: %d ok (%.1f%%), %d warnings\n\n",
		rep.Total.Specs, time.Duration(rep.Seconds*float64(time.Second)).Round(time.Second), rep.Total.OK, rep.Total.Rate(), rep.Total.Warnings)
	printTallies(w, "declared version", rep.ByVersion, []string{"2.0", "3.0", "3.1"})
	fmt.Fprintln(w)
	printTallies(w, "origin format", rep.ByOrigin, nil)
	if len(rep.Groups) > 0 {
		fmt.Fprintf(w, "\nfailure groups (%d; top %d):\n", len(rep.Groups), min(topGroups, len(rep.Groups)))
		for _, g := range rep.Groups[:min(topGroups, len(rep.Groups))] {
			fmt.Fprintf(w, "%6d  %-8s  %s\n", g.Count, g.Stage, g.Cause)
			fmt.Fprintf(w, "        e.g. %s\n", strings.Join(g.Examples, ", "))
		}
	}
	if len(rep.WarningGroups) > 0 {
		n := min(10, len(rep.WarningGroups))
		fmt.Fprintf(w, "\nwarning groups (%d; top %d by specs):\n", len(rep.WarningGroups), n)
		for _, g := range rep.WarningGroups[:n] {
			fmt.Fprintf(w, "%6d specs %7d  %s\n", g.Specs, g.Count, g.Message)
		}
	}
}

func printTallies(w io.Writer, title string, m map[string]Tally, always []string) {
	keys := slices.Collect(maps.Keys(m))
	for _, k := range always {
		if _, ok := m[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(m[b].Specs, m[a].Specs), cmp.Compare(a, b)) })
	if always != nil {
		slices.Sort(keys)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tspecs\tok\trate\tload\tgenerate\tbuild\tvet\tunions\ttimeouts\twarnings\t\n", title)
	for _, k := range keys {
		t := m[k]
		rate := "-"
		if t.Specs > 0 {
			rate = fmt.Sprintf("%.1f%%", t.Rate())
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", k, t.Specs, t.OK, rate, t.Load, t.Generate, t.Build, t.Vet, t.Unions, t.TimedOut, t.Warnings)
	}
	tw.Flush()
}

// Failures lists the failed results, one paragraph each, for a test log.
func Failures(results []Result) string {
	var b strings.Builder
	for _, r := range results {
		if r.Stage == StageOK {
			continue
		}
		fmt.Fprintf(&b, "%s (%s, %s): %s: %s\n", r.ID, cmp.Or(r.Version, "?"), humanSize(r.Size), r.Stage, r.Cause)
		if r.Error != "" {
			for l := range strings.SplitSeq(Excerpt(r.Error, 8), "\n") {
				fmt.Fprintf(&b, "    %s\n", l)
			}
		}
	}
	return b.String()
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
