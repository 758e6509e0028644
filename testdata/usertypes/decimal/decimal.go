// Package decimal is a user's own decimal type, for the tests of mapped
// types: a schema the config or an x-go-type maps to decimal.Decimal is
// generated as this type, and moves through its JSON methods.
package decimal

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Decimal is a number of hundredths, written in JSON as a string with two
// decimals, "12.50".
type Decimal struct {
	cents int64
}

// ErrPrecision is the error UnmarshalJSON returns for a value with more
// than two decimals, which Decimal cannot hold exactly.
var ErrPrecision = errors.New("decimal: more than two decimals")

// FromCents returns the Decimal of n hundredths.
func FromCents(n int64) Decimal { return Decimal{cents: n} }

// Cents returns d in hundredths.
func (d Decimal) Cents() int64 { return d.cents }

// String returns d with two decimals.
func (d Decimal) String() string {
	sign, n := "", d.cents
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("%s%d.%02d", sign, n/100, n%100)
}

// MarshalJSON writes d as a JSON string.
func (d Decimal) MarshalJSON() ([]byte, error) {
	return []byte(strconv.Quote(d.String())), nil
}

// UnmarshalJSON reads a JSON string or number with at most two decimals.
func (d *Decimal) UnmarshalJSON(data []byte) error {
	s := string(data)
	if s == "null" {
		return nil
	}
	if unquoted, err := strconv.Unquote(s); err == nil {
		s = unquoted
	}
	neg := strings.HasPrefix(s, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if len(frac) > 2 {
		return ErrPrecision
	}
	frac += strings.Repeat("0", 2-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || whole == "" {
		return fmt.Errorf("decimal: %q is not a decimal number", s)
	}
	if neg {
		n = -n
	}
	d.cents = n
	return nil
}
