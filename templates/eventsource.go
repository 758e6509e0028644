package templates

import (
	"bytes"
	"cmp"
	"io"
	"mime"
	"strings"
)

// newSource picks the parser for a 2xx body by its Content-Type (the
// Accept the request sent when there is none): server-sent events, a
// single JSON value, or JSON Lines (also NDJSON and JSON text sequences).
func (s *eventStream) newSource(contentType string) eventSource {
	mt, _, _ := mime.ParseMediaType(cmp.Or(contentType, s.op.accept))
	switch {
	case mt == "text/event-stream":
		p := newSSEParser(s, s.max)
		p.lastID, p.retry = s.id, s.retryIn
		return &sseSource{p: p}
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return &singleSource{r: s, max: s.max}
	}
	return &lineSource{lines: newLineReader(s, s.max)}
}

// doneMarker is the data of the event that ends a chat-completion stream.
var doneMarker = []byte("[DONE]")

// sseSource yields the data of server-sent events; "data: [DONE]" ends it.
type sseSource struct {
	p *sseParser
}

func (s *sseSource) next() ([]byte, string, error) {
	ev, err := s.p.next()
	if err != nil {
		return nil, "", err
	}
	if bytes.Equal(ev.data, doneMarker) {
		return nil, "", io.EOF
	}
	return ev.data, ev.name, nil
}

// lineSource yields one JSON value a line, skipping blank lines and the
// record separators of JSON text sequences (RFC 7464).
type lineSource struct {
	lines *lineReader
}

func (s *lineSource) next() ([]byte, string, error) {
	for {
		line, err := s.lines.next()
		line = bytes.TrimSpace(bytes.TrimLeft(line, "\x1e"))
		if len(line) > 0 && (err == nil || err == io.EOF) {
			return line, "", nil // a last line without its ending still counts
		}
		if err != nil {
			return nil, "", err
		}
	}
}

// singleSource yields a whole JSON body as one event, for a server that
// answered a stream request with plain JSON.
type singleSource struct {
	r    io.Reader
	max  int
	done bool
}

func (s *singleSource) next() ([]byte, string, error) {
	if s.done {
		return nil, "", io.EOF
	}
	s.done = true
	data, err := io.ReadAll(io.LimitReader(s.r, int64(s.max)+1))
	if err != nil {
		return nil, "", err
	}
	if len(data) > s.max {
		return nil, "", errLineTooLong
	}
	return data, "", nil
}
