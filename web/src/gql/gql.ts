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
    "\n  query PickGroups {\n    items: groups { id name displayName }\n  }\n": typeof types.PickGroupsDocument,
    "\n  query PickUsers {\n    items: users { id username }\n  }\n": typeof types.PickUsersDocument,
    "\n  query PickInstanceTypes {\n    items: instanceTypes { id name displayName }\n  }\n": typeof types.PickInstanceTypesDocument,
    "\n  query PickImages {\n    items: images { id name displayName }\n  }\n": typeof types.PickImagesDocument,
    "\n  query PickDatasets {\n    items: datasets { id name displayName }\n  }\n": typeof types.PickDatasetsDocument,
    "\n  query PickSecrets {\n    items: secrets { id name displayName type }\n  }\n": typeof types.PickSecretsDocument,
    "\n  query MyApps {\n    phApplications {\n      id displayName appName groupName userName instanceType scope appUrl svcEndpoints stop status message\n      pods { name logEndpoint }\n    }\n  }\n": typeof types.MyAppsDocument,
    "\n  query AppTemplates {\n    phAppTemplates {\n      id name description version docLink icon\n      defaultEnvs { name description defaultValue optional }\n    }\n  }\n": typeof types.AppTemplatesDocument,
    "query Me {\n  me {\n    id username email firstName lastName isAdmin\n    effectiveGroups {\n      id name displayName admins enabledDeployment allowPublicDeploymentEndpoints\n      quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory userVolumeCapacity\n      resourceStatus { cpuUsage memUsage gpuUsage }\n      instanceTypes { id name displayName description cpuLimit memoryLimit gpuLimit }\n      images { id name displayName description type groupName }\n      datasets { id name displayName writable }\n    }\n  }\n}": typeof types.MeDocument,
    "\n  query MyNotebooks($where: NotebookWhereInput) {\n    notebooks(where: $where) {\n      id name namespace user groupName instanceType image stopped phase reason message url createdAt\n      events { type reason message object }\n    }\n  }\n": typeof types.MyNotebooksDocument,
    "\n  query MyJobs {\n    phJobs(where: { mine: true }) { groupName instanceType { name } phase }\n  }\n": typeof types.MyJobsDocument,
    "\n  query Tokens {\n    me { id apiTokens { id name createdAt lastUsedAt } }\n  }\n": typeof types.TokensDocument,
    "\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) { token }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID) {\n    revokeApiToken(id: $id) { id }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  mutation InstallApp($data: PhApplicationCreateInput!) {\n    createPhApplication(data: $data) { id }\n  }\n": typeof types.InstallAppDocument,
    "\n    mutation StopApp($where: PhApplicationWhereUniqueInput!) {\n      stopPhApplication(where: $where) { id }\n    }\n  ": typeof types.StopAppDocument,
    "\n    mutation StartApp($where: PhApplicationWhereUniqueInput!) {\n      startPhApplication(where: $where) { id }\n    }\n  ": typeof types.StartAppDocument,
    "\n    mutation UninstallApp($where: PhApplicationWhereUniqueInput!) {\n      deletePhApplication(where: $where) { id }\n    }\n  ": typeof types.UninstallAppDocument,
    "\n  query DeploymentsList($page: Int, $where: PhDeploymentWhereInput) {\n    list: phDeploymentsConnection(page: $page, where: $where) {\n      pageInfo { currentPage totalPage }\n      edges { node { id name groupName status message replicas availableReplicas endpointAccessType lastUpdatedTime } }\n    }\n  }\n": typeof types.DeploymentsListDocument,
    "\n  query Deployment($where: PhDeploymentWhereUniqueInput!) {\n    phDeployment(where: $where) {\n      id name description status message groupName userName stop endpoint endpointAccessType\n      modelImage modelURI replicas availableReplicas instanceType { id name displayName } creationTime lastUpdatedTime\n      env { name value }\n      endpointClients { name }\n      pods { name phase logEndpoint }\n      history { time deployment { userName modelImage modelURI replicas instanceType { name } updateMessage } }\n    }\n  }\n": typeof types.DeploymentDocument,
    "\n  mutation CreateDeployment($data: PhDeploymentCreateInput!) {\n    createPhDeployment(data: $data) { id }\n  }\n": typeof types.CreateDeploymentDocument,
    "\n  mutation DeployDeployment($where: PhDeploymentWhereUniqueInput!) {\n    deployPhDeployment(where: $where) { id }\n  }\n": typeof types.DeployDeploymentDocument,
    "\n  mutation StopDeployment($where: PhDeploymentWhereUniqueInput!) {\n    stopPhDeployment(where: $where) { id }\n  }\n": typeof types.StopDeploymentDocument,
    "\n  mutation DeleteDeployment($where: PhDeploymentWhereUniqueInput!) {\n    deletePhDeployment(where: $where) { id }\n  }\n": typeof types.DeleteDeploymentDocument,
    "\n  mutation CreateDeploymentClient($data: PhDeploymentClientCreateInput!) {\n    createPhDeploymentClient(data: $data) { name plainTextToken }\n  }\n": typeof types.CreateDeploymentClientDocument,
    "\n  mutation DeleteDeploymentClient($where: PhDeploymentClientWhereUniqueInput!) {\n    deletePhDeploymentClient(where: $where) { id }\n  }\n": typeof types.DeleteDeploymentClientDocument,
    "\n  query JobsList($page: Int, $where: PhJobWhereInput, $order: PhJobOrderByInput) {\n    list: phJobsConnection(page: $page, where: $where, orderBy: $order) {\n      pageInfo { currentPage totalPage }\n      edges {\n        node {\n          id displayName groupName instanceType { id name displayName } image command\n          phase reason message createTime finishTime logEndpoint rerunOf\n        }\n      }\n    }\n  }\n": typeof types.JobsListDocument,
    "\n  mutation CancelJob($where: PhJobWhereUniqueInput!) {\n    cancelPhJob(where: $where) { id }\n  }\n": typeof types.CancelJobDocument,
    "\n  mutation RerunJob($where: PhJobWhereUniqueInput!) {\n    rerunPhJob(where: $where) { id }\n  }\n": typeof types.RerunJobDocument,
    "\n  mutation LaunchNotebook($data: NotebookCreateInput!) {\n    createNotebook(data: $data) { id }\n  }\n": typeof types.LaunchNotebookDocument,
    "\n  query ManagedGroup($where: GroupWhereUniqueInput!) {\n    group(where: $where) {\n      id users { id } groupImages { id name displayName type url }\n      enabledSharedVolume sharedVolumeCapacity launchGroupOnly jobDefaultActiveDeadlineSeconds\n    }\n  }\n": typeof types.ManagedGroupDocument,
    "\n  mutation UpdateManagedGroup($data: GroupUpdateInput!, $where: GroupWhereUniqueInput!) {\n    updateGroup(data: $data, where: $where) { id }\n  }\n": typeof types.UpdateManagedGroupDocument,
    "\n  mutation CreateGroupImage($data: ImageCreateInput!) {\n    createImage(data: $data) { id }\n  }\n": typeof types.CreateGroupImageDocument,
    "\n  mutation DeleteGroupImage($where: ImageWhereUniqueInput!) {\n    deleteImage(where: $where) { id }\n  }\n": typeof types.DeleteGroupImageDocument,
    "\n    mutation StopMyNotebook($where: NotebookWhereUniqueInput!) {\n      stopNotebook(where: $where) { id }\n    }\n  ": typeof types.StopMyNotebookDocument,
    "\n    mutation StartMyNotebook($where: NotebookWhereUniqueInput!) {\n      startNotebook(where: $where) { id }\n    }\n  ": typeof types.StartMyNotebookDocument,
    "\n    mutation DeleteMyNotebook($where: NotebookWhereUniqueInput!) {\n      deleteNotebook(where: $where) { id }\n    }\n  ": typeof types.DeleteMyNotebookDocument,
    "\n  query Profiles {\n    profiles { id name ownerKind owner contributors { kind name role } resourceQuota ready }\n  }\n": typeof types.ProfilesDocument,
    "\n  mutation CreateProfile($data: ProfileCreateInput!) {\n    createProfile(data: $data) { id }\n  }\n": typeof types.CreateProfileDocument,
    "\n  mutation AddProfileContributor($where: ProfileWhereUniqueInput!, $data: ProfileContributorInput!) {\n    addProfileContributor(where: $where, data: $data) { id }\n  }\n": typeof types.AddProfileContributorDocument,
    "\n  mutation RemoveProfileContributor($where: ProfileWhereUniqueInput!, $kind: String, $name: String!) {\n    removeProfileContributor(where: $where, kind: $kind, name: $name) { id }\n  }\n": typeof types.RemoveProfileContributorDocument,
    "\n  mutation DeleteProfile($where: ProfileWhereUniqueInput!) {\n    deleteProfile(where: $where) { id }\n  }\n": typeof types.DeleteProfileDocument,
    "\n  query SchedulesList($page: Int, $where: PhScheduleWhereInput, $order: PhScheduleOrderByInput) {\n    list: phSchedulesConnection(page: $page, where: $where, orderBy: $order) {\n      pageInfo { currentPage totalPage }\n      edges { node { ...ScheduleFields } }\n    }\n  }\n  fragment ScheduleFields on PhSchedule {\n    id displayName recurrence { type cron } command groupName instanceType { id name } image\n    nextRunTime lastRunTime forbidConcurrent activeDeadlineSeconds invalid message\n  }\n": typeof types.SchedulesListDocument,
    "\n  query Schedule($where: PhScheduleWhereUniqueInput!) {\n    phSchedule(where: $where) { ...ScheduleFields }\n  }\n": typeof types.ScheduleDocument,
    "\n  mutation RunSchedule($where: PhScheduleWhereUniqueInput!) {\n    runPhSchedule(where: $where) { job { id } }\n  }\n": typeof types.RunScheduleDocument,
    "\n  mutation DeleteSchedule($where: PhScheduleWhereUniqueInput!) {\n    deletePhSchedule(where: $where) { id }\n  }\n": typeof types.DeleteScheduleDocument,
    "\n  mutation UpdateSchedule($where: PhScheduleWhereUniqueInput!, $data: PhScheduleUpdateInput!) {\n    updatePhSchedule(where: $where, data: $data) { id }\n  }\n": typeof types.UpdateScheduleDocument,
    "\n  mutation CreateSchedule($data: PhScheduleCreateInput!) {\n    createPhSchedule(data: $data) { id }\n  }\n": typeof types.CreateScheduleDocument,
    "\n  mutation SubmitJob($data: PhJobCreateInput!) {\n    createPhJob(data: $data) { id }\n  }\n": typeof types.SubmitJobDocument,
    "\n      query GroupsList($page: Int, $where: GroupWhereInput, $order: GroupOrderByInput) {\n        list: groupsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins } }\n        }\n      }\n    ": typeof types.GroupsListDocument,
    "\n      query GroupDetail($where: GroupWhereUniqueInput!) {\n        item: group(where: $where) { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins userVolumeCapacity enabledSharedVolume sharedVolumeCapacity launchGroupOnly enabledProfile enabledDeployment maxDeploy allowPublicDeploymentEndpoints jobDefaultActiveDeadlineSeconds users { id } instanceTypes { id } images(mode: SYSTEM_ONLY) { id } datasets { id } }\n      }\n    ": typeof types.GroupDetailDocument,
    "\n      mutation CreateGroup($data: GroupCreateInput!) {\n        createGroup(data: $data) { id }\n      }\n    ": typeof types.CreateGroupDocument,
    "\n      mutation UpdateGroup($data: GroupUpdateInput!, $where: GroupWhereUniqueInput!) {\n        updateGroup(data: $data, where: $where) { id }\n      }\n    ": typeof types.UpdateGroupDocument,
    "\n      mutation DeleteGroup($where: GroupWhereUniqueInput!) {\n        deleteGroup(where: $where) { id }\n      }\n    ": typeof types.DeleteGroupDocument,
    "\n      query ImagesList($page: Int, $where: ImageWhereInput, $order: ImageOrderByInput) {\n        list: imagesConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description type url urlForGpu useImagePullSecret global groupName } }\n        }\n      }\n    ": typeof types.ImagesListDocument,
    "\n      query ImageDetail($where: ImageWhereUniqueInput!) {\n        item: image(where: $where) { id name displayName description type url urlForGpu useImagePullSecret global groupName groups { id } }\n      }\n    ": typeof types.ImageDetailDocument,
    "\n      mutation CreateImage($data: ImageCreateInput!) {\n        createImage(data: $data) { id }\n      }\n    ": typeof types.CreateImageDocument,
    "\n      mutation UpdateImage($data: ImageUpdateInput!, $where: ImageWhereUniqueInput!) {\n        updateImage(data: $data, where: $where) { id }\n      }\n    ": typeof types.UpdateImageDocument,
    "\n      mutation DeleteImage($where: ImageWhereUniqueInput!) {\n        deleteImage(where: $where) { id }\n      }\n    ": typeof types.DeleteImageDocument,
    "\n      query InstanceTypesList($page: Int, $where: InstanceTypeWhereInput, $order: InstanceTypeOrderByInput) {\n        list: instanceTypesConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description cpuLimit cpuRequest memoryLimit memoryRequest gpuLimit global } }\n        }\n      }\n    ": typeof types.InstanceTypesListDocument,
    "\n      query InstanceTypeDetail($where: InstanceTypeWhereUniqueInput!) {\n        item: instanceType(where: $where) { id name displayName description cpuLimit cpuRequest memoryLimit memoryRequest gpuLimit global gpuResourceName nodeSelector tolerations { operator key value effect } groups { id } }\n      }\n    ": typeof types.InstanceTypeDetailDocument,
    "\n      mutation CreateInstanceType($data: InstanceTypeCreateInput!) {\n        createInstanceType(data: $data) { id }\n      }\n    ": typeof types.CreateInstanceTypeDocument,
    "\n      mutation UpdateInstanceType($data: InstanceTypeUpdateInput!, $where: InstanceTypeWhereUniqueInput!) {\n        updateInstanceType(data: $data, where: $where) { id }\n      }\n    ": typeof types.UpdateInstanceTypeDocument,
    "\n      mutation DeleteInstanceType($where: InstanceTypeWhereUniqueInput!) {\n        deleteInstanceType(where: $where) { id }\n      }\n    ": typeof types.DeleteInstanceTypeDocument,
    "\n  query RunningNotebooks($page: Int, $where: NotebookWhereInput) {\n    list: notebooksConnection(page: $page, where: $where) {\n      pageInfo { currentPage totalPage }\n      edges { node { id name user groupName instanceType runningSince } }\n    }\n  }\n": typeof types.RunningNotebooksDocument,
    "\n  mutation StopNotebook($where: NotebookWhereUniqueInput!) {\n    stopNotebook(where: $where) { id stopped }\n  }\n": typeof types.StopNotebookDocument,
    "\n      query SecretsList($page: Int, $where: SecretWhereInput, $order: SecretOrderByInput) {\n        list: secretsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName type registryHost username } }\n        }\n      }\n    ": typeof types.SecretsListDocument,
    "\n      query SecretDetail($where: SecretWhereUniqueInput!) {\n        item: secret(where: $where) { id name displayName type registryHost username }\n      }\n    ": typeof types.SecretDetailDocument,
    "\n      mutation CreateSecret($data: SecretCreateInput!) {\n        createSecret(data: $data) { id }\n      }\n    ": typeof types.CreateSecretDocument,
    "\n      mutation UpdateSecret($data: SecretUpdateInput!, $where: SecretWhereUniqueInput!) {\n        updateSecret(data: $data, where: $where) { id }\n      }\n    ": typeof types.UpdateSecretDocument,
    "\n      mutation DeleteSecret($where: SecretWhereUniqueInput!) {\n        deleteSecret(where: $where) { id }\n      }\n    ": typeof types.DeleteSecretDocument,
    "\n  query System {\n    system { org { name } defaultUserVolumeCapacity timezone { name offset } }\n  }\n": typeof types.SystemDocument,
    "\n  mutation SaveSystem($data: SystemUpdateInput!) {\n    updateSystem(data: $data) { defaultUserVolumeCapacity }\n  }\n": typeof types.SaveSystemDocument,
    "\n  mutation ResetPassword($id: String, $password: String) {\n    resetPassword(id: $id, password: $password) { id }\n  }\n": typeof types.ResetPasswordDocument,
    "\n      query UsersList($page: Int, $where: UserWhereInput, $order: UsersOrderBy) {\n        list: usersConnection(page: $page, where: $where, userOrderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id username email firstName lastName isAdmin enabled } }\n        }\n      }\n    ": typeof types.UsersListDocument,
    "\n      query UserDetail($where: UserWhereUniqueInput!) {\n        item: user(where: $where) { id username email firstName lastName isAdmin enabled volumeCapacity groups { id } }\n      }\n    ": typeof types.UserDetailDocument,
    "\n      mutation CreateUser($data: UserCreateInput!) {\n        createUser(data: $data) { id }\n      }\n    ": typeof types.CreateUserDocument,
    "\n      mutation UpdateUser($data: UserUpdateInput!, $where: UserWhereUniqueInput!) {\n        updateUser(data: $data, where: $where) { id }\n      }\n    ": typeof types.UpdateUserDocument,
    "\n      mutation DeleteUser($where: UserWhereUniqueInput!) {\n        deleteUser(where: $where) { id }\n      }\n    ": typeof types.DeleteUserDocument,
    "\n      query VolumesList($page: Int, $where: DatasetWhereInput, $order: DatasetOrderByInput) {\n        list: datasetsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description type global } }\n        }\n      }\n    ": typeof types.VolumesListDocument,
    "\n      query VolumeDetail($where: DatasetWhereUniqueInput!) {\n        item: dataset(where: $where) { id name displayName description type global volumeSize nfsServer nfsPath hostPath url secret { id } variables mountRoot homeSymlink launchGroupOnly groups { id writable } }\n      }\n    ": typeof types.VolumeDetailDocument,
    "\n      mutation CreateVolume($data: DatasetCreateInput!) {\n        createDataset(data: $data) { id }\n      }\n    ": typeof types.CreateVolumeDocument,
    "\n      mutation UpdateVolume($data: DatasetUpdateInput!, $where: DatasetWhereUniqueInput!) {\n        updateDataset(data: $data, where: $where) { id }\n      }\n    ": typeof types.UpdateVolumeDocument,
    "\n      mutation DeleteVolume($where: DatasetWhereUniqueInput!) {\n        deleteDataset(where: $where) { id }\n      }\n    ": typeof types.DeleteVolumeDocument,
};
const documents: Documents = {
    "\n  query PickGroups {\n    items: groups { id name displayName }\n  }\n": types.PickGroupsDocument,
    "\n  query PickUsers {\n    items: users { id username }\n  }\n": types.PickUsersDocument,
    "\n  query PickInstanceTypes {\n    items: instanceTypes { id name displayName }\n  }\n": types.PickInstanceTypesDocument,
    "\n  query PickImages {\n    items: images { id name displayName }\n  }\n": types.PickImagesDocument,
    "\n  query PickDatasets {\n    items: datasets { id name displayName }\n  }\n": types.PickDatasetsDocument,
    "\n  query PickSecrets {\n    items: secrets { id name displayName type }\n  }\n": types.PickSecretsDocument,
    "\n  query MyApps {\n    phApplications {\n      id displayName appName groupName userName instanceType scope appUrl svcEndpoints stop status message\n      pods { name logEndpoint }\n    }\n  }\n": types.MyAppsDocument,
    "\n  query AppTemplates {\n    phAppTemplates {\n      id name description version docLink icon\n      defaultEnvs { name description defaultValue optional }\n    }\n  }\n": types.AppTemplatesDocument,
    "query Me {\n  me {\n    id username email firstName lastName isAdmin\n    effectiveGroups {\n      id name displayName admins enabledDeployment allowPublicDeploymentEndpoints\n      quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory userVolumeCapacity\n      resourceStatus { cpuUsage memUsage gpuUsage }\n      instanceTypes { id name displayName description cpuLimit memoryLimit gpuLimit }\n      images { id name displayName description type groupName }\n      datasets { id name displayName writable }\n    }\n  }\n}": types.MeDocument,
    "\n  query MyNotebooks($where: NotebookWhereInput) {\n    notebooks(where: $where) {\n      id name namespace user groupName instanceType image stopped phase reason message url createdAt\n      events { type reason message object }\n    }\n  }\n": types.MyNotebooksDocument,
    "\n  query MyJobs {\n    phJobs(where: { mine: true }) { groupName instanceType { name } phase }\n  }\n": types.MyJobsDocument,
    "\n  query Tokens {\n    me { id apiTokens { id name createdAt lastUsedAt } }\n  }\n": types.TokensDocument,
    "\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) { token }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID) {\n    revokeApiToken(id: $id) { id }\n  }\n": types.RevokeApiTokenDocument,
    "\n  mutation InstallApp($data: PhApplicationCreateInput!) {\n    createPhApplication(data: $data) { id }\n  }\n": types.InstallAppDocument,
    "\n    mutation StopApp($where: PhApplicationWhereUniqueInput!) {\n      stopPhApplication(where: $where) { id }\n    }\n  ": types.StopAppDocument,
    "\n    mutation StartApp($where: PhApplicationWhereUniqueInput!) {\n      startPhApplication(where: $where) { id }\n    }\n  ": types.StartAppDocument,
    "\n    mutation UninstallApp($where: PhApplicationWhereUniqueInput!) {\n      deletePhApplication(where: $where) { id }\n    }\n  ": types.UninstallAppDocument,
    "\n  query DeploymentsList($page: Int, $where: PhDeploymentWhereInput) {\n    list: phDeploymentsConnection(page: $page, where: $where) {\n      pageInfo { currentPage totalPage }\n      edges { node { id name groupName status message replicas availableReplicas endpointAccessType lastUpdatedTime } }\n    }\n  }\n": types.DeploymentsListDocument,
    "\n  query Deployment($where: PhDeploymentWhereUniqueInput!) {\n    phDeployment(where: $where) {\n      id name description status message groupName userName stop endpoint endpointAccessType\n      modelImage modelURI replicas availableReplicas instanceType { id name displayName } creationTime lastUpdatedTime\n      env { name value }\n      endpointClients { name }\n      pods { name phase logEndpoint }\n      history { time deployment { userName modelImage modelURI replicas instanceType { name } updateMessage } }\n    }\n  }\n": types.DeploymentDocument,
    "\n  mutation CreateDeployment($data: PhDeploymentCreateInput!) {\n    createPhDeployment(data: $data) { id }\n  }\n": types.CreateDeploymentDocument,
    "\n  mutation DeployDeployment($where: PhDeploymentWhereUniqueInput!) {\n    deployPhDeployment(where: $where) { id }\n  }\n": types.DeployDeploymentDocument,
    "\n  mutation StopDeployment($where: PhDeploymentWhereUniqueInput!) {\n    stopPhDeployment(where: $where) { id }\n  }\n": types.StopDeploymentDocument,
    "\n  mutation DeleteDeployment($where: PhDeploymentWhereUniqueInput!) {\n    deletePhDeployment(where: $where) { id }\n  }\n": types.DeleteDeploymentDocument,
    "\n  mutation CreateDeploymentClient($data: PhDeploymentClientCreateInput!) {\n    createPhDeploymentClient(data: $data) { name plainTextToken }\n  }\n": types.CreateDeploymentClientDocument,
    "\n  mutation DeleteDeploymentClient($where: PhDeploymentClientWhereUniqueInput!) {\n    deletePhDeploymentClient(where: $where) { id }\n  }\n": types.DeleteDeploymentClientDocument,
    "\n  query JobsList($page: Int, $where: PhJobWhereInput, $order: PhJobOrderByInput) {\n    list: phJobsConnection(page: $page, where: $where, orderBy: $order) {\n      pageInfo { currentPage totalPage }\n      edges {\n        node {\n          id displayName groupName instanceType { id name displayName } image command\n          phase reason message createTime finishTime logEndpoint rerunOf\n        }\n      }\n    }\n  }\n": types.JobsListDocument,
    "\n  mutation CancelJob($where: PhJobWhereUniqueInput!) {\n    cancelPhJob(where: $where) { id }\n  }\n": types.CancelJobDocument,
    "\n  mutation RerunJob($where: PhJobWhereUniqueInput!) {\n    rerunPhJob(where: $where) { id }\n  }\n": types.RerunJobDocument,
    "\n  mutation LaunchNotebook($data: NotebookCreateInput!) {\n    createNotebook(data: $data) { id }\n  }\n": types.LaunchNotebookDocument,
    "\n  query ManagedGroup($where: GroupWhereUniqueInput!) {\n    group(where: $where) {\n      id users { id } groupImages { id name displayName type url }\n      enabledSharedVolume sharedVolumeCapacity launchGroupOnly jobDefaultActiveDeadlineSeconds\n    }\n  }\n": types.ManagedGroupDocument,
    "\n  mutation UpdateManagedGroup($data: GroupUpdateInput!, $where: GroupWhereUniqueInput!) {\n    updateGroup(data: $data, where: $where) { id }\n  }\n": types.UpdateManagedGroupDocument,
    "\n  mutation CreateGroupImage($data: ImageCreateInput!) {\n    createImage(data: $data) { id }\n  }\n": types.CreateGroupImageDocument,
    "\n  mutation DeleteGroupImage($where: ImageWhereUniqueInput!) {\n    deleteImage(where: $where) { id }\n  }\n": types.DeleteGroupImageDocument,
    "\n    mutation StopMyNotebook($where: NotebookWhereUniqueInput!) {\n      stopNotebook(where: $where) { id }\n    }\n  ": types.StopMyNotebookDocument,
    "\n    mutation StartMyNotebook($where: NotebookWhereUniqueInput!) {\n      startNotebook(where: $where) { id }\n    }\n  ": types.StartMyNotebookDocument,
    "\n    mutation DeleteMyNotebook($where: NotebookWhereUniqueInput!) {\n      deleteNotebook(where: $where) { id }\n    }\n  ": types.DeleteMyNotebookDocument,
    "\n  query Profiles {\n    profiles { id name ownerKind owner contributors { kind name role } resourceQuota ready }\n  }\n": types.ProfilesDocument,
    "\n  mutation CreateProfile($data: ProfileCreateInput!) {\n    createProfile(data: $data) { id }\n  }\n": types.CreateProfileDocument,
    "\n  mutation AddProfileContributor($where: ProfileWhereUniqueInput!, $data: ProfileContributorInput!) {\n    addProfileContributor(where: $where, data: $data) { id }\n  }\n": types.AddProfileContributorDocument,
    "\n  mutation RemoveProfileContributor($where: ProfileWhereUniqueInput!, $kind: String, $name: String!) {\n    removeProfileContributor(where: $where, kind: $kind, name: $name) { id }\n  }\n": types.RemoveProfileContributorDocument,
    "\n  mutation DeleteProfile($where: ProfileWhereUniqueInput!) {\n    deleteProfile(where: $where) { id }\n  }\n": types.DeleteProfileDocument,
    "\n  query SchedulesList($page: Int, $where: PhScheduleWhereInput, $order: PhScheduleOrderByInput) {\n    list: phSchedulesConnection(page: $page, where: $where, orderBy: $order) {\n      pageInfo { currentPage totalPage }\n      edges { node { ...ScheduleFields } }\n    }\n  }\n  fragment ScheduleFields on PhSchedule {\n    id displayName recurrence { type cron } command groupName instanceType { id name } image\n    nextRunTime lastRunTime forbidConcurrent activeDeadlineSeconds invalid message\n  }\n": types.SchedulesListDocument,
    "\n  query Schedule($where: PhScheduleWhereUniqueInput!) {\n    phSchedule(where: $where) { ...ScheduleFields }\n  }\n": types.ScheduleDocument,
    "\n  mutation RunSchedule($where: PhScheduleWhereUniqueInput!) {\n    runPhSchedule(where: $where) { job { id } }\n  }\n": types.RunScheduleDocument,
    "\n  mutation DeleteSchedule($where: PhScheduleWhereUniqueInput!) {\n    deletePhSchedule(where: $where) { id }\n  }\n": types.DeleteScheduleDocument,
    "\n  mutation UpdateSchedule($where: PhScheduleWhereUniqueInput!, $data: PhScheduleUpdateInput!) {\n    updatePhSchedule(where: $where, data: $data) { id }\n  }\n": types.UpdateScheduleDocument,
    "\n  mutation CreateSchedule($data: PhScheduleCreateInput!) {\n    createPhSchedule(data: $data) { id }\n  }\n": types.CreateScheduleDocument,
    "\n  mutation SubmitJob($data: PhJobCreateInput!) {\n    createPhJob(data: $data) { id }\n  }\n": types.SubmitJobDocument,
    "\n      query GroupsList($page: Int, $where: GroupWhereInput, $order: GroupOrderByInput) {\n        list: groupsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins } }\n        }\n      }\n    ": types.GroupsListDocument,
    "\n      query GroupDetail($where: GroupWhereUniqueInput!) {\n        item: group(where: $where) { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins userVolumeCapacity enabledSharedVolume sharedVolumeCapacity launchGroupOnly enabledProfile enabledDeployment maxDeploy allowPublicDeploymentEndpoints jobDefaultActiveDeadlineSeconds users { id } instanceTypes { id } images(mode: SYSTEM_ONLY) { id } datasets { id } }\n      }\n    ": types.GroupDetailDocument,
    "\n      mutation CreateGroup($data: GroupCreateInput!) {\n        createGroup(data: $data) { id }\n      }\n    ": types.CreateGroupDocument,
    "\n      mutation UpdateGroup($data: GroupUpdateInput!, $where: GroupWhereUniqueInput!) {\n        updateGroup(data: $data, where: $where) { id }\n      }\n    ": types.UpdateGroupDocument,
    "\n      mutation DeleteGroup($where: GroupWhereUniqueInput!) {\n        deleteGroup(where: $where) { id }\n      }\n    ": types.DeleteGroupDocument,
    "\n      query ImagesList($page: Int, $where: ImageWhereInput, $order: ImageOrderByInput) {\n        list: imagesConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description type url urlForGpu useImagePullSecret global groupName } }\n        }\n      }\n    ": types.ImagesListDocument,
    "\n      query ImageDetail($where: ImageWhereUniqueInput!) {\n        item: image(where: $where) { id name displayName description type url urlForGpu useImagePullSecret global groupName groups { id } }\n      }\n    ": types.ImageDetailDocument,
    "\n      mutation CreateImage($data: ImageCreateInput!) {\n        createImage(data: $data) { id }\n      }\n    ": types.CreateImageDocument,
    "\n      mutation UpdateImage($data: ImageUpdateInput!, $where: ImageWhereUniqueInput!) {\n        updateImage(data: $data, where: $where) { id }\n      }\n    ": types.UpdateImageDocument,
    "\n      mutation DeleteImage($where: ImageWhereUniqueInput!) {\n        deleteImage(where: $where) { id }\n      }\n    ": types.DeleteImageDocument,
    "\n      query InstanceTypesList($page: Int, $where: InstanceTypeWhereInput, $order: InstanceTypeOrderByInput) {\n        list: instanceTypesConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description cpuLimit cpuRequest memoryLimit memoryRequest gpuLimit global } }\n        }\n      }\n    ": types.InstanceTypesListDocument,
    "\n      query InstanceTypeDetail($where: InstanceTypeWhereUniqueInput!) {\n        item: instanceType(where: $where) { id name displayName description cpuLimit cpuRequest memoryLimit memoryRequest gpuLimit global gpuResourceName nodeSelector tolerations { operator key value effect } groups { id } }\n      }\n    ": types.InstanceTypeDetailDocument,
    "\n      mutation CreateInstanceType($data: InstanceTypeCreateInput!) {\n        createInstanceType(data: $data) { id }\n      }\n    ": types.CreateInstanceTypeDocument,
    "\n      mutation UpdateInstanceType($data: InstanceTypeUpdateInput!, $where: InstanceTypeWhereUniqueInput!) {\n        updateInstanceType(data: $data, where: $where) { id }\n      }\n    ": types.UpdateInstanceTypeDocument,
    "\n      mutation DeleteInstanceType($where: InstanceTypeWhereUniqueInput!) {\n        deleteInstanceType(where: $where) { id }\n      }\n    ": types.DeleteInstanceTypeDocument,
    "\n  query RunningNotebooks($page: Int, $where: NotebookWhereInput) {\n    list: notebooksConnection(page: $page, where: $where) {\n      pageInfo { currentPage totalPage }\n      edges { node { id name user groupName instanceType runningSince } }\n    }\n  }\n": types.RunningNotebooksDocument,
    "\n  mutation StopNotebook($where: NotebookWhereUniqueInput!) {\n    stopNotebook(where: $where) { id stopped }\n  }\n": types.StopNotebookDocument,
    "\n      query SecretsList($page: Int, $where: SecretWhereInput, $order: SecretOrderByInput) {\n        list: secretsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName type registryHost username } }\n        }\n      }\n    ": types.SecretsListDocument,
    "\n      query SecretDetail($where: SecretWhereUniqueInput!) {\n        item: secret(where: $where) { id name displayName type registryHost username }\n      }\n    ": types.SecretDetailDocument,
    "\n      mutation CreateSecret($data: SecretCreateInput!) {\n        createSecret(data: $data) { id }\n      }\n    ": types.CreateSecretDocument,
    "\n      mutation UpdateSecret($data: SecretUpdateInput!, $where: SecretWhereUniqueInput!) {\n        updateSecret(data: $data, where: $where) { id }\n      }\n    ": types.UpdateSecretDocument,
    "\n      mutation DeleteSecret($where: SecretWhereUniqueInput!) {\n        deleteSecret(where: $where) { id }\n      }\n    ": types.DeleteSecretDocument,
    "\n  query System {\n    system { org { name } defaultUserVolumeCapacity timezone { name offset } }\n  }\n": types.SystemDocument,
    "\n  mutation SaveSystem($data: SystemUpdateInput!) {\n    updateSystem(data: $data) { defaultUserVolumeCapacity }\n  }\n": types.SaveSystemDocument,
    "\n  mutation ResetPassword($id: String, $password: String) {\n    resetPassword(id: $id, password: $password) { id }\n  }\n": types.ResetPasswordDocument,
    "\n      query UsersList($page: Int, $where: UserWhereInput, $order: UsersOrderBy) {\n        list: usersConnection(page: $page, where: $where, userOrderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id username email firstName lastName isAdmin enabled } }\n        }\n      }\n    ": types.UsersListDocument,
    "\n      query UserDetail($where: UserWhereUniqueInput!) {\n        item: user(where: $where) { id username email firstName lastName isAdmin enabled volumeCapacity groups { id } }\n      }\n    ": types.UserDetailDocument,
    "\n      mutation CreateUser($data: UserCreateInput!) {\n        createUser(data: $data) { id }\n      }\n    ": types.CreateUserDocument,
    "\n      mutation UpdateUser($data: UserUpdateInput!, $where: UserWhereUniqueInput!) {\n        updateUser(data: $data, where: $where) { id }\n      }\n    ": types.UpdateUserDocument,
    "\n      mutation DeleteUser($where: UserWhereUniqueInput!) {\n        deleteUser(where: $where) { id }\n      }\n    ": types.DeleteUserDocument,
    "\n      query VolumesList($page: Int, $where: DatasetWhereInput, $order: DatasetOrderByInput) {\n        list: datasetsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description type global } }\n        }\n      }\n    ": types.VolumesListDocument,
    "\n      query VolumeDetail($where: DatasetWhereUniqueInput!) {\n        item: dataset(where: $where) { id name displayName description type global volumeSize nfsServer nfsPath hostPath url secret { id } variables mountRoot homeSymlink launchGroupOnly groups { id writable } }\n      }\n    ": types.VolumeDetailDocument,
    "\n      mutation CreateVolume($data: DatasetCreateInput!) {\n        createDataset(data: $data) { id }\n      }\n    ": types.CreateVolumeDocument,
    "\n      mutation UpdateVolume($data: DatasetUpdateInput!, $where: DatasetWhereUniqueInput!) {\n        updateDataset(data: $data, where: $where) { id }\n      }\n    ": types.UpdateVolumeDocument,
    "\n      mutation DeleteVolume($where: DatasetWhereUniqueInput!) {\n        deleteDataset(where: $where) { id }\n      }\n    ": types.DeleteVolumeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickGroups {\n    items: groups { id name displayName }\n  }\n"): typeof import('./graphql').PickGroupsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickUsers {\n    items: users { id username }\n  }\n"): typeof import('./graphql').PickUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickInstanceTypes {\n    items: instanceTypes { id name displayName }\n  }\n"): typeof import('./graphql').PickInstanceTypesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickImages {\n    items: images { id name displayName }\n  }\n"): typeof import('./graphql').PickImagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickDatasets {\n    items: datasets { id name displayName }\n  }\n"): typeof import('./graphql').PickDatasetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickSecrets {\n    items: secrets { id name displayName type }\n  }\n"): typeof import('./graphql').PickSecretsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyApps {\n    phApplications {\n      id displayName appName groupName userName instanceType scope appUrl svcEndpoints stop status message\n      pods { name logEndpoint }\n    }\n  }\n"): typeof import('./graphql').MyAppsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppTemplates {\n    phAppTemplates {\n      id name description version docLink icon\n      defaultEnvs { name description defaultValue optional }\n    }\n  }\n"): typeof import('./graphql').AppTemplatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me {\n  me {\n    id username email firstName lastName isAdmin\n    effectiveGroups {\n      id name displayName admins enabledDeployment allowPublicDeploymentEndpoints\n      quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory userVolumeCapacity\n      resourceStatus { cpuUsage memUsage gpuUsage }\n      instanceTypes { id name displayName description cpuLimit memoryLimit gpuLimit }\n      images { id name displayName description type groupName }\n      datasets { id name displayName writable }\n    }\n  }\n}"): typeof import('./graphql').MeDocument;
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
export function graphql(source: "\n  query Tokens {\n    me { id apiTokens { id name createdAt lastUsedAt } }\n  }\n"): typeof import('./graphql').TokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) { token }\n  }\n"): typeof import('./graphql').CreateApiTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID) {\n    revokeApiToken(id: $id) { id }\n  }\n"): typeof import('./graphql').RevokeApiTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InstallApp($data: PhApplicationCreateInput!) {\n    createPhApplication(data: $data) { id }\n  }\n"): typeof import('./graphql').InstallAppDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation StopApp($where: PhApplicationWhereUniqueInput!) {\n      stopPhApplication(where: $where) { id }\n    }\n  "): typeof import('./graphql').StopAppDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation StartApp($where: PhApplicationWhereUniqueInput!) {\n      startPhApplication(where: $where) { id }\n    }\n  "): typeof import('./graphql').StartAppDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation UninstallApp($where: PhApplicationWhereUniqueInput!) {\n      deletePhApplication(where: $where) { id }\n    }\n  "): typeof import('./graphql').UninstallAppDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeploymentsList($page: Int, $where: PhDeploymentWhereInput) {\n    list: phDeploymentsConnection(page: $page, where: $where) {\n      pageInfo { currentPage totalPage }\n      edges { node { id name groupName status message replicas availableReplicas endpointAccessType lastUpdatedTime } }\n    }\n  }\n"): typeof import('./graphql').DeploymentsListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Deployment($where: PhDeploymentWhereUniqueInput!) {\n    phDeployment(where: $where) {\n      id name description status message groupName userName stop endpoint endpointAccessType\n      modelImage modelURI replicas availableReplicas instanceType { id name displayName } creationTime lastUpdatedTime\n      env { name value }\n      endpointClients { name }\n      pods { name phase logEndpoint }\n      history { time deployment { userName modelImage modelURI replicas instanceType { name } updateMessage } }\n    }\n  }\n"): typeof import('./graphql').DeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDeployment($data: PhDeploymentCreateInput!) {\n    createPhDeployment(data: $data) { id }\n  }\n"): typeof import('./graphql').CreateDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeployDeployment($where: PhDeploymentWhereUniqueInput!) {\n    deployPhDeployment(where: $where) { id }\n  }\n"): typeof import('./graphql').DeployDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StopDeployment($where: PhDeploymentWhereUniqueInput!) {\n    stopPhDeployment(where: $where) { id }\n  }\n"): typeof import('./graphql').StopDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteDeployment($where: PhDeploymentWhereUniqueInput!) {\n    deletePhDeployment(where: $where) { id }\n  }\n"): typeof import('./graphql').DeleteDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDeploymentClient($data: PhDeploymentClientCreateInput!) {\n    createPhDeploymentClient(data: $data) { name plainTextToken }\n  }\n"): typeof import('./graphql').CreateDeploymentClientDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteDeploymentClient($where: PhDeploymentClientWhereUniqueInput!) {\n    deletePhDeploymentClient(where: $where) { id }\n  }\n"): typeof import('./graphql').DeleteDeploymentClientDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobsList($page: Int, $where: PhJobWhereInput, $order: PhJobOrderByInput) {\n    list: phJobsConnection(page: $page, where: $where, orderBy: $order) {\n      pageInfo { currentPage totalPage }\n      edges {\n        node {\n          id displayName groupName instanceType { id name displayName } image command\n          phase reason message createTime finishTime logEndpoint rerunOf\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').JobsListDocument;
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
export function graphql(source: "\n  mutation LaunchNotebook($data: NotebookCreateInput!) {\n    createNotebook(data: $data) { id }\n  }\n"): typeof import('./graphql').LaunchNotebookDocument;
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
export function graphql(source: "\n    mutation StopMyNotebook($where: NotebookWhereUniqueInput!) {\n      stopNotebook(where: $where) { id }\n    }\n  "): typeof import('./graphql').StopMyNotebookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation StartMyNotebook($where: NotebookWhereUniqueInput!) {\n      startNotebook(where: $where) { id }\n    }\n  "): typeof import('./graphql').StartMyNotebookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DeleteMyNotebook($where: NotebookWhereUniqueInput!) {\n      deleteNotebook(where: $where) { id }\n    }\n  "): typeof import('./graphql').DeleteMyNotebookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profiles {\n    profiles { id name ownerKind owner contributors { kind name role } resourceQuota ready }\n  }\n"): typeof import('./graphql').ProfilesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProfile($data: ProfileCreateInput!) {\n    createProfile(data: $data) { id }\n  }\n"): typeof import('./graphql').CreateProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddProfileContributor($where: ProfileWhereUniqueInput!, $data: ProfileContributorInput!) {\n    addProfileContributor(where: $where, data: $data) { id }\n  }\n"): typeof import('./graphql').AddProfileContributorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveProfileContributor($where: ProfileWhereUniqueInput!, $kind: String, $name: String!) {\n    removeProfileContributor(where: $where, kind: $kind, name: $name) { id }\n  }\n"): typeof import('./graphql').RemoveProfileContributorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteProfile($where: ProfileWhereUniqueInput!) {\n    deleteProfile(where: $where) { id }\n  }\n"): typeof import('./graphql').DeleteProfileDocument;
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
export function graphql(source: "\n  mutation SubmitJob($data: PhJobCreateInput!) {\n    createPhJob(data: $data) { id }\n  }\n"): typeof import('./graphql').SubmitJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query GroupsList($page: Int, $where: GroupWhereInput, $order: GroupOrderByInput) {\n        list: groupsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins } }\n        }\n      }\n    "): typeof import('./graphql').GroupsListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query GroupDetail($where: GroupWhereUniqueInput!) {\n        item: group(where: $where) { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins userVolumeCapacity enabledSharedVolume sharedVolumeCapacity launchGroupOnly enabledProfile enabledDeployment maxDeploy allowPublicDeploymentEndpoints jobDefaultActiveDeadlineSeconds users { id } instanceTypes { id } images(mode: SYSTEM_ONLY) { id } datasets { id } }\n      }\n    "): typeof import('./graphql').GroupDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation CreateGroup($data: GroupCreateInput!) {\n        createGroup(data: $data) { id }\n      }\n    "): typeof import('./graphql').CreateGroupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation UpdateGroup($data: GroupUpdateInput!, $where: GroupWhereUniqueInput!) {\n        updateGroup(data: $data, where: $where) { id }\n      }\n    "): typeof import('./graphql').UpdateGroupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation DeleteGroup($where: GroupWhereUniqueInput!) {\n        deleteGroup(where: $where) { id }\n      }\n    "): typeof import('./graphql').DeleteGroupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query ImagesList($page: Int, $where: ImageWhereInput, $order: ImageOrderByInput) {\n        list: imagesConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description type url urlForGpu useImagePullSecret global groupName } }\n        }\n      }\n    "): typeof import('./graphql').ImagesListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query ImageDetail($where: ImageWhereUniqueInput!) {\n        item: image(where: $where) { id name displayName description type url urlForGpu useImagePullSecret global groupName groups { id } }\n      }\n    "): typeof import('./graphql').ImageDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation CreateImage($data: ImageCreateInput!) {\n        createImage(data: $data) { id }\n      }\n    "): typeof import('./graphql').CreateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation UpdateImage($data: ImageUpdateInput!, $where: ImageWhereUniqueInput!) {\n        updateImage(data: $data, where: $where) { id }\n      }\n    "): typeof import('./graphql').UpdateImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation DeleteImage($where: ImageWhereUniqueInput!) {\n        deleteImage(where: $where) { id }\n      }\n    "): typeof import('./graphql').DeleteImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query InstanceTypesList($page: Int, $where: InstanceTypeWhereInput, $order: InstanceTypeOrderByInput) {\n        list: instanceTypesConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description cpuLimit cpuRequest memoryLimit memoryRequest gpuLimit global } }\n        }\n      }\n    "): typeof import('./graphql').InstanceTypesListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query InstanceTypeDetail($where: InstanceTypeWhereUniqueInput!) {\n        item: instanceType(where: $where) { id name displayName description cpuLimit cpuRequest memoryLimit memoryRequest gpuLimit global gpuResourceName nodeSelector tolerations { operator key value effect } groups { id } }\n      }\n    "): typeof import('./graphql').InstanceTypeDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation CreateInstanceType($data: InstanceTypeCreateInput!) {\n        createInstanceType(data: $data) { id }\n      }\n    "): typeof import('./graphql').CreateInstanceTypeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation UpdateInstanceType($data: InstanceTypeUpdateInput!, $where: InstanceTypeWhereUniqueInput!) {\n        updateInstanceType(data: $data, where: $where) { id }\n      }\n    "): typeof import('./graphql').UpdateInstanceTypeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation DeleteInstanceType($where: InstanceTypeWhereUniqueInput!) {\n        deleteInstanceType(where: $where) { id }\n      }\n    "): typeof import('./graphql').DeleteInstanceTypeDocument;
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
export function graphql(source: "\n      query SecretDetail($where: SecretWhereUniqueInput!) {\n        item: secret(where: $where) { id name displayName type registryHost username }\n      }\n    "): typeof import('./graphql').SecretDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation CreateSecret($data: SecretCreateInput!) {\n        createSecret(data: $data) { id }\n      }\n    "): typeof import('./graphql').CreateSecretDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation UpdateSecret($data: SecretUpdateInput!, $where: SecretWhereUniqueInput!) {\n        updateSecret(data: $data, where: $where) { id }\n      }\n    "): typeof import('./graphql').UpdateSecretDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation DeleteSecret($where: SecretWhereUniqueInput!) {\n        deleteSecret(where: $where) { id }\n      }\n    "): typeof import('./graphql').DeleteSecretDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query System {\n    system { org { name } defaultUserVolumeCapacity timezone { name offset } }\n  }\n"): typeof import('./graphql').SystemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveSystem($data: SystemUpdateInput!) {\n    updateSystem(data: $data) { defaultUserVolumeCapacity }\n  }\n"): typeof import('./graphql').SaveSystemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($id: String, $password: String) {\n    resetPassword(id: $id, password: $password) { id }\n  }\n"): typeof import('./graphql').ResetPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query UsersList($page: Int, $where: UserWhereInput, $order: UsersOrderBy) {\n        list: usersConnection(page: $page, where: $where, userOrderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id username email firstName lastName isAdmin enabled } }\n        }\n      }\n    "): typeof import('./graphql').UsersListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query UserDetail($where: UserWhereUniqueInput!) {\n        item: user(where: $where) { id username email firstName lastName isAdmin enabled volumeCapacity groups { id } }\n      }\n    "): typeof import('./graphql').UserDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation CreateUser($data: UserCreateInput!) {\n        createUser(data: $data) { id }\n      }\n    "): typeof import('./graphql').CreateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation UpdateUser($data: UserUpdateInput!, $where: UserWhereUniqueInput!) {\n        updateUser(data: $data, where: $where) { id }\n      }\n    "): typeof import('./graphql').UpdateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation DeleteUser($where: UserWhereUniqueInput!) {\n        deleteUser(where: $where) { id }\n      }\n    "): typeof import('./graphql').DeleteUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query VolumesList($page: Int, $where: DatasetWhereInput, $order: DatasetOrderByInput) {\n        list: datasetsConnection(page: $page, where: $where, orderBy: $order) {\n          pageInfo { currentPage totalPage }\n          edges { node { id name displayName description type global } }\n        }\n      }\n    "): typeof import('./graphql').VolumesListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query VolumeDetail($where: DatasetWhereUniqueInput!) {\n        item: dataset(where: $where) { id name displayName description type global volumeSize nfsServer nfsPath hostPath url secret { id } variables mountRoot homeSymlink launchGroupOnly groups { id writable } }\n      }\n    "): typeof import('./graphql').VolumeDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation CreateVolume($data: DatasetCreateInput!) {\n        createDataset(data: $data) { id }\n      }\n    "): typeof import('./graphql').CreateVolumeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation UpdateVolume($data: DatasetUpdateInput!, $where: DatasetWhereUniqueInput!) {\n        updateDataset(data: $data, where: $where) { id }\n      }\n    "): typeof import('./graphql').UpdateVolumeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation DeleteVolume($where: DatasetWhereUniqueInput!) {\n        deleteDataset(where: $where) { id }\n      }\n    "): typeof import('./graphql').DeleteVolumeDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
