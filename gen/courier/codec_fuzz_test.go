package courier

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// The generated types decode through their own codec. These tests compare
// it with encoding/json on twin types that reflection builds from the
// generated ones: Opt[T] and Nullable[T] become *T, so that encoding/json
// can hold them, and unions stay as they are (their decoding is tested in
// the runtime and the goldens). The two must accept and reject the same
// documents and decode the same values.

// fuzzTargets are the generated types whose decoding is compared.
var fuzzTargets = []func() any{
	func() any { return new(InboundBulkMessage) },
	func() any { return new(BulkCreateJobRequest) },
	func() any { return new(BulkIngestUsersRequest) },
	func() any { return new(BulkGetJobResponse) },
	func() any { return new(BulkGetJobUsersResponse) },
	func() any { return new(BulkIngestUsersResponse) },
}

var fuzzSeeds = []string{
	`{"message":{"event":"welcome","brand":"B","data":{"name":"Jane"},"locale":"fr","override":{"x":1}}}`,
	`{"users":[{"recipient":"r","profile":{"email":"a@b.c"},"to":{"user_id":"u"},"data":{"k":[1,2]}}]}`,
	`{"job":{"definition":{"event":"e"},"enqueued":1,"failures":0,"received":2,"status":"CREATED"}}`,
	`{"items":[{"status":"SENT","messageId":"m","to":{"email":"x"}}],"paging":{"cursor":null,"more":false}}`,
	`{"total":3,"errors":[{"user":{"a":1},"error":"Duplicate user"}]}`,
	`{"message":{"event":"e","event":"f","brand":null}}`, `{"MESSAGE":{"EVENT":"e"}}`,
	`{"total":1e400}`, `{"total":1.5}`, `{"total":"1"}`, `{"total":-0}`, `{"total":9223372036854775808}`,
	`{"message":{"event":"\ud800"}}`, "{\"message\":{\"event\":\"\xff\"}}", `{"message":1}`, `[]`, `null`,
	`{"items":null,"paging":null}`, `{"total":1} x`, `{"total":1`, `{"users":[{"data":{"a":{"b":[{"c":null}]}}}]}`,
	`{"message":{"event":"e","content":{"version":"2022-01-01","elements":[{"type":"text","content":"hi"}]}}}`,
	`{"message":{"event":"e","routing":{"method":"single","channels":["email",{"method":"all","channels":[]}]}}}`,
}

func FuzzCodecAgainstEncodingJSON(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, target := range fuzzTargets {
			compareDecoding(t, data, target())
		}
	})
}

func TestCodecAgainstEncodingJSON(t *testing.T) {
	for _, s := range fuzzSeeds {
		for _, target := range fuzzTargets {
			compareDecoding(t, []byte(s), target())
		}
	}
}

// compareDecoding decodes data into v, a pointer to a generated type, with
// its UnmarshalJSON, and into v's twin with encoding/json.
func compareDecoding(t *testing.T, data []byte, v any) {
	t.Helper()
	errGen := v.(json.Unmarshaler).UnmarshalJSON(data)
	tw := reflect.New(twinOf(reflect.TypeOf(v).Elem()))
	errStd := json.Unmarshal(data, tw.Interface())
	if (errGen == nil) != (errStd == nil) {
		t.Fatalf("%T from %q: codec error %v, encoding/json error %v", v, data, errGen, errStd)
	}
	if errGen != nil {
		return
	}
	gen, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%T from %q: encoding again: %v", v, data, err)
	}
	std, err := json.Marshal(tw.Interface())
	if err != nil {
		t.Fatalf("twin of %T from %q: encoding again: %v", v, data, err)
	}
	if a, b := withoutNulls(t, gen), withoutNulls(t, std); a != b {
		t.Fatalf("%T from %q:\ncodec         %s\nencoding/json %s", v, data, a, b)
	}
}

// twinOf returns the type encoding/json should decode like t.
func twinOf(t reflect.Type) reflect.Type {
	name := t.Name()
	switch {
	case t.PkgPath() == reflect.TypeFor[JobDetails]().PkgPath() && (strings.HasPrefix(name, "Opt[") || strings.HasPrefix(name, "Nullable[")):
		value, _ := t.FieldByName("Value")
		return reflect.PointerTo(twinOf(value.Type))
	case t.Kind() == reflect.Struct && t.PkgPath() == reflect.TypeFor[JobDetails]().PkgPath() && t.NumField() > 0 && !t.Field(0).IsExported():
		return t // a union: its own decoding is tested elsewhere
	case t.Kind() == reflect.Struct && t.PkgPath() == reflect.TypeFor[JobDetails]().PkgPath():
		var fields []reflect.StructField
		for i := range t.NumField() {
			f := t.Field(i)
			fields = append(fields, reflect.StructField{Name: f.Name, Type: twinOf(f.Type), Tag: f.Tag})
		}
		return reflect.StructOf(fields)
	case t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8:
		return reflect.SliceOf(twinOf(t.Elem()))
	case t.Kind() == reflect.Map:
		return reflect.MapOf(t.Key(), twinOf(t.Elem()))
	case t.Kind() == reflect.Pointer:
		return reflect.PointerTo(twinOf(t.Elem()))
	}
	return t
}

// withoutNulls re-encodes a JSON document without its null members, so
// that a null Nullable (written as null) and a nil pointer (left out)
// compare equal.
func withoutNulls(t *testing.T, data []byte) string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	out, err := json.Marshal(dropNulls(v))
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func dropNulls(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if x == nil {
				delete(v, k)
			} else {
				v[k] = dropNulls(x)
			}
		}
	case []any:
		for i, x := range v {
			v[i] = dropNulls(x)
		}
	}
	return v
}
