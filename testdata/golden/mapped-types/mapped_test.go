package mappedtypes

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"usertypes/decimal"
)

// A mapped type travels through its own JSON methods, plain and inside
// Opt, Nullable, slices and maps, both ways.
func TestMappedRoundTrip(t *testing.T) {
	var got []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write(got) // the order as stored is the order sent
	}))
	defer srv.Close()
	client := NewClient(WithBaseURL(srv.URL))

	req := &OrdersCreateRequest{
		ID:       "o1",
		Total:    decimal.FromCents(1250),
		Tip:      Some(decimal.FromCents(100)),
		Discount: Null[decimal.Decimal](),
		Lines:    []decimal.Decimal{decimal.FromCents(5), decimal.FromCents(1245)},
		Rates:    map[string]decimal.Decimal{"vat": decimal.FromCents(20)},
		Count:    Some[int64](2),
	}
	order, err := client.Orders.Create(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"o1","total":"12.50","tip":"1.00","discount":null,"lines":["0.05","12.45"],"rates":{"vat":"0.20"},"count":2}`
	if string(got) != want {
		t.Errorf("sent\n%s\nwant\n%s", got, want)
	}
	if order.Total.Cents() != 1250 || order.Tip.Value.Cents() != 100 || !order.Discount.Null ||
		len(order.Lines) != 2 || order.Lines[1].Cents() != 1245 || order.Rates["vat"].Cents() != 20 {
		t.Errorf("decoded %+v", order)
	}
	if order.Weight.Valid {
		t.Error("an absent mapped value decoded as present")
	}
	back, err := json.Marshal(order)
	if err != nil || string(back) != want {
		t.Errorf("encoded again %s, %v", back, err)
	}
}

// A mapped query parameter is sent as its JSON text, unquoted.
func TestMappedParameter(t *testing.T) {
	var query string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.RawQuery
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `[]`)
	}))
	defer srv.Close()
	client := NewClient(WithBaseURL(srv.URL))
	_, err := client.Orders.List(context.Background(), &OrdersListRequest{
		MinTotal: Some(decimal.FromCents(-750)),
		Totals:   []decimal.Decimal{decimal.FromCents(1), decimal.FromCents(200)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "min_total=-7.50&totals=0.01&totals=2.00"; query != want {
		t.Errorf("query %q, want %q", query, want)
	}
}

// A value the mapped type refuses makes the call fail with a *DecodeError
// that carries the type's own error, wherever the value sits.
func TestMappedTypeRejects(t *testing.T) {
	bodies := map[string]string{
		"/orders":          `{"id":"o1","total":"1.005"}`,
		"/orders/o1/total": `"1.005"`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, bodies[r.URL.Path])
	}))
	defer srv.Close()
	client := NewClient(WithBaseURL(srv.URL), WithMaxRetries(0))
	ctx := context.Background()

	_, err := client.Orders.Create(ctx, &OrdersCreateRequest{ID: "o1"})
	checkRejected(t, "Create", err)
	_, err = client.Orders.Total(ctx, "o1")
	checkRejected(t, "Total", err)
}

func checkRejected(t *testing.T, method string, err error) {
	t.Helper()
	var de *DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("%s: error %v, want a *DecodeError", method, err)
	}
	if !errors.Is(err, decimal.ErrPrecision) || errors.Unwrap(de) != decimal.ErrPrecision {
		t.Errorf("%s: error %v does not carry decimal.ErrPrecision", method, err)
	}
}
