/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type DatasetOrderByInput = {
  description?: string | null | undefined;
  displayName?: string | null | undefined;
  name?: string | null | undefined;
  type?: string | null | undefined;
};

export type DatasetWhereInput = {
  displayName_contains?: string | null | undefined;
  id?: string | number | null | undefined;
  name_contains?: string | null | undefined;
  search?: string | null | undefined;
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
  datasets?: NamesSetInput | null | undefined;
  displayName?: string | null | undefined;
  enabledProfile?: boolean | null | undefined;
  enabledSharedVolume?: boolean | null | undefined;
  images?: NamesSetInput | null | undefined;
  instanceTypes?: NamesSetInput | null | undefined;
  jobDefaultActiveDeadlineSeconds?: number | null | undefined;
  launchGroupOnly?: boolean | null | undefined;
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

export type InstanceTypeOrderByInput = {
  cpuLimit?: string | null | undefined;
  description?: string | null | undefined;
  displayName?: string | null | undefined;
  gpuLimit?: string | null | undefined;
  memoryLimit?: string | null | undefined;
  name?: string | null | undefined;
};

export type InstanceTypeWhereInput = {
  displayName_contains?: string | null | undefined;
  id?: string | number | null | undefined;
  name_contains?: string | null | undefined;
  search?: string | null | undefined;
};

/** The full list of what the group is granted: replaces the grants it had. */
export type NamesSetInput = {
  set?: Array<string> | null | undefined;
};

export type NotebookWhereInput = {
  groupName?: string | null | undefined;
  phase?: string | null | undefined;
  user?: string | null | undefined;
};

export type NotebookWhereUniqueInput = {
  id: string | number;
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

export type RecurrenceInput = {
  cron?: string | null | undefined;
  type?: string | null | undefined;
};

export type SecretOrderByInput = {
  displayName?: string | null | undefined;
  name?: string | null | undefined;
};

/** opaque: a value (git credentials); kubernetes: an image pull secret (dockerconfigjson). */
export type SecretType =
  | 'kubernetes'
  | 'opaque';

export type SecretWhereInput = {
  id?: string | number | null | undefined;
  ifDockerConfigJson?: boolean | null | undefined;
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

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, username: string, email: string | null, firstName: string | null, lastName: string | null, isAdmin: boolean | null, effectiveGroups: Array<{ id: string, name: string, displayName: string | null, admins: string | null, quotaCpu: number | null, quotaGpu: number | null, quotaMemory: number | null, projectQuotaCpu: number | null, projectQuotaGpu: number | null, projectQuotaMemory: number | null, userVolumeCapacity: number | null, resourceStatus: { cpuUsage: string | null, memUsage: string | null, gpuUsage: string | null } | null, instanceTypes: Array<{ id: string, name: string, displayName: string | null, description: string | null, cpuLimit: number | null, memoryLimit: number | null, gpuLimit: number | null } | null> | null, images: Array<{ id: string, name: string, displayName: string | null, description: string | null, type: string | null, groupName: string | null } | null> | null, datasets: Array<{ id: string, name: string, displayName: string | null, writable: boolean | null } | null> | null } | null> | null } | null };

export type MyNotebooksQueryVariables = Exact<{
  where?: NotebookWhereInput | null | undefined;
}>;


export type MyNotebooksQuery = { notebooks: Array<{ id: string, name: string, namespace: string, user: string, groupName: string, instanceType: string, image: string, stopped: boolean, phase: string | null, reason: string | null, message: string | null, url: string | null, createdAt: string, events: Array<{ type: string, reason: string, message: string, object: string }> } | null> };

export type MyJobsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyJobsQuery = { phJobs: Array<{ groupName: string | null, phase: string | null, instanceType: { name: string } | null } | null> };

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

export type GroupsListQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: GroupWhereInput | null | undefined;
  order?: GroupOrderByInput | null | undefined;
}>;


export type GroupsListQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, name: string, displayName: string | null, quotaCpu: number | null, quotaGpu: number | null, quotaMemory: number | null, projectQuotaCpu: number | null, projectQuotaGpu: number | null, projectQuotaMemory: number | null, admins: string | null } } | null> } };

export type ImagesListQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: ImageWhereInput | null | undefined;
  order?: ImageOrderByInput | null | undefined;
}>;


export type ImagesListQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, name: string, displayName: string | null, description: string | null, type: string | null, url: string | null, urlForGpu: string | null, useImagePullSecret: string | null, global: boolean | null, groupName: string | null } } | null> } };

export type InstanceTypesListQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: InstanceTypeWhereInput | null | undefined;
  order?: InstanceTypeOrderByInput | null | undefined;
}>;


export type InstanceTypesListQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, name: string, displayName: string | null, description: string | null, cpuLimit: number | null, cpuRequest: number | null, memoryLimit: number | null, memoryRequest: number | null, gpuLimit: number | null, global: boolean | null } } | null> } };

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

export type UsersListQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: UserWhereInput | null | undefined;
  order?: UsersOrderBy | null | undefined;
}>;


export type UsersListQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, username: string, email: string | null, firstName: string | null, lastName: string | null, isAdmin: boolean | null, enabled: boolean | null } } | null> } };

export type VolumesListQueryVariables = Exact<{
  page?: number | null | undefined;
  where?: DatasetWhereInput | null | undefined;
  order?: DatasetOrderByInput | null | undefined;
}>;


export type VolumesListQuery = { list: { pageInfo: { currentPage: number | null, totalPage: number | null }, edges: Array<{ node: { id: string, name: string, displayName: string | null, description: string | null, type: string | null, global: boolean | null } } | null> } };

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