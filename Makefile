# PrimeHub in Go. `make run` starts the sandbox; `make test` runs every test.
SHELL := /usr/bin/env bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

BIN := bin
export PATH := $(CURDIR)/bin:$(PATH)

CONTROLLER_GEN_VERSION := v0.23.0
KWOK_VERSION := v0.8.0
K8S_VERSION := v1.37.2

CONTROLLER_GEN := $(BIN)/controller-gen-$(CONTROLLER_GEN_VERSION)
KWOK_STAMP := $(BIN)/.kwok-$(KWOK_VERSION)
DEVCLUSTER := $(BIN)/devcluster
PRIMEHUB := $(BIN)/primehub
# The console (web/) is built by Vite into internal/console/static/dist, which go:embed
# reads; without it the binary embeds the placeholder page that says so.
WEB_STAMP := internal/console/static/dist/index.html
WEB_DEPS := web/node_modules/.package-lock.json
WEB_SRCS := $(shell find web -type f -not -path 'web/node_modules/*' -not -path 'web/e2e/*' 2>/dev/null)
CHROMIUM := /usr/bin/chromium
# Debian's Jupyter server stands in for notebook images in the sandbox and the notebook
# tests (devcluster up --run-notebooks); nbclassic serves the notebook UI above it, and its
# program stands for all of them here.
JUPYTER := /usr/bin/jupyter-nbclassic
JUPYTER_PACKAGES := jupyter-server python3-ipykernel jupyter-notebook python3-nbclassic

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
PRIMEHUB_LDFLAGS := -X github.com/primehub/primehub/internal/version.Version=$(VERSION) \
	-X github.com/primehub/primehub/internal/version.Commit=$(COMMIT)
# Components built from k8s.io/kubernetes report v0.0.0 unless told their version.
DEVCLUSTER_LDFLAGS := -s -w \
	-X k8s.io/component-base/version.gitVersion=$(K8S_VERSION) \
	-X k8s.io/component-base/version.gitMajor=1 \
	-X k8s.io/component-base/version.gitMinor=37 \
	-X k8s.io/client-go/pkg/version.gitVersion=$(K8S_VERSION)
DEVCLUSTER_SRCS := $(shell find tools/devcluster -type f -not -name '*_test.go')

INTEGRATION_PKGS := ./test/integration/...

##@ Build

.PHONY: build
build: $(PRIMEHUB) $(DEVCLUSTER) $(KWOK_STAMP) ## Build everything `make run` needs.

# go build is incremental itself, so primehub is always handed to it; the console first.
.PHONY: $(PRIMEHUB)
$(PRIMEHUB): $(WEB_STAMP)
$(PRIMEHUB):
	go build -ldflags "$(PRIMEHUB_LDFLAGS)" -o $(CURDIR)/$@ ./cmd/primehub

# The control plane takes minutes to build: rebuild only when its sources change.
$(DEVCLUSTER): $(DEVCLUSTER_SRCS)
	@echo "building devcluster (kube-apiserver, controller-manager, scheduler, etcd, kubectl): a few minutes the first time"
	cd tools/devcluster && go build -ldflags "$(DEVCLUSTER_LDFLAGS)" -o $(CURDIR)/$@ .

# kwok goes beside devcluster, where devcluster looks for it.
$(KWOK_STAMP):
	mkdir -p $(BIN)
	GOBIN=$(CURDIR)/$(BIN) go install sigs.k8s.io/kwok/cmd/kwok@$(KWOK_VERSION)
	touch $@

# The image: a static binary for linux on an empty image, with CA certificates and a
# non-root user, written as an OCI image layout without Docker (deploy/image).
IMAGE_DIR := $(BIN)/image
LINUX_PRIMEHUB := $(BIN)/linux/primehub
CA_CERTIFICATES := /etc/ssl/certs/ca-certificates.crt

.PHONY: image
image: $(WEB_STAMP) $(CA_CERTIFICATES) ## Build the container image into bin/image (an OCI layout; push it with skopeo or crane).
	CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w $(PRIMEHUB_LDFLAGS)" -o $(LINUX_PRIMEHUB) ./cmd/primehub
	go run ./deploy/image -binary $(LINUX_PRIMEHUB) -ca-certificates $(CA_CERTIFICATES) \
		-version $(VERSION) -revision $(COMMIT) -created "$$(git log -1 --format=%cI 2>/dev/null || date -u +%FT%TZ)" -out $(IMAGE_DIR)

$(CA_CERTIFICATES):
	DEBIAN_FRONTEND=noninteractive apt-get install -y ca-certificates || \
		(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ca-certificates)

.PHONY: web
web: $(WEB_STAMP) ## Build the console (web/) that the primehub binary embeds.

$(WEB_STAMP): $(WEB_DEPS) $(WEB_SRCS)
	cd web && npm run build

# npm ci writes node_modules/.package-lock.json: install again only when the lock changes.
$(WEB_DEPS): web/package-lock.json
	cd web && npm ci --no-audit --no-fund

