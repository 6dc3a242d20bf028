package evmtest

import (
	"strings"
	"testing"
)

func TestFetchWithoutNPMSaysWhy(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	err := fetch(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "npm is not installed") {
		t.Fatalf("fetch without npm = %v, want a clear npm error", err)
	}
}

func TestCompleteNeedsMatchingVersion(t *testing.T) {
	t.Parallel()
	if complete(t.TempDir()) {
		t.Fatal("empty dir reported complete")
	}
}
