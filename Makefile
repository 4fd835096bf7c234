# The whole toolchain in one place. Every target installs what it needs first, so a fresh clone works.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
export REDOCLY_TELEMETRY := off
export NO_UPDATE_NOTIFIER := 1

SPEC := openapi/fine-tune.yaml
# What `make breaking` rates against BASE: the working-tree spec unless told otherwise.
REVISION ?= $(SPEC)
GENERATED := generated/fine-tune.ts
FACTS := generated/facts.ts
VALIDATORS := generated/validators.ts
SURFACE := generated/surface.ts
METHODS := generated/methods.ts
SCHEMAS := generated/schemas.ts
BIN := node_modules/.bin
OPENAPI_TS := $(BIN)/openapi-typescript $(SPEC) --enum-values
# Redocly prints a Node 20 end-of-life banner on stderr; it is noise, not a finding.
QUIET_BANNER := 2> >(grep -v '[║╔╚]' >&2)


.PHONY: install browser build package-check bench generate check-generated lint typecheck test test-steps test-unit test-contract test-all mock mock-stateful demo docs clean api-report check-api breaking release runtimes test-runtimes

install: node_modules/.install-stamp

node_modules/.install-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The docs test drives Debian's Chromium through playwright-core, which never downloads a browser; the CLI test
# gives the CLI a terminal with `script`; the docs' curl samples are run with curl. Installed with apt-get when missing (as root, or with sudo).
browser:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	command -v script >/dev/null 2>&1 || missing="$$missing bsdutils"; \
	command -v curl >/dev/null 2>&1 || missing="$$missing curl"; \
	if [ -n "$$missing" ]; then \
	  echo "installing$${missing:+ }$$missing with apt-get (needed by make test)"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# The package as users get it: ESM with .d.ts and source maps, and the atai-ft binary (bundled from what tsc made,
# release/bundle-cli.ts).
# Rebuilt only when a source (or a folder of them: a file added or deleted) is newer than the last build, so that
# make check-api after make generate, or each make release check, does not compile the same code again. The
# folders are named `mock/.`, not `mock`: that name is the target that starts Prism.
BUILD_INPUTS := $(shell find src generated mock -mindepth 1 2>/dev/null) src/. generated/. mock/. tsconfig.json tsconfig.build.json release/bundle-cli.ts package.json
build: dist/src/index.js

dist/src/index.js: $(BUILD_INPUTS) node_modules/.install-stamp
	rm -rf dist
	$(BIN)/tsc -p tsconfig.build.json
	chmod +x dist/src/cli/main.js
	$(BIN)/tsx release/bundle-cli.ts
	@touch $@

# The package's public API as users' editors see it, one report per entry point (API Extractor, from dist/'s .d.ts):
# atai-finetune (api-extractor.json), atai-finetune/validation and atai-finetune/mock (api/*.api-extractor.json).
# `make api-report` writes them; `make check-api` (in make test) fails naming each whose exports changed unrefreshed.
API_CONFIGS := api-extractor.json api/validation.api-extractor.json api/mock.api-extractor.json

api-report: build
	@for config in $(API_CONFIGS); do $(BIN)/api-extractor run --local -c $$config || exit 1; done

check-api: build
	@mkdir -p build; changed=""; \
	for config in $(API_CONFIGS); do \
	  log="build/api-extractor-$$(basename $$config .json).log"; \
	  name=$$(basename $$config .api-extractor.json); report=api/atai-finetune$${name:+-$$name}.api.md; \
	  [ "$$name" = api-extractor.json ] && report=api/atai-finetune.api.md; \
	  $(BIN)/api-extractor run -c $$config > "$$log" 2>&1 || { cat "$$log"; changed="$$changed $$report"; }; \
	done; \
	if [ -n "$$changed" ]; then echo "error: the public API changed:$$changed: run 'make api-report', review and commit (and say so in CHANGELOG.md)." >&2; exit 1; fi
	@echo "public API matches api/atai-finetune.api.md, api/atai-finetune-validation.api.md and api/atai-finetune-mock.api.md"

