// Package ports declares the small interfaces the app needs from the outside
// world. Each method documents the domain error kinds it returns. Adapters
// implement them; contract suites in ports/portstest pin their semantics.
package ports

import "time"

//go:generate go tool mockgen -typed -destination=../mocks/clock.go -package=mocks . Clock

// Clock tells the time. Use cases never call time.Now directly, so tests can
// move time (quote expiry, rate-limit windows, daily quotas).
type Clock interface {
	// Now returns the current time. It never fails.
	Now() time.Time
}

// SystemClock is the wall clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }
