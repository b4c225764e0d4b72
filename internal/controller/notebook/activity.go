package notebook

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/primehub/primehub/api/v1beta1"
)

// serverActivity is what a notebook's Jupyter server says of its own use, as Kubeflow's
// culler and JupyterHub's idle culler read it.
type serverActivity struct {
	// last is the server's last_activity (api/status): kernels' and terminals' messages and
	// API requests that change something (the proxy marks reads as not tracked).
	last time.Time
	// busy: a kernel is running code, however long ago it was asked to.
	busy bool
}

// kernelBusy is the execution state of a kernel at work, as Kubeflow's culler and Jupyter's
// own count it. Not "starting": the server says so of a kernel until the kernel next
// reports its status, which one nobody connected to never does (a tab closed while it
// loaded), so it would keep its notebook for ever. A kernel really starting is recent in
// last_activity.
const kernelBusy = "busy"

// readActivity asks the notebook's server for api/status and api/kernels, with its token.
func (r *Reconciler) readActivity(ctx context.Context, nb *v1beta1.Notebook, pod *corev1.Pod) (serverActivity, error) {
	token := r.Tokens.Token(nb)
	base := "http://" + net.JoinHostPort(pod.Status.PodIP, strconv.Itoa(Port))
	var status struct {
		LastActivity time.Time `json:"last_activity"`
	}
	if err := r.getJSON(ctx, base+StatusPath(nb), token, &status); err != nil {
		return serverActivity{}, err
	}
	var kernels []struct {
		LastActivity   time.Time `json:"last_activity"`
		ExecutionState string    `json:"execution_state"`
	}
	// Listing kernels is an API request like any other: it must not count as use.
	if err := r.getJSON(ctx, base+KernelsPath(nb)+"?no_track_activity=1", token, &kernels); err != nil {
		return serverActivity{}, err
	}
	a := serverActivity{last: status.LastActivity}
	for _, k := range kernels {
		a.busy = a.busy || k.ExecutionState == kernelBusy
		if k.LastActivity.After(a.last) {
			a.last = k.LastActivity
		}
	}
	return a, nil
}

func (r *Reconciler) getJSON(ctx context.Context, url, token string, into any) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "token "+token)
	client := r.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("notebook server: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("notebook server: GET %s: %s", req.URL.Path, resp.Status)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(into); err != nil {
		return fmt.Errorf("notebook server: GET %s: %w", req.URL.Path, err)
	}
	return nil
}

// cullCheck is how often a notebook whose kernel is busy is asked again, at most.
const cullCheck = time.Minute

// cullDue decides whether a notebook last used at last is culled now, and otherwise when to
// look again. A busy kernel is never culled, however long ago anything else happened.
func cullDue(now, last time.Time, busy bool, after time.Duration) (bool, time.Duration) {
	if busy {
		return false, min(after, cullCheck)
	}
	idle := now.Sub(last)
	if idle >= after {
		return true, 0
	}
	return false, after - idle
}
