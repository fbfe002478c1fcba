import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './app.tsx';
// every feature's texts for t() (the H5 installs only its own: mobile/mobile-texts.ts)
import '../shared/i18n/dictionary.ts';
import './console.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');
createRoot(container).render(
  <StrictMode>
    <ConsoleApp />
  </StrictMode>,
);
