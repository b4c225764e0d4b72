/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type CannerImageInput = {
  contentType?: string | null | undefined;
  name?: string | null | undefined;
  size?: string | null | undefined;
  url?: string | null | undefined;
};

export type DatasetCreateInput = {
  description?: string | null | undefined;
  displayName?: string | null | undefined;
  /** The upload server is not built: only false is taken. */
  enableUploadServer?: boolean | null | undefined;
  global?: boolean | null | undefined;
  groups?: DatasetGroupCreateManyInput | null | undefined;
  homeSymlink?: boolean | null | undefined;
  hostPath?: string | null | undefined;
  launchGroupOnly?: boolean | null | undefined;
  mountRoot?: string | null | undefined;
  name: string;
  nfsPath?: string | null | undefined;
  nfsServer?: string | null | undefined;
  /** pv: auto (the platform makes the claim), the only one taken. */
  pvProvisioning?: string | null | undefined;
  secret?: SecretConnectInput | null | undefined;
  type: string;
  url?: string | null | undefined;
  variables?: unknown;
  volumeSize?: number | null | undefined;
};

export type DatasetGroupCreateManyInput = {
  connect?: Array<DatasetGroupWhereUniqueInput> | null | undefined;
};

export type DatasetGroupUpdateManyInput = {
  connect?: Array<DatasetGroupWhereUniqueInput> | null | undefined;
  disconnect?: Array<GroupWhereUniqueInput> | null | undefined;
};

export type DatasetGroupWhereUniqueInput = {
  id: string | number;
  writable?: boolean | null | undefined;
};

export type DatasetOrderByInput = {
  description?: string | null | undefined;
  displayName?: string | null | undefined;
  name?: string | null | undefined;
  type?: string | null | undefined;
};

export type DatasetUpdateInput = {
  description?: string | null | undefined;
  displayName?: string | null | undefined;
  /** The upload server is not built: only false is taken. */
  enableUploadServer?: boolean | null | undefined;
  global?: boolean | null | undefined;
  groups?: DatasetGroupUpdateManyInput | null | undefined;
  homeSymlink?: boolean | null | undefined;
  hostPath?: string | null | undefined;
  launchGroupOnly?: boolean | null | undefined;
  mountRoot?: string | null | undefined;
  nfsPath?: string | null | undefined;
  nfsServer?: string | null | undefined;
  secret?: SecretConnectInput | null | undefined;
  url?: string | null | undefined;
  variables?: unknown;
};

export type DatasetWhereInput = {
  displayName_contains?: string | null | undefined;
  id?: string | number | null | undefined;
  name_contains?: string | null | undefined;
  search?: string | null | undefined;
};

export type DatasetWhereUniqueInput = {
  id: string | number;
};

export type EnvVarInput = {
  name: string;
  value?: string | null | undefined;
};

export type GroupCreateInput = {
  admins?: string | null | undefined;
  /** Whether the group's deployments may serve public endpoints (system administrators set it). */
  allowPublicDeploymentEndpoints?: boolean | null | undefined;
  datasets?: NamesSetInput | null | undefined;
  displayName?: string | null | undefined;
  /** Whether members may deploy models (system administrators set it). */
  enabledDeployment?: boolean | null | undefined;
  enabledProfile?: boolean | null | undefined;
  enabledSharedVolume?: boolean | null | undefined;
  images?: NamesSetInput | null | undefined;
  instanceTypes?: NamesSetInput | null | undefined;
  jobDefaultActiveDeadlineSeconds?: number | null | undefined;
  launchGroupOnly?: boolean | null | undefined;
  /** How many of the group's deployments may run at once; null: no limit. */
  maxDeploy?: number | null | undefined;
  name: string;
  projectQuotaCpu?: number | null | undefined;
  projectQuotaGpu?: number | null | undefined;
  projectQuotaMemory?: number | null | undefined;
  quotaCpu?: number | null | undefined;
  quotaGpu?: number | null | undefined;
  quotaMemory?: number | null | undefined;
  sharedVolumeCapacity?: number | null | undefined;
  userVolumeCapacity?: number | null | undefined;
  users?: UserCreateManyInput | null | undefined;
};

export type GroupCreateManyInput = {
  connect?: Array<GroupWhereUniqueInput> | null | undefined;
};

export type GroupOrderByInput = {
  displayName?: string | null | undefined;
  name?: string | null | undefined;
  projectQuotaCpu?: string | null | undefined;
  projectQuotaGpu?: string | null | undefined;
  quotaCpu?: string | null | undefined;
  quotaGpu?: string | null | undefined;
};

export type GroupUpdateInput = {
  admins?: string | null | undefined;
  /** Whether the group's deployments may serve public endpoints (system administrators set it). */
  allowPublicDeploymentEndpoints?: boolean | null | undefined;
  datasets?: NamesSetInput | null | undefined;
  displayName?: string | null | undefined;
  /** Whether members may deploy models (system administrators set it). */
  enabledDeployment?: boolean | null | undefined;
  enabledProfile?: boolean | null | undefined;
  enabledSharedVolume?: boolean | null | undefined;
  images?: NamesSetInput | null | undefined;
  instanceTypes?: NamesSetInput | null | undefined;
  jobDefaultActiveDeadlineSeconds?: number | null | undefined;
  launchGroupOnly?: boolean | null | undefined;
  /** How many of the group's deployments may run at once; null: no limit. */
  maxDeploy?: number | null | undefined;
  projectQuotaCpu?: number | null | undefined;
  projectQuotaGpu?: number | null | undefined;
  projectQuotaMemory?: number | null | undefined;
  quotaCpu?: number | null | undefined;
  quotaGpu?: number | null | undefined;
  quotaMemory?: number | null | undefined;
  sharedVolumeCapacity?: number | null | undefined;
  userVolumeCapacity?: number | null | undefined;
  users?: UserUpdateManyInput | null | undefined;
};

export type GroupUpdateManyInput = {
  connect?: Array<GroupWhereUniqueInput> | null | undefined;
  disconnect?: Array<GroupWhereUniqueInput> | null | undefined;
};

export type GroupWhereInput = {
  displayName_contains?: string | null | undefined;
  id?: string | number | null | undefined;
  name_contains?: string | null | undefined;
  search?: string | null | undefined;
};

export type GroupWhereUniqueInput = {
  id: string | number;
};

export type ImageCreateInput = {
  description?: string | null | undefined;
  displayName?: string | null | undefined;
  global?: boolean | null | undefined;
  groupName?: string | null | undefined;
  groups?: GroupCreateManyInput | null | undefined;
  name: string;
  type?: string | null | undefined;
  url?: string | null | undefined;
  urlForGpu?: string | null | undefined;
  useImagePullSecret?: string | null | undefined;
};

export type ImageOrderByInput = {
  description?: string | null | undefined;
  displayName?: string | null | undefined;
  name?: string | null | undefined;
  type?: string | null | undefined;
};

export type ImageUpdateInput = {
  description?: string | null | undefined;
  displayName?: string | null | undefined;
  global?: boolean | null | undefined;
  groups?: GroupUpdateManyInput | null | undefined;
  type?: string | null | undefined;
  url?: string | null | undefined;
  urlForGpu?: string | null | undefined;
  useImagePullSecret?: string | null | undefined;
};

export type ImageWhereInput = {
  _or?: Array<ImageWhereInput | null | undefined> | null | undefined;
  description_contains?: string | null | undefined;
  displayName_contains?: string | null | undefined;
  groupName_contains?: string | null | undefined;
  id?: string | number | null | undefined;
  name_contains?: string | null | undefined;
  type_contains?: string | null | undefined;
};

export type ImageWhereUniqueInput = {
  id: string | number;
};

export type InstanceTypeCreateInput = {
  cpuLimit?: number | null | undefined;
  cpuRequest?: number | null | undefined;
  description?: string | null | undefined;
  displayName?: string | null | undefined;
  global?: boolean | null | undefined;
  gpuLimit?: number | null | undefined;
  gpuResourceName?: string | null | undefined;
  groups?: GroupCreateManyInput | null | undefined;
  memoryLimit?: number | null | undefined;
  memoryRequest?: number | null | undefined;
  name: string;
  nodeSelector?: unknown;
  tolerations?: TolerationArrayInput | null | undefined;
};

export type InstanceTypeOrderByInput = {
  cpuLimit?: string | null | undefined;
  description?: string | null | undefined;
  displayName?: string | null | undefined;
  gpuLimit?: string | null | undefined;
  memoryLimit?: string | null | undefined;
  name?: string | null | undefined;
};

