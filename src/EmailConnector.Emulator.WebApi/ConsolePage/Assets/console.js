/*
 * The console page: a campaign activity list, and a read-only form of one activity with the command bar the solution's
 * RibbonDiff.xml defines. Enable and display rules are evaluated here; command actions call the solution's own web
 * resource functions with a local formContext and the local Xrm (xrm.js).
 */
(function () {
  'use strict';

  var ENTITY = 'campaignactivity';
  var FIELDS = [
    { attribute: 'subject', label: 'Subject' },
    { attribute: 'channeltypecode', label: 'Channel' },
    { attribute: 'statecode', label: 'Activity status' },
    { attribute: 'ec_platformaccountid', label: 'Email platform account', lookup: true },
    { attribute: 'ec_transferstate', label: 'Transfer state' },
    { attribute: 'ec_transferredcount', label: 'Transferred recipients' },
    { attribute: 'ec_excludedcount', label: 'Excluded members' },
    { attribute: 'ec_lasttransferon', label: 'Last transfer on', date: true },
    { attribute: 'ec_transfersummary', label: 'Transfer summary' },
    { attribute: 'ec_mailingstatus', label: 'Mailing status' }
  ];
  // ec_transferstate Queued and Transferring: the worker is busy with the activity, so the console re-reads it.
  var WATCHED_TRANSFER_STATES = [183500001, 183500002];
  var WATCH_INTERVAL_MS = 2000;
  var FORM_TYPES = { Create: 1, Existing: 2, ReadOnly: 3, Disabled: 4, BulkEdit: 6 };
  var FORMATTED = '@OData.Community.Display.V1.FormattedValue';
  var LOOKUP_TABLE = '@Microsoft.Dynamics.CRM.lookuplogicalname';

  var byId = function (id) { return document.getElementById(id); };
  var ribbon = null;
  var form = null;
  var watchTimer = null;

  function reportError(context, error) {
    var line = context + ': ' + (error && error.message ? error.message : String(error));
    var box = byId('console-errors');
    box.textContent = box.textContent ? box.textContent + '\n' + line : line;
    window.console.error(line);
  }

  window.addEventListener('error', function (event) { reportError('Script error', event.error || event.message); });
  window.addEventListener('unhandledrejection', function (event) { reportError('Unhandled rejection', event.reason); });

  async function getJson(url) {
    var response = await fetch(url, { headers: { Accept: 'application/json' } });
    var body = await response.json();
    if (!response.ok) { throw new Error(url + ' answered ' + response.status + ': ' + (body.error ? body.error.message : JSON.stringify(body))); }
    return body;
  }

  // ---- dialogs and progress: the host side of Xrm.Navigation and Xrm.Utility ----

  var dialogOpen = false;

  function dialog(options) {
    if (dialogOpen) { return Promise.reject(new Error('A dialog is already open; the console shows one at a time.')); }
    dialogOpen = true;
    byId('dialog-title').textContent = options.title;
    byId('dialog-subtitle').textContent = options.subtitle || '';
    byId('dialog-text').textContent = options.text;
    var confirm = byId('dialog-confirm');
    var cancel = byId('dialog-cancel');
    confirm.textContent = options.confirm;
    cancel.textContent = options.cancel || '';
    cancel.hidden = !options.cancel;
    byId('dialog').hidden = false;
    return new Promise(function (resolve) {
      function close(confirmed) {
        confirm.onclick = null;
        cancel.onclick = null;
        byId('dialog').hidden = true;
        dialogOpen = false;
        resolve(confirmed);
      }
      confirm.onclick = function () { close(true); };
      cancel.onclick = function () { close(false); };
    });
  }

  function pageDialog(url, title) {
    var frame = byId('page-dialog-frame');
    byId('page-dialog-title').textContent = title;
    byId('page-dialog').hidden = false;
    return new Promise(function (resolve) {
      function close() {
        byId('page-dialog').hidden = true;
        frame.onload = null;
        frame.src = 'about:blank';
        byId('page-dialog-close').onclick = null;
        resolve(undefined);
      }
      // A dialog page closes itself with window.close(); in the console's frame that means closing the dialog.
      frame.onload = function () {
        if (frame.contentWindow && frame.src !== 'about:blank') { frame.contentWindow.close = close; }
      };
      byId('page-dialog-close').onclick = close;
      frame.src = url;
    });
  }

  function progress(message) {
    byId('progress-text').textContent = message || '';
    byId('progress').hidden = message === null;
  }

  // ---- formContext ----

  function attributeValue(record, field) {
    if (field.lookup) {
      var id = record['_' + field.attribute + '_value'];
      if (!id) { return null; }
      return [{
        id: '{' + id.toUpperCase() + '}',
        name: record['_' + field.attribute + '_value' + FORMATTED] || null,
        entityType: record['_' + field.attribute + '_value' + LOOKUP_TABLE]
      }];
    }
    var value = record[field.attribute];
    if (value === undefined || value === null) { return null; }
    return field.date ? new Date(value) : value;
  }

  function createFormContext(record) {
    var strict = EmulatorConsole.Xrm.strict;
    var id = record.activityid;
    var attributes = {};
    FIELDS.forEach(function (field) {
      var value = attributeValue(record, field);
      attributes[field.attribute] = strict('formContext.getAttribute("' + field.attribute + '")', {
        getName: function () { return field.attribute; },
        getValue: function () { return value; }
      });
    });
    return strict('formContext', {
      // Like a real form: only columns on the form have attributes; others are null.
      getAttribute: function (name) { return Object.prototype.hasOwnProperty.call(attributes, name) ? attributes[name] : null; },
      data: strict('formContext.data', {
        // The console form has no editable controls, so nothing is ever dirty and there is nothing to save.
        entity: strict('formContext.data.entity', {
          getId: function () { return '{' + id.toUpperCase() + '}'; },
          getEntityName: function () { return ENTITY; },
          getIsDirty: function () { return false; },
          getPrimaryAttributeValue: function () { return record.subject || null; }
        }),
        refresh: function () { return openRecord(id); }
      }),
      ui: strict('formContext.ui', {
        getFormType: function () { return FORM_TYPES.Existing; },
        setFormNotification: function (message, level, uniqueId) { notify(message, level, uniqueId); return true; },
        clearFormNotification: function (uniqueId) { clearNotification(uniqueId); return true; }
      })
    });
  }

  function notify(message, level, uniqueId) {
    clearNotification(uniqueId);
    var div = document.createElement('div');
    div.className = 'notification';
    div.dataset.id = uniqueId;
    div.dataset.level = level;
    div.textContent = message;
    byId('notifications').appendChild(div);
  }

  function clearNotification(uniqueId) {
    Array.prototype.slice.call(byId('notifications').children).forEach(function (div) {
      if (div.dataset.id === uniqueId) { div.remove(); }
    });
  }

  // ---- ribbon: libraries, parameters, rules, actions ----

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = url;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error('The library ' + url + ' did not load.')); };
      document.head.appendChild(script);
    });
  }

  async function loadLibraries(definition) {
    var urls = [];
    definition.buttons.forEach(function (button) {
      var command = button.command;
      command.actions.forEach(function (action) { if (action.libraryUrl) { urls.push(action.libraryUrl); } });
      command.enableRules.concat(command.displayRules).forEach(function (rule) {
        rule.conditions.forEach(function (condition) { if (condition.libraryUrl) { urls.push(condition.libraryUrl); } });
      });
    });
    var unique = urls.filter(function (url, i) { return urls.indexOf(url) === i; });
    for (var i = 0; i < unique.length; i++) { await loadScript(unique[i]); }
  }

  function resolveFunction(name) {
    var target = name.split('.').reduce(function (scope, part) { return scope === undefined || scope === null ? undefined : scope[part]; }, window);
    if (typeof target !== 'function') { throw new Error('The ribbon names the function ' + name + ', which its library does not define.'); }
    return target;
  }

  function parameterValue(parameter) {
    switch (parameter.kind) {
      case 'CrmParameter':
        switch (parameter.value) {
          case 'PrimaryControl': return form;
          case 'PrimaryEntityTypeName': return ENTITY;
          case 'FirstPrimaryItemId': return form.data.entity.getId();
          case 'PrimaryItemIds': return [form.data.entity.getId()];
          default: throw EmulatorConsole.Xrm.notImplemented('The ribbon CrmParameter ' + parameter.value);
        }
      case 'StringParameter': return parameter.value;
      case 'BoolParameter': return parameter.value === 'true';
      case 'IntParameter': return parseInt(parameter.value, 10);
      case 'DecimalParameter': return parseFloat(parameter.value);
      default: throw EmulatorConsole.Xrm.notImplemented('The ribbon parameter <' + parameter.kind + '>');
    }
  }

  function inverted(condition, result) {
    return condition.attributes.InvertResult === 'true' ? !result : result;
  }

  // One rule element; unevaluated kinds throw (the caller shows the error and leaves the button disabled).
  async function evaluateCondition(rule, condition, notes) {
    switch (condition.kind) {
      case 'FormStateRule': {
        var state = FORM_TYPES[condition.attributes.State];
        if (state === undefined) { throw EmulatorConsole.Xrm.notImplemented('FormStateRule State="' + condition.attributes.State + '"'); }
        return inverted(condition, form.ui.getFormType() === state);
      }
      case 'CustomRule': {
        var fn = resolveFunction(condition.attributes.FunctionName);
        try {
          var result = await fn.apply(null, condition.parameters.map(parameterValue));
          return inverted(condition, result === true);
        } catch (error) {
          reportError('Enable rule ' + rule.id + ' (' + condition.attributes.FunctionName + ')', error);
          return condition.attributes.Default === 'true';
        }
      }
      case 'ValueRule': {
        var attribute = form.getAttribute(condition.attributes.Field);
        var value = attribute ? attribute.getValue() : null;
        return inverted(condition, String(value) === condition.attributes.Value);
      }
      case 'EntityPrivilegeRule':
        // The emulator runs every call as a privileged user and has no security roles to check.
        notes.push(rule.id + ': ' + condition.kind + ' not evaluated (treated as true)');
        return true;
      default:
        throw EmulatorConsole.Xrm.notImplemented('The ribbon rule <' + condition.kind + '> (' + rule.id + ')');
    }
  }

  async function evaluateRules(rules, notes) {
    for (var i = 0; i < rules.length; i++) {
      var rule = rules[i];
      if (!rule.defined) {
        throw EmulatorConsole.Xrm.notImplemented('The ribbon rule ' + rule.id + ' (defined in the platform ribbon, not in the solution)');
      }
      for (var j = 0; j < rule.conditions.length; j++) {
        if (!(await evaluateCondition(rule, rule.conditions[j], notes))) { return false; }
      }
    }
    return true;
  }

  async function runCommand(button) {
    for (var i = 0; i < button.command.actions.length; i++) {
      var action = button.command.actions[i];
      if (action.kind !== 'JavaScriptFunction') {
        throw EmulatorConsole.Xrm.notImplemented('The ribbon action <' + action.kind + '> of ' + button.command.id);
      }
      await resolveFunction(action.functionName).apply(null, action.parameters.map(parameterValue));
    }
  }

  var commandBarGeneration = 0;

  // Builds the bar off-screen and swaps it in only if no newer render started meanwhile (refreshes can overlap).
  async function renderCommandBar() {
    var generation = ++commandBarGeneration;
    var bar = byId('commandbar');
    bar.dataset.ready = 'false';
    var buttons = [];
    for (var i = 0; i < ribbon.buttons.length; i++) {
      var definition = ribbon.buttons[i];
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = definition.label;
      button.title = definition.toolTip || '';
      button.dataset.buttonId = definition.id;
      button.dataset.commandId = definition.command.id;
      button.disabled = true;
      var notes = [];
      try {
        button.hidden = !(await evaluateRules(definition.command.displayRules, notes));
        button.disabled = !(await evaluateRules(definition.command.enableRules, notes));
      } catch (error) {
        reportError('Command ' + definition.command.id, error);
      }
      button.dataset.unevaluated = notes.join('; ');
      button.addEventListener('click', (function (target, element) {
        return async function () {
          element.disabled = true;
          try {
            await runCommand(target);
          } catch (error) {
            reportError('Command ' + target.command.id, error);
          }
          await renderCommandBar();
        };
      })(definition, button));
      buttons.push(button);
    }
    if (generation !== commandBarGeneration) { return; }
    bar.textContent = '';
    buttons.forEach(function (b) { bar.appendChild(b); });
    bar.dataset.ready = 'true';
  }

  // ---- the record ----

  function display(record, field) {
    var key = field.lookup ? '_' + field.attribute + '_value' : field.attribute;
    var formatted = record[key + FORMATTED];
    var value = formatted !== undefined ? formatted : record[key];
    return value === undefined || value === null ? '' : String(value);
  }

  function renderFields(record) {
    var list = byId('fields');
    list.textContent = '';
    FIELDS.forEach(function (field) {
      var dt = document.createElement('dt');
      dt.textContent = field.label;
      var dd = document.createElement('dd');
      dd.dataset.field = field.attribute;
      dd.dataset.value = record[field.lookup ? '_' + field.attribute + '_value' : field.attribute] === undefined
        ? '' : String(record[field.lookup ? '_' + field.attribute + '_value' : field.attribute]);
      dd.textContent = display(record, field);
      list.appendChild(dt);
      list.appendChild(dd);
    });
  }

  function watch(record) {
    window.clearTimeout(watchTimer);
    var watching = WATCHED_TRANSFER_STATES.indexOf(record.ec_transferstate) >= 0;
    byId('watching').textContent = watching ? 'The transfer is under way: this form reloads every ' + (WATCH_INTERVAL_MS / 1000) + ' s.' : '';
    if (watching) {
      watchTimer = window.setTimeout(function () {
        openRecord(record.activityid).catch(function (error) { reportError('Refresh', error); });
      }, WATCH_INTERVAL_MS);
    }
  }

  async function openRecord(id) {
    var select = FIELDS.map(function (f) { return f.lookup ? '_' + f.attribute + '_value' : f.attribute; }).concat(['activityid']);
    var record = await Xrm.WebApi.retrieveRecord(ENTITY, id, '?$select=' + select.join(','));
    form = createFormContext(record);
    byId('form').hidden = false;
    byId('empty').hidden = true;
    byId('form').dataset.recordId = record.activityid;
    byId('form-title').textContent = record.subject || '(no subject)';
    renderFields(record);
    await renderCommandBar();
    watch(record);
    document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
  }

  async function renderList(currentId) {
    var result = await Xrm.WebApi.retrieveMultipleRecords(ENTITY, '?$select=subject,ec_transferstate&$orderby=subject asc');
    var list = byId('activities');
    list.textContent = '';
    if (result.entities.length === 0) {
      var none = document.createElement('li');
      none.className = 'note';
      none.textContent = 'No campaign activities yet: create one through the Web API or the SDK.';
      list.appendChild(none);
    }
    result.entities.forEach(function (activity) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = '/console?id=' + activity.activityid;
      link.dataset.id = activity.activityid;
      link.textContent = (activity.subject || '(no subject)') +
        (activity['ec_transferstate' + FORMATTED] ? ' — ' + activity['ec_transferstate' + FORMATTED] : '');
      if (activity.activityid === currentId) { link.className = 'current'; }
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  async function start() {
    var session = await getJson('/console/session');
    byId('organization').textContent = 'solution ' + (session.solution || '(none)') + ' · ' + session.serviceRoot;
    window.Xrm = EmulatorConsole.Xrm.create(session, { dialog: dialog, pageDialog: pageDialog, progress: progress });
    ribbon = await getJson('/console/ribbon/' + ENTITY);
    await loadLibraries(ribbon);
    var id = new URLSearchParams(window.location.search).get('id');
    await renderList(id);
    byId('reload-list').onclick = function () { renderList(id).catch(function (error) { reportError('List', error); }); };
    byId('refresh').onclick = function () { form.data.refresh(false).catch(function (error) { reportError('Refresh', error); }); };
    if (id) { await openRecord(id); }
    document.body.dataset.started = 'true';
  }

  start().catch(function (error) { reportError('Console', error); });
})();
