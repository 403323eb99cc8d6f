'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { createFakeXrm, jsonResponse } = require('./fakeXrm.js');

const dialog = require(path.join(__dirname, '../../../solution/EmailConnector/WebResources/ec_/scripts/requestreport.js'));
const ACTIVITY_ID = '5f3c2a10-1b2c-4d5e-8f90-a1b2c3d4e5f6';

test('activityIdFrom_NavigateToData_ReturnsId', () => {
  assert.equal(dialog.activityIdFrom('?data=' + encodeURIComponent('id=' + ACTIVITY_ID.toUpperCase())), ACTIVITY_ID);
  assert.equal(dialog.activityIdFrom('?data=' + encodeURIComponent('id=not-a-guid')), null);
  assert.equal(dialog.activityIdFrom(''), null);
});

test('defaults_UserLanguageGerman_PreselectsGermanAndBrowserZone', () => {
  const fakeIntl = { DateTimeFormat: function (locale, o) { if (o && o.timeZone === 'Nowhere/Else') { throw new RangeError('bad'); } return { resolvedOptions: () => ({ timeZone: 'Europe/Berlin' }) }; } };
  assert.deepEqual(dialog.defaults({ languageId: 1031 }, fakeIntl), { language: 'de-DE', timeZone: 'Europe/Berlin' });
  assert.deepEqual(dialog.defaults({ languageId: 9999 }, fakeIntl).language, 'en-US');
});

test('timeZones_IntlWithoutSupportedValuesOf_FallsBackToList', () => {
  assert.ok(dialog.timeZones({}).includes('Europe/Berlin'));
  assert.ok(dialog.timeZones(Intl).includes('UTC'));
});

test('submit_ValidChoice_CallsRequestReportWithLanguageAndTimeZone', async () => {
  const xrm = createFakeXrm({ api: { ec_RequestReport: async () => jsonResponse({ SyncRequestId: 'r', Message: 'Report requested.' }) } });
  global.Xrm = xrm;
  const result = await dialog.submit(ACTIVITY_ID, 'de-DE', 'Europe/Berlin', Intl);
  assert.deepEqual(result, { ok: true, message: 'Report requested.' });
  const call = xrm.calls[0];
  assert.equal(call.metadata.operationName, 'ec_RequestReport');
  assert.equal(call.request.Language, 'de-DE');
  assert.equal(call.request.TimeZone, 'Europe/Berlin');
  assert.deepEqual(call.metadata.parameterTypes.TimeZone, { typeName: 'Edm.String', structuralProperty: 1 });
});

test('submit_InvalidChoices_RejectedWithoutCall', async () => {
  const xrm = createFakeXrm({ api: {} });
  global.Xrm = xrm;
  assert.equal((await dialog.submit(ACTIVITY_ID, 'xx-XX', 'UTC', Intl)).ok, false);
  assert.equal((await dialog.submit(ACTIVITY_ID, 'en-US', 'Nowhere/Else', Intl)).ok, false);
  assert.match((await dialog.submit(null, 'en-US', 'UTC', Intl)).message, /Save the campaign activity/);
  assert.equal(xrm.calls.length, 0);
});

test('submit_ApiFails_PlainMessage', async () => {
  global.Xrm = createFakeXrm({ api: { ec_RequestReport: async () => { const e = new Error('x'); e.errorCode = 0x80040220; throw e; } } });
  const result = await dialog.submit(ACTIVITY_ID, 'en-US', 'UTC', Intl);
  assert.equal(result.ok, false);
  assert.match(result.message, /do not have permission/);
});
