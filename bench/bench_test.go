package bench_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-faster/jx"

	"github.com/oagen/oagen/bench/handwritten"
	"github.com/oagen/oagen/bench/internal/fake"
	"github.com/oagen/oagen/bench/oapiclient"
	"github.com/oagen/oagen/bench/ogenclient"
	"github.com/oagen/oagen/gen/courier"
)

// The seed-like payload every client sends: event, brand, template, data,
// routing, locale and override (Courier's documented example, plus locale
// and override).
const (
	event    = "abcdefgh12345678"
	brand    = "W50NC77P524K14M5300PGPEK4JMJ"
	template = "NOTIFICATION_TEMPLATE"
)

func seedData() map[string]any { return map[string]any{"name": "Jane Doe", "age": 27} }
func seedLocale() map[string]any {
	return map[string]any{"fr": map[string]any{"content": "Bonjour"}}
}
func seedOverride() map[string]any {
	return map[string]any{"channel": map[string]any{"email": map[string]any{"subject": "Welcome"}}}
}

func handwrittenRequest() *handwritten.CreateJobRequest {
	b, t := brand, template
	return &handwritten.CreateJobRequest{Message: handwritten.Message{
		Event: event, Brand: &b, Template: &t, Data: seedData(), Locale: seedLocale(), Override: seedOverride(),
		Routing: &handwritten.Routing{Method: "single", Channels: []string{"email", "sms"}},
	}}
}

func oapiRequest() oapiclient.BulkCreateJobJSONRequestBody {
	b, t := brand, template
	d, o := seedData(), seedOverride()
	m := oapiclient.Single
	ch := []string{"email", "sms"}
	return oapiclient.BulkCreateJobJSONRequestBody{Message: oapiclient.InboundBulkMessage{
		Event: event, Brand: &b, Template: &t, Data: &d, Locale: seedLocale(), Override: &o,
		Routing: &oapiclient.Routing{Method: &m, Channels: &ch},
	}}
}

func ogenRequest() *ogenclient.BulkCreateJobParamsBody {
	return &ogenclient.BulkCreateJobParamsBody{Message: ogenclient.InboundBulkMessage{
		Event:    event,
		Brand:    ogenclient.NewOptNilString(brand),
		Template: ogenclient.NewOptNilString(template),
		Data: ogenclient.NewOptNilInboundBulkMessageData(ogenclient.InboundBulkMessageData{
			"name": jx.Raw(`"Jane Doe"`), "age": jx.Raw(`27`)}),
		Locale: jx.Raw(`{"fr":{"content":"Bonjour"}}`),
		Override: ogenclient.NewOptNilInboundBulkMessageOverride(ogenclient.InboundBulkMessageOverride{
			"channel": jx.Raw(`{"email":{"subject":"Welcome"}}`)}),
		Routing: ogenclient.NewOptRouting(ogenclient.Routing{
			Method: ogenclient.NewOptRoutingMethod(ogenclient.RoutingMethodSingle), Channels: []string{"email", "sms"}}),
	}}
}

func oagenRequest() *courier.BulkCreateJobRequest {
	return &courier.BulkCreateJobRequest{Message: courier.InboundBulkMessage{
		Event: event, Brand: courier.Value(brand), Template: courier.Value(template),
		Data: courier.Value(seedData()), Locale: courier.Value(courier.InboundBulkMessageLocaleOfObject(seedLocale())), Override: courier.Value(seedOverride()),
		Routing: courier.Some(courier.Routing{Method: courier.Some(courier.RoutingMethodSingle), Channels: []string{"email", "sms"}}),
	}}
}

// A client under test: a function that makes one CreateJob call and
// checks the job id.
type caller func(ctx context.Context) error

type bearer struct{}

func (bearer) BearerAuth(context.Context, ogenclient.OperationName) (ogenclient.BearerAuth, error) {
	return ogenclient.BearerAuth{Token: "sk_test"}, nil
}

func checkID(id string) error {
	if id != fake.JobID {
		return fmt.Errorf("job id %q", id)
	}
	return nil
}