export type InstanceTypeUpdateInput = {
  cpuLimit?: number | null | undefined;
  cpuRequest?: number | null | undefined;
  description?: string | null | undefined;
  displayName?: string | null | undefined;
  global?: boolean | null | undefined;
  gpuLimit?: number | null | undefined;
  gpuResourceName?: string | null | undefined;
  groups?: GroupUpdateManyInput | null | undefined;
  memoryLimit?: number | null | undefined;
  memoryRequest?: number | null | undefined;
  nodeSelector?: unknown;
  tolerations?: TolerationArrayInput | null | undefined;
};

export type InstanceTypeWhereInput = {
  displayName_contains?: string | null | undefined;
  id?: string | number | null | undefined;
  name_contains?: string | null | undefined;
  search?: string | null | undefined;
};

export type InstanceTypeWhereUniqueInput = {
  id: string | number;
};

/** The full list of what the group is granted: replaces the grants it had. */
export type NamesSetInput = {
  set?: Array<string> | null | undefined;
};

export type NotebookCreateInput = {
  env?: Array<EnvVarInput> | null | undefined;
  groupName: string;
  image: string;
  instanceType: string;
  /** Empty: made from the user's name. */
  name?: string | null | undefined;
  /** Empty: the platform namespace; else a profile namespace the user may use. */
  namespace?: string | null | undefined;
};

export type NotebookWhereInput = {
  groupName?: string | null | undefined;
  phase?: string | null | undefined;
  user?: string | null | undefined;
};

export type NotebookWhereUniqueInput = {
  id: string | number;
};

export type OrgUpdateInput = {
  /** A custom logo is not kept: only an empty one is taken. */
  logo?: CannerImageInput | null | undefined;
  name?: string | null | undefined;
};

export type PhApplicationCreateInput = {
  displayName?: string | null | undefined;
  env?: Array<EnvVarInput | null | undefined> | null | undefined;
  groupName: string;
  /** The id, a DNS label of at most 59 characters: the name of its objects (app-<id>). */
  id: string | number;
  instanceType: string;
  /** group (default), primehub or public. */
  scope?: string | null | undefined;
  templateId: string;
};

export type PhApplicationWhereUniqueInput = {
  id: string | number;
};

export type PhDeploymentClientCreateInput = {
  deploymentId: string | number;
  name: string;
};

export type PhDeploymentClientWhereUniqueInput = {
  deploymentId: string | number;
  name: string;
};

export type PhDeploymentCreateInput = {
  description?: string | null | undefined;
  /** private (the default) or public. */
  endpointAccessType?: string | null | undefined;
  env?: Array<EnvVarInput | null | undefined> | null | undefined;
  groupId: string;
  /** Empty: made from the name. */
  id?: string | number | null | undefined;
  imagePullSecret?: string | null | undefined;
  instanceType: string;
  metadata?: unknown;
  modelImage: string;
  modelURI?: string | null | undefined;
  name: string;
  /** 1 when empty. */
  replicas?: number | null | undefined;
  updateMessage?: string | null | undefined;
};

export type PhDeploymentWhereInput = {
  groupId_in?: Array<string | null | undefined> | null | undefined;
  id?: string | number | null | undefined;
  /** Only the caller's own deployments. */
  mine?: boolean | null | undefined;
  name_contains?: string | null | undefined;
};

export type PhDeploymentWhereUniqueInput = {
  id: string | number;
};

export type PhJobCreateInput = {
  /** Empty: the group's default. */
  activeDeadlineSeconds?: number | null | undefined;
  command: string;
  displayName?: string | null | undefined;
  groupId: string;
  image: string;
  instanceType: string;
};

/** Orders a list of jobs by one field, asc or desc. Without one, newest first. */
export type PhJobOrderByInput = {
  createTime?: string | null | undefined;
  displayName?: string | null | undefined;
  groupName?: string | null | undefined;
  phase?: string | null | undefined;
  schedule?: string | null | undefined;
  userName?: string | null | undefined;
};

export type PhJobWhereInput = {
  groupId_in?: Array<string | null | undefined> | null | undefined;
  id?: string | number | null | undefined;
  /** Only the caller's own jobs. */
  mine?: boolean | null | undefined;
  phase?: string | null | undefined;
  userName?: string | null | undefined;
};

export type PhJobWhereUniqueInput = {
  id: string | number;
};

export type PhScheduleCreateInput = {
  activeDeadlineSeconds?: number | null | undefined;
  command: string;
  displayName?: string | null | undefined;
  forbidConcurrent?: boolean | null | undefined;
  groupId: string;
  image: string;
  instanceType: string;
  recurrence?: RecurrenceInput | null | undefined;
};

/** Orders a list of schedules by one field, asc or desc. Without one, by id. */
export type PhScheduleOrderByInput = {
  createTime?: string | null | undefined;
  displayName?: string | null | undefined;
  groupName?: string | null | undefined;
  nextRunTime?: string | null | undefined;
  userName?: string | null | undefined;
};

export type PhScheduleUpdateInput = {
  activeDeadlineSeconds?: number | null | undefined;
  command?: string | null | undefined;
  displayName?: string | null | undefined;
  forbidConcurrent?: boolean | null | undefined;
  /** A schedule stays in its group: only its own group is taken (PrimeHub's clients send it). */
  groupId?: string | null | undefined;
  image?: string | null | undefined;
  instanceType?: string | null | undefined;
  recurrence?: RecurrenceInput | null | undefined;
};

export type PhScheduleWhereInput = {
  displayName_contains?: string | null | undefined;
  groupId_in?: Array<string | null | undefined> | null | undefined;
  id?: string | number | null | undefined;
  mine?: boolean | null | undefined;
  /** Matches the id or the display name, ignoring case. */
  search?: string | null | undefined;
};

export type PhScheduleWhereUniqueInput = {
  id: string | number;
};

export type ProfileContributorInput = {
  /** Default User. */
  kind?: string | null | undefined;
  name: string;
  role: string;
};

export type ProfileCreateInput = {
  name: string;
  /** Administrators only: someone else to own it; others own what they create. */
  owner?: string | null | undefined;
};

export type ProfileWhereUniqueInput = {
  id: string | number;
};

export type RecurrenceInput = {
  cron?: string | null | undefined;
  type?: string | null | undefined;
};

export type SecretConnectInput = {
  connect?: SecretWhereUniqueInput | null | undefined;
  disconnect?: boolean | null | undefined;
};

export type SecretCreateInput = {
  displayName?: string | null | undefined;
  name: string;
  password?: string | null | undefined;
  registryHost?: string | null | undefined;
  secret?: string | null | undefined;
  type?: SecretType | null | undefined;
  username?: string | null | undefined;
};

export type SecretOrderByInput = {
  displayName?: string | null | undefined;
  name?: string | null | undefined;
};

/** opaque: a value (git credentials); kubernetes: an image pull secret (dockerconfigjson). */
export type SecretType =
  | 'kubernetes'
  | 'opaque';

export type SecretUpdateInput = {
  displayName?: string | null | undefined;
  password?: string | null | undefined;
  registryHost?: string | null | undefined;
  secret?: string | null | undefined;
  username?: string | null | undefined;
};

export type SecretWhereInput = {
  id?: string | number | null | undefined;
  ifDockerConfigJson?: boolean | null | undefined;
};

export type SecretWhereUniqueInput = {
  id: string | number;
};

export type SmtpInput = {
  enableAuth?: boolean | null | undefined;
  enableSSL?: boolean | null | undefined;
  enableStartTLS?: boolean | null | undefined;
  envelopeFrom?: string | null | undefined;
  from?: string | null | undefined;
  fromDisplayName?: string | null | undefined;
  host?: string | null | undefined;
  password?: string | null | undefined;
  port?: number | null | undefined;
  replyTo?: string | null | undefined;
  replyToDisplayName?: string | null | undefined;
  username?: string | null | undefined;
};

export type SystemUpdateInput = {
  defaultUserVolumeCapacity?: number | null | undefined;
  org?: OrgUpdateInput | null | undefined;
  /** The platform sends no email: only empty settings are taken. */
  smtp?: SmtpInput | null | undefined;
  timezone?: TimezoneInput | null | undefined;
};

export type TimezoneInput = {
  name?: string | null | undefined;
  offset?: number | null | undefined;
};

export type TolerationArrayInput = {
  set?: Array<TolerationInput> | null | undefined;
};

export type TolerationInput = {
  effect?: string | null | undefined;
  key?: string | null | undefined;
  operator: string;
  value?: string | null | undefined;
};

