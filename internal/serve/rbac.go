package serve

// What `primehub serve` may do in the cluster, and why. `make generate` turns these
// markers into config/rbac/platform/role.yaml (controller-gen rbac), which the Helm chart
// grants to its ServiceAccount. namespace=primehub stands for the platform namespace: the
// chart puts those Roles in the namespace it installs into. Nothing here is a wildcard,
// and the one escalation (bind) is limited to the platform's own profile roles.

// The platform's own kinds, everywhere (notebooks live in profile namespaces too).
// +kubebuilder:rbac:groups=primehub.io,resources=instancetypes;images;volumes;notebooks;phjobs;phschedules;profiles;users;groups;phapptemplates;phapplications,verbs=get;list;watch;create;update;patch;delete
// +kubebuilder:rbac:groups=primehub.io,resources=notebooks/status;phjobs/status;phschedules/status;profiles/status;phapplications/status,verbs=get;update;patch
// Owner references that block their owner's deletion need the owner's finalizers.
// +kubebuilder:rbac:groups=primehub.io,resources=notebooks/finalizers;phjobs/finalizers;phschedules/finalizers;profiles/finalizers;phapplications/finalizers,verbs=update

// Serve checks at start that the chart installed the CRDs (--install-manifests=false).
// +kubebuilder:rbac:groups=apiextensions.k8s.io,resources=customresourcedefinitions,verbs=get;list;watch

// Workloads: notebook and job pods, their Services and claims, in any namespace the
// platform launches in; the webhooks read pods and claims for quota; job logs. Pods are
// never changed: their quota labels are set once.
// +kubebuilder:rbac:groups="",resources=pods,verbs=get;list;watch;create;delete
// +kubebuilder:rbac:groups="",resources=pods/log,verbs=get
// +kubebuilder:rbac:groups="",resources=services,verbs=get;list;watch;create;patch;delete
// +kubebuilder:rbac:groups="",resources=persistentvolumeclaims,verbs=get;list;watch;create
// Each notebook's NetworkPolicy admits only primehub to its server.
// +kubebuilder:rbac:groups=networking.k8s.io,resources=networkpolicies,verbs=get;list;watch;create;patch
// Each notebook's token reaches its pod in a Secret beside it: primehub creates those and
// never reads them (the proxy makes a notebook's token from the key in the platform
// namespace), so it may read no Secret outside its namespace.
// +kubebuilder:rbac:groups="",resources=secrets,verbs=create
// Notebooks show their events; controllers record theirs.
// +kubebuilder:rbac:groups="",resources=events,verbs=get;list;watch
// +kubebuilder:rbac:groups=events.k8s.io,resources=events,verbs=create;patch

// Profiles: a namespace each, with its service accounts, quota, limits and the role
// bindings of its contributors. The webhooks label the platform namespace.
// +kubebuilder:rbac:groups="",resources=namespaces,verbs=get;list;watch;create;patch;delete
// +kubebuilder:rbac:groups="",resources=serviceaccounts;resourcequotas;limitranges,verbs=get;list;watch;create;patch;delete
// +kubebuilder:rbac:groups=rbac.authorization.k8s.io,resources=rolebindings,verbs=get;list;watch;create;patch;delete
// Binding a contributor to a profile role would otherwise need every permission the role
// aggregates (Kubernetes' admin role): bind is granted for these three roles only.
// +kubebuilder:rbac:groups=rbac.authorization.k8s.io,resources=clusterroles,verbs=bind,resourceNames=primehub-profile-admin;primehub-profile-edit;primehub-profile-view

// The webhooks publish their configuration (with the CA bundle), and serve the profile
// finalizer policy and the workload-owner policy, by name only: they are applied (server-side apply names what it creates), so
// primehub cannot register any other webhook or policy.
// +kubebuilder:rbac:groups=admissionregistration.k8s.io,resources=mutatingwebhookconfigurations;validatingwebhookconfigurations,verbs=get;create;patch;update,resourceNames=primehub
// +kubebuilder:rbac:groups=admissionregistration.k8s.io,resources=mutatingadmissionpolicies;mutatingadmissionpolicybindings,verbs=get;create;patch;update,resourceNames=primehub-profile-finalizer
// The policy that nobody creates workloads for another user (internal/ownerpolicy), by
// name only. It names who acts for anyone in itself: a parameter object would need "get"
// on every object of its kind in the cluster.
// +kubebuilder:rbac:groups=admissionregistration.k8s.io,resources=validatingadmissionpolicies;validatingadmissionpolicybindings,verbs=get;create;patch;update,resourceNames=primehub-workload-owner

// In the platform namespace only: Secrets (passwords, API tokens, the issuer's keys, the
// webhook certificates, the resources' secrets), ConfigMaps (settings, profile defaults),
// the leader election Lease and primehub's own pods.
// +kubebuilder:rbac:groups="",namespace=primehub,resources=secrets,verbs=get;list;watch;create;update;patch;delete
// +kubebuilder:rbac:groups="",namespace=primehub,resources=configmaps,verbs=get;list;watch;create;update;patch
// +kubebuilder:rbac:groups=coordination.k8s.io,namespace=primehub,resources=leases,verbs=get;list;watch;create;update;patch
// The leader labels its own pod for the webhook Service, and unlabels a former leader's.
// +kubebuilder:rbac:groups="",namespace=primehub,resources=pods,verbs=patch
// Applications (PhApplication) run as Deployments in the platform namespace; the app proxy
// follows their ReplicaSets to their pods. Their volume claims and network policies are
// owned by them: the garbage collector deletes them, primehub never does.
// +kubebuilder:rbac:groups=apps,namespace=primehub,resources=deployments,verbs=get;list;watch;create;patch
// +kubebuilder:rbac:groups=apps,namespace=primehub,resources=replicasets,verbs=get;list;watch
// Leader election records its changes as core Events beside the Lease.
// +kubebuilder:rbac:groups="",namespace=primehub,resources=events,verbs=create;patch

// Model deployments (internal/controller/deployment): the PhDeployments, and in the platform
// namespace, where they run, their Deployments (their Services are among the workloads').
// +kubebuilder:rbac:groups=primehub.io,resources=phdeployments,verbs=get;list;watch;create;update;patch;delete
// +kubebuilder:rbac:groups=primehub.io,resources=phdeployments/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=primehub.io,resources=phdeployments/finalizers,verbs=update
// +kubebuilder:rbac:groups=apps,namespace=primehub,resources=deployments,verbs=get;list;watch;create;patch;delete
