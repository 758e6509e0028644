package courier_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"

	"github.com/oagen/oagen/gen/courier"
)

// The two request bodies of Courier's "Create a bulk job" page, as written.
const (
	seedCurlBody = `{"message":{"event":"EXAMPLE_NOTIFICATION","brand":"W50NC77P524K14M5300PGPEK4JMJ","data":{"name":"Jane Doe","age":27}}}`
	seedExample  = `{"message":{"event":"abcdefgh12345678","brand":"W50NC77P524K14M5300PGPEK4JMJ","data":{"name":"Jane Doe","age":27},"routing":{"method":"single"},"template":"NOTIFICATION_TEMPLATE"}}`
)

// recorder is a test server that answers every request with one status and
// body and keeps what it received.
type recorder struct {
	mu       sync.Mutex
	status   int
	body     string
	requests []recorded
}

type recorded struct {
	Method, RequestURI string
	Header             http.Header
	Body               []byte
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.requests = append(r.requests, recorded{req.Method, req.RequestURI, req.Header.Clone(), body})
	status, out := r.status, r.body
	r.mu.Unlock()
	if out != "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	io.WriteString(w, out)
}

func (r *recorder) last(t *testing.T) recorded {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.requests) == 0 {
		t.Fatal("the server received no request")
	}
	return r.requests[len(r.requests)-1]
}

// newClient starts a server answering status and body, and a client for it.
func newClient(t *testing.T, status int, body string) (*courier.Client, *recorder) {
	t.Helper()
	rec := &recorder{status: status, body: body}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	return courier.NewClient(courier.WithBaseURL(srv.URL), courier.WithBearerToken("tok"), courier.WithMaxRetries(0)), rec
}

// jsonEqual compares two JSON documents by value.
func jsonEqual(t *testing.T, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("got is not JSON: %v: %s", err, got)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("want is not JSON: %v: %s", err, want)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("JSON differs\n got: %s\nwant: %s", got, want)
	}
}

func TestSeedBodiesBuiltInGo(t *testing.T) {
	data := map[string]any{"name": "Jane Doe", "age": 27}
	tests := []struct {
		name string
		req  courier.BulkCreateJobRequest
		want string
	}{
		{"curl", courier.BulkCreateJobRequest{Message: courier.InboundBulkMessage{
			Event: "EXAMPLE_NOTIFICATION",
			Brand: courier.Value("W50NC77P524K14M5300PGPEK4JMJ"),
			Data:  courier.Value(data),
		}}, seedCurlBody},
		{"example", courier.BulkCreateJobRequest{Message: courier.InboundBulkMessage{
			Event:    "abcdefgh12345678",
			Brand:    courier.Value("W50NC77P524K14M5300PGPEK4JMJ"),
			Data:     courier.Value(data),
			Routing:  courier.Some(courier.Routing{Method: courier.Some(courier.RoutingMethodSingle)}),
			Template: courier.Value("NOTIFICATION_TEMPLATE"),
		}}, seedExample},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, rec := newClient(t, http.StatusCreated, `{"jobId":"1-61e9dd53-b5bb6c863b7ffbe83ad4b28d"}`)
			if _, err := client.Bulk.CreateJob(context.Background(), &tt.req); err != nil {
				t.Fatal(err)
			}
			got := rec.last(t)
			jsonEqual(t, got.Body, []byte(tt.want))
			if got.Method != http.MethodPost || got.RequestURI != "/bulk" {
				t.Errorf("request line = %s %s, want POST /bulk", got.Method, got.RequestURI)
			}
			if h := got.Header.Get("Authorization"); h != "Bearer tok" {
				t.Errorf("Authorization = %q", h)
			}
			if h := got.Header.Get("Content-Type"); h != "application/json" {
				t.Errorf("Content-Type = %q", h)
			}
		})
	}
}

// A body decoded into the request type and sent again arrives unchanged.
func TestSeedBodiesRoundTrip(t *testing.T) {
	for _, body := range []string{seedCurlBody, seedExample} {
		var req courier.BulkCreateJobRequest
		if err := json.Unmarshal([]byte(body), &req); err != nil {
			t.Fatal(err)
		}
		client, rec := newClient(t, http.StatusOK, `{"jobId":"j"}`)
		if _, err := client.Bulk.CreateJob(context.Background(), &req); err != nil {
			t.Fatal(err)
		}
		jsonEqual(t, rec.last(t).Body, []byte(body))
	}
}

