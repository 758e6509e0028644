package main

import (
	"errors"
	"testing"
)

func TestFailure(t *testing.T) {
	for _, c := range []struct{ out, want string }{
		{"generate:\n    main.run\n        /root/go/pkg/mod/x/main.go:463\n  - at spec.json:1:2\n\nFeature \"nested arrays in form parameters\" is not implemented yet.\n\nTry to create ogen.yml with:\n\ngeneration failed:\n",
			`Feature "nested arrays in form parameters" is not implemented yet.`},
		{"# benchgen/client\nclient/a.go:3:6: invalid recursive type: X refers to itself\nclient/a.go:9:6: X redeclared in this block\nclient/a.go:12:1: too many errors\n",
			"client/a.go:3:6: invalid recursive type: X refers to itself (and 1 more errors)"},
		{"Error generating code: duplicate typename 'A'\n", "Error generating code: duplicate typename 'A'"},
	} {
		if got := (run{Err: errors.New("exit status 1"), Output: c.out}).failure(); got != c.want {
			t.Errorf("failure of %q = %q, want %q", c.out, got, c.want)
		}
	}
}

func TestShellJoin(t *testing.T) {
	got := shellJoin([]string{"test", "-run", "^$", "-bench", "^A$/b", "./"})
	if want := `test -run '^$' -bench '^A$/b' ./`; got != want {
		t.Errorf("shellJoin = %s, want %s", got, want)
	}
}
