/*
 * Email connector command-bar commands (campaign activity and marketing list forms).
 * Plain ES2017 for the browser; no build step. The ribbon calls EmailConnector.Commands.<name>(PrimaryControl).
 * The functions are also exported for Node so the command logic is tested against a fake Xrm.
 */
var EmailConnector = (typeof window !== 'undefined' && window.EmailConnector) || {};

EmailConnector.Commands = (function () {
  'use strict';

  // Option value of the "Email platform" channel added to campaignactivity.channeltypecode (prefix 18350 * 10000).
  var PLATFORM_CHANNEL = 183500000;
  var NOTIFICATION_ID = 'ec_command';

  var EXCLUSION_REASONS = [
    { property: 'ExcludedDoNotBulkEmail', json: 'doNotBulkEmail', text: 'do not allow bulk email' },
    { property: 'ExcludedInvalidAddress', json: 'invalidAddress', text: 'have an invalid email address' },
    { property: 'ExcludedBounced', json: 'bounced', text: 'bounced before' },
    { property: 'ExcludedUnsubscribed', json: 'unsubscribed', text: 'unsubscribed' },
    { property: 'ExcludedDuplicateAddress', json: 'duplicateAddress', text: 'share an address with another member' },
    { property: 'ExcludedNoAddress', json: 'noAddress', text: 'have no email address' }
  ];

  // Dataverse error codes whose own message is technical; users get these sentences instead.
  var KNOWN_ERRORS = {
    '0x80040220': 'You do not have permission to do this. Ask your administrator for the Email Marketing Professional or Email Marketing Manager role.',
    '0x80072322': 'The system is busy right now. Wait a minute and try again.',
    '0x80072321': 'The system is busy right now. Wait a minute and try again.',
    '0x80072326': 'The system is busy right now. Wait a minute and try again.',
    '0x80040217': 'The record no longer exists. Refresh the page.'
  };

  function xrm() {
    if (typeof Xrm === 'undefined') { throw new Error('The Dynamics 365 client API (Xrm) is not available.'); }
    return Xrm;
  }

  function recordId(formContext) {
    return formContext.data.entity.getId().replace(/[{}]/g, '').toLowerCase();
  }

  function formatNumber(n) {
    return Number(n || 0).toLocaleString();
  }

  function plural(n, one, many) {
    return formatNumber(n) + ' ' + (Number(n) === 1 ? one : many);
  }

  /** Builds a request object for Xrm.WebApi.online.execute (entity-bound custom API). */
  function boundRequest(operationName, entityType, id, operationType, parameters) {
    var request = { entity: { entityType: entityType, id: id } };
    var parameterTypes = { entity: { typeName: 'mscrm.' + entityType, structuralProperty: 5 } };
    Object.keys(parameters || {}).forEach(function (name) {
      request[name] = parameters[name].value;
      parameterTypes[name] = { typeName: parameters[name].type, structuralProperty: 1 };
    });
    request.getMetadata = function () {
      return { boundParameter: 'entity', operationType: operationType, operationName: operationName, parameterTypes: parameterTypes };
    };
    return request;
  }

  async function execute(request) {
    var response = await xrm().WebApi.online.execute(request);
    if (!response.ok) {
      var failure = new Error(response.statusText || 'The request failed.');
      failure.status = response.status;
      throw failure;
    }
    return response.status === 204 ? {} : await response.json();
  }

  /** Turns anything thrown by the client API into one readable sentence: never a stack trace or raw object. */
  function describeError(error) {
    var generic = 'Something went wrong. Try again; if it keeps failing, ask your administrator to check the Email Connector sync requests.';
    if (!error) { return generic; }
    var code = error.errorCode !== undefined && error.errorCode !== null ? error.errorCode : error.code;
    if (typeof code === 'number') { code = '0x' + (code >>> 0).toString(16); }
    if (typeof code === 'string' && KNOWN_ERRORS[code.toLowerCase()]) { return KNOWN_ERRORS[code.toLowerCase()]; }
    if (error.status === 429) { return KNOWN_ERRORS['0x80072322']; }
    var message = typeof error === 'string' ? error : error.message;
    if (typeof message !== 'string' || message.trim() === '') { return generic; }
    if (/failed to fetch|networkerror|network request failed/i.test(message)) {
      return 'The connection to the server failed. Check your network connection and try again.';
    }
    var firstLine = message.split(/\r?\n/)[0].trim();
    // Plugin messages are written for users; anything that looks like code or a stack frame is not shown.
    if (/\bat [\w.$<>]+ ?\(|Exception:|System\.[A-Z]|^\s*at\s|[{}<>]/.test(firstLine) || firstLine.length > 300) { return generic; }
    return firstLine;
  }

  function clearNotification(formContext) {
    formContext.ui.clearFormNotification(NOTIFICATION_ID);
  }

  async function reportFailure(formContext, title, error) {
    var text = describeError(error);
    formContext.ui.setFormNotification(title + ': ' + text, 'ERROR', NOTIFICATION_ID);
    await xrm().Navigation.openAlertDialog({ title: title, text: text });
  }

  async function saveIfDirty(formContext) {
    if (formContext.data.entity.getIsDirty()) { await formContext.data.save(); }
  }

  async function withProgress(message, work) {
    xrm().Utility.showProgressIndicator(message);
    try {
      return await work();
    } finally {
      xrm().Utility.closeProgressIndicator();
    }
  }

  function parseLists(json) {
    if (typeof json !== 'string' || json === '') { return []; }
    try {
      var lists = JSON.parse(json);
      return Array.isArray(lists) ? lists : [];
    } catch (e) {
      return [];
    }
  }

  /** The confirmation text of a transfer preview: lists, recipients and exclusions by reason. */
  function previewText(preview) {
    var lines = [];
    lines.push(plural(preview.ListCount, 'marketing list', 'marketing lists') + ' with ' + plural(preview.MemberCount, 'member', 'members') + '.');
    lines.push(plural(preview.RecipientCount, 'recipient', 'recipients') + ' will be transferred.');
    if (Number(preview.ExcludedCount) > 0) {
      lines.push(plural(preview.ExcludedCount, 'member is', 'members are') + ' left out:');
      EXCLUSION_REASONS.forEach(function (reason) {
        var count = Number(preview[reason.property] || 0);
        if (count > 0) { lines.push('  ' + formatNumber(count) + ' ' + reason.text); }
      });
    }
    var lists = parseLists(preview.ListsJson);
    if (lists.length > 0) {
      lines.push('');
      lines.push('Per list:');
      lists.forEach(function (list) {
        lines.push('  ' + (list.name || 'Unnamed list') + (list.isDynamic ? ' (dynamic)' : '') + ': ' +
          plural(list.memberCount, 'member', 'members') + ', ' + plural(list.recipientCount, 'recipient', 'recipients'));
      });
    }
    return lines.join('\n');
  }

  function isPlatformActivity(formContext) {
    var channel = formContext && formContext.getAttribute ? formContext.getAttribute('channeltypecode') : null;
    return !!channel && channel.getValue() === PLATFORM_CHANNEL;
  }

  async function transferRecipients(formContext) {
    var title = 'Transfer recipients';
    clearNotification(formContext);
    try {
      await saveIfDirty(formContext);
      var id = recordId(formContext);
      var preview = await withProgress('Counting the recipients…', function () {
        return execute(boundRequest('ec_PreviewTransfer', 'campaignactivity', id, 1, {}));
      });
      if (Number(preview.RecipientCount) === 0) {
        await xrm().Navigation.openAlertDialog({ title: title, text: 'There is nobody to transfer.\n\n' + previewText(preview) });
        return false;
      }
      var answer = await xrm().Navigation.openConfirmDialog(
        { title: title, subtitle: plural(preview.RecipientCount, 'recipient', 'recipients'), text: previewText(preview), confirmButtonLabel: 'Transfer', cancelButtonLabel: 'Cancel' },
        { height: 480, width: 560 });
      if (!answer || !answer.confirmed) { return false; }
      var result = await withProgress('Starting the transfer…', function () {
        return execute(boundRequest('ec_StartTransfer', 'campaignactivity', id, 0, {
          ExpectedRecipientCount: { value: Number(preview.RecipientCount), type: 'Edm.Int32' }
        }));
      });
      formContext.ui.setFormNotification(result.Message || 'The transfer has started. This form shows the result when it is done.', 'INFO', NOTIFICATION_ID);
      await formContext.data.refresh(false);
      return true;
    } catch (error) {
      await reportFailure(formContext, title, error);
      return false;
    }
  }

  /** Calls ec_RequestReport; used by the report dialog. Resolves to the API's message. */
  async function submitReportRequest(activityId, language, timeZone) {
    var result = await execute(boundRequest('ec_RequestReport', 'campaignactivity', activityId, 0, {
      Language: { value: language, type: 'Edm.String' },
      TimeZone: { value: timeZone, type: 'Edm.String' }
    }));
    return result.Message || 'The report has been requested. It appears under Notes when it is ready.';
  }

  async function requestReport(formContext) {
    var title = 'Request report';
    clearNotification(formContext);
    try {
      await saveIfDirty(formContext);
      var id = recordId(formContext);
      await xrm().Navigation.navigateTo(
        { pageType: 'webresource', webresourceName: 'ec_/pages/requestreport.html', data: 'id=' + encodeURIComponent(id) },
        { target: 2, position: 1, width: { value: 460, unit: 'px' }, height: { value: 380, unit: 'px' }, title: title });
      await formContext.data.refresh(false);
      return true;
    } catch (error) {
      await reportFailure(formContext, title, error);
      return false;
    }
  }

  async function syncNow(formContext, operationName, entityType, title) {
    clearNotification(formContext);
    try {
      await saveIfDirty(formContext);
      var id = recordId(formContext);
      var result = await withProgress('Queuing the sync…', function () {
        return execute(boundRequest(operationName, entityType, id, 0, {}));
      });
      formContext.ui.setFormNotification(result.Message || 'The sync has been queued.', 'INFO', NOTIFICATION_ID);
      return true;
    } catch (error) {
      await reportFailure(formContext, title, error);
      return false;
    }
  }

  function syncActivityNow(formContext) {
    return syncNow(formContext, 'ec_SyncNow', 'campaignactivity', 'Sync now');
  }

  function syncListNow(formContext) {
    return syncNow(formContext, 'ec_SyncListNow', 'list', 'Sync now');
  }

  return {
    PLATFORM_CHANNEL: PLATFORM_CHANNEL,
    boundRequest: boundRequest,
    describeError: describeError,
    previewText: previewText,
    isPlatformActivity: isPlatformActivity,
    transferRecipients: transferRecipients,
    requestReport: requestReport,
    submitReportRequest: submitReportRequest,
    syncActivityNow: syncActivityNow,
    syncListNow: syncListNow
  };
})();

if (typeof window !== 'undefined') { window.EmailConnector = EmailConnector; }
if (typeof module !== 'undefined' && module.exports) { module.exports = EmailConnector.Commands; }
