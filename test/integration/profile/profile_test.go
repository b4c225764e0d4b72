// Package profile_test walks Kubeflow's multi-user journey on the real control plane: an
// admin sets default quotas and grants profile creation; a user creates a profile with
// kubectl; the controller makes the namespace, RBAC, quota and limits; the owner shares it;
// contributors work there under RBAC; a deleter removes it.
package profile_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/util/retry"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/config"
	"github.com/primehub/primehub/internal/controller/profile"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/manifest"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) { os.Exit(framework.Run(m)) }

// platform is the namespace holding the defaults ConfigMap in these tests.
const platform = "primehub-profile-tests"

// writes counts the controller's API writes, by profile.
var writes framework.Writes

// startController runs the profile controller, counting the API writes it makes.
func startController(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	c := framework.Client()
	if _, err := manifest.Apply(ctx, c, config.Manifests, "rbac/*.yaml"); err != nil {
		t.Fatal(err)
	}
	if err := c.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: platform}}); err != nil && !apierrors.IsAlreadyExists(err) {
		t.Fatal(err)
	}
	framework.StartManager(t, func(mgr ctrl.Manager) error {
		counted, err := writes.Client(mgr)
		if err != nil {
			return err
		}
		r := &profile.Reconciler{Client: counted, Defaults: &profile.Defaults{Client: counted, Namespace: platform}}
		if err := r.SetupWithManager(mgr); err != nil {
			return err
		}
		return framework.SetupWebhooks(t, mgr, platform)
	})
	framework.WaitWebhooks(t, platform)
}

// as is a client acting as user, authorized by RBAC like any request of theirs.
func as(t *testing.T, user string) client.Client {
	t.Helper()
	cfg := framework.Config()
	cfg.Impersonate = rest.ImpersonationConfig{UserName: user}
	c, err := client.New(cfg, client.Options{Scheme: framework.Scheme})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// kubectl runs bin/devcluster kubectl as user against the test cluster.
func kubectl(t *testing.T, user, stdin string, args ...string) (string, error) {
	t.Helper()
	bin, err := framework.BinPath("devcluster")
	if err != nil {
		t.Fatal(err)
	}
	args = append([]string{"kubectl", "--kubeconfig", framework.Kubeconfig(), "--as", user}, args...)
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	return out.String(), err
}

func bindClusterRole(t *testing.T, user, role string) {
	t.Helper()
	crb := &rbacv1.ClusterRoleBinding{
		ObjectMeta: metav1.ObjectMeta{Name: user + "-" + role},
		RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: role},
		Subjects:   []rbacv1.Subject{{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind, Name: user}},
	}
	if err := framework.Client().Create(context.Background(), crb); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = framework.Client().Delete(context.Background(), crb) })
}

func waitReady(t *testing.T, name string) *v1beta1.Profile {
	t.Helper()
	p := &v1beta1.Profile{}
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		if err := framework.Client().Get(ctx, client.ObjectKey{Name: name}, p); err != nil {
			return err
		}
		c := meta.FindStatusCondition(p.Status.Conditions, profile.ConditionReady)
		if c == nil || c.Status != metav1.ConditionTrue || c.ObservedGeneration != p.Generation {
			return fmt.Errorf("profile %s not Ready: %v", name, p.Status.Conditions)
		}
		return nil
	})
	return p
}

func deleteProfile(t *testing.T, name string) {
	t.Helper()
	p := &v1beta1.Profile{ObjectMeta: metav1.ObjectMeta{Name: name}}
	if err := framework.Client().Delete(context.Background(), p); client.IgnoreNotFound(err) != nil {
		t.Error(err)
	}
}

func podSpec(name string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}}},
	}
}

func setDefaults(t *testing.T, quota string) {
	t.Helper()
	d := &profile.Defaults{Client: framework.Client(), Namespace: platform}
	if err := d.Set(context.Background(), quota); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: platform, Name: profile.DefaultsConfigMap}}
		_ = framework.Client().Delete(context.Background(), cm)
	})
}

