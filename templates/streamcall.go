package templates

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"time"
)

// errStreamIdle is the cause of a stream cut by the idle timeout.
var errStreamIdle = fmt.Errorf("no data within the request timeout: %w", context.DeadlineExceeded)

// streamEvents sends op and yields the events of its 2xx response, each
// decoded with move: server-sent events, JSON Lines or JSON text
// sequences, chosen by the response's Content-Type (a JSON body is one
// event). Until an event arrives, failures are retried as call retries
// them; then a non-2xx yields one *APIError. Data that does not decode
// yields one *DecodeError. A stream that ends between events, or with
// "data: [DONE]", ends without an error; one cut inside an event yields
// one. A GET event stream that drops is resumed with Last-Event-ID.
// Breaking out of the loop closes the body at once.
func streamEvents[T any](ctx context.Context, c *clientCore, op *operation, move func(*T, *jsonCodec), opts []RequestOption) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		cfg := c.cfg.withCallOptions(opts)
		p, err := prepareRequest(op, &cfg)
		if err != nil {
			yield(zero, op.wrap(err))
			return
		}
		s := newEventStream(ctx, &cfg, op, p)
		defer s.close()
		for {
			data, err := s.next()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(zero, err)
				return
			}
			var v T
			if err := decodeValue(data, &v, move); err != nil {
				yield(zero, s.decodeError(data, err))
				return
			}
			if cfg.onEvent != nil {
				cfg.onEvent(s.name, s.id)
			}
			if !yield(v, nil) {
				return
			}
		}
	}
}

// eventSource reads the events of one response body.
type eventSource interface {
	// next returns the data of the next event, valid until the following
	// call, and its name; io.EOF at a clean end.
	next() (data []byte, name string, err error)
}

// eventStream is one stream method call: the request, the live response
// and the state kept across reconnects. It reads its body through an idle
// timer, so it needs no goroutine of its own.
type eventStream struct {
	ctx  context.Context
	cfg  *requestConfig
	op   *operation
	p    *preparedRequest
	send MiddlewareNext
	max  int

	resp    *http.Response
	body    io.ReadCloser
	bodyCtx context.Context         // the current attempt's context
	cancel  context.CancelCauseFunc // ends it
	idle    *time.Timer             // cancels it when the server is silent
	src     eventSource
	started bool // an event was received: no more retries of the request
	retries int  // consecutive failed attempts
	name    string
	id      string        // the last event ID, sent as Last-Event-ID
	retryIn time.Duration // the server's reconnection time; 0 until set
}

func newEventStream(ctx context.Context, cfg *requestConfig, op *operation, p *preparedRequest) *eventStream {
	max := cfg.maxEventSize
	if max <= 0 {
		max = defaultMaxEventSize
	}
	return &eventStream{
		ctx: ctx, cfg: cfg, op: op, p: p, max: max,
		send: chainMiddlewares(cfg.middlewares, guardRedirects(cfg.httpClient, p.secretHeaders).Do),
	}
}

// next returns the data of the next event, connecting or reconnecting as
// needed; io.EOF at a clean end.
func (s *eventStream) next() ([]byte, error) {
	for {
		if s.src == nil {
			if err := s.open(); err != nil {
				return nil, err
			}
		}
		data, name, err := s.src.next()
		if sse, ok := s.src.(*sseSource); ok {
			s.id, s.retryIn = sse.p.lastID, sse.p.retry
		}
		if err == nil {
			s.started, s.retries, s.name = true, 0, name
			return data, nil
		}
		if err == io.EOF {
			return nil, io.EOF
		}
		err = s.readError(err)
		if !s.mayResume(err) {
			return nil, s.op.wrap(err)
		}
		s.closeBody()
		delay := retryDelay(s.cfg, nil, s.retries)
		if s.started && s.retryIn > 0 {
			delay = s.retryIn
		}
		s.retries++
		if err := s.cfg.sleep(s.ctx, delay); err != nil {
			return nil, s.op.wrap(fmt.Errorf("waiting to reconnect: %w", err))
		}
	}
}