export type UserCreateInput = {
  email?: string | null | undefined;
  enabled?: boolean | null | undefined;
  firstName?: string | null | undefined;
  groups?: GroupCreateManyInput | null | undefined;
  isAdmin?: boolean | null | undefined;
  lastName?: string | null | undefined;
  /** Sets the password at once (the builtin directory). */
  password?: string | null | undefined;
  username: string;
  volumeCapacity?: number | null | undefined;
};

export type UserCreateManyInput = {
  connect?: Array<UserWhereUniqueInput> | null | undefined;
};

export type UserUpdateInput = {
  email?: string | null | undefined;
  enabled?: boolean | null | undefined;
  firstName?: string | null | undefined;
  groups?: GroupUpdateManyInput | null | undefined;
  isAdmin?: boolean | null | undefined;
  lastName?: string | null | undefined;
  volumeCapacity?: number | null | undefined;
};

export type UserUpdateManyInput = {
  connect?: Array<UserWhereUniqueInput> | null | undefined;
  disconnect?: Array<UserWhereUniqueInput> | null | undefined;
};

export type UserWhereInput = {
  email_contains?: string | null | undefined;
  id?: string | number | null | undefined;
  search?: string | null | undefined;
  username_contains?: string | null | undefined;
};

export type UserWhereUniqueInput = {
  id: string | number;
};

export type UsersOrderBy = {
  field?: string | null | undefined;
};

export type PickGroupsQueryVariables = Exact<{ [key: string]: never; }>;


export type PickGroupsQuery = { items: Array<{ id: string, name: string, displayName: string | null } | null> };

export type PickUsersQueryVariables = Exact<{ [key: string]: never; }>;


export type PickUsersQuery = { items: Array<{ id: string, username: string } | null> };

export type PickInstanceTypesQueryVariables = Exact<{ [key: string]: never; }>;


export type PickInstanceTypesQuery = { items: Array<{ id: string, name: string, displayName: string | null } | null> };

export type PickImagesQueryVariables = Exact<{ [key: string]: never; }>;


export type PickImagesQuery = { items: Array<{ id: string, name: string, displayName: string | null } | null> };

export type PickDatasetsQueryVariables = Exact<{ [key: string]: never; }>;


export type PickDatasetsQuery = { items: Array<{ id: string, name: string, displayName: string | null } | null> };

export type PickSecretsQueryVariables = Exact<{ [key: string]: never; }>;


export type PickSecretsQuery = { items: Array<{ id: string, name: string, displayName: string | null, type: SecretType } | null> };

export type MyAppsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyAppsQuery = { phApplications: Array<{ id: string, displayName: string | null, appName: string | null, groupName: string | null, userName: string | null, instanceType: string | null, scope: string | null, appUrl: string | null, svcEndpoints: Array<string | null> | null, stop: boolean | null, status: string | null, message: string | null, pods: Array<{ name: string | null, logEndpoint: string | null } | null> | null } | null> };

export type AppTemplatesQueryVariables = Exact<{ [key: string]: never; }>;


export type AppTemplatesQuery = { phAppTemplates: Array<{ id: string, name: string | null, description: string | null, version: string | null, docLink: string | null, icon: string | null, defaultEnvs: Array<{ name: string | null, description: string | null, defaultValue: string | null, optional: boolean | null } | null> | null } | null> };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, username: string, email: string | null, firstName: string | null, lastName: string | null, isAdmin: boolean | null, effectiveGroups: Array<{ id: string, name: string, displayName: string | null, admins: string | null, enabledDeployment: boolean | null, allowPublicDeploymentEndpoints: boolean | null, quotaCpu: number | null, quotaGpu: number | null, quotaMemory: number | null, projectQuotaCpu: number | null, projectQuotaGpu: number | null, projectQuotaMemory: number | null, userVolumeCapacity: number | null, resourceStatus: { cpuUsage: string | null, memUsage: string | null, gpuUsage: string | null } | null, instanceTypes: Array<{ id: string, name: string, displayName: string | null, description: string | null, cpuLimit: number | null, memoryLimit: number | null, gpuLimit: number | null } | null> | null, images: Array<{ id: string, name: string, displayName: string | null, description: string | null, type: string | null, groupName: string | null } | null> | null, datasets: Array<{ id: string, name: string, displayName: string | null, writable: boolean | null } | null> | null } | null> | null } | null };

export type MyNotebooksQueryVariables = Exact<{
  where?: NotebookWhereInput | null | undefined;
}>;


export type MyNotebooksQuery = { notebooks: Array<{ id: string, name: string, namespace: string, user: string, groupName: string, instanceType: string, image: string, stopped: boolean, phase: string | null, reason: string | null, message: string | null, url: string | null, createdAt: string, events: Array<{ type: string, reason: string, message: string, object: string }> } | null> };

export type MyJobsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyJobsQuery = { phJobs: Array<{ groupName: string | null, phase: string | null, instanceType: { name: string } | null } | null> };

export type TokensQueryVariables = Exact<{ [key: string]: never; }>;


export type TokensQuery = { me: { id: string, apiTokens: Array<{ id: string, name: string, createdAt: string, lastUsedAt: string | null }> | null } | null };

export type CreateApiTokenMutationVariables = Exact<{
  name: string;
}>;


export type CreateApiTokenMutation = { createApiToken: { token: string } };

export type RevokeApiTokenMutationVariables = Exact<{
  id?: string | number | null | undefined;
}>;


export type RevokeApiTokenMutation = { revokeApiToken: { id: string | null } | null };

export type InstallAppMutationVariables = Exact<{
  data: PhApplicationCreateInput;
}>;


export type InstallAppMutation = { createPhApplication: { id: string } };

export type StopAppMutationVariables = Exact<{
  where: PhApplicationWhereUniqueInput;
}>;


export type StopAppMutation = { stopPhApplication: { id: string } };

export type StartAppMutationVariables = Exact<{
  where: PhApplicationWhereUniqueInput;
}>;


export type StartAppMutation = { startPhApplication: { id: string } };

export type UninstallAppMutationVariables = Exact<{
  where: PhApplicationWhereUniqueInput;
}>;


export type UninstallAppMutation = { deletePhApplication: { id: string } };

export type DeploymentsListQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: PhDeploymentWhereInput | null | undefined;
}>;


export type DeploymentsListQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, name: string | null, groupName: string | null, status: string | null, message: string | null, replicas: number | null, availableReplicas: number | null, endpointAccessType: string | null, lastUpdatedTime: string | null } } | null> } };

export type DeploymentQueryVariables = Exact<{
  where: PhDeploymentWhereUniqueInput;
}>;


export type DeploymentQuery = { phDeployment: { id: string, name: string | null, description: string | null, status: string | null, message: string | null, groupName: string | null, userName: string | null, stop: boolean | null, endpoint: string | null, endpointAccessType: string | null, modelImage: string | null, modelURI: string | null, replicas: number | null, availableReplicas: number | null, creationTime: string | null, lastUpdatedTime: string | null, instanceType: { id: string, name: string, displayName: string | null } | null, env: Array<{ name: string | null, value: string | null } | null> | null, endpointClients: Array<{ name: string | null } | null> | null, pods: Array<{ name: string | null, phase: string | null, logEndpoint: string | null } | null> | null, history: Array<{ time: string | null, deployment: { userName: string | null, modelImage: string | null, modelURI: string | null, replicas: number | null, updateMessage: string | null, instanceType: { name: string } | null } | null } | null> | null } };

export type CreateDeploymentMutationVariables = Exact<{
  data: PhDeploymentCreateInput;
}>;


export type CreateDeploymentMutation = { createPhDeployment: { id: string } };

export type DeployDeploymentMutationVariables = Exact<{
  where: PhDeploymentWhereUniqueInput;
}>;


export type DeployDeploymentMutation = { deployPhDeployment: { id: string } };

export type StopDeploymentMutationVariables = Exact<{
  where: PhDeploymentWhereUniqueInput;
}>;


export type StopDeploymentMutation = { stopPhDeployment: { id: string } };

export type DeleteDeploymentMutationVariables = Exact<{
  where: PhDeploymentWhereUniqueInput;
}>;


export type DeleteDeploymentMutation = { deletePhDeployment: { id: string } };

export type CreateDeploymentClientMutationVariables = Exact<{
  data: PhDeploymentClientCreateInput;
}>;


export type CreateDeploymentClientMutation = { createPhDeploymentClient: { name: string | null, plainTextToken: string | null } };

export type DeleteDeploymentClientMutationVariables = Exact<{
  where: PhDeploymentClientWhereUniqueInput;
}>;


export type DeleteDeploymentClientMutation = { deletePhDeploymentClient: { id: string } };

export type JobsListQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: PhJobWhereInput | null | undefined;
  order?: PhJobOrderByInput | null | undefined;
}>;