func quotaOf(ctx context.Context, ns string) (*corev1.ResourceQuota, error) {
	rq := &corev1.ResourceQuota{}
	err := framework.Client().Get(ctx, client.ObjectKey{Namespace: ns, Name: "primehub-profile-quota"}, rq)
	return rq, err
}

func TestCreatorMakesAProfileWithKubectlAndGetsANamespace(t *testing.T) {
	startController(t)
	bindClusterRole(t, "alice", "primehub-profile-creator")
	manifest := `apiVersion: primehub.io/v1beta1
kind: Profile
metadata: {name: alice-team}
spec:
  owner: {kind: User, apiGroup: rbac.authorization.k8s.io, name: alice}
`
	if out, err := kubectl(t, "carol", manifest, "create", "-f", "-"); err == nil || !strings.Contains(out, "forbidden") {
		t.Fatalf("carol, without the creator role, created a profile: %v %s", err, out)
	}
	if out, err := kubectl(t, "alice", manifest, "create", "-f", "-"); err != nil {
		t.Fatalf("alice creates her profile: %v %s", err, out)
	}
	defer deleteProfile(t, "alice-team")
	p := waitReady(t, "alice-team")
	if p.Status.Namespace != "alice-team" {
		t.Errorf("status.namespace = %q", p.Status.Namespace)
	}
	ns := &corev1.Namespace{}
	if err := framework.Client().Get(context.Background(), client.ObjectKey{Name: "alice-team"}, ns); err != nil {
		t.Fatal(err)
	}
	if ns.Labels[quota.NamespaceLabelQuota] != "enabled" {
		t.Errorf("profile namespace labels %v: notebooks there would keep their admission guard", ns.Labels)
	}

	// The owner administers the namespace: she can grant access and run pods there.
	alice := as(t, "alice")
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		return alice.List(ctx, &rbacv1.RoleBindingList{}, client.InNamespace("alice-team"))
	})
	pod := podSpec("owner-pod")
	pod.Namespace = "alice-team"
	framework.Eventually(t, 20*time.Second, func(ctx context.Context) error {
		return alice.Create(ctx, pod.DeepCopy())
	})
	// A pod without requests or limits gets the LimitRange's, so a quota can count it.
	got := &corev1.Pod{}
	if err := framework.Client().Get(context.Background(), client.ObjectKeyFromObject(pod), got); err != nil {
		t.Fatal(err)
	}
	if lim := got.Spec.Containers[0].Resources.Limits[corev1.ResourceCPU]; lim.String() != "1" {
		t.Errorf("default cpu limit = %s, want 1 from the LimitRange", lim.String())
	}
	for _, sa := range []string{"default-editor", "default-viewer"} {
		if err := framework.Client().Get(context.Background(), client.ObjectKey{Namespace: "alice-team", Name: sa}, &corev1.ServiceAccount{}); err != nil {
			t.Errorf("service account %s: %v", sa, err)
		}
	}
}

func TestDefaultQuotaAndItsOverride(t *testing.T) {
	startController(t)
	setDefaults(t, "cpu=4,memory=8Gi,nvidia.com/gpu=1")
	c := framework.Client()
	ctx := context.Background()
	for _, p := range []*v1beta1.Profile{
		framework.MakeProfile("quota-default").Obj(),
		framework.MakeProfile("quota-own").Quota("limits.cpu", "16").Obj(),
	} {
		if err := c.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
		defer deleteProfile(t, p.Name)
		waitReady(t, p.Name)
	}
	rq, err := quotaOf(ctx, "quota-default")
	if err != nil {
		t.Fatal(err)
	}
	if cpu, gpu := rq.Spec.Hard["limits.cpu"], rq.Spec.Hard["requests.nvidia.com/gpu"]; cpu.String() != "4" || gpu.String() != "1" {
		t.Errorf("default quota = %v", rq.Spec.Hard)
	}

	// The admin changes the defaults without a restart: profiles without their own follow,
	// the overridden one holds.
	setDefaults(t, "cpu=6")
	framework.Eventually(t, 20*time.Second, func(ctx context.Context) error {
		rq, err := quotaOf(ctx, "quota-default")
		if err != nil {
			return err
		}
		if cpu := rq.Spec.Hard["limits.cpu"]; cpu.String() != "6" || len(rq.Spec.Hard) != 1 {
			return fmt.Errorf("quota = %v, want limits.cpu=6 only", rq.Spec.Hard)
		}
		return nil
	})
	rq, err = quotaOf(ctx, "quota-own")
	if err != nil {
		t.Fatal(err)
	}
	if cpu := rq.Spec.Hard["limits.cpu"]; cpu.String() != "16" || len(rq.Spec.Hard) != 1 {
		t.Errorf("overridden quota = %v, want limits.cpu=16 only", rq.Spec.Hard)
	}

	// Someone editing the quota directly is put back.
	rq.Spec.Hard["limits.cpu"] = resource.MustParse("100")
	if err := c.Update(ctx, rq); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 20*time.Second, func(ctx context.Context) error {
		rq, err := quotaOf(ctx, "quota-own")
		if err != nil {
			return err
		}
		if cpu := rq.Spec.Hard["limits.cpu"]; cpu.String() != "16" {
			return fmt.Errorf("quota drifted to %s", cpu.String())
		}
		return nil
	})
}

