package notebook_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/hop"
	"github.com/primehub/primehub/internal/proxy"
	"github.com/primehub/primehub/test/framework"
)

// A pod made to look like a notebook's (its name, its labels, the generation annotation the
// controller writes) before the notebook exists is not the notebook's: the controller
// neither adopts it, nor reports it Running, nor deletes it, and the proxy never sends the
// notebook's owner to it.
func TestAPodWithTheNotebooksNameIsNotItsPod(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	c := framework.Client()
	name := "squatted"
	fake := framework.MakePod(notebook.ResourceName(name), e.ns).User(e.user()).Group(e.group()).
		Label(notebook.LabelNotebook, name).Annotate("primehub.io/notebook-generation", "1").Limits("1", "1Gi", 0).Obj()
	if err := c.Create(ctx, fake); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		if err := c.Get(ctx, client.ObjectKeyFromObject(fake), fake); err != nil {
			return err
		}
		if fake.Status.Phase != corev1.PodRunning || fake.Status.PodIP == "" {
			return fmt.Errorf("the substitute pod is %s", fake.Status.Phase)
		}
		return nil
	})
	squatterServer(t, fake.Status.PodIP)

	nb := e.launch(t, name, e.user(), "cpu-1")
	nb = waitPhase(t, nb, v1beta1.NotebookFailed, 30*time.Second)
	if nb.Status.Reason != notebook.ReasonNameTaken || !strings.Contains(nb.Status.Message, "is not the notebook's") {
		t.Errorf("notebook %s: %s, want %s", nb.Status.Reason, nb.Status.Message, notebook.ReasonNameTaken)
	}
	pod, err := podOf(nb)
	if err != nil {
		t.Fatalf("the substitute pod is gone: %v", err)
	}
	if pod.UID != fake.UID || len(pod.OwnerReferences) != 0 {
		t.Errorf("the substitute pod was replaced or adopted: uid %s (was %s), owners %v", pod.UID, fake.UID, pod.OwnerReferences)
	}

	// The notebook's owner asks the proxy for it: the substitute pod gets nothing.
	p := &proxy.Proxy{Reader: c, Log: logr.Discard(), Activity: proxy.NewActivity(),
		Gate: proxy.NewGate(hop.Gate{Bearer: func(*http.Request) (*auth.Identity, error) { return &auth.Identity{Username: e.user()}, nil }})}
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, notebook.URL(nb)+"lab", nil)
	r.Header.Set("Authorization", "Bearer owners-token")
	p.ServeHTTP(w, r)
	body, _ := io.ReadAll(w.Result().Body)
	if w.Code != http.StatusServiceUnavailable || strings.Contains(string(body), "notebook server:") {
		t.Errorf("proxy answered %d %s, want 503 without reaching the substitute pod", w.Code, body)
	}
	if err := c.Delete(ctx, fake, client.GracePeriodSeconds(0)); err != nil {
		t.Fatal(err)
	}
}

// squatterServer stands where the substitute pod's own server would: at its IP (kwok hands
// out loopback addresses) on the notebook port, answering anything. It is someone else's:
// nothing of the owner's may reach it.
func squatterServer(t *testing.T, podIP string) {
	t.Helper()
	l, err := net.Listen("tcp", net.JoinHostPort(podIP, strconv.Itoa(notebook.Port)))
	if err != nil {
		t.Fatalf("listen at the pod IP %s: %v", podIP, err)
	}
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "notebook server: path=%s", r.URL.Path)
	})}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
}

// A Secret made before the notebook by someone else, under the name a token Secret would
// have had if it were guessable, holding a token they know, is never the notebook's token:
// the notebook's Secret has a name nobody can know beforehand, the notebook runs with its
// own token, and the planted Secret is left as it was. Whether or not it carries the token
// label.
func TestASecretWithTheTokensNameIsNotItsToken(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	c := framework.Client()
	for name, labels := range map[string]map[string]string{
		"planted":  nil,
		"labelled": {notebook.LabelToken: "labelled"},
	} {
		planted := &corev1.Secret{
			ObjectMeta: metav1.ObjectMeta{Namespace: e.ns, Name: notebook.ResourceName(name) + "-token", Labels: labels},
			Data:       map[string][]byte{notebook.TokenKey: []byte("known-to-someone-else")},
		}
		if err := c.Create(ctx, planted); err != nil {
			t.Fatal(err)
		}
		nb := waitPhase(t, e.launch(t, name, e.user(), "cpu-1"), v1beta1.NotebookRunning, time.Minute)
		pod, err := podOf(nb)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range pod.Spec.Containers[0].Env {
			if v.Name == notebook.EnvToken && (v.ValueFrom == nil || v.ValueFrom.SecretKeyRef == nil || v.ValueFrom.SecretKeyRef.Name != e.tokens.SecretName(nb)) {
				t.Errorf("notebook %s: its token comes from %+v, not its own secret %s", name, v.ValueFrom, e.tokens.SecretName(nb))
			}
		}
		got := &corev1.Secret{}
		if err := c.Get(ctx, client.ObjectKeyFromObject(planted), got); err != nil {
			t.Fatal(err)
		}
		if string(got.Data[notebook.TokenKey]) != "known-to-someone-else" || len(got.OwnerReferences) != 0 {
			t.Errorf("the planted secret %s was changed or adopted: owners %v", got.Name, got.OwnerReferences)
		}
	}
}