// clients returns the four clients, talking to baseURL through hc. Each
// builds its request value once per call, as a caller would.
func clients(tb testing.TB, baseURL string, hc *http.Client) []struct {
	name string
	call caller
} {
	hw := &handwritten.Client{BaseURL: baseURL, Token: "sk_test", HTTP: hc}
	oapi, err := oapiclient.NewClientWithResponses(baseURL, oapiclient.WithHTTPClient(hc),
		oapiclient.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Bearer sk_test")
			return nil
		}))
	if err != nil {
		tb.Fatal(err)
	}
	og, err := ogenclient.NewClient(baseURL, bearer{}, ogenclient.WithClient(hc))
	if err != nil {
		tb.Fatal(err)
	}
	oa := courier.NewClient(courier.WithBaseURL(baseURL), courier.WithHTTPClient(hc), courier.WithBearerToken("sk_test"))
	return []struct {
		name string
		call caller
	}{
		{"handwritten", func(ctx context.Context) error {
			res, err := hw.CreateJob(ctx, handwrittenRequest())
			if err != nil {
				return err
			}
			return checkID(res.JobID)
		}},
		{"oapi-codegen", func(ctx context.Context) error {
			res, err := oapi.BulkCreateJobWithResponse(ctx, &oapiclient.BulkCreateJobParams{}, oapiRequest())
			if err != nil {
				return err
			}
			if res.JSON200 == nil {
				return fmt.Errorf("status %d", res.StatusCode())
			}
			return checkID(res.JSON200.JobId)
		}},
		{"ogen", func(ctx context.Context) error {
			res, err := og.BulkCreateJob(ctx, ogenRequest(), ogenclient.BulkCreateJobParams{})
			if err != nil {
				return err
			}
			ok, isOK := res.(*ogenclient.BulkCreateJobOK)
			if !isOK {
				return fmt.Errorf("answer %T", res)
			}
			return checkID(ok.JobId)
		}},
		{"oagen", func(ctx context.Context) error {
			res, err := oa.Bulk.CreateJob(ctx, oagenRequest())
			if err != nil {
				return err
			}
			return checkID(res.JobID)
		}},
	}
}

// BenchmarkCreateJob makes one CreateJob call per iteration with each
// client, over an in-memory transport (no network) and over loopback
// (httptest.NewServer on 127.0.0.1).
func BenchmarkCreateJob(b *testing.B) {
	srv := httptest.NewServer(fake.Handler{})
	defer srv.Close()
	for _, tr := range []struct {
		name string
		url  string
		hc   *http.Client
	}{
		{"memory", "http://courier.test", &http.Client{Transport: fake.Transport{}}},
		{"loopback", srv.URL, srv.Client()},
	} {
		for _, c := range clients(b, tr.url, tr.hc) {
			b.Run("transport="+tr.name+"/client="+c.name, func(b *testing.B) {
				ctx := context.Background()
				b.ReportAllocs()
				for b.Loop() {
					if err := c.call(ctx); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkEncodeCreateJob encodes the request body alone, from a value
// built once, with each client's own types and encoder.
func BenchmarkEncodeCreateJob(b *testing.B) {
	hw, oapi, og, oa := handwrittenRequest(), oapiRequest(), ogenRequest(), oagenRequest()
	for _, c := range []struct {
		name string
		enc  func() ([]byte, error)
	}{
		{"handwritten", func() ([]byte, error) { return json.Marshal(hw) }},
		{"oapi-codegen", func() ([]byte, error) { return json.Marshal(oapi) }},
		{"ogen", func() ([]byte, error) {
			e := jx.GetEncoder()
			defer jx.PutEncoder(e)
			og.Encode(e)
			return append([]byte(nil), e.Bytes()...), nil
		}},
		// oagen's client encodes bodies with the type's own codec, which
		// MarshalJSON calls; json.Marshal would validate the result again.
		{"oagen", func() ([]byte, error) { return oa.MarshalJSON() }},
	} {
		b.Run("client="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.enc(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeUsersPage decodes a page of 100 users (GetUsers' answer)
// alone into each client's own types.
func BenchmarkDecodeUsersPage(b *testing.B) {
	page := fake.UsersPage
	for _, c := range []struct {
		name string
		dec  func() (int, error)
	}{
		{"handwritten", func() (int, error) {
			var v handwritten.GetUsersResponse
			err := json.Unmarshal(page, &v)
			return len(v.Items), err
		}},
		{"oapi-codegen", func() (int, error) {
			var v oapiclient.BulkGetJobUsersResponse
			err := json.Unmarshal(page, &v)
			return len(v.Items), err
		}},
		{"ogen", func() (int, error) {
			var v ogenclient.BulkGetJobUsersResponse
			err := v.Decode(jx.DecodeBytes(page))
			return len(v.Items), err
		}},
		{"oagen", func() (int, error) {
			// As oagen's client decodes results: with the type's own codec,
			// which json.Unmarshal would run only after scanning the input.
			var v courier.BulkGetJobUsersResponse
			err := v.UnmarshalJSON(page)
			return len(v.Items), err
		}},
	} {
		b.Run("client="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				n, err := c.dec()
				if err != nil || n != 100 {
					b.Fatalf("%d users, %v", n, err)
				}
			}
		})
	}
}
