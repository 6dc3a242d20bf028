package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/agentwallet/agentwallet/adapters/sqlite"
	"github.com/agentwallet/agentwallet/ports"
	"github.com/agentwallet/agentwallet/ports/portstest"
)

func TestLocalPoliciesContract(t *testing.T) {
	portstest.RunLocalPolicies(t, func(t *testing.T) ports.LocalPolicies {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestLocalApprovalsContract(t *testing.T) {
	portstest.RunLocalApprovals(t, func(t *testing.T) ports.LocalApprovals {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