export type JobsListQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, displayName: string | null, groupName: string | null, image: string | null, command: string | null, phase: string | null, reason: string | null, message: string | null, createTime: string | null, finishTime: string | null, logEndpoint: string | null, rerunOf: string | null, instanceType: { id: string, name: string, displayName: string | null } | null } } | null> } };

export type CancelJobMutationVariables = Exact<{
  where: PhJobWhereUniqueInput;
}>;


export type CancelJobMutation = { cancelPhJob: { id: string } };

export type RerunJobMutationVariables = Exact<{
  where: PhJobWhereUniqueInput;
}>;


export type RerunJobMutation = { rerunPhJob: { id: string } };

export type LaunchNotebookMutationVariables = Exact<{
  data: NotebookCreateInput;
}>;


export type LaunchNotebookMutation = { createNotebook: { id: string } };

export type ManagedGroupQueryVariables = Exact<{
  where: GroupWhereUniqueInput;
}>;


export type ManagedGroupQuery = { group: { id: string, enabledSharedVolume: boolean | null, sharedVolumeCapacity: number | null, launchGroupOnly: boolean | null, jobDefaultActiveDeadlineSeconds: number | null, users: Array<{ id: string } | null> | null, groupImages: Array<{ id: string, name: string, displayName: string | null, type: string | null, url: string | null } | null> | null } | null };

export type UpdateManagedGroupMutationVariables = Exact<{
  data: GroupUpdateInput;
  where: GroupWhereUniqueInput;
}>;


export type UpdateManagedGroupMutation = { updateGroup: { id: string } | null };

export type CreateGroupImageMutationVariables = Exact<{
  data: ImageCreateInput;
}>;


export type CreateGroupImageMutation = { createImage: { id: string } };

export type DeleteGroupImageMutationVariables = Exact<{
  where: ImageWhereUniqueInput;
}>;


export type DeleteGroupImageMutation = { deleteImage: { id: string } | null };

export type StopMyNotebookMutationVariables = Exact<{
  where: NotebookWhereUniqueInput;
}>;


export type StopMyNotebookMutation = { stopNotebook: { id: string } | null };

export type StartMyNotebookMutationVariables = Exact<{
  where: NotebookWhereUniqueInput;
}>;


export type StartMyNotebookMutation = { startNotebook: { id: string } | null };

export type DeleteMyNotebookMutationVariables = Exact<{
  where: NotebookWhereUniqueInput;
}>;


export type DeleteMyNotebookMutation = { deleteNotebook: { id: string } | null };

export type ProfilesQueryVariables = Exact<{ [key: string]: never; }>;


export type ProfilesQuery = { profiles: Array<{ id: string, name: string, ownerKind: string, owner: string, resourceQuota: unknown, ready: boolean, contributors: Array<{ kind: string, name: string, role: string }> } | null> };

export type CreateProfileMutationVariables = Exact<{
  data: ProfileCreateInput;
}>;


export type CreateProfileMutation = { createProfile: { id: string } };

export type AddProfileContributorMutationVariables = Exact<{
  where: ProfileWhereUniqueInput;
  data: ProfileContributorInput;
}>;


export type AddProfileContributorMutation = { addProfileContributor: { id: string } | null };

export type RemoveProfileContributorMutationVariables = Exact<{
  where: ProfileWhereUniqueInput;
  kind?: string | null | undefined;
  name: string;
}>;


export type RemoveProfileContributorMutation = { removeProfileContributor: { id: string } | null };

export type DeleteProfileMutationVariables = Exact<{
  where: ProfileWhereUniqueInput;
}>;


export type DeleteProfileMutation = { deleteProfile: { id: string } | null };

export type SchedulesListQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: PhScheduleWhereInput | null | undefined;
  order?: PhScheduleOrderByInput | null | undefined;
}>;


export type SchedulesListQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, displayName: string | null, command: string | null, groupName: string | null, image: string | null, nextRunTime: string | null, lastRunTime: string | null, forbidConcurrent: boolean | null, activeDeadlineSeconds: number | null, invalid: boolean | null, message: string | null, recurrence: { type: string | null, cron: string | null } | null, instanceType: { id: string, name: string } | null } } | null> } };

export type ScheduleFieldsFragment = { id: string, displayName: string | null, command: string | null, groupName: string | null, image: string | null, nextRunTime: string | null, lastRunTime: string | null, forbidConcurrent: boolean | null, activeDeadlineSeconds: number | null, invalid: boolean | null, message: string | null, recurrence: { type: string | null, cron: string | null } | null, instanceType: { id: string, name: string } | null };

export type ScheduleQueryVariables = Exact<{
  where: PhScheduleWhereUniqueInput;
}>;


export type ScheduleQuery = { phSchedule: { id: string, displayName: string | null, command: string | null, groupName: string | null, image: string | null, nextRunTime: string | null, lastRunTime: string | null, forbidConcurrent: boolean | null, activeDeadlineSeconds: number | null, invalid: boolean | null, message: string | null, recurrence: { type: string | null, cron: string | null } | null, instanceType: { id: string, name: string } | null } };

export type RunScheduleMutationVariables = Exact<{
  where: PhScheduleWhereUniqueInput;
}>;


export type RunScheduleMutation = { runPhSchedule: { job: { id: string } | null } };

export type DeleteScheduleMutationVariables = Exact<{
  where: PhScheduleWhereUniqueInput;
}>;


export type DeleteScheduleMutation = { deletePhSchedule: { id: string } };

export type UpdateScheduleMutationVariables = Exact<{
  where: PhScheduleWhereUniqueInput;
  data: PhScheduleUpdateInput;
}>;


export type UpdateScheduleMutation = { updatePhSchedule: { id: string } };

export type CreateScheduleMutationVariables = Exact<{
  data: PhScheduleCreateInput;
}>;


export type CreateScheduleMutation = { createPhSchedule: { id: string } };

export type SubmitJobMutationVariables = Exact<{
  data: PhJobCreateInput;
}>;


export type SubmitJobMutation = { createPhJob: { id: string } };

export type GroupsListQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: GroupWhereInput | null | undefined;
  order?: GroupOrderByInput | null | undefined;
}>;


export type GroupsListQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, name: string, displayName: string | null, quotaCpu: number | null, quotaGpu: number | null, quotaMemory: number | null, projectQuotaCpu: number | null, projectQuotaGpu: number | null, projectQuotaMemory: number | null, admins: string | null } } | null> } };

export type GroupDetailQueryVariables = Exact<{
  where: GroupWhereUniqueInput;
}>;


export type GroupDetailQuery = { item: { id: string, name: string, displayName: string | null, quotaCpu: number | null, quotaGpu: number | null, quotaMemory: number | null, projectQuotaCpu: number | null, projectQuotaGpu: number | null, projectQuotaMemory: number | null, admins: string | null, userVolumeCapacity: number | null, enabledSharedVolume: boolean | null, sharedVolumeCapacity: number | null, launchGroupOnly: boolean | null, enabledProfile: boolean | null, enabledDeployment: boolean | null, maxDeploy: number | null, allowPublicDeploymentEndpoints: boolean | null, jobDefaultActiveDeadlineSeconds: number | null, users: Array<{ id: string } | null> | null, instanceTypes: Array<{ id: string } | null> | null, images: Array<{ id: string } | null> | null, datasets: Array<{ id: string } | null> | null } | null };

export type CreateGroupMutationVariables = Exact<{
  data: GroupCreateInput;
}>;


export type CreateGroupMutation = { createGroup: { id: string } };

export type UpdateGroupMutationVariables = Exact<{
  data: GroupUpdateInput;
  where: GroupWhereUniqueInput;
}>;


export type UpdateGroupMutation = { updateGroup: { id: string } | null };

export type DeleteGroupMutationVariables = Exact<{
  where: GroupWhereUniqueInput;
}>;


export type DeleteGroupMutation = { deleteGroup: { id: string } | null };

export type ImagesListQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: ImageWhereInput | null | undefined;
  order?: ImageOrderByInput | null | undefined;
}>;


export type ImagesListQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, name: string, displayName: string | null, description: string | null, type: string | null, url: string | null, urlForGpu: string | null, useImagePullSecret: string | null, global: boolean | null, groupName: string | null } } | null> } };

export type ImageDetailQueryVariables = Exact<{
  where: ImageWhereUniqueInput;
}>;


export type ImageDetailQuery = { item: { id: string, name: string, displayName: string | null, description: string | null, type: string | null, url: string | null, urlForGpu: string | null, useImagePullSecret: string | null, global: boolean | null, groupName: string | null, groups: Array<{ id: string } | null> | null } | null };

