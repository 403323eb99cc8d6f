/*
 * The parts of the Dynamics 365 client API (Xrm) our web resources call, implemented against the emulator's real
 * Web API with the console session's bearer token. Every other member throws an Error naming it: a script that
 * starts to use something new fails visibly here instead of doing nothing.
 */
var EmulatorConsole = window.EmulatorConsole || {};

EmulatorConsole.Xrm = (function () {
  'use strict';

  var CRM = 'Microsoft.Dynamics.CRM.';

  function notImplemented(member) {
    return new Error(member + ' is not implemented by the emulator console (see docs/emulator.md, "Console page").');
  }

  /** Wraps an object so that reading a member it does not have throws, naming the member. */
  function strict(path, target) {
    return new Proxy(target, {
      get: function (object, name) {
        // Promise resolution and inspection probe these; they are not client API calls.
        if (typeof name === 'symbol' || name === 'then' || name === 'toJSON' || name === 'constructor') { return object[name]; }
        if (Object.prototype.hasOwnProperty.call(object, name)) { return object[name]; }
        throw notImplemented(path + '.' + name);
      }
    });
  }

  function bareId(id) {
    return String(id).replace(/[{}]/g, '').toLowerCase();
  }

  /** The error Xrm.WebApi rejects with: Dataverse's message and its code as a number (errorCode). */
  async function webApiError(response) {
    var text = await response.text();
    var code = null;
    var message = response.statusText || ('HTTP ' + response.status);
    try {
      var body = JSON.parse(text);
      if (body && body.error) {
        message = body.error.message || message;
        code = body.error.code || null;
      }
    } catch (e) {
      if (text) { message = text; }
    }
    var error = new Error(message);
    error.errorCode = typeof code === 'string' && /^0x[0-9a-f]+$/i.test(code) ? (parseInt(code, 16) | 0) : code;
    error.code = error.errorCode;
    error.httpStatusCode = response.status;
    return error;
  }

  function createWebApi(session) {
    function entitySet(logicalName) {
      var set = session.entitySets[logicalName];
      if (!set) { throw new Error("The table '" + logicalName + "' is not in the emulator's catalog."); }
      return set;
    }

    async function send(method, url, body, extraHeaders) {
      var headers = {
        'Accept': 'application/json',
        'OData-MaxVersion': '4.0',
        'OData-Version': '4.0',
        'Authorization': 'Bearer ' + session.accessToken
      };
      Object.keys(extraHeaders || {}).forEach(function (name) { headers[name] = extraHeaders[name]; });
      var init = { method: method, headers: headers };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json; charset=utf-8';
        init.body = JSON.stringify(body);
      }
      var response = await fetch(session.serviceRoot + url, init);
      if (!response.ok) { throw await webApiError(response); }
      return response;
    }

    function idFromEntityIdHeader(response) {
      var header = response.headers.get('OData-EntityId') || '';
      var match = /\(([0-9a-f-]{36})\)$/i.exec(header);
      if (!match) { throw new Error('The response carries no OData-EntityId header with the record id.'); }
      return match[1].toLowerCase();
    }

    function options(text) {
      if (!text) { return ''; }
      return text.charAt(0) === '?' ? text : '?' + text;
    }

    var annotations = { 'Prefer': 'odata.include-annotations="*"' };

    // Parameter values as the Web API wants them: in an action body as JSON, in a function URL as an alias literal.
    var PRIMITIVES = ['Edm.String', 'Edm.Int32', 'Edm.Int64', 'Edm.Boolean', 'Edm.Decimal', 'Edm.Double', 'Edm.Guid', 'Edm.DateTimeOffset'];

    function checkType(name, parameterType) {
      if (!parameterType || PRIMITIVES.indexOf(parameterType.typeName) < 0 || parameterType.structuralProperty !== 1) {
        throw notImplemented('Xrm.WebApi.online.execute with the parameter ' + name + ' of type ' + (parameterType ? parameterType.typeName : 'unknown'));
      }
    }

    function functionLiteral(typeName, value) {
      if (typeName === 'Edm.String') { return "'" + String(value).replace(/'/g, "''") + "'"; }
      if (typeName === 'Edm.DateTimeOffset') { return value instanceof Date ? value.toISOString() : String(value); }
      return String(value);
    }

    async function execute(request) {
      if (!request || typeof request.getMetadata !== 'function') { throw new Error('Xrm.WebApi.online.execute needs a request with getMetadata().'); }
      var metadata = request.getMetadata();
      if (metadata.operationType !== 0 && metadata.operationType !== 1) {
        throw notImplemented('Xrm.WebApi.online.execute with operationType ' + metadata.operationType + ' (CRUD)');
      }
      var path = metadata.operationName;
      if (metadata.boundParameter === 'entity') {
        var target = request.entity;
        if (!target || !target.entityType || !target.id) { throw new Error('The bound request ' + metadata.operationName + ' has no entity { entityType, id }.'); }
        path = entitySet(target.entityType) + '(' + bareId(target.id) + ')/' + CRM + metadata.operationName;
      } else if (metadata.boundParameter !== null && metadata.boundParameter !== undefined) {
        throw notImplemented('Xrm.WebApi.online.execute bound to ' + metadata.boundParameter);
      }
      var names = Object.keys(metadata.parameterTypes || {}).filter(function (name) {
        return name !== metadata.boundParameter && request[name] !== undefined && request[name] !== null;
      });
      names.forEach(function (name) { checkType(name, metadata.parameterTypes[name]); });
      if (metadata.operationType === 1) {
        var aliases = names.map(function (name, i) { return name + '=@p' + i; });
        var query = names.map(function (name, i) {
          return '@p' + i + '=' + encodeURIComponent(functionLiteral(metadata.parameterTypes[name].typeName, request[name]));
        });
        return send('GET', path + '(' + aliases.join(',') + ')' + (query.length ? '?' + query.join('&') : ''));
      }
      var body = {};
      names.forEach(function (name) { body[name] = request[name]; });
      return send('POST', path, body);
    }

    return strict('Xrm.WebApi', {
      retrieveRecord: async function (entityLogicalName, id, query) {
        var response = await send('GET', entitySet(entityLogicalName) + '(' + bareId(id) + ')' + options(query), undefined, annotations);
        return response.json();
      },
      retrieveMultipleRecords: async function (entityLogicalName, query, maxPageSize) {
        var headers = { 'Prefer': 'odata.include-annotations="*"' + (maxPageSize ? ',odata.maxpagesize=' + Number(maxPageSize) : '') };
        var response = await send('GET', entitySet(entityLogicalName) + options(query), undefined, headers);
        var body = await response.json();
        return { entities: body.value, nextLink: body['@odata.nextLink'] };
      },
      createRecord: async function (entityLogicalName, data) {
        var response = await send('POST', entitySet(entityLogicalName), data);
        return { entityType: entityLogicalName, id: idFromEntityIdHeader(response) };
      },
      updateRecord: async function (entityLogicalName, id, data) {
        await send('PATCH', entitySet(entityLogicalName) + '(' + bareId(id) + ')', data, { 'If-Match': '*' });
        return { entityType: entityLogicalName, id: bareId(id) };
      },
      deleteRecord: async function (entityLogicalName, id) {
        await send('DELETE', entitySet(entityLogicalName) + '(' + bareId(id) + ')');
        return { entityType: entityLogicalName, id: bareId(id) };
      },
      online: strict('Xrm.WebApi.online', { execute: execute })
    });
  }

  function createNavigation(host) {
    return strict('Xrm.Navigation', {
      openAlertDialog: function (alertStrings) {
        return host.dialog({
          title: alertStrings.title || '', text: alertStrings.text || '',
          confirm: alertStrings.confirmButtonLabel || 'OK'
        }).then(function () { return undefined; });
      },
      openConfirmDialog: function (confirmStrings) {
        return host.dialog({
          title: confirmStrings.title || '', subtitle: confirmStrings.subtitle || '', text: confirmStrings.text || '',
          confirm: confirmStrings.confirmButtonLabel || 'OK', cancel: confirmStrings.cancelButtonLabel || 'Cancel'
        }).then(function (confirmed) { return { confirmed: confirmed }; });
      },
      openErrorDialog: function (errorOptions) {
        var code = errorOptions.errorCode !== undefined ? '\n\nError code: 0x' + (errorOptions.errorCode >>> 0).toString(16) : '';
        return host.dialog({
          title: 'Error', text: (errorOptions.message || '') + (errorOptions.details ? '\n\n' + errorOptions.details : '') + code,
          confirm: 'OK'
        }).then(function () { return undefined; });
      },
      navigateTo: function (pageInput, navigationOptions) {
        if (!pageInput || pageInput.pageType !== 'webresource') {
          throw notImplemented('Xrm.Navigation.navigateTo with pageType ' + (pageInput && pageInput.pageType));
        }
        if (!navigationOptions || navigationOptions.target !== 2) {
          throw notImplemented('Xrm.Navigation.navigateTo with target ' + (navigationOptions && navigationOptions.target) + ' (inline)');
        }
        var url = '/WebResources/' + pageInput.webresourceName + (pageInput.data !== undefined ? '?data=' + encodeURIComponent(pageInput.data) : '');
        return host.pageDialog(url, navigationOptions.title || '');
      }
    });
  }

  function createUtility(session, host) {
    var globalContext = strict('Xrm.Utility.getGlobalContext()', {
      userSettings: strict('Xrm.Utility.getGlobalContext().userSettings', {
        languageId: session.languageId,
        userId: '{' + String(session.userId).toUpperCase() + '}'
      }),
      organizationSettings: strict('Xrm.Utility.getGlobalContext().organizationSettings', {
        organizationId: '{' + String(session.organizationId).toUpperCase() + '}',
        languageId: session.languageId
      }),
      getClientUrl: function () { return window.location.origin; }
    });
    return strict('Xrm.Utility', {
      showProgressIndicator: function (message) { host.progress(message); },
      closeProgressIndicator: function () { host.progress(null); },
      getGlobalContext: function () { return globalContext; }
    });
  }

  /**
   * The Xrm object. host: { dialog(options) → Promise<bool>, pageDialog(url, title) → Promise, progress(message|null) }.
   */
  function create(session, host) {
    return strict('Xrm', {
      WebApi: createWebApi(session),
      Navigation: createNavigation(host),
      Utility: createUtility(session, host)
    });
  }

  return { create: create, strict: strict, notImplemented: notImplemented };
})();

window.EmulatorConsole = EmulatorConsole;