func TestContributorWorksUnderRBACAndLosesAccessWhenRemoved(t *testing.T) {
	startController(t)
	c := framework.Client()
	ctx := context.Background()
	p := framework.MakeProfile("shared").Owner("alice").Contributor("bob", v1beta1.ContributorEdit).Contributor("vic", v1beta1.ContributorView).Obj()
	if err := c.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	defer deleteProfile(t, p.Name)
	waitReady(t, p.Name)

	bob, vic := as(t, "bob"), as(t, "vic")
	pod := podSpec("bobs")
	pod.Namespace = "shared"
	framework.Eventually(t, 20*time.Second, func(ctx context.Context) error {
		return bob.Create(ctx, pod.DeepCopy())
	})
	if err := vic.List(ctx, &corev1.PodList{}, client.InNamespace("shared")); err != nil {
		t.Errorf("viewer lists pods: %v", err)
	}
	viewerPod := podSpec("vics")
	viewerPod.Namespace = "shared"
	if err := vic.Create(ctx, viewerPod); !apierrors.IsForbidden(err) {
		t.Errorf("viewer creating a pod: got %v, want Forbidden", err)
	}
	// Editors may not grant access; only admins may.
	rb := &rbacv1.RoleBinding{
		ObjectMeta: metav1.ObjectMeta{Namespace: "shared", Name: "sneaky"},
		RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: "primehub-profile-admin"},
		Subjects:   []rbacv1.Subject{{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind, Name: "mallory"}},
	}
	if err := bob.Create(ctx, rb); !apierrors.IsForbidden(err) {
		t.Errorf("editor granting admin: got %v, want Forbidden", err)
	}

	// The owner removes bob; he loses access.
	if err := c.Get(ctx, client.ObjectKeyFromObject(p), p); err != nil {
		t.Fatal(err)
	}
	p.Spec.Contributors = p.Spec.Contributors[1:]
	if err := c.Update(ctx, p); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 20*time.Second, func(ctx context.Context) error {
		err := bob.List(ctx, &corev1.PodList{}, client.InNamespace("shared"))
		if apierrors.IsForbidden(err) {
			return nil
		}
		return fmt.Errorf("bob still lists pods (err %v)", err)
	})
	if err := vic.List(ctx, &corev1.PodList{}, client.InNamespace("shared")); err != nil {
		t.Errorf("vic, still a viewer, lost access: %v", err)
	}
}

