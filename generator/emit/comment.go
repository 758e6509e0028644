package emit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// width is where doc comments wrap.
const width = 77

// docComment writes the doc comment lines of the next declaration: paragraphs
// kept, lines wrapped near 80 columns, one jen comment per line (a multi-line
// comment would render as /* */ and break on a "*/" inside a description).
func docComment(f *jen.File, text string) {
	for _, line := range commentLines(text) {
		f.Comment(line)
	}
}

// fieldComment returns the comment lines of a struct field.
func fieldComment(text string) []jen.Code {
	var out []jen.Code
	for _, line := range commentLines(text) {
		out = append(out, jen.Comment(line))
	}
	return out
}

// commentLines wraps text into comment lines; list items and indented
// lines are kept as they are.
func commentLines(text string) []string {
	text = strings.ReplaceAll(strings.TrimSpace(text), "\r\n", "\n")
	if text == "" {
		return nil
	}
	var lines []string
	for i, para := range strings.Split(text, "\n\n") {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, wrapParagraph(para)...)
	}
	return lines
}

func wrapParagraph(para string) []string {
	var lines []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			lines = append(lines, cur.String())
			cur.Reset()
		}
	}
	for _, raw := range strings.Split(para, "\n") {
		trimmed := strings.TrimSpace(raw)
		if trimmed == "" {
			continue
		}
		if strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(trimmed, "* ") || strings.HasPrefix(raw, "  ") {
			flush()
			lines = append(lines, strings.TrimRight(raw, " \t"))
			continue
		}
		for _, word := range strings.Fields(trimmed) {
			if cur.Len() > 0 && cur.Len()+1+len(word) > width {
				flush()
			}
			if cur.Len() > 0 {
				cur.WriteByte(' ')
			}
			cur.WriteString(word)
		}
	}
	flush()
	return lines
}

// docFor builds a doc comment that starts with name and reads as a
// sentence, as Go's doc comments do: a description that starts with a verb
// follows the name ("Opens a job." becomes "CreateJob opens a job."), and
// any other is what the name is ("A job." becomes "Job is a job."). A
// description that is neither, because it opens with markup ("**Note**:",
// "> [!WARNING]") or is a sentence with a subject of its own ("Owners can
// revoke a grant."), follows the fallback as a paragraph of its own.
func docFor(name, text, fallback string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return fallback
	}
	first := strings.Fields(text)[0]
	if first == name+":" && len(strings.Fields(text)) > 1 {
		return docFor(name, strings.TrimSpace(strings.TrimPrefix(text, first)), fallback)
	}
	if first == name || strings.HasPrefix(first, name) && len(first) == len(name)+1 && !unicode.IsLetter(rune(first[len(name)])) {
		return text
	}
	if r, _ := utf8.DecodeRuneInString(text); !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("`'\"", r) {
		return fallback + "\n\n" + text
	}
	word := strings.ToLower(strings.TrimRight(first, ".,:;"))
	rest := lowerFirst(text)
	if !startsSentence(first) {
		rest = text // an identifier or code: keep its case
	}
	if docVerbs[word] || looksLikeVerb(word, text) {
		return name + " " + rest
	}
	if hasOwnSubject(text) {
		return fallback + "\n\n" + text
	}
	if needsArticle(rest) {
		rest = "the " + rest
	}
	return name + " is " + rest
}

// looksLikeVerb reports whether a description that is not in docVerbs
// still starts with a verb in the third person: a word in -s followed by
// an article, a preposition or a pronoun ("Clashes with", "Marks the").
func looksLikeVerb(word, text string) bool {
	if !strings.HasSuffix(word, "s") || strings.HasSuffix(word, "ss") || strings.HasSuffix(word, "us") || strings.HasSuffix(word, "is") {
		return false
	}
	words := strings.Fields(text)
	if len(words) < 2 {
		return false
	}
	switch strings.ToLower(words[1]) {
	case "a", "an", "the", "with", "to", "for", "from", "into", "on", "in", "by", "up", "out", "its", "their", "whether", "if", "how", "what", "which", "that", "one", "all", "each", "every", "any":
		return true
	}
	return false
}

