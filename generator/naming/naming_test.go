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
