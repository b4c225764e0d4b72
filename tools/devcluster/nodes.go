package main

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/utils/ptr"
)

// Node labels instance types can select on.
const (
	labelNodeType = "primehub.io/node-type"
	labelGPU      = "nvidia.com/gpu.present"
	gpuResource   = "nvidia.com/gpu"
	// kwok manages only nodes carrying this annotation.
	kwokAnnotation = "kwok.x-k8s.io/node"
)

// ensureNodes creates the simulated nodes that are missing; existing ones are left alone.
func ensureNodes(ctx context.Context, cs *kubernetes.Clientset, cpuNodes, gpuNodes int) error {
	var nodes []*corev1.Node
	for i := 1; i <= cpuNodes; i++ {
		nodes = append(nodes, makeNode(fmt.Sprintf("kwok-cpu-%d", i), "cpu", corev1.ResourceList{
			corev1.ResourceCPU:    resource.MustParse("8"),
			corev1.ResourceMemory: resource.MustParse("32Gi"),
		}))
	}
	for i := 1; i <= gpuNodes; i++ {
		nodes = append(nodes, makeNode(fmt.Sprintf("kwok-gpu-%d", i), "gpu", corev1.ResourceList{
			corev1.ResourceCPU:    resource.MustParse("8"),
			corev1.ResourceMemory: resource.MustParse("64Gi"),
			gpuResource:           resource.MustParse("4"),
		}))
	}
	for _, n := range nodes {
		_, err := cs.CoreV1().Nodes().Create(ctx, n, metav1.CreateOptions{})
		if err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("create node %s: %w", n.Name, err)
		}
	}
	return nil
}

func makeNode(name, kind string, capacity corev1.ResourceList) *corev1.Node {
	capacity[corev1.ResourcePods] = resource.MustParse("110")
	labels := map[string]string{
		"kubernetes.io/hostname": name,
		"kubernetes.io/os":       "linux",
		"kubernetes.io/arch":     "amd64",
		"type":                   "kwok",
		labelNodeType:            kind,
	}
	if kind == "gpu" {
		labels[labelGPU] = "true"
	}
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{
			Name:        name,
			Labels:      labels,
			Annotations: map[string]string{kwokAnnotation: "fake"},
		},
		Status: corev1.NodeStatus{Capacity: capacity, Allocatable: capacity},
	}
}

func nodesReady(ctx context.Context, cs *kubernetes.Clientset) error {
	list, err := cs.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return err
	}
	if len(list.Items) == 0 {
		return fmt.Errorf("no nodes yet")
	}
	for _, n := range list.Items {
		ready := false
		for _, c := range n.Status.Conditions {
			if c.Type == corev1.NodeReady && c.Status == corev1.ConditionTrue {
				ready = true
			}
		}
		if !ready {
			return fmt.Errorf("node %s not Ready", n.Name)
		}
	}
	return nil
}

// ensureStorageClass makes the default StorageClass whose claims kwok binds at once
// (stages/volume.yaml).
func ensureStorageClass(ctx context.Context, cs *kubernetes.Clientset) error {
	sc := &storagev1.StorageClass{
		ObjectMeta: metav1.ObjectMeta{
			Name:        "standard",
			Annotations: map[string]string{"storageclass.kubernetes.io/is-default-class": "true"},
		},
		Provisioner:       "devcluster/volume",
		ReclaimPolicy:     ptr.To(corev1.PersistentVolumeReclaimDelete),
		VolumeBindingMode: ptr.To(storagev1.VolumeBindingImmediate),
	}
	_, err := cs.StorageV1().StorageClasses().Create(ctx, sc, metav1.CreateOptions{})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("create storage class: %w", err)
	}
	return nil
}