func TestOwnerDeletesProfileAndItsNamespaceAndNobodyElse(t *testing.T) {
	startController(t)
	bindClusterRole(t, "dora", "primehub-profile-deleter")
	bindClusterRole(t, "eve", "primehub-profile-deleter")
	c := framework.Client()
	ctx := context.Background()
	p := framework.MakeProfile("doomed").Owner("dora").Obj()
	if err := c.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	waitReady(t, p.Name)
	if out, err := kubectl(t, "mallory", "", "delete", "profile", "doomed", "--wait=false"); err == nil || !strings.Contains(out, "forbidden") {
		t.Fatalf("mallory, without the deleter role, deleted a profile: %v %s", err, out)
	}
	// The deleter role lets eve delete profiles, but not dora's.
	out, err := kubectl(t, "eve", "", "delete", "profile", "doomed", "--wait=false")
	if err == nil || !strings.Contains(out, "user eve may not delete profile doomed: only its owner (User dora) and administrators may") {
		t.Fatalf("eve deleted dora's profile: %v %s", err, out)
	}
	if err := c.Get(ctx, client.ObjectKeyFromObject(p), p); err != nil || !p.DeletionTimestamp.IsZero() {
		t.Fatalf("dora's profile after eve's attempt: %v, deleting since %v", err, p.DeletionTimestamp)
	}
	if out, err := kubectl(t, "dora", "", "delete", "profile", "doomed", "--wait=false"); err != nil {
		t.Fatalf("dora deletes her profile: %v %s", err, out)
	}
	framework.Eventually(t, 90*time.Second, func(ctx context.Context) error {
		nsErr := c.Get(ctx, client.ObjectKey{Name: "doomed"}, &corev1.Namespace{})
		pErr := c.Get(ctx, client.ObjectKey{Name: "doomed"}, &v1beta1.Profile{})
		if apierrors.IsNotFound(nsErr) && apierrors.IsNotFound(pErr) {
			return nil
		}
		return fmt.Errorf("namespace (%v) or profile (%v) still there", nsErr, pErr)
	})
}

// The controller's admission policy gives a new profile its finalizer as it is created, so
// the controller writes a new profile once, its status.
func TestNewProfileHasItsFinalizerFromAdmission(t *testing.T) {
	startController(t)
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		p := framework.MakeProfile("admitted").Obj()
		if err := framework.Client().Create(ctx, p, client.DryRunAll); err != nil {
			return err
		}
		if !slices.Equal(p.Finalizers, []string{"primehub.io/profile"}) {
			return fmt.Errorf("finalizers on admission %v", p.Finalizers)
		}
		return nil
	})
}

func TestExistingNamespaceIsNotTaken(t *testing.T) {
	startController(t)
	c := framework.Client()
	ctx := context.Background()
	ns := framework.NewNamespace(t)
	p := framework.MakeProfile(ns).Obj()
	if err := c.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	defer deleteProfile(t, p.Name)
	framework.Eventually(t, 20*time.Second, func(ctx context.Context) error {
		if err := c.Get(ctx, client.ObjectKeyFromObject(p), p); err != nil {
			return err
		}
		cond := meta.FindStatusCondition(p.Status.Conditions, profile.ConditionReady)
		if cond == nil || cond.Reason != "NamespaceTaken" || !strings.Contains(cond.Message, "already exists") {
			return fmt.Errorf("conditions %v", p.Status.Conditions)
		}
		return nil
	})
	if err := c.Get(ctx, client.ObjectKey{Name: ns}, &corev1.Namespace{}); err != nil {
		t.Errorf("the existing namespace: %v", err)
	}
	rbs := &rbacv1.RoleBindingList{}
	if err := c.List(ctx, rbs, client.InNamespace(ns)); err != nil {
		t.Fatal(err)
	}
	if len(rbs.Items) != 0 {
		t.Errorf("the controller bound roles in a namespace it does not own: %d bindings", len(rbs.Items))
	}
}

func TestIdleReconcileMakesNoWritesAndDriftIsPutBack(t *testing.T) {
	startController(t)
	c := framework.Client()
	ctx := context.Background()
	p := framework.MakeProfile("steady").Contributor("bob", v1beta1.ContributorView).Obj()
	if err := c.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	defer deleteProfile(t, p.Name)
	waitReady(t, p.Name)
	writes.Settle(t, p.Name)

	// Someone labelling the profile's namespace makes the controller reconcile a profile
	// with nothing to do (extra labels are theirs to add).
	before := writes.For(p.Name)
	ns := &corev1.Namespace{}
	if err := c.Get(ctx, client.ObjectKey{Name: p.Name}, ns); err != nil {
		t.Fatal(err)
	}
	ns.Labels["team"] = "research"
	if err := c.Update(ctx, ns); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if n := writes.For(p.Name) - before; n != 0 {
		t.Errorf("an idle reconcile made %d API writes, want 0", n)
	}

	// Deleting the owner's binding is put back.
	owner := &rbacv1.RoleBinding{ObjectMeta: metav1.ObjectMeta{Namespace: "steady", Name: "owner"}}
	if err := c.Delete(ctx, owner); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 20*time.Second, func(ctx context.Context) error {
		return c.Get(ctx, client.ObjectKeyFromObject(owner), owner)
	})
}