func TestCreateJobStatuses(t *testing.T) {
	for _, status := range []int{http.StatusOK, http.StatusCreated} {
		client, _ := newClient(t, status, `{"jobId":"1-61e9dd53-b5bb6c863b7ffbe83ad4b28d"}`)
		res, err := client.Bulk.CreateJob(context.Background(), &courier.BulkCreateJobRequest{
			Message: courier.InboundBulkMessage{Event: "welcome"},
		})
		if err != nil {
			t.Fatalf("status %d: %v", status, err)
		}
		if res.JobID != "1-61e9dd53-b5bb6c863b7ffbe83ad4b28d" {
			t.Errorf("status %d: jobId = %q", status, res.JobID)
		}
	}
}

func TestBadRequestIsAPIError(t *testing.T) {
	const body = `{"message":"Invalid Request. Either 'content' or 'template' must be defined.","type":"invalid_request_error"}`
	client, _ := newClient(t, http.StatusBadRequest, body)
	res, err := client.Bulk.CreateJob(context.Background(), &courier.BulkCreateJobRequest{})
	if res != nil {
		t.Errorf("result = %+v, want nil", res)
	}
	var apiErr *courier.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v (%T) is not an *APIError", err, err)
	}
	if apiErr.StatusCode != http.StatusBadRequest {
		t.Errorf("StatusCode = %d", apiErr.StatusCode)
	}
	detail, ok := apiErr.Detail.(*courier.Error)
	if !ok {
		t.Fatalf("Detail = %T, want *courier.Error", apiErr.Detail)
	}
	if typ := detail.Type.Value; typ != courier.ErrorTypeInvalidRequestError {
		t.Errorf("type = %q", typ)
	}
	if detail.Message != "Invalid Request. Either 'content' or 'template' must be defined." || apiErr.Message != detail.Message {
		t.Errorf("message = %q / %q", detail.Message, apiErr.Message)
	}
	if string(apiErr.Body) != body {
		t.Errorf("raw body = %s", apiErr.Body)
	}
}

func TestMalformedSuccessBody(t *testing.T) {
	client, _ := newClient(t, http.StatusOK, `{"jobId":`)
	if _, err := client.Bulk.CreateJob(context.Background(), nil); err == nil {
		t.Fatal("a truncated success body returned no error")
	}
}

func TestIngestUsersStatuses(t *testing.T) {
	client, _ := newClient(t, http.StatusNoContent, "")
	res, err := client.Bulk.IngestUsers(context.Background(), "job", &courier.BulkIngestUsersRequest{
		Users: []courier.InboundBulkMessageUser{{Recipient: courier.Value("u1")}},
	})
	if err != nil || res != nil {
		t.Fatalf("204: res = %v, err = %v; want nil, nil", res, err)
	}
	client, _ = newClient(t, http.StatusOK, `{"total":1,"errors":[{"user":{"recipient":"u2"},"error":"Duplicate user"}]}`)
	res, err = client.Bulk.IngestUsers(context.Background(), "job", nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Errors) != 1 || res.Errors[0].Error != "Duplicate user" {
		t.Errorf("result = %+v", res)
	}
}

func TestRunJobStatuses(t *testing.T) {
	for _, status := range []int{http.StatusAccepted, http.StatusNoContent} {
		client, rec := newClient(t, status, "")
		if err := client.Bulk.RunJob(context.Background(), "job", nil); err != nil {
			t.Errorf("status %d: %v", status, err)
		}
		if got := rec.last(t); got.RequestURI != "/bulk/job/run" || len(got.Body) != 0 {
			t.Errorf("status %d: request %s with body %q", status, got.RequestURI, got.Body)
		}
	}
}

func TestPathParameterIsEscaped(t *testing.T) {
	client, rec := newClient(t, http.StatusOK, `{"job":{"definition":{"event":"e"},"enqueued":0,"failures":0,"received":0,"status":"CREATED"}}`)
	if _, err := client.Bulk.GetJob(context.Background(), "a/b c"); err != nil {
		t.Fatal(err)
	}
	if got := rec.last(t).RequestURI; got != "/bulk/a%2Fb%20c" {
		t.Errorf("RequestURI = %q, want /bulk/a%%2Fb%%20c", got)
	}
}

func TestUnknownJobStatusDecodes(t *testing.T) {
	client, _ := newClient(t, http.StatusOK, `{"job":{"definition":{"event":"e"},"enqueued":1,"failures":0,"received":2,"status":"CANCELLED"}}`)
	res, err := client.Bulk.GetJob(context.Background(), "job")
	if err != nil {
		t.Fatal(err)
	}
	if res.Job.Status != "CANCELLED" || courier.IsKnown(res.Job.Status) {
		t.Errorf("status = %q, known = %v", res.Job.Status, courier.IsKnown(res.Job.Status))
	}
	if !courier.IsKnown(courier.BulkJobStatusCompleted) {
		t.Error("COMPLETED is not known")
	}
	// A value is known under its own type only: ERROR is listed by both
	// job and user statuses, CREATED by job statuses alone, and a plain
	// string is no enum.
	if !courier.IsKnown(courier.BulkJobUserStatus("ERROR")) || courier.IsKnown(courier.BulkJobUserStatus("CREATED")) || courier.IsKnown("CREATED") {
		t.Error("IsKnown does not tell the enum types apart")
	}
}

