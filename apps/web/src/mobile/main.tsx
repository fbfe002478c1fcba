import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { unstableSetRender } from 'antd-mobile';
import { MobileApp } from './mobile-app.tsx';
// the H5's own texts for t(), not the console's (shared/i18n/texts.ts)
import './mobile-texts.ts';
import './mobile.css';

// antd-mobile 5 renders its imperative popups (Toast, Dialog) through ReactDOM.render, which React 19 removed.
const roots = new WeakMap<Element | DocumentFragment, Root>();
unstableSetRender((node, container) => {
  const root = roots.get(container) ?? createRoot(container);
  roots.set(container, root);
  root.render(node);
  return async () => {
    await Promise.resolve();
    root.unmount();
    roots.delete(container);
  };
});

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');
createRoot(container).render(
  <StrictMode>
    <MobileApp />
  </StrictMode>,
);
