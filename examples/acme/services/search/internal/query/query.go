// Package query turns shopper input into a search request.
package query

import (
	"strings"
	"unicode"
)

// MaxTerms bounds the number of terms sent to the search cluster.
const MaxTerms = 12

// Normalize lower-cases the query, drops punctuation and keeps at most MaxTerms terms.
func Normalize(q string) []string {
	fields := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	})
	if len(fields) > MaxTerms {
		fields = fields[:MaxTerms]
	}
	return fields
}
