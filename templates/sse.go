package templates

import (
	"bytes"
	"io"
	"strconv"
	"time"
)

// sseEvent is one server-sent event as the parser dispatches it.
type sseEvent struct {
	name string // the event: field, "message" when absent
	id   string // the last event ID, which persists across events
	data []byte // the data: lines joined with "\n"; valid until the next event
}

// sseParser reads server-sent events as the WHATWG HTML standard's event
// stream interpretation defines them: fields data, event, id and retry;
// lines starting with ":" are comments; an empty line dispatches the event;
// LF, CRLF and CR end lines; a leading byte order mark is skipped.
type sseParser struct {
	lines   *lineReader
	max     int // largest event data accepted
	started bool

	data    []byte
	name    string
	lastID  string
	retry   time.Duration // the server's reconnection time, 0 until it sets one
	pending bool          // a field line was read since the last dispatch
}

// newSSEParser reads events of at most max bytes of data from r.
func newSSEParser(r io.Reader, max int) *sseParser {
	return &sseParser{lines: newLineReader(r, max), max: max}
}

// next returns the next event. A stream that ends between events returns
// io.EOF; one that ends inside an event returns errUnexpectedEnd.
func (p *sseParser) next() (sseEvent, error) {
	for {
		line, err := p.lines.next()
		if err != nil {
			if err == io.EOF && len(line) == 0 && !p.pending {
				return sseEvent{}, io.EOF
			}
			if err == io.EOF {
				err = errUnexpectedEnd
			}
			return sseEvent{}, err
		}
		if !p.started {
			p.started = true
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		if len(line) == 0 {
			if ev, ok := p.dispatch(); ok {
				return ev, nil
			}
			continue
		}
		if err := p.field(line); err != nil {
			return sseEvent{}, err
		}
	}
}

// field processes one non-empty line.
func (p *sseParser) field(line []byte) error {
	if line[0] == ':' {
		return nil // a comment or heartbeat
	}
	name, value := line, []byte(nil)
	if i := bytes.IndexByte(line, ':'); i >= 0 {
		name, value = line[:i], line[i+1:]
		value = bytes.TrimPrefix(value, []byte(" "))
	}
	p.pending = true
	switch string(name) {
	case "data":
		if len(p.data)+len(value)+1 > p.max+1 {
			return errLineTooLong
		}
		p.data = append(p.data, value...)
		p.data = append(p.data, '\n')
	case "event":
		p.name = string(value)
	case "id":
		if bytes.IndexByte(value, 0) < 0 {
			p.lastID = string(value)
		}
	case "retry":
		if ms, err := strconv.ParseUint(string(value), 10, 32); err == nil && isDigits(value) {
			p.retry = time.Duration(ms) * time.Millisecond
		}
	}
	return nil
}

// dispatch ends the current event. It reports false when the event has no
// data, which the standard does not dispatch.
func (p *sseParser) dispatch() (sseEvent, bool) {
	p.pending = false
	name := p.name
	p.name = ""
	if len(p.data) == 0 {
		return sseEvent{}, false
	}
	data := p.data[:len(p.data)-1]
	p.data = p.data[:0]
	if cap(p.data) > lineBufferSize*4 {
		p.data = nil // let a rare large event's memory go
	}
	if name == "" {
		name = "message"
	}
	return sseEvent{name: name, id: p.lastID, data: data}, true
}

// isDigits reports whether b is one or more ASCII digits.
func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}
