// Small progressive behaviour for the console. Every state change goes through one confirmation dialog (what will
// happen, who acts: the session's principal, a required reason) and then calls the service's own API with the console
// session and its CSRF token; the result is shown where the user looks and the page is refreshed in place.
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
    if (!element) { return; }
    element.textContent = text;
    element.classList.toggle('good', good === true);
    element.classList.toggle('bad', good === false);
  }

  function problem(r) {
    if (r.status === 0 && r.json) { return r.json.detail; }
    if (r.json && r.json.title) { return r.status + ' ' + r.json.title + ': ' + (r.json.detail || r.json.code); }
    if (r.status === 401) { return '401: your session ended; sign in again.'; }
    return 'HTTP ' + r.status;
  }

  // What each action sends: the reason goes into the field its endpoint records it in.
  const ACTIONS = {
    approve: { body: (reason) => ({ decision: 'approve', comment: reason }),
      done: (j) => 'Gate ' + j.step.gateId + ' ' + j.step.status + '; handoff ' + j.handoff.contractId + ' is now ' + j.handoff.status + '.' },
    reject: { body: (reason) => ({ decision: 'reject', comment: reason }),
      done: (j) => 'Gate ' + j.step.gateId + ' ' + j.step.status + '; handoff ' + j.handoff.contractId + ' is now ' + j.handoff.status + '.' },
    acknowledge: { body: (reason) => ({ note: reason }), done: (j) => 'Incident ' + j.step.status + '.' },
    resolve: { body: (reason) => ({ resolution: reason }), done: (j) => 'Incident ' + j.step.status + '.' },
    promote: { body: (reason) => ({ reason }), done: (j) => 'Promoted: ' + j.active.substring(0, 12) + ' is active.' },
    rollback: { body: (reason) => ({ reason }), done: (j) => 'Rolled back: ' + j.active.substring(0, 12) + ' is active.' },
    'shadow-start': { body: (reason) => ({ enabled: true, reason }), done: (j) => 'Shadow started for ' + j.shadow.substring(0, 12) + '.' },
    'shadow-stop': { body: (reason) => ({ enabled: false, reason }), done: () => 'Shadow stopped.' },
    canary: { percent: true, body: (reason, percent) => ({ percent, reason }),
      done: (j) => j.canary ? 'Canary ' + j.canary.substring(0, 12) + ' at ' + j.canaryPercent + '%.' : 'No canary runs.' },
    'canary-stop': { body: (reason) => ({ percent: 0, reason }), done: () => 'Canary stopped.' },
    // the zip goes as it is (application/zip), the reason as a parameter; its page then follows the check
    'submit-zip': { send: submitZip, done: (j) => 'Submitted ' + j.version.substring(0, 12) + ': ' + j.status + '.',
      then: (j) => { window.location.href = '/console/rulesets/candidates/' + encodeURIComponent(j.version); } }
  };

  async function submitZip(button, reason) {
    const input = document.getElementById('candidate-zip');
    const file = input && input.files && input.files[0];
    if (!file) { return { ok: false, status: 0, json: { title: 'No file', detail: 'choose a zip file first' } }; }
    const headers = { 'Accept': 'application/json', 'Content-Type': 'application/zip' };
    if (token && header) { headers[header.content] = token.content; }
    const response = await fetch(button.dataset.url + '?reason=' + encodeURIComponent(reason),
      { method: 'POST', headers, credentials: 'same-origin', body: file });
    let json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    return { ok: response.ok, status: response.status, json };
  }

  let pending = null; // the button whose action the dialog is confirming

  function openConfirm(button) {
    const dialog = document.getElementById('confirm');
    const action = ACTIONS[button.dataset.action];
    if (!dialog || !action) { return; }
    pending = button;
    document.getElementById('confirm-title').textContent = button.textContent.replace('…', '').trim() + '?';
    document.getElementById('confirm-what').textContent = button.dataset.what || '';
    document.getElementById('confirm-percent-label').hidden = !action.percent;
    document.getElementById('confirm-percent').required = !!action.percent;
    const reason = document.getElementById('confirm-reason');
    const scope = button.closest('article, .decide, section');
    const comment = scope ? scope.querySelector('input.comment') : null;
    reason.value = comment ? comment.value : '';
    show(document.getElementById('confirm-error'), '');
    document.getElementById('confirm-ok').disabled = false;
    dialog.showModal();
    reason.focus();
  }

  function closeConfirm() {
    const dialog = document.getElementById('confirm');
    pending = null;
    if (dialog && dialog.open) { dialog.close('cancel'); }
  }

  async function confirmed(event) {
    event.preventDefault();
    const button = pending;
    if (!button) { closeConfirm(); return; }
    const action = ACTIONS[button.dataset.action];
    const reason = document.getElementById('confirm-reason').value.trim();
    const error = document.getElementById('confirm-error');
    if (!reason) { show(error, 'A reason is required: the audit log records why.', false); return; }
    const percent = parseInt(document.getElementById('confirm-percent').value, 10);
    if (action.percent && !(percent >= 1 && percent <= 100)) { show(error, 'The share must be 1 to 100 %.', false); return; }
    const ok = document.getElementById('confirm-ok');
    ok.disabled = true;
    const r = action.send ? await action.send(button, reason) : await api('POST', button.dataset.url, action.body(reason, percent));
    ok.disabled = false;
    if (!r.ok) { show(error, problem(r), false); return; } // stays open: the user sees why where they are looking
    closeConfirm();
    const message = action.done(r.json || {});
    if (action.then) { announce(message, true); action.then(r.json || {}); return; }
    await refresh();
    announce(message, true);
  }

  // The page's main content again from the server, so what the page shows is what now is.
  async function refresh() {
    try {
      const response = await fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } });
      if (!response.ok) { return; }
      const next = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('main');
      const main = document.querySelector('main');
      if (next && main) { main.innerHTML = next.innerHTML; enhance(main); }
    } catch (e) {
      // the result is announced anyway; a reload shows the rest
    }
  }

  function announce(message, good) {
    const result = document.getElementById('action-result');
    show(result, message, good);
    const toast = document.getElementById('toast');
    show(toast, message, good);
    if (toast) {
      clearTimeout(toast.hideTimer);
      toast.hideTimer = setTimeout(() => show(toast, ''), 8000);
    }
  }

  function enhance(root) {
    // sheet tabs: one sheet at a time once scripts run (every sheet stays readable without them)
    root.querySelectorAll('.tabs').forEach(function (tabs) {
      const buttons = Array.from(tabs.querySelectorAll('[role="tab"]'));
      const select = function (chosen) {
        buttons.forEach(function (b) {
          const on = b === chosen;
          b.setAttribute('aria-selected', on ? 'true' : 'false');
          b.classList.toggle('secondary', !on);
          const panel = document.getElementById(b.getAttribute('aria-controls'));
          if (panel) { panel.hidden = !on; }
        });
      };
      buttons.forEach(b => b.addEventListener('click', () => select(b)));
      if (buttons.length) { select(buttons[0]); }
    });
  }

  document.addEventListener('click', async function (event) {
    const actionButton = event.target.closest('button[data-action]');
    if (actionButton) { event.preventDefault(); openConfirm(actionButton); return; }
    if (event.target.closest('#confirm-cancel')) { event.preventDefault(); closeConfirm(); return; }
    const copy = event.target.closest('button.copy');
    if (copy) {
      try {
        await navigator.clipboard.writeText(copy.dataset.copy);
        announce('Copied ' + copy.dataset.copy, true);
      } catch (e) {
        announce('Copy is not allowed here; the full value is ' + copy.dataset.copy, false);
      }
      return;
    }
    const replay = event.target.closest('#replay');
    if (replay) {
      const out = document.getElementById('replay-result');
      show(out, 'Replaying…');
      const r = await api('POST', '/api/v1/decisions/' + encodeURIComponent(replay.dataset.replay) + '/replay');
      if (!r.ok) { show(out, problem(r), false); return; }
      const lines = ['Result: ' + r.json.status + ' (ruleset ' + r.json.rulesetVersion.substring(0, 12) + ')'];
      (r.json.differences || []).forEach(d => lines.push(d.pointer + ': ' + JSON.stringify(d.recorded) + ' → ' + JSON.stringify(d.replayed)));
      show(out, lines.join('\n'), r.json.status === 'identical');
    }
  });

  // Enter in a field of an action's area never submits anything: only a button click (or Enter on the button) acts.
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && event.target.matches('.decide input, input.comment')) { event.preventDefault(); }
  });

  // A candidate still being checked: its page asks the API until the report is final, then shows it.
  function poll() {
    const summary = document.querySelector('[data-poll]');
    if (!summary) { return; }
    const started = Date.now();
    const note = document.getElementById('poll-note');
    const timer = setInterval(async function () {
      const r = await api('GET', summary.dataset.poll);
      if (r.ok && r.json && r.json.status !== 'compiling') {
        clearInterval(timer);
        await refresh();
        announce('The check ended: ' + r.json.status + '.', r.json.status === 'passed');
        return;
      }
      if (note) { note.textContent = 'compiling and running every case (' + Math.round((Date.now() - started) / 1000) + ' s); this page updates when the check ends'; }
      if (!r.ok && r.status === 401) { clearInterval(timer); announce(problem(r), false); }
    }, 1500);
  }

  // Try a contract: the API decides it without recording; the console renders the answer as the decision page does.
  function tryForm() {
    const form = document.getElementById('try-form');
    if (!form) { return; }
    const file = document.getElementById('try-file');
    file.addEventListener('change', async function () {
      if (file.files && file.files[0]) { document.getElementById('try-contract').value = await file.files[0].text(); }
    });
    form.addEventListener('submit', async function (event) {
      event.preventDefault();
      const out = document.getElementById('try-result');
      const version = document.getElementById('try-version').value;
      out.textContent = 'Deciding…';
      const headers = { 'Accept': 'application/json', 'Content-Type': 'application/json' };
      if (token && header) { headers[header.content] = token.content; }
      const response = await fetch(form.dataset.url + encodeURIComponent(version) + '/try',
        { method: 'POST', headers, credentials: 'same-origin', body: document.getElementById('try-contract').value });
      const text = await response.text();
      let json = null;
      try { json = JSON.parse(text); } catch (e) { json = null; }
      if (!response.ok) { out.replaceChildren(problemBlock({ status: response.status, json })); out.scrollIntoView({ block: 'start' }); return; }
      const recorded = response.headers.get('Decision-Recorded') || '(not sent)';
      const view = await fetch('/console/rulesets/try/view?version=' + encodeURIComponent(version) + '&recorded=' + encodeURIComponent(recorded),
        { method: 'POST', headers, credentials: 'same-origin', body: text });
      if (!view.ok) { out.textContent = 'The decision came back but could not be shown (HTTP ' + view.status + '):\n' + text; return; }
      out.innerHTML = await view.text();
      out.scrollIntoView({ block: 'start' }); // the answer where the user looks, not below a long contract
    });
  }

  // A problem answer: its message, and for an invalid contract every violation with its JSON pointer.
  function problemBlock(r) {
    const block = document.createElement('div');
    const message = document.createElement('p');
    message.className = 'result bad';
    message.id = 'try-problem';
    message.textContent = problem(r);
    block.appendChild(message);
    const errors = (r.json && r.json.errors) || [];
    if (errors.length) {
      const table = document.createElement('table');
      table.id = 'violations';
      table.innerHTML = '<caption>Every violation, by JSON pointer into the contract</caption>'
        + '<thead><tr><th scope="col">Pointer</th><th scope="col">Code</th><th scope="col">Message</th></tr></thead>';
      const body = document.createElement('tbody');
      errors.forEach(function (e) {
        const row = document.createElement('tr');
        [e.pointer || e.parameter || '', e.code || '', e.message || ''].forEach(function (value, i) {
          const cell = document.createElement('td');
          cell.textContent = value;
          if (i === 0) { cell.className = 'mono pointer'; }
          row.appendChild(cell);
        });
        body.appendChild(row);
      });
      table.appendChild(body);
      const scroll = document.createElement('div');
      scroll.className = 'scroll';
      scroll.appendChild(table);
      block.appendChild(scroll);
    }
    return block;
  }

  document.addEventListener('DOMContentLoaded', function () {
    enhance(document);
    poll();
    tryForm();
    const form = document.getElementById('confirm-form');
    if (form) { form.addEventListener('submit', confirmed); }
    const dialog = document.getElementById('confirm');
    if (dialog) { dialog.addEventListener('close', function () { pending = null; }); }

    const verify = document.getElementById('verify-form');
    if (verify) {
      verify.addEventListener('submit', async function (event) {
        event.preventDefault();
        const from = parseInt(document.getElementById('verify-from').value, 10);
        const to = parseInt(document.getElementById('verify-to').value, 10);
        const head = parseInt(verify.dataset.head, 10);
        const bar = document.getElementById('verify-progress');
        const out = document.getElementById('verify-result');
        bar.value = 0;
        if (!(from >= 1) || !(to >= 1)) { show(out, 'Give the first and the last record to check (1 to ' + head + ').', false); return; }
        if (from > to) { show(out, 'The range is reversed: "from" (' + from + ') is after "to" (' + to + '). Nothing was checked.', false); return; }
        if (to > head) { show(out, 'The log has ' + head + ' records; "to" (' + to + ') is beyond its end. Nothing was checked.', false); return; }
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
            out.textContent = 'BROKEN at record ' + bad.seq + ': ' + bad.problem + ' ';
            if (bad.decisionId) {
              const link = document.createElement('a');
              link.href = '/console/records/' + encodeURIComponent(bad.decisionId);
              link.textContent = 'Open record ' + bad.seq;
              link.id = 'broken-record';
              out.appendChild(link);
            }
            out.classList.remove('good');
            out.classList.add('bad');
            return;
          }
        }
        show(out, checked === 0 ? 'Nothing to check in ' + from + '–' + to + ' (records removed by retention are covered by their checkpoint).'
          : 'Intact: ' + checked + ' records checked from ' + from + ' to ' + to + '.', checked > 0);
      });
    }
  });
})();