export type CreateImageMutationVariables = Exact<{
  data: ImageCreateInput;
}>;


export type CreateImageMutation = { createImage: { id: string } };

export type UpdateImageMutationVariables = Exact<{
  data: ImageUpdateInput;
  where: ImageWhereUniqueInput;
}>;


export type UpdateImageMutation = { updateImage: { id: string } | null };

export type DeleteImageMutationVariables = Exact<{
  where: ImageWhereUniqueInput;
}>;


export type DeleteImageMutation = { deleteImage: { id: string } | null };

export type InstanceTypesListQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: InstanceTypeWhereInput | null | undefined;
  order?: InstanceTypeOrderByInput | null | undefined;
}>;


export type InstanceTypesListQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, name: string, displayName: string | null, description: string | null, cpuLimit: number | null, cpuRequest: number | null, memoryLimit: number | null, memoryRequest: number | null, gpuLimit: number | null, global: boolean | null } } | null> } };

export type InstanceTypeDetailQueryVariables = Exact<{
  where: InstanceTypeWhereUniqueInput;
}>;


export type InstanceTypeDetailQuery = { item: { id: string, name: string, displayName: string | null, description: string | null, cpuLimit: number | null, cpuRequest: number | null, memoryLimit: number | null, memoryRequest: number | null, gpuLimit: number | null, global: boolean | null, gpuResourceName: string | null, nodeSelector: unknown, tolerations: Array<{ operator: string, key: string | null, value: string | null, effect: string | null } | null>, groups: Array<{ id: string } | null> | null } | null };

export type CreateInstanceTypeMutationVariables = Exact<{
  data: InstanceTypeCreateInput;
}>;


export type CreateInstanceTypeMutation = { createInstanceType: { id: string } };

export type UpdateInstanceTypeMutationVariables = Exact<{
  data: InstanceTypeUpdateInput;
  where: InstanceTypeWhereUniqueInput;
}>;


export type UpdateInstanceTypeMutation = { updateInstanceType: { id: string } | null };

export type DeleteInstanceTypeMutationVariables = Exact<{
  where: InstanceTypeWhereUniqueInput;
}>;


export type DeleteInstanceTypeMutation = { deleteInstanceType: { id: string } | null };

export type RunningNotebooksQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: NotebookWhereInput | null | undefined;
}>;


export type RunningNotebooksQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, name: string, user: string, groupName: string, instanceType: string, runningSince: string | null } } | null> } };

export type StopNotebookMutationVariables = Exact<{
  where: NotebookWhereUniqueInput;
}>;


export type StopNotebookMutation = { stopNotebook: { id: string, stopped: boolean } | null };

export type SecretsListQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: SecretWhereInput | null | undefined;
  order?: SecretOrderByInput | null | undefined;
}>;


export type SecretsListQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, name: string, displayName: string | null, type: SecretType, registryHost: string | null, username: string | null } } | null> } };

export type SecretDetailQueryVariables = Exact<{
  where: SecretWhereUniqueInput;
}>;


export type SecretDetailQuery = { item: { id: string, name: string, displayName: string | null, type: SecretType, registryHost: string | null, username: string | null } };

export type CreateSecretMutationVariables = Exact<{
  data: SecretCreateInput;
}>;


export type CreateSecretMutation = { createSecret: { id: string } };

export type UpdateSecretMutationVariables = Exact<{
  data: SecretUpdateInput;
  where: SecretWhereUniqueInput;
}>;


export type UpdateSecretMutation = { updateSecret: { id: string } | null };

export type DeleteSecretMutationVariables = Exact<{
  where: SecretWhereUniqueInput;
}>;


export type DeleteSecretMutation = { deleteSecret: { id: string } | null };

export type SystemQueryVariables = Exact<{ [key: string]: never; }>;


export type SystemQuery = { system: { defaultUserVolumeCapacity: number | null, org: { name: string | null } | null, timezone: { name: string, offset: number } | null } };

export type SaveSystemMutationVariables = Exact<{
  data: SystemUpdateInput;
}>;


export type SaveSystemMutation = { updateSystem: { defaultUserVolumeCapacity: number | null } | null };

export type ResetPasswordMutationVariables = Exact<{
  id?: string | null | undefined;
  password?: string | null | undefined;
}>;


export type ResetPasswordMutation = { resetPassword: { id: string | null } | null };

export type UsersListQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: UserWhereInput | null | undefined;
  order?: UsersOrderBy | null | undefined;
}>;


export type UsersListQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, username: string, email: string | null, firstName: string | null, lastName: string | null, isAdmin: boolean | null, enabled: boolean | null } } | null> } };

export type UserDetailQueryVariables = Exact<{
  where: UserWhereUniqueInput;
}>;


export type UserDetailQuery = { item: { id: string, username: string, email: string | null, firstName: string | null, lastName: string | null, isAdmin: boolean | null, enabled: boolean | null, volumeCapacity: number | null, groups: Array<{ id: string } | null> | null } | null };

export type CreateUserMutationVariables = Exact<{
  data: UserCreateInput;
}>;


export type CreateUserMutation = { createUser: { id: string } };

export type UpdateUserMutationVariables = Exact<{
  data: UserUpdateInput;
  where: UserWhereUniqueInput;
}>;


export type UpdateUserMutation = { updateUser: { id: string } | null };

export type DeleteUserMutationVariables = Exact<{
  where: UserWhereUniqueInput;
}>;


export type DeleteUserMutation = { deleteUser: { id: string } | null };

export type VolumesListQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: DatasetWhereInput | null | undefined;
  order?: DatasetOrderByInput | null | undefined;
}>;


export type VolumesListQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, name: string, displayName: string | null, description: string | null, type: string | null, global: boolean | null } } | null> } };

export type VolumeDetailQueryVariables = Exact<{
  where: DatasetWhereUniqueInput;
}>;


export type VolumeDetailQuery = { item: { id: string, name: string, displayName: string | null, description: string | null, type: string | null, global: boolean | null, volumeSize: number | null, nfsServer: string | null, nfsPath: string | null, hostPath: string | null, url: string | null, variables: unknown, mountRoot: string | null, homeSymlink: boolean | null, launchGroupOnly: boolean | null, secret: { id: string } | null, groups: Array<{ id: string, writable: boolean | null } | null> | null } | null };

export type CreateVolumeMutationVariables = Exact<{
  data: DatasetCreateInput;
}>;


export type CreateVolumeMutation = { createDataset: { id: string } };

export type UpdateVolumeMutationVariables = Exact<{
  data: DatasetUpdateInput;
  where: DatasetWhereUniqueInput;
}>;


export type UpdateVolumeMutation = { updateDataset: { id: string } };

export type DeleteVolumeMutationVariables = Exact<{
  where: DatasetWhereUniqueInput;
}>;