func TestNullAbsentAndValueStayApart(t *testing.T) {
	tests := []struct {
		name  string
		brand courier.Nullable[string]
		want  string
	}{
		{"absent", courier.Nullable[string]{}, `{"event":"e"}`},
		{"null", courier.Null[string](), `{"event":"e","brand":null}`},
		{"value", courier.Value("b1"), `{"event":"e","brand":"b1"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(courier.InboundBulkMessage{Event: "e", Brand: tt.brand})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("encoded %s, want %s", got, tt.want)
			}
			var back courier.InboundBulkMessage
			if err := json.Unmarshal(got, &back); err != nil {
				t.Fatal(err)
			}
			if back.Brand.Valid != tt.brand.Valid || back.Brand.Null != tt.brand.Null {
				t.Errorf("decoded value=%v null=%v", back.Brand.Valid, back.Brand.Null)
			}
			again, _ := json.Marshal(back)
			if !bytes.Equal(again, got) {
				t.Errorf("re-encoded %s, want %s", again, got)
			}
		})
	}
}

func TestContentVariants(t *testing.T) {
	var sugar courier.Content
	if err := json.Unmarshal([]byte(`{"title":"Hi","body":"Hello"}`), &sugar); err != nil {
		t.Fatal(err)
	}
	if v, ok := sugar.AsElementalContentSugar(); !ok || v.Title != "Hi" || v.Body != "Hello" {
		t.Errorf("sugar: %+v, %v", v, ok)
	}
	if _, ok := sugar.AsElementalContent(); ok {
		t.Error("sugar also reads as ElementalContent")
	}

	const full = `{"version":"2022-01-01","elements":[{"type":"text","content":"Hi {{name}}","align":"left"},{"type":"divider"},{"type":"hologram","x":1}]}`
	var content courier.Content
	if err := json.Unmarshal([]byte(full), &content); err != nil {
		t.Fatal(err)
	}
	ec, ok := content.AsElementalContent()
	if !ok || len(ec.Elements) != 3 {
		t.Fatalf("full: %+v, %v", ec, ok)
	}
	if text, ok := ec.Elements[0].AsElementalTextNode(); !ok || text.Content != "Hi {{name}}" {
		t.Errorf("element 0 = %+v, %v", text, ok)
	}
	if _, ok := ec.Elements[1].AsElementalDividerNode(); !ok {
		t.Error("element 1 is not a divider")
	}
	if ec.Elements[2].IsKnown() {
		t.Error("an unknown node type reads as known")
	}
	again, err := json.Marshal(content)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, again, []byte(full))

	var unknown courier.Content
	if err := json.Unmarshal([]byte(`{"markdown":"# hi"}`), &unknown); err != nil {
		t.Fatalf("an unknown variant failed to decode: %v", err)
	}
	if unknown.IsKnown() || string(unknown.Raw()) != `{"markdown":"# hi"}` {
		t.Errorf("unknown variant: known=%v raw=%s", unknown.IsKnown(), unknown.Raw())
	}
}

// Every response document the spec declares survives decode and encode.
func TestResponsesRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		into any
	}{
		{"job", `{"job":{"definition":{"event":"e","brand":null,"data":{"a":1},"locale":"en_US","template":"t","content":{"title":"x","body":"y"}},"enqueued":2,"failures":0,"received":2,"status":"PROCESSING"}}`, new(courier.BulkGetJobResponse)},
		{"users", `{"items":[{"recipient":"u1","profile":{"email":"a@b.c"},"data":{"k":"v"},"to":{"email":"a@b.c"},"status":"ENQUEUED","messageId":null},{"status":"PENDING"}],"paging":{"more":true,"cursor":"c2"}}`, new(courier.BulkGetJobUsersResponse)},
		{"ingest", `{"total":0,"errors":[{"user":{"x":1},"error":{"why":"dup"}}]}`, new(courier.BulkIngestUsersResponse)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := json.Unmarshal([]byte(tt.doc), tt.into); err != nil {
				t.Fatal(err)
			}
			again, err := json.Marshal(tt.into)
			if err != nil {
				t.Fatal(err)
			}
			jsonEqual(t, again, []byte(tt.doc))
		})
	}
}
