/// qTest's object models as its clients read them: keys in wire order, their types (see
/// ``ContractType``) and which ones a client refuses to do without (`!`). The keys and flags
/// are the union of the 2023.6 and 9.1 clients' models, so a key the older client requires is
/// required here too.
///
/// `extra` lists keys the emulator sends that the clients' models lack, and `why`; `open`
/// marks a base type whose instances carry any keys.
enum QTestModelData {
    static let json = #"""
{
  "AdminProfile": {"about": "Site administration rights.", "keys": {
    "user_id": "integer",
    "create_project": "boolean",
    "edit_project": "boolean",
    "archive_project": "boolean",
    "list_project": "boolean",
    "manage_client_user": "boolean",
    "edit_user_profile": "boolean",
    "view_user_profile": "boolean",
    "manage_client_info": "boolean",
    "manage_system_conf": "boolean",
    "site_level_field": "boolean",
    "manage_user_group": "boolean",
    "insight_viewer": "boolean",
    "insight_editor": "boolean",
    "pulse_access": "boolean",
    "launch_access": "boolean",
    "analytics_viewer": "boolean"
  }},
  "AllowedValueInputResource": {"keys": {
    "default": "boolean",
    "value": "integer",
    "label": "string",
    "order": "integer",
    "is_default": "boolean",
    "is_active": "boolean",
    "color": "string"
  }},
  "AllowedValueResource": {"about": "One allowed value of a lookup field.", "keys": {
    "links": "Link[]",
    "value": "integer",
    "label": "string",
    "order": "integer",
    "is_default": "boolean",
    "is_active": "boolean",
    "color": "string"
  }},
  "AllowedValueResponseResource": {"keys": {
    "links": "Link[]",
    "total": "integer",
    "items": "AllowedValueResource[]"
  }},
  "AppDetail": {"keys": {
    "name": "string",
    "logo_url": "string",
    "display_order": "integer",
    "url": "string",
    "redirect_url": "string",
    "app_type": "string"
  }},
  "ApplyTemplateQueryObject": {"keys": {
    "project_ids": "integer[]",
    "create_new_site_field_values": "boolean"
  }},
  "ArtifactHistoryResource": {"keys": {
    "links": "Link[]",
    "page": "integer",
    "page_size": "integer",
    "total": "integer",
    "items": "HistoryResource[]"
  }},
  "ArtifactSearchParams": {"keys": {
    "object_type": "string!",
    "fields": "string[]",
    "query": "string"
  }},
  "AssignedProject": {"keys": {
    "project_id": "integer",
    "profile": "Profile"
  }},
  "AssignedUsersProject": {"keys": {
    "project_id": "integer",
    "profile": "Profile",
    "user_ids": "integer[]"
  }},
  "AttachmentAuthor": {"keys": {
    "id": "integer",
    "email": "string",
    "first_name": "string",
    "last_name": "string"
  }},
  "AttachmentResource": {"about": "A file attached to an object.", "keys": {
    "links": "Link[]",
    "name": "string",
    "content_type": "string",
    "data": "string",
    "id": "integer",
    "web_url": "string",
    "created_date": "date-time",
    "author": "AttachmentAuthor",
    "artifact_id": "integer"
  }},
  "AuthSystemResponse": {"keys": {
    "ldaps": "LdapConfigDetailResponse[]",
    "sso": "SSOSamlConfigDetailResponse",
    "tua": "TUAConfigDetailResponse"
  }},
  "AuthorityVM": {"keys": {
    "id": "integer",
    "name": "string",
    "displayName": "string"
  }},
  "AutoFillConfigurationVM": {"keys": {
    "externalFieldId": "string",
    "qTestFieldIds": "string"
  }},
  "AutomationArtifactSearchParams": {"keys": {
    "fields": "string[]",
    "query": "string"
  }},
  "AutomationFailLinkedDefectResponse": {"keys": {
    "pids": "string[]",
    "error": "string"
  }},
  "AutomationLinkedDefectResponse": {"keys": {
    "success": "string[]",
    "fail": "AutomationFailLinkedDefectResponse[]"
  }},
  "AutomationObjectTree": {"why": "The emulator answers the sub-hierarchy as a tree: children are nodes, not names.", "keys": {
    "artifactType": "string",
    "targetReleaseId": "integer",
    "targetBuildId": "integer",
    "parent": "AutomationObjectTree",
    "eventType": "string",
    "type": "string",
    "id": "integer",
    "name": "string",
    "order": "integer",
    "children": "string[]"
  }, "extra": {
    "children": "AutomationObjectTree[]"
  }},
  "AutomationRequest": {"about": "A batch of automation results and where they go.", "keys": {
    "testSuiteModel": "TestSuite",
    "parentModuleModel": "ProjectModule",
    "parentTestCycleModel": "TestCycle",
    "skipCreatingAutomationModule": "boolean",
    "shouldCheckUnlinkRequirement": "boolean",
    "test_suite": "string",
    "parent_module": "string",
    "test_logs": "AutomationTestLogResource[]!",
    "execution_date": "date-time",
    "test_cycle": "string"
  }},
  "AutomationScheduleCreationAPI": {"keys": {
    "clientId": "integer",
    "name": "string",
    "agentId": "integer!",
    "startDate": "date-time",
    "creator": "integer",
    "projectId": "integer!",
    "testRunIds": "integer[]",
    "dynamic": "map<string>"
  }},
  "AutomationStepLog": {"keys": {
    "test_step_log_id": "integer!",
    "actual_result": "string",
    "status": "string",
    "exe_date": "date-time"
  }},
  "AutomationTestLog": {"keys": {
    "links": "Link[]",
    "id": "integer",
    "test_case_version_id": "integer",
    "exe_start_date": "date-time!",
    "exe_end_date": "date-time!",
    "note": "string",
    "attachments": "AttachmentResource[]",
    "name": "string",
    "planned_exe_time": "integer",
    "actual_exe_time": "integer",
    "build_number": "string",
    "build_url": "string",
    "properties": "PropertyResource[]",
    "status": "string",
    "test_step_logs": "AutomationStepLog[]"
  }},
  "AutomationTestLogResource": {"about": "One automation result as uploaders send it.", "keys": {
    "links": "Link[]",
    "id": "integer",
    "test_case_version_id": "integer",
    "exe_start_date": "date-time!",
    "exe_end_date": "date-time!",
    "note": "string",
    "attachments": "AttachmentResource[]",
    "name": "string",
    "planned_exe_time": "integer",
    "actual_exe_time": "integer",
    "build_number": "string",
    "build_url": "string",
    "properties": "PropertyResource[]",
    "automation_content": "string",
    "system_name": "string",
    "status": "string",
    "order": "integer",
    "test_step_logs": "AutomationTestStepLog[]",
    "testcase_properties": "PropertyResource[]",
    "module_names": "string[]",
    "agent_ids": "integer[]",
    "defect_pids": "string[]",
    "tosca_guid": "string",
    "tosca_node_path": "string",
    "tosca_state": "string"
  }},
  "AutomationTestLogResourceResponse": {"keys": {
    "links": "Link[]",
    "id": "integer",
    "test_case_version_id": "integer",
    "exe_start_date": "date-time!",
    "exe_end_date": "date-time!",
    "note": "string",
    "attachments": "AttachmentResource[]",
    "name": "string",
    "planned_exe_time": "integer",
    "actual_exe_time": "integer",
    "build_number": "string",
    "build_url": "string",
    "properties": "PropertyResource[]",
    "automation_content": "string",
    "linkedDefects": "AutomationLinkedDefectResponse",
    "system_name": "string",
    "status": "string",
    "order": "integer",
    "test_step_logs": "AutomationTestStepLog[]",
    "testcase_properties": "PropertyResource[]",
    "module_names": "string[]",
    "agent_ids": "integer[]",
    "defect_pids": "string[]",
    "tosca_guid": "string",
    "tosca_node_path": "string",
    "tosca_state": "string"
  }},
  "AutomationTestStepLog": {"keys": {
    "links": "Link[]",
    "description": "string!",
    "expected_result": "string!",
    "actual_result": "string",
    "customFieldInfo": "CustomFieldInfo[]",
    "order": "integer",
    "status": "string",
    "attachments": "AttachmentResource[]",
    "defect_pids": "string[]",
    "exe_date": "date-time",
    "defects": "LinkedDefectResource[]"
  }},
  "BuildPermission": {"keys": {
    "create": "boolean",
    "edit": "boolean",
    "delete": "boolean",
    "view": "boolean"
  }},
  "BuildResource": {"about": "A build of a release, with its field values.", "keys": {
    "links": "Link[]",
    "id": "integer",
    "name": "string",
    "order": "integer",
    "pid": "string",
    "created_date": "date-time",
    "last_modified_date": "date-time",
    "properties": "PropertyResource[]!",
    "release": "ReleaseWithCustomFieldResource"
  }},
  "Client": {"keys": {
    "id": "integer",
    "name": "string",
    "siteName": "string",
    "maxFailedLoginAttempt": "integer",
    "passwordShelfLife": "integer",
    "passwordHealthyPeriod": "integer",
    "minimumUniquePasswordsSequenceLength": "integer",
    "licenseBlobId": "integer",
    "sessionTimeoutEnabled": "boolean",
    "sessionTimeoutMinute": "integer",
    "terminateIdleEnabled": "boolean",
    "terminateIdleMinute": "integer",
    "dateFormat": "string",
    "rememberMeTimeoutEnabled": "boolean",
    "rememberMeTimeoutDay": "integer",
    "mailRecipients": "string",
    "useCustomPasswordPolicy": "boolean",
    "minimumPasswordLength": "integer",
    "passwordContainsCapitalLetters": "boolean",
    "passwordContainsLowercaseLetters": "boolean",
    "passwordContainsNumericChars": "boolean",
    "passwordContainsSpecialChars": "boolean",
    "searchStatus": "string",
    "searchMigrationDuration": "integer",
    "trackingRequirementTestcaseVersionLink": "boolean",
    "forOnPremise": "boolean",
    "forExplorer": "boolean",
    "tdstenantId": "string",
    "inactive": "boolean"
  }},
  "CommentQueryParams": {"keys": {
    "start": "date-time",
    "end": "date-time",
    "object_type": "string!",
    "fields": "string[]",
    "object": "integer",
    "author": "integer"
  }},
  "CommentResource": {"about": "A comment on an object.", "keys": {
    "created": "date-time",
    "updated": "date-time",
    "userId": "integer",
    "links": "Link[]",
    "id": "integer",
    "content": "string"
  }},
  "CustomFieldInfo": {"keys": {
    "id": "integer",
    "value": "string",
    "objectId": "integer",
    "type": "string",
    "name": "string",
    "propertyEditorComponent": "boolean",
    "stripHTMLValue": "string"
  }},
  "CustomFieldTemplate": {"keys": {
    "id": "integer",
    "clientId": "integer",
    "name": "string",
    "default": "boolean"
  }},
  "Defect": {"keys": {
    "creatorId": "integer",
    "createdDate": "date-time",
    "lastModifiedUserId": "integer",
    "lastModifiedDate": "date-time",
    "displayName": "string",
    "displayDescription": "string",
    "id": "integer",
    "pid": "integer",
    "createdUserId": "integer",
    "clientId": "integer",
    "projectId": "integer",
    "summary": "string",
    "description": "string",
    "typeId": "integer",
    "type": "LookUp",
    "assignedUserId": "integer",
    "statusId": "integer",
    "previousStatusId": "integer",
    "severityId": "integer",
    "priorityId": "integer",
    "affectedReleaseId": "integer",
    "affectedBuildId": "integer",
    "fixedReleaseId": "integer",
    "fixedBuildId": "integer",
    "targetReleaseId": "integer",
    "targetBuildId": "integer",
    "targetDate": "date-time",
    "closedDate": "date-time",
    "reasonId": "integer",
    "rootCauseId": "integer",
    "categoryId": "integer",
    "projectModuleId": "integer",
    "sourceDefectId": "integer",
    "environmentId": "integer",
    "comments": "DefectComment[]",
    "status": "LookUp",
    "draft": "boolean",
    "indexFlag": "boolean",
    "externalIssueId": "string",
    "connectionId": "integer",
    "externalProjectId": "string",
    "externalIssueSummary": "string",
    "externalIssueStatus": "string",
    "url": "string",
    "externalIssueType": "string",
    "externalIssueUniqueId": "string",
    "unlinkedDefect": "boolean",
    "name": "string",
    "resultType": "string",
    "objectType": "integer",
    "fullId": "string",
    "parentArtifactId": "integer",
    "parentObjectType": "integer",
    "resultName": "string",
    "statusName": "string",
    "pidWithPrefix": "string",
    "deleted": "boolean",
    "objOrder": "integer",
    "fixedReleaseBuildId": "string",
    "targetReleaseBuildId": "string",
    "affectedReleaseBuildId": "string",
    "resultDescription": "string",
    "shortResultType": "string",
    "artifactType": "integer",
    "customFieldValue": "string",
    "automation": "boolean",
    "longId": "integer",
    "tosca": "boolean",
    "autoTestCase": "boolean",
    "approved": "boolean",
    "createDateTimeString": "string"
  }},
  "DefectComment": {"keys": {
    "id": "integer",
    "clientId": "integer",
    "projectId": "integer",
    "objectId": "integer",
    "objectTypeId": "integer",
    "userId": "integer",
    "objectComment": "string",
    "commentDate": "date-time",
    "editDate": "date-time",
    "defect": "Defect",
    "longId": "integer"
  }},
  "DefectFieldMapping": {"keys": {
    "field": "string",
    "qtest_fields": "string[]"
  }},
  "DefectMapping": {"keys": {
    "type_id": "integer",
    "type": "string",
    "type_label": "string",
    "project_id": "integer",
    "project": "string",
    "project_label": "string",
    "fields": "DefectFieldMapping[]"
  }},
  "DefectPermission": {"why": "The emulator checks `defect.submit` on defect submission and reports the import flag qTest profiles have.", "keys": {
    "create": "boolean",
    "edit": "boolean",
    "delete": "boolean",
    "view": "boolean",
    "export": "boolean"
  }, "extra": {
    "submit": "boolean",
    "import": "boolean"
  }},
  "DefectResource": {"about": "A defect with its field values.", "keys": {
    "links": "Link[]",
    "properties": "PropertyResource[]",
    "attachments": "AttachmentResource[]",
    "id": "integer",
    "pid": "string",
    "submitted_date": "date-time",
    "last_modified_date": "date-time",
    "submitter_id": "integer",
    "last_modified_user_id": "integer",
    "web_url": "string"
  }},
  "DefectTrackingSystem": {"keys": {
    "defect_mappings": "DefectMapping[]",
    "connection_name": "string",
    "url": "string",
    "system_name": "string",
    "active": "boolean",
    "id": "integer"
  }},
  "ErrorMessage": {"keys": {
    "message": "string",
    "additionalInfo": "any"
  }},
  "ExternalPropertyResource": {"keys": {
    "id": "string",
    "link": "string",
    "unique_id": "string"
  }},
  "FieldInputResource": {"keys": {
    "label": "string",
    "required": "boolean",
    "order": "integer",
    "allowed_values": "AllowedValueResource[]",
    "multiple": "boolean",
    "data_type": "integer",
    "searchable": "boolean",
    "default_value": "string",
    "is_active": "boolean"
  }},
  "FieldResource": {"about": "A field definition of an object type, with its allowed values.", "why": "qTest's field answers carry these keys (its documented sample does).", "keys": {
    "instanceType": "string",
    "links": "Link[]",
    "id": "integer",
    "label": "string!",
    "required": "boolean",
    "constrained": "boolean",
    "order": "integer",
    "allowed_values": "AllowedValueResource[]",
    "multiple": "boolean",
    "data_type": "integer",
    "searchable": "boolean",
    "default_value": "string",
    "system_field": "boolean",
    "original_name": "string",
    "is_active": "boolean"
  }, "extra": {
    "attribute_type": "string",
    "free_text_search": "boolean",
    "search_key": "string"
  }},
  "FieldResourceSwagger": {"why": "Site fields are answered like project fields, with their allowed values.", "keys": {
    "instanceType": "string",
    "links": "Link[]",
    "id": "integer",
    "attribute_type": "string",
    "label": "string!",
    "required": "boolean",
    "constrained": "boolean",
    "order": "integer",
    "multiple": "boolean",
    "data_type": "integer",
    "searchable": "boolean",
    "free_text_search": "boolean",
    "default_value": "string",
    "system_field": "boolean",
    "original_name": "string",
    "is_active": "boolean"
  }, "extra": {
    "allowed_values": "AllowedValueResource[]",
    "search_key": "string"
  }},
  "GetMultipleTestRunListResource": {"about": "One page of test runs.", "keys": {
    "links": "Link[]",
    "page": "integer",
    "page_size": "integer",
    "total": "integer",
    "items": "GetMultipleTestRunsResource[]"
  }},
  "GetMultipleTestRunsResource": {"about": "A test run as created or listed.", "why": "qTest answers a run's name as `name`, which clients read; the 2023.6 client's model spells that key `Test-Run`.", "keys": {
    "parentId": "integer",
    "parentType": "string",
    "automation": "string",
    "testCaseId": "integer",
    "links": "Link[]",
    "id": "integer",
    "Test-Run": "string",
    "order": "integer",
    "pid": "string",
    "created_date": "date-time",
    "last_modified_date": "date-time",
    "properties": "PropertyResource[]!",
    "test_case": "TestCaseResource!",
    "test_case_version_id": "integer",
    "test_case_version": "string",
    "creator_id": "integer",
    "tosca_guid": "string",
    "tosca_node_path": "string",
    "tosca_workspace_url": "string",
    "tosca_testevent_guid": "string"
  }, "extra": {
    "name": "string"
  }},
  "HistoryChange": {"keys": {
    "field": "string",
    "old_value": "string",
    "new_value": "string"
  }},
  "HistoryQueryParams": {"keys": {
    "object_type": "string!",
    "fields": "string[]",
    "query": "string",
    "object_query": "string"
  }},
  "HistoryResource": {"keys": {
    "created": "date-time",
    "description": "string",
    "links": "Link[]",
    "id": "integer",
    "author_id": "integer",
    "linked_object": "LinkedObject",
    "changes": "HistoryChange[]"
  }},
  "IntegrationAutoFillMappingVM": {"keys": {
    "externalProjectId": "string",
    "externalTypeId": "string",
    "sendAttachmentToJira": "string",
    "configures": "AutoFillConfigurationVM[]"
  }},
  "IntegrationConnection": {"about": "A Jira connection to add: where the Jira is and how qTest signs in to it.", "why": "The spec's description of the body names these too: `password` (the Token connection's password or API token, another name for `token`) and the OAuth request token, secret and verifier.", "keys": {
    "id": "integer",
    "external_system": "string",
    "connection_name": "string",
    "server_url": "string",
    "web_url": "string",
    "authentication_type": "string",
    "username": "string",
    "token": "string"
  }, "extra": {
    "password": "string",
    "jiraToken": "string",
    "jiraSecret": "string",
    "jiraVerifier": "string"
  }},
  "IntegrationConnectionVM": {"keys": {
    "id": "integer",
    "external_system": "string",
    "connection_name": "string",
    "server_url": "string",
    "web_url": "string",
    "active": "boolean"
  }},
  "IntegrationFieldMapVM": {"keys": {
    "externalFieldId": "string",
    "externalFieldName": "string",
    "active": "boolean"
  }},
  "IntegrationReleaseConfigurationVM": {"keys": {
    "autoUpdate": "boolean",
    "configurationValues": "IntegrationReleaseConfigurationValues",
    "data_retrieval_options": "string[]",
    "auto_update_release_scope": "string"
  }},
  "IntegrationReleaseConfigurationValues": {"keys": {
    "unreleased": "boolean",
    "released": "boolean",
    "active": "boolean",
    "future": "boolean",
    "completed": "boolean"
  }},
  "IntegrationReleaseMappingResponse": {"keys": {
    "externalProjectId": "string",
    "externalIssueTypeId": "string",
    "auto_update_release_scope": "string",
    "data_retrieval_options": "string[]"
  }},
  "LDAPUsersResponse": {"keys": {
    "items": "LdapUserVM[]",
    "total": "integer",
    "page_size": "integer",
    "page": "integer"
  }},
  "LdapConfigDetailResponse": {"keys": {
    "id": "integer",
    "is_activated": "boolean",
    "auth_type": "string",
    "name": "string",
    "username": "string",
    "url": "string",
    "base": "string",
    "base_search": "string",
    "search_filter": "string",
    "mapped_username": "string",
    "mapped_firstname": "string",
    "mapped_lastname": "string",
    "mapped_email": "string",
    "is_ldap_ssl": "boolean",
    "is_active_directory": "boolean"
  }},
  "LdapUserResource": {"keys": {
    "ldap_username": "string",
    "first_name": "string",
    "last_name": "string",
    "email": "string"
  }},
  "LdapUserVM": {"keys": {
    "uid": "string",
    "firstName": "string",
    "lastName": "string",
    "mail": "string",
    "activationLink": "string",
    "mappedUserId": "integer",
    "newMappedUserName": "string",
    "disabled": "boolean",
    "userDN": "string",
    "externalUserId": "string"
  }},
  "Link": {"about": "A link to a related resource.", "keys": {
    "rel": "string",
    "href": "string"
  }},
  "LinkedArtifact": {"keys": {
    "id": "integer",
    "pid": "string",
    "link_type": "string",
    "self": "string"
  }},
  "LinkedArtifactContainer": {"about": "What one object is linked to.", "keys": {
    "id": "integer",
    "pid": "string",
    "objects": "LinkedArtifact[]"
  }},
  "LinkedDefect": {"keys": {
    "id": "integer",
    "pid": "string",
    "link_type": "string",
    "external_defect_id": "string",
    "connection_id": "integer",
    "external_project_id": "string",
    "summary": "string",
    "status": "string"
  }},
  "LinkedDefectContainer": {"keys": {
    "id": "integer",
    "objects": "LinkedDefect[]"
  }},
  "LinkedDefectResource": {"keys": {
    "links": "Link[]",
    "id": "integer",
    "external_defect_id": "string",
    "connection_id": "integer",
    "external_project_id": "string",
    "summary": "string",
    "status": "string",
    "pid": "string",
    "web_url": "string",
    "description": "string"
  }},
  "LinkedObject": {"keys": {
    "object_type": "string",
    "object_id": "integer"
  }},
  "LoggedUser": {"keys": {
    "links": "Link[]",
    "id": "integer",
    "user_name": "string",
    "past_usernames": "string",
    "first_name": "string",
    "last_name": "string",
    "client_id": "integer",
    "client_name": "string",
    "client_site": "string",
    "timezone_offset": "string",
    "avatar": "string",
    "access_admin_page": "boolean",
    "client_site_name": "string",
    "package_type": "string",
    "applications": "AppDetail[]",
    "support_links": "map<string>"
  }},
  "LookUp": {"keys": {
    "id": "integer",
    "lookupValue": "string",
    "lookupTypeId": "integer",
    "clientId": "integer",
    "projectId": "integer",
    "systemValue": "boolean",
    "order": "integer"
  }},
  "ManualTestLogResource": {"keys": {
    "submittedBy": "string",
    "links": "Link[]",
    "id": "integer",
    "test_case_version_id": "integer",
    "exe_start_date": "date-time!",
    "exe_end_date": "date-time!",
    "note": "string",
    "attachments": "AttachmentResource[]",
    "name": "string",
    "planned_exe_time": "integer",
    "actual_exe_time": "integer",
    "build_number": "string",
    "build_url": "string",
    "properties": "PropertyResource[]",
    "status": "StatusResource!",
    "result_number": "integer",
    "test_step_logs": "TestStepLogResource[]",
    "defects": "LinkedDefectResource[]"
  }},
  "Message": {"about": "A message about what was done.", "keys": {
    "noLogging": "boolean",
    "message": "string"
  }},
  "ModulePermission": {"keys": {
    "create": "boolean",
    "edit": "boolean",
    "delete": "boolean",
    "view": "boolean"
  }},
  "ModuleResource": {"about": "A module of the test design tree.", "keys": {
    "links": "Link[]",
    "id": "integer",
    "name": "string",
    "order": "integer",
    "pid": "string",
    "created_date": "date-time",
    "last_modified_date": "date-time",
    "parent_id": "integer",
    "description": "string",
    "shared": "boolean",
    "projects_shared_to": "integer[]",
    "children": "ModuleResource[]",
    "recursive": "boolean",
    "tosca_guid": "string",
    "tosca_node_path": "string",
    "tosca_state": "string"
  }},
  "NewIntegrationConnectionInfo": {"keys": {
    "connection_id": "integer",
    "status": "string"
  }},
  "OAuthResponse": {"about": "An access token and how long it lives.", "keys": {
    "access_token": "string",
    "token_type": "string",
    "refresh_token": "string",
    "scope": "string",
    "agent": "string",
    "expires_in": "integer"
  }},
  "OAuthTokenStatusVM": {"about": "When a token expires (0: never).", "keys": {
    "expiration": "integer",
    "validityInMilliseconds": "integer"
  }},
  "OutputStream": {"keys": {

  }},
  "PagedResource": {"about": "One page of results; `total` counts them all.", "keys": {
    "links": "Link[]",
    "page": "integer",
    "page_size": "integer",
    "total": "integer",
    "items": "ResourceSupport[]"
  }},
  "PagedResourceAttachmentResource": {"keys": {
    "links": "Link[]",
    "page": "integer",
    "page_size": "integer",
    "total": "integer",
    "items": "AttachmentResource[]"
  }},
  "PagedResourceCommentResource": {"keys": {
    "links": "Link[]",
    "page": "integer",
    "page_size": "integer",
    "total": "integer",
    "items": "CommentResource[]"
  }},
  "ParameterInfo": {"keys": {
    "parameter": "ParameterVM",
    "info": "TestParameter",
    "parameterValue": "ParameterValueVM"
  }},
  "ParameterTestStepResource": {"keys": {
    "step_id": "integer",
    "description_parameter_values": "string[]",
    "expected_parameter_values": "string[]"
  }},
  "ParameterVM": {"keys": {
    "parameterId": "integer",
    "id": "string",
    "startIndex": "integer",
    "endIndex": "integer",
    "startWithoutPrefixIndex": "integer",
    "endWithoutSuffixIndex": "integer",
    "parameterName": "string"
  }},
  "ParameterValueVM": {"keys": {
    "id": "string",
    "value": "string"
  }},
  "ParameterizationText": {"keys": {
    "parameters": "ParameterInfo[]",
    "rawText": "string",
    "plainText": "string",
    "htmlText": "string",
    "plainValueText": "string",
    "editedParameters": "ParameterInfo[]",
    "valueText": "string"
  }},
  "Profile": {"keys": {
    "id": "integer",
    "name": "string",
    "is_readonly": "boolean",
    "is_admin": "boolean"
  }},
  "Project": {"keys": {
    "creatorId": "integer",
    "createdDate": "date-time",
    "lastModifiedUserId": "integer",
    "lastModifiedDate": "date-time",
    "id": "integer",
    "clientId": "integer",
    "name": "string",
    "startDate": "date-time",
    "endDate": "date-time",
    "description": "string",
    "projectStatusId": "integer",
    "patchIncidentStatus": "integer",
    "automation": "boolean",
    "defectworkflow": "boolean",
    "uuid": "string",
    "cloneStatus": "integer",
    "sourceProjectId": "integer",
    "client": "Client",
    "trxId": "date-time",
    "customFieldTemplateId": "integer",
    "internally": "boolean",
    "customFieldTemplate": "CustomFieldTemplate",
    "indexingStatus": "boolean",
    "autoPopulateClosedDate": "boolean",
    "enforceRequiredTestExecutionFields": "boolean",
    "active": "boolean",
    "cloned": "boolean",
    "cloning": "boolean",
    "newStyleSample": "boolean",
    "patchedIncidents": "boolean",
    "longId": "integer",
    "sampleProject": "boolean",
    "createDateTimeString": "string"
  }},
  "ProjectAdminPermission": {"keys": {
    "admin": "boolean"
  }},
  "ProjectModule": {"keys": {
    "creatorId": "integer",
    "createdDate": "date-time",
    "lastModifiedUserId": "integer",
    "lastModifiedDate": "date-time",
    "id": "integer",
    "pid": "integer",
    "clientId": "integer",
    "projectId": "integer",
    "project": "Project",
    "objOrder": "integer",
    "parentModuleId": "integer",
    "parentModule": "ProjectModule",
    "name": "string",
    "description": "string",
    "moduleType": "string",
    "deleted": "boolean",
    "shared": "boolean",
    "damage": "integer",
    "frequency": "integer",
    "weight": "integer",
    "tdsFlowId": "string",
    "objectType": "integer",
    "parentArtifactId": "integer",
    "parentObjectType": "integer",
    "pidWithPrefix": "string",
    "artifactType": "integer",
    "longId": "integer",
    "statusId": "integer",
    "createDateTimeString": "string"
  }},
  "ProjectQueryParams": {"keys": {
    "uuid": "string[]"
  }},
  "ProjectResource": {"about": "A project.", "keys": {
    "links": "Link[]",
    "id": "integer",
    "name": "string",
    "description": "string",
    "status_id": "integer",
    "start_date": "date-time",
    "end_date": "date-time",
    "admins": "string[]",
    "admin_ids": "integer[]",
    "sample": "boolean",
    "user_profile": "UserProfile",
    "defect_tracking_systems": "DefectTrackingSystem[]",
    "x_explorer_access_level": "integer",
    "date_format": "string",
    "automation": "boolean",
    "template_id": "integer",
    "uuid": "string"
  }},
  "ProjectSettingPermission": {"why": "Profiles tell viewing and editing project settings apart from managing them.", "keys": {
    "manage": "boolean"
  }, "extra": {
    "view": "boolean",
    "edit": "boolean"
  }},
  "ProjectUpdateResource": {"keys": {
    "links": "Link[]",
    "id": "integer",
    "name": "string",
    "description": "string",
    "start_date": "string",
    "end_date": "string",
    "admin_ids": "integer[]",
    "uuid": "string",
    "template_id": "integer"
  }},
  "ProjectUsersProfile": {"keys": {
    "userProfileId": "integer",
    "userIds": "integer[]"
  }},
  "ProjectWithUserIdsObject": {"keys": {
    "project_id": "integer",
    "user_ids": "integer[]"
  }},
  "PropertyResource": {"about": "A field value of an object; `field_value` is always a string.", "keys": {
    "field_id": "integer!",
    "field_name": "string",
    "field_value": "string",
    "field_value_name": "string"
  }},
  "QueryCommentResource": {"keys": {
    "links": "Link[]",
    "page": "integer",
    "page_size": "integer",
    "total": "integer",
    "items": "CommentResource[]"
  }},
  "QueueProcessingResponse": {"about": "A queued job: its state, and once done its outcome in `content` (JSON text).", "keys": {
    "id": "integer",
    "state": "string",
    "contentType": "string",
    "content": "string",
    "type": "string"
  }},
  "QueueProcessingResponseFetchDataVM": {"keys": {
    "id": "integer",
    "type": "string",
    "state": "string",
    "contentType": "string",
    "content": "string"
  }},
  "QueueProcessingResponseTestRunDataVM": {"keys": {
    "id": "integer",
    "type": "string",
    "state": "string",
    "contentType": "string",
    "content": "string"
  }},
  "ReleasePermission": {"keys": {
    "create": "boolean",
    "edit": "boolean",
    "delete": "boolean",
    "view": "boolean"
  }},
  "ReleaseWithCustomFieldResource": {"about": "A release with its field values.", "keys": {
    "links": "Link[]",
    "id": "integer",
    "name": "string",
    "order": "integer",
    "pid": "string",
    "created_date": "date-time",
    "last_modified_date": "date-time",
    "properties": "PropertyResource[]!",
    "web_url": "string",
    "description": "string",
    "note": "string",
    "start_date": "date-time",
    "end_date": "date-time"
  }},
  "ReportPermission": {"keys": {
    "view_report": "boolean"
  }},
  "RequirementMapping": {"keys": {
    "externalProjectId": "string",
    "externalTypeId": "string",
    "mapping_id": "integer",
    "external_filter": "string",
    "external_field_1_id": "string",
    "external_field_2_id": "string",
    "active_external_fields": "string"
  }},
  "RequirementPermission": {"keys": {
    "create": "boolean",
    "edit": "boolean",
    "delete": "boolean",
    "view": "boolean",
    "edit_assignment": "boolean",
    "export": "boolean",
    "import": "boolean"
  }},
  "RequirementResource": {"about": "A requirement with its field values.", "keys": {
    "links": "Link[]",
    "id": "integer",
    "name": "string",
    "order": "integer",
    "pid": "string",
    "created_date": "date-time",
    "last_modified_date": "date-time",
    "properties": "PropertyResource[]!",
    "web_url": "string",
    "parent_id": "integer",
    "external_properties": "ExternalPropertyResource"
  }},
  "ResourceSupport": {"about": "Any resource: every artifact extends it, so its keys are open.", "open": true, "keys": {
    "links": "Link[]"
  }},
  "ResponseWrapper": {"keys": {
    "result": "any",
    "errors": "ErrorMessage[]"
  }},
  "SSOSamlConfigDetailResponse": {"keys": {
    "id": "integer",
    "is_activated": "boolean",
    "auth_type": "string",
    "name": "string",
    "metadata_link": "string",
    "auto_create_user": "boolean",
    "metadata_filename": "string"
  }},
  "SchedulePermission": {"keys": {
    "create": "boolean",
    "edit": "boolean",
    "delete": "boolean",
    "view": "boolean"
  }},
  "SearchUserResource": {"keys": {
    "links": "Link[]",
    "id": "integer",
    "username": "string",
    "email": "string",
    "password": "string",
    "first_name": "string",
    "last_name": "string",
    "status": "integer",
    "avatar": "string",
    "ldap_username": "string",
    "user_group_ids": "integer[]",
    "send_activation_email": "boolean",
    "external_auth_config_id": "integer",
    "external_user_name": "string",
    "include_default_groups": "boolean",
    "assigned_projects": "integer[]",
    "timezone_offset": "string",
    "country_name": "string"
  }},
  "SearchUserResourceExtensionResponse": {"keys": {
    "links": "Link[]",
    "page": "integer",
    "page_size": "integer",
    "total": "integer",
    "items": "UserResourceExtension[]"
  }},
  "SearchUserResponse": {"keys": {
    "links": "Link[]",
    "page": "integer",
    "page_size": "integer",
    "total": "integer",
    "items": "SearchUserResource[]",
    "total_project": "integer"
  }},
  "SessionManagerPermission": {"keys": {
    "create": "boolean",
    "edit": "boolean",
    "delete": "boolean",
    "view": "boolean"
  }},
  "ShortTestLogResource": {"keys": {
    "status": "string",
    "id": "integer",
    "tester": "string",
    "exe_start_date": "date-time",
    "exe_end_date": "date-time"
  }},
  "SiteTemplateResponse": {"keys": {
    "name": "string",
    "template_id": "integer"
  }},
  "SiteUsersProfile": {"keys": {
    "userProfileId": "integer",
    "userIds": "integer[]",
    "adminProfileId": "integer"
  }},
  "StatusResource": {"about": "An execution status a test log may have.", "keys": {
    "links": "Link[]",
    "id": "integer",
    "name": "string",
    "is_default": "boolean",
    "color": "string",
    "active": "boolean"
  }},
  "TUAConfigDetailResponse": {"keys": {
    "url": "string",
    "id": "integer",
    "is_activated": "boolean",
    "auth_type": "string",
    "name": "string"
  }},
  "TestCaseByTestRunRequirementIdResource": {"keys": {
    "links": "Link[]",
    "id": "integer",
    "name": "string",
    "order": "integer",
    "pid": "integer",
    "createdDate": "date-time",
    "lastModifiedDate": "date-time"
  }},
  "TestCasePermission": {"keys": {
    "create": "boolean",
    "edit": "boolean",
    "delete": "boolean",
    "view": "boolean",
    "edit_assignment": "boolean",
    "export": "boolean",
    "import": "boolean",
    "approve": "boolean"
  }},
  "TestCaseResource": {"why": "A run's test case carries its name, field values and version text, as qTest's answers do (the same reference is nested in single runs, whose model calls the version `version`).", "keys": {
    "links": "Link[]",
    "id": "integer",
    "test_case_version_id": "integer",
    "test_case_version": "string",
    "creator_id": "integer",
    "tosca_guid": "string",
    "tosca_node_path": "string",
    "tosca_url": "string",
    "tosca_test_case_unique_id": "string",
    "tosca_state": "string",
    "tosca_workspace_url": "string"
  }, "extra": {
    "name": "string",
    "properties": "PropertyResource[]",
    "version": "string"
  }},
  "TestCaseResultDefect": {"keys": {
    "id": "integer",
    "clientId": "integer",
    "projectId": "integer",
    "resultId": "integer",
    "defectId": "integer",
    "externalIssueId": "string",
    "externalIssueUniqueId": "string",
    "externalIssueStatus": "string",
    "externalIssueResolution": "string",
    "externalIssueType": "string",
    "externalIssueSummary": "string",
    "externalIssueUrl": "string",
    "integrationConnectionId": "integer",
    "externalProjectId": "string",
    "resultType": "integer",
    "defect": "Defect",
    "testCaseId": "integer",
    "testCaseRunId": "integer",
    "testCaseVersionId": "integer",
    "deleted": "boolean",
    "internalDefect": "boolean",
    "longId": "integer"
  }},
  "TestCaseWithCustomFieldResource": {"about": "A test case at one version, with its field values and (when asked) its steps.", "why": "The test case reference nested in a run carries the version text under both models' keys.", "keys": {
    "links": "Link[]",
    "id": "integer",
    "name": "string",
    "order": "integer",
    "pid": "string",
    "created_date": "date-time",
    "last_modified_date": "date-time",
    "properties": "PropertyResource[]!",
    "web_url": "string",
    "test_steps": "TestStepResource[]",
    "parent_id": "integer",
    "test_case_version_id": "integer",
    "version": "string",
    "description": "string",
    "precondition": "string",
    "creator_id": "integer",
    "agent_ids": "integer[]",
    "tosca_guid": "string",
    "tosca_node_path": "string",
    "tosca_url": "string",
    "tosca_test_case_unique_id": "string",
    "tosca_state": "string",
    "tosca_workspace_url": "string"
  }, "extra": {
    "test_case_version": "string"
  }},
  "TestCaseWithNoCustomFieldResource": {"keys": {
    "links": "Link[]",
    "id": "integer",
    "name": "string",
    "order": "integer",
    "pid": "string",
    "created_date": "date-time",
    "last_modified_date": "date-time",
    "web_url": "string",
    "parent_id": "integer",
    "test_case_version_id": "integer",
    "version": "string",
    "description": "string",
    "precondition": "string",
    "creator_id": "integer",
    "agent_ids": "integer[]",
    "test_steps": "TestStepWithNoCustomFieldsResource[]"
  }},
  "TestCaseWithParameterResource": {"keys": {
    "test_case_version_id": "integer",
    "id": "integer!"
  }},
  "TestCycle": {"keys": {
    "creatorId": "integer",
    "createdDate": "date-time",
    "lastModifiedUserId": "integer",
    "lastModifiedDate": "date-time",
    "id": "integer",
    "pid": "integer",
    "parentTestCycleId": "integer",
    "objOrder": "integer",
    "name": "string",
    "clientId": "integer",
    "testCycleType": "integer",
    "releaseId": "integer",
    "buildId": "integer",
    "projectId": "integer",
    "deleted": "boolean",
    "description": "string",
    "startDate": "date-time",
    "endDate": "date-time",
    "subCycles": "TestCycle[]",
    "toscaUniqueId": "string",
    "toscaNodePath": "string",
    "toscaObjectType": "string",
    "toscaUrl": "string",
    "toscaRootEventId": "string",
    "deletedToscaObjectType": "string",
    "objectType": "integer",
    "toscaKey": "string",
    "parentArtifactId": "integer",
    "parentObjectType": "integer",
    "pidWithPrefix": "string",
    "artifactType": "integer",
    "longId": "integer",
    "statusId": "integer",
    "createDateTimeString": "string"
  }},
  "TestCyclePermission": {"keys": {
    "create": "boolean",
    "edit": "boolean",
    "delete": "boolean",
    "view": "boolean"
  }},
  "TestCycleResource": {"about": "A test cycle; nested cycles and suites appear under `test-cycles` and `test-suites`.", "keys": {
    "links": "Link[]",
    "id": "integer",
    "name": "string",
    "order": "integer",
    "pid": "string",
    "created_date": "date-time",
    "last_modified_date": "date-time",
    "web_url": "string",
    "description": "string",
    "target_release_id": "integer",
    "target_build_id": "integer",
    "test-cycles": "TestCycleResource[]",
    "test-suites": "TestSuiteWithCustomFieldResource[]"
  }},
  "TestLogListResource": {"about": "One page of test logs.", "keys": {
    "links": "Link[]",
    "page": "integer",
    "page_size": "integer",
    "total": "integer",
    "items": "TestLogResource[]"
  }},
  "TestLogResource": {"about": "One execution result of a test run, with its step results.", "keys": {
    "links": "Link[]",
    "id": "integer",
    "test_case_version_id": "integer",
    "exe_start_date": "date-time!",
    "exe_end_date": "date-time!",
    "note": "string",
    "attachments": "AttachmentResource[]",
    "name": "string",
    "planned_exe_time": "integer",
    "actual_exe_time": "integer",
    "build_number": "string",
    "build_url": "string",
    "properties": "PropertyResource[]",
    "status": "StatusResource!",
    "result_number": "integer",
    "test_step_logs": "TestStepLogResource[]",
    "test_run_id": "integer",
    "test_case": "TestCaseWithCustomFieldResource",
    "defects": "LinkedDefectResource[]"
  }},
  "TestParameter": {"keys": {
    "id": "string",
    "name": "string",
    "active": "boolean",
    "deleted": "boolean",
    "clientId": "integer",
    "projectId": "integer"
  }},
  "TestRunByRequirementIdListResource": {"keys": {
    "links": "Link[]",
    "page": "integer",
    "page_size": "integer",
    "total": "integer",
    "items": "TestRunByRequirementIdResource[]"
  }},
  "TestRunByRequirementIdResource": {"keys": {
    "parentId": "integer",
    "parentType": "string",
    "id": "integer",
    "pid": "string",
    "TestRunName": "string",
    "automation": "string",
    "order": "integer",
    "created_date": "date-time",
    "creator_id": "integer",
    "last_modified_date": "date-time",
    "status": "string",
    "executionType": "string",
    "env": "string",
    "testCaseId": "integer",
    "test_case_version_id": "integer",
    "test_case_version": "string",
    "links": "Link[]",
    "latest_test_log": "ShortTestLogResource",
    "test_case": "TestCaseWithNoCustomFieldResource!"
  }},
  "TestRunListResource": {"keys": {
    "links": "Link[]",
    "page": "integer",
    "page_size": "integer",
    "total": "integer",
    "items": "TestRunWithCustomFieldResource[]"
  }},
  "TestRunPermission": {"keys": {
    "create": "boolean",
    "edit": "boolean",
    "delete": "boolean",
    "view": "boolean",
    "execute": "boolean",
    "export": "boolean",
    "edit_assignment": "boolean",
    "modify_test_logs_by_self": "boolean",
    "modify_test_logs_by_others": "boolean"
  }},
  "TestRunWithCustomFieldResource": {"about": "A test run with its field values and the test case it runs.", "keys": {
    "parentId": "integer",
    "parentType": "string",
    "automation": "string",
    "created": "date-time",
    "testCaseId": "integer",
    "links": "Link[]",
    "id": "integer",
    "name": "string",
    "order": "integer",
    "pid": "string",
    "created_date": "date-time",
    "last_modified_date": "date-time",
    "properties": "PropertyResource[]!",
    "test_case": "TestCaseWithCustomFieldResource!",
    "latest_test_log": "ShortTestLogResource",
    "test_case_version_id": "integer",
    "test_case_version": "string",
    "creator_id": "integer",
    "assign_parameter_values": "ParameterTestStepResource[]",
    "tosca_guid": "string",
    "tosca_node_path": "string",
    "tosca_workspace_url": "string",
    "tosca_testevent_guid": "string"
  }},
  "TestRunWithParameterCreateByDatasetResource": {"keys": {
    "name": "string",
    "properties": "PropertyResource[]",
    "test_case": "TestCaseWithParameterResource!",
    "dataset_id": "string",
    "from_row": "integer",
    "number_of_rows": "integer"
  }},
  "TestRunWithParameterCreateManualResource": {"keys": {
    "name": "string",
    "properties": "PropertyResource[]",
    "test_case": "TestCaseWithParameterResource!",
    "test_runs": "TestStepWithParameterResource[][]!"
  }},
  "TestRunWithParameterCreateRandomResource": {"keys": {
    "name": "string",
    "properties": "PropertyResource[]",
    "test_case": "TestCaseWithParameterResource!",
    "combined_type": "integer!",
    "number_of_combinations": "integer"
  }},
  "TestStepInformationVM": {"keys": {
    "descriptionInfo": "ParameterizationText",
    "expectedResult": "string",
    "actualResult": "string",
    "expectedResultInfo": "ParameterizationText",
    "customFieldInfo": "CustomFieldInfo[]"
  }},
  "TestStepLogResource": {"keys": {
    "customFieldInfo": "CustomFieldInfo[]",
    "links": "Link[]",
    "test_step_id": "integer",
    "test_step_log_id": "integer",
    "user_id": "integer",
    "status": "StatusResource",
    "description": "string",
    "expected_result": "string",
    "actual_result": "string",
    "called_test_case_id": "integer",
    "called_test_case_name": "string",
    "order": "integer",
    "group": "integer",
    "test_step": "TestStepResource",
    "defects": "LinkedDefectResource[]",
    "called_test_case_log": "TestLogResource",
    "parent_test_step_id": "integer",
    "exe_date": "date-time"
  }},
  "TestStepResource": {"about": "One step of a test case (order starts at 1).", "keys": {
    "customFieldInfo": "CustomFieldInfo[]",
    "links": "Link[]",
    "id": "integer",
    "description": "string!",
    "expected": "string!",
    "order": "integer",
    "group": "integer",
    "called_test_case_name": "string",
    "root_called_test_case_id": "integer",
    "called_test_case": "TestCaseWithCustomFieldResource",
    "parent_test_step_id": "integer",
    "plain_value_text": "string",
    "called_test_case_id": "integer"
  }},
  "TestStepWithNoCustomFieldInformationVM": {"keys": {
    "descriptionInfo": "ParameterizationText",
    "expectedResult": "string",
    "actualResult": "string",
    "expectedResultInfo": "ParameterizationText"
  }},
  "TestStepWithNoCustomFieldsResource": {"keys": {
    "links": "Link[]",
    "id": "integer",
    "description": "string!",
    "expected": "string!",
    "order": "integer",
    "attachments": "any[]",
    "group": "integer",
    "plain_value_text": "string"
  }},
  "TestStepWithParameterResource": {"keys": {
    "step_id": "integer!",
    "description_parameter_values": "string[]",
    "expected_parameter_values": "string[]"
  }},
  "TestSuite": {"keys": {
    "creatorId": "integer",
    "createdDate": "date-time",
    "lastModifiedUserId": "integer",
    "lastModifiedDate": "date-time",
    "displayName": "string",
    "displayDescription": "string",
    "id": "integer",
    "pid": "integer",
    "clientId": "integer",
    "projectId": "integer",
    "objOrder": "integer",
    "name": "string",
    "testDataSetId": "integer",
    "userId": "integer",
    "testBedId": "integer",
    "projectTestTypeId": "integer",
    "plannedStartDate": "date-time",
    "plannedEndDate": "date-time",
    "description": "string",
    "releaseId": "integer",
    "buildId": "integer",
    "testCycleId": "integer",
    "testCycle": "TestCycle",
    "deleted": "boolean",
    "typeName": "string",
    "resultType": "string",
    "objectType": "integer",
    "fullId": "string",
    "parentArtifactId": "integer",
    "parentObjectType": "integer",
    "resultName": "string",
    "pidWithPrefix": "string",
    "resultDescription": "string",
    "shortResultType": "string",
    "artifactType": "integer",
    "statusId": "integer",
    "customFieldValue": "string",
    "automation": "boolean",
    "longId": "integer",
    "tosca": "boolean",
    "autoTestCase": "boolean",
    "approved": "boolean",
    "createDateTimeString": "string"
  }},
  "TestSuitePermission": {"keys": {
    "create": "boolean",
    "edit": "boolean",
    "delete": "boolean",
    "view": "boolean"
  }},
  "TestSuiteWithCustomFieldResource": {"about": "A test suite with its field values; `parentId`/`parentType` say where it is.", "keys": {
    "parentId": "integer",
    "parentType": "string",
    "links": "Link[]",
    "id": "integer",
    "name": "string",
    "order": "integer",
    "pid": "string",
    "created_date": "date-time",
    "last_modified_date": "date-time",
    "properties": "PropertyResource[]!",
    "web_url": "string",
    "target_release_id": "integer",
    "target_build_id": "integer"
  }},
  "TokenSecretVerifierHolder": {"keys": {
    "jiraToken": "string",
    "jiraSecret": "string",
    "authorizeUrl": "string"
  }},
  "ToscaExecutionEntryResource": {"keys": {
    "toscaUniqueId": "string!",
    "name": "string!",
    "toscaNodePath": "string!",
    "toscaUrl": "string",
    "parentId": "integer",
    "parentType": "string",
    "associatedToscaTestCase": "ToscaTestCaseResource",
    "associatedToscaTestCaseId": "string"
  }},
  "ToscaTestCaseResource": {"keys": {
    "toscaUniqueId": "string!",
    "toscaNodePath": "string!",
    "toscaUrl": "string",
    "parentId": "integer",
    "parentType": "string"
  }},
  "ToscaTestCycleResource": {"keys": {
    "toscaUniqueId": "string!",
    "name": "string!",
    "description": "string",
    "toscaObjectType": "string",
    "toscaNodePath": "string!",
    "toscaUrl": "string",
    "parentId": "integer",
    "parentType": "string",
    "testCycles": "string[]",
    "testRuns": "ToscaExecutionEntryResource[]"
  }},
  "TraceabilityRequirement": {"keys": {
    "order": "integer",
    "children": "TraceabilityRequirement[]",
    "requirements": "map<any>[]",
    "root": "boolean"
  }},
  "UserGroupResource": {"keys": {
    "id": "integer",
    "name": "string",
    "description": "string",
    "total_user": "integer",
    "is_system": "boolean",
    "is_default": "boolean",
    "authorities": "AuthorityVM[]",
    "users": "UserInfoVM[]",
    "user_ids": "integer[]",
    "authority_names": "string[]"
  }},
  "UserInfoVM": {"keys": {
    "id": "integer",
    "userName": "string",
    "firstName": "string",
    "lastName": "string",
    "contactEmail": "string",
    "fullName": "string",
    "userDN": "string"
  }},
  "UserProfile": {"about": "A user's permissions in a project.", "keys": {
    "reportPermission": "ReportPermission",
    "user_id": "integer",
    "project_id": "integer",
    "release": "ReleasePermission",
    "build": "BuildPermission",
    "module": "ModulePermission",
    "requirement": "RequirementPermission",
    "test_case": "TestCasePermission",
    "test_cycle": "TestCyclePermission",
    "test_suite": "TestSuitePermission",
    "test_run": "TestRunPermission",
    "defect": "DefectPermission",
    "project_setting": "ProjectSettingPermission",
    "session": "SessionManagerPermission",
    "project": "ProjectAdminPermission",
    "schedule": "SchedulePermission",
    "report": "ReportPermission"
  }},
  "UserProfileResponse": {"keys": {
    "user_profiles": "Profile[]",
    "admin_profiles": "Profile[]",
    "total_user_profiles": "integer",
    "total_admin_profiles": "integer"
  }},
  "UserResource": {"about": "A user of the site.", "keys": {
    "links": "Link[]",
    "id": "integer",
    "username": "string",
    "email": "string",
    "password": "string",
    "first_name": "string",
    "last_name": "string",
    "status": "integer",
    "avatar": "string",
    "ldap_username": "string",
    "user_group_ids": "integer[]",
    "send_activation_email": "boolean",
    "external_auth_config_id": "integer",
    "external_user_name": "string",
    "include_default_groups": "boolean",
    "timezone_offset": "string",
    "country_name": "string"
  }},
  "UserResourceExtension": {"keys": {
    "links": "Link[]",
    "id": "integer",
    "username": "string",
    "email": "string",
    "password": "string",
    "first_name": "string",
    "last_name": "string",
    "status": "integer",
    "avatar": "string",
    "external_username": "string",
    "authentication_system": "string",
    "timezone_offset": "string",
    "country_name": "string"
  }},
  "UserUpdateResource": {"keys": {
    "links": "Link[]",
    "id": "integer",
    "email": "string",
    "password": "string",
    "first_name": "string",
    "last_name": "string",
    "status": "integer",
    "user_group_ids": "integer[]",
    "external_auth_config_id": "integer",
    "external_user_name": "string"
  }},
  "WebhookRequest": {"keys": {
    "name": "string",
    "url": "string",
    "events": "string[]",
    "secretKey": "string",
    "responseType": "string",
    "projectIds": "integer[]"
  }},
  "WebhookVM": {"keys": {
    "id": "integer",
    "name": "string",
    "url": "string",
    "events": "string[]",
    "createdDate": "date-time",
    "lastModifiedDate": "date-time",
    "secretKey": "string",
    "responseType": "string",
    "projectIds": "integer[]"
  }}
}
"""#
}
