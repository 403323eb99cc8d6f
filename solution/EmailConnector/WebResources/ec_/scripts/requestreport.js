/*
 * Request report dialog (ec_/pages/requestreport.html): asks for the report language and time zone, then calls
 * ec_RequestReport through EmailConnector.Commands. Plain ES2017; exported for Node tests.
 */
var EmailConnector = (typeof window !== 'undefined' && window.EmailConnector) || {};

EmailConnector.ReportDialog = (function (commands) {
  'use strict';

  var LANGUAGES = [
    { tag: 'en-US', lcid: 1033, label: 'English' },
    { tag: 'de-DE', lcid: 1031, label: 'Deutsch' },
    { tag: 'fr-FR', lcid: 1036, label: 'Français' },
    { tag: 'es-ES', lcid: 3082, label: 'Español' },
    { tag: 'it-IT', lcid: 1040, label: 'Italiano' },
    { tag: 'nl-NL', lcid: 1043, label: 'Nederlands' }
  ];
  var FALLBACK_TIME_ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Paris', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam',
    'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];

  /** The campaign activity id passed by Xrm.Navigation.navigateTo as data "id=<guid>". */
  function activityIdFrom(search) {
    var data = new URLSearchParams(search || '').get('data');
    var id = data ? new URLSearchParams(data).get('id') : null;
    return id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id.toLowerCase() : null;
  }

  function timeZones(intl) {
    if (intl && typeof intl.supportedValuesOf === 'function') {
      var zones = intl.supportedValuesOf('timeZone');
      return zones.indexOf('UTC') >= 0 ? zones : ['UTC'].concat(zones);
    }
    return FALLBACK_TIME_ZONES.slice();
  }

  function isTimeZone(intl, zone) {
    if (typeof zone !== 'string' || zone === '') { return false; }
    try {
      new intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch (e) {
      return false;
    }
  }

  /** The preselected language (the user's CRM language) and time zone (the browser's). */
  function defaults(userSettings, intl) {
    var lcid = userSettings && userSettings.languageId;
    var language = LANGUAGES.filter(function (l) { return l.lcid === lcid; })[0] || LANGUAGES[0];
    var zone = intl.DateTimeFormat().resolvedOptions().timeZone;
    return { language: language.tag, timeZone: isTimeZone(intl, zone) ? zone : 'UTC' };
  }

  /** Validates the choice and requests the report. Resolves to { ok, message } in plain words. */
  async function submit(activityId, language, timeZone, intl) {
    if (!activityId) { return { ok: false, message: 'Save the campaign activity first, then request the report again.' }; }
    if (!LANGUAGES.some(function (l) { return l.tag === language; })) { return { ok: false, message: 'Choose one of the listed languages.' }; }
    if (!isTimeZone(intl, timeZone)) { return { ok: false, message: 'Choose one of the listed time zones.' }; }
    try {
      return { ok: true, message: await commands.submitReportRequest(activityId, language, timeZone) };
    } catch (error) {
      return { ok: false, message: commands.describeError(error) };
    }
  }

  function fill(select, items) {
    items.forEach(function (item) {
      var option = select.ownerDocument.createElement('option');
      option.value = item.value;
      option.textContent = item.label;
      select.appendChild(option);
    });
  }

  /** Wires the dialog page. */
  function init(doc, win) {
    var intl = win.Intl;
    var activityId = activityIdFrom(win.location.search);
    var settings = win.parent && win.parent.Xrm ? win.parent.Xrm.Utility.getGlobalContext().userSettings : null;
    var chosen = defaults(settings, intl);
    var language = doc.getElementById('language');
    var zone = doc.getElementById('timezone');
    var status = doc.getElementById('status');
    var request = doc.getElementById('request');
    fill(language, LANGUAGES.map(function (l) { return { value: l.tag, label: l.label }; }));
    fill(zone, timeZones(intl).map(function (z) { return { value: z, label: z.replace(/_/g, ' ') }; }));
    language.value = chosen.language;
    zone.value = chosen.timeZone;
    doc.getElementById('cancel').addEventListener('click', function () { win.close(); });
    request.addEventListener('click', async function () {
      request.disabled = true;
      status.textContent = 'Requesting the report…';
      var result = await submit(activityId, language.value, zone.value, intl);
      status.textContent = result.message;
      status.className = result.ok ? 'ok' : 'error';
      request.disabled = result.ok;
    });
  }

  return { LANGUAGES: LANGUAGES, activityIdFrom: activityIdFrom, timeZones: timeZones, defaults: defaults, submit: submit, init: init };
})(typeof module !== 'undefined' && module.exports ? require('./commands.js') : EmailConnector.Commands);

if (typeof window !== 'undefined') { window.EmailConnector = EmailConnector; }
if (typeof module !== 'undefined' && module.exports) { module.exports = EmailConnector.ReportDialog; }
