// Package naming turns words from a spec into Go identifiers.
//
// Names are public API: every function here is pure and table-tested, and a
// change to its output renames identifiers in every generated client, which
// is a breaking change for the code that imports them.
package naming

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are written all upper case, as Go's style asks.
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CSS": true, "CSV": true,
	"DNS": true, "EOF": true, "GUID": true, "HTML": true, "HTTP": true,
	"HTTPS": true, "ID": true, "IDS": true, "IP": true, "JSON": true, "JWT": true,
	"LHS": true, "OS": true, "QPS": true, "RAM": true, "RHS": true, "RPC": true,
	"SDK": true, "SLA": true, "SMS": true, "SMTP": true, "SQL": true, "SSH": true,
	"SSO": true, "TCP": true, "TLS": true, "TTL": true, "UDP": true, "UI": true,
	"UID": true, "URI": true, "URL": true, "UTF8": true, "UUID": true, "VM": true,
	"XML": true, "XMPP": true, "XSRF": true, "XSS": true,
}

// predeclared are Go's predeclared identifiers; an exported name never is one,
// but unexported names (parameters) can be.
var predeclared = map[string]bool{
	"any": true, "append": true, "bool": true, "byte": true, "cap": true,
	"clear": true, "close": true, "comparable": true, "complex": true,
	"complex128": true, "complex64": true, "copy": true, "delete": true,
	"error": true, "false": true, "float32": true, "float64": true, "imag": true,
	"int": true, "int16": true, "int32": true, "int64": true, "int8": true,
	"iota": true, "len": true, "make": true, "max": true, "min": true, "new": true,
	"nil": true, "panic": true, "print": true, "println": true, "real": true,
	"recover": true, "rune": true, "string": true, "true": true, "uint": true,
	"uint16": true, "uint32": true, "uint64": true, "uint8": true,
	"uintptr": true,
}

// Words splits a spec word into its parts: at every character that is not a
// letter or digit, at lower-to-upper changes ("jobId" -> job, Id), and before
// the last capital of an upper-case run followed by lower case
// ("HTTPServer" -> HTTP, Server).
func Words(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	runes := []rune(s)
	for i, r := range runes {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 {
			prev := cur[len(cur)-1]
			switch {
			case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
				flush()
			case unicode.IsUpper(r) && unicode.IsUpper(prev) && i+1 < len(runes) && unicode.IsLower(runes[i+1]):
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// Exported returns an exported Go identifier for a spec word:
// "bulk_createJob" -> "BulkCreateJob", "job_id" -> "JobID",
// "2fa-enabled" -> "X2faEnabled". It never returns an empty string.
func Exported(s string) string {
	var b strings.Builder
	for _, w := range Words(s) {
		b.WriteString(titleWord(w))
	}
	out := b.String()
	if out == "" {
		return "X"
	}
	if r, _ := utf8.DecodeRuneInString(out); !unicode.IsLetter(r) || !unicode.IsUpper(r) {
		// Leading digits, or a letter with no upper case (e.g. CJK).
		out = "X" + out
	}
	return out
}

// Unexported returns an unexported Go identifier, safe from keywords and
// predeclared names: "job_id" -> "jobID", "type" -> "type_".
func Unexported(s string) string {
	words := Words(s)
	if len(words) == 0 {
		return "x"
	}
	var b strings.Builder
	first := words[0]
	if up := strings.ToUpper(first); initialisms[up] {
		b.WriteString(strings.ToLower(first))
	} else {
		r, size := utf8.DecodeRuneInString(first)
		b.WriteRune(unicode.ToLower(r))
		b.WriteString(first[size:])
	}
	for _, w := range words[1:] {
		b.WriteString(titleWord(w))
	}
	out := b.String()
	if r, _ := utf8.DecodeRuneInString(out); !unicode.IsLetter(r) {
		out = "x" + out
	}
	if token.IsKeyword(out) || predeclared[out] {
		out += "_"
	}
	return out
}

// titleWord writes one word with its first letter upper case, or all upper
// case when it is a known initialism.
func titleWord(w string) string {
	if up := strings.ToUpper(w); initialisms[up] {
		if up == "IDS" {
			return "IDs"
		}
		return up
	}
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}
