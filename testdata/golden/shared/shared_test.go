package shared

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestSharedTypesBehaveAsTheirOwn calls both operations whose inline
// schemas are declared once: each takes and returns its own names, and
// the values travel as they would with types of their own.
func TestSharedTypesBehaveAsTheirOwn(t *testing.T) {
	var uris []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		uris = append(uris, r.RequestURI)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `[{"id":7,"title":"t","author":{"login":"ann","site":"a.example"},"extra":1}]`)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL))
	ctx := context.Background()

	issues, err := c.Issues.ListIssues(ctx, "r", &IssuesListIssuesRequest{
		State:  IssuesListIssuesRequestStateOpen,
		Select: []IssuesListIssuesRequestSelectItem{IssuesListIssuesRequestSelectItemID, "later"},
	})
	if err != nil {
		t.Fatal(err)
	}
	pulls, err := c.Pulls.ListPulls(ctx, "r", &PullsListPullsRequest{State: PullsListPullsRequestStateClosed})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/repos/r/issues?select=id%2Clater&state=open", "/repos/r/pulls?state=closed"}
	if len(uris) != 2 || uris[0] != want[0] || uris[1] != want[1] {
		t.Errorf("requests = %q, want %q", uris, want)
	}

	// A value of one name is a value of the other.
	var item IssuesListIssuesResponseItem = pulls[0]
	var author Person = item.Author.Value
	if issues[0].ID != 7 || author.Login.Value != "ann" || issues[0].Author.Value.Site.Value != "a.example" {
		t.Errorf("issues = %+v, author = %+v", issues, author)
	}

	// An alias enum's constants are known values of the enum it names.
	if !IsKnown(IssuesListIssuesRequestStateOpen) || !IsKnown(PullsListPullsRequestStateOpen) ||
		IssuesListIssuesRequestStateOpen != PullsListPullsRequestStateOpen {
		t.Error("the state enums' open constants are not the same known value")
	}
	if IsKnown(IssuesListIssuesRequestSelectItem("later")) {
		t.Error(`IsKnown("later") = true`)
	}

	// Encoding goes through the declared struct's codec, under either name.
	out, err := json.Marshal(IssuesCreateLabelResponseOwner{Login: Some("bob")})
	if err != nil || string(out) != `{"login":"bob"}` {
		t.Errorf("json.Marshal = %s, %v", out, err)
	}

	// A union alias keeps constructors of its own names, and decodes as the
	// union it names.
	var label IssuesCreateLabelResponse
	if err := json.Unmarshal([]byte(`{"size":"L","weight":3}`), &label); err != nil {
		t.Fatal(err)
	}
	size, okSize := label.Size.Value.AsString()
	weight, okWeight := label.Weight.Value.AsInt()
	if !okSize || size != "L" || !okWeight || weight != 3 {
		t.Errorf("label = %+v", label)
	}
	w := IssuesCreateLabelResponseWeightOfString("heavy")
	if s, ok := w.AsString(); !ok || s != "heavy" {
		t.Errorf("IssuesCreateLabelResponseWeightOfString: %q, %t", s, ok)
	}
}
