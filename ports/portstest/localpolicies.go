package portstest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/ports"
)

// RunLocalPolicies runs the LocalPolicies contract suite; newStore returns an
// empty store.
func RunLocalPolicies(t *testing.T, newStore func(t *testing.T) ports.LocalPolicies) {
	at := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	t.Run("empty_by_default", func(t *testing.T) {
		got, err := newStore(t).LocalPolicies(context.Background())
		if err != nil || got == nil || len(got) != 0 {
			t.Errorf("got %#v, %v; want an empty non-nil list", got, err)
		}
	})
	t.Run("replace_assigns_ids_and_keeps_order", func(t *testing.T) {
		s := newStore(t)
		ctx := context.Background()
		in := mustStewardRules(t, stewardHoldTenthDenyOne)
		in[0].ID = "client-id"
		stored, err := s.ReplaceLocalPolicies(ctx, in, at)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.LocalPolicies(ctx)
		if err != nil || len(got) != 2 {
			t.Fatalf("read back %+v, %v", got, err)
		}
		for i := range got {
			if got[i].ID == "" || got[i].ID == "client-id" || got[i].ID != stored[i].ID {
				t.Errorf("rule %d id %q (stored %q): the store assigns fresh ids", i, got[i].ID, stored[i].ID)
			}
			if got[i].Type != in[i].Type || got[i].Enabled != in[i].Enabled || !got[i].CreatedAt.Equal(at) {
				t.Errorf("rule %d = %+v, want %+v at %s", i, got[i], in[i], at)
			}
			var a, b any
			if json.Unmarshal(got[i].Config, &a) != nil || json.Unmarshal(in[i].Config, &b) != nil || !stewardJSONEqual(a, b) {
				t.Errorf("rule %d config %s, want %s", i, got[i].Config, in[i].Config)
			}
		}
		if _, err := s.ReplaceLocalPolicies(ctx, nil, at.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.LocalPolicies(ctx); len(got) != 0 {
			t.Errorf("after clearing: %+v", got)
		}
	})
}

func stewardJSONEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
