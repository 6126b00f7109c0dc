# Pendamping: the two Quick start commands, plus helpers.
# Each target installs libglpk-dev and libssl-dev (Debian) when they are missing.

SWIFT ?= swift
OUT ?= out/jakarta-barat
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test deps build release bench cli-reference serve clean

## Installs the C libraries the package links (GLPK; OpenSSL's libcrypto for SHA-256) when missing.
DEPS := libglpk-dev libssl-dev
deps:
	@missing=""; for p in $(DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product pendamping

## Runs the main job on the bundled Jakarta Barat pilot and prints the summary.
demo: release
	$$($(SWIFT) build -c release --show-bin-path)/pendamping match \
	  --mentors fixtures/jakarta-barat/mentors.csv --mentees fixtures/jakarta-barat/mentees.csv \
	  --out $(OUT)

## Times the whole pipeline on a generated tier-L province (250,000 × 5,000); see Benchmarks/RESULTS.md.
bench: release
	@mkdir -p out/bench-L
	@bin=$$($(SWIFT) build -c release --show-bin-path)/pendamping; \
	regions=""; [ -f ../shared/data/regions.csv ] && regions="--regions ../shared/data/regions.csv"; \
	[ -f out/bench-L/mentees.csv ] || $$bin generate --preset L --seed 1 $$regions --out out/bench-L >/dev/null; \
	$$bin bench out/bench-L

## Writes the command-line reference from the tool itself (swift-argument-parser's plugin).
cli-reference: deps
	$(SWIFT) package --disable-sandbox --allow-writing-to-package-directory generate-docc-reference --configuration debug

## Starts the web app on http://127.0.0.1:8080/ with the Jakarta Barat pilot as a demo
## programme (data in out/serve); prints the first admin's one-time password on a new store.
SERVE_DATA ?= out/serve
PORT ?= 8080
serve: deps
	$(SWIFT) build -c release --product pendamping-server
	$$($(SWIFT) build -c release --show-bin-path)/pendamping-server serve --data $(SERVE_DATA) --port $(PORT) \
	  --demo-mentors fixtures/jakarta-barat/mentors.csv --demo-mentees fixtures/jakarta-barat-office/mentees.xlsx

## Runs the whole test suite.
test: deps
	$(SWIFT) test

clean:
	rm -rf .build out
