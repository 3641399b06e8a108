// Small progressive behaviour for the console: buttons call the service's own API with the console session.
(function () {
  'use strict';
  const token = document.querySelector('meta[name="csrf-token"]');
  const header = document.querySelector('meta[name="csrf-header"]');

  async function api(method, url, body) {
    const headers = { 'Accept': 'application/json' };
    if (token && header) { headers[header.content] = token.content; }
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    const response = await fetch(url, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    let json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    return { ok: response.ok, status: response.status, json };
  }

  function show(element, text, good) {
    element.textContent = text;
    element.classList.toggle('good', good === true);
    element.classList.toggle('bad', good === false);
  }

  function problem(r) {
    if (r.json && r.json.title) { return r.status + ' ' + r.json.title + ': ' + (r.json.detail || r.json.code); }
    return 'HTTP ' + r.status;
  }

  document.addEventListener('DOMContentLoaded', function () {
    const replay = document.getElementById('replay');
    if (replay) {
      replay.addEventListener('click', async function () {
        const out = document.getElementById('replay-result');
        show(out, 'Replaying…');
        const r = await api('POST', '/api/v1/decisions/' + encodeURIComponent(replay.dataset.replay) + '/replay');
        if (!r.ok) { show(out, problem(r), false); return; }
        const lines = ['Result: ' + r.json.status + ' (ruleset ' + r.json.rulesetVersion.substring(0, 12) + ')'];
        (r.json.differences || []).forEach(d => lines.push(d.pointer + ': ' + JSON.stringify(d.recorded) + ' → ' + JSON.stringify(d.replayed)));
        show(out, lines.join('\n'), r.json.status === 'identical');
      });
    }

    const verify = document.getElementById('verify-form');
    if (verify) {
      verify.addEventListener('submit', async function (event) {
        event.preventDefault();
        const from = Math.max(1, parseInt(document.getElementById('verify-from').value || '1', 10));
        const to = parseInt(document.getElementById('verify-to').value || verify.dataset.head, 10);
        const bar = document.getElementById('verify-progress');
        const out = document.getElementById('verify-result');
        const chunk = 2000;
        let checked = 0;
        show(out, 'Verifying records ' + from + '–' + to + '…');
        for (let start = from; start <= to; start += chunk) {
          const end = Math.min(to, start + chunk - 1);
          const r = await api('GET', '/api/v1/audit/verify?from=' + start + '&to=' + end);
          if (!r.ok) { show(out, problem(r), false); return; }
          checked += r.json.checked;
          bar.value = Math.round(100 * (end - from + 1) / Math.max(1, to - from + 1));
          if (r.json.status !== 'intact') {
            const bad = r.json.firstBad || {};
            show(out, 'BROKEN at record ' + bad.seq + ' (' + bad.decisionId + '): ' + bad.problem, false);
            return;
          }
        }
        show(out, 'Intact: ' + checked + ' records checked from ' + from + ' to ' + to + '.', true);
      });
    }

    const actionResult = document.getElementById('action-result');
    document.querySelectorAll('[data-promote]').forEach(function (button) {
      button.addEventListener('click', async function () {
        const reason = window.prompt('Why promote this version?', 'promoted from the console') || 'promoted from the console';
        const r = await api('POST', '/api/v1/rulesets/' + button.dataset.promote + '/promote', { reason });
        show(actionResult, r.ok ? 'Promoted ' + button.dataset.promote.substring(0, 12) + '. Reload to see it active.' : problem(r), r.ok);
      });
    });
    document.querySelectorAll('[data-rollback]').forEach(function (button) {
      button.addEventListener('click', async function () {
        const reason = window.prompt('Why roll back?', 'rolled back from the console') || 'rolled back from the console';
        const r = await api('POST', '/api/v1/rulesets/rollback', { reason });
        show(actionResult, r.ok ? 'Rolled back. Reload to see the active version.' : problem(r), r.ok);
      });
    });

    document.querySelectorAll('form.decide').forEach(function (form) {
      form.addEventListener('submit', async function (event) {
        event.preventDefault();
        const decision = event.submitter ? event.submitter.value : 'approve';
        // who decides is the signed-in principal; the gate's role is the default
        const body = { decision, comment: form.comment.value };
        const r = await api('POST', '/api/v1/approvals/' + form.dataset.approval, body);
        if (r.ok) {
          show(actionResult, 'Gate ' + r.json.step.gateId + ' ' + r.json.step.status + '; handoff ' + r.json.handoff.contractId
            + ' is now ' + r.json.handoff.status + ' (' + r.json.handoff.posture + ').', true);
          form.closest('article').remove();
        } else {
          show(actionResult, problem(r), false);
        }
      });
    });

    document.querySelectorAll('form.incident-step').forEach(function (form) {
      form.addEventListener('submit', async function (event) {
        event.preventDefault();
        const step = event.submitter ? event.submitter.value : 'acknowledge';
        const body = step === 'resolve' ? { resolution: form.why.value } : { note: form.why.value };
        const r = await api('POST', '/api/v1/incidents/' + form.dataset.incident + '/' + step, body);
        show(actionResult, r.ok ? 'Incident ' + r.json.step.status + '.' : problem(r), r.ok);
        if (r.ok) { document.getElementById('incident-status').textContent = r.json.step.status; }
      });
    });
  });
})();
