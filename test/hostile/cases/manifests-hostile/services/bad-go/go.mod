module

require (
	github.com/x/y