export type DeleteVolumeMutation = { deleteDataset: { id: string } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ScheduleFieldsFragmentDoc = new TypedDocumentString(`
    fragment ScheduleFields on PhSchedule {
  id
  displayName
  recurrence {
    type
    cron
  }
  command
  groupName
  instanceType {
    id
    name
  }
  image
  nextRunTime
  lastRunTime
  forbidConcurrent
  activeDeadlineSeconds
  invalid
  message
}
    `, {"fragmentName":"ScheduleFields"}) as unknown as TypedDocumentString<ScheduleFieldsFragment, unknown>;
export const PickGroupsDocument = new TypedDocumentString(`
    query PickGroups {
  items: groups {
    id
    name
    displayName
  }
}
    `) as unknown as TypedDocumentString<PickGroupsQuery, PickGroupsQueryVariables>;
export const PickUsersDocument = new TypedDocumentString(`
    query PickUsers {
  items: users {
    id
    username
  }
}
    `) as unknown as TypedDocumentString<PickUsersQuery, PickUsersQueryVariables>;
export const PickInstanceTypesDocument = new TypedDocumentString(`
    query PickInstanceTypes {
  items: instanceTypes {
    id
    name
    displayName
  }
}
    `) as unknown as TypedDocumentString<PickInstanceTypesQuery, PickInstanceTypesQueryVariables>;
export const PickImagesDocument = new TypedDocumentString(`
    query PickImages {
  items: images {
    id
    name
    displayName
  }
}
    `) as unknown as TypedDocumentString<PickImagesQuery, PickImagesQueryVariables>;
export const PickDatasetsDocument = new TypedDocumentString(`
    query PickDatasets {
  items: datasets {
    id
    name
    displayName
  }
}
    `) as unknown as TypedDocumentString<PickDatasetsQuery, PickDatasetsQueryVariables>;
export const PickSecretsDocument = new TypedDocumentString(`
    query PickSecrets {
  items: secrets {
    id
    name
    displayName
    type
  }
}
    `) as unknown as TypedDocumentString<PickSecretsQuery, PickSecretsQueryVariables>;
export const MyAppsDocument = new TypedDocumentString(`
    query MyApps {
  phApplications {
    id
    displayName
    appName
    groupName
    userName
    instanceType
    scope
    appUrl
    svcEndpoints
    stop
    status
    message
    pods {
      name
      logEndpoint
    }
  }
}
    `) as unknown as TypedDocumentString<MyAppsQuery, MyAppsQueryVariables>;
export const AppTemplatesDocument = new TypedDocumentString(`
    query AppTemplates {
  phAppTemplates {
    id
    name
    description
    version
    docLink
    icon
    defaultEnvs {
      name
      description
      defaultValue
      optional
    }
  }
}
    `) as unknown as TypedDocumentString<AppTemplatesQuery, AppTemplatesQueryVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    username
    email
    firstName
    lastName
    isAdmin
    effectiveGroups {
      id
      name
      displayName
      admins
      enabledDeployment
      allowPublicDeploymentEndpoints
      quotaCpu
      quotaGpu
      quotaMemory
      projectQuotaCpu
      projectQuotaGpu
      projectQuotaMemory
      userVolumeCapacity
      resourceStatus {
        cpuUsage
        memUsage
        gpuUsage
      }
      instanceTypes {
        id
        name
        displayName
        description
        cpuLimit
        memoryLimit
        gpuLimit
      }
      images {
        id
        name
        displayName
        description
        type
        groupName
      }
      datasets {
        id
        name
        displayName
        writable
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const MyNotebooksDocument = new TypedDocumentString(`
    query MyNotebooks($where: NotebookWhereInput) {
  notebooks(where: $where) {
    id
    name
    namespace
    user
    groupName
    instanceType
    image
    stopped
    phase
    reason
    message
    url
    createdAt
    events {
      type
      reason
      message
      object
    }
  }
}
    `) as unknown as TypedDocumentString<MyNotebooksQuery, MyNotebooksQueryVariables>;
export const MyJobsDocument = new TypedDocumentString(`
    query MyJobs {
  phJobs(where: {mine: true}) {
    groupName
    instanceType {
      name
    }
    phase
  }
}
    `) as unknown as TypedDocumentString<MyJobsQuery, MyJobsQueryVariables>;
export const TokensDocument = new TypedDocumentString(`
    query Tokens {
  me {
    id
    apiTokens {
      id
      name
      createdAt
      lastUsedAt
    }
  }
}
    `) as unknown as TypedDocumentString<TokensQuery, TokensQueryVariables>;
export const CreateApiTokenDocument = new TypedDocumentString(`
    mutation CreateApiToken($name: String!) {
  createApiToken(name: $name) {
    token
  }
}
    `) as unknown as TypedDocumentString<CreateApiTokenMutation, CreateApiTokenMutationVariables>;
export const RevokeApiTokenDocument = new TypedDocumentString(`
    mutation RevokeApiToken($id: ID) {
  revokeApiToken(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<RevokeApiTokenMutation, RevokeApiTokenMutationVariables>;
export const InstallAppDocument = new TypedDocumentString(`
    mutation InstallApp($data: PhApplicationCreateInput!) {
  createPhApplication(data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<InstallAppMutation, InstallAppMutationVariables>;
export const StopAppDocument = new TypedDocumentString(`
    mutation StopApp($where: PhApplicationWhereUniqueInput!) {
  stopPhApplication(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<StopAppMutation, StopAppMutationVariables>;
export const StartAppDocument = new TypedDocumentString(`
    mutation StartApp($where: PhApplicationWhereUniqueInput!) {
  startPhApplication(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<StartAppMutation, StartAppMutationVariables>;
export const UninstallAppDocument = new TypedDocumentString(`
    mutation UninstallApp($where: PhApplicationWhereUniqueInput!) {
  deletePhApplication(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<UninstallAppMutation, UninstallAppMutationVariables>;
export const DeploymentsListDocument = new TypedDocumentString(`
    query DeploymentsList($page: Int, $where: PhDeploymentWhereInput) {
  list: phDeploymentsConnection(page: $page, where: $where) {
    pageInfo {
      currentPage
      totalPage
    }
    edges {
      node {
        id
        name
        groupName
        status
        message
        replicas
        availableReplicas
        endpointAccessType
        lastUpdatedTime
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DeploymentsListQuery, DeploymentsListQueryVariables>;
export const DeploymentDocument = new TypedDocumentString(`
    query Deployment($where: PhDeploymentWhereUniqueInput!) {
  phDeployment(where: $where) {
    id
    name
    description
    status
    message
    groupName
    userName
    stop
    endpoint
    endpointAccessType
    modelImage
    modelURI
    replicas
    availableReplicas
    instanceType {
      id
      name
      displayName
    }
    creationTime
    lastUpdatedTime
    env {
      name
      value
    }
    endpointClients {
      name
    }
    pods {
      name
      phase
      logEndpoint
    }
    history {
      time
      deployment {
        userName
        modelImage
        modelURI
        replicas
        instanceType {
          name
        }
        updateMessage
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DeploymentQuery, DeploymentQueryVariables>;
export const CreateDeploymentDocument = new TypedDocumentString(`
    mutation CreateDeployment($data: PhDeploymentCreateInput!) {
  createPhDeployment(data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateDeploymentMutation, CreateDeploymentMutationVariables>;
export const DeployDeploymentDocument = new TypedDocumentString(`
    mutation DeployDeployment($where: PhDeploymentWhereUniqueInput!) {
  deployPhDeployment(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeployDeploymentMutation, DeployDeploymentMutationVariables>;
export const StopDeploymentDocument = new TypedDocumentString(`
    mutation StopDeployment($where: PhDeploymentWhereUniqueInput!) {
  stopPhDeployment(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<StopDeploymentMutation, StopDeploymentMutationVariables>;
export const DeleteDeploymentDocument = new TypedDocumentString(`
    mutation DeleteDeployment($where: PhDeploymentWhereUniqueInput!) {
  deletePhDeployment(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteDeploymentMutation, DeleteDeploymentMutationVariables>;
export const CreateDeploymentClientDocument = new TypedDocumentString(`
    mutation CreateDeploymentClient($data: PhDeploymentClientCreateInput!) {
  createPhDeploymentClient(data: $data) {
    name
    plainTextToken
  }
}
    `) as unknown as TypedDocumentString<CreateDeploymentClientMutation, CreateDeploymentClientMutationVariables>;
export const DeleteDeploymentClientDocument = new TypedDocumentString(`
    mutation DeleteDeploymentClient($where: PhDeploymentClientWhereUniqueInput!) {
  deletePhDeploymentClient(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteDeploymentClientMutation, DeleteDeploymentClientMutationVariables>;
export const JobsListDocument = new TypedDocumentString(`
    query JobsList($page: Int, $where: PhJobWhereInput, $order: PhJobOrderByInput) {
  list: phJobsConnection(page: $page, where: $where, orderBy: $order) {
    pageInfo {
      currentPage
      totalPage
    }
    edges {
      node {
        id
        displayName
        groupName
        instanceType {
          id
          name
          displayName
        }
        image
        command
        phase
        reason
        message
        createTime
        finishTime
        logEndpoint
        rerunOf
      }
    }
  }
}
    `) as unknown as TypedDocumentString<JobsListQuery, JobsListQueryVariables>;
export const CancelJobDocument = new TypedDocumentString(`
    mutation CancelJob($where: PhJobWhereUniqueInput!) {
  cancelPhJob(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<CancelJobMutation, CancelJobMutationVariables>;
export const RerunJobDocument = new TypedDocumentString(`
    mutation RerunJob($where: PhJobWhereUniqueInput!) {
  rerunPhJob(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<RerunJobMutation, RerunJobMutationVariables>;
export const LaunchNotebookDocument = new TypedDocumentString(`
    mutation LaunchNotebook($data: NotebookCreateInput!) {
  createNotebook(data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<LaunchNotebookMutation, LaunchNotebookMutationVariables>;
export const ManagedGroupDocument = new TypedDocumentString(`
    query ManagedGroup($where: GroupWhereUniqueInput!) {
  group(where: $where) {
    id
    users {
      id
    }
    groupImages {
      id
      name
      displayName
      type
      url
    }
    enabledSharedVolume
    sharedVolumeCapacity
    launchGroupOnly
    jobDefaultActiveDeadlineSeconds
  }
}
    `) as unknown as TypedDocumentString<ManagedGroupQuery, ManagedGroupQueryVariables>;
export const UpdateManagedGroupDocument = new TypedDocumentString(`
    mutation UpdateManagedGroup($data: GroupUpdateInput!, $where: GroupWhereUniqueInput!) {
  updateGroup(data: $data, where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateManagedGroupMutation, UpdateManagedGroupMutationVariables>;
export const CreateGroupImageDocument = new TypedDocumentString(`
    mutation CreateGroupImage($data: ImageCreateInput!) {
  createImage(data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateGroupImageMutation, CreateGroupImageMutationVariables>;
export const DeleteGroupImageDocument = new TypedDocumentString(`
    mutation DeleteGroupImage($where: ImageWhereUniqueInput!) {
  deleteImage(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteGroupImageMutation, DeleteGroupImageMutationVariables>;
export const StopMyNotebookDocument = new TypedDocumentString(`
    mutation StopMyNotebook($where: NotebookWhereUniqueInput!) {
  stopNotebook(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<StopMyNotebookMutation, StopMyNotebookMutationVariables>;
export const StartMyNotebookDocument = new TypedDocumentString(`
    mutation StartMyNotebook($where: NotebookWhereUniqueInput!) {
  startNotebook(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<StartMyNotebookMutation, StartMyNotebookMutationVariables>;
export const DeleteMyNotebookDocument = new TypedDocumentString(`
    mutation DeleteMyNotebook($where: NotebookWhereUniqueInput!) {
  deleteNotebook(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteMyNotebookMutation, DeleteMyNotebookMutationVariables>;
export const ProfilesDocument = new TypedDocumentString(`
    query Profiles {
  profiles {
    id
    name
    ownerKind
    owner
    contributors {
      kind
      name
      role
    }
    resourceQuota
    ready
  }
}
    `) as unknown as TypedDocumentString<ProfilesQuery, ProfilesQueryVariables>;
export const CreateProfileDocument = new TypedDocumentString(`
    mutation CreateProfile($data: ProfileCreateInput!) {
  createProfile(data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateProfileMutation, CreateProfileMutationVariables>;
export const AddProfileContributorDocument = new TypedDocumentString(`
    mutation AddProfileContributor($where: ProfileWhereUniqueInput!, $data: ProfileContributorInput!) {
  addProfileContributor(where: $where, data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<AddProfileContributorMutation, AddProfileContributorMutationVariables>;
export const RemoveProfileContributorDocument = new TypedDocumentString(`
    mutation RemoveProfileContributor($where: ProfileWhereUniqueInput!, $kind: String, $name: String!) {
  removeProfileContributor(where: $where, kind: $kind, name: $name) {
    id
  }
}
    `) as unknown as TypedDocumentString<RemoveProfileContributorMutation, RemoveProfileContributorMutationVariables>;
export const DeleteProfileDocument = new TypedDocumentString(`
    mutation DeleteProfile($where: ProfileWhereUniqueInput!) {
  deleteProfile(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteProfileMutation, DeleteProfileMutationVariables>;
export const SchedulesListDocument = new TypedDocumentString(`
    query SchedulesList($page: Int, $where: PhScheduleWhereInput, $order: PhScheduleOrderByInput) {
  list: phSchedulesConnection(page: $page, where: $where, orderBy: $order) {
    pageInfo {
      currentPage
      totalPage
    }
    edges {
      node {
        ...ScheduleFields
      }
    }
  }
}
    fragment ScheduleFields on PhSchedule {
  id
  displayName
  recurrence {
    type
    cron
  }
  command
  groupName
  instanceType {
    id
    name
  }
  image
  nextRunTime
  lastRunTime
  forbidConcurrent
  activeDeadlineSeconds
  invalid
  message
}`) as unknown as TypedDocumentString<SchedulesListQuery, SchedulesListQueryVariables>;
export const ScheduleDocument = new TypedDocumentString(`
    query Schedule($where: PhScheduleWhereUniqueInput!) {
  phSchedule(where: $where) {
    ...ScheduleFields
  }
}
    fragment ScheduleFields on PhSchedule {
  id
  displayName
  recurrence {
    type
    cron
  }
  command
  groupName
  instanceType {
    id
    name
  }
  image
  nextRunTime
  lastRunTime
  forbidConcurrent
  activeDeadlineSeconds
  invalid
  message
}`) as unknown as TypedDocumentString<ScheduleQuery, ScheduleQueryVariables>;
export const RunScheduleDocument = new TypedDocumentString(`
    mutation RunSchedule($where: PhScheduleWhereUniqueInput!) {
  runPhSchedule(where: $where) {
    job {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RunScheduleMutation, RunScheduleMutationVariables>;
export const DeleteScheduleDocument = new TypedDocumentString(`
    mutation DeleteSchedule($where: PhScheduleWhereUniqueInput!) {
  deletePhSchedule(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteScheduleMutation, DeleteScheduleMutationVariables>;
export const UpdateScheduleDocument = new TypedDocumentString(`
    mutation UpdateSchedule($where: PhScheduleWhereUniqueInput!, $data: PhScheduleUpdateInput!) {
  updatePhSchedule(where: $where, data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateScheduleMutation, UpdateScheduleMutationVariables>;
export const CreateScheduleDocument = new TypedDocumentString(`
    mutation CreateSchedule($data: PhScheduleCreateInput!) {
  createPhSchedule(data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateScheduleMutation, CreateScheduleMutationVariables>;
export const SubmitJobDocument = new TypedDocumentString(`
    mutation SubmitJob($data: PhJobCreateInput!) {
  createPhJob(data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<SubmitJobMutation, SubmitJobMutationVariables>;
export const GroupsListDocument = new TypedDocumentString(`
    query GroupsList($page: Int, $where: GroupWhereInput, $order: GroupOrderByInput) {
  list: groupsConnection(page: $page, where: $where, orderBy: $order) {
    pageInfo {
      currentPage
      totalPage
    }
    edges {
      node {
        id
        name
        displayName
        quotaCpu
        quotaGpu
        quotaMemory
        projectQuotaCpu
        projectQuotaGpu
        projectQuotaMemory
        admins
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GroupsListQuery, GroupsListQueryVariables>;
export const GroupDetailDocument = new TypedDocumentString(`
    query GroupDetail($where: GroupWhereUniqueInput!) {
  item: group(where: $where) {
    id
    name
    displayName
    quotaCpu
    quotaGpu
    quotaMemory
    projectQuotaCpu
    projectQuotaGpu
    projectQuotaMemory
    admins
    userVolumeCapacity
    enabledSharedVolume
    sharedVolumeCapacity
    launchGroupOnly
    enabledProfile
    enabledDeployment
    maxDeploy
    allowPublicDeploymentEndpoints
    jobDefaultActiveDeadlineSeconds
    users {
      id
    }
    instanceTypes {
      id
    }
    images(mode: SYSTEM_ONLY) {
      id
    }
    datasets {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<GroupDetailQuery, GroupDetailQueryVariables>;
export const CreateGroupDocument = new TypedDocumentString(`
    mutation CreateGroup($data: GroupCreateInput!) {
  createGroup(data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateGroupMutation, CreateGroupMutationVariables>;
export const UpdateGroupDocument = new TypedDocumentString(`
    mutation UpdateGroup($data: GroupUpdateInput!, $where: GroupWhereUniqueInput!) {
  updateGroup(data: $data, where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateGroupMutation, UpdateGroupMutationVariables>;
export const DeleteGroupDocument = new TypedDocumentString(`
    mutation DeleteGroup($where: GroupWhereUniqueInput!) {
  deleteGroup(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteGroupMutation, DeleteGroupMutationVariables>;
export const ImagesListDocument = new TypedDocumentString(`
    query ImagesList($page: Int, $where: ImageWhereInput, $order: ImageOrderByInput) {
  list: imagesConnection(page: $page, where: $where, orderBy: $order) {
    pageInfo {
      currentPage
      totalPage
    }
    edges {
      node {
        id
        name
        displayName
        description
        type
        url
        urlForGpu
        useImagePullSecret
        global
        groupName
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ImagesListQuery, ImagesListQueryVariables>;
export const ImageDetailDocument = new TypedDocumentString(`
    query ImageDetail($where: ImageWhereUniqueInput!) {
  item: image(where: $where) {
    id
    name
    displayName
    description
    type
    url
    urlForGpu
    useImagePullSecret
    global
    groupName
    groups {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ImageDetailQuery, ImageDetailQueryVariables>;
export const CreateImageDocument = new TypedDocumentString(`
    mutation CreateImage($data: ImageCreateInput!) {
  createImage(data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateImageMutation, CreateImageMutationVariables>;
export const UpdateImageDocument = new TypedDocumentString(`
    mutation UpdateImage($data: ImageUpdateInput!, $where: ImageWhereUniqueInput!) {
  updateImage(data: $data, where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateImageMutation, UpdateImageMutationVariables>;
export const DeleteImageDocument = new TypedDocumentString(`
    mutation DeleteImage($where: ImageWhereUniqueInput!) {
  deleteImage(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteImageMutation, DeleteImageMutationVariables>;
export const InstanceTypesListDocument = new TypedDocumentString(`
    query InstanceTypesList($page: Int, $where: InstanceTypeWhereInput, $order: InstanceTypeOrderByInput) {
  list: instanceTypesConnection(page: $page, where: $where, orderBy: $order) {
    pageInfo {
      currentPage
      totalPage
    }
    edges {
      node {
        id
        name
        displayName
        description
        cpuLimit
        cpuRequest
        memoryLimit
        memoryRequest
        gpuLimit
        global
      }
    }
  }
}
    `) as unknown as TypedDocumentString<InstanceTypesListQuery, InstanceTypesListQueryVariables>;
export const InstanceTypeDetailDocument = new TypedDocumentString(`
    query InstanceTypeDetail($where: InstanceTypeWhereUniqueInput!) {
  item: instanceType(where: $where) {
    id
    name
    displayName
    description
    cpuLimit
    cpuRequest
    memoryLimit
    memoryRequest
    gpuLimit
    global
    gpuResourceName
    nodeSelector
    tolerations {
      operator
      key
      value
      effect
    }
    groups {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<InstanceTypeDetailQuery, InstanceTypeDetailQueryVariables>;
export const CreateInstanceTypeDocument = new TypedDocumentString(`
    mutation CreateInstanceType($data: InstanceTypeCreateInput!) {
  createInstanceType(data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateInstanceTypeMutation, CreateInstanceTypeMutationVariables>;
export const UpdateInstanceTypeDocument = new TypedDocumentString(`
    mutation UpdateInstanceType($data: InstanceTypeUpdateInput!, $where: InstanceTypeWhereUniqueInput!) {
  updateInstanceType(data: $data, where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateInstanceTypeMutation, UpdateInstanceTypeMutationVariables>;
export const DeleteInstanceTypeDocument = new TypedDocumentString(`
    mutation DeleteInstanceType($where: InstanceTypeWhereUniqueInput!) {
  deleteInstanceType(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteInstanceTypeMutation, DeleteInstanceTypeMutationVariables>;
export const RunningNotebooksDocument = new TypedDocumentString(`
    query RunningNotebooks($page: Int, $where: NotebookWhereInput) {
  list: notebooksConnection(page: $page, where: $where) {
    pageInfo {
      currentPage
      totalPage
    }
    edges {
      node {
        id
        name
        user
        groupName
        instanceType
        runningSince
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RunningNotebooksQuery, RunningNotebooksQueryVariables>;
export const StopNotebookDocument = new TypedDocumentString(`
    mutation StopNotebook($where: NotebookWhereUniqueInput!) {
  stopNotebook(where: $where) {
    id
    stopped
  }
}
    `) as unknown as TypedDocumentString<StopNotebookMutation, StopNotebookMutationVariables>;
export const SecretsListDocument = new TypedDocumentString(`
    query SecretsList($page: Int, $where: SecretWhereInput, $order: SecretOrderByInput) {
  list: secretsConnection(page: $page, where: $where, orderBy: $order) {
    pageInfo {
      currentPage
      totalPage
    }
    edges {
      node {
        id
        name
        displayName
        type
        registryHost
        username
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SecretsListQuery, SecretsListQueryVariables>;
export const SecretDetailDocument = new TypedDocumentString(`
    query SecretDetail($where: SecretWhereUniqueInput!) {
  item: secret(where: $where) {
    id
    name
    displayName
    type
    registryHost
    username
  }
}
    `) as unknown as TypedDocumentString<SecretDetailQuery, SecretDetailQueryVariables>;
export const CreateSecretDocument = new TypedDocumentString(`
    mutation CreateSecret($data: SecretCreateInput!) {
  createSecret(data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateSecretMutation, CreateSecretMutationVariables>;
export const UpdateSecretDocument = new TypedDocumentString(`
    mutation UpdateSecret($data: SecretUpdateInput!, $where: SecretWhereUniqueInput!) {
  updateSecret(data: $data, where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateSecretMutation, UpdateSecretMutationVariables>;
export const DeleteSecretDocument = new TypedDocumentString(`
    mutation DeleteSecret($where: SecretWhereUniqueInput!) {
  deleteSecret(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteSecretMutation, DeleteSecretMutationVariables>;
export const SystemDocument = new TypedDocumentString(`
    query System {
  system {
    org {
      name
    }
    defaultUserVolumeCapacity
    timezone {
      name
      offset
    }
  }
}
    `) as unknown as TypedDocumentString<SystemQuery, SystemQueryVariables>;
export const SaveSystemDocument = new TypedDocumentString(`
    mutation SaveSystem($data: SystemUpdateInput!) {
  updateSystem(data: $data) {
    defaultUserVolumeCapacity
  }
}
    `) as unknown as TypedDocumentString<SaveSystemMutation, SaveSystemMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($id: String, $password: String) {
  resetPassword(id: $id, password: $password) {
    id
  }
}
    `) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const UsersListDocument = new TypedDocumentString(`
    query UsersList($page: Int, $where: UserWhereInput, $order: UsersOrderBy) {
  list: usersConnection(page: $page, where: $where, userOrderBy: $order) {
    pageInfo {
      currentPage
      totalPage
    }
    edges {
      node {
        id
        username
        email
        firstName
        lastName
        isAdmin
        enabled
      }
    }
  }
}
    `) as unknown as TypedDocumentString<UsersListQuery, UsersListQueryVariables>;
export const UserDetailDocument = new TypedDocumentString(`
    query UserDetail($where: UserWhereUniqueInput!) {
  item: user(where: $where) {
    id
    username
    email
    firstName
    lastName
    isAdmin
    enabled
    volumeCapacity
    groups {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<UserDetailQuery, UserDetailQueryVariables>;
export const CreateUserDocument = new TypedDocumentString(`
    mutation CreateUser($data: UserCreateInput!) {
  createUser(data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateUserMutation, CreateUserMutationVariables>;
export const UpdateUserDocument = new TypedDocumentString(`
    mutation UpdateUser($data: UserUpdateInput!, $where: UserWhereUniqueInput!) {
  updateUser(data: $data, where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateUserMutation, UpdateUserMutationVariables>;
export const DeleteUserDocument = new TypedDocumentString(`
    mutation DeleteUser($where: UserWhereUniqueInput!) {
  deleteUser(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteUserMutation, DeleteUserMutationVariables>;
export const VolumesListDocument = new TypedDocumentString(`
    query VolumesList($page: Int, $where: DatasetWhereInput, $order: DatasetOrderByInput) {
  list: datasetsConnection(page: $page, where: $where, orderBy: $order) {
    pageInfo {
      currentPage
      totalPage
    }
    edges {
      node {
        id
        name
        displayName
        description
        type
        global
      }
    }
  }
}
    `) as unknown as TypedDocumentString<VolumesListQuery, VolumesListQueryVariables>;
export const VolumeDetailDocument = new TypedDocumentString(`
    query VolumeDetail($where: DatasetWhereUniqueInput!) {
  item: dataset(where: $where) {
    id
    name
    displayName
    description
    type
    global
    volumeSize
    nfsServer
    nfsPath
    hostPath
    url
    secret {
      id
    }
    variables
    mountRoot
    homeSymlink
    launchGroupOnly
    groups {
      id
      writable
    }
  }
}
    `) as unknown as TypedDocumentString<VolumeDetailQuery, VolumeDetailQueryVariables>;
export const CreateVolumeDocument = new TypedDocumentString(`
    mutation CreateVolume($data: DatasetCreateInput!) {
  createDataset(data: $data) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateVolumeMutation, CreateVolumeMutationVariables>;
export const UpdateVolumeDocument = new TypedDocumentString(`
    mutation UpdateVolume($data: DatasetUpdateInput!, $where: DatasetWhereUniqueInput!) {
  updateDataset(data: $data, where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateVolumeMutation, UpdateVolumeMutationVariables>;
export const DeleteVolumeDocument = new TypedDocumentString(`
    mutation DeleteVolume($where: DatasetWhereUniqueInput!) {
  deleteDataset(where: $where) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteVolumeMutation, DeleteVolumeMutationVariables>;