package templates

import (
	"encoding/json"
	"io"
	"mime/multipart"
	"path/filepath"
)

// writeFilePart adds r to mw as a file part named field. The file name is
// r's base name when r has one (an *os.File does), else the field name.
func writeFilePart(mw *multipart.Writer, field string, r io.Reader) error {
	name := field
	if n, ok := r.(interface{ Name() string }); ok && n.Name() != "" {
		name = filepath.Base(n.Name())
	}
	part, err := mw.CreateFormFile(field, name)
	if err != nil {
		return err
	}
	_, err = io.Copy(part, r)
	return err
}

// jsonString is the text of v, a union, an object or any JSON value, sent
// as a parameter or form field: a string as itself, as a string parameter
// travels, anything else as its JSON text; "" when v does not encode.
func jsonString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if json.Unmarshal(b, &s) == nil {
			return s
		}
	}
	return string(b)
}
