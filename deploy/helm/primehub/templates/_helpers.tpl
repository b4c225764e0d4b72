{{/* The release's name, unless it already says primehub. */}}
{{- define "primehub.fullname" -}}
{{- if contains "primehub" .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-primehub" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "primehub.namespace" -}}
{{- default .Release.Namespace .Values.namespace -}}
{{- end -}}

{{- define "primehub.selectorLabels" -}}
app.kubernetes.io/name: primehub
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "primehub.labels" -}}
{{ include "primehub.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "primehub.image" -}}
{{ .Values.image.repository }}:{{ default .Chart.AppVersion .Values.image.tag }}
{{- end -}}

{{/* The externalURL, checked: http(s), a host, no path. */}}
{{- define "primehub.externalURL" -}}
{{- $u := required "externalURL is required: the URL people reach primehub at, such as https://primehub.example.com" .Values.externalURL -}}
{{- $p := urlParse $u -}}
{{- if or (not (has $p.scheme (list "http" "https"))) (not $p.host) (and $p.path (ne $p.path "/")) -}}
{{- fail (printf "externalURL must be an http(s) URL without a path, not %q" $u) -}}
{{- end -}}
{{- trimSuffix "/" $u -}}
{{- end -}}
