package domain_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDomainImportsOnlyStdlibAndUUID keeps the domain pure: no vendor SDK,
// transport or config library may creep in.
func TestDomainImportsOnlyStdlibAndUUID(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		switch p {
		case "github.com/agentwallet/agentwallet/domain", "github.com/google/uuid":
		default:
			t.Errorf("domain depends on %s; only the standard library and github.com/google/uuid are allowed", p)
		}
	}
}
