package load

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// blockYAML writes the tree of a JSON document as block-style YAML, for the
// loader. The loader reads its input as YAML, and its YAML parser holds
// every token of a flow collection (JSON's {} and []) until the collection
// ends: on GitHub's 13 MB description it allocated 820 MB and kept a
// queue the size of the document alive. Block style, one key per line,
// drains as it goes. The tree keeps what JSON said: every string is
// written double-quoted (JSON escapes read the same in YAML's double
// quotes), other scalars as they were spelled.
//
// Positions are unaffected: the loader's errors are located through the
// locator's own parse of the file, never through this text.
func blockYAML(n *yaml.Node) []byte {
	var b strings.Builder
	writeBlock(&b, n, 0)
	return []byte(b.String())
}

// writeBlock writes n at indent; a collection starts on a line of its own.
func writeBlock(b *strings.Builder, n *yaml.Node, indent int) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			writeBlock(b, n.Content[0], indent)
		}
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			b.WriteString("{}\n")
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			b.WriteString(strings.Repeat(" ", indent))
			key := scalarText(n.Content[i])
			if len(key) > maxImplicitKey {
				// YAML limits a key without "?" to 1024 characters.
				b.WriteString("? " + key + "\n" + strings.Repeat(" ", indent))
			} else {
				b.WriteString(key)
			}
			b.WriteByte(':')
			writeValue(b, n.Content[i+1], indent)
		}
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			b.WriteString("[]\n")
			return
		}
		for _, item := range n.Content {
			b.WriteString(strings.Repeat(" ", indent))
			b.WriteByte('-')
			writeValue(b, item, indent)
		}
	default:
		b.WriteString(scalarText(n))
		b.WriteByte('\n')
	}
}

// maxImplicitKey is the longest key written without YAML's "?", leaving
// room under its limit of 1024 characters.
const maxImplicitKey = 1000

// writeValue writes the value after a key's colon or an item's dash: a
// scalar or an empty collection on the same line, any other collection
// indented on the lines below.
func writeValue(b *strings.Builder, v *yaml.Node, indent int) {
	if (v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode) && len(v.Content) > 0 {
		b.WriteByte('\n')
		writeBlock(b, v, indent+2)
		return
	}
	b.WriteByte(' ')
	writeBlock(b, v, indent+2)
}

// scalarText spells a string double-quoted and anything else (a number,
// true, false, null) as JSON spelled it.
func scalarText(n *yaml.Node) string {
	if n.ShortTag() == "!!str" {
		return strconv.Quote(n.Value)
	}
	return n.Value
}