func TestNobodyMakesOrTakesOverAnotherOnesProfile(t *testing.T) {
	startController(t)
	bindClusterRole(t, "alice", "primehub-profile-creator")
	forBob := `apiVersion: primehub.io/v1beta1
kind: Profile
metadata: {name: bobs-by-alice}
spec:
  owner: {kind: User, apiGroup: rbac.authorization.k8s.io, name: bob}
`
	out, err := kubectl(t, "alice", forBob, "create", "-f", "-")
	if err == nil || !strings.Contains(out, "user alice may only create profiles owned by themselves, not by User bob") {
		t.Fatalf("alice made a profile for bob: %v %s", err, out)
	}
	for manifest, want := range map[string]string{
		// Her own quota and container defaults are the administrators' to set.
		`{"apiVersion": "primehub.io/v1beta1", "kind": "Profile", "metadata": {"name": "alices-big"},
		  "spec": {"owner": {"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "alice"},
		           "resourceQuota": {"hard": {"limits.cpu": "1000"}}}}`: "spec.resourceQuota is set by administrators only: user alice may not set it on profile alices-big",
		`{"apiVersion": "primehub.io/v1beta1", "kind": "Profile", "metadata": {"name": "alices-roomy"},
		  "spec": {"owner": {"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "alice"},
		           "limitRange": {"default": {"cpu": "64"}}}}`: "spec.limitRange is set by administrators only",
		// A group's profile name is the group's, even before its profile is enabled.
		`{"apiVersion": "primehub.io/v1beta1", "kind": "Profile", "metadata": {"name": "group-research"},
		  "spec": {"owner": {"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "alice"}}}`: `profile name group-research: names beginning with "group-" are reserved for groups' profiles`,
	} {
		out, err := kubectl(t, "alice", manifest, "create", "-f", "-")
		if err == nil || !strings.Contains(out, want) {
			t.Errorf("alice creating %s: %v %s", manifest, err, out)
		}
	}
	for _, name := range []string{"alices-big", "alices-roomy", "group-research"} {
		if err := framework.Client().Get(context.Background(), client.ObjectKey{Name: name}, &v1beta1.Profile{}); !apierrors.IsNotFound(err) {
			t.Errorf("profile %s: %v, want NotFound", name, err)
			deleteProfile(t, name)
		}
	}

	// On her own profile, alice manages contributors; an editor of it may not.
	c := framework.Client()
	ctx := context.Background()
	p := framework.MakeProfile("alices-own").Owner("alice").Contributor("dan", v1beta1.ContributorEdit).Obj()
	if err := c.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	defer deleteProfile(t, p.Name)
	bindClusterRole(t, "dan", "primehub-profile-editor-for-test")
	editor := &rbacv1.ClusterRole{
		ObjectMeta: metav1.ObjectMeta{Name: "primehub-profile-editor-for-test"},
		Rules:      []rbacv1.PolicyRule{{APIGroups: []string{"primehub.io"}, Resources: []string{"profiles"}, Verbs: []string{"get", "update", "patch"}}},
	}
	if err := c.Create(ctx, editor); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Delete(context.Background(), editor) })
	bindClusterRole(t, "alice", "primehub-profile-editor-for-test")

	addEve := func(as client.Client) error {
		got := &v1beta1.Profile{}
		if err := as.Get(ctx, client.ObjectKeyFromObject(p), got); err != nil {
			return err
		}
		got.Spec.Contributors = append(got.Spec.Contributors, v1beta1.Contributor{
			Subject: rbacv1.Subject{Kind: rbacv1.UserKind, APIGroup: rbacv1.GroupName, Name: "eve"}, Role: v1beta1.ContributorView})
		return as.Update(ctx, got)
	}
	var denied error
	framework.Eventually(t, 10*time.Second, func(context.Context) error {
		denied = addEve(as(t, "dan"))
		if apierrors.IsForbidden(denied) && strings.Contains(denied.Error(), "only its owner and admin contributors may") {
			return nil
		}
		return fmt.Errorf("dan, an editor, changing contributors: %v", denied)
	})
	// The controller may be writing the new profile's status meanwhile: a conflict is
	// retried, as any client of a controlled object does.
	if err := retry.RetryOnConflict(retry.DefaultRetry, func() error { return addEve(as(t, "alice")) }); err != nil {
		t.Errorf("alice, the owner, adding a contributor: %v", err)
	}
}

