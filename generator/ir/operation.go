package ir

// Service groups the operations of one tag: client.<Field>.<Operation>.
type Service struct {
	Field      string // field of Client, e.g. Bulk
	Name       string // type name, e.g. BulkService
	Doc        string
	Operations []*Operation
}

// BodyKind says how a request body is encoded.
type BodyKind int

const (
	// NoBody means the operation takes no body.
	NoBody BodyKind = iota
	// JSONFields: the body is a JSON object whose properties are the
	// request struct's fields.
	JSONFields
	// JSONValue: the body is the JSON encoding of the request's Body field.
	JSONValue
	// RawBody: the body is an io.Reader sent as is (octet-stream, text).
	RawBody
	// FormBody: application/x-www-form-urlencoded from the request's fields.
	FormBody
	// MultipartBody: multipart/form-data from the request's fields.
	MultipartBody
)

// ResultKind says how a success response is returned.
type ResultKind int

const (
	// NoResult: the method returns error alone.
	NoResult ResultKind = iota
	// JSONResult: the body decodes into *Result.
	JSONResult
	// StreamResult: the body is returned as an io.ReadCloser.
	StreamResult
	// TextResult: the body is returned as a string.
	TextResult
)

// Operation is one method of a service.
type Operation struct {
	ID         string // operationId as written in the spec
	Name       string // Go method name
	Doc        string
	Deprecated bool
	Method     string // GET, POST, ...
	Path       string // template, "/bulk/{job_id}"
	Pointer    string // "#/paths/~1bulk/post"

	PathParams []*Param // in path order, passed as string arguments

	// Security lists the alternative sets of credentials the operation
	// accepts, by the runtime's credential ids ("bearer", "basic",
	// "key:<scheme>"); nil when no requirement is stated, empty when the
	// operation is public.
	Security [][]string

	// Request is the struct passed after the path arguments; nil when the
	// operation has no body, query, header or cookie parameters.
	Request     *Type
	Body        BodyKind
	ContentType string   // of the body
	Params      []*Param // query, header and cookie parameters (fields of Request)
	FormFields  []*Param // fields of a form or multipart body (fields of Request)

	Result     ResultKind
	ResultType *TypeRef // for JSONResult
	Accept     string
	// Bodiless lists the success statuses, as the spec writes them ("204",
	// "2XX"), declared without a body, for a JSONResult: an empty body is
	// the answer there, and an error on any other 2xx but 204 and 205.
	Bodiless    []string
	ErrorType   *TypeRef // decoded error body, when the spec declares one
	Idempotency string   // header that carries the idempotency key, or ""
	Paging      *Paging
	Stream      *Stream // the typed event stream the operation offers, or nil
	Examples    []*Example
}

// Stream describes an operation whose success response offers a stream of
// JSON events (server-sent events or JSON Lines): the iterator method
// yields them one by one, beside the method for the JSON or raw body.
type Stream struct {
	Method    string  // iterator method name, e.g. CreateStream
	Accept    string  // the streaming media type, sent as Accept
	EventType TypeRef // the type of one event's data
	// FlagField is the request struct's field for a boolean "stream"
	// property of the body, which the caller sets to FlagSet (true,
	// Some(true)) to ask for the stream; "" when there is none.
	FlagField string
	FlagSet   string
}

// Example is one request/response exchange the spec documents, turned into
// a runnable Example function.
type Example struct {
	Name       string // suffix of the Example function, lower case first
	Summary    string
	PathValues []string       // one per path parameter
	Request    any            // decoded JSON of the request body; nil when none
	Params     map[string]any // query and header parameter values by wire name
	Status     int            // status the example server answers
	Response   any            // decoded JSON of the response body; nil when none
}

// ParamIn is where a parameter travels.
type ParamIn string

// Parameter locations.
const (
	InPath   ParamIn = "path"
	InQuery  ParamIn = "query"
	InHeader ParamIn = "header"
	InCookie ParamIn = "cookie"
	// InForm is a field of a form or multipart body.
	InForm ParamIn = "form"
)

// Param is a path, query, header or cookie parameter.
type Param struct {
	Name     string // as sent on the wire
	GoName   string // argument (path) or field (others) name
	In       ParamIn
	Doc      string
	Required bool
	Type     TypeRef
	Wrap     Wrap   // Plain or Opt
	Style    string // form, simple, label, matrix, deepObject, spaceDelimited, pipeDelimited
	Explode  bool
}

// Step is one field on the way from a result to a value inside it, with
// how that field holds its value.
type Step struct {
	Field string
	Wrap  Wrap
}

// Paging describes a cursor-paged operation; the iterator method follows
// NextCursor while HasMore is true.
type Paging struct {
	Method      string // iterator method name, e.g. GetUsersIter
	CursorField string // Go field of Request that carries the cursor
	CursorWrap  Wrap   // how that field holds its value
	Items       []Step // path to the items slice in the result
	ItemType    TypeRef
	NextCursor  []Step // path to the next cursor
	CursorType  TypeRef
	HasMore     []Step // path to the more flag; empty when absent
}
