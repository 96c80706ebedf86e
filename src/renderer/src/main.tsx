// Renderer entry. The API module is imported first: in the web host it takes the token out of the
// address bar before the router reads the hash.
import './api';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
// The Korean font the app ships (OFL), the weights the styles use: screen and print look the same on any PC.
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-kr/600.css';
import '@fontsource/noto-sans-kr/700.css';
import './styles/app.css';
import './styles/dashboard.css';
import './styles/grid.css';

initI18n();

const container = document.getElementById('root');
if (container === null) throw new Error('#root missing from index.html');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
