# agentwallet: the daemon and its checks. `make run` starts the daemon with an
# embedded default (SQLite in ~/.agentwallet, no external service needed);
# `make test` runs every check CI runs.
GO      ?= go
PKGS    := ./...
FUZZTIME ?= 10s
BENCHTIME ?= 1s

.PHONY: run build test fmt-check vet generate-check unit bench fuzz

run:
	$(GO) run ./cmd/agentwalletd serve

build:
	$(GO) build -o bin/agentwalletd ./cmd/agentwalletd

test: fmt-check vet generate-check unit

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

# Mocks are generated, never edited: regenerating must change nothing.
generate-check:
	$(GO) generate $(PKGS)
	@if [ -n "$$(git status --porcelain -- mocks)" ]; then \
		echo "go generate changed mocks/: run 'go generate ./...' and commit"; git status --porcelain -- mocks; exit 1; fi

unit:
	$(GO) test -race -count=1 $(PKGS)

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) $(PKGS)

# Short runs of every fuzz target (go test -fuzz takes one target at a time).
fuzz:
	@set -e; for pkg in $$($(GO) list $(PKGS)); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done
