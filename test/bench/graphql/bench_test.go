// Package graphql_test measures the GraphQL API's `me`, as PrimeHub's clients ask it on
// every page (groups, effectiveGroups, each group's instance types, images, datasets with
// writable, quotas, admins and users), with 10,000 users, 1,000 groups and 300 resources
// in the caches, from 200 clients over loopback HTTP with their own API tokens.
// `make bench` runs it; `make test` does not.
package graphql_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-logr/logr"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/graphql"
	"github.com/primehub/primehub/test/bench/summary"
	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) { os.Exit(framework.Run(m)) }

const (
	users          = 10000
	groups         = 1000
	perKind        = 100 // instance types, images and volumes: 300 resources
	groupsPerUser  = 3   // so 30 members a group
	grantsPerThing = 30  // groups each resource is granted to: 3 of each kind a group
	clients        = 200
	// defaultRates are the paced loads measured, in requests/s of all clients together:
	// 200 is each client asking once a second.
	defaultRates = "100,200,1000"
	// targetRate is the load the target holds at.
	targetRate = 1000
	measure    = 10 * time.Second
	// rounds is how many turns the API and the anchor take in a paced phase.
	rounds     = 4
	anchorPath = "/bench/me-anchor"
	saturate   = 5 * time.Second
	targetP99  = 5 * time.Millisecond
)

// query is `me` as a client asks it for the home page and the launch form.
const query = `{ me {
  id username email isAdmin
  groups { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins
    instanceTypes { id name displayName cpuLimit memoryLimit gpuLimit }
    images { id name displayName type url }
    datasets { id name writable }
    users { id username } }
  effectiveGroups { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins
    instanceTypes { id name displayName cpuLimit memoryLimit gpuLimit }
    images { id name displayName type url }
    datasets { id name writable }
    users { id username } }
} }`

