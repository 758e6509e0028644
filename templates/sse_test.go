package templates

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// parsedEvent is what a test compares of an sseEvent.
type parsedEvent struct{ name, id, data string }

// parseAll reads every event from r; the error is nil at a clean end.
func parseAll(r io.Reader, max int) ([]parsedEvent, time.Duration, error) {
	p := newSSEParser(r, max)
	var evs []parsedEvent
	for {
		ev, err := p.next()
		if err == io.EOF {
			return evs, p.retry, nil
		}
		if err != nil {
			return evs, p.retry, err
		}
		evs = append(evs, parsedEvent{ev.name, ev.id, string(ev.data)})
	}
}

// splitReader returns its chunks one Read at a time.
type splitReader struct{ chunks [][]byte }

func (r *splitReader) Read(b []byte) (int, error) {
	for len(r.chunks) > 0 && len(r.chunks[0]) == 0 {
		r.chunks = r.chunks[1:]
	}
	if len(r.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(b, r.chunks[0])
	r.chunks[0] = r.chunks[0][n:]
	return n, nil
}

var sseCases = []struct {
	name  string
	in    string
	want  []parsedEvent
	retry time.Duration
}{
	{"LF", "data: a\n\ndata: b\n\n", []parsedEvent{{"message", "", "a"}, {"message", "", "b"}}, 0},
	{"CRLF", "data: a\r\n\r\nevent: x\r\ndata: b\r\n\r\n", []parsedEvent{{"message", "", "a"}, {"x", "", "b"}}, 0},
	{"CR", "data: a\r\rdata: b\r\r", []parsedEvent{{"message", "", "a"}, {"message", "", "b"}}, 0},
	{"mixed endings", "data: a\r\ndata: b\rdata: c\n\r\n", []parsedEvent{{"message", "", "a\nb\nc"}}, 0},
	{"multi-line data", "data: {\"a\":\ndata: 1}\n\n", []parsedEvent{{"message", "", "{\"a\":\n1}"}}, 0},
	{"comments and heartbeats", ": hi\n\n:\ndata: a\n: mid\n\n", []parsedEvent{{"message", "", "a"}}, 0},
	{"BOM", "\uFEFFdata: a\n\n", []parsedEvent{{"message", "", "a"}}, 0},
	{"one space stripped", "data:a\ndata:  b\n\n", []parsedEvent{{"message", "", "a\n b"}}, 0},
	{"field without colon", "data\ndata\n\n", []parsedEvent{{"message", "", "\n"}}, 0},
	{"id persists", "id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n", []parsedEvent{{"message", "7", "a"}, {"message", "7", "b"}, {"message", "", "c"}}, 0},
	{"id with NUL ignored", "id: 1\ndata: a\n\nid: 2\x00\ndata: b\n\n", []parsedEvent{{"message", "1", "a"}, {"message", "1", "b"}}, 0},
	{"no data, no event", "event: x\n\ndata: a\n\n", []parsedEvent{{"message", "", "a"}}, 0},
	{"retry", "retry: 1500\ndata: a\n\nretry: 1x\n\n", []parsedEvent{{"message", "", "a"}}, 1500 * time.Millisecond},
	{"unknown fields ignored", "foo: bar\ndata: a\n\n", []parsedEvent{{"message", "", "a"}}, 0},
	{"empty data line", "data:\n\n", []parsedEvent{{"message", "", ""}}, 0},
}

func TestSSEParser(t *testing.T) {
	for _, tt := range sseCases {
		t.Run(tt.name, func(t *testing.T) {
			check := func(how string, r io.Reader) {
				got, retry, err := parseAll(r, 1<<10)
				if err != nil || !reflect.DeepEqual(got, tt.want) || retry != tt.retry {
					t.Errorf("%s: got %q, retry %v, err %v; want %q, retry %v", how, got, retry, err, tt.want, tt.retry)
				}
			}
			check("whole", strings.NewReader(tt.in))
			check("byte by byte", iotest.OneByteReader(strings.NewReader(tt.in)))
			for i := range len(tt.in) {
				for j := i; j < len(tt.in); j += 3 {
					chunks := [][]byte{[]byte(tt.in[:i]), []byte(tt.in[i:j]), []byte(tt.in[j:])}
					check("split", &splitReader{chunks: chunks})
				}
			}
		})
	}
}

func TestSSEParserEnd(t *testing.T) {
	for _, tt := range []struct {
		in      string
		wantErr bool
	}{
		{"data: a\n\n", false},
		{"data: a\n\n: bye\n", false},
		{"", false},
		{"data: a\n\ndata: b\n", true}, // the event never ended
		{"data: a\n\ndata: b", true},   // nor its line
		{"data: a\n\nevent: x\n", true},
	} {
		_, _, err := parseAll(strings.NewReader(tt.in), 1<<10)
		if tt.wantErr != (err != nil) || (err != nil && !errors.Is(err, io.ErrUnexpectedEOF)) {
			t.Errorf("%q: err = %v, want an unexpected-EOF error: %v", tt.in, err, tt.wantErr)
		}
	}
}

func TestSSEParserLimits(t *testing.T) {
	long := strings.Repeat("x", 100)
	for _, in := range []string{
		"data: " + long + "\n\n",                               // one line
		"data: " + long[:50] + "\ndata: " + long[:50] + "\n\n", // one event of short lines
		": " + long + "\n\n",                                   // a comment
	} {
		_, _, err := parseAll(iotest.OneByteReader(strings.NewReader(in)), 64)
		if !errors.Is(err, errLineTooLong) {
			t.Errorf("%.20q…: err = %v, want errLineTooLong", in, err)
		}
	}
	if got, _, err := parseAll(strings.NewReader("data: "+long[:58]+"\n\n"), 64); err != nil || len(got) != 1 {
		t.Errorf("event at the limit: %d events, err %v; want 1, nil", len(got), err)
	}
}

// emptyReader returns nothing and no error, forever.
type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, nil }

