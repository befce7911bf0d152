// Package order holds the order state machine.
package order

import "fmt"

type State string

const (
	Placed    State = "placed"
	Paid      State = "paid"
	Shipped   State = "shipped"
	Delivered State = "delivered"
	Cancelled State = "cancelled"
)

var transitions = map[State][]State{
	Placed:  {Paid, Cancelled},
	Paid:    {Shipped, Cancelled},
	Shipped: {Delivered},
}

// Next returns to, or an error when the order may not move from `from` to `to`.
func Next(from, to State) (State, error) {
	for _, allowed := range transitions[from] {
		if allowed == to {
			return to, nil
		}
	}
	return from, fmt.Errorf("order: cannot go from %s to %s", from, to)
}
