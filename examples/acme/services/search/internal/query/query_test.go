package query

import (
	"reflect"
	"testing"
)

func TestNormalize(t *testing.T) {
	got := Normalize("  Hand-made MUG, blue!! ")
	want := []string{"hand-made", "mug", "blue"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Normalize = %v, want %v", got, want)
	}
}

func TestNormalizeCapsTerms(t *testing.T) {
	if n := len(Normalize("a b c d e f g h i j k l m n o p")); n != MaxTerms {
		t.Fatalf("got %d terms, want %d", n, MaxTerms)
	}
}