func TestLineReaderGivesUpOnAReaderThatReturnsNothing(t *testing.T) {
	if _, err := newLineReader(emptyReader{}, 16).next(); !errors.Is(err, io.ErrNoProgress) {
		t.Errorf("err = %v, want io.ErrNoProgress", err)
	}
}

func TestLineReader(t *testing.T) {
	in := "a\r\nb\rc\n\nd"
	var got []string
	l := newLineReader(iotest.OneByteReader(strings.NewReader(in)), 16)
	for {
		line, err := l.next()
		if err == io.EOF {
			got = append(got, "EOF:"+string(line))
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(line))
	}
	want := []string{"a", "b", "c", "", "EOF:d"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lines = %q, want %q", got, want)
	}
}

// FuzzSSEParser checks that no input makes the parser panic, loop without
// reading or hold more than the limit, and that how the input is cut into
// reads does not change the events.
func FuzzSSEParser(f *testing.F) {
	for _, tt := range sseCases {
		f.Add([]byte(tt.in), uint8(3))
	}
	f.Add([]byte("data: [DONE]\n\n"), uint8(1))
	f.Add([]byte("\r\r\r\n\n\ndata"), uint8(2))
	f.Fuzz(func(t *testing.T, in []byte, step uint8) {
		const max = 256
		whole, _, errWhole := parseAll(bytes.NewReader(in), max)
		var chunks [][]byte
		n := int(step%16) + 1
		for rest := in; len(rest) > 0; {
			k := min(n, len(rest))
			chunks = append(chunks, rest[:k])
			rest = rest[k:]
		}
		split, _, errSplit := parseAll(&splitReader{chunks: chunks}, max)
		if len(whole) > len(in) {
			t.Fatalf("%d events from %d bytes", len(whole), len(in))
		}
		for _, ev := range whole {
			if len(ev.data) > max {
				t.Fatalf("event of %d bytes passed the %d limit", len(ev.data), max)
			}
		}
		if (errWhole == nil) != (errSplit == nil) || !reflect.DeepEqual(whole, split) {
			t.Fatalf("cut into reads of %d: %q, %v; whole: %q, %v", n, split, errSplit, whole, errWhole)
		}
	})
}

// FuzzLineReader checks that the lines, and where reading stops, do not
// depend on how the input is cut into reads, and that no line passes the
// limit.
func FuzzLineReader(f *testing.F) {
	f.Add([]byte("a\r\nb\rc\n\nd"), uint8(1))
	f.Add([]byte("{\"n\":1}\n\x1e{\"n\":2}\r"), uint8(4))
	f.Fuzz(func(t *testing.T, in []byte, step uint8) {
		const max = 64
		read := func(r io.Reader) ([]string, error) {
			l := newLineReader(r, max)
			var lines []string
			for range len(in) + 2 {
				line, err := l.next()
				if len(line) > max {
					t.Fatalf("line of %d bytes passed the %d limit", len(line), max)
				}
				if err != nil {
					return append(lines, "end:"+string(line)), err
				}
				lines = append(lines, string(line))
			}
			t.Fatalf("more lines than bytes in %q", in)
			return nil, nil
		}
		whole, errWhole := read(bytes.NewReader(in))
		var chunks [][]byte
		for rest, n := in, int(step%8)+1; len(rest) > 0; {
			k := min(n, len(rest))
			chunks, rest = append(chunks, rest[:k]), rest[k:]
		}
		split, errSplit := read(&splitReader{chunks: chunks})
		if !errors.Is(errSplit, errWhole) || !reflect.DeepEqual(whole, split) {
			t.Fatalf("split: %q, %v; whole: %q, %v", split, errSplit, whole, errWhole)
		}
	})
}
