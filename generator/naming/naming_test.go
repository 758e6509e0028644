package naming

import (
	"slices"
	"testing"
)

func TestExported(t *testing.T) {
	tests := []struct{ in, want string }{
		{"bulk_createJob", "BulkCreateJob"},
		{"createJob", "CreateJob"},
		{"job_id", "JobID"},
		{"jobId", "JobID"},
		{"messageId", "MessageID"},
		{"HTTPServer", "HTTPServer"},
		{"http_server", "HTTPServer"},
		{"user-ids", "UserIDs"},
		{"2fa-enabled", "X2faEnabled"},
		{"123", "X123"},
		{"", "X"},
		{"$ref", "Ref"},
		{"@type", "Type"},
		{"x-rate-limit", "XRateLimit"},
		{"no-escalation", "NoEscalation"},
		{"CREATED", "CREATED"},
		{"invalid_request_error", "InvalidRequestError"},
		{"api.github.com", "APIGithubCom"},
		{"+1", "X1"},
		{"-1", "X1"},
		{"über", "Über"},
		{"日本", "X日本"},
		{"repos/get-content", "ReposGetContent"},
		{"Bulk", "Bulk"},
		{"URLs", "URLs"},
	}
	for _, tt := range tests {
		if got := Exported(tt.in); got != tt.want {
			t.Errorf("Exported(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnexported(t *testing.T) {
	tests := []struct{ in, want string }{
		{"job_id", "jobID"},
		{"JobID", "jobID"},
		{"ID", "id"},
		{"type", "type_"},
		{"func", "func_"},
		{"string", "string_"},
		{"len", "len_"},
		{"1st", "x1st"},
		{"", "x"},
		{"URLPath", "urlPath"},
		{"cursor", "cursor"},
	}
	for _, tt := range tests {
		if got := Unexported(tt.in); got != tt.want {
			t.Errorf("Unexported(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"bulk_createJob", []string{"bulk", "create", "Job"}},
		{"HTTPServer", []string{"HTTP", "Server"}},
		{"v2Message", []string{"v2", "Message"}},
		{"a__b", []string{"a", "b"}},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScope(t *testing.T) {
	s := NewScope("Client", "Option")
	got := []string{s.Claim("Client"), s.Claim("Job"), s.Claim("Job"), s.Claim("Job2"), s.Claim("Option")}
	want := []string{"Client2", "Job", "Job2", "Job22", "Option2"}
	if !slices.Equal(got, want) {
		t.Errorf("claims = %q, want %q", got, want)
	}
}

func TestScopeHold(t *testing.T) {
	s := NewScope("Client")
	s.Hold("Widget", "Client")
	if got := s.Claim("Widget"); got != "Widget2" {
		t.Errorf("Claim of a held name = %q, want Widget2", got)
	}
	if !s.Take("Widget") {
		t.Error("Take of a held name failed")
	}
	if s.Take("Widget") || s.Take("Client") || s.Take("Widget2") {
		t.Error("Take of a taken name succeeded")
	}
	if got := s.Claim("Widget"); got != "Widget3" {
		t.Errorf("Claim after Take = %q, want Widget3", got)
	}
}

func TestIsChosen(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Job", true}, {"JobID", true}, {"X_1", true}, {"Über", true},
		{"job", false}, {"_Job", false}, {"1Job", false}, {"Job-ID", false}, {"", false}, {"Job ID", false},
	}
	for _, tt := range tests {
		if got := IsChosen(tt.in); got != tt.want {
			t.Errorf("IsChosen(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSplitType(t *testing.T) {
	tests := []struct{ in, path, name string }{
		{"github.com/shopspring/decimal.Decimal", "github.com/shopspring/decimal", "Decimal"},
		{"time.Duration", "time", "Duration"},
		{"gopkg.in/yaml.v3.Node", "gopkg.in/yaml.v3", "Node"},
		{"github.com/a/b/v2.Money", "github.com/a/b/v2", "Money"},
		{"github.com/shopspring/decimal", "", ""}, // the type name is missing
		{"decimal.decimal", "", ""},               // unexported
		{"Decimal", "", ""},
		{".Decimal", "", ""},
		{"a//b.T", "", ""},
		{"a b.T", "", ""},
		{"a.T.", "", ""},
	}
	for _, tt := range tests {
		path, name, ok := SplitType(tt.in)
		if path != tt.path || name != tt.name || ok != (tt.path != "") {
			t.Errorf("SplitType(%q) = %q, %q, %v; want %q, %q", tt.in, path, name, ok, tt.path, tt.name)
		}
	}
}

func TestParseTypeExpr(t *testing.T) {
	tests := []struct{ in, qualifier, name string }{
		{"decimal.Decimal", "decimal", "Decimal"},
		{"googleuuid.UUID", "googleuuid", "UUID"},
		{"*decimal.Decimal", "", ""},
		{"[]decimal.Decimal", "", ""},
		{"Decimal", "", ""},
		{"int64", "", ""},
		{"decimal.decimal", "", ""},
		{"a.b.C", "", ""},
		{"_.C", "", ""},
		{"list.List[int]", "", ""},
	}
	for _, tt := range tests {
		q, name, ok := ParseTypeExpr(tt.in)
		if q != tt.qualifier || name != tt.name || ok != (tt.name != "") {
			t.Errorf("ParseTypeExpr(%q) = %q, %q, %v; want %q, %q", tt.in, q, name, ok, tt.qualifier, tt.name)
		}
	}
}

func TestQualifier(t *testing.T) {
	tests := []struct {
		in    string
		name  string
		alias bool
	}{
		{"github.com/shopspring/decimal", "decimal", false},
		{"github.com/google/uuid", "uuid", false},
		{"time", "time", false},
		{"github.com/a/decimal/v2", "decimal", true},
		{"gopkg.in/yaml.v3", "yaml", true},
		{"github.com/a/go-money", "money", true},
		{"github.com/a/money-go", "money", true},
		{"github.com/a/Money", "money", true},
		{"github.com/a/type", "typepkg", true},
		{"github.com/a/123", "pkg", true},
		{"github.com/a/big_int", "big_int", false},
	}
	for _, tt := range tests {
		name, alias := Qualifier(tt.in)
		if name != tt.name || alias != tt.alias {
			t.Errorf("Qualifier(%q) = %q, %v; want %q, %v", tt.in, name, alias, tt.name, tt.alias)
		}
	}
}
