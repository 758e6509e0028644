// Package ir is the intermediate representation between a loaded spec and
// the emitted Go code. It holds final decisions only: Go names, optional
// versus nullable, enum values, union variants and how to tell them apart,
// and the retry, idempotency and paging facts of each operation. Emitters
// walk it; they decide nothing of substance.
package ir

// API is a whole generated package.
type API struct {
	// Names maps each package-level declaration's key (its spec pointer,
	// or "tag:<tag>" for a service) to its Go name, for the next
	// generation to keep.
	Names map[string]string

	Title       string
	Description string
	Version     string
	SpecName    string // as written in file headers
	Package     string
	BaseURL     string // the first server's URL, variables filled with defaults
	// ServerURL is the first server's URL template when it has variables,
	// "https://{region}.example.com/{version}", and ServerVars its
	// variables in the order the template names them.
	ServerURL  string
	ServerVars []ServerVar
	Types      []*Type
	Services   []*Service
	// Imports are the packages of the External types, by path.
	Imports []Import
	// ErrorType is the body shared by every error response, when there is
	// exactly one; nil otherwise.
	ErrorType *TypeRef
	// APIKeys are the API-key security schemes; each gets an option that
	// sets the key. HTTP bearer, basic and OAuth schemes use the runtime's
	// WithBearerToken and WithBasicAuth.
	APIKeys []*APIKey
	// NoExamples leaves out the Example functions built from the spec's
	// examples.
	NoExamples bool
}

// APIKey is an API-key security scheme.
type APIKey struct {
	Scheme string  // name in components.securitySchemes
	Option string  // Go name of the option, e.g. WithAPIKey
	In     ParamIn // header, query or cookie
	Name   string  // header, query parameter or cookie name
	Doc    string
}

// TypeKind says what Go declaration a named type becomes.
type TypeKind int

const (
	// Struct is an object with declared properties.
	Struct TypeKind = iota
	// Enum is a defined string, integer, number or boolean type with
	// constants for its known values.
	Enum
	// Union is a sum type over variants (oneOf, anyOf).
	Union
	// Defined is a named type over another type: type Tags []string.
	Defined
	// Tuple is a JSON array whose elements have types by position
	// (prefixItems): a struct whose fields are the elements in order,
	// encoded as an array. Fields are the elements; Additional, when set,
	// is the type of the elements after them, held in a Rest slice.
	Tuple
)

// Type is a named Go type.
type Type struct {
	Name       string
	Doc        string
	Kind       TypeKind
	Pointer    string // where it was declared, "#/components/schemas/Job"
	Deprecated bool
	// Alias declares `type Name = Underlying` instead of a defined type.
	// A Struct, Enum or Union that is an alias keeps its Kind, and its
	// Fields, Values or Variants, which are those of the type it names: a
	// schema the description spells out again is declared once (see
	// load's share). An enum alias still declares constants of its own
	// names, and a union alias constructors.
	Alias bool

	// Struct and Tuple
	Fields     []*Field
	Additional *TypeRef // element type of additionalProperties (a tuple's items after its fields), when allowed

	// Enum
	Base   *TypeRef // string, int64, float64 or bool
	Values []EnumValue

	// Union
	Variants      []*Variant
	Discriminator string // property name, when the spec names one

	// Defined
	Underlying *TypeRef
}

// EnumValue is one known value of an enum.
type EnumValue struct {
	Name  string // Go constant name
	Value any    // string, int64, float64 or bool
	Doc   string
}

// Wrap says how a field's value is held, so that absent, null and a value
// stay apart without pointers.
type Wrap int

const (
	// Plain holds the value itself: required fields, and optional slices,
	// maps and interfaces (nil means absent; omitzero omits it).
	Plain Wrap = iota
	// Opt holds an optional value: Opt[T], absent or a value.
	Opt
	// Nullable holds Nullable[T]: absent, null or a value.
	Nullable
	// Pointer holds *T, only to break a recursive struct.
	Pointer
)

