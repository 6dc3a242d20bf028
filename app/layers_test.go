package app_test

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/agentwallet/agentwallet/"

type pkgInfo struct {
	ImportPath string
	Imports    []string
	GoFiles    []string
	Dir        string
}

// TestLayerRules checks the dependency rule of ARCHITECTURE.md: adapters do
// not import each other, app or transport; ports import only domain; only
// app/wire.go (in app) imports adapters; transport never imports adapters.
func TestLayerRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-json", "../...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkgInfo
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		rel := strings.TrimPrefix(p.ImportPath, module)
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			dep := strings.TrimPrefix(imp, module)
			switch {
			case strings.HasPrefix(rel, "adapters/"):
				own := strings.SplitN(rel, "/", 3)[1]
				// adapters/upstream is shared adapter support, not a vendor.
				if strings.HasPrefix(dep, "adapters/") && dep != "adapters/upstream" && strings.SplitN(dep, "/", 3)[1] != own {
					t.Errorf("%s imports %s: adapters must not import each other", rel, dep)
				}
				if strings.HasPrefix(dep, "app") || strings.HasPrefix(dep, "transport") {
					t.Errorf("%s imports %s: adapters depend on ports and domain only", rel, dep)
				}
			case rel == "ports":
				if dep != "domain" {
					t.Errorf("ports imports %s: ports depend on domain only", dep)
				}
			case rel == "transport":
				if strings.HasPrefix(dep, "adapters/") {
					t.Errorf("transport imports %s: transport reaches adapters through app only", dep)
				}
			case rel == "app":
				if strings.HasPrefix(dep, "adapters/") {
					checkOnlyWireImports(t, p, imp)
				}
			}
		}
	}
}

// checkOnlyWireImports fails unless the only non-test file of app importing
// adapter imp is wire.go.
func checkOnlyWireImports(t *testing.T, p pkgInfo, imp string) {
	t.Helper()
	for _, f := range p.GoFiles {
		if f == "wire.go" {
			continue
		}
		src, err := exec.Command("grep", "-l", `"`+imp+`"`, filepath.Join(p.Dir, f)).Output()
		if err == nil && len(src) > 0 {
			t.Errorf("app/%s imports %s: only the composition root (wire.go) may build adapters", f, imp)
		}
	}
}
