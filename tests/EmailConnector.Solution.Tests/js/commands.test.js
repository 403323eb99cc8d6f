'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { createFakeXrm, createFormContext, jsonResponse } = require('./fakeXrm.js');

const commands = require(path.join(__dirname, '../../../solution/EmailConnector/WebResources/ec_/scripts/commands.js'));
const ACTIVITY_ID = '5f3c2a10-1b2c-4d5e-8f90-a1b2c3d4e5f6';

const PREVIEW = {
  ListCount: 2, MemberCount: 120, RecipientCount: 100, ExcludedCount: 20,
  ExcludedDoNotBulkEmail: 5, ExcludedInvalidAddress: 4, ExcludedBounced: 3, ExcludedUnsubscribed: 2, ExcludedDuplicateAddress: 5, ExcludedNoAddress: 1,
  ListsJson: JSON.stringify([
    { listId: 'a', name: 'Newsletter', isDynamic: false, memberCount: 80, recipientCount: 70 },
    { listId: 'b', name: 'Trade fair visitors', isDynamic: true, memberCount: 40, recipientCount: 30 }
  ])
};

function install(options) {
  const xrm = createFakeXrm(options);
  global.Xrm = xrm;
  return xrm;
}

function assertProgressBalanced(xrm) {
  const opened = xrm.progress.filter((p) => p.open).length;
  const closed = xrm.progress.filter((p) => p.close).length;
  assert.equal(opened, closed, 'every progress indicator is closed');
}

test('boundRequest_EntityBoundAction_HasWebApiMetadataShape', () => {
  const request = commands.boundRequest('ec_StartTransfer', 'campaignactivity', ACTIVITY_ID, 0, { ExpectedRecipientCount: { value: 3, type: 'Edm.Int32' } });
  assert.deepEqual(request.entity, { entityType: 'campaignactivity', id: ACTIVITY_ID });
  assert.equal(request.ExpectedRecipientCount, 3);
  assert.deepEqual(request.getMetadata(), {
    boundParameter: 'entity', operationType: 0, operationName: 'ec_StartTransfer',
    parameterTypes: {
      entity: { typeName: 'mscrm.campaignactivity', structuralProperty: 5 },
      ExpectedRecipientCount: { typeName: 'Edm.Int32', structuralProperty: 1 }
    }
  });
});

test('isPlatformActivity_ChannelIsEmailPlatform_True', () => {
  assert.equal(commands.isPlatformActivity(createFormContext({ attributes: { channeltypecode: 183500000 } })), true);
  assert.equal(commands.isPlatformActivity(createFormContext({ attributes: { channeltypecode: 7 } })), false);
  assert.equal(commands.isPlatformActivity(createFormContext({ attributes: {} })), false);
});

test('previewText_WithExclusions_ListsRecipientsReasonsAndLists', () => {
  const text = commands.previewText(PREVIEW);
  assert.match(text, /2 marketing lists with 120 members\./);
  assert.match(text, /100 recipients will be transferred\./);
  assert.match(text, /20 members are left out:/);
  assert.match(text, /5 do not allow bulk email/);
  assert.match(text, /4 have an invalid email address/);
  assert.match(text, /3 bounced before/);
  assert.match(text, /2 unsubscribed/);
  assert.match(text, /5 share an address with another member/);
  assert.match(text, /1 have no email address/);
  assert.match(text, /Newsletter: 80 members, 70 recipients/);
  assert.match(text, /Trade fair visitors \(dynamic\): 40 members, 30 recipients/);
});

test('previewText_ZeroReasonAndBadListsJson_OmitsThem', () => {
  const text = commands.previewText(Object.assign({}, PREVIEW, { ExcludedCount: 1, ExcludedDoNotBulkEmail: 0, ExcludedInvalidAddress: 0, ExcludedBounced: 0, ExcludedUnsubscribed: 0, ExcludedDuplicateAddress: 0, ExcludedNoAddress: 1, ListsJson: '{not json' }));
  assert.match(text, /1 member is left out:/);
  assert.doesNotMatch(text, /bulk email/);
  assert.doesNotMatch(text, /Per list/);
});

test('transferRecipients_Confirmed_PreviewsThenStartsWithConfirmedCount', async () => {
  const xrm = install({ api: {
    ec_PreviewTransfer: async () => jsonResponse(PREVIEW),
    ec_StartTransfer: async () => jsonResponse({ SyncRequestId: 'x', Message: 'Transfer queued.' })
  } });
  const form = createFormContext({ attributes: { channeltypecode: 183500000 } });

  const started = await commands.transferRecipients(form);

  assert.equal(started, true);
  assert.deepEqual(xrm.calls.map((c) => c.metadata.operationName), ['ec_PreviewTransfer', 'ec_StartTransfer']);
  assert.equal(xrm.calls[0].metadata.operationType, 1, 'the preview is a function');
  assert.equal(xrm.calls[0].request.entity.id, ACTIVITY_ID, 'braces stripped, lower case');
  assert.equal(xrm.calls[1].request.ExpectedRecipientCount, 100);
  assert.equal(xrm.confirms.length, 1);
  assert.match(xrm.confirms[0].strings.text, /100 recipients will be transferred/);
  assert.equal(xrm.confirms[0].strings.confirmButtonLabel, 'Transfer');
  assert.deepEqual(form.notifications, [{ message: 'Transfer queued.', level: 'INFO', id: 'ec_command' }]);
  assert.equal(form.refreshed, 1);
  assertProgressBalanced(xrm);
});

