import { createRoot } from 'react-dom/client';
import { DropZone } from './DropZone.tsx';

createRoot(document.getElementById('root')!).render(<DropZone />);