func TestMeLatency(t *testing.T) {
	if os.Getenv("PRIMEHUB_BENCH") == "" {
		t.Skip("a load test: run it with `make bench` (sets PRIMEHUB_BENCH=1)")
	}
	ctrl.SetLogger(logr.Discard())
	// PRIMEHUB_BENCH_GRAPHQL_RATES=0 measures in process only, with no load.
	var rates []int
	inProcessOnly := os.Getenv("PRIMEHUB_BENCH_GRAPHQL_RATES") == "0"
	for _, v := range strings.Split(cmp.Or(os.Getenv("PRIMEHUB_BENCH_GRAPHQL_RATES"), defaultRates), ",") {
		r, err := strconv.Atoi(strings.TrimSpace(v))
		if inProcessOnly {
			break
		}
		if err != nil || r <= 0 {
			t.Fatalf("PRIMEHUB_BENCH_GRAPHQL_RATES=%q: want requests/s such as 100,200", v)
		}
		rates = append(rates, r)
	}
	ns := framework.NewNamespace(t)
	start := time.Now()
	fill(t, ns)
	t.Logf("fixture: %d users, %d groups, %d resources created in %s", users, groups, 3*perKind, time.Since(start).Round(time.Millisecond))

	g := framework.StartGraphQL(t, ns, framework.GraphQLOptions{})
	framework.Eventually(t, 2*time.Minute, func(ctx context.Context) error {
		us, err := g.Directory.ListUsers(ctx)
		if err != nil {
			return err
		}
		gs, err := g.Directory.ListGroups(ctx)
		if err != nil {
			return err
		}
		if len(us) < users || len(gs) < groups {
			return fmt.Errorf("directory caches %d users, %d groups", len(us), len(gs))
		}
		its := &v1beta1.InstanceTypeList{}
		if err := g.Manager.GetCache().List(ctx, its, client.InNamespace(ns)); err != nil || len(its.Items) < perKind {
			return fmt.Errorf("%d instance types cached: %v", len(its.Items), err)
		}
		return nil
	})
	tokens := make([]string, clients)
	parallel(t, clients, 50, func(i int) error {
		tok, _, err := g.Tokens.Create(context.Background(), username(i), "bench")
		tokens[i] = tok
		return err
	})

	hc := &http.Client{Transport: &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}, Timeout: 30 * time.Second}
	body, _ := json.Marshal(map[string]any{"query": query})
	check(t, hc, g.URL, body, tokens[0])
	anchorURL := serveAnchor(t, g, hc, body, tokens)
	logInProcess(t, g, body, tokens[0], anchorURL)
	if inProcessOnly {
		return
	}
	bench := make([]*benchClient, len(tokens))
	for i, tok := range tokens {
		c, err := newBenchClient(g.URL, tok, body, graphql.Path, anchorPath)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.conn.Close() })
		bench[i] = c
	}

	// Warm up: connections, caches, code paths.
	run(t, bench, targetMe, rates[0], 3*time.Second)
	run(t, bench, targetAnchor, rates[0], time.Second)
	var rows strings.Builder
	for _, rate := range rates {
		// Other benchmarks share the machine: start each paced phase on a quiet one.
		framework.WaitQuiet(t, 60*time.Second)
		runtime.GC()
		// The API and the anchor take turns, rounds times each, so that whatever else
		// loads the machine meanwhile falls on both alike.
		var me, anchor result
		for range rounds {
			me = me.add(run(t, bench, targetMe, rate, measure/rounds))
			anchor = anchor.add(run(t, bench, targetAnchor, rate, measure/rounds))
		}
		rows.WriteString(me.row(fmt.Sprintf("paced, %d req/s", rate)))
		rows.WriteString(anchor.row(fmt.Sprintf("anchor, paced, %d req/s", rate)))
		if rate == targetRate {
			defer summary.Record(t, summary.Row{
				Benchmark: "GraphQL me", Figure: fmt.Sprintf("p99 at %d req/s", rate), Value: ms(me.p(99)),
				Anchor: "same token checked, same answer pre-rendered", AnchorValue: ms(anchor.p(99)),
				Unit: "ms", Kind: summary.AtMost, Target: ms(targetP99),
			})
		}
	}
	framework.WaitQuiet(t, 60*time.Second)
	runtime.GC()
	rows.WriteString(saturation(t, bench, targetMe, saturate).row("saturation (back to back)"))

	report := fmt.Sprintf("`me` (groups and effectiveGroups with instance types, images, datasets, quotas, admins, users), "+
		"%d users, %d groups, %d resources cached; %d clients, each with its own API token, HTTP/1.1 on loopback, GOMAXPROCS %d; "+
		"the anchor checks the same token and writes the same answer, pre-rendered\n"+
		"| load | requests | throughput | p50 | p90 | p99 | max | process CPU per request |\n|---|---|---|---|---|---|---|---|\n%s",
		users, groups, 3*perKind, clients, runtime.GOMAXPROCS(0), rows.String())
	t.Log("\n" + report)
	if out := os.Getenv("PRIMEHUB_BENCH_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// serveAnchor serves, beside the API on the same server, the cheapest way to give each
// client its answer: the same API token checked the same way, then the answer `me` gave
// it, rendered once beforehand. It answers the anchor's URL.
func serveAnchor(t *testing.T, g *framework.GraphQL, hc *http.Client, body []byte, tokens []string) string {
	answers := make(map[string][]byte, len(tokens))
	for _, tok := range tokens {
		req, _ := http.NewRequest(http.MethodPost, g.URL, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("me: %d %v", resp.StatusCode, err)
		}
		id, err := g.Authenticator.AuthenticateToken(context.Background(), tok)
		if err != nil {
			t.Fatal(err)
		}
		answers[id.Username] = b
	}
	g.Mux.HandleFunc(anchorPath, func(w http.ResponseWriter, r *http.Request) {
		id, err := g.Authenticator.Authenticate(r)
		if err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(answers[id.Username])
	})
	return strings.TrimSuffix(g.URL, graphql.Path) + anchorPath
}

// logInProcess logs what one `me`, and one answer of the anchor, costs the server with
// no HTTP and no other request at the same time: CPU, allocations and bytes allocated.
// These do not depend on the machine's load (but for its CPU's speed).
func logInProcess(t *testing.T, g *framework.GraphQL, body []byte, token, anchorURL string) {
	const n = 500
	measureOne := func(url string) (cpu time.Duration, allocs, bytes uint64) {
		w := &discard{h: http.Header{}}
		do := func() {
			req := httptest.NewRequest(http.MethodPost, url, strings.NewReader(string(body)))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+token)
			g.Mux.ServeHTTP(w, req)
		}
		for range 50 {
			do()
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		c := framework.ProcessCPU()
		for range n {
			do()
		}
		cpu = (framework.ProcessCPU() - c) / n
		runtime.ReadMemStats(&after)
		return cpu, (after.Mallocs - before.Mallocs) / n, (after.TotalAlloc - before.TotalAlloc) / n
	}
	for _, m := range []struct{ name, url string }{{"`me`", g.URL}, {"anchor", anchorURL}} {
		cpu, allocs, b := measureOne(m.url)
		t.Logf("in process, one request at a time, no HTTP (%d requests): %s costs %s CPU, %d allocations, %.1f KB allocated per request",
			n, m.name, cpu.Round(time.Microsecond), allocs, float64(b)/1024)
	}
}

// discard is a ResponseWriter that drops the answer.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// check makes sure the answer is what the benchmark means to measure: a member of three
// groups with their resources and members.
func check(t *testing.T, hc *http.Client, url string, body []byte, token string) {
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Data struct {
			Me struct {
				Groups, EffectiveGroups []struct {
					InstanceTypes, Images, Datasets, Users []any
				}
			}
		}
		Errors []any
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	me := r.Data.Me
	if len(r.Errors) > 0 || len(me.Groups) != groupsPerUser+1 || len(me.EffectiveGroups) != groupsPerUser {
		t.Fatalf("me: %d groups, %d effective groups, errors %v", len(me.Groups), len(me.EffectiveGroups), r.Errors)
	}
	for _, g := range me.EffectiveGroups {
		if len(g.InstanceTypes) == 0 || len(g.Images) == 0 || len(g.Datasets) == 0 || len(g.Users) != users*groupsPerUser/groups {
			t.Fatalf("a group of me: %d instance types, %d images, %d datasets, %d users", len(g.InstanceTypes), len(g.Images), len(g.Datasets), len(g.Users))
		}
	}
}

type latencies []time.Duration

func (l latencies) p(q int) time.Duration {
	if len(l) == 0 {
		return 0
	}
	return l[min(len(l)-1, len(l)*q/100)]
}

type result struct {
	lat     latencies
	elapsed time.Duration
	errors  int64
	// cpu is the CPU time the process (server and clients) used in the phase.
	cpu time.Duration
}

// add gathers two phases' figures into one.
func (r result) add(o result) result {
	lat := slices.Concat(r.lat, o.lat)
	slices.Sort(lat)
	return result{lat: lat, elapsed: r.elapsed + o.elapsed, errors: r.errors + o.errors, cpu: r.cpu + o.cpu}
}

func (r result) row(name string) string {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
	if len(r.lat) == 0 {
		return fmt.Sprintf("| %s | 0 | – | – | – | – | – | – |\n", name)
	}
	return fmt.Sprintf("| %s | %d | %.0f/s | %s | %s | %s | %s | %s |\n", name, len(r.lat), float64(len(r.lat))/r.elapsed.Seconds(),
		ms(r.lat.p(50)), ms(r.lat.p(90)), ms(r.lat.p(99)), ms(r.lat[len(r.lat)-1]), ms(r.cpu/time.Duration(max(1, len(r.lat)))))
}

func (r result) p(q int) time.Duration { return r.lat.p(q) }

// The targets of the clients' requests.
const (
	targetMe = iota
	targetAnchor
)

// run sends target's request rate times a second for d, spread evenly over the clients, each request at
// its own due time; latency runs from when a request was due, so a stall delays no
// measurement.
func run(t *testing.T, clients []*benchClient, target, rate int, d time.Duration) result {
	period := time.Duration(float64(time.Second) * float64(len(clients)) / float64(rate))
	begin := time.Now().Add(50 * time.Millisecond)
	cpu := framework.ProcessCPU()
	var mu sync.Mutex
	var all latencies
	var errs atomic.Int64
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine latencies
			for due := begin.Add(period * time.Duration(i) / time.Duration(len(clients))); due.Before(begin.Add(d)); due = due.Add(period) {
				time.Sleep(time.Until(due))
				if err := c.do(target); err != nil {
					if errs.Add(1) == 1 {
						t.Errorf("request: %v", err)
					}
					continue
				}
				mine = append(mine, time.Since(due))
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(all)
	return result{lat: all, elapsed: d, errors: errs.Load(), cpu: framework.ProcessCPU() - cpu}
}

// saturation has every client send back to back for d: the most the server answers.
func saturation(t *testing.T, clients []*benchClient, target int, d time.Duration) result {
	end := time.Now().Add(d)
	cpu := framework.ProcessCPU()
	var mu sync.Mutex
	var all latencies
	var wg sync.WaitGroup
	begin := time.Now()
	for _, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine latencies
			for time.Now().Before(end) {
				s := time.Now()
				if err := c.do(target); err != nil {
					t.Errorf("request: %v", err)
					return
				}
				mine = append(mine, time.Since(s))
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(all)
	return result{lat: all, elapsed: time.Since(begin), cpu: framework.ProcessCPU() - cpu}
}

func username(i int) string  { return fmt.Sprintf("u%05d", i) }
func groupname(i int) string { return fmt.Sprintf("g%04d", i) }

// fill creates the users, groups and resources with a client of its own at a high rate,
// many at once.
func fill(t *testing.T, ns string) {
	cfg := framework.Config()
	cfg.QPS, cfg.Burst = 5000, 5000
	c, err := client.New(cfg, client.Options{Scheme: framework.Scheme})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	members := make([][]string, groups)
	for i := range users {
		for k := range groupsPerUser {
			g := (i + k*337) % groups
			members[g] = append(members[g], username(i))
		}
	}
	var objs []client.Object
	for i := range users {
		objs = append(objs, framework.MakeUser(username(i)).Email(username(i)+"@example.com").DisplayName("User "+strconv.Itoa(i)).Obj())
	}
	for i := range groups {
		objs = append(objs, framework.MakeGroup(groupname(i)).DisplayName("Group "+strconv.Itoa(i)).
			Members(members[i]...).Admins(members[i][0]).QuotaCPU("4", "40").QuotaMemory("8Gi", "80Gi").QuotaGPU(1, 4).Obj())
	}
	grantees := func(j int) []string {
		var out []string
		for m := range grantsPerThing {
			out = append(out, groupname((j*grantsPerThing+m)%groups))
		}
		return out
	}
	for j := range perKind {
		it := framework.MakeInstanceType(fmt.Sprintf("it-%03d", j)).Namespace(ns).DisplayName(fmt.Sprintf("Instance type %d", j)).CPU("500m", "1").Memory("1Gi", "2Gi")
		img := framework.MakeImage(fmt.Sprintf("img-%03d", j)).Namespace(ns).DisplayName(fmt.Sprintf("Image %d", j))
		vol := framework.MakeVolume(fmt.Sprintf("vol-%03d", j)).Namespace(ns).Env("K", "v")
		if j%20 == 0 {
			it, img, vol = it.Global(), img.Global(), vol.Global()
		}
		for _, g := range grantees(j) {
			it, img, vol = it.Group(g), img.Group(g), vol.Group(g, j%2 == 0)
		}
		objs = append(objs, it.Obj(), img.Obj(), vol.Obj())
	}
	parallel(t, len(objs), 64, func(i int) error {
		err := c.Create(ctx, objs[i])
		if err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("create %s: %w", objs[i].GetName(), err)
		}
		return nil
	})
}

// parallel runs f(0..n-1), width at once, and fails the test on the first error.
func parallel(t *testing.T, n, width int, f func(int) error) {
	t.Helper()
	next := atomic.Int64{}
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for range width {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := f(i); err != nil {
					once.Do(func() { first = err })
					return
				}
			}
		}()
	}
	wg.Wait()
	if first != nil {
		t.Fatal(first)
	}
}
