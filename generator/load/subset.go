package load

import (
	"fmt"
	"slices"
	"strings"

	"github.com/oagen/oagen/generator/diag"
	"github.com/oagen/oagen/generator/ir"
)

// Subset selects the operations to generate: the include lists narrow,
// one after the other, then the exclude lists remove. What no remaining
// operation reaches is left out. Everything else, names above all, is
// decided over the whole description first, so that a subset is a cut of
// the full package and widening it renames nothing.
type Subset struct {
	IncludeTags, ExcludeTags                 []Pick
	IncludeOperationIDs, ExcludeOperationIDs []Pick
	// At places the subset as a whole (the first of its keys in the
	// config), for the problems of no single entry.
	At Place
}

// Pick is one entry of a subset list and where the config writes it.
type Pick struct {
	Value string
	At    Place
}

// Place is a position in a file other than the description (the config).
type Place struct {
	File      string
	Line, Col int
}

// subsetList is one of the four lists, by its config key.
type subsetList struct {
	key     string
	picks   []Pick
	tags    bool // the entries are tags, else operationIds
	include bool
}

func (s *Subset) lists() []subsetList {
	return []subsetList{
		{"include-tags", s.IncludeTags, true, true},
		{"include-operation-ids", s.IncludeOperationIDs, false, true},
		{"exclude-tags", s.ExcludeTags, true, false},
		{"exclude-operation-ids", s.ExcludeOperationIDs, false, false},
	}
}

// opFacts is what a subset list matches an operation by.
type opFacts struct {
	id   string
	tags []string
}

// matches reports whether the operation has an entry of l.
func (l subsetList) matches(f opFacts) bool {
	for _, p := range l.picks {
		if l.tags && slices.Contains(f.tags, p.Value) || !l.tags && f.id == p.Value {
			return true
		}
	}
	return false
}

// operationFacts maps each operation's pointer to its operationId and tags.
func (b *builder) operationFacts() map[string]opFacts {
	out := map[string]opFacts{}
	if b.doc.Paths == nil {
		return out
	}
	for _, path := range b.doc.Paths.InMatchingOrder() {
		item := b.doc.Paths.Value(path)
		for _, method := range itemMethods(item) {
			op := item.GetOperation(method)
			if op == nil {
				op = item.AdditionalOperations[method]
			}
			out[diag.Pointer("paths", path, strings.ToLower(method))] = opFacts{op.OperationID, op.Tags}
		}
	}
	return out
}

// cut keeps the operations the subset selects and what they reach. The
// API was built from the whole description; cut only removes.
func (b *builder) cut(api *ir.API) {
	s := b.cfg.Subset
	facts := b.operationFacts()
	if len(facts) == 0 {
		b.subsetProblem(diag.Warning, s.At, "the description has no operations, so %s selects nothing; every component is generated", keysSet(s))
		prune(api, b.absorbed, false)
		return
	}
	first := len(b.diags)
	b.unmatched(s, facts)
	keep := map[string]bool{}
	for ptr, f := range facts {
		keep[ptr] = true
		for _, l := range s.lists() {
			if len(l.picks) > 0 && l.matches(f) != l.include {
				keep[ptr] = false
			}
		}
	}
	var services []*ir.Service
	for _, svc := range api.Services {
		svc.Operations = slices.DeleteFunc(svc.Operations, func(o *ir.Operation) bool { return !keep[o.Pointer] })
		if len(svc.Operations) > 0 {
			services = append(services, svc)
		}
	}
	if len(services) == 0 {
		// The entries that named nothing are then the likely cause.
		for i := first; i < len(b.diags); i++ {
			b.diags[i].Severity = diag.Error
		}
		b.subsetProblem(diag.Error, s.At, "the subset is empty: no operation is left after %s; check the entries against the description's tags and operationIds", keysSet(s))
		return
	}
	api.Services = services
	prune(api, b.absorbed, true)
	api.APIKeys = slices.DeleteFunc(api.APIKeys, func(k *ir.APIKey) bool { return !keyUsed(services, k.Scheme) })
	api.Names = keptNames(api)
	b.diags = slices.DeleteFunc(b.diags, func(d diag.Diagnostic) bool {
		return d.Severity == diag.Warning && d.File == b.cfg.Report && !keptPlace(api, d.Pointer)
	})
}

