package generator

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"maps"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/oagen/oagen/generator/emit"
	"github.com/oagen/oagen/generator/output"
)

// The way over from oapi-codegen: one description generated three ways
// (the golden cases adopt-extensions, adopt-config and adopt-subset). With
// oapi-codegen's extensions written into the description, and with the
// description untouched but the config's overlay and types, the Go API is
// the same; the subset is that API less exactly what the left-out
// operations alone use. Each package then makes real calls over httptest.
func TestAdoptThreeWays(t *testing.T) {
	apis := map[string]map[string]string{}
	files := map[string]map[string][]byte{}
	for _, way := range []string{"adopt-extensions", "adopt-config", "adopt-subset"} {
		res, err := Generate(goldenConfig(t, filepath.Join(goldenDir, way)))
		if err != nil {
			t.Fatalf("%s: %v", way, err)
		}
		apis[way] = exportedAPI(t, res.Files)
		files[way] = res.Files
	}

	ext, cfg, sub := apis["adopt-extensions"], apis["adopt-config"], apis["adopt-subset"]
	for _, d := range diffAPI(ext, cfg) {
		t.Errorf("extensions and config differ: %s", d)
	}
	// What the chosen names and the mapped type made of the description.
	for decl, want := range map[string]string{
		"type Purchase":                          "struct",
		"field Purchase.Total":                   "decimal.Decimal",
		"field Purchase.Author":                  "Opt[string]",
		"const PurchaseStatusSettled":            "PurchaseStatus",
		"method OrdersService.Fetch":             "func(ctx context.Context, orderID string, opts ...RequestOption) (*Purchase, error)",
		"field OrdersListOrdersRequest.AtLeast":  "Opt[decimal.Decimal]",
		"field RefundsRefundOrderRequest.Amount": "decimal.Decimal",
	} {
		if got := cfg[decl]; got != want {
			t.Errorf("config: %s is %q, want %q", decl, got, want)
		}
	}
	for _, absent := range []string{"type Order", "type Money", "method OrdersService.GetOrderByID", "field Purchase.CreatedBy"} {
		if _, ok := cfg[absent]; ok {
			t.Errorf("config: %s is declared; the chosen name or the mapped type should replace it", absent)
		}
	}

	// The subset: the order operations but purgeOrders.
	left := map[string]bool{
		"method OrdersService.PurgeOrders":               true,
		"field Client.Refunds":                           true,
		"type RefundsService":                            true,
		"method RefundsService.RefundOrder":              true,
		"type RefundsRefundOrderRequest":                 true,
		"field RefundsRefundOrderRequest.Amount":         true,
		"field RefundsRefundOrderRequest.Reason":         true,
		"method RefundsRefundOrderRequest.MarshalJSON":   true,
		"method RefundsRefundOrderRequest.UnmarshalJSON": true,
	}
	for decl, sig := range cfg {
		got, kept := sub[decl]
		switch {
		case left[decl] && kept:
			t.Errorf("subset: %s is still declared", decl)
		case !left[decl] && !kept:
			t.Errorf("subset: %s is missing", decl)
		case kept && got != sig:
			t.Errorf("subset: %s is %q, the full package has %q", decl, got, sig)
		}
	}
	for decl := range left {
		if _, ok := cfg[decl]; !ok {
			t.Errorf("config: %s is not declared, so the subset test proves nothing about it", decl)
		}
	}
	for decl := range sub {
		if _, ok := cfg[decl]; !ok {
			t.Errorf("subset: %s is not in the full package", decl)
		}
	}
	if t.Failed() {
		return
	}

	// Calls over httptest, one test per way, in a module with the user's
	// decimal type.
	root := t.TempDir()
	writeGoldenModule(t, root)
	for way, fs := range files {
		dir := filepath.Join(root, way)
		if err := output.Write(dir, fs); err != nil {
			t.Fatal(err)
		}
		pkg := strings.ReplaceAll(way, "-", "")
		test := fmt.Sprintf(adoptCallsTest, pkg)
		if way == "adopt-subset" {
			test += adoptSubsetTest
		} else {
			test += adoptRefundTest
		}
		writeFile(t, filepath.Join(dir, "calls_test.go"), []byte(test))
	}
	cmd := exec.Command("go", "test", "-count=1", "./...")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go test over the three packages: %v\n%s", err, out)
	}
}

// exportedAPI lists the exported declarations of the generated files (not
// the runtime's), each with its type: "type Purchase" is "struct",
// "field Purchase.Total" is "decimal.Decimal", "method
// OrdersService.Fetch" is its signature, "const PurchaseStatusSettled" is
// its type.
func exportedAPI(t *testing.T, files map[string][]byte) map[string]string {
	t.Helper()
	api := map[string]string{}
	fset, decls := parseGenerated(t, files, func(name string) bool {
		return !strings.HasPrefix(name, emit.RuntimePrefix) && !strings.HasSuffix(name, "_test.go")
	})
	spell := func(e ast.Expr) string {
		var b strings.Builder
		if err := printer.Fprint(&b, fset, e); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, d := range decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if !d.Name.IsExported() {
				continue
			}
			key := "func " + d.Name.Name
			if d.Recv != nil {
				recv := d.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				key = "method " + spell(recv) + "." + d.Name.Name
			}
			api[key] = spell(d.Type)
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if !s.Name.IsExported() {
						continue
					}
					st, ok := s.Type.(*ast.StructType)
					if !ok {
						api["type "+s.Name.Name] = spell(s.Type)
						continue
					}
					api["type "+s.Name.Name] = "struct"
					for _, f := range st.Fields.List {
						for _, n := range f.Names {
							if n.IsExported() {
								api["field "+s.Name.Name+"."+n.Name] = spell(f.Type)
							}
						}
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.IsExported() && s.Type != nil {
							api[d.Tok.String()+" "+n.Name] = spell(s.Type)
						}
					}
				}
			}
		}
	}
	return api
}

