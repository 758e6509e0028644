package templates

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// usersPage is a page of a cursor-paged list, as Courier returns them.
type usersPage struct {
	Items  []int64     `json:"items"`
	Paging pageCursors `json:"paging"`
}

type pageCursors struct {
	Cursor Nullable[string] `json:"cursor,omitzero"`
	More   bool             `json:"more"`
}

var usersPageMembers = objectMembers{names: []string{"items", "paging"}}

func (v *usersPage) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&usersPageMembers); i >= 0; i = c.nextMember() {
		switch i {
		case 0:
			moveSlice(c, &v.Items, int64Value)
		case 1:
			v.Paging.moveJSON(c)
		}
	}
}

var pageCursorsMembers = objectMembers{names: []string{"cursor", "more"}}

func (v *pageCursors) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&pageCursorsMembers); i >= 0; i = c.nextMember() {
		switch i {
		case 0:
			if c.nullable(&v.Cursor.Valid, &v.Cursor.Null) {
				c.string(&v.Cursor.Value)
			}
		case 1:
			c.bool(&v.More)
		}
	}
}

func pageItems(p *usersPage) []int64 { return p.Items }

func pageNext(p *usersPage) (string, bool) { return p.Paging.Cursor.Value, p.Paging.More }

// listServer serves total items in pages of size; cursors are offsets,
// passed through next so that a test can make the server misbehave.
func listServer(t *testing.T, total, size int, next func(offset int) string) func(context.Context, string) (*usersPage, error) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("cursor"))
		var items []string
		for i := offset; i < min(offset+size, total); i++ {
			items = append(items, strconv.Itoa(i))
		}
		more := offset+size < total
		reply(w, http.StatusOK, fmt.Sprintf(`{"items":[%s],"paging":{"cursor":%q,"more":%v}}`,
			strings.Join(items, ","), next(offset+size), more))
	})
	c, _ := newTestCore(srv.URL)
	return func(ctx context.Context, cursor string) (*usersPage, error) {
		op := getOp("/bulk/{job_id}/users")
		op.path = "/bulk/j/users"
		if cursor != "" {
			op.addQuery("cursor", cursor)
		}
		var page usersPage
		if ok, err := call(t, c, ctx, op, &page); err != nil || !ok {
			return nil, err
		}
		return &page, nil
	}
}

func TestPaginateFollowsCursors(t *testing.T) {
	const total = 10_000
	fetch := listServer(t, total, 100, strconv.Itoa)
	want := int64(0)
	for item, err := range paginate(context.Background(), fetch, pageItems, pageNext) {
		if err != nil {
			t.Fatalf("after %d items: %v", want, err)
		}
		if item != want {
			t.Fatalf("item %d = %d", want, item)
		}
		want++
	}
	if want != total {
		t.Errorf("got %d items, want %d", want, total)
	}
}

func TestPaginateStopsOnRepeatedCursor(t *testing.T) {
	fetch := listServer(t, 1000, 10, func(offset int) string { return strconv.Itoa(min(offset, 30)) })
	n, err := drain(paginate(context.Background(), fetch, pageItems, pageNext))
	if err == nil || !strings.Contains(err.Error(), `cursor "30" repeats`) {
		t.Fatalf("err = %v, want a repeated cursor error", err)
	}
	if n != 40 { // pages at 0, 10, 20 and 30; the next one would be 30 again
		t.Errorf("got %d items before the error, want 40", n)
	}
}

func TestPaginateEdgeCases(t *testing.T) {
	boom := errors.New("boom")
	pages := []*usersPage{{Items: []int64{1, 2}}, {Items: []int64{3}}}
	pages[0].Paging.More, pages[0].Paging.Cursor = true, Value("c1")
	tests := []struct {
		name      string
		fetch     func(ctx context.Context, cursor string) (*usersPage, error)
		wantItems int
		wantErr   string
	}{
		{"first fetch fails", func(context.Context, string) (*usersPage, error) { return nil, boom }, 0, "boom"},
		{"second fetch fails", func(_ context.Context, c string) (*usersPage, error) {
			if c == "" {
				return pages[0], nil
			}
			return nil, boom
		}, 2, "boom"},
		{"more without cursor", func(context.Context, string) (*usersPage, error) {
			p := *pages[1]
			p.Paging.More = true
			return &p, nil
		}, 1, "no cursor"},
		{"nil page ends", func(context.Context, string) (*usersPage, error) { return nil, nil }, 0, ""},
		{"two pages", func(_ context.Context, c string) (*usersPage, error) {
			return pages[min(len(c), 1)], nil
		}, 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := drain(paginate(context.Background(), tt.fetch, pageItems, pageNext))
			if n != tt.wantItems || (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got %d items, err %v; want %d, %q", n, err, tt.wantItems, tt.wantErr)
			}
		})
	}
}

func TestPaginateEarlyBreak(t *testing.T) {
	fetches := 0
	fetch := func(_ context.Context, cursor string) (*usersPage, error) {
		fetches++
		p := &usersPage{Items: []int64{1, 2, 3}}
		p.Paging.More, p.Paging.Cursor = true, Value(cursor+"x")
		return p, nil
	}
	seen := 0
	for range paginate(context.Background(), fetch, pageItems, pageNext) {
		if seen++; seen == 5 {
			break
		}
	}
	if fetches != 2 {
		t.Errorf("fetches = %d, want 2 for 5 items in pages of 3", fetches)
	}
}

// drain counts the items of seq up to its first error.
func drain[I any](seq func(yield func(I, error) bool)) (int, error) {
	n := 0
	for _, err := range seq {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
