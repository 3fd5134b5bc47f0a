# Brokle — common tasks. `make help` lists them.
SWIFT     ?= swift
PREFIX    ?= /usr/local
CONFIG    ?= debug
BIN        = .build/$(CONFIG)/brokle
PG_SCRIPT  = scripts/pg-cluster.sh
# A target that imports another of the package's targets without declaring it a dependency fails
# the build (without the check it compiles whenever that module happens to be built first).
BUILD     = $(SWIFT) build --explicit-target-dependency-import-check=error

.PHONY: help build release run test test-sqlite completions install clean db db-stop bench bench-dashboard soak soak-retention outage lint format

help:
	@echo "make build        debug build of brokle"
	@echo "make release      release build"
	@echo "make run          build, migrate ./brokle.db, seed demo data, print a key and start the proxy on :8080"
	@echo "make test         all tests; starts a throwaway PostgreSQL when BROKLE_TEST_POSTGRES_URL is unset"
	@echo "make test-sqlite  tests against SQLite only (no PostgreSQL needed)"
	@echo "make lint         check formatting (swift format lint --strict, .swift-format); CI runs it"
	@echo "make format       apply the formatting"
	@echo "make completions  regenerate completions/ (bash, zsh, fish)"
	@echo "make bench        release build, then direct vs nginx vs bare-forwarder vs floor vs proxied latency, throughput, streams and memory (needs wrk; nginx optional)"
	@echo "make soak         release build, then mixed traffic for SOAK_DURATION s (600): RSS and descriptors every 30 s"
	@echo "make soak-retention  the soak with content on and short retentions: the database size must level off"
	@echo "make bench-dashboard  release build, 1M seeded traces: the dashboard's first-load bytes, API times, time to interactive, proxy CPU with 100 dashboards"
	@echo "make outage       release build, then a PostgreSQL restart under traffic: requests lost, recovery time, traces lost"
	@echo "make install      install brokle into \$$PREFIX/bin (PREFIX=$(PREFIX))"
	@echo "make db / db-stop start / stop the local PostgreSQL test cluster"
	@echo "make clean        remove build products"

build:
	$(BUILD) -c $(CONFIG)

release:
	$(BUILD) -c release

run: build
	BIN=$(BIN) scripts/run-demo.sh

# With BROKLE_TEST_POSTGRES_URL set (as .ci/run does), tests use that server. Otherwise a local
# cluster is started for the run when the PostgreSQL server binaries are installed.
test:
	@if [ -n "$$BROKLE_TEST_POSTGRES_URL" ]; then \
		$(BUILD) --build-tests && SWIFT=$(SWIFT) scripts/test-run.sh; \
	elif ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		url=$$($(PG_SCRIPT) start) || exit 1; \
		$(BUILD) --build-tests && BROKLE_TEST_POSTGRES_URL=$$url SWIFT=$(SWIFT) scripts/test-run.sh; rc=$$?; \
		$(PG_SCRIPT) stop; exit $$rc; \
	else \
		echo "PostgreSQL not installed: running the SQLite half only (apt-get install -y postgresql for both)" >&2; \
		$(BUILD) --build-tests && SWIFT=$(SWIFT) scripts/test-run.sh; \
	fi

test-sqlite:
	$(BUILD) --build-tests && BROKLE_TEST_POSTGRES_URL= SWIFT=$(SWIFT) scripts/test-run.sh

completions: build
	$(BIN) --generate-completion-script bash > completions/brokle.bash
	$(BIN) --generate-completion-script zsh > completions/_brokle
	$(BIN) --generate-completion-script fish > completions/brokle.fish

install:
	$(SWIFT) build -c release
	install -d $(PREFIX)/bin
	install -m 0755 .build/release/brokle $(PREFIX)/bin/brokle
	install -m 0755 .build/release/brokle-proxy $(PREFIX)/bin/brokle-proxy

bench:
	@command -v wrk >/dev/null || { echo "make bench needs wrk (apt-get install -y wrk)" >&2; exit 1; }
	scripts/bench.sh

FORMAT_PATHS = Sources Tests Plugins Package.swift

lint:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMAT_PATHS)

format:
	$(SWIFT) format format --in-place --recursive --parallel $(FORMAT_PATHS)

bench-dashboard:
	scripts/bench-dashboard.sh

soak:
	scripts/soak.sh soak

soak-retention:
	scripts/soak.sh retention

outage:
	scripts/soak.sh outage

db:
	@$(PG_SCRIPT) start

db-stop:
	@$(PG_SCRIPT) stop

clean:
	rm -rf .build
