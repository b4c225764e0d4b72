package graphql

import (
	"context"
	"crypto/rand"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/client-go/util/retry"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/controller/deployment"
	"github.com/primehub/primehub/internal/controller/phjob"
	"github.com/primehub/primehub/internal/graphql/model"
	"github.com/primehub/primehub/internal/launch"
	"github.com/primehub/primehub/internal/names"
)

// Model deployments are group resources, as in PrimeHub: every member of the group sees
// and changes the group's deployments and their client credentials; system
// administrators (and the shared secret) all of them. Every change that runs pods is
// decided by the launch path for the deployment's user, as the controller decides it again.

// maxDeploymentID is the longest id: its Deployment is named deploy-<id>, and its pods'
// names add the ReplicaSet's and the pod's suffixes.
const maxDeploymentID = 50

// getDeployment reads a deployment of the platform the caller may see and change: one of
// a group they are a member of.
func (r *Resolver) getDeployment(ctx context.Context, id string) (*v1beta1.PhDeployment, *auth.Identity, error) {
	who, err := caller(ctx)
	if err != nil {
		return nil, nil, err
	}
	d := &v1beta1.PhDeployment{}
	if err := r.Reader.Get(ctx, client.ObjectKey{Namespace: r.Namespace, Name: id}, d); err != nil {
		return nil, nil, err
	}
	if !memberOf(who, d.Spec.Group) {
		return nil, nil, forbidden("deployment %s belongs to group %s, which you are not a member of", id, d.Spec.Group)
	}
	return d, who, nil
}