# playwright-core downloads no browser: the end-to-end tests drive Debian's Chromium.
$(CHROMIUM):
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium || \
		(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

$(JUPYTER):
	DEBIAN_FRONTEND=noninteractive apt-get install -y $(JUPYTER_PACKAGES) || \
		(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(JUPYTER_PACKAGES))

$(CONTROLLER_GEN):
	mkdir -p $(BIN)
	GOBIN=$(CURDIR)/$(BIN) go install sigs.k8s.io/controller-tools/cmd/controller-gen@$(CONTROLLER_GEN_VERSION)
	mv $(BIN)/controller-gen $@

##@ Develop

.PHONY: run
run: build $(JUPYTER) ## Start the sandbox: devcluster, kwok nodes, real notebooks and primehub serve; Ctrl-C stops it.
	hack/run.sh

# The Helm chart carries copies of the CRDs and roles (a chart reads no file outside it).
CHART := deploy/helm/primehub

.PHONY: generate
generate: $(CONTROLLER_GEN) $(WEB_DEPS) ## Regenerate deepcopy code, CRDs from api/, RBAC from +kubebuilder:rbac markers (into the chart too), the GraphQL server from its schema and the console's operation types (web/src/gql).
	$(CONTROLLER_GEN) object:headerFile=hack/boilerplate.go.txt paths=./api/...
	rm -f config/crd/bases/*.yaml
	$(CONTROLLER_GEN) crd paths=./api/... output:crd:artifacts:config=config/crd/bases
	rm -f config/rbac/platform/*.yaml
	$(CONTROLLER_GEN) rbac:roleName=primehub paths=./internal/serve/... output:rbac:artifacts:config=config/rbac/platform
	rm -rf $(CHART)/files/crds $(CHART)/files/rbac && mkdir -p $(CHART)/files/crds $(CHART)/files/rbac
	cp config/crd/bases/*.yaml $(CHART)/files/crds/
	cp config/rbac/*.yaml config/rbac/platform/role.yaml $(CHART)/files/rbac/
	cd internal/graphql && go run ./generate
	cd web && npm run --silent codegen

##@ Check

.PHONY: test
test: test-unit test-fuzz test-integration test-web e2e ## Run every test (installs and builds what they need).

.PHONY: test-unit
test-unit:
	go test -count=1 $$(go list ./... | grep -v /test/) ./test/bench/summary/
	cd tools/devcluster && go test -count=1 ./...

# Fuzz targets (package:Func): test-unit runs their seed corpora (testdata/fuzz); test-fuzz
# also runs each on FUZZTIME new inputs. A count, not a duration: Go 1.26's fuzzing
# coordinator can report its own wall-clock deadline as a failure ("context deadline
# exceeded", golang/go#75804; seen in CI on a loaded machine).
FUZZTIME ?= 1000x
FUZZ_TARGETS := internal/graphql:FuzzDecodeParams internal/graphql:FuzzSelectionDepthAndCost \
	internal/auth:FuzzParseAPIToken internal/directory:FuzzParsePasswordHash internal/names:FuzzLabel \
	internal/proxy:FuzzParse internal/hop:FuzzDropPlatformCookies internal/hop:FuzzSessionCheck internal/controller/phjob:FuzzLogRequest \
	internal/controller/profile:FuzzParseQuota

.PHONY: test-fuzz
test-fuzz: ## Run each fuzz target briefly (FUZZTIME new inputs, default 1000x).
	for t in $(FUZZ_TARGETS); do \
		go test -run '^$$' -fuzz "^$${t#*:}$$" -fuzztime $(FUZZTIME) "./$${t%%:*}" || exit 1; \
	done

.PHONY: test-integration
test-integration: $(DEVCLUSTER) $(KWOK_STAMP) $(JUPYTER)
	go test -count=1 -timeout 20m $(INTEGRATION_PKGS)

.PHONY: test-web
test-web: $(WEB_DEPS) ## Console component tests (Vitest).
	cd web && npm test

.PHONY: e2e
e2e: $(PRIMEHUB) $(DEVCLUSTER) $(KWOK_STAMP) $(CHROMIUM) $(JUPYTER) ## The console in Chromium against primehub serve on a devcluster; screenshots in web/e2e/screenshots/.
	cd web && npm run e2e

.PHONY: bench
# Each load test records its figures, anchors and targets in BENCH_SUMMARY; the last step
# prints them as one table (and fails when a target was missed).
BENCH_SUMMARY := $(CURDIR)/bin/bench-summary.jsonl
bench: $(DEVCLUSTER) $(KWOK_STAMP) ## Load tests and benchmarks (figures in docs/benchmarks.md); not part of `make test`.
	rm -f $(BENCH_SUMMARY)
	go test -count=1 -run '^$$' -bench . -benchmem ./internal/controller/phjob/
	status=0; PRIMEHUB_BENCH=1 PRIMEHUB_BENCH_SUMMARY=$(BENCH_SUMMARY) go test -count=1 -p 1 -timeout 60m -v ./test/bench/... \
		|| status=$$?; go run ./test/bench/summary/benchtable $(BENCH_SUMMARY) && exit $$status

.PHONY: lint
lint: verify-generate ## go vet, gofmt and staleness of generated files.
	go vet ./...
	cd tools/devcluster && go vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go') 2>/dev/null); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi

.PHONY: verify-generate
verify-generate: generate
	@if [ -n "$$(git status --porcelain -- api config internal/graphql web/src/gql $(CHART)/files)" ]; then \
		echo "generated files are stale: run 'make generate' and commit:"; git status --porcelain -- api config internal/graphql web/src/gql $(CHART)/files; exit 1; fi

.PHONY: clean
clean: ## Remove built binaries (keeps the sandbox data in .primehub-dev/).
	rm -rf $(BIN)

.PHONY: help
help:
	@awk 'BEGIN {FS = ":.*##"} /^[a-zA-Z_-]+:.*##/ {printf "  %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
