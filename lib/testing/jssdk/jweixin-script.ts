/** Where the emulator serves its jweixin stand-in and where the script asks for the check. */
export const JWEIXIN_PATH = '/emulator/jweixin-1.6.0.js';
export const JSSDK_VERIFY_PATH = '/emulator/jssdk/verify';

/**
 * A `jweixin-1.6.0.js` stand-in for pages outside WeChat: `wx.config` sends the config and `location.href` to the
 * emulator that served the script, which checks the signature against its current jsapi_ticket and the page URL.
 * The outcome is shown on the page (a banner with role="status" / "alert"), in an `alert` when `debug: true` (as
 * WeChat's debug mode does), passed to `wx.ready` / `wx.error`, posted to the parent window (the emulator page's
 * H5 pane shows it in its "JS-SDK 调试" strip), and kept in `window.__wxEmulator.config` and the `data-wx-config`
 * attribute of `<html>` for tests. Other APIs answer `{errMsg: '<name>:ok'}` after a good config.
 */
export const JWEIXIN_SCRIPT = `/* nestjs-wechat-mp emulator: jweixin-1.6.0 stand-in */
(function (global) {
  'use strict';
  var doc = global.document;
  var script = doc && doc.currentScript;
  var origin = script && script.src ? new URL(script.src).origin : '';
  var state = { config: null, pending: null, readyFns: [], errorFns: [] };
  global.__wxEmulator = state;

  function banner(result) {
    if (!doc || !doc.body) return;
    var el = doc.getElementById('wx-emulator-config');
    if (!el) {
      el = doc.createElement('div');
      el.id = 'wx-emulator-config';
      el.style.cssText = 'position:fixed;left:0;right:0;bottom:0;padding:8px 12px;font:14px/1.4 sans-serif;z-index:2147483647;color:#fff';
      doc.body.appendChild(el);
    }
    el.setAttribute('role', result.ok ? 'status' : 'alert');
    el.style.background = result.ok ? '#07c160' : '#fa5151';
    el.textContent = 'wx.config: ' + result.errMsg + (result.ok ? '' : ' \u2014 ' + result.reason);
  }

  /** The emulator page's H5 pane listens for these ('*': the pane is on the emulator's origin, the page on the app's). */
  function post(data) {
    if (!global.parent || global.parent === global) return;
    data.source = 'wechat-mp-emulator';
    try {
      global.parent.postMessage(data, '*');
    } catch (error) {
      // a parent that refuses messages: the banner still shows the result
    }
  }

  function report(api, result) {
    post({ kind: 'jssdk', api: api, ok: result.ok, message: result.ok ? result.errMsg : result.errMsg + ' \u2014 ' + result.reason });
  }

  // the pane's title bar and address line (it cannot read another origin's document)
  function announce() {
    post({ kind: 'page', title: doc ? doc.title : '', href: String(global.location && global.location.href || '') });
  }
  if (doc && doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', announce);
  else announce();

  function settle(result, debug) {
    state.config = result;
    if (doc && doc.documentElement) doc.documentElement.setAttribute('data-wx-config', result.ok ? 'ok' : 'fail');
    banner(result);
    report('config', result);
    if (debug && typeof global.alert === 'function') global.alert(JSON.stringify({ errMsg: result.errMsg, reason: result.reason }));
    var fns = result.ok ? state.readyFns : state.errorFns;
    for (var i = 0; i < fns.length; i++) fns[i](result.ok ? undefined : { errMsg: result.errMsg, reason: result.reason });
  }

  function config(options) {
    options = options || {};
    var query = new URLSearchParams({
      appId: String(options.appId || ''),
      timestamp: String(options.timestamp || ''),
      nonceStr: String(options.nonceStr || ''),
      signature: String(options.signature || ''),
      href: String(global.location && global.location.href || '')
    });
    state.pending = global.fetch(origin + '${JSSDK_VERIFY_PATH}?' + query.toString())
      .then(function (res) { return res.json(); })
      .catch(function (error) { return { ok: false, errMsg: 'config:fail', reason: 'the emulator could not be reached (' + error + ')' }; })
      .then(function (result) { settle(result, options.debug === true); return result; });
    return state.pending;
  }

  function api(name) {
    return function (options) {
      options = options || {};
      var ok = state.config && state.config.ok;
      var res = { errMsg: name + (ok ? ':ok' : ':fail, the permission value is offline verifying') };
      if (ok && options.success) options.success(res);
      if (!ok && options.fail) options.fail(res);
      if (options.complete) options.complete(res);
    };
  }

  var wx = {
    config: config,
    ready: function (fn) { if (state.config && state.config.ok) fn(); else state.readyFns.push(fn); },
    error: function (fn) { if (state.config && !state.config.ok) fn({ errMsg: state.config.errMsg, reason: state.config.reason }); else state.errorFns.push(fn); },
    checkJsApi: function (options) {
      var result = {};
      (options && options.jsApiList || []).forEach(function (n) { result[n] = true; });
      if (options && options.success) options.success({ checkResult: result, errMsg: 'checkJsApi:ok' });
    }
  };
  ['updateAppMessageShareData', 'updateTimelineShareData', 'chooseImage', 'previewImage', 'uploadImage', 'downloadImage',
   'startRecord', 'stopRecord', 'playVoice', 'uploadVoice', 'downloadVoice', 'getLocation', 'openLocation', 'scanQRCode',
   'closeWindow', 'hideMenuItems', 'showMenuItems', 'getNetworkType', 'chooseWXPay', 'addCard', 'chooseCard', 'openCard'
  ].forEach(function (name) { wx[name] = api(name); });
  global.wx = global.jWeixin = wx;
})(typeof window !== 'undefined' ? window : globalThis);
`;
