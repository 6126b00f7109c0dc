# Pendamping: the two Quick start commands, plus helpers.
# Each target installs libglpk-dev (Debian) when it is missing.

SWIFT ?= swift
OUT ?= out/jakarta-barat
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test deps build release bench clean

## Installs GLPK's headers and library when missing.
deps:
	@dpkg -s libglpk-dev >/dev/null 2>&1 || { \
	  echo "installing libglpk-dev"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libglpk-dev >/dev/null; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product pendamping

## Runs the main job on the bundled Jakarta Barat pilot and prints the summary.
demo: release
	$$($(SWIFT) build -c release --show-bin-path)/pendamping match \
	  --mentors fixtures/jakarta-barat/mentors.csv --mentees fixtures/jakarta-barat/mentees.csv \
	  --out $(OUT)

## Runs the whole test suite.
test: deps
	$(SWIFT) test

clean:
	rm -rf .build out