// mayResume reports whether a stream that broke with err may be requested
// again: before the first event as a call would be retried; after it only
// a GET event stream, as a browser's EventSource reconnects.
func (s *eventStream) mayResume(err error) bool {
	if s.retries >= s.cfg.maxRetries || s.ctx.Err() != nil || errors.Is(err, errLineTooLong) {
		return false
	}
	if !isConnectionError(err) {
		return false
	}
	if !s.started {
		return s.p.retryable
	}
	_, isSSE := s.src.(*sseSource)
	return isSSE && s.p.method == http.MethodGet
}

// open sends the request until a 2xx response arrives, retrying as calls
// retry, and sets up the event source for its body.
func (s *eventStream) open() error {
	if s.id != "" {
		s.p.header.Set("Last-Event-ID", s.id)
	}
	for {
		res := s.attempt()
		if s.cfg.responseInto != nil && res.resp != nil {
			*s.cfg.responseInto = res.resp
		}
		if s.body != nil {
			s.src = s.newSource(res.resp.Header.Get("Content-Type"))
			return nil
		}
		if s.retries >= s.cfg.maxRetries || !mayRepeat(s.p, &res) || s.ctx.Err() != nil || !shouldRetry(&res) {
			_, err := decodeResult(s.op, &res, nil)
			return err
		}
		if err := s.cfg.sleep(s.ctx, retryDelay(s.cfg, res.resp, s.retries)); err != nil {
			return s.op.wrap(fmt.Errorf("waiting to retry after attempt %d: %w", s.retries+1, err))
		}
		s.retries++
	}
}

// attempt sends the request once under the idle timer. On a 2xx it keeps
// the body, the timer and the context's cancel; otherwise it releases them.
func (s *eventStream) attempt() attemptResult {
	ctx, cancel := context.WithCancelCause(s.ctx)
	var idle *time.Timer
	if d := s.cfg.requestTimeout; d > 0 {
		idle = time.AfterFunc(d, func() { cancel(errStreamIdle) })
	}
	res, body := streamAttempt(ctx, s.p, s.send)
	if idle != nil {
		idle.Stop()
	}
	if body == nil {
		if res.err != nil && context.Cause(ctx) == errStreamIdle && s.ctx.Err() == nil {
			res.err = fmt.Errorf("attempt timed out after %v: %w", s.cfg.requestTimeout, errStreamIdle)
		}
		cancel(nil)
		return res
	}
	s.resp, s.body, s.bodyCtx, s.cancel, s.idle = res.resp, body, ctx, cancel, idle
	return res
}

// Read reads the current body, with the idle timer running while it waits.
func (s *eventStream) Read(b []byte) (int, error) {
	if s.idle != nil {
		s.idle.Reset(s.cfg.requestTimeout)
	}
	n, err := s.body.Read(b)
	if s.idle != nil {
		s.idle.Stop()
	}
	return n, err
}

// readError explains an error that reading the body ended with.
func (s *eventStream) readError(err error) error {
	if s.ctx.Err() != nil {
		return fmt.Errorf("reading stream: %w", s.ctx.Err())
	}
	if s.bodyCtx != nil && context.Cause(s.bodyCtx) == errStreamIdle {
		return fmt.Errorf("stream idle for %v: %w", s.cfg.requestTimeout, errStreamIdle)
	}
	return fmt.Errorf("reading stream: %w", err)
}

// decodeError describes event data that did not decode.
func (s *eventStream) decodeError(data []byte, err error) error {
	return &DecodeError{
		Method:       s.op.method,
		PathTemplate: s.op.pathTemplate,
		StatusCode:   s.resp.StatusCode,
		ContentType:  s.resp.Header.Get("Content-Type"),
		Snippet:      snippet(data, maxSnippet),
		Err:          err,
	}
}

// closeBody ends the current response: its timer, its context and its
// body, without reading the rest of a stream that may never end.
func (s *eventStream) closeBody() {
	if s.idle != nil {
		s.idle.Stop()
		s.idle = nil
	}
	if s.cancel != nil {
		s.cancel(nil)
		s.cancel = nil
	}
	if s.body != nil {
		s.body.Close()
		s.body = nil
	}
	s.src, s.bodyCtx = nil, nil
}

// close ends the call.
func (s *eventStream) close() {
	s.closeBody()
}