// changeDeployment reads the deployment as it is now, lets change edit it and writes it
// back; a concurrent change is never undone: the change is made again on top of it.
func (r *Resolver) changeDeployment(ctx context.Context, id string, change func(d *v1beta1.PhDeployment, who *auth.Identity) error) (*v1beta1.PhDeployment, error) {
	if _, _, err := r.getDeployment(ctx, id); err != nil {
		return nil, err
	}
	who, _ := caller(ctx)
	d := &v1beta1.PhDeployment{}
	// The controller writes the status meanwhile, which changes the resource version too:
	// read again and redo the change then.
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		if err := r.APIReader.Get(ctx, client.ObjectKey{Namespace: r.Namespace, Name: id}, d); err != nil {
			return err
		}
		before := d.DeepCopy()
		if err := change(d, who); err != nil {
			return err
		}
		return r.Client.Patch(ctx, d, client.MergeFromWithOptions(before, client.MergeFromWithOptimisticLock{}))
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// checkDeployment asks the launch path whether the deployment may run as its spec stands.
func (r *Resolver) checkDeployment(ctx context.Context, d *v1beta1.PhDeployment) error {
	s := d.Spec
	_, refusal, err := r.Launcher.Decide(ctx, launch.Request{Kind: launch.Deployment, User: s.User, Namespace: d.Namespace,
		Group: s.Group, InstanceType: s.InstanceType, Image: s.ModelImage, Env: s.Env, Deployment: d.Name, Replicas: s.Replicas})
	switch {
	case err != nil:
		return err
	case refusal == nil:
		return nil
	case refusal.Reason == launch.ReasonNotMember, refusal.Reason == launch.ReasonDeploymentsDisabled, refusal.Reason == launch.ReasonMaxDeploy:
		return forbidden("%s", refusal.Message)
	default:
		return badInput("%s", refusal.Message)
	}
}

// checkPublicEndpoint refuses making an endpoint public (in asks for public) in a group
// that does not allow public endpoints. The endpoint asks the group again at each call:
// this refusal only tells members at once what the endpoint would do.
func (r *Resolver) checkPublicEndpoint(ctx context.Context, group string, in deploymentModelInput) error {
	if in.accessType == nil || v1beta1.EndpointAccessType(*in.accessType) != v1beta1.EndpointPublic {
		return nil
	}
	g, err := r.Directory.GetGroup(ctx, group)
	if err != nil {
		return err
	}
	if g.Deployments == nil || !g.Deployments.AllowPublicEndpoints {
		return forbidden("group %s does not allow public endpoints (its allowPublicDeploymentEndpoints is off; system administrators set it): endpointAccessType must be private", group)
	}
	return nil
}

// newDeploymentID makes an id from a deployment's name, as PrimeHub does: the name as a
// label and five random characters.
func newDeploymentID(name string) string {
	base := strings.Trim(names.Label(name), "-")
	if len(base) > maxDeploymentID-6 {
		base = strings.Trim(base[:maxDeploymentID-6], "-")
	}
	if base == "" {
		base = "deployment"
	}
	return base + "-" + strings.ToLower(rand.Text()[:5])
}

// deploymentModelInput is what create and update both set.
type deploymentModelInput struct {
	name, description, updateMessage, instanceType, modelImage, modelURI, imagePullSecret, accessType *string
	metadata                                                                                          any
	replicas                                                                                          *int
	env                                                                                               []*model.EnvVarInput
}

// apply sets on spec the fields given, refusing bad ones by name.
func (in deploymentModelInput) apply(spec *v1beta1.PhDeploymentSpec) error {
	m := &spec.PhDeploymentModel
	set := func(to *string, v *string) {
		if v != nil {
			*to = strings.TrimSpace(*v)
		}
	}
	set(&m.DisplayName, in.name)
	set(&m.Description, in.description)
	set(&m.InstanceType, in.instanceType)
	set(&m.ModelImage, in.modelImage)
	set(&m.ModelURI, in.modelURI)
	set(&m.ImagePullSecret, in.imagePullSecret)
	m.UpdateMessage = deref(in.updateMessage) // each revision says why, or nothing
	if m.ModelImage == "" {
		return badInput("modelImage is required: the model server's image")
	}
	if m.InstanceType == "" {
		return badInput("instanceType is required")
	}
	if m.ModelURI != "" {
		scheme, _, _ := strings.Cut(m.ModelURI, "://")
		if !slices.Contains([]string{"pvc", "s3", "gs", "http", "https"}, scheme) || !strings.Contains(m.ModelURI, "://") {
			return badInput("modelURI %q must start with pvc://, s3://, gs://, http:// or https://", m.ModelURI)
		}
	}
	if in.replicas != nil {
		if *in.replicas < 1 || *in.replicas > 100 {
			return badInput("replicas must be 1 to 100, not %d", *in.replicas)
		}
		m.Replicas = int32(*in.replicas)
	}
	if m.Replicas == 0 {
		m.Replicas = 1
	}
	if in.env != nil {
		m.Env = nil
		for _, e := range in.env {
			if e == nil {
				continue
			}
			if errs := validation.IsEnvVarName(e.Name); len(errs) > 0 {
				return badInput("env %q is not a valid variable name: %s", e.Name, strings.Join(errs, "; "))
			}
			m.Env = append(m.Env, v1beta1.EnvVar{Name: e.Name, Value: deref(e.Value)})
		}
	}
	if in.metadata != nil {
		meta, ok := in.metadata.(map[string]any)
		if !ok {
			return badInput("metadata must be an object of names to strings")
		}
		m.Metadata = map[string]string{}
		for k, v := range meta {
			s, ok := v.(string)
			if !ok {
				return badInput("metadata %q must be a string", k)
			}
			m.Metadata[k] = s
		}
	}
	if in.accessType != nil {
		switch t := v1beta1.EndpointAccessType(*in.accessType); t {
		case v1beta1.EndpointPrivate, v1beta1.EndpointPublic:
			spec.Endpoint.AccessType = t
		default:
			return badInput("endpointAccessType must be private or public, not %q", *in.accessType)
		}
	}
	return nil
}

// markRevision records who made a change that makes a revision, for the history.
func markRevision(d *v1beta1.PhDeployment, who *auth.Identity) {
	if d.Annotations == nil {
		d.Annotations = map[string]string{}
	}
	d.Annotations[deployment.AnnotationUpdatedBy] = who.Username
}

// deploymentVisible: the caller is a member of its group, and it matches where.
func deploymentVisible(id *auth.Identity, d *v1beta1.PhDeployment, where *model.PhDeploymentWhereInput) bool {
	if !memberOf(id, d.Spec.Group) {
		return false
	}
	if where == nil {
		return true
	}
	return (where.ID == nil || *where.ID == d.Name) && contains(d.Spec.DisplayName, where.NameContains) &&
		(where.Mine == nil || !*where.Mine || d.Spec.User == id.Username) &&
		(len(where.GroupIDIn) == 0 || slices.ContainsFunc(where.GroupIDIn, func(g *string) bool { return g != nil && *g == d.Spec.Group }))
}

// phDeploymentModel answers a deployment as PrimeHub shows it, with its pods and history.
func (r *Resolver) phDeploymentModel(ctx context.Context, d *v1beta1.PhDeployment) (*model.PhDeployment, error) {
	out, err := r.deploymentRevision(ctx, d, d.Spec.PhDeploymentModel, d.Spec.User)
	if err != nil {
		return nil, err
	}
	out.Status, out.Message = model.Optional(string(d.Status.Phase)), model.Optional(d.Status.Message)
	out.AvailableReplicas = ptr.To(int(d.Status.AvailableReplicas))
	out.LastUpdatedTime = timeString(&d.CreationTimestamp)
	if n := len(d.Status.History); n > 0 {
		out.LastUpdatedTime = timeString(&d.Status.History[n-1].Time)
	}
	var pods corev1.PodList
	if err := r.Reader.List(ctx, &pods, client.InNamespace(r.Namespace), client.MatchingLabels{deployment.LabelDeployment: d.Name}); err != nil {
		return nil, err
	}
	for _, p := range pods.Items {
		logs := phjob.LogsPrefix + "namespaces/" + p.Namespace + "/phdeployments/" + d.Name + "/pods/" + p.Name
		out.Pods = append(out.Pods, &model.PhDeploymentPod{Name: ptr.To(p.Name), Phase: ptr.To(string(p.Status.Phase)), LogEndpoint: &logs})
	}
	for i := len(d.Status.History) - 1; i >= 0; i-- {
		rev := d.Status.History[i]
		snapshot, err := r.deploymentRevision(ctx, d, rev.Model, rev.User)
		if err != nil {
			return nil, err
		}
		out.History = append(out.History, &model.PhDeploymentHistoryItem{Time: timeString(&rev.Time), Deployment: snapshot})
	}
	return out, nil
}

// deploymentRevision answers what a deployment serves in one revision of it, made by user.
func (r *Resolver) deploymentRevision(ctx context.Context, d *v1beta1.PhDeployment, m v1beta1.PhDeploymentModel, user string) (*model.PhDeployment, error) {
	it, err := r.instanceTypeNamed(ctx, m.InstanceType)
	if err != nil {
		return nil, err
	}
	access := string(d.Spec.Endpoint.AccessType)
	if access == "" {
		access = string(v1beta1.EndpointPrivate)
	}
	out := &model.PhDeployment{
		ID: d.Name, Name: ptr.To(m.DisplayName), Description: ptr.To(m.Description), UpdateMessage: ptr.To(m.UpdateMessage),
		Stop: ptr.To(d.Spec.Stop), UserID: ptr.To(user), UserName: ptr.To(user), GroupID: ptr.To(d.Spec.Group), GroupName: ptr.To(d.Spec.Group),
		Endpoint: ptr.To(strings.TrimSuffix(r.ExternalURL, "/") + deployment.Endpoint(d.Name)), EndpointAccessType: &access,
		ModelImage: ptr.To(m.ModelImage), ModelURI: model.Optional(m.ModelURI), ImagePullSecret: model.Optional(m.ImagePullSecret),
		Replicas: ptr.To(int(m.Replicas)), InstanceType: it, CreationTime: timeString(&d.CreationTimestamp),
		EndpointClients: []*model.PhDeploymentClient{}, Env: []*model.EnvVar{},
	}
	meta := map[string]any{}
	for k, v := range m.Metadata {
		meta[k] = v
	}
	out.Metadata = meta
	for _, c := range d.Spec.Endpoint.Clients {
		out.EndpointClients = append(out.EndpointClients, &model.PhDeploymentClient{Name: ptr.To(c.Name)})
	}
	for _, e := range m.Env {
		out.Env = append(out.Env, &model.EnvVar{Name: ptr.To(e.Name), Value: ptr.To(e.Value)})
	}
	return out, nil
}

// runningDeployments counts the group's deployments that are not stopped.
func (r *Resolver) runningDeployments(ctx context.Context, group string) (int, error) {
	var list v1beta1.PhDeploymentList
	if err := r.Reader.List(ctx, &list, client.InNamespace(r.Namespace)); err != nil {
		return 0, err
	}
	n := 0
	for _, d := range list.Items {
		if d.Spec.Group == group && !d.Spec.Stop {
			n++
		}
	}
	return n, nil
}

// validClientName refuses a client name HTTP Basic or the CRD would not take.
func validClientName(name string) error {
	if name == "" || len(name) > 63 || strings.Trim(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != "" ||
		strings.ContainsAny(name[:1]+name[len(name)-1:], "._-") {
		return badInput("client name %q must be 1 to 63 letters, digits, '.', '_' or '-', starting and ending with a letter or digit", name)
	}
	return nil
}

// errNoSuchClient is the answer for a client a deployment does not have.
func errNoSuchClient(deployment, name string) error {
	return newError(CodeNotFound, "deployment %s has no client %s", deployment, name)
}
