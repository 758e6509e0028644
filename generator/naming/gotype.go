package naming

import (
	"go/token"
	"regexp"
	"strings"
)

// IsChosen reports whether a name the user chose (x-go-name,
// x-enum-varnames) can name an exported declaration as written: an
// exported Go identifier.
func IsChosen(name string) bool {
	return token.IsIdentifier(name) && token.IsExported(name)
}

// SplitType splits the config's spelling of a Go type, an import path and
// a type name joined by the last dot ("github.com/shopspring/decimal.Decimal"),
// into the two. It reports false when either is missing or the name is not
// an exported identifier.
func SplitType(s string) (path, name string, ok bool) {
	slash := strings.LastIndexByte(s, '/')
	dot := strings.LastIndexByte(s, '.')
	if dot <= slash+1 || dot == len(s)-1 {
		return "", "", false
	}
	path, name = s[:dot], s[dot+1:]
	if !IsChosen(name) || !ImportPathOK(path) {
		return "", "", false
	}
	return path, name, true
}

// ParseTypeExpr splits an x-go-type that names a type of another package,
// "decimal.Decimal", into its qualifier and type name. It reports false for
// anything else: a predeclared or unqualified name, a pointer, a slice, a
// map, a generic instance.
func ParseTypeExpr(expr string) (qualifier, name string, ok bool) {
	qualifier, name, found := strings.Cut(expr, ".")
	if !found || !token.IsIdentifier(qualifier) || qualifier == "_" || !IsChosen(name) {
		return "", "", false
	}
	return qualifier, name, true
}

// ImportPathOK reports whether path can stand in an import declaration:
// slash-separated elements of letters, digits and "-._~", none empty, none
// "." or "..".
func ImportPathOK(path string) bool {
	if path == "" || strings.HasPrefix(path, "/") || strings.HasSuffix(path, "/") {
		return false
	}
	for _, elem := range strings.Split(path, "/") {
		if !importElem.MatchString(elem) || elem == "." || elem == ".." {
			return false
		}
	}
	return true
}

var (
	importElem   = regexp.MustCompile(`^[A-Za-z0-9\-._~]+$`)
	majorVersion = regexp.MustCompile(`^v[0-9]+$`)
	dotVersion   = regexp.MustCompile(`\.v[0-9]+$`)
)

// Qualifier guesses the name a package is referred to by from its import
// path: the last element, "github.com/shopspring/decimal" -> decimal. When
// that element cannot be the package's name as is (a major version,
// ".../decimal/v2"; a gopkg.in version, "yaml.v3"; a dash, "go-money"),
// the guess is made from it (decimal, yaml, money) and alias is true: the
// import must then name it, since the package's own name may differ.
func Qualifier(path string) (name string, alias bool) {
	elems := strings.Split(path, "/")
	last := elems[len(elems)-1]
	if majorVersion.MatchString(last) && len(elems) > 1 {
		last, alias = elems[len(elems)-2], true
	}
	if trimmed := dotVersion.ReplaceAllString(last, ""); trimmed != last {
		last, alias = trimmed, true
	}
	if token.IsIdentifier(last) && !token.IsKeyword(last) && strings.ToLower(last) == last && !alias {
		return last, false
	}
	last = strings.TrimPrefix(strings.TrimSuffix(strings.ToLower(last), "-go"), "go-")
	var b strings.Builder
	for _, r := range last {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' && b.Len() > 0 {
			b.WriteRune(r)
		}
	}
	name = b.String()
	if name == "" || token.IsKeyword(name) {
		name += "pkg"
	}
	return name, true
}
