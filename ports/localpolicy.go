package ports

import (
	"context"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/localpolicy.go -package=mocks . LocalPolicies

// LocalPolicies persists the local policy engine's rule set, used when no
// Steward is configured. An empty set means no local policy applies.
type LocalPolicies interface {
	// LocalPolicies returns the stored rules in order; none stored gives an
	// empty list. Failure is KindInternal.
	LocalPolicies(ctx context.Context) ([]domain.PolicyRule, error)
	// ReplaceLocalPolicies replaces the whole set in one transaction, giving
	// every rule a fresh id (as Steward does) and at as its timestamps, and
	// returns the set as stored. Failure is KindInternal.
	ReplaceLocalPolicies(ctx context.Context, rules []domain.PolicyRule, at time.Time) ([]domain.PolicyRule, error)
}
