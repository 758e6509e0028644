package params

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestQueryStylesAndHeaders(t *testing.T) {
	var uri, trace string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		uri, trace = r.RequestURI, r.Header.Get("X-Trace")
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `["a","b"]`)
	}))
	defer srv.Close()
	items, err := NewClient(WithBaseURL(srv.URL)).Default.ListItems(context.Background(), "x/y", "7", &DefaultListItemsRequest{
		Tenant:  "t1",
		Limit:   Some[int64](0),
		IDs:     []string{"a", "b"},
		CSV:     []int64{1, 2},
		Pipes:   []string{"p", "q"},
		Fields:  []DefaultListItemsRequestFieldsItem{DefaultListItemsRequestFieldsItemID, "new"},
		Filter:  map[string]string{"color": "red", "size": "L"},
		Order:   DefaultListItemsRequestOrderDesc,
		Since:   Some(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)),
		Verbose: Some(false),
		Trace:   "tr-1",
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 {
		t.Errorf("items = %v", items)
	}
	want := "/items/x%2Fy/7?csv=1%2C2&fields=id%2Cnew&filter%5Bcolor%5D=red&filter%5Bsize%5D=L&ids=a&ids=b&limit=0&order=desc&pipes=p%7Cq&since=2026-01-02T03%3A04%3A05Z&tenant=t1&verbose=false"
	if uri != want {
		t.Errorf("request URI\n got %s\nwant %s", uri, want)
	}
	if trace != "tr-1" {
		t.Errorf("X-Trace = %q", trace)
	}
}

// Absent optional parameters are not sent at all.
func TestAbsentParametersAreLeftOut(t *testing.T) {
	var uri string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		uri = r.RequestURI
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `[]`)
	}))
	defer srv.Close()
	if _, err := NewClient(WithBaseURL(srv.URL)).Default.ListItems(context.Background(), "a", "1", &DefaultListItemsRequest{Order: "asc"}); err != nil {
		t.Fatal(err)
	}
	if uri != "/items/a/1?order=asc" {
		t.Errorf("request URI = %s", uri)
	}
}

func TestRawBody(t *testing.T) {
	var got []byte
	var ct string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, _ = io.ReadAll(r.Body)
		ct = r.Header.Get("Content-Type")
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	if err := NewClient(WithBaseURL(srv.URL)).Default.Upload(context.Background(), &DefaultUploadRequest{Body: strings.NewReader("raw bytes")}); err != nil {
		t.Fatal(err)
	}
	if string(got) != "raw bytes" || ct != "application/octet-stream" {
		t.Errorf("body %q with Content-Type %q", got, ct)
	}
	_ = json.Valid
}

func TestLabelAndMatrixPathStyles(t *testing.T) {
	var uri string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		uri = r.RequestURI
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	if err := NewClient(WithBaseURL(srv.URL)).Default.GetColor(context.Background(), "blue", "red green"); err != nil {
		t.Fatal(err)
	}
	if uri != "/colors/.blue/;matrix=red%20green" {
		t.Errorf("request URI = %s", uri)
	}
}

// Objects in the query and in a form body: deepObject nests with brackets,
// form style spreads the properties, and explode false joins them.
func TestObjectParameters(t *testing.T) {
	var query, form string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.RawQuery
		b, _ := io.ReadAll(r.Body)
		form = string(b)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	err := NewClient(WithBaseURL(srv.URL)).Default.Search(context.Background(), &DefaultSearchRequest{
		Where: Some(Where{
			Status:  Some("open"),
			Created: Some(WhereCreated{Gte: Some[int64](10), Lt: Some[int64](20)}),
			Tags:    []string{"a", "b"},
		}),
		Page:      Some(DefaultSearchRequestPage{Size: Some[int64](50)}),
		Range:     Some(DefaultSearchRequestRange{From: Some[int64](1), To: Some[int64](9)}),
		Metadata:  map[string]string{"order": "42"},
		LineItems: []LineItem{{Price: Some("p_1"), Quantity: Some[int64](2)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantQuery := "range=from%2C1%2Cto%2C9&size=50&where%5Bcreated%5D%5Bgte%5D=10&where%5Bcreated%5D%5Blt%5D=20&where%5Bstatus%5D=open&where%5Btags%5D%5B0%5D=a&where%5Btags%5D%5B1%5D=b"
	if query != wantQuery {
		t.Errorf("query\n got %s\nwant %s", query, wantQuery)
	}
	wantForm := "line_items%5B0%5D%5Bprice%5D=p_1&line_items%5B0%5D%5Bquantity%5D=2&metadata%5Border%5D=42"
	if form != wantForm {
		t.Errorf("form\n got %s\nwant %s", form, wantForm)
	}
}
