package templates

import "net/http"

// MiddlewareNext passes a request on to the rest of the chain and returns
// its response.
type MiddlewareNext func(*http.Request) (*http.Response, error)

// Middleware sees every attempt of every call: it may change the request,
// call next (or not), and inspect or replace the response. A middleware that
// replaces a response must close the body it drops.
type Middleware func(req *http.Request, next MiddlewareNext) (*http.Response, error)

// chainMiddlewares returns a MiddlewareNext that runs mws in order around
// last.
func chainMiddlewares(mws []Middleware, last MiddlewareNext) MiddlewareNext {
	next := last
	for i := len(mws) - 1; i >= 0; i-- {
		mw, inner := mws[i], next
		next = func(req *http.Request) (*http.Response, error) {
			return mw(req, inner)
		}
	}
	return next
}