// hasOwnSubject reports whether a description that does not start with a
// verb is a sentence with a subject and a verb of its own ("The `:slug` is
// the app's name.", "Owners can revoke a grant."), which cannot follow
// "Name is": a finite verb among its first words, before any comma, word
// or article that opens a clause inside a noun phrase ("The job that is
// running", "Names no tag can carry").
func hasOwnSubject(text string) bool {
	for i, w := range strings.Fields(text) {
		if i == 8 {
			return false
		}
		switch strings.ToLower(strings.TrimRight(w, ".,;:")) {
		case "is", "are", "was", "were", "can", "cannot", "must", "should", "will", "may", "might", "could", "would", "does", "do", "has", "have":
			return i > 0
		case "which", "that", "who", "whom", "whose", "when", "where", "whether", "if", "while", "because", "unless", "until", "as", "to", "how", "what", "why":
			return false
		case "a", "an", "the", "no", "this", "each", "every", "any", "some", "its", "their":
			if i > 0 {
				return false // a clause inside the phrase: "Names no tag can carry"
			}
		}
		if strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";") || strings.HasSuffix(w, ".") {
			return false
		}
	}
	return false
}

// needsArticle reports whether a noun phrase that names one thing of
// something ("body of `createJob`", "full form of the content") lacks the
// article it needs after "is".
func needsArticle(phrase string) bool {
	words := strings.Fields(phrase)
	for i, w := range words {
		if i > 2 {
			return false
		}
		switch strings.ToLower(w) {
		case "a", "an", "the", "one", "each", "every", "any", "some", "all", "no", "this", "that":
			return false
		case "of":
			return i > 0 && !strings.HasSuffix(words[i-1], "s")
		}
	}
	return false
}

// startsSentence reports whether a description's first word is an
// ordinary capitalised word, which reads in lower case after the name, and
// not an identifier, an acronym or code.
func startsSentence(word string) bool {
	rs := []rune(word)
	if len(rs) == 0 || !unicode.IsUpper(rs[0]) || len(rs) == 1 && word != "A" {
		return false
	}
	for _, r := range rs[1:] {
		if !unicode.IsLower(r) && !strings.ContainsRune(".,:;'-", r) {
			return false
		}
	}
	return true
}

// lowerFirst lowers the first letter of text.
func lowerFirst(text string) string {
	r, size := utf8.DecodeRuneInString(text)
	return string(unicode.ToLower(r)) + text[size:]
}

// docVerbs are the words that, first in a description, make it a verb
// phrase about the thing described.
var docVerbs = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`accepts activates adds allows applies approves archives
		assigns attaches authenticates blocks builds calculates cancels changes checks clears
		closes completes configures confirms connects contains controls converts copies
		counts creates declines defines deletes describes determines disables downloads
		edits enables ends enqueues exchanges executes exports fetches finds follows forks
		generates gets gives grants holds identifies imports indicates initiates inserts
		invites lists locks logs lets makes manages marks merges modifies moves names
		notifies opens orders patches pauses performs pings posts provides publishes
		queries queues reads receives records redeems refreshes registers rejects
		releases reloads removes renames renders reorders replaces reports represents
		requests resends resets resolves restores resumes retrieves returns revokes
		rotates runs saves schedules searches selects sends sets shares shows signs
		specifies starts stops stores streams submits subscribes suspends syncs tells
		tests toggles transfers triggers unarchives unblocks unlocks unsubscribes
		updates uploads upserts uses validates verifies views watches writes`) {
		docVerbs[w] = true
	}
}

// deprecated appends the standard Deprecated paragraph.
func deprecated(text string, is bool) string {
	if !is {
		return text
	}
	if text == "" {
		return "Deprecated: the API description marks this deprecated."
	}
	return text + "\n\nDeprecated: the API description marks this deprecated."
}