// unmatched warns about each entry that names no tag or no operationId of
// the description: a typo must not pass unseen.
func (b *builder) unmatched(s *Subset, facts map[string]opFacts) {
	ids, tags := map[string]bool{}, map[string]bool{}
	for _, f := range facts {
		ids[f.id] = true
		for _, t := range f.tags {
			tags[t] = true
		}
	}
	for _, l := range s.lists() {
		known, what := ids, "operationId"
		if l.tags {
			known, what = tags, "tag"
		}
		for _, p := range l.picks {
			if known[p.Value] {
				continue
			}
			msg := fmt.Sprintf("%s: %q names no %s of the description", l.key, p.Value, what)
			if near := nearest(p.Value, known); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			b.subsetProblem(diag.Warning, p.At, "%s", msg)
		}
	}
}

func (b *builder) subsetProblem(sev diag.Severity, at Place, format string, args ...any) {
	b.diags = append(b.diags, diag.Diagnostic{Severity: sev, File: at.File, Line: at.Line, Col: at.Col,
		Message: fmt.Sprintf(format, args...)})
}

// keysSet names the lists the config sets: "include-tags and exclude-tags".
func keysSet(s *Subset) string {
	var keys []string
	for _, l := range s.lists() {
		if len(l.picks) > 0 {
			keys = append(keys, l.key)
		}
	}
	if len(keys) > 1 {
		return strings.Join(keys[:len(keys)-1], ", ") + " and " + keys[len(keys)-1]
	}
	return strings.Join(keys, "")
}

// keyUsed reports whether an operation may send the API key of scheme: it
// names the scheme, or states no requirement (every credential is sent).
func keyUsed(services []*ir.Service, scheme string) bool {
	for _, svc := range services {
		for _, o := range svc.Operations {
			if o.Security == nil {
				return true
			}
			for _, alt := range o.Security {
				if slices.Contains(alt, "key:"+scheme) {
					return true
				}
			}
		}
	}
	return false
}

// keptNames keeps the manifest's entries for what is still declared.
// Names are unique in the package, so a name identifies its entry.
func keptNames(api *ir.API) map[string]string {
	declared := map[string]bool{}
	for _, t := range api.Types {
		declared[t.Name] = true
		for _, v := range t.Values {
			declared[v.Name] = true
		}
	}
	for _, s := range api.Services {
		declared[s.Name] = true
		for _, o := range s.Operations {
			if o.Request != nil {
				declared[o.Request.Name] = true
			}
		}
	}
	for _, k := range api.APIKeys {
		declared[k.Option] = true
	}
	out := map[string]string{}
	for key, name := range api.Names {
		if declared[name] {
			out[key] = name
		}
	}
	return out
}

// keptPlace reports whether a place in the description is part of what a
// subset generates: a kept operation, the path item of one, a component
// schema behind a kept type. Warnings elsewhere (servers, security
// schemes, other components) stay.
func keptPlace(api *ir.API, ptr string) bool {
	segs := splitPointer(ptr)
	switch {
	case len(segs) >= 2 && segs[0] == "paths":
		prefix := diag.Pointer("paths", segs[1])
		for _, svc := range api.Services {
			for _, o := range svc.Operations {
				if o.Pointer == ptr || strings.HasPrefix(ptr, o.Pointer+"/") ||
					!isMethod(segs) && strings.HasPrefix(o.Pointer, prefix+"/") {
					return true
				}
			}
		}
		return false
	case len(segs) >= 3 && segs[0] == "components" && segs[1] == "schemas":
		prefix := diag.Pointer("components", "schemas", segs[2])
		return slices.ContainsFunc(api.Types, func(t *ir.Type) bool {
			return t.Pointer == prefix || strings.HasPrefix(t.Pointer, prefix+"/")
		})
	}
	return true
}

// isMethod reports whether the third segment of a #/paths pointer is an
// operation rather than a field of the path item (parameters, servers).
func isMethod(segs []string) bool {
	if len(segs) < 3 {
		return false
	}
	m := strings.ToUpper(segs[2])
	return slices.Contains(methods, m) || segs[2] == "additionalOperations"
}

// nearest returns the known word closest to w when it is a likely typo (at
// most two edits away, and less than half of w), else "".
func nearest(w string, known map[string]bool) string {
	best, bestD := "", 3
	for k := range known {
		d := editDistance(strings.ToLower(w), strings.ToLower(k))
		if d > 2 || 2*d >= len(w) {
			continue
		}
		if d < bestD || d == bestD && k < best {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance is Levenshtein's distance over bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
