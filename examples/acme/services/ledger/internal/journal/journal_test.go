package journal

import (
	"errors"
	"testing"
)

func TestValidateAcceptsABalancedPayment(t *testing.T) {
	e := Entry{ID: "pay_7f1c2a9e", Lines: []Line{
		{Account: "customer:card", Side: Debit, AmountMinor: 4599, Currency: "EUR"},
		{Account: "merchant:pending", Side: Credit, AmountMinor: 4599, Currency: "EUR"},
	}}
	if err := e.Validate(); err != nil {
		t.Fatalf("expected a valid entry, got %v", err)
	}
}

func TestValidateRejectsAnUnbalancedEntry(t *testing.T) {
	e := Entry{ID: "pay_1", Lines: []Line{
		{Account: "customer:card", Side: Debit, AmountMinor: 4599, Currency: "EUR"},
		{Account: "merchant:pending", Side: Credit, AmountMinor: 4500, Currency: "EUR"},
	}}
	if err := e.Validate(); !errors.Is(err, ErrUnbalanced) {
		t.Fatalf("expected ErrUnbalanced, got %v", err)
	}
}

func TestValidateRejectsShortAndNonPositiveEntries(t *testing.T) {
	cases := map[string]Entry{
		"one line": {ID: "e1", Lines: []Line{{Account: "a", Side: Debit, AmountMinor: 1, Currency: "EUR"}}},
		"zero": {ID: "e2", Lines: []Line{
			{Account: "a", Side: Debit, AmountMinor: 0, Currency: "EUR"},
			{Account: "b", Side: Credit, AmountMinor: 0, Currency: "EUR"},
		}},
	}
	for name, e := range cases {
		if err := e.Validate(); err == nil {
			t.Errorf("%s: expected an error", name)
		}
	}
}
