package forms

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestFormBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
			t.Errorf("Content-Type = %q", ct)
		}
		if err := r.ParseForm(); err != nil {
			t.Fatal(err)
		}
		if got := r.PostForm.Encode(); got != "password=p%26w&remember=false&scopes=read&scopes=write&user=ann" {
			t.Errorf("form = %s", got)
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"token":"t1"}`)
	}))
	defer srv.Close()
	res, err := NewClient(WithBaseURL(srv.URL)).Default.Login(context.Background(), &DefaultLoginRequest{
		User: "ann", Password: "p&w", Remember: Some(false), Scopes: []string{"read", "write"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if tok := res.Token.Value; tok != "t1" {
		t.Errorf("token = %q", tok)
	}
}

func TestMultipartBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			t.Fatal(err)
		}
		if got := r.FormValue("caption"); got != "me" {
			t.Errorf("caption = %q", got)
		}
		if got := r.FormValue("meta"); got != `{"w":3}` {
			t.Errorf("meta = %q", got)
		}
		f, _, err := r.FormFile("file")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(f)
		if string(b) != "PNG-bytes" {
			t.Errorf("file = %q", b)
		}
		if n := len(r.MultipartForm.File["extra"]); n != 2 {
			t.Errorf("extra files = %d, want 2", n)
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	err := NewClient(WithBaseURL(srv.URL)).Default.UploadAvatar(context.Background(), &DefaultUploadAvatarRequest{
		File:    strings.NewReader("PNG-bytes"),
		Extra:   []io.Reader{strings.NewReader("a"), strings.NewReader("b")},
		Caption: Some("me"),
		Meta:    Some(DefaultUploadAvatarRequestMeta{W: Some[int64](3)}),
	})
	if err != nil {
		t.Fatal(err)
	}
}
