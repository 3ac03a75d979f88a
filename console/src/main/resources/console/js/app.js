// The console's router: #/experiments, #/experiments/<key>, #/flags, #/bandits, #/planning,
// #/explain. Each page module exports render(view, params, context) and fills the view itself.
import { config, describeError, setToken } from './api.js';
import * as experiments from './pages/experiments.js';
import * as experiment from './pages/experiment.js';
import * as flags from './pages/flags.js';
import * as bandits from './pages/bandits.js';
import * as planning from './pages/planning.js';
import * as explain from './pages/explain.js';

const ROUTES = [
  [/^#\/experiments\/(.+)$/, experiment, 'experiments'],
  [/^#\/experiments$/, experiments, 'experiments'],
  [/^#\/flags$/, flags, 'flags'],
  [/^#\/bandits$/, bandits, 'bandits'],
  [/^#\/planning$/, planning, 'planning'],
  [/^#\/explain$/, explain, 'explain'],
];
const view = document.getElementById('view');
const status = document.getElementById('status');
let context = { actionsEnabled: false };
let generation = 0;

export function showError(error) {
  status.textContent = error ? describeError(error) : '';
}

async function route() {
  const hash = location.hash || '#/experiments';
  const [pattern, page, section] = ROUTES.find(([p]) => p.test(hash)) ?? ROUTES[1];
  const params = hash.match(pattern)?.slice(1).map(decodeURIComponent) ?? [];
  for (const link of document.querySelectorAll('nav a')) {
    link.toggleAttribute('aria-current', link.getAttribute('href') === `#/${section}`);
    if (link.hasAttribute('aria-current')) link.setAttribute('aria-current', 'page');
  }
  const mine = ++generation;
  showError(null);
  view.replaceChildren(document.createTextNode('Loading…'));
  view.removeAttribute('data-ready');
  try {
    const fragment = document.createElement('div');
    await page.render(fragment, params, { ...context, showError, isCurrent: () => mine === generation });
    if (mine !== generation) return;
    view.replaceChildren(...fragment.childNodes);
    // After render: charts need the view's width, so pages may draw once attached.
    fragment.afterAttach?.forEach((draw) => draw());
    view.setAttribute('data-ready', section);
  } catch (error) {
    if (mine !== generation) return;
    view.replaceChildren(document.createTextNode('This page could not be loaded.'));
    showError(error);
    view.setAttribute('data-ready', 'error');
  }
}

async function start() {
  try {
    context = { ...context, ...(await config()) };
  } catch (error) {
    showError(error);
  }
  const form = document.getElementById('token-form');
  if (context.actionsEnabled) {
    form.hidden = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      setToken(document.getElementById('token').value.trim());
      status.textContent = 'Token kept for this tab.';
    });
  }
  window.addEventListener('hashchange', route);
  await route();
}

start();