# Compares the spec with the one at BASE (default: the latest vX.Y.Z tag reachable from HEAD, the one make release
# compares with, else HEAD; BASE_SPEC=file compares with a file instead) and rates every change by what it means for
# users of the client: major (breaking), minor, patch, naming each parameter. Exits non-zero on a breaking change.
breaking: install
	@base="$(BASE)"; [ -n "$$base" ] || base=$$($(BIN)/tsx release/latest-tag.ts); [ -n "$$base" ] || base=HEAD; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	if [ -n "$(BASE_SPEC)" ]; then base="$(BASE_SPEC)"; cp "$(BASE_SPEC)" "$$tmp/base.yaml"; else git show "$$base:$(SPEC)" > "$$tmp/base.yaml"; fi; \
	if cmp -s "$$tmp/base.yaml" $(REVISION); then echo "note: $(REVISION) is the same as at $$base, so there is nothing to rate; run this before committing the spec, or give BASE=<an older ref>."; fi; \
	echo "Changes to $(REVISION) since $$base ($(SPEC) there), rated for users of the client (major = breaking):"; \
	status=0; $(BIN)/redocly diff "$$tmp/base.yaml" $(REVISION) --config openapi/redocly-diff.yaml $(QUIET_BANNER) > "$$tmp/diff.txt" || status=$$?; \
	$(BIN)/tsx openapi/name-parameters.ts "$$tmp/base.yaml" $(REVISION) < "$$tmp/diff.txt"; exit $$status

# The next release (release/release.ts): the version from `make breaking`'s rules since the latest v* tag and from
# the API reports (0.x: breaking -> 0.(x+1).0, else 0.x.(y+1); from 1.0, semver), CHANGELOG.md's Unreleased moved
# under it, package.json bumped, a commit and a vX.Y.Z tag; never a publish. DRY_RUN=1 prints it, touching nothing.
release: install
	$(BIN)/tsx release/release.ts $(SPEC) $(if $(filter-out 0,$(DRY_RUN)),--dry-run)

# What npm would publish: publint checks package.json against the files, attw that the types resolve (the
# package is ESM-only, so CommonJS `require` is out of scope; the spec subpath is a data file, not a module), and
# what npm publish would upload (`npm pack --dry-run`: the same files, without asking the registry) must be exactly
# the files meant (release/pack-files.ts: derived, not listed).
package-check: build
	$(BIN)/publint --strict
	$(BIN)/attw --pack . --profile esm-only --exclude-entrypoints ./openapi/fine-tune.yaml
	$(BIN)/tsx release/check-pack.ts

# Everything derived from the one spec: the types (openapi-typescript), the facts code needs as values (operations,
# terminal statuses, id limits, page defaults: openapi/generate-facts.ts), the response validators (Ajv's standalone
# code, importing nothing: openapi/generate-validators.ts), the named types with their fields' TSDoc (from
# openapi-typescript's: openapi/generate-schemas.ts) and the SDK surface (facade methods, request rules, CLI flags,
# operation docs: openapi/generate-surface.ts); then the API report (api/), refreshed.
generate: install
	$(OPENAPI_TS) -o $(GENERATED) $(QUIET_BANNER)
	$(BIN)/tsx openapi/generate-facts.ts $(SPEC) $(FACTS)
	$(BIN)/tsx openapi/generate-validators.ts $(SPEC) $(VALIDATORS)
	$(BIN)/tsx openapi/generate-schemas.ts $(GENERATED) $(SCHEMAS)
	$(BIN)/tsx openapi/generate-surface.ts $(SPEC) $(SURFACE) $(METHODS)
	@# The public API follows the spec: refreshed here, so that `git diff api/` shows what a spec change did to users.
	@mkdir -p build; $(MAKE) --no-print-directory api-report > build/api-report.log 2>&1 || { tail -20 build/api-report.log; echo "note: the API reports in api/ were not refreshed: the code does not build yet (above)." >&2; }
	@git diff --stat -- api/ 2>/dev/null || true

check-generated: install
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(OPENAPI_TS) -o "$$tmp/fine-tune.ts" > "$$tmp/ots.log" 2>&1 || { cat "$$tmp/ots.log"; echo "error: openapi-typescript could not read $(SPEC) (above)." >&2; exit 1; }; \
	$(BIN)/tsx openapi/generate-facts.ts $(SPEC) "$$tmp/facts.ts"; \
	$(BIN)/tsx openapi/generate-validators.ts $(SPEC) "$$tmp/validators.ts"; \
	$(BIN)/tsx openapi/generate-schemas.ts "$$tmp/fine-tune.ts" "$$tmp/schemas.ts"; \
	$(BIN)/tsx openapi/generate-surface.ts $(SPEC) "$$tmp/surface.ts" "$$tmp/methods.ts"; \
	for pair in "$(GENERATED) $$tmp/fine-tune.ts" "$(FACTS) $$tmp/facts.ts" "$(VALIDATORS) $$tmp/validators.ts" "$(SURFACE) $$tmp/surface.ts" \
	  "$(METHODS) $$tmp/methods.ts" "$(SCHEMAS) $$tmp/schemas.ts" "generated/operation-docs.ts $$tmp/operation-docs.ts" "generated/cli-flags.ts $$tmp/cli-flags.ts"; do \
	  set -- $$pair; \
	  if ! diff -u "$$1" "$$2" > "$$tmp/diff"; then \
	    head -40 "$$tmp/diff"; \
	    echo "error: $$1 is stale: it does not match $(SPEC). Run 'make generate' and commit the result." >&2; \
	    exit 1; \
	  fi; \
	done; \
	echo "generated/ is up to date with $(SPEC)"

