package framework

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"k8s.io/client-go/kubernetes"
)

// Usage is what the test cluster has done so far: CPU seconds of each of its processes
// (etcd, kube-apiserver, …, kwok) and of this test process, and the API server's request
// counts by verb, resource and code. Benchmarks report the difference over a phase: unlike
// wall-clock times, these barely move with what else runs on the machine.
type Usage struct {
	CPU      map[string]float64
	Requests map[string]float64
}

// clockTicks is USER_HZ, the unit of utime and stime in /proc/<pid>/stat on Linux.
const clockTicks = 100

// requestLabel picks one label's value out of a Prometheus sample line.
var requestLabel = map[string]*regexp.Regexp{}

func init() {
	for _, name := range []string{"verb", "resource", "subresource", "code"} {
		requestLabel[name] = regexp.MustCompile(name + `="([^"]*)"`)
	}
}

// MeasureUsage reads the cluster's usage now.
func MeasureUsage(t testing.TB) Usage {
	t.Helper()
	u := Usage{CPU: map[string]float64{}, Requests: map[string]float64{}}
	for name, pid := range clusterProcesses(t) {
		u.CPU[name] = procCPU(pid)
	}
	u.CPU["test process"] = ProcessCPU().Seconds()
	cs, err := kubernetes.NewForConfig(Config())
	if err != nil {
		t.Fatal(err)
	}
	raw, err := cs.RESTClient().Get().AbsPath("/metrics").DoRaw(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	label := func(line, name string) string {
		if m := requestLabel[name].FindStringSubmatch(line); m != nil {
			return m[1]
		}
		return ""
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "apiserver_request_total{") {
			continue
		}
		v, err := strconv.ParseFloat(line[strings.LastIndexByte(line, ' ')+1:], 64)
		if err != nil {
			t.Fatal(err)
		}
		resource := label(line, "resource")
		if sub := label(line, "subresource"); sub != "" {
			resource += "/" + sub
		}
		u.Requests[fmt.Sprintf("%s %s %s", label(line, "verb"), resource, label(line, "code"))] += v
	}
	return u
}

// ReportUsage logs what the cluster did between before and after, per each of n objects
// (a profile, a notebook): CPU by process, and API requests.
func ReportUsage(t testing.TB, phase, each string, n int, before, after Usage) {
	t.Helper()
	var cpu []string
	for _, name := range slices.Sorted(maps.Keys(after.CPU)) {
		cpu = append(cpu, fmt.Sprintf("%s %.1f ms", name, 1000*(after.CPU[name]-before.CPU[name])/float64(n)))
	}
	t.Logf("%s: CPU per %s: %s", phase, each, strings.Join(cpu, ", "))
	var total float64
	var reqs []string
	for _, key := range slices.Sorted(maps.Keys(after.Requests)) {
		d := (after.Requests[key] - before.Requests[key]) / float64(n)
		if d >= 0.01 {
			total += d
			reqs = append(reqs, fmt.Sprintf("%s %.2f", key, d))
		}
	}
	t.Logf("%s: %.2f API requests per %s: %s", phase, total, each, strings.Join(reqs, ", "))
}

// ProcessCPU is the CPU time, user and system, this test process has used so far.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru) // cannot fail for RUSAGE_SELF
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// clusterProcesses finds the test cluster's processes as the children of the process
// whose child serves the API on this test's port: devcluster's components by their
// subcommand, kwok by its name.
func clusterProcesses(t testing.TB) map[string]int {
	t.Helper()
	u, err := url.Parse(Config().Host)
	if err != nil {
		t.Fatal(err)
	}
	procs := map[int][]string{}
	apiserver := 0
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, dir := range dirs {
		cmdline, err := os.ReadFile(dir + "/cmdline")
		if err != nil {
			continue
		}
		args := strings.Split(string(cmdline), "\x00")
		pid, _ := strconv.Atoi(filepath.Base(dir))
		procs[pid] = args
		if len(args) > 1 && args[1] == "kube-apiserver" && slices.Contains(args, "--secure-port="+u.Port()) {
			apiserver = pid
		}
	}
	if apiserver == 0 {
		t.Fatalf("no kube-apiserver process with --secure-port=%s", u.Port())
	}
	parent := ppid(apiserver)
	found := map[string]int{}
	for pid, args := range procs {
		if ppid(pid) != parent || len(args) < 2 {
			continue
		}
		switch {
		case strings.HasSuffix(args[0], "/devcluster"):
			found[args[1]] = pid
		case strings.HasSuffix(args[0], "/kwok"):
			found["kwok"] = pid
		}
	}
	return found
}

// procStat is the fields of /proc/<pid>/stat after the command name; none once the
// process is gone.
func procStat(pid int) []string {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil
	}
	s := string(raw)
	return strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
}

func ppid(pid int) int {
	f := procStat(pid)
	if len(f) < 2 {
		return 0
	}
	n, _ := strconv.Atoi(f[1])
	return n
}

// procCPU is utime+stime in seconds.
func procCPU(pid int) float64 {
	f := procStat(pid)
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseFloat(f[11], 64)
	stime, _ := strconv.ParseFloat(f[12], 64)
	return (utime + stime) / clockTicks
}

// LoadAverage is the machine's 1, 5 and 15 minute load averages, for benchmarks to log
// beside wall-clock figures, which depend on it ("unknown" where /proc has none).
func LoadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	return strings.Join(f[:min(3, len(f))], " ")
}

// WaitQuiet waits until the machine has been nearly idle (under a quarter of its CPU busy)
// for two seconds in a row, or until max has passed, and logs which. A benchmark calls it
// before each timed phase so that the previous phase's tail (a cluster stopping, a burst's
// garbage) does not fall on one side of a comparison only.
func WaitQuiet(t testing.TB, max time.Duration) {
	t.Helper()
	start := time.Now()
	quiet := 0
	busy, total := machineCPU()
	for time.Since(start) < max {
		time.Sleep(time.Second)
		b, tot := machineCPU()
		if tot > total && (b-busy)/(tot-total) < 0.25 {
			quiet++
		} else {
			quiet = 0
		}
		busy, total = b, tot
		if quiet == 2 {
			t.Logf("machine quiet after %s (load average %s)", time.Since(start).Round(time.Second), LoadAverage())
			return
		}
	}
	t.Logf("machine still busy after %s (load average %s); measuring anyway", max, LoadAverage())
}

// machineCPU reads the machine's busy and total CPU time, in ticks, from /proc/stat.
func machineCPU() (busy, total float64) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0
	}
	line, _, _ := strings.Cut(string(data), "\n")
	for i, f := range strings.Fields(line)[1:] {
		v, _ := strconv.ParseFloat(f, 64)
		total += v
		if i != 3 && i != 4 { // idle, iowait
			busy += v
		}
	}
	return busy, total
}
