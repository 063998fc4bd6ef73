// Placeholder entry until the workspace lands (issue 4).
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root) createRoot(root).render(<h1>UIDL Studio</h1>);
