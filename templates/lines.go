package templates

import (
	"errors"
	"fmt"
	"io"
)

// defaultMaxEventSize bounds one line, and one event of a stream, unless
// WithMaxEventSize says otherwise.
const defaultMaxEventSize = 16 << 20

// lineBufferSize is how much a lineReader reads at a time.
const lineBufferSize = 32 << 10

// maxEmptyReads is how many reads in a row may return nothing and no error
// before a lineReader gives up on a broken reader.
const maxEmptyReads = 100

// errUnexpectedEnd is the cause of a stream that ends inside a line or an
// event.
var errUnexpectedEnd = fmt.Errorf("stream ended in the middle of an event: %w", io.ErrUnexpectedEOF)

// errLineTooLong is returned for a line or an event over the size limit.
var errLineTooLong = errors.New("stream event exceeds the size limit (see WithMaxEventSize)")

// lineReader splits a stream into lines ended by LF, CRLF or CR, however the
// reads cut them. It holds at most one line beyond its fixed read buffer.
type lineReader struct {
	r          io.Reader
	buf        []byte // read buffer; buf[start:end] is unread
	start, end int
	line       []byte // the start of a line that spans reads
	afterCR    bool   // the last line ended in CR: skip an LF that follows
	max        int    // longest line accepted
	err        error  // the error that ended reading, io.EOF at the end
	empty      int    // reads in a row that returned nothing
}

// newLineReader reads lines of at most max bytes from r.
func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{r: r, buf: make([]byte, lineBufferSize), max: max}
}

// next returns the next line without its ending. The line is valid until
// the following call. At the end of the stream it returns io.EOF, with the
// unterminated last line, if any, as the line; other errors are returned
// as they come.
func (l *lineReader) next() ([]byte, error) {
	for {
		if l.start < l.end {
			if l.afterCR {
				l.afterCR = false
				if l.buf[l.start] == '\n' {
					l.start++
					continue
				}
			}
			if line, ok, err := l.scan(); ok || err != nil {
				return line, err
			}
		}
		if l.err != nil {
			line := l.line
			l.line = l.line[:0]
			return line, l.err
		}
		n, err := l.r.Read(l.buf)
		if n < 0 || n > len(l.buf) {
			n, err = 0, errors.New("stream reader returned an invalid count")
		}
		switch {
		case n > 0:
			l.empty = 0
		case err == nil:
			if l.empty++; l.empty >= maxEmptyReads {
				err = io.ErrNoProgress
			}
		}
		l.start, l.end = 0, n
		if err != nil {
			l.err = err
		}
	}
}

// scan looks for a line ending in the unread buffer. It returns the line
// when it finds one; otherwise it keeps the unread bytes as the start of
// the line, unless that makes the line too long.
func (l *lineReader) scan() ([]byte, bool, error) {
	chunk := l.buf[l.start:l.end]
	for i, b := range chunk {
		if b != '\n' && b != '\r' {
			continue
		}
		l.start += i + 1
		l.afterCR = b == '\r'
		if len(l.line) == 0 {
			if i > l.max {
				return nil, false, errLineTooLong
			}
			return chunk[:i], true, nil
		}
		if len(l.line)+i > l.max {
			return nil, false, errLineTooLong
		}
		line := append(l.line, chunk[:i]...)
		l.line = line[:0]
		if cap(line) > lineBufferSize*4 {
			l.line = nil // let a rare long line's memory go
		}
		return line, true, nil
	}
	if len(l.line)+len(chunk) > l.max {
		return nil, false, errLineTooLong
	}
	l.line = append(l.line, chunk...)
	l.start = l.end
	return nil, false, nil
}
