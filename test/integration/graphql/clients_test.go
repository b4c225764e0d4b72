package graphql_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	apimeta "k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/phschedule"
	"github.com/primehub/primehub/test/framework"
)

// The shapes PrimeHub's own clients (its Python SDK and CLI, its console) ask for and read
// back, on jobs, schedules, images and volumes; the wording of a missing object, by which
// the SDK tells one; form posts; and paging until an empty page, as the SDK lists.
func TestPrimeHubClientShapes(t *testing.T) {
	w := newWorld(t)
	admin, mem := w.client(sysAdmin), w.client(member)
	const itFields = "instanceType { id name displayName cpuLimit memoryLimit gpuLimit }"
	type instanceType struct {
		ID, Name                        string
		DisplayName                     *string
		CPULimit, MemoryLimit, GpuLimit *float64
	}
	wantIT := func(t *testing.T, got instanceType, name string, cpu, mem, gpu float64) {
		t.Helper()
		if got.ID != name || got.Name != name || got.CPULimit == nil || *got.CPULimit != cpu ||
			got.MemoryLimit == nil || *got.MemoryLimit != mem || got.GpuLimit == nil || *got.GpuLimit != gpu {
			t.Errorf("instanceType %+v; want %s with %v cores, %v GB, %v GPUs", got, name, cpu, mem, gpu)
		}
	}

	t.Run("a job's and a schedule's instance type is an object", func(t *testing.T) {
		var job struct{ CreatePhJob struct{ ID string } }
		must(t, mem.MustDo(t, `mutation($g: String!, $it: String!, $img: String!) {
			createPhJob(data: {groupId: $g, instanceType: $it, image: $img, command: "true"}) { id `+itFields+` } }`,
			map[string]any{"g": w.group, "it": w.itGroup, "img": w.imgGroup}), &job)
		w.cached(t, &v1beta1.PhJob{ObjectMeta: meta(w.ns, job.CreatePhJob.ID)})
		var got struct {
			PhJob struct{ InstanceType instanceType }
		}
		must(t, mem.MustDo(t, `query($id: ID!) { phJob(where: {id: $id}) { `+itFields+` } }`, map[string]any{"id": job.CreatePhJob.ID}), &got)
		wantIT(t, got.PhJob.InstanceType, w.itGroup, 1, 1, 0)

		var sch struct {
			CreatePhSchedule struct {
				ID           string
				InstanceType instanceType
			}
		}
		must(t, mem.MustDo(t, `mutation($g: String!, $it: String!, $img: String!) {
			createPhSchedule(data: {groupId: $g, instanceType: $it, image: $img, command: "true", recurrence: {type: "daily"}}) { id `+itFields+` } }`,
			map[string]any{"g": w.group, "it": w.itGroup, "img": w.imgGroup}), &sch)
		wantIT(t, sch.CreatePhSchedule.InstanceType, w.itGroup, 1, 1, 0)
		w.cached(t, &v1beta1.PhSchedule{ObjectMeta: meta(w.ns, sch.CreatePhSchedule.ID)})

		// Running it now answers the job it submitted, as an object.
		var run struct {
			RunPhSchedule struct {
				Job struct {
					ID           string
					InstanceType instanceType
				}
			}
		}
		must(t, mem.MustDo(t, `mutation($id: ID!) { runPhSchedule(where: {id: $id}) { job { id `+itFields+` } } }`,
			map[string]any{"id": sch.CreatePhSchedule.ID}), &run)
		ran := &v1beta1.PhJob{ObjectMeta: meta(w.ns, run.RunPhSchedule.Job.ID)}
		if !exists(t, ran) || ran.Labels[phschedule.LabelPhSchedule] != sch.CreatePhSchedule.ID {
			t.Errorf("runPhSchedule answered job %q, which is not the schedule's", run.RunPhSchedule.Job.ID)
		}
		wantIT(t, run.RunPhSchedule.Job.InstanceType, w.itGroup, 1, 1, 0)

		// An instance type deleted since is named, with nothing made up about it.
		gone := w.jobObj("job-gone-" + unique())
		gone.Spec.InstanceType = "deleted-" + unique()
		w.create(t, gone)
		var g struct {
			PhJob struct{ InstanceType instanceType }
		}
		must(t, admin.MustDo(t, `query($id: ID!) { phJob(where: {id: $id}) { `+itFields+` } }`, map[string]any{"id": gone.Name}), &g)
		if it := g.PhJob.InstanceType; it.Name != gone.Spec.InstanceType || it.CPULimit != nil || it.MemoryLimit != nil || it.GpuLimit != nil {
			t.Errorf("deleted instance type answered %+v; want its name and null sizes", it)
		}
	})

	t.Run("a schedule says whether it is invalid, and why", func(t *testing.T) {
		s := w.scheduleObj("sch-bad-" + unique())
		w.create(t, s)
		apimeta.SetStatusCondition(&s.Status.Conditions, metav1.Condition{Type: "Scheduled", Status: metav1.ConditionFalse, Reason: "InvalidCron", Message: "bad cron: 61 * * * *"})
		if err := framework.Client().Status().Update(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		query := `query($id: ID!) { phSchedule(where: {id: $id}) { invalid message } }`
		framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
			var got struct {
				PhSchedule struct {
					Invalid *bool
					Message *string
				}
			}
			if err := admin.MustDo(t, query, map[string]any{"id": s.Name}).Decode(&got); err != nil {
				return err
			}
			if got.PhSchedule.Invalid == nil || !*got.PhSchedule.Invalid || got.PhSchedule.Message == nil || *got.PhSchedule.Message != "bad cron: 61 * * * *" {
				return fmt.Errorf("invalid %v, message %v", got.PhSchedule.Invalid, got.PhSchedule.Message)
			}
			return nil
		})
		var ok struct {
			PhSchedule struct {
				Invalid *bool
				Message *string
			}
		}
		must(t, admin.MustDo(t, query, map[string]any{"id": w.schedule}), &ok)
		if ok.PhSchedule.Invalid == nil || *ok.PhSchedule.Invalid || ok.PhSchedule.Message != nil {
			t.Errorf("a valid schedule: invalid %v, message %v; want false and null", ok.PhSchedule.Invalid, ok.PhSchedule.Message)
		}
	})

	t.Run("updatePhSchedule takes the schedule's own group, and no other", func(t *testing.T) {
		s := w.scheduleObj("sch-grp-" + unique())
		w.create(t, s)
		upd := `mutation($id: ID!, $g: String) { updatePhSchedule(where: {id: $id}, data: {groupId: $g, displayName: "Renamed"}) { id displayName } }`
		if err := errorsOf(mem.MustDo(t, upd, map[string]any{"id": s.Name, "g": w.group})); err != nil {
			t.Errorf("with its own group: %v", err)
		}
		resp := mem.MustDo(t, upd, map[string]any{"id": s.Name, "g": w.other})
		if !hasCode(resp, B) {
			t.Errorf("to another group: %s; want BAD_USER_INPUT", resp.Body)
		}
	})

	t.Run("orderBy on jobs and schedules", func(t *testing.T) {
		group := "order-" + unique()
		for _, n := range []string{"b", "c", "a"} {
			j := w.jobObj("job-order-" + n + "-" + unique())
			j.Spec.Group, j.Spec.DisplayName = group, n
			s := w.scheduleObj("sch-order-" + n + "-" + unique())
			s.Spec.JobTemplate.Spec.Group, s.Spec.JobTemplate.Spec.DisplayName = group, n
			w.create(t, j, s)
		}
		for _, c := range []struct{ list, orderType, direction, want string }{
			{"phJobsConnection", "PhJobOrderByInput", "asc", "abc"},
			{"phJobsConnection", "PhJobOrderByInput", "desc", "cba"},
			{"phSchedulesConnection", "PhScheduleOrderByInput", "asc", "abc"},
			{"phSchedulesConnection", "PhScheduleOrderByInput", "desc", "cba"},
		} {
			query := fmt.Sprintf(`query($g: String, $o: %s) { %s(where: {groupId_in: [$g]}, page: 1, orderBy: $o) { edges { node { displayName } } } }`, c.orderType, c.list)
			var got map[string]struct {
				Edges []struct{ Node struct{ DisplayName string } }
			}
			must(t, admin.MustDo(t, query, map[string]any{"g": group, "o": map[string]any{"displayName": c.direction}}), &got)
			order := ""
			for _, e := range got[c.list].Edges {
				order += e.Node.DisplayName
			}
			if order != c.want {
				t.Errorf("%s by displayName %s: %q, want %q", c.list, c.direction, order, c.want)
			}
		}
		resp := admin.MustDo(t, `{ phJobs(orderBy: {phase: "sideways"}) { id } }`, nil)
		if !hasCode(resp, B) {
			t.Errorf("a direction neither asc nor desc: %s; want BAD_USER_INPUT", resp.Body)
		}
	})

	t.Run("a missing object is not found, worded as Kubernetes words it", func(t *testing.T) {
		for _, c := range []struct {
			op, kind string
			who      role
			id       string
		}{
			{"instanceType", "instancetypes", sysAdmin, "nope"},
			// One the caller may not use is as missing to them.
			{"instanceType", "instancetypes", member, w.itOther},
			{"image", "images", sysAdmin, "nope"},
			{"image", "images", member, w.imgOther},
			{"dataset", "volumes", sysAdmin, "nope"},
			{"dataset", "volumes", member, w.volOther},
			{"group", "groups", sysAdmin, "nope"},
			{"user", "users", sysAdmin, "nope"},
			{"secret", "secrets", sysAdmin, "nope"},
			{"notebook", "notebooks", sysAdmin, w.ns + "/nope"},
			{"phJob", "phjobs", sysAdmin, "nope"},
			{"phSchedule", "phschedules", sysAdmin, "nope"},
			{"profile", "profiles", sysAdmin, "nope"},
		} {
			t.Run(c.op+" as "+c.who.String(), func(t *testing.T) {
				resp := w.client(c.who).MustDo(t, fmt.Sprintf(`query($id: ID!) { %s(where: {id: $id}) { id } }`, c.op), map[string]any{"id": c.id})
				want := fmt.Sprintf(`%s.primehub.io %q not found`, c.kind, c.id)
				if len(resp.Errors) != 1 || resp.Errors[0].Code() != "NOT_FOUND" || resp.Errors[0].Message != want {
					t.Errorf("answered %s; want one error %q with code NOT_FOUND", resp.Body, want)
				}
			})
		}
	})

	t.Run("features not built answer null", func(t *testing.T) {
		var img struct {
			Image struct {
				ID                                string
				ImageSpec, JobStatus, LogEndpoint any
			}
		}
		must(t, admin.MustDo(t, `query($id: ID!) { image(where: {id: $id}) { id imageSpec { baseImage packages { pip } } jobStatus { phase } logEndpoint } }`,
			map[string]any{"id": w.imgGlobal}), &img)
		if img.Image.ImageSpec != nil || img.Image.JobStatus != nil || img.Image.LogEndpoint != nil {
			t.Errorf("image builder fields: %+v; want null", img.Image)
		}
		name := "pv-" + unique()
		var created struct {
			CreateDataset struct {
				ID                 string
				UploadServerSecret any
			}
		}
		must(t, admin.MustDo(t, `mutation($n: String!) { createDataset(data: {name: $n, type: "pv", pvProvisioning: "auto", volumeSize: 1}) {
			id uploadServerSecret { username password } } }`, map[string]any{"n": name}), &created)
		if created.CreateDataset.ID != name || created.CreateDataset.UploadServerSecret != nil {
			t.Errorf("createDataset answered %+v; want its id and a null uploadServerSecret", created.CreateDataset)
		}
		w.cached(t, &v1beta1.Volume{ObjectMeta: meta(w.ns, name)})
		var ds struct {
			Dataset struct {
				PvProvisioning, VolumeName *string
				EnableUploadServer         *bool
				UploadServerLink           *string
			}
		}
		must(t, admin.MustDo(t, `query($id: ID!) { dataset(where: {id: $id}) { pvProvisioning volumeName enableUploadServer uploadServerLink } }`, map[string]any{"id": name}), &ds)
		if d := ds.Dataset; d.PvProvisioning == nil || *d.PvProvisioning != "auto" || d.VolumeName == nil || *d.VolumeName != "dataset-"+name ||
			d.EnableUploadServer == nil || *d.EnableUploadServer || d.UploadServerLink != nil {
			t.Errorf("dataset: %+v; want pvProvisioning auto, volumeName its claim, enableUploadServer false, uploadServerLink null", d)
		}
		// Asking for what is not built is refused, and nothing is made.
		for _, in := range []string{`enableUploadServer: true`, `pvProvisioning: "manual"`} {
			other := "pv-" + unique()
			resp := admin.MustDo(t, fmt.Sprintf(`mutation($n: String!) { createDataset(data: {name: $n, type: "pv", volumeSize: 1, %s}) { id } }`, in), map[string]any{"n": other})
			if !hasCode(resp, B) || exists(t, &v1beta1.Volume{ObjectMeta: meta(w.ns, other)}) {
				t.Errorf("createDataset with %s: %s; want BAD_USER_INPUT and no volume", in, resp.Body)
			}
		}
		var grp struct {
			Group struct {
				EnabledDeployment                   *bool
				MaxDeploy, DeploymentsUsage, Mlflow any
			}
		}
		must(t, admin.MustDo(t, `query($id: ID!) { group(where: {id: $id}) { enabledDeployment maxDeploy deploymentsUsage mlflow { trackingUri uiUrl } } }`,
			map[string]any{"id": w.group}), &grp)
		if g := grp.Group; g.EnabledDeployment == nil || !*g.EnabledDeployment || g.MaxDeploy != nil || g.DeploymentsUsage == nil || g.Mlflow != nil {
			t.Errorf("group: %+v; want enabledDeployment true (the world's group deploys), maxDeploy null, a deploymentsUsage, mlflow null", g)
		}
		// PrimeHub's SDK sends enabledDeployment: false with every group it makes.
		made := "dep-" + unique()
		must(t, admin.MustDo(t, `mutation($n: String!) { createGroup(data: {name: $n, enabledDeployment: false}) { id } }`, map[string]any{"n": made}), &struct{}{})
		t.Cleanup(func() { _ = w.g.Directory.DeleteGroup(context.Background(), made) })
		deploys := "dep-" + unique()
		must(t, admin.MustDo(t, `mutation($n: String!) { createGroup(data: {name: $n, enabledDeployment: true, maxDeploy: 2}) { id } }`, map[string]any{"n": deploys}), &struct{}{})
		t.Cleanup(func() { _ = w.g.Directory.DeleteGroup(context.Background(), deploys) })
		if g, err := w.g.Directory.GetGroup(context.Background(), deploys); err != nil || g.Deployments == nil || !g.Deployments.Enabled || g.Deployments.Max == nil || *g.Deployments.Max != 2 {
			t.Errorf("createGroup with deployments: %+v, %v; want enabled with maxDeploy 2", g.Deployments, err)
		}
		var sys struct {
			System struct {
				Org struct {
					Name *string
					Logo any
				}
				SMTP any
			}
			Me struct{ Totp *bool }
		}
		must(t, admin.MustDo(t, `{ system { org { name logo { url } } smtp { host } } me { totp } }`, nil), &sys)
		if sys.System.Org.Logo != nil || sys.System.SMTP != nil || sys.Me.Totp == nil || *sys.Me.Totp {
			t.Errorf("system and me: %+v; want no logo, no smtp, totp false", sys)
		}
		// PrimeHub's console sends its untouched (empty) email settings with every save.
		save := `mutation($smtp: SmtpInput) { updateSystem(data: {smtp: $smtp}) { smtp { host } } }`
		must(t, admin.MustDo(t, save, map[string]any{"smtp": map[string]any{"host": nil, "port": nil}}), &struct{}{})
		if resp := admin.MustDo(t, save, map[string]any{"smtp": map[string]any{"host": "mail.example.com"}}); !hasCode(resp, B) {
			t.Errorf("updateSystem with an SMTP host: %s; want BAD_USER_INPUT", resp.Body)
		}
		var job struct{ PhJob struct{ Artifact any } }
		must(t, admin.MustDo(t, `query($id: ID!) { phJob(where: {id: $id}) { artifact { prefix items { name } } } }`, map[string]any{"id": w.job}), &job)
		if job.PhJob.Artifact != nil {
			t.Errorf("artifact: %v; want null", job.PhJob.Artifact)
		}
	})

	t.Run("form posts and paging past the end, as the SDK lists", func(t *testing.T) {
		group := "pages-" + unique()
		var objs []*v1beta1.PhJob
		for i := range 12 {
			j := w.jobObj(fmt.Sprintf("job-page-%02d-%s", i, unique()))
			j.Spec.Group = group
			objs = append(objs, j)
		}
		for _, j := range objs {
			w.create(t, j)
		}
		query := `query($where: PhJobWhereInput, $page: Int, $orderBy: PhJobOrderByInput) {
			phJobsConnection(where: $where, page: $page, orderBy: $orderBy) { pageInfo { totalPage currentPage } edges { node { id ` + itFields + ` } } } }`
		var seen []string
		for page := 1; page < 10; page++ {
			resp, err := admin.DoForm(context.Background(), query, map[string]any{"where": map[string]any{"groupId_in": []string{group}}, "page": page, "orderBy": nil})
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				PhJobsConnection struct {
					PageInfo struct{ TotalPage, CurrentPage int }
					Edges    []struct{ Node struct{ ID string } }
				}
			}
			must(t, resp, &got)
			c := got.PhJobsConnection
			if c.PageInfo.CurrentPage != page || c.PageInfo.TotalPage != 2 {
				t.Errorf("page %d: currentPage %d, totalPage %d; want %d and 2", page, c.PageInfo.CurrentPage, c.PageInfo.TotalPage, page)
			}
			if len(c.Edges) == 0 {
				if page != 3 {
					t.Errorf("the first empty page is %d, want 3", page)
				}
				break
			}
			for _, e := range c.Edges {
				if slices.Contains(seen, e.Node.ID) {
					t.Errorf("page %d repeats %s", page, e.Node.ID)
				}
				seen = append(seen, e.Node.ID)
			}
		}
		if len(seen) != len(objs) {
			t.Errorf("the pages held %d jobs, want %d", len(seen), len(objs))
		}
		// Schedules likewise: one page, then an empty one.
		resp, err := admin.DoForm(context.Background(), `query($page: Int) { phSchedulesConnection(where: {groupId_in: ["`+group+`"]}, page: $page) { edges { node { id } } } }`,
			map[string]any{"page": 2})
		if err != nil {
			t.Fatal(err)
		}
		if n := names(t, resp, "phSchedulesConnection"); len(n) != 0 {
			t.Errorf("schedules past the end: %v, want none", n)
		}
	})
}

