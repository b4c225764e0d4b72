package main

import (
	"fmt"
	"os"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// writeAdmissionConfig writes kube-apiserver's --admission-control-config-file: the
// webhook admission plugins present the webhook client certificate (signed by the CA
// webhooks trust for their callers) to every webhook server ("*"), so a webhook that
// requires it answers the API server and nobody else. It returns the file's path.
func writeAdmissionConfig(pk *pki) (string, error) {
	kubeconfig := clientcmdapi.NewConfig()
	kubeconfig.AuthInfos["*"] = &clientcmdapi.AuthInfo{
		ClientCertificate: pk.path(webhookClient + ".crt"),
		ClientKey:         pk.path(webhookClient + ".key"),
	}
	kubeconfigPath := pk.path("webhook-client.kubeconfig")
	if err := clientcmd.WriteToFile(*kubeconfig, kubeconfigPath); err != nil {
		return "", fmt.Errorf("write %s: %w", kubeconfigPath, err)
	}
	plugin := func(name string) string {
		return fmt.Sprintf(`- name: %s
  configuration:
    apiVersion: apiserver.config.k8s.io/v1
    kind: WebhookAdmissionConfiguration
    kubeConfigFile: %q
`, name, kubeconfigPath)
	}
	config := "apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n" +
		plugin("MutatingAdmissionWebhook") + plugin("ValidatingAdmissionWebhook")
	path := pk.path("admission-config.yaml")
	if err := os.WriteFile(path, []byte(config), 0o644); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return path, nil
}
