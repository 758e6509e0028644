package load

import "testing"

func TestIsEventStream(t *testing.T) {
	for ct, want := range map[string]bool{
		"text/event-stream":                true,
		"text/event-stream; charset=utf-8": true,
		"application/jsonl":                true,
		"application/x-ndjson":             true,
		"application/json-seq":             true,
		"application/x-jsonlines":          true,
		"application/vnd.acme.logs+jsonl":  true,
		"Application/JSONL":                true,
		"application/json":                 false,
		"application/octet-stream":         false,
		"audio/mpeg":                       false,
		"text/plain":                       false,
		"application/problem+json":         false,
	} {
		if got := isEventStream(ct); got != want {
			t.Errorf("isEventStream(%q) = %v, want %v", ct, got, want)
		}
	}
}

func TestStreamMethodName(t *testing.T) {
	for in, want := range map[string]string{
		"Create":         "CreateStream",
		"GetGroupStream": "GetGroupStreamEvents",
		"Streamline":     "StreamlineStream",
	} {
		if got := streamMethodName(in); got != want {
			t.Errorf("streamMethodName(%q) = %q, want %q", in, got, want)
		}
	}
}
