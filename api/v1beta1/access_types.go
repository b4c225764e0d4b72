package v1beta1

// Access says who may use an instance type, image or volume. It is the single source of
// truth for those grants.
type Access struct {
	// Global grants the resource to every user (the implicit everyone group).
	// +optional
	Global bool `json:"global,omitempty"`

	// Groups grants the resource to the members of these groups, when they launch in one
	// of them.
	// +optional
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=1000
	Groups []GroupGrant `json:"groups,omitempty"`
}

// GroupGrant grants a resource to one group.
type GroupGrant struct {
	// Name of the group as people write it (Group spec.name), such as data_science.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$`
	Name string `json:"name"`

	// Writable lets the group's members write to the volume; otherwise it is mounted
	// read-only. Only volumes use it.
	// +optional
	Writable bool `json:"writable,omitempty"`
}