func TestGroupProfilesFollowTheGroup(t *testing.T) {
	startController(t)
	ctx := context.Background()
	dirNS := framework.NewNamespace(t)
	dir := framework.StartBuiltinDirectory(t, dirNS, logr.Discard())
	framework.StartManager(t, func(mgr ctrl.Manager) error {
		return mgr.Add(&profile.GroupProfiles{Client: mgr.GetClient(), Directory: dir, Resync: time.Minute, Log: logr.Discard()})
	})
	suffix := dirNS[len("test-"):]
	group := "research_" + suffix
	for _, u := range []string{"ann-" + suffix, "bob-" + suffix} {
		if _, err := dir.CreateUser(ctx, directory.User{Username: u}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = dir.DeleteUser(context.Background(), u) })
	}
	g, err := dir.CreateGroup(ctx, directory.Group{Name: group, Members: []string{"ann-" + suffix, "bob-" + suffix},
		Admins: []string{"ann-" + suffix}, Profile: &v1beta1.GroupProfile{Enabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = dir.DeleteGroup(context.Background(), group) })
	name := profile.GroupProfileName(group)
	p := waitReady(t, name)
	if p.Spec.Owner.Name != "ann-"+suffix || len(p.Spec.Contributors) != 1 || p.Spec.Contributors[0].Subject.Name != "bob-"+suffix ||
		p.Spec.Contributors[0].Role != v1beta1.ContributorEdit {
		t.Errorf("group profile owned by %s with contributors %v", p.Spec.Owner.Name, p.Spec.Contributors)
	}

	// bob leaves the group, and the profile's contributors follow.
	if err := dir.RemoveMember(ctx, group, "bob-"+suffix); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 20*time.Second, func(ctx context.Context) error {
		if err := framework.Client().Get(ctx, client.ObjectKey{Name: name}, p); err != nil {
			return err
		}
		if len(p.Spec.Contributors) != 0 {
			return fmt.Errorf("contributors %v", p.Spec.Contributors)
		}
		return nil
	})

	// Turning the profile off deletes it, and its namespace with it.
	g, err = dir.GetGroup(ctx, group)
	if err != nil {
		t.Fatal(err)
	}
	g.Profile = nil
	if _, err := dir.UpdateGroup(ctx, g); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 90*time.Second, func(ctx context.Context) error {
		pErr := framework.Client().Get(ctx, client.ObjectKey{Name: name}, &v1beta1.Profile{})
		nsErr := framework.Client().Get(ctx, client.ObjectKey{Name: name}, &corev1.Namespace{})
		if apierrors.IsNotFound(pErr) && apierrors.IsNotFound(nsErr) {
			return nil
		}
		return fmt.Errorf("profile (%v) or namespace (%v) still there", pErr, nsErr)
	})
}

