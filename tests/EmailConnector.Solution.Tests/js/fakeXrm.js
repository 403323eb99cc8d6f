'use strict';
// A recording fake of the parts of the Dynamics 365 client API (Xrm, formContext) the commands use.

function jsonResponse(body) {
  return { ok: true, status: 200, statusText: 'OK', json: async () => body };
}

function createFakeXrm(options) {
  const opts = options || {};
  const calls = [];
  const progress = [];
  const apiHandlers = opts.api || {};
  const xrm = {
    calls,
    progress,
    alerts: [],
    confirms: [],
    navigations: [],
    WebApi: {
      online: {
        execute: async (request) => {
          const metadata = request.getMetadata();
          calls.push({ request, metadata });
          const handler = apiHandlers[metadata.operationName];
          if (!handler) { throw new Error('fake Xrm: no handler for ' + metadata.operationName); }
          return handler(request, metadata);
        }
      }
    },
    Navigation: {
      openAlertDialog: async (strings) => { xrm.alerts.push(strings); return {}; },
      openConfirmDialog: async (strings, dialogOptions) => { xrm.confirms.push({ strings, dialogOptions }); return { confirmed: opts.confirm !== false }; },
      navigateTo: async (page, navOptions) => { xrm.navigations.push({ page, navOptions }); if (opts.navigateError) { throw opts.navigateError; } }
    },
    Utility: {
      showProgressIndicator: (message) => progress.push({ open: message }),
      closeProgressIndicator: () => progress.push({ close: true }),
      getGlobalContext: () => ({ userSettings: { languageId: 1031 } })
    }
  };
  return xrm;
}

function createFormContext(options) {
  const opts = options || {};
  const form = {
    notifications: [],
    cleared: [],
    saved: 0,
    refreshed: 0,
    data: {
      entity: {
        getId: () => opts.id === undefined ? '{5F3C2A10-1B2C-4D5E-8F90-A1B2C3D4E5F6}' : opts.id,
        getIsDirty: () => !!opts.dirty
      },
      save: async () => { form.saved++; },
      refresh: async () => { form.refreshed++; }
    },
    ui: {
      setFormNotification: (message, level, id) => { form.notifications.push({ message, level, id }); return true; },
      clearFormNotification: (id) => { form.cleared.push(id); return true; }
    },
    getAttribute: (name) => (opts.attributes && name in opts.attributes ? { getValue: () => opts.attributes[name] } : null)
  };
  return form;
}

module.exports = { createFakeXrm, createFormContext, jsonResponse };
