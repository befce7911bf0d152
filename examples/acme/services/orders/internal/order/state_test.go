package order

import "testing"

func TestNext(t *testing.T) {
	tests := []struct {
		from, to State
		ok       bool
	}{
		{Placed, Paid, true},
		{Paid, Shipped, true},
		{Shipped, Delivered, true},
		{Placed, Shipped, false},
		{Delivered, Cancelled, false},
	}
	for _, tc := range tests {
		_, err := Next(tc.from, tc.to)
		if (err == nil) != tc.ok {
			t.Errorf("Next(%s, %s): ok=%v, err=%v", tc.from, tc.to, tc.ok, err)
		}
	}
}