// A contributor taken off a profile loses their notebooks there too: the controller stops
// them (the notebooks stay, with the user's files), once, and nobody else's.
func TestRemovedContributorsNotebooksAreStopped(t *testing.T) {
	startController(t)
	c := framework.Client()
	ctx := context.Background()
	p := framework.MakeProfile("crew").Owner("alice").Contributor("bob", v1beta1.ContributorEdit).Contributor("vic", v1beta1.ContributorEdit).Obj()
	if err := c.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	defer deleteProfile(t, p.Name)
	waitReady(t, p.Name)
	notebooks := map[string]*v1beta1.Notebook{
		"bobs":   framework.MakeNotebook("bobs").Namespace("crew").User("bob").Obj(),
		"vics":   framework.MakeNotebook("vics").Namespace("crew").User("vic").Obj(),
		"alices": framework.MakeNotebook("alices").Namespace("crew").User("alice").Obj(),
	}
	for _, nb := range notebooks {
		if err := c.Create(ctx, nb); err != nil {
			t.Fatal(err)
		}
	}
	// The owner takes bob off and makes vic a viewer: vic is still a contributor.
	if err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		if err := c.Get(ctx, client.ObjectKeyFromObject(p), p); err != nil {
			return err
		}
		p.Spec.Contributors = []v1beta1.Contributor{{Subject: p.Spec.Contributors[1].Subject, Role: v1beta1.ContributorView}}
		return c.Update(ctx, p)
	}); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 20*time.Second, func(ctx context.Context) error {
		nb := &v1beta1.Notebook{}
		if err := c.Get(ctx, client.ObjectKeyFromObject(notebooks["bobs"]), nb); err != nil {
			return err
		}
		if !nb.Spec.Stopped {
			return errors.New("bob's notebook still runs")
		}
		return nil
	})
	writes.Settle(t, p.Name)
	for _, name := range []string{"vics", "alices"} {
		nb := &v1beta1.Notebook{}
		if err := c.Get(ctx, client.ObjectKeyFromObject(notebooks[name]), nb); err != nil {
			t.Fatal(err)
		}
		if nb.Spec.Stopped {
			t.Errorf("notebook %s was stopped; its user is still in the profile", name)
		}
	}
	// Every change of a notebook's spec is a generation: bob's was written once.
	nb := &v1beta1.Notebook{}
	if err := c.Get(ctx, client.ObjectKeyFromObject(notebooks["bobs"]), nb); err != nil {
		t.Fatal(err)
	}
	if nb.Generation != 2 {
		t.Errorf("bob's notebook is at generation %d, want 2: created, then stopped once", nb.Generation)
	}

	// Once stopped, a reconcile leaves the notebook alone.
	before := writes.For(p.Name)
	ns := &corev1.Namespace{}
	if err := c.Get(ctx, client.ObjectKey{Name: p.Name}, ns); err != nil {
		t.Fatal(err)
	}
	ns.Labels["team"] = "crew"
	if err := c.Update(ctx, ns); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if n := writes.For(p.Name) - before; n != 0 {
		t.Errorf("a reconcile after the removal made %d API writes, want 0", n)
	}
}

// A profile made under a group profile's name before the group's profile was enabled (by
// an administrator: users cannot) is never taken over by the group: its owner would keep
// whatever they placed in the namespace.
func TestGroupProfileNeverAdoptsAnotherProfile(t *testing.T) {
	startController(t)
	ctx := context.Background()
	dirNS := framework.NewNamespace(t)
	dir := framework.StartBuiltinDirectory(t, dirNS, logr.Discard())
	suffix := dirNS[len("test-"):]
	squatted, control := "squatted_"+suffix, "control_"+suffix
	squatter := framework.MakeProfile(profile.GroupProfileName(squatted)).Owner("mallory").Obj()
	if err := framework.Client().Create(ctx, squatter); err != nil {
		t.Fatal(err)
	}
	defer deleteProfile(t, squatter.Name)
	framework.StartManager(t, func(mgr ctrl.Manager) error {
		return mgr.Add(&profile.GroupProfiles{Client: mgr.GetClient(), Directory: dir, Resync: time.Minute, Log: logr.Discard()})
	})
	admin := "ann-" + suffix
	if _, err := dir.CreateUser(ctx, directory.User{Username: admin}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = dir.DeleteUser(context.Background(), admin) })
	for _, g := range []string{squatted, control} {
		if _, err := dir.CreateGroup(ctx, directory.Group{Name: g, Members: []string{admin}, Admins: []string{admin},
			Profile: &v1beta1.GroupProfile{Enabled: true}}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = dir.DeleteGroup(context.Background(), g) })
	}
	// The control group's profile appearing means a sync has gone over both groups.
	defer deleteProfile(t, profile.GroupProfileName(control))
	waitReady(t, profile.GroupProfileName(control))
	p := &v1beta1.Profile{}
	if err := framework.Client().Get(ctx, client.ObjectKeyFromObject(squatter), p); err != nil {
		t.Fatal(err)
	}
	if p.Spec.Owner.Name != "mallory" || len(p.Spec.Contributors) != 0 || p.Labels["primehub.io/group-profile"] != "" {
		t.Errorf("the group took the profile over: owner %s, contributors %v, labels %v", p.Spec.Owner.Name, p.Spec.Contributors, p.Labels)
	}
}

