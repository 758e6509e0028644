package corpus

import "testing"

func TestNormalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"s00001_a/types.go:12:5: FooBar redeclared in this block", "X redeclared in this block"},
		{"vet: s00001_a/a.go:4:9: undefined: listPets_2", "undefined: X"},
		{"s00002_b/b.go:5:24: fmt.Printf format %d has arg \"s\" of wrong type string", `X format %d has arg "…" of wrong type string`},
		{"s00003_c/c.go:7:2: cannot use x (variable of type *Pet) as Dog value in assignment", "cannot use x (variable of type *X) as X value in assignment"},
		{"/tmp/x/stripe.json:1203:17: #/paths/~1v1~1charges/post: parameter \"id\" is not in the path", `#/paths/…: parameter "…" is not in the path`},
		{"spec.yaml: #/components/schemas/Pet: unsupported type 'file'", `#/components/…: unsupported type '…'`},
		{"api.json: yaml: line 3: mapping values are not allowed in this context", "yaml: line N: mapping values are not allowed in this context"},
		{"emit: template failed", "emit: template failed"},
		{"panic: runtime error: index out of range [3] with length 3", "panic: runtime error: index out of range [N] with length N"},
		{"invalid JSON in #", "invalid JSON in #"},
	} {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