// parseGenerated parses the Go files of a generated package that keep
// accepts (all of them when keep is nil) and returns their declarations.
func parseGenerated(t testing.TB, files map[string][]byte, keep func(name string) bool) (*token.FileSet, []ast.Decl) {
	t.Helper()
	fset := token.NewFileSet()
	var decls []ast.Decl
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(name, ".go") || keep != nil && !keep(name) {
			continue
		}
		f, err := parser.ParseFile(fset, name, files[name], parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		decls = append(decls, f.Decls...)
	}
	return fset, decls
}

// diffAPI says how two APIs differ, in a fixed order.
func diffAPI(a, b map[string]string) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(a)) {
		if bv, ok := b[k]; !ok {
			out = append(out, k+" only in the first")
		} else if bv != a[k] {
			out = append(out, fmt.Sprintf("%s: %q against %q", k, a[k], bv))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[k]; !ok {
			out = append(out, k+" only in the second")
		}
	}
	return out
}

// adoptCallsTest is the test of the calls every way generates, for the
// package named by %s.
const adoptCallsTest = `package %s

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"usertypes/decimal"
)

var (
	_ = reflect.TypeOf
	_ = errors.As
)

// shop answers like the shop: it stores the order it is given and lists,
// fetches and refunds orders, recording what each call sent.
type shop struct {
	order []byte
	query string
	paths []string
	refund []byte
}

func (s *shop) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.paths = append(s.paths, r.Method+" "+r.URL.Path)
	body, _ := io.ReadAll(r.Body)
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == "POST" && r.URL.Path == "/orders":
		s.order = body
		w.WriteHeader(http.StatusCreated)
		w.Write(body)
	case r.Method == "GET" && r.URL.Path == "/orders":
		s.query = r.URL.RawQuery
		w.Write([]byte("[" + string(s.order) + "]"))
	case r.Method == "GET" && r.URL.Path == "/orders/o-1":
		w.Write(s.order)
	case r.Method == "POST" && r.URL.Path == "/orders/o-1/refunds":
		s.refund = body
		w.WriteHeader(http.StatusNoContent)
	default:
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(` + "`" + `{"message":"no such route"}` + "`" + `))
	}
}

func TestCalls(t *testing.T) {
	s := &shop{}
	srv := httptest.NewServer(s)
	defer srv.Close()
	client := NewClient(WithBaseURL(srv.URL))
	ctx := context.Background()

	made, err := client.Orders.CreateOrder(ctx, &OrdersCreateOrderRequest{
		ID: "o-1", Total: decimal.FromCents(1250), Status: PurchaseStatusSettled, Author: Some("ann"),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := ` + "`" + `{"id":"o-1","total":"12.50","status":"paid","created_by":"ann"}` + "`" + `
	if string(s.order) != want {
		t.Errorf("sent %%s, want %%s", s.order, want)
	}
	if made.Total.Cents() != 1250 || made.Status != PurchaseStatusSettled || made.Author.Value != "ann" {
		t.Errorf("created %%+v", made)
	}

	list, err := client.Orders.ListOrders(ctx, &OrdersListOrdersRequest{AtLeast: Some(decimal.FromCents(1000))})
	if err != nil {
		t.Fatal(err)
	}
	if s.query != "min_total=10.00" || len(list) != 1 || list[0].ID != "o-1" {
		t.Errorf("listed %%+v with query %%q", list, s.query)
	}

	got, err := client.Orders.Fetch(ctx, "o-1")
	if err != nil {
		t.Fatal(err)
	}
	back, err := json.Marshal(got)
	if err != nil || string(back) != want {
		t.Errorf("fetched %%s, %%v; want %%s", back, err, want)
	}
}
`

// adoptRefundTest calls the operation the subset leaves out.
const adoptRefundTest = `
func TestRefund(t *testing.T) {
	s := &shop{}
	srv := httptest.NewServer(s)
	defer srv.Close()
	client := NewClient(WithBaseURL(srv.URL))
	err := client.Refunds.RefundOrder(context.Background(), "o-1", &RefundsRefundOrderRequest{Amount: decimal.FromCents(5)})
	if err != nil {
		t.Fatal(err)
	}
	if string(s.refund) != ` + "`" + `{"amount":"0.05"}` + "`" + ` {
		t.Errorf("sent %s", s.refund)
	}
}
`

// adoptSubsetTest checks at run time that what the subset leaves out is
// gone from the client.
const adoptSubsetTest = `
func TestLeftOut(t *testing.T) {
	client := NewClient()
	if _, ok := reflect.TypeOf(client.Orders).MethodByName("PurgeOrders"); ok {
		t.Error("the subset kept PurgeOrders")
	}
	if _, ok := reflect.TypeOf(client).Elem().FieldByName("Refunds"); ok {
		t.Error("the subset kept the Refunds service")
	}
	if _, ok := reflect.TypeOf(client.Orders).MethodByName("Fetch"); !ok {
		t.Error("the subset lost Fetch")
	}
}
`