// The notebooks admin page: system administrators list every running notebook, whose it
// is, in which group, on which instance type and since when, and stop any of them; nobody
// else lists or stops others' notebooks.
func TestNotebooksAdmin(t *testing.T) {
	w := newWorld(t)
	nb := w.notebookObj("nb-running-"+unique(), false)
	w.create(t, nb)
	nb.Status.Phase = v1beta1.NotebookRunning
	apimeta.SetStatusCondition(&nb.Status.Conditions, metav1.Condition{Type: "Ready", Status: metav1.ConditionTrue, Reason: "Running", Message: "the server answers"})
	if err := framework.Client().Status().Update(context.Background(), nb); err != nil {
		t.Fatal(err)
	}
	id := nb.Namespace + "/" + nb.Name
	type row struct {
		ID, User, GroupName, InstanceType string
		RunningSince                      *string
	}
	list := `{ notebooksConnection(where: {phase: "Running"}) { edges { node { id user groupName instanceType runningSince } } } }`
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		var got struct {
			NotebooksConnection struct{ Edges []struct{ Node row } }
		}
		if err := w.client(sysAdmin).MustDo(t, list, nil).Decode(&got); err != nil {
			return err
		}
		for _, e := range got.NotebooksConnection.Edges {
			if n := e.Node; n.ID == id {
				if n.User != w.users[member] || n.GroupName != w.group || n.InstanceType != w.itGroup || n.RunningSince == nil {
					return fmt.Errorf("row %+v", n)
				}
				return nil
			}
		}
		return fmt.Errorf("%s not listed: %+v", id, got)
	})
	for _, r := range []role{plainUser, groupAdmin} {
		if n := names(t, w.client(r).MustDo(t, list, nil), "notebooksConnection"); slices.Contains(n, id) {
			t.Errorf("%s listed the member's notebook: %v", r, n)
		}
		resp := w.client(r).MustDo(t, `mutation($id: ID!) { stopNotebook(where: {id: $id}) { id } }`, map[string]any{"id": id})
		if !hasCode(resp, F) {
			t.Errorf("%s stopping the member's notebook: %s; want FORBIDDEN", r, resp.Body)
		}
	}
	must(t, w.client(sysAdmin).MustDo(t, `mutation($id: ID!) { stopNotebook(where: {id: $id}) { id stopped } }`, map[string]any{"id": id}), &struct{}{})
	if exists(t, nb); !nb.Spec.Stopped {
		t.Errorf("the administrator's stop did not stop it")
	}
}

// must decodes an answer that must have no errors into v.
func must(t *testing.T, resp *framework.GraphQLResponse, v any) {
	t.Helper()
	if err := errorsOf(resp); err != nil {
		t.Fatal(err)
	}
	if err := resp.Decode(v); err != nil {
		t.Fatalf("%v: %s", err, resp.Body)
	}
}