// Profile namespaces enforce Pod Security: baseline unless an administrator chose another
// level for the profile; the owner cannot choose one.
func TestPodSecurityIsEnforcedInProfileNamespaces(t *testing.T) {
	startController(t)
	c := framework.Client()
	ctx := context.Background()
	p := framework.MakeProfile("guarded").Owner("alice").Obj()
	if err := c.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	defer deleteProfile(t, p.Name)
	waitReady(t, p.Name)
	ns := &corev1.Namespace{}
	if err := c.Get(ctx, client.ObjectKey{Name: p.Name}, ns); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"enforce", "warn", "audit"} {
		if got := ns.Labels["pod-security.kubernetes.io/"+mode]; got != "baseline" {
			t.Errorf("namespace label pod-security.kubernetes.io/%s = %q, want baseline", mode, got)
		}
	}

	alice := as(t, "alice")
	privileged := func(name string) *corev1.Pod {
		pod := podSpec(name)
		pod.Namespace = p.Name
		pod.Spec.Containers[0].SecurityContext = &corev1.SecurityContext{Privileged: ptr.To(true)}
		return pod
	}
	framework.Eventually(t, 20*time.Second, func(ctx context.Context) error {
		err := alice.Create(ctx, privileged("root-1"))
		if apierrors.IsForbidden(err) && strings.Contains(err.Error(), `violates PodSecurity "baseline:latest": privileged`) {
			return nil
		}
		return fmt.Errorf("alice's privileged pod: got %v, want refused by PodSecurity", err)
	})
	plain := podSpec("plain")
	plain.Namespace = p.Name
	if err := alice.Create(ctx, plain); err != nil {
		t.Errorf("alice's baseline pod: %v", err)
	}

	// alice may update her profile (RBAC), but not its Pod Security level.
	bindClusterRole(t, "alice", "primehub-profile-updater-for-test")
	updater := &rbacv1.ClusterRole{
		ObjectMeta: metav1.ObjectMeta{Name: "primehub-profile-updater-for-test"},
		Rules:      []rbacv1.PolicyRule{{APIGroups: []string{"primehub.io"}, Resources: []string{"profiles"}, Verbs: []string{"get", "patch"}}},
	}
	if err := c.Create(ctx, updater); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Delete(context.Background(), updater) })
	toPrivileged := client.RawPatch(types.MergePatchType, []byte(`{"spec": {"podSecurity": "privileged"}}`))
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		err := alice.Patch(ctx, &v1beta1.Profile{ObjectMeta: metav1.ObjectMeta{Name: p.Name}}, toPrivileged)
		if apierrors.IsForbidden(err) && strings.Contains(err.Error(), "spec.podSecurity is set by administrators only: user alice may not change it") {
			return nil
		}
		return fmt.Errorf("alice setting her profile's Pod Security level: got %v, want refused", err)
	})

	// An administrator lets the profile run privileged pods.
	if err := c.Patch(ctx, &v1beta1.Profile{ObjectMeta: metav1.ObjectMeta{Name: p.Name}}, toPrivileged); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 20*time.Second, func(ctx context.Context) error {
		if err := c.Get(ctx, client.ObjectKey{Name: p.Name}, ns); err != nil {
			return err
		}
		if got := ns.Labels["pod-security.kubernetes.io/enforce"]; got != "privileged" {
			return fmt.Errorf("enforce = %q, want privileged", got)
		}
		return nil
	})
	if err := alice.Create(ctx, privileged("root-2")); err != nil {
		t.Errorf("alice's privileged pod once an administrator allowed it: %v", err)
	}
}
