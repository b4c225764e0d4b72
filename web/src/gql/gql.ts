/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query Me {\n  me {\n    id username email firstName lastName isAdmin\n    effectiveGroups {\n      id name displayName admins\n      quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory userVolumeCapacity\n      resourceStatus { cpuUsage memUsage gpuUsage }\n      instanceTypes { id name displayName description cpuLimit memoryLimit gpuLimit }\n      images { id name displayName description type groupName }\n      datasets { id name displayName writable }\n    }\n  }\n}": typeof types.MeDocument,
    "\n  query MyNotebooks($where: NotebookWhereInput) {\n    notebooks(where: $where) {\n      id name namespace user groupName instanceType image stopped phase reason message url createdAt\n      events { type reason message object }\n    }\n  }\n": typeof types.MyNotebooksDocument,
    "\n  query MyJobs {\n    phJobs(where: { mine: true }) { groupName instanceType { name } phase }\n  }\n": typeof types.MyJobsDocument,
    "\n    query JobsList($page: Int, $where: PhJobWhereInput, $order: PhJobOrderByInput) {\n      list: phJobsConnection(page: $page, where: $where, orderBy: $order) {\n        pageInfo { currentPage totalPage }\n        edges { node { id displayName groupName instanceType { id name displayName } image command phase reason message createTime finishTime logEndpoint rerunOf } }\n      }\n    }\n  ": typeof types.JobsListDocument,
    "\n  mutation CancelJob($where: PhJobWhereUniqueInput!) {\n    cancelPhJob(where: $where) { id }\n  }\n": typeof types.CancelJobDocument,
    "\n  mutation RerunJob($where: PhJobWhereUniqueInput!) {\n    rerunPhJob(where: $where) { id }\n  }\n": typeof types.RerunJobDocument,
    "\n  query ManagedGroup($where: GroupWhereUniqueInput!) {\n    group(where: $where) {\n      id users { id } groupImages { id name displayName type url }\n      enabledSharedVolume sharedVolumeCapacity launchGroupOnly jobDefaultActiveDeadlineSeconds\n    }\n  }\n": typeof types.ManagedGroupDocument,
    "\n  mutation UpdateManagedGroup($data: GroupUpdateInput!, $where: GroupWhereUniqueInput!) {\n    updateGroup(data: $data, where: $where) { id }\n  }\n": typeof types.UpdateManagedGroupDocument,
    "\n  mutation CreateGroupImage($data: ImageCreateInput!) {\n    createImage(data: $data) { id }\n  }\n": typeof types.CreateGroupImageDocument,
    "\n  mutation DeleteGroupImage($where: ImageWhereUniqueInput!) {\n    deleteImage(where: $where) { id }\n  }\n": typeof types.DeleteGroupImageDocument,
    "\n  query SchedulesList($page: Int, $where: PhScheduleWhereInput, $order: PhScheduleOrderByInput) {\n    list: phSchedulesConnection(page: $page, where: $where, orderBy: $order) {\n      pageInfo { currentPage totalPage }\n      edges { node { ...ScheduleFields } }\n    }\n  }\n  fragment ScheduleFields on PhSchedule {\n    id displayName recurrence { type cron } command groupName instanceType { id name } image\n    nextRunTime lastRunTime forbidConcurrent activeDeadlineSeconds invalid message\n  }\n": typeof types.SchedulesListDocument,
    "\n  query Schedule($where: PhScheduleWhereUniqueInput!) {\n    phSchedule(where: $where) { ...ScheduleFields }\n  }\n": typeof types.ScheduleDocument,
    "\n  mutation RunSchedule($where: PhScheduleWhereUniqueInput!) {\n    runPhSchedule(where: $where) { job { id } }\n  }\n": typeof types.RunScheduleDocument,
    "\n  mutation DeleteSchedule($where: PhScheduleWhereUniqueInput!) {\n    deletePhSchedule(where: $where) { id }\n  }\n": typeof types.DeleteScheduleDocument,
    "\n  mutation UpdateSchedule($where: PhScheduleWhereUniqueInput!, $data: PhScheduleUpdateInput!) {\n    updatePhSchedule(where: $where, data: $data) { id }\n  }\n": typeof types.UpdateScheduleDocument,
    "\n  mutation CreateSchedule($data: PhScheduleCreateInput!) {\n    createPhSchedule(data: $data) { id }\n  }\n": typeof types.CreateScheduleDocument,
    "\n      query GroupsList($page: Int, $where: GroupWhereInput, $order: GroupOrderByInput) {\n        list: groupsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins } }\n        }\n      }\n    ": typeof types.GroupsListDocument,
    "\n      query ImagesList($page: Int, $where: ImageWhereInput, $order: ImageOrderByInput) {\n        list: imagesConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description type url urlForGpu useImagePullSecret global groupName } }\n        }\n      }\n    ": typeof types.ImagesListDocument,
    "\n      query InstanceTypesList($page: Int, $where: InstanceTypeWhereInput, $order: InstanceTypeOrderByInput) {\n        list: instanceTypesConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description cpuLimit cpuRequest memoryLimit memoryRequest gpuLimit global } }\n        }\n      }\n    ": typeof types.InstanceTypesListDocument,
    "\n  query RunningNotebooks($page: Int, $where: NotebookWhereInput) {\n    list: notebooksConnection(page: $page, where: $where) {\n      pageInfo { currentPage totalPage }\n      edges { node { id name user groupName instanceType runningSince } }\n    }\n  }\n": typeof types.RunningNotebooksDocument,
    "\n  mutation StopNotebook($where: NotebookWhereUniqueInput!) {\n    stopNotebook(where: $where) { id stopped }\n  }\n": typeof types.StopNotebookDocument,
    "\n      query SecretsList($page: Int, $where: SecretWhereInput, $order: SecretOrderByInput) {\n        list: secretsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName type registryHost username } }\n        }\n      }\n    ": typeof types.SecretsListDocument,
    "\n      query UsersList($page: Int, $where: UserWhereInput, $order: UsersOrderBy) {\n        list: usersConnection(page: $page, where: $where, userOrderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id username email firstName lastName isAdmin enabled } }\n        }\n      }\n    ": typeof types.UsersListDocument,
    "\n      query VolumesList($page: Int, $where: DatasetWhereInput, $order: DatasetOrderByInput) {\n        list: datasetsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description type global } }\n        }\n      }\n    ": typeof types.VolumesListDocument,
};
const documents: Documents = {
    "query Me {\n  me {\n    id username email firstName lastName isAdmin\n    effectiveGroups {\n      id name displayName admins\n      quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory userVolumeCapacity\n      resourceStatus { cpuUsage memUsage gpuUsage }\n      instanceTypes { id name displayName description cpuLimit memoryLimit gpuLimit }\n      images { id name displayName description type groupName }\n      datasets { id name displayName writable }\n    }\n  }\n}": types.MeDocument,
    "\n  query MyNotebooks($where: NotebookWhereInput) {\n    notebooks(where: $where) {\n      id name namespace user groupName instanceType image stopped phase reason message url createdAt\n      events { type reason message object }\n    }\n  }\n": types.MyNotebooksDocument,
    "\n  query MyJobs {\n    phJobs(where: { mine: true }) { groupName instanceType { name } phase }\n  }\n": types.MyJobsDocument,
    "\n    query JobsList($page: Int, $where: PhJobWhereInput, $order: PhJobOrderByInput) {\n      list: phJobsConnection(page: $page, where: $where, orderBy: $order) {\n        pageInfo { currentPage totalPage }\n        edges { node { id displayName groupName instanceType { id name displayName } image command phase reason message createTime finishTime logEndpoint rerunOf } }\n      }\n    }\n  ": types.JobsListDocument,
    "\n  mutation CancelJob($where: PhJobWhereUniqueInput!) {\n    cancelPhJob(where: $where) { id }\n  }\n": types.CancelJobDocument,
    "\n  mutation RerunJob($where: PhJobWhereUniqueInput!) {\n    rerunPhJob(where: $where) { id }\n  }\n": types.RerunJobDocument,
    "\n  query ManagedGroup($where: GroupWhereUniqueInput!) {\n    group(where: $where) {\n      id users { id } groupImages { id name displayName type url }\n      enabledSharedVolume sharedVolumeCapacity launchGroupOnly jobDefaultActiveDeadlineSeconds\n    }\n  }\n": types.ManagedGroupDocument,
    "\n  mutation UpdateManagedGroup($data: GroupUpdateInput!, $where: GroupWhereUniqueInput!) {\n    updateGroup(data: $data, where: $where) { id }\n  }\n": types.UpdateManagedGroupDocument,
    "\n  mutation CreateGroupImage($data: ImageCreateInput!) {\n    createImage(data: $data) { id }\n  }\n": types.CreateGroupImageDocument,
    "\n  mutation DeleteGroupImage($where: ImageWhereUniqueInput!) {\n    deleteImage(where: $where) { id }\n  }\n": types.DeleteGroupImageDocument,
    "\n  query SchedulesList($page: Int, $where: PhScheduleWhereInput, $order: PhScheduleOrderByInput) {\n    list: phSchedulesConnection(page: $page, where: $where, orderBy: $order) {\n      pageInfo { currentPage totalPage }\n      edges { node { ...ScheduleFields } }\n    }\n  }\n  fragment ScheduleFields on PhSchedule {\n    id displayName recurrence { type cron } command groupName instanceType { id name } image\n    nextRunTime lastRunTime forbidConcurrent activeDeadlineSeconds invalid message\n  }\n": types.SchedulesListDocument,
    "\n  query Schedule($where: PhScheduleWhereUniqueInput!) {\n    phSchedule(where: $where) { ...ScheduleFields }\n  }\n": types.ScheduleDocument,
    "\n  mutation RunSchedule($where: PhScheduleWhereUniqueInput!) {\n    runPhSchedule(where: $where) { job { id } }\n  }\n": types.RunScheduleDocument,
    "\n  mutation DeleteSchedule($where: PhScheduleWhereUniqueInput!) {\n    deletePhSchedule(where: $where) { id }\n  }\n": types.DeleteScheduleDocument,
    "\n  mutation UpdateSchedule($where: PhScheduleWhereUniqueInput!, $data: PhScheduleUpdateInput!) {\n    updatePhSchedule(where: $where, data: $data) { id }\n  }\n": types.UpdateScheduleDocument,
    "\n  mutation CreateSchedule($data: PhScheduleCreateInput!) {\n    createPhSchedule(data: $data) { id }\n  }\n": types.CreateScheduleDocument,
    "\n      query GroupsList($page: Int, $where: GroupWhereInput, $order: GroupOrderByInput) {\n        list: groupsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins } }\n        }\n      }\n    ": types.GroupsListDocument,
    "\n      query ImagesList($page: Int, $where: ImageWhereInput, $order: ImageOrderByInput) {\n        list: imagesConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description type url urlForGpu useImagePullSecret global groupName } }\n        }\n      }\n    ": types.ImagesListDocument,
    "\n      query InstanceTypesList($page: Int, $where: InstanceTypeWhereInput, $order: InstanceTypeOrderByInput) {\n        list: instanceTypesConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description cpuLimit cpuRequest memoryLimit memoryRequest gpuLimit global } }\n        }\n      }\n    ": types.InstanceTypesListDocument,
    "\n  query RunningNotebooks($page: Int, $where: NotebookWhereInput) {\n    list: notebooksConnection(page: $page, where: $where) {\n      pageInfo { currentPage totalPage }\n      edges { node { id name user groupName instanceType runningSince } }\n    }\n  }\n": types.RunningNotebooksDocument,
    "\n  mutation StopNotebook($where: NotebookWhereUniqueInput!) {\n    stopNotebook(where: $where) { id stopped }\n  }\n": types.StopNotebookDocument,
    "\n      query SecretsList($page: Int, $where: SecretWhereInput, $order: SecretOrderByInput) {\n        list: secretsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName type registryHost username } }\n        }\n      }\n    ": types.SecretsListDocument,
    "\n      query UsersList($page: Int, $where: UserWhereInput, $order: UsersOrderBy) {\n        list: usersConnection(page: $page, where: $where, userOrderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id username email firstName lastName isAdmin enabled } }\n        }\n      }\n    ": types.UsersListDocument,
    "\n      query VolumesList($page: Int, $where: DatasetWhereInput, $order: DatasetOrderByInput) {\n        list: datasetsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description type global } }\n        }\n      }\n    ": types.VolumesListDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me {\n  me {\n    id username email firstName lastName isAdmin\n    effectiveGroups {\n      id name displayName admins\n      quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory userVolumeCapacity\n      resourceStatus { cpuUsage memUsage gpuUsage }\n      instanceTypes { id name displayName description cpuLimit memoryLimit gpuLimit }\n      images { id name displayName description type groupName }\n      datasets { id name displayName writable }\n    }\n  }\n}"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyNotebooks($where: NotebookWhereInput) {\n    notebooks(where: $where) {\n      id name namespace user groupName instanceType image stopped phase reason message url createdAt\n      events { type reason message object }\n    }\n  }\n"): typeof import('./graphql').MyNotebooksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyJobs {\n    phJobs(where: { mine: true }) { groupName instanceType { name } phase }\n  }\n"): typeof import('./graphql').MyJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query JobsList($page: Int, $where: PhJobWhereInput, $order: PhJobOrderByInput) {\n      list: phJobsConnection(page: $page, where: $where, orderBy: $order) {\n        pageInfo { currentPage totalPage }\n        edges { node { id displayName groupName instanceType { id name displayName } image command phase reason message createTime finishTime logEndpoint rerunOf } }\n      }\n    }\n  "): typeof import('./graphql').JobsListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelJob($where: PhJobWhereUniqueInput!) {\n    cancelPhJob(where: $where) { id }\n  }\n"): typeof import('./graphql').CancelJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RerunJob($where: PhJobWhereUniqueInput!) {\n    rerunPhJob(where: $where) { id }\n  }\n"): typeof import('./graphql').RerunJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ManagedGroup($where: GroupWhereUniqueInput!) {\n    group(where: $where) {\n      id users { id } groupImages { id name displayName type url }\n      enabledSharedVolume sharedVolumeCapacity launchGroupOnly jobDefaultActiveDeadlineSeconds\n    }\n  }\n"): typeof import('./graphql').ManagedGroupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateManagedGroup($data: GroupUpdateInput!, $where: GroupWhereUniqueInput!) {\n    updateGroup(data: $data, where: $where) { id }\n  }\n"): typeof import('./graphql').UpdateManagedGroupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGroupImage($data: ImageCreateInput!) {\n    createImage(data: $data) { id }\n  }\n"): typeof import('./graphql').CreateGroupImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteGroupImage($where: ImageWhereUniqueInput!) {\n    deleteImage(where: $where) { id }\n  }\n"): typeof import('./graphql').DeleteGroupImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SchedulesList($page: Int, $where: PhScheduleWhereInput, $order: PhScheduleOrderByInput) {\n    list: phSchedulesConnection(page: $page, where: $where, orderBy: $order) {\n      pageInfo { currentPage totalPage }\n      edges { node { ...ScheduleFields } }\n    }\n  }\n  fragment ScheduleFields on PhSchedule {\n    id displayName recurrence { type cron } command groupName instanceType { id name } image\n    nextRunTime lastRunTime forbidConcurrent activeDeadlineSeconds invalid message\n  }\n"): typeof import('./graphql').SchedulesListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Schedule($where: PhScheduleWhereUniqueInput!) {\n    phSchedule(where: $where) { ...ScheduleFields }\n  }\n"): typeof import('./graphql').ScheduleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunSchedule($where: PhScheduleWhereUniqueInput!) {\n    runPhSchedule(where: $where) { job { id } }\n  }\n"): typeof import('./graphql').RunScheduleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSchedule($where: PhScheduleWhereUniqueInput!) {\n    deletePhSchedule(where: $where) { id }\n  }\n"): typeof import('./graphql').DeleteScheduleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSchedule($where: PhScheduleWhereUniqueInput!, $data: PhScheduleUpdateInput!) {\n    updatePhSchedule(where: $where, data: $data) { id }\n  }\n"): typeof import('./graphql').UpdateScheduleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSchedule($data: PhScheduleCreateInput!) {\n    createPhSchedule(data: $data) { id }\n  }\n"): typeof import('./graphql').CreateScheduleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query GroupsList($page: Int, $where: GroupWhereInput, $order: GroupOrderByInput) {\n        list: groupsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins } }\n        }\n      }\n    "): typeof import('./graphql').GroupsListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query ImagesList($page: Int, $where: ImageWhereInput, $order: ImageOrderByInput) {\n        list: imagesConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description type url urlForGpu useImagePullSecret global groupName } }\n        }\n      }\n    "): typeof import('./graphql').ImagesListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query InstanceTypesList($page: Int, $where: InstanceTypeWhereInput, $order: InstanceTypeOrderByInput) {\n        list: instanceTypesConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description cpuLimit cpuRequest memoryLimit memoryRequest gpuLimit global } }\n        }\n      }\n    "): typeof import('./graphql').InstanceTypesListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunningNotebooks($page: Int, $where: NotebookWhereInput) {\n    list: notebooksConnection(page: $page, where: $where) {\n      pageInfo { currentPage totalPage }\n      edges { node { id name user groupName instanceType runningSince } }\n    }\n  }\n"): typeof import('./graphql').RunningNotebooksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StopNotebook($where: NotebookWhereUniqueInput!) {\n    stopNotebook(where: $where) { id stopped }\n  }\n"): typeof import('./graphql').StopNotebookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query SecretsList($page: Int, $where: SecretWhereInput, $order: SecretOrderByInput) {\n        list: secretsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName type registryHost username } }\n        }\n      }\n    "): typeof import('./graphql').SecretsListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query UsersList($page: Int, $where: UserWhereInput, $order: UsersOrderBy) {\n        list: usersConnection(page: $page, where: $where, userOrderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id username email firstName lastName isAdmin enabled } }\n        }\n      }\n    "): typeof import('./graphql').UsersListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query VolumesList($page: Int, $where: DatasetWhereInput, $order: DatasetOrderByInput) {\n        list: datasetsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description type global } }\n        }\n      }\n    "): typeof import('./graphql').VolumesListDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
