package naming

import "strconv"

// Scope hands out unique identifiers within one Go scope (a package, a
// struct's fields, a type's methods). Reserved names are never handed out.
//
// Claim order decides who keeps a contested name, so callers claim in a
// stable order (sorted by spec name) to keep names stable.
type Scope struct {
	taken map[string]bool
	held  map[string]bool // set aside for their owners; see Hold
}

// NewScope returns a scope in which the given names are already taken.
func NewScope(reserved ...string) *Scope {
	s := &Scope{taken: make(map[string]bool, len(reserved))}
	for _, r := range reserved {
		s.taken[r] = true
	}
	return s
}

// Claim returns name if it is free, else name2, name3, ... and marks the
// result as taken.
func (s *Scope) Claim(name string) string {
	out := name
	for i := 2; s.taken[out] || s.held[out]; i++ {
		out = name + strconv.Itoa(i)
	}
	s.taken[out] = true
	return out
}

// Taken reports whether name is already in use.
func (s *Scope) Taken(name string) bool { return s.taken[name] }

// Hold sets names aside for owners that will ask for them with Take: Claim
// never hands them out. This is how a regeneration keeps the names of the
// previous one.
func (s *Scope) Hold(names ...string) {
	if s.held == nil {
		s.held = make(map[string]bool, len(names))
	}
	for _, n := range names {
		s.held[n] = true
	}
}

// Take claims name exactly, held or not, and reports whether it was free.
func (s *Scope) Take(name string) bool {
	if s.taken[name] {
		return false
	}
	s.taken[name] = true
	delete(s.held, name)
	return true
}
