// Package journal records balanced double-entry postings.
package journal

import (
	"errors"
	"fmt"
)

// northstar:priority reliability

// Side of a journal line.
type Side int

const (
	Debit Side = iota
	Credit
)

// Line books AmountMinor on one account, on one side, in one currency.
type Line struct {
	Account     string
	Side        Side
	AmountMinor int64
	Currency    string
}

// Entry is one business event (a payment, a refund) made of lines that must balance.
type Entry struct {
	ID    string
	Lines []Line
}

var ErrUnbalanced = errors.New("journal: entry does not balance")

// Validate checks that amounts are positive and that, per currency, debits equal credits.
func (e Entry) Validate() error {
	if len(e.Lines) < 2 {
		return fmt.Errorf("journal: entry %s needs at least two lines", e.ID)
	}
	net := map[string]int64{}
	for _, l := range e.Lines {
		if l.AmountMinor <= 0 {
			return fmt.Errorf("journal: entry %s has a non-positive amount on %s", e.ID, l.Account)
		}
		if l.Side == Debit {
			net[l.Currency] += l.AmountMinor
		} else {
			net[l.Currency] -= l.AmountMinor
		}
	}
	for _, v := range net {
		if v != 0 {
			return ErrUnbalanced
		}
	}
	return nil
}
