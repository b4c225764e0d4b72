package graphql_test

import (
	"strings"
	"testing"

	"github.com/primehub/primehub/api/v1beta1"
)

// TestPrimeHubSDKDeployments: the shapes PrimeHub's SDK `deployments` commands send and
// read (list, get, get-history, create, update, start, stop, logs, delete) work, as a
// member of the group, with the SDK's own variables.
func TestPrimeHubSDKDeployments(t *testing.T) {
	w := newWorld(t)
	mem := w.client(member)
	const summary = `id name modelImage imagePullSecret description replicas stop endpointAccessType endpointClients { name }
		status endpoint availableReplicas message pods { name }`
	id := "quickstart-iris-" + unique()

	// create: the SDK's definition, with its groupId.
	var created struct {
		CreatePhDeployment struct{ ID, Status, EndpointAccessType string }
	}
	must(t, mem.MustDo(t, `mutation($data: PhDeploymentCreateInput!) { createPhDeployment(data: $data) { `+summary+` } }`, map[string]any{"data": map[string]any{
		"id": id, "name": "quickstart-iris", "modelImage": "infuseai/sklearn-prepackaged:v0.1.0", "modelURI": "gs://seldon-models/sklearn/iris",
		"env": []any{}, "metadata": map[string]any{}, "instanceType": w.itGroup, "replicas": 1, "updateMessage": "", "endpointAccessType": "public",
		"groupId": w.group,
	}}), &created)
	if created.CreatePhDeployment.ID != id || created.CreatePhDeployment.EndpointAccessType != "public" {
		t.Errorf("created %+v", created.CreatePhDeployment)
	}
	w.cached(t, &v1beta1.PhDeployment{ObjectMeta: meta(w.ns, id)})

	// list, in the SDK's group.
	var list struct{ PhDeployments []struct{ ID string } }
	must(t, mem.MustDo(t, `query($where: PhDeploymentWhereInput) { phDeployments(where: $where) { `+summary+` } }`,
		map[string]any{"where": map[string]any{"groupId_in": []string{w.group}}}), &list)
	if !strings.Contains(strings.Join(func() (ids []string) {
		for _, d := range list.PhDeployments {
			ids = append(ids, d.ID)
		}
		return
	}(), ","), id) {
		t.Errorf("list %+v lacks %s", list.PhDeployments, id)
	}

	// get, every field the SDK reads.
	var got struct {
		PhDeployment struct {
			ID, Name, UserName, GroupName, ModelImage, ModelURI, CreationTime, LastUpdatedTime string
			Metadata                                                                           map[string]any
			Replicas                                                                           int
			InstanceType                                                                       struct{ Name string }
			Env                                                                                []struct{ Name, Value string }
		}
	}
	must(t, mem.MustDo(t, `query($where: PhDeploymentWhereUniqueInput!) { phDeployment(where: $where) {
		id status message name description updateMessage metadata stop userName groupName endpoint modelImage modelURI
		replicas availableReplicas imagePullSecret instanceType { name } creationTime lastUpdatedTime pods { name }
		env { name value } endpointAccessType endpointClients { name } } }`, map[string]any{"where": map[string]any{"id": id}}), &got)
	d := got.PhDeployment
	if d.UserName != w.users[member] || d.GroupName != w.group || d.InstanceType.Name != w.itGroup || d.ModelURI != "gs://seldon-models/sklearn/iris" ||
		d.Replicas != 1 || d.Metadata == nil || d.CreationTime == "" || d.LastUpdatedTime == "" {
		t.Errorf("get %+v", d)
	}

	// update, start, stop: each answers the summary.
	must(t, mem.MustDo(t, `mutation($data: PhDeploymentUpdateInput!, $where: PhDeploymentWhereUniqueInput!) {
		updatePhDeployment(data: $data, where: $where) { `+summary+` } }`,
		map[string]any{"data": map[string]any{"replicas": 2, "updateMessage": "two", "metadata": map[string]any{"owner": "ml"}}, "where": map[string]any{"id": id}}), &struct{}{})
	must(t, mem.MustDo(t, `mutation($where: PhDeploymentWhereUniqueInput!) { stopPhDeployment(where: $where) { id name stop status } }`,
		map[string]any{"where": map[string]any{"id": id}}), &struct{}{})
	must(t, mem.MustDo(t, `mutation($where: PhDeploymentWhereUniqueInput!) { deployPhDeployment(where: $where) { `+summary+` } }`,
		map[string]any{"where": map[string]any{"id": id}}), &struct{}{})

	// get-history and logs read these.
	must(t, mem.MustDo(t, `query($where: PhDeploymentWhereUniqueInput!) { phDeployment(where: $where) {
		history { time deployment { id name modelImage imagePullSecret description replicas stop endpointAccessType endpointClients { name } status endpoint replicas } }
		pods { name phase logEndpoint } stop status } }`, map[string]any{"where": map[string]any{"id": id}}), &struct{}{})

	// A deployment that is not there is answered as the SDK recognises it.
	resp := mem.MustDo(t, `query($where: PhDeploymentWhereUniqueInput!) { phDeployment(where: $where) { id } }`, map[string]any{"where": map[string]any{"id": "nope"}})
	if len(resp.Errors) == 0 || !strings.Contains(resp.Errors[0].Message, `phdeployments.primehub.io "nope" not found`) {
		t.Errorf("a missing deployment: %s", resp.Body)
	}

	var deleted struct{ DeletePhDeployment struct{ ID string } }
	must(t, mem.MustDo(t, `mutation($where: PhDeploymentWhereUniqueInput!) { deletePhDeployment(where: $where) { id } }`,
		map[string]any{"where": map[string]any{"id": id}}), &deleted)
	if deleted.DeletePhDeployment.ID != id || exists(t, &v1beta1.PhDeployment{ObjectMeta: meta(w.ns, id)}) {
		t.Errorf("deleted %+v", deleted)
	}
}
