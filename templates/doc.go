// Package templates is the runtime every generated client carries: options,
// transport, retries, errors, paging, optional and nullable values, unions
// and objects with additional properties.
//
// It is a real package with its own tests. The generator embeds its source
// files (see [Files]) and copies them into each generated package, with the
// package clause renamed and each file named runtime_<name>_gen.go. So every
// file but this one and embed.go must read as part of the generated package:
// no mention of this package's name, no package doc, no reference to [FS] or
// [Files], and the standard library only.
//
// # Behaviour
//
// A call encodes its JSON body once and sends the same bytes on every
// attempt. It retries connection errors (refused, reset, EOF, an attempt cut
// by WithRequestTimeout) and the statuses 408, 409, 429 and 5xx, unless an
// "x-should-retry: true|false" response header says otherwise; other
// statuses are final. GET, HEAD, OPTIONS, PUT and DELETE may be repeated;
// POST and PATCH only when an idempotency key is sent, or after a 429,
// which the server refused without doing the work. An operation that
// declares an idempotency header gets a random UUID v4 key per call unless
// the caller gives one, and every attempt of the call sends the same key.
// Retries wait 0.5 s × 2^n, capped at 8 s, less up to 25 % jitter, or what
// the server asks with retry-after-ms or Retry-After (seconds or an HTTP
// date) when that is at most 60 s. The caller's context bounds the whole
// call, waits included.
//
// A stream method (streamEvents) yields one decoded event at a time from
// server-sent events or JSON Lines. It retries as a call does until the
// first event arrives; after that only a dropped GET event stream is
// resumed, with Last-Event-ID. WithRequestTimeout is its idle timeout.
//
// A non-2xx response becomes an *APIError (its body kept up to 1 MiB and
// decoded into the operation's error type); a 2xx body that does not decode
// becomes a *DecodeError; transport errors are wrapped with the operation's
// name. Error texts name the method and path template, never the query
// string or the credentials.
//
// # Reserved identifiers
//
// The runtime declares these package-level names; generated code must not
// declare them again.
//
// Exported:
//
//	APIError DecodeError Middleware MiddlewareNext Null Nullable Opt Option
//	RequestOption Some Value WithBaseURL WithBasicAuth WithBearerToken
//	WithHTTPClient WithHeader WithHeaderAdd WithIdempotencyKey WithMaxEventSize WithMaxRetries
//	WithMiddleware WithRequestTimeout WithResponseInto WithStreamEvents
//
// Unexported:
//
//	anyValue appendCompact base64URLValue appendJSONString applyCredentials attempt
//	attemptResult backoff boolValue bytesValue byteValue
//	chainMiddlewares checkCursor checkJSONContentType clientCore
//	codecPool countPresent credential credentialsFor decodeJSON
//	decodeResult decodeValue deepObjectPairs defaultIdempotencyHeader
//	defaultMaxEventSize defaultMaxRetries doneMarker drainAndClose encodeBody encodeValue
//	ensureIdempotencyKey errEmptyBody errLineTooLong errorMessage errStreamIdle errTooManyRedirects
//	errUnexpectedEnd eventSource eventStream float32Value float64Value floatDuration foreignValue formObjectPairs
//	guardRedirects hexDigits hexRune idempotentMethod initialBackoff
//	int32Value int64Value intValue is2xx isConnectionError isDigits isHex
//	isNilPointer joinText jsonCodec jsonError jsonKind jsonKindName jsonMember
//	jsonMover jsonString jsonTuple jsonValue kindArray kindBool kindInteger
//	kindNull kindNumber kindObject kindOf kindString lineBufferSize lineReader lineSource marshalJSON
//	maxBackoff maxDrain maxEmptyReads maxErrorBody maxJSONDepth maxMessage
//	maxPooledBuffer maxRetryAfter maxSizeHint maxSnippet mayRepeat memberValue
//	moveConst moveExtra moveMap movePointer moveRest moveSlice newAPIError newClientCore
//	newDecoder newEncoder newErrorBody newEventStream newIdempotencyKey newLineReader newRequestConfig newSSEParser objectFrame
//	objectMembers operation paginate paramPair paramText parseBaseURL parseJSONInt pathEscape
//	pickVariant plainJSON plainPrefix preparedRequest prepareRequest
//	rawValue readBody requestConfig requestHeader retryAfter retryDelay
//	roundTrip scalarText scanMembers sendWithRetries shouldRetry
//	singleSource sleepContext snippet sortedKeys sseEvent sseParser sseSource streamAttempt streamEvents stringField
//	stringValue timeValue unionVariant unmarshalJSON unquoteJSON
//	unwrapURLError userAgent withAPIKey withCredential withoutEmptyPort
//	 writeFilePart
package templates
