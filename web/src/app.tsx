/** @module The app shell: top bar, navigation and the four views (Decide, Decision, Lab, History). */
import { lazy, Suspense, useMemo } from 'react';
import type { KnowledgeBase } from '../../src/core/browser.ts';
import { Loading } from './components/loading.tsx';
import { loadKnowledgeBase } from './lib/kb.ts';
import { type Route, routeHref, useRoute } from './lib/route.ts';
import { DecideView } from './views/decide-view.tsx';

// Only the Decide view comes with the page (the first verdict needs nothing else); the other views are chunks of
// their own, loaded the first time they are opened.
const HistoryView = lazy(() => import('./views/history-view.tsx').then((m) => ({ default: m.HistoryView })));
const LabView = lazy(() => import('./views/lab-view.tsx').then((m) => ({ default: m.LabView })));
const SavedDecisionView = lazy(() =>
  import('./views/saved-decision-view.tsx').then((m) => ({ default: m.SavedDecisionView })),
);

const TABS: { route: Route; label: string; views: Route['view'][] }[] = [
  { route: { view: 'decide' }, label: 'Decide', views: ['decide', 'edit', 'share'] },
  { route: { view: 'lab' }, label: 'Lab', views: ['lab'] },
  { route: { view: 'history' }, label: 'History', views: ['history', 'decision'] },
];

/**
 * @example
 * createRoot(element).render(<App />);
 */
export function App() {
  const route = useRoute();
  const kb = useMemo((): { ok: true; kb: KnowledgeBase } | { ok: false; error: string } => {
    try {
      return { ok: true, kb: loadKnowledgeBase() };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }, []);

  return (
    <>
      {/* The hash is the router, so the skip link moves focus itself instead of changing the hash. */}
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link to #main; the click keeps the route's hash */}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          <span className="go">go</span>
          <span className="rust">rust</span>
        </span>
        <nav className="nav" aria-label="Views">
          {TABS.map((tab) => (
            <a
              key={tab.label}
              href={routeHref(tab.route)}
              className={tab.views.includes(route.view) ? 'active' : ''}
              aria-current={tab.views.includes(route.view) ? 'page' : undefined}
              data-testid={`nav-${tab.label.toLowerCase()}`}
            >
              {tab.label}
            </a>
          ))}
        </nav>
        <span className="spacer" />
        <span className="note">
          Go, Rust or both: a decision backed by sourced evidence and your own measurements
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <h1 className="view-title" data-testid="view-title">
          {viewTitle(route)}
        </h1>
        {kb.ok ? (
          <Suspense fallback={<Loading what="view" />}>
            <View route={route} kb={kb.kb} />
          </Suspense>
        ) : (
          <p className="error">The knowledge base did not load: {kb.error}</p>
        )}
      </main>
    </>
  );
}

/** The one level-one heading of each view. */
function viewTitle(route: Route): string {
  switch (route.view) {
    case 'decision':
      return `Saved decision ${route.id}`;
    case 'edit':
      return `Decide: editing a copy of decision ${route.id}`;
    case 'lab':
      return 'Evidence lab';
    case 'history':
      return 'History';
    case 'share':
      return 'Decide: a shared draft';
    default:
      return 'Decide: Go, Rust or both?';
  }
}

function View({ route, kb }: { route: Route; kb: KnowledgeBase }) {
  switch (route.view) {
    case 'decision':
      return <SavedDecisionView kb={kb} id={route.id} />;
    case 'edit':
      return <DecideView kb={kb} savedId={route.id} />;
    case 'lab':
      return <LabView run={route.run} />;
    case 'history':
      return <HistoryView kb={kb} />;
    case 'share':
      return <DecideView kb={kb} shared={route.data} />;
    default:
      return <DecideView kb={kb} example={route.example} />;
  }
}