test('transferRecipients_Cancelled_DoesNotStart', async () => {
  const xrm = install({ confirm: false, api: { ec_PreviewTransfer: async () => jsonResponse(PREVIEW) } });
  const started = await commands.transferRecipients(createFormContext());
  assert.equal(started, false);
  assert.deepEqual(xrm.calls.map((c) => c.metadata.operationName), ['ec_PreviewTransfer']);
  assertProgressBalanced(xrm);
});

test('transferRecipients_NobodyToTransfer_AlertsWithoutConfirm', async () => {
  const xrm = install({ api: { ec_PreviewTransfer: async () => jsonResponse(Object.assign({}, PREVIEW, { RecipientCount: 0, ExcludedCount: 120 })) } });
  const started = await commands.transferRecipients(createFormContext());
  assert.equal(started, false);
  assert.equal(xrm.confirms.length, 0);
  assert.match(xrm.alerts[0].text, /There is nobody to transfer/);
});

test('transferRecipients_DirtyForm_SavesFirst', async () => {
  install({ confirm: false, api: { ec_PreviewTransfer: async () => jsonResponse(PREVIEW) } });
  const form = createFormContext({ dirty: true });
  await commands.transferRecipients(form);
  assert.equal(form.saved, 1);
});

test('transferRecipients_PluginError_ShowsItsMessageInPlainWords', async () => {
  const xrm = install({ api: { ec_PreviewTransfer: async () => { const e = new Error('Choose an email platform account before transferring recipients.'); e.errorCode = 0x80040265; throw e; } } });
  const form = createFormContext();
  const started = await commands.transferRecipients(form);
  assert.equal(started, false);
  assert.equal(xrm.alerts[0].text, 'Choose an email platform account before transferring recipients.');
  assert.equal(form.notifications[0].level, 'ERROR');
  assertProgressBalanced(xrm);
});

test('transferRecipients_StackTraceInError_ShowsGenericSentence', async () => {
  const xrm = install({ api: { ec_PreviewTransfer: async () => { throw new Error('System.NullReferenceException: Object reference not set\n   at EmailConnector.Plugins.X.Execute()'); } } });
  await commands.transferRecipients(createFormContext());
  assert.doesNotMatch(xrm.alerts[0].text, /Exception|at EmailConnector/);
  assert.match(xrm.alerts[0].text, /Something went wrong/);
});

test('describeError_KnownCodesAndShapes_PlainWords', () => {
  assert.match(commands.describeError({ errorCode: 0x80040220, message: 'Principal user (Id=…) is missing prvCreateec_CommandPermission privilege' }), /do not have permission/);
  assert.match(commands.describeError({ errorCode: '0x80072322' }), /busy/);
  assert.match(commands.describeError({ status: 429 }), /busy/);
  assert.match(commands.describeError(new TypeError('Failed to fetch')), /connection to the server failed/);
  assert.match(commands.describeError(undefined), /Something went wrong/);
  assert.match(commands.describeError({}), /Something went wrong/);
  assert.match(commands.describeError({ message: '{"error":{"code":"0x0"}}' }), /Something went wrong/);
  assert.equal(commands.describeError({ message: 'The list is locked.\nmore detail' }), 'The list is locked.');
});

test('execute_ResponseNotOk_ReportsStatusTextAsFailure', async () => {
  const xrm = install({ api: { ec_SyncNow: async () => ({ ok: false, status: 500, statusText: 'Internal Server Error' }) } });
  const form = createFormContext();
  const queued = await commands.syncActivityNow(form);
  assert.equal(queued, false);
  assert.equal(xrm.alerts[0].text, 'Internal Server Error');
});

test('syncActivityNow_Success_CallsBoundSyncNowAndNotifies', async () => {
  const xrm = install({ api: { ec_SyncNow: async () => jsonResponse({ SyncRequestId: 'id', Message: 'Sync queued.' }) } });
  const form = createFormContext();
  assert.equal(await commands.syncActivityNow(form), true);
  assert.equal(xrm.calls[0].metadata.parameterTypes.entity.typeName, 'mscrm.campaignactivity');
  assert.equal(form.notifications[0].message, 'Sync queued.');
  assertProgressBalanced(xrm);
});

test('syncListNow_Success_CallsListBoundApi', async () => {
  const xrm = install({ api: { ec_SyncListNow: async () => ({ ok: true, status: 204, statusText: 'No Content', json: async () => { throw new Error('no body'); } }) } });
  const form = createFormContext({ id: '{0A0B0C0D-0000-0000-0000-000000000001}' });
  assert.equal(await commands.syncListNow(form), true);
  assert.deepEqual(xrm.calls[0].request.entity, { entityType: 'list', id: '0a0b0c0d-0000-0000-0000-000000000001' });
  assert.equal(form.notifications[0].message, 'The sync has been queued.');
});

test('requestReport_OpensDialogWithActivityId', async () => {
  const xrm = install({});
  const form = createFormContext();
  assert.equal(await commands.requestReport(form), true);
  assert.equal(xrm.navigations[0].page.webresourceName, 'ec_/pages/requestreport.html');
  assert.equal(xrm.navigations[0].page.data, 'id=' + ACTIVITY_ID);
  assert.equal(xrm.navigations[0].navOptions.target, 2);
  assert.equal(form.refreshed, 1);
});
