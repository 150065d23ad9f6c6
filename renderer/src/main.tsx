import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/feedback.css';
import './styles/cards.css';
import './styles/transfers.css';
import './styles/forms.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { createSession } from './bridge/session.js';
import { Root } from './components/root.js';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <Root choice={createSession(window)} />
  </StrictMode>,
);
