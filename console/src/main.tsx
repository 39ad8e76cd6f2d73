/**
 * Start-up: fetch /config.json (which API, which sign-in), then render. One build, every stage.
 * A signed-in reload starts the page's first reads (and a project page's chunk) before rendering,
 * so they run while React builds the shell (services/early.ts).
 */
import { createRoot } from 'react-dom/client';
import { term } from '../../domain/glossary/with-console';
import { App, preloadPage } from './App';
import { bootSession } from './auth/bootToken';
import { earlyReadsFor, startEarlyReads } from './services/early';
import { loadConfig } from './config';
import './global.css';

const root = createRoot(document.getElementById('root')!);
preloadPage(window.location.pathname);

loadConfig().then(
  (config) => {
    const session = bootSession(config);
    if (session) startEarlyReads(config.apiUrl, session.token, earlyReadsFor(window.location.pathname, window.location.search, session.identity.roles));
    root.render(<App config={config} />);
  },
  (err: unknown) => {
    // Plain DOM: antd may not be usable if the configuration is what failed.
    const box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.style.cssText = 'margin:48px auto;max-width:640px;font:16px/1.6 sans-serif;color:#a8071a';
    box.textContent = `${term('error.config', 'zh')} / ${term('error.config', 'en')}: ${(err as Error).message}`;
    document.getElementById('root')!.replaceChildren(box);
  },
);