# The spec (Redocly, recommended-strict) and the code (typescript-eslint with type information): zero findings.
lint: install
	$(BIN)/redocly lint $(SPEC) --format=stylish $(QUIET_BANNER)
	$(BIN)/eslint --max-warnings=0 .

typecheck: install
	$(BIN)/tsc --noEmit

# The inner loop: client, CLI and mock in-process, fetch injected or a loopback mock; no Prism, no build. Seconds.
test-unit: install
	$(BIN)/vitest run --project unit

# Both layers (unit, and contract against real Prism processes): vitest's own summary, then one plain "N passed, N failed" line that CI and people can read at a glance.
# Every test on this Node, then the package's (unit and contract, not the maintainers' tooling) again on Node 24
# (runtimes/), since users run both; one line per Node and the total.
NODE24 := $(CURDIR)/runtimes/node_modules/node24/bin
test-all: build docs browser runtimes
	@mkdir -p build; rm -f build/test-results.json build/test-results-node24.json
	@status=0; $(BIN)/vitest run --reporter=default --reporter=json --outputFile.json=build/test-results.json || status=$$?; \
	echo "== the same tests on Node $$($(NODE24)/node --version)"; \
	PATH="$(NODE24):$$PATH" $(BIN)/vitest run --project unit --project contract --reporter=default --reporter=json --outputFile.json=build/test-results-node24.json || status=$$?; \
	$(BIN)/tsx test-support/summarize.ts "node $$(node --version)=build/test-results.json" "node $$($(NODE24)/node --version)=build/test-results-node24.json"; \
	exit $$status

# The runtimes the built package is smoke-tested on besides this Node (runtimes/package.json pins them): binaries
# inside registry packages, installed into runtimes/node_modules (ignored), npm's cache keeping later installs quick.
runtimes: runtimes/node_modules/.install-stamp

runtimes/node_modules/.install-stamp: runtimes/package.json runtimes/package-lock.json
	cd runtimes && npm ci --no-audit --no-fund
	@touch $@

# The built package's smoke checks on every runtime (this Node, Node 22 and 24, Bun, Deno, Chromium) alone.
test-runtimes: build runtimes browser
	$(BIN)/vitest run --project contract contract-tests/runtimes.test.ts

# The outer layer alone: Prism, the stateful mock behind prism proxy, the built CLI, the tarball; then the tooling
# (generators, make breaking, the docs site, make release, the workflows).
test-contract: build docs browser runtimes
	$(BIN)/vitest run --project contract --project tooling

# Every check and every test, then how long it all took (the figure the benchmark's test-time row reads).
test:
	@start=$$(date +%s); $(MAKE) --no-print-directory test-steps; echo "make test took $$(( $$(date +%s) - start )) s"

test-steps: check-generated lint typecheck package-check check-api test-all

mock: install
	$(BIN)/prism mock $(SPEC) --port 4010 --errors

mock-stateful: install
	$(BIN)/tsx src/cli/main.ts mock

demo: install
	$(BIN)/tsx examples/demo.ts

# The whole site in build/docs, ready for static hosting, and nothing else in it: index.html (links the rest),
# api.html (the API reference, each operation with its samples from docs/samples/, from a bundled copy of the spec
# kept in build/docs-src), changes.html (the spec's changes at each v* tag, and each version's spec), sdk/ (TypeDoc,
# from the TSDoc), cli.html (from the CLI's help tables), fine-tune.yaml (the spec). --inlineBundle embeds Redoc's
# script instead of loading it from a CDN; seal-docs.ts forbids every page any network request and links each back
# to index.html.
docs: install
	rm -rf build/docs build/docs-src
	$(BIN)/tsx openapi/build-docs.ts $(SPEC) docs/samples build/docs build/docs-src/openapi.yaml
	$(BIN)/tsx openapi/build-changes.ts $(SPEC) build/docs
	$(BIN)/redocly build-docs build/docs-src/openapi.yaml --inlineBundle --title "Archetype AI fine-tune jobs API" --output build/docs/api.html $(QUIET_BANNER)
	$(BIN)/typedoc --logLevel Warn
	$(BIN)/tsx openapi/seal-docs.ts build/docs

# Figures, not a gate: never part of make test. See bench/README.md.
bench: build
	$(BIN)/tsx bench/run.ts

clean:
	rm -rf build dist
