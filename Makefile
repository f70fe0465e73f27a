# netassist — make targets. `make run` starts the app, `make test` runs every check CI runs.
GO      ?= go
BIN     := bin/netassist
ARGS    ?=
PKGS    := ./...

.PHONY: build run test lint vet fmt-check unit fuzz-short e2e bench gobench fuzz soak clean

build:
	$(GO) build -o $(BIN) ./cmd/netassist

## run: the TUI (Server tab on 127.0.0.1:7890). Pass flags with ARGS='web --root .'
run: build
	./$(BIN) $(ARGS)

## test: formatting, vet, and every test under the race detector; in CI
## (CI=true) also the end-to-end tests with real clients (make e2e).
test: lint unit fuzz-short $(if $(filter true,$(CI)),e2e)

lint: fmt-check vet

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

## unit: a hung test fails its package after 10 minutes (the slowest package takes about
## 100 s under -race on two busy cores), with every goroutine's stack.
unit:
	$(GO) test -race -count=1 -timeout 10m $(PKGS)

## e2e: end-to-end tests with real clients (Chromium, curl, nginx, tmux).
e2e:
	$(GO) test -race -count=1 -tags e2e -v -timeout 10m ./e2e/...

## bench: performance targets, one line each: name, ratio or figure, target, PASS/FAIL.
bench:
	$(GO) run ./bench

## soak: slow-read and slowloris attacks (slowhttptest, 1,000 connections each) against
## netassist web --headless on loopback while a probe asks every 250 ms; prints the share of
## probes answered within 1 s (target 99%) and whether fds and connections come back.
soak:
	$(GO) run ./bench/soak $(ARGS)

## gobench: every Go benchmark of the packages.
gobench:
	$(GO) test -run='^$$' -bench=. -benchmem -timeout 15m $(PKGS)

## fuzz-short: every fuzz target of the repository (found in the *_test.go files, so a new
## one is run without being listed) for a few seconds, as part of make test. A failing run is
## tried once more, shown: a crasher the fuzzer found is saved under testdata and fails again
## at once; an engine hiccup on a busy machine does not.
FUZZ_TARGETS = $(shell grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' . | \
	sed 's|^\./\(.*\)/[^/]*:func |./\1:|')
FUZZTIME ?= 4s
fuzz-short:
	@test -n "$(FUZZ_TARGETS)" || { echo "no fuzz targets found"; exit 1; }
	@for t in $(FUZZ_TARGETS); do pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$name ($$pkg, $(FUZZTIME))"; \
		$(GO) test -run='^$$$$' -fuzz="^$$name\$$$$" -fuzztime=$(FUZZTIME) -timeout 3m $$pkg >/dev/null || \
		$(GO) test -run='^$$$$' -fuzz="^$$name\$$$$" -fuzztime=$(FUZZTIME) -timeout 3m $$pkg || exit 1; \
	done

## fuzz: the sanitizer's fuzzers (one renderer, stream splits and widths) for a minute each.
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzString$$' -fuzztime=60s ./netassist/render
	$(GO) test -run='^$$' -fuzz='^FuzzStream$$' -fuzztime=60s ./netassist/render

clean:
	rm -rf bin
