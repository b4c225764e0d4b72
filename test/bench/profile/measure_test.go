package profile_test

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

	"k8s.io/client-go/kubernetes"

	"github.com/primehub/primehub/test/framework"
)

// usage is what the control plane has done so far: CPU seconds of each devcluster
// component and of this test process (the controller and the client), and the API
// server's request counts. Other benchmarks share the machine, so wall-clock times move
// with the load; these move much less.
type usage struct {
	cpu      map[string]float64
	requests map[string]float64
}

// clockTicks is USER_HZ, the unit of utime and stime in /proc/<pid>/stat on Linux.
const clockTicks = 100

func measure(t testing.TB) usage {
	t.Helper()
	u := usage{cpu: map[string]float64{}, requests: map[string]float64{}}
	for name, pid := range components(t) {
		u.cpu[name] = procCPU(pid)
	}
	var self syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &self); err != nil {
		t.Fatal(err)
	}
	u.cpu["test process"] = float64(self.Utime.Nano()+self.Stime.Nano()) / 1e9
	cs, err := kubernetes.NewForConfig(framework.Config())
	if err != nil {
		t.Fatal(err)
	}
	raw, err := cs.RESTClient().Get().AbsPath("/metrics").DoRaw(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	label := func(line, name string) string {
		m := regexp.MustCompile(name + `="([^"]*)"`).FindStringSubmatch(line)
		if m == nil {
			return ""
		}
		return m[1]
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
		u.requests[fmt.Sprintf("%s %s %s", label(line, "verb"), resource, label(line, "code"))] += v
	}
	return u
}

// report logs what happened between before and after, per profile.
func report(t testing.TB, phase string, before, after usage) {
	t.Helper()
	var cpu []string
	for _, name := range slices.Sorted(maps.Keys(after.cpu)) {
		cpu = append(cpu, fmt.Sprintf("%s %.1f ms", name, 1000*(after.cpu[name]-before.cpu[name])/profiles))
	}
	t.Logf("%s: CPU per profile: %s", phase, strings.Join(cpu, ", "))
	var total float64
	var reqs []string
	for _, key := range slices.Sorted(maps.Keys(after.requests)) {
		d := (after.requests[key] - before.requests[key]) / profiles
		if d >= 0.01 {
			total += d
			reqs = append(reqs, fmt.Sprintf("%s %.2f", key, d))
		}
	}
	t.Logf("%s: %.2f API requests per profile: %s", phase, total, strings.Join(reqs, ", "))
}

// components finds this test's devcluster processes (etcd, kube-apiserver, …) as the
// children of the process that runs the API server on this test's port.
func components(t testing.TB) map[string]int {
	t.Helper()
	u, err := url.Parse(framework.Config().Host)
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
		if len(args) > 1 && strings.HasSuffix(args[0], "devcluster") && ppid(pid) == parent {
			found[args[1]] = pid
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