// Field is a struct field.
type Field struct {
	Name       string // Go name
	JSONName   string // "-" for fields that are not in the JSON body; a tuple element's index
	Doc        string
	Type       TypeRef
	Wrap       Wrap
	Required   bool
	Deprecated bool
	// Access says whether the property travels one way only (readOnly,
	// writeOnly). Load has already decided Required and Wrap from it and
	// from where the type is used; emitters need not look at it.
	Access Access
	// Const is the only value a required property may have (const, or an
	// enum of one value), as the enum's base type: it is sent when the
	// field is left at its zero value. Nil for other fields.
	Const any
}

// Access is the direction a property travels in.
type Access int

const (
	// ReadWrite properties travel both ways.
	ReadWrite Access = iota
	// ReadOnly properties are set by the server: sent in responses, not in
	// requests (readOnly: true).
	ReadOnly
	// WriteOnly properties are set by the client: sent in requests, not in
	// responses (writeOnly: true), such as a password.
	WriteOnly
)

// Variant is one member of a union.
type Variant struct {
	Name string // suffix of the constructor and accessor: ContentOf<Name>, As<Name>
	Type TypeRef
	// How a JSON document is matched to this variant on decode.
	Kinds          []string // JSON kinds: object, array, string, number, integer, boolean, null
	Required       []string // required properties of an object variant
	Properties     []string // declared properties of an object variant
	Discriminators []string // discriminator values that select it
}

// RefKind says what a TypeRef spells.
type RefKind int

const (
	// Named is a type declared in the package (Type.Name).
	Named RefKind = iota
	// Builtin is a predeclared or standard library type: string, int64,
	// float64, bool, any, []byte, time.Time, json.RawMessage, io.Reader,
	// io.ReadCloser.
	Builtin
	// Slice is []Elem.
	Slice
	// Map is map[string]Elem.
	Map
	// External is a named type of another package that the user maps a
	// schema to (x-go-type, or the config's types): Import.Qualifier +
	// "." + Name. The generated code moves it through its own JSON
	// methods.
	External
)

// TypeRef is a Go type expression.
type TypeRef struct {
	Kind   RefKind
	Name   string   // Named, Builtin and External
	Elem   *TypeRef // Slice and Map
	Import *Import  // External
}

// Import is the package of an External type.
type Import struct {
	Path string // "github.com/shopspring/decimal"
	// Qualifier is the name the generated code refers to the package by,
	// "decimal"; Alias says the import spells it out because it may differ
	// from the package's own name.
	Qualifier string
	Alias     bool
}

// Builtin type names used in TypeRef.Name.
const (
	String  = "string"
	Int64   = "int64"
	Int32   = "int32"
	Float64 = "float64"
	Float32 = "float32"
	Bool    = "bool"
	Any     = "any"
	Bytes   = "[]byte"
	// Base64URL is a []byte that travels in the URL-safe base64 alphabet
	// (contentEncoding: base64url); Bytes uses the standard one.
	Base64URL  = "[]byte base64url"
	Time       = "time.Time"
	RawMessage = "json.RawMessage"
	Reader     = "io.Reader"
	ReadCloser = "io.ReadCloser"
)

// Ref returns a reference to a named type.
func Ref(name string) TypeRef { return TypeRef{Kind: Named, Name: name} }

// BuiltinRef returns a reference to a builtin type.
func BuiltinRef(name string) TypeRef { return TypeRef{Kind: Builtin, Name: name} }

// SliceOf returns []elem.
func SliceOf(elem TypeRef) TypeRef { return TypeRef{Kind: Slice, Elem: &elem} }

// ExternalRef returns a reference to the type name of the package imp.
func ExternalRef(imp Import, name string) TypeRef {
	return TypeRef{Kind: External, Name: name, Import: &imp}
}

// MapOf returns map[string]elem.
func MapOf(elem TypeRef) TypeRef { return TypeRef{Kind: Map, Elem: &elem} }

// NilIsAbsent reports whether the zero value of the type (nil) can stand
// for an absent value: slices, maps and interfaces.
func (r TypeRef) NilIsAbsent() bool {
	return r.Kind == Slice || r.Kind == Map ||
		(r.Kind == Builtin && (r.Name == Any || r.Name == RawMessage || r.Name == Bytes || r.Name == Base64URL))
}

// ServerVar is a variable of the server URL.
type ServerVar struct {
	Name    string // as in the template
	GoName  string // parameter name
	Default string
	Enum    []string
	Doc     string
}
