package apidiff

import (
	"fmt"
	"strings"
	"testing"
)

// TestCompareAPI runs the Go comparison over pairs of small packages.
func TestCompareAPI(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []string // "! Name: change" when breaking, "+ Name: change" when not
	}{{
		name: "struct fields",
		old:  "type T struct { A string; B int; c bool }",
		new:  "type T struct { A int64; C Opt[string]; d bool }\ntype Opt[V any] struct{ v V }",
		want: []string{
			"+ Opt: type added",
			"! T.A: field type changed from `string` to `int64`",
			"! T.B: field removed",
			"+ T.C: field added (`Opt[string]`)",
		},
	}, {
		name: "comparable struct gains a slice",
		old:  "type T struct { A string }",
		new:  "type T struct { A string; B []string }",
		want: []string{
			"! T: no longer comparable: `==` on its values no longer compiles",
			"+ T.B: field added (`[]string`)",
		},
	}, {
		name: "methods",
		old: `type S struct{}
func (s *S) Get(ctx context.Context, id string) error { return nil }
func (s S) Name() string { return "" }
func (s *S) Gone() {}`,
		new: `type S struct{}
func (s *S) Get(ctx context.Context, id string, n int) error { return nil }
func (s *S) Name() string { return "" }
func (s *S) New() {}`,
		want: []string{
			"! S.Get: signature changed from `func(ctx context.Context, id string) error` to " +
				"`func(ctx context.Context, id string, n int) error`",
			"! S.Gone: method removed",
			"! S.Name: receiver changed to a pointer: values (not pointers) of `S` no longer have the method",
			"+ S.New: method added",
		},
	}, {
		name: "same types across versions",
		old: `type Job struct{ Tags map[string][]Tag; At context.Context }
type Tag string
type Opt = Tag
func F(j *Job, o ...Opt) (Tag, error) { return "", nil }`,
		new: `type Job struct{ Tags map[string][]Tag; At context.Context }
type Tag string
type Opt = Tag
func F(j *Job, o ...Opt) (Tag, error) { return "", nil }`,
	}, {
		name: "enum constants",
		old:  "type E string\nconst (EA E = \"a\"; EB E = \"b\")",
		new:  "type E string\nconst (EA E = \"a\"; EB E = \"bee\"; EC E = \"c\")",
		want: []string{
			"! EB: value changed from `\"b\"` to `\"bee\"`",
			"+ EC: constant added",
		},
	}, {
		name: "kinds and underlying types",
		old:  "type A string\ntype B = A\nvar V int\ntype G[T any] struct{ v T }",
		new:  "type A struct{ S string }\ntype B = string\nfunc V() {}\ntype G[T comparable] struct{ v T }",
		want: []string{
			"! A: changed from `type A string` to `type A struct{...}`",
			"! B: changed from `type B = A` to `type B = string`",
			"! G: type parameters changed from `type G[T any] struct{...}` to `type G[T comparable] struct{...}`",
			"! V: changed from a variable to a function",
		},
	}, {
		name: "a struct becomes an alias of its twin, once at its declaration",
		old:  "type A struct{ S string }\ntype B struct{ S string }\nfunc F(b B) B { return b }\ntype C = A\nfunc G(c C) {}",
		new:  "type A struct{ S string }\ntype B = A\nfunc F(b B) B { return b }\ntype C struct{ S string }\nfunc G(c C) {}",
		want: []string{
			"! B: changed from `type B struct{...}` to `type B = A`",
			"! C: changed from `type C = A` to `type C struct{...}`",
		},
	}, {
		name: "interfaces",
		old:  "type I interface{ A(); B() int }\ntype Sealed interface{ A(); seal() }",
		new:  "type I interface{ A(); C() }\ntype Sealed interface{ A(); B(); seal() }",
		want: []string{
			"! I.B: method removed from the interface",
			"! I.C: method added to the interface: types that implemented it no longer do",
			"+ Sealed.B: method added to the interface",
		},
	}, {
		name: "rename hint",
		old:  "type Old struct{ A, B string }\ntype Keep struct{ X Old }",
		new:  "type New struct{ A, B string }\ntype Keep struct{ X New }",
		want: []string{
			"! Keep.X: field type changed from `Old` to `New`",
			"+ New: type added",
			"! Old: type removed (renamed to `New`? it has the same fields)",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := func(body string) map[string][]byte {
				imports := ""
				if strings.Contains(body, "context.") {
					imports = "import \"context\"\n"
				}
				return map[string][]byte{"x.go": []byte("package x\n" + imports + body + "\n")}
			}
			pkgs, err := checkPackages([]string{"old/x", "new/x"}, []string{"old", "new"},
				[]map[string][]byte{src(tt.old), src(tt.new)})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range compareAPI(pkgs[0], pkgs[1]) {
				mark := "+"
				if c.Breaking {
					mark = "!"
				}
				got = append(got, fmt.Sprintf("%s %s: %s", mark, c.Name, c.Change))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
