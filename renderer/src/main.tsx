/** The renderer's entry: the review app and its stylesheet (no inline scripts or styles: the CSP forbids scripts). */
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './app.css';

createRoot(document.getElementById('root')!).render(<App />);
