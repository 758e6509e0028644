package readonly

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// server answers every request with reply and keeps the body it received.
func server(t *testing.T, status int, reply string) (*Client, *string) {
	t.Helper()
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = string(b)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, reply)
	}))
	t.Cleanup(srv.Close)
	return NewClient(WithBaseURL(srv.URL), WithMaxRetries(0)), &got
}

// The request struct of a body that is also a response has no readOnly
// fields, and sends the required writeOnly password; the response has the
// required readOnly id and no password, and encodes again without one.
func TestCreateSendsNoReadOnlyAndReceivesNoWriteOnly(t *testing.T) {
	reply := `{"id":"u1","name":"Ann","created_at":"2026-01-02T03:04:05Z","profile":{"bio":"Hi.","verified":true},"roles":["member"]}`
	client, got := server(t, 201, reply)
	user, err := client.Users.CreateUser(context.Background(), &UsersCreateUserRequest{
		Name: "Ann", Password: "s3cret", Profile: AdminProfile{Bio: "Hi."},
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"name":"Ann","password":"s3cret","profile":{"bio":"Hi."}}`; *got != want {
		t.Errorf("request body\n got %s\nwant %s", *got, want)
	}
	if !user.ID.Valid || user.ID.Value != "u1" {
		t.Errorf("id = %+v", user.ID)
	}
	if at := user.CreatedAt.Value; !at.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("created_at = %v", at)
	}
	if user.Password.Valid {
		t.Error("a password was decoded from a response that has none")
	}
	again, err := json.Marshal(user)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != reply {
		t.Errorf("response encoded again\n got %s\nwant %s", again, reply)
	}
}

// Where the shared type itself travels in a request (a list body), its
// readOnly fields, nested ones included, are sent only when set.
func TestSharedTypeSendsReadOnlyOnlyWhenSet(t *testing.T) {
	client, got := server(t, 204, "")
	err := client.Users.ReplaceUsers(context.Background(), &UsersReplaceUsersRequest{Body: []User{
		{Name: "Ann", Password: Some("pw"), Profile: AdminProfile{Bio: "Hi."}},
		{ID: Some("u2"), Name: "Bob", Profile: AdminProfile{Bio: "Yo.", Verified: Some(false)}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"name":"Ann","password":"pw","profile":{"bio":"Hi."}},{"id":"u2","name":"Bob","profile":{"bio":"Yo.","verified":false}}]`
	if *got != want {
		t.Errorf("request body\n got %s\nwant %s", *got, want)
	}
}

// Through allOf: an Admin read from a response encodes again without the
// writeOnly password and pin, and one built by the caller sends neither
// id nor created_at.
func TestAllOfKeepsTheFlags(t *testing.T) {
	reply := `[{"id":"a1","name":"Root","created_at":"2026-01-02T03:04:05Z","profile":{"verified":true,"bio":""},"level":3}]`
	client, got := server(t, 200, reply)
	admins, err := client.Users.CreateAdmin(context.Background(), &UsersCreateAdminRequest{Body: []Admin{
		{Name: "Root", Password: Some("pw"), Pin: Some[int64](1234), Level: 3},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{"name":"Root","password":"pw","profile":{"bio":""},"level":3,"pin":1234}]`; *got != want {
		t.Errorf("request body\n got %s\nwant %s", *got, want)
	}
	again, err := json.Marshal(admins)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	json.Unmarshal([]byte(reply), &a)
	json.Unmarshal(again, &b)
	if ja, jb := mustJSON(a), mustJSON(b); ja != jb {
		t.Errorf("response encoded again\n got %s\nwant %s", jb, ja)
	}
}

// A type only ever sent keeps its required writeOnly field plain; one only
// ever received keeps its required readOnly field plain.
func TestOneWayTypesKeepRequired(t *testing.T) {
	client, got := server(t, 200, `{"token":"t","expires":60}`)
	s, err := client.Users.Login(context.Background(), &UsersLoginRequest{Credentials: Credentials{User: "ann", Secret: ""}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"credentials":{"user":"ann","secret":""}}`; *got != want {
		t.Errorf("request body\n got %s\nwant %s", *got, want)
	}
	var token string = s.Token // a plain string: required in the response
	if token != "t" {
		t.Errorf("token = %q", token)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// A union decoded from a response matches a variant by its required
// properties, but not by a writeOnly one, which responses never carry.
func TestUnionIgnoresRequiredWriteOnly(t *testing.T) {
	client, _ := server(t, 200, `{"id":"u1","name":"Ann","profile":{"bio":""}}`)
	me, err := client.Users.WhoAmI(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if u, ok := me.AsUser(); !ok || u.Name != "Ann" {
		t.Errorf("decoded as %+v, %v; want the User variant", u, ok)
	}
}

// readOnly beside a $ref, or on an allOf wrapper, marks that property
// only: parent refers to the same schema and stays required.
func TestReadOnlyBesideRef(t *testing.T) {
	client, got := server(t, 200, `[{"slug":"go","label":"Go","parent":"lang"}]`)
	tags, err := client.Users.PutTags(context.Background(), &UsersPutTagsRequest{Body: []Tag{{Parent: ""}}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{"parent":""}]`; *got != want {
		t.Errorf("request body\n got %s\nwant %s", *got, want)
	}
	if s := tags[0].Slug.Value; s != "go" || tags[0].Parent != "lang" {
		t.Errorf("decoded %+v", tags[0])
	}
}

// A form body is only ever sent: its readOnly properties are not fields.
func TestFormBodyLeavesOutReadOnly(t *testing.T) {
	client, got := server(t, 204, "")
	if err := client.Users.UploadAvatar(context.Background(), &UsersUploadAvatarRequest{URL: "https://a.example/x.png"}); err != nil {
		t.Fatal(err)
	}
	if want := "url=https%3A%2F%2Fa.example%2Fx.png"; *got != want {
		t.Errorf("request body\n got %s\nwant %s", *got, want)
	}
}
